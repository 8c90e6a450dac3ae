/*
 * store.h — internal header of the store layer: the event store behind
 * dyad_store_* (include/dyad.h, "Store").  store.c holds the public entry
 * points and the work both back ends share (document preparation,
 * hashing); schema.c the versioned migrations of both SQL dialects;
 * query.c turns a dyad_store_query into SQL and decodes result rows;
 * format.c writes results; sqlite.c and pg.c are the two back ends, each
 * reached only through the store_ops table below.
 */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include "core/core.h"
#include "output/output.h"

typedef enum store_dialect { STORE_SQLITE = 0, STORE_PG = 1 } store_dialect;

/* One sentence row to store: index within the document, span, text
 * (borrowed from the caller's document or event). */
typedef struct store_sentence {
    uint32_t idx;
    dyad_span span;
    dyad_str text;
} store_sentence;

/* A document prepared for a back end: the caller's doc plus its content
 * hash (hex, NUL-terminated), the date as text and the merged sentence
 * list.  Everything borrowed for the duration of one add call. */
typedef struct store_doc {
    const dyad_doc *doc;
    char hash[33];
    char date[11];
    char added_at[20];
    const store_sentence *sentences;
    size_t sentence_n;
    const dyad_event *events;
    size_t event_n;
} store_doc;

/* A result row in text form: v[i] is NULL for SQL NULL.  Borrowed, valid
 * during the row callback only. */
typedef struct store_cols {
    const char *const *v;
    const size_t *len;
    size_t n;
} store_cols;

typedef int (*store_cols_fn)(void *user, const store_cols *cols);

typedef struct store_ops {
    const char *name;
    dyad_status (*add)(dyad_store *s, const store_doc *d, dyad_store_result *res,
                       dyad_error *err);
    dyad_status (*flush)(dyad_store *s, dyad_error *err);
    /* *same = 1 when id is stored with content hash hash (see
     * dyad_store_has_document for what each back end sees). */
    dyad_status (*find)(dyad_store *s, dyad_str id, const char *hash, int *same,
                        dyad_error *err);
    /* Runs one SELECT with text parameters, streaming rows to fn. */
    dyad_status (*select)(dyad_store *s, const char *sql, const char *const *params,
                          size_t param_n, store_cols_fn fn, void *user, dyad_error *err);
    dyad_status (*check)(dyad_store *s, dyad_error *err);
    void (*close)(dyad_store *s);
} store_ops;

struct dyad_store {
    const store_ops *ops;
    const dyad_allocator *allocator;
    store_dialect dialect;
    char name[256];      /* path or URI with any password removed, for messages */
    int read_only;
    int busy_timeout_ms;
    size_t batch_docs;
    size_t pending_docs; /* documents in the open transaction */
    void *impl;          /* back end state */
    /* scratch for store_prepare, reused across documents */
    store_sentence *sent_buf;
    size_t sent_cap;
    uint32_t *idx_buf;
    size_t idx_cap;
};

#define STORE_DEFAULT_BUSY_MS 5000
#define STORE_DEFAULT_SQLITE_BATCH 200
#define STORE_DEFAULT_PG_BATCH 200

/* ---- back ends (sqlite.c, pg.c) ---- */
dyad_status store_sqlite_open(dyad_store *s, const char *path, dyad_error *err);
dyad_status store_pg_open(dyad_store *s, const char *conninfo, dyad_error *err);

/* ---- schema (schema.c) ---- */

/* The newest schema version this library knows. */
#define STORE_SCHEMA_VERSION 2

typedef struct store_migration {
    int version;
    const char *what;
    const char *sql; /* several statements separated by ';' */
} store_migration;

/* The migrations of a dialect in ascending version order. */
const store_migration *store_migrations(store_dialect d, size_t *n);

/* ---- queries (query.c) ---- */

#define STORE_MAX_PARAMS 16

/* A built SELECT: SQL text and up to STORE_MAX_PARAMS text parameters
 * (pointing into pbuf). */
typedef struct store_sql {
    buf sql;
    char pbuf[STORE_MAX_PARAMS][3 * DYAD_STORE_MAX_TEXT_QUERY_BYTES + 8];
    const char *params[STORE_MAX_PARAMS];
    size_t param_n;
} store_sql;

/* Builds the event query / the aggregate query.  DYAD_EINVAL for a bad
 * pattern, quad, date range or text; the caller frees with
 * store_sql_free. */
dyad_status store_sql_events(const dyad_store *s, const dyad_store_query *q, store_sql *out,
                             dyad_error *err);
dyad_status store_sql_aggregates(const dyad_store *s, const dyad_store_query *q,
                                 store_sql *out, dyad_error *err);
void store_sql_free(store_sql *sql);

/* Decodes an event-query row / an aggregate row into out (borrowing the
 * column text). */
void store_row_decode(const store_cols *c, const dyad_store_query *q, dyad_store_row *out);
void store_agg_decode(const store_cols *c, const dyad_store_query *q, dyad_store_agg *out);

/* Checks an actor or code pattern ("USAGOV", "AZE*"); DYAD_EINVAL
 * otherwise. */
dyad_status store_pattern_check(const char *what, const char *pat, dyad_error *err);

/* ---- helpers (store.c) ---- */

/* Copies a NUL-terminated string of at most cap-1 bytes into dst. */
void store_copy_code(char *dst, size_t cap, const char *s, size_t len);

/* Fills err with "NAME: what: detail" as DYAD_EDB. */
dyad_status store_db_error(const dyad_store *s, dyad_error *err, const char *what,
                           const char *detail);

#endif
