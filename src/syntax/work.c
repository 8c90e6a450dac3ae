/*
 * work.c — runs tagger and parser over one sentence using a reusable
 * per-thread scratch (syn_work), so that annotating a document allocates
 * nothing once the scratch has grown to the longest sentence seen.
 */
#include "syntax/syntax.h"

#include <string.h>

dyad_status syn_work_reserve(syn_work *w, const dyad_allocator *a, size_t n)
{
    a = core_allocator(a);
    if (n > w->cap || !w->words) {
        size_t cap = n < 64 ? 64 : n;
        syn_word *words = core_realloc(a, w->words, (cap + 1) * sizeof *words);
        if (!words)
            return DYAD_ENOMEM;
        w->words = words;
        uint16_t *tags = core_realloc(a, w->xpos, (cap + 1) * 2 * sizeof *tags);
        if (!tags)
            return DYAD_ENOMEM;
        w->xpos = tags;
        w->upos = tags + cap + 1;
        uint64_t *keys = core_realloc(a, w->word_keys, cap * SYN_TAG_WORD_FEATS * sizeof *keys);
        if (!keys)
            return DYAD_ENOMEM;
        w->word_keys = keys;
        w->cap = cap;
        memset(&w->words[0], 0, sizeof w->words[0]);
    }
    return syn_pscratch_reserve(&w->ps, a, n);
}

void syn_work_free(syn_work *w, const dyad_allocator *a)
{
    a = core_allocator(a);
    core_free(a, w->words);
    core_free(a, w->xpos);
    core_free(a, w->word_keys);
    syn_pscratch_free(&w->ps, a);
    w->words = NULL;
    w->xpos = w->upos = NULL;
    w->word_keys = NULL;
    w->cap = 0;
}

void syn_work_parse_tagged(syn_work *w, const syn_model_parts *m, size_t n)
{
    syn_pstate_init(&w->ps.st, n, w->words, w->xpos, w->upos);
    syn_parse(&m->wparse, &m->wlabel, &m->labelmap, &w->ps.st, w->words, w->xpos, w->upos, w->acc,
              w->allowed, !w->plain, !w->full);
}

void syn_work_run(syn_work *w, const syn_model_parts *m, size_t n, bool parse)
{
    syn_capdict_apply(&m->capdict, w->words + 1, n);
    syn_tag(&m->wxpos, &m->wxpos2, &m->wupos, &m->tagdict, &m->uposmap, w->words + 1, n,
            w->word_keys, !w->full, w->xpos + 1, w->upos + 1);
    if (parse)
        syn_work_parse_tagged(w, m, n);
}
