// libFuzzer's driver, for a program with a main of its own (SwiftPM names an executable's
// entry point itself): linked in by -sanitize=fuzzer, declared here only.
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
