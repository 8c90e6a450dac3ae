/*
 * tabari_rules.c — TABARI's sentence-level event rules, applied once all
 * of a sentence's verbs are coded: a verb code written with '?' is
 * *subordinate* (kept only when the sentence yields no other event:
 * "SAID [023?]" codes a statement only when nothing better was said),
 * one written with '!' is *dominant* (when one is present, only the
 * dominant events are kept).  The markers are not part of the code that
 * is reported.  TABARI dictionaries only: the coder holds their events
 * here until the end of the sentence, then reports the survivors in the
 * order they were found.
 */
#include "coder/coder.h"

#include <string.h>

static char code_marker(const dyad_event *ev)
{
    size_t n = strnlen(ev->code, sizeof ev->code);
    return n > 1 && (ev->code[n - 1] == '?' || ev->code[n - 1] == '!') ? ev->code[n - 1] : 0;
}

bool coder_hold_event(dyad_coder *c, const dyad_event *ev, const dyad_event_provenance *pv)
{
    if (!c->held)
        return false; /* not a TABARI coder (setup.c): the caller reports the event */
    if (c->held_n >= CODER_MAX_EVENTS)
        return true; /* CODER_MAX_EVENTS per sentence: later ones are dropped */
    c->held[c->held_n].ev = *ev;
    c->held[c->held_n].pv = *pv;
    c->held_n++;
    return true;
}

/* Was an identical event (after its marker was removed) kept before k? */
static bool duplicate_before(const dyad_coder *c, size_t k, const bool *keep)
{
    const dyad_event *e = &c->held[k].ev;
    for (size_t q = 0; q < k; q++) {
        const dyad_event *o = &c->held[q].ev;
        if (keep[q] && strcmp(o->source, e->source) == 0 && strcmp(o->target, e->target) == 0 &&
            strcmp(o->code, e->code) == 0)
            return true;
    }
    return false;
}

bool coder_flush_held(dyad_coder *c, dyad_event_fn fn, void *user)
{
    bool dominant = false, plain = false;
    for (size_t k = 0; k < c->held_n; k++) {
        char m = code_marker(&c->held[k].ev);
        dominant |= m == '!';
        plain |= m == 0;
    }
    bool keep[CODER_MAX_EVENTS];
    for (size_t k = 0; k < c->held_n; k++) {
        dyad_event *ev = &c->held[k].ev;
        char m = code_marker(ev);
        keep[k] = dominant ? m == '!' : !(plain && m == '?');
        if (!keep[k]) {
            coder_tracef(c, "event %s %s %s dropped: %s", ev->source, ev->target, ev->code,
                         dominant ? "the sentence has a dominant ('!') event"
                                  : "subordinate ('?') code, the sentence has other events");
            continue;
        }
        if (m) {
            ev->code[strnlen(ev->code, sizeof ev->code) - 1] = 0;
            dyad_event_fill_cameo(ev, c->opts.quad);
        }
        keep[k] = !duplicate_before(c, k, keep);
    }
    bool stop = false;
    for (size_t k = 0; k < c->held_n && !stop; k++)
        if (keep[k] && fn)
            stop = fn(user, &c->held[k].ev, &c->held[k].pv) != 0;
    c->held_n = 0;
    return stop;
}

bool coder_held_plain_since(const dyad_coder *c, size_t from)
{
    for (size_t k = from; k < c->held_n; k++)
        if (code_marker(&c->held[k].ev) != '?')
            return true;
    return false;
}

void coder_free_held(dyad_coder *c)
{
    core_free(c->allocator, c->held);
    c->held = NULL;
    c->held_n = 0;
}

/* ---- source and target without a parse (TABARI's regular rules) ---- */

static bool same_code(const dyad_coder *c, int a, int b)
{
    return a >= 0 && b >= 0 && strcmp(c->units[a].code, c->units[b].code) == 0;
}

/* The first unit of the clause, before or after the verb, that is not
 * `other` (by code); -1 if none. */
static int first_of_clause(const dyad_coder *c, int other)
{
    for (size_t k = 0; k < c->unit_n; k++)
        if (c->units[k].begin >= c->clause_begin && !same_code(c, (int)k, other))
            return (int)k;
    return -1;
}

/* Does unit k name the same actors as the source's compound (every one
 * of k's compound is a code of the source's)? */
static bool in_source(const dyad_coder *c, int k, int src)
{
    const coder_unit *u = &c->units[k], *s = &c->units[src];
    size_t kf = (size_t)k, kn = 1, sf = (size_t)src, sn = 1;
    if (u->group >= 0) {
        kf = c->groups[u->group].first;
        kn = c->groups[u->group].n;
    }
    if (s->group >= 0) {
        sf = c->groups[s->group].first;
        sn = c->groups[s->group].n;
    }
    for (size_t a = kf; a < kf + kn; a++) {
        bool found = false;
        for (size_t b = sf; b < sf + sn && !found; b++)
            found = strcmp(c->units[a].code, c->units[b].code) == 0;
        if (!found)
            return false;
    }
    return true;
}

/* The word that ends the verb's clause: the next "and", "or", "but", ";"
 * or "while" that joins neither two actors nor two words of one class, and
 * is not inside an actor phrase ("Durthang and an Orc"). */
static size_t clause_end(const dyad_coder *c, size_t from)
{
    const coder_sent *s = &c->sent;
    for (size_t k = from; k < s->n; k++) {
        if (!(coder_word_eq(s, k, "and") || coder_word_eq(s, k, "but") ||
              coder_word_eq(s, k, ";") || coder_word_eq(s, k, "while") ||
              coder_word_eq(s, k, "or")))
            continue;
        /* only "and" makes a compound of two actors in TABARI */
        bool joins_actors = k > 0 && k + 1 < s->n && coder_word_eq(s, k, "and") &&
                            (s->w[k - 1].unit >= 0 || (k >= 2 && s->w[k - 2].unit >= 0)) &&
                            s->w[k + 1].unit >= 0;
        if (!joins_actors && !coder_conj_joins_class(c, k) && !s->w[k].loose_gap)
            return k;
    }
    return s->n;
}

bool coder_tabari_roles(dyad_coder *c, const coder_verb *v, int *su, int *tu, const char **why_s,
                        const char **why_t)
{
    size_t end = clause_end(c, v->end);
    if (*su < 0 && *tu >= 0) {
        /* a pattern bound the target: TABARI's source is the clause's
         * first actor with another code, before or after the verb ("An
         * Eriadorian was shot dead in Osgiliath": OSG) */
        int k = first_of_clause(c, *tu);
        if (k >= 0 && c->units[k].begin < end &&
            !(c->opts.default_prior && c->units[k].begin >= v->end)) {
            *su = k;
            *why_s = "first actor of the clause other than the target";
        }
    }
    if (c->tabari_source_serial != c->sent_serial) { /* a new sentence */
        c->tabari_source_serial = c->sent_serial;
        c->tabari_source = -1;
        c->tabari_source_clause = 0;
    }
    if (c->clause_begin != c->tabari_source_clause) {
        /* a clause that starts with an actor gives the source anew */
        c->tabari_source_clause = c->clause_begin;
        int u = c->clause_begin < c->sent.n ? c->sent.w[c->clause_begin].unit : -1;
        if (u >= 0 && c->units[u].begin == c->clause_begin)
            c->tabari_source = u;
    }
    if (*su < 0 && c->tabari_source >= 0 && c->tabari_source != *tu) {
        /* TABARI keeps the source from verb to verb */
        *su = c->tabari_source;
        *why_s = "the source kept from an earlier verb or clause start";
    } else if (*su < 0) {
        /* the clause's first actor, even after the verb ("Fxrnost is
         * about to restore ties with Gondor": GON), unless DEFAULT:
         * SOURCE ... PRIOR forbids that */
        int k = first_of_clause(c, *tu);
        if (k >= 0 && c->units[k].begin < end &&
            !(c->opts.default_prior && c->units[k].begin >= v->end)) {
            *su = k;
            *why_s = c->units[k].begin < v->begin ? "first actor of the clause"
                                                   : "first actor of the clause, after the verb";
            c->tabari_source = k;
        }
    }
    if (*tu >= 0)
        return false;
    int src = *su;
    if (src >= 0 && c->units[src].begin >= v->end) {
        /* the source follows the verb: the next actor with another code */
        for (size_t k = (size_t)src + 1; k < c->unit_n && c->units[k].begin < end; k++)
            if (!same_code(c, (int)k, src)) {
                *tu = (int)k;
                *why_t = "next actor after the source";
                return c->units[k].group == c->units[src].group;
            }
        return false;
    }
    /* the first actor after the verb, in its clause, that is not the
     * source again: not in its compound, nor a pronoun standing for it
     * ("they requested that Rohan assist them": them = they, so ROH) */
    for (size_t k = 0; k < c->unit_n; k++) {
        if (c->units[k].begin < v->end || c->units[k].begin >= end || (int)k == src)
            continue;
        if (src >= 0 && ((c->units[k].group >= 0 && c->units[k].group == c->units[src].group) ||
                         in_source(c, (int)k, src)))
            continue;
        *tu = (int)k;
        *why_t = "first actor after the verb";
        return false;
    }
    if (src < 0 || c->opts.default_after)
        return false;
    /* none after the verb: TABARI looks back before it, in the clause, for
     * an actor other than the source, else a compound source acts on
     * itself */
    for (size_t k = c->unit_n; k-- > 0;) {
        if (c->units[k].end > v->begin || c->units[k].begin < c->clause_begin ||
            same_code(c, (int)k, src))
            continue;
        *tu = (int)k;
        *why_t = "last actor before the verb (none after it)";
        return c->units[k].group >= 0 && c->units[k].group == c->units[src].group;
    }
    if (c->units[src].group >= 0 && c->groups[c->units[src].group].n > 1) {
        *tu = src;
        *why_t = "the source's own compound (no other actor)";
    }
    return false;
}

/* ---- TABARI word classes (<NOUN>, <ADJECTIVE> in the actors file) ---- */

static int class_of_node(const dyad_coder *c, uint32_t node, bool stem_only)
{
    for (const lex_entry *e = coder_trie_entries(c->lex, node); e;
         e = e->next ? lex_at(c->lex, LEX_V_ENTRIES, e->next) : NULL) {
        if (e->kind != LEX_WORDCLASS || (stem_only && !(e->flags & LEX_EF_STEM)))
            continue;
        dyad_str name = lex_atom_str(c->lex, e->target);
        return name.len && name.ptr[0] == 'N' ? 1 : 2;
    }
    return 0;
}

/* 1: word i is one of the TABARI nouns, 2: adjectives, 0: neither. */
static int word_class(const dyad_coder *c, size_t i)
{
    uint32_t a = c->sent.w[i].atom;
    uint32_t node = a ? coder_trie_child(c, 0, a) : 0;
    int cls = node ? class_of_node(c, node, false) : 0;
    coder_prefix_walk pw = coder_prefixes(c, i);
    for (uint32_t p; !cls && (p = coder_prefix_next(&pw)) != 0;) {
        node = coder_trie_child(c, 0, p);
        cls = node ? class_of_node(c, node, true) : 0;
    }
    return cls;
}

bool coder_modifier_gap(const dyad_coder *c, size_t from, size_t to)
{
    if (to <= from)
        return false;
    for (size_t k = from; k < to; k++)
        if (!(coder_word_eq(&c->sent, k, "the") || coder_word_eq(&c->sent, k, "a") ||
              coder_word_eq(&c->sent, k, "an") || word_class(c, k) == 2))
            return false;
    return true;
}

bool coder_conj_joins_class(const dyad_coder *c, size_t k)
{
    if (k == 0 || k + 1 >= c->sent.n)
        return false;
    int before = word_class(c, k - 1);
    if (before == 2)
        return word_class(c, k + 1) == 2;
    /* a noun, the conjunction, adjectives, a noun ("sheep and evil goats") */
    size_t p = k + 1;
    while (before == 1 && p + 1 < c->sent.n && word_class(c, p) == 2)
        p++;
    return before == 1 && word_class(c, p) == 1;
}

/* ---- COMMA clauses and compounds ---- */

static bool determiner(const coder_sent *s, size_t k)
{
    return coder_word_eq(s, k, "the") || coder_word_eq(s, k, "a") || coder_word_eq(s, k, "an");
}

/* TABARI's compound around the conjunction at word k ("A, B and C"): the
 * actors (with determiners and its adjectives) right after it, and before
 * it actors each separated from the next by a comma or conjunction.
 * Returns false when either side has no actor. */
static bool compound_at(const dyad_coder *c, size_t k, size_t *from, size_t *to)
{
    const coder_sent *s = &c->sent;
    size_t end = 0;
    for (size_t p = k + 1; p < s->n;) {
        if (s->w[p].unit >= 0) {
            end = c->units[s->w[p].unit].end;
            p = end;
        } else if (determiner(s, p) || word_class(c, p) == 2) {
            p++;
        } else {
            break;
        }
    }
    if (!end)
        return false;
    bool need_joiner = false, found = false;
    for (size_t q = k + 1; q-- > 0;) {
        if (s->w[q].unit >= 0) {
            const coder_unit *u = &c->units[s->w[q].unit];
            if (need_joiner)
                break;
            found = need_joiner = true;
            if (u->merged) { /* two actors with no joiner: the compound starts
                              * inside the unit, at the second one */
                *from = u->begin + 1u;
                break;
            }
            q = u->begin;
            *from = q;
        } else if (coder_word_eq(s, q, ",") || coder_word_eq(s, q, "and") ||
                   coder_word_eq(s, q, "nor") || coder_word_eq(s, q, "or")) {
            need_joiner = false;
        } else if (!(determiner(s, q) || word_class(c, q) == 2)) {
            break;
        }
    }
    *to = end;
    return found;
}

void coder_mark_compound_commas(dyad_coder *c, dyad_date date)
{
    dyad_trace_fn trace = c->opts.trace;
    c->opts.trace = NULL; /* a look ahead: the actors are found again after the cut */
    coder_find_actors(c, date);
    c->opts.trace = trace;
    coder_sent *s = &c->sent;
    /* TABARI reads the sentence left to right and skips over each
     * compound it meets: commas inside one are no clause boundaries
     * ("between A and B, and C and D, the paper said") */
    size_t from[CODER_MAX_COMMAS], to[CODER_MAX_COMMAS], n = 0;
    for (size_t k = 1; k < s->n && n < CODER_MAX_COMMAS; k++)
        if ((coder_word_eq(s, k, "and") || coder_word_eq(s, k, "nor")) &&
            compound_at(c, k, &from[n], &to[n]))
            n++;
    for (size_t i = 0; i < s->n;) {
        size_t end = 0;
        for (size_t q = 0; q < n; q++)
            if (from[q] == i && to[q] > end)
                end = to[q];
        if (!end) {
            i++;
            continue;
        }
        for (; i < end; i++)
            s->w[i].in_compound = coder_word_eq(s, i, ",");
    }
}
