/*
 * parse_memo.c — the tags and parse of recent sentences, by their words.
 *
 * Press releases repeat themselves: boilerplate paragraphs ("Federal
 * funding is also available on a cost-sharing basis ..."), nominations
 * lists, proclamation formulas.  About 4% of the words the coder has
 * tagged and parsed on the White House corpus belong to a sentence it
 * parsed before, word for word.  The tagger and parser look at nothing
 * but the words' forms (dyad_syntax_annotate_words), so the same words
 * get the same tags, heads and labels, and a sentence met again can take
 * them from here instead of from the model: an exact shortcut, switched
 * off with the other fast paths (no_fast_paths).
 *
 * A hash table of slots over one arena, emptied whole when half the slots
 * or the arena are used, as the form cache is (sentence.c): no per-entry
 * allocation, and a bound on memory.  An entry is the word count, then
 * per word its length and its four syntax fields (upos, xpos, head,
 * deprel, as uint16), then the words' bytes.
 */
#include "coder/coder.h"

#include <string.h>

void coder_pmemo_free(coder_pmemo *m, const dyad_allocator *a)
{
    core_free(a, m->slots);
    core_free(a, m->bytes);
    memset(m, 0, sizeof *m);
}

/* The arrays, at first use; without them (out of memory) nothing is kept. */
static bool pmemo_ready(coder_pmemo *m, const dyad_allocator *a)
{
    if (m->slots)
        return true;
    m->slots = core_calloc(a, CODER_PMEMO_SLOTS, sizeof *m->slots);
    m->bytes = core_alloc(a, CODER_PMEMO_BYTES);
    if (!m->slots || !m->bytes) {
        coder_pmemo_free(m, a);
        return false;
    }
    return true;
}

/* The slot's hash: of the sentence's text as written (XXH3, a tenth of
 * the time a byte-at-a-time hash of the words took), never 0 (an empty
 * slot).  The same words written with other spacing hash apart and are
 * kept twice; a hit is decided by the words alone (entry_matches). */
static uint64_t text_hash(dyad_str text)
{
    uint64_t h = checksum64_bytes(text.ptr, text.len);
    return h + !h;
}

static size_t entry_size(const dyad_str *forms, size_t n)
{
    size_t bytes = sizeof(uint32_t) + n * 5 * sizeof(uint16_t);
    for (size_t i = 0; i < n; i++)
        bytes += forms[i].len;
    return bytes;
}

/* Whether the entry at e holds exactly these words. */
static bool entry_matches(const char *e, const dyad_str *forms, size_t n)
{
    uint32_t count;
    memcpy(&count, e, sizeof count);
    if (count != n)
        return false;
    const char *lens = e + sizeof count, *text = lens + n * 5 * sizeof(uint16_t);
    for (size_t i = 0; i < n; i++) {
        uint16_t len;
        memcpy(&len, lens + i * 5 * sizeof(uint16_t), sizeof len);
        if (len != forms[i].len || memcmp(text, forms[i].ptr, len) != 0)
            return false;
        text += len;
    }
    return true;
}

/* The slot holding these words (hash h), or the empty slot where they
 * would go. */
static coder_pmemo_slot *pmemo_slot(const coder_pmemo *m, uint64_t h, const dyad_str *forms,
                                    size_t n)
{
    for (uint32_t i = (uint32_t)h & (CODER_PMEMO_SLOTS - 1);; i = (i + 1) & (CODER_PMEMO_SLOTS - 1)) {
        coder_pmemo_slot *sl = &m->slots[i];
        if (!sl->hash || (sl->hash == h && entry_matches(m->bytes + sl->off, forms, n)))
            return sl;
    }
}

bool coder_pmemo_get(coder_pmemo *m, const dyad_allocator *a, dyad_str text, const dyad_str *forms,
                     size_t n, dyad_token *tok)
{
    if (n == 0 || n > UINT16_MAX || !pmemo_ready(m, a))
        return false;
    coder_pmemo_slot *sl = pmemo_slot(m, text_hash(text), forms, n);
    if (!sl->hash)
        return false;
    const char *fields = m->bytes + sl->off + sizeof(uint32_t);
    for (size_t i = 0; i < n; i++) {
        uint16_t f[5]; /* length, upos, xpos, head, deprel */
        memcpy(f, fields + i * sizeof f, sizeof f);
        tok[i].upos = f[1];
        tok[i].xpos = f[2];
        tok[i].head = f[3];
        tok[i].deprel = f[4];
    }
    m->hits++;
    return true;
}

void coder_pmemo_put(coder_pmemo *m, const dyad_allocator *a, dyad_str text, const dyad_str *forms,
                     size_t n, const dyad_token *tok)
{
    if (n == 0 || n > UINT16_MAX || !pmemo_ready(m, a))
        return;
    size_t size = entry_size(forms, n);
    if (size > CODER_PMEMO_BYTES)
        return;
    for (size_t i = 0; i < n; i++)
        if (forms[i].len > UINT16_MAX)
            return;
    uint64_t h = text_hash(text);
    if (m->used * 2 >= CODER_PMEMO_SLOTS || m->byte_len + size > CODER_PMEMO_BYTES) {
        memset(m->slots, 0, CODER_PMEMO_SLOTS * sizeof *m->slots);
        m->used = m->byte_len = 0;
    }
    coder_pmemo_slot *sl = pmemo_slot(m, h, forms, n);
    if (sl->hash)
        return; /* kept already */
    char *e = m->bytes + m->byte_len;
    uint32_t count = (uint32_t)n;
    memcpy(e, &count, sizeof count);
    char *fields = e + sizeof count, *bytes = fields + n * 5 * sizeof(uint16_t);
    for (size_t i = 0; i < n; i++) {
        uint16_t f[5] = {(uint16_t)forms[i].len, tok[i].upos, tok[i].xpos, tok[i].head,
                         tok[i].deprel};
        memcpy(fields + i * sizeof f, f, sizeof f);
        memcpy(bytes, forms[i].ptr, forms[i].len);
        bytes += forms[i].len;
    }
    *sl = (coder_pmemo_slot){h, m->byte_len};
    m->byte_len += (uint32_t)size;
    m->used++;
}
