/*
 * train.c — trains the whole syntax model from CoNLL-U (issue 4, item 2):
 * the lemma tables (WordNet's among them, which the tag dictionary
 * consults), the tag dictionary, the XPOS -> XPOS -> UPOS tagger cascade,
 * then the parser (transitions and labels) on jackknifed tagger
 * predictions for the training data (4 folds, so its input tags are as
 * noisy as at run time), and writes the model file.
 *
 * Both learners are averaged perceptrons visited in a shuffled order drawn
 * from a seeded generator, so a seed fixes the model bit for bit.  After
 * every epoch the averaged weights are compiled and scored on the
 * development set; the best epoch is kept and training stops after
 * PATIENCE epochs without improvement.  The parser learns from the dynamic
 * oracle: from the second epoch on it follows its own wrong predictions
 * with probability EXPLORE_P, so it learns to recover from mistakes.
 *
 * With refit_with_dev the development set, once it has chosen the epoch
 * counts, is appended to the training set and everything (tag dictionary,
 * taggers, jackknifed tags, parser, lemmas) is trained again for exactly
 * those counts: 16% more treebank for the shipped model, at the price of
 * dev scores that no longer mean anything for it.
 */
#include "syntax/syntax.h"

#include <string.h>
#include <time.h>

#define DEFAULT_TAGGER_EPOCHS 12
#define DEFAULT_PARSER_EPOCHS 20
#define PATIENCE 5
#define EXPLORE_P 0.9
#define TAGGER_PRUNE 0.6f /* averaged weights below this add too little for their bytes */
#define PARSER_PRUNE 1.0f /* 0.5 / 0.4 gave +0.05 LAS on dev for a 36% larger model */
#define LABEL_PRUNE 0.75f
#define JACKKNIFE_FOLDS 4u
#define JACKKNIFE_MAX_EPOCHS 8

typedef struct trainer {
    const dyad_train_options *o;
    syn_model_parts *m;
    syn_corpus train, dev;
    uint64_t rng;
    uint32_t *order;
    syn_work w;
    uint16_t *pred_xpos, *pred_upos; /* tagger output on train, for the parser */
    int tagger_best_epochs;
    int parser_best_epochs;
    bool refit; /* second round on train + dev: fixed epochs, no selection */
    uint16_t first_pass[SYN_MAX_SENT_TOKENS]; /* first XPOS pass of a sentence */
} trainer;

static uint64_t next_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static double rand_unit(uint64_t *s)
{
    return (double)(next_rand(s) >> 11) / 9007199254740992.0;
}

static void shuffle(trainer *t)
{
    for (size_t i = t->train.sent_n; i > 1; i--) {
        size_t j = next_rand(&t->rng) % i;
        uint32_t tmp = t->order[i - 1];
        t->order[i - 1] = t->order[j];
        t->order[j] = tmp;
    }
}

static void logf_(trainer *t, const char *fmt, double a, double b, double c)
{
    if (!t->o->log)
        return;
    fprintf(t->o->log, fmt, a, b, c);
    fflush(t->o->log);
}

/* ---- tagger ---- */

/* The three tagger learners (first XPOS pass, second pass, UPOS). */
typedef struct tag_learners {
    syn_percep *x, *x2, *u;
} tag_learners;

/* The UPOS pass's first stage (syntax.h, SYN_UPOS_FIRST_KEYS): its
 * classes follow the full classifier's (nu of them) and learn from the
 * pass's own keys alone, on every word the pass learns from. */
static dyad_status upos_first_stage_train(syn_percep *p, const uint64_t *own, uint32_t nu,
                                          uint16_t gold, float *scores)
{
    syn_percep_score(p, own, SYN_UPOS_FIRST_KEYS, scores);
    uint32_t pred = syn_argmax(scores + nu, NULL, nu);
    if (pred == gold)
        return DYAD_OK;
    return syn_percep_update(p, own, SYN_UPOS_FIRST_KEYS, nu + gold, nu + pred);
}

/* One greedy pass of one learner over a sentence with perceptron updates;
 * kind 0: first XPOS pass, 1: second XPOS pass, 2: UPOS. */
static dyad_status tag_pass(trainer *t, syn_percep *p, int kind, size_t s, uint16_t *out)
{
    const syn_corpus *c = &t->train;
    size_t first = c->start[s], n = c->start[s + 1] - first;
    const syn_word *w = c->words + first;
    const uint16_t *gold = kind == 2 ? c->upos + first : c->xpos + first;
    uint32_t nclass = kind == 2 ? t->m->upos.n : t->m->xpos.n;
    uint64_t keys[SYN_TAG_FEATS], wk[SYN_TAG_WORD_FEATS];
    float *scores = t->w.scores;
    for (size_t i = 0; i < n; i++) {
        syn_tag_word_keys(w, n, i, wk);
        size_t m = kind == 0   ? syn_tag_feats_xpos(w, n, i, wk, out, keys)
                   : kind == 1 ? syn_tag_feats_xpos2(w, n, i, wk, t->first_pass, out, keys)
                               : syn_tag_feats_upos(w, n, i, wk, t->w.xpos + 1, out, keys);
        syn_percep_score(p, keys, m, scores);
        out[i] = (uint16_t)syn_argmax(scores, NULL, nclass);
        if (out[i] != gold[i] && syn_percep_update(p, keys, m, gold[i], out[i]) != DYAD_OK)
            return DYAD_ENOMEM;
        if (kind == 2 && upos_first_stage_train(p, keys + SYN_TAG_WORD_FEATS, nclass, gold[i],
                                                scores) != DYAD_OK)
            return DYAD_ENOMEM;
        syn_percep_tick(p);
    }
    return DYAD_OK;
}

static dyad_status tag_sentence_train(trainer *t, const tag_learners *l, size_t s)
{
    dyad_status st = tag_pass(t, l->x, 0, s, t->first_pass);
    if (st == DYAD_OK)
        st = tag_pass(t, l->x2, 1, s, t->w.xpos + 1);
    if (st == DYAD_OK)
        st = tag_pass(t, l->u, 2, s, t->w.upos + 1);
    return st;
}

static dyad_status learners_new(trainer *t, tag_learners *l)
{
    *l = (tag_learners){ NULL, NULL, NULL };
    dyad_status st = syn_percep_new(NULL, t->m->xpos.n, &l->x);
    if (st == DYAD_OK)
        st = syn_percep_new(NULL, t->m->xpos.n, &l->x2);
    if (st == DYAD_OK)
        st = syn_percep_new(NULL, 2 * t->m->upos.n, &l->u); /* and the first stage */
    return st;
}

static void learners_free(tag_learners *l)
{
    syn_percep_free(l->x);
    syn_percep_free(l->x2);
    syn_percep_free(l->u);
}

/* Compiles the three learners into parts (wxpos, wxpos2, wupos). */
static dyad_status learners_compile(const tag_learners *l, syn_model_parts *p)
{
    dyad_status st = syn_percep_compile(l->x, TAGGER_PRUNE, &p->wxpos);
    if (st == DYAD_OK)
        st = syn_percep_compile(l->x2, TAGGER_PRUNE, &p->wxpos2);
    if (st == DYAD_OK)
        st = syn_percep_compile(l->u, TAGGER_PRUNE, &p->wupos);
    return st;
}

static void parts_free_tagger(syn_model_parts *p)
{
    syn_weights_free(&p->wxpos, NULL);
    syn_weights_free(&p->wxpos2, NULL);
    syn_weights_free(&p->wupos, NULL);
}

/* Replaces *keep with cand when cand is better (frees the loser). */
static void keep_better(syn_weights *keep, syn_weights *cand, bool better)
{
    if (better) {
        syn_weights_free(keep, NULL);
        *keep = *cand;
    } else {
        syn_weights_free(cand, NULL);
    }
}

static dyad_status train_tagger(trainer *t)
{
    tag_learners l;
    dyad_status st = learners_new(t, &l);
    int epochs = t->o->tagger_epochs > 0 ? t->o->tagger_epochs : DEFAULT_TAGGER_EPOCHS;
    if (t->refit)
        epochs = t->tagger_best_epochs;
    double best = -1;
    int since = 0;
    for (int e = 0; st == DYAD_OK && e < epochs && since < PATIENCE; e++) {
        shuffle(t);
        for (size_t i = 0; st == DYAD_OK && i < t->train.sent_n; i++) {
            size_t s = t->order[i];
            st = syn_work_reserve(&t->w, NULL, t->train.start[s + 1] - t->train.start[s]);
            if (st == DYAD_OK)
                st = tag_sentence_train(t, &l, s);
        }
        if (t->refit && e + 1 < epochs)
            continue; /* dev is training data now: only the last epoch counts */
        syn_model_parts probe = *t->m;
        probe.wparse = probe.wlabel = (syn_weights){ 0 };
        if (st != DYAD_OK || (st = learners_compile(&l, &probe)) != DYAD_OK) {
            parts_free_tagger(&probe);
            break;
        }
        if (t->refit) {
            parts_free_tagger(t->m);
            t->m->wxpos = probe.wxpos;
            t->m->wxpos2 = probe.wxpos2;
            t->m->wupos = probe.wupos;
            break;
        }
        syn_counts k;
        st = syn_corpus_eval_tags(&t->dev, &probe, true, &k);
        double score = k.toks ? 100.0 * (double)(k.upos + k.xpos) / (2.0 * (double)k.toks) : 0;
        logf_(t, "tagger epoch %.0f: dev UPOS %.2f XPOS %.2f\n", e + 1,
              k.toks ? 100.0 * (double)k.upos / (double)k.toks : 0,
              k.toks ? 100.0 * (double)k.xpos / (double)k.toks : 0);
        bool better = score > best;
        if (better) {
            parts_free_tagger(t->m);
            t->m->wxpos = probe.wxpos;
            t->m->wxpos2 = probe.wxpos2;
            t->m->wupos = probe.wupos;
            best = score;
            t->tagger_best_epochs = e + 1;
        } else {
            parts_free_tagger(&probe);
        }
        since = better ? 0 : since + 1;
    }
    learners_free(&l);
    return st;
}

/* Trains a tagger on every sentence but those of one fold and tags that
 * fold (jackknifing), so the parser learns from tags as noisy as the
 * ones it will see at run time. */
static dyad_status jackknife_fold(trainer *t, uint32_t fold)
{
    tag_learners l;
    dyad_status st = learners_new(t, &l);
    int epochs = t->tagger_best_epochs < JACKKNIFE_MAX_EPOCHS ? t->tagger_best_epochs
                                                              : JACKKNIFE_MAX_EPOCHS;
    for (int e = 0; st == DYAD_OK && e < epochs; e++) {
        shuffle(t);
        for (size_t i = 0; st == DYAD_OK && i < t->train.sent_n; i++) {
            size_t s = t->order[i];
            if (s % JACKKNIFE_FOLDS == fold)
                continue;
            st = syn_work_reserve(&t->w, NULL, t->train.start[s + 1] - t->train.start[s]);
            if (st == DYAD_OK)
                st = tag_sentence_train(t, &l, s);
        }
    }
    syn_model_parts probe = { 0 };
    if (st == DYAD_OK)
        st = learners_compile(&l, &probe);
    const syn_corpus *c = &t->train;
    for (size_t s = fold; st == DYAD_OK && s < c->sent_n; s += JACKKNIFE_FOLDS) {
        size_t first = c->start[s], n = c->start[s + 1] - first;
        st = syn_work_reserve(&t->w, NULL, n);
        if (st == DYAD_OK)
            syn_tag(&probe.wxpos, &probe.wxpos2, &probe.wupos, NULL, NULL, c->words + first, n,
                    t->w.word_keys, false, t->pred_xpos + first, t->pred_upos + first);
    }
    parts_free_tagger(&probe);
    learners_free(&l);
    return st;
}

/* Tags the training set by jackknifing for parser training. */
static dyad_status tag_train_set(trainer *t)
{
    const syn_corpus *c = &t->train;
    t->pred_xpos = core_calloc(core_allocator(NULL), c->tok_n + 1, sizeof *t->pred_xpos);
    t->pred_upos = core_calloc(core_allocator(NULL), c->tok_n + 1, sizeof *t->pred_upos);
    if (!t->pred_xpos || !t->pred_upos)
        return DYAD_ENOMEM;
    dyad_status st = DYAD_OK;
    for (uint32_t f = 0; st == DYAD_OK && f < JACKKNIFE_FOLDS; f++) {
        st = jackknife_fold(t, f);
        if (t->o->log)
            fprintf(t->o->log, "jackknife fold %u of %u tagged\n", f + 1, JACKKNIFE_FOLDS);
    }
    return st;
}

/* ---- parser ---- */

typedef struct parse_buf {
    uint16_t g[SYN_MAX_SENT_TOKENS + 1], gl[SYN_MAX_SENT_TOKENS + 1];
} parse_buf;

/* Chooses the label of the arc h -> d, learning when the arc is gold. */
static dyad_status label_arc(trainer *t, syn_percep *pl, const parse_buf *pb, uint32_t tr,
                             uint16_t *label)
{
    syn_work *w = &t->w;
    uint16_t h, d;
    uint64_t keys[SYN_LABEL_FEATS];
    syn_pstate_arc(&w->ps.st, tr, &h, &d);
    size_t m = syn_label_feats(&w->ps.st, w->words, h, d, keys);
    syn_percep_score(pl, keys, m, w->scores);
    uint32_t nl = t->m->deprel.n;
    *label = (uint16_t)syn_argmax(w->scores, NULL, nl);
    if (pb->g[d] == h) {
        if (*label != pb->gl[d] && syn_percep_update(pl, keys, m, pb->gl[d], *label) != DYAD_OK)
            return DYAD_ENOMEM;
        /* the first stage (syntax.h, SYN_LABEL_FIRST_KEYS): its classes
         * follow the full labeller's and learn from its keys alone */
        uint64_t k0[SYN_LABEL_FEATS];
        size_t m0 = m == SYN_LABEL_FEATS ? syn_label_stage_keys(keys, true, k0) : 0;
        syn_percep_score(pl, k0, m0, w->scores);
        uint16_t pred = (uint16_t)syn_argmax(w->scores + nl, NULL, nl);
        if (m0 && pred != pb->gl[d] &&
            syn_percep_update(pl, k0, m0, nl + pb->gl[d], nl + pred) != DYAD_OK)
            return DYAD_ENOMEM;
        syn_percep_tick(pl);
    }
    return DYAD_OK;
}

/* The legal transitions of minimal oracle cost (good[0..SYN_T_N)). */
static void zero_cost(const syn_pstate *st, const parse_buf *pb, const uint8_t *legal,
                      uint8_t *good)
{
    int cost[SYN_T_N], min = 1 << 30;
    for (uint32_t k = 0; k < SYN_T_N; k++) {
        cost[k] = legal[k] ? syn_oracle_cost(st, pb->g, (int)k) : 1 << 30;
        if (cost[k] < min)
            min = cost[k];
    }
    for (uint32_t k = 0; k < SYN_T_N; k++)
        good[k] = cost[k] == min;
}

/* The first- and second-stage classifiers (classes SYN_T_N.. and
 * 2 * SYN_T_N.. of the transition table, syntax.h; level 1 or 2) learn
 * from the same states as the full model, on the keys of stage 0 (first)
 * or stages 0 and 1 (second) alone: only those keys ever change their classes, so
 * the sums over all keys (scores: the stage's own classes) are its sums
 * over its keys. */
static dyad_status stage_train(trainer *t, syn_percep *pp, unsigned level, const float *scores,
                               const uint8_t *legal, const uint8_t *good)
{
    uint32_t pred = syn_argmax(scores, legal, SYN_T_N);
    if (good[pred])
        return DYAD_OK;
    uint64_t keys[SYN_PARSE_KEYS];
    size_t m = syn_parse_stage_keys(&t->w.ps.st, 0, keys);
    if (level == 2)
        m += syn_parse_stage_keys(&t->w.ps.st, 1, keys + m);
    uint32_t best = syn_argmax(scores, good, SYN_T_N);
    uint32_t base = level * SYN_T_N;
    return syn_percep_update(pp, keys, m, base + best, base + pred);
}

static dyad_status parse_sentence_train(trainer *t, syn_percep *pp, syn_percep *pl,
                                        parse_buf *pb, size_t s, bool explore)
{
    const syn_corpus *c = &t->train;
    size_t first = c->start[s], n = c->start[s + 1] - first;
    syn_work *w = &t->w;
    memcpy(w->words + 1, c->words + first, n * sizeof *w->words);
    memcpy(w->xpos + 1, t->pred_xpos + first, n * sizeof *w->xpos);
    memcpy(w->upos + 1, t->pred_upos + first, n * sizeof *w->upos);
    for (size_t i = 0; i < n; i++) {
        pb->g[i + 1] = c->head[first + i];
        pb->gl[i + 1] = c->deprel[first + i];
    }
    syn_pstate *st = &w->ps.st;
    syn_pstate_init(st, n, w->words, w->xpos, w->upos);
    uint64_t keys[SYN_PARSE_FEATS];
    while (!syn_pstate_final(st)) {
        size_t m = syn_parse_feats(st, keys);
        syn_percep_score(pp, keys, m, w->scores);
        syn_pstate_legal(st, w->allowed);
        uint8_t good[SYN_T_N]; /* the oracle's zero-cost transitions, for both learners */
        zero_cost(st, pb, w->allowed, good);
        if (stage_train(t, pp, 1, w->scores + SYN_T_N, w->allowed, good) != DYAD_OK ||
            stage_train(t, pp, 2, w->scores + 2 * SYN_T_N, w->allowed, good) != DYAD_OK)
            return DYAD_ENOMEM;
        uint32_t pred = syn_argmax(w->scores, w->allowed, SYN_T_N);
        uint32_t next = syn_argmax(w->scores, good, SYN_T_N);
        if (!good[pred]) {
            if (syn_percep_update(pp, keys, m, next, pred) != DYAD_OK)
                return DYAD_ENOMEM;
            if (explore && rand_unit(&t->rng) < EXPLORE_P)
                next = pred;
        } else {
            next = pred;
        }
        syn_percep_tick(pp);
        uint16_t label = 0;
        if (next != SYN_T_SHIFT && label_arc(t, pl, pb, next, &label) != DYAD_OK)
            return DYAD_ENOMEM;
        syn_pstate_apply(st, next, label);
    }
    return DYAD_OK;
}

/* Compiles both parser tables and scores them on dev (LAS count). */
static dyad_status parser_epoch_end(trainer *t, syn_percep *pp, syn_percep *pl, int e,
                                    double *best, int *since)
{
    syn_weights cp, cl;
    dyad_status st = syn_percep_compile(pp, PARSER_PRUNE, &cp);
    if (st != DYAD_OK)
        return st;
    if ((st = syn_percep_compile(pl, LABEL_PRUNE, &cl)) != DYAD_OK) {
        syn_weights_free(&cp, NULL);
        return st;
    }
    if (t->refit) { /* no selection: the caller stops at the chosen count */
        keep_better(&t->m->wparse, &cp, true);
        keep_better(&t->m->wlabel, &cl, true);
        return DYAD_OK;
    }
    syn_model_parts probe = *t->m;
    probe.wparse = cp;
    probe.wlabel = cl;
    syn_counts k;
    st = syn_corpus_eval(&t->dev, &probe, true, &k);
    double toks = k.toks ? (double)k.toks : 1;
    logf_(t, "parser epoch %.0f: dev UAS %.2f LAS %.2f\n", e + 1, 100.0 * (double)k.uas / toks,
          100.0 * (double)k.las / toks);
    bool better = (double)k.las > *best;
    keep_better(&t->m->wparse, &cp, better);
    keep_better(&t->m->wlabel, &cl, better);
    *since = better ? 0 : *since + 1;
    if (better) {
        *best = (double)k.las;
        t->parser_best_epochs = e + 1;
    }
    return st;
}

static dyad_status train_parser(trainer *t)
{
    syn_percep *pp = NULL, *pl = NULL;
    parse_buf *pb = core_calloc(core_allocator(NULL), 1, sizeof *pb);
    dyad_status st = pb ? syn_percep_new(NULL, SYN_PARSE_CLASSES, &pp) : DYAD_ENOMEM;
    if (st == DYAD_OK)
        st = syn_percep_new(NULL, 2 * t->m->deprel.n, &pl);
    int epochs = t->o->parser_epochs > 0 ? t->o->parser_epochs : DEFAULT_PARSER_EPOCHS;
    if (t->refit)
        epochs = t->parser_best_epochs;
    double best = -1;
    int since = 0;
    for (int e = 0; st == DYAD_OK && e < epochs && since < PATIENCE; e++) {
        shuffle(t);
        for (size_t i = 0; st == DYAD_OK && i < t->train.sent_n; i++) {
            size_t s = t->order[i];
            st = syn_work_reserve(&t->w, NULL, t->train.start[s + 1] - t->train.start[s]);
            if (st == DYAD_OK)
                st = parse_sentence_train(t, pp, pl, pb, s, e > 0);
        }
        if (st == DYAD_OK && (!t->refit || e + 1 == epochs))
            st = parser_epoch_end(t, pp, pl, e, &best, &since);
    }
    if (t->o->log && pp && pl)
        fprintf(t->o->log, "parser tables: %zu transition rows, %zu label rows\n",
                syn_percep_rows(pp), syn_percep_rows(pl));
    syn_percep_free(pp);
    syn_percep_free(pl);
    core_free(core_allocator(NULL), pb);
    return st;
}

/* ---- lemmas ---- */

static dyad_status build_lemmas(trainer *t, dyad_error *err)
{
    syn_lemma_builder *b;
    dyad_status st = syn_lemma_builder_new(NULL, &b);
    if (st != DYAD_OK)
        return error_set(err, st, NULL, 0, "out of memory");
    const syn_corpus *c = &t->train;
    for (size_t k = 0; st == DYAD_OK && k < c->tok_n; k++) {
        const char *upos = t->m->upos.name[c->upos[k]];
        uint64_t key = syn_lemma_key_train(c->text.data + c->form_off[k], c->form_len[k], upos);
        st = syn_lemma_builder_add(b, key, c->text.data + c->lemma_off[k], c->lemma_len[k]);
        if (st == DYAD_ELIMIT)
            st = DYAD_OK;
    }
    const char *wn = t->o->wordnet_dir ? t->o->wordnet_dir : "/usr/share/wordnet";
    if (st == DYAD_OK)
        st = syn_lemma_builder_load_wordnet(b, wn, err);
    else
        error_set(err, st, NULL, 0, "out of memory");
    if (st == DYAD_OK && (st = syn_lemma_builder_finish(b, &t->m->lemmas)) != DYAD_OK)
        error_set(err, st, NULL, 0, "out of memory");
    syn_lemma_builder_free(b);
    return st;
}

/* The tag dictionary of the training set: a noun or adjective whose form
 * WordNet also knows as a verb must pass the stricter thresholds (syntax.h,
 * SYN_TAGDICT_VERBLIKE_COUNT), so the lemma tables (for WordNet) are
 * built first. */
static dyad_status build_tagdict(trainer *t, dyad_error *err)
{
    syn_lemmas_free(&t->m->lemmas, NULL);
    dyad_status st = build_lemmas(t, err);
    if (st != DYAD_OK)
        return st;
    const syn_corpus *c = &t->train;
    bool nominal[SYN_MAX_CLASSES] = { false };
    for (uint32_t x = 0; x < t->m->xpos.n; x++) {
        const char *name = t->m->xpos.name[x];
        nominal[x] = (!strncmp(name, "NN", 2) && strncmp(name, "NNP", 3)) ||
                     !strncmp(name, "JJ", 2);
    }
    uint8_t *verb_form = core_calloc(core_allocator(NULL), c->tok_n + 1, 1);
    if (!verb_form)
        return error_set(err, DYAD_ENOMEM, NULL, 0, "out of memory");
    for (size_t k = 0; k < c->tok_n; k++) {
        const char *f = c->text.data + c->form_off[k];
        size_t len = c->form_len[k];
        bool lower = true; /* capitalized forms are names or sentence starts */
        for (size_t i = 0; i < len && lower; i++)
            lower = !(f[i] >= 'A' && f[i] <= 'Z');
        verb_form[k] = lower && syn_lemma_wordnet_knows(&t->m->lemmas, f, len, SYN_LG_VERB);
    }
    st = syn_tagdict_build(c->words, c->xpos, c->upos, c->tok_n, verb_form, nominal,
                           &t->m->tagdict);
    core_free(core_allocator(NULL), verb_form);
    if (st != DYAD_OK)
        error_set(err, st, NULL, 0, "out of memory");
    return st;
}

/* Drops the trained weights and the jackknifed tags, keeping the
 * inventories, so that training can run again on a larger set. */
static void trainer_reset(trainer *t)
{
    parts_free_tagger(t->m);
    syn_weights_free(&t->m->wparse, NULL);
    syn_weights_free(&t->m->wlabel, NULL);
    syn_tagdict_free(&t->m->tagdict);
    syn_tagdict_free(&t->m->uposmap);
    syn_tagdict_free(&t->m->labelmap);
    core_free(core_allocator(NULL), t->pred_xpos);
    core_free(core_allocator(NULL), t->pred_upos);
    t->pred_xpos = t->pred_upos = NULL;
}

/* Appends dev to the training set and trains everything again with the
 * epoch counts dev chose in the first round. */
static dyad_status refit_with_dev(trainer *t, dyad_error *err)
{
    const dyad_train_options *o = t->o;
    trainer_reset(t);
    dyad_status st = syn_corpus_load(&t->train, o->dev_path, t->m, true, NULL, o->diag,
                                     o->diag_user, err);
    if (st != DYAD_OK)
        return st;
    uint32_t *order = core_realloc(core_allocator(NULL), t->order,
                                   t->train.sent_n * sizeof *order);
    if (!order)
        return error_set(err, DYAD_ENOMEM, NULL, 0, "out of memory");
    t->order = order;
    for (size_t i = 0; i < t->train.sent_n; i++)
        t->order[i] = (uint32_t)i;
    syn_capdict_apply(&t->m->capdict, t->train.words, t->train.tok_n);
    t->refit = true;
    if (o->log)
        fprintf(o->log, "refit on train + dev: %zu sentences, %d tagger and %d parser epochs\n",
                t->train.sent_n, t->tagger_best_epochs, t->parser_best_epochs);
    if ((st = build_tagdict(t, err)) != DYAD_OK)
        return st;
    if ((st = syn_uposmap_build(t->train.words, t->train.xpos, t->train.upos, t->train.tok_n,
                                &t->m->uposmap)) != DYAD_OK ||
        (st = syn_labelmap_build(&t->train, &t->m->labelmap)) != DYAD_OK)
        return error_set(err, st, NULL, 0, "out of memory");
    if ((st = train_tagger(t)) != DYAD_OK)
        return error_set(err, st, NULL, 0, "training the tagger: %s", dyad_status_str(st));
    if ((st = tag_train_set(t)) != DYAD_OK)
        return error_set(err, st, NULL, 0, "out of memory");
    if ((st = train_parser(t)) != DYAD_OK)
        return error_set(err, st, NULL, 0, "training the parser: %s", dyad_status_str(st));
    return DYAD_OK;
}

static void trainer_free(trainer *t)
{
    syn_corpus_free(&t->train);
    syn_corpus_free(&t->dev);
    syn_work_free(&t->w, NULL);
    core_free(core_allocator(NULL), t->order);
    core_free(core_allocator(NULL), t->pred_xpos);
    core_free(core_allocator(NULL), t->pred_upos);
    parts_free_tagger(t->m);
    syn_tagdict_free(&t->m->tagdict);
    syn_tagdict_free(&t->m->uposmap);
    syn_tagdict_free(&t->m->labelmap);
    syn_tagdict_free(&t->m->capdict);
    syn_weights_free(&t->m->wparse, NULL);
    syn_weights_free(&t->m->wlabel, NULL);
    syn_lemmas_free(&t->m->lemmas, NULL);
    core_free(core_allocator(NULL), t->m);
}

static dyad_status load_data(trainer *t, dyad_error *err)
{
    const dyad_train_options *o = t->o;
    dyad_status st = syn_corpus_load(&t->train, o->train_path, t->m, true, NULL, o->diag,
                                     o->diag_user, err);
    if (st == DYAD_OK)
        st = syn_corpus_load(&t->dev, o->dev_path, t->m, false, NULL, o->diag, o->diag_user,
                             err);
    if (st != DYAD_OK)
        return st;
    if (t->train.sent_n == 0)
        return error_set(err, DYAD_EPARSE, o->train_path, 0, "no usable sentences");
    t->order = core_calloc(core_allocator(NULL), t->train.sent_n, sizeof *t->order);
    if (!t->order)
        return error_set(err, DYAD_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < t->train.sent_n; i++)
        t->order[i] = (uint32_t)i;
    if (o->log)
        fprintf(o->log, "train: %zu sentences, %zu tokens; dev: %zu sentences\n",
                t->train.sent_n, t->train.tok_n, t->dev.sent_n);
    return DYAD_OK;
}

dyad_status dyad_syntax_train(const dyad_train_options *o, dyad_error *err)
{
    if (!o || !o->train_path || !o->dev_path || !o->out_path)
        return error_set(err, DYAD_EINVAL, NULL, 0, "train, dev and output paths are needed");
    trainer t = { 0 };
    t.o = o;
    t.rng = o->seed ^ 0x243f6a8885a308d3ull;
    t.m = core_calloc(core_allocator(NULL), 1, sizeof *t.m);
    if (!t.m)
        return error_set(err, DYAD_ENOMEM, NULL, 0, "out of memory");
    dyad_status st = load_data(&t, err);
    if (st == DYAD_OK)
        st = build_tagdict(&t, err);
    if (st == DYAD_OK && ((st = syn_uposmap_build(t.train.words, t.train.xpos, t.train.upos,
                                                  t.train.tok_n, &t.m->uposmap)) != DYAD_OK ||
                          (st = syn_labelmap_build(&t.train, &t.m->labelmap)) != DYAD_OK))
        error_set(err, st, NULL, 0, "out of memory");
    if (st == DYAD_OK && o->unlabeled_n &&
        (st = syn_capdict_build(o->unlabeled, o->unlabeled_n, &t.m->capdict, err)) == DYAD_OK) {
        if ((st = syn_cluster_build(o->unlabeled, o->unlabeled_n, &t.m->capdict, err)) ==
            DYAD_OK) {
            syn_capdict_apply(&t.m->capdict, t.train.words, t.train.tok_n);
            syn_capdict_apply(&t.m->capdict, t.dev.words, t.dev.tok_n);
        }
        if (o->log)
            fprintf(o->log, "capitalization classes and word clusters: %u slots\n",
                    t.m->capdict.slots);
    }
    if (st == DYAD_OK && (st = train_tagger(&t)) != DYAD_OK)
        error_set(err, st, NULL, 0, "training the tagger: %s", dyad_status_str(st));
    if (st == DYAD_OK && (st = tag_train_set(&t)) != DYAD_OK)
        error_set(err, st, NULL, 0, "out of memory");
    if (st == DYAD_OK && (st = train_parser(&t)) != DYAD_OK)
        error_set(err, st, NULL, 0, "training the parser: %s", dyad_status_str(st));
    if (st == DYAD_OK && o->refit_with_dev)
        st = refit_with_dev(&t, err);
    /* The lemma tables build_tagdict made (last on train + dev when
     * refitting) go into the file as they are. */
    if (st == DYAD_OK)
        st = syn_model_write(o->out_path, t.m, err);
    trainer_free(&t);
    return st;
}
