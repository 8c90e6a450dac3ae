/*
 * lines.c — the text conventions every dictionary reader shares: lines
 * (LF or CRLF), comments, blanks, TABARI/PETRARCH dates and phrases.
 *
 * Comments (TABARI manual ch. 5; PETRARCH PETRreader.read_FIN_line):
 *   - a line starting with '#' or "<!" is skipped; "<!-- ... -->" may span
 *     lines or sit inside a line; "//" starts a comment line in .options;
 *   - PETRARCH: '#' anywhere starts a comment (codes never contain '#');
 *   - TABARI: ';' anywhere starts a comment and '#' inside a line is data
 *     (the discard code "[###]").  ';' is also treated as a comment in
 *     PETRARCH files (a few, e.g. CAMEO.2.0.txt, use TABARI-style ';'
 *     comments; PETRARCH-2 itself would read those as words).
 *   - "~~FINISH" ends a TABARI file.
 */
#include "lexicon/lexicon.h"

#include <string.h>

dyad_str lex_trim(dyad_str s)
{
    while (s.len && (s.ptr[0] == ' ' || s.ptr[0] == '\t' || s.ptr[0] == '\r'))
        s.ptr++, s.len--;
    while (s.len && (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\t' ||
                     s.ptr[s.len - 1] == '\r' || s.ptr[s.len - 1] == '\n'))
        s.len--;
    return s;
}

static const char *find_str(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
            return s + i;
    return NULL;
}

static dyad_str raw_line(lex_lines *ls)
{
    dyad_str s = {ls->data + ls->pos, 0};
    const char *nl = memchr(s.ptr, '\n', ls->len - ls->pos);
    s.len = nl ? (size_t)(nl - s.ptr) : ls->len - ls->pos;
    ls->pos += s.len + (nl ? 1 : 0);
    ls->lineno++;
    if (s.len && s.ptr[s.len - 1] == '\r')
        s.len--;
    return s;
}

/* Removes comments from one line; may set/clear ls->in_comment. */
static dyad_str strip_comments(lex_lines *ls, dyad_str s)
{
    if (ls->in_comment) {
        const char *end = find_str(s.ptr, s.len, "-->");
        if (!end)
            return (dyad_str){s.ptr, 0};
        ls->in_comment = false;
        return (dyad_str){s.ptr, 0}; /* text after a multi-line comment is dropped */
    }
    dyad_str t = lex_trim(s);
    if (t.len && t.ptr[0] == '#' && (ls->syntax != LEX_SYN_TABARI || s.ptr[0] == '#'))
        return (dyad_str){s.ptr, 0};
    if (t.len >= 2 && t.ptr[0] == '/' && t.ptr[1] == '/')
        return (dyad_str){s.ptr, 0};
    const char *open = find_str(s.ptr, s.len, "<!");
    if (open) {
        size_t rest = s.len - (size_t)(open - s.ptr);
        const char *close = find_str(open, rest, "-->");
        if (!close && rest > 2 && open[2] == '-') {
            ls->in_comment = true;
            s.len = (size_t)(open - s.ptr);
        } else if (!close) {
            s.len = (size_t)(open - s.ptr); /* "<! ...": rest of line */
        } else {
            /* Keep text before the comment only (one comment per line). */
            s.len = (size_t)(open - s.ptr);
        }
    }
    const char *semi = memchr(s.ptr, ';', s.len);
    if (semi)
        s.len = (size_t)(semi - s.ptr);
    if (ls->syntax != LEX_SYN_TABARI) {
        const char *hash = memchr(s.ptr, '#', s.len);
        if (hash)
            s.len = (size_t)(hash - s.ptr);
    }
    return lex_trim(s);
}

bool lex_next_line(lex_lines *ls, dyad_str *line, dyad_str *raw)
{
    while (ls->pos < ls->len) {
        dyad_str r = raw_line(ls);
        if (r.len >= 8 && memcmp(r.ptr, "~~FINISH", 8) == 0 && ls->syntax == LEX_SYN_TABARI) {
            ls->pos = ls->len;
            return false;
        }
        if (r.len > LEX_MAX_LINE && ls->lx) {
            if (lex_report(ls->lx, ls->file, ls->lineno, true,
                           "malformed: line longer than %u bytes", LEX_MAX_LINE) != DYAD_OK) {
                ls->status = DYAD_EPARSE;
                return false;
            }
            continue;
        }
        dyad_str s = strip_comments(ls, r);
        if (s.len == 0)
            continue;
        *line = s;
        if (raw)
            *raw = r;
        return true;
    }
    return false;
}

bool lex_next_token(dyad_str *s, dyad_str *tok)
{
    size_t i = 0;
    while (i < s->len && (s->ptr[i] == ' ' || s->ptr[i] == '\t' || s->ptr[i] == '\r'))
        i++;
    if (i == s->len) {
        s->ptr += i;
        s->len = 0;
        return false;
    }
    size_t j = i;
    while (j < s->len && s->ptr[j] != ' ' && s->ptr[j] != '\t' && s->ptr[j] != '\r')
        j++;
    tok->ptr = s->ptr + i;
    tok->len = j - i;
    s->ptr += j;
    s->len -= j;
    return true;
}

bool lex_parse_date(dyad_str s, int32_t *out)
{
    char tmp[9];
    s = lex_trim(s);
    if (s.len == 6) {
        int yy = (s.ptr[0] - '0') * 10 + (s.ptr[1] - '0');
        /* KEDS/TABARI/PETRARCH convention: 00-30 are 20YY, else 19YY. */
        memcpy(tmp, yy <= 30 ? "20" : "19", 2);
        memcpy(tmp + 2, s.ptr, 6);
    } else if (s.len == 8) {
        memcpy(tmp, s.ptr, 8);
    } else {
        return false;
    }
    tmp[8] = 0;
    for (int i = 0; i < 8; i++)
        if (tmp[i] < '0' || tmp[i] > '9')
            return false;
    dyad_date d;
    if (dyad_date_parse(tmp, 8, &d) != DYAD_OK)
        return false;
    *out = d.year * 10000 + d.month * 100 + d.day;
    return true;
}

int32_t lex_date_next_day(int32_t yyyymmdd)
{
    int y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;
    if (yyyymmdd >= LEX_DATE_MAX || m < 1 || m > 12)
        return LEX_DATE_MAX;
    if (++d > date_days_in_month(y, m)) {
        d = 1;
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    return y * 10000 + m * 100 + d;
}

int32_t lex_date_prev_day(int32_t yyyymmdd)
{
    int y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;
    if (yyyymmdd <= LEX_DATE_MIN || yyyymmdd >= LEX_DATE_MAX || m < 1 || m > 12)
        return yyyymmdd;
    if (--d < 1) {
        if (--m < 1) {
            m = 12;
            y--;
        }
        d = date_days_in_month(y, m);
    }
    return y * 10000 + m * 100 + d;
}

static bool connector_char(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '_';
}

/* TABARI: the LEX_EF_LOOSE_* bits of a phrase, one for each word that a
 * blank (not '_') separates from the next ("PRINCE DOL_AMROTH": word 0). */
uint32_t lex_loose_connectors(dyad_str phrase)
{
    uint32_t bits = 0, word = 0;
    size_t i = 0;
    while (i < phrase.len && connector_char(phrase.ptr[i]))
        i++;
    while (i < phrase.len && word < LEX_LOOSE_MAX_WORDS) {
        while (i < phrase.len && !connector_char(phrase.ptr[i]))
            i++;
        bool blank = false;
        while (i < phrase.len && connector_char(phrase.ptr[i]))
            blank |= phrase.ptr[i++] != '_';
        if (i < phrase.len && blank)
            bits |= 1u << (LEX_EF_LOOSE_SHIFT + word);
        word++;
    }
    return bits;
}

dyad_status lex_phrase_words(dyad_lexicon *lx, dyad_str phrase, uint32_t *words, size_t cap,
                             size_t *n, bool *trailing_underscore)
{
    *n = 0;
    phrase = lex_trim(phrase);
    if (trailing_underscore)
        *trailing_underscore = phrase.len && phrase.ptr[phrase.len - 1] == '_';
    size_t i = 0;
    while (i < phrase.len) {
        while (i < phrase.len && (phrase.ptr[i] == '_' || phrase.ptr[i] == ' ' ||
                                  phrase.ptr[i] == '\t'))
            i++;
        size_t j = i;
        while (j < phrase.len && phrase.ptr[j] != '_' && phrase.ptr[j] != ' ' &&
               phrase.ptr[j] != '\t')
            j++;
        if (j == i)
            break;
        if (*n >= cap)
            return DYAD_ELIMIT;
        if (j - i >= LEX_MAX_WORD)
            return DYAD_ELIMIT;
        dyad_status st = lex_word(lx, phrase.ptr + i, j - i, &words[*n]);
        if (st)
            return st;
        (*n)++;
        i = j;
    }
    return DYAD_OK;
}
