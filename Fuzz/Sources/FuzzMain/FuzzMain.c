#include "FuzzMain.h"

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }

int FuzzYAML_main(int argc, char **argv) { return run(argc, argv); }
int FuzzDate_main(int argc, char **argv) { return run(argc, argv); }
int FuzzArchive_main(int argc, char **argv) { return run(argc, argv); }
