/*
 * code.c — `dyad code`: the main job.  Reads documents, analyses them
 * (sentences, tokens), codes events and writes them in the output contract
 * (docs/output.md) as JSON Lines, TSV or CSV.
 *
 * With --db the documents, sentences and events go into an event store
 * (SQLite file or PostgreSQL URI) instead of standard output; a document
 * already stored with the same content is skipped before it is analysed,
 * so re-runs are cheap and idempotent (docs/store.md).
 *
 * Problems with a document are reported on stderr and never stop the run;
 * the exit status says whether anything was rejected (cli.h).
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct code_state {
    dyad_analysis *analysis;
    dyad_coder *coder;
    dyad_writer *writer; /* NULL with --db */
    dyad_store *store;   /* NULL without --db */
    dyad_event *doc_events; /* with --db: the current document's events */
    size_t doc_event_n;
    size_t doc_event_cap;
    size_t sentences;
    size_t events;
    size_t rejected;
    size_t added;
    size_t replaced;
    size_t skipped;
    uint64_t *ids;    /* with --db: hashes of the ids stored by this run (0 = free slot) */
    size_t id_cap;    /* power of two, or 0 */
    size_t id_n;
    bool output_failed;
    bool store_failed;
} code_state;

/* Keeps a copy of an event for the store.  Its strings stay borrowed: they
 * point into the document and its analysis, which live until the document
 * has been stored. */
static int keep_event(code_state *s, const dyad_event *ev)
{
    if (s->doc_event_n == s->doc_event_cap) {
        size_t cap = s->doc_event_cap ? 2 * s->doc_event_cap : 64;
        dyad_event *p = realloc(s->doc_events, cap * sizeof *p);
        if (!p) {
            cli_errorf("out of memory");
            s->store_failed = true;
            return 1;
        }
        s->doc_events = p;
        s->doc_event_cap = cap;
    }
    s->doc_events[s->doc_event_n++] = *ev;
    s->events++;
    return 0;
}

static int write_event(void *user, const dyad_event *ev, const dyad_event_provenance *prov)
{
    (void)prov;
    code_state *s = user;
    if (s->store)
        return keep_event(s, ev);
    if (dyad_writer_event(s->writer, ev) != DYAD_OK) {
        s->output_failed = true;
        return 1;
    }
    s->events++;
    return 0;
}

/* Events of one document: the coding engine (issue #5) analyses, parses
 * and codes it and hands each event to the writer. */
static dyad_status code_events(code_state *s, const dyad_doc *doc)
{
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_status st = dyad_coder_code(s->coder, doc, s->analysis, write_event, s, &err);
    if (st == DYAD_EPARSE) { /* a supplied parse was unreadable; own parse used */
        cli_print_error(&err);
        st = DYAD_OK;
    }
    return s->output_failed ? DYAD_EIO : st;
}

/* ---- ids stored by this run ----
 * A document whose id an earlier document of the same run was stored
 * under, with another text, replaces that document's rows: the input
 * holds two documents under one id and the store keeps one.  That must
 * not pass silently, so the run remembers the ids it stored (64-bit FNV-1a
 * hashes: a collision only costs a needless warning). */

static uint64_t id_hash(dyad_str id)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < id.len; i++)
        h = (h ^ (unsigned char)id.ptr[i]) * 0x100000001b3ull;
    return h ? h : 1;
}

/* The slot of h: where it is, or the free slot where it would go. */
static size_t id_slot(const code_state *s, uint64_t h)
{
    size_t i = (size_t)h & (s->id_cap - 1);
    while (s->ids[i] && s->ids[i] != h)
        i = (i + 1) & (s->id_cap - 1);
    return i;
}

static bool id_seen(const code_state *s, dyad_str id)
{
    return s->id_cap && s->ids[id_slot(s, id_hash(id))] != 0;
}

/* Remembers id.  Out of memory, it is not remembered: the run then only
 * loses the warning for a later repeat of it. */
static void id_remember(code_state *s, dyad_str id)
{
    if (2 * (s->id_n + 1) > s->id_cap) {
        size_t cap = s->id_cap ? 2 * s->id_cap : 1024;
        uint64_t *old = s->ids, *ids = calloc(cap, sizeof *ids);
        if (!ids)
            return;
        size_t old_cap = s->id_cap;
        s->ids = ids;
        s->id_cap = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i])
                s->ids[id_slot(s, old[i])] = old[i];
        free(old);
    }
    size_t i = id_slot(s, id_hash(id));
    if (!s->ids[i]) {
        s->ids[i] = id_hash(id);
        s->id_n++;
    }
}

/* Stores the coded document with its sentences and events.  A document
 * the store refuses (bad id) is rejected; a database failure is fatal. */
static int store_doc(code_state *s, const dyad_doc *doc)
{
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_store_result res;
    dyad_status st = dyad_store_add_document(s->store, doc, s->analysis->sentences,
                                             s->analysis->sentence_n, s->doc_events,
                                             s->doc_event_n, &res, &err);
    s->doc_event_n = 0;
    if (st == DYAD_EINVAL) {
        cli_print_error(&err);
        s->rejected++;
        return 0;
    }
    if (st != DYAD_OK) {
        cli_print_error(&err);
        s->store_failed = true;
        return 1;
    }
    if (res == DYAD_STORE_SKIPPED) {
        s->skipped++;
        return 0;
    }
    if (res == DYAD_STORE_REPLACED && id_seen(s, doc->id))
        cli_errorf("%s:%lu: record %.*s: warning: an earlier document of this run has the same "
                   "id and another text; the store keeps only this one",
                   doc->file ? doc->file : "-", (unsigned long)doc->line, (int)doc->id.len,
                   doc->id.ptr);
    if (res == DYAD_STORE_REPLACED)
        s->replaced++;
    else
        s->added++;
    id_remember(s, doc->id);
    return 0;
}

/* With --db: is the document already stored with the same text?  Then
 * it is not coded again (documents are coded independently: dyad code
 * carries no story context from one to the next).  A document the store
 * would refuse is left to store_doc to reject. */
static bool already_stored(code_state *s, const dyad_doc *doc)
{
    dyad_error err;
    memset(&err, 0, sizeof err);
    int stored = 0;
    dyad_status st = dyad_store_has_document(s->store, doc, &stored, &err);
    if (st != DYAD_OK && st != DYAD_EINVAL) {
        cli_print_error(&err);
        s->store_failed = true;
    }
    return st == DYAD_OK && stored;
}

static int code_doc(void *user, const dyad_doc *doc)
{
    code_state *s = user;
    s->doc_event_n = 0;
    if (s->store && already_stored(s, doc)) {
        s->skipped++;
        return 0;
    }
    if (s->store_failed)
        return 1;
    dyad_status st = code_events(s, doc);
    if (st == DYAD_OK)
        s->sentences += s->analysis->sentence_n;
    if (s->store_failed)
        return 1;
    if (st == DYAD_OK && s->store)
        return store_doc(s, doc);
    if (st == DYAD_EIO) {
        s->output_failed = true;
        return 1;
    }
    if (st != DYAD_OK) {
        cli_errorf("%s: record %.*s: %s", doc->file, (int)doc->id.len, doc->id.ptr,
                   dyad_status_str(st));
        s->rejected++;
        return st == DYAD_ENOMEM ? 1 : 0;
    }
    return 0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int run_code(const cli_command *cmd, int argc, char **argv)
{
    const char *format = "jsonl", *input_format = NULL, *dict = NULL, *model_path = NULL;
    const char *quad = "gdelt", *parse = "auto", *db = NULL;
    long max_doc = 0;
    bool stats = false, no_progress = false, no_parse = false, no_fast = false, monads = false;
    const cli_opt opts[] = {
        {"format", "FMT", CLI_OPT_STRING, &format, "output format: jsonl (default), tsv, csv"},
        {"input-format", "FMT", CLI_OPT_STRING, &input_format,
         "input format: auto (default), text, jsonl, petrarch, tabari"},
        {"max-doc-bytes", "N", CLI_OPT_INT, &max_doc,
         "reject documents larger than N bytes (default 32 MiB)"},
        {"stats", NULL, CLI_OPT_FLAG, &stats,
         "print counts (documents, sentences, parsed, events, rejected) and time"},
        {"no-progress", NULL, CLI_OPT_FLAG, &no_progress,
         "no progress line, even on a terminal"},
        {"dict", "DIR", CLI_OPT_STRING, &dict,
         "dictionary folder (TABARI or PETRARCH files; default data/dict, installed)"},
        {"model", "PATH", CLI_OPT_STRING, &model_path,
         "syntax model file or directory (default: the usual search)"},
        {"no-parse", NULL, CLI_OPT_FLAG, &no_parse,
         "no tagger or parser: code linearly, TABARI style"},
        {"parse", "MODE", CLI_OPT_STRING, &parse,
         "auto (default: the input's parses when given), supplied, own"},
        {"quad", "CONV", CLI_OPT_STRING, &quad,
         "quad classes: gdelt (default) or phoenix (01-02 neutral = 0)"},
        {"monads", NULL, CLI_OPT_FLAG, &monads,
         "also code events lacking a source or target (as ---)"},
        {"no-fast-paths", NULL, CLI_OPT_FLAG, &no_fast,
         "parse every sentence, even those with no actor or verb, and repeats again"},
        {"db", "PATH|URI", CLI_OPT_STRING, &db,
         "store documents, sentences and events in a SQLite file or postgresql:// URI"},
        {NULL, NULL, 0, NULL, NULL},
    };
    int npos;
    if (!cli_parse(cmd, opts, argc, argv, &npos))
        return CLI_EXIT_USAGE;
    dyad_output_format out_format;
    if (dyad_output_format_from_name(format, &out_format) != DYAD_OK)
        return cli_usage_error(cmd, "unknown output format '%s' (jsonl, tsv, csv)", format);
    cli_inputs in = {0};
    if (!cli_input_format(cmd, input_format, &in.format))
        return CLI_EXIT_USAGE;
    if (max_doc < 0)
        return cli_usage_error(cmd, "--max-doc-bytes must be positive");
    in.max_doc_bytes = (size_t)max_doc;
    in.progress = !no_progress;
    dyad_coder_options co;
    memset(&co, 0, sizeof co);
    if (!strcmp(quad, "phoenix"))
        co.quad = DYAD_QUAD_PHOENIX;
    else if (strcmp(quad, "gdelt"))
        return cli_usage_error(cmd, "unknown --quad '%s' (gdelt, phoenix)", quad);
    if (!strcmp(parse, "supplied"))
        co.parse = DYAD_PARSE_SUPPLIED;
    else if (!strcmp(parse, "own"))
        co.parse = DYAD_PARSE_OWN;
    else if (strcmp(parse, "auto"))
        return cli_usage_error(cmd, "unknown --parse mode '%s' (auto, supplied, own)", parse);
    co.allow_monads = monads;
    co.no_fast_paths = no_fast;
    co.context_actors = 1; /* document context: docs/coder.md */
    dyad_lexicon *lex;
    dyad_model *model;
    int load = cli_load_coding(dict, model_path, no_parse, &lex, &model);
    if (load != CLI_EXIT_OK)
        return load;

    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    code_state s = {0};
    if (db) {
        dyad_error err;
        memset(&err, 0, sizeof err);
        if (dyad_store_open(db, NULL, &s.store, &err) != DYAD_OK) {
            cli_print_error(&err);
            dyad_model_free(model);
            dyad_lexicon_free(lex);
            return CLI_EXIT_FATAL;
        }
    }
    if (dyad_analysis_new(NULL, &s.analysis) != DYAD_OK ||
        dyad_coder_new(lex, model, &co, &s.coder) != DYAD_OK ||
        (!db && dyad_writer_open(stdout, out_format, NULL, &s.writer) != DYAD_OK)) {
        cli_errorf("cannot start: out of memory or unwritable output");
        dyad_analysis_free(s.analysis);
        dyad_coder_free(s.coder);
        dyad_store_close(s.store, NULL);
        dyad_model_free(model);
        dyad_lexicon_free(lex);
        return CLI_EXIT_FATAL;
    }
    int status = cli_for_each_doc(&in, npos, argv, code_doc, &s);
    if (s.writer && dyad_writer_close(s.writer) != DYAD_OK)
        s.output_failed = true;
    if (s.store) {
        dyad_error err;
        memset(&err, 0, sizeof err);
        if (dyad_store_close(s.store, &err) != DYAD_OK) {
            cli_print_error(&err);
            s.store_failed = true;
        }
    }
    free(s.doc_events);
    free(s.ids);
    dyad_analysis_free(s.analysis);
    dyad_coder_counts counts;
    dyad_coder_get_counts(s.coder, &counts);
    dyad_coder_free(s.coder);
    dyad_model_free(model);
    dyad_lexicon_free(lex);
    if (s.rejected && status == CLI_EXIT_OK)
        status = CLI_EXIT_REJECTED;
    if (stats && db)
        fprintf(stderr, "dyad: %zu documents (%zu added, %zu replaced, %zu already stored), "
                "%zu sentences (%zu parsed), %zu events, %zu rejected, %.3f s\n",
                in.docs, s.added, s.replaced, s.skipped, s.sentences, counts.parsed, s.events,
                in.rejected + s.rejected, seconds_since(&t0));
    else if (stats)
        fprintf(stderr, "dyad: %zu documents, %zu sentences (%zu parsed), %zu events, "
                "%zu rejected, %.3f s\n",
                in.docs, s.sentences, counts.parsed, s.events, in.rejected + s.rejected,
                seconds_since(&t0));
    status = cli_finish_stdout(status);
    return s.output_failed || s.store_failed ? CLI_EXIT_FATAL : status;
}

const cli_command cli_cmd_code = {
    "code", "[options] [FILE...]", "code documents into events (JSON Lines, TSV or CSV)",
    run_code, NULL,
    "FILE may be a file, a directory (read recursively) or - for standard input\n"
    "(the default).  .gz and .zst files are decompressed transparently.  Events\n"
    "follow the output contract in dyad(1): doc_id, date, sentence, source,\n"
    "target, code, root, quad, goldstein, source_text, target_text, verb_text,\n"
    "spans, text."};
