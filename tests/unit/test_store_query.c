/*
 * test_store_query.c — queries, aggregates, deduplication and export
 * layouts of the event store (src/store/query.c, format.c) on SQLite.  The
 * same cases run on PostgreSQL in test_store_pg.c.
 */
#include "store_cases.h"

static char qpath[256];

static void q_remove(void)
{
    char p[300];
    if (!qpath[0])
        return;
    unlink(qpath);
    snprintf(p, sizeof p, "%s-wal", qpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", qpath);
    unlink(p);
}

static dyad_store *q_fresh(size_t batch_docs)
{
    static int n;
    q_remove();
    snprintf(qpath, sizeof qpath, "/tmp/dyad-test-query-%d-%d.db", (int)getpid(), n++);
    q_remove();
    dyad_store_options o = {.batch_docs = batch_docs};
    dyad_store *s = NULL;
    assert_int_equal(dyad_store_open(qpath, &o, &s, NULL), DYAD_OK);
    return s;
}

static void query_limit_and_order_by_date(void **state)
{
    (void)state;
    dyad_store *s = fxq_store();
    dyad_store_query q = {.limit = 7};
    assert_int_equal(fx_query_n(s, &q), 7);
    char *t = fx_write(s, &q, DYAD_STORE_FORMAT_TABLE, 0);
    assert_int_equal(strncmp(t, "date ", 5), 0);
    assert_non_null(strstr(t, "2023-01-01  "));
    free(t);
    fx_close(s);
}

static void format_names_map_to_formats(void **state)
{
    (void)state;
    dyad_store_format f;
    assert_int_equal(dyad_store_format_from_name("gdelt", &f), DYAD_OK);
    assert_int_equal(f, DYAD_STORE_FORMAT_GDELT);
    assert_int_equal(dyad_store_format_from_name("phoenix", &f), DYAD_OK);
    assert_int_equal(f, DYAD_STORE_FORMAT_PHOENIX);
    assert_int_equal(dyad_store_format_from_name("xml", &f), DYAD_EINVAL);
    assert_int_equal(dyad_store_format_from_name(NULL, &f), DYAD_EINVAL);
}

static void aggregates_refuse_event_only_layouts(void **state)
{
    (void)state;
    dyad_store *s = q_fresh(0);
    FILE *out = fopen("/dev/null", "w");
    dyad_error err;
    assert_int_equal(dyad_store_write_aggregates(s, NULL, DYAD_STORE_FORMAT_GDELT, out, &err),
                     DYAD_EINVAL);
    fclose(out);
    fx_close(s);
}

static void write_reports_a_full_output_device(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    dyad_store *s = fxa_store();
    dyad_error err;
    assert_int_equal(dyad_store_write_events(s, NULL, DYAD_STORE_FORMAT_GDELT, full, &err),
                     DYAD_EIO);
    fclose(full);
    fx_close(s);
}

int main(void)
{
    store_fresh = q_fresh;
    const struct CMUnitTest tests[] = {
        STORE_QUERY_CASES,
        cmocka_unit_test(query_limit_and_order_by_date),
        cmocka_unit_test(format_names_map_to_formats),
        cmocka_unit_test(aggregates_refuse_event_only_layouts),
        cmocka_unit_test(write_reports_a_full_output_device),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    q_remove();
    return rc;
}
