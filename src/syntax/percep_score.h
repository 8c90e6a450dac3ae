/*
 * percep_score.h — the body of syn_weights_score_int, compiled once per
 * instruction set: percep.c includes it with SCORE_NAME (the function),
 * SCORE_ATTR (its target attribute), SCORE_FIND (the bucket search) and
 * SCORE_ADD_ROWS (the dense-row adder) defined, so that the AVX-512
 * version searches a bucket with one compare and the rest of the loop is
 * the same code.  Not a header of its own: include it only from there.
 */

/* The weights are integers and a decision sums at most SYN_MAX_FEATS of
 * them (|sum| < 96 * 32768 < 2^24), so the int32 sums are exactly the
 * float sums the classes were trained to compare, in any order. */
SCORE_ATTR static void SCORE_NAME(const syn_weights *w, const uint64_t *keys, size_t n,
                                  int32_t *acc)
{
    uint32_t nclass = w->nclass < SYN_MAX_CLASSES ? w->nclass : SYN_MAX_CLASSES;
    uint32_t stride = syn_stride(nclass);
    memset(acc, 0, stride * sizeof *acc);
    uint32_t bucket[SYN_MAX_FEATS], run[SYN_MAX_FEATS];
    const int16_t *row[SYN_MAX_FEATS];
    size_t nrun = 0, nrow = 0;
    if (!w->buckets)
        n = 0;
    if (n > SYN_MAX_FEATS)
        n = SYN_MAX_FEATS;
    /* Three phases so that the cache misses of all keys overlap instead of
     * queueing behind each other: touch every bucket, resolve the buckets
     * and touch every run or row, then add them. */
    for (size_t k = 0; k < n; k++) {
        bucket[k] = syn_slot(keys[k], w->buckets);
        __builtin_prefetch(&w->table[bucket[k]]);
    }
    for (size_t k = 0; k < n; k++) {
        uint32_t fp = syn_fp(keys[k]), ref;
        bool more = false;
        for (uint32_t b = bucket[k];; b = b + 1 == w->buckets ? 0 : b + 1) {
            if (SCORE_FIND(&w->table[b], fp, &ref, &more)) {
                if (ref & 0xffu) {
                    run[nrun++] = ref;
                    __builtin_prefetch(w->w + (ref >> 8));
                    __builtin_prefetch(w->cls + (ref >> 8));
                } else {
                    row[nrow] = w->dense + (size_t)(ref >> 8) * stride;
                    /* A 56-class row (112 bytes) starting 32 or 48
                     * bytes into a line spans three lines. */
                    __builtin_prefetch(row[nrow]);
                    __builtin_prefetch(row[nrow] + stride / 2);
                    __builtin_prefetch(row[nrow] + stride - 1);
                    nrow++;
                }
                break;
            }
            if (!more)
                break;
        }
    }
    for (size_t k = 0; k < nrun; k++)
        add_run(w, run[k], acc);
    SCORE_ADD_ROWS(acc, row, nrow, stride);
}
