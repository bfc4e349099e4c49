/* model/families/fam_llama — Llama and the families that keep its block: Mistral, Mixtral,
 * Llama 4. One record each (their configs differ in defaults and per-layer rules). */
#include <string.h>

#include "model/families/family.h"

#define LLAMA_DEFS "\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false"

static void cfg_llama(lx_fam_cfg *c) { lx_fam_window_all(c); }

static void cfg_mixtral(lx_fam_cfg *c)
{
    c->hp->d_expert = c->hp->d_ff; /* experts are intermediate_size wide */
    lx_fam_window_all(c);
}

const lx_family lx_fam_llama = {
    .name = "llama", .label = "Llama",
    .hf_types = (const char *const[]){"llama", NULL},
    .hf_classes = (const char *const[]){"LlamaFor", NULL},
    .gguf_arch = "llama", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-6,\"max_position_embeddings\":2048,"
                "\"mlp_bias\":false}",
    .config = cfg_llama, .gguf_window = LX_FAM_WINDOW_ALL, .tokenizer = "spm", .engine = "llama",
};

const lx_family lx_fam_mistral = {
    .name = "llama", .label = "Mistral",
    .hf_types = (const char *const[]){"mistral", NULL},
    .hf_classes = (const char *const[]){"MistralFor", NULL},
    .position = "rope", .norm = "rmsnorm", .activation = "silu", .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-6,\"max_position_embeddings\":131072,"
                "\"sliding_window\":4096}",
    .config = cfg_llama, .tokenizer = "spm", .engine = "llama",
};

const lx_family lx_fam_mixtral = {
    .name = "llama", .label = "Mixtral",
    .hf_types = (const char *const[]){"mixtral", NULL},
    .hf_classes = (const char *const[]){"MixtralFor", NULL},
    .position = "rope", .norm = "rmsnorm", .activation = "silu", .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" LLAMA_DEFS ",\"rope_theta\":1e6,\"rms_norm_eps\":1e-5,\"max_position_embeddings\":131072,"
                "\"num_local_experts\":8,\"num_experts_per_tok\":2}",
    .config = cfg_mixtral, .tokenizer = "spm",
};

/* Llama 4: MoE every interleave_moe_layer_step-th layer (others dense with
 * intermediate_size_mlp), one shared expert, NoPE every 4th layer (no_rope_layers when
 * given), the other layers chunked (attention_chunk_size), weightless L2 qk-norm. */
static void cfg_llama4(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    hp->d_expert = hp->d_shared_expert = hp->d_ff;
    hp->n_shared_experts = 1;
    lx_jcfg_u64(c->j, "intermediate_size_mlp", &hp->d_ff, true);
    uint64_t step = 1;
    lx_jcfg_u64(c->j, "interleave_moe_layer_step", &step, true);
    bool qk = false;
    lx_jcfg_bool(c->j, "use_qk_norm", &qk);
    hp->qk_norm = lx_fam_tri(qk);
    lx_jcfg_u64(c->j, "attention_chunk_size", &hp->chunk_size, false);
    json_t *nr = json_object_get(c->j->cfg, "no_rope_layers");
    bool have_nr = nr && json_is_array(nr) && json_array_size(nr) == hp->n_layers;
    for (uint64_t i = 0; i < hp->n_layers; i++) {
        if ((i + 1) % step != 0) lx_fam_bits(hp, i, LX_LAYER_DENSE);
        bool rope = have_nr ? json_is_true(json_array_get(nr, i)) || json_integer_value(json_array_get(nr, i)) != 0
                            : (i + 1) % 4 != 0;
        lx_fam_bits(hp, i, rope ? (hp->chunk_size ? LX_LAYER_CHUNKED : 0) : LX_LAYER_NOPE);
    }
    hp->has_layer_bits = true;
}

/* GGUF: MoE every interleave_moe_layer_step-th layer, dense between; NoPE on every 4th
 * layer unless the file declares no chunked window (sliding_window 0); the others chunked. */
static bool gguf_llama4(const lx_gguf *g, const char *prefix, lx_hparams *hp, lx_err *err)
{
    (void)err;
    char key[160];
    uint64_t step = 1;
    snprintf(key, sizeof key, "%s.interleave_moe_layer_step", prefix);
    lx_gguf_get_u64(g, key, &step);
    snprintf(key, sizeof key, "%s.attention.chunk_size", prefix);
    lx_gguf_get_u64(g, key, &hp->chunk_size);
    for (uint64_t i = 0; hp->n_experts && step > 1 && i < hp->n_layers; i++)
        if ((i + 1) % step != 0) lx_fam_bits(hp, i, LX_LAYER_DENSE);
    snprintf(key, sizeof key, "%s.attention.sliding_window", prefix);
    bool no_chunks = lx_gguf_find(g, key) >= 0 && hp->sliding_window == 0;
    if (!hp->chunk_size && !no_chunks) hp->chunk_size = hp->sliding_window ? hp->sliding_window : 8192;
    for (uint64_t i = 0; !no_chunks && i < hp->n_layers; i++)
        lx_fam_bits(hp, i, (i + 1) % 4 == 0 ? LX_LAYER_NOPE : LX_LAYER_CHUNKED);
    hp->sliding_window = 0; /* chunked attention, not a sliding window */
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++) hp->layer_bits[i] &= ~(uint32_t)LX_LAYER_SLIDING;
    return true;
}

const lx_family lx_fam_llama4 = {
    .name = "llama4", .label = "Llama 4",
    .hf_types = (const char *const[]){"llama4_text", "llama4", NULL},
    .hf_classes = (const char *const[]){"Llama4", NULL},
    .gguf_arch = "llama4", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{" LLAMA_DEFS ",\"rope_theta\":500000,\"rms_norm_eps\":1e-5,\"max_position_embeddings\":131072,"
                "\"vocab_size\":202048,\"head_dim\":128,\"intermediate_size\":8192,\"intermediate_size_mlp\":16384,"
                "\"num_local_experts\":16,\"num_experts_per_tok\":1,\"interleave_moe_layer_step\":1,"
                "\"use_qk_norm\":true,\"attention_chunk_size\":8192}",
    .config = cfg_llama4, .gguf_window = LX_FAM_WINDOW_NONE, .gguf = gguf_llama4,
    .recipe = LX_R_QK_NO_WEIGHT, .tokenizer = "bpe",
};

/* Granite MoE: every layer routes to experts of intermediate_size (granitemoeshared adds a
 * shared MLP of shared_intermediate_size); the scalar multipliers add no tensors. */
static void cfg_granitemoe(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    hp->d_expert = hp->d_ff;
    if (lx_jcfg_u64(c->j, "shared_intermediate_size", &hp->d_shared_expert, true)) hp->n_shared_experts = 1;
}

static const lx_role_pattern GRANITEMOE_ROLES[] = {
    {"layers.%d.block_sparse_moe.router.layer", LX_ROLE_MOE_ROUTER, false},
    {"layers.%d.block_sparse_moe.input_linear", LX_ROLE_EXP_GATE_UP, false},
    {"layers.%d.block_sparse_moe.output_linear", LX_ROLE_EXP_DOWN, false},
    {"layers.%d.shared_mlp.input_linear", LX_ROLE_SHEXP_UP, false},
    {"layers.%d.shared_mlp.output_linear", LX_ROLE_SHEXP_DOWN, false},
    {NULL, 0, false},
};

const lx_family lx_fam_granitemoe = {
    .name = "granitemoe", .label = "Granite MoE",
    .hf_types = (const char *const[]){"granitemoe", "granitemoeshared", NULL},
    .hf_classes = (const char *const[]){"GraniteMoe", NULL},
    .gguf_arch = "granitemoe", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-6,\"tie_word_embeddings\":true}",
    .config = cfg_granitemoe, .hf_roles = GRANITEMOE_ROLES, .tokenizer = "bpe",
};
