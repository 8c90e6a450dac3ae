/*
 * test_lex_cache.c — the compiled lexicon (cache.c): a compiled and mapped
 * lexicon answers like the text one; flipped bytes, truncation and foreign
 * files are refused with a message naming the file; a folder's cache is
 * used, refreshed when a source changes, and rebuilt when damaged.
 */
#include "test_util.h"

#include "lexicon/lexicon.h"

#include <sys/stat.h>

static const char actors[] = "HARBOR_TOWN_  [HBT]\n+PORT_CITY\nMAYOR_LINA_VOSS_\n"
                             "\t[HBTGOV 100101-200101]\n\t[HBTELI]\n";
static const char verbs[] = "&BOAT\n+SKIFF\n--- SAIL [---] ---\nSAIL\n- * (TO +) [042:043]\n";

static char dir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    snprintf(dir, sizeof dir, "/tmp/dyad-lexcache-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    write_file("test.actors.txt", actors);
    write_file("CAMEO.test.txt", verbs);
    return 0;
}

static int teardown(void **state)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *code_of(dyad_lexicon *lx, const char *phrase, int year, char *out)
{
    dyad_date d = {(int16_t)year, 6, 1};
    dyad_lex_match m[4];
    size_t n;
    if (dyad_lexicon_lookup(lx, phrase, strlen(phrase), d, m, 4, &n) != DYAD_OK)
        return "(none)";
    snprintf(out, 64, "%.*s", (int)m[0].code.len, m[0].code.ptr);
    return out;
}

static dyad_lexicon *load_text(void)
{
    char a[512], v[512];
    snprintf(a, sizeof a, "%s/test.actors.txt", dir);
    snprintf(v, sizeof v, "%s/CAMEO.test.txt", dir);
    const char *files[] = {a, v};
    dyad_lexicon *lx;
    dyad_error err;
    dyad_lexicon_options o = {NULL, NULL, NULL, 0, 1, NULL};
    assert_int_equal(dyad_lexicon_load_files(files, 2, &o, &lx, &err), DYAD_OK);
    return lx;
}

static void compiled_lexicon_answers_like_the_text_one(void **state)
{
    dyad_lexicon *lx = load_text();
    char path[512], c1[64], c2[64];
    snprintf(path, sizeof path, "%s/out.cache", dir);
    dyad_error err;
    assert_int_equal(dyad_lexicon_compile(lx, path, &err), DYAD_OK);
    dyad_lexicon *mapped;
    assert_int_equal(dyad_lexicon_load_cache(path, NULL, &mapped, &err), DYAD_OK);
    const char *phrases[] = {"port city", "mayor lina voss", "sailed", "skiffs", "harbor town"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(code_of(lx, phrases[i], 2015, c1), code_of(mapped, phrases[i], 2015, c2));
    assert_string_equal(code_of(mapped, "mayor lina voss", 2015, c1), "HBTGOV");
    dyad_lexicon_stats s1, s2;
    dyad_lexicon_stats_get(lx, &s1);
    dyad_lexicon_stats_get(mapped, &s2);
    assert_int_equal(s1.patterns, s2.patterns);
    assert_int_equal(s1.actor_phrases, s2.actor_phrases);
    assert_true(s2.from_cache);
    assert_int_equal(dyad_lexicon_check(lx, NULL, NULL), dyad_lexicon_check(mapped, NULL, NULL));
    dyad_lexicon_free(mapped);
    dyad_lexicon_free(lx);
}

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc(*len);
    assert_int_equal(fread(p, 1, *len, f), *len);
    fclose(f);
    return p;
}

static void write_all(const char *path, const unsigned char *p, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, len, f), len);
    fclose(f);
}

static void flipped_bytes_are_refused(void **state)
{
    dyad_lexicon *lx = load_text();
    char path[512], bad[512];
    snprintf(path, sizeof path, "%s/good.cache", dir);
    snprintf(bad, sizeof bad, "%s/bad.cache", dir);
    dyad_error err;
    assert_int_equal(dyad_lexicon_compile(lx, path, &err), DYAD_OK);
    dyad_lexicon_free(lx);
    size_t len;
    unsigned char *good = read_all(path, &len);
    unsigned char *copy = malloc(len);
    size_t step = len / 997 + 1;
    int refused = 0;
    for (size_t pos = 0; pos < len; pos += step) {
        memcpy(copy, good, len);
        copy[pos] ^= 0x5a;
        write_all(bad, copy, len);
        dyad_lexicon *m = NULL;
        dyad_status st = dyad_lexicon_load_cache(bad, NULL, &m, &err);
        /* Padding bytes are covered by the CRC too: every flip is caught. */
        if (st == DYAD_OK)
            dyad_lexicon_free(m);
        assert_true(st == DYAD_ECORRUPT || st == DYAD_EFORMAT);
        assert_null(m);
        assert_non_null(strstr(err.file, "bad.cache"));
        refused++;
    }
    assert_true(refused > 100);
    free(copy);
    free(good);
}

static void truncated_and_foreign_files_are_refused(void **state)
{
    char path[512], bad[512];
    snprintf(path, sizeof path, "%s/t.cache", dir);
    snprintf(bad, sizeof bad, "%s/t2.cache", dir);
    dyad_lexicon *lx = load_text();
    dyad_error err;
    assert_int_equal(dyad_lexicon_compile(lx, path, &err), DYAD_OK);
    dyad_lexicon_free(lx);
    size_t len;
    unsigned char *good = read_all(path, &len);
    size_t cuts[] = {0, 10, 63, 64, 100, len / 2, len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        write_all(bad, good, cuts[i]);
        dyad_lexicon *m = NULL;
        assert_int_equal(dyad_lexicon_load_cache(bad, NULL, &m, &err), DYAD_ECORRUPT);
        assert_non_null(strstr(err.message, "corrupt lexicon cache"));
    }
    memset(good, 'x', 64);
    write_all(bad, good, len);
    dyad_lexicon *m = NULL;
    assert_int_equal(dyad_lexicon_load_cache(bad, NULL, &m, &err), DYAD_EFORMAT);
    free(good);
}

static int notes;
static void count_note(void *user, const dyad_error *err) { notes++; }

static void folder_cache_is_used_refreshed_and_rebuilt(void **state)
{
    char cache[600], c[64];
    assert_int_equal(dyad_lexicon_cache_path(dir, cache, sizeof cache), DYAD_OK);
    assert_non_null(strstr(cache, dir));
    unlink(cache);
    dyad_lexicon_options o = {NULL, count_note, NULL, 0, 0, NULL};
    dyad_lexicon *lx;
    dyad_error err;
    assert_int_equal(dyad_lexicon_load_dir(dir, &o, &lx, &err), DYAD_OK);
    dyad_lexicon_stats s;
    dyad_lexicon_stats_get(lx, &s);
    assert_false(s.from_cache);
    dyad_lexicon_free(lx);
    assert_int_equal(access(cache, R_OK), 0);

    assert_int_equal(dyad_lexicon_load_dir(dir, &o, &lx, &err), DYAD_OK);
    dyad_lexicon_stats_get(lx, &s);
    assert_true(s.from_cache);
    dyad_lexicon_free(lx);

    /* A changed source: the cache is stale and rebuilt. */
    write_file("test.actors.txt", "HARBOR_TOWN_  [HBX]\n");
    assert_int_equal(dyad_lexicon_load_dir(dir, &o, &lx, &err), DYAD_OK);
    dyad_lexicon_stats_get(lx, &s);
    assert_false(s.from_cache);
    assert_string_equal(code_of(lx, "harbor town", 2015, c), "HBX");
    dyad_lexicon_free(lx);

    /* A damaged cache: reported, rebuilt, and the answer is still right. */
    FILE *f = fopen(cache, "r+b");
    fseek(f, 200, SEEK_SET);
    fputc('!', f);
    fclose(f);
    notes = 0;
    assert_int_equal(dyad_lexicon_load_dir(dir, &o, &lx, &err), DYAD_OK);
    assert_int_equal(notes, 1);
    assert_string_equal(code_of(lx, "harbor town", 2015, c), "HBX");
    dyad_lexicon_free(lx);
    assert_int_equal(dyad_lexicon_load_dir(dir, &o, &lx, &err), DYAD_OK);
    dyad_lexicon_stats_get(lx, &s);
    assert_true(s.from_cache);
    dyad_lexicon_free(lx);
    write_file("test.actors.txt", actors);
}

static void read_only_folder_caches_under_xdg(void **state)
{
    char ro[300], cache[600];
    snprintf(ro, sizeof ro, "%s/ro", dir);
    mkdir(ro, 0555);
    setenv("XDG_CACHE_HOME", "/tmp/dyad-xdg-test", 1);
    assert_int_equal(dyad_lexicon_cache_path(ro, cache, sizeof cache), DYAD_OK);
    assert_non_null(strstr(cache, "/tmp/dyad-xdg-test/dyad/lexicon-"));
    chmod(ro, 0755);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compiled_lexicon_answers_like_the_text_one),
        cmocka_unit_test(flipped_bytes_are_refused),
        cmocka_unit_test(truncated_and_foreign_files_are_refused),
        cmocka_unit_test(folder_cache_is_used_refreshed_and_rebuilt),
        cmocka_unit_test(read_only_folder_caches_under_xdg),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
