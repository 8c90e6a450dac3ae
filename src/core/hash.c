/*
 * hash.c — stable hashes: a 64-bit FNV-1a for hash tables and interning,
 * and CRC-32 (via zlib, which every build links) for file checksums.
 */
#include "core/core.h"

#include <zlib.h>

uint64_t hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    /* Final avalanche so low bits are usable as a table index. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
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
