/*
 * store.c — the public face of the event store (dyad_store_*, issue 7):
 * picks the back end from the address (a path is SQLite, a postgres URI
 * or "pg:" conninfo is PostgreSQL), checks what callers hand in, and
 * prepares each document the same way for both back ends: its content
 * hash (which makes re-ingest idempotent), its date text, and one sentence
 * list merging the caller's sentences with those only events mention.
 *
 * The back ends own transactions and SQL; this file holds no SQL except
 * the dialect-neutral counts query.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

void store_copy_code(char *dst, size_t cap, const char *s, size_t len)
{
    if (!s)
        len = 0;
    if (len >= cap)
        len = cap - 1;
    if (len)
        memcpy(dst, s, len);
    dst[len] = 0;
}

dyad_status store_db_error(const dyad_store *s, dyad_error *err, const char *what,
                           const char *detail)
{
    /* libpq messages span lines and indent with tabs: make them one line */
    char flat[512];
    size_t n = 0;
    for (const char *p = detail ? detail : ""; *p && n + 1 < sizeof flat; p++) {
        char c = *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : *p;
        if (c != ' ' || (n && flat[n - 1] != ' '))
            flat[n++] = c;
    }
    while (n && flat[n - 1] == ' ')
        n--;
    flat[n] = 0;
    return error_set(err, DYAD_EDB, s->name, 0, "%s: %s", what, flat);
}

static int is_pg_address(const char *a)
{
    return !strncmp(a, "postgresql://", 13) || !strncmp(a, "postgres://", 11) ||
           !strncmp(a, "pg:", 3);
}

/* The address for messages: a URI loses everything before '@' after the
 * scheme, so a password never reaches a log. */
static void set_display_name(dyad_store *s, const char *addr)
{
    const char *at = strchr(addr, '@');
    const char *scheme_end = strstr(addr, "://");
    if (at && scheme_end && at > scheme_end)
        snprintf(s->name, sizeof s->name, "%.*s%s", (int)(scheme_end + 3 - addr), addr, at + 1);
    else if (!strncmp(addr, "pg:", 3))
        snprintf(s->name, sizeof s->name, "postgresql");
    else
        snprintf(s->name, sizeof s->name, "%s", addr);
}

static dyad_status apply_options(dyad_store *s, const dyad_store_options *o, int pg,
                                 dyad_error *err)
{
    s->read_only = o && o->read_only;
    s->busy_timeout_ms = o && o->busy_timeout_ms ? o->busy_timeout_ms : STORE_DEFAULT_BUSY_MS;
    s->batch_docs = o && o->batch_docs ? o->batch_docs
                    : pg               ? STORE_DEFAULT_PG_BATCH
                                       : STORE_DEFAULT_SQLITE_BATCH;
    if (s->batch_docs > DYAD_STORE_MAX_BATCH_DOCS)
        return error_set(err, DYAD_ELIMIT, s->name, 0, "batch of %zu documents exceeds %u",
                         s->batch_docs, DYAD_STORE_MAX_BATCH_DOCS);
    return DYAD_OK;
}

dyad_status dyad_store_open(const char *addr, const dyad_store_options *opts, dyad_store **out,
                            dyad_error *err)
{
    *out = NULL;
    if (!addr || !*addr)
        return error_set(err, DYAD_EINVAL, NULL, 0, "store: empty database path");
    const dyad_allocator *a = core_allocator(opts ? opts->allocator : NULL);
    dyad_store *s = core_calloc(a, 1, sizeof *s);
    if (!s)
        return error_set(err, DYAD_ENOMEM, addr, 0, "out of memory");
    s->allocator = a;
    set_display_name(s, addr);
    int pg = is_pg_address(addr);
    dyad_status st = apply_options(s, opts, pg, err);
    if (st == DYAD_OK)
        st = pg ? store_pg_open(s, !strncmp(addr, "pg:", 3) ? addr + 3 : addr, err)
                : store_sqlite_open(s, addr, err);
    if (st != DYAD_OK) {
        if (s->ops)
            s->ops->close(s);
        core_free(a, s);
        return st;
    }
    *out = s;
    return DYAD_OK;
}

dyad_status dyad_store_flush(dyad_store *s, dyad_error *err)
{
    if (!s)
        return error_set(err, DYAD_EINVAL, NULL, 0, "store: NULL store");
    return s->pending_docs ? s->ops->flush(s, err) : DYAD_OK;
}

dyad_status dyad_store_close(dyad_store *s, dyad_error *err)
{
    if (!s)
        return DYAD_OK;
    dyad_status st = dyad_store_flush(s, err);
    s->ops->close(s);
    core_free(s->allocator, s->sent_buf);
    core_free(s->allocator, s->idx_buf);
    core_free(s->allocator, s);
    return st;
}

const char *dyad_store_backend(const dyad_store *s)
{
    return s && s->ops ? s->ops->name : "";
}

/* ---- preparing a document ---- */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sentence indexes events mention beyond the caller's list, sorted and
 * unique, so each becomes exactly one row (a duplicate key would fail the
 * whole COPY batch on PostgreSQL). */
static dyad_status missing_sentences(dyad_store *s, size_t given_n, const dyad_event *ev,
                                     size_t ev_n, size_t *out_n)
{
    size_t n = 0;
    for (size_t i = 0; i < ev_n; i++) {
        if (ev[i].sentence < given_n)
            continue;
        dyad_status st =
            core_grow(s->allocator, (void **)&s->idx_buf, &s->idx_cap, n + 1, sizeof(uint32_t));
        if (st)
            return st;
        s->idx_buf[n++] = ev[i].sentence;
    }
    if (n > 1)
        qsort(s->idx_buf, n, sizeof(uint32_t), cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || s->idx_buf[u - 1] != s->idx_buf[i])
            s->idx_buf[u++] = s->idx_buf[i];
    *out_n = u;
    return DYAD_OK;
}

static const dyad_event *event_of_sentence(const dyad_event *ev, size_t n, uint32_t idx)
{
    for (size_t i = 0; i < n; i++)
        if (ev[i].sentence == idx)
            return &ev[i];
    return NULL;
}

static dyad_status check_span(const dyad_doc *doc, dyad_span sp, size_t i, dyad_error *err)
{
    if (sp.begin <= sp.end && sp.end <= doc->text.len)
        return DYAD_OK;
    dyad_status st = error_set(err, DYAD_EINVAL, doc->file, doc->line,
                               "sentence %zu span [%u, %u) lies outside the text (%zu bytes)",
                               i, sp.begin, sp.end, doc->text.len);
    error_set_record(err, doc->id.ptr, doc->id.len);
    return st;
}

static dyad_status merge_sentences(dyad_store *s, const dyad_doc *doc, const dyad_sentence *sv,
                                   size_t sn, const dyad_event *ev, size_t en, store_doc *d,
                                   dyad_error *err)
{
    size_t extra = 0;
    dyad_status st = missing_sentences(s, sn, ev, en, &extra);
    if (st == DYAD_OK)
        st = core_grow(s->allocator, (void **)&s->sent_buf, &s->sent_cap, sn + extra + 1,
                       sizeof(store_sentence));
    if (st)
        return error_set(err, st, doc->file, doc->line, "out of memory");
    for (size_t i = 0; i < sn; i++) {
        if ((st = check_span(doc, sv[i].span, i, err)))
            return st;
        store_sentence *o = &s->sent_buf[i];
        o->idx = (uint32_t)i;
        o->span = sv[i].span;
        o->text.ptr = doc->text.ptr + sv[i].span.begin;
        o->text.len = sv[i].span.end - sv[i].span.begin;
    }
    for (size_t i = 0; i < extra; i++) {
        const dyad_event *e = event_of_sentence(ev, en, s->idx_buf[i]);
        store_sentence *o = &s->sent_buf[sn + i];
        o->idx = s->idx_buf[i];
        o->span = (dyad_span){0, 0};
        o->text = e->text.ptr ? e->text : (dyad_str){"", 0};
    }
    d->sentences = s->sent_buf;
    d->sentence_n = sn + extra;
    return DYAD_OK;
}

static void content_hash(const dyad_doc *doc, char out[33])
{
    const char *t = doc->text.ptr ? doc->text.ptr : "";
    uint64_t h = hash_bytes(t, doc->text.len);
    uint32_t c = crc32_bytes(0, t, doc->text.len);
    snprintf(out, 33, "%016llx%08lx", (unsigned long long)h, (unsigned long)c);
}

static void now_utc(char out[20])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Ids dyad_store_add_document accepts; any document for reading. */
static dyad_status check_id(const dyad_doc *doc, dyad_error *err)
{
    if (!doc || !doc->id.ptr || doc->id.len == 0)
        return error_set(err, DYAD_EINVAL, doc ? doc->file : NULL, doc ? doc->line : 0,
                         "document without an id cannot be stored");
    if (doc->id.len > DYAD_STORE_MAX_ID_BYTES || memchr(doc->id.ptr, 0, doc->id.len))
        return error_set(err, DYAD_EINVAL, doc->file, doc->line,
                         "document id is longer than %u bytes or holds a NUL byte",
                         DYAD_STORE_MAX_ID_BYTES);
    return DYAD_OK;
}

static dyad_status check_doc(const dyad_store *s, const dyad_doc *doc, dyad_error *err)
{
    if (s->read_only)
        return error_set(err, DYAD_EINVAL, s->name, 0, "store was opened read-only");
    return check_id(doc, err);
}

dyad_status dyad_store_has_document(dyad_store *s, const dyad_doc *doc, int *stored,
                                    dyad_error *err)
{
    int ignored;
    if (!stored)
        stored = &ignored;
    *stored = 0;
    if (!s)
        return error_set(err, DYAD_EINVAL, NULL, 0, "store: NULL store");
    dyad_status st = check_id(doc, err);
    if (st)
        return st;
    char hash[33];
    content_hash(doc, hash);
    return s->ops->find(s, doc->id, hash, stored, err);
}

dyad_status dyad_store_add_document(dyad_store *s, const dyad_doc *doc,
                                    const dyad_sentence *sentences, size_t sentence_n,
                                    const dyad_event *events, size_t event_n,
                                    dyad_store_result *result, dyad_error *err)
{
    dyad_store_result ignored;
    if (!result)
        result = &ignored;
    if (!s)
        return error_set(err, DYAD_EINVAL, NULL, 0, "store: NULL store");
    dyad_status st = check_doc(s, doc, err);
    if (st)
        return st;
    store_doc d = {.doc = doc, .events = events, .event_n = events ? event_n : 0};
    st = merge_sentences(s, doc, sentences, sentences ? sentence_n : 0, d.events, d.event_n,
                         &d, err);
    if (st)
        return st;
    content_hash(doc, d.hash);
    dyad_date_format(doc->date, d.date);
    now_utc(d.added_at);
    return s->ops->add(s, &d, result, err);
}

/* ---- totals and checks ---- */

static int counts_row(void *user, const store_cols *c)
{
    dyad_store_counts *out = user;
    out->documents = c->v[0] ? strtoull(c->v[0], NULL, 10) : 0;
    out->sentences = c->v[1] ? strtoull(c->v[1], NULL, 10) : 0;
    out->events = c->v[2] ? strtoull(c->v[2], NULL, 10) : 0;
    return 0;
}

dyad_status dyad_store_counts_get(dyad_store *s, dyad_store_counts *out, dyad_error *err)
{
    memset(out, 0, sizeof *out);
    if (!s)
        return error_set(err, DYAD_EINVAL, NULL, 0, "store: NULL store");
    static const char sql[] = "SELECT (SELECT COUNT(*) FROM documents),"
                              " (SELECT COUNT(*) FROM sentences), (SELECT COUNT(*) FROM events)";
    return s->ops->select(s, sql, NULL, 0, counts_row, out, err);
}

dyad_status dyad_store_check(dyad_store *s, dyad_error *err)
{
    if (!s)
        return error_set(err, DYAD_EINVAL, NULL, 0, "store: NULL store");
    return s->ops->check(s, err);
}

/* ---- queries ---- */

typedef struct row_ctx {
    const dyad_store_query *q;
    dyad_store_row_fn fn;
    dyad_store_agg_fn agg_fn;
    void *user;
} row_ctx;

static int event_row(void *user, const store_cols *c)
{
    row_ctx *ctx = user;
    dyad_store_row row;
    store_row_decode(c, ctx->q, &row);
    return ctx->fn(ctx->user, &row);
}

static int agg_row(void *user, const store_cols *c)
{
    row_ctx *ctx = user;
    dyad_store_agg agg;
    store_agg_decode(c, ctx->q, &agg);
    return ctx->agg_fn(ctx->user, &agg);
}

typedef dyad_status (*sql_builder)(const dyad_store *s, const dyad_store_query *q, store_sql *sql,
                                   dyad_error *err);

/* Builds a query's SQL with build and hands each result row to row_fn;
 * shared by the event listing and the aggregates. */
static dyad_status run_select(dyad_store *s, const dyad_store_query *q, sql_builder build,
                              int (*row_fn)(void *, const store_cols *), row_ctx *ctx,
                              dyad_error *err)
{
    store_sql *sql = core_calloc(s->allocator, 1, sizeof *sql);
    if (!sql)
        return error_set(err, DYAD_ENOMEM, s->name, 0, "out of memory");
    dyad_status st = build(s, q, sql, err);
    if (st == DYAD_OK)
        st = s->ops->select(s, sql->sql.data, sql->params, sql->param_n, row_fn, ctx, err);
    store_sql_free(sql);
    core_free(s->allocator, sql);
    return st;
}

dyad_status dyad_store_query_events(dyad_store *s, const dyad_store_query *q,
                                    dyad_store_row_fn fn, void *user, dyad_error *err)
{
    static const dyad_store_query all;
    if (!s || !fn)
        return error_set(err, DYAD_EINVAL, NULL, 0, "store: NULL store or callback");
    if (!q)
        q = &all;
    row_ctx ctx = {q, fn, NULL, user};
    return run_select(s, q, store_sql_events, event_row, &ctx, err);
}

dyad_status dyad_store_query_aggregates(dyad_store *s, const dyad_store_query *q,
                                        dyad_store_agg_fn fn, void *user, dyad_error *err)
{
    static const dyad_store_query all;
    if (!s || !fn)
        return error_set(err, DYAD_EINVAL, NULL, 0, "store: NULL store or callback");
    if (!q)
        q = &all;
    row_ctx ctx = {q, NULL, fn, user};
    return run_select(s, q, store_sql_aggregates, agg_row, &ctx, err);
}
