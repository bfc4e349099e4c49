/* gen_infer_fixture — writes one of tests/support/fixture_models' random-weight GGUF models,
 * for recording llama.cpp's numbers on it (tests/data/infer/record.sh), and optionally the
 * Hugging Face folder of the same model (tests/support/fixture_hf), to try `run` on.
 * Usage: gen_infer_fixture FAMILY VOCAB_DIR OUT.gguf [TOKENIZER_DIR OUT_DIR F32|BF16|F16]
 *        (FAMILY "list": the family names; TOKENIZER_DIR "-": a tokenizer.json from the GGUF's vocabulary) */
#include <stdio.h>
#include <string.h>

#include "fixture_hf.h"
#include "fixture_models.h"

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        for (size_t i = 0; i < lx_fx_n_families(); i++) printf("%s\n", lx_fx_family_at(i)->name);
        return 0;
    }
    if (argc != 4 && argc != 7) {
        fprintf(stderr, "usage: gen_infer_fixture FAMILY VOCAB_DIR OUT.gguf [TOKENIZER_DIR OUT_DIR F32|BF16|F16]\n");
        return 2;
    }
    if (!lx_fx_model_write(argv[1], argv[2], argv[3])) return 1;
    return argc == 4 || lx_fx_hf_write(argv[3], strcmp(argv[4], "-") ? argv[4] : NULL, argv[5], argv[6]) ? 0 : 1;
}
