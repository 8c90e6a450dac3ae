/*
 * read_text.c — plain-text documents as official press releases arrive:
 * the whole file is one document whose id is the file's basename.  An
 * optional first line (leading blanks allowed) "date YYYY-MM-DD" (or
 * "date YYYYMMDD", "date: ...", any case) gives the date; the text starts
 * after the date token and the blanks that follow it, so when the first
 * paragraph continues on the date line it is kept.  doc.text is a slice of
 * the original bytes (nothing re-encoded), so offsets are meaningful.
 *
 * Only a "date" word followed by a token that starts with a digit counts as
 * a date line ("Date palms grow..." is text); such a token that does not
 * parse rejects the document (FILE:1).  A file that is empty or only blank
 * after the date line yields no document and no error.  A file longer than
 * max_doc_bytes is rejected after reading max_doc_bytes + 1 bytes.
 */
#include "text/text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

typedef struct text_state {
    buf content;
    bool done;
} text_state;

static dyad_status text_open(dyad_reader *r)
{
    text_state *s = core_calloc(r->allocator, 1, sizeof *s);
    if (!s)
        return DYAD_ENOMEM;
    buf_init(&s->content, r->allocator);
    r->state = s;
    return DYAD_OK;
}

static void text_close(dyad_reader *r)
{
    text_state *s = r->state;
    if (!s)
        return;
    buf_free(&s->content);
    core_free(r->allocator, s);
    r->state = NULL;
}

/* Reads the whole input, at most limit + 1 bytes; *over when it is larger. */
static dyad_status slurp(dyad_reader *r, buf *b, size_t limit, bool *over)
{
    *over = false;
    for (;;) {
        size_t room = limit + 1 - b->len;
        size_t want = room < INPUT_CHUNK_BYTES ? room : INPUT_CHUNK_BYTES;
        if (buf_reserve(b, want))
            return error_set(&r->err, DYAD_ENOMEM, r->name, 0, "out of memory");
        size_t n;
        dyad_status st = input_read(r->in, b->data + b->len, want, &n, &r->err);
        if (st)
            return st;
        b->len += n;
        b->data[b->len] = 0;
        if (n == 0)
            return DYAD_OK;
        if (b->len > limit) {
            *over = true;
            return DYAD_OK;
        }
    }
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* Looks for the date line.  Returns 1 when found (date in *date, text
 * starts at *text_off), 0 when there is none, -1 when it does not parse. */
static int parse_date_line(const char *p, size_t n, dyad_date *date, size_t *text_off,
                           size_t *tok_off, size_t *tok_len)
{
    size_t i = 0;
    while (i < n && (is_blank(p[i]) || p[i] == '\r'))
        i++;
    if (n - i < 5 || strncasecmp(p + i, "date", 4) != 0)
        return 0;
    i += 4;
    if (i < n && p[i] == ':')
        i++;
    if (i >= n || !is_blank(p[i]))
        return 0;
    while (i < n && is_blank(p[i]))
        i++;
    if (i >= n || !isdigit((unsigned char)p[i]))
        return 0;
    size_t t = i;
    while (i < n && !isspace((unsigned char)p[i]))
        i++;
    *tok_off = t;
    *tok_len = i - t;
    if (dyad_date_parse(p + t, i - t, date) != DYAD_OK)
        return -1;
    while (i < n && isspace((unsigned char)p[i]))
        i++;
    *text_off = i;
    return 1;
}

static bool all_space(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)p[i]))
            return false;
    return true;
}

static dyad_status text_next(dyad_reader *r, bool *got)
{
    text_state *s = r->state;
    *got = false;
    if (s->done)
        return DYAD_OK;
    s->done = true;
    bool over;
    dyad_status st = slurp(r, &s->content, r->opts.max_doc_bytes, &over);
    if (st)
        return st;
    if (over) {
        reader_reject(r, DYAD_ELIMIT, 0, NULL, 0,
                      "document larger than the limit of %zu bytes (max_doc_bytes); skipped",
                      r->opts.max_doc_bytes);
        return DYAD_OK;
    }
    const char *p = s->content.data ? s->content.data : "";
    size_t n = s->content.len, off = 0, tok = 0, tok_len = 0;
    dyad_date date = {0, 0, 0};
    int dl = parse_date_line(p, n, &date, &off, &tok, &tok_len);
    if (dl < 0) {
        reader_reject(r, DYAD_EDATE, 1, r->base, strlen(r->base),
                      "date line: \"%.*s\" is not a date (YYYY-MM-DD or YYYYMMDD)",
                      (int)(tok_len > 64 ? 64 : tok_len), p + tok);
        return DYAD_OK;
    }
    if (all_space(p + off, n - off))
        return DYAD_OK;
    reader_doc_begin(r, 1);
    r->doc.id = (dyad_str){r->base, strlen(r->base)};
    r->doc.date = date;
    r->doc.text = (dyad_str){p + off, n - off};
    reader_check_utf8(r, 1, "text", p + off, n - off);
    *got = true;
    return DYAD_OK;
}

const reader_format_ops read_text_ops = {text_open, text_next, text_close};
