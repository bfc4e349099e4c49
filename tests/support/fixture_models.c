/* tests/support/fixture_models — see fixture_models.h. */
#include "fixture_models.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_gguf.h"
#include "fixture_quant.h"
#include "read/gguf.h"
#include "util/err.h"

#define FX_D 32      /* d_model */
#define FX_LAYERS 2
#define FX_HEADS 4
#define FX_KV 2
#define FX_FF 64
#define FX_CTX 256
#define FX_EXPERTS 4
#define FX_EXPERT_USED 2
#define FX_EXPERT_FF 48

/* What one family's file holds beyond the common Llama-shaped set. */
typedef struct shape {
    bool layernorm;  /* LayerNorm with biases (norm .bias tensors, layer_norm_epsilon key) */
    bool pos_embd;   /* learned position embeddings */
    bool fused_qkv;  /* one attn_qkv matrix */
    bool qkv_bias;   /* biases on Q, K, V */
    bool lin_bias;   /* biases on the output and FFN projections too (GPT-2) */
    bool gated;      /* gate and up (SwiGLU) rather than up alone (GELU) */
    bool qk_norm;    /* RMSNorm over each head of Q and K */
    size_t head_dim; /* key_length written when it is not d_model / heads */
    /* families added later (zero for the first four) */
    bool fused_gate_up;  /* gate and up as one ffn_up of 2 * d_ff rows (Phi-3) */
    bool untied;         /* an output.weight of its own */
    bool post_norms;     /* post_attention_norm and post_ffw_norm after each block */
    bool post_only;      /* no attn_norm / ffn_norm (OLMo 2) */
    bool qk_norm_full;   /* QK-norm weights over the whole projection (OLMo 2) */
    float attn_cap, final_cap; /* soft-capping keys (Gemma 2) */
    unsigned window;     /* attention.sliding_window */
    float rope_base;     /* rope.freq_base when not 10000 */
    int layers;          /* block_count when not FX_LAYERS */
    bool moe;            /* FX_EXPERTS routed experts of FX_EXPERT_FF, FX_EXPERT_USED per token */
} shape;

typedef struct fam {
    lx_fx_family f;
    shape s;
} fam;

static const fam FAMS[] = {
    {{"gpt2", "gpt2", "ggml-vocab-gpt-2.gguf"}, {true, true, true, true, true, false, false, FX_D / FX_HEADS, false, false, false, false, false, 0, 0, 0, 0, 0, false}},
    {{"qwen2", "qwen2", "ggml-vocab-qwen2.gguf"}, {false, false, false, true, false, true, false, FX_D / FX_HEADS, false, false, false, false, false, 0, 0, 0, 0, 0, false}},
    {{"qwen3", "qwen3", "ggml-vocab-qwen2.gguf"}, {false, false, false, false, false, true, true, 16, false, false, false, false, false, 0, 0, 0, 0, 0, false}},
    {{"llama-bpe", "llama", "ggml-vocab-llama-bpe.gguf"},
     {false, false, false, false, false, true, false, FX_D / FX_HEADS, false, false, false, false, false, 0, 0, 0, 0, 0, false}},
    {{"phi3", "phi3", "ggml-vocab-phi-3.gguf"},
     {false, false, true, false, false, true, false, FX_D / FX_HEADS, true, true, false, false, false, 0, 0, 0, 0, 0, false}},
    {{"gemma", "gemma", "ggml-vocab-gemma3.gguf"},
     {false, false, false, false, false, true, false, 16, false, false, false, false, false, 0, 0, 0, 0, 0, false}},
    {{"gemma2", "gemma2", "ggml-vocab-gemma3.gguf"},
     {false, false, false, false, false, true, false, 16, false, false, true, false, false, 1.5f, 20.0f, 4, 0, 0, false}},
    {{"gemma3", "gemma3", "ggml-vocab-gemma3.gguf"},
     {false, false, false, false, false, true, true, 16, false, false, true, false, false, 0, 0, 4, 1e6f, 0, false}},
    {{"olmo2", "olmo2", "ggml-vocab-gpt-2.gguf"},
     {false, false, false, false, false, true, true, FX_D / FX_HEADS, false, true, true, true, true, 0, 0, 0, 0, 0, false}},
    {{"smollm3", "smollm3", "ggml-vocab-llama-bpe.gguf"},
     {false, false, false, false, false, true, false, FX_D / FX_HEADS, false, false, false, false, false, 0, 0, 0, 0, 4, false}},
    {{"qwen3moe", "qwen3moe", "ggml-vocab-qwen2.gguf"},
     {false, false, false, false, false, true, true, 16, false, false, false, false, false, 0, 0, 0, 0, 0, true}},
};

#define N_FAMS (sizeof FAMS / sizeof FAMS[0])

size_t lx_fx_n_families(void) { return N_FAMS; }
const lx_fx_family *lx_fx_family_at(size_t i) { return i < N_FAMS ? &FAMS[i].f : NULL; }

/* ---- deterministic weights ---- */

typedef struct rng {
    uint64_t s;
    float (*round)(float); /* applied to every weight written, or NULL */
    uint32_t quant;        /* layer matrices quantized: 0 no, MIXED as MIXQ says, else this ggml type */
    unsigned wide;         /* widths (d_model, d_ff, head size) times this: 1, or 8 for the K-quant variant */
} rng;

#define WIDE_D(r) ((size_t)FX_D * (r)->wide)
#define WIDE_FF(r) ((size_t)FX_FF * (r)->wide)
#define MIXED_K (UINT32_MAX - 1)

#define MIXED UINT32_MAX

/* Name suffixes of the quantized variants of a family's fixture. */
static const struct { const char *suffix; uint32_t quant; } VARIANTS[] = {
    {"-mixq", MIXED}, {"-kq", MIXED_K}, {"-q4_1", 3}, {"-q5_0", 6}, {"-q5_1", 7}, {"-q8_0", 8}, {"-iq4_nl", 20}, {"-mxfp4", 39},
};

/* Name suffixes of the RoPE-scaled variants: the keys llama.cpp's converter writes for a
 * config.json rope_scaling of that type (a factor of 4 on an original context of 64, so
 * factor = context_length / original as transformers' yarn also derives it). longrope
 * (Phi-3's converter) has its factors as rope_factors_long/short.weight (longrope_factors)
 * and rope.scaling.attn_factor = sqrt(1 + ln(256 / orig) / ln(orig)), 1 when orig is the
 * whole context; "-dynamic" is a type the converter never writes. */
static const struct {
    const char *suffix, *type;
    float factor;
    uint32_t orig_ctx;
    float attn_factor; /* 0: no key */
} SCALED[] = {
    {"-linear", "linear", 4.0f, 0, 0},
    {"-yarn", "yarn", 4.0f, 64, 0},
    {"-longrope-short", "longrope", 0, 256, 1.0f},
    {"-longrope", "longrope", 0, 64, 1.15470054f}, /* sqrt(1 + ln 4 / ln 64) = sqrt(4/3) */
    {"-dynamic", "dynamic", 2.0f, 0, 0},
};

/* "-swa": the family's fixture with an attention.sliding_window of 4 (the prompt is longer),
 * as llama.cpp's converter writes a config.json sliding_window (Phi-3). */
#define SWA_SUFFIX "-swa"
#define SWA_WINDOW 4u

/* The "-mixq" variants: each layer matrix in one of the 32-element quantized types
 * (ggml ids), so one file exercises five of them. */
static const struct { const char *tensor; uint32_t type; } MIXQ[] = {
    {"attn_q.", 3 /* Q4_1 */},    {"attn_k.", 6 /* Q5_0 */},  {"attn_v.", 7 /* Q5_1 */},
    {"attn_output.", 20 /* IQ4_NL */}, {"ffn_gate.", 39 /* MXFP4 */}, {"ffn_up.", 3 /* Q4_1 */},
    {"ffn_down.", 7 /* Q5_1 */},
};

/* The "-kq" variants: 8 times wider (rows of 256 and 512), layer matrices and the token
 * embedding in the 256-element types. */
static const struct { const char *tensor; uint32_t type; } MIXQ_K[] = {
    {"attn_q.", 10 /* Q2_K */},   {"attn_k.", 11 /* Q3_K */},  {"attn_v.", 13 /* Q5_K */},
    {"attn_output.", 23 /* IQ4_XS */}, {"ffn_gate.", 13 /* Q5_K */}, {"ffn_up.", 11 /* Q3_K */},
    {"ffn_down.", 10 /* Q2_K */}, {"token_embd.", 23 /* IQ4_XS */},
};

static uint32_t mixq_type(const char *name, bool k)
{
    size_t n = k ? sizeof MIXQ_K / sizeof MIXQ_K[0] : sizeof MIXQ / sizeof MIXQ[0];
    for (size_t i = 0; i < n; i++)
        if (strstr(name, k ? MIXQ_K[i].tensor : MIXQ[i].tensor)) return k ? MIXQ_K[i].type : MIXQ[i].type;
    return 0;
}

/* v[n] written as the tensor idx's data: F32, or quantized when the variant says so. */
static void tensor_bytes(lx_fx_gguf *w, const rng *r, const char *name, const float *v, size_t n, size_t rows,
                         size_t cols)
{
    bool layer = strncmp(name, "blk.", 4) == 0;
    uint32_t qt = !rows || !r->quant                 ? 0
                  : r->quant == MIXED_K              ? mixq_type(name, true)
                  : !layer                           ? 0
                  : r->quant == MIXED                ? mixq_type(name, false)
                                                     : r->quant;
    uint64_t ne[2] = {cols, rows};
    size_t bytes = qt ? lx_fx_quant_bytes(qt, n) : 0;
    uint8_t *q = bytes ? malloc(bytes) : NULL;
    if (q && lx_fx_quantize(qt, v, n, q)) {
        lx_fx_gguf_tensor_data(w, lx_fx_gguf_tensor(w, name, qt, 2, ne), q, bytes);
    } else {
        size_t idx = lx_fx_gguf_tensor(w, name, 0, rows ? 2 : 1, ne);
        lx_fx_gguf_tensor_data(w, idx, v, n * sizeof *v);
    }
    free(q);
}

static float uniform(rng *r, float scale)
{
    r->s ^= r->s >> 12, r->s ^= r->s << 25, r->s ^= r->s >> 27;
    uint64_t v = r->s * 2685821657736338717ull;
    return scale * (2.0f * (float)((double)(v >> 40) / (double)(1ull << 24)) - 1.0f);
}

/* A tensor of rows x cols (rows 0: a vector) of centre + uniform(-scale, scale). */
static void tensor(lx_fx_gguf *w, rng *r, const char *name, size_t rows, size_t cols, float centre, float scale)
{
    size_t n = (rows ? rows : 1) * cols;
    float *v = malloc(n * sizeof *v);
    if (!v) return;
    for (size_t i = 0; i < n; i++) v[i] = centre + uniform(r, scale);
    for (size_t i = 0; r->round && i < n; i++) v[i] = r->round(v[i]);
    tensor_bytes(w, r, name, v, n, rows, cols);
    free(v);
}

/* ---- tokenizer keys copied from a vocab-only file ---- */

static bool copy_array(lx_fx_gguf *w, const lx_gguf *g, const char *key)
{
    lx_gguf_type elem;
    uint64_t n;
    if (!lx_gguf_get_arr(g, key, &elem, &n)) return false;
    bool ok = true;
    if (elem == LX_GGUF_STRING) {
        char **s = calloc(n ? n : 1, sizeof *s);
        for (uint64_t i = 0; s && ok && i < n; i++) {
            uint64_t len;
            const char *p = lx_gguf_arr_str(g, key, i, &len);
            ok = p && (s[i] = malloc(len + 1));
            if (ok) memcpy(s[i], p, len), s[i][len] = 0;
        }
        if (s && ok) lx_fx_gguf_kv_arr_str(w, key, (const char *const *)s, n);
        for (uint64_t i = 0; s && i < n; i++) free(s[i]);
        free(s);
        return s && ok;
    }
    void *v = malloc((n ? n : 1) * 8);
    for (uint64_t i = 0; v && i < n; i++) {
        double f;
        int64_t k;
        if (elem == LX_GGUF_F32 && lx_gguf_arr_f64(g, key, i, &f)) ((float *)v)[i] = (float)f;
        else if (elem == LX_GGUF_I32 && lx_gguf_arr_i64(g, key, i, &k)) ((int32_t *)v)[i] = (int32_t)k;
        else if (elem == LX_GGUF_U32 && lx_gguf_arr_i64(g, key, i, &k)) ((uint32_t *)v)[i] = (uint32_t)k;
        else ok = false;
    }
    if (v && ok) lx_fx_gguf_kv_arr(w, key, (uint32_t)elem, v, n);
    free(v);
    return v && ok;
}

static bool copy_kv(lx_fx_gguf *w, const lx_gguf *g, size_t i)
{
    const char *key = lx_gguf_key(g, i);
    uint64_t u;
    int64_t k;
    double f;
    bool b;
    switch (lx_gguf_kv_type(g, i)) {
    case LX_GGUF_ARRAY: return copy_array(w, g, key);
    case LX_GGUF_STRING: lx_fx_gguf_kv_str(w, key, lx_gguf_get_str(g, key)); return true;
    case LX_GGUF_BOOL: return lx_gguf_get_bool(g, key, &b) ? (lx_fx_gguf_kv_bool(w, key, b), true) : false;
    case LX_GGUF_U32: return lx_gguf_get_u64(g, key, &u) ? (lx_fx_gguf_kv_u32(w, key, (uint32_t)u), true) : false;
    case LX_GGUF_I32: return lx_gguf_get_i64(g, key, &k) ? (lx_fx_gguf_kv_i32(w, key, (int32_t)k), true) : false;
    case LX_GGUF_F32: return lx_gguf_get_f64(g, key, &f) ? (lx_fx_gguf_kv_f32(w, key, (float)f), true) : false;
    default: return false;
    }
}

/* Copies every tokenizer.* key; *vocab <- the number of tokens. */
static bool copy_tokenizer(lx_fx_gguf *w, const char *path, size_t *vocab)
{
    lx_err err = {0};
    lx_gguf *g;
    if (lx_gguf_open(path, &g, &err)) { fprintf(stderr, "%s\n", err.msg); return false; }
    lx_gguf_type elem;
    uint64_t n = 0;
    bool ok = lx_gguf_get_arr(g, "tokenizer.ggml.tokens", &elem, &n);
    *vocab = (size_t)n;
    for (size_t i = 0; ok && i < lx_gguf_n_kv(g); i++)
        if (strncmp(lx_gguf_key(g, i), "tokenizer.", 10) == 0 && !copy_kv(w, g, i)) {
            fprintf(stderr, "%s: cannot copy %s\n", path, lx_gguf_key(g, i));
            ok = false;
        }
    lx_gguf_close(g);
    return ok;
}

/* ---- the model ---- */

static int n_layers(const shape *s) { return s->layers ? s->layers : FX_LAYERS; }

/* rope.scaling.* of the scaled variant `scaled` (an index into SCALED, or -1: none). */
static void scaling_keys(lx_fx_gguf *w, const char *a, int scaled)
{
    char k[96];
    if (scaled < 0) return;
    snprintf(k, sizeof k, "%s.rope.scaling.type", a);
    lx_fx_gguf_kv_str(w, k, SCALED[scaled].type);
    snprintf(k, sizeof k, "%s.rope.scaling.factor", a);
    if (SCALED[scaled].factor) lx_fx_gguf_kv_f32(w, k, SCALED[scaled].factor);
    snprintf(k, sizeof k, "%s.rope.scaling.original_context_length", a);
    if (SCALED[scaled].orig_ctx) lx_fx_gguf_kv_u32(w, k, SCALED[scaled].orig_ctx);
    snprintf(k, sizeof k, "%s.rope.scaling.attn_factor", a);
    if (SCALED[scaled].attn_factor) lx_fx_gguf_kv_f32(w, k, SCALED[scaled].attn_factor);
}

/* longrope's factors of the scaled variant, one per RoPE pair: short 1 + i/4, long 1 + 4i. */
static void longrope_factors(lx_fx_gguf *w, const rng *r, const shape *s, int scaled)
{
    float lng[256], shrt[256];
    size_t n = s->head_dim * r->wide / 2;
    if (scaled < 0 || strcmp(SCALED[scaled].type, "longrope") != 0 || n > 256) return;
    for (size_t i = 0; i < n; i++) shrt[i] = 1.0f + (float)i / 4.0f, lng[i] = 1.0f + 4.0f * (float)i;
    tensor_bytes(w, r, "rope_factors_long.weight", lng, n, 0, n);
    tensor_bytes(w, r, "rope_factors_short.weight", shrt, n, 0, n);
}

static void hparams(lx_fx_gguf *w, const rng *r, const fam *f)
{
    char k[96];
    const char *a = f->f.arch;
#define KEY(s) (snprintf(k, sizeof k, "%s.%s", a, s), k)
    lx_fx_gguf_kv_str(w, "general.architecture", a);
    lx_fx_gguf_kv_str(w, "general.name", f->f.name);
    lx_fx_gguf_kv_u32(w, KEY("context_length"), FX_CTX);
    lx_fx_gguf_kv_u32(w, KEY("embedding_length"), (uint32_t)WIDE_D(r));
    lx_fx_gguf_kv_u32(w, KEY("feed_forward_length"), (uint32_t)WIDE_FF(r));
    lx_fx_gguf_kv_u32(w, KEY("block_count"), (uint32_t)n_layers(&f->s));
    lx_fx_gguf_kv_u32(w, KEY("attention.head_count"), FX_HEADS);
    if (f->s.layernorm) {
        lx_fx_gguf_kv_f32(w, KEY("attention.layer_norm_epsilon"), 1e-5f);
        return;
    }
    lx_fx_gguf_kv_u32(w, KEY("attention.head_count_kv"), FX_KV);
    lx_fx_gguf_kv_f32(w, KEY("attention.layer_norm_rms_epsilon"), 1e-6f);
    lx_fx_gguf_kv_f32(w, KEY("rope.freq_base"), f->s.rope_base ? f->s.rope_base : 10000.0f);
    if (f->s.attn_cap) lx_fx_gguf_kv_f32(w, KEY("attn_logit_softcapping"), f->s.attn_cap);
    if (f->s.final_cap) lx_fx_gguf_kv_f32(w, KEY("final_logit_softcapping"), f->s.final_cap);
    if (f->s.window) lx_fx_gguf_kv_u32(w, KEY("attention.sliding_window"), f->s.window);
    if (f->s.moe) {
        lx_fx_gguf_kv_u32(w, KEY("expert_count"), FX_EXPERTS);
        lx_fx_gguf_kv_u32(w, KEY("expert_used_count"), FX_EXPERT_USED);
        lx_fx_gguf_kv_u32(w, KEY("expert_feed_forward_length"), FX_EXPERT_FF);
    }
    if (f->s.head_dim != FX_D / FX_HEADS) {
        lx_fx_gguf_kv_u32(w, KEY("attention.key_length"), (uint32_t)(f->s.head_dim * r->wide));
        lx_fx_gguf_kv_u32(w, KEY("attention.value_length"), (uint32_t)(f->s.head_dim * r->wide));
    }
#undef KEY
}

static void norm(lx_fx_gguf *w, rng *r, const char *name, bool bias, size_t n)
{
    char b[96];
    snprintf(b, sizeof b, "%s.weight", name);
    tensor(w, r, b, 0, n, 1.0f, 0.2f);
    snprintf(b, sizeof b, "%s.bias", name);
    if (bias) tensor(w, r, b, 0, n, 0.0f, 0.1f);
}

static void linear(lx_fx_gguf *w, rng *r, const char *name, size_t rows, size_t cols, bool bias)
{
    char b[96];
    snprintf(b, sizeof b, "%s.weight", name);
    tensor(w, r, b, rows, cols, 0.0f, 1.0f / sqrtf((float)cols) * 1.7f);
    snprintf(b, sizeof b, "%s.bias", name);
    if (bias) tensor(w, r, b, 0, rows, 0.0f, 0.1f);
}

/* A stacked expert tensor [FX_EXPERTS][rows][cols]. */
static void stack(lx_fx_gguf *w, rng *r, const char *name, size_t rows, size_t cols)
{
    size_t n = FX_EXPERTS * rows * cols;
    float *v = malloc(n * sizeof *v);
    if (!v) return;
    for (size_t i = 0; i < n; i++) v[i] = uniform(r, 1.7f / sqrtf((float)cols));
    for (size_t i = 0; r->round && i < n; i++) v[i] = r->round(v[i]);
    uint64_t ne[3] = {cols, rows, FX_EXPERTS};
    lx_fx_gguf_tensor_data(w, lx_fx_gguf_tensor(w, name, 0, 3, ne), v, n * sizeof *v);
    free(v);
}

/* The router and the gate, up and down stacks of layer l. */
static void experts(lx_fx_gguf *w, rng *r, int l)
{
    char n[64];
    snprintf(n, sizeof n, "blk.%d.ffn_gate_inp.weight", l);
    tensor(w, r, n, FX_EXPERTS, FX_D, 0.0f, 1.0f);
    snprintf(n, sizeof n, "blk.%d.ffn_gate_exps.weight", l);
    stack(w, r, n, FX_EXPERT_FF, FX_D);
    snprintf(n, sizeof n, "blk.%d.ffn_up_exps.weight", l);
    stack(w, r, n, FX_EXPERT_FF, FX_D);
    snprintf(n, sizeof n, "blk.%d.ffn_down_exps.weight", l);
    stack(w, r, n, FX_D, FX_EXPERT_FF);
}

static void layer(lx_fx_gguf *w, rng *r, const shape *s, int l)
{
    char n[64];
    size_t hd = s->head_dim * r->wide, D = WIDE_D(r), FF = WIDE_FF(r);
    size_t dq = FX_HEADS * hd, dkv = (s->layernorm ? FX_HEADS : FX_KV) * hd;
#define NAME(x) (snprintf(n, sizeof n, "blk.%d.%s", l, x), n)
    if (!s->post_only) norm(w, r, NAME("attn_norm"), s->layernorm, D);
    if (s->fused_qkv) linear(w, r, NAME("attn_qkv"), dq + 2 * dkv, D, s->qkv_bias);
    else {
        linear(w, r, NAME("attn_q"), dq, D, s->qkv_bias);
        linear(w, r, NAME("attn_k"), dkv, D, s->qkv_bias);
        linear(w, r, NAME("attn_v"), dkv, D, s->qkv_bias);
    }
    if (s->qk_norm) {
        norm(w, r, NAME("attn_q_norm"), false, s->qk_norm_full ? dq : hd);
        norm(w, r, NAME("attn_k_norm"), false, s->qk_norm_full ? dkv : hd);
    }
    linear(w, r, NAME("attn_output"), D, dq, s->lin_bias);
    if (s->post_norms) norm(w, r, NAME("post_attention_norm"), false, D);
    if (!s->post_only) norm(w, r, NAME("ffn_norm"), s->layernorm, D);
    if (s->moe) experts(w, r, l);
    else {
        if (s->gated && !s->fused_gate_up) linear(w, r, NAME("ffn_gate"), FF, D, s->lin_bias);
        linear(w, r, NAME("ffn_up"), s->fused_gate_up ? 2 * FF : FF, D, s->lin_bias);
        linear(w, r, NAME("ffn_down"), D, FF, s->lin_bias);
    }
    if (s->post_norms) norm(w, r, NAME("post_ffw_norm"), false, D);
#undef NAME
}

bool lx_fx_model_write(const char *name, const char *vocab_dir, const char *out_path)
{
    return lx_fx_model_write_rounded(name, vocab_dir, out_path, NULL);
}

bool lx_fx_model_write_rounded(const char *name, const char *vocab_dir, const char *out_path, float (*round)(float))
{
    return lx_fx_model_write_rope_freqs(name, vocab_dir, out_path, round, NULL, 0);
}

bool lx_fx_model_write_rope_freqs(const char *name, const char *vocab_dir, const char *out_path, float (*round)(float),
                                  const float *rope_freqs, size_t n_freqs)
{
    const fam *f = NULL;
    size_t base = strlen(name);
    uint32_t quant = 0;
    int scaled = -1;
    size_t ks = strlen(SWA_SUFFIX);
    bool swa = base > ks && strcmp(name + base - ks, SWA_SUFFIX) == 0;
    if (swa) base -= ks;
    for (size_t i = 0; !quant && i < sizeof VARIANTS / sizeof VARIANTS[0]; i++) {
        size_t k = strlen(VARIANTS[i].suffix);
        if (base > k && strcmp(name + base - k, VARIANTS[i].suffix) == 0) base -= k, quant = VARIANTS[i].quant;
    }
    for (size_t i = 0; !quant && scaled < 0 && i < sizeof SCALED / sizeof SCALED[0]; i++) {
        size_t k = strlen(SCALED[i].suffix);
        if (base > k && strcmp(name + base - k, SCALED[i].suffix) == 0) base -= k, scaled = (int)i;
    }
    for (size_t i = 0; i < N_FAMS; i++)
        if (strlen(FAMS[i].f.name) == base && strncmp(FAMS[i].f.name, name, base) == 0) f = &FAMS[i];
    if (!f) { fprintf(stderr, "no fixture family %s\n", name); return false; }
    fam windowed = *f;
    if (swa) windowed.s.window = SWA_WINDOW, f = &windowed;
    char vpath[1024];
    snprintf(vpath, sizeof vpath, "%s/%s", vocab_dir, f->f.vocab);
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    size_t vocab = 0;
    rng r = {0x9E3779B97F4A7C15ull ^ (uint64_t)base * 0x100000001B3ull, round, quant, quant == MIXED_K ? 8 : 1};
    bool ok = w != NULL;
    if (ok) hparams(w, &r, f), scaling_keys(w, f->f.arch, scaled);
    ok = ok && copy_tokenizer(w, vpath, &vocab);
    if (ok) {
        /* the wide variant's embeddings scaled down so its rows keep the narrow ones' length */
        tensor(w, &r, "token_embd.weight", vocab, WIDE_D(&r), 0.0f, 1.0f / sqrtf((float)r.wide));
        if (f->s.pos_embd) tensor(w, &r, "position_embd.weight", FX_CTX, WIDE_D(&r), 0.0f, 0.5f);
        for (int l = 0; l < n_layers(&f->s); l++) layer(w, &r, &f->s, l);
        norm(w, &r, "output_norm", f->s.layernorm, WIDE_D(&r));
        if (f->s.untied) tensor(w, &r, "output.weight", vocab, WIDE_D(&r), 0.0f, 1.0f);
        if (rope_freqs) tensor_bytes(w, &r, "rope_freqs.weight", rope_freqs, n_freqs, 0, n_freqs);
        longrope_factors(w, &r, &f->s, scaled);
        ok = lx_fx_gguf_write(w, out_path);
        if (!ok) perror(out_path);
    }
    lx_fx_gguf_free(w);
    return ok;
}
