/*
 * percep.c — the averaged perceptron shared by the tagger and the parser.
 *
 * Training uses dense rows (one float weight per class) found through an
 * open-addressing table keyed by 64-bit feature keys.  Averaging uses the
 * "w - u/t" trick: every update of d at clock t also adds t*d to u, so the
 * average over all steps is w - u/T without per-weight timestamps.
 *
 * A trained table is compiled into syn_weights: a bucketed hash table
 * whose keys point to either a run of only their non-negligible (class,
 * weight) pairs or, when most classes have a weight, a dense row.  That
 * form is what model files hold and what the hot path reads in place
 * from the mapped file.
 */
#include "syntax/syntax.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

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

/* Runs at least this long are stored as dense rows: adding a row of
 * stride weights with vector instructions costs less than adding the
 * pairs one by one, in a loop that ends where the processor cannot
 * predict it.  Two for the parser's three transitions (9 classes); eight
 * for the labeller's 102 classes and three for the taggers' 49 and the
 * UPOS pass's 34 (model format 12; until format 11 a quarter of the
 * classes everywhere).  Measured with the same weights written each way,
 * builds in turn on the White House corpus: labeller from 8 pairs, tag +
 * parse +8% to +14%; taggers from 8, 5 and 3 pairs, tag + lemma +3%, +10%
 * and +16% (the file 58 MB at format 11, 63 MB with the labeller's rows,
 * 81 MB with the taggers' from 3 pairs, where we stopped). */
static uint32_t dense_min(uint32_t nclass)
{
    if (nclass > 64)
        return 8;
    if (nclass > 32)
        return 3;
    return nclass / 4 < 2 ? 2 : nclass / 4;
}

/* Buckets for kept keys: three quarters full, so that nearly every lookup
 * ends in its first bucket (a bucket with an empty slot ends a search). */
static uint32_t table_buckets(size_t kept)
{
    return (uint32_t)(kept / 6 + 1);
}

static void place(syn_wbucket *table, uint32_t buckets, uint64_t key, uint32_t ref)
{
    for (uint32_t b = syn_slot(key, buckets);; b = b + 1 == buckets ? 0 : b + 1)
        for (uint32_t i = 0; i < SYN_BUCKET_SLOTS; i++)
            if (!table[b].fp[i]) {
                table[b].fp[i] = syn_fp(key);
                table[b].ref[i] = ref;
                return;
            }
}

dyad_status syn_percep_compile(const syn_percep *p, float prune, syn_weights *out)
{
    memset(out, 0, sizeof *out);
    uint32_t nclass = p->nclass, stride = syn_stride(nclass), dmin = dense_min(nclass);
    size_t kept = 0, pairs = 0, ndense = 0;
    for (size_t r = 0; r < p->rows; r++) {
        uint32_t n = 0;
        for (uint32_t c = 0; c < nclass; c++)
            n += fabsf(averaged(p, r, c)) >= prune;
        kept += n > 0;
        if (n >= dmin)
            ndense++;
        else
            pairs += n;
    }
    if (pairs >= SYN_MAX_PAIRS || ndense >= SYN_MAX_PAIRS || nclass > SYN_MAX_CLASSES)
        return DYAD_ELIMIT;
    float maxw = 0;
    for (size_t i = 0; i < p->rows * nclass; i++) {
        float v = fabsf(averaged(p, i / nclass, (uint32_t)(i % nclass)));
        if (v > maxw)
            maxw = v;
    }
    float scale = maxw > 0 ? 32000.0f / maxw : 1.0f;
    uint32_t buckets = table_buckets(kept);
    /* One block: buckets, dense rows, sparse weights, their classes. */
    size_t tb = (size_t)buckets * sizeof(syn_wbucket), db = ndense * stride * sizeof(int16_t);
    char *mem = core_calloc(p->a, 1, tb + db + pairs * sizeof(int16_t) + pairs + 8);
    if (!mem)
        return DYAD_ENOMEM;
    syn_wbucket *table = (syn_wbucket *)mem;
    int16_t *dense = (int16_t *)(mem + tb);
    int16_t *w = dense + ndense * stride;
    uint8_t *cls = (uint8_t *)(w + pairs);
    uint32_t off = 0, row = 0;
    for (size_t r = 0; r < p->rows; r++) {
        uint32_t n = 0;
        for (uint32_t c = 0; c < nclass; c++)
            n += fabsf(averaged(p, r, c)) >= prune;
        if (n == 0)
            continue;
        if (n >= dmin) {
            for (uint32_t c = 0; c < nclass; c++) {
                float v = averaged(p, r, c);
                if (fabsf(v) >= prune)
                    dense[(size_t)row * stride + c] = (int16_t)lrintf(v * scale);
            }
            place(table, buckets, p->row_key[r], row++ << 8);
            continue;
        }
        uint32_t start = off;
        for (uint32_t c = 0; c < nclass; c++) {
            float v = averaged(p, r, c);
            if (fabsf(v) >= prune) {
                w[off] = (int16_t)lrintf(v * scale);
                cls[off++] = (uint8_t)c;
            }
        }
        place(table, buckets, p->row_key[r], start << 8 | n);
    }
    *out = (syn_weights){ .nclass = nclass, .buckets = buckets, .table = table, .cls = cls,
                          .w = w, .dense = dense, .npairs = pairs, .ndense = (uint32_t)ndense,
                          .stride = stride, .owned = mem };
    return DYAD_OK;
}

/* Looks fp up in bucket b: true with *ref when it is there; otherwise
 * *more tells whether the bucket is full, i.e. whether the search goes on
 * in the next bucket (slots fill in order and are never emptied). */
static inline bool bucket_find(const syn_wbucket *b, uint32_t fp, uint32_t *ref, bool *more)
{
#if defined(__SSE2__)
    __m128i f = _mm_set1_epi32((int)fp);
    __m128i lo = _mm_loadu_si128((const __m128i *)b->fp);
    __m128i hi = _mm_loadu_si128((const __m128i *)(b->fp + 4));
    unsigned hit = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(lo, f))) |
                   (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(hi, f))) << 4;
    if (hit) {
        *ref = b->ref[__builtin_ctz(hit)];
        return true;
    }
    *more = b->fp[SYN_BUCKET_SLOTS - 1] != 0;
    return false;
#else
    for (uint32_t i = 0; i < SYN_BUCKET_SLOTS; i++) {
        if (b->fp[i] == fp) {
            *ref = b->ref[i];
            return true;
        }
        if (!b->fp[i]) {
            *more = false;
            return false;
        }
    }
    *more = true;
    return false;
#endif
}
/* Adds n dense rows of stride weights (int16) into acc (int32), eight
 * classes at a time: with AVX2 where the processor has it, else SSE2,
 * else plain C.  Integer sums, so every path gives the same result. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2"))) static void add_rows_avx2(int32_t *acc, const int16_t *const *rows,
                                                          size_t n, uint32_t stride)
{
    for (uint32_t g = 0; g < stride; g += 8) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(acc + g));
        for (size_t r = 0; r < n; r++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(rows[r] + g));
            a = _mm256_add_epi32(a, _mm256_cvtepi16_epi32(v));
        }
        _mm256_storeu_si256((__m256i *)(acc + g), a);
    }
}
#define HAVE_AVX2_PATH 1

/* Sixteen classes at a time: the taggers' rows (stride 64) take four
 * steps instead of eight, the labeller's (104) seven instead of thirteen,
 * the dense adds being a tenth of all syntax instructions.  A stride that
 * is not a multiple of 16 ends with eight classes the AVX2 way. */
__attribute__((target("avx2,avx512f,avx512bw,avx512vl"))) static void
add_rows_avx512(int32_t *acc, const int16_t *const *rows, size_t n, uint32_t stride)
{
    uint32_t g = 0;
    for (; g + 16 <= stride; g += 16) {
        __m512i a = _mm512_loadu_si512((const void *)(acc + g));
        for (size_t r = 0; r < n; r++) {
            __m256i v = _mm256_loadu_si256((const __m256i *)(rows[r] + g));
            a = _mm512_add_epi32(a, _mm512_cvtepi16_epi32(v));
        }
        _mm512_storeu_si512((void *)(acc + g), a);
    }
    if (g < stride) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(acc + g));
        for (size_t r = 0; r < n; r++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(rows[r] + g));
            a = _mm256_add_epi32(a, _mm256_cvtepi16_epi32(v));
        }
        _mm256_storeu_si256((__m256i *)(acc + g), a);
    }
}
#endif

/* 3: AVX-512 if present, 2: at most AVX2, 1: at most SSE2, 0: plain C */
static int simd_cap = 3;

void syn_weights_simd_cap(int level)
{
    simd_cap = level;
}

static void add_rows(int32_t *acc, const int16_t *const *rows, size_t n, uint32_t stride)
{
#ifdef HAVE_AVX2_PATH
    if (simd_cap >= 2 && __builtin_cpu_supports("avx2")) {
        add_rows_avx2(acc, rows, n, stride);
        return;
    }
#endif
#if defined(__SSE2__)
    if (simd_cap >= 1) {
        for (uint32_t g = 0; g < stride; g += 8) {
            __m128i lo = _mm_loadu_si128((const __m128i *)(acc + g));
            __m128i hi = _mm_loadu_si128((const __m128i *)(acc + g + 4));
            for (size_t r = 0; r < n; r++) {
                __m128i v = _mm_loadu_si128((const __m128i *)(rows[r] + g));
                /* Sign-extend: each int16 lands in the high half of an
                 * int32, and the arithmetic shift brings it down. */
                lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16));
                hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16));
            }
            _mm_storeu_si128((__m128i *)(acc + g), lo);
            _mm_storeu_si128((__m128i *)(acc + g + 4), hi);
        }
        return;
    }
#endif
    for (size_t r = 0; r < n; r++)
        for (uint32_t c = 0; c < stride; c++)
            acc[c] += rows[r][c];
}

bool syn_staged_first(const syn_weights *w, const uint64_t *keys, size_t n, int32_t margin,
                      int32_t *scores, uint16_t *best)
{
    uint32_t nc = w->nclass / 2;
    syn_weights_score_int(w, keys, n, scores);
    uint32_t b = syn_argmax_int(scores + nc, nc);
    *best = (uint16_t)b;
    return syn_leads_by(scores + nc, nc, b, margin);
}

uint16_t syn_staged_rest(const syn_weights *w, const uint64_t *keys, size_t n, int32_t *scores)
{
    int32_t more[SYN_SCORE_SLOTS];
    syn_weights_score_int(w, keys, n, more);
    syn_scores_add(scores, more, syn_stride(w->nclass));
    return (uint16_t)syn_argmax_int(scores, w->nclass / 2);
}

void syn_scores_add(int32_t *acc, const int32_t *part, uint32_t stride)
{
#if defined(__SSE2__)
    for (uint32_t g = 0; g < stride; g += 4) {
        __m128i a = _mm_loadu_si128((const __m128i *)(acc + g));
        __m128i p = _mm_loadu_si128((const __m128i *)(part + g));
        _mm_storeu_si128((__m128i *)(acc + g), _mm_add_epi32(a, p));
    }
#else
    for (uint32_t c = 0; c < stride; c++)
        acc[c] += part[c];
#endif
}

/* Adds a sparse run (ref = off << 8 | n) into acc. */
static inline void add_run(const syn_weights *w, uint32_t ref, int32_t *acc)
{
    const int16_t *v = w->w + (ref >> 8);
    const uint8_t *c = w->cls + (ref >> 8);
    uint32_t n = ref & 0xffu;
    /* The first two pairs without a branch on the run's length: since
     * format 12 most runs have one or two, and which one the processor
     * cannot predict.  A run of one adds its pair and then 0 to it. */
    uint32_t two = n > 1;
    acc[c[0]] += v[0];
    acc[c[two]] += v[two] * (int32_t)two;
    for (uint32_t j = 2; j < n; j++)
        acc[c[j]] += v[j];
}

/* syn_weights_score_int's loop, compiled once per instruction set
 * (percep_score.h). */
#define SCORE_NAME score_sse2
#define SCORE_ATTR
#define SCORE_FIND bucket_find
#define SCORE_ADD_ROWS add_rows
#include "syntax/percep_score.h"
#undef SCORE_NAME
#undef SCORE_ATTR
#undef SCORE_FIND
#undef SCORE_ADD_ROWS

#ifdef HAVE_AVX2_PATH
/* bucket_find with one AVX-512 compare of the eight fingerprints. */
__attribute__((always_inline, target("avx2,avx512f,avx512bw,avx512vl"))) static inline bool
bucket_find_avx512(const syn_wbucket *b, uint32_t fp, uint32_t *ref, bool *more)
{
    __m256i fps = _mm256_loadu_si256((const __m256i *)b->fp);
    unsigned hit = _mm256_cmpeq_epi32_mask(fps, _mm256_set1_epi32((int)fp));
    if (hit) {
        *ref = b->ref[__builtin_ctz(hit)];
        return true;
    }
    *more = b->fp[SYN_BUCKET_SLOTS - 1] != 0;
    return false;
}

#define SCORE_NAME score_avx512
#define SCORE_ATTR __attribute__((target("avx2,avx512f,avx512bw,avx512vl")))
#define SCORE_FIND bucket_find_avx512
#define SCORE_ADD_ROWS add_rows_avx512
#include "syntax/percep_score.h"
#undef SCORE_NAME
#undef SCORE_ATTR
#undef SCORE_FIND
#undef SCORE_ADD_ROWS
#endif

/* The SSE2 loop adds its dense rows with add_rows (AVX2, SSE2 or plain C
 * by simd_cap and the processor); the AVX-512 loop with add_rows_avx512. */
void syn_weights_score_int(const syn_weights *w, const uint64_t *keys, size_t n, int32_t *acc)
{
#ifdef HAVE_AVX2_PATH
    if (simd_cap >= 3 && __builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")) {
        score_avx512(w, keys, n, acc);
        return;
    }
#endif
    score_sse2(w, keys, n, acc);
}

void syn_weights_free(syn_weights *w, const dyad_allocator *a)
{
    if (!w)
        return;
    core_free(core_allocator(a), w->owned);
    memset(w, 0, sizeof *w);
}

/* The tagger's 49 and the labeller's 51 classes made the scalar loops
 * below ~3% of all syntax instructions; eight classes at a time they
 * cost a fifth of that. */
#ifdef HAVE_AVX2_PATH
__attribute__((target("avx2"))) static uint32_t argmax_avx2(const int32_t *scores, uint32_t n)
{
    uint32_t full = n & ~7u;
    __m256i mx = _mm256_loadu_si256((const __m256i *)scores);
    for (uint32_t g = 8; g < full; g += 8)
        mx = _mm256_max_epi32(mx, _mm256_loadu_si256((const __m256i *)(scores + g)));
    __m128i m4 = _mm_max_epi32(_mm256_castsi256_si128(mx), _mm256_extracti128_si256(mx, 1));
    m4 = _mm_max_epi32(m4, _mm_shuffle_epi32(m4, _MM_SHUFFLE(1, 0, 3, 2)));
    m4 = _mm_max_epi32(m4, _mm_shuffle_epi32(m4, _MM_SHUFFLE(2, 3, 0, 1)));
    int32_t best = _mm_cvtsi128_si32(m4);
    for (uint32_t c = full; c < n; c++)
        best = scores[c] > best ? scores[c] : best;
    __m256i b = _mm256_set1_epi32(best);
    for (uint32_t g = 0; g < full; g += 8) {
        __m256i eq = _mm256_cmpeq_epi32(_mm256_loadu_si256((const __m256i *)(scores + g)), b);
        unsigned hit = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(eq));
        if (hit)
            return g + (uint32_t)__builtin_ctz(hit);
    }
    for (uint32_t c = full;; c++)
        if (scores[c] == best)
            return c;
}

__attribute__((target("avx2"))) static bool leads_by_avx2(const int32_t *scores, uint32_t n,
                                                         uint32_t best, int32_t margin)
{
    /* another class c spoils the lead when scores[c] > scores[best] - margin */
    int32_t bar = scores[best] - margin;
    uint32_t full = n & ~7u;
    __m256i b = _mm256_set1_epi32(bar);
    for (uint32_t g = 0; g < full; g += 8) {
        __m256i gt = _mm256_cmpgt_epi32(_mm256_loadu_si256((const __m256i *)(scores + g)), b);
        unsigned hit = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(gt));
        if (best >= g && best < g + 8)
            hit &= ~(1u << (best - g));
        if (hit)
            return false;
    }
    for (uint32_t c = full; c < n; c++)
        if (c != best && scores[c] > bar)
            return false;
    return true;
}
#endif

uint32_t syn_argmax_int(const int32_t *scores, uint32_t n)
{
#ifdef HAVE_AVX2_PATH
    if (n >= 8 && simd_cap >= 2 && __builtin_cpu_supports("avx2"))
        return argmax_avx2(scores, n);
#endif
    uint32_t best = 0;
    for (uint32_t c = 1; c < n; c++)
        if (scores[c] > scores[best])
            best = c;
    return best;
}

bool syn_leads_by(const int32_t *scores, uint32_t n, uint32_t best, int32_t margin)
{
#ifdef HAVE_AVX2_PATH
    if (n >= 8 && simd_cap >= 2 && __builtin_cpu_supports("avx2"))
        return leads_by_avx2(scores, n, best, margin);
#endif
    for (uint32_t c = 0; c < n; c++)
        if (c != best && scores[best] - scores[c] < margin)
            return false;
    return true;
}

/* ---- fingerprint tables (syn_wentry) ---- */

/* Linear probing one slot at a time from slot i until the fingerprint or
 * a free slot; also the end of the vector searches, which do not wrap. */
static const syn_wentry *probe_plain(const syn_wentry *t, uint32_t slots, uint32_t fp,
                                     uint32_t i)
{
    for (;; i = i + 1 == slots ? 0 : i + 1) {
        if (t[i].fp == fp)
            return &t[i];
        if (t[i].fp == 0)
            return NULL;
    }
}

#ifdef HAVE_AVX2_PATH
/* Tables a fifth free make long probe runs: on White House text a tag
 * dictionary lookup walked 8.2 slots and a capitalization lookup 7.8, each
 * a branch the processor could not predict.  The vector searches compare
 * the fingerprints (the even 32-bit lanes) of four or eight slots at once
 * and take the first lane that is either the fingerprint or free, as the
 * one-by-one walk would. */
__attribute__((target("avx2"))) static const syn_wentry *
probe_avx2(const syn_wentry *t, uint32_t slots, uint32_t fp, uint32_t i)
{
    const __m256i want = _mm256_set1_epi32((int)fp), zero = _mm256_setzero_si256();
    for (; i + 4 <= slots; i += 4) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(t + i));
        unsigned hit = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(v, want)));
        unsigned end = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(v, zero)));
        unsigned any = (hit | end) & 0x55u;
        if (any) {
            unsigned lane = (unsigned)__builtin_ctz(any);
            return (hit >> lane) & 1u ? t + i + lane / 2 : NULL;
        }
    }
    return probe_plain(t, slots, fp, i == slots ? 0 : i);
}

__attribute__((target("avx2,avx512f"))) static const syn_wentry *
probe_avx512(const syn_wentry *t, uint32_t slots, uint32_t fp, uint32_t i)
{
    const __m512i want = _mm512_set1_epi32((int)fp), zero = _mm512_setzero_si512();
    for (; i + 8 <= slots; i += 8) {
        __m512i v = _mm512_loadu_si512((const void *)(t + i));
        unsigned hit = _mm512_mask_cmpeq_epi32_mask(0x5555, v, want);
        unsigned any = hit | _mm512_mask_cmpeq_epi32_mask(0x5555, v, zero);
        if (any) {
            unsigned lane = (unsigned)__builtin_ctz(any);
            return (hit >> lane) & 1u ? t + i + lane / 2 : NULL;
        }
    }
    return probe_avx2(t, slots, fp, i == slots ? 0 : i);
}
#endif

const syn_wentry *syn_wentry_find(const syn_wentry *t, uint32_t slots, uint64_t key)
{
    if (!t || !slots)
        return NULL;
    uint32_t fp = syn_fp(key), i = syn_slot(key, slots);
#ifdef HAVE_AVX2_PATH
    if (simd_cap >= 3 && __builtin_cpu_supports("avx512f"))
        return probe_avx512(t, slots, fp, i);
    if (simd_cap >= 2 && __builtin_cpu_supports("avx2"))
        return probe_avx2(t, slots, fp, i);
#endif
    return probe_plain(t, slots, fp, i);
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
