/*
 * bench_coder.c — throughput of the event coder (issue 5, item 6) on one
 * core, two ways:
 *
 *   1. coding alone with supplied parses: every record of a PETRARCH
 *      validation XML (dictionaries from its <Environment>) is read into
 *      memory once, then coded REPEAT times; sentences/s counts the coder
 *      only (reading, not parsing, is outside the timer);
 *   2. raw text to events: the documents of a JSON Lines corpus coded
 *      with a dictionary folder and no parser (analysis + coding timed).
 *
 *   bench_coder SUITE.xml DICT_DIR CORPUS.jsonl [MAX_DOCS]
 *
 * Times are thread CPU seconds, so a busy machine does not distort them.
 */
#include "dyad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPEAT 20
#define MAX_RECORDS 4096

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int count(void *user, const dyad_event *ev, const dyad_event_provenance *pv)
{
    (void)ev;
    (void)pv;
    (*(size_t *)user)++;
    return 0;
}

/* A deep copy of one document with its supplied parse. */
typedef struct rec {
    dyad_doc doc;
    dyad_given_sentence given;
    char *text, *parse, *id;
} rec;

static char *dup_str(dyad_str s)
{
    char *p = malloc(s.len + 1);
    if (!p)
        exit(3);
    memcpy(p, s.ptr, s.len);
    p[s.len] = 0;
    return p;
}

static const char *env(const dyad_doc *d, const char *key)
{
    for (size_t i = 0; i < d->meta_n; i++)
        if (d->meta[i].key.len == strlen(key) && !memcmp(d->meta[i].key.ptr, key, d->meta[i].key.len))
            return dup_str(d->meta[i].value);
    return NULL;
}

static int bench_supplied(const char *suite)
{
    dyad_reader *r;
    dyad_error err;
    if (dyad_reader_open(suite, NULL, &r, &err) != DYAD_OK) {
        fprintf(stderr, "bench_coder: cannot read %s\n", suite);
        return 1;
    }
    static rec recs[MAX_RECORDS];
    size_t n = 0;
    const char *files[4] = {NULL, NULL, NULL, NULL};
    const dyad_doc *d;
    while (dyad_reader_next(r, &d) == DYAD_OK && d && n < MAX_RECORDS) {
        if (!files[0]) {
            files[0] = env(d, "env.Verbfile");
            files[1] = env(d, "env.Actorfile");
            files[2] = env(d, "env.Agentfile");
        }
        if (!d->given_n)
            continue;
        rec *x = &recs[n++];
        x->text = dup_str(d->text);
        x->parse = dup_str(d->given[0].parse);
        x->id = dup_str(d->id);
        x->given.span = d->given[0].span;
        x->given.parse = (dyad_str){x->parse, strlen(x->parse)};
        x->doc.id = (dyad_str){x->id, strlen(x->id)};
        x->doc.date = d->date;
        x->doc.text = (dyad_str){x->text, strlen(x->text)};
        x->doc.file = "bench";
        x->doc.given = &x->given;
        x->doc.given_n = 1;
    }
    dyad_reader_close(r);
    char dir[2048], paths[3][4200];
    snprintf(dir, sizeof dir, "%s", suite);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    const char *p[3];
    for (int i = 0; i < 3; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", slash ? dir : ".", files[i] ? files[i] : "");
        p[i] = paths[i];
    }
    dyad_lexicon *lex;
    if (dyad_lexicon_load_files(p, 3, NULL, &lex, &err) != DYAD_OK) {
        fprintf(stderr, "bench_coder: cannot load the suite's dictionaries\n");
        return 1;
    }
    dyad_coder *c;
    dyad_coder_new(lex, NULL, NULL, &c);
    size_t events = 0;
    double t0 = now();
    for (int k = 0; k < REPEAT; k++)
        for (size_t i = 0; i < n; i++)
            dyad_coder_code(c, &recs[i].doc, NULL, count, &events, NULL);
    double t = now() - t0;
    printf("coding with supplied parses: %zu sentences x %d in %.3f s CPU: %.0f sentences/s "
           "(%zu events)\n", n, REPEAT, t, (double)n * REPEAT / t, events / REPEAT);
    dyad_coder_free(c);
    dyad_lexicon_free(lex);
    return 0;
}

static int bench_text(const char *dict, const char *corpus, long max_docs)
{
    dyad_lexicon *lex;
    dyad_error err;
    double l0 = now();
    if (dyad_lexicon_load_dir(dict, NULL, &lex, &err) != DYAD_OK) {
        fprintf(stderr, "bench_coder: cannot load %s\n", dict);
        return 1;
    }
    double load = now() - l0;
    dyad_coder *c;
    dyad_coder_new(lex, NULL, NULL, &c);
    dyad_analysis *an;
    dyad_analysis_new(NULL, &an);
    dyad_reader *r;
    if (dyad_reader_open(corpus, NULL, &r, &err) != DYAD_OK)
        return 1;
    size_t docs = 0, sents = 0, events = 0;
    double t = 0;
    const dyad_doc *d;
    while (dyad_reader_next(r, &d) == DYAD_OK && d && (max_docs <= 0 || (long)docs < max_docs)) {
        double t0 = now();
        dyad_coder_code(c, d, an, count, &events, NULL);
        t += now() - t0;
        sents += an->sentence_n;
        docs++;
    }
    printf("raw text to events (no parser): %zu documents, %zu sentences in %.3f s CPU: "
           "%.0f sentences/s, %zu events (dictionaries loaded in %.3f s)\n",
           docs, sents, t, (double)sents / t, events, load);
    dyad_reader_close(r);
    dyad_analysis_free(an);
    dyad_coder_free(c);
    dyad_lexicon_free(lex);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_coder SUITE.xml DICT_DIR CORPUS.jsonl [MAX_DOCS]\n");
        return 2;
    }
    int rc = bench_supplied(argv[1]);
    rc |= bench_text(argv[2], argv[3], argc > 4 ? atol(argv[4]) : 0);
    return rc;
}
