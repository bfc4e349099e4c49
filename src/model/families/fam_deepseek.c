/* model/families/fam_deepseek — DeepSeek V2/V3 (MLA + MoE with a dense prefix) and the
 * models that declare its classes (Kimi K2). */
#include <stdio.h>
#include <string.h>

#include "model/synth_int.h"
#include "model/towers.h"

#include "model/families/family.h"

#define DS_DEFS "\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false," \
                "\"rope_theta\":10000,\"rms_norm_eps\":1e-6"

/* MLA, a dense prefix, MoE every moe_layer_freq-th layer after it, and (topk_method
 * noaux_tc) a per-expert score-correction bias in a sigmoid router. */
void lx_fam_cfg_deepseek(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    if (hp->kv_lora_rank) {
        hp->head_dim = hp->qk_nope_head_dim + hp->qk_rope_head_dim;
        hp->rope_dims = hp->qk_rope_head_dim;
    }
    hp->d_shared_expert = hp->d_expert * hp->n_shared_experts;
    uint64_t freq = 1;
    lx_jcfg_u64(c->j, "moe_layer_freq", &freq, true);
    for (uint64_t i = 0; i < hp->n_layers; i++)
        if (i < hp->n_dense_prefix || i % freq != 0) lx_fam_bits(hp, i, LX_LAYER_DENSE);
    hp->has_layer_bits = true;
    const char *topk = lx_jcfg_str(c->j, "topk_method");
    hp->router_bias = lx_fam_tri(topk && strcmp(topk, "noaux_tc") == 0);
    const char *score = lx_jcfg_str(c->j, "scoring_func");
    lx_fam_copy(hp->router_score, sizeof hp->router_score, score ? score : "softmax");
}

const lx_family lx_fam_deepseek3 = {
    .name = "deepseek2", .label = "DeepSeek-V3",
    .hf_types = (const char *const[]){"deepseek_v3", "kimi_k2", NULL},
    .hf_classes = (const char *const[]){"DeepseekV3For", NULL},
    .gguf_arch = "deepseek2", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" DS_DEFS ",\"max_position_embeddings\":4096,\"first_k_dense_replace\":3,\"moe_layer_freq\":1,"
                "\"topk_method\":\"noaux_tc\",\"scoring_func\":\"sigmoid\",\"n_shared_experts\":1,"
                "\"n_routed_experts\":256,\"num_experts_per_tok\":8,\"moe_intermediate_size\":2048,"
                "\"q_lora_rank\":1536,\"kv_lora_rank\":512,\"qk_rope_head_dim\":64,\"qk_nope_head_dim\":128,"
                "\"v_head_dim\":128}",
    .config = lx_fam_cfg_deepseek, .recipe = LX_R_MTP | LX_R_MTP_HEAD, .tokenizer = "bpe",
};

const lx_family lx_fam_deepseek2 = {
    .name = "deepseek2", .label = "DeepSeek-V2",
    .hf_types = (const char *const[]){"deepseek_v2", NULL},
    .hf_classes = (const char *const[]){"DeepseekV2For", NULL},
    .position = "rope", .norm = "rmsnorm", .activation = "silu", .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" DS_DEFS ",\"max_position_embeddings\":2048,\"first_k_dense_replace\":0,\"moe_layer_freq\":1,"
                "\"topk_method\":\"greedy\",\"scoring_func\":\"softmax\"}",
    .config = lx_fam_cfg_deepseek, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- DeepSeek-V3.2, GLM-5: DSA */

/* The sparse-attention indexer of every layer: its query from the q latent, one key, a
 * LayerNorm (with bias) on the key, per-head weights. */
static void cfg_dsa(lx_fam_cfg *c)
{
    lx_fam_cfg_deepseek(c);
    for (uint64_t i = 0; i < c->hp->n_layers; i++) lx_fam_bits(c->hp, i, LX_LAYER_INDEXER);
}

const lx_family lx_fam_deepseek32 = {
    .name = "deepseek32", .label = "DeepSeek-V3.2",
    .hf_types = (const char *const[]){"deepseek_v32", NULL},
    .hf_classes = (const char *const[]){"DeepseekV32For", NULL},
    .gguf_arch = "deepseek32", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" DS_DEFS ",\"max_position_embeddings\":163840,\"first_k_dense_replace\":3,\"moe_layer_freq\":1,"
                "\"topk_method\":\"noaux_tc\",\"scoring_func\":\"sigmoid\",\"n_shared_experts\":1,"
                "\"n_routed_experts\":256,\"num_experts_per_tok\":8,\"moe_intermediate_size\":2048,"
                "\"q_lora_rank\":1536,\"kv_lora_rank\":512,\"qk_rope_head_dim\":64,\"qk_nope_head_dim\":128,"
                "\"v_head_dim\":128,\"index_n_heads\":64,\"index_head_dim\":128}",
    .config = cfg_dsa, .recipe = LX_R_MTP | LX_R_MTP_HEAD, .tokenizer = "bpe",
};

const lx_family lx_fam_glm_dsa = {
    .name = "glm-dsa", .label = "GLM-5",
    .hf_types = (const char *const[]){"glm_moe_dsa", NULL},
    .hf_classes = (const char *const[]){"GlmMoeDsa", NULL},
    .gguf_arch = "glm-dsa", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" DS_DEFS ",\"first_k_dense_replace\":3,\"moe_layer_freq\":1,\"topk_method\":\"noaux_tc\","
                "\"scoring_func\":\"sigmoid\",\"n_shared_experts\":1,\"index_n_heads\":32,\"index_head_dim\":128}",
    .config = cfg_dsa, .recipe = LX_R_MTP, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- GLM-4.5 (GLM-4 MoE) */

/* A dense prefix (first_k_dense_replace), then MoE with a sigmoid router, its score bias and
 * shared experts; q/k/v biases (attention_bias), partial RoPE. */
static void cfg_glm4moe(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    hp->d_shared_expert = hp->d_expert * hp->n_shared_experts;
    for (uint64_t i = 0; i < hp->n_layers && i < hp->n_dense_prefix; i++) lx_fam_bits(hp, i, LX_LAYER_DENSE);
    hp->has_layer_bits = true;
    hp->router_bias = LX_YES;
    lx_fam_copy(hp->router_score, sizeof hp->router_score, "sigmoid");
    bool qk = false;
    lx_jcfg_bool(c->j, "use_qk_norm", &qk);
    hp->qk_norm = lx_fam_tri(qk);
}

const lx_family lx_fam_glm4moe = {
    .name = "glm4moe", .label = "GLM-4.5",
    .hf_types = (const char *const[]){"glm4_moe", NULL},
    .hf_classes = (const char *const[]){"Glm4Moe", NULL},
    .gguf_arch = "glm4moe", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":true,\"rms_norm_eps\":1e-5,"
                "\"vocab_size\":151552,\"partial_rotary_factor\":0.5,\"first_k_dense_replace\":1,"
                "\"n_shared_experts\":1,\"rope_theta\":1000000}",
    .config = cfg_glm4moe, .recipe = LX_R_NO_O_BIAS | LX_R_MTP | LX_R_MTP_HEAD, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- DeepSeek-V4 */

/* hc_mult residual streams (4 in V4: 1 to 64 keeps the mixing matrices sane) and hash layers
 * among the layers; an error naming the key otherwise. */
static bool ds4_bounds(lx_fam_cfg *c)
{
    const lx_hparams *hp = c->hp;
    char what[128];
    if (lx_jcfg_get(c->j, "hc_mult") && (hp->hc_mult < 1 || hp->hc_mult > 64)) {
        snprintf(what, sizeof what, "%llu residual streams (expected 1 to 64)", (unsigned long long)hp->hc_mult);
        lx_jcfg_key_error(c->j, "hc_mult", what);
        return false;
    }
    if (hp->n_hash_layers > hp->n_layers) {
        snprintf(what, sizeof what, "%llu hash layers but %llu layers (expected at most num_hidden_layers)",
                 (unsigned long long)hp->n_hash_layers, (unsigned long long)hp->n_layers);
        lx_jcfg_key_error(c->j, "num_hash_layers", what);
        return false;
    }
    return true;
}

/* Per layer: single-head (K = V) attention of head_dim with a q latent, grouped low-rank
 * output, sinks; mHC hyper-connections around both sub-blocks; a KV compressor per
 * compress_ratios[i] (4: with an indexer; 128; 0: none); MoE with sqrt-softplus router (its
 * bias, or a token-id hash table in the first num_hash_layers layers — an integer table,
 * not parameters) and shared experts. */
static void cfg_deepseek4(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    if (!ds4_bounds(c)) return;
    json_t *cr = lx_jcfg_array(c->j, "compress_ratios", 0, "an array of ratios");
    if (cr && json_array_size(cr) < hp->n_layers) {
        lx_jcfg_key_error(c->j, "compress_ratios", "expected at least one entry per layer");
        return;
    }
    /* one entry per layer, then (when given) one per MTP module's layer */
    uint64_t n = hp->n_layers + (cr && json_array_size(cr) >= hp->n_layers + hp->n_nextn_layers ? hp->n_nextn_layers : 0);
    for (uint64_t i = 0; cr && i < n && i < LX_MAX_LAYERS; i++) {
        json_t *v = json_array_get(cr, i);
        json_int_t r = json_integer_value(v);
        if (!json_is_integer(v) || r < 0 || r > 1 << 20) {
            lx_jcfg_elem_error(c->j, "compress_ratios", (size_t)i, "a ratio from 0 to 1,048,576 (0: no compressor)", v);
            return;
        }
        hp->l_compress[i] = (uint32_t)r;
        if (i >= hp->n_layers) continue; /* an MTP layer's: its compressor only */
        if (r == 4) lx_fam_bits(hp, i, LX_LAYER_INDEXER);
        lx_fam_bits(hp, i, LX_LAYER_SLIDING | LX_LAYER_K_EQ_V);
    }
    hp->has_compress = cr != NULL;
    hp->d_shared_expert = hp->d_expert * hp->n_shared_experts;
    hp->router_bias = LX_NO; /* the bias is per layer here (not in hash layers): the builder adds it */
    const char *score = lx_jcfg_str(c->j, "scoring_func");
    lx_fam_copy(hp->router_score, sizeof hp->router_score, score ? score : "sqrtsoftplus");
    hp->has_layer_bits = true;
}

static void ds4_hc(lx_syn *s, const char *what, uint64_t rows)
{
    const lx_hparams *hp = s->hp;
    lx_syn_add(s, 2, rows, hp->hc_mult * hp->d_model, 0, "%shc_%s_fn", s->pfx, what);
    lx_syn_add(s, 1, rows, 0, 0, "%shc_%s_base", s->pfx, what);
    lx_syn_add(s, 1, strcmp(what, "head") == 0 ? 1 : 3, 0, 0, "%shc_%s_scale", s->pfx, what);
}

static void ds4_compressor(lx_syn *s, uint32_t ratio)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, hd = hp->head_dim, coff = ratio == 4 ? 2 : 1;
    lx_syn_lin(s, "attn_compressor_wkv", coff * hd, d, false);
    lx_syn_lin(s, "attn_compressor_wgate", coff * hd, d, false);
    lx_syn_add(s, 2, ratio, coff * hd, 0, "%sattn_compressor_ape", s->pfx);
    lx_syn_nrm(s, "attn_compressor_norm", hd);
    if (ratio != 4) return;
    uint64_t ni = hp->idx_heads, di = hp->idx_head_dim;
    lx_syn_lin(s, "indexer.proj", ni, d, false);
    lx_syn_lin(s, "indexer.attn_q_b", ni * di, hp->q_lora_rank, false);
    lx_syn_lin(s, "indexer_compressor_kv", 2 * di, d, false);
    lx_syn_lin(s, "indexer_compressor_gate", 2 * di, d, false);
    lx_syn_add(s, 2, ratio, 2 * di, 0, "%sindexer_compressor_ape", s->pfx);
    lx_syn_nrm(s, "indexer_compressor_norm", di);
}

static void ds4_layer(lx_syn *s, uint64_t i)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, nh = hp->n_heads, hd = hp->head_dim, ql = hp->q_lora_rank;
    uint64_t og = hp->o_groups ? hp->o_groups : 1, ol = hp->o_lora_rank, mix = (2 + hp->hc_mult) * hp->hc_mult;
    uint64_t E = hp->n_experts, fe = hp->d_expert, fs = hp->d_shared_expert;
    snprintf(s->pfx, sizeof s->pfx, "blk.%llu.", (unsigned long long)i);
    s->layer = i;
    lx_syn_nrm(s, "attn_norm", d);
    lx_syn_add(s, 1, nh, 0, 0, "%sattn_sinks.weight", s->pfx);
    lx_syn_lin(s, "attn_q_a", ql, d, false);
    lx_syn_nrm(s, "attn_q_a_norm", ql);
    lx_syn_lin(s, "attn_q_b", nh * hd, ql, false);
    lx_syn_lin(s, "attn_kv", hd, d, false);
    lx_syn_nrm(s, "attn_kv_norm", hd);
    lx_syn_add(s, 2, og * ol, nh * hd / og, 0, "%sattn_out_a.weight", s->pfx);
    lx_syn_lin(s, "attn_out_b", d, og * ol, false);
    ds4_hc(s, "attn", mix);
    ds4_hc(s, "ffn", mix);
    uint32_t ratio = i < LX_MAX_LAYERS ? hp->l_compress[i] : 0;
    if (ratio) ds4_compressor(s, ratio);
    lx_syn_nrm(s, "ffn_norm", d);
    lx_syn_lin(s, "ffn_gate_inp", E, d, false);
    if (i >= hp->n_hash_layers) lx_syn_add(s, 1, E, 0, 0, "%sexp_probs_b.bias", s->pfx);
    lx_syn_add(s, 3, E, fe, d, "%sffn_gate_exps.weight", s->pfx);
    lx_syn_add(s, 3, E, fe, d, "%sffn_up_exps.weight", s->pfx);
    lx_syn_add(s, 3, E, d, fe, "%sffn_down_exps.weight", s->pfx);
    lx_syn_lin(s, "ffn_gate_shexp", fs, d, false);
    lx_syn_lin(s, "ffn_up_shexp", fs, d, false);
    lx_syn_lin(s, "ffn_down_shexp", d, fs, false);
}

/* An MTP module (the checkpoint's mtp.N.*): a full layer (its compressor from the ratio after
 * the main layers', window only when none is given), the embedding and hidden-state norms and
 * projections (llama.cpp's eh_proj is e_proj and h_proj side by side), its final norm and its
 * own hyper-connection head; the embedding and output head are the main model's. */
static void ds4_mtp(lx_syn *s, uint64_t i)
{
    const lx_hparams *hp = s->hp;
    ds4_layer(s, i);
    lx_towers_synth_mtp(s, i);
    snprintf(s->pfx, sizeof s->pfx, "blk.%llu.nextn.", (unsigned long long)i);
    ds4_hc(s, "head", hp->hc_mult);
}

static void build_deepseek4(lx_syn *s)
{
    const lx_hparams *hp = s->hp;
    s->pfx[0] = '\0';
    lx_syn_add(s, 2, hp->vocab_size, hp->d_model, 0, "token_embd.weight");
    for (uint64_t i = 0; i < hp->n_layers && !lx_err_failed(s->err); i++) ds4_layer(s, i);
    for (uint64_t i = hp->n_layers; i < hp->n_layers + hp->n_nextn_layers && i < LX_MAX_LAYERS && !lx_err_failed(s->err); i++)
        ds4_mtp(s, i);
    s->pfx[0] = '\0';
    s->layer = LX_MAX_LAYERS;
    lx_syn_nrm(s, "output_norm", hp->d_model);
    lx_syn_lin(s, "output", hp->vocab_size, hp->d_model, false);
    ds4_hc(s, "head", hp->hc_mult);
}

static const lx_role_pattern DS4_ROLES[] = {
    {"blk.%d.attn_kv", LX_ROLE_ATTN_K, false},
    {"blk.%d.attn_kv_norm", LX_ROLE_ATTN_K_NORM, false},
    {"blk.%d.attn_out_a", LX_ROLE_ATTN_O, false},
    {"blk.%d.attn_out_b", LX_ROLE_ATTN_O, false},
    {"blk.%d.hc_attn_fn", LX_ROLE_HYPER, false},
    {"blk.%d.hc_attn_base", LX_ROLE_HYPER, false},
    {"blk.%d.hc_attn_scale", LX_ROLE_HYPER, false},
    {"blk.%d.hc_ffn_fn", LX_ROLE_HYPER, false},
    {"blk.%d.hc_ffn_base", LX_ROLE_HYPER, false},
    {"blk.%d.hc_ffn_scale", LX_ROLE_HYPER, false},
    {"hc_head_fn", LX_ROLE_HYPER, false},
    {"hc_head_base", LX_ROLE_HYPER, false},
    {"hc_head_scale", LX_ROLE_HYPER, false},
    {"blk.%d.nextn.hc_head_fn", LX_ROLE_MTP, false},
    {"blk.%d.nextn.hc_head_base", LX_ROLE_MTP, false},
    {"blk.%d.nextn.hc_head_scale", LX_ROLE_MTP, false},
    {"blk.%d.attn_compressor_wkv", LX_ROLE_INDEXER, false},
    {"blk.%d.attn_compressor_wgate", LX_ROLE_INDEXER, false},
    {"blk.%d.attn_compressor_ape", LX_ROLE_INDEXER, false},
    {"blk.%d.attn_compressor_norm", LX_ROLE_INDEXER, false},
    {"blk.%d.indexer_compressor_kv", LX_ROLE_INDEXER, false},
    {"blk.%d.indexer_compressor_gate", LX_ROLE_INDEXER, false},
    {"blk.%d.indexer_compressor_ape", LX_ROLE_INDEXER, false},
    {"blk.%d.indexer_compressor_norm", LX_ROLE_INDEXER, false},
    {"blk.%d.ffn_gate_tid2eid", LX_ROLE_BUFFER, false},
    {NULL, 0, false},
};

const lx_family lx_fam_deepseek4 = {
    .name = "deepseek4", .label = "DeepSeek-V4",
    .hf_types = (const char *const[]){"deepseek_v4", NULL},
    .hf_classes = (const char *const[]){"DeepseekV4For", NULL},
    .gguf_arch = "deepseek4", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"rms_norm_eps\":1e-6,\"head_dim\":512,"
                "\"hc_mult\":4,\"o_groups\":8,\"o_lora_rank\":1024,\"n_shared_experts\":1,\"index_n_heads\":64,"
                "\"index_head_dim\":128,\"num_hash_layers\":0}",
    .config = cfg_deepseek4, .hf_roles = DS4_ROLES, .build = build_deepseek4, .tokenizer = "bpe",
};
