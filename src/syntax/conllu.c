/*
 * conllu.c — a streaming CoNLL-U reader (UD format v2) for training,
 * evaluation and gold-token input.
 *
 * The reader collects the lines of one sentence (up to a blank line) in a
 * block buffer, then splits the block into comment and token lines.  Token
 * lines must have ten tab-separated columns, a numeric ID counting up from
 * 1 and a HEAD in 0..n.  Multiword ranges ("3-4") and empty nodes ("5.1")
 * are skipped as UD allows.  A malformed line is reported as FILE:LINE:
 * reason and its whole sentence is dropped; reading goes on after the next
 * blank line.  Token strings borrow the block buffer and stay valid until
 * the next call.
 */
#include "syntax/syntax.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct syn_conllu {
    const dyad_allocator *a;
    FILE *file;         /* NULL when reading memory */
    bool close_file;
    const char *mem;    /* memory input */
    size_t mem_len, mem_pos;
    char name[512];
    unsigned long line; /* lines consumed so far */
    dyad_diag_fn diag;
    void *diag_user;
    buf block;          /* lines of the current sentence */
    unsigned long block_line;
    buf line_buf;
    char newdoc[256];
    size_t newdoc_len;
    syn_conllu_tok *toks;
    size_t toks_cap;
    syn_conllu_sent sent;
    size_t rejected;
    bool malformed; /* the current block had a bad line */
    bool nomem;
};

static void report(syn_conllu *r, unsigned long line, const char *fmt, const char *arg)
{
    dyad_error e;
    r->malformed = true;
    error_set(&e, DYAD_EPARSE, r->name, line, fmt, arg);
    if (r->diag)
        r->diag(r->diag_user, &e);
}

static dyad_status conllu_new(const dyad_allocator *a, const char *name, dyad_diag_fn diag,
                              void *diag_user, syn_conllu **out)
{
    a = core_allocator(a);
    syn_conllu *r = core_calloc(a, 1, sizeof *r);
    if (!r)
        return DYAD_ENOMEM;
    r->a = a;
    snprintf(r->name, sizeof r->name, "%s", name ? name : "-");
    r->diag = diag;
    r->diag_user = diag_user;
    buf_init(&r->block, a);
    buf_init(&r->line_buf, a);
    *out = r;
    return DYAD_OK;
}

dyad_status syn_conllu_open(const char *path, const dyad_allocator *a, dyad_diag_fn diag,
                            void *diag_user, syn_conllu **out, dyad_error *err)
{
    *out = NULL;
    bool is_stdin = !path || !strcmp(path, "-");
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return error_set(err, errno == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO, path, 0,
                         "cannot open: %s", strerror(errno));
    syn_conllu *r;
    if (conllu_new(a, is_stdin ? "-" : path, diag, diag_user, &r) != DYAD_OK) {
        if (!is_stdin)
            fclose(f);
        return error_set(err, DYAD_ENOMEM, path, 0, "out of memory");
    }
    r->file = f;
    r->close_file = !is_stdin;
    *out = r;
    return DYAD_OK;
}

dyad_status syn_conllu_open_memory(const char *data, size_t len, const char *name,
                                   const dyad_allocator *a, dyad_diag_fn diag,
                                   void *diag_user, syn_conllu **out)
{
    *out = NULL;
    syn_conllu *r;
    dyad_status st = conllu_new(a, name, diag, diag_user, &r);
    if (st != DYAD_OK)
        return st;
    r->mem = data;
    r->mem_len = len;
    *out = r;
    return DYAD_OK;
}

/* Reads one line (without its newline) into r->line_buf.  Returns
 * DYAD_OK, DYAD_ENOTFOUND at end of input, DYAD_ELIMIT for an overlong
 * line (consumed and dropped), DYAD_EIO, DYAD_ENOMEM. */
static dyad_status read_line(syn_conllu *r)
{
    buf_clear(&r->line_buf);
    bool any = false, over = false;
    for (;;) {
        int c;
        if (r->file) {
            c = getc(r->file);
            if (c == EOF && ferror(r->file))
                return DYAD_EIO;
        } else {
            c = r->mem_pos < r->mem_len ? (unsigned char)r->mem[r->mem_pos++] : EOF;
        }
        if (c == EOF) {
            if (!any)
                return DYAD_ENOTFOUND;
            break;
        }
        any = true;
        if (c == '\n')
            break;
        if (r->line_buf.len >= SYN_MAX_LINE_BYTES) {
            over = true;
            continue;
        }
        if (buf_putc(&r->line_buf, (char)c) != DYAD_OK)
            return DYAD_ENOMEM;
    }
    r->line++;
    if (r->line_buf.len && r->line_buf.data[r->line_buf.len - 1] == '\r')
        r->line_buf.data[--r->line_buf.len] = 0;
    return over ? DYAD_ELIMIT : DYAD_OK;
}

/* Splits a tab-separated line into exactly 10 fields; false otherwise. */
static bool split_fields(char *s, size_t len, dyad_str f[10])
{
    size_t k = 0;
    const char *start = s;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '\t') {
            if (k == 10)
                return false;
            f[k].ptr = start;
            f[k].len = (size_t)(s + i - start);
            k++;
            start = s + i + 1;
        }
    }
    return k == 10;
}

static bool parse_uint(dyad_str s, uint32_t max, uint32_t *out)
{
    if (s.len == 0 || s.len > 6)
        return false;
    uint32_t v = 0;
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] < '0' || s.ptr[i] > '9')
            return false;
        v = v * 10 + (uint32_t)(s.ptr[i] - '0');
    }
    if (v > max)
        return false;
    *out = v;
    return true;
}

static void take_comment(syn_conllu *r, char *s, size_t len)
{
    static const char text[] = "# text = ", sid[] = "# sent_id = ", doc[] = "# newdoc id = ";
    if (len >= sizeof text - 1 && !memcmp(s, text, sizeof text - 1)) {
        r->sent.text.ptr = s + sizeof text - 1;
        r->sent.text.len = len - (sizeof text - 1);
    } else if (len >= sizeof sid - 1 && !memcmp(s, sid, sizeof sid - 1)) {
        r->sent.sent_id.ptr = s + sizeof sid - 1;
        r->sent.sent_id.len = len - (sizeof sid - 1);
    } else if (len >= sizeof doc - 1 && !memcmp(s, doc, sizeof doc - 1)) {
        size_t n = len - (sizeof doc - 1);
        if (n >= sizeof r->newdoc)
            n = sizeof r->newdoc - 1;
        memcpy(r->newdoc, s + sizeof doc - 1, n);
        r->newdoc_len = n;
    }
}

/* Parses one token line into the next token slot.  Returns false (after
 * reporting) when the line is malformed. */
static bool take_token(syn_conllu *r, char *s, size_t len, unsigned long line, bool *skip)
{
    dyad_str f[10];
    *skip = false;
    if (!split_fields(s, len, f)) {
        report(r, line, "%s", "expected 10 tab-separated columns");
        return false;
    }
    for (size_t i = 0; i < f[0].len; i++)
        if (f[0].ptr[i] == '-' || f[0].ptr[i] == '.') {
            *skip = true; /* multiword range or empty node */
            return true;
        }
    uint32_t id, head;
    if (!parse_uint(f[0], SYN_MAX_SENT_TOKENS, &id) || id != r->sent.n + 1) {
        report(r, line, "%s", "token ID is not the next number in the sentence");
        return false;
    }
    if (!parse_uint(f[6], SYN_MAX_SENT_TOKENS, &head)) {
        if (!(f[6].len == 1 && f[6].ptr[0] == '_')) {
            report(r, line, "%s", "HEAD is not a number");
            return false;
        }
        head = UINT32_MAX; /* unknown */
    }
    if (head == id) {
        report(r, line, "%s", "token is its own HEAD");
        return false;
    }
    if (f[1].len == 0) {
        report(r, line, "%s", "empty FORM");
        return false;
    }
    if (core_grow(r->a, (void **)&r->toks, &r->toks_cap, r->sent.n + 1, sizeof *r->toks) !=
        DYAD_OK) {
        r->nomem = true;
        return false;
    }
    syn_conllu_tok *t = &r->toks[r->sent.n++];
    t->form = f[1];
    t->lemma = f[2];
    t->upos = f[3];
    t->xpos = f[4];
    t->feats = f[5];
    t->deprel = f[7];
    t->misc = f[9];
    t->head = head;
    return true;
}

/* Turns the collected block into r->sent; false when it is malformed. */
static bool parse_block(syn_conllu *r)
{
    char *p = r->block.data, *end = p + r->block.len;
    unsigned long line = r->block_line;
    r->sent.n = 0;
    r->sent.text = r->sent.sent_id = (dyad_str){ NULL, 0 };
    for (; p < end; line++) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = (size_t)(nl - p);
        *nl = 0;
        if (p[0] == '#') {
            take_comment(r, p, len);
        } else {
            bool skip;
            if (r->sent.n >= SYN_MAX_SENT_TOKENS) {
                report(r, line, "%s", "sentence longer than SYN_MAX_SENT_TOKENS");
                return false;
            }
            if (!take_token(r, p, len, line, &skip))
                return false;
            if (r->sent.n == 1 && !skip)
                r->sent.line = line;
        }
        p = nl + 1;
    }
    for (size_t i = 0; i < r->sent.n; i++)
        if (r->toks[i].head != UINT32_MAX && r->toks[i].head > r->sent.n) {
            report(r, r->sent.line + i, "%s", "HEAD points outside the sentence");
            return false;
        }
    r->sent.toks = r->toks;
    r->sent.newdoc = (dyad_str){ r->newdoc, r->newdoc_len };
    return r->sent.n > 0;
}

/* Collects lines up to a blank line.  *got is false at end of input. */
static dyad_status collect_block(syn_conllu *r, bool *got, bool *bad)
{
    buf_clear(&r->block);
    *got = *bad = false;
    for (;;) {
        dyad_status st = read_line(r);
        if (st == DYAD_ENOTFOUND)
            return DYAD_OK;
        if (st == DYAD_ELIMIT) {
            report(r, r->line, "%s", "line longer than SYN_MAX_LINE_BYTES");
            *bad = *got = true;
            continue;
        }
        if (st != DYAD_OK)
            return st;
        if (r->line_buf.len == 0) {
            if (*got)
                return DYAD_OK;
            continue;
        }
        if (!*got)
            r->block_line = r->line;
        *got = true;
        if (buf_append(&r->block, r->line_buf.data, r->line_buf.len) != DYAD_OK ||
            buf_putc(&r->block, '\n') != DYAD_OK)
            return DYAD_ENOMEM;
    }
}

dyad_status syn_conllu_next(syn_conllu *r, const syn_conllu_sent **out)
{
    *out = NULL;
    for (;;) {
        bool got, bad;
        dyad_status st = collect_block(r, &got, &bad);
        if (st != DYAD_OK)
            return st;
        if (!got)
            return DYAD_OK;
        r->malformed = false;
        if (!bad && parse_block(r)) {
            *out = &r->sent;
            return DYAD_OK;
        }
        if (r->nomem)
            return DYAD_ENOMEM;
        if (bad || r->malformed) /* else the block held only comments */
            r->rejected++;
    }
}

size_t syn_conllu_rejected(const syn_conllu *r)
{
    return r ? r->rejected : 0;
}

void syn_conllu_close(syn_conllu *r)
{
    if (!r)
        return;
    if (r->close_file)
        fclose(r->file);
    buf_free(&r->block);
    buf_free(&r->line_buf);
    core_free(r->a, r->toks);
    core_free(r->a, r);
}
