/* read/dtype — every storage type a tensor can have, from GGUF (ggml types) and safetensors.
 *
 * Owns: one static table. A type stores `block` elements in `block_bytes` bytes; a tensor of
 * n elements (n a multiple of block) takes n / block * block_bytes bytes. Byte totals are exact.
 */
#ifndef LX_READ_DTYPE_H
#define LX_READ_DTYPE_H

#include <stdbool.h>
#include <stdint.h>

typedef enum lx_dtype {
    /* ggml types, in ggml id order where they exist */
    LX_DT_F32, LX_DT_F16, LX_DT_Q4_0, LX_DT_Q4_1, LX_DT_Q5_0, LX_DT_Q5_1, LX_DT_Q8_0, LX_DT_Q8_1,
    LX_DT_Q2_K, LX_DT_Q3_K, LX_DT_Q4_K, LX_DT_Q5_K, LX_DT_Q6_K, LX_DT_Q8_K,
    LX_DT_IQ2_XXS, LX_DT_IQ2_XS, LX_DT_IQ3_XXS, LX_DT_IQ1_S, LX_DT_IQ4_NL, LX_DT_IQ3_S, LX_DT_IQ2_S,
    LX_DT_IQ4_XS, LX_DT_I8, LX_DT_I16, LX_DT_I32, LX_DT_I64, LX_DT_F64, LX_DT_IQ1_M, LX_DT_BF16,
    LX_DT_TQ1_0, LX_DT_TQ2_0, LX_DT_MXFP4,
    /* safetensors-only types */
    LX_DT_F8_E4M3, LX_DT_F8_E5M2, LX_DT_U8, LX_DT_U16, LX_DT_U32, LX_DT_U64, LX_DT_BOOL,
    LX_DT_COUNT
} lx_dtype;

typedef struct lx_dtype_info {
    const char *name;   /* "F32", "Q4_K", "BF16", "F8_E4M3", ... */
    int ggml_id;        /* GGUF type id, or -1 */
    const char *st_name;/* safetensors dtype string, or NULL */
    uint32_t block;     /* elements per block */
    uint32_t block_bytes;
} lx_dtype_info;

const lx_dtype_info *lx_dtype_get(lx_dtype t);
/* Maps a GGUF type id / safetensors dtype name; false when unknown. */
bool lx_dtype_from_ggml(uint32_t id, lx_dtype *out);
bool lx_dtype_from_st(const char *name, lx_dtype *out);
/* Bytes for n elements; false on overflow or when n is not a multiple of the block. */
bool lx_dtype_bytes(lx_dtype t, uint64_t n, uint64_t *out);

#endif
