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

/* Q4_1: d = 0.5 (0x3800), m = -1 (0xBC00), q[j] = j | (15 - j) << 4. */
static void test_q4_1_block(void **state)
{
    (void)state;
    uint8_t b[20] = {0x00, 0x38, 0x00, 0xBC};
    for (int j = 0; j < 16; j++) b[4 + j] = (uint8_t)(j | (15 - j) << 4);
    float y[32];
    assert_true(lx_dequant_row(LX_DT_Q4_1, b, y, 32));
    assert_true(y[0] == -1.0f);  /* 0.5*0 - 1 */
    assert_true(y[3] == 0.5f);   /* 0.5*3 - 1 */
    assert_true(y[15] == 6.5f);  /* 0.5*15 - 1 */
    assert_true(y[16] == 6.5f);  /* high nibble of q[0] = 15: 0.5*15 - 1 */
    assert_true(y[31] == -1.0f); /* high nibble of q[15] = 0 */
}

/* Q5_0 and Q5_1 share the nibbles q[j] = j | (15 - j) << 4 and qh = 0x80020001 (bytes
 * 01 00 02 80): fifth bits set for elements 0, 17 and 31 only. */
static void q5_fill(uint8_t *qh, uint8_t *qs)
{
    qh[0] = 0x01, qh[1] = 0x00, qh[2] = 0x02, qh[3] = 0x80;
    for (int j = 0; j < 16; j++) qs[j] = (uint8_t)(j | (15 - j) << 4);
}

static void test_q5_0_block(void **state)
{
    (void)state;
    uint8_t b[22] = {0x00, 0x3C}; /* d = 1 */
    q5_fill(b + 2, b + 6);
    float y[32];
    assert_true(lx_dequant_row(LX_DT_Q5_0, b, y, 32));
    assert_true(y[0] == 0.0f);   /* 0 | 16 = 16: 16 - 16 */
    assert_true(y[1] == -15.0f); /* 1 - 16 */
    assert_true(y[15] == -1.0f); /* 15 - 16 */
    assert_true(y[16] == -1.0f); /* high nibble of q[0] = 15, bit 16 clear: 15 - 16 */
    assert_true(y[17] == 14.0f); /* 14 | 16 (bit 17) = 30: 30 - 16 */
    assert_true(y[31] == 0.0f);  /* 0 | 16 (bit 31) = 16 */
}

static void test_q5_1_block(void **state)
{
    (void)state;
    uint8_t b[24] = {0x00, 0x40, 0x00, 0x38}; /* d = 2, m = 0.5 */
    q5_fill(b + 4, b + 8);
    float y[32];
    assert_true(lx_dequant_row(LX_DT_Q5_1, b, y, 32));
    assert_true(y[0] == 32.5f);  /* 2*16 + 0.5 */
    assert_true(y[1] == 2.5f);   /* 2*1 + 0.5 */
    assert_true(y[16] == 30.5f); /* 2*15 + 0.5 */
    assert_true(y[17] == 60.5f); /* 2*30 + 0.5 */
    assert_true(y[31] == 32.5f); /* 2*16 + 0.5 */
}

/* Q2_K: sc[k] = k | (15 - k) << 4 (scale k, min 15 - k), d = 1, dmin = 0.5; every quant
 * byte 0xE4 (2-bit fields 0, 1, 2, 3 from the bottom) but q[32 + 16 + 5] = 0. Sub-block
 * k reads field k/2 % 4: x = k * field - 0.5 * (15 - k). */
static void test_q2_k_block(void **state)
{
    (void)state;
    uint8_t b[84];
    for (int k = 0; k < 16; k++) b[k] = (uint8_t)(k | (15 - k) << 4);
    memset(b + 16, 0xE4, 64);
    b[16 + 32 + 16 + 5] = 0;
    b[80] = 0x00, b[81] = 0x3C, b[82] = 0x00, b[83] = 0x38;
    float y[256];
    assert_true(lx_dequant_row(LX_DT_Q2_K, b, y, 256));
    assert_true(y[0] == -7.5f);   /* k 0: 0*0 - 0.5*15 */
    assert_true(y[48] == -3.0f);  /* k 3, field 1: 3*1 - 0.5*12 */
    assert_true(y[80] == 5.0f);   /* k 5, field 2: 5*2 - 0.5*10 */
    assert_true(y[112] == 17.0f); /* k 7, field 3: 7*3 - 0.5*8 */
    assert_true(y[224] == 41.5f); /* k 14, field 3: 14*3 - 0.5*1 */
    assert_true(y[255] == 45.0f); /* k 15, field 3: 15*3 - 0 */
    assert_true(y[176] == 9.0f);  /* k 11, l 0, field 1: 11*1 - 0.5*4 */
    assert_true(y[181] == -2.0f); /* k 11, l 5 reads the zero byte q[32+16+5]: 0 - 0.5*4 */
    assert_true(y[245] == 0.0f);  /* k 15, l 5: the same byte, field 3 = 0: 0 - 0 */
}

/* Q3_K: d = 0.5; every 6-bit scale 33 (-> 1) but s5 = 40 (-> 8), s10 = 63 (-> 31),
 * s13 = 0 (-> -32). Packed: low nibbles bytes 0-7 (k and k+8): 0x11 each, byte 5 = 8 | 0 << 4
 * = 0x08, byte 2 = 1 | 15 << 4 = 0xF1; high bit pairs in bytes 8-11 (k = i, i+4, i+8, i+12 at
 * bits 0, 2, 4, 6): 2 each = 0xAA, byte 9 with s13's pair 0 = 0x2A, byte 10 with s10's pair
 * 3 at bits 4-5 = 0xBA. Quant bytes all 0xE4 (fields 0,1,2,3); hmask all 0xFF (no -4) but
 * hmask[0] = 0xFE and hmask[19] = 0x00. Sub-block k: v = field k/2 % 4, minus 4 where bit
 * k/2 of hmask[16*(k%2) + l] is clear; x = 0.5 * scale * v. */
static void test_q3_k_block(void **state)
{
    (void)state;
    uint8_t b[110];
    memset(b, 0xFF, 32);
    b[0] = 0xFE, b[19] = 0x00;
    memset(b + 32, 0xE4, 64);
    memset(b + 96, 0x11, 8);
    b[96 + 5] = 0x08, b[96 + 2] = 0xF1;
    memset(b + 104, 0xAA, 4);
    b[104 + 1] = 0x2A, b[104 + 2] = 0xBA;
    b[108] = 0x00, b[109] = 0x38;
    float y[256];
    assert_true(lx_dequant_row(LX_DT_Q3_K, b, y, 256));
    assert_true(y[0] == -2.0f);   /* k 0, l 0: field 0, hmask[0] bit 0 clear: 0.5*1*(0-4) */
    assert_true(y[1] == 0.0f);    /* k 0, l 1: 0.5*1*0 */
    assert_true(y[32] == 0.5f);   /* k 2, l 0: field 1, bit 1 of 0xFE set: 0.5*1*1 */
    assert_true(y[80] == 8.0f);   /* k 5, l 0: field 2, scale 8: 0.5*8*2 */
    assert_true(y[83] == -8.0f);  /* k 5, l 3: hmask[19] = 0: 0.5*8*(2-4) */
    assert_true(y[115] == -0.5f); /* k 7, l 3: 0.5*1*(3-4) */
    assert_true(y[167] == 15.5f); /* k 10, l 7: field 1, scale 31: 0.5*31*1 */
    assert_true(y[208] == -32.0f); /* k 13, l 0: field 2, scale -32: 0.5*-32*2 */
    assert_true(y[211] == 32.0f); /* k 13, l 3: 0.5*-32*(2-4) */
    assert_true(y[255] == 1.5f);  /* k 15, l 15: field 3: 0.5*1*3 */
}

/* Q5_K: the scales and mins of the Q4_K test (s = {1,2,3,4,17,33,49,63}, m = {0,1,2,3,20,36,
 * 5,63}, same 12 bytes), d = 1, dmin = 0.5, the same nibbles (byte 32i+l: low l%16, high
 * 15 - l%16); qh[l] = 0x55 (fifth bit for the low-nibble sub-blocks 0, 2, 4, 6) but
 * qh[3] = 0xFF. x = s * (nibble | fifth << 4) - 0.5 * m. */
static void test_q5_k_block(void **state)
{
    (void)state;
    uint8_t b[176] = {0x00, 0x3C, 0x00, 0x38, 65, 130, 195, 196, 64, 129, 2, 195, 65, 65, 81, 255};
    memset(b + 16, 0x55, 32);
    b[16 + 3] = 0xFF;
    for (int i = 0; i < 4; i++)
        for (int l = 0; l < 32; l++) b[48 + 32 * i + l] = (uint8_t)((l % 16) | (15 - l % 16) << 4);
    float y[256];
    assert_true(lx_dequant_row(LX_DT_Q5_K, b, y, 256));
    assert_true(y[0] == 16.0f);     /* sub-block 0: 0 | 16: 1*16 - 0 */
    assert_true(y[5] == 21.0f);     /* 5 | 16 */
    assert_true(y[35] == 55.5f);    /* sub-block 1, l 3: 12 | 16 (qh[3] bit 1) = 28: 2*28 - 0.5 */
    assert_true(y[36] == 21.5f);    /* sub-block 1, l 4: 11, bit 1 of 0x55 clear: 2*11 - 0.5 */
    assert_true(y[135] == 381.0f);  /* sub-block 4, l 7: 7 | 16 = 23: 17*23 - 0.5*20 */
    assert_true(y[160] == 477.0f);  /* sub-block 5, l 0: 15: 33*15 - 0.5*36 */
    assert_true(y[224] == 913.5f);  /* sub-block 7, l 0: 15: 63*15 - 0.5*63 */
    assert_true(y[227] == 1732.5f); /* sub-block 7, l 3: 12 | 16 (qh[3] bit 7) = 28: 63*28 - 31.5 */
    assert_true(y[255] == -31.5f);  /* sub-block 7, l 31: 0: 0 - 31.5 */
}

/* IQ4_NL: d = 0.5, q[j] = j | (15 - j) << 4; grid {-127, -104, -83, -65, -49, -35, -22,
 * -10, 1, 13, 25, 38, 53, 69, 89, 113}. */
static void test_iq4_nl_block(void **state)
{
    (void)state;
    uint8_t b[18] = {0x00, 0x38};
    for (int j = 0; j < 16; j++) b[2 + j] = (uint8_t)(j | (15 - j) << 4);
    float y[32];
    assert_true(lx_dequant_row(LX_DT_IQ4_NL, b, y, 32));
    assert_true(y[0] == -63.5f); /* 0.5 * grid[0] = 0.5 * -127 */
    assert_true(y[7] == -5.0f);  /* 0.5 * -10 */
    assert_true(y[8] == 0.5f);   /* 0.5 * 1 */
    assert_true(y[15] == 56.5f); /* 0.5 * 113 */
    assert_true(y[16] == 56.5f); /* high nibble of q[0] = 15 */
    assert_true(y[31] == -63.5f);
}

/* IQ4_XS: d = 0.25, 6-bit scales ls = {33, 34, 31, 0, 63, 32, 40, 36} (ls - 32 = 1, 2, -1,
 * -32, 31, 0, 8, 4). Low nibbles {1, 2, 15, 0, 15, 0, 8, 4} packed two per byte: 0x21, 0x0F,
 * 0x0F, 0x48; high pairs {2, 2, 1, 0, 3, 2, 2, 2} at bits 2k of scales_h: 2 + 8 + 16 + 0 +
 * 768 + 2048 + 8192 + 32768 = 43802 = 0xAB1A. Every sub-block's nibbles j | (15 - j) << 4. */
static void test_iq4_xs_block(void **state)
{
    (void)state;
    uint8_t b[136] = {0x00, 0x34, 0x1A, 0xAB, 0x21, 0x0F, 0x0F, 0x48};
    for (int k = 0; k < 8; k++)
        for (int j = 0; j < 16; j++) b[8 + 16 * k + j] = (uint8_t)(j | (15 - j) << 4);
    float y[256];
    assert_true(lx_dequant_row(LX_DT_IQ4_XS, b, y, 256));
    assert_true(y[0] == -31.75f);     /* 0.25 * 1 * -127 */
    assert_true(y[47] == 56.5f);      /* sub-block 1, j 15: 0.25 * 2 * 113 */
    assert_true(y[72] == -0.25f);     /* sub-block 2, j 8: 0.25 * -1 * 1 */
    assert_true(y[96] == 1016.0f);    /* sub-block 3: 0.25 * -32 * -127 */
    assert_true(y[144] == 875.75f);   /* sub-block 4, high nibble 15: 0.25 * 31 * 113 */
    assert_true(y[165] == 0.0f);      /* sub-block 5: scale 0 */
    assert_true(y[201] == 26.0f);     /* sub-block 6, j 9: 0.25 * 8 * 13 */
    assert_true(y[255] == -127.0f);   /* sub-block 7, high nibble 0: 0.25 * 4 * -127 */
}

/* MXFP4: the grid is twice the FP4 (E2M1) values 0, .5, 1, 1.5, 2, 3, 4, 6 (and negatives),
 * e an E8M0 scale 2^(e-127), so x = grid * 2^(e-128). Blocks with e = 128 (x = grid), 125
 * (x = grid / 8) and 0 (x = grid * 2^-128); nibbles j | (15 - j) << 4. */
static void test_mxfp4_block(void **state)
{
    (void)state;
    uint8_t b[51];
    for (int k = 0; k < 3; k++) {
        b[17 * k] = k == 0 ? 128 : k == 1 ? 125 : 0;
        for (int j = 0; j < 16; j++) b[17 * k + 1 + j] = (uint8_t)(j | (15 - j) << 4);
    }
    float y[96];
    assert_true(lx_dequant_row(LX_DT_MXFP4, b, y, 96));
    assert_true(y[0] == 0.0f && y[5] == 6.0f && y[7] == 12.0f); /* grid[0], grid[5], grid[7] */
    assert_true(y[9] == -1.0f && y[15] == -12.0f);              /* grid[9], grid[15] */
    assert_true(y[16] == -12.0f && y[31] == 0.0f);              /* high nibbles 15 and 0 */
    assert_true(y[39] == 1.5f && y[45] == -0.75f);              /* 12 / 8, grid[13] = -6 / 8 */
    assert_true(y[71] == ldexpf(3.0f, -126));                   /* 12 * 2^-128 */
}

static void test_refuses_unsupported_or_partial(void **state)
{
    (void)state;
    uint8_t b[256] = {0};
    float y[256] = {42.0f};
    assert_false(lx_dequant_row(LX_DT_IQ2_XXS, b, y, 256));
    assert_false(lx_dequant_row(LX_DT_Q8_1, b, y, 32));
    assert_false(lx_dequant_row(LX_DT_Q8_0, b, y, 31)); /* not a whole block */
    assert_false(lx_dequant_row(LX_DT_Q5_K, b, y, 255));
    assert_false(lx_dequant_row(LX_DT_COUNT, b, y, 1));
    assert_true(y[0] == 42.0f);
    assert_true(lx_dequant_supported(LX_DT_Q4_K) && lx_dequant_supported(LX_DT_BF16));
    assert_true(lx_dequant_supported(LX_DT_Q4_1) && lx_dequant_supported(LX_DT_MXFP4));
    assert_false(lx_dequant_supported(LX_DT_IQ2_XXS) || lx_dequant_supported(LX_DT_TQ1_0));
    char list[192];
    lx_dequant_list(list, sizeof list);
    assert_string_equal(list, "F32, F16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_NL, IQ4_XS, "
                              "BF16 or MXFP4");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_f16_values),          cmocka_unit_test(test_bf16_values),
        cmocka_unit_test(test_f32_unaligned),       cmocka_unit_test(test_q8_0_block),
        cmocka_unit_test(test_q4_0_block),          cmocka_unit_test(test_q4_k_block),
        cmocka_unit_test(test_q6_k_block),          cmocka_unit_test(test_rows_of_several_blocks),
        cmocka_unit_test(test_q4_1_block),          cmocka_unit_test(test_q5_0_block),
        cmocka_unit_test(test_q5_1_block),          cmocka_unit_test(test_q2_k_block),
        cmocka_unit_test(test_q3_k_block),          cmocka_unit_test(test_q5_k_block),
        cmocka_unit_test(test_iq4_nl_block),        cmocka_unit_test(test_iq4_xs_block),
        cmocka_unit_test(test_mxfp4_block),         cmocka_unit_test(test_refuses_unsupported_or_partial),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
