/*
 * test_core.c — the core layer: dates, arena, buffers, error formatting,
 * allocation failure.
 */
#include "test_util.h"

#include "core/core.h"

static void date_parses_iso_date(void **state)
{
    (void)state;
    dyad_date d;
    assert_int_equal(dyad_date_parse("2023-03-08", 10, &d), DYAD_OK);
    assert_int_equal(d.year, 2023);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 8);
}

static void date_parses_compact_and_datetime_forms(void **state)
{
    (void)state;
    dyad_date d;
    assert_int_equal(dyad_date_parse("20230308", 8, &d), DYAD_OK);
    assert_int_equal(d.day, 8);
    const char *dt = "2021-01-20T17:05:00+00:00";
    assert_int_equal(dyad_date_parse(dt, strlen(dt), &d), DYAD_OK);
    assert_int_equal(d.year, 2021);
    dt = "2021-01-20 17:05:00Z";
    assert_int_equal(dyad_date_parse(dt, strlen(dt), &d), DYAD_OK);
}

static void date_rejects_impossible_calendar_days(void **state)
{
    (void)state;
    dyad_date d;
    const char *bad[] = {"2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31",
                         "0999-01-01", "2023-3-8",   "20230230",   "2023-03-08junk",
                         "",           "yesterday",  "2023-03-08T", "2023/03/08"};
    for (size_t i = 0; i < DYAD_ARRAY_LEN(bad); i++)
        assert_int_equal(dyad_date_parse(bad[i], strlen(bad[i]), &d), DYAD_EDATE);
}

static void date_accepts_leap_day_in_leap_years_only(void **state)
{
    (void)state;
    dyad_date d;
    assert_int_equal(dyad_date_parse("2024-02-29", 10, &d), DYAD_OK);
    assert_int_equal(dyad_date_parse("2000-02-29", 10, &d), DYAD_OK);
    assert_int_equal(dyad_date_parse("1900-02-29", 10, &d), DYAD_EDATE);
}

static void date_formats_round_trip_and_unknown_is_empty(void **state)
{
    (void)state;
    char out[11];
    dyad_date d = {2023, 3, 8};
    assert_string_equal(dyad_date_format(d, out), "2023-03-08");
    dyad_date unknown = {0, 0, 0};
    assert_string_equal(dyad_date_format(unknown, out), "");
}

static void arena_returns_aligned_distinct_memory(void **state)
{
    (void)state;
    arena ar;
    arena_init(&ar, NULL, 1024);
    char *prev = NULL;
    for (int i = 0; i < 1000; i++) {
        char *p = arena_alloc(&ar, (size_t)(i % 37) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 'x', (size_t)(i % 37) + 1);
        assert_true(p != prev);
        prev = p;
    }
    char *big = arena_alloc(&ar, 100000);
    assert_non_null(big);
    memset(big, 0, 100000);
    arena_free(&ar);
}

static void arena_reset_keeps_one_block_for_reuse(void **state)
{
    (void)state;
    arena ar;
    arena_init(&ar, NULL, 4096);
    for (int i = 0; i < 100; i++)
        assert_non_null(arena_alloc(&ar, 1000));
    assert_true(ar.total > 4096);
    arena_reset(&ar);
    assert_int_equal(ar.total, 4096);
    assert_non_null(arena_strndup(&ar, "abc", 3));
    arena_free(&ar);
    assert_int_equal(ar.total, 0);
}

static void buf_printf_grows_past_small_buffer(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, NULL);
    char big[1000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    assert_int_equal(buf_printf(&b, "<%s>%d", big, 42), DYAD_OK);
    assert_int_equal(b.len, 999 + 4);
    assert_int_equal(b.data[b.len], 0);
    assert_memory_equal(b.data + b.len - 3, ">42", 3);
    buf_free(&b);
}

static void buf_reports_enomem_and_leaks_nothing(void **state)
{
    (void)state;
    for (long n = 1; n < 10; n++) {
        test_failing_alloc fa;
        test_failing_alloc_init(&fa, n);
        buf b;
        buf_init(&b, &fa.a);
        dyad_status st = DYAD_OK;
        for (int i = 0; i < 100 && st == DYAD_OK; i++)
            st = buf_append(&b, "0123456789", 10);
        assert_true(st == DYAD_OK || st == DYAD_ENOMEM);
        buf_free(&b);
        assert_int_equal(fa.live, 0);
    }
}

static void error_formats_file_line_and_record(void **state)
{
    (void)state;
    dyad_error err = {0};
    char out[2048];
    error_set(&err, DYAD_EPARSE, "in.jsonl", 12, "field '%s' missing", "text");
    assert_string_equal(dyad_error_format(&err, out, sizeof out),
                        "in.jsonl:12: field 'text' missing");
    error_set_record(&err, "DEMO-01", 7);
    assert_string_equal(dyad_error_format(&err, out, sizeof out),
                        "in.jsonl: record DEMO-01: field 'text' missing");
    error_set(&err, DYAD_EIO, "", 0, "disk full");
    assert_string_equal(dyad_error_format(&err, out, sizeof out), "disk full");
}

static void status_strings_are_distinct(void **state)
{
    (void)state;
    for (int a = DYAD_OK; a <= DYAD_EUNSUPPORTED; a++)
        for (int b = a + 1; b <= DYAD_EUNSUPPORTED; b++)
            assert_string_not_equal(dyad_status_str((dyad_status)a),
                                    dyad_status_str((dyad_status)b));
    assert_string_equal(dyad_version(), DYAD_VERSION);
}

static void grow_doubles_and_refuses_overflow(void **state)
{
    (void)state;
    const dyad_allocator *a = dyad_default_allocator();
    int *items = NULL;
    size_t cap = 0;
    assert_int_equal(core_grow(a, (void **)&items, &cap, 100, sizeof *items), DYAD_OK);
    assert_true(cap >= 100);
    assert_int_equal(core_grow(a, (void **)&items, &cap, SIZE_MAX / 2, sizeof *items),
                     DYAD_ENOMEM);
    core_free(a, items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(date_parses_iso_date),
        cmocka_unit_test(date_parses_compact_and_datetime_forms),
        cmocka_unit_test(date_rejects_impossible_calendar_days),
        cmocka_unit_test(date_accepts_leap_day_in_leap_years_only),
        cmocka_unit_test(date_formats_round_trip_and_unknown_is_empty),
        cmocka_unit_test(arena_returns_aligned_distinct_memory),
        cmocka_unit_test(arena_reset_keeps_one_block_for_reuse),
        cmocka_unit_test(buf_printf_grows_past_small_buffer),
        cmocka_unit_test(buf_reports_enomem_and_leaks_nothing),
        cmocka_unit_test(error_formats_file_line_and_record),
        cmocka_unit_test(status_strings_are_distinct),
        cmocka_unit_test(grow_doubles_and_refuses_overflow),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
