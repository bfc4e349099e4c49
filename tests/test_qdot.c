/* Tests infer/qdot: the 8-bit quantizers on hand-worked blocks; the scalar dot products
 * against the float product of infer/dequant's decoding (an independent reading of the block
 * layouts); the SIMD dot products against the scalar ones — exactly when every float step is
 * exact (unit scales, small integers), within 1e-4 of sum |w_i a_i| on random blocks; and
 * the threaded quantized matrix product against the row-by-row dot products. Random blocks
 * come from a fixed-seed generator, so every run sees the same numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "infer/dequant.h"
#include "infer/kernels.h"
#include "infer/qdot.h"

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static int range(int lo, int hi) { return lo + (int)(next() % (uint32_t)(hi - lo + 1)); }

static void put_half(uint8_t *p, uint16_t h) { p[0] = (uint8_t)h, p[1] = (uint8_t)(h >> 8); }

/* A positive half between 2^-9 and 2^0 with a random mantissa; 1.0 when unit. */
static uint16_t some_half(bool unit) { return unit ? 0x3C00 : (uint16_t)(range(6, 15) << 10 | range(0, 1023)); }

/* Bytes per weight block and elements per block of each kind. */
static const size_t BYTES[LX_QW_COUNT] = {34, 18, 144, 210}, ELEMS[LX_QW_COUNT] = {32, 32, 256, 256};
static const lx_dtype TYPE[LX_QW_COUNT] = {LX_DT_Q8_0, LX_DT_Q4_0, LX_DT_Q4_K, LX_DT_Q6_K};

/* One random weight block of kind k. Unit: every scale 1 and Q6_K's sub-scales small, so the
 * integer sums stay below 2^24 and every float step is exact. */
static void weight_block(lx_qdot_w k, uint8_t *b, bool unit)
{
    for (size_t i = 0; i < BYTES[k]; i++) b[i] = (uint8_t)next();
    if (k == LX_QW_Q8_0 || k == LX_QW_Q4_0) put_half(b, some_half(unit));
    if (k == LX_QW_Q4_K) put_half(b, some_half(unit)), put_half(b + 2, some_half(unit));
    if (k == LX_QW_Q6_K) {
        put_half(b + 208, some_half(unit));
        for (int g = 0; unit && g < 16; g++) b[192 + g] = (uint8_t)(int8_t)range(-15, 15);
    }
}

/* nb activation blocks for kind k: quantized from random floats, or (unit) d = 1 and q in -15..15. */
static void act_blocks(lx_qdot_w k, size_t nb, void *act, bool unit)
{
    size_t n = nb * ELEMS[k];
    float *x = malloc(n * sizeof(float));
    for (size_t i = 0; i < n; i++) x[i] = (float)range(-100000, 100000) / 1e5f;
    lx_qdot_quantize(k, x, n, act);
    free(x);
    for (size_t b = 0; unit && b < nb; b++) {
        int8_t *q = ELEMS[k] == 32 ? ((lx_q8_32 *)act)[b].q : ((lx_q8_256 *)act)[b].q;
        for (size_t i = 0; i < ELEMS[k]; i++) q[i] = (int8_t)range(-15, 15);
        if (ELEMS[k] == 32) { ((lx_q8_32 *)act)[b].d = 1.0f; continue; }
        lx_q8_256 *a = (lx_q8_256 *)act + b;
        a->d = 1.0f;
        for (int g = 0; g < 16; g++) {
            int sum = 0;
            for (int i = 0; i < 16; i++) sum += a->q[16 * g + i];
            a->bsum[g] = (int16_t)sum;
        }
    }
}

/* Decoded activation values a_i = d q_i. */
static double act_value(lx_qdot_w k, const void *act, size_t i)
{
    if (ELEMS[k] == 32) {
        const lx_q8_32 *b = (const lx_q8_32 *)act + i / 32;
        return (double)b->d * b->q[i % 32];
    }
    const lx_q8_256 *b = (const lx_q8_256 *)act + i / 256;
    return (double)b->d * b->q[i % 256];
}

static void test_quantizers_hand_worked(void **state)
{
    (void)state;
    float x[256];
    for (int i = 0; i < 32; i++) x[i] = (float)(i - 16);
    lx_q8_32 b;
    lx_qdot_quantize_32(x, 1, &b);
    /* amax 16: d = 16/127 = 0.12598.. rounded to half = 1.0078125 / 8; q = x * 127/16 */
    assert_true(b.d == 0.1259765625f);
    assert_int_equal(b.q[0], -127);
    assert_int_equal(b.q[8], -64);  /* -63.5: ties to even */
    assert_int_equal(b.q[24], 64);  /* 63.5 */
    assert_int_equal(b.q[17], 8);   /* 7.9375 */
    assert_int_equal(b.q[16], 0);
    for (int i = 0; i < 256; i++) x[i] = i < 16 ? 1.0f : i == 255 ? -2.0f : 0.5f;
    lx_q8_256 k;
    lx_qdot_quantize_256(x, 1, &k);
    /* amax 2: d = 2/127 (a float, not rounded); 1 -> 63.5 -> 64, 0.5 -> 31.75 -> 32, -2 -> -127 */
    assert_true(k.d == 2.0f / 127.0f);
    assert_int_equal(k.q[0], 64);
    assert_int_equal(k.q[100], 32);
    assert_int_equal(k.q[255], -127);
    assert_int_equal(k.bsum[0], 16 * 64);
    assert_int_equal(k.bsum[1], 16 * 32);
    assert_int_equal(k.bsum[15], 15 * 32 - 127);
    memset(x, 0, sizeof x);
    lx_qdot_quantize_32(x, 1, &b);
    assert_true(b.d == 0.0f && b.q[5] == 0);
}

/* sum |w_i a_i| and sum w_i a_i with w decoded by infer/dequant, in double. */
static double float_dot(lx_qdot_w k, const uint8_t *w, const void *act, size_t nb, double *mag)
{
    size_t n = nb * ELEMS[k];
    float *wf = malloc(n * sizeof(float));
    assert_true(lx_dequant_row(TYPE[k], w, wf, n));
    double s = 0, m = 0;
    for (size_t i = 0; i < n; i++) {
        double p = (double)wf[i] * act_value(k, act, i);
        s += p, m += fabs(p);
    }
    free(wf);
    *mag = m;
    return s;
}

enum { NB = 4, ROUNDS = 200 };

static void test_scalar_matches_dequantized_product(void **state)
{
    (void)state;
    const lx_qdot_ops *ref = lx_qdot_scalar();
    for (int k = 0; k < LX_QW_COUNT; k++)
        for (int r = 0; r < ROUNDS; r++) {
            uint8_t w[NB * 210];
            lx_q8_256 act[NB];
            for (size_t b = 0; b < NB; b++) weight_block((lx_qdot_w)k, w + b * BYTES[k], false);
            act_blocks((lx_qdot_w)k, NB, act, false);
            double mag, want = float_dot((lx_qdot_w)k, w, act, NB, &mag);
            double got = ref->dot[k](w, act, NB);
            if (fabs(got - want) > 1e-5 * mag + 1e-30)
                fail_msg("kind %d round %d: scalar %.9g, dequantized product %.9g (sum |w a| %.3g)", k, r, got, want, mag);
        }
}

static void test_simd_matches_scalar(void **state)
{
    (void)state;
    const lx_qdot_ops *ref = lx_qdot_scalar(), *simd = lx_qdot_avx2();
    if (!simd) {
        print_message("no AVX2 on this CPU: only the scalar path runs\n");
        skip();
    }
    for (int k = 0; k < LX_QW_COUNT; k++)
        for (int r = 0; r < ROUNDS; r++) {
            bool unit = r % 2 == 0;
            uint8_t w[NB * 210];
            lx_q8_256 act[NB];
            for (size_t b = 0; b < NB; b++) weight_block((lx_qdot_w)k, w + b * BYTES[k], unit);
            act_blocks((lx_qdot_w)k, NB, act, unit);
            float a = ref->dot[k](w, act, NB), b = simd->dot[k](w, act, NB);
            double mag;
            float_dot((lx_qdot_w)k, w, act, NB, &mag);
            if (unit ? a != b : fabs((double)a - b) > 1e-4 * mag + 1e-30)
                fail_msg("kind %d round %d (%s): scalar %.9g, %s %.9g", k, r, unit ? "exact" : "random", a, simd->name, b);
        }
}

static void test_quantized_matmul_threads_agree(void **state)
{
    (void)state;
    /* W [R][C] Q4_K random, x [T][C]: the pool's product equals the row-by-row dot products
     * (C = 10 super-blocks: its quantized rows are wider than 36 bytes per 32 values) */
    enum { R = 300, C = 2560, T = 6 };
    const size_t row_bytes = C / 256 * 144;
    uint8_t *w = malloc(R * row_bytes);
    for (size_t b = 0; b < R * C / 256; b++) weight_block(LX_QW_Q4_K, w + b * 144, false);
    float *x = malloc(T * C * sizeof(float)), *y1 = malloc(T * R * sizeof(float)), *y2 = malloc(T * R * sizeof(float));
    for (size_t i = 0; i < T * C; i++) x[i] = (float)range(-1000, 1000) / 1000.0f;
    lx_mat m = {w, LX_DT_Q4_K, R, C, row_bytes};
    lx_kern_pool p1, p2;
    assert_true(lx_kern_pool_init(&p1, 1, C, T) && lx_kern_pool_init(&p2, 2, C, T));
    lx_kern_matmul(&p1, &m, x, T, y1);
    lx_kern_matmul(&p2, &m, x, T, y2);
    assert_memory_equal(y1, y2, T * R * sizeof(float));
    lx_q8_256 act[C / 256];
    for (size_t t = 0; t < T; t++) {
        lx_qdot_quantize_256(x + t * C, C / 256, act);
        for (size_t r = 0; r < R; r++)
            assert_true(y1[t * R + r] == lx_qdot_best()->dot[LX_QW_Q4_K](w + r * row_bytes, act, C / 256));
    }
    lx_kern_pool_free(&p1), lx_kern_pool_free(&p2);
    free(w), free(x), free(y1), free(y2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantizers_hand_worked),
        cmocka_unit_test(test_scalar_matches_dequantized_product),
        cmocka_unit_test(test_simd_matches_scalar),
        cmocka_unit_test(test_quantized_matmul_threads_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
