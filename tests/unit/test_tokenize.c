/*
 * test_tokenize.c — behaviour of the tokenizer (src/text/tokenize.c)
 * through dyad_analyze(): UD English word conventions (clitics, hyphens,
 * abbreviations, numbers, URLs, currency), byte spans, flags, normalized
 * forms, and bad input (invalid UTF-8, over-long chunks, 10^5 repeated
 * tokens, 10^5 nested brackets).
 */
#include "test_util.h"

#include "text/text.h"

static dyad_analysis *an;

static int setup(void **state)
{
    (void)state;
    return dyad_analysis_new(NULL, &an) == DYAD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    dyad_analysis_free(an);
    return 0;
}

/* The tokens of text joined by '|'. */
static const char *tokens_of(const char *text)
{
    static char out[4096];
    assert_int_equal(dyad_analyze(an, text, strlen(text)), DYAD_OK);
    size_t o = 0;
    out[0] = 0;
    for (size_t i = 0; i < an->token_n; i++) {
        dyad_span sp = an->tokens[i].span;
        size_t n = sp.end - sp.begin;
        assert_true(o + n + 2 < sizeof out);
        if (i)
            out[o++] = '|';
        memcpy(out + o, text + sp.begin, n);
        o += n;
        out[o] = 0;
    }
    return out;
}

/* The normalized form of token i, NUL-terminated in a static buffer. */
static const char *norm_of(size_t i)
{
    static char out[256];
    assert_true(i < an->token_n);
    size_t n = an->tokens[i].norm_len;
    assert_true(n < sizeof out);
    memcpy(out, an->norm + an->tokens[i].norm_off, n);
    out[n] = 0;
    return out;
}

static void tokenizer_splits_nt_clitic(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("I don't know"), "I|do|n't|know");
    assert_string_equal(tokens_of("They can't and won't"), "They|ca|n't|and|wo|n't");
    assert_string_equal(tokens_of("It isn’t so"), "It|is|n’t|so");
}

static void tokenizer_splits_possessive_and_contractions(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("John's car"), "John|'s|car");
    assert_string_equal(tokens_of("I'm sure they're here, we've seen it, you'll see, he'd go"),
                        "I|'m|sure|they|'re|here|,|we|'ve|seen|it|,|you|'ll|see|,|he|'d|go");
    assert_string_equal(tokens_of("the travellers' bags"), "the|travellers|'|bags");
}

static void tokenizer_matches_typographic_apostrophe_like_ascii(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("the Alliance’s plan"), "the|Alliance|’s|plan");
    assert_string_equal(norm_of(2), "'s");
    assert_string_equal(norm_of(1), "alliance");
}

static void tokenizer_splits_fused_words(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("I cannot go"), "I|can|not|go");
    assert_string_equal(tokens_of("we're gonna win"), "we|'re|gon|na|win");
    assert_string_equal(tokens_of("Dont worry"), "Do|nt|worry");
}

static void tokenizer_keeps_us_abbreviation(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("the U.S. economy"), "the|U.S.|economy");
    assert_string_equal(tokens_of("troops left the U.S."), "troops|left|the|U.S.");
    assert_string_equal(tokens_of("(U.N.)"), "(|U.N.|)");
}

static void tokenizer_keeps_title_abbreviations(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("Mr. Smith and Gen. Lee"), "Mr.|Smith|and|Gen.|Lee");
    assert_string_equal(tokens_of("at 5 p.m. today"), "at|5|p.m.|today");
    assert_string_equal(tokens_of("George W. Bush"), "George|W.|Bush");
}

static void tokenizer_splits_final_period_of_ordinary_words(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("He left."), "He|left|.");
    assert_string_equal(tokens_of("in 2015."), "in|2015|.");
    assert_string_equal(tokens_of("He said no."), "He|said|no|.");
    assert_string_equal(tokens_of("ranked No. 1"), "ranked|No.|1");
}

static void tokenizer_keeps_numbers_whole(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("$1,200.50 and 3.5 percent at 7:30"),
                        "$|1,200.50|and|3.5|percent|at|7:30");
    assert_string_equal(tokens_of("on 11/28/2000"), "on|11/28/2000");
    assert_string_equal(tokens_of("call 713-853-3989"), "call|713-853-3989");
    assert_string_equal(tokens_of("due 01-Feb-02 or 1-mar-2023"), "due|01-Feb-02|or|1-mar-2023");
    assert_string_equal(tokens_of("5-Feb"), "5|-|Feb");
}

static void tokenizer_splits_currency_units_and_percent(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("£5 and €16bn"), "£|5|and|€|16|bn");
    assert_string_equal(tokens_of("up 6%"), "up|6|%");
    assert_string_equal(tokens_of("£3,000-£5,000"), "£|3,000|-|£|5,000");
    assert_string_equal(tokens_of("the 1990s and 21st"), "the|1990s|and|21st");
}

/* "US$7 billion": "US$" is one symbol, as UD English has it; split, "US"
 * was coded as the United States ("the US$7 billion invested in
 * Kazakhstan" gave USA -> KAZ). */
static void tokenizer_keeps_dollar_prefixes_whole(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("the US$7 billion"), "the|US$|7|billion");
    assert_string_equal(tokens_of("HK$5, A$3 and NZ$40"), "HK$|5|,|A$|3|and|NZ$|40");
    assert_string_equal(tokens_of("USD$4"), "USD$|4");
    assert_string_equal(tokens_of("ABCD$5 us$5 $5"), "ABCD|$|5|us|$|5|$|5");
}

static void tokenizer_splits_hyphenated_compounds(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("a well-known long-term plan"),
                        "a|well|-|known|long|-|term|plan");
    assert_string_equal(tokens_of("a 10-week course"), "a|10|-|week|course");
}

static void tokenizer_keeps_prefixed_hyphen_words(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("co-starring e-mail non-white re-elected"),
                        "co-starring|e-mail|non-white|re-elected");
}

static void tokenizer_keeps_urls_and_emails(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("see https://example.org/a?b=c, or mail jo@example.com."),
                        "see|https://example.org/a?b=c|,|or|mail|jo@example.com|.");
    assert_string_equal(tokens_of("(www.example.org)"), "(|www.example.org|)");
}

static void tokenizer_keeps_ellipsis_as_one_token(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("wait... what"), "wait|...|what");
    assert_string_equal(tokens_of("wait…"), "wait|…");
    assert_string_equal(tokens_of("down...please"), "down|...|please");
}

static void tokenizer_splits_quotes_brackets_and_dashes(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("(\"Yes,\" she said)"), "(|\"|Yes|,|\"|she|said|)");
    assert_string_equal(tokens_of("“Peace,” he said"), "“|Peace|,|”|he|said");
    assert_string_equal(tokens_of("Bureau—the brainchild"), "Bureau|—|the|brainchild");
    assert_string_equal(tokens_of("and/or"), "and|/|or");
}

static void tokenizer_keeps_byte_spans_for_accented_names(void **state)
{
    (void)state;
    const char *text = "José Ángel Moratinos, Kraków";
    assert_string_equal(tokens_of(text), "José|Ángel|Moratinos|,|Kraków");
    assert_int_equal(an->tokens[0].span.begin, 0);
    assert_int_equal(an->tokens[0].span.end, 5); /* é is two bytes */
    assert_int_equal(an->tokens[1].span.begin, 6);
    assert_int_equal(an->tokens[1].span.end, 12);
    assert_string_equal(norm_of(0), "jose");
    assert_string_equal(norm_of(1), "angel");
    assert_string_equal(norm_of(2), "moratinos");
    assert_string_equal(norm_of(4), "krakow");
}

static void tokenizer_sets_flags(void **state)
{
    (void)state;
    tokens_of("The NATO plan\ncost 3.5 ,\n\nÉlan");
    assert_true(an->tokens[0].flags & DYAD_TOK_CAPITALIZED);
    assert_false(an->tokens[0].flags & DYAD_TOK_ALL_CAPS);
    assert_true(an->tokens[0].flags & DYAD_TOK_SPACE_AFTER);
    assert_true(an->tokens[1].flags & DYAD_TOK_ALL_CAPS);
    assert_true(an->tokens[2].flags & DYAD_TOK_NEWLINE_AFTER);
    assert_false(an->tokens[2].flags & DYAD_TOK_BLANK_LINE_AFTER);
    assert_false(an->tokens[3].flags & DYAD_TOK_CAPITALIZED);
    assert_true(an->tokens[4].flags & DYAD_TOK_NUMBER);
    assert_true(an->tokens[5].flags & DYAD_TOK_PUNCT);
    assert_true(an->tokens[5].flags & DYAD_TOK_BLANK_LINE_AFTER);
    assert_true(an->tokens[6].flags & DYAD_TOK_CAPITALIZED);
    assert_false(an->tokens[6].flags & DYAD_TOK_SPACE_AFTER);
}

static void tokenizer_treats_unicode_spaces_as_spaces(void **state)
{
    (void)state;
    assert_string_equal(tokens_of("a\xC2\xA0" "b\xE2\x80\x89" "c\xE3\x80\x80" "d"), "a|b|c|d");
}

static void tokenizer_survives_invalid_utf8(void **state)
{
    (void)state;
    const char text[] = "caf\xC3 \xFF\xFE ok \xE2\x80 \xED\xA0\x80 \xC0\xAF";
    assert_int_equal(dyad_analyze(an, text, sizeof text - 1), DYAD_OK);
    assert_true(an->token_n >= 5);
    assert_int_equal(an->tokens[0].span.begin, 0);
    assert_int_equal(an->tokens[0].span.end, 4); /* the stray lead byte stays in the span */
    assert_string_equal(norm_of(0), "caf\xEF\xBF\xBD");
    for (size_t i = 0; i < an->token_n; i++)
        assert_true(an->tokens[i].span.end <= sizeof text - 1);
    /* a token of nothing but a format character has an empty normalized form */
    assert_string_equal(tokens_of("a \xE2\x80\x8E b"), "a|\xE2\x80\x8E|b");
    assert_string_equal(norm_of(1), "");
}

static void tokenizer_cuts_overlong_chunks(void **state)
{
    (void)state;
    size_t n = 5000;
    char *text = malloc(n);
    memset(text, 'a', n);
    memcpy(text + 1023, "\xC3\xA9", 2); /* a two-byte character across the cut */
    assert_int_equal(dyad_analyze(an, text, n), DYAD_OK);
    assert_true(an->token_n >= 5);
    uint32_t at = 0;
    for (size_t i = 0; i < an->token_n; i++) {
        assert_int_equal(an->tokens[i].span.begin, at);
        assert_true(an->tokens[i].span.end - an->tokens[i].span.begin <= TOK_MAX_CHUNK_BYTES);
        at = an->tokens[i].span.end;
    }
    assert_int_equal(at, n);
    assert_int_equal(an->tokens[0].span.end, 1023); /* cut before the é, not inside it */
    free(text);
}

static void tokenizer_cuts_chunks_just_over_the_limit_only(void **state)
{
    (void)state;
    char text[TOK_MAX_CHUNK_BYTES + 1];
    memset(text, 'b', sizeof text);
    assert_int_equal(dyad_analyze(an, text, TOK_MAX_CHUNK_BYTES), DYAD_OK);
    assert_int_equal(an->token_n, 1);
    assert_int_equal(dyad_analyze(an, text, TOK_MAX_CHUNK_BYTES + 1), DYAD_OK);
    assert_int_equal(an->token_n, 2);
    assert_int_equal(an->tokens[1].span.end - an->tokens[1].span.begin, 1);
}

static void tokenizer_refuses_text_beyond_32_bit_offsets(void **state)
{
    (void)state;
    /* the length is checked before the text is touched */
    assert_int_equal(dyad_analyze(an, "x", (size_t)UINT32_MAX + 1), DYAD_ELIMIT);
    assert_int_equal(an->token_n, 0);
}

static void tokenizer_handles_100000_repeated_tokens(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = malloc(n * 5);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * 5, "talk ", 5);
    assert_int_equal(dyad_analyze(an, text, n * 5), DYAD_OK);
    assert_int_equal(an->token_n, n);
    assert_int_equal(an->tokens[n - 1].span.begin, (n - 1) * 5);
    free(text);
}

static void tokenizer_handles_100000_nested_brackets(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = malloc(2 * n + 1);
    memset(text, '(', n);
    text[n] = 'x';
    memset(text + n + 1, ')', n);
    assert_int_equal(dyad_analyze(an, text, 2 * n + 1), DYAD_OK);
    assert_int_equal(an->token_n, 2 * n + 1);
    free(text);
}

static void tokenizer_handles_empty_and_blank_text(void **state)
{
    (void)state;
    assert_int_equal(dyad_analyze(an, "", 0), DYAD_OK);
    assert_int_equal(an->token_n, 0);
    assert_int_equal(an->sentence_n, 0);
    assert_int_equal(dyad_analyze(an, NULL, 0), DYAD_OK);
    assert_int_equal(dyad_analyze(an, " \n\n\t ", 5), DYAD_OK);
    assert_int_equal(an->token_n, 0);
    assert_int_equal(dyad_analyze(an, NULL, 3), DYAD_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokenizer_splits_nt_clitic),
        cmocka_unit_test(tokenizer_splits_possessive_and_contractions),
        cmocka_unit_test(tokenizer_matches_typographic_apostrophe_like_ascii),
        cmocka_unit_test(tokenizer_splits_fused_words),
        cmocka_unit_test(tokenizer_keeps_us_abbreviation),
        cmocka_unit_test(tokenizer_keeps_title_abbreviations),
        cmocka_unit_test(tokenizer_splits_final_period_of_ordinary_words),
        cmocka_unit_test(tokenizer_keeps_numbers_whole),
        cmocka_unit_test(tokenizer_splits_currency_units_and_percent),
        cmocka_unit_test(tokenizer_keeps_dollar_prefixes_whole),
        cmocka_unit_test(tokenizer_splits_hyphenated_compounds),
        cmocka_unit_test(tokenizer_keeps_prefixed_hyphen_words),
        cmocka_unit_test(tokenizer_keeps_urls_and_emails),
        cmocka_unit_test(tokenizer_keeps_ellipsis_as_one_token),
        cmocka_unit_test(tokenizer_splits_quotes_brackets_and_dashes),
        cmocka_unit_test(tokenizer_keeps_byte_spans_for_accented_names),
        cmocka_unit_test(tokenizer_sets_flags),
        cmocka_unit_test(tokenizer_treats_unicode_spaces_as_spaces),
        cmocka_unit_test(tokenizer_survives_invalid_utf8),
        cmocka_unit_test(tokenizer_cuts_overlong_chunks),
        cmocka_unit_test(tokenizer_cuts_chunks_just_over_the_limit_only),
        cmocka_unit_test(tokenizer_refuses_text_beyond_32_bit_offsets),
        cmocka_unit_test(tokenizer_handles_100000_repeated_tokens),
        cmocka_unit_test(tokenizer_handles_100000_nested_brackets),
        cmocka_unit_test(tokenizer_handles_empty_and_blank_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
