/* model/roles — one table from tensor names to canonical roles.
 *
 * Covers llama.cpp's GGUF names ("blk.N.attn_q.weight") and the Hugging Face names of each
 * supported family ("model.layers.N.self_attn.q_proj.weight", GPT-2's "h.N.attn.c_attn.weight",
 * Mixtral's "block_sparse_moe.experts.E.w1", DeepSeek's "kv_a_proj_with_mqa", ...).
 * A name matches when its base (without ".weight"/".bias") fits a pattern whose "%d" fields
 * are the layer and, for per-expert tensors, the expert index. Quantization data written beside
 * a weight ("X.weight_scale_inv", "X.qzeros", "X.scales", "X_scales", ...) takes the role of X
 * with qaux set: its bytes belong to X's component, it holds no parameters; a packed weight
 * ("X_blocks", "X.qweight", "X.weight_packed") takes X's role with packed set.
 * Ownership: static data only.
 */
#ifndef LX_MODEL_ROLES_H
#define LX_MODEL_ROLES_H

#include <stdbool.h>
#include <stdint.h>

typedef enum lx_role {
    LX_ROLE_UNKNOWN = 0,
    /* whole-model */
    LX_ROLE_TOK_EMBD, LX_ROLE_POS_EMBD, LX_ROLE_TOKEN_TYPES, LX_ROLE_EMBD_NORM,
    LX_ROLE_OUTPUT_NORM, LX_ROLE_OUTPUT, LX_ROLE_ROPE_FREQS, LX_ROLE_ROPE_LONG, LX_ROLE_ROPE_SHORT, LX_ROLE_CLS_OUT, LX_ROLE_POOLER, LX_ROLE_PATCH_EMBD, LX_ROLE_EMBD_PROJ,
    /* per layer: attention */
    LX_ROLE_ATTN_NORM, LX_ROLE_ATTN_POST_NORM, LX_ROLE_ATTN_Q, LX_ROLE_ATTN_K, LX_ROLE_ATTN_V,
    LX_ROLE_ATTN_QKV, LX_ROLE_ATTN_O, LX_ROLE_ATTN_Q_NORM, LX_ROLE_ATTN_K_NORM, LX_ROLE_ATTN_SINKS,
    LX_ROLE_ATTN_Q_A, LX_ROLE_ATTN_Q_A_NORM, LX_ROLE_ATTN_Q_B, LX_ROLE_ATTN_KV_A,
    LX_ROLE_ATTN_KV_A_NORM, LX_ROLE_ATTN_KV_B, LX_ROLE_ATTN_K_B, LX_ROLE_ATTN_V_B,
    /* per layer: feed-forward */
    LX_ROLE_FFN_NORM, LX_ROLE_FFN_POST_NORM, LX_ROLE_FFN_GATE, LX_ROLE_FFN_UP, LX_ROLE_FFN_DOWN,
    LX_ROLE_FFN_GATE_UP, LX_ROLE_FFN_ACT, /* learned activation scalars (xIELU) */
    LX_ROLE_MOE_ROUTER, LX_ROLE_MOE_ROUTER_BIAS, LX_ROLE_MOE_LATENT, /* latent MoE in/out projections */
    LX_ROLE_EXP_GATE, LX_ROLE_EXP_UP, LX_ROLE_EXP_DOWN, LX_ROLE_EXP_GATE_UP,
    LX_ROLE_SHEXP_GATE, LX_ROLE_SHEXP_UP, LX_ROLE_SHEXP_DOWN, LX_ROLE_SHEXP_ROUTER,
    /* Hugging Face "post_attention_layernorm": the pre-FFN norm in Llama-style models, a
     * true post-attention norm in Gemma 2/3 and OLMo 2; model/arch resolves it per layer. */
    LX_ROLE_HF_POST_ATTN_LN,
    /* per layer: other token mixers */
    LX_ROLE_ATTN_GATE,   /* output gate of gated attention / the z projection of Gated DeltaNet */
    LX_ROLE_INDEXER,     /* DSA-style sparse-attention indexer (its projections and norms) */
    LX_ROLE_SSM_IN, LX_ROLE_SSM_X, LX_ROLE_SSM_DT, LX_ROLE_SSM_A, LX_ROLE_SSM_D, LX_ROLE_SSM_CONV,
    LX_ROLE_SSM_NORM, LX_ROLE_SSM_OUT,
    LX_ROLE_SSM_BA,      /* Gated DeltaNet's beta/alpha projection */
    LX_ROLE_KDA,         /* Kimi Delta Attention's own gates (f_a/f_b/g_a/g_b/beta) */
    LX_ROLE_SSM_MISC,    /* further SSM norms (dt/B/C norms) */
    LX_ROLE_CONV_IN, LX_ROLE_CONV, LX_ROLE_CONV_OUT, /* LFM2's short convolution */
    /* per-layer token embeddings (Gemma 3n/4 E-models): the table, its projection and norm
     * (whole model), and per layer the gate, projection and norm */
    LX_ROLE_PLE_EMBD, LX_ROLE_PLE_PROJ, LX_ROLE_PLE_LAYER,
    LX_ROLE_LAYER_SCALE, /* a learned per-layer scalar (Gemma 4 layer_scalar) */
    LX_ROLE_HYPER,       /* hyper-connection mixing of residual streams (DeepSeek-V4 mHC) */
    LX_ROLE_CROSS_ATTN,  /* a decoder layer's cross-attention to the encoder (q/k/v/o and its norm) */
    LX_ROLE_REL_BIAS,    /* T5's relative-position bias buckets */
    LX_ROLE_CROSS_REL_BIAS, /* a relative-position bias table on T5's cross-attention: some files hold
                               one (t5-small's), neither transformers nor llama.cpp uses it */
    LX_ROLE_MLM,         /* an encoder's masked-LM head: transform dense, its norm, the decoder's bias */
    LX_ROLE_MTP,         /* multi-token-prediction module tensors */
    /* not parameters: causal-mask buffers some checkpoints carry (GPT-2's attn.bias) */
    LX_ROLE_BUFFER,
    LX_ROLE_COUNT
} lx_role;

typedef struct lx_role_match {
    lx_role role;
    int layer;   /* -1 for whole-model tensors */
    int expert;  /* -1 unless the name carries one expert's index */
    bool bias;   /* the ".bias" of a module */
    bool in_out; /* stored (in, out) rather than (out, in): GPT-2 Conv1D, gpt-oss experts */
    int stack;   /* encoder-decoders: 0 the encoder (or the only stack), 1 the decoder ("dec." names) */
    bool in_stack; /* a stack's own whole-model tensor ("enc.output_norm", "encoder.final_layer_norm"):
                      it belongs to that stack, not to the model as a whole */
    bool qaux;   /* quantization data beside a weight ("X.weight_scale_inv", "X.qzeros", gpt-oss's
                    "X_scales"): bytes of the module, no parameters */
    bool packed; /* a quantized weight packing several values per element ("X_blocks", "X.qweight",
                    "X.weight_packed"): its parameters are its bits / the quantized width */
} lx_role_match;

/* Sets of roles (more than 64 of them). */
typedef struct lx_roleset { uint64_t w[2]; } lx_roleset;
static inline void lx_roleset_add(lx_roleset *s, lx_role r) { s->w[r >> 6] |= 1ULL << (r & 63); }
static inline void lx_roleset_del(lx_roleset *s, lx_role r) { s->w[r >> 6] &= ~(1ULL << (r & 63)); }
static inline bool lx_roleset_has(const lx_roleset *s, lx_role r) { return (s->w[r >> 6] >> (r & 63)) & 1; }

/* A family's own tensor names, consulted before the common table (model/families). A pattern
 * that starts with Hugging Face's stack name "encoder." or "decoder." (after the wrapper
 * prefixes, e.g. BART's "model.") names that stack's tensor: stack and in_stack are set. */
typedef struct lx_role_pattern {
    const char *pat; /* "%d" = layer index, "%e" = expert index */
    lx_role role;
    bool in_out;
} lx_role_pattern;

/* Matches a tensor name; role LX_ROLE_UNKNOWN when no pattern fits. extra (may be NULL,
 * ends with a NULL pat) is tried first. */
lx_role_match lx_role_match_name(const char *name);
lx_role_match lx_role_match_with(const char *name, const lx_role_pattern *extra);
const char *lx_role_name(lx_role r); /* "attn_q", "ffn_gate_exps", ... */
bool lx_role_is_expert(lx_role r);   /* routed-expert weights */

#endif
