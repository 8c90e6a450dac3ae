/*
 * format.c — writes what the store returns: events as JSON Lines, TSV or
 * CSV (through the output layer's dyad_writer, so a query prints exactly
 * the columns `dyad code` prints), as an aligned table, or in the column
 * layouts of two published event data sets; and aggregate rows.
 *
 * Phoenix (26 tab-separated columns, no header), as the Phoenix pipeline
 * wrote its daily files: EventID, Date (YYYYMMDD), Year, Month, Day; for
 * the source and then the target actor the full code, entity (first three
 * letters), role (next three when a primary agent such as GOV or MIL) and
 * the remaining three-letter attributes joined by ';'; EventCode,
 * EventRootCode, QuadClass (Phoenix convention: 0 for roots 01-02, 1 for
 * 03-05, 2 for 06-08, 3 for 09-13 and 16, 4 for 14, 15, 17-20),
 * GoldsteinScore, Issues, Lat, Lon, LocationName, StateName, CountryCode
 * (empty: dyad does not geocode), SentenceID (doc_sentence), URLs,
 * NewsSources.
 *
 * GDELT 2.0 event table (61 tab-separated columns, no header; see
 * ../shared/data/gdelt_schema): GLOBALEVENTID, SQLDATE, MonthYear, Year,
 * FractionDate; ten columns per actor (code, name, country, known group,
 * ethnic, two religion and three type codes); IsRootEvent (lead
 * sentence), EventCode, EventBaseCode, EventRootCode, QuadClass,
 * GoldsteinScale, NumMentions (events merged into the row), NumSources,
 * NumArticles, AvgTone (empty), three blocks of eight geography columns
 * (type 0, rest empty), DATEADDED (YYYYMMDDHHMMSS), SOURCEURL (the URL,
 * else the document id).
 */
#include "store/store.h"

#include <string.h>

dyad_status dyad_store_format_from_name(const char *name, dyad_store_format *out)
{
    static const char *const names[] = {"table", "jsonl", "tsv", "csv", "phoenix", "gdelt"};
    for (size_t i = 0; name && i < DYAD_ARRAY_LEN(names); i++)
        if (!strcmp(name, names[i])) {
            *out = (dyad_store_format)i;
            return DYAD_OK;
        }
    return DYAD_EINVAL;
}

/* ---- actor codes split the Phoenix / GDELT way ---- */

typedef struct actor_parts {
    char entity[4];
    char role[4];
    char attrs[32]; /* 3-letter groups joined by ';' */
    char group[4];  /* known group code after IGO/NGO/IMG/MNC (GDELT) */
    char types[3][4];
} actor_parts;

static int is_one_of(const char *s, const char *list)
{
    for (const char *p = list; *p; p += 3)
        if (!strncmp(s, p, 3))
            return 1;
    return 0;
}

static void split_actor(const char *code, actor_parts *a)
{
    memset(a, 0, sizeof *a);
    size_t n = strlen(code);
    if (n < 3)
        return;
    memcpy(a->entity, code, 3);
    size_t pos = 3, t = 0;
    if (n >= 6 && is_one_of(code + 3, "GOVMILREBOPPPTYCOPJUDSPYMEDEDUBUSCRMCVL"))
        memcpy(a->role, code + 3, 3);
    if (n >= 6 && is_one_of(code, "IGONGOIMGMNC"))
        memcpy(a->group, code + 3, 3), pos = 6;
    for (size_t i = a->role[0] ? 6 : 3; i + 3 <= n; i += 3) {
        size_t l = strlen(a->attrs);
        if (l + 4 < sizeof a->attrs)
            snprintf(a->attrs + l, sizeof a->attrs - l, "%s%.3s", l ? ";" : "", code + i);
    }
    for (size_t i = pos; i + 3 <= n && t < 3; i += 3)
        memcpy(a->types[t++], code + i, 3);
}

static int phoenix_quad(const char *root)
{
    static const int q[21] = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 3, 4, 4, 4, 4};
    int r = (root[0] - '0') * 10 + (root[1] - '0');
    return root[0] && root[1] && r >= 1 && r <= 20 ? q[r] : 0;
}

/* Appends text with tabs and line breaks turned into spaces: neither
 * layout has an escape convention. */
static dyad_status plain(buf *b, const char *s, size_t len)
{
    dyad_status st = buf_reserve(b, len + 1);
    for (size_t i = 0; i < len && st == DYAD_OK; i++)
        st = buf_putc(b, s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
    return st ? st : buf_putc(b, '\t');
}

static dyad_status phoenix_actor(buf *b, const char *code)
{
    actor_parts a;
    split_actor(code, &a);
    return buf_printf(b, "%s\t%s\t%s\t%s\t", code, a.entity, a.role, a.attrs);
}

static dyad_status phoenix_row(buf *b, const dyad_store_row *r)
{
    const dyad_event *e = &r->event;
    dyad_date d = e->date;
    dyad_status st = buf_printf(b, "%lld\t%04d%02d%02d\t%d\t%d\t%d\t", (long long)r->event_id,
                                d.year, d.month, d.day, d.year, d.month, d.day);
    if (!st) st = phoenix_actor(b, e->source);
    if (!st) st = phoenix_actor(b, e->target);
    if (!st)
        st = buf_printf(b, "%s\t%s\t%d\t%g\t\t\t\t\t\t\t", e->code, e->root,
                        phoenix_quad(e->root), e->goldstein);
    if (!st) st = buf_append(b, e->doc_id.ptr, e->doc_id.len);
    if (!st) st = buf_printf(b, "_%u\t", e->sentence + 1);
    if (!st) st = plain(b, r->doc_url.ptr, r->doc_url.len);
    if (!st) st = plain(b, r->doc_source.ptr, r->doc_source.len);
    if (!st) b->data[b->len - 1] = '\n';
    return st;
}

static dyad_status gdelt_actor(buf *b, const char *code, dyad_str name)
{
    actor_parts a;
    split_actor(code, &a);
    int known = a.group[0] != 0;
    dyad_status st = buf_printf(b, "%s\t", code);
    if (!st) st = plain(b, name.ptr, name.len);
    if (!st)
        st = buf_printf(b, "%s\t%s\t\t\t\t%s\t%s\t%s\t", known ? "" : a.entity, a.group,
                        a.types[0], a.types[1], a.types[2]);
    return st;
}

static void digits_only(const dyad_str *s, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < s->len && o + 1 < cap; i++)
        if (s->ptr[i] >= '0' && s->ptr[i] <= '9')
            out[o++] = s->ptr[i];
    out[o] = 0;
}

static dyad_status gdelt_row(buf *b, const dyad_store_row *r)
{
    const dyad_event *e = &r->event;
    dyad_date d = e->date;
    double frac = d.year + (d.month * 30 + d.day) / 365.0;
    dyad_status st = buf_printf(b, "%lld\t%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t",
                                (long long)r->event_id, d.year, d.month, d.day, d.year, d.month,
                                d.year, frac);
    if (!st) st = gdelt_actor(b, e->source, e->source_text);
    if (!st) st = gdelt_actor(b, e->target, e->target_text);
    if (!st)
        st = buf_printf(b, "%d\t%s\t%.3s\t%s\t%d\t%g\t%llu\t1\t1\t\t", e->sentence == 0,
                        e->code, e->code, e->root, e->quad, e->goldstein,
                        (unsigned long long)(r->merged ? r->merged : 1));
    for (int g = 0; g < 3 && !st; g++)
        st = buf_append(b, "0\t\t\t\t\t\t\t\t", 9); /* type 0, seven empty */
    char added[16];
    digits_only(&r->added_at, added, sizeof added);
    if (!st) st = buf_printf(b, "%s\t", added);
    if (!st) st = plain(b, r->doc_url.len ? r->doc_url.ptr : e->doc_id.ptr,
                        r->doc_url.len ? r->doc_url.len : e->doc_id.len);
    if (!st) b->data[b->len - 1] = '\n';
    return st;
}

/* ---- the aligned table ---- */

static dyad_status table_header(buf *b)
{
    return buf_printf(b, "%-10s  %-12s  %-12s  %-4s  %4s  %9s  %6s  %s\n", "date", "source",
                      "target", "code", "quad", "goldstein", "merged", "doc_id:sentence");
}

static dyad_status table_row(buf *b, const dyad_store_row *r)
{
    char date[11];
    const dyad_event *e = &r->event;
    dyad_date_format(e->date, date);
    dyad_status st = buf_printf(b, "%-10s  %-12s  %-12s  %-4s  %4d  %9.1f  %6llu  ", date,
                                e->source, e->target, e->code, e->quad, e->goldstein,
                                (unsigned long long)r->merged);
    if (!st) st = plain(b, e->doc_id.ptr, e->doc_id.len);
    if (!st) b->len--; /* drop plain()'s tab */
    if (!st) st = buf_printf(b, ":%u\n", e->sentence);
    return st;
}

/* ---- event writing ---- */

typedef struct ev_ctx {
    dyad_store_format format;
    FILE *out;
    dyad_writer *writer;
    buf line;
    dyad_status st;
} ev_ctx;

static int write_row(void *user, const dyad_store_row *r)
{
    ev_ctx *c = user;
    if (c->writer) {
        c->st = dyad_writer_event(c->writer, &r->event);
        return c->st != DYAD_OK;
    }
    buf_clear(&c->line);
    c->st = c->format == DYAD_STORE_FORMAT_PHOENIX ? phoenix_row(&c->line, r)
            : c->format == DYAD_STORE_FORMAT_GDELT ? gdelt_row(&c->line, r)
                                                   : table_row(&c->line, r);
    if (c->st == DYAD_OK && fwrite(c->line.data, 1, c->line.len, c->out) != c->line.len)
        c->st = DYAD_EIO;
    return c->st != DYAD_OK;
}

static dyad_status open_writer(dyad_store *s, ev_ctx *c)
{
    dyad_output_format of;
    switch (c->format) {
    case DYAD_STORE_FORMAT_JSONL: of = DYAD_OUTPUT_JSONL; break;
    case DYAD_STORE_FORMAT_TSV: of = DYAD_OUTPUT_TSV; break;
    case DYAD_STORE_FORMAT_CSV: of = DYAD_OUTPUT_CSV; break;
    case DYAD_STORE_FORMAT_TABLE: {
        dyad_status st = table_header(&c->line);
        if (!st && fwrite(c->line.data, 1, c->line.len, c->out) != c->line.len)
            st = DYAD_EIO;
        return st;
    }
    default: return DYAD_OK;
    }
    return dyad_writer_open(c->out, of, s->allocator, &c->writer);
}

static dyad_status finish(dyad_store *s, dyad_status st, dyad_status wst, FILE *out,
                          dyad_error *err)
{
    if (st)
        return st; /* the query's own error is already in err */
    if (wst == DYAD_OK && (fflush(out) != 0 || ferror(out)))
        wst = DYAD_EIO;
    if (wst == DYAD_EIO)
        return error_set(err, DYAD_EIO, NULL, 0, "writing the query result failed");
    if (wst)
        return error_set(err, wst, s->name, 0, "formatting the query result failed");
    return DYAD_OK;
}

dyad_status dyad_store_write_events(dyad_store *s, const dyad_store_query *q,
                                    dyad_store_format format, FILE *out, dyad_error *err)
{
    if (!s || !out || (unsigned)format > DYAD_STORE_FORMAT_GDELT)
        return error_set(err, DYAD_EINVAL, NULL, 0, "store: bad store, stream or format");
    ev_ctx c = {.format = format, .out = out};
    buf_init(&c.line, s->allocator);
    dyad_status st = DYAD_OK;
    c.st = open_writer(s, &c);
    if (c.st == DYAD_OK)
        st = dyad_store_query_events(s, q, write_row, &c, err);
    if (c.writer) {
        dyad_status w = dyad_writer_close(c.writer);
        if (c.st == DYAD_OK)
            c.st = w;
    }
    buf_free(&c.line);
    return finish(s, st, c.st, out, err);
}

/* ---- aggregates ---- */

typedef struct agg_ctx {
    dyad_store_format format;
    const dyad_store_query *q;
    FILE *out;
    buf line;
    dyad_status st;
} agg_ctx;

/* Column names of the aggregate layout for this query. */
static size_t agg_names(const dyad_store_query *q, const char *names[8])
{
    size_t n = 0;
    if (q->by)
        names[n++] = q->by == DYAD_PERIOD_DAY ? "day" : q->by == DYAD_PERIOD_WEEK ? "week" : "month";
    if (q->group & DYAD_GROUP_DYAD)
        names[n++] = "source", names[n++] = "target";
    if (q->group & DYAD_GROUP_ROOT)
        names[n++] = "root";
    if (q->group & DYAD_GROUP_QUAD)
        names[n++] = "quad";
    names[n++] = "count";
    names[n++] = "goldstein_sum";
    names[n++] = "goldstein_mean";
    return n;
}

/* Renders the values of a row as strings in agg_names order. */
static size_t agg_values(const dyad_store_query *q, const dyad_store_agg *a, char v[8][40])
{
    size_t n = 0;
    if (q->by)
        dyad_date_format(a->period, v[n++]);
    if (q->group & DYAD_GROUP_DYAD) {
        snprintf(v[n++], 40, "%s", a->source);
        snprintf(v[n++], 40, "%s", a->target);
    }
    if (q->group & DYAD_GROUP_ROOT)
        snprintf(v[n++], 40, "%s", a->root);
    if (q->group & DYAD_GROUP_QUAD)
        snprintf(v[n++], 40, "%d", a->quad);
    snprintf(v[n++], 40, "%llu", (unsigned long long)a->count);
    snprintf(v[n++], 40, "%.1f", a->goldstein_sum);
    snprintf(v[n++], 40, "%.3f", a->goldstein_mean);
    return n;
}

static dyad_status agg_line(agg_ctx *c, const char *const *v, size_t n, int header)
{
    dyad_status st = DYAD_OK;
    buf *b = &c->line;
    if (c->format == DYAD_STORE_FORMAT_JSONL)
        st = buf_putc(b, '{');
    for (size_t i = 0; i < n && !st; i++) {
        if (c->format == DYAD_STORE_FORMAT_JSONL) {
            const char *names[8];
            agg_names(c->q, names);
            int text = strcmp(names[i], "count") && strcmp(names[i], "quad") &&
                       strncmp(names[i], "goldstein", 9);
            st = buf_printf(b, "%s\"%s\":%s%s%s", i ? "," : "", names[i], text ? "\"" : "", v[i],
                            text ? "\"" : "");
        } else if (c->format == DYAD_STORE_FORMAT_TABLE) {
            const char *names[8];
            agg_names(c->q, names);
            int numeric = !strcmp(names[i], "count") || !strcmp(names[i], "quad") ||
                          !strncmp(names[i], "goldstein", 9);
            int w = !strncmp(names[i], "goldstein", 9) ? 14 : numeric ? 8 : 10;
            st = buf_printf(b, numeric ? "%*s%s" : "%-*s%s", w, v[i], i + 1 < n ? "  " : "");
        } else {
            st = buf_printf(b, "%s%s", i ? (c->format == DYAD_STORE_FORMAT_CSV ? "," : "\t") : "",
                            v[i]);
        }
    }
    if (!st && c->format == DYAD_STORE_FORMAT_JSONL)
        st = buf_putc(b, '}');
    return st ? st : buf_putc(b, '\n');
}

static dyad_status flush_line(agg_ctx *c)
{
    if (fwrite(c->line.data, 1, c->line.len, c->out) != c->line.len)
        return DYAD_EIO;
    buf_clear(&c->line);
    return DYAD_OK;
}

static int write_agg(void *user, const dyad_store_agg *a)
{
    agg_ctx *c = user;
    char v[8][40];
    const char *vp[8];
    size_t n = agg_values(c->q, a, v);
    for (size_t i = 0; i < n; i++)
        vp[i] = v[i];
    c->st = agg_line(c, vp, n, 0);
    if (!c->st)
        c->st = flush_line(c);
    return c->st != DYAD_OK;
}

dyad_status dyad_store_write_aggregates(dyad_store *s, const dyad_store_query *q,
                                        dyad_store_format format, FILE *out, dyad_error *err)
{
    static const dyad_store_query all;
    if (!s || !out || format > DYAD_STORE_FORMAT_CSV)
        return error_set(err, DYAD_EINVAL, NULL, 0,
                         "aggregates are written as table, jsonl, tsv or csv only");
    agg_ctx c = {.format = format, .q = q ? q : &all, .out = out};
    buf_init(&c.line, s->allocator);
    if (format != DYAD_STORE_FORMAT_JSONL) {
        const char *names[8];
        size_t n = agg_names(c.q, names);
        c.st = agg_line(&c, names, n, 1);
        if (!c.st)
            c.st = flush_line(&c);
    }
    dyad_status st = DYAD_OK;
    if (c.st == DYAD_OK)
        st = dyad_store_query_aggregates(s, c.q, write_agg, &c, err);
    buf_free(&c.line);
    return finish(s, st, c.st, out, err);
}
