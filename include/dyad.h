/*
 * dyad.h — the one public header of libdyad, a political event coder.
 *
 * Pipeline: documents are read (dyad_reader), split into sentences and
 * tokens (dyad_analyze), tagged and parsed (syntax layer), matched against
 * dictionaries (lexicon), coded into events (coder) and written out
 * (dyad_writer) or stored.  Every section below belongs to one layer and
 * appears in pipeline order.
 *
 * Conventions (see docs/api.md):
 *   - Functions return dyad_status; DYAD_OK is 0.  Results go through
 *     out-parameters; details of a failure go into a caller-supplied
 *     dyad_error when one is given (it may be NULL).
 *   - Spans are half-open [begin, end) byte offsets into the original
 *     document text.  Strings are (ptr, len) slices, never assumed to be
 *     NUL-terminated unless a comment says so.
 *   - Every _free function accepts NULL.
 *   - Objects are not thread-safe; use one per thread.  Read-only shared
 *     data (lexicons, models) say so where they are safe to share.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.1.0"
#define DYAD_VERSION_MAJOR 0
#define DYAD_VERSION_MINOR 1
#define DYAD_VERSION_PATCH 0

/* The library's version string, e.g. "0.1.0".  Static storage. */
const char *dyad_version(void);

/* ------------------------------------------------------------------ */
/* Core: status codes, errors, allocation                              */
/* ------------------------------------------------------------------ */

/* Result codes.  Values are fixed: never renumbered or reused. */
typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_ENOMEM = 1,      /* an allocation failed */
    DYAD_EIO = 2,         /* a read or write failed (errno in message) */
    DYAD_EPARSE = 3,      /* input is not well formed */
    DYAD_EINVAL = 4,      /* bad argument or option */
    DYAD_EFORMAT = 5,     /* unknown or undetectable format */
    DYAD_ELIMIT = 6,      /* a documented size or depth limit was hit */
    DYAD_ENOTFOUND = 7,   /* a file, key or entry does not exist */
    DYAD_ECORRUPT = 8,    /* a compiled file or compressed stream is damaged */
    DYAD_EENCODING = 9,   /* invalid UTF-8 or other encoding problem */
    DYAD_EDATE = 10,      /* a date does not parse or is out of range */
    DYAD_EFIELD = 11,     /* a record lacks a field or has the wrong type */
    DYAD_EDB = 12,        /* a database error */
    DYAD_EUNSUPPORTED = 13 /* feature not built in */
} dyad_status;

/* A short English description of a status, e.g. "out of memory". */
const char *dyad_status_str(dyad_status status);

/* Where and why something failed.  Text fields are NUL-terminated and
 * truncated to fit.  line/column are 1-based; 0 means unknown. */
typedef struct dyad_error {
    dyad_status code;
    char file[512];
    unsigned long line;
    unsigned long column;
    char record[256]; /* record id when the input has ids, else "" */
    char message[512];
} dyad_error;

/* Formats an error as "FILE:LINE: message" (or "FILE: record ID: message",
 * or just "message" when no place is known) into buf (always
 * NUL-terminated when size > 0).  Returns buf. */
char *dyad_error_format(const dyad_error *err, char *buf, size_t size);

/* A diagnostic callback: readers report each bad record through it and go
 * on with the next one.  err is only valid during the call. */
typedef void (*dyad_diag_fn)(void *user, const dyad_error *err);

/* All of libdyad's allocation goes through one of these, so tests can fail
 * the Nth allocation.  free must accept NULL.  realloc(p, n) with p == NULL
 * behaves as alloc(n). */
typedef struct dyad_allocator {
    void *(*alloc)(void *user, size_t size);
    void *(*realloc)(void *user, void *ptr, size_t size);
    void (*free)(void *user, void *ptr);
    void *user;
} dyad_allocator;

/* The malloc/realloc/free allocator.  Static storage. */
const dyad_allocator *dyad_default_allocator(void);

/* A (pointer, length) string slice; not NUL-terminated unless stated. */
typedef struct dyad_str {
    const char *ptr;
    size_t len;
} dyad_str;

/* A half-open byte range [begin, end) in a document's text. */
typedef struct dyad_span {
    uint32_t begin;
    uint32_t end;
} dyad_span;

/* A calendar date; year == 0 means unknown. */
typedef struct dyad_date {
    int16_t year;
    int8_t month;
    int8_t day;
} dyad_date;

/* Parses "YYYY-MM-DD", "YYYYMMDD" or an ISO 8601 date-time whose first ten
 * characters are a date ("2023-03-08T10:00:00Z").  Checks the calendar
 * (month lengths, leap years) and years 1000..9999.  Returns DYAD_OK or
 * DYAD_EDATE. */
dyad_status dyad_date_parse(const char *s, size_t len, dyad_date *out);

/* Writes "YYYY-MM-DD" (or "" for an unknown date) into buf[11]. */
char *dyad_date_format(dyad_date date, char buf[11]);

/* ------------------------------------------------------------------ */
/* Text layer: documents and readers                                   */
/* ------------------------------------------------------------------ */

typedef enum dyad_format {
    DYAD_FORMAT_AUTO = 0,
    DYAD_FORMAT_TEXT = 1,         /* plain text press release */
    DYAD_FORMAT_JSONL = 2,        /* JSON Lines: id, date, text, ... */
    DYAD_FORMAT_PETRARCH_XML = 3, /* <Sentences><Sentence ...> */
    DYAD_FORMAT_TABARI = 4        /* TABARI .text records */
} dyad_format;

/* "text", "jsonl", "petrarch", "tabari" (and "auto").  Returns DYAD_EINVAL
 * for an unknown name. */
dyad_status dyad_format_from_name(const char *name, dyad_format *out);
const char *dyad_format_name(dyad_format format);

/* A key/value pair a reader keeps from a record beyond the common fields
 * (PETRARCH <EventCoding> attributes, TABARI expectation comments, XML
 * attributes such as category).  Keys repeat when a record has several. */
typedef struct dyad_meta {
    dyad_str key;
    dyad_str value;
} dyad_meta;

/* A sentence whose boundaries (and possibly parse) came with the input,
 * as in PETRARCH XML: text span within the document, the raw parse text
 * (Penn Treebank brackets or CoNLL-U; empty if none). */
typedef struct dyad_given_sentence {
    dyad_span span;
    dyad_str parse;
} dyad_given_sentence;

/* One document.  All strings are borrowed from the reader and valid until
 * the next dyad_reader_next() or dyad_reader_close().  text is
 * NUL-terminated for convenience (text.ptr[text.len] == 0). */
typedef struct dyad_doc {
    dyad_str id;
    dyad_date date;
    dyad_str text;
    dyad_str title;
    dyad_str url;
    dyad_str source;
    const char *file;   /* input name ("-" for stdin); NUL-terminated */
    unsigned long line; /* 1-based line where the record starts */
    dyad_format format;
    const dyad_given_sentence *given; /* NULL unless the format supplies them */
    size_t given_n;
    const dyad_meta *meta;
    size_t meta_n;
} dyad_doc;

/* Limits a reader enforces; a record over a limit is reported and skipped
 * without buffering the rest of it.  Zero fields take the defaults. */
typedef struct dyad_reader_options {
    dyad_format format;     /* DYAD_FORMAT_AUTO detects from name/content */
    size_t max_doc_bytes;   /* default DYAD_DEFAULT_MAX_DOC_BYTES */
    dyad_diag_fn diag;      /* NULL: problems are dropped (not advised) */
    void *diag_user;
    const dyad_allocator *allocator; /* NULL: dyad_default_allocator() */
} dyad_reader_options;

#define DYAD_DEFAULT_MAX_DOC_BYTES (32u * 1024u * 1024u)

typedef struct dyad_reader dyad_reader;

/* Opens path ("-" or NULL for stdin) for streaming.  .gz and .zst inputs
 * are decompressed transparently (detected by magic bytes).  On failure
 * *out is NULL and err (if given) says why.  Caller closes with
 * dyad_reader_close(). */
dyad_status dyad_reader_open(const char *path, const dyad_reader_options *opts,
                             dyad_reader **out, dyad_error *err);

/* Opens an in-memory buffer (borrowed; must outlive the reader).  name is
 * used in messages and as the document id for plain text. */
dyad_status dyad_reader_open_memory(const char *data, size_t len, const char *name,
                                    const dyad_reader_options *opts, dyad_reader **out,
                                    dyad_error *err);

/* Reads the next document.  Returns DYAD_OK with *doc set, or DYAD_OK with
 * *doc == NULL at the end of input.  Bad records are reported through the
 * diagnostic callback and skipped; a fatal problem (unreadable stream,
 * corrupt compression) returns its status after reporting it.  *doc is
 * valid until the next call. */
dyad_status dyad_reader_next(dyad_reader *reader, const dyad_doc **doc);

/* The format the reader settled on (after detection). */
dyad_format dyad_reader_format(const dyad_reader *reader);

/* Number of records reported bad and skipped so far. */
size_t dyad_reader_rejected(const dyad_reader *reader);

void dyad_reader_close(dyad_reader *reader);

/* ------------------------------------------------------------------ */
/* Text layer: normalization, sentences and tokens                     */
/* ------------------------------------------------------------------ */

/* Token flags. */
#define DYAD_TOK_SPACE_AFTER 0x01u /* whitespace follows in the original */
#define DYAD_TOK_NEWLINE_AFTER 0x02u
#define DYAD_TOK_CAPITALIZED 0x04u /* first letter is upper case */
#define DYAD_TOK_ALL_CAPS 0x08u
#define DYAD_TOK_NUMBER 0x10u
#define DYAD_TOK_PUNCT 0x20u

/* Syntax fields (upos .. deprel) are 0 until the syntax layer fills them;
 * head is a 1-based token index within the sentence, 0 for the root. */
typedef struct dyad_token {
    dyad_span span;    /* bytes in the document text */
    uint32_t norm_off; /* normalized form: NFC, case-folded, accents */
    uint32_t norm_len; /*   removed; in dyad_analysis.norm */
    uint32_t flags;
    uint32_t lemma;    /* interned lemma id, 0 = none */
    uint16_t upos;
    uint16_t xpos;
    uint16_t deprel;
    uint16_t head;
} dyad_token;

typedef struct dyad_sentence {
    dyad_span span;       /* bytes in the document text */
    uint32_t first_token; /* index into dyad_analysis.tokens */
    uint32_t token_n;
} dyad_sentence;

/* The analysis of one document: sentences and tokens in arrays owned by
 * the analysis and reused across documents (no per-token allocation). */
typedef struct dyad_analysis {
    const char *text; /* borrowed: the document text analysed */
    size_t text_len;
    dyad_sentence *sentences;
    size_t sentence_n;
    dyad_token *tokens;
    size_t token_n;
    const char *norm; /* normalized token forms, back to back */
    size_t norm_len;
    void *internal;
} dyad_analysis;

/* Creates an empty analysis.  allocator may be NULL.  Free with
 * dyad_analysis_free(). */
dyad_status dyad_analysis_new(const dyad_allocator *allocator, dyad_analysis **out);
void dyad_analysis_free(dyad_analysis *analysis);

/* Splits text into sentences and tokens, replacing the analysis contents.
 * text is borrowed and must outlive the analysis results.  Invalid UTF-8
 * bytes are kept in spans and normalized to U+FFFD. */
dyad_status dyad_analyze(dyad_analysis *analysis, const char *text, size_t len);

/* As dyad_analyze, but honours sentences the input supplied (doc->given)
 * and skips a leading dateline/headline where appropriate. */
dyad_status dyad_analyze_doc(dyad_analysis *analysis, const dyad_doc *doc);

/* Normalizes UTF-8 text for matching: NFC, Unicode case folding and removal
 * of combining marks ("Ángel" -> "angel").  Writes into out (grown with
 * allocator as needed; caller frees *out with the allocator).  Invalid
 * bytes become U+FFFD. */
dyad_status dyad_normalize(const char *s, size_t len, const dyad_allocator *allocator,
                           char **out, size_t *out_len);

/* ------------------------------------------------------------------ */
/* Output: events and writers                                          */
/* ------------------------------------------------------------------ */

/* One coded event.  Strings are borrowed (valid during the callback or
 * until the producing object changes).  Unknown spans are {0, 0} with
 * the matching *_text empty. */
typedef struct dyad_event {
    dyad_str doc_id;
    dyad_date date;
    uint32_t sentence; /* 0-based index within the document */
    char source[32];
    char target[32];
    char code[8];  /* CAMEO code, 2-4 digits */
    char root[4];  /* 2 digits */
    int quad;      /* 1-4 */
    double goldstein;
    dyad_str source_text;
    dyad_str target_text;
    dyad_str verb_text;
    dyad_span source_span;
    dyad_span target_span;
    dyad_span verb_span;
    dyad_str text; /* the sentence */
} dyad_event;

typedef enum dyad_output_format {
    DYAD_OUTPUT_JSONL = 0,
    DYAD_OUTPUT_TSV = 1,
    DYAD_OUTPUT_CSV = 2
} dyad_output_format;

dyad_status dyad_output_format_from_name(const char *name, dyad_output_format *out);

typedef struct dyad_writer dyad_writer;

/* Opens a writer on a stdio stream (borrowed; not closed by the writer).
 * TSV and CSV write their header line on open. */
dyad_status dyad_writer_open(FILE *stream, dyad_output_format format,
                             const dyad_allocator *allocator, dyad_writer **out);

/* Writes one event.  Returns DYAD_EIO when the stream reports an error. */
dyad_status dyad_writer_event(dyad_writer *writer, const dyad_event *event);

/* Flushes and frees the writer; returns DYAD_EIO if any write failed. */
dyad_status dyad_writer_close(dyad_writer *writer);

/* Writes the sentences of an analysed document as JSON Lines, one object
 * per sentence: {"doc_id", "sentence", "span": [begin, end], "text"}.
 * Returns DYAD_EIO when the stream reports an error, DYAD_ENOMEM. */
dyad_status dyad_write_sentences(FILE *stream, const dyad_doc *doc, const dyad_analysis *analysis);

/* Writes the tokens of an analysed document as JSON Lines, one object per
 * sentence: {"doc_id", "sentence", "tokens": [{"text", "norm", "span"}]}. */
dyad_status dyad_write_tokens(FILE *stream, const dyad_doc *doc, const dyad_analysis *analysis);

/* ------------------------------------------------------------------ */
/* Store: documents, sentences and events in SQLite or PostgreSQL      */
/* ------------------------------------------------------------------ */

/* An open event store (docs/store.md).  One connection; not thread-safe:
 * use one store per thread. */
typedef struct dyad_store dyad_store;

/* Named limits the store enforces on what callers hand it. */
#define DYAD_STORE_MAX_ID_BYTES 1024u      /* document id */
#define DYAD_STORE_MAX_PATTERN_BYTES 32u   /* actor/code pattern in a query */
#define DYAD_STORE_MAX_TEXT_QUERY_BYTES 1024u
#define DYAD_STORE_MAX_BATCH_DOCS 100000u

typedef struct dyad_store_options {
    const dyad_allocator *allocator; /* NULL: dyad_default_allocator() */
    int read_only;        /* open for queries only; no migrations run */
    int busy_timeout_ms;  /* SQLite: wait this long for a lock (default
                             5000; negative: do not wait) */
    size_t batch_docs;    /* documents per transaction (default: 1 for
                             SQLite, 200 for PostgreSQL, which loads each
                             batch with COPY); at most
                             DYAD_STORE_MAX_BATCH_DOCS */
} dyad_store_options;

/* Opens (creating when needed) the store at uri_or_path: a path opens an
 * SQLite file in WAL mode; "postgresql://..." or "postgres://..." (or a
 * "pg:" prefix before a libpq conninfo string) connects with libpq.
 * Brings the schema up to date (versioned migrations recorded in table
 * schema_version) unless opts->read_only.  opts may be NULL.  On failure
 * *out is NULL, err says why; DYAD_EDB for database errors (locked, read
 * only, newer schema, connection refused), DYAD_EUNSUPPORTED when the
 * schema is newer than this library.  Close with dyad_store_close(). */
dyad_status dyad_store_open(const char *uri_or_path, const dyad_store_options *opts,
                            dyad_store **out, dyad_error *err);

/* Commits any pending batch and closes the store.  Accepts NULL.  Returns
 * the status of the final commit (documents of a failed batch are not
 * stored; re-running adds them). */
dyad_status dyad_store_close(dyad_store *store, dyad_error *err);

/* "sqlite" or "postgresql". */
const char *dyad_store_backend(const dyad_store *store);

/* What dyad_store_add_document did with a document. */
typedef enum dyad_store_result {
    DYAD_STORE_ADDED = 0,    /* new document stored */
    DYAD_STORE_SKIPPED = 1,  /* same id and content hash already stored */
    DYAD_STORE_REPLACED = 2  /* same id, different content: old rows replaced */
} dyad_store_result;

/* Adds one document (id, date, source, url, title, text; content hash
 * computed from the text), its sentences (spans into doc->text; may be
 * NULL/0) and its events with provenance (doc id, sentence index, spans,
 * texts).  Events whose sentence has no entry in sentences get one from
 * event->text.  The document and all its rows go into one transaction;
 * with batch_docs > 1 several documents share it, committed when the
 * batch is full, on dyad_store_flush() and on close, so a crash loses at
 * most the open batch and a re-run completes it (already stored
 * documents are skipped).  result (may be NULL) tells whether it was
 * added, skipped or replaced.  Borrowed inputs are copied or sent before
 * return.  Returns DYAD_EINVAL for an empty or over-long id, DYAD_EDB on
 * a database error (the open batch is then rolled back and err says how
 * many documents were lost), DYAD_ENOMEM. */
dyad_status dyad_store_add_document(dyad_store *store, const dyad_doc *doc,
                                    const dyad_sentence *sentences, size_t sentence_n,
                                    const dyad_event *events, size_t event_n,
                                    dyad_store_result *result, dyad_error *err);

/* Commits the open batch now.  DYAD_OK when nothing is pending. */
dyad_status dyad_store_flush(dyad_store *store, dyad_error *err);

/* Store totals: documents, sentences and events. */
typedef struct dyad_store_counts {
    uint64_t documents;
    uint64_t sentences;
    uint64_t events;
} dyad_store_counts;

dyad_status dyad_store_counts_get(dyad_store *store, dyad_store_counts *out, dyad_error *err);

/* Checks the database: SQLite PRAGMA integrity_check plus the FTS index;
 * PostgreSQL: orphaned rows.  DYAD_OK or DYAD_ECORRUPT with details. */
dyad_status dyad_store_check(dyad_store *store, dyad_error *err);

typedef enum dyad_store_period {
    DYAD_PERIOD_NONE = 0,
    DYAD_PERIOD_DAY = 1,
    DYAD_PERIOD_WEEK = 2,  /* ISO weeks, labelled by their Monday */
    DYAD_PERIOD_MONTH = 3  /* labelled by the first of the month */
} dyad_store_period;

/* Grouping bits for aggregates, combined with the period. */
#define DYAD_GROUP_DYAD 0x1u /* source, target */
#define DYAD_GROUP_ROOT 0x2u /* CAMEO root code */
#define DYAD_GROUP_QUAD 0x4u /* quad class */

typedef enum dyad_store_dedup {
    DYAD_DEDUP_NONE = 0,
    DYAD_DEDUP_DAY = 1,   /* Phoenix one-a-day: one per (date, source, target, code) */
    DYAD_DEDUP_STORY = 2  /* one per (document, source, target, code) */
} dyad_store_dedup;

/* Filters for queries; zero/NULL fields do not filter.  Actor and code
 * patterns are a code ("USAGOV") or a prefix ending in '*' ("AZE*");
 * letters, digits and '_' only, case-insensitive, at most
 * DYAD_STORE_MAX_PATTERN_BYTES. */
typedef struct dyad_store_query {
    dyad_date from, to;  /* inclusive; year 0 = open */
    const char *source;
    const char *target;
    const char *actor;   /* source or target */
    const char *code;
    const char *root;    /* two digits */
    int quad;            /* 1-4; 0 = any */
    const char *text;    /* words that must all occur in the sentence
                            (SQLite FTS5 / PostgreSQL full-text search) */
    dyad_store_dedup dedup;
    dyad_store_period by;  /* aggregates only */
    unsigned group;        /* DYAD_GROUP_* bits; aggregates only */
    uint64_t limit;        /* 0 = no limit */
} dyad_store_query;

/* One stored event as a query returns it.  All strings are borrowed and
 * valid only during the callback. */
typedef struct dyad_store_row {
    int64_t event_id;
    dyad_event event;     /* event.text is the sentence */
    dyad_str doc_source;  /* the document's source (publisher) */
    dyad_str doc_url;
    dyad_str added_at;    /* "YYYY-MM-DD HH:MM:SS" UTC when stored */
    uint64_t merged;      /* events this row stands for (1 without dedup) */
} dyad_store_row;

/* One aggregate row: a period (date of its first day; year 0 without a
 * period) and the grouped keys (empty when not grouped). */
typedef struct dyad_store_agg {
    dyad_date period;
    char source[32];
    char target[32];
    char root[4];
    int quad;            /* 0 when not grouped by quad */
    uint64_t count;
    double goldstein_sum;
    double goldstein_mean;
} dyad_store_agg;

/* Callbacks return 0 to go on, non-zero to stop (the query then returns
 * DYAD_OK). */
typedef int (*dyad_store_row_fn)(void *user, const dyad_store_row *row);
typedef int (*dyad_store_agg_fn)(void *user, const dyad_store_agg *agg);

/* Runs a filtered event query, calling fn for each row in (date, event
 * id) order.  Returns DYAD_EINVAL for a bad pattern or date range,
 * DYAD_EDB on a database error. */
dyad_status dyad_store_query_events(dyad_store *store, const dyad_store_query *query,
                                    dyad_store_row_fn fn, void *user, dyad_error *err);

/* Counts, Goldstein sums and means by query->by x query->group, ordered
 * by period then keys.  Same failures as dyad_store_query_events. */
dyad_status dyad_store_query_aggregates(dyad_store *store, const dyad_store_query *query,
                                        dyad_store_agg_fn fn, void *user, dyad_error *err);

/* Layouts for writing query results. */
typedef enum dyad_store_format {
    DYAD_STORE_FORMAT_TABLE = 0,   /* aligned columns for a terminal */
    DYAD_STORE_FORMAT_JSONL = 1,
    DYAD_STORE_FORMAT_TSV = 2,     /* header line, tab-separated */
    DYAD_STORE_FORMAT_CSV = 3,     /* header line, RFC 4180 quoting */
    DYAD_STORE_FORMAT_PHOENIX = 4, /* Phoenix 26 columns, no header */
    DYAD_STORE_FORMAT_GDELT = 5    /* GDELT 2.0 event table, 61 columns,
                                      no header */
} dyad_store_format;

/* "table", "jsonl", "tsv", "csv", "phoenix", "gdelt".  DYAD_EINVAL for
 * another name. */
dyad_status dyad_store_format_from_name(const char *name, dyad_store_format *out);

/* Runs query and writes its events to out (borrowed) in format.  Returns
 * DYAD_EIO when out reports a write error, else as
 * dyad_store_query_events. */
dyad_status dyad_store_write_events(dyad_store *store, const dyad_store_query *query,
                                    dyad_store_format format, FILE *out, dyad_error *err);

/* Runs an aggregate query and writes the rows (table, jsonl, tsv or csv;
 * DYAD_EINVAL for phoenix/gdelt). */
dyad_status dyad_store_write_aggregates(dyad_store *store, const dyad_store_query *query,
                                        dyad_store_format format, FILE *out, dyad_error *err);

#ifdef __cplusplus
}
#endif

#endif /* DYAD_H */
