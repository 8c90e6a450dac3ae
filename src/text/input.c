/*
 * input.c — the byte stream under every document reader: a file
 * descriptor (or stdin) or a borrowed memory block, decompressed on the
 * fly when its first bytes are a gzip (1f 8b) or zstd (28 b5 2f fd) magic
 * number, whatever the file is called.
 *
 * Decompressed bytes land in one window buffer, win[start..end).  Lines are
 * handed out as slices of that window; the window grows only while one
 * line does not fit, and never beyond the caller's line limit plus a chunk,
 * so a 50 MB line under a 32 MB limit is skipped with bounded memory.  An
 * uncompressed memory block is used in place as the window (no copy).
 *
 * A compressed stream that ends early is reported as "truncated gzip
 * stream" / "truncated zstd stream" (DYAD_ECORRUPT) only after every line
 * that was complete before the cut has been returned.
 */
#define ZSTD_STATIC_LINKING_ONLY /* ZSTD_createDStream_advanced: our allocator */
#include "text/text.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

typedef enum codec { CODEC_NONE = 0, CODEC_GZIP, CODEC_ZSTD } codec;

struct input {
    const dyad_allocator *a;
    const char *name;
    int fd; /* -1 for memory */
    bool own_fd;
    /* raw (possibly compressed) bytes: the memory block, or raw_buf */
    const unsigned char *raw;
    size_t raw_len, raw_pos;
    unsigned char *raw_buf;
    bool raw_eof;
    codec codec;
    z_stream z;
    bool z_ready;   /* inflateInit2 done */
    bool z_member;  /* inside a gzip member (bytes consumed, end not seen) */
    ZSTD_DStream *zs;
    size_t zs_hint; /* last ZSTD_decompressStream result: 0 = frame done */
    bool zs_started;
    /* decompressed window */
    char *win;
    size_t cap, start, end, scan;
    bool in_place; /* win is the caller's memory block */
    bool eof;      /* no more bytes will come into the window */
    size_t line_limit; /* max_len of the last input_line call (caps growth) */
    unsigned long line_no;
};

/* ---- raw source ---- */

/* Refills raw_buf from the descriptor when it is used up. */
static dyad_status raw_fill(input *in, dyad_error *err)
{
    if (in->raw_pos < in->raw_len || in->raw_eof)
        return DYAD_OK;
    if (in->fd < 0) {
        in->raw_eof = true;
        return DYAD_OK;
    }
    ssize_t n;
    do
        n = read(in->fd, in->raw_buf, INPUT_CHUNK_BYTES);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return error_set(err, DYAD_EIO, in->name, 0, "read failed: %s", strerror(errno));
    in->raw = in->raw_buf;
    in->raw_len = (size_t)n;
    in->raw_pos = 0;
    if (n == 0)
        in->raw_eof = true;
    return DYAD_OK;
}

/* Copies raw bytes straight through (no compression); once the bytes read
 * for codec detection are used up, reads straight into dst (one copy). */
static dyad_status plain_read(input *in, char *dst, size_t cap, size_t *n, dyad_error *err)
{
    *n = 0;
    size_t avail = in->raw_len - in->raw_pos;
    if (avail == 0 && in->fd >= 0 && !in->raw_eof) {
        ssize_t k;
        do
            k = read(in->fd, dst, cap);
        while (k < 0 && errno == EINTR);
        if (k < 0)
            return error_set(err, DYAD_EIO, in->name, 0, "read failed: %s", strerror(errno));
        if (k == 0)
            in->raw_eof = true;
        *n = (size_t)k;
        return DYAD_OK;
    }
    size_t k = avail < cap ? avail : cap;
    if (k)
        memcpy(dst, in->raw + in->raw_pos, k);
    in->raw_pos += k;
    *n = k;
    return DYAD_OK;
}

/* ---- gzip (zlib) ---- */

static voidpf zlib_alloc(voidpf opaque, uInt items, uInt size)
{
    return core_calloc(opaque, items, size);
}

static void zlib_free(voidpf opaque, voidpf p) { core_free(opaque, p); }

static dyad_status gzip_init(input *in, dyad_error *err)
{
    in->z.zalloc = zlib_alloc;
    in->z.zfree = zlib_free;
    in->z.opaque = (voidpf)in->a;
    int rc = inflateInit2(&in->z, 15 + 16); /* +16: gzip wrapper only */
    if (rc == Z_MEM_ERROR)
        return error_set(err, DYAD_ENOMEM, in->name, 0, "out of memory starting gzip");
    if (rc != Z_OK)
        return error_set(err, DYAD_ECORRUPT, in->name, 0, "cannot start gzip decoder");
    in->z_ready = true;
    return DYAD_OK;
}

/* After one gzip member ends: go on with the next member when more bytes
 * follow (concatenated .gz files are legal, RFC 1952 section 2.2). */
static dyad_status gzip_next_member(input *in, dyad_error *err)
{
    in->z_member = false;
    dyad_status st = raw_fill(in, err);
    if (st || in->raw_pos >= in->raw_len)
        return st;
    if (inflateReset(&in->z) != Z_OK)
        return error_set(err, DYAD_ECORRUPT, in->name, 0, "corrupt gzip stream");
    return DYAD_OK;
}

static dyad_status gzip_read(input *in, char *dst, size_t cap, size_t *n, dyad_error *err)
{
    *n = 0;
    while (*n == 0) {
        dyad_status st = raw_fill(in, err);
        if (st)
            return st;
        size_t avail = in->raw_len - in->raw_pos;
        if (avail == 0) {
            if (in->z_member)
                return error_set(err, DYAD_ECORRUPT, in->name, 0, "truncated gzip stream");
            return DYAD_OK;
        }
        if (avail > UINT_MAX)
            avail = UINT_MAX;
        in->z.next_in = (Bytef *)(in->raw + in->raw_pos);
        in->z.avail_in = (uInt)avail;
        in->z.next_out = (Bytef *)dst;
        in->z.avail_out = (uInt)(cap > UINT_MAX ? UINT_MAX : cap);
        in->z_member = true;
        int rc = inflate(&in->z, Z_NO_FLUSH);
        size_t used = avail - in->z.avail_in;
        in->raw_pos += used;
        *n = (size_t)((char *)in->z.next_out - dst);
        if (rc == Z_BUF_ERROR && used == 0 && *n == 0) /* no progress possible */
            return error_set(err, DYAD_ECORRUPT, in->name, 0, "corrupt gzip stream");
        if (rc == Z_STREAM_END) {
            if ((st = gzip_next_member(in, err)))
                return st;
        } else if (rc == Z_MEM_ERROR) {
            return error_set(err, DYAD_ENOMEM, in->name, 0, "out of memory in gzip decoder");
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return error_set(err, DYAD_ECORRUPT, in->name, 0, "corrupt gzip stream: %s",
                             in->z.msg ? in->z.msg : "bad data");
        }
    }
    return DYAD_OK;
}

/* ---- zstd ---- */

static void *zstd_alloc(void *opaque, size_t size) { return core_alloc(opaque, size); }
static void zstd_free(void *opaque, void *p) { core_free(opaque, p); }

static dyad_status zstd_init(input *in, dyad_error *err)
{
    ZSTD_customMem mem = {zstd_alloc, zstd_free, (void *)in->a};
    in->zs = ZSTD_createDStream_advanced(mem);
    if (!in->zs)
        return error_set(err, DYAD_ENOMEM, in->name, 0, "out of memory starting zstd");
    return DYAD_OK;
}

static dyad_status zstd_read(input *in, char *dst, size_t cap, size_t *n, dyad_error *err)
{
    *n = 0;
    while (*n == 0) {
        dyad_status st = raw_fill(in, err);
        if (st)
            return st;
        size_t avail = in->raw_len - in->raw_pos;
        if (avail == 0) {
            if (in->zs_started && in->zs_hint != 0)
                return error_set(err, DYAD_ECORRUPT, in->name, 0, "truncated zstd stream");
            return DYAD_OK;
        }
        ZSTD_inBuffer ib = {in->raw + in->raw_pos, avail, 0};
        ZSTD_outBuffer ob = {dst, cap, 0};
        size_t rc = ZSTD_decompressStream(in->zs, &ob, &ib);
        in->raw_pos += ib.pos;
        in->zs_started = true;
        if (ZSTD_isError(rc)) {
            if (ZSTD_getErrorCode(rc) == ZSTD_error_memory_allocation)
                return error_set(err, DYAD_ENOMEM, in->name, 0, "out of memory in zstd");
            return error_set(err, DYAD_ECORRUPT, in->name, 0, "corrupt zstd stream: %s",
                             ZSTD_getErrorName(rc));
        }
        in->zs_hint = rc;
        *n = ob.pos;
    }
    return DYAD_OK;
}

/* ---- opening ---- */

/* A pipe may deliver the first bytes one at a time: read until the four
 * bytes of the longest magic number are there (or the input ends). */
static dyad_status raw_fill_magic(input *in, dyad_error *err)
{
    dyad_status st = raw_fill(in, err);
    while (st == DYAD_OK && in->fd >= 0 && !in->raw_eof && in->raw_len < 4) {
        ssize_t n;
        do
            n = read(in->fd, in->raw_buf + in->raw_len, INPUT_CHUNK_BYTES - in->raw_len);
        while (n < 0 && errno == EINTR);
        if (n < 0)
            return error_set(err, DYAD_EIO, in->name, 0, "read failed: %s", strerror(errno));
        if (n == 0)
            in->raw_eof = true;
        in->raw_len += (size_t)n;
    }
    return st;
}

static dyad_status detect_codec(input *in, dyad_error *err)
{
    dyad_status st = raw_fill_magic(in, err);
    if (st)
        return st;
    const unsigned char *p = in->raw + in->raw_pos;
    size_t n = in->raw_len - in->raw_pos;
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        in->codec = CODEC_GZIP;
        return gzip_init(in, err);
    }
    if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) {
        in->codec = CODEC_ZSTD;
        return zstd_init(in, err);
    }
    return DYAD_OK;
}

static dyad_status input_new(const char *name, const dyad_allocator *a, input **out,
                             dyad_error *err)
{
    a = core_allocator(a);
    input *in = core_calloc(a, 1, sizeof *in);
    if (!in)
        return error_set(err, DYAD_ENOMEM, name, 0, "out of memory");
    in->a = a;
    in->name = name;
    in->fd = -1;
    *out = in;
    return DYAD_OK;
}

/* Drops a UTF-8 byte order mark at the start of the decompressed data. */
static dyad_status skip_bom(input *in, dyad_error *err)
{
    const char *p;
    size_t n;
    dyad_status st = input_peek(in, 3, &p, &n, err);
    if (st == DYAD_OK && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        in->start += 3;
        in->scan = in->start;
    }
    return st;
}

static dyad_status finish_open(input *in, input **out, dyad_error *err)
{
    dyad_status st = detect_codec(in, err);
    if (st == DYAD_OK && in->codec == CODEC_NONE && in->fd < 0) {
        /* An uncompressed memory block is its own window. */
        in->win = (char *)in->raw;
        in->cap = in->end = in->raw_len;
        in->in_place = true;
        in->eof = true;
    }
    if (st == DYAD_OK)
        st = skip_bom(in, err);
    if (st) {
        input_close(in);
        *out = NULL;
        return st;
    }
    *out = in;
    return DYAD_OK;
}

dyad_status input_open_file(const char *path, const char *name, const dyad_allocator *a,
                            input **out, dyad_error *err)
{
    input *in = NULL; /* set by input_new; GCC -O3 cannot tell */
    *out = NULL;
    dyad_status st = input_new(name, a, &in, err);
    if (st)
        return st;
    if (!path || strcmp(path, "-") == 0) {
        in->fd = STDIN_FILENO;
    } else {
        do
            in->fd = open(path, O_RDONLY | O_CLOEXEC);
        while (in->fd < 0 && errno == EINTR);
        if (in->fd < 0) {
            int e = errno;
            input_close(in);
            return error_set(err, e == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO, name, 0,
                             "cannot open: %s", strerror(e));
        }
        in->own_fd = true;
    }
    in->raw_buf = core_alloc(in->a, INPUT_CHUNK_BYTES);
    if (!in->raw_buf) {
        input_close(in);
        return error_set(err, DYAD_ENOMEM, name, 0, "out of memory");
    }
    return finish_open(in, out, err);
}

dyad_status input_open_memory(const char *data, size_t len, const char *name,
                              const dyad_allocator *a, input **out, dyad_error *err)
{
    input *in = NULL; /* set by input_new; GCC -O3 cannot tell */
    *out = NULL;
    dyad_status st = input_new(name, a, &in, err);
    if (st)
        return st;
    in->raw = (const unsigned char *)(data ? data : "");
    in->raw_len = data ? len : 0;
    in->raw_eof = true; /* nothing beyond the block */
    return finish_open(in, out, err);
}

void input_close(input *in)
{
    if (!in)
        return;
    if (in->own_fd && in->fd >= 0)
        close(in->fd);
    if (in->z_ready)
        inflateEnd(&in->z);
    if (in->zs)
        ZSTD_freeDStream(in->zs);
    if (!in->in_place)
        core_free(in->a, in->win);
    core_free(in->a, in->raw_buf);
    core_free(in->a, in);
}

const char *input_codec_name(const input *in)
{
    return in->codec == CODEC_GZIP ? "gzip" : in->codec == CODEC_ZSTD ? "zstd" : "";
}

/* ---- reading ---- */

static dyad_status decode(input *in, char *dst, size_t cap, size_t *n, dyad_error *err)
{
    switch (in->codec) {
    case CODEC_GZIP: return gzip_read(in, dst, cap, n, err);
    case CODEC_ZSTD: return zstd_read(in, dst, cap, n, err);
    default: return plain_read(in, dst, cap, n, err);
    }
}

/* Makes room for at least INPUT_CHUNK_BYTES after end: slides the live
 * bytes to the front, then grows the window if still short. */
static dyad_status window_room(input *in, dyad_error *err)
{
    if (in->start > 0) {
        size_t live = in->end - in->start;
        if (live)
            memmove(in->win, in->win + in->start, live);
        in->scan -= in->start;
        in->end = live;
        in->start = 0;
    }
    if (in->cap - in->end >= INPUT_CHUNK_BYTES)
        return DYAD_OK;
    size_t ncap = in->cap ? in->cap * 2 : INPUT_CHUNK_BYTES * 2;
    while (ncap - in->end < INPUT_CHUNK_BYTES)
        ncap *= 2;
    /* Never more than one over-long line needs: limit plus two chunks. */
    size_t most = in->line_limit + 2 * (size_t)INPUT_CHUNK_BYTES;
    if (in->line_limit && ncap > most && most - in->end >= INPUT_CHUNK_BYTES)
        ncap = most;
    char *p = core_realloc(in->a, in->win, ncap);
    if (!p)
        return error_set(err, DYAD_ENOMEM, in->name, 0, "out of memory reading input");
    in->win = p;
    in->cap = ncap;
    return DYAD_OK;
}

/* Appends one decoded chunk to the window; sets eof at the end. */
static dyad_status window_fill(input *in, dyad_error *err)
{
    if (in->eof)
        return DYAD_OK;
    dyad_status st = window_room(in, err);
    if (st)
        return st;
    size_t n;
    st = decode(in, in->win + in->end, in->cap - in->end, &n, err);
    if (st)
        return st;
    in->end += n;
    if (n == 0)
        in->eof = true;
    return DYAD_OK;
}

dyad_status input_peek(input *in, size_t want, const char **data, size_t *len,
                       dyad_error *err)
{
    while (in->end - in->start < want && !in->eof) {
        dyad_status st = window_fill(in, err);
        if (st)
            return st;
    }
    *data = in->win ? in->win + in->start : "";
    *len = in->end - in->start;
    if (*len > want)
        *len = want;
    return DYAD_OK;
}

dyad_status input_read(input *in, char *dst, size_t cap, size_t *n, dyad_error *err)
{
    *n = 0;
    if (in->start == in->end && !in->eof) {
        /* Window empty: decode straight into the caller's buffer. */
        dyad_status st = decode(in, dst, cap, n, err);
        if (st == DYAD_OK && *n == 0)
            in->eof = true;
        return st;
    }
    size_t k = in->end - in->start;
    if (k > cap)
        k = cap;
    if (k)
        memcpy(dst, in->win + in->start, k);
    in->start += k;
    if (in->scan < in->start)
        in->scan = in->start;
    *n = k;
    return DYAD_OK;
}

/* Skips the rest of an over-long line (the window holds its first part)
 * without keeping it; *total gets the line's full length. */
static dyad_status skip_long_line(input *in, size_t *total, dyad_error *err)
{
    size_t count = 0;
    for (;;) {
        char *nl = in->end > in->start ? memchr(in->win + in->start, '\n', in->end - in->start)
                                       : NULL;
        if (nl) {
            count += (size_t)(nl - (in->win + in->start));
            in->start = (size_t)(nl - in->win) + 1;
            break;
        }
        count += in->end - in->start;
        in->start = in->end;
        if (in->eof)
            break;
        dyad_status st = window_fill(in, err);
        if (st)
            return st;
    }
    in->scan = in->start;
    *total = count;
    return DYAD_OK;
}

static void emit_line(input *in, size_t from, size_t to, input_line_t *line)
{
    size_t len = to - from;
    if (len && in->win[from + len - 1] == '\r')
        len--;
    line->ptr = in->win + from;
    line->len = len;
    line->number = ++in->line_no;
}

dyad_status input_line(input *in, size_t max_len, input_line_t *line, dyad_error *err)
{
    line->ptr = NULL;
    line->len = 0;
    in->line_limit = max_len;
    for (;;) {
        char *nl = in->end > in->scan ? memchr(in->win + in->scan, '\n', in->end - in->scan)
                                      : NULL;
        if (nl) {
            size_t pos = (size_t)(nl - in->win), from = in->start;
            in->start = in->scan = pos + 1;
            if (pos - from > max_len) {
                line->number = ++in->line_no;
                line->len = pos - from;
                return DYAD_ELIMIT;
            }
            emit_line(in, from, pos, line);
            return DYAD_OK;
        }
        in->scan = in->end;
        if (in->end - in->start > max_len) {
            line->number = ++in->line_no;
            dyad_status st = skip_long_line(in, &line->len, err);
            return st ? st : DYAD_ELIMIT;
        }
        if (in->eof) {
            if (in->start == in->end)
                return DYAD_OK;
            size_t from = in->start;
            in->start = in->scan = in->end;
            emit_line(in, from, in->end, line);
            return DYAD_OK;
        }
        dyad_status st = window_fill(in, err);
        if (st)
            return st;
    }
}

/* ---- UTF-8 validation ---- */

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid
 * (RFC 3629 table: no overlongs, no surrogates, nothing above U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return left >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

bool text_utf8_valid(const char *str, size_t len, size_t *bad_off)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        size_t k = utf8_seq(s + i, len - i);
        if (!k) {
            if (bad_off)
                *bad_off = i;
            return false;
        }
        i += k;
    }
    return true;
}

const char *text_find(const char *s, size_t n, const char *needle, size_t k)
{
    if (k == 0)
        return s;
    while (n >= k) {
        const char *p = memchr(s, needle[0], n - k + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, k) == 0)
            return p;
        n -= (size_t)(p - s) + 1;
        s = p + 1;
    }
    return NULL;
}
