/*
 * bench_text.c — measures text analysis alone (sentence splitting,
 * tokenizing and normalizing; no reading, no parsing): loads the "text"
 * field of every line of a JSON Lines file into memory with cJSON, then
 * runs dyad_analyze() over all texts with one reused dyad_analysis and
 * prints MB/s (1 MB = 10^6 bytes of text), sentences/s and tokens/s.  The
 * best of --repeat passes is reported, so warm-up does not count.  Rates
 * use the process's CPU time (one thread, so one core) because the
 * machines we share are often busy; wall-clock time is printed too.
 *
 *   bench_text [--repeat N] FILE.jsonl
 *
 * Exit 0 on success, 1 when the file cannot be read or analysis fails.
 */
#include "dyad.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct texts {
    char **v;
    size_t *len;
    size_t n, cap, bytes;
} texts;

static double seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int add_text(texts *t, const char *s)
{
    if (t->n == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 1024;
        char **v = realloc(t->v, ncap * sizeof *v);
        if (!v)
            return 1;
        t->v = v;
        size_t *l = realloc(t->len, ncap * sizeof *l);
        if (!l)
            return 1;
        t->len = l;
        t->cap = ncap;
    }
    size_t n = strlen(s);
    t->v[t->n] = malloc(n + 1);
    if (!t->v[t->n])
        return 1;
    memcpy(t->v[t->n], s, n + 1);
    t->len[t->n++] = n;
    t->bytes += n;
    return 0;
}

/* Reads every line's "text" string; lines without one are skipped. */
static int load(const char *path, texts *t)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (!rc && (n = getline(&line, &cap, f)) > 0) {
        cJSON *j = cJSON_ParseWithLength(line, (size_t)n);
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(j, "text");
        if (cJSON_IsString(text))
            rc = add_text(t, text->valuestring);
        cJSON_Delete(j);
    }
    free(line);
    fclose(f);
    return rc;
}

int main(int argc, char **argv)
{
    int repeat = 3;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else
            path = argv[i];
    }
    if (!path || repeat < 1) {
        fprintf(stderr, "usage: bench_text [--repeat N] FILE.jsonl\n");
        return 1;
    }
    texts t = {0};
    if (load(path, &t)) {
        fprintf(stderr, "bench_text: cannot load %s\n", path);
        return 1;
    }
    dyad_analysis *an;
    if (dyad_analysis_new(NULL, &an) != DYAD_OK)
        return 1;
    double best = 1e30, best_wall = 1e30;
    size_t sentences = 0, tokens = 0;
    for (int r = 0; r < repeat; r++) {
        sentences = tokens = 0;
        double t0 = seconds(CLOCK_PROCESS_CPUTIME_ID), w0 = seconds(CLOCK_MONOTONIC);
        for (size_t i = 0; i < t.n; i++) {
            if (dyad_analyze(an, t.v[i], t.len[i]) != DYAD_OK) {
                fprintf(stderr, "bench_text: analysis failed on text %zu\n", i);
                return 1;
            }
            sentences += an->sentence_n;
            tokens += an->token_n;
        }
        double dt = seconds(CLOCK_PROCESS_CPUTIME_ID) - t0, dw = seconds(CLOCK_MONOTONIC) - w0;
        if (dt < best)
            best = dt;
        if (dw < best_wall)
            best_wall = dw;
    }
    printf("bench_text: %zu texts, %.1f MB, %zu sentences, %zu tokens\n", t.n,
           (double)t.bytes / 1e6, sentences, tokens);
    printf("bench_text: split+tokenize+normalize %.1f MB/s, %.0f sentences/s, %.0f tokens/s "
           "(best of %d: %.3f s CPU, %.3f s wall)\n",
           (double)t.bytes / 1e6 / best, (double)sentences / best, (double)tokens / best, repeat,
           best, best_wall);
    dyad_analysis_free(an);
    for (size_t i = 0; i < t.n; i++)
        free(t.v[i]);
    free(t.v);
    free(t.len);
    return 0;
}
