/*
 * test_read_tabari.c — TABARI .text records (src/text/read_tabari.c):
 * header forms, the two-digit-year rule, text up to the comment, kept
 * expectations and options, bad headers skipped to the next blank line,
 * an unterminated comment, and the record count of Validate.text.
 */
#include "test_util.h"

#include <stdbool.h>

static dyad_reader *open_text(const char *data, test_diags *d)
{
    memset(d, 0, sizeof *d);
    dyad_reader_options o = {.format = DYAD_FORMAT_TABARI, .diag = test_diags_collect, .diag_user = d};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory(data, strlen(data), "v.text", &o, &r, &err),
                     DYAD_OK);
    return r;
}

static bool has_meta(const dyad_doc *doc, const char *key, const char *value)
{
    for (size_t i = 0; i < doc->meta_n; i++)
        if (doc->meta[i].key.len == strlen(key) && !memcmp(doc->meta[i].key.ptr, key, strlen(key)) &&
            doc->meta[i].value.len == strlen(value) &&
            !memcmp(doc->meta[i].value.ptr, value, strlen(value)))
            return true;
    return false;
}

static const char sample[] = "\n"
                             "#####\n"
                             "# banner\n"
                             "\n"
                             "950101  DEMO-01\n" /* 5 */
                             "Arnor is about to restore ties \n"
                             "with Gondor. \n"
                             "/*\\n-------\n"
                             "\\n[Simple coding]\n"
                             "\\n{ ARN / GON / 064 } 950103  \n"
                             "\\n-{ ARN / GON / 222 }\n"
                             "\\nNo events {---} */   \n"
                             "\n"
                             "000102*INTRO extra words\n" /* 14 */
                             "Text then a comment/*\\n{ OPTION: SET: TIME SHIFT = FALSE }*/\n"
                             "\n"
                             "20150607 YYYY-01\n" /* 17 */
                             "Last record without a blank line after it.";

static void tabari_reader_reads_records_with_expectations(void **state)
{
    (void)state;
    test_diags d;
    dyad_reader *r = open_text(sample, &d);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_non_null(doc);
    assert_memory_equal(doc->id.ptr, "DEMO-01", doc->id.len);
    assert_int_equal(doc->line, 5);
    assert_int_equal(doc->date.year, 1995);
    assert_string_equal(doc->text.ptr, "Arnor is about to restore ties \nwith Gondor.");
    assert_true(has_meta(doc, "header", "DEMO-01"));
    assert_true(has_meta(doc, "expect", "{ ARN / GON / 064 } 950103"));
    assert_true(has_meta(doc, "expect", "-{ ARN / GON / 222 }"));
    assert_true(has_meta(doc, "expect", "{---}"));
    assert_true(has_meta(doc, "comment", "\\n-------\n\\n[Simple coding]\n\\n{ ARN / GON / 064 } "
                                         "950103  \n\\n-{ ARN / GON / 222 }\n\\nNo events {---}"));

    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_memory_equal(doc->id.ptr, "INTRO", doc->id.len);
    assert_int_equal(doc->id.len, 5);
    assert_int_equal(doc->date.year, 2000);
    assert_int_equal(doc->date.day, 2);
    assert_string_equal(doc->text.ptr, "Text then a comment");
    assert_true(has_meta(doc, "header", "INTRO extra words"));
    assert_true(has_meta(doc, "option", "SET: TIME SHIFT = FALSE"));

    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_memory_equal(doc->id.ptr, "YYYY-01", 7);
    assert_int_equal(doc->date.year, 2015);
    assert_int_equal(doc->line, 17);
    assert_string_equal(doc->text.ptr, "Last record without a blank line after it.");

    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_null(doc);
    assert_int_equal(d.n, 0);
    dyad_reader_close(r);
}

static void tabari_reader_splits_two_digit_years_at_50(void **state)
{
    (void)state;
    test_diags d;
    dyad_reader *r = open_text("491231 A\nx\n\n500101 B\ny\n\n990101 C\nz\n", &d);
    const dyad_doc *doc;
    int want[] = {2049, 1950, 1999};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
        assert_int_equal(doc->date.year, want[i]);
    }
    dyad_reader_close(r);
}

static void tabari_reader_rejects_bad_headers_and_skips_their_lines(void **state)
{
    (void)state;
    test_diags d;
    dyad_reader *r = open_text("9501201  SEVEN\n950101  FAKE-HEADER-IN-TEXT\n\n"
                               "951301 MONTH13\ntext\n\n"
                               "950101\n\n"
                               "hello there\n\n"
                               "950101 GOOD\nkept\n",
                               &d);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_non_null(doc);
    assert_memory_equal(doc->id.ptr, "GOOD", 4);
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_null(doc);
    assert_int_equal(dyad_reader_rejected(r), 4);
    assert_non_null(strstr(d.all, "v.text:1: record header: the date must be YYMMDD or YYYYMMDD"));
    assert_non_null(strstr(d.all, "v.text:4: record header: invalid date"));
    assert_non_null(strstr(d.all, "v.text:7: record header: no record id"));
    assert_non_null(strstr(d.all, "v.text:9: record header"));
    dyad_reader_close(r);
}

static void tabari_reader_ends_an_unclosed_comment_at_the_blank_line(void **state)
{
    (void)state;
    test_diags d;
    dyad_reader *r = open_text("950104 A\nFirst.\n/*\\n{ FOR / GON / 044 } /*\n\n"
                               "950104 B\nSecond.\n",
                               &d);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_true(has_meta(doc, "expect", "{ FOR / GON / 044 } /*"));
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_memory_equal(doc->id.ptr, "B", 1);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.last_code, DYAD_EPARSE);
    assert_int_equal(d.last_line, 3);
    assert_int_equal(dyad_reader_rejected(r), 0);
    dyad_reader_close(r);
}

static void tabari_reader_takes_an_option_whose_brace_was_forgotten(void **state)
{
    (void)state;
    test_diags d;
    dyad_reader *r = open_text("970102 A\nText.\n/*\n{ OPTION: SET: MINIMUM WORDS = 4  */\n\n"
                               "970103 B\nMore.\n/*\n{ FRE / SYL / 190 */\n",
                               &d);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_true(has_meta(doc, "option", "SET: MINIMUM WORDS = 4"));
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    for (size_t i = 0; i < doc->meta_n; i++) /* only options run to the line end */
        assert_false(doc->meta[i].key.len == 6 && !memcmp(doc->meta[i].key.ptr, "expect", 6));
    dyad_reader_close(r);
}

static void tabari_reader_attaches_a_comment_between_records_to_the_next(void **state)
{
    (void)state;
    test_diags d;
    dyad_reader *r = open_text("/* { ABC / DEF / 010 } */\n950101 A\nText.\n", &d);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_true(has_meta(doc, "expect", "{ ABC / DEF / 010 }"));
    dyad_reader_close(r);
}

static void tabari_reader_rejects_a_record_over_the_limit(void **state)
{
    (void)state;
    test_diags d;
    memset(&d, 0, sizeof d);
    const char data[] = "950101 BIG\n0123456789\n0123456789\n\n950101 SMALL\nab\n";
    dyad_reader_options o = {.format = DYAD_FORMAT_TABARI,
                             .max_doc_bytes = 16,
                             .diag = test_diags_collect,
                             .diag_user = &d};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory(data, sizeof data - 1, "v.text", &o, &r, &err),
                     DYAD_OK);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_memory_equal(doc->id.ptr, "SMALL", 5);
    assert_int_equal(dyad_reader_rejected(r), 1);
    assert_int_equal(d.last_code, DYAD_ELIMIT);
    dyad_reader_close(r);
}

static void tabari_reader_survives_junk(void **state)
{
    (void)state;
    test_diags d;
    dyad_reader *r = open_text("\x01\x02\xff\n/*\n*/*/\n950101 X /* */ \n{ }\n/*", &d);
    const dyad_doc *doc;
    while (dyad_reader_next(r, &doc) == DYAD_OK && doc)
        ;
    dyad_reader_close(r);
}

static void tabari_reader_reads_validate_text(void **state)
{
    (void)state;
    char path[1024];
    SKIP_WITHOUT_SHARED("data/tabari_validation/Validate.text", path);
    test_diags d;
    memset(&d, 0, sizeof d);
    dyad_reader_options o = {.diag = test_diags_collect, .diag_user = &d};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open(path, &o, &r, &err), DYAD_OK);
    assert_int_equal(dyad_reader_format(r), DYAD_FORMAT_TABARI);
    const dyad_doc *doc;
    int docs = 0, before_final = -1, expects = 0;
    while (dyad_reader_next(r, &doc) == DYAD_OK && doc) {
        docs++;
        if (doc->id.len == 8 && memcmp(doc->id.ptr, "FINAL-01", 8) == 0)
            before_final = docs;
        for (size_t i = 0; i < doc->meta_n; i++)
            expects += doc->meta[i].key.len == 6 && !memcmp(doc->meta[i].key.ptr, "expect", 6);
    }
    /* 473 records up to FINAL-01: two have malformed dates (9501201,
     * 186010029) and are rejected, 471 are read. */
    assert_int_equal(before_final, 471);
    assert_int_equal(docs, 479);
    assert_int_equal(dyad_reader_rejected(r), 2);
    assert_true(expects > 400);
    dyad_reader_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tabari_reader_reads_records_with_expectations),
        cmocka_unit_test(tabari_reader_takes_an_option_whose_brace_was_forgotten),
        cmocka_unit_test(tabari_reader_splits_two_digit_years_at_50),
        cmocka_unit_test(tabari_reader_rejects_bad_headers_and_skips_their_lines),
        cmocka_unit_test(tabari_reader_ends_an_unclosed_comment_at_the_blank_line),
        cmocka_unit_test(tabari_reader_attaches_a_comment_between_records_to_the_next),
        cmocka_unit_test(tabari_reader_rejects_a_record_over_the_limit),
        cmocka_unit_test(tabari_reader_survives_junk),
        cmocka_unit_test(tabari_reader_reads_validate_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
