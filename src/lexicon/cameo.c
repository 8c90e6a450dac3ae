/*
 * cameo.c — the CAMEO event code table: is a string a CAMEO code, and what
 * are its Goldstein value and quad class.  The table itself is generated
 * (cameo_table.c from data/cameo.tsv) and sorted by code, so lookups are a
 * binary search over static data: thread-safe, no allocation.
 */
#include "lexicon/lexicon.h"

#include <string.h>

static int compare(const char *code, size_t len, const char *entry)
{
    size_t elen = strlen(entry);
    int c = memcmp(code, entry, len < elen ? len : elen);
    if (c)
        return c;
    return len < elen ? -1 : len > elen;
}

const lex_cameo *lex_cameo_find(const char *code, size_t len)
{
    size_t lo = 0, hi = lex_cameo_table_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare(code, len, lex_cameo_table[mid].code);
        if (c == 0)
            return &lex_cameo_table[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

size_t lex_cameo_count(void) { return lex_cameo_table_n; }

const lex_cameo *lex_cameo_at(size_t i) { return i < lex_cameo_table_n ? &lex_cameo_table[i] : NULL; }

dyad_status dyad_cameo_lookup(const char *code, size_t len, double *goldstein, int *quad)
{
    const lex_cameo *c = code ? lex_cameo_find(code, len) : NULL;
    if (!c)
        return DYAD_ENOTFOUND;
    if (goldstein)
        *goldstein = c->goldstein;
    if (quad)
        *quad = c->quad;
    return DYAD_OK;
}
