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
 */
#ifndef LX_INFER_DEQUANT_H
#define LX_INFER_DEQUANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/dtype.h"

/* True for the storage types the engine reads: F32 F16 BF16 Q8_0 Q4_0 Q4_K Q6_K. */
bool lx_dequant_supported(lx_dtype t);

/* Decodes n elements (n a multiple of the type's block) from src into dst[n].
 * src needs no alignment. False (dst untouched) for an unsupported type or bad n. */
bool lx_dequant_row(lx_dtype t, const void *src, float *dst, size_t n);

float lx_dequant_f16(uint16_t h);
float lx_dequant_bf16(uint16_t h);

#endif
