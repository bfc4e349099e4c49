/* model/towers — the parts of a checkpoint beside its language model: the vision encoder,
 * the projector feeding its output into the language model, audio encoders, and the
 * multi-token-prediction (MTP) modules.
 *
 * Stage: model. Three jobs, one per caller:
 *  - synth (model/synth, config-only input): the tensors of hp->vision's encoder and
 *    projector, with llama.cpp's mmproj names (v.patch_embd, v.blk.N.attn_q, mm.*), and
 *    the extra tensors of each MTP module (blk.N.nextn.*) after the block synth builds;
 *  - parts (model/arch): which part a tensor belongs to, from its name (v.* / mm.* /
 *    a.* in a clip GGUF; vision_tower.*, visual.*, multi_modal_projector.*, ... in
 *    Hugging Face files; an MTP module's layers: index >= the main model's layers);
 *    tensors of a part other than the language model are kept out of its layers and
 *    components;
 *  - accounting (model/arch, after the language model is counted): each part's params and
 *    bytes, its lx_submodel, the totals with and without MTP, and the tower's description
 *    for info and the drawing.
 * Counting rule: params.total is what the checkpoint holds (towers and MTP modules
 * included); params.active and by_component stay the language model's.
 * Ownership: the part array (one byte per tensor) belongs to the lx_arch (lx_towers_free).
 */
#ifndef LX_MODEL_TOWERS_H
#define LX_MODEL_TOWERS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/hparams.h"
#include "read/tensor.h"

struct lx_arch;
struct lx_syn;

/* What the drawing and the info text say about the vision tower (derived, not declared). */
typedef struct lx_tower_desc {
    lx_vit_kind kind;
    lx_proj_kind proj;
    const char *label;       /* "SigLIP ViT", "Qwen3-VL ViT", ... */
    const char *proj_label;  /* "Soft-embedding norm + projection", ... */
    const char *norm;        /* "LayerNorm" | "RMSNorm" */
    const char *mlp;         /* "GELU MLP" | "SwiGLU" | "GeGLU" */
    const char *position;    /* "learned" | "2D RoPE" | "learned + 2D RoPE" | ... */
    uint64_t d_model, n_layers, n_heads, head_dim, d_ff, patch, image, channels, temporal, merge, out_dim;
    uint64_t n_pos, n_deepstack;
    bool fused_qkv, class_token, pre_norm, post_norm;
} lx_tower_desc;

typedef struct lx_towers {
    uint8_t *part;           /* lx_sub_kind per tensor; LX_SUB_DECODER = the language model */
    bool any;                /* some tensor is outside the language model */
    bool tower_only;         /* no language model at all (a clip / mmproj GGUF) */
    bool has_vision;         /* desc is filled */
    bool has_audio;          /* the audio tower of hp.audio is counted; audio_label names it */
    const char *audio_label; /* "Gemma 4 Conformer" */
    uint64_t params[8], bytes[8]; /* per lx_sub_kind (vision, audio, projector, mtp) */
    int n_mtp;               /* MTP modules */
    uint64_t lm_params, lm_bytes; /* the language model alone (by_component sums to lm_params) */
    uint64_t total_without_mtp;
    lx_tower_desc desc;
} lx_towers;

/* synth: the towers and MTP extras of s->hp, appended to s->out. */
void lx_towers_synth(struct lx_syn *s);
/* synth: the MTP module k's own tensors (not its decoder block), prefix "blk.N.nextn.". */
void lx_towers_synth_mtp(struct lx_syn *s, uint64_t layer);

/* arch: the part of each tensor (fills a->towers.part); false on OOM. */
bool lx_towers_classify(struct lx_arch *a);
/* arch: true when tensor i belongs to the language model. */
bool lx_towers_is_lm(const struct lx_arch *a, size_t i);
/* arch, after the language model's accounting: parts, subs, totals, description. */
void lx_towers_account(struct lx_arch *a);
void lx_towers_free(lx_towers *t);

#endif
