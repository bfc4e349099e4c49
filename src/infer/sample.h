/* infer/sample — choosing next tokens from logits: the K most probable with their
 * probabilities, the greedy (argmax) continuation, and a seeded sampler (temperature, top K,
 * top P) whose seed gives the same tokens every run.
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

/* Sampling at a temperature from the top K cut to top P, by a seeded generator (splitmix64).
 * Plain values; nothing is kept between calls but the generator's state. */
typedef struct lx_sampler {
    double temperature; /* 0: greedy */
    size_t top_k;       /* 0: the whole vocabulary */
    double top_p;       /* 1: no cut */
    uint64_t state;     /* the generator */
} lx_sampler;

/* The next token from logits[0..n); LX_ERR_IO (and -1) when out of memory. */
int32_t lx_sample_next(lx_sampler *s, const float *logits, size_t n, lx_err *err);

/* Called with each chosen token. */
typedef void (*lx_token_fn)(void *ctx, int32_t id);

/* Greedy continuation of what s holds (its logits are those after the last token fed):
 * chooses up to n tokens, calling fn for each, feeding each back except the last.
 * Stops before an end token (EOS, or BOS, which opens a new document); *n_done says how
 * many were chosen. */
lx_status lx_sample_greedy(const lx_engine *e, lx_engine_state *s, size_t n, lx_token_fn fn, void *ctx,
                           size_t *n_done, lx_err *err);

#endif
