/*
 * forms.c — English word forms the dictionaries leave implicit: the
 * regular -s, -ed and -ing forms of verbs, noun plurals for synset members
 * and agents, irregular verb forms from WordNet's verb.exc, and resolution
 * of "&SYNSET" references once every file is read.
 *
 * Spelling rules (regular forms only; irregulars come from the dictionary's
 * {...} lists and WordNet):
 *   -s:   s/x/z/ch/sh/consonant+o -> +es; consonant+y -> -ies; else +s
 *   -ed:  e -> +d; consonant+y -> -ied; short CVC -> double the consonant
 *   -ing: ie -> -ying; e (not ee/oe/ye) -> drop e; short CVC -> double
 * "Short" means one vowel group, so "ban" doubles but "visit" does not;
 * WordNet lists the doubled forms of longer verbs ("committed").
 */
#include "lexicon/lexicon.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static bool is_vowel(char c)
{
    c = (char)(c | 0x20);
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool is_alpha(char c)
{
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'z';
}

static char lower(char c) { return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c); }

static bool upper_case(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (w[i] >= 'a' && w[i] <= 'z')
            return false;
    return true;
}

/* Appends suffix in the word's case. */
static void put(char *out, const char *w, size_t keep, const char *suffix, bool up)
{
    memcpy(out, w, keep);
    size_t n = strlen(suffix);
    for (size_t i = 0; i < n; i++)
        out[keep + i] = up ? (char)(suffix[i] - 32 * (suffix[i] >= 'a' && suffix[i] <= 'z')) : suffix[i];
    out[keep + n] = 0;
}

static int vowel_groups(const char *w, size_t len)
{
    int groups = 0;
    bool in = false;
    for (size_t i = 0; i < len; i++) {
        bool v = is_vowel(w[i]) || (i > 0 && lower(w[i]) == 'y' && !is_vowel(w[i - 1]));
        if (v && !in)
            groups++;
        in = v;
    }
    return groups;
}

/* Consonant-vowel-consonant ending of a one-syllable word ("ban", "stop"). */
static bool doubles_final(const char *w, size_t len)
{
    if (len < 3 || vowel_groups(w, len) != 1)
        return false;
    char c = lower(w[len - 1]), v = w[len - 2], p = w[len - 3];
    return is_alpha(w[len - 1]) && !is_vowel(c) && c != 'w' && c != 'x' && c != 'y' &&
           is_vowel(v) && !is_vowel(p) && is_alpha(p);
}

bool lex_regular_forms(const char *w, size_t len, char out[3][LEX_MAX_WORD])
{
    if (len == 0 || len + 4 >= LEX_MAX_WORD)
        return false;
    bool up = upper_case(w, len);
    char last = lower(w[len - 1]), prev = len > 1 ? lower(w[len - 2]) : 0;
    bool cons_y = last == 'y' && len > 1 && !is_vowel(prev);
    /* -s */
    if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')) ||
        (last == 'o' && len > 1 && !is_vowel(prev)))
        put(out[0], w, len, "es", up);
    else if (cons_y)
        put(out[0], w, len - 1, "ies", up);
    else
        put(out[0], w, len, "s", up);
    /* -ed and -ing */
    if (last == 'e') {
        put(out[1], w, len, "d", up);
        if (prev == 'i')
            put(out[2], w, len - 2, "ying", up);
        else if (prev == 'e' || prev == 'o' || prev == 'y')
            put(out[2], w, len, "ing", up);
        else
            put(out[2], w, len - 1, "ing", up);
    } else if (cons_y) {
        put(out[1], w, len - 1, "ied", up);
        put(out[2], w, len, "ing", up);
    } else if (doubles_final(w, len)) {
        char dbl[2] = {w[len - 1], 0};
        char ed[8], ing[8];
        snprintf(ed, sizeof ed, "%s%s", dbl, up ? "ED" : "ed");
        snprintf(ing, sizeof ing, "%s%s", dbl, up ? "ING" : "ing");
        put(out[1], w, len, ed, false);
        put(out[2], w, len, ing, false);
    } else {
        put(out[1], w, len, "ed", up);
        put(out[2], w, len, "ing", up);
    }
    return true;
}

bool lex_plural(const char *w, size_t len, char out[LEX_MAX_WORD])
{
    if (len == 0 || len + 4 >= LEX_MAX_WORD)
        return false;
    bool up = upper_case(w, len);
    char last = lower(w[len - 1]), prev = len > 1 ? lower(w[len - 2]) : 0;
    if (!is_alpha(w[len - 1]))
        return false;
    if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')))
        put(out, w, len, "es", up);
    else if (last == 'y' && len > 1 && !is_vowel(prev))
        put(out, w, len - 1, "ies", up);
    else
        put(out, w, len, "s", up);
    return true;
}

/* ---- WordNet verb.exc ---- */

static bool read_file(const dyad_allocator *a, const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || sb.st_size <= 0 || sb.st_size > (64 << 20)) {
        fclose(f);
        return false;
    }
    *data = core_alloc(a, (size_t)sb.st_size + 1);
    bool ok = *data && fread(*data, 1, (size_t)sb.st_size, f) == (size_t)sb.st_size;
    fclose(f);
    if (!ok) {
        core_free(a, *data);
        return false;
    }
    (*data)[sb.st_size] = 0;
    *len = (size_t)sb.st_size;
    return true;
}

static bool load_verb_exc(dyad_lexicon *lx, char **data, size_t *len)
{
    char path[600];
    const char *dirs[3] = {lx->wordnet_dir[0] ? lx->wordnet_dir : NULL, "/usr/share/wordnet",
                           "../shared/data/wordnet-morphy"};
    for (int i = 0; i < 3; i++) {
        if (!dirs[i])
            continue;
        snprintf(path, sizeof path, "%s/verb.exc", dirs[i]);
        if (read_file(lx->allocator, path, data, len))
            return true;
    }
    return false;
}

static bool verb_on_node(const dyad_lexicon *lx, uint32_t node, uint32_t verb)
{
    const lex_node *nd = lex_at(lx, LEX_V_NODES, node);
    for (uint32_t e = nd->entry; e;) {
        const lex_entry *en = lex_at(lx, LEX_V_ENTRIES, e);
        if (en->kind == LEX_VERB && en->target == verb)
            return true;
        e = en->next;
    }
    return false;
}

/* Adds form (one word) as a form of the single-word verb lemma atom. */
static dyad_status add_exc_form(dyad_lexicon *lx, uint32_t lemma_node, dyad_str form,
                                dyad_str lemma)
{
    const lex_node *nd = lex_at(lx, LEX_V_NODES, lemma_node);
    uint32_t verbs[16];
    size_t vn = 0;
    for (uint32_t e = nd->entry; e && vn < 16; e = ((const lex_entry *)lex_at(lx, LEX_V_ENTRIES, e))->next) {
        const lex_entry *en = lex_at(lx, LEX_V_ENTRIES, e);
        if (en->kind != LEX_VERB || en->aux != 1 || (en->flags & LEX_EF_NO_ENDINGS))
            continue; /* TABARI "BAN=": the word itself only */
        const lex_verb *v = lex_at(lx, LEX_V_VERBS, en->target);
        dyad_str l = lex_atom_str(lx, v->lemma);
        /* Forms listed in {...} are all the forms (PETRARCH rule). */
        if (!(v->flags & LEX_VF_EXPLICIT) && l.len == lemma.len && !memcmp(l.ptr, lemma.ptr, l.len))
            verbs[vn++] = en->target;
    }
    for (size_t i = 0; i < vn; i++) {
        uint32_t w, node;
        dyad_status st = lex_word(lx, form.ptr, form.len, &w);
        if (!st)
            st = lex_trie_add(lx, &w, 1, &node);
        if (st)
            return st;
        if (verb_on_node(lx, node, verbs[i]))
            continue; /* the regular rules made this form already */
        const lex_verb *v = lex_at(lx, LEX_V_VERBS, verbs[i]);
        lex_entry e = {0, LEX_VERB, LEX_EF_WORDNET, verbs[i], 1, v->file, v->line};
        st = lex_add_entry(lx, node, &e);
        if (st)
            return st;
    }
    return DYAD_OK;
}

dyad_status lex_add_wordnet_forms(dyad_lexicon *lx)
{
    char *data = NULL;
    size_t len = 0;
    if (!load_verb_exc(lx, &data, &len))
        return DYAD_OK; /* optional: regular forms still work */
    dyad_status st = DYAD_OK;
    lex_lines ls = LEX_LINES(NULL, 0, data, len, LEX_SYN_TABARI);
    dyad_str line;
    while (!st && lex_next_line(&ls, &line, NULL)) {
        dyad_str form, lemma;
        if (!lex_next_token(&line, &form) || !lex_next_token(&line, &lemma))
            continue;
        if (memchr(form.ptr, '_', form.len) || memchr(lemma.ptr, '_', lemma.len))
            continue; /* multi-word exceptions: dictionaries list their own */
        uint32_t lw = lex_atom_find(lx, lemma.ptr, lemma.len);
        uint32_t node = lw ? lex_trie_child(lx, 0, lw) : 0;
        if (node)
            st = add_exc_form(lx, node, form, lemma);
    }
    core_free(lx->allocator, data);
    return st;
}

/* ---- synsets ---- */

static uint32_t find_synset(const dyad_lexicon *lx, uint32_t name)
{
    /* Later definitions win, as in PETRARCH's dict assignment. */
    for (uint32_t i = LEX_N(lx, LEX_V_SYNSETS); i-- > 1;) {
        const lex_synset *s = lex_at(lx, LEX_V_SYNSETS, i);
        if (s->name == name)
            return i;
    }
    return 0;
}

void lex_resolve_synsets(dyad_lexicon *lx)
{
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_ELEMS); i++) {
        lex_elem *e = lex_at(lx, LEX_V_ELEMS, i);
        if (e->kind == LEX_PE_SYNSET)
            e->value = find_synset(lx, e->aux);
    }
}
