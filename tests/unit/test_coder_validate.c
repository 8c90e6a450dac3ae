/*
 * test_coder_validate.c — dyad_validate (src/coder/validate.c) on small
 * suites of our own in both formats: PETRARCH validation XML with an
 * <Environment>, <Include> categories, noevents and evaluate="false";
 * TABARI .project/.text with { SRC / TGT / CODE }, {---}, "-{" records,
 * an OPTION line and the FINAL stop record; and bad inputs.
 */
#include "test_util.h"

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

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/dyad-val-XXXXXX");
    assert_non_null(mkdtemp(dir));
    put("v.actors.txt", "FREEDONIA_ [FRE]\nSYLVANIA_ [SYL]\n");
    put("v.verbs.txt", "--- ATTACK [190] ---\nATTACK\n\n--- PRAISE [051] ---\nPRAISE\n");
    put("suite.xml",
        "<Validation>\n<Environment>\n<Verbfile>v.verbs.txt</Verbfile>\n"
        "<Actorfile>v.actors.txt</Actorfile>\n<Include>A B</Include>\n</Environment>\n"
        "<Sentences>\n"
        "<Sentence date=\"20200101\" id=\"A-1\" category=\"A\">\n"
        "<EventCoding sourcecode=\"FRE\" targetcode=\"SYL\" eventcode=\"190\"></EventCoding>\n"
        "<Text>Freedonia attacked Sylvania.</Text>\n"
        "<Parse>(ROOT (S (NP (NNP Freedonia)) (VP (VBD attacked) (NP (NNP Sylvania))) (. .)))"
        "</Parse>\n</Sentence>\n"
        "<Sentence date=\"20200101\" id=\"A-2\" category=\"A\">\n"
        "<EventCoding sourcecode=\"FRE\" targetcode=\"SYL\" eventcode=\"051\"></EventCoding>\n"
        "<Text>Freedonia attacked Sylvania.</Text>\n"
        "<Parse>(ROOT (S (NP (NNP Freedonia)) (VP (VBD attacked) (NP (NNP Sylvania))) (. .)))"
        "</Parse>\n</Sentence>\n"
        "<Sentence date=\"20200101\" id=\"B-1\" category=\"B\">\n"
        "<EventCoding noevents=\"True\"></EventCoding>\n"
        "<Text>Freedonia slept.</Text>\n"
        "<Parse>(ROOT (S (NP (NNP Freedonia)) (VP (VBD slept)) (. .)))</Parse>\n</Sentence>\n"
        "<Sentence date=\"20200101\" id=\"C-1\" category=\"C\">\n"
        "<EventCoding noevents=\"True\"></EventCoding>\n"
        "<Text>Freedonia attacked Sylvania.</Text>\n"
        "<Parse>(ROOT (S (NP (NNP Freedonia)) (VP (VBD attacked) (NP (NNP Sylvania))) (. .)))"
        "</Parse>\n</Sentence>\n"
        "<Sentence date=\"20200101\" id=\"A-3\" category=\"A\" evaluate=\"false\">\n"
        "<EventCoding noevents=\"True\"></EventCoding>\n"
        "<Text>Freedonia attacked Sylvania.</Text>\n<Parse>(ROOT (S (NP (NNP X))))</Parse>\n"
        "</Sentence>\n</Sentences>\n</Validation>\n");
    put("t.project", "<actorsfile> v.actors.txt\n<verbsfile> v.verbs.txt\n<textfile> t.text\n");
    put("t.text",
        "200101  ONE-01\nFreedonia attacked Sylvania.\n/*\n{ FRE / SYL / 190 } */\n\n"
        "200101  ONE-02\nFreedonia slept.\n/*\n{---} */\n\n"
        "200101  TWO-01\nSylvania praised Freedonia.\n/*\n-{ SYL / FRE / 999 } */\n\n"
        "200101  TWO-02\nSylvania praised Freedonia.\n/*\n{ SYL / FRE / 999 } */\n\n"
        "200101  FINAL-01\nFreedonia attacked Sylvania.\n/*\n{ FRE / SYL / 190 } */\n\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"v.actors.txt", "v.verbs.txt", "suite.xml", "t.project", "t.text"};
    char path[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/.dyad-lexicon", dir);
    unlink(path);
    rmdir(dir);
    return 0;
}

typedef struct fails {
    char ids[8][32];
    int n;
} fails;

static void on_fail(void *user, const char *id)
{
    fails *f = user;
    if (f->n < 8)
        snprintf(f->ids[f->n++], 32, "%s", id);
}

static void validate_scores_petrarch_suite_by_category(void **state)
{
    (void)state;
    char path[256], report[4096];
    snprintf(path, sizeof path, "%s/suite.xml", dir);
    FILE *rep = fmemopen(report, sizeof report, "w");
    dyad_validate_options o;
    memset(&o, 0, sizeof o);
    o.report = rep;
    fails f = {{{0}}, 0};
    dyad_validate_result res;
    dyad_error err;
    assert_int_equal(dyad_validate(path, &o, on_fail, &f, &res, &err), DYAD_OK);
    fclose(rep);
    assert_int_equal(res.records, 3); /* B-1; C not included, A-3 not evaluated */
    assert_int_equal(res.correct, 2);
    assert_int_equal(res.skipped, 2);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.ids[0], "A-2");
    assert_non_null(strstr(report, "2 of 3 records correct\n"));
    assert_non_null(strstr(report, "A            1 of 2 correct"));
}

static void validate_reads_tabari_project_and_stops_at_final(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "%s/t.project", dir);
    dyad_validate_options o;
    memset(&o, 0, sizeof o);
    fails f = {{{0}}, 0};
    dyad_validate_result res;
    dyad_error err;
    assert_int_equal(dyad_validate(path, &o, on_fail, &f, &res, &err), DYAD_OK);
    assert_int_equal(res.records, 3); /* ONE-01, ONE-02, TWO-02; TWO-01 unchecked */
    assert_int_equal(res.correct, 2);
    assert_int_equal(res.skipped, 1);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.ids[0], "TWO-02");
}

/* TABARI options and rules on TABARI-syntax dictionaries of our own:
 * CONVERT AGENT, FORWARD, COMMA, the "~_" connector, MINIMUM WORDS. */
static void validate_applies_tabari_options(void **state)
{
    (void)state;
    put("tt.actors", "FREEDONIA_ [FRE]\nSYLVANIA_ [SYL]\nMARSOVIA_ [MAR]\n");
    put("tt.agents", "SOLDIER_ [~MIL]\n");
    put("tt.verbs", "ATTACK [190]\nPRAISE [051]\n- * REAL~_WARM [052]\n");
    put("tt.project", "<actorsfile> tt.actors\n<agentsfile> tt.agents\n<verbsfile> tt.verbs\n"
                      "<textfile> tt.text\n");
    put("tt.text",
        "200101 CONV-ON\nOn.\n/*\n{ OPTION: SET: CONVERT AGENT = TRUE } */\n\n"
        "200101 CONV-01\nFreedonia praised the soldiers in the capital city today.\n"
        "/*\n{ FRE / ~MIL / 051 } */\n\n"
        "200101 CONV-OFF\nOff.\n/*\n{ OPTION: SET: CONVERT AGENT = FALSE } */\n\n"
        "200101 CONV-02\nFreedonia praised the soldiers in the capital city today.\n"
        "/*\n{---} */\n\n"
        "200101 FW-ON\nOn.\n/*\n{ OPTION: FORWARD: ^^*****NNN*SSS } */\n\n"
        "200101 FW-001-001\nSylvania praised Freedonia in a long speech today.\n"
        "/*\n{ SYL / FRE / 051 } */\n\n"
        "200101 FW-001-002\nIt also attacked Marsovia late on Friday night.\n"
        "/*\n{ SYL / MAR / 190 } */\n\n"
        "200101 FW-OFF\nOff.\n/*\n{ OPTION: FORWARD: ^^*****NNN*SSS OFF } */\n\n"
        "200101 COMMA-01\nFreedonia, which Marsovia attacked last year, praised Sylvania today.\n"
        "/*\n{ FRE / SYL / 051 } */\n\n"
        "200101 CONNECT-01\nFreedonia praised Sylvania in a really warm speech.\n"
        "/*\n{ FRE / SYL / 052 } */\n\n"
        "200101 MINWRD-01\nFreedonia attacked Sylvania.\n/*\n{---} */\n\n");
    char path[256];
    snprintf(path, sizeof path, "%s/tt.project", dir);
    dyad_validate_options o;
    memset(&o, 0, sizeof o);
    fails f = {{{0}}, 0};
    dyad_validate_result res;
    dyad_error err;
    assert_int_equal(dyad_validate(path, &o, on_fail, &f, &res, &err), DYAD_OK);
    for (int i = 0; i < f.n; i++)
        print_message("failed: %s\n", f.ids[i]);
    assert_int_equal(f.n, 0);
    assert_int_equal(res.records, 7);
    assert_int_equal(res.correct, 7);
    const char *names[] = {"tt.actors", "tt.agents", "tt.verbs", "tt.project", "tt.text"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
}

static void validate_rejects_unknown_and_missing_suites(void **state)
{
    (void)state;
    dyad_validate_options o;
    memset(&o, 0, sizeof o);
    dyad_validate_result res;
    dyad_error err;
    assert_int_equal(dyad_validate("/tmp/no-such-suite.csv", &o, NULL, NULL, &res, &err),
                     DYAD_EFORMAT);
    assert_int_not_equal(dyad_validate("/tmp/no-such-suite.xml", &o, NULL, NULL, &res, &err),
                         DYAD_OK);
    assert_int_not_equal(dyad_validate("/tmp/no-such-suite.project", &o, NULL, NULL, &res, &err),
                         DYAD_OK);
}

static void validate_reports_missing_environment(void **state)
{
    (void)state;
    put("noenv.xml", "<Sentences>\n<Sentence date=\"20200101\" id=\"X-1\" category=\"X\">\n"
                     "<EventCoding noevents=\"True\"></EventCoding>\n<Text>Hello.</Text>\n"
                     "</Sentence>\n</Sentences>\n");
    char path[256];
    snprintf(path, sizeof path, "%s/noenv.xml", dir);
    dyad_validate_options o;
    memset(&o, 0, sizeof o);
    dyad_validate_result res;
    dyad_error err;
    assert_int_equal(dyad_validate(path, &o, NULL, NULL, &res, &err), DYAD_EFORMAT);
    assert_non_null(strstr(err.message, "Environment"));
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(validate_scores_petrarch_suite_by_category),
        cmocka_unit_test(validate_reads_tabari_project_and_stops_at_final),
        cmocka_unit_test(validate_applies_tabari_options),
        cmocka_unit_test(validate_rejects_unknown_and_missing_suites),
        cmocka_unit_test(validate_reports_missing_environment),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
