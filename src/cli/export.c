/*
 * export.c — `dyad export`: writes every stored event (or a date range)
 * in one of the published layouts: JSON Lines and TSV as `dyad code`
 * prints them, the Phoenix daily-file columns, or the GDELT 2.0 event
 * table columns (issue 7).  Optional one-a-day or per-story deduplication.
 */
#include "cli/cli.h"

#include <string.h>

static const char *opt_db, *opt_format, *opt_dedup, *opt_from, *opt_to;

static const cli_opt export_opts[] = {
    {"db", "PATH|URI", CLI_OPT_STRING, &opt_db,
     "store to read: SQLite file or postgresql:// URI (required)"},
    {"format", "FMT", CLI_OPT_STRING, &opt_format, "jsonl|tsv|phoenix|gdelt (default jsonl)"},
    {"dedup", "day|story", CLI_OPT_STRING, &opt_dedup,
     "one event per (date, dyad, code) or per (story, dyad, code)"},
    {"from", "DATE", CLI_OPT_STRING, &opt_from, "first day, YYYY-MM-DD (inclusive)"},
    {"to", "DATE", CLI_OPT_STRING, &opt_to, "last day, YYYY-MM-DD (inclusive)"},
    {NULL, NULL, CLI_OPT_FLAG, NULL, NULL},
};

static int parse_options(const cli_command *cmd, dyad_store_query *q, dyad_store_format *fmt)
{
    memset(q, 0, sizeof *q);
    *fmt = DYAD_STORE_FORMAT_JSONL;
    if (opt_format && (dyad_store_format_from_name(opt_format, fmt) != DYAD_OK ||
                       *fmt == DYAD_STORE_FORMAT_TABLE || *fmt == DYAD_STORE_FORMAT_CSV))
        return cli_usage_error(cmd, "--format: '%s' is not jsonl, tsv, phoenix or gdelt",
                               opt_format);
    if (opt_dedup && !strcmp(opt_dedup, "day"))
        q->dedup = DYAD_DEDUP_DAY;
    else if (opt_dedup && !strcmp(opt_dedup, "story"))
        q->dedup = DYAD_DEDUP_STORY;
    else if (opt_dedup)
        return cli_usage_error(cmd, "--dedup: '%s' is not day or story", opt_dedup);
    if (opt_from && dyad_date_parse(opt_from, strlen(opt_from), &q->from) != DYAD_OK)
        return cli_usage_error(cmd, "--from: '%s' is not a date (YYYY-MM-DD)", opt_from);
    if (opt_to && dyad_date_parse(opt_to, strlen(opt_to), &q->to) != DYAD_OK)
        return cli_usage_error(cmd, "--to: '%s' is not a date (YYYY-MM-DD)", opt_to);
    return CLI_EXIT_OK;
}

static int run_export(const cli_command *cmd, int argc, char **argv)
{
    int npos = 0;
    if (!cli_parse(cmd, export_opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    if (npos > 0)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[0]);
    if (!opt_db)
        return cli_usage_error(cmd, "--db is required");
    dyad_store_query q;
    dyad_store_format fmt;
    int rc = parse_options(cmd, &q, &fmt);
    if (rc != CLI_EXIT_OK)
        return rc;
    dyad_store_options o = {.read_only = 1};
    dyad_store *store = NULL;
    dyad_error err;
    if (dyad_store_open(opt_db, &o, &store, &err) != DYAD_OK) {
        cli_print_error(&err);
        return CLI_EXIT_FATAL;
    }
    dyad_status st = dyad_store_write_events(store, &q, fmt, stdout, &err);
    dyad_store_close(store, NULL);
    if (st != DYAD_OK) {
        cli_print_error(&err);
        return st == DYAD_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_FATAL;
    }
    return cli_finish_stdout(CLI_EXIT_OK);
}

const cli_command cli_cmd_export = {
    "export", "--db PATH|URI [options]", "write stored events as jsonl, tsv, phoenix or gdelt",
    run_export, export_opts,
    "phoenix: the 26 tab-separated columns of the Phoenix daily files (no header).\n"
    "gdelt: the 61 tab-separated columns of the GDELT 2.0 event table (no header;\n"
    "geography and tone columns empty).  See docs/store.md for every column."};
