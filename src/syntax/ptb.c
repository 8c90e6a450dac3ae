/*
 * ptb.c — supplied parses (issue 4, item 4): turns the text of a PETRARCH
 * <Parse> element into dependency tokens, so a parse that came with the
 * input and dyad's own parse feed the coder the same structure.
 *
 * Two forms occur.  Penn Treebank brackets ("(ROOT (S (NP (NNP Arnor))
 * ...))", as CoreNLP wrote them for PETRARCH) are read into a tree, a head
 * child is chosen for every phrase with our own head rules (Collins-style
 * tables, changed the Stanford/UD way so that content words head: the
 * object of a preposition heads a PP, the main verb heads a VP with
 * auxiliaries, the clause heads an SBAR, the first conjunct heads a
 * coordination), and each non-head child's lexical head is attached to
 * the phrase's lexical head with a UD relation guessed from the phrase
 * labels and tags.  CoNLL-U lines (the UD-PETRARCH 2_02 files) are read
 * directly.  Forms borrow the input string; nothing else is kept.
 */
#include "syntax/syntax.h"

#include <string.h>

typedef struct pnode {
    dyad_str label; /* phrase label or tag, function tags removed ("NP-SBJ" -> "NP") */
    dyad_str word;  /* preterminals only */
    int parent, first, next;
    int head;       /* lexical head: token index, 1-based */
    bool tmp;       /* had the function tag -TMP */
    int hchild;     /* head child node, -1 for preterminals */
} pnode;

typedef struct ptree {
    pnode *n;
    int count;
    int tokens;
} ptree;

static bool is(dyad_str s, const char *lit)
{
    size_t l = strlen(lit);
    return s.len == l && !memcmp(s.ptr, lit, l);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Strips function tags and indices ("NP-SBJ-1" -> "NP"), keeping "-LRB-". */
static dyad_str bare_label(const char *p, size_t len)
{
    if (len > 1 && p[0] == '-')
        return (dyad_str){ p, len };
    for (size_t i = 1; i < len; i++)
        if (p[i] == '-' || p[i] == '=')
            return (dyad_str){ p, i };
    return (dyad_str){ p, len };
}

static bool has_tmp_tag(const char *p, size_t len)
{
    for (size_t i = 1; i + 4 <= len; i++)
        if (!memcmp(p + i, "-TMP", 4))
            return true;
    return false;
}

static dyad_status ptb_fail(dyad_error *err, size_t off, const char *why)
{
    return error_set(err, DYAD_EPARSE, NULL, 0, "bracketed parse, byte %zu: %s", off, why);
}

/* Reads one bracketed tree into t (nodes allocated with a). */
static dyad_status read_tree(const char *s, size_t len, const dyad_allocator *a, ptree *t,
                             dyad_error *err)
{
    int opens = 0;
    for (size_t i = 0; i < len; i++)
        opens += s[i] == '(';
    if (opens == 0)
        return ptb_fail(err, 0, "no '(' found");
    t->n = core_calloc(a, (size_t)opens, sizeof *t->n);
    if (!t->n)
        return error_set(err, DYAD_ENOMEM, NULL, 0, "out of memory");
    int stack[SYN_MAX_PTB_DEPTH], depth = 0;
    bool done = false;
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (is_space(c)) {
            i++;
        } else if (c == '(') {
            if (done)
                return ptb_fail(err, i, "text after the end of the tree");
            if (depth == (int)SYN_MAX_PTB_DEPTH)
                return ptb_fail(err, i, "brackets nested deeper than SYN_MAX_PTB_DEPTH");
            size_t b = ++i;
            while (i < len && !is_space(s[i]) && s[i] != '(' && s[i] != ')')
                i++;
            pnode *nd = &t->n[t->count];
            *nd = (pnode){ bare_label(s + b, i - b), { NULL, 0 }, depth ? stack[depth - 1] : -1,
                           -1, -1, 0, false, -1 };
            nd->tmp = has_tmp_tag(s + b, i - b);
            if (depth) { /* append to the parent's children */
                pnode *par = &t->n[stack[depth - 1]];
                if (par->word.len)
                    return ptb_fail(err, b, "a word and a phrase under one tag");
                int *link = &par->first;
                while (*link >= 0)
                    link = &t->n[*link].next;
                *link = t->count;
            }
            stack[depth++] = t->count++;
        } else if (c == ')') {
            if (depth == 0)
                return ptb_fail(err, i, "unbalanced ')'");
            depth--;
            done = depth == 0;
            i++;
        } else {
            size_t b = i;
            while (i < len && !is_space(s[i]) && s[i] != '(' && s[i] != ')')
                i++;
            if (depth == 0 || done)
                return ptb_fail(err, b, "word outside brackets");
            pnode *nd = &t->n[stack[depth - 1]];
            if (nd->first >= 0 || nd->word.len)
                return ptb_fail(err, b, "a word where a phrase or ')' was expected");
            nd->word = (dyad_str){ s + b, i - b };
        }
    }
    if (depth != 0)
        return ptb_fail(err, len, "unbalanced '(': the tree is not closed");
    return DYAD_OK;
}

/* ---- head rules ---- */

typedef struct head_rule {
    const char *phrase;
    bool from_right;
    const char *prio; /* space-separated labels, tried in order */
} head_rule;

/* Collins (1999) tables, trimmed; PP, SBAR, VP and coordination get the
 * content-head treatment in choose_head(). */
static const head_rule rules[] = {
    { "ADJP", false, "NNS QP NN $ ADVP JJ VBN VBG ADJP JJR NP JJS DT FW RBR RBS SBAR RB" },
    { "ADVP", true, "RB RBR RBS FW ADVP TO CD JJR JJ IN NP JJS NN" },
    { "CONJP", true, "CC RB IN" },
    { "FRAG", true, "" },
    { "INTJ", false, "" },
    { "LST", true, "LS :" },
    { "NAC", false, "NN NNS NNP NNPS NP NAC EX $ CD QP PRP VBG JJ JJS JJR ADJP FW" },
    { "PP", true, "IN TO VBG VBN RP FW" },
    { "PRN", false, "" },
    { "PRT", true, "RP" },
    { "QP", false, "$ IN NNS NN JJ RB DT CD NCD QP JJR JJS" },
    { "RRC", true, "VP NP ADVP ADJP PP" },
    { "S", false, "VP S SBAR ADJP UCP NP TO IN" },
    { "SBAR", false, "S SQ SINV SBAR FRAG WHNP WHPP WHADVP WHADJP IN DT" },
    { "SBARQ", false, "SQ S SINV SBARQ FRAG" },
    { "SINV", false, "VBZ VBD VBP VB MD VP S SINV ADJP NP" },
    { "SQ", false, "VBZ VBD VBP VB MD VP SQ" },
    { "UCP", true, "" },
    { "VP", false, "VBD VBN MD VBZ VB VBG VBP VP ADJP NN NNS NP" },
    { "WHADJP", false, "CC WRB JJ ADJP" },
    { "WHADVP", true, "CC WRB" },
    { "WHNP", false, "WDT WP WP$ WHADJP WHPP WHNP" },
    { "WHPP", true, "IN TO FW" },
    { "X", true, "" },
};

static bool is_punct_tag(dyad_str t)
{
    return is(t, ",") || is(t, ".") || is(t, ":") || is(t, "``") || is(t, "''") ||
           is(t, "-LRB-") || is(t, "-RRB-") || is(t, "HYPH") || is(t, "NFP");
}

static int child_at(const ptree *t, int node, int k)
{
    int c = t->n[node].first;
    while (c >= 0 && k-- > 0)
        c = t->n[c].next;
    return c;
}

static int child_count(const ptree *t, int node)
{
    int k = 0;
    for (int c = t->n[node].first; c >= 0; c = t->n[c].next)
        k++;
    return k;
}

/* Collins' search: for each label of the list in turn, the first child
 * (from the left or right) that carries it. */
static int find_child(const ptree *t, int node, const char *list, bool from_right)
{
    int n = child_count(t, node);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        for (int k = 0; k < n; k++) {
            int c = child_at(t, node, from_right ? n - 1 - k : k);
            if (t->n[c].label.len == l && !memcmp(t->n[c].label.ptr, p, l))
                return c;
        }
        p += l + (e ? 1 : 0);
    }
    return -1;
}

static int np_head(const ptree *t, int node)
{
    int c = find_child(t, node, "NN NNP NNPS NNS NX JJR CD", true);
    if (c < 0)
        c = find_child(t, node, "NP", false);
    if (c < 0)
        c = find_child(t, node, "$ ADJP PRN QP JJ JJS RB PRP", true);
    return c;
}

/* A CC child after the first child marks a coordination. */
static int coordination_head(const ptree *t, int node)
{
    int first = t->n[node].first;
    for (int c = first >= 0 ? t->n[first].next : -1; c >= 0; c = t->n[c].next)
        if (is(t->n[c].label, "CC") || is(t->n[c].label, "CONJP"))
            return is_punct_tag(t->n[first].label) ? t->n[first].next : first;
    return -1;
}

static bool is_aux_word(dyad_str w)
{
    static const char *const aux[] = { "be", "is", "are", "was", "were", "been", "being", "am",
                                       "'s", "'re", "'m", "have", "has", "had", "having", "'ve",
                                       "'d", "do", "does", "did", "will", "would", "to" };
    for (size_t i = 0; i < DYAD_ARRAY_LEN(aux); i++)
        if (w.len == strlen(aux[i]) && !strncasecmp(w.ptr, aux[i], w.len))
            return true;
    return false;
}

static int choose_head(const ptree *t, int node)
{
    dyad_str lab = t->n[node].label;
    int c = coordination_head(t, node);
    if (c >= 0)
        return c;
    if (is(lab, "PP") || is(lab, "WHPP")) { /* content head: the object */
        c = find_child(t, node, "NP WHNP S SBAR ADJP ADVP PP", false);
        if (c >= 0 && c != t->n[node].first)
            return c;
    }
    if (is(lab, "VP")) { /* auxiliary + VP: the inner VP heads */
        int v = find_child(t, node, "VP", false);
        int first = t->n[node].first;
        if (v >= 0 && (is(t->n[first].label, "MD") || is(t->n[first].label, "TO") ||
                       is_aux_word(t->n[first].word)))
            return v;
    }
    if (is(lab, "NP") || is(lab, "NX") || is(lab, "NML"))
        c = np_head(t, node);
    for (size_t i = 0; c < 0 && i < DYAD_ARRAY_LEN(rules); i++)
        if (is(lab, rules[i].phrase))
            c = find_child(t, node, rules[i].prio, rules[i].from_right);
    if (c < 0) { /* default: leftmost non-punctuation child */
        for (c = t->n[node].first; c >= 0 && is_punct_tag(t->n[c].label); c = t->n[c].next)
            ;
    }
    return c >= 0 ? c : t->n[node].first;
}

/* ---- relation labels ---- */

static const char *upos_of(dyad_str tag)
{
    static const struct {
        const char *tag, *upos;
    } map[] = { { "NN", "NOUN" },   { "NNS", "NOUN" },   { "NNP", "PROPN" }, { "NNPS", "PROPN" },
                { "VB", "VERB" },   { "VBD", "VERB" },   { "VBG", "VERB" },  { "VBN", "VERB" },
                { "VBP", "VERB" },  { "VBZ", "VERB" },   { "MD", "AUX" },    { "JJ", "ADJ" },
                { "JJR", "ADJ" },   { "JJS", "ADJ" },    { "RB", "ADV" },    { "RBR", "ADV" },
                { "RBS", "ADV" },   { "WRB", "ADV" },    { "DT", "DET" },    { "PDT", "DET" },
                { "WDT", "DET" },   { "PRP", "PRON" },   { "PRP$", "PRON" }, { "WP", "PRON" },
                { "WP$", "PRON" },  { "EX", "PRON" },    { "IN", "ADP" },    { "TO", "PART" },
                { "RP", "ADP" },    { "CC", "CCONJ" },   { "CD", "NUM" },    { "POS", "PART" },
                { "UH", "INTJ" },   { "FW", "X" },       { "LS", "X" },      { "SYM", "SYM" },
                { "$", "SYM" },     { "#", "SYM" } };
    for (size_t i = 0; i < DYAD_ARRAY_LEN(map); i++)
        if (is(tag, map[i].tag))
            return map[i].upos;
    return is_punct_tag(tag) ? "PUNCT" : "X";
}

static bool has_child(const ptree *t, int node, const char *list)
{
    return find_child(t, node, list, false) >= 0;
}

static bool after_cc(const ptree *t, int parent, int dep)
{
    for (int c = t->n[parent].first; c >= 0 && c != dep; c = t->n[c].next)
        if (is(t->n[c].label, "CC") || is(t->n[c].label, "CONJP"))
            return true;
    return false;
}

static bool clause_has_subject(const ptree *t, int node)
{
    return has_child(t, node, "NP");
}

static const char *label_clause(const ptree *t, int p, int d)
{
    dyad_str pl = t->n[p].label, dl = t->n[d].label;
    if (is(dl, "SBAR")) {
        if (is(pl, "NP"))
            return has_child(t, d, "WHNP WHADVP WHPP") ? "acl:relcl" : "acl";
        int f = t->n[d].first;
        bool sub = f >= 0 && is(t->n[f].label, "IN") && !is(t->n[f].word, "that") &&
                   !is(t->n[f].word, "whether") && !is(t->n[f].word, "if");
        return is(pl, "VP") && !sub ? "ccomp" : "advcl";
    }
    if (is(dl, "S") || is(dl, "SQ") || is(dl, "SINV")) {
        if (is(pl, "VP") || is(pl, "ADJP"))
            return clause_has_subject(t, d) ? "ccomp" : "xcomp";
        if (is(pl, "NP"))
            return "acl";
        return "parataxis";
    }
    return NULL;
}

static const char *label_np(const ptree *t, int p, int h, int d)
{
    dyad_str pl = t->n[p].label;
    bool before = false;
    for (int c = t->n[p].first; c >= 0; c = t->n[c].next) {
        if (c == d)
            before = true;
        if (c == h)
            break;
    }
    int last = child_at(t, d, child_count(t, d) - 1);
    if (last >= 0 && is(t->n[last].label, "POS"))
        return "nmod:poss";
    if (is(pl, "S") || is(pl, "SQ") || is(pl, "SINV"))
        return before ? "nsubj" : "obj";
    if (is(pl, "VP"))
        return "obj";
    if (is(pl, "PP") || is(pl, "WHPP"))
        return "obj";
    if (is(pl, "NP"))
        return before ? "compound" : "appos";
    if (is(pl, "ADJP") || is(pl, "ADVP"))
        return "obl:npmod";
    return "dep";
}

static const char *label_word(const ptree *t, int p, int h, dyad_str tag, dyad_str word)
{
    dyad_str pl = t->n[p].label;
    if (is_punct_tag(tag))
        return "punct";
    if (is(tag, "CC"))
        return "cc";
    if (is(tag, "DT") || is(tag, "PDT") || is(tag, "WDT"))
        return "det";
    if (is(tag, "POS"))
        return "case";
    if (is(tag, "PRP$") || is(tag, "WP$"))
        return "nmod:poss";
    if (is(tag, "MD"))
        return "aux";
    if (is(tag, "TO"))
        return is(pl, "PP") ? "case" : "mark";
    if (is(tag, "IN"))
        return is(pl, "PP") || is(pl, "WHPP") ? "case" : "mark";
    if (is(tag, "CD"))
        return "nummod";
    if (is(tag, "EX"))
        return "expl";
    if (is(tag, "RP"))
        return "compound:prt";
    if (tag.len >= 2 && tag.ptr[0] == 'R' && tag.ptr[1] == 'B')
        return "advmod";
    if (is(tag, "WRB"))
        return "advmod";
    if (tag.len >= 2 && tag.ptr[0] == 'J' && tag.ptr[1] == 'J')
        return is(pl, "NP") ? "amod" : "xcomp";
    if (tag.len >= 2 && tag.ptr[0] == 'N' && tag.ptr[1] == 'N')
        return is(pl, "NP") || is(pl, "NX") ? "compound" : label_np(t, p, h, p);
    if (tag.ptr && tag.ptr[0] == 'V' && is(pl, "VP") && is_aux_word(word))
        return "aux";
    if (is(tag, "PRP") || is(tag, "WP"))
        return "nsubj";
    return "dep";
}

/* The relation of dependent child d of phrase p whose head child is h. */
static const char *relation(const ptree *t, int p, int h, int d)
{
    dyad_str dl = t->n[d].label;
    if (after_cc(t, p, d) && !is(dl, "CC") && !is_punct_tag(dl))
        return "conj";
    if (t->n[d].word.len) {
        const char *r = label_word(t, p, h, dl, t->n[d].word);
        if (!strcmp(r, "nsubj") && !is(t->n[p].label, "S"))
            return is(t->n[p].label, "VP") ? "obj" : "dep";
        return r;
    }
    const char *c = label_clause(t, p, d);
    if (c)
        return c;
    if (t->n[d].tmp && is(dl, "NP"))
        return is(t->n[p].label, "NP") ? "nmod:tmod" : "obl:tmod";
    if (is(dl, "NP") || is(dl, "WHNP"))
        return label_np(t, p, h, d);
    if (is(dl, "PP") || is(dl, "WHPP"))
        return is(t->n[p].label, "NP") ? "nmod" : "obl";
    if (is(dl, "ADJP") || is(dl, "WHADJP"))
        return is(t->n[p].label, "NP") ? "amod" : "xcomp";
    if (is(dl, "ADVP") || is(dl, "WHADVP"))
        return "advmod";
    if (is(dl, "PRT"))
        return "compound:prt";
    if (is(dl, "QP"))
        return "nummod";
    if (is(dl, "VP"))
        return is(t->n[p].label, "VP") ? "xcomp" : "dep";
    if (is(dl, "PRN"))
        return "parataxis";
    return "dep";
}

/* ---- putting it together ---- */

static void set_field(char *dst, size_t size, const char *src, size_t len)
{
    if (len >= size)
        len = size - 1;
    memcpy(dst, src, len);
    dst[len] = 0;
}

/* Numbers the preterminals (skipping empty elements) into toks. */
static int number_tokens(ptree *t, syn_dep_tok *toks, int cap)
{
    int k = 0;
    for (int i = 0; i < t->count; i++) {
        pnode *nd = &t->n[i];
        if (!nd->word.len || is(nd->label, "-NONE-"))
            continue;
        if (k == cap)
            return -1;
        nd->head = ++k;
        syn_dep_tok *tk = &toks[k - 1];
        memset(tk, 0, sizeof *tk);
        tk->form = nd->word;
        set_field(tk->xpos, sizeof tk->xpos, nd->label.ptr, nd->label.len);
        snprintf(tk->upos, sizeof tk->upos, "%s", upos_of(nd->label));
        snprintf(tk->deprel, sizeof tk->deprel, "root");
    }
    return k;
}

/* Children are created after parents, so walking nodes backwards visits
 * every child before its parent. */
static void find_heads(ptree *t)
{
    for (int i = t->count - 1; i >= 0; i--) {
        pnode *nd = &t->n[i];
        if (nd->word.len || nd->first < 0)
            continue;
        int h = choose_head(t, i);
        /* Skip children without any token (empty elements). */
        if (t->n[h].head == 0)
            for (int c = nd->first; c >= 0; c = t->n[c].next)
                if (t->n[c].head) {
                    h = c;
                    break;
                }
        nd->hchild = h;
        nd->head = t->n[h].head;
    }
}

static void attach(ptree *t, syn_dep_tok *toks)
{
    for (int i = 0; i < t->count; i++) {
        pnode *nd = &t->n[i];
        if (nd->hchild < 0 || !nd->head)
            continue;
        for (int c = nd->first; c >= 0; c = t->n[c].next) {
            if (c == nd->hchild || !t->n[c].head || t->n[c].head == nd->head)
                continue;
            syn_dep_tok *tk = &toks[t->n[c].head - 1];
            tk->head = (uint16_t)nd->head;
            const char *r = relation(t, i, nd->hchild, c);
            snprintf(tk->deprel, sizeof tk->deprel, "%s", r);
            if (!strcmp(r, "mark") && !strcmp(tk->upos, "ADP"))
                snprintf(tk->upos, sizeof tk->upos, "SCONJ");
            if (!strcmp(r, "aux") && !strcmp(tk->upos, "VERB"))
                snprintf(tk->upos, sizeof tk->upos, "AUX");
        }
    }
}

dyad_status syn_ptb_to_deps(const char *s, size_t len, const dyad_allocator *a,
                            syn_dep_tok **out, size_t *n, dyad_error *err)
{
    *out = NULL;
    *n = 0;
    a = core_allocator(a);
    ptree t = { 0 };
    dyad_status st = read_tree(s, len, a, &t, err);
    syn_dep_tok *toks = NULL;
    if (st == DYAD_OK) {
        toks = core_calloc(a, (size_t)t.count + 1, sizeof *toks);
        if (!toks)
            st = error_set(err, DYAD_ENOMEM, NULL, 0, "out of memory");
    }
    int k = 0;
    if (st == DYAD_OK && ((k = number_tokens(&t, toks, (int)SYN_MAX_SENT_TOKENS)) <= 0))
        st = k < 0 ? error_set(err, DYAD_ELIMIT, NULL, 0, "parse has more than %u words",
                               SYN_MAX_SENT_TOKENS)
                   : error_set(err, DYAD_EPARSE, NULL, 0, "parse has no words");
    if (st == DYAD_OK) {
        find_heads(&t);
        attach(&t, toks);
        *out = toks;
        *n = (size_t)k;
    } else {
        core_free(a, toks);
    }
    core_free(a, t.n);
    return st;
}

/* ---- CoNLL-U carried in <Parse> ---- */

static dyad_status conllu_line(const char *p, size_t len, size_t line, syn_dep_tok *tk,
                               size_t expect, bool *skip, dyad_error *err)
{
    dyad_str f[10];
    size_t k = 0;
    /* memchr: every word of every supplied parse passes here (issue 5's
     * coding-alone benchmark), and a byte loop was a quarter of its time */
    for (const char *start = p, *end = p + len; k < 10;) {
        const char *tab = memchr(start, '\t', (size_t)(end - start));
        const char *stop = tab ? tab : end;
        f[k++] = (dyad_str){ start, (size_t)(stop - start) };
        if (!tab)
            break;
        start = tab + 1;
    }
    if (k < 8)
        return error_set(err, DYAD_EPARSE, NULL, line, "CoNLL-U parse: expected 10 columns");
    *skip = memchr(f[0].ptr, '-', f[0].len) || memchr(f[0].ptr, '.', f[0].len);
    if (*skip)
        return DYAD_OK;
    size_t id = 0, head = 0;
    for (size_t i = 0; i < f[0].len; i++)
        id = f[0].ptr[i] >= '0' && f[0].ptr[i] <= '9' && id < 100000
                 ? id * 10 + (size_t)(f[0].ptr[i] - '0')
                 : SIZE_MAX;
    for (size_t i = 0; i < f[6].len; i++)
        head = f[6].ptr[i] >= '0' && f[6].ptr[i] <= '9' && head < 100000
                   ? head * 10 + (size_t)(f[6].ptr[i] - '0')
                   : SIZE_MAX;
    if (id != expect || f[0].len == 0)
        return error_set(err, DYAD_EPARSE, NULL, line, "CoNLL-U parse: token ID out of order");
    if (head == SIZE_MAX || f[6].len == 0 || head > SYN_MAX_SENT_TOKENS || head == id)
        return error_set(err, DYAD_EPARSE, NULL, line, "CoNLL-U parse: bad HEAD");
    if (f[1].len == 0)
        return error_set(err, DYAD_EPARSE, NULL, line, "CoNLL-U parse: empty FORM");
    memset(tk, 0, sizeof *tk);
    tk->form = f[1];
    tk->lemma = f[2];
    set_field(tk->upos, sizeof tk->upos, f[3].ptr, f[3].len);
    set_field(tk->xpos, sizeof tk->xpos, f[4].ptr, f[4].len);
    set_field(tk->deprel, sizeof tk->deprel, f[7].ptr, f[7].len);
    tk->head = (uint16_t)head;
    return DYAD_OK;
}

dyad_status syn_conllu_parse_to_deps(const char *s, size_t len, const dyad_allocator *a,
                                     syn_dep_tok **out, size_t *n, dyad_error *err)
{
    *out = NULL;
    *n = 0;
    a = core_allocator(a);
    size_t lines = 1;
    for (const char *q = s, *end = s + len; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
        lines++;
    size_t cap = lines < SYN_MAX_SENT_TOKENS ? lines : SYN_MAX_SENT_TOKENS;
    /* not zeroed: conllu_line clears each token it fills, and only the
     * filled ones are returned (zeroing was 3% of coding with supplied
     * parses) */
    syn_dep_tok *toks = core_alloc(a, (cap + 1) * sizeof *toks);
    if (!toks)
        return error_set(err, DYAD_ENOMEM, NULL, 0, "out of memory");
    size_t k = 0, line = 0;
    dyad_status st = DYAD_OK;
    for (const char *p = s, *end = s + len; p < end && st == DYAD_OK; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        while (l && (p[l - 1] == '\r' || p[l - 1] == ' '))
            l--;
        size_t lead = 0;
        while (lead < l && is_space(p[lead]))
            lead++;
        if (l > lead && p[lead] != '#') {
            bool skip = false;
            if (k == cap)
                st = error_set(err, DYAD_ELIMIT, NULL, line + 1, "CoNLL-U parse too long");
            else if ((st = conllu_line(p + lead, l - lead, line + 1, &toks[k], k + 1, &skip,
                                       err)) == DYAD_OK && !skip)
                k++;
        } else if (k > 0 && l == lead) {
            break; /* blank line: end of the first sentence */
        }
        p = nl ? nl + 1 : end;
    }
    for (size_t i = 0; st == DYAD_OK && i < k; i++)
        if (toks[i].head > k)
            st = error_set(err, DYAD_EPARSE, NULL, 0, "CoNLL-U parse: HEAD outside sentence");
    if (st == DYAD_OK && k == 0)
        st = error_set(err, DYAD_EPARSE, NULL, 0, "CoNLL-U parse has no tokens");
    if (st != DYAD_OK) {
        core_free(a, toks);
        return st;
    }
    *out = toks;
    *n = k;
    return DYAD_OK;
}

dyad_status syn_given_parse_to_deps(const char *s, size_t len, const dyad_allocator *a,
                                    syn_dep_tok **out, size_t *n, dyad_error *err)
{
    size_t i = 0;
    while (i < len && is_space(s[i]))
        i++;
    if (i < len && s[i] == '(')
        return syn_ptb_to_deps(s, len, a, out, n, err);
    return syn_conllu_parse_to_deps(s, len, a, out, n, err);
}
