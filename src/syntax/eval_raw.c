/*
 * eval_raw.c — scores the whole front of the pipeline on a treebank (issue
 * 4, item 3, `dyad eval-syntax --raw`): each gold sentence's `# text` goes
 * through dyad's own splitter and tokenizer (dyad_analyze) and then the
 * tagger and parser, and the result is aligned with the gold words by
 * character spans.
 *
 * Gold words are located in the text in order (a word that does not spell
 * the next characters, as in some multiword tokens, stays unaligned).  A
 * gold word counts as correct for UPOS when a system token has exactly its
 * span and the same tag; for UAS when, in addition, the system head is the
 * token aligned with the gold head (or both are the root); for LAS when
 * the label matches too.  All rates are over gold words, so tokenization
 * errors count against every score; token precision/recall/F1 are given
 * separately.
 */
#include "syntax/syntax.h"

#include <string.h>

typedef struct raw_state {
    const dyad_model *model;
    dyad_syntax *syn;
    dyad_analysis *an;
    int32_t gold_begin[SYN_MAX_SENT_TOKENS]; /* -1 = not found in the text */
    int32_t sys_of_gold[SYN_MAX_SENT_TOKENS];
    int32_t gold_of_sys[DYAD_MAX_SENTENCE_TOKENS * 4];
    size_t ntok; /* system tokens aligned (capped at gold_of_sys's size) */
    size_t gold, sys, aligned, upos, uas, las;
} raw_state;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Finds each gold word's start in the sentence text, in order. */
static void locate_gold(raw_state *r, const syn_conllu_sent *s)
{
    size_t pos = 0;
    for (size_t i = 0; i < s->n; i++) {
        dyad_str f = s->toks[i].form;
        size_t p = pos;
        while (p < s->text.len && is_blank(s->text.ptr[p]))
            p++;
        if (p + f.len <= s->text.len && !memcmp(s->text.ptr + p, f.ptr, f.len)) {
            r->gold_begin[i] = (int32_t)p;
            pos = p + f.len;
        } else {
            r->gold_begin[i] = -1;
        }
    }
}

static bool names_equal(const char *name, dyad_str gold)
{
    return strlen(name) == gold.len && !memcmp(name, gold.ptr, gold.len);
}

/* Aligns system tokens (whole analysis) and gold words by exact spans. */
static void align(raw_state *r, const syn_conllu_sent *s)
{
    const dyad_analysis *an = r->an;
    size_t ntok = an->token_n < DYAD_ARRAY_LEN(r->gold_of_sys) ? an->token_n
                                                                : DYAD_ARRAY_LEN(r->gold_of_sys);
    for (size_t j = 0; j < ntok; j++)
        r->gold_of_sys[j] = -1;
    size_t j = 0;
    for (size_t i = 0; i < s->n; i++) {
        r->sys_of_gold[i] = -1;
        if (r->gold_begin[i] < 0)
            continue;
        uint32_t b = (uint32_t)r->gold_begin[i], e = b + (uint32_t)s->toks[i].form.len;
        while (j < ntok && an->tokens[j].span.begin < b)
            j++;
        if (j < ntok && an->tokens[j].span.begin == b && an->tokens[j].span.end == e) {
            r->sys_of_gold[i] = (int32_t)j;
            r->gold_of_sys[j] = (int32_t)i;
        }
    }
    r->ntok = ntok;
    r->gold += s->n;
    r->sys += an->token_n;
}

/* The analysis-wide token index of a system token's head, -1 for root. */
static long sys_head(const dyad_analysis *an, size_t j)
{
    for (size_t k = 0; k < an->sentence_n; k++) {
        const dyad_sentence *se = &an->sentences[k];
        if (j >= se->first_token && j < se->first_token + se->token_n) {
            uint16_t h = an->tokens[j].head;
            return h == 0 ? -1 : (long)se->first_token + h - 1;
        }
    }
    return -1;
}

static void score(raw_state *r, const syn_conllu_sent *s)
{
    const dyad_analysis *an = r->an;
    for (size_t i = 0; i < s->n; i++) {
        long j = r->sys_of_gold[i];
        if (j < 0)
            continue;
        r->aligned++;
        const dyad_token *t = &an->tokens[j];
        r->upos +=
            names_equal(dyad_model_tag_name(r->model, DYAD_TAGSET_UPOS, t->upos), s->toks[i].upos);
        long h = sys_head(an, (size_t)j);
        uint32_t gh = s->toks[i].head;
        bool head_ok = gh == 0 ? h < 0
                               : (h >= 0 && (size_t)h < r->ntok &&
                                  r->gold_of_sys[h] == (int32_t)gh - 1);
        r->uas += head_ok;
        r->las += head_ok && names_equal(dyad_model_tag_name(r->model, DYAD_TAGSET_DEPREL,
                                                             t->deprel),
                                         s->toks[i].deprel);
    }
}

static dyad_status raw_sentence(raw_state *r, const syn_conllu_sent *s)
{
    if (s->text.len == 0)
        return DYAD_OK;
    dyad_status st = dyad_analyze(r->an, s->text.ptr, s->text.len);
    if (st == DYAD_OK)
        st = dyad_syntax_annotate(r->syn, r->an, DYAD_SYNTAX_TAG | DYAD_SYNTAX_PARSE);
    if (st != DYAD_OK)
        return st;
    locate_gold(r, s);
    align(r, s);
    score(r, s);
    return DYAD_OK;
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

dyad_status dyad_syntax_eval_raw(const dyad_model *model, const char *path,
                                 const char *id_prefix, dyad_diag_fn diag, void *diag_user,
                                 dyad_syntax_raw_scores *out, dyad_error *err)
{
    memset(out, 0, sizeof *out);
    const dyad_allocator *a = core_allocator(NULL);
    raw_state *r = core_calloc(a, 1, sizeof *r);
    if (!r)
        return error_set(err, DYAD_ENOMEM, path, 0, "out of memory");
    r->model = model;
    syn_conllu *in = NULL;
    dyad_status st = dyad_syntax_new(model, NULL, &r->syn);
    if (st == DYAD_OK)
        st = dyad_analysis_new(NULL, &r->an);
    if (st == DYAD_OK)
        st = syn_conllu_open(path, a, diag, diag_user, &in, err);
    size_t plen = id_prefix ? strlen(id_prefix) : 0;
    const syn_conllu_sent *s;
    while (st == DYAD_OK && (st = syn_conllu_next(in, &s)) == DYAD_OK && s) {
        if (plen && (s->sent_id.len < plen || memcmp(s->sent_id.ptr, id_prefix, plen)))
            continue;
        out->sentences++;
        st = raw_sentence(r, s);
    }
    if (st != DYAD_OK && err && err->code == DYAD_OK)
        error_set(err, st, path, 0, "%s", dyad_status_str(st));
    out->rejected = syn_conllu_rejected(in);
    out->tokens = r->gold;
    out->token_precision = pct(r->aligned, r->sys);
    out->token_recall = pct(r->aligned, r->gold);
    double p = out->token_precision, rc = out->token_recall;
    out->token_f1 = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
    out->upos = pct(r->upos, r->gold);
    out->uas = pct(r->uas, r->gold);
    out->las = pct(r->las, r->gold);
    syn_conllu_close(in);
    dyad_analysis_free(r->an);
    dyad_syntax_free(r->syn);
    core_free(a, r);
    return st;
}
