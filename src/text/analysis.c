/*
 * analysis.c — the public text-analysis API (dyad_analysis_new/_free,
 * dyad_analyze, dyad_analyze_doc): runs the tokenizer and the sentence
 * splitter over a document and exposes their arrays.
 *
 * The analysis owns a tok_list (tokens plus normalized forms) and a
 * sent_list; both only grow, so after the first few documents analysing a
 * document allocates nothing.  The public fields are refreshed from the
 * lists after every call; on failure the analysis is left empty (no
 * sentences, no tokens) but usable.
 */
#include "text/text.h"

#include <string.h>

typedef struct analysis_state {
    const dyad_allocator *allocator;
    tok_list toks;
    sent_list sents;
} analysis_state;

dyad_status dyad_analysis_new(const dyad_allocator *allocator, dyad_analysis **out)
{
    if (!out)
        return DYAD_EINVAL;
    *out = NULL;
    const dyad_allocator *a = core_allocator(allocator);
    dyad_analysis *an = core_calloc(a, 1, sizeof *an);
    analysis_state *st = core_calloc(a, 1, sizeof *st);
    if (!an || !st) {
        core_free(a, an);
        core_free(a, st);
        return DYAD_ENOMEM;
    }
    st->allocator = a;
    st->toks.allocator = a;
    buf_init(&st->toks.norm, a);
    norm_scratch_init(&st->toks.scratch, a);
    st->sents.allocator = a;
    an->internal = st;
    an->norm = "";
    *out = an;
    return DYAD_OK;
}

void dyad_analysis_free(dyad_analysis *analysis)
{
    if (!analysis)
        return;
    analysis_state *st = analysis->internal;
    const dyad_allocator *a = st->allocator;
    core_free(a, st->toks.items);
    core_free(a, st->toks.marks);
    buf_free(&st->toks.norm);
    norm_scratch_free(&st->toks.scratch);
    core_free(a, st->sents.items);
    core_free(a, st);
    core_free(a, analysis);
}

void analysis_set_fast_paths(dyad_analysis *an, bool on)
{
    analysis_state *st = an->internal;
    st->toks.slow_only = !on;
}

/* Empties the lists and points the public fields at text. */
static void reset(dyad_analysis *an, const char *text, size_t len)
{
    analysis_state *st = an->internal;
    st->toks.n = 0;
    st->toks.mark_n = 0;
    buf_clear(&st->toks.norm);
    st->sents.n = 0;
    an->text = text;
    an->text_len = len;
}

/* Copies the list state into the public fields; on failure empties them. */
static dyad_status publish(dyad_analysis *an, dyad_status status)
{
    analysis_state *st = an->internal;
    if (status) {
        st->toks.n = 0;
        st->sents.n = 0;
        buf_clear(&st->toks.norm);
    }
    an->tokens = st->toks.items;
    an->token_n = st->toks.n;
    an->sentences = st->sents.items;
    an->sentence_n = st->sents.n;
    an->norm = st->toks.norm.data ? st->toks.norm.data : "";
    an->norm_len = st->toks.norm.len;
    return status;
}

/* Empties the analysis and returns status, for arguments refused before
 * any work. */
static dyad_status refuse(dyad_analysis *an, dyad_status status)
{
    reset(an, NULL, 0);
    return publish(an, status);
}

dyad_status dyad_analyze(dyad_analysis *an, const char *text, size_t len)
{
    if (!an)
        return DYAD_EINVAL;
    if (!text && len)
        return refuse(an, DYAD_EINVAL);
    if (len > UINT32_MAX)
        return refuse(an, DYAD_ELIMIT);
    reset(an, text, len);
    analysis_state *st = an->internal;
    dyad_status s = tok_range(&st->toks, text, 0, len);
    if (!s)
        s = split_tokens(&st->sents, text, st->toks.items, 0, st->toks.n, st->toks.norm.data,
                         st->toks.marks, st->toks.mark_n);
    return publish(an, s);
}

/* Adds one reader-supplied sentence: its tokens, then one sentence record
 * over them (cut at DYAD_MAX_SENTENCE_TOKENS like any other sentence). */
static dyad_status add_given(analysis_state *st, const char *text, dyad_span span)
{
    size_t first = st->toks.n;
    dyad_status s = tok_range(&st->toks, text, span.begin, span.end);
    if (s)
        return s;
    size_t last = st->toks.n;
    while (first < last) {
        size_t end = last - first > DYAD_MAX_SENTENCE_TOKENS ? first + DYAD_MAX_SENTENCE_TOKENS
                                                            : last;
        s = core_grow(st->allocator, (void **)&st->sents.items, &st->sents.cap,
                      st->sents.n + 1, sizeof *st->sents.items);
        if (s)
            return s;
        dyad_sentence *out = &st->sents.items[st->sents.n++];
        memset(out, 0, sizeof *out);
        out->span.begin = st->toks.items[first].span.begin;
        out->span.end = st->toks.items[end - 1].span.end;
        out->first_token = (uint32_t)first;
        out->token_n = (uint32_t)(end - first);
        first = end;
    }
    return DYAD_OK;
}

dyad_status dyad_analyze_doc(dyad_analysis *an, const dyad_doc *doc)
{
    if (!an)
        return DYAD_EINVAL;
    if (!doc || (!doc->text.ptr && doc->text.len))
        return refuse(an, DYAD_EINVAL);
    if (doc->given_n == 0 || !doc->given)
        return dyad_analyze(an, doc->text.ptr, doc->text.len);
    if (doc->text.len > UINT32_MAX)
        return refuse(an, DYAD_ELIMIT);
    reset(an, doc->text.ptr, doc->text.len);
    analysis_state *st = an->internal;
    dyad_status s = DYAD_OK;
    for (size_t i = 0; i < doc->given_n && !s; i++) {
        dyad_span sp = doc->given[i].span;
        if (sp.begin > sp.end || sp.end > doc->text.len)
            s = DYAD_EINVAL;
        else
            s = add_given(st, doc->text.ptr, sp);
    }
    return publish(an, s);
}
