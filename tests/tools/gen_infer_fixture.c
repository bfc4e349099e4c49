/* gen_infer_fixture — writes one of tests/support/fixture_models' random-weight GGUF models,
 * for recording llama.cpp's numbers on it (tests/data/infer/record.sh).
 * Usage: gen_infer_fixture FAMILY VOCAB_DIR OUT.gguf   (FAMILY "list": the family names) */
#include <stdio.h>
#include <string.h>

#include "fixture_models.h"

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        for (size_t i = 0; i < lx_fx_n_families(); i++) printf("%s\n", lx_fx_family_at(i)->name);
        return 0;
    }
    if (argc != 4) {
        fprintf(stderr, "usage: gen_infer_fixture FAMILY VOCAB_DIR OUT.gguf\n");
        return 2;
    }
    return lx_fx_model_write(argv[1], argv[2], argv[3]) ? 0 : 1;
}
