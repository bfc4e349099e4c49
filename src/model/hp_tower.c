/* model/hp_tower — see hp_tower.h.
 *
 * One row per tower a config can declare: how it is recognised (vision_config.model_type,
 * else the outer model_type; audio_config.model_type for an audio tower), which encoder and
 * projector it is. Sizes are read through one
 * alias list per field, the spellings of every row in one place (Qwen2-VL's vision
 * "hidden_size" is its output width, so "embed_dim" is read first).
 */
#include "model/hp_tower.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"

typedef struct tower_row {
    const char *vision_type; /* vision_config.model_type, or NULL */
    const char *outer_type;  /* the config's model_type when the vision config names none */
    lx_vit_kind kind;
    lx_proj_kind proj;
} tower_row;

static const tower_row TOWERS[] = {
    {"siglip_vision_model", NULL, LX_VIT_SIGLIP, LX_PROJ_GEMMA3},
    {"pixtral", NULL, LX_VIT_PIXTRAL, LX_PROJ_MISTRAL3},
    {"llama4_vision_model", NULL, LX_VIT_LLAMA4, LX_PROJ_LLAMA4},
    {"gemma4_vision", NULL, LX_VIT_GEMMA4, LX_PROJ_GEMMA4},
    {"qwen3_vl", NULL, LX_VIT_QWEN3VL, LX_PROJ_MERGER},
    {"qwen3_5", NULL, LX_VIT_QWEN3VL, LX_PROJ_MERGER},
    {"qwen3_5_moe", NULL, LX_VIT_QWEN3VL, LX_PROJ_MERGER},
    {"qwen3_5_vision", NULL, LX_VIT_QWEN3VL, LX_PROJ_MERGER}, /* Qwen3.6 names its vision config so */
    {"qwen3_5_moe_vision", NULL, LX_VIT_QWEN3VL, LX_PROJ_MERGER},
    {NULL, "qwen2_vl", LX_VIT_QWEN2VL, LX_PROJ_MERGER},
    {NULL, "kimi_k25", LX_VIT_MOONVIT, LX_PROJ_KIMI},
    {NULL, "minicpmv", LX_VIT_SIGLIP_TIMM, LX_PROJ_RESAMPLER},
};

/* timm encoders named by a string (MiniCPM-V's "vision_encoder"). */
static const struct { const char *name; uint64_t d, layers, heads, ff, patch, image; } TIMM[] = {
    {"vit_so400m_patch14_siglip_384", 1152, 27, 16, 4304, 14, 384},
};

typedef struct field { size_t off; const char *keys[4]; } field;
#define TH(f) offsetof(lx_tower_hp, f)
static const field FIELDS[] = {
    {TH(d_model), {"embed_dim", "vt_hidden_size", "hidden_size"}},
    {TH(n_layers), {"num_hidden_layers", "depth", "vt_num_hidden_layers"}},
    {TH(n_heads), {"num_attention_heads", "num_heads", "vt_num_attention_heads"}},
    {TH(head_dim), {"head_dim"}},
    {TH(d_ff), {"intermediate_size", "vt_intermediate_size"}},
    {TH(patch), {"patch_size", "spatial_patch_size"}},
    {TH(image), {"image_size"}},
    {TH(channels), {"num_channels", "in_chans", "in_channels"}},
    {TH(temporal), {"temporal_patch_size"}},
    {TH(n_pos), {"num_position_embeddings", "position_embedding_size"}},
    {TH(merge), {"spatial_merge_size"}},
    {TH(proj_in), {"projector_input_dim"}},
    {TH(proj_out), {"projector_output_dim"}},
};

static const tower_row *find_row(const char *vision_type, const char *outer)
{
    for (size_t i = 0; i < sizeof TOWERS / sizeof TOWERS[0]; i++) {
        const tower_row *r = &TOWERS[i];
        if (r->vision_type ? vision_type && !strcmp(r->vision_type, vision_type) : outer && !strcmp(r->outer_type, outer))
            return r;
    }
    return NULL;
}

/* The top level as a scope (the text model's keys may be read from text_config). */
static lx_jcfg top_scope(const lx_jcfg *j)
{
    lx_jcfg t = *j;
    t.cfg = t.root;
    t.scope = t.top;
    t.scope_name[0] = '\0';
    t.defs = NULL;
    return t;
}

static void read_fields(lx_jcfg *v, lx_tower_hp *t)
{
    for (size_t i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++)
        for (int k = 0; k < 4 && FIELDS[i].keys[k]; k++)
            if (lx_jcfg_u64(v, FIELDS[i].keys[k], (uint64_t *)((char *)t + FIELDS[i].off), false)) break;
    uint64_t ratio = 0;
    if (!t->d_ff && lx_jcfg_u64(v, "mlp_ratio", &ratio, false)) t->d_ff = ratio * t->d_model;
    uint64_t h = 0, w = 0;
    if (!t->n_pos && lx_jcfg_u64(v, "init_pos_emb_height", &h, false) && lx_jcfg_u64(v, "init_pos_emb_width", &w, false))
        t->n_pos = h * w;
    json_t *mk = lx_jcfg_array(v, "merge_kernel_size", 2, "[height, width]");
    json_t *m0 = mk ? json_array_get(mk, 0) : NULL;
    if (m0 && (!json_is_integer(m0) || json_integer_value(m0) < 1 || json_integer_value(m0) > 64))
        lx_jcfg_elem_error(v, "merge_kernel_size", 0, "a merge side from 1 to 64", m0);
    else if (m0 && !t->merge) t->merge = (uint64_t)json_integer_value(m0);
    json_t *ds = lx_jcfg_array(v, "deepstack_visual_indexes", 0, "layer indices");
    if (ds) t->n_deepstack = json_array_size(ds);
    lx_jcfg_u64(v, "vision_output_dim", &t->proj_out, false);
    lx_jcfg_bool(v, "multi_modal_projector_bias", &t->proj_bias);
    lx_jcfg_bool(v, "standardize", &t->standardize);
    lx_jcfg_bool(v, "use_clipped_linears", &t->clipped);
}

/* The top-level keys a projector reads (Mistral 3, MiniCPM-V). */
static void read_outer(lx_jcfg *top, lx_tower_hp *t)
{
    if (!t->merge) lx_jcfg_u64(top, "spatial_merge_size", &t->merge, false);
    lx_jcfg_bool(top, "multimodal_projector_bias", &t->proj_bias);
    lx_jcfg_u64(top, "query_num", &t->n_queries, false);
    if (t->kind != LX_VIT_SIGLIP_TIMM) return;
    const char *name = lx_jcfg_str(top, "vision_encoder");
    for (size_t i = 0; name && i < sizeof TIMM / sizeof TIMM[0]; i++)
        if (!strncmp(name, TIMM[i].name, strlen(TIMM[i].name))) {
            t->d_model = TIMM[i].d, t->n_layers = TIMM[i].layers, t->n_heads = TIMM[i].heads;
            t->d_ff = TIMM[i].ff, t->patch = TIMM[i].patch, t->n_pos = (TIMM[i].image / TIMM[i].patch) * (TIMM[i].image / TIMM[i].patch);
        }
    bool drop = false;
    if (lx_jcfg_bool(top, "drop_vision_last_layer", &drop) && drop && t->n_layers) t->n_layers--;
}

/* Depth and widths every builder needs; a tower without them is not built (the warning
 * that it is not counted stays). */
static bool complete(lx_jcfg *v, lx_tower_hp *t)
{
    if (t->n_layers > LX_MAX_LAYERS) {
        char what[96];
        snprintf(what, sizeof what, "%llu layers (expected at most %d)", (unsigned long long)t->n_layers, LX_MAX_LAYERS);
        lx_jcfg_key_error(v, lx_jcfg_has(v, "depth") ? "depth" : "num_hidden_layers", what);
        return false;
    }
    static const struct { size_t off; const char *key; } SMALL[] = { /* factors of the patch embedding's input */
        {TH(patch), "patch_size"}, {TH(channels), "num_channels"}, {TH(temporal), "temporal_patch_size"},
    };
    for (size_t i = 0; i < sizeof SMALL / sizeof SMALL[0]; i++)
        if (*(const uint64_t *)((const char *)t + SMALL[i].off) > 4096) {
            lx_jcfg_key_error(v, SMALL[i].key, "too large (expected at most 4,096)");
            return false;
        }
    if (t->merge > 64 || (t->patch && t->image / t->patch > 65536)) { /* keeps merged widths and grids sane */
        lx_jcfg_key_error(v, t->merge > 64 ? "spatial_merge_size" : "image_size",
                          t->merge > 64 ? "too large (expected a merge side of at most 64)"
                                        : "too large for its patch size (expected at most 65,536 patches a side)");
        return false;
    }
    if (t->n_deepstack > t->n_layers) t->n_deepstack = t->n_layers;
    if (!t->channels) t->channels = 3;
    if (!t->head_dim && t->n_heads && t->d_model % t->n_heads == 0) t->head_dim = t->d_model / t->n_heads;
    return t->d_model && t->n_layers && t->n_heads && t->head_dim && t->d_ff && t->patch;
}

/* ---------------------------------------------------------------- the audio tower */

static const struct { const char *type; lx_aud_kind kind; } AUDIO[] = {
    {"gemma4_audio", LX_AUD_GEMMA4},
};

#define AH(f) offsetof(lx_audio_hp, f)
static const struct { size_t off; const char *key; uint64_t max; } AUDIO_FIELDS[] = {
    {AH(d_model), "hidden_size", 1u << 20}, {AH(n_layers), "num_hidden_layers", LX_MAX_LAYERS},
    {AH(n_heads), "num_attention_heads", 4096}, {AH(conv_kernel), "conv_kernel_size", 4096},
    {AH(chunk), "attention_chunk_size", 1u << 20}, {AH(ctx_left), "attention_context_left", 1u << 20},
    {AH(ctx_right), "attention_context_right", 1u << 20}, {AH(out_dim), "output_proj_dims", 1u << 20},
};

static bool audio_channels(lx_jcfg *a, lx_audio_hp *t)
{
    json_t *ch = lx_jcfg_array(a, "subsampling_conv_channels", 2, "[channels of conv 0, of conv 1]");
    for (size_t i = 0; ch && i < 2; i++) {
        json_t *e = json_array_get(ch, i);
        if (!json_is_integer(e) || json_integer_value(e) < 4 || json_integer_value(e) > 65536) {
            lx_jcfg_elem_error(a, "subsampling_conv_channels", i, "a channel count from 4 to 65,536", e);
            return false;
        }
        t->conv_ch[i] = (uint64_t)json_integer_value(e);
    }
    return ch != NULL;
}

/* Sizes within bounds (a key beyond its bound is an error naming it); false when a size the
 * builder needs is missing (the tower stays uncounted, with its warning). */
static bool audio_fields(lx_jcfg *a, lx_audio_hp *t)
{
    for (size_t i = 0; i < sizeof AUDIO_FIELDS / sizeof AUDIO_FIELDS[0]; i++) {
        uint64_t *v = (uint64_t *)((char *)t + AUDIO_FIELDS[i].off);
        lx_jcfg_u64(a, AUDIO_FIELDS[i].key, v, false);
        if (*v > AUDIO_FIELDS[i].max) {
            char what[96], max[32];
            lx_fmt_thousands(max, sizeof max, AUDIO_FIELDS[i].max);
            snprintf(what, sizeof what, "%llu is too large (expected at most %s)", (unsigned long long)*v, max);
            lx_jcfg_key_error(a, AUDIO_FIELDS[i].key, what);
            return false;
        }
    }
    lx_jcfg_f64(a, "attention_logit_cap", &t->logit_cap);
    lx_jcfg_bool(a, "use_clipped_linears", &t->clipped);
    const char *act = lx_jcfg_str(a, "hidden_act");
    snprintf(t->act, sizeof t->act, "%s", act ? act : "silu");
    if (!audio_channels(a, t) || lx_err_failed(a->err)) return false;
    if (t->n_heads && t->d_model % t->n_heads == 0) t->head_dim = t->d_model / t->n_heads;
    return t->d_model && t->n_layers && t->head_dim && t->conv_kernel && t->out_dim;
}

static void read_audio(lx_jcfg *j, lx_hparams *hp)
{
    lx_jcfg top = top_scope(j), a;
    if (!lx_jcfg_sub(&top, "audio_config", &a)) return;
    const char *type = json_string_value(json_object_get(a.cfg, "model_type"));
    for (size_t i = 0; type && i < sizeof AUDIO / sizeof AUDIO[0]; i++) {
        if (strcmp(type, AUDIO[i].type)) continue;
        lx_audio_hp t = {.kind = AUDIO[i].kind};
        if (audio_fields(&a, &t)) hp->audio = t;
    }
}

void lx_hp_read_towers(lx_jcfg *j, lx_hparams *hp)
{
    static const char *const VISION[] = {"vision_config", "vision_encoder", "vision_tower_config"};
    for (size_t i = 0; i < sizeof VISION / sizeof VISION[0]; i++) {
        json_t *v = json_object_get(j->root, VISION[i]);
        if (v && !json_is_null(v)) hp->has_vision = true;
    }
    json_t *a = json_object_get(j->root, "audio_config");
    hp->has_audio = a && !json_is_null(a);
    if (hp->has_audio) read_audio(j, hp);
    if (!hp->has_vision || lx_err_failed(j->err)) return;
    lx_jcfg top = top_scope(j), v;
    bool sub = lx_jcfg_sub(&top, "vision_config", &v);
    if (lx_err_failed(j->err)) return;
    const char *vt = sub ? json_string_value(json_object_get(v.cfg, "model_type")) : NULL;
    const tower_row *r = find_row(vt, json_string_value(json_object_get(j->root, "model_type")));
    if (!r) return;
    lx_tower_hp t = {.kind = r->kind, .proj = r->proj};
    if (sub) read_fields(&v, &t);
    read_outer(&top, &t);
    if (!lx_err_failed(j->err) && complete(sub ? &v : &top, &t)) hp->vision = t;
}
