/*
 * test_store_pg.c — the PostgreSQL back end of the event store
 * (src/store/pg.c) against a real server: the conninfo comes from
 * DYAD_TEST_PG (scripts/pg-test-cluster start sets it); without it every
 * test skips with a message.  Each test starts from an empty public
 * schema.  Runs the back-end-neutral cases of store_cases.h, then COPY
 * batching, migrations and connection errors.
 */
#include "store_cases.h"

#include <libpq-fe.h>

static const char *pg_conninfo(void)
{
    const char *c = getenv("DYAD_TEST_PG");
    if (c && *c)
        return c;
    fprintf(stderr, "skipping: DYAD_TEST_PG is not set (start a server with "
                    "`DYAD_TEST_PG=$(scripts/pg-test-cluster start)`)\n");
    return NULL;
}

/* Runs SQL on a separate connection; returns the first value as an
 * integer (-1 without rows). */
static long long pg_raw(const char *sql)
{
    PGconn *c = PQconnectdb(pg_conninfo());
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, sql);
    ExecStatusType t = PQresultStatus(r);
    if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK)
        fprintf(stderr, "pg_raw: %s", PQerrorMessage(c));
    assert_true(t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK);
    long long v = t == PGRES_TUPLES_OK && PQntuples(r) ? atoll(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    PQfinish(c);
    return v;
}

static dyad_store *pg_fresh(size_t batch_docs)
{
    if (!pg_conninfo())
        skip();
    pg_raw("SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    dyad_store_options o = {.batch_docs = batch_docs};
    dyad_store *s = NULL;
    dyad_error err;
    dyad_status st = dyad_store_open(pg_conninfo(), &o, &s, &err);
    if (st)
        fprintf(stderr, "open failed: %s\n", err.message);
    assert_int_equal(st, DYAD_OK);
    return s;
}

static void pg_store_records_each_migration_once(void **state)
{
    (void)state;
    fx_close(pg_fresh(0));
    assert_int_equal(pg_raw("SELECT COUNT(*) FROM schema_version"), 2);
    dyad_store *s = NULL;
    assert_int_equal(dyad_store_open(pg_conninfo(), NULL, &s, NULL), DYAD_OK);
    assert_string_equal(dyad_store_backend(s), "postgresql");
    fx_close(s);
    assert_int_equal(pg_raw("SELECT COUNT(*) FROM schema_version"), 2);
}

static void pg_store_refuses_a_newer_schema(void **state)
{
    (void)state;
    fx_close(pg_fresh(0));
    pg_raw("INSERT INTO schema_version VALUES (99, 'later', 'from the future')");
    dyad_store *s = NULL;
    dyad_error err;
    assert_int_equal(dyad_store_open(pg_conninfo(), NULL, &s, &err), DYAD_EUNSUPPORTED);
    assert_null(s);
}

static void pg_store_copies_full_batches_and_commits_rest_on_flush(void **state)
{
    (void)state;
    dyad_store *s = pg_fresh(10);
    fx_fill(s, 0, 25, 2);
    assert_int_equal(pg_raw("SELECT COUNT(*) FROM documents"), 20);
    assert_int_equal(pg_raw("SELECT COUNT(*) FROM events"), 40);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    assert_int_equal(pg_raw("SELECT COUNT(*) FROM documents"), 25);
    fx_fill(s, 0, 30, 2); /* 25 skipped, 5 new */
    fx_close(s);
    assert_int_equal(pg_raw("SELECT COUNT(*) FROM documents"), 30);
    assert_int_equal(pg_raw("SELECT COUNT(*) FROM events"), 60);
}

/* PostgreSQL sees committed documents only (the open batch is still COPY
 * text on the client); a read-only store may ask too. */
static void pg_store_has_document_sees_committed_documents(void **state)
{
    (void)state;
    dyad_store *s = pg_fresh(50);
    fx_fill(s, 0, 4, 1);
    fx_doc f;
    fx_make(&f, 2, 1);
    assert_int_equal(fx_has(s, &f.doc), 0);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    assert_int_equal(fx_has(s, &f.doc), 1);
    fx_close(s);
    dyad_store_options o = {.read_only = 1};
    assert_int_equal(dyad_store_open(pg_conninfo(), &o, &s, NULL), DYAD_OK);
    assert_int_equal(fx_has(s, &f.doc), 1);
    f.text[0] = 'm';
    assert_int_equal(fx_has(s, &f.doc), 0);
    fx_close(s);
}

static void pg_store_check_finds_orphaned_rows(void **state)
{
    (void)state;
    dyad_store *s = pg_fresh(0);
    fx_fill(s, 0, 5, 2);
    assert_int_equal(dyad_store_flush(s, NULL), DYAD_OK);
    dyad_error err;
    assert_int_equal(dyad_store_check(s, &err), DYAD_OK);
    pg_raw("DELETE FROM documents WHERE id = 'doc-00002'");
    assert_int_equal(dyad_store_check(s, &err), DYAD_ECORRUPT);
    assert_non_null(strstr(err.message, "belong to no document"));
    fx_close(s);
}

static void pg_store_open_of_unreachable_server_fails_cleanly(void **state)
{
    (void)state;
    dyad_store *s = NULL;
    dyad_error err;
    assert_int_equal(dyad_store_open("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2",
                                     NULL, &s, &err),
                     DYAD_EDB);
    assert_null(s);
    assert_non_null(strstr(err.message, "cannot connect"));
    assert_null(strstr(err.file, "secret")); /* the password never reaches a message */
}

int main(void)
{
    store_fresh = pg_fresh;
    const struct CMUnitTest tests[] = {
        STORE_SHARED_CASES,
        STORE_QUERY_CASES,
        cmocka_unit_test(pg_store_records_each_migration_once),
        cmocka_unit_test(pg_store_refuses_a_newer_schema),
        cmocka_unit_test(pg_store_copies_full_batches_and_commits_rest_on_flush),
        cmocka_unit_test(pg_store_has_document_sees_committed_documents),
        cmocka_unit_test(pg_store_check_finds_orphaned_rows),
        cmocka_unit_test(pg_store_open_of_unreachable_server_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
