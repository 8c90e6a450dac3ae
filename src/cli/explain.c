/*
 * explain.c — `dyad explain "sentence"` (or --file FILE): codes the text
 * and prints what the coder saw and decided — words with tags and parse,
 * actors matched (with dictionary file:line), verbs, the pattern that
 * fired, source and target and why, candidates rejected and why, and the
 * events — what a dictionary maintainer needs to see.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static void print_trace(void *user, const char *line)
{
    (void)user;
    printf("  %s\n", line);
}

static int print_event(void *user, const dyad_event *ev, const dyad_event_provenance *pv)
{
    size_t *n = user;
    (*n)++;
    printf("EVENT %s %s %s (root %s, quad %d, goldstein %.1f)\n", ev->source, ev->target,
           ev->code, ev->root, ev->quad, ev->goldstein);
    printf("  source \"%.*s\" %.*s:%lu\n", (int)ev->source_text.len, ev->source_text.ptr,
           (int)pv->source_file.len, pv->source_file.ptr, pv->source_line);
    printf("  target \"%.*s\" %.*s:%lu\n", (int)ev->target_text.len, ev->target_text.ptr,
           (int)pv->target_file.len, pv->target_file.ptr, pv->target_line);
    printf("  verb \"%.*s\" %.*s:%lu", (int)ev->verb_text.len, ev->verb_text.ptr,
           (int)pv->verb_file.len, pv->verb_file.ptr, pv->verb_line);
    if (pv->pattern_line)
        printf(", pattern %.*s:%lu", (int)pv->pattern_file.len, pv->pattern_file.ptr,
               pv->pattern_line);
    printf("\n");
    return 0;
}

typedef struct explain_ctx {
    dyad_coder *coder;
    size_t events;
    bool failed;
} explain_ctx;

static int explain_doc(void *user, const dyad_doc *doc)
{
    explain_ctx *x = user;
    printf("document %.*s\n", (int)doc->id.len, doc->id.ptr);
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_status st = dyad_coder_code(x->coder, doc, NULL, print_event, &x->events, &err);
    if (st == DYAD_EPARSE)
        cli_print_error(&err);
    else if (st) {
        cli_errorf("%s: %s", doc->file, dyad_status_str(st));
        x->failed = true;
        return 1;
    }
    return ferror(stdout) ? 1 : 0;
}

/* Joins the words of the command line into one text. */
static char *join_args(int n, char **argv)
{
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(argv[i]) + 1;
    char *text = malloc(len);
    if (!text)
        return NULL;
    text[0] = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(text, " ");
        strcat(text, argv[i]);
    }
    return text;
}

static int run_explain(const cli_command *cmd, int argc, char **argv)
{
    const char *dict = NULL, *model_path = NULL, *date = NULL, *file = NULL, *parse = NULL;
    bool no_parse = false;
    const cli_opt opts[] = {
        {"dict", "DIR", CLI_OPT_STRING, &dict, "dictionary folder (default: data/dict, installed)"},
        {"model", "PATH", CLI_OPT_STRING, &model_path, "syntax model file or directory"},
        {"no-parse", NULL, CLI_OPT_FLAG, &no_parse, "no tagger or parser: code linearly"},
        {"parse", "MODE", CLI_OPT_STRING, &parse,
         "for inputs with parses: auto (default), supplied, own"},
        {"date", "DATE", CLI_OPT_STRING, &date, "document date for dated actor codes"},
        {"file", "FILE", CLI_OPT_STRING, &file, "explain the documents of FILE instead"},
        {NULL, NULL, 0, NULL, NULL},
    };
    int npos;
    if (!cli_parse(cmd, opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    if (!file && npos == 0)
        return cli_usage_error(cmd, "give a sentence or --file FILE");
    dyad_date d = {0, 0, 0};
    if (date && dyad_date_parse(date, strlen(date), &d) != DYAD_OK)
        return cli_usage_error(cmd, "bad --date '%s' (YYYY-MM-DD)", date);
    dyad_coder_options co;
    memset(&co, 0, sizeof co);
    if (parse && !strcmp(parse, "supplied"))
        co.parse = DYAD_PARSE_SUPPLIED;
    else if (parse && !strcmp(parse, "own"))
        co.parse = DYAD_PARSE_OWN;
    else if (parse && strcmp(parse, "auto"))
        return cli_usage_error(cmd, "unknown --parse mode '%s' (auto, supplied, own)", parse);
    dyad_lexicon *lex;
    dyad_model *model;
    int status = cli_load_coding(dict, model_path, no_parse, &lex, &model);
    if (status != CLI_EXIT_OK)
        return status;
    co.trace = print_trace;
    co.context_actors = 1; /* document context: docs/coder.md */
    /* every sentence tagged, parsed and coded in full, so that the trace
     * says why a sentence yields nothing, not only that it was skipped */
    co.no_fast_paths = 1;
    explain_ctx x = {NULL, 0, false};
    if (dyad_coder_new(lex, model, &co, &x.coder) != DYAD_OK) {
        cli_errorf("out of memory");
        dyad_model_free(model);
        dyad_lexicon_free(lex);
        return CLI_EXIT_FATAL;
    }
    if (file) {
        cli_inputs in = {0};
        status = cli_for_each_doc(&in, 1, (char **)&file, explain_doc, &x);
    } else {
        char *text = join_args(npos, argv);
        if (!text) {
            status = CLI_EXIT_FATAL;
        } else {
            dyad_doc doc;
            memset(&doc, 0, sizeof doc);
            doc.id = (dyad_str){"explain", 7};
            doc.date = d;
            doc.text = (dyad_str){text, strlen(text)};
            doc.file = "-";
            doc.format = DYAD_FORMAT_TEXT;
            if (explain_doc(&x, &doc))
                status = CLI_EXIT_FATAL;
            free(text);
        }
    }
    printf("%zu event%s\n", x.events, x.events == 1 ? "" : "s");
    dyad_coder_free(x.coder);
    dyad_model_free(model);
    dyad_lexicon_free(lex);
    return cli_finish_stdout(status);
}

const cli_command cli_cmd_explain = {
    "explain", "[options] SENTENCE... | --file FILE",
    "show how a sentence is coded: words, parse, actors, verbs, patterns, events",
    run_explain, NULL,
    "Prints each word with its tag and dependency, the actors and agents matched\n"
    "(dictionary file:line), the verbs, the pattern that fired, how source and\n"
    "target were chosen, every candidate rejected with the reason, and the events."};
