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

/* Compressed shape: runs of the same class collapse to two characters. */
static uint64_t word_shape(const char *s, size_t len)
{
    char out[16];
    size_t n = 0, run = 0;
    char prev = 0;
    for (size_t i = 0; i < len && i < WORD_PREFIX_CAP && n < sizeof out; i++) {
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
    return hash_tagged('S', out, n);
}

void syn_word_init(syn_word *w, const char *s, size_t len)
{
    char low[WORD_PREFIX_CAP];
    size_t n = len < sizeof low ? len : sizeof low;
    uint32_t flags = 0;
    bool all_upper = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c >= 'a' && c <= 'z')
            all_upper = false;
        if (c >= '0' && c <= '9')
            flags |= SYN_W_DIGIT;
        if (c == '-')
            flags |= SYN_W_HYPHEN;
        low[i] = (char)c;
    }
    if (len && s[0] >= 'A' && s[0] <= 'Z')
        flags |= SYN_W_UPPER;
    if ((flags & SYN_W_UPPER) && all_upper && len > 1)
        flags |= SYN_W_ALLCAP;
    w->flags = flags;
    w->cap = w->clus = w->clus2 = 0; /* set by syn_capdict_apply when a table is known */
    w->form = hash_tagged('F', s, len);
    w->lower = len <= sizeof low ? hash_tagged('L', low, n) : hash_tagged('L', s, len);
    w->shape = word_shape(s, len);
    w->pre1 = hash_tagged('p', low, n < 1 ? n : 1);
    w->pre2 = hash_tagged('q', low, n < 2 ? n : 2);
    w->suf1 = hash_tagged('1', low + (n > 1 ? n - 1 : 0), n < 1 ? n : 1);
    w->suf2 = hash_tagged('2', low + (n > 2 ? n - 2 : 0), n < 2 ? n : 2);
    w->suf3 = hash_tagged('3', low + (n > 3 ? n - 3 : 0), n < 3 ? n : 3);
    w->suf4 = hash_tagged('4', low + (n > 4 ? n - 4 : 0), n < 4 ? n : 4);
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
