/*
 * dict.c — `dyad dict`: look after dictionaries.
 *
 *   dyad dict check   [--dict DIR | FILE...]   lint; problems to stdout
 *   dyad dict stats   [--dict DIR | FILE...]   counts
 *   dyad dict lookup  PHRASE [--date D] [--dict DIR | FILE...]
 *   dyad dict compile [--dict DIR | FILE...] [--output FILE]
 *
 * `check` prints every problem as "FILE:LINE: kind: message" on stdout and
 * a count by kind at the end; exit 1 when there is any.  The other commands
 * print one summary line for malformed lines they skipped (details with
 * `check`).  Uses only the public lexicon API.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DICT_KINDS 8

typedef struct dict_counts {
    char kind[DICT_KINDS][32];
    size_t n[DICT_KINDS];
    size_t total;
    bool print; /* print each problem to stdout */
} dict_counts;

static void count_kind(dict_counts *c, const char *msg)
{
    const char *colon = strchr(msg, ':');
    size_t len = colon ? (size_t)(colon - msg) : strlen(msg);
    if (len >= sizeof c->kind[0])
        len = sizeof c->kind[0] - 1;
    c->total++;
    for (int i = 0; i < DICT_KINDS; i++) {
        if (!c->kind[i][0]) {
            memcpy(c->kind[i], msg, len);
            c->kind[i][len] = 0;
        }
        if (strlen(c->kind[i]) == len && !strncmp(c->kind[i], msg, len)) {
            c->n[i]++;
            return;
        }
    }
}

static void dict_diag(void *user, const dyad_error *err)
{
    dict_counts *c = user;
    char line[1400];
    if (err->code == DYAD_OK) { /* a note (cache rebuilt, ...) */
        fprintf(stderr, "dyad: %s\n", dyad_error_format(err, line, sizeof line));
        return;
    }
    count_kind(c, err->message);
    if (c->print)
        printf("%s\n", dyad_error_format(err, line, sizeof line));
}

typedef struct dict_args {
    const char *dir, *date, *output, *wordnet;
    bool strict, no_cache;
} dict_args;

static int load(const cli_command *cmd, const dict_args *a, int n, char **files,
                dict_counts *counts, dyad_lexicon **lex)
{
    dyad_lexicon_options o = {NULL, dict_diag, counts, a->strict, a->no_cache, a->wordnet};
    dyad_error err;
    dyad_status st;
    if (a->dir && n)
        return cli_usage_error(cmd, "give either --dict DIR or FILEs, not both");
    if (a->dir)
        st = dyad_lexicon_load_dir(a->dir, &o, lex, &err);
    else
        st = dyad_lexicon_load_files((const char *const *)files, (size_t)n, &o, lex, &err);
    if (st) {
        cli_print_error(&err);
        return CLI_EXIT_FATAL;
    }
    return CLI_EXIT_OK;
}

static void print_kinds(const dict_counts *c, FILE *out)
{
    for (int i = 0; i < DICT_KINDS && c->kind[i][0]; i++)
        fprintf(out, "%s%s %zu", i ? ", " : "", c->kind[i], c->n[i]);
}

static int note_skipped(const dict_counts *c)
{
    if (!c->total)
        return CLI_EXIT_OK;
    fprintf(stderr, "dyad: dict: %zu malformed lines skipped (", c->total);
    print_kinds(c, stderr);
    fprintf(stderr, "); run `dyad dict check` for details\n");
    return CLI_EXIT_REJECTED;
}

static int do_check(const cli_command *cmd, const dict_args *a, int n, char **files)
{
    dict_counts c;
    memset(&c, 0, sizeof c);
    c.print = true;
    dyad_lexicon *lex;
    dict_args b = *a;
    b.no_cache = true; /* malformed lines are only seen when reading text */
    int rc = load(cmd, &b, n, files, &c, &lex);
    if (rc)
        return rc;
    dyad_lexicon_check(lex, dict_diag, &c);
    dyad_lexicon_free(lex);
    printf("%zu problems", c.total);
    if (c.total) {
        printf(": ");
        print_kinds(&c, stdout);
    }
    printf("\n");
    return cli_finish_stdout(c.total ? CLI_EXIT_REJECTED : CLI_EXIT_OK);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static int do_stats(const cli_command *cmd, const dict_args *a, int n, char **files)
{
    dict_counts c;
    memset(&c, 0, sizeof c);
    dyad_lexicon *lex;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = load(cmd, a, n, files, &c, &lex);
    if (rc)
        return rc;
    double ms = ms_since(&t0);
    dyad_lexicon_stats s;
    dyad_lexicon_stats_get(lex, &s);
    printf("files\t%zu\nactors\t%zu\nactor_phrases\t%zu\nactor_codes\t%zu\n"
           "agents\t%zu\nagent_phrases\t%zu\nverb_blocks\t%zu\nverbs\t%zu\nverb_forms\t%zu\n"
           "patterns\t%zu\nsynsets\t%zu\nsynset_members\t%zu\ndiscards\t%zu\nissues\t%zu\n"
           "options\t%zu\ntransformations\t%zu\nwords\t%zu\ntrie_nodes\t%zu\ntable_bytes\t%zu\n"
           "from_cache\t%s\nload_ms\t%.1f\n",
           s.files, s.actors, s.actor_phrases, s.actor_codes, s.agents, s.agent_phrases,
           s.verb_blocks, s.verbs, s.verb_forms, s.patterns, s.synsets, s.synset_members,
           s.discards, s.issues, s.options, s.transformations, s.words, s.trie_nodes, s.bytes,
           s.from_cache ? "yes" : "no", ms);
    dyad_lexicon_free(lex);
    return cli_finish_stdout(note_skipped(&c));
}

static void print_match(const dyad_lex_match *m)
{
    printf("%-7s %.*s", dyad_lex_kind_name(m->kind), (int)m->name.len, m->name.ptr);
    if (m->code.len)
        printf(" -> %.*s", (int)m->code.len, m->code.ptr);
    else if (m->kind == DYAD_LEX_ACTOR)
        printf(" -> (no code for this date)");
    if (m->block.len)
        printf("  [block %.*s]", (int)m->block.len, m->block.ptr);
    printf("  %.*s:%lu", (int)m->file.len, m->file.ptr, m->line);
    if (m->code_line && m->code_line != m->line)
        printf(" (code at line %lu)", m->code_line);
    if (m->flags & DYAD_LEX_STEM)
        printf(" stem");
    if (m->flags & DYAD_LEX_STORY)
        printf(" story");
    if (m->flags & DYAD_LEX_GENERATED)
        printf(" generated-form");
    if (m->flags & DYAD_LEX_CODE_FIRST)
        printf(" code-first");
    printf("\n");
}

static int do_lookup(const cli_command *cmd, const dict_args *a, int n, char **args)
{
    if (n < 1)
        return cli_usage_error(cmd, "lookup needs a PHRASE");
    dyad_date date = {0, 0, 0};
    if (a->date && dyad_date_parse(a->date, strlen(a->date), &date) != DYAD_OK)
        return cli_usage_error(cmd, "--date expects YYYY-MM-DD, got '%s'", a->date);
    dict_counts c;
    memset(&c, 0, sizeof c);
    dyad_lexicon *lex;
    int rc = load(cmd, a, n - 1, args + 1, &c, &lex);
    if (rc)
        return rc;
    dyad_lex_match m[64];
    size_t found = 0;
    const char *phrase = args[0];
    dyad_status st = dyad_lexicon_lookup(lex, phrase, strlen(phrase), date, m, 64, &found);
    if (st == DYAD_ENOTFOUND) {
        printf("\"%s\": not in the dictionaries\n", phrase);
        rc = CLI_EXIT_REJECTED;
    } else {
        char d[11];
        printf("\"%s\": %zu word%s matched", phrase, m[0].words, m[0].words == 1 ? "" : "s");
        if (date.year)
            printf(" (date %s)", dyad_date_format(date, d));
        printf("\n");
        for (size_t i = 0; i < found && i < 64; i++)
            print_match(&m[i]);
        if (found > 64)
            printf("... and %zu more\n", found - 64);
    }
    dyad_lexicon_free(lex);
    note_skipped(&c);
    return cli_finish_stdout(rc);
}

static int do_compile(const cli_command *cmd, const dict_args *a, int n, char **files)
{
    char path[4096];
    if (a->output)
        snprintf(path, sizeof path, "%s", a->output);
    else if (!a->dir)
        return cli_usage_error(cmd, "compile FILEs needs --output FILE");
    else if (dyad_lexicon_cache_path(a->dir, path, sizeof path) != DYAD_OK)
        return cli_usage_error(cmd, "cache path too long");
    dict_counts c;
    memset(&c, 0, sizeof c);
    dyad_lexicon *lex;
    dict_args b = *a;
    b.no_cache = true; /* always rebuild from the sources */
    int rc = load(cmd, &b, n, files, &c, &lex);
    if (rc)
        return rc;
    dyad_error err;
    dyad_status st = dyad_lexicon_compile(lex, path, &err);
    dyad_lexicon_free(lex);
    if (st) {
        cli_print_error(&err);
        return CLI_EXIT_FATAL;
    }
    printf("%s\n", path);
    return cli_finish_stdout(note_skipped(&c));
}

static int run_dict(const cli_command *cmd, int argc, char **argv)
{
    dict_args a = {NULL, NULL, NULL, NULL, false, false};
    const cli_opt opts[] = {
        {"dict", "DIR", CLI_OPT_STRING, &a.dir,
         "dictionary folder, using and refreshing its cache (default: dyad's own)"},
        {"date", "YYYY-MM-DD", CLI_OPT_STRING, &a.date, "lookup: resolve actor codes for this date"},
        {"output", "FILE", CLI_OPT_STRING, &a.output, "compile: write the cache here"},
        {"strict", NULL, CLI_OPT_FLAG, &a.strict, "a malformed line is fatal"},
        {"no-cache", NULL, CLI_OPT_FLAG, &a.no_cache, "--dict: neither read nor write the cache"},
        {"wordnet", "DIR", CLI_OPT_STRING, &a.wordnet,
         "folder with WordNet's verb.exc (default /usr/share/wordnet)"},
        {NULL, NULL, 0, NULL, NULL},
    };
    int npos;
    if (!cli_parse(cmd, opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    if (npos < 1)
        return cli_usage_error(cmd, "missing subcommand: check, stats, lookup or compile");
    const char *sub = argv[0];
    /* Without --dict or FILEs: dyad's default dictionaries, as `dyad code`
     * uses them (lookup's first argument is its phrase, not a file). */
    int files = npos - 1 - (!strcmp(sub, "lookup") && npos > 1);
    if (!a.dir && files == 0)
        a.dir = cli_default_dict_dir();
    if (!strcmp(sub, "check"))
        return do_check(cmd, &a, npos - 1, argv + 1);
    if (!strcmp(sub, "stats"))
        return do_stats(cmd, &a, npos - 1, argv + 1);
    if (!strcmp(sub, "lookup"))
        return do_lookup(cmd, &a, npos - 1, argv + 1);
    if (!strcmp(sub, "compile"))
        return do_compile(cmd, &a, npos - 1, argv + 1);
    return cli_usage_error(cmd, "unknown subcommand '%s' (check, stats, lookup, compile)", sub);
}

const cli_command cli_cmd_dict = {
    "dict", "check|stats|lookup|compile [options] [PHRASE] [FILE...]",
    "check, count, query and compile TABARI/PETRARCH dictionaries", run_dict, NULL,
    "check    lint: malformed lines, non-CAMEO codes, conflicting duplicates, patterns\n"
    "         that can never match, overlapping dated codes (FILE:LINE: kind: message)\n"
    "stats    counts of actors, agents, verbs, forms, patterns, synsets, ...\n"
    "lookup   what a phrase resolves to, and which line says so\n"
    "compile  write the binary cache (default: the one --dict DIR uses)\n"
    "Exit status: 0 clean, 1 problems found or lines skipped, 2 usage, 3 fatal."};
