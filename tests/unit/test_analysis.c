/*
 * test_analysis.c — the public analysis API (src/text/analysis.c):
 * reader-supplied sentences, reuse of the arrays across documents,
 * allocation failure, pathological input (a 50 MB line, random bytes) and
 * accuracy floors on the UD English treebanks in ../shared (skipped when
 * absent).  The floors sit a little below the measured values (see
 * docs/text-analysis.md) so a regression fails.
 */
#include "test_util.h"

#include "text/text.h"

#include <stdbool.h>
#include <time.h>

/* ---- reader-supplied sentences ---- */

static void analysis_uses_given_sentence_spans(void **state)
{
    (void)state;
    const char *text = "Leaders met in Baku the talks were long Officials said no.";
    dyad_given_sentence given[2] = {{{0, 39}, {NULL, 0}}, {{40, 58}, {NULL, 0}}};
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.text.ptr = text;
    doc.text.len = strlen(text);
    doc.given = given;
    doc.given_n = 2;
    dyad_analysis *an;
    assert_int_equal(dyad_analysis_new(NULL, &an), DYAD_OK);
    assert_int_equal(dyad_analyze_doc(an, &doc), DYAD_OK);
    assert_int_equal(an->sentence_n, 2);
    assert_int_equal(an->sentences[0].span.begin, 0);
    assert_int_equal(an->sentences[0].span.end, 39);
    assert_int_equal(an->sentences[0].token_n, 8);
    assert_int_equal(an->sentences[1].first_token, 8);
    assert_int_equal(an->sentences[1].span.end, 58);
    given[1].span.end = 99; /* beyond the text */
    assert_int_equal(dyad_analyze_doc(an, &doc), DYAD_EINVAL);
    assert_int_equal(an->sentence_n, 0);
    assert_int_equal(an->token_n, 0);
    doc.given_n = 0; /* no given sentences: the splitter decides */
    assert_int_equal(dyad_analyze_doc(an, &doc), DYAD_OK);
    assert_int_equal(an->sentence_n, 1);
    dyad_analysis_free(an);
}

/* ---- memory ---- */

static void analysis_reuses_its_arrays_across_documents(void **state)
{
    (void)state;
    test_failing_alloc fa;
    test_failing_alloc_init(&fa, 0);
    dyad_analysis *an;
    assert_int_equal(dyad_analysis_new(&fa.a, &an), DYAD_OK);
    const char *a = "Mr. Ángel Moratinos met the U.S. envoy. They didn’t agree.";
    const char *b = "Short one.";
    assert_int_equal(dyad_analyze(an, a, strlen(a)), DYAD_OK);
    size_t tokens_a = an->token_n;
    long after_warmup = fa.count;
    assert_int_equal(dyad_analyze(an, b, strlen(b)), DYAD_OK);
    assert_int_equal(an->token_n, 3);
    assert_int_equal(an->sentence_n, 1);
    assert_int_equal(dyad_analyze(an, a, strlen(a)), DYAD_OK);
    assert_int_equal(an->token_n, tokens_a);
    assert_int_equal(fa.count, after_warmup); /* no allocation once warm */
    dyad_analysis_free(an);
    assert_int_equal(fa.live, 0);
}

static void analysis_fails_cleanly_when_allocation_fails(void **state)
{
    (void)state;
    const char *text = "Ángel’s “plan” was set. Gen. Lee left at 5 p.m. The end.\n\nNext";
    for (long fail = 1; fail < 200; fail++) {
        test_failing_alloc fa;
        test_failing_alloc_init(&fa, fail);
        dyad_analysis *an = NULL;
        dyad_status st = dyad_analysis_new(&fa.a, &an);
        if (st == DYAD_OK)
            st = dyad_analyze(an, text, strlen(text));
        if (st == DYAD_OK) {
            assert_int_equal(an->sentence_n, 4);
            dyad_analysis_free(an);
            assert_int_equal(fa.live, 0);
            return;
        }
        assert_int_equal(st, DYAD_ENOMEM);
        if (an) {
            assert_int_equal(an->token_n, 0); /* left empty, still usable */
            assert_int_equal(an->sentence_n, 0);
        }
        dyad_analysis_free(an);
        assert_int_equal(fa.live, 0);
    }
    fail_msg("analysis never succeeded");
}

/* ---- fast paths ---- */

/* Analyses text with the tokenizer's fast paths on and off and checks that
 * both give identical tokens, flags, normalized forms and sentences. */
static void assert_fast_equals_slow(const char *text, size_t len)
{
    dyad_analysis *fast, *slow;
    assert_int_equal(dyad_analysis_new(NULL, &fast), DYAD_OK);
    assert_int_equal(dyad_analysis_new(NULL, &slow), DYAD_OK);
    analysis_set_fast_paths(slow, false);
    assert_int_equal(dyad_analyze(fast, text, len), DYAD_OK);
    assert_int_equal(dyad_analyze(slow, text, len), DYAD_OK);
    assert_int_equal(fast->token_n, slow->token_n);
    assert_int_equal(fast->sentence_n, slow->sentence_n);
    assert_int_equal(fast->norm_len, slow->norm_len);
    assert_memory_equal(fast->norm, slow->norm, fast->norm_len);
    for (size_t i = 0; i < fast->token_n; i++)
        assert_memory_equal(&fast->tokens[i], &slow->tokens[i], sizeof(dyad_token));
    for (size_t i = 0; i < fast->sentence_n; i++)
        assert_memory_equal(&fast->sentences[i], &slow->sentences[i], sizeof(dyad_sentence));
    dyad_analysis_free(fast);
    dyad_analysis_free(slow);
}

static void analysis_fast_paths_change_nothing(void **state)
{
    (void)state;
    const char *t = "Mr. Smith, the U.S. envoy, said: \"No.\" 10am 1M 3D 21st 1990s cannot, "
                    "Dont. gonna; No. 1 and no. Talks end at 5 p.m. The 3M deal, etc. "
                    "WASHINGTON (Reuters) - ALL CAPS; x. A. B: Ángel’s café.\n\nNext";
    assert_fast_equals_slow(t, strlen(t));
}

static void analysis_fast_paths_change_nothing_on_ud_pud(void **state)
{
    (void)state;
    char path[1024];
    SKIP_WITHOUT_SHARED("data/ud-english-pud/en_pud-ud-test.conllu", path);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char text[1 << 20];
    size_t len = 0;
    char line[8192];
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "# text = ", 9)) {
            size_t n = strlen(line + 9);
            if (len + n < sizeof text) {
                memcpy(text + len, line + 9, n); /* keeps the newline */
                len += n;
            }
        }
    fclose(f);
    assert_fast_equals_slow(text, len);
}

/* ---- pathological input ---- */

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double time_line(dyad_analysis *an, size_t len)
{
    char *text = malloc(len);
    static const char pattern[] = "word, other (x) \"y\" ";
    for (size_t i = 0; i < len; i++)
        text[i] = pattern[i % (sizeof pattern - 1)];
    double t0 = cpu_seconds();
    assert_int_equal(dyad_analyze(an, text, len), DYAD_OK);
    double dt = cpu_seconds() - t0;
    for (size_t i = 0; i < an->sentence_n; i++)
        assert_true(an->sentences[i].token_n <= DYAD_MAX_SENTENCE_TOKENS);
    assert_true(an->token_n > len / 4);
    free(text);
    return dt;
}

static void analysis_is_linear_on_a_50mb_line(void **state)
{
    (void)state;
    dyad_analysis *an;
    assert_int_equal(dyad_analysis_new(NULL, &an), DYAD_OK);
    double small = time_line(an, 5u * 1000 * 1000);
    double big = time_line(an, 50u * 1000 * 1000);
    /* ten times the input may cost at most ~25 times the time (noise) */
    assert_true(big < 25 * small + 0.5);
    dyad_analysis_free(an);
}

/* Checks the structural invariants of an analysis of text[0..len). */
static void check_invariants(const dyad_analysis *an, size_t len)
{
    uint32_t prev_end = 0, next_tok = 0;
    for (size_t i = 0; i < an->token_n; i++) {
        const dyad_token *t = &an->tokens[i];
        assert_true(t->span.begin >= prev_end && t->span.begin < t->span.end);
        assert_true(t->span.end <= len);
        assert_true(t->norm_off + t->norm_len <= an->norm_len);
        prev_end = t->span.end;
    }
    for (size_t i = 0; i < an->sentence_n; i++) {
        assert_int_equal(an->sentences[i].first_token, next_tok);
        next_tok += an->sentences[i].token_n;
    }
    assert_int_equal(next_tok, an->token_n);
    /* the normalized forms are valid UTF-8 */
    const unsigned char *n = (const unsigned char *)an->norm;
    for (size_t i = 0; i < an->norm_len;) {
        size_t k = n[i] < 0x80 ? 1 : n[i] < 0xE0 ? 2 : n[i] < 0xF0 ? 3 : 4;
        assert_true(n[i] < 0x80 || (n[i] >= 0xC2 && n[i] <= 0xF4));
        assert_true(i + k <= an->norm_len);
        for (size_t j = 1; j < k; j++)
            assert_int_equal(n[i + j] & 0xC0, 0x80);
        i += k;
    }
}

static void analysis_survives_random_bytes(void **state)
{
    (void)state;
    dyad_analysis *an;
    assert_int_equal(dyad_analysis_new(NULL, &an), DYAD_OK);
    size_t len = 1u << 20;
    unsigned char *text = malloc(len);
    uint32_t x = 12345;
    for (int round = 0; round < 4; round++) {
        for (size_t i = 0; i < len; i++) {
            x = x * 1103515245u + 12345u;
            unsigned v = (x >> 16) & 0xFF;
            /* round 0: any byte; later rounds: mostly text-like bytes */
            text[i] = round == 0 ? (unsigned char)v : (v < 40 ? (unsigned char)(0x80 + v) : (unsigned char)(" .aA\"'(-\n"[v % 9]));
        }
        assert_int_equal(dyad_analyze(an, (const char *)text, len), DYAD_OK);
        check_invariants(an, len);
    }
    free(text);
    dyad_analysis_free(an);
}

/* ---- accuracy floors on UD (an independent, minimal scorer) ---- */

typedef struct ud_score {
    size_t gold_s, sys_s, hit_s, gold_w, sys_w, hit_w;
} ud_score;

typedef struct ud_doc {
    char text[1 << 16];
    size_t len;
    dyad_span sents[512], words[8192];
    size_t sent_n, word_n;
} ud_doc;

static void score_doc(dyad_analysis *an, ud_doc *d, ud_score *sc)
{
    if (!d->sent_n)
        return;
    assert_int_equal(dyad_analyze(an, d->text, d->len), DYAD_OK);
    sc->gold_s += d->sent_n;
    sc->sys_s += an->sentence_n;
    for (size_t i = 0, j = 0; i < d->sent_n && j < an->sentence_n;) {
        dyad_span g = d->sents[i], s = an->sentences[j].span;
        if (g.begin == s.begin && g.end == s.end)
            sc->hit_s++, i++, j++;
        else if (g.begin < s.begin || (g.begin == s.begin && g.end < s.end))
            i++;
        else
            j++;
    }
    sc->gold_w += d->word_n;
    sc->sys_w += an->token_n;
    for (size_t i = 0, j = 0; i < d->word_n && j < an->token_n;) {
        dyad_span g = d->words[i], s = an->tokens[j].span;
        if (g.begin == s.begin && g.end == s.end)
            sc->hit_w++, i++, j++;
        else if (g.begin < s.begin || (g.begin == s.begin && g.end < s.end))
            i++;
        else
            j++;
    }
    d->len = d->sent_n = d->word_n = 0;
}

/* Word lines: a multi-word token contributes its words laid end to end
 * from its start (right when they spell it, as almost all do); other words
 * are found left to right in the sentence text. */
static void ud_score_file(const char *path, ud_score *sc)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static ud_doc d;
    dyad_analysis *an;
    assert_int_equal(dyad_analysis_new(NULL, &an), DYAD_OK);
    memset(sc, 0, sizeof *sc);
    d.len = d.sent_n = d.word_n = 0;
    char line[8192];
    size_t pos = 0, mwt_last = 0, mwt_at = 0;
    bool para = false;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!strncmp(line, "# newdoc", 8)) {
            score_doc(an, &d, sc);
            para = false;
        } else if (!strncmp(line, "# newpar", 8) && para) {
            memcpy(d.text + d.len, "\n\n", 2), d.len += 2, para = false;
        } else if (!strncmp(line, "# text = ", 9)) {
            size_t n = strlen(line + 9);
            if (para)
                d.text[d.len++] = ' ';
            assert_true(d.len + n + 4 < sizeof d.text && d.sent_n < 512);
            memcpy(d.text + d.len, line + 9, n);
            d.sents[d.sent_n++] = (dyad_span){(uint32_t)d.len, (uint32_t)(d.len + n)};
            pos = d.len;
            d.len += n;
            para = true;
            mwt_last = 0;
        } else if (line[0] >= '1' && line[0] <= '9') {
            char *tab = strchr(line, '\t');
            if (!tab || memchr(line, '.', (size_t)(tab - line)))
                continue;
            char *form = tab + 1;
            size_t fl = strcspn(form, "\t"), id = strtoul(line, NULL, 10);
            char *dash = memchr(line, '-', (size_t)(tab - line));
            if (!dash && id <= mwt_last) { /* a word of a multi-word token */
                if (d.word_n < 8192)
                    d.words[d.word_n++] = (dyad_span){(uint32_t)mwt_at, (uint32_t)(mwt_at + fl)};
                mwt_at += fl;
                continue;
            }
            while (pos < d.len && d.text[pos] == ' ')
                pos++;
            if (pos + fl > d.len || memcmp(d.text + pos, form, fl))
                continue;
            if (dash) {
                mwt_last = strtoul(dash + 1, NULL, 10);
                mwt_at = pos;
            } else if (d.word_n < 8192) {
                d.words[d.word_n++] = (dyad_span){(uint32_t)pos, (uint32_t)(pos + fl)};
            }
            pos += fl;
        }
    }
    score_doc(an, &d, sc);
    dyad_analysis_free(an);
    fclose(f);
}

static double f1(size_t hit, size_t gold, size_t sys)
{
    return gold + sys ? 2.0 * (double)hit / (double)(gold + sys) : 0.0;
}

static void analysis_meets_floors_on_ud_pud(void **state)
{
    (void)state;
    char path[1024];
    SKIP_WITHOUT_SHARED("data/ud-english-pud/en_pud-ud-test.conllu", path);
    ud_score sc;
    ud_score_file(path, &sc);
    double fs = f1(sc.hit_s, sc.gold_s, sc.sys_s), fw = f1(sc.hit_w, sc.gold_w, sc.sys_w);
    fprintf(stderr, "# PUD sentence F1 %.4f, word F1 %.4f\n", fs, fw);
    assert_int_equal(sc.gold_s, 1000);
    assert_true(fs >= 0.99);
    assert_true(fw >= 0.995);
}

static void analysis_meets_floors_on_ud_ewt(void **state)
{
    (void)state;
    char path[1024];
    SKIP_WITHOUT_SHARED("data/ud-english-ewt/en_ewt-ud-test.conllu", path);
    ud_score sc;
    ud_score_file(path, &sc);
    double fs = f1(sc.hit_s, sc.gold_s, sc.sys_s), fw = f1(sc.hit_w, sc.gold_w, sc.sys_w);
    fprintf(stderr, "# EWT sentence F1 %.4f, word F1 %.4f\n", fs, fw);
    assert_true(fs >= 0.83);
    assert_true(fw >= 0.98);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(analysis_uses_given_sentence_spans),
        cmocka_unit_test(analysis_reuses_its_arrays_across_documents),
        cmocka_unit_test(analysis_fails_cleanly_when_allocation_fails),
        cmocka_unit_test(analysis_fast_paths_change_nothing),
        cmocka_unit_test(analysis_fast_paths_change_nothing_on_ud_pud),
        cmocka_unit_test(analysis_is_linear_on_a_50mb_line),
        cmocka_unit_test(analysis_survives_random_bytes),
        cmocka_unit_test(analysis_meets_floors_on_ud_pud),
        cmocka_unit_test(analysis_meets_floors_on_ud_ewt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
