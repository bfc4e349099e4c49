/* model/hparams — hyper-parameters as a model file or config declares them.
 *
 * Owns: nothing but plain values (fixed-size strings, a fixed per-layer pattern array).
 * Filled by the GGUF metadata reader (model/hp_gguf), the config.json reader
 * (model/hp_config, also used for the built-in catalogue), and consumed by model/arch.
 * Zero means "not declared" for every count; negative values never appear.
 * Tensor shapes, when present, are cross-checked against these by model/arch.
 */
#ifndef LX_MODEL_HPARAMS_H
#define LX_MODEL_HPARAMS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/quant.h"
#include "model/tower_hp.h"

#define LX_MAX_LAYERS 512
#define LX_MAX_ROPE_FACTORS 256 /* per-pair RoPE factors a config may list (head size 512) */

typedef enum lx_tristate { LX_UNKNOWN = 0, LX_NO = 1, LX_YES = 2 } lx_tristate;

typedef enum lx_layer_kind_bits {
    LX_LAYER_SLIDING = 1u << 0, /* local (sliding-window) attention in this layer */
    LX_LAYER_DENSE = 1u << 1,   /* dense FFN in a model whose other layers are MoE */
    LX_LAYER_NOPE = 1u << 2,    /* no positional rotation in this layer (e.g. Llama 4) */
    LX_LAYER_CHUNKED = 1u << 3, /* attention within fixed chunks (Llama 4's local layers) */
    LX_LAYER_NO_FFN = 1u << 4,  /* the block has no feed-forward (Nemotron-H's mixer-only layers) */
    LX_LAYER_GATED = 1u << 5,   /* attention output gated by a sigmoid of the input (Qwen3-Next) */
    LX_LAYER_KV_SHARED = 1u << 6, /* K/V taken from an earlier layer (Gemma 4's num_kv_shared_layers) */
    LX_LAYER_INDEXER = 1u << 7, /* a DSA-style sparse-attention indexer (DeepSeek-V3.2, GLM-5) */
    LX_LAYER_K_EQ_V = 1u << 8,  /* one projection serves as both K and V (Gemma 4 global layers) */
    LX_LAYER_SINKS = 1u << 9,   /* learned attention sinks in this layer (MiMo-V2 sliding layers) */
    LX_LAYER_PAR_SSM = 1u << 10 /* a Mamba-2 runs beside the attention on the same input (Falcon-H1) */
} lx_layer_kind_bits;

/* The token mixer of one layer. Softmax attention is full, sliding or chunked per layer_bits. */
typedef enum lx_mixer {
    LX_MIX_ATTN = 0,  /* softmax attention */
    LX_MIX_GDN,       /* Gated DeltaNet (Qwen3-Next, Qwen3.5) */
    LX_MIX_KDA,       /* Kimi Delta Attention (Kimi Linear) */
    LX_MIX_LIGHTNING, /* Lightning attention (MiniMax-01) */
    LX_MIX_MAMBA,     /* Mamba (selective SSM) */
    LX_MIX_MAMBA2,    /* Mamba-2 (SSD) */
    LX_MIX_CONV,      /* short gated convolution (LFM2) */
    LX_MIX_MLSTM,     /* matrix LSTM (xLSTM) */
    LX_MIX_NONE,      /* no token mixer: the layer is only an FFN (Nemotron-H "-" and "E") */
    LX_MIX_COUNT
} lx_mixer;

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
    double rope_low_freq, rope_high_freq; /* llama3 scaling's low_freq_factor / high_freq_factor, 0 unknown */
    double rope_beta_fast, rope_beta_slow; /* yarn scaling's beta_fast / beta_slow, 0 unknown */
    double rope_attn_factor;               /* yarn scaling's attention_factor, 0 unknown */
    double rope_mscale, rope_mscale_all_dim; /* yarn scaling's mscale / mscale_all_dim, 0 unknown */
    float rope_long[LX_MAX_ROPE_FACTORS], rope_short[LX_MAX_ROPE_FACTORS]; /* longrope's long_factor / short_factor */
    uint32_t n_rope_long, n_rope_short;   /* their lengths, 0 when absent (more is an error) */
    double rope_partial_frac; /* rope_parameters.partial_rotary_factor, 0 none */

    /* norms */
    char norm[16];          /* "rmsnorm", "layernorm", "" unknown */
    double norm_eps;

    /* attention */
    uint64_t sliding_window;   /* 0 none */
    uint32_t layer_bits[LX_MAX_LAYERS]; /* lx_layer_kind_bits per layer, as declared */
    bool has_layer_bits;
    uint8_t mixer[LX_MAX_LAYERS];       /* lx_mixer per layer; all LX_MIX_ATTN unless declared */
    /* per-layer overrides, 0 = the model-wide value */
    uint32_t l_heads[LX_MAX_LAYERS], l_kv_heads[LX_MAX_LAYERS], l_head_dim[LX_MAX_LAYERS];
    uint64_t l_ff[LX_MAX_LAYERS];       /* dense FFN width of this layer (OpenELM, DeciLM) */
    double l_theta[LX_MAX_LAYERS];      /* this layer's RoPE theta (Gemma 3 local layers) */
    uint32_t l_compress[LX_MAX_LAYERS]; /* DeepSeek-V4 KV compression ratio (0 = window only) */
    bool has_compress;                  /* l_compress is declared */
    uint64_t chunk_size;                /* chunked attention (attention_chunk_size) */
    uint64_t head_dim_global;           /* head size of full-attention layers when it differs (Gemma 4) */
    uint64_t n_kv_heads_global;         /* KV heads of full-attention layers when they differ (Gemma 4) */
    uint8_t attn_gate;                  /* gated attention: 0 gate fused into q, 1 own projection per element, 2 per head */
    double attn_scale;                  /* query_pre_attn_scalar etc.: the score scale is 1/sqrt(this); 0 = head_dim */
    double rope_theta_local;            /* RoPE theta of sliding layers when it differs (Gemma 3) */
    uint64_t n_kv_shared_layers;        /* trailing layers reusing earlier K/V (Gemma 4) */
    uint64_t ple_dim;                   /* per-layer token embedding width (Gemma 3n/4 E-models) */
    uint64_t ple_vocab;                 /* its vocabulary (vocab_size_per_layer_input), 0 = vocab_size */

    /* linear attention (Gated DeltaNet, KDA) */
    uint64_t lin_k_heads, lin_v_heads, lin_k_dim, lin_v_dim, lin_conv;
    /* state-space (Mamba, Mamba-2) and short convolutions */
    uint64_t ssm_d_inner, ssm_d_state, ssm_groups, ssm_heads, ssm_conv, ssm_dt_rank;
    uint64_t conv_kernel;               /* LFM2 short-convolution length */
    bool ssm_no_norm;                   /* Mamba-2 without its gated norm (Falcon-H1's mamba_rms_norm false) */
    /* sparse-attention indexer (DSA) */
    uint64_t idx_heads, idx_head_dim;
    /* DeepSeek-V4: grouped low-rank output, hyper-connection streams, hash-routed layers */
    uint64_t o_groups, o_lora_rank, hc_mult, n_hash_layers;
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
    lx_tristate o_bias;         /* attention output bias when it differs from attn_bias (ChatGLM 2) */
    lx_tristate norm_bias;      /* LayerNorms carry a bias (LX_NO: MPT's no_bias, Cohere) */
    uint64_t pos_extra;         /* learned position rows beyond the context (OPT's offset 2) */
    uint64_t embed_dim;         /* token embedding width when projected in/out of d_model (OPT-350m) */
    bool no_final_norm;         /* OPT-350m (post-norm): no norm before the head */
    uint64_t n_mels;            /* Whisper: mel bins into the audio stem */
    uint64_t patch_in;          /* a linear patch embedding of this many inputs beside the tokens (Fuyu) */
    bool has_vision, has_audio; /* the config declares a vision / audio tower beside the text model */
    lx_tower_hp vision;         /* the vision tower and projector when llmxray can build them (model/hp_tower) */
    lx_audio_hp audio;          /* the audio tower and its projector, likewise */
    uint64_t n_labels;          /* a classification/score head of this many outputs instead of the LM head */

    /* family details the config.json reader fills and model/synth counts from */
    lx_tristate ffn_bias;       /* FFN linear biases (Llama mlp_bias, Falcon bias; GPT-2/BERT yes) */
    lx_tristate router_bias;    /* per-expert router score bias (DeepSeek-V3 e_score_correction_bias) */
    char router_score[12];      /* "softmax" or "sigmoid" ("" = softmax) */
    uint64_t moe_latent;        /* latent MoE: experts work in this width (Nemotron 3 Super) */
    uint64_t act_params;        /* learned scalars of the FFN activation per layer (Apertus' xIELU: 4) */
    bool moe_dense_beside;      /* a dense MLP runs beside the experts in MoE layers (Grok residual_moe) */
    uint32_t l_heads_sliding;   /* query heads of sliding layers when they differ (Step 3.5) */
    uint64_t n_zero_experts;    /* identity/zero experts in the router's choice (LongCat) */
    lx_tristate parallel_block; /* attention and FFN read the same input (Falcon) */
    uint64_t n_block_norms;     /* norms per block where the family varies it (Falcon 1 or 2), 0 default */
    uint64_t n_token_types;     /* BERT token-type vocabulary (type_vocab_size) */
    uint64_t n_dec_layers;      /* encoder-decoder (T5): decoder blocks; n_layers counts the encoder */
    uint64_t rel_attn_buckets;  /* T5 relative-attention buckets */
    uint64_t rel_attn_max_dist; /* T5 relative_attention_max_distance (0 = not declared; T5's default 128) */
    lx_tristate pooler;         /* encoder: the [CLS] dense + tanh (BertModel, ...ForSequenceClassification) */
    lx_tristate mlm_head;       /* encoder: the masked-LM head (...ForMaskedLM); unknown: the record's recipe */
    uint64_t n_nextn_layers;    /* DeepSeek-V3 multi-token-prediction modules in the checkpoint
                                   (num_nextn_predict_layers); counted apart (model/towers) */
    bool mtp_layers_given;      /* layer_bits[n_layers .. + n_nextn_layers) say each MTP block's kind (Step 3.5's
                                   layer_types past the main layers, ERNIE's dense mtp_block); else model/synth
                                   takes the last full-attention layer's */
    lx_quant quant;             /* quantization_config: how the release stores its weights (model/quant) */
} lx_hparams;

#endif
