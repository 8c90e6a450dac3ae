/*
 * alloc.c — the allocator every part of libdyad allocates through.
 *
 * Routing all allocation through a dyad_allocator lets tests fail the Nth
 * allocation and check that each failure returns DYAD_ENOMEM without leaks
 * (STYLE.md, Memory).
 */
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

static void *default_alloc(void *user, size_t size)
{
    (void)user;
    return malloc(size ? size : 1);
}

static void *default_realloc(void *user, void *ptr, size_t size)
{
    (void)user;
    return realloc(ptr, size ? size : 1);
}

static void default_free(void *user, void *ptr)
{
    (void)user;
    free(ptr);
}

static const dyad_allocator default_allocator = {default_alloc, default_realloc, default_free,
                                                 NULL};

const dyad_allocator *dyad_default_allocator(void) { return &default_allocator; }

const dyad_allocator *core_allocator(const dyad_allocator *a) { return a ? a : &default_allocator; }

void *core_alloc(const dyad_allocator *a, size_t size) { return a->alloc(a->user, size); }

void *core_calloc(const dyad_allocator *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = a->alloc(a->user, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *core_realloc(const dyad_allocator *a, void *ptr, size_t size)
{
    return a->realloc(a->user, ptr, size);
}

void core_free(const dyad_allocator *a, void *ptr)
{
    if (ptr)
        a->free(a->user, ptr);
}

char *core_strndup(const dyad_allocator *a, const char *s, size_t len)
{
    char *p = a->alloc(a->user, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = 0;
    return p;
}

dyad_status core_grow(const dyad_allocator *a, void **items, size_t *cap, size_t need,
                      size_t item_size)
{
    if (need <= *cap)
        return DYAD_OK;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return DYAD_ENOMEM;
        ncap *= 2;
    }
    if (item_size && ncap > SIZE_MAX / item_size)
        return DYAD_ENOMEM;
    void *p = a->realloc(a->user, *items, ncap * item_size);
    if (!p)
        return DYAD_ENOMEM;
    *items = p;
    *cap = ncap;
    return DYAD_OK;
}
