/*
 * query.c — the lexicon as the coder sees it: word ids for token norm
 * forms, longest-phrase match over word-id sequences, the entries of a
 * phrase, actor codes for a date, verb codes, TABARI options.  All
 * read-only; safe to call from many threads on one lexicon.
 */
#include "lexicon/lexicon.h"

#include <string.h>

uint32_t lex_word_id(const dyad_lexicon *lx, const char *norm, size_t len)
{
    return lex_atom_find(lx, norm, len);
}

const lex_entry *lex_first_entry(const dyad_lexicon *lx, uint32_t node)
{
    if (node == 0 || node >= LEX_N(lx, LEX_V_NODES))
        return NULL;
    uint32_t e = ((const lex_node *)lex_at(lx, LEX_V_NODES, node))->entry;
    return e ? lex_at(lx, LEX_V_ENTRIES, e) : NULL;
}

const lex_entry *lex_next_entry(const dyad_lexicon *lx, const lex_entry *e)
{
    return e && e->next ? lex_at(lx, LEX_V_ENTRIES, e->next) : NULL;
}

static bool has_kind(const dyad_lexicon *lx, uint32_t node, uint32_t kind)
{
    for (const lex_entry *e = lex_first_entry(lx, node); e; e = lex_next_entry(lx, e))
        if (kind == 0 || e->kind == kind)
            return true;
    return false;
}

size_t lex_longest(const dyad_lexicon *lx, const uint32_t *words, size_t n, uint32_t kind,
                   uint32_t *node)
{
    uint32_t cur = 0;
    size_t best = 0;
    *node = 0;
    for (size_t i = 0; i < n && words[i]; i++) {
        cur = lex_trie_child(lx, cur, words[i]);
        if (!cur)
            break;
        if (has_kind(lx, cur, kind)) {
            best = i + 1;
            *node = cur;
        }
    }
    return best;
}

const lex_code *lex_actor_code(const dyad_lexicon *lx, uint32_t actor, int32_t day)
{
    if (actor == 0 || actor >= LEX_N(lx, LEX_V_ACTORS))
        return NULL;
    return lex_actor_code_of(lx, lex_at(lx, LEX_V_ACTORS, actor), day);
}

/* The first dated code whose [from, to) holds day, in file order; else the
 * first undated code. */
const lex_code *lex_actor_code_of(const dyad_lexicon *lx, const lex_actor *a, int32_t day)
{
    const lex_code *fallback = NULL;
    for (uint32_t i = 0; i < a->code_n; i++) {
        const lex_code *c = lex_at(lx, LEX_V_CODES, a->code_first + i);
        if (!c->dated) {
            if (!fallback)
                fallback = c;
        } else if (day && c->from <= day && day < c->to) {
            return c;
        }
    }
    return fallback;
}

uint32_t lex_verb_code(const dyad_lexicon *lx, uint32_t verb)
{
    if (verb == 0 || verb >= LEX_N(lx, LEX_V_VERBS))
        return 0;
    const lex_verb *v = lex_at(lx, LEX_V_VERBS, verb);
    if (v->code)
        return v->code;
    return ((const lex_block *)lex_at(lx, LEX_V_BLOCKS, v->block))->code;
}

dyad_str lex_option_value(const dyad_lexicon *lx, const char *key)
{
    size_t len = strlen(key);
    for (uint32_t i = LEX_N(lx, LEX_V_OPTIONS); i-- > 1;) {
        const lex_option *o = lex_at(lx, LEX_V_OPTIONS, i);
        dyad_str k = lex_atom_str(lx, o->key);
        if (k.len == len && !memcmp(k.ptr, key, len))
            return lex_atom_str(lx, o->value);
    }
    return lex_atom_str(lx, 0);
}

/* True when node has an entry whose last word is a TABARI stem. */
static bool has_stem(const dyad_lexicon *lx, uint32_t node)
{
    for (const lex_entry *e = lex_first_entry(lx, node); e; e = lex_next_entry(lx, e))
        if (e->flags & LEX_EF_STEM)
            return true;
    return false;
}

uint32_t lex_stem_child(const dyad_lexicon *lx, uint32_t parent, const char *norm, size_t len)
{
    /* Longest stem first: "palestin" before "pal" for "palestinians". */
    for (size_t k = len; k > 0; k--) {
        uint32_t w = lex_atom_find(lx, norm, k);
        uint32_t child = w ? lex_trie_child(lx, parent, w) : 0;
        if (child && has_stem(lx, child))
            return child;
    }
    return 0;
}
