/*
 * fuzz_dict_common.h — shared by the dictionary fuzz targets: load one
 * dictionary from the fuzz input under a chosen file name (which selects
 * the reader and syntax), then exercise lookup and check on the result.
 * Any crash, sanitizer report or leak is a bug; load errors are fine.
 */
#ifndef FUZZ_DICT_COMMON_H
#define FUZZ_DICT_COMMON_H

#include "lexicon/lexicon.h"

#include <stdint.h>
#include <string.h>

static void fuzz_dict_quiet(void *user, const dyad_error *err)
{
    (void)user;
    (void)err;
}

/* First input byte picks names[b % n] and strict mode (bit 7). */
static void fuzz_dict_run(const uint8_t *data, size_t size, const char *const *names, size_t n)
{
    if (size < 1)
        return;
    const char *name = names[data[0] % n];
    dyad_lexicon_options o = {NULL, fuzz_dict_quiet, NULL, (data[0] & 0x80) != 0, 1, NULL};
    dyad_lexicon *lx = NULL;
    dyad_error err;
    if (lex_load_memory(name, (const char *)data + 1, size - 1, &o, false, &lx, &err) != DYAD_OK)
        return;
    dyad_lexicon_check(lx, NULL, NULL);
    /* Look up the first few "words" of the input itself. */
    dyad_date d = {2010, 6, 15};
    dyad_lex_match m[8];
    size_t found;
    size_t len = size - 1 < 64 ? size - 1 : 64;
    dyad_lexicon_lookup(lx, (const char *)data + 1, len, d, m, 8, &found);
    dyad_lexicon_lookup(lx, "the united nations", 18, d, m, 8, &found);
    dyad_lexicon_free(lx);
}

#endif
