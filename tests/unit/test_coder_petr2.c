/*
 * test_coder_petr2.c — UD-PETRARCH rules of the coder on a small suite of
 * our own (PETRARCH-2 dictionaries, CoNLL-U parses, run through
 * dyad_validate): negated verbs recoded through an internal coding
 * ontology (src/coder/negation.c), a multi-word verb whose other word the
 * parse makes the verb, the words of a phrase bracket following each other,
 * pattern words before '*' read in the subject, a noun phrase head that is
 * no verb, no target in the subject of a predicate conjoined to the verb,
 * agents conjoined after an actor's agents, the wider of two equally
 * specific patterns, a one-word prepositional phrase that an infinitive's
 * "to" does not match, a malformed ontology line;
 * and on a PETRARCH-1 suite, a verb listed in
 * two blocks and '^' skipping a noun phrase up to its head.
 */
#include "test_util.h"

#include <stdbool.h>
#include <sys/stat.h>

static char dir[64];

static void put(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* CoNLL-U from "form UPOS head rel" words separated by ';'. */
static void conllu(char *out, size_t cap, const char *spec)
{
    size_t n = 0;
    int id = 1;
    out[0] = 0;
    const char *p = spec;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char form[64], upos[16], rel[32];
        int head;
        char word[128];
        snprintf(word, sizeof word, "%.*s", (int)len, p);
        assert_int_equal(sscanf(word, "%63s %15s %d %31s", form, upos, &head, rel), 4);
        n += (size_t)snprintf(out + n, cap - n, "%d\t%s\t%s\t%s\t_\t_\t%d\t%s\t_\t_\n", id++, form,
                              form, upos, head, rel);
        p = e ? e + 1 : p + len;
    }
}

/* One <Sentence> record expecting "SRC TGT CODE" (or no event). */
static void record(char *out, size_t cap, const char *id, const char *expect, const char *text,
                   const char *spec)
{
    char parse[4096], ev[512];
    conllu(parse, sizeof parse, spec);
    ev[0] = 0;
    /* expect: "SRC TGT CODE" events separated by ';' */
    for (const char *p = expect; p && *p;) {
        char s[16] = "", t[16] = "", c[16] = "", one[64];
        snprintf(one, sizeof one, "%.*s", (int)strcspn(p, ";"), p);
        assert_int_equal(sscanf(one, "%15s %15s %15s", s, t, c), 3);
        size_t n = strlen(ev);
        snprintf(ev + n, sizeof ev - n,
                 "<EventCoding sourcecode=\"%s\" targetcode=\"%s\" eventcode=\"%s\"></EventCoding>",
                 s, t, c);
        p = strchr(p, ';');
        p = p ? p + 1 : NULL;
    }
    if (!expect)
        snprintf(ev, sizeof ev, "<EventCoding noevents=\"True\"></EventCoding>");
    size_t n = strlen(out);
    snprintf(out + n, cap - n,
             "<Sentence date=\"20200101\" id=\"%s\" category=\"T\">\n%s\n<Text>%s</Text>\n"
             "<Parse>\n%s</Parse>\n</Sentence>\n",
             id, ev, text, parse);
}

static const char *verbs_txt =
    "&COIN\n"
    "+FLORIN\n"
    "\n"
    "&RARECOIN\n"
    "+SILVER GILT FLORIN\n"
    "\n"
    "--- GIVE [070] ---\n"
    "GIVE {GAVE}\n"
    "- * &COIN [071]\n"
    "- * &RARECOIN [072]\n"
    "\n"
    "--- QUARREL [190] ---\n"
    "QUARREL\n"
    "- * (OVER PLANS) [110]\n"
    "\n"
    "--- SPY [170] ---\n"
    "WIRE_+TAP\n"
    "\n"
    "--- ASK [020] ---\n"
    "ASK\n"
    "- * (FOR REFUGE) [0233]\n"
    "- * REFUGE [0234]\n"
    "\n"
    "--- CRITICIZE [112] ---\n"
    "CRITICIZE\n"
    "- STRONGLY * [111]\n"
    "\n"
    "--- SIGN [057] ---\n"
    "SIGN\n"
    "- * {TO HELP} [070]\n"
    "- * TREATY [056]\n"
    "\n"
    "--- PRAISE [051] ---\n"
    "PRAISE\n"
    "\n"
    "--- DIRECT [060] ---\n"
    "DIRECT\n"
    "- * (TO) [042:043]\n"
    "- * (TO HELP) [070]\n";

static const char *pico_txt =
    "# our own small ontology\n"
    "010:0x1000#say\n"
    "011:0x1000-0xFFFF\n"
    "050:0x0080\n"
    "110:0x1007f#disapprove\n"
    "190:0x00A0\n"
    "not a line\n";

static void write_suite(void)
{
    static char body[65536];
    body[0] = 0;
    record(body, sizeof body, "T-NEG1", "FRE SYL 050",
           "Freedonia did not quarrel over the plans of Sylvania.",
           "Freedonia PROPN 4 nsubj;did AUX 4 aux;not PART 4 neg;quarrel VERB 0 root;"
           "over ADP 7 case;the DET 7 det;plans NOUN 4 nmod;of ADP 9 case;"
           "Sylvania PROPN 7 nmod;. PUNCT 4 punct");
    record(body, sizeof body, "T-NEG2", NULL, "Freedonia did not quarrel with Sylvania.",
           "Freedonia PROPN 4 nsubj;did AUX 4 aux;not PART 4 neg;quarrel VERB 0 root;"
           "with ADP 6 case;Sylvania PROPN 4 nmod;. PUNCT 4 punct");
    record(body, sizeof body, "T-MW", "FRE SYL 170", "Freedonia will wire tap the phones of Sylvania.",
           "Freedonia PROPN 3 nsubj;will AUX 3 aux;wire VERB 0 root;tap NOUN 3 obj;"
           "the DET 6 det;phones NOUN 3 obj;of ADP 8 case;Sylvania PROPN 6 nmod;. PUNCT 3 punct");
    record(body, sizeof body, "T-BR1", "FRE SYL 0233", "Freedonia asked for the refuge of Sylvania.",
           "Freedonia PROPN 2 nsubj;asked VERB 0 root;for ADP 5 case;the DET 5 det;"
           "refuge NOUN 2 nmod;of ADP 7 case;Sylvania PROPN 5 nmod;. PUNCT 2 punct");
    record(body, sizeof body, "T-BR2", "FRE SYL 0234",
           "Freedonia asked for weekend refuge in Sylvania.",
           "Freedonia PROPN 2 nsubj;asked VERB 0 root;for ADP 5 case;weekend NOUN 5 compound;"
           "refuge NOUN 2 nmod;in ADP 7 case;Sylvania PROPN 5 nmod;. PUNCT 2 punct");
    record(body, sizeof body, "T-SUBJ", "FRE SYL 112", "Freedonia strongly criticized Sylvania.",
           "Freedonia PROPN 3 nsubj;strongly ADV 3 advmod;criticized VERB 0 root;"
           "Sylvania PROPN 3 obj;. PUNCT 3 punct");
    record(body, sizeof body, "T-HEAD", "FRE SYL 056", "Freedonia signed a treaty to help Sylvania.",
           "Freedonia PROPN 2 nsubj;signed VERB 0 root;a DET 4 det;treaty NOUN 2 obj;"
           "to PART 6 mark;help VERB 2 advcl;Sylvania PROPN 6 obj;. PUNCT 2 punct");
    record(body, sizeof body, "T-AGENTS", "FREREBMED SYL 051;FREREBGOV SYL 051",
           "Freedonian rebel media and government praised Sylvania.",
           "Freedonian ADJ 3 amod;rebel NOUN 3 compound;media NOUN 6 nsubj;and CCONJ 5 cc;"
           "government NOUN 3 conj;praised VERB 0 root;Sylvania PROPN 6 obj;. PUNCT 6 punct");
    record(body, sizeof body, "T-WIDE", "FRE SYL 072",
           "Freedonia gave a silver gilt florin to Sylvania.",
           "Freedonia PROPN 2 nsubj;gave VERB 0 root;a DET 6 det;silver NOUN 6 compound;"
           "gilt ADJ 6 amod;florin NOUN 2 obj;to ADP 8 case;Sylvania PROPN 2 obl;. PUNCT 2 punct");
    /* a parse that hangs the reporting clause on a noun conjoined to the
     * verb: its subject is no target of "praised" */
    record(body, sizeof body, "T-CONJ", NULL, "Freedonia praised the plan, Sylvania said Monday.",
           "Freedonia PROPN 2 nsubj;praised VERB 0 root;the DET 4 det;plan NOUN 2 obj;"
           ", PUNCT 2 punct;Sylvania PROPN 8 nsubj;said VERB 8 dep;Monday PROPN 2 conj;"
           ". PUNCT 2 punct");
    /* a one-word (TO) is a prepositional phrase, not an infinitive's
     * marker; (TO HELP) names its verb and is written for one */
    record(body, sizeof body, "T-PP1", "FRE SYL 060", "Freedonia directed Sylvania to act.",
           "Freedonia PROPN 2 nsubj;directed VERB 0 root;Sylvania PROPN 2 obj;to PART 5 mark;"
           "act VERB 2 xcomp;. PUNCT 2 punct");
    record(body, sizeof body, "T-PP2", "FRE SYL 042;SYL FRE 043",
           "Freedonia directed its envoy to Sylvania.",
           "Freedonia PROPN 2 nsubj;directed VERB 0 root;its PRON 4 nmod:poss;envoy NOUN 2 obj;"
           "to ADP 6 case;Sylvania PROPN 2 obl;. PUNCT 2 punct");
    record(body, sizeof body, "T-PP3", "FRE SYL 070", "Freedonia directed Sylvania to help.",
           "Freedonia PROPN 2 nsubj;directed VERB 0 root;Sylvania PROPN 2 obj;to PART 5 mark;"
           "help VERB 2 xcomp;. PUNCT 2 punct");
    /* ... and a phrase of the verb's own, not of its object */
    record(body, sizeof body, "T-PP4", "FRE SYL 060", "Freedonia directed aid to Sylvania.",
           "Freedonia PROPN 2 nsubj;directed VERB 0 root;aid NOUN 2 obj;to ADP 5 case;"
           "Sylvania PROPN 3 nmod;. PUNCT 2 punct");
    static char xml[70000];
    snprintf(xml, sizeof xml,
             "<Validation>\n<Environment>\n<Verbfile>p.verbs.txt</Verbfile>\n"
             "<Actorfile>p.actors.txt</Actorfile>\n<Agentfile>p.agents.txt</Agentfile>\n"
             "<PICOfile>p.ontology.txt</PICOfile>\n"
             "<Include>T</Include>\n</Environment>\n<Sentences>\n%s</Sentences>\n</Validation>\n",
             body);
    put("p.suite.xml", xml);
}

/* A PETRARCH-1 suite (no phrase brackets in its verbs file): a verb in
 * two blocks, and '^' skipping a noun phrase up to its head. */
static const char *p1_verbs_txt =
    "--- HIT [---] ---\n"
    "HIT\n"
    "- *_AND_RUN [180]\n"
    "\n"
    "--- HIT [190] ---\n"
    "HIT\n"
    "- + WAS * HARD BY $ [195]\n"
    "\n"
    "--- WARN [160] ---\n"
    "WARN\n"
    "- * THEIR ^ ABOUT + [162]\n";

static void write_p1_suite(void)
{
    static char body[16384];
    body[0] = 0;
    record(body, sizeof body, "P1-BLOCK", "FRE SYL 195", "Sylvania was hit hard by Freedonia.",
           "Sylvania PROPN 3 nsubj:pass;was AUX 3 aux:pass;hit VERB 0 root;hard ADV 3 advmod;"
           "by ADP 6 case;Freedonia PROPN 3 obl;. PUNCT 3 punct");
    record(body, sizeof body, "P1-SKIP", "FRE SYL 162",
           "Freedonia warned their own citizens about Sylvania.",
           "Freedonia PROPN 2 nsubj;warned VERB 0 root;their PRON 5 nmod:poss;own ADJ 5 amod;"
           "citizens NOUN 2 obj;about ADP 7 case;Sylvania PROPN 2 obl;. PUNCT 2 punct");
    static char xml[20000];
    snprintf(xml, sizeof xml,
             "<Validation>\n<Environment>\n<Verbfile>p1.verbs.txt</Verbfile>\n"
             "<Actorfile>p.actors.txt</Actorfile>\n<Include>T</Include>\n</Environment>\n"
             "<Sentences>\n%s</Sentences>\n</Validation>\n",
             body);
    put("p1.suite.xml", xml);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/dyad-petr2-XXXXXX");
    assert_non_null(mkdtemp(dir));
    put("p.actors.txt", "FREEDONIA [FRE]\n+FREEDONIAN\nSYLVANIA [SYL]\n");
    put("p.agents.txt", "REBEL [~REB]\nMEDIA [~MED]\nGOVERNMENT [~GOV]\n");
    put("p.verbs.txt", verbs_txt);
    put("p.ontology.txt", pico_txt);
    put("p1.verbs.txt", p1_verbs_txt);
    write_suite();
    write_p1_suite();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"p.actors.txt", "p.agents.txt", "p.verbs.txt", "p.ontology.txt", "p.suite.xml",
                           "p1.verbs.txt", "p1.suite.xml", ".dyad-lexicon"};
    char path[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    return 0;
}

typedef struct fails {
    char ids[16][32];
    int n;
    int diags;
} fails;

static void on_fail(void *user, const char *id)
{
    fails *f = user;
    if (f->n < 16)
        snprintf(f->ids[f->n++], 32, "%s", id);
}

static void on_diag(void *user, const dyad_error *err)
{
    fails *f = user;
    if (err && strstr(err->message, "CAMEO:VALUE"))
        f->diags++;
}

static bool failed(const fails *f, const char *id)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->ids[i], id) == 0)
            return true;
    return false;
}

static fails run_named(const char *suite, const char *only)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, suite);
    dyad_validate_options o;
    memset(&o, 0, sizeof o);
    o.only = only;
    fails f;
    memset(&f, 0, sizeof f);
    o.diag = on_diag;
    o.diag_user = &f;
    dyad_validate_result res;
    dyad_error err;
    assert_int_equal(dyad_validate(path, &o, on_fail, &f, &res, &err), DYAD_OK);
    for (int i = 0; i < f.n; i++)
        print_message("failed: %s\n", f.ids[i]);
    return f;
}

static fails run_suite(const char *only)
{
    return run_named("p.suite.xml", only);
}

/* "Freedonian rebel media and government": FREREBMED and FREREBGOV */
static void petr2_conjoined_agents_share_the_actor_and_its_agents(void **state)
{
    (void)state;
    fails f = run_suite("T-AGENTS");
    assert_false(failed(&f, "T-AGENTS"));
}

static void petr2_equally_specific_patterns_prefer_the_wider_match(void **state)
{
    (void)state;
    fails f = run_suite("T-WIDE");
    assert_false(failed(&f, "T-WIDE")); /* &RARECOIN's three words over "florin" */
}

static void petr1_tries_the_patterns_of_every_block_of_a_verb(void **state)
{
    (void)state;
    fails f = run_named("p1.suite.xml", "P1-BLOCK");
    assert_false(failed(&f, "P1-BLOCK"));
}

static void skip_element_stops_at_the_noun_phrase_head(void **state)
{
    (void)state;
    fails f = run_named("p1.suite.xml", "P1-SKIP");
    assert_false(failed(&f, "P1-SKIP"));
}

static void petr2_recodes_a_negated_verb_through_the_ontology(void **state)
{
    (void)state;
    fails f = run_suite("T-NEG1");
    assert_false(failed(&f, "T-NEG1")); /* 110 negated is 050 */
    assert_int_equal(f.diags, 1);       /* "not a line" reported, skipped */
}

static void petr2_drops_a_negated_verb_the_ontology_cannot_recode(void **state)
{
    (void)state;
    fails f = run_suite("T-NEG2");
    assert_false(failed(&f, "T-NEG2")); /* 190 negated has no code: no event */
}

static void petr2_takes_the_parsed_verb_of_a_multi_word_verb(void **state)
{
    (void)state;
    fails f = run_suite("T-MW");
    assert_false(failed(&f, "T-MW"));
}

static void petr2_phrase_bracket_words_follow_each_other(void **state)
{
    (void)state;
    fails f = run_suite("T-BR*");
    assert_false(failed(&f, "T-BR1")); /* an article between: (FOR REFUGE) */
    assert_false(failed(&f, "T-BR2")); /* a noun between: only REFUGE */
}

static void petr2_reads_words_before_the_verb_in_the_subject(void **state)
{
    (void)state;
    fails f = run_suite("T-SUBJ");
    assert_false(failed(&f, "T-SUBJ")); /* "strongly" is no part of the subject */
}

static void petr2_noun_phrase_head_is_no_verb(void **state)
{
    (void)state;
    fails f = run_suite("T-HEAD");
    assert_false(failed(&f, "T-HEAD")); /* {TO HELP} is not the clause "to help" */
}

static void petr2_target_is_no_subject_of_a_conjoined_predicate(void **state)
{
    (void)state;
    fails f = run_suite("T-CONJ");
    assert_false(failed(&f, "T-CONJ"));
}

static void petr2_one_word_preposition_phrase_is_no_marker(void **state)
{
    (void)state;
    fails f = run_suite("T-PP*");
    assert_false(failed(&f, "T-PP1")); /* "to act": the block's code */
    assert_false(failed(&f, "T-PP2")); /* "to Sylvania": (TO) */
    assert_false(failed(&f, "T-PP3")); /* "to help": (TO HELP) */
    assert_false(failed(&f, "T-PP4")); /* "aid to Sylvania": no (TO) of "directed" */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(petr2_recodes_a_negated_verb_through_the_ontology),
        cmocka_unit_test(petr2_drops_a_negated_verb_the_ontology_cannot_recode),
        cmocka_unit_test(petr2_takes_the_parsed_verb_of_a_multi_word_verb),
        cmocka_unit_test(petr2_phrase_bracket_words_follow_each_other),
        cmocka_unit_test(petr2_reads_words_before_the_verb_in_the_subject),
        cmocka_unit_test(petr2_noun_phrase_head_is_no_verb),
        cmocka_unit_test(petr2_target_is_no_subject_of_a_conjoined_predicate),
        cmocka_unit_test(petr2_one_word_preposition_phrase_is_no_marker),
        cmocka_unit_test(petr2_conjoined_agents_share_the_actor_and_its_agents),
        cmocka_unit_test(petr2_equally_specific_patterns_prefer_the_wider_match),
        cmocka_unit_test(petr1_tries_the_patterns_of_every_block_of_a_verb),
        cmocka_unit_test(skip_element_stops_at_the_noun_phrase_head),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
