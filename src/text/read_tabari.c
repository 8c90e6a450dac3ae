/*
 * read_tabari.c — TABARI .text records (the TABARI validation suite and
 * demo files):
 *
 *   950101  DEMO-01                 header: date, blanks or '*', id, rest
 *   Arnor is about to restore ...   text lines
 *   (slash-star)\n---- [why]         comment block, C style, expectations
 *   \n{ ARN / GON / 064 } (star-slash)    in braces
 *                                   a blank line ends the record
 *
 * Between records, blank lines and lines starting with '#' are skipped; a
 * comment block there is kept and attached to the next record.  Header
 * dates are YYMMDD (years 00-49 -> 2000-2049, 50-99 -> 1950-1999, the
 * split TABARI files are consistent with) or YYYYMMDD (TABARI's "SET: YYYY
 * = TRUE"); any other digit count or an invalid date rejects the record
 * (FILE:LINE) and its lines are skipped up to the next blank line.
 *
 * doc.text is the record's text lines joined by '\n' (a line's final '\r'
 * dropped), up to the comment opener, trailing blanks trimmed.
 * A blank line also ends an unterminated comment (reported as a warning),
 * as in the suite's COMPOUND-06 record.  meta: "header" (everything after
 * the date), "comment" (the raw comment text), one "expect" per non-empty
 * {...} group in the comment (raw from an optional '-' to the end of its
 * line or "\n" marker, e.g. "{ DAG / GON / 032 } 950103", "-{ --- }"),
 * and one "option" per "{ OPTION: ... }" group (text after "OPTION:").
 */
#include "text/text.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Longest record id kept; a longer id is cut here (real ids are < 40). */
#define TAB_MAX_ID_BYTES 127u

typedef enum tab_state { TAB_BETWEEN, TAB_TEXT, TAB_COMMENT, TAB_AFTER, TAB_SKIP } tab_state;

typedef struct tab_state_s {
    tab_state state;
    buf text;
    buf comment;
    buf pending; /* a comment block seen between records */
    bool pending_open;
    meta_list meta;
    char id[TAB_MAX_ID_BYTES + 1];
    size_t id_len;
    dyad_date date;
    unsigned long rec_line;
    unsigned long comment_line;
    bool over;
} tab_state_s;

static dyad_status tab_open(dyad_reader *r)
{
    tab_state_s *s = core_calloc(r->allocator, 1, sizeof *s);
    if (!s)
        return DYAD_ENOMEM;
    buf_init(&s->text, r->allocator);
    buf_init(&s->comment, r->allocator);
    buf_init(&s->pending, r->allocator);
    meta_list_init(&s->meta, r->allocator);
    r->state = s;
    return DYAD_OK;
}

static void tab_close(dyad_reader *r)
{
    tab_state_s *s = r->state;
    if (!s)
        return;
    buf_free(&s->text);
    buf_free(&s->comment);
    buf_free(&s->pending);
    meta_list_free(&s->meta, r->allocator);
    core_free(r->allocator, s);
    r->state = NULL;
}

static bool blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)p[i]))
            return false;
    return true;
}

static void trim(const char **p, size_t *n)
{
    while (*n && isspace((unsigned char)**p)) {
        (*p)++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)(*p)[*n - 1]))
        (*n)--;
}

/* ---- header ---- */

/* Parses "YYMMDD  ID rest" or "YYYYMMDD*ID".  Returns NULL or the reason. */
static const char *parse_header(const char *p, size_t n, dyad_date *date, dyad_str *id,
                                dyad_str *rest)
{
    size_t d = 0;
    while (d < n && isdigit((unsigned char)p[d]))
        d++;
    if (d != 6 && d != 8)
        return "record header: the date must be YYMMDD or YYYYMMDD";
    char ymd[9];
    if (d == 6) {
        int yy = (p[0] - '0') * 10 + (p[1] - '0');
        snprintf(ymd, sizeof ymd, "%d%.4s", yy < 50 ? 2000 + yy : 1900 + yy, p + 2);
    } else {
        memcpy(ymd, p, 8);
        ymd[8] = 0;
    }
    if (dyad_date_parse(ymd, 8, date) != DYAD_OK)
        return "record header: invalid date";
    size_t i = d;
    if (i < n && p[i] != ' ' && p[i] != '\t' && p[i] != '*')
        return "record header: expected blanks or '*' after the date";
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '*'))
        i++;
    size_t b = i;
    while (i < n && !isspace((unsigned char)p[i]))
        i++;
    if (i == b)
        return "record header: no record id after the date";
    *id = (dyad_str){p + b, i - b};
    *rest = (dyad_str){p + b, n - b};
    trim(&rest->ptr, &rest->len);
    return NULL;
}

/* ---- expectations ---- */

static dyad_status add_meta(dyad_reader *r, tab_state_s *s, const char *key, const char *v,
                            size_t n)
{
    trim(&v, &n);
    return meta_list_add(&s->meta, r->allocator, key, strlen(key), v, n);
}

/* End of the expectation's line: a newline or a literal "\n" marker. */
static size_t line_end(const char *c, size_t n, size_t from)
{
    for (size_t i = from; i < n; i++) {
        if (c[i] == '\n' || (c[i] == '\\' && i + 1 < n && c[i + 1] == 'n'))
            return i;
    }
    return n;
}

/* Adds "expect" and "option" entries for each {...} group of a comment. */
static dyad_status scan_expectations(dyad_reader *r, tab_state_s *s, const char *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i] != '{')
            continue;
        const char *close = memchr(c + i, '}', n - i);
        size_t j;
        if (close) {
            j = (size_t)(close - c);
        } else {
            /* TABARI also takes "{ OPTION: SET: MINIMUM WORDS = 4" with
             * its '}' forgotten: the option runs to the line end */
            const char *in = c + i + 1;
            size_t in_n = line_end(c, n, i) - i - 1;
            trim(&in, &in_n);
            if (in_n >= 7 && memcmp(in, "OPTION:", 7) == 0)
                return add_meta(r, s, "option", in + 7, in_n - 7);
            break;
        }
        const char *in = c + i + 1;
        size_t in_n = j - i - 1;
        trim(&in, &in_n);
        dyad_status st = DYAD_OK;
        if (in_n >= 7 && memcmp(in, "OPTION:", 7) == 0) {
            st = add_meta(r, s, "option", in + 7, in_n - 7);
        } else if (in_n) {
            size_t b = i;
            while (b > 0 && (c[b - 1] == ' ' || c[b - 1] == '\t'))
                b--;
            b = b > 0 && c[b - 1] == '-' ? b - 1 : i;
            st = add_meta(r, s, "expect", c + b, line_end(c, n, j) - b);
        }
        if (st)
            return st;
        i = j;
    }
    return DYAD_OK;
}

static dyad_status add_comment(dyad_reader *r, tab_state_s *s, const buf *b)
{
    if (!b->len)
        return DYAD_OK;
    dyad_status st = add_meta(r, s, "comment", b->data, b->len);
    return st ? st : scan_expectations(r, s, b->data, b->len);
}

/* ---- records ---- */

/* Appends text (or comment) bytes within max_doc_bytes. */
static dyad_status add_bytes(dyad_reader *r, tab_state_s *s, buf *b, const char *p, size_t n)
{
    if (s->over || s->text.len + s->comment.len + n + 1 > r->opts.max_doc_bytes) {
        s->over = true;
        return DYAD_OK;
    }
    if (b->len && b == &s->text && buf_putc(b, '\n'))
        return DYAD_ENOMEM;
    return buf_append(b, p, n);
}

static dyad_status begin_record(dyad_reader *r, tab_state_s *s, const input_line_t *ln)
{
    dyad_str id, rest;
    const char *why = parse_header(ln->ptr, ln->len, &s->date, &id, &rest);
    if (why) {
        size_t k = 0;
        while (k < ln->len && k < 64 && !isspace((unsigned char)ln->ptr[k]))
            k++;
        reader_reject(r, DYAD_EDATE, ln->number, NULL, 0, "%s: \"%.*s\"", why, (int)k, ln->ptr);
        s->state = TAB_SKIP;
        buf_clear(&s->pending);
        return DYAD_OK;
    }
    s->state = TAB_TEXT;
    s->rec_line = ln->number;
    s->over = false;
    s->id_len = id.len < sizeof s->id ? id.len : sizeof s->id - 1;
    memcpy(s->id, id.ptr, s->id_len);
    buf_clear(&s->text);
    buf_clear(&s->comment);
    meta_list_reset(&s->meta);
    dyad_status st = add_meta(r, s, "header", rest.ptr, rest.len);
    if (!st)
        st = add_comment(r, s, &s->pending);
    buf_clear(&s->pending);
    return st;
}

/* Ends the record; *got when it became a document. */
static dyad_status end_record(dyad_reader *r, tab_state_s *s, bool *got)
{
    if (s->state == TAB_COMMENT)
        reader_warn(r, DYAD_EPARSE, s->comment_line,
                    "comment not closed before the blank line that ends record %.*s",
                    (int)s->id_len, s->id);
    s->state = TAB_BETWEEN;
    if (s->over) {
        reader_reject(r, DYAD_ELIMIT, s->rec_line, s->id, s->id_len,
                      "record larger than the limit of %zu bytes (max_doc_bytes); skipped",
                      r->opts.max_doc_bytes);
        return DYAD_OK;
    }
    dyad_status st = add_comment(r, s, &s->comment);
    if (st || buf_append(&s->text, "", 0))
        return DYAD_ENOMEM;
    size_t n = s->text.len;
    while (n && isspace((unsigned char)s->text.data[n - 1]))
        n--;
    s->text.data[n] = 0;
    reader_doc_begin(r, s->rec_line);
    r->doc.id = (dyad_str){s->id, s->id_len};
    r->doc.date = s->date;
    r->doc.text = (dyad_str){s->text.data, n};
    r->doc.meta = s->meta.items;
    r->doc.meta_n = s->meta.n;
    if (s->meta.overflow)
        reader_warn(r, DYAD_ELIMIT, s->rec_line, "more than %u meta entries; rest dropped",
                    READER_MAX_META);
    reader_check_utf8(r, s->rec_line, "text", s->text.data, n);
    *got = true;
    return DYAD_OK;
}

/* A comment line: up to the closing marker; what follows it is ignored. */
static dyad_status comment_line(dyad_reader *r, tab_state_s *s, buf *b, const char *p,
                                size_t n, bool *closed)
{
    const char *close = text_find(p, n, "*/", 2);
    size_t k = close ? (size_t)(close - p) : n;
    if (b->len && buf_putc(b, '\n'))
        return DYAD_ENOMEM;
    *closed = close != NULL;
    return b == &s->pending ? buf_append(b, p, k) : add_bytes(r, s, b, p, k);
}

/* A text line: text up to an opening comment marker, the rest of the line
 * goes to the comment. */
static dyad_status text_line(dyad_reader *r, tab_state_s *s, const input_line_t *ln)
{
    const char *open = text_find(ln->ptr, ln->len, "/*", 2);
    if (!open)
        return add_bytes(r, s, &s->text, ln->ptr, ln->len);
    size_t k = (size_t)(open - ln->ptr);
    dyad_status st = k ? add_bytes(r, s, &s->text, ln->ptr, k) : DYAD_OK;
    if (st)
        return st;
    s->state = TAB_COMMENT;
    s->comment_line = ln->number;
    bool closed;
    st = comment_line(r, s, &s->comment, open + 2, ln->len - k - 2, &closed);
    if (closed)
        s->state = TAB_AFTER;
    return st;
}

static dyad_status between_line(dyad_reader *r, tab_state_s *s, const input_line_t *ln)
{
    const char *p = ln->ptr;
    size_t n = ln->len, i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    if (s->pending_open) {
        bool closed;
        dyad_status st = comment_line(r, s, &s->pending, p, n, &closed);
        s->pending_open = !closed;
        return st;
    }
    if (i == n || p[i] == '#')
        return DYAD_OK;
    if (n - i >= 2 && p[i] == '/' && p[i + 1] == '*') {
        bool closed;
        buf_clear(&s->pending);
        dyad_status st = comment_line(r, s, &s->pending, p + i + 2, n - i - 2, &closed);
        s->pending_open = !closed;
        return st;
    }
    return begin_record(r, s, ln);
}

static dyad_status take_line(dyad_reader *r, tab_state_s *s, const input_line_t *ln,
                             bool *got)
{
    bool is_blank = blank(ln->ptr, ln->len);
    switch (s->state) {
    case TAB_BETWEEN:
        if (is_blank && s->pending_open)
            s->pending_open = false; /* a blank line ends a stray comment too */
        return is_blank ? DYAD_OK : between_line(r, s, ln);
    case TAB_SKIP:
        if (is_blank)
            s->state = TAB_BETWEEN;
        return DYAD_OK;
    case TAB_TEXT:
        return is_blank ? end_record(r, s, got) : text_line(r, s, ln);
    case TAB_COMMENT: {
        if (is_blank)
            return end_record(r, s, got);
        bool closed;
        dyad_status st = comment_line(r, s, &s->comment, ln->ptr, ln->len, &closed);
        if (closed)
            s->state = TAB_AFTER;
        return st;
    }
    case TAB_AFTER:
        return is_blank ? end_record(r, s, got) : DYAD_OK;
    }
    return DYAD_OK;
}

static dyad_status tab_next(dyad_reader *r, bool *got)
{
    tab_state_s *s = r->state;
    *got = false;
    while (!*got) {
        input_line_t ln;
        dyad_status st = input_line(r->in, r->opts.max_doc_bytes, &ln, &r->err);
        if (st == DYAD_ELIMIT) {
            reader_warn(r, DYAD_ELIMIT, ln.number,
                        "line of %zu bytes is longer than the limit of %zu "
                        "(max_doc_bytes); skipped",
                        ln.len, r->opts.max_doc_bytes);
            if (s->state == TAB_TEXT || s->state == TAB_COMMENT || s->state == TAB_AFTER)
                s->over = true;
            continue;
        }
        if (st)
            return st;
        if (!ln.ptr) {
            bool open = s->state == TAB_TEXT || s->state == TAB_COMMENT ||
                        s->state == TAB_AFTER;
            s->state = open ? s->state : TAB_BETWEEN;
            if (open && (st = end_record(r, s, got)))
                return error_set(&r->err, st, r->name, ln.number, "out of memory");
            return DYAD_OK;
        }
        if ((st = take_line(r, s, &ln, got)))
            return error_set(&r->err, st, r->name, ln.number, "out of memory");
    }
    return DYAD_OK;
}

const reader_format_ops read_tabari_ops = {tab_open, tab_next, tab_close};
