/*
 * tokenize.c — the tokenizer: turns a byte range of a document into
 * dyad_token records (byte span, flags, normalized form) following the
 * Universal Dependencies English word conventions (EWT, PUD): clitics are
 * split ("don't" -> "do" "n't", "John's" -> "John" "'s", "cannot" -> "can"
 * "not", "gonna" -> "gon" "na"), punctuation is split off except on
 * abbreviations ("U.S.", "Mr.", "a.m."), hyphenated words are split unless
 * the first part is a bound prefix ("co-", "non-", "e-mail") or the word is
 * a phone number or date, numbers keep their commas, periods, colons and
 * slashes, URLs and e-mail addresses stay whole, currency symbols split.
 *
 * Place in the pipeline: called by analysis.c for the whole document (or
 * for each sentence a reader supplied); split.c then groups the tokens.
 * Text is cut into whitespace-delimited chunks.  A chunk of ASCII letters
 * and digits (the common case) is emitted directly; any other chunk is
 * decoded into a small code point array (at most TOK_MAX_CHUNK_BYTES; longer
 * chunks are cut) and split by the rules below: leading punctuation,
 * trailing punctuation (scanned backwards, so the period decision sees the
 * whole word), then inner split points, then clitics.  Every step is
 * linear in the chunk.  Tokens go straight into the caller's growable
 * array; nothing is allocated per token.
 */
#include "text/text.h"

#include <string.h>
#include <utf8proc.h>

/* The per-token helpers of the fast path are forced inline: they run for
 * almost every token and the call overhead showed in profiles. */
#if defined(__GNUC__)
#define TOK_HOT inline __attribute__((always_inline))
#else
#define TOK_HOT inline
#endif

/* ---- byte classes (ASCII) ---- */

enum { B_SPACE = 1, B_UPPER = 2, B_LOWER = 4, B_DIGIT = 8, B_HIGH = 16, B_NL = 32, B_PUNCT = 64 };
#define B_ALNUM (B_UPPER | B_LOWER | B_DIGIT)

/* Class of every byte; a literal table so it needs no initialization and
 * is safe to share between threads. */
#define S B_SPACE
#define N (B_SPACE | B_NL)
#define U B_UPPER
#define L B_LOWER
#define D B_DIGIT
#define H B_HIGH
#define P B_PUNCT
static const unsigned char byte_class[256] = {
    P, P, P, P, P, P, P, P, P, S, N, S, S, S, P, P,
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
    P, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, P, P, P, P, P,
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, P,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};
#undef S
#undef N
#undef U
#undef L
#undef D
#undef H
#undef P

/* Length of a non-ASCII whitespace character at s (NBSP, the U+2000
 * spaces, line/paragraph separators, ideographic space, zero-width space
 * and BOM), or 0.  *newlines gets 1 for NEL/LS and 2 for PS. */
static size_t unicode_space_len(const unsigned char *s, size_t avail, unsigned *newlines)
{
    if (avail >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0x85)) {
        *newlines += s[1] == 0x85;
        return 2;
    }
    if (avail < 3)
        return 0;
    if (s[0] == 0xE2 && s[1] == 0x80) {
        if (s[2] <= 0x8B || s[2] == 0xAF)
            return 3;
        if (s[2] == 0xA8 || s[2] == 0xA9) {
            *newlines += s[2] == 0xA9 ? 2 : 1;
            return 3;
        }
        return 0;
    }
    if ((s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) ||
        (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
        (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ||
        (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80))
        return 3;
    return 0;
}

/* ---- word tables ---- */

/* First parts of hyphenated words that UD English keeps whole. */
static const char *const hyphen_prefixes[] = {
    "anti", "bi", "co", "counter", "cross", "de", "e", "ex", "extra", "hyper", "inter",
    "intra", "macro", "mega", "micro", "mid", "mis", "multi", "neo", "non", "over", "post",
    "pre", "pro", "pseudo", "psycho", "quasi", "re", "semi", "socio", "sub", "super",
    "trans", "tri", "ultra", "un", "uni", "wi", "x",
};

/* Fused forms UD splits into two words: the word and where it splits. */
typedef struct fused_word {
    const char *word;
    unsigned char len;
    unsigned char at;
} fused_word;

static const fused_word fused_words[] = {
    {"cannot", 6, 3}, {"gonna", 5, 3}, {"wanna", 5, 3}, {"gotta", 5, 3}, {"dont", 4, 2},
    {"doesnt", 6, 4}, {"didnt", 5, 3}, {"isnt", 4, 2}, {"wasnt", 5, 3}, {"werent", 6, 4},
    {"arent", 5, 3}, {"wouldnt", 7, 5}, {"couldnt", 7, 5}, {"shouldnt", 8, 6}, {"havent", 6, 4},
    {"hasnt", 5, 3}, {"hadnt", 5, 3}, {"wont", 4, 2}, {"aint", 4, 2},
};

static size_t fused_lookup(const char *s, size_t len);

/* Where a fused word splits (see fused_words), or 0.  Runs for most plain
 * words, so it rejects by length and the last two letters inline: every
 * fused word ends in "nt", "ot", "na" or "ta". */
static TOK_HOT size_t fused_split(const char *s, size_t len)
{
    if (len < 4 || len > 8)
        return 0;
    unsigned char y = (unsigned char)(s[len - 2] | 32), z = (unsigned char)(s[len - 1] | 32);
    if (!((z == 't' && (y == 'n' || y == 'o')) || (z == 'a' && (y == 'n' || y == 't'))))
        return 0;
    return fused_lookup(s, len);
}

/* Lower-cases ASCII s into out (size cap); false if too long or not ASCII. */
static bool ascii_lower_copy(const char *s, size_t len, char *out, size_t cap)
{
    if (len >= cap)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return false;
        out[i] = (char)norm_ascii_fold[c];
    }
    out[len] = 0;
    return true;
}

static bool word_in(const char *const *list, size_t n, const char *s, size_t len)
{
    char low[16];
    if (!ascii_lower_copy(s, len, low, sizeof low))
        return false;
    for (size_t i = 0; i < n; i++)
        if (list[i][0] == low[0] && !strcmp(list[i], low))
            return true;
    return false;
}

/* The fused_words entry for s, or 0. */
static size_t fused_lookup(const char *s, size_t len)
{
    for (size_t i = 0; i < DYAD_ARRAY_LEN(fused_words); i++) {
        const char *w = fused_words[i].word;
        if (fused_words[i].len != len || w[0] != (s[0] | 32))
            continue;
        size_t k = 1;
        while (k < len && (unsigned char)w[k] == ((unsigned char)s[k] | 32))
            k++;
        if (k == len)
            return fused_words[i].at;
    }
    return 0;
}

/* ---- context ---- */

typedef struct tok_ctx {
    tok_list *list;
    const char *text;
    size_t range_end;
    dyad_status st;
    /* the chunk being split, decoded: cp[i] starts at byte base + off[i] */
    size_t base;
    size_t n;
    bool next_is_digit; /* a digit follows the chunk after spaces */
    int32_t cp[TOK_MAX_CHUNK_BYTES + 1];
    uint16_t off[TOK_MAX_CHUNK_BYTES + 1];
} tok_ctx;

/* ---- emitting tokens ---- */

/* The ASCII fast path of a token: folds s into dst (see norm_ascii_fold)
 * and computes the flags in one pass.  Returns false, having written a
 * partial form, at the first non-ASCII byte. */
/* The flags of an ASCII token (see dyad.h): CAPITALIZED when its first
 * letter is upper case, ALL_CAPS with two or more letters and none lower
 * case, NUMBER with digits, no letters and a digit (or - + .) first, PUNCT
 * with no letter or digit. */
static uint32_t ascii_token_flags(const unsigned char *s, size_t len)
{
    unsigned all = 0, first = 0, uppers = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned k = byte_class[s[i]];
        all |= k;
        if (!first && (k & (B_UPPER | B_LOWER)))
            first = k;
        uppers += (k & B_UPPER) != 0;
    }
    uint32_t f = 0;
    if (first & B_UPPER)
        f |= DYAD_TOK_CAPITALIZED;
    if (uppers >= 2 && !(all & B_LOWER))
        f |= DYAD_TOK_ALL_CAPS;
    if ((all & B_DIGIT) && !(all & (B_UPPER | B_LOWER)) &&
        ((byte_class[s[0]] & B_DIGIT) || s[0] == '-' || s[0] == '+' || s[0] == '.'))
        f |= DYAD_TOK_NUMBER;
    if (!(all & B_ALNUM))
        f |= DYAD_TOK_PUNCT;
    return f;
}

/* The flags of a token that the fast path folded: the common cases are
 * decided from the first two bytes, the rest by ascii_token_flags. */
static TOK_HOT uint32_t quick_flags(const unsigned char *s, size_t len)
{
    unsigned k0 = byte_class[s[0]];
    if (k0 & B_LOWER)
        return 0; /* a lower-case letter first: none of the flags can hold */
    if (len == 1) /* punctuation, a digit or a capital letter */
        return (k0 & B_UPPER) ? DYAD_TOK_CAPITALIZED
               : (k0 & B_DIGIT) ? DYAD_TOK_NUMBER
                                : DYAD_TOK_PUNCT;
    if ((k0 & B_UPPER) && (byte_class[s[1]] & B_LOWER))
        return DYAD_TOK_CAPITALIZED;
    return ascii_token_flags(s, len);
}

/* The ASCII path of a token: folds s into dst (see norm_ascii_fold) and
 * sets the flags.  Returns false, having written a partial form, when s
 * holds a non-ASCII byte. */
static bool ascii_fold_flags(const unsigned char *s, size_t len, char *dst, uint32_t *flags)
{
    unsigned all = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = s[i];
        all |= byte_class[ch];
        dst[i] = (char)norm_ascii_fold[ch & 0x7F];
    }
    if (all & B_HIGH)
        return false;
    *flags = ascii_token_flags(s, len);
    return true;
}

static void unicode_flags(const unsigned char *s, size_t len, uint32_t *flags)
{
    size_t letters = 0;
    bool lower = false, digit = false, alnum = false, first = true, upper_first = false;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += norm_decode(s + i, len - i, &cp);
        utf8proc_category_t cat = utf8proc_category(cp);
        bool is_letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        if (is_letter) {
            letters++;
            if (first)
                upper_first = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
            first = false;
            lower = lower || cat == UTF8PROC_CATEGORY_LL;
            alnum = true;
        } else if (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) {
            digit = alnum = true;
        } else if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) {
            alnum = true;
        }
    }
    uint32_t f = 0;
    if (upper_first)
        f |= DYAD_TOK_CAPITALIZED;
    if (letters >= 2 && !lower)
        f |= DYAD_TOK_ALL_CAPS;
    if (digit && !letters && (byte_class[s[0]] & B_DIGIT))
        f |= DYAD_TOK_NUMBER;
    if (!alnum)
        f |= DYAD_TOK_PUNCT;
    *flags = f;
}

/* Records token idx in the list's marks (see tok_list) unless it is the
 * last one recorded. */
static void add_mark(tok_ctx *c, size_t idx)
{
    tok_list *l = c->list;
    if (l->mark_n && l->marks[l->mark_n - 1] == idx)
        return;
    if (l->mark_n == l->mark_cap) {
        c->st = core_grow(l->allocator, (void **)&l->marks, &l->mark_cap, l->mark_n + 1,
                          sizeof *l->marks);
        if (c->st)
            return;
    }
    l->marks[l->mark_n++] = (uint32_t)idx;
}

/* May a sentence end after (or, for '*' of a "* * *" separator, before) a
 * token whose last byte is last? */
static inline bool ends_like_stop(unsigned char last)
{
    return last == '.' || last == '!' || last == '?' || last == 0xA6 /* … is E2 80 A6 */ ||
           last == '*';
}

/* Appends the token text[b..e) (absolute byte offsets). */
static void push_token(tok_ctx *c, size_t b, size_t e)
{
    if (c->st || b >= e)
        return;
    tok_list *l = c->list;
    if (l->n == l->cap) {
        if (l->n >= UINT32_MAX) {
            c->st = DYAD_ELIMIT;
            return;
        }
        c->st = core_grow(l->allocator, (void **)&l->items, &l->cap, l->n + 1, sizeof *l->items);
        if (c->st)
            return;
    }
    const unsigned char *s = (const unsigned char *)c->text + b;
    size_t len = e - b;
    buf *norm = &l->norm;
    size_t norm_off = norm->len;
    if (norm->len + len + 1 > norm->cap && (c->st = buf_reserve(norm, len)) != DYAD_OK)
        return;
    uint32_t flags;
    if (ascii_fold_flags(s, len, norm->data + norm->len, &flags)) {
        norm->len += len;
        norm->data[norm->len] = 0;
    } else {
        c->st = norm_append(&l->scratch, norm, (const char *)s, len);
        if (c->st)
            return;
        unicode_flags(s, len, &flags);
    }
    if (norm->len > UINT32_MAX) {
        c->st = DYAD_ELIMIT;
        return;
    }
    dyad_token *t = &l->items[l->n++];
    memset(t, 0, sizeof *t);
    t->span.begin = (uint32_t)b;
    t->span.end = (uint32_t)e;
    t->norm_off = (uint32_t)norm_off;
    t->norm_len = (uint32_t)(norm->len - norm_off);
    t->flags = flags;
    if (ends_like_stop(s[len - 1]))
        add_mark(c, l->n - 1);
}

/* Emits code points [a, b) of the current chunk as one token. */
static void emit(tok_ctx *c, size_t a, size_t b)
{
    if (a < b)
        push_token(c, c->base + c->off[a], c->base + c->off[b]);
}

/* ---- code point classes ---- */

/* U+FFFD (what an invalid byte decodes to) counts as a letter: stray bytes
 * are usually mis-encoded letters ("caf\xE9" in Latin-1) and should stay
 * inside their word. */
static bool is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (byte_class[cp] & (B_UPPER | B_LOWER)) != 0;
    if (cp == 0xFFFD)
        return true;
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME);
}

static bool is_digit(int32_t cp)
{
    if (cp < 0x80)
        return (byte_class[cp] & B_DIGIT) != 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

static bool is_word(int32_t cp) { return is_letter(cp) || is_digit(cp); }

static bool is_apostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

static bool is_hyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

static int32_t lower_ascii(int32_t cp) { return cp < 0x80 ? norm_ascii_fold[cp] : cp; }

/* Non-ASCII punctuation and symbols that split off a word's edge: Unicode
 * categories P* and Sc/So.  An invalid byte (decoded as U+FFFD) is part of
 * the word. */
static bool is_unicode_punct(int32_t cp)
{
    if (cp == 0xFFFD)
        return false;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_PS || cat == UTF8PROC_CATEGORY_PI ||
           cat == UTF8PROC_CATEGORY_PF || cat == UTF8PROC_CATEGORY_PD ||
           cat == UTF8PROC_CATEGORY_PO || cat == UTF8PROC_CATEGORY_PE ||
           cat == UTF8PROC_CATEGORY_SC || cat == UTF8PROC_CATEGORY_SO;
}

/* Punctuation that is split off the front of a chunk. */
static bool is_leading_punct(int32_t cp)
{
    if (cp < 0x80)
        return cp == '(' || cp == '[' || cp == '{' || cp == '<' || cp == '"' || cp == '\'' ||
               cp == '`' || cp == '$' || cp == '*' || cp == '-' || cp == '.' || cp == ',' ||
               cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == '>' || cp == ')' ||
               cp == ']' || cp == '}' || cp == '/' || cp == '|' || cp == '~' || cp == '=' ||
               cp == '#';
    return is_unicode_punct(cp);
}

/* Punctuation that is split off the end of a chunk (the period is decided
 * separately). */
static bool is_trailing_punct(int32_t cp)
{
    if (cp < 0x80)
        return cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == '"' ||
               cp == '\'' || cp == '`' || cp == ')' || cp == ']' || cp == '}' || cp == '>' ||
               cp == '%' || cp == '*' || cp == '-' || cp == '(' || cp == '[' || cp == '/' ||
               cp == '|' || cp == '~' || cp == '=';
    return is_unicode_punct(cp);
}

/* Characters that always split a word in the middle. */
static bool is_inner_split(int32_t cp)
{
    if (cp < 0x80)
        return cp == '(' || cp == ')' || cp == '[' || cp == ']' || cp == '{' || cp == '}' ||
               cp == '"' || cp == ';' || cp == '!' || cp == '?' || cp == '<' || cp == '>' ||
               cp == '|' || cp == '*' || cp == '`' || cp == '~' || cp == '=';
    if (cp == 0x2019 || cp == 0x02BC)
        return false; /* apostrophe inside a word */
    if (cp == 0xFFFD)
        return false; /* an invalid byte: part of the word */
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_PS || cat == UTF8PROC_CATEGORY_PE ||
           cat == UTF8PROC_CATEGORY_PI || cat == UTF8PROC_CATEGORY_PF ||
           (cat == UTF8PROC_CATEGORY_PD && !is_hyphen(cp)) || cp == 0x2026 ||
           cat == UTF8PROC_CATEGORY_SO;
}

/* Length of the punctuation unit at i: runs of the same . ! ? - * ' ` = _
 * character form one token ("...", "--", "''", "``", "!!!"). */
static size_t unit_len(const tok_ctx *c, size_t i, size_t end)
{
    int32_t cp = c->cp[i];
    if (!(cp == '.' || cp == '!' || cp == '?' || cp == '-' || cp == '*' || cp == '\'' ||
          cp == '`' || cp == '=' || cp == '_'))
        return 1;
    size_t j = i + 1;
    while (j < end && c->cp[j] == cp)
        j++;
    return j - i;
}

/* ---- words and clitics ---- */

/* Units written straight after a number that UD splits off ("221bn",
 * "10am", "398,487MMBTU"); other letters stay on ("21st", "1990s", "3D"). */
static const char *const number_units[] = {
    "am", "b", "bcf", "bn", "cm", "ft", "gb", "gw", "kg", "km", "kw", "kwh", "lb", "lbs",
    "m", "mb", "mcf", "mg", "mi", "ml", "mm", "mmbtu", "mn", "mph", "mw", "pm", "tn", "tr", "k",
};

/* Where a number ends and its unit begins, or 0 when the word is not a
 * number followed by one of number_units. */
static size_t number_unit_split(const tok_ctx *c, size_t a, size_t b)
{
    size_t i = a;
    while (i < b && (is_digit(c->cp[i]) ||
                     ((c->cp[i] == ',' || c->cp[i] == '.') && i > a && i + 1 < b &&
                      is_digit(c->cp[i + 1]))))
        i++;
    if (i == a || i == b || !is_digit(c->cp[i - 1]))
        return 0;
    if (!word_in(number_units, DYAD_ARRAY_LEN(number_units), c->text + c->base + c->off[i],
                 c->off[b] - c->off[i]))
        return 0;
    return i - a;
}

/* Emits a word [a, b), splitting off an English clitic or a fused form. */
static void emit_word(tok_ctx *c, size_t a, size_t b)
{
    size_t len = b - a;
    const int32_t *w = c->cp + a;
    if (len >= 4 && lower_ascii(w[len - 3]) == 'n' && is_apostrophe(w[len - 2]) &&
        lower_ascii(w[len - 1]) == 't') {
        emit(c, a, b - 3);
        emit(c, b - 3, b);
        return;
    }
    if (len >= 3 && is_apostrophe(w[len - 2]) && is_letter(w[len - 3])) {
        int32_t l = lower_ascii(w[len - 1]);
        if (l == 's' || l == 'm' || l == 'd') {
            emit(c, a, b - 2);
            emit(c, b - 2, b);
            return;
        }
    }
    if (len >= 4 && is_apostrophe(w[len - 3]) && is_letter(w[len - 4])) {
        int32_t l1 = lower_ascii(w[len - 2]), l2 = lower_ascii(w[len - 1]);
        if ((l1 == 'r' && l2 == 'e') || (l1 == 'v' && l2 == 'e') || (l1 == 'l' && l2 == 'l')) {
            emit(c, a, b - 3);
            emit(c, b - 3, b);
            return;
        }
    }
    size_t num = number_unit_split(c, a, b);
    if (num) {
        emit(c, a, a + num);
        emit(c, a + num, b);
        return;
    }
    size_t at = fused_split(c->text + c->base + c->off[a], c->off[b] - c->off[a]);
    if (at && (size_t)(c->off[b] - c->off[a]) == len) { /* ASCII: one code point per byte */
        emit(c, a, a + at);
        emit(c, a + at, b);
        return;
    }
    emit(c, a, b);
}

/* ---- hyphens ---- */

static size_t digit_run(const tok_ctx *c, size_t i, size_t end)
{
    size_t j = i;
    while (j < end && is_digit(c->cp[j]))
        j++;
    return j - i;
}

/* Is the run of digits and single hyphens from seg a phone number or date
 * ("713-853-3989", "11-20-2000", "555-0199")? */
static bool is_digit_code(const tok_ctx *c, size_t seg, size_t end)
{
    size_t groups = 0, i = seg, first = 0, last = 0;
    for (;;) {
        size_t d = digit_run(c, i, end);
        if (d == 0)
            return false;
        if (groups == 0)
            first = d;
        last = d;
        groups++;
        i += d;
        if (i >= end || !is_hyphen(c->cp[i]))
            break;
        i++;
    }
    if (i < end && is_word(c->cp[i]))
        return false;
    return groups >= 3 || (groups == 2 && (first == 3 || first == 5) && last == 4);
}

/* Is the hyphen at i (between word characters) kept inside the word? */
static bool keeps_hyphen(const tok_ctx *c, size_t seg, size_t i, size_t end)
{
    size_t b0 = c->off[seg], b1 = c->off[i];
    if (word_in(hyphen_prefixes, DYAD_ARRAY_LEN(hyphen_prefixes), c->text + c->base + b0,
                b1 - b0))
        return true;
    return is_digit(c->cp[seg]) && is_digit_code(c, seg, end);
}

/* End of a "01-Feb-02" / "1-Mar-2023" date starting at i (one or two
 * digits, a three-letter month, two or four digits), or 0. */
static size_t dmy_date_end(const tok_ctx *c, size_t i, size_t hi)
{
    static const char *const mons[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
    size_t d = digit_run(c, i, hi);
    if (d < 1 || d > 2 || i + d + 5 >= hi || !is_hyphen(c->cp[i + d]))
        return 0;
    size_t m = i + d + 1;
    if (c->off[m + 3] - c->off[m] != 3 || !is_hyphen(c->cp[m + 3]) ||
        !word_in(mons, DYAD_ARRAY_LEN(mons), c->text + c->base + c->off[m], 3))
        return 0;
    size_t y = digit_run(c, m + 4, hi);
    if ((y != 2 && y != 4) || (m + 4 + y < hi && is_word(c->cp[m + 4 + y])))
        return 0;
    return m + 4 + y;
}

/* ---- inner splitting ---- */

static bool digits_around(const tok_ctx *c, size_t i, size_t lo, size_t hi)
{
    return i > lo && i + 1 < hi && is_digit(c->cp[i - 1]) && is_digit(c->cp[i + 1]);
}

/* "b/c", "w/o", "L/C": single letters around a slash stay one word. */
static bool letter_pair(const tok_ctx *c, size_t i, size_t lo, size_t hi)
{
    return i == lo + 1 && i + 2 <= hi && is_letter(c->cp[i - 1]) && is_letter(c->cp[i + 1]) &&
           (i + 2 == hi || !is_letter(c->cp[i + 2]));
}

static bool is_currency(int32_t cp)
{
    return cp == '$' || (cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_SC);
}

/* Are [lo, i) one to three capital letters naming a dollar ("US$", "HK$",
 * "A$", "NZ$")?  With the '$' they are one symbol, as in UD English; split
 * off, "US" would read as the United States. */
static bool dollar_prefix(const tok_ctx *c, size_t lo, size_t i)
{
    if (c->cp[i] != '$' || i == lo || i - lo > 3)
        return false;
    for (size_t k = lo; k < i; k++)
        if (c->cp[k] < 'A' || c->cp[k] > 'Z')
            return false;
    return true;
}

/* Splits the core of a chunk (leading and trailing punctuation removed) at
 * inner punctuation and emits its words. */
static void emit_core(tok_ctx *c, size_t lo, size_t hi)
{
    size_t start = lo, seg = lo, i = lo, date_end = 0;
    while (i < hi) {
        int32_t cp = c->cp[i];
        if (is_word(cp) || (cp == '.' && !(i + 1 < hi && c->cp[i + 1] == '.')) || cp == '\'' ||
            cp == '&' || cp == '@' || cp == '_') {
            i++;
            continue;
        }
        size_t unit = 0;
        if (is_hyphen(cp)) {
            unit = unit_len(c, i, hi);
            if (i == seg + 1 || i == seg + 2)
                date_end = i < date_end ? date_end : dmy_date_end(c, seg, hi);
            if (unit == 1 && i > start && i + 1 < hi && is_word(c->cp[i - 1]) &&
                is_word(c->cp[i + 1]) && (i < date_end || keeps_hyphen(c, seg, i, hi))) {
                seg = ++i;
                continue;
            }
        } else if (cp == '/') {
            unit = digits_around(c, i, start, hi) || letter_pair(c, i, start, hi) ? 0 : 1;
        } else if (cp == ',' || cp == ':') {
            unit = digits_around(c, i, start, hi) ? 0 : 1;
        } else if (cp == '.' && i + 1 < hi && c->cp[i + 1] == '.') {
            unit = unit_len(c, i, hi); /* "down...please" */
        } else if (is_currency(cp) && i + 1 < hi && is_digit(c->cp[i + 1])) {
            if (dollar_prefix(c, start, i)) { /* "US$7" is "US$" "7" */
                emit_word(c, start, i + 1);
                start = seg = ++i;
                continue;
            }
            unit = 1; /* "£3,000-£5,000" */
        } else if (is_inner_split(cp)) {
            unit = unit_len(c, i, hi);
        }
        if (unit == 0) {
            i++;
            continue;
        }
        if (i > start)
            emit_word(c, start, i);
        emit(c, i, i + unit);
        i += unit;
        start = seg = i;
    }
    if (hi > start)
        emit_word(c, start, hi);
}

/* ---- leading and trailing punctuation ---- */

/* Does a leading apostrophe at i belong to the word ("'s", "'90s", "'em")? */
static bool apostrophe_starts_word(const tok_ctx *c, size_t i, size_t hi)
{
    if (i + 1 >= hi)
        return false;
    if (is_digit(c->cp[i + 1]))
        return true;
    size_t j = i + 1;
    while (j < hi && is_letter(c->cp[j]))
        j++;
    size_t n = j - i - 1;
    if (n == 0 || n > 5 || (j < hi && is_word(c->cp[j])))
        return false;
    char low[8];
    size_t b0 = c->off[i + 1], b1 = c->off[j];
    if (!ascii_lower_copy(c->text + c->base + b0, b1 - b0, low, sizeof low))
        return false;
    static const char *const clitics[] = {"s", "m", "d", "re", "ve", "ll", "em", "cause",
                                          "til", "n"};
    for (size_t k = 0; k < DYAD_ARRAY_LEN(clitics); k++)
        if (!strcmp(clitics[k], low))
            return true;
    return false;
}

/* Splits leading punctuation off [*lo, hi). */
static void emit_leading(tok_ctx *c, size_t *lo, size_t hi)
{
    size_t i = *lo;
    while (i < hi && !c->st) {
        int32_t cp = c->cp[i];
        if (!is_leading_punct(cp))
            break;
        if (is_apostrophe(cp) && apostrophe_starts_word(c, i, hi))
            break;
        size_t unit = unit_len(c, i, hi);
        if (cp == '.' && unit == 1 && i + 1 < hi && is_digit(c->cp[i + 1]))
            break; /* ".5" */
        if (cp == '-' && unit == 1 && i + 1 < hi && is_digit(c->cp[i + 1]))
            break; /* "-5" */
        if (cp == '#' && !(i + 1 < hi && is_digit(c->cp[i + 1])))
            break; /* "#hashtag" stays, "#10461" splits */
        emit(c, i, i + unit);
        i += unit;
    }
    *lo = i;
}

/* Does the period at p stay on the word [lo, p)? */
static bool keeps_period(const tok_ctx *c, size_t lo, size_t p)
{
    if (p == lo || !is_letter(c->cp[p - 1]))
        return false;
    size_t b0 = c->off[lo], b1 = c->off[p];
    return split_abbrev_class(c->text + c->base + b0, b1 - b0, c->next_is_digit) !=
           SPLIT_ABBR_NONE;
}

/* Finds where the trailing punctuation of [lo, hi) begins. */
static size_t trailing_start(const tok_ctx *c, size_t lo, size_t hi)
{
    size_t t = hi;
    while (t > lo) {
        int32_t cp = c->cp[t - 1];
        if (cp == '.') {
            size_t r = 1;
            while (t - r > lo && c->cp[t - r - 1] == '.')
                r++;
            if (r == 1 && keeps_period(c, lo, t - 1))
                break;
            t -= r;
            continue;
        }
        if (!is_trailing_punct(cp))
            break;
        t--;
    }
    return t;
}

/* Emits the trailing punctuation [t, hi) in units. */
static void emit_trailing(tok_ctx *c, size_t t, size_t hi)
{
    while (t < hi && !c->st) {
        size_t unit = unit_len(c, t, hi);
        emit(c, t, t + unit);
        t += unit;
    }
}

/* ---- URLs and e-mail addresses ---- */

static bool starts_with_ascii(const tok_ctx *c, size_t lo, size_t hi, const char *p)
{
    size_t n = strlen(p);
    if (hi - lo < n)
        return false;
    for (size_t k = 0; k < n; k++)
        if (lower_ascii(c->cp[lo + k]) != p[k])
            return false;
    return true;
}

static bool looks_like_url(const tok_ctx *c, size_t lo, size_t hi)
{
    if (starts_with_ascii(c, lo, hi, "http://") || starts_with_ascii(c, lo, hi, "https://") ||
        starts_with_ascii(c, lo, hi, "www.") || starts_with_ascii(c, lo, hi, "ftp://"))
        return true;
    /* user@host.org, and the Notes-style Name@ORG */
    for (size_t i = lo + 1; i + 1 < hi; i++)
        if (c->cp[i] == '@' && is_word(c->cp[i - 1]) && is_word(c->cp[i + 1]))
            return true;
    return false;
}

/* A URL keeps everything but final sentence punctuation and closers. */
static size_t url_end(const tok_ctx *c, size_t lo, size_t hi)
{
    size_t t = hi;
    while (t > lo + 1) {
        int32_t cp = c->cp[t - 1];
        if (!(cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' ||
              cp == ')' || cp == ']' || cp == '>' || cp == '"' || cp == '\'' || cp >= 0x80))
            break;
        t--;
    }
    return t;
}

/* ---- chunks ---- */

/* Decodes bytes [b, e) (e - b <= TOK_MAX_CHUNK_BYTES) into c->cp/c->off. */
static void decode_chunk(tok_ctx *c, size_t b, size_t e)
{
    const unsigned char *s = (const unsigned char *)c->text;
    size_t n = 0, p = b;
    while (p < e) {
        c->off[n] = (uint16_t)(p - b);
        if (s[p] < 0x80)
            c->cp[n] = s[p++];
        else
            p += norm_decode(s + p, e - p, &c->cp[n]);
        n++;
    }
    c->off[n] = (uint16_t)(e - b);
    c->cp[n] = 0;
    c->base = b;
    c->n = n;
}

/* The general path for one chunk of at most TOK_MAX_CHUNK_BYTES. */
static void split_chunk(tok_ctx *c, size_t b, size_t e)
{
    decode_chunk(c, b, e);
    size_t lo = 0, hi = c->n;
    emit_leading(c, &lo, hi);
    if (lo >= hi)
        return;
    if (looks_like_url(c, lo, hi)) {
        size_t t = url_end(c, lo, hi);
        emit(c, lo, t);
        emit_trailing(c, t, hi);
        return;
    }
    size_t t = trailing_start(c, lo, hi);
    emit_core(c, lo, t);
    emit_trailing(c, t, hi);
}

static bool digit_follows(const tok_ctx *c, size_t e)
{
    const unsigned char *s = (const unsigned char *)c->text;
    while (e < c->range_end && (byte_class[s[e]] & B_SPACE))
        e++;
    return e < c->range_end && (byte_class[s[e]] & B_DIGIT);
}

/* A cut position at or just before p (p > b) that does not split a UTF-8
 * sequence; p itself when no lead byte is found within 3 bytes. */
static size_t char_boundary(const char *s, size_t b, size_t p)
{
    size_t q = p;
    while (q > b + 1 && p - q < 3 && ((unsigned char)s[q] & 0xC0) == 0x80)
        q--;
    return ((unsigned char)s[q] & 0xC0) == 0x80 ? p : q;
}

/* The general path for a chunk of any length: pieces of at most
 * TOK_MAX_CHUNK_BYTES, each split by split_chunk. */
static void do_chunk(tok_ctx *c, size_t b, size_t e)
{
    while (e - b > TOK_MAX_CHUNK_BYTES && !c->st) {
        size_t cut = char_boundary(c->text, b, b + TOK_MAX_CHUNK_BYTES);
        c->next_is_digit = false;
        split_chunk(c, b, cut);
        b = cut;
    }
    if (c->st)
        return;
    c->next_is_digit = digit_follows(c, e);
    split_chunk(c, b, e);
}

/* Marks the last token of this range with what the gap after it holds. */
static void mark_gap(tok_ctx *c, size_t first_tok, unsigned newlines)
{
    if (c->list->n <= first_tok)
        return;
    uint32_t f = DYAD_TOK_SPACE_AFTER;
    if (newlines >= 1)
        f |= DYAD_TOK_NEWLINE_AFTER;
    c->list->items[c->list->n - 1].flags |= f;
    if (newlines >= 2) {
        c->list->items[c->list->n - 1].flags |= DYAD_TOK_BLANK_LINE_AFTER;
        add_mark(c, c->list->n - 1);
    }
}

/* Eight-bytes-at-a-time classification of ASCII (SWAR): for each byte
 * lane, bit 7 of the result is set when the byte lies in [lo, hi].  Valid
 * only when no lane has bit 7 set in x. */
#define SWAR_ONES 0x0101010101010101ull
#define SWAR_HIGH 0x8080808080808080ull
static inline uint64_t swar_in_range(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t ge = x + SWAR_ONES * (0x80u - lo);
    uint64_t le = ~(x + SWAR_ONES * (0x7Fu - hi));
    return ge & le & SWAR_HIGH;
}

/* Scans the chunk starting at p (no whitespace at p) and returns its end.
 * *classes gets the OR of the byte classes outside runs of 8 letters and
 * digits (enough to see B_HIGH and B_PUNCT); *plain the length of its
 * leading run of ASCII letters and digits.  While scanning, the ASCII
 * folding of the first TOK_MAX_CHUNK_BYTES bytes is written into fold
 * (which has room for 8 more bytes), so a plain word needs no second pass
 * (push_folded_word).  Runs of letters and digits go 8 bytes at a time. */
static TOK_HOT size_t scan_chunk(const unsigned char *s, size_t p, size_t end, char *fold,
                         unsigned *classes, size_t *plain)
{
    size_t q = p, lim = end - p > TOK_MAX_CHUNK_BYTES ? p + TOK_MAX_CHUNK_BYTES : end;
    unsigned all = 0, spare = 0;
    size_t first_other = SIZE_MAX;
    while (q + 8 <= lim) {
        uint64_t x;
        memcpy(&x, s + q, 8);
        if (x & SWAR_HIGH)
            break;
        uint64_t upper = swar_in_range(x, 'A', 'Z');
        uint64_t letter = swar_in_range(x | 0x2020202020202020ull, 'a', 'z');
        uint64_t digit = swar_in_range(x, '0', '9');
        uint64_t other = ~(letter | digit) & SWAR_HIGH;
        uint64_t folded = x | (upper >> 2);
        memcpy(fold + (q - p), &folded, 8); /* lanes after a stop are rewritten below */
        if (other) {
            q += (size_t)__builtin_ctzll(other) / 8; /* the first other byte */
            first_other = q;
            break;
        }
        q += 8;
    }
    while (q < lim) {
        unsigned char ch = s[q];
        unsigned k = byte_class[ch];
        if (DYAD_UNLIKELY(k & (B_SPACE | B_HIGH))) {
            if ((k & B_SPACE) || unicode_space_len(s + q, end - q, &spare))
                break;
        }
        if (!(k & B_ALNUM) && first_other == SIZE_MAX)
            first_other = q;
        all |= k;
        fold[q - p] = (char)norm_ascii_fold[ch & 0x7F];
        q++;
    }
    *plain = (first_other < q ? first_other : q) - p;
    while (q < end && q == lim) { /* an over-long chunk: finish without folding */
        unsigned k = byte_class[s[q]];
        if ((k & B_SPACE) || ((k & B_HIGH) && unicode_space_len(s + q, end - q, &spare)))
            break;
        all |= k;
        q++, lim++;
    }
    *classes = all;
    return q;
}

/* Appends a token of ASCII letters and digits (or one punctuation byte, or
 * an abbreviation with its period) whose folded form scan_chunk already
 * wrote at the end of the norm buffer. */
static TOK_HOT void push_folded_word(tok_ctx *c, size_t b, size_t e)
{
    tok_list *l = c->list;
    if (l->n == l->cap) {
        if (l->n >= UINT32_MAX) {
            c->st = DYAD_ELIMIT;
            return;
        }
        c->st = core_grow(l->allocator, (void **)&l->items, &l->cap, l->n + 1, sizeof *l->items);
        if (c->st)
            return;
    }
    buf *norm = &l->norm;
    size_t len = e - b;
    if (norm->len + len > UINT32_MAX) {
        c->st = DYAD_ELIMIT;
        return;
    }
    const unsigned char *s = (const unsigned char *)c->text + b;
    uint32_t f = quick_flags(s, len);
    dyad_token *t = &l->items[l->n++];
    memset(t, 0, sizeof *t);
    t->span.begin = (uint32_t)b;
    t->span.end = (uint32_t)e;
    t->norm_off = (uint32_t)norm->len;
    t->norm_len = (uint32_t)len;
    t->flags = f;
    norm->len += len;
    norm->data[norm->len] = 0;
    if (ends_like_stop(s[len - 1]))
        add_mark(c, l->n - 1);
}

/* The fastest path, over the folding scan_chunk already did: a plain word
 * ("talks"), or a word and one final comma, semicolon, colon or period
 * ("talks," "talks." but "Mr." as one token).  Returns false when the chunk
 * needs the general path. */
static bool fast_folded(tok_ctx *c, size_t b, size_t e, unsigned classes, size_t plain)
{
    size_t len = e - b;
    const char *s = c->text;
    if (len > TOK_MAX_CHUNK_BYTES || (classes & B_HIGH) || plain + 1 < len)
        return false;
    bool digit_then_letter = false; /* maybe a number and its unit: "10am" */
    if (byte_class[(unsigned char)s[b]] & B_DIGIT)
        for (size_t i = b + 1; i < e && !digit_then_letter; i++)
            digit_then_letter = (byte_class[(unsigned char)s[i]] & (B_UPPER | B_LOWER)) != 0;
    if (plain == len) {
        if (digit_then_letter || fused_split(s + b, len))
            return false;
        push_folded_word(c, b, e);
        return true;
    }
    unsigned char last = (unsigned char)s[e - 1];
    if (plain == 0 || digit_then_letter || !(last == ',' || last == ';' || last == ':' || last == '.') ||
        fused_split(s + b, plain))
        return false;
    if (last == '.' && split_abbrev_class(s + b, plain, digit_follows(c, e)) != SPLIT_ABBR_NONE) {
        push_folded_word(c, b, e);
        return true;
    }
    push_folded_word(c, b, e - 1);
    if (!c->st) {
        buf *norm = &c->list->norm;
        norm->data[norm->len] = (char)last; /* the word's NUL overwrote the folded byte */
        push_folded_word(c, e - 1, e);
    }
    return true;
}

dyad_status tok_range(tok_list *list, const char *text, size_t begin, size_t end)
{
    tok_ctx ctx; /* about 6 KB: the decoded chunk lives on the stack */
    tok_ctx *c = &ctx;
    c->list = list;
    c->text = text;
    c->range_end = end;
    c->st = DYAD_OK;
    size_t first_tok = list->n;
    const unsigned char *s = (const unsigned char *)text;
    buf *norm = &list->norm;
    size_t p = begin;
    while (p < end && !c->st) {
        unsigned newlines = 0;
        size_t gap = p;
        if (s[p] == ' ' && p + 1 < end && !(byte_class[s[p + 1]] & (B_SPACE | B_HIGH))) {
            p++; /* the common gap: one space before an ASCII character */
            if (c->list->n > first_tok)
                c->list->items[c->list->n - 1].flags |= DYAD_TOK_SPACE_AFTER;
            gap = p;
        }
        for (;;) {
            if (p >= end)
                break;
            unsigned k = byte_class[s[p]];
            if (k & B_SPACE) {
                newlines += (k & B_NL) != 0;
                p++;
                continue;
            }
            size_t u = (k & B_HIGH) ? unicode_space_len(s + p, end - p, &newlines) : 0;
            if (!u)
                break;
            p += u;
        }
        if (p > gap)
            mark_gap(c, first_tok, newlines);
        if (p >= end)
            break;
        if (norm->len + TOK_MAX_CHUNK_BYTES + 9 > norm->cap &&
            (c->st = buf_reserve(norm, TOK_MAX_CHUNK_BYTES + 8)) != DYAD_OK)
            break;
        unsigned classes;
        size_t plain;
        size_t q = scan_chunk(s, p, end, norm->data + norm->len, &classes, &plain);
        if (list->slow_only || !fast_folded(c, p, q, classes, plain))
            do_chunk(c, p, q);
        p = q;
    }
    return c->st;
}
