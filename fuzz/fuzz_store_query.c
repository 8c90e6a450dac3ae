/*
 * fuzz_store_query.c — fuzzes the store's query builder (src/store/
 * query.c) with filters as a user types them on the `dyad query` command
 * line.  Input: one option byte (period, grouping, dedup, quad), then
 * newline-separated fields: source, target, actor, code, root, text,
 * from, to.  The queries run against an in-memory SQLite store holding a
 * few events.  Any result but OK, EINVAL or ELIMIT means dyad built SQL the
 * database rejected (an escaping or syntax bug), and aborts.
 */
#include "dyad.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dyad_store *store;

static void add_fixture(void)
{
    static const char text[] = "Envoys met in Baku to discuss a ceasefire. Shots were fired.";
    dyad_doc doc = {0};
    doc.id = (dyad_str){"fz-1", 4};
    doc.text = (dyad_str){text, sizeof text - 1};
    doc.date = (dyad_date){2023, 3, 8};
    dyad_sentence sent[2];
    memset(sent, 0, sizeof sent);
    sent[0].span = (dyad_span){0, 42};
    sent[1].span = (dyad_span){43, (uint32_t)(sizeof text - 1)};
    dyad_event ev[2];
    memset(ev, 0, sizeof ev);
    for (int i = 0; i < 2; i++) {
        ev[i].doc_id = doc.id;
        ev[i].date = doc.date;
        ev[i].sentence = (uint32_t)i;
        strcpy(ev[i].source, i ? "ARMMIL" : "AZEGOV");
        strcpy(ev[i].target, i ? "AZEMIL" : "ARMGOV");
        strcpy(ev[i].code, i ? "190" : "042");
        strcpy(ev[i].root, i ? "19" : "04");
        ev[i].quad = i ? 4 : 1;
        ev[i].goldstein = i ? -10.0 : 1.9;
    }
    if (dyad_store_add_document(store, &doc, sent, 2, ev, 2, NULL, NULL) ||
        dyad_store_flush(store, NULL))
        abort();
}

static int count_row(void *user, const dyad_store_row *row)
{
    (void)row;
    (*(size_t *)user)++;
    return 0;
}

static int count_agg(void *user, const dyad_store_agg *agg)
{
    (void)agg;
    (*(size_t *)user)++;
    return 0;
}

/* Splits the input into up to 8 NUL-terminated fields (copied). */
static size_t split_fields(const uint8_t *data, size_t size, char *copy, char *fields[8])
{
    memcpy(copy, data, size);
    copy[size] = 0;
    size_t n = 0;
    char *p = copy;
    while (n < 8) {
        fields[n++] = p;
        char *nl = memchr(p, '\n', (size_t)(copy + size - p));
        if (!nl)
            break;
        *nl = 0;
        p = nl + 1;
    }
    return n;
}

static const char *field(char *fields[8], size_t n, size_t i)
{
    return i < n && fields[i][0] ? fields[i] : NULL;
}

static void date_field(const char *s, dyad_date *out)
{
    if (s && dyad_date_parse(s, strlen(s), out) != DYAD_OK)
        *out = (dyad_date){0, 0, 0};
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    if (!store) {
        if (dyad_store_open(":memory:", NULL, &store, NULL))
            abort();
        add_fixture();
    }
    char *copy = malloc(size);
    char *fields[8];
    size_t n = split_fields(data + 1, size - 1, copy, fields);
    dyad_store_query q = {0};
    q.by = (dyad_store_period)(data[0] & 3);
    q.group = (data[0] >> 2) & 7;
    q.dedup = (dyad_store_dedup)((data[0] >> 5) % 3);
    q.quad = (data[0] >> 5) & 7;
    q.source = field(fields, n, 0);
    q.target = field(fields, n, 1);
    q.actor = field(fields, n, 2);
    q.code = field(fields, n, 3);
    q.root = field(fields, n, 4);
    q.text = field(fields, n, 5);
    date_field(field(fields, n, 6), &q.from);
    date_field(field(fields, n, 7), &q.to);
    size_t rows = 0;
    dyad_status st = dyad_store_query_events(store, &q, count_row, &rows, NULL);
    if (st != DYAD_OK && st != DYAD_EINVAL && st != DYAD_ELIMIT)
        abort();
    st = dyad_store_query_aggregates(store, &q, count_agg, &rows, NULL);
    if (st != DYAD_OK && st != DYAD_EINVAL && st != DYAD_ELIMIT)
        abort();
    free(copy);
    return 0;
}
