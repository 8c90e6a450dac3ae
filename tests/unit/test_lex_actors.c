/*
 * test_lex_actors.c — actor dictionaries (read_actors.c): synonyms, dated
 * codes in every form TABARI and PETRARCH allow, date resolution through
 * dyad_lexicon_lookup, stems, comments, bad lines and the real Phoenix file.
 */
#include "test_util.h"

#include "lexicon/lexicon.h"

typedef struct diags {
    int n;
    char last[600];
} diags;

static void count_diag(void *user, const dyad_error *err)
{
    diags *d = user;
    d->n++;
    dyad_error_format(err, d->last, sizeof d->last);
}

static dyad_lexicon *load(const char *name, const char *text, diags *d)
{
    dyad_lexicon_options o = {NULL, count_diag, d, 0, 1, NULL};
    dyad_lexicon *lx = NULL;
    dyad_error err;
    assert_int_equal(lex_load_memory(name, text, strlen(text), &o, false, &lx, &err), DYAD_OK);
    return lx;
}

static dyad_date day(int y, int m, int d)
{
    dyad_date x = {(int16_t)y, (int8_t)m, (int8_t)d};
    return x;
}

/* The code the phrase gets on a date, as a NUL-terminated string. */
static const char *code_of(dyad_lexicon *lx, const char *phrase, dyad_date date, char *out)
{
    dyad_lex_match m[4];
    size_t n = 0;
    out[0] = 0;
    if (dyad_lexicon_lookup(lx, phrase, strlen(phrase), date, m, 4, &n) != DYAD_OK)
        return "(none)";
    snprintf(out, 64, "%.*s", (int)m[0].code.len, m[0].code.ptr);
    return out;
}

static const char dated[] =
    "# a comment line\n"
    "NORTH_RIVERLAND_  [NRL]  # trailing comment\n"
    "+RIVERLANDERS_\n"
    "KARA_OZTURK_  # made-up person\n"
    "\t[NRLELI 780101-030803]\n"
    "\t[NRLGOV 030804-031104]\n"
    "\t[NRLGOV >031031]\n"
    "\t[NRLELI]\n"
    "OLD_MINISTER [NRLGOV <911226] [NRL]\n"
    "LONG_FORM_DATES\n"
    "\t[NRLMIL 19950601 - 19990815]\n";

static void actor_synonym_shares_the_code(void **state)
{
    diags d = {0};
    dyad_lexicon *lx = load("x.actors.txt", dated, &d);
    char cb[64];
    assert_string_equal(code_of(lx, "Riverlanders", day(2020, 1, 1), cb), "NRL");
    assert_string_equal(code_of(lx, "north riverland", day(2020, 1, 1), cb), "NRL");
    assert_int_equal(d.n, 0);
    dyad_lexicon_free(lx);
}

static void actor_code_follows_the_document_date(void **state)
{
    diags d = {0};
    dyad_lexicon *lx = load("x.actors.txt", dated, &d);
    char cb[64];
    assert_string_equal(code_of(lx, "Kara Ozturk", day(1990, 5, 1), cb), "NRLELI");
    /* a range includes its last day (PETRARCH unit test DATE-11) */
    assert_string_equal(code_of(lx, "Kara Ozturk", day(2003, 8, 3), cb), "NRLELI");
    assert_string_equal(code_of(lx, "Kara Ozturk", day(2003, 8, 4), cb), "NRLGOV");
    assert_string_equal(code_of(lx, "Kara Ozturk", day(2023, 3, 8), cb), "NRLGOV");
    /* before every range: the undated default */
    assert_string_equal(code_of(lx, "Kara Ozturk", day(1960, 1, 1), cb), "NRLELI");
    /* undated document: default code */
    assert_string_equal(code_of(lx, "Kara Ozturk", day(0, 0, 0), cb), "NRLELI");
    dyad_lexicon_free(lx);
}

static void actor_before_date_and_long_ranges_parse(void **state)
{
    diags d = {0};
    dyad_lexicon *lx = load("x.actors.txt", dated, &d);
    char cb[64];
    assert_string_equal(code_of(lx, "old minister", day(1991, 12, 25), cb), "NRLGOV");
    assert_string_equal(code_of(lx, "old minister", day(1991, 12, 26), cb), "NRL");
    assert_string_equal(code_of(lx, "long form dates", day(1997, 1, 1), cb), "NRLMIL");
    assert_string_equal(code_of(lx, "long form dates", day(1999, 8, 15), cb), "NRLMIL");
    assert_string_equal(code_of(lx, "long form dates", day(1999, 8, 16), cb), "");
    dyad_lexicon_free(lx);
}

static void lookup_reports_the_line_of_phrase_and_code(void **state)
{
    diags d = {0};
    dyad_lexicon *lx = load("x.actors.txt", dated, &d);
    dyad_lex_match m[4];
    size_t n;
    assert_int_equal(dyad_lexicon_lookup(lx, "Kara Ozturk said", 16, day(2023, 3, 8), m, 4, &n), DYAD_OK);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].words, 2);
    assert_int_equal(m[0].line, 4);
    assert_int_equal(m[0].code_line, 7);
    assert_int_equal(m[0].kind, DYAD_LEX_ACTOR);
    dyad_lexicon_free(lx);
}

static void lookup_of_unknown_phrase_is_not_found(void **state)
{
    diags d = {0};
    dyad_lexicon *lx = load("x.actors.txt", dated, &d);
    dyad_lex_match m[1];
    size_t n = 9;
    assert_int_equal(dyad_lexicon_lookup(lx, "nobody here", 11, day(0, 0, 0), m, 1, &n), DYAD_ENOTFOUND);
    assert_int_equal(n, 0);
    dyad_lexicon_free(lx);
}

static void tabari_actor_without_underscore_is_a_stem(void **state)
{
    diags d = {0};
    dyad_lexicon *lx = load("x.actors",
                            "<NOUN>\nGOATS\n</NOUN>\nPALESTIN  [PAL] ;comment\nU.N._  [UNO]\n"
                            "LORIEN  [ELR/GAL]\n~~FINISH\nIGNORED [XXX]\n", &d);
    dyad_lex_match m[4];
    size_t n;
    assert_int_equal(dyad_lexicon_lookup(lx, "palestin", 8, day(0, 0, 0), m, 4, &n), DYAD_OK);
    assert_true(m[0].flags & DYAD_LEX_STEM);
    assert_int_equal(dyad_lexicon_lookup(lx, "Palestinians", 12, day(0, 0, 0), m, 4, &n), DYAD_OK);
    assert_int_equal(m[0].words, 1);
    assert_int_equal(m[0].code.len, 3);
    assert_int_equal(dyad_lexicon_lookup(lx, "u.n.s", 5, day(0, 0, 0), m, 4, &n), DYAD_ENOTFOUND);
    assert_int_equal(dyad_lexicon_lookup(lx, "u.n.", 4, day(0, 0, 0), m, 4, &n), DYAD_OK);
    assert_false(m[0].flags & DYAD_LEX_STEM);
    assert_int_equal(dyad_lexicon_lookup(lx, "ignored", 7, day(0, 0, 0), m, 4, &n), DYAD_ENOTFOUND);
    assert_int_equal(dyad_lexicon_lookup(lx, "goats", 5, day(0, 0, 0), m, 4, &n), DYAD_ENOTFOUND);
    dyad_lexicon_stats s;
    dyad_lexicon_stats_get(lx, &s);
    assert_int_equal(s.actor_codes, 4); /* PAL, UNO, ELR, GAL */
    assert_int_equal(d.n, 0);
    dyad_lexicon_free(lx);
}

static void xml_comments_are_skipped_even_across_lines(void **state)
{
    diags d = {0};
    dyad_lexicon *lx = load("x.actors.txt",
                            "<!-- one line -->\n<!--\nHIDDEN [HID]\n# -->\nSEEN [SEN]\n"
                            "<! -- odd form -->\n", &d);
    dyad_lex_match m[2];
    size_t n;
    assert_int_equal(dyad_lexicon_lookup(lx, "hidden", 6, day(0, 0, 0), m, 2, &n), DYAD_ENOTFOUND);
    assert_int_equal(dyad_lexicon_lookup(lx, "seen", 4, day(0, 0, 0), m, 2, &n), DYAD_OK);
    assert_int_equal(d.n, 0);
    dyad_lexicon_free(lx);
}

static void bad_actor_lines_are_reported_with_file_and_line(void **state)
{
    diags d = {0};
    dyad_lexicon *lx = load("bad.actors.txt",
                            "\t[XXX 010101-020202]\nGOOD [GOD]\n\t[950601-990815]\n"
                            "\t[GOD 9008223-911221]\n\t[GOD 20120231]\nBROKEN [BRK\nFINE [FIN]\n", &d);
    assert_int_equal(d.n, 5);
    assert_non_null(strstr(d.last, "bad.actors.txt:6: malformed"));
    char cb[64];
    assert_string_equal(code_of(lx, "fine", day(0, 0, 0), cb), "FIN");
    assert_string_equal(code_of(lx, "good", day(2000, 1, 1), cb), "GOD");
    dyad_lexicon_free(lx);
}

static void strict_mode_fails_on_the_first_bad_line(void **state)
{
    diags d = {0};
    dyad_lexicon_options o = {NULL, count_diag, &d, 1, 1, NULL};
    dyad_lexicon *lx = NULL;
    dyad_error err;
    const char *text = "GOOD [GOD]\n\t[950601-990815]\n";
    assert_int_equal(lex_load_memory("s.actors.txt", text, strlen(text), &o, false, &lx, &err),
                     DYAD_EPARSE);
    assert_null(lx);
    assert_int_equal(d.n, 1);
}

static void allocation_failures_are_clean(void **state)
{
    for (long fail = 1; fail < 400; fail++) {
        test_failing_alloc t;
        test_failing_alloc_init(&t, fail);
        dyad_lexicon_options o = {&t.a, NULL, NULL, 0, 1, NULL};
        dyad_lexicon *lx = NULL;
        dyad_error err;
        dyad_status st = lex_load_memory("a.actors.txt", dated, strlen(dated), &o, false, &lx, &err);
        if (st == DYAD_OK) {
            dyad_lexicon_free(lx);
            assert_int_equal(t.live, 0);
            return;
        }
        assert_int_equal(st, DYAD_ENOMEM);
        assert_null(lx);
        assert_int_equal(t.live, 0);
    }
    fail();
}

static void phoenix_resolves_ilham_aliyev_by_date(void **state)
{
    char path[1024];
    SKIP_WITHOUT_SHARED("data/phoenix_dictionaries/Phoenix.Countries.actors.txt", path);
    const char *files[] = {path};
    dyad_lexicon_options o = {NULL, NULL, NULL, 0, 1, NULL};
    dyad_lexicon *lx;
    dyad_error err;
    assert_int_equal(dyad_lexicon_load_files(files, 1, &o, &lx, &err), DYAD_OK);
    char cb[64];
    assert_string_equal(code_of(lx, "Ilham Aliyev", day(2023, 3, 8), cb), "AZEGOV");
    assert_string_equal(code_of(lx, "Ilham Aliyev", day(1999, 1, 1), cb), "AZEELI");
    dyad_lexicon_free(lx);
}

/* Dictionary words are normalized like token norm forms (dyad_normalize):
 * case folded and accents removed, so "JOSÉ" and "Jose" meet. */
static void accented_words_match_unaccented_text(void **state)
{
    diags d = {0};
    dyad_lexicon *lx = load("u.actors.txt", "JOS\xc3\x89_MART\xc3\x8d_  [CUB]\n", &d);
    char cb[64];
    assert_string_equal(code_of(lx, "Jose Marti", day(0, 0, 0), cb), "CUB");
    assert_string_equal(code_of(lx, "jos\xc3\xa9 mart\xc3\xad", day(0, 0, 0), cb), "CUB");
    dyad_lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(actor_synonym_shares_the_code),
        cmocka_unit_test(actor_code_follows_the_document_date),
        cmocka_unit_test(actor_before_date_and_long_ranges_parse),
        cmocka_unit_test(lookup_reports_the_line_of_phrase_and_code),
        cmocka_unit_test(lookup_of_unknown_phrase_is_not_found),
        cmocka_unit_test(tabari_actor_without_underscore_is_a_stem),
        cmocka_unit_test(xml_comments_are_skipped_even_across_lines),
        cmocka_unit_test(bad_actor_lines_are_reported_with_file_and_line),
        cmocka_unit_test(strict_mode_fails_on_the_first_bad_line),
        cmocka_unit_test(allocation_failures_are_clean),
        cmocka_unit_test(phoenix_resolves_ilham_aliyev_by_date),
        cmocka_unit_test(accented_words_match_unaccented_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
