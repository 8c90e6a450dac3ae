/*
 * test_syn_cluster.c — word clusters learned from unlabelled text
 * (src/syntax/cluster.c): words used in the same contexts share a
 * cluster, words used differently do not, unseen and rare words get none,
 * the capitalization classes in the same table survive, and building is
 * deterministic.  The text is generated here: a few hundred made-up words
 * in two kinds of sentence frames.
 */
#include "test_util.h"

#include "syntax/syntax.h"

#include <sys/mman.h>

#define WORDS 260 /* more than SYN_CLUSTERS_FINE, so clustering runs */
#define REPEAT 12 /* more than the minimum count of a clustered word */

/* A made-up lower-case word for i ("qa", "qb", ... "qaa", ...). */
static void made_up_word(int i, char *out)
{
    size_t n = 0;
    out[n++] = 'q';
    do {
        out[n++] = (char)('a' + i % 26);
        i /= 26;
    } while (i);
    out[n] = 0;
}

/* Even words (and "cat", "dog") follow "the" and precede "runs"; odd
 * words (and "bird") follow "we" and precede "it". */
static char *write_corpus(void)
{
    size_t cap = (size_t)(WORDS + 3) * REPEAT * 24 + 1, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (int r = 0; r < REPEAT; r++) {
        for (int i = 0; i < WORDS + 3; i++) {
            char w[16];
            if (i < WORDS)
                made_up_word(i, w);
            else
                snprintf(w, sizeof w, "%s", i == WORDS ? "cat" : i == WORDS + 1 ? "dog" : "bird");
            bool even = i < WORDS ? i % 2 == 0 : i != WORDS + 2;
            n += (size_t)snprintf(text + n, cap - n, even ? "So the %s runs. " : "So we %s it. ",
                                  w);
        }
    }
    char *path = test_write_temp(".txt", text, n);
    free(text);
    return path;
}

static void lookup(const syn_tagdict *d, const char *s, syn_word *w)
{
    syn_word_init(w, s, strlen(s));
    syn_capdict_apply(d, w, 1);
}

static void build(const char *path, syn_tagdict *d)
{
    const char *paths[] = { path };
    dyad_error err = { 0 };
    assert_int_equal(syn_capdict_build(paths, 1, d, &err), DYAD_OK);
    assert_int_equal(syn_cluster_build(paths, 1, d, &err), DYAD_OK);
}

static void clusters_group_words_used_alike(void **state)
{
    char *path = write_corpus();
    syn_tagdict d;
    build(path, &d);
    syn_word cat, dog, bird, even, odd;
    lookup(&d, "cat", &cat);
    lookup(&d, "Dog", &dog);
    lookup(&d, "bird", &bird);
    lookup(&d, "qc", &even);
    lookup(&d, "qd", &odd);
    assert_int_not_equal(cat.clus, 0);
    assert_int_equal(cat.clus, dog.clus);
    assert_int_equal(cat.clus, even.clus);
    assert_int_equal(bird.clus, odd.clus);
    assert_int_not_equal(cat.clus, bird.clus);
    assert_int_not_equal(cat.clus2, 0);
    assert_int_equal(cat.clus2, dog.clus2);
    assert_int_not_equal(cat.clus2, bird.clus2);
    assert_true(cat.clus <= SYN_CLUSTERS_FINE && cat.clus2 <= SYN_CLUSTERS_COARSE);
    assert_int_equal(cat.cap, 2); /* the capitalization class is kept */
    syn_tagdict_free(&d);
    unlink(path);
    free(path);
}

static void unseen_words_have_no_cluster(void **state)
{
    char *path = write_corpus();
    syn_tagdict d;
    build(path, &d);
    syn_word w;
    lookup(&d, "summit", &w);
    assert_int_equal(w.clus, 0);
    assert_int_equal(w.clus2, 0);
    assert_int_equal(w.cap, 0);
    syn_tagdict_free(&d);
    unlink(path);
    free(path);
}

static void small_corpus_leaves_words_without_clusters(void **state)
{
    static const char text[] = "The talks in Riga ended. The talks went on.\n";
    char *path = test_write_temp(".txt", text, sizeof text - 1);
    syn_tagdict d;
    build(path, &d);
    syn_word w;
    lookup(&d, "talks", &w);
    assert_int_equal(w.cap, 1); /* seen, but too rarely for a class */
    assert_int_equal(w.clus, 0);
    syn_tagdict_free(&d);
    unlink(path);
    free(path);
}

static void clustering_is_deterministic(void **state)
{
    char *path = write_corpus();
    syn_tagdict a, b;
    build(path, &a);
    build(path, &b);
    assert_int_equal(a.slots, b.slots);
    assert_memory_equal(a.table, b.table, (size_t)a.slots * sizeof *a.table);
    syn_tagdict_free(&a);
    syn_tagdict_free(&b);
    unlink(path);
    free(path);
}

static void missing_corpus_is_an_error(void **state)
{
    syn_tagdict d;
    const char *good[] = { "/nonexistent/dyad-corpus.txt" };
    dyad_error err = { 0 };
    assert_int_not_equal(syn_capdict_build(good, 1, &d, &err), DYAD_OK);
    /* An empty table is left alone. */
    syn_tagdict empty = { 0 };
    assert_int_equal(syn_cluster_build(good, 1, &empty, &err), DYAD_OK);
}

/* The committed model carries clusters learned from news text: two
 * weekdays share one, a weekday and a verb do not. */
static void committed_model_has_word_clusters(void **state)
{
    syn_model_parts m;
    void *map;
    size_t len;
    dyad_error err = { 0 };
    if (syn_model_map("data/models/" SYN_MODEL_FILE, &m, &map, &len, &err) != DYAD_OK)
        skip();
    syn_word mon, tue, said;
    lookup(&m.capdict, "Monday", &mon);
    lookup(&m.capdict, "tuesday", &tue);
    lookup(&m.capdict, "said", &said);
    munmap(map, len);
    assert_int_not_equal(mon.clus, 0);
    assert_int_equal(mon.clus, tue.clus);
    assert_int_not_equal(mon.clus, said.clus);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clusters_group_words_used_alike),
        cmocka_unit_test(unseen_words_have_no_cluster),
        cmocka_unit_test(small_corpus_leaves_words_without_clusters),
        cmocka_unit_test(clustering_is_deterministic),
        cmocka_unit_test(missing_corpus_is_an_error),
        cmocka_unit_test(committed_model_has_word_clusters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
