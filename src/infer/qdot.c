/* infer/qdot — see qdot.h. The quantizers, the scalar reference dot products and the table
 * that picks an implementation; the AVX2 ones are in qdot_avx2.c, the NEON ones in
 * qdot_neon.c. Weight bytes are read byte by byte (any alignment). */
#include "infer/qdot.h"

#include <math.h>
#include <string.h>

#include "infer/dequant.h"
#include "infer/kernels.h"

static float rd_half(const uint8_t *p) { return lx_dequant_f16((uint16_t)(p[0] | p[1] << 8)); }

/* ---- quantizers ---- */

/* q[n] <- x[n] * 127 / amax rounded to nearest (ties to even); returns amax / 127. */
static float quantize_block(const float *x, size_t n, int8_t *q)
{
    float amax = 0.0f;
    for (size_t i = 0; i < n; i++) {
        float a = fabsf(x[i]);
        amax = a > amax ? a : amax;
    }
    const float id = amax > 0.0f ? 127.0f / amax : 0.0f;
    for (size_t i = 0; i < n; i++) {
        float v = nearbyintf(x[i] * id);
        q[i] = (int8_t)(v >= 127.0f ? 127 : v <= -127.0f ? -127 : v == v ? v : 0); /* NaN: 0 */
    }
    return amax / 127.0f;
}

void lx_qdot_quantize_32(const float *x, size_t nb, lx_q8_32 *out)
{
    for (size_t b = 0; b < nb; b++) out[b].d = lx_kern_round_half(quantize_block(x + 32 * b, 32, out[b].q));
}

void lx_qdot_quantize_256(const float *x, size_t nb, lx_q8_256 *out)
{
    for (size_t b = 0; b < nb; b++) {
        out[b].d = quantize_block(x + 256 * b, 256, out[b].q);
        for (int g = 0; g < 16; g++) {
            int s = 0;
            for (int i = 0; i < 16; i++) s += out[b].q[16 * g + i];
            out[b].bsum[g] = (int16_t)s;
        }
    }
}

/* ---- kinds ---- */

bool lx_qdot_kind(lx_dtype t, lx_qdot_w *out)
{
    switch (t) {
    case LX_DT_Q8_0: *out = LX_QW_Q8_0; return true;
    case LX_DT_Q4_0: *out = LX_QW_Q4_0; return true;
    case LX_DT_Q4_K: *out = LX_QW_Q4_K; return true;
    case LX_DT_Q6_K: *out = LX_QW_Q6_K; return true;
    default: return false;
    }
}

size_t lx_qdot_block(lx_qdot_w k) { return k == LX_QW_Q8_0 || k == LX_QW_Q4_0 ? 32 : 256; }

size_t lx_qdot_act_bytes(lx_qdot_w k, size_t cols)
{
    return lx_qdot_block(k) == 32 ? cols / 32 * sizeof(lx_q8_32) : cols / 256 * sizeof(lx_q8_256);
}

void lx_qdot_quantize(lx_qdot_w k, const float *x, size_t cols, void *act)
{
    if (lx_qdot_block(k) == 32) lx_qdot_quantize_32(x, cols / 32, act);
    else lx_qdot_quantize_256(x, cols / 256, act);
}

/* ---- scalar dot products ---- */

static float dot_q8_0(const uint8_t *w, const void *a, size_t nb)
{
    const lx_q8_32 *y = a;
    float sum = 0.0f;
    for (size_t b = 0; b < nb; b++, w += 34) {
        int32_t s = 0;
        for (int j = 0; j < 32; j++) s += (int8_t)w[2 + j] * y[b].q[j];
        sum += rd_half(w) * y[b].d * (float)s;
    }
    return sum;
}

static float dot_q4_0(const uint8_t *w, const void *a, size_t nb)
{
    const lx_q8_32 *y = a;
    float sum = 0.0f;
    for (size_t b = 0; b < nb; b++, w += 18) {
        int32_t s = 0;
        for (int j = 0; j < 16; j++)
            s += ((w[2 + j] & 15) - 8) * y[b].q[j] + ((w[2 + j] >> 4) - 8) * y[b].q[j + 16];
        sum += rd_half(w) * y[b].d * (float)s;
    }
    return sum;
}

void lx_qdot_q4k_scales(const uint8_t *sc, int *s, int *m)
{
    for (int j = 0; j < 4; j++) {
        s[j] = sc[j] & 63, m[j] = sc[j + 4] & 63;
        s[j + 4] = (sc[j + 8] & 15) | (sc[j] >> 6) << 4;
        m[j + 4] = (sc[j + 8] >> 4) | (sc[j + 4] >> 6) << 4;
    }
}

static float dot_q4_k(const uint8_t *w, const void *a, size_t nb)
{
    const lx_q8_256 *y = a;
    float sum = 0.0f;
    for (size_t b = 0; b < nb; b++, w += 144) {
        int s[8], m[8];
        lx_qdot_q4k_scales(w + 4, s, m);
        const uint8_t *q = w + 16;
        const int8_t *qa = y[b].q;
        int32_t is = 0, im = 0;
        for (int i = 0; i < 4; i++, q += 32, qa += 64) {
            int32_t lo = 0, hi = 0;
            for (int l = 0; l < 32; l++) lo += (q[l] & 15) * qa[l], hi += (q[l] >> 4) * qa[l + 32];
            is += s[2 * i] * lo + s[2 * i + 1] * hi;
        }
        for (int j = 0; j < 8; j++) im += m[j] * (y[b].bsum[2 * j] + y[b].bsum[2 * j + 1]);
        sum += y[b].d * (rd_half(w) * (float)is - rd_half(w + 2) * (float)im);
    }
    return sum;
}

/* The 256 values q6 - 32 of a Q6_K super-block, in element order. */
static void q6k_values(const uint8_t *w, int8_t *v)
{
    const uint8_t *ql = w, *qh = w + 128;
    for (int h = 0; h < 2; h++, ql += 64, qh += 32, v += 128)
        for (int l = 0; l < 32; l++) {
            v[l] = (int8_t)(((ql[l] & 15) | (qh[l] & 3) << 4) - 32);
            v[l + 32] = (int8_t)(((ql[l + 32] & 15) | (qh[l] >> 2 & 3) << 4) - 32);
            v[l + 64] = (int8_t)(((ql[l] >> 4) | (qh[l] >> 4 & 3) << 4) - 32);
            v[l + 96] = (int8_t)(((ql[l + 32] >> 4) | (qh[l] >> 6 & 3) << 4) - 32);
        }
}

static float dot_q6_k(const uint8_t *w, const void *a, size_t nb)
{
    const lx_q8_256 *y = a;
    float sum = 0.0f;
    for (size_t b = 0; b < nb; b++, w += 210) {
        int8_t v[256];
        q6k_values(w, v);
        const int8_t *sc = (const int8_t *)(w + 192);
        int32_t s = 0;
        for (int g = 0; g < 16; g++) {
            int32_t gs = 0;
            for (int i = 0; i < 16; i++) gs += v[16 * g + i] * y[b].q[16 * g + i];
            s += sc[g] * gs;
        }
        sum += rd_half(w + 208) * y[b].d * (float)s;
    }
    return sum;
}

static const lx_qdot_ops SCALAR = {"scalar", {dot_q8_0, dot_q4_0, dot_q4_k, dot_q6_k}, {NULL}};

void lx_qdot_dot4(const lx_qdot_ops *ops, lx_qdot_w k, const uint8_t *w, const void *a, size_t stride, size_t nb,
                  float *out)
{
    if (ops->dot4[k]) {
        ops->dot4[k](w, a, stride, nb, out);
        return;
    }
    for (int t = 0; t < 4; t++) out[t] = ops->dot[k](w, (const uint8_t *)a + (size_t)t * stride, nb);
}

const lx_qdot_ops *lx_qdot_scalar(void) { return &SCALAR; }

/* Every implementation, fastest first; each returns NULL on a CPU or build without it. */
static const lx_qdot_ops *(*const IMPLS[])(void) = {lx_qdot_avx2, lx_qdot_neon_dot, lx_qdot_neon, lx_qdot_scalar};

const lx_qdot_ops *lx_qdot_impl(size_t i)
{
    for (size_t k = 0; k < sizeof IMPLS / sizeof IMPLS[0]; k++) {
        const lx_qdot_ops *ops = IMPLS[k]();
        if (ops && i-- == 0) return ops;
    }
    return NULL;
}

const lx_qdot_ops *lx_qdot_best(void) { return lx_qdot_impl(0); }
