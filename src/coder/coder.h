/*
 * coder.h — internal header of the coder layer: the event coding engine
 * (sentences of words with an optional dependency parse, matched against a
 * compiled lexicon into CAMEO events) and the validation-suite runner.
 *
 * Pipeline inside one sentence (coder.c drives it):
 *   sentence.c  builds a coder_sent: words with normalized forms, lexicon
 *               atoms, coarse POS and dependency relations, either from a
 *               dyad_analysis (own tagger/parser, or none: linear coding)
 *               or from a parse supplied with the input (PTB / CoNLL-U);
 *   mentions.c  finds actor, agent, pronoun and discard mentions by
 *               longest match on the lexicon trie;
 *   place_names.c  which of two places a name means ("Georgia", "Vienna,
 *               Virginia");
 *   actors.c    merges mentions into actor units (agent + actor ->
 *               "AZEGOV") and compound groups;
 *   verbs.c     finds dictionary verbs; patterns.c matches their patterns
 *               (linear TABARI/PETRARCH-1 and head-based PETRARCH-2)
 *               against the sentence, binding source and target;
 *   tabari_rules.c, negation.c  TABARI's clause and compound rules,
 *               negated verbs;
 *   roles.c     finds source and target from the parse or by position;
 *   coder.c     codes each verb (pattern, then roles.c), expands compounds
 *               and paired codes, drops negated and null-coded verbs and
 *               reports events; the parse fast path;
 *   setup.c     builds a coder: pattern and synset indexes, options;
 *   validate.c  runs the TABARI and PETRARCH validation suites.
 *
 * Everything per sentence lives in fixed-capacity arrays of the coder (no
 * allocation per token); every input-controlled count has a CODER_MAX_*.
 */
#ifndef DYAD_CODER_H
#define DYAD_CODER_H

#include "core/core.h"
#include "text/text.h"
#include "syntax/syntax.h"
#include "lexicon/lexicon.h"

/* ---- limits ---- */
#define CODER_MAX_WORDS DYAD_MAX_SENTENCE_TOKENS /* words per sentence */
#define CODER_MAX_UNITS 256u      /* actor units per sentence; later ones ignored */
#define CODER_MAX_VERBS 128u      /* verb candidates per sentence */
#define CODER_MAX_GROUP 16u       /* actors in one compound group */
#define CODER_MAX_PARTIES 5       /* dyad code: a longer compound is a list (coder.c) */
#define CODER_MAX_EVENTS 512u     /* events per sentence */
#define CODER_MAX_MATCH_STEPS 20000u /* backtracking steps per pattern */
#define CODER_MAX_CODE 32u        /* bytes of an actor code (dyad_event.source) */
#define CODER_MAX_STORY_KEY 64u   /* bytes of a story id (opts.forward_story) */
#define CODER_MAX_COMMAS 64u      /* commas per sentence looked at by TABARI COMMA */
#define CODER_MAX_SYNSET_DEPTH 4u /* synsets nested inside synsets */
#define CODER_MAX_LOOSE_GAP 24u  /* words skipped by a TABARI blank connector in an actor phrase */
#define CODER_MAX_LOOSE_GAPS 4u  /* such gaps in one actor phrase */
#define CODER_MAX_AGENT_MEMORY 32u /* agent words remembered with their country per document */
#define CODER_MAX_PICO 1024u     /* codes of a PETRARCH internal coding ontology (negation.c) */
#define CODER_DEFAULT_SOURCE ((int)CODER_MAX_UNITS)     /* unit slot of DEFAULT: SOURCE */
#define CODER_DEFAULT_TARGET ((int)CODER_MAX_UNITS + 1) /* unit slot of DEFAULT: TARGET */

/* Coarse word classes, from UPOS or Penn tags (or guessed without a tagger). */
enum {
    CW_OTHER = 0, CW_NOUN, CW_PROPN, CW_VERB, CW_AUX, CW_ADJ, CW_ADV, CW_PRON, CW_DET,
    CW_ADP, CW_CCONJ, CW_SCONJ, CW_PART, CW_NUM, CW_PUNCT
};

/* Coarse dependency relations. */
enum {
    CR_NONE = 0, CR_ROOT, CR_NSUBJ, CR_NSUBJ_PASS, CR_OBJ, CR_IOBJ, CR_OBL, CR_NMOD,
    CR_CONJ, CR_CC, CR_CASE, CR_MARK, CR_CCOMP, CR_XCOMP, CR_ADVCL, CR_ACL, CR_AUX,
    CR_AUX_PASS, CR_NEG, CR_ADVMOD, CR_COMPOUND, CR_AMOD, CR_POSS, CR_DET, CR_APPOS,
    CR_PRT, CR_PUNCT, CR_PARATAXIS, CR_EXPL, CR_OTHER
};

typedef struct coder_word {
    dyad_str form;     /* text as written (borrowed from the document or parse) */
    uint32_t norm_off; /* normalized form in coder_sent.norm */
    uint32_t norm_len;
    uint32_t atom;     /* lexicon atom of the normalized form, 0 = unknown word */
    dyad_span span;    /* in the document; {0,0} when it could not be aligned */
    uint16_t head;     /* 1-based word index, 0 = root; meaningful if sent.parsed */
    uint8_t pos;       /* CW_* */
    uint8_t rel;       /* CR_* */
    uint8_t capital;   /* first letter upper case */
    uint8_t penn_verb; /* Penn tag VB* */
    uint8_t participle; /* Penn tag VBN (past participle) */
    uint8_t coded;      /* a verb that produced an event */
    int16_t unit;      /* actor unit covering the word, -1 = none */
    uint8_t cut_before; /* TABARI COMMA removed the words before this one */
    uint8_t in_mention; /* inside a dictionary actor/agent phrase (tags play no part) */
    uint8_t agent_word; /* ... inside an agent phrase ("President") */
    uint8_t loose_gap;  /* skipped inside a TABARI actor phrase ("Ithilen state-run
                         * television"): not part of the actor unit around it */
    uint8_t in_compound; /* a comma inside a compound of actors ("A and B, and C
                          * and D"): TABARI COMMA does not cut there */
    uint16_t prefix_n;   /* lexicon atoms among the word's prefixes (TABARI stems) */
    uint32_t prefix_off; /* ... at coder_sent.prefix[prefix_off], longest first */
    uint32_t root_stem;  /* the trie root's child for the longest of them that
                          * has entries, 0 = none (TABARI stems; kept with the
                          * form in the form cache: walks from every word ask) */
} coder_word;

/* Do the word's tags make it a verb (Penn VB* or the class CW_VERB)?  The
 * one test the full path's verbs (verbs.c, verb_position) and the parse
 * fast path's look at the tags (coder_token_verb_tagged) share. */
static inline bool coder_verb_tagged(const coder_word *w)
{
    return w->penn_verb || w->pos == CW_VERB;
}

typedef struct coder_sent {
    coder_word *w; /* [cap] */
    size_t n, cap;
    bool parsed;  /* head/rel are filled */
    bool tagged;  /* pos is filled from a tagger or a supplied parse */
    bool reshaped; /* words were split or merged: heads no longer apply */
    buf norm;     /* normalized forms back to back */
    /* TABARI stems match words they begin ("ARNOR_" in "Arnorian"): the
     * lexicon atoms spelled by each word's prefixes, found once per
     * word as it is added instead of once per trie node tried (ready
     * once coder_sent_prefixes checked them) */
    uint32_t *prefix;
    size_t prefix_len, prefix_cap;
    bool prefixes_ready;
    bool prefixes_failed; /* the table could not grow: prefixes looked up */
    uint32_t fill; /* counts the fills: what was found from words is kept per fill */
    bool no_discard; /* coder_find_discard found none in these words */
    norm_scratch scratch;
    dyad_span span; /* the sentence in the document */
    uint32_t index; /* 0-based sentence number in the document */
} coder_sent;

/* An actor mention: an actor, optionally with agents, or a lone agent, or a
 * pronoun standing for an earlier actor. */
typedef struct coder_unit {
    uint16_t begin, end;   /* words [begin, end) */
    uint16_t head;         /* 0-based word used for parse tests */
    char code[CODER_MAX_CODE];
    int16_t group;         /* compound group (index into coder.groups) */
    uint8_t pronoun;
    uint8_t agent_only;    /* no country named: code from context */
    uint8_t join_prev;     /* same compound group as the unit before */
    uint8_t merged;        /* two actors back to back made one unit ("Bree Prime
                            * Minister Romendacil") */
    uint32_t actor_file, actor_line; /* lexicon provenance (0 = none) */
    uint32_t agent_file, agent_line;
} coder_unit;

typedef struct coder_group {
    uint16_t first, n; /* units first .. first + n - 1 */
} coder_group;

typedef struct coder_verb {
    uint16_t begin, end;  /* words covered by the verb phrase */
    uint16_t word;        /* the inflected word (0-based) */
    uint32_t verb;        /* lex_verb index */
    uint32_t block;       /* lex_block index */
    uint32_t file, line;  /* the form's dictionary line */
} coder_verb;

/* The result of matching one pattern. */
typedef struct coder_binding {
    int source_unit, target_unit; /* -1 = not bound */
    int compound_group;           /* '%': -1 = not bound */
    uint16_t last_word;           /* furthest word the pattern used */
    bool has_negation;            /* the pattern itself spells a negation */
    uint16_t words_used;          /* words its word and synset elements covered */
} coder_binding;

/* A candidate event before expansion to codes. */
typedef struct coder_cand {
    int source_unit, target_unit;
    uint32_t code, code2;    /* atoms; code2 for paired codes */
    uint32_t pattern;        /* lex_pattern index, 0 = verb default */
    const coder_verb *verb;
    const char *why;         /* how source/target were found */
} coder_cand;

/* Document context: an agent word last seen with a country ("Minister
 * of Foreign Affairs of Kazakhstan": minister -> KAZ), so that "the
 * minister" later in the document is that minister. */
typedef struct coder_agent_country {
    uint64_t key;    /* the agent phrase's first or last word (atom), or the
                      * hash of a named person's last name */
    uint64_t person; /* agent memory: the hash of the last name of the person
                      * titled so when remembered ("Panamanian President José
                      * Raúl Mulino"), 0 if none was named */
    char country[4];
} coder_agent_country;

/* ISO 3166-1 alpha-2 -> alpha-3 (iso_alpha.c, generated from iso-codes). */
typedef struct coder_iso_alpha {
    char a2[3];
    char a3[4];
} coder_iso_alpha;
extern const coder_iso_alpha coder_iso_alpha_table[];
extern const size_t coder_iso_alpha_n;
/* The country of a publisher from its web address (or source, a bare
 * host): a country-code top-level domain ("president.gov.ua": UKR), or
 * USA for .gov and .mil.  False when neither says. */
bool coder_publisher_country(dyad_str url, dyad_str source, char out[4]);

/* One line of a PETRARCH internal coding ontology: a CAMEO code and its
 * number (negation.c). */
typedef struct coder_pico_entry {
    char cameo[8];
    long value;
} coder_pico_entry;

/* An event held until the end of its sentence (tabari_rules.c). */
typedef struct coder_held_event {
    dyad_event ev;
    dyad_event_provenance pv;
} coder_held_event;

typedef struct coder_syn_key {
    uint32_t atom, member;
} coder_syn_key;

/* Words a TABARI blank connector skipped inside a phrase. */
typedef struct coder_gaps {
    uint32_t mask;   /* bit k: a gap after the phrase's word k */
    bool by_ending;  /* the last word matched with an ending removed */
    uint8_t n;
    uint16_t from[CODER_MAX_LOOSE_GAPS], to[CODER_MAX_LOOSE_GAPS]; /* words [from, to) */
} coder_gaps;

/* A phrase found at a position: what and how long (entry NULL: a pronoun). */
typedef struct coder_mention {
    uint16_t begin, end;
    uint32_t kind;
    const lex_entry *entry;
    coder_gaps gaps;
} coder_mention;

/* What the coder reads from the names of the model's tags, by tag id, so
 * that filling a parsed sentence compares no names (coder_tag_tables). */
#define CODER_TAG_IDS 256u
#define CODER_TAG_NONE 0xffu
typedef struct coder_tag_table {
    uint8_t pos_of_upos[CODER_TAG_IDS];  /* word class, or CODER_TAG_NONE: the XPOS decides */
    uint8_t pos_of_xpos[CODER_TAG_IDS];
    uint8_t verb_of_upos[CODER_TAG_IDS]; /* 1: VERB */
    uint8_t verb_of_xpos[CODER_TAG_IDS]; /* 1: VB*, 2: VBN */
    uint8_t rel_of_deprel[CODER_TAG_IDS];
} coder_tag_table;

/* A cache of what the coder works out from a word's form alone, by the
 * form as written (add_word): the normalized form, its atom and its prefix
 * atoms (atoms[0] the word's, then the prefixes', TABARI stems).  The same
 * forms come back sentence after sentence, and each lookup in the
 * lexicon's atom table is a cache miss.  Emptied whole when half full or
 * when an arena fills. */
#define CODER_FCACHE_SLOTS 32768u  /* a power of two */
#define CODER_FCACHE_BYTES 524288u /* key and value bytes kept */
#define CODER_FCACHE_ATOMS 65536u  /* atoms kept */
typedef struct coder_fcache_slot {
    uint64_t hash;    /* of the key; 0 = empty */
    uint32_t off;     /* key bytes, then value bytes, in bytes */
    uint32_t atom_off;
    uint16_t key_len, val_len, atom_n;
} coder_fcache_slot;
typedef struct coder_fcache {
    coder_fcache_slot *slots;
    char *bytes;
    uint32_t *atoms;
    uint32_t used, byte_len, atom_len;
} coder_fcache;

/* The tags and parse of recent sentences by their words (parse_memo.c). */
#define CODER_PMEMO_SLOTS 16384u      /* a power of two; half are used at most */
#define CODER_PMEMO_BYTES (4u << 20) /* entries: words' lengths, fields, bytes */
typedef struct coder_pmemo_slot {
    uint64_t hash; /* of the sentence's text; 0 = empty */
    uint32_t off;  /* the entry in bytes */
} coder_pmemo_slot;
typedef struct coder_pmemo {
    coder_pmemo_slot *slots;
    char *bytes;
    uint32_t used, byte_len;
    size_t hits;
} coder_pmemo;

struct dyad_coder {
    const dyad_allocator *allocator;
    const dyad_lexicon *lex;
    const dyad_model *model;
    dyad_syntax *syntax;       /* NULL without a model */
    dyad_analysis *analysis;   /* own, when the caller passes none */
    dyad_token *tok_scratch;   /* [CODER_MAX_WORDS] one sentence re-annotated */
    dyad_coder_options opts;
    bool tabari_stems;         /* the lexicon has TABARI stem entries */
    bool petr2;                /* the verbs are in PETRARCH-2 syntax */
    bool prefilter;            /* finding verbs for the parse fast path */
    bool all_caps;             /* the sentence is written in capitals */
    bool tabari;               /* the verbs are in TABARI syntax */
    /* per-block pattern index: pattern ids sorted most specific first */
    uint32_t *block_pat_first; /* [blocks + 1] offsets into block_pats */
    uint32_t *block_pats;
    uint32_t *verb_pat_first;  /* TABARI patterns by verb [verbs + 1] */
    uint32_t *verb_pats;
    uint32_t atom_said, atom_by, atom_and, atom_or, atom_of, atom_s;
    /* fast path: which lexicon atoms occur in the current sentence
     * (stamp[atom] == sent_serial); patterns needing an absent word are
     * skipped without matching */
    uint32_t *atom_stamp;
    uint8_t *atom_synref; /* 1 for atoms spelling a synset reference "&X" */
    uint8_t *discard_first; /* 1 for atoms a discard phrase starts with */
    uint32_t *root_child;   /* the trie root's child for each atom, 0 = none */
    uint8_t *node_kinds;    /* per trie node (coder_node_kinds) [node_n] */
    uint32_t node_n;
    uint64_t *edge_filter;  /* the other edges (coder_trie_child): a Bloom */
    uint32_t edge_filter_shift; /* filter of 64-bit words, 2 bits per edge */
    coder_tag_table tags;      /* by the model's tag ids */
    coder_fcache norm_cache;   /* form -> normalized form, atom, prefix atoms */
    coder_pmemo parse_memo;    /* words -> tags and parse */
    /* synset index: per synset and direction, its members sorted by the
     * atom of their first (dir 0) or last (dir 1) word; members starting
     * with a nested synset sort under atom 0 and are always tried */
    uint32_t *syn_off[2];  /* [synsets + 1] */
    coder_syn_key *syn_keys[2];
    /* fast path: the synsets a word can start a member of, by its atom
     * (syn_by_atom[syn_by_atom_off[a] ..]), those with a member led by a
     * nested synset (syn_nested[s]), and which synsets the current
     * sentence may hold (syn_stamp[s] == sent_serial) */
    uint32_t *syn_by_atom_off; /* [atom_n + 1] */
    uint32_t *syn_by_atom;
    uint8_t *syn_nested;       /* [synsets] */
    uint32_t *syn_stamp;       /* [synsets] */
    /* fast path: per pattern, the plain words and synsets (| CODER_REQ_SYNSET)
     * it needs outside alternatives: req[req_first[p] .. req_first[p + 1]) */
    uint32_t *req_first;       /* [patterns + 1] */
    uint32_t *req;
    uint32_t atom_n;
    uint32_t sent_serial;
    /* per sentence */
    coder_sent sent;
    coder_unit units[CODER_MAX_UNITS + 2]; /* + default source, target */
    size_t unit_n;
    size_t mention_n;          /* actor, agent and pronoun mentions found */
    /* the mentions the parse fast path found, for coding the same words
     * once parsed (coder_find_actors) */
    coder_mention kept_ms[CODER_MAX_UNITS];
    size_t kept_mn;
    uint32_t kept_fill; /* the sentence fill they were found in */
    bool kept;
    bool one_actor;            /* fast path: they name one actor an event may have */
    coder_group groups[CODER_MAX_UNITS];
    size_t group_n;
    coder_verb verbs[CODER_MAX_VERBS];
    size_t verb_n;
    size_t clause_begin;       /* TABARI: first word of the clause being coded */
    /* carried across sentences of a document: the last actor named */
    char last_actor[CODER_MAX_CODE];
    char default_source[CODER_MAX_CODE]; /* from a TABARI .options DEFAULT: line */
    char default_target[CODER_MAX_CODE];
    char sent_last_actor[CODER_MAX_CODE]; /* last actor mention of this sentence */
    /* document context (opts.context_actors) */
    char sent_first_actor[CODER_MAX_CODE]; /* first actor mention of this sentence */
    char prev_first_actor[CODER_MAX_CODE]; /* ... of the last sentence naming one */
    char doc_country[4];       /* first state actor's country in the document */
    char publisher[4];         /* the country of the document's web address, "" if none */
    dyad_str doc_text;         /* the document being coded (place_names.c reads it) */
    uint8_t georgia_in_doc;    /* place_names.c: 0 not read yet, 2 Caucasus words in it, 1 none */
    int32_t georgia_state_sent; /* ... the first sentence whose words made Georgia the US
                                 * state; -1: none yet */
    const lex_entry *us_state_entry; /* how the dictionaries code a US state; NULL: not */
    uint32_t doc_country_sent; /* the sentence (index) that named it ... */
    int32_t doc_country_word;  /* ... and its first word there; -1: none yet */
    char story_key[CODER_MAX_STORY_KEY]; /* opts.forward_story: id of the story coded last */
    coder_agent_country agent_memory[CODER_MAX_AGENT_MEMORY];
    size_t agent_memory_n;
    /* the people an agent title was named with and its country ("President
     * of Ukraine Volodymyr Zelenskyy": Zelenskyy -> UKR), by last name */
    coder_agent_country name_memory[CODER_MAX_AGENT_MEMORY];
    size_t name_memory_n;
    bool discard_story;
    size_t match_steps;
    dyad_coder_counts counts; /* dyad_coder_get_counts */
    /* TABARI: the sentence's events, held for the '?' / '!' rules */
    coder_held_event *held;    /* [CODER_MAX_EVENTS], allocated on first use */
    size_t held_n;
    /* TABARI: the source kept from verb to verb in a sentence (a clause
     * that starts with an actor replaces it) */
    int tabari_source;
    size_t tabari_source_clause;
    uint32_t tabari_source_serial;
    /* PETRARCH internal coding ontology (negated verbs); NULL = none */
    coder_pico_entry *pico;
    size_t pico_n;
    /* trace (dyad explain) */
    buf trace;
};

/* The word of c->edge_filter and the two bits in it that stand for the
 * trie edge (node, a), node != 0. */
static inline uint64_t coder_edge_hash(uint32_t node, uint32_t a)
{
    return (((uint64_t)node << 32) | a) * 0x9e3779b97f4a7c15ull;
}
static inline uint64_t coder_edge_bits(uint64_t h)
{
    return (1ull << (h & 63)) | (1ull << ((h >> 6) & 63));
}

/* What trie node holds: bit k (1-7) for an entry of lex_kind k, bit 0 for
 * a stem entry (LEX_EF_STEM); 0 = no entries.  From an array of a byte
 * per node made at setup, so that the walks from every word learn which
 * nodes end a phrase of the kind they look for without reading the
 * lexicon's node and entry arrays (cache misses: 3% of `dyad code`). */
#define CODER_NODE_STEM 1u
static inline unsigned coder_node_kinds(const dyad_coder *c, uint32_t node)
{
    return node < c->node_n ? c->node_kinds[node] : 0xffu;
}
static inline bool coder_node_has(const dyad_coder *c, uint32_t node, uint32_t kind)
{
    return (coder_node_kinds(c, node) >> (kind & 7u)) & 1u;
}

/* The child of trie node for atom a, or 0: lex_trie_child without its
 * edge table where setup's indexes answer.  A walk probes the table from
 * every word and, under TABARI stems, for every prefix of it; the table
 * (3 MB with the Phoenix dictionaries) is not in the cache, and the
 * probes were 5% of `dyad code`'s time.  The root's children are kept by
 * atom; any other edge is looked for only when its two bits are set in a
 * Bloom filter of 16 to 32 bits per edge (128 KB for the Phoenix
 * dictionaries' 60,000 such edges; one word read, about 1% false
 * positives), which turns away nearly all probes: most end the walk. */
static inline uint32_t coder_trie_child(const dyad_coder *c, uint32_t node, uint32_t a)
{
    if (node == 0 && a < c->atom_n)
        return c->root_child[a];
    if (node != 0 && c->edge_filter) {
        uint64_t h = coder_edge_hash(node, a), bits = coder_edge_bits(h);
        if ((c->edge_filter[h >> c->edge_filter_shift] & bits) != bits)
            return 0;
    }
    return lex_trie_child(c->lex, node, a);
}

/* ---- parse_memo.c ---- */
/* Sets tok[0..n)'s upos, xpos, head and deprel as remembered for a
 * sentence of exactly these words and returns true, or returns false.
 * text: the sentence as written, from its first word to its last. */
bool coder_pmemo_get(coder_pmemo *m, const dyad_allocator *a, dyad_str text, const dyad_str *forms,
                     size_t n, dyad_token *tok);
/* Remembers tok[0..n)'s syntax fields for these words (nothing when
 * memory is short or the sentence too large). */
void coder_pmemo_put(coder_pmemo *m, const dyad_allocator *a, dyad_str text, const dyad_str *forms,
                     size_t n, const dyad_token *tok);
void coder_pmemo_free(coder_pmemo *m, const dyad_allocator *a);

/* ---- sentence.c ---- */
dyad_status coder_sent_init(coder_sent *s, const dyad_allocator *a);
void coder_sent_free(coder_sent *s);
/* Fills s from sentence k of an analysis (syntax fields used when the
 * syntax model filled them; names via model).  tok: the sentence's tokens
 * with syntax fields (NULL: the analysis's own). */
dyad_status coder_sent_from_analysis(dyad_coder *c, const dyad_analysis *an, size_t k,
                                     const dyad_token *tok);
/* Sets the tags and parse of the words filled from the same sentence k
 * without tokens (tok: its tokens, now annotated), keeping the words and
 * what was found from them; fills anew when words were split or merged. */
dyad_status coder_sent_add_syntax(dyad_coder *c, const dyad_analysis *an, size_t k,
                                  const dyad_token *tok);
/* Would token t's tags make its word a verb for the coder
 * (coder_verb_tagged, as the word would get them)? */
bool coder_token_verb_tagged(const dyad_coder *c, const dyad_token *t);
/* Fills s from a supplied parse text; text is the document text for span
 * alignment.  DYAD_EPARSE when the parse cannot be read. */
dyad_status coder_sent_from_parse(dyad_coder *c, dyad_str parse, dyad_str text,
                                  dyad_span span, dyad_error *err);
dyad_str coder_norm(const coder_sent *s, size_t i);
/* Fills c->tags from c->model's tag names (setup). */
void coder_tag_tables(dyad_coder *c);
/* Finds the prefix atoms of every word, once per sentence fill, when the
 * lexicon has TABARI stems or verbs.  Without (DYAD_ENOMEM) the walks
 * below look the prefixes up themselves. */
dyad_status coder_sent_prefixes(dyad_coder *c);
void coder_fcache_free(coder_fcache *fc, const dyad_allocator *a);
/* Walks the lexicon atoms spelled by word j's prefixes of two or more
 * bytes, shorter than the word, longest first; 0 ends the walk:
 *   coder_prefix_walk pw = coder_prefixes(c, j);
 *   for (uint32_t a; (a = coder_prefix_next(&pw)) != 0;) ...
 * From the sentence's table when coder_sent_prefixes filled it, else by
 * looking each prefix up. */
typedef struct coder_prefix_walk {
    const dyad_coder *c;
    size_t word, k;
} coder_prefix_walk;
uint32_t coder_prefix_next_slow(coder_prefix_walk *pw);
/* Inline: every walk from every word asks for its prefixes (4% of `dyad
 * code` as calls). */
static inline coder_prefix_walk coder_prefixes(const dyad_coder *c, size_t j)
{
    const coder_sent *s = &c->sent;
    return (coder_prefix_walk){c, j, s->prefixes_ready ? 0 : s->w[j].norm_len};
}
static inline uint32_t coder_prefix_next(coder_prefix_walk *pw)
{
    const coder_sent *s = &pw->c->sent;
    if (!s->prefixes_ready)
        return coder_prefix_next_slow(pw);
    const coder_word *w = &s->w[pw->word];
    return pw->k < w->prefix_n ? s->prefix[w->prefix_off + pw->k++] : 0;
}
/* Names of the coarse classes, for traces. */
const char *coder_pos_name(uint8_t pos);
const char *coder_rel_name(uint8_t rel);
/* True when word j is in the dependency subtree of word i (0-based). */
bool coder_dominates(const coder_sent *s, size_t i, size_t j);

/* ---- mentions.c ---- */

/* The mentions of the sentence, left to right, at most cap of them: the
 * longest actor or agent phrase at each word, else a pronoun.  Marks the
 * words a blank connector skipped (coder_word.loose_gap). */
void coder_gather_mentions(dyad_coder *c, coder_mention *ms, size_t *mn, size_t cap);
/* A discard phrase in the sentence?  *story: it discards the whole story. */
bool coder_find_discard(dyad_coder *c, bool *story);
/* The first code of actor entry e; empty when it has none. */
dyad_str coder_actor_first_code(const dyad_lexicon *lx, const lex_entry *e);

/* ---- place_names.c ---- */
/* Finds how the dictionaries code a US state (c->us_state_entry; setup). */
void coder_find_us_state_entry(dyad_coder *c);
/* Why actor mention m names a US place rather than the dictionaries'
 * foreign one ("Georgia" the state, "Vienna, Virginia", "Athens
 * County"), or NULL when it does not (ms[0..mn): the sentence's mentions
 * before it). */
const char *coder_us_place_cue(dyad_coder *c, const coder_mention *m, const coder_mention *ms,
                               size_t mn);

/* ---- actors.c ---- */
/* Finds actor units, compound groups and resolves pronouns. */
void coder_find_actors(dyad_coder *c, dyad_date date);
/* The lexicon's dictionary file name of file index f. */
dyad_str coder_file_name(const dyad_lexicon *lx, uint32_t f);

/* ---- verbs.c ---- */
void coder_find_verbs(dyad_coder *c);
/* Tries the patterns of verb v most specific first; returns the pattern
 * index that matched (0 = none) and its bindings. */
uint32_t coder_match_patterns(dyad_coder *c, const coder_verb *v, coder_binding *b);
/* Lists what each pattern needs for the pattern fast path (req_first, req). */
#define CODER_REQ_SYNSET 0x80000000u
dyad_status coder_index_requirements(dyad_coder *c);
/* Builds the synset member index (coder->syn_off, syn_keys). */
dyad_status coder_index_synsets(dyad_coder *c);
void coder_free_synsets(dyad_coder *c);
/* Marks the atoms of the current sentence's words (pattern prefilter). */
void coder_stamp_atoms(dyad_coder *c);
/* Parse fast path: could one of verb v's patterns give an event?  False
 * when every pattern with a code needs a word the sentence lacks (atoms
 * stamped by coder_stamp_atoms). */
bool coder_pattern_may_code(const dyad_coder *c, const coder_verb *v);
/* Is code empty, "---" or "+++" (no event by itself)? */
bool coder_null_code(dyad_str code);
/* True when word i matches lexicon word atom w (stems for TABARI). */
bool coder_word_is(const dyad_coder *c, size_t i, uint32_t w, bool stem);
/* Does a verb of the dictionaries start with word i (one-word lookup)? */
bool coder_word_is_verb(const dyad_coder *c, size_t i);
/* The entries (actors, verbs, ...) ending at lexicon trie node node. */
const lex_entry *coder_trie_entries(const dyad_lexicon *lx, uint32_t node);

/* ---- roles.c: source, target, negation ---- */
/* The first unit (word order) in w's subtree or covering w; -1 if none. */
int coder_unit_of_subtree(const dyad_coder *c, size_t w);
int coder_possessed_unit(const dyad_coder *c, int k);
bool coder_word_eq(const coder_sent *s, size_t i, const char *lit);
/* Is word i's normalized form one of the n literals of list? */
bool coder_word_in(const coder_sent *s, size_t i, const char *const *list, size_t n);
/* Are words [begin, end) the pronoun "us" in lower case (roles.c)? */
bool coder_speakers_us(const coder_sent *s, size_t begin, size_t end);
/* Does word h have a dependent with relation rel? */
bool coder_has_child(const coder_sent *s, size_t h, uint8_t rel);
/* The first child of word h with relation rel, or -1. */
long coder_child(const coder_sent *s, size_t h, uint8_t rel);
/* Does word w have the case marker lit ("with" in "with Belarus")? */
bool coder_has_case_word(const coder_sent *s, size_t w, const char *lit);
/* ... one of the n words of list? */
bool coder_has_case_in(const coder_sent *s, size_t w, const char *const *list, size_t n);
/* Does verb v have the subordinator lit ("to", "for" in "for
 * recognizing")? */
bool coder_has_mark(const coder_sent *s, size_t v, const char *lit);
/* Does word w have a preposition ("in Washington", "with Russia"), "by",
 * "of" and the possessive aside? */
bool coder_has_preposition(const coder_sent *s, size_t w);
bool coder_is_passive(const coder_sent *s, size_t v);
/* The actor of a passive verb's by-phrase, or -1. */
int coder_by_phrase(const dyad_coder *c, size_t v);
/* Is the unit an agent introduced by "by" (a by-phrase the parse hung
 * somewhere the passive's own search does not look)? */
bool coder_by_marked(const dyad_coder *c, int unit);
/* The unit in the subtree of v's dependent with relation rel, or -1. */
int coder_subject_of(const dyad_coder *c, size_t v, uint8_t rel);
/* Source from the parse, skipping units of group exclude; *why says how. */
int coder_parse_source(const dyad_coder *c, size_t v, int exclude, const char **why);
/* Target from the parse, not in source's group; *why says how. */
int coder_parse_target(const dyad_coder *c, const coder_verb *vb, int source, const char **why);
/* Two of the reasons coder_parse_target gives, compared by address: a
 * target found so is fit as it is (no topic, coder.c context_target). */
extern const char coder_why_recipient[];
extern const char coder_why_participle_noun[];
/* With a parse: does the path from word w up to verb v enter a clause
 * of its own (ccomp, advcl, acl, xcomp, parataxis, conjoined verb)? */
bool coder_crosses_clause(const coder_sent *s, size_t v, size_t w);
/* Is the actor code a state's ("AZE", "AZEGOV"), not an international,
 * non-governmental, multinational or unaffiliated actor's, nor one coded
 * with a role, sector or religion alone ("MED", "HIN")? */
bool coder_state_code(const char *code);
/* Is one code a bare state and the other an actor of that state
 * ("AZE" and "AZEGOV")?  A country does not act on its own government. */
bool coder_own_country(const char *a, const char *b);
/* Does the code start with a CAMEO role, sector or religion code ("MED"
 * for a newspaper, "GOV", "HIN") instead of a country or international
 * actor type? */
bool coder_sector_code(const char *code);
/* Without a parse (or when it names none): */
int coder_linear_source(const dyad_coder *c, const coder_verb *v);
int coder_linear_by_phrase(const dyad_coder *c, const coder_verb *v);
int coder_near_source(const dyad_coder *c, const coder_verb *v, int target);
int coder_linear_target(const dyad_coder *c, const coder_verb *v, int source);
/* Is the verb negated ("not", "n't", "never")? */
bool coder_negated(const dyad_coder *c, const coder_verb *v);

/* ---- negation.c: negated verbs through the internal coding ontology ---- */
/* Reads a PICO file ("CAMEO:VALUE[#comment]" lines) into c->pico,
 * replacing any earlier one; malformed lines go to diag and are skipped.
 * DYAD_EIO when the file cannot be read, DYAD_ENOMEM. */
dyad_status coder_load_pico(dyad_coder *c, const char *path, dyad_diag_fn diag, void *user,
                            dyad_error *err);
/* The same from memory (name names it in diagnostics); DYAD_ENOMEM. */
dyad_status coder_parse_pico(dyad_coder *c, const char *data, size_t size, const char *name,
                             dyad_diag_fn diag, void *user);
void coder_free_pico(dyad_coder *c);
/* The CAMEO code of the negation of code (its PICO number minus 0xFFFF)
 * into out; false when no ontology is loaded or no code has that number. */
bool coder_negate_code(const dyad_coder *c, dyad_str code, char out[8]);

/* ---- coder.c ---- */
void coder_tracef(dyad_coder *c, const char *fmt, ...) DYAD_PRINTF(2, 3);

/* ---- tabari_rules.c: TABARI subordinate ('?') and dominant ('!') codes ---- */
/* Holds one event of the current sentence; false when no memory could be
 * had (the caller then reports the event at once). */
bool coder_hold_event(dyad_coder *c, const dyad_event *ev, const dyad_event_provenance *pv);
/* Reports the held events that TABARI's rules keep, codes without their
 * marker, duplicates dropped; empties the hold.  True when fn asked to stop. */
bool coder_flush_held(dyad_coder *c, dyad_event_fn fn, void *user);
void coder_free_held(dyad_coder *c);
/* Without a parse, TABARI's regular source and target rules for what a
 * pattern left open (*su, *tu = -1): a source after the verb when none
 * precedes it (unless opts.default_prior), a target before the verb when
 * none follows it (unless opts.default_after), a compound source acting
 * on itself.  Returns true when *tu is a member of the source's compound
 * that stands alone (not expanded to its compound). */
bool coder_tabari_roles(dyad_coder *c, const coder_verb *v, int *su, int *tu, const char **why_s,
                        const char **why_t);
/* TABARI: does the conjunction at word k join two words of its <NOUN>
 * list ("sheep and goats") or of its <ADJECTIVE> list ("awful and
 * evil")?  Then it starts no clause. */
bool coder_conj_joins_class(const dyad_coder *c, size_t k);
/* TABARI: are words [from, to) determiners and words of the actors
 * file's <ADJECTIVE> list only ("the evil")? */
bool coder_modifier_gap(const dyad_coder *c, size_t from, size_t to);
/* TABARI COMMA skips across compounds: marks the commas inside a
 * compound of actors joined by "and", "or" or "nor" (in_compound). */
void coder_mark_compound_commas(dyad_coder *c, dyad_date date);
/* Is one of the events held from index `from` on not subordinate? */
bool coder_held_plain_since(const dyad_coder *c, size_t from);

/* ---- validate.c ---- */

#endif /* DYAD_CODER_H */
