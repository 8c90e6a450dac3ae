/*
 * text.h — internal header of the text layer: byte input with transparent
 * decompression, the document readers, Unicode normalization, the sentence
 * splitter and the tokenizer.  Depends only on core/.
 */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include "core/core.h"

/* ---- input and readers (input.c, reader.c, read_*.c) ---- */

/* A byte stream from a file descriptor or a memory block, transparently
 * decompressing gzip (1f 8b) and zstd (28 b5 2f fd) detected by magic
 * bytes, with bounded line reading.  See docs/input-formats.md. */
typedef struct input input;

/* Bytes requested from the source per read(2) and decompressed per step. */
#define INPUT_CHUNK_BYTES (256u * 1024u)

/* Opens path (NULL or "-" for stdin).  name is used in messages and must
 * outlive the input.  DYAD_OK, DYAD_ENOTFOUND/DYAD_EIO (err names the
 * file), DYAD_ECORRUPT (a compressed stream cannot start), DYAD_ENOMEM. */
dyad_status input_open_file(const char *path, const char *name, const dyad_allocator *a,
                            input **out, dyad_error *err);

/* Opens a borrowed memory block (must outlive the input). */
dyad_status input_open_memory(const char *data, size_t len, const char *name,
                              const dyad_allocator *a, input **out, dyad_error *err);

/* Closes the file (unless stdin) and frees everything; accepts NULL. */
void input_close(input *in);

/* Looks at up to want decompressed bytes without consuming them: *data
 * and *len describe what is available (less at the end of input).  A
 * leading UTF-8 byte order mark is never shown (it is dropped at open). */
dyad_status input_peek(input *in, size_t want, const char **data, size_t *len,
                       dyad_error *err);

/* Reads up to cap decompressed bytes into dst; *n == 0 at the end.
 * DYAD_ECORRUPT for a damaged or truncated compressed stream, DYAD_EIO. */
dyad_status input_read(input *in, char *dst, size_t cap, size_t *n, dyad_error *err);

/* One line from input_line: bytes without the '\n' (and without a final
 * '\r'), borrowed until the next call; number is 1-based. */
typedef struct input_line_t {
    const char *ptr;
    size_t len;
    unsigned long number;
} input_line_t;

/* Reads the next line.  DYAD_OK with line->ptr == NULL at the end of
 * input.  A line longer than max_len bytes is skipped without being
 * buffered whole: DYAD_ELIMIT is returned with line->number set,
 * line->ptr NULL and line->len its full length; the next call goes on
 * with the following line.  Fatal: DYAD_ECORRUPT, DYAD_EIO, DYAD_ENOMEM. */
dyad_status input_line(input *in, size_t max_len, input_line_t *line, dyad_error *err);

/* Which compression the stream uses: "gzip", "zstd" or "" (none). */
const char *input_codec_name(const input *in);

/* Returns true when s[0..len) is valid UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF); else false with *bad_off at the first bad
 * byte.  ASCII runs are checked eight bytes at a time. */
bool text_utf8_valid(const char *s, size_t len, size_t *bad_off);

/* First occurrence of needle[0..k) in s[0..n) or NULL (memmem is a GNU
 * extension; this one is portable C11). */
const char *text_find(const char *s, size_t n, const char *needle, size_t k);

/* Most meta entries one document may carry; more are dropped and the
 * document is reported (a bound on per-record memory besides its bytes). */
#define READER_MAX_META 4096u

/* One input format behind dyad_reader. */
typedef struct reader_format_ops {
    dyad_status (*open)(dyad_reader *r); /* allocate r->state */
    /* Fills r->doc and sets *got, or *got = false at the end.  Bad records
     * are reported and skipped inside; a returned error is fatal and its
     * details are in r->err. */
    dyad_status (*next)(dyad_reader *r, bool *got);
    void (*close)(dyad_reader *r); /* frees r->state; state may be NULL */
} reader_format_ops;

extern const reader_format_ops read_text_ops;
extern const reader_format_ops read_jsonl_ops;
extern const reader_format_ops read_petrarch_ops;
extern const reader_format_ops read_tabari_ops;

/* The reader behind the public dyad_reader handle; the format modules
 * read and write these fields directly. */
struct dyad_reader {
    const dyad_allocator *allocator;
    dyad_reader_options opts; /* defaults applied */
    char *name;               /* the path as given, "-" for stdin */
    const char *base;         /* basename of name (document id of text files) */
    input *in;
    dyad_format format;
    const reader_format_ops *ops;
    void *state;
    size_t rejected;
    bool finished;
    dyad_doc doc;
    dyad_error err; /* details of a fatal error from ops->next */
};

/* Reports a problem at line through the diagnostic callback (a warning:
 * the record is kept). code is a dyad_status. */
void reader_warn(dyad_reader *r, dyad_status code, unsigned long line, const char *fmt, ...)
    DYAD_PRINTF(4, 5);

/* Reports a bad record at line and counts it as rejected.  id may be NULL. */
void reader_reject(dyad_reader *r, dyad_status code, unsigned long line, const char *id,
                   size_t id_len, const char *fmt, ...) DYAD_PRINTF(6, 7);

/* Clears r->doc and sets its file, line and format for a new record. */
void reader_doc_begin(dyad_reader *r, unsigned long line);

/* Warns (once per field) when s[0..len) is not valid UTF-8; the bytes are
 * kept as they are (the analysis maps them to U+FFFD). */
void reader_check_utf8(dyad_reader *r, unsigned long line, const char *field, const char *s,
                       size_t len);

/* A growable dyad_meta array whose strings live in an arena; both are
 * reset per document so steady-state reading allocates nothing. */
typedef struct meta_list {
    dyad_meta *items;
    size_t n;
    size_t cap;
    bool overflow; /* READER_MAX_META was hit */
    arena strings;
} meta_list;

void meta_list_init(meta_list *m, const dyad_allocator *a);
void meta_list_reset(meta_list *m);
void meta_list_free(meta_list *m, const dyad_allocator *a);
/* Copies key and value into the arena and appends them.  DYAD_ENOMEM;
 * past READER_MAX_META the entry is dropped and m->overflow set. */
dyad_status meta_list_add(meta_list *m, const dyad_allocator *a, const char *key,
                          size_t key_len, const char *value, size_t value_len);

/* ---- normalization, splitting, tokenizing (normalize.c, split.c, tokenize.c, analysis.c) ---- */

/* A whitespace-delimited chunk longer than this is cut into pieces of at
 * most this many bytes (at character boundaries) before tokenizing, so a
 * 50 MB "word" costs linear time and bounded scratch memory. */
#define TOK_MAX_CHUNK_BYTES 1024u

/* Scratch space for the slow (non-ASCII) normalization path; owned by an
 * analysis and reused, so normalizing allocates nothing after warm-up. */
typedef struct norm_scratch {
    const dyad_allocator *allocator;
    int32_t *cps; /* decomposed code points, re-encoded in place */
    size_t cps_cap;
    char *fixed; /* input with invalid bytes replaced by U+FFFD */
    size_t fixed_cap;
} norm_scratch;

void norm_scratch_init(norm_scratch *ns, const dyad_allocator *a);
void norm_scratch_free(norm_scratch *ns);

/* Appends the normalized form of s[0..len) to out: ASCII is lower-cased
 * through a table (no utf8proc call); anything else goes through utf8proc
 * (NFC, case folding, combining marks and ignorables removed, typographic
 * quotes and dashes mapped to ASCII, invalid bytes to U+FFFD).
 * DYAD_OK or DYAD_ENOMEM (out may then hold a partial form). */
dyad_status norm_append(norm_scratch *ns, buf *out, const char *s, size_t len);

/* Decodes one UTF-8 character at s[0..len) (len > 0).  Returns its byte
 * length (1..4) and stores the code point, or U+FFFD with length 1 for an
 * invalid or truncated sequence (overlong, surrogate, > U+10FFFF). */
size_t norm_decode(const unsigned char *s, size_t len, int32_t *cp);

/* The ASCII folding table used by the fast path ('A'->'a', '`'->'\''). */
extern const unsigned char norm_ascii_fold[128];

/* Abbreviation classes, shared by the tokenizer (does the final period stay
 * on the word?) and the splitter (may a sentence end here?). */
typedef enum split_abbrev {
    SPLIT_ABBR_NONE = 0, /* not an abbreviation: the period is split off */
    SPLIT_ABBR_TITLE,    /* precedes a name or number: Mr. Gen. Jan. No. vs. */
    SPLIT_ABBR_END,      /* may end a sentence: Inc. Corp. Jr. etc. a.m. p.m. */
    SPLIT_ABBR_ACRONYM,  /* U.S. U.N. B.C.: ends one only before a typical starter */
    SPLIT_ABBR_INITIAL   /* a single capital letter: George W. Bush */
} split_abbrev;

/* Classifies word (without its final period).  next_is_digit tells whether
 * a digit follows (after spaces): "No." is an abbreviation only then. */
split_abbrev split_abbrev_class(const char *word, size_t len, bool next_is_digit);

/* Self-check for tests: is the abbreviation table sorted for binary search
 * and within ABBR_MAX_LEN? */
bool split_abbrev_table_sorted(void);

/* Growable token list plus normalized forms; reused across documents. */
typedef struct tok_list {
    const dyad_allocator *allocator;
    dyad_token *items;
    size_t n;
    size_t cap;
    buf norm;
    norm_scratch scratch;
    bool slow_only; /* fast paths off: every chunk takes the general path */
    /* Indexes of the tokens after which a sentence may end (last byte is
     * one of . ! ? or ends "…", or a blank line follows), ascending and
     * without duplicates, so the splitter visits only these. */
    uint32_t *marks;
    size_t mark_n;
    size_t mark_cap;
} tok_list;

/* Tokenizes text[begin..end) and appends the tokens (spans relative to
 * text) to list.  The token before a whitespace gap gets the SPACE_AFTER,
 * NEWLINE_AFTER and BLANK_LINE_AFTER flags.  DYAD_OK, DYAD_ENOMEM or
 * DYAD_ELIMIT (more than UINT32_MAX tokens or norm bytes). */
dyad_status tok_range(tok_list *list, const char *text, size_t begin, size_t end);

/* Switches the tokenizer's fast paths (plain-word and word-plus-comma
 * chunks) off or on for an analysis, so tests can check that both give
 * identical output (STYLE.md, Testing).  On by default. */
void analysis_set_fast_paths(dyad_analysis *an, bool on);

/* Growable sentence list; reused across documents. */
typedef struct sent_list {
    const dyad_allocator *allocator;
    dyad_sentence *items;
    size_t n;
    size_t cap;
} sent_list;

/* Splits tokens[first..last) of text into sentences appended to list
 * (sentence tokens are indexes into tokens; norm holds normalized forms;
 * marks/mark_n are the tok_list marks).  Data-driven rules, see
 * docs/text-analysis.md.  DYAD_OK or DYAD_ENOMEM. */
dyad_status split_tokens(sent_list *list, const char *text, const dyad_token *tokens,
                         size_t first, size_t last, const char *norm, const uint32_t *marks,
                         size_t mark_n);

#endif /* DYAD_TEXT_H */
