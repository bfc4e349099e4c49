/* model/families/fam_qwen — Qwen 2, 2-MoE, 3 and 3-MoE (the Qwen 3.5/Next hybrids live in
 * fam_hybrid.c). */
#include "model/families/family.h"

#define QWEN_DEFS "\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"rms_norm_eps\":1e-6," \
                  "\"rope_theta\":10000,\"max_position_embeddings\":32768,\"use_sliding_window\":false," \
                  "\"max_window_layers\":28"

static void cfg_qwen(lx_fam_cfg *c) { lx_fam_window_qwen(c); }

static void cfg_qwen3moe(lx_fam_cfg *c)
{
    lx_fam_window_qwen(c);
    lx_fam_qwen_moe_layers(c);
}

static void cfg_qwen2moe(lx_fam_cfg *c)
{
    cfg_qwen3moe(c);
    c->hp->n_shared_experts = c->hp->d_shared_expert ? 1 : 0;
}

const lx_family lx_fam_qwen2 = {
    .name = "qwen2", .label = "Qwen2",
    .hf_types = (const char *const[]){"qwen2", "qwen2_vl", "qwen2_5_vl", "qwen2_5_vl_text", "qwen2_vl_text", NULL},
    .hf_classes = (const char *const[]){"Qwen2For", "Qwen2VLFor", "Qwen2_5_VLFor", NULL},
    .gguf_arch = "qwen2", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" QWEN_DEFS ",\"attention_bias\":true}",
    .config = cfg_qwen, .recipe = LX_R_NO_O_BIAS, .tokenizer = "bpe", .engine = "llama",
};

const lx_family lx_fam_qwen2moe = {
    .name = "qwen2moe", .label = "Qwen2-MoE",
    .hf_types = (const char *const[]){"qwen2_moe", NULL},
    .hf_classes = (const char *const[]){"Qwen2Moe", NULL},
    .gguf_arch = "qwen2moe", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" QWEN_DEFS ",\"attention_bias\":true,\"num_experts\":60,\"num_experts_per_tok\":4,"
                "\"moe_intermediate_size\":1408,\"shared_expert_intermediate_size\":5632,\"decoder_sparse_step\":1}",
    .config = cfg_qwen2moe, .recipe = LX_R_NO_O_BIAS | LX_R_SHEXP_GATE, .tokenizer = "bpe",
};

const lx_family lx_fam_qwen3 = {
    .name = "qwen3", .label = "Qwen3",
    .hf_types = (const char *const[]){"qwen3", "qwen3_vl", "qwen3_vl_text", NULL},
    .hf_classes = (const char *const[]){"Qwen3For", "Qwen3VLFor", NULL},
    .gguf_arch = "qwen3", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{" QWEN_DEFS ",\"attention_bias\":false}",
    .config = cfg_qwen, .tokenizer = "bpe",
};

const lx_family lx_fam_qwen3moe = {
    .name = "qwen3moe", .label = "Qwen3-MoE",
    .hf_types = (const char *const[]){"qwen3_moe", NULL},
    .hf_classes = (const char *const[]){"Qwen3Moe", NULL},
    .gguf_arch = "qwen3moe", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{" QWEN_DEFS ",\"attention_bias\":false,\"num_experts\":128,\"num_experts_per_tok\":8,"
                "\"moe_intermediate_size\":768,\"decoder_sparse_step\":1}",
    .config = cfg_qwen3moe, .tokenizer = "bpe",
};
