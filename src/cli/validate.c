/*
 * validate.c — `dyad validate FILE`: runs a TABARI or PETRARCH validation
 * suite in its own format (dyad_validate) and prints per-category results
 * and a last line "N of M records correct"; --failures shows each failing
 * record with expected and produced events, --ids lists failing record
 * ids (what tests/spec/run-spec compares with its known-failure lists).
 *
 * Exit status: 0 when the suite ran (whatever the score), 3 when it could
 * not be run (unreadable suite or dictionaries, no model for --parse own).
 */
#include "cli/cli.h"

#include <string.h>

typedef struct validate_ctx {
    bool print_ids;
} validate_ctx;

static void print_fail_id(void *user, const char *id)
{
    validate_ctx *c = user;
    if (c->print_ids)
        printf("FAILED %s\n", id);
}

static void print_trace(void *user, const char *line)
{
    (void)user;
    printf("  | %s\n", line);
}

static int run_validate(const cli_command *cmd, int argc, char **argv)
{
    const char *parse = NULL, *model_path = NULL, *only = NULL, *dict_dir = NULL;
    bool failures = false, ids = false, trace = false, no_fast = false;
    const cli_opt opts[] = {
        {"parse", "MODE", CLI_OPT_STRING, &parse,
         "supplied (default: the suite's parses) or own (dyad's parser)"},
        {"model", "PATH", CLI_OPT_STRING, &model_path,
         "syntax model for --parse own (default: the usual search)"},
        {"failures", NULL, CLI_OPT_FLAG, &failures,
         "show each failing record with expected and produced events"},
        {"ids", NULL, CLI_OPT_FLAG, &ids, "print \"FAILED ID\" for each failing record"},
        {"only", "ID", CLI_OPT_STRING, &only, "check only record ID (or a prefix ending in *)"},
        {"dict-dir", "DIR", CLI_OPT_STRING, &dict_dir,
         "look here for dictionaries the suite names but does not ship"},
        {"trace", NULL, CLI_OPT_FLAG, &trace,
         "print the coder's decisions for each record (as dyad explain)"},
        {"no-fast-paths", NULL, CLI_OPT_FLAG, &no_fast,
         "parse every sentence (the scores must not change)"},
        {NULL, NULL, 0, NULL, NULL},
    };
    int npos;
    if (!cli_parse(cmd, opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    if (npos != 1)
        return cli_usage_error(cmd, "expected one suite file");
    dyad_validate_options vo;
    memset(&vo, 0, sizeof vo);
    vo.parse = DYAD_PARSE_SUPPLIED;
    if (parse && strcmp(parse, "own") == 0)
        vo.parse = DYAD_PARSE_OWN;
    else if (parse && strcmp(parse, "supplied") != 0)
        return cli_usage_error(cmd, "unknown --parse mode '%s' (supplied, own)", parse);
    dyad_model *model = NULL;
    dyad_error err;
    memset(&err, 0, sizeof err);
    if (vo.parse == DYAD_PARSE_OWN && dyad_model_load(model_path, NULL, &model, &err) != DYAD_OK) {
        cli_print_error(&err);
        return CLI_EXIT_FATAL;
    }
    size_t problems = 0;
    validate_ctx ctx = {ids};
    vo.model = model;
    vo.failures = failures ? stdout : NULL;
    vo.report = stdout;
    vo.only = only;
    vo.dict_dir = dict_dir;
    vo.no_fast_paths = no_fast;
    if (trace)
        vo.trace = print_trace;
    vo.diag = cli_diag_print;
    vo.diag_user = &problems;
    dyad_validate_result res;
    dyad_status st = dyad_validate(argv[0], &vo, print_fail_id, &ctx, &res, &err);
    dyad_model_free(model);
    if (st != DYAD_OK) {
        cli_print_error(&err);
        return cli_finish_stdout(CLI_EXIT_FATAL);
    }
    return cli_finish_stdout(CLI_EXIT_OK);
}

const cli_command cli_cmd_validate = {
    "validate", "[options] FILE", "run a TABARI or PETRARCH validation suite",
    run_validate, NULL,
    "FILE is a PETRARCH validation XML file (dictionaries from its <Environment>,\n"
    "relative to the file) or a TABARI .project or .text file (dictionaries from\n"
    "the .project).  Prints one line per category and a last line\n"
    "\"N of M records correct\"."};
