/*
 * test_syn_feats.c — a word's integer ids (src/syntax/feats.c).  The
 * committed model's weights are keyed by these ids, so syn_word_init must
 * give exactly the hashes its definition names: hash_bytes of the form,
 * of the lower-cased form, of the compressed shape, of 1-2 byte prefixes
 * and 1-4 byte suffixes, each tagged with its letter.  The definition is
 * written out here the plain way, one string and one hash at a time, and
 * compared on made-up words of every length around the 64-byte prefix
 * buffer, of every byte class, and on random bytes.  And the parser's
 * staged scoring makes, stage by stage, exactly the parser's keys.
 */
#include "test_util.h"

#include "syntax/syntax.h"

#define PREFIX_CAP 64u /* feats.c's WORD_PREFIX_CAP */

static uint64_t tagged(char tag, const char *s, size_t len)
{
    return hash_bytes(s, len) ^ ((uint64_t)(unsigned char)tag << 56);
}

static uint64_t plain_shape(const char *s, size_t len)
{
    char out[16];
    size_t n = 0, run = 0;
    char prev = 0;
    for (size_t i = 0; i < len && i < PREFIX_CAP && n < sizeof out; i++) {
        unsigned char c = (unsigned char)s[i];
        char k = c >= 'A' && c <= 'Z'   ? 'X'
                 : c >= 'a' && c <= 'z' ? 'x'
                 : c >= '0' && c <= '9' ? 'd'
                 : c >= 0x80            ? 'u'
                                        : (char)c;
        run = k == prev ? run + 1 : 1;
        prev = k;
        if (run <= 2)
            out[n++] = k;
    }
    return tagged('S', out, n);
}

static void plain_word(syn_word *w, const char *s, size_t len)
{
    char low[PREFIX_CAP];
    size_t n = len < PREFIX_CAP ? len : PREFIX_CAP;
    bool all_upper = true, upper = len && s[0] >= 'A' && s[0] <= 'Z';
    uint32_t flags = upper ? SYN_W_UPPER : 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z')
            all_upper = false;
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        flags |= low[i] >= '0' && low[i] <= '9' ? SYN_W_DIGIT : 0;
        flags |= low[i] == '-' ? SYN_W_HYPHEN : 0;
    }
    if (upper && all_upper && len > 1)
        flags |= SYN_W_ALLCAP;
    memset(w, 0, sizeof *w);
    w->flags = flags;
    w->form = tagged('F', s, len);
    w->lower = len <= PREFIX_CAP ? tagged('L', low, n) : tagged('L', s, len);
    w->shape = plain_shape(s, len);
    w->pre1 = tagged('p', low, n < 1 ? n : 1);
    w->pre2 = tagged('q', low, n < 2 ? n : 2);
    w->suf1 = tagged('1', low + (n > 1 ? n - 1 : 0), n < 1 ? n : 1);
    w->suf2 = tagged('2', low + (n > 2 ? n - 2 : 0), n < 2 ? n : 2);
    w->suf3 = tagged('3', low + (n > 3 ? n - 3 : 0), n < 3 ? n : 3);
    w->suf4 = tagged('4', low + (n > 4 ? n - 4 : 0), n < 4 ? n : 4);
}

static void check_word(const char *s, size_t len)
{
    syn_word got, want;
    memset(&got, 0x5a, sizeof got);
    syn_word_init(&got, s, len);
    plain_word(&want, s, len);
    assert_true(got.form == want.form);
    assert_true(got.lower == want.lower);
    assert_true(got.shape == want.shape);
    assert_true(got.pre1 == want.pre1);
    assert_true(got.pre2 == want.pre2);
    assert_true(got.suf1 == want.suf1);
    assert_true(got.suf2 == want.suf2);
    assert_true(got.suf3 == want.suf3);
    assert_true(got.suf4 == want.suf4);
    assert_int_equal(got.flags, want.flags);
    assert_int_equal(got.cap, 0);
    assert_int_equal(got.clus, 0);
    assert_int_equal(got.clus2, 0);
}

static void ids_of_ordinary_words_match_their_definition(void **state)
{
    (void)state;
    static const char *const words[] = {
        "", "a", "I", "of", "Ukraine", "U.S.", "NATO", "co-operate", "1,200", "3.5%",
        "Zelenskyy’s", "McDonald's", "e-mail", "AAAAbbbb1111----", "Xx", "x", "--",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.,;:!?",
    };
    for (size_t i = 0; i < DYAD_ARRAY_LEN(words); i++)
        check_word(words[i], strlen(words[i]));
}

/* Lengths 0-130 (either side of the 64-byte buffer and of the 16-byte
 * shape), and random bytes of every class, NUL and bytes >= 0x80 among
 * them. */
static void ids_of_any_bytes_match_their_definition(void **state)
{
    (void)state;
    static const char classes[] = "AZaz09-.'\x80\xff\x01";
    char s[131];
    uint32_t seed = 2463534242u;
    for (size_t len = 0; len < sizeof s; len++)
        for (int round = 0; round < 40; round++) {
            for (size_t i = 0; i < len; i++) {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                /* half the rounds from a few classes (long runs), half any byte */
                s[i] = round % 2 ? (char)(seed >> 8)
                                 : classes[(seed >> 8) % (sizeof classes - 1)];
            }
            check_word(s, len);
        }
}

static int cmp_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Staged transition scoring makes each stage's keys on its own: in every
 * state of parses of made-up sentences (legal transitions picked at
 * random, labels varied), the three stages must make exactly the keys of
 * syn_parse_feats, SYN_PARSE_STAGE1_KEYS of them in the first stage and
 * SYN_PARSE_STAGE2_KEYS in the first two. */
static void parser_stages_make_exactly_the_parser_keys(void **state)
{
    (void)state;
    static const char *const text[] = { "The", "President", "met", "the", "envoys", "of",
                                        "Ukraine", "in", "Riga", "on", "Monday", "and",
                                        "praised", "their", "work", "." };
    enum { N = DYAD_ARRAY_LEN(text) };
    syn_word w[N + 1];
    uint16_t xpos[N + 1], upos[N + 1];
    for (size_t i = 1; i <= N; i++) {
        syn_word_init(&w[i], text[i - 1], strlen(text[i - 1]));
        w[i].clus = (uint8_t)(i * 7 % 5);
        w[i].clus2 = (uint8_t)(i % 3);
        w[i].cap = (uint8_t)(i % 4);
        xpos[i] = (uint16_t)(i * 5 % 11);
        upos[i] = (uint16_t)(i * 3 % 7);
    }
    syn_pscratch ps = { 0 };
    assert_int_equal(syn_pscratch_reserve(&ps, core_allocator(NULL), N), DYAD_OK);
    uint32_t seed = 7;
    size_t states = 0;
    for (int round = 0; round < 30; round++) {
        syn_pstate *st = &ps.st;
        syn_pstate_init(st, N, w, xpos, upos);
        while (!syn_pstate_final(st)) {
            uint64_t all[SYN_PARSE_FEATS], staged[SYN_PARSE_FEATS];
            size_t n = syn_parse_feats(st, all), m = 0, k0, k1;
            assert_int_equal(n, SYN_PARSE_KEYS);
            m += k0 = syn_parse_stage_keys(st, 0, staged);
            m += k1 = syn_parse_stage_keys(st, 1, staged + m);
            m += syn_parse_stage_keys(st, 2, staged + m);
            assert_int_equal(k0, SYN_PARSE_STAGE1_KEYS);
            assert_int_equal(k0 + k1, SYN_PARSE_STAGE2_KEYS);
            assert_int_equal(m, n);
            qsort(all, n, sizeof *all, cmp_key);
            qsort(staged, m, sizeof *staged, cmp_key);
            assert_memory_equal(all, staged, n * sizeof *all);
            uint8_t allowed[SYN_T_N];
            syn_pstate_legal(st, allowed);
            seed = seed * 1103515245u + 12345u;
            uint32_t t = (seed >> 16) % SYN_T_N;
            while (!allowed[t])
                t = (t + 1) % SYN_T_N;
            syn_pstate_apply(st, t, (uint16_t)((seed >> 8) % 40));
            states++;
        }
    }
    assert_true(states > 30 * N);
    syn_pscratch_free(&ps, core_allocator(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_of_ordinary_words_match_their_definition),
        cmocka_unit_test(ids_of_any_bytes_match_their_definition),
        cmocka_unit_test(parser_stages_make_exactly_the_parser_keys),
    };
    return cmocka_run_group_tests_name("test_syn_feats", tests, NULL, NULL);
}
