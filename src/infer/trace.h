/* infer/trace — what one forward pass over a prompt looked like inside, recorded by the
 * forward pass (infer/llama) for the poster and the tests.
 *
 * Stage: inference output. Filled by an engine's forward pass (infer/engine) for the
 * positions 0..n_tok-1; plain data, so the poster's layout reads it and nothing of the engine.
 * Ownership: lx_trace owns every array and piece string; lx_trace_free frees them.
 */
#ifndef LX_INFER_TRACE_H
#define LX_INFER_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* The model the trace was made on, as the poster describes it. */
typedef struct lx_trace_model {
    char family[32];          /* general.architecture */
    size_t n_kv_heads, head_dim, d_ff, context;
    size_t rope_dims;         /* 0 without rotary positions */
    float rope_theta;
    bool neox, tied;
    int32_t bos;              /* the vocabulary's BOS id, -1 for none */
    float *rope_freq;         /* [rope_dims/2] angle per position of each RoPE pair (owned) */
} lx_trace_model;

typedef struct lx_trace {
    size_t n_tok, d_model, n_layers, n_heads, vocab;
    lx_trace_model model;     /* filled by whoever runs the trace (infer/inside) */
    int32_t *ids;       /* [n_tok] token ids */
    char **pieces;      /* [n_tok] readable pieces ("▁" shown as a space, "<s>" kept) */
    float *embed;       /* [n_tok][d_model] input embeddings (rows of the embedding table) */
    float *attn;        /* [n_layers][n_heads][n_tok][n_tok] softmax weights; row = query,
                           column = key; 0 above the diagonal (causal) */
    float *resid_norm;  /* [n_layers + 1][n_tok] L2 norm of the residual stream: entry 0 is
                           the embeddings, entry l+1 is after layer l */
    float *logits;      /* [vocab] next-token logits at the last position */
} lx_trace;

/* Refuses (LX_ERR_MODEL) a trace larger than max_floats floats in all. */
lx_status lx_trace_init(lx_trace *t, size_t n_tok, size_t d_model, size_t n_layers, size_t n_heads,
                        size_t vocab, size_t max_floats, lx_err *err);
void lx_trace_free(lx_trace *t);

/* Floats a trace of these sizes holds; SIZE_MAX on overflow. */
size_t lx_trace_floats(size_t n_tok, size_t d_model, size_t n_layers, size_t n_heads, size_t vocab);

/* Element accessors (no bounds checks beyond asserts). */
float *lx_trace_attn(const lx_trace *t, size_t layer, size_t head, size_t query);
float *lx_trace_embed(const lx_trace *t, size_t tok);

#endif
