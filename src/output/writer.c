/*
 * writer.c — dyad_writer: formats events into a reused buffer with one of
 * the per-format modules and writes them to a stdio stream.  The column
 * list shared by TSV and CSV (and the JSONL field order) is defined here so
 * every format carries the same fields (the output contract, issue #2).
 */
#include "output/output.h"

#include <stdio.h>
#include <string.h>

struct dyad_writer {
    const dyad_allocator *allocator;
    FILE *stream;
    const out_format_ops *ops;
    buf line;
    bool failed;
};

const char *const out_columns[] = {"doc_id",      "date",        "sentence",  "source",
                                   "target",      "code",        "root",      "quad",
                                   "goldstein",   "source_text", "target_text", "verb_text",
                                   "spans",       "text"};
const size_t out_column_n = sizeof out_columns / sizeof out_columns[0];

static dyad_status append_spans(buf *b, const dyad_event *ev)
{
    return buf_printf(b, "{\"source\":[%u,%u],\"target\":[%u,%u],\"verb\":[%u,%u]}",
                      ev->source_span.begin, ev->source_span.end, ev->target_span.begin,
                      ev->target_span.end, ev->verb_span.begin, ev->verb_span.end);
}

dyad_status out_column_text(buf *b, const dyad_event *ev, size_t i)
{
    char date[11];
    switch (i) {
    case 0: return buf_append(b, ev->doc_id.ptr, ev->doc_id.len);
    case 1:
        /* Format first: argument evaluation order is unspecified. */
        dyad_date_format(ev->date, date);
        return buf_append(b, date, strlen(date));
    case 2: return buf_printf(b, "%u", ev->sentence);
    case 3: return buf_append(b, ev->source, strlen(ev->source));
    case 4: return buf_append(b, ev->target, strlen(ev->target));
    case 5: return buf_append(b, ev->code, strlen(ev->code));
    case 6: return buf_append(b, ev->root, strlen(ev->root));
    case 7: return buf_printf(b, "%d", ev->quad);
    case 8: return buf_printf(b, "%.1f", ev->goldstein);
    case 9: return buf_append(b, ev->source_text.ptr, ev->source_text.len);
    case 10: return buf_append(b, ev->target_text.ptr, ev->target_text.len);
    case 11: return buf_append(b, ev->verb_text.ptr, ev->verb_text.len);
    case 12: return append_spans(b, ev);
    case 13: return buf_append(b, ev->text.ptr, ev->text.len);
    }
    return DYAD_EINVAL;
}

dyad_status dyad_output_format_from_name(const char *name, dyad_output_format *out)
{
    if (!strcmp(name, "jsonl") || !strcmp(name, "json"))
        *out = DYAD_OUTPUT_JSONL;
    else if (!strcmp(name, "tsv"))
        *out = DYAD_OUTPUT_TSV;
    else if (!strcmp(name, "csv"))
        *out = DYAD_OUTPUT_CSV;
    else
        return DYAD_EINVAL;
    return DYAD_OK;
}

static const out_format_ops *ops_for(dyad_output_format format)
{
    switch (format) {
    case DYAD_OUTPUT_JSONL: return &out_jsonl_ops;
    case DYAD_OUTPUT_TSV: return &out_tsv_ops;
    case DYAD_OUTPUT_CSV: return &out_csv_ops;
    }
    return NULL;
}

static dyad_status flush_line(dyad_writer *w)
{
    if (w->line.len && fwrite(w->line.data, 1, w->line.len, w->stream) != w->line.len)
        w->failed = true;
    buf_clear(&w->line);
    return w->failed ? DYAD_EIO : DYAD_OK;
}

dyad_status dyad_writer_open(FILE *stream, dyad_output_format format,
                             const dyad_allocator *allocator, dyad_writer **out)
{
    *out = NULL;
    const out_format_ops *ops = ops_for(format);
    if (!stream || !ops)
        return DYAD_EINVAL;
    allocator = core_allocator(allocator);
    dyad_writer *w = core_calloc(allocator, 1, sizeof *w);
    if (!w)
        return DYAD_ENOMEM;
    w->allocator = allocator;
    w->stream = stream;
    w->ops = ops;
    buf_init(&w->line, allocator);
    dyad_status st = ops->header ? ops->header(&w->line) : DYAD_OK;
    if (st == DYAD_OK)
        st = flush_line(w);
    if (st != DYAD_OK) {
        buf_free(&w->line);
        core_free(allocator, w);
        return st;
    }
    *out = w;
    return DYAD_OK;
}

dyad_status dyad_writer_event(dyad_writer *w, const dyad_event *ev)
{
    if (w->failed)
        return DYAD_EIO;
    dyad_status st = w->ops->event(&w->line, ev);
    if (st != DYAD_OK) {
        buf_clear(&w->line);
        return st;
    }
    return flush_line(w);
}

dyad_status dyad_writer_close(dyad_writer *w)
{
    if (!w)
        return DYAD_OK;
    if (fflush(w->stream) != 0 || ferror(w->stream))
        w->failed = true;
    dyad_status st = w->failed ? DYAD_EIO : DYAD_OK;
    buf_free(&w->line);
    core_free(w->allocator, w);
    return st;
}
