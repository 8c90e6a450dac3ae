/*
 * store.c — the lexicon's storage: growable record arrays, the atom table
 * (interned strings) and the phrase trie.  See lexicon.h for the layout.
 *
 * Both hash tables use open addressing with linear probing over a power-of-
 * two slot array kept at most half full, so they can be written to the cache
 * and probed in place after mapping.  Slot arrays are rebuilt on growth.
 */
#include "lexicon/lexicon.h"

#include <stdarg.h>
#include <string.h>

const uint32_t lex_elem_size[LEX_V_COUNT] = {
    [LEX_V_POOL] = 1,
    [LEX_V_ATOMS] = sizeof(lex_atom),
    [LEX_V_ATOM_SLOTS] = sizeof(uint32_t),
    [LEX_V_NODES] = sizeof(lex_node),
    [LEX_V_EDGES] = sizeof(lex_edge),
    [LEX_V_ENTRIES] = sizeof(lex_entry),
    [LEX_V_ACTORS] = sizeof(lex_actor),
    [LEX_V_CODES] = sizeof(lex_code),
    [LEX_V_AGENTS] = sizeof(lex_agent),
    [LEX_V_BLOCKS] = sizeof(lex_block),
    [LEX_V_VERBS] = sizeof(lex_verb),
    [LEX_V_PATTERNS] = sizeof(lex_pattern),
    [LEX_V_ELEMS] = sizeof(lex_elem),
    [LEX_V_SYNSETS] = sizeof(lex_synset),
    [LEX_V_MEMBERS] = sizeof(lex_member),
    [LEX_V_SEQ] = sizeof(uint32_t),
    [LEX_V_ISSUES] = sizeof(lex_issue),
    [LEX_V_OPTIONS] = sizeof(lex_option),
    [LEX_V_TRANSFORMS] = sizeof(lex_text_line),
    [LEX_V_FILES] = sizeof(lex_file),
};

#define LEX_INITIAL_SLOTS 1024u

static dyad_status vec_reserve(dyad_lexicon *lx, int id, uint32_t need)
{
    lex_vec *v = &lx->v[id];
    if (need <= v->cap)
        return DYAD_OK;
    if (need > UINT32_MAX / 2)
        return DYAD_ELIMIT;
    size_t cap = v->cap;
    dyad_status st = core_grow(lx->allocator, &v->items, &cap, need, lex_elem_size[id]);
    if (st == DYAD_OK)
        v->cap = (uint32_t)(cap > UINT32_MAX / 2 ? UINT32_MAX / 2 : cap);
    return st;
}

dyad_status lex_push(dyad_lexicon *lx, int id, uint32_t *idx)
{
    lex_vec *v = &lx->v[id];
    dyad_status st = vec_reserve(lx, id, v->n + 1);
    if (st)
        return st;
    memset((char *)v->items + (size_t)v->n * lex_elem_size[id], 0, lex_elem_size[id]);
    *idx = v->n++;
    return DYAD_OK;
}

void *lex_at(const dyad_lexicon *lx, int id, uint32_t idx)
{
    return (char *)lx->v[id].items + (size_t)idx * lex_elem_size[id];
}

static dyad_status slots_alloc(dyad_lexicon *lx, int id, uint32_t n)
{
    lex_vec *v = &lx->v[id];
    void *p = core_calloc(lx->allocator, n, lex_elem_size[id]);
    if (!p)
        return DYAD_ENOMEM;
    core_free(lx->allocator, v->items);
    v->items = p;
    v->n = v->cap = n;
    return DYAD_OK;
}

dyad_status lex_init(dyad_lexicon *lx, const dyad_allocator *a)
{
    memset(lx, 0, sizeof *lx);
    lx->allocator = core_allocator(a);
    uint32_t idx;
    dyad_status st = DYAD_OK;
    /* Record 0 of every array is "none". */
    for (int id = 0; id < LEX_V_COUNT && !st; id++)
        if (id != LEX_V_ATOM_SLOTS && id != LEX_V_EDGES)
            st = lex_push(lx, id, &idx);
    if (!st)
        st = slots_alloc(lx, LEX_V_ATOM_SLOTS, LEX_INITIAL_SLOTS);
    if (!st)
        st = slots_alloc(lx, LEX_V_EDGES, LEX_INITIAL_SLOTS);
    return st;
}

void lex_release(dyad_lexicon *lx)
{
    if (lx->map)
        return; /* arrays point into the mapping; cache.c unmaps */
    for (int id = 0; id < LEX_V_COUNT; id++)
        core_free(lx->allocator, lx->v[id].items);
}

/* ---- atoms ---- */

dyad_str lex_atom_str(const dyad_lexicon *lx, uint32_t id)
{
    dyad_str s = {"", 0};
    if (id == 0 || id >= LEX_N(lx, LEX_V_ATOMS))
        return s;
    const lex_atom *a = lex_at(lx, LEX_V_ATOMS, id);
    s.ptr = (const char *)lx->v[LEX_V_POOL].items + a->off;
    s.len = a->len;
    return s;
}

static bool atom_equals(const dyad_lexicon *lx, uint32_t id, const char *s, size_t len)
{
    dyad_str a = lex_atom_str(lx, id);
    return a.len == len && memcmp(a.ptr, s, len) == 0;
}

uint32_t lex_atom_find(const dyad_lexicon *lx, const char *s, size_t len)
{
    return lex_atom_find_hashed(lx, s, len, hash_bytes(s, len));
}

uint32_t lex_atom_find_hashed(const dyad_lexicon *lx, const char *s, size_t len, uint64_t hash)
{
    const uint32_t *slots = lx->v[LEX_V_ATOM_SLOTS].items;
    uint32_t mask = LEX_N(lx, LEX_V_ATOM_SLOTS) - 1;
    if (!slots || mask == UINT32_MAX)
        return 0;
    for (uint32_t i = (uint32_t)hash & mask;; i = (i + 1) & mask) {
        if (slots[i] == 0)
            return 0;
        if (atom_equals(lx, slots[i], s, len))
            return slots[i];
    }
}

static void atom_slot_put(dyad_lexicon *lx, uint32_t id)
{
    uint32_t *slots = lx->v[LEX_V_ATOM_SLOTS].items;
    uint32_t mask = LEX_N(lx, LEX_V_ATOM_SLOTS) - 1;
    dyad_str s = lex_atom_str(lx, id);
    uint32_t i = (uint32_t)hash_bytes(s.ptr, s.len) & mask;
    while (slots[i])
        i = (i + 1) & mask;
    slots[i] = id;
}

static dyad_status atoms_rehash(dyad_lexicon *lx)
{
    uint32_t n = LEX_N(lx, LEX_V_ATOM_SLOTS) * 2;
    dyad_status st = slots_alloc(lx, LEX_V_ATOM_SLOTS, n);
    for (uint32_t id = 1; !st && id < LEX_N(lx, LEX_V_ATOMS); id++)
        atom_slot_put(lx, id);
    return st;
}

dyad_status lex_intern(dyad_lexicon *lx, const char *s, size_t len, uint32_t *id)
{
    if (len > LEX_MAX_LINE)
        return DYAD_ELIMIT;
    uint32_t found = lex_atom_find(lx, s, len);
    if (found) {
        *id = found;
        return DYAD_OK;
    }
    if ((LEX_N(lx, LEX_V_ATOMS) + 1) * 2 > LEX_N(lx, LEX_V_ATOM_SLOTS)) {
        dyad_status st = atoms_rehash(lx);
        if (st)
            return st;
    }
    lex_vec *pool = &lx->v[LEX_V_POOL];
    if ((uint64_t)pool->n + len + 1 > UINT32_MAX / 2)
        return DYAD_ELIMIT;
    dyad_status st = vec_reserve(lx, LEX_V_POOL, pool->n + (uint32_t)len + 1);
    uint32_t idx = 0;
    if (!st)
        st = lex_push(lx, LEX_V_ATOMS, &idx);
    if (st)
        return st;
    lex_atom *a = lex_at(lx, LEX_V_ATOMS, idx);
    a->off = pool->n;
    a->len = (uint32_t)len;
    memcpy((char *)pool->items + pool->n, s, len);
    ((char *)pool->items)[pool->n + len] = 0; /* NUL after each atom for convenience */
    pool->n += (uint32_t)len + 1;
    atom_slot_put(lx, idx);
    *id = idx;
    return DYAD_OK;
}

dyad_status lex_word(dyad_lexicon *lx, const char *s, size_t len, uint32_t *id)
{
    char small[LEX_MAX_WORD];
    bool ascii = len < sizeof small;
    for (size_t i = 0; ascii && i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            ascii = false;
        else
            small[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (ascii)
        return lex_intern(lx, small, len, id);
    /* Non-ASCII: the text layer's normalization, so matching on token norm
     * forms agrees with the dictionary. */
    char *norm = NULL;
    size_t norm_len = 0;
    dyad_status st = dyad_normalize(s, len, lx->allocator, &norm, &norm_len);
    if (!st)
        st = lex_intern(lx, norm, norm_len, id);
    core_free(lx->allocator, norm);
    return st;
}

/* ---- trie ---- */

static uint32_t edge_hash(uint32_t parent, uint32_t word)
{
    uint64_t k = ((uint64_t)parent << 32) | word;
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return (uint32_t)k;
}

uint32_t lex_trie_child(const dyad_lexicon *lx, uint32_t parent, uint32_t word)
{
    const lex_edge *slots = lx->v[LEX_V_EDGES].items;
    uint32_t n = LEX_N(lx, LEX_V_EDGES);
    if (!slots || n == 0)
        return 0;
    uint32_t mask = n - 1;
    for (uint32_t i = edge_hash(parent, word) & mask;; i = (i + 1) & mask) {
        if (slots[i].child == 0)
            return 0;
        if (slots[i].parent == parent && slots[i].word == word)
            return slots[i].child;
    }
}

static void edge_put(lex_edge *slots, uint32_t mask, lex_edge e)
{
    uint32_t i = edge_hash(e.parent, e.word) & mask;
    while (slots[i].child)
        i = (i + 1) & mask;
    slots[i] = e;
}

static dyad_status edges_grow(dyad_lexicon *lx)
{
    uint32_t old_n = LEX_N(lx, LEX_V_EDGES);
    lex_edge *old = lx->v[LEX_V_EDGES].items;
    uint32_t n = old_n * 2;
    lex_edge *slots = core_calloc(lx->allocator, n, sizeof *slots);
    if (!slots)
        return DYAD_ENOMEM;
    for (uint32_t i = 0; i < old_n; i++)
        if (old[i].child)
            edge_put(slots, n - 1, old[i]);
    core_free(lx->allocator, old);
    lx->v[LEX_V_EDGES].items = slots;
    lx->v[LEX_V_EDGES].n = lx->v[LEX_V_EDGES].cap = n;
    return DYAD_OK;
}

dyad_status lex_trie_add(dyad_lexicon *lx, const uint32_t *words, size_t n, uint32_t *node)
{
    uint32_t cur = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t next = lex_trie_child(lx, cur, words[i]);
        if (!next) {
            if ((lx->edge_used + 1) * 2 > LEX_N(lx, LEX_V_EDGES)) {
                dyad_status st = edges_grow(lx);
                if (st)
                    return st;
            }
            dyad_status st = lex_push(lx, LEX_V_NODES, &next);
            if (st)
                return st;
            lex_edge e = {cur, words[i], next};
            edge_put(lx->v[LEX_V_EDGES].items, LEX_N(lx, LEX_V_EDGES) - 1, e);
            lx->edge_used++;
        }
        cur = next;
    }
    *node = cur;
    return DYAD_OK;
}

dyad_status lex_add_entry(dyad_lexicon *lx, uint32_t node, const lex_entry *e)
{
    uint32_t idx;
    dyad_status st = lex_push(lx, LEX_V_ENTRIES, &idx);
    if (st)
        return st;
    lex_entry *dst = lex_at(lx, LEX_V_ENTRIES, idx);
    *dst = *e;
    /* Append at the tail so entries keep file order (first wins on ties). */
    lex_node *nd = lex_at(lx, LEX_V_NODES, node);
    dst->next = 0;
    if (!nd->entry)
        nd->entry = idx;
    else
        ((lex_entry *)lex_at(lx, LEX_V_ENTRIES, nd->last))->next = idx;
    nd->last = idx;
    return DYAD_OK;
}

/* ---- diagnostics ---- */

dyad_status lex_report(dyad_lexicon *lx, uint32_t file, unsigned long line, bool malformed,
                       const char *fmt, ...)
{
    lx->problems++;
    if (lx->diag) {
        dyad_error err;
        memset(&err, 0, sizeof err);
        const lex_file *f = lex_at(lx, LEX_V_FILES, file);
        dyad_str path = lex_atom_str(lx, f->path);
        char name[512];
        snprintf(name, sizeof name, "%.*s", (int)path.len, path.ptr);
        va_list ap;
        va_start(ap, fmt);
        error_setv(&err, malformed ? DYAD_EPARSE : DYAD_OK, name, line, fmt, ap);
        va_end(ap);
        lx->diag(lx->diag_user, &err);
    }
    if (malformed && lx->strict) {
        lx->failed_strict = true;
        return DYAD_EPARSE;
    }
    return DYAD_OK;
}
