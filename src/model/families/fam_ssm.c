/* model/families/fam_ssm — state-space and recurrent families: Mamba, Mamba-2, Jamba
 * (Mamba + attention + MoE), Falcon-H1 (attention and Mamba-2 side by side in every layer),
 * Granite 4.0-H (Mamba-2 / attention with MoE + shared MLP), xLSTM (mLSTM blocks). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/families/family.h"

static const lx_role_pattern SSM_ROLES[] = {
    {"backbone.embeddings", LX_ROLE_TOK_EMBD, false},
    {"backbone.embedding", LX_ROLE_TOK_EMBD, false},
    {"backbone.norm_f", LX_ROLE_OUTPUT_NORM, false},
    {"backbone.layers.%d.norm", LX_ROLE_ATTN_NORM, false},
    {"backbone.layers.%d.mixer.in_proj", LX_ROLE_SSM_IN, false},
    {"backbone.layers.%d.mixer.conv1d", LX_ROLE_SSM_CONV, false},
    {"backbone.layers.%d.mixer.x_proj", LX_ROLE_SSM_X, false},
    {"backbone.layers.%d.mixer.dt_proj", LX_ROLE_SSM_DT, false},
    {"backbone.layers.%d.mixer.dt", LX_ROLE_SSM_DT, false},
    {"backbone.layers.%d.mixer.A_log", LX_ROLE_SSM_A, false},
    {"backbone.layers.%d.mixer.D", LX_ROLE_SSM_D, false},
    {"backbone.layers.%d.mixer.norm", LX_ROLE_SSM_NORM, false},
    {"backbone.layers.%d.mixer.out_proj", LX_ROLE_SSM_OUT, false},
    {"layers.%d.mamba.in_proj", LX_ROLE_SSM_IN, false},
    {"layers.%d.mamba.conv1d", LX_ROLE_SSM_CONV, false},
    {"layers.%d.mamba.x_proj", LX_ROLE_SSM_X, false},
    {"layers.%d.mamba.dt_proj", LX_ROLE_SSM_DT, false},
    {"layers.%d.mamba.dt", LX_ROLE_SSM_DT, false},
    {"layers.%d.mamba.A_log", LX_ROLE_SSM_A, false},
    {"layers.%d.mamba.D", LX_ROLE_SSM_D, false},
    {"layers.%d.mamba.norm", LX_ROLE_SSM_NORM, false},
    {"layers.%d.mamba.out_proj", LX_ROLE_SSM_OUT, false},
    {"layers.%d.mamba.dt_layernorm", LX_ROLE_SSM_MISC, false},
    {"layers.%d.mamba.b_layernorm", LX_ROLE_SSM_MISC, false},
    {"layers.%d.mamba.c_layernorm", LX_ROLE_SSM_MISC, false},
    {"layers.%d.pre_ff_layernorm", LX_ROLE_FFN_NORM, false},
    {"layers.%d.feed_forward.router", LX_ROLE_MOE_ROUTER, false},
    {"layers.%d.feed_forward.experts.%e.gate_proj", LX_ROLE_EXP_GATE, false},
    {"layers.%d.feed_forward.experts.%e.up_proj", LX_ROLE_EXP_UP, false},
    {"layers.%d.feed_forward.experts.%e.down_proj", LX_ROLE_EXP_DOWN, false},
    {"layers.%d.feed_forward.gate_proj", LX_ROLE_FFN_GATE, false},
    {"layers.%d.feed_forward.up_proj", LX_ROLE_FFN_UP, false},
    {"layers.%d.feed_forward.down_proj", LX_ROLE_FFN_DOWN, false},
    {"final_layernorm", LX_ROLE_OUTPUT_NORM, false},
    {"layers.%d.block_sparse_moe.router.layer", LX_ROLE_MOE_ROUTER, false},
    {"layers.%d.block_sparse_moe.input_linear", LX_ROLE_EXP_GATE_UP, false},
    {"layers.%d.block_sparse_moe.output_linear", LX_ROLE_EXP_DOWN, false},
    {"layers.%d.shared_mlp.input_linear", LX_ROLE_SHEXP_UP, false},
    {"layers.%d.shared_mlp.output_linear", LX_ROLE_SHEXP_DOWN, false},
    {"blk.%d.mlstm_ogate", LX_ROLE_SSM_MISC, false},
    {"blk.%d.mlstm_igate", LX_ROLE_SSM_MISC, false},
    {"blk.%d.mlstm_fgate", LX_ROLE_SSM_MISC, false},
    {"blk.%d.mlstm_norm", LX_ROLE_SSM_NORM, false},
    {NULL, 0, false},
};

/* Every layer this mixer, without an FFN (pure Mamba stacks). */
static void all_layers(lx_hparams *hp, lx_mixer m, uint32_t bits)
{
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++) {
        hp->mixer[i] = (uint8_t)m;
        lx_fam_bits(hp, i, bits);
    }
    hp->has_layer_bits = true;
}

/* d_inner = expand x hidden (or heads x head size); Mamba-1's dt rank "auto" = ceil(H / 16). */
static void mamba_dims(lx_fam_cfg *c, const char *expand_key, const char *rank_key)
{
    lx_hparams *hp = c->hp;
    uint64_t expand = 2;
    lx_jcfg_u64(c->j, expand_key, &expand, true);
    if (!hp->ssm_d_inner) hp->ssm_d_inner = expand * hp->d_model;
    json_t *r = lx_jcfg_get(c->j, rank_key);
    if (json_is_integer(r)) lx_jcfg_u64(c->j, rank_key, &hp->ssm_dt_rank, true);
    else hp->ssm_dt_rank = (hp->d_model + 15) / 16;
}

/* ---------------------------------------------------------------- Mamba, Mamba-2 */

static void cfg_mamba(lx_fam_cfg *c)
{
    mamba_dims(c, "expand", "time_step_rank");
    all_layers(c->hp, LX_MIX_MAMBA, LX_LAYER_NO_FFN);
}

const lx_family lx_fam_mamba = {
    .name = "mamba", .label = "Mamba",
    .hf_types = (const char *const[]){"mamba", "falcon_mamba", NULL},
    .hf_classes = (const char *const[]){"MambaFor", "FalconMambaFor", NULL},
    .gguf_arch = "mamba", .position = "none", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":50280,\"hidden_size\":768,\"state_size\":16,\"num_hidden_layers\":32,\"expand\":2,"
                "\"conv_kernel\":4,\"tie_word_embeddings\":true}",
    .config = cfg_mamba, .hf_roles = SSM_ROLES, .linear_mixer = LX_MIX_MAMBA, .tokenizer = "bpe",
};

static void cfg_mamba2(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t nh = 128, hd = 64;
    lx_jcfg_u64(c->j, "num_heads", &nh, true);
    lx_jcfg_u64(c->j, "head_dim", &hd, true);
    hp->ssm_heads = nh;
    hp->ssm_d_inner = nh * hd;
    hp->head_dim = hp->n_heads = 0; /* those keys are the SSM's here */
    all_layers(hp, LX_MIX_MAMBA2, LX_LAYER_NO_FFN);
}

const lx_family lx_fam_mamba2 = {
    .name = "mamba2", .label = "Mamba-2",
    .hf_types = (const char *const[]){"mamba2", NULL},
    .hf_classes = (const char *const[]){"Mamba2For", NULL},
    .gguf_arch = "mamba2", .position = "none", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":32768,\"hidden_size\":4096,\"num_hidden_layers\":64,\"num_heads\":128,\"head_dim\":64,"
                "\"n_groups\":8,\"state_size\":128,\"conv_kernel\":4,\"tie_word_embeddings\":false}",
    .config = cfg_mamba2, .hf_roles = SSM_ROLES, .linear_mixer = LX_MIX_MAMBA2, .tokenizer = "spm",
};

/* ---------------------------------------------------------------- Jamba */

/* Layer i attends when i % attn_layer_period == attn_layer_offset (else Mamba, with dt/B/C
 * norms), is MoE when i % expert_layer_period == expert_layer_offset; attention has no RoPE. */
static void cfg_jamba(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t ap = 8, ao = 4, ep = 2, eo = 1;
    lx_jcfg_u64(c->j, "attn_layer_period", &ap, true);
    lx_jcfg_u64(c->j, "attn_layer_offset", &ao, false);
    lx_jcfg_u64(c->j, "expert_layer_period", &ep, true);
    lx_jcfg_u64(c->j, "expert_layer_offset", &eo, false);
    mamba_dims(c, "mamba_expand", "mamba_dt_rank");
    hp->d_expert = hp->d_ff; /* experts are intermediate_size wide */
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++) {
        hp->mixer[i] = (uint8_t)(i % ap == ao ? LX_MIX_ATTN : LX_MIX_MAMBA);
        if (i % ap == ao) lx_fam_bits(hp, i, LX_LAYER_NOPE);
        if (!(hp->n_experts > 1 && i % ep == eo)) lx_fam_bits(hp, i, LX_LAYER_DENSE);
    }
    hp->has_layer_bits = true;
}

const lx_family lx_fam_jamba = {
    .name = "jamba", .label = "Jamba",
    .hf_types = (const char *const[]){"jamba", NULL},
    .hf_classes = (const char *const[]){"JambaFor", NULL},
    .gguf_arch = "jamba", .position = "none", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":65536,\"hidden_size\":4096,\"intermediate_size\":14336,\"num_hidden_layers\":32,"
                "\"num_attention_heads\":32,\"num_key_value_heads\":8,\"num_experts\":16,\"num_experts_per_tok\":2,"
                "\"mamba_d_state\":16,\"mamba_d_conv\":4,\"mamba_expand\":2,\"tie_word_embeddings\":false}",
    .config = cfg_jamba, .hf_roles = SSM_ROLES, .recipe = LX_R_SSM_NORMS, .linear_mixer = LX_MIX_MAMBA,
    .tokenizer = "spm",
};

/* ---------------------------------------------------------------- Falcon-H1 */

/* Every layer runs attention and a Mamba-2 side by side on one norm's output, then a
 * SwiGLU MLP; mamba_d_ssm (or mamba_expand x H) wide, mamba_n_heads heads. */
static void cfg_falcon_h1(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t expand = 2;
    lx_jcfg_u64(c->j, "mamba_expand", &expand, true);
    if (!lx_jcfg_u64(c->j, "mamba_d_ssm", &hp->ssm_d_inner, true)) hp->ssm_d_inner = expand * hp->d_model;
    bool norm = true;
    lx_jcfg_bool(c->j, "mamba_rms_norm", &norm);
    hp->ssm_no_norm = !norm;
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++) lx_fam_bits(hp, i, LX_LAYER_PAR_SSM);
}

const lx_family lx_fam_falcon_h1 = {
    .name = "falcon-h1", .label = "Falcon-H1",
    .hf_types = (const char *const[]){"falcon_h1", NULL},
    .hf_classes = (const char *const[]){"FalconH1", NULL},
    .gguf_arch = "falcon-h1", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"tie_word_embeddings\":false,\"attention_bias\":false,\"mlp_bias\":false,\"mamba_d_conv\":4,"
                "\"mamba_n_groups\":1,\"mamba_d_state\":256,\"mamba_rms_norm\":true}",
    .config = cfg_falcon_h1, .hf_roles = SSM_ROLES, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Granite 4.0-H */

/* layer_types "mamba" / "attention"; every layer has an FFN: MoE of intermediate_size experts
 * plus the shared MLP, or (no experts) the shared MLP alone; "nope" position embedding. */
static void cfg_granite_hybrid(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t mhd = 0;
    lx_jcfg_u64(c->j, "mamba_d_head", &mhd, true);
    if (mhd && hp->ssm_heads) hp->ssm_d_inner = hp->ssm_heads * mhd;
    else mamba_dims(c, "mamba_expand", "mamba_dt_rank");
    uint64_t fs = 0;
    lx_jcfg_u64(c->j, "shared_intermediate_size", &fs, false);
    if (hp->n_experts) {
        hp->d_expert = hp->d_ff;
        hp->d_shared_expert = fs;
        hp->n_shared_experts = fs ? 1 : 0;
    } else if (fs) {
        hp->d_ff = fs;
    }
    const char *pos = lx_jcfg_str(c->j, "position_embedding_type");
    if (pos && strcmp(pos, "nope") == 0) lx_fam_copy(hp->position, sizeof hp->position, "none");
}

const lx_family lx_fam_granite_hybrid = {
    .name = "granitehybrid", .label = "Granite 4.0-H",
    .hf_types = (const char *const[]){"granitemoehybrid", NULL},
    .hf_classes = (const char *const[]){"GraniteMoeHybrid", NULL},
    .gguf_arch = "granitehybrid", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"tie_word_embeddings\":true,\"attention_bias\":false,\"mamba_d_conv\":4,\"mamba_expand\":2}",
    .config = cfg_granite_hybrid, .hf_roles = SSM_ROLES, .linear_mixer = LX_MIX_MAMBA2, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- xLSTM */

/* mLSTM blocks: q and k of qk_dim_factor x H, v and the output gate of v_dim_factor x H, input
 * and forget gates per head (with bias), a per-head norm, out-projection; then a SwiGLU FFN of
 * ffn_proj_factor x H rounded up to ffn_round_up_to_multiple_of. */
static void cfg_xlstm(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    double qk = 0.5, v = 1.0, ffn = 2.667;
    uint64_t round = 64;
    lx_jcfg_f64(c->j, "qk_dim_factor", &qk);
    lx_jcfg_f64(c->j, "v_dim_factor", &v);
    lx_jcfg_f64(c->j, "ffn_proj_factor", &ffn);
    lx_jcfg_u64(c->j, "ffn_round_up_to_multiple_of", &round, true);
    hp->lin_k_dim = (uint64_t)(qk * (double)hp->d_model);
    hp->lin_v_dim = (uint64_t)(v * (double)hp->d_model);
    hp->lin_v_heads = hp->n_heads;
    hp->d_ff = (uint64_t)ceil((double)hp->d_model * ffn / (double)round) * round;
    all_layers(hp, LX_MIX_MLSTM, 0);
}

const lx_family lx_fam_xlstm = {
    .name = "xlstm", .label = "xLSTM",
    .hf_types = (const char *const[]){"xlstm", NULL},
    .hf_classes = (const char *const[]){"xLSTMFor", NULL},
    .position = "none", .norm = "rmsnorm", .activation = "silu", .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_size\":4096,\"num_hidden_layers\":32,\"vocab_size\":50304,\"num_heads\":8,"
                "\"tie_word_embeddings\":false}",
    .config = cfg_xlstm, .hf_roles = SSM_ROLES, .linear_mixer = LX_MIX_MLSTM, .tokenizer = "bpe",
};
