/*
 * model.c — the syntax model file: writing it after training and mapping
 * it read-only at load time (STYLE.md, "Compiled lexicons and models").
 *
 * Layout (little-endian, every section 64-byte aligned so that a bucket
 * is one cache line):
 *   header   magic "DYADSYN1", u32 version, u32 section count, u64 total
 *            size, u64 XXH3-64 of bytes [64, total) (a CRC-32 and four
 *            zero bytes before version 6), padding to 64 bytes
 *   table    per section: u32 id, u32 reserved, u64 offset, u64 length
 *   sections names (3 x syn_names), XPOS / UPOS / transition weights,
 *            lemmas, arc-label weights, second-pass XPOS weights, tag
 *            dictionary ({u32 slots, 12 bytes 0} then the slots), and
 *            capitalization classes with word clusters (same layout;
 *            ref = coarse << 16 | fine << 8 | class, since version 3), and
 *            the UPOS and label maps (same layout, since version 5); the
 *            transition weights have SYN_PARSE_CLASSES classes (the
 *            first-stage classifier's after the full model's, version 7)
 *            and the label weights twice the relations (the labeller's
 *            first stage after the full labeller's, version 8) and the
 *            UPOS weights twice the UPOS tags (the UPOS pass's first
 *            stage after the full classifier's, version 9); since
 *            version 10 SYN_PARSE_CLASSES is 9 (the second-stage
 *            classifier's after the first's)
 * A weights section is a 64-byte head {u32 nclass, u32 buckets, u64
 * npairs, u32 ndense, u32 stride, zeros} then the table (buckets x
 * syn_wbucket), ndense x stride int16 dense rows, npairs int16 weights
 * of the sparse runs (quantized, one scale per table) and their npairs
 * class bytes (since version 4).  A lemma
 * section is {u32 slots, u32 0, u64 string bytes}, the table and the
 * strings.  Every offset and count is checked once at load;
 * afterwards the hot path reads the mapping in place.
 */
#include "syntax/syntax.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define HEADER_BYTES 64u
#define SECTION_ENTRY_BYTES 24u

enum { SEC_NAMES = 1, SEC_XPOS = 2, SEC_UPOS = 3, SEC_PARSE = 4, SEC_LEMMAS = 5, SEC_LABEL = 6, SEC_XPOS2 = 7, SEC_TAGDICT = 8, SEC_CAPDICT = 9, SEC_UPOSMAP = 10, SEC_LABELMAP = 11, SEC_N = 11 };

static void put32(unsigned char *p, uint32_t v)
{
    memcpy(p, &v, 4);
}
static void put64(unsigned char *p, uint64_t v)
{
    memcpy(p, &v, 8);
}
static uint32_t get32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
static uint64_t get64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

#define SECTION_ALIGN 64u

static size_t align_section(size_t n)
{
    return (n + SECTION_ALIGN - 1) & ~(size_t)(SECTION_ALIGN - 1);
}

#define WEIGHTS_HEAD_BYTES 64u

static size_t weights_bytes(const syn_weights *w)
{
    return WEIGHTS_HEAD_BYTES + (size_t)w->buckets * sizeof(syn_wbucket) +
           (size_t)w->ndense * w->stride * sizeof(int16_t) + w->npairs * 3;
}

static size_t lemmas_bytes(const syn_lemmas *l)
{
    return 16 + (size_t)l->slots * sizeof(syn_wentry) + l->str_len;
}

static void emit_weights(unsigned char *p, const syn_weights *w)
{
    put32(p, w->nclass);
    put32(p + 4, w->buckets);
    put64(p + 8, w->npairs);
    put32(p + 16, w->ndense);
    put32(p + 20, w->stride);
    p += WEIGHTS_HEAD_BYTES;
    size_t tb = (size_t)w->buckets * sizeof(syn_wbucket);
    size_t db = (size_t)w->ndense * w->stride * sizeof(int16_t);
    memcpy(p, w->table, tb);
    if (db)
        memcpy(p + tb, w->dense, db);
    if (w->npairs) {
        memcpy(p + tb + db, w->w, w->npairs * sizeof(int16_t));
        memcpy(p + tb + db + w->npairs * sizeof(int16_t), w->cls, w->npairs);
    }
}

static size_t table_bytes(const syn_tagdict *d)
{
    return 16 + (size_t)d->slots * sizeof(syn_wentry);
}

/* A lookup-table section: {u32 slots, 12 bytes 0}, then the slots. */
static void emit_table(unsigned char *p, const syn_tagdict *d)
{
    put32(p, d->slots);
    if (d->slots)
        memcpy(p + 16, d->table, (size_t)d->slots * sizeof(syn_wentry));
}

static void emit_lemmas(unsigned char *p, const syn_lemmas *l)
{
    put32(p, l->slots);
    put32(p + 4, 0);
    put64(p + 8, l->str_len);
    size_t tb = (size_t)l->slots * sizeof(syn_wentry);
    memcpy(p + 16, l->table, tb);
    memcpy(p + 16 + tb, l->str, l->str_len);
}

dyad_status syn_model_write(const char *path, const syn_model_parts *m, dyad_error *err)
{
    size_t len[SEC_N] = { 3 * sizeof(syn_names), weights_bytes(&m->wxpos),
                          weights_bytes(&m->wupos), weights_bytes(&m->wparse),
                          lemmas_bytes(&m->lemmas), weights_bytes(&m->wlabel),
                          weights_bytes(&m->wxpos2), table_bytes(&m->tagdict),
                          table_bytes(&m->capdict), table_bytes(&m->uposmap),
                          table_bytes(&m->labelmap) };
    size_t off[SEC_N], total = HEADER_BYTES + SEC_N * SECTION_ENTRY_BYTES;
    for (int i = 0; i < SEC_N; i++) {
        off[i] = align_section(total);
        total = off[i] + len[i];
    }
    total = align_section(total);
    unsigned char *img = core_calloc(core_allocator(NULL), 1, total);
    if (!img)
        return error_set(err, DYAD_ENOMEM, path, 0, "out of memory");
    memcpy(img, SYN_MODEL_MAGIC, 8);
    put32(img + 8, SYN_MODEL_VERSION);
    put32(img + 12, SEC_N);
    put64(img + 16, total);
    for (int i = 0; i < SEC_N; i++) {
        unsigned char *e = img + HEADER_BYTES + (size_t)i * SECTION_ENTRY_BYTES;
        put32(e, (uint32_t)i + 1);
        put64(e + 8, off[i]);
        put64(e + 16, len[i]);
    }
    memcpy(img + off[0], &m->upos, sizeof(syn_names));
    memcpy(img + off[0] + sizeof(syn_names), &m->xpos, sizeof(syn_names));
    memcpy(img + off[0] + 2 * sizeof(syn_names), &m->deprel, sizeof(syn_names));
    emit_weights(img + off[1], &m->wxpos);
    emit_weights(img + off[2], &m->wupos);
    emit_weights(img + off[3], &m->wparse);
    emit_lemmas(img + off[4], &m->lemmas);
    emit_weights(img + off[5], &m->wlabel);
    emit_weights(img + off[6], &m->wxpos2);
    emit_table(img + off[7], &m->tagdict);
    emit_table(img + off[8], &m->capdict);
    emit_table(img + off[9], &m->uposmap);
    emit_table(img + off[10], &m->labelmap);
    put64(img + 24, checksum64_bytes(img + HEADER_BYTES, total - HEADER_BYTES));
    /* Write beside the target and rename over it: a running dyad that has
     * the old model mapped keeps its pages instead of dying with SIGBUS,
     * and a failed write never leaves a truncated model behind. */
    char tmp[4096];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    dyad_status st = DYAD_OK;
    if (n < 0 || (size_t)n >= sizeof tmp) {
        core_free(core_allocator(NULL), img);
        return error_set(err, DYAD_EINVAL, path, 0, "model path too long");
    }
    FILE *f = fopen(tmp, "wb");
    if (!f || fwrite(img, 1, total, f) != total)
        st = error_set(err, DYAD_EIO, path, 0, "cannot write model: %s", strerror(errno));
    if (f && fclose(f) != 0 && st == DYAD_OK)
        st = error_set(err, DYAD_EIO, path, 0, "cannot write model: %s", strerror(errno));
    if (st == DYAD_OK && rename(tmp, path) != 0)
        st = error_set(err, DYAD_EIO, path, 0, "cannot write model: %s", strerror(errno));
    if (st != DYAD_OK)
        remove(tmp);
    core_free(core_allocator(NULL), img);
    return st;
}

/* ---- loading ---- */

static dyad_status corrupt(dyad_error *err, const char *path, const char *what)
{
    return error_set(err, DYAD_ECORRUPT, path, 0,
                     "model file is corrupt or truncated (%s); retrain with `make model` or "
                     "reinstall data/models",
                     what);
}

static bool check_names(const syn_names *n)
{
    if (n->n == 0 || n->n > SYN_MAX_CLASSES)
        return false;
    for (uint32_t i = 0; i < n->n; i++)
        if (!memchr(n->name[i], 0, SYN_MAX_NAME_BYTES))
            return false;
    return true;
}

/* Every ref of a used slot in range, the slots of each bucket filled in
 * order, and at least one slot free somewhere (a search for an absent key
 * must end).  This runs over every slot of every table on each load: with
 * SSE2 a bucket is checked in a few instructions, not slot by slot. */
static bool buckets_valid(const syn_weights *w)
{
#if defined(__SSE2__)
    /* Offsets and counts stay below 2^25, so signed 32-bit compares do. */
    const __m128i zero = _mm_setzero_si128(), low = _mm_set1_epi32(0xff);
    const __m128i pairs = _mm_set1_epi32((int)w->npairs);
    const __m128i last_row = _mm_set1_epi32((int)w->ndense - 1);
    unsigned bad = 0, empty = 0;
    for (size_t b = 0; b < w->buckets; b++) {
        const syn_wbucket *k = &w->table[b];
        unsigned free_mask = 0;
        for (int h = 0; h < 2; h++) {
            __m128i fp = _mm_loadu_si128((const __m128i *)(k->fp + 4 * h));
            __m128i ref = _mm_loadu_si128((const __m128i *)(k->ref + 4 * h));
            __m128i is_free = _mm_cmpeq_epi32(fp, zero);
            __m128i n = _mm_and_si128(ref, low), off = _mm_srli_epi32(ref, 8);
            __m128i is_row = _mm_cmpeq_epi32(n, zero);
            __m128i run_out = _mm_cmpgt_epi32(_mm_add_epi32(off, n), pairs);
            __m128i row_out = _mm_cmpgt_epi32(off, last_row);
            __m128i out = _mm_or_si128(_mm_and_si128(is_row, row_out),
                                       _mm_andnot_si128(is_row, run_out));
            bad |= (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_andnot_si128(is_free, out)));
            free_mask |= (unsigned)_mm_movemask_ps(_mm_castsi128_ps(is_free)) << (4 * h);
        }
        /* Free slots only at the end: no free slot before a used one. */
        bad |= (free_mask << 1) & 0xffu & ~free_mask;
        empty |= free_mask;
    }
    return !bad && empty;
#else
    bool some_empty = false;
    for (size_t b = 0; b < w->buckets; b++) {
        for (uint32_t i = 0; i < SYN_BUCKET_SLOTS; i++) {
            uint32_t fp = w->table[b].fp[i], ref = w->table[b].ref[i], n = ref & 0xffu;
            if (!fp) {
                some_empty = true;
                if (i + 1 < SYN_BUCKET_SLOTS && w->table[b].fp[i + 1])
                    return false;
            } else if (n ? (uint64_t)(ref >> 8) + n > w->npairs : ref >> 8 >= w->ndense) {
                return false;
            }
        }
    }
    return some_empty;
#endif
}

/* Every class byte of the sparse runs below nclass. */
static bool classes_valid(const uint8_t *cls, uint64_t n, uint32_t nclass)
{
    uint64_t i = 0;
    uint8_t top = 0;
#if defined(__SSE2__)
    __m128i m = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16)
        m = _mm_max_epu8(m, _mm_loadu_si128((const __m128i *)(cls + i)));
    uint8_t lanes[16];
    _mm_storeu_si128((__m128i *)lanes, m);
    for (int k = 0; k < 16; k++)
        top = lanes[k] > top ? lanes[k] : top;
#endif
    for (; i < n; i++)
        top = cls[i] > top ? cls[i] : top;
    return n == 0 || top < nclass;
}

static bool read_weights(const unsigned char *p, size_t len, uint32_t nclass, syn_weights *w)
{
    if (len < WEIGHTS_HEAD_BYTES)
        return false;
    w->nclass = get32(p);
    w->buckets = get32(p + 4);
    w->npairs = get64(p + 8);
    w->ndense = get32(p + 16);
    w->stride = get32(p + 20);
    size_t buckets = w->buckets;
    if (w->nclass != nclass || w->stride != syn_stride(nclass) || buckets == 0 ||
        buckets > ((size_t)1 << 27) || w->npairs >= SYN_MAX_PAIRS || w->ndense >= SYN_MAX_PAIRS)
        return false;
    size_t tb = buckets * sizeof(syn_wbucket), db = (size_t)w->ndense * w->stride * sizeof(int16_t);
    if (WEIGHTS_HEAD_BYTES + tb + db + w->npairs * 3 != len)
        return false;
    p += WEIGHTS_HEAD_BYTES;
    w->table = (const syn_wbucket *)p;
    w->dense = (const int16_t *)(p + tb);
    w->w = (const int16_t *)(p + tb + db);
    w->cls = (const uint8_t *)(w->w + w->npairs);
    if (!buckets_valid(w) || !classes_valid(w->cls, w->npairs, nclass))
        return false;
    w->owned = NULL;
    return true;
}

static bool read_lemmas(const unsigned char *p, size_t len, syn_lemmas *l)
{
    if (len < 16)
        return false;
    l->slots = get32(p);
    l->str_len = get64(p + 8);
    size_t slots = l->slots;
    if (slots == 0 || slots > ((size_t)1 << 30) ||
        16 + slots * sizeof(syn_wentry) + l->str_len != len)
        return false;
    l->table = (const syn_wentry *)(p + 16);
    l->str = (const char *)(p + 16 + slots * sizeof(syn_wentry));
    bool some_empty = false;
    for (size_t i = 0; i < slots; i++) {
        if (!l->table[i].fp)
            some_empty = true;
        else if ((uint64_t)(l->table[i].ref >> 8) + (l->table[i].ref & 0xffu) > l->str_len)
            return false;
    }
    l->owned = NULL;
    /* without a free slot a search for an absent form would never end */
    return some_empty;
}

/* A lookup-table section (tag dictionary, capitalization classes, UPOS
 * and label maps: {u32 slots, 12 bytes 0} then the slots) into d, if its
 * length fits, every used slot's ref passes ref_ok and some slot is free
 * (else a search for an absent key would never end). */
static bool read_table(const unsigned char *p, size_t len, syn_tagdict *d,
                       bool (*ref_ok)(uint32_t ref, const syn_model_parts *m, uint32_t nclass),
                       const syn_model_parts *m, uint32_t nclass)
{
    if (len < 16)
        return false;
    d->slots = get32(p);
    d->owned = NULL;
    if (16 + (size_t)d->slots * sizeof(syn_wentry) != len)
        return false;
    d->table = (const syn_wentry *)(p + 16);
    bool some_empty = d->slots == 0;
    for (uint32_t i = 0; i < d->slots; i++) {
        if (!d->table[i].fp)
            some_empty = true;
        else if (!ref_ok(d->table[i].ref, m, nclass))
            return false;
    }
    return some_empty;
}

/* Tag dictionary: xpos << 8 | upos (or SYN_TAGDICT_ANY_UPOS). */
static bool tag_pair_ok(uint32_t ref, const syn_model_parts *m, uint32_t nclass)
{
    (void)nclass;
    uint32_t u = ref & 0xffu;
    return (ref >> 8) < m->xpos.n && (u < m->upos.n || u == SYN_TAGDICT_ANY_UPOS);
}

/* Capitalization classes: coarse << 16 | fine << 8 | class. */
static bool cap_class_ok(uint32_t ref, const syn_model_parts *m, uint32_t nclass)
{
    (void)m;
    (void)nclass;
    return !(ref >> 24) && ((ref >> 8) & 0xffu) <= SYN_CLUSTERS_FINE &&
           ((ref >> 16) & 0xffu) <= SYN_CLUSTERS_COARSE;
}

/* UPOS and label maps: a class below nclass; the count and share in the
 * rest of the ref may be any value that fits. */
static bool share_ref_ok(uint32_t ref, const syn_model_parts *m, uint32_t nclass)
{
    (void)m;
    return (ref & 0xffu) < nclass && !(ref >> 26);
}

/* Reads sections from a checked image into parts. */
static dyad_status read_sections(const unsigned char *img, size_t total, const char *path,
                                 syn_model_parts *m, dyad_error *err)
{
    const unsigned char *sec[SEC_N];
    size_t len[SEC_N];
    if (get32(img + 12) != SEC_N)
        return corrupt(err, path, "section count");
    for (int i = 0; i < SEC_N; i++) {
        const unsigned char *e = img + HEADER_BYTES + (size_t)i * SECTION_ENTRY_BYTES;
        uint64_t off = get64(e + 8), l = get64(e + 16);
        if (get32(e) != (uint32_t)i + 1 || off % SECTION_ALIGN || off > total || l > total - off)
            return corrupt(err, path, "section table");
        sec[i] = img + off;
        len[i] = (size_t)l;
    }
    if (len[0] != 3 * sizeof(syn_names))
        return corrupt(err, path, "names");
    memcpy(&m->upos, sec[0], sizeof(syn_names));
    memcpy(&m->xpos, sec[0] + sizeof(syn_names), sizeof(syn_names));
    memcpy(&m->deprel, sec[0] + 2 * sizeof(syn_names), sizeof(syn_names));
    if (!check_names(&m->upos) || !check_names(&m->xpos) || !check_names(&m->deprel) ||
        m->deprel.n * 2 + 1 > SYN_MAX_CLASSES || m->upos.n * 2 + 1 > SYN_MAX_CLASSES)
        return corrupt(err, path, "names");
    if (!read_weights(sec[1], len[1], m->xpos.n, &m->wxpos) ||
        !read_weights(sec[2], len[2], 2 * m->upos.n, &m->wupos) ||
        !read_weights(sec[3], len[3], SYN_PARSE_CLASSES, &m->wparse) ||
        !read_weights(sec[5], len[5], 2 * m->deprel.n, &m->wlabel) ||
        !read_weights(sec[6], len[6], m->xpos.n, &m->wxpos2))
        return corrupt(err, path, "weights");
    if (!read_table(sec[7], len[7], &m->tagdict, tag_pair_ok, m, 0))
        return corrupt(err, path, "tag dictionary");
    if (!read_table(sec[8], len[8], &m->capdict, cap_class_ok, m, 0))
        return corrupt(err, path, "capitalization classes");
    if (!read_table(sec[9], len[9], &m->uposmap, share_ref_ok, m, m->upos.n))
        return corrupt(err, path, "UPOS map");
    if (!read_table(sec[10], len[10], &m->labelmap, share_ref_ok, m, m->deprel.n))
        return corrupt(err, path, "label map");
    if (!read_lemmas(sec[4], len[4], &m->lemmas))
        return corrupt(err, path, "lemmas");
    return DYAD_OK;
}

/* A file of another format version: what this dyad reads, and what to do. */
static dyad_status wrong_version(dyad_error *err, const char *path, uint32_t version)
{
    if (SYN_MODEL_VERSION_OLDEST == SYN_MODEL_VERSION)
        return error_set(err, DYAD_ECORRUPT, path, 0,
                         "model format version %u, this dyad reads version %u; retrain with "
                         "make model or reinstall data/models",
                         version, SYN_MODEL_VERSION);
    return error_set(err, DYAD_ECORRUPT, path, 0,
                     "model format version %u, this dyad reads versions %u to %u; retrain with "
                     "make model or reinstall data/models",
                     version, SYN_MODEL_VERSION_OLDEST, SYN_MODEL_VERSION);
}

dyad_status syn_model_map(const char *path, syn_model_parts *m, void **map, size_t *map_len,
                          dyad_error *err)
{
    *map = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return error_set(err, errno == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO, path, 0,
                         "cannot open model: %s", strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return error_set(err, DYAD_EIO, path, 0, "model is not a regular file");
    }
    size_t total = (size_t)sb.st_size;
    if (total < HEADER_BYTES + SEC_N * SECTION_ENTRY_BYTES) {
        close(fd);
        return corrupt(err, path, "shorter than its header");
    }
    void *p = mmap(NULL, total, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return error_set(err, DYAD_EIO, path, 0, "cannot map model: %s", strerror(errno));
    const unsigned char *img = p;
    dyad_status st = DYAD_OK;
    if (memcmp(img, SYN_MODEL_MAGIC, 8) != 0)
        st = corrupt(err, path, "not a dyad syntax model");
    else if (get32(img + 8) < SYN_MODEL_VERSION_OLDEST || get32(img + 8) > SYN_MODEL_VERSION)
        st = wrong_version(err, path, get32(img + 8));
    else if (get64(img + 16) != total)
        st = corrupt(err, path, "size differs from the header");
    else if (checksum64_bytes(img + HEADER_BYTES, total - HEADER_BYTES) != get64(img + 24))
        st = corrupt(err, path, "checksum mismatch");
    else
        st = read_sections(img, total, path, m, err);
    if (st != DYAD_OK) {
        munmap(p, total);
        return st;
    }
    *map = p;
    *map_len = total;
    return DYAD_OK;
}
