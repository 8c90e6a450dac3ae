/*
 * actors.c — actor units of one sentence from its mentions (mentions.c):
 * agents merged with the actor they qualify ("Arnor's prime minister",
 * "the Azerbaijani foreign minister", "the president of Gondor"), lone
 * agents given the country of their phrase or of the document context,
 * pronouns resolved to the last actor named, and runs of actors joined by
 * "and", "or" and commas gathered into compound groups (TABARI codes one
 * event per member).  Codes with date restrictions are resolved for the
 * document's date here, so every unit carries a final code string.
 */
#include "coder/coder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

dyad_str coder_file_name(const dyad_lexicon *lx, uint32_t f)
{
    if (f == 0 || f >= LEX_N(lx, LEX_V_FILES))
        return (dyad_str){"", 0};
    const lex_file *file = lex_at(lx, LEX_V_FILES, f);
    return lex_atom_str(lx, file->path);
}

/* ---- codes ---- */

static int32_t day_of(dyad_date d)
{
    return d.year ? d.year * 10000 + d.month * 100 + d.day : 0;
}

static const lex_code *actor_code(const dyad_lexicon *lx, const lex_actor *a, int32_t day)
{
    return lex_actor_code_of(lx, a, day);
}

static void copy_code(char out[CODER_MAX_CODE], dyad_str s)
{
    size_t n = s.len < CODER_MAX_CODE - 1 ? s.len : CODER_MAX_CODE - 1;
    memcpy(out, s.ptr, n);
    out[n] = 0;
}

static bool ends_with(const char *s, dyad_str suffix)
{
    size_t n = strlen(s);
    return suffix.len && n >= suffix.len && memcmp(s + n - suffix.len, suffix.ptr, suffix.len) == 0;
}

/* Adds an agent code to an actor code: "~GOV" after it, "NGO~" before. */
static void add_agent(const dyad_lexicon *lx, char code[CODER_MAX_CODE], const lex_entry *ag)
{
    const lex_agent *a = lex_at(lx, LEX_V_AGENTS, ag->target);
    dyad_str acode = lex_atom_str(lx, a->code);
    if (ends_with(code, acode))
        return;
    char out[CODER_MAX_CODE * 2];
    size_t n = strlen(code);
    if (a->flags & LEX_AGENT_SUFFIX)
        snprintf(out, sizeof out, "%.*s%s", (int)acode.len, acode.ptr, code);
    else
        snprintf(out, sizeof out, "%s%.*s", code, (int)acode.len, acode.ptr);
    (void)n;
    copy_code(code, (dyad_str){out, strlen(out)});
}

/* ---- mentions to units ---- */

/* TABARI: "former" before the first of an actor and its agent, or right
 * after the first (at word `second`), makes the agent an elite: code ELI
 * instead of the agent's ("Arnor former security officials" -> ARNELI,
 * "former Minas Tirith border police" -> GONELI). */
static bool former_agent(const dyad_coder *c, size_t first, size_t second)
{
    return c->tabari && ((first > 0 && coder_word_eq(&c->sent, first - 1, "former")) ||
                         (second > 0 && coder_word_eq(&c->sent, second - 1, "former")) ||
                         (second < c->sent.n && coder_word_eq(&c->sent, second, "former")));
}

/* TABARI attaches an agent only right after its actor ("Arnor's
 * ministers"), "former" aside ("Arnor former security officials"). */
static bool tabari_agent_gap(const coder_sent *s, size_t from, size_t to)
{
    if (to < s->n && s->w[to].cut_before)
        return false; /* "Dagolath, its biggest partner, officials said" */
    for (size_t k = from; k < to; k++)
        if (!(coder_word_eq(s, k, "'s") || coder_word_eq(s, k, "'") || coder_word_eq(s, k, "former")))
            return false;
    return true;
}

static void add_elite(char code[CODER_MAX_CODE])
{
    size_t n = strlen(code);
    if (n + 3 < CODER_MAX_CODE && !(n >= 3 && strcmp(code + n - 3, "ELI") == 0))
        memcpy(code + n, "ELI", 4);
}

static coder_unit *new_unit(dyad_coder *c, size_t begin, size_t end);

/* TABARI CONVERT AGENT: a lone agent is an actor of its own, coded "~"
 * and the agent code ("the Muslims" -> ~MOS). */
static void converted_agent(dyad_coder *c, const coder_mention *m)
{
    const lex_agent *a = lex_at(c->lex, LEX_V_AGENTS, m->entry->target);
    dyad_str acode = lex_atom_str(c->lex, a->code);
    char out[CODER_MAX_CODE * 2];
    snprintf(out, sizeof out, "~%.*s", (int)acode.len, acode.ptr);
    coder_unit *u = new_unit(c, m->begin, m->end);
    if (!u)
        return;
    copy_code(u->code, (dyad_str){out, strlen(out)});
    u->actor_file = m->entry->file;
    u->actor_line = m->entry->line;
    coder_tracef(c, "agent at words %u-%u converted to actor %s", m->begin + 1u, m->end,
                 u->code);
}


/* May words [from, to) stand between an actor and the agent after it
 * ("Arnor's first deputy prime minister")? */
static bool conj_gap(const coder_sent *s, size_t from, size_t to);

/* Words that never sit between an actor and its agent (used without tags). */
static bool function_word(const coder_sent *s, size_t k)
{
    static const char *const fw[] = {
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
        "can", "could", "may", "might", "shall", "should", "must", "do", "does", "did", "not",
        "to", "in", "on", "at", "by", "for", "with", "from", "under", "over", "into", "about",
        "after", "before", "against", "a", "an", "that", "which", "who", "said", "says"};
    for (size_t i = 0; i < DYAD_ARRAY_LEN(fw); i++)
        if (coder_word_eq(s, k, fw[i]))
            return true;
    return false;
}

static bool modifier_gap(const coder_sent *s, size_t from, size_t to)
{
    if (to < s->n && s->w[to].cut_before)
        return false; /* "Dagolath, its biggest partner, officials said" */
    /* after a possessive, adjectives joined by "and" may come between:
     * "Ithilen's awful and evil minister" */
    bool poss = to > from && coder_word_eq(s, from, "'s");
    if (poss && to - from <= 6) {
        bool ok = true;
        for (size_t k = from + 1; k < to && ok; k++)
            ok = s->w[k].pos == CW_ADJ || s->w[k].pos == CW_ADV || coder_word_eq(s, k, "and") ||
                 coder_word_eq(s, k, ",");
        if (ok)
            return true;
    }
    if (to - from > 3)
        return false;
    for (size_t k = from; k < to; k++) {
        if (coder_word_eq(s, k, "'s") || coder_word_eq(s, k, "'") || coder_word_eq(s, k, "s"))
            continue;
        uint8_t p = s->w[k].pos;
        if (s->w[k].penn_verb && p != CW_ADJ)
            return false;
        if (p == CW_PUNCT || p == CW_CCONJ || p == CW_ADP || p == CW_PRON || p == CW_DET)
            return false;
        if (coder_word_eq(s, k, "and") || coder_word_eq(s, k, "or") || coder_word_eq(s, k, ",") ||
            coder_word_eq(s, k, "of") || coder_word_eq(s, k, "the"))
            return false;
        if (!s->tagged && (function_word(s, k) || s->w[k].capital))
            return false; /* untagged: "the Pentagon is headed under President" */
    }
    return true;
}

/* May words [from, to) stand between an agent and the actor after it
 * ("the president of Gondor", "ministers from Arnor")? */
static bool of_gap(const coder_sent *s, size_t from, size_t to)
{
    if (to == from)
        return true;
    if (to - from > 2)
        return false;
    if (!(coder_word_eq(s, from, "of") || coder_word_eq(s, from, "from") || coder_word_eq(s, from, "for") ||
          coder_word_eq(s, from, "in")))
        return false;
    return to - from == 1 || coder_word_eq(s, from + 1, "the");
}

static coder_unit *new_unit(dyad_coder *c, size_t begin, size_t end)
{
    if (c->unit_n >= CODER_MAX_UNITS)
        return NULL;
    coder_unit *u = &c->units[c->unit_n++];
    memset(u, 0, sizeof *u);
    u->begin = (uint16_t)begin;
    u->end = (uint16_t)end;
    u->head = (uint16_t)(end - 1);
    u->group = -1;
    return u;
}

/* The other codes written in the same "[A/B/C]" block as cd. */
static size_t sibling_codes(const dyad_lexicon *lx, const lex_actor *a, const lex_code *cd,
                            const lex_code **out, size_t cap)
{
    size_t n = 0;
    for (uint32_t i = 0; cd && i < a->code_n && n < cap; i++) {
        const lex_code *o = lex_at(lx, LEX_V_CODES, a->code_first + i);
        if (o != cd && o->line == cd->line && o->dated == cd->dated && o->from == cd->from &&
            o->to == cd->to)
            out[n++] = o;
    }
    return n;
}

/* Fills u from actor entry e.  An actor with several codes in one block
 * ("THE_SHIRE [FRO/BIL/SAM]") becomes one unit per code in one compound
 * group (PETRARCH-1), or one code "FRO/BIL/SAM" with PETRARCH-2
 * dictionaries (as UD-PETRARCH writes it). */
static void set_actor(dyad_coder *c, coder_unit *u, const lex_entry *e, int32_t day)
{
    const lex_actor *a = lex_at(c->lex, LEX_V_ACTORS, e->target);
    const lex_code *cd = actor_code(c->lex, a, day);
    copy_code(u->code, cd ? lex_atom_str(c->lex, cd->code) : (dyad_str){"---", 3});
    u->actor_file = e->file;
    u->actor_line = cd && cd->line ? cd->line : e->line;
    const lex_code *sib[CODER_MAX_GROUP];
    size_t n = sibling_codes(c->lex, a, cd, sib, CODER_MAX_GROUP - 1);
    for (size_t k = 0; k < n; k++) {
        dyad_str sc = lex_atom_str(c->lex, sib[k]->code);
        if (c->petr2) {
            size_t len = strlen(u->code);
            if (len + 1 + sc.len < CODER_MAX_CODE) {
                u->code[len] = '/';
                memcpy(u->code + len + 1, sc.ptr, sc.len);
                u->code[len + 1 + sc.len] = 0;
            }
            continue;
        }
        coder_unit *x = new_unit(c, u->begin, u->end);
        if (!x)
            return;
        *x = *u;
        copy_code(x->code, sc);
        x->join_prev = 1;
    }
}


/* The word of the unit whose head lies outside it (parse), else the last. */
static uint16_t unit_head(const coder_sent *s, const coder_unit *u)
{
    if (!s->parsed)
        return (uint16_t)(u->end - 1);
    for (size_t k = u->begin; k < u->end; k++) {
        uint16_t h = s->w[k].head;
        if (h == 0 || h - 1u < u->begin || h - 1u >= u->end)
            return (uint16_t)k;
    }
    return (uint16_t)(u->end - 1);
}

/* TABARI: is there a clause break in words [from, to): "and", "but" or
 * ";" not followed by an actor mention (which would make it a compound)? */
static bool clause_between(const coder_sent *s, const coder_mention *ms, size_t mn, size_t from,
                           size_t to)
{
    for (size_t w = from; w < to && w < s->n; w++) {
        if (!(coder_word_eq(s, w, "and") || coder_word_eq(s, w, "but") || coder_word_eq(s, w, ";")))
            continue;
        size_t next = w + 1 < s->n && coder_word_eq(s, w + 1, "the") ? w + 2 : w + 1;
        bool actor_next = false, actor_before = false;
        for (size_t k = 0; k < mn && !actor_next; k++)
            actor_next = ms[k].begin == next && ms[k].kind == LEX_ACTOR;
        /* TABARI: "and" makes a compound only with an actor on each side
         * ("Bree to chill out and Gondor asked him": a new clause) */
        for (size_t k = 0; k < mn && !actor_before; k++)
            actor_before = ms[k].kind == LEX_ACTOR &&
                           (ms[k].end == w || ((size_t)ms[k].end + 1 == w && coder_word_eq(s, w - 1, ",")));
        if (!actor_next || !actor_before)
            return true;
    }
    return false;
}

/* Puts key -> code into a document memory of CODER_MAX_AGENT_MEMORY
 * entries; the oldest entry gives way when it is full. */
static void memory_put(coder_agent_country *mem, size_t *n, uint64_t key, uint64_t person,
                       const char *code)
{
    size_t k = 0;
    while (k < *n && mem[k].key != key)
        k++;
    if (k == *n) {
        if (*n == CODER_MAX_AGENT_MEMORY) {
            memmove(mem, mem + 1, (CODER_MAX_AGENT_MEMORY - 1) * sizeof *mem);
            k = CODER_MAX_AGENT_MEMORY - 1;
        } else {
            (*n)++;
        }
        mem[k].key = key;
    }
    mem[k].person = person;
    memcpy(mem[k].country, code, 3);
    mem[k].country[3] = 0;
}

static const coder_agent_country *memory_get(const coder_agent_country *mem, size_t n,
                                             uint64_t key)
{
    for (size_t k = 0; k < n; k++)
        if (mem[k].key == key)
            return &mem[k];
    return NULL;
}

/* Document context: remembers the country an agent phrase (words
 * [begin, end)) was qualified with, under its first and last word, with
 * the person so titled (person: name hash, 0 for none). */
static void remember_agent_country(dyad_coder *c, size_t begin, size_t end, const char *code,
                                   uint64_t person)
{
    if (!c->opts.context_actors || end <= begin || !coder_state_code(code))
        return;
    uint32_t atoms[2] = {c->sent.w[begin].atom, c->sent.w[end - 1].atom};
    for (size_t a = 0; a < 2; a++)
        if (atoms[a] && !(a == 1 && atoms[1] == atoms[0]))
            memory_put(c->agent_memory, &c->agent_memory_n, atoms[a], person, code);
}

/* Is word k a hyphen written between two capitalized words with no
 * space ("Al-Kadhimi", which the tokenizer splits into three)? */
static bool name_hyphen(const coder_sent *s, size_t k)
{
    return k > 0 && k + 1 < s->n && coder_word_eq(s, k, "-") && s->w[k + 1].capital &&
           s->w[k - 1].span.end == s->w[k].span.begin &&
           s->w[k].span.end == s->w[k + 1].span.begin && s->w[k].span.end > 0;
}

/* How many lower-case particles of a person's name (at most two) follow
 * word k before the name's next capitalized word ("Mohamed bin Zayed",
 * "Ursula von der Leyen"); 0 when none, or when no such word follows. */
static size_t name_particles(const coder_sent *s, size_t k)
{
    static const char *const particles[] = {"bin", "ibn", "bint", "al", "el", "de", "del",
                                            "der", "den", "da", "dos", "das", "do", "van",
                                            "von", "di", "du", "la", "le"};
    size_t n = 0;
    while (n < 2 && k + n + 1 < s->n && !s->w[k + n + 1].capital &&
           coder_word_in(s, k + n + 1, particles, DYAD_ARRAY_LEN(particles)))
        n++;
    size_t next = k + n + 1;
    return n && next < s->n && s->w[next].capital && !s->w[next].agent_word ? n : 0;
}

/* The last word of a person's name written right after an agent title at
 * word i ("President Donald J. Trump": Trump), or -1: a run of at most
 * four capitalized words of no agent phrase (a name the dictionaries
 * know, "Narendra Modi", counts: "Prime Minister Modi" is looked up by
 * "Modi"), the parts of a hyphenated name counting as one ("Prime
 * Minister Al-Kadhimi of Iraq": Kadhimi) and particles not counting
 * ("President Sheikh Mohamed bin Zayed of the United Arab Emirates":
 * Zayed).  Read from the words alone (no tags), so the parse fast path
 * cannot change it. */
static long name_after(const coder_sent *s, size_t i)
{
    long last = -1;
    for (size_t k = i, words = 0; k < s->n && words < 4 && s->w[k].capital && !s->w[k].agent_word;
         k++) {
        last = (long)k;
        size_t particles = name_particles(s, k);
        if (particles)
            k += particles; /* the next capitalized word continues the name */
        else if (name_hyphen(s, k + 1))
            k++; /* the hyphen; its next word continues this one */
        else
            words++;
    }
    return last;
}

static uint64_t name_key(const coder_sent *s, size_t w)
{
    return hash_bytes(s->norm.data + s->w[w].norm_off, s->w[w].norm_len);
}

/* The code of actor mention m on day `day` into code; false when the
 * entry has none for that day. */
static bool mention_code(const dyad_coder *c, const coder_mention *m, int32_t day,
                         char code[CODER_MAX_CODE])
{
    const lex_actor *a = lex_at(c->lex, LEX_V_ACTORS, m->entry->target);
    const lex_code *cd = actor_code(c->lex, a, day);
    if (!cd)
        return false;
    copy_code(code, lex_atom_str(c->lex, cd->code));
    return true;
}

/* The last name of a person named right after word `after`, also as an
 * appositive ("the Prime Minister of India, Shri Narendra Modi"), or -1. */
static long person_after(const coder_sent *s, size_t after)
{
    if (after < s->n && coder_word_eq(s, after, ","))
        after++;
    return name_after(s, after);
}

/* Document context: remembers the country of the actor of mention m for
 * the person whose last name is word `name`. */
static void remember_name_of(dyad_coder *c, const coder_mention *m, size_t name, int32_t day)
{
    char code[CODER_MAX_CODE];
    if (!coder_speakers_us(&c->sent, m->begin, m->end) && mention_code(c, m, day, code) &&
        coder_state_code(code))
        memory_put(c->name_memory, &c->name_memory_n, name_key(&c->sent, name), 0, code);
}

/* ... for the person named right after word `after` ("Ukrainian
 * President Volodymyr Zelenskyy": Zelenskyy -> UKR). */
static void remember_name(dyad_coder *c, const coder_mention *m, size_t after, int32_t day)
{
    long name = person_after(&c->sent, after);
    if (name >= 0)
        remember_name_of(c, m, (size_t)name, day);
}

/* Document context: records the countries agents are named with in this
 * sentence: an agent right after an actor ("Kazakh minister") or before
 * it with "of", "from", "for", "in" ("Minister of Foreign Affairs of the
 * Republic of Kazakhstan").  Read from the mentions alone, so that tags
 * and the parse fast path cannot change what later sentences see. */
static void remember_agents(dyad_coder *c, const coder_mention *ms, size_t mn, int32_t day)
{
    for (size_t k = 0; k < mn; k++) {
        if (ms[k].kind == LEX_ACTOR) {
            /* a person named right after an actor phrase with a title
             * ("Ukrainian President" in Phoenix's dictionaries) */
            remember_name(c, &ms[k], ms[k].end, day);
            continue;
        }
        if (ms[k].kind != LEX_AGENT)
            continue;
        const coder_mention *actor = NULL;
        if (k > 0 && ms[k - 1].kind == LEX_ACTOR && ms[k - 1].end == ms[k].begin)
            actor = &ms[k - 1];
        else if (k + 1 < mn && ms[k + 1].kind == LEX_ACTOR &&
                 ms[k + 1].begin > ms[k].end && of_gap(&c->sent, ms[k].end, ms[k + 1].begin) &&
                 !coder_speakers_us(&c->sent, ms[k + 1].begin, ms[k + 1].end))
            actor = &ms[k + 1];
        if (!actor) {
            /* "President Emmanuel Macron of France"; the name may itself
             * be an actor the dictionaries know ("Prime Minister
             * Al-Kadhimi of Iraq", Kadhimi a person of IRQ) */
            long name = name_after(&c->sent, ms[k].end);
            size_t of = (size_t)name + 1, j = k + 1;
            while (name >= 0 && j < mn && ms[j].begin <= (size_t)name)
                j++;
            if (name >= 0 && j < mn && ms[j].kind == LEX_ACTOR && of < c->sent.n &&
                coder_word_eq(&c->sent, of, "of") &&
                (ms[j].begin == of + 1 ||
                 (ms[j].begin == of + 2 && coder_word_eq(&c->sent, of + 1, "the"))))
                remember_name_of(c, &ms[j], (size_t)name, day);
            continue;
        }
        char code[CODER_MAX_CODE];
        if (!mention_code(c, actor, day, code))
            continue;
        long person = person_after(&c->sent, actor < &ms[k] ? ms[k].end : actor->end);
        remember_agent_country(c, ms[k].begin, ms[k].end, code,
                               person >= 0 ? name_key(&c->sent, (size_t)person) : 0);
        /* and the person so titled: "Ukrainian President Volodymyr
         * Zelenskyy", "President of Ukraine Volodymyr Zelenskyy" (the
         * actor after the title is named with it below) */
        if (actor < &ms[k])
            remember_name(c, actor, ms[k].end, day);
    }
}

/* The memory of the agent phrase of unit u, or NULL. */
static const coder_agent_country *remembered_agent(const dyad_coder *c, const coder_unit *u)
{
    uint32_t atoms[2] = {c->sent.w[u->begin].atom, c->sent.w[u->end - 1].atom};
    for (size_t a = 0; a < 2; a++) {
        const coder_agent_country *m =
            atoms[a] ? memory_get(c->agent_memory, c->agent_memory_n, atoms[a]) : NULL;
        if (m)
            return m;
    }
    return NULL;
}

/* PETRARCH: more agents after an actor's agent.  Adjacent ones qualify
 * the same unit ("Danish Islamist media" -> DNKMUSMED); agents conjoined
 * after them share the actor and the earlier agents ("Danish Islamist
 * media and government" -> DNKMUSMED, DNKMUSGOV; suites COMPOUND-22..27):
 * one unit each, in the actor's compound group.  ms[k] is the agent just
 * added to unit ui; returns the index of the last mention used. */
static size_t more_agents(dyad_coder *c, const coder_mention *ms, size_t mn, size_t k, ptrdiff_t ui,
                          const char before[CODER_MAX_CODE])
{
    const coder_sent *s = &c->sent;
    char base[CODER_MAX_CODE]; /* the unit's code before its last agent */
    memcpy(base, before, CODER_MAX_CODE);
    while (k + 1 < mn && ms[k + 1].kind == LEX_AGENT && modifier_gap(s, ms[k].end, ms[k + 1].begin)) {
        coder_unit *u = &c->units[ui];
        memcpy(base, u->code, CODER_MAX_CODE);
        add_agent(c->lex, u->code, ms[k + 1].entry);
        u->agent_file = ms[k + 1].entry->file;
        u->agent_line = ms[k + 1].entry->line;
        u->end = ms[k + 1].end;
        k++;
    }
    while (k + 1 < mn && ms[k + 1].kind == LEX_AGENT && conj_gap(s, ms[k].end, ms[k + 1].begin) &&
           !(k + 2 < mn && ms[k + 2].kind == LEX_ACTOR && of_gap(s, ms[k + 1].end, ms[k + 2].begin))) {
        coder_unit *u = new_unit(c, ms[k + 1].begin, ms[k + 1].end);
        if (!u)
            break;
        *u = c->units[ui];
        u->begin = ms[k + 1].begin;
        u->end = ms[k + 1].end;
        u->head = (uint16_t)(ms[k + 1].end - 1);
        memcpy(u->code, base, CODER_MAX_CODE);
        add_agent(c->lex, u->code, ms[k + 1].entry);
        u->agent_file = ms[k + 1].entry->file;
        u->agent_line = ms[k + 1].entry->line;
        u->join_prev = 1;
        k++;
    }
    return k;
}

/* A pronoun's kind: 1 a person (he, she, him, her), 2 "it", 3 a group
 * (they, them), 0 another word. */
static int pronoun_kind(const coder_sent *s, size_t i)
{
    static const char *const person[] = {"he", "she", "him", "her"};
    if (coder_word_in(s, i, person, DYAD_ARRAY_LEN(person)))
        return 1;
    if (coder_word_eq(s, i, "it"))
        return 2;
    return coder_word_eq(s, i, "they") || coder_word_eq(s, i, "them") ? 3 : 0;
}

/* With a parse: is the pronoun at word p the subject of what its
 * sentence's speaker says, thinks or announces ("PepsiCo said it named
 * a new agency", "Coca-Cola Bottling said it has agreed to sell")?  Then
 * it is that speaker: the earlier unit in the speech verb's subject
 * (a dictionary actor or a pronoun already resolved; an agent's country
 * is decided later, so an agent speaker is left to the usual rule).
 * Returns the unit, or -1.  The last actor before the pronoun was the
 * usual referent, and in Reuters stories it was often another firm or
 * country of the subject ("Hong Kong and Shanghai Banking Corp said it":
 * Shanghai, CHN). */
static int speaker_unit(const dyad_coder *c, size_t p)
{
    static const char *const speech[] = {
        "said", "says", "say", "saying", "told", "tells", "announced", "announces", "stated",
        "states", "added", "adds", "noted", "notes", "reported", "reports", "confirmed",
        "confirms", "claimed", "claims", "insisted", "insists", "believes", "believed",
        "thinks", "thought", "expects", "expected", "hopes", "hoped", "indicated", "indicates",
        "explained", "explains", "warned", "warns", "stressed", "stresses", "argued", "argues",
        "predicted", "predicts", "reiterated", "reiterates", "emphasized", "emphasizes",
        "emphasised", "emphasises", "acknowledged", "acknowledges", "denied", "denies",
        "disclosed", "discloses", "estimated", "estimates", "forecast", "forecasts"};
    const coder_sent *s = &c->sent;
    const coder_word *w = &s->w[p];
    if (!s->parsed || !w->head)
        return -1;
    size_t say;
    if (w->rel == CR_NSUBJ || w->rel == CR_NSUBJ_PASS) {
        size_t v = w->head - 1u; /* "said [that] it named": the clause said */
        /* a ccomp is classed CR_CC (sentence.c, rel_in) */
        if ((s->w[v].rel != CR_CCOMP && s->w[v].rel != CR_CC) || !s->w[v].head)
            return -1;
        say = s->w[v].head - 1u;
    } else if (w->rel == CR_OBJ && p + 1 < s->n && coder_verb_tagged(&s->w[p + 1])) {
        say = w->head - 1u; /* the parser's other reading: "said" with the object "it" */
    } else {
        return -1;
    }
    long subj = coder_word_in(s, say, speech, DYAD_ARRAY_LEN(speech))
                    ? coder_child(s, say, CR_NSUBJ)
                    : -1;
    if (subj < 0)
        return -1;
    for (size_t q = 0; q < c->unit_n; q++) {
        const coder_unit *u = &c->units[q];
        if (u->end > p || u->agent_only || !u->code[0] || strncmp(u->code, "---", 3) == 0)
            continue;
        for (size_t i = u->begin; i < u->end; i++)
            if (i == (size_t)subj || coder_dominates(s, (size_t)subj, i))
                /* "He said it would open markets": "it" is not "he" */
                return u->pronoun && pronoun_kind(s, u->begin) != pronoun_kind(s, p) ? -1
                                                                                     : (int)q;
    }
    return -1;
}

static void build_units(dyad_coder *c, const coder_mention *ms, size_t mn, int32_t day)
{
    const coder_sent *s = &c->sent;
    for (size_t k = 0; k < mn; k++) {
        const coder_mention *m = &ms[k];
        const coder_mention *nx = k + 1 < mn ? &ms[k + 1] : NULL;
        if (m->kind == 0) { /* pronoun */
            coder_unit *u = new_unit(c, m->begin, m->end);
            if (!u)
                return;
            u->pronoun = 1;
            bool found = false;
            int speaker = c->opts.context_actors ? speaker_unit(c, m->begin) : -1;
            if (speaker >= 0) {
                const coder_unit *sp = &c->units[speaker];
                memcpy(u->code, sp->code, CODER_MAX_CODE);
                u->actor_file = sp->actor_file;
                u->actor_line = sp->actor_line;
                found = true;
                coder_tracef(c, "pronoun at word %u: the speaker of the clause it opens: %s",
                             m->begin + 1u, u->code);
            }
            if (c->tabari && c->unit_n > 1 && !c->units[0].pronoun &&
                clause_between(s, ms, mn, c->units[0].end, m->begin)) {
                /* TABARI: a pronoun stands for the sentence's first actor,
                 * with its whole compound (suite PRON-01..04, DEBUG-11:
                 * "fighting between Eriador and Osgiliath ... it") */
                memcpy(u->code, c->units[0].code, CODER_MAX_CODE);
                u->actor_file = c->units[0].actor_file;
                u->actor_line = c->units[0].actor_line;
                found = true;
                for (size_t q = 1; q + 1 < c->unit_n &&
                                   conj_gap(s, c->units[q - 1].end, c->units[q].begin);
                     q++) {
                    coder_unit *x = new_unit(c, m->begin, m->end);
                    if (!x)
                        return;
                    *x = *u;
                    memcpy(x->code, c->units[q].code, CODER_MAX_CODE);
                    x->join_prev = 1;
                }
            }
            for (size_t q = c->unit_n - 1; q-- > 0 && !found;)
                if (!c->units[q].pronoun && !c->units[q].agent_only &&
                    !coder_speakers_us(s, c->units[q].begin, c->units[q].end)) {
                    memcpy(u->code, c->units[q].code, CODER_MAX_CODE);
                    u->actor_file = c->units[q].actor_file;
                    u->actor_line = c->units[q].actor_line;
                    found = true;
                }
            /* with document context, "he"/"she" with no actor before them
             * in the sentence stand for the previous sentence's first
             * actor, its subject in news and press-release prose ("X
             * praised the forum held in Baku. He thanked ...": X) */
            bool person = pronoun_kind(s, m->begin) == 1;
            /* TABARI FORWARD: any pronoun, the story's previous sentence */
            if (!found && ((c->opts.context_actors && person) || c->opts.forward_story) &&
                c->prev_first_actor[0]) {
                memcpy(u->code, c->prev_first_actor, CODER_MAX_CODE);
                found = true;
            }
            if (!found && !person && c->opts.context_actors) {
                /* "it", "they", "them" with no actor before them in the
                 * sentence: the last actor of an earlier one was the wrong
                 * referent in 38 of 40 sampled events ("They discussed
                 * ...", "It will allow ..."), so they stand for no one
                 * and keep their place: no event names them, and the
                 * next actor is not taken as the subject instead */
                memcpy(u->code, "---", 4);
                continue;
            }
            if (!found && c->last_actor[0])
                memcpy(u->code, c->last_actor, CODER_MAX_CODE);
            if (!u->code[0])
                c->unit_n--;
            continue;
        }
        if (m->kind == LEX_ACTOR && c->unit_n && c->units[c->unit_n - 1].end == m->begin &&
            !c->units[c->unit_n - 1].pronoun && !c->units[c->unit_n - 1].agent_only) {
            /* two actors back to back ("Bree Prime Minister Romendacil"):
             * one mention, the first code wins */
            c->units[c->unit_n - 1].end = m->end;
            c->units[c->unit_n - 1].merged = 1;
            continue;
        }
        if (m->kind == LEX_ACTOR) {
            coder_unit *u = new_unit(c, m->begin, m->end);
            if (!u)
                return;
            set_actor(c, u, m->entry, day);
            if (c->tabari && strcmp(u->code, "---") == 0) {
                /* TABARI: an actor coded [---] (for this date) is a plain
                 * noun, no actor ("Boromir", "the Prince of Dol Amroth") */
                c->unit_n--;
                continue;
            }
            if (nx && nx->kind == LEX_AGENT &&
                (c->tabari ? tabari_agent_gap(s, m->end, nx->begin) : modifier_gap(s, m->end, nx->begin))) {
                char before[CODER_MAX_CODE]; /* the code before the agent (more_agents) */
                memcpy(before, u->code, CODER_MAX_CODE);
                if (former_agent(c, m->begin, m->end))
                    add_elite(u->code);
                else
                    add_agent(c->lex, u->code, nx->entry);
                u->agent_file = nx->entry->file;
                u->agent_line = nx->entry->line;
                u->end = nx->end;
                k++;
                if (!c->tabari)
                    k = more_agents(c, ms, mn, k, u - c->units, before);
            }
            continue;
        }
        /* agents: qualify the actors after them ("ministers of Arnor and
         * Gondor": one unit per pair, one compound group), or stand alone */
        size_t ka = k, kb, kend;
        while (ka + 1 < mn && ms[ka + 1].kind == LEX_AGENT && conj_gap(s, ms[ka].end, ms[ka + 1].begin))
            ka++;
        kb = ka + 1;
        /* not "students for us": the speakers give an agent no country */
        if (kb < mn && ms[kb].kind == LEX_ACTOR && of_gap(s, ms[ka].end, ms[kb].begin) &&
            !coder_speakers_us(s, ms[kb].begin, ms[kb].end)) {
            kend = kb;
            if (ka > k || ms[ka].end != ms[kb].begin)
                while (kend + 1 < mn && ms[kend + 1].kind == LEX_ACTOR &&
                       conj_gap(s, ms[kend].end, ms[kend + 1].begin))
                    kend++;
            bool first = true;
            for (size_t b = kb; b <= kend; b++)
                for (size_t a = k; a <= ka; a++) {
                    bool single = kend == kb && ka == k;
                    coder_unit *u = new_unit(c, single ? ms[a].begin : ms[b].begin, ms[b].end);
                    if (!u)
                        return;
                    set_actor(c, u, ms[b].entry, day);
                    /* TABARI: the agent goes with the first actor only ("the
                     * ambassadors of Arnor, Osgiliath and Gondor": ARNGOV,
                     * OSG, GON) */
                    bool agent_here = !(c->tabari && b > kb);
                    if (agent_here && former_agent(c, ms[a].begin, ms[b].begin))
                        add_elite(u->code);
                    else if (agent_here && (strlen(u->code) <= 3 || ms[a].end != ms[b].begin))
                        add_agent(c->lex, u->code, ms[a].entry);
                    u->agent_file = ms[a].entry->file;
                    u->agent_line = ms[a].entry->line;
                    u->join_prev = !first;
                    first = false;
                }
            /* a second agent after the actor ("an MSF Arnor diplomat" ->
             * NGOARNGOV) qualifies it too */
            if (kend == kb && ka == k && kend + 1 < mn && ms[kend + 1].kind == LEX_AGENT &&
                ms[k].end == ms[kb].begin && modifier_gap(s, ms[kend].end, ms[kend + 1].begin)) {
                coder_unit *u = &c->units[c->unit_n - 1];
                add_agent(c->lex, u->code, ms[kend + 1].entry);
                u->end = ms[kend + 1].end;
                kend++;
            }
            k = kend;
            continue;
        }
        if (c->tabari && c->opts.convert_agents) {
            converted_agent(c, m);
            continue;
        }
        if (c->tabari)
            continue; /* TABARI: an agent names no actor by itself */
        coder_unit *u = new_unit(c, m->begin, m->end);
        if (!u)
            return;
        u->agent_only = 1;
        /* PETRARCH codes an agent with no country in its noun phrase as
         * "---" + agent (unit suite COMMA-10); with a parse the country
         * may still come from its phrase (agents_from_phrase) */
        memcpy(u->code, "---", 4);
        add_agent(c->lex, u->code, m->entry);
        u->agent_file = m->entry->file;
        u->agent_line = m->entry->line;
    }
}

/* Without tags (TABARI linear coding): may word k be a modifier of the
 * next compound member?  A lower-case word that no verb starts with
 * ("the evil awful Gondor"); TABARI knows only actors, verbs and
 * conjunctions, so any other word may sit there. */
static bool untagged_modifier(const dyad_coder *c, size_t k)
{
    const coder_sent *s = &c->sent;
    dyad_str f = s->w[k].form;
    if (s->tagged || !c->tabari || f.len == 0 || !(f.ptr[0] >= 'a' && f.ptr[0] <= 'z'))
        return false;
    if (coder_word_eq(s, k, "a") || coder_word_eq(s, k, "an"))
        return false; /* ", an Arnorian spokesman": an apposition, not a member */
    return !coder_word_is_verb(c, k);
}

/* Words allowed between members of a compound: "," "and" "or", and
 * articles and adjectives of the next member ("Mordor, the awful
 * Fornost, and good Gondor").  c, when given, lets untagged TABARI text
 * use any non-verb word after the joiner as a modifier. */
/* More words than this between a joiner and the next actor make a phrase
 * of its own (", almost five years after Calenardhon"), not a modifier. */
#define CODER_MAX_UNTAGGED_MODIFIERS 2

static bool conj_gap_with(const dyad_coder *c, const coder_sent *s, size_t from, size_t to)
{
    if (to <= from || to - from > 5)
        return false;
    bool joiner = false;
    size_t modifiers = 0; /* untagged ones: "the evil awful Gondor" */
    for (size_t k = from; k < to; k++) {
        bool j = coder_word_eq(s, k, ",") || coder_word_eq(s, k, "and") || coder_word_eq(s, k, "or") ||
                 coder_word_eq(s, k, "nor") || coder_word_eq(s, k, "&");
        joiner |= j;
        if (j || coder_word_eq(s, k, "the") || (s->tagged && s->w[k].pos == CW_ADJ))
            continue;
        if (!joiner || !c || ++modifiers > CODER_MAX_UNTAGGED_MODIFIERS || !untagged_modifier(c, k))
            return false;
    }
    return joiner;
}

static bool conj_gap(const coder_sent *s, size_t from, size_t to)
{
    return conj_gap_with(NULL, s, from, to);
}

/* Is there "and", "or", "nor" or "&" among words [from, to)? */
static bool has_conjunction(const coder_sent *s, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (coder_word_eq(s, k, "and") || coder_word_eq(s, k, "or") ||
            coder_word_eq(s, k, "nor") || coder_word_eq(s, k, "&"))
            return true;
    return false;
}

/* Does the list that unit e continues after a comma go on, commas only,
 * to an "and" ("with El Salvador, Argentina, Ecuador, and Guatemala",
 * "to Lebanon, Tajikistan, Kyrgyzstan, Cuba, Sudan and others")? */
static bool list_goes_on_to_and(const dyad_coder *c, size_t e)
{
    const coder_sent *s = &c->sent;
    size_t k = e;
    for (; k + 1 < c->unit_n; k++) {
        size_t a = c->units[k].end, b = c->units[k + 1].begin;
        if (has_conjunction(s, a, b) && conj_gap_with(c, s, a, b))
            return true;
        if (!conj_gap_with(c, s, a, b))
            break;
    }
    size_t w = c->units[k].end;
    if (w < s->n && coder_word_eq(s, w, ","))
        w++;
    return w < s->n && has_conjunction(s, w, w + 1);
}

/* With a parse: is unit e a conjunct of a unit in [first, e)? ("Fornost
 * and the evil awful Gondor").  In running text not through a comma
 * alone, unless the list goes on to "and": the parse makes "Recep Tayyip
 * Erdogan" a conjunct of the "Donbass" that ends an opening clause in
 * "While discussing ... the operation to protect Donbass, Recep Tayyip
 * Erdogan expressed ...". */
static bool conj_of_group(const dyad_coder *c, size_t first, size_t e)
{
    const coder_sent *s = &c->sent;
    if (!s->parsed)
        return false;
    const coder_word *h = &s->w[c->units[e].head];
    if (h->rel != CR_CONJ || h->head == 0)
        return false;
    if (c->opts.context_actors && !has_conjunction(s, c->units[e - 1].end, c->units[e].begin) &&
        !list_goes_on_to_and(c, e))
        return false;
    size_t target = h->head - 1u;
    for (size_t k = first; k < e; k++)
        if (c->units[k].begin <= target && target < c->units[k].end)
            return true;
    return false;
}

/* TABARI: after "and", actors in a row belong to the compound, also
 * when a possessive ("toward Gondor and Arnor's Elrond": GON, ARN, ELF)
 * or adjectives of the <ADJECTIVE> list ("A and the evil B awful C")
 * stand between them. */
static bool possessive_member(const dyad_coder *c, size_t first, size_t e)
{
    if (!c->tabari || e < first + 2)
        return false;
    size_t from = c->units[e - 1].end, to = c->units[e].begin;
    if (from + 1 == to && coder_word_eq(&c->sent, from, "'s"))
        return true;
    return coder_modifier_gap(c, from, to);
}

/* Do the words between units e - 1 and e join them into one compound?
 * In running text (document context) with a parse, a comma alone does
 * not join a sentence's subject to the actor before it: "During a
 * working visit to Brussels, President of Ukraine Volodymyr Zelenskyy met
 * ..." lists no Brussels among those who met (in a list the parse makes
 * the later members conjuncts, not subjects); nor a circumstance to an
 * actor after it the parse hangs elsewhere: "Today in Kuala Lumpur,
 * President Donald J. Trump brokered ..." (MYS as a co-mediator, the
 * parse making "Donald" a conjunct of "Kuala"), unless a list goes on to
 * "and" ("talks with Russia, China and India"). */
static bool joined_by_gap(const dyad_coder *c, size_t e)
{
    const coder_sent *s = &c->sent;
    size_t from = c->units[e - 1].end, to = c->units[e].begin;
    if (!conj_gap_with(c, s, from, to))
        return false;
    if (!c->opts.context_actors || !s->parsed || has_conjunction(s, from, to))
        return true;
    uint8_t rel = s->w[c->units[e].head].rel;
    if (rel == CR_NSUBJ || rel == CR_NSUBJ_PASS)
        return false; /* commas alone */
    /* a circumstance ("in Kuala Lumpur", "during a visit to Brussels"),
     * the end of an opening clause ("While discussing ... the operation
     * to protect Donbass, Recep Tayyip Erdogan expressed ...") or an
     * apposition: a compound only in a list that goes on to "and" */
    return list_goes_on_to_and(c, e);
}

static void build_groups(dyad_coder *c)
{
    c->group_n = 0;
    for (size_t k = 0; k < c->unit_n;) {
        size_t e = k + 1;
        while (e < c->unit_n && e - k < CODER_MAX_GROUP &&
               (c->units[e].join_prev || conj_of_group(c, k, e) || joined_by_gap(c, e) ||
                possessive_member(c, k, e)))
            e++;
        coder_group *g = &c->groups[c->group_n];
        g->first = (uint16_t)k;
        g->n = (uint16_t)(e - k);
        for (size_t q = k; q < e; q++)
            c->units[q].group = (int16_t)c->group_n;
        c->group_n++;
        k = e;
    }
}

/* With a parse: a lone agent takes its country from an actor inside its
 * own noun phrase ("the mayor of the West Bank city of Nablus" -> PSEGOV,
 * "an Islamic State target southwest of Baghdad" -> IRQMUS), found under
 * the phrase's head without entering a clause; not from an actor coded
 * with a sector alone ("The Wall Street Journal"'s MED). */
static void agents_from_phrase(dyad_coder *c)
{
    const coder_sent *s = &c->sent;
    if (!s->parsed)
        return;
    for (size_t k = 0; k < c->unit_n; k++) {
        coder_unit *u = &c->units[k];
        if (!u->agent_only || strncmp(u->code, "---", 3) != 0)
            continue;
        size_t h = u->head, steps = 0;
        while (s->w[h].head && steps++ < 8 &&
               (s->w[h].rel == CR_COMPOUND || s->w[h].rel == CR_AMOD || s->w[h].rel == CR_POSS))
            h = s->w[h].head - 1u;
        for (size_t q = 0; q < c->unit_n; q++) {
            const coder_unit *a = &c->units[q];
            if (q == k || a->agent_only || a->pronoun || coder_sector_code(a->code) ||
                !coder_dominates(s, h, a->head))
                continue; /* a newspaper is no country: not MEDGOV */
            bool clause = false;
            for (size_t w = a->head, n = 0; w != h && n++ <= s->n; w = s->w[w].head - 1u) {
                if (coder_verb_tagged(&s->w[w]) || s->w[w].head == 0) {
                    clause = true;
                    break;
                }
            }
            if (clause)
                continue;
            char code[CODER_MAX_CODE];
            memcpy(code, a->code, CODER_MAX_CODE);
            const char *agent = u->code + 3;
            size_t n = strlen(code), an = strlen(agent);
            if (n + an < CODER_MAX_CODE && !(n >= an && strcmp(code + n - an, agent) == 0))
                memcpy(code + n, agent, an + 1);
            memcpy(u->code, code, CODER_MAX_CODE);
            u->agent_only = 0;
            u->actor_file = a->actor_file;
            u->actor_line = a->actor_line;
            coder_tracef(c, "agent at word %u takes its country from %s in its phrase: %s",
                         u->begin + 1u, a->code, u->code);
            break;
        }
    }
}

bool coder_sector_code(const char *code)
{
    /* CAMEO's domestic role, sector and religion codes, which dictionaries
     * also use alone for actors of no country ("WALL_STREET_JOURNAL [MED]",
     * "[HIN]"): roles COP GOV INS JUD MIL OPP PTY REB SEP SPY; sectors AGR
     * BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED MOD PPL RAD REF;
     * religions ADR ALE ATH BAH BUD CHR CON CPT DOX HIN HSD ITH JAN JEW JHW
     * LDS MOS MRN NRM OTH PRO SHI SIK TAO ZRO.  Not SHN, SUN or MUS: Saint
     * Helena, the Soviet Union and Mauritius in the country slot, where
     * dictionaries use them.  Sorted for a binary search: it is asked of
     * every unit of every sentence (a scan was 1% of `dyad code`). */
    static const char sorted[][4] = {
        "ADR", "AGR", "ALE", "ATH", "BAH", "BUD", "BUS", "CHR", "CON", "COP", "CPT", "CRM",
        "CVL", "DEV", "DOX", "EDU", "ELI", "ENV", "GOV", "HIN", "HLH", "HRI", "HSD", "INS",
        "ITH", "JAN", "JEW", "JHW", "JUD", "LAB", "LDS", "LEG", "MED", "MIL", "MOD", "MOS",
        "MRN", "NRM", "OPP", "OTH", "PPL", "PRO", "PTY", "RAD", "REB", "REF", "SEP", "SHI",
        "SIK", "SPY", "TAO", "ZRO",
    };
    if (!code[0] || !code[1] || !code[2])
        return false;
    size_t lo = 0, hi = sizeof sorted / sizeof *sorted;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int d = memcmp(code, sorted[mid], 3);
        if (d == 0)
            return true;
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

bool coder_state_code(const char *code)
{
    /* INT: transnational actors (Phoenix: "MS-13" INTREBCRM), no state */
    static const char *const nonstate[] = {"IGO", "NGO", "MNC", "UAF", "IMG", "INT", "---"};
    for (size_t k = 0; k < 3; k++)
        if (code[k] < 'A' || code[k] > 'Z')
            return false;
    for (size_t k = 0; k < sizeof nonstate / sizeof *nonstate; k++)
        if (strncmp(code, nonstate[k], 3) == 0)
            return false;
    return !coder_sector_code(code);
}

bool coder_own_country(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != 3 && lb != 3)
        return false;
    return coder_state_code(a) && strncmp(a, b, 3) == 0;
}

/* The verb of word w's clause: its nearest verbal ancestor (w itself
 * excluded), or the root. */
static size_t clause_verb(const coder_sent *s, size_t w)
{
    for (size_t steps = 0; s->w[w].head != 0 && steps <= s->n; steps++) {
        w = s->w[w].head - 1u;
        if (s->w[w].pos == CW_VERB || s->w[w].penn_verb)
            break;
    }
    return w;
}

/* Is unit `other`, named after agent unit u, an argument of u's own
 * clause ("President Reagan accused the Soviet Union", "the adviser
 * traveled to Nigeria")?  Such an actor is the one acted upon, not the
 * agent's country.  Needs the parse; without one, never. */
static bool acted_upon_by(const dyad_coder *c, const coder_unit *u, const coder_unit *other)
{
    const coder_sent *s = &c->sent;
    if (!s->parsed || other->begin < u->end)
        return false;
    size_t len = strlen(other->code);
    if (len != 3 && !(len == 6 && strcmp(other->code + 3, "GOV") == 0))
        return false; /* "called on employers across America": its own people */
    size_t v = clause_verb(s, u->head);
    return v != other->head && coder_dominates(s, v, other->head) &&
           !coder_crosses_clause(s, v, other->head);
}

/* The unit that gives agents the document's country (or this sentence's
 * first state's), when this sentence names it; -1 when an earlier
 * sentence did. */
static int context_country_unit(const dyad_coder *c, const char *country)
{
    if (country == c->doc_country)
        return c->doc_country_word >= 0 && c->doc_country_sent == c->sent.index &&
                       (size_t)c->doc_country_word < c->sent.n
                   ? c->sent.w[c->doc_country_word].unit
                   : -1;
    for (size_t k = 0; k < c->unit_n; k++)
        if (c->units[k].code == country)
            return (int)k;
    return -1;
}

/* Does agent unit u name the heads of several states ("the leaders",
 * "the two presidents", "heads of state and government", "the prime
 * ministers")?  They are a meeting's participants, of more than one
 * country: the document's country is only one of them, and "The leaders
 * discussed the situation in Ukraine" is no event between the host and
 * Ukraine.  Read from the words (not tags), as the parse fast path needs. */
static bool heads_of_states(const dyad_coder *c, const coder_unit *u)
{
    static const char *const heads[] = {"leaders", "presidents", "premiers", "chancellors",
                                        "heads", "kings", "monarchs"};
    const coder_sent *s = &c->sent;
    if (strcmp(u->code, "---GOV") != 0)
        return false; /* "religious leaders", "business leaders" */
    for (size_t i = u->begin; i < u->end; i++) {
        for (size_t k = 0; k < DYAD_ARRAY_LEN(heads); k++)
            if (coder_word_eq(s, i, heads[k]))
                return true;
        if (coder_word_eq(s, i, "ministers") && i > 0 &&
            (coder_word_eq(s, i - 1, "prime") || coder_word_eq(s, i - 1, "foreign")))
            return true;
    }
    return false;
}

/* Is agent unit u a bare "the President" (capitalized, neither named
 * nor "of" anything, not "Mr President", who is the one spoken to)?  An
 * official release calls its own head of state so: "The President
 * visited the hospital", "the President resolved to appoint" (Kremlin),
 * "The President thanked the American people" (Ukraine's presidency);
 * and its vice president "the Vice President" (White House), where its
 * state has one (the caller checks). */
static bool publishers_president(const coder_sent *s, const coder_unit *u)
{
    size_t w = u->end - 1, first = w; /* "President", and "Vice" before it */
    if (w > 0 && s->w[w - 1].capital && coder_word_eq(s, w - 1, "vice"))
        first = w - 1; /* "The Vice President", "Vice" in the agent phrase or not */
    return (u->begin == w || u->begin == first) && first > 0 && s->w[w].capital &&
           coder_word_eq(s, w, "president") && coder_word_eq(s, first - 1, "the") &&
           !(w + 1 < s->n && coder_word_eq(s, w + 1, "of"));
}

/* Are an agent's words [begin, end) a capitalized "Administration", the
 * government of the day, not "of" anything?  Official releases call
 * their own so ("the Administration", "my Administration", "the
 * Biden-Harris Administration", "the Small Business Administration":
 * 8,000 times in the White House corpus), and it took the document's
 * first state. */
static bool capital_administration(const coder_sent *s, size_t begin, size_t end)
{
    size_t w = end - 1;
    return begin == w && s->w[w].capital && coder_word_eq(s, w, "administration") &&
           !(w + 1 < s->n && coder_word_eq(s, w + 1, "of"));
}

/* Is agent unit u a state's legislature called Congress, unnamed: a
 * capitalized "Congress", "Members of Congress", "Congressman",
 * "Congresswoman", not "of" anything ("the Congress of Local and
 * Regional Authorities") nor after a capitalized word that names another
 * congress ("Ukrainian World Congress", "African National Congress")?
 * White House releases name their own so: "calling on Congress to
 * provide", which took the document's first state (RUSLEG, UKRLEG,
 * PSELEG: 49 events of the White House corpus, Phoenix dictionaries). */
static bool capital_congress(const coder_sent *s, const coder_unit *u)
{
    size_t w = u->end - 1;
    dyad_str f = coder_norm(s, w);
    if (!s->w[w].capital || f.len < 8 || memcmp(f.ptr, "congress", 8) != 0)
        return false;
    if (w + 1 < s->n && coder_word_eq(s, w + 1, "of"))
        return false;
    return !(w > 0 && s->w[w - 1].capital && !coder_word_eq(s, w - 1, "the"));
}

/* The country of the person named right before word w ("the Trump
 * Administration" in a Kremlin release, once "US President Donald Trump"
 * was named), from the names' memory; NULL when none. */
static const char *name_before_country(const dyad_coder *c, size_t w)
{
    const coder_sent *s = &c->sent;
    if (w == 0 || !s->w[w - 1].capital)
        return NULL;
    const coder_agent_country *m =
        memory_get(c->name_memory, c->name_memory_n, name_key(s, w - 1));
    return m ? m->country : NULL;
}

/* ---- offices not every state has ---- */

/* An office some states have and others lack, named by an agent phrase:
 * a title without a country ("Prime Minister Starmer", "King Charles")
 * must not take the country of a release's publisher or a document's
 * host that has no such office.  The United States has no prime minister
 * and no king: "Prime Minister Starmer" and "Crown Prince Mohammed bin
 * Salman" in White House releases were USAGOV (80 of 18,324 events on
 * the White House corpus). */
typedef enum agent_office {
    OFFICE_ANY,
    OFFICE_PRIME_MINISTER, /* "Prime Minister", "Premier" (also deputy, vice) */
    OFFICE_MONARCH,        /* "King", "Queen", "Crown Prince", "Emir", "Sultan" */
    OFFICE_CHANCELLOR,     /* a state's "Chancellor" */
    OFFICE_VICE_PRESIDENT, /* "Vice President" */
    OFFICE_MINISTER,       /* a "Minister" or "Ministry" other than a prime minister */
    OFFICE_PRESIDENT       /* "President": any state has one, but not every name
                            * is its president's (another_holder) */
} agent_office;

/* States, as of 2025, whose government has no ministers or ministries:
 * the United States' are Secretaries and Departments.  "Foreign
 * Minister Wang Yi" in a White House readout is not the United
 * States'. */
static const char no_ministers[][4] = {"USA"};

/* States, as of 2025, with a president or council as head of government
 * and no prime minister (ISO 3166-1 alpha-3, sorted). */
static const char no_prime_minister[][4] = {
    "ARG", "BEN", "BOL", "BRA", "BWA", "CHE", "CHL", "COL", "CRI", "CYP", "DOM",
    "ECU", "FSM", "GHA", "GMB", "GTM", "HND", "IDN", "IRN", "KEN", "KIR", "LBR",
    "MDV", "MEX", "MHL", "MWI", "NGA", "NIC", "NRU", "PAN", "PHL", "PLW", "PRY",
    "SLE", "SLV", "SSD", "SUR", "SYC", "TKM", "URY", "USA", "VEN", "ZAF", "ZMB",
    "ZWE"};

/* Monarchies as of 2025, the Commonwealth realms among them. */
static const char monarchies[][4] = {
    "AND", "ARE", "ATG", "AUS", "BEL", "BHR", "BHS", "BLZ", "BRN", "BTN", "CAN",
    "DNK", "ESP", "GBR", "GRD", "JAM", "JOR", "JPN", "KHM", "KNA", "KWT", "LCA",
    "LIE", "LSO", "LUX", "MAR", "MCO", "MYS", "NLD", "NOR", "NZL", "OMN", "PNG",
    "QAT", "SAU", "SLB", "SWE", "SWZ", "THA", "TON", "TUV", "VAT", "VCT"};

/* States whose government has a "Chancellor" (Germany's and Austria's
 * heads of government, Switzerland's Federal Chancellor, the United
 * Kingdom's Chancellor of the Exchequer). */
static const char chancellors[][4] = {"AUT", "CHE", "DEU", "GBR"};

/* States with a vice president as of 2025 (not Kenya's or South Africa's
 * Deputy President). */
static const char vice_presidents[][4] = {
    "AGO", "ARG", "BDI", "BEN", "BOL", "BRA", "BWA", "CHN", "CIV", "COL", "CRI",
    "CUB", "DOM", "ECU", "FSM", "GHA", "GMB", "GNQ", "GTM", "GUY", "HND", "IDN",
    "IND", "IRN", "KIR", "LAO", "LBR", "MDV", "MMR", "MWI", "NAM", "NGA", "NIC",
    "PAN", "PER", "PHL", "PLW", "PRY", "SLE", "SLV", "SSD", "SUR", "SYC", "TWN",
    "TZA", "UGA", "URY", "USA", "VEN", "VNM", "ZMB", "ZWE"};

static int cmp_code3(const void *key, const void *elem)
{
    return memcmp(key, elem, 3);
}

/* States whose national legislature is called Congress in English, as
 * of 2025 (ISO 3166 alpha-3, sorted): an official release's bare
 * "Congress" is its own. */
static const char congresses[][4] = {"ARG", "BRA", "CHL", "COL", "DOM", "FSM", "GTM",
                                     "HND", "MEX", "PER", "PHL", "PRY", "USA"};

static bool code3_in(const char *code, const char (*list)[4], size_t n)
{
    return bsearch(code, list, n, sizeof *list, cmp_code3) != NULL;
}

/* The office agent unit u names, read from its words (not tags, as the
 * parse fast path needs). */
static agent_office office_of(const coder_sent *s, const coder_unit *u)
{
    static const char *const monarch[] = {"king",  "queen", "monarch", "emir",     "amir",
                                          "sultan", "prince", "princess", "majesty"};
    size_t last = u->end - 1; /* "Vice" may lie outside the phrase (Phoenix) */
    if (last > 0 && coder_word_eq(s, last, "president") && coder_word_eq(s, last - 1, "vice"))
        return OFFICE_VICE_PRESIDENT;
    for (size_t i = u->begin; i < u->end; i++) {
        if (coder_word_eq(s, i, "premier") ||
            (i > u->begin && coder_word_eq(s, i, "minister") && coder_word_eq(s, i - 1, "prime")))
            return OFFICE_PRIME_MINISTER;
        if (coder_word_in(s, i, monarch, DYAD_ARRAY_LEN(monarch)))
            return OFFICE_MONARCH;
        if (coder_word_eq(s, i, "chancellor"))
            return OFFICE_CHANCELLOR;
    }
    for (size_t i = u->begin; i < u->end; i++)
        if (coder_word_eq(s, i, "minister") || coder_word_eq(s, i, "ministers") ||
            coder_word_eq(s, i, "ministry"))
            return OFFICE_MINISTER;
    return coder_word_eq(s, last, "president") ? OFFICE_PRESIDENT : OFFICE_ANY;
}

/* The last names of the presidents and vice presidents of the
 * publishers dyad's corpora come from (the United States' presidents
 * all, its vice presidents since 1933, Russia's and Ukraine's since
 * 1991), as of 2025: a release's "President X" is its own head of state
 * only when X is one of them.  "The Vice President thanked President
 * Macron" in a White House readout took the publisher's USAGOV for
 * Macron, whom Phoenix's dictionaries do not know. */
typedef struct office_holders {
    const char *country;
    agent_office office;
    const char *const *names; /* NULL-terminated */
} office_holders;

static const char *const usa_presidents[] = {
    "washington", "adams", "jefferson", "madison", "monroe", "jackson", "buren", "harrison",
    "tyler", "polk", "taylor", "fillmore", "pierce", "buchanan", "lincoln", "johnson", "grant",
    "hayes", "garfield", "arthur", "cleveland", "mckinley", "roosevelt", "taft", "wilson",
    "harding", "coolidge", "hoover", "truman", "eisenhower", "kennedy", "nixon", "ford",
    "carter", "reagan", "bush", "clinton", "obama", "trump", "biden", NULL};
static const char *const usa_vice_presidents[] = {
    "garner", "wallace", "truman", "barkley", "nixon", "johnson", "humphrey", "agnew", "ford",
    "rockefeller", "mondale", "bush", "quayle", "gore", "cheney", "biden", "pence", "harris",
    "vance", NULL};
static const char *const rus_presidents[] = {"yeltsin", "putin", "medvedev", NULL};
static const char *const ukr_presidents[] = {
    "kravchuk", "kuchma", "yushchenko", "yanukovych", "turchynov", "poroshenko", "zelenskyy",
    "zelensky", "zelenskiy", NULL};
static const office_holders holders[] = {
    {"USA", OFFICE_PRESIDENT, usa_presidents},
    {"USA", OFFICE_VICE_PRESIDENT, usa_vice_presidents},
    {"RUS", OFFICE_PRESIDENT, rus_presidents},
    {"UKR", OFFICE_PRESIDENT, ukr_presidents},
};

/* Is the person named by words [first, last], titled with office (the
 * title's first word at title), someone else than country's holders of
 * it (a table above)?  Any word of the name may be the last name
 * ("Joseph R. Biden Jr.").  False where the table has no list for that
 * country and office (nothing is known then), and for "the Office of
 * the President Andriy Yermak", where the name is not the president's. */
static bool another_holder(const coder_sent *s, const char *country, agent_office office,
                           size_t title, size_t first, size_t last)
{
    static const char *const to_of[] = {"of", "to"};
    if ((title >= 1 && coder_word_in(s, title - 1, to_of, 2)) ||
        (title >= 2 && coder_word_eq(s, title - 1, "the") && coder_word_in(s, title - 2, to_of, 2)))
        return false; /* "the Office of the President Andriy Yermak", "Special Assistant to
                       * the President Melissa Wells" */
    for (size_t k = 0; k < DYAD_ARRAY_LEN(holders); k++) {
        if (holders[k].office != office || strcmp(holders[k].country, country) != 0)
            continue;
        for (size_t i = first; i <= last; i++)
            for (const char *const *n = holders[k].names; *n; n++)
                if (coder_word_eq(s, i, *n))
                    return false;
        return true;
    }
    return false;
}

/* Is country (a code of at least three letters) a state known to lack
 * office?  Codes that are no ISO 3166 state (the dictionaries' own, or a
 * test's) may have any office. */
static bool lacks_office(const char *country, agent_office office)
{
    if (office == OFFICE_ANY || office == OFFICE_PRESIDENT || !country || strlen(country) < 3)
        return false;
    if (office == OFFICE_PRIME_MINISTER)
        return code3_in(country, no_prime_minister, DYAD_ARRAY_LEN(no_prime_minister));
    if (office == OFFICE_MINISTER)
        return code3_in(country, no_ministers, DYAD_ARRAY_LEN(no_ministers));
    bool iso = false;
    for (size_t k = 0; k < coder_iso_alpha_n && !iso; k++)
        iso = memcmp(coder_iso_alpha_table[k].a3, country, 3) == 0;
    if (!iso)
        return false;
    if (office == OFFICE_MONARCH)
        return !code3_in(country, monarchies, DYAD_ARRAY_LEN(monarchies));
    if (office == OFFICE_VICE_PRESIDENT)
        return !code3_in(country, vice_presidents, DYAD_ARRAY_LEN(vice_presidents));
    return !code3_in(country, chancellors, DYAD_ARRAY_LEN(chancellors));
}

/* With document context: an agent with no country in its phrase ("the
 * minister", "the head of state") takes the country that agent was last
 * named with in the document ("Minister of Foreign Affairs of Kazakhstan
 * ... the minister": KAZ), else the country of the document's first state
 * actor (a press release's host, a news story's subject country), else
 * of the sentence's first state actor.  With a parse, not when that actor
 * is named in this sentence as one the agent acts upon in its own clause:
 * "President Reagan accused the Soviet Union ..." opening a story is not
 * SUNGOV -> SUN (which then took the later "the U.S." as its target). */
static void agents_from_context(dyad_coder *c)
{
    const char *country = c->doc_country[0] ? c->doc_country : NULL;
    for (size_t k = 0; !country && k < c->unit_n; k++)
        if (!c->units[k].agent_only && coder_state_code(c->units[k].code))
            country = c->units[k].code;
    int country_unit = country ? context_country_unit(c, country) : -1;
    for (size_t k = 0; k < c->unit_n; k++) {
        coder_unit *u = &c->units[k];
        if (!u->agent_only || strncmp(u->code, "---", 3) != 0)
            continue;
        uint8_t pos = c->sent.w[u->end - 1].pos;
        if (c->sent.tagged && (pos == CW_ADJ || pos == CW_VERB))
            continue; /* "its firm friendship": an adjective, no agent */
        if (heads_of_states(c, u)) {
            coder_tracef(c, "agent at word %u: heads of several states, no one country",
                         u->begin + 1u);
            continue;
        }
        /* a titled person ("President Trump") is the one named so
         * before ("Ukrainian President Volodymyr Zelensky ... President
         * Zelensky"), else of the document's country: the title's last
         * holder in the document is someone else */
        long name = name_after(&c->sent, u->end);
        uint64_t key = name >= 0 ? name_key(&c->sent, (size_t)name) : 0;
        const coder_agent_country *m =
            name >= 0 ? memory_get(c->name_memory, c->name_memory_n, key) : NULL;
        const char *how = m ? "named with that country before" : "the document's country";
        agent_office office = office_of(&c->sent, u);
        if (!m && c->publisher[0] && capital_administration(&c->sent, u->begin, u->end)) {
            const char *named_before = name_before_country(c, u->begin);
            memcpy(u->code, named_before ? named_before : c->publisher, 3);
            u->agent_only = 0;
            coder_tracef(c, "agent at word %u: \"Administration\" of an official release, %s: %s",
                         u->begin + 1u,
                         named_before ? "the country of the name before it" : "the publisher's",
                         u->code);
            continue;
        }
        if (!m && c->publisher[0] && capital_congress(&c->sent, u) &&
            code3_in(c->publisher, congresses, DYAD_ARRAY_LEN(congresses))) {
            memcpy(u->code, c->publisher, 3);
            u->agent_only = 0;
            coder_tracef(c, "agent at word %u: \"Congress\" of an official release, the "
                            "publisher's: %s", u->begin + 1u, u->code);
            continue;
        }
        if (!m && name < 0 && c->publisher[0] && publishers_president(&c->sent, u) &&
            !lacks_office(c->publisher, office)) {
            memcpy(u->code, c->publisher, 3);
            u->agent_only = 0;
            coder_tracef(c, "agent at word %u: \"the %sPresident\" of an official release, the "
                            "publisher's: %s", u->begin + 1u,
                         office == OFFICE_VICE_PRESIDENT ? "Vice " : "", u->code);
            continue;
        }
        if (!m) {
            /* the title's memory, unless it was another person's */
            m = remembered_agent(c, u);
            if (m && name >= 0 && m->person && m->person != key)
                m = NULL;
            /* nor, in an official release, when the title was remembered
             * with no one named: "the Iranian President ... President
             * Trump is protecting our people" is the publisher's own */
            if (m && name >= 0 && !m->person && c->publisher[0])
                m = NULL;
            if (m)
                how = "the title's country in the document";
        }
        const char *named = m ? m->country : NULL;
        bool another = !named && name >= 0 && c->publisher[0] &&
                       another_holder(&c->sent, c->publisher, office, u->begin, u->end,
                                      (size_t)name);
        if (another && country && strncmp(country, c->publisher, 3) == 0) {
            coder_tracef(c, "agent at word %u titles %.*s, no %s of %s: no country",
                         u->begin + 1u, (int)c->sent.w[name].form.len,
                         c->sent.w[name].form.ptr,
                         office == OFFICE_VICE_PRESIDENT ? "vice president" : "president",
                         c->publisher);
            continue;
        }
        if (!named && !another && name >= 0 && c->publisher[0] &&
            !lacks_office(c->publisher, office)) {
            /* an official release titles its own people without a country */
            named = c->publisher;
            how = "the publisher's country";
        }
        if (!named && lacks_office(country, office)) {
            coder_tracef(c, "agent at word %u: %s has no such office, no country", u->begin + 1u,
                         country);
            continue;
        }
        if (!named && (!country || (country_unit >= 0 && acted_upon_by(c, u, &c->units[country_unit]))))
            continue;
        memcpy(u->code, named ? named : country, 3);
        u->agent_only = 0;
        if (name >= 0)
            coder_tracef(c, "agent at word %u titles %.*s, %s: %s", u->begin + 1u,
                         (int)c->sent.w[name].form.len, c->sent.w[name].form.ptr,
                         how, u->code);
        else
            coder_tracef(c, "agent at word %u takes the country of the document context: %s",
                         u->begin + 1u, u->code);
    }
}

static int cmp_alpha2(const void *key, const void *elem)
{
    return strcmp(key, ((const coder_iso_alpha *)elem)->a2);
}

bool coder_publisher_country(dyad_str url, dyad_str source, char out[4])
{
    out[0] = 0;
    dyad_str host = url.len ? url : source;
    if (!host.len || !host.ptr)
        return false;
    const char *p = host.ptr, *end = host.ptr + host.len;
    for (const char *q = p; q + 2 < end; q++)
        if (q[0] == ':' && q[1] == '/' && q[2] == '/') {
            p = q + 3;
            break;
        }
    const char *h_end = p;
    while (h_end < end && *h_end != '/' && *h_end != ':' && *h_end != '?' && *h_end != '#')
        h_end++;
    const char *dot = NULL;
    for (const char *q = p; q < h_end; q++)
        if (*q == '.')
            dot = q;
    if (!dot || dot == p || h_end - dot - 1 > 3 || h_end - dot - 1 < 2)
        return false; /* no top-level domain, or a generic one (.com, .org) */
    char tld[4] = {0};
    for (size_t k = 0; k < (size_t)(h_end - dot - 1); k++)
        tld[k] = (char)(dot[1 + k] >= 'A' && dot[1 + k] <= 'Z' ? dot[1 + k] + 32 : dot[1 + k]);
    if (strcmp(tld, "gov") == 0 || strcmp(tld, "mil") == 0) {
        memcpy(out, "USA", 4);
        return true;
    }
    if (strcmp(tld, "uk") == 0)
        memcpy(tld, "gb", 3); /* the one ccTLD that is not its ISO code */
    const coder_iso_alpha *e =
        bsearch(tld, coder_iso_alpha_table, coder_iso_alpha_n, sizeof *e, cmp_alpha2);
    if (!e)
        return false;
    memcpy(out, e->a3, 4);
    return true;
}

/* Are words [from, to) "of" or "of the" ("the minister of Sylvania")? */
static bool of_phrase(const coder_sent *s, size_t from, size_t to)
{
    return (to == from + 1 && coder_word_eq(s, from, "of")) ||
           (to == from + 2 && coder_word_eq(s, from, "of") && coder_word_eq(s, from + 1, "the"));
}

/* Does a titled person come before mention `first`, the sentence's first
 * actor ("President Trump is the President of Peace."; not "The minister
 * of Sylvania left.", whose country is that actor)?  That person, whose
 * country the tags may yet decide, is the sentence's first: "He" in the
 * next sentence is no earlier sentence's actor (a stale "Armenian" made
 * "As President, he has brokered peace between ..." eight ARM events),
 * so it will stand for no one. */
static bool titled_person_first(const dyad_coder *c, const coder_mention *ms, size_t mn,
                                size_t first)
{
    for (size_t k = 0; k < first && k < mn; k++)
        if (ms[k].kind == LEX_AGENT &&
            !(k + 1 < mn && ms[k + 1].kind == LEX_ACTOR &&
              of_phrase(&c->sent, ms[k].end, ms[k + 1].begin)))
            return true;
    return false;
}

/* Remembers the document's first state actor (document context) and where
 * it was named. */
static void note_doc_country(dyad_coder *c, const char *code, size_t word)
{
    if (!c->doc_country[0] && coder_state_code(code)) {
        memcpy(c->doc_country, code, 3);
        c->doc_country[3] = 0;
        c->doc_country_sent = c->sent.index;
        c->doc_country_word = (int32_t)word;
    }
}

/* One "actor:" line of the explain trace: the words, the code and where
 * the code came from (a dictionary line, or for a pronoun an actor of an
 * earlier sentence, which no longer has one, or no one). */
static void trace_unit(dyad_coder *c, const coder_unit *u)
{
    if (!c->opts.trace)
        return;
    const coder_sent *s = &c->sent;
    uint32_t file = u->actor_file ? u->actor_file : u->agent_file;
    char where[600];
    if (file) {
        dyad_str name = coder_file_name(c->lex, file);
        snprintf(where, sizeof where, "%.*s:%u", (int)name.len, name.ptr,
                 u->actor_file ? u->actor_line : u->agent_line);
    } else { /* a pronoun */
        snprintf(where, sizeof where, "%s",
                 strcmp(u->code, "---") == 0 ? "stands for no one" : "an actor named before");
    }
    coder_tracef(c, "actor: words %u-%u \"%.*s\"%s -> %s%s%s (%s)", u->begin + 1u, u->end + 0u,
                 (int)s->w[u->begin].form.len, s->w[u->begin].form.ptr,
                 u->end - u->begin > 1 ? " ..." : "", u->code, u->pronoun ? " [pronoun]" : "",
                 u->agent_only ? " [agent without a country]" : "", where);
}

/* ---- the parse fast path: sentences that name one actor ---- */

/* Up to CODER_MAX_GROUP distinct codes a sentence's units may have. */
typedef struct code_set {
    size_t n;
    char code[CODER_MAX_GROUP][CODER_MAX_CODE];
} code_set;

/* Adds code (if new and not empty); false when the set is full. */
static bool code_set_add(code_set *set, const char *code)
{
    if (!code[0])
        return true;
    for (size_t k = 0; k < set->n; k++)
        if (strcmp(set->code[k], code) == 0)
            return true;
    if (set->n == CODER_MAX_GROUP)
        return false;
    copy_code(set->code[set->n++], (dyad_str){code, strlen(code)});
    return true;
}

/* Can no two codes of the set make an event (emit): every pair of
 * different ones (neither "---") a country and its own agent? */
static bool code_set_one_actor(const code_set *set)
{
    for (size_t a = 0; a < set->n; a++)
        for (size_t b = a + 1; b < set->n; b++) {
            const char *x = set->code[a], *y = set->code[b];
            if (strncmp(x, "---", 3) != 0 && strncmp(y, "---", 3) != 0 &&
                !coder_own_country(x, y) && !coder_own_country(y, x))
                return false;
        }
    return true;
}

/* Actors and agents mixed, where the tags decide which agent qualifies
 * which actor: collects every code a unit may get, whatever they decide,
 * when all agent mentions have one agent code G (after the actor's) and
 * no actor has several codes.  A unit is an actor's code A, A with G
 * (build_units, agents_from_phrase: "the minister of Freedonia"), a
 * country C with G or "---" with G for an agent alone (agents_from_context:
 * C the publisher's, the document's, one remembered for the title or
 * the person it titles, or a state unit's of the sentence), or for a
 * pronoun an earlier unit's code or the context's actor.  True when no
 * two of them make an event: "the President of the United States" with
 * "the United States" (USA, USAGOV). */
static bool one_country_mix(const dyad_coder *c, const coder_mention *ms, size_t mn,
                            int32_t day)
{
    code_set set = {0};
    const coder_mention *agent = NULL;
    bool pronoun = false;
    for (size_t k = 0; k < mn; k++) {
        if (ms[k].kind == 0) {
            pronoun = true;
        } else if (ms[k].kind == LEX_ACTOR) {
            char code[CODER_MAX_CODE];
            const lex_actor *a = lex_at(c->lex, LEX_V_ACTORS, ms[k].entry->target);
            const lex_code *sib[1];
            if (!mention_code(c, &ms[k], day, code) ||
                sibling_codes(c->lex, a, actor_code(c->lex, a, day), sib, 1) > 0 ||
                !code_set_add(&set, code))
                return false;
        } else if (ms[k].kind == LEX_AGENT) {
            const lex_agent *ag = lex_at(c->lex, LEX_V_AGENTS, ms[k].entry->target);
            if (ag->flags & LEX_AGENT_SUFFIX)
                return false;
            if (agent) {
                const lex_agent *first = lex_at(c->lex, LEX_V_AGENTS, agent->entry->target);
                dyad_str g0 = lex_atom_str(c->lex, first->code), g = lex_atom_str(c->lex, ag->code);
                if (g.len != g0.len || memcmp(g.ptr, g0.ptr, g.len) != 0)
                    return false;
            }
            agent = &ms[k];
        }
    }
    if (!agent)
        return false;
    size_t actors = set.n;
    for (size_t k = 0; k < actors; k++) {
        char code[CODER_MAX_CODE];
        memcpy(code, set.code[k], CODER_MAX_CODE);
        add_agent(c->lex, code, agent->entry);
        if (!code_set_add(&set, code))
            return false;
    }
    if (pronoun && (!code_set_add(&set, c->prev_first_actor) || !code_set_add(&set, c->last_actor)))
        return false;
    /* the countries an agent alone may take */
    code_set countries = {0};
    bool ok = code_set_add(&countries, c->publisher) && code_set_add(&countries, c->doc_country);
    for (size_t k = 0; ok && k < set.n; k++)
        if (coder_state_code(set.code[k]))
            ok = code_set_add(&countries, (char[4]){set.code[k][0], set.code[k][1], set.code[k][2], 0});
    const coder_sent *s = &c->sent;
    for (size_t k = 0; ok && k < mn; k++) {
        if (ms[k].kind != LEX_AGENT)
            continue;
        long name = name_after(s, ms[k].end);
        const coder_agent_country *m =
            name >= 0 ? memory_get(c->name_memory, c->name_memory_n, name_key(s, (size_t)name))
                      : NULL;
        if (m)
            ok = code_set_add(&countries, m->country);
        /* "the Trump Administration" (capital_administration) */
        const char *before = ok && capital_administration(s, ms[k].begin, ms[k].end)
                                 ? name_before_country(c, ms[k].begin)
                                 : NULL;
        if (before)
            ok = code_set_add(&countries, before);
        uint32_t atoms[2] = {s->w[ms[k].begin].atom, s->w[ms[k].end - 1].atom};
        for (size_t a = 0; ok && a < 2; a++) {
            m = atoms[a] ? memory_get(c->agent_memory, c->agent_memory_n, atoms[a]) : NULL;
            if (m)
                ok = code_set_add(&countries, m->country);
        }
    }
    for (size_t k = 0; ok && k < countries.n; k++) {
        char code[CODER_MAX_CODE];
        memcpy(code, countries.code[k], 4);
        add_agent(c->lex, code, agent->entry);
        ok = code_set_add(&set, code);
    }
    return ok && code_set_one_actor(&set);
}

/* With document context: do the sentence's actors name only one actor
 * an event may have, whatever the tags and parse?  An event needs two
 * units with different codes, neither "---" nor the speakers' "us", and
 * not an actor and its own country (emit).  Read after the units were
 * built without tags.  They are the units the tags and parse give when
 * the mentions are actors and pronouns only: actors back to back merge
 * by position, pronouns take an earlier unit's code or the context's.
 * With agents and pronouns only, the tags and parse may take an agent's
 * country away (an adjective, an actor it acts upon) but give it no
 * other.  Where actors and agents mix, the tags decide what combines:
 * one_country_mix. */
static bool one_actor_only(const dyad_coder *c, const coder_mention *ms, size_t mn, int32_t day)
{
    if (!c->opts.context_actors || c->opts.keep_self_events || c->opts.allow_monads ||
        c->opts.default_source || c->opts.default_target || c->tabari)
        return false;
    bool actor = false, agent = false;
    for (size_t k = 0; k < mn; k++) {
        actor = actor || ms[k].kind == LEX_ACTOR;
        agent = agent || ms[k].kind == LEX_AGENT;
    }
    if (actor && agent)
        return one_country_mix(c, ms, mn, day);
    code_set set = {0};
    for (size_t k = 0; k < c->unit_n; k++) {
        const coder_unit *u = &c->units[k];
        if (!coder_speakers_us(&c->sent, u->begin, u->end) && !code_set_add(&set, u->code))
            return false;
    }
    return code_set_one_actor(&set);
}

/* The mentions the parse fast path found in the same fill of the words,
 * once they are parsed: what coder_gather_mentions would find again,
 * since only an expletive pronoun ("it seems") depends on the parse.
 * Not while tracing, which reports the actors gathering rejects. */
static bool reuse_mentions(dyad_coder *c, coder_mention *ms, size_t *mn)
{
    coder_sent *s = &c->sent;
    if (c->prefilter || !c->kept || c->kept_fill != s->fill || c->opts.trace)
        return false;
    *mn = 0;
    for (size_t k = 0; k < c->kept_mn; k++) {
        const coder_mention *m = &c->kept_ms[k];
        if (!m->entry && s->parsed && s->w[m->begin].rel == CR_EXPL)
            continue;
        ms[(*mn)++] = *m;
        for (size_t q = 0; q < m->gaps.n; q++)
            for (size_t i = m->gaps.from[q]; i < m->gaps.to[q]; i++)
                s->w[i].loose_gap = 1;
    }
    return true;
}

void coder_find_actors(dyad_coder *c, dyad_date date)
{
    (void)coder_sent_prefixes(c); /* failing, stem lookups take the slow way */
    c->unit_n = 0;
    c->group_n = 0;
    coder_sent *s = &c->sent;
    for (size_t i = 0; i < s->n; i++) {
        s->w[i].unit = -1;
        s->w[i].loose_gap = 0;
        s->w[i].in_mention = 0;
        s->w[i].agent_word = 0;
    }
    coder_mention ms[CODER_MAX_UNITS];
    size_t mn;
    if (!reuse_mentions(c, ms, &mn)) {
        coder_gather_mentions(c, ms, &mn, CODER_MAX_UNITS);
        c->kept = c->prefilter;
        if (c->kept) {
            memcpy(c->kept_ms, ms, mn * sizeof *ms);
            c->kept_mn = mn;
            c->kept_fill = s->fill;
        }
    }
    c->mention_n = mn;
    /* mentions do not depend on tags, and every word of one (but its
     * loose gaps) ends up in a unit: the parse fast path may rule these
     * words out as verbs before tagging */
    for (size_t k = 0; k < mn; k++)
        for (size_t i = ms[k].begin; i < ms[k].end; i++) {
            s->w[i].in_mention = !s->w[i].loose_gap;
            s->w[i].agent_word = ms[k].kind == LEX_AGENT;
        }
    build_units(c, ms, mn, day_of(date));
    if (c->opts.context_actors)
        remember_agents(c, ms, mn, day_of(date));
    /* the last actor named, for pronouns of later sentences: taken from
     * the mentions (tags and parse play no part), so coding with and
     * without the parse fast path remembers the same actor */
    c->sent_last_actor[0] = 0;
    for (size_t k = mn; k-- > 0;)
        if (ms[k].kind == LEX_ACTOR && !coder_speakers_us(s, ms[k].begin, ms[k].end)) {
            if (!mention_code(c, &ms[k], day_of(date), c->sent_last_actor))
                c->sent_last_actor[0] = 0;
            break;
        }
    c->sent_first_actor[0] = 0;
    size_t first = mn;
    for (size_t k = 0; k < mn && first == mn; k++)
        if (ms[k].kind == LEX_ACTOR && mention_code(c, &ms[k], day_of(date), c->sent_first_actor))
            first = k;
    if (c->opts.context_actors && first < mn)
        note_doc_country(c, c->sent_first_actor, ms[first].begin);
    if (c->opts.context_actors && titled_person_first(c, ms, mn, first))
        memcpy(c->sent_first_actor, "---", 4);
    for (size_t k = 0; k < c->unit_n; k++) {
        coder_unit *u = &c->units[k];
        u->head = unit_head(s, u);
        for (size_t i = u->begin; i < u->end; i++)
            if (!s->w[i].loose_gap)
                s->w[i].unit = (int16_t)k;
    }
    agents_from_phrase(c);
    if (c->opts.context_actors)
        agents_from_context(c);
    for (size_t k = 0; k < c->unit_n; k++)
        trace_unit(c, &c->units[k]);
    build_groups(c);
    c->one_actor = c->prefilter && one_actor_only(c, ms, mn, day_of(date));
}
