/* Tests infer/qdot: the 8-bit quantizers on hand-worked blocks; the scalar dot products
 * against the float product of infer/dequant's decoding; every SIMD implementation this CPU
 * has against the scalar one (tests/support/qdot_check: the same comparisons
 * scripts/check-arm64.sh runs on NEON under qemu); which implementation is chosen at run
 * time; and the threaded quantized matrix product against the row-by-row dot products. */
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
#include "qdot_check.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

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

enum { ROUNDS = 200 };

static void test_scalar_matches_dequantized_product(void **state)
{
    (void)state;
    char msg[256];
    if (lx_qc_check_scalar(ROUNDS, msg, sizeof msg)) fail_msg("%s", msg);
}

/* Every SIMD implementation this CPU has (x86-64: avx2 when the CPU has AVX2, FMA and F16C;
 * arm64: neon, and neon-dotprod with asimddp), against the scalar one. */
static void test_simd_matches_scalar(void **state)
{
    (void)state;
    int tested = 0;
    for (size_t i = 0; lx_qdot_impl(i) != lx_qdot_scalar(); i++, tested++) {
        char msg[256];
        const lx_qdot_ops *impl = lx_qdot_impl(i);
        int bad = lx_qc_check_impl(impl, ROUNDS, msg, sizeof msg);
        if (bad) fail_msg("%s: %d disagreements with scalar; first: %s", impl->name, bad, msg);
        print_message("%s agrees with scalar (%d rounds x %d kinds)\n", impl->name, ROUNDS, LX_QW_COUNT);
    }
    if (!tested) {
        print_message("no SIMD dot products on this CPU: only the scalar path runs\n");
        skip();
    }
}

/* The run-time choice: the first implementation of the table, AVX2 on an x86-64 CPU with
 * AVX2, FMA and F16C (read here from the CPU independently of qdot_avx2.c). */
static void test_best_is_the_fastest_present(void **state)
{
    (void)state;
    assert_ptr_equal(lx_qdot_best(), lx_qdot_impl(0));
    assert_non_null(lx_qdot_best());
#if defined(__x86_64__)
    __builtin_cpu_init();
    unsigned a = 0, b = 0, c = 0, d = 0;
    bool f16c = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_F16C);
    bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && f16c;
    assert_string_equal(lx_qdot_best()->name, avx2 ? "avx2" : "scalar");
    assert_null(lx_qdot_neon()), assert_null(lx_qdot_neon_dot());
#elif defined(__aarch64__)
    assert_non_null(lx_qdot_neon());
    assert_string_equal(lx_qdot_best()->name, lx_qdot_neon_dot() ? "neon-dotprod" : "neon");
#endif
}

static void test_quantized_matmul_threads_agree(void **state)
{
    (void)state;
    /* W [R][C] Q4_K random, x [T][C]: the pool's product equals the row-by-row dot products
     * (C = 10 super-blocks: its quantized rows are wider than 36 bytes per 32 values) */
    enum { R = 300, C = 2560, T = 6 };
    const size_t row_bytes = C / 256 * 144;
    uint8_t *w = malloc(R * row_bytes);
    for (size_t b = 0; b < R * C / 256; b++) lx_qc_weight_block(LX_QW_Q4_K, w + b * 144, false);
    float *x = malloc(T * C * sizeof(float)), *y1 = malloc(T * R * sizeof(float)), *y2 = malloc(T * R * sizeof(float));
    for (size_t i = 0; i < T * C; i++) x[i] = (float)lx_qc_range(-1000, 1000) / 1000.0f;
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
        cmocka_unit_test(test_best_is_the_fastest_present),
        cmocka_unit_test(test_quantized_matmul_threads_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
