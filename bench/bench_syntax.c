/*
 * bench_syntax.c — throughput of the syntax layer (issue 4, item 6) on one
 * core: every document of FILE is read and split/tokenized (not timed),
 * then annotated twice with the public API, timing only the annotate
 * calls: tagging + lemmas (DYAD_SYNTAX_TAG | DYAD_SYNTAX_LEMMA) and
 * tagging + parsing (DYAD_SYNTAX_TAG | DYAD_SYNTAX_PARSE).  Prints
 * sentences/s and tokens/s for each (thread CPU time, so a busy machine
 * does not distort them) and the model load time (wall clock).
 *
 *   bench_syntax FILE [MODEL]
 *
 * MODEL defaults to the usual search (DYAD_MODEL_DIR, installed,
 * ./data/models).  Without a model it prints why and exits 0.
 *
 * With DYAD_BENCH_AB=1 in the environment it loads the model twice, with
 * and without the syntax fast paths (DYAD_SYNTAX_PLAIN=1), annotates
 * every document with both in turn, so that both see the same machine
 * load, prints both speeds and counts tokens whose tags, lemmas, heads
 * or labels differ (exit 1 if any do).
 */
#include "dyad.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU time of this thread: on a shared machine wall time would charge
 * other processes' work to us. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct totals {
    size_t docs, sents, toks;
    double tag_lemma, tag_parse;
} totals;

static int annotate_doc(dyad_syntax *syn, dyad_analysis *an, totals *t)
{
    double t0 = now();
    if (dyad_syntax_annotate(syn, an, DYAD_SYNTAX_TAG | DYAD_SYNTAX_LEMMA) != DYAD_OK)
        return 1;
    double t1 = now();
    if (dyad_syntax_annotate(syn, an, DYAD_SYNTAX_TAG | DYAD_SYNTAX_PARSE) != DYAD_OK)
        return 1;
    double t2 = now();
    t->tag_lemma += t1 - t0;
    t->tag_parse += t2 - t1;
    for (size_t k = 0; k < an->sentence_n; k++)
        t->sents += an->sentences[k].token_n > 0;
    t->toks += an->token_n;
    t->docs++;
    return 0;
}

/* ---- A/B: fast layout against plain, same documents, same moment ---- */

typedef struct ab_side {
    dyad_model *model;
    dyad_syntax *syn;
    double tag_lemma, tag_parse;
} ab_side;

typedef struct ab_snap {
    uint16_t upos, xpos, deprel, head;
    dyad_str lemma;
} ab_snap;

static void snap(const dyad_syntax *syn, const dyad_analysis *an, ab_snap *out, bool parse)
{
    for (size_t i = 0; i < an->token_n; i++) {
        const dyad_token *t = &an->tokens[i];
        out[i] = (ab_snap){ t->upos, t->xpos, parse ? t->deprel : 0, parse ? t->head : 0,
                            parse ? (dyad_str){ "", 0 } : dyad_syntax_lemma(syn, t->lemma) };
    }
}

static size_t differing(const ab_snap *a, const ab_snap *b, size_t n)
{
    size_t d = 0;
    for (size_t i = 0; i < n; i++)
        d += a[i].upos != b[i].upos || a[i].xpos != b[i].xpos || a[i].deprel != b[i].deprel ||
             a[i].head != b[i].head || a[i].lemma.len != b[i].lemma.len ||
             memcmp(a[i].lemma.ptr, b[i].lemma.ptr, a[i].lemma.len) != 0;
    return d;
}

/* Annotates an with side s; adds the CPU time to *sum and snapshots. */
static int ab_run(ab_side *s, dyad_analysis *an, unsigned what, double *sum, ab_snap *out)
{
    double t0 = now();
    if (dyad_syntax_annotate(s->syn, an, what) != DYAD_OK)
        return 1;
    *sum += now() - t0;
    snap(s->syn, an, out, (what & DYAD_SYNTAX_PARSE) != 0);
    return 0;
}

static int ab_load(ab_side *s, const char *path, bool plain)
{
    dyad_error err = { 0 };
    if (plain)
        setenv("DYAD_SYNTAX_PLAIN", "1", 1);
    else
        unsetenv("DYAD_SYNTAX_PLAIN");
    double l0 = wall();
    dyad_status st = dyad_model_load(path, NULL, &s->model, &err);
    double ms = (wall() - l0) * 1e3;
    if (st == DYAD_OK)
        st = dyad_syntax_new(s->model, NULL, &s->syn);
    unsetenv("DYAD_SYNTAX_PLAIN");
    if (st != DYAD_OK) {
        printf("bench_syntax: no model (%s); nothing to measure\n", err.message);
        return 1;
    }
    printf("%s: model loaded in %.1f ms\n", plain ? "plain" : "fast ", ms);
    return 0;
}

static int bench_ab(const char *file, const char *model)
{
    ab_side side[2] = { { 0 } };
    if (ab_load(&side[0], model, false) || ab_load(&side[1], model, true))
        return 0;
    dyad_error err = { 0 };
    dyad_analysis *an;
    dyad_reader *r;
    if (dyad_analysis_new(NULL, &an) != DYAD_OK || dyad_reader_open(file, NULL, &r, &err) != DYAD_OK) {
        fprintf(stderr, "bench_syntax: cannot start: %s\n", err.message);
        return 1;
    }
    ab_snap *snaps[2] = { NULL, NULL };
    size_t cap = 0, sents = 0, toks = 0, diff = 0, docs = 0;
    const dyad_doc *doc;
    while (dyad_reader_next(r, &doc) == DYAD_OK && doc) {
        if (dyad_analyze_doc(an, doc) != DYAD_OK)
            return 1;
        if (an->token_n > cap) {
            cap = an->token_n * 2;
            snaps[0] = realloc(snaps[0], cap * sizeof **snaps);
            snaps[1] = realloc(snaps[1], cap * sizeof **snaps);
            if (!snaps[0] || !snaps[1])
                return 1;
        }
        static const unsigned what[2] = { DYAD_SYNTAX_TAG | DYAD_SYNTAX_LEMMA,
                                          DYAD_SYNTAX_TAG | DYAD_SYNTAX_PARSE };
        for (int w = 0; w < 2; w++) {
            int first = (int)(docs & 1); /* alternate who goes first */
            for (int k = 0; k < 2; k++) {
                ab_side *s = &side[first ^ k];
                if (ab_run(s, an, what[w], w ? &s->tag_parse : &s->tag_lemma,
                           snaps[first ^ k]) != 0)
                    return 1;
            }
            diff += differing(snaps[0], snaps[1], an->token_n);
        }
        for (size_t k = 0; k < an->sentence_n; k++)
            sents += an->sentences[k].token_n > 0;
        toks += an->token_n;
        docs++;
    }
    printf("%zu documents, %zu sentences, %zu tokens\n", docs, sents, toks);
    for (int i = 0; i < 2; i++)
        printf("%s: tag + lemma %8.0f sentences/s   tag + parse %8.0f sentences/s\n",
               i ? "plain" : "fast ", (double)sents / side[i].tag_lemma,
               (double)sents / side[i].tag_parse);
    printf("tokens annotated differently: %zu\n", diff);
    free(snaps[0]);
    free(snaps[1]);
    dyad_reader_close(r);
    dyad_analysis_free(an);
    for (int i = 0; i < 2; i++) {
        dyad_syntax_free(side[i].syn);
        dyad_model_free(side[i].model);
    }
    return diff != 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_syntax FILE [MODEL]\n");
        return 2;
    }
    const char *ab = getenv("DYAD_BENCH_AB");
    if (ab && *ab && strcmp(ab, "0") != 0)
        return bench_ab(argv[1], argc > 2 ? argv[2] : NULL);
    dyad_error err = { 0 };
    dyad_model *model;
    double l0 = wall();
    if (dyad_model_load(argc > 2 ? argv[2] : NULL, NULL, &model, &err) != DYAD_OK) {
        printf("bench_syntax: no model (%s); nothing to measure\n", err.message);
        return 0;
    }
    double load_ms = (wall() - l0) * 1e3;
    dyad_syntax *syn;
    dyad_analysis *an;
    dyad_reader *r;
    if (dyad_syntax_new(model, NULL, &syn) != DYAD_OK || dyad_analysis_new(NULL, &an) != DYAD_OK ||
        dyad_reader_open(argv[1], NULL, &r, &err) != DYAD_OK) {
        fprintf(stderr, "bench_syntax: cannot start: %s\n", err.message);
        return 1;
    }
    totals t = { 0 };
    const dyad_doc *doc;
    while (dyad_reader_next(r, &doc) == DYAD_OK && doc) {
        if (dyad_analyze_doc(an, doc) != DYAD_OK || annotate_doc(syn, an, &t) != 0) {
            fprintf(stderr, "bench_syntax: out of memory\n");
            return 1;
        }
    }
    printf("model %s loaded in %.1f ms\n", dyad_model_path(model), load_ms);
    printf("%zu documents, %zu sentences, %zu tokens (%.1f tokens/sentence)\n", t.docs, t.sents,
           t.toks, t.sents ? (double)t.toks / (double)t.sents : 0.0);
    printf("tag + lemma:  %8.0f sentences/s  %9.0f tokens/s\n", (double)t.sents / t.tag_lemma,
           (double)t.toks / t.tag_lemma);
    printf("tag + parse:  %8.0f sentences/s  %9.0f tokens/s\n", (double)t.sents / t.tag_parse,
           (double)t.toks / t.tag_parse);
    dyad_reader_close(r);
    dyad_analysis_free(an);
    dyad_syntax_free(syn);
    dyad_model_free(model);
    return 0;
}
