/*
 * tagger.c — the part-of-speech tagger: three greedy left-to-right averaged
 * perceptrons in cascade.  The first predicts the Penn (XPOS) tag from the
 * word, its affixes and shape, a window of two words each side and the two
 * previous XPOS predictions.  The second re-predicts XPOS with the first
 * pass's guesses for the words to the right (a cheap bidirectional
 * tagger).  The third predicts the UD (UPOS) tag from the same word
 * features plus the final XPOS tags of the word and both neighbours.
 * When the first pass is sure (its best score leads by a wide margin)
 * the second is skipped for that word: it would almost never disagree.
 * Frequent words that nearly always carry one tag pair in training ("the",
 * ",", "of") take it from a tag dictionary and skip all three, which
 * roughly halves tagging time at no measurable cost in accuracy.  And a
 * word whose (form, final XPOS) pair, or whose XPOS among rare words,
 * nearly always meant one UPOS in training takes that from the UPOS map
 * instead of the third pass, and the third pass looks up its word keys
 * only when its first stage, trained on the pass's tag keys alone, is in
 * doubt.
 *
 * Feature keys are syn_key(template, ids...) over the syn_word ids; the
 * template numbers below are part of the model format (changing them needs
 * a new SYN_MODEL_VERSION).  The 25 keys of the word and its window
 * (templates 1-25) are the same in all three passes, each of which has its
 * own weight table, so they are made once per token.
 */
#include "syntax/syntax.h"

#include <stdlib.h>
#include <string.h>

#define NO_TAG 255u /* history value before the sentence */

static const syn_word *word_at(const syn_word *w, size_t n, long i)
{
    if (i < 0)
        return syn_word_pad(1);
    if ((size_t)i >= n)
        return syn_word_pad(0);
    return &w[i];
}

static uint64_t tag_at(const uint16_t *t, size_t n, long i)
{
    return i < 0 || (size_t)i >= n ? NO_TAG : t[i];
}

void syn_tag_word_keys(const syn_word *w, size_t n, size_t i, uint64_t *restrict k)
{
    long j = (long)i;
    const syn_word *c = &w[i], *p1 = word_at(w, n, j - 1), *p2 = word_at(w, n, j - 2);
    const syn_word *n1 = word_at(w, n, j + 1), *n2 = word_at(w, n, j + 2);
    size_t m = 0;
    k[m++] = syn_key(1, 0, 0, 0);
    k[m++] = syn_key(2, c->lower, 0, 0);
    k[m++] = syn_key(3, c->form, 0, 0);
    k[m++] = syn_key(4, c->suf1, 0, 0);
    k[m++] = syn_key(5, c->suf2, 0, 0);
    k[m++] = syn_key(6, c->suf3, 0, 0);
    k[m++] = syn_key(7, c->suf4, 0, 0);
    k[m++] = syn_key(8, c->pre1, 0, 0);
    k[m++] = syn_key(9, c->pre2, 0, 0);
    k[m++] = syn_key(10, c->shape, i == 0, 0);
    k[m++] = syn_key(11, c->flags, i == 0, 0);
    k[m++] = syn_key(12, p1->lower, 0, 0);
    k[m++] = syn_key(13, p2->lower, 0, 0);
    k[m++] = syn_key(14, n1->lower, 0, 0);
    k[m++] = syn_key(15, n2->lower, 0, 0);
    k[m++] = syn_key(16, p1->suf3, 0, 0);
    k[m++] = syn_key(17, n1->suf3, 0, 0);
    k[m++] = syn_key(18, n1->shape, 0, 0);
    k[m++] = syn_key(19, p1->lower, c->lower, 0);
    k[m++] = syn_key(20, c->lower, n1->lower, 0);
    k[m++] = syn_key(21, n1->suf2, n2->suf2, 0);
    k[m++] = syn_key(22, c->lower, p1->suf2, 0);
    k[m++] = syn_key(23, c->suf3, n1->lower, 0);
    k[m++] = syn_key(24, c->cap, c->flags & (SYN_W_UPPER | SYN_W_ALLCAP), i == 0);
    k[m++] = syn_key(25, c->cap, n1->cap, c->flags & SYN_W_UPPER);
}

/* Copies the word keys in front of a pass's own keys. */
static size_t with_word_keys(const uint64_t *wk, uint64_t *keys)
{
    memcpy(keys, wk, SYN_TAG_WORD_FEATS * sizeof *keys);
    return SYN_TAG_WORD_FEATS;
}

size_t syn_tag_feats_xpos(const syn_word *w, size_t n, size_t i, const uint64_t *wk,
                          const uint16_t *xpos, uint64_t *restrict keys)
{
    size_t m = with_word_keys(wk, keys);
    long j = (long)i;
    uint64_t t1 = tag_at(xpos, n, j - 1), t2 = tag_at(xpos, n, j - 2);
    keys[m++] = syn_key(30, t1, 0, 0);
    keys[m++] = syn_key(31, t1, t2, 0);
    keys[m++] = syn_key(32, t1, w[i].lower, 0);
    keys[m++] = syn_key(33, t1, w[i].suf3, 0);
    keys[m++] = syn_key(34, t2, 0, 0);
    keys[m++] = syn_key(35, t1, w[i].suf2, w[i].flags);
    return m;
}

size_t syn_tag_feats_upos_own(const syn_word *w, size_t n, size_t i, const uint16_t *xpos,
                              const uint16_t *upos, uint64_t *restrict keys)
{
    size_t m = 0;
    long j = (long)i;
    uint64_t x0 = xpos[i], xp = tag_at(xpos, n, j - 1), xn = tag_at(xpos, n, j + 1);
    uint64_t u1 = tag_at(upos, n, j - 1);
    keys[m++] = syn_key(130, x0, 0, 0);
    keys[m++] = syn_key(131, x0, w[i].lower, 0);
    keys[m++] = syn_key(132, xp, x0, 0);
    keys[m++] = syn_key(133, x0, xn, 0);
    keys[m++] = syn_key(134, u1, x0, 0);
    keys[m++] = syn_key(135, xp, x0, xn);
    keys[m++] = syn_key(136, x0, w[i].suf3, 0);
    keys[m++] = syn_key(137, x0, tag_at(xpos, n, j + 2), tag_at(xpos, n, j - 2));
    keys[m++] = syn_key(138, u1, tag_at(upos, n, j - 2), x0);
    keys[m++] = syn_key(139, xn, w[i].lower, 0);
    return m;
}

size_t syn_tag_feats_upos(const syn_word *w, size_t n, size_t i, const uint64_t *wk,
                          const uint16_t *xpos, const uint16_t *upos, uint64_t *restrict keys)
{
    size_t m = with_word_keys(wk, keys);
    return m + syn_tag_feats_upos_own(w, n, i, xpos, upos, keys + m);
}

size_t syn_tag_feats_xpos2(const syn_word *w, size_t n, size_t i, const uint64_t *wk,
                           const uint16_t *first, const uint16_t *xpos, uint64_t *restrict keys)
{
    size_t m = with_word_keys(wk, keys);
    long j = (long)i;
    uint64_t b1 = tag_at(xpos, n, j - 1), b2 = tag_at(xpos, n, j - 2);
    uint64_t a0 = first[i], a1 = tag_at(first, n, j + 1), a2 = tag_at(first, n, j + 2);
    keys[m++] = syn_key(330, b1, 0, 0);
    keys[m++] = syn_key(331, b1, b2, 0);
    keys[m++] = syn_key(332, a1, 0, 0);
    keys[m++] = syn_key(333, a1, a2, 0);
    keys[m++] = syn_key(334, b1, a1, 0);
    keys[m++] = syn_key(335, a0, w[i].lower, 0);
    keys[m++] = syn_key(336, a1, w[i].lower, 0);
    keys[m++] = syn_key(337, a0, 0, 0);
    keys[m++] = syn_key(338, b1, w[i].lower, 0);
    keys[m++] = syn_key(339, a1, w[i].suf3, 0);
    return m;
}

long syn_table_get(const syn_tagdict *d, uint64_t key)
{
    if (!d)
        return -1;
    /* the builders leave at least a fifth of the slots free */
    const syn_wentry *e = syn_wentry_find(d->table, d->slots, key);
    return e ? (long)e->ref : -1;
}

/* The UPOS of token i by the staged UPOS pass (syntax.h,
 * SYN_UPOS_FIRST_KEYS; own = the pass's own keys): the table's second
 * half of classes was learnt from those keys alone, so their lookups fetch
 * both halves; the word keys (wk, made here unless have_keys) are looked
 * up only when that first stage does not lead by SYN_UPOS_FIRST_MARGIN,
 * and then the full classifier decides. */
static uint16_t upos_staged(const syn_weights *wu, const uint64_t *own, const syn_word *w,
                            size_t n, size_t i, uint64_t *wk, bool have_keys)
{
    int32_t scores[SYN_SCORE_SLOTS];
    uint16_t best;
    if (syn_staged_first(wu, own, SYN_UPOS_FIRST_KEYS, SYN_UPOS_FIRST_MARGIN, scores, &best))
        return best;
    if (!have_keys)
        syn_tag_word_keys(w, n, i, wk);
    return syn_staged_rest(wu, wk, SYN_TAG_WORD_FEATS, scores);
}

void syn_tag(const syn_weights *wx, const syn_weights *wx2, const syn_weights *wu,
             const syn_tagdict *dict, const syn_tagdict *umap, const syn_word *w, size_t n,
             uint64_t *word_keys, bool sure, uint16_t *xpos, uint16_t *upos)
{
    uint64_t keys[SYN_TAG_FEATS];
    int32_t scores[SYN_SCORE_SLOTS];
    uint16_t first[SYN_MAX_SENT_TOKENS];
    int32_t known[SYN_MAX_SENT_TOKENS];  /* the dictionary's ref, or -1 */
    bool settled[SYN_MAX_SENT_TOKENS];   /* XPOS sure: no second pass */
    bool have_keys[SYN_MAX_SENT_TOKENS]; /* word keys made */
    if (n > SYN_MAX_SENT_TOKENS)
        n = SYN_MAX_SENT_TOKENS;
    for (size_t i = 0; i < n; i++) {
        known[i] = (int32_t)syn_table_get(dict, w[i].form);
        have_keys[i] = false;
        if (known[i] >= 0) {
            first[i] = xpos[i] = (uint16_t)(known[i] >> 8);
            upos[i] = (uint16_t)(known[i] & 0xff);
            settled[i] = true;
            continue;
        }
        uint64_t *wk = word_keys + i * SYN_TAG_WORD_FEATS;
        syn_tag_word_keys(w, n, i, wk);
        have_keys[i] = true;
        size_t m = syn_tag_feats_xpos(w, n, i, wk, first, keys);
        syn_weights_score_int(wx, keys, m, scores);
        first[i] = (uint16_t)syn_argmax_int(scores, wx->nclass);
        settled[i] = sure && syn_leads_by(scores, wx->nclass, first[i], SYN_TAG_SURE_MARGIN);
    }
    for (size_t i = 0; i < n; i++) {
        if (known[i] >= 0)
            continue;
        if (settled[i]) {
            xpos[i] = first[i];
            continue;
        }
        size_t m = syn_tag_feats_xpos2(w, n, i, word_keys + i * SYN_TAG_WORD_FEATS, first,
                                       xpos, keys);
        syn_weights_score_int(wx2, keys, m, scores);
        xpos[i] = (uint16_t)syn_argmax_int(scores, wx2->nclass);
    }
    for (size_t i = 0; i < n; i++) {
        if (known[i] >= 0 && (known[i] & 0xff) != SYN_TAGDICT_ANY_UPOS)
            continue;
        /* Only after a sure XPOS: where the XPOS was in doubt, the UPOS
         * classifier often gets right what the XPOS got wrong. */
        long u = settled[i] ? syn_uposmap_get(umap, w[i].form, xpos[i]) : -1;
        if (u >= 0) {
            upos[i] = (uint16_t)u;
            continue;
        }
        uint64_t *wk = word_keys + i * SYN_TAG_WORD_FEATS;
        if (sure) {
            syn_tag_feats_upos_own(w, n, i, xpos, upos, keys);
            upos[i] = upos_staged(wu, keys, w, n, i, wk, have_keys[i]);
            continue;
        }
        if (!have_keys[i])
            syn_tag_word_keys(w, n, i, wk);
        size_t m = syn_tag_feats_upos(w, n, i, wk, xpos, upos, keys);
        syn_weights_score_int(wu, keys, m, scores);
        upos[i] = (uint16_t)syn_argmax_int(scores, wu->nclass / 2);
    }
}

/* ---- building the tag dictionary ---- */

static int cmp_entry(const void *a, const void *b)
{
    const syn_table_entry *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->ref < y->ref ? -1 : x->ref > y->ref;
}

/* The commonest value of ref >> shift in the group [i, j) of entries
 * sorted by (key, ref), and its count (the smallest value on a tie).
 * With shift 8 on tag pairs (xpos << 8 | upos): the commonest XPOS. */
static uint32_t dominant(const syn_table_entry *e, size_t i, size_t j, unsigned shift,
                         size_t *count)
{
    uint32_t best = e[i].ref >> shift;
    size_t best_n = 0;
    for (size_t k = i, l; k < j; k = l) {
        for (l = k; l < j && e[l].ref >> shift == e[k].ref >> shift; l++)
            ;
        if (l - k > best_n) {
            best_n = l - k;
            best = e[k].ref >> shift;
        }
    }
    *count = best_n;
    return best;
}

/* Whether count of n tokens is enough for an entry (with the thresholds
 * of a form that could be a verb, when verblike). */
static bool sure_enough(size_t count, size_t n, bool verblike)
{
    if (verblike)
        return n >= SYN_TAGDICT_VERBLIKE_COUNT &&
               (double)count >= SYN_TAGDICT_VERBLIKE_SHARE * (double)n;
    return n >= SYN_TAGDICT_MIN_COUNT && (double)count >= SYN_TAGDICT_MIN_SHARE * (double)n;
}

dyad_status syn_tagdict_build(const syn_word *w, const uint16_t *xpos, const uint16_t *upos,
                              size_t n, const uint8_t *verb_form, const bool *nominal,
                              syn_tagdict *out)
{
    const dyad_allocator *a = core_allocator(NULL);
    memset(out, 0, sizeof *out);
    /* key: form; ref: the pair, and bit 31 when the form could be a verb */
    syn_table_entry *e = core_calloc(a, n + 1, sizeof *e);
    if (!e)
        return DYAD_ENOMEM;
    for (size_t i = 0; i < n; i++)
        e[i] = (syn_table_entry){ w[i].form, (uint32_t)xpos[i] << 8 | upos[i] |
                                                 (verb_form && verb_form[i] ? 1u << 31 : 0) };
    qsort(e, n, sizeof *e, cmp_entry);
    size_t kept = 0;
    for (size_t i = 0, j; i < n; i = j) { /* compact winners to the front */
        for (j = i; j < n && e[j].key == e[i].key; j++)
            ;
        /* One form, one spelling: the flag is the same on all its tokens. */
        bool could_be_verb = (e[i].ref >> 31) != 0;
        for (size_t k = i; k < j; k++)
            e[k].ref &= ~(1u << 31);
        size_t c, cx;
        uint32_t pair = dominant(e, i, j, 0, &c), x = dominant(e, i, j, 8, &cx);
        bool verblike = could_be_verb && nominal && nominal[x];
        if (sure_enough(c, j - i, verblike))
            e[kept++] = (syn_table_entry){ e[i].key, pair };
        else if (sure_enough(cx, j - i, verblike))
            e[kept++] = (syn_table_entry){ e[i].key, x << 8 | SYN_TAGDICT_ANY_UPOS };
    }
    dyad_status st = syn_table_build(e, kept, out);
    core_free(a, e);
    return st;
}

void syn_tagdict_free(syn_tagdict *d)
{
    if (!d)
        return;
    core_free(core_allocator(NULL), d->owned);
    memset(d, 0, sizeof *d);
}

/* ---- lookup tables and the UPOS map ---- */

typedef struct form_tag3 {
    uint64_t form;
    uint16_t xpos, upos;
} form_tag3;

static int cmp_form_tag3(const void *a, const void *b)
{
    const form_tag3 *x = a, *y = b;
    if (x->form != y->form)
        return x->form < y->form ? -1 : 1;
    if (x->xpos != y->xpos)
        return x->xpos < y->xpos ? -1 : 1;
    return x->upos < y->upos ? -1 : x->upos > y->upos;
}

static uint64_t uposmap_pair_key(uint64_t form, uint16_t xpos)
{
    return syn_key(901, form, (uint64_t)xpos + 1, 0);
}

static uint64_t uposmap_tag_key(uint16_t xpos)
{
    return syn_key(902, (uint64_t)xpos + 1, 0, 0);
}

uint32_t syn_share_ref(uint16_t cls, size_t count, size_t total)
{
    uint32_t share = (uint32_t)(count * 1000 / total);
    return share << 16 | (uint32_t)(total > 255 ? 255 : total) << 8 | cls;
}

/* Rare words' (XPOS, UPOS) counts, one row of SYN_MAX_CLASSES per XPOS. */
static size_t rare_tag_entries(const size_t *rare, syn_table_entry *out)
{
    size_t kept = 0;
    for (uint16_t x = 0; x < SYN_MAX_CLASSES; x++) {
        const size_t *row = rare + (size_t)x * SYN_MAX_CLASSES;
        size_t total = 0, best_n = 0;
        uint16_t best = 0;
        for (uint16_t u = 0; u < SYN_MAX_CLASSES; u++) {
            total += row[u];
            if (row[u] > best_n) {
                best_n = row[u];
                best = u;
            }
        }
        if (total)
            out[kept++] = (syn_table_entry){ uposmap_tag_key(x), syn_share_ref(best, best_n, total) };
    }
    return kept;
}

size_t syn_table_commonest(syn_table_entry *e, size_t n)
{
    qsort(e, n, sizeof *e, cmp_entry);
    size_t kept = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && e[j].key == e[i].key; j++)
            ;
        size_t best_n;
        uint32_t best = dominant(e, i, j, 0, &best_n);
        e[kept++] = (syn_table_entry){ e[i].key, syn_share_ref((uint16_t)best, best_n, j - i) };
    }
    return kept;
}

dyad_status syn_table_build(const syn_table_entry *e, size_t kept, syn_tagdict *out)
{
    uint32_t slots = (uint32_t)(kept + kept / 4 + 64);
    syn_wentry *table = core_calloc(core_allocator(NULL), slots, sizeof *table);
    if (!table)
        return DYAD_ENOMEM;
    for (size_t k = 0; k < kept; k++) {
        uint32_t i = syn_slot(e[k].key, slots);
        while (table[i].fp)
            i = i + 1 == slots ? 0 : i + 1;
        table[i] = (syn_wentry){ syn_fp(e[k].key), e[k].ref };
    }
    *out = (syn_tagdict){ slots, table, table };
    return DYAD_OK;
}

dyad_status syn_uposmap_build(const syn_word *w, const uint16_t *xpos, const uint16_t *upos,
                              size_t n, syn_tagdict *out)
{
    const dyad_allocator *a = core_allocator(NULL);
    memset(out, 0, sizeof *out);
    form_tag3 *e = core_calloc(a, n + 1, sizeof *e);
    syn_table_entry *m = core_calloc(a, n + SYN_MAX_CLASSES + 1, sizeof *m);
    size_t *rare = core_calloc(a, (size_t)SYN_MAX_CLASSES * SYN_MAX_CLASSES, sizeof *rare);
    dyad_status st = DYAD_ENOMEM;
    if (!e || !m || !rare)
        goto done;
    for (size_t i = 0; i < n; i++)
        e[i] = (form_tag3){ w[i].form, xpos[i] % SYN_MAX_CLASSES, upos[i] % SYN_MAX_CLASSES };
    qsort(e, n, sizeof *e, cmp_form_tag3); /* by form: how often each form occurs */
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && e[j].form == e[i].form; j++)
            ;
        for (size_t k = i; k < j; k++) {
            m[k] = (syn_table_entry){ uposmap_pair_key(e[k].form, e[k].xpos), e[k].upos };
            if (j - i <= SYN_UPOSMAP_RARE)
                rare[(size_t)e[k].xpos * SYN_MAX_CLASSES + e[k].upos]++;
        }
    }
    size_t kept = syn_table_commonest(m, n);
    kept += rare_tag_entries(rare, m + kept);
    st = syn_table_build(m, kept, out);
done:
    core_free(a, e);
    core_free(a, m);
    core_free(a, rare);
    return st;
}

bool syn_share_sure(uint32_t ref, uint32_t min_count, uint32_t min_share)
{
    return (ref >> 8 & 0xffu) >= min_count && ref >> 16 >= min_share;
}

long syn_uposmap_get(const syn_tagdict *map, uint64_t form, uint16_t xpos)
{
    if (!map || !map->slots)
        return -1;
    long pair = syn_table_get(map, uposmap_pair_key(form, xpos));
    if (pair >= 0 && syn_share_sure((uint32_t)pair, SYN_UPOSMAP_MIN_COUNT, SYN_UPOSMAP_MIN_SHARE))
        return pair & 0xff;
    long tag = syn_table_get(map, uposmap_tag_key(xpos));
    if (tag < 0 || !syn_share_sure((uint32_t)tag, SYN_UPOSMAP_RARE_COUNT, SYN_UPOSMAP_RARE_SHARE))
        return -1;
    /* A word seen too seldom to be sure on its own follows the rare words
     * of its XPOS unless training ever gave it another UPOS ("Iraqi"/NNP
     * once as ADJ does not become PROPN). */
    if (pair >= 0 && ((pair & 0xff) != (tag & 0xff) || pair >> 16 < 1000))
        return -1;
    return tag & 0xff;
}
