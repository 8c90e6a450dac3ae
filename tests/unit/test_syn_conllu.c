/*
 * test_syn_conllu.c — the syntax layer's streaming CoNLL-U reader: good
 * sentences come through with their fields, multiword ranges and empty
 * nodes are skipped, and each malformed line is reported as FILE:LINE with
 * only its own sentence dropped.
 */
#include "test_util.h"

#include "syntax/syntax.h"

typedef struct diag_log {
    int n;
    unsigned long line[8];
    char msg[8][512];
} diag_log;

static void log_diag(void *user, const dyad_error *err)
{
    diag_log *d = user;
    if (d->n < 8) {
        d->line[d->n] = err->line;
        snprintf(d->msg[d->n], sizeof d->msg[0], "%s", err->message);
    }
    d->n++;
}

static const char good[] =
    "# sent_id = a-1\n"
    "# text = Envoys met today.\n"
    "1\tEnvoys\tenvoy\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\ttoday\ttoday\tNOUN\tNN\t_\t2\tobl:tmod\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n";

static void reader_returns_tokens_with_fields(void **state)
{
    syn_conllu *r;
    assert_int_equal(syn_conllu_open_memory(good, sizeof good - 1, "g.conllu", NULL, NULL, NULL,
                                            &r),
                     DYAD_OK);
    const syn_conllu_sent *s;
    assert_int_equal(syn_conllu_next(r, &s), DYAD_OK);
    assert_non_null(s);
    assert_int_equal(s->n, 4);
    assert_int_equal(s->line, 3);
    assert_memory_equal(s->text.ptr, "Envoys met today.", s->text.len);
    assert_memory_equal(s->toks[1].lemma.ptr, "meet", 4);
    assert_memory_equal(s->toks[2].deprel.ptr, "obl:tmod", 8);
    assert_int_equal(s->toks[0].head, 2);
    assert_int_equal(s->toks[1].head, 0);
    assert_int_equal(syn_conllu_next(r, &s), DYAD_OK);
    assert_null(s);
    syn_conllu_close(r);
}

static void reader_skips_multiword_ranges_and_empty_nodes(void **state)
{
    static const char text[] = "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                               "1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
                               "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
                               "2.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t_\t_\n"
                               "3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n";
    syn_conllu *r;
    assert_int_equal(syn_conllu_open_memory(text, sizeof text - 1, "m", NULL, NULL, NULL, &r),
                     DYAD_OK);
    const syn_conllu_sent *s;
    assert_int_equal(syn_conllu_next(r, &s), DYAD_OK);
    assert_non_null(s);
    assert_int_equal(s->n, 3);
    assert_memory_equal(s->toks[2].form.ptr, "go", 2);
    syn_conllu_close(r);
}

static void reader_reports_bad_lines_and_skips_only_their_sentence(void **state)
{
    static const char text[] =
        "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n"
        "2\tcat\tcat\tNOUN\tNN\t_\t0\troot\n" /* line 2: 8 columns */
        "\n"
        "1\tDogs\tdog\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
        "2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\t_\n"
        "\n"
        "1\tX\tx\tX\tFW\t_\t9\tdep\t_\t_\n" /* line 7: head outside the sentence */
        "\n"
        "1\tY\ty\tX\tFW\t_\tnope\tdep\t_\t_\n" /* line 9: head not a number */
        "\n"
        "3\tZ\tz\tX\tFW\t_\t0\troot\t_\t_\n"; /* line 11: ID out of order */
    diag_log d = { 0 };
    syn_conllu *r;
    assert_int_equal(
        syn_conllu_open_memory(text, sizeof text - 1, "bad.conllu", NULL, log_diag, &d, &r),
        DYAD_OK);
    const syn_conllu_sent *s;
    assert_int_equal(syn_conllu_next(r, &s), DYAD_OK);
    assert_non_null(s);
    assert_int_equal(s->n, 2);
    assert_memory_equal(s->toks[0].form.ptr, "Dogs", 4);
    assert_int_equal(syn_conllu_next(r, &s), DYAD_OK);
    assert_null(s);
    assert_int_equal(d.n, 4);
    assert_int_equal(d.line[0], 2);
    assert_int_equal(d.line[1], 7);
    assert_int_equal(d.line[2], 9);
    assert_int_equal(d.line[3], 11);
    assert_non_null(strstr(d.msg[0], "10 tab-separated"));
    assert_int_equal(syn_conllu_rejected(r), 4);
    syn_conllu_close(r);
}

static void reader_rejects_sentence_over_the_token_limit(void **state)
{
    size_t n = SYN_MAX_SENT_TOKENS + 1;
    char *text = malloc(n * 48 + 64);
    size_t len = 0;
    for (size_t i = 1; i <= n; i++)
        len += (size_t)sprintf(text + len, "%zu\tw\tw\tX\tFW\t_\t0\tdep\t_\t_\n", i);
    len += (size_t)sprintf(text + len, "\n1\tok\tok\tX\tFW\t_\t0\troot\t_\t_\n");
    diag_log d = { 0 };
    syn_conllu *r;
    assert_int_equal(syn_conllu_open_memory(text, len, "long", NULL, log_diag, &d, &r), DYAD_OK);
    const syn_conllu_sent *s;
    assert_int_equal(syn_conllu_next(r, &s), DYAD_OK);
    assert_non_null(s);
    assert_int_equal(s->n, 1);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.msg[0], "SYN_MAX_SENT_TOKENS"));
    syn_conllu_close(r);
    free(text);
}

static void reader_accepts_exactly_the_token_limit(void **state)
{
    size_t n = SYN_MAX_SENT_TOKENS;
    char *text = malloc(n * 48 + 64);
    size_t len = 0;
    for (size_t i = 1; i <= n; i++)
        len += (size_t)sprintf(text + len, "%zu\tw\tw\tX\tFW\t_\t0\tdep\t_\t_\n", i);
    syn_conllu *r;
    assert_int_equal(syn_conllu_open_memory(text, len, "lim", NULL, NULL, NULL, &r), DYAD_OK);
    const syn_conllu_sent *s;
    assert_int_equal(syn_conllu_next(r, &s), DYAD_OK);
    assert_non_null(s);
    assert_int_equal(s->n, n);
    syn_conllu_close(r);
    free(text);
}

static void reader_open_reports_missing_file(void **state)
{
    syn_conllu *r;
    dyad_error err = { 0 };
    assert_int_equal(syn_conllu_open("/nonexistent/x.conllu", NULL, NULL, NULL, &r, &err),
                     DYAD_ENOTFOUND);
    assert_null(r);
    assert_string_equal(err.file, "/nonexistent/x.conllu");
}

static void reader_survives_every_allocation_failure(void **state)
{
    for (long fail = 1; fail < 50; fail++) {
        test_failing_alloc fa;
        test_failing_alloc_init(&fa, fail);
        syn_conllu *r;
        dyad_status st = syn_conllu_open_memory(good, sizeof good - 1, "g", &fa.a, NULL, NULL, &r);
        if (st == DYAD_OK) {
            const syn_conllu_sent *s;
            st = syn_conllu_next(r, &s);
            assert_true(st == DYAD_OK || st == DYAD_ENOMEM);
            syn_conllu_close(r);
        } else {
            assert_int_equal(st, DYAD_ENOMEM);
        }
        assert_int_equal(fa.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reader_returns_tokens_with_fields),
        cmocka_unit_test(reader_skips_multiword_ranges_and_empty_nodes),
        cmocka_unit_test(reader_reports_bad_lines_and_skips_only_their_sentence),
        cmocka_unit_test(reader_rejects_sentence_over_the_token_limit),
        cmocka_unit_test(reader_accepts_exactly_the_token_limit),
        cmocka_unit_test(reader_open_reports_missing_file),
        cmocka_unit_test(reader_survives_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
