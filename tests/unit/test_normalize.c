/*
 * test_normalize.c — the normalized form used for matching
 * (src/text/normalize.c): case and accent folding, NFC, typographic
 * punctuation, ignorables, invalid UTF-8, agreement of the ASCII fast path
 * with the utf8proc path, and allocation failure.
 */
#include "test_util.h"

#include "text/text.h"

/* dyad_normalize into a static NUL-terminated buffer. */
static const char *norm(const char *s, size_t len)
{
    static char out[1024];
    char *res = NULL;
    size_t n = 0;
    assert_int_equal(dyad_normalize(s, len, NULL, &res, &n), DYAD_OK);
    assert_true(n < sizeof out);
    memcpy(out, res, n);
    out[n] = 0;
    free(res);
    return out;
}

#define NORM(s) norm((s), sizeof(s) - 1)

static void normalize_folds_case_and_accents(void **state)
{
    (void)state;
    assert_string_equal(NORM("Ángel Moratinos"), "angel moratinos");
    assert_string_equal(NORM("ÇAVUŞOĞLU"), "cavusoglu");
    assert_string_equal(NORM("Kraków Łódź"), "krakow łodz"); /* Ł has no decomposition */
}

static void normalize_composes_decomposed_input(void **state)
{
    (void)state;
    /* "A" + COMBINING ACUTE and the precomposed "Á" give the same form */
    assert_string_equal(NORM("A\xCC\x81ngel"), NORM("\xC3\x81ngel"));
    assert_string_equal(NORM("A\xCC\x81ngel"), "angel");
}

static void normalize_folds_sharp_s_and_final_sigma(void **state)
{
    (void)state;
    assert_string_equal(NORM("Straße"), "strasse");
    assert_string_equal(NORM("ΟΔΟΣ"), NORM("οδος"));
}

static void normalize_maps_typographic_quotes_and_dashes(void **state)
{
    (void)state;
    assert_string_equal(NORM("Alliance’s “deal” ‘now’"), "alliance's \"deal\" 'now'");
    assert_string_equal(NORM("``x'' a–b c—d e\xE2\x88\x92" "1 f´s"), "''x'' a-b c-d e-1 f's");
}

static void normalize_drops_ignorables(void **state)
{
    (void)state;
    assert_string_equal(NORM("Ali\xC2\xAD" "yev"), "aliyev");     /* soft hyphen */
    assert_string_equal(NORM("a\xE2\x80\x8D" "b"), "ab");          /* zero-width joiner */
    assert_string_equal(NORM("\xE2\x80\x8D"), "");                  /* nothing but ignorables */
}

static void normalize_replaces_invalid_utf8(void **state)
{
    (void)state;
    assert_string_equal(NORM("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
    assert_string_equal(NORM("\xC3"), "\xEF\xBF\xBD");                       /* truncated */
    assert_string_equal(NORM("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");      /* overlong */
    assert_string_equal(NORM("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* surrogate */
    assert_string_equal(NORM("É\xFF"), "e\xEF\xBF\xBD");
}

static void normalize_handles_empty_input(void **state)
{
    (void)state;
    char *out = NULL;
    size_t n = 99;
    assert_int_equal(dyad_normalize("", 0, NULL, &out, &n), DYAD_OK);
    assert_int_equal(n, 0);
    free(out);
    assert_int_equal(dyad_normalize(NULL, 0, NULL, &out, &n), DYAD_OK);
    free(out);
    assert_int_equal(dyad_normalize(NULL, 4, NULL, &out, &n), DYAD_EINVAL);
}

/* The ASCII fast path must agree with utf8proc: norm("Xé") must equal
 * norm("X") followed by "e", where "Xé" goes through utf8proc. */
static void normalize_ascii_fast_path_agrees_with_utf8proc(void **state)
{
    (void)state;
    for (int c = 1; c < 128; c++) {
        char fast_in[1] = {(char)c};
        char slow_in[3] = {(char)c, '\xC3', '\xA9'};
        char fast[16];
        snprintf(fast, sizeof fast, "%se", norm(fast_in, 1));
        assert_string_equal(norm(slow_in, 3), fast);
    }
}

static void normalize_decodes_utf8_like_the_standard(void **state)
{
    (void)state;
    int32_t cp;
    assert_int_equal(norm_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(norm_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp), 1);
    assert_int_equal(cp, 0xFFFD); /* above U+10FFFF */
    assert_int_equal(norm_decode((const unsigned char *)"\xE2\x82", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(norm_decode((const unsigned char *)"\x80", 1, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
}

static void normalize_fails_cleanly_when_allocation_fails(void **state)
{
    (void)state;
    const char *s = "Ángel’s “plan”";
    for (long fail = 1; fail < 50; fail++) {
        test_failing_alloc fa;
        test_failing_alloc_init(&fa, fail);
        char *out = NULL;
        size_t n = 0;
        dyad_status st = dyad_normalize(s, strlen(s), &fa.a, &out, &n);
        if (st == DYAD_OK) {
            assert_string_equal(out, "angel's \"plan\"");
            fa.a.free(fa.a.user, out);
            assert_int_equal(fa.live, 0);
            return;
        }
        assert_int_equal(st, DYAD_ENOMEM);
        assert_null(out);
        assert_int_equal(fa.live, 0);
    }
    fail_msg("normalization never succeeded");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normalize_folds_case_and_accents),
        cmocka_unit_test(normalize_composes_decomposed_input),
        cmocka_unit_test(normalize_folds_sharp_s_and_final_sigma),
        cmocka_unit_test(normalize_maps_typographic_quotes_and_dashes),
        cmocka_unit_test(normalize_drops_ignorables),
        cmocka_unit_test(normalize_replaces_invalid_utf8),
        cmocka_unit_test(normalize_handles_empty_input),
        cmocka_unit_test(normalize_ascii_fast_path_agrees_with_utf8proc),
        cmocka_unit_test(normalize_decodes_utf8_like_the_standard),
        cmocka_unit_test(normalize_fails_cleanly_when_allocation_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
