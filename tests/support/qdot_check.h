/* tests/support/qdot_check — random quantized blocks and the comparisons of infer/qdot's
 * implementations (test support, not product), shared by tests/test_qdot.c (cmocka, the
 * native build) and tests/arm64/qdot_main.c (a plain driver cross-compiled for arm64 and run
 * under qemu by scripts/check-arm64.sh), so both judge every implementation the same way:
 *   the scalar dot products against the float product of infer/dequant's decoding (an
 *   independent reading of the block layouts), within 1e-5 of sum |w_i a_i|;
 *   any other implementation against the scalar one: exactly when every float step is exact
 *   (unit scales, small integers: even rounds), within 1e-4 of sum |w_i a_i| on random
 *   blocks (odd rounds); and its dot4 bit-identical to its dot on each of the four rows.
 * Random blocks come from a fixed-seed generator, so every run sees the same numbers. Uses
 * nothing but infer/ and the C library. Owns nothing.
 */
#ifndef LX_TESTS_QDOT_CHECK_H
#define LX_TESTS_QDOT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "infer/qdot.h"

/* A uniform integer in lo..hi from the fixed-seed generator. */
int lx_qc_range(int lo, int hi);
/* Bytes of one weight block of kind k. */
size_t lx_qc_block_bytes(lx_qdot_w k);
/* One random weight block of kind k. Unit: every scale 1 and Q6_K's sub-scales small, so the
 * integer sums stay below 2^24 and every float step is exact. */
void lx_qc_weight_block(lx_qdot_w k, uint8_t *b, bool unit);

/* The scalar reference against the dequantized product on rounds rounds of 4 blocks of each
 * kind; the other implementation (not the scalar one) against the scalar reference. Each
 * returns the number of disagreements, the first described in msg[cap]. */
int lx_qc_check_scalar(int rounds, char *msg, size_t cap);
int lx_qc_check_impl(const lx_qdot_ops *impl, int rounds, char *msg, size_t cap);

#endif
