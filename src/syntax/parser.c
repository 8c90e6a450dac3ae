/*
 * parser.c — the greedy arc-hybrid dependency parser (Kuhlmann, Gómez-
 * Rodríguez and Satta 2011) with the dynamic oracle of Goldberg and Nivre
 * (2013) for training.
 *
 * A state is a stack (index 0 at the bottom is the artificial root) and a
 * buffer front b over words 1..n.  SHIFT pushes b; LEFT-l makes b the head
 * of the stack top s0 and pops it; RIGHT-l makes s1 the head of s0 and
 * pops it.  RIGHT onto the root is allowed only once the buffer is empty,
 * so every parse has exactly one word attached to the root, as UD needs.
 * One averaged perceptron over 90 feature templates in the style of Zhang
 * and Nivre (2011), eight of them on word clusters (cluster.c), picks the
 * transition among three classes; when it makes an arc a second
 * perceptron (54 templates) picks the UD label.  Splitting the two keeps
 * each decision cheap (3 classes, then ~50 only once per word): the joint
 * 101-class model was eight times slower and its weights did not fit the
 * model size budget.  In arc-hybrid a word leaves the stack only once all
 * its dependents are attached, so the labeller sees its whole subtree.
 * Arcs whose tags and direction nearly always had one label in training
 * take it from the label map without the labeller.
 */
#include "syntax/syntax.h"

#include <string.h>

#define NONE_WORD 0x6e6f6e65ull /* missing position */
#define ROOT_WORD 0x726f6f74ull
#define NONE_TAG 253u
#define ROOT_TAG 254u

dyad_status syn_pscratch_reserve(syn_pscratch *s, const dyad_allocator *a, size_t n)
{
    if (n <= s->cap && s->mem)
        return DYAD_OK;
    size_t cap = n < 64 ? 64 : n;
    size_t words = cap + 2;
    uint16_t *mem = core_realloc(a, s->mem, words * 7 * sizeof *mem);
    if (!mem)
        return DYAD_ENOMEM;
    s->mem = mem;
    uint8_t *mem8 = core_realloc(a, s->mem8, words * 2);
    if (!mem8)
        return DYAD_ENOMEM;
    s->mem8 = mem8;
    uint64_t *mem64 = core_realloc(a, s->mem64, words * 2 * sizeof *mem64);
    if (!mem64)
        return DYAD_ENOMEM;
    s->mem64 = mem64;
    syn_ptok *memtok = core_realloc(a, s->memtok, (words + 1) * sizeof *memtok);
    if (!memtok)
        return DYAD_ENOMEM;
    s->memtok = memtok;
    s->cap = cap;
    syn_pstate *st = &s->st;
    st->stack = mem;
    st->head = mem + words;
    st->label = mem + 2 * words;
    st->lc1 = mem + 3 * words;
    st->lc2 = mem + 4 * words;
    st->rc1 = mem + 5 * words;
    st->rc2 = mem + 6 * words;
    st->nl = mem8;
    st->nr = mem8 + words;
    st->lset = mem64;
    st->rset = mem64 + words;
    st->tok = memtok + 1;
    return DYAD_OK;
}

void syn_pscratch_free(syn_pscratch *s, const dyad_allocator *a)
{
    core_free(a, s->mem);
    core_free(a, s->mem8);
    core_free(a, s->mem64);
    core_free(a, s->memtok);
    memset(s, 0, sizeof *s);
}

void syn_pstate_init(syn_pstate *st, size_t n, const syn_word *w, const uint16_t *xpos,
                     const uint16_t *upos)
{
    st->tok[-1] = (syn_ptok){ NONE_WORD, NONE_TAG, NONE_TAG, 0x1001, 0x1001, 7 };
    st->tok[0] = (syn_ptok){ ROOT_WORD, ROOT_TAG, ROOT_TAG, 0x1002, 0x1002, 7 };
    for (size_t i = 1; i <= n; i++)
        st->tok[i] = (syn_ptok){ w[i].lower, xpos[i], upos[i], w[i].clus, w[i].clus2, w[i].cap };
    st->n = n;
    st->sn = 1;
    st->settled_early = st->settled_first = st->settled_second = 0;
    st->stack[0] = 0;
    st->b = 1;
    size_t bytes = (n + 1) * sizeof(uint16_t);
    memset(st->head, 0, bytes);
    memset(st->label, 0, bytes);
    memset(st->lc1, 0, bytes);
    memset(st->lc2, 0, bytes);
    memset(st->rc1, 0, bytes);
    memset(st->rc2, 0, bytes);
    memset(st->nl, 0, n + 1);
    memset(st->nr, 0, n + 1);
    memset(st->lset, 0, (n + 1) * sizeof *st->lset);
    memset(st->rset, 0, (n + 1) * sizeof *st->rset);
}

bool syn_pstate_final(const syn_pstate *st)
{
    return st->b > st->n && st->sn == 1;
}

void syn_pstate_legal(const syn_pstate *st, uint8_t *allowed)
{
    bool buffer = st->b <= st->n;
    allowed[SYN_T_SHIFT] = buffer;
    allowed[SYN_T_LEFT] = buffer && st->sn >= 2;
    allowed[SYN_T_RIGHT] = st->sn >= 3 || (st->sn == 2 && !buffer);
}

void syn_pstate_arc(const syn_pstate *st, uint32_t t, uint16_t *head, uint16_t *dep)
{
    *dep = st->stack[st->sn - 1];
    *head = t == SYN_T_LEFT ? (uint16_t)st->b : st->stack[st->sn - 2];
}

static void add_arc(syn_pstate *st, uint16_t h, uint16_t d, uint16_t label)
{
    st->head[d] = h;
    st->label[d] = label;
    if (d < h) {
        if (!st->lc1[h] || d < st->lc1[h]) {
            st->lc2[h] = st->lc1[h];
            st->lc1[h] = d;
        } else if (!st->lc2[h] || d < st->lc2[h]) {
            st->lc2[h] = d;
        }
        if (st->nl[h] < 255)
            st->nl[h]++;
        st->lset[h] |= 1ull << (label & 63);
    } else {
        if (d > st->rc1[h]) {
            st->rc2[h] = st->rc1[h];
            st->rc1[h] = d;
        } else if (d > st->rc2[h]) {
            st->rc2[h] = d;
        }
        if (st->nr[h] < 255)
            st->nr[h]++;
        st->rset[h] |= 1ull << (label & 63);
    }
}

void syn_pstate_apply(syn_pstate *st, uint32_t t, uint16_t label)
{
    if (t == SYN_T_SHIFT) {
        st->stack[st->sn++] = (uint16_t)st->b++;
        return;
    }
    uint16_t h, d;
    syn_pstate_arc(st, t, &h, &d);
    st->sn--;
    add_arc(st, h, d, label);
}

/* ---- features ---- */

/* Where the features of a parser state look: stack and buffer positions
 * (-1 absent, 0 the root: syn_ptok), the outermost children, distances,
 * child counts and label sets, worked out once per state. */
typedef struct pview {
    const syn_ptok *tok;
    const uint16_t *label;
    long s0, s1, s2, b0, b1, b2;
    long s0l, s0r, b0l, s0l2, s0r2, b0l2, s1l, s1r;
    uint64_t d, d1, s0_nr, s0_nl, b0_nl, s0ls, s0rs, b0ls;
} pview;

static long child(const uint16_t *arr, long i)
{
    return i < 0 || !arr[i] ? -1 : arr[i];
}
static uint64_t dist_bucket(long a, long b)
{
    if (a < 0 || b < 0)
        return 0;
    long d = b > a ? b - a : a - b;
    return d <= 4 ? (uint64_t)d : d <= 7 ? 5 : d <= 12 ? 6 : 7;
}

static void view_of(const syn_pstate *st, pview *v)
{
    v->tok = st->tok;
    v->label = st->label;
    long s0 = st->sn >= 1 ? st->stack[st->sn - 1] : -1;
    long s1 = st->sn >= 2 ? st->stack[st->sn - 2] : -1;
    long n = (long)st->n, b = (long)st->b;
    v->s0 = s0;
    v->s1 = s1;
    v->s2 = st->sn >= 3 ? st->stack[st->sn - 3] : -1;
    long b0 = b <= n ? b : -1;
    v->b0 = b0;
    v->b1 = b + 1 <= n ? b + 1 : -1;
    v->b2 = b + 2 <= n ? b + 2 : -1;
    v->s0l = child(st->lc1, s0);
    v->s0r = child(st->rc1, s0);
    v->b0l = child(st->lc1, b0);
    v->s0l2 = child(st->lc2, s0);
    v->s0r2 = child(st->rc2, s0);
    v->b0l2 = child(st->lc2, b0);
    v->s1l = child(st->lc1, s1);
    v->s1r = child(st->rc1, s1);
    v->d = dist_bucket(s0, b0);
    v->d1 = dist_bucket(s1, s0);
    v->s0_nr = s0 >= 0 ? st->nr[s0] : 0;
    v->s0_nl = s0 >= 0 ? st->nl[s0] : 0;
    v->b0_nl = b0 >= 0 ? st->nl[b0] : 0;
    v->s0ls = s0 >= 0 ? st->lset[s0] : 0;
    v->s0rs = s0 >= 0 ? st->rset[s0] : 0;
    v->b0ls = b0 >= 0 ? st->lset[b0] : 0;
}

/* A position's word (lower-case form id), XPOS, UPOS, capitalization
 * class, fine and coarse cluster (0 = none), label; and the view's other
 * values. */
#define W(i) (v->tok[v->i].word)
#define P(i) ((uint64_t)v->tok[v->i].xpos)
#define U(i) ((uint64_t)v->tok[v->i].upos)
#define C(i) ((uint64_t)v->tok[v->i].cap)
#define K(i) ((uint64_t)v->tok[v->i].clus)
#define Q(i) ((uint64_t)v->tok[v->i].clus2)
#define L(i) (v->i <= 0 ? (uint64_t)NONE_TAG : (uint64_t)v->label[v->i])
#define V(x) (v->x)

/* The transition templates, X(key index, template number, three values):
 * the key of template t is syn_key(200 + t, ...).  Template 39 is gone;
 * the numbers are part of the model format. */
#define PARSE_TEMPLATES(X)                                                     \
    X(0, 0, 0, 0, 0)                                                       \
    X(1, 1, W(s0), 0, 0)                                                   \
    X(2, 2, P(s0), 0, 0)                                                   \
    X(3, 3, W(s0), P(s0), 0)                                               \
    X(4, 4, W(s1), 0, 0)                                                   \
    X(5, 5, P(s1), 0, 0)                                                   \
    X(6, 6, W(s1), P(s1), 0)                                               \
    X(7, 7, W(b0), 0, 0)                                                   \
    X(8, 8, P(b0), 0, 0)                                                   \
    X(9, 9, W(b0), P(b0), 0)                                               \
    X(10, 10, W(b1), 0, 0)                                                 \
    X(11, 11, P(b1), 0, 0)                                                 \
    X(12, 12, W(b1), P(b1), 0)                                             \
    X(13, 13, W(b2), 0, 0)                                                 \
    X(14, 14, P(b2), 0, 0)                                                 \
    X(15, 15, P(s2), 0, 0)                                                 \
    X(16, 16, W(s2), 0, 0)                                                 \
    X(17, 17, W(s0), W(b0), 0)                                             \
    X(18, 18, P(s0), P(b0), 0)                                             \
    X(19, 19, W(s0) ^ P(s0), P(b0), 0)                                     \
    X(20, 20, P(s0), W(b0) ^ P(b0), 0)                                     \
    X(21, 21, W(s0) ^ P(s0), W(b0) ^ P(b0), 0)                             \
    X(22, 22, W(s0), P(s0), W(b0))                                         \
    X(23, 23, P(s0), P(b0), P(b1))                                         \
    X(24, 24, P(s1), P(s0), P(b0))                                         \
    X(25, 25, P(b0), P(b1), P(b2))                                         \
    X(26, 26, P(s2), P(s1), P(s0))                                         \
    X(27, 27, W(s1), W(s0), 0)                                             \
    X(28, 28, P(s1), W(s0), 0)                                             \
    X(29, 29, W(s1), P(s0), 0)                                             \
    X(30, 30, W(s1) ^ P(s1), W(s0) ^ P(s0), 0)                             \
    X(31, 31, U(s0), U(b0), 0)                                             \
    X(32, 32, U(s1), U(s0), U(b0))                                         \
    X(33, 33, U(s0), U(b0), U(b1))                                         \
    X(34, 34, U(s0), W(b0), 0)                                             \
    X(35, 35, W(b0), P(b0), P(b1))                                         \
    X(36, 36, P(s0), W(b0), W(b1))                                         \
    X(37, 37, C(b0), P(b0), P(s0))                                         \
    X(38, 38, C(s0), P(s0), C(b0))                                         \
    X(39, 40, W(s0), V(d), 0)                                              \
    X(40, 41, P(s0), V(d), 0)                                              \
    X(41, 42, W(b0), V(d), 0)                                              \
    X(42, 43, P(b0), V(d), 0)                                              \
    X(43, 44, P(s0), P(b0), V(d))                                          \
    X(44, 45, P(s1), P(s0), V(d1))                                         \
    X(45, 46, W(s0), V(s0_nr), 0)                                          \
    X(46, 47, P(s0), V(s0_nr), 0)                                          \
    X(47, 48, W(s0), V(s0_nl), 0)                                          \
    X(48, 49, P(s0), V(s0_nl), 0)                                          \
    X(49, 50, W(b0), V(b0_nl), 0)                                          \
    X(50, 51, P(b0), V(b0_nl), 0)                                          \
    X(51, 52, W(s0l), P(s0l), L(s0l))                                      \
    X(52, 53, W(s0r), P(s0r), L(s0r))                                      \
    X(53, 54, W(b0l), P(b0l), L(b0l))                                      \
    X(54, 55, L(s0l), L(s0r), 0)                                           \
    X(55, 56, P(s0), L(s0l), L(s0l2))                                      \
    X(56, 57, P(s0), L(s0r), L(s0r2))                                      \
    X(57, 58, P(b0), L(b0l), L(b0l2))                                      \
    X(58, 59, P(s0), P(s0l), P(b0))                                        \
    X(59, 60, P(s0), P(s0r), P(b0))                                        \
    X(60, 61, P(s0), P(b0), P(b0l))                                        \
    X(61, 62, P(s1), L(s1l), L(s1r))                                       \
    X(62, 63, P(s1), P(s0), P(s0r))                                        \
    X(63, 64, P(s1), P(s1r), P(s0))                                        \
    X(64, 65, W(s0), L(s0l), L(s0r))                                       \
    X(65, 66, P(s0l), L(s0l), 0)                                           \
    X(66, 67, P(b0l), L(b0l), 0)                                           \
    X(67, 68, W(s0), W(b0), V(d))                                          \
    X(68, 69, P(s0), P(s1), P(b0) ^ (V(d) << 9))                           \
    X(69, 70, P(s0), V(s0ls), 0)                                           \
    X(70, 71, P(s0), V(s0rs), 0)                                           \
    X(71, 72, P(b0), V(b0ls), 0)                                           \
    X(72, 73, W(s0), V(s0rs), 0)                                           \
    X(73, 74, W(b0), V(b0ls), 0)                                           \
    X(74, 75, P(s0), V(s0ls), P(b0))                                       \
    /* Word clusters stand in for the words in the core templates, so      \
     * that rare words share weights with the words they resemble. */     \
    X(75, 76, K(s0), K(b0), 0)                                             \
    X(76, 77, K(s0), P(b0), 0)                                             \
    X(77, 78, P(s0), K(b0), 0)                                             \
    X(78, 79, K(s1), K(s0), 0)                                             \
    X(79, 80, K(b0), K(b1), P(s0))                                         \
    X(80, 81, Q(s0), Q(b0), P(s1))                                         \
    X(81, 82, K(s0), K(b0), V(d))                                          \
    X(82, 83, Q(s0), P(s0), Q(b0) ^ (P(b0) << 16))                         \
    /* Third-order tags (Zhang and Nivre 2011) and the outermost           \
     * children's words next to their heads: +0.4 UAS and LAS on EWT dev. */ \
    X(83, 84, P(s0), P(s0l), P(s0l2))                                      \
    X(84, 85, P(s0), P(s0r), P(s0r2))                                      \
    X(85, 86, P(b0), P(b0l), P(b0l2))                                      \
    X(86, 87, W(s0l), P(s0), W(s0))                                        \
    X(87, 88, W(s0r), P(s0), W(b0))                                        \
    X(88, 89, W(b0l), P(b0), W(s0))

#define MAKE_KEY(i, t, a, b, c) keys[m++] = syn_key(200 + (t), (a), (b), (c));

static size_t view_keys(const pview *v, uint64_t *restrict keys)
{
    size_t m = 0;
    PARSE_TEMPLATES(MAKE_KEY)
    return m;
}

size_t syn_parse_feats(const syn_pstate *st, uint64_t *restrict keys)
{
    pview v;
    view_of(st, &v);
    return view_keys(&v, keys);
}

/* The stage (0, 1, 2) of each key of syn_parse_feats in staged
 * transition scoring (syntax.h, SYN_PARSE_STAGE1_KEYS): the keys that
 * weigh most in the margin between the chosen and the runner-up
 * transition come first (bench/bench_key_order.c measures that order and
 * prints this table).  The bias and the tag-only templates lead, rare
 * word pairs come last. */
static const uint8_t parse_key_stage[SYN_PARSE_KEYS] = {
    0, 2, 0, 2, 2, 0, 2, 1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 2, 2, 2, 2, 2, 2, 0, 2, 0, 1, 2, 2, 2,
    2, 0, 0, 0, 2, 2, 2, 2, 1, 1, 0, 1, 0, 1, 0, 2, 2, 2, 0, 1, 0, 0, 0, 0, 0, 1, 2, 0, 2, 2,
    0, 0, 1, 1, 2, 0, 0, 2, 2, 1, 2, 0, 2, 1, 2, 2, 0, 1, 1, 2, 1, 2, 2, 1, 2, 0, 2, 2, 2,
};

#define MAKE_STAGE_KEY(i, t, a, b, c)                                          \
    if (parse_key_stage[i] == stage)                                           \
        keys[m++] = syn_key(200 + (t), (a), (b), (c));

/* Only the keys of one stage, so that a decision settled early makes
 * none of the later keys.  Inlined with a constant stage, the table
 * lookups fold away and each stage is straight-line code. */
static inline __attribute__((always_inline)) size_t stage_keys(const pview *v, unsigned stage,
                                                                uint64_t *restrict keys)
{
    size_t m = 0;
    PARSE_TEMPLATES(MAKE_STAGE_KEY)
    return m;
}

#undef W
#undef P
#undef U
#undef C
#undef K
#undef Q
#undef L
#undef V

/* ---- the dynamic oracle ---- */

/* Gold dependents of x still in the buffer [b, n]. */
static int deps_in_buffer(const syn_pstate *st, const uint16_t *g, long x)
{
    int k = 0;
    for (size_t d = st->b; d <= st->n; d++)
        k += g[d] == x;
    return k;
}

static bool in_buffer(const syn_pstate *st, long x, bool skip_front)
{
    return x >= (long)st->b + (skip_front ? 1 : 0) && x <= (long)st->n;
}

int syn_oracle_cost(const syn_pstate *st, const uint16_t *g, int kind)
{
    long s0 = st->stack[st->sn - 1], b = (long)st->b;
    if (kind == 0) { /* SHIFT loses b's stack dependents and heads below s0 */
        int k = 0;
        for (size_t i = 1; i < st->sn; i++)
            k += g[st->stack[i]] == b;
        for (size_t i = 0; i + 1 < st->sn; i++)
            k += st->stack[i] == g[b];
        return k;
    }
    long s1 = st->stack[st->sn - 2];
    int k = deps_in_buffer(st, g, s0);
    if (kind == 1) /* LEFT: s0's head becomes b */
        return k + (g[s0] != b && (g[s0] == s1 || in_buffer(st, g[s0], true)));
    return k + (g[s0] != s1 && in_buffer(st, g[s0], false)); /* RIGHT */
}

/* The label features' view of a position (-1 absent, 0 the root). */
typedef struct pctx {
    const syn_pstate *st;
} pctx;

static uint64_t fw(const pctx *c, long i)
{
    return c->st->tok[i].word;
}
static uint64_t fp(const pctx *c, long i)
{
    return c->st->tok[i].xpos;
}
static uint64_t fu(const pctx *c, long i)
{
    return c->st->tok[i].upos;
}
static uint64_t fc(const pctx *c, long i)
{
    return c->st->tok[i].cap;
}
/* Fine and coarse word clusters (cluster.c); 0 = word without one. */
static uint64_t fk(const pctx *c, long i)
{
    return c->st->tok[i].clus;
}
static uint64_t fq(const pctx *c, long i)
{
    return c->st->tok[i].clus2;
}
static uint64_t fl(const pctx *c, long i)
{
    return i <= 0 ? NONE_TAG : c->st->label[i];
}

#define K(t, a, b, c) keys[m++] = syn_key(400 + (t), (a), (b), (c))

size_t syn_label_feats(const syn_pstate *st, const syn_word *w, uint16_t head, uint16_t dep,
                       uint64_t *restrict keys)
{
    pctx c = { st };
    long h = head, d = dep, n = (long)st->n;
    long dl = child(st->lc1, d), dr = child(st->rc1, d), hl = child(st->lc1, h);
    long hr = child(st->rc1, h);
    uint64_t dir = h < d ? 1 : 2, dist = dist_bucket(h, d);
    uint64_t hp = fp(&c, h), dp = fp(&c, d), du = fu(&c, d), hu = fu(&c, h);
    uint64_t dprev = d > 1 ? fp(&c, d - 1) : NONE_TAG, dnext = d < n ? fp(&c, d + 1) : NONE_TAG;
    size_t m = 0;
    K(0, 0, 0, 0);
    K(1, fw(&c, d), 0, 0);
    K(2, dp, 0, 0);
    K(3, du, dir, 0);
    K(4, fw(&c, h), 0, 0);
    K(5, hp, 0, 0);
    K(6, hu, du, dir);
    K(7, hp, dp, dir);
    K(8, fw(&c, h), dp, dir);
    K(9, hp, fw(&c, d), dir);
    K(10, fw(&c, h), fw(&c, d), 0);
    K(11, hp, dp, dir ^ (dist << 2));
    K(12, dp, fl(&c, dl), fl(&c, dr));
    K(13, dp, fp(&c, dl), fp(&c, dr));
    K(14, fw(&c, dl), dp, 0);
    K(15, fw(&c, dr), dp, 0);
    K(16, dp, st->nl[d], st->nr[d]);
    K(17, hp, fl(&c, hl), fl(&c, hr));
    K(18, dp, dprev, dnext);
    K(19, hp, dp, d == 1);
    K(20, h == 0, dp, 0);
    K(21, w[d].suf3, dir, 0);
    K(22, w[d].shape, dp, 0);
    K(23, fw(&c, d), dir, hp);
    K(24, fl(&c, hl), dp, dir);
    K(25, fl(&c, hr), dp, dir);
    K(26, fw(&c, dl), fw(&c, d), 0);
    K(27, hu, fw(&c, d), 0);
    K(28, fp(&c, dl), fw(&c, dl), fl(&c, dl));
    K(29, fp(&c, dr), fw(&c, dr), fl(&c, dr));
    K(30, dp, st->lset[d], st->rset[d]);
    K(31, du, hu, st->lset[d]);
    K(32, fw(&c, d), st->lset[d], 0);
    K(33, hp, dp, st->rset[d]);
    K(34, hu, du, dist ^ (dir << 4));
    K(35, fw(&c, h), fw(&c, d), dir);
    K(36, du, d > 1 ? fw(&c, d - 1) : NONE_WORD, 0);
    K(37, hu, du, fw(&c, dl));
    K(38, fw(&c, h), du, dir);
    K(39, du, fl(&c, dl), fw(&c, dl));
    /* Context of the head, the dependent's right neighbour, its own
     * capitalization, the labels the head already has on the dependent's
     * side (a second object is an iobj), punctuation next to the
     * dependent (appos, parataxis, conj) and the head's suffix (passive
     * participles take nsubj:pass). */
    uint64_t hprev = h > 1 ? fp(&c, h - 1) : NONE_TAG, hnext = h < n ? fp(&c, h + 1) : NONE_TAG;
    uint64_t side = h < d ? st->rset[h] : st->lset[h];
    K(40, fw(&c, h), hp, dp);
    K(41, hp, hprev, hnext);
    K(42, du, d < n ? fw(&c, d + 1) : NONE_WORD, 0);
    K(43, hu, du, fc(&c, d) | fc(&c, h) << 4);
    K(44, hu, du, side);
    K(45, hu, du, dprev ^ (dnext << 8) ^ (dir << 16));
    K(46, h > 0 ? w[h].suf3 : ROOT_WORD, du, dir);
    K(47, fw(&c, h), du, dist ^ (dir << 4));
    K(48, hu, du, (uint64_t)st->nl[d] | (uint64_t)st->nr[d] << 8);
    K(49, w[d].form, hu, 0);
    K(50, fk(&c, h), fk(&c, d), dir);
    K(51, fk(&c, h), dp, dir);
    K(52, hp, fk(&c, d), dir);
    K(53, fq(&c, h), fq(&c, d), du ^ (dir << 16));
    return m;
}

#undef K

/* The best legal transition, the first of equals (as syn_argmax). */
static uint32_t best_allowed(const int32_t *scores, const uint8_t *allowed)
{
    uint32_t best = SYN_T_N;
    for (uint32_t t = 0; t < SYN_T_N; t++)
        if (allowed[t] && (best == SYN_T_N || scores[t] > scores[best]))
            best = t;
    return best == SYN_T_N ? 0 : best;
}

/* The only legal transition, or SYN_T_N when there is a choice. */
static uint32_t forced(const uint8_t *allowed)
{
    uint32_t only = SYN_T_N, count = 0;
    for (uint32_t t = 0; t < SYN_T_N; t++) {
        if (allowed[t]) {
            only = t;
            count++;
        }
    }
    return count == 1 ? only : SYN_T_N;
}

/* ---- the label map ---- */

static uint64_t labelmap_key(uint64_t dx, uint64_t du, uint64_t hx, uint64_t hu, bool right)
{
    return syn_key(903, dx << 8 | du, hx << 8 | hu, right ? 1 : 2);
}

/* The key of the arc head -> dep of a parse (0 = the root). */
static uint64_t arc_key(const uint16_t *xpos, const uint16_t *upos, uint16_t head, uint16_t dep)
{
    uint64_t hx = head ? xpos[head] : ROOT_TAG, hu = head ? upos[head] : ROOT_TAG;
    return labelmap_key(xpos[dep], upos[dep], hx, hu, head < dep);
}

dyad_status syn_labelmap_build(const syn_corpus *c, syn_tagdict *out)
{
    const dyad_allocator *a = core_allocator(NULL);
    memset(out, 0, sizeof *out);
    syn_table_entry *e = core_calloc(a, c->tok_n + 1, sizeof *e);
    if (!e)
        return DYAD_ENOMEM;
    size_t n = 0;
    for (size_t s = 0; s < c->sent_n; s++) {
        size_t first = c->start[s], len = c->start[s + 1] - first;
        /* 1-based like the parser's arrays: index 0 is the root. */
        const uint16_t *x = c->xpos + first - 1, *u = c->upos + first - 1;
        for (uint16_t d = 1; d <= len; d++) {
            uint16_t h = c->head[first + d - 1];
            if (h <= len)
                e[n++] = (syn_table_entry){ arc_key(x, u, h, d), c->deprel[first + d - 1] };
        }
    }
    dyad_status st = syn_table_build(e, syn_table_commonest(e, n), out);
    core_free(a, e);
    return st;
}

long syn_labelmap_get(const syn_tagdict *map, const uint16_t *xpos, const uint16_t *upos,
                      uint16_t head, uint16_t dep)
{
    if (!map || !map->slots)
        return -1;
    long ref = syn_table_get(map, arc_key(xpos, upos, head, dep));
    if (ref < 0 || !syn_share_sure((uint32_t)ref, SYN_LABELMAP_MIN_COUNT, SYN_LABELMAP_MIN_SHARE))
        return -1;
    return ref & 0xff;
}

/* ---- the staged labeller ---- */
/* The label keys (syn_label_feats' order) of the first stage, most
 * weighty first: their mean part in the margin between the chosen and
 * the runner-up label, measured with the format 7 model on EWT dev. */
static const uint8_t label_first[SYN_LABEL_FIRST_KEYS] = {
    3, 28, 17, 44, 0, 34, 39, 25, 24, 5, 21, 41, 31, 36, 52, 6, 22, 11, 43, 1, 51, 53, 29, 42, 18, 48, 12
};
static const uint8_t label_rest[SYN_LABEL_FEATS - SYN_LABEL_FIRST_KEYS] = {
    2, 4, 7, 8, 9, 10, 13, 14, 15, 16, 19, 20, 23, 26, 27, 30, 32, 33, 35, 37, 38, 40, 45, 46, 47, 49, 50
};

size_t syn_label_stage_keys(const uint64_t *keys, bool first, uint64_t *out)
{
    const uint8_t *idx = first ? label_first : label_rest;
    size_t n = first ? SYN_LABEL_FIRST_KEYS : SYN_LABEL_FEATS - SYN_LABEL_FIRST_KEYS;
    for (size_t k = 0; k < n; k++)
        out[k] = keys[idx[k]];
    return n;
}

uint16_t syn_label_staged(const syn_weights *wl, const uint64_t *keys, int32_t *scores)
{
    uint64_t part[SYN_LABEL_FEATS];
    uint16_t best;
    if (syn_staged_first(wl, part, syn_label_stage_keys(keys, true, part),
                         SYN_LABEL_FIRST_MARGIN, scores, &best))
        return best;
    return syn_staged_rest(wl, part, syn_label_stage_keys(keys, false, part), scores);
}

/* ---- staged transition scoring ---- */

/* Whether the best legal transition leads every other legal one by at
 * least margin. */
static bool sure_lead(const int32_t *scores, const uint8_t *allowed, int32_t margin)
{
    uint32_t best = best_allowed(scores, allowed);
    for (uint32_t t = 0; t < SYN_T_N; t++)
        if (t != best && allowed[t] && scores[best] - scores[t] < margin)
            return false;
    return true;
}

size_t syn_parse_stage_keys(const syn_pstate *st, unsigned stage, uint64_t *keys)
{
    pview v;
    view_of(st, &v);
    switch (stage) {
    case 0:
        return stage_keys(&v, 0, keys);
    case 1:
        return stage_keys(&v, 1, keys);
    case 2:
        return stage_keys(&v, 2, keys);
    default:
        return 0;
    }
}

/* The transition scores in stages (syntax.h, SYN_PARSE_STAGE1_KEYS): the
 * keys that weigh most first, the rest only while the choice is open.
 * The sums are integers, so the keys' order within a stage is free. */
static void score_staged(const syn_weights *wp, syn_pstate *st, const uint8_t *allowed,
                         int32_t *scores)
{
    pview v;
    view_of(st, &v);
    uint64_t keys[SYN_PARSE_KEYS];
    int32_t more[SYN_SCORE_SLOTS];
    syn_weights_score_int(wp, keys, stage_keys(&v, 0, keys), scores);
    /* the first-stage classifier's sums came with the same lookups */
    if (sure_lead(scores + SYN_T_N, allowed, SYN_PARSE_FIRST_MARGIN)) {
        memcpy(scores, scores + SYN_T_N, SYN_T_N * sizeof *scores);
        st->settled_early++;
        st->settled_first++;
        return;
    }
    if (sure_lead(scores, allowed, SYN_PARSE_STAGE1_MARGIN)) {
        st->settled_early++;
        return;
    }
    syn_weights_score_int(wp, keys, stage_keys(&v, 1, keys), more);
    syn_scores_add(scores, more, syn_stride(wp->nclass));
    /* the second-stage classifier's sums, over the keys of both stages */
    if (sure_lead(scores + 2 * SYN_T_N, allowed, SYN_PARSE_SECOND_MARGIN)) {
        memcpy(scores, scores + 2 * SYN_T_N, SYN_T_N * sizeof *scores);
        st->settled_early++;
        st->settled_second++;
        return;
    }
    if (sure_lead(scores, allowed, SYN_PARSE_STAGE2_MARGIN)) {
        st->settled_early++;
        return;
    }
    syn_weights_score_int(wp, keys, stage_keys(&v, 2, keys), more);
    syn_scores_add(scores, more, syn_stride(wp->nclass));
}

void syn_parse(const syn_weights *wp, const syn_weights *wl, const syn_tagdict *lmap,
               syn_pstate *st, const syn_word *w, const uint16_t *xpos, const uint16_t *upos,
               int32_t *scores, uint8_t *allowed, bool skip_forced, bool staged)
{
    uint64_t keys[SYN_PARSE_FEATS];
    while (!syn_pstate_final(st)) {
        syn_pstate_legal(st, allowed);
        /* With one legal transition (SHIFT onto the bare root; RIGHT for
         * every word left on the stack once the buffer is empty) the
         * restricted argmax picks it whatever the scores: ~10% of the
         * transition classifier's lookups on news text. */
        uint32_t t = skip_forced ? forced(allowed) : SYN_T_N;
        if (t == SYN_T_N) {
            if (staged)
                score_staged(wp, st, allowed, scores);
            else
                syn_weights_score_int(wp, keys, syn_parse_feats(st, keys), scores);
            t = best_allowed(scores, allowed);
        }
        uint16_t label = 0;
        if (t != SYN_T_SHIFT) {
            uint16_t h, d;
            syn_pstate_arc(st, t, &h, &d);
            long sure = syn_labelmap_get(lmap, xpos, upos, h, d);
            if (sure >= 0) {
                label = (uint16_t)sure;
            } else {
                size_t m = syn_label_feats(st, w, h, d, keys);
                if (staged && m == SYN_LABEL_FEATS) {
                    label = syn_label_staged(wl, keys, scores);
                } else {
                    syn_weights_score_int(wl, keys, m, scores);
                    label = (uint16_t)syn_argmax_int(scores, wl->nclass / 2);
                }
            }
        }
        syn_pstate_apply(st, t, label);
    }
}
