/*
 * normalize.c — the normalized form of tokens used for matching against
 * dictionaries: NFC, Unicode case folding, combining marks and default
 * ignorables removed ("Ángel" -> "angel"), typographic quotes, apostrophes
 * and dashes mapped to their ASCII equivalents ("Alliance’s" matches
 * "Alliance's"), invalid UTF-8 bytes replaced by U+FFFD.
 *
 * Place in the pipeline: the tokenizer calls norm_append() for every token
 * and the result lands in the analysis's norm buffer.  Most news text is
 * ASCII, so ASCII input takes a table-driven fast path that never calls
 * utf8proc; the slow path runs utf8proc over scratch buffers owned by the
 * analysis (norm_scratch), so it allocates only while warming up.
 * Invariant: the output is always valid UTF-8.
 */
#include "text/text.h"

#include <string.h>
#include <utf8proc.h>

/* ASCII folding: upper case to lower case, and the grave accent used as an
 * opening quote ("``") to the apostrophe, like the typographic quotes. */
const unsigned char norm_ascii_fold[128] = {
    0,   1,   2,   3,   4,   5,   6,   7,   8,   9,   10,  11,  12,  13,  14,  15,
    16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,  28,  29,  30,  31,
    ' ', '!', '"', '#', '$', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
    '@', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', '[', '\\', ']', '^', '_',
    '\'', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', '{', '|', '}', '~', 127,
};

/* utf8proc options for the slow path: compose to NFC, fold case, drop
 * combining marks (accent folding) and default-ignorable characters (soft
 * hyphen, zero-width joiner) that would otherwise break matches. */
#define NORM_OPTIONS                                                                         \
    (UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE)

void norm_scratch_init(norm_scratch *ns, const dyad_allocator *a)
{
    ns->allocator = core_allocator(a);
    ns->cps = NULL;
    ns->cps_cap = 0;
    ns->fixed = NULL;
    ns->fixed_cap = 0;
}

void norm_scratch_free(norm_scratch *ns)
{
    core_free(ns->allocator, ns->cps);
    core_free(ns->allocator, ns->fixed);
    ns->cps = NULL;
    ns->fixed = NULL;
    ns->cps_cap = ns->fixed_cap = 0;
}

size_t norm_decode(const unsigned char *s, size_t len, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t n;
    int32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len < n)
        goto invalid;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            goto invalid;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        goto invalid;
    *cp = v;
    return n;
invalid:
    *cp = 0xFFFD;
    return 1;
}

/* Typographic punctuation that should match its ASCII twin.  Runs inside
 * utf8proc before case folding (utf8proc_custom_func). */
static utf8proc_int32_t map_typographic(utf8proc_int32_t cp, void *data)
{
    (void)data;
    switch (cp) {
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201A: /* ‚ */
    case 0x201B: /* ‛ */
    case 0x2032: /* ′ */
    case 0x00B4: /* ´ */
    case 0x0060: /* ` */
        return '\'';
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201E: /* „ */
    case 0x201F: /* ‟ */
    case 0x2033: /* ″ */
    case 0x00AB: /* « */
    case 0x00BB: /* » */
        return '"';
    case 0x2010: /* hyphen */
    case 0x2011: /* non-breaking hyphen */
    case 0x2012: /* figure dash */
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0x2015: /* horizontal bar */
    case 0x2212: /* minus sign */
        return '-';
    default:
        return cp;
    }
}

/* Copies s into ns->fixed with every invalid sequence replaced by U+FFFD
 * (EF BF BD); *out_len gets the new length. */
static dyad_status replace_invalid(norm_scratch *ns, const char *s, size_t len,
                                   size_t *out_len)
{
    if (len > (SIZE_MAX - 1) / 3)
        return DYAD_ENOMEM;
    dyad_status st = core_grow(ns->allocator, (void **)&ns->fixed, &ns->fixed_cap, len * 3 + 1, 1);
    if (st)
        return st;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < len) {
        int32_t cp;
        size_t n = norm_decode(u + i, len - i, &cp);
        if (cp == 0xFFFD && n == 1) {
            memcpy(ns->fixed + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            memcpy(ns->fixed + o, s + i, n);
            o += n;
        }
        i += n;
    }
    *out_len = o;
    return DYAD_OK;
}

/* Runs utf8proc over valid UTF-8 s and appends the result.  Returns
 * DYAD_EENCODING if utf8proc still rejects the input. */
static dyad_status utf8proc_append(norm_scratch *ns, buf *out, const char *s, size_t len)
{
    for (;;) {
        utf8proc_ssize_t n = utf8proc_decompose_custom(
            (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, ns->cps,
            (utf8proc_ssize_t)ns->cps_cap, NORM_OPTIONS, map_typographic, NULL);
        if (n < 0)
            return n == UTF8PROC_ERROR_NOMEM ? DYAD_ENOMEM : DYAD_EENCODING;
        if (n == 0) /* only ignorables; utf8proc_reencode must not see an empty buffer */
            return DYAD_OK;
        if ((size_t)n > ns->cps_cap) {
            dyad_status st = core_grow(ns->allocator, (void **)&ns->cps, &ns->cps_cap,
                                       (size_t)n, sizeof(int32_t));
            if (st)
                return st;
            continue;
        }
        utf8proc_ssize_t bytes = utf8proc_reencode(ns->cps, n, NORM_OPTIONS);
        if (bytes < 0)
            return DYAD_EENCODING;
        return buf_append(out, ns->cps, (size_t)bytes);
    }
}

static bool is_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

dyad_status norm_append(norm_scratch *ns, buf *out, const char *s, size_t len)
{
    if (is_ascii(s, len)) {
        dyad_status st = buf_reserve(out, len);
        if (st)
            return st;
        char *dst = out->data + out->len;
        for (size_t i = 0; i < len; i++)
            dst[i] = (char)norm_ascii_fold[(unsigned char)s[i]];
        out->len += len;
        out->data[out->len] = 0;
        return DYAD_OK;
    }
    dyad_status st = utf8proc_append(ns, out, s, len);
    if (st != DYAD_EENCODING)
        return st;
    size_t fixed_len;
    st = replace_invalid(ns, s, len, &fixed_len);
    if (st)
        return st;
    st = utf8proc_append(ns, out, ns->fixed, fixed_len);
    if (st == DYAD_EENCODING) /* cannot happen after replacement; stay safe */
        return buf_append(out, "\xEF\xBF\xBD", 3);
    return st;
}

dyad_status dyad_normalize(const char *s, size_t len, const dyad_allocator *allocator,
                           char **out, size_t *out_len)
{
    if (!out || !out_len || (!s && len))
        return DYAD_EINVAL;
    *out = NULL;
    *out_len = 0;
    norm_scratch ns;
    norm_scratch_init(&ns, allocator);
    buf b;
    buf_init(&b, allocator);
    dyad_status st = buf_reserve(&b, len);
    if (!st)
        st = norm_append(&ns, &b, s ? s : "", len);
    norm_scratch_free(&ns);
    if (st) {
        buf_free(&b);
        return st;
    }
    *out = b.data;
    *out_len = b.len;
    return DYAD_OK;
}
