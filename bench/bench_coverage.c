/*
 * bench_coverage.c — how much of a corpus the dictionaries cover (issue 6
 * evidence): the share of sentences with at least one actor and with at
 * least one event, and the most frequent capitalised phrases that no actor
 * entry covers (the lexicon's to-do list).
 *
 *   bench_coverage [--top N] [--no-parse] DICT_DIR MODEL_OR_- FILE...
 *
 * DICT_DIR is a dictionary folder (data/dict for the defaults), MODEL the
 * syntax model ("-" searches the default places, as `dyad code` does).
 * FILEs are read with dyad's readers (JSONL, PETRARCH XML, text ...).
 *
 * Only the public API is used: the actors of each sentence are read from
 * the coder's trace (the lines `dyad explain` prints: "sentence N", one
 * line per word, "actor: words A-B ..."), the events from the event
 * callback.  A capitalised phrase is a run of words starting with a capital
 * letter (with "of", "the", "for", "and", "de" allowed inside), not the
 * sentence's first word, none of them inside an actor mention, not
 * starting with a common word ("The", "We", "Mr", month and day names;
 * "Mr Smith" counts as "Smith").  Not a
 * test: it prints figures and exits 0 (1 on unreadable input).
 */
#include "dyad.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COV_MAX_WORDS 512u    /* words of one sentence kept from the trace */
#define COV_MAX_FORM 64u      /* bytes of one word form kept */
#define COV_MAX_PHRASE 160u   /* bytes of one capitalised phrase */
#define COV_MAX_PHRASE_WORDS 8u
#define COV_TABLE_BITS 20u    /* phrase table: 2^20 slots */

typedef struct phrase_slot {
    char *text;
    size_t count;
} phrase_slot;

typedef struct coverage {
    /* the sentence being traced */
    char form[COV_MAX_WORDS][COV_MAX_FORM];
    unsigned char covered[COV_MAX_WORDS];
    size_t word_n;
    bool in_sentence, has_actor, has_event;
    /* totals */
    size_t docs, sentences, with_actor, with_event, events;
    phrase_slot *table;
    size_t distinct;
} coverage;

static size_t hash_text(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void count_phrase(coverage *cv, const char *text)
{
    size_t mask = ((size_t)1 << COV_TABLE_BITS) - 1, i = hash_text(text) & mask;
    while (cv->table[i].text && strcmp(cv->table[i].text, text) != 0)
        i = (i + 1) & mask;
    if (!cv->table[i].text) {
        if (cv->distinct + 1 >= mask / 2)
            return; /* table full enough: later new phrases are not counted */
        cv->table[i].text = strdup(text);
        if (!cv->table[i].text)
            return;
        cv->distinct++;
    }
    cv->table[i].count++;
}

static bool capitalised(const char *w)
{
    return isupper((unsigned char)w[0]) != 0;
}

static bool joiner(const char *w)
{
    return !strcmp(w, "of") || !strcmp(w, "the") || !strcmp(w, "for") || !strcmp(w, "and") ||
           !strcmp(w, "de");
}

/* Capitalised words that name nothing by themselves: not counted alone,
 * and not as the first word of a phrase. */
static bool common_word(const char *w)
{
    static const char *const list[] = {
        "I", "We", "You", "He", "She", "It", "They", "The", "A", "An", "This", "That",
        "These", "Those", "Our", "My", "Your", "His", "Her", "Their", "And", "But", "Or",
        "So", "If", "In", "On", "At", "As", "For", "To", "Of", "By", "With", "From", "Yes",
        "No", "Thank", "Thanks", "Good", "Well", "Okay", "OK", "Now", "Mr", "Mrs", "Ms",
        "Dr", "Q", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
        "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"};
    for (size_t k = 0; k < sizeof list / sizeof *list; k++)
        if (!strcmp(w, list[k]))
            return true;
    return false;
}

/* Ends the traced sentence: totals and its uncovered capitalised phrases. */
static void end_sentence(coverage *cv)
{
    if (!cv->in_sentence)
        return;
    cv->in_sentence = false;
    cv->sentences++;
    cv->with_actor += cv->has_actor;
    cv->with_event += cv->has_event;
    for (size_t i = 1; i < cv->word_n;) {
        if (cv->covered[i] || !capitalised(cv->form[i]) || common_word(cv->form[i])) {
            i++;
            continue;
        }
        size_t j = i + 1, last = i;
        while (j < cv->word_n && j - i < COV_MAX_PHRASE_WORDS && !cv->covered[j] &&
               (capitalised(cv->form[j]) || joiner(cv->form[j]))) {
            if (capitalised(cv->form[j]))
                last = j;
            j++;
        }
        char text[COV_MAX_PHRASE];
        size_t len = 0;
        for (size_t k = i; k <= last && len < sizeof text; k++)
            len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", k > i ? " " : "",
                                    cv->form[k]);
        if (len < sizeof text)
            count_phrase(cv, text);
        i = last + 1;
    }
}

/* Reads one trace line (see src/coder: trace_words, coder_find_actors). */
static void on_trace(void *user, const char *line)
{
    coverage *cv = user;
    unsigned a, b;
    size_t idx;
    char form[COV_MAX_FORM];
    if (!strncmp(line, "sentence ", 9)) {
        end_sentence(cv);
        cv->in_sentence = true;
        cv->has_actor = cv->has_event = false;
        cv->word_n = 0;
    } else if (sscanf(line, "  actor: words %u-%u", &a, &b) == 2) {
        cv->has_actor = true;
        for (unsigned k = a; k <= b && k >= 1 && k <= cv->word_n; k++)
            cv->covered[k - 1] = 1;
    } else if (line[0] == ' ' && sscanf(line, " %zu %63s", &idx, form) == 2 && idx == cv->word_n + 1 &&
               cv->word_n < COV_MAX_WORDS) {
        memcpy(cv->form[cv->word_n], form, sizeof form);
        cv->covered[cv->word_n] = 0;
        cv->word_n++;
    }
}

static int on_event(void *user, const dyad_event *ev, const dyad_event_provenance *pv)
{
    (void)ev;
    (void)pv;
    coverage *cv = user;
    cv->has_event = true;
    cv->events++;
    return 0;
}

static int by_count(const void *x, const void *y)
{
    const phrase_slot *a = x, *b = y;
    if (a->count != b->count)
        return a->count < b->count ? 1 : -1;
    return strcmp(a->text, b->text);
}

static void print_top(coverage *cv, size_t top)
{
    size_t n = 0, slots = (size_t)1 << COV_TABLE_BITS;
    for (size_t i = 0; i < slots; i++)
        if (cv->table[i].text)
            cv->table[n++] = cv->table[i];
    qsort(cv->table, n, sizeof *cv->table, by_count);
    printf("most frequent capitalised phrases no actor entry covers (%zu distinct):\n", n);
    for (size_t i = 0; i < n && i < top; i++)
        printf("%8zu  %s\n", cv->table[i].count, cv->table[i].text);
}

static int code_file(dyad_coder *c, coverage *cv, const char *path)
{
    dyad_reader *r;
    dyad_error err;
    if (dyad_reader_open(path, NULL, &r, &err) != DYAD_OK) {
        fprintf(stderr, "bench_coverage: cannot read %s\n", path);
        return 1;
    }
    const dyad_doc *d;
    while (dyad_reader_next(r, &d) == DYAD_OK && d) {
        cv->docs++;
        dyad_coder_code(c, d, NULL, on_event, cv, &err);
        end_sentence(cv);
    }
    dyad_reader_close(r);
    return 0;
}

int main(int argc, char **argv)
{
    size_t top = 40;
    bool no_parse = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (!strcmp(argv[i], "--top") && i + 1 < argc)
            top = (size_t)strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--no-parse"))
            no_parse = true;
    }
    if (argc - i < 3) {
        fprintf(stderr, "usage: bench_coverage [--top N] [--no-parse] DICT_DIR MODEL_OR_- FILE...\n");
        return 2;
    }
    dyad_error err;
    dyad_lexicon *lex;
    if (dyad_lexicon_load_dir(argv[i], NULL, &lex, &err) != DYAD_OK) {
        fprintf(stderr, "bench_coverage: cannot load the dictionaries in %s\n", argv[i]);
        return 1;
    }
    dyad_model *model = NULL;
    if (!no_parse &&
        dyad_model_load(strcmp(argv[i + 1], "-") ? argv[i + 1] : NULL, NULL, &model, &err) != DYAD_OK) {
        fprintf(stderr, "bench_coverage: cannot load the model\n");
        return 1;
    }
    coverage *cv = calloc(1, sizeof *cv);
    if (!cv || !(cv->table = calloc((size_t)1 << COV_TABLE_BITS, sizeof *cv->table)))
        return 3;
    dyad_coder_options o;
    memset(&o, 0, sizeof o);
    o.context_actors = 1; /* as dyad code codes */
    o.trace = on_trace;
    o.trace_user = cv;
    dyad_coder *c;
    if (dyad_coder_new(lex, model, &o, &c) != DYAD_OK)
        return 3;
    int rc = 0;
    for (int k = i + 2; k < argc; k++)
        rc |= code_file(c, cv, argv[k]);
    double s = cv->sentences ? 100.0 / (double)cv->sentences : 0;
    printf("documents %zu, sentences %zu, events %zu\n", cv->docs, cv->sentences, cv->events);
    printf("sentences with at least one actor: %zu (%.1f%%)\n", cv->with_actor, cv->with_actor * s);
    printf("sentences with at least one event: %zu (%.1f%%)\n", cv->with_event, cv->with_event * s);
    print_top(cv, top);
    for (size_t k = 0; k < cv->distinct; k++)
        free(cv->table[k].text);
    free(cv->table);
    free(cv);
    dyad_coder_free(c);
    dyad_model_free(model);
    dyad_lexicon_free(lex);
    return rc;
}
