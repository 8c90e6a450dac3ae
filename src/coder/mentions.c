/*
 * mentions.c — where actors, agents and discards are named in a sentence:
 * the longest phrase of the lexicon trie starting at each word, on
 * normalized words (coder_word.atom).  TABARI phrases may end in a stem
 * that matches longer words ("ARNOR" in "Arnorian"), may skip words at a
 * blank connector ("Ithilen state-run television" for ITHILEN TELEVISION)
 * and take regular noun endings ("Libyas").  Pronouns are mentions too;
 * actors.c turns mentions into coded units.
 *
 * Mentions depend on words only, never on tags: the parse fast path
 * counts them before tagging (coder.c).
 */
#include "coder/coder.h"

#include <string.h>

static const lex_entry *next_entry(const dyad_lexicon *lx, const lex_entry *e)
{
    return e->next ? lex_at(lx, LEX_V_ENTRIES, e->next) : NULL;
}

/* Remembers entry e of kind `kind` ending at word j when it is the longest
 * so far.  stem_only: reached through a stem prefix, so only stem entries
 * count. */
static void consider_gapped(const dyad_coder *c, uint32_t node, uint32_t kind, size_t i,
                            size_t j, bool stem_only, const coder_gaps *gaps, coder_mention *best)
{
    if (!coder_node_has(c, node, kind) || (stem_only && !(coder_node_kinds(c, node) & CODER_NODE_STEM)))
        return;
    const dyad_lexicon *lx = c->lex;
    for (const lex_entry *e = coder_trie_entries(lx, node); e; e = next_entry(lx, e)) {
        if (e->kind != kind || (stem_only && !(e->flags & LEX_EF_STEM)))
            continue;
        if (gaps && gaps->by_ending && (e->flags & LEX_EF_NO_ENDINGS))
            continue; /* "MOUSE=" does not match "mouses" */
        if (gaps && gaps->mask && ((e->flags >> LEX_EF_LOOSE_SHIFT) & gaps->mask) != gaps->mask)
            continue; /* words skipped where the phrase joins them with '_' */
        if (e->kind == LEX_ISSUE && (e->flags & (LEX_EF_IGNORE | LEX_EF_IGNORE_STORY)))
            continue;
        if (!best->entry || j + 1 - i > (size_t)(best->end - best->begin)) {
            best->begin = (uint16_t)i;
            best->end = (uint16_t)(j + 1);
            best->kind = kind;
            best->entry = e;
            best->gaps = gaps ? *gaps : (coder_gaps){0};
        }
        return;
    }
}

static void consider(const dyad_coder *c, uint32_t node, uint32_t kind, size_t i, size_t j,
                     bool stem_only, coder_mention *best)
{
    consider_gapped(c, node, kind, i, j, stem_only, NULL, best);
}

/* The child of node for a stem prefix of word j whose entries are stems;
 * the longest such prefix (TABARI: "ARNOR" matches "ARNORIAN"). */
static uint32_t stem_child(const dyad_coder *c, uint32_t node, size_t j)
{
    const coder_sent *s = &c->sent;
    /* from the root, what add_word found with the word's prefixes, unless
     * words were merged or split since, or the prefixes did not fit */
    if (node == 0 && !s->reshaped && !s->prefixes_failed)
        return s->w[j].root_stem;
    coder_prefix_walk pw = coder_prefixes(c, j);
    for (uint32_t a; (a = coder_prefix_next(&pw)) != 0;) {
        uint32_t ch = coder_trie_child(c, node, a);
        if (ch && coder_node_kinds(c, ch))
            return ch;
    }
    return 0;
}

/* TABARI loose connectors: the first word after j, before a comma, that
 * continues the phrase at node ("Ithilen state-run television" for
 * "ITHILEN TELEVISION"); 0 when none does. */
static size_t loose_next(const dyad_coder *c, uint32_t node, size_t j)
{
    const coder_sent *s = &c->sent;
    for (size_t k = j + 1; k < s->n && k - j <= CODER_MAX_LOOSE_GAP; k++) {
        if (coder_word_eq(s, k, ",") || coder_word_eq(s, k, ";"))
            return 0;
        uint32_t a = s->w[k].atom;
        if ((a && coder_trie_child(c, node, a)) || (c->tabari_stems && stem_child(c, node, k)))
            return k;
    }
    return 0;
}

/* Does word j touch a next word that starts with a hyphen or an
 * apostrophe (straight, or the first byte of a curly one)?  The cheap
 * test before glued_atom, asked at every step of every walk. */
static inline bool may_glue(const coder_sent *s, size_t j)
{
    if (j + 1 >= s->n || s->w[j].span.end != s->w[j + 1].span.begin)
        return false;
    dyad_str f = s->w[j + 1].form;
    return f.len && (f.ptr[0] == '-' || f.ptr[0] == '\'' || (unsigned char)f.ptr[0] == 0xE2);
}

/* The atom of word j glued to the words the tokenizer split off it, when
 * the lexicon has it: "al" "-" "Qaeda" (touching) as "al-qaeda",
 * "People" "'s" as "people's".  Dictionaries write such names as one
 * word ("AL-QAEDA_", "PEOPLE'S_REPUBLIC_OF_CHINA_"), which the tokenizer
 * splits as the treebank the parser learned from does; without gluing,
 * "the People's Republic of China" matched only "Republic of China"
 * (TWN).  Sets *extra to the words glued on (0 when none). */
static uint32_t glued_atom(const coder_sent *s, const dyad_lexicon *lx, size_t j, size_t *extra)
{
    *extra = 0;
    dyad_str w = coder_norm(s, j), next = coder_norm(s, j + 1);
    size_t parts = 0;
    if (next.len == 1 && next.ptr[0] == '-' && j + 2 < s->n &&
        s->w[j + 1].span.end == s->w[j + 2].span.begin)
        parts = 2;
    else if (next.len == 2 && next.ptr[0] == '\'' && next.ptr[1] == 's')
        parts = 1;
    if (!parts)
        return 0;
    char glued[LEX_MAX_WORD];
    size_t n = 0;
    for (size_t k = 0; k <= parts; k++) {
        dyad_str part = k == 0 ? w : coder_norm(s, j + k);
        if (n + part.len >= sizeof glued)
            return 0;
        memcpy(glued + n, part.ptr, part.len);
        n += part.len;
    }
    uint32_t atom = lex_atom_find(lx, glued, n);
    if (atom)
        *extra = parts;
    return atom;
}

/* Longest actor and agent phrases starting at word i, in one trie walk;
 * with `glue`, split-off words are glued back where the lexicon has the
 * glued word (glued_atom).  Returns whether such a place was passed
 * without gluing. */
static bool walk2(const dyad_coder *c, size_t i, coder_mention *actor, coder_mention *agent,
                  bool glue)
{
    bool could_glue = false;
    *actor = *agent = (coder_mention){0};
    const coder_sent *s = &c->sent;
    uint32_t node = 0;
    coder_gaps gl = {0};
    const coder_gaps *gaps = &gl;
    for (size_t j = i, depth = 0; j < s->n && depth < LEX_MAX_PHRASE_WORDS; j++, depth++) {
        if (c->tabari_stems) {
            uint32_t sc = stem_child(c, node, j);
            if (sc) {
                consider_gapped(c, sc, LEX_ACTOR, i, j, true, gaps, actor);
                consider_gapped(c, sc, LEX_AGENT, i, j, true, gaps, agent);
            }
        }
        uint32_t a = s->w[j].atom;
        uint32_t child = 0;
        if (!c->tabari && may_glue(s, j)) { /* TABARI: sentence.c glues these itself */
            size_t extra;
            uint32_t ga = glued_atom(s, c->lex, j, &extra);
            uint32_t gc = ga ? coder_trie_child(c, node, ga) : 0;
            could_glue = could_glue || (gc && !glue);
            if (gc && glue) {
                child = gc;
                j += extra; /* the phrase goes on after the glued words */
            }
        }
        if (!child)
            child = a ? coder_trie_child(c, node, a) : 0;
        if (!child && c->tabari) {
            /* TABARI actor nouns take regular endings ("Libyas" is LIBYA_) */
            dyad_str w = coder_norm(s, j);
            for (size_t cut = 1; cut <= 2 && !child; cut++) {
                if (w.len <= cut + 2 || w.ptr[w.len - 1] != 's' ||
                    (cut == 2 && w.ptr[w.len - 2] != 'e'))
                    continue;
                uint32_t b = lex_atom_find(c->lex, w.ptr, w.len - cut);
                uint32_t ch = b ? coder_trie_child(c, node, b) : 0;
                if (ch && coder_node_kinds(c, ch)) {
                    gl.by_ending = true;
                    consider_gapped(c, ch, LEX_ACTOR, i, j, false, gaps, actor);
                    gl.by_ending = false;
                }
            }
        }
        if (!child && c->tabari && depth > 0 && depth <= LEX_LOOSE_MAX_WORDS) {
            /* TABARI phrases written with a blank ("PRINCE DOL_AMROTH")
             * also match with other words between ("Prince of Dol Amroth") */
            size_t k = gl.n < CODER_MAX_LOOSE_GAPS ? loose_next(c, node, j - 1) : 0;
            if (k > j) {
                gl.mask |= 1u << (depth - 1);
                gl.from[gl.n] = (uint16_t)j;
                gl.to[gl.n++] = (uint16_t)k;
                j = k - 1;
                depth--;
                continue;
            }
        }
        if (!child)
            break;
        node = child;
        if (coder_node_kinds(c, node)) {
            consider_gapped(c, node, LEX_ACTOR, i, j, false, gaps, actor);
            consider_gapped(c, node, LEX_AGENT, i, j, false, gaps, agent);
        }
    }
    return could_glue;
}

/* Longest actor and agent phrases starting at word i: the plain walk,
 * and where it passed words split off a dictionary word, the glued one;
 * the longer match of each kind wins ("America's Building Trades Unions"
 * keeps "America" when no phrase goes on from "america's"). */
static void longest2(const dyad_coder *c, size_t i, coder_mention *actor, coder_mention *agent)
{
    if (!walk2(c, i, actor, agent, false))
        return;
    coder_mention a2, g2;
    walk2(c, i, &a2, &g2, true);
    if (a2.entry && (!actor->entry || a2.end > actor->end))
        *actor = a2;
    if (g2.entry && (!agent->entry || g2.end > agent->end))
        *agent = g2;
}

/* Longest phrase of the given kind starting at word i. */
static coder_mention longest(const dyad_coder *c, size_t i, uint32_t kind)
{
    coder_mention best = {0};
    const coder_sent *s = &c->sent;
    uint32_t node = 0;
    for (size_t j = i; j < s->n && j - i < LEX_MAX_PHRASE_WORDS; j++) {
        if (c->tabari_stems) {
            uint32_t sc = stem_child(c, node, j);
            if (sc)
                consider(c, sc, kind, i, j, true, &best);
        }
        uint32_t a = s->w[j].atom;
        uint32_t child = a ? coder_trie_child(c, node, a) : 0;
        if (!child)
            break;
        node = child;
        consider(c, node, kind, i, j, false, &best);
    }
    return best;
}

/* Might a discard phrase start at word i?  Its first word is the word
 * itself or, for a TABARI stem, one of its prefixes (setup.c marks them). */
static bool may_start_discard(const dyad_coder *c, size_t i)
{
    uint32_t a = c->sent.w[i].atom;
    if (a && a < c->atom_n && c->discard_first[a])
        return true;
    if (!c->tabari_stems)
        return false;
    coder_prefix_walk pw = coder_prefixes(c, i);
    for (uint32_t p; (p = coder_prefix_next(&pw)) != 0;)
        if (p < c->atom_n && c->discard_first[p])
            return true;
    return false;
}

bool coder_find_discard(dyad_coder *c, bool *story)
{
    *story = false;
    (void)coder_sent_prefixes(c); /* failing, stem lookups take the slow way */
    for (size_t i = 0; i < c->sent.n; i++) {
        if (!c->opts.no_fast_paths && !may_start_discard(c, i))
            continue;
        coder_mention m = longest(c, i, LEX_DISCARD);
        if (m.entry) {
            *story = (m.entry->flags & LEX_EF_STORY) != 0;
            coder_tracef(c, "discard: \"%.*s\" at word %zu (%.*s:%u)%s",
                         (int)c->sent.w[i].form.len, c->sent.w[i].form.ptr, i + 1,
                         (int)coder_file_name(c->lex, m.entry->file).len,
                         coder_file_name(c->lex, m.entry->file).ptr, m.entry->line,
                         *story ? " (whole story)" : "");
            return true;
        }
    }
    return false;
}

static bool is_pronoun(const coder_sent *s, size_t i)
{
    /* Possessives ("its embassy") are left out: they qualify a noun and
     * PETRARCH does not take them as actors. */
    static const char *const pro[] = {"he", "she", "it", "they", "him", "them"};
    return coder_word_in(s, i, pro, DYAD_ARRAY_LEN(pro));
}

static bool has_upper(dyad_str f)
{
    for (size_t k = 0; k < f.len; k++)
        if (f.ptr[k] >= 'A' && f.ptr[k] <= 'Z')
            return true;
    return false;
}

/* Is word i written in lower case in a sentence that capitalizes other
 * words?  A one-word actor name found so ("youth", "organization", "zero",
 * "male", "turkey": Phoenix synonyms of Gazteriak, Tanzim, a US rebel
 * group, Maldives' capital, a country) is the common word, not the name:
 * 377 of the White House events with the Phoenix dictionaries, nearly all
 * wrong.  Text in one case throughout says nothing either way.  TABARI
 * and PETRARCH match regardless of case, so the suites do not ask this. */
static bool lower_case_word(const coder_sent *s, size_t i)
{
    if (has_upper(s->w[i].form))
        return false;
    for (size_t k = 0; k < s->n; k++)
        if (k != i && has_upper(s->w[k].form))
            return true;
    return false;
}

/* Does a currency's name follow at word i ("U.S. Dlrs", "Luxembourg
 * franc", "Taiwan dollar", "British pounds")?  The country before it then
 * names money, not an actor: in the first 3,000 Reuters stories 8 of 640
 * events with the Phoenix dictionaries stood on one (AUS USA 110 for
 * "will raise 100 mln U.S. Dlrs"). */
static bool currency_after(const coder_sent *s, size_t i)
{
    static const char *const names[] = {
        "dollar", "dollars", "dlr", "dlrs", "franc", "francs", "guilder", "guilders", "mark",
        "marks", "yen", "pound", "pounds", "peso", "pesos", "rupee", "rupees", "ruble", "rubles",
        "rouble", "roubles", "lira", "lire", "krona", "kronor", "krone", "kroner", "crown",
        "crowns", "dinar", "dinars", "riyal", "riyals", "rand", "won", "yuan", "renminbi", "euro",
        "euros", "shekel", "shekels", "escudo", "escudos", "peseta", "pesetas", "drachma",
        "drachmas", "schilling", "schillings", "cruzado", "cruzados", "bolivar", "bolivars",
        "rupiah", "ringgit", "baht", "zloty", "zlotys", "forint", "forints", "hryvnia",
        "hryvnias", "tenge", "manat", "dirham", "dirhams"};
    return i < s->n && coder_word_in(s, i, names, DYAD_ARRAY_LEN(names));
}

dyad_str coder_actor_first_code(const dyad_lexicon *lx, const lex_entry *e)
{
    const lex_actor *a = lex_at(lx, LEX_V_ACTORS, e->target);
    if (a->code_n == 0)
        return (dyad_str){NULL, 0};
    const lex_code *cd = lex_at(lx, LEX_V_CODES, a->code_first);
    return lex_atom_str(lx, cd->code);
}

static dyad_str first_code(const dyad_coder *c, const coder_mention *m)
{
    return coder_actor_first_code(c->lex, m->entry);
}

/* Does a place ending at word `end` name a document or a forum ("the
 * Minsk agreements", "the Paris Climate Agreement", "the Normandy
 * format", "the Kuala Lumpur Peace Accords")?  Then it is no actor: "a
 * refusal to implement the Minsk agreements" does nothing to Belarus,
 * "withdrew from the Paris Climate Agreement" nothing to France.  Not
 * after a hyphen, where the parties are named ("the U.S.-Japan
 * agreement"), nor for an organization, a party to its own accords
 * ("the December OPEC accord"). */
static bool names_a_document(const dyad_coder *c, const coder_mention *m)
{
    static const char *const documents[] = {
        "agreement", "agreements", "accord", "accords", "format", "protocol", "protocols",
        "declaration", "convention", "conventions", "communique", "treaty", "treaties", "charter"};
    static const char *const kinds[] = {"climate", "peace", "trade", "nuclear", "armistice",
                                        "ceasefire", "security", "partnership", "cooperation"};
    const coder_sent *s = &c->sent;
    size_t end = m->end;
    if (m->begin > 0) {
        dyad_str prev = s->w[m->begin - 1].form;
        if (prev.len && prev.ptr[prev.len - 1] == '-')
            return false;
    }
    if (end < s->n && coder_word_in(s, end, kinds, DYAD_ARRAY_LEN(kinds)))
        end++; /* "Paris Climate Agreement" */
    if (end >= s->n || !coder_word_in(s, end, documents, DYAD_ARRAY_LEN(documents)))
        return false;
    dyad_str code = first_code(c, m);
    return code.len > 0 &&
           !(code.len >= 3 && (memcmp(code.ptr, "IGO", 3) == 0 || memcmp(code.ptr, "NGO", 3) == 0));
}

/* Is the one-word agent mention m a bare "Deputy" before another title
 * ("Deputy National Security Advisor", "Deputy Head of the Office of
 * the President", "deputy finance minister")?  Phoenix's dictionaries
 * list DEPUTY as police (a sheriff's deputy), and 210 events of the
 * three corpora made such officials COP.  It is the rank of the title
 * after it, which codes the unit if it is an agent itself; a deputy
 * named ("Deputy John Smith") stays what the dictionary says. */
static bool deputy_of_a_title(const dyad_coder *c, const coder_mention *m)
{
    static const char *const offices[] = {
        "head", "assistant", "national", "secretary", "attorney", "director", "chief",
        "undersecretary", "under", "administrator", "prime", "clerk", "chairman", "chair",
        "chairwoman", "chairperson", "minister", "ministers", "defence", "defense", "foreign",
        "finance", "first", "general", "mayor", "marshal", "president", "governor",
        "commissioner", "commander", "speaker", "leader", "prosecutor", "ambassador",
        "representative", "envoy", "premier", "manager", "executive", "spokesman",
        "spokeswoman", "spokesperson", "press", "special", "principal", "counsel", "inspector",
        "treasurer", "treasury", "trade", "economy", "economic", "interior", "health",
        "education", "energy", "labor", "labour", "transport", "justice", "home", "state",
        "permanent", "legal", "political", "senior", "managing", "commerce", "agriculture"};
    const coder_sent *s = &c->sent;
    size_t i = m->begin;
    return m->end == i + 1 && coder_word_eq(s, i, "deputy") && i + 1 < s->n &&
           coder_word_in(s, i + 1, offices, DYAD_ARRAY_LEN(offices));
}

/* Is the one-word actor mention m a language someone speaks or studied
 * ("She speaks German, Russian, and French", "has studied Slovak,
 * Serbian, Georgian", "fluent in Japanese")?  Biographies in official
 * releases list them, and each was an event with a country: 130 events
 * of the White House corpus with the Phoenix dictionaries.  Read back
 * over the list (other capitalized words, commas, "and", brackets,
 * "fluent", "basic" ...) to the verb or "in"; the word after the name
 * must end the list too ("studied Russian history" is about Russia).
 * Not after "with" or "to": "speaks with President Macron". */
static bool names_a_language(const dyad_coder *c, const coder_mention *m)
{
    static const char *const speaks[] = {
        "speaks", "speak", "spoke", "spoken", "speaking", "studied", "studies", "study",
        "studying", "learned", "learning", "learnt", "languages"};
    static const char *const list_words[] = {
        ",", "and", "or", "(", ")", ":", "-", "fluent", "basic", "conversational", "some",
        "limited", "working", "native", "modern", "standard", "also", "both", "well"};
    static const char *const after_ok[] = {",", ".", "and", "or", "(", ")", ";", ":",
                                           "fluently", "well", "language", "languages"};
    const coder_sent *s = &c->sent;
    if (m->end != m->begin + 1 || !s->w[m->begin].capital)
        return false;
    size_t e = m->end;
    if (e < s->n && !s->w[e].capital && !coder_word_in(s, e, after_ok, DYAD_ARRAY_LEN(after_ok)))
        return false;
    for (size_t k = m->begin, steps = 0; k > 0 && steps < 16; steps++) {
        k--;
        if (coder_word_in(s, k, speaks, DYAD_ARRAY_LEN(speaks)))
            return true;
        if (coder_word_eq(s, k, "in"))
            return k > 0 && (coder_word_eq(s, k - 1, "fluent") ||
                             coder_word_eq(s, k - 1, "proficient") ||
                             coder_word_eq(s, k - 1, "fluency"));
        if (!s->w[k].capital && !coder_word_in(s, k, list_words, DYAD_ARRAY_LEN(list_words)))
            return false;
    }
    return false;
}

/* Is the actor mention m a capital joined by a hyphen to a word telling
 * where something is ("Paris-based Saint-Gobain", "a Moscow-born
 * engineer")?  A capital stands for its government (Paris: FRAGOV), but
 * a company based there or a person born there is not the government:
 * "Paris-based Saint-Gobain announced a new facility" is no statement of
 * the French government.  A country ("a Dubai-based maker", "U.S.-based
 * manufacturing") still names where the business belongs or goes. */
static bool capital_as_place(const dyad_coder *c, const coder_mention *m)
{
    static const char *const places[] = {"based", "born", "headquartered", "registered"};
    const coder_sent *s = &c->sent;
    size_t e = m->end;
    if (e + 1 >= s->n || !coder_word_eq(s, e, "-"))
        return false;
    const coder_word *before = &s->w[e - 1], *dash = &s->w[e], *after = &s->w[e + 1];
    if (before->span.end != dash->span.begin || dash->span.end != after->span.begin ||
        !coder_word_in(s, e + 1, places, DYAD_ARRAY_LEN(places)))
        return false;
    dyad_str code = first_code(c, m);
    return code.len >= 6 && memcmp(code.ptr + 3, "GOV", 3) == 0;
}

/* Is f written in title case: a capital, then a lower-case letter? */
static bool title_case_word(dyad_str f)
{
    return f.len >= 2 && f.ptr[0] >= 'A' && f.ptr[0] <= 'Z' && f.ptr[1] >= 'a' && f.ptr[1] <= 'z';
}

/* Does most of the sentence start with capitals, as a headline does
 * ("President Trump Welcomes Japan's Prime Minister")? */
static bool headline_case(const coder_sent *s)
{
    size_t words = 0, capitals = 0;
    for (size_t k = 0; k < s->n; k++) {
        unsigned char b = s->w[k].form.len ? (unsigned char)s->w[k].form.ptr[0] : 0;
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
            words++;
            capitals += b <= 'Z';
        }
    }
    return capitals * 2 >= words;
}

/* Is the country name at word i the last part of a longer proper name:
 * a person's ("Rep. Jim Jordan", "Mr. Jordan"), a town's ("New England",
 * "New London"), an organization's ("Agudath Israel", "Interfaith
 * America", "Air India")?  Told by a capitalized word right before it,
 * inside a sentence, that names no actor or agent itself (the caller
 * knows: `after_mention`) and is none of the words that only locate or
 * qualify a country or its people ("Eastern Ukraine", "Communist China",
 * "National Iranian Oil Company", "Jewish Americans", "Make America
 * Healthy Again"), nor a month or weekday, nor an article ("El
 * Salvadoran").  Only codes of three letters (countries, regions): a
 * person's entry ("PUTIN") is found after the first name by design.
 * Headlines capitalize every word and are left alone. */
static bool inside_longer_name(const dyad_coder *c, const coder_mention *m, bool after_mention)
{
    static const char *const qualifiers[] = {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
        "northwestern", "southeastern", "southwestern", "upper", "lower", "greater", "mainland",
        "communist", "nazi", "imperial", "soviet", "tsarist", "free", "modern", "ancient",
        "independent", "sovereign", "occupied", "democratic", "socialist", "islamic", "federal",
        "united", "continental", "metropolitan", "national", "royal", "jewish", "muslim",
        "christian", "catholic", "native", "black", "hispanic", "latino", "asian", "arab",
        "african", "make", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    const coder_sent *s = &c->sent;
    size_t i = m->begin;
    if (after_mention || i < 2 || s->w[i - 1].form.len < 3 || !title_case_word(s->w[i - 1].form))
        return false;
    dyad_str before = s->w[i - 2].form;
    unsigned char b = before.len ? (unsigned char)before.ptr[0] : 0;
    bool inside = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                  b == ',';
    if (!inside || coder_word_in(s, i - 1, qualifiers, DYAD_ARRAY_LEN(qualifiers)))
        return false;
    return first_code(c, m).len == 3 && !headline_case(s);
}

void coder_gather_mentions(dyad_coder *c, coder_mention *ms, size_t *mn, size_t cap)
{
    const coder_sent *s = &c->sent;
    *mn = 0;
    for (size_t i = 0; i < s->n && *mn < cap;) {
        coder_mention a, g;
        longest2(c, i, &a, &g);
        /* dyad code only: TABARI's suite matches "ithilen" (NOUNEND-10).
         * Not "us", which still gives the document its country
         * (coder_speakers_us). */
        if (c->opts.context_actors && a.entry && a.end == i + 1 && lower_case_word(s, i) &&
            !coder_speakers_us(s, i, i + 1)) {
            coder_tracef(c, "actor: \"%.*s\" at word %zu rejected: a name written in lower case "
                            "is the common word", (int)s->w[i].form.len, s->w[i].form.ptr, i + 1);
            a.entry = NULL;
        }
        if (c->opts.context_actors && a.entry && names_a_document(c, &a)) {
            coder_tracef(c, "actor: \"%.*s\" at word %zu rejected: it names a document or a forum",
                         (int)s->w[i].form.len, s->w[i].form.ptr, i + 1);
            a.entry = NULL;
        }
        if (c->opts.context_actors && a.entry && names_a_language(c, &a)) {
            coder_tracef(c, "actor: \"%.*s\" at word %zu rejected: a language spoken or studied",
                         (int)s->w[i].form.len, s->w[i].form.ptr, i + 1);
            a.entry = NULL;
        }
        if (c->opts.context_actors && a.entry &&
            inside_longer_name(c, &a, *mn > 0 && ms[*mn - 1].end == i)) {
            coder_tracef(c, "actor: \"%.*s\" at word %zu rejected: it ends a longer proper name",
                         (int)s->w[i].form.len, s->w[i].form.ptr, i + 1);
            a.entry = NULL;
        }
        if (c->opts.context_actors && a.entry && capital_as_place(c, &a)) {
            coder_tracef(c, "actor: \"%.*s\" at word %zu rejected: a capital as the place where "
                            "something is (\"-based\")", (int)s->w[i].form.len, s->w[i].form.ptr,
                         i + 1);
            a.entry = NULL;
        }
        if (c->opts.context_actors && a.entry && currency_after(s, a.end)) {
            coder_tracef(c, "actor: \"%.*s\" at word %zu rejected: it names a currency",
                         (int)s->w[i].form.len, s->w[i].form.ptr, i + 1);
            a.entry = NULL;
        }
        if (c->opts.context_actors && g.entry && deputy_of_a_title(c, &g)) {
            coder_tracef(c, "agent: \"%.*s\" at word %zu rejected: the rank of the title after it",
                         (int)s->w[i].form.len, s->w[i].form.ptr, i + 1);
            g.entry = NULL;
        }
        const char *state = c->opts.context_actors && a.entry ? coder_us_place_cue(c, &a, ms, *mn)
                                                              : NULL;
        if (state) {
            a.entry = c->us_state_entry;
            coder_tracef(c, "actor: \"%.*s\" at word %zu names a US place (%s): %s",
                         (int)s->w[i].form.len, s->w[i].form.ptr, i + 1, state,
                         a.entry ? "coded as the dictionaries code US states"
                                 : "no actor, as the dictionaries code no US state");
        }
        coder_mention *m = a.entry && (!g.entry || a.end >= g.end) ? &a : g.entry ? &g : NULL;
        if (m && c->opts.context_actors && coder_word_eq(s, i, "the") && i + 1 < s->n) {
            /* "the UN Alliance of Civilizations": a phrase written with
             * the article ("THE_UN") must not cut a longer one after it
             * (dyad code only: PETRARCH keeps the first longest match,
             * GSR suite VERB_3) */
            coder_mention a2, g2;
            longest2(c, i + 1, &a2, &g2);
            if ((a2.entry && a2.end > m->end) || (g2.entry && g2.end > m->end)) {
                i++;
                continue;
            }
        }
        if (m) {
            ms[(*mn)++] = *m;
            for (size_t q = 0; q < m->gaps.n; q++)
                for (size_t k = m->gaps.from[q]; k < m->gaps.to[q]; k++)
                    c->sent.w[k].loose_gap = 1;
            i = m->end;
        } else if (is_pronoun(s, i) && !(s->parsed && s->w[i].rel == CR_EXPL)) {
            /* an expletive ("It is my pleasure to welcome ...", "it
             * seems") stands for no one.  Without a parse it counts as a
             * mention: the parse fast path may then parse a sentence for
             * nothing, never skip one that could code. */
            ms[(*mn)++] = (coder_mention){(uint16_t)i, (uint16_t)(i + 1), 0, NULL, {0}};
            i++;
        } else {
            i++;
        }
    }
}
