/* read/dtype — see dtype.h.
 *
 * Block sizes and block byte counts follow the block layouts of ggml (ggml-common.h) and the
 * type ids of ggml.h; ids 4, 5, 31-33 and 36-38 were removed from GGUF and stay unknown.
 * Safetensors types are all one element per block.
 */
#include "read/dtype.h"

#include <string.h>

static const lx_dtype_info TABLE[LX_DT_COUNT] = {
    [LX_DT_F32]     = { "F32",     0,  "F32",  1,   4 },
    [LX_DT_F16]     = { "F16",     1,  "F16",  1,   2 },
    [LX_DT_Q4_0]    = { "Q4_0",    2,  NULL,   32,  18 },
    [LX_DT_Q4_1]    = { "Q4_1",    3,  NULL,   32,  20 },
    [LX_DT_Q5_0]    = { "Q5_0",    6,  NULL,   32,  22 },
    [LX_DT_Q5_1]    = { "Q5_1",    7,  NULL,   32,  24 },
    [LX_DT_Q8_0]    = { "Q8_0",    8,  NULL,   32,  34 },
    [LX_DT_Q8_1]    = { "Q8_1",    9,  NULL,   32,  36 },
    [LX_DT_Q2_K]    = { "Q2_K",    10, NULL,   256, 84 },
    [LX_DT_Q3_K]    = { "Q3_K",    11, NULL,   256, 110 },
    [LX_DT_Q4_K]    = { "Q4_K",    12, NULL,   256, 144 },
    [LX_DT_Q5_K]    = { "Q5_K",    13, NULL,   256, 176 },
    [LX_DT_Q6_K]    = { "Q6_K",    14, NULL,   256, 210 },
    [LX_DT_Q8_K]    = { "Q8_K",    15, NULL,   256, 292 },
    [LX_DT_IQ2_XXS] = { "IQ2_XXS", 16, NULL,   256, 66 },
    [LX_DT_IQ2_XS]  = { "IQ2_XS",  17, NULL,   256, 74 },
    [LX_DT_IQ3_XXS] = { "IQ3_XXS", 18, NULL,   256, 98 },
    [LX_DT_IQ1_S]   = { "IQ1_S",   19, NULL,   256, 50 },
    [LX_DT_IQ4_NL]  = { "IQ4_NL",  20, NULL,   32,  18 },
    [LX_DT_IQ3_S]   = { "IQ3_S",   21, NULL,   256, 110 },
    [LX_DT_IQ2_S]   = { "IQ2_S",   22, NULL,   256, 82 },
    [LX_DT_IQ4_XS]  = { "IQ4_XS",  23, NULL,   256, 136 },
    [LX_DT_I8]      = { "I8",      24, "I8",   1,   1 },
    [LX_DT_I16]     = { "I16",     25, "I16",  1,   2 },
    [LX_DT_I32]     = { "I32",     26, "I32",  1,   4 },
    [LX_DT_I64]     = { "I64",     27, "I64",  1,   8 },
    [LX_DT_F64]     = { "F64",     28, "F64",  1,   8 },
    [LX_DT_IQ1_M]   = { "IQ1_M",   29, NULL,   256, 56 },
    [LX_DT_BF16]    = { "BF16",    30, "BF16", 1,   2 },
    [LX_DT_TQ1_0]   = { "TQ1_0",   34, NULL,   256, 54 },
    [LX_DT_TQ2_0]   = { "TQ2_0",   35, NULL,   256, 66 },
    [LX_DT_MXFP4]   = { "MXFP4",   39, NULL,   32,  17 },
    [LX_DT_F8_E4M3] = { "F8_E4M3", -1, "F8_E4M3", 1, 1 },
    [LX_DT_F8_E5M2] = { "F8_E5M2", -1, "F8_E5M2", 1, 1 },
    [LX_DT_U8]      = { "U8",      -1, "U8",   1,   1 },
    [LX_DT_U16]     = { "U16",     -1, "U16",  1,   2 },
    [LX_DT_U32]     = { "U32",     -1, "U32",  1,   4 },
    [LX_DT_U64]     = { "U64",     -1, "U64",  1,   8 },
    [LX_DT_BOOL]    = { "BOOL",    -1, "BOOL", 1,   1 },
};

const lx_dtype_info *lx_dtype_get(lx_dtype t)
{
    if ((unsigned)t >= LX_DT_COUNT) return NULL;
    return &TABLE[t];
}

bool lx_dtype_from_ggml(uint32_t id, lx_dtype *out)
{
    for (int t = 0; t < LX_DT_COUNT; t++) {
        if (TABLE[t].ggml_id >= 0 && (uint32_t)TABLE[t].ggml_id == id) {
            *out = (lx_dtype)t;
            return true;
        }
    }
    return false;
}

bool lx_dtype_from_st(const char *name, lx_dtype *out)
{
    if (!name) return false;
    for (int t = 0; t < LX_DT_COUNT; t++) {
        if (TABLE[t].st_name && strcmp(TABLE[t].st_name, name) == 0) {
            *out = (lx_dtype)t;
            return true;
        }
    }
    return false;
}

bool lx_dtype_bytes(lx_dtype t, uint64_t n, uint64_t *out)
{
    const lx_dtype_info *d = lx_dtype_get(t);
    if (!d || n % d->block != 0) return false;
    uint64_t blocks = n / d->block;
    if (blocks > UINT64_MAX / d->block_bytes) return false;
    *out = blocks * d->block_bytes;
    return true;
}
