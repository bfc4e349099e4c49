/* tests/support/fixture_quant — see fixture_quant.h. Block layouts as infer/dequant.h
 * writes them down (from ggml-common.h). */
#include "fixture_quant.h"

#include <math.h>
#include <string.h>

#include "fixture_hf.h"

uint16_t lx_fx_f16_bits(float x)
{
    float h = lx_fx_round_f16(x), a = fabsf(h);
    uint16_t sign = signbit(h) ? 0x8000 : 0;
    if (a == 0) return sign;
    int e;
    float m = frexpf(a, &e);
    if (e - 1 < -14) return (uint16_t)(sign | (uint16_t)ldexpf(a, 24));
    return (uint16_t)(sign | (uint16_t)((e - 1 + 15) << 10) | (uint16_t)((m * 2 - 1) * 1024));
}

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8); }

static float amax_of(const float *x, float *lo, float *hi)
{
    *lo = *hi = x[0];
    for (int j = 1; j < 32; j++) *lo = fminf(*lo, x[j]), *hi = fmaxf(*hi, x[j]);
    return fmaxf(fabsf(*lo), fabsf(*hi));
}

/* Code in [0, top] nearest to (x - m) / d. */
static int code(float x, float d, float m, int top)
{
    int q = d > 0 ? (int)lroundf((x - m) / d) : 0;
    return q < 0 ? 0 : q > top ? top : q;
}

/* Q4_1 / Q5_1 (bits 4 or 5): h d; h m; [u32 qh]; u8 qs[16]; x = d*q + m. */
static void block_affine(const float *x, int bits, uint8_t *b)
{
    float lo, hi;
    amax_of(x, &lo, &hi);
    int top = (1 << bits) - 1;
    float d = lx_fx_round_f16((hi - lo) / (float)top), m = lx_fx_round_f16(lo);
    put16(b, lx_fx_f16_bits(d)), put16(b + 2, lx_fx_f16_bits(m));
    uint8_t *qs = b + (bits == 5 ? 8 : 4);
    uint32_t qh = 0;
    for (int j = 0; j < 16; j++) {
        int q0 = code(x[j], d, m, top), q1 = code(x[j + 16], d, m, top);
        qs[j] = (uint8_t)((q0 & 15) | (q1 & 15) << 4);
        qh |= (uint32_t)(q0 >> 4) << j | (uint32_t)(q1 >> 4) << (j + 16);
    }
    if (bits == 5) for (int k = 0; k < 4; k++) b[4 + k] = (uint8_t)(qh >> (8 * k));
}

/* Q5_0: h d; u32 qh; u8 qs[16]; x = d*(q - 16). */
static void block_q5_0(const float *x, uint8_t *b)
{
    float lo, hi, a = amax_of(x, &lo, &hi);
    float d = lx_fx_round_f16(a / 15.0f);
    put16(b, lx_fx_f16_bits(d));
    uint32_t qh = 0;
    for (int j = 0; j < 16; j++) {
        int q0 = code(x[j], d, -16 * d, 31), q1 = code(x[j + 16], d, -16 * d, 31);
        b[6 + j] = (uint8_t)((q0 & 15) | (q1 & 15) << 4);
        qh |= (uint32_t)(q0 >> 4) << j | (uint32_t)(q1 >> 4) << (j + 16);
    }
    for (int k = 0; k < 4; k++) b[2 + k] = (uint8_t)(qh >> (8 * k));
}

/* Q8_0: h d; i8 q[32]; x = d*q. */
static void block_q8_0(const float *x, uint8_t *b)
{
    float lo, hi, d = lx_fx_round_f16(amax_of(x, &lo, &hi) / 127.0f);
    put16(b, lx_fx_f16_bits(d));
    for (int j = 0; j < 32; j++) b[2 + j] = (uint8_t)(int8_t)(code(x[j], d, -128 * d, 255) - 128);
}

/* Index of the grid value nearest to v. */
static int nearest(const int8_t grid[16], float v)
{
    int best = 0;
    for (int i = 1; i < 16; i++)
        if (fabsf((float)grid[i] - v) < fabsf((float)grid[best] - v)) best = i;
    return best;
}

static void nibbles(const float *x, const int8_t grid[16], float d, uint8_t *qs)
{
    for (int j = 0; j < 16; j++)
        qs[j] = (uint8_t)(nearest(grid, d > 0 ? x[j] / d : 0) | nearest(grid, d > 0 ? x[j + 16] / d : 0) << 4);
}

static const int8_t IQ4[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};
static const int8_t FP4[16] = {0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12};

/* IQ4_NL: h d; u8 qs[16]; x = d*grid[q]. */
static void block_iq4_nl(const float *x, uint8_t *b)
{
    float lo, hi, d = lx_fx_round_f16(amax_of(x, &lo, &hi) / 120.0f);
    put16(b, lx_fx_f16_bits(d));
    nibbles(x, IQ4, d, b + 2);
}

/* MXFP4: u8 e; u8 qs[16]; x = 2^(e-128)*grid[q], e the smallest with amax <= 12 * 2^(e-128). */
static void block_mxfp4(const float *x, uint8_t *b)
{
    float lo, hi, a = amax_of(x, &lo, &hi);
    int e = a > 0 ? 128 + (int)ceilf(log2f(a / 12.0f)) : 0;
    e = e < 0 ? 0 : e > 254 ? 254 : e;
    b[0] = (uint8_t)e;
    nibbles(x, FP4, ldexpf(1.0f, e - 128), b + 1);
}

/* ---- 256-element super-blocks ---- */

static float fmax_of(const float *v, int n)
{
    float m = 0;
    for (int i = 0; i < n; i++) m = fmaxf(m, v[i]);
    return m;
}

/* Range [lo, hi] of x[n] with lo <= 0: the K types store x = scale*q - min, min >= 0. */
static void range0(const float *x, int n, float *scale, float *min, int top)
{
    float lo = 0, hi = x[0];
    for (int i = 0; i < n; i++) lo = fminf(lo, x[i]), hi = fmaxf(hi, x[i]);
    *scale = (hi - lo) / (float)top, *min = -lo;
}

/* 6-bit scales s[8] and mins m[8] packed as Q4_K/Q5_K keep them (see dequant.h). */
static void pack_scale_min(const int s[8], const int m[8], uint8_t *sc)
{
    for (int j = 0; j < 4; j++) {
        sc[j] = (uint8_t)((s[j] & 63) | (s[j + 4] >> 4) << 6);
        sc[j + 4] = (uint8_t)((m[j] & 63) | (m[j + 4] >> 4) << 6);
        sc[j + 8] = (uint8_t)((s[j + 4] & 15) | (m[j + 4] & 15) << 4);
    }
}

/* Q5_K: h d; h dmin; u8 sc[12]; u8 qh[32]; u8 qs[128]; sub-block j of 32: x = d*s_j*q - dmin*m_j. */
static void block_q5_k(const float *x, uint8_t *b)
{
    float scale[8], min[8];
    int s[8], m[8];
    for (int j = 0; j < 8; j++) range0(x + 32 * j, 32, &scale[j], &min[j], 31);
    float d = lx_fx_round_f16(fmax_of(scale, 8) / 63), dmin = lx_fx_round_f16(fmax_of(min, 8) / 63);
    put16(b, lx_fx_f16_bits(d)), put16(b + 2, lx_fx_f16_bits(dmin));
    for (int j = 0; j < 8; j++) s[j] = code(scale[j], d, 0, 63), m[j] = code(min[j], dmin, 0, 63);
    pack_scale_min(s, m, b + 4);
    for (int j = 0; j < 8; j++)
        for (int l = 0; l < 32; l++) {
            int q = code(x[32 * j + l], d * (float)s[j], -dmin * (float)m[j], 31);
            b[48 + 32 * (j / 2) + l] |= (uint8_t)((q & 15) << (4 * (j % 2)));
            b[16 + l] |= (uint8_t)((q >> 4) << j);
        }
}

/* Q2_K: u8 sc[16]; u8 qs[64]; h d; h dmin; sub-block k of 16: x = d*(sc&15)*q - dmin*(sc>>4). */
static void block_q2_k(const float *x, uint8_t *b)
{
    float scale[16], min[16];
    for (int k = 0; k < 16; k++) range0(x + 16 * k, 16, &scale[k], &min[k], 3);
    float d = lx_fx_round_f16(fmax_of(scale, 16) / 15), dmin = lx_fx_round_f16(fmax_of(min, 16) / 15);
    put16(b + 80, lx_fx_f16_bits(d)), put16(b + 82, lx_fx_f16_bits(dmin));
    for (int k = 0; k < 16; k++) {
        int s = code(scale[k], d, 0, 15), m = code(min[k], dmin, 0, 15);
        b[k] = (uint8_t)(s | m << 4);
        for (int l = 0; l < 16; l++) {
            int q = code(x[16 * k + l], d * (float)s, -dmin * (float)m, 3);
            b[16 + 32 * (k / 8) + 16 * (k % 2) + l] |= (uint8_t)(q << (2 * (k / 2 % 4)));
        }
    }
}

/* Q3_K: u8 hmask[32]; u8 qs[64]; u8 sc[12]; h d; sub-block k of 16: x = d*(s_k-32)*v, v in -4..3. */
static void block_q3_k(const float *x, uint8_t *b)
{
    float scale[16];
    for (int k = 0; k < 16; k++) {
        float a = 0;
        for (int l = 0; l < 16; l++) a = fmaxf(a, fabsf(x[16 * k + l]));
        scale[k] = a / 4;
    }
    float d = lx_fx_round_f16(fmax_of(scale, 16) / 31);
    put16(b + 108, lx_fx_f16_bits(d));
    for (int k = 0; k < 16; k++) {
        int s = code(scale[k], d, 0, 31) + 32; /* 6-bit, scale s - 32 >= 0 */
        b[96 + (k < 8 ? k : k - 8)] |= (uint8_t)((s & 15) << (k < 8 ? 0 : 4));
        b[96 + 8 + k % 4] |= (uint8_t)((s >> 4) << (2 * (k / 4)));
        for (int l = 0; l < 16; l++) {
            int v = code(x[16 * k + l], d * (float)(s - 32), -4 * d * (float)(s - 32), 7); /* v + 4 in 0..7 */
            b[32 + 32 * (k / 8) + 16 * (k % 2) + l] |= (uint8_t)((v & 3) << (2 * (k / 2 % 4)));
            b[16 * (k % 2) + l] |= (uint8_t)((v >> 2) << (k / 2));
        }
    }
}

/* IQ4_XS: h d; u16 sh; u8 sl[4]; u8 qs[128]; sub-block k of 32: x = d*(ls_k-32)*grid[q]. */
static void block_iq4_xs(const float *x, uint8_t *b)
{
    float scale[8];
    for (int k = 0; k < 8; k++) {
        float lo, hi;
        scale[k] = amax_of(x + 32 * k, &lo, &hi) / 120.0f;
    }
    float d = lx_fx_round_f16(fmax_of(scale, 8) / 31);
    put16(b, lx_fx_f16_bits(d));
    unsigned sh = 0;
    for (int k = 0; k < 8; k++) {
        int ls = code(scale[k], d, 0, 31) + 32;
        b[4 + k / 2] |= (uint8_t)((ls & 15) << (4 * (k % 2)));
        sh |= (unsigned)(ls >> 4) << (2 * k);
        nibbles(x + 32 * k, IQ4, d * (float)(ls - 32), b + 8 + 16 * k);
    }
    put16(b + 2, (uint16_t)sh);
}

static size_t block_bytes(uint32_t t)
{
    switch (t) {
    case 3: return 20;
    case 6: return 22;
    case 7: return 24;
    case 8: return 34;
    case 10: return 84;
    case 11: return 110;
    case 13: return 176;
    case 23: return 136;
    case 20: return 18;
    case 39: return 17;
    default: return 0;
    }
}

static size_t block_elems(uint32_t t) { return t == 10 || t == 11 || t == 13 || t == 23 ? 256 : 32; }

size_t lx_fx_quant_bytes(uint32_t t, size_t n) { return n % block_elems(t) ? 0 : n / block_elems(t) * block_bytes(t); }

static void block(uint32_t t, const float *x, uint8_t *out)
{
    switch (t) {
    case 3: block_affine(x, 4, out); break;
    case 6: block_q5_0(x, out); break;
    case 7: block_affine(x, 5, out); break;
    case 8: block_q8_0(x, out); break;
    case 10: block_q2_k(x, out); break;
    case 11: block_q3_k(x, out); break;
    case 13: block_q5_k(x, out); break;
    case 20: block_iq4_nl(x, out); break;
    case 23: block_iq4_xs(x, out); break;
    default: block_mxfp4(x, out); break;
    }
}

int lx_fx_quantize(uint32_t t, const float *x, size_t n, uint8_t *out)
{
    size_t bb = block_bytes(t), be = block_elems(t);
    if (!bb || n % be) return 0;
    memset(out, 0, n / be * bb);
    for (size_t k = 0; k < n / be; k++, x += be, out += bb) block(t, x, out);
    return 1;
}
