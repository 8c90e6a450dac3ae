/*
 * read_verbs.c — verb dictionaries in the three syntaxes.
 *
 * Shared line kinds:
 *   &NAME            starts a synset; "+MEMBER" lines follow ('_' or ' '
 *                    between words; a label or member ending in '_' gets
 *                    no generated plural)
 *   --- NAME [C] --- starts a verb block (PETRARCH); its code is the default
 *   VERB {FORMS} [C] a verb of the block: irregular forms in {...} replace
 *                    the generated ones; "+SHUT_DOWN", "RE_+ARREST": multi-
 *                    word verbs, '+' marks the inflected word
 *   - PATTERN [C]    a pattern of the block (or, in TABARI, of the verb)
 *   ~ ...            a PETRARCH-2 transformation line (kept as text)
 *   <SYNSETS> <TIME> TABARI sections (time phrases are skipped)
 *
 * Pattern syntaxes, parsed into lex_elem sequences:
 *   PETRARCH-2: blank-separated words; '*' the verb; "{mod head}" noun
 *               phrases; "(prep head)" prepositional phrases; '$' '+'
 *               source/target; "&SYN" synsets.
 *   PETRARCH-1 and TABARI: linear; '_' joins consecutive words; '$' '+'
 *               '%' '^'; TABARI "{ A | B }" alternatives; TABARI words are
 *               stems unless they end in '_'.
 * Codes: [X], [X:Y] (paired), [:Y] (one-sided), [---] (null).
 */
#include "lexicon/lexicon.h"

#include <string.h>

typedef struct verb_state {
    dyad_lexicon *lx;
    uint32_t file;
    lex_syntax syn;
    uint32_t block, verb, synset;
    bool in_time;
} verb_state;

static bool starts(dyad_str s, const char *p)
{
    size_t n = strlen(p);
    return s.len >= n && memcmp(s.ptr, p, n) == 0;
}

/* "[...]" at the end part of s: splits off the code. */
static bool split_code(dyad_str s, dyad_str *before, dyad_str *code)
{
    const char *open = NULL;
    for (size_t i = s.len; i-- > 0;)
        if (s.ptr[i] == '[') {
            open = s.ptr + i;
            break;
        }
    if (!open)
        return false;
    size_t off = (size_t)(open - s.ptr);
    const char *close = memchr(open, ']', s.len - off);
    if (!close)
        return false;
    *before = lex_trim((dyad_str){s.ptr, off});
    *code = lex_trim((dyad_str){open + 1, (size_t)(close - open - 1)});
    return true;
}

static dyad_status code_atom(dyad_lexicon *lx, dyad_str code, uint32_t *atom)
{
    *atom = 0;
    code = lex_trim(code);
    return code.len ? lex_intern(lx, code.ptr, code.len, atom) : DYAD_OK;
}

/* ---------------- blocks ---------------- */

static dyad_status new_block(verb_state *vs, dyad_str name, dyad_str code, unsigned long line)
{
    uint32_t idx, n, c;
    dyad_status st = lex_intern(vs->lx, name.ptr, name.len, &n);
    if (!st)
        st = code_atom(vs->lx, code.len ? code : (dyad_str){"---", 3}, &c);
    if (!st)
        st = lex_push(vs->lx, LEX_V_BLOCKS, &idx);
    if (st)
        return st;
    lex_block *b = lex_at(vs->lx, LEX_V_BLOCKS, idx);
    b->name = n;
    b->code = c;
    b->file = vs->file;
    b->line = (uint32_t)line;
    b->syntax = vs->syn;
    vs->block = idx;
    vs->verb = 0;
    vs->synset = 0;
    return DYAD_OK;
}

static dyad_status block_header(verb_state *vs, dyad_str line, unsigned long lineno)
{
    dyad_str body = lex_trim((dyad_str){line.ptr + 3, line.len - 3});
    while (body.len && body.ptr[body.len - 1] == '-')
        body.len--;
    dyad_str before, code = {"", 0};
    if (!split_code(body, &before, &code))
        before = lex_trim(body);
    dyad_str name;
    if (!lex_next_token(&before, &name))
        return lex_report(vs->lx, vs->file, lineno, true, "malformed: verb block without a name");
    return new_block(vs, name, code, lineno);
}

/* ---------------- synsets ---------------- */

static dyad_status synset_start(verb_state *vs, dyad_str line, unsigned long lineno)
{
    dyad_str name;
    dyad_str rest = line;
    lex_next_token(&rest, &name);
    uint32_t flags = 0;
    if (name.len > 1 && name.ptr[name.len - 1] == '_') {
        flags = LEX_SF_NOPLURAL;
        name.len--;
    }
    uint32_t idx, atom;
    dyad_status st = lex_intern(vs->lx, name.ptr, name.len, &atom);
    if (!st)
        st = lex_push(vs->lx, LEX_V_SYNSETS, &idx);
    if (st)
        return st;
    lex_synset *s = lex_at(vs->lx, LEX_V_SYNSETS, idx);
    s->name = atom;
    s->flags = flags;
    s->file = vs->file;
    s->line = (uint32_t)lineno;
    vs->synset = idx;
    if (rest.len && lex_trim(rest).len)
        return lex_report(vs->lx, vs->file, lineno, true, "malformed: text after synset name");
    return DYAD_OK;
}

/* Adds one phrase of a synset member to the trie (literal members only). */
static dyad_status member_phrase(verb_state *vs, const uint32_t *words, size_t n,
                                 unsigned long lineno, uint32_t flags)
{
    uint32_t node;
    dyad_status st = lex_trie_add(vs->lx, words, n, &node);
    if (st)
        return st;
    lex_entry e = {0, LEX_SYNSET, flags, vs->synset, 0, vs->file, (uint32_t)lineno};
    return lex_add_entry(vs->lx, node, &e);
}

static dyad_status store_member(verb_state *vs, const uint32_t *words, size_t n,
                                unsigned long lineno, uint32_t flags)
{
    dyad_lexicon *lx = vs->lx;
    uint32_t idx, first = LEX_N(lx, LEX_V_SEQ);
    dyad_status st = DYAD_OK;
    for (size_t i = 0; i < n && !st; i++) {
        uint32_t s;
        st = lex_push(lx, LEX_V_SEQ, &s);
        if (!st)
            *(uint32_t *)lex_at(lx, LEX_V_SEQ, s) = words[i];
    }
    if (!st)
        st = lex_push(lx, LEX_V_MEMBERS, &idx);
    if (st)
        return st;
    lex_member *m = lex_at(lx, LEX_V_MEMBERS, idx);
    m->seq_first = first;
    m->seq_n = (uint32_t)n;
    m->flags = flags;
    m->line = (uint32_t)lineno;
    lex_synset *s = lex_at(lx, LEX_V_SYNSETS, vs->synset);
    if (s->member_n == 0)
        s->member_first = idx;
    s->member_n++;
    return DYAD_OK;
}

static dyad_status synset_member(verb_state *vs, dyad_str line, unsigned long lineno)
{
    dyad_lexicon *lx = vs->lx;
    dyad_str phrase = lex_trim((dyad_str){line.ptr + 1, line.len - 1});
    uint32_t words[LEX_MAX_PHRASE_WORDS];
    size_t n;
    bool trailing;
    dyad_status st = lex_phrase_words(lx, phrase, words, LEX_MAX_PHRASE_WORDS, &n, &trailing);
    if (st == DYAD_ELIMIT)
        return lex_report(lx, vs->file, lineno, true, "malformed: synset member too long");
    if (st)
        return st;
    if (n == 0)
        return lex_report(lx, vs->file, lineno, true, "malformed: empty synset member");
    /* "&X" members refer to other synsets (TABARI); keep them upper case. */
    bool nested = memchr(phrase.ptr, '&', phrase.len) != NULL;
    if (nested) {
        for (size_t i = 0; i < n; i++) {
            dyad_str w = lex_atom_str(lx, words[i]);
            if (w.len && w.ptr[0] == '&') {
                char up[LEX_MAX_WORD];
                if (w.len > sizeof up)
                    return lex_report(lx, vs->file, lineno, true,
                                      "malformed: synset name longer than %zu bytes",
                                      sizeof up);
                for (size_t k = 0; k < w.len; k++)
                    up[k] = (char)(w.ptr[k] >= 'a' && w.ptr[k] <= 'z' ? w.ptr[k] - 32 : w.ptr[k]);
                st = lex_intern(lx, up, w.len, &words[i]);
                if (st)
                    return st;
            }
        }
    }
    uint32_t flags = vs->syn == LEX_SYN_TABARI && !trailing ? LEX_EF_STEM : 0;
    /* TABARI members: '_' joins whole words, a blank allows words between */
    st = store_member(vs, words, n, lineno,
                      flags | (vs->syn == LEX_SYN_TABARI ? lex_loose_connectors(phrase) : 0));
    if (!st && !nested)
        st = member_phrase(vs, words, n, lineno, flags);
    const lex_synset *s = lex_at(lx, LEX_V_SYNSETS, vs->synset);
    bool plural = !nested && !trailing && !(s->flags & LEX_SF_NOPLURAL) && vs->syn != LEX_SYN_TABARI;
    if (!st && plural) {
        dyad_str last = lex_atom_str(lx, words[n - 1]);
        char pl[LEX_MAX_WORD];
        if (lex_plural(last.ptr, last.len, pl)) {
            st = lex_intern(lx, pl, strlen(pl), &words[n - 1]);
            if (!st)
                st = store_member(vs, words, n, lineno, LEX_EF_GENERATED);
            if (!st)
                st = member_phrase(vs, words, n, lineno, LEX_EF_GENERATED);
        }
    }
    return st;
}

/* ---------------- verbs ---------------- */

static bool is_sep(char c) { return c == '_' || c == ' ' || c == '\t'; }

/* Splits a verb spelling ("+SHUT_DOWN", "RE_+ARREST", "SAY") into word atoms
 * and the 1-based position of the inflected word. */
static dyad_status verb_words(verb_state *vs, dyad_str spelling, uint32_t *words, size_t *n,
                              uint32_t *head, unsigned long lineno, bool *ok)
{
    *ok = false;
    *head = 0;
    char tmp[LEX_MAX_WORD * 2];
    size_t len = 0;
    for (size_t i = 0; i < spelling.len; i++) {
        if (spelling.ptr[i] == '+') {
            size_t pos = 1;
            for (size_t k = 1; k < i; k++)
                pos += is_sep(spelling.ptr[k]) && !is_sep(spelling.ptr[k - 1]);
            *head = (uint32_t)pos;
            continue;
        }
        if (len + 1 >= sizeof tmp)
            return lex_report(vs->lx, vs->file, lineno, true, "malformed: verb too long");
        tmp[len++] = spelling.ptr[i];
    }
    bool trailing;
    dyad_status st = lex_phrase_words(vs->lx, (dyad_str){tmp, len}, words, LEX_MAX_PHRASE_WORDS,
                                      n, &trailing);
    if (st == DYAD_ELIMIT)
        return lex_report(vs->lx, vs->file, lineno, true, "malformed: verb too long");
    if (st)
        return st;
    if (*n == 0)
        return lex_report(vs->lx, vs->file, lineno, true, "malformed: empty verb");
    if (*head == 0) {
        if (*n > 1 && vs->syn == LEX_SYN_PETR2)
            return lex_report(vs->lx, vs->file, lineno, true,
                              "malformed: multi-word verb '%.*s' needs '+' on the inflected word",
                              (int)spelling.len, spelling.ptr);
        *head = 1;
    }
    if (*head > *n)
        return lex_report(vs->lx, vs->file, lineno, true, "malformed: '+' is not on a word");
    *ok = true;
    return DYAD_OK;
}

static dyad_status add_form(verb_state *vs, uint32_t verb, const uint32_t *words, size_t n,
                            uint32_t head, uint32_t flags, unsigned long lineno)
{
    uint32_t node;
    dyad_status st = lex_trie_add(vs->lx, words, n, &node);
    if (st)
        return st;
    lex_entry e = {0, LEX_VERB, flags, verb, head, vs->file, (uint32_t)lineno};
    return lex_add_entry(vs->lx, node, &e);
}

static dyad_status regular_forms(verb_state *vs, uint32_t verb, uint32_t *words, size_t n,
                                 uint32_t head, unsigned long lineno)
{
    dyad_str w = lex_atom_str(vs->lx, words[head - 1]);
    char forms[3][LEX_MAX_WORD];
    if (!lex_regular_forms(w.ptr, w.len, forms))
        return DYAD_OK;
    uint32_t saved = words[head - 1];
    dyad_status st = DYAD_OK;
    for (int i = 0; i < 3 && !st; i++) {
        st = lex_intern(vs->lx, forms[i], strlen(forms[i]), &words[head - 1]);
        if (!st)
            st = add_form(vs, verb, words, n, head, LEX_EF_GENERATED, lineno);
    }
    words[head - 1] = saved;
    return st;
}

static dyad_status new_verb(verb_state *vs, const uint32_t *words, size_t n, uint32_t code,
                            uint32_t flags, unsigned long lineno, uint32_t *idx)
{
    char lemma[LEX_MAX_WORD * 2];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        dyad_str w = lex_atom_str(vs->lx, words[i]);
        if (len + w.len + 2 >= sizeof lemma)
            break;
        if (i)
            lemma[len++] = ' ';
        memcpy(lemma + len, w.ptr, w.len);
        len += w.len;
    }
    uint32_t atom;
    dyad_status st = lex_intern(vs->lx, lemma, len, &atom);
    if (!st)
        st = lex_push(vs->lx, LEX_V_VERBS, idx);
    if (st)
        return st;
    lex_verb *v = lex_at(vs->lx, LEX_V_VERBS, *idx);
    v->lemma = atom;
    v->block = vs->block;
    v->code = code;
    v->flags = flags | (n > 1 ? LEX_VF_MULTI : 0);
    v->file = vs->file;
    v->line = (uint32_t)lineno;
    return DYAD_OK;
}

/* The irregular forms inside {...}. */
static dyad_status explicit_forms(verb_state *vs, uint32_t verb, dyad_str list, uint32_t lemma_head,
                                  unsigned long lineno)
{
    dyad_str tok;
    size_t count = 0;
    while (lex_next_token(&list, &tok)) {
        if (++count > LEX_MAX_FORMS)
            return lex_report(vs->lx, vs->file, lineno, true, "malformed: too many verb forms");
        uint32_t words[LEX_MAX_PHRASE_WORDS], head;
        size_t n;
        bool ok;
        dyad_status st = verb_words(vs, tok, words, &n, &head, lineno, &ok);
        if (st)
            return st;
        if (!ok)
            continue;
        if (n > 1 && !memchr(tok.ptr, '+', tok.len))
            head = lemma_head;
        uint32_t flags = vs->syn == LEX_SYN_TABARI ? LEX_EF_STEM : 0;
        st = add_form(vs, verb, words, n, head, flags, lineno);
        if (st)
            return st;
    }
    return DYAD_OK;
}

static dyad_status verb_line(verb_state *vs, dyad_str line, unsigned long lineno)
{
    vs->synset = 0;
    dyad_str before = line, code = {"", 0};
    bool has_code = split_code(line, &before, &code);
    const char *brace = memchr(before.ptr, '{', before.len);
    dyad_str forms = {"", 0};
    dyad_str spelling_part = before;
    if (brace) {
        size_t off = (size_t)(brace - before.ptr);
        const char *rb = memchr(brace, '}', before.len - off);
        if (!rb)
            return lex_report(vs->lx, vs->file, lineno, true, "malformed: missing '}'");
        forms = (dyad_str){brace + 1, (size_t)(rb - brace - 1)};
        spelling_part = (dyad_str){before.ptr, off};
        dyad_str after = lex_trim((dyad_str){rb + 1, before.len - (size_t)(rb + 1 - before.ptr)});
        if (after.len)
            return lex_report(vs->lx, vs->file, lineno, true,
                              "malformed: text after the verb forms: '%.*s'", (int)after.len,
                              after.ptr);
    }
    dyad_str spelling, extra;
    dyad_str rest = spelling_part;
    if (!lex_next_token(&rest, &spelling))
        return lex_report(vs->lx, vs->file, lineno, true, "malformed: empty verb line");
    /* TABARI and PETRARCH-1 allow blanks in verb phrases; PETRARCH-2 would
     * read each word as another verb. */
    if (vs->syn != LEX_SYN_PETR2)
        spelling = lex_trim(spelling_part);
    else if (lex_next_token(&rest, &extra))
        return lex_report(vs->lx, vs->file, lineno, true,
                          "malformed: text after the verb: '%.*s' (words of a multi-word verb "
                          "are joined with '_')", (int)extra.len, extra.ptr);
    uint32_t words[LEX_MAX_PHRASE_WORDS], head;
    size_t n;
    bool ok;
    /* TABARI "BAN=": the word exactly, without endings */
    bool exact = vs->syn == LEX_SYN_TABARI && spelling.len > 1 &&
                 spelling.ptr[spelling.len - 1] == '=';
    if (exact)
        spelling.len--;
    dyad_status st = verb_words(vs, spelling, words, &n, &head, lineno, &ok);
    if (st || !ok)
        return st;
    uint32_t c = 0;
    if (has_code && (st = code_atom(vs->lx, code, &c)))
        return st;
    if (vs->syn == LEX_SYN_TABARI || !vs->block) {
        st = new_block(vs, spelling, has_code ? code : (dyad_str){"---", 3}, lineno);
        if (st)
            return st;
    }
    uint32_t verb;
    st = new_verb(vs, words, n, c, brace ? LEX_VF_EXPLICIT : 0, lineno, &verb);
    if (st)
        return st;
    vs->verb = verb;
    uint32_t flags = 0;
    if (vs->syn == LEX_SYN_TABARI && spelling.ptr[spelling.len - 1] != '_' && !exact)
        flags |= LEX_EF_STEM;
    if (vs->syn == LEX_SYN_TABARI)
        flags |= lex_loose_connectors(spelling) | (exact ? LEX_EF_NO_ENDINGS : 0);
    st = add_form(vs, verb, words, n, head, flags, lineno);
    if (!st && brace)
        st = explicit_forms(vs, verb, forms, head, lineno);
    else if (!st && vs->syn != LEX_SYN_TABARI)
        st = regular_forms(vs, verb, words, n, head, lineno);
    return st;
}

/* ---------------- patterns ---------------- */

typedef struct elem_buf {
    lex_elem e[LEX_MAX_PATTERN_ELEMS];
    size_t n;
    bool overflow;
} elem_buf;

static void elem_add(elem_buf *b, uint16_t kind, uint16_t flags, uint32_t value, uint32_t aux)
{
    if (b->n == LEX_MAX_PATTERN_ELEMS) {
        b->overflow = true;
        return;
    }
    b->e[b->n++] = (lex_elem){kind, flags, value, aux};
}

static uint16_t marker_kind(char c)
{
    switch (c) {
    case '*': return LEX_PE_VERB;
    case '$': return LEX_PE_SOURCE;
    case '+': return LEX_PE_TARGET;
    case '%': return LEX_PE_COMPOUND;
    case '^': return LEX_PE_SKIP;
    case '|': return LEX_PE_ALT_SEP;
    default: return 0;
    }
}

/* One word-ish piece: marker, synset reference or word. */
static dyad_status elem_piece(verb_state *vs, elem_buf *b, dyad_str p, uint16_t flags)
{
    if (p.len == 1 && marker_kind(p.ptr[0])) {
        elem_add(b, marker_kind(p.ptr[0]), flags, 0, 0);
        return DYAD_OK;
    }
    if (p.ptr[0] == '&') {
        while (p.len > 1 && p.ptr[p.len - 1] == '_')
            p.len--;
        char up[LEX_MAX_WORD];
        if (p.len >= sizeof up)
            return DYAD_ELIMIT;
        for (size_t k = 0; k < p.len; k++)
            up[k] = (char)(p.ptr[k] >= 'a' && p.ptr[k] <= 'z' ? p.ptr[k] - 32 : p.ptr[k]);
        uint32_t atom;
        dyad_status st = lex_intern(vs->lx, up, p.len, &atom);
        if (!st)
            elem_add(b, LEX_PE_SYNSET, flags, 0, atom);
        return st;
    }
    /* TABARI "REAL~_PLEASANT": '~' before the '_' connector marks the word
     * a stem ("really", "real"); our TABARI words are stems already. */
    while (p.len > 1 && p.ptr[p.len - 1] == '~')
        p.len--;
    if (p.len >= LEX_MAX_WORD)
        return DYAD_ELIMIT;
    uint32_t w;
    dyad_status st = lex_word(vs->lx, p.ptr, p.len, &w);
    if (!st)
        elem_add(b, LEX_PE_WORD, flags, w, 0);
    return st;
}

/* PETRARCH-1/TABARI token: '_'-joined pieces. */
static dyad_status linear_token(verb_state *vs, elem_buf *b, dyad_str tok)
{
    if (tok.len == 1 && (tok.ptr[0] == '{' || tok.ptr[0] == '}')) {
        elem_add(b, tok.ptr[0] == '{' ? LEX_PE_ALT_OPEN : LEX_PE_ALT_CLOSE, 0, 0, 0);
        return DYAD_OK;
    }
    size_t i = 0;
    uint16_t flags = 0;
    while (i < tok.len) {
        size_t j = i;
        while (j < tok.len && tok.ptr[j] != '_')
            j++;
        if (j > i) {
            dyad_str piece = {tok.ptr + i, j - i};
            if (piece.ptr[0] == '{' || piece.ptr[piece.len - 1] == '}') {
                /* "DEMAND_{" / "}_CONVENTIONS": alternatives glued by '_' */
                bool open = piece.ptr[0] == '{';
                if (open)
                    elem_add(b, LEX_PE_ALT_OPEN, flags, 0, 0);
                dyad_str inner = {piece.ptr + open, piece.len - open - (piece.ptr[piece.len - 1] == '}')};
                if (inner.len) {
                    dyad_status st = elem_piece(vs, b, inner, open ? 0 : flags);
                    if (st)
                        return st;
                }
                if (piece.ptr[piece.len - 1] == '}' && (piece.len > 1 || !open))
                    elem_add(b, LEX_PE_ALT_CLOSE, 0, 0, 0);
            } else {
                dyad_status st = elem_piece(vs, b, piece, flags);
                if (st)
                    return st;
            }
            /* TABARI: a word followed by '_' matches whole words only
             * ("NOTED_WOULD" does not match "notedown would"), unless
             * written with '~' ("REAL~_PLEASANT" matches "really") */
            if (j < tok.len && vs->syn == LEX_SYN_TABARI && b->n &&
                b->e[b->n - 1].kind == LEX_PE_WORD && piece.ptr[piece.len - 1] != '~')
                b->e[b->n - 1].flags |= LEX_PEF_EXACT;
            flags = LEX_PEF_JOINED;
        }
        i = j + 1;
    }
    bool exact = tok.len && tok.ptr[tok.len - 1] == '_';
    if (exact && b->n && b->e[b->n - 1].kind == LEX_PE_WORD)
        b->e[b->n - 1].flags |= LEX_PEF_EXACT;
    return DYAD_OK;
}

/* PETRARCH-2 token: brackets peeled off, '_' kept inside one word (it can
 * never match a parser token; `dyad dict check` reports it). */
static dyad_status p2_token(verb_state *vs, elem_buf *b, dyad_str tok)
{
    while (tok.len && (tok.ptr[0] == '(' || tok.ptr[0] == '{')) {
        elem_add(b, tok.ptr[0] == '(' ? LEX_PE_PP_OPEN : LEX_PE_NP_OPEN, 0, 0, 0);
        tok.ptr++, tok.len--;
    }
    size_t closes = 0;
    char close_kinds[32];
    while (tok.len && (tok.ptr[tok.len - 1] == ')' || tok.ptr[tok.len - 1] == '}') && closes < 32) {
        close_kinds[closes++] = tok.ptr[tok.len - 1];
        tok.len--;
    }
    if (tok.len) {
        dyad_status st;
        if (tok.ptr[0] != '&' && memchr(tok.ptr, '_', tok.len))
            st = linear_token(vs, b, tok); /* keep the words; flagged JOINED */
        else
            st = elem_piece(vs, b, tok, 0);
        if (st)
            return st;
    }
    while (closes)
        elem_add(b, close_kinds[--closes] == ')' ? LEX_PE_PP_CLOSE : LEX_PE_NP_CLOSE, 0, 0, 0);
    return DYAD_OK;
}

static bool brackets_balanced(const elem_buf *b)
{
    int np = 0, pp = 0, alt = 0;
    for (size_t i = 0; i < b->n; i++) {
        switch (b->e[i].kind) {
        case LEX_PE_NP_OPEN: np++; break;
        case LEX_PE_NP_CLOSE: if (--np < 0) return false; break;
        case LEX_PE_PP_OPEN: pp++; break;
        case LEX_PE_PP_CLOSE: if (--pp < 0) return false; break;
        case LEX_PE_ALT_OPEN: alt++; break;
        case LEX_PE_ALT_CLOSE: if (--alt < 0) return false; break;
        default: break;
        }
    }
    return np == 0 && pp == 0 && alt == 0;
}

static dyad_status pattern_codes(verb_state *vs, dyad_str code, lex_pattern *p)
{
    const char *colon = memchr(code.ptr, ':', code.len);
    dyad_status st;
    if (!colon) {
        if (code.len == 3 && !memcmp(code.ptr, "---", 3))
            p->flags |= LEX_PF_NULL;
        return code_atom(vs->lx, code, &p->code);
    }
    dyad_str x = lex_trim((dyad_str){code.ptr, (size_t)(colon - code.ptr)});
    dyad_str y = lex_trim((dyad_str){colon + 1, code.len - (size_t)(colon + 1 - code.ptr)});
    p->flags |= x.len ? LEX_PF_PAIRED : LEX_PF_ONESIDE;
    st = code_atom(vs->lx, x, &p->code);
    if (!st)
        st = code_atom(vs->lx, y, &p->code2);
    return st;
}

static dyad_status store_pattern(verb_state *vs, const elem_buf *b, dyad_str code,
                                 unsigned long lineno)
{
    dyad_lexicon *lx = vs->lx;
    uint32_t first = LEX_N(lx, LEX_V_ELEMS), idx;
    bool verb = false;
    for (size_t i = 0; i < b->n; i++) {
        dyad_status st = lex_push(lx, LEX_V_ELEMS, &idx);
        if (st)
            return st;
        *(lex_elem *)lex_at(lx, LEX_V_ELEMS, idx) = b->e[i];
        verb |= b->e[i].kind == LEX_PE_VERB;
    }
    dyad_status st = lex_push(lx, LEX_V_PATTERNS, &idx);
    if (st)
        return st;
    lex_block *blk = lex_at(lx, LEX_V_BLOCKS, vs->block);
    if (blk->pat_n == 0)
        blk->pat_first = idx;
    blk->pat_n++;
    lex_pattern *p = lex_at(lx, LEX_V_PATTERNS, idx);
    p->block = vs->block;
    p->verb = vs->syn == LEX_SYN_TABARI ? vs->verb : 0;
    p->syntax = vs->syn;
    p->elem_first = first;
    p->elem_n = (uint32_t)b->n;
    p->file = vs->file;
    p->line = (uint32_t)lineno;
    if (!verb)
        p->flags |= LEX_PF_NOVERB;
    return pattern_codes(vs, code, p);
}

static dyad_status pattern_line(verb_state *vs, dyad_str line, unsigned long lineno)
{
    vs->synset = 0;
    if (!vs->block)
        return lex_report(vs->lx, vs->file, lineno, true, "malformed: pattern before any verb");
    dyad_str body, code;
    if (!split_code((dyad_str){line.ptr + 1, line.len - 1}, &body, &code))
        return lex_report(vs->lx, vs->file, lineno, true, "malformed: pattern without [CODE]");
    elem_buf *b = core_alloc(vs->lx->allocator, sizeof *b);
    if (!b)
        return DYAD_ENOMEM;
    b->n = 0;
    b->overflow = false;
    dyad_status st = DYAD_OK;
    dyad_str tok;
    while (!st && lex_next_token(&body, &tok))
        st = vs->syn == LEX_SYN_PETR2 ? p2_token(vs, b, tok) : linear_token(vs, b, tok);
    if (st == DYAD_ELIMIT || b->overflow)
        st = lex_report(vs->lx, vs->file, lineno, true, "malformed: pattern too long");
    else if (!st && !brackets_balanced(b))
        st = lex_report(vs->lx, vs->file, lineno, true, "malformed: unbalanced brackets in pattern");
    else if (!st)
        st = store_pattern(vs, b, code, lineno);
    core_free(vs->lx->allocator, b);
    return st;
}

static dyad_status transformation(verb_state *vs, dyad_str line, unsigned long lineno)
{
    uint32_t idx, atom;
    dyad_status st = lex_intern(vs->lx, line.ptr, line.len, &atom);
    if (!st)
        st = lex_push(vs->lx, LEX_V_TRANSFORMS, &idx);
    if (st)
        return st;
    lex_text_line *t = lex_at(vs->lx, LEX_V_TRANSFORMS, idx);
    t->text = atom;
    t->file = vs->file;
    t->line = (uint32_t)lineno;
    return DYAD_OK;
}

/* A TABARI <TIME> phrase: only its discard code [###] is used (the date
 * shifts are not): the phrase then discards the sentence, as TABARI's
 * time check does before anything is coded. */
static dyad_status time_phrase(verb_state *vs, dyad_str line, unsigned long lineno)
{
    const char *open = memchr(line.ptr, '[', line.len);
    if (!open)
        return DYAD_OK;
    dyad_str code = lex_trim((dyad_str){open + 1, line.len - (size_t)(open + 1 - line.ptr)});
    if (code.len < 4 || memcmp(code.ptr, "###", 3) != 0 ||
        !(code.ptr[3] == ']' || code.ptr[3] == ' ' || code.ptr[3] == '\t'))
        return DYAD_OK;
    dyad_str phrase = lex_trim((dyad_str){line.ptr, (size_t)(open - line.ptr)});
    uint32_t words[LEX_MAX_PHRASE_WORDS], node, atom;
    size_t n;
    dyad_status st = lex_phrase_words(vs->lx, phrase, words, LEX_MAX_PHRASE_WORDS, &n, NULL);
    if (st == DYAD_ELIMIT)
        return lex_report(vs->lx, vs->file, lineno, true, "malformed: time phrase too long");
    if (st || n == 0)
        return st;
    st = lex_intern(vs->lx, phrase.ptr, phrase.len, &atom);
    if (!st)
        st = lex_trie_add(vs->lx, words, n, &node);
    if (st)
        return st;
    lex_entry e = {0, LEX_DISCARD, 0, atom, 0, vs->file, (uint32_t)lineno};
    return lex_add_entry(vs->lx, node, &e);
}

static dyad_status section_tag(verb_state *vs, dyad_str line)
{
    if (starts(line, "<TIME>"))
        vs->in_time = true;
    else if (starts(line, "</TIME>"))
        vs->in_time = false;
    vs->synset = 0;
    return DYAD_OK;
}

static dyad_status one_line(verb_state *vs, dyad_str line, unsigned long lineno)
{
    if (line.ptr[0] == '<' && line.ptr[line.len - 1] == '>')
        return section_tag(vs, line);
    if (vs->in_time)
        return time_phrase(vs, line, lineno);
    if (line.len > LEX_MAX_LINE)
        return lex_report(vs->lx, vs->file, lineno, true, "malformed: line too long");
    if (starts(line, "---"))
        return block_header(vs, line, lineno);
    if (line.ptr[0] == '&')
        return synset_start(vs, line, lineno);
    if (line.ptr[0] == '+' && vs->synset)
        return synset_member(vs, line, lineno);
    if (line.ptr[0] == '-')
        return pattern_line(vs, line, lineno);
    if (line.ptr[0] == '~')
        return transformation(vs, line, lineno);
    if (line.ptr[0] == '{' && vs->syn == LEX_SYN_TABARI) {
        /* TABARI: a "{ FORMS }" line continues the verb above. */
        const char *rb = memchr(line.ptr, '}', line.len);
        if (!vs->verb || !rb)
            return lex_report(vs->lx, vs->file, lineno, true, "malformed: '{' line without a verb or '}'");
        return explicit_forms(vs, vs->verb, (dyad_str){line.ptr + 1, (size_t)(rb - line.ptr - 1)}, 1, lineno);
    }
    return verb_line(vs, line, lineno);
}

dyad_status lex_read_verbs(dyad_lexicon *lx, uint32_t file, const char *data, size_t len,
                           lex_syntax syn)
{
    verb_state vs;
    memset(&vs, 0, sizeof vs);
    vs.lx = lx;
    vs.file = file;
    vs.syn = syn;
    lex_lines ls = LEX_LINES(lx, file, data, len, syn);
    dyad_str line;
    while (lex_next_line(&ls, &line, NULL)) {
        dyad_status st = one_line(&vs, line, ls.lineno);
        if (st)
            return st;
    }
    return ls.status;
}
