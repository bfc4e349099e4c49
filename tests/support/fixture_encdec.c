/* tests/support/fixture_encdec — encoder-decoder safetensors files. See fixture_encdec.h. */
#include "fixture_encdec.h"

#include <stdio.h>

#include "fixture_st.h"

static void t2(lx_fx_st *f, int64_t rows, int64_t cols, const char *fmt, const char *a, long long n)
{
    char name[160];
    snprintf(name, sizeof name, fmt, a, n);
    if (cols) lx_fx_st_tensor(f, name, "F32", 2, (int64_t[]){rows, cols});
    else lx_fx_st_tensor(f, name, "F32", 1, (int64_t[]){rows});
}

/* One T5 attention sub-layer K of block n: q, k, v (inner x d), o (d x inner), its norm. */
static void t5_attn(lx_fx_st *f, const lx_fx_t5 *t, const char *stack, long long n, const char *sub)
{
    static const char *const P[] = {"q", "k", "v"};
    char fmt[120];
    for (int k = 0; k < 3; k++) {
        snprintf(fmt, sizeof fmt, "%%s.block.%%lld.%s.%s.weight", sub, P[k]);
        t2(f, t->inner, t->d, fmt, stack, n);
    }
    snprintf(fmt, sizeof fmt, "%%s.block.%%lld.%s.o.weight", sub);
    t2(f, t->d, t->inner, fmt, stack, n);
}

static void t5_ffn(lx_fx_st *f, const lx_fx_t5 *t, const char *stack, long long n, int k)
{
    char fmt[120];
    static const char *const WI[] = {"wi_0", "wi_1"};
    for (int i = 0; i < (t->gated ? 2 : 1); i++) {
        snprintf(fmt, sizeof fmt, "%%s.block.%%lld.layer.%d.DenseReluDense.%s.weight", k, t->gated ? WI[i] : "wi");
        t2(f, t->ff, t->d, fmt, stack, n);
    }
    snprintf(fmt, sizeof fmt, "%%s.block.%%lld.layer.%d.DenseReluDense.wo.weight", k);
    t2(f, t->d, t->ff, fmt, stack, n);
    snprintf(fmt, sizeof fmt, "%%s.block.%%lld.layer.%d.layer_norm.weight", k);
    t2(f, t->d, 0, fmt, stack, n);
}

static void t5_stack(lx_fx_st *f, const lx_fx_t5 *t, const char *stack, int64_t layers, bool dec)
{
    for (long long n = 0; n < layers; n++) {
        t5_attn(f, t, stack, n, "layer.0.SelfAttention");
        if (n == 0) t2(f, t->buckets, t->heads, "%s.block.%lld.layer.0.SelfAttention.relative_attention_bias.weight", stack, n);
        t2(f, t->d, 0, "%s.block.%lld.layer.0.layer_norm.weight", stack, n);
        if (dec) {
            t5_attn(f, t, stack, n, "layer.1.EncDecAttention");
            if (n == 0 && t->cross_bias)
                t2(f, t->buckets, t->heads, "%s.block.%lld.layer.1.EncDecAttention.relative_attention_bias.weight", stack, n);
            t2(f, t->d, 0, "%s.block.%lld.layer.1.layer_norm.weight", stack, n);
        }
        t5_ffn(f, t, stack, n, dec ? 2 : 1);
    }
    t2(f, t->d, 0, "%s.final_layer_norm.weight", stack, 0);
}

static bool write_free(lx_fx_st *f, const char *path)
{
    lx_fx_st_meta(f, "format", "pt");
    bool ok = lx_fx_st_write(f, path, NULL);
    lx_fx_st_free(f);
    return ok;
}

bool lx_fx_t5_file(const char *path, const lx_fx_t5 *t)
{
    lx_fx_st *f = lx_fx_st_new();
    if (!f) return false;
    lx_fx_st_tensor(f, "shared.weight", "F32", 2, (int64_t[]){t->vocab, t->d});
    t5_stack(f, t, "encoder", t->layers, false);
    t5_stack(f, t, "decoder", t->dec_layers, true);
    if (!t->tied) lx_fx_st_tensor(f, "lm_head.weight", "F32", 2, (int64_t[]){t->vocab, t->d});
    return write_free(f, path);
}

/* A linear layer: "<stack>.layers.<n>.<what>.weight" [out, in] and (bias) its ".bias". */
static void bart_lin_b(lx_fx_st *f, const char *stack, long long n, const char *what, int64_t out, int64_t in,
                       bool bias)
{
    char fmt[120];
    snprintf(fmt, sizeof fmt, "model.%%s.layers.%%lld.%s.weight", what);
    t2(f, out, in, fmt, stack, n);
    snprintf(fmt, sizeof fmt, "model.%%s.layers.%%lld.%s.bias", what);
    if (bias) t2(f, out, 0, fmt, stack, n);
}

static void bart_lin(lx_fx_st *f, const char *stack, long long n, const char *what, int64_t out, int64_t in)
{
    bart_lin_b(f, stack, n, what, out, in, true);
}

static void bart_norm(lx_fx_st *f, const char *stack, long long n, const char *what, int64_t d)
{
    bart_lin(f, stack, n, what, d, 0);
}

static void bart_attn(lx_fx_st *f, const lx_fx_bart *b, const char *stack, long long n, const char *kind)
{
    static const char *const P[] = {"k_proj", "v_proj", "q_proj", "out_proj"};
    char what[64];
    for (int k = 0; k < 4; k++) {
        snprintf(what, sizeof what, "%s.%s", kind, P[k]);
        bart_lin_b(f, stack, n, what, b->d, b->d, k > 0 || !b->mels); /* Whisper's k_proj has no bias */
    }
    snprintf(what, sizeof what, "%s_layer_norm", kind);
    bart_norm(f, stack, n, what, b->d);
}

/* The stack's whole-model tensor "model.<stack>.<what>" of rows x cols (cols 0: a vector). */
static void stack_t(lx_fx_st *f, const char *stack, const char *what, int64_t rows, int64_t cols)
{
    char fmt[120];
    snprintf(fmt, sizeof fmt, "model.%%s.%s%%.0lld", what); /* %.0lld of 0 prints nothing */
    t2(f, rows, cols, fmt, stack, 0);
}

/* Whisper's audio stem: two 3-wide convolutions. */
static void whisper_stem(lx_fx_st *f, const lx_fx_bart *b)
{
    lx_fx_st_tensor(f, "model.encoder.conv1.weight", "F32", 3, (int64_t[]){b->d, b->mels, 3});
    stack_t(f, "encoder", "conv1.bias", b->d, 0);
    lx_fx_st_tensor(f, "model.encoder.conv2.weight", "F32", 3, (int64_t[]){b->d, b->d, 3});
    stack_t(f, "encoder", "conv2.bias", b->d, 0);
}

static void bart_stack(lx_fx_st *f, const lx_fx_bart *b, const char *stack, int64_t layers, bool dec)
{
    if (b->mels && !dec) whisper_stem(f, b);
    if (b->mels && dec) stack_t(f, stack, "embed_tokens.weight", b->vocab, b->d);
    stack_t(f, stack, "embed_positions.weight", !b->mels ? b->positions + 2 : dec ? b->positions : 1500, b->d);
    for (long long n = 0; n < layers; n++) {
        bart_attn(f, b, stack, n, "self_attn");
        if (dec) bart_attn(f, b, stack, n, "encoder_attn");
        bart_lin(f, stack, n, "fc1", b->ff, b->d);
        bart_lin(f, stack, n, "fc2", b->d, b->ff);
        bart_norm(f, stack, n, "final_layer_norm", b->d);
    }
    if (!b->mels) {
        stack_t(f, stack, "layernorm_embedding.weight", b->d, 0);
        stack_t(f, stack, "layernorm_embedding.bias", b->d, 0);
    }
    if (!b->pre_norm) return;
    stack_t(f, stack, "layer_norm.weight", b->d, 0);
    stack_t(f, stack, "layer_norm.bias", b->d, 0);
}

bool lx_fx_bart_file(const char *path, const lx_fx_bart *b)
{
    lx_fx_st *f = lx_fx_st_new();
    if (!f) return false;
    if (!b->mels) {
        lx_fx_st_tensor(f, "final_logits_bias", "F32", 2, (int64_t[]){1, b->vocab});
        lx_fx_st_tensor(f, "model.shared.weight", "F32", 2, (int64_t[]){b->vocab, b->d});
    }
    bart_stack(f, b, "encoder", b->layers, false);
    bart_stack(f, b, "decoder", b->dec_layers, true);
    return write_free(f, path);
}
