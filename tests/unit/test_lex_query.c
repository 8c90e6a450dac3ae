/*
 * test_lex_query.c — the coder-facing queries (query.c): word ids of token
 * norm forms, longest match by kind over word-id sequences, actor codes by
 * date, verb codes and block patterns, TABARI option values.
 */
#include "test_util.h"

#include "lexicon/lexicon.h"

static dyad_lexicon *load(const char *name, const char *text)
{
    dyad_lexicon_options o = {NULL, NULL, NULL, 0, 1, NULL};
    dyad_lexicon *lx = NULL;
    dyad_error err;
    assert_int_equal(lex_load_memory(name, text, strlen(text), &o, false, &lx, &err), DYAD_OK);
    return lx;
}

static void ids(const dyad_lexicon *lx, const char *const *words, size_t n, uint32_t *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = lex_word_id(lx, words[i], strlen(words[i]));
}

static void longest_match_prefers_the_longer_phrase(void **state)
{
    dyad_lexicon *lx = load("q.actors.txt", "NEW_PORT [NPT]\nNEW_PORT_COUNCIL [NPTGOV]\n"
                                            "PORT [PRT]\n");
    const char *sent[] = {"new", "port", "council", "met"};
    uint32_t w[4], node;
    ids(lx, sent, 4, w);
    assert_int_equal(w[3], 0); /* "met" is in no dictionary */
    assert_int_equal(lex_longest(lx, w, 4, LEX_ACTOR, &node), 3);
    const lex_entry *e = lex_first_entry(lx, node);
    assert_non_null(e);
    const lex_code *c = lex_actor_code(lx, e->target, 20200101);
    assert_int_equal(lex_atom_str(lx, c->code).len, 6);
    assert_int_equal(lex_longest(lx, w, 2, LEX_ACTOR, &node), 2);
    assert_int_equal(lex_longest(lx, w + 1, 3, LEX_ACTOR, &node), 1);
    assert_int_equal(lex_longest(lx, w, 4, LEX_VERB, &node), 0);
    dyad_lexicon_free(lx);
}

static void verb_codes_and_block_patterns(void **state)
{
    dyad_lexicon *lx = load("CAMEO.q.txt", "--- MEET [040] ---\nMEET\nTALK [042]\n"
                                           "- * (WITH +) [043]\n- * HOST [044]\n"
                                           "--- ARGUE [110] ---\nARGUE\n");
    const char *w1[] = {"talked"};
    uint32_t w[1], node;
    ids(lx, w1, 1, w);
    assert_int_equal(lex_longest(lx, w, 1, LEX_VERB, &node), 1);
    const lex_entry *e = lex_first_entry(lx, node);
    dyad_str code = lex_atom_str(lx, lex_verb_code(lx, e->target));
    assert_int_equal(code.len, 3);
    assert_memory_equal(code.ptr, "042", 3);
    const lex_verb *v = lex_at(lx, LEX_V_VERBS, e->target);
    const lex_block *b = lex_at(lx, LEX_V_BLOCKS, v->block);
    assert_int_equal(b->pat_n, 2);
    const lex_pattern *p = lex_at(lx, LEX_V_PATTERNS, b->pat_first + 1);
    assert_int_equal(p->line, 5);
    const lex_block *b2 = lex_at(lx, LEX_V_BLOCKS, 2);
    assert_int_equal(b2->pat_n, 0);
    dyad_lexicon_free(lx);
}

static void option_values_take_the_last_setting(void **state)
{
    dyad_lexicon *lx = load("q.options", "COMPLEX: VERBS[5]\nSET: LABEL = TRUE\nCOMPLEX: CONJ[4]\n");
    dyad_str v = lex_option_value(lx, "COMPLEX");
    assert_int_equal(v.len, 7);
    assert_memory_equal(v.ptr, "CONJ[4]", 7);
    assert_int_equal(lex_option_value(lx, "MISSING").len, 0);
    dyad_lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(longest_match_prefers_the_longer_phrase),
        cmocka_unit_test(verb_codes_and_block_patterns),
        cmocka_unit_test(option_values_take_the_last_setting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
