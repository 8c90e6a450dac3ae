/*
 * place_names.c — place names that name two places: "Georgia", and US
 * towns named like foreign places ("Vienna, Virginia": us_town_cue,
 * below).  The dictionaries list "Georgia" as the Caucasus state (GEO),
 * and American text means the US state by it far more often: of the 74
 * events with a GEO actor in the White House corpus (Phoenix
 * dictionaries), 7 named the Caucasus state; nearly all others stood on
 * the US state ("Atlanta, Georgia",
 * "Governor Brian Kemp of Georgia", "Florida, Georgia and North
 * Carolina"), or took its country from it.  The Phoenix dictionaries code
 * the other states as the United States (+FLORIDA_ under
 * UNITED_STATES_OF_AMERICA_), so the US state takes the code the
 * dictionaries give them; with dictionaries that code no state (dyad's
 * own), it is no actor.
 *
 * Which Georgia is meant is read from the sentence first: listed with
 * other countries it is the Caucasus state; another US state or Atlanta
 * in the sentence, a town before it ("Dalton, Georgia"), a state's
 * office after it ("Georgia Senator") or before it ("the State of
 * Georgia") make it the US state.  Else from the document: a word only
 * the Caucasus state brings ("Tbilisi", "Abkhazia") anywhere, or one of
 * its neighbours ("Russia", "Ukraine") within a paragraph, keeps GEO;
 * else a US state or Atlanta within a paragraph, or an earlier sentence
 * that told Georgia as the US state, makes it the state.  Words only,
 * never tags: the parse fast path finds the same mentions before tagging
 * (mentions.c).  `dyad code` and `dyad explain` only
 * (coder_opts.context_actors): the validation suites code single
 * sentences by the dictionaries' letter.
 */
#include "coder/coder.h"

#include <string.h>

/* The fifty states but Georgia itself, and Washington and New York,
 * which name the federal government and a UN city as often; the second
 * word for the two-word names whose first word is common ("North
 * Carolina": "carolina"), checked with it in state_name_at.  Read in
 * sentences' words and, capitalized, in the document's text
 * (state_in_document). */
static const char *const us_states[] = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "hawaii", "hawai'i", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "ohio",
    "oklahoma", "oregon", "pennsylvania", "tennessee", "texas", "utah", "vermont", "virginia",
    "wisconsin", "wyoming", "carolina", "dakota", "hampshire"};

/* Is word i (capitalized) a US state's name or its last word, or
 * Atlanta?  "New Jersey", "New Mexico" and "Rhode Island" only with their
 * first word: "Jersey", "Mexico" and "Island" alone are not states. */
static bool state_name_at(const coder_sent *s, size_t i)
{
    if (!s->w[i].capital)
        return false;
    if (coder_word_in(s, i, us_states, DYAD_ARRAY_LEN(us_states)) || coder_word_eq(s, i, "atlanta"))
        return true;
    if (i == 0 || !s->w[i - 1].capital)
        return false;
    return (coder_word_eq(s, i - 1, "new") &&
            (coder_word_eq(s, i, "jersey") || coder_word_eq(s, i, "mexico"))) ||
           (coder_word_eq(s, i - 1, "rhode") && coder_word_eq(s, i, "island"));
}

/* Does the word after "Georgia" (after "'s") belong to the US state:
 * its offices, chambers and institutions ("Georgia Senator", "Georgia
 * State University", "Georgia's 13th District", "Georgia-based")? */
static bool state_word_after(const coder_sent *s, size_t i)
{
    static const char *const words[] = {
        "senator", "senators", "sen.", "congressman", "congresswoman", "congressmen",
        "representative", "rep.", "governor", "gov.", "lieutenant", "legislature",
        "legislators", "lawmakers", "state", "house", "senate", "district", "county",
        "counties", "tech", "power", "institute", "college", "commissioner", "secretary",
        "attorney", "farmers", "voters", "democrats", "republicans", "delegation", "primary",
        "runoff", "peach"};
    size_t j = i + 1;
    if (j < s->n && coder_word_eq(s, j, "'s"))
        j++;
    if (j >= s->n)
        return false;
    if (coder_word_in(s, j, words, DYAD_ARRAY_LEN(words)))
        return true;
    dyad_str w = coder_norm(s, j); /* "13th": a numbered district */
    if (w.len >= 3 && w.ptr[0] >= '0' && w.ptr[0] <= '9' &&
        (memcmp(w.ptr + w.len - 2, "th", 2) == 0 || memcmp(w.ptr + w.len - 2, "st", 2) == 0 ||
         memcmp(w.ptr + w.len - 2, "nd", 2) == 0 || memcmp(w.ptr + w.len - 2, "rd", 2) == 0))
        return true;
    return j + 1 < s->n && j == i + 1 && coder_word_eq(s, j, "-") && coder_word_eq(s, j + 1, "based");
}

/* "the State of Georgia", "Governor Brian Kemp of Georgia", "Senator
 * Jon Ossoff of Georgia": a state's office up to four words before
 * "of". */
static bool state_office_before(const coder_sent *s, size_t i)
{
    static const char *const offices[] = {
        "state", "governor", "gov.", "senator", "sen.", "representative", "rep.",
        "congressman", "congresswoman", "lieutenant"};
    if (i < 2 || !coder_word_eq(s, i - 1, "of"))
        return false;
    for (size_t k = i - 2, steps = 0; steps < 4; k--, steps++) {
        if (coder_word_in(s, k, offices, DYAD_ARRAY_LEN(offices)))
            return true;
        if (k == 0)
            break;
    }
    return false;
}

/* Capitalized words before a comma that are no town. */
static const char *const days[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tomorrow"};

/* What in sentence words says that "Georgia" at word i is the US state;
 * NULL when nothing does.  ms[0..mn): the mentions before it. */
static const char *state_in_sentence(const coder_sent *s, size_t i, const coder_mention *ms,
                                     size_t mn)
{
    for (size_t k = 0; k < s->n; k++)
        if (k != i && state_name_at(s, k))
            return "another US state or Atlanta in the sentence";
    for (size_t k = 0; k < s->n; k++)
        if (coder_word_eq(s, k, "counties"))
            return "counties in the sentence";
    /* "Dalton, Georgia": a town before it, not a listed country
     * ("Ukraine, Georgia, and Moldova"), nor a sentence's first word or a
     * day ("However, Georgia", "On Monday, Georgia") */
    if (i >= 3 && coder_word_eq(s, i - 1, ",") && s->w[i - 2].capital &&
        !coder_word_in(s, i - 2, days, DYAD_ARRAY_LEN(days)) &&
        !(mn > 0 && ms[mn - 1].end == i - 1))
        return "a town before it (\"Dalton, Georgia\")";
    if (state_word_after(s, i))
        return "a state's office or institution after it";
    if (state_office_before(s, i))
        return "a state's office before it (\"Governor ... of Georgia\")";
    return NULL;
}

/* Is w (lower case) at text[i], capitalized, a whole word (not the
 * start or end of a longer one)? */
static bool word_at(dyad_str text, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (i + n > text.len || text.ptr[i] != w[0] - 'a' + 'A' ||
        memcmp(text.ptr + i + 1, w + 1, n - 1) != 0)
        return false;
    unsigned char before = i ? (unsigned char)text.ptr[i - 1] : ' ';
    unsigned char after = i + n < text.len ? (unsigned char)text.ptr[i + n] : ' ';
    return !((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') ||
             (after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z'));
}

/* Does text[from, to) name one of the n words of list? */
static bool names_one_of(dyad_str text, size_t from, size_t to, const char *const *list,
                         size_t n)
{
    for (size_t i = from; i < to && i < text.len; i++) {
        if (text.ptr[i] < 'A' || text.ptr[i] > 'Z')
            continue;
        for (size_t k = 0; k < n; k++)
            if (word_at(text, i, list[k]))
                return true;
    }
    return false;
}

/* Words only the Caucasus state brings: one of them anywhere in a
 * document keeps its Georgia the dictionaries' GEO.  Not "Georgian":
 * "every Georgian" in a release on a trip to Atlanta is a citizen of the
 * US state. */
static const char *const caucasus_words[] = {
    "tbilisi", "abkhazia", "abkhaz", "ossetia", "caucasus", "kobakhidze",
    "zourabichvili", "saakashvili", "ivanishvili", "garibashvili", "batumi", "kutaisi",
    "sakartvelo"};

/* How far either side of "Georgia" the document is read, in bytes: about
 * a paragraph.  A briefing's transcript goes from a trip to Atlanta to
 * the war in Ukraine; "Bush gave them Georgia" stands among the second. */
#define PLACE_WINDOW 1000u

/* Does the document around byte at say the US state: a state or Atlanta
 * named there, or an earlier sentence's Georgia told as the state by its
 * own words; and neither the Caucasus state's words anywhere nor its
 * neighbours there (Russia, Ukraine, Armenia ...)? */
static bool state_in_document(dyad_coder *c, size_t at)
{
    static const char *const neighbours[] = {
        "russia", "russian", "russians", "putin", "kremlin", "moscow", "crimea", "ukraine",
        "moldova", "armenia", "azerbaijan"};
    static const char *const more_american[] = {"atlanta", "new jersey", "new mexico",
                                                "rhode island"};
    dyad_str t = c->doc_text;
    if (!c->georgia_in_doc) /* once per document */
        c->georgia_in_doc = names_one_of(t, 0, t.len, caucasus_words,
                                         DYAD_ARRAY_LEN(caucasus_words)) ? 2 : 1;
    if (c->georgia_in_doc == 2)
        return false;
    size_t from = at > PLACE_WINDOW ? at - PLACE_WINDOW : 0, to = at + PLACE_WINDOW;
    if (names_one_of(t, from, to, neighbours, DYAD_ARRAY_LEN(neighbours)))
        return false;
    /* an earlier sentence only: the fast path reads a sentence's mentions
     * twice, and both readings must agree with the one reading without it */
    if (c->georgia_state_sent >= 0 && (uint32_t)c->georgia_state_sent < c->sent.index)
        return true;
    return names_one_of(t, from, to, us_states, DYAD_ARRAY_LEN(us_states)) ||
           names_one_of(t, from, to, more_american, DYAD_ARRAY_LEN(more_american));
}

/* The actor entry of the one-word phrase atom, or NULL. */
static const lex_entry *one_word_actor(const dyad_coder *c, uint32_t atom)
{
    uint32_t node = atom ? coder_trie_child(c, 0, atom) : 0;
    for (const lex_entry *e = node ? coder_trie_entries(c->lex, node) : NULL; e;
         e = e->next ? lex_at(c->lex, LEX_V_ENTRIES, e->next) : NULL)
        if (e->kind == LEX_ACTOR)
            return e;
    return NULL;
}

/* Does word k name a country other than the United States by itself
 * (a one-word actor phrase with a three-letter code)? */
static bool foreign_country_at(const dyad_coder *c, size_t k)
{
    const lex_entry *e = c->sent.w[k].capital ? one_word_actor(c, c->sent.w[k].atom) : NULL;
    dyad_str code = e ? coder_actor_first_code(c->lex, e) : (dyad_str){NULL, 0};
    return code.len == 3 && memcmp(code.ptr, "USA", 3) != 0;
}

/* Is "Georgia" at word i listed with other countries ("Ukraine, Georgia,
 * and the Republic of Moldova", "in Georgia, Iran, Burma")?  The word
 * before or after it, past a comma and "and" or "or", names one. */
static bool listed_with_countries(const dyad_coder *c, size_t i)
{
    const coder_sent *s = &c->sent;
    static const char *const joints[] = {",", "and", "or"};
    size_t k = i;
    for (size_t steps = 0; steps < 2 && k > 0 && coder_word_in(s, k - 1, joints, 3); steps++)
        k--;
    if (k < i && k > 0 && foreign_country_at(c, k - 1))
        return true;
    k = i + 1;
    if (k < s->n && coder_word_eq(s, k, "'s"))
        return false;
    for (size_t steps = 0; steps < 2 && k < s->n && coder_word_in(s, k, joints, 3); steps++)
        k++;
    return k > i + 1 && k < s->n && foreign_country_at(c, k);
}

void coder_find_us_state_entry(dyad_coder *c)
{
    static const char *const probes[] = {"alabama", "florida", "texas", "california"};
    c->us_state_entry = NULL;
    for (size_t k = 0; k < DYAD_ARRAY_LEN(probes) && !c->us_state_entry; k++)
        c->us_state_entry = one_word_actor(c, lex_atom_find(c->lex, probes[k], strlen(probes[k])));
}

/* The word after a US state's name that starts at word i (one word, or
 * two for "North Carolina", "New Jersey" ...). */
static size_t after_state_name(const coder_sent *s, size_t i)
{
    return i + 1 < s->n && state_name_at(s, i + 1) && !coder_word_eq(s, i + 1, "atlanta") &&
                   (coder_word_eq(s, i, "north") || coder_word_eq(s, i, "south") ||
                    coder_word_eq(s, i, "new") || coder_word_eq(s, i, "rhode") ||
                    coder_word_eq(s, i, "west"))
               ? i + 2
               : i + 1;
}

/* Is actor mention m a US town or county named like a foreign place:
 * "Vienna, Virginia", "Alexandria, Louisiana", "Palestine, Ohio",
 * "Athens County", or the states "New Mexico" and "New Jersey" where the
 * dictionaries have no phrase for them?  The dictionaries code the
 * foreign place (AUT, EGY, PSE, GRC; JEY, MEX).  Not in a list that goes
 * on from the state ("Mexico, Texas and Arizona": Mexico is listed with
 * two states), not before "Georgia" (the Caucasus state's towns are
 * written so too: place_names.c reads Georgia itself), and a county only
 * in a release of the United States or with its state after it
 * ("Nairobi County" is Kenyan). */
static const char *us_town_cue(const dyad_coder *c, const coder_mention *m)
{
    const coder_sent *s = &c->sent;
    size_t e = m->end;
    if (m->end == m->begin + 1 && m->begin > 0 && s->w[m->begin - 1].capital &&
        coder_word_eq(s, m->begin - 1, "new") &&
        (coder_word_eq(s, m->begin, "mexico") || coder_word_eq(s, m->begin, "jersey")))
        return "\"New Mexico\" or \"New Jersey\"";
    bool county = e < s->n && s->w[e].capital &&
                  (coder_word_eq(s, e, "county") || coder_word_eq(s, e, "parish"));
    if (county)
        e++;
    bool state = e + 1 < s->n && coder_word_eq(s, e, ",") && state_name_at(s, e + 1) &&
                 !coder_word_eq(s, e + 1, "atlanta");
    if (state) {
        size_t j = after_state_name(s, e + 1);
        static const char *const joints[] = {"and", "or", "&"};
        if (j < s->n && coder_word_in(s, j, joints, DYAD_ARRAY_LEN(joints)))
            return NULL;
        if (j + 1 < s->n && coder_word_eq(s, j, ",") &&
            (coder_word_in(s, j + 1, joints, DYAD_ARRAY_LEN(joints)) || state_name_at(s, j + 1)))
            return NULL;
        return county ? "a county with its state after it" : "a town with its state after it";
    }
    return county && strcmp(c->publisher, "USA") == 0 ? "a county in a release of the United States"
                                                        : NULL;
}

const char *coder_us_place_cue(dyad_coder *c, const coder_mention *m, const coder_mention *ms,
                               size_t mn)
{
    const coder_sent *s = &c->sent;
    if (m->end != m->begin + 1 || !s->w[m->begin].capital ||
        !(coder_word_eq(s, m->begin, "georgia") || coder_word_eq(s, m->begin, "georgians")))
        return us_town_cue(c, m);
    if (listed_with_countries(c, m->begin))
        return NULL;
    const char *cue = state_in_sentence(s, m->begin, ms, mn);
    if (cue) {
        if (c->georgia_state_sent < 0)
            c->georgia_state_sent = (int32_t)s->index;
        return cue;
    }
    return state_in_document(c, s->w[m->begin].span.begin)
               ? "a US state or Atlanta named near it, and nothing of the Caucasus state"
               : NULL;
}
