/*
 * write_delimited.c — events as TSV or CSV with a header line; both carry
 * the same columns as JSON Lines (spans as the same JSON object text).
 *
 * TSV cannot quote, so a tab, newline, carriage return or backslash inside
 * a field is written as \t, \n, \r or \\ (the convention of PostgreSQL's
 * COPY text format, which most loaders understand).  CSV follows RFC 4180:
 * a field with a comma, quote or line break is quoted and quotes doubled.
 */
#include "output/output.h"

#include <string.h>

static dyad_status tsv_field(buf *b, const char *s, size_t len)
{
    dyad_status st = DYAD_OK;
    for (size_t i = 0; i < len && st == DYAD_OK; i++) {
        switch (s[i]) {
        case '\t': st = buf_append(b, "\\t", 2); break;
        case '\n': st = buf_append(b, "\\n", 2); break;
        case '\r': st = buf_append(b, "\\r", 2); break;
        case '\\': st = buf_append(b, "\\\\", 2); break;
        default: st = buf_putc(b, s[i]);
        }
    }
    return st;
}

static dyad_status csv_field(buf *b, const char *s, size_t len)
{
    bool quote = false;
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote)
        return buf_append(b, s, len);
    dyad_status st = buf_putc(b, '"');
    for (size_t i = 0; i < len && st == DYAD_OK; i++)
        st = s[i] == '"' ? buf_append(b, "\"\"", 2) : buf_putc(b, s[i]);
    if (st == DYAD_OK)
        st = buf_putc(b, '"');
    return st;
}

typedef dyad_status (*field_fn)(buf *b, const char *s, size_t len);

static dyad_status header(buf *b, char sep)
{
    dyad_status st = DYAD_OK;
    for (size_t i = 0; i < out_column_n && st == DYAD_OK; i++) {
        if (i)
            st = buf_putc(b, sep);
        if (st == DYAD_OK)
            st = buf_append(b, out_columns[i], strlen(out_columns[i]));
    }
    return st ? st : buf_putc(b, '\n');
}

/* Renders each column into a scratch buffer, then escapes it into b. */
static dyad_status row(buf *b, const dyad_event *ev, char sep, field_fn field)
{
    buf cell;
    buf_init(&cell, b->allocator);
    dyad_status st = DYAD_OK;
    for (size_t i = 0; i < out_column_n && st == DYAD_OK; i++) {
        buf_clear(&cell);
        if (i)
            st = buf_putc(b, sep);
        if (st == DYAD_OK)
            st = out_column_text(&cell, ev, i);
        if (st == DYAD_OK)
            st = field(b, cell.data ? cell.data : "", cell.len);
    }
    buf_free(&cell);
    return st ? st : buf_putc(b, '\n');
}

static dyad_status tsv_header(buf *b) { return header(b, '\t'); }
static dyad_status csv_header(buf *b) { return header(b, ','); }
static dyad_status tsv_event(buf *b, const dyad_event *ev) { return row(b, ev, '\t', tsv_field); }
static dyad_status csv_event(buf *b, const dyad_event *ev) { return row(b, ev, ',', csv_field); }

const out_format_ops out_tsv_ops = {tsv_header, tsv_event};
const out_format_ops out_csv_ops = {csv_header, csv_event};
