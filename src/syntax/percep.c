/*
 * percep.c — the averaged perceptron shared by the tagger and the parser.
 *
 * Training uses dense rows (one float weight per class) found through an
 * open-addressing table keyed by 64-bit feature keys.  Averaging uses the
 * "w - u/t" trick: every update of d at clock t also adds t*d to u, so the
 * average over all steps is w - u/T without per-weight timestamps.
 *
 * A trained table is compiled into syn_weights: the same kind of hash
 * table, but each key points to a run of only its non-negligible (class,
 * weight) pairs.  That sparse form is what model files hold and what the
 * hot path reads in place from the mapped file.
 */
#include "syntax/syntax.h"

#include <math.h>
#include <string.h>

#define PERCEP_INITIAL_SLOTS 4096u

struct syn_percep {
    const dyad_allocator *a;
    uint32_t nclass;
    uint64_t *keys;   /* slots; 0 = empty */
    uint32_t *row_of; /* slot -> row */
    size_t slots;     /* power of two */
    size_t rows, rows_cap;
    uint64_t *row_key; /* row -> key, in insertion order */
    float *w;          /* rows x nclass */
    double *u;         /* rows x nclass: sum of t * delta */
    uint64_t clock;
};

dyad_status syn_percep_new(const dyad_allocator *a, uint32_t nclass, syn_percep **out)
{
    a = core_allocator(a);
    syn_percep *p = core_calloc(a, 1, sizeof *p);
    if (!p)
        return DYAD_ENOMEM;
    p->a = a;
    p->nclass = nclass;
    p->slots = PERCEP_INITIAL_SLOTS;
    p->keys = core_calloc(a, p->slots, sizeof *p->keys);
    p->row_of = core_calloc(a, p->slots, sizeof *p->row_of);
    p->clock = 1;
    if (!p->keys || !p->row_of) {
        syn_percep_free(p);
        return DYAD_ENOMEM;
    }
    *out = p;
    return DYAD_OK;
}

void syn_percep_free(syn_percep *p)
{
    if (!p)
        return;
    core_free(p->a, p->keys);
    core_free(p->a, p->row_of);
    core_free(p->a, p->row_key);
    core_free(p->a, p->w);
    core_free(p->a, p->u);
    core_free(p->a, p);
}

size_t syn_percep_rows(const syn_percep *p)
{
    return p->rows;
}

static long find_row(const syn_percep *p, uint64_t key)
{
    size_t mask = p->slots - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
        if (p->keys[i] == key)
            return p->row_of[i];
        if (p->keys[i] == 0)
            return -1;
    }
}

static dyad_status rehash(syn_percep *p)
{
    size_t slots = p->slots * 2;
    uint64_t *keys = core_calloc(p->a, slots, sizeof *keys);
    uint32_t *row_of = core_calloc(p->a, slots, sizeof *row_of);
    if (!keys || !row_of) {
        core_free(p->a, keys);
        core_free(p->a, row_of);
        return DYAD_ENOMEM;
    }
    for (size_t r = 0; r < p->rows; r++) {
        size_t i = p->row_key[r] & (slots - 1);
        while (keys[i])
            i = (i + 1) & (slots - 1);
        keys[i] = p->row_key[r];
        row_of[i] = (uint32_t)r;
    }
    core_free(p->a, p->keys);
    core_free(p->a, p->row_of);
    p->keys = keys;
    p->row_of = row_of;
    p->slots = slots;
    return DYAD_OK;
}

static dyad_status grow_rows(syn_percep *p)
{
    size_t cap = p->rows_cap ? p->rows_cap * 2 : 4096;
    uint64_t *rk = core_realloc(p->a, p->row_key, cap * sizeof *rk);
    if (!rk)
        return DYAD_ENOMEM;
    p->row_key = rk;
    float *w = core_realloc(p->a, p->w, cap * p->nclass * sizeof *w);
    if (!w)
        return DYAD_ENOMEM;
    p->w = w;
    double *u = core_realloc(p->a, p->u, cap * p->nclass * sizeof *u);
    if (!u)
        return DYAD_ENOMEM;
    p->u = u;
    p->rows_cap = cap;
    return DYAD_OK;
}

/* Finds or adds the row of key; -1 on allocation failure. */
static long add_row(syn_percep *p, uint64_t key)
{
    long r = find_row(p, key);
    if (r >= 0)
        return r;
    if ((p->rows + 1) * 2 > p->slots && rehash(p) != DYAD_OK)
        return -1;
    if (p->rows == p->rows_cap && grow_rows(p) != DYAD_OK)
        return -1;
    size_t mask = p->slots - 1, i = key & mask;
    while (p->keys[i])
        i = (i + 1) & mask;
    p->keys[i] = key;
    p->row_of[i] = (uint32_t)p->rows;
    p->row_key[p->rows] = key;
    memset(p->w + p->rows * p->nclass, 0, p->nclass * sizeof *p->w);
    memset(p->u + p->rows * p->nclass, 0, p->nclass * sizeof *p->u);
    return (long)p->rows++;
}

void syn_percep_score(const syn_percep *p, const uint64_t *keys, size_t n, float *scores)
{
    memset(scores, 0, p->nclass * sizeof *scores);
    for (size_t k = 0; k < n; k++) {
        long r = find_row(p, keys[k]);
        if (r < 0)
            continue;
        const float *w = p->w + (size_t)r * p->nclass;
        for (uint32_t c = 0; c < p->nclass; c++)
            scores[c] += w[c];
    }
}

dyad_status syn_percep_update(syn_percep *p, const uint64_t *keys, size_t n, uint32_t good,
                              uint32_t bad)
{
    if (good == bad)
        return DYAD_OK;
    double t = (double)p->clock;
    for (size_t k = 0; k < n; k++) {
        long r = add_row(p, keys[k]);
        if (r < 0)
            return DYAD_ENOMEM;
        size_t base = (size_t)r * p->nclass;
        p->w[base + good] += 1.0f;
        p->u[base + good] += t;
        p->w[base + bad] -= 1.0f;
        p->u[base + bad] -= t;
    }
    return DYAD_OK;
}

void syn_percep_tick(syn_percep *p)
{
    p->clock++;
}

/* Averaged weight of (row, class). */
static float averaged(const syn_percep *p, size_t r, uint32_t c)
{
    size_t i = r * p->nclass + c;
    return (float)((double)p->w[i] - p->u[i] / (double)p->clock);
}

/* Table size for kept keys: load factor 0.8 (linear probing stays short
 * and the model file small). */
static uint32_t table_slots(size_t kept)
{
    size_t slots = kept + kept / 4 + 64;
    return (uint32_t)slots;
}

dyad_status syn_percep_compile(const syn_percep *p, float prune, syn_weights *out)
{
    memset(out, 0, sizeof *out);
    size_t kept = 0, pairs = 0;
    for (size_t r = 0; r < p->rows; r++) {
        size_t before = pairs;
        for (uint32_t c = 0; c < p->nclass; c++)
            if (fabsf(averaged(p, r, c)) >= prune)
                pairs++;
        kept += pairs > before;
    }
    if (pairs >= SYN_MAX_PAIRS || p->nclass > 255)
        return DYAD_ELIMIT;
    float maxw = 0;
    for (size_t i = 0; i < p->rows * p->nclass; i++) {
        float v = fabsf(averaged(p, i / p->nclass, (uint32_t)(i % p->nclass)));
        if (v > maxw)
            maxw = v;
    }
    float scale = maxw > 0 ? 32000.0f / maxw : 1.0f;
    uint32_t slots = table_slots(kept);
    /* One block: table, weights, classes (aligned in that order). */
    size_t bytes = slots * sizeof(syn_wentry) + pairs * sizeof(int16_t) + pairs + 8;
    char *mem = core_calloc(p->a, 1, bytes);
    if (!mem)
        return DYAD_ENOMEM;
    syn_wentry *table = (syn_wentry *)mem;
    int16_t *w = (int16_t *)(mem + slots * sizeof(syn_wentry));
    uint8_t *cls = (uint8_t *)(w + pairs);
    uint32_t off = 0;
    for (size_t r = 0; r < p->rows; r++) {
        uint32_t start = off;
        for (uint32_t c = 0; c < p->nclass; c++) {
            float v = averaged(p, r, c);
            if (fabsf(v) >= prune) {
                w[off] = (int16_t)lrintf(v * scale);
                cls[off++] = (uint8_t)c;
            }
        }
        if (off == start)
            continue;
        uint32_t i = syn_slot(p->row_key[r], slots);
        while (table[i].fp)
            i = i + 1 == slots ? 0 : i + 1;
        table[i] = (syn_wentry){ syn_fp(p->row_key[r]), start << 8 | (off - start) };
    }
    *out = (syn_weights){ p->nclass, slots, table, cls, w, pairs, mem };
    return DYAD_OK;
}

/* Adds the run of one slot into acc. */
static inline void add_run(const syn_weights *w, uint32_t ref, int32_t *acc)
{
    const int16_t *v = w->w + (ref >> 8);
    const uint8_t *c = w->cls + (ref >> 8);
    for (uint32_t j = 0, n = ref & 0xffu; j < n; j++)
        acc[c[j]] += v[j];
}

void syn_weights_score(const syn_weights *w, const uint64_t *keys, size_t n, float *scores)
{
    /* The weights are integers and a decision sums at most SYN_MAX_FEATS
     * of them (|sum| < 96 * 32768 < 2^24), so int32 sums converted once
     * are exactly the float sums the classes were trained to compare, in
     * any order, and cost no int-to-float conversion per pair. */
    int32_t acc[SYN_MAX_CLASSES];
    uint32_t nclass = w->nclass < SYN_MAX_CLASSES ? w->nclass : SYN_MAX_CLASSES;
    memset(acc, 0, nclass * sizeof *acc);
    uint32_t slot[SYN_MAX_FEATS], ref[SYN_MAX_FEATS];
    size_t found = 0;
    if (!w->slots)
        n = 0;
    if (n > SYN_MAX_FEATS)
        n = SYN_MAX_FEATS;
    /* Three phases so that the cache misses of all keys overlap instead of
     * queueing behind each other: touch every slot, resolve the slots and
     * touch every run, then add the runs. */
    for (size_t k = 0; k < n; k++) {
        slot[k] = syn_slot(keys[k], w->slots);
        __builtin_prefetch(&w->table[slot[k]]);
    }
    for (size_t k = 0; k < n; k++) {
        uint32_t fp = syn_fp(keys[k]);
        for (uint32_t i = slot[k];; i = i + 1 == w->slots ? 0 : i + 1) {
            const syn_wentry *e = &w->table[i];
            if (e->fp == fp) {
                ref[found++] = e->ref;
                __builtin_prefetch(w->w + (e->ref >> 8));
                __builtin_prefetch(w->cls + (e->ref >> 8));
                break;
            }
            if (e->fp == 0)
                break;
        }
    }
    for (size_t k = 0; k < found; k++)
        add_run(w, ref[k], acc);
    for (uint32_t c = 0; c < nclass; c++)
        scores[c] = (float)acc[c];
}

void syn_weights_free(syn_weights *w, const dyad_allocator *a)
{
    if (!w)
        return;
    core_free(core_allocator(a), w->owned);
    memset(w, 0, sizeof *w);
}

uint32_t syn_argmax(const float *scores, const uint8_t *allowed, uint32_t n)
{
    uint32_t best = UINT32_MAX;
    for (uint32_t c = 0; c < n; c++) {
        if (allowed && !allowed[c])
            continue;
        if (best == UINT32_MAX || scores[c] > scores[best])
            best = c;
    }
    return best == UINT32_MAX ? 0 : best;
}
