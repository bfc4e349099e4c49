/* model/hparams — hyper-parameters as a model file or config declares them.
 *
 * Owns: nothing but plain values (fixed-size strings, a fixed per-layer pattern array).
 * Filled by the GGUF metadata reader (model/hp_gguf), the config.json reader
 * (read/hfconfig, also used for the built-in catalogue), and consumed by model/arch.
 * Zero means "not declared" for every count; negative values never appear.
 * Tensor shapes, when present, are cross-checked against these by model/arch.
 */
#ifndef LX_MODEL_HPARAMS_H
#define LX_MODEL_HPARAMS_H

#include <stdbool.h>
#include <stdint.h>

#define LX_MAX_LAYERS 512

typedef enum lx_tristate { LX_UNKNOWN = 0, LX_NO = 1, LX_YES = 2 } lx_tristate;

typedef enum lx_layer_kind_bits {
    LX_LAYER_SLIDING = 1u << 0, /* local (sliding-window) attention in this layer */
    LX_LAYER_DENSE = 1u << 1,   /* dense FFN in a model whose other layers are MoE */
    LX_LAYER_NOPE = 1u << 2     /* no positional rotation in this layer (e.g. Llama 4) */
} lx_layer_kind_bits;

typedef struct lx_hparams {
    char name[128];     /* human name: "Llama 3.1 8B", general.name, or the folder name */
    char family[32];    /* canonical family: llama, qwen2, qwen3, qwen3moe, gemma2, gemma3, gpt2,
                           deepseek2, phi3, falcon, olmo2, gpt-oss, bert, t5, ... (free text if unknown) */
    char arch_raw[64];  /* as declared: general.architecture or config model_type */
    char torch_dtype[16]; /* config's storage dtype ("bfloat16", "float32"), "" if unknown */

    uint64_t n_layers, d_model, n_heads, n_kv_heads, head_dim, d_ff, vocab_size, context_length;

    /* position */
    char position[16];      /* "rope", "learned", "sinusoidal", "alibi", "none", "" unknown */
    double rope_theta;      /* 0 unknown */
    uint64_t rope_dims;     /* rotary dims per head when partial, 0 = full head_dim */
    char rope_scaling[16];  /* "linear", "yarn", "llama3", "dynamic", "longrope", "" none */
    double rope_factor;     /* 0 none */
    uint64_t rope_orig_ctx; /* original_max_position_embeddings, 0 unknown */

    /* norms */
    char norm[16];          /* "rmsnorm", "layernorm", "" unknown */
    double norm_eps;

    /* attention */
    uint64_t sliding_window;   /* 0 none */
    uint32_t layer_bits[LX_MAX_LAYERS]; /* lx_layer_kind_bits per layer, as declared */
    bool has_layer_bits;
    lx_tristate attn_bias;     /* q/k/v biases */
    lx_tristate qk_norm;
    double attn_softcap, final_softcap; /* 0 none */

    /* MLA (DeepSeek-V2/V3) */
    uint64_t q_lora_rank, kv_lora_rank, qk_rope_head_dim, qk_nope_head_dim, v_head_dim;

    /* FFN */
    char activation[24];       /* "silu", "gelu_new", "gelu_pytorch_tanh", "relu", ... as declared */
    lx_tristate gated;         /* GLU (gate+up) or plain MLP */
    uint64_t n_experts, n_experts_used, n_shared_experts, d_expert, d_shared_expert;
    uint64_t n_dense_prefix;   /* leading dense layers before MoE (first_k_dense_replace) */

    lx_tristate tied;          /* output head tied to the embedding */
    bool lm_head_bias;

    /* family details the config.json reader fills and model/synth counts from */
    lx_tristate ffn_bias;       /* FFN linear biases (Llama mlp_bias, Falcon bias; GPT-2/BERT yes) */
    lx_tristate router_bias;    /* per-expert router score bias (DeepSeek-V3 e_score_correction_bias) */
    lx_tristate parallel_block; /* attention and FFN read the same input (Falcon) */
    uint64_t n_block_norms;     /* norms per block where the family varies it (Falcon 1 or 2), 0 default */
    uint64_t n_token_types;     /* BERT token-type vocabulary (type_vocab_size) */
    uint64_t n_dec_layers;      /* encoder-decoder (T5): decoder blocks; n_layers counts the encoder */
    uint64_t rel_attn_buckets;  /* T5 relative-attention buckets */
    uint64_t n_nextn_layers;    /* DeepSeek-V3 multi-token-prediction modules in the checkpoint
                                   (num_nextn_predict_layers); not part of the main model's count */
} lx_hparams;

#endif
