/*
 * lexicon.h — internal header of the lexicon layer: the TABARI, PETRARCH-1
 * and PETRARCH-2 dictionary readers and the one compiled lexicon they fill.
 *
 * Representation.  Everything is a flat array of fixed-width records that
 * refer to each other by 32-bit index (never by pointer), so the compiled
 * cache (cache.c) is the same arrays written to disk and mapped back in
 * place.  Index 0 of every array is a reserved "none" record, so 0 means
 * "no such thing" everywhere.
 *
 *   atoms    interned strings (normalized words, codes, names, paths); an
 *            open-addressing hash (atom_slots) finds an atom by its bytes.
 *   trie     phrases as sequences of word atoms.  Node 0 is the root; edges
 *            live in a hash keyed by (parent node, word atom).  Each node has
 *            a linked list of entries (lex_entry) saying what the phrase is
 *            (an actor, agent, verb form, synset member, discard, issue),
 *            with file:line provenance.
 *   records  actors + their dated codes, agents, verb blocks, verbs,
 *            patterns + their elements, synsets + members, issues, options,
 *            transformation lines and the source files read.
 *
 * Dates are yyyymmdd integers; a code applies on [from, to).
 */
#ifndef DYAD_LEXICON_H
#define DYAD_LEXICON_H

#include "core/core.h"
#include "text/text.h"

/* ---- limits (input-controlled sizes) ---- */
#define LEX_MAX_LINE 65536u        /* bytes in one dictionary line */
#define LEX_MAX_PHRASE_WORDS 64u   /* words in one phrase */
#define LEX_MAX_PATTERN_ELEMS 256u /* elements in one pattern */
#define LEX_MAX_FORMS 64u          /* irregular forms on one verb line */
#define LEX_MAX_FILES 4096u        /* files in one lexicon */
#define LEX_MAX_WORD 512u          /* bytes in one word */
#define LEX_MAX_SUBST 64u          /* agent substitution markers */

#define LEX_DATE_MIN 0
#define LEX_DATE_MAX 99999999

/* ---- records ---- */
typedef struct lex_atom {
    uint32_t off, len; /* into pool */
} lex_atom;

typedef struct lex_edge {
    uint32_t parent, word, child; /* child 0 = empty slot */
} lex_edge;

typedef struct lex_node {
    uint32_t entry; /* first entry, 0 = none */
    uint32_t last;  /* last entry, so appending stays O(1) */
} lex_node;

typedef enum lex_kind {
    LEX_ACTOR = 1,
    LEX_AGENT = 2,
    LEX_VERB = 3,
    LEX_SYNSET = 4,
    LEX_DISCARD = 5,
    LEX_ISSUE = 6,
    LEX_WORDCLASS = 7 /* TABARI <NOUN> / <ADJECTIVE> word; target: atom of the class name */
} lex_kind;

/* entry flags */
#define LEX_EF_STEM 0x01u      /* TABARI: last word is a stem (prefix match) */
#define LEX_EF_STORY 0x02u     /* discard: the whole story */
#define LEX_EF_GENERATED 0x04u /* form/plural made by rule, not written */
#define LEX_EF_WORDNET 0x08u   /* verb form from WordNet's exception list */
#define LEX_EF_IGNORE 0x10u    /* issue '~' exclusion phrase */
#define LEX_EF_IGNORE_STORY 0x20u /* issue '~~' */
#define LEX_EF_NO_ENDINGS 0x40u   /* TABARI "BAN=": no -s/-ed/-ing or plural endings */
/* TABARI actor phrases: words written apart with a blank ("ITHILEN
 * TELEVISION") may have other words between them in the text, words
 * joined by '_' may not.  Bit LEX_EF_LOOSE_SHIFT + k: a blank follows
 * word k (k < LEX_LOOSE_MAX_WORDS). */
#define LEX_EF_LOOSE_SHIFT 8u
#define LEX_LOOSE_MAX_WORDS 24u

typedef struct lex_entry {
    uint32_t next;   /* next entry of the same node */
    uint32_t kind;   /* lex_kind */
    uint32_t flags;  /* LEX_EF_* */
    uint32_t target; /* index into the kind's record array */
    uint32_t aux;    /* verb: 1-based position of the inflected word */
    uint32_t file, line;
} lex_entry;

typedef struct lex_actor {
    uint32_t name; /* atom: the root phrase as written */
    uint32_t code_first, code_n;
    uint32_t file, line;
} lex_actor;

typedef struct lex_code {
    uint32_t code;    /* atom */
    int32_t from, to; /* yyyymmdd, [from, to); LEX_DATE_MIN/MAX when open */
    uint32_t dated;   /* 0: undated default */
    uint32_t line;
} lex_code;

#define LEX_AGENT_PREFIX 1u /* "~GOV": appended after the actor code */
#define LEX_AGENT_SUFFIX 2u /* "NGO~": put before the actor code */
typedef struct lex_agent {
    uint32_t code; /* atom, without the '~' */
    uint32_t flags;
    uint32_t file, line;
} lex_agent;

typedef enum lex_syntax { LEX_SYN_PETR2 = 1, LEX_SYN_PETR1 = 2, LEX_SYN_TABARI = 3 } lex_syntax;

typedef struct lex_block {
    uint32_t name; /* atom: "ACCELERATE" */
    uint32_t code; /* atom: block code ("---" when none) */
    uint32_t file, line, syntax;
    uint32_t pat_first, pat_n; /* the block's patterns, contiguous */
} lex_block;

#define LEX_VF_MULTI 1u    /* multi-word verb */
#define LEX_VF_EXPLICIT 2u /* forms listed in {...}: no generated forms */
typedef struct lex_verb {
    uint32_t lemma; /* atom: normalized words joined by ' ' */
    uint32_t block;
    uint32_t code; /* own code atom, 0 = the block's */
    uint32_t flags;
    uint32_t file, line;
} lex_verb;

/* pattern element kinds */
typedef enum lex_elem_kind {
    LEX_PE_WORD = 1,     /* value = word atom */
    LEX_PE_SYNSET = 2,   /* value = synset index (0 = undefined), aux = name atom */
    LEX_PE_VERB = 3,     /* '*' */
    LEX_PE_SOURCE = 4,   /* '$' */
    LEX_PE_TARGET = 5,   /* '+' */
    LEX_PE_COMPOUND = 6, /* '%' (PETRARCH-1/TABARI) */
    LEX_PE_SKIP = 7,     /* '^' (PETRARCH-1/TABARI) */
    LEX_PE_NP_OPEN = 8,  /* '{' noun phrase, last word is the head (PETRARCH-2) */
    LEX_PE_NP_CLOSE = 9,
    LEX_PE_PP_OPEN = 10, /* '(' prepositional phrase (PETRARCH-2) */
    LEX_PE_PP_CLOSE = 11,
    LEX_PE_ALT_OPEN = 12, /* TABARI '{ a | b }' */
    LEX_PE_ALT_SEP = 13,
    LEX_PE_ALT_CLOSE = 14
} lex_elem_kind;

#define LEX_PEF_JOINED 1u /* joined to the previous element by '_' (consecutive) */
#define LEX_PEF_EXACT 2u  /* TABARI word ends in '_': whole word only */
typedef struct lex_elem {
    uint16_t kind, flags;
    uint32_t value;
    uint32_t aux;
} lex_elem;

#define LEX_PF_PAIRED 1u   /* [X:Y] */
#define LEX_PF_ONESIDE 2u  /* [:Y] */
#define LEX_PF_NULL 4u     /* [---] */
#define LEX_PF_NOVERB 8u   /* no '*' in the pattern */
typedef struct lex_pattern {
    uint32_t block;
    uint32_t verb;  /* TABARI: the verb the pattern follows, else 0 */
    uint32_t code;  /* atom (0 for [:Y]) */
    uint32_t code2; /* atom of Y in [X:Y] / [:Y] */
    uint32_t flags, syntax;
    uint32_t elem_first, elem_n;
    uint32_t file, line;
} lex_pattern;

#define LEX_SF_NOPLURAL 1u /* label ends in '_' */
typedef struct lex_synset {
    uint32_t name; /* atom "&CURRENCY" (as written, upper case) */
    uint32_t member_first, member_n;
    uint32_t flags, file, line;
} lex_synset;

typedef struct lex_member {
    uint32_t seq_first, seq_n; /* words in seq[] (synset refs as atoms "&X") */
    uint32_t flags;            /* LEX_EF_GENERATED for plurals */
    uint32_t line;
} lex_member;

typedef struct lex_issue {
    uint32_t code, category, flags, file, line;
} lex_issue;

typedef struct lex_option {
    uint32_t key, value, file, line;
} lex_option;

typedef struct lex_text_line {
    uint32_t text, file, line;
} lex_text_line;

typedef enum lex_file_kind {
    LEX_FILE_VERBS = 1,
    LEX_FILE_ACTORS = 2,
    LEX_FILE_AGENTS = 3,
    LEX_FILE_DISCARDS = 4,
    LEX_FILE_ISSUES = 5,
    LEX_FILE_OPTIONS = 6,
    LEX_FILE_PROJECT = 7
} lex_file_kind;

typedef struct lex_file {
    uint32_t path; /* atom */
    uint32_t kind, syntax;
    uint32_t pad;
    uint64_t size;
    int64_t mtime_ns;
} lex_file;

/* A growable array of fixed-size records (or a view into a mapped cache). */
typedef struct lex_vec {
    void *items;
    uint32_t n, cap;
} lex_vec;

/* The arrays, in cache section order.  Keep in sync with cache.c. */
enum {
    LEX_V_POOL, LEX_V_ATOMS, LEX_V_ATOM_SLOTS, LEX_V_NODES, LEX_V_EDGES, LEX_V_ENTRIES,
    LEX_V_ACTORS, LEX_V_CODES, LEX_V_AGENTS, LEX_V_BLOCKS, LEX_V_VERBS, LEX_V_PATTERNS,
    LEX_V_ELEMS, LEX_V_SYNSETS, LEX_V_MEMBERS, LEX_V_SEQ, LEX_V_ISSUES, LEX_V_OPTIONS,
    LEX_V_TRANSFORMS, LEX_V_FILES, LEX_V_COUNT
};

struct dyad_lexicon {
    const dyad_allocator *allocator;
    lex_vec v[LEX_V_COUNT];
    uint32_t edge_used; /* occupied edge slots */
    /* loading state */
    dyad_diag_fn diag;
    void *diag_user;
    bool strict;
    bool failed_strict; /* a malformed line was seen under strict */
    size_t problems;
    /* the mapped cache, when loaded from one */
    void *map;
    size_t map_len;
    char wordnet_dir[512];
};

/* typed views */
#define LEX_ARR(lx, id, type) ((type *)(lx)->v[id].items)
#define LEX_N(lx, id) ((lx)->v[id].n)

/* ---- lexicon.c ---- */
/* Loads one dictionary from memory (tests, fuzzing); name decides kind and
 * syntax as a file name would.  wordnet: also add WordNet verb forms. */
dyad_status lex_load_memory(const char *name, const char *data, size_t len,
                            const dyad_lexicon_options *opts, bool wordnet, dyad_lexicon **out,
                            dyad_error *err);

/* ---- store.c: building blocks ---- */
extern const uint32_t lex_elem_size[LEX_V_COUNT];
dyad_status lex_init(dyad_lexicon *lx, const dyad_allocator *a);
void lex_release(dyad_lexicon *lx);
/* Appends one zeroed record; returns its index via *idx. */
dyad_status lex_push(dyad_lexicon *lx, int vec, uint32_t *idx);
void *lex_at(const dyad_lexicon *lx, int vec, uint32_t idx);
/* Interns bytes; *id > 0. */
dyad_status lex_intern(dyad_lexicon *lx, const char *s, size_t len, uint32_t *id);
/* Finds an atom; 0 if absent. */
uint32_t lex_atom_find(const dyad_lexicon *lx, const char *s, size_t len);
/* The same with hash == hash_bytes(s, len) already known. */
uint32_t lex_atom_find_hashed(const dyad_lexicon *lx, const char *s, size_t len, uint64_t hash);
dyad_str lex_atom_str(const dyad_lexicon *lx, uint32_t id);
/* Normalizes one dictionary word (ASCII lower-casing fast path, else
 * dyad_normalize) and interns it. */
dyad_status lex_word(dyad_lexicon *lx, const char *s, size_t len, uint32_t *id);
/* Adds a phrase (word atoms) to the trie; returns its node. */
dyad_status lex_trie_add(dyad_lexicon *lx, const uint32_t *words, size_t n, uint32_t *node);
uint32_t lex_trie_child(const dyad_lexicon *lx, uint32_t parent, uint32_t word);
dyad_status lex_add_entry(dyad_lexicon *lx, uint32_t node, const lex_entry *e);

/* Reports a problem at file:line (file = file index).  Returns DYAD_EPARSE
 * when strict and the problem is a malformed line, else DYAD_OK. */
dyad_status lex_report(dyad_lexicon *lx, uint32_t file, unsigned long line, bool malformed,
                       const char *fmt, ...) DYAD_PRINTF(5, 6);

/* ---- lines.c: reading dictionary text ---- */
typedef struct lex_lines {
    const char *data;
    size_t len, pos;
    unsigned long lineno;
    lex_syntax syntax;
    bool in_comment;    /* inside a multi-line <!-- --> */
    dyad_lexicon *lx;   /* for reporting over-long lines */
    uint32_t file;
    dyad_status status; /* DYAD_EPARSE once strict mode failed */
} lex_lines;

#define LEX_LINES(lx, file, data, len, syn) {(data), (len), 0, 0, (syn), false, (lx), (file), DYAD_OK}

/* Next significant line, comments removed and trimmed; false at the end
 * (or when a strict-mode problem set ls->status).  Lines longer than
 * LEX_MAX_LINE are reported and skipped.  Returns the raw line too. */
bool lex_next_line(lex_lines *ls, dyad_str *line, dyad_str *raw);
/* Splits s on blanks; returns the next token or false. */
bool lex_next_token(dyad_str *s, dyad_str *tok);
dyad_str lex_trim(dyad_str s);
/* Parses a dictionary date: YYMMDD (00-30 -> 20YY) or YYYYMMDD. */
bool lex_parse_date(dyad_str s, int32_t *yyyymmdd);
/* The day after yyyymmdd (calendar-correct); LEX_DATE_MAX stays. */
int32_t lex_date_next_day(int32_t yyyymmdd);
/* The day before yyyymmdd (calendar-correct); the open ends stay. */
int32_t lex_date_prev_day(int32_t yyyymmdd);
/* Splits a phrase on '_' and blanks into normalized word atoms.  *stem is set
 * when the phrase does not end in '_' (TABARI meaning). */
dyad_status lex_phrase_words(dyad_lexicon *lx, dyad_str phrase, uint32_t *words, size_t cap,
                             size_t *n, bool *trailing_underscore);

/* TABARI: the LEX_EF_LOOSE_* bits of a phrase (a blank, not '_', after
 * word k sets bit LEX_EF_LOOSE_SHIFT + k). */
uint32_t lex_loose_connectors(dyad_str phrase);

/* ---- readers (read_*.c) ---- */
dyad_status lex_read_actors(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                            lex_syntax syn);
dyad_status lex_read_agents(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                            lex_syntax syn);
dyad_status lex_read_verbs(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                           lex_syntax syn);
dyad_status lex_read_discards(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                              lex_syntax syn);
dyad_status lex_read_issues(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                            lex_syntax syn);
dyad_status lex_read_options(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                             lex_syntax syn);

/* ---- forms.c: verb forms and plurals ---- */
/* Writes the regular -s, -ed, -ing forms of an upper- or lower-case word
 * into out[3] (each NUL-terminated, cap bytes).  Returns false if the word
 * is too long. */
bool lex_regular_forms(const char *w, size_t len, char out[3][LEX_MAX_WORD]);
/* Plural of a noun (last word of a phrase) into out. */
bool lex_plural(const char *w, size_t len, char out[LEX_MAX_WORD]);
/* Adds WordNet irregular forms for every verb lemma (after all verbs are read). */
dyad_status lex_add_wordnet_forms(dyad_lexicon *lx);
/* Resolves synset references in patterns and synsets. */
void lex_resolve_synsets(dyad_lexicon *lx);

/* ---- query.c: what the coder uses ----
 * Token norm forms (dyad_token) are already normalized, so a token's word
 * atom is lex_word_id(norm); 0 means no dictionary contains the word. */
uint32_t lex_word_id(const dyad_lexicon *lx, const char *norm, size_t len);
/* Longest prefix of words[0..n) that is a phrase with an entry of kind
 * (0 = any kind).  Returns how many words matched (0 = none) and its trie
 * node in *node; walk its entries with lex_first_entry/lex_next_entry. */
size_t lex_longest(const dyad_lexicon *lx, const uint32_t *words, size_t n, uint32_t kind,
                   uint32_t *node);
const lex_entry *lex_first_entry(const dyad_lexicon *lx, uint32_t node);
/* TABARI stems: the child of parent for the longest prefix of the word
 * norm[0..len) that ends a stem phrase ("palestin" for "palestinians"),
 * or 0.  Used after an exact lex_trie_child() miss. */
uint32_t lex_stem_child(const dyad_lexicon *lx, uint32_t parent, const char *norm, size_t len);
const lex_entry *lex_next_entry(const dyad_lexicon *lx, const lex_entry *e);
/* The code of an actor for a date (yyyymmdd, 0 = undated): the first dated
 * code whose range holds the date, else the first undated one, else NULL. */
const lex_code *lex_actor_code(const dyad_lexicon *lx, uint32_t actor, int32_t yyyymmdd);
/* The same for an actor record in hand (the coder's path). */
const lex_code *lex_actor_code_of(const dyad_lexicon *lx, const lex_actor *a, int32_t yyyymmdd);
/* A verb's code atom: its own, else its block's. */
uint32_t lex_verb_code(const dyad_lexicon *lx, uint32_t verb);
/* The value of the last TABARI option named key ("COMPLEX"), or {"",0}. */
dyad_str lex_option_value(const dyad_lexicon *lx, const char *key);

/* ---- cameo.c: the CAMEO event code table ---- */
typedef struct lex_cameo {
    const char *code;
    float goldstein;
    int quad;
} lex_cameo;
extern const lex_cameo lex_cameo_table[]; /* cameo_table.c, sorted by code */
extern const size_t lex_cameo_table_n;
const lex_cameo *lex_cameo_find(const char *code, size_t len);
size_t lex_cameo_count(void);
const lex_cameo *lex_cameo_at(size_t i);

/* ---- check.c ---- */
size_t lex_check(const dyad_lexicon *lx, dyad_diag_fn diag, void *user);

/* ---- cache.c ---- */
dyad_status lex_cache_write(const dyad_lexicon *lx, const char *path, dyad_error *err);
void lex_cache_unmap(dyad_lexicon *lx);
/* Validates a cache image in memory: NULL when good, else why not. */
const char *lex_cache_check_buffer(const void *base, size_t size);
/* The CRC a cache image should carry in its header (for fuzzing). */
uint32_t lex_cache_crc(const void *base, size_t size);

#endif /* DYAD_LEXICON_H */
