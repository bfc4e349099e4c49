/* layout/describe_int — internals shared by describe.c (title, spine, blocks, table) and
 * describe_inset.c (attention / feed-forward / MoE insets). Not a public header. */
#ifndef LX_LAYOUT_DESCRIBE_INT_H
#define LX_LAYOUT_DESCRIBE_INT_H

#include <stdio.h>

#include "layout/describe.h"

/* The builder: the arch being described, the output, and a ring of scratch strings for
 * formatted numbers so that one snprintf can hold several of them. */
typedef struct lx_dbuild {
    const lx_arch *a;
    lx_desc *d;
    char ring[24][48];
    int ri;
} lx_dbuild;

/* snprintf that cuts only at UTF-8 character boundaries. */
void lx_dsnprintf(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Formatted numbers, valid until 24 more are made. */
const char *lx_dfmt_th(lx_dbuild *b, uint64_t v);    /* 8,030,261,248 */
/* The noun after a count: "1 layer", "2 layers". */
#define LAYERS(n) ((n) == 1 ? "layer" : "layers")
#define KV_HEADS(n) ((n) == 1 ? "KV head" : "KV heads")
const char *lx_dfmt_short(lx_dbuild *b, uint64_t v); /* 8.03 B */
const char *lx_dfmt_bytes(lx_dbuild *b, uint64_t v); /* 16.06 GB */
const char *lx_dfmt_num(lx_dbuild *b, double v);     /* 500,000 or 0.5 or 1e+06 -> shortest exact */

/* Card setup: zeroes c, sets kind, id, title. */
void lx_dcard(lx_desc_card *c, lx_kind kind, const char *id, const char *title);
/* Appends a subtitle line (ignored when all are in use or s is empty). */
void lx_dcard_sub(lx_desc_card *c, const char *s);

/* Facts about the model used by several parts. */
const char *lx_dact_name(const char *activation); /* "SiLU", "GELU", "ReLU", ... */
const char *lx_dglu_name(const char *activation); /* "SwiGLU", "GeGLU", "ReGLU", "Gated" */
const char *lx_dexpert_name(const lx_arch *a);    /* the experts' kind: "SwiGLU", or "ReLU²" when not gated */
bool lx_dis_encoder(const lx_arch *a);            /* bidirectional attention (BERT-like) */
const char *lx_dnorm_name(const lx_arch *a);      /* "RMSNorm" | "LayerNorm" */
uint64_t lx_dq_head_dim(const lx_arch *a);        /* query/key head dim (MLA: nope + rope) */
int lx_drope_layers(const lx_arch *a);            /* layers that rotate positions */

/* Cards and block steps describe.c builds, for describe_encdec.c. */
void lx_dnorm_card(lx_dbuild *b, lx_desc_card *c, const char *id, const char *prefix);
void lx_dblock_layer(lx_dbuild *b, lx_desc_block *k, const lx_group *g, const lx_layer *l);
const char *lx_dfmt_kib(lx_dbuild *b, uint64_t v); /* 12 KiB, as the KV-cache note says it */
/* Encoder-only and encoder-decoder models (describe_encdec.c): their embeddings, stacks and
 * heads, rewritten after the common description and its insets. */
void lx_dstacks(lx_dbuild *b);
/* The parameter-table label of component c where these models differ ("Pooler and head",
 * "Relative position bias"); leaves label as it is otherwise. */
void lx_drow_label(lx_dbuild *b, lx_comp c, char *label, size_t cap);
/* A parameter-table row's numbers and shares (of the whole checkpoint). */
void lx_drow_fill(lx_dbuild *b, lx_desc_row *r, uint64_t params, uint64_t bytes);
/* The vision tower and MTP modules (describe_towers.c): d->tower, and their table rows
 * (added to *sum / *bsum). */
void lx_dbuild_towers(lx_dbuild *b);
void lx_dbuild_tower_rows(lx_dbuild *b, uint64_t *sum, uint64_t *bsum);

/* Insets (describe_inset.c): fills d->insets and points block cards at them. */
void lx_dbuild_insets(lx_dbuild *b);
lx_desc_inset *lx_dinset_new(lx_dbuild *b, lx_inset_type type, lx_kind kind, const char *id);
lx_desc_card *lx_dpart(lx_desc_inset *in, lx_part p, lx_kind kind, const char *id, const char *title);
void lx_dnote(lx_desc_inset *in, const char *s);
void lx_dset_figure(lx_dbuild *b, lx_desc_inset *in, uint64_t params);
/* Points every block card with this id at inset number `inset`. */
void lx_dlink_inset(lx_dbuild *b, int inset, const char *card_id);

/* Token mixers other than softmax attention (describe_mixer.c): the block card of layer l
 * (of group g), and one inset per mixer kind the model uses. */
void lx_dmixer_card(lx_dbuild *b, lx_desc_card *c, const lx_group *g, const lx_layer *l);
void lx_dmixer_insets(lx_dbuild *b);
/* How the router scores experts: "sigmoid scores + per-expert bias · latent 1,024" ("" plain softmax). */
void lx_dmoe_router_line(lx_dbuild *b, char *out, size_t cap);

#endif
