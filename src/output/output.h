/*
 * output.h — internal header of the output layer: the event writers (one
 * file per format) and the escaping helpers they share.
 */
#ifndef DYAD_OUTPUT_H
#define DYAD_OUTPUT_H

#include "core/core.h"

/* Appends s as the inside of a JSON string: quotes, backslashes and control
 * characters escaped, invalid UTF-8 replaced by U+FFFD so the output is
 * always valid JSON. */
dyad_status out_json_escape(buf *b, const char *s, size_t len);

/* The column names every tabular format shares, in order. */
extern const char *const out_columns[];
extern const size_t out_column_n;

/* Renders column i of an event as text into b (no escaping). */
dyad_status out_column_text(buf *b, const dyad_event *ev, size_t i);

typedef struct out_format_ops {
    dyad_status (*header)(buf *b);
    dyad_status (*event)(buf *b, const dyad_event *ev);
} out_format_ops;

extern const out_format_ops out_jsonl_ops;
extern const out_format_ops out_tsv_ops;
extern const out_format_ops out_csv_ops;

#endif
