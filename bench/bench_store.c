/*
 * bench_store.c — measures the event store (issue 7): the ingest rate of
 * synthetic documents (events/s, through dyad_store_add_document, so it
 * includes hashing, the idempotency lookup and, on PostgreSQL, COPY), and
 * the latency of the analyst's everyday question — a daily event-count
 * series for one dyad over one year, and the same for every dyad at once —
 * over the whole store.  Not a test: it prints figures and fails on
 * nothing but errors.
 *
 *   bench_store [--events N] [--batch B] [--repeat R] [--reset] ADDR
 *
 * ADDR is an SQLite path (deleted first: the bench always starts empty)
 * or a postgresql:// URI whose database must be empty, unless --reset is
 * given, which drops and recreates its public schema.  N events (default
 * 1,000,000) come in documents of 5 events dated across 2023, between 40
 * source and 40 target actors; R (default 5) timed runs of each query,
 * the median reported.
 */
#include "dyad.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { EVENTS_PER_DOC = 5, ACTORS = 40, MAX_REPEAT = 50 };

static const char *const countries[ACTORS] = {
    "AZE", "ARM", "USA", "RUS", "UKR", "TUR", "IRN", "GEO", "FRA", "DEU", "GBR", "CHN", "IND", "PAK",
    "ISR", "PSE", "EGY", "SAU", "SYR", "IRQ", "JOR", "LBN", "KAZ", "UZB", "BLR", "POL", "ROU", "MDA",
    "HUN", "SRB", "ITA", "ESP", "JPN", "KOR", "PRK", "BRA", "MEX", "NGA", "ZAF", "ETH"};
static const char *const codes[] = {"010", "036", "042", "043", "051", "057", "111",
                                     "112", "130", "173", "190", "193", "0874", "1823"};
static const double gold[] = {0.0, 4.0, 1.9, 2.8, 3.4, 8.0, -2.0,
                              -2.0, -4.4, -5.0, -10.0, -10.0, 10.0, -10.0};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t rng_state = 2463534242u;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static dyad_date day_of_2023(int n)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    dyad_date d = {2023, 1, 1};
    while (n >= mdays[d.month - 1])
        n -= mdays[d.month - 1], d.month++;
    d.day = (int8_t)(n + 1);
    return d;
}

typedef struct synth {
    char id[32];
    char text[256];
    dyad_doc doc;
    dyad_sentence sent[2];
    dyad_event ev[EVENTS_PER_DOC];
} synth;

static void make_doc(synth *s, long i)
{
    memset(s, 0, sizeof *s);
    snprintf(s->id, sizeof s->id, "bench-%08ld", i);
    int n1 = snprintf(s->text, sizeof s->text,
                      "Officials of the two governments met on item %ld to discuss trade.", i);
    int n2 = snprintf(s->text + n1 + 1, sizeof s->text - (size_t)n1 - 1,
                      "Border guards later exchanged fire near a checkpoint.");
    s->text[n1] = ' ';
    s->doc.id = (dyad_str){s->id, strlen(s->id)};
    s->doc.text = (dyad_str){s->text, (size_t)(n1 + 1 + n2)};
    s->doc.date = day_of_2023((int)(i % 365));
    s->doc.source = (dyad_str){"Bench Wire", 10};
    s->sent[0].span = (dyad_span){0, (uint32_t)n1};
    s->sent[1].span = (dyad_span){(uint32_t)n1 + 1, (uint32_t)(n1 + 1 + n2)};
    for (int j = 0; j < EVENTS_PER_DOC; j++) {
        dyad_event *e = &s->ev[j];
        int c = (int)(rng() % (sizeof codes / sizeof codes[0]));
        e->doc_id = s->doc.id;
        e->date = s->doc.date;
        e->sentence = (uint32_t)(j % 2);
        snprintf(e->source, sizeof e->source, "%sGOV", countries[rng() % ACTORS]);
        snprintf(e->target, sizeof e->target, "%s%s", countries[rng() % ACTORS],
                 rng() % 2 ? "GOV" : "MIL");
        snprintf(e->code, sizeof e->code, "%s", codes[c]);
        memcpy(e->root, codes[c], 2);
        int root = atoi(e->root);
        e->quad = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
        e->goldstein = gold[c];
        dyad_span sp = s->sent[e->sentence].span;
        e->text = (dyad_str){s->text + sp.begin, sp.end - sp.begin};
        e->verb_text = (dyad_str){"met", 3};
    }
}

static int is_pg(const char *addr)
{
    return !strncmp(addr, "postgresql://", 13) || !strncmp(addr, "postgres://", 11);
}

static int prepare_target(const char *addr, int reset)
{
    if (!is_pg(addr)) {
        char p[1100];
        unlink(addr);
        snprintf(p, sizeof p, "%s-wal", addr);
        unlink(p);
        snprintf(p, sizeof p, "%s-shm", addr);
        unlink(p);
        return 0;
    }
    PGconn *c = PQconnectdb(addr);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "bench_store: %s", PQerrorMessage(c));
        PQfinish(c);
        return -1;
    }
    const char *sql = reset ? "SET client_min_messages = warning; DROP SCHEMA public CASCADE;"
                              " CREATE SCHEMA public"
                            : "SELECT 1 FROM pg_tables WHERE tablename = 'events'";
    PGresult *r = PQexec(c, sql);
    int busy = !reset && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0;
    int bad = PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK;
    PQclear(r);
    PQfinish(c);
    if (busy)
        fprintf(stderr, "bench_store: the database already has an events table; use --reset\n");
    return busy || bad ? -1 : 0;
}

static int ingest(const char *addr, long events, size_t batch)
{
    dyad_store_options o = {.batch_docs = batch};
    dyad_store *store = NULL;
    dyad_error err;
    if (dyad_store_open(addr, &o, &store, &err) != DYAD_OK) {
        fprintf(stderr, "bench_store: %s\n", err.message);
        return -1;
    }
    long docs = (events + EVENTS_PER_DOC - 1) / EVENTS_PER_DOC;
    synth s;
    double t0 = now_seconds();
    for (long i = 0; i < docs; i++) {
        make_doc(&s, i);
        if (dyad_store_add_document(store, &s.doc, s.sent, 2, s.ev, EVENTS_PER_DOC, NULL, &err)) {
            fprintf(stderr, "bench_store: %s\n", err.message);
            dyad_store_close(store, NULL);
            return -1;
        }
    }
    if (dyad_store_close(store, &err) != DYAD_OK) {
        fprintf(stderr, "bench_store: %s\n", err.message);
        return -1;
    }
    double dt = now_seconds() - t0;
    printf("ingest  %s: %ld documents, %ld events in %.2f s: %.0f events/s, %.0f documents/s"
           " (batch %zu; 0 = default)\n",
           is_pg(addr) ? "postgresql" : "sqlite", docs,
           docs * EVENTS_PER_DOC, dt, docs * EVENTS_PER_DOC / dt, docs / dt, batch);
    return 0;
}

static int count_agg(void *user, const dyad_store_agg *a)
{
    (void)a;
    (*(long *)user)++;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int time_query(dyad_store *store, const char *label, const dyad_store_query *q, int repeat)
{
    double t[MAX_REPEAT];
    long rows = 0;
    dyad_error err;
    for (int r = 0; r < repeat; r++) {
        rows = 0;
        double t0 = now_seconds();
        if (dyad_store_query_aggregates(store, q, count_agg, &rows, &err) != DYAD_OK) {
            fprintf(stderr, "bench_store: %s\n", err.message);
            return -1;
        }
        t[r] = now_seconds() - t0;
    }
    qsort(t, (size_t)repeat, sizeof t[0], cmp_double);
    printf("query   %s: %ld rows, median %.1f ms, best %.1f ms over %d runs\n", label, rows,
           t[repeat / 2] * 1e3, t[0] * 1e3, repeat);
    return 0;
}

static int queries(const char *addr, int repeat)
{
    dyad_store_options o = {.read_only = 1};
    dyad_store *store = NULL;
    dyad_error err;
    if (dyad_store_open(addr, &o, &store, &err) != DYAD_OK) {
        fprintf(stderr, "bench_store: %s\n", err.message);
        return -1;
    }
    dyad_store_counts c;
    if (dyad_store_counts_get(store, &c, &err) == DYAD_OK)
        printf("store   %llu documents, %llu events\n", (unsigned long long)c.documents,
               (unsigned long long)c.events);
    dyad_store_query q = {.from = {2023, 1, 1}, .to = {2023, 12, 31}, .by = DYAD_PERIOD_DAY,
                          .group = DYAD_GROUP_DYAD, .source = "AZEGOV", .target = "ARMGOV"};
    int rc = time_query(store, "daily series 2023, one dyad (AZEGOV -> ARMGOV)", &q, repeat);
    q.source = "AZE*";
    q.target = NULL;
    if (!rc)
        rc = time_query(store, "daily series 2023, source 'AZE*' x every target", &q, repeat);
    q.source = NULL;
    if (!rc)
        rc = time_query(store, "daily series 2023, every dyad", &q, repeat);
    dyad_store_close(store, NULL);
    return rc;
}

int main(int argc, char **argv)
{
    long events = 1000000;
    size_t batch = 0;
    int repeat = 5, reset = 0;
    const char *addr = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--events") && i + 1 < argc)
            events = atol(argv[++i]);
        else if (!strcmp(argv[i], "--batch") && i + 1 < argc)
            batch = (size_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--reset"))
            reset = 1;
        else if (argv[i][0] != '-' && !addr)
            addr = argv[i];
        else {
            fprintf(stderr, "usage: bench_store [--events N] [--batch B] [--repeat R] [--reset] "
                            "ADDR\n");
            return 2;
        }
    }
    if (!addr || events <= 0 || repeat < 1 || repeat > MAX_REPEAT) {
        fprintf(stderr, "usage: bench_store [--events N] [--batch B] [--repeat R] [--reset] "
                        "ADDR\n");
        return 2;
    }
    if (prepare_target(addr, reset) || ingest(addr, events, batch) || queries(addr, repeat))
        return 1;
    return 0;
}
