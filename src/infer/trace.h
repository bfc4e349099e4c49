/* infer/trace — what one forward pass over a prompt looked like inside, recorded by the
 * forward pass (infer/llama) for the poster and the tests.
 *
 * Stage: inference output. Filled by an engine's forward pass (infer/engine) for the
 * positions 0..n_tok-1; plain data, so the poster's layout reads it and nothing of the engine.
 * What the engine records: ids, pieces, embeddings, the learned position table (when the
 * model has one), attention scores before and after softmax, residual norms, the logit lens
 * (final norm + output head on each stage's residual at the last position), one layer's
 * feed-forward activations and the final logits. What lx_trace_finish derives from them (the
 * same for every engine): the sinusoidal reference table where the model has no learned
 * one, the positions' cosine similarities, and the next-token distribution sorted.
 * Ownership: lx_trace owns every array and piece string; lx_trace_free frees them.
 */
#ifndef LX_INFER_TRACE_H
#define LX_INFER_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* Positions of the position table recorded (the first rows). */
#define LX_TRACE_POS_ROWS 64

/* The model the trace was made on, as the poster describes it. */
typedef struct lx_trace_model {
    char family[32];          /* general.architecture */
    size_t n_kv_heads, head_dim, d_ff, context;
    size_t rope_dims;         /* 0 without rotary positions */
    float rope_theta;
    bool neox, tied;
    int32_t bos;              /* the vocabulary's BOS id, -1 for none */
    float *rope_freq;         /* [rope_dims/2] angle per position of each RoPE pair the run used (owned) */
    /* longrope: which factors made rope_freq, "long" (the run holds more positions than the
     * original context) or "short"; "" without longrope */
    char rope_factors[8];
    size_t rope_orig_ctx, run_positions; /* longrope's original context; positions the run holds */
} lx_trace_model;

/* The feed-forward recorded for one layer: its kind decides which arrays hold what. */
typedef enum lx_trace_ffn {
    LX_TRACE_FFN_NONE,   /* not recorded (routed experts: no one feed-forward per token) */
    LX_TRACE_FFN_GELU,   /* up = the projection before GELU, act = GELU(up); no gate */
    LX_TRACE_FFN_SWIGLU, /* gate (before SiLU), up, act = SiLU(gate) * up */
    LX_TRACE_FFN_GEGLU,  /* gate (before GELU), up, act = GELU(gate) * up */
} lx_trace_ffn;

/* The sizes a trace is made for. */
typedef struct lx_trace_dims {
    size_t n_tok, d_model, n_layers, n_heads, vocab, d_ff;
} lx_trace_dims;

typedef struct lx_trace {
    size_t n_tok, d_model, n_layers, n_heads, vocab, d_ff;
    lx_trace_model model;     /* filled by whoever runs the trace (infer/inside) */
    int32_t *ids;       /* [n_tok] token ids */
    char **pieces;      /* [n_tok] readable pieces ("▁" shown as a space, "<s>" kept) */
    float *embed;       /* [n_tok][d_model] input embeddings (rows of the embedding table) */
    float *attn;        /* [n_layers][n_heads][n_tok][n_tok] softmax weights; row = query,
                           column = key; 0 above the diagonal (causal) */
    float *scores;      /* same shape: the scores before softmax (q·k/√head_dim, soft-capped
                           where the model caps); -INFINITY for keys a sliding window hides,
                           0 above the diagonal */
    float *resid_norm;  /* [n_layers + 1][n_tok] L2 norm of the residual stream: entry 0 is
                           the embeddings, entry l+1 is after layer l */
    float *logits;      /* [vocab] next-token logits at the last position */
    /* positions */
    size_t pos_rows;    /* rows of pos_table filled (<= LX_TRACE_POS_ROWS) */
    bool pos_learned;   /* pos_table is the model's own; false: a sinusoidal reference */
    float *pos_table;   /* [LX_TRACE_POS_ROWS][d_model] */
    float *pos_cos;     /* [pos_rows][pos_rows] cosine similarity of the rows */
    /* logit lens: stage 0 is the embeddings, stage l+1 the residual after layer l */
    int32_t *lens_id;   /* [n_layers + 1] the most probable token at the last position */
    float *lens_prob;   /* [n_layers + 1] its probability */
    char **lens_pieces; /* [n_layers + 1] its piece (filled by infer/inside) */
    /* one layer's feed-forward, every position */
    lx_trace_ffn ffn_kind;
    size_t ffn_layer;   /* the layer recorded: the middle one, (n_layers - 1) / 2 */
    float *ffn_gate, *ffn_up, *ffn_act; /* [n_tok][d_ff] each (see lx_trace_ffn) */
    /* the next-token distribution */
    float *probs_sorted; /* [vocab] softmax of logits, largest first */
} lx_trace;

/* Refuses (LX_ERR_MODEL) a trace larger than max_floats floats in all. */
lx_status lx_trace_init(lx_trace *t, const lx_trace_dims *d, size_t max_floats, lx_err *err);
void lx_trace_free(lx_trace *t);

/* Floats a trace of these sizes holds; SIZE_MAX on overflow. */
size_t lx_trace_floats(const lx_trace_dims *d);

/* After the forward pass: the sinusoidal reference (pos_table of LX_TRACE_POS_ROWS rows,
 * sin at even dims and cos at odd ones, base 10000) when the engine recorded no learned
 * table, the cosine matrix, and probs_sorted. */
void lx_trace_finish(lx_trace *t);

/* Element accessors (no bounds checks beyond asserts). */
float *lx_trace_attn(const lx_trace *t, size_t layer, size_t head, size_t query);
float *lx_trace_scores(const lx_trace *t, size_t layer, size_t head, size_t query);
float *lx_trace_embed(const lx_trace *t, size_t tok);
float *lx_trace_pos(const lx_trace *t, size_t pos);

#endif
