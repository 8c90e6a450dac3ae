/*
 * test_read_text.c — plain-text press releases (src/text/read_text.c): the
 * optional date line, exact original bytes, ids from the basename, empty
 * and oversized files, bad dates, invalid UTF-8 and binary junk.
 */
#include "test_util.h"

typedef struct one {
    dyad_reader *r;
    const dyad_doc *doc;
    test_diags d;
} one;

/* Opens data as a text document and reads the first document. */
static void read_one(one *o, const char *data, size_t len, const char *name, size_t limit)
{
    memset(o, 0, sizeof *o);
    dyad_reader_options opts = {.format = DYAD_FORMAT_TEXT,
                                .max_doc_bytes = limit,
                                .diag = test_diags_collect,
                                .diag_user = &o->d};
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory(data, len, name, &opts, &o->r, &err), DYAD_OK);
    assert_int_equal(dyad_reader_next(o->r, &o->doc), DYAD_OK);
}

static void finish(one *o)
{
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(o->r, &doc), DYAD_OK);
    assert_null(doc); /* one file, at most one document */
    dyad_reader_close(o->r);
}

static void text_reader_takes_the_date_line_and_keeps_the_first_paragraph(void **state)
{
    (void)state;
    const char data[] = " date 2023-03-08 The minister met the envoy.\n\nThey spoke.\n";
    one o;
    read_one(&o, data, sizeof data - 1, "releases/baku-1.txt", 0);
    assert_non_null(o.doc);
    assert_int_equal(o.doc->date.year, 2023);
    assert_int_equal(o.doc->date.month, 3);
    assert_int_equal(o.doc->date.day, 8);
    const char *want = "The minister met the envoy.\n\nThey spoke.\n";
    assert_int_equal(o.doc->text.len, strlen(want));
    assert_memory_equal(o.doc->text.ptr, want, strlen(want));
    assert_int_equal(o.doc->text.ptr[o.doc->text.len], 0);
    assert_memory_equal(o.doc->id.ptr, "baku-1.txt", o.doc->id.len);
    assert_int_equal(o.doc->id.len, 10);
    assert_int_equal(o.doc->line, 1);
    assert_int_equal(o.d.n, 0);
    finish(&o);
}

static void text_reader_accepts_a_compact_date_on_its_own_line(void **state)
{
    (void)state;
    const char data[] = "Date: 20220115\n\nFirst paragraph.\r\n";
    one o;
    read_one(&o, data, sizeof data - 1, "a.txt", 0);
    assert_int_equal(o.doc->date.year, 2022);
    assert_int_equal(o.doc->date.day, 15);
    assert_memory_equal(o.doc->text.ptr, "First paragraph.\r\n", o.doc->text.len);
    finish(&o);
}

static void text_reader_without_a_date_line_keeps_everything(void **state)
{
    (void)state;
    const char data[] = "Date palms grow well here.\n";
    one o;
    read_one(&o, data, sizeof data - 1, "a.txt", 0);
    assert_int_equal(o.doc->date.year, 0);
    assert_int_equal(o.doc->text.len, sizeof data - 1);
    finish(&o);
}

static void text_reader_rejects_a_date_line_that_does_not_parse(void **state)
{
    (void)state;
    const char data[] = "date 2023-02-30\n\nText.\n";
    one o;
    read_one(&o, data, sizeof data - 1, "feb.txt", 0);
    assert_null(o.doc);
    assert_int_equal(o.d.n, 1);
    assert_int_equal(o.d.last_code, DYAD_EDATE);
    assert_int_equal(o.d.last_line, 1);
    assert_non_null(strstr(o.d.last, "feb.txt:1:"));
    assert_int_equal(dyad_reader_rejected(o.r), 1);
    finish(&o);
}

static void text_reader_gives_no_document_for_an_empty_file(void **state)
{
    (void)state;
    one o;
    read_one(&o, "", 0, "empty.txt", 0);
    assert_null(o.doc);
    assert_int_equal(o.d.n, 0);
    assert_int_equal(dyad_reader_rejected(o.r), 0);
    finish(&o);
    read_one(&o, " \n\n\t\n", 5, "blank.txt", 0);
    assert_null(o.doc);
    finish(&o);
    read_one(&o, "date 2020-01-01\n", 16, "only-date.txt", 0);
    assert_null(o.doc);
    assert_int_equal(o.d.n, 0);
    finish(&o);
}

static void text_reader_rejects_a_file_over_the_limit(void **state)
{
    (void)state;
    one o;
    read_one(&o, "0123456789", 10, "ten.txt", 10); /* just inside */
    assert_non_null(o.doc);
    assert_int_equal(o.doc->text.len, 10);
    finish(&o);
    read_one(&o, "0123456789A", 11, "eleven.txt", 10); /* just outside */
    assert_null(o.doc);
    assert_int_equal(o.d.last_code, DYAD_ELIMIT);
    assert_int_equal(dyad_reader_rejected(o.r), 1);
    finish(&o);
}

static void text_reader_warns_about_invalid_utf8_and_keeps_the_bytes(void **state)
{
    (void)state;
    const char data[] = "Caf\xE9 talks \xFF\xFE resumed.\n";
    one o;
    read_one(&o, data, sizeof data - 1, "latin1.txt", 0);
    assert_non_null(o.doc);
    assert_memory_equal(o.doc->text.ptr, data, sizeof data - 1);
    assert_int_equal(o.d.n, 1);
    assert_int_equal(o.d.last_code, DYAD_EENCODING);
    assert_int_equal(dyad_reader_rejected(o.r), 0);
    finish(&o);
}

static void text_reader_survives_binary_junk(void **state)
{
    (void)state;
    unsigned char junk[4096];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(x >> 16);
    }
    junk[0] = 'A'; /* not a compression magic */
    one o;
    read_one(&o, (char *)junk, sizeof junk, "junk.bin", 0);
    assert_non_null(o.doc);
    assert_int_equal(o.doc->text.len, sizeof junk);
    finish(&o);
}

static void text_reader_uses_the_basename_of_a_real_file(void **state)
{
    (void)state;
    char *path = test_write_temp(".txt", "date 2024-12-31 Year end.\n", 26);
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open(path, NULL, &r, &err), DYAD_OK);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    const char *base = strrchr(path, '/') + 1;
    assert_int_equal(doc->id.len, strlen(base));
    assert_memory_equal(doc->id.ptr, base, doc->id.len);
    assert_string_equal(doc->file, path);
    dyad_reader_close(r);
    unlink(path);
    free(path);
}

static void text_reader_reads_the_shared_example(void **state)
{
    (void)state;
    char path[1024];
    SKIP_WITHOUT_SHARED("examples/press-release-2023-03-08.txt", path);
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open(path, NULL, &r, &err), DYAD_OK);
    assert_int_equal(dyad_reader_format(r), DYAD_FORMAT_TEXT);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_non_null(doc);
    assert_int_equal(doc->date.year, 2023);
    assert_int_equal(doc->date.month, 3);
    assert_int_equal(doc->date.day, 8);
    assert_true(strncmp(doc->text.ptr, "President of the Republic", 25) == 0);
    dyad_reader_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_reader_takes_the_date_line_and_keeps_the_first_paragraph),
        cmocka_unit_test(text_reader_accepts_a_compact_date_on_its_own_line),
        cmocka_unit_test(text_reader_without_a_date_line_keeps_everything),
        cmocka_unit_test(text_reader_rejects_a_date_line_that_does_not_parse),
        cmocka_unit_test(text_reader_gives_no_document_for_an_empty_file),
        cmocka_unit_test(text_reader_rejects_a_file_over_the_limit),
        cmocka_unit_test(text_reader_warns_about_invalid_utf8_and_keeps_the_bytes),
        cmocka_unit_test(text_reader_survives_binary_junk),
        cmocka_unit_test(text_reader_uses_the_basename_of_a_real_file),
        cmocka_unit_test(text_reader_reads_the_shared_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
