/*
 * test_coder_util.h — shared by the coder's unit tests: a fixture that
 * writes a small dictionary of the test's own into temporary files (the
 * file name's suffix picks the reader and syntax: ".actors.txt" PETRARCH,
 * ".actors" TABARI) and loads it, and an event collector that keeps the
 * events as "SOURCE TARGET CODE" lines.
 */
#ifndef DYAD_TEST_CODER_UTIL_H
#define DYAD_TEST_CODER_UTIL_H

#include "test_util.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIXTURE_MAX_FILES 8

typedef struct fixture {
    dyad_lexicon *lex;
    char *paths[FIXTURE_MAX_FILES];
    int n;
} fixture;

/* files[i] = {suffix, content}; the group's state becomes the fixture. */
static int fixture_load(void **state, const char *const files[][2], int n)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_true(n <= FIXTURE_MAX_FILES);
    for (f->n = 0; f->n < n; f->n++)
        f->paths[f->n] = test_write_temp(files[f->n][0], files[f->n][1], strlen(files[f->n][1]));
    dyad_lexicon_options lo;
    memset(&lo, 0, sizeof lo);
    dyad_error err;
    assert_int_equal(dyad_lexicon_load_files((const char *const *)f->paths, (size_t)n, &lo,
                                             &f->lex, &err),
                     DYAD_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    dyad_lexicon_free(f->lex);
    for (int i = 0; i < f->n; i++) {
        unlink(f->paths[i]);
        free(f->paths[i]);
    }
    free(f);
    return 0;
}

typedef struct got {
    char ev[32][96]; /* the first 32 events; n counts them all */
    size_t n;
    dyad_event last;
    dyad_event_provenance prov;
} got;

static int collect(void *user, const dyad_event *ev, const dyad_event_provenance *prov)
{
    got *g = user;
    if (g->n < sizeof g->ev / sizeof *g->ev)
        snprintf(g->ev[g->n], 96, "%s %s %s", ev->source, ev->target, ev->code);
    g->n++;
    g->last = *ev;
    g->prov = *prov;
    return 0;
}

static bool has(const got *g, const char *want)
{
    for (size_t i = 0; i < g->n && i < sizeof g->ev / sizeof *g->ev; i++)
        if (strcmp(g->ev[i], want) == 0)
            return true;
    return false;
}

#endif
