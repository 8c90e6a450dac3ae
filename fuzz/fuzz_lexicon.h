/*
 * fuzz_lexicon.h — for the coder fuzz targets: writes a small dictionary of
 * our own (file name and content pairs) into a fresh temporary folder on
 * the first call, loads it once and removes the folder.  Aborts on any
 * failure: a target without its dictionary would exercise nothing.
 */
#ifndef DYAD_FUZZ_LEXICON_H
#define DYAD_FUZZ_LEXICON_H

#include "dyad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FUZZ_LEXICON_MAX_FILES 8

static dyad_lexicon *fuzz_lexicon(const char *const files[][2], int n)
{
    static dyad_lexicon *lex;
    if (lex)
        return lex;
    char dir[] = "/tmp/dyad-fuzz-lexicon-XXXXXX";
    if (n > FUZZ_LEXICON_MAX_FILES || !mkdtemp(dir))
        abort();
    const char *paths[FUZZ_LEXICON_MAX_FILES];
    static char buf[FUZZ_LEXICON_MAX_FILES][128];
    for (int i = 0; i < n; i++) {
        snprintf(buf[i], sizeof buf[i], "%s/%s", dir, files[i][0]);
        FILE *f = fopen(buf[i], "w");
        if (!f)
            abort();
        fputs(files[i][1], f);
        fclose(f);
        paths[i] = buf[i];
    }
    dyad_lexicon_options o;
    memset(&o, 0, sizeof o);
    if (dyad_lexicon_load_files(paths, (size_t)n, &o, &lex, NULL) != DYAD_OK)
        abort();
    /* The lexicon keeps what it read, not the files: leave nothing in /tmp. */
    for (int i = 0; i < n; i++)
        unlink(buf[i]);
    rmdir(dir);
    return lex;
}

#endif
