/* model/families — the family registry: one record per model family, all a stage needs.
 *
 * Stage: model. Every stage that varies by family reads its record here and nowhere else:
 *  - model/hp_config (config.json -> hparams): hf_types / hf_classes pick the record; the
 *    defaults fill keys the config leaves out (only when every alias of a field is absent);
 *    nest names the sub-objects holding a wrapper's text model; config() reads what only
 *    this family declares and its per-layer pattern;
 *  - model/hp_gguf (GGUF metadata -> hparams): gguf_arch picks the record; gguf_window is
 *    llama.cpp's sliding rule when the file gives only a window; gguf() reads the rest;
 *  - model/synth (hparams -> tensors for config-only input): recipe flags, or build();
 *  - model/arch: hf_roles (family-only tensor names), the generic-model warning;
 *  - infer: tokenizer and engine names.
 * Adding a family = one record in a file of src/model/families/ plus its line in
 * registry.c's list, and its tests (docs/architecture.md, "Adding a family").
 * Ownership: static data only.
 */
#ifndef LX_MODEL_FAMILIES_FAMILY_H
#define LX_MODEL_FAMILIES_FAMILY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/hparams.h"
#include "model/roles.h"
#include "read/gguf.h"
#include "read/jsoncfg.h"

/* How a family's decoder block differs from Llama's (model/synth). */
enum lx_recipe_flag {
    LX_R_FUSED_QKV = 1u << 0,    /* one attn_qkv projection (GPT-2, Falcon, Phi-3) */
    LX_R_NO_O_BIAS = 1u << 1,    /* q/k/v biases but none on the output projection (Qwen2) */
    LX_R_SANDWICH = 1u << 2,     /* pre and post norms around both sub-blocks (Gemma 2/3) */
    LX_R_POST_ONLY = 1u << 3,    /* norms only after each sub-block (OLMo 2) */
    LX_R_QK_FULL = 1u << 4,      /* q/k norms over the whole projection, not per head (OLMo 2) */
    LX_R_QK_NO_WEIGHT = 1u << 5, /* q/k normalisation without parameters (Llama 4's L2 norm) */
    LX_R_GATE_UP = 1u << 6,      /* one fused gate+up projection (Phi-3) */
    LX_R_SINKS = 1u << 7,        /* per-head attention sinks (gpt-oss) */
    LX_R_EXPERT_BIAS = 1u << 8,  /* biases on the expert projections (gpt-oss) */
    LX_R_ROUTER_BIAS = 1u << 9,  /* the router Linear has a bias (gpt-oss) */
    LX_R_SHEXP_GATE = 1u << 10,  /* a sigmoid gate on the shared expert (Qwen2-MoE) */
    LX_R_FALCON_NORMS = 1u << 11, /* 1 or 2 norms per block, per hp->n_block_norms */
    LX_R_PARALLEL = 1u << 12,    /* attention and FFN read one norm's output (GPT-J, Cohere, Phi-2) */
    LX_R_NO_FINAL_NORM = 1u << 13, /* no norm before the head */
    LX_R_EMBD_NORM = 1u << 14,   /* a norm right after the token embedding (BLOOM) */
    LX_R_HEAD_BIAS = 1u << 15,   /* the output head has a bias (Phi-2, GPT-J) */
    LX_R_NORM_NO_BIAS = 1u << 16, /* LayerNorm without bias (Cohere, OLMo, StableLM 2) */
    LX_R_MLM_HEAD = 1u << 17,    /* encoder: masked-LM head (transform, norm, tied decoder + bias) */
    LX_R_NO_POOLER = 1u << 18,   /* encoder: no pooler */
    LX_R_ENCODER = 1u << 19,     /* bidirectional encoder: nothing is cached per token */
    LX_R_SSM_NORMS = 1u << 20,   /* Mamba layers normalise dt, B and C (Jamba) */
    LX_R_NO_SYNTH = 1u << 21,    /* read from files only: no tensor list from hyper-parameters (clip) */
    LX_R_MTP = 1u << 22,         /* num_nextn_predict_layers MTP modules: a decoder block + enorm, hnorm, eh_proj, norm */
    LX_R_MTP_HEAD = 1u << 23,    /* each MTP module stores its own embedding and head copy (DeepSeek-V3, GLM) */
    LX_R_EMBED_SCALE = 1u << 24, /* the token embedding is multiplied by sqrt(d_model) (Gemma) */
    LX_R_MTP_OWN_HEAD = 1u << 25, /* each MTP module stores its own head, not the embedding (Step 3.5) */
    LX_R_MTP_NO_NORM = 1u << 26  /* an MTP module has no final norm of its own: it shares the model's (ERNIE 4.5) */
};

/* What a config hook works on: the config (scoped to the text model) and the hparams. */
typedef struct lx_fam_cfg {
    lx_jcfg *j;
    lx_hparams *hp;
    double rotary_frac; /* partial_rotary_factor, 0 when absent */
} lx_fam_cfg;

typedef struct lx_syn lx_syn; /* model/synth's builder state */

typedef struct lx_family {
    const char *name;              /* canonical, lx_hparams.family: "qwen3next" */
    const char *label;             /* for people: "Qwen3-Next" */
    const char *const *hf_types;   /* config.json model_type spellings, NULL-terminated */
    const char *const *hf_classes; /* architectures[] class-name prefixes, NULL-terminated */
    bool (*detect)(const lx_jcfg *j); /* a config without model_type or architectures is this family */
    const char *gguf_arch;         /* llama.cpp general.architecture, NULL when it has none */
    const char *gguf_prefix;       /* where its GGUF keys live when not "<gguf_arch>." */
    const char *position;          /* "rope", "learned", "alibi", "relative", "none" */
    const char *norm;              /* "rmsnorm", "layernorm" */
    const char *activation;        /* what a GGUF file never says: "silu", "gelu", ... */
    lx_tristate gated, qk_norm;
    const char *defaults;          /* the transformers config class's defaults, a JSON object */
    const char *const *layer_keys; /* count keys this family may give as per-layer arrays (its hook reads them) */
    void (*config)(lx_fam_cfg *c); /* what only this family declares; NULL = nothing */
    int gguf_window;               /* LX_FAM_WINDOW_ALL, _NONE, or the period of global layers */
    bool (*gguf)(const lx_gguf *g, const char *prefix, lx_hparams *hp, lx_err *err); /* may be NULL */
    const lx_role_pattern *hf_roles; /* tensor names only this family uses (NULL-pat ended), or NULL */
    unsigned recipe;               /* enum lx_recipe_flag */
    void (*build)(lx_syn *s);      /* NULL: model/synth's decoder */
    lx_mixer linear_mixer;         /* what layer_types' "linear_attention" means here */
    const char *tokenizer;         /* "spm", "bpe", "wpm", NULL unknown */
    const char *engine;            /* infer engine, NULL when it cannot run */
} lx_family;

enum { LX_FAM_WINDOW_ALL = 0, LX_FAM_WINDOW_NONE = -1 };

/* Hugging Face's pre-norm BART-scheme names (mBART, Whisper): fam_bart.c. */
extern const lx_role_pattern lx_bart_pre_roles[];

/* ---- the registry (registry.c) ---- */
size_t lx_family_count(void);
const lx_family *lx_family_at(size_t i);
const lx_family *lx_family_by_name(const char *name);     /* canonical name */
const lx_family *lx_family_by_hf_type(const char *model_type);
const lx_family *lx_family_by_hf_class(const char *architecture);
const lx_family *lx_family_by_gguf(const char *arch);
/* The first record whose detect() recognises a config that names no model_type. */
const lx_family *lx_family_detect(const lx_jcfg *j);

/* ---- helpers for config hooks (fam_util.c) ---- */
void lx_fam_bits(lx_hparams *hp, uint64_t layer, uint32_t bits);
/* A declared window applies to every layer (Mistral, Phi-3). */
void lx_fam_window_all(lx_fam_cfg *c);
/* Every period-th layer is global, the others slide (Gemma 2: 2; Gemma 3: 6). */
void lx_fam_window_every(lx_fam_cfg *c, uint64_t period);
/* Qwen: use_sliding_window, then layers from max_window_layers on. */
void lx_fam_window_qwen(lx_fam_cfg *c);
/* Marks the layers an index array at key lists (mlp_only_layers). */
void lx_fam_mark_listed(lx_fam_cfg *c, const char *key, uint32_t bits);
/* Qwen-style MoE spacing: layer i is sparse when (i+1) % decoder_sparse_step == 0 and not
 * listed in mlp_only_layers. */
void lx_fam_qwen_moe_layers(lx_fam_cfg *c);
/* A per-layer array of counts at key into dst (uint32 or uint64 per elem_size); false when
 * absent. Errors name the element. */
bool lx_fam_layer_counts(lx_fam_cfg *c, const char *key, void *dst, size_t elem_size);
lx_tristate lx_fam_tri(bool b);
void lx_fam_copy(char *dst, size_t cap, const char *src);

#endif
