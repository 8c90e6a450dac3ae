/*
 * fuzz_pico.c — libFuzzer target for the reader of PETRARCH internal
 * coding ontology files (src/coder/negation.c: "CAMEO:VALUE[#comment]"
 * lines, VALUE a sum of hex terms), the file a UD-PETRARCH suite names in
 * <PICOfile> to recode negated verbs.  The input is the file; afterwards
 * a few codes are negated through whatever was read, and a negated code
 * must be a code of the table.
 */
#include "coder/coder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dyad_coder *coder(void)
{
    static dyad_coder *c;
    if (c)
        return c;
    char dir[] = "/tmp/dyad-fuzz-pico-XXXXXX";
    if (!mkdtemp(dir))
        abort();
    static char path[128];
    snprintf(path, sizeof path, "%s/p.verbs.txt", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        abort();
    fputs("--- QUARREL [190] ---\nQUARREL\n", f);
    fclose(f);
    const char *paths[1] = {path};
    dyad_lexicon_options o;
    memset(&o, 0, sizeof o);
    o.no_cache = 1;
    dyad_lexicon *lex;
    if (dyad_lexicon_load_files(paths, 1, &o, &lex, NULL) != DYAD_OK ||
        dyad_coder_new(lex, NULL, NULL, &c) != DYAD_OK)
        abort();
    unlink(path);
    rmdir(dir);
    return c;
}

static void ignore(void *user, const dyad_error *err)
{
    (void)user;
    (void)err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dyad_coder *c = coder();
    if (coder_parse_pico(c, (const char *)data, size, "fuzz", ignore, NULL) != DYAD_OK)
        return 0;
    static const char *const codes[] = {"010", "110", "190", "0234", "12", ""};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        char out[8];
        if (!coder_negate_code(c, (dyad_str){codes[i], strlen(codes[i])}, out))
            continue;
        bool known = false;
        for (size_t k = 0; k < c->pico_n && !known; k++)
            known = strcmp(c->pico[k].cameo, out) == 0;
        if (!known)
            abort();
    }
    return 0;
}
