/*
 * schema.c — the store's versioned schema, once per SQL dialect.  Each
 * migration moves the database from version N-1 to N and is applied in
 * its own transaction by the back end, which records it in table
 * schema_version (version, applied_at, what).  Migrations are append-only:
 * a released one is never edited, a change is a new version (issue 7).
 *
 * Both dialects keep the same tables and columns so query.c can write one
 * SQL text for both: dates are ISO "YYYY-MM-DD" text (NULL when unknown),
 * which sorts and compares correctly as text; PostgreSQL declares code
 * columns COLLATE "C" so that prefix ranges ("AZE" <= x < "AZF") mean
 * what they say whatever the cluster's locale.
 *
 * Full text: SQLite keeps an external-content FTS5 table over
 * sentences.text, maintained by triggers; PostgreSQL a generated tsvector
 * column with a GIN index.
 */
#include "store/store.h"

/* Version 1: documents, sentences, events. */
static const char sqlite_v1[] =
    "CREATE TABLE documents ("
    " id TEXT PRIMARY KEY,"
    " content_hash TEXT NOT NULL,"
    " date TEXT, source TEXT, url TEXT, title TEXT,"
    " text TEXT NOT NULL,"
    " coder TEXT NOT NULL,"
    " added_at TEXT NOT NULL);"
    "CREATE TABLE sentences ("
    " doc_id TEXT NOT NULL,"
    " idx INTEGER NOT NULL,"
    " span_begin INTEGER NOT NULL, span_end INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " PRIMARY KEY (doc_id, idx));"
    "CREATE TABLE events ("
    " event_id INTEGER PRIMARY KEY,"
    " doc_id TEXT NOT NULL,"
    " sentence INTEGER NOT NULL,"
    " date TEXT,"
    " source TEXT NOT NULL, target TEXT NOT NULL,"
    " code TEXT NOT NULL, root TEXT NOT NULL,"
    " quad INTEGER NOT NULL, goldstein REAL NOT NULL,"
    " source_text TEXT NOT NULL, target_text TEXT NOT NULL, verb_text TEXT NOT NULL,"
    " source_begin INTEGER NOT NULL, source_end INTEGER NOT NULL,"
    " target_begin INTEGER NOT NULL, target_end INTEGER NOT NULL,"
    " verb_begin INTEGER NOT NULL, verb_end INTEGER NOT NULL);"
    "CREATE INDEX events_doc ON events (doc_id, sentence);"
    "CREATE INDEX events_date ON events (date);"
    "CREATE INDEX events_dyad ON events (source, target, date);"
    "CREATE INDEX events_target ON events (target, date);"
    "CREATE VIRTUAL TABLE sentences_fts USING fts5("
    " text, content='sentences', content_rowid='rowid', tokenize='porter unicode61');"
    "CREATE TRIGGER sentences_fts_ai AFTER INSERT ON sentences BEGIN"
    " INSERT INTO sentences_fts (rowid, text) VALUES (new.rowid, new.text); END;"
    "CREATE TRIGGER sentences_fts_ad AFTER DELETE ON sentences BEGIN"
    " INSERT INTO sentences_fts (sentences_fts, rowid, text)"
    " VALUES ('delete', old.rowid, old.text); END;";

static const char pg_v1[] =
    "CREATE TABLE documents ("
    " id TEXT COLLATE \"C\" PRIMARY KEY,"
    " content_hash TEXT NOT NULL,"
    " date TEXT COLLATE \"C\", source TEXT, url TEXT, title TEXT,"
    " text TEXT NOT NULL,"
    " coder TEXT NOT NULL,"
    " added_at TEXT NOT NULL);"
    "CREATE TABLE sentences ("
    " doc_id TEXT COLLATE \"C\" NOT NULL,"
    " idx INTEGER NOT NULL,"
    " span_begin INTEGER NOT NULL, span_end INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,"
    " PRIMARY KEY (doc_id, idx));"
    "CREATE INDEX sentences_tsv ON sentences USING GIN (tsv);"
    "CREATE TABLE events ("
    " event_id BIGSERIAL PRIMARY KEY,"
    " doc_id TEXT COLLATE \"C\" NOT NULL,"
    " sentence INTEGER NOT NULL,"
    " date TEXT COLLATE \"C\","
    " source TEXT COLLATE \"C\" NOT NULL, target TEXT COLLATE \"C\" NOT NULL,"
    " code TEXT COLLATE \"C\" NOT NULL, root TEXT COLLATE \"C\" NOT NULL,"
    " quad SMALLINT NOT NULL, goldstein DOUBLE PRECISION NOT NULL,"
    " source_text TEXT NOT NULL, target_text TEXT NOT NULL, verb_text TEXT NOT NULL,"
    " source_begin INTEGER NOT NULL, source_end INTEGER NOT NULL,"
    " target_begin INTEGER NOT NULL, target_end INTEGER NOT NULL,"
    " verb_begin INTEGER NOT NULL, verb_end INTEGER NOT NULL);"
    "CREATE INDEX events_doc ON events (doc_id, sentence);"
    "CREATE INDEX events_date ON events (date);"
    "CREATE INDEX events_dyad ON events (source, target, date);"
    "CREATE INDEX events_target ON events (target, date);";

/* Version 2: the deduplication views (the same SQL in both dialects).
 * events_oneaday keeps the first event of each (date, source, target,
 * code), the Phoenix one-a-day filter; events_story the first of each
 * (document, source, target, code).  n_merged counts the events a kept
 * row stands for. */
#define DEDUP_VIEWS                                                                          \
    "CREATE VIEW events_oneaday AS"                                                          \
    " SELECT e.*, k.n_merged FROM events e JOIN"                                             \
    " (SELECT MIN(event_id) AS event_id, COUNT(*) AS n_merged FROM events"                   \
    "  GROUP BY date, source, target, code) k ON k.event_id = e.event_id;"                   \
    "CREATE VIEW events_story AS"                                                            \
    " SELECT e.*, k.n_merged FROM events e JOIN"                                             \
    " (SELECT MIN(event_id) AS event_id, COUNT(*) AS n_merged FROM events"                   \
    "  GROUP BY doc_id, source, target, code) k ON k.event_id = e.event_id;"

static const store_migration sqlite_migrations[] = {
    {1, "documents, sentences, events, full-text index", sqlite_v1},
    {2, "deduplication views", DEDUP_VIEWS},
};

static const store_migration pg_migrations[] = {
    {1, "documents, sentences, events, full-text index", pg_v1},
    {2, "deduplication views", DEDUP_VIEWS},
};

const store_migration *store_migrations(store_dialect d, size_t *n)
{
    if (d == STORE_PG) {
        *n = DYAD_ARRAY_LEN(pg_migrations);
        return pg_migrations;
    }
    *n = DYAD_ARRAY_LEN(sqlite_migrations);
    return sqlite_migrations;
}
