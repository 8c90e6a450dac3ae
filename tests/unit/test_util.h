/*
 * test_util.h — shared helpers for the cmocka unit tests: the cmocka
 * includes, locating ../shared (tests that need it skip with a message when
 * it is absent), temporary files, and an allocator that fails the Nth
 * allocation for allocation-failure tests.
 */
#ifndef DYAD_TEST_UTIL_H
#define DYAD_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dyad.h"

/* Path of the shared data folder: $SHARED, else ../shared. */
static inline const char *test_shared_dir(void)
{
    const char *s = getenv("SHARED");
    return s && *s ? s : "../shared";
}

/* Writes "<shared>/<rel>" into out; returns 1 when the file exists.  When
 * it does not, prints why and the caller should skip(). */
static inline int test_shared_path(const char *rel, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", test_shared_dir(), rel);
    if (access(out, R_OK) == 0)
        return 1;
    fprintf(stderr, "skipping: %s not found (../shared is absent)\n", out);
    return 0;
}

#define SKIP_WITHOUT_SHARED(rel, buf)                                                        \
    do {                                                                                     \
        if (!test_shared_path((rel), (buf), sizeof(buf)))                                    \
            skip();                                                                          \
    } while (0)

/* Writes data to a fresh temporary file; returns its malloc'd path. */
static inline char *test_write_temp(const char *suffix, const void *data, size_t len)
{
    char tmpl[256];
    snprintf(tmpl, sizeof tmpl, "/tmp/dyad-test-XXXXXX%s", suffix ? suffix : "");
    int fd = mkstemps(tmpl, suffix ? (int)strlen(suffix) : 0);
    assert_true(fd >= 0);
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t n = write(fd, p, left);
        assert_true(n > 0);
        p += n;
        left -= (size_t)n;
    }
    close(fd);
    char *path = malloc(strlen(tmpl) + 1);
    strcpy(path, tmpl);
    return path;
}

/* Collects the diagnostics a reader or loader reports: how many, the
 * last one's status, line and text, and all of them one per line. */
typedef struct test_diags {
    int n;
    dyad_status last_code;
    unsigned long last_line;
    char last[1400];
    char all[8192];
} test_diags;

static inline void test_diags_collect(void *user, const dyad_error *err)
{
    test_diags *d = user;
    char line[1400];
    d->n++;
    d->last_code = err->code;
    d->last_line = err->line;
    dyad_error_format(err, d->last, sizeof d->last);
    size_t k = strlen(d->all);
    snprintf(d->all + k, sizeof d->all - k, "%s\n", dyad_error_format(err, line, sizeof line));
}

/* An allocator that fails allocation number fail_at (1-based; 0 = never)
 * and counts live blocks, for "fail the Nth allocation" loops. */
typedef struct test_failing_alloc {
    dyad_allocator a;
    long count;
    long fail_at;
    long live;
} test_failing_alloc;

static inline void *tfa_alloc(void *u, size_t n)
{
    test_failing_alloc *t = u;
    if (t->fail_at && ++t->count == t->fail_at)
        return NULL;
    if (!t->fail_at)
        t->count++;
    void *p = malloc(n ? n : 1);
    if (p)
        t->live++;
    return p;
}

static inline void *tfa_realloc(void *u, void *ptr, size_t n)
{
    test_failing_alloc *t = u;
    if (t->fail_at && ++t->count == t->fail_at)
        return NULL;
    if (!t->fail_at)
        t->count++;
    void *p = realloc(ptr, n ? n : 1);
    if (p && !ptr)
        t->live++;
    return p;
}

static inline void tfa_free(void *u, void *ptr)
{
    test_failing_alloc *t = u;
    if (ptr) {
        t->live--;
        free(ptr);
    }
}

static inline void test_failing_alloc_init(test_failing_alloc *t, long fail_at)
{
    t->a.alloc = tfa_alloc;
    t->a.realloc = tfa_realloc;
    t->a.free = tfa_free;
    t->a.user = t;
    t->count = 0;
    t->fail_at = fail_at;
    t->live = 0;
}

#endif
