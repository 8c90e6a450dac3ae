/*
 * test_syn_ptb.c — supplied <Parse> text to dependencies: Penn Treebank
 * brackets through our head rules (content heads, UD relations) and
 * CoNLL-U lines; malformed brackets and lines are refused with a reason,
 * and bracket depth has a limit.  Trees below are our own sentences.
 */
#include "test_util.h"

#include "syntax/syntax.h"

static const char tree[] = "(ROOT (S (NP (DT The) (NN minister)) "
                           "(VP (MD will) (VP (VB meet) (NP (NNP Lena) (POS 's)) "
                           "(NP (NNS envoys)) (PP (IN in) (NP (NNP Oslo))))) (. .)))";

static int find(const syn_dep_tok *t, size_t n, const char *form)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].form.len == strlen(form) && !memcmp(t[i].form.ptr, form, t[i].form.len))
            return (int)i + 1;
    return 0;
}

static void ptb_main_verb_heads_the_clause(void **state)
{
    syn_dep_tok *t;
    size_t n;
    dyad_error err = { 0 };
    assert_int_equal(syn_ptb_to_deps(tree, sizeof tree - 1, NULL, &t, &n, &err), DYAD_OK);
    assert_int_equal(n, 10);
    int meet = find(t, n, "meet");
    assert_int_equal(t[meet - 1].head, 0);
    assert_string_equal(t[meet - 1].deprel, "root");
    int minister = find(t, n, "minister");
    assert_int_equal(t[minister - 1].head, meet);
    assert_string_equal(t[minister - 1].deprel, "nsubj");
    int will = find(t, n, "will");
    assert_int_equal(t[will - 1].head, meet);
    assert_string_equal(t[will - 1].deprel, "aux");
    assert_string_equal(t[find(t, n, "The") - 1].deprel, "det");
    assert_string_equal(t[find(t, n, ".") - 1].deprel, "punct");
    free(t);
}

static void ptb_preposition_attaches_to_its_object(void **state)
{
    syn_dep_tok *t;
    size_t n;
    dyad_error err = { 0 };
    assert_int_equal(syn_ptb_to_deps(tree, sizeof tree - 1, NULL, &t, &n, &err), DYAD_OK);
    int in = find(t, n, "in"), oslo = find(t, n, "Oslo"), meet = find(t, n, "meet");
    assert_int_equal(t[in - 1].head, oslo);
    assert_string_equal(t[in - 1].deprel, "case");
    assert_int_equal(t[oslo - 1].head, meet);
    assert_string_equal(t[oslo - 1].deprel, "obl");
    assert_string_equal(t[oslo - 1].upos, "PROPN");
    int envoys = find(t, n, "envoys");
    assert_string_equal(t[envoys - 1].deprel, "obj");
    free(t);
}

static void ptb_possessive_marks_the_owner(void **state)
{
    syn_dep_tok *t;
    size_t n;
    dyad_error err = { 0 };
    assert_int_equal(syn_ptb_to_deps(tree, sizeof tree - 1, NULL, &t, &n, &err), DYAD_OK);
    int lena = find(t, n, "Lena"), pos = find(t, n, "'s");
    assert_int_equal(t[pos - 1].head, lena);
    assert_string_equal(t[pos - 1].deprel, "case");
    free(t);
}

static void ptb_first_conjunct_heads_a_coordination(void **state)
{
    static const char coord[] = "(ROOT (NP (NP (NNP Riga)) (CC and) (NP (NNP Tartu))))";
    syn_dep_tok *t;
    size_t n;
    dyad_error err = { 0 };
    assert_int_equal(syn_ptb_to_deps(coord, sizeof coord - 1, NULL, &t, &n, &err), DYAD_OK);
    assert_int_equal(n, 3);
    assert_int_equal(t[0].head, 0);
    assert_int_equal(t[1].head, 1);
    assert_string_equal(t[1].deprel, "cc");
    assert_int_equal(t[2].head, 1);
    assert_string_equal(t[2].deprel, "conj");
    free(t);
}

static void ptb_refuses_unbalanced_brackets(void **state)
{
    static const char *bad[] = { "(ROOT (S (NP (NN x))", "(ROOT (NN x)))", "word (NN x)",
                                 "no brackets", "(ROOT (NN x) y)" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        syn_dep_tok *t = (syn_dep_tok *)1;
        size_t n = 7;
        dyad_error err = { 0 };
        assert_int_equal(syn_ptb_to_deps(bad[i], strlen(bad[i]), NULL, &t, &n, &err),
                         DYAD_EPARSE);
        assert_null(t);
        assert_int_equal(n, 0);
        assert_true(err.message[0] != 0);
    }
}

static char *nested(size_t depth)
{
    char *s = malloc(depth * 4 + 16);
    size_t len = 0;
    for (size_t i = 0; i + 1 < depth; i++)
        len += (size_t)sprintf(s + len, "(X ");
    len += (size_t)sprintf(s + len, "(NN w)");
    for (size_t i = 0; i + 1 < depth; i++)
        s[len++] = ')';
    s[len] = 0;
    return s;
}

static void ptb_depth_limit_is_exact(void **state)
{
    syn_dep_tok *t;
    size_t n;
    dyad_error err = { 0 };
    char *ok = nested(SYN_MAX_PTB_DEPTH), *deep = nested(SYN_MAX_PTB_DEPTH + 1);
    assert_int_equal(syn_ptb_to_deps(ok, strlen(ok), NULL, &t, &n, &err), DYAD_OK);
    assert_int_equal(n, 1);
    free(t);
    assert_int_equal(syn_ptb_to_deps(deep, strlen(deep), NULL, &t, &n, &err), DYAD_EPARSE);
    assert_non_null(strstr(err.message, "SYN_MAX_PTB_DEPTH"));
    free(ok);
    free(deep);
}

static void conllu_parse_reads_heads_and_labels(void **state)
{
    static const char text[] = "\n1\tEnvoys\tenvoy\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
                               "2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n";
    syn_dep_tok *t;
    size_t n;
    dyad_error err = { 0 };
    assert_int_equal(syn_given_parse_to_deps(text, sizeof text - 1, NULL, &t, &n, &err),
                     DYAD_OK);
    assert_int_equal(n, 2);
    assert_int_equal(t[0].head, 2);
    assert_string_equal(t[0].deprel, "nsubj");
    assert_memory_equal(t[1].lemma.ptr, "leave", 5);
    free(t);
}

static void conllu_parse_refuses_bad_heads(void **state)
{
    static const char text[] = "1\tA\ta\tX\tFW\t_\t5\tdep\t_\t_\n";
    syn_dep_tok *t;
    size_t n;
    dyad_error err = { 0 };
    assert_int_equal(syn_conllu_parse_to_deps(text, sizeof text - 1, NULL, &t, &n, &err),
                     DYAD_EPARSE);
    assert_null(t);
}

static void ptb_survives_allocation_failure(void **state)
{
    for (long fail = 1; fail < 5; fail++) {
        test_failing_alloc fa;
        test_failing_alloc_init(&fa, fail);
        syn_dep_tok *t;
        size_t n;
        dyad_error err = { 0 };
        dyad_status st = syn_ptb_to_deps(tree, sizeof tree - 1, &fa.a, &t, &n, &err);
        if (st == DYAD_OK)
            core_free(&fa.a, t);
        else
            assert_int_equal(st, DYAD_ENOMEM);
        assert_int_equal(fa.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ptb_main_verb_heads_the_clause),
        cmocka_unit_test(ptb_preposition_attaches_to_its_object),
        cmocka_unit_test(ptb_possessive_marks_the_owner),
        cmocka_unit_test(ptb_first_conjunct_heads_a_coordination),
        cmocka_unit_test(ptb_refuses_unbalanced_brackets),
        cmocka_unit_test(ptb_depth_limit_is_exact),
        cmocka_unit_test(conllu_parse_reads_heads_and_labels),
        cmocka_unit_test(conllu_parse_refuses_bad_heads),
        cmocka_unit_test(ptb_survives_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
