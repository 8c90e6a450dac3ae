/*
 * test_writer.c — the event writers: field order of the output contract,
 * escaping in each format, invalid UTF-8, and write failures.
 */
#include "test_util.h"

#include <cJSON.h>

static dyad_event sample_event(void)
{
    static const char text[] = "President Aliyev received Moratinos.";
    dyad_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc_id = (dyad_str){"doc\t1", 5};
    ev.date = (dyad_date){2023, 3, 8};
    ev.sentence = 2;
    strcpy(ev.source, "AZEGOV");
    strcpy(ev.target, "IGOUNO");
    strcpy(ev.code, "043");
    strcpy(ev.root, "04");
    ev.quad = 1;
    ev.goldstein = 2.8;
    ev.source_text = (dyad_str){text, 16};
    ev.target_text = (dyad_str){text + 26, 9};
    ev.verb_text = (dyad_str){text + 17, 8};
    ev.source_span = (dyad_span){100, 116};
    ev.target_span = (dyad_span){126, 135};
    ev.verb_span = (dyad_span){117, 125};
    ev.text = (dyad_str){text, sizeof text - 1};
    return ev;
}

/* Writes events to a memory stream and returns the malloc'd output. */
static char *render(dyad_output_format fmt, const dyad_event *evs, size_t n)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    dyad_writer *w;
    assert_int_equal(dyad_writer_open(f, fmt, NULL, &w), DYAD_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(dyad_writer_event(w, &evs[i]), DYAD_OK);
    assert_int_equal(dyad_writer_close(w), DYAD_OK);
    fclose(f);
    return out;
}

static void jsonl_event_has_every_contract_field(void **state)
{
    (void)state;
    dyad_event ev = sample_event();
    char *out = render(DYAD_OUTPUT_JSONL, &ev, 1);
    cJSON *j = cJSON_Parse(out);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "doc_id")->valuestring, "doc\t1");
    assert_string_equal(cJSON_GetObjectItem(j, "date")->valuestring, "2023-03-08");
    assert_int_equal(cJSON_GetObjectItem(j, "sentence")->valueint, 2);
    assert_string_equal(cJSON_GetObjectItem(j, "source")->valuestring, "AZEGOV");
    assert_string_equal(cJSON_GetObjectItem(j, "target")->valuestring, "IGOUNO");
    assert_string_equal(cJSON_GetObjectItem(j, "code")->valuestring, "043");
    assert_string_equal(cJSON_GetObjectItem(j, "root")->valuestring, "04");
    assert_int_equal(cJSON_GetObjectItem(j, "quad")->valueint, 1);
    assert_true(cJSON_GetObjectItem(j, "goldstein")->valuedouble == 2.8);
    assert_string_equal(cJSON_GetObjectItem(j, "source_text")->valuestring, "President Aliyev");
    assert_string_equal(cJSON_GetObjectItem(j, "target_text")->valuestring, "Moratinos");
    assert_string_equal(cJSON_GetObjectItem(j, "verb_text")->valuestring, "received");
    cJSON *spans = cJSON_GetObjectItem(j, "spans");
    assert_int_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(spans, "verb"), 0)->valueint, 117);
    assert_int_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(spans, "target"), 1)->valueint, 135);
    assert_string_equal(cJSON_GetObjectItem(j, "text")->valuestring, ev.text.ptr);
    assert_int_equal(out[strlen(out) - 1], '\n');
    cJSON_Delete(j);
    free(out);
}

static void jsonl_replaces_invalid_utf8_so_output_stays_valid(void **state)
{
    (void)state;
    dyad_event ev = sample_event();
    static const char bad[] = "caf\xC3 \xFF\"quoted\"\x01";
    ev.text = (dyad_str){bad, sizeof bad - 1};
    char *out = render(DYAD_OUTPUT_JSONL, &ev, 1);
    cJSON *j = cJSON_Parse(out);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "text")->valuestring,
                        "caf\xEF\xBF\xBD \xEF\xBF\xBD\"quoted\"\x01");
    cJSON_Delete(j);
    free(out);
}

static void tsv_has_header_and_escapes_tabs_and_newlines(void **state)
{
    (void)state;
    dyad_event ev = sample_event();
    static const char t[] = "line one\nline\ttwo \\ end";
    ev.text = (dyad_str){t, sizeof t - 1};
    char *out = render(DYAD_OUTPUT_TSV, &ev, 1);
    const char *header = "doc_id\tdate\tsentence\tsource\ttarget\tcode\troot\tquad\tgoldstein\t"
                         "source_text\ttarget_text\tverb_text\tspans\ttext\n";
    assert_memory_equal(out, header, strlen(header));
    const char *row = out + strlen(header);
    assert_non_null(strstr(row, "doc\\t1\t2023-03-08\t2\tAZEGOV\tIGOUNO\t043\t04\t1\t2.8\t"));
    assert_non_null(strstr(row, "\tline one\\nline\\ttwo \\\\ end\n"));
    /* exactly 14 columns: 13 separators */
    int tabs = 0;
    for (const char *p = row; *p; p++)
        tabs += *p == '\t';
    assert_int_equal(tabs, 13);
    free(out);
}

static void csv_quotes_fields_with_commas_and_quotes(void **state)
{
    (void)state;
    dyad_event ev = sample_event();
    ev.text = (dyad_str){"He said \"yes\", then left.", 25};
    char *out = render(DYAD_OUTPUT_CSV, &ev, 1);
    assert_non_null(strstr(out, "doc_id,date,sentence,"));
    assert_non_null(strstr(out, ",\"He said \"\"yes\"\", then left.\"\n"));
    assert_non_null(strstr(out, "\"{\"\"source\"\":[100,116]"));
    free(out);
}

static void writer_reports_eio_on_full_disk(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        skip();
    dyad_writer *w;
    assert_int_equal(dyad_writer_open(f, DYAD_OUTPUT_JSONL, NULL, &w), DYAD_OK);
    dyad_event ev = sample_event();
    dyad_status st = DYAD_OK;
    for (int i = 0; i < 10000 && st == DYAD_OK; i++)
        st = dyad_writer_event(w, &ev);
    dyad_status close_st = dyad_writer_close(w);
    assert_true(st == DYAD_EIO || close_st == DYAD_EIO);
    fclose(f);
}

static void output_format_names_parse(void **state)
{
    (void)state;
    dyad_output_format f;
    assert_int_equal(dyad_output_format_from_name("tsv", &f), DYAD_OK);
    assert_int_equal(f, DYAD_OUTPUT_TSV);
    assert_int_equal(dyad_output_format_from_name("csv", &f), DYAD_OK);
    assert_int_equal(dyad_output_format_from_name("jsonl", &f), DYAD_OK);
    assert_int_equal(f, DYAD_OUTPUT_JSONL);
    assert_int_equal(dyad_output_format_from_name("xml", &f), DYAD_EINVAL);
}

static void writer_open_leaks_nothing_when_allocation_fails(void **state)
{
    (void)state;
    for (long n = 1; n < 8; n++) {
        test_failing_alloc fa;
        test_failing_alloc_init(&fa, n);
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        dyad_writer *w = NULL;
        dyad_status st = dyad_writer_open(f, DYAD_OUTPUT_TSV, &fa.a, &w);
        if (st == DYAD_OK) {
            dyad_event ev = sample_event();
            st = dyad_writer_event(w, &ev);
            assert_true(st == DYAD_OK || st == DYAD_ENOMEM);
            dyad_writer_close(w);
        } else {
            assert_int_equal(st, DYAD_ENOMEM);
            assert_null(w);
        }
        fclose(f);
        free(out);
        assert_int_equal(fa.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_event_has_every_contract_field),
        cmocka_unit_test(jsonl_replaces_invalid_utf8_so_output_stays_valid),
        cmocka_unit_test(tsv_has_header_and_escapes_tabs_and_newlines),
        cmocka_unit_test(csv_quotes_fields_with_commas_and_quotes),
        cmocka_unit_test(writer_reports_eio_on_full_disk),
        cmocka_unit_test(output_format_names_parse),
        cmocka_unit_test(writer_open_leaks_nothing_when_allocation_fails),
    };
    return cmocka_run_group_tests_name("writer", tests, NULL, NULL);
}
