/* infer/dequant — storage blocks of a tensor row to float32.
 *
 * Stage: inference (input: bytes of one row as the file stores them, borrowed from the
 * mapping; output: floats written into a caller-owned array). Owns nothing.
 *
 * Block layouts (little-endian, as GGUF/ggml store them; h = IEEE half):
 *   F32   4 bytes / element        F16  2 bytes (half)       BF16  2 bytes (top of a float)
 *   Q8_0  32 elements in 34 bytes: h d; i8 q[32];             x[j] = d * q[j]
 *   Q4_0  32 elements in 18 bytes: h d; u8 q[16];             x[j] = d * ((q[j] & 15) - 8),
 *                                                             x[j+16] = d * ((q[j] >> 4) - 8)
 *   Q4_K  256 elements in 144 bytes: h d; h dmin; u8 sc[12]; u8 q[128].
 *         8 sub-blocks of 32, each with a 6-bit scale s and 6-bit min m packed in sc[12]
 *         (sub-block j < 4: s = sc[j] & 63, m = sc[j+4] & 63; j >= 4: s = (sc[j+4] & 15) |
 *         (sc[j-4] >> 6) << 4, m = (sc[j+4] >> 4) | (sc[j] >> 6) << 4). Sub-blocks 2i and
 *         2i+1 share q[32i .. 32i+31]: low nibbles then high nibbles.
 *         x = d*s*nibble - dmin*m.
 *   Q6_K  256 elements in 210 bytes: u8 ql[128]; u8 qh[64]; i8 sc[16]; h d.
 *         Two halves of 128; in half h, for l < 32 (ql += 64h, qh += 32h, sc += 8h):
 *         x[l]    = d*sc[l/16+0]*((ql[l]    & 15 | (qh[l]>>0 & 3) << 4) - 32)
 *         x[l+32] = d*sc[l/16+2]*((ql[l+32] & 15 | (qh[l]>>2 & 3) << 4) - 32)
 *         x[l+64] = d*sc[l/16+4]*((ql[l]    >> 4 | (qh[l]>>4 & 3) << 4) - 32)
 *         x[l+96] = d*sc[l/16+6]*((ql[l+32] >> 4 | (qh[l]>>6 & 3) << 4) - 32)
 *   Q4_1  32 in 20 bytes: h d; h m; u8 q[16];   x[j] = d*(q[j] & 15) + m, x[j+16] = d*(q[j] >> 4) + m
 *   Q5_0  32 in 22 bytes: h d; u32 qh; u8 q[16]; v[j] = (q[j] & 15) | (qh >> j & 1) << 4,
 *         v[j+16] = (q[j] >> 4) | (qh >> (j+16) & 1) << 4;  x = d*(v - 16)
 *   Q5_1  32 in 24 bytes: h d; h m; u32 qh; u8 q[16]; v as Q5_0;  x = d*v + m
 *   Q2_K  256 in 84 bytes: u8 sc[16]; u8 q[64]; h d; h dmin. 16 sub-blocks of 16; sub-block k
 *         reads the 2-bit field k/2%4 of q[32(k/8) + 16(k%2) + l]: x = d*(sc[k]&15)*v - dmin*(sc[k]>>4)
 *   Q3_K  256 in 110 bytes: u8 hmask[32]; u8 q[64]; u8 sc[12]; h d. Sub-block k (16 each):
 *         v = 2-bit field as Q2_K, minus 4 unless bit k/2 of hmask[16(k%2) + l] is set;
 *         6-bit scale s = (k < 8 ? sc[k] & 15 : sc[k-8] >> 4) | (sc[8 + k%4] >> 2(k/4) & 3) << 4;
 *         x = d*(s - 32)*v
 *   Q5_K  256 in 176 bytes: h d; h dmin; u8 sc[12] (as Q4_K); u8 qh[32]; u8 q[128]. As Q4_K,
 *         with the fifth bit of sub-block j's element l in bit j of qh[l].
 *   IQ4_NL 32 in 18 bytes: h d; u8 q[16]; x = d*grid[nibble], grid = {-127, -104, -83, -65,
 *         -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113}; low nibbles first
 *   IQ4_XS 256 in 136 bytes: h d; u16 sh; u8 sl[4]; u8 q[128]. Sub-block k of 32:
 *         ls = (sl[k/2] >> 4(k%2) & 15) | (sh >> 2k & 3) << 4; as IQ4_NL with d*(ls - 32)
 *   MXFP4 32 in 17 bytes (gpt-oss): u8 e (E8M0); u8 q[16]; x = 2^(e-128) * grid[nibble],
 *         grid = twice the FP4 E2M1 values {0, 1, 2, 3, 4, 6, 8, 12, 0, -1, ..., -12}
 */
#ifndef LX_INFER_DEQUANT_H
#define LX_INFER_DEQUANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/dtype.h"

/* True for the storage types the engine reads: F32 F16 BF16 Q8_0 Q4_0 Q4_1 Q5_0 Q5_1 Q2_K
 * Q3_K Q4_K Q5_K Q6_K IQ4_NL IQ4_XS MXFP4. */
bool lx_dequant_supported(lx_dtype t);
/* Their names for messages: "F32, F16, ... or MXFP4" (truncated to cap). */
void lx_dequant_list(char *out, size_t cap);

/* Decodes n elements (n a multiple of the type's block) from src into dst[n].
 * src needs no alignment. False (dst untouched) for an unsupported type or bad n. */
bool lx_dequant_row(lx_dtype t, const void *src, float *dst, size_t n);

float lx_dequant_f16(uint16_t h);
float lx_dequant_bf16(uint16_t h);

#endif
