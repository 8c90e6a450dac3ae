/*
 * pg.c — the PostgreSQL back end of the event store, through libpq.
 *
 * Bulk path (issue 7): documents are checked one by one inside an open
 * transaction (same id and content hash: skip; changed: delete the old
 * rows at once), while their new rows are encoded into three COPY text
 * buffers.  When batch_docs documents are pending, the buffers go to the
 * server with COPY ... FROM STDIN and the transaction commits.  A killed
 * client or a dropped connection therefore loses the open batch and
 * nothing else; re-running skips what was committed.
 *
 * A document id already pending in the open batch flushes the batch
 * first (ids are remembered by hash in an open-addressing set; a hash
 * collision only costs an early flush), so the per-document check always
 * sees committed state and COPY never meets a duplicate key.
 *
 * COPY text format: tab-separated, \N for NULL, backslash escapes for
 * backslash, tab, newline and carriage return.  PostgreSQL rejects NUL
 * bytes and invalid UTF-8 — and would reject the whole batch — so those
 * bytes are replaced by ' ' and '?' (one byte for one, spans stay valid).
 */
#include "store/store.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Serializes concurrent migrations of one database (any constant will
 * do; this one spells "dyad"). */
#define PG_MIGRATION_LOCK 0x64796164

typedef struct pgs {
    PGconn *conn;
    int in_tx;
    buf docs, sents, events; /* COPY text of the open batch */
    uint64_t *ids;           /* id hashes of the open batch; 0 = empty slot */
    size_t id_cap;           /* power of two, > 2 * batch_docs */
} pgs;

static dyad_status pg_fail(dyad_store *s, dyad_error *err, const char *what)
{
    pgs *p = s->impl;
    const char *msg = p->conn ? PQerrorMessage(p->conn) : "out of memory";
    if (p->conn && PQstatus(p->conn) == CONNECTION_BAD) {
        char detail[600];
        snprintf(detail, sizeof detail, "connection lost: %s", msg);
        return store_db_error(s, err, what, detail);
    }
    return store_db_error(s, err, what, msg);
}

/* Runs a command that returns no rows. */
static dyad_status pg_exec(dyad_store *s, const char *sql, const char *what, dyad_error *err)
{
    pgs *p = s->impl;
    PGresult *r = PQexec(p->conn, sql);
    ExecStatusType t = PQresultStatus(r);
    dyad_status st = t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK ? DYAD_OK
                                                                   : pg_fail(s, err, what);
    PQclear(r);
    return st;
}

/* Runs a one-parameter statement, or the prepared statement of that name
 * when sql starts with "dyad_"; on success *out holds the result (caller
 * PQclear()s it). */
static dyad_status pg_exec1(dyad_store *s, const char *sql, const char *param, int len,
                            const char *what, PGresult **out, dyad_error *err)
{
    pgs *p = s->impl;
    const char *vals[1] = {param};
    int lens[1] = {len};
    int fmts[1] = {1}; /* binary: the id need not be NUL-terminated */
    PGresult *r = strncmp(sql, "dyad_", 5)
                      ? PQexecParams(p->conn, sql, 1, NULL, vals, lens, fmts, 0)
                      : PQexecPrepared(p->conn, sql, 1, vals, lens, fmts, 0);
    ExecStatusType t = PQresultStatus(r);
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
        dyad_status st = pg_fail(s, err, what);
        PQclear(r);
        return st;
    }
    if (out)
        *out = r;
    else
        PQclear(r);
    return DYAD_OK;
}

/* ---- COPY encoding ---- */

static dyad_status copy_field(buf *b, const char *s, size_t len)
{
    dyad_status st = buf_reserve(b, len + 1);
    for (size_t i = 0; i < len && st == DYAD_OK;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t n =
                utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
            st = n < 1 ? buf_putc(b, '?') : buf_append(b, s + i, (size_t)n);
            i += n < 1 ? 1 : (size_t)n;
            continue;
        }
        switch (c) {
        case '\\': st = buf_append(b, "\\\\", 2); break;
        case '\t': st = buf_append(b, "\\t", 2); break;
        case '\n': st = buf_append(b, "\\n", 2); break;
        case '\r': st = buf_append(b, "\\r", 2); break;
        case 0: st = buf_putc(b, ' '); break;
        default: st = buf_putc(b, (char)c);
        }
        i++;
    }
    return st;
}

/* Appends a field and its separator ('\t' or '\n'); NULL for an empty
 * optional field. */
static dyad_status put(buf *b, const char *s, size_t len, int optional, char sep)
{
    dyad_status st = optional && len == 0 ? buf_append(b, "\\N", 2) : copy_field(b, s, len);
    return st ? st : buf_putc(b, sep);
}

static dyad_status put_str(buf *b, dyad_str v, int optional, char sep)
{
    return put(b, v.ptr ? v.ptr : "", v.ptr ? v.len : 0, optional, sep);
}

static dyad_status put_cstr(buf *b, const char *v, size_t cap, int optional, char sep)
{
    return put(b, v, strnlen(v, cap), optional, sep);
}

static dyad_status encode_doc(pgs *p, const store_doc *d)
{
    const dyad_doc *doc = d->doc;
    buf *b = &p->docs;
    dyad_status st = put_str(b, doc->id, 0, '\t');
    if (!st) st = put_cstr(b, d->hash, sizeof d->hash, 0, '\t');
    if (!st) st = put_cstr(b, d->date, sizeof d->date, 1, '\t');
    if (!st) st = put_str(b, doc->source, 1, '\t');
    if (!st) st = put_str(b, doc->url, 1, '\t');
    if (!st) st = put_str(b, doc->title, 1, '\t');
    if (!st) st = put_str(b, doc->text, 0, '\t');
    if (!st) st = put_cstr(b, dyad_version(), 32, 0, '\t');
    if (!st) st = put_cstr(b, d->added_at, sizeof d->added_at, 0, '\n');
    for (size_t i = 0; !st && i < d->sentence_n; i++) {
        const store_sentence *se = &d->sentences[i];
        st = put_str(&p->sents, doc->id, 0, '\t');
        if (!st)
            st = buf_printf(&p->sents, "%u\t%u\t%u\t", se->idx, se->span.begin, se->span.end);
        if (!st)
            st = put_str(&p->sents, se->text, 0, '\n');
    }
    return st;
}

static dyad_status encode_event(pgs *p, const store_doc *d, const dyad_event *e)
{
    buf *b = &p->events;
    char date[11];
    dyad_date_format(e->date.year ? e->date : d->doc->date, date);
    dyad_status st = put_str(b, d->doc->id, 0, '\t');
    if (!st) st = buf_printf(b, "%u\t", e->sentence);
    if (!st) st = put_cstr(b, date, sizeof date, 1, '\t');
    if (!st) st = put_cstr(b, e->source, sizeof e->source, 0, '\t');
    if (!st) st = put_cstr(b, e->target, sizeof e->target, 0, '\t');
    if (!st) st = put_cstr(b, e->code, sizeof e->code, 0, '\t');
    if (!st) st = put_cstr(b, e->root, sizeof e->root, 0, '\t');
    if (!st) st = buf_printf(b, "%d\t%.17g\t", e->quad, e->goldstein);
    if (!st) st = put_str(b, e->source_text, 0, '\t');
    if (!st) st = put_str(b, e->target_text, 0, '\t');
    if (!st) st = put_str(b, e->verb_text, 0, '\t');
    if (!st)
        st = buf_printf(b, "%u\t%u\t%u\t%u\t%u\t%u\n", e->source_span.begin, e->source_span.end,
                        e->target_span.begin, e->target_span.end, e->verb_span.begin,
                        e->verb_span.end);
    return st;
}

/* ---- the batch ---- */

static uint64_t id_key(dyad_str id)
{
    uint64_t h = hash_bytes(id.ptr, id.len);
    return h ? h : 1;
}

/* Returns 1 when the id is already pending; else remembers it. */
static int id_seen(pgs *p, dyad_str id)
{
    uint64_t k = id_key(id);
    size_t i = (size_t)k & (p->id_cap - 1);
    while (p->ids[i]) {
        if (p->ids[i] == k)
            return 1;
        i = (i + 1) & (p->id_cap - 1);
    }
    p->ids[i] = k;
    return 0;
}

static void reset_batch(dyad_store *s)
{
    pgs *p = s->impl;
    buf_clear(&p->docs);
    buf_clear(&p->sents);
    buf_clear(&p->events);
    memset(p->ids, 0, p->id_cap * sizeof *p->ids);
    s->pending_docs = 0;
}

static dyad_status copy_in(dyad_store *s, const char *sql, const buf *data, dyad_error *err)
{
    pgs *p = s->impl;
    if (data->len == 0)
        return DYAD_OK;
    PGresult *r = PQexec(p->conn, sql);
    int ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok)
        return pg_fail(s, err, "COPY failed");
    ok = PQputCopyData(p->conn, data->data, (int)data->len) == 1 &&
         PQputCopyEnd(p->conn, NULL) == 1;
    dyad_status st = DYAD_OK;
    while ((r = PQgetResult(p->conn))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && st == DYAD_OK)
            st = pg_fail(s, err, "COPY failed");
        PQclear(r);
    }
    return !ok && st == DYAD_OK ? pg_fail(s, err, "COPY failed") : st;
}

/* Rolls the open batch back and reports how much was lost. */
static dyad_status batch_failed(dyad_store *s, dyad_error *err)
{
    pgs *p = s->impl;
    if (err) {
        char tail[64];
        snprintf(tail, sizeof tail, "; %zu uncommitted document%s rolled back",
                 s->pending_docs, s->pending_docs == 1 ? "" : "s");
        size_t room = sizeof err->message - 1 - strlen(err->message);
        strncat(err->message, tail, room);
    }
    if (p->in_tx && PQstatus(p->conn) == CONNECTION_OK)
        PQclear(PQexec(p->conn, "ROLLBACK"));
    p->in_tx = 0;
    reset_batch(s);
    return err ? err->code : DYAD_EDB;
}

static dyad_status pg_flush(dyad_store *s, dyad_error *err)
{
    pgs *p = s->impl;
    if (!p->in_tx)
        return DYAD_OK;
    dyad_status st = copy_in(s,
                             "COPY documents (id, content_hash, date, source, url, title, text,"
                             " coder, added_at) FROM STDIN",
                             &p->docs, err);
    if (!st)
        st = copy_in(s, "COPY sentences (doc_id, idx, span_begin, span_end, text) FROM STDIN",
                     &p->sents, err);
    if (!st)
        st = copy_in(s,
                     "COPY events (doc_id, sentence, date, source, target, code, root, quad,"
                     " goldstein, source_text, target_text, verb_text, source_begin, source_end,"
                     " target_begin, target_end, verb_begin, verb_end) FROM STDIN",
                     &p->events, err);
    if (!st)
        st = pg_exec(s, "COMMIT", "commit failed", err);
    if (st) {
        if (!err)
            return batch_failed(s, NULL);
        err->code = st;
        return batch_failed(s, err);
    }
    p->in_tx = 0;
    reset_batch(s);
    return DYAD_OK;
}

/* Looks the document up inside the open transaction: 0 new, 1 same
 * content, 2 changed (old rows deleted). */
static dyad_status find_existing(dyad_store *s, const store_doc *d, int *found, dyad_error *err)
{
    dyad_str id = d->doc->id;
    PGresult *r = NULL;
    dyad_status st = pg_exec1(s, "dyad_find", id.ptr, (int)id.len, "document lookup failed", &r,
                              err);
    if (st)
        return st;
    *found = PQntuples(r) == 0 ? 0 : strcmp(PQgetvalue(r, 0, 0), d->hash) ? 2 : 1;
    PQclear(r);
    static const char *const del[] = {"DELETE FROM events WHERE doc_id = $1::text",
                                      "DELETE FROM sentences WHERE doc_id = $1::text",
                                      "DELETE FROM documents WHERE id = $1::text"};
    for (size_t i = 0; *found == 2 && st == DYAD_OK && i < 3; i++)
        st = pg_exec1(s, del[i], id.ptr, (int)id.len, "replacing a changed document failed",
                      NULL, err);
    return st;
}

static dyad_status pg_find(dyad_store *s, dyad_str id, const char *hash, int *same,
                           dyad_error *err)
{
    /* a read-only store prepares no lookup at open */
    const char *sql = s->read_only ? "SELECT content_hash FROM documents WHERE id = $1::text"
                                   : "dyad_find";
    PGresult *r = NULL;
    dyad_status st = pg_exec1(s, sql, id.ptr, (int)id.len, "document lookup failed", &r, err);
    if (st)
        return st;
    *same = PQntuples(r) > 0 && !strcmp(PQgetvalue(r, 0, 0), hash);
    PQclear(r);
    return DYAD_OK;
}

static dyad_status pg_add(dyad_store *s, const store_doc *d, dyad_store_result *res,
                          dyad_error *err)
{
    pgs *p = s->impl;
    dyad_status st = DYAD_OK;
    if (p->in_tx && id_seen(p, d->doc->id) && (st = pg_flush(s, err)))
        return st; /* a repeat within the batch: commit, then look again */
    if (!p->in_tx) {
        st = pg_exec(s, "BEGIN", "cannot start a transaction", err);
        p->in_tx = st == DYAD_OK;
        if (p->in_tx)
            id_seen(p, d->doc->id);
    }
    int found = 0;
    if (!st)
        st = find_existing(s, d, &found, err);
    if (!st && found != 1) {
        st = encode_doc(p, d);
        for (size_t i = 0; !st && i < d->event_n; i++)
            st = encode_event(p, d, &d->events[i]);
        if (st)
            st = error_set(err, st, s->name, 0, "out of memory");
    }
    s->pending_docs++;
    if (st)
        return batch_failed(s, err);
    *res = found == 1 ? DYAD_STORE_SKIPPED : found == 2 ? DYAD_STORE_REPLACED : DYAD_STORE_ADDED;
    return s->pending_docs >= s->batch_docs ? pg_flush(s, err) : DYAD_OK;
}

/* ---- queries ---- */

#define PG_MAX_COLS 32

static int deliver(PGresult *r, store_cols_fn fn, void *user)
{
    const char *v[PG_MAX_COLS];
    size_t len[PG_MAX_COLS];
    int n = PQnfields(r);
    if (n > PG_MAX_COLS)
        n = PG_MAX_COLS;
    for (int i = 0; i < n; i++) {
        int null = PQgetisnull(r, 0, i);
        v[i] = null ? NULL : PQgetvalue(r, 0, i);
        len[i] = null ? 0 : (size_t)PQgetlength(r, 0, i);
    }
    store_cols c = {v, len, (size_t)n};
    return fn(user, &c);
}

/* Streams rows in single-row mode so an export of millions of events
 * never holds them all; a callback that stops cancels the query. */
static dyad_status pg_select(dyad_store *s, const char *sql, const char *const *params,
                             size_t param_n, store_cols_fn fn, void *user, dyad_error *err)
{
    pgs *p = s->impl;
    if (!PQsendQueryParams(p->conn, sql, (int)param_n, NULL, params, NULL, NULL, 0) ||
        !PQsetSingleRowMode(p->conn))
        return pg_fail(s, err, "query failed");
    dyad_status st = DYAD_OK;
    int stopped = 0;
    PGresult *r;
    while ((r = PQgetResult(p->conn))) {
        ExecStatusType t = PQresultStatus(r);
        if (t == PGRES_SINGLE_TUPLE && !stopped && deliver(r, fn, user)) {
            stopped = 1;
            PGcancel *c = PQgetCancel(p->conn);
            char ebuf[256];
            if (c)
                PQcancel(c, ebuf, sizeof ebuf);
            PQfreeCancel(c);
        } else if (t != PGRES_SINGLE_TUPLE && t != PGRES_TUPLES_OK && !stopped && !st) {
            st = pg_fail(s, err, "query failed");
        }
        PQclear(r);
    }
    return st;
}

static int first_value(void *user, const store_cols *c)
{
    long long *out = user;
    *out = c->v[0] ? strtoll(c->v[0], NULL, 10) : 0;
    return 0;
}

static dyad_status pg_check(dyad_store *s, dyad_error *err)
{
    long long orphans = 0;
    dyad_status st = pg_select(
        s,
        "SELECT (SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d"
        " WHERE d.id = e.doc_id)) + (SELECT COUNT(*) FROM sentences x WHERE NOT EXISTS"
        " (SELECT 1 FROM documents d WHERE d.id = x.doc_id))",
        NULL, 0, first_value, &orphans, err);
    if (st)
        return st;
    if (orphans)
        return error_set(err, DYAD_ECORRUPT, s->name, 0,
                         "%lld sentence or event rows belong to no document", orphans);
    return DYAD_OK;
}

static void pg_close(dyad_store *s)
{
    pgs *p = s->impl;
    if (!p)
        return;
    if (p->conn)
        PQfinish(p->conn); /* an open transaction is rolled back by the server */
    buf_free(&p->docs);
    buf_free(&p->sents);
    buf_free(&p->events);
    core_free(s->allocator, p->ids);
    core_free(s->allocator, p);
    s->impl = NULL;
}

static const store_ops pg_ops = {"postgresql", pg_add,   pg_flush, pg_find,
                                 pg_select,    pg_check, pg_close};

/* ---- schema ---- */

static dyad_status read_version(dyad_store *s, long long *v, dyad_error *err)
{
    long long exists = 0;
    *v = 0;
    dyad_status st = pg_select(s, "SELECT COUNT(*) FROM pg_tables WHERE schemaname ="
                                  " current_schema() AND tablename = 'schema_version'",
                               NULL, 0, first_value, &exists, err);
    if (st || !exists)
        return st;
    return pg_select(s, "SELECT COALESCE(MAX(version), 0) FROM schema_version", NULL, 0,
                     first_value, v, err);
}

static dyad_status apply_migrations(dyad_store *s, long long from, dyad_error *err)
{
    size_t n;
    const store_migration *m = store_migrations(STORE_PG, &n);
    dyad_status st = DYAD_OK;
    for (size_t i = 0; i < n && !st; i++) {
        if (m[i].version <= from)
            continue;
        st = pg_exec(s, m[i].sql, "schema migration failed", err);
        char ins[200];
        snprintf(ins, sizeof ins,
                 "INSERT INTO schema_version VALUES (%d, to_char(now() AT TIME ZONE 'UTC',"
                 " 'YYYY-MM-DD HH24:MI:SS'), '%s')", m[i].version, m[i].what);
        if (!st)
            st = pg_exec(s, ins, "cannot record the schema version", err);
    }
    return st;
}

static dyad_status migrate(dyad_store *s, dyad_error *err)
{
    long long v;
    dyad_status st = read_version(s, &v, err);
    if (st)
        return st;
    if (v > STORE_SCHEMA_VERSION)
        return error_set(err, DYAD_EUNSUPPORTED, s->name, 0,
                         "schema version %lld is newer than this dyad understands (%d)", v,
                         STORE_SCHEMA_VERSION);
    if (v == STORE_SCHEMA_VERSION)
        return DYAD_OK;
    if (s->read_only)
        return error_set(err, DYAD_EDB, s->name, 0,
                         "schema version %lld is not current; open the store once for writing",
                         v);
    char lock[240];
    snprintf(lock, sizeof lock,
             "BEGIN; SELECT pg_advisory_xact_lock(%d); CREATE TABLE IF NOT EXISTS schema_version"
             " (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, what TEXT NOT NULL)",
             PG_MIGRATION_LOCK);
    st = pg_exec(s, lock, "cannot start the schema migration", err);
    if (!st)
        st = read_version(s, &v, err);
    if (!st)
        st = apply_migrations(s, v, err);
    if (!st)
        st = pg_exec(s, "COMMIT", "cannot commit the schema migration", err);
    if (st && PQstatus(((pgs *)s->impl)->conn) == CONNECTION_OK)
        PQclear(PQexec(((pgs *)s->impl)->conn, "ROLLBACK"));
    return st;
}

/* The per-document lookup runs once per document: prepare it once. */
static dyad_status prepare_lookup(dyad_store *s, dyad_error *err)
{
    pgs *p = s->impl;
    PGresult *r = PQprepare(p->conn, "dyad_find",
                            "SELECT content_hash FROM documents WHERE id = $1::text", 1, NULL);
    dyad_status st = PQresultStatus(r) == PGRES_COMMAND_OK
                         ? DYAD_OK
                         : pg_fail(s, err, "cannot prepare the document lookup");
    PQclear(r);
    return st;
}

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* "relation already exists, skipping" and the like */
}

dyad_status store_pg_open(dyad_store *s, const char *conninfo, dyad_error *err)
{
    pgs *p = core_calloc(s->allocator, 1, sizeof *p);
    if (!p)
        return error_set(err, DYAD_ENOMEM, s->name, 0, "out of memory");
    s->ops = &pg_ops;
    s->impl = p;
    s->dialect = STORE_PG;
    buf_init(&p->docs, s->allocator);
    buf_init(&p->sents, s->allocator);
    buf_init(&p->events, s->allocator);
    p->id_cap = 16;
    while (p->id_cap <= 2 * s->batch_docs)
        p->id_cap *= 2;
    p->ids = core_calloc(s->allocator, p->id_cap, sizeof *p->ids);
    if (!p->ids)
        return error_set(err, DYAD_ENOMEM, s->name, 0, "out of memory");
    p->conn = PQconnectdb(conninfo);
    if (!p->conn || PQstatus(p->conn) != CONNECTION_OK)
        return pg_fail(s, err, "cannot connect");
    PQsetNoticeProcessor(p->conn, quiet_notices, NULL);
    if (PQsetClientEncoding(p->conn, "UTF8"))
        return pg_fail(s, err, "cannot set client encoding");
    dyad_status st = DYAD_OK;
    if (s->read_only)
        st = pg_exec(s, "SET default_transaction_read_only = on", "cannot set read-only", err);
    if (!st)
        st = migrate(s, err);
    return st || s->read_only ? st : prepare_lookup(s, err);
}
