/* model/families/fam_moe2 — more 2025–26 decoders from their published configs: Kimi Linear
 * (KDA + MLA), Grok 2 (MoE with a dense residual branch), Step 3.5 Flash, Cohere 2 (Command
 * R7B, Tiny Aya), Ling 2 (BailingMoeV2) and Sarvam-MoE, Granite (dense). */
#include <stdlib.h>
#include <string.h>

#include "model/families/family.h"

void lx_fam_cfg_deepseek(lx_fam_cfg *c); /* fam_deepseek.c */

/* ---------------------------------------------------------------- Kimi Linear */

/* linear_attn_config: full_attn_layers (1-based) are MLA, the others Kimi Delta Attention of
 * num_heads x head_dim with short convolutions of short_conv_kernel_size; the MLA layers
 * use no RoPE (mla_use_nope); DeepSeek-style MoE after first_k_dense_replace. */
static void cfg_kimi_linear(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    lx_fam_cfg_deepseek(c);
    lx_jcfg sub;
    if (!lx_jcfg_sub(c->j, "linear_attn_config", &sub)) return;
    uint64_t heads = 0, dim = 0, conv = 4;
    lx_jcfg_u64(&sub, "num_heads", &heads, true);
    lx_jcfg_u64(&sub, "head_dim", &dim, true);
    lx_jcfg_u64(&sub, "short_conv_kernel_size", &conv, true);
    hp->lin_k_heads = hp->lin_v_heads = heads;
    hp->lin_k_dim = hp->lin_v_dim = dim;
    hp->lin_conv = conv;
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++) hp->mixer[i] = LX_MIX_KDA;
    json_t *full = lx_jcfg_array(&sub, "full_attn_layers", 0, "an array of 1-based layer numbers");
    for (size_t k = 0; full && k < json_array_size(full); k++) {
        json_t *v = json_array_get(full, k);
        json_int_t l = json_integer_value(v);
        if (!json_is_integer(v) || l < 1 || (uint64_t)l > hp->n_layers) {
            lx_jcfg_elem_error(&sub, "full_attn_layers", k, "a layer number from 1 to num_hidden_layers", v);
            return;
        }
        hp->mixer[l - 1] = LX_MIX_ATTN;
        lx_fam_bits(hp, (uint64_t)l - 1, LX_LAYER_NOPE);
    }
    hp->has_layer_bits = true;
}

static const lx_role_pattern KIMI_LINEAR_ROLES[] = {
    {"layers.%d.self_attn.q_conv1d", LX_ROLE_SSM_CONV, false},
    {"layers.%d.self_attn.k_conv1d", LX_ROLE_SSM_CONV, false},
    {"layers.%d.self_attn.v_conv1d", LX_ROLE_SSM_CONV, false},
    {"layers.%d.self_attn.f_a_proj", LX_ROLE_KDA, false},
    {"layers.%d.self_attn.f_b_proj", LX_ROLE_KDA, false},
    {"layers.%d.self_attn.g_a_proj", LX_ROLE_KDA, false},
    {"layers.%d.self_attn.g_b_proj", LX_ROLE_KDA, false},
    {"layers.%d.self_attn.b_proj", LX_ROLE_KDA, false},
    {"layers.%d.self_attn.dt", LX_ROLE_SSM_DT, false},
    {"layers.%d.self_attn.A_log", LX_ROLE_SSM_A, false},
    {"layers.%d.self_attn.o_norm", LX_ROLE_SSM_NORM, false},
    {NULL, 0, false},
};

const lx_family lx_fam_kimi_linear = {
    .name = "kimi-linear", .label = "Kimi Linear",
    .hf_types = (const char *const[]){"kimi_linear", NULL},
    .hf_classes = (const char *const[]){"KimiLinear", NULL},
    .gguf_arch = "kimi-linear", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"rms_norm_eps\":1e-5,\"moe_layer_freq\":1,"
                "\"topk_method\":\"noaux_tc\",\"scoring_func\":\"sigmoid\"}",
    .config = cfg_kimi_linear, .hf_roles = KIMI_LINEAR_ROLES, .linear_mixer = LX_MIX_KDA, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Grok */

/* Four norms around both sub-blocks; every layer MoE of moe_intermediate_size experts, and
 * with residual_moe a dense MLP of intermediate_size beside them. */
static void cfg_grok(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    if (!hp->d_expert) hp->d_expert = hp->d_ff;
    bool residual = false;
    lx_jcfg_bool(c->j, "residual_moe", &residual);
    hp->moe_dense_beside = residual;
}

static const lx_role_pattern GROK_ROLES[] = {
    {"layers.%d.pre_attn_norm", LX_ROLE_ATTN_NORM, false},
    {"layers.%d.post_attn_norm", LX_ROLE_ATTN_POST_NORM, false},
    {"layers.%d.pre_moe_norm", LX_ROLE_FFN_NORM, false},
    {"layers.%d.post_moe_norm", LX_ROLE_FFN_POST_NORM, false},
    {"blk.%d.attn_output_norm", LX_ROLE_ATTN_POST_NORM, false},
    {NULL, 0, false},
};

const lx_family lx_fam_grok = {
    .name = "grok", .label = "Grok",
    .hf_types = (const char *const[]){"grok-1", "grok", NULL},
    .hf_classes = (const char *const[]){"Grok1", NULL},
    .gguf_arch = "grok", .position = "rope", .norm = "rmsnorm", .activation = "gelu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"tie_word_embeddings\":false,\"rms_norm_eps\":1e-5,\"num_local_experts\":8,\"num_experts_per_tok\":2}",
    .config = cfg_grok, .hf_roles = GROK_ROLES, .recipe = LX_R_SANDWICH, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Step 3.5 */

/* num_attention_groups KV heads; sliding layers (layer_types) take attention_other_setting's
 * heads; a per-head output gate (use_head_wise_attn_gate); moe_layers_enum lists the MoE
 * layers ("3,4,...") with a router bias and share_expert_dim shared experts. The
 * num_nextn_predict_layers MTP blocks (model.layers.45-47) are full Step 3.5 layers of the
 * kind layer_types gives past the main layers (sliding in the release), outside
 * moe_layers_enum and so dense, each with its own head (shared_head.output) and none of the
 * embedding: llama.cpp's step35 load_block_mtp and conversion/step3.py, vLLM's step3p5_mtp. */
static void cfg_step35(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    lx_jcfg_u64(c->j, "num_attention_groups", &hp->n_kv_heads, true);
    lx_jcfg_u64(c->j, "moe_num_experts", &hp->n_experts, true);
    lx_jcfg_u64(c->j, "moe_top_k", &hp->n_experts_used, true);
    if (lx_jcfg_u64(c->j, "share_expert_dim", &hp->d_shared_expert, true)) hp->n_shared_experts = 1;
    bool gate = false, bias = false;
    lx_jcfg_bool(c->j, "use_head_wise_attn_gate", &gate);
    lx_jcfg_bool(c->j, "use_moe_router_bias", &bias);
    hp->router_bias = lx_fam_tri(bias);
    lx_fam_copy(hp->router_score, sizeof hp->router_score, "sigmoid");
    hp->attn_gate = 2;
    uint64_t swa_heads = 0;
    lx_jcfg sub;
    if (lx_jcfg_sub(c->j, "attention_other_setting", &sub)) lx_jcfg_u64(&sub, "num_attention_heads", &swa_heads, true);
    const char *moe = lx_jcfg_str(c->j, "moe_layers_enum");
    for (uint64_t i = 0; i < hp->n_layers + hp->n_nextn_layers && i < LX_MAX_LAYERS; i++) {
        if (gate) lx_fam_bits(hp, i, LX_LAYER_GATED);
        if (moe) lx_fam_bits(hp, i, LX_LAYER_DENSE);
    }
    for (const char *p = moe; p && *p;) { /* "3,4,5,...": the MoE layers */
        char *end;
        unsigned long l = strtoul(p, &end, 10);
        if (end == p || l >= hp->n_layers) {
            lx_jcfg_key_error(c->j, "moe_layers_enum", "expected comma-separated layer indices below num_hidden_layers");
            return;
        }
        if (l < LX_MAX_LAYERS) hp->layer_bits[l] &= ~(uint32_t)LX_LAYER_DENSE;
        p = *end == ',' ? end + 1 : end;
        if (*end && *end != ',') {
            lx_jcfg_key_error(c->j, "moe_layers_enum", "expected comma-separated layer indices");
            return;
        }
    }
    hp->has_layer_bits = true;
    hp->l_heads_sliding = (uint32_t)swa_heads;
}

const lx_family lx_fam_step35 = {
    .name = "step35", .label = "Step 3.5",
    .hf_types = (const char *const[]){"step3p5", NULL},
    .hf_classes = (const char *const[]){"Step3p5", NULL},
    .gguf_arch = "step35", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"rms_norm_eps\":1e-5}",
    .config = cfg_step35, .recipe = LX_R_MTP | LX_R_MTP_OWN_HEAD, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Cohere 2 */

/* Command-R's parallel block (one weight-only LayerNorm), 3 sliding layers to 1 full
 * (sliding_window_pattern), the full layers without RoPE. */
static void cfg_cohere2(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t period = 4;
    lx_jcfg_u64(c->j, "sliding_window_pattern", &period, true);
    hp->parallel_block = LX_YES;
    hp->ffn_bias = LX_NO;
    for (uint64_t i = 0; hp->sliding_window && i < hp->n_layers && i < LX_MAX_LAYERS; i++)
        lx_fam_bits(hp, i, (i + 1) % period != 0 ? LX_LAYER_SLIDING : LX_LAYER_NOPE);
}

const lx_family lx_fam_cohere2 = {
    .name = "cohere2", .label = "Command R7B (Cohere 2)",
    .hf_types = (const char *const[]){"cohere2", NULL},
    .hf_classes = (const char *const[]){"Cohere2For", NULL},
    .gguf_arch = "cohere2", .position = "rope", .norm = "layernorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"tie_word_embeddings\":true,\"attention_bias\":false,\"layer_norm_eps\":1e-5,\"rope_theta\":10000,"
                "\"sliding_window\":4096,\"sliding_window_pattern\":4,\"hidden_act\":\"silu\"}",
    .config = cfg_cohere2, .recipe = LX_R_PARALLEL | LX_R_NORM_NO_BIAS, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Ling 2 (BailingMoeV2), Sarvam-MoE */

/* Fused qkv (bias with use_qkv_bias), output bias with use_bias, per-head QK norms
 * (use_qk_norm), first_k_dense_replace dense layers, then MoE with a sigmoid router, its
 * expert bias and moe_shared_expert_intermediate_size (or num_shared x expert) shared. An
 * MTP layer (model.layers.N past the main ones) is a MoE layer plus enorm, hnorm, eh_proj
 * and its final_layernorm, sharing the model's embedding and head: llama.cpp's bailingmoe2
 * loader (nextn + layer_out_norm), the published BailingMoeV2 MTP layer. */
static void cfg_bailing2(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    bool qkv_bias = false, bias = false, qk = false, ebias = true;
    lx_jcfg_bool(c->j, "use_qkv_bias", &qkv_bias);
    lx_jcfg_bool(c->j, "use_bias", &bias);
    lx_jcfg_bool(c->j, "use_qk_norm", &qk);
    lx_jcfg_bool(c->j, "moe_router_enable_expert_bias", &ebias);
    hp->attn_bias = lx_fam_tri(qkv_bias);
    hp->o_bias = lx_fam_tri(bias);
    hp->qk_norm = lx_fam_tri(qk);
    hp->router_bias = lx_fam_tri(ebias);
    lx_fam_copy(hp->router_score, sizeof hp->router_score, "sigmoid");
    if (!lx_jcfg_u64(c->j, "moe_shared_expert_intermediate_size", &hp->d_shared_expert, true))
        hp->d_shared_expert = hp->d_expert * hp->n_shared_experts;
    for (uint64_t i = 0; i < hp->n_layers && i < hp->n_dense_prefix; i++) lx_fam_bits(hp, i, LX_LAYER_DENSE);
    hp->has_layer_bits = true;
}

static const lx_role_pattern BAILING_ROLES[] = {
    {"word_embeddings", LX_ROLE_TOK_EMBD, false},
    {"layers.%d.attention.query_key_value", LX_ROLE_ATTN_QKV, false},
    {"layers.%d.attention.dense", LX_ROLE_ATTN_O, false},
    {"layers.%d.attention.query_layernorm", LX_ROLE_ATTN_Q_NORM, false},
    {"layers.%d.attention.key_layernorm", LX_ROLE_ATTN_K_NORM, false},
    {"layers.%d.mlp.gate.expert_bias", LX_ROLE_MOE_ROUTER_BIAS, false},
    {NULL, 0, false},
};

const lx_family lx_fam_bailing2 = {
    .name = "bailingmoe2", .label = "Ling 2 (BailingMoeV2)",
    .hf_types = (const char *const[]){"bailing_moe", "bailing_moe_v2", "sarvam_moe", NULL},
    .hf_classes = (const char *const[]){"BailingMoeV2", "SarvamMoE", NULL},
    .gguf_arch = "bailingmoe2", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"rms_norm_eps\":1e-6,\"use_qkv_bias\":false}",
    .config = cfg_bailing2, .hf_roles = BAILING_ROLES, .recipe = LX_R_FUSED_QKV | LX_R_MTP, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Granite (dense) */

const lx_family lx_fam_granite = {
    .name = "granite", .label = "Granite",
    .hf_types = (const char *const[]){"granite", NULL},
    .hf_classes = (const char *const[]){"GraniteFor", NULL},
    .gguf_arch = "granite", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":true,\"attention_bias\":false,\"mlp_bias\":false,"
                "\"rms_norm_eps\":1e-5,\"rope_theta\":10000}",
    .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- GLM-4 (dense), Seed-OSS, Apertus */

/* GLM-4-0414: sandwich norms, q/k/v biases (none on o), fused gate+up, half-rotary. */
const lx_family lx_fam_glm4 = {
    .name = "glm4", .label = "GLM-4",
    .hf_types = (const char *const[]){"glm4", "glm", NULL},
    .hf_classes = (const char *const[]){"Glm4For", "GlmFor", NULL},
    .gguf_arch = "glm4", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":true,\"rms_norm_eps\":1e-5,"
                "\"partial_rotary_factor\":0.5,\"head_dim\":128,\"vocab_size\":151552}",
    .hf_roles = (const lx_role_pattern[]){{"layers.%d.post_self_attn_layernorm", LX_ROLE_ATTN_POST_NORM, false},
                                          {"layers.%d.post_mlp_layernorm", LX_ROLE_FFN_POST_NORM, false},
                                          {NULL, 0, false}},
    .recipe = LX_R_SANDWICH | LX_R_NO_O_BIAS | LX_R_GATE_UP, .tokenizer = "bpe",
};

/* Seed-OSS: q/k/v biases, o_proj's own (attention_out_bias). */
static void cfg_seed_oss(lx_fam_cfg *c)
{
    bool ob = false;
    lx_jcfg_bool(c->j, "attention_out_bias", &ob);
    c->hp->o_bias = lx_fam_tri(ob);
}

const lx_family lx_fam_seed_oss = {
    .name = "seed_oss", .label = "Seed-OSS",
    .hf_types = (const char *const[]){"seed_oss", NULL},
    .hf_classes = (const char *const[]){"SeedOss", NULL},
    .gguf_arch = "seed_oss", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":true,\"mlp_bias\":false,"
                "\"rms_norm_eps\":1e-6}",
    .config = cfg_seed_oss, .tokenizer = "bpe",
};

/* Apertus: a plain (ungated) MLP with the xIELU activation, whose four learned scalars per
 * layer (alpha_p, alpha_n, beta, eps) sit in the checkpoint; per-head QK norms. */
static void cfg_apertus(lx_fam_cfg *c) { c->hp->act_params = 4; }

const lx_family lx_fam_apertus = {
    .name = "apertus", .label = "Apertus",
    .hf_types = (const char *const[]){"apertus", NULL},
    .hf_classes = (const char *const[]){"ApertusFor", NULL},
    .gguf_arch = "apertus", .position = "rope", .norm = "rmsnorm", .activation = "xielu",
    .gated = LX_NO, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"xielu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"mlp_bias\":false,"
                "\"rms_norm_eps\":1e-5,\"vocab_size\":131072}",
    .config = cfg_apertus,
    .hf_roles = (const lx_role_pattern[]){{"layers.%d.attention_layernorm", LX_ROLE_ATTN_NORM, false},
                                          {"layers.%d.feedforward_layernorm", LX_ROLE_FFN_NORM, false},
                                          {"layers.%d.mlp.act_fn.alpha_p", LX_ROLE_FFN_ACT, false},
                                          {"layers.%d.mlp.act_fn.alpha_n", LX_ROLE_FFN_ACT, false},
                                          {"layers.%d.mlp.act_fn.beta", LX_ROLE_FFN_ACT, false},
                                          {"layers.%d.mlp.act_fn.eps", LX_ROLE_FFN_ACT, false},
                                          {NULL, 0, false}},
    .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- ERNIE 4.5 MoE */

/* Layer i is MoE when moe_layer_start_index <= i <= moe_layer_end_index and (i - start) %
 * moe_layer_interval == 0; moe_num_shared_experts shared experts of the expert width; an
 * e_score_correction_bias in the router; q/k/v/o biases with use_bias. Each MTP module
 * (model.mtp_block.N, mtp_emb_norm, mtp_hidden_norm, mtp_linear_proj) is a dense Llama-style
 * layer of intermediate_size and the two norms and projection, sharing the model's
 * embedding, final norm and head (vLLM's ernie_mtp: LlamaDecoderLayer). */
static void cfg_ernie_moe(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t start = 0, end = hp->n_layers ? hp->n_layers - 1 : 0, step = 1, ns = 0;
    lx_jcfg_u64(c->j, "moe_layer_start_index", &start, false);
    lx_jcfg_u64(c->j, "moe_layer_end_index", &end, false);
    lx_jcfg_u64(c->j, "moe_layer_interval", &step, true);
    lx_jcfg_u64(c->j, "moe_k", &hp->n_experts_used, true);
    lx_jcfg_u64(c->j, "moe_num_shared_experts", &ns, false);
    bool bias = false;
    lx_jcfg_bool(c->j, "use_bias", &bias);
    hp->attn_bias = lx_fam_tri(bias);
    hp->n_shared_experts = ns;
    hp->d_shared_expert = ns * hp->d_expert;
    hp->router_bias = LX_YES;
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++)
        if (!(i >= start && i <= end && (i - start) % step == 0)) lx_fam_bits(hp, i, LX_LAYER_DENSE);
    for (uint64_t i = hp->n_layers; i < hp->n_layers + hp->n_nextn_layers && i < LX_MAX_LAYERS; i++)
        lx_fam_bits(hp, i, LX_LAYER_DENSE);
    hp->mtp_layers_given = true;
    hp->has_layer_bits = true;
}

static const lx_role_pattern ERNIE_ROLES[] = {
    {"mtp_block.%d", LX_ROLE_MTP, false},
    {"mtp_emb_norm.%d", LX_ROLE_MTP, false},
    {"mtp_hidden_norm.%d", LX_ROLE_MTP, false},
    {"mtp_linear_proj.%d", LX_ROLE_MTP, false},
    {NULL, 0, false},
};

const lx_family lx_fam_ernie_moe = {
    .name = "ernie4_5-moe", .label = "ERNIE 4.5 MoE",
    .hf_types = (const char *const[]){"ernie4_5_moe", NULL},
    .hf_classes = (const char *const[]){"Ernie4_5_Moe", NULL},
    .gguf_arch = "ernie4_5-moe", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":true,\"rms_norm_eps\":1e-5,\"vocab_size\":103424}",
    .config = cfg_ernie_moe, .hf_roles = ERNIE_ROLES, .recipe = LX_R_MTP | LX_R_MTP_NO_NORM, .tokenizer = "spm",
};

/* ---------------------------------------------------------------- Hunyuan-A13B */

/* Every layer MoE; moe_intermediate_size, moe_topk and num_shared_expert may be per-layer
 * lists (all equal in the release: their first value is used); the shared MLP is
 * intermediate_size x num_shared_expert wide; per-head QK norms. */
static uint64_t first_count(lx_fam_cfg *c, const char *key, uint64_t dflt)
{
    json_t *v = json_object_get(c->j->cfg, key);
    if (json_is_array(v)) v = json_array_get(v, 0);
    if (json_is_integer(v) && json_integer_value(v) >= 0) return (uint64_t)json_integer_value(v);
    if (v) lx_jcfg_type_error(c->j, key, "a count or a list of counts", v);
    return dflt;
}

static void cfg_hunyuan_moe(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    hp->d_expert = first_count(c, "moe_intermediate_size", hp->d_ff);
    hp->n_experts_used = first_count(c, "moe_topk", 1);
    uint64_t ns = first_count(c, "num_shared_expert", 1);
    hp->n_shared_experts = ns ? 1 : 0;
    hp->d_shared_expert = hp->d_ff * ns;
    bool qk = true;
    lx_jcfg_bool(c->j, "use_qk_norm", &qk);
    hp->qk_norm = lx_fam_tri(qk);
}

const lx_family lx_fam_hunyuan_moe = {
    .name = "hunyuan-moe", .label = "Hunyuan MoE",
    .hf_types = (const char *const[]){"hunyuan_v1_moe", "hunyuan", NULL},
    .hf_classes = (const char *const[]){"HunYuanMoE", NULL},
    .gguf_arch = "hunyuan-moe", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":true,\"attention_bias\":false,\"rms_norm_eps\":1e-5}",
    .layer_keys = (const char *const[]){"moe_intermediate_size", "moe_topk", NULL},
    .config = cfg_hunyuan_moe,
    .hf_roles = (const lx_role_pattern[]){{"layers.%d.mlp.gate.wg", LX_ROLE_MOE_ROUTER, false},
                                          {"layers.%d.self_attn.query_layernorm", LX_ROLE_ATTN_Q_NORM, false},
                                          {"layers.%d.self_attn.key_layernorm", LX_ROLE_ATTN_K_NORM, false},
                                          {"layers.%d.mlp.shared_mlp.gate_proj", LX_ROLE_SHEXP_GATE, false},
                                          {"layers.%d.mlp.shared_mlp.up_proj", LX_ROLE_SHEXP_UP, false},
                                          {"layers.%d.mlp.shared_mlp.down_proj", LX_ROLE_SHEXP_DOWN, false},
                                          {NULL, 0, false}},
    .tokenizer = "bpe",
};
