/* model/families/fam_classic — GPT-2, Falcon, Phi-3, OLMo 2 and gpt-oss. */
#include <string.h>

#include "model/families/family.h"

static void cfg_gpt2(lx_fam_cfg *c)
{
    if (!c->hp->d_ff) c->hp->d_ff = 4 * c->hp->d_model; /* n_inner null */
    c->hp->ffn_bias = LX_YES;
    c->hp->attn_bias = LX_YES;
}

const lx_family lx_fam_gpt2 = {
    .name = "gpt2", .label = "GPT-2",
    .hf_types = (const char *const[]){"gpt2", NULL},
    .hf_classes = (const char *const[]){"GPT2", NULL},
    .gguf_arch = "gpt2", .position = "learned", .norm = "layernorm", .activation = "gelu_new",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"activation_function\":\"gelu_new\",\"tie_word_embeddings\":true,\"layer_norm_epsilon\":1e-5,"
                "\"vocab_size\":50257,\"n_positions\":1024,\"n_embd\":768,\"n_layer\":12,\"n_head\":12}",
    .config = cfg_gpt2, .recipe = LX_R_FUSED_QKV, .tokenizer = "bpe",
};

/* Falcon: MQA (multi_query) in the old layout, num_kv_heads in the new one; one shared
 * norm per block in the old parallel layout, num_ln_in_parallel_attn (2) in the new. */
static void cfg_falcon(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    bool new_arch = false, mq = false, parallel = true, bias = false, alibi = false;
    lx_jcfg_bool(c->j, "new_decoder_architecture", &new_arch);
    const char *mt = json_string_value(json_object_get(c->j->root, "model_type"));
    if (mt && strcmp(mt, "RefinedWeb") == 0) new_arch = true; /* Falcon-40B's remote code is the new layout */
    lx_jcfg_bool(c->j, "multi_query", &mq);
    lx_jcfg_bool(c->j, "parallel_attn", &parallel);
    lx_jcfg_bool(c->j, "bias", &bias);
    lx_jcfg_bool(c->j, "alibi", &alibi);
    if (!new_arch) hp->n_kv_heads = mq ? 1 : hp->n_heads;
    /* The new layout's checkpoints (40B, 180B) store lm_head apart from the embedding */
    if (new_arch && !lx_jcfg_has(c->j, "tie_word_embeddings")) hp->tied = LX_NO;
    hp->parallel_block = lx_fam_tri(parallel || new_arch);
    hp->n_block_norms = new_arch ? 2 : parallel ? 1 : 2;
    if (new_arch) lx_jcfg_u64(c->j, "num_ln_in_parallel_attn", &hp->n_block_norms, true);
    hp->attn_bias = hp->ffn_bias = lx_fam_tri(bias);
    if (alibi) lx_fam_copy(hp->position, sizeof hp->position, "alibi");
    if (!hp->d_ff) hp->d_ff = 4 * hp->d_model;
}

const lx_family lx_fam_falcon = {
    .name = "falcon", .label = "Falcon",
    .hf_types = (const char *const[]){"falcon", "RefinedWeb", "RefinedWebModel", NULL},
    .hf_classes = (const char *const[]){"FalconFor", "RWFor", NULL},
    .gguf_arch = "falcon", .position = "rope", .norm = "layernorm", .activation = "gelu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"activation\":\"gelu\",\"tie_word_embeddings\":true,\"layer_norm_epsilon\":1e-5,"
                "\"rope_theta\":10000,\"vocab_size\":65024,\"hidden_size\":4544,\"num_hidden_layers\":32,"
                "\"num_attention_heads\":71,\"max_position_embeddings\":2048,\"multi_query\":true,"
                "\"parallel_attn\":true,\"bias\":false}",
    .config = cfg_falcon, .recipe = LX_R_FUSED_QKV | LX_R_FALCON_NORMS, .tokenizer = "bpe",
};

static void cfg_phi3(lx_fam_cfg *c) { lx_fam_window_all(c); }

/* llama.cpp keeps Phi-3's fused gate+up projection under the name ffn_up ({d, 2 x d_ff}). */
static const lx_role_pattern PHI3_ROLES[] = {
    {"blk.%d.ffn_up", LX_ROLE_FFN_GATE_UP, false},
    {NULL, 0, false},
};

const lx_family lx_fam_phi3 = {
    .name = "phi3", .label = "Phi-3",
    .hf_types = (const char *const[]){"phi3", "phi3small", NULL},
    .hf_classes = (const char *const[]){"Phi3For", NULL},
    .gguf_arch = "phi3", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,"
                "\"rope_theta\":10000,\"rms_norm_eps\":1e-5,\"max_position_embeddings\":4096,\"vocab_size\":32064}",
    .config = cfg_phi3, .hf_roles = PHI3_ROLES, .recipe = LX_R_FUSED_QKV | LX_R_GATE_UP, .tokenizer = "spm",
};

const lx_family lx_fam_olmo2 = {
    .name = "olmo2", .label = "OLMo 2",
    .hf_types = (const char *const[]){"olmo2", NULL},
    .hf_classes = (const char *const[]){"Olmo2", NULL},
    .gguf_arch = "olmo2", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,"
                "\"rope_theta\":10000,\"rms_norm_eps\":1e-5,\"max_position_embeddings\":2048}",
    .recipe = LX_R_POST_ONLY | LX_R_QK_FULL, .tokenizer = "bpe",
};

/* gpt-oss: experts are intermediate_size wide; without layer_types, even layers slide. */
static void cfg_gpt_oss(lx_fam_cfg *c)
{
    c->hp->d_expert = c->hp->d_ff;
    lx_fam_window_every(c, 2);
    c->hp->router_bias = LX_NO; /* its router is a Linear with a bias; the recipe knows */
}

const lx_family lx_fam_gpt_oss = {
    .name = "gpt-oss", .label = "gpt-oss",
    .hf_types = (const char *const[]){"gpt_oss", NULL},
    .hf_classes = (const char *const[]){"GptOss", NULL},
    .gguf_arch = "gpt-oss", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":true,"
                "\"rope_theta\":150000,\"rms_norm_eps\":1e-5,\"max_position_embeddings\":131072,\"head_dim\":64,"
                "\"sliding_window\":128,\"num_local_experts\":128,\"experts_per_token\":4}",
    .config = cfg_gpt_oss, .gguf_window = 2,
    .recipe = LX_R_SINKS | LX_R_EXPERT_BIAS | LX_R_ROUTER_BIAS, .tokenizer = "bpe",
};

/* Ollama writes gpt-oss as "gptoss". */
const lx_family lx_fam_gptoss_ollama = {
    .name = "gpt-oss", .label = "gpt-oss", .gguf_arch = "gptoss", .position = "rope", .norm = "rmsnorm",
    .activation = "silu", .gated = LX_YES, .qk_norm = LX_NO, .gguf_window = 2,
    .recipe = LX_R_SINKS | LX_R_EXPERT_BIAS | LX_R_ROUTER_BIAS, .tokenizer = "bpe",
};
