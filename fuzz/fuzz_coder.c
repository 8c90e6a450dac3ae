/*
 * fuzz_coder.c — libFuzzer target for the event coder over outside text
 * and supplied parses.  The first byte picks the mode: 0 plain text coded
 * linearly, 1 the rest is a Penn Treebank <Parse> for a fixed sentence,
 * 2 the rest is a CoNLL-U <Parse>; the rest of the input is the text or
 * parse.  Bit 0x20 of the first byte turns on document context (as dyad
 * code does) and passes the rest's first 64 bytes as the document's web
 * address too (coder_publisher_country reads it).  A small dictionary of
 * our own (written to a temporary folder on the first call) provides
 * actors, agents, verbs, patterns and synsets.
 * Every event must have a CAMEO-looking code and spans inside the text.
 * Bit 0x40 with plain text tags and parses it with the committed model
 * (data/models, found from the repository's top folder; the bit does
 * nothing without it) and codes it a second time without fast paths: the
 * parse fast path must not change a single event (issue 5).
 */
#include "dyad.h"
#include "fuzz_lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[][2] = {
    {"f.actors.txt", "FREEDONIA_ [FRE]\nSYLVANIA_ [SYL]\nMARSOVIA_ [MAR/MAX]\n"
                     "KLOPSTOKIA_ [KLO]\n\t[KLX 19900101-19991231]\n"
                     "AL-FENWICK_ [FEN]\nPEOPLE'S_REPUBLIC_OF_SYLVANIA_ [PRS]\n"
                     "GEORGIA_ [GEO]\nUNITED_STATES_ [USA]\n+FLORIDA_\n"},
    {"f.agents.txt", "MINISTER [~GOV]\nTROOPS [~MIL]\nREBELS [REB~]\n"},
    {"f.verbs.txt", "&MONEY\n+DOLLARS\n+&MORE\n&MORE\n+FLORINS\n\n"
                    "--- ATTACK [190] ---\nATTACK\n- * &MONEY TO + [071]\n- $ ^ * + [191]\n"
                    "- NOT_* [112]\n- % * [030:031]\n\n--- VISIT [042:043] ---\nVISIT\n"
                    "- * { WARMLY | KINDLY } + [+++]\n\n--- SAY [---] ---\nSAY {SAID}\n"},
};

static dyad_lexicon *lexicon(void)
{
    return fuzz_lexicon(files, (int)(sizeof files / sizeof *files));
}

/* The committed syntax model, loaded once; NULL when it is absent. */
static const dyad_model *model(void)
{
    static int tried;
    static dyad_model *m;
    if (!tried) {
        tried = 1;
        if (dyad_model_load("data/models", NULL, &m, NULL) != DYAD_OK)
            m = NULL;
    }
    return m;
}

/* The events of one coding, for comparing the two ways. */
typedef struct seen {
    size_t len;  /* the document text's length */
    size_t n;    /* events coded */
    char keys[64][96];
} seen;

static int check(void *user, const dyad_event *ev, const dyad_event_provenance *pv)
{
    seen *s = user;
    (void)pv;
    if (!ev->code[0] || ev->source_span.end > s->len || ev->target_span.end > s->len ||
        ev->verb_span.end > s->len || ev->source_span.begin > ev->source_span.end)
        abort();
    if (s->n < 64)
        snprintf(s->keys[s->n], sizeof s->keys[s->n], "%u %s %s %s", (unsigned)ev->sentence, ev->source,
                 ev->target, ev->code);
    s->n++;
    return 0;
}

/* Codes doc with options o (and the model when given) into out. */
static void code(const dyad_coder_options *o, const dyad_model *m, const dyad_doc *doc,
                 seen *out)
{
    dyad_coder *c;
    memset(out, 0, sizeof *out);
    out->len = doc->text.len;
    if (dyad_coder_new(lexicon(), m, o, &c) != DYAD_OK)
        return;
    dyad_coder_code(c, doc, NULL, check, out, NULL);
    dyad_coder_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    dyad_coder_options o;
    memset(&o, 0, sizeof o);
    o.allow_monads = data[0] & 0x10;
    o.context_actors = data[0] & 0x20;
    o.parse = DYAD_PARSE_AUTO;
    const char *rest = (const char *)data + 1;
    size_t rest_n = size - 1;
    static const char sentence[] = "Freedonia did not attack Sylvania with dollars to Marsovia.";
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (dyad_str){"fuzz", 4};
    doc.file = "fuzz";
    if (o.context_actors)
        doc.url = (dyad_str){(const char *)data + 1, size - 1 < 64 ? size - 1 : 64};
    dyad_given_sentence given;
    char *text = NULL;
    if ((data[0] & 3) == 0) {
        text = malloc(rest_n + 1);
        if (!text)
            abort();
        memcpy(text, rest, rest_n);
        text[rest_n] = 0;
        doc.text = (dyad_str){text, rest_n};
    } else {
        doc.text = (dyad_str){sentence, sizeof sentence - 1};
        given.span = (dyad_span){0, (uint32_t)(sizeof sentence - 1)};
        given.parse = (dyad_str){rest, rest_n};
        doc.given = &given;
        doc.given_n = 1;
    }
    const dyad_model *m = (data[0] & 3) == 0 && (data[0] & 0x40) ? model() : NULL;
    static seen fast, full;
    code(&o, m, &doc, &fast);
    if (m) {
        o.no_fast_paths = 1;
        code(&o, m, &doc, &full);
        if (fast.n != full.n || memcmp(fast.keys, full.keys, sizeof fast.keys) != 0)
            abort(); /* the fast path changed what is coded */
    }
    free(text);
    return 0;
}
