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
 */
#include "dyad.h"

#include <stdio.h>
#include <stdlib.h>
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

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_syntax FILE [MODEL]\n");
        return 2;
    }
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
