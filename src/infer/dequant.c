/* infer/dequant — see dequant.h. Every reader goes byte by byte (memcpy-free, alignment-free,
 * endianness-explicit), so a row may start anywhere in the mapping. */
#include "infer/dequant.h"

#include <math.h>
#include <stdio.h>
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

/* Q4_1 block: 20 bytes -> 32 floats, x = d * nibble + m. */
static void row_q4_1(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 32; b++, p += 20, y += 32) {
        float d = lx_dequant_f16(rd16(p)), m = lx_dequant_f16(rd16(p + 2));
        for (int j = 0; j < 16; j++) {
            y[j] = d * (float)(p[4 + j] & 15) + m;
            y[j + 16] = d * (float)(p[4 + j] >> 4) + m;
        }
    }
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The 32 five-bit values of a Q5_0/Q5_1 block: nibbles of qs[16] with bit j of qh as the
 * fifth bit of element j. */
static void q5_values(const uint8_t *qh4, const uint8_t *qs, int v[32])
{
    uint32_t qh = rd32(qh4);
    for (int j = 0; j < 16; j++) {
        v[j] = (qs[j] & 15) | (int)((qh >> j) & 1) << 4;
        v[j + 16] = (qs[j] >> 4) | (int)((qh >> (j + 16)) & 1) << 4;
    }
}

/* Q5_0 block: 22 bytes -> 32 floats, x = d * (q - 16). */
static void row_q5_0(const uint8_t *p, float *y, size_t n)
{
    int v[32];
    for (size_t b = 0; b < n / 32; b++, p += 22, y += 32) {
        float d = lx_dequant_f16(rd16(p));
        q5_values(p + 2, p + 6, v);
        for (int j = 0; j < 32; j++) y[j] = d * (float)(v[j] - 16);
    }
}

/* Q5_1 block: 24 bytes -> 32 floats, x = d * q + m. */
static void row_q5_1(const uint8_t *p, float *y, size_t n)
{
    int v[32];
    for (size_t b = 0; b < n / 32; b++, p += 24, y += 32) {
        float d = lx_dequant_f16(rd16(p)), m = lx_dequant_f16(rd16(p + 2));
        q5_values(p + 4, p + 8, v);
        for (int j = 0; j < 32; j++) y[j] = d * (float)v[j] + m;
    }
}

/* Q2_K super-block: 84 bytes -> 256 floats. Sub-block k of 16 has scale byte sc[k]:
 * x = d * (sc & 15) * q - dmin * (sc >> 4), q the 2-bit field (k / 2 % 4) of byte
 * qs[32 * (k / 8) + 16 * (k % 2) + l]. */
static void row_q2_k(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 256; b++, p += 84) {
        float d = lx_dequant_f16(rd16(p + 80)), dmin = lx_dequant_f16(rd16(p + 82));
        for (int k = 0; k < 16; k++, y += 16) {
            const uint8_t *q = p + 16 + 32 * (k / 8) + 16 * (k % 2);
            int sc = p[k], shift = 2 * (k / 2 % 4);
            float dl = d * (float)(sc & 15), ml = dmin * (float)(sc >> 4);
            for (int l = 0; l < 16; l++) y[l] = dl * (float)((q[l] >> shift) & 3) - ml;
        }
    }
}

/* The 6-bit scale of Q3_K sub-block k (0..15) from the 12 packed bytes, minus 32: low 4
 * bits sc[k] & 15 (k < 8) or sc[k - 8] >> 4, high 2 bits from sc[8 + k % 4] >> 2 * (k / 4). */
static int q3k_scale(const uint8_t *sc, int k)
{
    int lo = k < 8 ? sc[k] & 15 : sc[k - 8] >> 4, hi = (sc[8 + k % 4] >> (2 * (k / 4))) & 3;
    return (lo | hi << 4) - 32;
}

/* Q3_K super-block: 110 bytes -> 256 floats. Element e of sub-block k (16 each): 2-bit
 * field (k / 2 % 4) of qs[32 * (k / 8) + 16 * (k % 2) + l], minus 4 unless bit (k / 2)
 * of hmask[16 * (k % 2) + l] is set; x = d * scale(k) * that. */
static void row_q3_k(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 256; b++, p += 110) {
        float d = lx_dequant_f16(rd16(p + 108));
        const uint8_t *hm = p, *sc = p + 96;
        for (int k = 0; k < 16; k++, y += 16) {
            const uint8_t *q = p + 32 + 32 * (k / 8) + 16 * (k % 2), *h = hm + 16 * (k % 2);
            int shift = 2 * (k / 2 % 4), bit = k / 2;
            float dl = d * (float)q3k_scale(sc, k);
            for (int l = 0; l < 16; l++)
                y[l] = dl * (float)(((q[l] >> shift) & 3) - ((h[l] >> bit) & 1 ? 0 : 4));
        }
    }
}

/* Q5_K super-block: 176 bytes -> 256 floats. Scales and mins as Q4_K; sub-blocks 2i and
 * 2i+1 share qs[32i .. 32i+31] (low, high nibbles), their fifth bits are bits 2i and 2i+1
 * of qh[l]. x = d*s*q - dmin*m. */
static void row_q5_k(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 256; b++, p += 176) {
        float d = lx_dequant_f16(rd16(p)), dmin = lx_dequant_f16(rd16(p + 2));
        const uint8_t *sc = p + 4, *qh = p + 16, *q = p + 48;
        for (int i = 0; i < 4; i++, q += 32, y += 64) {
            int s0, m0, s1, m1;
            q4k_scale_min(sc, 2 * i, &s0, &m0);
            q4k_scale_min(sc, 2 * i + 1, &s1, &m1);
            for (int l = 0; l < 32; l++) {
                int lo = (q[l] & 15) | ((qh[l] >> (2 * i)) & 1) << 4;
                int hi = (q[l] >> 4) | ((qh[l] >> (2 * i + 1)) & 1) << 4;
                y[l] = d * (float)s0 * (float)lo - dmin * (float)m0;
                y[l + 32] = d * (float)s1 * (float)hi - dmin * (float)m1;
            }
        }
    }
}

/* The non-linear 4-bit grid of IQ4_NL and IQ4_XS (ggml-common.h's kvalues_iq4nl). */
static const int8_t IQ4_GRID[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

/* 32 values from 16 bytes of nibbles through a grid, times d: low nibbles first. */
static void nibbles_grid(const uint8_t *qs, const int8_t grid[16], float d, float *y)
{
    for (int j = 0; j < 16; j++) {
        y[j] = d * (float)grid[qs[j] & 15];
        y[j + 16] = d * (float)grid[qs[j] >> 4];
    }
}

/* IQ4_NL block: 18 bytes -> 32 floats, x = d * grid[nibble]. */
static void row_iq4_nl(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 32; b++, p += 18, y += 32) nibbles_grid(p + 2, IQ4_GRID, lx_dequant_f16(rd16(p)), y);
}

/* IQ4_XS super-block: 136 bytes -> 256 floats. Sub-block k of 32 has the 6-bit scale
 * ls = (scales_l[k/2] >> 4*(k%2) & 15) | (scales_h >> 2k & 3) << 4; x = d*(ls-32)*grid[nibble]. */
static void row_iq4_xs(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 256; b++, p += 136) {
        float d = lx_dequant_f16(rd16(p));
        unsigned sh = rd16(p + 2);
        for (int k = 0; k < 8; k++, y += 32) {
            int ls = ((p[4 + k / 2] >> (4 * (k % 2))) & 15) | (int)((sh >> (2 * k)) & 3) << 4;
            nibbles_grid(p + 8 + 16 * k, IQ4_GRID, d * (float)(ls - 32), y);
        }
    }
}

/* Twice the FP4 (E2M1) values, as ggml's kvalues_mxfp4 holds them. */
static const int8_t MXFP4_GRID[16] = {0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12};

/* MXFP4 block: 17 bytes -> 32 floats. e is an E8M0 scale 2^(e-127); halved because the
 * grid is doubled: x = 2^(e-128) * grid[nibble]. */
static void row_mxfp4(const uint8_t *p, float *y, size_t n)
{
    for (size_t b = 0; b < n / 32; b++, p += 17, y += 32) nibbles_grid(p + 1, MXFP4_GRID, ldexpf(1.0f, p[0] - 128), y);
}

typedef void (*row_fn)(const uint8_t *, float *, size_t);

/* One decoder per supported storage type; NULL for the rest. */
static const row_fn ROW_FN[LX_DT_COUNT] = {
    [LX_DT_F32] = row_f32,     [LX_DT_F16] = row_f16,       [LX_DT_BF16] = row_bf16,
    [LX_DT_Q8_0] = row_q8_0,   [LX_DT_Q4_0] = row_q4_0,     [LX_DT_Q4_1] = row_q4_1,
    [LX_DT_Q5_0] = row_q5_0,   [LX_DT_Q5_1] = row_q5_1,     [LX_DT_Q2_K] = row_q2_k,
    [LX_DT_Q3_K] = row_q3_k,   [LX_DT_Q4_K] = row_q4_k,     [LX_DT_Q5_K] = row_q5_k,
    [LX_DT_Q6_K] = row_q6_k,   [LX_DT_IQ4_NL] = row_iq4_nl, [LX_DT_IQ4_XS] = row_iq4_xs,
    [LX_DT_MXFP4] = row_mxfp4,
};

static row_fn row_fn_for(lx_dtype t) { return (unsigned)t < LX_DT_COUNT ? ROW_FN[t] : NULL; }

bool lx_dequant_supported(lx_dtype t) { return row_fn_for(t) != NULL; }

void lx_dequant_list(char *out, size_t cap)
{
    size_t len = 0, k = 0, n = 0;
    for (int t = 0; t < LX_DT_COUNT; t++) n += ROW_FN[t] != NULL;
    if (cap) out[0] = 0;
    for (int t = 0; t < LX_DT_COUNT && len < cap; t++) {
        if (!ROW_FN[t]) continue;
        int w = snprintf(out + len, cap - len, "%s%s", k == 0 ? "" : k + 1 == n ? " or " : ", ", lx_dtype_get((lx_dtype)t)->name);
        len += w > 0 ? (size_t)w : 0;
        k++;
    }
}

bool lx_dequant_row(lx_dtype t, const void *src, float *dst, size_t n)
{
    row_fn f = row_fn_for(t);
    const lx_dtype_info *info = lx_dtype_get(t);
    if (!f || !info || n % info->block != 0) return false;
    f((const uint8_t *)src, dst, n);
    return true;
}
