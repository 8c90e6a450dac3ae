/*
 * write_jsonl.c — events as JSON Lines, one object per event, fields in
 * the order of the output contract (docs/output.md).  Strings are escaped
 * here rather than through cJSON objects: building a tree per event would
 * allocate on the hot path for no gain.
 */
#include "output/output.h"

#include <string.h>
#include <utf8proc.h>

static dyad_status put_escaped_ascii(buf *b, unsigned char c)
{
    switch (c) {
    case '"': return buf_append(b, "\\\"", 2);
    case '\\': return buf_append(b, "\\\\", 2);
    case '\n': return buf_append(b, "\\n", 2);
    case '\r': return buf_append(b, "\\r", 2);
    case '\t': return buf_append(b, "\\t", 2);
    default:
        if (c < 0x20)
            return buf_printf(b, "\\u%04x", c);
        return buf_putc(b, (char)c);
    }
}

/* Printable ASCII but the quote and the backslash: copied as it is. */
static bool json_plain(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

dyad_status out_json_escape(buf *b, const char *s, size_t len)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    dyad_status st = buf_reserve(b, len + 2);
    size_t i = 0;
    while (st == DYAD_OK && i < len) {
        /* runs of plain bytes in one append: per-byte appends were a
         * tenth of dyad code --no-parse */
        size_t run = i;
        while (run < len && json_plain((unsigned char)s[run]))
            run++;
        if (run > i) {
            st = buf_append(b, s + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            st = put_escaped_ascii(b, c);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 1) {
            st = buf_append(b, replacement, 3);
            i++;
        } else {
            st = buf_append(b, s + i, (size_t)n);
            i += (size_t)n;
        }
    }
    return st;
}

static dyad_status put_field(buf *b, const char *name, const char *s, size_t len, bool first)
{
    dyad_status st = first ? buf_append(b, "\"", 1) : buf_append(b, ",\"", 2);
    if (st == DYAD_OK)
        st = buf_append(b, name, strlen(name));
    if (st == DYAD_OK)
        st = buf_append(b, "\":\"", 3);
    if (st == DYAD_OK)
        st = out_json_escape(b, s, len);
    if (st == DYAD_OK)
        st = buf_putc(b, '"');
    return st;
}

static dyad_status jsonl_event(buf *b, const dyad_event *ev)
{
    char date[11];
    dyad_date_format(ev->date, date);
    dyad_status st = buf_putc(b, '{');
    if (!st) st = put_field(b, "doc_id", ev->doc_id.ptr, ev->doc_id.len, true);
    if (!st) st = put_field(b, "date", date, strlen(date), false);
    if (!st) st = buf_printf(b, ",\"sentence\":%u", ev->sentence);
    if (!st) st = put_field(b, "source", ev->source, strlen(ev->source), false);
    if (!st) st = put_field(b, "target", ev->target, strlen(ev->target), false);
    if (!st) st = put_field(b, "code", ev->code, strlen(ev->code), false);
    if (!st) st = put_field(b, "root", ev->root, strlen(ev->root), false);
    if (!st) st = buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f", ev->quad, ev->goldstein);
    if (!st) st = put_field(b, "source_text", ev->source_text.ptr, ev->source_text.len, false);
    if (!st) st = put_field(b, "target_text", ev->target_text.ptr, ev->target_text.len, false);
    if (!st) st = put_field(b, "verb_text", ev->verb_text.ptr, ev->verb_text.len, false);
    if (!st) st = buf_append(b, ",\"spans\":", 9);
    if (!st) st = out_column_text(b, ev, 12);
    if (!st) st = put_field(b, "text", ev->text.ptr, ev->text.len, false);
    if (!st) st = buf_append(b, "}\n", 2);
    return st;
}

const out_format_ops out_jsonl_ops = {NULL, jsonl_event};
