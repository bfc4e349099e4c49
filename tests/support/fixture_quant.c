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

static size_t block_bytes(uint32_t t)
{
    switch (t) {
    case 3: return 20;
    case 6: return 22;
    case 7: return 24;
    case 8: return 34;
    case 20: return 18;
    case 39: return 17;
    default: return 0;
    }
}

size_t lx_fx_quant_bytes(uint32_t ggml_type, size_t n) { return n % 32 ? 0 : n / 32 * block_bytes(ggml_type); }

int lx_fx_quantize(uint32_t t, const float *x, size_t n, uint8_t *out)
{
    size_t bb = block_bytes(t);
    if (!bb || n % 32) return 0;
    memset(out, 0, n / 32 * bb);
    for (size_t k = 0; k < n / 32; k++, x += 32, out += bb) {
        if (t == 3 || t == 7) block_affine(x, t == 3 ? 4 : 5, out);
        else if (t == 6) block_q5_0(x, out);
        else if (t == 8) block_q8_0(x, out);
        else if (t == 20) block_iq4_nl(x, out);
        else block_mxfp4(x, out);
    }
    return 1;
}
