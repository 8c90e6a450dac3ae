/*
 * cache.c — the compiled lexicon: one file holding every lexicon array
 * exactly as it sits in memory, mapped back with mmap and used in place.
 *
 * Layout (all fields little-endian, fixed width):
 *   header   64 bytes: magic "DYADLEX\0", u32 format version, u32 header
 *            size, u64 total size, u32 section count, u32 CRC-32 (of the
 *            bytes after the header, then of the header with this field
 *            zero: every byte is covered), u64 stamp (hash of the source file
 *            list), u32 byte-order mark 0x01020304, zero padding
 *   table    one 24-byte row per section: u32 id, u32 record size,
 *            u64 offset, u64 record count
 *   sections the arrays of lexicon.h in enum order, each 8-byte aligned
 *
 * Loading checks everything once — magic, version, size, CRC, every section
 * bound, and every index stored in every record — so lookups afterwards can
 * trust the data.  A damaged file is refused with DYAD_ECORRUPT naming it.
 * Big-endian hosts are refused (DYAD_EUNSUPPORTED) rather than byte-swapped.
 */
#include "lexicon/lexicon.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "DYADLEX"
/* 2: date ranges "D1-D2" stored as [D1, D2+1) */
/* 3: TABARI "~_" stems and whole-word agent plurals */
/* 4: TABARI loose (blank) connectors (LEX_EF_LOOSE_*), "=" words, <TIME>
 *    discards, <NOUN>/<ADJECTIVE> word classes */
#define CACHE_VERSION 4u
#define CACHE_HEADER 64u
#define CACHE_ROW 24u
#define CACHE_BOM 0x01020304u

typedef struct cache_header {
    char magic[8];
    uint32_t version, header_size;
    uint64_t total;
    uint32_t section_n, crc;
    uint64_t stamp;
    uint32_t bom;
    char pad[20];
} cache_header;

typedef struct cache_row {
    uint32_t id, elem_size;
    uint64_t offset, count;
} cache_row;

_Static_assert(sizeof(cache_header) == CACHE_HEADER, "cache header is 64 bytes");
_Static_assert(sizeof(cache_row) == CACHE_ROW, "cache row is 24 bytes");

static bool little_endian(void)
{
    uint32_t x = 1;
    return *(const unsigned char *)&x == 1;
}

static uint64_t align8(uint64_t x) { return (x + 7) & ~(uint64_t)7; }

static uint64_t files_stamp(const dyad_lexicon *lx)
{
    return hash_bytes(lx->v[LEX_V_FILES].items, (size_t)LEX_N(lx, LEX_V_FILES) * sizeof(lex_file));
}

/* ---------------- writing ---------------- */

typedef struct cache_out {
    FILE *f;
    uint32_t crc;
    bool failed;
} cache_out;

static void out_bytes(cache_out *o, const void *p, size_t n)
{
    if (o->failed || n == 0)
        return;
    if (fwrite(p, 1, n, o->f) != n)
        o->failed = true;
    o->crc = crc32_bytes(o->crc, p, n);
}

static void out_pad(cache_out *o, uint64_t from, uint64_t to)
{
    static const char zeros[8];
    out_bytes(o, zeros, (size_t)(to - from));
}

static dyad_status write_body(const dyad_lexicon *lx, cache_out *o, uint64_t *total)
{
    cache_row rows[LEX_V_COUNT];
    uint64_t off = align8(CACHE_HEADER + (uint64_t)CACHE_ROW * LEX_V_COUNT);
    for (int i = 0; i < LEX_V_COUNT; i++) {
        rows[i].id = (uint32_t)i;
        rows[i].elem_size = lex_elem_size[i];
        rows[i].count = lx->v[i].n;
        rows[i].offset = off;
        off = align8(off + rows[i].count * rows[i].elem_size);
    }
    out_bytes(o, rows, sizeof rows);
    uint64_t pos = CACHE_HEADER + sizeof rows;
    for (int i = 0; i < LEX_V_COUNT; i++) {
        out_pad(o, pos, rows[i].offset);
        out_bytes(o, lx->v[i].items, (size_t)(rows[i].count * rows[i].elem_size));
        pos = rows[i].offset + rows[i].count * rows[i].elem_size;
    }
    out_pad(o, pos, align8(pos));
    *total = align8(pos);
    return o->failed ? DYAD_EIO : DYAD_OK;
}

dyad_status dyad_lexicon_compile(const dyad_lexicon *lx, const char *path, dyad_error *err)
{
    if (!little_endian())
        return error_set(err, DYAD_EUNSUPPORTED, path, 0, "compiled lexicons need a little-endian host");
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    cache_out o = {fopen(tmp, "wb"), 0, false};
    if (!o.f)
        return error_set(err, DYAD_EIO, tmp, 0, "%s", strerror(errno));
    cache_header h;
    memset(&h, 0, sizeof h);
    if (fwrite(&h, sizeof h, 1, o.f) != 1)
        o.failed = true;
    uint64_t total = 0;
    write_body(lx, &o, &total);
    memcpy(h.magic, CACHE_MAGIC, 8);
    h.version = CACHE_VERSION;
    h.header_size = CACHE_HEADER;
    h.total = total;
    h.section_n = LEX_V_COUNT;
    h.stamp = files_stamp(lx);
    h.bom = CACHE_BOM;
    h.crc = 0;
    h.crc = crc32_bytes(o.crc, &h, sizeof h); /* body, then header with crc = 0 */
    if (!o.failed && (fseek(o.f, 0, SEEK_SET) != 0 || fwrite(&h, sizeof h, 1, o.f) != 1))
        o.failed = true;
    if (fclose(o.f) != 0)
        o.failed = true;
    if (o.failed || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return error_set(err, DYAD_EIO, path, 0, "cannot write the cache: %s", strerror(e));
    }
    return DYAD_OK;
}

/* ---------------- validation ---------------- */

typedef struct check {
    const dyad_lexicon *lx;
    const char *bad; /* first problem, static text */
} check;

static uint32_t cnt(const check *c, int v) { return LEX_N(c->lx, v); }

static void need(check *c, bool ok, const char *what)
{
    if (!ok && !c->bad)
        c->bad = what;
}

static bool is_pow2(uint32_t n) { return n && (n & (n - 1)) == 0; }

static void check_atoms(check *c)
{
    const dyad_lexicon *lx = c->lx;
    uint32_t pool = cnt(c, LEX_V_POOL);
    for (uint32_t i = 0; i < cnt(c, LEX_V_ATOMS); i++) {
        const lex_atom *a = lex_at(lx, LEX_V_ATOMS, i);
        need(c, (uint64_t)a->off + a->len < pool || (i == 0 && a->off == 0 && a->len == 0),
             "atom outside the string pool");
    }
    uint32_t slots = cnt(c, LEX_V_ATOM_SLOTS), empty = 0;
    need(c, is_pow2(slots), "atom table size is not a power of two");
    const uint32_t *s = lx->v[LEX_V_ATOM_SLOTS].items;
    for (uint32_t i = 0; i < slots; i++) {
        need(c, s[i] < cnt(c, LEX_V_ATOMS), "atom table entry out of range");
        empty += s[i] == 0;
    }
    need(c, empty > 0, "atom table has no free slot");
}

static void check_trie(check *c)
{
    const dyad_lexicon *lx = c->lx;
    uint32_t slots = cnt(c, LEX_V_EDGES), empty = 0;
    need(c, is_pow2(slots), "edge table size is not a power of two");
    for (uint32_t i = 0; i < slots; i++) {
        const lex_edge *e = lex_at(lx, LEX_V_EDGES, i);
        if (!e->child) {
            empty++;
            continue;
        }
        need(c, e->child < cnt(c, LEX_V_NODES) && e->parent < cnt(c, LEX_V_NODES) &&
                    e->word < cnt(c, LEX_V_ATOMS),
             "trie edge out of range");
    }
    need(c, empty > 0, "edge table has no free slot");
    for (uint32_t i = 0; i < cnt(c, LEX_V_NODES); i++) {
        const lex_node *nd = lex_at(lx, LEX_V_NODES, i);
        need(c, nd->entry < cnt(c, LEX_V_ENTRIES) && nd->last < cnt(c, LEX_V_ENTRIES),
             "trie node entry out of range");
    }
}

static uint32_t target_count(const check *c, uint32_t kind)
{
    switch (kind) {
    case LEX_ACTOR: return cnt(c, LEX_V_ACTORS);
    case LEX_AGENT: return cnt(c, LEX_V_AGENTS);
    case LEX_VERB: return cnt(c, LEX_V_VERBS);
    case LEX_SYNSET: return cnt(c, LEX_V_SYNSETS);
    case LEX_DISCARD: return cnt(c, LEX_V_ATOMS);
    case LEX_ISSUE: return cnt(c, LEX_V_ISSUES);
    case LEX_WORDCLASS: return cnt(c, LEX_V_ATOMS);
    default: return 0;
    }
}

static void check_entries(check *c)
{
    for (uint32_t i = 1; i < cnt(c, LEX_V_ENTRIES); i++) {
        const lex_entry *e = lex_at(c->lx, LEX_V_ENTRIES, i);
        /* Entries are appended, so a list only points forward: no cycles. */
        need(c, e->next == 0 || (e->next > i && e->next < cnt(c, LEX_V_ENTRIES)),
             "entry list out of order");
        need(c, e->target < target_count(c, e->kind), "entry target out of range");
        need(c, e->file < cnt(c, LEX_V_FILES), "entry file out of range");
    }
}

static bool range_ok(uint32_t first, uint32_t n, uint32_t total)
{
    return (uint64_t)first + n <= total;
}

static void check_records(check *c)
{
    const dyad_lexicon *lx = c->lx;
    uint32_t atoms = cnt(c, LEX_V_ATOMS), files = cnt(c, LEX_V_FILES);
    for (uint32_t i = 0; i < cnt(c, LEX_V_ACTORS); i++) {
        const lex_actor *a = lex_at(lx, LEX_V_ACTORS, i);
        need(c, a->name < atoms && a->file < files &&
                    range_ok(a->code_first, a->code_n, cnt(c, LEX_V_CODES)), "actor out of range");
    }
    for (uint32_t i = 0; i < cnt(c, LEX_V_CODES); i++)
        need(c, ((const lex_code *)lex_at(lx, LEX_V_CODES, i))->code < atoms, "code out of range");
    for (uint32_t i = 0; i < cnt(c, LEX_V_AGENTS); i++) {
        const lex_agent *a = lex_at(lx, LEX_V_AGENTS, i);
        need(c, a->code < atoms && a->file < files, "agent out of range");
    }
    for (uint32_t i = 0; i < cnt(c, LEX_V_BLOCKS); i++) {
        const lex_block *b = lex_at(lx, LEX_V_BLOCKS, i);
        need(c, b->name < atoms && b->code < atoms && b->file < files &&
                    range_ok(b->pat_first, b->pat_n, cnt(c, LEX_V_PATTERNS)),
             "verb block out of range");
    }
    for (uint32_t i = 0; i < cnt(c, LEX_V_VERBS); i++) {
        const lex_verb *v = lex_at(lx, LEX_V_VERBS, i);
        need(c, v->lemma < atoms && v->block < cnt(c, LEX_V_BLOCKS) && v->code < atoms &&
                    v->file < files, "verb out of range");
    }
    for (uint32_t i = 0; i < cnt(c, LEX_V_PATTERNS); i++) {
        const lex_pattern *p = lex_at(lx, LEX_V_PATTERNS, i);
        need(c, p->block < cnt(c, LEX_V_BLOCKS) && p->verb < cnt(c, LEX_V_VERBS) &&
                    p->code < atoms && p->code2 < atoms && p->file < files &&
                    range_ok(p->elem_first, p->elem_n, cnt(c, LEX_V_ELEMS)),
             "pattern out of range");
    }
    for (uint32_t i = 0; i < cnt(c, LEX_V_ELEMS); i++) {
        const lex_elem *e = lex_at(lx, LEX_V_ELEMS, i);
        need(c, e->kind <= LEX_PE_ALT_CLOSE, "pattern element of unknown kind");
        if (e->kind == LEX_PE_WORD)
            need(c, e->value < atoms, "pattern word out of range");
        if (e->kind == LEX_PE_SYNSET)
            need(c, e->value < cnt(c, LEX_V_SYNSETS) && e->aux < atoms, "pattern synset out of range");
    }
}

static void check_rest(check *c)
{
    const dyad_lexicon *lx = c->lx;
    uint32_t atoms = cnt(c, LEX_V_ATOMS), files = cnt(c, LEX_V_FILES);
    for (uint32_t i = 0; i < cnt(c, LEX_V_SYNSETS); i++) {
        const lex_synset *s = lex_at(lx, LEX_V_SYNSETS, i);
        need(c, s->name < atoms && s->file < files &&
                    range_ok(s->member_first, s->member_n, cnt(c, LEX_V_MEMBERS)),
             "synset out of range");
    }
    for (uint32_t i = 0; i < cnt(c, LEX_V_MEMBERS); i++) {
        const lex_member *m = lex_at(lx, LEX_V_MEMBERS, i);
        need(c, range_ok(m->seq_first, m->seq_n, cnt(c, LEX_V_SEQ)), "synset member out of range");
    }
    for (uint32_t i = 0; i < cnt(c, LEX_V_SEQ); i++)
        need(c, *(const uint32_t *)lex_at(lx, LEX_V_SEQ, i) < atoms, "member word out of range");
    for (uint32_t i = 0; i < cnt(c, LEX_V_ISSUES); i++) {
        const lex_issue *is = lex_at(lx, LEX_V_ISSUES, i);
        need(c, is->code < atoms && is->category < atoms && is->file < files, "issue out of range");
    }
    for (uint32_t i = 0; i < cnt(c, LEX_V_OPTIONS); i++) {
        const lex_option *o = lex_at(lx, LEX_V_OPTIONS, i);
        need(c, o->key < atoms && o->value < atoms && o->file < files, "option out of range");
    }
    for (uint32_t i = 0; i < cnt(c, LEX_V_TRANSFORMS); i++) {
        const lex_text_line *t = lex_at(lx, LEX_V_TRANSFORMS, i);
        need(c, t->text < atoms && t->file < files, "transformation out of range");
    }
    for (uint32_t i = 0; i < files; i++)
        need(c, ((const lex_file *)lex_at(lx, LEX_V_FILES, i))->path < atoms, "file name out of range");
}

static const char *validate_contents(const dyad_lexicon *lx)
{
    check c = {lx, NULL};
    for (int v = 0; v < LEX_V_COUNT; v++)
        if (v != LEX_V_ATOM_SLOTS && v != LEX_V_EDGES)
            need(&c, LEX_N(lx, v) >= 1, "a section lacks its reserved first record");
    if (c.bad)
        return c.bad;
    need(&c, ((const char *)lx->v[LEX_V_POOL].items)[LEX_N(lx, LEX_V_POOL) - 1] == 0,
         "string pool is not terminated");
    check_atoms(&c);
    check_trie(&c);
    check_entries(&c);
    check_records(&c);
    check_rest(&c);
    return c.bad;
}

/* ---------------- mapping ---------------- */

static const char *validate_layout(dyad_lexicon *lx, const unsigned char *base, size_t size,
                                   dyad_status *code)
{
    *code = DYAD_ECORRUPT;
    if (size < CACHE_HEADER)
        return "file is shorter than the header (truncated)";
    cache_header h;
    memcpy(&h, base, sizeof h);
    if (memcmp(h.magic, CACHE_MAGIC, 8) != 0) {
        *code = DYAD_EFORMAT;
        return "not a dyad lexicon cache (bad magic)";
    }
    if (h.version != CACHE_VERSION) {
        *code = DYAD_EFORMAT;
        return "unsupported cache format version";
    }
    if (h.bom != CACHE_BOM || h.header_size != CACHE_HEADER)
        return "bad header (byte order or header size)";
    if (h.total != size)
        return "size in the header does not match the file (truncated or extended)";
    if (h.section_n != LEX_V_COUNT)
        return "wrong number of sections";
    cache_header zeroed = h;
    zeroed.crc = 0;
    uint32_t crc = crc32_bytes(0, base + CACHE_HEADER, size - CACHE_HEADER);
    if (crc32_bytes(crc, &zeroed, sizeof zeroed) != h.crc)
        return "checksum mismatch (file is damaged)";
    uint64_t table_end = CACHE_HEADER + (uint64_t)CACHE_ROW * LEX_V_COUNT;
    if (size < table_end)
        return "file is shorter than its section table (truncated)";
    for (int i = 0; i < LEX_V_COUNT; i++) {
        cache_row r;
        memcpy(&r, base + CACHE_HEADER + (size_t)i * CACHE_ROW, sizeof r);
        if (r.id != (uint32_t)i || r.elem_size != lex_elem_size[i])
            return "section table does not match this version";
        if (r.count > UINT32_MAX / 2 || r.offset % 8 || r.offset < table_end ||
            r.offset > size || r.count * r.elem_size > size - r.offset)
            return "section outside the file";
        lx->v[i].items = (void *)(base + r.offset);
        lx->v[i].n = lx->v[i].cap = (uint32_t)r.count;
    }
    return validate_contents(lx);
}

dyad_status dyad_lexicon_load_cache(const char *path, const dyad_lexicon_options *opts,
                                    dyad_lexicon **out, dyad_error *err)
{
    *out = NULL;
    if (!little_endian())
        return error_set(err, DYAD_EUNSUPPORTED, path, 0, "compiled lexicons need a little-endian host");
    const dyad_allocator *a = core_allocator(opts ? opts->allocator : NULL);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return error_set(err, errno == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO, path, 0, "%s",
                         strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < (off_t)CACHE_HEADER) {
        close(fd);
        return error_set(err, DYAD_ECORRUPT, path, 0, "corrupt lexicon cache: file is too short");
    }
    void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return error_set(err, DYAD_EIO, path, 0, "mmap: %s", strerror(errno));
    dyad_lexicon *lx = core_calloc(a, 1, sizeof *lx);
    if (!lx) {
        munmap(map, (size_t)sb.st_size);
        return error_set(err, DYAD_ENOMEM, path, 0, "out of memory");
    }
    lx->allocator = a;
    lx->map = map;
    lx->map_len = (size_t)sb.st_size;
    if (opts) {
        lx->diag = opts->diag;
        lx->diag_user = opts->diag_user;
    }
    dyad_status code;
    const char *bad = validate_layout(lx, map, (size_t)sb.st_size, &code);
    if (bad) {
        dyad_lexicon_free(lx);
        return error_set(err, code, path, 0, "corrupt lexicon cache: %s", bad);
    }
    *out = lx;
    return DYAD_OK;
}

const char *lex_cache_check_buffer(const void *base, size_t size)
{
    dyad_lexicon lx;
    memset(&lx, 0, sizeof lx);
    dyad_status code;
    return validate_layout(&lx, base, size, &code);
}

uint32_t lex_cache_crc(const void *base, size_t size)
{
    if (size < CACHE_HEADER)
        return 0;
    cache_header h;
    memcpy(&h, base, sizeof h);
    h.crc = 0;
    uint32_t crc = crc32_bytes(0, (const unsigned char *)base + CACHE_HEADER, size - CACHE_HEADER);
    return crc32_bytes(crc, &h, sizeof h);
}

void lex_cache_unmap(dyad_lexicon *lx)
{
    munmap(lx->map, lx->map_len);
    lx->map = NULL;
}
