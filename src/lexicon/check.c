/*
 * check.c — `dyad dict check`: the problems a loaded lexicon has beyond
 * malformed lines (those are reported while reading).  Each problem is one
 * diagnostic "FILE:LINE: KIND: message" where KIND is one of
 *   code           a verb/pattern code that is not a CAMEO event code, an
 *                  actor/agent code not made of upper-case 3-character parts
 *   duplicate      the same phrase or pattern again with a different code
 *   never matches  a pattern PETRARCH-2 can never match (PETRARCH-1 tokens
 *                  such as '%' '^' '|' or '_'-joined words; no '*')
 *   synset         a pattern uses a synset that is not defined
 *   dates          dated codes of one actor overlap with different codes,
 *                  or a range ends before it starts
 * The lexicon is read-only here; scratch tables use the lexicon allocator.
 */
#include "lexicon/lexicon.h"

#include <stdarg.h>
#include <string.h>

typedef struct checker {
    const dyad_lexicon *lx;
    dyad_diag_fn diag;
    void *user;
    size_t n;
} checker;

static void say(checker *ck, uint32_t file, uint32_t line, const char *fmt, ...) DYAD_PRINTF(4, 5);

static void say(checker *ck, uint32_t file, uint32_t line, const char *fmt, ...)
{
    ck->n++;
    if (!ck->diag)
        return;
    dyad_error err;
    memset(&err, 0, sizeof err);
    const lex_file *f = lex_at(ck->lx, LEX_V_FILES, file);
    dyad_str p = lex_atom_str(ck->lx, f->path);
    char name[512];
    snprintf(name, sizeof name, "%.*s", (int)p.len, p.ptr);
    va_list ap;
    va_start(ap, fmt);
    error_setv(&err, DYAD_EPARSE, name, line, fmt, ap);
    va_end(ap);
    ck->diag(ck->user, &err);
}

#define S(x) (int)(x).len, (x).ptr

/* ---------------- codes ---------------- */

static bool one_code_ok(dyad_str c)
{
    if (c.len == 0 || (c.len == 3 && !memcmp(c.ptr, "---", 3)))
        return true;
    return lex_cameo_find(c.ptr, c.len) != NULL;
}

/* A code or a "[X:Y]" pair (blocks and verbs may carry pairs too). */
static bool event_code_ok(dyad_str c)
{
    const char *colon = memchr(c.ptr, ':', c.len);
    if (!colon)
        return one_code_ok(c);
    size_t x = (size_t)(colon - c.ptr);
    return one_code_ok((dyad_str){c.ptr, x}) &&
           one_code_ok((dyad_str){colon + 1, c.len - x - 1});
}

/* Two ranges that share only their boundary day: "[A 20030804-20031104]"
 * then "[B 20031104-...]".  Ranges include their last day, so the first
 * listed wins on that one day; dictionaries write successions this way
 * throughout (the Phoenix files thousands of times), so it is not reported
 * as an overlap. */
static bool boundary_day_only(const lex_code *c, const lex_code *d)
{
    return lex_date_next_day(c->from) == d->to || lex_date_next_day(d->from) == c->to;
}

/* "D-D", "<D", ">D" for messages. */
static const char *range_text(const lex_code *c, char out[40])
{
    if (c->from == LEX_DATE_MIN)
        snprintf(out, 40, "<%d", c->to);
    else if (c->to == LEX_DATE_MAX)
        snprintf(out, 40, ">%d", c->from);
    else
        snprintf(out, 40, "%d-%d", c->from, lex_date_prev_day(c->to)); /* last day */
    return out;
}

/* Actor codes: upper-case letters/digits in 3-character parts ("AZEGOV");
 * "---" (null) and "###" (TABARI discard) are allowed too. */
static bool actor_code_ok(dyad_str c)
{
    if (c.len == 3 && (!memcmp(c.ptr, "---", 3) || !memcmp(c.ptr, "###", 3) || !memcmp(c.ptr, "+++", 3)))
        return true;
    if (c.len == 0 || c.len % 3)
        return false;
    for (size_t i = 0; i < c.len; i++)
        if (!((c.ptr[i] >= 'A' && c.ptr[i] <= 'Z') || (c.ptr[i] >= '0' && c.ptr[i] <= '9')))
            return false;
    return true;
}

static void check_event_codes(checker *ck)
{
    const dyad_lexicon *lx = ck->lx;
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_BLOCKS); i++) {
        const lex_block *b = lex_at(lx, LEX_V_BLOCKS, i);
        dyad_str c = lex_atom_str(lx, b->code);
        if (!event_code_ok(c))
            say(ck, b->file, b->line, "code: verb block code [%.*s] is not a CAMEO event code", S(c));
    }
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_VERBS); i++) {
        const lex_verb *v = lex_at(lx, LEX_V_VERBS, i);
        const lex_block *b = lex_at(lx, LEX_V_BLOCKS, v->block);
        dyad_str c = lex_atom_str(lx, v->code);
        if (v->code && v->code != b->code && !event_code_ok(c))
            say(ck, v->file, v->line, "code: verb code [%.*s] is not a CAMEO event code", S(c));
    }
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_PATTERNS); i++) {
        const lex_pattern *p = lex_at(lx, LEX_V_PATTERNS, i);
        dyad_str c = lex_atom_str(lx, p->code), c2 = lex_atom_str(lx, p->code2);
        if (!event_code_ok(c))
            say(ck, p->file, p->line, "code: pattern code [%.*s] is not a CAMEO event code", S(c));
        if (!event_code_ok(c2))
            say(ck, p->file, p->line, "code: second pattern code [:%.*s] is not a CAMEO event code", S(c2));
    }
}

static void check_actor_codes(checker *ck)
{
    const dyad_lexicon *lx = ck->lx;
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_ACTORS); i++) {
        const lex_actor *a = lex_at(lx, LEX_V_ACTORS, i);
        for (uint32_t k = 0; k < a->code_n; k++) {
            const lex_code *c = lex_at(lx, LEX_V_CODES, a->code_first + k);
            dyad_str s = lex_atom_str(lx, c->code);
            if (!actor_code_ok(s))
                say(ck, a->file, c->line, "code: actor code [%.*s] is not upper-case 3-character parts", S(s));
        }
        if (a->code_n == 0)
            say(ck, a->file, a->line, "code: actor '%.*s' has no code", S(lex_atom_str(lx, a->name)));
    }
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_AGENTS); i++) {
        const lex_agent *ag = lex_at(lx, LEX_V_AGENTS, i);
        dyad_str s = lex_atom_str(lx, ag->code);
        if (!ag->flags)
            say(ck, ag->file, ag->line, "code: agent code [%.*s] lacks '~'", S(s));
        else if (!actor_code_ok(s))
            say(ck, ag->file, ag->line, "code: agent code [~%.*s] is not upper-case 3-character parts", S(s));
    }
}

/* ---------------- dates ---------------- */

static void check_dates(checker *ck)
{
    const dyad_lexicon *lx = ck->lx;
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_ACTORS); i++) {
        const lex_actor *a = lex_at(lx, LEX_V_ACTORS, i);
        for (uint32_t x = 0; x < a->code_n; x++) {
            const lex_code *c = lex_at(lx, LEX_V_CODES, a->code_first + x);
            if (!c->dated)
                continue;
            if (c->from >= c->to) {
                say(ck, a->file, c->line, "dates: range %d-%d of [%.*s] is empty (ends before it starts)",
                    c->from, lex_date_prev_day(c->to), S(lex_atom_str(lx, c->code)));
                continue;
            }
            for (uint32_t y = x + 1; y < a->code_n; y++) {
                const lex_code *d = lex_at(lx, LEX_V_CODES, a->code_first + y);
                if (!d->dated || d->code == c->code || d->from >= d->to)
                    continue;
                char r1[40], r2[40];
                if (c->from < d->to && d->from < c->to && !boundary_day_only(c, d))
                    say(ck, a->file, d->line,
                        "dates: [%.*s %s] overlaps [%.*s %s] (line %u) of '%.*s'",
                        S(lex_atom_str(lx, d->code)), range_text(d, r1),
                        S(lex_atom_str(lx, c->code)), range_text(c, r2), c->line,
                        S(lex_atom_str(lx, a->name)));
            }
        }
    }
}

/* ---------------- duplicates ---------------- */

/* The codes of an actor as one comparable hash. */
static uint64_t actor_sig(const dyad_lexicon *lx, const lex_actor *a)
{
    uint64_t h = a->code_n;
    for (uint32_t i = 0; i < a->code_n; i++) {
        const lex_code *c = lex_at(lx, LEX_V_CODES, a->code_first + i);
        uint32_t key[3] = {c->code, (uint32_t)c->from, (uint32_t)c->to};
        h = h * 31 + hash_bytes(key, sizeof key);
    }
    return h;
}

static uint32_t entry_code(const dyad_lexicon *lx, const lex_entry *e)
{
    if (e->kind == LEX_AGENT)
        return ((const lex_agent *)lex_at(lx, LEX_V_AGENTS, e->target))->code;
    if (e->kind == LEX_VERB) {
        const lex_verb *v = lex_at(lx, LEX_V_VERBS, e->target);
        return v->code ? v->code : ((const lex_block *)lex_at(lx, LEX_V_BLOCKS, v->block))->code;
    }
    return 0;
}

static bool entries_conflict(const dyad_lexicon *lx, const lex_entry *a, const lex_entry *b)
{
    if (a->kind != b->kind || a->target == b->target)
        return false;
    if ((a->flags | b->flags) & (LEX_EF_GENERATED | LEX_EF_WORDNET))
        return false;
    if (a->kind == LEX_ACTOR)
        return actor_sig(lx, lex_at(lx, LEX_V_ACTORS, a->target)) !=
               actor_sig(lx, lex_at(lx, LEX_V_ACTORS, b->target));
    if (a->kind == LEX_AGENT || a->kind == LEX_VERB)
        return entry_code(lx, a) != entry_code(lx, b);
    return false;
}

static dyad_str entry_name(const dyad_lexicon *lx, const lex_entry *e)
{
    if (e->kind == LEX_ACTOR)
        return lex_atom_str(lx, ((const lex_actor *)lex_at(lx, LEX_V_ACTORS, e->target))->name);
    if (e->kind == LEX_VERB)
        return lex_atom_str(lx, ((const lex_verb *)lex_at(lx, LEX_V_VERBS, e->target))->lemma);
    return lex_atom_str(lx, entry_code(lx, e));
}

/* The code an entry stands for, for messages. */
static dyad_str entry_code_str(const dyad_lexicon *lx, const lex_entry *e)
{
    if (e->kind == LEX_ACTOR) {
        const lex_actor *a = lex_at(lx, LEX_V_ACTORS, e->target);
        if (a->code_n)
            return lex_atom_str(lx, ((const lex_code *)lex_at(lx, LEX_V_CODES, a->code_first))->code);
        return lex_atom_str(lx, 0);
    }
    return lex_atom_str(lx, entry_code(lx, e));
}

static void check_phrase_duplicates(checker *ck)
{
    const dyad_lexicon *lx = ck->lx;
    uint32_t last_file = 0, last_line = 0;
    for (uint32_t n = 1; n < LEX_N(lx, LEX_V_NODES); n++) {
        uint32_t first = ((const lex_node *)lex_at(lx, LEX_V_NODES, n))->entry;
        for (uint32_t i = first; i;) {
            const lex_entry *a = lex_at(lx, LEX_V_ENTRIES, i);
            for (uint32_t j = a->next; j;) {
                const lex_entry *b = lex_at(lx, LEX_V_ENTRIES, j);
                if (entries_conflict(lx, a, b) && !(b->file == last_file && b->line == last_line)) {
                    const lex_file *f = lex_at(lx, LEX_V_FILES, a->file);
                    dyad_str fa = lex_atom_str(lx, f->path);
                    say(ck, b->file, b->line,
                        "duplicate: %s '%.*s' [%.*s] here, but [%.*s] at %.*s:%u",
                        dyad_lex_kind_name((dyad_lex_kind)b->kind), S(entry_name(lx, b)),
                        S(entry_code_str(lx, b)), S(entry_code_str(lx, a)), S(fa), a->line);
                    last_file = b->file; /* one report per line */
                    last_line = b->line;
                    break;
                }
                j = b->next;
            }
            i = a->next;
        }
    }
}

static uint64_t pattern_hash(const dyad_lexicon *lx, const lex_pattern *p)
{
    uint64_t h = hash_bytes(&p->block, sizeof p->block) ^ p->verb;
    for (uint32_t i = 0; i < p->elem_n; i++) {
        const lex_elem *e = lex_at(lx, LEX_V_ELEMS, p->elem_first + i);
        uint32_t key[3] = {e->kind | (uint32_t)e->flags << 16, e->value, e->aux};
        h = h * 1099511628211ull + hash_bytes(key, sizeof key);
    }
    return h;
}

static bool same_pattern(const dyad_lexicon *lx, const lex_pattern *a, const lex_pattern *b)
{
    return a->block == b->block && a->verb == b->verb && a->elem_n == b->elem_n &&
           !memcmp(lex_at(lx, LEX_V_ELEMS, a->elem_first), lex_at(lx, LEX_V_ELEMS, b->elem_first),
                   (size_t)a->elem_n * sizeof(lex_elem));
}

static void check_pattern_duplicates(checker *ck)
{
    const dyad_lexicon *lx = ck->lx;
    uint32_t n = LEX_N(lx, LEX_V_PATTERNS), slots = 16;
    while (slots < n * 2)
        slots *= 2;
    uint32_t *table = core_calloc(lx->allocator, slots, sizeof *table);
    if (!table)
        return;
    for (uint32_t i = 1; i < n; i++) {
        const lex_pattern *p = lex_at(lx, LEX_V_PATTERNS, i);
        uint32_t s = (uint32_t)pattern_hash(lx, p) & (slots - 1);
        for (; table[s]; s = (s + 1) & (slots - 1)) {
            const lex_pattern *q = lex_at(lx, LEX_V_PATTERNS, table[s]);
            if (!same_pattern(lx, p, q))
                continue;
            if (q->code != p->code || q->code2 != p->code2) {
                const lex_file *f = lex_at(lx, LEX_V_FILES, q->file);
                dyad_str fq = lex_atom_str(lx, f->path);
                say(ck, p->file, p->line,
                    "duplicate: pattern repeats %.*s:%u with a different code ([%.*s] vs [%.*s])",
                    S(fq), q->line, S(lex_atom_str(lx, p->code)), S(lex_atom_str(lx, q->code)));
            }
            break;
        }
        if (!table[s])
            table[s] = i;
    }
    core_free(lx->allocator, table);
}

static void check_synset_duplicates(checker *ck)
{
    const dyad_lexicon *lx = ck->lx;
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_SYNSETS); i++) {
        const lex_synset *a = lex_at(lx, LEX_V_SYNSETS, i);
        for (uint32_t j = 1; j < i; j++) {
            const lex_synset *b = lex_at(lx, LEX_V_SYNSETS, j);
            if (a->name == b->name && a->file == b->file) {
                say(ck, a->file, a->line, "duplicate: synset %.*s is defined again (first at line %u)",
                    S(lex_atom_str(lx, a->name)), b->line);
                break;
            }
        }
    }
}

/* ---------------- patterns that cannot match ---------------- */

static void check_pattern_syntax(checker *ck)
{
    const dyad_lexicon *lx = ck->lx;
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_PATTERNS); i++) {
        const lex_pattern *p = lex_at(lx, LEX_V_PATTERNS, i);
        const char *why = NULL;
        for (uint32_t k = 0; k < p->elem_n; k++) {
            const lex_elem *e = lex_at(lx, LEX_V_ELEMS, p->elem_first + k);
            if (e->kind == LEX_PE_SYNSET && !e->value) {
                say(ck, p->file, p->line, "synset: %.*s is not defined; the pattern is ignored",
                    S(lex_atom_str(lx, e->aux)));
            }
            if (p->syntax != LEX_SYN_PETR2 || why)
                continue;
            if (e->kind == LEX_PE_COMPOUND || e->kind == LEX_PE_SKIP)
                why = "PETRARCH-1 token '%' or '^'";
            else if (e->kind >= LEX_PE_ALT_OPEN)
                why = "TABARI alternatives { a | b }";
            else if (e->flags & LEX_PEF_JOINED)
                why = "words joined by '_' (PETRARCH-2 splits on blanks only)";
        }
        if (!why && p->syntax == LEX_SYN_PETR2 && (p->flags & LEX_PF_NOVERB))
            why = "no '*' for the verb";
        if (why)
            say(ck, p->file, p->line, "never matches: PETRARCH-2 pattern has %s", why);
    }
}

size_t lex_check(const dyad_lexicon *lx, dyad_diag_fn diag, void *user)
{
    checker ck = {lx, diag, user, 0};
    check_event_codes(&ck);
    check_actor_codes(&ck);
    check_dates(&ck);
    check_phrase_duplicates(&ck);
    check_pattern_duplicates(&ck);
    check_synset_duplicates(&ck);
    check_pattern_syntax(&ck);
    return ck.n;
}
