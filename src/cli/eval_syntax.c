/*
 * eval_syntax.c — `dyad eval-syntax FILE.conllu...`: scores the syntax
 * model on gold-tokenized treebanks: UPOS, XPOS and lemma accuracy, UAS
 * and LAS (full label, and universal part only as in CoNLL 2018), plus
 * annotation speed (issue 4, item 3).
 */
#include "cli/cli.h"

static const char *opt_model, *opt_prefix;
static bool opt_raw;

static const cli_opt eval_opts[] = {
    { "model", "PATH", CLI_OPT_STRING, &opt_model,
      "model file or directory (default: search $DYAD_MODEL_DIR, installed, ./data/models)" },
    { "id-prefix", "P", CLI_OPT_STRING, &opt_prefix,
      "only sentences whose sent_id starts with P (e.g. n: the news half of PUD)" },
    { "raw", NULL, CLI_OPT_FLAG, &opt_raw,
      "start from each sentence's # text through dyad's splitter and tokenizer" },
    { NULL, NULL, 0, NULL, NULL },
};

static void print_scores(const char *path, const dyad_syntax_scores *s)
{
    printf("%s: %zu sentences, %zu tokens\n", path, s->sentences, s->tokens);
    printf("  UPOS %.2f  XPOS %.2f  lemma %.2f\n", s->upos, s->xpos, s->lemma);
    printf("  UAS %.2f  LAS %.2f  (LAS on universal labels %.2f)\n", s->uas, s->las,
           s->las_universal);
    if (s->seconds > 0 && s->sentences > 0)
        printf("  %.0f sentences/s (tag + lemma + parse, one thread)\n",
               (double)s->sentences / s->seconds);
}

static void print_raw(const char *path, const dyad_syntax_raw_scores *s)
{
    printf("%s (raw text): %zu sentences, %zu gold words\n", path, s->sentences, s->tokens);
    printf("  tokens P %.2f R %.2f F1 %.2f\n", s->token_precision, s->token_recall,
           s->token_f1);
    printf("  UPOS %.2f  UAS %.2f  LAS %.2f  (over gold words)\n", s->upos, s->uas, s->las);
}

static int eval_one(const dyad_model *model, const char *path)
{
    size_t bad = 0;
    dyad_error err = { 0 };
    if (opt_raw) {
        dyad_syntax_raw_scores s;
        if (dyad_syntax_eval_raw(model, path, opt_prefix, cli_diag_print, &bad, &s, &err) !=
            DYAD_OK) {
            cli_print_error(&err);
            return CLI_EXIT_REJECTED;
        }
        print_raw(path, &s);
        return bad || s.rejected ? CLI_EXIT_REJECTED : CLI_EXIT_OK;
    }
    dyad_syntax_scores s;
    if (dyad_syntax_eval(model, path, opt_prefix, cli_diag_print, &bad, &s, &err) != DYAD_OK) {
        cli_print_error(&err);
        return CLI_EXIT_REJECTED;
    }
    print_scores(path, &s);
    return bad || s.rejected ? CLI_EXIT_REJECTED : CLI_EXIT_OK;
}

static int run_eval_syntax(const cli_command *cmd, int argc, char **argv)
{
    int npos;
    if (!cli_parse(cmd, eval_opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    if (npos == 0)
        return cli_usage_error(cmd, "a CoNLL-U file is required");
    dyad_error err = { 0 };
    dyad_model *model;
    if (dyad_model_load(opt_model, NULL, &model, &err) != DYAD_OK) {
        cli_print_error(&err);
        return CLI_EXIT_FATAL;
    }
    int status = CLI_EXIT_OK;
    for (int i = 0; i < npos; i++) {
        int st = eval_one(model, argv[i]);
        if (st != CLI_EXIT_OK)
            status = st;
    }
    dyad_model_free(model);
    return cli_finish_stdout(status);
}

const cli_command cli_cmd_eval_syntax = {
    "eval-syntax", "[options] FILE.conllu...",
    "score tagger, lemmatizer and parser on gold-tokenized CoNLL-U", run_eval_syntax,
    eval_opts,
    "Scores use the file's own tokenization; LAS counts the full label (nmod:poss)."};
