/*
 * code.c — `dyad code`: the main job.  Reads documents, analyses them
 * (sentences, tokens), codes events and writes them in the output contract
 * (docs/output.md) as JSON Lines, TSV or CSV.
 *
 * Problems with a document are reported on stderr and never stop the run;
 * the exit status says whether anything was rejected (cli.h).
 */
#include "cli/cli.h"

#include <time.h>

typedef struct code_state {
    dyad_analysis *analysis;
    dyad_writer *writer;
    size_t sentences;
    size_t events;
    size_t rejected;
    bool output_failed;
} code_state;

/* Events of one analysed document.  The coding engine (issue #5) plugs in
 * here; until it lands a document yields no events. */
static dyad_status code_events(code_state *s, const dyad_doc *doc)
{
    (void)s;
    (void)doc;
    return DYAD_OK;
}

static int code_doc(void *user, const dyad_doc *doc)
{
    code_state *s = user;
    dyad_status st = dyad_analyze_doc(s->analysis, doc);
    if (st == DYAD_OK) {
        s->sentences += s->analysis->sentence_n;
        st = code_events(s, doc);
    }
    if (st == DYAD_EIO) {
        s->output_failed = true;
        return 1;
    }
    if (st != DYAD_OK) {
        cli_errorf("%s: record %.*s: %s", doc->file, (int)doc->id.len, doc->id.ptr,
                   dyad_status_str(st));
        s->rejected++;
        return st == DYAD_ENOMEM ? 1 : 0;
    }
    return 0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int run_code(const cli_command *cmd, int argc, char **argv)
{
    const char *format = "jsonl", *input_format = NULL;
    long max_doc = 0;
    bool stats = false, no_progress = false;
    const cli_opt opts[] = {
        {"format", "FMT", CLI_OPT_STRING, &format, "output format: jsonl (default), tsv, csv"},
        {"input-format", "FMT", CLI_OPT_STRING, &input_format,
         "input format: auto (default), text, jsonl, petrarch, tabari"},
        {"max-doc-bytes", "N", CLI_OPT_INT, &max_doc,
         "reject documents larger than N bytes (default 32 MiB)"},
        {"stats", NULL, CLI_OPT_FLAG, &stats,
         "print documents, sentences, events and seconds to stderr"},
        {"no-progress", NULL, CLI_OPT_FLAG, &no_progress,
         "no progress line, even on a terminal"},
        {NULL, NULL, 0, NULL, NULL},
    };
    int npos;
    if (!cli_parse(cmd, opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    dyad_output_format out_format;
    if (dyad_output_format_from_name(format, &out_format) != DYAD_OK)
        return cli_usage_error(cmd, "unknown output format '%s' (jsonl, tsv, csv)", format);
    cli_inputs in = {0};
    if (!cli_input_format(cmd, input_format, &in.format))
        return CLI_EXIT_USAGE;
    if (max_doc < 0)
        return cli_usage_error(cmd, "--max-doc-bytes must be positive");
    in.max_doc_bytes = (size_t)max_doc;
    in.progress = !no_progress;

    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    code_state s = {0};
    if (dyad_analysis_new(NULL, &s.analysis) != DYAD_OK ||
        dyad_writer_open(stdout, out_format, NULL, &s.writer) != DYAD_OK) {
        cli_errorf("cannot start: out of memory or unwritable output");
        dyad_analysis_free(s.analysis);
        return CLI_EXIT_FATAL;
    }
    int status = cli_for_each_doc(&in, npos, argv, code_doc, &s);
    if (dyad_writer_close(s.writer) != DYAD_OK)
        s.output_failed = true;
    dyad_analysis_free(s.analysis);
    if (s.rejected && status == CLI_EXIT_OK)
        status = CLI_EXIT_REJECTED;
    if (stats)
        fprintf(stderr, "dyad: %zu documents, %zu sentences, %zu events, %zu rejected, %.3f s\n",
                in.docs, s.sentences, s.events, in.rejected + s.rejected, seconds_since(&t0));
    status = cli_finish_stdout(status);
    return s.output_failed ? CLI_EXIT_FATAL : status;
}

const cli_command cli_cmd_code = {
    "code", "[options] [FILE...]", "code documents into events (JSON Lines, TSV or CSV)",
    run_code, NULL,
    "FILE may be a file, a directory (read recursively) or - for standard input\n"
    "(the default).  .gz and .zst files are decompressed transparently.  Events\n"
    "follow the output contract in dyad(1): doc_id, date, sentence, source,\n"
    "target, code, root, quad, goldstein, source_text, target_text, verb_text,\n"
    "spans, text."};
