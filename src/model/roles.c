/* model/roles — the tensor-name table. See roles.h.
 *
 * Hugging Face names are first stripped of wrapper prefixes ("model.", "transformer.",
 * "language_model.", ...), then matched; GGUF names are matched as they are. */
#include "model/roles.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef lx_role_pattern role_pattern;

static const role_pattern PATTERNS[] = {
    /* ---- llama.cpp GGUF names ---- */
    {"token_embd", LX_ROLE_TOK_EMBD, false},
    {"position_embd", LX_ROLE_POS_EMBD, false},
    {"token_types", LX_ROLE_TOKEN_TYPES, false},
    {"token_embd_norm", LX_ROLE_EMBD_NORM, false},
    {"output_norm", LX_ROLE_OUTPUT_NORM, false},
    {"output", LX_ROLE_OUTPUT, false},
    {"rope_freqs", LX_ROLE_ROPE_FREQS, false},
    {"rope_factors_long", LX_ROLE_ROPE_LONG, false},   /* longrope (Phi-3): the factors past the original context */
    {"rope_factors_short", LX_ROLE_ROPE_SHORT, false}, /* and within it */
    {"cls.output", LX_ROLE_CLS_OUT, false},
    {"patch_embd", LX_ROLE_PATCH_EMBD, false},
    {"project_in", LX_ROLE_EMBD_PROJ, false},
    {"project_out", LX_ROLE_EMBD_PROJ, false},
    {"cls", LX_ROLE_POOLER, false},
    {"classifier", LX_ROLE_CLS_OUT, false},
    {"score", LX_ROLE_CLS_OUT, false},
    {"out_proj", LX_ROLE_CLS_OUT, false},
    {"pooler.dense", LX_ROLE_POOLER, false},
    {"mlm.dense", LX_ROLE_MLM, false},
    {"mlm.norm", LX_ROLE_MLM, false},
    {"mlm.decoder", LX_ROLE_MLM, false},
    {"blk.%d.attn_norm", LX_ROLE_ATTN_NORM, false},
    {"blk.%d.attn_post_norm", LX_ROLE_ATTN_POST_NORM, false},
    /* llama.cpp keeps Hugging Face's ambiguous name: resolved per layer like the HF one */
    {"blk.%d.post_attention_norm", LX_ROLE_HF_POST_ATTN_LN, false},
    {"blk.%d.attn_norm_2", LX_ROLE_FFN_NORM, false}, /* Falcon-40B: the MLP branch's norm */
    {"blk.%d.attn_q", LX_ROLE_ATTN_Q, false},
    {"blk.%d.attn_k", LX_ROLE_ATTN_K, false},
    {"blk.%d.attn_v", LX_ROLE_ATTN_V, false},
    {"blk.%d.attn_qkv", LX_ROLE_ATTN_QKV, false},
    {"blk.%d.attn_output", LX_ROLE_ATTN_O, false},
    {"blk.%d.attn_q_norm", LX_ROLE_ATTN_Q_NORM, false},
    {"blk.%d.attn_k_norm", LX_ROLE_ATTN_K_NORM, false},
    {"blk.%d.attn_sinks", LX_ROLE_ATTN_SINKS, false},
    {"blk.%d.attn_q_a", LX_ROLE_ATTN_Q_A, false},
    {"blk.%d.attn_q_a_norm", LX_ROLE_ATTN_Q_A_NORM, false},
    {"blk.%d.attn_q_b", LX_ROLE_ATTN_Q_B, false},
    {"blk.%d.attn_kv_a_mqa", LX_ROLE_ATTN_KV_A, false},
    {"blk.%d.attn_kv_a_norm", LX_ROLE_ATTN_KV_A_NORM, false},
    {"blk.%d.attn_kv_b", LX_ROLE_ATTN_KV_B, false},
    {"blk.%d.attn_k_b", LX_ROLE_ATTN_K_B, false},
    {"blk.%d.attn_v_b", LX_ROLE_ATTN_V_B, false},
    {"blk.%d.ffn_norm", LX_ROLE_FFN_NORM, false},
    {"blk.%d.ffn_post_norm", LX_ROLE_FFN_POST_NORM, false},
    {"blk.%d.post_ffw_norm", LX_ROLE_FFN_POST_NORM, false},
    {"blk.%d.ffn_gate", LX_ROLE_FFN_GATE, false},
    {"blk.%d.ffn_up", LX_ROLE_FFN_UP, false},
    {"blk.%d.ffn_down", LX_ROLE_FFN_DOWN, false},
    {"blk.%d.ffn_gate_up", LX_ROLE_FFN_GATE_UP, false},
    {"blk.%d.ffn_act", LX_ROLE_FFN_ACT, false},
    {"blk.%d.ffn_gate_inp", LX_ROLE_MOE_ROUTER, false},
    {"blk.%d.exp_probs_b", LX_ROLE_MOE_ROUTER_BIAS, false},
    {"blk.%d.ffn_gate_exps", LX_ROLE_EXP_GATE, false},
    {"blk.%d.ffn_up_exps", LX_ROLE_EXP_UP, false},
    {"blk.%d.ffn_down_exps", LX_ROLE_EXP_DOWN, false},
    {"blk.%d.ffn_gate_up_exps", LX_ROLE_EXP_GATE_UP, false},
    {"blk.%d.ffn_gate_shexp", LX_ROLE_SHEXP_GATE, false},
    {"blk.%d.ffn_up_shexp", LX_ROLE_SHEXP_UP, false},
    {"blk.%d.ffn_down_shexp", LX_ROLE_SHEXP_DOWN, false},
    {"blk.%d.ffn_gate_inp_shexp", LX_ROLE_SHEXP_ROUTER, false},
    {"blk.%d.attn_output_norm", LX_ROLE_ATTN_POST_NORM, false}, /* BERT: post-norm */
    {"blk.%d.layer_output_norm", LX_ROLE_FFN_POST_NORM, false},
    {"blk.%d.attn_gate", LX_ROLE_ATTN_GATE, false},
    {"blk.%d.attn_o", LX_ROLE_ATTN_O, false},
    {"blk.%d.attn_rel_b", LX_ROLE_REL_BIAS, false},
    {"blk.%d.cross_attn_norm", LX_ROLE_CROSS_ATTN, false},
    {"blk.%d.cross_attn_q", LX_ROLE_CROSS_ATTN, false},
    {"blk.%d.cross_attn_k", LX_ROLE_CROSS_ATTN, false},
    {"blk.%d.cross_attn_v", LX_ROLE_CROSS_ATTN, false},
    {"blk.%d.cross_attn_o", LX_ROLE_CROSS_ATTN, false},
    {"blk.%d.cross_attn_rel_b", LX_ROLE_CROSS_REL_BIAS, false},
    {"conv1", LX_ROLE_PATCH_EMBD, false},
    {"conv2", LX_ROLE_PATCH_EMBD, false},
    {"blk.%d.ffn_latent_down", LX_ROLE_MOE_LATENT, false},
    {"blk.%d.ffn_latent_up", LX_ROLE_MOE_LATENT, false},
    {"blk.%d.indexer.k_norm", LX_ROLE_INDEXER, false},
    {"blk.%d.indexer.proj", LX_ROLE_INDEXER, false},
    {"blk.%d.indexer.attn_k", LX_ROLE_INDEXER, false},
    {"blk.%d.indexer.attn_q_b", LX_ROLE_INDEXER, false},
    {"blk.%d.indexer.q_proj", LX_ROLE_INDEXER, false},
    {"blk.%d.indexer.k_proj", LX_ROLE_INDEXER, false},
    {"blk.%d.indexer.q_norm", LX_ROLE_INDEXER, false},
    {"blk.%d.ssm_in", LX_ROLE_SSM_IN, false},
    {"blk.%d.ssm_x", LX_ROLE_SSM_X, false},
    {"blk.%d.ssm_dt", LX_ROLE_SSM_DT, false},
    {"blk.%d.ssm_a", LX_ROLE_SSM_A, false},
    {"blk.%d.ssm_d", LX_ROLE_SSM_D, false},
    {"blk.%d.ssm_conv1d", LX_ROLE_SSM_CONV, false},
    {"blk.%d.ssm_conv1d_q", LX_ROLE_SSM_CONV, false},
    {"blk.%d.ssm_conv1d_k", LX_ROLE_SSM_CONV, false},
    {"blk.%d.ssm_conv1d_v", LX_ROLE_SSM_CONV, false},
    {"blk.%d.ssm_norm", LX_ROLE_SSM_NORM, false},
    {"blk.%d.ssm_out", LX_ROLE_SSM_OUT, false},
    {"blk.%d.ssm_ba", LX_ROLE_SSM_BA, false},
    {"blk.%d.ssm_alpha", LX_ROLE_SSM_BA, false},
    {"blk.%d.ssm_beta", LX_ROLE_SSM_BA, false},
    {"blk.%d.ssm_f_a", LX_ROLE_KDA, false},
    {"blk.%d.ssm_f_b", LX_ROLE_KDA, false},
    {"blk.%d.ssm_g_a", LX_ROLE_KDA, false},
    {"blk.%d.ssm_g_b", LX_ROLE_KDA, false},
    {"blk.%d.ssm_dt_norm", LX_ROLE_SSM_MISC, false},
    {"blk.%d.ssm_b_norm", LX_ROLE_SSM_MISC, false},
    {"blk.%d.ssm_c_norm", LX_ROLE_SSM_MISC, false},
    {"blk.%d.shortconv.in_proj", LX_ROLE_CONV_IN, false},
    {"blk.%d.shortconv.conv", LX_ROLE_CONV, false},
    {"blk.%d.shortconv.out_proj", LX_ROLE_CONV_OUT, false},
    {"per_layer_token_embd", LX_ROLE_PLE_EMBD, false},
    {"per_layer_model_proj", LX_ROLE_PLE_PROJ, false},
    {"per_layer_proj_norm", LX_ROLE_PLE_PROJ, false},
    {"blk.%d.inp_gate", LX_ROLE_PLE_LAYER, false},
    {"blk.%d.proj", LX_ROLE_PLE_LAYER, false},
    {"blk.%d.post_norm", LX_ROLE_PLE_LAYER, false},
    {"blk.%d.layer_output_scale", LX_ROLE_LAYER_SCALE, false},
    {"blk.%d.nextn.eh_proj", LX_ROLE_MTP, false},
    {"blk.%d.nextn.embed_tokens", LX_ROLE_MTP, false},
    {"blk.%d.nextn.enorm", LX_ROLE_MTP, false},
    {"blk.%d.nextn.hnorm", LX_ROLE_MTP, false},
    {"blk.%d.nextn.shared_head_head", LX_ROLE_MTP, false},
    {"blk.%d.nextn.shared_head_norm", LX_ROLE_MTP, false},
    /* ---- Hugging Face: Llama, Mistral, Qwen2/3, Gemma, OLMo, DeepSeek, Mixtral, gpt-oss ---- */
    {"embed_tokens", LX_ROLE_TOK_EMBD, false},
    {"norm", LX_ROLE_OUTPUT_NORM, false},
    {"lm_head", LX_ROLE_OUTPUT, false},
    {"layers.%d.input_layernorm", LX_ROLE_ATTN_NORM, false},
    {"layers.%d.post_attention_layernorm", LX_ROLE_HF_POST_ATTN_LN, false},
    {"layers.%d.pre_feedforward_layernorm", LX_ROLE_FFN_NORM, false},
    {"layers.%d.post_feedforward_layernorm", LX_ROLE_FFN_POST_NORM, false},
    {"layers.%d.self_attn.q_proj", LX_ROLE_ATTN_Q, false},
    {"layers.%d.self_attn.k_proj", LX_ROLE_ATTN_K, false},
    {"layers.%d.self_attn.v_proj", LX_ROLE_ATTN_V, false},
    {"layers.%d.self_attn.o_proj", LX_ROLE_ATTN_O, false},
    {"layers.%d.self_attn.qkv_proj", LX_ROLE_ATTN_QKV, false},
    {"layers.%d.self_attn.q_norm", LX_ROLE_ATTN_Q_NORM, false},
    {"layers.%d.self_attn.k_norm", LX_ROLE_ATTN_K_NORM, false},
    {"layers.%d.self_attn.sinks", LX_ROLE_ATTN_SINKS, false},
    {"layers.%d.self_attn.q_a_proj", LX_ROLE_ATTN_Q_A, false},
    {"layers.%d.self_attn.q_a_layernorm", LX_ROLE_ATTN_Q_A_NORM, false},
    {"layers.%d.self_attn.q_b_proj", LX_ROLE_ATTN_Q_B, false},
    {"layers.%d.self_attn.kv_a_proj_with_mqa", LX_ROLE_ATTN_KV_A, false},
    {"layers.%d.self_attn.kv_a_layernorm", LX_ROLE_ATTN_KV_A_NORM, false},
    {"layers.%d.self_attn.kv_b_proj", LX_ROLE_ATTN_KV_B, false},
    {"layers.%d.mlp.gate_proj", LX_ROLE_FFN_GATE, false},
    {"layers.%d.mlp.up_proj", LX_ROLE_FFN_UP, false},
    {"layers.%d.mlp.down_proj", LX_ROLE_FFN_DOWN, false},
    {"layers.%d.mlp.gate_up_proj", LX_ROLE_FFN_GATE_UP, false},
    {"layers.%d.mlp.gate", LX_ROLE_MOE_ROUTER, false},
    {"layers.%d.mlp.gate.e_score_correction", LX_ROLE_MOE_ROUTER_BIAS, false},
    {"layers.%d.mlp.router", LX_ROLE_MOE_ROUTER, false},
    {"layers.%d.mlp.experts.%e.gate_proj", LX_ROLE_EXP_GATE, false},
    {"layers.%d.mlp.experts.%e.up_proj", LX_ROLE_EXP_UP, false},
    {"layers.%d.mlp.experts.%e.down_proj", LX_ROLE_EXP_DOWN, false},
    {"layers.%d.mlp.experts.gate_up_proj", LX_ROLE_EXP_GATE_UP, true},
    {"layers.%d.mlp.experts.down_proj", LX_ROLE_EXP_DOWN, true},
    {"layers.%d.mlp.shared_expert.gate_proj", LX_ROLE_SHEXP_GATE, false},
    {"layers.%d.mlp.shared_expert.up_proj", LX_ROLE_SHEXP_UP, false},
    {"layers.%d.mlp.shared_expert.down_proj", LX_ROLE_SHEXP_DOWN, false},
    {"layers.%d.mlp.shared_experts.gate_proj", LX_ROLE_SHEXP_GATE, false},
    {"layers.%d.mlp.shared_experts.up_proj", LX_ROLE_SHEXP_UP, false},
    {"layers.%d.mlp.shared_experts.down_proj", LX_ROLE_SHEXP_DOWN, false},
    {"layers.%d.mlp.shared_expert_gate", LX_ROLE_SHEXP_ROUTER, false},
    {"layers.%d.block_sparse_moe.gate", LX_ROLE_MOE_ROUTER, false},
    {"layers.%d.block_sparse_moe.experts.%e.w1", LX_ROLE_EXP_GATE, false},
    {"layers.%d.block_sparse_moe.experts.%e.w3", LX_ROLE_EXP_UP, false},
    {"layers.%d.block_sparse_moe.experts.%e.w2", LX_ROLE_EXP_DOWN, false},
    /* ---- Hugging Face Falcon ---- */
    {"word_embeddings", LX_ROLE_TOK_EMBD, false},
    {"h.%d.input_layernorm", LX_ROLE_ATTN_NORM, false},
    {"h.%d.ln_attn", LX_ROLE_ATTN_NORM, false},
    {"h.%d.ln_mlp", LX_ROLE_FFN_NORM, false},
    {"h.%d.post_attention_layernorm", LX_ROLE_FFN_NORM, false},
    {"h.%d.self_attention.query_key_value", LX_ROLE_ATTN_QKV, false},
    {"h.%d.self_attention.dense", LX_ROLE_ATTN_O, false},
    {"h.%d.mlp.dense_h_to_4h", LX_ROLE_FFN_UP, false},
    {"h.%d.mlp.dense_4h_to_h", LX_ROLE_FFN_DOWN, false},
    /* ---- Hugging Face GPT-2 (Conv1D weights stored (in, out)) ---- */
    {"wte", LX_ROLE_TOK_EMBD, false},
    {"wpe", LX_ROLE_POS_EMBD, false},
    {"ln_f", LX_ROLE_OUTPUT_NORM, false},
    {"h.%d.ln_1", LX_ROLE_ATTN_NORM, false},
    {"h.%d.ln_2", LX_ROLE_FFN_NORM, false},
    {"h.%d.attn.c_attn", LX_ROLE_ATTN_QKV, true},
    {"h.%d.attn.c_proj", LX_ROLE_ATTN_O, true},
    {"h.%d.mlp.c_fc", LX_ROLE_FFN_UP, true},
    {"h.%d.mlp.c_proj", LX_ROLE_FFN_DOWN, true},
    {"h.%d.attn", LX_ROLE_BUFFER, false},        /* "h.N.attn.bias": causal-mask buffer */
    {"h.%d.attn.masked", LX_ROLE_BUFFER, false}, /* "h.N.attn.masked_bias" */
};

static const char *const HF_PREFIXES[] = {
    "model.language_model.", "language_model.model.", "language_model.", "model.", "transformer.",
    "bert.", "roberta.", "distilbert.", /* encoder checkpoints: the base model under its heads */
};

/* Matches name against pat; "%d"/"%e" take a decimal number. */
static bool match_pattern(const char *pat, const char *name, int *layer, int *expert)
{
    while (*pat) {
        if (pat[0] == '%' && (pat[1] == 'd' || pat[1] == 'e')) {
            if (!isdigit((unsigned char)*name)) return false;
            long v = 0;
            while (isdigit((unsigned char)*name)) {
                v = v * 10 + (*name++ - '0');
                if (v > 1000000) return false;
            }
            *(pat[1] == 'd' ? layer : expert) = (int)v;
            pat += 2;
            continue;
        }
        if (*pat++ != *name++) return false;
    }
    return *name == '\0';
}

/* Quantization data written beside a module's weight, by the methods model/quant sizes. */
static const char *const QAUX[] = {
    ".weight_scale_inv", ".weight_scale_2", ".weight_scale", ".input_scale", ".weight_shape", ".weight_zero_point",
    ".weight_global_scale", ".input_global_scale", ".qzeros", ".scales", ".g_idx", ".nested_absmax",
    ".nested_quant_map", ".absmax", ".quant_map", ".SCB", "_scales",
};

/* Quantized weights stored packed, several values per element. */
static const char *const PACKED[] = {"_blocks", ".qweight", ".weight_packed"};

/* Length of name without one of the n suffixes; 0 when it has none. */
static size_t strip_any(const char *name, const char *const *suf, size_t n_suf)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < n_suf; i++) {
        size_t k = strlen(suf[i]);
        if (n > k && strcmp(name + n - k, suf[i]) == 0) return n - k;
    }
    return 0;
}

/* Splits "base.weight" / "base.bias" / "base_bias" into base and kind. */
static size_t strip_suffix(const char *name, bool *bias)
{
    size_t n = strlen(name);
    static const struct { const char *s; bool bias; } SUF[] = {
        {".weight", false}, {".bias", true}, {"_bias", true}, {".scale", false},
    };
    *bias = false;
    for (size_t i = 0; i < sizeof SUF / sizeof SUF[0]; i++) {
        size_t k = strlen(SUF[i].s);
        if (n > k && strcmp(name + n - k, SUF[i].s) == 0) { *bias = SUF[i].bias; return n - k; }
    }
    return n;
}

static const char *skip_hf_prefixes(const char *s)
{
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; i < sizeof HF_PREFIXES / sizeof HF_PREFIXES[0]; i++) {
            size_t k = strlen(HF_PREFIXES[i]);
            if (strncmp(s, HF_PREFIXES[i], k) == 0) { s += k; again = true; }
        }
    }
    return s;
}

static bool match_list(const role_pattern *p, size_t n, const char *base, const char *b, bool bias,
                       lx_role_match *m)
{
    for (size_t i = 0; i < n && p[i].pat; i++) {
        int layer = -1, expert = -1;
        if (match_pattern(p[i].pat, base, &layer, &expert) ||
            (b != base && match_pattern(p[i].pat, b, &layer, &expert))) {
            bool enc = strncmp(p[i].pat, "encoder.", 8) == 0, dec = strncmp(p[i].pat, "decoder.", 8) == 0;
            *m = (lx_role_match){p[i].role, layer, expert, bias, p[i].in_out, dec, enc || dec, false, false};
            return true;
        }
    }
    return false;
}

lx_role_match lx_role_match_name(const char *name) { return lx_role_match_with(name, NULL); }

lx_role_match lx_role_match_with(const char *name, const lx_role_pattern *extra)
{
    /* llama.cpp's encoder-decoder names: "enc." and "dec." before the usual ones */
    int stack = strncmp(name, "dec.", 4) == 0 ? 1 : 0;
    if (strncmp(name, "enc.", 4) == 0 || stack) {
        lx_role_match m = lx_role_match_with(name + 4, extra);
        m.stack = stack;
        m.in_stack = true;
        return m;
    }
    lx_role_match m = {LX_ROLE_UNKNOWN, -1, -1, false, false, 0, false, false, false};
    size_t qa = strip_any(name, QAUX, sizeof QAUX / sizeof QAUX[0]);
    size_t pk = qa ? 0 : strip_any(name, PACKED, sizeof PACKED / sizeof PACKED[0]);
    if ((qa && qa < 250) || (pk && pk < 250)) {
        char w[256];
        size_t k = qa ? qa : pk;
        memcpy(w, name, k);
        w[k] = '\0';
        m = lx_role_match_with(w, extra);
        m.qaux = qa > 0;
        m.packed = pk > 0;
        return m;
    }
    char base[256];
    bool bias = false;
    size_t n = strip_suffix(name, &bias);
    if (n >= sizeof base) return m;
    memcpy(base, name, n);
    base[n] = '\0';
    const char *b = skip_hf_prefixes(base);
    if (extra && match_list(extra, SIZE_MAX, base, b, bias, &m)) return m;
    match_list(PATTERNS, sizeof PATTERNS / sizeof PATTERNS[0], base, b, bias, &m);
    return m;
}

static const char *const ROLE_NAMES[LX_ROLE_COUNT] = {
    [LX_ROLE_UNKNOWN] = "unknown", [LX_ROLE_TOK_EMBD] = "token_embd", [LX_ROLE_POS_EMBD] = "position_embd",
    [LX_ROLE_TOKEN_TYPES] = "token_types", [LX_ROLE_EMBD_NORM] = "token_embd_norm",
    [LX_ROLE_OUTPUT_NORM] = "output_norm", [LX_ROLE_OUTPUT] = "output", [LX_ROLE_ROPE_FREQS] = "rope_freqs", [LX_ROLE_ROPE_LONG] = "rope_factors_long", [LX_ROLE_ROPE_SHORT] = "rope_factors_short", [LX_ROLE_CLS_OUT] = "cls.output", [LX_ROLE_POOLER] = "pooler", [LX_ROLE_PATCH_EMBD] = "patch_embd", [LX_ROLE_EMBD_PROJ] = "embd_proj",
    [LX_ROLE_ATTN_NORM] = "attn_norm", [LX_ROLE_ATTN_POST_NORM] = "attn_post_norm", [LX_ROLE_ATTN_Q] = "attn_q",
    [LX_ROLE_ATTN_K] = "attn_k", [LX_ROLE_ATTN_V] = "attn_v", [LX_ROLE_ATTN_QKV] = "attn_qkv",
    [LX_ROLE_ATTN_O] = "attn_output", [LX_ROLE_ATTN_Q_NORM] = "attn_q_norm", [LX_ROLE_ATTN_K_NORM] = "attn_k_norm",
    [LX_ROLE_ATTN_SINKS] = "attn_sinks", [LX_ROLE_ATTN_Q_A] = "attn_q_a", [LX_ROLE_ATTN_Q_A_NORM] = "attn_q_a_norm",
    [LX_ROLE_ATTN_Q_B] = "attn_q_b", [LX_ROLE_ATTN_KV_A] = "attn_kv_a_mqa", [LX_ROLE_ATTN_KV_A_NORM] = "attn_kv_a_norm",
    [LX_ROLE_ATTN_KV_B] = "attn_kv_b", [LX_ROLE_ATTN_K_B] = "attn_k_b", [LX_ROLE_ATTN_V_B] = "attn_v_b",
    [LX_ROLE_FFN_NORM] = "ffn_norm", [LX_ROLE_FFN_POST_NORM] = "ffn_post_norm", [LX_ROLE_FFN_GATE] = "ffn_gate",
    [LX_ROLE_FFN_UP] = "ffn_up", [LX_ROLE_FFN_DOWN] = "ffn_down", [LX_ROLE_FFN_GATE_UP] = "ffn_gate_up", [LX_ROLE_FFN_ACT] = "ffn_act",
    [LX_ROLE_MOE_ROUTER] = "ffn_gate_inp", [LX_ROLE_MOE_ROUTER_BIAS] = "exp_probs_b",
    [LX_ROLE_EXP_GATE] = "ffn_gate_exps", [LX_ROLE_EXP_UP] = "ffn_up_exps", [LX_ROLE_EXP_DOWN] = "ffn_down_exps",
    [LX_ROLE_EXP_GATE_UP] = "ffn_gate_up_exps", [LX_ROLE_SHEXP_GATE] = "ffn_gate_shexp",
    [LX_ROLE_SHEXP_UP] = "ffn_up_shexp", [LX_ROLE_SHEXP_DOWN] = "ffn_down_shexp",
    [LX_ROLE_SHEXP_ROUTER] = "ffn_gate_inp_shexp", [LX_ROLE_HF_POST_ATTN_LN] = "post_attention_layernorm",
    [LX_ROLE_BUFFER] = "buffer", [LX_ROLE_ATTN_GATE] = "attn_gate", [LX_ROLE_MOE_LATENT] = "ffn_latent", [LX_ROLE_INDEXER] = "indexer",
    [LX_ROLE_SSM_IN] = "ssm_in", [LX_ROLE_SSM_X] = "ssm_x", [LX_ROLE_SSM_DT] = "ssm_dt", [LX_ROLE_SSM_A] = "ssm_a",
    [LX_ROLE_SSM_D] = "ssm_d", [LX_ROLE_SSM_CONV] = "ssm_conv1d", [LX_ROLE_SSM_NORM] = "ssm_norm",
    [LX_ROLE_SSM_OUT] = "ssm_out", [LX_ROLE_SSM_BA] = "ssm_ba", [LX_ROLE_KDA] = "kda_gate",
    [LX_ROLE_SSM_MISC] = "ssm_norms", [LX_ROLE_CONV_IN] = "shortconv.in_proj", [LX_ROLE_CONV] = "shortconv.conv",
    [LX_ROLE_CONV_OUT] = "shortconv.out_proj", [LX_ROLE_PLE_EMBD] = "per_layer_token_embd",
    [LX_ROLE_PLE_PROJ] = "per_layer_model_proj", [LX_ROLE_PLE_LAYER] = "per_layer_input",
    [LX_ROLE_LAYER_SCALE] = "layer_output_scale", [LX_ROLE_MTP] = "nextn", [LX_ROLE_HYPER] = "hyper_connection", [LX_ROLE_CROSS_ATTN] = "cross_attn", [LX_ROLE_REL_BIAS] = "attn_rel_b", [LX_ROLE_CROSS_REL_BIAS] = "cross_attn_rel_b", [LX_ROLE_MLM] = "mlm",
};

const char *lx_role_name(lx_role r) { return (unsigned)r < LX_ROLE_COUNT ? ROLE_NAMES[r] : "unknown"; }

bool lx_role_is_expert(lx_role r)
{
    return r == LX_ROLE_EXP_GATE || r == LX_ROLE_EXP_UP || r == LX_ROLE_EXP_DOWN || r == LX_ROLE_EXP_GATE_UP;
}
