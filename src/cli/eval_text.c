/*
 * eval_text.c — `dyad eval-text FILE.conllu...`: measures the sentence
 * splitter and the tokenizer against Universal Dependencies treebanks.
 *
 * Each document's raw text is rebuilt from the CoNLL-U comments: the
 * `# text = ...` of the sentences of one paragraph joined by one space,
 * paragraphs (`# newpar`) joined by a blank line ("\n\n"), a new document
 * at every `# newdoc`.  The gold sentence spans and the gold word spans
 * (word level: a multi-word token line "1-2 don't" contributes the words
 * "do" and "n't" at their character offsets when they spell the surface
 * form, else the surface form as one word) are located in that text.  The
 * text goes through dyad_analyze() and the system spans are compared with
 * the gold ones by exact byte offsets: sentences (exact spans), internal
 * sentence boundaries (sentence ends other than the document's last) and
 * words; each with precision, recall and F1.  Uses only the public API.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A CoNLL-U file larger than this is rejected (it is read whole). */
#define EVAL_MAX_FILE_BYTES (1024ul * 1024ul * 1024ul)

typedef struct span_vec {
    dyad_span *v;
    size_t n, cap;
} span_vec;

typedef struct counts {
    size_t gold, sys, hit;
} counts;

typedef struct eval_doc {
    char *text;
    size_t len, cap;
    span_vec gold_sents;
    span_vec gold_words;
    bool para_open; /* a sentence was added to the current paragraph */
} eval_doc;

typedef struct eval_state {
    dyad_analysis *an;
    eval_doc doc;
    span_vec sys;
    counts sents, bounds, words;
    size_t docs, misaligned;
    long show; /* mismatches still to print */
    const char *file;
} eval_state;

static bool push_span(span_vec *s, size_t b, size_t e)
{
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 256;
        dyad_span *p = realloc(s->v, ncap * sizeof *p);
        if (!p)
            return false;
        s->v = p;
        s->cap = ncap;
    }
    s->v[s->n].begin = (uint32_t)b;
    s->v[s->n].end = (uint32_t)e;
    s->n++;
    return true;
}

static bool doc_append(eval_doc *d, const char *s, size_t len)
{
    if (d->len + len + 1 > d->cap) {
        size_t ncap = d->cap ? d->cap : 4096;
        while (ncap < d->len + len + 1)
            ncap *= 2;
        char *p = realloc(d->text, ncap);
        if (!p)
            return false;
        d->text = p;
        d->cap = ncap;
    }
    memcpy(d->text + d->len, s, len);
    d->len += len;
    d->text[d->len] = 0;
    return true;
}

/* Counts exact matches between two sorted span lists. */
static size_t count_matches(const span_vec *a, const span_vec *b)
{
    size_t i = 0, j = 0, hit = 0;
    while (i < a->n && j < b->n) {
        uint64_t ka = ((uint64_t)a->v[i].begin << 32) | a->v[i].end;
        uint64_t kb = ((uint64_t)b->v[j].begin << 32) | b->v[j].end;
        if (ka == kb)
            hit++, i++, j++;
        else if (ka < kb)
            i++;
        else
            j++;
    }
    return hit;
}

/* Prints s[0..len) with newlines and tabs shown as \n and \t. */
static void print_escaped(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            fputs("\\n", stdout);
        else if (s[i] == '\t')
            fputs("\\t", stdout);
        else
            putchar(s[i]);
    }
}

/* Prints spans of a that are not in b, with some context. */
static void show_missing(eval_state *st, const char *what, const span_vec *a, const span_vec *b)
{
    size_t i = 0, j = 0;
    const char *t = st->doc.text;
    while (i < a->n && st->show > 0) {
        uint64_t ka = ((uint64_t)a->v[i].begin << 32) | a->v[i].end;
        uint64_t kb = j < b->n ? ((uint64_t)b->v[j].begin << 32) | b->v[j].end : UINT64_MAX;
        if (ka == kb) {
            i++, j++;
        } else if (ka < kb) {
            size_t s0 = a->v[i].begin, e0 = a->v[i].end;
            size_t c0 = s0 > 30 ? s0 - 30 : 0, c1 = e0 + 30 < st->doc.len ? e0 + 30 : st->doc.len;
            printf("%s: %s \"", st->file, what);
            print_escaped(t + c0, s0 - c0);
            fputs("[[", stdout);
            if (e0 - s0 > 200) {
                print_escaped(t + s0, 80);
                fputs(" ... ", stdout);
                print_escaped(t + e0 - 80, 80);
            } else {
                print_escaped(t + s0, e0 - s0);
            }
            fputs("]]", stdout);
            print_escaped(t + e0, c1 - e0);
            fputs("\"\n", stdout);
            st->show--;
            i++;
        } else {
            j++;
        }
    }
}

static void score(counts *c, const span_vec *gold, const span_vec *sys)
{
    c->gold += gold->n;
    c->sys += sys->n;
    c->hit += count_matches(gold, sys);
}

/* Internal boundaries: every sentence end but the document's last. */
static void boundaries(span_vec *out, const span_vec *sents)
{
    out->n = 0;
    for (size_t i = 0; i + 1 < sents->n; i++)
        push_span(out, sents->v[i].end, sents->v[i].end);
}

/* Analyses the collected document and scores it. */
static int finish_doc(eval_state *st)
{
    eval_doc *d = &st->doc;
    if (d->gold_sents.n == 0)
        goto done;
    if (dyad_analyze(st->an, d->text, d->len) != DYAD_OK) {
        cli_errorf("%s: analysis failed", st->file);
        return CLI_EXIT_FATAL;
    }
    const dyad_analysis *an = st->an;
    st->docs++;
    st->sys.n = 0;
    for (size_t i = 0; i < an->sentence_n; i++)
        push_span(&st->sys, an->sentences[i].span.begin, an->sentences[i].span.end);
    score(&st->sents, &d->gold_sents, &st->sys);
    show_missing(st, "missed sentence", &d->gold_sents, &st->sys);
    show_missing(st, "extra sentence", &st->sys, &d->gold_sents);
    span_vec gb = {0}, sb = {0};
    boundaries(&gb, &d->gold_sents);
    boundaries(&sb, &st->sys);
    score(&st->bounds, &gb, &sb);
    free(gb.v);
    free(sb.v);
    st->sys.n = 0;
    for (size_t i = 0; i < an->token_n; i++)
        push_span(&st->sys, an->tokens[i].span.begin, an->tokens[i].span.end);
    score(&st->words, &d->gold_words, &st->sys);
    show_missing(st, "missed word", &d->gold_words, &st->sys);
    show_missing(st, "extra word", &st->sys, &d->gold_words);
done:
    d->len = 0;
    d->gold_sents.n = d->gold_words.n = 0;
    d->para_open = false;
    return CLI_EXIT_OK;
}

/* Splits a tab-separated line into at most n fields; returns the count. */
static size_t fields(char *line, char **f, size_t n)
{
    size_t k = 0;
    f[k++] = line;
    for (char *p = line; *p && k < n; p++)
        if (*p == '\t') {
            *p = 0;
            f[k++] = p + 1;
        }
    return k;
}

/* Sentence state while its token lines are read. */
typedef struct sent_cursor {
    size_t begin, end; /* the sentence in doc text */
    size_t pos;        /* next unmatched byte */
    size_t mwt_last;   /* last word id covered by a multi-word token */
    size_t mwt_pos;    /* where the next word of that token starts */
    size_t mwt_end;
    bool mwt_split;    /* words spell the surface: use word offsets */
} sent_cursor;

/* Finds form at or after cur->pos (skipping spaces); returns its offset
 * or SIZE_MAX when the text does not contain it there. */
static size_t locate(const eval_doc *d, sent_cursor *cur, const char *form, size_t len)
{
    size_t p = cur->pos;
    while (p < cur->end && (d->text[p] == ' ' || d->text[p] == '\t'))
        p++;
    if (len == 0 || p + len > cur->end || memcmp(d->text + p, form, len) != 0)
        return SIZE_MAX;
    return p;
}

/* Handles one token line "ID FORM ..." of the current sentence. */
static void token_line(eval_state *st, sent_cursor *cur, char *line, const char *multi_forms)
{
    char *f[10];
    if (fields(line, f, 10) < 2 || strchr(f[0], '.'))
        return; /* empty nodes are not in the text */
    eval_doc *d = &st->doc;
    char *dash = strchr(f[0], '-');
    size_t flen = strlen(f[1]);
    if (dash) {
        size_t at = locate(d, cur, f[1], flen);
        if (at == SIZE_MAX) {
            st->misaligned++;
            return;
        }
        cur->mwt_last = strtoul(dash + 1, NULL, 10);
        cur->mwt_pos = at;
        cur->mwt_end = at + flen;
        cur->mwt_split = multi_forms && strlen(multi_forms) == flen;
        if (!cur->mwt_split)
            push_span(&d->gold_words, at, at + flen);
        cur->pos = at + flen;
        return;
    }
    size_t id = strtoul(f[0], NULL, 10);
    if (id <= cur->mwt_last) {
        if (cur->mwt_split) {
            push_span(&d->gold_words, cur->mwt_pos, cur->mwt_pos + flen);
            cur->mwt_pos += flen;
        }
        return;
    }
    size_t at = locate(d, cur, f[1], flen);
    if (at == SIZE_MAX) {
        st->misaligned++;
        return;
    }
    push_span(&d->gold_words, at, at + flen);
    cur->pos = at + flen;
}

/* The concatenated word forms of the multi-word token starting at line i
 * ("do" + "n't" = "don't"), written into out. */
static const char *mwt_words(char **lines, size_t i, size_t n, char *out, size_t cap)
{
    size_t last = strtoul(strchr(lines[i], '-') + 1, NULL, 10), len = 0;
    out[0] = 0;
    for (size_t k = i + 1; k < n && lines[k][0] && lines[k][0] != '#'; k++) {
        size_t id = strtoul(lines[k], NULL, 10);
        if (id > last)
            break;
        const char *form = strchr(lines[k], '\t');
        if (!form)
            break;
        form++;
        size_t fl = strcspn(form, "\t");
        if (len + fl + 1 > cap)
            return NULL;
        memcpy(out + len, form, fl);
        len += fl;
        out[len] = 0;
    }
    return out;
}

static bool has_prefix(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

/* Adds the sentence whose "# text = " line is text to the document. */
static void start_sentence(eval_state *st, sent_cursor *cur, const char *text)
{
    eval_doc *d = &st->doc;
    if (d->para_open)
        doc_append(d, " ", 1);
    size_t b = d->len;
    doc_append(d, text, strlen(text));
    d->para_open = true;
    push_span(&d->gold_sents, b, d->len);
    memset(cur, 0, sizeof *cur);
    cur->begin = cur->pos = b;
    cur->end = d->len;
}

/* Walks the lines of one CoNLL-U file. */
static int eval_lines(eval_state *st, char **lines, size_t n)
{
    sent_cursor cur = {0};
    char mwt[1024];
    for (size_t i = 0; i < n; i++) {
        char *l = lines[i];
        if (has_prefix(l, "# newdoc")) {
            int rc = finish_doc(st);
            if (rc)
                return rc;
        } else if (has_prefix(l, "# newpar")) {
            if (st->doc.para_open)
                doc_append(&st->doc, "\n\n", 2);
            st->doc.para_open = false;
        } else if (has_prefix(l, "# text = ")) {
            start_sentence(st, &cur, l + 9);
        } else if (l[0] >= '0' && l[0] <= '9') {
            const char *forms = strchr(l, '-') && strchr(l, '-') < strchr(l, '\t')
                                    ? mwt_words(lines, i, n, mwt, sizeof mwt)
                                    : NULL;
            token_line(st, &cur, l, forms);
        }
    }
    return finish_doc(st);
}

/* Reads path whole; returns malloc'd NUL-terminated text or NULL. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_errorf("%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 20, n = 0;
    char *s = malloc(cap);
    while (s) {
        if (n + 1 >= cap) {
            char *p = cap >= EVAL_MAX_FILE_BYTES ? NULL : realloc(s, cap * 2);
            if (!p) {
                free(s);
                s = NULL;
                cli_errorf("%s: too large or out of memory", path);
                break;
            }
            s = p;
            cap *= 2;
        }
        size_t got = fread(s + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (s && ferror(f)) {
        cli_errorf("%s: read error", path);
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s)
        s[n] = 0;
    *len = n;
    return s;
}

/* Splits text into lines in place (handles \r\n). */
static char **split_lines(char *text, size_t len, size_t *n)
{
    size_t cap = 1024, k = 0;
    char **v = malloc(cap * sizeof *v);
    char *p = text, *end = text + len;
    while (v && p < end) {
        if (k == cap) {
            char **nv = realloc(v, cap * 2 * sizeof *v);
            if (!nv) {
                free(v);
                return NULL;
            }
            v = nv;
            cap *= 2;
        }
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        if (e > p && e[-1] == '\r')
            e[-1] = 0;
        *e = 0;
        v[k++] = p;
        p = nl ? nl + 1 : end;
    }
    *n = k;
    return v;
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }

static void print_counts(const char *name, const counts *c)
{
    double p = ratio(c->hit, c->sys), r = ratio(c->hit, c->gold);
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    printf("  %-11s P %.4f  R %.4f  F1 %.4f  (gold %zu, system %zu, correct %zu)\n", name, p, r,
           f, c->gold, c->sys, c->hit);
}

static int eval_file(eval_state *st, const char *path)
{
    size_t len, n;
    char *text = read_file(path, &len);
    if (!text)
        return CLI_EXIT_REJECTED;
    char **lines = split_lines(text, len, &n);
    if (!lines) {
        free(text);
        cli_errorf("%s: out of memory", path);
        return CLI_EXIT_FATAL;
    }
    st->file = path;
    memset(&st->sents, 0, sizeof st->sents);
    memset(&st->bounds, 0, sizeof st->bounds);
    memset(&st->words, 0, sizeof st->words);
    st->docs = st->misaligned = 0;
    int rc = eval_lines(st, lines, n);
    free(lines);
    free(text);
    if (rc)
        return rc;
    printf("%s: %zu documents\n", path, st->docs);
    print_counts("sentences", &st->sents);
    print_counts("boundaries", &st->bounds);
    print_counts("words", &st->words);
    if (st->misaligned)
        printf("  (%zu gold tokens could not be located in the text and were skipped)\n",
               st->misaligned);
    return CLI_EXIT_OK;
}

static long opt_show = 0;

static const cli_opt eval_opts[] = {
    {"show", "N", CLI_OPT_INT, &opt_show,
     "print up to N mismatched sentences and words per file (default 0)"},
    {NULL, NULL, CLI_OPT_FLAG, NULL, NULL},
};

static int run_eval_text(const cli_command *cmd, int argc, char **argv)
{
    int npos = 0;
    if (!cli_parse(cmd, eval_opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    if (npos < 1)
        return cli_usage_error(cmd, "expected at least one FILE.conllu");
    if (opt_show < 0)
        return cli_usage_error(cmd, "--show must not be negative");
    eval_state st;
    memset(&st, 0, sizeof st);
    if (dyad_analysis_new(NULL, &st.an) != DYAD_OK) {
        cli_errorf("out of memory");
        return CLI_EXIT_FATAL;
    }
    int status = CLI_EXIT_OK;
    for (int i = 0; i < npos && status != CLI_EXIT_FATAL; i++) {
        st.show = opt_show;
        int rc = eval_file(&st, argv[i]);
        if (rc > status)
            status = rc;
    }
    dyad_analysis_free(st.an);
    free(st.doc.text);
    free(st.doc.gold_sents.v);
    free(st.doc.gold_words.v);
    free(st.sys.v);
    return cli_finish_stdout(status);
}

const cli_command cli_cmd_eval_text = {
    "eval-text",
    "[options] FILE.conllu...",
    "score the sentence splitter and tokenizer against UD treebanks",
    run_eval_text,
    eval_opts,
    "Rebuilds each document's text from the `# text =` lines (sentences of a\n"
    "paragraph joined by a space, paragraphs by a blank line, documents at\n"
    "`# newdoc`), analyses it and prints precision, recall and F1 for exact\n"
    "sentence spans, internal sentence boundaries and UD words (by byte offsets).",
};
