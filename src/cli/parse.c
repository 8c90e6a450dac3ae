/*
 * parse.c — `dyad parse`: reads documents (any reader format), splits,
 * tokenizes, tags, lemmatizes and parses them, and prints CoNLL-U so users
 * can inspect what the coder sees (issue 4, item 5).
 */
#include "cli/cli.h"

#include <string.h>

static const char *opt_model, *opt_format;

static const cli_opt parse_opts[] = {
    { "model", "PATH", CLI_OPT_STRING, &opt_model,
      "model file or directory (default: search $DYAD_MODEL_DIR, installed, ./data/models)" },
    { "format", "FMT", CLI_OPT_STRING, &opt_format,
      "input format: auto, text, jsonl, petrarch, tabari (default auto)" },
    { NULL, NULL, 0, NULL, NULL },
};

typedef struct parse_ctx {
    const dyad_model *model;
    dyad_syntax *syn;
    dyad_analysis *an;
} parse_ctx;

static void print_field(const char *s, size_t len)
{
    if (len == 0) {
        fputc('_', stdout);
        return;
    }
    for (size_t i = 0; i < len; i++) /* CoNLL-U fields hold no tabs or newlines */
        fputc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i], stdout);
}

static void print_sentence(const parse_ctx *c, const dyad_doc *doc, size_t k)
{
    const dyad_analysis *an = c->an;
    const dyad_sentence *s = &an->sentences[k];
    printf("# sent_id = %.*s-%zu\n# text = ", (int)doc->id.len, doc->id.ptr, k + 1);
    print_field(an->text + s->span.begin, s->span.end - s->span.begin);
    fputc('\n', stdout);
    for (uint32_t i = 0; i < s->token_n; i++) {
        const dyad_token *t = &an->tokens[s->first_token + i];
        dyad_str lemma = dyad_syntax_lemma(c->syn, t->lemma);
        printf("%u\t", i + 1);
        print_field(an->text + t->span.begin, t->span.end - t->span.begin);
        fputc('\t', stdout);
        print_field(lemma.ptr, lemma.len);
        printf("\t%s\t%s\t_\t%u\t%s\t_\t%s\n",
               dyad_model_tag_name(c->model, DYAD_TAGSET_UPOS, t->upos),
               dyad_model_tag_name(c->model, DYAD_TAGSET_XPOS, t->xpos), t->head,
               dyad_model_tag_name(c->model, DYAD_TAGSET_DEPREL, t->deprel),
               t->flags & DYAD_TOK_SPACE_AFTER ? "_" : "SpaceAfter=No");
    }
    fputc('\n', stdout);
}

static int parse_doc(void *user, const dyad_doc *doc)
{
    parse_ctx *c = user;
    if (dyad_analyze_doc(c->an, doc) != DYAD_OK ||
        dyad_syntax_annotate(c->syn, c->an, DYAD_SYNTAX_ALL) != DYAD_OK) {
        cli_errorf("%s: out of memory", doc->file);
        return 1;
    }
    printf("# newdoc id = %.*s\n", (int)doc->id.len, doc->id.ptr);
    for (size_t k = 0; k < c->an->sentence_n; k++)
        if (c->an->sentences[k].token_n)
            print_sentence(c, doc, k);
    return ferror(stdout) ? 1 : 0;
}

static int run_parse(const cli_command *cmd, int argc, char **argv)
{
    int npos;
    if (!cli_parse(cmd, parse_opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    cli_inputs in = { 0 };
    if (opt_format && dyad_format_from_name(opt_format, &in.format) != DYAD_OK)
        return cli_usage_error(cmd, "unknown format '%s'", opt_format);
    dyad_error err = { 0 };
    parse_ctx c = { 0 };
    dyad_model *model;
    if (dyad_model_load(opt_model, NULL, &model, &err) != DYAD_OK) {
        cli_print_error(&err);
        return CLI_EXIT_FATAL;
    }
    c.model = model;
    int status = CLI_EXIT_FATAL;
    if (dyad_syntax_new(model, NULL, &c.syn) == DYAD_OK &&
        dyad_analysis_new(NULL, &c.an) == DYAD_OK)
        status = cli_for_each_doc(&in, npos, argv, parse_doc, &c);
    else
        cli_errorf("out of memory");
    dyad_analysis_free(c.an);
    dyad_syntax_free(c.syn);
    dyad_model_free(model);
    return cli_finish_stdout(status);
}

const cli_command cli_cmd_parse = {
    "parse", "[options] [FILE...]", "print documents as CoNLL-U with tags, lemmas and parses",
    run_parse, parse_opts,
    "Sentences and tokens come from dyad's own splitter and tokenizer; FEATS and DEPS\n"
    "are left empty (_)."};
