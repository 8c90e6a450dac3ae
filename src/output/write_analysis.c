/*
 * write_analysis.c — JSON Lines views of the text layer's work, for
 * `dyad sentences` and `dyad tokens`: what the splitter and tokenizer made
 * of a document, with byte spans into the original text so a user can
 * check them against the source.
 */
#include "output/output.h"

#include <stdio.h>

static dyad_status put_prefix(buf *b, const dyad_doc *doc, size_t i)
{
    dyad_status st = buf_append(b, "{\"doc_id\":\"", 11);
    if (!st)
        st = out_json_escape(b, doc->id.ptr, doc->id.len);
    if (!st)
        st = buf_printf(b, "\",\"sentence\":%zu", i);
    return st;
}

static dyad_status emit(FILE *stream, buf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, stream) != b->len)
        return DYAD_EIO;
    buf_clear(b);
    return ferror(stream) ? DYAD_EIO : DYAD_OK;
}

static dyad_status sentence_line(buf *b, const dyad_doc *doc, const dyad_analysis *a, size_t i)
{
    const dyad_sentence *s = &a->sentences[i];
    dyad_status st = put_prefix(b, doc, i);
    if (!st)
        st = buf_printf(b, ",\"span\":[%u,%u],\"text\":\"", s->span.begin, s->span.end);
    if (!st)
        st = out_json_escape(b, a->text + s->span.begin, s->span.end - s->span.begin);
    if (!st)
        st = buf_append(b, "\"}\n", 3);
    return st;
}

static dyad_status token_json(buf *b, const dyad_analysis *a, const dyad_token *t)
{
    dyad_status st = buf_append(b, "{\"text\":\"", 9);
    if (!st)
        st = out_json_escape(b, a->text + t->span.begin, t->span.end - t->span.begin);
    if (!st)
        st = buf_append(b, "\",\"norm\":\"", 10);
    if (!st)
        st = out_json_escape(b, a->norm + t->norm_off, t->norm_len);
    if (!st)
        st = buf_printf(b, "\",\"span\":[%u,%u]}", t->span.begin, t->span.end);
    return st;
}

static dyad_status tokens_line(buf *b, const dyad_doc *doc, const dyad_analysis *a, size_t i)
{
    const dyad_sentence *s = &a->sentences[i];
    dyad_status st = put_prefix(b, doc, i);
    if (!st)
        st = buf_append(b, ",\"tokens\":[", 11);
    for (uint32_t k = 0; k < s->token_n && !st; k++) {
        if (k)
            st = buf_putc(b, ',');
        if (!st)
            st = token_json(b, a, &a->tokens[s->first_token + k]);
    }
    if (!st)
        st = buf_append(b, "]}\n", 3);
    return st;
}

typedef dyad_status (*line_fn)(buf *b, const dyad_doc *doc, const dyad_analysis *a, size_t i);

static dyad_status write_lines(FILE *stream, const dyad_doc *doc, const dyad_analysis *a,
                               line_fn line)
{
    buf b;
    buf_init(&b, NULL);
    dyad_status st = DYAD_OK;
    for (size_t i = 0; i < a->sentence_n && !st; i++) {
        st = line(&b, doc, a, i);
        if (!st)
            st = emit(stream, &b);
    }
    buf_free(&b);
    return st;
}

dyad_status dyad_write_sentences(FILE *stream, const dyad_doc *doc, const dyad_analysis *a)
{
    return write_lines(stream, doc, a, sentence_line);
}

dyad_status dyad_write_tokens(FILE *stream, const dyad_doc *doc, const dyad_analysis *a)
{
    return write_lines(stream, doc, a, tokens_line);
}
