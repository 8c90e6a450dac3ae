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
 * valid until the next call.  After a fatal status the reader is at its
 * end (later calls return DYAD_OK with *doc == NULL).  Some diagnostics
 * are warnings about a document that is still delivered (invalid UTF-8,
 * code DYAD_EENCODING, bytes kept as they are; an unclosed TABARI
 * comment); dyad_reader_rejected() counts the records actually skipped.
 * Formats, fields and messages: docs/input-formats.md. */
dyad_status dyad_reader_next(dyad_reader *reader, const dyad_doc **doc);

/* The format the reader settled on (after detection). */
dyad_format dyad_reader_format(const dyad_reader *reader);

/* Number of records reported bad and skipped so far. */
size_t dyad_reader_rejected(const dyad_reader *reader);

/* Closes the input and frees the reader and every document it handed out.
 * Accepts NULL. */
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
#define DYAD_TOK_BLANK_LINE_AFTER 0x40u /* a blank line follows (paragraph end) */

/* Syntax fields (upos .. deprel) are 0 until the syntax layer fills them;
 * head is a 1-based token index within the sentence, 0 for the root. */
typedef struct dyad_token {
    dyad_span span;    /* bytes in the document text */
    uint32_t norm_off; /* normalized form: NFC, case-folded, accents */
    uint32_t norm_len; /*   removed; in dyad_analysis.norm */
    uint32_t flags;
    uint32_t lemma;    /* lemma id, 0 = none: dyad_syntax_lemma() */
    uint16_t upos;
    uint16_t xpos;
    uint16_t deprel;
    uint16_t head;
} dyad_token;

/* Sentence flags. */
#define DYAD_SENT_DATELINE 0x01u /* "BAKU, March 8 (AFP) -": no sentence, skip when coding */
#define DYAD_SENT_HEADLINE 0x02u /* ended by a blank line without final punctuation */

/* No sentence has more tokens than this: the splitter cuts longer runs
 * (token heads are 16-bit, and parsing cost grows with length). */
#define DYAD_MAX_SENTENCE_TOKENS 1000u

typedef struct dyad_sentence {
    dyad_span span;       /* bytes in the document text */
    uint32_t first_token; /* index into dyad_analysis.tokens */
    uint32_t token_n;
    uint32_t flags;       /* DYAD_SENT_* */
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

/* Creates an empty analysis.  allocator may be NULL (default allocator)
 * and must outlive the analysis.  The caller frees *out with
 * dyad_analysis_free().  DYAD_OK, DYAD_ENOMEM or DYAD_EINVAL.  One analysis
 * per thread; its arrays are reused by every dyad_analyze call. */
dyad_status dyad_analysis_new(const dyad_allocator *allocator, dyad_analysis **out);
/* Frees the analysis and everything it owns; accepts NULL. */
void dyad_analysis_free(dyad_analysis *analysis);

/* Splits text into sentences and tokens (UD English word conventions,
 * docs/text-analysis.md), replacing the analysis contents.  text is
 * borrowed and must outlive the analysis results.  Invalid UTF-8 bytes are
 * kept in spans and normalized to U+FFFD.  A dateline ("BAKU, March 8
 * (AFP) -") becomes its own sentence flagged DYAD_SENT_DATELINE; a block
 * ended by a blank line without final punctuation is flagged
 * DYAD_SENT_HEADLINE.  Returns DYAD_OK, DYAD_ENOMEM, DYAD_EINVAL (NULL text
 * with len > 0) or DYAD_ELIMIT (len > UINT32_MAX); on failure the analysis
 * is empty but usable.  Allocates nothing once its arrays are warm. */
dyad_status dyad_analyze(dyad_analysis *analysis, const char *text, size_t len);

/* As dyad_analyze over doc->text, but when doc->given_n > 0 the given
 * sentence spans are the sentences (only tokenized inside; no dateline or
 * headline detection).  DYAD_EINVAL when a given span lies outside the
 * text. */
dyad_status dyad_analyze_doc(dyad_analysis *analysis, const dyad_doc *doc);

/* Normalizes UTF-8 text for matching: NFC, Unicode case folding, removal
 * of combining marks ("Ángel" -> "angel") and default ignorables, and
 * typographic quotes, apostrophes and dashes mapped to ASCII ("’" -> "'").
 * Writes into *out (allocated with allocator, NULL = default; the caller
 * frees it with the same allocator) and its length into *out_len.  Invalid
 * bytes become U+FFFD.  DYAD_OK, DYAD_ENOMEM or DYAD_EINVAL.  Thread-safe
 * (no shared state). */
dyad_status dyad_normalize(const char *s, size_t len, const dyad_allocator *allocator,
                           char **out, size_t *out_len);

/* ------------------------------------------------------------------ */
/* Syntax: POS tags, lemmas and dependency parses (docs/syntax.md)     */
/* ------------------------------------------------------------------ */

/* A trained syntax model: XPOS and UPOS taggers, lemma tables and the
 * dependency parser, mapped read-only from one file.  Immutable once
 * loaded: one model may be shared by any number of threads. */
typedef struct dyad_model dyad_model;

/* The model file name inside a model directory. */
#define DYAD_MODEL_FILE "en_ewt.dyadsyn"

/* Loads a model.  path is a model file or a directory holding
 * DYAD_MODEL_FILE; NULL searches, in order: $DYAD_MODEL_DIR, the
 * compiled-in DYAD_DATA_DIR "/models" (PREFIX/share/dyad/models), then
 * ./data/models.  Checks magic, format version, size, checksum (XXH3-64)
 * and every offset; a corrupt or truncated file fails with DYAD_ECORRUPT
 * and err names it, a missing one with DYAD_ENOTFOUND (err lists where it
 * looked).  The caller frees *out with dyad_model_free().  Loading maps
 * the file (about 15 ms: most of it is the checksum). */
dyad_status dyad_model_load(const char *path, const dyad_allocator *allocator,
                            dyad_model **out, dyad_error *err);

/* Unmaps and frees a model; accepts NULL.  No dyad_syntax made from it may
 * be used afterwards. */
void dyad_model_free(dyad_model *model);

/* The file the model was loaded from (NUL-terminated, owned by model). */
const char *dyad_model_path(const dyad_model *model);

/* The inventories a dyad_token's ids refer to. */
typedef enum dyad_tagset {
    DYAD_TAGSET_UPOS = 0,  /* dyad_token.upos: UD tags ("NOUN") */
    DYAD_TAGSET_XPOS = 1,  /* dyad_token.xpos: Penn tags ("NNS") */
    DYAD_TAGSET_DEPREL = 2 /* dyad_token.deprel: UD relations ("nsubj") */
} dyad_tagset;

/* The name of id (1-based) in a tag set; "" for 0 or an unknown id.
 * Static for the model's lifetime.  Thread-safe. */
const char *dyad_model_tag_name(const dyad_model *model, dyad_tagset set, uint16_t id);

/* The id of a name in a tag set, 0 when the model does not know it. */
uint16_t dyad_model_tag_id(const dyad_model *model, dyad_tagset set, const char *name);

/* Per-thread tagging/parsing state over a shared model: scratch arrays
 * and the lemma strings of the last annotated text. */
typedef struct dyad_syntax dyad_syntax;

/* Creates a state for model (borrowed; must outlive it).  allocator may be
 * NULL.  Free with dyad_syntax_free().  DYAD_ENOMEM on failure. */
dyad_status dyad_syntax_new(const dyad_model *model, const dyad_allocator *allocator,
                            dyad_syntax **out);
void dyad_syntax_free(dyad_syntax *syntax);

/* What dyad_syntax_annotate fills in. */
#define DYAD_SYNTAX_TAG 0x1u   /* upos, xpos */
#define DYAD_SYNTAX_LEMMA 0x2u /* lemma (implies TAG) */
#define DYAD_SYNTAX_PARSE 0x4u /* head, deprel (implies TAG) */
#define DYAD_SYNTAX_ALL 0x7u

/* Tags, lemmatizes and/or parses every sentence of an analysis in place
 * (fields upos, xpos, lemma, head, deprel of each dyad_token).  Lemma ids
 * refer to strings held by syntax until its next annotate call.
 * DYAD_ENOMEM leaves the analysis partly annotated. */
dyad_status dyad_syntax_annotate(dyad_syntax *syntax, dyad_analysis *analysis, unsigned what);

/* Annotates one sentence given as n word forms (gold tokenization, e.g.
 * from CoNLL-U): fills the syntax fields of tokens[0..n); other fields are
 * left alone.  DYAD_ELIMIT when n > DYAD_MAX_SENTENCE_TOKENS. */
dyad_status dyad_syntax_annotate_words(dyad_syntax *syntax, const dyad_str *forms, size_t n,
                                       dyad_token *tokens, unsigned what);

/* Parses the sentence of the last dyad_syntax_annotate_words call on
 * syntax again, with the upos and xpos now in tokens[0..n) (this model's
 * ids: the ones that call gave, or others) and without tagging: fills
 * head and deprel of each token, the parse DYAD_SYNTAX_TAG |
 * DYAD_SYNTAX_PARSE gives where the tagger chose those tags.  So a
 * caller can tag, look at the tags, and parse only the sentences it
 * needs.  DYAD_EINVAL when n is not that call's number of words (or no
 * such call succeeded since the last dyad_syntax_annotate) or a tag id
 * is not the model's. */
dyad_status dyad_syntax_parse_tagged(dyad_syntax *syntax, dyad_token *tokens, size_t n);

/* The lemma string of a token's lemma id (borrowed from syntax; valid
 * until its next annotate call).  Empty for 0 or an unknown id. */
dyad_str dyad_syntax_lemma(const dyad_syntax *syntax, uint32_t lemma_id);

/* Options for dyad_syntax_train. */
typedef struct dyad_train_options {
    const char *train_path;  /* CoNLL-U training treebank */
    const char *dev_path;    /* CoNLL-U development treebank (epoch selection) */
    const char *out_path;    /* model file to write */
    const char *wordnet_dir; /* *.exc and index.* files; NULL: /usr/share/wordnet */
    uint64_t seed;           /* shuffling and exploration; same seed, same model */
    int tagger_epochs;       /* maximum epochs; 0: 12 */
    int parser_epochs;       /* maximum epochs; 0: 20 */
    FILE *log;               /* progress lines (epoch, dev scores); NULL: quiet */
    dyad_diag_fn diag;       /* malformed CoNLL-U lines; NULL drops them */
    void *diag_user;
    const char *const *unlabeled; /* documents (any reader format) to learn word
                                     capitalization classes from; may be NULL */
    size_t unlabeled_n;
    int refit_with_dev;  /* non-zero: once dev has chosen the epoch counts, train everything
                            again on train + dev for exactly those counts (the
                            shipped model); the dev scores logged then are moot */
} dyad_train_options;

/* Trains taggers, lemma tables and parser and writes the model file.
 * Deterministic for a given seed and input.  Takes a few minutes on UD
 * English EWT.  Fails with the status of the first fatal problem. */
dyad_status dyad_syntax_train(const dyad_train_options *opts, dyad_error *err);

/* Scores of a model on a gold treebank, in percent (0..100). */
typedef struct dyad_syntax_scores {
    size_t sentences, tokens;
    size_t rejected;      /* malformed sentences skipped */
    double upos, xpos, lemma;
    double uas, las;      /* las: full label ("nmod:poss") must match */
    double las_universal; /* universal part of the label only (CoNLL 2018 LAS) */
    double seconds;       /* time spent annotating (not reading) */
} dyad_syntax_scores;

/* Evaluates model on a CoNLL-U file with gold tokenization; sentences
 * whose sent_id does not start with id_prefix (NULL: all) are left out.
 * Malformed lines go to diag and their sentences are skipped. */
dyad_status dyad_syntax_eval(const dyad_model *model, const char *path, const char *id_prefix,
                             dyad_diag_fn diag, void *diag_user, dyad_syntax_scores *out,
                             dyad_error *err);

/* Scores of the whole front of the pipeline from raw text, in percent,
 * all over gold words (a word the tokenizer got wrong counts as wrong). */
typedef struct dyad_syntax_raw_scores {
    size_t sentences, tokens, rejected;
    double token_precision, token_recall, token_f1;
    double upos, uas, las;
} dyad_syntax_raw_scores;

/* Like dyad_syntax_eval, but each sentence's "# text" goes through
 * dyad_analyze (splitter, tokenizer) before tagging and parsing; system
 * tokens are aligned with gold words by character spans. */
dyad_status dyad_syntax_eval_raw(const dyad_model *model, const char *path,
                                 const char *id_prefix, dyad_diag_fn diag, void *diag_user,
                                 dyad_syntax_raw_scores *out, dyad_error *err);

/* ------------------------------------------------------------------ */
/* Lexicon: TABARI / PETRARCH-1 / PETRARCH-2 dictionaries              */
/* ------------------------------------------------------------------ */

/* A compiled lexicon: actors, agents, verbs and their patterns, synsets,
 * discards, issues and TABARI options from any mix of the three syntaxes.
 * Immutable once loaded: one lexicon may be shared read-only by any number
 * of threads.  See docs/dictionaries.md. */
typedef struct dyad_lexicon dyad_lexicon;

typedef struct dyad_lexicon_options {
    const dyad_allocator *allocator; /* NULL: dyad_default_allocator() */
    dyad_diag_fn diag;   /* each malformed line "FILE:LINE: reason"; NULL drops */
    void *diag_user;
    int strict;          /* non-zero: a malformed line fails the load (DYAD_EPARSE) */
    int no_cache;        /* dyad_lexicon_load_dir: never read or write a cache */
    const char *wordnet_dir; /* folder with verb.exc; NULL: /usr/share/wordnet,
                                then ../shared/data/wordnet-morphy */
} dyad_lexicon_options;

/* Loads dictionary files (kind from the name: *actors*, *agents*, *verbs*
 * or CAMEO*, *discards*, *issue*, *.options, *.project; syntax from
 * extension and content).  Malformed lines are reported and skipped.  On
 * success the caller frees *out with dyad_lexicon_free().  Fails with
 * DYAD_ENOTFOUND/DYAD_EIO (unreadable), DYAD_EFORMAT (kind unknown),
 * DYAD_EPARSE (strict), DYAD_ENOMEM, DYAD_ELIMIT. */
dyad_status dyad_lexicon_load_files(const char *const *paths, size_t n,
                                    const dyad_lexicon_options *opts, dyad_lexicon **out,
                                    dyad_error *err);

/* Loads every dictionary file in dir (other files are ignored).  Uses the
 * compiled cache when it is valid and no source changed (size, mtime or
 * file set), else reads the text and rewrites the cache ("dir/.dyad-lexicon"
 * if dir is writable, else $XDG_CACHE_HOME/dyad/).  A damaged cache is
 * reported through diag and rebuilt. */
dyad_status dyad_lexicon_load_dir(const char *dir, const dyad_lexicon_options *opts,
                                  dyad_lexicon **out, dyad_error *err);

/* Writes the lexicon as one versioned, checksummed, mmap-able cache file
 * (written to a temporary name and renamed).  DYAD_EIO on failure. */
dyad_status dyad_lexicon_compile(const dyad_lexicon *lex, const char *path, dyad_error *err);

/* Maps a compiled cache; every offset, count and the CRC are checked.
 * DYAD_ECORRUPT (named in err) for a damaged or truncated file,
 * DYAD_EFORMAT for a wrong magic or version. */
dyad_status dyad_lexicon_load_cache(const char *path, const dyad_lexicon_options *opts,
                                    dyad_lexicon **out, dyad_error *err);

/* The cache path dyad_lexicon_load_dir uses for dir, into out (size bytes).
 * DYAD_ELIMIT when it does not fit. */
dyad_status dyad_lexicon_cache_path(const char *dir, char *out, size_t size);

void dyad_lexicon_free(dyad_lexicon *lex);

typedef struct dyad_lexicon_stats {
    size_t files;
    size_t actors, actor_phrases, actor_codes;
    size_t agents, agent_phrases;
    size_t verb_blocks, verbs, verb_forms, patterns;
    size_t synsets, synset_members;
    size_t discards, issues, options, transformations;
    size_t words, trie_nodes;
    size_t bytes; /* memory held by the tables */
    int from_cache;
} dyad_lexicon_stats;

/* Fills *out with counts.  Never fails on a valid lexicon. */
dyad_status dyad_lexicon_stats_get(const dyad_lexicon *lex, dyad_lexicon_stats *out);

typedef enum dyad_lex_kind {
    DYAD_LEX_ACTOR = 1,
    DYAD_LEX_AGENT = 2,
    DYAD_LEX_VERB = 3,
    DYAD_LEX_SYNSET = 4,
    DYAD_LEX_DISCARD = 5,
    DYAD_LEX_ISSUE = 6
} dyad_lex_kind;

/* "actor", "agent", ... */
const char *dyad_lex_kind_name(dyad_lex_kind kind);

/* One thing a phrase resolves to.  Strings borrow from the lexicon. */
typedef struct dyad_lex_match {
    dyad_lex_kind kind;
    size_t words;      /* how many words of the input matched */
    dyad_str name;     /* actor root, verb lemma, synset name, issue/discard phrase owner */
    dyad_str code;     /* code for the date ("" when none applies) */
    dyad_str file;     /* the line that holds the phrase */
    unsigned long line;
    unsigned long code_line; /* the line that gives the code (0 = same) */
    dyad_str block;    /* verbs: the verb block name; else "" */
    unsigned flags;    /* DYAD_LEX_STEM, DYAD_LEX_STORY, DYAD_LEX_GENERATED */
} dyad_lex_match;

#define DYAD_LEX_STEM 0x01u      /* TABARI stem: matches words starting so */
#define DYAD_LEX_STORY 0x02u     /* discard applies to the whole story */
#define DYAD_LEX_GENERATED 0x04u /* form or plural made by rule */
#define DYAD_LEX_CODE_FIRST 0x08u /* agent "NGO~": code goes before the actor's */

/* Resolves the longest prefix of phrase (words split on blanks and '_',
 * normalized as dyad_normalize does) that the lexicon knows, for a document
 * dated date (year 0: undated, default codes); a TABARI stem ("PALESTIN")
 * also matches a word it begins ("Palestinians").  Writes up to cap matches
 * (every entry on that phrase) and their total count into *n.  Returns
 * DYAD_ENOTFOUND when no prefix is known. */
dyad_status dyad_lexicon_lookup(const dyad_lexicon *lex, const char *phrase, size_t len,
                                dyad_date date, dyad_lex_match *out, size_t cap, size_t *n);

/* Lints the lexicon: conflicting duplicates, codes that are not CAMEO,
 * patterns that can never match, date ranges that overlap with different
 * codes, undefined synsets.  Each problem goes to diag as FILE:LINE: message
 * whose message starts with its kind ("duplicate:", "code:", "never
 * matches:", "dates:", "synset:").  Returns the number of problems. */
size_t dyad_lexicon_check(const dyad_lexicon *lex, dyad_diag_fn diag, void *user);

/* Looks up a CAMEO event code ("0874"): root, Goldstein value and quad
 * class (1 verbal cooperation .. 4 material conflict).  DYAD_ENOTFOUND for
 * a string that is not a CAMEO code.  Static data; thread-safe. */
dyad_status dyad_cameo_lookup(const char *code, size_t len, double *goldstein, int *quad);

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
/* Coder: documents to events (docs/coder.md)                          */
/* ------------------------------------------------------------------ */

/* Which parse the coder works on. */
typedef enum dyad_parse_mode {
    DYAD_PARSE_AUTO = 0,     /* the input's parse when it has one, else dyad's own */
    DYAD_PARSE_SUPPLIED = 1, /* only the input's parse (sentences without one: own) */
    DYAD_PARSE_OWN = 2       /* always dyad's own tagger and parser (or none) */
} dyad_parse_mode;

/* Quad-class conventions for dyad_event.quad. */
typedef enum dyad_quad_convention {
    DYAD_QUAD_GDELT = 0,  /* GDELT: 01-05 verbal coop., 06-08 material coop.,
                             09-13 verbal conflict, 14-20 material conflict */
    DYAD_QUAD_PHOENIX = 1 /* Phoenix: 01-02 neutral (0), 03-05 verbal coop.,
                             06-08 material coop., 09-13 verbal conflict,
                             14-20 material conflict */
} dyad_quad_convention;

/* Receives trace lines of the coder's decisions (dyad explain).  line is
 * NUL-terminated and valid during the call only. */
typedef void (*dyad_trace_fn)(void *user, const char *line);

typedef struct dyad_coder_options {
    const dyad_allocator *allocator; /* NULL: dyad_default_allocator() */
    dyad_parse_mode parse;
    dyad_quad_convention quad;
    int allow_monads;        /* code events missing a source or target ("---");
                                default off (PETRARCH/TABARI require_dyad) */
    int keep_self_events;    /* keep events whose source equals target */
    int no_fast_paths;       /* parse every sentence, even one with no actor
                                or verb or one parsed before (results must
                                not change) */
    const char *default_source; /* TABARI DEFAULT: code used when a verb has
                                   no source (NULL: none) */
    const char *default_target; /* ... and when it has no target */
    int tabari_code;         /* TABARI dictionaries without a parse: 0 code each
                                clause once (CODE BY CLAUSE, default), 1 each
                                sentence once (CODE BY SENTENCE), 2 every verb
                                (CODE ALL) */
    int min_words;           /* TABARI MINIMUM WORDS: shorter sentences are not
                                coded (0: no minimum) */
    dyad_trace_fn trace;     /* NULL: no trace */
    void *trace_user;
    int context_actors;      /* document context (dyad code, explain; off in
                                the validation suites, which expect
                                PETRARCH's rules): an agent with no country
                                ("the head of state") takes the country it
                                was named with, the publisher's (doc url)
                                for an official release's own "the
                                President", "the Administration",
                                "Congress", or the
                                document's main country, never a state
                                without the office (a prime minister of the
                                United States) nor a president it never had
                                ("President Macron" in a White House
                                release); "Georgia" is the US state
                                where its sentence or paragraph says so
                                ("Atlanta, Georgia"); "he"/"she" opening a sentence
                                stand for the previous sentence's first
                                actor; a 010 statement whose target is only
                                inside the reported clause, and events
                                between an actor and its own country
                                (AZE -> AZEGOV), are dropped */
    int convert_agents;      /* TABARI SET: CONVERT AGENT = TRUE: an agent
                                with no actor ("the Muslims", "security
                                forces") is an actor coded "~" + the agent's
                                code (~MOS, ~MIL); 0: TABARI ignores it */
    int forward_story;       /* TABARI FORWARD: documents coded one after the
                                other whose ids differ only after the last
                                '-' ("FRWD-001-002" after "FRWD-001-001")
                                are one story, and a pronoun with no actor
                                before it in its sentence stands for the
                                first actor of the story's previous
                                sentence */
    int comma_clauses[6];    /* TABARI COMMA: MIN MAX EMIN EMAX BMIN BMAX;
                                without a parse, a comma-delimited clause
                                of MIN..MAX words inside the sentence,
                                EMIN..EMAX words at its end or BMIN..BMAX
                                words at its start is removed before coding
                                (TABARI counts blank-separated words); all
                                0: no removal */
    int default_prior;       /* TABARI DEFAULT: SOURCE [X] PRIOR: without a
                                parse, the source is never taken from after
                                the verb (default_source instead); 0: TABARI's
                                rule, the clause's first actor, even one after
                                the verb */
    int default_after;       /* TABARI DEFAULT: TARGET [Y] AFTER: the target
                                is never taken from before the verb
                                (default_target instead); 0: TABARI looks
                                back before the verb when none follows it */
} dyad_coder_options;

/* Where an event came from, besides the spans in dyad_event.  Strings
 * borrow from the lexicon (valid while it lives); line 0 = none. */
typedef struct dyad_event_provenance {
    dyad_str source_file;  /* actor dictionary entry of the source */
    unsigned long source_line;
    dyad_str target_file;
    unsigned long target_line;
    dyad_str verb_file;    /* the verb form's line */
    unsigned long verb_line;
    dyad_str pattern_file; /* the pattern that fired (line 0: verb default) */
    unsigned long pattern_line;
} dyad_event_provenance;

/* Called once per event; return non-zero to stop coding the document
 * (dyad_coder_code then returns DYAD_OK).  Both structs are valid during
 * the call only. */
typedef int (*dyad_event_fn)(void *user, const dyad_event *event,
                             const dyad_event_provenance *prov);

typedef struct dyad_coder dyad_coder;

/* Creates a coder over lexicon (borrowed, must outlive the coder) and an
 * optional syntax model (borrowed; NULL: no tagger or parser, sentences
 * are coded linearly unless the input supplies parses).  opts may be NULL.
 * Free with dyad_coder_free().  DYAD_ENOMEM.  A coder is not thread-safe;
 * lexicon and model may be shared by coders of several threads. */
dyad_status dyad_coder_new(const dyad_lexicon *lexicon, const dyad_model *model,
                           const dyad_coder_options *opts, dyad_coder **out);
void dyad_coder_free(dyad_coder *coder);

/* Codes one document: analyses it into analysis (NULL: the coder's own),
 * tags and parses what needs it, and calls fn for every event in sentence
 * order.  Returns DYAD_OK (also when fn stopped early), DYAD_ENOMEM, or
 * DYAD_EPARSE when a supplied parse is unreadable (the sentence is then
 * coded with dyad's own parse and err says which). err may be NULL. */
dyad_status dyad_coder_code(dyad_coder *coder, const dyad_doc *doc, dyad_analysis *analysis,
                            dyad_event_fn fn, void *user, dyad_error *err);

/* What a coder has done since dyad_coder_new: sentences looked at, and
 * how many of them its model tagged and parsed (the others the parse fast
 * path showed could yield no event, or there is no model, or the input
 * supplied parses). */
typedef struct dyad_coder_counts {
    size_t sentences;
    size_t parsed;
} dyad_coder_counts;
void dyad_coder_get_counts(const dyad_coder *coder, dyad_coder_counts *out);

/* Fills root, quad and goldstein of ev from its code with the CAMEO table
 * and convention.  DYAD_ENOTFOUND for a code the table lacks (fields then
 * hold the two-digit root, quad 0, goldstein 0). */
dyad_status dyad_event_fill_cameo(dyad_event *ev, dyad_quad_convention quad);

/* Options of dyad_validate. */
typedef struct dyad_validate_options {
    dyad_parse_mode parse;   /* supplied (default for PETRARCH XML) or own */
    const dyad_model *model; /* NULL: no own parser */
    FILE *failures;          /* non-NULL: each failing record with expected and
                                produced events is written here */
    FILE *report;            /* per-category lines and the final
                                "N of M records correct" line; NULL: none */
    const char *only;        /* record id or id prefix ending in '*'; NULL: all */
    const char *dict_dir;    /* also look for the suite's dictionaries here
                                (PETRARCH2's GSR file names Phoenix files it
                                does not ship); NULL: only next to the suite */
    dyad_trace_fn trace;     /* the coder's decisions (dyad explain); NULL: none */
    void *trace_user;
    int no_fast_paths;       /* parse every sentence (results must not change) */
    dyad_diag_fn diag;       /* problems in the suite or its dictionaries */
    void *diag_user;
} dyad_validate_options;

/* Totals of a validation run. */
typedef struct dyad_validate_result {
    size_t records;   /* checked records */
    size_t correct;
    size_t skipped;   /* not checked (TABARI "-{", categories not included) */
    size_t errors;    /* records that could not be coded (bad parse ...) */
} dyad_validate_result;

/* Called with the id of each failing record (NUL-terminated). */
typedef void (*dyad_validate_fail_fn)(void *user, const char *record_id);

/* Runs a validation suite in its own format: PETRARCH validation XML
 * (dictionaries from <Environment>, relative to the XML file) or a TABARI
 * .project / .text file (dictionaries from the .project).  fail (may be
 * NULL) receives each failing record id.  Returns DYAD_OK when the suite
 * ran (whatever the score), or the status of a fatal problem (unreadable
 * suite or dictionaries, DYAD_EFORMAT for an unknown suite format). */
dyad_status dyad_validate(const char *path, const dyad_validate_options *opts,
                          dyad_validate_fail_fn fail, void *fail_user,
                          dyad_validate_result *out, dyad_error *err);

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
    size_t batch_docs;    /* documents per transaction (default 200; on
                             PostgreSQL each batch is loaded with COPY);
                             1 commits every document; at most
                             DYAD_STORE_MAX_BATCH_DOCS */
} dyad_store_options;

/* Opens (creating when needed) the store at uri_or_path: a path opens an
 * SQLite file in WAL mode; "postgresql://..." or "postgres://..." (or a
 * "pg:" prefix before a libpq conninfo string) connects with libpq.
 * Brings the schema up to date (versioned migrations recorded in table
 * schema_version) unless opts->read_only.  opts may be NULL.  On failure
 * *out is NULL, err says why: DYAD_EDB for database errors (locked, read
 * only, not a database, connection refused), DYAD_EUNSUPPORTED when the
 * schema is newer than this library, DYAD_ELIMIT for a batch over the
 * limit, DYAD_EINVAL for an empty address.  Close with
 * dyad_store_close().  Stores are independent: threads may each open
 * their own. */
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

/* Sets *stored to 1 when a document with doc's id and the same text
 * (content hash) is already in the store, else 0: dyad_store_add_document
 * would skip it, so a caller can skip analysing and coding it too (what
 * makes re-runs of `dyad code --db` cheap).  It sees committed documents
 * and, on SQLite, those of the open batch; a document still in the open
 * PostgreSQL batch counts as not stored (adding it again is skipped all
 * the same).  Works on read-only stores.  DYAD_EINVAL for a NULL store or
 * document or an id dyad_store_add_document would refuse, DYAD_EDB on a
 * database error. */
dyad_status dyad_store_has_document(dyad_store *store, const dyad_doc *doc, int *stored,
                                    dyad_error *err);

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

/* Checks a query's patterns, root, quad, date range and full-text words
 * without touching a store, so a caller can report a usage error before
 * opening one.  DYAD_OK, DYAD_EINVAL or DYAD_ELIMIT with err filled. */
dyad_status dyad_store_query_check(const dyad_store_query *query, dyad_error *err);

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
