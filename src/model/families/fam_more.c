/* model/families/fam_more — further decoders known from their published configs: OLMo 3,
 * EXAONE 4, StarCoder2, StarCoder (GPT-BigCode), OPT, Phi-3.5-MoE. */
#include <string.h>

#include "model/families/family.h"

/* ---------------------------------------------------------------- OLMo 3 */

/* OLMo 2's tensors; 3 sliding layers to 1 full (layer_types, else (i+1) % 4 == 0 is full). */
static void cfg_olmo3(lx_fam_cfg *c)
{
    for (uint64_t i = 0; i < c->hp->n_layers && i < LX_MAX_LAYERS; i++)
        if ((i + 1) % 4 != 0) lx_fam_bits(c->hp, i, LX_LAYER_SLIDING);
}

const lx_family lx_fam_olmo3 = {
    .name = "olmo3", .label = "OLMo 3",
    .hf_types = (const char *const[]){"olmo3", NULL},
    .hf_classes = (const char *const[]){"Olmo3", NULL},
    .position = "rope", .norm = "rmsnorm", .activation = "silu", .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"rope_theta\":500000,"
                "\"rms_norm_eps\":1e-6,\"sliding_window\":4096,\"vocab_size\":50304}",
    .config = cfg_olmo3, .recipe = LX_R_POST_ONLY | LX_R_QK_FULL, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- EXAONE 4 */

/* Post-norms (OLMo-2-like) with per-head QK norms; sliding_window_pattern is a period or a
 * string of L (local) and G (global) cycled over the layers; global layers drop RoPE when a
 * window exists. */
static void cfg_exaone4(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    json_t *p = lx_jcfg_get(c->j, "sliding_window_pattern");
    const char *pat = json_is_string(p) ? json_string_value(p) : NULL;
    uint64_t period = json_is_integer(p) && json_integer_value(p) > 0 ? (uint64_t)json_integer_value(p) : 0;
    size_t n = pat ? strlen(pat) : 0;
    for (uint64_t i = 0; hp->sliding_window && i < hp->n_layers && i < LX_MAX_LAYERS; i++) {
        bool local = pat && n ? pat[i % n] == 'L' : period ? (i + 1) % period != 0 : true;
        lx_fam_bits(hp, i, local ? LX_LAYER_SLIDING : LX_LAYER_NOPE);
    }
}

const lx_family lx_fam_exaone4 = {
    .name = "exaone4", .label = "EXAONE 4",
    .hf_types = (const char *const[]){"exaone4", NULL},
    .hf_classes = (const char *const[]){"Exaone4", NULL},
    .gguf_arch = "exaone4", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"rope_theta\":1000000,"
                "\"rms_norm_eps\":1e-5,\"vocab_size\":102400}",
    .config = cfg_exaone4, .recipe = LX_R_POST_ONLY, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- StarCoder2 */

static void cfg_starcoder2(lx_fam_cfg *c)
{
    bool bias = true;
    lx_jcfg_bool(c->j, "use_bias", &bias);
    c->hp->attn_bias = c->hp->ffn_bias = lx_fam_tri(bias);
    lx_fam_window_all(c);
}

const lx_family lx_fam_starcoder2 = {
    .name = "starcoder2", .label = "StarCoder2",
    .hf_types = (const char *const[]){"starcoder2", NULL},
    .hf_classes = (const char *const[]){"Starcoder2", NULL},
    .gguf_arch = "starcoder2", .position = "rope", .norm = "layernorm", .activation = "gelu_pytorch_tanh",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":49152,\"hidden_size\":3072,\"intermediate_size\":12288,\"num_hidden_layers\":30,"
                "\"num_attention_heads\":24,\"num_key_value_heads\":2,\"use_bias\":true,\"norm_epsilon\":1e-5,"
                "\"hidden_act\":\"gelu_pytorch_tanh\",\"tie_word_embeddings\":true,\"rope_theta\":10000}",
    .config = cfg_starcoder2, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- StarCoder (GPT-BigCode) */

static void cfg_bigcode(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    if (!hp->d_ff) hp->d_ff = 4 * hp->d_model;
    bool mq = true;
    lx_jcfg_bool(c->j, "multi_query", &mq);
    hp->n_kv_heads = mq ? 1 : hp->n_heads;
    hp->attn_bias = hp->ffn_bias = LX_YES;
}

const lx_family lx_fam_bigcode = {
    .name = "starcoder", .label = "StarCoder (GPT-BigCode)",
    .hf_types = (const char *const[]){"gpt_bigcode", NULL},
    .hf_classes = (const char *const[]){"GPTBigCode", NULL},
    .gguf_arch = "starcoder", .position = "learned", .norm = "layernorm", .activation = "gelu_pytorch_tanh",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":50257,\"n_positions\":1024,\"n_embd\":768,\"n_layer\":12,\"n_head\":12,"
                "\"multi_query\":true,\"tie_word_embeddings\":true}",
    .config = cfg_bigcode, .recipe = LX_R_FUSED_QKV, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- OPT */

/* Learned positions with two extra rows (offset 2); a projection in and out of the block
 * width when word_embed_proj_dim differs; post-norm when do_layer_norm_before is false (then
 * no final norm). */
static void cfg_opt(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    bool bias = true, pre = true, remove_final = false;
    lx_jcfg_bool(c->j, "enable_bias", &bias);
    lx_jcfg_bool(c->j, "do_layer_norm_before", &pre);
    lx_jcfg_bool(c->j, "_remove_final_layer_norm", &remove_final);
    hp->attn_bias = hp->ffn_bias = lx_fam_tri(bias);
    hp->pos_extra = 2;
    lx_jcfg_u64(c->j, "word_embed_proj_dim", &hp->embed_dim, true);
    if (hp->embed_dim == hp->d_model) hp->embed_dim = 0;
    hp->no_final_norm = !pre || remove_final;
}

const lx_family lx_fam_opt = {
    .name = "opt", .label = "OPT",
    .hf_types = (const char *const[]){"opt", NULL},
    .hf_classes = (const char *const[]){"OPTFor", NULL},
    .position = "learned", .norm = "layernorm", .activation = "relu", .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":50272,\"hidden_size\":768,\"num_hidden_layers\":12,\"ffn_dim\":3072,"
                "\"num_attention_heads\":12,\"max_position_embeddings\":2048,\"activation_function\":\"relu\","
                "\"tie_word_embeddings\":true}",
    .config = cfg_opt, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- Phi-3.5-MoE */

static void cfg_phimoe(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    hp->d_expert = hp->d_ff;
    hp->lm_head_bias = true;
    lx_fam_window_all(c);
}

const lx_family lx_fam_phimoe = {
    .name = "phimoe", .label = "Phi-3.5-MoE",
    .hf_types = (const char *const[]){"phimoe", NULL},
    .hf_classes = (const char *const[]){"Phimoe", NULL},
    .gguf_arch = "phimoe", .position = "rope", .norm = "layernorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":32064,\"hidden_size\":4096,\"intermediate_size\":6400,\"num_hidden_layers\":32,"
                "\"num_attention_heads\":32,\"num_key_value_heads\":8,\"num_local_experts\":16,\"num_experts_per_tok\":2,"
                "\"attention_bias\":true,\"tie_word_embeddings\":false,\"hidden_act\":\"silu\"}",
    .config = cfg_phimoe, .tokenizer = "spm",
};
