/*
 * syntax.h — internal header of the syntax layer: the CoNLL-U reader, the
 * averaged-perceptron machinery (training tables and the compiled sparse
 * weights that are read in place from a model file), the POS tagger, the
 * lemmatizer, the arc-hybrid dependency parser, the model file format and
 * the Penn Treebank / CoNLL-U <Parse> converters.  Depends on core/ and
 * text/ only.
 *
 * Everything in the hot path works on integer feature keys: each word is
 * hashed once (form, lower case, suffixes, shape) into a syn_word, and
 * feature templates combine those 64-bit ids with a template number.
 */
#ifndef DYAD_SYNTAX_H
#define DYAD_SYNTAX_H

#include "core/core.h"
#include "text/text.h"

/* ---- limits (each input-controlled count has one) ---- */

#define SYN_MAX_SENT_TOKENS 1000u     /* tokens in one sentence; longer are skipped */
#define SYN_MAX_LINE_BYTES (1u << 20) /* one CoNLL-U line */
#define SYN_MAX_CLASSES 250u          /* tags or labels in one inventory */
#define SYN_MAX_NAME_BYTES 64u        /* one tag / label name */
#define SYN_MAX_PTB_DEPTH 500u        /* bracket nesting in a Penn Treebank tree */
#define SYN_MAX_FEATS 96u             /* feature keys per decision */
#define SYN_MAX_LEMMA_BYTES 128u      /* one lemma */

/* ---- CoNLL-U reading (conllu.c) ---- */

/* One token line (multiword ranges and empty nodes are skipped).  Strings
 * borrow the reader's buffers and stay valid until the next sentence. */
typedef struct syn_conllu_tok {
    dyad_str form, lemma, upos, xpos, feats, deprel, misc;
    uint32_t head;
} syn_conllu_tok;

typedef struct syn_conllu_sent {
    const syn_conllu_tok *toks;
    size_t n;
    dyad_str text;    /* "# text = ..." or empty */
    dyad_str sent_id; /* "# sent_id = ..." or empty */
    dyad_str newdoc;  /* "# newdoc id = ..." of the most recent document */
    unsigned long line; /* line of the first token */
} syn_conllu_sent;

typedef struct syn_conllu syn_conllu;

/* Opens a file (or "-" for stdin).  Malformed lines are reported through
 * diag as FILE:LINE: reason and their sentence is skipped. */
dyad_status syn_conllu_open(const char *path, const dyad_allocator *a, dyad_diag_fn diag,
                            void *diag_user, syn_conllu **out, dyad_error *err);
/* Reads from a borrowed buffer; name appears in messages. */
dyad_status syn_conllu_open_memory(const char *data, size_t len, const char *name,
                                   const dyad_allocator *a, dyad_diag_fn diag,
                                   void *diag_user, syn_conllu **out);
/* Next well-formed sentence, or *out == NULL at the end.  Returns
 * DYAD_EIO on a read error, DYAD_ENOMEM on allocation failure. */
dyad_status syn_conllu_next(syn_conllu *r, const syn_conllu_sent **out);
size_t syn_conllu_rejected(const syn_conllu *r);
void syn_conllu_close(syn_conllu *r);

/* ---- words and feature keys (feats.c) ---- */

/* The integer ids of one token that features are built from. */
typedef struct syn_word {
    uint64_t form, lower, shape, pre1, pre2, suf1, suf2, suf3, suf4;
    uint32_t flags; /* SYN_W_* */
    uint8_t cap;    /* capitalization class from unlabelled text (capdict.c) */
    uint8_t clus, clus2; /* fine / coarse word cluster (cluster.c); 0 = none */
} syn_word;

#define SYN_W_UPPER 1u   /* first letter upper case */
#define SYN_W_DIGIT 2u   /* contains a digit */
#define SYN_W_HYPHEN 4u  /* contains '-' */
#define SYN_W_ALLCAP 8u

/* Fills w from a token's text. */
void syn_word_init(syn_word *w, const char *s, size_t len);
/* The padding word used outside the sentence (i < 0 or i >= n). */
const syn_word *syn_word_pad(int before);

/* Mixes a template number and up to three values into a non-zero key:
 * each part scaled by its own odd constant (the template's product folds
 * at compile time) and rotated apart, then one multiply-xorshift
 * finalizer so that both halves of the key (slot and fingerprint) depend
 * on every input bit.  Half the instructions of a chained mix: hundreds
 * of keys are made per sentence. */
static inline uint64_t syn_rotl(uint64_t x, int r)
{
    return x << r | x >> (64 - r);
}
static inline uint64_t syn_key(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t h = tmpl * 0x9e3779b97f4a7c15ull ^ a * 0xd1b54a32d192ed03ull ^
                 syn_rotl(b * 0xc2b2ae3d27d4eb4full, 23) ^ syn_rotl(c * 0x165667b19e3779f9ull, 43);
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return h ? h : 1;
}

/* ---- averaged perceptron (percep.c) ---- */

/* Slot of the lemma, tag-dictionary and capitalization tables: 32 bits of
 * the key (the other 32 chose the slot) and a payload. */
typedef struct syn_wentry {
    uint32_t fp;  /* key fingerprint; 0 = empty slot */
    uint32_t ref; /* payload */
} syn_wentry;
/* The slot holding key's fingerprint in a table of slots entries
 * searched by linear probing from syn_slot(key, slots), or NULL when a
 * free slot comes first (the table must have one).  Vector compares where
 * the processor has them (syn_weights_simd_cap), the same slot either way. */
const syn_wentry *syn_wentry_find(const syn_wentry *t, uint32_t slots, uint64_t key);

/* Compiled weights: a hash table of 64-byte buckets, eight fingerprints
 * then their eight refs, so that one cache line and two vector compares
 * settle a lookup (the bucket is chosen by the key's low 32 bits, the
 * fingerprint is the high 32).  A ref is off << 8 | n for a sparse run of
 * n (class, weight) pairs, or row << 8 (n = 0) for a dense row of stride
 * weights, one per class: long runs are added with vector instructions,
 * short ones pair by pair.  Either owned (after training) or borrowed
 * from a mapped model file. */
#define SYN_BUCKET_SLOTS 8u
typedef struct syn_wbucket {
    uint32_t fp[SYN_BUCKET_SLOTS];  /* 0 = empty; a bucket fills from slot 0 */
    uint32_t ref[SYN_BUCKET_SLOTS];
} syn_wbucket;

#define SYN_MAX_PAIRS (1u << 24) /* pairs (and dense rows) one table can hold */

typedef struct syn_weights {
    uint32_t nclass;
    uint32_t buckets;   /* table size in buckets (any number >= 1) */
    const syn_wbucket *table;
    const uint8_t *cls;
    const int16_t *w;     /* quantized: real weight = w * scale */
    const int16_t *dense; /* ndense rows of stride weights */
    uint64_t npairs;
    uint32_t ndense;
    uint32_t stride; /* syn_stride(nclass) */
    void *owned;     /* non-NULL when the arrays are ours to free */
} syn_weights;

/* Dense row stride for nclass classes: a multiple of 8, so that rows are
 * added eight or sixteen classes at a time; 49 to 64 classes take 64
 * (model format 11), so that the taggers' 49-class rows fill two whole
 * cache lines instead of straddling three every other row (56 classes:
 * 112 bytes).  Measured in one process against format 10's 56 (the same
 * weights): tag + lemma +1.3% to +3.7%, tag + parse +4.0% to +6.5%, on
 * White House and Kremlin text; the file grows by 0.1 MB.  Other widths
 * gain nothing: 40 classes (80 bytes) never span three lines, and 104
 * (208 bytes) always span four. */
static inline uint32_t syn_stride(uint32_t nclass)
{
    return nclass > 48u && nclass <= 64u ? 64u : (nclass + 7u) & ~7u;
}

/* Scores are sums of quantized weights: within one table the scale is
 * common to all classes, so the argmax is the same as with floats. */

/* Slot and fingerprint of a 64-bit key in a table of slots entries. */
static inline uint32_t syn_slot(uint64_t key, uint32_t slots)
{
    return (uint32_t)(((uint64_t)(uint32_t)key * slots) >> 32);
}
static inline uint32_t syn_fp(uint64_t key)
{
    uint32_t f = (uint32_t)(key >> 32);
    return f ? f : 1;
}

/* Sums the (quantized) weights of every key per class into acc[0..nclass)
 * (exactly the float sums training compared), which must hold
 * SYN_SCORE_SLOTS entries (the rows are added eight classes at a time);
 * decoding picks with syn_argmax_int and syn_leads_by. */
#define SYN_SCORE_SLOTS (SYN_MAX_CLASSES + 8u)
void syn_weights_score_int(const syn_weights *w, const uint64_t *keys, size_t n, int32_t *acc);
/* acc[0..stride) += part[0..stride) (stride a multiple of 4). */
void syn_scores_add(int32_t *acc, const int32_t *part, uint32_t stride);
/* A staged classifier whose table holds 2 * nc classes: the full
 * classifier's, then a first stage's learnt from the first keys alone.
 * syn_staged_first scores those keys into scores and returns true with
 * *best when the first stage leads by margin; else syn_staged_rest adds
 * the other keys and returns the full classifier's choice. */
bool syn_staged_first(const syn_weights *w, const uint64_t *keys, size_t n, int32_t margin,
                      int32_t *scores, uint16_t *best);
uint16_t syn_staged_rest(const syn_weights *w, const uint64_t *keys, size_t n, int32_t *scores);
void syn_weights_free(syn_weights *w, const dyad_allocator *a);
/* For tests: the widest vector instructions scoring may use (3 AVX-512
 * where the processor has it, the default; 2 AVX2; 1 SSE2; 0 plain C).
 * Not thread-safe: call before any scoring. */
void syn_weights_simd_cap(int level);

/* A training table: dense rows with lazily averaged totals. */
typedef struct syn_percep syn_percep;

dyad_status syn_percep_new(const dyad_allocator *a, uint32_t nclass, syn_percep **out);
void syn_percep_free(syn_percep *p);
/* Scores with the current (not averaged) weights. */
void syn_percep_score(const syn_percep *p, const uint64_t *keys, size_t n, float *scores);
/* One perceptron step: +1 for class good, -1 for class bad on every key. */
dyad_status syn_percep_update(syn_percep *p, const uint64_t *keys, size_t n, uint32_t good,
                              uint32_t bad);
/* Advances the averaging clock by one instance. */
void syn_percep_tick(syn_percep *p);
/* Averages and compiles into sparse weights, dropping |w| < prune. */
dyad_status syn_percep_compile(const syn_percep *p, float prune, syn_weights *out);
size_t syn_percep_rows(const syn_percep *p);

/* Argmax over scores[0..n) restricted to classes with allowed[c] != 0
 * (allowed may be NULL). */
uint32_t syn_argmax(const float *scores, const uint8_t *allowed, uint32_t n);
/* Argmax over scores[0..n), n >= 1: the first of equal best, as syn_argmax. */
uint32_t syn_argmax_int(const int32_t *scores, uint32_t n);
/* Does class best lead every other of scores[0..n) by at least margin? */
bool syn_leads_by(const int32_t *scores, uint32_t n, uint32_t best, int32_t margin);

/* ---- names of tags and labels ---- */

/* A small inventory of names; class c has public id c + 1. */
typedef struct syn_names {
    uint32_t n;
    char name[SYN_MAX_CLASSES][SYN_MAX_NAME_BYTES];
} syn_names;

/* Returns the class of name, adding it when add is true; -1 if absent or
 * the inventory is full. */
int syn_names_find(syn_names *names, const char *s, size_t len, bool add);

/* ---- the tagger (tagger.c) ---- */

#define SYN_TAG_FEATS 40u
#define SYN_TAG_WORD_FEATS 25u /* keys of the word and its window, shared by all passes */

/* The SYN_TAG_WORD_FEATS keys of token i's word, affixes, shape and
 * neighbours: the same for the three passes (each has its own table), so
 * the tagger makes them once per token. */
void syn_tag_word_keys(const syn_word *w, size_t n, size_t i, uint64_t *keys);
/* Feature keys for XPOS of token i given the previous predictions; wk =
 * the token's word keys. */
size_t syn_tag_feats_xpos(const syn_word *w, size_t n, size_t i, const uint64_t *wk,
                          const uint16_t *xpos, uint64_t *keys);
/* Feature keys for UPOS of token i given all XPOS and previous UPOS. */
size_t syn_tag_feats_upos(const syn_word *w, size_t n, size_t i, const uint64_t *wk,
                          const uint16_t *xpos, const uint16_t *upos, uint64_t *keys);
/* The UPOS pass's own keys (those after the word keys), the first stage's
 * (SYN_UPOS_FIRST_KEYS of them). */
size_t syn_tag_feats_upos_own(const syn_word *w, size_t n, size_t i, const uint16_t *xpos,
                              const uint16_t *upos, uint64_t *keys);
/* Feature keys for the second XPOS pass: first = first-pass tags of the
 * whole sentence, xpos = second-pass tags so far. */
size_t syn_tag_feats_xpos2(const syn_word *w, size_t n, size_t i, const uint64_t *wk,
                           const uint16_t *first, const uint16_t *xpos, uint64_t *keys);
/* Lookup tables of 8-byte slots (syn_wentry: 32-bit fingerprint of a
 * 64-bit key, 32-bit ref), linear probing, at least a fifth of the slots
 * free: the tag dictionary, the UPOS and label maps and the
 * capitalization classes use this layout. */
typedef struct syn_table_entry {
    uint64_t key;
    uint32_t ref;
} syn_table_entry;
struct syn_tagdict;
/* The ref stored for key, or -1 (also for a table without slots). */
long syn_table_get(const struct syn_tagdict *d, uint64_t key);
dyad_status syn_table_build(const syn_table_entry *e, size_t n, struct syn_tagdict *out);
/* The refs of the UPOS and label maps: share << 16 | min(total, 255) << 8
 * | cls, where cls is the commonest class and share its part of total in
 * thousandths; sure when both reach the given minimums. */
uint32_t syn_share_ref(uint16_t cls, size_t count, size_t total);
/* Sorts n (key, class) entries and turns each key's run into one entry
 * whose ref is syn_share_ref of its commonest class (the smaller class on
 * a tie); returns how many entries are left at the front of e. */
size_t syn_table_commonest(syn_table_entry *e, size_t n);
bool syn_share_sure(uint32_t ref, uint32_t min_count, uint32_t min_share);

/* The tag dictionary: frequent words that (nearly) always carry one
 * (XPOS, UPOS) pair skip the classifiers; those that nearly always carry
 * one XPOS skip the XPOS classifiers.  Slots as in syn_weights, with
 * ref = xpos << 8 | upos and the key the word's exact-form id. */
typedef struct syn_tagdict {
    uint32_t slots; /* 0 = no dictionary */
    const syn_wentry *table;
    void *owned;
} syn_tagdict;

#define SYN_TAGDICT_MIN_COUNT 10u   /* occurrences in training */
#define SYN_TAGDICT_MIN_SHARE 0.99  /* share of the dominant tag pair (or XPOS) */
/* A noun or adjective that could be a verb ("fund", "shares", "resume":
 * WordNet knows the form as a verb or a verb's inflection) needs more:
 * the web text of EWT seldom uses them as verbs, news does, and a verb
 * read as a noun loses its event. */
#define SYN_TAGDICT_VERBLIKE_COUNT 20u
#define SYN_TAGDICT_VERBLIKE_SHARE 0.997
/* The UPOS of an entry whose XPOS alone is that sure ("has": VBZ, but
 * AUX or VERB): the UPOS map or classifier decides. */
#define SYN_TAGDICT_ANY_UPOS 0xffu

/* Builds the dictionary from parallel arrays of n tokens.  verb_form[i]
 * (or NULL: none) marks tokens whose form could be a verb, nominal[x]
 * (or NULL) the XPOS classes of nouns and adjectives. */
dyad_status syn_tagdict_build(const syn_word *w, const uint16_t *xpos, const uint16_t *upos,
                              size_t n, const uint8_t *verb_form, const bool *nominal,
                              syn_tagdict *out);
void syn_tagdict_free(syn_tagdict *d);

/* The UPOS map: which UPOS a word's final XPOS comes with.  Most pairs
 * allow one answer ("said"/VBD is VERB, "Ukraine"/NNP is PROPN), so the
 * UPOS classifier runs only where training left the pair in doubt ("that"/
 * IN, "has"/VBZ, "American"/NNP).  Same slots as the tag dictionary, one
 * entry per (form, XPOS) pair seen in training and one per XPOS for the
 * forms training saw at most SYN_UPOSMAP_RARE times (unseen words are rare
 * words), each under its own syn_key template (tagger.c).  ref = share << 16 | min(count, 255) << 8 | upos, where upos
 * is the commonest and share its part of count in thousandths. */
#define SYN_UPOSMAP_RARE 2u          /* at most this many occurrences: a rare word */
#define SYN_UPOSMAP_MIN_COUNT 3u     /* a pair needs this many occurrences ... */
#define SYN_UPOSMAP_MIN_SHARE 990u   /* ... and this share (per mille) to be sure */
#define SYN_UPOSMAP_RARE_COUNT 20u   /* an XPOS's rare words need this many ... */
#define SYN_UPOSMAP_RARE_SHARE 990u  /* ... and this share to be sure */

dyad_status syn_uposmap_build(const syn_word *w, const uint16_t *xpos, const uint16_t *upos,
                              size_t n, syn_tagdict *out);
/* The sure UPOS class of a word with this final XPOS class, or -1 when
 * the classifier must decide (or map has no slots). */
long syn_uposmap_get(const syn_tagdict *map, uint64_t form, uint16_t xpos);

/* Capitalization classes from unlabelled documents (any reader format). */
dyad_status syn_capdict_build(const char *const *paths, size_t n, syn_tagdict *out,
                              dyad_error *err);
/* Sets w[0..n).cap, .clus and .clus2 from the table (0 for unknown words
 * or no table). */
void syn_capdict_apply(const syn_tagdict *d, syn_word *w, size_t n);

/* Word clusters (cluster.c): learns them from the documents and stores
 * them in the refs of the capitalization table d built from the same
 * documents (bits 8..15 fine, 16..23 coarse, 0 = none).  Deterministic. */
#define SYN_CLUSTERS_FINE 200u
#define SYN_CLUSTERS_COARSE 32u
dyad_status syn_cluster_build(const char *const *paths, size_t n, syn_tagdict *d,
                              dyad_error *err);

/* The margins below (the sure first pass, the UPOS pass's, the
 * labeller's and the transitions' first and second stages) were first
 * each chosen alone; in 2026-11-30's eighth session they were lowered
 * together, chosen on the PUD wiki half (UAS 82.12 -> 82.24, LAS 78.41 ->
 * 78.52): EWT test UAS 85.48 -> 85.35 and LAS 82.26 -> 82.19, PUD news
 * 81.47 -> 81.41 and 77.85 -> 77.82, UPOS within 0.04 everywhere, for a
 * tenth to a fifth more sentences/s tagged and parsed (docs/syntax.md,
 * "The margins together").
 *
 * The first XPOS pass's tag stands, without the second pass, when its
 * score beats the runner-up's by at least this much (quantized units: a
 * table's largest weight is 32,000, so 3/8 of it; 5/8 before): it skips
 * the second pass for 83% of the words it sees (71% at 20,000). */
#define SYN_TAG_SURE_MARGIN 12000

/* The UPOS pass's first stage (model format 9): the UPOS table has twice
 * the UPOS classes, the full classifier's and then those of a perceptron
 * trained on the pass's SYN_UPOS_FIRST_KEYS own keys alone (the word's
 * and its neighbours' XPOS, with the word or suffix; not the 25 word
 * keys), so that one lookup per key fetches both.  Its UPOS stands when
 * it leads by SYN_UPOS_FIRST_MARGIN (quantized units: the table's largest
 * weights are the full classifier's, so the first stage's sums are
 * smaller); else the word keys are looked up too and the full classifier
 * decides.  Chosen with the other margins (above). */
#define SYN_UPOS_FIRST_KEYS 10u
#define SYN_UPOS_FIRST_MARGIN 10000

/* Tags a sentence with compiled weights (classes, not public ids); dict
 * and umap (the UPOS map) may be NULL; word_keys is scratch for n x SYN_TAG_WORD_FEATS keys.
 * With sure, a word whose first-pass tag wins by SYN_TAG_SURE_MARGIN keeps
 * it and the UPOS pass is staged (SYN_UPOS_FIRST_MARGIN; what dyad does);
 * without, every word takes the second pass and the full UPOS pass (the
 * jackknifed tags the parser was trained on). */
void syn_tag(const syn_weights *wx, const syn_weights *wx2, const syn_weights *wu,
             const syn_tagdict *dict, const syn_tagdict *umap, const syn_word *w, size_t n,
             uint64_t *word_keys, bool sure, uint16_t *xpos, uint16_t *upos);

/* ---- the parser (parser.c) ---- */

/* Transitions: SHIFT, LEFT (b0 becomes head of s0), RIGHT (s1 becomes head
 * of s0).  Labels are chosen by a separate classifier when an arc is made. */
#define SYN_T_SHIFT 0u
#define SYN_T_LEFT 1u
#define SYN_T_RIGHT 2u
#define SYN_T_N 3u
#define SYN_PARSE_FEATS 90u
#define SYN_PARSE_KEYS 89u /* what syn_parse_feats makes (templates 0-38, 40-89) */
#define SYN_LABEL_FEATS 54u
/* The arc labeller's first stage (model format 8): the label table has
 * twice the relations' classes, the full labeller's and then those of a
 * perceptron trained on SYN_LABEL_FIRST_KEYS of the 54 keys alone (those
 * that weigh most, parser.c), so that one lookup per key fetches both.
 * Its label stands when it leads by SYN_LABEL_FIRST_MARGIN; else the
 * other keys are looked up and the full labeller decides.  It settles
 * 54% of the labels the label map leaves (White House text) at 30,000,
 * a quarter of the labeller's lookups, and more at the margin chosen with
 * the others (SYN_TAG_SURE_MARGIN; docs/syntax.md). */
#define SYN_LABEL_FIRST_KEYS 27u
#define SYN_LABEL_FIRST_MARGIN 15000
/* The label the staged labeller gives the arc whose SYN_LABEL_FEATS keys
 * are keys (wl: the label table, twice the relations' classes). */
uint16_t syn_label_staged(const struct syn_weights *wl, const uint64_t *keys, int32_t *scores);
/* Selects the first stage's label keys (first) or the others (!first). */
size_t syn_label_stage_keys(const uint64_t *keys, bool first, uint64_t *out);
/* syn_parse scores labels with the transition features' key buffer. */
_Static_assert(SYN_LABEL_FEATS <= SYN_PARSE_FEATS, "label keys fit the parse key buffer");

/* A position's feature values for the parser, made once per sentence by
 * syn_pstate_init, so that a feature reads one field instead of testing
 * for "no word" (-1) and the root (0) each time. */
typedef struct syn_ptok {
    uint64_t word;              /* lower-case form id */
    uint16_t xpos, upos;        /* tags, or the none/root tags */
    uint16_t clus, clus2;       /* fine and coarse word clusters */
    uint8_t cap;                /* capitalization class */
} syn_ptok;

typedef struct syn_pstate {
    size_t n;          /* words 1..n; 0 is the root */
    syn_ptok *tok;     /* [-1..n]: tok[-1] no word, tok[0] the root */
    uint16_t *stack;   /* n + 1 */
    size_t sn;         /* stack depth */
    size_t b;          /* buffer front (1-based; n + 1 = empty) */
    uint16_t *head;    /* [n + 1] */
    uint16_t *label;   /* [n + 1] class of deprel */
    uint16_t *lc1, *lc2, *rc1, *rc2; /* leftmost/rightmost children */
    uint8_t *nl, *nr;  /* child counts (saturating) */
    uint64_t *lset, *rset; /* labels of left / right children (bit l mod 64) */
    size_t settled_early;  /* transitions staged scoring settled before the last stage */
    size_t settled_first;  /* ... of which the first-stage classifier settled */
    size_t settled_second; /* ... and the second-stage classifier */
} syn_pstate;

/* Scratch for one sentence of up to cap words. */
typedef struct syn_pscratch {
    size_t cap;
    uint16_t *mem;
    uint8_t *mem8;
    uint64_t *mem64;
    syn_ptok *memtok;
    syn_pstate st;
} syn_pscratch;

dyad_status syn_pscratch_reserve(syn_pscratch *s, const dyad_allocator *a, size_t n);
void syn_pscratch_free(syn_pscratch *s, const dyad_allocator *a);
/* The initial state for words w[1..n] with tags xpos/upos[1..n] (index
 * 0 is the root; they must not change while the state is used). */
void syn_pstate_init(syn_pstate *st, size_t n, const syn_word *w, const uint16_t *xpos,
                     const uint16_t *upos);
bool syn_pstate_final(const syn_pstate *st);
/* Which transitions are legal (allowed[0..SYN_T_N)). */
void syn_pstate_legal(const syn_pstate *st, uint8_t *allowed);
/* The head and dependent an arc transition would link. */
void syn_pstate_arc(const syn_pstate *st, uint32_t t, uint16_t *head, uint16_t *dep);
void syn_pstate_apply(syn_pstate *st, uint32_t t, uint16_t label);
/* Features for labelling the arc head -> dep (dep's subtree is complete);
 * the words and tags are those given to syn_pstate_init (w indexed 1..n,
 * for the dependent's suffix and shape). */
size_t syn_label_feats(const syn_pstate *st, const syn_word *w, uint16_t head, uint16_t dep,
                       uint64_t *keys);
/* Features of the state, from the words and tags given to syn_pstate_init. */
size_t syn_parse_feats(const syn_pstate *st, uint64_t *keys);
/* The keys of one stage (0, 1, 2) of staged transition scoring: together
 * the keys of syn_parse_feats, SYN_PARSE_STAGE1_KEYS in stage 0 and
 * SYN_PARSE_STAGE2_KEYS in stages 0 and 1. */
size_t syn_parse_stage_keys(const syn_pstate *st, unsigned stage, uint64_t *keys);
/* Arc-hybrid dynamic-oracle cost of transition kind (0 shift, 1 left,
 * 2 right) against gold heads (1..n). */
int syn_oracle_cost(const syn_pstate *st, const uint16_t *gold_head, int kind);
/* Staged transition scoring: the first SYN_PARSE_STAGE1_KEYS keys in
 * order of weight (parser.c) decide alone when the best legal transition
 * leads the others by SYN_PARSE_STAGE1_MARGIN (quantized units, as
 * SYN_TAG_SURE_MARGIN), else the keys up to SYN_PARSE_STAGE2_KEYS with
 * SYN_PARSE_STAGE2_MARGIN, else all of them.  The keys it leaves out are
 * mostly words and word pairs, whose lookups are the slow ones: the
 * parser runs 5.6% fewer instructions, tagging and parsing 12-18% more
 * sentences/s.
 * Chosen on the wiki half of PUD, which scored no lower (UAS +0.01); on
 * EWT test UAS -0.07 and LAS -0.06, PUD news -0.05 (docs/syntax.md). */
#define SYN_PARSE_STAGE1_KEYS 30u
#define SYN_PARSE_STAGE1_MARGIN 70000
/* The first-stage classifier (model format 7): the transition table has
 * SYN_PARSE_CLASSES classes, the full model's SYN_T_N and then SYN_T_N of
 * a perceptron trained on the first stage's keys alone, so that its sums
 * mean something on their own and one lookup per key fetches both.  Its
 * choice stands when it leads the other legal transitions by
 * SYN_PARSE_FIRST_MARGIN; else the full model's stages go on from their
 * own first-stage sums (fetched by the same lookups).  On its own it
 * parses EWT test at UAS 82.8.  With it the first stage settles 58% of
 * the scored transitions instead of 29%, 17% fewer lookups (at 30,000;
 * the margin is now chosen with the others, SYN_TAG_SURE_MARGIN). */
#define SYN_PARSE_FIRST_MARGIN 25000
#define SYN_PARSE_STAGE2_KEYS 50u
#define SYN_PARSE_STAGE2_MARGIN 60000
/* The second-stage classifier (model format 10): SYN_T_N more classes in
 * the transition table, a perceptron trained on the keys of stages 0 and
 * 1 (SYN_PARSE_STAGE2_KEYS) alone.  Where the first stage is in doubt
 * and the full model's first 30 keys are too, the second stage's choice
 * stands when it leads by SYN_PARSE_SECOND_MARGIN once stage 1's keys are
 * added; else the full model decides as before (docs/syntax.md; the
 * margin chosen with the others, SYN_TAG_SURE_MARGIN). */
#define SYN_PARSE_CLASSES (3u * SYN_T_N)
#define SYN_PARSE_SECOND_MARGIN 15000

/* Greedy parse; head/label written for 1..n.  skip_forced: do not score
 * states with a single legal transition (same parse, less work).  staged:
 * score transitions and labels in stages (above; what dyad does), else
 * with every key and the full classifiers, as the perceptrons were
 * trained. */
void syn_parse(const syn_weights *wp, const syn_weights *wl, const struct syn_tagdict *lmap,
               syn_pstate *st, const syn_word *w, const uint16_t *xpos, const uint16_t *upos,
               int32_t *scores, uint8_t *allowed, bool skip_forced, bool staged);

/* The label map: the label an arc nearly always has in training given
 * the (XPOS, UPOS) of its dependent and head and its direction (DT -> NN
 * is det, a comma is punct, PRP$ nmod:poss); such arcs skip the label
 * classifier.  One entry per such tuple seen in training (refs as
 * syn_share_ref); lmap NULL or empty: the classifier labels every arc. */
#define SYN_LABELMAP_MIN_COUNT 100u /* arcs of the tuple in training ... */
#define SYN_LABELMAP_MIN_SHARE 998u /* ... and the share (per mille) of its label */
/* The sure label class of head -> dep (0 = root; tags indexed 1..n), or -1. */
long syn_labelmap_get(const struct syn_tagdict *map, const uint16_t *xpos, const uint16_t *upos,
                      uint16_t head, uint16_t dep);

/* ---- lemmatizer (lemma.c) ---- */

/* A compiled string map: key (hash of form and POS group) -> string,
 * slots as in syn_weights with ref = offset << 8 | length. */
typedef struct syn_lemmas {
    uint32_t slots;
    const syn_wentry *table;
    const char *str;
    uint64_t str_len;
    void *owned;
} syn_lemmas;

/* POS groups used by the lemma tables. */
enum { SYN_LG_ANY = 0, SYN_LG_NOUN = 1, SYN_LG_VERB = 2, SYN_LG_ADJ = 3, SYN_LG_ADV = 4,
       SYN_LG_KNOWN = 8 /* "is a WordNet lemma" set */, SYN_LG_TRAIN = 16 };

uint64_t syn_lemma_key(const char *s, size_t len, unsigned group);
/* The key of the training table for a form seen with a UPOS name. */
uint64_t syn_lemma_key_train(const char *form, size_t len, const char *upos);
/* Looks key up; returns true and sets *out when found. */
bool syn_lemmas_get(const syn_lemmas *l, uint64_t key, dyad_str *out);
/* Writes the lemma of a token into out (at most SYN_MAX_LEMMA_BYTES);
 * upos/xpos are names ("NOUN", "NNS").  Returns its length. */
size_t syn_lemmatize(const syn_lemmas *l, const char *form, size_t len, const char *upos,
                     const char *xpos, char *out);
/* What the lemmatizer needs of a tag, worked out once from its name so
 * that lemmatizing each word compares no strings. */
typedef struct syn_lemma_upos {
    uint8_t train;   /* training-table group */
    uint8_t wordnet; /* SYN_LG_NOUN ... SYN_LG_ANY */
    bool keep_form;  /* PROPN, NUM, PUNCT, SYM keep their form */
} syn_lemma_upos;
typedef struct syn_lemma_xpos {
    bool plural_noun;   /* NNS, NNPS: a WordNet lemma form is not its own lemma */
    const char *strip;  /* the suffix the last resort strips (-s, -ed, -ing), or NULL */
    uint8_t strip_len;
} syn_lemma_xpos;
syn_lemma_upos syn_lemma_upos_of(const char *upos);
syn_lemma_xpos syn_lemma_xpos_of(const char *xpos);
/* syn_lemmatize with the tags already worked out (the same lemma). */
size_t syn_lemmatize_as(const syn_lemmas *l, const char *form, size_t len, syn_lemma_upos up,
                        syn_lemma_xpos xp, char *out);
/* Whether WordNet knows a lower-case form as a word of POS group g
 * (SYN_LG_NOUN ... SYN_LG_ADV) or an inflection of one: an exception
 * entry, a lemma, or a lemma by morphy's rules ("shares" -> "share"). */
bool syn_lemma_wordnet_knows(const syn_lemmas *l, const char *low, size_t len, unsigned g);
void syn_lemmas_free(syn_lemmas *l, const dyad_allocator *a);

/* Builds the lemma tables: training (form, upos) -> most frequent lemma,
 * WordNet exception lists and known lemmas from wn_dir (may be NULL). */
typedef struct syn_lemma_builder syn_lemma_builder;
dyad_status syn_lemma_builder_new(const dyad_allocator *a, syn_lemma_builder **out);
dyad_status syn_lemma_builder_add(syn_lemma_builder *b, uint64_t key, const char *lemma,
                                  size_t len);
dyad_status syn_lemma_builder_load_wordnet(syn_lemma_builder *b, const char *wn_dir,
                                           dyad_error *err);
dyad_status syn_lemma_builder_finish(syn_lemma_builder *b, syn_lemmas *out);
void syn_lemma_builder_free(syn_lemma_builder *b);

/* ---- the model (model.c) ---- */

#define SYN_MODEL_MAGIC "DYADSYN1"
/* 3: word clusters, parser features that use them; 4: bucketed weight
 * tables with dense rows, sections aligned to 64 bytes; 5: the UPOS and
 * label maps, XPOS-only tag dictionary entries; 6: an XXH3-64 checksum
 * instead of CRC-32 (a tenth of the load time); 7: the first-stage
 * classifier in the transition table (SYN_PARSE_CLASSES); 8: the arc
 * labeller's first stage in the label table (SYN_LABEL_FIRST_KEYS); 9: the
 * UPOS pass's first stage in the UPOS table (SYN_UPOS_FIRST_KEYS); 10: the
 * second-stage classifier in the transition table; 11: rows of 49-64
 * classes 64 wide (syn_stride); 12: dense rows from 3 classes in the
 * taggers' tables and 8 in the labeller's (percep.c, dense_min).  Older
 * files are refused with a message to retrain. */
#define SYN_MODEL_VERSION 12u
#define SYN_MODEL_VERSION_OLDEST 12u
#define SYN_MODEL_FILE "en_ewt.dyadsyn"

typedef struct syn_model_parts {
    syn_names upos, xpos, deprel;
    syn_weights wxpos, wupos, wparse, wlabel, wxpos2;
    syn_tagdict tagdict;
    syn_tagdict capdict;
    syn_tagdict uposmap;
    syn_tagdict labelmap;
    syn_lemmas lemmas;
} syn_model_parts;

dyad_status syn_model_write(const char *path, const syn_model_parts *m, dyad_error *err);
/* Maps path read-only and validates magic, version, size, CRC and every
 * section into m (pointers into the mapping).  The caller unmaps
 * mapping (*map, *map_len).  DYAD_ECORRUPT names the file and what is wrong. */
dyad_status syn_model_map(const char *path, syn_model_parts *m, void **map, size_t *map_len,
                          dyad_error *err);

/* ---- running the whole pipeline on one sentence (work.c) ---- */

/* Per-thread scratch for one sentence; arrays are indexed 1..n (index 0
 * is the root) so that the parser and the tagger share them. */
typedef struct syn_work {
    size_t cap;
    syn_word *words;
    uint16_t *xpos, *upos;
    uint64_t *word_keys; /* cap x SYN_TAG_WORD_FEATS, for the tagger */
    syn_pscratch ps;
    float scores[SYN_MAX_CLASSES];   /* training */
    int32_t acc[SYN_SCORE_SLOTS];    /* decoding (syn_weights_score_int) */
    uint8_t allowed[SYN_MAX_CLASSES];
    bool plain; /* fast paths off (DYAD_SYNTAX_PLAIN): same results */
    bool full;  /* decode as the perceptrons were trained: no sure first
                 * pass, UPOS map or staged scoring (training's dev scores) */
} syn_work;

dyad_status syn_work_reserve(syn_work *w, const dyad_allocator *a, size_t n);
void syn_work_free(syn_work *w, const dyad_allocator *a);
/* Tags words[1..n] (filled by the caller) and, when parse is true,
 * parses them: results in xpos/upos[1..n] and ps.st.head/label[1..n]. */
void syn_work_run(syn_work *w, const syn_model_parts *m, size_t n, bool parse);
/* Parses words[1..n] (as syn_work_run left them: capitalization classes
 * and clusters set) with the tags now in xpos/upos[1..n]: the parse
 * syn_work_run gives when its tagger chose those tags. */
void syn_work_parse_tagged(syn_work *w, const syn_model_parts *m, size_t n);

/* ---- gold corpora in memory (corpus.c) ---- */

#define SYN_NO_CLASS 0xffffu /* a tag the model does not know */

/* Sentences of a CoNLL-U file with tags as classes of a syn_model_parts
 * inventory (added while training, looked up otherwise). */
typedef struct syn_corpus {
    const dyad_allocator *a;
    size_t sent_n, tok_n;
    uint32_t *start;         /* sent_n + 1 token offsets */
    syn_word *words;         /* tok_n */
    uint16_t *upos, *xpos, *deprel, *head;
    uint32_t *form_off, *form_len, *lemma_off, *lemma_len;
    buf text;                /* forms and lemmas */
    size_t cap;
    size_t sent_cap;
    size_t rejected; /* malformed sentences skipped */
} syn_corpus;

/* Reads path; keeps sentences whose sent_id starts with id_prefix (NULL
 * or "" = all); add = true grows the inventories in m.  Bad lines are
 * reported through diag and their sentences skipped.  Loading into a
 * corpus that already holds sentences appends to it. */
dyad_status syn_corpus_load(syn_corpus *c, const char *path, syn_model_parts *m, bool add,
                            const char *id_prefix, dyad_diag_fn diag, void *diag_user,
                            dyad_error *err);
void syn_corpus_free(syn_corpus *c);
/* The label map (see syn_labelmap_get) of c's gold arcs. */
dyad_status syn_labelmap_build(const syn_corpus *c, syn_tagdict *out);

/* Accuracy counts of predicted against gold. */
typedef struct syn_counts {
    size_t sents, toks, upos, xpos, lemma, uas, las, las_ud;
} syn_counts;

/* Tags, lemmatizes and parses every sentence of c with m, counting.
 * full: decode as trained (syn_work.full), as training's epoch choice
 * does, so that the run-time margins do not choose the model's epochs. */
dyad_status syn_corpus_eval(const syn_corpus *c, const syn_model_parts *m, bool full,
                            syn_counts *out);
/* The same for the taggers only (upos and xpos counts). */
dyad_status syn_corpus_eval_tags(const syn_corpus *c, const syn_model_parts *m, bool full,
                                 syn_counts *out);

/* ---- gold sentences for training/eval and the <Parse> converters ---- */

/* A token with syntax as strings and numbers (owned by whoever made it). */
typedef struct syn_dep_tok {
    dyad_str form;
    dyad_str lemma;
    char upos[16];
    char xpos[16];
    char deprel[32];
    uint16_t head;
} syn_dep_tok;

/* Converts one Penn Treebank bracketed tree ("(ROOT (S (NP ...)))") into
 * dependency tokens with head rules.  Forms borrow from s.  *out is an
 * array of *n tokens allocated with a (caller frees with core_free).
 * Returns DYAD_EPARSE with err->message on malformed brackets. */
dyad_status syn_ptb_to_deps(const char *s, size_t len, const dyad_allocator *a,
                            syn_dep_tok **out, size_t *n, dyad_error *err);
/* Reads CoNLL-U lines carried in a <Parse> element into tokens (the first
 * sentence only; forms borrow from s). */
dyad_status syn_conllu_parse_to_deps(const char *s, size_t len, const dyad_allocator *a,
                                     syn_dep_tok **out, size_t *n, dyad_error *err);
/* Either of the two, chosen by looking at the text. */
dyad_status syn_given_parse_to_deps(const char *s, size_t len, const dyad_allocator *a,
                                    syn_dep_tok **out, size_t *n, dyad_error *err);

#endif /* DYAD_SYNTAX_H */
