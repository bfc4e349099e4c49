/* model/tower_hp — the declared hyper-parameters of the towers beside a text model: the
 * vision encoder and the projector that feeds its output into the language model, and the
 * audio encoder with its own projector (hp.audio).
 *
 * Plain values only (part of lx_hparams as hp.vision). Filled by model/hp_tower from a
 * config.json's vision_config (and the few top-level keys a projector reads), consumed by
 * model/towers, which builds their tensors and describes them. Zero means "not declared".
 */
#ifndef LX_MODEL_TOWER_HP_H
#define LX_MODEL_TOWER_HP_H

#include <stdbool.h>
#include <stdint.h>

/* The vision encoders llmxray builds from a config (rows of model/towers' table). */
typedef enum lx_vit_kind {
    LX_VIT_NONE = 0,
    LX_VIT_SIGLIP,   /* SigLIP ViT (Gemma 3, PaliGemma): conv patches, learned positions, LayerNorm, GELU MLP */
    LX_VIT_SIGLIP_TIMM, /* timm's SigLIP so400m (MiniCPM-V): the same with a fused qkv */
    LX_VIT_QWEN2VL,  /* Qwen2-VL: 3D conv patches (two frames), 2D RoPE, fused qkv */
    LX_VIT_QWEN3VL,  /* Qwen3-VL / Qwen3.5: Qwen2-VL's plus learned positions and a patch bias */
    LX_VIT_PIXTRAL,  /* Pixtral (Mistral 3): RMSNorm, SwiGLU, 2D RoPE, no positions table */
    LX_VIT_LLAMA4,   /* Llama 4: class token, learned positions + 2D RoPE, pre/post LayerNorm */
    LX_VIT_GEMMA4,   /* Gemma 4: 2D position table, sandwich RMSNorms, QK-norm, GeGLU */
    LX_VIT_MOONVIT,  /* MoonViT (Kimi K2.5): learned 2D positions + 2D RoPE, fused qkv */
    LX_VIT_CLIP,     /* a clip/mmproj GGUF: the blocks its tensors show */
    LX_VIT_KIND_COUNT
} lx_vit_kind;

/* How the encoder's output reaches the language model. */
typedef enum lx_proj_kind {
    LX_PROJ_NONE = 0,
    LX_PROJ_GEMMA3,    /* soft-embedding RMSNorm + one projection (after 4x4 average pooling) */
    LX_PROJ_GEMMA4,    /* pooling + one projection (its norm has no weight) */
    LX_PROJ_MERGER,    /* Qwen-VL patch merger: LayerNorm, 2x2 patches concatenated, 2-layer MLP (+ DeepStack) */
    LX_PROJ_MISTRAL3,  /* RMSNorm, 2x2 patch merger, 2-layer GELU MLP */
    LX_PROJ_LLAMA4,    /* pixel shuffle + 2-layer MLP, then one projection */
    LX_PROJ_KIMI,      /* LayerNorm, 2x2 patch merger, 2-layer GELU MLP */
    LX_PROJ_RESAMPLER, /* MiniCPM-V: learned queries cross-attending to the patches */
    LX_PROJ_OTHER,     /* a clip GGUF's mm.* tensors of another kind */
    LX_PROJ_KIND_COUNT
} lx_proj_kind;

typedef struct lx_tower_hp {
    lx_vit_kind kind;
    lx_proj_kind proj;
    uint64_t d_model, n_layers, n_heads, head_dim, d_ff;
    uint64_t patch, image, channels, temporal; /* patch side, image side, input channels, frames per patch */
    uint64_t n_pos;          /* learned position rows (0: (image/patch)^2) */
    uint64_t merge;          /* spatial merge side (2: 2x2 patches into one token) */
    uint64_t n_deepstack;    /* Qwen3-VL DeepStack mergers */
    uint64_t n_queries;      /* resampler queries */
    uint64_t proj_in, proj_out; /* Llama 4 pixel-shuffle MLP widths; vision_output_dim in proj_out */
    bool proj_bias;          /* Mistral 3 multimodal_projector_bias */
    bool standardize;        /* Gemma 4 std_bias / std_scale */
    bool clipped;            /* Gemma 4 use_clipped_linears: 4 stored clamp scalars beside each block linear */
} lx_tower_hp;

/* The audio encoders llmxray builds from a config's audio_config (rows of model/towers' table). */
typedef enum lx_aud_kind {
    LX_AUD_NONE = 0,
    LX_AUD_GEMMA4,   /* Gemma 4 (USM-style Conformer): 2 subsampling convs, macaron FFNs, chunked local
                        attention with relative positions, a light depthwise conv; projected by embed_audio */
    LX_AUD_KIND_COUNT
} lx_aud_kind;

typedef struct lx_audio_hp {
    lx_aud_kind kind;
    uint64_t d_model, n_layers, n_heads, head_dim;
    uint64_t conv_ch[2];     /* subsampling_conv_channels: the two stride-2 3x3 convs' outputs */
    uint64_t conv_kernel;    /* conv_kernel_size: the light conv's depthwise kernel */
    uint64_t chunk, ctx_left, ctx_right; /* attention_chunk_size, attention_context_left/right */
    uint64_t out_dim;        /* output_proj_dims: the width the projector reads */
    double logit_cap;        /* attention_logit_cap */
    char act[16];            /* hidden_act of the FFNs and the light conv ("silu") */
    bool clipped;            /* use_clipped_linears: 4 stored clamp scalars beside each clippable linear */
} lx_audio_hp;

#endif
