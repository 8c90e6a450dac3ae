/*
 * hash.c — stable hashes: a 64-bit FNV-1a for hash tables and interning,
 * CRC-32 (via zlib, which every build links) for file checksums, and
 * XXH3-64 (libxxhash) for the syntax model, whose 42 MB zlib's CRC-32
 * took ~40 ms to check on every load.
 */
#include "core/core.h"

#include <xxhash.h>
#include <zlib.h>

uint64_t hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = HASH_START;
    for (size_t i = 0; i < len; i++)
        h = hash_step(h, p[i]);
    return hash_finish(h);
}

uint32_t crc32_bytes(uint32_t crc, const void *data, size_t len)
{
    const unsigned char *p = data;
    /* zlib's crc32 takes uInt lengths: feed large buffers in pieces. */
    while (len) {
        uInt n = len > 0x40000000u ? 0x40000000u : (uInt)len;
        crc = (uint32_t)crc32(crc, p, n);
        p += n;
        len -= n;
    }
    return crc;
}

uint64_t checksum64_bytes(const void *data, size_t len)
{
    return (uint64_t)XXH3_64bits(data, len);
}
