/*
 * diag.c — how the CLI reports problems: one line on stderr per problem,
 * "dyad: FILE:LINE: reason" (or "dyad: FILE: record ID: reason"), and a
 * clean check of stdout at exit so a full disk or closed pipe is noticed
 * (jq's habit: never exit 0 after a failed write).
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

void cli_print_error(const dyad_error *err)
{
    char line[1400];
    fprintf(stderr, "dyad: %s\n", dyad_error_format(err, line, sizeof line));
}

void cli_diag_print(void *user, const dyad_error *err)
{
    cli_print_error(err);
    if (user)
        (*(size_t *)user)++;
}

void cli_errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dyad: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_finish_stdout(int status)
{
    errno = 0;
    bool bad = fflush(stdout) != 0 || ferror(stdout);
    int saved = errno;
    if (fclose(stdout) != 0 && !bad) {
        bad = true;
        saved = errno;
    }
    if (bad) {
        fprintf(stderr, "dyad: error writing output: %s\n",
                saved ? strerror(saved) : "write failed");
        return CLI_EXIT_FATAL;
    }
    return status;
}
