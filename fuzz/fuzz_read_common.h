/*
 * fuzz_read_common.h — shared body of the reader fuzz targets.  The first
 * input byte picks how the rest is fed: bit 0 gzip-wraps it, bit 1 zstd-
 * wraps it (so the decoders see the fuzzer's bytes after a valid header
 * only through the reader), bit 2 sets a tiny max_doc_bytes (64) so the
 * limit paths run, bit 3 cuts a compressed stream in half.  Every field of
 * every document is touched so ASan sees any bad slice.
 */
#ifndef FUZZ_READ_COMMON_H
#define FUZZ_READ_COMMON_H

#include "dyad.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

static void fuzz_ignore_diag(void *user, const dyad_error *err)
{
    char line[1400];
    dyad_error_format(err, line, sizeof line);
    (void)user;
}

static size_t fuzz_touch(dyad_str s)
{
    size_t h = 0;
    for (size_t i = 0; i < s.len; i++)
        h += (unsigned char)s.ptr[i];
    return h;
}

static size_t fuzz_touch_doc(const dyad_doc *d)
{
    size_t h = fuzz_touch(d->id) + fuzz_touch(d->text) + fuzz_touch(d->title) +
               fuzz_touch(d->url) + fuzz_touch(d->source) + strlen(d->file) + d->line;
    if (d->text.ptr[d->text.len] != 0)
        abort(); /* the text must be NUL-terminated */
    for (size_t i = 0; i < d->given_n; i++) {
        if (d->given[i].span.end > d->text.len || d->given[i].span.begin > d->given[i].span.end)
            abort();
        h += fuzz_touch(d->given[i].parse);
    }
    for (size_t i = 0; i < d->meta_n; i++)
        h += fuzz_touch(d->meta[i].key) + fuzz_touch(d->meta[i].value);
    return h;
}

/* Wraps data in gzip or zstd; returns a malloc'd buffer or NULL. */
static unsigned char *fuzz_compress(const uint8_t *data, size_t size, int zstd, size_t *out)
{
    if (zstd) {
        size_t cap = ZSTD_compressBound(size);
        unsigned char *b = malloc(cap);
        if (!b)
            return NULL;
        *out = ZSTD_compress(b, cap, data, size, 1);
        if (ZSTD_isError(*out)) {
            free(b);
            return NULL;
        }
        return b;
    }
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    size_t cap = deflateBound(&z, (uLong)size);
    unsigned char *b = malloc(cap);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)size;
    z.next_out = b;
    z.avail_out = (uInt)cap;
    if (!b || deflate(&z, Z_FINISH) != Z_STREAM_END) {
        deflateEnd(&z);
        free(b);
        return NULL;
    }
    *out = z.total_out;
    deflateEnd(&z);
    return b;
}

static int fuzz_read(const uint8_t *data, size_t size, dyad_format format, const char *name)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    data++;
    size--;
    unsigned char *packed = NULL;
    const char *input = (const char *)data;
    size_t len = size;
    if (mode & 3) {
        packed = fuzz_compress(data, size, (mode & 2) != 0, &len);
        if (!packed)
            return 0;
        if (mode & 8)
            len /= 2;
        input = (const char *)packed;
    }
    dyad_reader_options o = {.format = format,
                             .max_doc_bytes = (mode & 4) ? 64 : 0,
                             .diag = fuzz_ignore_diag};
    dyad_reader *r;
    dyad_error err;
    volatile size_t sink = 0;
    if (dyad_reader_open_memory(input, len, name, &o, &r, &err) == DYAD_OK) {
        const dyad_doc *doc;
        while (dyad_reader_next(r, &doc) == DYAD_OK && doc)
            sink += fuzz_touch_doc(doc);
        sink += dyad_reader_rejected(r);
        dyad_reader_close(r);
    }
    free(packed);
    (void)sink;
    return 0;
}

#endif
