/*
 * test_reader.c — dyad_reader as a whole (src/text/reader.c): format names,
 * detection from extension and content, the --input-format override,
 * opening failures, a fatal stream error after good documents, and the
 * allocation-failure loop over open_memory + next.
 */
#include "test_util.h"

#include <zlib.h>

static void format_names_round_trip(void **state)
{
    (void)state;
    const char *names[] = {"auto", "text", "jsonl", "petrarch", "tabari"};
    for (size_t i = 0; i < 5; i++) {
        dyad_format f;
        assert_int_equal(dyad_format_from_name(names[i], &f), DYAD_OK);
        assert_string_equal(dyad_format_name(f), names[i]);
    }
    dyad_format f = DYAD_FORMAT_TEXT;
    assert_int_equal(dyad_format_from_name("xml", &f), DYAD_EINVAL);
    assert_int_equal(dyad_format_from_name(NULL, &f), DYAD_EINVAL);
    assert_int_equal(f, DYAD_FORMAT_TEXT);
}

static dyad_format detected(const char *data, const char *name)
{
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory(data, strlen(data), name, NULL, &r, &err),
                     DYAD_OK);
    dyad_format f = dyad_reader_format(r);
    dyad_reader_close(r);
    return f;
}

static void reader_detects_format_from_extension(void **state)
{
    (void)state;
    const char *body = "hello world\n";
    assert_int_equal(detected(body, "a.txt"), DYAD_FORMAT_TEXT);
    assert_int_equal(detected(body, "a.JSONL"), DYAD_FORMAT_JSONL);
    assert_int_equal(detected(body, "a.json"), DYAD_FORMAT_JSONL);
    assert_int_equal(detected(body, "a.ndjson.gz"), DYAD_FORMAT_JSONL);
    assert_int_equal(detected(body, "dir/a.xml.zst"), DYAD_FORMAT_PETRARCH_XML);
    assert_int_equal(detected(body, "Validate.text"), DYAD_FORMAT_TABARI);
}

static void reader_detects_format_from_content(void **state)
{
    (void)state;
    assert_int_equal(detected("  {\"id\":1}\n", "stdin"), DYAD_FORMAT_JSONL);
    assert_int_equal(detected("\n<Sentences>\n", "x"), DYAD_FORMAT_PETRARCH_XML);
    assert_int_equal(detected("\n# banner\n#\n950101  DEMO-01\nText.\n", "x"),
                     DYAD_FORMAT_TABARI);
    assert_int_equal(detected("950101*INTRO\nText.\n", "x.gz"), DYAD_FORMAT_TABARI);
    assert_int_equal(detected("9501011 not a header\n", "x"), DYAD_FORMAT_TEXT);
    assert_int_equal(detected("date 2023-03-08 Baku.\n", "x"), DYAD_FORMAT_TEXT);
    assert_int_equal(detected("", "x"), DYAD_FORMAT_TEXT);
}

static void input_format_option_overrides_the_extension(void **state)
{
    (void)state;
    const char data[] = "{\"id\":\"a\",\"date\":\"2020-01-02\",\"text\":\"t\"}\n";
    dyad_reader_options o = {.format = DYAD_FORMAT_JSONL};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory(data, sizeof data - 1, "x.txt", &o, &r, &err),
                     DYAD_OK);
    assert_int_equal(dyad_reader_format(r), DYAD_FORMAT_JSONL);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_non_null(doc);
    assert_memory_equal(doc->id.ptr, "a", 1);
    dyad_reader_close(r);
}

static void reader_rejects_an_unknown_format_value(void **state)
{
    (void)state;
    dyad_reader_options o = {.format = (dyad_format)42};
    dyad_reader *r = (dyad_reader *)1;
    dyad_error err;
    assert_int_equal(dyad_reader_open_memory("x", 1, "m", &o, &r, &err), DYAD_EINVAL);
    assert_null(r);
}

static void reader_open_names_a_missing_file(void **state)
{
    (void)state;
    dyad_reader *r = (dyad_reader *)1;
    dyad_error err;
    assert_int_equal(dyad_reader_open("/no/such/dir/x.jsonl", NULL, &r, &err),
                     DYAD_ENOTFOUND);
    assert_null(r);
    assert_string_equal(err.file, "/no/such/dir/x.jsonl");
    dyad_reader_close(NULL);
}

static void reader_sets_file_and_line_on_documents(void **state)
{
    (void)state;
    const char data[] = "\n{\"id\":\"a\",\"date\":\"2020-01-02\",\"text\":\"t\"}\n";
    char *path = test_write_temp(".jsonl", data, sizeof data - 1);
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open(path, NULL, &r, &err), DYAD_OK);
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_string_equal(doc->file, path);
    assert_int_equal(doc->line, 2);
    assert_int_equal(doc->format, DYAD_FORMAT_JSONL);
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_null(doc);
    dyad_reader_close(r);
    unlink(path);
    free(path);
}

/* A gzip'd JSONL file cut in half: the documents before the cut arrive,
 * then one fatal error naming the file, then the end. */
static void reader_delivers_documents_before_a_truncated_gzip(void **state)
{
    (void)state;
    char *text = malloc(400000);
    size_t len = 0;
    for (int i = 0; i < 4000; i++)
        len += (size_t)sprintf(text + len,
                               "{\"id\":\"d%d\",\"date\":\"2021-05-0%d\",\"text\":\"Body %d "
                               "with some words to fill the line.\"}\n",
                               i, 1 + i % 9, i * 7919);
    z_stream z = {0};
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    unsigned char *gz = malloc(deflateBound(&z, (uLong)len));
    z.next_in = (Bytef *)text;
    z.avail_in = (uInt)len;
    z.next_out = gz;
    z.avail_out = (uInt)deflateBound(&z, (uLong)len);
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t gz_len = z.total_out;
    deflateEnd(&z);
    char *path = test_write_temp(".jsonl.gz", gz, gz_len * 2 / 3);
    test_diags d = {0};
    dyad_reader_options o = {.diag = test_diags_collect, .diag_user = &d};
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open(path, &o, &r, &err), DYAD_OK);
    const dyad_doc *doc;
    dyad_status st;
    int docs = 0;
    while ((st = dyad_reader_next(r, &doc)) == DYAD_OK && doc)
        docs++;
    assert_int_equal(st, DYAD_ECORRUPT);
    assert_true(docs > 100 && docs < 4000);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.last, path));
    assert_non_null(strstr(d.last, "truncated gzip stream"));
    assert_int_equal(dyad_reader_rejected(r), 0);
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK); /* then the end */
    assert_null(doc);
    dyad_reader_close(r);
    unlink(path);
    free(path);
    free(gz);
    free(text);
}

/* Fails allocation 1, 2, 3 ... of open_memory + next until the whole input
 * reads: every failure must be DYAD_ENOMEM with nothing leaked, and the
 * run that succeeds must deliver all documents. */
static void alloc_failure_loop(const char *data, const char *name, int want_docs)
{
    for (long fail_at = 1;; fail_at++) {
        test_failing_alloc fa;
        test_failing_alloc_init(&fa, fail_at);
        dyad_reader_options o = {.allocator = &fa.a};
        dyad_reader *r = NULL;
        dyad_error err;
        dyad_status st = dyad_reader_open_memory(data, strlen(data), name, &o, &r, &err);
        int docs = 0;
        if (st == DYAD_OK) {
            const dyad_doc *doc;
            while ((st = dyad_reader_next(r, &doc)) == DYAD_OK && doc)
                docs++;
            dyad_reader_close(r);
        } else {
            assert_null(r);
        }
        assert_int_equal(fa.live, 0); /* nothing leaked on any path */
        if (st == DYAD_OK) {
            assert_int_equal(docs, want_docs);
            assert_true(fail_at > 1);
            break;
        }
        assert_int_equal(st, DYAD_ENOMEM);
        assert_true(fail_at < 5000);
    }
}

static void reader_survives_every_allocation_failure(void **state)
{
    (void)state;
    alloc_failure_loop("{\"id\":1,\"date\":\"2020-01-02\",\"text\":\"one\",\"tag\":\"x\"}\n"
                       "\n{\"id\":\"b\",\"date\":\"bad\",\"text\":\"two\"}\n"
                       "{\"id\":\"c\",\"date\":\"2020-01-03T10:00:00Z\",\"text\":\"three\"}\n",
                       "m.jsonl", 2);
}

static void petrarch_and_tabari_survive_every_allocation_failure(void **state)
{
    (void)state;
    alloc_failure_loop("<Environment><Include>A</Include><Config option=\"o\" value=\"1\"/>"
                       "</Environment>\n<Sentence id=\"s1\" date=\"20010101\">\n<!-- c -->\n"
                       "<EventCoding sourcecode=\"A\" targetcode=\"B\" eventcode=\"010\"/>\n"
                       "<Text>One.</Text><Parse>(ROOT)</Parse></Sentence>\n"
                       "<Sentence id=\"s2\" date=\"2001\"><Text>x</Text></Sentence>\n"
                       "<Sentence id=\"s3\" date=\"20010102\"><Text>Two.</Text></Sentence>\n",
                       "m.xml", 2);
    alloc_failure_loop("# c\n950101 A\nText one.\n/*\\n{ A / B / 010 }\n\\n{---} */\n\n"
                       "9501 BAD\nx\n\n950102*B rest\nText two.\n",
                       "m.text", 2);
    alloc_failure_loop(" date 2023-03-08 A short release.\n", "m.txt", 1);
}

/* "-" reads standard input; documents name their file "-". */
static void reader_reads_stdin_for_a_dash(void **state)
{
    (void)state;
    const char data[] = "{\"id\":\"s\",\"date\":\"2020-01-02\",\"text\":\"from stdin\"}\n";
    char *path = test_write_temp(".jsonl", data, sizeof data - 1);
    assert_non_null(freopen(path, "r", stdin));
    dyad_reader *r;
    dyad_error err;
    assert_int_equal(dyad_reader_open("-", NULL, &r, &err), DYAD_OK);
    assert_int_equal(dyad_reader_format(r), DYAD_FORMAT_JSONL); /* from content */
    const dyad_doc *doc;
    assert_int_equal(dyad_reader_next(r, &doc), DYAD_OK);
    assert_non_null(doc);
    assert_string_equal(doc->file, "-");
    assert_string_equal(doc->text.ptr, "from stdin");
    dyad_reader_close(r);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_names_round_trip),
        cmocka_unit_test(reader_detects_format_from_extension),
        cmocka_unit_test(reader_detects_format_from_content),
        cmocka_unit_test(input_format_option_overrides_the_extension),
        cmocka_unit_test(reader_rejects_an_unknown_format_value),
        cmocka_unit_test(reader_open_names_a_missing_file),
        cmocka_unit_test(reader_sets_file_and_line_on_documents),
        cmocka_unit_test(reader_delivers_documents_before_a_truncated_gzip),
        cmocka_unit_test(reader_survives_every_allocation_failure),
        cmocka_unit_test(petrarch_and_tabari_survive_every_allocation_failure),
        cmocka_unit_test(reader_reads_stdin_for_a_dash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
