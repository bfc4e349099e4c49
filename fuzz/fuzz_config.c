/* fuzz/fuzz_config — libFuzzer target: bytes -> config.json reader (model/hp_config) in
 * memory, then the same bytes as a file through the source (open/source), the model stage
 * (model/synth + model/arch: tensors synthesized from the hyper-parameters) and the `info`
 * outputs. Whatever hyper-parameters the reader accepts must be safe to count and print. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "model/hp_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lx_hparams hp;
    lx_err err = { 0 };
    if (lx_hfconfig_parse((const char *)data, size, "fuzz/config.json", &hp, &err) != LX_OK) return 0;
    lx_quant_free(&hp.quant); /* the quantization patterns it may hold */
    lx_source src;
    lx_err serr = { 0 };
    if (lx_source_open(fz_named_file("config.json", data, size), &src, &serr) != LX_OK) return 0;
    fz_arch_info(&src, NULL);
    lx_source_free(&src);
    return 0;
}
