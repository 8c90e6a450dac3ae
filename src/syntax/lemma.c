/*
 * lemma.c — the lemmatizer: a form -> lemma table learned from the
 * training treebank (keyed by form and UPOS, most frequent lemma wins),
 * then WordNet's morphology for unseen words: the exception lists
 * (noun.exc, verb.exc, adj.exc, adv.exc) and morphy's suffix rules, a
 * candidate being accepted when WordNet knows it as a lemma of that part
 * of speech.  All tables live in one compiled string map (syn_lemmas) that
 * the model file carries, so run time needs no WordNet files.
 *
 * Lemma conventions follow UD English EWT: lower case except proper nouns
 * (and "I"), numbers and punctuation keep their form.
 */
#include "syntax/syntax.h"

#include <errno.h>
#include <string.h>

#define LEMMA_INITIAL_SLOTS 1024u
#define WN_MAX_LINE 4096u

/* The key of a string whose hash_bytes is h, in a POS group. */
static inline uint64_t key_of(uint64_t h, unsigned group)
{
    uint64_t k = h ^ ((uint64_t)group * 0x9e3779b97f4a7c15ull);
    return k ? k : 1;
}

uint64_t syn_lemma_key(const char *s, size_t len, unsigned group)
{
    return key_of(hash_bytes(s, len), group);
}

bool syn_lemmas_get(const syn_lemmas *l, uint64_t key, dyad_str *out)
{
    const syn_wentry *e = syn_wentry_find(l->table, l->slots, key);
    if (!e)
        return false;
    *out = (dyad_str){ l->str + (e->ref >> 8), e->ref & 0xffu };
    return true;
}

void syn_lemmas_free(syn_lemmas *l, const dyad_allocator *a)
{
    if (!l)
        return;
    core_free(core_allocator(a), l->owned);
    memset(l, 0, sizeof *l);
}

/* ---- run time ---- */

static const char *const upos_order[] = { "ADJ",  "ADP",   "ADV",  "AUX",  "CCONJ", "DET",
                                          "INTJ", "NOUN",  "NUM",  "PART", "PRON",  "PROPN",
                                          "PUNCT", "SCONJ", "SYM", "VERB", "X" };

/* The training-table group of a UPOS name. */
static unsigned train_group(const char *upos)
{
    for (unsigned i = 0; i < DYAD_ARRAY_LEN(upos_order); i++)
        if (!strcmp(upos, upos_order[i]))
            return SYN_LG_TRAIN + 1 + i;
    return SYN_LG_TRAIN;
}

uint64_t syn_lemma_key_train(const char *form, size_t len, const char *upos)
{
    return syn_lemma_key(form, len, train_group(upos));
}

static unsigned wordnet_group(const char *upos)
{
    if (!strcmp(upos, "NOUN"))
        return SYN_LG_NOUN;
    if (!strcmp(upos, "VERB") || !strcmp(upos, "AUX"))
        return SYN_LG_VERB;
    if (!strcmp(upos, "ADJ"))
        return SYN_LG_ADJ;
    if (!strcmp(upos, "ADV"))
        return SYN_LG_ADV;
    return SYN_LG_ANY;
}

syn_lemma_upos syn_lemma_upos_of(const char *upos)
{
    bool keep = !strcmp(upos, "PROPN") || !strcmp(upos, "NUM") || !strcmp(upos, "PUNCT") ||
                !strcmp(upos, "SYM");
    return (syn_lemma_upos){ (uint8_t)train_group(upos), (uint8_t)wordnet_group(upos), keep };
}

syn_lemma_xpos syn_lemma_xpos_of(const char *xpos)
{
    /* The last resort's suffixes when WordNet knows no candidate. */
    static const struct {
        const char *xpos, *suffix;
    } strips[] = { { "NNS", "s" }, { "VBZ", "s" }, { "VBD", "ed" }, { "VBN", "ed" },
                   { "VBG", "ing" } };
    syn_lemma_xpos x = { !strcmp(xpos, "NNS") || !strcmp(xpos, "NNPS"), NULL, 0 };
    for (size_t i = 0; i < DYAD_ARRAY_LEN(strips); i++)
        if (!strcmp(xpos, strips[i].xpos)) {
            x.strip = strips[i].suffix;
            x.strip_len = (uint8_t)strlen(x.strip);
        }
    return x;
}

typedef struct rule {
    const char *from, *to;
} rule;

static const rule noun_rules[] = { { "ses", "s" },   { "xes", "x" },   { "zes", "z" },
                                   { "ches", "ch" }, { "shes", "sh" }, { "men", "man" },
                                   { "ies", "y" },   { "s", "" },      { NULL, NULL } };
static const rule verb_rules[] = { { "ies", "y" }, { "es", "e" },  { "es", "" },
                                   { "ed", "e" },  { "ed", "" },   { "ing", "e" },
                                   { "ing", "" },  { "s", "" },    { NULL, NULL } };
static const rule adj_rules[] = { { "est", "" }, { "er", "" },   { "est", "e" },
                                  { "er", "e" }, { NULL, NULL } };

static bool known(const syn_lemmas *l, const char *s, size_t len, unsigned g)
{
    dyad_str v;
    return syn_lemmas_get(l, syn_lemma_key(s, len, SYN_LG_KNOWN + g), &v);
}

/* Tries morphy's rules (and undoubling "running" -> "run"); writes a
 * WordNet-known candidate into out and returns its length, else 0. */
static size_t apply_rules(const syn_lemmas *l, const char *low, size_t len, unsigned g,
                          char *out)
{
    const rule *rules = g == SYN_LG_NOUN ? noun_rules
                        : g == SYN_LG_VERB ? verb_rules
                        : g == SYN_LG_ADJ  ? adj_rules
                                           : NULL;
    for (const rule *r = rules; r && r->from; r++) {
        size_t fl = strlen(r->from), tl = strlen(r->to);
        if (len <= fl || memcmp(low + len - fl, r->from, fl) || len - fl + tl >= SYN_MAX_LEMMA_BYTES)
            continue;
        size_t n = len - fl;
        memcpy(out, low, n);
        memcpy(out + n, r->to, tl);
        if (known(l, out, n + tl, g))
            return n + tl;
        if (tl == 0 && n >= 3 && out[n - 1] == out[n - 2] && known(l, out, n - 1, g))
            return n - 1;
    }
    return 0;
}

/* A last resort when WordNet knows no candidate: strips the suffix the
 * Penn tag implies (-s of NNS and VBZ, -ed, -ing). */
static size_t strip_by_xpos(const char *low, size_t len, syn_lemma_xpos xp, char *out)
{
    memcpy(out, low, len);
    size_t sl = xp.strip_len;
    if (sl && len > sl + 2 && !memcmp(low + len - sl, xp.strip, sl))
        return len - sl;
    return len;
}

/* Copies s lower-cased (ASCII) into out; returns whether any byte changed. */
static bool copy_lower(const char *s, size_t len, char *out)
{
    bool changed = false;
    for (size_t i = 0; i < len; i++) {
        bool upper = s[i] >= 'A' && s[i] <= 'Z';
        out[i] = (char)(upper ? s[i] + 32 : s[i]);
        changed |= upper;
    }
    return changed;
}

static size_t copy_str(dyad_str v, char *out)
{
    memcpy(out, v.ptr, v.len);
    return v.len;
}

size_t syn_lemmatize_as(const syn_lemmas *l, const char *form, size_t len, syn_lemma_upos up,
                        syn_lemma_xpos xp, char *out)
{
    if (len >= SYN_MAX_LEMMA_BYTES)
        len = SYN_MAX_LEMMA_BYTES - 1;
    dyad_str v;
    uint64_t h_form = hash_bytes(form, len);
    if (syn_lemmas_get(l, key_of(h_form, up.train), &v))
        return copy_str(v, out);
    char low[SYN_MAX_LEMMA_BYTES];
    /* A form without capitals is its own lower case: the same key, the
     * same miss. */
    bool lowered = copy_lower(form, len, low);
    uint64_t h_low = lowered ? hash_bytes(low, len) : h_form;
    if (lowered && syn_lemmas_get(l, key_of(h_low, up.train), &v))
        return copy_str(v, out);
    if (up.keep_form) {
        memcpy(out, form, len);
        return len;
    }
    unsigned g = up.wordnet;
    if (g == SYN_LG_ANY) {
        memcpy(out, low, len);
        return len;
    }
    if (syn_lemmas_get(l, key_of(h_low, g), &v))
        return copy_str(v, out);
    if (!xp.plural_noun && syn_lemmas_get(l, key_of(h_low, SYN_LG_KNOWN + g), &v)) {
        memcpy(out, low, len);
        return len;
    }
    size_t n = apply_rules(l, low, len, g, out);
    return n ? n : strip_by_xpos(low, len, xp, out);
}

bool syn_lemma_wordnet_knows(const syn_lemmas *l, const char *low, size_t len, unsigned g)
{
    if (len >= SYN_MAX_LEMMA_BYTES)
        return false;
    dyad_str v;
    char out[SYN_MAX_LEMMA_BYTES];
    return syn_lemmas_get(l, syn_lemma_key(low, len, g), &v) || known(l, low, len, g) ||
           apply_rules(l, low, len, g, out) > 0;
}

size_t syn_lemmatize(const syn_lemmas *l, const char *form, size_t len, const char *upos,
                     const char *xpos, char *out)
{
    return syn_lemmatize_as(l, form, len, syn_lemma_upos_of(upos), syn_lemma_xpos_of(xpos), out);
}

/* ---- building ---- */

typedef struct bentry {
    uint64_t key;
    uint32_t off, len, count;
    uint32_t next; /* another lemma for the same key, +1; 0 = none */
} bentry;

struct syn_lemma_builder {
    const dyad_allocator *a;
    bentry *e;
    size_t n, cap;
    uint32_t *slot; /* key -> first entry + 1 */
    size_t slots;
    buf str;
};

dyad_status syn_lemma_builder_new(const dyad_allocator *a, syn_lemma_builder **out)
{
    a = core_allocator(a);
    syn_lemma_builder *b = core_calloc(a, 1, sizeof *b);
    if (!b)
        return DYAD_ENOMEM;
    b->a = a;
    b->slots = LEMMA_INITIAL_SLOTS;
    b->slot = core_calloc(a, b->slots, sizeof *b->slot);
    buf_init(&b->str, a);
    if (!b->slot) {
        syn_lemma_builder_free(b);
        return DYAD_ENOMEM;
    }
    *out = b;
    return DYAD_OK;
}

void syn_lemma_builder_free(syn_lemma_builder *b)
{
    if (!b)
        return;
    core_free(b->a, b->e);
    core_free(b->a, b->slot);
    buf_free(&b->str);
    core_free(b->a, b);
}

static uint32_t *slot_of(syn_lemma_builder *b, uint64_t key)
{
    size_t mask = b->slots - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask)
        if (!b->slot[i] || b->e[b->slot[i] - 1].key == key)
            return &b->slot[i];
}

static dyad_status builder_rehash(syn_lemma_builder *b)
{
    size_t slots = b->slots * 2;
    uint32_t *s = core_calloc(b->a, slots, sizeof *s);
    if (!s)
        return DYAD_ENOMEM;
    core_free(b->a, b->slot);
    b->slot = s;
    b->slots = slots;
    for (size_t i = 0; i < b->n; i++) {
        uint32_t *p = slot_of(b, b->e[i].key);
        if (!*p)
            *p = (uint32_t)i + 1;
    }
    return DYAD_OK;
}

dyad_status syn_lemma_builder_add(syn_lemma_builder *b, uint64_t key, const char *lemma,
                                  size_t len)
{
    if (len >= SYN_MAX_LEMMA_BYTES)
        return DYAD_ELIMIT;
    uint32_t *p = slot_of(b, key);
    for (uint32_t i = *p; i; i = b->e[i - 1].next) {
        bentry *e = &b->e[i - 1];
        if (e->len == len && !memcmp(b->str.data + e->off, lemma, len)) {
            e->count++;
            return DYAD_OK;
        }
    }
    if (core_grow(b->a, (void **)&b->e, &b->cap, b->n + 1, sizeof *b->e) != DYAD_OK)
        return DYAD_ENOMEM;
    uint32_t off = (uint32_t)b->str.len;
    if (buf_append(&b->str, lemma, len) != DYAD_OK)
        return DYAD_ENOMEM;
    bentry *e = &b->e[b->n];
    *e = (bentry){ key, off, (uint32_t)len, 1, 0 };
    if (*p) { /* append to the chain: earlier entries win ties */
        uint32_t i = *p;
        while (b->e[i - 1].next)
            i = b->e[i - 1].next;
        b->e[i - 1].next = (uint32_t)b->n + 1;
        b->n++;
        return DYAD_OK;
    }
    *p = (uint32_t)++b->n;
    return (b->n * 2 > b->slots) ? builder_rehash(b) : DYAD_OK;
}

/* Adds one WordNet file: "form lemma..." (exc) or "lemma pos ..." (index). */
static dyad_status load_wn_file(syn_lemma_builder *b, const char *dir, const char *name,
                                unsigned group, bool index, dyad_error *err)
{
    char path[1024], line[WN_MAX_LINE];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return error_set(err, DYAD_ENOTFOUND, path, 0, "cannot open: %s", strerror(errno));
    dyad_status st = DYAD_OK;
    while (st == DYAD_OK && fgets(line, sizeof line, f)) {
        if (line[0] == ' ')
            continue; /* licence header of index files */
        char *sp = strchr(line, ' ');
        if (!sp)
            continue;
        size_t l1 = (size_t)(sp - line);
        if (index) {
            st = syn_lemma_builder_add(b, syn_lemma_key(line, l1, SYN_LG_KNOWN + group), "", 0);
            continue;
        }
        char *second = sp + 1;
        size_t l2 = strcspn(second, " \n");
        if (l2 && l1 < SYN_MAX_LEMMA_BYTES && l2 < SYN_MAX_LEMMA_BYTES)
            st = syn_lemma_builder_add(b, syn_lemma_key(line, l1, group), second, l2);
    }
    fclose(f);
    return st == DYAD_ELIMIT ? DYAD_OK : st;
}

dyad_status syn_lemma_builder_load_wordnet(syn_lemma_builder *b, const char *wn_dir,
                                           dyad_error *err)
{
    static const struct {
        const char *exc, *index;
        unsigned group;
    } files[] = { { "noun.exc", "index.noun", SYN_LG_NOUN },
                  { "verb.exc", "index.verb", SYN_LG_VERB },
                  { "adj.exc", "index.adj", SYN_LG_ADJ },
                  { "adv.exc", "index.adv", SYN_LG_ADV } };
    for (size_t i = 0; i < DYAD_ARRAY_LEN(files); i++) {
        dyad_status st = load_wn_file(b, wn_dir, files[i].exc, files[i].group, false, err);
        if (st == DYAD_OK)
            st = load_wn_file(b, wn_dir, files[i].index, files[i].group, true, err);
        if (st != DYAD_OK)
            return st;
    }
    return DYAD_OK;
}

dyad_status syn_lemma_builder_finish(syn_lemma_builder *b, syn_lemmas *out)
{
    memset(out, 0, sizeof *out);
    size_t keys = 0, bytes = 0;
    for (size_t i = 0; i < b->slots; i++)
        keys += b->slot[i] != 0;
    uint32_t slots = (uint32_t)(keys + keys / 2 + 64);
    for (size_t i = 0; i < b->n; i++)
        bytes += b->e[i].len;
    if (bytes >= SYN_MAX_PAIRS)
        return DYAD_ELIMIT;
    char *mem = core_calloc(b->a, 1, slots * sizeof(syn_wentry) + bytes + 1);
    if (!mem)
        return DYAD_ENOMEM;
    syn_wentry *table = (syn_wentry *)mem;
    char *str = mem + slots * sizeof(syn_wentry);
    uint32_t off = 0;
    for (size_t i = 0; i < b->n; i++) { /* walk entries in order: deterministic */
        uint32_t *p = slot_of(b, b->e[i].key);
        if (*p != i + 1)
            continue; /* not the head of its chain */
        const bentry *best = &b->e[i];
        for (uint32_t j = best->next; j; j = b->e[j - 1].next)
            if (b->e[j - 1].count > best->count)
                best = &b->e[j - 1];
        uint32_t k = syn_slot(best->key, slots);
        while (table[k].fp)
            k = k + 1 == slots ? 0 : k + 1;
        memcpy(str + off, b->str.data + best->off, best->len);
        table[k] = (syn_wentry){ syn_fp(best->key), off << 8 | best->len };
        off += best->len;
    }
    *out = (syn_lemmas){ slots, table, str, off, mem };
    return DYAD_OK;
}
