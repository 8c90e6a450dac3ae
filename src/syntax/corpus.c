/*
 * corpus.c — a CoNLL-U treebank held in memory for training and for
 * gold-tokenization evaluation.  Tokens are stored column-wise (words,
 * tag classes, heads, labels, form/lemma offsets into one text buffer);
 * sentences are ranges of tokens.  Evaluation runs the model over each
 * sentence and counts UPOS / XPOS / lemma accuracy, UAS, LAS on the full
 * label and LAS on the universal part of the label (what the CoNLL 2018
 * shared task scored).
 */
#include "syntax/syntax.h"

#include <string.h>

static dyad_status grow_tokens(syn_corpus *c, size_t need)
{
    if (need <= c->cap)
        return DYAD_OK;
    size_t cap = c->cap ? c->cap * 2 : 65536;
    while (cap < need)
        cap *= 2;
    const dyad_allocator *a = c->a;
#define GROW(field)                                                                          \
    do {                                                                                     \
        void *p = core_realloc(a, c->field, cap * sizeof *c->field);                         \
        if (!p)                                                                              \
            return DYAD_ENOMEM;                                                              \
        c->field = p;                                                                        \
    } while (0)
    GROW(words);
    GROW(upos);
    GROW(xpos);
    GROW(deprel);
    GROW(head);
    GROW(form_off);
    GROW(form_len);
    GROW(lemma_off);
    GROW(lemma_len);
#undef GROW
    c->cap = cap;
    return DYAD_OK;
}

/* The class of name in names (added when add is true). */
static uint16_t class_of(syn_names *names, dyad_str s, bool add)
{
    int k = syn_names_find(names, s.ptr, s.len, add);
    return k < 0 ? SYN_NO_CLASS : (uint16_t)k;
}

static dyad_status add_sentence(syn_corpus *c, const syn_conllu_sent *s, syn_model_parts *m,
                                bool add)
{
    if (core_grow(c->a, (void **)&c->start, &c->sent_cap, c->sent_n + 2, sizeof *c->start) !=
            DYAD_OK ||
        grow_tokens(c, c->tok_n + s->n) != DYAD_OK)
        return DYAD_ENOMEM;
    for (size_t i = 0; i < s->n; i++) {
        const syn_conllu_tok *t = &s->toks[i];
        size_t k = c->tok_n + i;
        syn_word_init(&c->words[k], t->form.ptr, t->form.len);
        c->upos[k] = class_of(&m->upos, t->upos, add);
        c->xpos[k] = class_of(&m->xpos, t->xpos, add);
        c->deprel[k] = class_of(&m->deprel, t->deprel, add);
        c->head[k] = t->head == UINT32_MAX ? 0 : (uint16_t)t->head;
        c->form_off[k] = (uint32_t)c->text.len;
        c->form_len[k] = (uint32_t)t->form.len;
        if (buf_append(&c->text, t->form.ptr, t->form.len) != DYAD_OK)
            return DYAD_ENOMEM;
        c->lemma_off[k] = (uint32_t)c->text.len;
        c->lemma_len[k] = (uint32_t)t->lemma.len;
        if (buf_append(&c->text, t->lemma.ptr, t->lemma.len) != DYAD_OK)
            return DYAD_ENOMEM;
    }
    c->start[c->sent_n] = (uint32_t)c->tok_n;
    c->tok_n += s->n;
    c->sent_n++;
    c->start[c->sent_n] = (uint32_t)c->tok_n;
    return DYAD_OK;
}

dyad_status syn_corpus_load(syn_corpus *c, const char *path, syn_model_parts *m, bool add,
                            const char *id_prefix, dyad_diag_fn diag, void *diag_user,
                            dyad_error *err)
{
    const dyad_allocator *a = c->a = core_allocator(c->a);
    if (!c->text.data) /* a second file appends (training on train + dev) */
        buf_init(&c->text, a);
    syn_conllu *r;
    dyad_status st = syn_conllu_open(path, a, diag, diag_user, &r, err);
    if (st != DYAD_OK)
        return st;
    size_t plen = id_prefix ? strlen(id_prefix) : 0;
    const syn_conllu_sent *s;
    while ((st = syn_conllu_next(r, &s)) == DYAD_OK && s) {
        if (plen && (s->sent_id.len < plen || memcmp(s->sent_id.ptr, id_prefix, plen)))
            continue;
        if ((st = add_sentence(c, s, m, add)) != DYAD_OK)
            break;
    }
    c->rejected += syn_conllu_rejected(r);
    syn_conllu_close(r);
    if (st != DYAD_OK)
        return error_set(err, st, path, 0, "%s", dyad_status_str(st));
    if (add && (m->deprel.n * 2 + 1 > SYN_MAX_CLASSES || m->upos.n * 2 + 1 > SYN_MAX_CLASSES ||
                m->xpos.n >= SYN_MAX_CLASSES))
        return error_set(err, DYAD_ELIMIT, path, 0, "too many distinct tags or labels");
    return DYAD_OK;
}

void syn_corpus_free(syn_corpus *c)
{
    if (!c || !c->a)
        return;
    const dyad_allocator *a = c->a;
    core_free(a, c->start);
    core_free(a, c->words);
    core_free(a, c->upos);
    core_free(a, c->xpos);
    core_free(a, c->deprel);
    core_free(a, c->head);
    core_free(a, c->form_off);
    core_free(a, c->form_len);
    core_free(a, c->lemma_off);
    core_free(a, c->lemma_len);
    buf_free(&c->text);
    memset(c, 0, sizeof *c);
}

/* Length of the universal part of a label ("nmod:poss" -> 4). */
static size_t universal_len(const char *label)
{
    const char *colon = strchr(label, ':');
    return colon ? (size_t)(colon - label) : strlen(label);
}

static bool same_universal(const syn_names *d, uint16_t a, uint16_t b)
{
    if (a == b)
        return true;
    if (a >= d->n || b >= d->n)
        return false;
    size_t la = universal_len(d->name[a]), lb = universal_len(d->name[b]);
    return la == lb && !memcmp(d->name[a], d->name[b], la);
}

static void count_sentence(const syn_corpus *c, const syn_model_parts *m, const syn_work *w,
                           size_t s, syn_counts *out)
{
    size_t first = c->start[s], n = c->start[s + 1] - first;
    char lemma[SYN_MAX_LEMMA_BYTES];
    for (size_t i = 0; i < n; i++) {
        size_t k = first + i;
        uint16_t up = w->upos[i + 1], xp = w->xpos[i + 1];
        out->upos += up == c->upos[k];
        out->xpos += xp == c->xpos[k];
        size_t ll = syn_lemmatize(&m->lemmas, c->text.data + c->form_off[k], c->form_len[k],
                                  m->upos.name[up], m->xpos.name[xp], lemma);
        out->lemma += ll == c->lemma_len[k] && !memcmp(lemma, c->text.data + c->lemma_off[k], ll);
        bool head_ok = w->ps.st.head[i + 1] == c->head[k];
        out->uas += head_ok;
        out->las += head_ok && w->ps.st.label[i + 1] == c->deprel[k];
        out->las_ud += head_ok && same_universal(&m->deprel, w->ps.st.label[i + 1], c->deprel[k]);
    }
    out->toks += n;
    out->sents++;
}

dyad_status syn_corpus_eval(const syn_corpus *c, const syn_model_parts *m, bool full,
                            syn_counts *out)
{
    memset(out, 0, sizeof *out);
    syn_work w = { .full = full };
    dyad_status st = DYAD_OK;
    for (size_t s = 0; s < c->sent_n; s++) {
        size_t first = c->start[s], n = c->start[s + 1] - first;
        if ((st = syn_work_reserve(&w, c->a, n)) != DYAD_OK)
            break;
        memcpy(w.words + 1, c->words + first, n * sizeof *w.words);
        syn_work_run(&w, m, n, true);
        count_sentence(c, m, &w, s, out);
    }
    syn_work_free(&w, c->a);
    return st;
}

dyad_status syn_corpus_eval_tags(const syn_corpus *c, const syn_model_parts *m, bool full,
                                 syn_counts *out)
{
    memset(out, 0, sizeof *out);
    syn_work w = { .full = full };
    dyad_status st = DYAD_OK;
    for (size_t s = 0; s < c->sent_n; s++) {
        size_t first = c->start[s], n = c->start[s + 1] - first;
        if ((st = syn_work_reserve(&w, c->a, n)) != DYAD_OK)
            break;
        memcpy(w.words + 1, c->words + first, n * sizeof *w.words);
        syn_work_run(&w, m, n, false);
        for (size_t i = 0; i < n; i++) {
            out->upos += w.upos[i + 1] == c->upos[first + i];
            out->xpos += w.xpos[i + 1] == c->xpos[first + i];
        }
        out->toks += n;
        out->sents++;
    }
    syn_work_free(&w, c->a);
    return st;
}
