/* tests/support/families — see families.h. */
#include "families.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_st.h"

/* Published totals: the safetensors "total" parameter counts shown on each model's Hugging Face
 * page (Llama 3.1 8B 8,030,261,248; Qwen2.5-7B 7,615,616,512; Qwen3-8B 8,190,735,360;
 * Qwen3-30B-A3B 30,532,122,624; Gemma 2 9B 9,241,705,984; GPT-2 124,439,808; Mixtral 8x7B
 * 46,702,792,704) and DeepSeek-V3's 671 B main model (the 685 B checkpoint adds the 14 B
 * multi-token-prediction module, which llama.cpp does not convert).
 * Active counts (top-k of E routed experts plus everything else) are worked out by hand from the
 * shapes: Mixtral 1,605,636,096 + 32 x 2 x 176,160,768 = 12,879,925,248 ("12.9 B" published);
 * Qwen3-30B-A3B 48 x (19,140,864 + 8 x 4,718,592) + 622,331,904 = 3,353,032,704 ("3.3 B");
 * DeepSeek-V3 671,026,419,200 - 58 x 248 x 44,040,192 = 37,552,297,472 ("37 B"). */
const lx_fam_spec LX_FAM_LLAMA31_8B = {
    .name = "Llama-3.1-8B", .family = "llama", .n_layers = 32, .d_model = 4096, .n_heads = 32, .n_kv_heads = 8,
    .head_dim = 128, .d_ff = 14336, .vocab = 128256, .published_total = 8030261248ULL};
const lx_fam_spec LX_FAM_QWEN25_7B = {
    .name = "Qwen2.5-7B", .family = "qwen2", .n_layers = 28, .d_model = 3584, .n_heads = 28, .n_kv_heads = 4,
    .head_dim = 128, .d_ff = 18944, .vocab = 152064, .qkv_bias = true, .published_total = 7615616512ULL};
const lx_fam_spec LX_FAM_QWEN3_8B = {
    .name = "Qwen3-8B", .family = "qwen3", .n_layers = 36, .d_model = 4096, .n_heads = 32, .n_kv_heads = 8,
    .head_dim = 128, .d_ff = 12288, .vocab = 151936, .qk_norm = true, .published_total = 8190735360ULL};
const lx_fam_spec LX_FAM_QWEN3_30B_A3B = {
    .name = "Qwen3-30B-A3B", .family = "qwen3moe", .n_layers = 48, .d_model = 2048, .n_heads = 32,
    .n_kv_heads = 4, .head_dim = 128, .vocab = 151936, .qk_norm = true, .n_experts = 128, .n_used = 8,
    .d_expert = 768, .published_total = 30532122624ULL, .published_active = 3353032704ULL};
const lx_fam_spec LX_FAM_GEMMA2_9B = {
    .name = "gemma-2-9b", .family = "gemma2", .n_layers = 42, .d_model = 3584, .n_heads = 16, .n_kv_heads = 8,
    .head_dim = 256, .d_ff = 14336, .vocab = 256000, .sandwich = true, .tied = true,
    .published_total = 9241705984ULL};
const lx_fam_spec LX_FAM_GPT2 = {
    .name = "gpt2", .family = "gpt2", .n_layers = 12, .d_model = 768, .n_heads = 12, .n_kv_heads = 12,
    .head_dim = 64, .d_ff = 3072, .vocab = 50257, .tied = true, .gpt2 = true, .published_total = 124439808ULL};
const lx_fam_spec LX_FAM_MIXTRAL_8X7B = {
    .name = "Mixtral-8x7B-v0.1", .family = "llama", .n_layers = 32, .d_model = 4096, .n_heads = 32,
    .n_kv_heads = 8, .head_dim = 128, .vocab = 32000, .n_experts = 8, .n_used = 2, .d_expert = 14336,
    .stacked_experts = true, .published_total = 46702792704ULL, .published_active = 12879925248ULL};
const lx_fam_spec LX_FAM_DEEPSEEK_V3 = {
    .name = "DeepSeek-V3", .family = "deepseek2", .n_layers = 61, .d_model = 7168, .n_heads = 128,
    .n_kv_heads = 128, .head_dim = 192, .d_ff = 18432, .vocab = 129280, .n_experts = 256, .n_used = 8,
    .d_expert = 2048, .n_shared = 1, .n_dense_prefix = 3, .stacked_experts = true, .router_bias = true,
    .q_lora = 1536, .kv_lora = 512, .rope_dim = 64, .nope_dim = 128, .v_dim = 128,
    .published_total = 671026419200ULL, .published_active = 37552297472ULL};

typedef struct emitter {
    const lx_fam_spec *s;
    lx_fam_naming naming;
    lx_fam_cb cb;
    void *ctx;
} emitter;

/* Emits one tensor; the name is printf-formatted. Shape given outermost first, 0-terminated. */
static void put(const emitter *e, const int64_t *shape, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void put(const emitter *e, const int64_t *shape, const char *fmt, ...)
{
    char name[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    int n = 0;
    while (n < 4 && shape[n]) n++;
    e->cb(e->ctx, name, n, shape);
}

#define SHAPE(...) ((const int64_t[]){__VA_ARGS__, 0})

static bool hf(const emitter *e) { return e->naming == LX_FAM_HF; }

/* "model.layers.N." or "blk.N." + the right part name */
static const char *lp(const emitter *e) { return hf(e) ? "model.layers" : "blk"; }

static void emit_gpt2_layer(const emitter *e, int l)
{
    int64_t d = e->s->d_model, f = e->s->d_ff;
    if (!hf(e)) {
        put(e, SHAPE(d), "blk.%d.attn_norm.weight", l);
        put(e, SHAPE(d), "blk.%d.attn_norm.bias", l);
        put(e, SHAPE(3 * d, d), "blk.%d.attn_qkv.weight", l);
        put(e, SHAPE(3 * d), "blk.%d.attn_qkv.bias", l);
        put(e, SHAPE(d, d), "blk.%d.attn_output.weight", l);
        put(e, SHAPE(d), "blk.%d.attn_output.bias", l);
        put(e, SHAPE(d), "blk.%d.ffn_norm.weight", l);
        put(e, SHAPE(d), "blk.%d.ffn_norm.bias", l);
        put(e, SHAPE(f, d), "blk.%d.ffn_up.weight", l);
        put(e, SHAPE(f), "blk.%d.ffn_up.bias", l);
        put(e, SHAPE(d, f), "blk.%d.ffn_down.weight", l);
        put(e, SHAPE(d), "blk.%d.ffn_down.bias", l);
        return;
    }
    put(e, SHAPE(d), "h.%d.ln_1.weight", l);
    put(e, SHAPE(d), "h.%d.ln_1.bias", l);
    put(e, SHAPE(1, 1, 1024, 1024), "h.%d.attn.bias", l); /* causal-mask buffer, not a parameter */
    put(e, SHAPE(d, 3 * d), "h.%d.attn.c_attn.weight", l);
    put(e, SHAPE(3 * d), "h.%d.attn.c_attn.bias", l);
    put(e, SHAPE(d, d), "h.%d.attn.c_proj.weight", l);
    put(e, SHAPE(d), "h.%d.attn.c_proj.bias", l);
    put(e, SHAPE(d), "h.%d.ln_2.weight", l);
    put(e, SHAPE(d), "h.%d.ln_2.bias", l);
    put(e, SHAPE(d, f), "h.%d.mlp.c_fc.weight", l);
    put(e, SHAPE(f), "h.%d.mlp.c_fc.bias", l);
    put(e, SHAPE(f, d), "h.%d.mlp.c_proj.weight", l);
    put(e, SHAPE(d), "h.%d.mlp.c_proj.bias", l);
}

static void emit_mla(const emitter *e, int l)
{
    const lx_fam_spec *s = e->s;
    int64_t d = s->d_model, h = s->n_heads;
    bool H = hf(e);
    const char *p = lp(e);
    put(e, SHAPE(s->q_lora, d), H ? "%s.%d.self_attn.q_a_proj.weight" : "%s.%d.attn_q_a.weight", p, l);
    put(e, SHAPE(s->q_lora), H ? "%s.%d.self_attn.q_a_layernorm.weight" : "%s.%d.attn_q_a_norm.weight", p, l);
    put(e, SHAPE(h * (s->nope_dim + s->rope_dim), s->q_lora), H ? "%s.%d.self_attn.q_b_proj.weight" : "%s.%d.attn_q_b.weight", p, l);
    put(e, SHAPE(s->kv_lora + s->rope_dim, d), H ? "%s.%d.self_attn.kv_a_proj_with_mqa.weight" : "%s.%d.attn_kv_a_mqa.weight", p, l);
    put(e, SHAPE(s->kv_lora), H ? "%s.%d.self_attn.kv_a_layernorm.weight" : "%s.%d.attn_kv_a_norm.weight", p, l);
    put(e, SHAPE(h * (s->nope_dim + s->v_dim), s->kv_lora), H ? "%s.%d.self_attn.kv_b_proj.weight" : "%s.%d.attn_kv_b.weight", p, l);
    put(e, SHAPE(d, h * s->v_dim), H ? "%s.%d.self_attn.o_proj.weight" : "%s.%d.attn_output.weight", p, l);
}

static void emit_attention(const emitter *e, int l)
{
    const lx_fam_spec *s = e->s;
    if (s->kv_lora) { emit_mla(e, l); return; }
    int64_t d = s->d_model, q = s->n_heads * s->head_dim, kv = s->n_kv_heads * s->head_dim;
    bool H = hf(e);
    const char *p = lp(e);
    static const char *const HFN[] = {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj"};
    static const char *const GGN[] = {"attn_q", "attn_k", "attn_v"};
    int64_t rows[3] = {q, kv, kv};
    for (int i = 0; i < 3; i++) {
        put(e, SHAPE(rows[i], d), "%s.%d.%s.weight", p, l, H ? HFN[i] : GGN[i]);
        if (s->qkv_bias) put(e, SHAPE(rows[i]), "%s.%d.%s.bias", p, l, H ? HFN[i] : GGN[i]);
    }
    put(e, SHAPE(d, q), "%s.%d.%s.weight", p, l, H ? "self_attn.o_proj" : "attn_output");
    if (s->qk_norm) {
        put(e, SHAPE(s->head_dim), "%s.%d.%s.weight", p, l, H ? "self_attn.q_norm" : "attn_q_norm");
        put(e, SHAPE(s->head_dim), "%s.%d.%s.weight", p, l, H ? "self_attn.k_norm" : "attn_k_norm");
    }
}

static void emit_dense_ffn(const emitter *e, int l)
{
    int64_t d = e->s->d_model, f = e->s->d_ff;
    bool H = hf(e);
    const char *p = lp(e);
    put(e, SHAPE(f, d), "%s.%d.%s.weight", p, l, H ? "mlp.gate_proj" : "ffn_gate");
    put(e, SHAPE(f, d), "%s.%d.%s.weight", p, l, H ? "mlp.up_proj" : "ffn_up");
    put(e, SHAPE(d, f), "%s.%d.%s.weight", p, l, H ? "mlp.down_proj" : "ffn_down");
}

static void emit_experts_hf(const emitter *e, int l)
{
    const lx_fam_spec *s = e->s;
    int64_t d = s->d_model, x = s->d_expert;
    bool mixtral = s->stacked_experts; /* Mixtral's HF names differ from Qwen/DeepSeek */
    for (int64_t k = 0; k < s->n_experts; k++) {
        if (mixtral) {
            put(e, SHAPE(x, d), "model.layers.%d.block_sparse_moe.experts.%lld.w1.weight", l, (long long)k);
            put(e, SHAPE(d, x), "model.layers.%d.block_sparse_moe.experts.%lld.w2.weight", l, (long long)k);
            put(e, SHAPE(x, d), "model.layers.%d.block_sparse_moe.experts.%lld.w3.weight", l, (long long)k);
            continue;
        }
        put(e, SHAPE(x, d), "model.layers.%d.mlp.experts.%lld.gate_proj.weight", l, (long long)k);
        put(e, SHAPE(x, d), "model.layers.%d.mlp.experts.%lld.up_proj.weight", l, (long long)k);
        put(e, SHAPE(d, x), "model.layers.%d.mlp.experts.%lld.down_proj.weight", l, (long long)k);
    }
}

static void emit_moe_ffn(const emitter *e, int l)
{
    const lx_fam_spec *s = e->s;
    int64_t d = s->d_model, x = s->d_expert, E = s->n_experts;
    bool H = hf(e);
    if (H) put(e, SHAPE(E, d), s->stacked_experts ? "model.layers.%d.block_sparse_moe.gate.weight" : "model.layers.%d.mlp.gate.weight", l);
    else put(e, SHAPE(E, d), "blk.%d.ffn_gate_inp.weight", l);
    if (s->router_bias) put(e, SHAPE(E), H ? "model.layers.%d.mlp.gate.e_score_correction_bias" : "blk.%d.exp_probs_b.bias", l);
    if (H) emit_experts_hf(e, l);
    else {
        put(e, SHAPE(E, x, d), "blk.%d.ffn_gate_exps.weight", l);
        put(e, SHAPE(E, x, d), "blk.%d.ffn_up_exps.weight", l);
        put(e, SHAPE(E, d, x), "blk.%d.ffn_down_exps.weight", l);
    }
    if (!s->n_shared) return;
    int64_t w = s->n_shared * x;
    put(e, SHAPE(w, d), H ? "model.layers.%d.mlp.shared_experts.gate_proj.weight" : "blk.%d.ffn_gate_shexp.weight", l);
    put(e, SHAPE(w, d), H ? "model.layers.%d.mlp.shared_experts.up_proj.weight" : "blk.%d.ffn_up_shexp.weight", l);
    put(e, SHAPE(d, w), H ? "model.layers.%d.mlp.shared_experts.down_proj.weight" : "blk.%d.ffn_down_shexp.weight", l);
}

static void emit_layer(const emitter *e, int l)
{
    const lx_fam_spec *s = e->s;
    int64_t d = s->d_model;
    bool H = hf(e);
    const char *p = lp(e);
    if (s->gpt2) { emit_gpt2_layer(e, l); return; }
    put(e, SHAPE(d), "%s.%d.%s.weight", p, l, H ? "input_layernorm" : "attn_norm");
    emit_attention(e, l);
    if (s->sandwich) {
        put(e, SHAPE(d), "%s.%d.%s.weight", p, l, H ? "post_attention_layernorm" : "post_attention_norm");
        put(e, SHAPE(d), "%s.%d.%s.weight", p, l, H ? "pre_feedforward_layernorm" : "ffn_norm");
    } else {
        put(e, SHAPE(d), "%s.%d.%s.weight", p, l, H ? "post_attention_layernorm" : "ffn_norm");
    }
    if (s->n_experts && l >= s->n_dense_prefix) emit_moe_ffn(e, l);
    else emit_dense_ffn(e, l);
    if (s->sandwich) put(e, SHAPE(d), "%s.%d.%s.weight", p, l, H ? "post_feedforward_layernorm" : "post_ffw_norm");
}

void lx_fam_emit(const lx_fam_spec *s, lx_fam_naming naming, lx_fam_cb cb, void *ctx)
{
    emitter e = {s, naming, cb, ctx};
    bool H = naming == LX_FAM_HF;
    int64_t d = s->d_model;
    if (s->gpt2 && H) {
        put(&e, SHAPE(s->vocab, d), "wte.weight");
        put(&e, SHAPE(1024, d), "wpe.weight");
    } else {
        put(&e, SHAPE(s->vocab, d), H ? "model.embed_tokens.weight" : "token_embd.weight");
        if (s->gpt2) put(&e, SHAPE(1024, d), "position_embd.weight");
    }
    for (int l = 0; l < s->n_layers; l++) emit_layer(&e, l);
    if (s->gpt2) {
        put(&e, SHAPE(d), H ? "ln_f.weight" : "output_norm.weight");
        put(&e, SHAPE(d), H ? "ln_f.bias" : "output_norm.bias");
    } else {
        put(&e, SHAPE(d), H ? "model.norm.weight" : "output_norm.weight");
    }
    if (!s->tied) put(&e, SHAPE(s->vocab, d), H ? "lm_head.weight" : "output.weight");
}

/* ---- writers ---- */

static void st_cb(void *ctx, const char *name, int n_dims, const int64_t *shape)
{
    lx_fx_st *f = ctx;
    const char *dt = strstr(name, "attn.bias") && n_dims == 4 ? "BOOL" : "BF16";
    lx_fx_st_tensor(f, name, dt, n_dims, shape);
}

bool lx_fam_write_safetensors(const lx_fam_spec *s, const char *path)
{
    lx_fx_st *f = lx_fx_st_new();
    if (!f) return false;
    lx_fam_emit(s, LX_FAM_HF, st_cb, f);
    bool ok = lx_fx_st_write(f, path, NULL);
    lx_fx_st_free(f);
    return ok;
}

/* ---- GGUF ---- */

#include "fixture_gguf.h"

static void gguf_cb(void *ctx, const char *name, int n_dims, const int64_t *shape)
{
    uint64_t ne[4];
    for (int i = 0; i < n_dims; i++) ne[i] = (uint64_t)shape[n_dims - 1 - i]; /* ggml order */
    lx_fx_gguf_tensor(ctx, name, 1 /* F16 */, n_dims, ne);
}

static void gguf_u32(lx_fx_gguf *w, const lx_fam_spec *s, const char *k, int64_t v)
{
    char key[128];
    snprintf(key, sizeof key, "%s.%s", s->family, k);
    if (v) lx_fx_gguf_kv_u32(w, key, (uint32_t)v);
}

static void gguf_metadata(lx_fx_gguf *w, const lx_fam_spec *s)
{
    char key[128];
    lx_fx_gguf_kv_str(w, "general.architecture", s->family);
    lx_fx_gguf_kv_str(w, "general.name", s->name);
    gguf_u32(w, s, "block_count", s->n_layers);
    gguf_u32(w, s, "context_length", s->gpt2 ? 1024 : 4096);
    gguf_u32(w, s, "embedding_length", s->d_model);
    gguf_u32(w, s, "feed_forward_length", s->d_ff);
    gguf_u32(w, s, "attention.head_count", s->n_heads);
    gguf_u32(w, s, "attention.head_count_kv", s->n_kv_heads);
    gguf_u32(w, s, "expert_count", s->n_experts);
    gguf_u32(w, s, "expert_used_count", s->n_used);
    gguf_u32(w, s, "expert_shared_count", s->n_shared);
    gguf_u32(w, s, "expert_feed_forward_length", s->n_experts ? s->d_expert : 0);
    gguf_u32(w, s, "leading_dense_block_count", s->n_dense_prefix);
    gguf_u32(w, s, "attention.q_lora_rank", s->q_lora);
    gguf_u32(w, s, "attention.kv_lora_rank", s->kv_lora);
    gguf_u32(w, s, "attention.key_length", s->kv_lora ? s->nope_dim + s->rope_dim : s->head_dim);
    gguf_u32(w, s, "attention.value_length", s->kv_lora ? s->v_dim : s->head_dim);
    gguf_u32(w, s, "rope.dimension_count", s->kv_lora ? s->rope_dim : 0);
    snprintf(key, sizeof key, "%s.attention.%s", s->family, s->gpt2 ? "layer_norm_epsilon" : "layer_norm_rms_epsilon");
    lx_fx_gguf_kv_f32(w, key, 1e-5f);
    if (!s->gpt2) {
        snprintf(key, sizeof key, "%s.rope.freq_base", s->family);
        lx_fx_gguf_kv_f32(w, key, 500000.0f);
    }
}

bool lx_fam_write_gguf(const lx_fam_spec *s, const char *path)
{
    return lx_fam_write_gguf_tokenizer(s, path, NULL, 0, NULL, 0);
}

bool lx_fam_write_gguf_tokenizer(const lx_fam_spec *s, const char *path, const char *const *tokens, size_t n_tokens,
                                 const char *const *merges, size_t n_merges)
{
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    if (!w) return false;
    gguf_metadata(w, s);
    if (n_tokens) {
        lx_fx_gguf_kv_str(w, "tokenizer.ggml.model", "gpt2");
        lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.tokens", tokens, n_tokens);
        int32_t *types = calloc(n_tokens, sizeof *types);
        if (types) lx_fx_gguf_kv_arr(w, "tokenizer.ggml.token_type", 5 /* INT32 */, types, n_tokens);
        free(types);
    }
    if (n_merges) lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.merges", merges, n_merges);
    lx_fam_emit(s, LX_FAM_GGUF, gguf_cb, w);
    bool ok = lx_fx_gguf_write(w, path);
    lx_fx_gguf_free(w);
    return ok;
}

/* ---- sharded forms: the tensor stream cut into n consecutive parts ---- */

typedef struct shard_ctx {
    size_t n_total, seen;
    int n_shards;
    void *w[LX_FAM_MAX_SHARDS]; /* one writer per shard */
    bool gguf;
    char **names;           /* safetensors: tensor names in order, for the index */
    int *shard;             /* ... and the shard each one went to */
    size_t n_names;
} shard_ctx;

static void count_cb(void *ctx, const char *name, int n_dims, const int64_t *shape)
{
    (void)name, (void)n_dims, (void)shape;
    ((shard_ctx *)ctx)->n_total++;
}

static int shard_of(const shard_ctx *c) { return (int)(c->seen * (size_t)c->n_shards / c->n_total); }

static void shard_cb(void *ctx, const char *name, int n_dims, const int64_t *shape)
{
    shard_ctx *c = ctx;
    int k = shard_of(c);
    c->seen++;
    if (c->gguf) { gguf_cb(c->w[k], name, n_dims, shape); return; }
    st_cb(c->w[k], name, n_dims, shape);
    c->names[c->n_names] = strdup(name);
    c->shard[c->n_names++] = k;
}

bool lx_fam_write_gguf_split(const lx_fam_spec *s, const char *prefix, int n_shards)
{
    shard_ctx c = {.n_shards = n_shards, .gguf = true};
    if (n_shards < 2 || n_shards > LX_FAM_MAX_SHARDS) return false;
    lx_fam_emit(s, LX_FAM_GGUF, count_cb, &c);
    for (int k = 0; k < n_shards; k++) {
        c.w[k] = lx_fx_gguf_new(3);
        if (k == 0) gguf_metadata(c.w[k], s);
        lx_fx_gguf_kv_u16(c.w[k], "split.no", (uint16_t)k);
        lx_fx_gguf_kv_u16(c.w[k], "split.count", (uint16_t)n_shards);
        lx_fx_gguf_kv_i32(c.w[k], "split.tensors.count", (int32_t)c.n_total);
    }
    lx_fam_emit(s, LX_FAM_GGUF, shard_cb, &c);
    bool ok = true;
    for (int k = 0; k < n_shards; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s-%05d-of-%05d.gguf", prefix, k + 1, n_shards);
        ok = lx_fx_gguf_write(c.w[k], path) && ok;
        lx_fx_gguf_free(c.w[k]);
    }
    return ok;
}

bool lx_fam_write_safetensors_sharded(const lx_fam_spec *s, const char *dir, int n_shards)
{
    shard_ctx c = {.n_shards = n_shards};
    if (n_shards < 2 || n_shards > LX_FAM_MAX_SHARDS) return false;
    lx_fam_emit(s, LX_FAM_HF, count_cb, &c);
    c.names = calloc(c.n_total, sizeof *c.names);
    c.shard = calloc(c.n_total, sizeof *c.shard);
    const char **map = calloc(c.n_total, sizeof *map);
    if (!c.names || !c.shard || !map) return false;
    for (int k = 0; k < n_shards; k++) c.w[k] = lx_fx_st_new();
    lx_fam_emit(s, LX_FAM_HF, shard_cb, &c);
    static char files[LX_FAM_MAX_SHARDS][64];
    char path[600];
    bool ok = true;
    for (int k = 0; k < n_shards; k++) {
        snprintf(files[k], sizeof files[k], "model-%05d-of-%05d.safetensors", k + 1, n_shards);
        snprintf(path, sizeof path, "%s/%.63s", dir, files[k]);
        ok = ok && lx_fx_st_write(c.w[k], path, NULL);
        lx_fx_st_free(c.w[k]);
    }
    for (size_t i = 0; i < c.n_names; i++) map[i] = files[c.shard[i]];
    snprintf(path, sizeof path, "%s/model.safetensors.index.json", dir);
    ok = ok && lx_fx_st_write_index(path, c.n_names, (const char *const *)c.names, map, -1);
    for (size_t i = 0; i < c.n_names; i++) free(c.names[i]);
    free(c.names);
    free(c.shard);
    free(map);
    return ok;
}
