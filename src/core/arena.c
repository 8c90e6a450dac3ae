/*
 * arena.c — bump allocation for per-document and long-lived data.
 *
 * Blocks are chained newest first.  An allocation larger than a quarter of
 * the block size gets a block of its own so big requests do not waste the
 * tail of the current block.  arena_reset keeps one block of the standard
 * size: after the first document, analysing the next one allocates nothing.
 */
#include "core/core.h"

#include <string.h>

struct arena_block {
    arena_block *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    max_align_t data[]; /* aligned start of the block's bytes */
};

#define ARENA_ALIGN 16u

void arena_init(arena *ar, const dyad_allocator *a, size_t block_size)
{
    ar->allocator = core_allocator(a);
    ar->head = NULL;
    ar->block_size = block_size ? block_size : 64u * 1024u;
    ar->total = 0;
}

static arena_block *arena_new_block(arena *ar, size_t size)
{
    if (size > SIZE_MAX - sizeof(arena_block))
        return NULL;
    arena_block *b = core_alloc(ar->allocator, sizeof(arena_block) + size);
    if (!b)
        return NULL;
    b->size = size;
    b->used = 0;
    ar->total += size;
    return b;
}

void *arena_alloc(arena *ar, size_t size)
{
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < size)
        return NULL;
    arena_block *b = ar->head;
    if (b && b->size - b->used >= need) {
        void *p = (char *)b->data + b->used;
        b->used += need;
        return p;
    }
    if (need > ar->block_size / 4) {
        /* Oversized: its own block, linked behind the head so the head's
         * free tail stays usable. */
        arena_block *big = arena_new_block(ar, need);
        if (!big)
            return NULL;
        big->used = need;
        if (b) {
            big->next = b->next;
            b->next = big;
        } else {
            big->next = NULL;
            ar->head = big;
        }
        return big->data;
    }
    arena_block *nb = arena_new_block(ar, ar->block_size);
    if (!nb)
        return NULL;
    nb->next = b;
    ar->head = nb;
    nb->used = need;
    return nb->data;
}

char *arena_strndup(arena *ar, const char *s, size_t len)
{
    char *p = arena_alloc(ar, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = 0;
    return p;
}

void arena_reset(arena *ar)
{
    arena_block *keep = NULL;
    arena_block *b = ar->head;
    while (b) {
        arena_block *next = b->next;
        if (!keep && b->size == ar->block_size) {
            keep = b;
        } else {
            ar->total -= b->size;
            core_free(ar->allocator, b);
        }
        b = next;
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
    ar->head = keep;
}

void arena_free(arena *ar)
{
    arena_block *b = ar->head;
    while (b) {
        arena_block *next = b->next;
        core_free(ar->allocator, b);
        b = next;
    }
    ar->head = NULL;
    ar->total = 0;
}
