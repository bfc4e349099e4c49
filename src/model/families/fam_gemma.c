/* model/families/fam_gemma — Gemma, Gemma 2 and Gemma 3 (Gemma 4 in fam_gemma4.c). */
#include <stdio.h>
#include <string.h>

#include "model/families/family.h"
#include "model/synth_int.h"

#define GEMMA_DEFS "\"hidden_activation\":\"gelu_pytorch_tanh\",\"tie_word_embeddings\":true," \
                   "\"attention_bias\":false,\"rms_norm_eps\":1e-6"

/* Gemma's scores are scaled by 1/sqrt(query_pre_attn_scalar) when it is declared. */
static void attn_scalar(lx_fam_cfg *c) { lx_jcfg_f64(c->j, "query_pre_attn_scalar", &c->hp->attn_scale); }

static void cfg_gemma(lx_fam_cfg *c) { (void)c; }

static void cfg_gemma2(lx_fam_cfg *c)
{
    lx_fam_window_every(c, 2);
    attn_scalar(c);
}

/* Gemma 3: one global layer in sliding_window_pattern (6); local layers rotate with
 * rope_local_base_freq (10,000), global ones with rope_theta (1,000,000). */
static void cfg_gemma3(lx_fam_cfg *c)
{
    uint64_t pattern = 6;
    lx_jcfg_u64(c->j, "sliding_window_pattern", &pattern, true);
    lx_fam_window_every(c, pattern);
    attn_scalar(c);
    lx_jcfg_f64(c->j, "rope_local_base_freq", &c->hp->rope_theta_local);
}

const lx_family lx_fam_gemma = {
    .name = "gemma", .label = "Gemma",
    .hf_types = (const char *const[]){"gemma", NULL},
    .hf_classes = (const char *const[]){"GemmaFor", NULL},
    .gguf_arch = "gemma", .position = "rope", .norm = "rmsnorm", .activation = "gelu_pytorch_tanh",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" GEMMA_DEFS ",\"rope_theta\":10000,\"max_position_embeddings\":8192,\"vocab_size\":256000,"
                "\"head_dim\":256}",
    .config = cfg_gemma, .recipe = LX_R_EMBED_SCALE, .tokenizer = "spm",
};

const lx_family lx_fam_gemma2 = {
    .name = "gemma2", .label = "Gemma 2",
    .hf_types = (const char *const[]){"gemma2", NULL},
    .hf_classes = (const char *const[]){"Gemma2", NULL},
    .gguf_arch = "gemma2", .position = "rope", .norm = "rmsnorm", .activation = "gelu_pytorch_tanh",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" GEMMA_DEFS ",\"rope_theta\":10000,\"max_position_embeddings\":8192,\"vocab_size\":256000,"
                "\"head_dim\":256,\"sliding_window\":4096,\"attn_logit_softcapping\":50.0,"
                "\"final_logit_softcapping\":30.0}",
    .config = cfg_gemma2, .gguf_window = 2, .recipe = LX_R_SANDWICH | LX_R_EMBED_SCALE, .tokenizer = "spm",
};

const lx_family lx_fam_gemma3 = {
    .name = "gemma3", .label = "Gemma 3",
    .hf_types = (const char *const[]){"gemma3_text", "gemma3", NULL},
    .hf_classes = (const char *const[]){"Gemma3", NULL},
    .gguf_arch = "gemma3", .position = "rope", .norm = "rmsnorm", .activation = "gelu_pytorch_tanh",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{" GEMMA_DEFS ",\"rope_theta\":1000000,\"max_position_embeddings\":131072,\"vocab_size\":262208,"
                "\"hidden_size\":2304,\"intermediate_size\":9216,\"num_hidden_layers\":26,\"num_attention_heads\":8,"
                "\"num_key_value_heads\":4,\"head_dim\":256,\"sliding_window\":4096,\"sliding_window_pattern\":6,"
                "\"rope_local_base_freq\":10000,\"query_pre_attn_scalar\":256}",
    .config = cfg_gemma3, .gguf_window = 6, .recipe = LX_R_SANDWICH | LX_R_EMBED_SCALE, .tokenizer = "spm",
};

/* ---------------------------------------------------------------- Gemma 4 */

/* Sliding layers use head_dim and num_key_value_heads; full layers global_head_dim and, with
 * attention_k_eq_v, num_global_key_value_heads with one projection as both K and V; the
 * last num_kv_shared_layers reuse earlier K/V (no k/v projections); rope_parameters holds a
 * theta per layer kind. */
static void cfg_gemma4(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    attn_scalar(c);
    bool k_eq_v = false, wide = false, moe = false;
    lx_jcfg_bool(c->j, "attention_k_eq_v", &k_eq_v);
    lx_jcfg_bool(c->j, "use_double_wide_mlp", &wide);
    lx_jcfg_bool(c->j, "enable_moe_block", &moe);
    if (!moe) hp->n_experts = hp->n_experts_used = hp->d_expert = 0;
    lx_jcfg sub, kind;
    if (lx_jcfg_sub(c->j, "rope_parameters", &sub)) {
        if (lx_jcfg_sub(&sub, "full_attention", &kind)) lx_jcfg_f64(&kind, "rope_theta", &hp->rope_theta);
        if (lx_jcfg_sub(&sub, "sliding_attention", &kind)) lx_jcfg_f64(&kind, "rope_theta", &hp->rope_theta_local);
    }
    json_t *lt = lx_jcfg_array(c->j, "layer_types", (size_t)hp->n_layers, "an array of strings, one per layer");
    for (uint64_t i = 0; lt && i < hp->n_layers && i < LX_MAX_LAYERS; i++) {
        bool sliding = strcmp(json_string_value(json_array_get(lt, i)) ? json_string_value(json_array_get(lt, i)) : "",
                              "sliding_attention") == 0;
        bool shared = hp->n_kv_shared_layers && i + hp->n_kv_shared_layers >= hp->n_layers;
        if (!sliding) {
            if (hp->head_dim_global) hp->l_head_dim[i] = (uint32_t)hp->head_dim_global;
            if (k_eq_v && hp->n_kv_heads_global) hp->l_kv_heads[i] = (uint32_t)hp->n_kv_heads_global;
            if (k_eq_v) lx_fam_bits(hp, i, LX_LAYER_K_EQ_V);
        }
        if (shared) lx_fam_bits(hp, i, LX_LAYER_KV_SHARED);
        if (shared && wide) hp->l_ff[i] = 2 * hp->d_ff;
    }
}

/* Gemma 4's block: sandwich norms, q-norm, k-norm unless shared, no v-norm weight; a learned
 * per-layer output scalar; the per-layer input gate/projection/norm of E-models; in MoE
 * models a dense MLP beside the routed experts, each with its own norms. */
static void g4_attn(lx_syn *s, uint64_t i)
{
    const lx_hparams *hp = s->hp;
    uint32_t bits = hp->layer_bits[i];
    uint64_t d = hp->d_model, hd = hp->l_head_dim[i] ? hp->l_head_dim[i] : hp->head_dim;
    uint64_t nkv = hp->l_kv_heads[i] ? hp->l_kv_heads[i] : hp->n_kv_heads, q = hp->n_heads * hd;
    lx_syn_lin(s, "attn_q", q, d, false);
    lx_syn_nrm(s, "attn_q_norm", hd);
    if (!(bits & LX_LAYER_KV_SHARED)) {
        lx_syn_lin(s, "attn_k", nkv * hd, d, false);
        lx_syn_nrm(s, "attn_k_norm", hd);
        if (!(bits & LX_LAYER_K_EQ_V)) lx_syn_lin(s, "attn_v", nkv * hd, d, false);
    }
    lx_syn_lin(s, "attn_output", d, q, false);
}

static void g4_ffn(lx_syn *s, uint64_t i)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, ff = hp->l_ff[i] ? hp->l_ff[i] : hp->d_ff, E = hp->n_experts, fe = hp->d_expert;
    lx_syn_nrm(s, "ffn_norm", d);
    lx_syn_lin(s, "ffn_gate", ff, d, false);
    lx_syn_lin(s, "ffn_up", ff, d, false);
    lx_syn_lin(s, "ffn_down", d, ff, false);
    lx_syn_nrm(s, "post_ffw_norm", d);
    if (!E) return;
    lx_syn_lin(s, "ffn_gate_inp", E, d, false);
    lx_syn_add(s, 1, d, 0, 0, "%sffn_gate_inp.scale", s->pfx);
    lx_syn_add(s, 1, E, 0, 0, "%sffn_down_exps.scale", s->pfx);
    lx_syn_add(s, 3, E, 2 * fe, d, "%sffn_gate_up_exps.weight", s->pfx);
    lx_syn_add(s, 3, E, d, fe, "%sffn_down_exps.weight", s->pfx);
    lx_syn_nrm(s, "post_ffw_norm_1", d);
    lx_syn_nrm(s, "post_ffw_norm_2", d);
    lx_syn_nrm(s, "pre_ffw_norm_2", d);
}

static void build_gemma4(lx_syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, ple = hp->ple_dim;
    s->pfx[0] = '\0';
    lx_syn_add(s, 2, hp->vocab_size, d, 0, "token_embd.weight");
    if (ple) {
        lx_syn_add(s, 2, hp->ple_vocab ? hp->ple_vocab : hp->vocab_size, hp->n_layers * ple, 0,
                   "per_layer_token_embd.weight");
        lx_syn_add(s, 2, hp->n_layers * ple, d, 0, "per_layer_model_proj.weight");
        lx_syn_add(s, 1, ple, 0, 0, "per_layer_proj_norm.weight");
    }
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS && !lx_err_failed(s->err); i++) {
        snprintf(s->pfx, sizeof s->pfx, "blk.%llu.", (unsigned long long)i);
        s->layer = i;
        lx_syn_nrm(s, "attn_norm", d);
        g4_attn(s, i);
        lx_syn_nrm(s, "post_attention_norm", d);
        g4_ffn(s, i);
        lx_syn_add(s, 1, 1, 0, 0, "%slayer_output_scale", s->pfx);
        if (!ple) continue;
        lx_syn_lin(s, "inp_gate", ple, d, false);
        lx_syn_lin(s, "proj", d, ple, false);
        lx_syn_nrm(s, "post_norm", d);
    }
    s->pfx[0] = '\0';
    s->layer = LX_MAX_LAYERS;
    lx_syn_nrm(s, "output_norm", d);
}

static const lx_role_pattern GEMMA4_ROLES[] = {
    {"blk.%d.post_ffw_norm_1", LX_ROLE_FFN_POST_NORM, false},
    {"blk.%d.post_ffw_norm_2", LX_ROLE_FFN_POST_NORM, false},
    {"blk.%d.pre_ffw_norm_2", LX_ROLE_FFN_NORM, false},
    {"layers.%d.layer_scalar", LX_ROLE_LAYER_SCALE, false},
    {"layers.%d.per_layer_input_gate", LX_ROLE_PLE_LAYER, false},
    {"layers.%d.per_layer_projection", LX_ROLE_PLE_LAYER, false},
    {"layers.%d.post_per_layer_input_norm", LX_ROLE_PLE_LAYER, false},
    {"embed_tokens_per_layer", LX_ROLE_PLE_EMBD, false},
    {"per_layer_model_projection", LX_ROLE_PLE_PROJ, false},
    {"per_layer_projection_norm", LX_ROLE_PLE_PROJ, false},
    {"layers.%d.router.proj", LX_ROLE_MOE_ROUTER, false},
    {"layers.%d.router.scale", LX_ROLE_MOE_ROUTER, false},
    {"layers.%d.router.per_expert_scale", LX_ROLE_MOE_ROUTER, false},
    {"layers.%d.experts.gate_up_proj", LX_ROLE_EXP_GATE_UP, false},
    {"layers.%d.experts.down_proj", LX_ROLE_EXP_DOWN, false},
    {"layers.%d.post_feedforward_layernorm_1", LX_ROLE_FFN_POST_NORM, false},
    {"layers.%d.post_feedforward_layernorm_2", LX_ROLE_FFN_POST_NORM, false},
    {"layers.%d.pre_feedforward_layernorm_2", LX_ROLE_FFN_NORM, false},
    {NULL, 0, false},
};

const lx_family lx_fam_gemma4 = {
    .name = "gemma4", .label = "Gemma 4",
    .hf_types = (const char *const[]){"gemma4", "gemma4_text", NULL},
    .hf_classes = (const char *const[]){"Gemma4", NULL},
    .gguf_arch = "gemma4", .position = "rope", .norm = "rmsnorm", .activation = "gelu_pytorch_tanh",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{" GEMMA_DEFS ",\"rope_theta\":1000000,\"vocab_size\":262144,\"head_dim\":256,\"sliding_window\":512,"
                "\"query_pre_attn_scalar\":1}",
    .config = cfg_gemma4, .hf_roles = GEMMA4_ROLES, .build = build_gemma4, .recipe = LX_R_EMBED_SCALE,
    .tokenizer = "spm",
};
