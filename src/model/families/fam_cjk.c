/* model/families/fam_cjk — decoders from Chinese labs with their own checkpoint layouts:
 * Baichuan, ChatGLM (v1 and v2/v3), InternLM2, Qwen (v1), openPangu-Embedded. */
#include <string.h>

#include "model/families/family.h"

/* ---------------------------------------------------------------- Baichuan */

/* 13B (40 layers) uses ALiBi, 7B RoPE — llama.cpp decides by depth the same way. */
static void cfg_baichuan(lx_fam_cfg *c)
{
    lx_fam_copy(c->hp->position, sizeof c->hp->position, c->hp->n_layers == 40 ? "alibi" : "rope");
}

static const lx_role_pattern BAICHUAN_ROLES[] = {
    {"layers.%d.self_attn.W_pack", LX_ROLE_ATTN_QKV, false},
    {NULL, 0, false},
};

const lx_family lx_fam_baichuan = {
    .name = "baichuan", .label = "Baichuan",
    .hf_types = (const char *const[]){"baichuan", NULL},
    .hf_classes = (const char *const[]){"BaichuanFor", "BaiChuanFor", NULL},
    .gguf_arch = "baichuan", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"rms_norm_eps\":1e-6}",
    .config = cfg_baichuan, .hf_roles = BAICHUAN_ROLES, .tokenizer = "spm",
};

/* ---------------------------------------------------------------- ChatGLM */

/* One model_type, two layouts. v2/v3 (padded_vocab_size present): RMSNorm, multi-query
 * groups, fused qkv with bias only, fused SwiGLU, untied head. v1: LayerNorm with biases,
 * GELU MLP (inner_hidden_size), biases everywhere, head tied to the embedding. */
static void cfg_chatglm(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t padded = 0;
    if (lx_jcfg_u64(c->j, "padded_vocab_size", &padded, true)) {
        hp->vocab_size = padded;
        bool mq = false, qkv_bias = true, lin_bias = false, rms = true;
        lx_jcfg_bool(c->j, "multi_query_attention", &mq);
        lx_jcfg_bool(c->j, "add_qkv_bias", &qkv_bias);
        lx_jcfg_bool(c->j, "add_bias_linear", &lin_bias);
        lx_jcfg_bool(c->j, "rmsnorm", &rms);
        if (!mq) hp->n_kv_heads = hp->n_heads;
        hp->attn_bias = lx_fam_tri(qkv_bias || lin_bias);
        hp->o_bias = lx_fam_tri(lin_bias);
        hp->ffn_bias = lx_fam_tri(lin_bias);
        hp->gated = LX_YES;
        lx_fam_copy(hp->norm, sizeof hp->norm, rms ? "rmsnorm" : "layernorm");
        double ratio = 0;
        if (lx_jcfg_f64(c->j, "rope_ratio", &ratio) && ratio > 0) hp->rope_theta = 10000 * ratio;
        c->rotary_frac = 0.5; /* RoPE on half of each head */
        if (!lx_jcfg_has(c->j, "tie_word_embeddings")) hp->tied = LX_NO;
        return;
    }
    hp->attn_bias = hp->ffn_bias = LX_YES; /* v1 */
    hp->gated = LX_NO;
    lx_fam_copy(hp->norm, sizeof hp->norm, "layernorm");
    lx_fam_copy(hp->activation, sizeof hp->activation, "gelu");
    if (!hp->d_ff) hp->d_ff = 4 * hp->d_model;
    if (!lx_jcfg_has(c->j, "tie_word_embeddings")) hp->tied = LX_YES;
}

static const lx_role_pattern CHATGLM_ROLES[] = {
    {"embedding.word_embeddings", LX_ROLE_TOK_EMBD, false},
    {"word_embeddings", LX_ROLE_TOK_EMBD, false},
    {"output_layer", LX_ROLE_OUTPUT, false},
    {"encoder.final_layernorm", LX_ROLE_OUTPUT_NORM, false},
    {"final_layernorm", LX_ROLE_OUTPUT_NORM, false},
    {"encoder.layers.%d.input_layernorm", LX_ROLE_ATTN_NORM, false},
    {"encoder.layers.%d.post_attention_layernorm", LX_ROLE_FFN_NORM, false},
    {"encoder.layers.%d.self_attention.query_key_value", LX_ROLE_ATTN_QKV, false},
    {"encoder.layers.%d.self_attention.dense", LX_ROLE_ATTN_O, false},
    {"encoder.layers.%d.mlp.dense_h_to_4h", LX_ROLE_FFN_GATE_UP, false},
    {"encoder.layers.%d.mlp.dense_4h_to_h", LX_ROLE_FFN_DOWN, false},
    {"encoder.layers.%d.self_attention.rotary_emb.inv_freq", LX_ROLE_BUFFER, false},
    {"rotary_pos_emb.inv_freq", LX_ROLE_BUFFER, false},
    {"layers.%d.post_attention_layernorm", LX_ROLE_FFN_NORM, false},
    {"layers.%d.attention.query_key_value", LX_ROLE_ATTN_QKV, false},
    {"layers.%d.attention.dense", LX_ROLE_ATTN_O, false},
    {"layers.%d.mlp.dense_h_to_4h", LX_ROLE_FFN_UP, false},
    {"layers.%d.mlp.dense_4h_to_h", LX_ROLE_FFN_DOWN, false},
    {"layers.%d.attention.rotary_emb.inv_freq", LX_ROLE_BUFFER, false},
    {NULL, 0, false},
};

/* v2/v3 fuse gate and up into one projection; v1 keeps a plain MLP (its record is the same:
 * the hook turns gating off, and the recipe's fused gate+up applies to gated layers only). */
const lx_family lx_fam_chatglm = {
    .name = "chatglm", .label = "ChatGLM",
    .hf_types = (const char *const[]){"chatglm", NULL},
    .hf_classes = (const char *const[]){"ChatGLM", NULL},
    .gguf_arch = "chatglm", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"layernorm_epsilon\":1e-5}",
    .config = cfg_chatglm, .hf_roles = CHATGLM_ROLES, .recipe = LX_R_FUSED_QKV | LX_R_GATE_UP,
    .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- InternLM2 */

static void cfg_internlm2(lx_fam_cfg *c)
{
    bool bias = true;
    lx_jcfg_bool(c->j, "bias", &bias);
    c->hp->attn_bias = lx_fam_tri(bias);
    c->hp->ffn_bias = LX_NO;
}

static const lx_role_pattern INTERNLM2_ROLES[] = {
    {"tok_embeddings", LX_ROLE_TOK_EMBD, false},
    {"output", LX_ROLE_OUTPUT, false},
    {"layers.%d.attention_norm", LX_ROLE_ATTN_NORM, false},
    {"layers.%d.attention.wqkv", LX_ROLE_ATTN_QKV, false},
    {"layers.%d.attention.wo", LX_ROLE_ATTN_O, false},
    {"layers.%d.ffn_norm", LX_ROLE_FFN_NORM, false},
    {"layers.%d.feed_forward.w1", LX_ROLE_FFN_GATE, false},
    {"layers.%d.feed_forward.w3", LX_ROLE_FFN_UP, false},
    {"layers.%d.feed_forward.w2", LX_ROLE_FFN_DOWN, false},
    {NULL, 0, false},
};

const lx_family lx_fam_internlm2 = {
    .name = "internlm2", .label = "InternLM2",
    .hf_types = (const char *const[]){"internlm2", NULL},
    .hf_classes = (const char *const[]){"InternLM2", NULL},
    .gguf_arch = "internlm2", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":103168,\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"bias\":true,"
                "\"rope_theta\":10000}",
    .config = cfg_internlm2, .hf_roles = INTERNLM2_ROLES, .recipe = LX_R_FUSED_QKV, .tokenizer = "spm",
};

/* ---------------------------------------------------------------- Qwen (v1) */

/* intermediate_size is the sum of w1 and w2 (each half as wide); only c_attn has a bias. */
static void cfg_qwen1(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    hp->d_ff /= 2;
    bool no_bias = true;
    lx_jcfg_bool(c->j, "no_bias", &no_bias);
    hp->attn_bias = LX_YES;
    hp->ffn_bias = lx_fam_tri(!no_bias);
    double pct = 0;
    if (lx_jcfg_f64(c->j, "rotary_pct", &pct) && pct > 0 && pct < 1) c->rotary_frac = pct;
}

static const lx_role_pattern QWEN1_ROLES[] = {
    {"h.%d.attn.c_attn", LX_ROLE_ATTN_QKV, false},
    {"h.%d.attn.c_proj", LX_ROLE_ATTN_O, false},
    {"h.%d.mlp.w1", LX_ROLE_FFN_UP, false},
    {"h.%d.mlp.w2", LX_ROLE_FFN_GATE, false},
    {"h.%d.mlp.c_proj", LX_ROLE_FFN_DOWN, false},
    {NULL, 0, false},
};

const lx_family lx_fam_qwen1 = {
    .name = "qwen", .label = "Qwen (v1)",
    .hf_types = (const char *const[]){"qwen", NULL},
    .hf_classes = (const char *const[]){"QWenLMHead", NULL},
    .gguf_arch = "qwen", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":151936,\"hidden_size\":4096,\"num_hidden_layers\":32,\"num_attention_heads\":32,"
                "\"kv_channels\":128,\"intermediate_size\":22016,\"layer_norm_epsilon\":1e-6,\"rotary_emb_base\":10000,"
                "\"no_bias\":true,\"tie_word_embeddings\":false}",
    .config = cfg_qwen1, .hf_roles = QWEN1_ROLES, .recipe = LX_R_FUSED_QKV | LX_R_NO_O_BIAS, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- openPangu-Embedded */

static void cfg_pangu(lx_fam_cfg *c)
{
    bool bias = false;
    lx_jcfg_bool(c->j, "bias", &bias);
    c->hp->attn_bias = lx_fam_tri(bias);
    c->hp->ffn_bias = LX_NO;
}

const lx_family lx_fam_pangu = {
    .name = "pangu-embedded", .label = "openPangu-Embedded",
    .hf_types = (const char *const[]){"PanguEmbedded", NULL},
    .hf_classes = (const char *const[]){"PanguEmbedded", NULL},
    .gguf_arch = "pangu-embedded", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false}",
    .config = cfg_pangu, .tokenizer = "spm",
};
