/* fuzz/fuzz_safetensors — libFuzzer target: bytes -> safetensors header reader
 * (read/safetensors) as a single file, then the same bytes as a sharded model's
 * model.safetensors.index.json (shards resolved in a private folder), and a file the reader
 * accepted through the source, the model stage and the `info` outputs. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "read/safetensors.h"

static void fz_index(const uint8_t *data, size_t size)
{
    const char *path = fz_named_file("model.safetensors.index.json", data, size);
    lx_tensors ts;
    lx_tensors_init(&ts);
    bool missing = false;
    uint64_t fb = 0, hb = 0;
    lx_err err = { 0 };
    (void)lx_st_read_index(path, &ts, &fb, &hb, &missing, &err);
    lx_tensors_free(&ts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lx_tensors ts;
    lx_tensors_init(&ts);
    uint64_t fb = 0, hb = 0;
    lx_err err = { 0 };
    lx_status s = lx_st_read_file(fz_memfile(data, size), 0, &ts, &fb, &hb, &err);
    lx_tensors_free(&ts);
    if (s == LX_OK) {
        lx_source src;
        lx_err serr = { 0 };
        if (lx_source_open(fz_named_file("model.safetensors", data, size), &src, &serr) == LX_OK) {
            fz_arch_info(&src, NULL);
            lx_source_free(&src);
        }
    }
    fz_index(data, size);
    return 0;
}
