/*
 * sentences.c — `dyad sentences`: prints the sentences the splitter finds,
 * one JSON object per sentence with its byte span in the document.
 */
#include "cli/cli.h"

static int run_sentences(const cli_command *cmd, int argc, char **argv)
{
    return cli_run_inspect(cmd, argc, argv, dyad_write_sentences);
}

const cli_command cli_cmd_sentences = {
    "sentences", "[options] [FILE...]", "print the sentences of documents as JSON Lines",
    run_sentences, NULL,
    "Each line: {\"doc_id\", \"sentence\", \"span\": [begin, end], \"text\"}; spans are\n"
    "byte offsets into the document text."};
