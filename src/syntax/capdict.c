/*
 * capdict.c — capitalization classes learned from unlabelled text (issue
 * 4: "word clusters you may learn from the unlabelled text"): for every
 * word seen in the given documents, how often it is written with a capital
 * first letter when it does not start a sentence.  "Monday" and "Riga"
 * almost always are, "summit" almost never, "bush" sometimes; the class is
 * a tagger feature that separates proper from common nouns better than the
 * word's own capitalization, which web text uses loosely.
 *
 * The table maps the word's lower-case id (syn_word.lower) to a class
 * 1..6 in a syn_tagdict (ref & 0xff = class); unknown words get class 0.
 * Bits 8..23 of ref carry the word clusters of cluster.c.
 */
#include "syntax/syntax.h"

#include <string.h>

#define CAP_MIN_COUNT 3u     /* fewer occurrences: class "rare" */
#define CAP_INITIAL_SLOTS (1u << 16)

typedef struct cap_count {
    uint64_t key; /* 0 = empty */
    uint32_t total, cap;
} cap_count;

typedef struct cap_table {
    cap_count *e;
    size_t slots, n;
} cap_table;

static cap_count *cap_slot(cap_table *t, uint64_t key)
{
    size_t mask = t->slots - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask)
        if (t->e[i].key == key || t->e[i].key == 0)
            return &t->e[i];
}

static dyad_status cap_grow(cap_table *t, const dyad_allocator *a)
{
    cap_table g = { core_calloc(a, t->slots * 2, sizeof(cap_count)), t->slots * 2, t->n };
    if (!g.e)
        return DYAD_ENOMEM;
    for (size_t i = 0; i < t->slots; i++)
        if (t->e[i].key)
            *cap_slot(&g, t->e[i].key) = t->e[i];
    core_free(a, t->e);
    *t = g;
    return DYAD_OK;
}

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Counts the words of one text; a word right after . ! ? or a line
 * start begins a sentence and is not counted. */
static dyad_status count_text(cap_table *t, const dyad_allocator *a, const char *s, size_t len)
{
    bool initial = true;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (!is_letter(c)) {
            if (c == '.' || c == '!' || c == '?' || c == '\n')
                initial = true;
            else if (c != ' ' && c != '"' && c != '(' && c != '\t')
                initial = false;
            i++;
            continue;
        }
        size_t b = i;
        while (i < len && is_letter((unsigned char)s[i]))
            i++;
        if (!initial && i - b >= 2) {
            syn_word w;
            syn_word_init(&w, s + b, i - b);
            if ((t->n + 1) * 2 > t->slots && cap_grow(t, a) != DYAD_OK)
                return DYAD_ENOMEM;
            cap_count *e = cap_slot(t, w.lower);
            if (!e->key) {
                e->key = w.lower;
                t->n++;
            }
            e->total++;
            e->cap += (w.flags & (SYN_W_UPPER | SYN_W_ALLCAP)) == SYN_W_UPPER;
        }
        initial = false;
    }
    return DYAD_OK;
}

static uint32_t cap_class(const cap_count *e)
{
    if (e->total < CAP_MIN_COUNT)
        return 1;
    double r = (double)e->cap / (double)e->total;
    return r < 0.05 ? 2 : r < 0.3 ? 3 : r < 0.7 ? 4 : r < 0.95 ? 5 : 6;
}

static dyad_status cap_finish(const cap_table *t, const dyad_allocator *a, syn_tagdict *out)
{
    uint32_t slots = (uint32_t)(t->n + t->n / 4 + 64);
    syn_wentry *table = core_calloc(a, slots, sizeof *table);
    if (!table)
        return DYAD_ENOMEM;
    for (size_t k = 0; k < t->slots; k++) { /* slot order: deterministic */
        const cap_count *e = &t->e[k];
        if (!e->key)
            continue;
        uint32_t i = syn_slot(e->key, slots);
        while (table[i].fp)
            i = i + 1 == slots ? 0 : i + 1;
        table[i] = (syn_wentry){ syn_fp(e->key), cap_class(e) };
    }
    *out = (syn_tagdict){ slots, table, table };
    return DYAD_OK;
}

dyad_status syn_capdict_build(const char *const *paths, size_t n, syn_tagdict *out,
                              dyad_error *err)
{
    const dyad_allocator *a = core_allocator(NULL);
    memset(out, 0, sizeof *out);
    cap_table t = { core_calloc(a, CAP_INITIAL_SLOTS, sizeof(cap_count)), CAP_INITIAL_SLOTS, 0 };
    if (!t.e)
        return error_set(err, DYAD_ENOMEM, NULL, 0, "out of memory");
    dyad_status st = DYAD_OK;
    for (size_t p = 0; st == DYAD_OK && p < n; p++) {
        dyad_reader *r;
        if ((st = dyad_reader_open(paths[p], NULL, &r, err)) != DYAD_OK)
            break;
        const dyad_doc *doc;
        while ((st = dyad_reader_next(r, &doc)) == DYAD_OK && doc)
            if ((st = count_text(&t, a, doc->text.ptr, doc->text.len)) != DYAD_OK)
                break;
        dyad_reader_close(r);
        if (st != DYAD_OK && err && err->code == DYAD_OK)
            error_set(err, st, paths[p], 0, "%s", dyad_status_str(st));
    }
    if (st == DYAD_OK && (st = cap_finish(&t, a, out)) != DYAD_OK)
        error_set(err, st, NULL, 0, "out of memory");
    core_free(a, t.e);
    return st;
}

void syn_capdict_apply(const syn_tagdict *d, syn_word *w, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        w[k].cap = w[k].clus = w[k].clus2 = 0;
        long ref = syn_table_get(d, w[k].lower);
        if (ref >= 0) {
            w[k].cap = (uint8_t)ref;
            w[k].clus = (uint8_t)(ref >> 8);
            w[k].clus2 = (uint8_t)(ref >> 16);
        }
    }
}
