/*
 * fuzz_dict_misc.c — fuzzes the small readers (read_misc.c): discards,
 * issues (n:/v:/+ expansion), TABARI .options and .project.  Input: one
 * selector byte, then the file.
 */
#include "fuzz_dict_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"fuzz.discards.txt", "fuzz.issues.txt", "fuzz.options",
                                        "fuzz.project"};
    fuzz_dict_run(data, size, names, 4);
    return 0;
}
