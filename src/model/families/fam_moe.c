/* model/families/fam_moe — the 2025–26 mixture-of-experts decoders with Llama-style blocks:
 * MiniMax-M2, MiMo (v1) and MiMo-V2-Flash, Tencent Hy3, poolside Laguna, Arcee Trinity
 * (AFMoE), Mistral Small 4 (MLA + MoE). */
#include <string.h>

#include "model/families/family.h"

void lx_fam_cfg_deepseek(lx_fam_cfg *c); /* fam_deepseek.c */

/* A dense prefix of n layers, the rest MoE with a sigmoid router and its score bias; shared
 * experts n_shared x d_expert wide unless declared. */
static void moe_prefix(lx_fam_cfg *c, uint64_t dense, bool router_bias)
{
    lx_hparams *hp = c->hp;
    for (uint64_t i = 0; i < hp->n_layers && i < dense; i++) lx_fam_bits(hp, i, LX_LAYER_DENSE);
    hp->has_layer_bits = true;
    hp->router_bias = lx_fam_tri(router_bias);
    lx_fam_copy(hp->router_score, sizeof hp->router_score, "sigmoid");
    if (hp->n_shared_experts && !hp->d_shared_expert) hp->d_shared_expert = hp->d_expert * hp->n_shared_experts;
}

/* mlp_layer_types: "dense" / "sparse" per layer. */
static void mlp_layer_types(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    json_t *a = lx_jcfg_array(c->j, "mlp_layer_types", (size_t)hp->n_layers, "an array of \"dense\"/\"sparse\", one per layer");
    for (size_t i = 0; a && i < json_array_size(a) && i < LX_MAX_LAYERS; i++) {
        const char *t = json_string_value(json_array_get(a, i));
        if (!t || (strcmp(t, "dense") != 0 && strcmp(t, "sparse") != 0)) {
            lx_jcfg_elem_error(c->j, "mlp_layer_types", i, "\"dense\" or \"sparse\"", json_array_get(a, i));
            return;
        }
        if (strcmp(t, "dense") == 0) lx_fam_bits(hp, i, LX_LAYER_DENSE);
        else hp->layer_bits[i] &= ~(uint32_t)LX_LAYER_DENSE;
    }
}

/* ---------------------------------------------------------------- MiniMax-M2 */

/* Experts intermediate_size wide, a sigmoid router with score bias (use_routing_bias), q/k
 * RMSNorm over the whole projection, RoPE on rotary_dim of each head. */
static void cfg_minimax_m2(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    hp->d_expert = hp->d_ff;
    bool bias = true;
    lx_jcfg_bool(c->j, "use_routing_bias", &bias);
    moe_prefix(c, 0, bias);
    uint64_t rot = 0;
    if (lx_jcfg_u64(c->j, "rotary_dim", &rot, true) && hp->head_dim && rot < hp->head_dim) c->rotary_frac = (double)rot / (double)hp->head_dim;
    bool qk = true;
    lx_jcfg_bool(c->j, "use_qk_norm", &qk);
    hp->qk_norm = lx_fam_tri(qk);
}

const lx_family lx_fam_minimax_m2 = {
    .name = "minimax-m2", .label = "MiniMax-M2",
    .hf_types = (const char *const[]){"minimax_m2", NULL},
    .hf_classes = (const char *const[]){"MiniMaxM2", NULL},
    .gguf_arch = "minimax-m2", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"rms_norm_eps\":1e-6}",
    .config = cfg_minimax_m2, .recipe = LX_R_QK_FULL, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- MiMo */

static void cfg_mimo(lx_fam_cfg *c) { lx_fam_window_qwen(c); }

static const lx_role_pattern MIMO_ROLES[] = {
    {"mtp_layers.%d", LX_ROLE_MTP, false},
    {NULL, 0, false},
};

const lx_family lx_fam_mimo = {
    .name = "mimo", .label = "MiMo",
    .hf_types = (const char *const[]){"mimo", NULL},
    .hf_classes = (const char *const[]){"MiMoFor", NULL},
    .position = "rope", .norm = "rmsnorm", .activation = "silu", .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":true,\"rms_norm_eps\":1e-6,"
                "\"use_sliding_window\":false}",
    .config = cfg_mimo, .hf_roles = MIMO_ROLES, .recipe = LX_R_NO_O_BIAS | LX_R_MTP, .tokenizer = "bpe",
};

/* MiMo-V2-Flash: hybrid_layer_pattern (1 = sliding window with its own heads, KV heads and
 * RoPE theta, and attention sinks; 0 = full), moe_layer_freq per layer (0 = dense MLP). */
static void cfg_mimo_v2(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t swa_h = 0, swa_kv = 0, swa_hd = 0;
    double swa_theta = 0;
    bool sinks = true;
    lx_jcfg_u64(c->j, "swa_num_attention_heads", &swa_h, true);
    lx_jcfg_u64(c->j, "swa_num_key_value_heads", &swa_kv, true);
    lx_jcfg_u64(c->j, "swa_head_dim", &swa_hd, true);
    lx_jcfg_f64(c->j, "swa_rope_theta", &swa_theta);
    lx_jcfg_bool(c->j, "add_swa_attention_sink_bias", &sinks);
    hp->rope_theta_local = swa_theta;
    json_t *pat = lx_jcfg_array(c->j, "hybrid_layer_pattern", (size_t)hp->n_layers, "an array of 0/1, one per layer");
    json_t *moe = lx_jcfg_array(c->j, "moe_layer_freq", (size_t)hp->n_layers, "an array of 0/1, one per layer");
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS && !lx_err_failed(c->j->err); i++) {
        json_int_t swa = pat ? json_integer_value(json_array_get(pat, i)) : 0;
        if (moe && json_integer_value(json_array_get(moe, i)) == 0) lx_fam_bits(hp, i, LX_LAYER_DENSE);
        if (!swa) continue;
        lx_fam_bits(hp, i, LX_LAYER_SLIDING | (sinks ? LX_LAYER_SINKS : 0));
        hp->l_heads[i] = (uint32_t)swa_h;
        hp->l_kv_heads[i] = (uint32_t)swa_kv;
        hp->l_head_dim[i] = (uint32_t)swa_hd;
    }
    moe_prefix(c, 0, true);
}

static const lx_role_pattern MIMO2_ROLES[] = {
    {"layers.%d.self_attn.attention_sink_bias", LX_ROLE_ATTN_SINKS, false},
    {"mtp.layers.%d", LX_ROLE_MTP, false},
    {NULL, 0, false},
};

const lx_family lx_fam_mimo_v2 = {
    .name = "mimo2", .label = "MiMo-V2-Flash",
    .hf_types = (const char *const[]){"mimo_v2_flash", "mimo_v2", NULL},
    .hf_classes = (const char *const[]){"MiMoV2", NULL},
    .gguf_arch = "mimo2", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"layernorm_epsilon\":1e-5}",
    .config = cfg_mimo_v2, .hf_roles = MIMO2_ROLES, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Tencent Hy3 */

static void cfg_hy3(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    bool bias = true, qk = true;
    lx_jcfg_bool(c->j, "moe_router_enable_expert_bias", &bias);
    lx_jcfg_bool(c->j, "qk_norm", &qk);
    hp->qk_norm = lx_fam_tri(qk);
    if (!hp->d_expert) lx_jcfg_u64(c->j, "expert_hidden_dim", &hp->d_expert, true);
    if (!lx_jcfg_has(c->j, "num_shared_experts")) hp->n_shared_experts = 1;
    moe_prefix(c, hp->n_dense_prefix, bias);
    mlp_layer_types(c);
}

const lx_family lx_fam_hy3 = {
    .name = "hy-v3", .label = "Hy3",
    .hf_types = (const char *const[]){"hy_v3", NULL},
    .hf_classes = (const char *const[]){"HYV3", NULL},
    .gguf_arch = "hy_v3", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"rms_norm_eps\":1e-5,"
                "\"first_k_dense_replace\":1}",
    .config = cfg_hy3, .recipe = LX_R_MTP, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- poolside Laguna */

/* Per-layer query heads (num_attention_heads_per_layer), a per-head softplus gate on the
 * output (gating), mlp_layer_types, sliding layers from layer_types, their own RoPE theta. */
static void cfg_laguna(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    json_t *g = json_object_get(c->j->cfg, "gating");
    bool gate = !g || json_is_true(g) || (json_is_string(g) && strcmp(json_string_value(g), "none") != 0);
    hp->attn_gate = json_is_string(g) && strcmp(json_string_value(g), "per_element") == 0 ? 1 : 2;
    for (uint64_t i = 0; gate && i < hp->n_layers && i < LX_MAX_LAYERS; i++) lx_fam_bits(hp, i, LX_LAYER_GATED);
    if (lx_jcfg_has(c->j, "num_attention_heads_per_layer"))
        lx_fam_layer_counts(c, "num_attention_heads_per_layer", hp->l_heads, sizeof hp->l_heads[0]);
    if (hp->d_shared_expert) hp->n_shared_experts = 1;
    moe_prefix(c, 1, true);
    mlp_layer_types(c);
    lx_jcfg sub, kind;
    if (lx_jcfg_sub(c->j, "rope_parameters", &sub)) {
        if (lx_jcfg_sub(&sub, "full_attention", &kind)) lx_jcfg_f64(&kind, "rope_theta", &hp->rope_theta);
        if (lx_jcfg_sub(&sub, "sliding_attention", &kind)) lx_jcfg_f64(&kind, "rope_theta", &hp->rope_theta_local);
    }
}

static const lx_role_pattern LAGUNA_ROLES[] = {
    {"layers.%d.self_attn.g_proj", LX_ROLE_ATTN_GATE, false},
    {"layers.%d.mlp.experts.e_score_correction", LX_ROLE_MOE_ROUTER_BIAS, false},
    {NULL, 0, false},
};

const lx_family lx_fam_laguna = {
    .name = "laguna", .label = "Laguna",
    .hf_types = (const char *const[]){"laguna", NULL},
    .hf_classes = (const char *const[]){"Laguna", NULL},
    .gguf_arch = "laguna", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"rms_norm_eps\":1e-6}",
    .config = cfg_laguna, .hf_roles = LAGUNA_ROLES, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Arcee Trinity (AFMoE) */

/* Sandwich norms, a sigmoid output gate per element, 3 sliding : 1 full (layer_types or
 * global_attn_every_n_layers), num_dense_layers dense, then MoE with an expert bias and
 * num_shared_experts x moe_intermediate_size shared. */
static void cfg_afmoe(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    hp->attn_gate = 1;
    uint64_t every = 4;
    lx_jcfg_u64(c->j, "global_attn_every_n_layers", &every, true);
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++) {
        lx_fam_bits(hp, i, LX_LAYER_GATED);
        if ((i + 1) % every != 0) lx_fam_bits(hp, i, LX_LAYER_SLIDING);
    }
    moe_prefix(c, hp->n_dense_prefix, true);
}

static const lx_role_pattern AFMOE_ROLES[] = {
    {"layers.%d.self_attn.gate_proj", LX_ROLE_ATTN_GATE, false},
    {"layers.%d.pre_mlp_layernorm", LX_ROLE_FFN_NORM, false},
    {"layers.%d.post_mlp_layernorm", LX_ROLE_FFN_POST_NORM, false},
    {"layers.%d.mlp.router.gate", LX_ROLE_MOE_ROUTER, false},
    {"layers.%d.mlp.expert_bias", LX_ROLE_MOE_ROUTER_BIAS, false},
    {NULL, 0, false},
};

const lx_family lx_fam_afmoe = {
    .name = "afmoe", .label = "Trinity (AFMoE)",
    .hf_types = (const char *const[]){"afmoe", NULL},
    .hf_classes = (const char *const[]){"Afmoe", NULL},
    .gguf_arch = "afmoe", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"rms_norm_eps\":1e-5,"
                "\"num_dense_layers\":1,\"num_shared_experts\":1}",
    .config = cfg_afmoe, .hf_roles = AFMOE_ROLES, .recipe = LX_R_SANDWICH, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Mistral Small 4 */

/* DeepSeek-V3's layout (MLA + MoE + shared experts) with a plain softmax top-k router. */
static void cfg_mistral4(lx_fam_cfg *c)
{
    lx_fam_cfg_deepseek(c);
    c->hp->router_bias = LX_NO;
    lx_fam_copy(c->hp->router_score, sizeof c->hp->router_score, "softmax");
}

const lx_family lx_fam_mistral4 = {
    .name = "mistral4", .label = "Mistral Small 4",
    .hf_types = (const char *const[]){"mistral4", NULL},
    .gguf_arch = "mistral4", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"rms_norm_eps\":1e-6,"
                "\"first_k_dense_replace\":0,\"n_shared_experts\":1}",
    .config = cfg_mistral4, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- MiniCPM (MiniCPM-V's LLM) */

const lx_family lx_fam_minicpm = {
    .name = "minicpm", .label = "MiniCPM",
    .hf_types = (const char *const[]){"minicpm", "minicpmv", NULL},
    .hf_classes = (const char *const[]){"MiniCPMV", "MiniCPMFor", NULL},
    .gguf_arch = "minicpm", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"rms_norm_eps\":1e-5}",
    .tokenizer = "spm",
};

/* ---------------------------------------------------------------- Fuyu (Persimmon + patches) */

/* Persimmon's decoder (LayerNorm and Linear biases everywhere, fused qkv, q/k LayerNorm per
 * head, ReLU² MLP, half-rotary) fed by a linear patch embedding of patch_size² x channels. */
static void cfg_fuyu(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    hp->attn_bias = hp->ffn_bias = LX_YES;
    bool qk = true;
    lx_jcfg_bool(c->j, "qk_layernorm", &qk);
    hp->qk_norm = lx_fam_tri(qk);
    uint64_t patch = 30, ch = 3;
    lx_jcfg_u64(c->j, "patch_size", &patch, true);
    lx_jcfg_u64(c->j, "num_channels", &ch, true);
    hp->patch_in = patch * patch * ch;
}

static const lx_role_pattern FUYU_ROLES[] = {
    {"vision_embed_tokens", LX_ROLE_PATCH_EMBD, false},
    {"layers.%d.self_attn.query_key_value", LX_ROLE_ATTN_QKV, false},
    {"layers.%d.self_attn.dense", LX_ROLE_ATTN_O, false},
    {"layers.%d.self_attn.q_layernorm", LX_ROLE_ATTN_Q_NORM, false},
    {"layers.%d.self_attn.k_layernorm", LX_ROLE_ATTN_K_NORM, false},
    {"layers.%d.mlp.dense_h_to_4h", LX_ROLE_FFN_UP, false},
    {"layers.%d.mlp.dense_4h_to_h", LX_ROLE_FFN_DOWN, false},
    {"final_layernorm", LX_ROLE_OUTPUT_NORM, false},
    {NULL, 0, false},
};

const lx_family lx_fam_fuyu = {
    .name = "fuyu", .label = "Fuyu",
    .hf_types = (const char *const[]){"fuyu", "persimmon", NULL},
    .hf_classes = (const char *const[]){"Fuyu", "Persimmon", NULL},
    .position = "rope", .norm = "layernorm", .activation = "relu2", .gated = LX_NO, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"relu2\",\"tie_word_embeddings\":false,\"layer_norm_eps\":1e-5,\"rope_theta\":25000,"
                "\"partial_rotary_factor\":0.5,\"qk_layernorm\":true,\"patch_size\":30,\"num_channels\":3}",
    .config = cfg_fuyu, .hf_roles = FUYU_ROLES, .recipe = LX_R_FUSED_QKV, .tokenizer = "spm",
};
