/* tests/support/fixture_quant — float rows to GGUF blocks, for
 * writing quantized fixtures (test support, not product; a plain nearest-value quantizer,
 * not llama.cpp's: any valid block will do, since the engine and llama.cpp decode the same
 * bytes).
 *
 * Types (ggml ids): Q4_1 (3), Q5_0 (6), Q5_1 (7), Q8_0 (8), IQ4_NL (20), MXFP4 (39) in blocks
 * of 32; Q2_K (10), Q3_K (11), Q5_K (13), IQ4_XS (23) in super-blocks of 256. Owns nothing.
 */
#ifndef LX_TESTS_FIXTURE_QUANT_H
#define LX_TESTS_FIXTURE_QUANT_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of n elements (a multiple of the block) of that type; 0 for a type not listed above. */
size_t lx_fx_quant_bytes(uint32_t ggml_type, size_t n);
/* Writes the blocks of x[n] into out (lx_fx_quant_bytes bytes); false for another type. */
int lx_fx_quantize(uint32_t ggml_type, const float *x, size_t n, uint8_t *out);
/* The IEEE half bits of x rounded to nearest even. */
uint16_t lx_fx_f16_bits(float x);

#endif
