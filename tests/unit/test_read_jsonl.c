/*
 * test_read_jsonl.c — JSON Lines (src/text/read_jsonl.c): fields and
 * meta, blank lines, every kind of bad record (missing or wrong-typed
 * fields, invalid JSON, bad dates, trailing text), invalid UTF-8, a 50 MB
 * line over the default limit, and zero rejections on the shared corpora.
 */
#include "test_util.h"

typedef struct run {
    dyad_reader *r;
    test_diags d;
    int docs;
    char ids[1024];
} run;

/* Reads all of data as JSONL; ids of documents joined by ','. */
static dyad_status read_all(run *rn, const char *data, size_t len)
{
    memset(rn, 0, sizeof *rn);
    dyad_reader_options o = {.diag = test_diags_collect, .diag_user = &rn->d};
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory(data, len, "t.jsonl", &o, &rn->r, &err), DYAD_OK);
    const dyad_doc *doc;
    dyad_status st;
    while ((st = dyad_reader_next(rn->r, &doc)) == DYAD_OK && doc) {
        size_t k = strlen(rn->ids);
        snprintf(rn->ids + k, sizeof rn->ids - k, "%s%.*s", k ? "," : "", (int)doc->id.len,
                 doc->id.ptr);
        rn->docs++;
    }
    return st;
}

static void jsonl_reader_reads_fields_and_keeps_other_scalars_as_meta(void **state)
{
    (void)state;
    const char data[] =
        "{\"id\":\"wh-1\",\"date\":\"2025-02-10\",\"title\":\"On trade\",\"url\":\"https://x/1\","
        "\"source\":\"wh\",\"text\":\"Line one.\\nLine \\\"two\\\".\",\"category\":\"articles\","
        "\"n\":3,\"ok\":true,\"tags\":[\"a\"],\"none\":null}\n";
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory(data, sizeof data - 1, "x.jsonl", NULL, &r, &err),
                     DYAD_OK);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_non_null(doc);
    assert_memory_equal(doc->id.ptr, "wh-1", 4);
    assert_int_equal(doc->date.year, 2025);
    assert_int_equal(doc->date.month, 2);
    assert_string_equal(doc->text.ptr, "Line one.\nLine \"two\".");
    assert_int_equal(doc->text.len, 21);
    assert_memory_equal(doc->title.ptr, "On trade", 8);
    assert_memory_equal(doc->url.ptr, "https://x/1", 11);
    assert_memory_equal(doc->source.ptr, "wh", 2);
    assert_int_equal(doc->line, 1);
    assert_int_equal(doc->meta_n, 3);
    assert_memory_equal(doc->meta[0].key.ptr, "category", 8);
    assert_memory_equal(doc->meta[0].value.ptr, "articles", 8);
    assert_memory_equal(doc->meta[1].value.ptr, "3", 1);
    assert_memory_equal(doc->meta[2].value.ptr, "true", 4);
    assert_null(doc->given);
    dyad_reader_close(r);
}

static void jsonl_reader_accepts_numeric_ids_and_date_times(void **state)
{
    (void)state;
    const char data[] = "\n  \n{\"id\":42,\"date\":\"2020-03-04T05:06:07Z\",\"text\":\"a\"}\n"
                        "{\"id\":1.5,\"date\":\"19991231\",\"text\":\"b\",\"title\":null}";
    run rn;
    assert_int_equal(read_all(&rn, data, sizeof data - 1), DYAD_OK);
    assert_string_equal(rn.ids, "42,1.5");
    assert_int_equal(rn.d.n, 0);
    dyad_reader_close(rn.r);
}

static void jsonl_reader_rejects_bad_records_by_line_and_goes_on(void **state)
{
    (void)state;
    const char data[] =
        "{\"date\":\"2020-01-01\",\"text\":\"no id\"}\n"                      /* 1 */
        "{\"id\":\"b\",\"text\":\"no date\"}\n"                               /* 2 */
        "{\"id\":\"c\",\"date\":\"2020-01-01\"}\n"                            /* 3 */
        "{\"id\":[1],\"date\":\"2020-01-01\",\"text\":\"x\"}\n"               /* 4 */
        "{\"id\":\"e\",\"date\":20200101,\"text\":\"x\"}\n"                   /* 5 */
        "{\"id\":\"f\",\"date\":\"2020-01-01\",\"text\":7}\n"                 /* 6 */
        "{\"id\":\"g\",\"date\":\"2020-13-01\",\"text\":\"x\"}\n"             /* 7 */
        "{\"id\":\"h\",\"date\":\"2020-01-01\",\"text\":\"x\"\n"              /* 8 */
        "[1,2,3]\n"                                                           /* 9 */
        "{\"id\":\"j\",\"date\":\"2020-01-01\",\"text\":\"x\"} junk\n"        /* 10 */
        "{\"id\":\"k\",\"date\":\"2020-01-01\",\"text\":\"x\",\"url\":5}\n"   /* 11 */
        "{\"id\":\"\",\"date\":\"2020-01-01\",\"text\":\"x\"}\n"              /* 12 */
        "{\"id\":\"good\",\"date\":\"2020-01-01\",\"text\":\"kept\"}\n";      /* 13 */
    run rn;
    assert_int_equal(read_all(&rn, data, sizeof data - 1), DYAD_OK);
    assert_string_equal(rn.ids, "good");
    assert_int_equal(rn.d.n, 12);
    assert_int_equal(dyad_reader_rejected(rn.r), 12);
    const char *want[] = {
        "t.jsonl:1: missing field \"id\"",
        "t.jsonl:2: record b: missing field \"date\"",
        "t.jsonl:3: record c: missing field \"text\"",
        "t.jsonl:4: field \"id\" must be a string or a number",
        "t.jsonl:5: record e: field \"date\" must be a string",
        "t.jsonl:6: record f: field \"text\" must be a string",
        "t.jsonl:7: record g: field \"date\": \"2020-13-01\" is not a date",
        "t.jsonl:8: invalid JSON",
        "t.jsonl:9: line is not a JSON object",
        "t.jsonl:10: unexpected text after the JSON value",
        "t.jsonl:11: record k: field \"url\" must be a string or null",
        "t.jsonl:12: field \"id\" is empty",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!strstr(rn.d.all, want[i]))
            fail_msg("missing diagnostic: %s\ngot:\n%s", want[i], rn.d.all);
    }
    dyad_reader_close(rn.r);
}

static void jsonl_reader_warns_about_invalid_utf8_but_keeps_the_record(void **state)
{
    (void)state;
    const char data[] = "{\"id\":\"u\",\"date\":\"2020-01-01\",\"text\":\"bad \xC3\x28 byte\"}\n";
    run rn;
    assert_int_equal(read_all(&rn, data, sizeof data - 1), DYAD_OK);
    assert_int_equal(rn.docs, 1);
    assert_int_equal(rn.d.n, 1);
    assert_int_equal(rn.d.last_code, DYAD_EENCODING);
    assert_int_equal(rn.d.last_line, 1);
    assert_int_equal(dyad_reader_rejected(rn.r), 0);
    dyad_reader_close(rn.r);
}

static void jsonl_reader_skips_a_50mb_line_and_reads_the_next(void **state)
{
    (void)state;
    size_t big = 50u * 1024u * 1024u;
    const char head[] = "{\"id\":\"a\",\"date\":\"2020-01-01\",\"text\":\"first\"}\n{\"id\":\"big\","
                        "\"date\":\"2020-01-01\",\"text\":\"";
    const char tail[] = "\"}\n{\"id\":\"c\",\"date\":\"2020-01-02\",\"text\":\"after\"}\n";
    size_t len = sizeof head - 1 + big + sizeof tail - 1;
    char *data = malloc(len);
    memcpy(data, head, sizeof head - 1);
    memset(data + sizeof head - 1, 'w', big);
    memcpy(data + sizeof head - 1 + big, tail, sizeof tail - 1);
    run rn;
    assert_int_equal(read_all(&rn, data, len), DYAD_OK);
    assert_string_equal(rn.ids, "a,c");
    assert_int_equal(rn.d.n, 1);
    assert_int_equal(rn.d.last_code, DYAD_ELIMIT);
    assert_int_equal(rn.d.last_line, 2);
    assert_non_null(strstr(rn.d.last, "longer than the limit"));
    dyad_reader_close(rn.r);
    free(data);
}

static void jsonl_reader_survives_binary_junk(void **state)
{
    (void)state;
    unsigned char junk[8192];
    unsigned x = 99;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(x >> 16);
    }
    junk[0] = '{';
    dyad_reader_options o = {.format = DYAD_FORMAT_JSONL};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory((char *)junk, sizeof junk, "j", &o, &r, &err),
                     DYAD_OK);
    const dyad_doc *doc;
    while (dyad_reader_next(r, &doc) == DYAD_OK && doc)
        ;
    assert_true(dyad_reader_rejected(r) > 0);
    dyad_reader_close(r);
}

static void check_corpus(const char *rel, int want_docs)
{
    char path[1024];
    SKIP_WITHOUT_SHARED(rel, path);
    test_diags d = {0};
    dyad_reader_options o = {.diag = test_diags_collect, .diag_user = &d};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open(path, &o, &r, &err), DYAD_OK);
    assert_int_equal(dyad_reader_format(r), DYAD_FORMAT_JSONL);
    const dyad_doc *doc;
    dyad_status st;
    int docs = 0;
    while ((st = dyad_reader_next(r, &doc)) == DYAD_OK && doc) {
        assert_true(doc->id.len > 0 && doc->date.year > 0);
        docs++;
    }
    assert_int_equal(st, DYAD_OK);
    if (d.n)
        fail_msg("diagnostics on %s:\n%s", rel, d.all);
    assert_int_equal(dyad_reader_rejected(r), 0);
    assert_int_equal(docs, want_docs);
    dyad_reader_close(r);
}

static void jsonl_reader_reads_whitehouse_without_rejections(void **state)
{
    (void)state;
    check_corpus("corpora/whitehouse_briefing_room/whitehouse_briefing_room.jsonl", 7879);
}

static void jsonl_reader_reads_kremlin_without_rejections(void **state)
{
    (void)state;
    check_corpus("corpora/kremlin_ukraine_press_2021_2022/kremlin_ukraine_press_2021_2022.jsonl",
                 1796);
}

static void jsonl_reader_reads_reuters_without_rejections(void **state)
{
    (void)state;
    check_corpus("corpora/reuters21578/reuters21578.jsonl", 20841);
}

static void jsonl_reader_reads_petrarch_validation_records(void **state)
{
    (void)state;
    check_corpus("corpora/petrarch_validation_2_02/validation_records.jsonl", 558);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_reader_reads_fields_and_keeps_other_scalars_as_meta),
        cmocka_unit_test(jsonl_reader_accepts_numeric_ids_and_date_times),
        cmocka_unit_test(jsonl_reader_rejects_bad_records_by_line_and_goes_on),
        cmocka_unit_test(jsonl_reader_warns_about_invalid_utf8_but_keeps_the_record),
        cmocka_unit_test(jsonl_reader_skips_a_50mb_line_and_reads_the_next),
        cmocka_unit_test(jsonl_reader_survives_binary_junk),
        cmocka_unit_test(jsonl_reader_reads_whitehouse_without_rejections),
        cmocka_unit_test(jsonl_reader_reads_kremlin_without_rejections),
        cmocka_unit_test(jsonl_reader_reads_reuters_without_rejections),
        cmocka_unit_test(jsonl_reader_reads_petrarch_validation_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
