/*
 * split.c — the sentence splitter.  It runs after the tokenizer, over the
 * token array of a document, and appends dyad_sentence records (token
 * ranges plus byte spans) to a sent_list.
 *
 * The rules are data: an abbreviation table (each entry says whether the
 * abbreviation precedes a name, may end a sentence, or needs a following
 * number), a table of words that typically start a sentence (used after
 * "U.S."-like acronyms) and a table of words that continue a time ("5
 * p.m. Monday").  The decision after a candidate token is a lookup in
 * decide_table[abbreviation class][kind of the next token].  A blank line
 * always ends a sentence (headlines, paragraphs); a single newline never
 * does (hard-wrapped wire text).  A dateline at the start of a paragraph
 * ("BAKU, March 8 (AFP) -") becomes a sentence of its own flagged
 * DYAD_SENT_DATELINE.  No sentence exceeds DYAD_MAX_SENTENCE_TOKENS.
 * See docs/text-analysis.md for the full rule list.
 */
#include "text/text.h"

#include <string.h>
#include <utf8proc.h>

/* A dateline is looked for only within this many tokens. */
#define SPLIT_MAX_DATELINE_TOKENS 16u

/* ---- abbreviations ---- */

enum { ABBR_NEEDS_DIGIT = 1 };

/* The longest word in abbrevs[] ("Messrs"). */
#define ABBR_MAX_LEN 6u

typedef struct abbrev_entry {
    const char *word; /* without the period; first letter matches either case */
    unsigned char cls;
    unsigned char flags;
} abbrev_entry;

#define T SPLIT_ABBR_TITLE
#define E SPLIT_ABBR_END
/* Sorted by (lower-cased first letter, rest) for binary search.  T: titles,
 * ranks, months, "No."/"vs."/"ca." (a name or number follows); E: company
 * suffixes, Jr./Sr., etc., weekdays, street words, U.S. states and Canadian
 * provinces whose abbreviation is not also an English word (may end a
 * sentence). */
static const abbrev_entry abbrevs[] = {
    {"Adm", T, 0}, {"al", E, 0}, {"Ala", E, 0}, {"Alta", E, 0}, {"approx", T, 0},
    {"Apr", T, 0}, {"Ariz", E, 0}, {"Ark", E, 0}, {"Art", T, ABBR_NEEDS_DIGIT},
    {"Atty", T, 0}, {"Aug", T, 0}, {"Ave", E, 0}, {"Blvd", E, 0}, {"Bros", E, 0},
    {"ca", T, 0}, {"Calif", E, 0}, {"Capt", T, 0}, {"cf", T, 0}, {"Cmdr", T, 0},
    {"Co", E, 0}, {"Col", T, 0}, {"Colo", E, 0}, {"Conn", E, 0}, {"Corp", E, 0},
    {"Cpl", T, 0}, {"Dec", T, 0}, {"Dept", E, 0}, {"Dr", T, 0}, {"Est", E, 0},
    {"etc", E, 0}, {"Feb", T, 0}, {"Fig", T, 0}, {"Fla", E, 0}, {"Fr", T, 0},
    {"Fri", E, 0}, {"Ft", T, 0}, {"Ga", E, 0}, {"Gen", T, 0}, {"Gens", T, 0},
    {"Gov", T, 0}, {"Govt", E, 0}, {"Hon", T, 0}, {"Inc", E, 0}, {"Insp", T, 0},
    {"Jan", T, 0}, {"Jr", E, 0}, {"Jul", T, 0}, {"Jun", T, 0}, {"Kan", E, 0}, {"Ky", E, 0},
    {"Lt", T, 0}, {"Ltd", E, 0}, {"Maj", T, 0}, {"Mar", T, 0}, {"Md", E, 0},
    {"Messrs", T, 0}, {"Mich", E, 0}, {"Minn", E, 0}, {"Mlle", T, 0}, {"Mme", T, 0},
    {"Mon", E, 0}, {"Mr", T, 0}, {"Mrs", T, 0}, {"Ms", T, 0}, {"Mt", T, 0}, {"Neb", E, 0},
    {"Nev", E, 0}, {"No", T, ABBR_NEEDS_DIGIT}, {"Nos", T, ABBR_NEEDS_DIGIT},
    {"Nov", T, 0}, {"Oct", T, 0}, {"Okla", E, 0}, {"Ont", E, 0}, {"op", T, 0},
    {"Ore", E, 0}, {"p", T, ABBR_NEEDS_DIGIT}, {"pop", T, 0}, {"pp", T, 0}, {"Pres", T, 0},
    {"Prof", T, 0}, {"Pvt", T, 0}, {"Que", E, 0}, {"Rd", E, 0}, {"Rep", T, 0},
    {"Reps", T, 0}, {"Rev", T, 0}, {"Sask", E, 0}, {"Sat", E, 0}, {"Sec", T, 0},
    {"Sen", T, 0}, {"Sens", T, 0}, {"Sep", T, 0}, {"Sept", T, 0}, {"Sgt", T, 0},
    {"Sr", E, 0}, {"St", T, 0}, {"Sun", E, 0}, {"Supt", T, 0}, {"Tenn", E, 0},
    {"Tex", E, 0}, {"Thu", E, 0}, {"Thur", E, 0}, {"Thurs", E, 0}, {"Tue", E, 0},
    {"Tues", E, 0}, {"v", T, 0}, {"Vol", T, 0}, {"vs", T, 0}, {"Vt", E, 0}, {"Wed", E, 0},
    {"Wis", E, 0}, {"Wyo", E, 0},
};
#undef T
#undef E

static unsigned char ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Orders word against an entry: first letter case-insensitively, then the
 * rest byte by byte, then by length. */
static int abbrev_cmp(const char *word, size_t len, const char *entry)
{
    int d = (int)ascii_lower((unsigned char)word[0]) - (int)ascii_lower((unsigned char)entry[0]);
    if (d)
        return d;
    size_t elen = strlen(entry);
    size_t n = (len < elen ? len : elen) - 1;
    d = memcmp(word + 1, entry + 1, n);
    if (d)
        return d;
    return (len > elen) - (len < elen);
}

/* Binary search in abbrevs[] ("No" and "no" both find the entry "No"). */
static const abbrev_entry *abbrev_find(const char *word, size_t len)
{
    size_t lo = 0, hi = DYAD_ARRAY_LEN(abbrevs);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = abbrev_cmp(word, len, abbrevs[mid].word);
        if (d == 0)
            return &abbrevs[mid];
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* "U.S", "B.C.E", "a.m", "Ph.D": letter groups of one or two ASCII
 * letters joined by single periods, at least two groups. */
static bool is_dotted_acronym(const char *w, size_t len)
{
    size_t groups = 0, run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c == '.') {
            if (run == 0 || run > 2)
                return false;
            groups++;
            run = 0;
        } else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
            run++;
        } else {
            return false;
        }
    }
    return run >= 1 && run <= 2 && groups >= 1;
}

bool split_abbrev_table_sorted(void)
{
    for (size_t i = 0; i < DYAD_ARRAY_LEN(abbrevs); i++) {
        const char *w = abbrevs[i].word;
        if (strlen(w) > ABBR_MAX_LEN || abbrev_find(w, strlen(w)) != &abbrevs[i])
            return false;
    }
    return true;
}

split_abbrev split_abbrev_class(const char *word, size_t len, bool next_is_digit)
{
    if (len == 0 || len > 8)
        return SPLIT_ABBR_NONE;
    if (len == 1 && word[0] >= 'A' && word[0] <= 'Z')
        return SPLIT_ABBR_INITIAL;
    const abbrev_entry *e = len <= ABBR_MAX_LEN ? abbrev_find(word, len) : NULL;
    if (e) {
        if ((e->flags & ABBR_NEEDS_DIGIT) && !next_is_digit)
            return SPLIT_ABBR_NONE;
        return (split_abbrev)e->cls;
    }
    if (!is_dotted_acronym(word, len))
        return SPLIT_ABBR_NONE;
    /* a.m., p.m., e.g., i.e. behave like the table's classes */
    if (len == 3 && word[1] == '.' && (word[2] == 'm' || word[2] == 'M'))
        return SPLIT_ABBR_END;
    if (len == 3 && word[1] == '.' &&
        ((ascii_lower((unsigned char)word[0]) == 'e' && ascii_lower((unsigned char)word[2]) == 'g') ||
         (ascii_lower((unsigned char)word[0]) == 'i' && ascii_lower((unsigned char)word[2]) == 'e')))
        return SPLIT_ABBR_TITLE;
    return SPLIT_ABBR_ACRONYM;
}

/* ---- word lists over normalized forms ---- */

/* Words that commonly start a sentence; after an acronym such as "U.S." a
 * sentence ends only before one of these ("in the U.S. The ..." but "the
 * U.S. Senate"). */
static const char *const starters[] = {
    "a", "after", "also", "although", "an", "and", "as", "at", "because", "before", "but",
    "by", "during", "for", "from", "he", "her", "his", "however", "i", "if", "in", "it",
    "its", "many", "meanwhile", "more", "most", "mr.", "mrs.", "ms.", "my", "no", "not",
    "now", "of", "on", "one", "our", "she", "since", "so", "some", "that", "the", "their",
    "there", "these", "they", "this", "those", "though", "to", "under", "we", "what",
    "when", "where", "while", "who", "why", "with", "yet", "you",
};

/* Words that continue a time after "a.m."/"p.m." instead of starting a new
 * sentence ("at 5 p.m. Monday", "9 a.m. EST"). */
static const char *const time_continuers[] = {
    "cdt", "cst", "eastern", "edt", "est", "et", "friday", "gmt", "local", "monday",
    "pacific", "pdt", "pst", "saturday", "sunday", "thursday", "tuesday", "utc",
    "wednesday", "central", "mountain",
};

/* Month names and abbreviations, for datelines. */
static const char *const months[] = {
    "jan", "jan.", "january", "feb", "feb.", "february", "march", "mar.", "april", "apr.",
    "may", "june", "jun.", "july", "jul.", "august", "aug.", "september", "sept.", "sep.",
    "october", "oct.", "november", "nov.", "december", "dec.",
};

/* News agencies named in datelines ("Baku (AFP) -"). */
static const char *const agencies[] = {
    "afp", "ansa", "ap", "apa", "bernama", "bloomberg", "dpa", "efe", "iana", "ians", "interfax",
    "irna", "itar-tass", "kyodo", "mena", "pti", "reuters", "ria", "sana", "tass", "upi", "wafa",
    "xinhua", "yonhap",
};

static bool in_list(const char *const *list, size_t n, const char *s, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (list[i][0] == s[0] && strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return true;
    return false;
}

#define IN_LIST(list, s, len) in_list((list), DYAD_ARRAY_LEN(list), (s), (len))

/* ---- token classes ---- */

/* The kind of the token after a candidate: NEXT_OPEN is an opening quote,
 * NEXT_BRACKET an opening bracket ("Apple Inc. (AAPL)" goes on). */
typedef enum next_kind {
    NEXT_UPPER,
    NEXT_LOWER,
    NEXT_DIGIT,
    NEXT_OPEN,
    NEXT_BRACKET,
    NEXT_OTHER,
    NEXT_KIND_N
} next_kind;

/* What ends a candidate: plain stop, ellipsis, or an abbreviation class. */
typedef enum cand_kind {
    CAND_NONE,
    CAND_STOP,     /* . ! ? and runs of them */
    CAND_ELLIPSIS, /* ... or … */
    CAND_TITLE,
    CAND_END,
    CAND_ACRONYM,
    CAND_INITIAL,
    CAND_KIND_N
} cand_kind;

typedef enum decision { NO, YES, STARTER, NOT_TIME, UNQUOTED } decision;

/* Whether a sentence ends after a candidate, by the kind of the next token.
 * STARTER: only if the next word is in starters[]; NOT_TIME: unless the
 * next word is in time_continuers[]; UNQUOTED: unless a closing quote or
 * bracket came after the stop ('"Why?" he asked' goes on, but web text
 * "no. i got it" starts a new sentence in lower case). */
static const unsigned char decide_table[CAND_KIND_N][NEXT_KIND_N] = {
    /*               UPPER     LOWER     DIGIT OPEN BRACKET OTHER */
    [CAND_NONE] = {NO, NO, NO, NO, NO, NO},
    [CAND_STOP] = {YES, UNQUOTED, YES, YES, YES, NO},
    [CAND_ELLIPSIS] = {YES, NO, NO, YES, YES, NO},
    [CAND_TITLE] = {NO, NO, NO, NO, NO, NO},
    [CAND_END] = {NOT_TIME, NO, NO, YES, NO, NO},
    [CAND_ACRONYM] = {STARTER, NO, NO, YES, NO, NO},
    [CAND_INITIAL] = {NO, NO, NO, NO, NO, NO},
};

typedef struct split_ctx {
    const char *text;
    const dyad_token *toks;
    const char *norm;
    const uint32_t *marks; /* tokens where a sentence may end (tok_list) */
    size_t mark_n;
    size_t m; /* next mark to look at; only moves forward */
} split_ctx;

static const unsigned char *tok_bytes(const split_ctx *c, size_t i)
{
    return (const unsigned char *)c->text + c->toks[i].span.begin;
}

static size_t tok_len(const split_ctx *c, size_t i)
{
    return c->toks[i].span.end - c->toks[i].span.begin;
}

static int32_t first_cp(const split_ctx *c, size_t i)
{
    int32_t cp = 0;
    if (tok_len(c, i))
        norm_decode(tok_bytes(c, i), tok_len(c, i), &cp);
    return cp;
}

static bool is_open_cp(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == '`' || cp == 0x201C || cp == 0x2018 || cp == 0x00AB;
}

static bool is_close_cp(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' || cp == 0x201D ||
           cp == 0x2019 || cp == 0x00BB;
}

static next_kind classify_next(const split_ctx *c, size_t i)
{
    int32_t cp = first_cp(c, i);
    if (cp >= '0' && cp <= '9')
        return NEXT_DIGIT;
    if (is_open_cp(cp))
        return NEXT_OPEN;
    /* '<' too: transcripts mark cut text with "<…>" ("Thank you. <…>
     * Mr President, ...") */
    if (cp == '(' || cp == '[' || cp == '{' || cp == '<')
        return NEXT_BRACKET;
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            return NEXT_UPPER;
        if (cp >= 'a' && cp <= 'z')
            return NEXT_LOWER;
        return NEXT_OTHER;
    }
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
        return NEXT_UPPER;
    if (cat == UTF8PROC_CATEGORY_LL)
        return NEXT_LOWER;
    if (cat == UTF8PROC_CATEGORY_ND)
        return NEXT_DIGIT;
    if (cat == UTF8PROC_CATEGORY_PI)
        return NEXT_OPEN;
    if (cat == UTF8PROC_CATEGORY_PS)
        return NEXT_BRACKET;
    return (cat >= UTF8PROC_CATEGORY_LM && cat <= UTF8PROC_CATEGORY_LO) ? NEXT_UPPER
                                                                          : NEXT_OTHER;
}

/* Is token i made only of . ! ? …  (a stop or an ellipsis)? */
static cand_kind punct_candidate(const split_ctx *c, size_t i)
{
    const unsigned char *s = tok_bytes(c, i);
    size_t len = tok_len(c, i), dots = 0;
    bool bang = false;
    for (size_t k = 0; k < len;) {
        if (s[k] == '.') {
            dots++, k++;
        } else if (s[k] == '!' || s[k] == '?') {
            bang = true, k++;
        } else if (len - k >= 3 && !memcmp(s + k, "\xE2\x80\xA6", 3)) {
            dots += 3, k += 3;
        } else {
            return CAND_NONE;
        }
    }
    if (len == 0)
        return CAND_NONE;
    if (bang || dots == 1)
        return CAND_STOP;
    return CAND_ELLIPSIS;
}

static cand_kind candidate_kind(const split_ctx *c, size_t i, size_t last)
{
    const unsigned char *s = tok_bytes(c, i);
    size_t len = tok_len(c, i);
    if (len == 0 || (s[len - 1] != '.' && s[len - 1] != '!' && s[len - 1] != '?' &&
                     s[len - 1] != 0xA6 /* last byte of … */))
        return CAND_NONE;
    cand_kind k = punct_candidate(c, i);
    if (k != CAND_NONE || len < 2 || s[len - 1] != '.')
        return k;
    bool digit = i + 1 < last && classify_next(c, i + 1) == NEXT_DIGIT;
    switch (split_abbrev_class((const char *)s, len - 1, digit)) {
    case SPLIT_ABBR_TITLE: return CAND_TITLE;
    case SPLIT_ABBR_END: return CAND_END;
    case SPLIT_ABBR_ACRONYM: return CAND_ACRONYM;
    case SPLIT_ABBR_INITIAL: return CAND_INITIAL;
    default: return CAND_NONE;
    }
}

static bool norm_in(const split_ctx *c, size_t i, const char *const *list, size_t n)
{
    return in_list(list, n, c->norm + c->toks[i].norm_off, c->toks[i].norm_len);
}

/* Does a sentence end between candidate token cand (at index at) and token
 * next? */
static bool ends_before(const split_ctx *c, cand_kind cand, size_t at, size_t next)
{
    switch ((decision)decide_table[cand][classify_next(c, next)]) {
    case YES: return true;
    case UNQUOTED: return next == at + 1;
    case STARTER: return norm_in(c, next, starters, DYAD_ARRAY_LEN(starters));
    case NOT_TIME: return !norm_in(c, next, time_continuers, DYAD_ARRAY_LEN(time_continuers));
    default: return false;
    }
}

/* After a candidate at i, closing quotes and brackets written right after
 * it (no space between) and further stops ("?!", ".)") belong to the same
 * sentence.  Returns the index after the last absorbed token. */
static size_t absorb_closers(const split_ctx *c, size_t i, size_t last)
{
    size_t j = i + 1;
    while (j < last && !(c->toks[j - 1].flags & DYAD_TOK_SPACE_AFTER) &&
           !(c->toks[j - 1].flags & DYAD_TOK_BLANK_LINE_AFTER) &&
           (is_close_cp(first_cp(c, j)) || punct_candidate(c, j) != CAND_NONE))
        j++;
    return j;
}

/* ---- datelines ---- */

static bool norm_is(const split_ctx *c, size_t i, const char *s)
{
    size_t n = strlen(s);
    return c->toks[i].norm_len == n && !memcmp(c->norm + c->toks[i].norm_off, s, n);
}

static bool is_dash_token(const split_ctx *c, size_t i)
{
    return norm_is(c, i, "-") || norm_is(c, i, "--");
}

/* Skips "March 8" / "March 8, 2023" at i; returns the new index. */
static size_t skip_date(const split_ctx *c, size_t i, size_t end)
{
    if (i >= end || !norm_in(c, i, months, DYAD_ARRAY_LEN(months)))
        return i;
    size_t j = i + 1;
    if (j < end && (c->toks[j].flags & DYAD_TOK_NUMBER))
        j++;
    if (j + 1 < end && norm_is(c, j, ",") && (c->toks[j + 1].flags & DYAD_TOK_NUMBER))
        j += 2;
    return j;
}

/* Number of tokens of a dateline starting at s ("BAKU, March 8 (AFP) -",
 * "WASHINGTON (Reuters) --"), or 0.  The place is all capitals, or any
 * capitalized words when an agency in brackets follows; the dash must
 * stand apart (so "US-China" is no dateline). */
static size_t dateline_len(const split_ctx *c, size_t s, size_t last)
{
    size_t end = last - s > SPLIT_MAX_DATELINE_TOKENS ? s + SPLIT_MAX_DATELINE_TOKENS : last;
    for (size_t k = s; k < end; k++) /* a dateline never crosses a blank line */
        if (c->toks[k].flags & DYAD_TOK_BLANK_LINE_AFTER) {
            end = k + 1;
            break;
        }
    size_t i = s;
    while (i < end && !is_dash_token(c, i)) /* cheap rejection: most paragraphs have none */
        i++;
    if (i == end)
        return 0;
    i = s;
    bool caps = true, agency = false;
    while (i < end && ((c->toks[i].flags & DYAD_TOK_CAPITALIZED) || norm_is(c, i, ",") ||
                       norm_is(c, i, "."))) {
        if (!norm_is(c, i, ",") && !norm_is(c, i, ".") && !(c->toks[i].flags & DYAD_TOK_ALL_CAPS))
            caps = false;
        i++;
        size_t j = skip_date(c, i, end);
        if (j != i) {
            i = j;
            break;
        }
    }
    if (i == s)
        return 0;
    if (i < end && norm_is(c, i, "(")) {
        size_t j = i + 1;
        while (j < end && j < i + 6 && !norm_is(c, j, ")"))
            j++;
        if (j >= end || !norm_is(c, j, ")"))
            return 0;
        /* after a place in mixed case only a known agency will do:
         * "The Consumer Financial Protection Bureau (CFPB) —" is no dateline */
        agency = j > i + 1 && norm_in(c, i + 1, agencies, DYAD_ARRAY_LEN(agencies));
        i = j + 1;
    }
    if (i >= end || !is_dash_token(c, i) || !(caps || agency))
        return 0;
    if (!(c->toks[i - 1].flags & DYAD_TOK_SPACE_AFTER) || i + 1 >= last)
        return 0;
    return i - s + 1;
}

/* ---- the splitter ---- */

static dyad_status push_sentence(sent_list *list, const dyad_token *toks, size_t first,
                                 size_t end, uint32_t flags)
{
    dyad_status st = core_grow(list->allocator, (void **)&list->items, &list->cap, list->n + 1,
                               sizeof *list->items);
    if (st)
        return st;
    dyad_sentence *s = &list->items[list->n++];
    memset(s, 0, sizeof *s);
    s->span.begin = toks[first].span.begin;
    s->span.end = toks[end - 1].span.end;
    s->first_token = (uint32_t)first;
    s->token_n = (uint32_t)(end - first);
    s->flags = flags;
    return DYAD_OK;
}

/* If tokens from i are an asterism separating sections ("* * *", "***",
 * three stars or more, nothing else) after a sentence's end (a stop, or
 * start is i) and standing apart from the next word, the index after it;
 * else 0.  Transcripts on kremlin.ru run "... Petr Fradkov. * * *
 * President of Russia Vladimir Putin: Good afternoon" with no line break
 * between; "***Footer***" and "Have a nice day* **" in web text are
 * emphasis. */
static size_t asterism_end(const split_ctx *c, size_t start, size_t i, size_t last)
{
    if (i > start && punct_candidate(c, i - 1) == CAND_NONE)
        return 0;
    size_t stars = 0, j = i;
    for (; j < last; j++) {
        const unsigned char *s = tok_bytes(c, j);
        size_t len = tok_len(c, j), k = 0;
        while (k < len && s[k] == '*')
            k++;
        if (k == 0 || k < len)
            break;
        stars += len;
        if (c->toks[j].flags & DYAD_TOK_BLANK_LINE_AFTER) {
            j++;
            break;
        }
    }
    if (stars < 3 || (j < last && !(c->toks[j - 1].flags & DYAD_TOK_SPACE_AFTER) &&
                      !(c->toks[j - 1].flags & DYAD_TOK_BLANK_LINE_AFTER)))
        return 0;
    return j;
}

/* Where does the sentence starting at start end?  Returns the index after
 * its last token.  Visits only the marked tokens (every other token is
 * neither a candidate nor followed by a blank line).  An asterism is a
 * sentence of its own. */
static size_t sentence_end(split_ctx *c, size_t start, size_t last)
{
    size_t limit = last - start > DYAD_MAX_SENTENCE_TOKENS ? start + DYAD_MAX_SENTENCE_TOKENS
                                                           : last;
    while (c->m < c->mark_n && c->marks[c->m] < start)
        c->m++;
    for (; c->m < c->mark_n && c->marks[c->m] < limit; c->m++) {
        size_t i = c->marks[c->m];
        size_t after = asterism_end(c, start, i, last);
        if (after)
            return i > start ? i : (after < limit ? after : limit);
        if (c->toks[i].flags & DYAD_TOK_BLANK_LINE_AFTER)
            return i + 1;
        cand_kind k = candidate_kind(c, i, last);
        if (k == CAND_NONE)
            continue;
        size_t j = absorb_closers(c, i, last);
        if (j > limit)
            j = limit;
        if (j >= last || (c->toks[j - 1].flags & DYAD_TOK_BLANK_LINE_AFTER))
            return j;
        /* a word written straight after the stop ("Dimitri?from") goes on */
        if ((c->toks[j - 1].flags & DYAD_TOK_SPACE_AFTER) && ends_before(c, k, i, j))
            return j;
        while (c->m + 1 < c->mark_n && c->marks[c->m + 1] < j) /* absorbed closers */
            c->m++;
    }
    return limit;
}

/* A sentence that ends at a blank line without final punctuation is a
 * headline (or caption, or list item). */
static uint32_t headline_flag(const split_ctx *c, size_t start, size_t end, size_t last)
{
    if (end >= last || !(c->toks[end - 1].flags & DYAD_TOK_BLANK_LINE_AFTER))
        return 0;
    size_t i = end - 1;
    while (i > start && is_close_cp(first_cp(c, i)) && tok_len(c, i) <= 3)
        i--;
    return punct_candidate(c, i) == CAND_NONE ? DYAD_SENT_HEADLINE : 0;
}

dyad_status split_tokens(sent_list *list, const char *text, const dyad_token *tokens,
                         size_t first, size_t last, const char *norm, const uint32_t *marks,
                         size_t mark_n)
{
    split_ctx c = {text, tokens, norm, marks, mark_n, 0};
    size_t start = first;
    bool para_start = true;
    while (start < last) {
        size_t d = para_start ? dateline_len(&c, start, last) : 0;
        size_t end = d ? start + d : sentence_end(&c, start, last);
        uint32_t flags = d ? DYAD_SENT_DATELINE : headline_flag(&c, start, end, last);
        dyad_status st = push_sentence(list, tokens, start, end, flags);
        if (st)
            return st;
        para_start = (tokens[end - 1].flags & DYAD_TOK_BLANK_LINE_AFTER) != 0;
        start = end;
    }
    return DYAD_OK;
}
