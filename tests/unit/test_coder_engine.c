/*
 * test_coder_engine.c — the event coder (src/coder/) on small dictionaries
 * and sentences of our own: linear coding without a parse, coding over a
 * supplied CoNLL-U parse (subject, object, passive by-phrase), agents,
 * compounds, paired and null codes, patterns with synsets, negation,
 * dated actor codes, pronouns, discards, provenance, CAMEO fields, bad
 * supplied parses and allocation failure.
 */
#include "test_coder_util.h"

#include "coder/coder.h" /* the synset index invariant below */

#include <stdbool.h>
#include <time.h>

static const char *actors_txt =
    "FREEDONIA_ [FRE]\n"
    "SYLVANIA_ [SYL]\n"
    "MARSOVIA_ [MAR]\n"
    "KLOPSTOKIA_ [KLO]\n"
    "\t[KLX 19900101-19991231]\n"
    "GRAND_FENWICK_ [GRF]\n"
    "RURITANIA_ [RUR]\n"
    "STRELSAU_ [RURGOV]\n"
    "PEOPLE'S_REPUBLIC_OF_SYLVANIA_ [PRS]\n"
    "AL-MARSOVIA_ [ALM]\n"
    "US_ [USA]\n"
    "DAILY_GAZETTE_ [MED]\n"
    "TURKEY_ [TUR]\n"
    "KOVAC_ [MARELI]\n"
    "SYLVANIAN_ [SYL]\n"
    "MARSOVIAN_ [MAR]\n"
    "JERSEY_ [JEY]\n"
    "GEORGIA_ [GEO]\n"
    "UNITED_STATES_ [USA]\n"
    "+FLORIDA_\n";

static const char *agents_txt =
    "MINISTER [~GOV]\n"
    "PRIME_MINISTER [~GOV]\n"
    "KING [~GOV]\n"
    "ADMINISTRATION [~GOV]\n"
    "LEADER [~GOV]\n"
    "PRESIDENT [~GOV]\n"
    "TROOPS [~MIL]\n"
    "POLICE [~COP]\n"
    "REPORTERS [~MED]\n"
    "CONGRESS [~LEG]\n"
    "DEPUTY [~COP]\n";

static const char *verbs_txt =
    "&MONEY\n"
    "+DOLLARS\n"
    "+FLORINS\n"
    "\n"
    "--- PRAISE [051] ---\n"
    "PRAISE\n"
    "\n"
    "--- ATTACK [190] ---\n"
    "ATTACK\n"
    "FIGHT {FIGHTS FOUGHT FIGHTING}\n"
    "\n"
    "--- MEET [040] ---\n"
    "MEET {MET MEETS MEETING}\n"
    "DISCUSS\n"
    "\n"
    "--- PHONE [041] ---\n"
    "CALL\n"
    "\n"
    "--- RECEIVE [043] ---\n"
    "RECEIVE\n"
    "\n"
    "--- VISIT [042:043] ---\n"
    "VISIT\n"
    "\n"
    "--- PROMISE [030] ---\n"
    "PROMISE\n"
    "- * &MONEY TO + [071]\n"
    "\n"
    "--- GO [040] ---\n"
    "GO {GOES WENT GONE GOING}\n"
    "\n"
    "--- COOPERATE [060] ---\n"
    "COOPERATE\n"
    "\n"
    "--- STATE [010] ---\n"
    "STATE {STATED STATES STATING}\n"
    "SPEAK {SPEAKS SPOKE SPEAKING SPOKEN}\n"
    "\n"
    "--- AGREE [030] ---\n"
    "ACCORD {ACCORDS ACCORDED ACCORDING}\n"
    "\n"
    "--- SAY [---] ---\n"
    "SAY {SAID SAYS SAYING}\n";

static const char *discards_txt = "FOOTBALL MATCH\n";


static int setup(void **state)
{
    /* the kind comes from the file name: *.actors.txt, *.agents.txt ... */
    const char *const files[][2] = {{".actors.txt", actors_txt},
                                    {".agents.txt", agents_txt},
                                    {".verbs.txt", verbs_txt},
                                    {".discards.txt", discards_txt}};
    return fixture_load(state, files, 4);
}

/* Codes text with options o (may be NULL) and given_n supplied sentences
 * and parses (may be 0) on a given date (may be NULL). */
static got code_with_url(fixture *f, const dyad_coder_options *o, const char *text,
                         const dyad_given_sentence *given, size_t given_n, const char *date,
                         const char *url)
{
    got g;
    memset(&g, 0, sizeof g);
    dyad_coder *c;
    assert_int_equal(dyad_coder_new(f->lex, NULL, o, &c), DYAD_OK);
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (dyad_str){"t1", 2};
    doc.text = (dyad_str){text, strlen(text)};
    doc.file = "test";
    if (url)
        doc.url = (dyad_str){url, strlen(url)};
    if (date)
        assert_int_equal(dyad_date_parse(date, strlen(date), &doc.date), DYAD_OK);
    doc.given = given;
    doc.given_n = given_n;
    dyad_error err;
    dyad_status st = dyad_coder_code(c, &doc, NULL, collect, &g, &err);
    assert_true(st == DYAD_OK || st == DYAD_EPARSE);
    dyad_coder_free(c);
    return g;
}

static got code_with(fixture *f, const dyad_coder_options *o, const char *text,
                     const dyad_given_sentence *given, size_t given_n, const char *date)
{
    return code_with_url(f, o, text, given, given_n, date, NULL);
}

static got code_given(fixture *f, const char *text, const dyad_given_sentence *given,
                      size_t given_n, const char *date)
{
    return code_with(f, NULL, text, given, given_n, date);
}

/* Codes text (optionally with a supplied parse) on a given date. */
static got code_text(fixture *f, const char *text, const char *parse, const char *date)
{
    dyad_given_sentence given = {{0, (uint32_t)strlen(text)}, {parse, parse ? strlen(parse) : 0}};
    return code_given(f, text, parse ? &given : NULL, parse ? 1 : 0, date);
}

/* Codes text with document context (as dyad code does) or without it,
 * optionally with a supplied parse of its one sentence. */
static got code_in_context_parsed(fixture *f, const char *text, const char *parse, bool context)
{
    dyad_coder_options o;
    memset(&o, 0, sizeof o);
    o.context_actors = context;
    dyad_given_sentence given = {{0, (uint32_t)strlen(text)}, {parse, parse ? strlen(parse) : 0}};
    return code_with(f, &o, text, parse ? &given : NULL, parse ? 1 : 0, NULL);
}

static got code_in_context(fixture *f, const char *text, bool context)
{
    return code_in_context_parsed(f, text, NULL, context);
}

/* Codes text with document context as a release published at url (may
 * be NULL), tracing to trace (may be NULL) with user. */
static got code_in_release(fixture *f, const char *text, const char *url, dyad_trace_fn trace,
                           void *user)
{
    dyad_coder_options o;
    memset(&o, 0, sizeof o);
    o.context_actors = true;
    o.trace = trace;
    o.trace_user = user;
    return code_with_url(f, &o, text, NULL, 0, NULL, url);
}

/* CoNLL-U from "form UPOS head rel" words separated by ';' (the lemma is
 * the form, XPOS empty, or given as "UPOS/XPOS"). */
static void conllu_spec(char *out, size_t cap, const char *spec)
{
    size_t n = 0;
    int id = 1;
    out[0] = 0;
    for (const char *p = spec; *p;) {
        size_t len = strcspn(p, ";");
        char word[128], form[64], upos[16], rel[32];
        int head;
        snprintf(word, sizeof word, "%.*s", (int)len, p);
        assert_int_equal(sscanf(word, "%63s %15s %d %31s", form, upos, &head, rel), 4);
        char *slash = strchr(upos, '/');
        const char *xpos = slash ? slash + 1 : "_";
        if (slash)
            *slash = 0;
        n += (size_t)snprintf(out + n, cap - n, "%d\t%s\t%s\t%s\t%s\t_\t%d\t%s\t_\t_\n", id++,
                              form, form, upos, xpos, head, rel);
        p += len + (p[len] == ';');
    }
}

/* ... with the parse given as a one-line CoNLL-U spec (conllu_spec). */
static got code_in_context_spec(fixture *f, const char *text, const char *spec, bool context)
{
    char parse[1024];
    conllu_spec(parse, sizeof parse, spec);
    return code_in_context_parsed(f, text, parse, context);
}

/* An actor coded with a sector alone (a newspaper: MED) is no country:
 * the minister of a later sentence does not become MEDGOV, and the
 * document's country stays open for the first state named. */
static void context_takes_no_country_from_a_sector_code(void **state)
{
    got g = code_in_context(*state, "The Daily Gazette reported the talks. The minister "
                                    "praised Sylvania.", true);
    got alone = code_in_context(*state, "The minister praised Sylvania.", true);
    assert_false(has(&g, "MEDGOV SYL 051"));
    assert_int_equal(g.n, alone.n); /* as if no actor had been named before */
    g = code_in_context(*state, "The Daily Gazette reported the talks. Freedonia hosted them. "
                                "The minister praised Sylvania.", true);
    assert_true(has(&g, "FREGOV SYL 051"));
    assert_false(coder_state_code("MED"));
    assert_false(coder_state_code("HINREL"));
    assert_true(coder_state_code("MUS")); /* Mauritius, not Muslims */
    assert_true(coder_state_code("SUNGOV"));
    assert_false(coder_state_code("INTREBCRM")); /* transnational (Phoenix MS-13) */
    assert_false(coder_state_code("IGOUNO"));
    assert_true(coder_sector_code("MEDGOV"));
    assert_false(coder_sector_code("IGOUNO"));
}

/* With document context (dyad code) a one-word actor name written in
 * lower case where the sentence capitalizes other words is the common
 * word ("the turkey"); the suites' mode matches it regardless of case, as
 * TABARI and PETRARCH do, and so does text in one case throughout. */
static void context_takes_a_lower_case_name_for_the_common_word(void **state)
{
    got g = code_in_context(*state, "Freedonia praised the turkey.", true);
    assert_false(has(&g, "FRE TUR 051"));
    g = code_in_context(*state, "Freedonia praised Turkey.", true);
    assert_true(has(&g, "FRE TUR 051"));
    g = code_in_context(*state, "Freedonia praised the turkey.", false);
    assert_true(has(&g, "FRE TUR 051"));
    g = code_in_context(*state, "freedonia praised the turkey.", true);
    assert_true(has(&g, "FRE TUR 051"));
}

/* Lower-case "us" is the speakers: an agent before it takes no country
 * from it ("students for us" is no USAEDU), in either mode. */
static void agent_takes_no_country_from_the_speakers_us(void **state)
{
    got g = code_in_context(*state, "The leader for us praised Sylvania.", false);
    assert_false(has(&g, "USAGOV SYL 051"));
    g = code_in_context(*state, "The leader for US praised Sylvania.", false);
    assert_true(has(&g, "USAGOV SYL 051"));
    g = code_in_context(*state, "The leader for us praised Sylvania.", true);
    assert_false(has(&g, "USAGOV SYL 051"));
}

static void context_gives_a_lone_agent_the_document_country(void **state)
{
    const char *text = "Freedonia hosted the talks. The minister praised Sylvania.";
    got g = code_in_context(*state, text, true);
    assert_true(has(&g, "FREGOV SYL 051"));
    g = code_in_context(*state, text, false);
    assert_true(has(&g, "---GOV SYL 051"));
    assert_false(has(&g, "FREGOV SYL 051"));
}

static void context_remembers_the_country_an_agent_was_named_with(void **state)
{
    got g = code_in_context(*state,
                            "Freedonia praised the minister of Sylvania. Later the minister "
                            "attacked Marsovia.",
                            true);
    assert_true(has(&g, "SYLGOV MAR 190"));
    assert_false(has(&g, "FREGOV MAR 190"));
}

static void context_drops_events_between_an_actor_and_its_own_country(void **state)
{
    got g = code_in_context(*state, "Freedonia praised the minister.", true);
    assert_false(has(&g, "FRE FREGOV 051"));
    assert_int_equal(g.n, 0);
}

/* "The minister attacked Sylvania in Marsovia": the story's first state
 * actor is the one the agent acts upon, so it is not the agent's country
 * (which made SYLGOV -> MAR of it). */
static void context_gives_no_agent_the_country_it_acts_upon(void **state)
{
    static const char text[] = "The minister attacked Sylvania in Marsovia.";
    static const char parse[] = "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
                                "2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
                                "3\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                                "4\tSylvania\tSylvania\tPROPN\tNNP\t_\t3\tobj\t_\t_\n"
                                "5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_\n"
                                "6\tMarsovia\tMarsovia\tPROPN\tNNP\t_\t3\tobl\t_\t_\n"
                                "7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n";
    got g = code_in_context_parsed(*state, text, parse, true);
    assert_false(has(&g, "SYLGOV MAR 190"));
    assert_int_equal(g.n, 0);
}

/* ... while a state actor in another clause still gives it ("The
 * minister, visiting Sylvania, praised Marsovia": SYLGOV). */
static void context_gives_an_agent_a_country_named_in_another_clause(void **state)
{
    static const char text[] = "The minister, visiting Sylvania, praised Marsovia.";
    static const char parse[] = "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
                                "2\tminister\tminister\tNOUN\tNN\t_\t7\tnsubj\t_\t_\n"
                                "3\t,\t,\tPUNCT\t,\t_\t4\tpunct\t_\t_\n"
                                "4\tvisiting\tvisit\tVERB\tVBG\t_\t2\tacl\t_\t_\n"
                                "5\tSylvania\tSylvania\tPROPN\tNNP\t_\t4\tobj\t_\t_\n"
                                "6\t,\t,\tPUNCT\t,\t_\t4\tpunct\t_\t_\n"
                                "7\tpraised\tpraise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                                "8\tMarsovia\tMarsovia\tPROPN\tNNP\t_\t7\tobj\t_\t_\n"
                                "9\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_\n";
    got g = code_in_context_parsed(*state, text, parse, true);
    assert_true(has(&g, "SYLGOV MAR 051"));
}

/* A conjoined verb whose subject (through the conjunction) is no actor
 * takes no source from the actor nearest before it: "Bob spoke to
 * Marsovia and attacked Sylvania" is no MAR -> SYL attack (Reuters:
 * "Funaro and Gros spent two days talking to government officials and
 * will visit Britain" made the officials visit).  An actor subject still
 * acts. */
static void conjoined_verb_keeps_the_subject_of_its_head(void **state)
{
    static const char rest[] = " spoke to Marsovia and attacked Sylvania.";
    static const char *const subjects[] = {"Bob", "Freedonia"};
    char text[96], spec[256], parse[1024];
    for (int k = 0; k < 2; k++) {
        snprintf(text, sizeof text, "%s%s", subjects[k], rest);
        snprintf(spec, sizeof spec,
                 "%s PROPN 2 nsubj;spoke VERB 0 root;to ADP 4 case;Marsovia PROPN 2 obl;"
                 "and CCONJ 6 cc;attacked VERB 2 conj;Sylvania PROPN 6 obj;. PUNCT 2 punct",
                 subjects[k]);
        conllu_spec(parse, sizeof parse, spec);
        got g = code_in_context_parsed(*state, text, parse, false);
        if (k == 0)
            assert_false(has(&g, "MAR SYL 190"));
        else
            assert_true(has(&g, "FRE SYL 190"));
    }
}

/* The complement of a verb of wanting, planning or asking is no act:
 * "Freedonia wants to attack Sylvania" codes no attack with document
 * context (the suites' mode still codes it). */
static void context_codes_no_wished_for_act(void **state)
{
    char parse[1024];
    conllu_spec(parse, sizeof parse,
                "Freedonia PROPN 2 nsubj;wants VERB 0 root;to PART 4 mark;attack VERB 2 xcomp;"
                "Sylvania PROPN 4 obj;. PUNCT 2 punct");
    static const char text[] = "Freedonia wants to attack Sylvania.";
    got g = code_in_context_parsed(*state, text, parse, false);
    assert_true(has(&g, "FRE SYL 190"));
    g = code_in_context_parsed(*state, text, parse, true);
    assert_int_equal(g.n, 0);
    /* nor of asking for it: "invited the President of Russia to pay an
     * official visit" */
    static const char text2[] = "Bob invited Freedonia to attack Sylvania.";
    static const char spec2[] =
        "Bob PROPN 2 nsubj;invited VERB 0 root;Freedonia PROPN 2 obj;to PART 5 mark;"
        "attack VERB 2 xcomp;Sylvania PROPN 5 obj;. PUNCT 2 punct";
    g = code_in_context_spec(*state, text2, spec2, false);
    assert_true(has(&g, "FRE SYL 190"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_int_equal(g.n, 0);
}

/* A titled person ("Minister Berg") is the one named so before with a
 * country; a title naming someone else ("Minister Olsen") does not take
 * the country its last holder in the document was named with (Phoenix's
 * dictionaries lack recent leaders: "President Trump" in a White House
 * release took the country of the last foreign president named). */
static void context_knows_a_titled_person_by_name(void **state)
{
    got g = code_in_context(*state,
                            "Freedonia hosted the talks. The minister of Sylvania Anna Berg "
                            "praised Marsovia. Minister Berg attacked Marsovia. Minister Olsen "
                            "attacked Marsovia. The minister attacked Grand Fenwick.",
                            true);
    assert_true(has(&g, "SYLGOV MAR 190"));
    assert_true(has(&g, "FREGOV MAR 190"));
    assert_true(has(&g, "SYLGOV GRF 190")); /* an untitled "the minister": the title's memory */
}

/* An official release titles its own people without a country: a titled
 * person not named before with one takes the country of the publisher's
 * web address (a country-code domain; .gov is the United States'), not
 * the document's first state ("Sylvania" here), nor the country the
 * title was last named with when no one was named then. */
static void context_titles_the_publishers_people(void **state)
{
    static const char text[] = "Sylvania hosted the talks. Leader Olsen attacked Marsovia.";
    got g = code_in_release(*state, text, "https://www.example.gov/news/1", NULL, NULL);
    assert_true(has(&g, "USAGOV MAR 190"));
    g = code_in_release(*state, text, "http://mfa.gov.ua/en/news", NULL, NULL);
    assert_true(has(&g, "UKRGOV MAR 190"));
    g = code_in_release(*state, text, "https://example.com/a", NULL, NULL);
    assert_true(has(&g, "SYLGOV MAR 190"));
    /* nor the country a title was last named with, no one named then */
    static const char text2[] = "The leader of Sylvania left. Leader Olsen attacked Marsovia.";
    g = code_in_release(*state, text2, "https://www.example.gov/news/2", NULL, NULL);
    assert_true(has(&g, "USAGOV MAR 190"));
    g = code_in_release(*state, text2, "https://example.com/b", NULL, NULL);
    assert_true(has(&g, "SYLGOV MAR 190"));
    char c3[4];
    assert_true(coder_publisher_country((dyad_str){"", 0}, (dyad_str){"gov.uk", 6}, c3));
    assert_string_equal(c3, "GBR");
    assert_false(coder_publisher_country((dyad_str){"localhost", 9}, (dyad_str){"", 0}, c3));
    assert_true(coder_publisher_country((dyad_str){"HTTP://EN.KREMLIN.RU:80/x", 25},
                                        (dyad_str){"", 0}, c3));
    assert_string_equal(c3, "RUS");
    static const char *const none[] = {"https://", "x.", "a.b", "a.abcd", "a.zz", "://.ua/"};
    for (size_t k = 0; k < sizeof none / sizeof *none; k++)
        assert_false(coder_publisher_country((dyad_str){none[k], strlen(none[k])},
                                             (dyad_str){"", 0}, c3));
}

/* How many events of g have CAMEO code `code`. */
static size_t count_code(const got *g, const char *code)
{
    size_t n = 0, len = strlen(code);
    for (size_t i = 0; i < g->n && i < sizeof g->ev / sizeof *g->ev; i++) {
        size_t el = strlen(g->ev[i]);
        n += el > len && strcmp(g->ev[i] + el - len, code) == 0 && g->ev[i][el - len - 1] == ' ';
    }
    return n;
}

/* A title some states lack ("Prime Minister", "King", "Minister") takes
 * no country that lacks the office: not the publisher's (.gov, the
 * United States), nor the document's when that is the United States;
 * but a state that has it (Ukraine's presidency; Sylvania, no ISO
 * state). */
static void context_title_needs_a_state_with_that_office(void **state)
{
    static const char text[] = "Sylvania hosted the talks. Prime Minister Olsen attacked Marsovia.";
    got g = code_in_release(*state, text, "https://www.example.gov/news/1", NULL, NULL);
    assert_true(has(&g, "SYLGOV MAR 190"));
    assert_false(has(&g, "USAGOV MAR 190"));
    g = code_in_release(*state, text, "http://mfa.gov.ua/en/news", NULL, NULL);
    assert_true(has(&g, "UKRGOV MAR 190"));
    static const char text2[] = "The US hosted the talks. King Olsen attacked Marsovia.";
    g = code_in_release(*state, text2, "https://www.example.gov/news/2", NULL, NULL);
    assert_false(has(&g, "USAGOV MAR 190"));
    assert_int_equal(count_code(&g, "190"), 0);
    g = code_in_release(*state, text2, "https://example.com/c", NULL, NULL);
    assert_int_equal(count_code(&g, "190"), 0);
    static const char text3[] = "The US hosted the talks. Minister Olsen attacked Marsovia.";
    g = code_in_release(*state, text3, "https://www.example.gov/news/3", NULL, NULL);
    assert_false(has(&g, "USAGOV MAR 190")); /* the United States has no ministers */
    g = code_in_release(*state, text3, "http://mfa.gov.ua/en/news", NULL, NULL);
    assert_true(has(&g, "UKRGOV MAR 190"));
}

/* "President NAME" in an official release is the publisher's own only
 * when NAME is one of its presidents (a table of names): else the
 * document's country, or none when that is the publisher's. */
static void context_president_named_must_be_the_publishers(void **state)
{
    static const struct {
        const char *text, *url, *want, *not_want;
    } cases[] = {
        {"Sylvania hosted the talks. President Olsen attacked Marsovia.",
         "https://www.example.gov/a", "SYLGOV MAR 190", "USAGOV MAR 190"},
        {"Sylvania hosted the talks. President Joseph R. Biden Jr. attacked Marsovia.",
         "https://www.example.gov/a", "USAGOV MAR 190", "SYLGOV MAR 190"},
        {"Sylvania hosted the talks. An aide to the President Olsen attacked Marsovia.",
         "https://www.example.gov/a", "USAGOV MAR 190", NULL},
        {"Sylvania hosted the talks. President Olsen attacked Marsovia.",
         "http://en.kremlin.ru/events", "SYLGOV MAR 190", "RUSGOV MAR 190"},
        {"Sylvania hosted the talks. President Putin attacked Marsovia.",
         "http://en.kremlin.ru/events", "RUSGOV MAR 190", NULL},
        {"Sylvania hosted the talks. President Olsen attacked Marsovia.",
         "https://www.gov.uk/news", "GBRGOV MAR 190", NULL}, /* no table: the publisher's */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        got g = code_in_release(*state, cases[k].text, cases[k].url, NULL, NULL);
        assert_true(has(&g, cases[k].want));
        assert_false(cases[k].not_want && has(&g, cases[k].not_want));
    }
    got g = code_in_release(*state, "The US hosted the talks. President Olsen attacked Marsovia.",
                            "https://www.example.gov/a", NULL, NULL);
    assert_int_equal(count_code(&g, "190"), 0);
}

/* A capitalized "Administration" in an official release is the
 * publisher's government ("the Biden-Harris Administration" in a White
 * House readout of a call with Sylvania), or of the country the name
 * before it was named with ("the Olsen Administration"). */
static void context_gives_the_publishers_administration(void **state)
{
    static const char text[] = "Sylvania hosted the talks. The Administration attacked Marsovia.";
    got g = code_in_release(*state, text, "https://www.example.gov/news/8", NULL, NULL);
    assert_true(has(&g, "USAGOV MAR 190"));
    g = code_in_release(*state, text, NULL, NULL, NULL); /* no publisher */
    assert_true(has(&g, "SYLGOV MAR 190"));
    static const char text2[] = "Minister Jan Olsen of Freedonia arrived. Sylvania hosted the "
                                "talks. The Olsen Administration attacked Marsovia.";
    g = code_in_release(*state, text2, "https://www.example.gov/news/9", NULL, NULL);
    assert_true(has(&g, "FREGOV MAR 190"));
    /* particles inside a name: "Ali bin Zayed of Freedonia" is Zayed */
    static const char text3[] = "Minister Ali bin Zayed of Freedonia arrived. Sylvania hosted "
                                "the talks. Minister Zayed attacked Marsovia.";
    g = code_in_release(*state, text3, "https://www.example.gov/news/10", NULL, NULL);
    assert_true(has(&g, "FREGOV MAR 190"));
    assert_false(has(&g, "USAGOV MAR 190"));
}

/* A bare "Deputy" before another title is that title's rank, not a
 * police deputy (the dictionary's DEPUTY [~COP]); one named stays one. */
static void context_deputy_is_a_rank_before_a_title(void **state)
{
    got g = code_in_release(*state, "Sylvania hosted the talks. Deputy Minister Olsen attacked "
                                    "Marsovia.", NULL, NULL, NULL);
    assert_true(has(&g, "SYLGOV MAR 190"));
    assert_false(has(&g, "SYLCOP MAR 190"));
    g = code_in_release(*state, "Sylvania hosted the talks. Deputy Head Olsen attacked Marsovia.",
                        NULL, NULL, NULL);
    assert_false(has(&g, "SYLCOP MAR 190"));
    g = code_in_release(*state, "Sylvania hosted the talks. Deputy Olsen attacked Marsovia.", NULL,
                        NULL, NULL);
    assert_true(has(&g, "SYLCOP MAR 190"));
}

/* A US town or county named like a foreign place ("Vienna, Virginia",
 * "Athens County") and "New Jersey" are US places, coded as the
 * dictionaries code a US state; not a place listed with states ("Mexico,
 * Texas and Arizona"), nor a county outside a US release without its
 * state. */
static void context_tells_a_us_town(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *text, *want, *not_want;
    } cases[] = {
        {"Marsovia attacked Strelsau, Florida.", "MAR USA 190", "MAR RURGOV 190"},
        {"Marsovia attacked Strelsau, Florida, on Monday.", "MAR USA 190", "MAR RURGOV 190"},
        {"Marsovia attacked Strelsau County, Florida.", "MAR USA 190", "MAR RURGOV 190"},
        {"Marsovia attacked New Jersey.", "MAR USA 190", "MAR JEY 190"},
        {"Marsovia attacked Strelsau, Florida and Ohio.", "MAR RURGOV 190", NULL},
        {"Marsovia attacked Strelsau, Florida, and Ohio.", "MAR RURGOV 190", NULL},
        {"Marsovia attacked Strelsau, Georgia.", "MAR RURGOV 190", NULL},
        {"Marsovia attacked Strelsau County.", "MAR RURGOV 190", "MAR USA 190"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        got g = code_in_context(f, cases[k].text, true);
        assert_true(has(&g, cases[k].want));
        assert_false(cases[k].not_want && has(&g, cases[k].not_want));
    }
    got g = code_in_release(f, "Marsovia attacked Strelsau County.", "https://www.example.gov/a",
                            NULL, NULL);
    assert_true(has(&g, "MAR USA 190"));
}

/* A country's adjective that someone speaks or studied is a language,
 * no actor: "She speaks Sylvanian and Marsovian" is no statement to two
 * countries.  Not what is spoken with or to, nor a noun's adjective. */
static void context_knows_a_language(void **state)
{
    fixture *f = *state;
    static const char *const none[] = {
        "Freedonia speaks Sylvanian and Marsovian.",
        "Freedonia speaks fluent Sylvanian, basic Marsovian.",
        "Freedonia speaks Serbo-Sylvanian.",
    };
    for (size_t k = 0; k < sizeof none / sizeof *none; k++) {
        got g = code_in_context(f, none[k], true);
        assert_int_equal(g.n, 0);
        g = code_in_context(f, none[k], false); /* the suites' mode: as written */
        assert_true(g.n > 0);
    }
    got g = code_in_context(f, "Freedonia speaks with Sylvania.", true);
    assert_true(has(&g, "FRE SYL 010"));
    g = code_in_context(f, "Freedonia speaks Sylvanian views.", true);
    assert_true(has(&g, "FRE SYL 010"));
}

/* A bare capitalized "Congress" in an official release is the
 * publisher's legislature when that state's is called so (the United
 * States: a .gov address), not the document's first state; not "the
 * Congress of" something, nor a congress named by a capitalized word
 * before it, nor in a release of a state whose legislature has another
 * name (Ukraine). */
static void context_gives_the_publishers_congress(void **state)
{
    static const char text[] = "Sylvania hosted the talks. Congress attacked Marsovia.";
    got g = code_in_release(*state, text, "https://www.example.gov/news/11", NULL, NULL);
    assert_true(has(&g, "USALEG MAR 190"));
    g = code_in_release(*state, text, "http://mfa.gov.ua/en/news", NULL, NULL);
    assert_true(has(&g, "SYLLEG MAR 190"));
    g = code_in_release(*state, text, NULL, NULL, NULL);
    assert_true(has(&g, "SYLLEG MAR 190"));
    static const char *const other[] = {
        "Sylvania hosted the talks. The Congress of Local Authorities attacked Marsovia.",
        "Sylvania hosted the talks. The World Congress attacked Marsovia.",
    };
    for (size_t k = 0; k < sizeof other / sizeof *other; k++) {
        g = code_in_release(*state, other[k], "https://www.example.gov/news/12", NULL, NULL);
        assert_true(has(&g, "SYLLEG MAR 190"));
        assert_false(has(&g, "USALEG MAR 190"));
    }
}

/* "Georgia" is the US state when its words say so, coded as the
 * dictionaries code a US state (here Florida: USA): another state in
 * the sentence, a town before it, a state's office after it; else a
 * state named near it or an earlier sentence's Georgia told as the state,
 * unless the Caucasus state's words or neighbours are there.  Listed
 * with countries it stays the country; without document context (the
 * validation suites) it is always the dictionaries' GEO; with
 * dictionaries that code no US state it is no actor. */
static void context_tells_georgia_the_us_state(void **state)
{
    fixture *f = *state;
    static const char *const us[] = {
        "Marsovia attacked Florida and Georgia.",
        "Marsovia attacked Dalton, Georgia.",
        "The Georgia Senator praised Marsovia.",
        "Governor Brian Kemp of Georgia praised Marsovia.",
        "Russia left. Marsovia attacked Florida and Georgia.", /* the sentence first */
        "Florida hosted the talks. Marsovia attacked Georgia.",
    };
    for (size_t k = 0; k < sizeof us / sizeof *us; k++) {
        got g = code_in_context(f, us[k], true);
        assert_false(has(&g, "MAR GEO 190") || has(&g, "GEO MAR 051"));
        assert_true(has(&g, "MAR USA 190") || has(&g, "USA MAR 051"));
        g = code_in_context(f, us[k], false);
        assert_true(has(&g, "MAR GEO 190") || has(&g, "GEO MAR 051"));
    }
    static const char *const country[] = {
        "Marsovia attacked Sylvania, Georgia and Freedonia.",
        "Marsovia attacked Grand Fenwick, Georgia.", /* a name of two words */
        "Florida hosted the talks. Marsovia attacked Georgia, Sylvania and Freedonia.",
        "Marsovia attacked Georgia.",
        "However, Georgia attacked Marsovia. On Monday, Georgia attacked Marsovia.",
        "Florida hosted the talks. Marsovia attacked Georgia near Tbilisi.",
        "Florida hosted the talks, and Russia left. Marsovia attacked Georgia.",
    };
    for (size_t k = 0; k < sizeof country / sizeof *country; k++) {
        got g = code_in_context(f, country[k], true);
        assert_true(has(&g, "MAR GEO 190") || has(&g, "GEO MAR 190"));
        assert_false(has(&g, "MAR USA 190") || has(&g, "USA MAR 190"));
    }
    /* a state a paragraph away is not near; an earlier "Dalton, Georgia"
     * still tells the later bare Georgia */
    char text[2400];
    static const char filler[] = "Nothing happened then. ";
    for (int told = 0; told < 2; told++) {
        size_t n = (size_t)snprintf(text, sizeof text, "%s",
                                    told ? "Marsovia left Dalton, Georgia. " : "Florida left. ");
        while (n + sizeof filler < 1400)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s", filler);
        snprintf(text + n, sizeof text - n, "Marsovia attacked Georgia.");
        got g = code_in_context(f, text, true);
        assert_true(has(&g, told ? "MAR USA 190" : "MAR GEO 190"));
    }
    /* dictionaries with no US state: the state is no actor */
    const char *const files[][2] = {{".actors.txt", "GEORGIA_ [GEO]\nMARSOVIA_ [MAR]\n"},
                                    {".verbs.txt", verbs_txt}};
    void *plain;
    fixture_load(&plain, files, 2);
    got g = code_in_context(plain, "Marsovia attacked Dalton, Georgia.", true);
    assert_int_equal(g.n, 0);
    g = code_in_context(plain, "Marsovia attacked Georgia.", true);
    assert_true(has(&g, "MAR GEO 190"));
    teardown(&plain);
}

/* Trace callback: sets *user when the title before "Kovac" took FRE. */
static void find_titled_fre(void *user, const char *line)
{
    if (strstr(line, "titles Kovac, named with that country before: FREGOV"))
        *(bool *)user = true;
}

/* A hyphenated name is one name ("Prime Minister Al-Kadhimi of Iraq",
 * split by the tokenizer into "Al", "-", "Kadhimi"): its person is
 * named with the country after "of", and a later title with that name
 * takes it, not the publisher's. */
static void context_reads_a_hyphenated_name(void **state)
{
    static const char text[] = "Minister Anna Al-Berg of Marsovia arrived. Sylvania hosted the "
                               "talks. Minister Al-Berg attacked Freedonia.";
    got g = code_in_release(*state, text, "https://www.example.gov/news/4", NULL, NULL);
    assert_true(has(&g, "MARGOV FRE 190"));
    assert_false(has(&g, "USAGOV FRE 190"));
    /* a hyphen with spaces around it ends the name */
    static const char text2[] = "Leader Anna Al - Berg of Marsovia arrived. Sylvania hosted the "
                                "talks. Leader Berg attacked Freedonia.";
    g = code_in_release(*state, text2, "https://www.example.gov/news/5", NULL, NULL);
    assert_true(has(&g, "USAGOV FRE 190"));
    /* the name may be an actor of its own (here of Marsovia): the
     * country after "of" is still read */
    static const char text3[] = "Minister Jan Kovac of Freedonia arrived. Sylvania hosted the "
                                "talks. Minister Kovac attacked Sylvania.";
    bool titled = false;
    g = code_in_release(*state, text3, "https://www.example.gov/news/6", find_titled_fre, &titled);
    assert_true(titled);
    assert_false(has(&g, "USAGOV SYL 190"));
}

/* A bare "The President" in an official release is its own head of
 * state, whatever country the title was last named with ("The President
 * thanked Mr Tsydenov" on kremlin.ru was GBRGOV); not "Mr President",
 * the one spoken to, nor a lower-case "the president". */
static void context_gives_the_publishers_president(void **state)
{
    static const char text[] = "The president of Sylvania met Marsovia. The President attacked "
                               "Marsovia. Mr President praised Marsovia. Then the president "
                               "called Marsovia.";
    got g = code_in_release(*state, text, "https://www.president.gov.ua/n/1", NULL, NULL);
    assert_true(has(&g, "SYLGOV MAR 040"));
    assert_true(has(&g, "UKRGOV MAR 190"));
    assert_false(has(&g, "SYLGOV MAR 190"));
    assert_true(has(&g, "SYLGOV MAR 051"));
    assert_true(has(&g, "SYLGOV MAR 041"));
    g = code_in_release(*state, text, NULL, NULL, NULL); /* no publisher */
    assert_true(has(&g, "SYLGOV MAR 190"));
    /* so is "The Vice President", where the publisher's state has one
     * (the United States; not Russia) */
    static const char text2[] = "Sylvania hosted the talks. The Vice President attacked Marsovia.";
    g = code_in_release(*state, text2, "https://www.example.gov/news/7", NULL, NULL);
    assert_true(has(&g, "USAGOV MAR 190"));
    g = code_in_release(*state, text2, "http://en.kremlin.ru/events/1", NULL, NULL);
    assert_true(has(&g, "SYLGOV MAR 190"));
    assert_false(has(&g, "RUSGOV MAR 190"));
}

/* A passive that names no agent: PETRARCH-2 lets the first actor after
 * the verb act (the suites expect "An Eriadorian was shot dead in
 * Osgiliath" to give OSG), but in running text that actor is a place, a
 * recipient or a topic, so with document context only a "by" agent acts
 * (also one the parse hung on the preposition itself). */
static void context_lets_only_a_by_agent_act_in_a_passive(void **state)
{
    (void)state;
    /* the PETRARCH-2 rule needs PETRARCH-2 verbs: the fixture's own
     * verbs under the heading that marks them so */
    char *verbs2 = malloc(strlen(verbs_txt) + 64);
    assert_non_null(verbs2);
    strcpy(verbs2, "# VERB PATTERNS\n");
    strcat(verbs2, verbs_txt);
    const char *const files[][2] = {{".actors.txt", actors_txt},
                                    {".agents.txt", agents_txt},
                                    {".verbs.txt", verbs2}};
    void *petr2;
    fixture_load(&petr2, files, 3);
    static const char text[] = "The minister of Freedonia was attacked in Sylvania.";
    char parse[1024];
    conllu_spec(parse, sizeof parse,
                "The DET 2 det;minister NOUN 6 nsubj:pass;of ADP 4 case;Freedonia PROPN 2 nmod;"
                "was AUX 6 aux:pass;attacked VERB 0 root;in ADP 8 case;Sylvania PROPN 6 obl;"
                ". PUNCT 6 punct");
    got g = code_in_context_parsed(petr2, text, parse, false);
    assert_true(has(&g, "SYL FREGOV 190"));
    g = code_in_context_parsed(petr2, text, parse, true);
    assert_int_equal(g.n, 0);
    /* the by-phrase as the parser hangs it: "by" an obl of the verb, the
     * actor its object */
    static const char text2[] = "Freedonia was attacked by Sylvania.";
    conllu_spec(parse, sizeof parse,
                "Freedonia PROPN 3 nsubj:pass;was AUX 3 aux:pass;attacked VERB 0 root;"
                "by ADP 3 obl;Sylvania PROPN 4 obj;. PUNCT 3 punct");
    g = code_in_context_parsed(petr2, text2, parse, true);
    assert_true(has(&g, "SYL FRE 190"));
    teardown(&petr2);
    free(verbs2);
}

/* In running text a comma alone does not join a sentence's subject to an
 * actor before it ("During a visit to Brussels, President Zelenskyy met
 * ..."); the suites' mode keeps TABARI's and PETRARCH's comma lists. */
static void context_joins_no_subject_to_an_actor_by_a_comma(void **state)
{
    static const char text[] = "In Sylvania, Freedonia attacked Marsovia.";
    static const char spec[] =
        "In ADP 2 case;Sylvania PROPN 5 obl;, PUNCT 5 punct;Freedonia PROPN 5 nsubj;"
        "attacked VERB 0 root;Marsovia PROPN 5 obj;. PUNCT 5 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE MAR 190"));
    assert_true(has(&g, "SYL MAR 190"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_true(has(&g, "FRE MAR 190"));
    assert_false(has(&g, "SYL MAR 190"));
}

/* ... nor a circumstance ("Today in Kuala Lumpur, President Donald J.
 * Trump brokered ...") to an actor after it the parse hangs elsewhere; a
 * list going on to "and" stays one compound. */
static void context_joins_no_circumstance_to_an_actor_by_a_comma(void **state)
{
    static const char text[] = "In Sylvania, Freedonia troops attacked Marsovia.";
    static const char spec[] =
        "In ADP 2 case;Sylvania PROPN 6 obl;, PUNCT 5 punct;Freedonia PROPN 5 compound;"
        "troops NOUN 2 appos;attacked VERB 0 root;Marsovia PROPN 6 obj;. PUNCT 6 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FREMIL MAR 190"));
    assert_true(has(&g, "SYL MAR 190"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_true(has(&g, "FREMIL MAR 190"));
    assert_false(has(&g, "SYL MAR 190"));
    static const char text2[] = "Marsovia attacked with Sylvania, Freedonia and Ruritania.";
    static const char spec2[] =
        "Marsovia PROPN 2 nsubj;attacked VERB 0 root;with ADP 4 case;Sylvania PROPN 2 obl;"
        ", PUNCT 6 punct;Freedonia PROPN 4 appos;and CCONJ 8 cc;Ruritania PROPN 6 conj;"
        ". PUNCT 2 punct";
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "MAR SYL 190"));
    assert_true(has(&g, "MAR FRE 190"));
    assert_true(has(&g, "MAR RUR 190"));
}

/* ... nor the end of an opening clause ("While discussing ... the
 * operation to protect Donbass, Recep Tayyip Erdogan expressed ..."),
 * however the parse conjoins them; "A, B and others" stays a list. */
static void context_joins_no_opening_clause_to_an_actor_by_a_comma(void **state)
{
    static const char text[] = "While fighting Sylvania, Freedonia praised Marsovia.";
    static const char spec[] =
        "While SCONJ 2 mark;fighting VERB 6 advcl;Sylvania PROPN 2 obj;, PUNCT 5 punct;"
        "Freedonia PROPN 3 conj;praised VERB 0 root;Marsovia PROPN 6 obj;. PUNCT 6 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "SYL MAR 051"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_true(has(&g, "FRE MAR 051"));
    assert_false(has(&g, "SYL MAR 051"));
    static const char text2[] = "Marsovia attacked Sylvania, Freedonia and others.";
    static const char spec2[] =
        "Marsovia PROPN 2 nsubj;attacked VERB 0 root;Sylvania PROPN 2 obj;, PUNCT 5 punct;"
        "Freedonia PROPN 3 conj;and CCONJ 7 cc;others NOUN 3 conj;. PUNCT 2 punct";
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "MAR SYL 190"));
    assert_true(has(&g, "MAR FRE 190"));
}

/* Sector codes: every role, sector and religion code of CAMEO's list,
 * and nothing else (countries, the three-letter codes that look alike,
 * codes shorter than three letters). */
static void sector_codes_are_the_roles_sectors_and_religions(void **state)
{
    (void)state;
    static const char *const yes[] = {
        "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "AGR", "BUS",
        "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "MOD",
        "PPL", "RAD", "REF", "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "DOX",
        "HIN", "HSD", "ITH", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "OTH", "PRO",
        "SHI", "SIK", "TAO", "ZRO", "GOVMIL", "MEDxyz"};
    static const char *const no[] = {"SHN", "SUN", "MUS", "USA", "AAA", "ZZZ", "ZRP", "ADQ",
                                     "GO", "G", "", "---", "gov", "IGO", "USAGOV"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(coder_sector_code(yes[i]));
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(coder_sector_code(no[i]));
}

/* The coder keeps what it works out from a word's form (normalized form,
 * atom, prefix atoms) in a cache it empties when full: a sentence codes
 * the same from the cache (the second) as without it (the first), and
 * again after 20,000 new words have emptied it, as does one written in
 * capitals (another form, the same normalized word). */
static void words_code_the_same_after_the_form_cache_empties(void **state)
{
    static const char first[] = "Freedonia praised Sylvania. Freedonia praised Sylvania. ";
    static const char last[] = "Freedonia praised Sylvania. FREEDONIA praised SYLVANIA.";
    size_t cap = sizeof first + 400 * 50 * 12 + sizeof last;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap, "%s", first);
    for (int k = 0; k < 400; k++) {
        for (int j = 0; j < 50; j++)
            n += (size_t)snprintf(text + n, cap - n, "%sq%dz%d", j ? " " : "", k, j);
        n += (size_t)snprintf(text + n, cap - n, ". ");
    }
    snprintf(text + n, cap - n, "%s", last);
    got g = code_text(*state, text, NULL, NULL);
    assert_int_equal(g.n, 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(g.ev[i], "FRE SYL 051");
    free(text);
}

/* "According to" is a preposition, whatever the parser makes of it (a
 * clause of its own, "to" fixed to it). */
static void according_to_is_no_verb(void **state)
{
    static const char text[] = "Freedonia attacked Marsovia according to Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 2 nsubj;attacked VERB 0 root;Marsovia PROPN 2 obj;"
        "according VERB 2 advcl;to ADP 4 fixed;Sylvania PROPN 4 obj;. PUNCT 2 punct";
    for (int context = 0; context < 2; context++) {
        got g = code_in_context_spec(*state, text, spec, context);
        assert_true(has(&g, "FRE MAR 190"));
        assert_false(has(&g, "FRE SYL 030"));
    }
}

/* The agent of a by-phrase is its noun, not an actor in a clause inside
 * it ("encouraged by the outcome in a case covering European pasta
 * imports"); the suites' mode takes the first actor under the phrase. */
static void context_finds_no_agent_in_a_clause_of_the_by_phrase(void **state)
{
    static const char text[] = "Freedonia was attacked by a man who praised Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 3 nsubj:pass;was AUX 3 aux:pass;attacked VERB 0 root;by ADP 6 case;"
        "a DET 6 det;man NOUN 3 obl;who PRON 8 nsubj;praised VERB 6 acl:relcl;"
        "Sylvania PROPN 8 obj;. PUNCT 3 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "SYL FRE 190"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_false(has(&g, "SYL FRE 190"));
    static const char text2[] = "Freedonia was attacked by the army of Sylvania.";
    static const char spec2[] =
        "Freedonia PROPN 3 nsubj:pass;was AUX 3 aux:pass;attacked VERB 0 root;by ADP 6 case;"
        "the DET 6 det;army NOUN 3 obl;of ADP 8 case;Sylvania PROPN 6 nmod;. PUNCT 3 punct";
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "SYL FRE 190"));
}

/* A statement (010) has no addressee inside what it reports, also when
 * the reported clause is a nominal one whose subject the parse took for
 * the verb's object ("said the assets ... were mainly in U.S. dollars"). */
static void context_addresses_no_actor_inside_a_nominal_report(void **state)
{
    static const char text[] = "Freedonia stated the talks were in Sylvania towns.";
    static const char spec[] =
        "Freedonia PROPN 2 nsubj;stated VERB 0 root;the DET 4 det;talks NOUN 2 obj;"
        "were AUX 8 cop;in ADP 8 case;Sylvania PROPN 8 compound;towns NOUN 2 ccomp;"
        ". PUNCT 2 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 010"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_false(has(&g, "FRE SYL 010"));
}

/* What one speaks is a language ("She speaks Arabic and French": the
 * nationality adjectives are countries in the dictionaries), not the one
 * spoken to or with. */
static void context_speaks_no_language_as_a_target(void **state)
{
    static const char text[] = "Freedonia speaks Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 2 nsubj;speaks VERB 0 root;Sylvania PROPN 2 obj;. PUNCT 2 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 010"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
    static const char text2[] = "Freedonia spoke with Sylvania.";
    static const char spec2[] = "Freedonia PROPN 2 nsubj;spoke VERB 0 root;with ADP 4 case;"
                                "Sylvania PROPN 2 obl;. PUNCT 2 punct";
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 010"));
}

/* Trace callback: sets *user when a pronoun was taken for the speaker
 * Freedonia. */
static void find_speaker_fre(void *user, const char *line)
{
    if (strstr(line, "the speaker of the clause it opens: FRE"))
        *(bool *)user = true;
}

/* A pronoun opening what its sentence's speaker says is the speaker
 * ("The Freedonia office in Marsovia said it attacked Sylvania": it is
 * the office, Freedonia, not the last actor before it), in both of the
 * parser's readings: "it" the subject of the clause said, or the object
 * of "said" before a verb. */
static void context_pronoun_after_said_is_the_speaker(void **state)
{
    static const char text[] = "The Freedonia office in Marsovia said it attacked Sylvania.";
    static const char *const specs[] = {
        "The DET 3 det;Freedonia PROPN 3 compound;office NOUN 6 nsubj;in ADP 5 case;"
        "Marsovia PROPN 3 nmod;said VERB 0 root;it PRON 8 nsubj;attacked VERB 6 ccomp;"
        "Sylvania PROPN 8 obj;. PUNCT 6 punct",
        "The DET 3 det;Freedonia PROPN 3 compound;office NOUN 6 nsubj;in ADP 5 case;"
        "Marsovia PROPN 3 nmod;said VERB 0 root;it PRON 6 obj;attacked VERB 6 xcomp;"
        "Sylvania PROPN 8 obj;. PUNCT 6 punct",
    };
    for (size_t k = 0; k < sizeof specs / sizeof *specs; k++) {
        got g = code_in_context_spec(*state, text, specs[k], true);
        assert_true(has(&g, "FRE SYL 190"));
        assert_false(has(&g, "MAR SYL 190"));
        /* the pronoun itself, whichever verb codes the event */
        char parse[1024];
        conllu_spec(parse, sizeof parse, specs[k]);
        dyad_given_sentence given = {{0, (uint32_t)strlen(text)}, {parse, strlen(parse)}};
        bool speaker = false;
        dyad_coder_options o;
        memset(&o, 0, sizeof o);
        o.context_actors = true;
        o.trace = find_speaker_fre;
        o.trace_user = &speaker;
        code_with(*state, &o, text, &given, 1, NULL);
        assert_true(speaker);
    }
    got g = code_in_context_spec(*state, text, specs[0], false); /* the suites' rule */
    assert_true(has(&g, "MAR SYL 190"));
    /* "... he said it ...": "it" is not the speaker "he" (here the
     * office, Freedonia): it keeps the usual referent, Marsovia */
    static const char text2[] =
        "The Freedonia office in Marsovia said he said it attacked Sylvania.";
    static const char spec2[] =
        "The DET 3 det;Freedonia PROPN 3 compound;office NOUN 6 nsubj;in ADP 5 case;"
        "Marsovia PROPN 3 nmod;said VERB 0 root;he PRON 8 nsubj;said VERB 6 ccomp;"
        "it PRON 10 nsubj;attacked VERB 8 ccomp;Sylvania PROPN 10 obj;. PUNCT 6 punct";
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "MAR SYL 190"));
    assert_false(has(&g, "FRE SYL 190"));
}

/* "In" names where something happened ("met in Tokyo"), not one acted
 * upon; but where a violent act happens is what it strikes ("strikes in
 * Kharkiv"). */
static void context_takes_no_place_for_a_target(void **state)
{
    static const char text[] = "Freedonia met in Sylvania.";
    static const char spec[] = "Freedonia PROPN 2 nsubj;met VERB 0 root;in ADP 4 case;"
                               "Sylvania PROPN 2 obl;. PUNCT 2 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 040"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
    static const char text2[] = "Freedonia attacked in Sylvania.";
    static const char spec2[] = "Freedonia PROPN 2 nsubj;attacked VERB 0 root;in ADP 4 case;"
                                "Sylvania PROPN 2 obl;. PUNCT 2 punct";
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 190"));
}

/* An actor inside a clause that modifies a noun is not acted upon by the
 * verb above that noun ("gave an explanation of the reasons for the
 * operation to protect Donbass" gives nothing to Donbass). */
static void context_takes_no_target_from_a_clause_of_a_noun(void **state)
{
    static const char text[] = "Freedonia praised the plan to attack Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 2 nsubj;praised VERB 0 root;the DET 4 det;plan NOUN 2 obj;"
        "to PART 6 mark;attack VERB 4 acl;Sylvania PROPN 6 obj;. PUNCT 2 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 051"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
}

/* "He" after a sentence that opens with a titled person stands for no
 * one, not for the actor of a sentence before that ("... milestone in
 * Armenian and Azerbaijani relations ... President Trump is the President
 * of Peace. As President, he has brokered peace between ..." was ARM). */
static void context_he_after_a_titled_person_is_no_earlier_actor(void **state)
{
    got g = code_in_context(*state, "Freedonia hosted the talks. He attacked Sylvania.", true);
    assert_true(has(&g, "FRE SYL 190"));
    g = code_in_context(*state,
                        "Freedonia hosted the talks. The minister spoke. He attacked Sylvania.",
                        true);
    assert_false(has(&g, "FRE SYL 190"));
    assert_int_equal(g.n, 0);
}

/* The nearest-actor fallback for a verb with no subject: in running text
 * not an actor behind a preposition ("spent two days in Washington
 * talking to officials"), and not across the subject of the clause an
 * adverbial clause hangs on ("Cossiga will meet former presidents before
 * holding talks"), unless that clause is one of "for", "from" or "to",
 * whose object often acts ("commend the President for recognizing"). */
static void context_near_source_skips_places_and_follows_the_subject(void **state)
{
    static const char text[] = "Two days in Sylvania praising Freedonia.";
    static const char spec[] =
        "Two NUM 2 nummod;days NOUN 0 root;in ADP 4 case;Sylvania PROPN 2 nmod;"
        "praising VERB 2 acl;Freedonia PROPN 5 obj;. PUNCT 2 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "SYL FRE 051"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
    static const char text2[] = "Bob met Freedonia before praising Sylvania.";
    static const char spec2[] =
        "Bob PROPN 2 nsubj;met VERB 0 root;Freedonia PROPN 2 obj;before SCONJ 5 mark;"
        "praising VERB 2 advcl;Sylvania PROPN 5 obj;. PUNCT 2 punct";
    g = code_in_context_spec(*state, text2, spec2, false);
    assert_true(has(&g, "FRE SYL 051"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_int_equal(g.n, 0);
    static const char text3[] = "Bob met Freedonia for praising Sylvania.";
    static const char spec3[] =
        "Bob PROPN 2 nsubj;met VERB 0 root;Freedonia PROPN 2 obj;for SCONJ 5 mark;"
        "praising VERB 2 advcl;Sylvania PROPN 5 obj;. PUNCT 2 punct";
    g = code_in_context_spec(*state, text3, spec3, true);
    assert_true(has(&g, "FRE SYL 051"));
}

/* In running text an actor behind a preposition of a relation or topic
 * inside the subject phrase ("trade deals with Indonesia ... will
 * protect", "sanctions against Russia") is not the one acting; members
 * and places ("troops in Sylvania") still are. */
static void context_subject_phrase_topic_is_no_source(void **state)
{
    static const char text[] = "Sanctions against Sylvania attacked Freedonia.";
    static const char spec[] =
        "Sanctions NOUN 4 nsubj;against ADP 3 case;Sylvania PROPN 1 nmod;attacked VERB 0 root;"
        "Freedonia PROPN 4 obj;. PUNCT 4 punct";
    static const char text2[] = "Troops in Sylvania attacked Freedonia.";
    static const char spec2[] =
        "Troops NOUN 4 nsubj;in ADP 3 case;Sylvania PROPN 1 nmod;attacked VERB 0 root;"
        "Freedonia PROPN 4 obj;. PUNCT 4 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "SYL FRE 190"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_false(has(&g, "SYL FRE 190"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(g.n > 0);
    assert_true(strncmp(g.ev[0], "SYL", 3) == 0);
    /* a "subject" ending an opening phrase, the parse conjoining the one
     * acting to it across a comma alone ("At the request of Abdel Fattah
     * el-Sisi, Vladimir Putin explained ...") */
    static const char text3[] = "At the request of Sylvania, Freedonia attacked Marsovia.";
    static const char spec3[] =
        "At ADP 3 case;the DET 3 det;request NOUN 0 root;of SCONJ 8 mark;Sylvania PROPN 8 nsubj;"
        ", PUNCT 7 punct;Freedonia PROPN 5 conj;attacked VERB 3 acl;Marsovia PROPN 8 obj;"
        ". PUNCT 3 punct";
    g = code_in_context_spec(*state, text3, spec3, true);
    assert_true(has(&g, "FRE MAR 190"));
    assert_false(has(&g, "SYL MAR 190"));
}

/* A statement's circumstance of time or place ("told reporters on his
 * return from Ethiopia") is no addressee in running text; one spoken to
 * is. */
static void context_statement_circumstance_is_no_addressee(void **state)
{
    static const char text[] = "Freedonia spoke after the talks with Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 2 nsubj;spoke VERB 0 root;after ADP 5 case;the DET 5 det;"
        "talks NOUN 2 obl;with ADP 7 case;Sylvania PROPN 5 nmod;. PUNCT 2 punct";
    static const char text2[] = "Freedonia spoke to Sylvania.";
    static const char spec2[] = "Freedonia PROPN 2 nsubj;spoke VERB 0 root;to ADP 4 case;"
                                "Sylvania PROPN 2 obl;. PUNCT 2 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 010"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_false(has(&g, "FRE SYL 010"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 010"));
}

/* The nearest-actor fallback crosses a speaker's label when the verb has
 * no subject of its own ("Nikol Pashinyan: Thank you, Mr Putin."), not
 * when someone else is named after the colon ("CNN: Trump to host ...",
 * "House Judiciary GOP: Democrats forced ...", however misparsed). */
static void near_source_crosses_a_speaker_label_only_to_a_subjectless_verb(void **state)
{
    static const char text[] = "Freedonia: Praising Sylvania today.";
    static const char spec[] =
        "Freedonia PROPN 0 root;: PUNCT 3 punct;Praising VERB 1 parataxis;"
        "Sylvania PROPN 3 obj;today NOUN 3 obl:tmod;. PUNCT 1 punct";
    static const char text2[] = "Freedonia: Bob praising Sylvania today.";
    static const char spec2[] =
        "Freedonia PROPN 0 root;: PUNCT 3 punct;Bob PROPN 1 parataxis;praising VERB 3 acl;"
        "Sylvania PROPN 4 obj;today NOUN 4 obl:tmod;. PUNCT 1 punct";
    for (int context = 0; context < 2; context++) {
        got g = code_in_context_spec(*state, text, spec, context);
        assert_true(has(&g, "FRE SYL 051"));
        g = code_in_context_spec(*state, text2, spec2, context);
        assert_false(has(&g, "FRE SYL 051"));
    }
}

/* A country before a currency's name ("U.S. Dlrs", "Luxembourg franc")
 * names money, not an actor, in running text. */
static void context_takes_no_currency_for_an_actor(void **state)
{
    static const char text[] = "Freedonia promised 100 Sylvania dollars.";
    got g = code_in_context(*state, text, false);
    assert_true(has(&g, "FRE SYL 030"));
    g = code_in_context(*state, text, true);
    assert_int_equal(g.n, 0);
    g = code_in_context(*state, "Freedonia promised Sylvania 100 dollars.", true);
    assert_true(has(&g, "FRE SYL 030"));
}

/* A place before the name of a document or forum ("the Minsk
 * agreements", "the Paris Climate Agreement") names the document, not an
 * actor; the parties of a hyphenated pair ("the Sylvania-Freedonia
 * treaty") are actors still. */
static void context_takes_no_document_for_an_actor(void **state)
{
    static const char text[] = "Freedonia attacked the Sylvania Peace Accords.";
    got g = code_in_context(*state, text, false);
    assert_true(has(&g, "FRE SYL 190"));
    g = code_in_context(*state, text, true);
    assert_int_equal(g.n, 0);
    g = code_in_context(*state, "Freedonia attacked the Ruritania-Sylvania treaty.", true);
    assert_true(has(&g, "FRE RUR 190"));
    g = code_in_context(*state, "Freedonia attacked the Vatican-Sylvania treaty.", true);
    assert_true(has(&g, "FRE SYL 190"));
}

/* "Meet" with an object that names no actor meets a requirement ("would
 * meet its financial obligations to the U.S."), not a person. */
static void context_meets_no_one_in_meeting_an_obligation(void **state)
{
    static const char text[] = "Freedonia will meet its obligations to Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 3 nsubj;will AUX 3 aux;meet VERB 0 root;its PRON 5 nmod:poss;"
        "obligations NOUN 3 obj;to ADP 7 case;Sylvania PROPN 5 nmod;. PUNCT 3 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 040"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
    static const char text2[] = "Freedonia will meet Sylvania.";
    static const char spec2[] =
        "Freedonia PROPN 3 nsubj;will AUX 3 aux;meet VERB 0 root;Sylvania PROPN 3 obj;. PUNCT 3 punct";
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 040"));
}

/* A passive's by-phrase is the agent's side, all of it ("The meeting was
 * attended by Prime Minister Mishustin, State Duma Speaker Volodin, ..."
 * is no event between attendants); when its subject is no actor, only a
 * prepositional phrase names another party, not an actor a misparse left
 * hanging on the verb. */
static void passive_takes_no_target_from_its_agents_side(void **state)
{
    static const char text[] = "The convoy was attacked by Freedonia troops near the Sylvania border.";
    static const char spec[] =
        "The DET 2 det;convoy NOUN 4 nsubj:pass;was AUX 4 aux:pass;attacked VERB 0 root;"
        "by ADP 7 case;Freedonia PROPN 7 compound;troops NOUN 4 obl;near ADP 11 case;"
        "the DET 11 det;Sylvania PROPN 11 compound;border NOUN 7 nmod;. PUNCT 4 punct";
    static const char text2[] = "The convoy was attacked by Freedonia, then Sylvania.";
    static const char spec2[] =
        "The DET 2 det;convoy NOUN 4 nsubj:pass;was AUX 4 aux:pass;attacked VERB 0 root;"
        "by ADP 6 case;Freedonia PROPN 4 obl;, PUNCT 9 punct;then ADV 9 advmod;"
        "Sylvania PROPN 4 dep;. PUNCT 4 punct";
    static const char text3[] = "The convoy was attacked by Freedonia in Sylvania.";
    static const char spec3[] =
        "The DET 2 det;convoy NOUN 4 nsubj:pass;was AUX 4 aux:pass;attacked VERB 0 root;"
        "by ADP 6 case;Freedonia PROPN 4 obl;in ADP 8 case;Sylvania PROPN 4 obl;. PUNCT 4 punct";
    for (int context = 0; context < 2; context++) {
        got g = code_in_context_spec(*state, text, spec, context);
        assert_int_equal(g.n, 0);
        g = code_in_context_spec(*state, text2, spec2, context);
        assert_int_equal(g.n, 0);
        g = code_in_context_spec(*state, text3, spec3, context);
        assert_true(has(&g, "FRE SYL 190"));
    }
}

/* An "as" phrase names the role the subject plays, not a party acted
 * upon ("served as Deputy Chief of Mission at the U.S. Embassy"); an
 * object before it is still the target.  Nor is a comparison's yardstick
 * ("more ... than Joe Biden") a target. */
static void role_phrase_gives_no_target(void **state)
{
    static const char text[] = "Freedonia troops fought as allies of Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 2 compound;troops NOUN 3 nsubj;fought VERB 0 root;as ADP 5 case;"
        "allies NOUN 3 obl;of ADP 7 case;Sylvania PROPN 5 nmod;. PUNCT 3 punct";
    static const char text2[] = "Freedonia praised Sylvania as a partner.";
    static const char spec2[] =
        "Freedonia PROPN 2 nsubj;praised VERB 0 root;Sylvania PROPN 2 obj;as ADP 6 case;"
        "a DET 6 det;partner NOUN 2 obl;. PUNCT 2 punct";
    static const char text3[] = "Freedonia attacked more towns than Sylvania.";
    static const char spec3[] =
        "Freedonia PROPN 2 nsubj;attacked VERB 0 root;more ADJ 4 amod;towns NOUN 2 obj;"
        "than ADP 6 case;Sylvania PROPN 4 nmod;. PUNCT 2 punct";
    for (int context = 0; context < 2; context++) {
        got g = code_in_context_spec(*state, text, spec, context);
        assert_int_equal(g.n, 0);
        g = code_in_context_spec(*state, text2, spec2, context);
        assert_true(has(&g, "FRE SYL 051"));
        g = code_in_context_spec(*state, text3, spec3, context);
        assert_false(has(&g, "FRE SYL 190"));
    }
}

/* Inside a clause under the verb, a "for" phrase of a noun names whom
 * the clause's object serves ("is fighting to ensure an even playing
 * field for our farmers", "promised to secure a truce for Sylvania"), not a
 * party the verb acts upon; that clause's own object still is one. */
static void context_takes_no_beneficiary_of_a_noun_as_target(void **state)
{
    static const char text[] = "Freedonia promised to secure a truce for Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 2 nsubj;promised VERB 0 root;to PART 4 mark;secure VERB 2 xcomp;"
        "a DET 6 det;truce NOUN 4 obj;for ADP 8 case;Sylvania PROPN 6 nmod;. PUNCT 2 punct";
    static const char text2[] = "Freedonia promised to welcome Sylvania.";
    static const char spec2[] = "Freedonia PROPN 2 nsubj;promised VERB 0 root;to PART 4 mark;"
                                "welcome VERB 2 xcomp;Sylvania PROPN 4 obj;. PUNCT 2 punct";
    got g = code_in_context_spec(*state, text, spec, true);
    assert_false(has(&g, "FRE SYL 030"));
    g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 030"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 030"));
}

/* In running text a negation covers a verb joined by "or" with no
 * subject of its own ("does not cooperate or share"), not one joined by
 * "and"; sentence coding keeps the suites' reading. */
static void context_negation_covers_an_or_conjunct(void **state)
{
    static const char text[] = "Freedonia does not praise or meet Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 4 nsubj;does AUX 4 aux;not PART 4 advmod;praise VERB 0 root;"
        "or CCONJ 6 cc;meet VERB 4 conj;Sylvania PROPN 6 obj;. PUNCT 4 punct";
    static const char text2[] = "Freedonia does not praise Ruritania and meets Sylvania.";
    static const char spec2[] =
        "Freedonia PROPN 4 nsubj;does AUX 4 aux;not PART 4 advmod;praise VERB 0 root;"
        "Ruritania PROPN 4 obj;and CCONJ 7 cc;meets VERB 4 conj;Sylvania PROPN 7 obj;"
        ". PUNCT 4 punct";
    got g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
    g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 040"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 040"));
    assert_false(has(&g, "FRE RUR 051"));
}

/* In running text the complement of a verb of refusing, failing or
 * resisting ("refused to meet", "were resisting allowing") is not done,
 * and a clause opened by "whether" asks, it does not report. */
static void context_codes_no_refused_or_questioned_act(void **state)
{
    static const char text[] = "Freedonia refused to meet Sylvania.";
    static const char spec[] = "Freedonia PROPN 2 nsubj;refused VERB 0 root;to PART 4 mark;"
                               "meet VERB 2 xcomp;Sylvania PROPN 4 obj;. PUNCT 2 punct";
    static const char text2[] = "Nobody knows whether Freedonia met Sylvania.";
    static const char spec2[] = "Nobody PRON 2 nsubj;knows VERB 0 root;whether SCONJ 5 mark;"
                                "Freedonia PROPN 5 nsubj;met VERB 2 ccomp;Sylvania PROPN 5 obj;"
                                ". PUNCT 2 punct";
    got g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
    g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 040"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_int_equal(g.n, 0);
    g = code_in_context_spec(*state, text2, spec2, false);
    assert_true(has(&g, "FRE SYL 040"));
}

/* In running text a statement to the press ("told reporters") has the
 * press as its audience: no event with it; criticizing the press is one. */
static void context_codes_no_statement_to_the_press(void **state)
{
    static const char text[] = "The Freedonia minister stated to Sylvania reporters that prices rose.";
    static const char spec[] =
        "The DET 3 det;Freedonia PROPN 3 compound;minister NOUN 4 nsubj;stated VERB 0 root;"
        "to ADP 7 case;Sylvania PROPN 7 compound;reporters NOUN 4 obl;that SCONJ 10 mark;"
        "prices NOUN 10 nsubj;rose VERB 4 ccomp;. PUNCT 4 punct";
    static const char text2[] = "The Freedonia minister attacked Sylvania reporters.";
    static const char spec2[] = "The DET 3 det;Freedonia PROPN 3 compound;minister NOUN 4 nsubj;"
                                "attacked VERB 0 root;Sylvania PROPN 6 compound;"
                                "reporters NOUN 4 obj;. PUNCT 4 punct";
    got g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
    g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FREGOV SYLMED 010"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FREGOV SYLMED 190"));
}

/* In running text the "to" phrase of a noun of going somewhere ("his
 * recent visit to Kiev", "a Presidential Delegation to Warsaw") names a
 * destination, not the recipient the verb's target is. */
static void context_takes_no_destination_for_a_recipient(void **state)
{
    static const char text[] = "Freedonia praised Marsovia after a visit to Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 2 nsubj;praised VERB 0 root;Marsovia PROPN 2 obj;after ADP 6 case;"
        "a DET 6 det;visit NOUN 2 obl;to ADP 8 case;Sylvania PROPN 6 nmod;. PUNCT 2 punct";
    static const char text2[] = "Freedonia praised Marsovia after a letter to Sylvania.";
    static const char spec2[] =
        "Freedonia PROPN 2 nsubj;praised VERB 0 root;Marsovia PROPN 2 obj;after ADP 6 case;"
        "a DET 6 det;letter NOUN 2 obl;to ADP 8 case;Sylvania PROPN 6 nmod;. PUNCT 2 punct";
    got g = code_in_context_spec(*state, text, spec, true);
    assert_true(has(&g, "FRE MAR 051"));
    assert_false(has(&g, "FRE SYL 051"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 051"));
}

/* In running text what conjoined subjects discuss is a topic: they
 * consult each other ("Putin and Erdogan discussed the developments in
 * Ukraine"); whom they meet is a party. */
static void context_conjoined_subjects_discuss_a_topic(void **state)
{
    static const char text[] = "Freedonia and Sylvania discussed Marsovia.";
    static const char spec[] = "Freedonia PROPN 4 nsubj;and CCONJ 3 cc;Sylvania PROPN 1 conj;"
                               "discussed VERB 0 root;Marsovia PROPN 4 obj;. PUNCT 4 punct";
    static const char text2[] = "Freedonia and Sylvania met Marsovia.";
    static const char spec2[] = "Freedonia PROPN 4 nsubj;and CCONJ 3 cc;Sylvania PROPN 1 conj;"
                                "met VERB 0 root;Marsovia PROPN 4 obj;. PUNCT 4 punct";
    got g = code_in_context_spec(*state, text, spec, true);
    assert_true(has(&g, "FRE SYL 040"));
    assert_true(has(&g, "SYL FRE 040"));
    assert_false(has(&g, "FRE MAR 040"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE MAR 040"));
    assert_true(has(&g, "SYL MAR 040"));
}

/* In running text conjoined subjects of "cooperate" or "work together"
 * cooperate with each other, not with a forum they do it in; a "with"
 * phrase names a partner. */
static void context_conjoined_subjects_cooperate_with_each_other(void **state)
{
    static const char text[] = "Freedonia and Sylvania cooperate in Marsovia.";
    static const char spec[] = "Freedonia PROPN 4 nsubj;and CCONJ 3 cc;Sylvania PROPN 1 conj;"
                               "cooperate VERB 0 root;in ADP 6 case;Marsovia PROPN 4 obl;"
                               ". PUNCT 4 punct";
    static const char text2[] = "Freedonia and Sylvania cooperate with Marsovia.";
    static const char spec2[] = "Freedonia PROPN 4 nsubj;and CCONJ 3 cc;Sylvania PROPN 1 conj;"
                                "cooperate VERB 0 root;with ADP 6 case;Marsovia PROPN 4 obl;"
                                ". PUNCT 4 punct";
    got g = code_in_context_spec(*state, text, spec, true);
    assert_true(has(&g, "FRE SYL 060"));
    assert_true(has(&g, "SYL FRE 060"));
    assert_false(has(&g, "FRE MAR 060"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE MAR 060"));
    assert_false(has(&g, "FRE SYL 060"));
}

/* In running text "going to" before a verb marks a future: the verb
 * after it is the act, not a going ("Israel is going to have to
 * decide"); "going to Sylvania" still goes. */
static void context_going_to_before_a_verb_is_a_future(void **state)
{
    static const char text[] = "Freedonia is going to attack Sylvania.";
    static const char spec[] = "Freedonia PROPN 3 nsubj;is AUX 3 aux;going VERB 0 root;"
                               "to PART 5 mark;attack VERB 3 xcomp;Sylvania PROPN 5 obj;"
                               ". PUNCT 3 punct";
    static const char text2[] = "Freedonia is going to Sylvania.";
    static const char spec2[] = "Freedonia PROPN 3 nsubj;is AUX 3 aux;going VERB 0 root;"
                                "to ADP 5 case;Sylvania PROPN 3 obl;. PUNCT 3 punct";
    got g = code_in_context_spec(*state, text, spec, true);
    assert_true(has(&g, "FRE SYL 190"));
    assert_false(has(&g, "FRE SYL 040"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 040"));
}

/* In running text a capital joined to "-based" names where a company is,
 * not the government it stands for elsewhere; a country still names the
 * company's country. */
static void context_capital_based_company_is_no_government(void **state)
{
    static const char text[] = "Strelsau-based Acme praised Freedonia.";
    static const char spec[] = "Strelsau PROPN 5 compound;- PUNCT 1 punct;based VERB 5 amod;"
                               "Acme PROPN 6 nsubj;praised VERB 0 root;Freedonia PROPN 6 obj;"
                               ". PUNCT 6 punct";
    static const char text2[] = "Ruritania-based Acme praised Freedonia.";
    static const char spec2[] = "Ruritania PROPN 5 compound;- PUNCT 1 punct;based VERB 5 amod;"
                                "Acme PROPN 6 nsubj;praised VERB 0 root;Freedonia PROPN 6 obj;"
                                ". PUNCT 6 punct";
    got g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
    g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "RURGOV FRE 051"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "RUR FRE 051"));
}

/* Dictionary words the tokenizer splits ("AL-MARSOVIA" into "al" "-"
 * "Marsovia", "PEOPLE'S" into "People" "'s") match when the split words
 * touch; a plain match stays when no phrase goes on from the glued word. */
static void split_dictionary_words_match_glued(void **state)
{
    for (int context = 0; context < 2; context++) {
        got g = code_in_context(*state, "Freedonia praised the People's Republic of Sylvania.",
                                context);
        assert_true(has(&g, "FRE PRS 051"));
        g = code_in_context(*state, "Freedonia praised al-Marsovia.", context);
        assert_true(has(&g, "FRE ALM 051"));
        g = code_in_context(*state, "Freedonia praised al - Marsovia.", context);
        assert_false(has(&g, "FRE ALM 051"));
        g = code_in_context(*state, "Freedonia praised Sylvania's envoy.", context);
        assert_true(has(&g, "FRE SYL 051"));
    }
}

/* A country's name after a capitalized word that is no actor ends a
 * longer proper name ("Rep. Jim Jordan", "New England") with document
 * context; a word that qualifies the country ("Communist China") and a
 * headline's capitals leave it an actor, as does sentence coding. */
static void country_name_ending_a_proper_name_is_no_actor(void **state)
{
    static const char text[] = "Yesterday the mayor Jim Freedonia praised Sylvania at the fair.";
    static const char spec[] =
        "Yesterday NOUN 6 obl:tmod;the DET 3 det;mayor NOUN 6 nsubj;Jim PROPN 3 appos;"
        "Freedonia PROPN 4 flat;praised VERB 0 root;Sylvania PROPN 6 obj;at ADP 10 case;"
        "the DET 10 det;fair NOUN 6 obl;. PUNCT 6 punct";
    static const char text2[] = "Yesterday the old Communist Freedonia praised Sylvania at the fair.";
    static const char spec2[] =
        "Yesterday NOUN 6 obl:tmod;the DET 5 det;old ADJ 5 amod;Communist ADJ 5 amod;"
        "Freedonia PROPN 6 nsubj;praised VERB 0 root;Sylvania PROPN 6 obj;at ADP 10 case;"
        "the DET 10 det;fair NOUN 6 obl;. PUNCT 6 punct";
    static const char text3[] = "Mayor Jim Freedonia Praised Sylvania";
    static const char spec3[] = "Mayor PROPN 3 compound;Jim PROPN 3 compound;Freedonia PROPN 4 nsubj;"
                                "Praised VERB 0 root;Sylvania PROPN 4 obj";
    got g = code_in_context_spec(*state, text, spec, true);
    assert_false(has(&g, "FRE SYL 051"));
    g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 051"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 051"));
    g = code_in_context_spec(*state, text3, spec3, true);
    assert_true(has(&g, "FRE SYL 051"));
}

/* An infinitive modifying a noun states its purpose ("a plan to end the
 * conflict", "the special military operation to protect Donbass"): an
 * aim, not an act, in running text; a decision, commitment or attempt
 * reports one.  Right after "operation", "plan", "effort", ... it is the
 * noun's purpose wherever the parser hangs it. */
static void context_codes_no_purpose_of_a_noun(void **state)
{
    static const char text[] = "Freedonia's plan to attack Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 3 nmod:poss;'s PART 1 case;plan NOUN 0 root;to PART 5 mark;"
        "attack VERB 3 acl;Sylvania PROPN 5 obj;. PUNCT 3 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 190"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
    static const char text2[] = "Freedonia's decision to attack Sylvania.";
    static const char spec2[] =
        "Freedonia PROPN 3 nmod:poss;'s PART 1 case;decision NOUN 0 root;to PART 5 mark;"
        "attack VERB 3 acl;Sylvania PROPN 5 obj;. PUNCT 3 punct";
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 190"));
    /* hung on the clause's verb by the parser, right after a noun of a
     * planned undertaking: still that noun's purpose; not after others */
    static const char text3[] = "Freedonia praised the operation to attack Sylvania.";
    static const char spec3[] =
        "Freedonia PROPN 2 nsubj;praised VERB 0 root;the DET 4 det;operation NOUN 2 obj;"
        "to PART 6 mark;attack VERB 2 advcl;Sylvania PROPN 6 obj;. PUNCT 2 punct";
    g = code_in_context_spec(*state, text3, spec3, true);
    assert_false(has(&g, "FRE SYL 190"));
    static const char text4[] = "Freedonia spent its money to attack Sylvania.";
    static const char spec4[] =
        "Freedonia PROPN 2 nsubj;spent VERB 0 root;its PRON 4 nmod:poss;money NOUN 2 obj;"
        "to PART 6 mark;attack VERB 2 advcl;Sylvania PROPN 6 obj;. PUNCT 2 punct";
    g = code_in_context_spec(*state, text4, spec4, true);
    assert_true(has(&g, "FRE SYL 190"));
}

/* A gerund that a preposition makes the topic of a noun ("an agreement
 * on withdrawing missiles", "talks about ending the war") is a subject
 * discussed, not an act, in running text. */
static void context_codes_no_gerund_topic_of_a_noun(void **state)
{
    static const char text[] = "Freedonia's agreement on attacking Sylvania.";
    static const char spec[] =
        "Freedonia PROPN 3 nmod:poss;'s PART 1 case;agreement NOUN 0 root;"
        "on SCONJ 5 mark;attacking VERB 3 acl;Sylvania PROPN 5 obj;. PUNCT 3 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 190"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_false(has(&g, "FRE SYL 190"));
    static const char text2[] = "Freedonia backed an agreement, attacking Sylvania.";
    static const char spec2[] =
        "Freedonia PROPN 2 nsubj;backed VERB 0 root;an DET 4 det;agreement NOUN 2 obj;"
        ", PUNCT 6 punct;attacking VERB 2 advcl;Sylvania PROPN 6 obj;. PUNCT 2 punct";
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_true(has(&g, "FRE SYL 190"));
}

/* A possessor is not the actor it qualifies: "hosted Jordan's King
 * Abdullah II" hosts the King, "Iran's Quds Force killed" is the Force;
 * in both modes, as subject and as object. */
static void possessor_gives_way_to_the_actor_it_owns(void **state)
{
    static const char text[] = "Freedonia praised Sylvania's Daily Gazette.";
    static const char spec[] =
        "Freedonia PROPN 2 nsubj;praised VERB 0 root;Sylvania PROPN 6 nmod:poss;'s PART 3 case;"
        "Daily PROPN 6 compound;Gazette PROPN 2 obj;. PUNCT 2 punct";
    static const char text2[] = "Sylvania's Daily Gazette praised Freedonia.";
    static const char spec2[] =
        "Sylvania PROPN 4 nmod:poss;'s PART 1 case;Daily PROPN 4 compound;Gazette PROPN 5 nsubj;"
        "praised VERB 0 root;Freedonia PROPN 5 obj;. PUNCT 5 punct";
    for (int context = 0; context < 2; context++) {
        got g = code_in_context_spec(*state, text, spec, context);
        assert_false(has(&g, "FRE SYL 051"));
        assert_true(has(&g, "FRE MED 051"));
        g = code_in_context_spec(*state, text2, spec2, context);
        assert_false(has(&g, "SYL FRE 051"));
        assert_true(has(&g, "MED FRE 051"));
    }
}

/* A past participle modifying an actor ("an American detained by the
 * Taliban", "criminals arrested in sanctuary cities", "an American
 * airline mechanic detained by the Taliban") is passive: the actor is
 * acted upon and only a by-phrase acts.  Without context the
 * nearest actor before the verb stands in as its source; an object makes
 * the participle active. */
static void context_takes_a_participles_noun_for_its_patient(void **state)
{
    static const char text[] = "The Sylvania troops attacked by Freedonia.";
    static const char spec[] =
        "The DET 3 det;Sylvania PROPN 3 compound;troops NOUN 0 root;attacked VERB/VBN 3 acl;"
        "by ADP 6 case;Freedonia PROPN 4 obl;. PUNCT 3 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "SYLMIL FRE 190"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 1);
    assert_true(has(&g, "FRE SYLMIL 190"));
    static const char text2[] = "The Sylvania troops attacked in Marsovia.";
    static const char spec2[] =
        "The DET 3 det;Sylvania PROPN 3 compound;troops NOUN 0 root;attacked VERB/VBN 3 acl;"
        "in ADP 6 case;Marsovia PROPN 4 obl;. PUNCT 3 punct";
    g = code_in_context_spec(*state, text2, spec2, false);
    assert_true(has(&g, "SYLMIL MAR 190"));
    g = code_in_context_spec(*state, text2, spec2, true);
    assert_int_equal(g.n, 0);
    static const char text3[] = "The Sylvania troops attacked Marsovia.";
    static const char spec3[] =
        "The DET 3 det;Sylvania PROPN 3 compound;troops NOUN 0 root;attacked VERB/VBN 3 acl;"
        "Marsovia PROPN 4 obj;. PUNCT 3 punct";
    g = code_in_context_spec(*state, text3, spec3, true);
    assert_true(has(&g, "SYLMIL MAR 190"));
    /* a noun of no actor with an agent acting on it stands for the actor
     * qualifying it, even where the parse makes it an apposition */
    static const char text4[] = "Jim, a Sylvania pilot attacked by Freedonia.";
    static const char spec4[] =
        "Jim PROPN 0 root;, PUNCT 5 punct;a DET 5 det;Sylvania PROPN 5 compound;"
        "pilot NOUN 1 appos;attacked VERB/VBN 5 acl;by ADP 8 case;Freedonia PROPN 6 obl;"
        ". PUNCT 1 punct";
    g = code_in_context_spec(*state, text4, spec4, true);
    assert_int_equal(g.n, 1);
    assert_true(has(&g, "FRE SYL 190"));
}

/* A passive whose subject the parse hung elsewhere ("... and an illegal
 * from Grenada was arrested in Houston"): without context the nearest
 * actor before the verb stands in as its source, as for any verb; with
 * context the actors before a passive are its patients, so no one acts. */
static void context_finds_no_agent_before_a_passive(void **state)
{
    static const char text[] = "Freedonia was attacked in Sylvania.";
    static const char spec[] = "Freedonia PROPN 3 dep;was AUX 3 aux:pass;attacked VERB 0 root;"
                               "in ADP 5 case;Sylvania PROPN 3 obl;. PUNCT 3 punct";
    got g = code_in_context_spec(*state, text, spec, false);
    assert_true(has(&g, "FRE SYL 190"));
    g = code_in_context_spec(*state, text, spec, true);
    assert_int_equal(g.n, 0);
}

/* "us" is the speakers, not the United States ("US" matches either way
 * in the dictionary); it holds its place, so "attacked us in Sylvania"
 * does not make Sylvania the target, and "they" does not stand for it. */
static void coder_codes_no_event_with_the_pronoun_us(void **state)
{
    got g = code_text(*state, "Freedonia attacked US forces.", NULL, NULL);
    assert_true(has(&g, "FRE USA 190"));
    g = code_text(*state, "Freedonia attacked us in Sylvania.", NULL, NULL);
    assert_int_equal(g.n, 0);
    g = code_in_context(*state, "Freedonia attacked us.", true);
    assert_int_equal(g.n, 0);
    g = code_text(*state, "Freedonia warned us. They attacked Sylvania.", NULL, NULL);
    assert_false(has(&g, "USA SYL 190"));
    assert_true(has(&g, "FRE SYL 190"));
}

/* "Freedonia called Sylvania a threat": with document context, a verb's
 * own code is not an event when a secondary predicate (xcomp) names or
 * describes its object; "called Sylvania" alone still is. */
static void context_codes_no_event_for_a_verb_describing_its_object(void **state)
{
    static const char text[] = "Freedonia called Sylvania a threat.";
    static const char parse[] = "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                                "2\tcalled\tcall\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                                "3\tSylvania\tSylvania\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
                                "4\ta\ta\tDET\tDT\t_\t5\tdet\t_\t_\n"
                                "5\tthreat\tthreat\tNOUN\tNN\t_\t2\txcomp\t_\t_\n"
                                "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";
    got g = code_in_context_parsed(*state, text, parse, true);
    assert_int_equal(g.n, 0);
    g = code_in_context_parsed(*state, text, parse, false); /* the suites' rules */
    assert_true(has(&g, "FRE SYL 041"));
    g = code_in_context(*state, "Freedonia called Sylvania.", true);
    assert_true(has(&g, "FRE SYL 041"));
}

/* A CoNLL-U line: word id, form, UPOS, head, relation. */
static void conllu_line(char *out, size_t size, int id, const char *form, const char *upos,
                        int head, const char *rel)
{
    size_t n = strlen(out);
    snprintf(out + n, size - n, "%d\t%s\t%s\t%s\t_\t_\t%d\t%s\t_\t_\n", id, form, form, upos,
             head, rel);
}

/* "A, B, ... met." with the first n of six actors as conjoined subjects,
 * with document context and a parse of our own making. */
static got code_meeting(fixture *f, int n)
{
    static const char *const names[] = {"Freedonia", "Sylvania", "Marsovia",
                                        "Klopstokia", "Ruritania", "US"};
    char text[256] = "", parse[2048] = "";
    int id = 1;
    for (int k = 0; k < n; k++) {
        if (k > 0) {
            strcat(text, k + 1 == n ? " and " : ", ");
            conllu_line(parse, sizeof parse, id++, k + 1 == n ? "and" : ",",
                        k + 1 == n ? "CCONJ" : "PUNCT", 2 * k + 1, k + 1 == n ? "cc" : "punct");
        }
        strcat(text, names[k]);
        conllu_line(parse, sizeof parse, id++, names[k], "PROPN", k ? 1 : 2 * n, k ? "conj" : "nsubj");
    }
    strcat(text, " met.");
    conllu_line(parse, sizeof parse, id++, "met", "VERB", 0, "root");
    conllu_line(parse, sizeof parse, id, ".", "PUNCT", 2 * n, "punct");
    return code_in_context_parsed(f, text, parse, true);
}

/* Conjoined subjects of a meeting meet one another, up to five of them;
 * a longer compound is a list (signatories, a summit's members) and
 * gives no pairwise events. */
static void context_pairs_a_meeting_but_not_a_list(void **state)
{
    got g = code_meeting(*state, 3);
    assert_int_equal(g.n, 6);
    assert_true(has(&g, "FRE SYL 040"));
    assert_true(has(&g, "MAR FRE 040"));
    g = code_meeting(*state, 5);
    assert_int_equal(g.n, 20);
    g = code_meeting(*state, 6);
    assert_int_equal(g.n, 0);
}

/* "The leaders" of a readout are the heads of the states that met, not
 * the document's country alone; "the leader" is one of them. */
static void context_gives_no_country_to_the_heads_of_several_states(void **state)
{
    got g = code_in_context(*state, "Freedonia hosted the talks. The leaders praised Sylvania.", true);
    assert_int_equal(g.n, 0);
    g = code_in_context(*state, "Freedonia hosted the talks. The leader praised Sylvania.", true);
    assert_true(has(&g, "FREGOV SYL 051"));
}

/* "A [and B] discussed the situation in Sylvania": Sylvania is what was
 * discussed, not a party; conjoined subjects still consult each other,
 * but do not visit or host each other. */
static void context_takes_no_discussed_topic_as_target(void **state)
{
    static const char parse_one[] = "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                                    "2\tdiscussed\tdiscuss\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                                    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
                                    "4\tsituation\tsituation\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
                                    "5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_\n"
                                    "6\tSylvania\tSylvania\tPROPN\tNNP\t_\t4\tnmod\t_\t_\n"
                                    "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";
    got g = code_in_context_parsed(*state, "Freedonia discussed the situation in Sylvania.", parse_one,
                                   true);
    assert_int_equal(g.n, 0);
    static const char parse_two[] = "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                                    "2\tand\tand\tCCONJ\tCC\t_\t3\tcc\t_\t_\n"
                                    "3\tMarsovia\tMarsovia\tPROPN\tNNP\t_\t1\tconj\t_\t_\n"
                                    "4\tdiscussed\tdiscuss\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                                    "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
                                    "6\tsituation\tsituation\tNOUN\tNN\t_\t4\tobj\t_\t_\n"
                                    "7\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_\n"
                                    "8\tSylvania\tSylvania\tPROPN\tNNP\t_\t6\tnmod\t_\t_\n"
                                    "9\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";
    g = code_in_context_parsed(*state, "Freedonia and Marsovia discussed the situation in Sylvania.",
                               parse_two, true);
    assert_int_equal(g.n, 2);
    assert_true(has(&g, "FRE MAR 040"));
    assert_true(has(&g, "MAR FRE 040"));
    /* co-visitors and co-hosts neither visit nor host each other */
    static const char text3[] = "Freedonia and Marsovia visited the fair in Sylvania.";
    static const char spec3[] =
        "Freedonia PROPN 4 nsubj;and CCONJ 3 cc;Marsovia PROPN 1 conj;visited VERB 0 root;"
        "the DET 6 det;fair NOUN 4 obj;in ADP 8 case;Sylvania PROPN 6 nmod;. PUNCT 4 punct";
    g = code_in_context_spec(*state, text3, spec3, true);
    assert_false(has(&g, "FRE MAR 042"));
    assert_false(has(&g, "MAR FRE 042"));
}

/* With document context "it"/"they" with no actor before them in their
 * sentence stand for no one (and hold their place: Marsovia does not
 * become the subject); PETRARCH's rule takes the last actor named. */
static void context_reads_no_one_for_it_from_an_earlier_sentence(void **state)
{
    const char *text = "Freedonia praised Sylvania. It attacked Marsovia.";
    got g = code_in_context(*state, text, true);
    assert_true(has(&g, "FRE SYL 051"));
    assert_int_equal(g.n, 1);
    g = code_in_context(*state, text, false);
    assert_true(has(&g, "SYL MAR 190"));
    g = code_in_context(*state, "Freedonia said it attacked Marsovia.", true);
    assert_true(has(&g, "FRE MAR 190"));
}

/* "Freedonia received aid from Sylvania": with document context an actor
 * of a "from" phrase is where what was received came from, no guest;
 * "received the minister from Sylvania" is a hosted visit. */
static void context_hosts_no_one_a_thing_came_from(void **state)
{
    static const char thing[] = "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                                "2\treceived\treceive\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                                "3\tgrain\tgrain\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
                                "4\tfrom\tfrom\tADP\tIN\t_\t5\tcase\t_\t_\n"
                                "5\tSylvania\tSylvania\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"
                                "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";
    got g = code_in_context_parsed(*state, "Freedonia received grain from Sylvania.", thing, true);
    assert_int_equal(g.n, 0);
    g = code_in_context_parsed(*state, "Freedonia received grain from Sylvania.", thing, false);
    assert_true(has(&g, "FRE SYL 043"));
    static const char guest[] = "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                                "2\treceived\treceive\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                                "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
                                "4\tminister\tminister\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
                                "5\tfrom\tfrom\tADP\tIN\t_\t6\tcase\t_\t_\n"
                                "6\tSylvania\tSylvania\tPROPN\tNNP\t_\t4\tnmod\t_\t_\n"
                                "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";
    g = code_in_context_parsed(*state, "Freedonia received the minister from Sylvania.", guest, true);
    assert_true(has(&g, "FRE SYLGOV 043"));
}

/* "Freedonia AUX attack Sylvania." parsed, AUX a modal or "will". */
static got code_with_auxiliary(fixture *f, const char *aux)
{
    char text[128], parse[512] = "";
    snprintf(text, sizeof text, "Freedonia %s attack Sylvania.", aux);
    conllu_line(parse, sizeof parse, 1, "Freedonia", "PROPN", 3, "nsubj");
    conllu_line(parse, sizeof parse, 2, aux, "AUX", 3, "aux");
    conllu_line(parse, sizeof parse, 3, "attack", "VERB", 0, "root");
    conllu_line(parse, sizeof parse, 4, "Sylvania", "PROPN", 3, "obj");
    conllu_line(parse, sizeof parse, 5, ".", "PUNCT", 3, "punct");
    return code_in_context_parsed(f, text, parse, true);
}

/* An obligation, a possibility, an ability or a condition is not an act;
 * an announced plan ("will") and a reported "would" are coded. */
static void context_codes_no_event_in_an_unreal_mood(void **state)
{
    static const char *const unreal[] = {"must", "should", "could", "might", "may", "would", "can"};
    for (size_t k = 0; k < DYAD_ARRAY_LEN(unreal); k++) {
        got g = code_with_auxiliary(*state, unreal[k]);
        assert_int_equal(g.n, 0);
    }
    got g = code_with_auxiliary(*state, "will");
    assert_true(has(&g, "FRE SYL 190"));
    static const char text[] = "If Freedonia attacks Sylvania, Marsovia praised Freedonia.";
    char parse[1024] = "";
    conllu_line(parse, sizeof parse, 1, "If", "SCONJ", 3, "mark");
    conllu_line(parse, sizeof parse, 2, "Freedonia", "PROPN", 3, "nsubj");
    conllu_line(parse, sizeof parse, 3, "attacks", "VERB", 7, "advcl");
    conllu_line(parse, sizeof parse, 4, "Sylvania", "PROPN", 3, "obj");
    conllu_line(parse, sizeof parse, 5, ",", "PUNCT", 3, "punct");
    conllu_line(parse, sizeof parse, 6, "Marsovia", "PROPN", 7, "nsubj");
    conllu_line(parse, sizeof parse, 7, "praised", "VERB", 0, "root");
    conllu_line(parse, sizeof parse, 8, "Freedonia", "PROPN", 7, "obj");
    conllu_line(parse, sizeof parse, 9, ".", "PUNCT", 7, "punct");
    g = code_in_context_parsed(*state, text, parse, true);
    assert_false(has(&g, "FRE SYL 190"));
    assert_true(has(&g, "MAR FRE 051"));
    static const char said[] = "Freedonia said it would attack Sylvania.";
    char parse2[1024] = "";
    conllu_line(parse2, sizeof parse2, 1, "Freedonia", "PROPN", 2, "nsubj");
    conllu_line(parse2, sizeof parse2, 2, "said", "VERB", 0, "root");
    conllu_line(parse2, sizeof parse2, 3, "it", "PRON", 5, "nsubj");
    conllu_line(parse2, sizeof parse2, 4, "would", "AUX", 5, "aux");
    conllu_line(parse2, sizeof parse2, 5, "attack", "VERB", 2, "ccomp");
    conllu_line(parse2, sizeof parse2, 6, "Sylvania", "PROPN", 5, "obj");
    conllu_line(parse2, sizeof parse2, 7, ".", "PUNCT", 2, "punct");
    g = code_in_context_parsed(*state, said, parse2, true);
    assert_true(has(&g, "FRE SYL 190"));
}

/* "Freedonia fought for Sylvania against Marsovia": the one fought for is
 * no target of the violence; the one fought against is. */
static void context_fights_for_no_target(void **state)
{
    static const char text[] = "Freedonia fought for Sylvania against Marsovia.";
    char parse[1024] = "";
    conllu_line(parse, sizeof parse, 1, "Freedonia", "PROPN", 2, "nsubj");
    conllu_line(parse, sizeof parse, 2, "fought", "VERB", 0, "root");
    conllu_line(parse, sizeof parse, 3, "for", "ADP", 4, "case");
    conllu_line(parse, sizeof parse, 4, "Sylvania", "PROPN", 2, "obl");
    conllu_line(parse, sizeof parse, 5, "against", "ADP", 6, "case");
    conllu_line(parse, sizeof parse, 6, "Marsovia", "PROPN", 2, "obl");
    conllu_line(parse, sizeof parse, 7, ".", "PUNCT", 2, "punct");
    got g = code_in_context_parsed(*state, text, parse, true);
    assert_false(has(&g, "FRE SYL 190"));
    assert_true(has(&g, "FRE MAR 190"));
    g = code_in_context_parsed(*state, text, parse, false);
    assert_true(has(&g, "FRE SYL 190"));
}

static void context_reads_he_as_the_previous_sentence_subject(void **state)
{
    const char *text = "Freedonia praised Sylvania. He attacked Marsovia.";
    got g = code_in_context(*state, text, true);
    assert_true(has(&g, "FRE MAR 190"));
    g = code_in_context(*state, text, false);
    assert_true(has(&g, "SYL MAR 190"));
}

static void coder_codes_source_verb_target_without_parse(void **state)
{
    got g = code_text(*state, "Freedonia praised Sylvania on Monday.", NULL, NULL);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FRE SYL 051");
}

static void coder_fills_root_quad_and_goldstein(void **state)
{
    got g = code_text(*state, "Freedonia attacked Sylvania.", NULL, NULL);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.last.root, "19");
    assert_int_equal(g.last.quad, 4);
    assert_true(g.last.goldstein < -5.0);
}

static void coder_gives_spans_and_provenance(void **state)
{
    const char *text = "Freedonia attacked Sylvania.";
    got g = code_text(*state, text, NULL, NULL);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.last.source_span.begin, 0);
    assert_int_equal(g.last.source_span.end, 9);
    assert_int_equal(g.last.verb_span.begin, 10);
    assert_int_equal(g.last.target_span.begin, 19);
    assert_true(g.prov.source_line == 1);
    assert_true(g.prov.target_line == 2);
    assert_true(g.prov.verb_line > 0);
    assert_non_null(strstr(g.prov.verb_file.ptr, "verbs"));
}

static void coder_combines_agent_with_actor(void **state)
{
    got g = code_text(*state, "The Freedonian minister praised Sylvania.", NULL, NULL);
    /* "Freedonian" is not the actor FREEDONIA_ (whole word): a lone agent */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "---GOV SYL 051");
    g = code_text(*state, "Freedonia's minister praised Sylvania.", NULL, NULL);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FREGOV SYL 051");
    g = code_text(*state, "Troops of Marsovia attacked Sylvania.", NULL, NULL);
    assert_true(has(&g, "MARMIL SYL 190"));
}

static void coder_expands_compound_actors(void **state)
{
    got g = code_text(*state, "Freedonia and Marsovia praised Sylvania.", NULL, NULL);
    assert_int_equal(g.n, 2);
    assert_true(has(&g, "FRE SYL 051"));
    assert_true(has(&g, "MAR SYL 051"));
}

static void coder_codes_paired_codes_both_ways(void **state)
{
    got g = code_text(*state, "Freedonia visited Sylvania.", NULL, NULL);
    assert_int_equal(g.n, 2);
    assert_true(has(&g, "FRE SYL 042"));
    assert_true(has(&g, "SYL FRE 043"));
}

static void coder_drops_null_coded_verbs(void **state)
{
    got g = code_text(*state, "Freedonia said Sylvania.", NULL, NULL);
    assert_int_equal(g.n, 0);
}

static void coder_matches_pattern_with_synset(void **state)
{
    got g = code_text(*state, "Freedonia promised dollars to Sylvania.", NULL, NULL);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FRE SYL 071");
    g = code_text(*state, "Freedonia promised help to Sylvania.", NULL, NULL);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FRE SYL 030");
    /* the synset's other member: the fast path that skips a pattern whose
     * synset has no member in the sentence must find it by its own word */
    g = code_text(*state, "Freedonia promised florins to Sylvania.", NULL, NULL);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FRE SYL 071");
}

/* The pattern fast path's synset index (patterns.c): every synset is
 * listed under each atom one of its members starts with, exactly once,
 * and under no other; synsets with a member led by a nested synset are
 * flagged.  An index off by one atom would skip patterns that match. */
static void check_synset_atom_index(const dyad_lexicon *lx)
{
    dyad_coder *c;
    assert_int_equal(dyad_coder_new(lx, NULL, NULL, &c), DYAD_OK);
    uint32_t ns = LEX_N(lx, LEX_V_SYNSETS);
    const coder_syn_key *keys = c->syn_keys[0];
    size_t pairs = 0;
    for (uint32_t sy = 1; sy < ns; sy++)
        for (uint32_t k = c->syn_off[0][sy]; k < c->syn_off[0][sy + 1]; k++) {
            uint32_t a = keys[k].atom;
            if (a == 0 || a >= c->atom_n) {
                assert_true(c->syn_nested[sy]);
                continue;
            }
            if (k > c->syn_off[0][sy] && keys[k - 1].atom == a)
                continue;
            pairs++;
            size_t listed = 0;
            for (uint32_t q = c->syn_by_atom_off[a]; q < c->syn_by_atom_off[a + 1]; q++)
                listed += c->syn_by_atom[q] == sy;
            assert_int_equal(listed, 1);
        }
    assert_int_equal(c->syn_by_atom_off[c->atom_n], pairs);
    dyad_coder_free(c);
}

/* Runs an index check on the test's lexicon, then on the Phoenix
 * dictionaries (40 synsets, 87,000 trie edges; skipped without
 * ../shared), read without the cache. */
static void check_test_and_phoenix_lexicons(void **state, void (*check)(const dyad_lexicon *))
{
    fixture *f = *state;
    check(f->lex);
    char dir[1024];
    SKIP_WITHOUT_SHARED("data/phoenix_dictionaries", dir);
    dyad_lexicon_options o;
    memset(&o, 0, sizeof o);
    o.no_cache = 1;
    dyad_lexicon *lx;
    assert_int_equal(dyad_lexicon_load_dir(dir, &o, &lx, NULL), DYAD_OK);
    check(lx);
    dyad_lexicon_free(lx);
}

static void coder_indexes_synsets_by_first_word(void **state)
{
    check_test_and_phoenix_lexicons(state, check_synset_atom_index);
}

/* The trie index (setup.c, coder_trie_child): every edge of the lexicon
 * is found through it, the root's by atom and the others past the Bloom
 * filter, and a pair that is no edge is answered 0.  A filter that lost
 * an edge would silently drop the phrases through it. */
static void check_trie_index(const dyad_lexicon *lx)
{
    dyad_coder *c;
    assert_int_equal(dyad_coder_new(lx, NULL, NULL, &c), DYAD_OK);
    const lex_edge *e = LEX_ARR(lx, LEX_V_EDGES, const lex_edge);
    size_t edges = 0, absent = 0, turned_away = 0;
    for (uint32_t i = 0; i < LEX_N(lx, LEX_V_EDGES); i++) {
        if (!e[i].child)
            continue;
        edges++;
        assert_int_equal(coder_trie_child(c, e[i].parent, e[i].word), e[i].child);
        /* the same node with another word: an edge only if the lexicon
         * says so */
        uint32_t other = e[i].word + 1;
        uint32_t want = lex_trie_child(lx, e[i].parent, other);
        assert_int_equal(coder_trie_child(c, e[i].parent, other), want);
        if (!want && e[i].parent != 0) {
            absent++;
            uint64_t h = coder_edge_hash(e[i].parent, other), bits = coder_edge_bits(h);
            turned_away += (c->edge_filter[h >> c->edge_filter_shift] & bits) != bits;
        }
    }
    assert_true(edges > 0);
    /* each node's kinds byte: exactly the kinds of its entries, and the
     * stem bit exactly when one of them is a stem */
    for (uint32_t n = 1; n < LEX_N(lx, LEX_V_NODES); n++) {
        unsigned want = 0;
        for (const lex_entry *en = coder_trie_entries(lx, n); en;
             en = en->next ? lex_at(lx, LEX_V_ENTRIES, en->next) : NULL)
            want |= 1u << en->kind | ((en->flags & LEX_EF_STEM) ? CODER_NODE_STEM : 0u);
        assert_int_equal(coder_node_kinds(c, n), want);
    }
    /* the filter is there to turn absent pairs away without a probe */
    if (absent >= 100)
        assert_true(turned_away * 10 >= absent * 9);
    dyad_coder_free(c);
}

static void coder_trie_index_finds_every_edge(void **state)
{
    check_test_and_phoenix_lexicons(state, check_trie_index);
}

/* The parse memo (parse_memo.c) gives back exactly what was put under
 * exactly the same words: not under the same bytes split into other
 * words, nor under a prefix, and after it empties itself it starts over. */
static void parse_memo_keeps_sentences_by_their_words(void **state)
{
    (void)state;
    coder_pmemo m;
    memset(&m, 0, sizeof m);
    const dyad_allocator *a = core_allocator(NULL);
    static const char text[] = "a b ab";
    dyad_str ab[] = {{text, 1}, {text + 2, 1}}, glued[] = {{text + 4, 2}}, one[] = {{text, 1}};
    dyad_str ab_text = {text, 3}, glued_text = {text + 4, 2}, one_text = {text, 1};
    dyad_token tok[2], out[2];
    memset(tok, 0, sizeof tok);
    tok[0] = (dyad_token){.upos = 7, .xpos = 9, .head = 2, .deprel = 4};
    tok[1] = (dyad_token){.upos = 3, .xpos = 1, .head = 0, .deprel = 5};
    assert_false(coder_pmemo_get(&m, a, ab_text, ab, 2, out));
    coder_pmemo_put(&m, a, ab_text, ab, 2, tok);
    memset(out, 0, sizeof out);
    assert_true(coder_pmemo_get(&m, a, ab_text, ab, 2, out));
    for (int i = 0; i < 2; i++) {
        assert_int_equal(out[i].upos, tok[i].upos);
        assert_int_equal(out[i].xpos, tok[i].xpos);
        assert_int_equal(out[i].head, tok[i].head);
        assert_int_equal(out[i].deprel, tok[i].deprel);
    }
    assert_false(coder_pmemo_get(&m, a, glued_text, glued, 1, out));
    assert_false(coder_pmemo_get(&m, a, one_text, one, 1, out));
    /* fill it past half its slots: it empties and keeps working */
    char w[16];
    for (uint32_t k = 0; k < CODER_PMEMO_SLOTS; k++) {
        int len = snprintf(w, sizeof w, "w%u", (unsigned)k);
        dyad_str f = {w, (size_t)len};
        coder_pmemo_put(&m, a, f, &f, 1, tok);
        assert_true(coder_pmemo_get(&m, a, f, &f, 1, out));
    }
    assert_true(m.used * 2 <= CODER_PMEMO_SLOTS);
    coder_pmemo_free(&m, a);
}

/* Each word's root_stem, which add_word keeps in the form cache, is the
 * trie root's child that a walk from the word would find from its prefix
 * atoms (mentions.c, stem_child): on a text whose forms repeat, so that
 * both the cache's misses and its hits are checked. */
static size_t root_stems_seen; /* words with a root stem, over the checks */

static void check_root_stems(const dyad_lexicon *lx)
{
    dyad_coder *c;
    assert_int_equal(dyad_coder_new(lx, NULL, NULL, &c), DYAD_OK);
    if (!c->tabari_stems && !c->tabari) {
        dyad_coder_free(c);
        return;
    }
    dyad_analysis *an;
    assert_int_equal(dyad_analysis_new(NULL, &an), DYAD_OK);
    static const char text[] =
        "The Arnorian and Gondorian envoys met Iranian, Iraqi and Israeli officials. "
        "Iranian officials and Arnorian troops praised the Gondorian Americans.";
    assert_int_equal(dyad_analyze(an, text, sizeof text - 1), DYAD_OK);
    size_t stems = 0;
    for (size_t k = 0; k < an->sentence_n; k++) {
        assert_int_equal(coder_sent_from_analysis(c, an, k, NULL), DYAD_OK);
        const coder_sent *s = &c->sent;
        assert_false(s->reshaped || s->prefixes_failed);
        for (size_t j = 0; j < s->n; j++) {
            uint32_t want = 0;
            coder_prefix_walk pw = coder_prefixes(c, j);
            for (uint32_t a; !want && (a = coder_prefix_next(&pw)) != 0;) {
                uint32_t ch = coder_trie_child(c, 0, a);
                if (ch && coder_node_kinds(c, ch))
                    want = ch;
            }
            assert_int_equal(s->w[j].root_stem, want);
            stems += want != 0;
        }
    }
    root_stems_seen += stems;
    dyad_analysis_free(an);
    dyad_coder_free(c);
}

static void words_keep_the_root_child_of_their_stem(void **state)
{
    root_stems_seen = 0;
    check_test_and_phoenix_lexicons(state, check_root_stems);
    /* with Phoenix's dictionaries "Iranian", "Israeli" ... start with stems */
    assert_true(root_stems_seen > 0);
}

/* What coding one document with the committed model gave, with the fast
 * paths (way 0) and without (way 1). */
typedef struct both_ways {
    got g[2];
    dyad_coder_counts n[2];
    size_t memo_hits[2];
} both_ways;

/* Codes text both ways into *out; false (after saying why) when there is
 * no committed model. */
static bool code_both_ways(const fixture *f, const char *text, both_ways *out)
{
    dyad_model *model;
    dyad_error err;
    if (dyad_model_load("data/models", NULL, &model, &err) != DYAD_OK) {
        fprintf(stderr, "skipping: no model in data/models (%s)\n", err.message);
        return false;
    }
    for (int way = 0; way < 2; way++) {
        dyad_coder_options o;
        memset(&o, 0, sizeof o);
        o.no_fast_paths = way == 1;
        dyad_coder *c;
        assert_int_equal(dyad_coder_new(f->lex, model, &o, &c), DYAD_OK);
        dyad_doc doc;
        memset(&doc, 0, sizeof doc);
        doc.id = (dyad_str){"t1", 2};
        doc.text = (dyad_str){text, strlen(text)};
        doc.file = "test";
        memset(&out->g[way], 0, sizeof out->g[way]);
        assert_int_equal(dyad_coder_code(c, &doc, NULL, collect, &out->g[way], &err), DYAD_OK);
        dyad_coder_get_counts(c, &out->n[way]);
        out->memo_hits[way] = c->parse_memo.hits;
        dyad_coder_free(c);
    }
    dyad_model_free(model);
    assert_int_equal(out->g[0].n, out->g[1].n);
    for (size_t i = 0; i < out->g[0].n; i++)
        assert_string_equal(out->g[0].ev[i], out->g[1].ev[i]);
    return true;
}

/* A sentence met again in a document takes its parse from the memo, and
 * the events are those of coding without any fast path. */
static void repeated_sentence_parses_once(void **state)
{
    both_ways b;
    if (!code_both_ways(*state,
                        "Freedonia attacked Sylvania on Monday. Marsovia praised Freedonia. "
                        "Freedonia attacked Sylvania on Monday.",
                        &b))
        skip();
    assert_int_equal(b.memo_hits[0], 1);
    assert_int_equal(b.memo_hits[1], 0);
    assert_int_equal(b.g[0].n, 3);
    assert_string_equal(b.g[0].ev[0], b.g[0].ev[2]);
}

/* A sentence whose only verb that could code is tagged as a noun ("The
 * attack of ...") is tagged but not parsed when the fast paths are on,
 * and the events are those of coding without them. */
static void sentence_without_coded_verb_tag_is_not_parsed(void **state)
{
    both_ways b;
    if (!code_both_ways(*state,
                        "The attack of Freedonia on Sylvania was said to be a crime. "
                        "Freedonia attacked Sylvania on Monday.",
                        &b))
        skip();
    assert_int_equal(b.n[0].parsed, 1);
    assert_int_equal(b.n[1].parsed, 2);
    assert_int_equal(b.g[0].n, 1);
    assert_true(has(&b.g[0], "FRE SYL 190"));
}

/* Counts add up over documents; without a model nothing is parsed. */
static void coder_counts_sentences_and_parses(void **state)
{
    fixture *f = *state;
    dyad_coder *c;
    assert_int_equal(dyad_coder_new(f->lex, NULL, NULL, &c), DYAD_OK);
    dyad_coder_counts n = {9, 9};
    dyad_coder_get_counts(c, &n);
    assert_int_equal(n.sentences, 0);
    assert_int_equal(n.parsed, 0);
    const char *texts[] = {"Freedonia attacked Sylvania. Marsovia praised it.", "Nothing here."};
    for (size_t i = 0; i < 2; i++) {
        dyad_doc doc;
        memset(&doc, 0, sizeof doc);
        doc.id = (dyad_str){"d", 1};
        doc.text = (dyad_str){texts[i], strlen(texts[i])};
        doc.file = "test";
        got g;
        memset(&g, 0, sizeof g);
        assert_int_equal(dyad_coder_code(c, &doc, NULL, collect, &g, NULL), DYAD_OK);
    }
    dyad_coder_get_counts(c, &n);
    assert_int_equal(n.sentences, 3);
    assert_int_equal(n.parsed, 0);
    dyad_coder_free(c);
    dyad_coder_get_counts(NULL, &n); /* a NULL coder has done nothing */
    assert_int_equal(n.sentences, 0);
}

static void coder_drops_negated_verbs(void **state)
{
    got g = code_text(*state, "Freedonia did not attack Sylvania.", NULL, NULL);
    assert_int_equal(g.n, 0);
}

static void coder_resolves_dated_actor_codes(void **state)
{
    got g = code_text(*state, "Klopstokia attacked Sylvania.", NULL, "1995-06-01");
    assert_true(has(&g, "KLX SYL 190"));
    g = code_text(*state, "Klopstokia attacked Sylvania.", NULL, "2005-06-01");
    assert_true(has(&g, "KLO SYL 190"));
}

static void coder_resolves_pronoun_from_previous_sentence(void **state)
{
    got g = code_text(*state, "Freedonia is angry. It attacked Sylvania.", NULL, NULL);
    assert_true(has(&g, "FRE SYL 190"));
}

static void coder_honours_sentence_discards(void **state)
{
    got g = code_text(*state, "Freedonia attacked Sylvania in a football match.", NULL, NULL);
    assert_int_equal(g.n, 0);
}

static const char *conllu_active =
    "1\tSylvania\tSylvania\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tpraised\tpraise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tMarsovia\tMarsovia\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
    "4\tand\tand\tCCONJ\tCC\t_\t6\tcc\t_\t_\n"
    "5\tattacked\tattack\tVERB\tVBD\t_\t2\tconj\t_\t_\n"
    "6\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t5\tobj\t_\t_\n"
    "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";

static void coder_uses_supplied_parse_for_subject_and_objects(void **state)
{
    got g = code_text(*state, "Sylvania praised Marsovia and attacked Freedonia.", conllu_active,
                      NULL);
    assert_int_equal(g.n, 2);
    assert_true(has(&g, "SYL MAR 051"));
    assert_true(has(&g, "SYL FRE 190"));
}

static const char *conllu_passive =
    "1\tSylvania\tSylvania\tPROPN\tNNP\t_\t3\tnsubj:pass\t_\t_\n"
    "2\twas\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_\n"
    "3\tattacked\tattack\tVERB\tVBN\t_\t0\troot\t_\t_\n"
    "4\tby\tby\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "5\tMarsovia\tMarsovia\tPROPN\tNNP\t_\t3\tobl\t_\t_\n"
    "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n";

static void coder_takes_passive_by_phrase_as_source(void **state)
{
    got g = code_text(*state, "Sylvania was attacked by Marsovia.", conllu_passive, NULL);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "MAR SYL 190");
}

/* Two sentences, each with its supplied parse: the first names Freedonia,
 * the second's "it" is the subject (nsubj) or an expletive (expl). */
static got code_it_after_freedonia(fixture *f, const char *it_rel)
{
    static const char text[] = "Freedonia is angry. It is time to attack Sylvania.";
    static const char first[] = "1\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
                                "2\tis\tbe\tAUX\tVBZ\t_\t3\tcop\t_\t_\n"
                                "3\tangry\tangry\tADJ\tJJ\t_\t0\troot\t_\t_\n"
                                "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n";
    char second[512];
    snprintf(second, sizeof second,
             "1\tIt\tit\tPRON\tPRP\t_\t3\t%s\t_\t_\n"
             "2\tis\tbe\tAUX\tVBZ\t_\t3\tcop\t_\t_\n"
             "3\ttime\ttime\tNOUN\tNN\t_\t0\troot\t_\t_\n"
             "4\tto\tto\tPART\tTO\t_\t5\tmark\t_\t_\n"
             "5\tattack\tattack\tVERB\tVB\t_\t3\tacl\t_\t_\n"
             "6\tSylvania\tSylvania\tPROPN\tNNP\t_\t5\tobj\t_\t_\n"
             "7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n",
             it_rel);
    dyad_given_sentence given[2] = {{{0, 19}, {first, strlen(first)}},
                                    {{20, (uint32_t)strlen(text)}, {second, strlen(second)}}};
    return code_given(f, text, given, 2, NULL);
}

/* "It is time to attack Sylvania": an expletive stands for no one, where
 * a subject "it" stands for the previous sentence's actor (Kremlin and
 * White House transcripts: "It is a pleasure to welcome ..."). */
static void coder_takes_no_actor_from_an_expletive_it(void **state)
{
    got g = code_it_after_freedonia(*state, "nsubj");
    assert_int_equal(g.n, 1);
    assert_true(has(&g, "FRE SYL 190"));
    g = code_it_after_freedonia(*state, "expl");
    assert_int_equal(g.n, 0);
}

static void coder_reports_unreadable_supplied_parse(void **state)
{
    fixture *f = *state;
    dyad_coder_options o;
    memset(&o, 0, sizeof o);
    o.parse = DYAD_PARSE_SUPPLIED;
    dyad_coder *c;
    assert_int_equal(dyad_coder_new(f->lex, NULL, &o, &c), DYAD_OK);
    const char *text = "Freedonia attacked Sylvania.";
    const char *bad = "(ROOT (S (NP (NNP Freedonia)) (VP (VBD attacked";
    dyad_given_sentence given = {{0, (uint32_t)strlen(text)}, {bad, strlen(bad)}};
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (dyad_str){"bad", 3};
    doc.text = (dyad_str){text, strlen(text)};
    doc.file = "test";
    doc.given = &given;
    doc.given_n = 1;
    got g;
    memset(&g, 0, sizeof g);
    dyad_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(dyad_coder_code(c, &doc, NULL, collect, &g, &err), DYAD_EPARSE);
    assert_int_equal(g.n, 0);
    assert_string_equal(err.record, "bad");
    dyad_coder_free(c);
}

/* Every allocation failing in turn: DYAD_ENOMEM, or exactly the events
 * of a run with memory to spare (never fewer, never others), and no
 * leak. */
static void coder_survives_every_allocation_failure(void **state)
{
    fixture *f = *state;
    got want = code_text(f, "Freedonia attacked Sylvania. Marsovia praised it.", NULL, NULL);
    assert_true(want.n >= 1);
    for (long n = 1; n < 200; n++) {
        test_failing_alloc fa;
        test_failing_alloc_init(&fa, n);
        dyad_coder_options o;
        memset(&o, 0, sizeof o);
        o.allocator = &fa.a;
        dyad_coder *c = NULL;
        dyad_status st = dyad_coder_new(f->lex, NULL, &o, &c);
        if (st == DYAD_OK) {
            const char *text = "Freedonia attacked Sylvania. Marsovia praised it.";
            dyad_doc doc;
            memset(&doc, 0, sizeof doc);
            doc.id = (dyad_str){"a", 1};
            doc.text = (dyad_str){text, strlen(text)};
            doc.file = "test";
            got g;
            memset(&g, 0, sizeof g);
            st = dyad_coder_code(c, &doc, NULL, collect, &g, NULL);
            dyad_coder_free(c);
            if (st == DYAD_OK) {
                assert_int_equal(g.n, want.n);
                for (size_t k = 0; k < want.n; k++)
                    assert_string_equal(g.ev[k], want.ev[k]);
            }
        }
        assert_true(st == DYAD_OK || st == DYAD_ENOMEM);
        assert_int_equal(fa.live, 0);
        if (st == DYAD_OK && fa.count < n)
            break;
    }
}

static void coder_quad_conventions_differ_on_statements(void **state)
{
    (void)state;
    dyad_event ev;
    memset(&ev, 0, sizeof ev);
    snprintf(ev.code, sizeof ev.code, "010");
    assert_int_equal(dyad_event_fill_cameo(&ev, DYAD_QUAD_GDELT), DYAD_OK);
    assert_int_equal(ev.quad, 1);
    assert_int_equal(dyad_event_fill_cameo(&ev, DYAD_QUAD_PHOENIX), DYAD_OK);
    assert_int_equal(ev.quad, 0);
    snprintf(ev.code, sizeof ev.code, "999");
    assert_int_equal(dyad_event_fill_cameo(&ev, DYAD_QUAD_GDELT), DYAD_ENOTFOUND);
}

static void coder_uses_default_actors_and_monads_when_asked(void **state)
{
    fixture *f = *state;
    const char *text = "Freedonia attacked on Monday.";
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (dyad_str){"d", 1};
    doc.text = (dyad_str){text, strlen(text)};
    doc.file = "test";
    dyad_coder_options o;
    memset(&o, 0, sizeof o);
    dyad_coder *c;
    got g;
    memset(&g, 0, sizeof g);
    assert_int_equal(dyad_coder_new(f->lex, NULL, &o, &c), DYAD_OK);
    assert_int_equal(dyad_coder_code(c, &doc, NULL, collect, &g, NULL), DYAD_OK);
    assert_int_equal(g.n, 0); /* no target: no event */
    dyad_coder_free(c);
    o.allow_monads = 1;
    memset(&g, 0, sizeof g);
    assert_int_equal(dyad_coder_new(f->lex, NULL, &o, &c), DYAD_OK);
    assert_int_equal(dyad_coder_code(c, &doc, NULL, collect, &g, NULL), DYAD_OK);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FRE --- 190");
    dyad_coder_free(c);
    o.allow_monads = 0;
    o.default_target = "DEF";
    memset(&g, 0, sizeof g);
    assert_int_equal(dyad_coder_new(f->lex, NULL, &o, &c), DYAD_OK);
    assert_int_equal(dyad_coder_code(c, &doc, NULL, collect, &g, NULL), DYAD_OK);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.ev[0], "FRE DEF 190");
    assert_int_equal(g.last.target_span.end, 0);
    dyad_coder_free(c);
}

/* 500 words, 100 actors, 100 verbs and patterns with skips: bounded time. */
static void coder_bounds_time_on_a_pathological_sentence(void **state)
{
    fixture *f = *state;
    char *text = malloc(20000);
    size_t n = 0;
    for (int i = 0; i < 100; i++)
        n += (size_t)snprintf(text + n, 20000 - n, "%s attacked and promised dollars ",
                              i % 2 ? "Freedonia" : "Sylvania");
    text[n++] = '.';
    text[n] = 0;
    dyad_coder *c;
    assert_int_equal(dyad_coder_new(f->lex, NULL, NULL, &c), DYAD_OK);
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (dyad_str){"p", 1};
    doc.text = (dyad_str){text, n};
    doc.file = "test";
    got g;
    memset(&g, 0, sizeof g);
    clock_t t0 = clock();
    assert_int_equal(dyad_coder_code(c, &doc, NULL, collect, &g, NULL), DYAD_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(g.n > 0);
    assert_true(secs < 2.0);
    dyad_coder_free(c);
    free(text);
}

/* A supplied parse nested 300 deep (the converter's limit is 500). */
static void coder_codes_deeply_nested_supplied_parse(void **state)
{
    char *parse = malloc(8000);
    size_t n = 0;
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(parse + n, 8000 - n, "(S ");
    n += (size_t)snprintf(parse + n, 8000 - n,
                          "(NP (NNP Freedonia)) (VP (VBD attacked) (NP (NNP Sylvania)))");
    for (int i = 0; i < 300; i++)
        parse[n++] = ')';
    parse[n] = 0;
    got g = code_text(*state, "Freedonia attacked Sylvania", parse, NULL);
    assert_true(g.n <= 1);
    free(parse);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(coder_codes_source_verb_target_without_parse),
        cmocka_unit_test(coder_fills_root_quad_and_goldstein),
        cmocka_unit_test(coder_gives_spans_and_provenance),
        cmocka_unit_test(coder_combines_agent_with_actor),
        cmocka_unit_test(coder_expands_compound_actors),
        cmocka_unit_test(coder_codes_paired_codes_both_ways),
        cmocka_unit_test(coder_drops_null_coded_verbs),
        cmocka_unit_test(coder_matches_pattern_with_synset),
        cmocka_unit_test(coder_indexes_synsets_by_first_word),
        cmocka_unit_test(coder_counts_sentences_and_parses),
        cmocka_unit_test(coder_drops_negated_verbs),
        cmocka_unit_test(coder_resolves_dated_actor_codes),
        cmocka_unit_test(coder_resolves_pronoun_from_previous_sentence),
        cmocka_unit_test(coder_honours_sentence_discards),
        cmocka_unit_test(coder_uses_supplied_parse_for_subject_and_objects),
        cmocka_unit_test(coder_takes_passive_by_phrase_as_source),
        cmocka_unit_test(coder_takes_no_actor_from_an_expletive_it),
        cmocka_unit_test(coder_reports_unreadable_supplied_parse),
        cmocka_unit_test(coder_survives_every_allocation_failure),
        cmocka_unit_test(coder_quad_conventions_differ_on_statements),
        cmocka_unit_test(coder_uses_default_actors_and_monads_when_asked),
        cmocka_unit_test(coder_bounds_time_on_a_pathological_sentence),
        cmocka_unit_test(coder_codes_deeply_nested_supplied_parse),
        cmocka_unit_test(context_takes_no_country_from_a_sector_code),
        cmocka_unit_test(context_takes_a_lower_case_name_for_the_common_word),
        cmocka_unit_test(agent_takes_no_country_from_the_speakers_us),
        cmocka_unit_test(context_gives_a_lone_agent_the_document_country),
        cmocka_unit_test(context_remembers_the_country_an_agent_was_named_with),
        cmocka_unit_test(context_drops_events_between_an_actor_and_its_own_country),
        cmocka_unit_test(context_gives_no_agent_the_country_it_acts_upon),
        cmocka_unit_test(context_gives_an_agent_a_country_named_in_another_clause),
        cmocka_unit_test(context_reads_he_as_the_previous_sentence_subject),
        cmocka_unit_test(coder_codes_no_event_with_the_pronoun_us),
        cmocka_unit_test(context_codes_no_event_for_a_verb_describing_its_object),
        cmocka_unit_test(context_pairs_a_meeting_but_not_a_list),
        cmocka_unit_test(context_gives_no_country_to_the_heads_of_several_states),
        cmocka_unit_test(context_takes_no_discussed_topic_as_target),
        cmocka_unit_test(context_reads_no_one_for_it_from_an_earlier_sentence),
        cmocka_unit_test(context_hosts_no_one_a_thing_came_from),
        cmocka_unit_test(context_codes_no_event_in_an_unreal_mood),
        cmocka_unit_test(context_fights_for_no_target),
        cmocka_unit_test(context_lets_only_a_by_agent_act_in_a_passive),
        cmocka_unit_test(context_finds_no_agent_before_a_passive),
        cmocka_unit_test(context_takes_no_place_for_a_target),
        cmocka_unit_test(context_takes_a_participles_noun_for_its_patient),
        cmocka_unit_test(possessor_gives_way_to_the_actor_it_owns),
        cmocka_unit_test(context_codes_no_purpose_of_a_noun),
        cmocka_unit_test(context_codes_no_gerund_topic_of_a_noun),
        cmocka_unit_test(passive_takes_no_target_from_its_agents_side),
        cmocka_unit_test(role_phrase_gives_no_target),
        cmocka_unit_test(context_takes_no_beneficiary_of_a_noun_as_target),
        cmocka_unit_test(context_negation_covers_an_or_conjunct),
        cmocka_unit_test(context_codes_no_refused_or_questioned_act),
        cmocka_unit_test(context_codes_no_statement_to_the_press),
        cmocka_unit_test(context_takes_no_destination_for_a_recipient),
        cmocka_unit_test(context_conjoined_subjects_discuss_a_topic),
        cmocka_unit_test(context_conjoined_subjects_cooperate_with_each_other),
        cmocka_unit_test(context_going_to_before_a_verb_is_a_future),
        cmocka_unit_test(context_capital_based_company_is_no_government),
        cmocka_unit_test(split_dictionary_words_match_glued),
        cmocka_unit_test(country_name_ending_a_proper_name_is_no_actor),
        cmocka_unit_test(context_meets_no_one_in_meeting_an_obligation),
        cmocka_unit_test(context_takes_no_currency_for_an_actor),
        cmocka_unit_test(context_takes_no_document_for_an_actor),
        cmocka_unit_test(context_near_source_skips_places_and_follows_the_subject),
        cmocka_unit_test(near_source_crosses_a_speaker_label_only_to_a_subjectless_verb),
        cmocka_unit_test(context_statement_circumstance_is_no_addressee),
        cmocka_unit_test(context_subject_phrase_topic_is_no_source),
        cmocka_unit_test(context_he_after_a_titled_person_is_no_earlier_actor),
        cmocka_unit_test(context_takes_no_target_from_a_clause_of_a_noun),
        cmocka_unit_test(context_speaks_no_language_as_a_target),
        cmocka_unit_test(context_pronoun_after_said_is_the_speaker),
        cmocka_unit_test(context_addresses_no_actor_inside_a_nominal_report),
        cmocka_unit_test(context_finds_no_agent_in_a_clause_of_the_by_phrase),
        cmocka_unit_test(context_joins_no_subject_to_an_actor_by_a_comma),
        cmocka_unit_test(context_joins_no_circumstance_to_an_actor_by_a_comma),
        cmocka_unit_test(context_joins_no_opening_clause_to_an_actor_by_a_comma),
        cmocka_unit_test(sector_codes_are_the_roles_sectors_and_religions),
        cmocka_unit_test(words_code_the_same_after_the_form_cache_empties),
        cmocka_unit_test(coder_trie_index_finds_every_edge),
        cmocka_unit_test(parse_memo_keeps_sentences_by_their_words),
        cmocka_unit_test(sentence_without_coded_verb_tag_is_not_parsed),
        cmocka_unit_test(words_keep_the_root_child_of_their_stem),
        cmocka_unit_test(repeated_sentence_parses_once),
        cmocka_unit_test(according_to_is_no_verb),
        cmocka_unit_test(context_knows_a_titled_person_by_name),
        cmocka_unit_test(context_titles_the_publishers_people),
        cmocka_unit_test(context_gives_the_publishers_president),
        cmocka_unit_test(context_title_needs_a_state_with_that_office),
        cmocka_unit_test(context_reads_a_hyphenated_name),
        cmocka_unit_test(context_gives_the_publishers_administration),
        cmocka_unit_test(context_tells_georgia_the_us_state),
        cmocka_unit_test(context_president_named_must_be_the_publishers),
        cmocka_unit_test(context_gives_the_publishers_congress),
        cmocka_unit_test(context_knows_a_language),
        cmocka_unit_test(context_tells_a_us_town),
        cmocka_unit_test(context_deputy_is_a_rank_before_a_title),
        cmocka_unit_test(context_codes_no_wished_for_act),
        cmocka_unit_test(conjoined_verb_keeps_the_subject_of_its_head),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
