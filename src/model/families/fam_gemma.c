/* model/families/fam_gemma — Gemma, Gemma 2 and Gemma 3 (Gemma 4 in fam_gemma4.c). */
#include "model/families/family.h"

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
    .config = cfg_gemma, .tokenizer = "spm",
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
    .config = cfg_gemma2, .gguf_window = 2, .recipe = LX_R_SANDWICH, .tokenizer = "spm",
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
    .config = cfg_gemma3, .gguf_window = 6, .recipe = LX_R_SANDWICH, .tokenizer = "spm",
};
