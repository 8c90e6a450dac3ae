/*
 * lexicon.c — the public lexicon API: which file is which kind of
 * dictionary, loading files and folders (with the compiled cache), lookup
 * of a phrase for a date, statistics, and freeing.
 *
 * Kind comes from the file name (TABARI extensions .actors .agents .verbs
 * .options .project; PETRARCH names containing "actors", "agents", "verbs",
 * "discards", "issue", or starting with "CAMEO").  Syntax: TABARI for the
 * TABARI extensions; a PETRARCH verbs file is PETRARCH-2 when it has the
 * "VERB PATTERNS" section header or a pattern with '(' in it, else
 * PETRARCH-1.
 */
#include "lexicon/lexicon.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define LEX_MAX_FILE_BYTES (256u << 20)

const char *dyad_lex_kind_name(dyad_lex_kind kind)
{
    static const char *const names[] = {"?", "actor", "agent", "verb", "synset", "discard", "issue"};
    return (unsigned)kind < DYAD_ARRAY_LEN(names) ? names[kind] : "?";
}

/* ---------------- file kinds ---------------- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static bool contains(const char *s, const char *needle)
{
    size_t m = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, m) == 0)
            return true;
    return false;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* 0 when the name does not look like a dictionary. */
static lex_file_kind kind_from_name(const char *path, lex_syntax *syn)
{
    const char *b = base_name(path);
    *syn = LEX_SYN_PETR2;
    if (b[0] == '.' || contains(b, "provenance") || contains(b, "license") ||
        contains(b, "ontology") || ends_with(b, ".xml") || ends_with(b, ".jsonl") ||
        ends_with(b, ".md") || ends_with(b, ".text") || ends_with(b, ".cache"))
        return 0;
    static const struct { const char *ext; lex_file_kind kind; } tabari[] = {
        {".actors", LEX_FILE_ACTORS}, {".agents", LEX_FILE_AGENTS}, {".verbs", LEX_FILE_VERBS},
        {".options", LEX_FILE_OPTIONS}, {".project", LEX_FILE_PROJECT}};
    for (size_t i = 0; i < DYAD_ARRAY_LEN(tabari); i++)
        if (ends_with(b, tabari[i].ext)) {
            *syn = LEX_SYN_TABARI;
            return tabari[i].kind;
        }
    if (contains(b, "actors"))
        return LEX_FILE_ACTORS;
    if (contains(b, "agents"))
        return LEX_FILE_AGENTS;
    if (contains(b, "verbs") || strncasecmp(b, "cameo", 5) == 0)
        return LEX_FILE_VERBS;
    if (contains(b, "discard"))
        return LEX_FILE_DISCARDS;
    if (contains(b, "issue"))
        return LEX_FILE_ISSUES;
    return 0;
}

static lex_syntax sniff_verbs(const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        for (size_t k = 0; k + 13 <= n; k++)
            if (p[k] == 'V' && memcmp(p + k, "VERB PATTERNS", 13) == 0)
                return LEX_SYN_PETR2;
        if (n > 2 && p[0] == '-' && p[1] != '-') {
            const char *hash = memchr(p, '#', n);
            size_t m = hash ? (size_t)(hash - p) : n;
            if (memchr(p, '(', m))
                return LEX_SYN_PETR2;
        }
        p += n + 1;
    }
    return LEX_SYN_PETR1;
}

/* ---------------- reading files ---------------- */

static dyad_status slurp(const dyad_allocator *a, const char *path, char **data, size_t *len,
                         struct stat *sb, dyad_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(err, errno == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO, path, 0, "%s",
                         strerror(errno));
    if (fstat(fileno(f), sb) != 0 || !S_ISREG(sb->st_mode)) {
        fclose(f);
        return error_set(err, DYAD_EIO, path, 0, "not a regular file");
    }
    if ((uint64_t)sb->st_size > LEX_MAX_FILE_BYTES) {
        fclose(f);
        return error_set(err, DYAD_ELIMIT, path, 0, "dictionary larger than %u MB",
                         LEX_MAX_FILE_BYTES >> 20);
    }
    *len = (size_t)sb->st_size;
    *data = core_alloc(a, *len + 1);
    if (!*data) {
        fclose(f);
        return error_set(err, DYAD_ENOMEM, path, 0, "out of memory");
    }
    bool ok = fread(*data, 1, *len, f) == *len;
    fclose(f);
    if (!ok) {
        core_free(a, *data);
        return error_set(err, DYAD_EIO, path, 0, "read failed");
    }
    (*data)[*len] = 0;
    return DYAD_OK;
}

static dyad_status register_file(dyad_lexicon *lx, const char *path, lex_file_kind kind,
                                 lex_syntax syn, const struct stat *sb, uint32_t *idx)
{
    if (LEX_N(lx, LEX_V_FILES) > LEX_MAX_FILES)
        return DYAD_ELIMIT;
    uint32_t atom;
    dyad_status st = lex_intern(lx, path, strlen(path), &atom);
    if (!st)
        st = lex_push(lx, LEX_V_FILES, idx);
    if (st)
        return st;
    lex_file *f = lex_at(lx, LEX_V_FILES, *idx);
    f->path = atom;
    f->kind = kind;
    f->syntax = syn;
    if (sb) {
        f->size = (uint64_t)sb->st_size;
        f->mtime_ns = (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
    }
    return DYAD_OK;
}

/* Reads one dictionary held in memory; name gives kind and syntax. */
static dyad_status read_buffer(dyad_lexicon *lx, const char *name, const char *data, size_t len,
                               const struct stat *sb, dyad_error *err)
{
    lex_syntax syn;
    lex_file_kind kind = kind_from_name(name, &syn);
    if (!kind)
        return error_set(err, DYAD_EFORMAT, name, 0,
                         "cannot tell the dictionary kind from the name (expected *actors*, "
                         "*agents*, *verbs* or CAMEO*, *discards*, *issue*, .options, .project)");
    if (kind == LEX_FILE_VERBS && syn != LEX_SYN_TABARI)
        syn = sniff_verbs(data, len);
    uint32_t file;
    dyad_status st = register_file(lx, name, kind, syn, sb, &file);
    if (!st) {
        switch (kind) {
        case LEX_FILE_VERBS: st = lex_read_verbs(lx, file, data, len, syn); break;
        case LEX_FILE_ACTORS: st = lex_read_actors(lx, file, data, len, syn); break;
        case LEX_FILE_AGENTS: st = lex_read_agents(lx, file, data, len, syn); break;
        case LEX_FILE_DISCARDS: st = lex_read_discards(lx, file, data, len, syn); break;
        case LEX_FILE_ISSUES: st = lex_read_issues(lx, file, data, len, syn); break;
        default: st = lex_read_options(lx, file, data, len, syn); break;
        }
    }
    if (st == DYAD_EPARSE)
        return error_set(err, st, name, 0, "malformed line (strict mode)");
    if (st)
        return error_set(err, st, name, 0, "%s", dyad_status_str(st));
    return DYAD_OK;
}

static dyad_status read_one(dyad_lexicon *lx, const char *path, dyad_error *err)
{
    lex_syntax syn;
    if (!kind_from_name(path, &syn))
        return read_buffer(lx, path, "", 0, NULL, err); /* reports the name */
    char *data = NULL;
    size_t len = 0;
    struct stat sb;
    dyad_status st = slurp(lx->allocator, path, &data, &len, &sb, err);
    if (st)
        return st;
    st = read_buffer(lx, path, data, len, &sb, err);
    core_free(lx->allocator, data);
    return st;
}

static dyad_status lexicon_new(const dyad_lexicon_options *opts, dyad_lexicon **out)
{
    const dyad_allocator *a = core_allocator(opts ? opts->allocator : NULL);
    dyad_lexicon *lx = core_alloc(a, sizeof *lx);
    if (!lx)
        return DYAD_ENOMEM;
    dyad_status st = lex_init(lx, a);
    if (st) {
        lex_release(lx);
        core_free(a, lx);
        return st;
    }
    if (opts) {
        lx->diag = opts->diag;
        lx->diag_user = opts->diag_user;
        lx->strict = opts->strict != 0;
        if (opts->wordnet_dir)
            snprintf(lx->wordnet_dir, sizeof lx->wordnet_dir, "%s", opts->wordnet_dir);
    }
    *out = lx;
    return DYAD_OK;
}

dyad_status dyad_lexicon_load_files(const char *const *paths, size_t n,
                                    const dyad_lexicon_options *opts, dyad_lexicon **out,
                                    dyad_error *err)
{
    *out = NULL;
    if (n > LEX_MAX_FILES)
        return error_set(err, DYAD_ELIMIT, NULL, 0, "more than %u dictionary files", LEX_MAX_FILES);
    dyad_lexicon *lx;
    dyad_status st = lexicon_new(opts, &lx);
    if (st)
        return error_set(err, st, NULL, 0, "out of memory");
    for (size_t i = 0; i < n && !st; i++)
        st = read_one(lx, paths[i], err);
    if (!st) {
        lex_resolve_synsets(lx);
        st = lex_add_wordnet_forms(lx);
        if (st)
            error_set(err, st, NULL, 0, "adding WordNet verb forms: %s", dyad_status_str(st));
    }
    if (st) {
        dyad_lexicon_free(lx);
        return st;
    }
    *out = lx;
    return DYAD_OK;
}

dyad_status lex_load_memory(const char *name, const char *data, size_t len,
                            const dyad_lexicon_options *opts, bool wordnet, dyad_lexicon **out,
                            dyad_error *err)
{
    *out = NULL;
    dyad_lexicon *lx;
    dyad_status st = lexicon_new(opts, &lx);
    if (st)
        return error_set(err, st, NULL, 0, "out of memory");
    st = read_buffer(lx, name, data, len, NULL, err);
    if (!st) {
        lex_resolve_synsets(lx);
        if (wordnet)
            st = lex_add_wordnet_forms(lx);
    }
    if (st) {
        dyad_lexicon_free(lx);
        return st;
    }
    *out = lx;
    return DYAD_OK;
}

/* ---------------- folders and the cache ---------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_list(const dyad_allocator *a, char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        core_free(a, list[i]);
    core_free(a, list);
}

/* The dictionary files of dir, sorted by name. */
static dyad_status list_dir(const dyad_allocator *a, const char *dir, char ***out, size_t *n,
                            dyad_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return error_set(err, errno == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO, dir, 0, "%s",
                         strerror(errno));
    char **list = NULL;
    size_t cap = 0;
    *n = 0;
    dyad_status st = DYAD_OK;
    struct dirent *de;
    while (!st && (de = readdir(d)) != NULL) {
        lex_syntax syn;
        if (!kind_from_name(de->d_name, &syn))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat sb;
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        if (*n >= LEX_MAX_FILES)
            st = DYAD_ELIMIT;
        else if (!(st = core_grow(a, (void **)&list, &cap, *n + 1, sizeof *list)) &&
                 !(list[*n] = core_strndup(a, path, strlen(path))))
            st = DYAD_ENOMEM;
        else if (!st)
            (*n)++;
    }
    closedir(d);
    if (st) {
        free_list(a, list, *n);
        return error_set(err, st, dir, 0, "%s", dyad_status_str(st));
    }
    if (*n)
        qsort(list, *n, sizeof *list, cmp_str);
    *out = list;
    return DYAD_OK;
}

/* Writable for us by both the mode bits and access(): root passes
 * access() even on a read-only (0555) folder, which we must not litter. */
static bool dir_writable(const char *dir)
{
    struct stat sb;
    return stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) && (sb.st_mode & 0222) &&
           access(dir, W_OK) == 0;
}

dyad_status dyad_lexicon_cache_path(const char *dir, char *out, size_t size)
{
    if (dir_writable(dir)) {
        if ((size_t)snprintf(out, size, "%s/.dyad-lexicon.cache", dir) >= size)
            return DYAD_ELIMIT;
        return DYAD_OK;
    }
    char real[4096];
    const char *key = realpath(dir, real) ? real : dir;
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char base[4096];
    if (xdg && *xdg)
        snprintf(base, sizeof base, "%s/dyad", xdg);
    else if (home && *home)
        snprintf(base, sizeof base, "%s/.cache/dyad", home);
    else
        snprintf(base, sizeof base, "/tmp/dyad-cache");
    if ((size_t)snprintf(out, size, "%s/lexicon-%016llx.cache", base,
                         (unsigned long long)hash_bytes(key, strlen(key))) >= size)
        return DYAD_ELIMIT;
    return DYAD_OK;
}

static void mkdir_parents(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    char *slash = strrchr(tmp, '/');
    if (!slash)
        return;
    *slash = 0;
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(tmp, 0755);
            *p = '/';
        }
    mkdir(tmp, 0755);
}

/* True when the cache's file list matches the folder now (names, sizes,
 * modification times). */
static bool cache_fresh(const dyad_lexicon *lx, char **paths, size_t n)
{
    if (LEX_N(lx, LEX_V_FILES) != n + 1)
        return false;
    for (size_t i = 0; i < n; i++) {
        const lex_file *f = lex_at(lx, LEX_V_FILES, (uint32_t)i + 1);
        dyad_str p = lex_atom_str(lx, f->path);
        char name[4096];
        snprintf(name, sizeof name, "%.*s", (int)p.len, p.ptr);
        struct stat sb;
        if (strcmp(base_name(name), base_name(paths[i])) != 0 || stat(paths[i], &sb) != 0)
            return false;
        int64_t mt = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
        if ((uint64_t)sb.st_size != f->size || mt != f->mtime_ns)
            return false;
    }
    return true;
}

static void report_cache(const dyad_lexicon_options *opts, const dyad_error *e)
{
    if (opts && opts->diag)
        opts->diag(opts->diag_user, e);
}

dyad_status dyad_lexicon_load_dir(const char *dir, const dyad_lexicon_options *opts,
                                  dyad_lexicon **out, dyad_error *err)
{
    *out = NULL;
    const dyad_allocator *a = core_allocator(opts ? opts->allocator : NULL);
    char **paths = NULL;
    size_t n = 0;
    dyad_status st = list_dir(a, dir, &paths, &n, err);
    if (st)
        return st;
    if (n == 0) {
        free_list(a, paths, n);
        return error_set(err, DYAD_ENOTFOUND, dir, 0, "no dictionary files in this folder");
    }
    char cache[4096];
    bool use_cache = !(opts && opts->no_cache) && dyad_lexicon_cache_path(dir, cache, sizeof cache) == DYAD_OK;
    if (use_cache && access(cache, R_OK) == 0) {
        dyad_error cerr;
        dyad_lexicon *lx = NULL;
        dyad_status cst = dyad_lexicon_load_cache(cache, opts, &lx, &cerr);
        if (cst == DYAD_OK && cache_fresh(lx, paths, n)) {
            free_list(a, paths, n);
            *out = lx;
            return DYAD_OK;
        }
        dyad_lexicon_free(lx);
        if (cst != DYAD_OK) {
            /* Copy first: the message is formatted into cerr itself. */
            char why[sizeof cerr.message];
            memcpy(why, cerr.message, sizeof why);
            error_set(&cerr, DYAD_OK, cache, 0, "cache refused (%s); rebuilding from sources",
                      why);
            report_cache(opts, &cerr);
        }
    }
    st = dyad_lexicon_load_files((const char *const *)paths, n, opts, out, err);
    free_list(a, paths, n);
    if (st || !use_cache)
        return st;
    mkdir_parents(cache);
    dyad_error werr;
    if (dyad_lexicon_compile(*out, cache, &werr) != DYAD_OK) {
        error_set(&werr, DYAD_OK, cache, 0, "could not write the lexicon cache: %s", werr.message);
        report_cache(opts, &werr);
    }
    return DYAD_OK;
}

void dyad_lexicon_free(dyad_lexicon *lx)
{
    if (!lx)
        return;
    const dyad_allocator *a = lx->allocator;
    lex_release(lx);
    if (lx->map)
        lex_cache_unmap(lx);
    core_free(a, lx);
}

/* ---------------- lookup ---------------- */

/* The atom of one input word normalized as the dictionary's words are. */
static uint32_t find_word(const dyad_lexicon *lx, const char *s, size_t len)
{
    char small[LEX_MAX_WORD];
    bool ascii = len < sizeof small;
    for (size_t i = 0; ascii && i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            ascii = false;
        else
            small[i] = (char)tolower(c);
    }
    if (ascii)
        return lex_atom_find(lx, small, len);
    char *norm = NULL;
    size_t norm_len = 0;
    if (dyad_normalize(s, len, lx->allocator, &norm, &norm_len) != DYAD_OK)
        return 0;
    uint32_t id = lex_atom_find(lx, norm, norm_len);
    core_free(lx->allocator, norm);
    return id;
}

static dyad_str file_name(const dyad_lexicon *lx, uint32_t file)
{
    const lex_file *f = lex_at(lx, LEX_V_FILES, file);
    return lex_atom_str(lx, f->path);
}

static void fill_match(const dyad_lexicon *lx, const lex_entry *e, int32_t day, dyad_lex_match *m)
{
    memset(m, 0, sizeof *m);
    m->kind = (dyad_lex_kind)e->kind;
    m->file = file_name(lx, e->file);
    m->line = e->line;
    m->flags = (e->flags & LEX_EF_STEM ? DYAD_LEX_STEM : 0) |
               (e->flags & LEX_EF_STORY ? DYAD_LEX_STORY : 0) |
               (e->flags & (LEX_EF_GENERATED | LEX_EF_WORDNET) ? DYAD_LEX_GENERATED : 0);
    m->code = m->name = m->block = lex_atom_str(lx, 0);
    switch (e->kind) {
    case LEX_ACTOR: {
        const lex_actor *a = lex_at(lx, LEX_V_ACTORS, e->target);
        const lex_code *c = lex_actor_code(lx, e->target, day);
        m->name = lex_atom_str(lx, a->name);
        if (c) {
            m->code = lex_atom_str(lx, c->code);
            m->code_line = c->line;
        }
        break;
    }
    case LEX_AGENT: {
        const lex_agent *ag = lex_at(lx, LEX_V_AGENTS, e->target);
        m->code = lex_atom_str(lx, ag->code);
        m->code_line = ag->line;
        if (ag->flags & LEX_AGENT_SUFFIX)
            m->flags |= DYAD_LEX_CODE_FIRST;
        break;
    }
    case LEX_VERB: {
        const lex_verb *v = lex_at(lx, LEX_V_VERBS, e->target);
        const lex_block *b = lex_at(lx, LEX_V_BLOCKS, v->block);
        m->name = lex_atom_str(lx, v->lemma);
        m->block = lex_atom_str(lx, b->name);
        m->code = lex_atom_str(lx, v->code ? v->code : b->code);
        m->code_line = v->code ? v->line : b->line;
        break;
    }
    case LEX_SYNSET: {
        const lex_synset *s = lex_at(lx, LEX_V_SYNSETS, e->target);
        m->name = lex_atom_str(lx, s->name);
        break;
    }
    case LEX_DISCARD:
        m->name = lex_atom_str(lx, e->target);
        break;
    case LEX_ISSUE: {
        const lex_issue *is = lex_at(lx, LEX_V_ISSUES, e->target);
        m->name = lex_atom_str(lx, is->category);
        m->code = lex_atom_str(lx, is->code);
        break;
    }
    default:
        break;
    }
}

/* After an exact miss on a word: a TABARI stem phrase ending here. */
static void stem_fallback(const dyad_lexicon *lx, uint32_t node, const char *w, size_t len,
                          size_t words, uint32_t *best, size_t *best_words)
{
    char small[LEX_MAX_WORD];
    if (len >= sizeof small)
        return;
    for (size_t k = 0; k < len; k++)
        small[k] = (char)tolower((unsigned char)w[k]);
    uint32_t child = lex_stem_child(lx, node, small, len);
    if (child) {
        *best = child;
        *best_words = words + 1;
    }
}

dyad_status dyad_lexicon_lookup(const dyad_lexicon *lx, const char *phrase, size_t len,
                                dyad_date date, dyad_lex_match *out, size_t cap, size_t *n)
{
    *n = 0;
    uint32_t node = 0, best = 0;
    size_t words = 0, best_words = 0, i = 0;
    while (i < len && words < LEX_MAX_PHRASE_WORDS) {
        while (i < len && (phrase[i] == ' ' || phrase[i] == '_' || phrase[i] == '\t'))
            i++;
        size_t j = i;
        while (j < len && phrase[j] != ' ' && phrase[j] != '_' && phrase[j] != '\t')
            j++;
        if (j == i)
            break;
        uint32_t w = find_word(lx, phrase + i, j - i);
        uint32_t child = w ? lex_trie_child(lx, node, w) : 0;
        if (!child) {
            stem_fallback(lx, node, phrase + i, j - i, words, &best, &best_words);
            break;
        }
        node = child;
        words++;
        if (((const lex_node *)lex_at(lx, LEX_V_NODES, node))->entry) {
            best = node;
            best_words = words;
        }
        i = j;
    }
    if (!best)
        return DYAD_ENOTFOUND;
    int32_t day = date.year ? date.year * 10000 + date.month * 100 + date.day : 0;
    for (uint32_t e = ((const lex_node *)lex_at(lx, LEX_V_NODES, best))->entry; e;) {
        const lex_entry *en = lex_at(lx, LEX_V_ENTRIES, e);
        e = en->next;
        if (en->kind == LEX_WORDCLASS)
            continue; /* TABARI <NOUN>/<ADJECTIVE> hints for the coder, no entry */
        if (*n < cap) {
            fill_match(lx, en, day, &out[*n]);
            out[*n].words = best_words;
        }
        (*n)++;
    }
    return *n ? DYAD_OK : DYAD_ENOTFOUND;
}

/* ---------------- stats ---------------- */

dyad_status dyad_lexicon_stats_get(const dyad_lexicon *lx, dyad_lexicon_stats *s)
{
    memset(s, 0, sizeof *s);
    s->files = LEX_N(lx, LEX_V_FILES) - 1;
    s->actors = LEX_N(lx, LEX_V_ACTORS) - 1;
    s->actor_codes = LEX_N(lx, LEX_V_CODES) - 1;
    s->agents = LEX_N(lx, LEX_V_AGENTS) - 1;
    s->verb_blocks = LEX_N(lx, LEX_V_BLOCKS) - 1;
    s->verbs = LEX_N(lx, LEX_V_VERBS) - 1;
    s->patterns = LEX_N(lx, LEX_V_PATTERNS) - 1;
    s->synsets = LEX_N(lx, LEX_V_SYNSETS) - 1;
    s->synset_members = LEX_N(lx, LEX_V_MEMBERS) - 1;
    s->issues = LEX_N(lx, LEX_V_ISSUES) - 1;
    s->options = LEX_N(lx, LEX_V_OPTIONS) - 1;
    s->transformations = LEX_N(lx, LEX_V_TRANSFORMS) - 1;
    s->words = LEX_N(lx, LEX_V_ATOMS) - 1;
    s->trie_nodes = LEX_N(lx, LEX_V_NODES) - 1;
    for (uint32_t i = 1; i < LEX_N(lx, LEX_V_ENTRIES); i++) {
        const lex_entry *e = lex_at(lx, LEX_V_ENTRIES, i);
        s->actor_phrases += e->kind == LEX_ACTOR;
        s->agent_phrases += e->kind == LEX_AGENT;
        s->verb_forms += e->kind == LEX_VERB;
        s->discards += e->kind == LEX_DISCARD;
    }
    for (int v = 0; v < LEX_V_COUNT; v++)
        s->bytes += (size_t)lx->v[v].n * lex_elem_size[v];
    s->from_cache = lx->map != NULL;
    return DYAD_OK;
}

size_t dyad_lexicon_check(const dyad_lexicon *lx, dyad_diag_fn diag, void *user)
{
    return lex_check(lx, diag, user);
}
