/* infer/kernels — see kernels.h.
 *
 * The matrix product walks W once, row by row: each row is decoded once into a scratch row
 * (or read in place when it is aligned little-endian F32) and multiplied with every token
 * vector, so a prompt of T tokens costs one pass over the weights, not T. Rows are split
 * between threads in contiguous ranges; small products run on the calling thread alone. */
#include "infer/kernels.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "infer/dequant.h"

/* Below this many multiply-adds a product is not worth a thread start. */
#define PARALLEL_MIN_WORK ((size_t)1 << 20)

bool lx_kern_pool_init(lx_kern_pool *p, int n_threads, size_t max_cols)
{
    if (n_threads < 1) n_threads = 1;
    p->n_threads = n_threads;
    p->scratch_len = max_cols;
    p->scratch = calloc((size_t)n_threads * max_cols + 1, sizeof(float));
    return p->scratch != NULL;
}

void lx_kern_pool_free(lx_kern_pool *p)
{
    free(p->scratch);
    p->scratch = NULL;
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
    size_t n_tok, r0, r1;
    float *y, *scratch;
} matmul_job;

static void matmul_rows(const matmul_job *j)
{
    const size_t cols = j->w->cols, rows = j->w->rows;
    for (size_t r = j->r0; r < j->r1; r++) {
        const float *wr = row_floats(j->w, r, j->scratch);
        for (size_t t = 0; t < j->n_tok; t++) j->y[t * rows + r] = lx_kern_dot(wr, j->x + t * cols, cols);
    }
}

static void *matmul_thread(void *arg)
{
    matmul_rows(arg);
    return NULL;
}

void lx_kern_matmul(lx_kern_pool *p, const lx_mat *w, const float *x, size_t n_tok, float *y)
{
    enum { MAX_THREADS = 64 };
    size_t nt = (size_t)p->n_threads;
    if (nt > MAX_THREADS) nt = MAX_THREADS;
    if (w->rows * w->cols * n_tok < PARALLEL_MIN_WORK || w->rows < nt) nt = 1;
    matmul_job jobs[MAX_THREADS];
    pthread_t th[MAX_THREADS];
    bool started[MAX_THREADS] = {false};
    for (size_t i = 0; i < nt; i++) {
        jobs[i] = (matmul_job){w, x, n_tok, w->rows * i / nt, w->rows * (i + 1) / nt, y,
                               p->scratch + i * p->scratch_len};
        if (i > 0) started[i] = pthread_create(&th[i], NULL, matmul_thread, &jobs[i]) == 0;
    }
    matmul_rows(&jobs[0]);
    for (size_t i = 1; i < nt; i++) {
        if (started[i]) pthread_join(th[i], NULL);
        else matmul_rows(&jobs[i]); /* no thread: do its share here */
    }
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
