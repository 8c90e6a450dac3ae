/*
 * test_lex_check.c — `dyad dict check` lints (check.c): each kind of
 * problem is found in a small dictionary of ours that has exactly that
 * problem, and a clean dictionary gives none.
 */
#include "test_util.h"

#include "lexicon/lexicon.h"

typedef struct found {
    int n;
    char text[16][300];
} found;

static void collect(void *user, const dyad_error *err)
{
    found *f = user;
    if (f->n < 16)
        dyad_error_format(err, f->text[f->n], sizeof f->text[0]);
    f->n++;
}

static dyad_lexicon *load(const char *name, const char *text)
{
    dyad_lexicon_options o = {NULL, NULL, NULL, 0, 1, NULL};
    dyad_lexicon *lx = NULL;
    dyad_error err;
    assert_int_equal(lex_load_memory(name, text, strlen(text), &o, false, &lx, &err), DYAD_OK);
    return lx;
}

static bool any_has(const found *f, const char *needle)
{
    for (int i = 0; i < f->n && i < 16; i++)
        if (strstr(f->text[i], needle))
            return true;
    return false;
}

static void clean_dictionary_has_no_problems(void **state)
{
    dyad_lexicon *lx = load("CAMEO.ok.txt", "&SHIP\n+BOAT\n--- MEET [040] ---\nMEET\n"
                                            "- * (WITH +) [042:043]\n- * &SHIP [036]\n");
    found f = {0};
    assert_int_equal(dyad_lexicon_check(lx, collect, &f), 0);
    dyad_lexicon_free(lx);
}

static void non_cameo_codes_are_reported(void **state)
{
    dyad_lexicon *lx = load("CAMEO.bad.txt", "--- MEET [040] ---\nMEET\n- * ALONE [999]\n"
                                             "- * TWICE [040:0999]\n");
    found f = {0};
    assert_int_equal(dyad_lexicon_check(lx, collect, &f), 2);
    assert_true(any_has(&f, "CAMEO.bad.txt:3: code: pattern code [999]"));
    assert_true(any_has(&f, ":4: code: second pattern code"));
    dyad_lexicon_free(lx);
}

static void p1_tokens_in_p2_file_never_match(void **state)
{
    dyad_lexicon *lx = load("CAMEO.mixed.txt", "####### VERB PATTERNS #######\n--- GO [---] ---\nGO\n"
                                               "- * (TO ^) [042]\n- * HOME_TOWN [042]\n"
                                               "- NOWHERE [042]\n- * (FROM $) [042]\n");
    found f = {0};
    assert_int_equal(dyad_lexicon_check(lx, collect, &f), 3);
    assert_true(any_has(&f, ":4: never matches"));
    assert_true(any_has(&f, ":5: never matches: PETRARCH-2 pattern has words joined by '_'"));
    assert_true(any_has(&f, ":6: never matches: PETRARCH-2 pattern has no '*'"));
    dyad_lexicon_free(lx);
}

static void undefined_synset_is_reported(void **state)
{
    dyad_lexicon *lx = load("CAMEO.syn.txt", "--- GO [---] ---\nGO\n- * (TO &NOWHERE) [042]\n");
    found f = {0};
    assert_int_equal(dyad_lexicon_check(lx, collect, &f), 1);
    assert_true(any_has(&f, ":3: synset: &NOWHERE is not defined"));
    dyad_lexicon_free(lx);
}

static void overlapping_dated_codes_are_reported(void **state)
{
    dyad_lexicon *lx = load("x.actors.txt", "JO_DOE_\n\t[ABCGOV 20000101-20100101]\n"
                                            "\t[ABCELI 20050101-20120101]\n\t[ABCGOV >20090101]\n"
                                            "\t[ABCMIL 20120101-20130101]\n\t[ABCREB 20150101-20140101]\n");
    found f = {0};
    /* ELI overlaps both GOV ranges; the open GOV range overlaps MIL.  ELI
     * and MIL share only their boundary day, 2012-01-01: a succession, not
     * reported. */
    assert_int_equal(dyad_lexicon_check(lx, collect, &f), 4);
    assert_true(any_has(&f, ":5: dates: [ABCMIL 20120101-20130101] overlaps [ABCGOV >20090101]"));
    assert_true(any_has(&f, "x.actors.txt:3: dates: [ABCELI 20050101-20120101] overlaps [ABCGOV"));
    assert_true(any_has(&f, ":6: dates: range"));
    dyad_lexicon_free(lx);
}

static void conflicting_duplicates_are_reported(void **state)
{
    dyad_lexicon *lx = load("x.actors.txt", "RED_SHORE [RDS]\nBLUE_BAY [BLB]\n+RED_SHORE\n"
                                            "GREEN_HILL [GRH]\nGREEN_HILL [GRH]\n");
    found f = {0};
    assert_int_equal(dyad_lexicon_check(lx, collect, &f), 1); /* same code twice is fine */
    assert_true(any_has(&f, "x.actors.txt:3: duplicate: actor"));
    dyad_lexicon_free(lx);
    lx = load("CAMEO.dup.txt", "--- A [040] ---\nMEET\n- * HERE [041]\n- * HERE [042]\n"
                               "--- B [050] ---\nMEET\n");
    f.n = 0;
    assert_int_equal(dyad_lexicon_check(lx, collect, &f), 2);
    assert_true(any_has(&f, ":4: duplicate: pattern repeats"));
    assert_true(any_has(&f, ":6: duplicate: verb 'meet' [050] here, but [040]"));
    dyad_lexicon_free(lx);
}

static void bad_actor_and_agent_codes_are_reported(void **state)
{
    dyad_lexicon *lx = load("x.agents.txt", "SAILOR [~SAIL]\nFISHER [FSH]\nCAPTAIN [~CPT]\n");
    found f = {0};
    assert_int_equal(dyad_lexicon_check(lx, collect, &f), 2);
    assert_true(any_has(&f, ":1: code: agent code [~SAIL]"));
    assert_true(any_has(&f, ":2: code: agent code [FSH] lacks '~'"));
    dyad_lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clean_dictionary_has_no_problems),
        cmocka_unit_test(non_cameo_codes_are_reported),
        cmocka_unit_test(p1_tokens_in_p2_file_never_match),
        cmocka_unit_test(undefined_synset_is_reported),
        cmocka_unit_test(overlapping_dated_codes_are_reported),
        cmocka_unit_test(conflicting_duplicates_are_reported),
        cmocka_unit_test(bad_actor_and_agent_codes_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
