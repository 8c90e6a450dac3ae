/*
 * coder.c — the event coder: for every sentence of a document, find the
 * actors and dictionary verbs, match each verb's patterns, choose source
 * and target, and report one dyad_event per (source, target, code).
 *
 * Source and target come, in order of preference, from the pattern that
 * fired ('$', '+', '%'), from the dependency parse (subject; passive
 * by-phrase; objects and prepositional complements inside the verb's own
 * clause, never inside a subordinate clause that has its own verb), and
 * without a parse from position (TABARI: the nearest actor before the verb,
 * the first one after it).  Compound groups expand to one event per member;
 * paired codes [X:Y] add the reverse event; null codes [---], negated
 * verbs (unless the pattern spells the negation) and events lacking a
 * source or target (unless allow_monads) are dropped, each with a trace
 * line saying why (dyad explain).
 *
 * Per sentence the coder works on its own fixed arrays (coder.h); a
 * document needs no allocation after the first one except what the text
 * and syntax layers do.
 */
#include "coder/coder.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void coder_tracef(dyad_coder *c, const char *fmt, ...)
{
    if (!c->opts.trace)
        return;
    buf_clear(&c->trace);
    va_list ap;
    va_start(ap, fmt);
    char line[1024];
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    c->opts.trace(c->opts.trace_user, line);
}

/* Writes at most len bytes of s (fewer if s ends first) into dst of size
 * bytes, NUL-terminated: snprintf's "%.*s" without parsing a format,
 * which was 5% of coding with supplied parses.  Returns the bytes written. */
static size_t put_str(char *dst, size_t size, const char *s, size_t len)
{
    size_t n = strnlen(s, len);
    if (n >= size)
        n = size - 1;
    memcpy(dst, s, n);
    dst[n] = 0;
    return n;
}

/* ---- CAMEO ---- */

dyad_status dyad_event_fill_cameo(dyad_event *ev, dyad_quad_convention quad)
{
    size_t len = strnlen(ev->code, sizeof ev->code);
    put_str(ev->root, sizeof ev->root, ev->code, 2);
    double g = 0;
    int q = 0;
    dyad_status st = dyad_cameo_lookup(ev->code, len, &g, &q);
    if (st)
        st = dyad_cameo_lookup(ev->code, len >= 3 ? 3 : len, &g, &q);
    if (st) {
        ev->quad = 0;
        ev->goldstein = 0;
        return DYAD_ENOTFOUND;
    }
    int root = (ev->root[0] - '0') * 10 + (ev->root[1] - '0');
    if (quad == DYAD_QUAD_PHOENIX)
        q = root <= 2 ? 0 : root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
    ev->quad = q;
    ev->goldstein = g;
    return DYAD_OK;
}

/* ---- events ---- */

typedef struct emitter {
    dyad_coder *c;
    const dyad_doc *doc;
    dyad_event_fn fn;
    void *user;
    bool stop;
    bool discard; /* TABARI "###": no more events from this sentence */
    uint16_t consumed; /* last word used by a pattern in this sentence */
    char seen[CODER_MAX_EVENTS][CODER_MAX_CODE * 2 + 8];
    size_t seen_n;
} emitter;

static dyad_span unit_span(const dyad_coder *c, int u)
{
    const coder_unit *cu = &c->units[u];
    if (cu->end == 0) /* a default actor: named by no word */
        return (dyad_span){0, 0};
    const coder_word *b = &c->sent.w[cu->begin], *e = &c->sent.w[cu->end - 1];
    if (b->span.end == 0 || e->span.end == 0)
        return (dyad_span){0, 0};
    return (dyad_span){b->span.begin, e->span.end};
}

static dyad_str span_text(const dyad_doc *doc, dyad_span sp)
{
    if (sp.end <= sp.begin || sp.end > doc->text.len)
        return (dyad_str){"", 0};
    return (dyad_str){doc->text.ptr + sp.begin, sp.end - sp.begin};
}

/* "SRC|TGT|CODE" (the code cut to 7 bytes): one event of a sentence. */
static void event_key(char *key, size_t size, const char *src, const char *tgt, dyad_str code)
{
    size_t k = put_str(key, size, src, SIZE_MAX);
    const char *parts[2] = {tgt, code.ptr};
    size_t lens[2] = {SIZE_MAX, code.len < 7 ? code.len : 7};
    for (int i = 0; i < 2 && k + 1 < size; i++) {
        key[k++] = '|';
        k += put_str(key + k, size - k, parts[i], lens[i]);
    }
}

/* Is code (country, then 3-letter roles) one of the media's ("USAMED",
 * "GBRMED", "MED")? */
static bool media_code(const char *code)
{
    for (size_t n = strlen(code), k = 0; k + 3 <= n; k += 3)
        if (memcmp(code + k, "MED", 3) == 0)
            return true;
    return false;
}

/* A statement, appeal or stated intent (roots 01-03) to the press
 * ("told reporters", "told Reuters", "told a television interviewer")
 * has the press as its audience, not as a party: the statement is about
 * someone else, or about nothing between two parties at all. */
static bool press_audience(const char *tgt, dyad_str code)
{
    return code.len >= 2 && code.ptr[0] == '0' && code.ptr[1] >= '1' && code.ptr[1] <= '3' &&
           media_code(tgt);
}

static void emit(emitter *em, int su, int tu, dyad_str code, const coder_verb *v, uint32_t pid)
{
    dyad_coder *c = em->c;
    const char *src = su >= 0 ? c->units[su].code : "---";
    const char *tgt = tu >= 0 ? c->units[tu].code : "---";
    if (!c->opts.keep_self_events && su >= 0 && tu >= 0 && strcmp(src, tgt) == 0) {
        coder_tracef(c, "event %s %s %.*s rejected: source and target are the same", src, tgt,
                     (int)code.len, code.ptr);
        return;
    }
    if ((su >= 0 && coder_speakers_us(&c->sent, c->units[su].begin, c->units[su].end)) ||
        (tu >= 0 && coder_speakers_us(&c->sent, c->units[tu].begin, c->units[tu].end))) {
        coder_tracef(c, "event %s %s %.*s rejected: \"us\" names the speakers, not the United States",
                     src, tgt, (int)code.len, code.ptr);
        return;
    }
    if (c->opts.context_actors && (strncmp(src, "---", 3) == 0 || strncmp(tgt, "---", 3) == 0)) {
        /* an agent whose country the context could not give names nobody */
        coder_tracef(c, "event %s %s %.*s rejected: an agent with no country", src, tgt,
                     (int)code.len, code.ptr);
        return;
    }
    if (c->opts.context_actors && su >= 0 && tu >= 0 && coder_own_country(src, tgt)) {
        coder_tracef(c, "event %s %s %.*s rejected: an actor and its own country", src, tgt,
                     (int)code.len, code.ptr);
        return;
    }
    if (c->opts.context_actors && tu >= 0 && press_audience(tgt, code)) {
        coder_tracef(c, "event %s %s %.*s rejected: the press is the audience, not a party", src,
                     tgt, (int)code.len, code.ptr);
        return;
    }
    char key[CODER_MAX_CODE * 2 + 8];
    event_key(key, sizeof key, src, tgt, code);
    for (size_t k = 0; k < em->seen_n; k++)
        if (strcmp(em->seen[k], key) == 0)
            return;
    if (em->seen_n >= CODER_MAX_EVENTS)
        return;
    memcpy(em->seen[em->seen_n++], key, sizeof key);
    dyad_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc_id = em->doc->id;
    ev.date = em->doc->date;
    ev.sentence = c->sent.index;
    put_str(ev.source, sizeof ev.source, src, SIZE_MAX);
    put_str(ev.target, sizeof ev.target, tgt, SIZE_MAX);
    put_str(ev.code, sizeof ev.code, code.ptr, code.len);
    dyad_event_fill_cameo(&ev, c->opts.quad);
    if (su >= 0)
        ev.source_span = unit_span(c, su);
    if (tu >= 0)
        ev.target_span = unit_span(c, tu);
    const coder_word *vb = &c->sent.w[v->begin], *ve = &c->sent.w[v->end - 1];
    if (vb->span.end && ve->span.end)
        ev.verb_span = (dyad_span){vb->span.begin, ve->span.end};
    ev.source_text = span_text(em->doc, ev.source_span);
    ev.target_text = span_text(em->doc, ev.target_span);
    ev.verb_text = span_text(em->doc, ev.verb_span);
    ev.text = span_text(em->doc, c->sent.span);
    dyad_event_provenance pv;
    memset(&pv, 0, sizeof pv);
    if (su >= 0) {
        pv.source_file = coder_file_name(c->lex, c->units[su].actor_file ? c->units[su].actor_file
                                                                          : c->units[su].agent_file);
        pv.source_line = c->units[su].actor_file ? c->units[su].actor_line : c->units[su].agent_line;
    }
    if (tu >= 0) {
        pv.target_file = coder_file_name(c->lex, c->units[tu].actor_file ? c->units[tu].actor_file
                                                                          : c->units[tu].agent_file);
        pv.target_line = c->units[tu].actor_file ? c->units[tu].actor_line : c->units[tu].agent_line;
    }
    pv.verb_file = coder_file_name(c->lex, v->file);
    pv.verb_line = v->line;
    if (pid) {
        const lex_pattern *p = lex_at(c->lex, LEX_V_PATTERNS, pid);
        pv.pattern_file = coder_file_name(c->lex, p->file);
        pv.pattern_line = p->line;
    }
    coder_tracef(c, "event: %s %s %s (verb \"%.*s\", %s)", ev.source, ev.target, ev.code,
                 (int)c->sent.w[v->word].form.len, c->sent.w[v->word].form.ptr,
                 pid ? "pattern" : "verb default code");
    if (c->tabari && coder_hold_event(c, &ev, &pv))
        return; /* reported at the end of the sentence (tabari_rules.c) */
    if (em->fn && em->fn(em->user, &ev, &pv))
        em->stop = true;
}

/* With document context: is a compound of n actors a list (a
 * declaration's signatories, a summit's members) rather than parties to
 * one another?  Pairing its members made up to 256 events of one
 * sentence ("released by the Governments of Angola, Argentina, ..."):
 * 886 White House and 30 Reuters events from six sentences. */
static bool member_list(const dyad_coder *c, int n)
{
    return c->opts.context_actors && n > CODER_MAX_PARTIES;
}

/* member_list, saying so in the trace for verb v. */
static bool list_not_paired(dyad_coder *c, const coder_verb *v, int n)
{
    if (!member_list(c, n))
        return false;
    coder_tracef(c, "verb \"%.*s\": a list of %d actors, no pairwise events",
                 (int)c->sent.w[v->word].form.len, c->sent.w[v->word].form.ptr, n);
    return true;
}

/* Emits every member pair of the source and target groups. */
static void emit_groups(emitter *em, int su, int tu, dyad_str code, const coder_verb *v,
                        uint32_t pid)
{
    dyad_coder *c = em->c;
    int sf = su, sn = 1, tf = tu, tn = 1;
    if (su >= 0 && c->units[su].group >= 0) {
        sf = c->groups[c->units[su].group].first;
        sn = c->groups[c->units[su].group].n;
    }
    if (tu >= 0 && c->units[tu].group >= 0) {
        tf = c->groups[c->units[tu].group].first;
        tn = c->groups[c->units[tu].group].n;
    }
    if (member_list(c, sn) && member_list(c, tn)) {
        /* two long lists: one list the parse split, not dyads */
        coder_tracef(c, "verb \"%.*s\": lists of %d and %d actors, no pairwise events",
                     (int)c->sent.w[v->word].form.len, c->sent.w[v->word].form.ptr, sn, tn);
        return;
    }
    for (int i = 0; i < sn; i++)
        for (int j = 0; j < tn; j++)
            emit(em, su >= 0 ? sf + i : -1, tu >= 0 ? tf + j : -1, code, v, pid);
}

/* Fills the unit slot for a default actor; false when there is none. */
static bool default_unit(dyad_coder *c, int slot, const char *code)
{
    if (!code || !*code)
        return false;
    coder_unit *u = &c->units[slot];
    memset(u, 0, sizeof *u);
    u->group = -1;
    snprintf(u->code, sizeof u->code, "%s", code);
    return true;
}

/* With a parse: the conjuncts of the noun phrase holding source unit su
 * that name actors of their own ("Ithilen's sheep and goats of Gondor":
 * Gondor too).  Writes up to cap units of other groups; returns the count. */
static size_t conjoined_sources(const dyad_coder *c, int su, int *out, size_t cap)
{
    const coder_sent *s = &c->sent;
    size_t h = c->units[su].head, n = 0;
    /* climb from the actor to the head of its phrase */
    for (size_t steps = 0; s->w[h].head && steps < 8 &&
                           (s->w[h].rel == CR_POSS || s->w[h].rel == CR_NMOD ||
                            s->w[h].rel == CR_COMPOUND || s->w[h].rel == CR_AMOD);
         steps++)
        h = s->w[h].head - 1u;
    for (size_t k = 0; k < s->n && n < cap; k++) {
        if (s->w[k].head != h + 1u || s->w[k].rel != CR_CONJ)
            continue;
        int u = coder_unit_of_subtree(c, k);
        if (u >= 0 && c->units[u].group != c->units[su].group && !coder_dominates(s, k, c->units[su].head))
            out[n++] = u;
    }
    return n;
}

bool coder_null_code(dyad_str code)
{
    return code.len == 0 || (code.len == 3 && (memcmp(code.ptr, "---", 3) == 0 ||
                                               memcmp(code.ptr, "+++", 3) == 0));
}

/* With a parse: is word w inside a clause reported by verb v ("noted
 * that there is cooperation between A and B")?  True when the path up
 * to v passes a predicate: a verb or auxiliary, or a word with a subject
 * or a "that"/"whether" marker of its own.  The tagger's clause labels
 * are not trusted here, only the shape. */
static bool in_reported_clause(const coder_sent *s, size_t v, size_t w)
{
    for (size_t steps = 0; w != v && steps <= s->n; steps++) {
        if (s->w[w].head == 0)
            return true;
        size_t h = s->w[w].head - 1u;
        if (h == v)
            return false;
        if (s->w[h].pos == CW_VERB || s->w[h].pos == CW_AUX || s->w[h].penn_verb ||
            coder_has_child(s, h, CR_NSUBJ) || coder_has_child(s, h, CR_NSUBJ_PASS) ||
            coder_has_child(s, h, CR_MARK) || s->w[h].rel == CR_CC || s->w[h].rel == CR_CCOMP)
            return true; /* a clausal complement (ccomp, which sentence.c
                          * classes CR_CC), also a nominal one whose subject
                          * the parse took for the verb's object ("said the
                          * assets ... were mainly in U.S. dollars") */
        w = h;
    }
    return false;
}

/* Does the path from word w up to verb v pass a phrase with case marker
 * `lit` (w's own included) that belongs to the verb or to a word of no
 * actor?  "received a degree from the University", "receives gas from
 * Russia"; not "hosted representatives from the Council", where the
 * phrase tells where the guests (an agent) come from. */
static bool reached_by_case(const coder_sent *s, size_t v, size_t w, const char *lit)
{
    for (size_t steps = 0; w != v && steps <= s->n; steps++) {
        if (s->w[w].head == 0)
            return false;
        size_t h = s->w[w].head - 1u;
        if (coder_has_case_word(s, w, lit))
            return h == v || s->w[h].unit < 0;
        w = h;
    }
    return false;
}

/* Is word w, under verb v, reached through a preposition of time or place
 * ("told a news conference on his return from the failed London talks",
 * "told reporters on his return from Ethiopia and Djibouti")?  A
 * statement's circumstance, not its addressee. */
static bool statement_circumstance(const coder_sent *s, size_t v, size_t w)
{
    static const char *const preps[] = {"from", "at", "during", "after", "before", "near",
                                        "across", "throughout", "outside", "inside", "within",
                                        "around", "since", "until", "between", "among"};
    for (size_t steps = 0; w != v && steps <= s->n && s->w[w].head != 0; steps++) {
        if (coder_has_case_word(s, w, "to"))
            return false; /* "a message across the Middle East, but
                           * particularly to Hamas": spoken to */
        if (coder_has_case_in(s, w, preps, DYAD_ARRAY_LEN(preps)))
            return true;
        w = s->w[w].head - 1u;
    }
    return false;
}

/* Is word w what verb v speaks ("speaks Arabic, French and Spanish"):
 * v a form of "speak" and w its direct object, or a conjunct or
 * modifier of it?  A language, not one spoken to ("spoke with", "spoke
 * to" name those). */
static bool spoken_language(const coder_sent *s, size_t v, size_t w)
{
    static const char *const speak[] = {"speak", "speaks", "spoke", "speaking", "spoken"};
    bool speaking = false;
    for (size_t k = 0; k < DYAD_ARRAY_LEN(speak) && !speaking; k++)
        speaking = coder_word_eq(s, v, speak[k]);
    for (size_t steps = 0; speaking && s->w[w].head != 0 && steps <= s->n; steps++) {
        uint8_t r = s->w[w].rel;
        size_t h = s->w[w].head - 1u;
        if (r == CR_OBJ)
            return h == v;
        if (r != CR_CONJ && r != CR_COMPOUND && r != CR_AMOD)
            return false;
        w = h;
    }
    return false;
}

/* Document context: is unit u the topic of verb v's object rather than
 * the one acted upon?  TOPIC_NESTED: reached through two or more nouns of
 * no actor ("discussed preparations for the meeting of the Council",
 * "praised the organization of the Meeting of the Group").
 * TOPIC_DISCUSSED: for a discussion (040), owned by one such noun
 * ("discussed the situation in Ukraine", "discussed Egypt's role"); the
 * party discussed with is the verb's "with" phrase or object ("held talks
 * with", "met with members of"), or the conjoined subjects. */
enum { TOPIC_NO, TOPIC_NESTED, TOPIC_DISCUSSED };

static int topic_of_object(const dyad_coder *c, size_t v, int u, dyad_str code)
{
    bool discussion = code.len == 3 && memcmp(code.ptr, "040", 3) == 0;
    const coder_sent *s = &c->sent;
    size_t w = c->units[u].head, nouns = 0, owners = 0;
    bool with = false;
    for (size_t steps = 0; w != v && s->w[w].head && steps <= s->n; steps++) {
        with = with || coder_has_case_word(s, w, "with");
        uint8_t rel = s->w[w].rel;
        w = s->w[w].head - 1u;
        if (w != v && s->w[w].unit < 0 && (s->w[w].pos == CW_NOUN || s->w[w].pos == CW_PROPN)) {
            nouns++;
            /* "the situation in Ukraine", "Egypt's role"; not a title
             * ("President Marcos", "Secretary General Stoltenberg") */
            if (rel == CR_NMOD || rel == CR_POSS)
                owners++;
        }
    }
    if (nouns >= 2)
        return TOPIC_NESTED;
    return discussion && owners >= 1 && !with ? TOPIC_DISCUSSED : TOPIC_NO;
}

/* Is code a consultation the conjoined subjects of a verb hold with each
 * other ("A and B discussed ..."): 040, 041, 044, 046 and their
 * sub-codes?  Not a visit, hosting or mediation: "the President and First
 * Lady hosted Their Majesties" is no USAGOV USAELI 043. */
static bool mutual_consultation(dyad_str code)
{
    return code.len >= 3 && memcmp(code.ptr, "04", 2) == 0 &&
           (code.ptr[2] == '0' || code.ptr[2] == '1' || code.ptr[2] == '4' || code.ptr[2] == '6');
}

/* Is verb v one of discussing ("discussed", "debated", "reviewed")?  Its
 * object is a topic, so conjoined subjects discuss it with each other:
 * "Vladimir Putin and Recep Tayyip Erdogan discussed the developments in
 * Ukraine" is no consultation with Ukraine. */
static bool discussion_verb(const coder_sent *s, size_t v)
{
    static const char *const discuss[] = {
        "discuss", "discusses", "discussed", "discussing", "debate", "debates", "debated",
        "debating", "review", "reviews", "reviewed", "reviewing", "consider", "considers",
        "considered", "considering", "examine", "examines", "examined", "examining"};
    return coder_word_in(s, v, discuss, DYAD_ARRAY_LEN(discuss));
}

/* Is verb v one of acting jointly ("cooperate", "collaborate", "work
 * together")?  Conjoined subjects do it with each other: "Moscow and
 * Dushanbe constructively cooperate ... in the CSTO, CIS, SCO", "The U.S.
 * and Italy will work together to develop the India-Middle East-Europe
 * Economic Corridor" name no partner outside the pair. */
static bool joint_verb(const coder_sent *s, size_t v)
{
    static const char *const joint[] = {
        "cooperate", "cooperates", "cooperated", "cooperating", "collaborate", "collaborates",
        "collaborated", "collaborating"};
    static const char *const work[] = {"work", "works", "worked", "working"};
    return coder_word_in(s, v, joint, DYAD_ARRAY_LEN(joint)) ||
           (coder_word_in(s, v, work, DYAD_ARRAY_LEN(work)) && v + 1 < s->n &&
            coder_word_eq(s, v + 1, "together"));
}

/* Document context: checks the target tu found for verb v and source su,
 * trying the actors after it in v's subtree when it is unfit: an actor
 * and its own country or the source itself ("X said Kazakhstan was ready
 * to cooperate with Azerbaijan": not Kazakhstan), an actor inside the
 * clause a plain statement (010) reports, or the topic of the object.
 * A recipient ("to" phrase) and the noun a participle modifies are no
 * topic (`fit`).  Returns the target or -1. */
static int context_target(dyad_coder *c, const coder_verb *v, int su, int tu, dyad_str code,
                          bool fit)
{
    const coder_sent *s = &c->sent;
    bool statement = code.len == 3 && memcmp(code.ptr, "010", 3) == 0;
    /* "received her degree from the University", "receives gas from
     * Russia", "received consent from the United Kingdom" */
    bool hosting = code.len == 3 && memcmp(code.ptr, "043", 3) == 0;
    /* "fighting for our nation's law enforcement officers", "fought for
     * American workers" */
    bool violent = code.len >= 2 && (memcmp(code.ptr, "18", 2) == 0 ||
                                      memcmp(code.ptr, "19", 2) == 0 || memcmp(code.ptr, "20", 2) == 0);
    /* where a violent act happens is what it strikes ("strikes in
     * Kharkiv"), and an investment's place is its recipient ("invest in
     * Texas"); elsewhere "in" names a place: "met in Tokyo", "served at
     * the State Department in Colombia", "said at the COP in Glasgow" */
    bool placed = !violent && !(code.len >= 2 && memcmp(code.ptr, "06", 2) == 0);
    const char *src = c->units[su].code;
    for (int k = tu; k < (int)c->unit_n; k++) {
        const coder_unit *u = &c->units[k];
        if (k != tu && (u->begin < v->end || !coder_dominates(s, v->word, u->head) ||
                        u->group == c->units[su].group))
            continue;
        const char *why = NULL;
        bool last = false; /* the actors after this one are more of the same */
        int topic;
        if (strcmp(u->code, src) == 0 || coder_own_country(src, u->code))
            why = "the source or its own country";
        else if (statement && in_reported_clause(s, v->word, u->head))
            why = "inside the reported clause, not an addressee";
        else if (statement && statement_circumstance(s, v->word, u->head))
            why = "a circumstance of the statement, not an addressee";
        else if (spoken_language(s, v->word, u->head))
            why = "a language spoken, not one spoken to";
        else if (placed && reached_by_case(s, v->word, u->head, "in"))
            why = "where it happened, not one acted upon";
        else if (!(fit && k == tu) && (topic = topic_of_object(c, v->word, k, code)) != TOPIC_NO) {
            why = "the topic of the object";
            last = topic == TOPIC_DISCUSSED;
        } else if (violent && reached_by_case(s, v->word, u->head, "for")) {
            why = "the one fought for, not against";
        } else if (hosting && reached_by_case(s, v->word, u->head, "from")) {
            why = "where what was received came from, not a guest";
            last = true;
        }
        if (!why)
            return k;
        coder_tracef(c, "verb \"%.*s\": target %s not taken: %s", (int)s->w[v->word].form.len,
                     s->w[v->word].form.ptr, u->code, why);
        if (last)
            break;
    }
    return -1;
}

/* Is verb v the head of a clause reported by the verb above it ("said he
 * would visit")?  The parser labels some such clauses cc (roles.c). */
static bool reported_clause(const coder_sent *s, size_t v)
{
    uint8_t r = s->w[v].rel;
    return s->w[v].head != 0 && (r == CR_CCOMP || r == CR_PARATAXIS || r == CR_CC);
}

/* With a parse: the word that puts verb v in an unreal mood, or NULL: a
 * modal auxiliary of it or of the verb whose complement it is ("Eritrean
 * forces must withdraw", "Congress should remove", "could attack", "would
 * have to begin to withdraw", "can export all the shellfish it wants"),
 * or "if"/"unless" opening its clause ("if the United States imposes a
 * duty") or "whether" ("whether the administration intended").  Such a
 * verb states an obligation, a possibility, an ability, a condition or a
 * question, not an act.  "Will" and "shall" are kept: announced plans
 * ("will host", "will visit") are coded, as in GDELT. */
static const char *unreal_mood(const coder_sent *s, size_t v)
{
    /* "would" (index 5) reported after a verb of saying is "will" */
    static const char *const modals[] = {"must",  "should", "could", "might",
                                         "may",   "would",  "ought", "can"};
    /* "whether" opens a question or an alternative, never an act: "did
     * not ask whether the administration intended to offer Moscow" */
    static const char *const conditions[] = {"if", "unless", "whether"};
    if (!s->parsed)
        return NULL;
    for (size_t depth = 0; depth < 4; depth++) {
        for (size_t k = 0; k < s->n; k++) {
            if (s->w[k].head != v + 1)
                continue;
            if (s->w[k].rel == CR_AUX || s->w[k].pos == CW_AUX)
                for (size_t q = 0; q < DYAD_ARRAY_LEN(modals); q++)
                    if (coder_word_eq(s, k, modals[q]) && !(q == 5 && reported_clause(s, v)))
                        return modals[q];
            if (s->w[k].rel == CR_MARK)
                for (size_t q = 0; q < DYAD_ARRAY_LEN(conditions); q++)
                    if (coder_word_eq(s, k, conditions[q]))
                        return conditions[q];
        }
        /* "must begin to withdraw": the mood of the verb it complements */
        if (s->w[v].rel != CR_XCOMP || s->w[v].head == 0)
            break;
        v = s->w[v].head - 1u;
    }
    return NULL;
}

/* With a parse: a verb that complements an adjective ("ready to
 * cooperate", "likely to attack") states an intention or a prospect, not
 * an act; the statement that governs it is coded by its own patterns. */
static bool intent_complement(const coder_sent *s, size_t v)
{
    if (!s->parsed || s->w[v].rel != CR_XCOMP || s->w[v].head == 0)
        return false;
    return s->w[s->w[v].head - 1u].pos == CW_ADJ;
}

/* With a parse: the word of list (n words) that verb v complements
 * (xcomp), or NULL. */
static const char *governing_verb_in(const coder_sent *s, size_t v, const char *const *list,
                                     size_t n)
{
    if (!s->parsed || s->w[v].rel != CR_XCOMP || s->w[v].head == 0)
        return NULL;
    size_t h = s->w[v].head - 1u;
    for (size_t q = 0; q < n; q++)
        if (coder_word_eq(s, h, list[q]))
            return list[q];
    return NULL;
}

/* With a parse: the verb of wanting, planning or needing whose complement
 * verb v is ("wanted to remove Canada", "seeks to expand", "intend to
 * discuss", "would like to give", "needed to strengthen"), or of asking for it
 * ("invited the President to pay a visit"), or NULL: the act is wished
 * for, asked for or required, not done ("is
 * trying to capture" is kept: in war reports an attempt is fighting).  A
 * governing verb with a code of its own ("refused to meet", "threatened
 * to attack", "promised to send") is coded, and its complement skipped,
 * by under_coded_verb. */
static const char *aim_of(const coder_sent *s, size_t v)
{
    static const char *const aims[] = {
        "want", "wants", "wanted", "wanting", "wish", "wishes", "wished", "wishing",
        "hope", "hopes", "hoped", "hoping", "plan", "plans", "planned", "planning",
        "intend", "intends", "intended", "intending", "seek", "seeks", "sought", "seeking",
        "aim", "aims", "aimed", "aiming", "plot", "plots", "plotted", "plotting", "like",
        "need", "needs", "needed", "needing",
        /* asked of someone: "invited the President of Russia to pay an
         * official visit", "asked Russia to help", "urged the EU to
         * make a contribution" (when the request itself is coded,
         * under_coded_verb skips its complement anyway) */
        "invite", "invites", "invited", "inviting", "ask", "asks", "asked", "asking", "urge",
        "urges", "urged", "urging", "request", "requests", "requested", "requesting",
        "encourage", "encourages", "encouraged", "encouraging"};
    return governing_verb_in(s, v, aims, DYAD_ARRAY_LEN(aims));
}

/* With a parse: the verb of refusing, failing or resisting whose
 * complement verb v is ("were resisting allowing U.S. companies into the
 * computer business", "failed to deliver", "declined to meet"), or NULL:
 * the act is not done.  A governing verb with a code of its own is coded
 * itself ("refused to meet"). */
static const char *averted_by(const coder_sent *s, size_t v)
{
    static const char *const averts[] = {
        "refuse", "refuses", "refused", "refusing", "decline", "declines", "declined",
        "declining", "fail", "fails", "failed", "failing", "resist", "resists", "resisted",
        "resisting", "avoid", "avoids", "avoided", "avoiding"};
    return governing_verb_in(s, v, averts, DYAD_ARRAY_LEN(averts));
}

/* With tags: is verb v the "going" of a future ("is going to have to
 * decide", "are going to be working with"), followed by "to" and a
 * verb?  No going anywhere: the verb after it is the act. */
static bool going_to_future(const coder_sent *s, size_t v)
{
    return s->w[v].pos == CW_VERB && coder_word_eq(s, v, "going") && v + 2 < s->n &&
           coder_word_eq(s, v + 1, "to") &&
           (s->w[v + 2].pos == CW_VERB || s->w[v + 2].pos == CW_AUX);
}

/* With a parse: does verb v state the purpose of a noun?  An
 * infinitive modifying a noun that is no actor ("Russia's special military
 * operation to protect Donbass", "a comprehensive plan to end the
 * conflict", "efforts to protect small business", "a deal to end the
 * war", "the ability to threaten Americans") names an aim, not an act:
 * in a sample of 40 such events of the White House and Kremlin corpora 26
 * were wrong.  Nouns of a commitment made or an act tried ("the decision
 * to strike Iran", "India's commitment to stop purchasing oil", "Iran's
 * attempt to assassinate") report one, as "will" does, and keep it.
 * The parser often hangs such an infinitive on the clause's verb instead
 * ("explained the goals of the special military operation to protect
 * Donbass"), so right after a noun of a planned undertaking ("operation",
 * "plan", "effort", ...) it is that noun's purpose however attached; not
 * after other nouns ("spent billions of dollars to defend Ukraine").
 * Returns the noun's word, or -1. */
static long purpose_of(const coder_sent *s, size_t v)
{
    static const char *const acts[] = {
        "decision", "decisions", "commitment", "commitments", "pledge", "pledges",
        "promise", "promises", "attempt", "attempts", "bid", "bids", "vow", "vows",
        "threat", "threats", "refusal"};
    static const char *const undertakings[] = {
        "operation", "operations", "plan", "plans", "effort", "efforts", "initiative",
        "initiatives", "mission", "missions", "campaign", "campaigns", "program", "programs",
        "programme", "programmes", "strategy", "strategies", "proposal", "proposals",
        "framework", "mechanism", "mechanisms"};
    if (!s->parsed || s->w[v].head == 0 || !coder_has_mark(s, v, "to"))
        return -1;
    if (s->w[v].rel != CR_ACL) {
        if (v < 2 || !coder_word_eq(s, v - 1, "to") || s->w[v - 2].unit >= 0 ||
            s->w[v - 2].pos != CW_NOUN ||
            !coder_word_in(s, v - 2, undertakings, DYAD_ARRAY_LEN(undertakings)))
            return -1;
        return (long)v - 2;
    }
    size_t h = s->w[v].head - 1u;
    if (s->w[h].unit >= 0 || !(s->w[h].pos == CW_NOUN || s->w[h].pos == CW_PROPN))
        return -1;
    return coder_word_in(s, h, acts, DYAD_ARRAY_LEN(acts)) ? -1 : (long)h;
}

/* With a parse: is verb v a gerund that a preposition makes the topic of
 * a noun ("a separate agreement on withdrawing Soviet and American
 * missiles", "talks about ending the war", "a plan for rebuilding Gaza")?
 * A subject discussed or planned, not an act.  Returns the noun's word,
 * or -1. */
static long topic_of_noun(const coder_sent *s, size_t v)
{
    static const char *const topics[] = {"on", "about", "for", "of", "toward", "towards"};
    if (!s->parsed || s->w[v].rel != CR_ACL || s->w[v].head == 0)
        return -1;
    dyad_str f = s->w[v].form;
    if (f.len < 5 || memcmp(f.ptr + f.len - 3, "ing", 3) != 0)
        return -1;
    size_t h = s->w[v].head - 1u;
    if (s->w[h].unit >= 0 || !(s->w[h].pos == CW_NOUN || s->w[h].pos == CW_PROPN))
        return -1;
    for (size_t k = 0; k < v; k++)
        if (s->w[k].head == v + 1u && (s->w[k].rel == CR_MARK || s->w[k].rel == CR_CASE) &&
            coder_word_in(s, k, topics, DYAD_ARRAY_LEN(topics)))
            return (long)h;
    return -1;
}

/* Word k: a bare noun phrase or adjective, no "to" or "be" before it
 * ("a threat", not "to be the most pro-worker President")? */
static bool bare_predicate(const coder_sent *s, size_t k)
{
    uint8_t pos = s->w[k].pos;
    if (!(pos == CW_NOUN || pos == CW_PROPN || pos == CW_ADJ || pos == CW_PRON || pos == CW_NUM))
        return false;
    for (size_t j = 0; j < k; j++)
        if (s->w[j].head == k + 1 &&
            (s->w[j].pos == CW_AUX || s->w[j].pos == CW_PART || s->w[j].pos == CW_SCONJ ||
             s->w[j].rel == CR_MARK || s->w[j].rel == CR_CASE))
            return false;
    return true;
}

/* With a parse: does verb v name or describe its object with a bare
 * secondary predicate (xcomp after the object: "called the attacks an
 * escalation", "called teachers the most important people"; or of a
 * passive subject: "it's called the Gulf of America")?  That is a
 * description, not the act the verb's own code stands for (041, a
 * telephone call, for "call"). */
static bool describes_object(const coder_sent *s, size_t v)
{
    if (!s->parsed)
        return false;
    bool object = coder_is_passive(s, v);
    for (size_t k = 0; k < s->n; k++) {
        const coder_word *w = &s->w[k];
        if (w->head != v + 1)
            continue;
        if (w->rel == CR_OBJ)
            object = true;
        else if (w->rel == CR_XCOMP && object && bare_predicate(s, k))
            return true;
    }
    return false;
}

/* With a parse: is verb v "meet" with a direct object that names no
 * actor?  That is meeting a requirement, not a person: "would meet its
 * financial obligations to the U.S.", "to meet demand from investors",
 * "will work to promptly meet U.S. requirements" (Phoenix and dyad code
 * "meet" 040, consult). */
static bool meets_a_requirement(const coder_sent *s, size_t v)
{
    static const char *const meet[] = {"meet", "meets", "met", "meeting"};
    if (!s->parsed || !coder_word_in(s, v, meet, DYAD_ARRAY_LEN(meet)))
        return false;
    long obj = coder_child(s, v, CR_OBJ);
    return obj >= 0 && s->w[obj].unit < 0 && s->w[obj].pos != CW_PRON &&
           s->w[obj].pos != CW_PROPN;
}

static void code_verb(emitter *em, const coder_verb *v)
{
    dyad_coder *c = em->c;
    const coder_sent *s = &c->sent;
    coder_binding b;
    uint32_t pid = coder_match_patterns(c, v, &b);
    if (pid && b.last_word > em->consumed)
        em->consumed = b.last_word; /* words a pattern used are not coded again */
    dyad_str code, code2 = {"", 0};
    unsigned pflags = 0;
    const lex_verb *lv = lex_at(c->lex, LEX_V_VERBS, v->verb);
    const lex_block *blk = lex_at(c->lex, LEX_V_BLOCKS, v->block);
    if (pid) {
        const lex_pattern *p = lex_at(c->lex, LEX_V_PATTERNS, pid);
        code = lex_atom_str(c->lex, p->code);
        code2 = lex_atom_str(c->lex, p->code2);
        pflags = p->flags;
    }
    bool use_default = !pid;
    if (pid && code.len == 3 && memcmp(code.ptr, "+++", 3) == 0) {
        /* "[+++]": the pattern picks source and target, the verb gives the code */
        pflags = 0;
        code2 = (dyad_str){"", 0};
        use_default = true;
    }
    if (use_default) {
        code = lex_atom_str(c->lex, lv->code ? lv->code : blk->code);
        const char *colon = memchr(code.ptr, ':', code.len);
        if (colon) { /* a block code "[032:033]" pairs like a pattern */
            code2 = (dyad_str){colon + 1, code.len - (size_t)(colon + 1 - code.ptr)};
            code.len = (size_t)(colon - code.ptr);
            pflags = code.len ? LEX_PF_PAIRED : LEX_PF_ONESIDE;
        }
    }
    const char *vf = s->w[v->word].form.ptr;
    int vl = (int)s->w[v->word].form.len;
    if (c->tabari && code.len == 3 && memcmp(code.ptr, "###", 3) == 0) {
        coder_tracef(c, "verb \"%.*s\": code ### discards the sentence", vl, vf);
        em->discard = true;
        return;
    }
    if (coder_null_code(code) && !(pflags & LEX_PF_ONESIDE)) {
        coder_tracef(c, "verb \"%.*s\": null code [---], no event", vl, vf);
        return;
    }
    if (c->opts.context_actors && !pid && meets_a_requirement(s, v->word)) {
        coder_tracef(c, "verb \"%.*s\": meets a requirement (its object names no actor), no "
                        "event", vl, vf);
        return;
    }
    if (c->opts.context_actors && !pid && describes_object(s, v->word)) {
        /* a pattern that matched is specific enough to keep ("labelled
         * them terrorists" where a dictionary codes it) */
        coder_tracef(c, "verb \"%.*s\": names or describes its object (xcomp), no event", vl, vf);
        return;
    }
    char neg_code[8], neg_code2[8];
    if (coder_negated(c, v) && !b.has_negation) {
        /* UD-PETRARCH: with a coding ontology the negation is recoded
         * (negation.c); without one, or with no code for it, no event */
        if (!coder_negate_code(c, code, neg_code)) {
            coder_tracef(c, "verb \"%.*s\": negated, no event", vl, vf);
            return;
        }
        coder_tracef(c, "verb \"%.*s\": negated, [%.*s] recoded as [%s]", vl, vf, (int)code.len,
                     code.ptr, neg_code);
        code = (dyad_str){neg_code, strlen(neg_code)};
        if (code2.len)
            code2 = coder_negate_code(c, code2, neg_code2)
                        ? (dyad_str){neg_code2, strlen(neg_code2)}
                        : (dyad_str){"", 0};
    }
    if (b.compound_group >= 0) {
        const coder_group *g = &c->groups[b.compound_group];
        if (list_not_paired(c, v, g->n))
            return;
        for (int i = 0; i < g->n; i++)
            for (int j = 0; j < g->n; j++)
                if (i != j) {
                    emit(em, g->first + i, g->first + j, code, v, pid);
                    if ((pflags & LEX_PF_PAIRED) && !coder_null_code(code2))
                        emit(em, g->first + j, g->first + i, code2, v, pid);
                }
        return;
    }
    const char *why_s = "pattern '$'", *why_t = "pattern '+'";
    int su = b.source_unit, tu = b.target_unit;
    bool agentless = false; /* a passive that names no one acting */
    if (su < 0 && tu < 0 && s->parsed && c->petr2 && coder_is_passive(s, v->word) &&
        coder_by_phrase(c, v->word) < 0 && (tu = coder_subject_of(c, v->word, CR_NSUBJ_PASS)) >= 0) {
        /* PETRARCH-2: the subject of a passive without a by-phrase is the
         * target; the first actor after the verb acts (UD suite DEMO-05:
         * "An Eriadorian was shot dead in Osgiliath").  In running text
         * that actor is nearly always a place, a recipient or a topic
         * ("was informed about the operation in Donbass", "were exported
         * to Russia"), so with document context only an agent introduced
         * by "by" acts. */
        why_t = "passive subject";
        su = coder_parse_target(c, v, tu, &why_s);
        if (su >= 0 && c->opts.context_actors && !coder_by_marked(c, su)) {
            coder_tracef(c, "verb \"%.*s\": %s after the passive is not its agent (no \"by\")", vl,
                         vf, c->units[su].code);
            su = -1;
            agentless = true;
        }
    }
    if (su < 0 && s->parsed && !agentless && c->opts.context_actors &&
        coder_is_passive(s, v->word) && coder_by_phrase(c, v->word) < 0) {
        /* the parse gave the passive no subject ("... and an illegal from
         * Grenada was arrested in Houston", the subject hung on another
         * verb): the actors before it are its patients, not its agent */
        coder_tracef(c, "verb \"%.*s\": passive with no \"by\": no one acting", vl, vf);
        agentless = true;
    }
    if (su < 0 && s->parsed && !agentless)
        su = coder_parse_source(c, v->word, tu >= 0 ? c->units[tu].group : -2, &why_s);
    if (su < 0 && s->parsed && !agentless && (su = coder_near_source(c, v, tu)) >= 0)
        why_s = "nearest actor before the verb, no verb between (parse gave none)";
    if (su < 0 && tu < 0 && !s->parsed && (su = coder_linear_by_phrase(c, v)) >= 0) {
        why_s = "passive by-phrase";
        tu = coder_linear_source(c, v);
        why_t = "subject of the passive";
    }
    bool single_target = false;
    if (c->tabari && !s->parsed && (su < 0 || tu < 0))
        single_target = coder_tabari_roles(c, v, &su, &tu, &why_s, &why_t);
    if (su < 0 && !s->parsed && !c->tabari) { /* TABARI: coder_tabari_roles */
        su = coder_linear_source(c, v);
        why_s = c->tabari ? "first actor of the clause before the verb"
                          : "nearest actor before the verb";
    }
    if (tu < 0 && s->parsed)
        tu = coder_parse_target(c, v, su, &why_t);
    if (tu < 0 && !s->parsed && !c->tabari) { /* TABARI: coder_tabari_roles */
        tu = coder_linear_target(c, v, su);
        why_t = "first actor after the verb";
    }
    if (su < 0 && default_unit(c, CODER_DEFAULT_SOURCE, c->opts.default_source)) {
        su = CODER_DEFAULT_SOURCE;
        why_s = "default source";
    }
    if (tu < 0 && default_unit(c, CODER_DEFAULT_TARGET, c->opts.default_target)) {
        tu = CODER_DEFAULT_TARGET;
        why_t = "default target";
    }
    if (c->opts.context_actors && s->parsed && su >= 0 && su < (int)c->unit_n && tu >= 0 &&
        tu < (int)c->unit_n && b.target_unit < 0)
        tu = context_target(c, v, su, tu, code,
                            why_t == coder_why_recipient || why_t == coder_why_participle_noun);
    bool conjoined_subjects = c->opts.context_actors && s->parsed && su >= 0 &&
                              su < (int)c->unit_n && c->units[su].group >= 0 &&
                              c->groups[c->units[su].group].n > 1;
    bool joint = conjoined_subjects && code.len >= 2 && memcmp(code.ptr, "06", 2) == 0 &&
                 joint_verb(s, v->word);
    if (conjoined_subjects && tu >= 0 && tu < (int)c->unit_n && b.target_unit < 0 &&
        ((mutual_consultation(code) && discussion_verb(s, v->word)) || joint) &&
        !reached_by_case(s, v->word, c->units[tu].head, "with")) {
        coder_tracef(c, "verb \"%.*s\": target %s not taken: %s", vl, vf, c->units[tu].code,
                     joint ? "the conjoined subjects act with each other"
                           : "a topic the conjoined subjects discuss");
        tu = -1;
    }
    if (conjoined_subjects && tu < 0 && (mutual_consultation(code) || joint) &&
        !(pflags & LEX_PF_ONESIDE)) {
        /* "A and B discussed ...": a consultation among the conjoined
         * subjects */
        const coder_group *g = &c->groups[c->units[su].group];
        if (list_not_paired(c, v, g->n))
            return;
        coder_tracef(c, "verb \"%.*s\": %s among the %u conjoined subjects", vl, vf,
                     joint ? "cooperation" : "consultation", (unsigned)g->n);
        for (int i = 0; i < g->n; i++)
            for (int j = 0; j < g->n; j++)
                if (i != j)
                    emit(em, g->first + i, g->first + j, code, v, pid);
        return;
    }
    if (su >= 0)
        coder_tracef(c, "verb \"%.*s\": source %s (%s)", vl, vf, c->units[su].code, why_s);
    if (tu >= 0)
        coder_tracef(c, "verb \"%.*s\": target %s (%s)", vl, vf, c->units[tu].code, why_t);
    if ((su < 0 || tu < 0) && (!c->opts.allow_monads || (su < 0 && tu < 0))) {
        coder_tracef(c, "verb \"%.*s\" [%.*s]: no %s, no event", vl, vf, (int)code.len, code.ptr,
                     su < 0 ? (tu < 0 ? "source or target" : "source") : "target");
        return;
    }
    int extra[CODER_MAX_GROUP];
    size_t extra_n = s->parsed && su >= 0 ? conjoined_sources(c, su, extra, CODER_MAX_GROUP) : 0;
    for (size_t i = 0; i <= extra_n; i++) {
        int src = i == 0 ? su : extra[i - 1];
        if (i > 0 && tu >= 0 && c->units[src].group == c->units[tu].group)
            continue;
        int16_t tgroup = tu >= 0 ? c->units[tu].group : -1;
        if (single_target) /* TABARI: a member of the source's compound, alone */
            c->units[tu].group = -1;
        if (!(pflags & LEX_PF_ONESIDE))
            emit_groups(em, src, tu, code, v, pid);
        if ((pflags & (LEX_PF_PAIRED | LEX_PF_ONESIDE)) && !coder_null_code(code2) && src >= 0 && tu >= 0)
            emit_groups(em, tu, src, code2, v, pid);
        if (tu >= 0)
            c->units[tu].group = tgroup;
    }
}

static void remember_last_actor(dyad_coder *c)
{
    if (c->sent_first_actor[0])
        memcpy(c->prev_first_actor, c->sent_first_actor, CODER_MAX_CODE);
    if (c->sent_last_actor[0])
        memcpy(c->last_actor, c->sent_last_actor, CODER_MAX_CODE);
}

/* Trace: the sentence's words with tags and parse (dyad explain). */
static void trace_words(dyad_coder *c)
{
    if (!c->opts.trace)
        return;
    const coder_sent *s = &c->sent;
    coder_tracef(c, "sentence %u: %zu words, %s", s->index + 1, s->n,
                 s->parsed ? "parsed" : s->tagged ? "tagged, no parse" : "no tags or parse (linear coding)");
    for (size_t i = 0; i < s->n; i++) {
        dyad_str n = coder_norm(s, i);
        coder_tracef(c, "  %3zu %-20.*s %-16.*s %-5s %3u %s", i + 1, (int)s->w[i].form.len,
                     s->w[i].form.ptr, (int)n.len, n.ptr, coder_pos_name(s->w[i].pos),
                     s->w[i].head, coder_rel_name(s->w[i].rel));
    }
}

/* TABARI clauses: a conjunction or semicolon between two verbs that does
 * not join two actors starts a new clause.  Returns the first word of the
 * new clause, or 0 when there is no break in [from, to). */
static size_t clause_break(const dyad_coder *c, size_t from, size_t to)
{
    const coder_sent *s = &c->sent;
    for (size_t k = to; k-- > from;) {
        if (!(coder_word_eq(s, k, "and") || coder_word_eq(s, k, "but") || coder_word_eq(s, k, ";") ||
              coder_word_eq(s, k, "while") || (c->tabari && coder_word_eq(s, k, "or"))))
            continue;
        bool joins_actors = k > 0 && k + 1 < s->n &&
                            (s->w[k - 1].unit >= 0 || (k >= 2 && s->w[k - 2].unit >= 0)) &&
                            s->w[k + 1].unit >= 0;
        if (c->tabari && !coder_word_eq(s, k, "and"))
            joins_actors = false; /* TABARI compounds are made by "and" (and "nor") only */
        if (!joins_actors && !(c->tabari && (coder_conj_joins_class(c, k) || s->w[k].loose_gap)))
            return k + 1;
    }
    return 0;
}

/* With a parse: is word v inside the non-finite complement of a verb that
 * was already coded ("abandoned efforts to stop ...")?  A finite clause
 * under it (ccomp, advcl, parataxis, a conjoined verb) is coded on its own. */
static bool under_coded_verb(const dyad_coder *c, size_t v)
{
    const coder_sent *s = &c->sent;
    if (!s->parsed)
        return false;
    size_t w = v, steps = 0;
    while (s->w[w].head && steps++ <= s->n) {
        uint8_t r = s->w[w].rel;
        if (r == CR_CCOMP || r == CR_ADVCL || r == CR_PARATAXIS || r == CR_CONJ)
            return false;
        w = s->w[w].head - 1u;
        if (s->w[w].coded)
            return true;
    }
    return false;
}

/* TABARI: an actor coded "###" discards the sentence. */
static bool tabari_discard(dyad_coder *c)
{
    for (size_t k = 0; k < c->unit_n; k++)
        if (strcmp(c->units[k].code, "###") == 0) {
            coder_tracef(c, "actor code ### discards the sentence");
            return true;
        }
    return false;
}

/* Is word i a word as TABARI counts them (MINIMUM WORDS, COMMA)?
 * Blank-separated words: punctuation and a split-off "'s" do not count. */
static bool counted_word(const coder_sent *s, size_t i)
{
    dyad_str f = s->w[i].form;
    if (f.len == 0 || f.ptr[0] == '\'' || (f.len >= 3 && (unsigned char)f.ptr[0] == 0xE2 &&
                                           (unsigned char)f.ptr[1] == 0x80 &&
                                           (unsigned char)f.ptr[2] == 0x99))
        return false; /* "'s", "’s" */
    for (size_t k = 0; k < f.len; k++)
        if ((f.ptr[k] >= 'a' && f.ptr[k] <= 'z') || (f.ptr[k] >= 'A' && f.ptr[k] <= 'Z') ||
            (f.ptr[k] >= '0' && f.ptr[k] <= '9') || (unsigned char)f.ptr[k] >= 0x80)
            return true;
    return false;
}

static size_t counted_words(const coder_sent *s, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += counted_word(s, i);
    return n;
}

static size_t sentence_words(const coder_sent *s)
{
    return counted_words(s, 0, s->n);
}

static bool in_range(size_t n, int lo, int hi)
{
    return lo > 0 && hi >= lo && n >= (size_t)lo && n <= (size_t)hi;
}

/* TABARI COMMA: drops comma-delimited clauses whose length is in the
 * configured ranges ("..., almost five years after X, a senior official
 * said."), so that their actors and verbs are not coded.  The words are
 * moved down in place; without a parse nothing else refers to them yet. */
static void remove_comma_clauses(dyad_coder *c)
{
    coder_sent *s = &c->sent;
    const int *o = c->opts.comma_clauses;
    size_t commas[CODER_MAX_COMMAS], cn = 0;
    for (size_t i = 0; i < s->n && cn < CODER_MAX_COMMAS; i++)
        if (coder_word_eq(s, i, ",") && !s->w[i].in_compound)
            commas[cn++] = i;
    if (cn == 0)
        return;
    size_t end = s->n;
    while (end > 0 && !counted_word(s, end - 1) && !coder_word_eq(s, end - 1, ","))
        end--; /* the final period */
    bool drop[CODER_MAX_WORDS] = {false}, used[CODER_MAX_COMMAS] = {false};
    bool any = false;
    /* at the start: words before the first comma */
    if (in_range(counted_words(s, 0, commas[0]), o[4], o[5])) {
        for (size_t i = 0; i <= commas[0]; i++)
            drop[i] = true;
        any = used[0] = true;
    }
    /* inside: between two commas, which go with it.  A
     * clause followed by ", and" is a member of a series ("Mordor, the
     * awful Fornost, and good Gondor"), not an aside. */
    for (size_t k = 0; k + 1 < cn; k++) {
        size_t next = commas[k + 1] + 1;
        bool series = next < s->n && (coder_word_eq(s, next, "and") || coder_word_eq(s, next, "or"));
        if (used[k] || series ||
            !in_range(counted_words(s, commas[k] + 1, commas[k + 1]), o[0], o[1]))
            continue;
        for (size_t i = commas[k]; i <= commas[k + 1]; i++)
            drop[i] = true;
        any = used[k] = used[k + 1] = true;
    }
    /* at the end: after the last comma, unless an aside took it */
    if (!used[cn - 1] && in_range(counted_words(s, commas[cn - 1] + 1, end), o[2], o[3])) {
        for (size_t i = commas[cn - 1]; i < end; i++)
            drop[i] = true;
        any = true;
    }
    if (!any)
        return;
    size_t out = 0;
    for (size_t i = 0; i < s->n; i++) {
        s->w[i].cut_before = i > 0 && drop[i - 1] && !drop[i];
        if (drop[i]) {
            coder_tracef(c, "comma clause: word %zu \"%.*s\" removed", i + 1,
                         (int)s->w[i].form.len, s->w[i].form.ptr);
            continue;
        }
        s->w[out++] = s->w[i];
    }
    s->n = out;
    s->reshaped = true;
}

/* Why verb word v is not coded on its own, written into why (false when
 * it is coded): a pattern of an earlier verb used it; with document
 * context an unreal mood, a wish or need, an intent; or it is inside the
 * complement of a coded verb. */
static bool skip_reason(const emitter *em, size_t v, char *why, size_t cap)
{
    const dyad_coder *c = em->c;
    const char *w;
    long noun;
    if (v <= em->consumed && em->consumed > 0)
        snprintf(why, cap, "part of the pattern of an earlier verb");
    else if (c->opts.context_actors && (w = unreal_mood(&c->sent, v)))
        snprintf(why, cap, "\"%s\" makes it an obligation, possibility or condition, not an act",
                 w);
    else if (c->opts.context_actors && (w = aim_of(&c->sent, v)))
        snprintf(why, cap, "complement of \"%s\" (wished for or required, not an act)", w);
    else if (c->opts.context_actors && going_to_future(&c->sent, v))
        snprintf(why, cap, "\"going to\" before a verb marks a future, no going");
    else if (c->opts.context_actors && (w = averted_by(&c->sent, v)))
        snprintf(why, cap, "complement of \"%s\" (refused or failed, not done)", w);
    else if (c->opts.context_actors && (noun = purpose_of(&c->sent, v)) >= 0) {
        const coder_word *n = &c->sent.w[noun];
        snprintf(why, cap, "states the purpose of \"%.*s\" (an aim, not an act)", (int)n->form.len,
                 n->form.ptr);
    } else if (c->opts.context_actors && (noun = topic_of_noun(&c->sent, v)) >= 0) {
        const coder_word *n = &c->sent.w[noun];
        snprintf(why, cap, "the topic of \"%.*s\" (a subject, not an act)", (int)n->form.len,
                 n->form.ptr);
    } else if (c->opts.context_actors && intent_complement(&c->sent, v))
        snprintf(why, cap, "complement of an adjective (intent, not an act)");
    else if (under_coded_verb(c, v))
        snprintf(why, cap, "inside the complement of a coded verb");
    else
        return false;
    return true;
}

/* Codes the sentence in c->sent (words filled). */
static void code_sentence(emitter *em)
{
    dyad_coder *c = em->c;
    bool story;
    em->seen_n = 0;
    em->discard = false;
    em->consumed = 0;
    trace_words(c);
    if (!c->sent.no_discard && coder_find_discard(c, &story)) {
        if (story)
            c->discard_story = true;
        return;
    }
    size_t words = sentence_words(&c->sent);
    if (c->tabari && !c->sent.parsed && !c->sent.tagged) {
        coder_mark_compound_commas(c, em->doc->date);
        remove_comma_clauses(c);
    }
    coder_find_actors(c, em->doc->date);
    coder_find_verbs(c);
    coder_stamp_atoms(c);
    /* TABARI codes a sentence once, with its first verb that yields an
     * event; PETRARCH codes every verb. */
    if (c->tabari && tabari_discard(c))
        return;
    if (c->opts.min_words > 0 && words < (size_t)c->opts.min_words) {
        coder_tracef(c, "sentence shorter than %d words: not coded", c->opts.min_words);
        return;
    }
    bool linear_tabari = c->tabari && !c->sent.parsed;
    bool first_only = linear_tabari && c->opts.tabari_code != 2;
    bool by_sentence = linear_tabari && c->opts.tabari_code == 1;
    /* TABARI's clauses start at a conjunction whether or not a verb
     * precedes it ("Ithilen's sheep and pigs of Gondor warned": GON) */
    c->clause_begin = linear_tabari && c->verb_n ? clause_break(c, 0, c->verbs[0].begin) : 0;
    bool clause_coded = false;
    for (size_t k = 0; k < c->verb_n && !em->stop && !em->discard; k++) {
        if (linear_tabari && k > 0) { /* clauses bound the actors in every CODE mode */
            size_t cb = clause_break(c, c->verbs[k - 1].end, c->verbs[k].begin);
            if (cb) {
                c->clause_begin = cb;
                clause_coded = clause_coded && by_sentence;
            }
        }
        if (first_only && clause_coded)
            continue;
        char why[160];
        if (skip_reason(em, c->verbs[k].word, why, sizeof why)) {
            const coder_word *vw = &c->sent.w[c->verbs[k].word];
            coder_tracef(c, "verb \"%.*s\": %s, skipped", (int)vw->form.len, vw->form.ptr, why);
            continue;
        }
        size_t before = em->seen_n, held_before = c->held_n;
        code_verb(em, &c->verbs[k]);
        if (em->seen_n > before) {
            /* TABARI: a subordinate ('?') event leaves the clause open */
            clause_coded = !c->tabari || c->held_n == held_before ||
                           coder_held_plain_since(c, held_before);
            c->sent.w[c->verbs[k].word].coded = 1;
        }
    }
    if (c->held_n && coder_flush_held(c, em->fn, em->user))
        em->stop = true;

    remember_last_actor(c);
}

/* A sentence the parse fast path skips still changes what later sentences
 * see, exactly as code_sentence would have: its actors become "the
 * previous sentence's" for pronouns (mentions, and so these actors, do
 * not depend on tags). */
static void skip_sentence(dyad_coder *c)
{
    if (c->opts.min_words > 0 && sentence_words(&c->sent) < (size_t)c->opts.min_words)
        return;
    if (c->tabari && tabari_discard(c))
        return;
    remember_last_actor(c);
}

/* Are there enough actor mentions for an event: two, or one with monads
 * or default actors?  Mentions, not units, are counted: how mentions merge
 * into units depends on tags, their number does not. */
static bool enough_actors(const dyad_coder *c)
{
    bool single_ok = c->opts.allow_monads || c->opts.default_source || c->opts.default_target;
    return c->mention_n > 0 && (c->mention_n >= 2 || c->unit_n >= 2 || single_ok);
}

/* Does verb v have a code of its own, or a coded pattern whose required
 * words all occur in the sentence? */
static bool verb_may_code(const dyad_coder *c, const coder_verb *v)
{
    const lex_verb *lv = lex_at(c->lex, LEX_V_VERBS, v->verb);
    const lex_block *b = lex_at(c->lex, LEX_V_BLOCKS, v->block);
    return !coder_null_code(lex_atom_str(c->lex, lv->code ? lv->code : b->code)) ||
           coder_pattern_may_code(c, v);
}

/* Could the sentence yield an event, whatever its parse?  It needs enough
 * actors and a verb (a dictionary verb outside the actor phrases) with a
 * code or with a coded pattern whose required words all occur in the
 * sentence. */
static bool may_yield_event(const dyad_coder *c)
{
    if (!enough_actors(c))
        return false;
    if (c->verb_n >= CODER_MAX_VERBS)
        return true; /* candidates cut off: the full path may find others */
    for (size_t k = 0; k < c->verb_n; k++)
        if (verb_may_code(c, &c->verbs[k]))
            return true;
    return false;
}

/* The parse fast path's second look, once the sentence is tagged (tok:
 * its n tokens with tags).  The full path keeps a candidate verb only when
 * a word of its span has a verb tag, or, in a sentence where no word has
 * one, when it is the parse's root (verbs.c, verb_position).  The
 * candidates listed before tagging include every verb the full path can
 * keep (it walks from the same words to the same entries and asks more
 * of them), and may_yield_event looks at each verb's entry alone.  So
 * when some word has a verb tag and no candidate that could code has one
 * in its span, the full path keeps no verb that could code, and codes
 * nothing: the parse is not needed.  Words split or merged by the coder
 * do not line up with the tokens: no decision then. */
static bool tags_leave_no_coded_verb(const dyad_coder *c, const dyad_token *tok, size_t n)
{
    const coder_sent *s = &c->sent;
    if (s->reshaped || s->n != n || c->verb_n >= CODER_MAX_VERBS)
        return false;
    bool any = false;
    for (size_t i = 0; i < n && !any; i++)
        any = coder_token_verb_tagged(c, &tok[i]);
    if (!any)
        return false;
    for (size_t k = 0; k < c->verb_n; k++) {
        const coder_verb *v = &c->verbs[k];
        bool tagged = false;
        for (size_t i = v->begin; i < v->end && i < n && !tagged; i++)
            tagged = coder_token_verb_tagged(c, &tok[i]);
        if (tagged && verb_may_code(c, v))
            return false;
    }
    return true;
}

/* Fills c->sent from sentence k of an analysis, parsing it with the model
 * when the sentence could yield an event (or always, without fast paths).
 * *settled: the fast path has done all there was to do for the sentence
 * (discarded, or it cannot yield an event and its context is recorded);
 * code_sentence must not look at it again.  A sentence that passes is
 * tagged first and parsed only when its tags leave a verb that could code
 * (tags_leave_no_coded_verb): on White House text with the Phoenix
 * dictionaries that spares 8% of the parses. */
static dyad_status own_sentence(dyad_coder *c, dyad_analysis *an, size_t k, dyad_date date,
                                bool *settled)
{
    *settled = false;
    dyad_status st = coder_sent_from_analysis(c, an, k, NULL);
    if (st || !c->syntax || c->sent.n == 0)
        return st;
    if (!c->opts.no_fast_paths) {
        /* as in code_sentence, a discarded sentence is not looked at
         * further: its actors must not become document context */
        bool story;
        if (coder_find_discard(c, &story)) {
            if (story)
                c->discard_story = true;
            *settled = true;
            return DYAD_OK;
        }
        c->sent.no_discard = true;
        dyad_trace_fn saved = c->opts.trace;
        c->opts.trace = NULL;
        c->prefilter = true;
        coder_find_actors(c, date);
        c->verb_n = 0;
        if (enough_actors(c)) { /* else the verbs do not matter */
            coder_find_verbs(c);
            coder_stamp_atoms(c);
        }
        c->prefilter = false;
        c->opts.trace = saved;
        bool one = false;
        if (!may_yield_event(c) || (one = c->one_actor)) {
            coder_tracef(c, "sentence %zu: %zu actor mentions%s, %zu dictionary verbs: no event "
                            "possible, not parsed (fast path)", k + 1, c->mention_n,
                         one ? " naming one actor" : "", c->verb_n);
            skip_sentence(c);
            *settled = true;
            return DYAD_OK;
        }
    }
    const dyad_sentence *sent = &an->sentences[k];
    size_t n = sent->token_n;
    if (n > CODER_MAX_WORDS)
        return DYAD_OK;
    dyad_str forms[CODER_MAX_WORDS];
    const dyad_token *tok = an->tokens + sent->first_token;
    for (size_t i = 0; i < n; i++)
        forms[i] = (dyad_str){an->text + tok[i].span.begin, tok[i].span.end - tok[i].span.begin};
    memcpy(c->tok_scratch, an->tokens + sent->first_token, n * sizeof *c->tok_scratch);
    /* a sentence parsed before, word for word, parses the same
     * (parse_memo.c): one of the fast paths */
    bool memo = !c->opts.no_fast_paths;
    dyad_str text = {"", 0}; /* from the first word to the last, as written */
    if (n)
        text = (dyad_str){forms[0].ptr, (size_t)(forms[n - 1].ptr + forms[n - 1].len - forms[0].ptr)};
    if (!memo || !coder_pmemo_get(&c->parse_memo, c->allocator, text, forms, n, c->tok_scratch)) {
        if (!c->opts.no_fast_paths) {
            /* tag first: the tags may leave no verb that could code, and
             * then the parse is not needed */
            st = dyad_syntax_annotate_words(c->syntax, forms, n, c->tok_scratch, DYAD_SYNTAX_TAG);
            if (st)
                return st == DYAD_ELIMIT ? DYAD_OK : st;
            if (tags_leave_no_coded_verb(c, c->tok_scratch, n)) {
                coder_tracef(c, "sentence %zu: no coded dictionary verb has a verb tag: not parsed "
                                "(fast path)", k + 1);
                skip_sentence(c);
                *settled = true;
                return DYAD_OK;
            }
            st = dyad_syntax_parse_tagged(c->syntax, c->tok_scratch, n);
        } else {
            st = dyad_syntax_annotate_words(c->syntax, forms, n, c->tok_scratch,
                                            DYAD_SYNTAX_TAG | DYAD_SYNTAX_PARSE);
        }
        if (st)
            return st == DYAD_ELIMIT ? DYAD_OK : st;
        if (memo)
            coder_pmemo_put(&c->parse_memo, c->allocator, text, forms, n, c->tok_scratch);
    }
    c->counts.parsed++;
    return coder_sent_add_syntax(c, an, k, c->tok_scratch);
}

static bool use_supplied(const dyad_coder *c, const dyad_doc *doc)
{
    if (c->opts.parse == DYAD_PARSE_OWN || !doc->given || doc->given_n == 0)
        return false;
    for (size_t i = 0; i < doc->given_n; i++)
        if (doc->given[i].parse.len == 0)
            return false;
    return true;
}

/* With opts.forward_story: does doc continue the story coded last (same
 * id up to its last '-')?  Remembers doc's story either way. */
static bool same_story(dyad_coder *c, const dyad_doc *doc)
{
    const char *dash = NULL;
    for (size_t i = 0; i < doc->id.len; i++)
        if (doc->id.ptr[i] == '-')
            dash = doc->id.ptr + i;
    size_t n = dash ? (size_t)(dash - doc->id.ptr) : 0;
    if (n == 0 || n >= sizeof c->story_key) {
        c->story_key[0] = 0;
        return false;
    }
    bool same = strlen(c->story_key) == n && memcmp(c->story_key, doc->id.ptr, n) == 0;
    memcpy(c->story_key, doc->id.ptr, n);
    c->story_key[n] = 0;
    return same;
}

/* forward: the story's previous sentence's first actor, to keep (FORWARD);
 * NULL: a new story. */
static void doc_begin(dyad_coder *c, const char *forward)
{
    if (forward)
        memcpy(c->prev_first_actor, forward, CODER_MAX_CODE);
    else
        c->prev_first_actor[0] = 0;
    c->last_actor[0] = 0;
    c->doc_country[0] = 0;
    c->doc_country_word = -1;
    c->georgia_in_doc = 0;
    c->georgia_state_sent = -1;
    c->agent_memory_n = 0;
    c->name_memory_n = 0;
    c->discard_story = false;
}

static dyad_status code_supplied(dyad_coder *c, emitter *em, dyad_error *err)
{
    const dyad_doc *doc = em->doc;
    for (size_t k = 0; k < doc->given_n && !em->stop && !c->discard_story; k++) {
        c->counts.sentences++;
        c->sent.index = (uint32_t)k;
        dyad_status st = coder_sent_from_parse(c, doc->given[k].parse, doc->text,
                                               doc->given[k].span, err);
        if (st == DYAD_ENOMEM)
            return st;
        if (st) {
            if (err)
                error_set_record(err, doc->id.ptr, doc->id.len);
            return DYAD_EPARSE;
        }
        c->sent.index = (uint32_t)k;
        code_sentence(em);
    }
    return DYAD_OK;
}

dyad_status dyad_coder_code(dyad_coder *c, const dyad_doc *doc, dyad_analysis *an,
                            dyad_event_fn fn, void *user, dyad_error *err)
{
    if (!c || !doc)
        return DYAD_EINVAL;
    emitter *em = core_alloc(c->allocator, sizeof *em);
    if (!em)
        return DYAD_ENOMEM;
    em->c = c;
    em->doc = doc;
    em->fn = fn;
    em->user = user;
    em->stop = false;
    em->discard = false;
    em->seen_n = 0;
    /* kept aside: a failed supplied-parse attempt below codes sentences */
    char forward[CODER_MAX_CODE];
    memcpy(forward, c->prev_first_actor, CODER_MAX_CODE);
    bool same = c->opts.forward_story && same_story(c, doc);
    doc_begin(c, same ? forward : NULL);
    c->doc_text = doc->text;
    if (!c->opts.context_actors || !coder_publisher_country(doc->url, doc->source, c->publisher))
        c->publisher[0] = 0;
    dyad_status st = DYAD_OK;
    if (use_supplied(c, doc)) {
        st = code_supplied(c, em, err);
        if (st != DYAD_EPARSE || c->opts.parse == DYAD_PARSE_SUPPLIED) {
            core_free(c->allocator, em);
            /* The caller's analysis still gets the document's sentences, so
             * counts and stored sentences match the supplied parses. */
            if (st == DYAD_OK && an)
                st = dyad_analyze_doc(an, doc);
            return st;
        }
        doc_begin(c, same ? forward : NULL);
    }
    dyad_status parse_st = st;
    if (!an) {
        if (!c->analysis && (st = dyad_analysis_new(c->allocator, &c->analysis)) != DYAD_OK) {
            core_free(c->allocator, em);
            return st;
        }
        an = c->analysis;
    }
    if (!c->tok_scratch) {
        c->tok_scratch = core_calloc(c->allocator, CODER_MAX_WORDS, sizeof *c->tok_scratch);
        if (!c->tok_scratch) {
            core_free(c->allocator, em);
            return DYAD_ENOMEM;
        }
    }
    st = dyad_analyze_doc(an, doc);
    for (size_t k = 0; !st && k < an->sentence_n && !em->stop && !c->discard_story; k++) {
        if (an->sentences[k].flags & DYAD_SENT_DATELINE)
            continue;
        bool settled;
        c->counts.sentences++;
        st = own_sentence(c, an, k, doc->date, &settled);
        if (!st && !settled)
            code_sentence(em);
    }
    core_free(c->allocator, em);
    return st ? st : parse_st;
}

void dyad_coder_get_counts(const dyad_coder *c, dyad_coder_counts *out)
{
    if (out)
        *out = c ? c->counts : (dyad_coder_counts){0, 0};
}
