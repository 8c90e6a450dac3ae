/*
 * api.c — the public face of the syntax layer (dyad.h, "Syntax"): loading
 * a model from the search path, tag-set names, the per-thread dyad_syntax
 * state that annotates a dyad_analysis or a list of words in place, and
 * gold-tokenization evaluation.
 *
 * Lemma ids handed out in dyad_token.lemma index a per-state table of
 * (offset, length) into one string buffer; both are cleared at the start
 * of each annotate call, so annotating allocates nothing once warm.
 */
#include "syntax/syntax.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>

#ifndef DYAD_DATA_DIR
#define DYAD_DATA_DIR "/usr/local/share/dyad"
#endif

#define MODEL_PATH_MAX 1024u

struct dyad_model {
    const dyad_allocator *a;
    void *map;
    size_t map_len;
    syn_model_parts parts;
    char path[MODEL_PATH_MAX];
};

static bool is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static bool exists(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0;
}

/* Resolves path (file, directory or NULL = search) into out. */
static dyad_status resolve_path(const char *path, char *out, size_t size, dyad_error *err)
{
    if (path) {
        if (is_dir(path))
            snprintf(out, size, "%s/%s", path, DYAD_MODEL_FILE);
        else
            snprintf(out, size, "%s", path);
        return DYAD_OK;
    }
    const char *env = getenv("DYAD_MODEL_DIR");
    const char *dirs[3] = { env && *env ? env : NULL, DYAD_DATA_DIR "/models", "data/models" };
    for (int i = 0; i < 3; i++) {
        if (!dirs[i])
            continue;
        snprintf(out, size, "%s/%s", dirs[i], DYAD_MODEL_FILE);
        if (exists(out))
            return DYAD_OK;
    }
    return error_set(err, DYAD_ENOTFOUND, NULL, 0,
                     "no syntax model found (looked in $DYAD_MODEL_DIR%s%s, %s/models, "
                     "./data/models); run `make model` or pass --model",
                     env && *env ? "=" : "", env && *env ? env : "", DYAD_DATA_DIR);
}

dyad_status dyad_model_load(const char *path, const dyad_allocator *allocator,
                            dyad_model **out, dyad_error *err)
{
    *out = NULL;
    const dyad_allocator *a = core_allocator(allocator);
    dyad_model *m = core_calloc(a, 1, sizeof *m);
    if (!m)
        return error_set(err, DYAD_ENOMEM, path, 0, "out of memory");
    m->a = a;
    dyad_status st = resolve_path(path, m->path, sizeof m->path, err);
    if (st == DYAD_OK)
        st = syn_model_map(m->path, &m->parts, &m->map, &m->map_len, err);
    if (st != DYAD_OK) {
        core_free(a, m);
        return st;
    }
    *out = m;
    return DYAD_OK;
}

void dyad_model_free(dyad_model *model)
{
    if (!model)
        return;
    if (model->map)
        munmap(model->map, model->map_len);
    core_free(model->a, model);
}

const char *dyad_model_path(const dyad_model *model)
{
    return model->path;
}

static const syn_names *tagset(const dyad_model *m, dyad_tagset set)
{
    switch (set) {
    case DYAD_TAGSET_UPOS:
        return &m->parts.upos;
    case DYAD_TAGSET_XPOS:
        return &m->parts.xpos;
    case DYAD_TAGSET_DEPREL:
        return &m->parts.deprel;
    }
    return NULL;
}

const char *dyad_model_tag_name(const dyad_model *model, dyad_tagset set, uint16_t id)
{
    const syn_names *n = model ? tagset(model, set) : NULL;
    return n && id >= 1 && id <= n->n ? n->name[id - 1] : "";
}

uint16_t dyad_model_tag_id(const dyad_model *model, dyad_tagset set, const char *name)
{
    const syn_names *n = model && name ? tagset(model, set) : NULL;
    for (uint32_t i = 0; n && i < n->n; i++)
        if (!strcmp(n->name[i], name))
            return (uint16_t)(i + 1);
    return 0;
}

/* ---- per-thread state ---- */

typedef struct lemma_ref {
    uint32_t off, len;
} lemma_ref;

struct dyad_syntax {
    const dyad_model *model;
    const dyad_allocator *a;
    syn_work w;
    buf lemma_text;
    lemma_ref *lemmas;
    size_t lemma_n, lemma_cap;
    /* the lemmatizer's view of each tag, by tag id */
    syn_lemma_upos lemma_upos[SYN_MAX_CLASSES];
    syn_lemma_xpos lemma_xpos[SYN_MAX_CLASSES];
    size_t words_n; /* words of the last annotate_words call (parse_tagged) */
};

/* DYAD_SYNTAX_PLAIN=1 switches the syntax fast paths off (STYLE.md:
 * every fast path can be switched off, and the output must not change;
 * bench_syntax with DYAD_BENCH_AB=1 checks that). */
static bool plain_requested(void)
{
    const char *v = getenv("DYAD_SYNTAX_PLAIN");
    return v && *v && strcmp(v, "0") != 0;
}

dyad_status dyad_syntax_new(const dyad_model *model, const dyad_allocator *allocator,
                            dyad_syntax **out)
{
    *out = NULL;
    if (!model)
        return DYAD_EINVAL;
    const dyad_allocator *a = core_allocator(allocator);
    dyad_syntax *s = core_calloc(a, 1, sizeof *s);
    if (!s)
        return DYAD_ENOMEM;
    s->model = model;
    s->a = a;
    s->w.plain = plain_requested();
    buf_init(&s->lemma_text, a);
    const syn_model_parts *m = &model->parts;
    for (uint32_t i = 0; i < m->upos.n && i < SYN_MAX_CLASSES; i++)
        s->lemma_upos[i] = syn_lemma_upos_of(m->upos.name[i]);
    for (uint32_t i = 0; i < m->xpos.n && i < SYN_MAX_CLASSES; i++)
        s->lemma_xpos[i] = syn_lemma_xpos_of(m->xpos.name[i]);
    *out = s;
    return DYAD_OK;
}

void dyad_syntax_free(dyad_syntax *s)
{
    if (!s)
        return;
    syn_work_free(&s->w, s->a);
    buf_free(&s->lemma_text);
    core_free(s->a, s->lemmas);
    core_free(s->a, s);
}

dyad_str dyad_syntax_lemma(const dyad_syntax *s, uint32_t id)
{
    if (!s || id == 0 || id > s->lemma_n)
        return (dyad_str){ "", 0 };
    const lemma_ref *r = &s->lemmas[id - 1];
    return (dyad_str){ s->lemma_text.data + r->off, r->len };
}

static void reset_lemmas(dyad_syntax *s)
{
    buf_clear(&s->lemma_text);
    s->lemma_n = 0;
}

/* Stores the lemma of a word; returns its id or 0 on allocation failure. */
static uint32_t add_lemma(dyad_syntax *s, const char *form, size_t len, uint16_t up,
                          uint16_t xp)
{
    const syn_model_parts *m = &s->model->parts;
    char out[SYN_MAX_LEMMA_BYTES];
    size_t n = syn_lemmatize_as(&m->lemmas, form, len, s->lemma_upos[up], s->lemma_xpos[xp], out);
    if (core_grow(s->a, (void **)&s->lemmas, &s->lemma_cap, s->lemma_n + 1,
                  sizeof *s->lemmas) != DYAD_OK)
        return 0;
    uint32_t off = (uint32_t)s->lemma_text.len;
    if (buf_append(&s->lemma_text, out, n) != DYAD_OK)
        return 0;
    s->lemmas[s->lemma_n++] = (lemma_ref){ off, (uint32_t)n };
    return (uint32_t)s->lemma_n;
}

/* Annotates one sentence whose words are already in s->w.words[1..n]. */
static dyad_status run_sentence(dyad_syntax *s, const dyad_str *forms, const char *text,
                                const dyad_token *src, size_t n, dyad_token *tok,
                                unsigned what)
{
    bool parse = (what & DYAD_SYNTAX_PARSE) != 0;
    syn_work_run(&s->w, &s->model->parts, n, parse);
    for (size_t i = 0; i < n; i++) {
        dyad_token *t = &tok[i];
        t->upos = (uint16_t)(s->w.upos[i + 1] + 1);
        t->xpos = (uint16_t)(s->w.xpos[i + 1] + 1);
        if (parse) {
            t->head = s->w.ps.st.head[i + 1];
            t->deprel = (uint16_t)(s->w.ps.st.label[i + 1] + 1);
        }
        if (what & DYAD_SYNTAX_LEMMA) {
            const char *f = forms ? forms[i].ptr : text + src[i].span.begin;
            size_t fl = forms ? forms[i].len : src[i].span.end - src[i].span.begin;
            t->lemma = add_lemma(s, f, fl, s->w.upos[i + 1], s->w.xpos[i + 1]);
            if (!t->lemma)
                return DYAD_ENOMEM;
        }
    }
    return DYAD_OK;
}

dyad_status dyad_syntax_annotate_words(dyad_syntax *s, const dyad_str *forms, size_t n,
                                       dyad_token *tokens, unsigned what)
{
    if (n > SYN_MAX_SENT_TOKENS)
        return DYAD_ELIMIT;
    reset_lemmas(s);
    dyad_status st = syn_work_reserve(&s->w, s->a, n);
    if (st != DYAD_OK)
        return st;
    for (size_t i = 0; i < n; i++)
        syn_word_init(&s->w.words[i + 1], forms[i].ptr, forms[i].len);
    st = run_sentence(s, forms, NULL, NULL, n, tokens, what);
    s->words_n = st == DYAD_OK ? n : 0;
    return st;
}

dyad_status dyad_syntax_parse_tagged(dyad_syntax *s, dyad_token *tokens, size_t n)
{
    const syn_model_parts *m = &s->model->parts;
    if (n == 0 || n != s->words_n)
        return DYAD_EINVAL;
    for (size_t i = 0; i < n; i++) {
        if (tokens[i].upos == 0 || tokens[i].upos > m->upos.n || tokens[i].xpos == 0 ||
            tokens[i].xpos > m->xpos.n)
            return DYAD_EINVAL;
        s->w.upos[i + 1] = (uint16_t)(tokens[i].upos - 1);
        s->w.xpos[i + 1] = (uint16_t)(tokens[i].xpos - 1);
    }
    syn_work_parse_tagged(&s->w, m, n);
    for (size_t i = 0; i < n; i++) {
        tokens[i].head = s->w.ps.st.head[i + 1];
        tokens[i].deprel = (uint16_t)(s->w.ps.st.label[i + 1] + 1);
    }
    return DYAD_OK;
}

dyad_status dyad_syntax_annotate(dyad_syntax *s, dyad_analysis *an, unsigned what)
{
    reset_lemmas(s);
    s->words_n = 0;
    for (size_t k = 0; k < an->sentence_n; k++) {
        const dyad_sentence *sent = &an->sentences[k];
        size_t n = sent->token_n;
        if (n == 0)
            continue;
        if (n > SYN_MAX_SENT_TOKENS)
            return DYAD_ELIMIT;
        dyad_status st = syn_work_reserve(&s->w, s->a, n);
        if (st != DYAD_OK)
            return st;
        dyad_token *tok = an->tokens + sent->first_token;
        for (size_t i = 0; i < n; i++)
            syn_word_init(&s->w.words[i + 1], an->text + tok[i].span.begin,
                          tok[i].span.end - tok[i].span.begin);
        if ((st = run_sentence(s, NULL, an->text, tok, n, tok, what)) != DYAD_OK)
            return st;
    }
    return DYAD_OK;
}

/* ---- evaluation ---- */

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

dyad_status dyad_syntax_eval(const dyad_model *model, const char *path, const char *id_prefix,
                             dyad_diag_fn diag, void *diag_user, dyad_syntax_scores *out,
                             dyad_error *err)
{
    memset(out, 0, sizeof *out);
    syn_model_parts *parts = core_alloc(model->a, sizeof *parts);
    if (!parts)
        return error_set(err, DYAD_ENOMEM, path, 0, "out of memory");
    *parts = model->parts;
    syn_corpus c = { .a = model->a };
    dyad_status st = syn_corpus_load(&c, path, parts, false, id_prefix, diag, diag_user, err);
    syn_counts k = { 0 };
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (st == DYAD_OK && (st = syn_corpus_eval(&c, parts, false, &k)) != DYAD_OK)
        error_set(err, st, path, 0, "out of memory");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    out->sentences = k.sents;
    out->tokens = k.toks;
    out->rejected = c.rejected;
    out->upos = pct(k.upos, k.toks);
    out->xpos = pct(k.xpos, k.toks);
    out->lemma = pct(k.lemma, k.toks);
    out->uas = pct(k.uas, k.toks);
    out->las = pct(k.las, k.toks);
    out->las_universal = pct(k.las_ud, k.toks);
    out->seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    syn_corpus_free(&c);
    core_free(model->a, parts);
    return st;
}
