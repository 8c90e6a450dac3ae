/*
 * feats.c — turns a token's text into the integer ids that every feature
 * template of the tagger and parser is built from (issue 4: "features are
 * integer ids, not strings, in the hot path").  Each word is hashed once:
 * exact form, ASCII lower case, a compressed shape ("Xx", "d.d", "x-x"),
 * prefixes of 1-2 bytes and suffixes of 1-4 bytes of the lower-cased form.
 * Also the small inventory of tag / label names shared by training and
 * the model.
 */
#include "syntax/syntax.h"

#include <string.h>

#define WORD_PREFIX_CAP 64u /* bytes of a word looked at for case and shape */

static uint64_t hash_tagged(char tag, const char *s, size_t len)
{
    return hash_bytes(s, len) ^ ((uint64_t)(unsigned char)tag << 56);
}

static uint64_t finish_tagged(char tag, uint64_t h)
{
    return hash_finish(h) ^ ((uint64_t)(unsigned char)tag << 56);
}

/* hash_bytes(s, len) before its finish, inlined for the short suffixes. */
static inline uint64_t chain(const char *s, size_t len)
{
    uint64_t h = HASH_START;
    for (size_t i = 0; i < len; i++)
        h = hash_step(h, (unsigned char)s[i]);
    return h;
}

/* The shape class of a byte: X upper, x lower, d digit, u non-ASCII, else
 * the byte itself. */
static char shape_class(unsigned char c)
{
    return c >= 'A' && c <= 'Z'   ? 'X'
           : c >= 'a' && c <= 'z' ? 'x'
           : c >= '0' && c <= '9' ? 'd'
           : c >= 0x80            ? 'u'
                                  : (char)c;
}

#define SHAPE_MAX 16u /* bytes of a compressed shape */

/* All of a word's ids in one pass over its first WORD_PREFIX_CAP bytes:
 * the form, lower-case, prefix and shape hashes are byte chains
 * (hash_step) run side by side, each equal to hash_bytes of its string
 * (the prefixes are the lower-case chain's first states).  The shape
 * collapses runs of the same class to two characters ("Xx", "dd.d"). */
void syn_word_init(syn_word *w, const char *s, size_t len)
{
    char low[WORD_PREFIX_CAP];
    size_t n = len < sizeof low ? len : sizeof low;
    uint32_t flags = 0;
    bool all_upper = true;
    uint64_t h_form = HASH_START, h_low = HASH_START, h_shape = HASH_START;
    uint64_t h_pre1 = HASH_START, h_pre2 = HASH_START;
    size_t shape_n = 0, run = 0;
    char prev = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        h_form = hash_step(h_form, c);
        char k = shape_class(c);
        run = k == prev ? run + 1 : 1;
        prev = k;
        if (run <= 2 && shape_n < SHAPE_MAX) {
            h_shape = hash_step(h_shape, (unsigned char)k);
            shape_n++;
        }
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c >= 'a' && c <= 'z')
            all_upper = false;
        if (c >= '0' && c <= '9')
            flags |= SYN_W_DIGIT;
        if (c == '-')
            flags |= SYN_W_HYPHEN;
        low[i] = (char)c;
        h_low = hash_step(h_low, c);
        if (i == 0)
            h_pre1 = h_low;
        if (i <= 1)
            h_pre2 = h_low;
    }
    for (size_t i = n; i < len; i++)
        h_form = hash_step(h_form, (unsigned char)s[i]);
    if (len && s[0] >= 'A' && s[0] <= 'Z')
        flags |= SYN_W_UPPER;
    if ((flags & SYN_W_UPPER) && all_upper && len > 1)
        flags |= SYN_W_ALLCAP;
    w->flags = flags;
    w->cap = w->clus = w->clus2 = 0; /* set by syn_capdict_apply when a table is known */
    w->form = finish_tagged('F', h_form);
    /* A word longer than the prefix buffer keys its lower case by its bytes
     * as written, not lower-cased (as the model was trained). */
    w->lower = len <= sizeof low ? finish_tagged('L', h_low) : hash_tagged('L', s, len);
    w->shape = finish_tagged('S', h_shape);
    w->pre1 = finish_tagged('p', h_pre1);
    w->pre2 = finish_tagged('q', h_pre2);
    w->suf1 = finish_tagged('1', chain(low + (n > 1 ? n - 1 : 0), n < 1 ? n : 1));
    w->suf2 = finish_tagged('2', chain(low + (n > 2 ? n - 2 : 0), n < 2 ? n : 2));
    w->suf3 = finish_tagged('3', chain(low + (n > 3 ? n - 3 : 0), n < 3 ? n : 3));
    w->suf4 = finish_tagged('4', chain(low + (n > 4 ? n - 4 : 0), n < 4 ? n : 4));
}

#define PAD_BEFORE 0x5eed0000ull
#define PAD_AFTER 0x5eed0001ull

/* Constant padding words, so reading them is thread-safe. */
static const syn_word word_pads[2] = {
    { PAD_BEFORE, PAD_BEFORE, PAD_BEFORE, PAD_BEFORE, PAD_BEFORE, PAD_BEFORE, PAD_BEFORE,
      PAD_BEFORE, PAD_BEFORE, 0, 0, 0, 0 },
    { PAD_AFTER, PAD_AFTER, PAD_AFTER, PAD_AFTER, PAD_AFTER, PAD_AFTER, PAD_AFTER, PAD_AFTER,
      PAD_AFTER, 0, 0, 0, 0 },
};

const syn_word *syn_word_pad(int before)
{
    return &word_pads[before ? 0 : 1];
}

int syn_names_find(syn_names *names, const char *s, size_t len, bool add)
{
    if (len >= SYN_MAX_NAME_BYTES)
        len = SYN_MAX_NAME_BYTES - 1;
    for (uint32_t i = 0; i < names->n; i++)
        if (!strncmp(names->name[i], s, len) && names->name[i][len] == 0)
            return (int)i;
    if (!add || names->n >= SYN_MAX_CLASSES)
        return -1;
    memcpy(names->name[names->n], s, len);
    names->name[names->n][len] = 0;
    return (int)names->n++;
}
