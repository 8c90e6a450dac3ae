/*
 * fuzz_dict_actors.c — fuzzes the actor dictionary reader (read_actors.c)
 * in TABARI and PETRARCH syntax.  Input: one selector byte, then the file.
 */
#include "fuzz_dict_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"fuzz.actors.txt", "fuzz.actors"};
    fuzz_dict_run(data, size, names, 2);
    return 0;
}
