/*
 * bench_pipeline.c — throughput of the front of the pipeline: read +
 * split + tokenize (+ normalize), through the public API exactly as
 * `dyad code` uses it.  Reports input MB/s and sentences/s on one core.
 *
 *   bench_pipeline FILE [REPEAT]
 *
 * The file is read REPEAT times (default 3) and the best run is reported,
 * so page-cache warm-up does not count against the code.
 */
#include "dyad.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_once(const char *path, dyad_analysis *a, size_t *docs, size_t *sents,
                    size_t *toks)
{
    dyad_reader *r;
    dyad_error err;
    dyad_reader_options opts = {0};
    if (dyad_reader_open(path, &opts, &r, &err) != DYAD_OK) {
        char msg[1400];
        fprintf(stderr, "bench_pipeline: %s\n", dyad_error_format(&err, msg, sizeof msg));
        return 1;
    }
    const dyad_doc *doc;
    *docs = *sents = *toks = 0;
    while (dyad_reader_next(r, &doc) == DYAD_OK && doc) {
        if (dyad_analyze_doc(a, doc) != DYAD_OK)
            continue;
        (*docs)++;
        *sents += a->sentence_n;
        *toks += a->token_n;
    }
    dyad_reader_close(r);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_pipeline FILE [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 2 ? atoi(argv[2]) : 3;
    struct stat st;
    if (stat(argv[1], &st) != 0) {
        perror(argv[1]);
        return 1;
    }
    dyad_analysis *a;
    if (dyad_analysis_new(NULL, &a) != DYAD_OK)
        return 1;
    double best = 1e30;
    size_t docs = 0, sents = 0, toks = 0;
    for (int i = 0; i < (repeat > 0 ? repeat : 1); i++) {
        double t0 = now();
        if (run_once(argv[1], a, &docs, &sents, &toks))
            return 1;
        double t = now() - t0;
        if (t < best)
            best = t;
    }
    dyad_analysis_free(a);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = (double)st.st_size / 1e6;
    printf("read+split+tokenize %s: %.1f MB, %zu docs, %zu sentences, %zu tokens\n", argv[1], mb,
           docs, sents, toks);
    printf("  best of %d: %.3f s  %.1f MB/s  %.0f sentences/s  %.0f tokens/s  max RSS %ld MB\n",
           repeat, best, mb / best, (double)sents / best, (double)toks / best,
           ru.ru_maxrss / 1024);
    return 0;
}
