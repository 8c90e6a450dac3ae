/*
 * test_read_petrarch.c — PETRARCH XML (src/text/read_petrarch.c): one
 * document per <Sentence> with id, date, trimmed text, given parse and
 * meta (attributes, EventCoding, comments, Config, Environment); malformed
 * sentences rejected by line while the rest is read; the known quirks of
 * the shared validation files; counts on those files.
 */
#include "test_util.h"

static const char sample[] =
    "<?xml version='1.0' encoding='utf-8'?>\n"                       /* 1 */
    "<Validation>\n"                                                 /* 2 */
    "<!-- a banner with <Sentence id=\"no\"> inside -- and dashes -->\n"
    "<Environment>\n"                                                /* 4 */
    "    <Include>DEMO ACTOR</Include>\n"                            /* 5 */
    "    <Config option=\"stop_on_error\" value=\"True\"></Config>\n"
    "</Environment>\n"                                               /* 7 */
    "<Sentences>\n"                                                  /* 8 */
    "<Sentence date=\"19950101\" id=\"DEMO-01\" category=\"DEMO\">\n" /* 9 */
    "<!-- first -- record -->\n"                                     /* 10 */
    "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"/>\n"
    "<EventCoding noevents = \"True\"></EventCoding>\n"              /* 12 */
    "<EventText eventtext=\"met with\" sourcetext=\"A &amp; B\"/>\n" /* 13 */
    "<Text>\n"                                                       /* 14 */
    "  Arnor &amp; Gondor met\n"                                     /* 15 */
    "  on Monday.\n"                                                 /* 16 */
    "</Text>\n"                                                      /* 17 */
    "<Parse>(ROOT (S (NP (NNP Arnor))))\n</Parse>\n"                 /* 18 */
    "</Sentence>\n"                                                  /* 20 */
    "<Config option=\"require_dyad\" value=\"false\" />\n"           /* 21 */
    "<Sentence date=\"1995-01-02\" id=\"DEMO-02\"><Text>Second.</Text></Sentence>\n"
    "</Sentences></Validation>\n";

static void petrarch_reader_builds_documents_with_all_information(void **state)
{
    (void)state;
    test_diags d = {0};
    dyad_reader_options o = {.diag = test_diags_collect, .diag_user = &d};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory(sample, sizeof sample - 1, "v.xml", &o, &r, &err),
                     DYAD_OK);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_non_null(doc);
    assert_memory_equal(doc->id.ptr, "DEMO-01", 7);
    assert_int_equal(doc->date.year, 1995);
    assert_int_equal(doc->line, 9);
    assert_string_equal(doc->text.ptr, "Arnor & Gondor met\n  on Monday.");
    assert_int_equal(doc->given_n, 1);
    assert_int_equal(doc->given[0].span.begin, 0);
    assert_int_equal(doc->given[0].span.end, doc->text.len);
    assert_memory_equal(doc->given[0].parse.ptr, "(ROOT (S (NP (NNP Arnor))))", 27);
    assert_int_equal(doc->given[0].parse.len, 27);
    const char *want[][2] = {
        {"date", "19950101"},
        {"id", "DEMO-01"},
        {"category", "DEMO"},
        {"eventcoding", "sourcecode=ARN targetcode=GON eventcode=064"},
        {"eventcoding", "noevents=True"},
        {"eventtext", "eventtext=\"met with\" sourcetext=\"A & B\""},
        {"comment", "first -- record"},
        {"config", "option=stop_on_error value=True"},
        {"env.Include", "DEMO ACTOR"},
    };
    assert_int_equal(doc->meta_n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < doc->meta_n; i++) {
        assert_int_equal(doc->meta[i].key.len, strlen(want[i][0]));
        assert_memory_equal(doc->meta[i].key.ptr, want[i][0], doc->meta[i].key.len);
        if (doc->meta[i].value.len != strlen(want[i][1]) ||
            memcmp(doc->meta[i].value.ptr, want[i][1], doc->meta[i].value.len) != 0)
            fail_msg("meta %zu: %.*s, want %s", i, (int)doc->meta[i].value.len,
                     doc->meta[i].value.ptr, want[i][1]);
    }
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_non_null(doc);
    assert_memory_equal(doc->id.ptr, "DEMO-02", 7);
    assert_int_equal(doc->date.day, 2);
    assert_string_equal(doc->text.ptr, "Second.");
    assert_int_equal(doc->given[0].parse.len, 0);
    /* the later <Config> is in force, replacing nothing, adding one */
    int configs = 0;
    for (size_t i = 0; i < doc->meta_n; i++)
        configs += doc->meta[i].key.len == 6 && memcmp(doc->meta[i].key.ptr, "config", 6) == 0;
    assert_int_equal(configs, 2);
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_null(doc);
    assert_int_equal(d.n, 0);
    dyad_reader_close(r);
}

/* Reads everything; returns the ids joined by ','. */
static const char *ids_of(const char *data, test_diags *d, size_t *rejected)
{
    static char ids[1024];
    ids[0] = 0;
    memset(d, 0, sizeof *d);
    dyad_reader_options o = {.format = DYAD_FORMAT_PETRARCH_XML,
                             .diag = test_diags_collect,
                             .diag_user = d};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory(data, strlen(data), "p.xml", &o, &r, &err),
                     DYAD_OK);
    const dyad_doc *doc;
    while (dyad_reader_next(r, &doc) == DYAD_OK && doc) {
        size_t k = strlen(ids);
        snprintf(ids + k, sizeof ids - k, "%s%.*s", k ? "," : "", (int)doc->id.len,
                 doc->id.ptr);
    }
    *rejected = dyad_reader_rejected(r);
    dyad_reader_close(r);
    return ids;
}

static void petrarch_reader_rejects_a_malformed_sentence_and_reads_the_rest(void **state)
{
    (void)state;
    const char data[] = "<Sentences>\n"
                        "<Sentence date=\"20010101\" id=\"A\"><Text>a</Text></Sentence>\n"
                        "<Sentence date=\"20010101\" id=\"B\">\n"
                        "<Text>b</Txet>\n" /* line 4 */
                        "</Sentence>\n"
                        "<Sentence date=\"20010101\" id=\"C\"><Text>c</Text></Sentence>\n"
                        "</Sentences>\n";
    test_diags d;
    size_t rej;
    assert_string_equal(ids_of(data, &d, &rej), "A,C");
    assert_int_equal(rej, 1);
    assert_int_equal(d.last_code, DYAD_EPARSE);
    assert_int_equal(d.last_line, 4);
    assert_non_null(strstr(d.all, "p.xml:4: record B: malformed XML: mismatched tag"));
}

static void petrarch_reader_rejects_missing_id_date_text_and_bad_dates(void **state)
{
    (void)state;
    const char data[] = "<Sentence date=\"20010101\"><Text>x</Text></Sentence>\n"
                        "<Sentence id=\"nodate\"><Text>x</Text></Sentence>\n"
                        "<Sentence id=\"baddate\" date=\"20011301\"><Text>x</Text></Sentence>\n"
                        "<Sentence id=\"notext\" date=\"20010101\"></Sentence>\n"
                        "<Sentence id=\"ok\" date=\"20010101\"><Text> x </Text></Sentence>\n";
    test_diags d;
    size_t rej;
    assert_string_equal(ids_of(data, &d, &rej), "ok");
    assert_int_equal(rej, 4);
    assert_non_null(strstr(d.all, "p.xml:1: <Sentence> has no id attribute"));
    assert_non_null(strstr(d.all, "p.xml:2: record nodate: <Sentence> has no date"));
    assert_non_null(strstr(d.all, "p.xml:3: record baddate: date \"20011301\" is not a date"));
    assert_non_null(strstr(d.all, "p.xml:4: record notext: <Sentence> has no <Text>"));
}

static void petrarch_reader_reports_an_unclosed_sentence(void **state)
{
    (void)state;
    test_diags d;
    size_t rej;
    const char two[] = "<Sentence id=\"a\" date=\"20010101\"><Text>x</Text>\n"
                       "<Sentence id=\"b\" date=\"20010101\"><Text>y</Text></Sentence>\n";
    assert_string_equal(ids_of(two, &d, &rej), "b");
    assert_int_equal(rej, 1);
    const char eof[] = "<Sentence id=\"a\" date=\"20010101\"><Text>x</Text>\n";
    assert_string_equal(ids_of(eof, &d, &rej), "");
    assert_int_equal(rej, 1);
    assert_non_null(strstr(d.all, "p.xml:1: malformed XML: record not closed"));
}

static void petrarch_reader_tolerates_the_validation_file_quirks(void **state)
{
    (void)state;
    const char data[] =
        "<Sentence date=\"20080804\" id=\"SELF\" evaluate=\"true\"/>\n"
        "<EventCoding eventcode=\"031\" sourcecode=\"BRA\" targetcode=\"USA\" />\n"
        "<Text>Self-closed start.</Text>\n</Sentence>\n"
        "<Sentence date=\"19950101\" id=\"PL\">\n"
        "<PLEvent {\"event\": \"012\", \"source\": [{\"code\": \"ARN\"}]}>\n"
        "<Text>With a PLOVER line.</Text>\n</Sentence>\n";
    test_diags d;
    size_t rej;
    assert_string_equal(ids_of(data, &d, &rej), "SELF,PL");
    assert_int_equal(rej, 0);
}

static void petrarch_reader_survives_junk(void **state)
{
    (void)state;
    test_diags d;
    size_t rej;
    assert_string_equal(ids_of("<<<>>><Sentence\x01\xff<Sentence/></Sentence><!--", &d, &rej),
                         "");
    assert_string_equal(ids_of("", &d, &rej), "");
    assert_int_equal(rej, 0);
    assert_string_equal(
        ids_of("<Sentence id=\"x\" date=\"20010101\"><Text>\xff\xfe</Text></Sentence>", &d, &rej),
        "");
    assert_int_equal(rej, 1); /* expat refuses invalid UTF-8 */
}

static void petrarch_reader_rejects_a_record_over_the_limit(void **state)
{
    (void)state;
    const char data[] = "<Sentence id=\"big\" date=\"20010101\">\n<Text>0123456789 0123456789\n"
                        "0123456789 0123456789</Text>\n</Sentence>\n"
                        "<Sentence id=\"ok\" date=\"20010101\"><Text>x</Text></Sentence>\n";
    test_diags d = {0};
    dyad_reader_options o = {.max_doc_bytes = 70, .diag = test_diags_collect, .diag_user = &d};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory(data, sizeof data - 1, "p.xml", &o, &r, &err),
                     DYAD_OK);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_non_null(doc);
    assert_memory_equal(doc->id.ptr, "ok", 2);
    assert_int_equal(dyad_reader_rejected(r), 1);
    assert_non_null(strstr(d.all, "p.xml:1: record larger than the limit of 70 bytes"));
    dyad_reader_close(r);
}

static void check_file(const char *rel, int want_docs, size_t want_rejected)
{
    char path[1024];
    SKIP_WITHOUT_SHARED(rel, path);
    test_diags d = {0};
    dyad_reader_options o = {.diag = test_diags_collect, .diag_user = &d};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open(path, &o, &r, &err), DYAD_OK);
    const dyad_doc *doc;
    dyad_status st;
    int docs = 0, with_coding = 0;
    while ((st = dyad_reader_next(r, &doc)) == DYAD_OK && doc) {
        docs++; /* one GSR sentence has an empty <Text>: delivered all the same */
        assert_int_equal(doc->given_n, 1);
        for (size_t i = 0; i < doc->meta_n; i++)
            if (doc->meta[i].key.len == 11 && memcmp(doc->meta[i].key.ptr, "eventcoding", 11) == 0) {
                with_coding++;
                break;
            }
    }
    assert_int_equal(st, DYAD_OK);
    if (docs != want_docs || dyad_reader_rejected(r) != want_rejected)
        fail_msg("%s: %d documents, %zu rejected\n%s", rel, docs, dyad_reader_rejected(r), d.all);
    assert_true(with_coding > docs / 2);
    dyad_reader_close(r);
}

static void petrarch_reader_reads_the_shared_validation_files(void **state)
{
    (void)state;
    check_file("data/petrarch_validation/PETR.UnitTest.records.xml", 284, 0);
    check_file("data/petrarch_validation/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml", 284,
               0);
    check_file("data/petrarch_validation/spanish_fight_reduced_181227v2_validation.xml", 312, 0);
    check_file("data/petrarch_validation/spanish_protest_plover_validation.xml", 765, 0);
    check_file("data/petrarch_validation/spanish_validation_1018_noaccent.xml", 86, 0);
    /* one record there has the 6-digit date "121108" */
    check_file("data/petrarch_validation/PETR2_GSR_validation.xml", 77, 1);
    check_file("corpora/petrarch_validation_2_02/PETR_Validate_records_2_02.xml", 274, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(petrarch_reader_builds_documents_with_all_information),
        cmocka_unit_test(petrarch_reader_rejects_a_malformed_sentence_and_reads_the_rest),
        cmocka_unit_test(petrarch_reader_rejects_missing_id_date_text_and_bad_dates),
        cmocka_unit_test(petrarch_reader_reports_an_unclosed_sentence),
        cmocka_unit_test(petrarch_reader_tolerates_the_validation_file_quirks),
        cmocka_unit_test(petrarch_reader_survives_junk),
        cmocka_unit_test(petrarch_reader_rejects_a_record_over_the_limit),
        cmocka_unit_test(petrarch_reader_reads_the_shared_validation_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
