/*
 * core.h — internal header of the core layer: allocation helpers, arenas,
 * growable buffers and error reporting shared by every other layer.
 * Depends on nothing but dyad.h and the C library.
 */
#ifndef DYAD_CORE_H
#define DYAD_CORE_H

#include "dyad.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DYAD_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define DYAD_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define DYAD_LIKELY(x) __builtin_expect(!!(x), 1)
#define DYAD_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define DYAD_PRINTF(f, a)
#define DYAD_LIKELY(x) (x)
#define DYAD_UNLIKELY(x) (x)
#endif

/* ---- allocation (alloc.c) ---- */

/* Returns a (never NULL) allocator: a itself or the default one. */
const dyad_allocator *core_allocator(const dyad_allocator *a);
void *core_alloc(const dyad_allocator *a, size_t size);
void *core_calloc(const dyad_allocator *a, size_t n, size_t size);
void *core_realloc(const dyad_allocator *a, void *ptr, size_t size);
void core_free(const dyad_allocator *a, void *ptr);
/* Copies len bytes and appends NUL; NULL on failure. */
char *core_strndup(const dyad_allocator *a, const char *s, size_t len);

/* Grows *items (each item_size bytes) so that at least need items fit;
 * capacity doubles.  Returns DYAD_OK or DYAD_ENOMEM (array unchanged). */
dyad_status core_grow(const dyad_allocator *a, void **items, size_t *cap, size_t need,
                      size_t item_size);

/* ---- arena (arena.c) ---- */

/* A bump allocator made of chained blocks; reset keeps the first block so
 * per-document use allocates nothing after warm-up.  Memory is released
 * only by arena_reset/arena_free. */
typedef struct arena_block arena_block;
typedef struct arena {
    const dyad_allocator *allocator;
    arena_block *head;
    size_t block_size;
    size_t total; /* bytes held in blocks */
} arena;

void arena_init(arena *ar, const dyad_allocator *a, size_t block_size);
/* 16-byte aligned; NULL on allocation failure. */
void *arena_alloc(arena *ar, size_t size);
char *arena_strndup(arena *ar, const char *s, size_t len);
void arena_reset(arena *ar);
void arena_free(arena *ar);

/* ---- growable byte buffer (buf.c) ---- */

typedef struct buf {
    const dyad_allocator *allocator;
    char *data; /* always NUL-terminated once non-empty */
    size_t len;
    size_t cap;
} buf;

void buf_init(buf *b, const dyad_allocator *a);
dyad_status buf_reserve(buf *b, size_t extra);
dyad_status buf_append(buf *b, const void *data, size_t len);
dyad_status buf_putc(buf *b, char c);
dyad_status buf_printf(buf *b, const char *fmt, ...) DYAD_PRINTF(2, 3);
void buf_clear(buf *b);
void buf_free(buf *b);

/* ---- errors (error.c) ---- */

/* Fills err (may be NULL) and returns code, so callers can write
 * `return error_set(err, DYAD_EIO, file, line, "...")`. */
dyad_status error_set(dyad_error *err, dyad_status code, const char *file, unsigned long line,
                      const char *fmt, ...) DYAD_PRINTF(5, 6);
dyad_status error_setv(dyad_error *err, dyad_status code, const char *file, unsigned long line,
                       const char *fmt, va_list ap);
void error_set_record(dyad_error *err, const char *id, size_t len);

/* ---- dates (date.c) ---- */

/* Days in month m (1-12) of year y, Gregorian leap years. */
int date_days_in_month(int y, int m);

/* ---- hashing (hash.c) ---- */

/* 64-bit FNV-1a variant tuned for short keys; stable across runs. */
uint64_t hash_bytes(const void *data, size_t len);
/* The same in steps: hash_bytes(p, n) == hash_finish(h) where h starts at
 * HASH_START and takes hash_step(h, p[i]) for each byte, so that all the
 * prefixes of a word are hashed in one pass. */
#define HASH_START 1469598103934665603ull
static inline uint64_t hash_step(uint64_t h, unsigned char c)
{
    return (h ^ c) * 1099511628211ull;
}
static inline uint64_t hash_finish(uint64_t h)
{
    /* final avalanche so low bits are usable as a table index */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}
uint32_t crc32_bytes(uint32_t crc, const void *data, size_t len);
/* A fast 64-bit checksum of a large buffer (XXH3-64), stable across
 * machines and versions of libxxhash. */
uint64_t checksum64_bytes(const void *data, size_t len);

#endif /* DYAD_CORE_H */
