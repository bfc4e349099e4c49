/* infer/kernels — see kernels.h.
 *
 * The matrix product walks W once, row by row, and multiplies each row with every token
 * vector, so a prompt of T tokens costs one pass over the weights, not T. Quantized rows are
 * read in place against the token vectors quantized once per product (infer/qdot); other
 * rows are decoded once into a scratch row (or read in place when aligned little-endian F32).
 * The pool's threads take chunks of rows from a shared counter (a thread the system
 * descheduled does less, not the others wait); a chunk goes four tokens at a time over its
 * rows (qdot's dot4: each weight block read and decoded once for four tokens), its bytes
 * staying in cache. Small products run on the calling thread alone. */
#include "infer/kernels.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "infer/dequant.h"
#include "infer/pool.h"
#include "infer/qdot.h"

/* Below this many multiply-adds a product is not worth waking the workers. */
#define PARALLEL_MIN_WORK ((size_t)1 << 16)
/* Rows per chunk at most (a chunk's rows are in cache while every token passes over them). */
#define CHUNK_ROWS 16

bool lx_kern_pool_init(lx_kern_pool *p, int n_threads, size_t max_cols, size_t max_tok)
{
    memset(p, 0, sizeof *p);
    if (!(p->workers = lx_pool_new(n_threads))) return false;
    p->n_threads = lx_pool_size(p->workers);
    p->scratch_len = max_cols;
    /* a quantized row of either block size: 36 bytes per 32 values or 292 per 256 */
    size_t row32 = (max_cols / 32 + 1) * sizeof(lx_q8_32), row256 = (max_cols / 256 + 1) * sizeof(lx_q8_256);
    p->act_cap = (row32 > row256 ? row32 : row256) * (max_tok ? max_tok : 1);
    p->scratch = calloc((size_t)p->n_threads * max_cols + 1, sizeof(float));
    p->act = malloc(p->act_cap);
    if (p->scratch && p->act) return true;
    lx_kern_pool_free(p);
    return false;
}

void lx_kern_pool_free(lx_kern_pool *p)
{
    lx_pool_free(p->workers);
    free(p->scratch), free(p->act);
    memset(p, 0, sizeof *p);
}

float lx_kern_dot(const float *a, const float *b, size_t n)
{
    /* eight independent sums let the compiler keep several vector lanes busy */
    float s[8] = {0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; k++) s[k] += a[i + k] * b[i + k];
    float t = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    for (; i < n; i++) t += a[i] * b[i];
    return t;
}

static bool row_in_place(const lx_mat *w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return w->type == LX_DT_F32 && (uintptr_t)w->data % sizeof(float) == 0 &&
           w->row_bytes % sizeof(float) == 0;
#else
    (void)w;
    return false;
#endif
}

/* Row r as floats: a pointer into the mapping, or decoded into scratch. */
static const float *row_floats(const lx_mat *w, size_t r, float *scratch)
{
    const uint8_t *src = w->data + r * w->row_bytes;
    if (row_in_place(w)) return (const float *)(const void *)src;
    lx_dequant_row(w->type, src, scratch, w->cols);
    return scratch;
}

void lx_kern_mat_row(const lx_mat *w, size_t r, float *out)
{
    lx_dequant_row(w->type, w->data + r * w->row_bytes, out, w->cols);
}

typedef struct matmul_job {
    const lx_mat *w;
    const float *x;
    size_t n_tok;
    float *y;
    const lx_kern_pool *p;
    const lx_qdot_ops *ops;  /* NULL: the float path */
    lx_qdot_w kind;
    const uint8_t *act;      /* [n_tok][act_row] quantized x */
    size_t act_row, blocks;  /* bytes of one quantized row, weight blocks per row */
    size_t chunk;
    atomic_size_t next;      /* first row of the next chunk */
} matmul_job;

/* Rows r0..r1 against every token, quantized: four tokens at a time, then the rest. */
static void rows_quantized(const matmul_job *j, size_t r0, size_t r1)
{
    const lx_mat *w = j->w;
    size_t t = 0;
    for (; t + 4 <= j->n_tok; t += 4) {
        const void *a = j->act + t * j->act_row;
        for (size_t r = r0; r < r1; r++) {
            float out[4];
            lx_qdot_dot4(j->ops, j->kind, w->data + r * w->row_bytes, a, j->act_row, j->blocks, out);
            for (size_t i = 0; i < 4; i++) j->y[(t + i) * w->rows + r] = out[i];
        }
    }
    for (; t < j->n_tok; t++) {
        const void *a = j->act + t * j->act_row;
        float *y = j->y + t * w->rows;
        for (size_t r = r0; r < r1; r++) y[r] = j->ops->dot[j->kind](w->data + r * w->row_bytes, a, j->blocks);
    }
}

/* Rows r0..r1 against every token, as floats (decoded into scratch). */
static void rows_float(const matmul_job *j, size_t r0, size_t r1, float *scratch)
{
    const size_t cols = j->w->cols, rows = j->w->rows;
    for (size_t r = r0; r < r1; r++) {
        const float *wr = row_floats(j->w, r, scratch);
        for (size_t t = 0; t < j->n_tok; t++) j->y[t * rows + r] = lx_kern_dot(wr, j->x + t * cols, cols);
    }
}

static void matmul_share(void *ctx, int share, int n_shares)
{
    (void)n_shares;
    matmul_job *j = ctx;
    float *scratch = j->p->scratch + (size_t)share * j->p->scratch_len;
    for (;;) {
        size_t r0 = atomic_fetch_add(&j->next, j->chunk);
        if (r0 >= j->w->rows) return;
        size_t r1 = r0 + j->chunk < j->w->rows ? r0 + j->chunk : j->w->rows;
        if (j->ops) rows_quantized(j, r0, r1);
        else rows_float(j, r0, r1, scratch);
    }
}

/* Quantizes x for W when W has an integer dot product and x fits the pool's buffer. */
static void quantize_input(matmul_job *j)
{
    lx_qdot_w kind;
    const lx_mat *w = j->w;
    if (j->p->float_inputs || !lx_qdot_kind(w->type, &kind) || w->cols % lx_qdot_block(kind) != 0) return;
    j->act_row = lx_qdot_act_bytes(kind, w->cols);
    if (j->act_row * j->n_tok > j->p->act_cap) return;
    for (size_t t = 0; t < j->n_tok; t++)
        lx_qdot_quantize(kind, j->x + t * w->cols, w->cols, (uint8_t *)j->p->act + t * j->act_row);
    j->ops = lx_qdot_best();
    j->kind = kind;
    j->act = j->p->act;
    j->blocks = w->cols / lx_qdot_block(kind);
}

void lx_kern_matmul(lx_kern_pool *p, const lx_mat *w, const float *x, size_t n_tok, float *y)
{
    matmul_job j = {.w = w, .x = x, .n_tok = n_tok, .y = y, .p = p};
    quantize_input(&j);
    size_t nt = (size_t)p->n_threads;
    j.chunk = w->rows / (nt * 4);
    j.chunk = j.chunk < 1 ? 1 : j.chunk > CHUNK_ROWS ? CHUNK_ROWS : j.chunk;
    atomic_init(&j.next, 0);
    if (w->rows * w->cols * n_tok < PARALLEL_MIN_WORK || nt == 1) matmul_share(&j, 0, 1);
    else lx_pool_run(p->workers, matmul_share, &j);
}

void lx_kern_rmsnorm(float *out, const float *x, const float *w, size_t n, float eps)
{
    float ss = 0.0f;
    for (size_t i = 0; i < n; i++) ss += x[i] * x[i];
    float scale = 1.0f / sqrtf(ss / (float)n + eps);
    for (size_t i = 0; i < n; i++) out[i] = w[i] * (scale * x[i]);
}

void lx_kern_layernorm(float *out, const float *x, const float *w, const float *b, size_t n, float eps)
{
    float mean = 0.0f, var = 0.0f;
    for (size_t i = 0; i < n; i++) mean += x[i];
    mean /= (float)n;
    for (size_t i = 0; i < n; i++) var += (x[i] - mean) * (x[i] - mean);
    float scale = 1.0f / sqrtf(var / (float)n + eps);
    for (size_t i = 0; i < n; i++) out[i] = (x[i] - mean) * scale * w[i] + (b ? b[i] : 0.0f);
}

void lx_kern_softmax(float *x, size_t n)
{
    if (n == 0) return;
    float max = x[0];
    for (size_t i = 1; i < n; i++)
        if (x[i] > max) max = x[i];
    float sum = 0.0f;
    for (size_t i = 0; i < n; i++) {
        x[i] = expf(x[i] - max);
        sum += x[i];
    }
    for (size_t i = 0; i < n; i++) x[i] /= sum;
}

static void rotate(float *a, float *b, float angle)
{
    float c = cosf(angle), s = sinf(angle), x = *a, y = *b;
    *a = x * c - y * s;
    *b = x * s + y * c;
}

void lx_kern_rope(float *v, size_t n_heads, size_t head_dim, size_t rope_dims,
                  const float *freq, size_t pos, bool neox)
{
    size_t half = rope_dims / 2;
    for (size_t h = 0; h < n_heads; h++) {
        float *hv = v + h * head_dim;
        for (size_t i = 0; i < half; i++) {
            float angle = (float)pos * freq[i];
            if (neox) rotate(&hv[i], &hv[i + half], angle);
            else rotate(&hv[2 * i], &hv[2 * i + 1], angle);
        }
    }
}

void lx_kern_swiglu(float *g, const float *u, size_t n)
{
    for (size_t i = 0; i < n; i++) g[i] = g[i] / (1.0f + expf(-g[i])) * u[i];
}

/* The IEEE half nearest f (ties to even), as its 16 bits. */
static uint16_t to_half(float f)
{
    uint32_t x;
    memcpy(&x, &f, sizeof x);
    uint32_t sign = (x >> 16) & 0x8000u, mant = x & 0x7fffffu;
    int32_t e = (int32_t)((x >> 23) & 0xffu);
    if (e == 0xff) return (uint16_t)(sign | 0x7c00u | (mant ? 0x200u : 0));
    int32_t exp = e - 127 + 15;
    if (exp >= 31) return (uint16_t)(sign | 0x7c00u);
    uint32_t shift = 13, h;
    if (exp <= 0) { /* subnormal half: value = h * 2^-24 */
        if (exp < -10) return (uint16_t)sign;
        mant |= 0x800000u;
        shift = (uint32_t)(14 - exp);
        h = mant >> shift;
    } else {
        h = ((uint32_t)exp << 10) | (mant >> 13);
    }
    uint32_t rem = mant & ((1u << shift) - 1), half = 1u << (shift - 1);
    if (rem > half || (rem == half && (h & 1))) h++; /* a carry into the exponent is right */
    return (uint16_t)(sign | h);
}

float lx_kern_round_half(float f) { return lx_dequant_f16(to_half(f)); }

void lx_kern_gelu(float *x, size_t n)
{
    const float a = 0.044715f, c = 0.79788456080286535588f; /* sqrt(2/pi) */
    for (size_t i = 0; i < n; i++) {
        if (x[i] <= -10.0f) { x[i] = 0.0f; continue; }
        if (x[i] >= 10.0f) continue;
        float v = lx_kern_round_half(x[i]);
        x[i] = lx_kern_round_half(0.5f * v * (1.0f + tanhf(c * v * (1.0f + a * v * v))));
    }
}

void lx_kern_geglu(float *g, const float *u, size_t n)
{
    lx_kern_gelu(g, n);
    for (size_t i = 0; i < n; i++) g[i] *= u[i];
}

void lx_kern_scale(float *x, float a, size_t n)
{
    for (size_t i = 0; i < n; i++) x[i] *= a;
}

void lx_kern_add(float *x, const float *y, size_t n)
{
    for (size_t i = 0; i < n; i++) x[i] += y[i];
}

float lx_kern_l2(const float *x, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++) s += (double)x[i] * x[i];
    return (float)sqrt(s);
}
