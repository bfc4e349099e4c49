/* infer/kernels — the numerical kernels of the forward pass, each a short loop over plain
 * float arrays with its shapes in the comment. Matrices are read in their stored type
 * as stored: quantized ones through infer/qdot's integer dot products, the others through
 * infer/dequant, one row at a time.
 *
 * Stage: inference. Input: float arrays and lx_mat views (borrowed from the file mapping).
 * Output: written into caller-owned arrays. Owns: lx_kern_pool owns its threads and buffers.
 */
#ifndef LX_INFER_KERNELS_H
#define LX_INFER_KERNELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/dtype.h"

/* A weight matrix W [rows][cols] as stored: row r starts at data + r*row_bytes. */
typedef struct lx_mat {
    const uint8_t *data;
    lx_dtype type;
    size_t rows, cols, row_bytes;
} lx_mat;

struct lx_pool;

/* Worker threads for the matrix products (infer/pool, started once), one scratch row (cols
 * floats) per thread and room for max_tok activation rows quantized (infer/qdot). */
typedef struct lx_kern_pool {
    int n_threads;
    size_t scratch_len;
    float *scratch;          /* [n_threads][scratch_len] */
    struct lx_pool *workers;
    size_t act_cap;          /* bytes of act */
    void *act;               /* quantized activations of one product */
    /* Multiply every matrix with float inputs (quantized rows decoded to floats), as an
     * implementation without llama.cpp's 8-bit inputs does. */
    bool float_inputs;
} lx_kern_pool;

/* False on allocation failure. n_threads below 1: one per online CPU. max_cols is the widest
 * matrix row and max_tok the most token vectors one product will be given. */
bool lx_kern_pool_init(lx_kern_pool *p, int n_threads, size_t max_cols, size_t max_tok);
void lx_kern_pool_free(lx_kern_pool *p);

/* y[t][r] = sum_c W[r][c] * x[t][c] for t < n_tok:  x [n_tok][cols] -> y [n_tok][rows].
 * Q8_0, Q4_0, Q4_K and Q6_K matrices multiply x quantized to 8 bits (infer/qdot: as
 * llama.cpp does, so results differ from the float product by the rounding of x to 8 bits
 * per block, relative error about 2^-8 per element) unless p->float_inputs; F32, F16 and
 * BF16 ones multiply floats (float sums in a fixed order, the same on every thread count). */
void lx_kern_matmul(lx_kern_pool *p, const lx_mat *w, const float *x, size_t n_tok, float *y);

/* Row r of W as floats into out[cols] (used for embedding look-ups). */
void lx_kern_mat_row(const lx_mat *w, size_t r, float *out);

/* sum a[i]*b[i], i < n. */
float lx_kern_dot(const float *a, const float *b, size_t n);

/* out[n] = x[n] / sqrt(mean(x^2) + eps) * w[n]   (out may be x). */
void lx_kern_rmsnorm(float *out, const float *x, const float *w, size_t n, float eps);

/* out[n] = (x - mean(x)) / sqrt(var(x) + eps) * w + b   (LayerNorm; b may be NULL; out may be x). */
void lx_kern_layernorm(float *out, const float *x, const float *w, const float *b, size_t n, float eps);

/* x[n] <- exp(x - max) / sum: in place. */
void lx_kern_softmax(float *x, size_t n);

/* Rotary position embedding of one position, in place on v [n_heads][head_dim].
 * Only the first rope_dims of each head turn; pair i (< rope_dims/2) turns by angle
 * pos * freq[i]. Interleaved pairing rotates (2i, 2i+1); NeoX pairing (i, i+rope_dims/2). */
void lx_kern_rope(float *v, size_t n_heads, size_t head_dim, size_t rope_dims,
                  const float *freq, size_t pos, bool neox);

/* g[n] <- silu(g) * u  (the SwiGLU gate). */
void lx_kern_swiglu(float *g, const float *u, size_t n);

/* x[n] <- gelu(x), the tanh form 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), in place.
 * As llama.cpp's CPU backend computes it: x rounded to half precision, the result rounded to
 * half precision (it reads a table indexed by the half), 0 below -10 and x above 10. */
void lx_kern_gelu(float *x, size_t n);

/* f rounded to the nearest IEEE half (ties to even) and back. */
float lx_kern_round_half(float f);

/* g[n] <- gelu(g) * u  (the GeGLU gate; gelu as lx_kern_gelu). */
void lx_kern_geglu(float *g, const float *u, size_t n);

/* x[n] *= a. */
void lx_kern_scale(float *x, float a, size_t n);

/* x[n] += y[n]. */
void lx_kern_add(float *x, const float *y, size_t n);

/* sqrt(sum x^2). */
float lx_kern_l2(const float *x, size_t n);

#endif
