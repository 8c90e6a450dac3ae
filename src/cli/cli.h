/*
 * cli.h — internal header of the command-line layer.  The CLI uses only the
 * public API (dyad.h); this header shares option parsing, input iteration
 * and diagnostics between the per-command files src/cli/<command>.c.
 *
 * Exit codes (jq-style, documented in dyad(1)):
 *   0  every input was read;  1  some inputs or records were rejected and
 *   the rest processed;  2  usage error;  3  fatal error (I/O on output,
 *   out of memory, unusable dictionary or model).
 */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include "dyad.h"

#include <stdbool.h>
#include <stdio.h>

enum { CLI_EXIT_OK = 0, CLI_EXIT_REJECTED = 1, CLI_EXIT_USAGE = 2, CLI_EXIT_FATAL = 3 };

/* ---- option tables (opts.c) ----
 * Each command declares a table; the same table produces --help text, so
 * help and parsing never disagree.  Long options only, plus -h. */
typedef enum { CLI_OPT_FLAG, CLI_OPT_STRING, CLI_OPT_INT } cli_opt_kind;

typedef struct cli_opt {
    const char *name;  /* "format" for --format */
    const char *arg;   /* placeholder in help, e.g. "FMT"; NULL for flags */
    cli_opt_kind kind;
    void *value;       /* bool*, const char**, long* */
    const char *help;  /* one line */
} cli_opt;

typedef struct cli_command {
    const char *name;
    const char *synopsis; /* e.g. "[options] [FILE...]" */
    const char *summary;  /* one line for `dyad --help` */
    int (*run)(const struct cli_command *cmd, int argc, char **argv);
    const cli_opt *opts;  /* terminated by {NULL}; may be NULL */
    const char *details;  /* extra help paragraph; may be NULL */
} cli_command;

/* Parses argv[1..] against opts; positional arguments are moved to the
 * front of argv and counted in *npos.  --help prints help and exits 0; an
 * error prints one line plus "see `dyad CMD --help`" and returns false. */
bool cli_parse(const cli_command *cmd, const cli_opt *opts, int argc, char **argv, int *npos);
void cli_print_help(const cli_command *cmd, const cli_opt *opts, FILE *out);
/* Prints "dyad: CMD: message" and the help pointer; returns CLI_EXIT_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...);

/* ---- diagnostics (diag.c) ---- */

/* Prints "dyad: <formatted error>" to stderr. */
void cli_print_error(const dyad_error *err);
/* A dyad_diag_fn that prints and counts into *(size_t *)user. */
void cli_diag_print(void *user, const dyad_error *err);
void cli_errorf(const char *fmt, ...);

/* ---- inputs (inputs.c) ----
 * Walks FILE arguments: regular files, directories (recursively, sorted,
 * skipping hidden entries), or stdin for "-" / no arguments, and calls fn
 * for each document read.  Rejected records and unreadable files are
 * reported and counted; the walk goes on. */
typedef struct cli_inputs {
    dyad_format format;
    size_t max_doc_bytes;
    size_t docs;        /* documents delivered */
    size_t rejected;    /* records/files rejected */
    bool progress;      /* show progress on a terminal */
    bool stop;          /* set by fn to stop early (fatal) */
} cli_inputs;

typedef int (*cli_doc_fn)(void *user, const dyad_doc *doc);

/* Returns CLI_EXIT_OK, CLI_EXIT_REJECTED or CLI_EXIT_FATAL (fn returned
 * non-zero or output failed). */
int cli_for_each_doc(cli_inputs *in, int n, char **paths, cli_doc_fn fn, void *user);

/* Checks ferror/fclose on stdout; prints and returns CLI_EXIT_FATAL on a
 * failed write, else status unchanged. */
int cli_finish_stdout(int status);

/* ---- inspection commands (inspect.c) ----
 * Shared body of `dyad sentences` and `dyad tokens`: read documents,
 * analyse each and print it with write_fn. */
typedef dyad_status (*cli_inspect_fn)(FILE *out, const dyad_doc *doc, const dyad_analysis *a);
int cli_run_inspect(const cli_command *cmd, int argc, char **argv, cli_inspect_fn write_fn);

/* Parses --input-format NAME into *out; prints a usage error on failure. */
bool cli_input_format(const cli_command *cmd, const char *name, dyad_format *out);

/* ---- coding set-up (coding.c) ---- */

/* The dictionary folder used without --dict: $DYAD_DICT_DIR, the installed
 * PREFIX/share/dyad/dict, else ./data/dict. */
const char *cli_default_dict_dir(void);
/* Loads the dictionaries (dict_dir NULL: the default) and, unless no_model,
 * the syntax model (model_path NULL: the usual search; when none is found
 * a warning is printed and *model stays NULL).  Errors are printed;
 * returns CLI_EXIT_OK or CLI_EXIT_FATAL. */
int cli_load_coding(const char *dict_dir, const char *model_path, bool no_model,
                    dyad_lexicon **lex, dyad_model **model);

/* ---- commands (one file each) ---- */
extern const cli_command cli_cmd_code;
extern const cli_command cli_cmd_sentences;
extern const cli_command cli_cmd_tokens;
extern const cli_command cli_cmd_eval_text;
extern const cli_command cli_cmd_train;
extern const cli_command cli_cmd_eval_syntax;
extern const cli_command cli_cmd_parse;
extern const cli_command cli_cmd_dict;
extern const cli_command cli_cmd_query;
extern const cli_command cli_cmd_export;
extern const cli_command cli_cmd_validate;
extern const cli_command cli_cmd_explain;

#endif
