/*
 * cluster.c — distributional word clusters from unlabelled text (issue 4:
 * "word clusters you may learn from the unlabelled text"), used as parser
 * and labeller features so that words the treebank saw rarely or never
 * behave like the words they are used like in news and press releases.
 *
 * Each of the CLUSTER_VOCAB most frequent words is described by how often
 * each of the CLUSTER_CONTEXTS most frequent tokens (words, digits,
 * punctuation) stands immediately left and right of it.  Rows are square-
 * rooted and scaled to unit length, then spherical k-means groups them
 * twice: into CLUSTER_FINE clusters and, independently, into CLUSTER_COARSE
 * ones (two granularities, as prefixes of Brown clusters give).  Seeds are
 * words at evenly spaced frequency ranks, so the result is deterministic.
 *
 * Clusters are stored in the capitalization table (capdict.c), which is
 * already keyed by the lower-cased word: ref bits 8..15 hold the fine
 * cluster and bits 16..23 the coarse one (0 = no cluster).  Only words that
 * table holds get a cluster.
 */
#include "syntax/syntax.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CLUSTER_VOCAB 20000u   /* words that get a cluster, by frequency */
#define CLUSTER_CONTEXTS 250u  /* context tokens on each side, by frequency */
#define CLUSTER_MIN_COUNT 10u  /* rarer words get no cluster */
#define CLUSTER_ITERATIONS 12  /* k-means rounds */
#define CLUSTER_DOC_TOKENS 200000u /* tokens of one document looked at */
#define TOKEN_BYTES_CAP 64u

typedef struct ccount {
    uint64_t key; /* 0 = empty */
    uint64_t n;
    int32_t target, context; /* row / column index or -1 */
} ccount;

typedef struct ctable {
    ccount *e;
    size_t slots, n;
} ctable;

static ccount *cslot(ctable *t, uint64_t key)
{
    size_t mask = t->slots - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask)
        if (t->e[i].key == key || t->e[i].key == 0)
            return &t->e[i];
}

static dyad_status cgrow(ctable *t, const dyad_allocator *a)
{
    ctable g = { core_calloc(a, t->slots * 2, sizeof(ccount)), t->slots * 2, t->n };
    if (!g.e)
        return DYAD_ENOMEM;
    for (size_t i = 0; i < t->slots; i++)
        if (t->e[i].key)
            *cslot(&g, t->e[i].key) = t->e[i];
    core_free(a, t->e);
    *t = g;
    return DYAD_OK;
}

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Splits text into token ids: letter runs (the syn_word.lower id, as the
 * capitalization table uses), digit runs (one id) and single other
 * non-space bytes.  Returns the count (at most cap). */
static size_t tokenize(const char *s, size_t len, uint64_t *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < cap;) {
        unsigned char c = (unsigned char)s[i];
        size_t b = i;
        if (is_letter(c)) {
            while (i < len && is_letter((unsigned char)s[i]))
                i++;
            syn_word w;
            syn_word_init(&w, s + b, i - b < TOKEN_BYTES_CAP ? i - b : TOKEN_BYTES_CAP);
            out[n++] = w.lower;
        } else if (c >= '0' && c <= '9') {
            while (i < len && s[i] >= '0' && s[i] <= '9')
                i++;
            out[n++] = 0x646967697473ull; /* "digits" */
        } else {
            i++;
            if (c > ' ' && c < 0x80)
                out[n++] = 0x70756e6300ull | c;
        }
    }
    return n;
}

typedef struct cluster_data {
    const dyad_allocator *a;
    ctable t;
    uint64_t *toks;
    uint32_t nrows, dim;
    uint32_t *dense; /* nrows x dim counts */
    /* Sparse unit rows: row r is idx/val[start[r] .. start[r+1]). */
    uint32_t *start, *idx;
    float *val;
} cluster_data;

/* Runs fn over the token ids of every document of every file. */
static dyad_status for_each_doc(cluster_data *d, const char *const *paths, size_t n,
                                dyad_status (*fn)(cluster_data *, size_t), dyad_error *err)
{
    dyad_status st = DYAD_OK;
    for (size_t p = 0; st == DYAD_OK && p < n; p++) {
        dyad_reader *r;
        if ((st = dyad_reader_open(paths[p], NULL, &r, err)) != DYAD_OK)
            break;
        const dyad_doc *doc;
        while ((st = dyad_reader_next(r, &doc)) == DYAD_OK && doc) {
            size_t k = tokenize(doc->text.ptr, doc->text.len, d->toks, CLUSTER_DOC_TOKENS);
            if ((st = fn(d, k)) != DYAD_OK)
                break;
        }
        dyad_reader_close(r);
        if (st != DYAD_OK && err && err->code == DYAD_OK)
            error_set(err, st, paths[p], 0, "%s", dyad_status_str(st));
    }
    return st;
}

static dyad_status count_doc(cluster_data *d, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if ((d->t.n + 1) * 2 > d->t.slots && cgrow(&d->t, d->a) != DYAD_OK)
            return DYAD_ENOMEM;
        ccount *e = cslot(&d->t, d->toks[i]);
        if (!e->key) {
            *e = (ccount){ d->toks[i], 0, -1, -1 };
            d->t.n++;
        }
        e->n++;
    }
    return DYAD_OK;
}

static int by_count(const void *pa, const void *pb)
{
    const ccount *a = *(const ccount *const *)pa, *b = *(const ccount *const *)pb;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return a->key < b->key ? -1 : a->key > b->key;
}

/* Numbers the most frequent tokens as contexts and the most frequent
 * words of the capitalization table as rows (frequency order). */
static dyad_status choose_vocabulary(cluster_data *d, const syn_tagdict *cap)
{
    ccount **order = core_calloc(d->a, d->t.n + 1, sizeof *order);
    if (!order)
        return DYAD_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < d->t.slots; i++)
        if (d->t.e[i].key)
            order[k++] = &d->t.e[i];
    qsort(order, k, sizeof *order, by_count);
    uint32_t ctx = 0, rows = 0;
    for (size_t i = 0; i < k; i++) {
        if (ctx < CLUSTER_CONTEXTS)
            order[i]->context = (int32_t)ctx++;
        if (rows < CLUSTER_VOCAB && order[i]->n >= CLUSTER_MIN_COUNT) {
            syn_word w = { 0 };
            w.lower = order[i]->key;
            syn_capdict_apply(cap, &w, 1);
            if (w.cap)
                order[i]->target = (int32_t)rows++;
        }
    }
    core_free(d->a, order);
    d->nrows = rows;
    d->dim = 2 * (CLUSTER_CONTEXTS + 1);
    d->dense = core_calloc(d->a, (size_t)rows * d->dim, sizeof *d->dense);
    return d->dense ? DYAD_OK : DYAD_ENOMEM;
}

/* Column of the token at i as a left (side 0) or right (1) context. */
static uint32_t context_col(cluster_data *d, size_t k, size_t i, long off)
{
    long j = (long)i + off;
    uint32_t side = off < 0 ? 0 : CLUSTER_CONTEXTS + 1;
    if (j < 0 || j >= (long)k)
        return side + CLUSTER_CONTEXTS; /* document edge: the "other" column */
    const ccount *e = cslot(&d->t, d->toks[j]);
    return side + (e->context >= 0 ? (uint32_t)e->context : CLUSTER_CONTEXTS);
}

static dyad_status context_doc(cluster_data *d, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        const ccount *e = cslot(&d->t, d->toks[i]);
        if (e->target < 0)
            continue;
        uint32_t *row = d->dense + (size_t)e->target * d->dim;
        row[context_col(d, k, i, -1)]++;
        row[context_col(d, k, i, 1)]++;
    }
    return DYAD_OK;
}

/* Dense counts -> sparse unit rows of square roots. */
static dyad_status make_rows(cluster_data *d)
{
    size_t nnz = 0;
    for (size_t i = 0; i < (size_t)d->nrows * d->dim; i++)
        nnz += d->dense[i] != 0;
    d->start = core_calloc(d->a, d->nrows + 1, sizeof *d->start);
    d->idx = core_calloc(d->a, nnz + 1, sizeof *d->idx);
    d->val = core_calloc(d->a, nnz + 1, sizeof *d->val);
    if (!d->start || !d->idx || !d->val)
        return DYAD_ENOMEM;
    size_t m = 0;
    for (uint32_t r = 0; r < d->nrows; r++) {
        const uint32_t *row = d->dense + (size_t)r * d->dim;
        double norm = 0;
        for (uint32_t c = 0; c < d->dim; c++)
            norm += row[c];
        norm = norm > 0 ? sqrt(norm) : 1; /* the sum of squares of square roots */
        d->start[r] = (uint32_t)m;
        for (uint32_t c = 0; c < d->dim; c++) {
            if (row[c]) {
                d->idx[m] = c;
                d->val[m++] = (float)(sqrt((double)row[c]) / norm);
            }
        }
    }
    d->start[d->nrows] = (uint32_t)m;
    return DYAD_OK;
}

static float row_dot(const cluster_data *d, uint32_t r, const float *centre)
{
    float s = 0;
    for (uint32_t j = d->start[r]; j < d->start[r + 1]; j++)
        s += d->val[j] * centre[d->idx[j]];
    return s;
}

/* Recomputes each centre as the normalized sum of its rows (an empty
 * cluster keeps its old centre). */
static void update_centres(const cluster_data *d, const uint8_t *assign, uint32_t k,
                           float *centres, double *sum)
{
    memset(sum, 0, (size_t)k * d->dim * sizeof *sum);
    for (uint32_t r = 0; r < d->nrows; r++)
        for (uint32_t j = d->start[r]; j < d->start[r + 1]; j++)
            sum[(size_t)assign[r] * d->dim + d->idx[j]] += d->val[j];
    for (uint32_t c = 0; c < k; c++) {
        double norm = 0, *s = sum + (size_t)c * d->dim;
        for (uint32_t x = 0; x < d->dim; x++)
            norm += s[x] * s[x];
        if (norm <= 0)
            continue;
        norm = sqrt(norm);
        for (uint32_t x = 0; x < d->dim; x++)
            centres[(size_t)c * d->dim + x] = (float)(s[x] / norm);
    }
}

/* Spherical k-means into k clusters (k <= 255): assign[r] in 0..k-1. */
static dyad_status kmeans(const cluster_data *d, uint32_t k, uint8_t *assign)
{
    float *centres = core_calloc(d->a, (size_t)k * d->dim, sizeof *centres);
    double *sum = core_calloc(d->a, (size_t)k * d->dim, sizeof *sum);
    if (!centres || !sum) {
        core_free(d->a, centres);
        core_free(d->a, sum);
        return DYAD_ENOMEM;
    }
    for (uint32_t c = 0; c < k; c++) { /* seeds: evenly spaced frequency ranks */
        uint32_t r = (uint32_t)((uint64_t)c * d->nrows / k);
        for (uint32_t j = d->start[r]; j < d->start[r + 1]; j++)
            centres[(size_t)c * d->dim + d->idx[j]] = d->val[j];
    }
    for (int it = 0; it < CLUSTER_ITERATIONS; it++) {
        for (uint32_t r = 0; r < d->nrows; r++) {
            float best = -1;
            for (uint32_t c = 0; c < k; c++) {
                float s = row_dot(d, r, centres + (size_t)c * d->dim);
                if (s > best) {
                    best = s;
                    assign[r] = (uint8_t)c;
                }
            }
        }
        update_centres(d, assign, k, centres, sum);
    }
    core_free(d->a, centres);
    core_free(d->a, sum);
    return DYAD_OK;
}

/* Writes the clusters into the refs of the capitalization table. */
static void store_clusters(const cluster_data *d, syn_tagdict *cap, const uint8_t *fine,
                           const uint8_t *coarse)
{
    syn_wentry *table = cap->owned;
    for (size_t i = 0; i < d->t.slots; i++) {
        const ccount *e = &d->t.e[i];
        if (!e->key || e->target < 0)
            continue;
        uint32_t fp = syn_fp(e->key);
        for (uint32_t s = syn_slot(e->key, cap->slots);; s = s + 1 == cap->slots ? 0 : s + 1) {
            if (table[s].fp == fp) {
                table[s].ref = (table[s].ref & 0xffu) | (uint32_t)(fine[e->target] + 1) << 8 |
                               (uint32_t)(coarse[e->target] + 1) << 16;
                break;
            }
            if (table[s].fp == 0)
                break;
        }
    }
}

static void cluster_free(cluster_data *d)
{
    core_free(d->a, d->t.e);
    core_free(d->a, d->toks);
    core_free(d->a, d->dense);
    core_free(d->a, d->start);
    core_free(d->a, d->idx);
    core_free(d->a, d->val);
}

dyad_status syn_cluster_build(const char *const *paths, size_t n, syn_tagdict *cap,
                              dyad_error *err)
{
    if (!cap->owned || !cap->slots)
        return DYAD_OK;
    cluster_data d = { .a = core_allocator(NULL) };
    d.t = (ctable){ core_calloc(d.a, 1u << 16, sizeof(ccount)), 1u << 16, 0 };
    d.toks = core_calloc(d.a, CLUSTER_DOC_TOKENS, sizeof *d.toks);
    dyad_status st = d.t.e && d.toks ? DYAD_OK : DYAD_ENOMEM;
    if (st == DYAD_OK)
        st = for_each_doc(&d, paths, n, count_doc, err);
    if (st == DYAD_OK)
        st = choose_vocabulary(&d, cap);
    if (st == DYAD_OK)
        st = for_each_doc(&d, paths, n, context_doc, err);
    if (st == DYAD_OK)
        st = make_rows(&d);
    uint8_t *fine = NULL, *coarse = NULL;
    if (st == DYAD_OK) {
        fine = core_calloc(d.a, d.nrows + 1, 1);
        coarse = core_calloc(d.a, d.nrows + 1, 1);
        st = fine && coarse ? DYAD_OK : DYAD_ENOMEM;
    }
    if (st == DYAD_OK && d.nrows >= SYN_CLUSTERS_FINE)
        st = kmeans(&d, SYN_CLUSTERS_FINE, fine);
    if (st == DYAD_OK && d.nrows >= SYN_CLUSTERS_FINE)
        st = kmeans(&d, SYN_CLUSTERS_COARSE, coarse);
    if (st == DYAD_OK && d.nrows >= SYN_CLUSTERS_FINE)
        store_clusters(&d, cap, fine, coarse);
    if (st != DYAD_OK && err && err->code == DYAD_OK)
        error_set(err, st, NULL, 0, "word clusters: %s", dyad_status_str(st));
    core_free(d.a, fine);
    core_free(d.a, coarse);
    cluster_free(&d);
    return st;
}
