/* infer/sample — choosing next tokens from logits: the K most probable with their
 * probabilities, and the greedy (argmax) continuation.
 *
 * Stage: inference, after infer/engine. Input: logits, or a model and its run state.
 * Output: caller-owned arrays / a callback per token. Owns nothing.
 */
#ifndef LX_INFER_SAMPLE_H
#define LX_INFER_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "infer/engine.h"

typedef struct lx_top {
    int32_t id;
    float logit, prob; /* prob = softmax over the whole vocabulary */
} lx_top;

/* The k (<= n) largest logits, most probable first (lower id first among equals).
 * False on allocation failure. */
bool lx_sample_top(const float *logits, size_t n, size_t k, lx_top *out);

/* Called with each chosen token. */
typedef void (*lx_token_fn)(void *ctx, int32_t id);

/* Greedy continuation of what s holds (its logits are those after the last token fed):
 * chooses up to n tokens, calling fn for each, feeding each back except the last.
 * Stops before an end token (EOS, or BOS, which opens a new document); *n_done says how
 * many were chosen. */
lx_status lx_sample_greedy(const lx_engine *e, lx_engine_state *s, size_t n, lx_token_fn fn, void *ctx,
                           size_t *n_done, lx_err *err);

#endif
