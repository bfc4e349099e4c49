/* model/families/fam_varied — decoders whose layers differ in size or position handling:
 * SmolLM3 (NoPE layers), OpenELM (per-layer heads and FFN widths), DeciLM / Nemotron-NAS
 * (per-block attention groups, skipped attention, per-block FFN widths). */
#include <math.h>
#include <string.h>

#include "model/families/family.h"

/* ---------------------------------------------------------------- SmolLM3 */

/* no_rope_layers[i] = 1 rotates, 0 does not; absent: every no_rope_layer_interval-th layer (4)
 * is NoPE. */
static void cfg_smollm3(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    lx_fam_window_qwen(c);
    uint64_t every = 4;
    lx_jcfg_u64(c->j, "no_rope_layer_interval", &every, true);
    json_t *nr = lx_jcfg_array(c->j, "no_rope_layers", (size_t)hp->n_layers, "an array of 0/1, one per layer");
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS && !lx_err_failed(c->j->err); i++) {
        json_t *v = nr ? json_array_get(nr, i) : NULL;
        if (v && !json_is_integer(v) && !json_is_boolean(v)) {
            lx_jcfg_elem_error(c->j, "no_rope_layers", (size_t)i, "0 or 1", v);
            return;
        }
        bool rope = v ? (json_is_true(v) || json_integer_value(v) != 0) : (i + 1) % every != 0;
        if (!rope) lx_fam_bits(hp, i, LX_LAYER_NOPE);
    }
    hp->has_layer_bits = true;
}

const lx_family lx_fam_smollm3 = {
    .name = "smollm3", .label = "SmolLM3",
    .hf_types = (const char *const[]){"smollm3", NULL},
    .hf_classes = (const char *const[]){"SmolLM3", NULL},
    .gguf_arch = "smollm3", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":true,\"attention_bias\":false,\"mlp_bias\":false,"
                "\"rope_theta\":2000000,\"rms_norm_eps\":1e-6,\"vocab_size\":128256,\"use_sliding_window\":false}",
    .config = cfg_smollm3, .tokenizer = "bpe",
};

/* ---------------------------------------------------------------- OpenELM */

/* make_divisible of the reference code: the nearest multiple of d, at least d, never below
 * 90 % of v. */
static uint64_t make_divisible(double v, uint64_t d)
{
    double r = floor((v + (double)d / 2) / (double)d) * (double)d;
    if (r < (double)d) r = (double)d;
    if (r < 0.9 * v) r += (double)d;
    return (uint64_t)r;
}

/* Per-layer query and KV heads (num_query_heads / num_kv_heads lists) and FFN widths
 * (ffn_multipliers x model_dim, made divisible by ffn_dim_divisor). */
static void cfg_openelm(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    uint64_t n = hp->n_layers < LX_MAX_LAYERS ? hp->n_layers : LX_MAX_LAYERS, div = 256;
    if (!lx_fam_layer_counts(c, "num_query_heads", hp->l_heads, sizeof hp->l_heads[0])) return;
    if (!lx_fam_layer_counts(c, "num_kv_heads", hp->l_kv_heads, sizeof hp->l_kv_heads[0])) return;
    for (uint64_t i = 0; i < n; i++) {
        if (hp->l_heads[i] > hp->n_heads) hp->n_heads = hp->l_heads[i];
        if (hp->l_kv_heads[i] > hp->n_kv_heads) hp->n_kv_heads = hp->l_kv_heads[i];
    }
    lx_jcfg_u64(c->j, "ffn_dim_divisor", &div, true);
    json_t *m = lx_jcfg_array(c->j, "ffn_multipliers", (size_t)n, "an array of numbers, one per layer");
    for (uint64_t i = 0; m && i < n; i++) {
        json_t *v = json_array_get(m, i);
        if (!json_is_number(v) || json_number_value(v) <= 0 || json_number_value(v) > 1e6) {
            lx_jcfg_elem_error(c->j, "ffn_multipliers", (size_t)i, "a positive number", v);
            return;
        }
        hp->l_ff[i] = make_divisible(json_number_value(v) * (double)hp->d_model, div);
        if (hp->l_ff[i] > hp->d_ff) hp->d_ff = hp->l_ff[i];
    }
    bool qk = true, glu = true, shared = true;
    lx_jcfg_bool(c->j, "normalize_qk_projections", &qk);
    lx_jcfg_bool(c->j, "ffn_with_glu", &glu);
    lx_jcfg_bool(c->j, "share_input_output_layers", &shared);
    hp->qk_norm = lx_fam_tri(qk);
    hp->gated = lx_fam_tri(glu);
    hp->tied = lx_fam_tri(shared);
    lx_jcfg_f64(c->j, "rope_freq_constant", &hp->rope_theta);
}

const lx_family lx_fam_openelm = {
    .name = "openelm", .label = "OpenELM",
    .hf_types = (const char *const[]){"openelm", NULL},
    .hf_classes = (const char *const[]){"OpenELM", NULL},
    .gguf_arch = "openelm", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_YES,
    .defaults = "{\"ffn_dim_divisor\":256,\"rope_freq_constant\":10000}",
    .layer_keys = (const char *const[]){"num_kv_heads", "num_query_heads", NULL},
    .config = cfg_openelm, .recipe = LX_R_FUSED_QKV | LX_R_GATE_UP, .tokenizer = "spm",
};

/* ---------------------------------------------------------------- DeciLM (Nemotron-NAS) */

/* block_configs[i]: attention {no_op, n_heads_in_group}, ffn {no_op, ffn_mult}; an FFN is
 * round_up(int(2 * ffn_mult * d_model / 3), 256) wide. */
static void deci_block(lx_fam_cfg *c, uint64_t i, json_t *b)
{
    lx_hparams *hp = c->hp;
    json_t *at = json_object_get(b, "attention"), *ff = json_object_get(b, "ffn");
    if (!json_is_object(at) || !json_is_object(ff)) {
        lx_jcfg_elem_error(c->j, "block_configs", (size_t)i, "an object with attention and ffn", b);
        return;
    }
    if (json_is_true(json_object_get(at, "no_op"))) hp->mixer[i] = LX_MIX_NONE;
    json_int_t g = json_integer_value(json_object_get(at, "n_heads_in_group"));
    if (hp->mixer[i] == LX_MIX_ATTN) {
        if (g <= 0 || hp->n_heads % (uint64_t)g != 0) {
            lx_jcfg_elem_error(c->j, "block_configs", (size_t)i, "attention.n_heads_in_group dividing the heads",
                               json_object_get(at, "n_heads_in_group"));
            return;
        }
        hp->l_kv_heads[i] = (uint32_t)(hp->n_heads / (uint64_t)g);
        if (hp->l_kv_heads[i] > hp->n_kv_heads) hp->n_kv_heads = hp->l_kv_heads[i];
    }
    if (json_is_true(json_object_get(ff, "no_op"))) { lx_fam_bits(hp, i, LX_LAYER_NO_FFN); return; }
    double mult = json_number_value(json_object_get(ff, "ffn_mult"));
    if (!(mult > 0 && mult < 1e4)) {
        lx_jcfg_elem_error(c->j, "block_configs", (size_t)i, "ffn.ffn_mult a positive number", json_object_get(ff, "ffn_mult"));
        return;
    }
    uint64_t f = (uint64_t)(2.0 * mult * (double)hp->d_model / 3.0);
    hp->l_ff[i] = (f + 255) / 256 * 256;
    if (hp->l_ff[i] > hp->d_ff) hp->d_ff = hp->l_ff[i];
}

static void cfg_deci(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    json_t *blocks = lx_jcfg_array(c->j, "block_configs", 0, "an array of block objects");
    if (!blocks) return;
    hp->n_layers = json_array_size(blocks);
    if (hp->n_layers > LX_MAX_LAYERS || !hp->n_layers || !hp->n_heads) {
        lx_jcfg_key_error(c->j, "block_configs", "expected 1 to 512 blocks and num_attention_heads");
        return;
    }
    hp->n_kv_heads = 0;
    for (uint64_t i = 0; i < hp->n_layers && !lx_err_failed(c->j->err); i++) deci_block(c, i, json_array_get(blocks, i));
    hp->has_layer_bits = true;
}

const lx_family lx_fam_deci = {
    .name = "deci", .label = "DeciLM (Nemotron-NAS)",
    .hf_types = (const char *const[]){"nemotron-nas", "deci", NULL},
    .hf_classes = (const char *const[]){"DeciLM", NULL},
    .gguf_arch = "deci", .position = "rope", .norm = "rmsnorm", .activation = "silu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false,\"mlp_bias\":false}",
    .config = cfg_deci, .tokenizer = "bpe",
};
