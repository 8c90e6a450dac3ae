/*
 * verbs.c — dictionary verbs in a sentence (their patterns are matched
 * in patterns.c).
 *
 * A verb is the longest verb phrase of the lexicon trie starting at a word
 * ("break down", "re arrest"), accepted only where the tagger (or the
 * supplied parse) says its inflected word is a verb; without any tagger the
 * TABARI rules apply instead (not after a determiner, not capitalised in
 * mid-sentence).
 */
#include "coder/coder.h"

#include <stdlib.h>
#include <string.h>

bool coder_word_is(const dyad_coder *c, size_t i, uint32_t w, bool stem)
{
    const coder_word *cw = &c->sent.w[i];
    if (cw->atom == w)
        return true;
    if (!stem)
        return false;
    dyad_str a = lex_atom_str(c->lex, w);
    dyad_str n = coder_norm(&c->sent, i);
    return a.len >= 2 && n.len > a.len && memcmp(n.ptr, a.ptr, a.len) == 0;
}

/* ---- finding verbs ---- */

const lex_entry *coder_trie_entries(const dyad_lexicon *lx, uint32_t node)
{
    const lex_node *nd = lex_at(lx, LEX_V_NODES, node);
    return nd->entry ? lex_at(lx, LEX_V_ENTRIES, nd->entry) : NULL;
}

static const lex_entry *verb_entry(const dyad_coder *c, uint32_t node, bool stem_only)
{
    if (!coder_node_has(c, node, LEX_VERB))
        return NULL;
    const dyad_lexicon *lx = c->lex;
    for (const lex_entry *e = coder_trie_entries(lx, node); e;
         e = e->next ? lex_at(lx, LEX_V_ENTRIES, e->next) : NULL)
        if (e->kind == LEX_VERB && (!stem_only || (e->flags & LEX_EF_STEM)))
            return e;
    return NULL;
}

bool coder_word_is_verb(const dyad_coder *c, size_t i)
{
    uint32_t a = c->sent.w[i].atom;
    uint32_t ch = a ? coder_trie_child(c, 0, a) : 0;
    return ch && verb_entry(c, ch, false) != NULL;
}


/* Can word i be a verb here? */
static bool verb_position(const dyad_coder *c, size_t i)
{
    const coder_sent *s = &c->sent;
    if (s->w[i].unit >= 0 && !c->prefilter)
        return false;
    dyad_str n = coder_norm(s, i);
    if (n.len == 0 || !((n.ptr[0] >= 'a' && n.ptr[0] <= 'z') || (unsigned char)n.ptr[0] >= 0x80))
        return false; /* punctuation and numbers are never verbs */
    if (c->prefilter) /* the fast path must accept whatever tags might, */
        return !s->w[i].in_mention; /* but a phrase's words stay an actor */
    if (s->tagged) {
        /* a verb form used as a preposition: "according to him" (which
         * the parser reads as a clause of its own), and where the parse
         * says so, "following the talks", "including Germany" */
        if (coder_word_eq(s, i, "according") && i + 1 < s->n && coder_word_eq(s, i + 1, "to"))
            return false;
        if (s->parsed && s->w[i].head != 0 && (s->w[i].rel == CR_CASE || s->w[i].rel == CR_MARK))
            return false;
        if (coder_verb_tagged(&s->w[i]))
            return true;
        /* a tagger may miss the only verb ("the new mayor left
         * yesterday"): the root of a sentence without any verb counts */
        if (!s->parsed || s->w[i].head != 0)
            return false;
        for (size_t k = 0; k < s->n; k++)
            if (coder_verb_tagged(&s->w[k]))
                return false;
        return true;
    }
    /* TABARI: a determiner makes the word a noun ("the restore"); a
     * possessive does not ("its voice" codes VOICE) */
    if (i > 0 && (coder_word_eq(s, i - 1, "the") || coder_word_eq(s, i - 1, "a") ||
                  coder_word_eq(s, i - 1, "an")))
        return false;
    return i == 0 || !s->w[i].capital || c->all_caps;
}

/* TABARI recognizes the regular endings of every verb ("DEPART_" also
 * codes "departs", "departed", "departing"): the verb entry of a word
 * with -s, -es, -ed, -en, -d or -ing removed (doubled final consonant and a
 * dropped final e restored), or NULL. */
static const lex_entry *verb_by_ending(const dyad_coder *c, size_t i)
{
    static const char *const endings[] = {"ing", "ed", "es", "en", "s", "d"};
    dyad_str w = coder_norm(&c->sent, i);
    char stem[LEX_MAX_WORD + 2];
    for (size_t k = 0; k < DYAD_ARRAY_LEN(endings); k++) {
        size_t el = strlen(endings[k]);
        if (w.len <= el + 2 || w.len - el >= LEX_MAX_WORD ||
            memcmp(w.ptr + w.len - el, endings[k], el) != 0)
            continue;
        size_t sl = w.len - el;
        memcpy(stem, w.ptr, sl);
        for (int variant = 0; variant < 3; variant++) {
            size_t n = sl;
            if (variant == 1) { /* "stopped" -> "stop" */
                if (sl < 2 || stem[sl - 1] != stem[sl - 2])
                    continue;
                n = sl - 1;
            } else if (variant == 2) { /* "arrived" -> "arrive" */
                stem[sl] = 'e';
                n = sl + 1;
            }
            uint32_t a = lex_atom_find(c->lex, stem, n);
            uint32_t ch = a ? coder_trie_child(c, 0, a) : 0;
            const lex_entry *e = ch ? verb_entry(c, ch, false) : NULL;
            if (e && e->aux <= 1 && !(e->flags & LEX_EF_NO_ENDINGS))
                return e;
        }
    }
    return NULL;
}

/* TABARI: the first word of a verb phrase written with a blank after it
 * ("BURN DOWN") matches any word it begins ("burned down").  The longest
 * such phrase starting at word i, or NULL; *end is the word after it. */
static const lex_entry *verb_by_first_stem(const dyad_coder *c, size_t i, size_t *end)
{
    const coder_sent *s = &c->sent;
    const lex_entry *best = NULL;
    coder_prefix_walk pw = coder_prefixes(c, i);
    for (uint32_t a; !best && (a = coder_prefix_next(&pw)) != 0;) {
        uint32_t node = coder_trie_child(c, 0, a);
        for (size_t j = i + 1; node && j < s->n && j - i < LEX_MAX_PHRASE_WORDS; j++) {
            node = s->w[j].atom ? coder_trie_child(c, node, s->w[j].atom) : 0;
            for (const lex_entry *e = node ? coder_trie_entries(c->lex, node) : NULL; e;
                 e = e->next ? lex_at(c->lex, LEX_V_ENTRIES, e->next) : NULL)
                if (e->kind == LEX_VERB && e->aux == 1 &&
                    (e->flags & (1u << LEX_EF_LOOSE_SHIFT))) {
                    best = e;
                    *end = j + 1;
                }
        }
    }
    return best;
}

/* TABARI: words of a verb phrase written apart with a blank ("DEATH TOLL
 * RISEN") may have other words between them in the sentence ("death toll
 * has risen"), up to a comma.  The phrase starting at word i that ends
 * furthest, or NULL; *end is the word after it. */
static const lex_entry *verb_with_gaps(const dyad_coder *c, size_t i, size_t *end)
{
    const coder_sent *s = &c->sent;
    uint32_t node = s->w[i].atom ? coder_trie_child(c, 0, s->w[i].atom) : 0;
    uint32_t gaps = 0;
    const lex_entry *best = NULL;
    size_t j = i;
    for (size_t depth = 1; node && depth < LEX_LOOSE_MAX_WORDS; depth++) {
        size_t k = j + 1, next = 0;
        uint32_t child = 0;
        for (; k < s->n && k - j <= CODER_MAX_LOOSE_GAP && !coder_word_eq(s, k, ","); k++)
            if (s->w[k].atom && (child = coder_trie_child(c, node, s->w[k].atom)) != 0) {
                next = k;
                break;
            }
        if (!child)
            break;
        if (next > j + 1)
            gaps |= 1u << (depth - 1);
        node = child;
        j = next;
        for (const lex_entry *e = coder_trie_entries(c->lex, node); e;
             e = e->next ? lex_at(c->lex, LEX_V_ENTRIES, e->next) : NULL)
            if (e->kind == LEX_VERB && e->aux == 1 && gaps &&
                ((e->flags >> LEX_EF_LOOSE_SHIFT) & gaps) == gaps) {
                best = e;
                *end = j + 1;
            }
    }
    return best;
}

/* Is the sentence written in capitals (TABARI CAPS records)?  Then
 * capitalisation says nothing about nouns. */
static bool sentence_all_caps(const coder_sent *s)
{
    size_t words = 0, caps = 0;
    for (size_t i = 0; i < s->n; i++) {
        const dyad_str f = s->w[i].form;
        bool alpha = false, lower = false;
        for (size_t k = 0; k < f.len; k++) {
            alpha |= (f.ptr[k] >= 'A' && f.ptr[k] <= 'Z') || (f.ptr[k] >= 'a' && f.ptr[k] <= 'z');
            lower |= f.ptr[k] >= 'a' && f.ptr[k] <= 'z';
        }
        words += alpha;
        caps += alpha && !lower;
    }
    return words >= 3 && caps * 10 >= words * 9;
}

void coder_find_verbs(dyad_coder *c)
{
    (void)coder_sent_prefixes(c); /* failing, stem lookups take the slow way */
    const coder_sent *s = &c->sent;
    c->verb_n = 0;
    c->all_caps = !s->tagged && sentence_all_caps(s);
    for (size_t i = 0; i < s->n && c->verb_n < CODER_MAX_VERBS; i++) {
        uint32_t node = 0;
        const lex_entry *best = NULL;
        size_t best_end = 0;
        for (size_t j = i; j < s->n && j - i < LEX_MAX_PHRASE_WORDS; j++) {
            uint32_t child = s->w[j].atom ? coder_trie_child(c, node, s->w[j].atom) : 0;
            if (!child) {
                if (c->tabari_stems && j > i) {
                    /* the last word of a TABARI verb phrase is a stem too
                     * ("SHOT_AND_WOUND" codes "shot and wounded") */
                    coder_prefix_walk pw = coder_prefixes(c, j);
                    for (uint32_t a; (a = coder_prefix_next(&pw)) != 0;) {
                        uint32_t ch = coder_trie_child(c, node, a);
                        const lex_entry *e = ch ? verb_entry(c, ch, true) : NULL;
                        if (e && e->aux >= 1 && i + e->aux - 1 <= j) {
                            best = e;
                            best_end = j + 1;
                            break;
                        }
                    }
                }
                if (c->tabari_stems && j == i) {
                    coder_prefix_walk pw = coder_prefixes(c, j);
                    for (uint32_t a; !best && (a = coder_prefix_next(&pw)) != 0;) {
                        uint32_t ch = coder_trie_child(c, 0, a);
                        const lex_entry *e = ch ? verb_entry(c, ch, true) : NULL;
                        if (e) {
                            best = e;
                            best_end = j + 1;
                        }
                    }
                }
                break;
            }
            node = child;
            const lex_entry *e = verb_entry(c, node, false);
            if (e && e->aux >= 1 && i + e->aux - 1 <= j) {
                best = e;
                best_end = j + 1;
            }
        }
        if (!best && c->tabari && (best = verb_by_ending(c, i)) != NULL)
            best_end = i + 1;
        if (!best && c->tabari)
            best = verb_by_first_stem(c, i, &best_end);
        size_t gapped_end = 0;
        const lex_entry *gapped = c->tabari ? verb_with_gaps(c, i, &gapped_end) : NULL;
        if (gapped && (!best || gapped_end > best_end)) {
            best = gapped;
            best_end = gapped_end;
        }
        if (!best)
            continue;
        size_t infl = i + best->aux - 1;
        if (best->aux == 0)
            infl = i;
        /* a multi-word verb whose other word the parse makes the verb
         * ("will not wire tap": "wire" VERB, "tap" NOUN) is that verb */
        for (size_t k = i; s->tagged && k < best_end && !verb_position(c, infl); k++)
            if (k != infl && coder_verb_tagged(&s->w[k]) && verb_position(c, k))
                infl = k;
        if (!verb_position(c, infl)) {
            coder_tracef(c, "verb: \"%.*s\" at word %zu rejected: not used as a verb here",
                         (int)s->w[infl].form.len, s->w[infl].form.ptr, infl + 1);
            continue;
        }
        coder_verb *v = &c->verbs[c->verb_n++];
        const lex_verb *lv = lex_at(c->lex, LEX_V_VERBS, best->target);
        v->begin = (uint16_t)i;
        v->end = (uint16_t)best_end;
        v->word = (uint16_t)infl;
        v->verb = best->target;
        v->block = lv->block;
        v->file = best->file;
        v->line = best->line;
        /* The fast path lists the verbs starting at every word: a span the
         * full path rejects (no verb tag in it) lets it look at the next
         * word, which may start another verb. */
        if (!c->prefilter)
            i = best_end - 1;
    }
}
