/*
 * read_petrarch.c — PETRARCH validation and input XML:
 *   <Sentences><Sentence date="YYYYMMDD" id="..." ...>
 *     <EventCoding sourcecode=".." targetcode=".." eventcode=".."/>
 *     <Text>...</Text><Parse>...</Parse></Sentence> ...
 * inside optional <Validation>, <Environment> and <Config> elements.
 *
 * Why records and not one XML document: two of the seven validation files
 * that define PETRARCH's behaviour are not well-formed (a comment holding
 * "--", a "<PLEvent {json}>" line, a self-closed <Sentence/>), and a
 * single streaming parse would stop at the first flaw and lose every later
 * sentence.  So a small scanner walks the stream line by line, skips
 * comments between records, and cuts out each <Sentence>...</Sentence>,
 * <Environment>...</Environment> and <Config .../> as one record (at most
 * max_doc_bytes).  Comments and "<PLEvent ...>" lines inside a record are
 * blanked (same length, so line numbers hold) and kept as meta.  Each
 * record is then parsed with expat; a malformed one is reported with the
 * file line (record start + expat's line) and expat's reason, counted as
 * rejected, and reading goes on with the next record.
 *
 * One document per <Sentence>: id and date from its attributes (both
 * required; date YYYYMMDD or YYYY-MM-DD), text = the <Text> content with
 * entities decoded and leading/trailing whitespace trimmed (inner line
 * breaks kept), given[0] = the whole text with parse = the trimmed <Parse>
 * content.  meta, in order: every <Sentence> attribute (name -> value);
 * one entry per other child element (key = element name in lower case,
 * value = its attributes as `name=value` pairs, see attr_append); "comment"
 * and "plevent" entries; one "config" entry per <Config> option in force;
 * one "env.NAME" entry per <Environment> child.
 */
#include "text/text.h"

#include <ctype.h>
#include <expat.h>
#include <limits.h>
#include <string.h>

/* The largest number of <Config> options and <Environment> entries kept;
 * later ones are dropped (real files have fewer than 30). */
#define PETR_MAX_SETTINGS 256u

typedef enum scan_state { SCAN_TOP, SCAN_TOP_COMMENT, SCAN_RECORD } scan_state;
typedef enum rec_kind { REC_SENTENCE, REC_ENVIRONMENT, REC_CONFIG } rec_kind;
typedef enum capture { CAP_NONE, CAP_TEXT, CAP_PARSE, CAP_OTHER } capture;

typedef struct setting {
    char *key;
    char *value;
} setting;

typedef struct petr_state {
    XML_Parser parser;
    /* scanner */
    scan_state state;
    rec_kind kind;
    input_line_t line;
    size_t line_pos;
    bool have_line;
    buf rec;
    unsigned long rec_line;
    bool rec_over;      /* record passed max_doc_bytes; bytes dropped */
    bool rec_comment;   /* inside <!-- --> within the record */
    buf comment;        /* text of that comment */
    meta_list scan_meta; /* comments and PLEvents of the record */
    /* expat results */
    int depth;
    capture cap;
    buf text, parse, other, other_attrs;
    char other_name[64];
    bool has_text;
    meta_list meta;
    const char *id, *date;
    /* settings in force for later sentences */
    setting config[PETR_MAX_SETTINGS];
    size_t config_n;
    setting env[PETR_MAX_SETTINGS];
    size_t env_n;
    bool nomem;
    dyad_given_sentence given;
} petr_state;

/* ---- expat with our allocator: its memory suite has no user pointer, so
 * the allocator in use is set per thread around every call into expat. */

static _Thread_local const dyad_allocator *expat_allocator;

static void *xml_malloc(size_t n) { return core_alloc(expat_allocator, n); }
static void *xml_realloc(void *p, size_t n) { return core_realloc(expat_allocator, p, n); }
static void xml_free(void *p) { core_free(expat_allocator, p); }

static const XML_Memory_Handling_Suite xml_memory = {xml_malloc, xml_realloc, xml_free};

/* ---- settings (Config, Environment) ---- */

static dyad_status setting_put(const dyad_allocator *a, setting *list, size_t *n,
                               const char *key, size_t key_len, const char *value,
                               size_t value_len)
{
    size_t i = 0;
    while (i < *n && (strlen(list[i].key) != key_len || memcmp(list[i].key, key, key_len)))
        i++;
    if (i == PETR_MAX_SETTINGS)
        return DYAD_OK;
    char *v = core_strndup(a, value, value_len);
    if (!v)
        return DYAD_ENOMEM;
    if (i == *n) {
        list[i].key = core_strndup(a, key, key_len);
        if (!list[i].key) {
            core_free(a, v);
            return DYAD_ENOMEM;
        }
        (*n)++;
    } else {
        core_free(a, list[i].value);
    }
    list[i].value = v;
    return DYAD_OK;
}

static void settings_free(const dyad_allocator *a, setting *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        core_free(a, list[i].key);
        core_free(a, list[i].value);
    }
}

/* ---- attribute serialization ---- */

static bool needs_quotes(const char *v)
{
    if (!*v)
        return true;
    for (; *v; v++)
        if (*v == ' ' || *v == '\t' || *v == '\n' || *v == '"' || *v == '\\' || *v == '=')
            return true;
    return false;
}

/* Appends ` name=value` (no space first when b is empty).  A value that is
 * empty or holds blanks, '"', '\\' or '=' is written in double quotes with
 * '"' and '\\' escaped by a backslash. */
static dyad_status attr_append(buf *b, const char *name, const char *value)
{
    dyad_status st = buf_printf(b, "%s%s=", b->len ? " " : "", name);
    if (st || !needs_quotes(value))
        return st ? st : buf_append(b, value, strlen(value));
    st = buf_putc(b, '"');
    for (const char *v = value; !st && *v; v++) {
        if (*v == '"' || *v == '\\')
            st = buf_putc(b, '\\');
        if (!st)
            st = buf_putc(b, *v);
    }
    return st ? st : buf_putc(b, '"');
}

static dyad_status attrs_serialize(buf *b, const XML_Char **attrs)
{
    buf_clear(b);
    dyad_status st = buf_append(b, "", 0);
    for (size_t i = 0; !st && attrs[i]; i += 2)
        st = attr_append(b, attrs[i], attrs[i + 1]);
    return st;
}

/* ---- expat handlers ---- */

static void trim(const char **p, size_t *n)
{
    while (*n && isspace((unsigned char)**p)) {
        (*p)++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)(*p)[*n - 1]))
        (*n)--;
}

static void note(petr_state *s, dyad_status st)
{
    if (st)
        s->nomem = true;
}

static void start_root(dyad_reader *r, petr_state *s, const XML_Char **attrs)
{
    if (s->kind == REC_CONFIG) {
        note(s, attrs_serialize(&s->other_attrs, attrs));
        const char *opt = "";
        for (size_t i = 0; attrs[i]; i += 2)
            if (strcmp(attrs[i], "option") == 0)
                opt = attrs[i + 1];
        note(s, setting_put(r->allocator, s->config, &s->config_n, opt, strlen(opt),
                            s->other_attrs.data, s->other_attrs.len));
        return;
    }
    if (s->kind != REC_SENTENCE)
        return;
    for (size_t i = 0; attrs[i]; i += 2) {
        size_t at = s->meta.n;
        note(s, meta_list_add(&s->meta, r->allocator, attrs[i], strlen(attrs[i]),
                              attrs[i + 1], strlen(attrs[i + 1])));
        if (at < s->meta.n && strcmp(attrs[i], "id") == 0)
            s->id = s->meta.items[at].value.ptr;
        if (at < s->meta.n && strcmp(attrs[i], "date") == 0)
            s->date = s->meta.items[at].value.ptr;
    }
}

static void start_child(dyad_reader *r, petr_state *s, const XML_Char *name,
                        const XML_Char **attrs)
{
    if (s->kind == REC_SENTENCE && strcmp(name, "Text") == 0) {
        s->cap = CAP_TEXT;
        s->has_text = true;
        return;
    }
    if (s->kind == REC_SENTENCE && strcmp(name, "Parse") == 0) {
        s->cap = CAP_PARSE;
        return;
    }
    if (s->kind == REC_ENVIRONMENT && strcmp(name, "Config") == 0) {
        s->kind = REC_CONFIG; /* same handling as a top-level <Config> */
        start_root(r, s, attrs);
        s->kind = REC_ENVIRONMENT;
        return;
    }
    s->cap = CAP_OTHER;
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof s->other_name; i++)
        s->other_name[i] = s->kind == REC_SENTENCE ? (char)tolower((unsigned char)name[i])
                                                   : name[i];
    s->other_name[i] = 0;
    buf_clear(&s->other);
    note(s, attrs_serialize(&s->other_attrs, attrs));
}

static void XMLCALL on_start(void *user, const XML_Char *name, const XML_Char **attrs)
{
    dyad_reader *r = user;
    petr_state *s = r->state;
    s->depth++;
    if (s->depth == 1)
        start_root(r, s, attrs);
    else if (s->depth == 2)
        start_child(r, s, name, attrs);
}

static void end_other(dyad_reader *r, petr_state *s)
{
    const char *t = s->other.data ? s->other.data : "";
    size_t n = s->other.len;
    trim(&t, &n);
    if (s->kind == REC_ENVIRONMENT) {
        char key[80];
        int k = snprintf(key, sizeof key, "env.%s", s->other_name);
        note(s, setting_put(r->allocator, s->env, &s->env_n, key, (size_t)k, t, n));
        return;
    }
    if (n) {
        char *copy = core_strndup(r->allocator, t, n);
        note(s, copy ? attr_append(&s->other_attrs, "_text", copy) : DYAD_ENOMEM);
        core_free(r->allocator, copy);
    }
    note(s, meta_list_add(&s->meta, r->allocator, s->other_name, strlen(s->other_name),
                          s->other_attrs.data ? s->other_attrs.data : "",
                          s->other_attrs.len));
}

static void XMLCALL on_end(void *user, const XML_Char *name)
{
    dyad_reader *r = user;
    petr_state *s = r->state;
    (void)name;
    if (s->depth == 2 && s->cap == CAP_OTHER)
        end_other(r, s);
    if (s->depth == 2)
        s->cap = CAP_NONE;
    s->depth--;
}

static void XMLCALL on_chars(void *user, const XML_Char *data, int len)
{
    dyad_reader *r = user;
    petr_state *s = r->state;
    buf *b = s->cap == CAP_TEXT ? &s->text : s->cap == CAP_PARSE ? &s->parse
             : s->cap == CAP_OTHER ? &s->other : NULL;
    if (b)
        note(s, buf_append(b, data, (size_t)len));
}

/* ---- open / close ---- */

static dyad_status petr_open(dyad_reader *r)
{
    petr_state *s = core_calloc(r->allocator, 1, sizeof *s);
    if (!s)
        return DYAD_ENOMEM;
    r->state = s;
    buf *bufs[] = {&s->rec, &s->comment, &s->text, &s->parse, &s->other, &s->other_attrs};
    for (size_t i = 0; i < DYAD_ARRAY_LEN(bufs); i++)
        buf_init(bufs[i], r->allocator);
    meta_list_init(&s->meta, r->allocator);
    meta_list_init(&s->scan_meta, r->allocator);
    expat_allocator = r->allocator;
    s->parser = XML_ParserCreate_MM("UTF-8", &xml_memory, NULL);
    return s->parser ? DYAD_OK : DYAD_ENOMEM;
}

static void petr_close(dyad_reader *r)
{
    petr_state *s = r->state;
    if (!s)
        return;
    expat_allocator = r->allocator;
    if (s->parser)
        XML_ParserFree(s->parser);
    buf *bufs[] = {&s->rec, &s->comment, &s->text, &s->parse, &s->other, &s->other_attrs};
    for (size_t i = 0; i < DYAD_ARRAY_LEN(bufs); i++)
        buf_free(bufs[i]);
    meta_list_free(&s->meta, r->allocator);
    meta_list_free(&s->scan_meta, r->allocator);
    settings_free(r->allocator, s->config, s->config_n);
    settings_free(r->allocator, s->env, s->env_n);
    core_free(r->allocator, s);
    r->state = NULL;
}

/* ---- parsing one record ---- */

static void record_reset_results(petr_state *s)
{
    s->depth = 0;
    s->cap = CAP_NONE;
    s->has_text = false;
    s->id = s->date = NULL;
    s->nomem = false;
    buf_clear(&s->text);
    buf_clear(&s->parse);
    meta_list_reset(&s->meta);
}

/* Runs expat over the record; false (reported, counted) when malformed. */
static dyad_status parse_record(dyad_reader *r, petr_state *s, bool *ok)
{
    record_reset_results(s);
    expat_allocator = r->allocator;
    *ok = false;
    if (!XML_ParserReset(s->parser, "UTF-8"))
        return DYAD_ENOMEM;
    XML_SetUserData(s->parser, r);
    XML_SetElementHandler(s->parser, on_start, on_end);
    XML_SetCharacterDataHandler(s->parser, on_chars);
    const char *data = s->rec.data ? s->rec.data : "";
    enum XML_Status xs = XML_Parse(s->parser, data, (int)s->rec.len, XML_TRUE);
    if (s->nomem || XML_GetErrorCode(s->parser) == XML_ERROR_NO_MEMORY)
        return DYAD_ENOMEM;
    if (xs != XML_STATUS_OK) {
        unsigned long at = s->rec_line + XML_GetCurrentLineNumber(s->parser) - 1;
        const char *id = s->id;
        reader_reject(r, DYAD_EPARSE, at, id, id ? strlen(id) : 0, "malformed XML: %s",
                      XML_ErrorString(XML_GetErrorCode(s->parser)));
        return DYAD_OK;
    }
    *ok = true;
    return DYAD_OK;
}

static dyad_status add_settings(dyad_reader *r, petr_state *s)
{
    for (size_t i = 0; i < s->scan_meta.n; i++) {
        const dyad_meta *m = &s->scan_meta.items[i];
        if (meta_list_add(&s->meta, r->allocator, m->key.ptr, m->key.len, m->value.ptr,
                          m->value.len))
            return DYAD_ENOMEM;
    }
    for (size_t i = 0; i < s->config_n; i++)
        if (meta_list_add(&s->meta, r->allocator, "config", 6, s->config[i].value,
                          strlen(s->config[i].value)))
            return DYAD_ENOMEM;
    for (size_t i = 0; i < s->env_n; i++)
        if (meta_list_add(&s->meta, r->allocator, s->env[i].key, strlen(s->env[i].key),
                          s->env[i].value, strlen(s->env[i].value)))
            return DYAD_ENOMEM;
    return DYAD_OK;
}

/* Checks the parsed sentence and fills r->doc; false when rejected. */
static bool sentence_to_doc(dyad_reader *r, petr_state *s)
{
    unsigned long line = s->rec_line;
    const char *id = s->id;
    size_t id_len = id ? strlen(id) : 0;
    if (!id_len) {
        reader_reject(r, DYAD_EFIELD, line, NULL, 0, "<Sentence> has no id attribute");
        return false;
    }
    dyad_date date;
    if (!s->date) {
        reader_reject(r, DYAD_EFIELD, line, id, id_len, "<Sentence> has no date attribute");
        return false;
    }
    if (dyad_date_parse(s->date, strlen(s->date), &date) != DYAD_OK) {
        reader_reject(r, DYAD_EDATE, line, id, id_len, "date \"%.40s\" is not a date",
                      s->date);
        return false;
    }
    if (!s->has_text) {
        reader_reject(r, DYAD_EFIELD, line, id, id_len, "<Sentence> has no <Text>");
        return false;
    }
    reader_doc_begin(r, line);
    if (buf_append(&s->text, "", 0) || buf_append(&s->parse, "", 0)) {
        s->nomem = true;
        return false;
    }
    const char *t = s->text.data;
    size_t n = s->text.len;
    trim(&t, &n);
    ((char *)t)[n] = 0; /* text must be NUL-terminated; the buffer is ours */
    const char *p = s->parse.data;
    size_t pn = s->parse.len;
    trim(&p, &pn);
    r->doc.id = (dyad_str){id, id_len};
    r->doc.date = date;
    r->doc.text = (dyad_str){t, n};
    s->given.span = (dyad_span){0, (uint32_t)n};
    s->given.parse = (dyad_str){p, pn};
    r->doc.given = &s->given;
    r->doc.given_n = 1;
    r->doc.meta = s->meta.items;
    r->doc.meta_n = s->meta.n;
    return true;
}

/* PETR2_GSR_validation.xml writes most sentences as
 * <Sentence ... evaluate="true"/> ... </Sentence>; when a record whose
 * start tag is self-closed still ends with </Sentence>, the stray '/' is
 * blanked so the sentence is read instead of lost. */
static void repair_self_closed_start(petr_state *s)
{
    char *gt = memchr(s->rec.data, '>', s->rec.len);
    if (gt && gt > s->rec.data && gt[-1] == '/' &&
        (size_t)(gt - s->rec.data) + 11 < s->rec.len)
        gt[-1] = ' ';
}

/* Handles a finished record; *got when it produced a document. */
static dyad_status finish_record(dyad_reader *r, petr_state *s, bool *got)
{
    s->state = SCAN_TOP;
    if (s->rec_over || s->rec.len > INT_MAX - 16) { /* expat takes an int length */
        reader_reject(r, DYAD_ELIMIT, s->rec_line, NULL, 0,
                      "record larger than the limit of %zu bytes (max_doc_bytes); skipped",
                      r->opts.max_doc_bytes);
        return DYAD_OK;
    }
    if (s->kind == REC_CONFIG && (s->rec.len < 2 || s->rec.data[s->rec.len - 2] != '/') &&
        buf_append(&s->rec, "</Config>", 9))
        return DYAD_ENOMEM;
    if (s->kind == REC_SENTENCE)
        repair_self_closed_start(s);
    bool ok;
    dyad_status st = parse_record(r, s, &ok);
    if (st || !ok || s->kind != REC_SENTENCE)
        return st;
    if ((st = add_settings(r, s)))
        return st;
    if (s->meta.overflow)
        reader_warn(r, DYAD_ELIMIT, s->rec_line, "more than %u meta entries; rest dropped",
                    READER_MAX_META);
    *got = sentence_to_doc(r, s);
    return s->nomem ? DYAD_ENOMEM : DYAD_OK;
}

/* ---- the record scanner ---- */

/* Appends bytes of the current record unless it is already over limit. */
static dyad_status rec_add(dyad_reader *r, petr_state *s, const char *p, size_t n)
{
    if (s->rec_over)
        return DYAD_OK;
    if (s->rec.len + n > r->opts.max_doc_bytes) {
        s->rec_over = true;
        return DYAD_OK;
    }
    return buf_append(&s->rec, p, n);
}

static dyad_status rec_blank(dyad_reader *r, petr_state *s, size_t n)
{
    dyad_status st = DYAD_OK;
    while (n-- && !st)
        st = rec_add(r, s, " ", 1);
    return st;
}

static bool starts_tag(const char *p, size_t n, const char *tag)
{
    size_t k = strlen(tag);
    if (n < k || memcmp(p, tag, k) != 0)
        return false;
    return n == k || p[k] == ' ' || p[k] == '\t' || p[k] == '>' || p[k] == '/' ||
           p[k] == '\r';
}

static void record_begin(dyad_reader *r, petr_state *s, rec_kind kind)
{
    s->state = SCAN_RECORD;
    s->kind = kind;
    s->rec_line = s->line.number;
    s->rec_over = false;
    s->rec_comment = false;
    buf_clear(&s->rec);
    meta_list_reset(&s->scan_meta);
}

/* Scans from the current position of a line outside records. */
static dyad_status scan_top(dyad_reader *r, petr_state *s, const char *p, size_t n)
{
    const char *lt = memchr(p, '<', n);
    if (!lt) {
        s->line_pos += n;
        return DYAD_OK;
    }
    size_t off = (size_t)(lt - p), left = n - off;
    s->line_pos += off + 1;
    if (left >= 4 && memcmp(lt, "<!--", 4) == 0) {
        s->state = SCAN_TOP_COMMENT;
        s->line_pos += 3;
        return DYAD_OK;
    }
    if (starts_tag(lt, left, "<Sentence"))
        record_begin(r, s, REC_SENTENCE);
    else if (starts_tag(lt, left, "<Environment"))
        record_begin(r, s, REC_ENVIRONMENT);
    else if (starts_tag(lt, left, "<Config"))
        record_begin(r, s, REC_CONFIG);
    else
        return DYAD_OK;
    return rec_add(r, s, "<", 1); /* the record starts with this '<' */
}

static const char *find(const char *p, size_t n, const char *needle)
{
    return text_find(p, n, needle, strlen(needle));
}

/* Inside a comment within a record: keep its text, blank it in the record. */
static dyad_status scan_record_comment(dyad_reader *r, petr_state *s, const char *p,
                                       size_t n)
{
    const char *end = find(p, n, "-->");
    size_t k = end ? (size_t)(end - p) : n;
    dyad_status st = buf_append(&s->comment, p, k);
    if (!st)
        st = rec_blank(r, s, end ? k + 3 : k);
    s->line_pos += end ? k + 3 : k;
    if (st || !end)
        return st ? st : buf_putc(&s->comment, '\n');
    s->rec_comment = false;
    const char *t = s->comment.data ? s->comment.data : "";
    size_t tn = s->comment.len;
    trim(&t, &tn);
    return meta_list_add(&s->scan_meta, r->allocator, "comment", 7, t, tn);
}

/* "<PLEvent {json}>" is not XML; keep the JSON as meta and blank it. */
static dyad_status take_plevent(dyad_reader *r, petr_state *s, const char *p, size_t n)
{
    const char *gt = memchr(p, '>', n);
    size_t k = gt ? (size_t)(gt - p) + 1 : n;
    const char *v = p + 8;
    size_t vn = (gt ? (size_t)(gt - p) : n) - 8;
    trim(&v, &vn);
    s->line_pos += k;
    dyad_status st = meta_list_add(&s->scan_meta, r->allocator, "plevent", 7, v, vn);
    return st ? st : rec_blank(r, s, k);
}

static const char *record_end_tag(rec_kind kind)
{
    return kind == REC_SENTENCE ? "</Sentence>" : kind == REC_ENVIRONMENT ? "</Environment>"
                                                                          : ">";
}

/* Scans a piece of a line inside a record; *done when the record ended. */
static dyad_status scan_record(dyad_reader *r, petr_state *s, const char *p, size_t n,
                               bool *done, bool *restart)
{
    if (s->rec_comment)
        return scan_record_comment(r, s, p, n);
    const char *endtag = record_end_tag(s->kind);
    const char *q = memchr(p, s->kind == REC_CONFIG ? '>' : '<', n);
    if (!q) {
        s->line_pos += n;
        return rec_add(r, s, p, n);
    }
    size_t off = (size_t)(q - p), left = n - off;
    dyad_status st = rec_add(r, s, p, off);
    s->line_pos += off;
    size_t el = strlen(endtag);
    if (st)
        return st;
    if (left >= el && memcmp(q, endtag, el) == 0) {
        s->line_pos += el;
        *done = true;
        return rec_add(r, s, q, el);
    }
    if (left >= 4 && memcmp(q, "<!--", 4) == 0) {
        s->rec_comment = true;
        buf_clear(&s->comment);
        s->line_pos += 4;
        return rec_blank(r, s, 4);
    }
    if (s->kind == REC_SENTENCE && starts_tag(q, left, "<PLEvent"))
        return take_plevent(r, s, q, left);
    if (s->kind == REC_SENTENCE && starts_tag(q, left, "<Sentence")) {
        *restart = true; /* the previous <Sentence> was never closed */
        return DYAD_OK;
    }
    s->line_pos += 1;
    return rec_add(r, s, q, 1);
}

/* Gets the next line into s->line; false at the end of input. */
static dyad_status next_line(dyad_reader *r, petr_state *s, bool *eof)
{
    *eof = false;
    for (;;) {
        dyad_status st = input_line(r->in, r->opts.max_doc_bytes, &s->line, &r->err);
        if (st == DYAD_ELIMIT) {
            reader_warn(r, DYAD_ELIMIT, s->line.number,
                        "line of %zu bytes is longer than the limit of %zu "
                        "(max_doc_bytes); skipped",
                        s->line.len, r->opts.max_doc_bytes);
            if (s->state == SCAN_RECORD)
                s->rec_over = true;
            continue;
        }
        if (st)
            return st;
        *eof = s->line.ptr == NULL;
        s->line_pos = 0;
        s->have_line = !*eof;
        return DYAD_OK;
    }
}

/* Advances the scanner through the current line; *done when a record
 * ended (the rest of the line waits for the next call). */
static dyad_status scan_line(dyad_reader *r, petr_state *s, bool *done)
{
    while (s->line_pos < s->line.len && !*done) {
        const char *p = s->line.ptr + s->line_pos;
        size_t n = s->line.len - s->line_pos;
        if (s->state == SCAN_TOP) {
            dyad_status st = scan_top(r, s, p, n);
            if (st)
                return st;
        } else if (s->state == SCAN_TOP_COMMENT) {
            const char *end = find(p, n, "-->");
            s->line_pos += end ? (size_t)(end - p) + 3 : n;
            if (end)
                s->state = SCAN_TOP;
        } else {
            bool restart = false;
            dyad_status st = scan_record(r, s, p, n, done, &restart);
            if (st)
                return st;
            if (restart) {
                reader_reject(r, DYAD_EPARSE, s->rec_line, NULL, 0,
                              "malformed XML: <Sentence> not closed before the next "
                              "<Sentence> (line %lu)",
                              s->line.number);
                record_begin(r, s, REC_SENTENCE);
                s->line_pos += 1; /* the new record starts with this '<' */
                if ((st = rec_add(r, s, "<", 1)))
                    return st;
            }
        }
    }
    if (s->line_pos >= s->line.len && !*done) {
        s->have_line = false;
        if (s->state != SCAN_RECORD)
            return DYAD_OK;
        /* Keep the line break so expat's line numbers match the file. */
        if (s->rec_comment && buf_putc(&s->comment, '\n'))
            return DYAD_ENOMEM;
        return rec_add(r, s, "\n", 1);
    }
    return DYAD_OK;
}

static dyad_status petr_next(dyad_reader *r, bool *got)
{
    petr_state *s = r->state;
    *got = false;
    while (!*got) {
        if (!s->have_line) {
            bool eof;
            dyad_status st = next_line(r, s, &eof);
            if (st)
                return st; /* r->err filled by the input */
            if (eof) {
                if (s->state == SCAN_RECORD) {
                    s->state = SCAN_TOP;
                    reader_reject(r, DYAD_EPARSE, s->rec_line, NULL, 0,
                                  "malformed XML: record not closed at the end of input");
                }
                return DYAD_OK;
            }
        }
        bool done = false;
        dyad_status st = scan_line(r, s, &done);
        if (st == DYAD_OK && done)
            st = finish_record(r, s, got);
        if (st)
            return error_set(&r->err, st, r->name, s->line.number, "%s",
                             dyad_status_str(st));
    }
    return DYAD_OK;
}

const reader_format_ops read_petrarch_ops = {petr_open, petr_next, petr_close};
