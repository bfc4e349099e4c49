/* infer/llama — the "decoder" engine of infer/engine: a pre-norm decoder-only transformer
 * (Llama, Qwen2/3, Phi-3, SmolLM3, GPT-2, Gemma 1/2/3, OLMo 2) run on a GGUF file's own weights.
 *
 * Stage: inference. Input: an open GGUF (read/gguf); weights are read in place from its
 * read-only mapping (F32 rows directly, other types decoded row by row as they are used).
 * Output: next-token logits, a KV cache, and optionally an lx_trace of the internals.
 *
 * Model per layer l (x is the residual stream, one row of d_model per token; x starts as the
 * token's embedding row, plus its position's row of position_embd where the family has one):
 *   h = norm(x) * attn_norm (+ bias);  q,k,v = h Wq, h Wk, h Wv (+ bias where the file has one;
 *   Wq|Wk|Wv may be one fused attn_qkv, split by rows);  q, k <- rmsnorm per head (QK-norm,
 *   where the file has attn_q_norm/attn_k_norm);  rope(q, k) at each token's position;
 *   causal softmax(q k^T / sqrt(head_dim)) v per head, query head i reading KV head
 *   i / (n_heads / n_kv_heads) (GQA/MQA);  x += attn Wo (+ bias)
 *   h = norm(x) * ffn_norm (+ bias);  x += (silu(h Wgate) * (h Wup)) Wdown, or for the GELU
 *   families x += gelu(h Wup) Wdown (each + bias where the file has one)
 * then logits = (norm(x) * output_norm (+ bias)) Wout, Wout = token_embd when output is absent.
 * norm is RMSNorm, or LayerNorm with biases (GPT-2). Families (one table in llama.c):
 * "llama" turns adjacent pairs (its converter permutes Q/K into that order); "qwen2" turns
 * half-split (NeoX) pairs and has Q/K/V biases; "qwen3" adds QK-norm; "gpt2" has learned
 * positions, LayerNorm, fused QKV, biases everywhere and GELU; "phi3" fuses QKV and gate/up;
 * "smollm3" leaves RoPE out of every 4th layer; "gemma" scales embeddings by sqrt(d_model)
 * and uses GeGLU; "gemma2" adds sandwich norms, soft-capping of scores and logits and a
 * sliding window on even layers; "gemma3" has QK-norm and a sliding window on 5 layers of 6
 * with the local RoPE base 10000; "olmo2" has post-norms only and QK-norm over the whole
 * projection; "qwen3moe" routes each token to its top-k experts. Tensors are found by their role (model/roles), not by name.
 *
 * Ownership: lx_llama borrows the lx_gguf it was opened on (infer/engine owns it), owns its
 * tokenizer and the small float copies of norm vectors; matrices borrow the mapping, except
 * the rare one whose rows do not end on a block boundary and those stored (in, out) (GPT-2's
 * Conv1D in a Hugging Face folder), decoded once into an owned F32 copy.
 * lx_llama_state owns the KV cache and the activation buffers of one run.
 */
#ifndef LX_INFER_LLAMA_H
#define LX_INFER_LLAMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "infer/engine.h"
#include "infer/kernels.h"
#include "infer/tokenizer.h"
#include "infer/trace.h"
#include "infer/weights.h"
#include "util/err.h"

/* What varies between the families the engine runs (one row per GGUF architecture). */
typedef struct lx_llama_traits {
    const char *arch;  /* general.architecture */
    bool rope;         /* rotary positions (else none, or learned ones) */
    bool neox;         /* RoPE pairs (i, i + dims/2) instead of (2i, 2i+1) */
    bool layernorm;    /* LayerNorm with biases instead of RMSNorm */
    bool gelu;         /* FFN = down(gelu(up x)) instead of down(silu(gate x) * up x) */
    bool learned_pos;  /* position_embd added to the token embeddings */
    bool geglu;        /* gated FFN with gelu(gate) instead of silu(gate) (Gemma) */
    bool embed_scale;  /* token embeddings times sqrt(d_model) (Gemma) */
    bool post_norm_only; /* no norm before attention and FFN, only after (OLMo 2) */
    bool qk_norm_full; /* QK-norm over the whole Q and K projections, not per head (OLMo 2) */
    unsigned swa_every;  /* sliding-window layers: all but every swa_every-th (0: none) */
    float swa_theta;   /* RoPE base of the sliding-window layers (0: the global one) */
    unsigned nope_every; /* every nope_every-th layer has no RoPE (SmolLM3: 4; 0: none) */
    bool moe;          /* routed experts in every layer: softmax router, top-k, weights renormalised */
    bool hf_norm_offset; /* Hugging Face stores its RMSNorm weights as offsets from 1 (Gemma) */
} lx_llama_traits;

typedef struct lx_llama_hp {
    char family[32];
    lx_llama_traits t;
    size_t d_model, n_layers, n_heads, n_kv_heads, head_dim, d_ff, vocab;
    size_t context;     /* declared context length, 0 when not declared */
    size_t rope_dims;   /* rotated dims per head (even, <= head_dim) */
    float eps, rope_theta;
    size_t window;      /* sliding window of the local layers (keys within it), 0 for none */
    size_t n_expert, n_expert_used; /* MoE: experts per layer and chosen per token (d_ff is an expert's) */
    float attn_softcap, final_softcap; /* cap * tanh(x / cap) on scores / logits; 0 for none */
    bool neox;          /* half-split RoPE pairing */
    bool tied;          /* output head is the embedding table */
} lx_llama_hp;

typedef struct lx_llama_layer {
    float *attn_norm, *ffn_norm;      /* [d_model], owned copies */
    float *attn_norm_b, *ffn_norm_b;  /* LayerNorm biases [d_model] or NULL */
    float *bq, *bk, *bv, *bo;         /* biases [rows] or NULL, owned copies */
    float *b_gate, *b_up, *b_down;    /* FFN biases or NULL */
    float *q_norm, *k_norm;           /* QK-norm weights [head_dim] (or [dq]/[dkv] when qk_norm_full) or NULL */
    float *attn_post_norm, *ffn_post_norm; /* RMSNorm of each block's output before it is added, or NULL */
    bool local;                       /* a sliding-window layer */
    bool nope;                        /* a layer without rotary positions (NoPE) */
    lx_mat router;                    /* MoE: [n_expert][d_model] */
    lx_mat *experts;                  /* MoE: [3][n_expert] gate, up, down views of the stacked tensors (owned array) */
    lx_mat wq;     /* [n_heads*head_dim][d_model] */
    lx_mat wk, wv; /* [n_kv_heads*head_dim][d_model] */
    lx_mat wo;     /* [d_model][n_heads*head_dim] */
    lx_mat w_gate, w_up; /* [d_ff][d_model] */
    lx_mat w_down; /* [d_model][d_ff] */
} lx_llama_layer;

typedef struct lx_llama {
    lx_weights *w;
    char path[1024];
    lx_llama_hp hp;
    lx_tok tok;
    lx_mat embed;        /* [vocab][d_model] */
    lx_mat pos_embed;    /* [context][d_model] learned positions; data NULL when none */
    float *out_norm_b;   /* [d_model] LayerNorm bias or NULL */
    const lx_tensor **slots; /* the file's tensors by (layer, role, bias), see llama.c */
    const lx_tensor **expert_slots; /* experts stored one matrix each, by (layer, role, expert); NULL when stacked */
    lx_mat output;       /* [vocab][d_model] */
    float *out_norm;     /* [d_model] */
    float *rope_freq;    /* [rope_dims/2] angle per position of each pair */
    float *rope_freq_local; /* the same for sliding-window layers with their own base, else NULL */
    float *rope_freq_long; /* longrope: the table past rope_orig_ctx positions (rope_freq: within), else NULL */
    uint64_t rope_orig_ctx;
    float rope_mscale;   /* the rotated dims of Q and K times this after RoPE (yarn, longrope), else 1 */
    lx_llama_layer *layers;
    uint64_t weight_bytes; /* bytes of every tensor the forward pass reads */
    float **owned;         /* decoded copies of matrices whose rows are not whole blocks */
    size_t n_owned;
    bool flat_blocks;      /* a quantized matrix has rows of partial blocks (a file llama.cpp refuses) */
} lx_llama;

/* Opens the model in w (borrowed: it must outlive the model): checks the family, every
 * tensor's presence, type and shape, and builds the tokenizer. LX_ERR_MODEL with one clear
 * line for anything unsupported or malformed. */
lx_status lx_llama_open(lx_weights *w, lx_llama **out, lx_err *err);
void lx_llama_close(lx_llama *m);

typedef struct lx_llama_state {
    size_t cap_pos;   /* positions the KV cache holds */
    size_t cap_tok;   /* most tokens one forward call takes */
    size_t n_pos;     /* positions done so far */
    float *k_cache, *v_cache; /* [n_layers][cap_pos][n_kv_heads*head_dim] */
    float *x, *h, *q, *k, *v, *att, *ff_g, *ff_u; /* [cap_tok][...] activations */
    float *scores;    /* [cap_pos] one attention row */
    float *router, *moe_out; /* MoE: [n_expert] router probabilities, [d_model] one token's output */
    float *logits;    /* [vocab] after the last token of the last call */
    lx_kern_pool pool;
    /* Optional: called after each layer of each forward call (progress indicators). */
    void (*on_layer)(void *ctx, size_t layer, size_t n_layers);
    void *on_layer_ctx;
} lx_llama_state;

lx_status lx_llama_state_init(const lx_llama *m, lx_llama_state *s, size_t cap_pos, size_t cap_tok,
                              int n_threads, lx_err *err);
void lx_llama_state_free(lx_llama_state *s);

/* Runs n tokens (n <= cap_tok, checked by lx_engine_forward) at positions s->n_pos.. and
 * leaves the logits of the last one in s->logits. Records into tr (may be NULL) every
 * position below tr->n_tok. */
lx_status lx_llama_forward(const lx_llama *m, lx_llama_state *s, const int32_t *ids, size_t n,
                           lx_trace *tr, lx_err *err);

/* This engine's row of infer/engine's table ("decoder"). */
extern const lx_engine_ops lx_llama_ops;

#endif
