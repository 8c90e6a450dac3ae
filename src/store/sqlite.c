/*
 * sqlite.c — the embedded back end of the event store: one SQLite file in
 * WAL mode (readers never block the writer; a commit is one append to the
 * log, and with synchronous=NORMAL a killed process loses nothing
 * committed — only an OS crash can lose the last commits).
 *
 * Ingest: each document is looked up by id; the same content hash means
 * it is already stored (skip), a different one means it changed (its rows
 * are deleted and rewritten).  The document, its sentences and events are
 * written inside one BEGIN IMMEDIATE transaction, shared by batch_docs
 * documents, so a kill or a failure leaves either all of a batch or none
 * of it (issue 7: idempotent, crash-safe ingest).  Prepared statements
 * are kept for the life of the store.
 */
#include "store/store.h"

#include <sqlite3.h>
#include <string.h>

enum { ST_FIND, ST_DEL_EVENTS, ST_DEL_SENTS, ST_DEL_DOC, ST_INS_DOC, ST_INS_SENT, ST_INS_EVENT,
       ST_N };

static const char *const stmt_sql[ST_N] = {
    "SELECT content_hash FROM documents WHERE id = ?1",
    "DELETE FROM events WHERE doc_id = ?1",
    "DELETE FROM sentences WHERE doc_id = ?1",
    "DELETE FROM documents WHERE id = ?1",
    "INSERT INTO documents (id, content_hash, date, source, url, title, text, coder, added_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "INSERT INTO sentences (doc_id, idx, span_begin, span_end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO events (doc_id, sentence, date, source, target, code, root, quad, goldstein,"
    " source_text, target_text, verb_text, source_begin, source_end, target_begin, target_end,"
    " verb_begin, verb_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
    " ?14, ?15, ?16, ?17, ?18)",
};

typedef struct sq {
    sqlite3 *db;
    sqlite3_stmt *st[ST_N];
    int in_tx;
} sq;

static dyad_status sq_fail(dyad_store *s, dyad_error *err, const char *what)
{
    sq *q = s->impl;
    int code = sqlite3_extended_errcode(q->db);
    char detail[400];
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        snprintf(detail, sizeof detail,
                 "database is locked by another connection (gave up after %d ms)",
                 s->busy_timeout_ms < 0 ? 0 : s->busy_timeout_ms);
    else
        snprintf(detail, sizeof detail, "%s (SQLite code %d)", sqlite3_errmsg(q->db), code);
    return store_db_error(s, err, what, detail);
}

static dyad_status sq_exec(dyad_store *s, const char *sql, const char *what, dyad_error *err)
{
    sq *q = s->impl;
    return sqlite3_exec(q->db, sql, NULL, NULL, NULL) == SQLITE_OK ? DYAD_OK
                                                                     : sq_fail(s, err, what);
}

/* The schema version recorded in the file; 0 for a new file. */
static dyad_status read_version(dyad_store *s, int *version, dyad_error *err)
{
    sq *q = s->impl;
    sqlite3_stmt *st = NULL;
    *version = 0;
    int rc = sqlite3_prepare_v2(q->db,
                                "SELECT name FROM sqlite_master WHERE name = 'schema_version'",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sq_fail(s, err, "cannot read the database");
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return DYAD_OK;
    if (rc != SQLITE_ROW)
        return sq_fail(s, err, "cannot read the database");
    rc = sqlite3_prepare_v2(q->db, "SELECT COALESCE(MAX(version), 0) FROM schema_version", -1,
                            &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? DYAD_OK : sq_fail(s, err, "cannot read the schema version");
}

static dyad_status apply_migrations(dyad_store *s, int from, dyad_error *err)
{
    sq *q = s->impl;
    size_t n;
    const store_migration *m = store_migrations(STORE_SQLITE, &n);
    for (size_t i = 0; i < n; i++) {
        if (m[i].version <= from)
            continue;
        dyad_status st = sq_exec(s, m[i].sql, "schema migration failed", err);
        if (st)
            return st;
        char *ins = sqlite3_mprintf("INSERT INTO schema_version VALUES (%d, "
                                    "strftime('%%Y-%%m-%%d %%H:%%M:%%S', 'now'), %Q)",
                                    m[i].version, m[i].what);
        if (!ins)
            return error_set(err, DYAD_ENOMEM, s->name, 0, "out of memory");
        int rc = sqlite3_exec(q->db, ins, NULL, NULL, NULL);
        sqlite3_free(ins);
        if (rc != SQLITE_OK)
            return sq_fail(s, err, "cannot record the schema version");
    }
    return DYAD_OK;
}

/* Brings the schema to STORE_SCHEMA_VERSION.  The version is read first
 * without a lock so an up-to-date store opens without writing; an old one
 * is migrated inside one IMMEDIATE transaction (DDL is transactional in
 * SQLite) after re-reading the version under the lock. */
static dyad_status migrate(dyad_store *s, dyad_error *err)
{
    int v;
    dyad_status st = read_version(s, &v, err);
    if (st)
        return st;
    if (v > STORE_SCHEMA_VERSION)
        return error_set(err, DYAD_EUNSUPPORTED, s->name, 0,
                         "schema version %d is newer than this dyad understands (%d)", v,
                         STORE_SCHEMA_VERSION);
    if (v == STORE_SCHEMA_VERSION)
        return DYAD_OK;
    if (s->read_only && v == 0)
        return error_set(err, DYAD_EDB, s->name, 0, "not a dyad store (no schema_version table)");
    if (s->read_only)
        return error_set(err, DYAD_EDB, s->name, 0,
                         "schema version %d is out of date; open the store once for writing "
                         "to upgrade it", v);
    if ((st = sq_exec(s, "BEGIN IMMEDIATE", "cannot start the schema migration", err)))
        return st;
    st = sq_exec(s,
                 "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                 " applied_at TEXT NOT NULL, what TEXT NOT NULL)",
                 "cannot create schema_version", err);
    if (!st)
        st = read_version(s, &v, err);
    if (!st)
        st = apply_migrations(s, v, err);
    if (!st)
        st = sq_exec(s, "COMMIT", "cannot commit the schema migration", err);
    if (st)
        sqlite3_exec(((sq *)s->impl)->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

static dyad_status prepare_all(dyad_store *s, dyad_error *err)
{
    sq *q = s->impl;
    for (int i = 0; i < ST_N; i++)
        if (sqlite3_prepare_v3(q->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &q->st[i],
                               NULL) != SQLITE_OK)
            return sq_fail(s, err, "cannot prepare a statement");
    return DYAD_OK;
}

/* ---- ingest ---- */

static int bind_str(sqlite3_stmt *st, int i, dyad_str v)
{
    if (!v.ptr)
        return sqlite3_bind_text(st, i, "", 0, SQLITE_STATIC);
    return sqlite3_bind_text(st, i, v.ptr, (int)v.len, SQLITE_STATIC);
}

static int bind_opt(sqlite3_stmt *st, int i, dyad_str v)
{
    return v.ptr && v.len ? bind_str(st, i, v) : sqlite3_bind_null(st, i);
}

static int bind_cstr(sqlite3_stmt *st, int i, const char *v)
{
    return v[0] ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* Steps a write statement to completion and resets it. */
static int run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int insert_doc(sq *q, const store_doc *d)
{
    sqlite3_stmt *st = q->st[ST_INS_DOC];
    const dyad_doc *doc = d->doc;
    bind_str(st, 1, doc->id);
    sqlite3_bind_text(st, 2, d->hash, -1, SQLITE_STATIC);
    bind_cstr(st, 3, d->date);
    bind_opt(st, 4, doc->source);
    bind_opt(st, 5, doc->url);
    bind_opt(st, 6, doc->title);
    bind_str(st, 7, doc->text);
    sqlite3_bind_text(st, 8, dyad_version(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, d->added_at, -1, SQLITE_STATIC);
    return run(st);
}

static int insert_sentences(sq *q, const store_doc *d)
{
    sqlite3_stmt *st = q->st[ST_INS_SENT];
    for (size_t i = 0; i < d->sentence_n; i++) {
        const store_sentence *se = &d->sentences[i];
        bind_str(st, 1, d->doc->id);
        sqlite3_bind_int64(st, 2, se->idx);
        sqlite3_bind_int64(st, 3, se->span.begin);
        sqlite3_bind_int64(st, 4, se->span.end);
        bind_str(st, 5, se->text);
        int rc = run(st);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static int insert_event(sq *q, const store_doc *d, const dyad_event *e)
{
    sqlite3_stmt *st = q->st[ST_INS_EVENT];
    char date[11];
    dyad_date_format(e->date.year ? e->date : d->doc->date, date);
    bind_str(st, 1, d->doc->id);
    sqlite3_bind_int64(st, 2, e->sentence);
    bind_cstr(st, 3, date);
    sqlite3_bind_text(st, 4, e->source, (int)strnlen(e->source, sizeof e->source), SQLITE_STATIC);
    sqlite3_bind_text(st, 5, e->target, (int)strnlen(e->target, sizeof e->target), SQLITE_STATIC);
    sqlite3_bind_text(st, 6, e->code, (int)strnlen(e->code, sizeof e->code), SQLITE_STATIC);
    sqlite3_bind_text(st, 7, e->root, (int)strnlen(e->root, sizeof e->root), SQLITE_STATIC);
    sqlite3_bind_int(st, 8, e->quad);
    sqlite3_bind_double(st, 9, e->goldstein);
    bind_str(st, 10, e->source_text);
    bind_str(st, 11, e->target_text);
    bind_str(st, 12, e->verb_text);
    const dyad_span sp[3] = {e->source_span, e->target_span, e->verb_span};
    for (int i = 0; i < 3; i++) {
        sqlite3_bind_int64(st, 13 + 2 * i, sp[i].begin);
        sqlite3_bind_int64(st, 14 + 2 * i, sp[i].end);
    }
    return run(st);
}

/* Looks id up: 0 absent, 1 stored with this content hash, 2 stored with
 * another; negative SQLite error. */
static int lookup(sq *q, dyad_str id, const char *hash)
{
    sqlite3_stmt *st = q->st[ST_FIND];
    bind_str(st, 1, id);
    int rc = sqlite3_step(st);
    const char *stored = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    int same = stored && !strcmp(stored, hash);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_DONE)
        return 0;
    return rc != SQLITE_ROW ? -rc : same ? 1 : 2;
}

static dyad_status sq_find(dyad_store *s, dyad_str id, const char *hash, int *same,
                           dyad_error *err)
{
    sq *q = s->impl;
    /* a read-only store prepares no statements at open */
    if (!q->st[ST_FIND] && sqlite3_prepare_v3(q->db, stmt_sql[ST_FIND], -1,
                                              SQLITE_PREPARE_PERSISTENT, &q->st[ST_FIND],
                                              NULL) != SQLITE_OK)
        return sq_fail(s, err, "cannot prepare a statement");
    int found = lookup(q, id, hash);
    if (found < 0)
        return sq_fail(s, err, "document lookup failed");
    *same = found == 1;
    return DYAD_OK;
}

/* Looks the document up: 0 new, 1 same content, 2 changed (old rows
 * deleted); negative SQLite error. */
static int find_existing(sq *q, const store_doc *d)
{
    int found = lookup(q, d->doc->id, d->hash);
    if (found != 2)
        return found;
    int rc;
    for (int i = ST_DEL_EVENTS; i <= ST_DEL_DOC; i++) {
        bind_str(q->st[i], 1, d->doc->id);
        if ((rc = run(q->st[i])) != SQLITE_OK)
            return -rc;
    }
    return 2;
}

static dyad_status rollback_batch(dyad_store *s, dyad_error *err, const char *id, size_t id_len)
{
    sq *q = s->impl;
    char what[160];
    snprintf(what, sizeof what, "storing document '%.*s' failed; %zu uncommitted document%s "
             "rolled back", (int)(id_len > 60 ? 60 : id_len), id, s->pending_docs + 1,
             s->pending_docs ? "s" : "");
    dyad_status st = sq_fail(s, err, what);
    if (q->in_tx)
        sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    q->in_tx = 0;
    s->pending_docs = 0;
    return st;
}

static int write_doc(sq *q, const store_doc *d)
{
    int rc = insert_doc(q, d);
    if (rc == SQLITE_OK)
        rc = insert_sentences(q, d);
    for (size_t i = 0; rc == SQLITE_OK && i < d->event_n; i++)
        rc = insert_event(q, d, &d->events[i]);
    return rc;
}

/* Commits the open batch; id names the document that filled it (for the
 * message when the commit fails, e.g. on a full disk). */
static dyad_status commit_batch(dyad_store *s, const char *id, size_t id_len, dyad_error *err)
{
    sq *q = s->impl;
    if (!q->in_tx)
        return DYAD_OK;
    if (sqlite3_exec(q->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        s->pending_docs--; /* rollback_batch counts the current one */
        return rollback_batch(s, err, id, id_len);
    }
    q->in_tx = 0;
    s->pending_docs = 0;
    return DYAD_OK;
}

static dyad_status sq_flush(dyad_store *s, dyad_error *err)
{
    return commit_batch(s, "(last of batch)", 15, err);
}

static dyad_status sq_add(dyad_store *s, const store_doc *d, dyad_store_result *res,
                          dyad_error *err)
{
    sq *q = s->impl;
    const dyad_str id = d->doc->id;
    if (!q->in_tx) {
        if (sqlite3_exec(q->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return rollback_batch(s, err, id.ptr, id.len);
        q->in_tx = 1;
    }
    int found = find_existing(q, d);
    if (found < 0)
        return rollback_batch(s, err, id.ptr, id.len);
    *res = found == 1 ? DYAD_STORE_SKIPPED : found == 2 ? DYAD_STORE_REPLACED : DYAD_STORE_ADDED;
    if (found != 1 && write_doc(q, d) != SQLITE_OK)
        return rollback_batch(s, err, id.ptr, id.len);
    if (++s->pending_docs >= s->batch_docs)
        return commit_batch(s, id.ptr, id.len, err);
    return DYAD_OK;
}

/* ---- queries ---- */

#define SQ_MAX_COLS 32

static dyad_status sq_select(dyad_store *s, const char *sql, const char *const *params,
                             size_t param_n, store_cols_fn fn, void *user, dyad_error *err)
{
    sq *q = s->impl;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, err, "query failed");
    for (size_t i = 0; i < param_n; i++)
        sqlite3_bind_text(st, (int)i + 1, params[i], -1, SQLITE_STATIC);
    const char *v[SQ_MAX_COLS];
    size_t len[SQ_MAX_COLS];
    int n = sqlite3_column_count(st), rc;
    if (n > SQ_MAX_COLS)
        n = SQ_MAX_COLS;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) {
            v[i] = (const char *)sqlite3_column_text(st, i);
            len[i] = v[i] ? (size_t)sqlite3_column_bytes(st, i) : 0;
        }
        store_cols c = {v, len, (size_t)n};
        if (fn(user, &c)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    dyad_status result = rc == SQLITE_DONE ? DYAD_OK : sq_fail(s, err, "query failed");
    sqlite3_finalize(st);
    return result;
}

static int first_row(void *user, const store_cols *c)
{
    char *out = user;
    snprintf(out, 400, "%.*s", c->v[0] ? (int)c->len[0] : 4, c->v[0] ? c->v[0] : "NULL");
    return 1;
}

static dyad_status sq_check(dyad_store *s, dyad_error *err)
{
    char res[400] = "";
    dyad_status st = sq_select(s, "PRAGMA integrity_check", NULL, 0, first_row, res, err);
    if (st)
        return st;
    if (strcmp(res, "ok"))
        return error_set(err, DYAD_ECORRUPT, s->name, 0, "integrity check: %s", res);
    if (s->read_only)
        return DYAD_OK;
    sq *q = s->impl;
    if (sqlite3_exec(q->db, "INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')",
                     NULL, NULL, NULL) != SQLITE_OK)
        return error_set(err, DYAD_ECORRUPT, s->name, 0, "full-text index check: %s",
                         sqlite3_errmsg(q->db));
    return DYAD_OK;
}

static void sq_close(dyad_store *s)
{
    sq *q = s->impl;
    if (!q)
        return;
    if (q->in_tx)
        sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    for (int i = 0; i < ST_N; i++)
        sqlite3_finalize(q->st[i]);
    sqlite3_close_v2(q->db);
    core_free(s->allocator, q);
    s->impl = NULL;
}

static const store_ops sqlite_ops = {"sqlite",  sq_add,   sq_flush, sq_find,
                                     sq_select, sq_check, sq_close};

/* WAL lets queries run while an ingest writes.  It needs write access to
 * the directory (for the -wal and -shm files), which is why a read-only
 * open leaves the journal mode alone. */
static dyad_status configure(dyad_store *s, dyad_error *err)
{
    sq *q = s->impl;
    sqlite3_busy_timeout(q->db, s->busy_timeout_ms < 0 ? 0 : s->busy_timeout_ms);
    if (s->read_only)
        return DYAD_OK;
    char mode[400] = "";
    if (sq_select(s, "PRAGMA journal_mode = WAL", NULL, 0, first_row, mode, NULL))
        return sq_fail(s, err, "cannot open for writing (the file and its directory must be "
                               "writable for WAL mode)");
    if (strcmp(mode, "wal") && strcmp(mode, "memory")) /* ":memory:" stores have no log */
        return error_set(err, DYAD_EDB, s->name, 0, "cannot switch to WAL mode (got '%s')", mode);
    /* 64 MB of page cache: the event indexes of a store of millions of
     * rows stop thrashing the default 2 MB during bulk loads. */
    return sq_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536",
                   "cannot set synchronous mode", err);
}

dyad_status store_sqlite_open(dyad_store *s, const char *path, dyad_error *err)
{
    sq *q = core_calloc(s->allocator, 1, sizeof *q);
    if (!q)
        return error_set(err, DYAD_ENOMEM, path, 0, "out of memory");
    s->ops = &sqlite_ops;
    s->impl = q;
    s->dialect = STORE_SQLITE;
    int flags = s->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &q->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        if (!q->db)
            return error_set(err, DYAD_ENOMEM, path, 0, "out of memory");
        return sq_fail(s, err, s->read_only ? "cannot open for reading" : "cannot open");
    }
    sqlite3_extended_result_codes(q->db, 1);
    dyad_status st = configure(s, err);
    if (!st)
        st = migrate(s, err);
    if (!st && !s->read_only)
        st = prepare_all(s, err);
    return st;
}
