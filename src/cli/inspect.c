/*
 * inspect.c — the shared body of the inspection commands `dyad sentences`
 * and `dyad tokens`: read documents, split and tokenize them, and print
 * what the text layer made of them as JSON Lines.
 */
#include "cli/cli.h"

#include <string.h>

typedef struct inspect_state {
    dyad_analysis *analysis;
    cli_inspect_fn write_fn;
    size_t rejected;
} inspect_state;

bool cli_input_format(const cli_command *cmd, const char *name, dyad_format *out)
{
    if (!name) {
        *out = DYAD_FORMAT_AUTO;
        return true;
    }
    if (dyad_format_from_name(name, out) == DYAD_OK)
        return true;
    cli_usage_error(cmd, "unknown input format '%s' (auto, text, jsonl, petrarch, tabari)",
                    name);
    return false;
}

static int inspect_doc(void *user, const dyad_doc *doc)
{
    inspect_state *s = user;
    dyad_status st = dyad_analyze_doc(s->analysis, doc);
    if (st != DYAD_OK) {
        cli_errorf("%s: record %.*s: %s", doc->file, (int)doc->id.len, doc->id.ptr,
                   dyad_status_str(st));
        s->rejected++;
        return st == DYAD_ENOMEM ? 1 : 0;
    }
    if (s->write_fn(stdout, doc, s->analysis) != DYAD_OK)
        return 1; /* output failed: reported by cli_finish_stdout */
    return 0;
}

int cli_run_inspect(const cli_command *cmd, int argc, char **argv, cli_inspect_fn write_fn)
{
    const char *format = NULL;
    long max_doc = 0;
    const cli_opt opts[] = {
        {"input-format", "FMT", CLI_OPT_STRING, &format,
         "input format: auto (default), text, jsonl, petrarch, tabari"},
        {"max-doc-bytes", "N", CLI_OPT_INT, &max_doc,
         "reject documents larger than N bytes (default 32 MiB)"},
        {NULL, NULL, 0, NULL, NULL},
    };
    int npos;
    if (!cli_parse(cmd, opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    cli_inputs in = {0};
    if (!cli_input_format(cmd, format, &in.format))
        return CLI_EXIT_USAGE;
    if (max_doc < 0)
        return cli_usage_error(cmd, "--max-doc-bytes must be positive");
    in.max_doc_bytes = (size_t)max_doc;
    inspect_state s = {NULL, write_fn, 0};
    if (dyad_analysis_new(NULL, &s.analysis) != DYAD_OK) {
        cli_errorf("out of memory");
        return CLI_EXIT_FATAL;
    }
    int status = cli_for_each_doc(&in, npos, argv, inspect_doc, &s);
    dyad_analysis_free(s.analysis);
    if (s.rejected && status == CLI_EXIT_OK)
        status = CLI_EXIT_REJECTED;
    return cli_finish_stdout(status);
}
