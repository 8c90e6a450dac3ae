/*
 * fuzz_conllu.c — libFuzzer target for the CoNLL-U readers of the syntax
 * layer.  The first input byte picks the entry point: even = the streaming
 * treebank reader (syn_conllu_*) over the rest of the buffer, odd = the
 * <Parse> CoNLL-U converter (syn_conllu_parse_to_deps).  Every diagnostic
 * must carry a line number and nothing may crash or leak.
 */
#include "syntax/syntax.h"

#include <stdlib.h>

static void check_diag(void *user, const dyad_error *err)
{
    (void)user;
    if (err->line == 0)
        abort(); /* readers must say where */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    if (data[0] & 1) {
        syn_dep_tok *t;
        size_t n;
        dyad_error err;
        if (syn_conllu_parse_to_deps(text, len, NULL, &t, &n, &err) == DYAD_OK) {
            for (size_t i = 0; i < n; i++)
                if (t[i].head > n)
                    abort();
            free(t);
        }
        return 0;
    }
    syn_conllu *r;
    if (syn_conllu_open_memory(text, len, "fuzz", NULL, check_diag, NULL, &r) != DYAD_OK)
        return 0;
    const syn_conllu_sent *s;
    while (syn_conllu_next(r, &s) == DYAD_OK && s)
        for (size_t i = 0; i < s->n; i++)
            if (s->toks[i].head != UINT32_MAX && s->toks[i].head > s->n)
                abort();
    syn_conllu_close(r);
    return 0;
}
