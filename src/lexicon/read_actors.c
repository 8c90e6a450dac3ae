/*
 * read_actors.c — actor dictionaries in TABARI (.actors) and PETRARCH
 * (Phoenix *.actors.txt) syntax.
 *
 *   NAME_PHRASE [CODE] [CODE <YYMMDD] ...   an actor and its codes
 *   +SYNONYM_PHRASE                          another phrase, same actor
 *   \t[CODE 030804-031104]                   a dated code of the last actor
 *   \t[CODE >031031]  \t[CODE <911226]  \t[CODE 19950601 - 19990815]
 *
 * A range applies on [from, to); '<D' before D; '>D' from D on; an undated
 * code is the default when no dated code applies.  "[A/B]" lists several
 * codes.  TABARI phrases not ending in '_' are stems.  TABARI <NOUN> and
 * <ADJECTIVE> sections (word classes for its parser) become LEX_WORDCLASS
 * entries.
 */
#include "lexicon/lexicon.h"

#include <string.h>

typedef struct actor_state {
    dyad_lexicon *lx;
    uint32_t file;
    lex_syntax syn;
    uint32_t actor; /* current actor, 0 = none */
} actor_state;

static bool looks_like_date(dyad_str s)
{
    return s.len && ((s.ptr[0] >= '0' && s.ptr[0] <= '9') || s.ptr[0] == '<' || s.ptr[0] == '>');
}

/* Parses the date part ("<D", ">D", "D1-D2", "D1 - D2", "") into c. */
static bool parse_restriction(dyad_str rest, lex_code *c)
{
    rest = lex_trim(rest);
    c->from = LEX_DATE_MIN;
    c->to = LEX_DATE_MAX;
    c->dated = rest.len > 0;
    if (!rest.len)
        return true;
    if (rest.ptr[0] == '<' || rest.ptr[0] == '>') {
        dyad_str d = {rest.ptr + 1, rest.len - 1};
        int32_t v;
        if (!lex_parse_date(d, &v))
            return false;
        if (rest.ptr[0] == '<')
            c->to = v;
        else
            c->from = v;
        return true;
    }
    const char *dash = memchr(rest.ptr, '-', rest.len);
    if (!dash)
        return false;
    dyad_str a = {rest.ptr, (size_t)(dash - rest.ptr)};
    dyad_str b = {dash + 1, rest.len - (size_t)(dash - rest.ptr) - 1};
    if (!lex_parse_date(a, &c->from) || !lex_parse_date(b, &c->to))
        return false;
    /* "D1-D2" includes D2 (PETRARCH unit test DATE-11); stored half-open. */
    c->to = lex_date_next_day(c->to);
    return true;
}

static dyad_status add_code(actor_state *as, dyad_str code, const lex_code *proto,
                            unsigned long line)
{
    dyad_lexicon *lx = as->lx;
    uint32_t idx, atom;
    dyad_status st = lex_intern(lx, code.ptr, code.len, &atom);
    if (!st)
        st = lex_push(lx, LEX_V_CODES, &idx);
    if (st)
        return st;
    lex_code *c = lex_at(lx, LEX_V_CODES, idx);
    *c = *proto;
    c->code = atom;
    c->line = (uint32_t)line;
    lex_actor *a = lex_at(lx, LEX_V_ACTORS, as->actor);
    if (a->code_n == 0)
        a->code_first = idx;
    a->code_n++;
    return DYAD_OK;
}

/* One "[...]" block (without brackets). */
static dyad_status code_block(actor_state *as, dyad_str inside, unsigned long line)
{
    dyad_str rest = inside, code;
    if (!lex_next_token(&rest, &code))
        return lex_report(as->lx, as->file, line, true, "malformed: empty code block []");
    if (looks_like_date(code))
        return lex_report(as->lx, as->file, line, true,
                          "malformed: code block [%.*s] has a date but no code",
                          (int)inside.len, inside.ptr);
    lex_code proto;
    memset(&proto, 0, sizeof proto);
    if (!parse_restriction(rest, &proto))
        return lex_report(as->lx, as->file, line, true,
                          "malformed: bad date restriction in [%.*s]", (int)inside.len,
                          inside.ptr);
    /* "[ELR/GAL]": several codes for one phrase. */
    size_t start = 0;
    for (size_t i = 0; i <= code.len; i++) {
        if (i == code.len || code.ptr[i] == '/') {
            if (i > start) {
                dyad_status st = add_code(as, (dyad_str){code.ptr + start, i - start}, &proto,
                                          line);
                if (st)
                    return st;
            }
            start = i + 1;
        }
    }
    return DYAD_OK;
}

/* All "[...]" blocks in s. */
static dyad_status code_blocks(actor_state *as, dyad_str s, unsigned long line)
{
    while (s.len) {
        const char *open = memchr(s.ptr, '[', s.len);
        if (!open)
            break;
        size_t off = (size_t)(open - s.ptr);
        const char *close = memchr(open, ']', s.len - off);
        if (!close)
            return lex_report(as->lx, as->file, line, true, "malformed: missing ']'");
        dyad_status st = code_block(as, (dyad_str){open + 1, (size_t)(close - open - 1)}, line);
        if (st)
            return st;
        size_t used = (size_t)(close - s.ptr) + 1;
        s.ptr += used;
        s.len -= used;
    }
    return DYAD_OK;
}

static dyad_status add_phrase(actor_state *as, dyad_str phrase, unsigned long line)
{
    uint32_t words[LEX_MAX_PHRASE_WORDS];
    size_t n;
    bool trailing;
    /* TABARI "MOUSE=": the word exactly, without endings */
    phrase = lex_trim(phrase);
    bool exact = as->syn == LEX_SYN_TABARI && phrase.len > 1 && phrase.ptr[phrase.len - 1] == '=';
    if (exact)
        phrase.len--;
    dyad_status st = lex_phrase_words(as->lx, phrase, words, LEX_MAX_PHRASE_WORDS, &n, &trailing);
    if (st == DYAD_ELIMIT)
        return lex_report(as->lx, as->file, line, true, "malformed: phrase too long");
    if (st)
        return st;
    if (n == 0)
        return lex_report(as->lx, as->file, line, true, "malformed: empty actor phrase");
    uint32_t node;
    st = lex_trie_add(as->lx, words, n, &node);
    if (st)
        return st;
    lex_entry e = {0, LEX_ACTOR, 0, as->actor, 0, as->file, (uint32_t)line};
    if (as->syn == LEX_SYN_TABARI && !trailing && !exact)
        e.flags |= LEX_EF_STEM;
    if (as->syn == LEX_SYN_TABARI)
        e.flags |= lex_loose_connectors(phrase) | (exact ? LEX_EF_NO_ENDINGS : 0);
    return lex_add_entry(as->lx, node, &e);
}

static dyad_status new_actor(actor_state *as, dyad_str line, unsigned long lineno)
{
    const char *open = memchr(line.ptr, '[', line.len);
    dyad_str phrase = {line.ptr, open ? (size_t)(open - line.ptr) : line.len};
    phrase = lex_trim(phrase);
    uint32_t idx, name;
    dyad_status st = lex_intern(as->lx, phrase.ptr, phrase.len, &name);
    if (!st)
        st = lex_push(as->lx, LEX_V_ACTORS, &idx);
    if (st)
        return st;
    lex_actor *a = lex_at(as->lx, LEX_V_ACTORS, idx);
    a->name = name;
    a->file = as->file;
    a->line = (uint32_t)lineno;
    as->actor = idx;
    st = add_phrase(as, phrase, lineno);
    if (!st && open)
        st = code_blocks(as, (dyad_str){open, line.len - (size_t)(open - line.ptr)}, lineno);
    return st;
}

static dyad_status actor_line(actor_state *as, dyad_str line, unsigned long lineno)
{
    if (line.ptr[0] == '[') {
        if (!as->actor)
            return lex_report(as->lx, as->file, lineno, true,
                              "malformed: code line before any actor");
        return code_blocks(as, line, lineno);
    }
    if (line.ptr[0] == '+') {
        if (!as->actor)
            return lex_report(as->lx, as->file, lineno, true,
                              "malformed: synonym line before any actor");
        const char *open = memchr(line.ptr, '[', line.len);
        dyad_str phrase = {line.ptr + 1, (open ? (size_t)(open - line.ptr) : line.len) - 1};
        dyad_status st = add_phrase(as, phrase, lineno);
        if (!st && open)
            st = code_blocks(as, (dyad_str){open, line.len - (size_t)(open - line.ptr)}, lineno);
        return st;
    }
    return new_actor(as, line, lineno);
}

/* TABARI <NOUN> / <ADJECTIVE> line: a word its parser treats as that
 * class ("SHEEP", "AWFUL"), so "sheep and goats" is no clause break. */
static dyad_status class_word(actor_state *as, dyad_str line, uint32_t word_class,
                              unsigned long lineno)
{
    dyad_str phrase = line, rest = line;
    if (!lex_next_token(&rest, &phrase))
        return DYAD_OK;
    uint32_t words[LEX_MAX_PHRASE_WORDS], node;
    size_t n;
    bool trailing;
    dyad_status st = lex_phrase_words(as->lx, phrase, words, LEX_MAX_PHRASE_WORDS, &n, &trailing);
    if (st == DYAD_ELIMIT)
        return lex_report(as->lx, as->file, lineno, true, "malformed: phrase too long");
    if (st || n == 0)
        return st;
    st = lex_trie_add(as->lx, words, n, &node);
    if (st)
        return st;
    lex_entry e = {0, LEX_WORDCLASS, trailing ? 0 : LEX_EF_STEM, word_class, 0, as->file,
                   (uint32_t)lineno};
    return lex_add_entry(as->lx, node, &e);
}

dyad_status lex_read_actors(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                            lex_syntax syn)
{
    actor_state as = {lx, file, syn, 0};
    lex_lines ls = LEX_LINES(lx, file, data, len, syn);
    dyad_str line;
    bool in_section = false;
    uint32_t word_class = 0; /* atom of "NOUN" / "ADJECTIVE" inside such a section */
    while (lex_next_line(&ls, &line, NULL)) {
        if (line.ptr[0] == '<' && line.len > 1 && line.ptr[line.len - 1] == '>') {
            in_section = line.ptr[1] != '/';
            word_class = 0;
            dyad_str name = {line.ptr + 1, line.len - 2};
            if (in_section && syn == LEX_SYN_TABARI &&
                ((name.len == 4 && memcmp(name.ptr, "NOUN", 4) == 0) ||
                 (name.len == 9 && memcmp(name.ptr, "ADJECTIVE", 9) == 0))) {
                dyad_status st = lex_intern(lx, name.ptr, name.len, &word_class);
                if (st)
                    return st;
            }
            continue;
        }
        if (in_section) {
            dyad_status st = word_class ? class_word(&as, line, word_class, ls.lineno) : DYAD_OK;
            if (st)
                return st;
            continue;
        }
        if (line.len > LEX_MAX_LINE) {
            dyad_status st = lex_report(lx, file, ls.lineno, true, "malformed: line too long");
            if (st)
                return st;
            continue;
        }
        dyad_status st = actor_line(&as, line, ls.lineno);
        if (st)
            return st;
    }
    return ls.status;
}
