/*
 * train.c — `dyad train`: trains the syntax model (taggers, lemma tables,
 * parser) from a CoNLL-U training treebank and a development treebank for
 * epoch selection, and writes one model file (issue 4, item 2).
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static const char *opt_train, *opt_dev, *opt_out, *opt_wordnet, *opt_unlabeled;
static long opt_seed = 1, opt_tagger_epochs, opt_parser_epochs;
static bool opt_quiet, opt_with_dev;

static const cli_opt train_opts[] = {
    { "train", "FILE", CLI_OPT_STRING, &opt_train, "CoNLL-U training treebank (required)" },
    { "dev", "FILE", CLI_OPT_STRING, &opt_dev, "CoNLL-U development treebank (required)" },
    { "out", "FILE", CLI_OPT_STRING, &opt_out,
      "model file to write (default data/models/" DYAD_MODEL_FILE ")" },
    { "wordnet", "DIR", CLI_OPT_STRING, &opt_wordnet,
      "WordNet *.exc and index.* files (default /usr/share/wordnet)" },
    { "unlabeled", "FILES", CLI_OPT_STRING, &opt_unlabeled,
      "comma-separated unlabelled documents to learn word capitalization from" },
    { "seed", "N", CLI_OPT_INT, &opt_seed, "random seed (default 1); same seed, same model" },
    { "tagger-epochs", "N", CLI_OPT_INT, &opt_tagger_epochs, "maximum tagger epochs (12)" },
    { "parser-epochs", "N", CLI_OPT_INT, &opt_parser_epochs, "maximum parser epochs (20)" },
    { "with-dev", NULL, CLI_OPT_FLAG, &opt_with_dev,
      "after dev chose the epochs, train again on train + dev with those epochs" },
    { "quiet", NULL, CLI_OPT_FLAG, &opt_quiet, "no progress lines on stderr" },
    { NULL, NULL, 0, NULL, NULL },
};

#define MAX_UNLABELED 16

/* Splits "a,b,c" into files (pointing into buf); returns the count. */
static size_t split_list(const char *s, char *buf, size_t size, const char **files)
{
    size_t n = 0;
    if (!s)
        return 0;
    snprintf(buf, size, "%s", s);
    for (char *p = buf; p && *p && n < MAX_UNLABELED;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = 0;
        if (*p)
            files[n++] = p;
        p = comma ? comma + 1 : NULL;
    }
    return n;
}

static int run_train(const cli_command *cmd, int argc, char **argv)
{
    int npos;
    if (!cli_parse(cmd, train_opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    if (npos != 0)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[0]);
    if (!opt_train || !opt_dev)
        return cli_usage_error(cmd, "--train and --dev are required");
    size_t bad = 0;
    dyad_train_options o = { 0 };
    o.train_path = opt_train;
    o.dev_path = opt_dev;
    o.out_path = opt_out ? opt_out : "data/models/" DYAD_MODEL_FILE;
    o.wordnet_dir = opt_wordnet;
    char list[4096];
    const char *files[MAX_UNLABELED];
    o.unlabeled = files;
    o.unlabeled_n = split_list(opt_unlabeled, list, sizeof list, files);
    o.seed = (uint64_t)opt_seed;
    o.tagger_epochs = (int)opt_tagger_epochs;
    o.parser_epochs = (int)opt_parser_epochs;
    o.refit_with_dev = opt_with_dev ? 1 : 0;
    o.log = opt_quiet ? NULL : stderr;
    o.diag = cli_diag_print;
    o.diag_user = &bad;
    dyad_error err = { 0 };
    dyad_status st = dyad_syntax_train(&o, &err);
    if (st != DYAD_OK) {
        cli_print_error(&err);
        return CLI_EXIT_FATAL;
    }
    if (!opt_quiet)
        fprintf(stderr, "dyad: wrote %s\n", o.out_path);
    return cli_finish_stdout(bad ? CLI_EXIT_REJECTED : CLI_EXIT_OK);
}

const cli_command cli_cmd_train = {
    "train", "--train FILE --dev FILE [options]",
    "train the tagger, lemmatizer and parser from CoNLL-U", run_train, train_opts,
    "Deterministic for a given --seed.  Progress (dev scores per epoch) goes to stderr.\n"
    "Example: dyad train --train ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \\\n"
    "  --dev ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"};
