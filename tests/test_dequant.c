/* Tests infer/dequant on crafted blocks. Every expected number below was worked out by
 * hand from the block layout written in infer/dequant.h (the arithmetic is in the
 * comments), never by running the decoder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "infer/dequant.h"

static void test_f16_values(void **state)
{
    (void)state;
    /* sign | 5-bit exponent (bias 15) | 10-bit mantissa */
    const uint8_t row[] = {0x00, 0x3C,  /* 0x3C00: 2^0 * 1.0 = 1 */
                           0x00, 0xC0,  /* 0xC000: -(2^1) = -2 */
                           0x00, 0x38,  /* 0x3800: 2^-1 = 0.5 */
                           0x55, 0x35,  /* 0x3555: 2^-2 * (1 + 341/1024) = 0.333251953125 */
                           0xFF, 0x7B,  /* 0x7BFF: 2^15 * (1 + 1023/1024) = 65504 */
                           0x01, 0x00,  /* 0x0001: subnormal 2^-24 */
                           0x00, 0x80,  /* 0x8000: -0 */
                           0x00, 0x7C}; /* 0x7C00: +infinity */
    float y[8];
    assert_true(lx_dequant_row(LX_DT_F16, row, y, 8));
    assert_true(y[0] == 1.0f && y[1] == -2.0f && y[2] == 0.5f && y[3] == 0.333251953125f);
    assert_true(y[4] == 65504.0f && y[5] == 5.9604644775390625e-08f && y[6] == 0.0f && signbit(y[6]));
    assert_true(isinf(y[7]) && y[7] > 0);
}

static void test_bf16_values(void **state)
{
    (void)state;
    /* the upper 16 bits of an IEEE float: 0x3F80 -> 1.0, 0xC040 -> -3.0,
     * 0x4049 -> 2^1 * (1 + 0x49/128) = 2 * 1.5703125 = 3.140625 */
    const uint8_t row[] = {0x80, 0x3F, 0x40, 0xC0, 0x49, 0x40};
    float y[3];
    assert_true(lx_dequant_row(LX_DT_BF16, row, y, 3));
    assert_true(y[0] == 1.0f && y[1] == -3.0f && y[2] == 3.140625f);
}

static void test_f32_unaligned(void **state)
{
    (void)state;
    uint8_t raw[9] = {0xAA, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC1}; /* 1.0f, -10.0f at offset 1 */
    float y[2];
    assert_true(lx_dequant_row(LX_DT_F32, raw + 1, y, 2));
    assert_true(y[0] == 1.0f && y[1] == -10.0f);
}

static void test_q8_0_block(void **state)
{
    (void)state;
    uint8_t b[34];
    b[0] = 0x00, b[1] = 0x38; /* d = 0.5 */
    for (int j = 0; j < 32; j++) b[2 + j] = (uint8_t)(int8_t)(j - 16); /* q = -16 .. 15 */
    b[2 + 31] = (uint8_t)(int8_t)-128;
    float y[32];
    assert_true(lx_dequant_row(LX_DT_Q8_0, b, y, 32));
    assert_true(y[0] == -8.0f);   /* 0.5 * -16 */
    assert_true(y[16] == 0.0f);   /* 0.5 * 0 */
    assert_true(y[17] == 0.5f);   /* 0.5 * 1 */
    assert_true(y[30] == 7.0f);   /* 0.5 * 14 */
    assert_true(y[31] == -64.0f); /* 0.5 * -128 */
    for (int j = 0; j < 31; j++) assert_true(y[j] == 0.5f * (float)(j - 16));
}

static void test_q4_0_block(void **state)
{
    (void)state;
    uint8_t b[18];
    b[0] = 0x00, b[1] = 0x40; /* d = 2 */
    for (int j = 0; j < 16; j++) b[2 + j] = (uint8_t)(j | (15 - j) << 4);
    float y[32];
    assert_true(lx_dequant_row(LX_DT_Q4_0, b, y, 32));
    /* element j < 16: low nibble j -> 2*(j-8); element j+16: high nibble 15-j -> 2*(7-j) */
    assert_true(y[0] == -16.0f && y[8] == 0.0f && y[15] == 14.0f);
    assert_true(y[16] == 14.0f && y[23] == 0.0f && y[31] == -16.0f);
    for (int j = 0; j < 16; j++) assert_true(y[j] == 2.0f * (float)(j - 8) && y[j + 16] == 2.0f * (float)(7 - j));
}

/* Q4_K with sub-block scales s = {1,2,3,4,17,33,49,63} and mins m = {0,1,2,3,20,36,5,63},
 * packed by hand:
 *   bytes 0-3:  s_j | (s_{j+4} >> 4) << 6  = 1|1<<6, 2|2<<6, 3|3<<6, 4|3<<6 = 65, 130, 195, 196
 *   bytes 4-7:  m_j | (m_{j+4} >> 4) << 6  = 0|1<<6, 1|2<<6, 2|0<<6, 3|3<<6 = 64, 129, 2, 195
 *   bytes 8-11: (s_{j+4} & 15) | (m_{j+4} & 15) << 4 = 1|4<<4, 1|4<<4, 1|5<<4, 15|15<<4
 *                                                  = 65, 65, 81, 255
 * d = 1, dmin = 0.5; quant byte 32i+l holds nibble l%16 (low, sub-block 2i) and 15 - l%16
 * (high, sub-block 2i+1). */
static void test_q4_k_block(void **state)
{
    (void)state;
    uint8_t b[144] = {0x00, 0x3C, 0x00, 0x38, 65, 130, 195, 196, 64, 129, 2, 195, 65, 65, 81, 255};
    for (int i = 0; i < 4; i++)
        for (int l = 0; l < 32; l++) b[16 + 32 * i + l] = (uint8_t)((l % 16) | (15 - l % 16) << 4);
    float y[256];
    assert_true(lx_dequant_row(LX_DT_Q4_K, b, y, 256));
    assert_true(y[0] == 0.0f);     /* sub-block 0: 1*0 - 0.5*0 */
    assert_true(y[5] == 5.0f);     /* 1*5 - 0 */
    assert_true(y[35] == 23.5f);   /* sub-block 1, nibble 15-3 = 12: 2*12 - 0.5*1 */
    assert_true(y[135] == 109.0f); /* sub-block 4, nibble 7: 17*7 - 0.5*20 */
    assert_true(y[160] == 477.0f); /* sub-block 5, nibble 15: 33*15 - 0.5*36 */
    assert_true(y[201] == 438.5f); /* sub-block 6, nibble 9: 49*9 - 0.5*5 */
    assert_true(y[224] == 913.5f); /* sub-block 7, nibble 15: 63*15 - 0.5*63 */
    assert_true(y[255] == -31.5f); /* sub-block 7, nibble 0: 0 - 0.5*63 */
    static const int s[8] = {1, 2, 3, 4, 17, 33, 49, 63}, m[8] = {0, 1, 2, 3, 20, 36, 5, 63};
    for (int e = 0; e < 256; e++) {
        int sb = e / 32, l = e % 32, nib = sb % 2 ? 15 - l % 16 : l % 16;
        assert_true(y[e] == (float)(s[sb] * nib) - 0.5f * (float)m[sb]);
    }
}

/* Q6_K: ql[k] = k, every qh byte 0xE4 (2-bit fields 0,1,2,3 from the bottom), scales
 * {1,-1,2,-2,...,8,-8}, d = 0.25. */
static void test_q6_k_block(void **state)
{
    (void)state;
    uint8_t b[210];
    for (int k = 0; k < 128; k++) b[k] = (uint8_t)k;
    for (int k = 0; k < 64; k++) b[128 + k] = 0xE4;
    static const int8_t sc[16] = {1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8};
    memcpy(b + 192, sc, 16);
    b[208] = 0x00, b[209] = 0x34; /* d = 0.25 */
    float y[256];
    assert_true(lx_dequant_row(LX_DT_Q6_K, b, y, 256));
    assert_true(y[0] == -8.0f);    /* ql[0]&15 = 0, qh bits 0-1 = 0: q = 0-32; 0.25*sc[0]=1 * -32 */
    assert_true(y[17] == 7.75f);   /* ql[17]&15 = 1: q = -31; scale sc[1] = -1 */
    assert_true(y[37] == -5.5f);   /* ql[37]&15 = 5, bits 2-3 = 1: 5|16 = 21 -> -11; sc[2] = 2 */
    assert_true(y[84] == -0.75f);  /* ql[20]>>4 = 1, bits 4-5 = 2: 1|32 = 33 -> 1; sc[1+4] = -3 */
    assert_true(y[127] == -19.0f); /* ql[63]>>4 = 3, bits 6-7 = 3: 3|48 = 51 -> 19; sc[1+6] = -4 */
    assert_true(y[128] == -40.0f); /* second half: ql[64]&15 = 0 -> -32; sc[8] = 5 */
    assert_true(y[208] == -8.75f); /* ql[80]>>4 = 5, bits 4-5 = 2: 37 -> 5; sc[8+1+4] = -7 */
    assert_true(y[255] == -46.0f); /* ql[127]>>4 = 7, bits 6-7 = 3: 55 -> 23; sc[8+1+6] = -8 */
}

static void test_rows_of_several_blocks(void **state)
{
    (void)state;
    uint8_t b[68] = {0};
    b[0] = 0x00, b[1] = 0x3C;  /* block 0: d = 1, all q 0 except q[3] = 7 */
    b[2 + 3] = 7;
    b[34] = 0x00, b[35] = 0xBC; /* block 1: d = -1, q[0] = 5 */
    b[36] = 5;
    float y[64];
    assert_true(lx_dequant_row(LX_DT_Q8_0, b, y, 64));
    assert_true(y[3] == 7.0f && y[2] == 0.0f && y[32] == -5.0f && y[33] == 0.0f);
}

static void test_refuses_unsupported_or_partial(void **state)
{
    (void)state;
    uint8_t b[256] = {0};
    float y[256] = {42.0f};
    assert_false(lx_dequant_row(LX_DT_Q5_K, b, y, 256));
    assert_false(lx_dequant_row(LX_DT_Q8_0, b, y, 31)); /* not a whole block */
    assert_false(lx_dequant_row(LX_DT_COUNT, b, y, 1));
    assert_true(y[0] == 42.0f);
    assert_true(lx_dequant_supported(LX_DT_Q4_K) && lx_dequant_supported(LX_DT_BF16));
    assert_false(lx_dequant_supported(LX_DT_IQ2_XXS) || lx_dequant_supported(LX_DT_Q4_1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_f16_values),          cmocka_unit_test(test_bf16_values),
        cmocka_unit_test(test_f32_unaligned),       cmocka_unit_test(test_q8_0_block),
        cmocka_unit_test(test_q4_0_block),          cmocka_unit_test(test_q4_k_block),
        cmocka_unit_test(test_q6_k_block),          cmocka_unit_test(test_rows_of_several_blocks),
        cmocka_unit_test(test_refuses_unsupported_or_partial),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
