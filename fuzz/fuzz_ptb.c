/*
 * fuzz_ptb.c — libFuzzer target for the Penn Treebank <Parse> reader and
 * head-rule converter (syn_ptb_to_deps, via syn_given_parse_to_deps).  The
 * whole buffer is one parse; every result must be a tree-shaped head array
 * (heads within the sentence, no word its own head).
 */
#include "syntax/syntax.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    syn_dep_tok *t;
    size_t n;
    dyad_error err;
    if (syn_given_parse_to_deps((const char *)data, size, NULL, &t, &n, &err) != DYAD_OK)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (t[i].head > n || t[i].head == i + 1)
            abort();
    free(t);
    return 0;
}
