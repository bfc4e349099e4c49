/* tests/support/fixture_hf — see fixture_hf.h. */
#include "fixture_hf.h"
#include "fixture_quant.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/gguf.h"
#include "util/buf.h"
#include "util/err.h"

/* ---- storage types ---- */

static uint32_t f32_bits(float x)
{
    uint32_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static uint16_t bf16_bits(float x)
{
    uint32_t b = f32_bits(x);
    return (uint16_t)((b + 0x7FFFu + ((b >> 16) & 1u)) >> 16);
}

float lx_fx_round_bf16(float x)
{
    uint32_t b = (uint32_t)bf16_bits(x) << 16;
    float y;
    memcpy(&y, &b, sizeof y);
    return y;
}

float lx_fx_round_f16(float x)
{
    if (x == 0 || !isfinite(x)) return x;
    int e;
    frexpf(x, &e);                       /* |x| = m * 2^e, m in [0.5, 1) */
    int q = e - 1 < -14 ? -24 : e - 11;  /* the half's unit in the last place: 2^q */
    return ldexpf(nearbyintf(ldexpf(x, -q)), q); /* rint rounds ties to even */
}

/* ---- names: llama.cpp's -> Hugging Face's ---- */

typedef struct name_map { const char *gguf, *hf; } name_map;

/* Per layer ("%d"); `ffn_norm` depends on whether the layer has its own post-attention norm. */
static const name_map LAYER_NAMES[] = {
    {"attn_norm", "input_layernorm"},      {"attn_q", "self_attn.q_proj"},
    {"attn_k", "self_attn.k_proj"},        {"attn_v", "self_attn.v_proj"},
    {"attn_qkv", "self_attn.qkv_proj"},    {"attn_output", "self_attn.o_proj"},
    {"attn_q_norm", "self_attn.q_norm"},   {"attn_k_norm", "self_attn.k_norm"},
    {"post_attention_norm", "post_attention_layernorm"}, {"post_ffw_norm", "post_feedforward_layernorm"},
    {"ffn_gate", "mlp.gate_proj"},         {"ffn_up", "mlp.up_proj"},
    {"ffn_down", "mlp.down_proj"},          {"ffn_gate_inp", "mlp.gate"},
    {"ffn_gate_exps", "mlp.experts.%d.gate_proj"}, {"ffn_up_exps", "mlp.experts.%d.up_proj"},
    {"ffn_down_exps", "mlp.experts.%d.down_proj"},
};

/* GPT-2's own names (no "model." prefix; Conv1D matrices stored (in, out)). */
static const name_map GPT2_LAYER[] = {
    {"attn_norm", "ln_1"},          {"ffn_norm", "ln_2"},         {"attn_qkv", "attn.c_attn"},
    {"attn_output", "attn.c_proj"}, {"ffn_up", "mlp.c_fc"},       {"ffn_down", "mlp.c_proj"},
};
static const name_map GPT2_WHOLE[] = {{"token_embd", "wte"}, {"position_embd", "wpe"}, {"output_norm", "ln_f"}};

static bool gpt2_name(const char *name, char *out, size_t cap)
{
    char base[96], suffix[16];
    int layer;
    if (sscanf(name, "blk.%d.%95[a-z_].%15s", &layer, base, suffix) == 3) {
        for (size_t i = 0; i < sizeof GPT2_LAYER / sizeof GPT2_LAYER[0]; i++)
            if (!strcmp(base, GPT2_LAYER[i].gguf)) { snprintf(out, cap, "h.%d.%s.%s", layer, GPT2_LAYER[i].hf, suffix); return true; }
        return false;
    }
    if (sscanf(name, "%95[a-z_].%15s", base, suffix) != 2) return false;
    for (size_t i = 0; i < sizeof GPT2_WHOLE / sizeof GPT2_WHOLE[0]; i++)
        if (!strcmp(base, GPT2_WHOLE[i].gguf)) { snprintf(out, cap, "%s.%s", GPT2_WHOLE[i].hf, suffix); return true; }
    return false;
}

static bool hf_name(const lx_gguf *g, const char *name, char *out, size_t cap)
{
    if (!strcmp(lx_gguf_get_str(g, "general.architecture"), "gpt2")) return gpt2_name(name, out, cap);
    static const name_map WHOLE[] = {{"token_embd", "model.embed_tokens"}, {"output_norm", "model.norm"},
                                     {"output", "lm_head"}};
    char base[96], suffix[16];
    int layer;
    if (sscanf(name, "blk.%d.%95[a-z_].%15s", &layer, base, suffix) == 3) {
        const char *hf = NULL;
        char probe[128];
        snprintf(probe, sizeof probe, "blk.%d.post_attention_norm.weight", layer);
        if (!strcmp(base, "ffn_norm"))
            hf = lx_tensors_find(lx_gguf_tensors(g), probe) ? "pre_feedforward_layernorm" : "post_attention_layernorm";
        snprintf(probe, sizeof probe, "blk.%d.ffn_gate.weight", layer);
        if (!strcmp(base, "ffn_up") && !lx_tensors_find(lx_gguf_tensors(g), probe) &&
            !lx_tensors_find(lx_gguf_tensors(g), "position_embd.weight"))
            hf = "mlp.gate_up_proj"; /* no gate beside it: Phi-3's gate|up, one matrix in both */
        for (size_t i = 0; !hf && i < sizeof LAYER_NAMES / sizeof LAYER_NAMES[0]; i++)
            if (!strcmp(base, LAYER_NAMES[i].gguf)) hf = LAYER_NAMES[i].hf;
        if (!hf) return false;
        snprintf(out, cap, "model.layers.%d.%s.%s", layer, hf, suffix);
        return true;
    }
    if (sscanf(name, "%95[a-z_].%15s", base, suffix) != 2) return false;
    for (size_t i = 0; i < sizeof WHOLE / sizeof WHOLE[0]; i++)
        if (!strcmp(base, WHOLE[i].gguf)) { snprintf(out, cap, "%s.%s", WHOLE[i].hf, suffix); return true; }
    return false;
}

/* ---- the model's facts ---- */

typedef struct model_facts {
    const char *arch, *model_type, *architecture, *extra;
    uint64_t d, layers, heads, kv, head_dim, ff, ctx, vocab, window, experts, experts_used, expert_ff;
    double eps, theta, attn_cap, final_cap;
    bool permuted, norm_offset, tied;
    unsigned nope_every;
    const char *rope_type; /* rope.scaling.type, NULL: none */
    double rope_factor;
    uint64_t rope_orig_ctx;
    const lx_tensor *rope_long, *rope_short; /* longrope's factors (rope_factors_long/short.weight) */
    const float *long_f, *short_f;
} model_facts;

/* model_type and class per llama.cpp architecture, what its converter did, and config
 * keys of its own. */
static const struct {
    const char *arch, *model_type, *architecture;
    bool permuted, norm_offset;
    const char *extra;
    unsigned nope_every; /* every nope_every-th layer has no RoPE (SmolLM3: no_rope_layers) */
} FAMILIES[] = {
    {"gpt2", "gpt2", "GPT2LMHeadModel", false, false, ",\n  \"activation_function\": \"gelu_new\"", 0},
    {"llama", "llama", "LlamaForCausalLM", true, false, "", 0},
    {"smollm3", "smollm3", "SmolLM3ForCausalLM", true, false, "", 4},
    {"qwen2", "qwen2", "Qwen2ForCausalLM", false, false, "", 0},
    {"qwen3", "qwen3", "Qwen3ForCausalLM", false, false, "", 0},
    {"gemma2", "gemma2", "Gemma2ForCausalLM", false, true, "", 0},
    {"qwen3moe", "qwen3_moe", "Qwen3MoeForCausalLM", false, false, ",\n  \"norm_topk_prob\": true", 0},
    {"gemma3", "gemma3_text", "Gemma3ForCausalLM", false, true,
     ",\n  \"sliding_window_pattern\": 6,\n  \"rope_local_base_freq\": 10000.0", 0},
    {"gemma", "gemma", "GemmaForCausalLM", false, true, ",\n  \"hidden_activation\": \"gelu_pytorch_tanh\"", 0},
    {"phi3", "phi3", "Phi3ForCausalLM", false, false, "", 0},
    {"olmo2", "olmo2", "Olmo2ForCausalLM", false, false, "", 0},
};

static uint64_t key_u64(const lx_gguf *g, const char *arch, const char *suffix, uint64_t dflt)
{
    char k[128];
    uint64_t v;
    snprintf(k, sizeof k, "%s.%s", arch, suffix);
    return lx_gguf_get_u64(g, k, &v) ? v : dflt;
}

static double key_f64(const lx_gguf *g, const char *arch, const char *suffix, double dflt)
{
    char k[128];
    double v;
    snprintf(k, sizeof k, "%s.%s", arch, suffix);
    return lx_gguf_get_f64(g, k, &v) ? v : dflt;
}

static bool read_facts(lx_gguf *g, model_facts *f)
{
    const char *a = lx_gguf_get_str(g, "general.architecture");
    memset(f, 0, sizeof *f);
    for (size_t i = 0; a && i < sizeof FAMILIES / sizeof FAMILIES[0]; i++)
        if (!strcmp(FAMILIES[i].arch, a))
            *f = (model_facts){FAMILIES[i].arch, FAMILIES[i].model_type, FAMILIES[i].architecture, FAMILIES[i].extra,
                               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, FAMILIES[i].permuted, FAMILIES[i].norm_offset,
                               false, FAMILIES[i].nope_every, NULL, 0, 0, NULL, NULL, NULL, NULL};
    if (!f->arch) { fprintf(stderr, "fixture_hf: architecture %s is not converted\n", a ? a : "?"); return false; }
    f->d = key_u64(g, a, "embedding_length", 0), f->layers = key_u64(g, a, "block_count", 0);
    f->heads = key_u64(g, a, "attention.head_count", 0), f->kv = key_u64(g, a, "attention.head_count_kv", f->heads);
    f->head_dim = key_u64(g, a, "attention.key_length", f->d / f->heads), f->ff = key_u64(g, a, "feed_forward_length", 0);
    f->ctx = key_u64(g, a, "context_length", 0), f->window = key_u64(g, a, "attention.sliding_window", 0);
    f->experts = key_u64(g, a, "expert_count", 0), f->experts_used = key_u64(g, a, "expert_used_count", 0);
    f->expert_ff = key_u64(g, a, "expert_feed_forward_length", 0);
    f->eps = key_f64(g, a, "attention.layer_norm_rms_epsilon", key_f64(g, a, "attention.layer_norm_epsilon", 1e-6)), f->theta = key_f64(g, a, "rope.freq_base", 1e4);
    f->attn_cap = key_f64(g, a, "attn_logit_softcapping", 0), f->final_cap = key_f64(g, a, "final_logit_softcapping", 0);
    char key[128];
    snprintf(key, sizeof key, "%s.rope.scaling.type", a);
    f->rope_type = lx_gguf_get_str(g, key);
    f->rope_factor = key_f64(g, a, "rope.scaling.factor", 0);
    f->rope_orig_ctx = key_u64(g, a, "rope.scaling.original_context_length", 0);
    lx_err err = {0};
    f->rope_long = lx_tensors_find(lx_gguf_tensors(g), "rope_factors_long.weight");
    f->rope_short = lx_tensors_find(lx_gguf_tensors(g), "rope_factors_short.weight");
    if (f->rope_long) f->long_f = lx_gguf_tensor_data(g, f->rope_long, &err);
    if (f->rope_short) f->short_f = lx_gguf_tensor_data(g, f->rope_short, &err);
    const lx_tensor *emb = lx_tensors_find(lx_gguf_tensors(g), "token_embd.weight");
    f->vocab = emb ? emb->shape[0] : 0;
    f->tied = !lx_tensors_find(lx_gguf_tensors(g), "output.weight");
    return true;
}

static bool write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    bool ok = fp && fputs(text, fp) >= 0;
    if (fp && fclose(fp) != 0) ok = false;
    if (!ok) perror(path);
    return ok;
}

/* ", [v0, v1, ...]" of a factor list */
static int factor_list(const char *key, const float *v, uint64_t n, char *out, size_t cap)
{
    int k = snprintf(out, cap, ", \"%s\": [", key);
    for (uint64_t i = 0; i < n; i++) k += snprintf(out + k, cap - (size_t)k, "%s%g", i ? ", " : "", v[i]);
    return k + snprintf(out + k, cap - (size_t)k, "]");
}

/* config.json's rope_scaling for the GGUF's rope.scaling.* keys, as the model's config had
 * it: the type, factor, original context (Phi-3 keeps it beside rope_scaling) and longrope's
 * factor lists. */
static int rope_scaling_json(const model_facts *f, char *out, size_t cap)
{
    bool longrope = f->long_f && f->short_f;
    int n = snprintf(out, cap, ",\n  \"rope_scaling\": {\"rope_type\": \"%s\"", f->rope_type);
    if (f->rope_factor) n += snprintf(out + n, cap - (size_t)n, ", \"factor\": %.1f", f->rope_factor);
    if (f->rope_orig_ctx && !longrope)
        n += snprintf(out + n, cap - (size_t)n, ", \"original_max_position_embeddings\": %llu",
                      (unsigned long long)f->rope_orig_ctx);
    if (longrope) {
        n += factor_list("long_factor", f->long_f, f->rope_long->n_elems, out + n, cap - (size_t)n);
        n += factor_list("short_factor", f->short_f, f->rope_short->n_elems, out + n, cap - (size_t)n);
    }
    n += snprintf(out + n, cap - (size_t)n, "}");
    if (longrope)
        n += snprintf(out + n, cap - (size_t)n, ",\n  \"original_max_position_embeddings\": %llu",
                      (unsigned long long)f->rope_orig_ctx);
    return n;
}

static bool write_config(const model_facts *f, const char *dtype, const char *dir)
{
    char path[1100], text[2048];
    const char *torch = !strcmp(dtype, "BF16") ? "bfloat16" : !strcmp(dtype, "F16") ? "float16" : "float32";
    int n = snprintf(text, sizeof text,
                     "{\n  \"architectures\": [\"%s\"],\n  \"model_type\": \"%s\",\n  \"hidden_size\": %llu,\n"
                     "  \"intermediate_size\": %llu,\n  \"num_hidden_layers\": %llu,\n  \"num_attention_heads\": %llu,\n"
                     "  \"num_key_value_heads\": %llu,\n  \"head_dim\": %llu,\n  \"max_position_embeddings\": %llu,\n"
                     "  \"rms_norm_eps\": %g,\n  \"layer_norm_epsilon\": %g,\n  \"rope_theta\": %.1f,\n  \"vocab_size\": %llu,\n"
                     "  \"tie_word_embeddings\": %s,\n  \"torch_dtype\": \"%s\"",
                     f->architecture, f->model_type, (unsigned long long)f->d, (unsigned long long)f->ff,
                     (unsigned long long)f->layers, (unsigned long long)f->heads, (unsigned long long)f->kv,
                     (unsigned long long)f->head_dim, (unsigned long long)f->ctx, f->eps, f->eps, f->theta,
                     (unsigned long long)f->vocab, f->tied ? "true" : "false", torch);
    if (f->window) n += snprintf(text + n, sizeof text - (size_t)n, ",\n  \"sliding_window\": %llu", (unsigned long long)f->window);
    if (f->window && f->norm_offset) /* Gemma's attention scale (its head size here) */
        n += snprintf(text + n, sizeof text - (size_t)n, ",\n  \"query_pre_attn_scalar\": %llu", (unsigned long long)f->head_dim);
    if (f->experts)
        n += snprintf(text + n, sizeof text - (size_t)n, ",\n  \"num_experts\": %llu,\n  \"num_experts_per_tok\": %llu,\n"
                      "  \"moe_intermediate_size\": %llu", (unsigned long long)f->experts,
                      (unsigned long long)f->experts_used, (unsigned long long)f->expert_ff);
    if (f->attn_cap) n += snprintf(text + n, sizeof text - (size_t)n, ",\n  \"attn_logit_softcapping\": %g", f->attn_cap);
    if (f->final_cap) n += snprintf(text + n, sizeof text - (size_t)n, ",\n  \"final_logit_softcapping\": %g", f->final_cap);
    if (f->nope_every) {
        n += snprintf(text + n, sizeof text - (size_t)n, ",\n  \"no_rope_layer_interval\": %u,\n  \"no_rope_layers\": [",
                      f->nope_every);
        for (uint64_t l = 0; l < f->layers; l++)
            n += snprintf(text + n, sizeof text - (size_t)n, "%s%d", l ? ", " : "", (l + 1) % f->nope_every != 0);
        n += snprintf(text + n, sizeof text - (size_t)n, "]");
    }
    if (f->rope_type) n += rope_scaling_json(f, text + n, sizeof text - (size_t)n);
    n += snprintf(text + n, sizeof text - (size_t)n, "%s", f->extra);
    snprintf(text + n, sizeof text - (size_t)n, "\n}\n");
    snprintf(path, sizeof path, "%s/config.json", dir);
    return write_text(path, text);
}

/* ---- tensors ---- */

/* Row order of a Q or K projection as transformers keeps it: within each head, llama.cpp's
 * row 2i + s (its converter's permute) is row s * head_dim/2 + i. */
static void unpermute(const float *src, float *dst, uint64_t rows, uint64_t cols, uint64_t heads)
{
    uint64_t hd = rows / heads;
    for (uint64_t h = 0; h < heads; h++)
        for (uint64_t i = 0; i < hd / 2; i++)
            for (uint64_t s = 0; s < 2; s++)
                memcpy(dst + (h * hd + s * hd / 2 + i) * cols, src + (h * hd + 2 * i + s) * cols, cols * sizeof *dst);
}

static bool conv1d(const char *hf)
{
    return (strstr(hf, ".c_attn.weight") || strstr(hf, ".c_proj.weight") || strstr(hf, ".c_fc.weight")) != 0;
}

/* One tensor's values as the folder stores them (float32, malloc'd). */
static float *hf_values(const model_facts *f, const lx_tensor *t, const float *src, const char *hf)
{
    uint64_t n = t->n_elems, rows = t->shape[0], cols = t->n_dims > 1 ? t->shape[1] : 1;
    float *v = malloc(n * sizeof *v);
    if (!v) return NULL;
    bool q = strstr(hf, "q_proj.") != NULL, k = strstr(hf, "k_proj.") != NULL;
    if (f->permuted && (q || k)) unpermute(src, v, rows, cols, q ? f->heads : f->kv);
    else if (conv1d(hf)) /* GPT-2's Conv1D keeps W as (in, out): [cols][rows] */
        for (uint64_t r = 0; r < rows; r++)
            for (uint64_t c = 0; c < cols; c++) v[c * rows + r] = src[r * cols + c];
    else memcpy(v, src, n * sizeof *v);
    if (f->norm_offset && strstr(hf, "norm.weight"))
        for (uint64_t i = 0; i < n; i++) v[i] -= 1.0f;
    return v;
}

static void put_values(lx_buf *data, const float *v, uint64_t n, const char *dtype)
{
    int kind = !strcmp(dtype, "BF16") ? 1 : !strcmp(dtype, "F16") ? 2 : 0;
    size_t bytes = kind ? 2 : 4;
    uint8_t chunk[4096];
    for (uint64_t i = 0; i < n;) {
        size_t k = 0;
        for (; i < n && k + bytes <= sizeof chunk; i++) {
            uint32_t b = kind == 1 ? bf16_bits(v[i]) : kind == 2 ? lx_fx_f16_bits(v[i]) : f32_bits(v[i]);
            for (size_t j = 0; j < bytes; j++) chunk[k++] = (uint8_t)(b >> (8 * j));
        }
        lx_buf_put(data, (const char *)chunk, k);
    }
}

/* One Hugging Face tensor of rows x cols (cols 0: a vector) from src. */
static void put_tensor(const model_facts *f, const char *hf, const float *src, uint64_t rows, uint64_t cols,
                       const char *dtype, lx_buf *hdr, lx_buf *data)
{
    lx_tensor t = {0};
    t.n_dims = cols ? 2 : 1, t.shape[0] = rows, t.shape[1] = cols, t.n_elems = rows * (cols ? cols : 1);
    float *v = hf_values(f, &t, src, hf);
    if (!v) return;
    size_t begin = data->len;
    put_values(data, v, t.n_elems, dtype);
    free(v);
    bool tr = conv1d(hf);
    lx_buf_printf(hdr, "%s\"%s\":{\"dtype\":\"%s\",\"shape\":[%llu", hdr->len > 1 ? "," : "", hf, dtype,
                  (unsigned long long)(tr ? cols : rows));
    if (cols) lx_buf_printf(hdr, ",%llu", (unsigned long long)(tr ? rows : cols));
    lx_buf_printf(hdr, "],\"data_offsets\":[%zu,%zu]}", begin, data->len);
}

/* A GGUF tensor as its Hugging Face tensors: itself, or one per expert of a stack. */
static bool add_tensor(lx_gguf *g, const model_facts *f, const lx_tensor *t, const char *dtype, lx_buf *hdr, lx_buf *data)
{
    char hf[160], one[180];
    lx_err err = {0};
    const float *src = lx_gguf_tensor_data(g, t, &err);
    if (t->type != LX_DT_F32 || !src || !hf_name(g, t->name, hf, sizeof hf)) {
        fprintf(stderr, "fixture_hf: cannot convert %s\n", t->name);
        return false;
    }
    if (t->n_dims < 3) {
        put_tensor(f, hf, src, t->shape[0], t->n_dims > 1 ? t->shape[1] : 0, dtype, hdr, data);
        return true;
    }
    for (uint64_t e = 0; e < t->shape[0]; e++) {
        snprintf(one, sizeof one, hf, (int)e); /* hf holds the expert's "%d" */
        put_tensor(f, one, src + e * t->shape[1] * t->shape[2], t->shape[1], t->shape[2], dtype, hdr, data);
    }
    return true;
}

/* GPT-2 checkpoints carry each layer's causal mask "h.N.attn.bias" [ctx][ctx] (a buffer). */
static bool add_mask_buffers(const model_facts *f, const char *dtype, lx_buf *hdr, lx_buf *data)
{
    float *mask = calloc(f->ctx * f->ctx, sizeof *mask);
    if (!mask) return false;
    for (uint64_t i = 0; i < f->ctx; i++)
        for (uint64_t j = 0; j <= i; j++) mask[i * f->ctx + j] = 1.0f;
    for (uint64_t l = 0; l < f->layers; l++) {
        char name[64];
        snprintf(name, sizeof name, "h.%llu.attn.bias", (unsigned long long)l);
        put_tensor(f, name, mask, f->ctx, f->ctx, dtype, hdr, data);
    }
    free(mask);
    return true;
}

static bool write_safetensors(lx_gguf *g, const model_facts *f, const char *dtype, const char *dir)
{
    lx_buf hdr, data;
    lx_buf_init(&hdr), lx_buf_init(&data);
    lx_buf_putc(&hdr, '{');
    const lx_tensors *ts = lx_gguf_tensors(g);
    bool ok = true;
    for (size_t i = 0; ok && i < ts->n; i++) /* longrope's factors are config.json's */
        if (&ts->v[i] != f->rope_long && &ts->v[i] != f->rope_short) ok = add_tensor(g, f, &ts->v[i], dtype, &hdr, &data);
    if (ok && !strcmp(f->arch, "gpt2")) ok = add_mask_buffers(f, dtype, &hdr, &data);
    lx_buf_putc(&hdr, '}');
    while (hdr.len % 8) lx_buf_putc(&hdr, ' ');
    char path[1100];
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    FILE *fp = ok ? fopen(path, "wb") : NULL;
    uint8_t n8[8];
    for (int j = 0; j < 8; j++) n8[j] = (uint8_t)((uint64_t)hdr.len >> (8 * j));
    ok = fp && fwrite(n8, 1, 8, fp) == 8 && fwrite(hdr.data, 1, hdr.len, fp) == hdr.len &&
         fwrite(data.data, 1, data.len, fp) == data.len;
    if (fp && fclose(fp) != 0) ok = false;
    lx_buf_free(&hdr), lx_buf_free(&data);
    return ok;
}

static bool copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[65536];
    size_t n;
    bool ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0) ok = fwrite(buf, 1, n, out) == n;
    if (in) fclose(in);
    if (out && fclose(out) != 0) ok = false;
    return ok;
}

static bool copy_tokenizer(const char *tok_dir, const char *dir)
{
    static const char *const files[] = {"tokenizer.json", "tokenizer_config.json"};
    for (size_t i = 0; i < 2; i++) {
        char a[1100], b[1100];
        snprintf(a, sizeof a, "%s/%s", tok_dir, files[i]);
        snprintf(b, sizeof b, "%s/%s", dir, files[i]);
        if (!copy_file(a, b)) { perror(a); return false; }
    }
    return true;
}

/* ---- a SentencePiece vocabulary as transformers converts it ---- */

typedef struct spm_vocab {
    const lx_gguf *g;
    uint64_t n;
    uint32_t *by_text; /* ids sorted by piece text */
} spm_vocab;

static const spm_vocab *g_spm; /* for the qsort comparator */

static int cmp_piece(const char *a, size_t la, const char *b, size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);
    return c ? c : (la > lb) - (la < lb);
}

static int cmp_by_text(const void *x, const void *y)
{
    uint64_t la, lb;
    const char *a = lx_gguf_arr_str(g_spm->g, "tokenizer.ggml.tokens", *(const uint32_t *)x, &la);
    const char *b = lx_gguf_arr_str(g_spm->g, "tokenizer.ggml.tokens", *(const uint32_t *)y, &lb);
    return cmp_piece(a, la, b, lb);
}

static int64_t spm_find(const spm_vocab *v, const char *p, size_t len)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint64_t lm;
        const char *m = lx_gguf_arr_str(v->g, "tokenizer.ggml.tokens", v->by_text[mid], &lm);
        int c = cmp_piece(m, lm, p, len);
        if (!c) return v->by_text[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

typedef struct spm_merge { double score; uint32_t piece, left, right; } spm_merge;

/* Highest score first; among equals the lower piece id, then the lower left and right ids. */
static int cmp_merge(const void *x, const void *y)
{
    const spm_merge *a = x, *b = y;
    if (a->score != b->score) return a->score < b->score ? 1 : -1;
    if (a->piece != b->piece) return a->piece < b->piece ? -1 : 1;
    if (a->left != b->left) return a->left < b->left ? -1 : 1;
    return (a->right > b->right) - (a->right < b->right);
}

/* The merges transformers' SentencePiece converter derives: every split of a normal piece
 * into two pieces of the vocabulary, ordered by the piece's score (so the first merge that
 * makes a piece ranks the pieces as their scores do). *n <- their number; NULL on OOM. */
static spm_merge *spm_merges(const lx_gguf *g, uint64_t n_tok, size_t *n)
{
    spm_vocab v = {g, n_tok, malloc(n_tok * sizeof(uint32_t))};
    size_t cap = 1024, k = 0;
    spm_merge *m = malloc(cap * sizeof *m);
    if (!v.by_text || !m) { free(v.by_text), free(m); return NULL; }
    for (uint64_t i = 0; i < n_tok; i++) v.by_text[i] = (uint32_t)i;
    g_spm = &v;
    qsort(v.by_text, n_tok, sizeof *v.by_text, cmp_by_text);
    for (uint64_t i = 0; m && i < n_tok; i++) {
        int64_t type = 1;
        double score = 0;
        uint64_t len;
        lx_gguf_arr_i64(g, "tokenizer.ggml.token_type", i, &type);
        lx_gguf_arr_f64(g, "tokenizer.ggml.scores", i, &score);
        const char *p = lx_gguf_arr_str(g, "tokenizer.ggml.tokens", i, &len);
        for (size_t cut = 1; type == 1 && cut < len; cut++) {
            int64_t l = spm_find(&v, p, cut), r = l >= 0 ? spm_find(&v, p + cut, len - cut) : -1;
            if (r < 0) continue;
            if (k == cap) {
                spm_merge *bigger = realloc(m, 2 * cap * sizeof *m);
                if (!bigger) { free(m), m = NULL; break; }
                m = bigger, cap *= 2;
            }
            m[k++] = (spm_merge){score, (uint32_t)i, (uint32_t)l, (uint32_t)r};
        }
    }
    free(v.by_text);
    if (m) qsort(m, k, sizeof *m, cmp_merge);
    *n = k;
    return m;
}

static void put_token_json(lx_buf *b, const lx_gguf *g, uint64_t id)
{
    uint64_t len;
    lx_buf_put_json(b, lx_gguf_arr_str(g, "tokenizer.ggml.tokens", id, &len));
}

/* "added_tokens": the control tokens, as special ones. */
static void put_added(lx_buf *b, const lx_gguf *g, uint64_t n)
{
    lx_buf_printf(b, "{\"version\": \"1.0\", \"added_tokens\": [");
    for (uint64_t i = 0, k = 0; i < n; i++) {
        int64_t type = 1;
        lx_gguf_arr_i64(g, "tokenizer.ggml.token_type", i, &type);
        if (type != 3) continue;
        lx_buf_printf(b, "%s{\"id\": %llu, \"content\": ", k++ ? ", " : "", (unsigned long long)i);
        put_token_json(b, g, i);
        lx_buf_printf(b, ", \"special\": true}");
    }
    lx_buf_printf(b, "], ");
}

/* "vocab": {piece: id, ...} */
static void put_vocab(lx_buf *b, const lx_gguf *g, uint64_t n)
{
    lx_buf_printf(b, "\"vocab\": {");
    for (uint64_t i = 0; i < n; i++) {
        lx_buf_printf(b, "%s", i ? ", " : "");
        put_token_json(b, g, i);
        lx_buf_printf(b, ": %llu", (unsigned long long)i);
    }
    lx_buf_printf(b, "}, \"merges\": [");
}

/* A SentencePiece vocabulary as transformers converts it: BPE with byte fallback, "▁"
 * prepended and spaces replaced, the merges of spm_merges. */
static bool spm_tokenizer_json(const lx_gguf *g, uint64_t n, lx_buf *b)
{
    size_t n_merges;
    spm_merge *m = spm_merges(g, n, &n_merges);
    if (!m) return false;
    put_added(b, g, n);
    lx_buf_printf(b, "\"normalizer\": {\"type\": \"Sequence\", \"normalizers\": [{\"type\": \"Prepend\", "
                     "\"prepend\": \"\\u2581\"}, {\"type\": \"Replace\", \"pattern\": {\"String\": \" \"}, "
                     "\"content\": \"\\u2581\"}]}, \"pre_tokenizer\": null, \"model\": {\"type\": \"BPE\", "
                     "\"byte_fallback\": true, \"fuse_unk\": true, \"unk_token\": \"<unk>\", ");
    put_vocab(b, g, n);
    for (size_t i = 0; i < n_merges; i++) {
        lx_buf_printf(b, "%s[", i ? ", " : "");
        put_token_json(b, g, m[i].left);
        lx_buf_printf(b, ", ");
        put_token_json(b, g, m[i].right);
        lx_buf_printf(b, "]");
    }
    lx_buf_printf(b, "]}}\n");
    free(m);
    return true;
}

/* A byte-level BPE vocabulary (tokenizer.ggml.merges as "a b" strings). */
static bool bpe_tokenizer_json(const lx_gguf *g, uint64_t n, lx_buf *b)
{
    uint64_t n_merges = 0, len;
    lx_gguf_type elem;
    if (!lx_gguf_get_arr(g, "tokenizer.ggml.merges", &elem, &n_merges)) return false;
    put_added(b, g, n);
    lx_buf_printf(b, "\"normalizer\": null, \"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, "
                     "\"trim_offsets\": true, \"use_regex\": true}, \"model\": {\"type\": \"BPE\", ");
    put_vocab(b, g, n);
    for (uint64_t i = 0; i < n_merges; i++) {
        lx_buf_printf(b, "%s", i ? ", " : "");
        lx_buf_put_json(b, lx_gguf_arr_str(g, "tokenizer.ggml.merges", i, &len));
    }
    lx_buf_printf(b, "]}}\n");
    return true;
}

/* tokenizer.json of the GGUF's vocabulary (byte-level BPE or SentencePiece) and a
 * tokenizer_config.json naming BOS and EOS and whether BOS is added. */
static bool tokenizer_from_gguf(const lx_gguf *g, const char *dir)
{
    lx_buf b;
    uint64_t n = 0, len;
    lx_gguf_type elem;
    const char *model = lx_gguf_get_str(g, "tokenizer.ggml.model");
    if (!model || !lx_gguf_get_arr(g, "tokenizer.ggml.tokens", &elem, &n)) return false;
    lx_buf_init(&b);
    bool spm = !strcmp(model, "llama");
    char path[1100], cfg[512];
    snprintf(path, sizeof path, "%s/tokenizer.json", dir);
    bool ok = (spm ? spm_tokenizer_json(g, n, &b) : bpe_tokenizer_json(g, n, &b)) && write_text(path, lx_buf_cstr(&b));
    lx_buf_free(&b);
    uint64_t bos = 0, eos = 0;
    bool add_bos = spm;
    lx_gguf_get_u64(g, "tokenizer.ggml.bos_token_id", &bos), lx_gguf_get_u64(g, "tokenizer.ggml.eos_token_id", &eos);
    lx_gguf_get_bool(g, "tokenizer.ggml.add_bos_token", &add_bos);
    const char *bs = lx_gguf_arr_str(g, "tokenizer.ggml.tokens", bos, &len), *es = lx_gguf_arr_str(g, "tokenizer.ggml.tokens", eos, &len);
    snprintf(cfg, sizeof cfg, "{\"bos_token\": \"%s\", \"eos_token\": \"%s\"%s}\n", bs ? bs : "", es ? es : "",
             spm ? (add_bos ? ", \"add_bos_token\": true" : ", \"add_bos_token\": false") : "");
    snprintf(path, sizeof path, "%s/tokenizer_config.json", dir);
    return ok && write_text(path, cfg);
}

bool lx_fx_hf_write(const char *gguf_path, const char *tok_dir, const char *out_dir, const char *dtype)
{
    lx_err err = {0};
    lx_gguf *g;
    model_facts f;
    mkdir(out_dir, 0755);
    if (lx_gguf_open(gguf_path, &g, &err)) { fprintf(stderr, "%s\n", err.msg); return false; }
    bool ok = read_facts(g, &f) && write_config(&f, dtype, out_dir) && write_safetensors(g, &f, dtype, out_dir) &&
              (tok_dir ? copy_tokenizer(tok_dir, out_dir) : tokenizer_from_gguf(g, out_dir));
    lx_gguf_close(g);
    return ok;
}

bool lx_fx_hf_write_config(const char *gguf_path, const char *out_dir, const char *dtype)
{
    lx_err err = {0};
    lx_gguf *g;
    model_facts f;
    mkdir(out_dir, 0755);
    if (lx_gguf_open(gguf_path, &g, &err)) { fprintf(stderr, "%s\n", err.msg); return false; }
    bool ok = read_facts(g, &f) && write_config(&f, dtype, out_dir);
    lx_gguf_close(g);
    return ok;
}
