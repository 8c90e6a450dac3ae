/*
 * bench_key_order.c — the measurement behind the parser's staged
 * transition scoring (syntax.h, SYN_PARSE_STAGE1_KEYS): for every
 * transition with a choice, parsing a CoNLL-U file with the model as dyad
 * does, how much each of the SYN_PARSE_KEYS keys adds to the margin
 * between the chosen and the runner-up transition.  Prints the stage of
 * each key when the keys are ordered by that mean margin (the first
 * SYN_PARSE_STAGE1_KEYS in stage 0, up to SYN_PARSE_STAGE2_KEYS in stage
 * 1), as the C table parser.c holds (parse_key_stage), then the order with
 * the template number and the mean of each.
 *
 *   bench_key_order MODEL FILE.conllu
 *
 * The table in parser.c was made with the committed model on EWT dev.
 * A developer's tool (it reads the syntax layer's internal header), not a
 * test: it exits 0 after printing, 1 when the model or file cannot be read.
 */
#include "syntax/syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef struct key_stats {
    double margin[SYN_PARSE_KEYS]; /* summed |w(chosen) - w(runner-up)| per key */
    size_t decisions;
} key_stats;

/* The chosen and runner-up legal transitions of scores. */
static void top_two(const int32_t *scores, const uint8_t *allowed, uint32_t *best,
                    uint32_t *second)
{
    *best = *second = SYN_T_N;
    for (uint32_t t = 0; t < SYN_T_N; t++)
        if (allowed[t] && (*best == SYN_T_N || scores[t] > scores[*best]))
            *best = t;
    for (uint32_t t = 0; t < SYN_T_N; t++)
        if (allowed[t] && t != *best && (*second == SYN_T_N || scores[t] > scores[*second]))
            *second = t;
}

/* Adds one state's keys to the statistics (states with one legal
 * transition are not decisions) and returns the transition taken. */
static uint32_t measure_state(const syn_model_parts *m, syn_pstate *st, key_stats *ks)
{
    uint64_t keys[SYN_PARSE_FEATS];
    int32_t scores[SYN_SCORE_SLOTS], one[SYN_SCORE_SLOTS];
    uint8_t allowed[SYN_T_N];
    syn_pstate_legal(st, allowed);
    size_t n = syn_parse_feats(st, keys);
    syn_weights_score_int(&m->wparse, keys, n, scores);
    uint32_t best, second;
    top_two(scores, allowed, &best, &second);
    if (second != SYN_T_N && n == SYN_PARSE_KEYS) {
        for (size_t k = 0; k < n; k++) {
            syn_weights_score_int(&m->wparse, &keys[k], 1, one);
            double d = (double)one[best] - (double)one[second];
            ks->margin[k] += d < 0 ? -d : d;
        }
        ks->decisions++;
    }
    return best == SYN_T_N ? SYN_T_SHIFT : best;
}

/* Tags and parses every sentence of c as dyad does (labels from the map
 * or the labeller, which later features read), measuring each state. */
static dyad_status measure(const syn_model_parts *m, const syn_corpus *c, key_stats *ks)
{
    syn_work w = { 0 };
    dyad_status st = DYAD_OK;
    for (size_t s = 0; s < c->sent_n && st == DYAD_OK; s++) {
        size_t first = c->start[s], n = c->start[s + 1] - first;
        if ((st = syn_work_reserve(&w, NULL, n)) != DYAD_OK)
            break;
        memcpy(w.words + 1, c->words + first, n * sizeof *w.words);
        syn_work_run(&w, m, n, false);
        syn_pstate *ps = &w.ps.st;
        syn_pstate_init(ps, n, w.words, w.xpos, w.upos);
        while (!syn_pstate_final(ps)) {
            uint32_t t = measure_state(m, ps, ks);
            uint16_t label = 0;
            if (t != SYN_T_SHIFT) {
                uint16_t h, d;
                syn_pstate_arc(ps, t, &h, &d);
                long sure = syn_labelmap_get(&m->labelmap, w.xpos, w.upos, h, d);
                uint64_t keys[SYN_PARSE_FEATS];
                int32_t scores[SYN_SCORE_SLOTS];
                size_t k = syn_label_feats(ps, w.words, h, d, keys);
                syn_weights_score_int(&m->wlabel, keys, k, scores);
                label = (uint16_t)(sure >= 0 ? sure : syn_argmax_int(scores, m->deprel.n));
            }
            syn_pstate_apply(ps, t, label);
        }
    }
    syn_work_free(&w, NULL);
    return st;
}

/* Key index -> template number (syn_parse_feats makes 0-38, then 40-89). */
static int template_of(size_t k)
{
    return k < 39 ? (int)k : (int)k + 1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bench_key_order MODEL FILE.conllu\n");
        return 2;
    }
    syn_model_parts m;
    void *map;
    size_t map_len;
    dyad_error err = { 0 };
    syn_corpus c = { 0 };
    if (syn_model_map(argv[1], &m, &map, &map_len, &err) != DYAD_OK ||
        syn_corpus_load(&c, argv[2], &m, false, NULL, NULL, NULL, &err) != DYAD_OK) {
        fprintf(stderr, "bench_key_order: %s\n", err.message);
        return 1;
    }
    static key_stats ks;
    if (measure(&m, &c, &ks) != DYAD_OK) {
        fprintf(stderr, "bench_key_order: out of memory\n");
        return 1;
    }
    size_t order[SYN_PARSE_KEYS];
    for (size_t k = 0; k < SYN_PARSE_KEYS; k++)
        order[k] = k;
    for (size_t i = 1; i < SYN_PARSE_KEYS; i++) /* insertion sort, largest first, stable */
        for (size_t j = i; j > 0 && ks.margin[order[j]] > ks.margin[order[j - 1]]; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    printf("%zu transitions with a choice in %zu sentences\n", ks.decisions, c.sent_n);
    unsigned stage[SYN_PARSE_KEYS];
    for (size_t i = 0; i < SYN_PARSE_KEYS; i++)
        stage[order[i]] = i < SYN_PARSE_STAGE1_KEYS ? 0 : i < SYN_PARSE_STAGE2_KEYS ? 1 : 2;
    printf("static const uint8_t parse_key_stage[SYN_PARSE_KEYS] = {");
    for (size_t k = 0; k < SYN_PARSE_KEYS; k++)
        printf("%s%u,", k % 30 == 0 ? "\n    " : " ", stage[k]);
    printf("\n};\nkey (template): mean margin part, in order\n");
    for (size_t i = 0; i < SYN_PARSE_KEYS; i++)
        printf("%zu (%d): %.0f%s", order[i], template_of(order[i]),
               ks.decisions ? ks.margin[order[i]] / (double)ks.decisions : 0.0,
               i % 6 == 5 || i + 1 == SYN_PARSE_KEYS ? "\n" : "   ");
    syn_corpus_free(&c);
    munmap(map, map_len);
    return 0;
}
