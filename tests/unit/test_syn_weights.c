/*
 * test_syn_weights.c — the compiled perceptron weights (src/syntax/percep.c):
 * after training updates whose weights this test knows, the compiled table
 * gives every key back its quantized weights, whether stored as a dense
 * row or a sparse run; scoring many keys at once (buckets that overflow
 * into the next, absent keys, dense and sparse mixed) equals the sum of
 * scoring them one at a time, with AVX2, SSE2 or plain C; and compiling
 * is deterministic.  Run for the
 * parser's 3 classes, the tagger's ~50 and the largest inventory allowed.
 * The integer argmax and lead test used in decoding agree with their
 * plain definitions on every path.
 */
#include "test_util.h"

#include "syntax/syntax.h"

#include <math.h>

#define KEYS 3000u

/* A small deterministic generator (xorshift), so that runs repeat. */
static uint32_t next_random(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

typedef struct trained {
    uint32_t nclass;
    int *weight; /* KEYS x nclass: what the updates added */
    syn_percep *p;
} trained;

/* Key i gets 1 + i % 40 updates (good +1, bad -1): keys with many become
 * dense rows, keys with few sparse runs.  All at clock 1, then many ticks,
 * so that the averaged weight is weight * (1 - 1/clock) for every key. */
static void train(trained *t, uint32_t nclass)
{
    t->nclass = nclass;
    t->weight = calloc((size_t)KEYS * nclass, sizeof *t->weight);
    assert_non_null(t->weight);
    assert_int_equal(syn_percep_new(NULL, nclass, &t->p), DYAD_OK);
    uint32_t seed = 2463534242u;
    for (uint32_t i = 0; i < KEYS; i++) {
        uint64_t key = syn_key(1, i, 0, 0);
        for (uint32_t j = 0; j <= i % 40; j++) {
            uint32_t good = next_random(&seed) % nclass, bad = next_random(&seed) % nclass;
            assert_int_equal(syn_percep_update(t->p, &key, 1, good, bad), DYAD_OK);
            if (good != bad) {
                t->weight[(size_t)i * nclass + good]++;
                t->weight[(size_t)i * nclass + bad]--;
            }
        }
    }
    for (int k = 0; k < 999; k++)
        syn_percep_tick(t->p);
}

static void untrain(trained *t)
{
    syn_percep_free(t->p);
    free(t->weight);
}

/* Scores keys into floats, as the weights were trained (the int32 sums
 * are exact). */
static void score_keys(const syn_weights *w, const uint64_t *keys, size_t n, float *out)
{
    int32_t acc[SYN_SCORE_SLOTS];
    syn_weights_score_int(w, keys, n, acc);
    for (uint32_t c = 0; c < w->nclass; c++)
        out[c] = (float)acc[c];
}

static void score_one(const syn_weights *w, uint64_t key, float *out)
{
    score_keys(w, &key, 1, out);
}

static void check_inventory_at(uint32_t nclass, int simd)
{
    syn_weights_simd_cap(simd);
    trained t;
    train(&t, nclass);
    syn_weights w, again;
    assert_int_equal(syn_percep_compile(t.p, 0.5f, &w), DYAD_OK);
    assert_int_equal(w.stride, syn_stride(nclass));
    assert_true(w.ndense > 0);
    if (nclass > 3)
        assert_true(w.npairs > 0);

    /* Some bucket is full, so searches do go on into the next one. */
    bool full = false;
    for (uint32_t b = 0; b < w.buckets; b++)
        full |= w.table[b].fp[SYN_BUCKET_SLOTS - 1] != 0;
    assert_true(full);

    int maxw = 0;
    for (size_t i = 0; i < (size_t)KEYS * nclass; i++)
        if (abs(t.weight[i]) > maxw)
            maxw = abs(t.weight[i]);
    float *single = calloc((size_t)KEYS * nclass, sizeof *single);
    assert_non_null(single);
    for (uint32_t i = 0; i < KEYS; i++) {
        float *s = single + (size_t)i * nclass;
        score_one(&w, syn_key(1, i, 0, 0), s);
        for (uint32_t c = 0; c < nclass; c++) {
            /* weight * 32000 / max, give or take float rounding */
            double want = rint((double)t.weight[(size_t)i * nclass + c] * 32000.0 / maxw);
            assert_true(fabs((double)s[c] - want) <= 1.0);
            if (t.weight[(size_t)i * nclass + c] == 0)
                assert_true(s[c] == 0.0f);
        }
    }

    /* Absent keys add nothing. */
    float *s = calloc(nclass, sizeof *s), *sum = calloc(nclass, sizeof *sum);
    assert_non_null(s);
    assert_non_null(sum);
    for (uint32_t i = 0; i < 200; i++) {
        score_one(&w, syn_key(2, i, 0, 0), s);
        for (uint32_t c = 0; c < nclass; c++)
            assert_true(s[c] == 0.0f);
    }

    /* Many keys at once: the sum of the single scores, exactly. */
    uint32_t seed = 88172645u;
    for (int round = 0; round < 300; round++) {
        uint64_t keys[SYN_MAX_FEATS];
        size_t n = 1 + next_random(&seed) % SYN_MAX_FEATS;
        memset(sum, 0, nclass * sizeof *sum);
        for (size_t k = 0; k < n; k++) {
            uint32_t i = next_random(&seed) % (KEYS + KEYS / 4);
            if (i >= KEYS) {
                keys[k] = syn_key(3, i, 0, 0); /* absent */
                continue;
            }
            keys[k] = syn_key(1, i, 0, 0);
            for (uint32_t c = 0; c < nclass; c++)
                sum[c] += single[(size_t)i * nclass + c];
        }
        score_keys(&w, keys, n, s);
        assert_memory_equal(s, sum, nclass * sizeof *s);
    }

    /* Compiling again gives the same bytes. */
    assert_int_equal(syn_percep_compile(t.p, 0.5f, &again), DYAD_OK);
    assert_int_equal(again.buckets, w.buckets);
    assert_int_equal(again.ndense, w.ndense);
    assert_int_equal(again.npairs, w.npairs);
    assert_memory_equal(again.table, w.table, (size_t)w.buckets * sizeof *w.table);
    assert_memory_equal(again.dense, w.dense, (size_t)w.ndense * w.stride * sizeof *w.dense);
    assert_memory_equal(again.w, w.w, w.npairs * sizeof *w.w);
    assert_memory_equal(again.cls, w.cls, w.npairs);

    syn_weights_free(&again, NULL);
    syn_weights_free(&w, NULL);
    free(s);
    free(sum);
    free(single);
    untrain(&t);
    syn_weights_simd_cap(3);
}

/* Every vector path must give the same sums: all four are checked here,
 * whatever this processor has (AVX-512 and AVX2 are skipped silently without them). */
static void check_inventory(uint32_t nclass)
{
    for (int simd = 3; simd >= 0; simd--)
        check_inventory_at(nclass, simd);
}

static void parser_transitions_round_trip(void **state)
{
    check_inventory(SYN_T_N);
}

static void tagger_sized_inventory_round_trips(void **state)
{
    check_inventory(49);
}

static void largest_inventory_round_trips(void **state)
{
    check_inventory(SYN_MAX_CLASSES);
}

/* Sparse runs of one and two pairs (most runs since format 12) are added
 * without a branch on their length: each pair exactly once, and a run of
 * one adds nothing beyond its pair. */
static void short_runs_add_each_pair_once(void **state)
{
    uint64_t one = syn_key(7, 1, 0, 0), two = syn_key(7, 2, 0, 0), both[2] = {one, two};
    for (int simd = 3; simd >= 0; simd--) {
        syn_weights_simd_cap(simd);
        syn_percep *p;
        assert_int_equal(syn_percep_new(NULL, 49, &p), DYAD_OK);
        /* one: +2 on class 5, -1 on 6 and 7; two: +2 on 8, -2 on 9, +1
         * on 10, -1 on 11.  Pruned at 1.5: runs of one and two pairs. */
        assert_int_equal(syn_percep_update(p, &one, 1, 5, 6), DYAD_OK);
        assert_int_equal(syn_percep_update(p, &one, 1, 5, 7), DYAD_OK);
        for (int k = 0; k < 2; k++)
            assert_int_equal(syn_percep_update(p, &two, 1, 8, 9), DYAD_OK);
        assert_int_equal(syn_percep_update(p, &two, 1, 10, 11), DYAD_OK);
        for (int k = 0; k < 999; k++)
            syn_percep_tick(p);
        syn_weights w;
        assert_int_equal(syn_percep_compile(p, 1.5f, &w), DYAD_OK);
        assert_int_equal(w.ndense, 0);
        assert_int_equal(w.npairs, 3);
        float s1[49], s2[49], sb[49];
        score_one(&w, one, s1);
        score_one(&w, two, s2);
        score_keys(&w, both, 2, sb);
        for (uint32_t c = 0; c < 49; c++) {
            assert_true(s1[c] == (c == 5 ? 32000.0f : 0.0f));
            assert_true(s2[c] == (c == 8 ? 32000.0f : c == 9 ? -32000.0f : 0.0f));
            assert_true(sb[c] == s1[c] + s2[c]);
        }
        syn_weights_free(&w, NULL);
        syn_percep_free(p);
    }
    syn_weights_simd_cap(3);
}

static void empty_table_scores_zero(void **state)
{
    syn_percep *p;
    assert_int_equal(syn_percep_new(NULL, 5, &p), DYAD_OK);
    syn_weights w;
    assert_int_equal(syn_percep_compile(p, 0.5f, &w), DYAD_OK);
    uint64_t key = syn_key(1, 2, 3, 4);
    float s[5] = { 1, 1, 1, 1, 1 };
    score_keys(&w, &key, 1, s);
    for (int c = 0; c < 5; c++)
        assert_true(s[c] == 0.0f);
    syn_weights_free(&w, NULL);
    syn_percep_free(p);
}

/* The reference: the first of the best, by plain comparison. */
static uint32_t plain_argmax(const int32_t *s, uint32_t n)
{
    uint32_t best = 0;
    for (uint32_t c = 1; c < n; c++)
        if (s[c] > s[best])
            best = c;
    return best;
}

static bool plain_leads_by(const int32_t *s, uint32_t n, uint32_t best, int32_t margin)
{
    for (uint32_t c = 0; c < n; c++)
        if (c != best && (int64_t)s[best] - s[c] < margin)
            return false;
    return true;
}

/* Every inventory size up to 70, scores with many ties (a small range)
 * and wide ones, the best in every position of the eight-class groups,
 * margins that the runner-up just meets and just misses: AVX2 and plain C
 * agree with the plain definitions. */
static void argmax_and_lead_agree_with_plain(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    int32_t s[SYN_SCORE_SLOTS];
    for (int simd = 0; simd <= 2; simd += 2) {
        syn_weights_simd_cap(simd);
        for (uint32_t n = 1; n <= 70; n++)
            for (int round = 0; round < 200; round++) {
                int32_t range = round % 2 ? 5 : 1 << 24;
                for (uint32_t c = 0; c < SYN_SCORE_SLOTS; c++)
                    s[c] = (int32_t)(next_random(&seed) % (uint32_t)(2 * range)) - range;
                uint32_t best = syn_argmax_int(s, n);
                assert_int_equal(best, plain_argmax(s, n));
                int32_t gap = INT32_MAX;
                for (uint32_t c = 0; c < n; c++)
                    if (c != best && s[best] - s[c] < gap)
                        gap = s[best] - s[c];
                int32_t margins[] = { 0, 1, 20000, gap == INT32_MAX ? 0 : gap,
                                      gap == INT32_MAX ? 1 : gap + 1 };
                for (size_t k = 0; k < sizeof margins / sizeof *margins; k++)
                    assert_int_equal(syn_leads_by(s, n, best, margins[k]),
                                     plain_leads_by(s, n, best, margins[k]));
            }
    }
    syn_weights_simd_cap(3);
}

/* The slot a linear-probing walk one slot at a time finds for key, or
 * NULL: what syn_wentry_find must return on every path. */
static const syn_wentry *walk(const syn_wentry *t, uint32_t slots, uint64_t key)
{
    uint32_t fp = syn_fp(key);
    for (uint32_t i = syn_slot(key, slots);; i = i + 1 == slots ? 0 : i + 1) {
        if (t[i].fp == fp)
            return &t[i];
        if (!t[i].fp)
            return NULL;
    }
}

/* Tables of 1 to 80 slots filled to one free slot (the longest runs,
 * wrapping past the end) and to half, keys present and absent, and
 * fingerprints that also occur as refs: every vector path finds the
 * slot the one-by-one walk finds. */
static void table_probe_agrees_with_the_walk(void **state)
{
    (void)state;
    uint32_t seed = 777;
    syn_wentry t[80];
    uint64_t keys[80];
    for (uint32_t slots = 1; slots <= 80; slots++)
        for (int half = 0; half < 2; half++) {
            memset(t, 0, sizeof t);
            uint32_t fill = half ? slots / 2 : slots - 1, used = 0;
            while (used < fill) {
                uint64_t k = (uint64_t)next_random(&seed) << 32 | next_random(&seed);
                if (walk(t, slots, k))
                    continue; /* fingerprint taken */
                uint32_t i = syn_slot(k, slots);
                while (t[i].fp)
                    i = i + 1 == slots ? 0 : i + 1;
                /* a ref equal to some fingerprint must not be taken for one */
                t[i] = (syn_wentry){ syn_fp(k), syn_fp(k) ^ 1u };
                keys[used++] = k;
            }
            for (int simd = 0; simd <= 3; simd++) {
                syn_weights_simd_cap(simd);
                for (uint32_t k = 0; k < used; k++) {
                    const syn_wentry *e = syn_wentry_find(t, slots, keys[k]);
                    assert_ptr_equal(e, walk(t, slots, keys[k]));
                    assert_non_null(e);
                }
                for (int round = 0; round < 40; round++) {
                    uint64_t k = (uint64_t)next_random(&seed) << 32 | next_random(&seed);
                    assert_ptr_equal(syn_wentry_find(t, slots, k), walk(t, slots, k));
                    if (!used)
                        continue;
                    /* an absent key whose fingerprint is some slot's ref */
                    uint64_t r = (uint64_t)(syn_fp(keys[round % used]) ^ 1u) << 32 |
                                 next_random(&seed);
                    assert_ptr_equal(syn_wentry_find(t, slots, r), walk(t, slots, r));
                }
            }
        }
    syn_weights_simd_cap(3);
    assert_null(syn_wentry_find(NULL, 0, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parser_transitions_round_trip),
        cmocka_unit_test(tagger_sized_inventory_round_trips),
        cmocka_unit_test(largest_inventory_round_trips),
        cmocka_unit_test(short_runs_add_each_pair_once),
        cmocka_unit_test(empty_table_scores_zero),
        cmocka_unit_test(argmax_and_lead_agree_with_plain),
        cmocka_unit_test(table_probe_agrees_with_the_walk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
