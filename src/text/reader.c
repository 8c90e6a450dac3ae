/*
 * reader.c — dyad_reader, the front of the pipeline: opens a file, stdin
 * or memory block through input.c, settles the format and hands each
 * record to the format module (read_text.c, read_jsonl.c,
 * read_petrarch.c, read_tabari.c) through its reader_format_ops.
 *
 * Format choice, in order: opts->format when not AUTO; the file name's
 * extension after removing .gz/.zst (.txt, .jsonl/.json/.ndjson, .xml,
 * .text); else the first bytes of the (decompressed) content.  Bad records
 * are reported through the diagnostic callback and counted; a fatal error
 * (damaged stream, out of memory) is reported once, returned once, and
 * the reader then behaves as at the end of input.
 */
#include "text/text.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* How much decompressed content format detection may look at. */
#define READER_SNIFF_BYTES (64u * 1024u)

static const struct {
    const char *name;
    dyad_format format;
} format_names[] = {
    {"auto", DYAD_FORMAT_AUTO},   {"text", DYAD_FORMAT_TEXT},
    {"jsonl", DYAD_FORMAT_JSONL}, {"petrarch", DYAD_FORMAT_PETRARCH_XML},
    {"tabari", DYAD_FORMAT_TABARI},
};

dyad_status dyad_format_from_name(const char *name, dyad_format *out)
{
    for (size_t i = 0; name && i < DYAD_ARRAY_LEN(format_names); i++) {
        if (strcmp(name, format_names[i].name) == 0) {
            *out = format_names[i].format;
            return DYAD_OK;
        }
    }
    return DYAD_EINVAL;
}

const char *dyad_format_name(dyad_format format)
{
    for (size_t i = 0; i < DYAD_ARRAY_LEN(format_names); i++)
        if (format_names[i].format == format)
            return format_names[i].name;
    return "unknown";
}

/* ---- diagnostics shared by the format modules ---- */

/* Record ids go into the message ("record ID: reason"), not err->record:
 * dyad_error_format drops the line when a record is set, and the issue
 * asks for FILE:LINE on every reader diagnostic. */
static void report(dyad_reader *r, dyad_status code, unsigned long line, const char *id,
                   size_t id_len, const char *fmt, va_list ap)
{
    if (!r->opts.diag)
        return;
    dyad_error e;
    char msg[sizeof e.message];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (id && id_len)
        error_set(&e, code, r->name, line, "record %.*s: %s",
                  (int)(id_len > 128 ? 128 : id_len), id, msg);
    else
        error_set(&e, code, r->name, line, "%s", msg);
    r->opts.diag(r->opts.diag_user, &e);
}

void reader_warn(dyad_reader *r, dyad_status code, unsigned long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, code, line, NULL, 0, fmt, ap);
    va_end(ap);
}

void reader_reject(dyad_reader *r, dyad_status code, unsigned long line, const char *id,
                   size_t id_len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, code, line, id, id_len, fmt, ap);
    va_end(ap);
    r->rejected++;
}

void reader_check_utf8(dyad_reader *r, unsigned long line, const char *field, const char *s,
                       size_t len)
{
    size_t bad;
    if (!text_utf8_valid(s, len, &bad))
        reader_warn(r, DYAD_EENCODING, line,
                    "invalid UTF-8 in %s at byte %zu (kept; analysis reads it as U+FFFD)",
                    field, bad);
}

void reader_doc_begin(dyad_reader *r, unsigned long line)
{
    memset(&r->doc, 0, sizeof r->doc);
    r->doc.file = r->name;
    r->doc.line = line;
    r->doc.format = r->format;
    r->doc.text.ptr = "";
    r->doc.id.ptr = r->doc.title.ptr = r->doc.url.ptr = r->doc.source.ptr = "";
}

/* ---- meta lists ---- */

void meta_list_init(meta_list *m, const dyad_allocator *a)
{
    memset(m, 0, sizeof *m);
    arena_init(&m->strings, a, 4096);
}

void meta_list_reset(meta_list *m)
{
    m->n = 0;
    m->overflow = false;
    arena_reset(&m->strings);
}

void meta_list_free(meta_list *m, const dyad_allocator *a)
{
    core_free(a, m->items);
    arena_free(&m->strings);
    m->items = NULL;
    m->n = m->cap = 0;
}

dyad_status meta_list_add(meta_list *m, const dyad_allocator *a, const char *key,
                          size_t key_len, const char *value, size_t value_len)
{
    if (m->n >= READER_MAX_META) {
        m->overflow = true;
        return DYAD_OK;
    }
    if (core_grow(a, (void **)&m->items, &m->cap, m->n + 1, sizeof *m->items))
        return DYAD_ENOMEM;
    char *k = arena_strndup(&m->strings, key, key_len);
    char *v = k ? arena_strndup(&m->strings, value, value_len) : NULL;
    if (!v)
        return DYAD_ENOMEM;
    m->items[m->n].key = (dyad_str){k, key_len};
    m->items[m->n].value = (dyad_str){v, value_len};
    m->n++;
    return DYAD_OK;
}

/* ---- format detection ---- */

static bool ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && strncasecmp(s + len - n, suffix, n) == 0;
}

/* The format named by the extension of name (.gz/.zst removed first), or
 * DYAD_FORMAT_AUTO when the name says nothing. */
static dyad_format format_from_extension(const char *name)
{
    size_t len = strlen(name);
    if (ends_with(name, len, ".gz"))
        len -= 3;
    else if (ends_with(name, len, ".zst"))
        len -= 4;
    if (ends_with(name, len, ".txt"))
        return DYAD_FORMAT_TEXT;
    if (ends_with(name, len, ".jsonl") || ends_with(name, len, ".json") ||
        ends_with(name, len, ".ndjson"))
        return DYAD_FORMAT_JSONL;
    if (ends_with(name, len, ".xml"))
        return DYAD_FORMAT_PETRARCH_XML;
    if (ends_with(name, len, ".text"))
        return DYAD_FORMAT_TABARI;
    return DYAD_FORMAT_AUTO;
}

/* True when line looks like a TABARI record header: 6 or 8 digits, then
 * blanks or '*', then an id. */
static bool looks_like_tabari_header(const char *p, size_t n)
{
    size_t d = 0;
    while (d < n && isdigit((unsigned char)p[d]))
        d++;
    if ((d != 6 && d != 8) || d >= n || (p[d] != ' ' && p[d] != '\t' && p[d] != '*'))
        return false;
    while (d < n && (p[d] == ' ' || p[d] == '\t' || p[d] == '*'))
        d++;
    return d < n;
}

/* The first line that is neither blank nor a '#' comment decides TABARI. */
static bool looks_like_tabari(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - p) : n;
        size_t b = i;
        while (b < end && isspace((unsigned char)p[b]))
            b++;
        if (b < end && p[b] != '#')
            return nl && looks_like_tabari_header(p + i, end - i);
        i = end + 1;
    }
    return false;
}

static dyad_format format_from_content(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && isspace((unsigned char)p[i]))
        i++;
    if (i < n && p[i] == '{')
        return DYAD_FORMAT_JSONL;
    if (i < n && p[i] == '<')
        return DYAD_FORMAT_PETRARCH_XML;
    if (looks_like_tabari(p, n))
        return DYAD_FORMAT_TABARI;
    return DYAD_FORMAT_TEXT;
}

static const reader_format_ops *format_ops(dyad_format f)
{
    switch (f) {
    case DYAD_FORMAT_TEXT: return &read_text_ops;
    case DYAD_FORMAT_JSONL: return &read_jsonl_ops;
    case DYAD_FORMAT_PETRARCH_XML: return &read_petrarch_ops;
    case DYAD_FORMAT_TABARI: return &read_tabari_ops;
    default: return NULL;
    }
}

static dyad_status settle_format(dyad_reader *r, dyad_error *err)
{
    dyad_format f = r->opts.format;
    if (f == DYAD_FORMAT_AUTO)
        f = format_from_extension(r->name);
    if (f == DYAD_FORMAT_AUTO) {
        const char *p;
        size_t n;
        dyad_status st = input_peek(r->in, READER_SNIFF_BYTES, &p, &n, err);
        if (st)
            return st;
        f = format_from_content(p, n);
    }
    r->format = f;
    r->ops = format_ops(f);
    if (!r->ops)
        return error_set(err, DYAD_EFORMAT, r->name, 0, "unknown input format %d", (int)f);
    return DYAD_OK;
}

/* ---- opening and closing ---- */

static dyad_status reader_new(const char *name, const dyad_reader_options *opts,
                              dyad_reader **out, dyad_error *err)
{
    const dyad_allocator *a = core_allocator(opts ? opts->allocator : NULL);
    dyad_reader *r = core_calloc(a, 1, sizeof *r);
    if (!r)
        return error_set(err, DYAD_ENOMEM, name, 0, "out of memory");
    r->allocator = a;
    if (opts)
        r->opts = *opts;
    r->opts.allocator = a;
    if (!r->opts.max_doc_bytes)
        r->opts.max_doc_bytes = DYAD_DEFAULT_MAX_DOC_BYTES;
    if (r->opts.max_doc_bytes > SIZE_MAX / 4) /* keeps limit + chunk sums from wrapping */
        r->opts.max_doc_bytes = SIZE_MAX / 4;
    r->name = core_strndup(a, name, strlen(name));
    if (!r->name) {
        core_free(a, r);
        return error_set(err, DYAD_ENOMEM, name, 0, "out of memory");
    }
    const char *slash = strrchr(r->name, '/');
    r->base = slash && slash[1] ? slash + 1 : r->name;
    *out = r;
    return DYAD_OK;
}

static dyad_status reader_start(dyad_reader *r, dyad_reader **out, dyad_error *err)
{
    dyad_status st = settle_format(r, err);
    if (st == DYAD_OK) {
        st = r->ops->open(r);
        if (st)
            error_set(err, st, r->name, 0, "out of memory");
    }
    if (st) {
        dyad_reader_close(r);
        return st;
    }
    *out = r;
    return DYAD_OK;
}

dyad_status dyad_reader_open(const char *path, const dyad_reader_options *opts,
                             dyad_reader **out, dyad_error *err)
{
    *out = NULL;
    const char *name = path && *path ? path : "-";
    if (opts && (int)opts->format > (int)DYAD_FORMAT_TABARI)
        return error_set(err, DYAD_EINVAL, name, 0, "unknown input format");
    dyad_reader *r;
    dyad_status st = reader_new(name, opts, &r, err);
    if (st)
        return st;
    st = input_open_file(strcmp(name, "-") == 0 ? NULL : name, r->name, r->allocator, &r->in,
                         err);
    if (st) {
        dyad_reader_close(r);
        return st;
    }
    return reader_start(r, out, err);
}

dyad_status dyad_reader_open_memory(const char *data, size_t len, const char *name,
                                    const dyad_reader_options *opts, dyad_reader **out,
                                    dyad_error *err)
{
    *out = NULL;
    name = name && *name ? name : "<memory>";
    if (opts && (int)opts->format > (int)DYAD_FORMAT_TABARI)
        return error_set(err, DYAD_EINVAL, name, 0, "unknown input format");
    dyad_reader *r;
    dyad_status st = reader_new(name, opts, &r, err);
    if (st)
        return st;
    st = input_open_memory(data, len, r->name, r->allocator, &r->in, err);
    if (st) {
        dyad_reader_close(r);
        return st;
    }
    return reader_start(r, out, err);
}

dyad_status dyad_reader_next(dyad_reader *r, const dyad_doc **doc)
{
    *doc = NULL;
    if (!r || r->finished)
        return DYAD_OK;
    bool got = false;
    dyad_status st = r->ops->next(r, &got);
    if (st) {
        r->finished = true;
        if (r->err.code != st || !r->err.message[0])
            error_set(&r->err, st, r->name, 0, "%s", dyad_status_str(st));
        if (r->opts.diag)
            r->opts.diag(r->opts.diag_user, &r->err);
        return st;
    }
    if (!got) {
        r->finished = true;
        return DYAD_OK;
    }
    *doc = &r->doc;
    return DYAD_OK;
}

dyad_format dyad_reader_format(const dyad_reader *r) { return r->format; }

size_t dyad_reader_rejected(const dyad_reader *r) { return r->rejected; }

void dyad_reader_close(dyad_reader *r)
{
    if (!r)
        return;
    if (r->ops && r->ops->close)
        r->ops->close(r);
    input_close(r->in);
    core_free(r->allocator, r->name);
    core_free(r->allocator, r);
}
