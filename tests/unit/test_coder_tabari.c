/*
 * test_coder_tabari.c — TABARI's rules in the coder (src/coder/
 * tabari_rules.c and the TABARI parts of actors.c, verbs.c, sentence.c
 * and the lexicon readers), on TABARI-syntax dictionaries and sentences of
 * our own: blank connectors that allow words between the words of an
 * actor or verb phrase, "PRO-" prefixes and hyphenated names, "nor",
 * subordinate ('?') and dominant ('!') codes, sources and targets taken
 * across the verb, DEFAULT PRIOR / AFTER, first-word stems of verb phrases,
 * "=" words, '_'-joined pattern words, synset member connectors,
 * alternatives giving way to longer patterns, null-coded actors, <TIME>
 * discards, <NOUN> / <ADJECTIVE> word classes, "former" agents, pronouns
 * standing for a compound, clauses bounding the target, agents before a
 * compound and possessives inside one; allocation failure.
 */
#include "test_coder_util.h"

#include <stdbool.h>

static const char *actors_txt =
    "<NOUN>\n"
    "COWS\n"
    "HORSES\n"
    "</NOUN>\n"
    "<ADJECTIVE>\n"
    "GRUMPY\n"
    "</ADJECTIVE>\n"
    "FREEDONIA [FRE]\n"
    "SYLVANIA [SYL]\n"
    "SYLVANIA TELEVISION [SYLTV]\n"
    "MARSOVIA [MAR]\n"
    "GRAND_FENWICK [GRF]\n"
    "KLOP-STOKIA [KLO]\n"
    "NOBODY [---]\n";

static const char *agents_txt = "OFFICIALS_ [~GOV]\n";

static const char *verbs_txt =
    "&MONEY\n"
    "+FLORIN_\n"
    "+GOLD CROWNS\n"
    "<TIME>\n"
    "LONG_LONG_AGO [###]\n"
    "NEXT_YEAR [+365]\n"
    "</TIME>\n"
    "PRAISE [051]\n"
    "SAY [023?]\n"
    "CONVENE [031!]\n"
    "KNOCK DOWN [222]\n"
    "BORDER CLOSED [192]\n"
    "VETO= [191]\n"
    "SHUN [190]\n"
    "- HINTED_IT * [173]\n"
    "- HINTED IT * [174]\n"
    "GRANT [070]\n"
    "- * &MONEY [903]\n"
    "- * PESETAS [071]\n"
    "PLEDGE [170]\n"
    "- * OPPOS { TO THE LAST | UNTIL DAWN } [113]\n"
    "- * OPPOSITION TO THE INVADING [114]\n"
    "RALLY [017]\n"
    "- PRO- + * [041]\n"
    "RESTORE [064]\n";


static int setup(void **state)
{
    /* TABARI syntax comes from the extensions .actors, .agents, .verbs */
    const char *const files[][2] = {{".actors", actors_txt},
                                    {".agents", agents_txt},
                                    {".verbs", verbs_txt}};
    return fixture_load(state, files, 3);
}

/* Codes one document without a parse (TABARI's linear rules). */
static got code_with(fixture *f, const char *text, const dyad_coder_options *o)
{
    got g;
    memset(&g, 0, sizeof g);
    dyad_coder *c;
    assert_int_equal(dyad_coder_new(f->lex, NULL, o, &c), DYAD_OK);
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (dyad_str){"t1", 2};
    doc.text = (dyad_str){text, strlen(text)};
    doc.file = "test";
    dyad_error err;
    assert_int_equal(dyad_coder_code(c, &doc, NULL, collect, &g, &err), DYAD_OK);
    dyad_coder_free(c);
    return g;
}

static got code(fixture *f, const char *text)
{
    return code_with(f, text, NULL);
}

static void tabari_actor_phrase_with_blank_allows_words_between(void **state)
{
    got g = code(*state, "Freedonia praised Sylvania public television on Monday.");
    assert_true(has(&g, "FRE SYLTV 051"));
    assert_false(has(&g, "FRE SYL 051"));
}

static void tabari_actor_phrase_with_underscore_needs_adjacent_words(void **state)
{
    got g = code(*state, "Freedonia praised Grand old Fenwick on Monday.");
    assert_false(has(&g, "FRE GRF 051"));
    g = code(*state, "Freedonia praised Grand Fenwick on Monday.");
    assert_true(has(&g, "FRE GRF 051"));
}

static void tabari_glues_hyphen_prefix_and_hyphenated_names(void **state)
{
    got g = code(*state, "Freedonia staged a pro- Sylvania rally on Sunday.");
    assert_true(has(&g, "FRE SYL 041"));
    g = code(*state, "Freedonia praised Klop-Stokia on Sunday.");
    assert_true(has(&g, "FRE KLO 051"));
}

static void tabari_nor_joins_a_compound(void **state)
{
    got g = code(*state, "Neither Freedonia nor Marsovia praised Sylvania on Sunday.");
    assert_true(has(&g, "FRE SYL 051"));
    assert_true(has(&g, "MAR SYL 051"));
}

static void tabari_subordinate_code_gives_way_to_another_event(void **state)
{
    got g = code(*state, "Freedonia said that Marsovia praised Sylvania on Sunday.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FRE SYL 051");
    /* alone, the statement is coded, without its '?' */
    g = code(*state, "Freedonia said that Marsovia is quiet this week.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FRE MAR 023");
}

static void tabari_dominant_code_cancels_the_others(void **state)
{
    dyad_coder_options o;
    memset(&o, 0, sizeof o);
    o.tabari_code = 2; /* CODE ALL: both verbs are coded */
    got g = code_with(*state, "Freedonia praised Sylvania and convened talks in Marsovia.", &o);
    assert_true(has(&g, "FRE MAR 031"));
    assert_false(has(&g, "FRE SYL 051"));
}

static void tabari_takes_source_after_verb_and_target_before_it(void **state)
{
    got g = code(*state, "The envoy will restore ties with Sylvania and Marsovia soon.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "SYL MAR 064");
    g = code(*state, "Freedonia and Marsovia are about to restore ties soon.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FRE MAR 064");
}

static void tabari_default_prior_and_after_keep_defaults(void **state)
{
    dyad_coder_options o;
    memset(&o, 0, sizeof o);
    o.default_source = "DSR";
    o.default_target = "DTG";
    o.default_prior = 1;
    got g = code_with(*state, "The envoy will restore ties with Sylvania and Marsovia soon.", &o);
    assert_true(has(&g, "DSR SYL 064"));
    assert_true(has(&g, "DSR MAR 064"));
    memset(&o, 0, sizeof o);
    o.default_source = "DSR";
    o.default_target = "DTG";
    o.default_after = 1;
    g = code_with(*state, "Freedonia and Marsovia are about to restore ties soon.", &o);
    assert_true(has(&g, "FRE DTG 064"));
    assert_true(has(&g, "MAR DTG 064"));
}

static void tabari_verb_phrase_first_word_is_a_stem(void **state)
{
    got g = code(*state, "Freedonia knocked down the embassy of Sylvania yesterday.");
    assert_true(has(&g, "FRE SYL 222"));
}

static void tabari_verb_phrase_with_blank_allows_words_between(void **state)
{
    got g = code(*state, "Freedonia's border was closed to Sylvania yesterday.");
    assert_true(has(&g, "FRE SYL 192"));
}

static void tabari_equals_sign_forbids_endings(void **state)
{
    got g = code(*state, "Freedonia will veto Sylvania at the council.");
    assert_true(has(&g, "FRE SYL 191"));
    g = code(*state, "Freedonia is vetoing Sylvania at the council.");
    assert_int_equal(g.n, 0);
}

static void tabari_underscore_pattern_word_matches_whole_words(void **state)
{
    got g = code(*state, "Freedonia hintedly it would shun Sylvania on Saturday.");
    assert_true(has(&g, "FRE SYL 174"));
    g = code(*state, "Freedonia hinted it would shun Sylvania on Saturday.");
    assert_true(has(&g, "FRE SYL 173"));
}

static void tabari_synset_members_follow_their_connectors(void **state)
{
    /* FLORIN_ is a whole word: "florins" is not a member */
    got g = code(*state, "Freedonia granted florins to Sylvania last year.");
    assert_true(has(&g, "FRE SYL 070"));
    /* GOLD CROWNS: words may stand between */
    g = code(*state, "Freedonia granted gold royal crowns to Sylvania.");
    assert_true(has(&g, "FRE SYL 903"));
    /* a literal word outranks a synset */
    g = code(*state, "Freedonia granted pesetas to Sylvania last year.");
    assert_true(has(&g, "FRE SYL 071"));
}

static void tabari_alternative_match_gives_way_to_longer_pattern(void **state)
{
    got g = code(*state, "Freedonia pledged opposition to the invading Sylvanians to the last.");
    assert_true(has(&g, "FRE SYL 114"));
    g = code(*state, "Freedonia pledged to oppose Sylvania until dawn.");
    assert_true(has(&g, "FRE SYL 113"));
}

static void tabari_null_coded_actor_is_a_plain_noun(void **state)
{
    got g = code(*state, "Freedonia will restore ties with Nobody in Sylvania soon.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FRE SYL 064");
}

static void tabari_time_phrase_discard_drops_the_sentence(void **state)
{
    got g = code(*state, "Long long ago Freedonia praised Sylvania warmly.");
    assert_int_equal(g.n, 0);
    g = code(*state, "Next year Freedonia praised Sylvania warmly.");
    assert_true(has(&g, "FRE SYL 051"));
}

static void tabari_word_classes_decide_clause_breaks(void **state)
{
    /* COWS and HORSES are nouns: no clause break, the first actor acts */
    got g = code(*state, "Freedonia's cows and horses of Marsovia praised Sylvania.");
    assert_true(has(&g, "FRE SYL 051"));
    /* PIGS is not: "and" starts a clause, Marsovia acts */
    g = code(*state, "Freedonia's cows and pigs of Marsovia praised Sylvania.");
    assert_true(has(&g, "MAR SYL 051"));
    assert_false(has(&g, "FRE SYL 051"));
}

static void tabari_former_makes_an_agent_elite(void **state)
{
    got g = code(*state, "Freedonia former officials praised Sylvania on Friday.");
    assert_true(has(&g, "FREELI SYL 051"));
    g = code(*state, "Freedonia officials praised Sylvania on Friday.");
    assert_true(has(&g, "FREGOV SYL 051"));
}

static void tabari_pronoun_stands_for_first_compound(void **state)
{
    got g = code(*state, "Freedonia and Marsovia praised Sylvania and then they shunned "
                         "Klop-Stokia at the games.");
    assert_true(has(&g, "FRE KLO 190"));
    assert_true(has(&g, "MAR KLO 190"));
}

static void tabari_or_starts_a_clause(void **state)
{
    got g = code(*state, "Freedonia praised Sylvania or shunned Marsovia at the games.");
    assert_true(has(&g, "FRE SYL 051"));
    assert_true(has(&g, "FRE MAR 190"));
}

static void tabari_target_stays_in_its_clause(void **state)
{
    got g = code(*state, "Freedonia praised the plan but the talks with Sylvania went nowhere.");
    assert_false(has(&g, "FRE SYL 051"));
    assert_int_equal(g.n, 0);
}

static void tabari_agent_before_compound_goes_with_first_actor(void **state)
{
    got g = code(*state, "The officials of Freedonia, Marsovia and Sylvania praised Klop-Stokia.");
    assert_true(has(&g, "FREGOV KLO 051"));
    assert_true(has(&g, "MAR KLO 051"));
    assert_true(has(&g, "SYL KLO 051"));
    assert_false(has(&g, "MARGOV KLO 051"));
}

static void tabari_possessive_continues_a_compound(void **state)
{
    got g = code(*state, "Freedonia praised Sylvania and Marsovia's Klop-Stokia warmly today.");
    assert_true(has(&g, "FRE SYL 051"));
    assert_true(has(&g, "FRE MAR 051"));
    assert_true(has(&g, "FRE KLO 051"));
    /* adjectives of the <ADJECTIVE> list may stand between, too */
    g = code(*state, "Freedonia praised Sylvania and the grumpy Marsovia grumpy Klop-Stokia.");
    assert_true(has(&g, "FRE KLO 051"));
    assert_true(has(&g, "FRE MAR 051"));
}

static void tabari_source_carries_over_unless_a_clause_starts_with_an_actor(void **state)
{
    got g = code(*state, "Freedonia praised Sylvania but Marsovia shunned Klop-Stokia today.");
    assert_true(has(&g, "FRE SYL 051"));
    assert_true(has(&g, "MAR KLO 190"));
    g = code(*state, "Freedonia praised Sylvania and then in Marsovia shunned Klop-Stokia.");
    assert_true(has(&g, "FRE KLO 190"));
    assert_false(has(&g, "MAR KLO 190"));
}

/* Every allocation failing in turn: the coder reports DYAD_ENOMEM or codes
 * the sentence right (its event hold is allocated with the coder; a
 * word-prefix table it cannot grow falls back to looking prefixes up),
 * and leaks nothing. */
static void tabari_coder_survives_every_allocation_failure(void **state)
{
    fixture *f = *state;
    bool coded = false;
    for (long n = 1; n < 300 && !coded; n++) {
        test_failing_alloc fa;
        test_failing_alloc_init(&fa, n);
        dyad_coder_options o;
        memset(&o, 0, sizeof o);
        o.allocator = &fa.a;
        dyad_coder *c = NULL;
        dyad_status st = dyad_coder_new(f->lex, NULL, &o, &c);
        got g;
        memset(&g, 0, sizeof g);
        if (st == DYAD_OK) {
            const char *text = "Freedonia said that Marsovia praised Sylvania public television.";
            dyad_doc doc;
            memset(&doc, 0, sizeof doc);
            doc.id = (dyad_str){"a", 1};
            doc.text = (dyad_str){text, strlen(text)};
            doc.file = "test";
            st = dyad_coder_code(c, &doc, NULL, collect, &g, NULL);
            dyad_coder_free(c);
        }
        assert_true(st == DYAD_OK || st == DYAD_ENOMEM);
        assert_int_equal(fa.live, 0);
        /* success despite a failed allocation is still the right event */
        if (st == DYAD_OK)
            assert_true(has(&g, "FRE SYLTV 051"));
        coded = st == DYAD_OK && fa.count < n;
    }
    assert_true(coded);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tabari_actor_phrase_with_blank_allows_words_between),
        cmocka_unit_test(tabari_actor_phrase_with_underscore_needs_adjacent_words),
        cmocka_unit_test(tabari_glues_hyphen_prefix_and_hyphenated_names),
        cmocka_unit_test(tabari_nor_joins_a_compound),
        cmocka_unit_test(tabari_subordinate_code_gives_way_to_another_event),
        cmocka_unit_test(tabari_dominant_code_cancels_the_others),
        cmocka_unit_test(tabari_takes_source_after_verb_and_target_before_it),
        cmocka_unit_test(tabari_default_prior_and_after_keep_defaults),
        cmocka_unit_test(tabari_verb_phrase_first_word_is_a_stem),
        cmocka_unit_test(tabari_verb_phrase_with_blank_allows_words_between),
        cmocka_unit_test(tabari_equals_sign_forbids_endings),
        cmocka_unit_test(tabari_underscore_pattern_word_matches_whole_words),
        cmocka_unit_test(tabari_synset_members_follow_their_connectors),
        cmocka_unit_test(tabari_alternative_match_gives_way_to_longer_pattern),
        cmocka_unit_test(tabari_null_coded_actor_is_a_plain_noun),
        cmocka_unit_test(tabari_time_phrase_discard_drops_the_sentence),
        cmocka_unit_test(tabari_word_classes_decide_clause_breaks),
        cmocka_unit_test(tabari_former_makes_an_agent_elite),
        cmocka_unit_test(tabari_pronoun_stands_for_first_compound),
        cmocka_unit_test(tabari_or_starts_a_clause),
        cmocka_unit_test(tabari_target_stays_in_its_clause),
        cmocka_unit_test(tabari_agent_before_compound_goes_with_first_actor),
        cmocka_unit_test(tabari_possessive_continues_a_compound),
        cmocka_unit_test(tabari_source_carries_over_unless_a_clause_starts_with_an_actor),
        cmocka_unit_test(tabari_coder_survives_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
