/*
 * negation.c — UD-PETRARCH's recoding of negated verbs through the
 * PETRARCH internal coding ontology (PICO).
 *
 * PETRARCH-2 and UD-PETRARCH do not drop a negated verb: they give every
 * CAMEO code a number in their internal ontology (a PICO file, named by a
 * suite's <PICOfile>: lines "CAMEO:VALUE[#comment]", VALUE a sum of hex
 * terms such as "-0xFFFF+0x0070"), subtract the negation constant 0xFFFF
 * from the verb's number, and turn the result back into the CAMEO code
 * whose number it is.  The ontology is built so that this means something:
 * "clash over" (110, disapprove = 0xFFFF + 0x0080) negated is 0x0080,
 * 050 (diplomatic cooperation); a negated "say" (010) is 011 (decline to
 * comment); a negated material cooperation (060, 0x0070) is
 * -0xFFFF + 0x0070 = 121 (reject material cooperation).  When no code has
 * the negated number (a negated "fight"), there is no event.
 *
 * Without an ontology loaded the coder keeps its older rule: a negated verb
 * yields no event.  The table lives in the coder (coder->pico, in file
 * order; at most CODER_MAX_PICO entries).
 */
#include "coder/coder.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PICO_NEGATION 0xFFFFL /* what a negation subtracts from a PICO number */
#define PICO_MAX_LINE 1024u   /* bytes of one ontology line */
#define PICO_MAX_BYTES (1u << 20) /* bytes of an ontology file */

/* Reports a malformed line through diag and goes on. */
static void pico_diag(dyad_diag_fn diag, void *user, const char *path, unsigned long line,
                      const char *why)
{
    if (!diag)
        return;
    dyad_error e;
    memset(&e, 0, sizeof e);
    error_set(&e, DYAD_EFORMAT, path, line, "%s", why);
    diag(user, &e);
}

/* Parses a sum of signed terms ("-0xFFFF+0x2040+0x300", "0x1000-0xFFFF")
 * in p[0, n); false when it is not one. */
static bool pico_value(const char *p, size_t n, long *out)
{
    long sum = 0;
    size_t i = 0, terms = 0;
    while (i < n) {
        while (i < n && isspace((unsigned char)p[i]))
            i++;
        if (i == n)
            break;
        long sign = 1;
        if (p[i] == '+' || p[i] == '-') {
            sign = p[i] == '-' ? -1 : 1;
            i++;
        } else if (terms > 0) {
            return false;
        }
        while (i < n && isspace((unsigned char)p[i]))
            i++;
        char term[32];
        size_t k = 0;
        while (i < n && (isxdigit((unsigned char)p[i]) || p[i] == 'x' || p[i] == 'X')) {
            if (k + 1 >= sizeof term)
                return false;
            term[k++] = p[i++];
        }
        term[k] = 0;
        if (k == 0)
            return false;
        char *end;
        errno = 0;
        long v = strtol(term, &end, 0);
        if (*end || errno || v > 0xFFFFFFL)
            return false;
        sum += sign * v;
        terms++;
    }
    *out = sum;
    return terms > 0;
}

/* Reads one "CAMEO:VALUE[#...]" line into e; false when malformed. */
static bool pico_line(const char *s, size_t n, coder_pico_entry *e)
{
    size_t i = 0, k = 0;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '-')) { /* "---:0" too */
        if (k + 1 >= sizeof e->cameo)
            return false;
        e->cameo[k++] = s[i++];
    }
    e->cameo[k] = 0;
    if (k < 2 || i >= n || s[i] != ':')
        return false;
    const char *v = s + i + 1;
    const char *hash = memchr(v, '#', n - i - 1);
    size_t vn = hash ? (size_t)(hash - v) : n - i - 1;
    return pico_value(v, vn, &e->value);
}

dyad_status coder_parse_pico(dyad_coder *c, const char *data, size_t size, const char *name,
                             dyad_diag_fn diag, void *user)
{
    coder_pico_entry *t = core_calloc(c->allocator, CODER_MAX_PICO, sizeof *t);
    if (!t)
        return DYAD_ENOMEM;
    size_t n = 0;
    unsigned long no = 0;
    for (size_t pos = 0; pos < size;) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', size - pos);
        size_t len = nl ? (size_t)(nl - line) : size - pos;
        pos += len + 1;
        no++;
        if (len && line[len - 1] == '\r')
            len--;
        size_t b = 0;
        while (b < len && isspace((unsigned char)line[b]))
            b++;
        if (b == len || line[b] == '#')
            continue;
        if (len - b > PICO_MAX_LINE) {
            pico_diag(diag, user, name, no, "line longer than PICO_MAX_LINE bytes: skipped");
            continue;
        }
        if (n >= CODER_MAX_PICO) {
            pico_diag(diag, user, name, no, "more than CODER_MAX_PICO codes: the rest ignored");
            break;
        }
        if (!pico_line(line + b, len - b, &t[n])) {
            pico_diag(diag, user, name, no, "malformed: expected CAMEO:VALUE");
            continue;
        }
        n++;
    }
    coder_free_pico(c);
    c->pico = t;
    c->pico_n = n;
    return DYAD_OK;
}

dyad_status coder_load_pico(dyad_coder *c, const char *path, dyad_diag_fn diag, void *user,
                            dyad_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(err, DYAD_EIO, path, 0, "cannot open the coding ontology");
    char *data = core_alloc(c->allocator, PICO_MAX_BYTES + 1);
    if (!data) {
        fclose(f);
        return DYAD_ENOMEM;
    }
    size_t size = fread(data, 1, PICO_MAX_BYTES + 1, f);
    bool failed = ferror(f) != 0;
    fclose(f);
    dyad_status st;
    if (failed)
        st = error_set(err, DYAD_EIO, path, 0, "cannot read the coding ontology");
    else if (size > PICO_MAX_BYTES)
        st = error_set(err, DYAD_ELIMIT, path, 0, "coding ontology larger than %u bytes",
                       (unsigned)PICO_MAX_BYTES);
    else
        st = coder_parse_pico(c, data, size, path, diag, user);
    core_free(c->allocator, data);
    return st;
}

void coder_free_pico(dyad_coder *c)
{
    core_free(c->allocator, c->pico);
    c->pico = NULL;
    c->pico_n = 0;
}

/* The ontology number of a CAMEO code: its own entry, else its two-digit
 * root's ("0x0" + "0"), as PETRARCH converts. */
static bool pico_forward(const dyad_coder *c, dyad_str code, long *out)
{
    char root[4];
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            if (code.len < 2)
                return false;
            snprintf(root, sizeof root, "%.2s0", code.ptr);
            code = (dyad_str){root, 3};
        }
        for (size_t i = 0; i < c->pico_n; i++)
            if (strlen(c->pico[i].cameo) == code.len &&
                memcmp(c->pico[i].cameo, code.ptr, code.len) == 0) {
                *out = c->pico[i].value;
                return true;
            }
    }
    return false;
}

bool coder_negate_code(const dyad_coder *c, dyad_str code, char out[8])
{
    long v;
    if (!c->pico || !pico_forward(c, code, &v))
        return false;
    v -= PICO_NEGATION;
    for (size_t i = 0; i < c->pico_n; i++)
        if (c->pico[i].value == v) {
            memcpy(out, c->pico[i].cameo, sizeof c->pico[i].cameo);
            return true;
        }
    return false;
}
