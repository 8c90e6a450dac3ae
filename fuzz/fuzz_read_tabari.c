/*
 * fuzz_read_tabari.c — libFuzzer target for the tabari reader
 * (src/text/read_tabari.c) through dyad_reader_open_memory, plain or inside
 * gzip/zstd, with the default or a tiny size limit (fuzz_read_common.h).
 */
#include "fuzz_read_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_read(data, size, DYAD_FORMAT_TABARI, "in.text");
}
