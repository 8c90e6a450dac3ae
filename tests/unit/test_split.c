/*
 * test_split.c — behaviour of the sentence splitter (src/text/split.c)
 * through dyad_analyze(): abbreviations, initials, a.m./p.m., decimals,
 * quotes, ellipses, datelines, headlines, paragraph breaks, hard-wrapped
 * lines, the sentence length cap and pathological input.
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

/* The sentences of text joined by " || ". */
static const char *sentences_of(const char *text)
{
    static char out[8192];
    assert_int_equal(dyad_analyze(an, text, strlen(text)), DYAD_OK);
    size_t o = 0;
    out[0] = 0;
    for (size_t i = 0; i < an->sentence_n; i++) {
        dyad_span sp = an->sentences[i].span;
        size_t n = sp.end - sp.begin;
        assert_true(o + n + 5 < sizeof out);
        if (i) {
            memcpy(out + o, " || ", 4);
            o += 4;
        }
        memcpy(out + o, text + sp.begin, n);
        o += n;
        out[o] = 0;
    }
    return out;
}

static void splitter_breaks_after_ordinary_stops(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("The talks ended. Both sides left! Why? Nobody knows."),
                        "The talks ended. || Both sides left! || Why? || Nobody knows.");
}

static void splitter_keeps_us_abbreviation(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("The U.S. Senate voted on Monday. It passed."),
                        "The U.S. Senate voted on Monday. || It passed.");
}

static void splitter_breaks_after_us_before_a_sentence_starter(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("He moved to the U.S. The weather was fine."),
                        "He moved to the U.S. || The weather was fine.");
}

static void splitter_breaks_after_pm_before_capital(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("The talks end at 5 p.m. The leaders then speak."),
                        "The talks end at 5 p.m. || The leaders then speak.");
}

static void splitter_keeps_pm_before_weekday_or_time_zone(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("The vote is at 5 p.m. Monday in the hall."),
                        "The vote is at 5 p.m. Monday in the hall.");
    assert_string_equal(sentences_of("It starts at 9 a.m. EST sharp."),
                        "It starts at 9 a.m. EST sharp.");
}

static void splitter_keeps_titles_and_ranks(void **state)
{
    (void)state;
    const char *t = "Mr. Smith met Dr. Jones, Gen. Lee, Lt. Col. Ray and Sen. Kay in St. Paul.";
    assert_string_equal(sentences_of(t), t);
}

static void splitter_keeps_initials(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("George W. Bush met John F. Kennedy Jr. fans."),
                        "George W. Bush met John F. Kennedy Jr. fans.");
}

static void splitter_keeps_decimals_and_amounts(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("Growth was 3.5 percent. Exports rose $1.2 billion."),
                        "Growth was 3.5 percent. || Exports rose $1.2 billion.");
}

static void splitter_keeps_closing_quote_with_its_sentence(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("\"We will win.\" The crowd cheered."),
                        "\"We will win.\" || The crowd cheered.");
    assert_string_equal(sentences_of("“We will win.” The crowd cheered."),
                        "“We will win.” || The crowd cheered.");
    assert_string_equal(sentences_of("(See the annex.) Talks resume."),
                        "(See the annex.) || Talks resume.");
}

static void splitter_keeps_question_followed_by_attribution(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("\"Why now?\" he asked. She smiled."),
                        "\"Why now?\" he asked. || She smiled.");
}

static void splitter_keeps_month_and_number_abbreviations(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("On Jan. 5 the team ranked No. 1 again."),
                        "On Jan. 5 the team ranked No. 1 again.");
    assert_string_equal(sentences_of("He said no. Then he left."),
                        "He said no. || Then he left.");
}

static void splitter_breaks_after_etc_and_inc_before_capital(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("They sell tools, paint, etc. The shop opens at nine."),
                        "They sell tools, paint, etc. || The shop opens at nine.");
    assert_string_equal(sentences_of("Acme Inc. said on Monday it would grow."),
                        "Acme Inc. said on Monday it would grow.");
}

/* Kremlin transcripts mark cut text with "<…>" between speakers; the
 * sentence before it ends (it used to run on into the next speaker's). */
static void splitter_breaks_before_an_elision_mark(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("Thank you very much, too. <…> Mr President, I agree."),
                        "Thank you very much, too. || <…> Mr President, I agree.");
    assert_string_equal(sentences_of("It rose to 5. [Applause.] It fell."),
                        "It rose to 5. || [Applause.] || It fell.");
}

static void splitter_handles_ellipses(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("He paused... Then he spoke."),
                        "He paused... || Then he spoke.");
    assert_string_equal(sentences_of("He paused ... and then spoke."),
                        "He paused ... and then spoke.");
}

/* An asterism ("* * *", "***": three stars or more) separates sections
 * and is a sentence of its own, also with no line break around it, as in
 * kremlin.ru transcripts; fewer stars are ordinary tokens. */
static void splitter_breaks_around_an_asterism(void **state)
{
    (void)state;
    assert_string_equal(
        sentences_of("It was attended by Petr Fradkov. * * * President Putin: Good afternoon."),
        "It was attended by Petr Fradkov. || * * * || President Putin: Good afternoon.");
    assert_string_equal(sentences_of("Cooperation with Africa.*** Putin: Colleagues."),
                        "Cooperation with Africa. || *** || Putin: Colleagues.");
    assert_string_equal(sentences_of("One.\n\n***\n\nTwo."), "One. || *** || Two.");
    assert_string_equal(sentences_of("A star * and two ** stay."), "A star * and two ** stay.");
}

static void splitter_ignores_single_newlines_in_wrapped_text(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("The minister said the talks\nwould go on. Officials\nagreed."),
                        "The minister said the talks\nwould go on. || Officials\nagreed.");
}

static void splitter_breaks_at_blank_lines_and_flags_headlines(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("Leaders Meet In Baku\n\nThe summit opened today.\n\nIt ended"),
                        "Leaders Meet In Baku || The summit opened today. || It ended");
    assert_true(an->sentences[0].flags & DYAD_SENT_HEADLINE);
    assert_false(an->sentences[1].flags & DYAD_SENT_HEADLINE);
    assert_false(an->sentences[2].flags & DYAD_SENT_HEADLINE); /* no blank line follows */
}

static void splitter_separates_agency_dateline(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("BAKU, March 8 (AFP) - Azerbaijan's leader met envoys."),
                        "BAKU, March 8 (AFP) - || Azerbaijan's leader met envoys.");
    assert_true(an->sentences[0].flags & DYAD_SENT_DATELINE);
    assert_false(an->sentences[1].flags & DYAD_SENT_DATELINE);
    assert_string_equal(sentences_of("WASHINGTON (Reuters) -- The Senate voted."),
                        "WASHINGTON (Reuters) -- || The Senate voted.");
    assert_string_equal(sentences_of("NEW YORK — Stocks fell."), "NEW YORK — || Stocks fell.");
}

static void splitter_wants_a_known_agency_after_a_mixed_case_place(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("Baku (AFP) - Talks began."), "Baku (AFP) - || Talks began.");
    assert_true(an->sentences[0].flags & DYAD_SENT_DATELINE);
    const char *t = "The Consumer Protection Bureau (CPB) — a new agency — opened.";
    assert_string_equal(sentences_of(t), t);
    assert_int_equal(an->sentences[0].flags, 0);
}

static void splitter_finds_dateline_after_headline(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("Talks Resume\n\nGENEVA, Oct. 2 (AP) - Envoys met."),
                        "Talks Resume || GENEVA, Oct. 2 (AP) - || Envoys met.");
    assert_true(an->sentences[1].flags & DYAD_SENT_DATELINE);
}

static void splitter_does_not_take_hyphenated_capitals_for_a_dateline(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("US-China talks resumed."), "US-China talks resumed.");
    assert_int_equal(an->sentences[0].flags, 0);
    assert_string_equal(sentences_of("The NATO - Russia council met."),
                        "The NATO - Russia council met.");
}

static void splitter_caps_sentence_length(void **state)
{
    (void)state;
    size_t n = 2500;
    char *text = malloc(n * 2);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 2 * i, "a ", 2);
    assert_int_equal(dyad_analyze(an, text, n * 2), DYAD_OK);
    assert_int_equal(an->sentence_n, 3);
    assert_int_equal(an->sentences[0].token_n, DYAD_MAX_SENTENCE_TOKENS);
    assert_int_equal(an->sentences[2].token_n, n - 2 * DYAD_MAX_SENTENCE_TOKENS);
    free(text);
}

/* n one-letter tokens "a a a ..." without punctuation. */
static size_t sentences_for_tokens(size_t n)
{
    char *text = malloc(n * 2);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 2 * i, "a ", 2);
    assert_int_equal(dyad_analyze(an, text, n * 2), DYAD_OK);
    free(text);
    return an->sentence_n;
}

static void splitter_cuts_exactly_at_the_sentence_limit(void **state)
{
    (void)state;
    assert_int_equal(sentences_for_tokens(DYAD_MAX_SENTENCE_TOKENS), 1);
    assert_int_equal(sentences_for_tokens(DYAD_MAX_SENTENCE_TOKENS + 1), 2);
    assert_int_equal(an->sentences[1].token_n, 1);
}

static void splitter_survives_100000_nested_quotes(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = malloc(2 * n + 2);
    memset(text, '"', n);
    memcpy(text + n, "x.", 2);
    memset(text + n + 2, '"', n);
    assert_int_equal(dyad_analyze(an, text, 2 * n + 2), DYAD_OK);
    size_t tokens = 0;
    for (size_t i = 0; i < an->sentence_n; i++)
        tokens += an->sentences[i].token_n;
    assert_int_equal(tokens, an->token_n);
    free(text);
}

static void splitter_covers_every_token_once(void **state)
{
    (void)state;
    sentences_of("One. Two! \"Three?\" Four...\n\nFive (six.) Seven");
    uint32_t next = 0;
    for (size_t i = 0; i < an->sentence_n; i++) {
        assert_int_equal(an->sentences[i].first_token, next);
        assert_true(an->sentences[i].token_n > 0);
        next += an->sentences[i].token_n;
    }
    assert_int_equal(next, an->token_n);
}

static void splitter_classifies_abbreviations(void **state)
{
    (void)state;
    assert_int_equal(split_abbrev_class("Mr", 2, false), SPLIT_ABBR_TITLE);
    assert_int_equal(split_abbrev_class("mr", 2, false), SPLIT_ABBR_TITLE);
    assert_int_equal(split_abbrev_class("Inc", 3, false), SPLIT_ABBR_END);
    assert_int_equal(split_abbrev_class("U.S", 3, false), SPLIT_ABBR_ACRONYM);
    assert_int_equal(split_abbrev_class("p.m", 3, false), SPLIT_ABBR_END);
    assert_int_equal(split_abbrev_class("e.g", 3, false), SPLIT_ABBR_TITLE);
    assert_int_equal(split_abbrev_class("W", 1, false), SPLIT_ABBR_INITIAL);
    assert_int_equal(split_abbrev_class("No", 2, false), SPLIT_ABBR_NONE);
    assert_int_equal(split_abbrev_class("No", 2, true), SPLIT_ABBR_TITLE);
    assert_int_equal(split_abbrev_class("left", 4, false), SPLIT_ABBR_NONE);
    assert_int_equal(split_abbrev_class("example.com", 11, false), SPLIT_ABBR_NONE);
    assert_int_equal(split_abbrev_class("pop", 3, false), SPLIT_ABBR_TITLE);
    assert_true(split_abbrev_table_sorted());
}

static void splitter_goes_on_after_company_before_bracket(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("Apple Inc. (AAPL) rose. It closed higher."),
                        "Apple Inc. (AAPL) rose. || It closed higher.");
    assert_string_equal(sentences_of("He left. (He was tired.) Then he slept."),
                        "He left. || (He was tired.) || Then he slept.");
}

static void splitter_breaks_before_lower_case_in_web_text(void **state)
{
    (void)state;
    assert_string_equal(sentences_of("no. i got her number. bet? really."),
                        "no. || i got her number. || bet? || really.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splitter_breaks_after_ordinary_stops),
        cmocka_unit_test(splitter_keeps_us_abbreviation),
        cmocka_unit_test(splitter_breaks_after_us_before_a_sentence_starter),
        cmocka_unit_test(splitter_breaks_after_pm_before_capital),
        cmocka_unit_test(splitter_keeps_pm_before_weekday_or_time_zone),
        cmocka_unit_test(splitter_keeps_titles_and_ranks),
        cmocka_unit_test(splitter_keeps_initials),
        cmocka_unit_test(splitter_keeps_decimals_and_amounts),
        cmocka_unit_test(splitter_keeps_closing_quote_with_its_sentence),
        cmocka_unit_test(splitter_keeps_question_followed_by_attribution),
        cmocka_unit_test(splitter_keeps_month_and_number_abbreviations),
        cmocka_unit_test(splitter_breaks_after_etc_and_inc_before_capital),
        cmocka_unit_test(splitter_breaks_before_an_elision_mark),
        cmocka_unit_test(splitter_handles_ellipses),
        cmocka_unit_test(splitter_breaks_around_an_asterism),
        cmocka_unit_test(splitter_ignores_single_newlines_in_wrapped_text),
        cmocka_unit_test(splitter_breaks_at_blank_lines_and_flags_headlines),
        cmocka_unit_test(splitter_separates_agency_dateline),
        cmocka_unit_test(splitter_wants_a_known_agency_after_a_mixed_case_place),
        cmocka_unit_test(splitter_finds_dateline_after_headline),
        cmocka_unit_test(splitter_does_not_take_hyphenated_capitals_for_a_dateline),
        cmocka_unit_test(splitter_caps_sentence_length),
        cmocka_unit_test(splitter_cuts_exactly_at_the_sentence_limit),
        cmocka_unit_test(splitter_survives_100000_nested_quotes),
        cmocka_unit_test(splitter_covers_every_token_once),
        cmocka_unit_test(splitter_classifies_abbreviations),
        cmocka_unit_test(splitter_goes_on_after_company_before_bracket),
        cmocka_unit_test(splitter_breaks_before_lower_case_in_web_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
