/* layout/describe — what a diagram says, before any geometry.
 *
 * Stage: layout, first step. Input: an lx_arch (model/arch). Output: an lx_desc — every
 * string and number of the architecture diagram, grouped by where it appears: the title,
 * the spine (input to next-token probabilities), one block per distinct layer kind (drawn
 * once with "× N"), the zoom-in insets (attention, feed-forward, mixture of experts), the
 * layer-pattern strip and the parameter table. layout/arch_layout turns it into a scene;
 * render/term prints it as text. Both therefore say exactly the same things.
 *
 * Numbers are formatted for people here, once: exact counts with thousands separators,
 * shapes with "×" and widths with "→". Strings that come from the model file (its name,
 * family) are copied raw; every output stage escapes them.
 *
 * Ownership: lx_desc_build returns a heap object owned by the caller, freed by
 * lx_desc_free; it holds no pointer into the lx_arch.
 */
#ifndef LX_LAYOUT_DESCRIBE_H
#define LX_LAYOUT_DESCRIBE_H

#include <stdbool.h>
#include <stdint.h>

#include "layout/scene.h"
#include "model/arch.h"

#define LX_DESC_MAX_SUB 3
#define LX_DESC_MAX_BLOCKS 4
#define LX_DESC_MAX_STEPS 40
#define LX_DESC_MAX_SPINE 8
#define LX_DESC_MAX_NOTES 4
#define LX_DESC_MAX_ROWS 12
#define LX_DESC_MAX_STRIPS 4
#define LX_DESC_MAX_INSETS 7
#define LX_DESC_MAX_CATS 6

typedef struct lx_desc_card {
    lx_kind kind;
    char id[24];                          /* stable id part: "embed", "attn", ... */
    char title[96];
    char sub[LX_DESC_MAX_SUB][160];       /* "" = absent */
    char figure[48];                      /* right-aligned short number, "" none */
    char badge[64];                       /* side badge (RoPE θ), "" none */
    char tip[384];                        /* tooltip: shapes and counts */
    bool pill;                            /* rounded ends: input text, softmax */
    int inset;                            /* index into lx_desc.insets zoomed from here, -1 none */
} lx_desc_card;

typedef enum lx_step_type {
    LX_STEP_CARD,  /* a component */
    LX_STEP_FORK,  /* the residual stream branches off here */
    LX_STEP_ADD,   /* ⊕: the branch is added back */
    LX_STEP_PAIR,  /* two components side by side on the same input (parallel attention + FFN) */
    LX_STEP_LABEL  /* inside a motif: names the layer kind drawn next ("3 × Gated DeltaNet layer"), card.title */
} lx_step_type;

typedef struct lx_desc_step {
    lx_step_type type;
    lx_desc_card card;  /* LX_STEP_CARD, and the first of LX_STEP_PAIR */
    lx_desc_card card2; /* LX_STEP_PAIR: the second */
} lx_desc_step;

/* One distinct kind of layer, drawn once; or one repeated motif of layers (Qwen3-Next's
 * "12 × [3 × Gated DeltaNet, 1 × gated attention]"), each distinct kind of its unit drawn
 * once inside, after a LX_STEP_LABEL. */
typedef struct lx_desc_block {
    char caption[320];      /* "Transformer block · layers 0–31" */
    char badge[24];         /* "× 32" */
    int n_layers;
    int n_steps;
    lx_desc_step steps[LX_DESC_MAX_STEPS];
} lx_desc_block;

typedef enum lx_inset_type {
    LX_INSET_ATTN,  /* MHA / GQA / MQA */
    LX_INSET_MLA,   /* multi-head latent attention */
    LX_INSET_GLU,   /* gated feed-forward */
    LX_INSET_MLP,   /* plain two-layer MLP */
    LX_INSET_MOE,   /* router + experts */
    LX_INSET_LINEAR, /* linear attention (Gated DeltaNet, KDA): Q/K/V row, then a chain of full-width steps */
    LX_INSET_CHAIN  /* a chain of full-width steps (Mamba, Mamba-2, short convolution, ...) */
} lx_inset_type;

/* Parts of an inset, by role; the layout looks them up to place them. */
typedef enum lx_part {
    LX_PART_Q, LX_PART_K, LX_PART_V, LX_PART_Q_NORM, LX_PART_K_NORM, LX_PART_Q_ROPE, LX_PART_K_ROPE,
    LX_PART_SDPA, LX_PART_OUT,
    LX_PART_Q_DOWN, LX_PART_Q_DOWN_NORM, LX_PART_Q_UP, LX_PART_KV_DOWN, LX_PART_KV_NORM, LX_PART_KV_UP,
    LX_PART_GATE, LX_PART_UP, LX_PART_ACT, LX_PART_DOWN,
    LX_PART_ROUTER, LX_PART_EXPERT, LX_PART_SHARED, LX_PART_COMBINE,
    LX_PART_V_CONV,   /* linear attention: the convolution on V (Q_NORM/K_NORM hold Q's and K's, Q_ROPE/K_ROPE their L2 norms) */
    LX_PART_IN_PROJ,  /* state-space / convolution in-projection */
    LX_PART_CONV,     /* causal depthwise convolution */
    LX_PART_GATES,    /* decay / write gates (α, β; Δ) */
    LX_PART_STATE,    /* the recurrent state update */
    LX_PART_OGATE,    /* output gate (and norm) */
    LX_PART_COUNT
} lx_part;

typedef struct lx_desc_inset {
    lx_inset_type type;
    lx_kind kind;
    char id[16];                           /* "attn", "ffn", "moe" */
    char title[112];
    char figure[64];                       /* "41,943,040 parameters per layer" */
    bool has[LX_PART_COUNT];
    lx_desc_card part[LX_PART_COUNT];
    char heads_note[192];                  /* how query heads share KV heads ("" none) */
    int n_notes;
    char notes[LX_DESC_MAX_NOTES][192];    /* explanatory sentences at the bottom */
    uint64_t n_heads, n_kv_heads;          /* for the head-sharing drawing */
    uint64_t n_experts, n_used, n_shared;  /* for the expert grid */
    int mixer;                             /* LINEAR / CHAIN: the token mixer (lx_mixer) */
    int n_chain;                           /* LINEAR / CHAIN: the full-width steps, top to bottom */
    lx_part chain[8];
    int block, step;                       /* the block step this inset zooms into */
    bool second;                           /* ... its second card (LX_STEP_PAIR) */
} lx_desc_inset;

/* One value a strip cell can take, in legend order. */
typedef struct lx_desc_cat {
    char label[48];         /* "sliding window 4,096", "global (full context)", "Gated DeltaNet" */
    lx_kind kind;
    bool strong;            /* the strong colour (else the light tint) */
    bool mark;              /* terminal: the "on" glyph, bold (else the "off" glyph) */
    char letter;            /* terminal without colour: this letter instead of the glyph, 0 none */
} lx_desc_cat;

/* One row of the layer-pattern strip: which value each layer has. Two-valued rows put the
 * marked value first ("sliding" before "global"). */
typedef struct lx_desc_strip {
    char label[32];         /* "token mixer", "attention", "feed-forward", "position" */
    int n_cats;
    lx_desc_cat cat[LX_DESC_MAX_CATS];
    uint8_t cell[LX_MAX_LAYERS]; /* index into cat per layer */
} lx_desc_strip;

typedef struct lx_desc_row {
    lx_kind kind;
    char label[48];         /* "Attention" */
    char detail[48];        /* "32 × 41.9 M" */
    uint64_t params, bytes;
    char params_s[32], share_s[16], bytes_s[24], bits_s[16];
} lx_desc_row;

/* The vision tower drawn beside the spine (describe_towers.c): its input and embeddings,
 * one repeated block, the norm after it and the projector whose output joins the token
 * embedding; and the MTP modules drawn beside the output head. */
#define LX_DESC_TOWER_CARDS 5
typedef struct lx_desc_tower {
    bool present;
    char title[96];          /* "Vision encoder · SigLIP ViT" */
    char figure[48];         /* its parameters, "416.9 M" */
    int n_top, n_block, n_bottom;
    lx_desc_card top[LX_DESC_TOWER_CARDS];    /* image, patch embedding, positions, pre-norm */
    lx_desc_card block[LX_DESC_TOWER_CARDS];  /* norm, attention, norm, MLP (one block) */
    lx_desc_card bottom[LX_DESC_TOWER_CARDS]; /* post-norm, projector */
    char block_caption[96];  /* "ViT block · bidirectional attention" */
    char block_badge[16];    /* "× 27" */
    bool has_mtp;
    lx_desc_card mtp;        /* beside the output head */
} lx_desc_tower;

typedef struct lx_desc {
    char name[160];         /* model name (raw, from the file) */
    char subtitle[3][512];  /* facts under the title; [2]: the first warning, "" when none */
    int n_spine_top, n_spine_bottom;
    lx_desc_card spine_top[LX_DESC_MAX_SPINE];    /* input ... embeddings */
    lx_desc_card spine_bottom[LX_DESC_MAX_SPINE]; /* final norm ... softmax */
    int n_blocks;
    lx_desc_block blocks[LX_DESC_MAX_BLOCKS];
    /* Encoder-decoders (describe_encdec.c): blocks[0..n_enc_blocks) are the encoder's, drawn
     * in a column of their own left of the decoder's; spine_top starts the encoder column and
     * enc_bottom ends it (its final norm, its output, which feeds the decoder cards with id
     * "xattn"); dec_top starts the decoder column, spine_bottom ends it. 0: one stack. */
    int n_enc_blocks, n_enc_bottom, n_dec_top;
    lx_desc_card enc_bottom[LX_DESC_MAX_SPINE];
    lx_desc_card dec_top[LX_DESC_MAX_SPINE];
    char blocks_more[128];  /* when more distinct layer kinds exist than are drawn */
    int n_insets;
    lx_desc_inset insets[LX_DESC_MAX_INSETS];
    int n_layers, n_strips;
    lx_desc_strip strips[LX_DESC_MAX_STRIPS];
    char strip_title[64];
    int n_rows;
    lx_desc_row rows[LX_DESC_MAX_ROWS];
    lx_desc_row total;
    bool show_bits;         /* quantized or mixed storage: show bits per weight per row */
    char params_title[96];  /* "Where the 8.03 B parameters are" */
    char active_note[192];  /* MoE: active parameters per token */
    char kv_note[256];      /* KV cache per token */
    lx_desc_tower tower;    /* vision tower and MTP modules beside the spine (present = false: none) */
    lx_desc_tower audio;    /* the audio tower, below the vision tower in the same column (has_mtp unused) */
} lx_desc;

lx_desc *lx_desc_build(const lx_arch *a, lx_err *err);
void lx_desc_free(lx_desc *d);

/* Number of subtitle lines in use. */
int lx_desc_card_nsub(const lx_desc_card *c);

#endif
