/*
 * fuzz_analyze.c — libFuzzer target for text analysis (normalization,
 * tokenizer, sentence splitter).  The first input byte picks the entry
 * point: 0 dyad_analyze over the rest; 1 dyad_analyze_doc with given
 * sentence spans cut from the rest at every '|' byte; 2 dyad_normalize;
 * 3 two documents through one reused analysis (the rest split at the
 * first NUL).  After each call the structural invariants are checked and a
 * violation aborts: tokens ordered, inside the text and non-empty,
 * sentences covering the tokens in order, normalized forms valid UTF-8.
 * Mode 0 also runs the tokenizer with its fast paths switched off and
 * aborts unless both analyses are identical.
 */
#include "dyad.h"
#include "text/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond))                                                                         \
            abort();                                                                         \
    } while (0)

/* Aborts unless s[0..len) is valid UTF-8. */
static void check_utf8(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        CHECK(c < 0x80 || (c >= 0xC2 && c <= 0xF4));
        CHECK(i + k <= len);
        for (size_t j = 1; j < k; j++)
            CHECK((s[i + j] & 0xC0) == 0x80);
        i += k;
    }
}

static void check_analysis(const dyad_analysis *an, size_t len)
{
    uint32_t prev = 0, next = 0;
    for (size_t i = 0; i < an->token_n; i++) {
        const dyad_token *t = &an->tokens[i];
        CHECK(t->span.begin >= prev && t->span.begin < t->span.end && t->span.end <= len);
        CHECK((size_t)t->norm_off + t->norm_len <= an->norm_len);
        prev = t->span.end;
    }
    for (size_t i = 0; i < an->sentence_n; i++) {
        const dyad_sentence *s = &an->sentences[i];
        CHECK(s->first_token == next && s->token_n > 0);
        CHECK(s->token_n <= DYAD_MAX_SENTENCE_TOKENS);
        CHECK(s->span.begin == an->tokens[s->first_token].span.begin);
        next += s->token_n;
    }
    CHECK(next == an->token_n);
    check_utf8((const unsigned char *)an->norm, an->norm_len);
}

/* The same text with the fast paths off must give the same analysis. */
static void compare_slow_path(const dyad_analysis *fast, const char *text, size_t len)
{
    dyad_analysis *slow;
    if (dyad_analysis_new(NULL, &slow) != DYAD_OK)
        return;
    analysis_set_fast_paths(slow, false);
    if (dyad_analyze(slow, text, len) == DYAD_OK) {
        CHECK(slow->token_n == fast->token_n && slow->sentence_n == fast->sentence_n);
        CHECK(slow->norm_len == fast->norm_len);
        CHECK(!memcmp(slow->norm, fast->norm, fast->norm_len));
        CHECK(!fast->token_n ||
              !memcmp(slow->tokens, fast->tokens, fast->token_n * sizeof *fast->tokens));
        CHECK(!fast->sentence_n || !memcmp(slow->sentences, fast->sentences,
                                           fast->sentence_n * sizeof *fast->sentences));
    }
    dyad_analysis_free(slow);
}

static void run_given(dyad_analysis *an, const char *text, size_t len)
{
    dyad_given_sentence given[64];
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= len && n < 64; i++) {
        if (i == len || text[i] == '|') {
            given[n].span.begin = (uint32_t)start;
            given[n].span.end = (uint32_t)i;
            given[n].parse.ptr = NULL;
            given[n].parse.len = 0;
            n++;
            start = i + 1;
        }
    }
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.text.ptr = text;
    doc.text.len = len;
    doc.given = given;
    doc.given_n = n;
    if (dyad_analyze_doc(an, &doc) == DYAD_OK)
        check_analysis(an, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned mode = data[0] % 4;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    if (mode == 2) {
        char *out = NULL;
        size_t out_len = 0;
        if (dyad_normalize(text, len, NULL, &out, &out_len) == DYAD_OK)
            check_utf8((const unsigned char *)out, out_len);
        free(out);
        return 0;
    }
    dyad_analysis *an;
    if (dyad_analysis_new(NULL, &an) != DYAD_OK)
        return 0;
    if (mode == 0) {
        if (dyad_analyze(an, text, len) == DYAD_OK) {
            check_analysis(an, len);
            compare_slow_path(an, text, len);
        }
    } else if (mode == 1) {
        run_given(an, text, len);
    } else {
        const char *nul = memchr(text, 0, len);
        size_t first = nul ? (size_t)(nul - text) : len / 2;
        if (dyad_analyze(an, text, first) == DYAD_OK)
            check_analysis(an, first);
        size_t rest = len - first;
        if (dyad_analyze(an, text + first, rest) == DYAD_OK)
            check_analysis(an, rest);
    }
    dyad_analysis_free(an);
    return 0;
}
