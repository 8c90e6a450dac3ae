/*
 * buf.c — a growable byte buffer used by readers, writers and formatters.
 * data is kept NUL-terminated so slices at its end can be handed to C
 * functions that want strings.
 */
#include "core/core.h"

#include <stdio.h>
#include <string.h>

void buf_init(buf *b, const dyad_allocator *a)
{
    b->allocator = core_allocator(a);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

dyad_status buf_reserve(buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return DYAD_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return DYAD_OK;
    size_t ncap = b->cap ? b->cap : 256;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) {
            ncap = need;
            break;
        }
        ncap *= 2;
    }
    char *p = core_realloc(b->allocator, b->data, ncap);
    if (!p)
        return DYAD_ENOMEM;
    b->data = p;
    b->cap = ncap;
    return DYAD_OK;
}

dyad_status buf_append(buf *b, const void *data, size_t len)
{
    dyad_status st = buf_reserve(b, len);
    if (st)
        return st;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = 0;
    return DYAD_OK;
}

dyad_status buf_putc(buf *b, char c) { return buf_append(b, &c, 1); }

dyad_status buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return DYAD_EINVAL;
    if ((size_t)n < sizeof small)
        return buf_append(b, small, (size_t)n);
    dyad_status st = buf_reserve(b, (size_t)n);
    if (st)
        return st;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return DYAD_OK;
}

void buf_clear(buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

void buf_free(buf *b)
{
    core_free(b->allocator, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
