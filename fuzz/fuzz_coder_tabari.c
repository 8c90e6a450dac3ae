/*
 * fuzz_coder_tabari.c — libFuzzer target for the coder's TABARI rules
 * (tabari_rules.c and the TABARI paths of actors.c, verbs.c, sentence.c)
 * over outside text: a small TABARI-syntax dictionary of our own, written
 * to a temporary folder on the first call, has blank connectors in actor
 * and verb phrases, a hyphen prefix and a hyphenated name, subordinate
 * and dominant codes, "=" words, synsets with connectors, alternatives,
 * a <TIME> discard and <NOUN>/<ADJECTIVE> words.  The first input byte
 * picks the options (CODE BY mode, DEFAULT PRIOR/AFTER, COMMA clauses);
 * the rest is the text.  Every event must have a code and spans inside
 * the text.
 */
#include "dyad.h"
#include "fuzz_lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[][2] = {
    {"f.actors", "<NOUN>\nCOWS\nHORSES_\n</NOUN>\n<ADJECTIVE>\nGRUMPY\n</ADJECTIVE>\n"
                 "FREEDONIA [FRE]\nFREEDONIA STATE RADIO [FRERAD]\nSYLVANIA [SYL]\n"
                 "MARSOVIA= [MAR]\nHIGH-TOWER [HTW]\nNOBODY [---]\nGRAND_FENWICK [GRF]\n"},
    {"f.agents", "OFFICIALS_ [~GOV]\nTROOPS [~MIL]\n"},
    {"f.verbs", "&COIN\n+SILVER_\n+GOLD ROYAL CROWNS\n+&METAL\n&METAL\n+TIN\n"
                "<TIME>\nLONG_AGO [###]\n</TIME>\n"
                "SAY [023?]\nCONVENE [031!]\nVETO= [191]\nSET FIRE [222]\n"
                "PRAISE [051]\n- HINTED_IT * [173]\n- TRULY~_WARM * [052]\n"
                "- * &COIN [903]\n- * OPPOS { TO THE LAST | AT DAWN } [113]\n"
                "RALLY [017]\n- PRO- + * [041]\n- $ ^ * + [191]\n"},
};

static dyad_lexicon *lexicon(void)
{
    return fuzz_lexicon(files, (int)(sizeof files / sizeof *files));
}

static int check(void *user, const dyad_event *ev, const dyad_event_provenance *pv)
{
    size_t len = *(const size_t *)user;
    (void)pv;
    size_t cl = strnlen(ev->code, sizeof ev->code);
    /* TABARI's '?' and '!' markers never reach the caller */
    if (!cl || ev->code[cl - 1] == '?' || ev->code[cl - 1] == '!' || ev->source_span.end > len ||
        ev->target_span.end > len || ev->verb_span.end > len ||
        ev->source_span.begin > ev->source_span.end)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    dyad_coder_options o;
    memset(&o, 0, sizeof o);
    o.parse = DYAD_PARSE_AUTO;
    o.tabari_code = data[0] % 3;
    o.default_prior = (data[0] & 0x04) != 0;
    o.default_after = (data[0] & 0x08) != 0;
    if (data[0] & 0x10) {
        o.default_source = "DSR";
        o.default_target = "DTG";
    }
    if (data[0] & 0x20) {
        static const int comma[6] = {2, 10, 2, 10, 0, 0};
        memcpy(o.comma_clauses, comma, sizeof comma);
    }
    o.convert_agents = (data[0] & 0x40) != 0;
    dyad_coder *c;
    if (dyad_coder_new(lexicon(), NULL, &o, &c) != DYAD_OK)
        return 0;
    char *text = malloc(size);
    if (!text)
        abort();
    memcpy(text, data + 1, size - 1);
    text[size - 1] = 0;
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (dyad_str){"fuzz", 4};
    doc.file = "fuzz";
    doc.text = (dyad_str){text, size - 1};
    size_t len = doc.text.len;
    dyad_coder_code(c, &doc, NULL, check, &len, NULL);
    dyad_coder_free(c);
    free(text);
    return 0;
}
