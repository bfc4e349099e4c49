/* model/arch — the architecture model: what the model is, in one plain struct that every
 * later stage (info text, JSON, layout, infer guard rails) reads.
 *
 * Input: an lx_source (hyper-parameters, plus real tensors when the file has them).
 * When the source has no tensors (config.json, catalogue), model/synth first builds the
 * tensor list the family's code would create, so counting is one path for every input.
 * Tensor names map to roles through one table (model/roles); shapes win over declared
 * hyper-parameters, and every disagreement becomes a warning naming both values.
 *
 * Ownership: lx_arch owns its tensor-role array, groups and warnings; lx_arch_free frees
 * them. It does not own the lx_source it was built from (that must outlive it only if
 * the caller uses arch->src).
 */
#ifndef LX_MODEL_ARCH_H
#define LX_MODEL_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "model/hparams.h"
#include "model/roles.h"
#include "model/towers.h"
#include "read/dtype.h"
#include "model/source.h"
#include "util/err.h"

typedef enum lx_attn_kind { LX_ATTN_MHA, LX_ATTN_GQA, LX_ATTN_MQA, LX_ATTN_MLA } lx_attn_kind;
typedef enum lx_pos_kind { LX_POS_LEARNED, LX_POS_SINUSOIDAL, LX_POS_ROPE, LX_POS_ALIBI, LX_POS_NONE, LX_POS_RELATIVE } lx_pos_kind;
typedef enum lx_norm_kind { LX_NORM_LAYERNORM, LX_NORM_RMSNORM } lx_norm_kind;
typedef enum lx_norm_place { LX_NORM_PRE, LX_NORM_POST, LX_NORM_SANDWICH } lx_norm_place;
typedef enum lx_ffn_kind { LX_FFN_MLP, LX_FFN_GLU, LX_FFN_MOE, LX_FFN_NONE } lx_ffn_kind;

/* One layer as built: its own kinds and sizes (groups and pictures are made from these). */
typedef struct lx_layer {
    lx_mixer mixer;             /* softmax attention or another token mixer */
    lx_ffn_kind ffn;            /* LX_FFN_NONE: the block has no FFN */
    uint32_t bits;              /* lx_layer_kind_bits: sliding, chunked, NoPE, gated, KV shared, indexer */
    uint64_t window;            /* sliding window or chunk size (tokens), 0 = full */
    double rope_theta;          /* 0 = no rotation in this layer (NoPE) or not RoPE */
    uint64_t n_heads, n_kv_heads, head_dim, v_head_dim;
    uint64_t d_ff;              /* dense FFN width, 0 for MoE / none */
    uint64_t kv_bytes;          /* K and V cached per token at 16 bits (0 for linear/SSM layers) */
    uint64_t state_bytes;       /* fixed recurrent state per sequence at 16 bits (linear/SSM/conv) */
    uint64_t params;
} lx_layer;

/* A repeated unit of the layer stack: prefix, then unit x repeat, then suffix (labels per
 * layer as in layer_mix, joined with the FFN kind when the FFN varies). The suffix is the
 * start of the unit (Gemma 3 27B's "+ 2 sliding") or, when irregular_tail, any layers
 * (Nemotron 3 Nano's 17 after 5 x [7-layer unit]). */
typedef struct lx_motif {
    int prefix, unit, repeat, suffix; /* layer counts; prefix + unit * repeat + suffix = n_layers */
    bool found;                       /* a unit repeats at least twice */
    bool irregular_tail;              /* the suffix is not a prefix of the unit */
} lx_motif;

/* Where parameters live. by_component in JSON uses lx_comp_key(). The FFN is split into
 * its parts here; JSON also reports their sum as "ffn". */
typedef enum lx_comp {
    LX_COMP_EMBEDDING, LX_COMP_POSITION, LX_COMP_ATTENTION, LX_COMP_MIXER, LX_COMP_FFN_DENSE,
    LX_COMP_FFN_EXPERTS, LX_COMP_FFN_SHARED, LX_COMP_ROUTER, LX_COMP_NORM, LX_COMP_OUTPUT,
    LX_COMP_OTHER, LX_COMP_COUNT
} lx_comp;

typedef struct lx_count {
    uint64_t params;
    uint64_t bytes;
} lx_count;

/* The parts a checkpoint is made of (JSON "components"): a plain decoder-only model has one
 * decoder; T5 an encoder and a decoder; BERT an encoder; a vision-language model adds a
 * vision encoder and a projector; DeepSeek-V3 an MTP head. The parts' params sum to
 * total_params. Filled by lx_arch_build (model/arch.c, set_subs) from the tensors'
 * roles and layer indices. */
typedef enum lx_sub_kind {
    LX_SUB_DECODER, LX_SUB_ENCODER, LX_SUB_VISION, LX_SUB_AUDIO, LX_SUB_PROJECTOR, LX_SUB_MTP,
    LX_SUB_AUDIO_PROJ,          /* the audio tower's projector (JSON kind "projector", like the vision one) */
    LX_SUB_KIND_COUNT
} lx_sub_kind;

#define LX_MAX_SUBS 8

typedef struct lx_submodel {
    lx_sub_kind kind;
    char name[48];              /* for people: "Text decoder", "Vision encoder", ... */
    int n_layers;               /* its blocks (0 for a projector without blocks) */
    uint64_t params, bytes;
    bool beside;                /* a part beside the language model (model/towers), not one of its stacks */
} lx_submodel;

/* One run of consecutive structurally identical layers. */
typedef struct lx_group {
    int first, last;            /* inclusive layer indices */
    lx_ffn_kind ffn;            /* MLP / GLU / MoE / none in these layers */
    lx_attn_kind attn;
    lx_mixer mixer;             /* the token mixer of these layers (layers[] has per-layer details) */
    lx_count per_layer[LX_COMP_COUNT]; /* ONE layer, by component (bytes: the group's first layer) */
    uint64_t params_per_layer;
    uint64_t bytes;             /* all layers of the group (quantized files mix types per layer) */
    uint64_t d_ff;              /* dense FFN width (0 in MoE layers) */
} lx_group;

typedef struct lx_arch {
    const lx_source *src;
    const lx_tensors *tensors;  /* the source's tensors, or own_tensors when synthesized */
    lx_tensors own_tensors;
    bool synthesized;           /* counts come from formulas (config or catalogue input) */
    lx_role_match *roles;       /* parallel to tensors->v */
    int n_layers;
    lx_hparams hp;              /* resolved: declared values corrected by tensor shapes */
    lx_format format;

    struct {
        lx_attn_kind kind;
        uint64_t n_heads, n_kv_heads, head_dim, v_head_dim;
        uint64_t sliding_window;        /* 0 none */
        int n_sliding_layers;           /* how many layers use the window */
        bool qk_norm, q_bias, k_bias, v_bias, o_bias, fused_qkv;
        bool sinks;                     /* learned per-head attention sinks (gpt-oss) */
        double softcap;                 /* attention logit soft-capping, 0 none */
        uint64_t q_lora_rank, kv_lora_rank, rope_head_dim, nope_head_dim; /* MLA */
    } attn;
    struct {
        lx_pos_kind kind;
        double rope_theta;              /* 0 unless rope */
        uint64_t rope_dims;             /* rotated dims per head */
        char scaling[16];
        double scaling_factor;
    } pos;
    struct {
        lx_norm_kind kind;
        lx_norm_place placement;
        bool bias;
        bool final_norm;
        bool in_branch;                 /* post-norms on the sub-block's output, inside the residual (OLMo 2) */
    } norm;
    bool embed_scaled;                  /* the token embedding is multiplied by sqrt(d_model) (Gemma) */
    struct {
        lx_ffn_kind kind;               /* MoE if any layer is MoE */
        char activation[32];            /* "silu", "gelu", ... (as declared) */
        uint64_t d_ff;                  /* dense width */
        uint64_t n_experts, n_experts_used, n_shared_experts, d_expert, d_shared;
        bool bias;
    } ffn;
    bool tied;
    double final_softcap;

    uint32_t layer_bits[LX_MAX_LAYERS]; /* lx_layer_kind_bits per layer, resolved */
    lx_layer layers[LX_MAX_LAYERS];     /* per layer, n_layers of them */
    lx_motif motif;
    bool encoder_only;                  /* bidirectional encoder (BERT): no causal mask, no KV cache */
    int n_enc_layers;                   /* encoder-decoders: layers[0..n_enc_layers) are the encoder's */
    int n_mixers[LX_MIX_COUNT];         /* layers per token-mixer kind */
    int n_groups;
    lx_group *groups;

    lx_count comp[LX_COMP_COUNT];       /* whole model, by component */
    int n_subs;
    lx_submodel subs[LX_MAX_SUBS];         /* the checkpoint's parts, in drawing order */
    lx_towers towers;                   /* vision / audio towers, projector, MTP modules (model/towers) */
    uint64_t total_params, active_params, total_bytes; /* total: all the checkpoint holds; active: the language model's */
    uint64_t bytes_by_type[LX_DT_COUNT], params_by_type[LX_DT_COUNT];
    double bits_per_weight;             /* total_bytes * 8 / total_params */
    uint64_t kv_bytes_per_token;        /* at 16 bits: the sum of the layers' kv_bytes */
    uint64_t kv_bytes_at_ctx;           /* at 16 bits, at the declared context, windows and chunks honoured
                                           (model/layers; 0 without a context, UINT64_MAX on overflow) */
    uint64_t state_bytes_per_seq;       /* recurrent state of linear/SSM/conv layers, 16 bits */
    uint64_t active_no_embed;           /* active parameters without the input embedding tables */

    char quant_label[64];       /* lx_quant_label of the release, "" when none */
    int n_warnings;
    char **warnings;
} lx_arch;

lx_status lx_arch_build(const lx_source *src, lx_arch *out, lx_err *err);
/* The language model's parameters: total_params without the towers, projectors and MTP
 * modules (by_component sums to this). */
static inline uint64_t lx_arch_lm_params(const lx_arch *a)
{
    return a->towers.any ? a->towers.lm_params : a->total_params;
}
/* Appends a warning (for model/ modules that build parts of the arch). */
void lx_arch_warn(lx_arch *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lx_arch_free(lx_arch *a);
/* The parameters tensor i of a->tensors holds (quantization scales and zero points: 0; a
 * packed quantized weight: the weights it packs). */
uint64_t lx_arch_tensor_params(const lx_arch *a, size_t i);
/* Whether tensor i belongs to an encoder-decoder's encoder: a layer below n_enc_layers, or the
 * encoder's own whole-model tensor (its final norm, positions, audio stem). */
bool lx_arch_in_encoder(const lx_arch *a, size_t i);

const char *lx_attn_kind_name(lx_attn_kind k); /* "MHA" | "GQA" | "MQA" | "MLA" */
const char *lx_pos_kind_name(lx_pos_kind k);   /* "learned" | "sinusoidal" | "rope" | "alibi" | "none" | "relative" (T5) */
const char *lx_norm_kind_name(lx_norm_kind k); /* "layernorm" | "rmsnorm" */
const char *lx_norm_place_name(lx_norm_place p); /* "pre" | "post" | "sandwich" */
const char *lx_ffn_kind_name(lx_ffn_kind k);   /* "mlp" | "glu" | "moe" | "none" */
/* layer_mix label of one layer: "full", "sliding", "chunked", "gated_deltanet", "kda",
 * "lightning", "mamba", "mamba2", "conv", "mlstm", or for a layer with only an FFN its FFN
 * kind ("moe", "mlp"). */
const char *lx_layer_label(const lx_layer *l);
const char *lx_mixer_name(lx_mixer m);         /* "attention", "gated_deltanet", ... */
const char *lx_mixer_label(lx_mixer m);        /* for people: "Gated DeltaNet", ... */
const char *lx_sub_kind_key(lx_sub_kind k);  /* JSON: "decoder" | "encoder" | "vision_encoder" | "audio_encoder" | "projector" | "mtp" */
const char *lx_comp_key(lx_comp c);            /* JSON key: "embedding", "ffn_experts", ... */
const char *lx_comp_label(lx_comp c);          /* for people: "Token embedding", ... */
/* lx_comp_label, named after what a's component holds when that is one thing: "Other" made only
 * of hyper-connection tensors is "mHC hyper-connections" (DeepSeek-V4). */
const char *lx_arch_comp_label(const lx_arch *a, lx_comp c);
/* The layer mix: each distinct lx_layer_label with its count, in order of first appearance;
 * returns how many (labels and counts hold LX_MAX_LAYERS). */
int lx_arch_layer_mix(const lx_arch *a, const char **labels, int *counts);
/* Groups of one layer kind: same token mixer, attention, FFN kind and width, parameters per
 * layer (they may lie apart: alternating or periodic stacks). */
bool lx_arch_groups_same(const lx_group *x, const lx_group *y);
/* The layers of group g's kind over the whole stack: how many, in how many runs, the first
 * and last, and the step when they are single layers equally spaced (layers 3, 5, …, 41: 2),
 * else 0. */
typedef struct lx_kind_span {
    int n_layers, runs, first, last, step;
} lx_kind_span;
lx_kind_span lx_arch_kind_span(const lx_arch *a, int g);
/* The storage type holding most bytes, e.g. "BF16" or "Q8_0"; for quantized labels. When a
 * release's quantization_config packs its weights into plain integers (U8, I8, I32) or mixes
 * schemes, the schemes instead: "FP8 + NVFP4 (modelopt)". */
const char *lx_arch_main_dtype(const lx_arch *a);

#endif
