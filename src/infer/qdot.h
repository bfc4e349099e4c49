/* infer/qdot — dot products of quantized weight rows with quantized activations, the
 * arithmetic llama.cpp's CPU backend uses: the activation vector is quantized to 8 bits per
 * block, each block's product is an integer sum, and one float multiply per block scales it.
 *
 * Stage: inference. Input: one weight row as the file stores it (borrowed from the mapping,
 * any alignment) and one activation row quantized by lx_qdot_quantize. Output: a float.
 * Owns nothing.
 *
 * Activation blocks (a = d * q, q in -127..127, d = amax / 127 of the block, q = x / d
 * rounded to nearest, ties to even):
 *   lx_q8_32   32 values; d rounded to half precision as llama.cpp's Q8_0 block stores it.
 *              Pairs with Q8_0 and Q4_0 weights.
 *   lx_q8_256  256 values, d a float, and bsum[i] = the sum of q[16i .. 16i+15]
 *              (llama.cpp's Q8_K). Pairs with the K-quants Q4_K and Q6_K, whose minimum or
 *              offset terms it turns into 16 sums instead of 256 products.
 * Per block (weight layouts in infer/dequant.h):
 *   Q8_0 . q8_32:   d_w d_a * sum q_w q_a
 *   Q4_0 . q8_32:   d_w d_a * sum (nib - 8) q_a
 *   Q4_K . q8_256:  d_a * (d * sum_j s_j sum_{32j..} nib q_a  -  dmin * sum_j m_j (bsum_2j + bsum_2j+1))
 *   Q6_K . q8_256:  d_w d_a * sum_g sc_g sum_{16g..} (q6 - 32) q_a
 * The integer sums are exact (no overflow: below 2^28 in magnitude per block), so every
 * implementation agrees on them; implementations differ only in the order the per-block
 * floats are added: equal when every float step is exact, else (tested on random blocks)
 * |simd - scalar| <= 1e-4 * sum_i |w_i a_i|.
 *
 * Implementations, one table in qdot.c, the first the CPU has is used (chosen at run time):
 *   "avx2"          x86-64 with AVX2, FMA and F16C (qdot_avx2.c)
 *   "neon-dotprod"  arm64 with the dot-product instructions, asimddp (qdot_neon.c)
 *   "neon"          every arm64 CPU (qdot_neon.c)
 *   "scalar"        portable, the reference every other one is tested against.
 */
#ifndef LX_INFER_QDOT_H
#define LX_INFER_QDOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/dtype.h"

typedef struct lx_q8_32 {
    float d;
    int8_t q[32];
} lx_q8_32;

typedef struct lx_q8_256 {
    float d;
    int16_t bsum[16];
    int8_t q[256];
} lx_q8_256;

/* The weight types with a quantized dot product (index of lx_qdot_ops.dot). */
typedef enum lx_qdot_w { LX_QW_Q8_0, LX_QW_Q4_0, LX_QW_Q4_K, LX_QW_Q6_K, LX_QW_COUNT } lx_qdot_w;

/* sum over nb weight blocks at w of block . activation block a[b]. */
typedef float (*lx_qdot_fn)(const uint8_t *w, const void *a, size_t nb);

/* The same for 4 activation rows at once (a + t * stride bytes, t < 4) into out[4]: the
 * weight blocks are read and decoded once for the four. Each out[t] is bit-identical to
 * dot(w, a + t * stride, nb), so a product does not depend on how its tokens are grouped. */
typedef void (*lx_qdot4_fn)(const uint8_t *w, const void *a, size_t stride, size_t nb, float *out);

typedef struct lx_qdot_ops {
    const char *name;
    lx_qdot_fn dot[LX_QW_COUNT];
    lx_qdot4_fn dot4[LX_QW_COUNT]; /* NULL: dot four times */
} lx_qdot_ops;

/* The portable reference; each SIMD one (NULL when this CPU or build lacks it); the one in use. */
const lx_qdot_ops *lx_qdot_scalar(void);
const lx_qdot_ops *lx_qdot_avx2(void);
const lx_qdot_ops *lx_qdot_neon_dot(void);
const lx_qdot_ops *lx_qdot_neon(void);
const lx_qdot_ops *lx_qdot_best(void);
/* The i-th implementation this CPU and build have, fastest first (the last is the scalar
 * one); NULL past the end. */
const lx_qdot_ops *lx_qdot_impl(size_t i);

/* ops->dot4[k] when there is one, else ops->dot[k] on each of the four rows. */
void lx_qdot_dot4(const lx_qdot_ops *ops, lx_qdot_w k, const uint8_t *w, const void *a, size_t stride, size_t nb,
                  float *out);

/* Which lx_qdot_w a weight type is, false for types read as floats (F32, F16, ...). */
bool lx_qdot_kind(lx_dtype t, lx_qdot_w *out);
/* Elements per activation block of a weight kind (32 or 256). */
size_t lx_qdot_block(lx_qdot_w k);
/* Bytes of one quantized activation row of cols elements (cols a multiple of the block). */
size_t lx_qdot_act_bytes(lx_qdot_w k, size_t cols);
/* x [cols] -> the activation blocks the kind wants, into act (lx_qdot_act_bytes bytes). */
void lx_qdot_quantize(lx_qdot_w k, const float *x, size_t cols, void *act);

/* The 6-bit scales s[8] and mins m[8] of a Q4_K super-block from its 12 packed bytes. */
void lx_qdot_q4k_scales(const uint8_t *sc, int *s, int *m);

void lx_qdot_quantize_32(const float *x, size_t nb, lx_q8_32 *out);
void lx_qdot_quantize_256(const float *x, size_t nb, lx_q8_256 *out);

#endif
