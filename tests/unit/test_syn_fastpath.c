/*
 * test_syn_fastpath.c — the syntax layer's fast paths (int32 score sums,
 * skipping parser states with a single legal transition) must not change
 * any tag, lemma, head or label: the committed model annotates our own
 * sentences and the first White House briefings (../shared) once with the
 * fast paths and once with DYAD_SYNTAX_PLAIN=1, and every field must
 * agree.  Skipped without the committed model or ../shared.
 */
#include "test_util.h"

#include <stdbool.h>
#include <string.h>

#define DOCS_COMPARED 60u /* White House documents read */

typedef struct both {
    dyad_model *model;
    dyad_syntax *fast, *plain;
} both;

/* Loads data/models and makes one state of each kind; false = skip. */
static bool both_open(both *b)
{
    dyad_error err = { 0 };
    if (dyad_model_load("data/models", NULL, &b->model, &err) != DYAD_OK) {
        fprintf(stderr, "skipping: no model in data/models (%s)\n", err.message);
        return false;
    }
    unsetenv("DYAD_SYNTAX_PLAIN");
    assert_int_equal(dyad_syntax_new(b->model, NULL, &b->fast), DYAD_OK);
    setenv("DYAD_SYNTAX_PLAIN", "1", 1);
    assert_int_equal(dyad_syntax_new(b->model, NULL, &b->plain), DYAD_OK);
    unsetenv("DYAD_SYNTAX_PLAIN");
    return true;
}

static void both_close(both *b)
{
    dyad_syntax_free(b->fast);
    dyad_syntax_free(b->plain);
    dyad_model_free(b->model);
}

/* Asserts that token i got the same annotation from both states. */
static void assert_same_token(const both *b, const dyad_token *f, const dyad_token *p)
{
    assert_int_equal(f->upos, p->upos);
    assert_int_equal(f->xpos, p->xpos);
    assert_int_equal(f->head, p->head);
    assert_int_equal(f->deprel, p->deprel);
    dyad_str lf = dyad_syntax_lemma(b->fast, f->lemma), lp = dyad_syntax_lemma(b->plain, p->lemma);
    assert_int_equal(lf.len, lp.len);
    assert_memory_equal(lf.ptr, lp.ptr, lf.len);
}

static const unsigned everything = DYAD_SYNTAX_TAG | DYAD_SYNTAX_LEMMA | DYAD_SYNTAX_PARSE;

static void fast_and_plain_agree_on_own_sentences(void **state)
{
    (void)state;
    both b;
    if (!both_open(&b))
        skip();
    /* Our own words: a long sentence (many forced RIGHTs at the end), a
     * one-word one (only forced transitions) and punctuation runs. */
    static const char *const sents[] = {
        "The minister said on Tuesday that talks with the rebels , which had stalled for "
        "months , would resume in the capital next week .",
        "Yes",
        "Officials met ; nobody spoke ; the doors stayed shut ...",
        "Rain fell",
    };
    for (size_t s = 0; s < sizeof sents / sizeof sents[0]; s++) {
        dyad_str forms[64];
        size_t n = 0;
        const char *p = sents[s];
        while (*p && n < 64) {
            const char *e = strchr(p, ' ');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            forms[n++] = (dyad_str){ p, len };
            p += len + (e != NULL);
        }
        dyad_token tf[64], tp[64];
        memset(tf, 0, sizeof tf);
        memset(tp, 0, sizeof tp);
        assert_int_equal(dyad_syntax_annotate_words(b.fast, forms, n, tf, everything), DYAD_OK);
        assert_int_equal(dyad_syntax_annotate_words(b.plain, forms, n, tp, everything), DYAD_OK);
        size_t roots = 0;
        for (size_t i = 0; i < n; i++) {
            assert_same_token(&b, &tf[i], &tp[i]);
            roots += tf[i].head == 0;
        }
        assert_int_equal(roots, 1); /* a real parse, not an empty one */
    }
    both_close(&b);
}

static void fast_and_plain_agree_on_whitehouse_briefings(void **state)
{
    (void)state;
    char path[1024];
    SKIP_WITHOUT_SHARED("corpora/whitehouse_briefing_room/whitehouse_briefing_room.jsonl", path);
    both b;
    if (!both_open(&b))
        skip();
    dyad_error err = { 0 };
    dyad_reader *r;
    dyad_analysis *fa, *pa;
    assert_int_equal(dyad_reader_open(path, NULL, &r, &err), DYAD_OK);
    assert_int_equal(dyad_analysis_new(NULL, &fa), DYAD_OK);
    assert_int_equal(dyad_analysis_new(NULL, &pa), DYAD_OK);
    const dyad_doc *doc;
    size_t docs = 0, toks = 0;
    while (docs < DOCS_COMPARED && dyad_reader_next(r, &doc) == DYAD_OK && doc) {
        assert_int_equal(dyad_analyze_doc(fa, doc), DYAD_OK);
        assert_int_equal(dyad_analyze_doc(pa, doc), DYAD_OK);
        assert_int_equal(dyad_syntax_annotate(b.fast, fa, everything), DYAD_OK);
        assert_int_equal(dyad_syntax_annotate(b.plain, pa, everything), DYAD_OK);
        assert_int_equal(fa->token_n, pa->token_n);
        for (size_t i = 0; i < fa->token_n; i++)
            assert_same_token(&b, &fa->tokens[i], &pa->tokens[i]);
        toks += fa->token_n;
        docs++;
    }
    assert_true(toks > 10000); /* the comparison really covered text */
    dyad_analysis_free(fa);
    dyad_analysis_free(pa);
    dyad_reader_close(r);
    both_close(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fast_and_plain_agree_on_own_sentences),
        cmocka_unit_test(fast_and_plain_agree_on_whitehouse_briefings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
