/* model/families/fam_deepseek — DeepSeek V2/V3 (MLA + MoE with a dense prefix) and the
 * models that declare its classes (Kimi K2). */
#include <string.h>

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
    .config = lx_fam_cfg_deepseek, .tokenizer = "bpe",
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
