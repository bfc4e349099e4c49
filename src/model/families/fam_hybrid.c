/* model/families/fam_hybrid — stacks that mix softmax attention with other token mixers:
 * Qwen3-Next and Qwen3.5/3.6 (Gated DeltaNet + gated attention), Nemotron-H (Mamba-2 +
 * attention + MLP/MoE layers), LFM2 (short convolutions + attention). */
#include <stdio.h>
#include <string.h>

#include "model/families/family.h"

/* ---------------------------------------------------------------- Qwen3-Next, Qwen3.5 */

/* Hugging Face names of the Gated DeltaNet layers (Qwen3-Next fuses qkvz and ba). */
static const lx_role_pattern QWEN_GDN_ROLES[] = {
    {"layers.%d.linear_attn.in_proj_qkvz", LX_ROLE_SSM_IN, false},
    {"layers.%d.linear_attn.in_proj_ba", LX_ROLE_SSM_BA, false},
    {"layers.%d.linear_attn.in_proj_qkv", LX_ROLE_ATTN_QKV, false},
    {"layers.%d.linear_attn.in_proj_z", LX_ROLE_ATTN_GATE, false},
    {"layers.%d.linear_attn.in_proj_b", LX_ROLE_SSM_BA, false},
    {"layers.%d.linear_attn.in_proj_a", LX_ROLE_SSM_BA, false},
    {"layers.%d.linear_attn.conv1d", LX_ROLE_SSM_CONV, false},
    {"layers.%d.linear_attn.dt", LX_ROLE_SSM_DT, false}, /* "dt_bias" */
    {"layers.%d.linear_attn.A_log", LX_ROLE_SSM_A, false},
    {"layers.%d.linear_attn.norm", LX_ROLE_SSM_NORM, false},
    {"layers.%d.linear_attn.out_proj", LX_ROLE_SSM_OUT, false},
    {"mtp.%d", LX_ROLE_MTP, false},
    {NULL, 0, false},
};

/* Layer i is full attention when (i+1) % full_attention_interval == 0, the others Gated
 * DeltaNet (layer_types, read afterwards, wins when declared); full layers gate their
 * output (attn_output_gate). */
static void qwen_gdn_layers(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t every = 4;
    lx_jcfg_u64(c->j, "full_attention_interval", &every, true);
    bool gate = true;
    lx_jcfg_bool(c->j, "attn_output_gate", &gate);
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++) {
        bool full = (i + 1) % every == 0;
        hp->mixer[i] = full ? LX_MIX_ATTN : LX_MIX_GDN;
        if (gate) lx_fam_bits(hp, i, LX_LAYER_GATED);
    }
    hp->has_layer_bits = true;
}

static void cfg_qwen_gdn_moe(lx_fam_cfg *c)
{
    qwen_gdn_layers(c);
    lx_fam_qwen_moe_layers(c);
    c->hp->n_shared_experts = c->hp->d_shared_expert ? 1 : 0;
}

#define QWEN_GDN_DEFS "\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false," \
    "\"rms_norm_eps\":1e-6,\"head_dim\":256,\"linear_conv_kernel_dim\":4,\"linear_key_head_dim\":128," \
    "\"linear_value_head_dim\":128,\"linear_num_key_heads\":16,\"linear_num_value_heads\":32," \
    "\"partial_rotary_factor\":0.25,\"full_attention_interval\":4,\"attn_output_gate\":true"

/* GGUF: llama.cpp stores Gated DeltaNet's sizes in the ssm.* keys — head size = state_size,
 * key heads = group_count, value heads = time_step_rank. */
static bool gguf_gdn(const lx_gguf *g, const char *prefix, lx_hparams *hp, lx_err *err)
{
    (void)g;
    (void)prefix;
    (void)err;
    hp->lin_k_dim = hp->lin_v_dim = hp->ssm_d_state;
    hp->lin_k_heads = hp->ssm_groups;
    hp->lin_v_heads = hp->ssm_dt_rank;
    hp->lin_conv = hp->ssm_conv;
    return true;
}

/* GGUF: Mamba-2's heads are ssm.time_step_rank. */
static bool gguf_mamba2(const lx_gguf *g, const char *prefix, lx_hparams *hp, lx_err *err)
{
    (void)g;
    (void)prefix;
    (void)err;
    hp->ssm_heads = hp->ssm_dt_rank;
    return true;
}

const lx_family lx_fam_qwen3next = {
    .name = "qwen3next", .label = "Qwen3-Next",
    .hf_types = (const char *const[]){"qwen3_next", NULL},
    .hf_classes = (const char *const[]){"Qwen3Next", NULL},
    .gguf_arch = "qwen3next", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{" QWEN_GDN_DEFS ",\"rope_theta\":10000,\"vocab_size\":151936,\"hidden_size\":2048,"
                "\"intermediate_size\":5120,\"num_hidden_layers\":48,\"num_attention_heads\":16,"
                "\"num_key_value_heads\":2,\"num_experts\":512,\"num_experts_per_tok\":10,"
                "\"moe_intermediate_size\":512,\"shared_expert_intermediate_size\":512,\"decoder_sparse_step\":1}",
    .config = cfg_qwen_gdn_moe, .hf_roles = QWEN_GDN_ROLES, .recipe = LX_R_SHEXP_GATE | LX_R_MTP, .gguf = gguf_gdn,
    .linear_mixer = LX_MIX_GDN, .tokenizer = "bpe",
};

const lx_family lx_fam_qwen35 = {
    .name = "qwen35", .label = "Qwen3.5",
    .hf_types = (const char *const[]){"qwen3_5", "qwen3_5_text", NULL},
    .hf_classes = (const char *const[]){"Qwen3_5For", NULL},
    .gguf_arch = "qwen35", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{" QWEN_GDN_DEFS ",\"rope_theta\":10000000,\"vocab_size\":248320,\"hidden_size\":4096,"
                "\"intermediate_size\":12288,\"num_hidden_layers\":32,\"num_attention_heads\":16,"
                "\"num_key_value_heads\":4}",
    .config = qwen_gdn_layers, .hf_roles = QWEN_GDN_ROLES, .gguf = gguf_gdn, .linear_mixer = LX_MIX_GDN,
    .recipe = LX_R_MTP, .tokenizer = "bpe",
};

const lx_family lx_fam_qwen35moe = {
    .name = "qwen35moe", .label = "Qwen3.5-MoE",
    .hf_types = (const char *const[]){"qwen3_5_moe", "qwen3_5_moe_text", NULL},
    .hf_classes = (const char *const[]){"Qwen3_5Moe", NULL},
    .gguf_arch = "qwen35moe", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{" QWEN_GDN_DEFS ",\"rope_theta\":10000000,\"vocab_size\":248320,\"hidden_size\":2048,"
                "\"num_hidden_layers\":40,\"num_attention_heads\":16,\"num_key_value_heads\":2,"
                "\"num_experts\":256,\"num_experts_per_tok\":8,\"moe_intermediate_size\":512,"
                "\"shared_expert_intermediate_size\":512,\"decoder_sparse_step\":1}",
    .config = cfg_qwen_gdn_moe, .hf_roles = QWEN_GDN_ROLES, .recipe = LX_R_SHEXP_GATE | LX_R_MTP, .gguf = gguf_gdn,
    .linear_mixer = LX_MIX_GDN, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Nemotron-H */

static const lx_role_pattern NEMOTRON_H_ROLES[] = {
    {"backbone.embeddings", LX_ROLE_TOK_EMBD, false},
    {"backbone.norm_f", LX_ROLE_OUTPUT_NORM, false},
    {"backbone.layers.%d.norm", LX_ROLE_ATTN_NORM, false},
    {"backbone.layers.%d.mixer.in_proj", LX_ROLE_SSM_IN, false},
    {"backbone.layers.%d.mixer.conv1d", LX_ROLE_SSM_CONV, false},
    {"backbone.layers.%d.mixer.dt", LX_ROLE_SSM_DT, false},
    {"backbone.layers.%d.mixer.A_log", LX_ROLE_SSM_A, false},
    {"backbone.layers.%d.mixer.D", LX_ROLE_SSM_D, false},
    {"backbone.layers.%d.mixer.norm", LX_ROLE_SSM_NORM, false},
    {"backbone.layers.%d.mixer.out_proj", LX_ROLE_SSM_OUT, false},
    {"backbone.layers.%d.mixer.q_proj", LX_ROLE_ATTN_Q, false},
    {"backbone.layers.%d.mixer.k_proj", LX_ROLE_ATTN_K, false},
    {"backbone.layers.%d.mixer.v_proj", LX_ROLE_ATTN_V, false},
    {"backbone.layers.%d.mixer.o_proj", LX_ROLE_ATTN_O, false},
    {"backbone.layers.%d.mixer.up_proj", LX_ROLE_FFN_UP, false},
    {"backbone.layers.%d.mixer.down_proj", LX_ROLE_FFN_DOWN, false},
    {"backbone.layers.%d.mixer.gate", LX_ROLE_MOE_ROUTER, false},
    {"backbone.layers.%d.mixer.gate.e_score_correction", LX_ROLE_MOE_ROUTER_BIAS, false},
    {"backbone.layers.%d.mixer.experts.%e.up_proj", LX_ROLE_EXP_UP, false},
    {"backbone.layers.%d.mixer.experts.%e.down_proj", LX_ROLE_EXP_DOWN, false},
    {"backbone.layers.%d.mixer.shared_experts.up_proj", LX_ROLE_SHEXP_UP, false},
    {"backbone.layers.%d.mixer.shared_experts.down_proj", LX_ROLE_SHEXP_DOWN, false},
    {"backbone.layers.%d.mixer.fc1_latent_proj", LX_ROLE_MOE_LATENT, false},
    {"backbone.layers.%d.mixer.fc2_latent_proj", LX_ROLE_MOE_LATENT, false},
    {"mtp.%d", LX_ROLE_MTP, false},
    {NULL, 0, false},
};

/* hybrid_override_pattern: one letter per layer — M Mamba-2, * attention, - MLP, E MoE —
 * each layer one mixer or one FFN behind a single pre-norm. A letter outside these (checked
 * before the length, so a multi-byte character is named as such, not counted as letters)
 * or a length other than the layers' is an error naming the key. */
static bool nemotron_letters_ok(lx_fam_cfg *c, const char *pat)
{
    size_t i = strspn(pat, "M*-E");
    if (!pat[i]) return true;
    char what[160];
    unsigned char ch = (unsigned char)pat[i];
    if (ch >= 0x20 && ch < 0x7f)
        snprintf(what, sizeof what, "letter %zu is '%c' (expected M, *, - or E)", i + 1, ch);
    else /* a control or a byte of a multi-byte character: its value, not '?' */
        snprintf(what, sizeof what, "letter %zu is byte 0x%02X (expected M, *, - or E)", i + 1, ch);
    lx_jcfg_key_error(c->j, "hybrid_override_pattern", what);
    return false;
}

static void nemotron_pattern(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    const char *pat = lx_jcfg_str(c->j, "hybrid_override_pattern");
    if (!pat || !nemotron_letters_ok(c, pat)) return;
    if (strlen(pat) != hp->n_layers) {
        char what[160];
        snprintf(what, sizeof what, "expected %llu letters (one per layer), found %zu",
                 (unsigned long long)hp->n_layers, strlen(pat));
        lx_jcfg_key_error(c->j, "hybrid_override_pattern", what);
        return;
    }
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++) {
        switch (pat[i]) {
        case 'M': hp->mixer[i] = LX_MIX_MAMBA2; lx_fam_bits(hp, i, LX_LAYER_NO_FFN); break;
        case '*': hp->mixer[i] = LX_MIX_ATTN; lx_fam_bits(hp, i, LX_LAYER_NO_FFN | LX_LAYER_NOPE); break;
        case '-': hp->mixer[i] = LX_MIX_NONE; lx_fam_bits(hp, i, LX_LAYER_DENSE); break;
        default: hp->mixer[i] = LX_MIX_NONE; lx_fam_bits(hp, i, 0); break; /* 'E' */
        }
    }
}

static void cfg_nemotron_h(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t mhd = 0;
    lx_jcfg_u64(c->j, "mamba_head_dim", &mhd, true);
    if (!hp->head_dim) lx_jcfg_u64(c->j, "attention_head_dim", &hp->head_dim, true);
    hp->ssm_d_inner = hp->ssm_heads * mhd;
    lx_jcfg_u64(c->j, "moe_shared_expert_intermediate_size", &hp->d_shared_expert, false);
    if (hp->n_experts && hp->d_shared_expert && !hp->n_shared_experts) hp->n_shared_experts = 1;
    hp->router_bias = hp->n_experts ? LX_YES : LX_NO;
    lx_fam_copy(hp->router_score, sizeof hp->router_score, "sigmoid");
    const char *act = lx_jcfg_str(c->j, "mlp_hidden_act");
    if (act) lx_fam_copy(hp->activation, sizeof hp->activation, act);
    nemotron_pattern(c);
}

const lx_family lx_fam_nemotron_h = {
    .name = "nemotron_h", .label = "Nemotron-H",
    .hf_types = (const char *const[]){"nemotron_h", NULL},
    .hf_classes = (const char *const[]){"NemotronH", NULL},
    .gguf_arch = "nemotron_h", .position = "none", .norm = "rmsnorm", .activation = "relu2",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"tie_word_embeddings\":false,\"attention_bias\":false,\"mlp_bias\":false,\"rms_norm_eps\":1e-5,"
                "\"mamba_head_dim\":64,\"n_groups\":8,\"ssm_state_size\":128,\"conv_kernel\":4,"
                "\"mlp_hidden_act\":\"relu2\"}",
    .config = cfg_nemotron_h, .hf_roles = NEMOTRON_H_ROLES, .gguf = gguf_mamba2, .linear_mixer = LX_MIX_MAMBA2,
    .recipe = LX_R_MTP, /* mtp_hybrid_override_pattern "*E": attention + MoE in one block */
    .tokenizer = "bpe",
};

const lx_family lx_fam_nemotron_h_moe = {
    .name = "nemotron_h", .label = "Nemotron-H MoE", .gguf_arch = "nemotron_h_moe", .position = "none",
    .norm = "rmsnorm", .activation = "relu2", .gated = LX_NO, .qk_norm = LX_NO, .hf_roles = NEMOTRON_H_ROLES,
    .gguf = gguf_mamba2,
};

/* ---------------------------------------------------------------- LFM2 */

static const lx_role_pattern LFM2_ROLES[] = {
    {"embedding_norm", LX_ROLE_OUTPUT_NORM, false}, /* the final norm, despite its name */
    {"layers.%d.operator_norm", LX_ROLE_ATTN_NORM, false},
    {"layers.%d.ffn_norm", LX_ROLE_FFN_NORM, false},
    {"layers.%d.self_attn.out_proj", LX_ROLE_ATTN_O, false},
    {"layers.%d.self_attn.q_layernorm", LX_ROLE_ATTN_Q_NORM, false},
    {"layers.%d.self_attn.k_layernorm", LX_ROLE_ATTN_K_NORM, false},
    {"layers.%d.conv.in_proj", LX_ROLE_CONV_IN, false},
    {"layers.%d.conv.conv", LX_ROLE_CONV, false},
    {"layers.%d.conv.out_proj", LX_ROLE_CONV_OUT, false},
    {"layers.%d.feed_forward.w1", LX_ROLE_FFN_GATE, false},
    {"layers.%d.feed_forward.w3", LX_ROLE_FFN_UP, false},
    {"layers.%d.feed_forward.w2", LX_ROLE_FFN_DOWN, false},
    {"token_embd_norm", LX_ROLE_OUTPUT_NORM, false}, /* llama.cpp's name for that norm */
    {NULL, 0, false},
};

/* block_ff_dim is adjusted as SwiGLU sizing does: 2/3, times block_ffn_dim_multiplier, up to a
 * multiple of block_multiple_of. Old configs list attention layers in full_attn_idxs. */
static void cfg_lfm2(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t ff = 0, mult_of = 256;
    bool adjust = true;
    double mult = 0;
    if (lx_jcfg_u64(c->j, "block_ff_dim", &ff, true)) hp->d_ff = ff;
    lx_jcfg_bool(c->j, "block_auto_adjust_ff_dim", &adjust);
    lx_jcfg_f64(c->j, "block_ffn_dim_multiplier", &mult);
    lx_jcfg_u64(c->j, "block_multiple_of", &mult_of, true);
    if (adjust && hp->d_ff) {
        uint64_t f = 2 * hp->d_ff / 3;
        if (mult > 0) f = (uint64_t)(mult * (double)f);
        hp->d_ff = (f + mult_of - 1) / mult_of * mult_of;
    }
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++) hp->mixer[i] = LX_MIX_CONV;
    json_t *idx = lx_jcfg_array(c->j, "full_attn_idxs", 0, "an array of layer indices");
    for (size_t k = 0; idx && k < json_array_size(idx); k++) {
        json_t *v = json_array_get(idx, k);
        if (!json_is_integer(v) || json_integer_value(v) < 0 || (uint64_t)json_integer_value(v) >= hp->n_layers) {
            lx_jcfg_elem_error(c->j, "full_attn_idxs", k, "a layer index below num_hidden_layers", v);
            return;
        }
        if (json_integer_value(v) < LX_MAX_LAYERS) hp->mixer[json_integer_value(v)] = LX_MIX_ATTN;
    }
    hp->has_layer_bits = true;
}

const lx_family lx_fam_lfm2 = {
    .name = "lfm2", .label = "LFM2",
    .hf_types = (const char *const[]){"lfm2", NULL},
    .hf_classes = (const char *const[]){"Lfm2For", NULL},
    .gguf_arch = "lfm2", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"tie_word_embeddings\":true,\"rope_theta\":1000000,\"norm_eps\":1e-5,\"conv_L_cache\":3,"
                "\"vocab_size\":65536}",
    .config = cfg_lfm2, .hf_roles = LFM2_ROLES, .tokenizer = "bpe",
};
