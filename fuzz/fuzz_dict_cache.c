/*
 * fuzz_dict_cache.c — fuzzes the compiled-lexicon loader's validation
 * (cache.c).  The input is a cache image; its header CRC is recomputed
 * first so the fuzzer reaches the section and record checks behind it.
 */
#include "lexicon/lexicon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 64 || size > (1u << 24))
        return 0;
    /* 8-byte aligned copy, as mmap would give. */
    uint64_t *copy = malloc((size + 7) / 8 * 8);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    unsigned char *p = (unsigned char *)copy;
    uint64_t total = size;
    memcpy(p + 16, &total, 8);
    uint32_t crc = lex_cache_crc(p, size);
    memcpy(p + 28, &crc, 4);
    (void)lex_cache_check_buffer(p, size);
    free(copy);
    return 0;
}
