/*
 * validate.c — runs the field's validation suites in their own formats
 * (the suites are dyad's specification, as the CommonMark spec is cmark's):
 *
 *   PETRARCH validation XML: <Environment> names the dictionaries (paths
 *     relative to the XML file) and the categories to <Include>; each
 *     <Sentence> carries <EventCoding sourcecode= targetcode= eventcode=>
 *     expectations, or noevents="True", or error="..." (no event either);
 *     evaluate="false" skips a record.
 *   TABARI: a .project names actors, verbs, agents and options files and
 *     the .text file; each record's comment holds { SRC / TGT / CODE }
 *     expectations, {---} (no event), {###} (discarded: no event), {+++}
 *     (nothing checked), a leading '-' (expectation not checked), and
 *     { OPTION: ... } lines; the record FINAL-01 stops the run.
 *
 * A record is correct when the set of (source, target, code) the coder
 * produces equals the expected set.  Results are counted per category
 * (PETRARCH category attribute; TABARI id prefix before '-').
 */
#include "coder/coder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VAL_MAX_EXPECT 64u     /* expectations kept per record */
#define VAL_TABARI_MIN_WORDS 5  /* TABARI default MINIMUM WORDS when the .options set none */
#define VAL_MAX_PRODUCED 128u  /* events kept per record */
#define VAL_MAX_CATEGORIES 64u
#define VAL_MAX_DICTS 16u

typedef struct triple {
    char src[CODER_MAX_CODE], tgt[CODER_MAX_CODE], code[12];
} triple;

typedef struct category {
    char name[32];
    size_t total, correct;
} category;

typedef struct run {
    const dyad_validate_options *opts;
    dyad_validate_fail_fn fail;
    void *fail_user;
    dyad_validate_result res;
    category cats[VAL_MAX_CATEGORIES];
    size_t cat_n;
    triple produced[VAL_MAX_PRODUCED];
    size_t produced_n;
    dyad_lexicon *lex;
    dyad_coder *coder;
    char dir[4096];
    char include[1024];
    char def_src[CODER_MAX_CODE], def_tgt[CODER_MAX_CODE]; /* TABARI DEFAULT: */
    bool def_seen; /* a record set DEFAULT: */
    bool stopped;
} run;

static dyad_str str_of(const char *s) { return (dyad_str){s, strlen(s)}; }

static bool str_is(dyad_str s, const char *lit)
{
    return s.len == strlen(lit) && memcmp(s.ptr, lit, s.len) == 0;
}

static dyad_str meta_get(const dyad_doc *doc, const char *key)
{
    for (size_t i = 0; i < doc->meta_n; i++)
        if (str_is(doc->meta[i].key, key))
            return doc->meta[i].value;
    return (dyad_str){NULL, 0};
}

/* Value of attribute name in a "a=b c=\"d e\"" list, into out. */
static bool attr_get(dyad_str list, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name), i = 0;
    while (i < list.len) {
        while (i < list.len && list.ptr[i] == ' ')
            i++;
        size_t k = i;
        while (k < list.len && list.ptr[k] != '=')
            k++;
        bool match = k - i == nl && memcmp(list.ptr + i, name, nl) == 0;
        size_t v = k + 1, o = 0;
        bool quoted = v < list.len && list.ptr[v] == '"';
        v += quoted;
        while (v < list.len && (quoted ? list.ptr[v] != '"' : list.ptr[v] != ' ')) {
            if (quoted && list.ptr[v] == '\\' && v + 1 < list.len)
                v++;
            if (match && o + 1 < cap)
                out[o++] = list.ptr[v];
            v++;
        }
        if (match) {
            out[o] = 0;
            return true;
        }
        i = v + quoted;
    }
    return false;
}

static void trim_copy(char *out, size_t cap, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '"' || *s == '\''))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '"' || s[n - 1] == '\''))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = 0;
}

/* ---- results ---- */

static category *cat_of(run *r, dyad_str name)
{
    for (size_t i = 0; i < r->cat_n; i++)
        if (str_is(name, r->cats[i].name))
            return &r->cats[i];
    if (r->cat_n == VAL_MAX_CATEGORIES)
        return &r->cats[r->cat_n - 1];
    category *c = &r->cats[r->cat_n++];
    trim_copy(c->name, sizeof c->name, name.ptr ? name.ptr : "", name.len);
    return c;
}

static int on_event(void *user, const dyad_event *ev, const dyad_event_provenance *prov)
{
    (void)prov;
    run *r = user;
    if (r->produced_n < VAL_MAX_PRODUCED) {
        triple *t = &r->produced[r->produced_n++];
        snprintf(t->src, sizeof t->src, "%s", ev->source);
        snprintf(t->tgt, sizeof t->tgt, "%s", ev->target);
        snprintf(t->code, sizeof t->code, "%s", ev->code);
    }
    return 0;
}

static bool triple_eq(const triple *a, const triple *b)
{
    return !strcmp(a->src, b->src) && !strcmp(a->tgt, b->tgt) && !strcmp(a->code, b->code);
}

static bool contains(const triple *set, size_t n, const triple *t)
{
    for (size_t i = 0; i < n; i++)
        if (triple_eq(&set[i], t))
            return true;
    return false;
}

static bool same_sets(const triple *a, size_t an, const triple *b, size_t bn)
{
    for (size_t i = 0; i < an; i++)
        if (!contains(b, bn, &a[i]))
            return false;
    for (size_t i = 0; i < bn; i++)
        if (!contains(a, an, &b[i]))
            return false;
    return true;
}

static void print_triples(FILE *f, const char *label, const triple *t, size_t n)
{
    fprintf(f, "  %s:", label);
    if (n == 0)
        fprintf(f, " (none)");
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s %s %s %s", i ? ";" : "", t[i].src, t[i].tgt, t[i].code);
    fputc('\n', f);
}

/* Codes doc and scores it against expect[0..en). */
static void check_record(run *r, const dyad_doc *doc, dyad_str cat, const triple *expect,
                         size_t en)
{
    r->produced_n = 0;
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_status st = dyad_coder_code(r->coder, doc, NULL, on_event, r, &err);
    category *c = cat_of(r, cat);
    c->total++;
    r->res.records++;
    if (st && st != DYAD_EPARSE)
        r->res.errors++;
    bool ok = same_sets(expect, en, r->produced, r->produced_n);
    if (ok) {
        c->correct++;
        r->res.correct++;
        return;
    }
    char id[256];
    trim_copy(id, sizeof id, doc->id.ptr ? doc->id.ptr : "", doc->id.len);
    if (r->fail)
        r->fail(r->fail_user, id);
    FILE *f = r->opts->failures;
    if (!f)
        return;
    fprintf(f, "FAIL %s (%s:%lu) [%s]%s\n", id, doc->file, doc->line, c->name,
            st ? " (supplied parse unreadable; own parse used)" : "");
    fprintf(f, "  text: %.*s\n", (int)(doc->text.len < 400 ? doc->text.len : 400), doc->text.ptr);
    print_triples(f, "expected", expect, en);
    print_triples(f, "produced", r->produced, r->produced_n);
}

static void report(run *r)
{
    FILE *f = r->opts->report;
    if (!f)
        return;
    for (size_t i = 0; i < r->cat_n; i++)
        fprintf(f, "%-12s %zu of %zu correct\n", r->cats[i].name, r->cats[i].correct,
                r->cats[i].total);
    if (r->res.skipped)
        fprintf(f, "%zu records not checked\n", r->res.skipped);
    fprintf(f, "%zu of %zu records correct\n", r->res.correct, r->res.records);
}

static bool selected(const run *r, dyad_str id)
{
    const char *only = r->opts->only;
    if (!only || !*only)
        return true;
    size_t n = strlen(only);
    if (n && only[n - 1] == '*')
        return id.len >= n - 1 && memcmp(id.ptr, only, n - 1) == 0;
    return str_is(id, only);
}

/* ---- dictionaries ---- */

static void join_path(char *out, size_t cap, const char *dir, dyad_str name)
{
    size_t dl = name.len && name.ptr[0] == '/' ? 0 : strlen(dir);
    if (dl + 1 + name.len >= cap) {
        out[0] = 0; /* too long: the load then fails with the empty name */
        return;
    }
    memcpy(out, dir, dl);
    if (dl)
        out[dl++] = '/';
    memcpy(out + dl, name.ptr, name.len);
    out[dl + name.len] = 0;
}

static dyad_status load_lexicon(run *r, char paths[][4096], size_t n, dyad_error *err)
{
    const char *ptrs[VAL_MAX_DICTS];
    for (size_t i = 0; i < n; i++)
        ptrs[i] = paths[i];
    dyad_lexicon_options lo;
    memset(&lo, 0, sizeof lo);
    lo.diag = r->opts->diag;
    lo.diag_user = r->opts->diag_user;
    dyad_status st = dyad_lexicon_load_files(ptrs, n, &lo, &r->lex, err);
    if (st)
        return st;
    dyad_coder_options co;
    memset(&co, 0, sizeof co);
    co.parse = r->opts->parse;
    co.trace = r->opts->trace;
    co.trace_user = r->opts->trace_user;
    co.no_fast_paths = r->opts->no_fast_paths;
    return dyad_coder_new(r->lex, r->opts->parse == DYAD_PARSE_OWN ? r->opts->model : NULL, &co,
                          &r->coder);
}

static void dir_of(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, cap, ".");
    else
        snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

static bool readable(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f)
        fclose(f);
    return f != NULL;
}

/* Adds the comma-separated file names of list, each found next to the
 * suite or else in opts->dict_dir.  Returns the new count. */
static size_t add_dict_list(run *r, dyad_str list, char paths[][4096], size_t n)
{
    size_t i = 0;
    while (i < list.len && n < VAL_MAX_DICTS) {
        size_t j = i;
        while (j < list.len && list.ptr[j] != ',')
            j++;
        char name[1024];
        trim_copy(name, sizeof name, list.ptr + i, j - i);
        if (name[0]) {
            join_path(paths[n], sizeof paths[0], r->dir, str_of(name));
            if (!readable(paths[n]) && r->opts->dict_dir)
                join_path(paths[n], sizeof paths[0], r->opts->dict_dir, str_of(name));
            n++;
        }
        i = j + 1;
    }
    return n;
}

/* ---- PETRARCH XML ---- */

static dyad_status petr_environment(run *r, const dyad_doc *doc, dyad_error *err)
{
    static const char *const keys[] = {"env.Verbfile", "env.Actorfile", "env.Agentfile",
                                       "env.Discardfile", "env.Issuefile"};
    char paths[VAL_MAX_DICTS][4096];
    size_t n = 0;
    for (size_t k = 0; k < DYAD_ARRAY_LEN(keys); k++)
        for (size_t i = 0; i < doc->meta_n && n < VAL_MAX_DICTS; i++)
            if (str_is(doc->meta[i].key, keys[k]))
                n = add_dict_list(r, doc->meta[i].value, paths, n);
    if (n == 0)
        return error_set(err, DYAD_EFORMAT, doc->file, doc->line,
                         "no <Environment> dictionaries before the first <Sentence>");
    dyad_str inc = meta_get(doc, "env.Include");
    trim_copy(r->include, sizeof r->include, inc.ptr ? inc.ptr : "", inc.len);
    dyad_status st = load_lexicon(r, paths, n, err);
    /* UD-PETRARCH's internal coding ontology: negated verbs are recoded
     * through it (negation.c) */
    dyad_str pico = meta_get(doc, "env.PICOfile");
    if (!st && pico.len && add_dict_list(r, pico, paths, 0) == 1)
        st = coder_load_pico(r->coder, paths[0], r->opts->diag, r->opts->diag_user, err);
    return st;
}

static bool included(const run *r, dyad_str cat)
{
    if (!r->include[0])
        return true;
    const char *p = r->include;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if ((size_t)(e - p) == cat.len && memcmp(p, cat.ptr, cat.len) == 0)
            return true;
        p = e;
    }
    return false;
}

/* Reads the <EventCoding> expectations; false when the record gives none. */
static bool petr_expect(const dyad_doc *doc, triple *t, size_t *n)
{
    *n = 0;
    bool any = false;
    for (size_t i = 0; i < doc->meta_n; i++) {
        if (!str_is(doc->meta[i].key, "eventcoding"))
            continue;
        any = true;
        dyad_str v = doc->meta[i].value;
        char tmp[64];
        if (attr_get(v, "noevents", tmp, sizeof tmp) || attr_get(v, "error", tmp, sizeof tmp))
            continue;
        if (*n >= VAL_MAX_EXPECT)
            continue;
        triple *x = &t[*n];
        char s[64] = "", g[64] = "", c[64] = "";
        attr_get(v, "sourcecode", s, sizeof s);
        attr_get(v, "targetcode", g, sizeof g);
        attr_get(v, "eventcode", c, sizeof c);
        trim_copy(x->src, sizeof x->src, s, strlen(s));
        trim_copy(x->tgt, sizeof x->tgt, g, strlen(g));
        trim_copy(x->code, sizeof x->code, c, strlen(c));
        (*n)++;
    }
    return any;
}

static void petr_config(run *r, const dyad_doc *doc);

static dyad_status run_petrarch(run *r, const char *path, dyad_error *err)
{
    dyad_reader_options ro;
    memset(&ro, 0, sizeof ro);
    ro.format = DYAD_FORMAT_PETRARCH_XML;
    ro.diag = r->opts->diag;
    ro.diag_user = r->opts->diag_user;
    dyad_reader *rd;
    dyad_status st = dyad_reader_open(path, &ro, &rd, err);
    if (st)
        return st;
    const dyad_doc *doc;
    triple expect[VAL_MAX_EXPECT];
    while ((st = dyad_reader_next(rd, &doc)) == DYAD_OK && doc) {
        if (!r->coder && (st = petr_environment(r, doc, err)) != DYAD_OK)
            break;
        dyad_str cat = meta_get(doc, "category");
        dyad_str eval = meta_get(doc, "evaluate");
        size_t en;
        bool has = petr_expect(doc, expect, &en);
        if (!selected(r, doc->id))
            continue;
        if (!has || !included(r, cat) || str_is(eval, "false") || str_is(eval, "False")) {
            r->res.skipped++;
            continue;
        }
        petr_config(r, doc);
        check_record(r, doc, cat, expect, en);
    }
    dyad_reader_close(rd);
    return st;
}

/* <Config option="require_dyad" value="false"> in force for this record. */
static bool petrarch2_lexicon(const dyad_lexicon *lx)
{
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_FILES); i++) {
        const lex_file *f = lex_at(lx, LEX_V_FILES, i);
        if (f->kind == LEX_FILE_VERBS && f->syntax == LEX_SYN_PETR2)
            return true;
    }
    return false;
}

static void petr_config(run *r, const dyad_doc *doc)
{
    r->coder->opts.allow_monads = 0;
    if (petrarch2_lexicon(r->lex)) /* PETRARCH-2 never reads <Config> */
        return;
    for (size_t i = 0; i < doc->meta_n; i++) {
        if (!str_is(doc->meta[i].key, "config"))
            continue;
        char opt[64], val[64];
        if (!attr_get(doc->meta[i].value, "option", opt, sizeof opt) ||
            !attr_get(doc->meta[i].value, "value", val, sizeof val))
            continue;
        if (!strcmp(opt, "require_dyad"))
            r->coder->opts.allow_monads = val[0] == 'f' || val[0] == 'F';
    }
}

/* ---- TABARI ---- */

/* Reads "<key> value" lines of a .project file into dictionary paths. */
static dyad_status tabari_project(run *r, const char *path, char *textfile, size_t cap,
                                  dyad_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return error_set(err, DYAD_ENOTFOUND, path, 0, "cannot open the TABARI project file");
    char line[4096];
    char paths[VAL_MAX_DICTS][4096];
    size_t n = 0;
    static const char *const keys[] = {"<actorsfile>", "<verbsfile>", "<optionsfile>",
                                       "<agentsfile>", "<issuesfile>"};
    textfile[0] = 0;
    while (fgets(line, sizeof line, f)) {
        for (size_t k = 0; k < DYAD_ARRAY_LEN(keys); k++) {
            size_t kl = strlen(keys[k]);
            if (strncmp(line, keys[k], kl) != 0 || n >= VAL_MAX_DICTS)
                continue;
            char name[1024];
            trim_copy(name, sizeof name, line + kl, strcspn(line + kl, "\r\n"));
            if (name[0])
                join_path(paths[n++], sizeof paths[0], r->dir, str_of(name));
        }
        if (strncmp(line, "<textfile>", 10) == 0) {
            char name[1024];
            trim_copy(name, sizeof name, line + 10, strcspn(line + 10, "\r\n"));
            join_path(textfile, cap, r->dir, str_of(name));
        }
    }
    fclose(f);
    if (n == 0)
        return error_set(err, DYAD_EFORMAT, path, 0, "the project names no dictionaries");
    return load_lexicon(r, paths, n, err);
}

/* Parses one "expect" meta value; returns 0 = triple, 1 = none expected,
 * 2 = not checked. */
static int tabari_expect_one(dyad_str v, triple *t)
{
    size_t i = 0;
    while (i < v.len && (v.ptr[i] == ' ' || v.ptr[i] == '\t'))
        i++;
    if (i < v.len && v.ptr[i] == '-')
        return 2;
    const char *open = memchr(v.ptr, '{', v.len);
    const char *close = open ? memchr(open, '}', v.len - (size_t)(open - v.ptr)) : NULL;
    if (!open || !close)
        return 2;
    dyad_str in = {open + 1, (size_t)(close - open - 1)};
    char body[256];
    trim_copy(body, sizeof body, in.ptr, in.len);
    if (!strcmp(body, "---") || !strcmp(body, "###"))
        return 1;
    if (!strcmp(body, "+++") || strncmp(body, "OPTION", 6) == 0)
        return 2;
    char *s1 = strchr(body, '/');
    char *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
    if (!s1 || !s2)
        return 2;
    trim_copy(t->src, sizeof t->src, body, (size_t)(s1 - body));
    trim_copy(t->tgt, sizeof t->tgt, s1 + 1, (size_t)(s2 - s1 - 1));
    trim_copy(t->code, sizeof t->code, s2 + 1, strlen(s2 + 1));
    return 0;
}

/* Expectations of a TABARI record; false when nothing is checked. */
static bool tabari_expect(const dyad_doc *doc, triple *t, size_t *n)
{
    *n = 0;
    bool checked = false, unchecked = false;
    for (size_t i = 0; i < doc->meta_n; i++) {
        if (!str_is(doc->meta[i].key, "expect"))
            continue;
        triple x;
        int kind = tabari_expect_one(doc->meta[i].value, &x);
        if (kind == 2) {
            unchecked = true;
            continue;
        }
        checked = true;
        if (kind == 0 && *n < VAL_MAX_EXPECT)
            t[(*n)++] = x;
    }
    return checked || !unchecked ? checked : false;
}

/* Copies the first "[CODE]" after key in s into out; false if none. */
static bool bracket_after(const char *s, const char *key, char *out, size_t cap)
{
    const char *k = strstr(s, key);
    const char *open = k ? strchr(k, '[') : NULL;
    const char *close = open ? strchr(open, ']') : NULL;
    if (!close)
        return false;
    trim_copy(out, cap, open + 1, (size_t)(close - open - 1));
    return true;
}

/* The number after "KEY =" in o, where KEY is not the tail of a longer
 * name ("MIN" in "EMIN"); -1 if absent. */
static int keyed_number(const char *o, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = strstr(o, key); p; p = strstr(p + 1, key)) {
        if (p > o && p[-1] >= 'A' && p[-1] <= 'Z')
            continue;
        const char *q = p + kl;
        while (*q == ' ' || *q == '=')
            q++;
        if (*q >= '0' && *q <= '9')
            return atoi(q);
    }
    return -1;
}

/* "COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 255 BMAX = 0" or
 * "COMMA: OFF" into opts.comma_clauses; absent keys keep their value. */
static void comma_option(int out[6], const char *o)
{
    static const char *const keys[6] = {"MIN", "MAX", "EMIN", "EMAX", "BMIN", "BMAX"};
    if (strstr(o, "OFF")) {
        memset(out, 0, 6 * sizeof *out);
        return;
    }
    for (size_t k = 0; k < 6; k++) {
        int v = keyed_number(o, keys[k]);
        if (v >= 0)
            out[k] = v;
    }
}

/* Applies the record's "{ OPTION: ... }" lines; they stay in force for
 * the records after it, as in TABARI. */
static void tabari_options(run *r, const dyad_doc *doc)
{
    for (size_t i = 0; i < doc->meta_n; i++) {
        if (!str_is(doc->meta[i].key, "option"))
            continue;
        char o[512];
        trim_copy(o, sizeof o, doc->meta[i].value.ptr, doc->meta[i].value.len);
        if (strstr(o, "DEFAULT:")) {
            r->def_seen = true;
            if (strstr(o, "OFF"))
                r->def_src[0] = r->def_tgt[0] = 0;
            if (!bracket_after(o, "SOURCE", r->def_src, sizeof r->def_src))
                r->def_src[0] = 0;
            if (!bracket_after(o, "TARGET", r->def_tgt, sizeof r->def_tgt))
                r->def_tgt[0] = 0;
            r->coder->opts.default_prior = strstr(o, "PRIOR") != NULL;
            r->coder->opts.default_after = strstr(o, "AFTER") != NULL;
        } else if (strstr(o, "CODE BY SENTENCE")) {
            r->coder->opts.tabari_code = 1;
        } else if (strstr(o, "CODE ALL")) {
            r->coder->opts.tabari_code = 2;
        } else if (strstr(o, "CODE BY CLAUSE")) {
            r->coder->opts.tabari_code = 0;
        } else if (strstr(o, "COMMA:")) {
            comma_option(r->coder->opts.comma_clauses, o);
        } else if (strstr(o, "FORWARD:")) {
            r->coder->opts.forward_story = strstr(o, "OFF") == NULL;
        } else if (strstr(o, "CONVERT AGENT")) {
            r->coder->opts.convert_agents = strstr(o, "TRUE") != NULL;
        } else if (strstr(o, "MINIMUM WORDS")) {
            const char *eq = strchr(o, '=');
            r->coder->opts.min_words = eq ? atoi(eq + 1) : 0;
        }
    }
    if (r->def_seen) { /* else the .options file's DEFAULT: stays in force */
        r->coder->opts.default_source = r->def_src[0] ? r->def_src : NULL;
        r->coder->opts.default_target = r->def_tgt[0] ? r->def_tgt : NULL;
    }
}

static dyad_status run_tabari(run *r, const char *path, dyad_error *err)
{
    char project[4096], textfile[4096];
    snprintf(project, sizeof project, "%s", path);
    size_t pl = strlen(project);
    if (pl > 5 && !strcmp(project + pl - 5, ".text"))
        snprintf(project + pl - 5, sizeof project - (pl - 5), ".project");
    dyad_status st = tabari_project(r, project, textfile, sizeof textfile, err);
    if (st)
        return st;
    if (!textfile[0])
        snprintf(textfile, sizeof textfile, "%s", path);
    /* TABARI's own default when the .options file sets no MINIMUM WORDS:
     * shorter sentences are headlines and fragments (suite MINWRD-01) */
    if (r->coder && r->coder->tabari && r->coder->opts.min_words == 0)
        r->coder->opts.min_words = VAL_TABARI_MIN_WORDS;
    /* ... and its default COMMA: clauses of 2-10 words inside the sentence
     * or at its end are dropped, none at its start (suite COMMA-01A) */
    if (r->coder && r->coder->tabari)
        comma_option(r->coder->opts.comma_clauses, "MIN = 2 MAX = 10 EMIN = 2 EMAX = 10");
    dyad_reader_options ro;
    memset(&ro, 0, sizeof ro);
    ro.format = DYAD_FORMAT_TABARI;
    ro.diag = r->opts->diag;
    ro.diag_user = r->opts->diag_user;
    dyad_reader *rd;
    if ((st = dyad_reader_open(textfile, &ro, &rd, err)) != DYAD_OK)
        return st;
    const dyad_doc *doc;
    triple expect[VAL_MAX_EXPECT];
    while ((st = dyad_reader_next(rd, &doc)) == DYAD_OK && doc) {
        if (doc->id.len >= 5 && memcmp(doc->id.ptr, "FINAL", 5) == 0)
            break;
        tabari_options(r, doc);
        if (!selected(r, doc->id))
            continue;
        size_t en;
        if (!tabari_expect(doc, expect, &en)) {
            r->res.skipped++;
            continue;
        }
        const char *dash = memchr(doc->id.ptr, '-', doc->id.len);
        dyad_str cat = {doc->id.ptr, dash ? (size_t)(dash - doc->id.ptr) : doc->id.len};
        check_record(r, doc, cat, expect, en);
    }
    dyad_reader_close(rd);
    return st;
}

/* ---- entry point ---- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

dyad_status dyad_validate(const char *path, const dyad_validate_options *opts,
                          dyad_validate_fail_fn fail, void *fail_user, dyad_validate_result *out,
                          dyad_error *err)
{
    if (!path || !opts)
        return DYAD_EINVAL;
    const dyad_allocator *a = core_allocator(NULL);
    run *r = core_calloc(a, 1, sizeof *r);
    if (!r)
        return DYAD_ENOMEM;
    r->opts = opts;
    r->fail = fail;
    r->fail_user = fail_user;
    dir_of(path, r->dir, sizeof r->dir);
    dyad_status st;
    if (ends_with(path, ".xml"))
        st = run_petrarch(r, path, err);
    else if (ends_with(path, ".project") || ends_with(path, ".text"))
        st = run_tabari(r, path, err);
    else
        st = error_set(err, DYAD_EFORMAT, path, 0,
                       "not a validation suite (expected .xml, .project or .text)");
    if (!st)
        report(r);
    if (out)
        *out = r->res;
    dyad_coder_free(r->coder);
    dyad_lexicon_free(r->lex);
    core_free(a, r);
    return st;
}
