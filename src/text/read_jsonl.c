/*
 * read_jsonl.c — JSON Lines: one object per line with "id" (string or
 * number), "date" (ISO 8601 date or date-time), "text" (string) and
 * optional "title", "url", "source" (string or null).  Every other field
 * whose value is a string, number or boolean is kept as a dyad_meta entry
 * under its own name; arrays, objects and nulls are ignored.
 *
 * Each line is parsed with cJSON straight from the input window (no copy
 * of the line); the strings of the document point into the cJSON tree,
 * which lives until the next record.  A line that is not a JSON object, or
 * lacks a required field, or has a wrong-typed field or a bad date is
 * reported as "FILE:LINE: reason", counted as rejected, and skipped.  A
 * line over max_doc_bytes is skipped without being buffered.  Invalid
 * UTF-8 (which cJSON passes through) is reported as a warning and kept.
 */
#include "text/text.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct jsonl_state {
    cJSON *root; /* the current record; freed at the next one */
    meta_list meta;
    char id_num[32]; /* a numeric id, formatted */
} jsonl_state;

static dyad_status jsonl_open(dyad_reader *r)
{
    jsonl_state *s = core_calloc(r->allocator, 1, sizeof *s);
    if (!s)
        return DYAD_ENOMEM;
    meta_list_init(&s->meta, r->allocator);
    r->state = s;
    return DYAD_OK;
}

static void jsonl_close(dyad_reader *r)
{
    jsonl_state *s = r->state;
    if (!s)
        return;
    cJSON_Delete(s->root);
    meta_list_free(&s->meta, r->allocator);
    core_free(r->allocator, s);
    r->state = NULL;
}

static bool is_blank_line(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            return false;
    return true;
}

/* Why a record was refused: status, message and the id if one was read. */
typedef struct refusal {
    dyad_status code;
    char msg[200];
} refusal;

static bool refuse(refusal *f, dyad_status code, const char *msg, const char *field)
{
    f->code = code;
    snprintf(f->msg, sizeof f->msg, msg, field);
    return false;
}

/* Formats a numeric id: integers without a fraction, others as %.17g. */
static void format_number(double v, char out[32])
{
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        snprintf(out, 32, "%.0f", v);
    else
        snprintf(out, 32, "%.17g", v);
}

static bool take_id(jsonl_state *s, const cJSON *root, dyad_str *id, refusal *f)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, "id");
    if (!it)
        return refuse(f, DYAD_EFIELD, "missing field \"%s\"", "id");
    if (cJSON_IsString(it)) {
        *id = (dyad_str){it->valuestring, strlen(it->valuestring)};
    } else if (cJSON_IsNumber(it)) {
        format_number(it->valuedouble, s->id_num);
        *id = (dyad_str){s->id_num, strlen(s->id_num)};
    } else {
        return refuse(f, DYAD_EFIELD, "field \"%s\" must be a string or a number", "id");
    }
    if (id->len == 0)
        return refuse(f, DYAD_EFIELD, "field \"%s\" is empty", "id");
    return true;
}

static bool take_required_string(const cJSON *root, const char *name, dyad_str *out,
                                 refusal *f)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, name);
    if (!it)
        return refuse(f, DYAD_EFIELD, "missing field \"%s\"", name);
    if (!cJSON_IsString(it))
        return refuse(f, DYAD_EFIELD, "field \"%s\" must be a string", name);
    *out = (dyad_str){it->valuestring, strlen(it->valuestring)};
    return true;
}

static bool take_optional_string(const cJSON *root, const char *name, dyad_str *out,
                                 refusal *f)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, name);
    if (!it || cJSON_IsNull(it))
        return true;
    if (!cJSON_IsString(it))
        return refuse(f, DYAD_EFIELD, "field \"%s\" must be a string or null", name);
    *out = (dyad_str){it->valuestring, strlen(it->valuestring)};
    return true;
}

static bool take_date(const cJSON *root, dyad_date *date, refusal *f)
{
    dyad_str d;
    if (!take_required_string(root, "date", &d, f))
        return false;
    if (dyad_date_parse(d.ptr, d.len, date) != DYAD_OK) {
        f->code = DYAD_EDATE;
        snprintf(f->msg, sizeof f->msg, "field \"date\": \"%.40s\" is not a date", d.ptr);
        return false;
    }
    return true;
}

static bool is_common_field(const char *k)
{
    static const char *const names[] = {"id", "date", "text", "title", "url", "source"};
    for (size_t i = 0; i < DYAD_ARRAY_LEN(names); i++)
        if (strcmp(k, names[i]) == 0)
            return true;
    return false;
}

/* Keeps the other scalar fields as meta entries. */
static dyad_status collect_meta(dyad_reader *r, jsonl_state *s, const cJSON *root)
{
    for (const cJSON *it = root->child; it; it = it->next) {
        if (!it->string || is_common_field(it->string))
            continue;
        const char *v = NULL;
        char num[32];
        if (cJSON_IsString(it))
            v = it->valuestring;
        else if (cJSON_IsBool(it))
            v = cJSON_IsTrue(it) ? "true" : "false";
        else if (cJSON_IsNumber(it)) {
            format_number(it->valuedouble, num);
            v = num;
        }
        if (v && meta_list_add(&s->meta, r->allocator, it->string, strlen(it->string), v,
                               strlen(v)))
            return DYAD_ENOMEM;
    }
    return DYAD_OK;
}

/* Fills r->doc from a parsed object, or returns false with the reason. */
static bool fill_doc(dyad_reader *r, jsonl_state *s, const cJSON *root, refusal *f)
{
    dyad_doc *d = &r->doc;
    if (!cJSON_IsObject(root))
        return refuse(f, DYAD_EFIELD, "%s", "line is not a JSON object");
    return take_id(s, root, &d->id, f) && take_date(root, &d->date, f) &&
           take_required_string(root, "text", &d->text, f) &&
           take_optional_string(root, "title", &d->title, f) &&
           take_optional_string(root, "url", &d->url, f) &&
           take_optional_string(root, "source", &d->source, f);
}

static bool parse_line(jsonl_state *s, const input_line_t *ln, refusal *f)
{
    const char *end = NULL;
    s->root = cJSON_ParseWithLengthOpts(ln->ptr, ln->len, &end, 0);
    if (!s->root) {
        size_t at = end && end >= ln->ptr ? (size_t)(end - ln->ptr) : 0;
        f->code = DYAD_EPARSE;
        snprintf(f->msg, sizeof f->msg, "invalid JSON near byte %zu", at + 1);
        return false;
    }
    size_t used = (size_t)(end - ln->ptr);
    if (!is_blank_line(ln->ptr + used, ln->len - used)) {
        f->code = DYAD_EPARSE;
        snprintf(f->msg, sizeof f->msg, "unexpected text after the JSON value at byte %zu",
                 used + 1);
        return false;
    }
    return true;
}

/* Handles one non-blank line: *got when it became a document. */
static dyad_status take_line(dyad_reader *r, jsonl_state *s, const input_line_t *ln,
                             bool *got)
{
    refusal f = {DYAD_OK, ""};
    reader_doc_begin(r, ln->number); /* no field may point into the old tree */
    cJSON_Delete(s->root);
    s->root = NULL;
    meta_list_reset(&s->meta);
    if (!parse_line(s, ln, &f) || !fill_doc(r, s, s->root, &f)) {
        dyad_str id = r->doc.id;
        reader_reject(r, f.code, ln->number, id.ptr, id.len, "%s", f.msg);
        return DYAD_OK;
    }
    if (collect_meta(r, s, s->root))
        return error_set(&r->err, DYAD_ENOMEM, r->name, ln->number, "out of memory");
    r->doc.meta = s->meta.items;
    r->doc.meta_n = s->meta.n;
    reader_check_utf8(r, ln->number, "line", ln->ptr, ln->len);
    *got = true;
    return DYAD_OK;
}

static dyad_status jsonl_next(dyad_reader *r, bool *got)
{
    jsonl_state *s = r->state;
    *got = false;
    while (!*got) {
        input_line_t ln;
        dyad_status st = input_line(r->in, r->opts.max_doc_bytes, &ln, &r->err);
        if (st == DYAD_ELIMIT) {
            reader_reject(r, DYAD_ELIMIT, ln.number, NULL, 0,
                          "line of %zu bytes is longer than the limit of %zu "
                          "(max_doc_bytes); skipped",
                          ln.len, r->opts.max_doc_bytes);
            continue;
        }
        if (st)
            return st;
        if (!ln.ptr)
            return DYAD_OK;
        if (is_blank_line(ln.ptr, ln.len))
            continue;
        if ((st = take_line(r, s, &ln, got)))
            return st;
    }
    return DYAD_OK;
}

const reader_format_ops read_jsonl_ops = {jsonl_open, jsonl_next, jsonl_close};
