/*
 * tokens.c — `dyad tokens`: prints the tokens of each sentence with their
 * normalized (matching) form and byte spans, one JSON object per sentence.
 */
#include "cli/cli.h"

static int run_tokens(const cli_command *cmd, int argc, char **argv)
{
    return cli_run_inspect(cmd, argc, argv, dyad_write_tokens);
}

const cli_command cli_cmd_tokens = {
    "tokens", "[options] [FILE...]", "print the tokens of documents as JSON Lines",
    run_tokens, NULL,
    "Each line: {\"doc_id\", \"sentence\", \"tokens\": [{\"text\", \"norm\", \"span\"}]};\n"
    "norm is the form used for dictionary matching (NFC, case- and accent-folded)."};
