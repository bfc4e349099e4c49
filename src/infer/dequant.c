/* infer/dequant — see dequant.h. Every reader goes byte by byte (memcpy-free, alignment-free,
 * endianness-explicit), so a row may start anywhere in the mapping. */
#include "infer/dequant.h"

#include <math.h>
#include <string.h>

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

float lx_dequant_f16(uint16_t h)
{
    int sign = h >> 15, exp = (h >> 10) & 31, man = h & 1023;
    float v;
    if (exp == 0) v = ldexpf((float)man, -24);                  /* zero and subnormals */
    else if (exp == 31) v = man ? NAN : INFINITY;
    else v = ldexpf((float)(man | 1024), exp - 25);
    return sign ? -v : v;
}

float lx_dequant_bf16(uint16_t h)
{
    uint32_t bits = (uint32_t)h << 16;
    float v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

static void row_f32(const uint8_t *p, float *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t bits = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
                        (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
        memcpy(&y[i], &bits, sizeof bits);
    }
}

static void row_f16(const uint8_t *p, float *y, size_t n)
{
    for (size_t i = 0; i < n; i++) y[i] = lx_dequant_f16(rd16(p + 2 * i));
}

static void row_bf16(const uint8_t *p, float *y, size_t n)
{
    for (size_t i = 0; i < n; i++) y[i] = lx_dequant_bf16(rd16(p + 2 * i));
}

/* Q8_0 block: 34 bytes -> 32 floats. */
static void row_q8_0(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 32; b++, p += 34, y += 32) {
        float d = lx_dequant_f16(rd16(p));
        for (int j = 0; j < 32; j++) y[j] = d * (float)(int8_t)p[2 + j];
    }
}

/* Q4_0 block: 18 bytes -> 32 floats. */
static void row_q4_0(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 32; b++, p += 18, y += 32) {
        float d = lx_dequant_f16(rd16(p));
        for (int j = 0; j < 16; j++) {
            y[j] = d * (float)((p[2 + j] & 15) - 8);
            y[j + 16] = d * (float)((p[2 + j] >> 4) - 8);
        }
    }
}

/* The 6-bit scale and min of Q4_K sub-block j (0..7) from the 12 packed bytes. */
static void q4k_scale_min(const uint8_t *sc, int j, int *s, int *m)
{
    if (j < 4) {
        *s = sc[j] & 63;
        *m = sc[j + 4] & 63;
    } else {
        *s = (sc[j + 4] & 15) | (sc[j - 4] >> 6) << 4;
        *m = (sc[j + 4] >> 4) | (sc[j] >> 6) << 4;
    }
}

/* Q4_K super-block: 144 bytes -> 256 floats. */
static void row_q4_k(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 256; b++, p += 144) {
        float d = lx_dequant_f16(rd16(p)), dmin = lx_dequant_f16(rd16(p + 2));
        const uint8_t *sc = p + 4, *q = p + 16;
        for (int i = 0; i < 4; i++, q += 32, y += 64) {
            int s0, m0, s1, m1;
            q4k_scale_min(sc, 2 * i, &s0, &m0);
            q4k_scale_min(sc, 2 * i + 1, &s1, &m1);
            float d0 = d * (float)s0, c0 = dmin * (float)m0;
            float d1 = d * (float)s1, c1 = dmin * (float)m1;
            for (int l = 0; l < 32; l++) {
                y[l] = d0 * (float)(q[l] & 15) - c0;
                y[l + 32] = d1 * (float)(q[l] >> 4) - c1;
            }
        }
    }
}

/* Q6_K super-block: 210 bytes -> 256 floats. */
static void row_q6_k(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 256; b++, p += 210) {
        float d = lx_dequant_f16(rd16(p + 208));
        const uint8_t *ql = p, *qh = p + 128;
        const int8_t *sc = (const int8_t *)(p + 192);
        for (int h = 0; h < 2; h++, ql += 64, qh += 32, sc += 8, y += 128) {
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int q1 = ((ql[l] & 15) | ((qh[l] >> 0) & 3) << 4) - 32;
                int q2 = ((ql[l + 32] & 15) | ((qh[l] >> 2) & 3) << 4) - 32;
                int q3 = ((ql[l] >> 4) | ((qh[l] >> 4) & 3) << 4) - 32;
                int q4 = ((ql[l + 32] >> 4) | ((qh[l] >> 6) & 3) << 4) - 32;
                y[l] = d * (float)sc[is] * (float)q1;
                y[l + 32] = d * (float)sc[is + 2] * (float)q2;
                y[l + 64] = d * (float)sc[is + 4] * (float)q3;
                y[l + 96] = d * (float)sc[is + 6] * (float)q4;
            }
        }
    }
}

typedef void (*row_fn)(const uint8_t *, float *, size_t);

/* One decoder per supported storage type; NULL for the rest. */
static const row_fn ROW_FN[LX_DT_COUNT] = {
    [LX_DT_F32] = row_f32,   [LX_DT_F16] = row_f16,   [LX_DT_BF16] = row_bf16,
    [LX_DT_Q8_0] = row_q8_0, [LX_DT_Q4_0] = row_q4_0, [LX_DT_Q4_K] = row_q4_k,
    [LX_DT_Q6_K] = row_q6_k,
};

static row_fn row_fn_for(lx_dtype t) { return (unsigned)t < LX_DT_COUNT ? ROW_FN[t] : NULL; }

bool lx_dequant_supported(lx_dtype t) { return row_fn_for(t) != NULL; }

bool lx_dequant_row(lx_dtype t, const void *src, float *dst, size_t n)
{
    row_fn f = row_fn_for(t);
    const lx_dtype_info *info = lx_dtype_get(t);
    if (!f || !info || n % info->block != 0) return false;
    f((const uint8_t *)src, dst, n);
    return true;
}
