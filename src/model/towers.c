/* model/towers — see towers.h.
 *
 * The encoders are one ViT builder and a table of how each kind differs (its norms, fused
 * qkv, biases, gated MLP, position tables); the projectors have one builder each. Sizes
 * follow the Hugging Face modeling code of each model (SiglipVisionModel,
 * Qwen2VisionTransformerPretrainedModel, Qwen3VLVisionModel, PixtralVisionModel,
 * Llama4VisionModel, Gemma4's vision tower, MoonViT, timm's VisionTransformer + MiniCPM-V's
 * Resampler); the names are llama.cpp's mmproj names, so a config and a clip GGUF are
 * counted and drawn by the same code.
 */
#include "model/towers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/arch.h"
#include "model/families/family.h"
#include "model/synth_int.h"

_Static_assert(LX_SUB_KIND_COUNT <= 8, "lx_towers counts 8 kinds of parts");

typedef struct lx_syn syn;

enum tower_flag {
    T_LN = 1u << 0,        /* LayerNorm with bias (else RMSNorm without) */
    T_QKV = 1u << 1,       /* one fused qkv projection */
    T_ATTN_BIAS = 1u << 2, /* q/k/v/o biases */
    T_GLU = 1u << 3,       /* gated MLP (gate, up, down) without biases */
    T_SANDWICH = 1u << 4,  /* norms before and after both sub-blocks (Gemma 4) */
    T_QK_NORM = 1u << 5,   /* per-head q/k RMSNorm */
    T_PATCH_BIAS = 1u << 6,
    T_CLASS = 1u << 7,     /* a class token and its position row */
    T_POS = 1u << 8,       /* a learned position table */
    T_POS_2D = 1u << 9,    /* a table per axis (Gemma 4: 2 x n_pos) */
    T_ROPE_2D = 1u << 10,  /* 2D rotary positions in attention */
    T_PRE_LN = 1u << 11,   /* a norm before the first block */
    T_POST_LN = 1u << 12,  /* a norm after the last block */
};

typedef struct tower_recipe {
    const char *label;
    unsigned flags;
} tower_recipe;

static const tower_recipe RECIPES[LX_VIT_KIND_COUNT] = {
    [LX_VIT_SIGLIP] = {"SigLIP ViT", T_LN | T_ATTN_BIAS | T_PATCH_BIAS | T_POS | T_POST_LN},
    [LX_VIT_SIGLIP_TIMM] = {"SigLIP ViT (timm)", T_LN | T_QKV | T_ATTN_BIAS | T_PATCH_BIAS | T_POS | T_POST_LN},
    [LX_VIT_QWEN2VL] = {"Qwen2-VL ViT", T_LN | T_QKV | T_ATTN_BIAS | T_ROPE_2D},
    [LX_VIT_QWEN3VL] = {"Qwen3-VL ViT", T_LN | T_QKV | T_ATTN_BIAS | T_PATCH_BIAS | T_POS | T_ROPE_2D},
    [LX_VIT_PIXTRAL] = {"Pixtral ViT", T_GLU | T_ROPE_2D | T_PRE_LN},
    [LX_VIT_LLAMA4] = {"Llama 4 ViT", T_LN | T_ATTN_BIAS | T_CLASS | T_POS | T_ROPE_2D | T_PRE_LN | T_POST_LN},
    [LX_VIT_GEMMA4] = {"Gemma 4 ViT", T_GLU | T_SANDWICH | T_QK_NORM | T_POS_2D | T_ROPE_2D},
    [LX_VIT_MOONVIT] = {"MoonViT", T_LN | T_QKV | T_ATTN_BIAS | T_PATCH_BIAS | T_POS | T_ROPE_2D | T_POST_LN},
    [LX_VIT_CLIP] = {"ViT", 0},
};

static const char *const PROJ_LABELS[LX_PROJ_KIND_COUNT] = {
    [LX_PROJ_NONE] = "",
    [LX_PROJ_GEMMA3] = "Average pooling, soft-embedding RMSNorm, projection",
    [LX_PROJ_GEMMA4] = "Pooling + projection",
    [LX_PROJ_MERGER] = "Patch merger: LayerNorm, 2x2 concat, MLP",
    [LX_PROJ_MISTRAL3] = "RMSNorm, 2x2 patch merger, GELU MLP",
    [LX_PROJ_LLAMA4] = "Pixel shuffle MLP + projection",
    [LX_PROJ_KIMI] = "LayerNorm, 2x2 patch merger, GELU MLP",
    [LX_PROJ_RESAMPLER] = "Resampler: queries cross-attend to patches",
    [LX_PROJ_OTHER] = "Projector",
};

/* ---------------------------------------------------------------- synth: the encoder */

static void t_norm(syn *s, const char *name, uint64_t n, bool ln)
{
    lx_syn_add(s, 1, n, 0, 0, "%s%s.weight", s->pfx, name);
    if (ln) lx_syn_add(s, 1, n, 0, 0, "%s%s.bias", s->pfx, name);
}

/* The four clamp scalars a Gemma 4 clippable linear stores beside its weight. */
static void t_clamps(syn *s, bool clipped, const char *base)
{
    static const char *const CLAMPS[] = {"input_min", "input_max", "output_min", "output_max"};
    for (size_t i = 0; clipped && i < 4; i++) lx_syn_add(s, 0, 0, 0, 0, "%s%s.%s", s->pfx, base, CLAMPS[i]);
}

static void t_lin(syn *s, bool clipped, const char *base, uint64_t out, uint64_t in, bool bias)
{
    lx_syn_lin(s, base, out, in, bias);
    t_clamps(s, clipped, base);
}

static void t_block(syn *s, const lx_tower_hp *t, unsigned f, uint64_t i)
{
    snprintf(s->pfx, sizeof s->pfx, "v.blk.%u.", (unsigned)i);
    uint64_t d = t->d_model, q = t->n_heads * t->head_dim;
    bool ln = f & T_LN, b = f & T_ATTN_BIAS, c = t->clipped;
    t_norm(s, "ln1", d, ln);
    if (f & T_QKV) {
        t_lin(s, c, "attn_qkv", 3 * q, d, b);
    } else {
        t_lin(s, c, "attn_q", q, d, b);
        t_lin(s, c, "attn_k", q, d, b);
        t_lin(s, c, "attn_v", q, d, b);
    }
    if (f & T_QK_NORM) {
        t_norm(s, "attn_q_norm", t->head_dim, false);
        t_norm(s, "attn_k_norm", t->head_dim, false);
    }
    t_lin(s, c, "attn_out", d, q, b);
    if (f & T_SANDWICH) t_norm(s, "attn_post_norm", d, ln);
    t_norm(s, "ln2", d, ln);
    if (f & T_GLU) t_lin(s, c, "ffn_gate", t->d_ff, d, false);
    t_lin(s, c, "ffn_up", t->d_ff, d, !(f & T_GLU));
    t_lin(s, c, "ffn_down", d, t->d_ff, !(f & T_GLU));
    if (f & T_SANDWICH) t_norm(s, "ffn_post_norm", d, ln);
}

static uint64_t n_positions(const lx_tower_hp *t, unsigned f)
{
    if (t->n_pos) return t->n_pos;
    uint64_t side = t->patch && t->image ? t->image / t->patch : 0;
    return side * side + ((f & T_CLASS) ? 1 : 0);
}

static void t_encoder(syn *s, const lx_tower_hp *t)
{
    unsigned f = RECIPES[t->kind].flags;
    uint64_t d = t->d_model, in = t->channels * t->patch * t->patch * (t->temporal ? t->temporal : 1);
    s->pfx[0] = '\0';
    lx_syn_add(s, 2, d, in, 0, "v.patch_embd.weight");
    if (f & T_PATCH_BIAS) lx_syn_add(s, 1, d, 0, 0, "v.patch_embd.bias");
    if (f & T_CLASS) lx_syn_add(s, 1, d, 0, 0, "v.class_embd");
    if (f & T_POS) lx_syn_add(s, 2, n_positions(t, f), d, 0, "v.position_embd.weight");
    if (f & T_POS_2D) lx_syn_add(s, 3, 2, t->n_pos, d, "v.position_embd.weight");
    if (t->standardize) {
        lx_syn_add(s, 1, d, 0, 0, "v.std_bias");
        lx_syn_add(s, 1, d, 0, 0, "v.std_scale");
    }
    if (f & T_PRE_LN) t_norm(s, "v.pre_ln", d, f & T_LN);
    for (uint64_t i = 0; i < t->n_layers && !lx_err_failed(s->err); i++) t_block(s, t, f, i);
    s->pfx[0] = '\0';
    if (f & T_POST_LN) t_norm(s, "v.post_ln", d, f & T_LN);
}

/* ---------------------------------------------------------------- synth: the projectors */

/* Qwen-VL's merger (2x2 patches concatenated, LayerNorm before or after, 2-layer MLP) and
 * its DeepStack copies (norm after the concatenation), into the text width. */
static void p_merger(syn *s, const char *base, uint64_t vd, uint64_t m, uint64_t out, bool post_norm)
{
    uint64_t h = vd * m * m;
    snprintf(s->pfx, sizeof s->pfx, "%s", base);
    t_norm(s, "norm", post_norm ? h : vd, true);
    lx_syn_lin(s, "fc1", h, h, true);
    lx_syn_lin(s, "fc2", out, h, true);
}

static void p_qwen(syn *s, const lx_tower_hp *t)
{
    uint64_t m = t->merge ? t->merge : 2, out = s->hp->d_model;
    p_merger(s, "mm.", t->d_model, m, out, false);
    for (uint64_t k = 0; k < t->n_deepstack && !lx_err_failed(s->err); k++) {
        char base[32];
        snprintf(base, sizeof base, "mm.deepstack.%u.", (unsigned)k);
        p_merger(s, base, t->d_model, m, out, true);
    }
}

static void p_resampler(syn *s, const lx_tower_hp *t)
{
    uint64_t e = s->hp->d_model, q = t->n_queries ? t->n_queries : 64;
    snprintf(s->pfx, sizeof s->pfx, "mm.resampler.");
    lx_syn_add(s, 2, q, e, 0, "mm.resampler.query");
    lx_syn_add(s, 2, q, e, 0, "mm.resampler.pos_embed"); /* fixed 2D sin-cos, stored */
    lx_syn_lin(s, "kv", e, t->d_model, false);
    lx_syn_lin(s, "attn.in_proj", 3 * e, e, true);
    lx_syn_lin(s, "attn.out", e, e, true);
    t_norm(s, "ln_q", e, true);
    t_norm(s, "ln_kv", e, true);
    t_norm(s, "ln_post", e, true);
    lx_syn_add(s, 2, e, e, 0, "mm.resampler.proj");
}

static void t_projector(syn *s, const lx_tower_hp *t)
{
    uint64_t vd = t->d_model, td = s->hp->d_model, m = t->merge ? t->merge : 2;
    s->pfx[0] = '\0';
    switch (t->proj) {
    case LX_PROJ_GEMMA3:
        lx_syn_add(s, 1, vd, 0, 0, "mm.soft_emb_norm.weight");
        lx_syn_add(s, 2, vd, td, 0, "mm.input_projection.weight");
        break;
    case LX_PROJ_GEMMA4: lx_syn_add(s, 2, td, vd, 0, "mm.input_projection.weight"); break;
    case LX_PROJ_MERGER: p_qwen(s, t); break;
    case LX_PROJ_MISTRAL3:
        lx_syn_add(s, 1, vd, 0, 0, "mm.input_norm.weight");
        lx_syn_add(s, 2, vd, vd * m * m, 0, "mm.patch_merger.weight");
        lx_syn_lin(s, "mm.1", td, vd, t->proj_bias);
        lx_syn_lin(s, "mm.2", td, td, t->proj_bias);
        break;
    case LX_PROJ_LLAMA4: /* pixel shuffle (d_model x 4 = d_ff) -> fc1 -> fc2, then linear_1 */
        lx_syn_lin(s, "mm.pixel_mlp.fc1", t->proj_in, t->d_ff, false);
        lx_syn_lin(s, "mm.pixel_mlp.fc2", t->proj_out, t->proj_out, false);
        lx_syn_lin(s, "mm.model.fc", td, t->proj_out, false);
        break;
    case LX_PROJ_KIMI: p_merger(s, "mm.", vd, m, td, false); break;
    case LX_PROJ_RESAMPLER: p_resampler(s, t); break;
    default: break;
    }
    s->pfx[0] = '\0';
}

/* ---------------------------------------------------------------- synth: the audio tower */

static const char *const AUDIO_LABELS[LX_AUD_KIND_COUNT] = {
    [LX_AUD_NONE] = "", [LX_AUD_GEMMA4] = "Gemma 4 Conformer",
};

/* Gemma 4's audio tower (Gemma4AudioModel) with llama.cpp's mmproj names (a.*, mm.a.*):
 * two 3x3 stride-2 convs without bias, each with a bias-free LayerNorm; a linear from the
 * flattened (channels_0 / 4) x channels_1 features into d_model; per Conformer layer two
 * macaron FFNs (d -> 4d -> d, SiLU, RMSNorm before and after), chunked local attention
 * (q, k, v, out, the relative-position key projection, a per-dimension query scale, RMSNorm
 * before and after), a light conv (RMSNorm, d -> 2d GLU, depthwise conv of conv_kernel taps,
 * RMSNorm, d -> d) and a final RMSNorm; an output projection with bias into output_proj_dims.
 * Each clippable linear stores four clamp scalars (input/output min/max) beside its weight. */
static void a_lin(syn *s, const lx_audio_hp *t, const char *base, uint64_t out, uint64_t in)
{
    t_lin(s, t->clipped, base, out, in, false);
}

/* A 3x3 Conv2d weight {out, in, 3, 3}. */
static void a_conv2d(syn *s, uint64_t out, uint64_t in, int i)
{
    lx_syn_add(s, 3, out, in, 3, "a.conv1d.%d.weight", i);
    if (lx_err_failed(s->err) || !s->out->n) return;
    lx_tensor *w = &s->out->v[s->out->n - 1];
    w->n_dims = 4, w->shape[3] = 3, w->n_elems *= 3;
    lx_dtype_bytes(w->type, w->n_elems, &w->n_bytes);
    lx_syn_add(s, 1, out, 0, 0, "a.conv1d.%d.norm.weight", i);
}

static void a_ffn(syn *s, const lx_audio_hp *t, const char *sfx)
{
    char nm[32];
    uint64_t d = t->d_model;
    snprintf(nm, sizeof nm, "ffn_norm%s", sfx), t_norm(s, nm, d, false);
    snprintf(nm, sizeof nm, "ffn_up%s", sfx), a_lin(s, t, nm, 4 * d, d);
    snprintf(nm, sizeof nm, "ffn_down%s", sfx), a_lin(s, t, nm, d, 4 * d);
    snprintf(nm, sizeof nm, "ffn_post_norm%s", sfx), t_norm(s, nm, d, false);
}

static void a_layer(syn *s, const lx_audio_hp *t, uint64_t i)
{
    uint64_t d = t->d_model;
    snprintf(s->pfx, sizeof s->pfx, "a.blk.%u.", (unsigned)i);
    a_ffn(s, t, "");
    t_norm(s, "attn_pre_norm", d, false);
    a_lin(s, t, "attn_q", d, d);
    a_lin(s, t, "attn_k", d, d);
    a_lin(s, t, "attn_v", d, d);
    a_lin(s, t, "attn_out", d, d);
    lx_syn_lin(s, "attn_k_rel", d, d, false);
    t_norm(s, "per_dim_scale", t->head_dim, false);
    t_norm(s, "attn_post_norm", d, false);
    t_norm(s, "conv_norm", d, false);
    a_lin(s, t, "conv_pw1", 2 * d, d);
    lx_syn_add(s, 2, d, t->conv_kernel, 0, "%sconv_dw.weight", s->pfx);
    t_norm(s, "norm_conv", d, false);
    a_lin(s, t, "conv_pw2", d, d);
    a_ffn(s, t, "_1");
    t_norm(s, "ln2", d, false);
}

static void a_tower(syn *s, const lx_audio_hp *t)
{
    s->pfx[0] = '\0';
    a_conv2d(s, t->conv_ch[0], 1, 0);
    a_conv2d(s, t->conv_ch[1], t->conv_ch[0], 1);
    lx_syn_add(s, 2, t->d_model, t->conv_ch[0] / 4 * t->conv_ch[1], 0, "a.input_projection.weight");
    for (uint64_t i = 0; i < t->n_layers && !lx_err_failed(s->err); i++) a_layer(s, t, i);
    s->pfx[0] = '\0';
    lx_syn_lin(s, "a.pre_encode.out", t->out_dim, t->d_model, true);
    /* embed_audio: RMSNorm without a weight, then one projection into the text width */
    lx_syn_add(s, 2, s->hp->d_model, t->out_dim, 0, "mm.a.input_projection.weight");
}

void lx_towers_synth(syn *s)
{
    const lx_tower_hp *t = &s->hp->vision;
    if (t->kind != LX_VIT_NONE && t->kind != LX_VIT_CLIP) {
        t_encoder(s, t);
        t_projector(s, t);
    }
    if (s->hp->audio.kind != LX_AUD_NONE) a_tower(s, &s->hp->audio);
}

/* An MTP module's own tensors (DeepSeek-V3's names): the norms of the embedding and of the
 * previous hidden state, their joint projection, the final norm (unless it shares the
 * model's) and, when the family stores them, its own embedding and head. */
void lx_towers_synth_mtp(syn *s, uint64_t layer)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model;
    snprintf(s->pfx, sizeof s->pfx, "blk.%llu.nextn.", (unsigned long long)layer);
    lx_syn_add(s, 1, d, 0, 0, "%senorm.weight", s->pfx);
    lx_syn_add(s, 1, d, 0, 0, "%shnorm.weight", s->pfx);
    lx_syn_add(s, 2, d, 2 * d, 0, "%seh_proj.weight", s->pfx);
    if (!(s->flags & LX_R_MTP_NO_NORM)) lx_syn_add(s, 1, d, 0, 0, "%sshared_head_norm.weight", s->pfx);
    if (s->flags & LX_R_MTP_HEAD) lx_syn_add(s, 2, hp->vocab_size, d, 0, "%sembed_tokens.weight", s->pfx);
    if (s->flags & (LX_R_MTP_HEAD | LX_R_MTP_OWN_HEAD))
        lx_syn_add(s, 2, hp->vocab_size, d, 0, "%sshared_head_head.weight", s->pfx);
}

/* ---------------------------------------------------------------- parts */

static const struct { const char *prefix; lx_sub_kind part; } PREFIXES[] = {
    /* llama.cpp mmproj names (projector prefixes first: "v.deepstack." is the projector's) */
    {"mm.a.", LX_SUB_AUDIO_PROJ}, {"mm.", LX_SUB_PROJECTOR}, {"v.deepstack.", LX_SUB_PROJECTOR}, {"adapter.", LX_SUB_PROJECTOR},
    {"v.", LX_SUB_VISION}, {"a.", LX_SUB_AUDIO},
    /* Hugging Face names */
    {"multi_modal_projector.", LX_SUB_PROJECTOR}, {"model.multi_modal_projector.", LX_SUB_PROJECTOR},
    {"visual.merger.", LX_SUB_PROJECTOR}, {"model.visual.merger.", LX_SUB_PROJECTOR},
    {"visual.deepstack_merger_list.", LX_SUB_PROJECTOR}, {"model.visual.deepstack_merger_list.", LX_SUB_PROJECTOR},
    {"resampler.", LX_SUB_PROJECTOR}, {"mm_projector.", LX_SUB_PROJECTOR}, {"model.mm_projector.", LX_SUB_PROJECTOR},
    {"embed_vision.", LX_SUB_PROJECTOR}, {"model.embed_vision.", LX_SUB_PROJECTOR},
    {"embed_audio.", LX_SUB_AUDIO_PROJ}, {"model.embed_audio.", LX_SUB_AUDIO_PROJ},
    {"vision_tower.", LX_SUB_VISION}, {"model.vision_tower.", LX_SUB_VISION}, {"visual.", LX_SUB_VISION},
    {"model.visual.", LX_SUB_VISION}, {"vpm.", LX_SUB_VISION}, {"vision_model.", LX_SUB_VISION},
    {"model.vision_model.", LX_SUB_VISION}, {"audio_tower.", LX_SUB_AUDIO}, {"model.audio_tower.", LX_SUB_AUDIO},
    {"mtp.", LX_SUB_MTP}, {"model.mtp_layers.", LX_SUB_MTP}, {"model.mtp.", LX_SUB_MTP},
    {"model.mtp_", LX_SUB_MTP}, /* ERNIE 4.5: mtp_block, mtp_emb_norm, mtp_hidden_norm, mtp_linear_proj */
};

/* The block index after "blk." or "layers." at the start of a name or after "model.", or -1. */
static long block_index(const char *name)
{
    static const char *const HEADS[] = {"blk.", "model.layers.", "layers."};
    for (size_t h = 0; h < sizeof HEADS / sizeof HEADS[0]; h++) {
        size_t n = strlen(HEADS[h]);
        if (strncmp(name, HEADS[h], n) || name[n] < '0' || name[n] > '9') continue;
        long v = 0;
        const char *p = name + n;
        for (; *p >= '0' && *p <= '9' && v < 1000000; p++) v = v * 10 + (*p - '0');
        return *p == '.' ? v : -1;
    }
    return -1;
}

static lx_sub_kind part_of(const char *name, const lx_hparams *hp)
{
    for (size_t i = 0; i < sizeof PREFIXES / sizeof PREFIXES[0]; i++)
        if (!strncmp(name, PREFIXES[i].prefix, strlen(PREFIXES[i].prefix))) return PREFIXES[i].part;
    long b = block_index(name);
    if (hp->n_nextn_layers && b >= 0 && (uint64_t)b >= hp->n_layers && !hp->n_dec_layers) return LX_SUB_MTP;
    return LX_SUB_DECODER;
}

bool lx_towers_classify(lx_arch *a)
{
    size_t n = a->tensors->n;
    a->towers.part = calloc(n ? n : 1, 1);
    if (!a->towers.part) return false;
    bool lm = false;
    for (size_t i = 0; i < n; i++) {
        lx_sub_kind k = part_of(a->tensors->v[i].name, &a->hp);
        a->towers.part[i] = (uint8_t)k;
        if (k != LX_SUB_DECODER) a->towers.any = true;
        else lm = true;
    }
    a->towers.tower_only = a->towers.any && !lm;
    return true;
}

bool lx_towers_is_lm(const lx_arch *a, size_t i)
{
    return !a->towers.part || a->towers.part[i] == LX_SUB_DECODER;
}

void lx_towers_free(lx_towers *t)
{
    free(t->part);
    memset(t, 0, sizeof *t);
}

/* ---------------------------------------------------------------- description */

static const lx_tensor *find_part(const lx_arch *a, const char *name)
{
    return lx_tensors_find(a->tensors, name);
}

/* A clip GGUF's projector types (clip.projector_type) by llama.cpp's names. */
static const struct { const char *name; lx_proj_kind kind; } CLIP_PROJ[] = {
    {"gemma3", LX_PROJ_GEMMA3}, {"gemma4v", LX_PROJ_GEMMA4}, {"qwen2vl_merger", LX_PROJ_MERGER},
    {"qwen2.5vl_merger", LX_PROJ_MERGER}, {"qwen3vl_merger", LX_PROJ_MERGER}, {"pixtral", LX_PROJ_MISTRAL3},
    {"llama4", LX_PROJ_LLAMA4}, {"kimik25", LX_PROJ_KIMI}, {"resampler", LX_PROJ_RESAMPLER},
};

static uint64_t gguf_u64(const lx_arch *a, const char *key)
{
    uint64_t v = 0;
    if (a->src && a->src->gguf) lx_gguf_get_u64(a->src->gguf, key, &v);
    return v;
}

/* The encoder a clip GGUF's tensors show. */
static void desc_from_tensors(lx_arch *a, lx_tower_desc *d)
{
    d->kind = LX_VIT_CLIP;
    const lx_tensor *pe = find_part(a, "v.patch_embd.weight"), *up = find_part(a, "v.blk.0.ffn_up.weight");
    d->d_model = pe ? pe->shape[0] : a->hp.d_model;
    d->d_ff = up ? up->shape[0] : a->hp.d_ff;
    for (size_t i = 0; i < a->tensors->n; i++) {
        const char *nm = a->tensors->v[i].name;
        if (strncmp(nm, "v.blk.", 6)) continue;
        long b = strtol(nm + 6, NULL, 10);
        if (b >= 0 && b < LX_MAX_LAYERS && (uint64_t)b + 1 > d->n_layers) d->n_layers = (uint64_t)b + 1;
    }
    d->n_heads = a->hp.n_heads;
    d->head_dim = d->n_heads && d->d_model % d->n_heads == 0 ? d->d_model / d->n_heads : 0;
    d->patch = gguf_u64(a, "clip.vision.patch_size");
    d->image = gguf_u64(a, "clip.vision.image_size");
    d->out_dim = gguf_u64(a, "clip.vision.projection_dim");
    d->channels = 3;
    const lx_tensor *pos = find_part(a, "v.position_embd.weight");
    d->n_pos = pos ? pos->shape[0] : 0;
    d->fused_qkv = find_part(a, "v.blk.0.attn_qkv.weight") != NULL;
    d->class_token = find_part(a, "v.class_embd") != NULL;
    d->pre_norm = find_part(a, "v.pre_ln.weight") != NULL;
    d->post_norm = find_part(a, "v.post_ln.weight") != NULL;
    d->norm = find_part(a, "v.blk.0.ln1.bias") ? "LayerNorm" : "RMSNorm";
    d->mlp = find_part(a, "v.blk.0.ffn_gate.weight") ? "gated MLP" : "GELU MLP";
    d->position = pos ? "learned" : "none in the file (2D RoPE or none)";
    const char *pt = a->src && a->src->gguf ? lx_gguf_get_str(a->src->gguf, "clip.projector_type") : NULL;
    d->proj = LX_PROJ_OTHER;
    for (size_t i = 0; pt && i < sizeof CLIP_PROJ / sizeof CLIP_PROJ[0]; i++)
        if (!strcmp(pt, CLIP_PROJ[i].name)) d->proj = CLIP_PROJ[i].kind;
}

static void desc_from_hp(const lx_arch *a, lx_tower_desc *d)
{
    const lx_tower_hp *t = &a->hp.vision;
    unsigned f = RECIPES[t->kind].flags;
    d->kind = t->kind, d->proj = t->proj;
    d->d_model = t->d_model, d->n_layers = t->n_layers, d->n_heads = t->n_heads, d->head_dim = t->head_dim;
    d->d_ff = t->d_ff, d->patch = t->patch, d->image = t->image, d->channels = t->channels;
    d->temporal = t->temporal, d->merge = t->merge, d->out_dim = a->hp.d_model, d->n_deepstack = t->n_deepstack;
    d->n_pos = (f & (T_POS | T_POS_2D)) ? n_positions(t, f) : 0;
    d->fused_qkv = f & T_QKV, d->class_token = f & T_CLASS, d->pre_norm = f & T_PRE_LN, d->post_norm = f & T_POST_LN;
    d->norm = (f & T_LN) ? "LayerNorm" : "RMSNorm";
    d->mlp = (f & T_GLU) ? (t->kind == LX_VIT_GEMMA4 ? "GeGLU" : "SwiGLU") : "GELU MLP";
    d->position = (f & T_POS_2D) ? "learned 2D table + 2D RoPE"
                  : (f & T_POS) && (f & T_ROPE_2D) ? "learned + 2D RoPE"
                  : (f & T_POS) ? "learned" : "2D RoPE";
}

static void describe(lx_arch *a)
{
    lx_tower_desc *d = &a->towers.desc;
    if (a->hp.vision.kind != LX_VIT_NONE && a->hp.vision.kind != LX_VIT_CLIP) desc_from_hp(a, d); /* its config */
    else desc_from_tensors(a, d);
    d->label = RECIPES[d->kind].label;
    d->proj_label = PROJ_LABELS[d->proj];
    a->towers.has_vision = true;
}

/* ---------------------------------------------------------------- accounting */

static void warn_uncounted(lx_arch *a)
{
    const lx_hparams *hp = &a->src->hp;
    const lx_towers *t = &a->towers;
    bool vis = hp->has_vision && !t->params[LX_SUB_VISION], aud = hp->has_audio && !t->params[LX_SUB_AUDIO];
    if (vis || aud)
        lx_arch_warn(a, "the %s tower%s beside the text model %s not counted (llmxray cannot build %s from this "
                     "config); the counts are the text model's", vis && aud ? "vision and audio" : vis ? "vision" : "audio",
                     vis && aud ? "s" : "", vis && aud ? "are" : "is", vis && aud ? "them" : "it");
    uint64_t nextn = a->hp.n_nextn_layers; /* the arch's: 0 when the index shows none shipped */
    if (nextn && !t->params[LX_SUB_MTP] && !a->src->has_tensors)
        lx_arch_warn(a, "%llu multi-token-prediction layer%s declared by the config %s not counted (llmxray has no "
                     "recipe for this family's)", (unsigned long long)nextn, nextn == 1 ? "" : "s",
                     nextn == 1 ? "is" : "are");
}

static void add_part_sub(lx_arch *a, lx_sub_kind k, const char *name, int n_layers)
{
    if (!a->towers.params[k] || a->n_subs >= LX_MAX_SUBS) return;
    lx_submodel *p = &a->subs[a->n_subs++];
    memset(p, 0, sizeof *p);
    p->kind = k;
    snprintf(p->name, sizeof p->name, "%s", name);
    p->n_layers = n_layers;
    p->params = a->towers.params[k];
    p->bytes = a->towers.bytes[k];
    p->beside = true;
}

static void count_parts(lx_arch *a)
{
    lx_towers *t = &a->towers;
    for (size_t i = 0; i < a->tensors->n; i++) {
        if (lx_towers_is_lm(a, i)) continue;
        const lx_tensor *x = &a->tensors->v[i];
        uint64_t params = lx_arch_tensor_params(a, i);
        t->params[t->part[i]] += params;
        t->bytes[t->part[i]] += x->n_bytes;
        a->params_by_type[x->type] += params;
        a->bytes_by_type[x->type] += x->n_bytes;
    }
    if (t->params[LX_SUB_MTP]) t->n_mtp = (int)(a->hp.n_nextn_layers ? a->hp.n_nextn_layers : 1);
}

void lx_towers_account(lx_arch *a)
{
    lx_towers *t = &a->towers;
    t->total_without_mtp = t->lm_params = a->total_params;
    t->lm_bytes = a->total_bytes;
    if (t->any) count_parts(a);
    warn_uncounted(a);
    if (!t->any) return;
    if (t->tower_only) a->n_subs = 0; /* no language model: only the parts below */
    if (t->params[LX_SUB_VISION] || t->params[LX_SUB_PROJECTOR]) describe(a);
    if (t->params[LX_SUB_AUDIO] && a->hp.audio.kind != LX_AUD_NONE) {
        t->has_audio = true;
        t->audio_label = AUDIO_LABELS[a->hp.audio.kind];
    }
    add_part_sub(a, LX_SUB_VISION, "Vision encoder", (int)t->desc.n_layers);
    add_part_sub(a, LX_SUB_PROJECTOR, "Projector", 0);
    add_part_sub(a, LX_SUB_AUDIO, "Audio encoder", (int)a->hp.audio.n_layers);
    add_part_sub(a, LX_SUB_AUDIO_PROJ, "Audio projector", 0);
    add_part_sub(a, LX_SUB_MTP, "Multi-token prediction", t->n_mtp);
    for (int k = LX_SUB_VISION; k < LX_SUB_KIND_COUNT; k++) {
        a->total_params += t->params[k];
        a->total_bytes += t->bytes[k];
    }
    t->total_without_mtp = a->total_params - t->params[LX_SUB_MTP];
    if (t->tower_only) { /* all of it runs per image; there is no output head to tie */
        a->active_params = a->active_no_embed = a->total_params;
        a->tied = false;
    }
    a->bits_per_weight = a->total_params ? (double)a->total_bytes * 8.0 / (double)a->total_params : 0.0;
}
