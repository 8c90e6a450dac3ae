/*
 * test_lex_read_misc.c — agents (plurals, {} forms, substitution markers,
 * prefix/suffix codes), discards, issues (n:/v:/+ expansion, exclusions)
 * and TABARI .options/.project files (read_misc.c).  Our own examples.
 */
#include "test_util.h"

#include "lexicon/lexicon.h"

static int diag_n;

static void count_diag(void *user, const dyad_error *err) { diag_n++; }

static dyad_lexicon *load(const char *name, const char *text)
{
    dyad_lexicon_options o = {NULL, count_diag, NULL, 0, 1, NULL};
    dyad_lexicon *lx = NULL;
    dyad_error err;
    diag_n = 0;
    assert_int_equal(lex_load_memory(name, text, strlen(text), &o, false, &lx, &err), DYAD_OK);
    return lx;
}

static const dyad_date undated = {0, 0, 0};

/* Entries for the whole phrase (0 when only a shorter prefix is known). */
static size_t matches(dyad_lexicon *lx, const char *phrase, dyad_lex_match *m, size_t cap)
{
    size_t n = 0, words = 1;
    for (const char *p = phrase; *p; p++)
        words += *p == ' ';
    if (dyad_lexicon_lookup(lx, phrase, strlen(phrase), undated, m, cap, &n) != DYAD_OK)
        return 0;
    return m[0].words == words ? n : 0;
}

static bool str_is(dyad_str s, const char *want)
{
    return s.len == strlen(want) && !memcmp(s.ptr, want, s.len);
}

static const char agents[] =
    "!HAND! = MAN, MEN, WOMAN, WOMEN\n"
    "HARBOR_PILOT [~PIL]  # our example\n"
    "FERRY!HAND! [~FER]\n"
    "COAST_GUARD {} [~CGD]\n"
    "GOOSE_HERDER {GEESE_HERDERS} [~HRD]\n"
    "CHARITY [NGO~]\n"
    "NOCODE_HERE\n";

static void agents_get_plurals_and_substitutions(void **state)
{
    dyad_lexicon *lx = load("test.agents.txt", agents);
    dyad_lex_match m[4];
    assert_int_equal(matches(lx, "harbor pilots", m, 4), 1);
    assert_true(str_is(m[0].code, "PIL"));
    assert_true(m[0].flags & DYAD_LEX_GENERATED);
    assert_int_equal(matches(lx, "ferrywomen", m, 4), 1);
    assert_true(str_is(m[0].code, "FER"));
    assert_int_equal(matches(lx, "coast guards", m, 4), 0);
    assert_int_equal(matches(lx, "geese herders", m, 4), 1);
    assert_int_equal(matches(lx, "charities", m, 4), 1);
    assert_true(m[0].flags & DYAD_LEX_CODE_FIRST);
    assert_int_equal(diag_n, 1); /* NOCODE_HERE */
    dyad_lexicon_free(lx);
}

static void undefined_marker_is_reported(void **state)
{
    dyad_lexicon *lx = load("x.agents.txt", "SEA!NOPE! [~SEA]\nBAD!MARK [~BAD]\n");
    assert_int_equal(diag_n, 2);
    dyad_lexicon_free(lx);
}

static void discards_mark_story_and_stems(void **state)
{
    dyad_lexicon *lx = load("test.discards.txt", "+CHESS OPEN   # story\nRUGBY_\nYACHT RAC\n");
    dyad_lex_match m[2];
    assert_int_equal(matches(lx, "chess open", m, 2), 1);
    assert_int_equal(m[0].kind, DYAD_LEX_DISCARD);
    assert_true(m[0].flags & DYAD_LEX_STORY);
    assert_int_equal(matches(lx, "rugby", m, 2), 1);
    assert_false(m[0].flags & DYAD_LEX_STEM);
    assert_int_equal(matches(lx, "yacht rac", m, 2), 1);
    assert_true(m[0].flags & DYAD_LEX_STEM);
    dyad_lexicon_free(lx);
}

static void issues_expand_nouns_verbs_and_hyphens(void **state)
{
    dyad_lexicon *lx = load("test.issues.txt",
                            "<ISSUE CATEGORY=\"WATER\" TYPE=\"ALL\">\n"
                            "n:reservoir [WATER_SUPPLY]\nv:irrigate n:field [FARMING]\n"
                            "fresh+water [WATER_SUPPLY]\n~salt water\nno code line\n</ISSUE>\n");
    dyad_lex_match m[2];
    assert_int_equal(matches(lx, "reservoirs", m, 2), 1);
    assert_true(str_is(m[0].code, "WATER_SUPPLY"));
    assert_true(str_is(m[0].name, "WATER"));
    assert_int_equal(matches(lx, "irrigated fields", m, 2), 1);
    assert_int_equal(matches(lx, "irrigating field", m, 2), 1);
    assert_int_equal(matches(lx, "fresh water", m, 2), 1);
    assert_int_equal(matches(lx, "fresh-water", m, 2), 1);
    assert_int_equal(matches(lx, "salt water", m, 2), 1);
    assert_int_equal(diag_n, 1);
    dyad_lexicon_free(lx);
}

static void options_and_projects_are_key_values(void **state)
{
    dyad_lexicon *lx = load("x.options", "// comment\nCOMPLEX: VERBS[5]\nLABEL: 01=YIELD\n"
                                         "NO COLON\n~~~~~\nAFTER: END\n");
    dyad_lexicon_stats s;
    dyad_lexicon_stats_get(lx, &s);
    assert_int_equal(s.options, 2);
    assert_int_equal(diag_n, 1);
    const lex_option *o = lex_at(lx, LEX_V_OPTIONS, 2);
    assert_true(str_is(lex_atom_str(lx, o->key), "LABEL"));
    assert_true(str_is(lex_atom_str(lx, o->value), "01=YIELD"));
    dyad_lexicon_free(lx);
    lx = load("x.project", "A title line\n<actorsfile>\tmy.actors\n<session 1> <coder x>\n");
    dyad_lexicon_stats_get(lx, &s);
    assert_int_equal(s.options, 2);
    o = lex_at(lx, LEX_V_OPTIONS, 2);
    assert_true(str_is(lex_atom_str(lx, o->key), "actorsfile"));
    assert_true(str_is(lex_atom_str(lx, o->value), "my.actors"));
    dyad_lexicon_free(lx);
}

static void unknown_file_kind_is_refused(void **state)
{
    dyad_lexicon_options o = {NULL, NULL, NULL, 0, 1, NULL};
    dyad_lexicon *lx = NULL;
    dyad_error err;
    assert_int_equal(lex_load_memory("notes.txt", "x", 1, &o, false, &lx, &err), DYAD_EFORMAT);
    assert_null(lx);
    const char *missing[] = {"/nonexistent/dir/x.actors"};
    assert_int_equal(dyad_lexicon_load_files(missing, 1, &o, &lx, &err), DYAD_ENOTFOUND);
    assert_non_null(strstr(err.file, "x.actors"));
}

static void cameo_table_knows_codes(void **state)
{
    double g;
    int q;
    assert_int_equal(dyad_cameo_lookup("190", 3, &g, &q), DYAD_OK);
    assert_int_equal(q, 4);
    assert_true(g < -9.0);
    assert_int_equal(dyad_cameo_lookup("0874", 4, &g, &q), DYAD_OK);
    assert_int_equal(dyad_cameo_lookup("999", 3, &g, &q), DYAD_ENOTFOUND);
    assert_int_equal(dyad_cameo_lookup("19", 2, &g, &q), DYAD_OK);
    assert_int_equal(dyad_cameo_lookup("1", 1, &g, &q), DYAD_ENOTFOUND);
}

/* Our committed facts table agrees with the shared one. */
static void cameo_table_matches_shared_goldstein(void **state)
{
    char path[1024];
    SKIP_WITHOUT_SHARED("data/cameo/GDELT.CAMEO.goldsteinscale.txt", path);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[256];
    int checked = 0;
    while (fgets(line, sizeof line, f)) {
        char code[16];
        double want;
        if (sscanf(line, "%15s %lf", code, &want) != 2)
            continue;
        double g;
        int q;
        assert_int_equal(dyad_cameo_lookup(code, strlen(code), &g, &q), DYAD_OK);
        assert_true(g > want - 0.01 && g < want + 0.01);
        checked++;
    }
    fclose(f);
    assert_true(checked > 300);
}

static void overlong_line_is_reported_and_skipped(void **state)
{
    size_t n = LEX_MAX_LINE + 100;
    char *text = malloc(n + 64);
    memset(text, 'A', n);
    strcpy(text + n, "\nSHORT ONE\n");
    dyad_lexicon *lx = load("long.discards.txt", text);
    dyad_lex_match m[2];
    assert_int_equal(diag_n, 1);
    assert_int_equal(matches(lx, "short one", m, 2), 1);
    dyad_lexicon_free(lx);
    free(text);
}

/* 100,000 copies of one phrase: appending entries must not walk the list
 * (quadratic time would make this test time out). */
static void repeated_phrases_load_in_linear_time(void **state)
{
    size_t copies = 100000;
    char *text = malloc(copies * 6 + 1);
    for (size_t i = 0; i < copies; i++)
        memcpy(text + i * 6, "SAME_\n", 6);
    text[copies * 6] = 0;
    dyad_lexicon *lx = load("rep.discards.txt", text);
    dyad_lex_match m[2];
    assert_int_equal(matches(lx, "same", m, 2), 100000);
    dyad_lexicon_free(lx);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(agents_get_plurals_and_substitutions),
        cmocka_unit_test(undefined_marker_is_reported),
        cmocka_unit_test(discards_mark_story_and_stems),
        cmocka_unit_test(issues_expand_nouns_verbs_and_hyphens),
        cmocka_unit_test(options_and_projects_are_key_values),
        cmocka_unit_test(unknown_file_kind_is_refused),
        cmocka_unit_test(cameo_table_knows_codes),
        cmocka_unit_test(cameo_table_matches_shared_goldstein),
        cmocka_unit_test(overlong_line_is_reported_and_skipped),
        cmocka_unit_test(repeated_phrases_load_in_linear_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
