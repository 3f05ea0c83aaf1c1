// The entry point of each fuzz executable. SwiftPM links an executable target's `main` to
// `<target>_main`; these hand control to libFuzzer's driver with the target's test function.
#include <stddef.h>
#include <stdint.h>
int FuzzYAML_main(int argc, char **argv);
int FuzzDate_main(int argc, char **argv);
int FuzzArchive_main(int argc, char **argv);
