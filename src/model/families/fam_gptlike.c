/* model/families/fam_gptlike — the GPT-style decoders with LayerNorm and fused or parallel
 * blocks: BLOOM, MPT, GPT-J, GPT-NeoX (and its reward models), Phi-1/1.5/2 (MixFormer),
 * StableLM, Cohere Command-R. */
#include <string.h>

#include "model/families/family.h"

/* ---------------------------------------------------------------- BLOOM */

static void cfg_bloom(lx_fam_cfg *c)
{
    c->hp->d_ff = 4 * c->hp->d_model; /* fixed 4h, no key */
    c->hp->attn_bias = c->hp->ffn_bias = LX_YES;
}

static const lx_role_pattern BLOOM_ROLES[] = {
    {"word_embeddings_layernorm", LX_ROLE_EMBD_NORM, false},
    {"h.%d.post_attention_layernorm", LX_ROLE_FFN_NORM, false},
    {NULL, 0, false},
};

const lx_family lx_fam_bloom = {
    .name = "bloom", .label = "BLOOM",
    .hf_types = (const char *const[]){"bloom", NULL},
    .hf_classes = (const char *const[]){"Bloom", NULL},
    .gguf_arch = "bloom", .position = "alibi", .norm = "layernorm", .activation = "gelu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":250880,\"hidden_size\":64,\"n_layer\":2,\"n_head\":8,\"layer_norm_epsilon\":1e-5,"
                "\"tie_word_embeddings\":true}",
    .config = cfg_bloom, .hf_roles = BLOOM_ROLES, .recipe = LX_R_FUSED_QKV | LX_R_EMBD_NORM, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- MPT */

/* attn_config nests the attention kind (multiquery / grouped: kv_n_heads), alibi and qk_ln;
 * the FFN is expansion_ratio x d_model; no_bias drops every bias; embeddings always tied. */
static void cfg_mpt(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t ratio = 4;
    lx_jcfg_u64(c->j, "expansion_ratio", &ratio, true);
    if (!hp->d_ff) hp->d_ff = ratio * hp->d_model;
    bool no_bias = false;
    lx_jcfg_bool(c->j, "no_bias", &no_bias);
    hp->attn_bias = hp->ffn_bias = lx_fam_tri(!no_bias);
    hp->norm_bias = lx_fam_tri(!no_bias);
    hp->tied = LX_YES;
    lx_jcfg sub;
    if (lx_jcfg_sub(c->j, "attn_config", &sub)) {
        bool alibi = false, qk = false;
        lx_jcfg_bool(&sub, "alibi", &alibi);
        lx_jcfg_bool(&sub, "qk_ln", &qk);
        const char *type = lx_jcfg_str(&sub, "attn_type");
        if (type && strcmp(type, "multiquery_attention") == 0) hp->n_kv_heads = 1;
        if (type && strcmp(type, "grouped_query_attention") == 0) lx_jcfg_u64(&sub, "kv_n_heads", &hp->n_kv_heads, true);
        lx_fam_copy(hp->position, sizeof hp->position, alibi ? "alibi" : "learned");
        hp->qk_norm = lx_fam_tri(qk);
    }
}

static const lx_role_pattern MPT_ROLES[] = {
    {"blocks.%d.norm_1", LX_ROLE_ATTN_NORM, false},
    {"blocks.%d.norm_2", LX_ROLE_FFN_NORM, false},
    {"blocks.%d.attn.Wqkv", LX_ROLE_ATTN_QKV, false},
    {"blocks.%d.attn.out_proj", LX_ROLE_ATTN_O, false},
    {"blocks.%d.attn.q_ln", LX_ROLE_ATTN_Q_NORM, false},
    {"blocks.%d.attn.k_ln", LX_ROLE_ATTN_K_NORM, false},
    {"blocks.%d.ffn.up_proj", LX_ROLE_FFN_UP, false},
    {"blocks.%d.ffn.down_proj", LX_ROLE_FFN_DOWN, false},
    {"norm_f", LX_ROLE_OUTPUT_NORM, false},
    {NULL, 0, false},
};

const lx_family lx_fam_mpt = {
    .name = "mpt", .label = "MPT",
    .hf_types = (const char *const[]){"mpt", NULL},
    .hf_classes = (const char *const[]){"MPTFor", "MptFor", NULL},
    .gguf_arch = "mpt", .position = "alibi", .norm = "layernorm", .activation = "gelu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"d_model\":2048,\"n_heads\":16,\"n_layers\":24,\"expansion_ratio\":4,\"max_seq_len\":2048,"
                "\"vocab_size\":50368,\"no_bias\":false}",
    .config = cfg_mpt, .hf_roles = MPT_ROLES, .recipe = LX_R_FUSED_QKV, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- GPT-J */

static void cfg_gptj(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    if (!hp->d_ff) hp->d_ff = 4 * hp->d_model; /* n_inner null */
    hp->attn_bias = LX_NO;
    hp->ffn_bias = LX_YES;
    hp->parallel_block = LX_YES;
    uint64_t rot = 0;
    if (lx_jcfg_u64(c->j, "rotary_dim", &rot, true) && hp->n_heads && rot < hp->d_model / hp->n_heads) hp->rope_dims = rot;
}

static const lx_role_pattern GPTJ_ROLES[] = {
    {"h.%d.attn.q_proj", LX_ROLE_ATTN_Q, false},
    {"h.%d.attn.k_proj", LX_ROLE_ATTN_K, false},
    {"h.%d.attn.v_proj", LX_ROLE_ATTN_V, false},
    {"h.%d.attn.out_proj", LX_ROLE_ATTN_O, false},
    {"h.%d.mlp.fc_in", LX_ROLE_FFN_UP, false},
    {"h.%d.mlp.fc_out", LX_ROLE_FFN_DOWN, false},
    {"h.%d.attn.masked", LX_ROLE_BUFFER, false},
    {NULL, 0, false},
};

const lx_family lx_fam_gptj = {
    .name = "gptj", .label = "GPT-J",
    .hf_types = (const char *const[]){"gptj", NULL},
    .hf_classes = (const char *const[]){"GPTJ", NULL},
    .gguf_arch = "gptj", .position = "rope", .norm = "layernorm", .activation = "gelu_new",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":50400,\"n_positions\":2048,\"n_embd\":4096,\"n_layer\":28,\"n_head\":16,"
                "\"rotary_dim\":64,\"activation_function\":\"gelu_new\",\"tie_word_embeddings\":false}",
    .config = cfg_gptj, .hf_roles = GPTJ_ROLES, .recipe = LX_R_PARALLEL | LX_R_HEAD_BIAS, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Phi-1/1.5/2 (MixFormer, Phi) */

static void cfg_phi2(lx_fam_cfg *c)
{
    cfg_gptj(c);
    c->hp->attn_bias = LX_YES;
}

/* Phi's later HF layout (transformer.h.N.mixer.*). MixFormerSequential checkpoints name
 * the blocks layers.1..L between the embedding (layers.0) and the head (layers.L+1); those
 * names are not mapped (config input counts them exactly; such a safetensors file reads
 * generically). */
static const lx_role_pattern PHI2_ROLES[] = {
    {"h.%d.mixer.Wqkv", LX_ROLE_ATTN_QKV, false},
    {"h.%d.mixer.out_proj", LX_ROLE_ATTN_O, false},
    {"h.%d.mlp.fc1", LX_ROLE_FFN_UP, false},
    {"h.%d.mlp.fc2", LX_ROLE_FFN_DOWN, false},
    {"h.%d.ln", LX_ROLE_ATTN_NORM, false},
    {"lm_head.linear", LX_ROLE_OUTPUT, false},
    {"lm_head.ln", LX_ROLE_OUTPUT_NORM, false},
    {"embd.wte", LX_ROLE_TOK_EMBD, false},
    {NULL, 0, false},
};

const lx_family lx_fam_phi2 = {
    .name = "phi2", .label = "Phi-2",
    .hf_types = (const char *const[]){"mixformer-sequential", "phi-msft", NULL},
    .hf_classes = (const char *const[]){"MixFormer", "PhiForCausalLM", NULL},
    .gguf_arch = "phi2", .position = "rope", .norm = "layernorm", .activation = "gelu_new",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":50304,\"n_positions\":2048,\"n_embd\":1024,\"n_layer\":20,\"n_head\":16,"
                "\"rotary_dim\":32,\"activation_function\":\"gelu_new\",\"tie_word_embeddings\":false}",
    .config = cfg_phi2, .hf_roles = PHI2_ROLES, .recipe = LX_R_FUSED_QKV | LX_R_PARALLEL | LX_R_HEAD_BIAS,
    .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- GPT-NeoX */

/* rotary_pct of each head rotates; use_parallel_residual: attention and FFN each read their
 * own norm of the same input. The OpenAssistant reward model swaps the LM head for a
 * one-output score head. */
static void cfg_neox(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    double pct = 0;
    if (lx_jcfg_f64(c->j, "rotary_pct", &pct) && pct > 0 && pct < 1) c->rotary_frac = pct;
    bool par = true;
    lx_jcfg_bool(c->j, "use_parallel_residual", &par);
    hp->parallel_block = lx_fam_tri(par);
    hp->ffn_bias = LX_YES;
    if (!lx_jcfg_has(c->j, "attention_bias")) hp->attn_bias = LX_YES;
}

static void cfg_neox_reward(lx_fam_cfg *c)
{
    cfg_neox(c);
    c->hp->n_labels = 1;
}

static const lx_role_pattern NEOX_ROLES[] = {
    {"gpt_neox.embed_in", LX_ROLE_TOK_EMBD, false},
    {"embed_in", LX_ROLE_TOK_EMBD, false},
    {"embed_out", LX_ROLE_OUTPUT, false},
    {"final_layer_norm", LX_ROLE_OUTPUT_NORM, false},
    {"layers.%d.post_attention_layernorm", LX_ROLE_FFN_NORM, false},
    {"layers.%d.attention.query_key_value", LX_ROLE_ATTN_QKV, false},
    {"layers.%d.attention.dense", LX_ROLE_ATTN_O, false},
    {"layers.%d.mlp.dense_h_to_4h", LX_ROLE_FFN_UP, false},
    {"layers.%d.mlp.dense_4h_to_h", LX_ROLE_FFN_DOWN, false},
    {"layers.%d.attention", LX_ROLE_BUFFER, false},
    {"layers.%d.attention.masked", LX_ROLE_BUFFER, false},
    {"layers.%d.attention.rotary_emb.inv_freq", LX_ROLE_BUFFER, false},
    {NULL, 0, false},
};

#define NEOX_DEFS "\"vocab_size\":50432,\"hidden_size\":6144,\"num_hidden_layers\":44,\"num_attention_heads\":64," \
    "\"intermediate_size\":24576,\"rotary_pct\":0.25,\"rotary_emb_base\":10000,\"max_position_embeddings\":2048," \
    "\"layer_norm_eps\":1e-5,\"use_parallel_residual\":true,\"tie_word_embeddings\":false,\"hidden_act\":\"gelu\""

const lx_family lx_fam_gptneox = {
    .name = "gptneox", .label = "GPT-NeoX",
    .hf_types = (const char *const[]){"gpt_neox", NULL},
    .hf_classes = (const char *const[]){"GPTNeoXFor", NULL},
    .gguf_arch = "gptneox", .position = "rope", .norm = "layernorm", .activation = "gelu",
    .gated = LX_NO, .qk_norm = LX_NO, .defaults = "{" NEOX_DEFS "}",
    .config = cfg_neox, .hf_roles = NEOX_ROLES, .recipe = LX_R_FUSED_QKV, .tokenizer = "bpe",
};

const lx_family lx_fam_gptneox_reward = {
    .name = "gptneox_reward", .label = "GPT-NeoX reward model",
    .hf_types = (const char *const[]){"gpt_neox_reward_model", NULL},
    .hf_classes = (const char *const[]){"GPTNeoXRewardModel", NULL},
    .position = "rope", .norm = "layernorm", .activation = "gelu", .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{" NEOX_DEFS "}",
    .config = cfg_neox_reward, .hf_roles = NEOX_ROLES, .recipe = LX_R_FUSED_QKV, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- StableLM */

static void cfg_stablelm(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    double pct = 0;
    if (lx_jcfg_f64(c->j, "rope_pct", &pct) && pct > 0 && pct < 1) c->rotary_frac = pct;
    bool qkv_bias = false, qk = false, par = false;
    lx_jcfg_bool(c->j, "use_qkv_bias", &qkv_bias);
    lx_jcfg_bool(c->j, "qk_layernorm", &qk);
    lx_jcfg_bool(c->j, "use_parallel_residual", &par);
    hp->attn_bias = lx_fam_tri(qkv_bias);
    hp->qk_norm = lx_fam_tri(qk);
    hp->parallel_block = lx_fam_tri(par);
    hp->ffn_bias = LX_NO;
}

const lx_family lx_fam_stablelm = {
    .name = "stablelm", .label = "StableLM",
    .hf_types = (const char *const[]){"stablelm_epoch", "stablelm", NULL},
    .hf_classes = (const char *const[]){"StableLMEpoch", "StableLmFor", NULL},
    .gguf_arch = "stablelm", .position = "rope", .norm = "layernorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"partial_rotary_factor\":0.25,\"rope_theta\":10000,\"tie_word_embeddings\":false,"
                "\"hidden_act\":\"silu\"}",
    .config = cfg_stablelm, .recipe = LX_R_NO_O_BIAS, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Cohere Command-R */

static void cfg_cohere(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    bool qk = false;
    lx_jcfg_bool(c->j, "use_qk_norm", &qk);
    hp->qk_norm = lx_fam_tri(qk);
    hp->parallel_block = LX_YES;
    hp->ffn_bias = LX_NO;
}

const lx_family lx_fam_cohere = {
    .name = "command-r", .label = "Command-R",
    .hf_types = (const char *const[]){"cohere", NULL},
    .hf_classes = (const char *const[]){"CohereFor", NULL},
    .gguf_arch = "command-r", .position = "rope", .norm = "layernorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":256000,\"hidden_size\":8192,\"intermediate_size\":22528,\"num_hidden_layers\":40,"
                "\"num_attention_heads\":64,\"layer_norm_eps\":1e-5,\"rope_theta\":10000,\"attention_bias\":false,"
                "\"tie_word_embeddings\":true,\"hidden_act\":\"silu\"}",
    .config = cfg_cohere, .recipe = LX_R_PARALLEL | LX_R_NORM_NO_BIAS, .tokenizer = "bpe",
};
