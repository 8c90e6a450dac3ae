/*
 * fuzz_dict_agents.c — fuzzes the agent dictionary reader (read_misc.c):
 * plurals, {} forms, !MARKER! substitutions, ~ codes.  Input: one selector
 * byte, then the file.
 */
#include "fuzz_dict_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"fuzz.agents.txt", "fuzz.agents"};
    fuzz_dict_run(data, size, names, 2);
    return 0;
}
