/* infer/llama — a Llama-family decoder run on a GGUF file's own weights.
 *
 * Stage: inference. Input: an open GGUF (read/gguf); weights are read in place from its
 * read-only mapping (F32 rows directly, other types decoded row by row as they are used).
 * Output: next-token logits, a KV cache, and optionally an lx_trace of the internals.
 *
 * Model per layer l (x is the residual stream, one row of d_model per token):
 *   h = rmsnorm(x) * attn_norm;  q,k,v = h Wq, h Wk, h Wv (+ bias where the file has one)
 *   rope(q, k) at each token's position; causal softmax(q k^T / sqrt(head_dim)) v per head,
 *   query head i reading KV head i / (n_heads / n_kv_heads) (GQA/MQA);  x += attn Wo
 *   h = rmsnorm(x) * ffn_norm;  x += (silu(h Wgate) * (h Wup)) Wdown
 * then logits = (rmsnorm(x) * output_norm) Wout, Wout = token_embd when output is absent.
 * Families (one table in llama.c): "llama" turns adjacent pairs (its converter permutes
 * Q/K into that order); "qwen2" turns half-split (NeoX) pairs and has Q/K/V biases.
 *
 * Ownership: lx_llama owns the lx_gguf it was opened with (closed by lx_llama_close), its
 * tokenizer and the small float copies of norm vectors; matrices borrow the mapping, except
 * the rare one whose rows do not end on a block boundary, decoded once into an owned copy.
 * lx_llama_state owns the KV cache and the activation buffers of one run.
 */
#ifndef LX_INFER_LLAMA_H
#define LX_INFER_LLAMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "infer/kernels.h"
#include "infer/tokenizer.h"
#include "infer/trace.h"
#include "read/gguf.h"
#include "util/err.h"

typedef struct lx_llama_hp {
    char family[32];
    size_t d_model, n_layers, n_heads, n_kv_heads, head_dim, d_ff, vocab;
    size_t context;     /* declared context length, 0 when not declared */
    size_t rope_dims;   /* rotated dims per head (even, <= head_dim) */
    float eps, rope_theta;
    bool neox;          /* half-split RoPE pairing */
    bool tied;          /* output head is the embedding table */
} lx_llama_hp;

typedef struct lx_llama_layer {
    float *attn_norm, *ffn_norm;      /* [d_model], owned copies */
    float *bq, *bk, *bv;              /* biases [rows] or NULL, owned copies */
    lx_mat wq;     /* [n_heads*head_dim][d_model] */
    lx_mat wk, wv; /* [n_kv_heads*head_dim][d_model] */
    lx_mat wo;     /* [d_model][n_heads*head_dim] */
    lx_mat w_gate, w_up; /* [d_ff][d_model] */
    lx_mat w_down; /* [d_model][d_ff] */
} lx_llama_layer;

typedef struct lx_llama {
    lx_gguf *g;
    char path[1024];
    lx_llama_hp hp;
    lx_tok tok;
    lx_mat embed;        /* [vocab][d_model] */
    lx_mat output;       /* [vocab][d_model] */
    float *out_norm;     /* [d_model] */
    float *rope_freq;    /* [rope_dims/2] angle per position of each pair */
    lx_llama_layer *layers;
    uint64_t weight_bytes; /* bytes of every tensor the forward pass reads */
    float **owned;         /* decoded copies of matrices whose rows are not whole blocks */
    size_t n_owned;
} lx_llama;

/* Opens path, checks the family, every tensor's presence, type and shape, and builds the
 * tokenizer. LX_ERR_MODEL with one clear line for anything unsupported or malformed. */
lx_status lx_llama_open(const char *path, lx_llama **out, lx_err *err);
void lx_llama_close(lx_llama *m);

typedef struct lx_llama_state {
    size_t cap_pos;   /* positions the KV cache holds */
    size_t cap_tok;   /* most tokens one forward call takes */
    size_t n_pos;     /* positions done so far */
    float *k_cache, *v_cache; /* [n_layers][cap_pos][n_kv_heads*head_dim] */
    float *x, *h, *q, *k, *v, *att, *ff_g, *ff_u; /* [cap_tok][...] activations */
    float *scores;    /* [cap_pos] one attention row */
    float *logits;    /* [vocab] after the last token of the last call */
    lx_kern_pool pool;
    /* Optional: called after each layer of each forward call (progress indicators). */
    void (*on_layer)(void *ctx, size_t layer, size_t n_layers);
    void *on_layer_ctx;
} lx_llama_state;

/* Bytes a run needs: the weights (mapped) plus a state of these capacities, plus a trace
 * of trace_tok tokens (0 for none). SIZE_MAX-saturating. */
uint64_t lx_llama_estimate(const lx_llama *m, size_t cap_pos, size_t cap_tok, size_t trace_tok);

/* The guard rail before a run of n_prompt + n_new tokens (plus a trace of trace_tok):
 * LX_ERR_USAGE when it would pass the model's declared context, LX_ERR_MODEL when
 * lx_llama_estimate exceeds limit bytes (0: what the system says is available). */
lx_status lx_llama_check_room(const lx_llama *m, size_t n_prompt, size_t n_new, size_t trace_tok,
                              uint64_t limit, lx_err *err);
/* Positions a run of n_prompt + n_new tokens holds (the last new token is not fed back). */
size_t lx_llama_run_positions(size_t n_prompt, size_t n_new);
/* MemAvailable from /proc/meminfo, else physical memory, else UINT64_MAX. */
uint64_t lx_llama_available_memory(void);

lx_status lx_llama_state_init(const lx_llama *m, lx_llama_state *s, size_t cap_pos, size_t cap_tok,
                              int n_threads, lx_err *err);
void lx_llama_state_free(lx_llama_state *s);

/* Runs n tokens (n <= cap_tok) at positions s->n_pos.. and leaves the logits of the last
 * one in s->logits. Records into tr (may be NULL) every position below tr->n_tok. */
lx_status lx_llama_forward(const lx_llama *m, lx_llama_state *s, const int32_t *ids, size_t n,
                           lx_trace *tr, lx_err *err);

/* Index of the largest of x[0..n-1] (the first of equals). */
size_t lx_llama_argmax(const float *x, size_t n);

#endif
