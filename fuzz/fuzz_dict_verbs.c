/*
 * fuzz_dict_verbs.c — fuzzes the verb dictionary reader (read_verbs.c):
 * PETRARCH-2 / PETRARCH-1 (detected from content) and TABARI syntax, with
 * synsets, forms and patterns.  Input: one selector byte, then the file.
 */
#include "fuzz_dict_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"CAMEO.fuzz.txt", "fuzz.verbs"};
    fuzz_dict_run(data, size, names, 2);
    return 0;
}
