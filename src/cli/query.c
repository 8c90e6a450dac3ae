/*
 * query.c — `dyad query`: reads events back from a store (issue 7).  With
 * neither --by nor --group it lists matching events; with either it prints
 * aggregates (count, Goldstein sum and mean) by period and group.  Filters
 * map one to one onto dyad_store_query; all SQL lives in the library.
 */
#include "cli/cli.h"

#include <stdbool.h>
#include <string.h>
#include <unistd.h>

static const char *opt_db, *opt_from, *opt_to, *opt_source, *opt_target, *opt_actor, *opt_code,
    *opt_root, *opt_text, *opt_by, *opt_group, *opt_format, *opt_dedup;
static long opt_quad, opt_limit;

static const cli_opt query_opts[] = {
    {"db", "PATH|URI", CLI_OPT_STRING, &opt_db,
     "store to read: SQLite file or postgresql:// URI (required)"},
    {"from", "DATE", CLI_OPT_STRING, &opt_from, "first day, YYYY-MM-DD (inclusive)"},
    {"to", "DATE", CLI_OPT_STRING, &opt_to, "last day, YYYY-MM-DD (inclusive)"},
    {"source", "CODE", CLI_OPT_STRING, &opt_source, "source actor; 'AZE*' matches a prefix"},
    {"target", "CODE", CLI_OPT_STRING, &opt_target, "target actor; 'IGO*' matches a prefix"},
    {"actor", "CODE", CLI_OPT_STRING, &opt_actor, "actor on either side (prefix with '*')"},
    {"code", "CODE", CLI_OPT_STRING, &opt_code, "CAMEO event code, e.g. 042 or '04*'"},
    {"root", "NN", CLI_OPT_STRING, &opt_root, "CAMEO root code (two digits)"},
    {"quad", "N", CLI_OPT_INT, &opt_quad, "quad class 1-4"},
    {"text", "WORDS", CLI_OPT_STRING, &opt_text, "words that must all occur in the sentence"},
    {"dedup", "day|story", CLI_OPT_STRING, &opt_dedup,
     "one event per (date, dyad, code) or per (story, dyad, code)"},
    {"by", "day|week|month", CLI_OPT_STRING, &opt_by, "aggregate by period"},
    {"group", "dyad,root,quad", CLI_OPT_STRING, &opt_group,
     "aggregate by dyad, root and/or quad class (comma-separated)"},
    {"limit", "N", CLI_OPT_INT, &opt_limit, "print at most N rows"},
    {"format", "FMT", CLI_OPT_STRING, &opt_format,
     "table|jsonl|tsv|csv (default: table on a terminal, else tsv)"},
    {NULL, NULL, CLI_OPT_FLAG, NULL, NULL},
};

static bool parse_date(const cli_command *cmd, const char *name, const char *s, dyad_date *out)
{
    if (!s)
        return true;
    if (dyad_date_parse(s, strlen(s), out) == DYAD_OK)
        return true;
    cli_usage_error(cmd, "--%s: '%s' is not a date (YYYY-MM-DD)", name, s);
    return false;
}

static bool parse_group(const cli_command *cmd, const char *s, unsigned *out)
{
    *out = 0;
    while (s && *s) {
        size_t n = strcspn(s, ",");
        if (n == 4 && !strncmp(s, "dyad", 4))
            *out |= DYAD_GROUP_DYAD;
        else if (n == 4 && !strncmp(s, "root", 4))
            *out |= DYAD_GROUP_ROOT;
        else if (n == 4 && !strncmp(s, "quad", 4))
            *out |= DYAD_GROUP_QUAD;
        else {
            cli_usage_error(cmd, "--group: '%.*s' is not dyad, root or quad", (int)n, s);
            return false;
        }
        s += n + (s[n] == ',');
    }
    return true;
}

static bool parse_by(const cli_command *cmd, const char *s, dyad_store_period *out)
{
    *out = DYAD_PERIOD_NONE;
    if (!s)
        return true;
    if (!strcmp(s, "day"))
        *out = DYAD_PERIOD_DAY;
    else if (!strcmp(s, "week"))
        *out = DYAD_PERIOD_WEEK;
    else if (!strcmp(s, "month"))
        *out = DYAD_PERIOD_MONTH;
    else {
        cli_usage_error(cmd, "--by: '%s' is not day, week or month", s);
        return false;
    }
    return true;
}

static bool parse_dedup(const cli_command *cmd, const char *s, dyad_store_dedup *out)
{
    *out = DYAD_DEDUP_NONE;
    if (!s)
        return true;
    if (!strcmp(s, "day"))
        *out = DYAD_DEDUP_DAY;
    else if (!strcmp(s, "story"))
        *out = DYAD_DEDUP_STORY;
    else {
        cli_usage_error(cmd, "--dedup: '%s' is not day or story", s);
        return false;
    }
    return true;
}

static bool build_query(const cli_command *cmd, dyad_store_query *q)
{
    memset(q, 0, sizeof *q);
    q->source = opt_source;
    q->target = opt_target;
    q->actor = opt_actor;
    q->code = opt_code;
    q->root = opt_root;
    q->text = opt_text;
    if (opt_quad < 0 || opt_quad > 4) {
        cli_usage_error(cmd, "--quad must be 1, 2, 3 or 4");
        return false;
    }
    if (opt_limit < 0) {
        cli_usage_error(cmd, "--limit must not be negative");
        return false;
    }
    q->quad = (int)opt_quad;
    q->limit = (uint64_t)opt_limit;
    return parse_date(cmd, "from", opt_from, &q->from) && parse_date(cmd, "to", opt_to, &q->to) &&
           parse_by(cmd, opt_by, &q->by) && parse_group(cmd, opt_group, &q->group) &&
           parse_dedup(cmd, opt_dedup, &q->dedup);
}

static int run_query(const cli_command *cmd, int argc, char **argv)
{
    int npos = 0;
    if (!cli_parse(cmd, query_opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    if (npos > 0)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[0]);
    if (!opt_db)
        return cli_usage_error(cmd, "--db is required");
    dyad_store_query q;
    if (!build_query(cmd, &q))
        return CLI_EXIT_USAGE;
    dyad_store_format fmt = isatty(STDOUT_FILENO) ? DYAD_STORE_FORMAT_TABLE : DYAD_STORE_FORMAT_TSV;
    if (opt_format && (dyad_store_format_from_name(opt_format, &fmt) != DYAD_OK ||
                       fmt > DYAD_STORE_FORMAT_CSV))
        return cli_usage_error(cmd, "--format: '%s' is not table, jsonl, tsv or csv", opt_format);
    dyad_error err;
    if (dyad_store_query_check(&q, &err) != DYAD_OK)
        return cli_usage_error(cmd, "%s", err.message);
    dyad_store_options o = {.read_only = 1};
    dyad_store *store = NULL;
    if (dyad_store_open(opt_db, &o, &store, &err) != DYAD_OK) {
        cli_print_error(&err);
        return CLI_EXIT_FATAL;
    }
    dyad_status st = q.by || q.group ? dyad_store_write_aggregates(store, &q, fmt, stdout, &err)
                                     : dyad_store_write_events(store, &q, fmt, stdout, &err);
    dyad_store_close(store, NULL);
    if (st == DYAD_EINVAL) {
        cli_print_error(&err);
        return CLI_EXIT_USAGE;
    }
    if (st != DYAD_OK) {
        cli_print_error(&err);
        return CLI_EXIT_FATAL;
    }
    return cli_finish_stdout(CLI_EXIT_OK);
}

const cli_command cli_cmd_query = {
    "query", "--db PATH|URI [options]", "query events and aggregates from a store", run_query,
    query_opts,
    "Without --by or --group, lists the matching events (the columns of `dyad code`).\n"
    "With --by and/or --group, prints one row per period and group with the event\n"
    "count, the sum and the mean of the Goldstein scores.  Weeks are ISO weeks named\n"
    "by their Monday; months by their first day.  Example:\n"
    "  dyad query --db events.db --source 'AZE*' --target 'ARM*' --by month --group root"};
