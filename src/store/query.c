/*
 * query.c — turns a dyad_store_query into one SELECT that runs unchanged
 * on SQLite and PostgreSQL (only placeholders, the week expression and the
 * full-text predicate differ), and decodes the rows it returns.
 *
 * Every value from the user travels as a bound parameter, never spliced
 * into SQL, except the quad class and the limit, which are checked
 * integers.  Actor and code prefixes ("AZE*") become half-open ranges
 * (source >= 'AZE' AND source < 'AZF'), which use the (source, target,
 * date) index on both back ends; this is why patterns are restricted to
 * letters, digits and '_'.
 *
 * Deduplication (issue 7: Phoenix one-a-day, per story) is a derived table
 * of the first event id per key, computed after the filters, so a narrow
 * query never groups the whole table.
 */
#include "store/store.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Column order of the event query; store_row_decode reads the same. */
enum {
    C_ID, C_DOC, C_DATE, C_SENT, C_SRC, C_TGT, C_CODE, C_ROOT, C_QUAD, C_GOLD, C_SRC_TEXT,
    C_TGT_TEXT, C_VERB_TEXT, C_SB, C_SE, C_TB, C_TE, C_VB, C_VE, C_TEXT, C_DSRC, C_URL,
    C_ADDED, C_MERGED, C_N
};

static const char event_columns[] =
    "e.event_id, e.doc_id, e.date, e.sentence, e.source, e.target, e.code, e.root, e.quad,"
    " e.goldstein, e.source_text, e.target_text, e.verb_text, e.source_begin, e.source_end,"
    " e.target_begin, e.target_end, e.verb_begin, e.verb_end, s.text, d.source, d.url,"
    " d.added_at";

dyad_status store_pattern_check(const char *what, const char *pat, dyad_error *err)
{
    size_t n = strlen(pat);
    if (n == 0 || n > DYAD_STORE_MAX_PATTERN_BYTES)
        return error_set(err, DYAD_EINVAL, NULL, 0, "%s pattern must be 1 to %u characters",
                         what, DYAD_STORE_MAX_PATTERN_BYTES);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)pat[i];
        if (isalnum(c) || c == '_' || (c == '*' && i == n - 1))
            continue;
        return error_set(err, DYAD_EINVAL, NULL, 0,
                         "%s pattern '%s': only letters, digits, '_' and a final '*' are allowed",
                         what, pat);
    }
    return DYAD_OK;
}

/* Adds a text parameter and appends its placeholder to the SQL. */
static dyad_status add_param(const dyad_store *s, store_sql *q, const char *v, size_t len)
{
    if (q->param_n == STORE_MAX_PARAMS || len >= sizeof q->pbuf[0])
        return DYAD_ELIMIT;
    char *p = q->pbuf[q->param_n];
    memcpy(p, v, len);
    p[len] = 0;
    q->params[q->param_n++] = p;
    return buf_printf(&q->sql, s->dialect == STORE_PG ? "$%zu" : "?%zu", q->param_n);
}

/* " AND col = ?" or " AND col >= ? AND col < ?" for a prefix; nothing
 * for the bare "*". */
static dyad_status pattern_cond(const dyad_store *s, store_sql *q, const char *col,
                                const char *pat)
{
    char v[DYAD_STORE_MAX_PATTERN_BYTES + 1];
    size_t n = strlen(pat);
    if (n == 0 || n > DYAD_STORE_MAX_PATTERN_BYTES)
        return DYAD_EINVAL; /* store_pattern_check refused it already */
    for (size_t i = 0; i < n; i++)
        v[i] = (char)toupper((unsigned char)pat[i]);
    v[n] = 0;
    dyad_status st;
    if (v[n - 1] != '*') {
        st = buf_printf(&q->sql, "%s = ", col);
        return st ? st : add_param(s, q, v, n);
    }
    if (--n == 0)
        return buf_printf(&q->sql, "1 = 1");
    st = buf_printf(&q->sql, "(%s >= ", col);
    if (!st)
        st = add_param(s, q, v, n);
    v[n - 1]++; /* "AZE" -> "AZF": the first string past every "AZE..." */
    if (!st)
        st = buf_printf(&q->sql, " AND %s < ", col);
    if (!st)
        st = add_param(s, q, v, n);
    return st ? st : buf_putc(&q->sql, ')');
}

static dyad_status actor_cond(const dyad_store *s, store_sql *q, const char *pat)
{
    dyad_status st = buf_append(&q->sql, "(", 1);
    if (!st)
        st = pattern_cond(s, q, "e.source", pat);
    if (!st)
        st = buf_printf(&q->sql, " OR ");
    if (!st)
        st = pattern_cond(s, q, "e.target", pat);
    return st ? st : buf_putc(&q->sql, ')');
}

/* Splits free text into words and renders them as the back end's query:
 * FTS5 gets each word quoted (so punctuation cannot form FTS syntax),
 * PostgreSQL the words for plainto_tsquery. */
static size_t text_words(const dyad_store *s, const char *t, char *out, size_t cap)
{
    size_t o = 0, i = 0, n = strlen(t);
    while (i < n) {
        while (i < n && !isalnum((unsigned char)t[i]) && (unsigned char)t[i] < 0x80)
            i++;
        size_t b = i;
        while (i < n && (isalnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80))
            i++;
        if (i == b)
            break;
        if (o + (i - b) + 4 >= cap)
            return 0;
        if (o)
            out[o++] = ' ';
        if (s->dialect == STORE_SQLITE)
            out[o++] = '"';
        memcpy(out + o, t + b, i - b);
        o += i - b;
        if (s->dialect == STORE_SQLITE)
            out[o++] = '"';
    }
    out[o] = 0;
    return o;
}

static dyad_status text_cond(const dyad_store *s, store_sql *q, const char *text,
                             dyad_error *err)
{
    char words[3 * DYAD_STORE_MAX_TEXT_QUERY_BYTES + 8];
    if (strlen(text) > DYAD_STORE_MAX_TEXT_QUERY_BYTES)
        return error_set(err, DYAD_ELIMIT, NULL, 0, "full-text query longer than %u bytes",
                         DYAD_STORE_MAX_TEXT_QUERY_BYTES);
    size_t n = text_words(s, text, words, sizeof words);
    if (n == 0)
        return error_set(err, DYAD_EINVAL, NULL, 0, "full-text query '%s' has no words", text);
    dyad_status st;
    if (s->dialect == STORE_PG)
        st = buf_printf(&q->sql, "(e.doc_id, e.sentence) IN (SELECT s2.doc_id, s2.idx FROM "
                                 "sentences s2 WHERE s2.tsv @@ plainto_tsquery('english', ");
    else
        st = buf_printf(&q->sql, "(e.doc_id, e.sentence) IN (SELECT s2.doc_id, s2.idx FROM "
                                 "sentences s2 WHERE s2.rowid IN (SELECT rowid FROM "
                                 "sentences_fts WHERE sentences_fts MATCH ");
    if (!st)
        st = add_param(s, q, words, n);
    return st ? st : buf_printf(&q->sql, "))");
}

static dyad_status check_query(const dyad_store_query *q, dyad_error *err)
{
    dyad_status st = DYAD_OK;
    if (q->source)
        st = store_pattern_check("source", q->source, err);
    if (!st && q->target)
        st = store_pattern_check("target", q->target, err);
    if (!st && q->actor)
        st = store_pattern_check("actor", q->actor, err);
    if (!st && q->code)
        st = store_pattern_check("code", q->code, err);
    if (st)
        return st;
    if (q->root && (strlen(q->root) != 2 || !isdigit((unsigned char)q->root[0]) ||
                    !isdigit((unsigned char)q->root[1])))
        return error_set(err, DYAD_EINVAL, NULL, 0, "root '%s' is not a two-digit CAMEO root",
                         q->root);
    if (q->quad < 0 || q->quad > 4)
        return error_set(err, DYAD_EINVAL, NULL, 0, "quad class %d is not 1-4", q->quad);
    if (q->from.year && q->to.year &&
        (q->from.year > q->to.year ||
         (q->from.year == q->to.year &&
          (q->from.month > q->to.month ||
           (q->from.month == q->to.month && q->from.day > q->to.day)))))
        return error_set(err, DYAD_EINVAL, NULL, 0, "date range ends before it begins");
    if ((unsigned)q->dedup > DYAD_DEDUP_STORY || (unsigned)q->by > DYAD_PERIOD_MONTH)
        return error_set(err, DYAD_EINVAL, NULL, 0, "unknown deduplication or period");
    return DYAD_OK;
}

dyad_status dyad_store_query_check(const dyad_store_query *q, dyad_error *err)
{
    if (!q)
        return DYAD_OK;
    dyad_status st = check_query(q, err);
    if (st || !q->text)
        return st;
    char words[3 * DYAD_STORE_MAX_TEXT_QUERY_BYTES + 8];
    const dyad_store probe = {.dialect = STORE_SQLITE};
    if (strlen(q->text) > DYAD_STORE_MAX_TEXT_QUERY_BYTES)
        return error_set(err, DYAD_ELIMIT, NULL, 0, "full-text query longer than %u bytes",
                         DYAD_STORE_MAX_TEXT_QUERY_BYTES);
    if (text_words(&probe, q->text, words, sizeof words) == 0)
        return error_set(err, DYAD_EINVAL, NULL, 0, "full-text query '%s' has no words", q->text);
    return DYAD_OK;
}

static dyad_status and_kw(store_sql *q, int *first)
{
    dyad_status st = buf_printf(&q->sql, *first ? " WHERE " : " AND ");
    *first = 0;
    return st;
}

static dyad_status date_cond(const dyad_store *s, store_sql *q, const char *op, dyad_date d)
{
    char t[11];
    dyad_date_format(d, t);
    dyad_status st = buf_printf(&q->sql, "e.date %s ", op);
    return st ? st : add_param(s, q, t, strlen(t));
}

/* Appends " WHERE ..." with every filter (nothing when none). */
static dyad_status where(const dyad_store *s, const dyad_store_query *qq, store_sql *q,
                         int need_date, dyad_error *err)
{
    int first = 1;
    dyad_status st = DYAD_OK;
    if (!st && qq->from.year && !(st = and_kw(q, &first)))
        st = date_cond(s, q, ">=", qq->from);
    if (!st && qq->to.year && !(st = and_kw(q, &first)))
        st = date_cond(s, q, "<=", qq->to);
    if (!st && need_date && !(st = and_kw(q, &first)))
        st = buf_printf(&q->sql, "e.date IS NOT NULL");
    if (!st && qq->source && !(st = and_kw(q, &first)))
        st = pattern_cond(s, q, "e.source", qq->source);
    if (!st && qq->target && !(st = and_kw(q, &first)))
        st = pattern_cond(s, q, "e.target", qq->target);
    if (!st && qq->actor && !(st = and_kw(q, &first)))
        st = actor_cond(s, q, qq->actor);
    if (!st && qq->code && !(st = and_kw(q, &first)))
        st = pattern_cond(s, q, "e.code", qq->code);
    if (!st && qq->root && !(st = and_kw(q, &first)))
        st = buf_printf(&q->sql, "e.root = "), st = st ? st : add_param(s, q, qq->root, 2);
    if (!st && qq->quad && !(st = and_kw(q, &first)))
        st = buf_printf(&q->sql, "e.quad = %d", qq->quad);
    if (!st && qq->text && !(st = and_kw(q, &first)))
        return text_cond(s, q, qq->text, err);
    if (st == DYAD_ELIMIT)
        return error_set(err, st, NULL, 0, "query has too many or too long parameters");
    return st ? error_set(err, st, NULL, 0, "out of memory") : DYAD_OK;
}

/* " FROM events e" with the filters, or the deduplicated derived table
 * joined back to events (filters inside it). */
static dyad_status from_clause(const dyad_store *s, const dyad_store_query *qq, store_sql *q,
                               int need_date, const char *joins, dyad_error *err)
{
    if (qq->dedup == DYAD_DEDUP_NONE) {
        dyad_status st = buf_printf(&q->sql, " FROM events e%s", joins);
        return st ? error_set(err, st, NULL, 0, "out of memory") : where(s, qq, q, need_date, err);
    }
    const char *key = qq->dedup == DYAD_DEDUP_DAY ? "e.date" : "e.doc_id";
    dyad_status st = buf_printf(&q->sql, " FROM (SELECT MIN(e.event_id) AS event_id,"
                                         " COUNT(*) AS n_merged FROM events e");
    if (st)
        return error_set(err, st, NULL, 0, "out of memory");
    if ((st = where(s, qq, q, need_date, err)))
        return st;
    st = buf_printf(&q->sql, " GROUP BY %s, e.source, e.target, e.code) k"
                             " JOIN events e ON e.event_id = k.event_id%s", key, joins);
    return st ? error_set(err, st, NULL, 0, "out of memory") : DYAD_OK;
}

static void sql_init(const dyad_store *s, store_sql *q)
{
    buf_init(&q->sql, s->allocator);
    q->param_n = 0;
}

void store_sql_free(store_sql *q)
{
    buf_free(&q->sql);
}

dyad_status store_sql_events(const dyad_store *s, const dyad_store_query *qq, store_sql *q,
                             dyad_error *err)
{
    dyad_status st = check_query(qq, err);
    if (st)
        return st;
    sql_init(s, q);
    st = buf_printf(&q->sql, "SELECT %s, %s", event_columns,
                    qq->dedup ? "k.n_merged" : "1");
    if (st == DYAD_OK)
        st = from_clause(s, qq, q, 0,
                         " LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence"
                         " LEFT JOIN documents d ON d.id = e.doc_id", err);
    else
        st = error_set(err, st, NULL, 0, "out of memory");
    if (st == DYAD_OK)
        st = buf_printf(&q->sql, " ORDER BY (e.date IS NULL), e.date, e.event_id");
    if (st == DYAD_OK && qq->limit)
        st = buf_printf(&q->sql, " LIMIT %llu", (unsigned long long)qq->limit);
    return st == DYAD_ENOMEM ? error_set(err, st, NULL, 0, "out of memory") : st;
}

static const char *period_expr(const dyad_store *s, dyad_store_period by)
{
    switch (by) {
    case DYAD_PERIOD_DAY: return "e.date";
    case DYAD_PERIOD_WEEK:
        return s->dialect == STORE_PG ? "to_char(date_trunc('week', e.date::date), 'YYYY-MM-DD')"
                                      : "date(e.date, 'weekday 0', '-6 days')";
    case DYAD_PERIOD_MONTH: return "substr(e.date, 1, 7) || '-01'";
    default: return NULL;
    }
}

/* The GROUP BY / ORDER BY key list: period number 1, then the grouped
 * columns by position. */
static dyad_status group_keys(store_sql *q, const dyad_store_query *qq)
{
    dyad_status st = DYAD_OK;
    int any = 0;
    const char *sep = " GROUP BY ";
    for (int pass = 0; pass < 2 && !st; pass++) {
        any = 0;
        if (qq->by && !st)
            st = buf_printf(&q->sql, "%s1", sep), any = 1;
        if ((qq->group & DYAD_GROUP_DYAD) && !st)
            st = buf_printf(&q->sql, "%s2, 3", any ? ", " : sep), any = 1;
        if ((qq->group & DYAD_GROUP_ROOT) && !st)
            st = buf_printf(&q->sql, "%s4", any ? ", " : sep), any = 1;
        if ((qq->group & DYAD_GROUP_QUAD) && !st)
            st = buf_printf(&q->sql, "%s5", any ? ", " : sep), any = 1;
        sep = " ORDER BY ";
    }
    return st;
}

dyad_status store_sql_aggregates(const dyad_store *s, const dyad_store_query *qq, store_sql *q,
                                 dyad_error *err)
{
    dyad_status st = check_query(qq, err);
    if (st)
        return st;
    if (qq->group & ~(DYAD_GROUP_DYAD | DYAD_GROUP_ROOT | DYAD_GROUP_QUAD))
        return error_set(err, DYAD_EINVAL, NULL, 0, "unknown grouping bits %#x", qq->group);
    sql_init(s, q);
    const char *period = period_expr(s, qq->by);
    unsigned g = qq->group;
    st = buf_printf(&q->sql, "SELECT %s, %s, %s, %s, %s, COUNT(*), SUM(e.goldstein),"
                             " AVG(e.goldstein)",
                    period ? period : "NULL", g & DYAD_GROUP_DYAD ? "e.source" : "''",
                    g & DYAD_GROUP_DYAD ? "e.target" : "''", g & DYAD_GROUP_ROOT ? "e.root" : "''",
                    g & DYAD_GROUP_QUAD ? "e.quad" : "0");
    if (st == DYAD_OK)
        st = from_clause(s, qq, q, period != NULL, "", err);
    else
        st = error_set(err, st, NULL, 0, "out of memory");
    if (st == DYAD_OK && (st = group_keys(q, qq)))
        return error_set(err, st, NULL, 0, "out of memory");
    if (st == DYAD_OK && qq->limit)
        st = buf_printf(&q->sql, " LIMIT %llu", (unsigned long long)qq->limit);
    return st == DYAD_ENOMEM ? error_set(err, st, NULL, 0, "out of memory") : st;
}

/* ---- decoding ---- */

static long col_long(const store_cols *c, size_t i)
{
    return i < c->n && c->v[i] ? strtol(c->v[i], NULL, 10) : 0;
}

static dyad_str col_str(const store_cols *c, size_t i)
{
    if (i < c->n && c->v[i])
        return (dyad_str){c->v[i], c->len[i]};
    return (dyad_str){"", 0};
}

static dyad_span col_span(const store_cols *c, size_t i)
{
    return (dyad_span){(uint32_t)col_long(c, i), (uint32_t)col_long(c, i + 1)};
}

static dyad_date col_date(const store_cols *c, size_t i)
{
    dyad_date d = {0, 0, 0};
    if (i < c->n && c->v[i] && dyad_date_parse(c->v[i], c->len[i], &d) != DYAD_OK)
        d = (dyad_date){0, 0, 0};
    return d;
}

void store_row_decode(const store_cols *c, const dyad_store_query *q, dyad_store_row *r)
{
    memset(r, 0, sizeof *r);
    dyad_event *e = &r->event;
    r->event_id = c->v[C_ID] ? strtoll(c->v[C_ID], NULL, 10) : 0;
    e->doc_id = col_str(c, C_DOC);
    e->date = col_date(c, C_DATE);
    e->sentence = (uint32_t)col_long(c, C_SENT);
    store_copy_code(e->source, sizeof e->source, c->v[C_SRC], c->len[C_SRC]);
    store_copy_code(e->target, sizeof e->target, c->v[C_TGT], c->len[C_TGT]);
    store_copy_code(e->code, sizeof e->code, c->v[C_CODE], c->len[C_CODE]);
    store_copy_code(e->root, sizeof e->root, c->v[C_ROOT], c->len[C_ROOT]);
    e->quad = (int)col_long(c, C_QUAD);
    e->goldstein = c->v[C_GOLD] ? strtod(c->v[C_GOLD], NULL) : 0.0;
    e->source_text = col_str(c, C_SRC_TEXT);
    e->target_text = col_str(c, C_TGT_TEXT);
    e->verb_text = col_str(c, C_VERB_TEXT);
    e->source_span = col_span(c, C_SB);
    e->target_span = col_span(c, C_TB);
    e->verb_span = col_span(c, C_VB);
    e->text = col_str(c, C_TEXT);
    r->doc_source = col_str(c, C_DSRC);
    r->doc_url = col_str(c, C_URL);
    r->added_at = col_str(c, C_ADDED);
    r->merged = (uint64_t)col_long(c, C_MERGED);
    (void)q;
}

void store_agg_decode(const store_cols *c, const dyad_store_query *q, dyad_store_agg *a)
{
    memset(a, 0, sizeof *a);
    a->period = col_date(c, 0);
    store_copy_code(a->source, sizeof a->source, c->v[1], c->len[1]);
    store_copy_code(a->target, sizeof a->target, c->v[2], c->len[2]);
    store_copy_code(a->root, sizeof a->root, c->v[3], c->len[3]);
    a->quad = (int)col_long(c, 4);
    a->count = c->v[5] ? strtoull(c->v[5], NULL, 10) : 0;
    a->goldstein_sum = c->v[6] ? strtod(c->v[6], NULL) : 0.0;
    a->goldstein_mean = c->v[7] ? strtod(c->v[7], NULL) : 0.0;
    (void)q;
}
