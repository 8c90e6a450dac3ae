/*
 * setup.c — making and freeing a coder: the lexicon's patterns ranked
 * most specific first and indexed by verb and by verb block (so that a
 * verb's candidates are one slice), the dictionary-level options a
 * lexicon carries (PETRARCH-2 vs TABARI behaviour, stems, default codes)
 * merged with the caller's, and the per-sentence scratch.
 */
#include "coder/coder.h"

#include <stdlib.h>
#include <string.h>

/* Patterns ordered most specific first: more word, synset and actor
 * elements, then more elements, then dictionary order. */
static int specificity(const dyad_lexicon *lx, const lex_pattern *p)
{
    const lex_elem *e = lex_at(lx, LEX_V_ELEMS, p->elem_first);
    int words = 0;
    for (uint32_t i = 0; i < p->elem_n; i++)
        words += 2 * (e[i].kind == LEX_PE_WORD || e[i].kind == LEX_PE_SYNSET ||
                      e[i].kind == LEX_PE_SOURCE || e[i].kind == LEX_PE_TARGET ||
                      e[i].kind == LEX_PE_COMPOUND);
    /* TABARI: a literal word outranks a synset in the same place ("* DOLLAR"
     * before "* &CURRENCY", suite SYNSET-07) */
    for (uint32_t i = 0; p->syntax == LEX_SYN_TABARI && i < p->elem_n; i++)
        words -= e[i].kind == LEX_PE_SYNSET;
    return words * 256 + (int)p->elem_n;
}

/* A pattern id with its precomputed rank, so qsort needs no global state
 * (coders may be built on several threads at once). */
typedef struct ranked {
    int rank;
    uint32_t id;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->rank != y->rank)
        return y->rank - x->rank;
    return x->id < y->id ? -1 : x->id > y->id;
}

static dyad_status sort_patterns(dyad_coder *c, uint32_t *list, uint32_t n)
{
    if (n < 2)
        return DYAD_OK;
    ranked *r = core_alloc(c->allocator, (size_t)n * sizeof *r);
    if (!r)
        return DYAD_ENOMEM;
    for (uint32_t i = 0; i < n; i++)
        r[i] = (ranked){specificity(c->lex, lex_at(c->lex, LEX_V_PATTERNS, list[i])), list[i]};
    qsort(r, n, sizeof *r, cmp_ranked);
    for (uint32_t i = 0; i < n; i++)
        list[i] = r[i].id;
    core_free(c->allocator, r);
    return DYAD_OK;
}

/* The verb (by_verb) or verb block a pattern belongs to; 0 = none. */
static uint32_t pattern_owner(const lex_pattern *p, bool by_verb)
{
    return by_verb ? p->verb : (p->verb ? 0 : p->block);
}

/* Builds owner -> sorted pattern list (CSR arrays) for owners 0..n-1.
 * by_verb: TABARI patterns keyed by their verb, else the rest by block. */
static dyad_status index_patterns(dyad_coder *c, uint32_t n, bool by_verb, uint32_t **first_out,
                                  uint32_t **list_out)
{
    const dyad_lexicon *lx = c->lex;
    uint32_t np = LEX_N(lx, LEX_V_PATTERNS);
    uint32_t *first = core_calloc(c->allocator, (size_t)n + 1, sizeof *first);
    uint32_t *list = core_calloc(c->allocator, np ? np : 1, sizeof *list);
    uint32_t *fill = core_calloc(c->allocator, (size_t)n + 1, sizeof *fill);
    if (!first || !list || !fill) {
        core_free(c->allocator, first);
        core_free(c->allocator, list);
        core_free(c->allocator, fill);
        return DYAD_ENOMEM;
    }
    for (uint32_t i = 1; i < np; i++) {
        uint32_t owner = pattern_owner(lex_at(lx, LEX_V_PATTERNS, i), by_verb);
        if (owner && owner < n)
            first[owner + 1]++;
    }
    for (uint32_t k = 0; k < n; k++)
        first[k + 1] += first[k];
    for (uint32_t i = 1; i < np; i++) {
        uint32_t owner = pattern_owner(lex_at(lx, LEX_V_PATTERNS, i), by_verb);
        if (owner && owner < n)
            list[first[owner] + fill[owner]++] = i;
    }
    core_free(c->allocator, fill);
    *first_out = first;
    *list_out = list;
    for (uint32_t k = 0; k < n; k++) {
        dyad_status st = sort_patterns(c, list + first[k], first[k + 1] - first[k]);
        if (st)
            return st;
    }
    return DYAD_OK;
}

static bool lexicon_has_stems(const dyad_lexicon *lx)
{
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_ENTRIES); i++)
        if (((const lex_entry *)lex_at(lx, LEX_V_ENTRIES, i))->flags & LEX_EF_STEM)
            return true;
    return false;
}

/* Copies the "[CODE]" after key in v into out (false if none). */
static bool option_code(dyad_str v, const char *key, char out[CODER_MAX_CODE])
{
    size_t kl = strlen(key);
    for (size_t i = 0; i + kl <= v.len; i++) {
        if (memcmp(v.ptr + i, key, kl) != 0)
            continue;
        const char *open = memchr(v.ptr + i, '[', v.len - i);
        const char *close = open ? memchr(open, ']', v.len - (size_t)(open - v.ptr)) : NULL;
        if (!close || (size_t)(close - open - 1) >= CODER_MAX_CODE)
            return false;
        memcpy(out, open + 1, (size_t)(close - open - 1));
        out[close - open - 1] = 0;
        return true;
    }
    return false;
}

static bool contains(dyad_str v, const char *lit)
{
    return text_find(v.ptr, v.len, lit, strlen(lit)) != NULL;
}

/* TABARI .options lines read with the dictionaries ("SET: CODE BY
 * SENTENCE", "DEFAULT: SOURCE [X] TARGET [Y]", "SET: MINIMUM WORDS = 5")
 * apply where the caller's options leave the setting at its default. */
static void apply_lexicon_options(dyad_coder *c, const dyad_coder_options *given)
{
    const dyad_lexicon *lx = c->lex;
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_OPTIONS); i++) {
        const lex_option *o = lex_at(lx, LEX_V_OPTIONS, i);
        dyad_str key = lex_atom_str(lx, o->key), v = lex_atom_str(lx, o->value);
        bool set = key.len == 3 && memcmp(key.ptr, "SET", 3) == 0;
        bool def = key.len == 7 && memcmp(key.ptr, "DEFAULT", 7) == 0;
        if (set && !(given && given->tabari_code)) {
            if (contains(v, "CODE BY SENTENCE"))
                c->opts.tabari_code = 1;
            else if (contains(v, "CODE ALL"))
                c->opts.tabari_code = 2;
            else if (contains(v, "CODE BY CLAUSE"))
                c->opts.tabari_code = 0;
        }
        if (set && contains(v, "MINIMUM WORDS") && !(given && given->min_words)) {
            const char *eq = memchr(v.ptr, '=', v.len);
            int n = 0;
            for (const char *p = eq ? eq + 1 : v.ptr + v.len; p < v.ptr + v.len; p++)
                if (*p >= '0' && *p <= '9' && n < 10000)
                    n = n * 10 + (*p - '0');
            c->opts.min_words = n;
        }
        if (def && !(given && given->default_source) &&
            option_code(v, "SOURCE", c->default_source))
            c->opts.default_source = c->default_source;
        if (def && !(given && given->default_target) &&
            option_code(v, "TARGET", c->default_target))
            c->opts.default_target = c->default_target;
        if (def && !(given && (given->default_prior || given->default_after))) {
            c->opts.default_prior = contains(v, "PRIOR");
            c->opts.default_after = contains(v, "AFTER");
        }
    }
}

static uint32_t atom(const dyad_lexicon *lx, const char *s)
{
    return lex_atom_find(lx, s, strlen(s));
}

/* Does trie node hold a discard entry? */
static bool has_discard(const dyad_lexicon *lx, uint32_t node)
{
    for (const lex_entry *e = coder_trie_entries(lx, node); e;
         e = e->next ? lex_at(lx, LEX_V_ENTRIES, e->next) : NULL)
        if (e->kind == LEX_DISCARD)
            return true;
    return false;
}

/* The Bloom filter of the trie's edges from nodes other than the root
 * (coder_trie_child): 16 to 32 bits per edge, a power of two of 64-bit
 * words. */
static dyad_status index_inner_edges(dyad_coder *c, const lex_edge *slots, uint32_t edges)
{
    uint64_t inner = 0;
    for (uint32_t i = 0; i < edges; i++)
        inner += slots[i].child && slots[i].parent != 0;
    uint32_t bits_log2 = 7; /* two words at least: a shift by 64 is undefined */
    while (bits_log2 < 32 && (1ull << bits_log2) < inner * 16)
        bits_log2++;
    uint32_t words_log2 = bits_log2 - 6;
    c->edge_filter = core_calloc(c->allocator, (size_t)1 << words_log2, sizeof *c->edge_filter);
    if (!c->edge_filter)
        return DYAD_ENOMEM;
    /* the word index takes the hash's top bits, the bit positions its
     * low twelve */
    c->edge_filter_shift = 64 - words_log2;
    for (uint32_t i = 0; i < edges; i++)
        if (slots[i].child && slots[i].parent != 0) {
            uint64_t h = coder_edge_hash(slots[i].parent, slots[i].word);
            c->edge_filter[h >> c->edge_filter_shift] |= coder_edge_bits(h);
        }
    return DYAD_OK;
}

/* coder_node_kinds' byte per trie node. */
static dyad_status index_node_kinds(dyad_coder *c)
{
    const dyad_lexicon *lx = c->lex;
    uint32_t nodes = LEX_N(lx, LEX_V_NODES);
    c->node_kinds = core_calloc(c->allocator, nodes ? nodes : 1, 1);
    if (!c->node_kinds)
        return DYAD_ENOMEM;
    c->node_n = nodes;
    for (uint32_t n = 1; n < nodes; n++) {
        const lex_node *nd = lex_at(lx, LEX_V_NODES, n);
        for (uint32_t id = nd->entry; id;) {
            const lex_entry *e = lex_at(lx, LEX_V_ENTRIES, id);
            /* a kind the byte has no bit for keeps every node looked at */
            c->node_kinds[n] |= e->kind >= 1 && e->kind <= 7 ? (uint8_t)(1u << e->kind) : 0xffu;
            if (e->flags & LEX_EF_STEM)
                c->node_kinds[n] |= CODER_NODE_STEM;
            id = e->next;
        }
    }
    return DYAD_OK;
}

/* Marks the atoms a discard phrase starts with (the first edge of its
 * trie path), so that coder_find_discard walks the trie only from words
 * that may start one (none marked when the lexicon has no discards), and
 * indexes the trie's edges for coder_trie_child: the root's children by
 * atom, the others in a Bloom filter. */
static dyad_status index_discard_starts(dyad_coder *c)
{
    const dyad_lexicon *lx = c->lex;
    const dyad_allocator *a = c->allocator;
    uint32_t nodes = LEX_N(lx, LEX_V_NODES), edges = LEX_N(lx, LEX_V_EDGES);
    c->discard_first = core_calloc(a, c->atom_n ? c->atom_n : 1, 1);
    c->root_child = core_calloc(a, c->atom_n ? c->atom_n : 1, sizeof *c->root_child);
    uint32_t *up = core_calloc(a, (size_t)(nodes ? nodes : 1) * 2, sizeof *up);
    if (!c->discard_first || !c->root_child || !up) {
        core_free(a, up);
        return DYAD_ENOMEM;
    }
    const lex_edge *slots = LEX_ARR(lx, LEX_V_EDGES, const lex_edge);
    for (uint32_t i = 0; i < edges; i++) /* parent and word of every node */
        if (slots[i].child && slots[i].child < nodes) {
            up[2 * slots[i].child] = slots[i].parent;
            up[2 * slots[i].child + 1] = slots[i].word;
            if (slots[i].parent == 0 && slots[i].word < c->atom_n)
                c->root_child[slots[i].word] = slots[i].child;
        }
    for (uint32_t n = 1; n < nodes; n++) {
        if (!has_discard(lx, n))
            continue;
        uint32_t first = n;
        for (uint32_t steps = 0; up[2 * first] != 0 && steps < nodes; steps++)
            first = up[2 * first];
        uint32_t w = up[2 * first + 1];
        if (w < c->atom_n)
            c->discard_first[w] = 1;
    }
    core_free(a, up);
    dyad_status st = index_inner_edges(c, slots, edges);
    return st ? st : index_node_kinds(c);
}

dyad_status dyad_coder_new(const dyad_lexicon *lexicon, const dyad_model *model,
                           const dyad_coder_options *opts, dyad_coder **out)
{
    if (!out || !lexicon)
        return DYAD_EINVAL;
    *out = NULL;
    const dyad_allocator *a = core_allocator(opts ? opts->allocator : NULL);
    dyad_coder *c = core_calloc(a, 1, sizeof *c);
    if (!c)
        return DYAD_ENOMEM;
    c->allocator = a;
    c->lex = lexicon;
    c->model = model;
    if (opts)
        c->opts = *opts;
    buf_init(&c->trace, a);
    dyad_status st = coder_sent_init(&c->sent, a);
    if (!st)
        st = index_patterns(c, LEX_N(lexicon, LEX_V_BLOCKS), false, &c->block_pat_first,
                            &c->block_pats);
    if (!st)
        st = index_patterns(c, LEX_N(lexicon, LEX_V_VERBS), true, &c->verb_pat_first,
                            &c->verb_pats);
    if (!st && model)
        st = dyad_syntax_new(model, a, &c->syntax);
    if (!st) {
        c->atom_n = LEX_N(lexicon, LEX_V_ATOMS);
        c->atom_stamp = core_calloc(a, c->atom_n ? c->atom_n : 1, sizeof *c->atom_stamp);
        c->atom_synref = core_calloc(a, c->atom_n ? c->atom_n : 1, 1);
        if (!c->atom_stamp || !c->atom_synref)
            st = DYAD_ENOMEM;
        for (uint32_t i = 1; !st && i < c->atom_n; i++) {
            dyad_str w = lex_atom_str(lexicon, i);
            c->atom_synref[i] = w.len > 1 && w.ptr[0] == '&';
        }
    }
    if (!st)
        st = coder_index_synsets(c);
    if (!st)
        st = coder_index_requirements(c);
    if (!st)
        st = index_discard_starts(c);
    if (st) {
        dyad_coder_free(c);
        return st;
    }
    coder_tag_tables(c);
    c->tabari_stems = lexicon_has_stems(lexicon);
    apply_lexicon_options(c, opts);
    for (uint32_t i = 1; i < LEX_N(lexicon, LEX_V_FILES); i++) {
        const lex_file *f = lex_at(lexicon, LEX_V_FILES, i);
        if (f->kind == LEX_FILE_VERBS && f->syntax == LEX_SYN_PETR2)
            c->petr2 = true;
        if (f->kind == LEX_FILE_VERBS && f->syntax == LEX_SYN_TABARI)
            c->tabari = true;
    }
    c->atom_by = atom(lexicon, "by");
    coder_find_us_state_entry(c);
    c->georgia_state_sent = -1;
    if (c->tabari) {
        /* TABARI holds a sentence's events for its '?' and '!' rules:
         * allocated here, so that running out of memory is reported
         * rather than changing which events a sentence yields */
        c->held = core_calloc(c->allocator, CODER_MAX_EVENTS, sizeof *c->held);
        if (!c->held) {
            dyad_coder_free(c);
            return DYAD_ENOMEM;
        }
    }
    *out = c;
    return DYAD_OK;
}

void dyad_coder_free(dyad_coder *c)
{
    if (!c)
        return;
    const dyad_allocator *a = c->allocator;
    coder_sent_free(&c->sent);
    core_free(a, c->block_pat_first);
    core_free(a, c->block_pats);
    core_free(a, c->verb_pat_first);
    core_free(a, c->verb_pats);
    dyad_syntax_free(c->syntax);
    dyad_analysis_free(c->analysis);
    core_free(a, c->tok_scratch);
    core_free(a, c->atom_stamp);
    core_free(a, c->atom_synref);
    core_free(a, c->discard_first);
    core_free(a, c->root_child);
    core_free(a, c->node_kinds);
    core_free(a, c->edge_filter);
    coder_fcache_free(&c->norm_cache, a);
    coder_pmemo_free(&c->parse_memo, a);
    core_free(a, c->req_first);
    core_free(a, c->req);
    coder_free_synsets(c);
    coder_free_held(c);
    coder_free_pico(c);
    buf_free(&c->trace);
    core_free(a, c);
}
