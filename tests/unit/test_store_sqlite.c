/*
 * test_store_sqlite.c — the SQLite back end of the event store
 * (src/store/sqlite.c): schema creation and versioning, WAL mode,
 * idempotent ingest, batching, read-only opening and allocation failure,
 * plus the back-end-neutral cases of store_cases.h.
 */
#include "store_cases.h"

#include <sqlite3.h>

static char sq_path[256];

static void sq_remove(void)
{
    if (!sq_path[0])
        return;
    char p[300];
    unlink(sq_path);
    snprintf(p, sizeof p, "%s-wal", sq_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", sq_path);
    unlink(p);
}

static dyad_store *sq_fresh(size_t batch_docs)
{
    static int n;
    sq_remove();
    snprintf(sq_path, sizeof sq_path, "/tmp/dyad-test-store-%d-%d.db", (int)getpid(), n++);
    sq_remove();
    dyad_store_options o = {.batch_docs = batch_docs};
    dyad_store *s = NULL;
    dyad_error err;
    dyad_status st = dyad_store_open(sq_path, &o, &s, &err);
    if (st)
        fprintf(stderr, "open failed: %s\n", err.message);
    assert_int_equal(st, DYAD_OK);
    return s;
}

/* Runs one SQL statement on the file directly, returning the first
 * column of the first row as an integer (or -1). */
static long long raw_int(const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(sq_path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

static void raw_exec(const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(sq_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void sqlite_store_records_each_migration_once(void **state)
{
    (void)state;
    fx_close(sq_fresh(0));
    assert_int_equal(raw_int("SELECT MAX(version) FROM schema_version"), 2);
    assert_int_equal(raw_int("SELECT COUNT(*) FROM schema_version"), 2);
    dyad_store *s = NULL;
    assert_int_equal(dyad_store_open(sq_path, NULL, &s, NULL), DYAD_OK);
    fx_close(s);
    assert_int_equal(raw_int("SELECT COUNT(*) FROM schema_version"), 2);
    assert_int_equal(raw_int("SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_oneaday'"),
                     1);
}

static void sqlite_store_migrates_a_version_1_file_forward(void **state)
{
    (void)state;
    dyad_store *s = sq_fresh(0);
    fx_fill(s, 0, 3, 2);
    fx_close(s);
    raw_exec("DROP VIEW events_oneaday; DROP VIEW events_story;"
             "DELETE FROM schema_version WHERE version = 2");
    assert_int_equal(dyad_store_open(sq_path, NULL, &s, NULL), DYAD_OK);
    assert_int_equal(fx_counts(s).events, 6);
    fx_close(s);
    assert_int_equal(raw_int("SELECT COUNT(*) FROM events_story"), 6);
}

static void sqlite_store_refuses_a_newer_schema(void **state)
{
    (void)state;
    fx_close(sq_fresh(0));
    raw_exec("INSERT INTO schema_version VALUES (99, 'later', 'from the future')");
    dyad_store *s = NULL;
    dyad_error err;
    assert_int_equal(dyad_store_open(sq_path, NULL, &s, &err), DYAD_EUNSUPPORTED);
    assert_null(s);
    assert_non_null(strstr(err.message, "newer"));
}

static void sqlite_store_uses_write_ahead_log(void **state)
{
    (void)state;
    fx_close(sq_fresh(0));
    sqlite3 *db;
    assert_int_equal(sqlite3_open(sq_path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void sqlite_store_commits_only_full_batches_until_flush(void **state)
{
    (void)state;
    dyad_store *s = sq_fresh(10);
    fx_fill(s, 0, 25, 1);
    assert_int_equal(raw_int("SELECT COUNT(*) FROM documents"), 20);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    assert_int_equal(raw_int("SELECT COUNT(*) FROM documents"), 25);
    fx_fill(s, 25, 28, 1);
    fx_close(s); /* close commits the open batch */
    assert_int_equal(raw_int("SELECT COUNT(*) FROM documents"), 28);
}

/* SQLite sees the open batch: a document added but not yet committed is
 * already stored for dyad_store_has_document. */
static void sqlite_store_has_document_sees_the_open_batch(void **state)
{
    (void)state;
    dyad_store *s = sq_fresh(50);
    fx_fill(s, 0, 4, 1);
    assert_int_equal(raw_int("SELECT COUNT(*) FROM documents"), 0);
    fx_doc f;
    fx_make(&f, 2, 1);
    assert_int_equal(fx_has(s, &f.doc), 1);
    fx_make(&f, 4, 1);
    assert_int_equal(fx_has(s, &f.doc), 0);
    fx_close(s);
    assert_int_equal(raw_int("SELECT COUNT(*) FROM documents"), 4);
}

static void sqlite_store_read_only_open_refuses_writes(void **state)
{
    (void)state;
    dyad_store *s = sq_fresh(0);
    fx_fill(s, 0, 2, 1);
    fx_close(s);
    dyad_store_options o = {.read_only = 1};
    assert_int_equal(dyad_store_open(sq_path, &o, &s, NULL), DYAD_OK);
    assert_int_equal(fx_counts(s).documents, 2);
    fx_doc f;
    fx_make(&f, 1, 1);
    assert_int_equal(fx_has(s, &f.doc), 1); /* reading is allowed */
    fx_make(&f, 9, 1);
    dyad_error err;
    assert_int_equal(dyad_store_add_document(s, &f.doc, f.sent, 2, f.ev, 1, NULL, &err),
                     DYAD_EINVAL);
    assert_non_null(strstr(err.message, "read-only"));
    fx_close(s);
}

static void sqlite_store_read_only_open_of_a_non_store_fails(void **state)
{
    (void)state;
    fx_close(sq_fresh(0));
    raw_exec("DROP TABLE schema_version");
    dyad_store_options o = {.read_only = 1};
    dyad_store *s = NULL;
    dyad_error err;
    assert_int_equal(dyad_store_open(sq_path, &o, &s, &err), DYAD_EDB);
    assert_non_null(strstr(err.message, "not a dyad store"));
}

static void sqlite_store_open_in_missing_directory_fails_cleanly(void **state)
{
    (void)state;
    dyad_store *s = NULL;
    dyad_error err;
    assert_int_equal(dyad_store_open("/nonexistent-dir-dyad/x.db", NULL, &s, &err), DYAD_EDB);
    assert_null(s);
    assert_string_equal(err.file, "/nonexistent-dir-dyad/x.db");
    assert_int_equal(dyad_store_open("", NULL, &s, &err), DYAD_EINVAL);
    dyad_store_options o = {.batch_docs = DYAD_STORE_MAX_BATCH_DOCS + 1};
    assert_int_equal(dyad_store_open("/tmp/x.db", &o, &s, &err), DYAD_ELIMIT);
}

static void sqlite_store_open_of_a_non_database_file_fails(void **state)
{
    (void)state;
    char *p = test_write_temp(".db", "this is not a database, just some words\n", 40);
    dyad_store *s = NULL;
    dyad_error err;
    assert_int_equal(dyad_store_open(p, NULL, &s, &err), DYAD_EDB);
    assert_null(s);
    unlink(p);
    free(p);
}

/* Every allocation failing in turn: DYAD_ENOMEM or success, no leak, and
 * the document is in the file whole (its sentences and events) or not at
 * all; whole whenever every call succeeded. */
static void sqlite_store_survives_allocation_failures(void **state)
{
    (void)state;
    fx_close(sq_fresh(0));
    FILE *devnull = fopen("/dev/null", "w");
    assert_non_null(devnull);
    for (long n = 1; n < 200; n++) {
        test_failing_alloc fa;
        test_failing_alloc_init(&fa, n);
        dyad_store_options o = {.allocator = &fa.a};
        dyad_store *s = NULL;
        dyad_status st = dyad_store_open(sq_path, &o, &s, NULL);
        fx_doc f;
        fx_make(&f, (int)n, 3);
        if (st == DYAD_OK)
            st = dyad_store_add_document(s, &f.doc, f.sent, 2, f.ev, f.ev_n, NULL, NULL);
        if (st == DYAD_OK)
            st = dyad_store_write_events(s, NULL, DYAD_STORE_FORMAT_TABLE, devnull, NULL);
        dyad_status cst = dyad_store_close(s, NULL);
        assert_true(st == DYAD_OK || st == DYAD_ENOMEM);
        assert_int_equal(cst, DYAD_OK);
        assert_int_equal(fa.live, 0);
        /* stored whole or not at all, and whole when the calls succeeded */
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM events WHERE doc_id = '%s'", f.id);
        long long events = raw_int(sql);
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM sentences WHERE doc_id = '%s'", f.id);
        long long sentences = raw_int(sql);
        if (st == DYAD_OK) {
            assert_int_equal(events, (long long)f.ev_n);
            assert_int_equal(sentences, 2);
        } else {
            assert_true((events == 0 && sentences == 0) ||
                        (events == (long long)f.ev_n && sentences == 2));
        }
        if (st == DYAD_OK && fa.count < n)
            break; /* every allocation succeeded */
    }
    fclose(devnull);
}

static void sqlite_store_check_passes_on_a_filled_store(void **state)
{
    (void)state;
    dyad_store *s = sq_fresh(0);
    fx_fill(s, 0, 20, 3);
    dyad_error err;
    assert_int_equal(dyad_store_check(s, &err), DYAD_OK);
    assert_string_equal(dyad_store_backend(s), "sqlite");
    fx_close(s);
    assert_int_equal(dyad_store_close(NULL, NULL), DYAD_OK);
}

int main(void)
{
    store_fresh = sq_fresh;
    const struct CMUnitTest tests[] = {
        STORE_SHARED_CASES,
        cmocka_unit_test(sqlite_store_records_each_migration_once),
        cmocka_unit_test(sqlite_store_migrates_a_version_1_file_forward),
        cmocka_unit_test(sqlite_store_refuses_a_newer_schema),
        cmocka_unit_test(sqlite_store_uses_write_ahead_log),
        cmocka_unit_test(sqlite_store_commits_only_full_batches_until_flush),
        cmocka_unit_test(sqlite_store_has_document_sees_the_open_batch),
        cmocka_unit_test(sqlite_store_read_only_open_refuses_writes),
        cmocka_unit_test(sqlite_store_read_only_open_of_a_non_store_fails),
        cmocka_unit_test(sqlite_store_open_in_missing_directory_fails_cleanly),
        cmocka_unit_test(sqlite_store_open_of_a_non_database_file_fails),
        cmocka_unit_test(sqlite_store_survives_allocation_failures),
        cmocka_unit_test(sqlite_store_check_passes_on_a_filled_store),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sq_remove();
    return rc;
}
