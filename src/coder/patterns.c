/*
 * patterns.c — matching a dictionary verb's patterns around it.
 *
 * Patterns are matched the TABARI/PETRARCH-1 way, linearly around the verb:
 * the elements before '*' are matched right to left from the word before
 * the verb, those after it left to right from the word after it.  Words may
 * be skipped between elements unless the elements are joined by '_'.  '$'
 * and '+' bind an actor unit as source and target, '%' a compound group,
 * '^' skips one word or actor unit, "&SYNSET" matches any member phrase,
 * "{ a | b }" any alternative.  PETRARCH-2 head-based patterns are matched
 * with the same machinery, their noun and prepositional phrase brackets
 * read as grouping only and their words required to lie in the verb's
 * dependency subtree when a parse exists.  Backtracking is bounded by
 * CODER_MAX_MATCH_STEPS per pattern.
 */
#include "coder/coder.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SEQ 64u

/* One element in matching order, with whether it must touch the previous. */
typedef struct step {
    const lex_elem *e;
    bool adjacent;
    bool tight; /* PETRARCH-2: a later word of a {...} or (...) phrase */
    bool np_head; /* PETRARCH-2: the last word of a {...} noun phrase */
    bool preposition; /* PETRARCH-2: the word of a one-word (...) phrase after the verb */
    bool verb_phrase; /* ... that comes first after the verb: a phrase of the verb's own */
} step;

typedef struct matcher {
    dyad_coder *c;
    const coder_verb *v;
    int dir;       /* +1 upper (after the verb), -1 lower */
    bool stem;     /* TABARI: pattern words are stems unless exact */
    bool in_tree;  /* PETRARCH-2: words must be in the verb's subtree */
    coder_binding *b;
    size_t steps;
    bool out_of_steps;
} matcher;

static bool synset_at(matcher *m, uint32_t syn, long q, long *next, unsigned depth);

/* TABARI: may word pk of a synset member match a longer word?  The last
 * word unless the member ends in '_', another word when a blank (not '_')
 * follows it. */
static bool member_stem(const lex_member *mem, uint32_t pk)
{
    if (pk + 1 == mem->seq_n)
        return (mem->flags & LEX_EF_STEM) != 0;
    return pk < LEX_LOOSE_MAX_WORDS && (mem->flags & (1u << (LEX_EF_LOOSE_SHIFT + pk)));
}

/* Matches the member word sequence ending (dir -1) or starting (dir +1) at q. */
static bool member_at(matcher *m, const lex_member *mem, long q, long *next, unsigned depth)
{
    const dyad_lexicon *lx = m->c->lex;
    long n = (long)m->c->sent.n, pos = q;
    const uint32_t *seq = LEX_ARR(lx, LEX_V_SEQ, const uint32_t);
    for (uint32_t k = 0; k < mem->seq_n; k++) {
        uint32_t pk = m->dir > 0 ? k : mem->seq_n - 1 - k; /* index in the phrase */
        uint32_t idx = mem->seq_first + pk;
        uint32_t w = seq[idx];
        if (pos < 0 || pos >= n)
            return false;
        if (m->stem && k > 0) {
            /* TABARI: a blank between member words allows words between
             * them in the text ("AUSTRIAN FLORIN": "austrian gold florin") */
            uint32_t gap = m->dir > 0 ? pk - 1 : pk;
            if (gap < LEX_LOOSE_MAX_WORDS && (mem->flags & (1u << (LEX_EF_LOOSE_SHIFT + gap))))
                for (long at = pos, steps = 0; at >= 0 && at < n && steps <= (long)CODER_MAX_LOOSE_GAP;
                     at += m->dir, steps++) {
                    if (coder_word_eq(&m->c->sent, (size_t)at, ","))
                        break;
                    if (coder_word_is(m->c, (size_t)at, w, member_stem(mem, pk))) {
                        pos = at;
                        break;
                    }
                }
        }
        if (m->c->sent.w[pos].atom == w) { /* the common case: one atom compare */
            pos += m->dir;
            continue;
        }
        bool ref = w < m->c->atom_n && m->c->atom_synref[w];
        if (!ref && !m->stem)
            return false;
        if (ref) {
            uint32_t syn = 0;
            for (uint32_t s = LEX_N(lx, LEX_V_SYNSETS); s-- > 1 && !syn;)
                if (((const lex_synset *)lex_at(lx, LEX_V_SYNSETS, s))->name == w)
                    syn = s;
            long after;
            if (!syn || depth >= CODER_MAX_SYNSET_DEPTH || !synset_at(m, syn, pos, &after, depth + 1))
                return false;
            pos = after;
            continue;
        }
        if (!coder_word_is(m->c, (size_t)pos, w, m->stem && member_stem(mem, pk)))
            return false;
        pos += m->dir;
    }
    *next = pos;
    return true;
}

static int cmp_key(const void *a, const void *b)
{
    const coder_syn_key *x = a, *y = b;
    if (x->atom != y->atom)
        return x->atom < y->atom ? -1 : 1;
    return x->member < y->member ? -1 : x->member > y->member;
}

/* The synsets by the atoms their members start with (syn_by_atom), from
 * the forward member index: counted, then filled (the keys of a synset
 * are sorted, so one atom is listed once per synset). */
static dyad_status index_synsets_by_atom(dyad_coder *c)
{
    uint32_t ns = LEX_N(c->lex, LEX_V_SYNSETS);
    const coder_syn_key *keys = c->syn_keys[0];
    c->syn_by_atom_off = core_calloc(c->allocator, (size_t)c->atom_n + 2, sizeof(uint32_t));
    c->syn_nested = core_calloc(c->allocator, ns ? ns : 1, 1);
    c->syn_stamp = core_calloc(c->allocator, ns ? ns : 1, sizeof(uint32_t));
    if (!c->syn_by_atom_off || !c->syn_nested || !c->syn_stamp)
        return DYAD_ENOMEM;
    size_t total = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t sy = 1; sy < ns; sy++)
            for (uint32_t k = c->syn_off[0][sy]; k < c->syn_off[0][sy + 1]; k++) {
                uint32_t a = keys[k].atom;
                if (a == 0 || a >= c->atom_n) {
                    c->syn_nested[sy] = 1; /* led by a nested synset: always tried */
                    continue;
                }
                if (k > c->syn_off[0][sy] && keys[k - 1].atom == a)
                    continue;
                if (pass == 0)
                    c->syn_by_atom_off[a + 1]++, total++;
                else
                    c->syn_by_atom[c->syn_by_atom_off[a]++] = sy;
            }
        if (pass == 0) {
            for (uint32_t a = 0; a < c->atom_n; a++)
                c->syn_by_atom_off[a + 1] += c->syn_by_atom_off[a];
            c->syn_by_atom = core_calloc(c->allocator, total ? total : 1, sizeof(uint32_t));
            if (!c->syn_by_atom)
                return DYAD_ENOMEM;
        }
    }
    /* the fill advanced each start to the next atom's: shift back */
    for (uint32_t a = c->atom_n; a > 0; a--)
        c->syn_by_atom_off[a] = c->syn_by_atom_off[a - 1];
    c->syn_by_atom_off[0] = 0;
    return DYAD_OK;
}

dyad_status coder_index_synsets(dyad_coder *c)
{
    const dyad_lexicon *lx = c->lex;
    uint32_t ns = LEX_N(lx, LEX_V_SYNSETS);
    const uint32_t *seq = LEX_ARR(lx, LEX_V_SEQ, const uint32_t);
    size_t total = 0;
    for (uint32_t s = 1; s < ns; s++)
        total += ((const lex_synset *)lex_at(lx, LEX_V_SYNSETS, s))->member_n;
    for (int d = 0; d < 2; d++) {
        c->syn_off[d] = core_calloc(c->allocator, (size_t)ns + 1, sizeof *c->syn_off[d]);
        c->syn_keys[d] = core_calloc(c->allocator, total ? total : 1, sizeof *c->syn_keys[d]);
        if (!c->syn_off[d] || !c->syn_keys[d])
            return DYAD_ENOMEM;
        uint32_t k = 0;
        for (uint32_t s = 1; s < ns; s++) {
            const lex_synset *sy = lex_at(lx, LEX_V_SYNSETS, s);
            c->syn_off[d][s] = k;
            for (uint32_t i = 0; i < sy->member_n; i++) {
                const lex_member *m = lex_at(lx, LEX_V_MEMBERS, sy->member_first + i);
                uint32_t w = m->seq_n ? seq[d == 0 ? m->seq_first : m->seq_first + m->seq_n - 1] : 0;
                if (w < c->atom_n && c->atom_synref[w])
                    w = 0;
                c->syn_keys[d][k++] = (coder_syn_key){w, sy->member_first + i};
            }
            qsort(c->syn_keys[d] + c->syn_off[d][s], k - c->syn_off[d][s], sizeof(coder_syn_key),
                  cmp_key);
        }
        c->syn_off[d][ns] = k;
        c->syn_off[d][0] = 0;
    }
    return index_synsets_by_atom(c);
}

void coder_free_synsets(dyad_coder *c)
{
    for (int d = 0; d < 2; d++) {
        core_free(c->allocator, c->syn_off[d]);
        core_free(c->allocator, c->syn_keys[d]);
    }
    core_free(c->allocator, c->syn_by_atom_off);
    core_free(c->allocator, c->syn_by_atom);
    core_free(c->allocator, c->syn_nested);
    core_free(c->allocator, c->syn_stamp);
}

/* Tries the members of one key run [lo, hi) of the index. */
static void try_members(matcher *m, const coder_syn_key *keys, size_t lo, size_t hi, long q,
                        unsigned depth, long *best)
{
    const lex_member *members = LEX_ARR(m->c->lex, LEX_V_MEMBERS, const lex_member);
    for (size_t k = lo; k < hi; k++) {
        long nx;
        if (member_at(m, &members[keys[k].member], q, &nx, depth) &&
            (*best == -2 || (m->dir > 0 ? nx > *best : nx < *best)))
            *best = nx;
    }
}

/* The run of keys equal to atom in keys[lo, hi). */
static void key_run(const coder_syn_key *keys, size_t lo, size_t hi, uint32_t atom, size_t *rlo,
                    size_t *rhi)
{
    size_t a = lo, b = hi;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (keys[mid].atom < atom)
            a = mid + 1;
        else
            b = mid;
    }
    *rlo = a;
    while (a < hi && keys[a].atom == atom)
        a++;
    *rhi = a;
}

static bool synset_at(matcher *m, uint32_t syn, long q, long *next, unsigned depth)
{
    if (syn == 0 || syn >= LEX_N(m->c->lex, LEX_V_SYNSETS) || q < 0 || q >= (long)m->c->sent.n)
        return false;
    long best = -2;
    int d = m->dir > 0 ? 0 : 1;
    const coder_syn_key *keys = m->c->syn_keys[d];
    size_t lo = m->c->syn_off[d][syn], hi = m->c->syn_off[d][syn + 1], rlo, rhi;
    key_run(keys, lo, hi, 0, &rlo, &rhi); /* members led by a nested synset */
    try_members(m, keys, rlo, rhi, q, depth, &best);
    uint32_t a = m->c->sent.w[q].atom;
    if (a) {
        key_run(keys, lo, hi, a, &rlo, &rhi);
        try_members(m, keys, rlo, rhi, q, depth, &best);
    }
    if (m->stem) {
        /* TABARI stems: a member whose word is a prefix of the word at q
         * matches too (coder_word_is), so the runs of q's prefix atoms;
         * the longest match wins whatever the order tried */
        coder_prefix_walk pw = coder_prefixes(m->c, (size_t)q);
        for (uint32_t p; (p = coder_prefix_next(&pw)) != 0;) {
            key_run(keys, lo, hi, p, &rlo, &rhi);
            try_members(m, keys, rlo, rhi, q, depth, &best);
        }
    }
    if (best == -2)
        return false;
    *next = best;
    return true;
}

/* The unit starting (dir +1) or ending (dir -1) at word q, or -1. */
static int unit_at(const matcher *m, long q)
{
    const coder_sent *s = &m->c->sent;
    if (q < 0 || q >= (long)s->n || s->w[q].unit < 0)
        return -1;
    int u = s->w[q].unit;
    const coder_unit *cu = &m->c->units[u];
    if ((m->dir > 0 && cu->begin != q) || (m->dir < 0 && cu->end - 1 != q))
        return -1;
    return u;
}

static bool is_negation(const dyad_coder *c, size_t i)
{
    return coder_word_eq(&c->sent, i, "not") || coder_word_eq(&c->sent, i, "n't") ||
           coder_word_eq(&c->sent, i, "never") || coder_word_eq(&c->sent, i, "no");
}

/* PETRARCH-2 reads the words of a pattern before '*' in the verb's
 * subject noun phrase ("{DEATH TOLL} *"), not among its adverbs: "HEAVILY
 * *" does not match "was heavily criticized" (UD suite PATTERN-25/26). */
static bool in_subject(const coder_sent *s, size_t v, size_t q)
{
    for (size_t k = 0; k < s->n; k++)
        if (s->w[k].head == v + 1u && (s->w[k].rel == CR_NSUBJ || s->w[k].rel == CR_NSUBJ_PASS) &&
            coder_dominates(s, k, q))
            return true;
    return false;
}

/* With a parse, '^' after the verb skips the noun phrase starting at q up
 * to its head, not the head's own modifiers: "* THEIR ^ ABOUT +" skips
 * "populations" in "warned their populations about the Prince"
 * (PETRARCH COMPOUND-21), "* AT ^ +" skips "the Gondor" in "at the Gondor
 * of the Prince of Dol Amroth".  An actor at the head is skipped whole.
 * Returns the word after the skipped phrase. */
static long skip_phrase(const matcher *m, size_t q)
{
    const coder_sent *s = &m->c->sent;
    size_t h = q;
    for (size_t steps = 0; steps < s->n && s->w[h].head > h + 1u; steps++) {
        uint8_t r = s->w[h].rel;
        if (r != CR_DET && r != CR_AMOD && r != CR_COMPOUND && r != CR_POSS && r != CR_ADVMOD &&
            r != CR_CASE &&
            !(r == CR_OTHER && s->w[h].pos == CW_NUM))
            break;
        h = s->w[h].head - 1u;
    }
    long next = (long)h + 1;
    int u = s->w[h].unit;
    if (u >= 0 && (long)m->c->units[u].end > next)
        next = m->c->units[u].end;
    return next;
}

/* Matches one element at exactly word q; *next is the word after it. */
static bool elem_at(matcher *m, const lex_elem *e, long q, long *next)
{
    const coder_sent *s = &m->c->sent;
    if (q < 0 || q >= (long)s->n)
        return false;
    if (q >= m->v->begin && q < m->v->end)
        return false;
    switch (e->kind) {
    case LEX_PE_WORD:
        if (m->in_tree && s->parsed && !coder_dominates(s, m->v->word, (size_t)q))
            return false;
        if (m->in_tree && s->parsed && m->dir < 0 && !in_subject(s, m->v->word, (size_t)q))
            return false;
        if (!coder_word_is(m->c, (size_t)q, e->value, m->stem && !(e->flags & LEX_PEF_EXACT)))
            return false;
        *next = q + m->dir;
        return true;
    case LEX_PE_SYNSET:
        return synset_at(m, e->value, q, next, 0);
    case LEX_PE_SOURCE:
    case LEX_PE_TARGET: {
        int u = unit_at(m, q);
        if (u < 0)
            return false;
        const coder_unit *cu = &m->c->units[u];
        *next = m->dir > 0 ? cu->end : (long)cu->begin - 1;
        return true;
    }
    case LEX_PE_COMPOUND: {
        int u = unit_at(m, q);
        if (u < 0)
            return false;
        const coder_group *g = &m->c->groups[m->c->units[u].group];
        if (g->n < 2)
            return false;
        const coder_unit *first = &m->c->units[g->first], *last = &m->c->units[g->first + g->n - 1];
        if ((m->dir > 0 && first->begin != q) || (m->dir < 0 && last->end - 1 != q))
            return false;
        *next = m->dir > 0 ? last->end : (long)first->begin - 1;
        return true;
    }
    case LEX_PE_SKIP: {
        /* '^' skips the next noun phrase: up to and including the next
         * actor (TABARI SKIP-01: "* AT ^ +" on "at the Gondor of the
         * Prince of Dol Amroth"), or one word when no actor follows */
        if (s->parsed && m->dir > 0) {
            *next = skip_phrase(m, (size_t)q);
            return true;
        }
        for (long k = q; k >= 0 && k < (long)s->n; k += m->dir) {
            int u = unit_at(m, k);
            if (u >= 0) {
                const coder_unit *cu = &m->c->units[u];
                *next = m->dir > 0 ? cu->end : (long)cu->begin - 1;
                return true;
            }
            if (s->w[k].pos == CW_PUNCT || (k > q && s->w[k].penn_verb))
                break;
        }
        *next = q + m->dir;
        return true;
    }
    default:
        *next = q;
        return true;
    }
}

static void bind(matcher *m, const lex_elem *e, long q, long next)
{
    if (e->kind == LEX_PE_WORD || e->kind == LEX_PE_SYNSET)
        m->b->words_used = (uint16_t)(m->b->words_used + (next > q ? next - q : q - next));
    if (e->kind == LEX_PE_SYNSET)
        for (long k = q; k != next && k >= 0 && k < (long)m->c->sent.n; k += m->dir)
            if (is_negation(m->c, (size_t)k))
                m->b->has_negation = true;
    int u = unit_at(m, q);
    if (e->kind == LEX_PE_SOURCE)
        m->b->source_unit = u;
    else if (e->kind == LEX_PE_TARGET)
        m->b->target_unit = u;
    else if (e->kind == LEX_PE_COMPOUND && u >= 0)
        m->b->compound_group = m->c->units[u].group;
    else if (e->kind == LEX_PE_WORD && is_negation(m->c, (size_t)q))
        m->b->has_negation = true;
}

static bool bracket(const lex_elem *e)
{
    return e->kind >= LEX_PE_NP_OPEN && e->kind <= LEX_PE_PP_CLOSE;
}

/* Inside a PETRARCH-2 phrase bracket the pattern's words follow each
 * other with only articles, possessives, adjectives and coordinated
 * words between them: "(OVER EFFORTS)" matches "over the efforts",
 * "{NEW &TIETYPES RELATIONS}" matches "new global economic relations" and
 * "{DEATH TOLL}" "death and injury toll", but "{NEW &TIETYPES RELATIONS}"
 * does not match "new economic trade relations" nor "{DEATH TOTAL}"
 * "death and injury total" where "injury" modifies "total" (UD suite
 * SYNSET-22b/22bb, DEMO-21/23). */
static bool phrase_filler(const coder_sent *s, size_t i)
{
    uint8_t pos = s->w[i].pos, rel = s->w[i].rel;
    if (pos == CW_DET || pos == CW_ADJ || pos == CW_CCONJ || (pos == CW_PRON && rel == CR_POSS) ||
        (s->parsed && rel == CR_CONJ))
        return true;
    return coder_word_eq(s, i, "the") || coder_word_eq(s, i, "a") || coder_word_eq(s, i, "an");
}

/* With tags: a noun phrase's head is no verb ("{TO SUPPLY}" is not the
 * clause "to supply Gondor", UD suite DEMO-15). */
static bool verbal(const coder_sent *s, size_t i)
{
    return s->tagged && (s->w[i].pos == CW_VERB || s->w[i].pos == CW_AUX);
}

/* With a parse: is word i a clause's marker ("to" of an infinitive, "that",
 * "for" before a subject)?  PETRARCH-2's bare "(TO)" is a prepositional
 * phrase, which a marker does not lead: Phoenix's "- * (TO) [042:043]" of
 * the block of DIRECT, ORDER and HEAD is no visit in "President Trump
 * directed the heads of all executive departments to deliver ...".  A
 * phrase that names its verb ("(TO RELEASE)") is written for the
 * infinitive and may match one (mark_tight). */
static bool marker(const coder_sent *s, size_t i)
{
    return s->parsed && s->w[i].rel == CR_MARK;
}

/* With a parse: is word i a preposition whose phrase is not the verb's
 * own (its noun hangs on another word: "addressing the threats posed by
 * the regime by taking action to hold it accountable for its support"
 * gives Phoenix's "- * (FOR) [042:043]" no "for" phrase of
 * "addressing")?  PETRARCH-2 reads a one-word (...) pattern right after
 * '*' as a prepositional phrase of the verb phrase; after another word
 * ("* TALKS (WITH)") the phrase may hang on that word. */
static bool not_the_verbs_phrase(const coder_sent *s, size_t i, size_t verb)
{
    if (!s->parsed || s->w[i].head == 0)
        return false;
    size_t noun = s->w[i].head - 1u;
    return s->w[noun].head != verb + 1u;
}

/* Matches steps[k..n) from word q on; backtracks over skipped words. */
static bool match_from(matcher *m, const step *steps, size_t k, size_t n, long q)
{
    if (k == n)
        return true;
    if (++m->steps > CODER_MAX_MATCH_STEPS) {
        m->out_of_steps = true;
        return false;
    }
    const step *st = &steps[k];
    if (bracket(st->e))
        return match_from(m, steps, k + 1, n, q);
    long limit = st->adjacent ? q + m->dir : (m->dir > 0 ? (long)m->c->sent.n : -1);
    for (long p = q; p != limit && p >= 0 && p < (long)m->c->sent.n; p += m->dir) {
        long next;
        if (!(st->np_head && verbal(&m->c->sent, (size_t)p)) &&
            !(st->preposition &&
              (marker(&m->c->sent, (size_t)p) ||
               (st->verb_phrase && not_the_verbs_phrase(&m->c->sent, (size_t)p, m->v->word)))) &&
            elem_at(m, st->e, p, &next)) {
            coder_binding saved = *m->b;
            bind(m, st->e, p, next);
            if (match_from(m, steps, k + 1, n, next)) {
                long last = m->dir > 0 ? next - 1 : p;
                if (last > (long)m->b->last_word)
                    m->b->last_word = (uint16_t)last;
                return true;
            }
            *m->b = saved;
        }
        if (m->out_of_steps)
            return false;
        if (st->tight && !phrase_filler(&m->c->sent, (size_t)p))
            break;
    }
    return false;
}

/* The number of words and synsets in the bracket opened at steps[k]. */
static size_t phrase_words(const step *steps, size_t k, size_t n)
{
    size_t words = 0;
    int depth = 0;
    for (; k < n; k++) {
        int kind = steps[k].e->kind;
        if (kind == LEX_PE_NP_OPEN || kind == LEX_PE_PP_OPEN)
            depth++;
        else if (kind == LEX_PE_NP_CLOSE || kind == LEX_PE_PP_CLOSE) {
            if (--depth == 0)
                break;
        } else if (kind == LEX_PE_WORD || kind == LEX_PE_SYNSET)
            words++;
    }
    return words;
}

/* Marks the steps that must follow the previous word of their PETRARCH-2
 * phrase bracket closely (phrase_filler); in matching order, so right to
 * left before the verb, where a bracket's close comes first. */
static void mark_tight(step *steps, size_t n, int dir)
{
    int depth = 0;
    bool word_seen = false, pp = false, any_word = false;
    size_t head = n;
    for (size_t k = 0; k < n; k++) {
        int kind = steps[k].e->kind;
        bool open = dir > 0 ? (kind == LEX_PE_NP_OPEN || kind == LEX_PE_PP_OPEN)
                            : (kind == LEX_PE_NP_CLOSE || kind == LEX_PE_PP_CLOSE);
        bool close = dir > 0 ? (kind == LEX_PE_NP_CLOSE || kind == LEX_PE_PP_CLOSE)
                             : (kind == LEX_PE_NP_OPEN || kind == LEX_PE_PP_OPEN);
        if (open) {
            if (depth++ == 0) {
                word_seen = false;
                pp = dir > 0 && kind == LEX_PE_PP_OPEN && phrase_words(steps, k, n) == 1;
            }
            continue;
        }
        if (close) {
            bool np = kind == LEX_PE_NP_CLOSE || kind == LEX_PE_NP_OPEN;
            if (dir > 0 && np && depth == 1 && head < n)
                steps[head].np_head = true;
            depth -= depth > 0;
            continue;
        }
        if (dir < 0 && depth > 0 && !word_seen && k > 0 && steps[k - 1].e->kind == LEX_PE_NP_CLOSE &&
            (kind == LEX_PE_WORD || kind == LEX_PE_SYNSET))
            steps[k].np_head = true; /* right to left, the head comes first */
        if (depth > 0 && (kind == LEX_PE_WORD || kind == LEX_PE_SYNSET)) {
            steps[k].tight = word_seen;
            steps[k].preposition = pp && !word_seen;
            steps[k].verb_phrase = steps[k].preposition && !any_word;
            word_seen = true;
            head = k;
        }
        if (kind == LEX_PE_WORD || kind == LEX_PE_SYNSET)
            any_word = true;
    }
}

/* Expands "{ a | b }" alternatives of elems into the first variant that
 * matches; plain sequences go straight to match_side. */
static bool match_side(matcher *m, const lex_elem *elems, size_t n, bool first_joined)
{
    step steps[MAX_SEQ];
    size_t sn = 0;
    if (n > MAX_SEQ)
        return false;
    if (m->dir > 0) {
        for (size_t i = 0; i < n; i++)
            steps[sn++] = (step){&elems[i], (elems[i].flags & LEX_PEF_JOINED) != 0, false, false, false, false};
    } else {
        for (size_t i = n; i-- > 0;) {
            bool adj = i + 1 < n ? (elems[i + 1].flags & LEX_PEF_JOINED) != 0 : first_joined;
            steps[sn++] = (step){&elems[i], adj, false, false, false, false};
        }
    }
    mark_tight(steps, sn, m->dir);
    long start = m->dir > 0 ? (long)m->v->end : (long)m->v->begin - 1;
    return match_from(m, steps, 0, sn, start);
}

/* Expands "{ a | b }" alternatives: writes variant `which` of in[0..n)
 * into out (*out_n elements) and returns the number of variants (at most
 * 64; nested alternatives are read as one level). */
static size_t expand(const lex_elem *in, size_t n, size_t which, lex_elem *out, size_t *out_n)
{
    size_t on = 0, variants = 1;
    for (size_t i = 0; i < n;) {
        if (in[i].kind != LEX_PE_ALT_OPEN) {
            if (in[i].kind != LEX_PE_ALT_SEP && in[i].kind != LEX_PE_ALT_CLOSE)
                out[on++] = in[i];
            i++;
            continue;
        }
        size_t close = i + 1, branches = 1;
        while (close < n && in[close].kind != LEX_PE_ALT_CLOSE)
            branches += in[close++].kind == LEX_PE_ALT_SEP;
        size_t pick = (which / variants) % branches, b = 0;
        if (variants <= 64)
            variants *= branches;
        bool joined = (in[i].flags & LEX_PEF_JOINED) != 0, first = true;
        for (size_t k = i + 1; k < close; k++) {
            if (in[k].kind == LEX_PE_ALT_SEP) {
                b++;
                continue;
            }
            if (b == pick) {
                out[on] = in[k];
                if (first && joined)
                    out[on].flags |= LEX_PEF_JOINED;
                first = false;
                on++;
            }
        }
        i = close + 1;
    }
    *out_n = on;
    return variants > 64 ? 64 : variants;
}

static bool try_variant(dyad_coder *c, const coder_verb *v, const lex_pattern *p,
                        const lex_elem *elems, size_t len, coder_binding *b)
{
    size_t star = 0;
    while (star < len && elems[star].kind != LEX_PE_VERB)
        star++;
    if (star == len)
        return false;
    matcher m = {c, v, -1, p->syntax == LEX_SYN_TABARI, p->syntax == LEX_SYN_PETR2, b, 0, false};
    *b = (coder_binding){-1, -1, -1, 0, false, 0};
    bool first_joined = (elems[star].flags & LEX_PEF_JOINED) != 0;
    if (star && !match_side(&m, elems, star, first_joined))
        return false;
    m.dir = 1;
    m.steps = 0;
    return len == star + 1 || match_side(&m, elems + star + 1, len - star - 1, false);
}

void coder_stamp_atoms(dyad_coder *c)
{
    if (++c->sent_serial == 0) { /* wrapped: clear old stamps */
        memset(c->atom_stamp, 0, (size_t)c->atom_n * sizeof *c->atom_stamp);
        c->sent_serial = 1;
    }
    if (c->sent_serial == 1 && c->syn_stamp) /* wrapped (or first): clear old stamps */
        memset(c->syn_stamp, 0, (size_t)LEX_N(c->lex, LEX_V_SYNSETS) * sizeof *c->syn_stamp);
    for (size_t i = 0; i < c->sent.n; i++) {
        uint32_t a = c->sent.w[i].atom;
        if (!a || a >= c->atom_n)
            continue;
        c->atom_stamp[a] = c->sent_serial;
        if (c->syn_by_atom_off)
            for (uint32_t k = c->syn_by_atom_off[a]; k < c->syn_by_atom_off[a + 1]; k++)
                c->syn_stamp[c->syn_by_atom[k]] = c->sent_serial;
    }
}

/* May synset sy match somewhere in the sentence?  Without stems a member
 * matches only where its first word is (synset_at), so a synset none of
 * whose first words occur, and with no member led by a nested synset,
 * cannot. */
static bool synset_may_occur(const dyad_coder *c, uint32_t sy)
{
    if (!c->syn_stamp || sy == 0 || sy >= LEX_N(c->lex, LEX_V_SYNSETS))
        return true;
    return c->syn_nested[sy] || c->syn_stamp[sy] == c->sent_serial;
}

/* Fast path: false when a plain word or a synset the pattern needs
 * (outside any alternative) is not in the sentence.  TABARI stems may
 * match longer words, so their patterns are always tried. */
static bool may_match(const dyad_coder *c, const lex_pattern *p)
{
    if (c->opts.no_fast_paths || p->syntax == LEX_SYN_TABARI || !c->req_first)
        return true;
    size_t id = (size_t)(p - LEX_ARR(c->lex, LEX_V_PATTERNS, const lex_pattern));
    for (uint32_t k = c->req_first[id]; k < c->req_first[id + 1]; k++) {
        uint32_t r = c->req[k];
        if (r & CODER_REQ_SYNSET ? !synset_may_occur(c, r & ~CODER_REQ_SYNSET)
                                 : c->atom_stamp[r] != c->sent_serial)
            return false;
    }
    return true;
}

/* What may_match checks of pattern p: its plain words and synsets outside
 * any alternative ("{ a | b }"), written to out when out is not NULL;
 * returns their number. */
static uint32_t pattern_requirements(const dyad_coder *c, const lex_pattern *p, uint32_t *out)
{
    if (p->syntax == LEX_SYN_TABARI)
        return 0; /* TABARI stems may match longer words: always tried */
    const lex_elem *e = lex_at(c->lex, LEX_V_ELEMS, p->elem_first);
    uint32_t n = 0;
    int depth = 0;
    for (uint32_t i = 0; i < p->elem_n; i++) {
        depth += e[i].kind == LEX_PE_ALT_OPEN;
        depth -= e[i].kind == LEX_PE_ALT_CLOSE;
        if (depth != 0)
            continue;
        if (e[i].kind == LEX_PE_WORD && e[i].value < c->atom_n) {
            if (out)
                out[n] = e[i].value;
            n++;
        } else if (e[i].kind == LEX_PE_SYNSET && e[i].value < CODER_REQ_SYNSET) {
            if (out)
                out[n] = e[i].value | CODER_REQ_SYNSET;
            n++;
        }
    }
    return n;
}

dyad_status coder_index_requirements(dyad_coder *c)
{
    uint32_t np = LEX_N(c->lex, LEX_V_PATTERNS);
    c->req_first = core_calloc(c->allocator, (size_t)np + 1, sizeof *c->req_first);
    if (!c->req_first)
        return DYAD_ENOMEM;
    for (uint32_t i = 1; i < np; i++)
        c->req_first[i + 1] = c->req_first[i] +
                              pattern_requirements(c, lex_at(c->lex, LEX_V_PATTERNS, i), NULL);
    uint32_t total = np ? c->req_first[np] : 0;
    c->req = core_calloc(c->allocator, total ? total : 1, sizeof *c->req);
    if (!c->req)
        return DYAD_ENOMEM;
    for (uint32_t i = 1; i < np; i++)
        pattern_requirements(c, lex_at(c->lex, LEX_V_PATTERNS, i), c->req + c->req_first[i]);
    return DYAD_OK;
}

/* Characters of the literal words of elems (TABARI ranks matches by
 * the length of text they spell). */
static size_t literal_length(const dyad_coder *c, const lex_elem *elems, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        if (elems[i].kind == LEX_PE_WORD)
            len += lex_atom_str(c->lex, elems[i].value).len;
    return len;
}

/* *matched: the literal length of the variant that matched; *alternatives:
 * the pattern has "{ a | b }" alternatives. */
static bool try_pattern(dyad_coder *c, const coder_verb *v, const lex_pattern *p, coder_binding *b,
                        size_t *matched, bool *alternatives)
{
    if (!may_match(c, p))
        return false;
    const lex_elem *raw = lex_at(c->lex, LEX_V_ELEMS, p->elem_first);
    lex_elem elems[LEX_MAX_PATTERN_ELEMS];
    size_t variants = 1, len;
    for (size_t which = 0; which < variants; which++) {
        variants = expand(raw, p->elem_n, which, elems, &len);
        if (try_variant(c, v, p, elems, len, b)) {
            *matched = literal_length(c, elems, len);
            *alternatives = variants > 1;
            return true;
        }
    }
    return false;
}

/* The patterns to try for verb v: the verb's own (PETRARCH-2 lists them
 * per verb), then its block's, each a slice of a ranked index (setup.c). */
static void verb_patterns(const dyad_coder *c, const coder_verb *v, const uint32_t *lists[2],
                          uint32_t counts[2])
{
    lists[0] = NULL;
    counts[0] = 0;
    if (c->verb_pat_first) {
        lists[0] = c->verb_pats + c->verb_pat_first[v->verb];
        counts[0] = c->verb_pat_first[v->verb + 1] - c->verb_pat_first[v->verb];
    }
    lists[1] = c->block_pats + c->block_pat_first[v->block];
    counts[1] = c->block_pat_first[v->block + 1] - c->block_pat_first[v->block];
}

/* PETRARCH-1 dictionaries may list one verb in several blocks ("--- SHOT
 * [---] ---" and "--- SHOT [223] ---", PETRARCH DEMO-05): when no pattern
 * of the block the verb was found in matches, the patterns of its other
 * blocks are tried.  The entries of the verb phrase's trie node name all
 * its blocks; NULL when the dictionaries' syntax keeps to the verb's
 * block (TABARI, and UD-PETRARCH: UD PATTERN-15). */
static const lex_entry *verb_phrase_entries(const dyad_coder *c, const coder_verb *v)
{
    if (c->tabari || c->petr2)
        return NULL;
    uint32_t node = 0;
    for (size_t i = v->begin; i < v->end && (i == v->begin || node); i++)
        node = c->sent.w[i].atom ? coder_trie_child(c, node, c->sent.w[i].atom) : 0;
    return node ? coder_trie_entries(c->lex, node) : NULL;
}

static const lex_entry *next_entry(const dyad_coder *c, const lex_entry *e)
{
    return e->next ? lex_at(c->lex, LEX_V_ENTRIES, e->next) : NULL;
}

/* Is entry e the verb v in another block?  Sets *blk. */
static bool other_block(const dyad_coder *c, const coder_verb *v, const lex_entry *e,
                        uint32_t *blk)
{
    if (e->kind != LEX_VERB)
        return false;
    *blk = ((const lex_verb *)lex_at(c->lex, LEX_V_VERBS, e->target))->block;
    return *blk != v->block;
}

/* Could pattern id yield a code, given the words of the sentence? */
static bool pattern_may_code(const dyad_coder *c, uint32_t id)
{
    const lex_pattern *p = lex_at(c->lex, LEX_V_PATTERNS, id);
    if (coder_null_code(lex_atom_str(c->lex, p->code)) &&
        coder_null_code(lex_atom_str(c->lex, p->code2)))
        return false; /* "[---]", or "[+++]" when the verb's own code is null */
    return may_match(c, p);
}

bool coder_pattern_may_code(const dyad_coder *c, const coder_verb *v)
{
    const uint32_t *lists[2];
    uint32_t counts[2];
    verb_patterns(c, v, lists, counts);
    for (int l = 0; l < 2; l++)
        for (uint32_t k = 0; k < counts[l]; k++)
            if (pattern_may_code(c, lists[l][k]))
                return true;
    uint32_t blk;
    for (const lex_entry *e = verb_phrase_entries(c, v); e; e = next_entry(c, e))
        if (other_block(c, v, e, &blk))
            for (uint32_t k = c->block_pat_first[blk]; k < c->block_pat_first[blk + 1]; k++)
                if (pattern_may_code(c, c->block_pats[k]))
                    return true;
    return false;
}

/* Tries the patterns of the verb's other blocks (verb_phrase_entries).
 * Returns the pattern that matched, or 0. */
static uint32_t match_other_blocks(dyad_coder *c, const coder_verb *v, coder_binding *b)
{
    uint32_t blk;
    for (const lex_entry *e = verb_phrase_entries(c, v); e; e = next_entry(c, e)) {
        if (!other_block(c, v, e, &blk))
            continue;
        for (uint32_t k = c->block_pat_first[blk]; k < c->block_pat_first[blk + 1]; k++) {
            const lex_pattern *p = lex_at(c->lex, LEX_V_PATTERNS, c->block_pats[k]);
            size_t len = 0;
            bool alts = false;
            if (try_pattern(c, v, p, b, &len, &alts)) {
                coder_tracef(c, "pattern: line %u (another block of the verb) matched for \"%.*s\"",
                             p->line, (int)c->sent.w[v->word].form.len, c->sent.w[v->word].form.ptr);
                return c->block_pats[k];
            }
        }
    }
    *b = (coder_binding){-1, -1, -1, 0, false, 0};
    return 0;
}

/* Pattern rank as setup.c sorts them: word, synset and actor elements,
 * then all elements. */
static int pattern_rank(const dyad_lexicon *lx, const lex_pattern *p)
{
    const lex_elem *e = lex_at(lx, LEX_V_ELEMS, p->elem_first);
    int words = 0;
    for (uint32_t i = 0; i < p->elem_n; i++)
        words += e[i].kind == LEX_PE_WORD || e[i].kind == LEX_PE_SYNSET ||
                 e[i].kind == LEX_PE_SOURCE || e[i].kind == LEX_PE_TARGET ||
                 e[i].kind == LEX_PE_COMPOUND;
    return words * 256 + (int)p->elem_n;
}

/* PETRARCH-2: among patterns as specific as list[k], which matched, the
 * one whose words cover the most of the sentence wins ("contribute ...
 * austrian gold florin": &HYPERCURR's three-word member over &CURRENCY's
 * "florin", UD suite SYNSET-20b).  *b holds list[k]'s binding. */
static uint32_t widest_tie(dyad_coder *c, const coder_verb *v, coder_binding *b,
                           const uint32_t *list, uint32_t count, uint32_t k)
{
    uint32_t best = list[k];
    int rank = pattern_rank(c->lex, lex_at(c->lex, LEX_V_PATTERNS, best));
    for (uint32_t j = k + 1; j < count; j++) {
        const lex_pattern *p = lex_at(c->lex, LEX_V_PATTERNS, list[j]);
        if (pattern_rank(c->lex, p) != rank)
            break;
        coder_binding tb;
        size_t len = 0;
        bool alts = false;
        if (try_pattern(c, v, p, &tb, &len, &alts) && tb.words_used > b->words_used) {
            coder_tracef(c, "pattern: line %u covers more words, taken instead", p->line);
            *b = tb;
            best = list[j];
        }
    }
    return best;
}

uint32_t coder_match_patterns(dyad_coder *c, const coder_verb *v, coder_binding *b)
{
    *b = (coder_binding){-1, -1, -1, 0, false, 0};
    const uint32_t *lists[2];
    uint32_t counts[2];
    verb_patterns(c, v, lists, counts);
    /* TABARI: a match made through "{ a | b }" alternatives is kept only
     * until a pattern spelling more text matches (PATTERN-33b: "RESIST
     * { TO THE END | ... }" gives way to "RESISTANCE TO THE INVADING") */
    uint32_t alt_pid = 0;
    size_t alt_len = 0;
    coder_binding alt_b = *b;
    for (int l = 0; l < 2; l++)
        for (uint32_t k = 0; k < counts[l]; k++) {
            uint32_t pid = lists[l][k];
            const lex_pattern *p = lex_at(c->lex, LEX_V_PATTERNS, pid);
            size_t len = 0;
            bool alts = false;
            if (!try_pattern(c, v, p, b, &len, &alts))
                continue;
            if (alt_pid && len <= alt_len)
                continue;
            coder_tracef(c, "pattern: line %u matched for \"%.*s\"", p->line,
                         (int)c->sent.w[v->word].form.len, c->sent.w[v->word].form.ptr);
            if (!alts || p->syntax != LEX_SYN_TABARI)
                return p->syntax == LEX_SYN_PETR2 ? widest_tie(c, v, b, lists[l], counts[l], k) : pid;
            alt_pid = pid;
            alt_len = len;
            alt_b = *b;
        }
    *b = alt_pid ? alt_b : (coder_binding){-1, -1, -1, 0, false, 0};
    return alt_pid ? alt_pid : match_other_blocks(c, v, b);
}
