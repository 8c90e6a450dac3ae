/*
 * opts.c — option parsing and help for every command from one table.
 *
 * Each command describes its options once (cli_opt); parsing, `--help` and
 * the generated option lists in the man page and docs come from that table,
 * so they cannot drift apart.  Long options only ("--name VALUE" or
 * "--name=VALUE"), plus -h; "--" ends options; "-" is a positional (stdin).
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "dyad: %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "; see `dyad %s --help`\n", cmd->name);
    return CLI_EXIT_USAGE;
}

void cli_print_help(const cli_command *cmd, const cli_opt *opts, FILE *out)
{
    fprintf(out, "usage: dyad %s %s\n\n%s\n", cmd->name, cmd->synopsis, cmd->summary);
    if (cmd->details)
        fprintf(out, "\n%s\n", cmd->details);
    fprintf(out, "\noptions:\n");
    for (const cli_opt *o = opts; o && o->name; o++) {
        char left[64];
        if (o->arg)
            snprintf(left, sizeof left, "--%s %s", o->name, o->arg);
        else
            snprintf(left, sizeof left, "--%s", o->name);
        fprintf(out, "  %-24s %s\n", left, o->help);
    }
    fprintf(out, "  %-24s %s\n", "-h, --help", "show this help and exit");
}

static const cli_opt *find_opt(const cli_opt *opts, const char *name, size_t len)
{
    for (const cli_opt *o = opts; o && o->name; o++)
        if (strlen(o->name) == len && !strncmp(o->name, name, len))
            return o;
    return NULL;
}

static bool set_value(const cli_command *cmd, const cli_opt *o, const char *val)
{
    if (o->kind == CLI_OPT_STRING) {
        *(const char **)o->value = val;
        return true;
    }
    errno = 0;
    char *end;
    long v = strtol(val, &end, 10);
    if (errno || end == val || *end) {
        cli_usage_error(cmd, "--%s expects an integer, got '%s'", o->name, val);
        return false;
    }
    *(long *)o->value = v;
    return true;
}

bool cli_parse(const cli_command *cmd, const cli_opt *opts, int argc, char **argv, int *npos)
{
    int pos = 0;
    bool only_positional = false;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_positional || a[0] != '-' || !strcmp(a, "-")) {
            argv[pos++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_positional = true;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            cli_print_help(cmd, opts, stdout);
            exit(cli_finish_stdout(CLI_EXIT_OK));
        }
        if (a[1] != '-') {
            cli_usage_error(cmd, "unknown option '%s'", a);
            return false;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const cli_opt *o = find_opt(opts, name, len);
        if (!o) {
            cli_usage_error(cmd, "unknown option '--%.*s'", (int)len, name);
            return false;
        }
        if (o->kind == CLI_OPT_FLAG) {
            if (eq) {
                cli_usage_error(cmd, "--%s takes no value", o->name);
                return false;
            }
            *(bool *)o->value = true;
            continue;
        }
        const char *val = eq ? eq + 1 : NULL;
        if (!val) {
            if (i + 1 >= argc) {
                cli_usage_error(cmd, "--%s needs a value", o->name);
                return false;
            }
            val = argv[++i];
        }
        if (!set_value(cmd, o, val))
            return false;
    }
    *npos = pos;
    return true;
}
