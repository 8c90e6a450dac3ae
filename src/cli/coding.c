/*
 * coding.c — what `dyad code` and `dyad explain` share: finding and loading
 * the dictionaries (--dict DIR, else $DYAD_DICT_DIR, the installed
 * PREFIX/share/dyad/dict, then ./data/dict in a source tree) and the
 * optional syntax model (without one the coder works linearly, TABARI
 * style).
 */
#include "cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DYAD_DATA_DIR
#define DYAD_DATA_DIR "/usr/local/share/dyad"
#endif

static bool is_dir(const char *path)
{
    struct stat st;
    return path && *path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A data folder found from the executable's own location, so that both a
 * source-tree build (build/<mode>/dyad next to data/) and an installation
 * moved or installed under another PREFIX (bin/dyad next to share/dyad/)
 * find their dictionaries and model from any working directory.  Returns
 * false when the executable's path cannot be read or no folder exists. */
static bool exe_relative_data(const char *sub, char *out, size_t size)
{
    static const char *const layouts[] = {"%s/../share/dyad/%s", "%s/../../data/%s"};
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = 0;
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        char path[PATH_MAX + 64];
        int len = snprintf(path, sizeof path, layouts[i], exe, sub);
        if (len <= 0 || (size_t)len >= sizeof path || !is_dir(path))
            continue;
        /* messages name the folder without "../.." */
        char real[PATH_MAX];
        const char *best = realpath(path, real) ? real : path;
        if (strlen(best) < size) {
            strcpy(out, best);
            return true;
        }
    }
    return false;
}

const char *cli_default_dict_dir(void)
{
    static char tree[PATH_MAX + 32];
    const char *env = getenv("DYAD_DICT_DIR");
    if (is_dir(env))
        return env;
    if (is_dir(DYAD_DATA_DIR "/dict"))
        return DYAD_DATA_DIR "/dict";
    if (exe_relative_data("dict", tree, sizeof tree))
        return tree;
    return "data/dict";
}

/* The model folder when none is named: the library searches
 * $DYAD_MODEL_DIR, the compiled-in installed folder and ./data/models; a
 * binary run from elsewhere also finds the folder beside itself. */
static const char *default_model_path(void)
{
    static char tree[PATH_MAX + 32];
    if (getenv("DYAD_MODEL_DIR") || is_dir(DYAD_DATA_DIR "/models") || is_dir("data/models"))
        return NULL;
    return exe_relative_data("models", tree, sizeof tree) ? tree : NULL;
}

int cli_load_coding(const char *dict_dir, const char *model_path, bool no_model,
                    dyad_lexicon **lex, dyad_model **model)
{
    *lex = NULL;
    *model = NULL;
    dyad_error err;
    memset(&err, 0, sizeof err);
    size_t problems = 0;
    dyad_lexicon_options lo;
    memset(&lo, 0, sizeof lo);
    lo.diag = cli_diag_print;
    lo.diag_user = &problems;
    const char *dir = dict_dir ? dict_dir : cli_default_dict_dir();
    if (dyad_lexicon_load_dir(dir, &lo, lex, &err) != DYAD_OK) {
        cli_print_error(&err);
        return CLI_EXIT_FATAL;
    }
    if (no_model)
        return CLI_EXIT_OK;
    if (!model_path)
        model_path = default_model_path();
    dyad_status st = dyad_model_load(model_path, NULL, model, &err);
    if (st != DYAD_OK) {
        if (model_path) { /* asked for by name: must load */
            cli_print_error(&err);
            dyad_lexicon_free(*lex);
            *lex = NULL;
            return CLI_EXIT_FATAL;
        }
        if (st != DYAD_ENOTFOUND)
            cli_print_error(&err);
        cli_errorf("no usable syntax model; coding without a parser (see --model)");
        *model = NULL;
    }
    return CLI_EXIT_OK;
}
