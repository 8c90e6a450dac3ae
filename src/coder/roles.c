/*
 * roles.c — choosing source and target for a coded verb: from the
 * dependency parse (subject, passive by-phrase, objects and complements
 * in the verb's clause, then clauses under it), and without a parse by
 * position (TABARI: the first actor of the clause before the verb and the
 * first after it; PETRARCH: the nearest before it).  Also negation.
 * coder.c calls these in the order docs/coder.md describes; every
 * function only reads the sentence and its actor units.
 */
#include "coder/coder.h"

#include <string.h>


/* The first unit (in word order) inside w's subtree, or the one covering w. */
/* The actor unit k's possessor phrase belongs to: "Jordan's King Abdullah
 * II" is the King (JORGOV), not Jordan; k itself when it owns nothing. */
int coder_possessed_unit(const dyad_coder *c, int k)
{
    const coder_sent *s = &c->sent;
    size_t h = c->units[k].head;
    if (!s->parsed || s->w[h].rel != CR_POSS || s->w[h].head == 0)
        return k;
    int owner = s->w[s->w[h].head - 1u].unit;
    if (owner < 0 || owner == k)
        return k;
    const coder_unit *o = &c->units[owner];
    /* an owner with no code of its own ("Russia's allies") leaves the
     * possessor, which at least names the country */
    return o->pronoun || o->agent_only || strncmp(o->code, "---", 3) == 0 ? k : owner;
}

int coder_unit_of_subtree(const dyad_coder *c, size_t w)
{
    for (size_t k = 0; k < c->unit_n; k++)
        if (coder_dominates(&c->sent, w, c->units[k].head) ||
            (c->units[k].begin <= w && w < c->units[k].end))
            return coder_possessed_unit(c, (int)k);
    return -1;
}

bool coder_word_eq(const coder_sent *s, size_t i, const char *lit)
{
    /* the first byte first: called for many literals per word */
    dyad_str n = coder_norm(s, i);
    return n.len && n.ptr[0] == lit[0] && n.len == strlen(lit) && memcmp(n.ptr, lit, n.len) == 0;
}

bool coder_word_in(const coder_sent *s, size_t i, const char *const *list, size_t n)
{
    /* the word once, then the first byte of each literal: lists such as
     * the currencies (68 names, asked after every actor) were 1.5% of
     * `dyad code` when each literal fetched the word again */
    dyad_str w = coder_norm(s, i);
    if (!w.len)
        return false;
    for (size_t k = 0; k < n; k++)
        if (list[k][0] == w.ptr[0] && strlen(list[k]) == w.len &&
            memcmp(list[k], w.ptr, w.len) == 0)
            return true;
    return false;
}

/* Are words [begin, end) the pronoun "us" in lower case?  Dictionaries
 * list the United States as "US" and match words regardless of case, so
 * "Let us ...", "join us" and "help us" were events of the United States
 * (368 in the White House, Kremlin and Reuters corpora with the default
 * dictionaries).  Such a unit still holds its place (the verb's object is
 * "us", not the next actor) and still counts as the document's context;
 * no event names it and no later pronoun stands for it. */
bool coder_speakers_us(const coder_sent *s, size_t begin, size_t end)
{
    if (end != begin + 1)
        return false;
    dyad_str f = s->w[begin].form;
    return f.len == 2 && f.ptr[0] == 'u' && f.ptr[1] == 's';
}

bool coder_has_child(const coder_sent *s, size_t h, uint8_t rel)
{
    return coder_child(s, h, rel) >= 0;
}

long coder_child(const coder_sent *s, size_t h, uint8_t rel)
{
    for (size_t k = 0; k < s->n; k++)
        if (s->w[k].head == h + 1 && s->w[k].rel == rel)
            return (long)k;
    return -1;
}

bool coder_has_case_word(const coder_sent *s, size_t w, const char *lit)
{
    for (size_t k = 0; k < w; k++)
        if (s->w[k].head == w + 1 && s->w[k].rel == CR_CASE && coder_word_eq(s, k, lit))
            return true;
    return false;
}

bool coder_has_case_in(const coder_sent *s, size_t w, const char *const *list, size_t n)
{
    for (size_t k = 0; k < w; k++)
        if (s->w[k].head == w + 1 && s->w[k].rel == CR_CASE && coder_word_in(s, k, list, n))
            return true;
    return false;
}

bool coder_has_mark(const coder_sent *s, size_t v, const char *lit)
{
    for (size_t k = 0; k < v; k++)
        if (s->w[k].head == v + 1u && s->w[k].rel == CR_MARK && coder_word_eq(s, k, lit))
            return true;
    return false;
}

bool coder_has_preposition(const coder_sent *s, size_t w)
{
    /* "by" marks an agent, "of" the group or country of one ("the largest
     * of the rebel groups", "President of the Kyrgyz Republic"), "'s" a
     * possessor: none makes a circumstance */
    static const char *const not_prep[] = {"by", "of", "'s", "'"};
    for (size_t k = 0; k < w; k++) {
        if (s->w[k].head != w + 1u || s->w[k].rel != CR_CASE)
            continue;
        if (!coder_word_in(s, k, not_prep, DYAD_ARRAY_LEN(not_prep)))
            return true;
    }
    return false;
}


/* Passive: marked by the parse, or a past participle with a form of "be"
 * as auxiliary (converted Penn trees label that auxiliary plain aux). */
bool coder_is_passive(const coder_sent *s, size_t v)
{
    if (coder_has_child(s, v, CR_AUX_PASS) || coder_has_child(s, v, CR_NSUBJ_PASS))
        return true;
    if (!s->w[v].participle)
        return false;

    static const char *const be[] = {"was", "were", "is", "are", "been", "be", "being", "am"};
    for (size_t k = 0; k < s->n; k++)
        if (s->w[k].head == v + 1 && s->w[k].rel == CR_AUX)
            for (size_t q = 0; q < DYAD_ARRAY_LEN(be); q++)
                if (coder_word_eq(s, k, be[q]))
                    return true;
    return false;
}

/* The noun of the by-phrase in v's clause (the phrase may hang off an
 * adverb), or -1. */
static long by_noun(const coder_sent *s, size_t v)
{
    for (size_t k = v + 1; k < s->n; k++) {
        if (!coder_word_eq(s, k, "by") || s->w[k].head == 0)
            continue;
        size_t h = s->w[k].head - 1u;
        if (h == v || !coder_dominates(s, v, h) || coder_crosses_clause(s, v, h))
            continue;
        return (long)h;
    }
    return -1;
}

/* A by-phrase in v's clause: the agent of a passive verb ("was opposed
 * earlier by Osgiliath"). */
int coder_by_phrase(const dyad_coder *c, size_t v)
{
    const coder_sent *s = &c->sent;
    long noun = by_noun(s, v);
    if (noun >= 0) {
        size_t h = (size_t)noun;
        int u = coder_unit_of_subtree(c, h);
        /* in running text not an actor inside a clause of the phrase:
         * "encouraged by the outcome in a case covering European pasta
         * imports" is not the Europeans' doing */
        if (u >= 0 && c->opts.context_actors && !(c->units[u].begin <= h && h < c->units[u].end) &&
            coder_crosses_clause(s, h, c->units[u].head))
            return -1;
        return u;
    }
    return -1;
}

bool coder_by_marked(const dyad_coder *c, int unit)
{
    const coder_sent *s = &c->sent;
    const coder_unit *u = &c->units[unit];
    /* the noun the "by" marks: the unit's head, the noun the unit
     * modifies ("by Russian shelling", "by Russia's aggression") or the
     * first of conjoined nouns ("by Director Kratsios and Korean
     * Minister ...") */
    size_t noun = u->head;
    for (int up = 0; up < 2 && s->w[noun].head > 0; up++) {
        uint8_t r = s->w[noun].rel;
        if (!(r == CR_AMOD || r == CR_COMPOUND || r == CR_POSS || r == CR_CONJ))
            break;
        noun = s->w[noun].head - 1u;
    }
    for (size_t j = u->begin; j-- > 0 && j + 8 >= u->begin;) {
        if (!coder_word_eq(s, j, "by"))
            continue;
        size_t h = s->w[j].head; /* 1-based */
        if (h == noun + 1u || (h > u->begin && h <= u->end) || s->w[noun].head == j + 1u)
            return true; /* the last: a parse that hangs the noun on "by" */
    }
    return false;
}

/* Is word w, inside the phrase headed by word top, behind a preposition
 * of a relation or a topic on the way up?  In running text such an actor
 * is what the subject phrase is about, not who acts: "Additional trade
 * deals with Indonesia, the Philippines ... will protect our industries",
 * "our trade with China increased", "sanctions against Russia".  "Of",
 * "from", "in", "like" name members and places ("the President of
 * Russia", "a delegation from Kazakhstan", "diplomats in Europe", "groups
 * like the United Auto Workers") and are kept. */
static bool behind_preposition_in(const coder_sent *s, size_t top, size_t w)
{
    static const char *const topics[] = {"with", "between", "against", "on", "about", "for",
                                         "over", "toward", "towards", "to", "into", "regarding",
                                         "concerning", "during", "after", "before"};
    for (size_t steps = 0; w != top && steps <= s->n && s->w[w].head != 0; steps++) {
        if (coder_has_case_in(s, w, topics, DYAD_ARRAY_LEN(topics)))
            return true;
        w = s->w[w].head - 1u;
    }
    return false;
}

/* The actor the parse conjoins to unit q (or to subj, the subject word
 * whose phrase q is in) across a comma alone, when the
 * two are no compound (actors.c: a comma joins only a list that goes on
 * to "and"), else q.  Such a "subject" is the end of an opening phrase
 * and the conjunct the one acting: "At the request of Abdel Fattah
 * el-Sisi, Vladimir Putin explained ..." parsed with Sisi the subject. */
static int comma_conjunct(const dyad_coder *c, int q, size_t subj)
{
    const coder_sent *s = &c->sent;
    const coder_unit *u = &c->units[q];
    for (size_t r = (size_t)q + 1; r < c->unit_n; r++) {
        const coder_unit *x = &c->units[r];
        const coder_word *h = &s->w[x->head];
        if (x->group == u->group || h->rel != CR_CONJ || h->head == 0 ||
            !(h->head - 1u == subj || (h->head - 1u >= u->begin && h->head - 1u < u->end)))
            continue;
        for (size_t w = u->end; w < x->begin; w++)
            if (!coder_word_eq(s, w, ","))
                return q;
        return (int)r;
    }
    return q;
}

int coder_subject_of(const dyad_coder *c, size_t v, uint8_t rel)
{
    const coder_sent *s = &c->sent;
    for (size_t k = 0; k < s->n; k++) {
        if (s->w[k].head != v + 1 || s->w[k].rel != rel)
            continue;
        if (!c->opts.context_actors)
            return coder_unit_of_subtree(c, k);
        for (size_t q = 0; q < c->unit_n; q++) {
            const coder_unit *u = &c->units[q];
            if ((u->begin <= k && k < u->end) ||
                (coder_dominates(s, k, u->head) && !behind_preposition_in(s, k, u->head)))
                return coder_possessed_unit(c, comma_conjunct(c, (int)q, k));
        }
        return -1;
    }
    return -1;
}

/* The source from the parse: the subject of v, or of the verb governing
 * it.  Units of group `exclude` (the target a pattern bound) do not count:
 * the search then climbs to the governing clause ("X noted that Y
 * regretted ..." with '+' on Y gives X). */
int coder_parse_source(const dyad_coder *c, size_t v, int exclude, const char **why)
{
    const coder_sent *s = &c->sent;
    for (int depth = 0; depth < 6; depth++) {
        int by = coder_is_passive(s, v) ? coder_by_phrase(c, v) : -1;
        if (by >= 0 && c->units[by].group != exclude) {
            *why = "passive by-phrase";
            return by;
        }
        int u = coder_subject_of(c, v, CR_NSUBJ);
        if (u < 0) /* a passive without a by-phrase: its subject acts */
            u = coder_subject_of(c, v, CR_NSUBJ_PASS);
        bool excluded = u >= 0 && exclude >= 0 && c->units[u].group == exclude;
        if (u >= 0 && !excluded) {
            *why = "subject";
            return u;
        }
        if (!excluded && (coder_has_child(s, v, CR_NSUBJ) || coder_has_child(s, v, CR_NSUBJ_PASS)))
            return -1;
        uint8_t r = s->w[v].rel;
        /* a verb labelled "cc" is a that-clause the Penn conversion
         * mislabels (unit test DEMO-10); treat it as ccomp */
        if (s->w[v].head == 0 || !(r == CR_XCOMP || r == CR_CONJ || r == CR_ADVCL || r == CR_CCOMP ||
                                   r == CR_OTHER || (r == CR_CC && coder_has_child(s, v, CR_MARK))))
            return -1;
        v = s->w[v].head - 1u;
        *why = "subject of the governing verb";
    }
    return -1;
}

/* Does the path from word w up to verb v cross another clause? */
bool coder_crosses_clause(const coder_sent *s, size_t v, size_t w)
{
    size_t steps = 0;
    while (w != v && steps++ <= s->n) {
        uint8_t r = s->w[w].rel;
        bool verbal = s->w[w].pos == CW_VERB || s->w[w].penn_verb;
        if (verbal && (r == CR_CCOMP || r == CR_ADVCL || r == CR_PARATAXIS || r == CR_CONJ ||
                       r == CR_ACL || r == CR_XCOMP))
            return true;
        if (s->w[w].head == 0)
            return true;
        w = s->w[w].head - 1u;
    }
    return false;
}

/* In running text, a past participle that modifies an actor noun (acl)
 * and has no subject or object of its own is passive: the actor is acted
 * upon ("an American detained in Belarus", "criminals arrested in
 * sanctuary cities", "personnel stationed at the border"; coder_parse_target
 * makes it the target) and only a by-phrase acts ("an American detained
 * by the Taliban").  NULL when the verb is no such participle. */
static const coder_unit *participle_noun(const dyad_coder *c, size_t v)
{
    const coder_sent *s = &c->sent;
    if (!c->opts.context_actors || !s->parsed || s->w[v].rel != CR_ACL || !s->w[v].participle ||
        s->w[v].head == 0 || coder_has_child(s, v, CR_OBJ) || coder_has_child(s, v, CR_NSUBJ) ||
        coder_has_child(s, v, CR_NSUBJ_PASS))
        return NULL;
    size_t n = s->w[v].head - 1u;
    int u = s->w[n].unit;
    /* with an agent acting on it, a noun of no actor stands for the actor
     * qualifying it: "an American airline mechanic detained by the
     * Taliban" (not "U.S. goods exported to North Macedonia") */
    for (size_t k = 0; u < 0 && by_noun(s, v) >= 0 && k < n; k++)
        if (s->w[k].head == n + 1 && s->w[k].unit >= 0 &&
            (s->w[k].rel == CR_AMOD || s->w[k].rel == CR_COMPOUND))
            u = s->w[k].unit;
    return u >= 0 ? &c->units[u] : NULL;
}

/* Is word h's "to" phrase a destination: does h hang on a noun of going
 * somewhere ("a visit to Moscow", "a Presidential Delegation to
 * Warsaw", "shipments to Ukraine")? */
static bool destination_of_noun(const coder_sent *s, size_t v, size_t h)
{
    static const char *const goings[] = {
        "visit", "visits", "trip", "trips", "journey", "journeys", "tour", "tours", "travel",
        "flight", "flights", "voyage", "delegation", "delegations", "return", "route", "routes",
        "exports", "shipments", "deliveries", "deployment", "deployments"};
    if (s->w[h].head == 0 || s->w[h].head - 1u == v)
        return false;
    size_t n = s->w[h].head - 1u;
    return (s->w[n].pos == CW_NOUN || s->w[n].pos == CW_PROPN) &&
           coder_word_in(s, n, goings, DYAD_ARRAY_LEN(goings));
}

/* With document context: the actor of a "to" phrase in verb v's clause
 * is its recipient and the target, before an actor nested in the object
 * ("conveyed the greetings of A to B": B), unless the phrase names where
 * a visit or shipment goes; -1 when there is none. */
static int recipient(const dyad_coder *c, size_t v, int exclude_group)
{
    const coder_sent *s = &c->sent;
    for (size_t k = 0; k < c->unit_n; k++) {
        const coder_unit *u = &c->units[k];
        size_t h = u->head;
        /* the tagger often hangs the "to" phrase on the object's last
         * noun, so any attachment inside the verb's own clause will do */
        if (u->group == exclude_group || u->begin <= v || !coder_dominates(s, v, h) ||
            coder_crosses_clause(s, v, h))
            continue;
        for (size_t j = u->begin; j-- > 0 && j + 3 >= u->begin;)
            if (s->w[j].head == h + 1u && s->w[j].rel == CR_CASE)
                if (coder_word_eq(s, j, "to") && !destination_of_noun(s, v, h))
                    return (int)k;
    }
    return -1;
}

/* Does the path from word w up to verb v pass a clause that modifies a
 * noun (acl)?  What that clause acts upon is no target of v: "gave an
 * explanation of the reasons for the special military operation to
 * protect Donbass" gives nothing to Donbass.  The agent of a participle
 * stands for the noun it leads, though: "has received a delegation led
 * by Minister of Foreign Affairs of the Republic of Kazakhstan ...". */
static bool crosses_noun_clause(const coder_sent *s, size_t v, size_t w)
{
    size_t from = w;
    for (size_t steps = 0; w != v && steps <= s->n && s->w[w].head != 0; steps++) {
        if (s->w[w].rel == CR_ACL && (s->w[w].pos == CW_VERB || s->w[w].penn_verb) &&
            !(s->w[w].participle && from != w && coder_has_case_word(s, from, "by")))
            return true;
        from = w;
        w = s->w[w].head - 1u;
    }
    return false;
}

/* Is word w, under verb v, reached through a prepositional phrase ("with
 * China", "in the economy of Kazakhstan"), "by" and "of" aside? */
static bool through_preposition(const coder_sent *s, size_t v, size_t w)
{
    for (size_t steps = 0; w != v && steps <= s->n && s->w[w].head != 0; steps++) {
        if (coder_has_preposition(s, w))
            return true;
        w = s->w[w].head - 1u;
    }
    return false;
}

/* Is word w, under verb v, inside an "as" phrase or a comparison?  An
 * "as" phrase names the role the subject plays, not a party acted upon:
 * "served as Deputy Chief of Mission at the U.S. Embassy", "worked as an
 * adviser to the Government of Iraq" are no aid to the embassy or to
 * Iraq.  A comparison names a yardstick: "delivered more for the American
 * people than Joe Biden had in four years" delivers nothing to Biden. */
static bool in_role_phrase(const coder_sent *s, size_t v, size_t w)
{
    static const char *const words[] = {"as", "than", "unlike"};
    for (size_t steps = 0; w != v && steps <= s->n && s->w[w].head != 0; steps++) {
        if (coder_has_case_in(s, w, words, DYAD_ARRAY_LEN(words)) || coder_has_mark(s, w, "than") ||
            coder_has_mark(s, w, "unlike"))
            return true;
        w = s->w[w].head - 1u;
    }
    return false;
}

/* Is word w, under verb v, reached through a "for" phrase of a noun ("to
 * ensure an even playing field for our farmers")?  Inside a clause under
 * the verb that names whom the clause's object serves, not a party the
 * verb acts upon: "is fighting to ensure ... for our farmers" fights no
 * farmers. */
static bool beneficiary_of_noun(const coder_sent *s, size_t v, size_t w)
{
    for (size_t steps = 0; w != v && steps <= s->n && s->w[w].head != 0; steps++) {
        size_t h = s->w[w].head - 1u;
        if (coder_has_case_word(s, w, "for") && s->w[h].pos != CW_VERB && !s->w[h].penn_verb)
            return true;
        w = h;
    }
    return false;
}

const char coder_why_recipient[] = "recipient (\"to\" phrase of the verb)";
const char coder_why_participle_noun[] = "the actor the participle modifies";

int coder_parse_target(const dyad_coder *c, const coder_verb *vb, int source, const char **why)
{
    const coder_sent *s = &c->sent;
    size_t v = vb->word;
    if (coder_is_passive(s, v) && coder_by_phrase(c, v) >= 0) {
        int u = coder_subject_of(c, v, CR_NSUBJ_PASS);
        if (u < 0)
            u = coder_subject_of(c, v, CR_NSUBJ);
        if (u >= 0 && u != source) {
            *why = "passive subject";
            return u;
        }
    }
    int sg = source >= 0 ? c->units[source].group : -2;
    const coder_unit *noun = participle_noun(c, v);
    if (noun && noun->group != sg) {
        *why = coder_why_participle_noun;
        return (int)(noun - c->units);
    }
    int rec = c->opts.context_actors ? recipient(c, v, sg) : -1;
    if (rec >= 0) {
        *why = coder_why_recipient;
        return rec;
    }
    /* a passive's by-phrase is the agent's side, all of it: "The meeting
     * was attended by Prime Minister Mishustin, State Duma Speaker
     * Volodin, ..." is no event between the attendants.  And the patient
     * of a passive is its subject: when that is no actor, only a phrase
     * with a preposition names another party ("The treaty was signed by
     * Russia with China", "$17 billion has been invested by Russian
     * companies in the economy of Kazakhstan"), not whatever actor a long
     * list of attendants, misparsed, leaves outside the by-phrase. */
    long agent = coder_is_passive(s, v) ? by_noun(s, v) : -1;
    long patient = agent >= 0 ? coder_child(s, v, CR_NSUBJ_PASS) : -1;
    bool prep_only = patient >= 0 && coder_unit_of_subtree(c, (size_t)patient) < 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < c->unit_n; k++) {
            const coder_unit *u = &c->units[k];
            if (u->begin < vb->end || u->group == sg || !coder_dominates(s, v, u->head))
                continue;
            if (agent >= 0 && coder_dominates(s, (size_t)agent, u->head))
                continue;
            if (prep_only && !through_preposition(s, v, u->head))
                continue;
            if (in_role_phrase(s, v, u->head))
                continue;
            if (u->pronoun && source >= 0 && strcmp(u->code, c->units[source].code) == 0)
                continue; /* "he" standing for the source itself */
            if (pass == 0 && coder_crosses_clause(s, v, u->head))
                continue;
            if (pass == 1 && c->opts.context_actors &&
                (crosses_noun_clause(s, v, u->head) || beneficiary_of_noun(s, v, u->head)))
                continue;
            if ((s->w[u->head].rel == CR_NSUBJ || s->w[u->head].rel == CR_NSUBJ_PASS) &&
                s->w[u->head].head - 1u != v &&
                (pass == 1 || s->w[s->w[u->head].head - 1u].rel == CR_CONJ))
                continue; /* the subject of another clause acts there: of a
                           * clause under v, or conjoined to v's (UD COMMA-02) */
            *why = pass == 0 ? "object or complement in the verb's clause"
                             : "first actor in a clause under the verb";
            int owner = coder_possessed_unit(c, (int)k);
            return c->units[owner].group != sg ? owner : (int)k;
        }
    return -1;
}

/* Without a parse: TABARI takes the first actor of the sentence before
 * the verb; otherwise the nearest one before it. */
int coder_linear_source(const dyad_coder *c, const coder_verb *v)
{
    if (c->tabari) {
        for (size_t k = 0; k < c->unit_n; k++)
            if (c->units[k].begin >= c->clause_begin && c->units[k].end <= v->begin)
                return (int)k;
        for (size_t k = 0; k < c->unit_n; k++)
            if (c->units[k].end <= v->begin)
                return (int)k;
        return -1;
    }
    for (size_t k = c->unit_n; k-- > 0;)
        if (c->units[k].end <= v->begin)
            return (int)k;
    return -1;
}

static bool be_word(const coder_sent *s, size_t i)
{
    static const char *const be[] = {"was", "were", "is", "are", "been", "be", "being", "am"};
    for (size_t q = 0; q < DYAD_ARRAY_LEN(be); q++)
        if (coder_word_eq(s, i, be[q]))
            return true;
    return false;
}

/* Without a parse, a passive is "be (adverb) VERB ... by ACTOR" with the
 * by-phrase within a few words: returns that actor, or -1. */
int coder_linear_by_phrase(const dyad_coder *c, const coder_verb *v)
{
    const coder_sent *s = &c->sent;
    bool be = (v->begin >= 1 && be_word(s, v->begin - 1u)) ||
              (v->begin >= 2 && be_word(s, v->begin - 2u));
    if (!be)
        return -1;
    for (size_t k = v->end; k < s->n && k < v->end + 4u; k++)
        if (coder_word_eq(s, k, "by") && k + 1 < s->n && s->w[k + 1].unit >= 0)
            return s->w[k + 1].unit;
    return -1;
}

/* With a parse that names no subject: the nearest actor before the verb
 * with no other verb between them (parsers attach possessors and
 * subjects to the wrong word now and then). */

/* Is word w the colon after a speaker's label ("Nikol Pashinyan: Thank
 * you, Mr Putin.", "CNN: Trump to host ...") with someone else named
 * between it and the verb at `verb`?  The speaker thanks, is honored,
 * reports, where the verb has no subject of its own or "I"/"we"; a noun
 * or another pronoun there is the verb's own subject, however the parser
 * hung it ("House Judiciary GOP: Democrats forced 10 million migrants
 * ...", "THE PRESIDENT: No room left for Mexico"). */
static bool other_speaker_after_label(const coder_sent *s, size_t w, size_t verb)
{
    static const char *const speaker[] = {"i", "we"};
    if (!coder_word_eq(s, w, ":"))
        return false;
    for (size_t k = w + 1; k < verb; k++) {
        uint8_t pos = s->w[k].pos;
        if ((pos == CW_NOUN || pos == CW_PROPN || pos == CW_PRON) &&
            !coder_word_in(s, k, speaker, DYAD_ARRAY_LEN(speaker)))
            return true;
    }
    return false;
}

int coder_near_source(const dyad_coder *c, const coder_verb *v, int target)
{
    const coder_sent *s = &c->sent;
    int tg = target >= 0 ? c->units[target].group : -2;
    if (participle_noun(c, v->word)) { /* what it modifies is acted upon */
        int by = coder_by_phrase(c, v->word);
        return by >= 0 && c->units[by].group != tg ? by : -1;
    }
    /* a subject that names no actor: only an actor just before it (a
     * misattached possessor, "Ithilen 's militia") may stand in */
    long subj = -1;
    /* the subject of the verb, or of the verb it is conjoined to ("Funaro
     * and Gros spent two days talking to government officials and will
     * visit Britain": Funaro and Gros visit, not the officials).  Not of
     * the verb it complements: "allow Russia to veto", "expect the Prime
     * Minister to visit" name the one acting as the object. */
    size_t gov = v->word;
    for (int depth = 0; depth < 6 && subj < 0; depth++) {
        for (size_t k = 0; k < s->n; k++)
            if (s->w[k].head == gov + 1u &&
                (s->w[k].rel == CR_NSUBJ || s->w[k].rel == CR_NSUBJ_PASS))
                subj = (long)k;
        uint8_t r = s->w[gov].rel;
        /* in running text also of the verb an adverbial clause hangs on
         * ("Cossiga is due to meet former presidents before holding talks
         * with party leaders": Cossiga holds them); not of a clause with
         * "for", "from" or "to", where the object often acts ("I commend
         * the President for recognizing ...", "prevent U.S. producers from
         * exporting", "... for his decisive action to attack Iran's
         * nuclear program", the infinitive misattached) */
        bool adverbial = c->opts.context_actors && r == CR_ADVCL &&
                         !coder_has_mark(s, gov, "for") && !coder_has_mark(s, gov, "from") &&
                         !coder_has_mark(s, gov, "to");
        if (s->w[gov].head == 0 || !(r == CR_CONJ || adverbial))
            break;
        gov = s->w[gov].head - 1u;
    }
    for (size_t k = c->unit_n; k-- > 0;) {
        const coder_unit *u = &c->units[k];
        if (u->end > v->begin || u->group == tg)
            continue;
        if (c->opts.context_actors && coder_has_preposition(s, u->head))
            continue; /* "spent two days in Washington talking to ...": a
                       * place, a topic or a companion, not the one acting */
        if (subj >= 0) {
            if (!(u->end <= subj && subj - (long)u->end <= 2))
                return -1;
            for (long w = u->end; w < subj; w++)
                if (!(coder_word_eq(s, (size_t)w, "'s") || coder_word_eq(s, (size_t)w, "'") ||
                      s->w[w].pos == CW_ADJ || s->w[w].pos == CW_NOUN || s->w[w].pos == CW_PROPN))
                    return -1;
        }
        for (size_t w = u->end; w < v->begin; w++) {
            bool aux = s->w[w].rel == CR_AUX || s->w[w].rel == CR_AUX_PASS || s->w[w].pos == CW_AUX;
            if ((coder_verb_tagged(&s->w[w]) && !aux) || coder_word_eq(s, w, ",") ||
                coder_word_eq(s, w, ";") || other_speaker_after_label(s, w, v->begin))
                return -1;
        }
        return (int)k;
    }
    return -1;
}

int coder_linear_target(const dyad_coder *c, const coder_verb *v, int source)
{
    int sg = source >= 0 ? c->units[source].group : -2;
    for (size_t k = 0; k < c->unit_n; k++)
        if (c->units[k].begin >= v->end && c->units[k].group != sg)
            return (int)k;
    return -1;
}

/* Does a "not", "n't" or "never" hang on word w? */
static bool has_negation(const coder_sent *s, size_t w)
{
    static const char *const neg[] = {"not", "n't", "never"};
    for (size_t k = 0; k < s->n; k++)
        if (s->w[k].head == w + 1u && coder_word_in(s, k, neg, DYAD_ARRAY_LEN(neg)))
            return true;
    return false;
}

/* Is word w a verb joined by "or" or "nor" to the verb it hangs on, with
 * no subject of its own ("does not cooperate or share")?  The negation
 * of that verb covers it; after "and" it does not ("did not attend and
 * left early"). */
static bool or_conjunct(const coder_sent *s, size_t w)
{
    static const char *const ors[] = {"or", "nor"};
    if (s->w[w].rel != CR_CONJ || s->w[w].head == 0 || coder_has_child(s, w, CR_NSUBJ) ||
        coder_has_child(s, w, CR_NSUBJ_PASS))
        return false;
    for (size_t k = 0; k < w; k++)
        if (s->w[k].head == w + 1u && s->w[k].rel == CR_CC &&
            coder_word_in(s, k, ors, DYAD_ARRAY_LEN(ors)))
            return true;
    return false;
}

bool coder_negated(const dyad_coder *c, const coder_verb *v)
{
    const coder_sent *s = &c->sent;
    static const char *const neg[] = {"not", "n't", "never"};
    if (s->parsed)
        return has_negation(s, v->word) ||
               (c->opts.context_actors && or_conjunct(s, v->word) &&
                has_negation(s, s->w[v->word].head - 1u));
    for (size_t k = v->begin >= 2 ? v->begin - 2u : 0; k < v->begin; k++)
        if (coder_word_in(s, k, neg, DYAD_ARRAY_LEN(neg)))
            return true;
    return false;
}

