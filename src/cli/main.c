/*
 * main.c — the dyad program: dispatches `dyad <command> ...` to the command
 * files in src/cli/.  Nothing else lives here (STYLE.md, CLI).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

/* Every command, in the order `dyad --help` lists them. */
static const cli_command *const commands[] = {
    &cli_cmd_code,
    &cli_cmd_explain,
    &cli_cmd_validate,
    &cli_cmd_sentences,
    &cli_cmd_tokens,
    &cli_cmd_eval_text,
    &cli_cmd_parse,
    &cli_cmd_train,
    &cli_cmd_eval_syntax,
    &cli_cmd_dict,
    &cli_cmd_query,
    &cli_cmd_export,
};

static void print_main_help(FILE *out)
{
    fprintf(out, "usage: dyad <command> [options] [FILE...]\n\n"
                 "dyad codes political news text into event data (CAMEO).\n\n"
                 "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-14s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(out, "\nRun `dyad <command> --help` for a command's options.\n"
                 "Exit status: 0 all input read, 1 some input rejected, 2 usage error,\n"
                 "3 fatal error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "dyad: missing command; see `dyad --help`\n");
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        print_main_help(stdout);
        return cli_finish_stdout(CLI_EXIT_OK);
    }
    if (!strcmp(name, "--version") || !strcmp(name, "version")) {
        printf("dyad %s\n", dyad_version());
        return cli_finish_stdout(CLI_EXIT_OK);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i]->name))
            return commands[i]->run(commands[i], argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command '%s'; see `dyad --help`\n", name);
    return CLI_EXIT_USAGE;
}
