/*
 * read_misc.c — the small dictionary kinds: agents, discards, issues,
 * TABARI .options and .project files.
 *
 * Agents:   PHRASE {PLURAL} [~CODE]   ("NGO~" puts the code first);
 *           "!PERSON! = MAN, MEN, ..." defines a substitution marker used as
 *           "CONGRESS!PERSON! [~LEG]" (no plurals are made for those);
 *           "{}" means no plural; otherwise a regular plural is generated
 *           (PETRARCH syntax only: TABARI phrases are stems).
 * Discards: one phrase a line; '+' = discard the whole story; a trailing
 *           '_' = whole word, else the last word is a stem.
 * Issues:   <ISSUE CATEGORY="..."> sections; "phrase [CODE]"; "~phrase" and
 *           "~~phrase" exclusions; "n:word" adds the plural, "v:word" the
 *           regular verb forms, "a+b" both "a b" and "a-b".
 * Options:  "KEY: value" lines (COMPLEX, SET, LABEL, OUTPUT, ...).
 * Project:  "<tag> value" lines naming the other files of a TABARI project.
 */
#include "lexicon/lexicon.h"

#include <string.h>

/* ---------------- shared ---------------- */

static dyad_status add_phrase_entry(dyad_lexicon *lx, uint32_t file, unsigned long line,
                                    dyad_str phrase, lex_kind kind, uint32_t target,
                                    uint32_t flags, bool stem_unless_underscore)
{
    uint32_t words[LEX_MAX_PHRASE_WORDS];
    size_t n;
    bool trailing;
    dyad_status st = lex_phrase_words(lx, phrase, words, LEX_MAX_PHRASE_WORDS, &n, &trailing);
    if (st == DYAD_ELIMIT)
        return lex_report(lx, file, line, true, "malformed: phrase too long");
    if (st)
        return st;
    if (n == 0)
        return lex_report(lx, file, line, true, "malformed: empty phrase");
    uint32_t node;
    st = lex_trie_add(lx, words, n, &node);
    if (st)
        return st;
    lex_entry e = {0, kind, flags, target, 0, file, (uint32_t)line};
    if (stem_unless_underscore && !trailing)
        e.flags |= LEX_EF_STEM;
    return lex_add_entry(lx, node, &e);
}

/* ---------------- agents ---------------- */

typedef struct subst_marker {
    dyad_str name; /* without the '!' */
    dyad_str list; /* comma-separated */
} subst_marker;

typedef struct agent_state {
    dyad_lexicon *lx;
    uint32_t file;
    lex_syntax syn;
    subst_marker markers[LEX_MAX_SUBST];
    size_t marker_n;
} agent_state;

static dyad_status define_marker(agent_state *as, dyad_str line, unsigned long lineno)
{
    const char *a = memchr(line.ptr, '!', line.len);
    const char *b = a ? memchr(a + 1, '!', line.len - (size_t)(a + 1 - line.ptr)) : NULL;
    const char *eq = b ? memchr(b, '=', line.len - (size_t)(b - line.ptr)) : NULL;
    if (!eq)
        return lex_report(as->lx, as->file, lineno, true,
                          "malformed: substitution marker must be !NAME! = A, B, ...");
    if (as->marker_n == LEX_MAX_SUBST)
        return lex_report(as->lx, as->file, lineno, true,
                          "malformed: more than %u substitution markers", LEX_MAX_SUBST);
    subst_marker *m = &as->markers[as->marker_n++];
    m->name = (dyad_str){a + 1, (size_t)(b - a - 1)};
    m->list = (dyad_str){eq + 1, line.len - (size_t)(eq + 1 - line.ptr)};
    return DYAD_OK;
}

static dyad_status new_agent(agent_state *as, dyad_str code, unsigned long lineno, uint32_t *idx)
{
    code = lex_trim(code);
    uint32_t flags = 0;
    if (code.len && code.ptr[0] == '~') {
        flags = LEX_AGENT_PREFIX;
        code.ptr++, code.len--;
    } else if (code.len && code.ptr[code.len - 1] == '~') {
        flags = LEX_AGENT_SUFFIX;
        code.len--;
    }
    code = lex_trim(code);
    uint32_t atom;
    dyad_status st = lex_intern(as->lx, code.ptr, code.len, &atom);
    if (!st)
        st = lex_push(as->lx, LEX_V_AGENTS, idx);
    if (st)
        return st;
    lex_agent *ag = lex_at(as->lx, LEX_V_AGENTS, *idx);
    ag->code = atom;
    ag->flags = flags;
    ag->file = as->file;
    ag->line = (uint32_t)lineno;
    return DYAD_OK;
}

static dyad_status agent_with_marker(agent_state *as, dyad_str phrase, uint32_t agent,
                                     unsigned long lineno)
{
    const char *a = memchr(phrase.ptr, '!', phrase.len);
    const char *b = memchr(a + 1, '!', phrase.len - (size_t)(a + 1 - phrase.ptr));
    if (!b)
        return lex_report(as->lx, as->file, lineno, true,
                          "malformed: substitution marker is missing its closing '!'");
    dyad_str name = {a + 1, (size_t)(b - a - 1)};
    const subst_marker *m = NULL;
    for (size_t i = 0; i < as->marker_n; i++)
        if (as->markers[i].name.len == name.len && !memcmp(as->markers[i].name.ptr, name.ptr, name.len))
            m = &as->markers[i];
    if (!m)
        return lex_report(as->lx, as->file, lineno, true,
                          "malformed: substitution marker !%.*s! is not defined", (int)name.len,
                          name.ptr);
    size_t pre = (size_t)(a - phrase.ptr), post_off = (size_t)(b + 1 - phrase.ptr);
    dyad_str list = m->list;
    while (list.len) {
        const char *comma = memchr(list.ptr, ',', list.len);
        dyad_str item = {list.ptr, comma ? (size_t)(comma - list.ptr) : list.len};
        list.ptr += item.len + (comma ? 1 : 0);
        list.len -= item.len + (comma ? 1 : 0);
        item = lex_trim(item);
        char tmp[LEX_MAX_WORD * 2];
        size_t n = pre + item.len + (phrase.len - post_off);
        if (!item.len || n >= sizeof tmp)
            continue;
        memcpy(tmp, phrase.ptr, pre);
        memcpy(tmp + pre, item.ptr, item.len);
        memcpy(tmp + pre + item.len, phrase.ptr + post_off, phrase.len - post_off);
        dyad_status st = add_phrase_entry(as->lx, as->file, lineno, (dyad_str){tmp, n},
                                          LEX_AGENT, agent, LEX_EF_GENERATED, false);
        if (st)
            return st;
    }
    return DYAD_OK;
}

/* The regular plural of a phrase: pluralize the last word. */
static dyad_status agent_plural(agent_state *as, dyad_str phrase, uint32_t agent,
                                unsigned long lineno)
{
    phrase = lex_trim(phrase);
    while (phrase.len && phrase.ptr[phrase.len - 1] == '_')
        phrase.len--;
    size_t start = phrase.len;
    while (start && phrase.ptr[start - 1] != '_' && phrase.ptr[start - 1] != ' ')
        start--;
    char plural[LEX_MAX_WORD], tmp[LEX_MAX_WORD * 2];
    if (!lex_plural(phrase.ptr + start, phrase.len - start, plural))
        return DYAD_OK;
    size_t pl = strlen(plural);
    if (start + pl >= sizeof tmp)
        return DYAD_OK;
    memcpy(tmp, phrase.ptr, start);
    memcpy(tmp + start, plural, pl);
    return add_phrase_entry(as->lx, as->file, lineno, (dyad_str){tmp, start + pl}, LEX_AGENT,
                            agent, LEX_EF_GENERATED, false);
}

static dyad_status agent_line(agent_state *as, dyad_str line, unsigned long lineno)
{
    if (memchr(line.ptr, '!', line.len) && memchr(line.ptr, '=', line.len))
        return define_marker(as, line, lineno);
    const char *open = memchr(line.ptr, '[', line.len);
    if (!open)
        return lex_report(as->lx, as->file, lineno, true, "malformed: agent without [CODE]");
    size_t off = (size_t)(open - line.ptr);
    const char *close = memchr(open, ']', line.len - off);
    if (!close)
        return lex_report(as->lx, as->file, lineno, true, "malformed: missing ']'");
    dyad_str phrase = lex_trim((dyad_str){line.ptr, off});
    uint32_t agent;
    dyad_status st = new_agent(as, (dyad_str){open + 1, (size_t)(close - open - 1)}, lineno, &agent);
    if (st)
        return st;
    bool tabari = as->syn == LEX_SYN_TABARI;
    if (memchr(phrase.ptr, '!', phrase.len))
        return agent_with_marker(as, phrase, agent, lineno);
    const char *brace = memchr(phrase.ptr, '{', phrase.len);
    if (!brace) {
        st = add_phrase_entry(as->lx, as->file, lineno, phrase, LEX_AGENT, agent, 0, tabari);
        /* TABARI stems match their plurals already; a whole-word agent
         * ("MUSLIM_") gets its regular plural as in TABARI */
        if (!st && (!tabari || (phrase.len && phrase.ptr[phrase.len - 1] == '_')))
            st = agent_plural(as, phrase, agent, lineno);
        return st;
    }
    size_t boff = (size_t)(brace - phrase.ptr);
    const char *rbrace = memchr(brace, '}', phrase.len - boff);
    if (!rbrace)
        return lex_report(as->lx, as->file, lineno, true, "malformed: missing '}'");
    st = add_phrase_entry(as->lx, as->file, lineno, (dyad_str){phrase.ptr, boff}, LEX_AGENT,
                          agent, 0, tabari);
    dyad_str plural = lex_trim((dyad_str){brace + 1, (size_t)(rbrace - brace - 1)});
    if (!st && plural.len)
        st = add_phrase_entry(as->lx, as->file, lineno, plural, LEX_AGENT, agent, 0, tabari);
    return st;
}

dyad_status lex_read_agents(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                            lex_syntax syn)
{
    agent_state as;
    memset(&as, 0, sizeof as);
    as.lx = lx;
    as.file = file;
    as.syn = syn;
    lex_lines ls = LEX_LINES(lx, file, data, len, syn);
    dyad_str line;
    while (lex_next_line(&ls, &line, NULL)) {
        dyad_status st = agent_line(&as, line, ls.lineno);
        if (st)
            return st;
    }
    return ls.status;
}

/* ---------------- discards ---------------- */

dyad_status lex_read_discards(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                              lex_syntax syn)
{
    lex_lines ls = LEX_LINES(lx, file, data, len, syn);
    dyad_str line;
    while (lex_next_line(&ls, &line, NULL)) {
        uint32_t flags = 0;
        if (line.ptr[0] == '+') {
            flags = LEX_EF_STORY;
            line.ptr++, line.len--;
        }
        uint32_t atom;
        dyad_status st = lex_intern(lx, line.ptr, line.len, &atom);
        if (!st)
            st = add_phrase_entry(lx, file, ls.lineno, line, LEX_DISCARD, atom, flags, true);
        if (st)
            return st;
    }
    return ls.status;
}

/* ---------------- issues ---------------- */

#define ISSUE_MAX_FORMS 64
typedef struct issue_forms {
    char text[ISSUE_MAX_FORMS][LEX_MAX_WORD];
    size_t n;
} issue_forms;

static bool forms_add(issue_forms *f, const char *a, size_t alen, const char *b, size_t blen,
                      const char *c, size_t clen)
{
    if (f->n == ISSUE_MAX_FORMS || alen + blen + clen >= LEX_MAX_WORD)
        return false;
    char *t = f->text[f->n++];
    memcpy(t, a, alen);
    memcpy(t + alen, b, blen);
    memcpy(t + alen + blen, c, clen);
    t[alen + blen + clen] = 0;
    return true;
}

static const char *find_marker(const char *s, char which)
{
    for (const char *p = s; p[0] && p[1]; p++)
        if ((p[0] == which || p[0] == which - 32) && p[1] == ':')
            return p;
    return NULL;
}

/* Expands one form at index i if it has a marker; returns true if it did. */
static bool expand_one(issue_forms *f, size_t i)
{
    char cur[LEX_MAX_WORD];
    strcpy(cur, f->text[i]);
    size_t len = strlen(cur);
    char *plus = strchr(cur, '+');
    if (plus) {
        *plus = ' ';
        strcpy(f->text[i], cur);
        *plus = '-';
        forms_add(f, cur, len, "", 0, "", 0);
        return true;
    }
    const char *m = find_marker(cur, 'n');
    bool verb = false;
    if (!m) {
        m = find_marker(cur, 'v');
        verb = m != NULL;
    }
    if (!m)
        return false;
    size_t pre = (size_t)(m - cur);
    const char *word = m + 2;
    size_t wlen = strcspn(word, " ");
    const char *post = word + wlen;
    /* The marker is removed in place: the result is shorter than cur. */
    size_t wrest = strlen(word);
    memcpy(f->text[i], cur, pre);
    memcpy(f->text[i] + pre, word, wrest + 1);
    if (verb) {
        char forms[3][LEX_MAX_WORD];
        if (lex_regular_forms(word, wlen, forms))
            for (int k = 0; k < 3; k++)
                forms_add(f, cur, pre, forms[k], strlen(forms[k]), post, strlen(post));
    } else {
        char plural[LEX_MAX_WORD];
        if (lex_plural(word, wlen, plural))
            forms_add(f, cur, pre, plural, strlen(plural), post, strlen(post));
    }
    return true;
}

static dyad_status issue_add(dyad_lexicon *lx, uint32_t file, unsigned long lineno,
                             dyad_str phrase, uint32_t issue, uint32_t flags)
{
    issue_forms *f = core_alloc(lx->allocator, sizeof *f);
    if (!f)
        return DYAD_ENOMEM;
    f->n = 0;
    dyad_status st = DYAD_OK;
    if (!forms_add(f, phrase.ptr, phrase.len, "", 0, "", 0)) {
        st = lex_report(lx, file, lineno, true, "malformed: issue phrase too long");
    } else {
        for (int rounds = 0; rounds < 64; rounds++) {
            bool changed = false;
            for (size_t i = 0; i < f->n; i++)
                changed |= expand_one(f, i);
            if (!changed)
                break;
        }
        for (size_t i = 0; i < f->n && !st; i++)
            st = add_phrase_entry(lx, file, lineno, (dyad_str){f->text[i], strlen(f->text[i])},
                                  LEX_ISSUE, issue, flags | (i ? LEX_EF_GENERATED : 0), false);
    }
    core_free(lx->allocator, f);
    return st;
}

static dyad_status issue_record(dyad_lexicon *lx, uint32_t file, unsigned long lineno,
                                dyad_str code, uint32_t category, uint32_t flags, uint32_t *idx)
{
    uint32_t atom = 0;
    dyad_status st = code.len ? lex_intern(lx, code.ptr, code.len, &atom) : DYAD_OK;
    if (!st)
        st = lex_push(lx, LEX_V_ISSUES, idx);
    if (st)
        return st;
    lex_issue *is = lex_at(lx, LEX_V_ISSUES, *idx);
    is->code = atom;
    is->category = category;
    is->flags = flags;
    is->file = file;
    is->line = (uint32_t)lineno;
    return DYAD_OK;
}

static dyad_status issue_category(dyad_lexicon *lx, dyad_str line, uint32_t *category)
{
    *category = 0;
    const char *q = memchr(line.ptr, '"', line.len);
    if (!q)
        return DYAD_OK;
    size_t off = (size_t)(q + 1 - line.ptr);
    const char *q2 = memchr(q + 1, '"', line.len - off);
    if (!q2)
        return DYAD_OK;
    return lex_intern(lx, q + 1, (size_t)(q2 - q - 1), category);
}

dyad_status lex_read_issues(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                            lex_syntax syn)
{
    lex_lines ls = LEX_LINES(lx, file, data, len, syn);
    dyad_str line;
    uint32_t category = 0;
    while (lex_next_line(&ls, &line, NULL)) {
        dyad_status st = DYAD_OK;
        uint32_t idx;
        if (line.len > 7 && !memcmp(line.ptr, "<ISSUE ", 7)) {
            st = issue_category(lx, line, &category);
        } else if (line.len >= 7 && !memcmp(line.ptr, "</ISSUE", 7)) {
            category = 0;
        } else if (line.ptr[0] == '~') {
            uint32_t flags = line.len > 1 && line.ptr[1] == '~' ? LEX_EF_IGNORE_STORY : LEX_EF_IGNORE;
            size_t skip = flags == LEX_EF_IGNORE_STORY ? 2 : 1;
            dyad_str phrase = lex_trim((dyad_str){line.ptr + skip, line.len - skip});
            st = issue_record(lx, file, ls.lineno, (dyad_str){"", 0}, category, flags, &idx);
            if (!st)
                st = issue_add(lx, file, ls.lineno, phrase, idx, flags);
        } else {
            const char *open = memchr(line.ptr, '[', line.len);
            const char *close = open ? memchr(open, ']', line.len - (size_t)(open - line.ptr)) : NULL;
            if (!close) {
                st = lex_report(lx, file, ls.lineno, true, "malformed: issue phrase without [CODE]");
            } else {
                dyad_str code = lex_trim((dyad_str){open + 1, (size_t)(close - open - 1)});
                dyad_str phrase = lex_trim((dyad_str){line.ptr, (size_t)(open - line.ptr)});
                st = issue_record(lx, file, ls.lineno, code, category, 0, &idx);
                if (!st)
                    st = issue_add(lx, file, ls.lineno, phrase, idx, 0);
            }
        }
        if (st)
            return st;
    }
    return ls.status;
}

/* ---------------- options and projects ---------------- */

static dyad_status add_option(dyad_lexicon *lx, uint32_t file, unsigned long lineno,
                              dyad_str key, dyad_str value)
{
    uint32_t k, v, idx;
    key = lex_trim(key);
    value = lex_trim(value);
    dyad_status st = lex_intern(lx, key.ptr, key.len, &k);
    if (!st)
        st = lex_intern(lx, value.ptr, value.len, &v);
    if (!st)
        st = lex_push(lx, LEX_V_OPTIONS, &idx);
    if (st)
        return st;
    lex_option *o = lex_at(lx, LEX_V_OPTIONS, idx);
    o->key = k;
    o->value = v;
    o->file = file;
    o->line = (uint32_t)lineno;
    return DYAD_OK;
}

dyad_status lex_read_options(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                             lex_syntax syn)
{
    lex_file *f = lex_at(lx, LEX_V_FILES, file);
    bool project = f->kind == LEX_FILE_PROJECT;
    lex_lines ls = LEX_LINES(lx, file, data, len, syn);
    dyad_str line;
    while (lex_next_line(&ls, &line, NULL)) {
        dyad_status st = DYAD_OK;
        if (line.ptr[0] == '~')
            break; /* "~~~~~" ends an options file */
        if (project) {
            if (line.ptr[0] != '<') {
                st = add_option(lx, file, ls.lineno, (dyad_str){"title", 5}, line);
            } else {
                const char *gt = memchr(line.ptr, '>', line.len);
                if (!gt)
                    st = lex_report(lx, file, ls.lineno, true, "malformed: missing '>'");
                else if (line.len < 9 || memcmp(line.ptr, "<session", 8) != 0)
                    st = add_option(lx, file, ls.lineno,
                                    (dyad_str){line.ptr + 1, (size_t)(gt - line.ptr - 1)},
                                    (dyad_str){gt + 1, line.len - (size_t)(gt + 1 - line.ptr)});
            }
        } else {
            const char *colon = memchr(line.ptr, ':', line.len);
            if (!colon)
                st = lex_report(lx, file, ls.lineno, true, "malformed: option without 'KEY:'");
            else
                st = add_option(lx, file, ls.lineno, (dyad_str){line.ptr, (size_t)(colon - line.ptr)},
                                (dyad_str){colon + 1, line.len - (size_t)(colon + 1 - line.ptr)});
        }
        if (st)
            return st;
    }
    return ls.status;
}
