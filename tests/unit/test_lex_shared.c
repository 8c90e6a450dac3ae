/*
 * test_lex_shared.c — every dictionary file in ../shared loads (Phoenix,
 * PETRARCH-1/2 validation, TABARI validation), alone and as folders, with
 * the counts we expect from their contents; skips when ../shared is absent.
 */
#include "test_util.h"

#include "lexicon/lexicon.h"

#include <dirent.h>

static int malformed;
static void count(void *user, const dyad_error *err) { malformed++; }

static const char *const folders[] = {
    "data/phoenix_dictionaries",
    "data/petrarch_validation",
    "corpora/petrarch_validation_2_02",
    "data/tabari_validation",
};

/* Names in the folders that are not dictionaries (records, docs). */
static bool not_a_dictionary(const char *name)
{
    static const char *const skip[] = {".xml", ".jsonl", ".md", ".text", "LICENSE", "Ontology"};
    if (name[0] == '.')
        return true;
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
        if (strstr(name, skip[i]))
            return true;
    return false;
}

static void every_shared_dictionary_file_loads(void **state)
{
    char probe[1024];
    SKIP_WITHOUT_SHARED("data/phoenix_dictionaries/CAMEO.2.0.txt", probe);
    int files = 0;
    for (size_t f = 0; f < sizeof folders / sizeof folders[0]; f++) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/%s", test_shared_dir(), folders[f]);
        DIR *d = opendir(dir);
        assert_non_null(d);
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (not_a_dictionary(de->d_name))
                continue;
            char path[2048];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            const char *one[] = {path};
            dyad_lexicon_options o = {NULL, count, NULL, 0, 1, NULL};
            dyad_lexicon *lx = NULL;
            dyad_error err;
            dyad_status st = dyad_lexicon_load_files(one, 1, &o, &lx, &err);
            if (st)
                fprintf(stderr, "%s: %s\n", path, err.message);
            assert_int_equal(st, DYAD_OK);
            dyad_lexicon_stats s;
            dyad_lexicon_stats_get(lx, &s);
            /* Each file contributes something. */
            assert_true(s.actors + s.agents + s.verbs + s.synsets + s.discards + s.issues + s.options > 0);
            dyad_lexicon_free(lx);
            files++;
        }
        closedir(d);
    }
    assert_int_equal(files, 23); /* 7 Phoenix + 5 + 4 PETRARCH validation + 7 TABARI */
}

static void phoenix_set_loads_with_expected_counts(void **state)
{
    char dir[1024];
    SKIP_WITHOUT_SHARED("data/phoenix_dictionaries", dir);
    dyad_lexicon_options o = {NULL, count, NULL, 0, 1, NULL};
    dyad_lexicon *lx;
    dyad_error err;
    malformed = 0;
    assert_int_equal(dyad_lexicon_load_dir(dir, &o, &lx, &err), DYAD_OK);
    dyad_lexicon_stats s;
    dyad_lexicon_stats_get(lx, &s);
    assert_int_equal(s.files, 7);
    assert_int_equal(s.patterns, 4666);  /* 4668 "- " lines less 2 malformed */
    assert_int_equal(s.synsets, 40);
    assert_true(s.actors > 25000);
    assert_true(s.agents > 2000);
    assert_true(s.verbs > 1500);
    assert_int_equal(s.transformations, 8);
    assert_int_equal(malformed, 25);
    dyad_date d = {2023, 3, 8};
    dyad_lex_match m[8];
    size_t n;
    assert_int_equal(dyad_lexicon_lookup(lx, "Ilham Aliyev", 12, d, m, 8, &n), DYAD_OK);
    assert_int_equal(m[0].code.len, 6);
    assert_memory_equal(m[0].code.ptr, "AZEGOV", 6);
    assert_int_equal(dyad_lexicon_lookup(lx, "United Nations", 14, d, m, 8, &n), DYAD_OK);
    assert_int_equal(dyad_lexicon_check(lx, NULL, NULL) > 0, 1);
    dyad_lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_shared_dictionary_file_loads),
        cmocka_unit_test(phoenix_set_loads_with_expected_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
