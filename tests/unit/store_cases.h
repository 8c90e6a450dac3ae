/*
 * store_cases.h — fixtures and back-end-neutral test cases for the event
 * store (src/store/), included by test_store_sqlite.c, test_store_query.c
 * and test_store_pg.c so SQLite and PostgreSQL pass the very same checks.
 * An including file sets store_fresh to a function that opens an empty
 * store; the cases never know which back end they run on.
 *
 * Synthetic documents: document i is dated 2023-01-01 + i % 365 days, has
 * two sentences written for these tests, and events cycling through the
 * dyads, codes and Goldstein values in the tables below, so expected
 * counts can be computed here by brute force.
 */
#ifndef DYAD_STORE_CASES_H
#define DYAD_STORE_CASES_H

#include "test_util.h"

#include <cJSON.h>

/* Opens an empty store; batch_docs 0 = back end default. */
typedef dyad_store *(*store_fresh_fn)(size_t batch_docs);
static store_fresh_fn store_fresh;

static const char *const fx_sources[] = {"AZEGOV", "USAGOV", "RUSMIL", "IGOUNO", "ARMGOV"};
static const char *const fx_targets[] = {"ARMGOV", "AZEGOV", "UKRMIL", "AZEOPP", "USAGOV", "IRN"};
static const char *const fx_codes[] = {"042", "0874", "190", "111", "057", "1823", "036"};
static const double fx_gold[] = {1.9, 10.0, -10.0, -2.0, 8.0, -10.0, 4.0};

enum { FX_MAX_EVENTS = 8 };

typedef struct fx_doc {
    char id[64];
    char text[512];
    dyad_doc doc;
    dyad_sentence sent[2];
    dyad_event ev[FX_MAX_EVENTS];
    size_t ev_n;
} fx_doc;

static inline int fx_quad_of_root(int root)
{
    return root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
}

static inline dyad_date fx_date(int day_of_year)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    dyad_date d = {2023, 1, 1};
    while (day_of_year >= mdays[d.month - 1]) {
        day_of_year -= mdays[d.month - 1];
        d.month++;
    }
    d.day = (int8_t)(1 + day_of_year);
    return d;
}

/* Event j of document i: the (i + j)th entry of each table. */
static inline void fx_event(fx_doc *f, int i, int j)
{
    dyad_event *e = &f->ev[j];
    memset(e, 0, sizeof *e);
    e->doc_id = f->doc.id;
    e->date = f->doc.date;
    e->sentence = (uint32_t)(j % 2);
    snprintf(e->source, sizeof e->source, "%s", fx_sources[(i + j) % 5]);
    snprintf(e->target, sizeof e->target, "%s", fx_targets[(i + j) % 6]);
    int c = (i + j) % 7;
    snprintf(e->code, sizeof e->code, "%s", fx_codes[c]);
    memcpy(e->root, e->code, 2);
    e->quad = fx_quad_of_root(atoi(e->root));
    e->goldstein = fx_gold[c];
    dyad_span sp = f->sent[e->sentence].span;
    e->text = (dyad_str){f->text + sp.begin, sp.end - sp.begin};
    e->source_text = (dyad_str){f->text + sp.begin, 9};
    e->source_span = (dyad_span){sp.begin, sp.begin + 9};
    e->verb_text = (dyad_str){"met", 3};
}

static inline void fx_make(fx_doc *f, int i, size_t ev_n)
{
    memset(f, 0, sizeof *f);
    snprintf(f->id, sizeof f->id, "doc-%05d", i);
    int n1 = snprintf(f->text, sizeof f->text,
                      "Ministers from Baku met envoys in Geneva %s on day %d.",
                      i % 10 == 0 ? "to discuss a ceasefire" : "about trade", i);
    int n2 = snprintf(f->text + n1 + 1, sizeof f->text - (size_t)n1 - 1,
                      "Troops fired shots near the border village number %d.", i);
    f->text[n1] = ' ';
    f->doc.id = (dyad_str){f->id, strlen(f->id)};
    f->doc.text = (dyad_str){f->text, (size_t)(n1 + 1 + n2)};
    f->doc.date = fx_date(i % 365);
    f->doc.source = (dyad_str){"Test Wire", 9};
    f->doc.url = (dyad_str){"https://example.org/story", 25};
    f->doc.file = "fixture";
    f->sent[0].span = (dyad_span){0, (uint32_t)n1};
    f->sent[1].span = (dyad_span){(uint32_t)n1 + 1, (uint32_t)(n1 + 1 + n2)};
    f->ev_n = ev_n > FX_MAX_EVENTS ? FX_MAX_EVENTS : ev_n;
    for (size_t j = 0; j < f->ev_n; j++)
        fx_event(f, i, (int)j);
}

static inline dyad_store_result fx_add(dyad_store *s, fx_doc *f)
{
    dyad_error err;
    dyad_store_result res = 99;
    dyad_status st = dyad_store_add_document(s, &f->doc, f->sent, 2, f->ev, f->ev_n, &res, &err);
    if (st != DYAD_OK)
        fprintf(stderr, "add failed: %s\n", err.message);
    assert_int_equal(st, DYAD_OK);
    return res;
}

/* Adds documents [from, to) with events_per_doc events each. */
static inline void fx_fill(dyad_store *s, int from, int to, size_t events_per_doc)
{
    fx_doc f;
    for (int i = from; i < to; i++) {
        fx_make(&f, i, events_per_doc);
        fx_add(s, &f);
    }
}

static inline dyad_store_counts fx_counts(dyad_store *s)
{
    dyad_store_counts c;
    dyad_error err;
    assert_int_equal(dyad_store_counts_get(s, &c, &err), DYAD_OK);
    return c;
}

static inline void fx_close(dyad_store *s)
{
    dyad_error err;
    assert_int_equal(dyad_store_close(s, &err), DYAD_OK);
}

static inline int fx_count_row(void *user, const dyad_store_row *row)
{
    (void)row;
    (*(size_t *)user)++;
    return 0;
}

static inline size_t fx_query_n(dyad_store *s, const dyad_store_query *q)
{
    size_t n = 0;
    dyad_error err;
    dyad_status st = dyad_store_query_events(s, q, fx_count_row, &n, &err);
    if (st)
        fprintf(stderr, "query failed: %s\n", err.message);
    assert_int_equal(st, DYAD_OK);
    return n;
}

/* Expected count by brute force over the fixture: docs [0, docs) with
 * events_per_doc events, filtered by pred. */
typedef int (*fx_pred)(const dyad_event *e, const void *arg);

static inline size_t fx_expect(int docs, size_t events_per_doc, fx_pred pred, const void *arg)
{
    size_t n = 0;
    fx_doc f;
    for (int i = 0; i < docs; i++) {
        fx_make(&f, i, events_per_doc);
        for (size_t j = 0; j < f.ev_n; j++)
            n += pred(&f.ev[j], arg) != 0;
    }
    return n;
}

/* ---- cases ---- */

static inline void store_adds_document_sentences_and_events(void **state)
{
    (void)state;
    dyad_store *s = store_fresh(0);
    fx_doc f;
    fx_make(&f, 1, 3);
    assert_int_equal(fx_add(s, &f), DYAD_STORE_ADDED);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    dyad_store_counts c = fx_counts(s);
    assert_int_equal(c.documents, 1);
    assert_int_equal(c.sentences, 2);
    assert_int_equal(c.events, 3);
    fx_close(s);
}

static inline void store_skips_document_with_same_id_and_content(void **state)
{
    (void)state;
    dyad_store *s = store_fresh(0);
    fx_fill(s, 0, 5, 2);
    fx_doc f;
    fx_make(&f, 3, 2);
    assert_int_equal(fx_add(s, &f), DYAD_STORE_SKIPPED);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    dyad_store_counts c = fx_counts(s);
    assert_int_equal(c.documents, 5);
    assert_int_equal(c.events, 10);
    fx_close(s);
}

static inline void store_replaces_document_whose_text_changed(void **state)
{
    (void)state;
    dyad_store *s = store_fresh(0);
    fx_fill(s, 0, 3, 2);
    fx_doc f;
    fx_make(&f, 1, 5);
    f.text[0] = 'm'; /* same id, one byte different */
    assert_int_equal(fx_add(s, &f), DYAD_STORE_REPLACED);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    dyad_store_counts c = fx_counts(s);
    assert_int_equal(c.documents, 3);
    assert_int_equal(c.sentences, 6);
    assert_int_equal(c.events, 2 + 5 + 2);
    fx_close(s);
}

static inline int fx_has(dyad_store *s, const dyad_doc *doc)
{
    int stored = -1;
    dyad_error err;
    dyad_status st = dyad_store_has_document(s, doc, &stored, &err);
    if (st != DYAD_OK)
        fprintf(stderr, "has_document failed: %s\n", err.message);
    assert_int_equal(st, DYAD_OK);
    return stored;
}

/* What dyad code --db asks before coding a document: stored with the same
 * text, and nothing else, counts; asking changes nothing. */
static inline void store_has_document_only_for_same_id_and_text(void **state)
{
    (void)state;
    dyad_store *s = store_fresh(0);
    fx_fill(s, 0, 3, 2);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    fx_doc f;
    fx_make(&f, 1, 2);
    assert_int_equal(fx_has(s, &f.doc), 1);
    assert_int_equal(fx_has(s, &f.doc), 1);
    assert_int_equal(fx_add(s, &f), DYAD_STORE_SKIPPED);
    f.text[0] = 'm'; /* same id, one byte different */
    assert_int_equal(fx_has(s, &f.doc), 0);
    fx_make(&f, 7, 2); /* never added */
    assert_int_equal(fx_has(s, &f.doc), 0);
    f.doc.id = (dyad_str){"", 0};
    int stored = -1;
    assert_int_equal(dyad_store_has_document(s, &f.doc, &stored, NULL), DYAD_EINVAL);
    assert_int_equal(stored, 0);
    assert_int_equal(dyad_store_has_document(NULL, &f.doc, &stored, NULL), DYAD_EINVAL);
    assert_int_equal(dyad_store_has_document(s, NULL, &stored, NULL), DYAD_EINVAL);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    dyad_store_counts c = fx_counts(s);
    assert_int_equal(c.documents, 3);
    assert_int_equal(c.events, 6);
    fx_close(s);
}

static inline void store_repeats_within_one_batch_are_skipped(void **state)
{
    (void)state;
    dyad_store *s = store_fresh(50);
    fx_fill(s, 0, 10, 2);
    fx_doc f;
    fx_make(&f, 4, 2);
    assert_int_equal(fx_add(s, &f), DYAD_STORE_SKIPPED);
    fx_make(&f, 4, 3);
    f.text[0] = 'm';
    assert_int_equal(fx_add(s, &f), DYAD_STORE_REPLACED);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    dyad_store_counts c = fx_counts(s);
    assert_int_equal(c.documents, 10);
    assert_int_equal(c.events, 9 * 2 + 3);
    fx_close(s);
}

static inline void store_fills_sentences_only_events_mention(void **state)
{
    (void)state;
    dyad_store *s = store_fresh(0);
    fx_doc f;
    fx_make(&f, 2, 2);
    f.ev[0].sentence = 7; /* no sentence list: the event text becomes sentence 7 */
    f.ev[1].sentence = 7;
    dyad_store_result res;
    assert_int_equal(dyad_store_add_document(s, &f.doc, NULL, 0, f.ev, 2, &res, NULL), DYAD_OK);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    dyad_store_counts c = fx_counts(s);
    assert_int_equal(c.sentences, 1);
    assert_int_equal(c.events, 2);
    fx_close(s);
}

static inline void store_rejects_document_without_id(void **state)
{
    (void)state;
    dyad_store *s = store_fresh(0);
    fx_doc f;
    fx_make(&f, 1, 1);
    f.doc.id.len = 0;
    dyad_error err;
    assert_int_equal(dyad_store_add_document(s, &f.doc, f.sent, 2, f.ev, 1, NULL, &err),
                     DYAD_EINVAL);
    assert_non_null(strstr(err.message, "id"));
    fx_close(s);
}

static inline void store_accepts_id_at_limit_and_rejects_one_byte_more(void **state)
{
    (void)state;
    static char id[DYAD_STORE_MAX_ID_BYTES + 1];
    memset(id, 'x', sizeof id);
    dyad_store *s = store_fresh(0);
    fx_doc f;
    fx_make(&f, 1, 1);
    f.doc.id = (dyad_str){id, DYAD_STORE_MAX_ID_BYTES};
    for (size_t j = 0; j < f.ev_n; j++)
        f.ev[j].doc_id = f.doc.id;
    assert_int_equal(dyad_store_add_document(s, &f.doc, f.sent, 2, f.ev, 1, NULL, NULL), DYAD_OK);
    f.doc.id.len++;
    assert_int_equal(dyad_store_add_document(s, &f.doc, f.sent, 2, f.ev, 1, NULL, NULL),
                     DYAD_EINVAL);
    fx_close(s);
}

static inline void store_rejects_sentence_span_outside_text(void **state)
{
    (void)state;
    dyad_store *s = store_fresh(0);
    fx_doc f;
    fx_make(&f, 1, 1);
    f.sent[1].span.end = (uint32_t)f.doc.text.len + 1;
    dyad_error err;
    assert_int_equal(dyad_store_add_document(s, &f.doc, f.sent, 2, f.ev, 1, NULL, &err),
                     DYAD_EINVAL);
    assert_string_equal(err.record, "doc-00001");
    assert_int_equal(fx_counts(s).documents, 0);
    fx_close(s);
}

static inline void store_keeps_text_with_tabs_newlines_and_bad_utf8(void **state)
{
    (void)state;
    dyad_store *s = store_fresh(0);
    fx_doc f;
    fx_make(&f, 1, 1);
    memcpy(f.text, "Tab\there\nnew\\line \xff\xfe", 19); /* same length as before */
    assert_int_equal(fx_add(s, &f), DYAD_STORE_ADDED);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    assert_int_equal(fx_query_n(s, NULL), 1);
    fx_close(s);
}

/* ---- query cases (fixture: 400 documents x 3 events) ---- */

enum { FXQ_DOCS = 400, FXQ_EVENTS = 3 };

static inline dyad_store *fxq_store(void)
{
    dyad_store *s = store_fresh(0);
    fx_fill(s, 0, FXQ_DOCS, FXQ_EVENTS);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    return s;
}

static inline int pred_source_prefix(const dyad_event *e, const void *arg)
{
    return !strncmp(e->source, arg, strlen(arg));
}

static inline int pred_target_exact(const dyad_event *e, const void *arg)
{
    return !strcmp(e->target, arg);
}

static inline int pred_actor_prefix(const dyad_event *e, const void *arg)
{
    return !strncmp(e->source, arg, strlen(arg)) || !strncmp(e->target, arg, strlen(arg));
}

static inline int pred_march(const dyad_event *e, const void *arg)
{
    (void)arg;
    return e->date.month == 3 || (e->date.month == 4 && e->date.day == 1);
}

static inline int pred_root_quad(const dyad_event *e, const void *arg)
{
    (void)arg;
    return !strcmp(e->root, "19") && e->quad == 4;
}

static inline void query_filters_by_actor_prefix_exact_code_and_either_side(void **state)
{
    (void)state;
    dyad_store *s = fxq_store();
    dyad_store_query q = {0};
    q.source = "aze*"; /* case-insensitive */
    assert_int_equal(fx_query_n(s, &q), fx_expect(FXQ_DOCS, FXQ_EVENTS, pred_source_prefix, "AZE"));
    memset(&q, 0, sizeof q);
    q.target = "ARMGOV";
    assert_int_equal(fx_query_n(s, &q),
                     fx_expect(FXQ_DOCS, FXQ_EVENTS, pred_target_exact, "ARMGOV"));
    memset(&q, 0, sizeof q);
    q.actor = "AZE*";
    assert_int_equal(fx_query_n(s, &q), fx_expect(FXQ_DOCS, FXQ_EVENTS, pred_actor_prefix, "AZE"));
    memset(&q, 0, sizeof q);
    q.source = "AZE*";
    q.target = "ARM*";
    size_t both = fx_query_n(s, &q);
    assert_true(both > 0);
    assert_true(both < fx_expect(FXQ_DOCS, FXQ_EVENTS, pred_source_prefix, "AZE"));
    fx_close(s);
}

static inline void query_filters_by_inclusive_date_range(void **state)
{
    (void)state;
    dyad_store *s = fxq_store();
    dyad_store_query q = {0};
    q.from = (dyad_date){2023, 3, 1};
    q.to = (dyad_date){2023, 4, 1};
    assert_int_equal(fx_query_n(s, &q), fx_expect(FXQ_DOCS, FXQ_EVENTS, pred_march, NULL));
    fx_close(s);
}

static inline void query_filters_by_root_and_quad(void **state)
{
    (void)state;
    dyad_store *s = fxq_store();
    dyad_store_query q = {0};
    q.root = "19";
    q.quad = 4;
    size_t want = fx_expect(FXQ_DOCS, FXQ_EVENTS, pred_root_quad, NULL);
    assert_true(want > 0);
    assert_int_equal(fx_query_n(s, &q), want);
    q.quad = 1;
    assert_int_equal(fx_query_n(s, &q), 0);
    memset(&q, 0, sizeof q);
    q.code = "18*";
    assert_true(fx_query_n(s, &q) > 0);
    q.code = "1823";
    assert_true(fx_query_n(s, &q) > 0);
    fx_close(s);
}

static inline void query_full_text_matches_words_of_the_sentence(void **state)
{
    (void)state;
    dyad_store *s = fxq_store();
    dyad_store_query q = {0};
    q.text = "ceasefire";
    /* documents i % 10 == 0 mention it in sentence 0; events j = 0, 2 sit there */
    assert_int_equal(fx_query_n(s, &q), (FXQ_DOCS / 10) * 2);
    q.text = "Geneva, ceasefire!"; /* punctuation is not query syntax */
    assert_int_equal(fx_query_n(s, &q), (FXQ_DOCS / 10) * 2);
    q.text = "ceasefire troops"; /* all words, same sentence */
    assert_int_equal(fx_query_n(s, &q), 0);
    q.text = "!!!";
    dyad_error err;
    assert_int_equal(dyad_store_query_events(s, &q, fx_count_row, &(size_t){0}, &err),
                     DYAD_EINVAL);
    fx_close(s);
}

static inline void query_rejects_bad_patterns_roots_and_ranges(void **state)
{
    (void)state;
    dyad_store *s = store_fresh(0);
    dyad_error err;
    size_t n = 0;
    const char *bad[] = {"AZE%", "A*B", "", "USA'; DROP TABLE events; --",
                         "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dyad_store_query q = {.source = bad[i]};
        assert_int_equal(dyad_store_query_events(s, &q, fx_count_row, &n, &err), DYAD_EINVAL);
    }
    dyad_store_query q = {.source = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE*"}; /* 32: at the limit */
    assert_int_equal(dyad_store_query_events(s, &q, fx_count_row, &n, &err), DYAD_OK);
    q = (dyad_store_query){.root = "1"};
    assert_int_equal(dyad_store_query_events(s, &q, fx_count_row, &n, &err), DYAD_EINVAL);
    q = (dyad_store_query){.quad = 5};
    assert_int_equal(dyad_store_query_events(s, &q, fx_count_row, &n, &err), DYAD_EINVAL);
    q = (dyad_store_query){.from = {2023, 5, 2}, .to = {2023, 5, 1}};
    assert_int_equal(dyad_store_query_events(s, &q, fx_count_row, &n, &err), DYAD_EINVAL);
    assert_non_null(strstr(err.message, "range"));
    fx_close(s);
}

static inline int fx_stop_after_three(void *user, const dyad_store_row *row)
{
    (void)row;
    return ++*(size_t *)user == 3;
}

static inline void query_callback_can_stop_early_and_store_stays_usable(void **state)
{
    (void)state;
    dyad_store *s = fxq_store();
    size_t n = 0;
    assert_int_equal(dyad_store_query_events(s, NULL, fx_stop_after_three, &n, NULL), DYAD_OK);
    assert_int_equal(n, 3);
    assert_int_equal(fx_query_n(s, NULL), FXQ_DOCS * FXQ_EVENTS);
    fx_doc f;
    fx_make(&f, FXQ_DOCS, 1);
    assert_int_equal(fx_add(s, &f), DYAD_STORE_ADDED);
    fx_close(s);
}

/* A small hand-made set for aggregates and deduplication. */
static inline void fxa_add(dyad_store *s, const char *id, dyad_date date, const char *src,
                    const char *tgt, const char *code, double gold, size_t copies)
{
    fx_doc f;
    fx_make(&f, 1, 0);
    snprintf(f.id, sizeof f.id, "%s", id);
    f.doc.id = (dyad_str){f.id, strlen(f.id)};
    f.doc.date = date;
    f.ev_n = copies;
    for (size_t j = 0; j < copies; j++) {
        fx_event(&f, 0, 0);
        dyad_event *e = &f.ev[0];
        snprintf(e->source, sizeof e->source, "%s", src);
        snprintf(e->target, sizeof e->target, "%s", tgt);
        snprintf(e->code, sizeof e->code, "%s", code);
        memcpy(e->root, code, 2);
        e->quad = fx_quad_of_root(atoi(e->root));
        e->goldstein = gold;
        e->sentence = (uint32_t)j % 2;
        f.ev[j] = *e;
    }
    fx_add(s, &f);
}

static inline dyad_store *fxa_store(void)
{
    dyad_store *s = store_fresh(0);
    fxa_add(s, "a1", (dyad_date){2023, 3, 8}, "AZEGOV", "ARMGOV", "042", 1.9, 2); /* Wed */
    fxa_add(s, "a2", (dyad_date){2023, 3, 8}, "AZEGOV", "ARMGOV", "042", 1.9, 1);
    fxa_add(s, "a3", (dyad_date){2023, 3, 12}, "AZEGOV", "ARMGOV", "190", -10.0, 1); /* Sun */
    fxa_add(s, "a4", (dyad_date){2023, 3, 13}, "AZEGOV", "ARMGOV", "190", -10.0, 1); /* Mon */
    fxa_add(s, "a5", (dyad_date){2023, 4, 2}, "USAGOV", "AZEGOV", "036", 4.0, 1);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    return s;
}

typedef struct fxa_rows {
    dyad_store_agg r[16];
    size_t n;
} fxa_rows;

static inline int fxa_collect(void *user, const dyad_store_agg *a)
{
    fxa_rows *rows = user;
    if (rows->n < 16)
        rows->r[rows->n++] = *a;
    return 0;
}

static inline fxa_rows fxa_query(dyad_store *s, dyad_store_period by, unsigned group,
                          dyad_store_dedup dedup)
{
    fxa_rows rows = {.n = 0};
    dyad_store_query q = {.by = by, .group = group, .dedup = dedup};
    dyad_error err;
    dyad_status st = dyad_store_query_aggregates(s, &q, fxa_collect, &rows, &err);
    if (st)
        fprintf(stderr, "aggregate failed: %s\n", err.message);
    assert_int_equal(st, DYAD_OK);
    return rows;
}

static inline void aggregates_count_sum_and_mean_by_day_and_dyad(void **state)
{
    (void)state;
    dyad_store *s = fxa_store();
    fxa_rows r = fxa_query(s, DYAD_PERIOD_DAY, DYAD_GROUP_DYAD, DYAD_DEDUP_NONE);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.r[0].period.day, 8);
    assert_string_equal(r.r[0].source, "AZEGOV");
    assert_string_equal(r.r[0].target, "ARMGOV");
    assert_int_equal(r.r[0].count, 3);
    assert_float_equal(r.r[0].goldstein_sum, 5.7, 1e-9);
    assert_float_equal(r.r[0].goldstein_mean, 1.9, 1e-9);
    assert_int_equal(r.r[3].period.month, 4);
    assert_string_equal(r.r[3].source, "USAGOV");
    fx_close(s);
}

static inline void aggregates_label_iso_weeks_by_their_monday(void **state)
{
    (void)state;
    dyad_store *s = fxa_store();
    fxa_rows r = fxa_query(s, DYAD_PERIOD_WEEK, 0, DYAD_DEDUP_NONE);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.r[0].period.month, 3); /* Wed 8 and Sun 12 -> Mon 6 */
    assert_int_equal(r.r[0].period.day, 6);
    assert_int_equal(r.r[0].count, 4);
    assert_int_equal(r.r[1].period.day, 13); /* Mon 13 starts a week */
    assert_int_equal(r.r[1].count, 1);
    assert_int_equal(r.r[2].period.month, 3); /* Sun 2 April -> Mon 27 March */
    assert_int_equal(r.r[2].period.day, 27);
    fx_close(s);
}

static inline void aggregates_by_month_root_and_quad(void **state)
{
    (void)state;
    dyad_store *s = fxa_store();
    fxa_rows r = fxa_query(s, DYAD_PERIOD_MONTH, DYAD_GROUP_ROOT | DYAD_GROUP_QUAD, 0);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.r[0].period.day, 1);
    assert_string_equal(r.r[0].root, "04");
    assert_int_equal(r.r[0].quad, 1);
    assert_int_equal(r.r[0].count, 3);
    assert_string_equal(r.r[1].root, "19");
    assert_int_equal(r.r[1].quad, 4);
    assert_float_equal(r.r[1].goldstein_sum, -20.0, 1e-9);
    assert_int_equal(r.r[2].period.month, 4);
    fxa_rows all = fxa_query(s, DYAD_PERIOD_NONE, 0, 0);
    assert_int_equal(all.n, 1);
    assert_int_equal(all.r[0].count, 6);
    fx_close(s);
}

static inline void dedup_one_a_day_and_per_story_merge_repeats(void **state)
{
    (void)state;
    dyad_store *s = fxa_store();
    fxa_rows day = fxa_query(s, DYAD_PERIOD_NONE, 0, DYAD_DEDUP_DAY);
    assert_int_equal(day.r[0].count, 4); /* the three 042s of 8 March become one */
    fxa_rows story = fxa_query(s, DYAD_PERIOD_NONE, 0, DYAD_DEDUP_STORY);
    assert_int_equal(story.r[0].count, 5); /* only a1's repeat merges */
    dyad_store_query q = {.dedup = DYAD_DEDUP_DAY, .code = "042"};
    assert_int_equal(fx_query_n(s, &q), 1);
    fx_close(s);
}

/* ---- writers ---- */

static inline char *fx_write(dyad_store *s, const dyad_store_query *q, dyad_store_format fmt, int agg)
{
    char *data = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&data, &len);
    dyad_error err;
    dyad_status st = agg ? dyad_store_write_aggregates(s, q, fmt, out, &err)
                         : dyad_store_write_events(s, q, fmt, out, &err);
    if (st)
        fprintf(stderr, "write failed: %s\n", err.message);
    assert_int_equal(st, DYAD_OK);
    fclose(out);
    return data;
}

static inline size_t fx_fields(const char *line, char sep)
{
    size_t n = 1;
    for (; *line && *line != '\n'; line++)
        n += *line == sep;
    return n;
}

static inline void export_writes_gdelt_and_phoenix_column_layouts(void **state)
{
    (void)state;
    dyad_store *s = fxa_store();
    dyad_store_query q = {.code = "036"};
    char *g = fx_write(s, &q, DYAD_STORE_FORMAT_GDELT, 0);
    assert_int_equal(fx_fields(g, '\t'), 61);
    assert_non_null(strstr(g, "\t20230402\t202304\t2023\t"));
    assert_non_null(strstr(g, "\tUSAGOV\t"));
    assert_non_null(strstr(g, "\t036\t036\t03\t1\t4\t1\t1\t1\t"));
    assert_non_null(strstr(g, "\thttps://example.org/story\n"));
    free(g);
    char *p = fx_write(s, &q, DYAD_STORE_FORMAT_PHOENIX, 0);
    assert_int_equal(fx_fields(p, '\t'), 26);
    assert_non_null(strstr(p, "\t20230402\t2023\t4\t2\tUSAGOV\tUSA\tGOV\t\tAZEGOV\tAZE\tGOV\t\t036\t03\t1\t4\t"));
    assert_non_null(strstr(p, "\ta5_1\t"));
    free(p);
    fx_close(s);
}

static inline void export_writes_jsonl_that_parses_and_tsv_with_header(void **state)
{
    (void)state;
    dyad_store *s = fxa_store();
    char *j = fx_write(s, NULL, DYAD_STORE_FORMAT_JSONL, 0);
    size_t lines = 0;
    for (char *line = j; *line; lines++) {
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        *nl = 0;
        cJSON *o = cJSON_Parse(line);
        assert_non_null(o);
        assert_non_null(cJSON_GetObjectItem(o, "source"));
        cJSON_Delete(o);
        line = nl + 1;
    }
    assert_int_equal(lines, 6);
    free(j);
    char *t = fx_write(s, NULL, DYAD_STORE_FORMAT_TSV, 0);
    assert_int_equal(strncmp(t, "doc_id\t", 7), 0);
    free(t);
    dyad_store_query q = {.by = DYAD_PERIOD_MONTH, .group = DYAD_GROUP_DYAD};
    char *c = fx_write(s, &q, DYAD_STORE_FORMAT_CSV, 1);
    assert_string_equal(c, "month,source,target,count,goldstein_sum,goldstein_mean\n"
                           "2023-03-01,AZEGOV,ARMGOV,5,-14.3,-2.860\n"
                           "2023-04-01,USAGOV,AZEGOV,1,4.0,4.000\n");
    free(c);
    char *aj = fx_write(s, &q, DYAD_STORE_FORMAT_JSONL, 1);
    assert_non_null(strstr(aj, "{\"month\":\"2023-03-01\",\"source\":\"AZEGOV\","
                               "\"target\":\"ARMGOV\",\"count\":5,"));
    free(aj);
    fx_close(s);
}

#define STORE_SHARED_CASES                                                                   \
    cmocka_unit_test(store_adds_document_sentences_and_events),                              \
        cmocka_unit_test(store_skips_document_with_same_id_and_content),                     \
        cmocka_unit_test(store_replaces_document_whose_text_changed),                        \
        cmocka_unit_test(store_repeats_within_one_batch_are_skipped),                        \
        cmocka_unit_test(store_has_document_only_for_same_id_and_text),                      \
        cmocka_unit_test(store_fills_sentences_only_events_mention),                         \
        cmocka_unit_test(store_rejects_document_without_id),                                 \
        cmocka_unit_test(store_accepts_id_at_limit_and_rejects_one_byte_more),               \
        cmocka_unit_test(store_rejects_sentence_span_outside_text),                          \
        cmocka_unit_test(store_keeps_text_with_tabs_newlines_and_bad_utf8)

#define STORE_QUERY_CASES                                                                    \
    cmocka_unit_test(query_filters_by_actor_prefix_exact_code_and_either_side),              \
        cmocka_unit_test(query_filters_by_inclusive_date_range),                             \
        cmocka_unit_test(query_filters_by_root_and_quad),                                    \
        cmocka_unit_test(query_full_text_matches_words_of_the_sentence),                     \
        cmocka_unit_test(query_rejects_bad_patterns_roots_and_ranges),                       \
        cmocka_unit_test(query_callback_can_stop_early_and_store_stays_usable),              \
        cmocka_unit_test(aggregates_count_sum_and_mean_by_day_and_dyad),                     \
        cmocka_unit_test(aggregates_label_iso_weeks_by_their_monday),                        \
        cmocka_unit_test(aggregates_by_month_root_and_quad),                                 \
        cmocka_unit_test(dedup_one_a_day_and_per_story_merge_repeats),                       \
        cmocka_unit_test(export_writes_gdelt_and_phoenix_column_layouts),                    \
        cmocka_unit_test(export_writes_jsonl_that_parses_and_tsv_with_header)

#endif
