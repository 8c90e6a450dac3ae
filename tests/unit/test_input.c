/*
 * test_input.c — the byte stream under the readers (src/text/input.c):
 * line reading from memory and files, transparent gzip and zstd, truncated
 * and corrupt streams, the line limit (just inside, just outside, and a
 * 50 MB line skipped with bounded memory), the BOM, and UTF-8 validation.
 */
#include "test_util.h"

#include "text/text.h"

#include <sys/wait.h>
#include <zlib.h>
#include <zstd.h>

/* gzip-compresses data into a malloc'd buffer. */
static unsigned char *gzip_bytes(const void *data, size_t len, size_t *out_len)
{
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)len) + 64;
    unsigned char *out = malloc(cap);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out_len = z.total_out;
    deflateEnd(&z);
    return out;
}

static unsigned char *zstd_bytes(const void *data, size_t len, size_t *out_len)
{
    size_t cap = ZSTD_compressBound(len);
    unsigned char *out = malloc(cap);
    *out_len = ZSTD_compress(out, cap, data, len, 3);
    assert_false(ZSTD_isError(*out_len));
    return out;
}

/* Reads every line of in into one '|'-joined string (malloc'd). */
static char *all_lines(input *in, size_t max_len, dyad_status *final)
{
    static char out[4096];
    size_t n = 0;
    input_line_t ln;
    dyad_error err;
    for (;;) {
        *final = input_line(in, max_len, &ln, &err);
        if (*final || !ln.ptr)
            break;
        n += (size_t)snprintf(out + n, sizeof out - n, "%.*s|", (int)ln.len, ln.ptr);
    }
    out[n] = 0;
    return out;
}

static void input_reads_lines_from_memory_in_place(void **state)
{
    (void)state;
    const char data[] = "one\ntwo\r\n\nlast";
    input *in;
    dyad_error err;
    assert_int_equal(input_open_memory(data, sizeof data - 1, "m", NULL, &in, &err), DYAD_OK);
    input_line_t ln;
    assert_int_equal(input_line(in, 100, &ln, &err), DYAD_OK);
    assert_ptr_equal(ln.ptr, data); /* no copy of an uncompressed block */
    assert_int_equal(ln.number, 1);
    dyad_status st;
    assert_string_equal(all_lines(in, 100, &st), "two||last|");
    assert_int_equal(st, DYAD_OK);
    input_close(in);
}

static void input_reads_lines_from_a_file(void **state)
{
    (void)state;
    char *path = test_write_temp(".txt", "alpha\nbeta\n", 11);
    input *in;
    dyad_error err;
    assert_int_equal(input_open_file(path, path, NULL, &in, &err), DYAD_OK);
    dyad_status st;
    assert_string_equal(all_lines(in, 100, &st), "alpha|beta|");
    assert_int_equal(st, DYAD_OK);
    assert_string_equal(input_codec_name(in), "");
    input_close(in);
    unlink(path);
    free(path);
}

static void input_reports_a_missing_file_by_name(void **state)
{
    (void)state;
    input *in = (input *)1;
    dyad_error err;
    assert_int_equal(input_open_file("/nonexistent/dyad.txt", "/nonexistent/dyad.txt", NULL,
                                     &in, &err),
                     DYAD_ENOTFOUND);
    assert_null(in);
    assert_string_equal(err.file, "/nonexistent/dyad.txt");
}

static void input_decompresses_gzip_detected_by_magic(void **state)
{
    (void)state;
    const char text[] = "first line\nsecond line\n";
    size_t zlen;
    unsigned char *z = gzip_bytes(text, sizeof text - 1, &zlen);
    char *path = test_write_temp(".dat", z, zlen); /* the name does not say gzip */
    input *in;
    dyad_error err;
    assert_int_equal(input_open_file(path, path, NULL, &in, &err), DYAD_OK);
    assert_string_equal(input_codec_name(in), "gzip");
    dyad_status st;
    assert_string_equal(all_lines(in, 100, &st), "first line|second line|");
    assert_int_equal(st, DYAD_OK);
    input_close(in);
    unlink(path);
    free(path);
    free(z);
}

/* A pipe that delivers the magic number one byte at a time must still be
 * recognised as gzip. */
static void input_detects_gzip_arriving_byte_by_byte_on_stdin(void **state)
{
    (void)state;
    const char text[] = "piped line\n";
    size_t zlen;
    unsigned char *z = gzip_bytes(text, sizeof text - 1, &zlen);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        for (size_t i = 0; i < zlen; i++) {
            if (write(fds[1], z + i, 1) != 1)
                _exit(1);
            if (i < 4)
                usleep(20000);
        }
        _exit(0);
    }
    close(fds[1]);
    int saved = dup(STDIN_FILENO);
    assert_true(dup2(fds[0], STDIN_FILENO) >= 0);
    close(fds[0]);
    input *in;
    dyad_error err;
    assert_int_equal(input_open_file(NULL, "-", NULL, &in, &err), DYAD_OK);
    assert_string_equal(input_codec_name(in), "gzip");
    dyad_status st;
    assert_string_equal(all_lines(in, 100, &st), "piped line|");
    input_close(in);
    dup2(saved, STDIN_FILENO);
    close(saved);
    waitpid(pid, NULL, 0);
    free(z);
}

static void input_reads_concatenated_gzip_members(void **state)
{
    (void)state;
    size_t a_len, b_len;
    unsigned char *a = gzip_bytes("a1\na2\n", 6, &a_len);
    unsigned char *b = gzip_bytes("b1\n", 3, &b_len);
    unsigned char *both = malloc(a_len + b_len);
    memcpy(both, a, a_len);
    memcpy(both + a_len, b, b_len);
    input *in;
    dyad_error err;
    assert_int_equal(input_open_memory((char *)both, a_len + b_len, "m", NULL, &in, &err),
                     DYAD_OK);
    dyad_status st;
    assert_string_equal(all_lines(in, 100, &st), "a1|a2|b1|");
    assert_int_equal(st, DYAD_OK);
    input_close(in);
    free(a);
    free(b);
    free(both);
}

static void input_decompresses_zstd_detected_by_magic(void **state)
{
    (void)state;
    const char text[] = "zeta\neta\n";
    size_t zlen;
    unsigned char *z = zstd_bytes(text, sizeof text - 1, &zlen);
    input *in;
    dyad_error err;
    assert_int_equal(input_open_memory((char *)z, zlen, "x.gz", NULL, &in, &err), DYAD_OK);
    assert_string_equal(input_codec_name(in), "zstd");
    dyad_status st;
    assert_string_equal(all_lines(in, 100, &st), "zeta|eta|");
    assert_int_equal(st, DYAD_OK);
    input_close(in);
    free(z);
}

/* Builds many numbered lines so a cut stream still has complete ones. */
static char *numbered_lines(size_t n, size_t *len)
{
    char *s = malloc(n * 16 + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += (size_t)sprintf(s + k, "line %zu\n", i);
    *len = k;
    return s;
}

static void truncated_stream_test(bool zstd)
{
    size_t len, zlen;
    char *text = numbered_lines(200000, &len);
    unsigned char *z = zstd ? zstd_bytes(text, len, &zlen) : gzip_bytes(text, len, &zlen);
    input *in;
    dyad_error err = {0};
    assert_int_equal(input_open_memory((char *)z, zlen / 2, "cut", NULL, &in, &err), DYAD_OK);
    input_line_t ln;
    dyad_status st;
    size_t lines = 0;
    while ((st = input_line(in, 100, &ln, &err)) == DYAD_OK && ln.ptr) {
        char want[32];
        snprintf(want, sizeof want, "line %zu", lines);
        assert_int_equal(ln.len, strlen(want)); /* never a cut line */
        lines++;
    }
    assert_int_equal(st, DYAD_ECORRUPT);
    assert_true(lines > 100 && lines < 200000);
    assert_string_equal(err.file, "cut");
    assert_non_null(strstr(err.message, zstd ? "truncated zstd stream" : "truncated gzip stream"));
    input_close(in);
    free(text);
    free(z);
}

static void input_reports_truncated_gzip_after_complete_lines(void **state)
{
    (void)state;
    truncated_stream_test(false);
}

static void input_reports_truncated_zstd_after_complete_lines(void **state)
{
    (void)state;
    truncated_stream_test(true);
}

static void input_reports_corrupt_gzip(void **state)
{
    (void)state;
    size_t len, zlen;
    char *text = numbered_lines(2000, &len);
    unsigned char *z = gzip_bytes(text, len, &zlen);
    for (size_t i = 20; i < zlen - 20; i += 7)
        z[i] ^= 0x5a;
    input *in;
    dyad_error err = {0};
    dyad_status st = input_open_memory((char *)z, zlen, "bad", NULL, &in, &err);
    if (st == DYAD_OK) {
        all_lines(in, 100, &st);
        input_close(in);
    }
    assert_int_equal(st, DYAD_ECORRUPT);
    assert_non_null(strstr(err.message, "gzip"));
    free(text);
    free(z);
}

static void input_accepts_a_line_at_the_limit_and_skips_one_over(void **state)
{
    (void)state;
    const char data[] = "12345\n123456\nok\n";
    input *in;
    dyad_error err;
    assert_int_equal(input_open_memory(data, sizeof data - 1, "m", NULL, &in, &err), DYAD_OK);
    input_line_t ln;
    assert_int_equal(input_line(in, 5, &ln, &err), DYAD_OK);
    assert_int_equal(ln.len, 5);
    assert_int_equal(input_line(in, 5, &ln, &err), DYAD_ELIMIT);
    assert_int_equal(ln.number, 2);
    assert_int_equal(ln.len, 6);
    assert_int_equal(input_line(in, 5, &ln, &err), DYAD_OK);
    assert_int_equal(ln.number, 3);
    assert_memory_equal(ln.ptr, "ok", 2);
    input_close(in);
}

/* Tracks the largest single block, to prove a long line is not buffered. */
static size_t largest_block;
static void *peak_alloc(void *u, size_t n)
{
    (void)u;
    if (n > largest_block)
        largest_block = n;
    return malloc(n ? n : 1);
}
static void *peak_realloc(void *u, void *p, size_t n)
{
    (void)u;
    if (n > largest_block)
        largest_block = n;
    return realloc(p, n ? n : 1);
}
static void peak_free(void *u, void *p)
{
    (void)u;
    free(p);
}

static void input_skips_a_50mb_line_in_a_stream_with_bounded_memory(void **state)
{
    (void)state;
    size_t big = 50u * 1024u * 1024u;
    char *text = malloc(big + 64);
    size_t k = (size_t)sprintf(text, "before\n");
    memset(text + k, 'x', big);
    k += big;
    k += (size_t)sprintf(text + k, "\nafter\n");
    size_t zlen;
    unsigned char *z = gzip_bytes(text, k, &zlen);
    free(text);
    dyad_allocator a = {peak_alloc, peak_realloc, peak_free, NULL};
    largest_block = 0;
    input *in;
    dyad_error err;
    assert_int_equal(input_open_memory((char *)z, zlen, "big", &a, &in, &err), DYAD_OK);
    size_t limit = 4u * 1024u * 1024u;
    input_line_t ln;
    assert_int_equal(input_line(in, limit, &ln, &err), DYAD_OK);
    assert_memory_equal(ln.ptr, "before", 6);
    assert_int_equal(input_line(in, limit, &ln, &err), DYAD_ELIMIT);
    assert_int_equal(ln.len, big);
    assert_int_equal(ln.number, 2);
    assert_int_equal(input_line(in, limit, &ln, &err), DYAD_OK);
    assert_int_equal(ln.len, 5);
    assert_memory_equal(ln.ptr, "after", 5);
    assert_true(largest_block <= limit + 3 * INPUT_CHUNK_BYTES);
    input_close(in);
    free(z);
}

static void input_drops_a_byte_order_mark(void **state)
{
    (void)state;
    const char data[] = "\xEF\xBB\xBFhello\n";
    input *in;
    dyad_error err;
    assert_int_equal(input_open_memory(data, sizeof data - 1, "m", NULL, &in, &err), DYAD_OK);
    dyad_status st;
    assert_string_equal(all_lines(in, 100, &st), "hello|");
    input_close(in);
}

static void input_reads_raw_bytes_after_a_peek(void **state)
{
    (void)state;
    const char data[] = "abcdef";
    input *in;
    dyad_error err;
    assert_int_equal(input_open_memory(data, 6, "m", NULL, &in, &err), DYAD_OK);
    const char *p;
    size_t n;
    assert_int_equal(input_peek(in, 3, &p, &n, &err), DYAD_OK);
    assert_int_equal(n, 3);
    char out[8];
    assert_int_equal(input_read(in, out, sizeof out, &n, &err), DYAD_OK);
    assert_int_equal(n, 6);
    assert_memory_equal(out, "abcdef", 6);
    assert_int_equal(input_read(in, out, sizeof out, &n, &err), DYAD_OK);
    assert_int_equal(n, 0);
    input_close(in);
}

static void input_treats_an_empty_block_as_no_lines(void **state)
{
    (void)state;
    input *in;
    dyad_error err;
    assert_int_equal(input_open_memory("", 0, "m", NULL, &in, &err), DYAD_OK);
    input_line_t ln;
    assert_int_equal(input_line(in, 10, &ln, &err), DYAD_OK);
    assert_null(ln.ptr);
    input_close(in);
}

static void utf8_validation_accepts_valid_and_finds_bad_bytes(void **state)
{
    (void)state;
    size_t bad = 99;
    assert_true(text_utf8_valid("plain ascii text, longer than eight", 35, &bad));
    assert_true(text_utf8_valid("Ángel \xE2\x80\x9C\xF0\x9F\x98\x80", 14, &bad));
    assert_false(text_utf8_valid("ab\xC0\x80", 4, &bad)); /* overlong */
    assert_int_equal(bad, 2);
    assert_false(text_utf8_valid("\xED\xA0\x80", 3, &bad)); /* surrogate */
    assert_int_equal(bad, 0);
    assert_false(text_utf8_valid("abcdefghij\xF5\x80\x80\x80", 14, &bad));
    assert_int_equal(bad, 10);
    assert_false(text_utf8_valid("x\xE2\x80", 3, &bad)); /* cut short */
    assert_int_equal(bad, 1);
}

static void text_find_finds_needles_across_partial_matches(void **state)
{
    (void)state;
    const char *s = "a-b--c-->d";
    assert_ptr_equal(text_find(s, strlen(s), "-->", 3), s + 6);
    assert_null(text_find(s, 5, "-->", 3));
    assert_null(text_find("ab", 2, "abc", 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(input_reads_lines_from_memory_in_place),
        cmocka_unit_test(input_reads_lines_from_a_file),
        cmocka_unit_test(input_reports_a_missing_file_by_name),
        cmocka_unit_test(input_decompresses_gzip_detected_by_magic),
        cmocka_unit_test(input_detects_gzip_arriving_byte_by_byte_on_stdin),
        cmocka_unit_test(input_reads_concatenated_gzip_members),
        cmocka_unit_test(input_decompresses_zstd_detected_by_magic),
        cmocka_unit_test(input_reports_truncated_gzip_after_complete_lines),
        cmocka_unit_test(input_reports_truncated_zstd_after_complete_lines),
        cmocka_unit_test(input_reports_corrupt_gzip),
        cmocka_unit_test(input_accepts_a_line_at_the_limit_and_skips_one_over),
        cmocka_unit_test(input_skips_a_50mb_line_in_a_stream_with_bounded_memory),
        cmocka_unit_test(input_drops_a_byte_order_mark),
        cmocka_unit_test(input_reads_raw_bytes_after_a_peek),
        cmocka_unit_test(input_treats_an_empty_block_as_no_lines),
        cmocka_unit_test(utf8_validation_accepts_valid_and_finds_bad_bytes),
        cmocka_unit_test(text_find_finds_needles_across_partial_matches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
