/* layout/describe — see describe.h. Reads top to bottom like the diagram: title, spine top,
 * blocks, spine bottom, layer pattern, parameter table; the insets are in describe_inset.c. */
#include "layout/describe_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/layers.h"
#include "read/dtype.h"
#include "util/buf.h"

/* ---- formatting ---- */

/* snprintf that never leaves a cut UTF-8 sequence at the end when the text is truncated. */
void lx_dsnprintf(char *out, size_t cap, const char *fmt, ...)
{
    if (!cap) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, cap, fmt, ap);
    va_end(ap);
    if (n < 0) { out[0] = '\0'; return; }
    if ((size_t)n < cap) return;
    size_t len = cap - 1;
    size_t start = len; /* back up to the lead byte of the last sequence */
    while (start > 0 && ((unsigned char)out[start - 1] & 0xC0) == 0x80) start--;
    if (start > 0) {
        unsigned char lead = (unsigned char)out[start - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (len - (start - 1) < need) len = start - 1;
    }
    out[len] = '\0';
}

static char *ring_next(lx_dbuild *b)
{
    char *s = b->ring[b->ri];
    b->ri = (b->ri + 1) % (int)(sizeof b->ring / sizeof b->ring[0]);
    return s;
}

static const char *ring_fmt(lx_dbuild *b, void (*fmt)(char *, size_t, uint64_t), uint64_t v)
{
    char *s = ring_next(b);
    fmt(s, sizeof b->ring[0], v);
    return s;
}

const char *lx_dfmt_th(lx_dbuild *b, uint64_t v) { return ring_fmt(b, lx_fmt_thousands, v); }
const char *lx_dfmt_short(lx_dbuild *b, uint64_t v) { return ring_fmt(b, lx_fmt_short, v); }
const char *lx_dfmt_bytes(lx_dbuild *b, uint64_t v) { return ring_fmt(b, lx_fmt_bytes, v); }

const char *lx_dfmt_num(lx_dbuild *b, double v)
{
    if (v >= 1 && v < 1e15 && v == floor(v)) return lx_dfmt_th(b, (uint64_t)v);
    char *s = ring_next(b);
    snprintf(s, sizeof b->ring[0], "%g", v);
    return s;
}

/* Binary units for the KV cache, where powers of two come out round: 128 KiB, 16 GiB. */
static const char *fmt_kib(lx_dbuild *b, uint64_t v)
{
    static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double x = (double)v;
    int u = 0;
    while (x >= 1024 && u < 4) { x /= 1024; u++; }
    char *s = ring_next(b);
    if (x == floor(x)) snprintf(s, sizeof b->ring[0], "%.0f %s", x, units[u]);
    else snprintf(s, sizeof b->ring[0], "%.1f %s", x, units[u]);
    return s;
}

/* ---- cards ---- */

void lx_dcard(lx_desc_card *c, lx_kind kind, const char *id, const char *title)
{
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->inset = -1;
    lx_dsnprintf(c->id, sizeof c->id, "%s", id);
    lx_dsnprintf(c->title, sizeof c->title, "%s", title);
}

void lx_dcard_sub(lx_desc_card *c, const char *s)
{
    if (!s || !s[0]) return;
    for (int i = 0; i < LX_DESC_MAX_SUB; i++) {
        if (!c->sub[i][0]) { lx_dsnprintf(c->sub[i], sizeof c->sub[i], "%s", s); return; }
    }
}

int lx_desc_card_nsub(const lx_desc_card *c)
{
    int n = 0;
    while (n < LX_DESC_MAX_SUB && c->sub[n][0]) n++;
    return n;
}

/* ---- facts ---- */

typedef struct act_entry { const char *prefix, *act, *glu; } act_entry;
static const act_entry ACTS[] = {
    {"silu", "SiLU", "SwiGLU"}, {"swish", "SiLU", "SwiGLU"}, {"gelu", "GELU", "GeGLU"},
    {"relu2", "ReLU²", "ReLU² GLU"}, {"relu_squared", "ReLU²", "ReLU² GLU"}, {"relu", "ReLU", "ReGLU"}, {"swiglu", "SiLU", "SwiGLU"}, {"geglu", "GELU", "GeGLU"},
};

static const act_entry *act_find(const char *a)
{
    for (size_t i = 0; i < sizeof ACTS / sizeof ACTS[0]; i++)
        if (a && strncmp(a, ACTS[i].prefix, strlen(ACTS[i].prefix)) == 0) return &ACTS[i];
    return NULL;
}

const char *lx_dact_name(const char *a)
{
    const act_entry *e = act_find(a);
    return e ? e->act : (a && a[0] ? a : "activation");
}

const char *lx_dglu_name(const char *a)
{
    const act_entry *e = act_find(a);
    return e ? e->glu : "Gated";
}

const char *lx_dexpert_name(const lx_arch *a)
{
    return a->hp.gated == LX_NO ? lx_dact_name(a->ffn.activation) : lx_dglu_name(a->ffn.activation);
}

bool lx_dis_encoder(const lx_arch *a)
{
    return a->encoder_only;
}

const char *lx_dnorm_name(const lx_arch *a)
{
    return a->norm.kind == LX_NORM_RMSNORM ? "RMSNorm" : "LayerNorm";
}

uint64_t lx_dq_head_dim(const lx_arch *a)
{
    if (a->attn.kind == LX_ATTN_MLA && a->attn.nope_head_dim + a->attn.rope_head_dim > 0)
        return a->attn.nope_head_dim + a->attn.rope_head_dim;
    return a->attn.head_dim;
}

int lx_drope_layers(const lx_arch *a)
{
    if (a->pos.kind != LX_POS_ROPE) return 0;
    int n = 0;
    for (uint64_t i = 0; i < a->hp.n_layers && i < LX_MAX_LAYERS; i++)
        if (!(a->layer_bits[i] & LX_LAYER_NOPE)) n++;
    return n;
}

static bool is_float_type(const char *name)
{
    return !strcmp(name, "F32") || !strcmp(name, "F16") || !strcmp(name, "BF16") || !strcmp(name, "F64");
}

/* The storage type holding most bytes (a packed release: its schemes, lx_arch_main_dtype), or "". */
static const char *main_dtype(const lx_arch *a)
{
    for (int t = 0; t < LX_DT_COUNT; t++)
        if (a->bytes_by_type[t]) return lx_arch_main_dtype(a);
    return "";
}

/* ---- title ---- */

static const char *model_kind(const lx_arch *a)
{
    if (lx_dis_encoder(a)) return "encoder-only transformer";
    if (a->n_enc_layers > 0 && a->n_enc_layers < a->n_layers) return "encoder-decoder transformer";
    int other = 0;
    for (int m = 0; m < LX_MIX_COUNT; m++) other += m != LX_MIX_ATTN && m != LX_MIX_NONE ? a->n_mixers[m] : 0;
    for (int i = 0; i < a->n_layers && i < LX_MAX_LAYERS; i++) other += (a->layers[i].bits & LX_LAYER_PAR_SSM) != 0;
    if (other && a->n_mixers[LX_MIX_ATTN]) return "decoder-only hybrid of attention and recurrent layers";
    if (other) return "decoder-only recurrent model, no attention";
    return "decoder-only transformer";
}

static void title_params(lx_dbuild *b, char *out, size_t cap)
{
    const lx_arch *a = b->a;
    if (a->active_params && a->active_params < lx_arch_lm_params(a))
        lx_dsnprintf(out, cap, "%s parameters (%s active per token)", lx_dfmt_th(b, a->total_params),
                 lx_dfmt_th(b, a->active_params));
    else
        lx_dsnprintf(out, cap, "%s parameters", lx_dfmt_th(b, a->total_params));
}

static const char *source_phrase(const lx_arch *a)
{
    if (!a->src) return "";
    switch (a->src->format) {
    case LX_FMT_GGUF: return "GGUF file";
    case LX_FMT_SAFETENSORS: return "safetensors";
    case LX_FMT_CONFIG: return "config.json only (shapes, no weights read)";
    case LX_FMT_CATALOGUE: return "built-in catalogue (shapes, no file)";
    }
    return "";
}

/* The last part of a path, trailing slashes ignored ("models/gemma-2b/" -> "gemma-2b"). */
static void path_base(const char *path, char *out, size_t cap)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/') n--;
    size_t start = n;
    while (start > 0 && path[start - 1] != '/') start--;
    snprintf(out, cap, "%.*s", (int)(n - start), path + start);
}

static void build_title(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    lx_dsnprintf(d->name, sizeof d->name, "%s", a->hp.name[0] ? a->hp.name : "Unnamed model");
    char params[160], ctx[64] = "";
    title_params(b, params, sizeof params);
    if (a->hp.context_length) lx_dsnprintf(ctx, sizeof ctx, " · %s-token context", lx_dfmt_th(b, a->hp.context_length));
    const char *fam = a->hp.family[0] ? a->hp.family : a->hp.arch_raw;
    char layers[64];
    if (a->n_enc_layers > 0 && a->n_enc_layers < a->n_layers) /* encoder + decoder */
        lx_dsnprintf(layers, sizeof layers, "%d + %d layers", a->n_enc_layers, a->n_layers - a->n_enc_layers);
    else lx_dsnprintf(layers, sizeof layers, "%s %s", lx_dfmt_th(b, a->hp.n_layers), LAYERS(a->hp.n_layers));
    lx_dsnprintf(d->subtitle[0], sizeof d->subtitle[0], "%s · %s (%s) · %s · d_model %s%s", params,
             model_kind(a), fam[0] ? fam : "unknown family", layers, lx_dfmt_th(b, a->hp.d_model), ctx);
    const char *dt = main_dtype(a);
    char bits[48] = "", file[1200] = "";
    if (dt[0] && !is_float_type(dt)) lx_dsnprintf(bits, sizeof bits, " · %.2f bits per weight", a->bits_per_weight);
    const char *src = source_phrase(a);
    char base[1024];
    path_base(a->src ? a->src->path : "", base, sizeof base);
    if (a->src && a->src->file_bytes && a->src->format != LX_FMT_CATALOGUE)
        lx_dsnprintf(file, sizeof file, " · %s%s%s, %s on disk", src, a->src->format == LX_FMT_CONFIG ? ": " : " ",
                     base, lx_dfmt_bytes(b, a->src->file_bytes));
    else if (src[0])
        lx_dsnprintf(file, sizeof file, " · %s", src);
    lx_dsnprintf(d->subtitle[1], sizeof d->subtitle[1], "%s%s · %s of weights%s", dt[0] ? dt : "unknown storage type",
             bits, lx_dfmt_bytes(b, a->total_bytes), file);
    d->subtitle[2][0] = '\0';
    if (a->n_warnings == 1)
        lx_dsnprintf(d->subtitle[2], sizeof d->subtitle[2], "Warning: %s", a->warnings[0]);
    else if (a->n_warnings > 1)
        lx_dsnprintf(d->subtitle[2], sizeof d->subtitle[2], "Warning: %s (and %d more: llmxray info lists them)",
                     a->warnings[0], a->n_warnings - 1);
}

/* ---- spine ---- */

static const char *tokenizer_kind(const lx_arch *a)
{
    static const char *const map[][2] = {
        {"gpt2", "byte-level BPE"}, {"llama", "SentencePiece BPE"}, {"bert", "WordPiece"},
        {"t5", "SentencePiece unigram"}, {"rwkv", "RWKV trie"},
    };
    if (!a->src || a->src->format != LX_FMT_GGUF || !a->src->gguf) return NULL;
    const char *m = lx_gguf_get_str(a->src->gguf, "tokenizer.ggml.model");
    for (size_t i = 0; m && i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(m, map[i][0])) return map[i][1];
    return NULL;
}

static void spine_input(lx_dbuild *b, lx_desc_card *c)
{
    lx_dcard(c, LX_KIND_NEUTRAL, "input", lx_dis_encoder(b->a) ? "Input text" : "Input text (prompt)");
    c->pill = true;
    char s[96];
    if (b->a->hp.context_length) {
        lx_dsnprintf(s, sizeof s, "up to %s tokens in context", lx_dfmt_th(b, b->a->hp.context_length));
        lx_dcard_sub(c, s);
    }
}

static void spine_tokenizer(lx_dbuild *b, lx_desc_card *c)
{
    lx_dcard(c, LX_KIND_NEUTRAL, "tokenizer", "Tokenizer");
    const char *k = tokenizer_kind(b->a);
    char s[128];
    lx_dsnprintf(s, sizeof s, "%s%svocabulary %s → token ids", k ? k : "", k ? " · " : "",
             lx_dfmt_th(b, b->a->hp.vocab_size));
    lx_dcard_sub(c, s);
}

/* "Q8_0 · 34.8 kB" second line for quantized or mixed storage. */
static void storage_line(lx_dbuild *b, lx_desc_card *c, lx_count n)
{
    if (!b->d->show_bits || !n.params) return;
    char s[96];
    lx_dsnprintf(s, sizeof s, "%.2f bits per weight · %s", (double)n.bytes * 8.0 / (double)n.params,
             lx_dfmt_bytes(b, n.bytes));
    lx_dcard_sub(c, s);
}

static void spine_embedding(lx_dbuild *b, lx_desc_card *c)
{
    const lx_arch *a = b->a;
    lx_count n = a->comp[LX_COMP_EMBEDDING];
    lx_dcard(c, LX_KIND_EMBEDDING, "embed", "Token embedding");
    char s[160];
    lx_dsnprintf(s, sizeof s, "%s × %s (vocabulary × d_model)", lx_dfmt_th(b, a->hp.vocab_size), lx_dfmt_th(b, a->hp.d_model));
    lx_dcard_sub(c, s);
    if (a->embed_scaled) {
        lx_dsnprintf(s, sizeof s, "scaled by √%s", lx_dfmt_th(b, a->hp.d_model));
        lx_dcard_sub(c, s);
    }
    storage_line(b, c, n);
    lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, n.params));
    lx_dsnprintf(c->tip, sizeof c->tip, "token embedding: %s × %s = %s parameters, %s", lx_dfmt_th(b, a->hp.vocab_size),
             lx_dfmt_th(b, a->hp.d_model), lx_dfmt_th(b, n.params), lx_dfmt_bytes(b, n.bytes));
}

static bool spine_position(lx_dbuild *b, lx_desc_card *c)
{
    const lx_arch *a = b->a;
    lx_count n = a->comp[LX_COMP_POSITION];
    char s[160];
    if (a->pos.kind == LX_POS_LEARNED) {
        lx_dcard(c, LX_KIND_POSITION, "pos", "Position embedding (learned)");
        uint64_t rows = a->hp.d_model ? n.params / a->hp.d_model : 0;
        lx_dsnprintf(s, sizeof s, "%s positions × %s · added to each token", lx_dfmt_th(b, rows), lx_dfmt_th(b, a->hp.d_model));
        lx_dcard_sub(c, s);
        storage_line(b, c, n);
        lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, n.params));
        lx_dsnprintf(c->tip, sizeof c->tip, "position embedding: %s × %s = %s parameters", lx_dfmt_th(b, rows),
                 lx_dfmt_th(b, a->hp.d_model), lx_dfmt_th(b, n.params));
        return true;
    }
    if (a->pos.kind == LX_POS_SINUSOIDAL) {
        lx_dcard(c, LX_KIND_POSITION, "pos", "Sinusoidal positions");
        lx_dcard_sub(c, "fixed sin/cos, no parameters · added to each token");
        return true;
    }
    return false;
}

/* Gemma 3n/4 E-models: a second, per-layer token embedding each layer adds a slice of. */
static bool spine_ple(lx_dbuild *b, lx_desc_card *c)
{
    const lx_arch *a = b->a;
    if (!a->hp.ple_dim) return false;
    lx_dcard(c, LX_KIND_EMBEDDING, "ple", "Per-layer token embeddings");
    char s[160];
    lx_dsnprintf(s, sizeof s, "%s × (%s layers × %s)", lx_dfmt_th(b, a->hp.vocab_size), lx_dfmt_th(b, a->hp.n_layers),
                 lx_dfmt_th(b, a->hp.ple_dim));
    lx_dcard_sub(c, s);
    lx_dsnprintf(s, sizeof s, "each layer adds its own %s-wide slice, gated by the residual stream",
                 lx_dfmt_th(b, a->hp.ple_dim));
    lx_dcard_sub(c, s);
    lx_dsnprintf(c->tip, sizeof c->tip, "per-layer token embedding: %s × %s", lx_dfmt_th(b, a->hp.vocab_size),
                 lx_dfmt_th(b, a->hp.n_layers * a->hp.ple_dim));
    return true;
}

static void build_spine_top(lx_dbuild *b)
{
    lx_desc *d = b->d;
    spine_input(b, &d->spine_top[d->n_spine_top++]);
    spine_tokenizer(b, &d->spine_top[d->n_spine_top++]);
    spine_embedding(b, &d->spine_top[d->n_spine_top++]);
    if (spine_ple(b, &d->spine_top[d->n_spine_top])) d->n_spine_top++;
    if (spine_position(b, &d->spine_top[d->n_spine_top])) d->n_spine_top++;
}

static uint64_t norm_params(const lx_arch *a) { return a->hp.d_model * (a->norm.bias ? 2 : 1); }

static void norm_card(lx_dbuild *b, lx_desc_card *c, const char *id, const char *prefix)
{
    char t[96];
    lx_dsnprintf(t, sizeof t, "%s%s", prefix, lx_dnorm_name(b->a));
    lx_dcard(c, LX_KIND_NORM, id, t);
    if (b->a->norm.bias)
        lx_dsnprintf(c->figure, sizeof c->figure, "%s + %s bias", lx_dfmt_th(b, b->a->hp.d_model), lx_dfmt_th(b, b->a->hp.d_model));
    else
        lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_th(b, norm_params(b->a)));
    lx_dsnprintf(c->tip, sizeof c->tip, "%s%s over d_model %s: %s parameters", prefix, lx_dnorm_name(b->a),
             lx_dfmt_th(b, b->a->hp.d_model), lx_dfmt_th(b, norm_params(b->a)));
    if (b->a->hp.hc_mult > 1 && !prefix[0]) { /* DeepSeek-V4's manifold-constrained hyper-connections */
        char t2[96];
        lx_dsnprintf(t2, sizeof t2, "mHC: %s residual streams, mixed in and out", lx_dfmt_th(b, b->a->hp.hc_mult));
        lx_dcard_sub(c, t2);
    }
}

static void build_spine_bottom(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    if (a->norm.final_norm) norm_card(b, &d->spine_bottom[d->n_spine_bottom++], "final_norm", "Final ");
    lx_desc_card *c = &d->spine_bottom[d->n_spine_bottom++];
    lx_count n = a->comp[LX_COMP_OUTPUT];
    char s[160];
    lx_dcard(c, LX_KIND_OUTPUT, "output", a->tied ? "Output layer (tied to the embedding)" : "Output layer (linear, not tied)");
    lx_dsnprintf(s, sizeof s, "%s → %s logits%s", lx_dfmt_th(b, a->hp.d_model), lx_dfmt_th(b, a->hp.vocab_size),
             a->hp.lm_head_bias ? " + bias" : "");
    lx_dcard_sub(c, s);
    if (a->tied) lx_dcard_sub(c, "reuses the token-embedding matrix, no new weights");
    else storage_line(b, c, n);
    if (a->final_softcap > 0) {
        lx_dsnprintf(s, sizeof s, "logits soft-capped at %s (tanh)", lx_dfmt_num(b, a->final_softcap));
        lx_dcard_sub(c, s);
    }
    lx_dsnprintf(c->figure, sizeof c->figure, "%s", a->tied ? "shared" : lx_dfmt_short(b, n.params));
    lx_dsnprintf(c->tip, sizeof c->tip, "output layer: %s × %s = %s parameters%s", lx_dfmt_th(b, a->hp.d_model),
             lx_dfmt_th(b, a->hp.vocab_size), lx_dfmt_th(b, n.params), a->tied ? " (tied)" : "");
    c = &d->spine_bottom[d->n_spine_bottom++];
    lx_dcard(c, LX_KIND_NEUTRAL, "softmax", "Softmax");
    c->pill = true;
    lx_dsnprintf(s, sizeof s, "→ next-token probabilities over %s tokens", lx_dfmt_th(b, a->hp.vocab_size));
    if (lx_dis_encoder(a)) lx_dsnprintf(s, sizeof s, "→ probabilities over %s tokens per position", lx_dfmt_th(b, a->hp.vocab_size));
    lx_dcard_sub(c, s);
}

/* ---- blocks ---- */

/* Index of the first group of each distinct layer kind (the first `max` of them);
 * returns how many kinds there are in all. */
static int distinct_kinds(const lx_arch *a, int *first, int max)
{
    int n = 0;
    for (int g = 0; g < a->n_groups; g++) {
        bool seen = false;
        for (int h = 0; h < g && !seen; h++) seen = lx_arch_groups_same(&a->groups[h], &a->groups[g]);
        if (seen) continue;
        if (n < max) first[n] = g;
        n++;
    }
    return n;
}

/* Layers of the kind of group g, and a phrase for them: "layers 0–31", "layers 1–47, every 2nd". */
static int kind_layers(const lx_arch *a, int g, char *out, size_t cap)
{
    lx_kind_span k = lx_arch_kind_span(a, g);
    if (k.runs == 1) lx_dsnprintf(out, cap, "layers %d–%d", k.first, k.last);
    else if (k.step)
        lx_dsnprintf(out, cap, "%d layers: %d–%d, every %d%s", k.n_layers, k.first, k.last, k.step,
                     k.step == 2 ? "nd" : k.step == 3 ? "rd" : "th");
    else lx_dsnprintf(out, cap, "%d layers (see the layer pattern)", k.n_layers);
    if (k.n_layers == 1 && k.runs == 1) lx_dsnprintf(out, cap, "layer %d", k.first);
    return k.n_layers;
}

static void attn_title(const lx_arch *a, char *out, size_t cap)
{
    static const char *const names[] = {
        [LX_ATTN_MHA] = "multi-head attention", [LX_ATTN_GQA] = "grouped-query attention",
        [LX_ATTN_MQA] = "multi-query attention", [LX_ATTN_MLA] = "multi-head latent attention",
    };
    const char *n = a->attn.kind <= LX_ATTN_MLA ? names[a->attn.kind] : "attention";
    lx_dsnprintf(out, cap, "%s %s", lx_dis_encoder(a) ? "Bidirectional" : "Masked", n);
}

/* Heads of the kind of layer l when the layers differ in them (MiMo-V2's sliding layers keep 8
 * KV heads, the full ones 4; OpenELM; Gemma 4's global head size), else the model's. */
static void attn_heads_line(lx_dbuild *b, const lx_layer *l, bool per_kind, char *out, size_t cap)
{
    const lx_arch *a = b->a;
    bool own = per_kind && l && l->n_heads && a->attn.kind != LX_ATTN_MLA;
    uint64_t nh = own ? l->n_heads : a->attn.n_heads, nkv = own ? l->n_kv_heads : a->attn.n_kv_heads;
    const char *h = lx_dfmt_th(b, nh), *hd = lx_dfmt_th(b, own && l->head_dim ? l->head_dim : lx_dq_head_dim(a));
    lx_attn_kind kind = !own ? a->attn.kind : nkv == 1 ? LX_ATTN_MQA : nkv == nh ? LX_ATTN_MHA : LX_ATTN_GQA;
    switch (kind) {
    case LX_ATTN_MHA: lx_dsnprintf(out, cap, "%s heads · head dim %s", h, hd); break;
    case LX_ATTN_MQA: lx_dsnprintf(out, cap, "%s query heads · 1 shared KV head · head dim %s", h, hd); break;
    case LX_ATTN_MLA:
        lx_dsnprintf(out, cap, "%s heads · KV latent %s · head dim %s", h, lx_dfmt_th(b, a->attn.kv_lora_rank), hd);
        break;
    default: lx_dsnprintf(out, cap, "%s query heads · %s KV heads · head dim %s", h, lx_dfmt_th(b, nkv), hd);
    }
}

static void append(char *out, size_t cap, const char *s)
{
    size_t n = strlen(out);
    if (n < cap) lx_dsnprintf(out + n, cap - n, "%s%s", n ? " · " : "", s);
}

/* The score scale when it is not 1/√head_dim (Gemma's query_pre_attn_scalar). */
/* hd: the head size of the layers described (Gemma 4's global layers have their own). */
static void attn_scale(lx_dbuild *b, uint64_t hd, char *out, size_t cap)
{
    const lx_arch *a = b->a;
    double sc = a->hp.attn_scale;
    if (sc > 0 && sc != (double)hd) {
        char s[96];
        if (sc == 1) lx_dsnprintf(s, sizeof s, "scores not scaled (no 1/√%s)", lx_dfmt_th(b, hd));
        else lx_dsnprintf(s, sizeof s, "scores scaled by 1/√%s, not 1/√%s", lx_dfmt_num(b, sc), lx_dfmt_th(b, hd));
        append(out, cap, s);
    }
}

/* The window phrase: for the whole model, or (per_kind) for the kind of layer l. */
static void attn_window(lx_dbuild *b, const lx_layer *l, bool per_kind, char *out, size_t cap)
{
    const lx_arch *a = b->a;
    char s[128];
    uint64_t chunk = l && l->window ? l->window : a->hp.chunk_size;
    if (per_kind && l && (l->bits & LX_LAYER_SLIDING)) {
        bool own = l >= a->layers && l < a->layers + a->n_layers; /* one of the stack's layers */
        uint32_t ratio = own && a->hp.has_compress ? a->hp.l_compress[l - a->layers] : 0;
        uint64_t w = l->window ? l->window : a->attn.sliding_window;
        if (a->encoder_only) /* bidirectional: half the window on each side (ModernBERT) */
            lx_dsnprintf(s, sizeof s, "sliding window %s, %s on each side", lx_dfmt_th(b, w), lx_dfmt_th(b, w / 2));
        else lx_dsnprintf(s, sizeof s, "sliding window %s", lx_dfmt_th(b, w));
        /* DeepSeek-V4: beyond the window, one compressed K/V entry per `ratio` tokens */
        if (ratio) lx_dsnprintf(s + strlen(s), sizeof s - strlen(s), " + K/V compressed %s:1", lx_dfmt_th(b, ratio));
        append(out, cap, s);
    } else if (l && (l->bits & LX_LAYER_CHUNKED)) {
        lx_dsnprintf(s, sizeof s, "attends within chunks of %s tokens", lx_dfmt_th(b, chunk));
        append(out, cap, s);
    } else if (per_kind && (a->attn.n_sliding_layers > 0 || a->hp.chunk_size)) {
        append(out, cap, "full context");
    } else if (!per_kind && a->attn.sliding_window && a->attn.n_sliding_layers > 0) {
        if ((uint64_t)a->attn.n_sliding_layers >= a->hp.n_layers)
            lx_dsnprintf(s, sizeof s, "window %s in every layer", lx_dfmt_th(b, a->attn.sliding_window));
        else
            lx_dsnprintf(s, sizeof s, "window %s in %d of %s layers", lx_dfmt_th(b, a->attn.sliding_window),
                     a->attn.n_sliding_layers, lx_dfmt_th(b, a->hp.n_layers));
        append(out, cap, s);
    }
}

static void attn_extras(lx_dbuild *b, const lx_layer *l, bool per_kind, char *out, size_t cap)
{
    const lx_arch *a = b->a;
    char s[128];
    out[0] = '\0';
    if (a->attn.qk_norm) append(out, cap, "QK-norm");
    attn_window(b, l, per_kind, out, cap);
    if (a->attn.softcap > 0) {
        lx_dsnprintf(s, sizeof s, "logit soft-cap %s", lx_dfmt_num(b, a->attn.softcap));
        append(out, cap, s);
    }
    if (a->attn.q_bias || a->attn.k_bias || a->attn.v_bias) { /* the ones that have one (Whisper: no K bias) */
        lx_dsnprintf(s, sizeof s, "%s%s%s%s%s biases", a->attn.q_bias ? "Q" : "",
                     a->attn.q_bias && (a->attn.k_bias || a->attn.v_bias) ? "/" : "", a->attn.k_bias ? "K" : "",
                     a->attn.k_bias && a->attn.v_bias ? "/" : "", a->attn.v_bias ? "V" : "");
        append(out, cap, s);
    }
    /* per kind of layer when only some layers have them (MiMo-V2: the sliding ones) */
    bool some = false;
    for (int i = 0; i < a->n_layers && !some; i++) some = (a->layers[i].bits & LX_LAYER_SINKS) != 0;
    if (some ? per_kind && l && (l->bits & LX_LAYER_SINKS) : a->attn.sinks) append(out, cap, "attention sinks");
    bool own = per_kind && l && l->head_dim && a->attn.kind != LX_ATTN_MLA;
    attn_scale(b, own ? l->head_dim : lx_dq_head_dim(a), out, cap);
}

/* Third line: what only some layers have (sigmoid output gate, shared K/V, sparse indexer). */
static void attn_layer_line(lx_dbuild *b, const lx_layer *l, char *out, size_t cap)
{
    const lx_arch *a = b->a;
    char s[128];
    out[0] = '\0';
    if (!l) return;
    if (l->bits & LX_LAYER_GATED) append(out, cap, "output gated: o ⊙ sigmoid(x·W_g)");
    if (l->bits & LX_LAYER_K_EQ_V) append(out, cap, "one projection serves as K and V");
    if (l->bits & LX_LAYER_INDEXER) {
        lx_dsnprintf(s, sizeof s, "sparse: a %s-head indexer picks the keys", lx_dfmt_th(b, a->hp.idx_heads));
        append(out, cap, a->hp.idx_heads ? s : "sparse: an indexer picks the keys");
    }
    if (l->bits & LX_LAYER_KV_SHARED) /* only these layers: the others keep their own K/V */
        append(out, cap, "reuses an earlier layer's K/V (no K/V projections, nothing cached)");
}

static void rope_badge(lx_dbuild *b, const lx_layer *l, bool per_kind, char *out, size_t cap)
{
    const lx_arch *a = b->a;
    out[0] = '\0';
    if (a->pos.kind == LX_POS_ALIBI) { lx_dsnprintf(out, cap, "ALiBi position bias"); return; }
    if (a->pos.kind != LX_POS_ROPE) return;
    if (per_kind && l && (l->bits & LX_LAYER_NOPE)) { lx_dsnprintf(out, cap, "NoPE · no rotation in these layers"); return; }
    int nr = lx_drope_layers(a);
    char extra[64] = "";
    double theta = per_kind && l && l->rope_theta > 0 ? l->rope_theta : a->pos.rope_theta;
    bool own_theta = theta != a->pos.rope_theta; /* local layers' own θ (Gemma 3): the global scaling is not theirs */
    if (a->pos.scaling[0] && a->pos.scaling_factor > 0 && !own_theta)
        lx_dsnprintf(extra, sizeof extra, " · %s ×%s", a->pos.scaling, lx_dfmt_num(b, a->pos.scaling_factor));
    else if (!per_kind && nr > 0 && (uint64_t)nr < a->hp.n_layers)
        lx_dsnprintf(extra, sizeof extra, " · %d of %s layers", nr, lx_dfmt_th(b, a->hp.n_layers));
    if (theta > 0) lx_dsnprintf(out, cap, "RoPE · θ = %s%s", lx_dfmt_num(b, theta), extra);
    else lx_dsnprintf(out, cap, "RoPE%s", extra);
}

static void attn_card(lx_dbuild *b, lx_desc_card *c, const lx_group *g, const lx_layer *l, bool per_kind)
{
    char t[160];
    attn_title(b->a, t, sizeof t);
    if (l && (l->bits & LX_LAYER_GATED)) {
        size_t n = strlen(t);
        lx_dsnprintf(t + n, sizeof t - n, " + sigmoid gate");
    }
    lx_dcard(c, LX_KIND_ATTENTION, "attn", t);
    attn_heads_line(b, l, per_kind, t, sizeof t);
    lx_dcard_sub(c, t);
    attn_extras(b, l, per_kind, t, sizeof t);
    lx_dcard_sub(c, t);
    attn_layer_line(b, l, t, sizeof t);
    lx_dcard_sub(c, t);
    rope_badge(b, l, per_kind, c->badge, sizeof c->badge);
    lx_count n = g->per_layer[LX_COMP_ATTENTION];
    if (n.params) lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, n.params));
    lx_dsnprintf(c->tip, sizeof c->tip, "attention, per layer: %s parameters, %s", lx_dfmt_th(b, n.params),
             lx_dfmt_bytes(b, n.bytes));
}

static uint64_t moe_params(const lx_group *g)
{
    return g->per_layer[LX_COMP_FFN_EXPERTS].params + g->per_layer[LX_COMP_FFN_SHARED].params +
           g->per_layer[LX_COMP_ROUTER].params;
}

static void ffn_card_moe(lx_dbuild *b, lx_desc_card *c, const lx_group *g)
{
    const lx_arch *a = b->a;
    char t[160];
    lx_dsnprintf(t, sizeof t, "Mixture of experts · top-%s of %s", lx_dfmt_th(b, a->ffn.n_experts_used),
             lx_dfmt_th(b, a->ffn.n_experts));
    lx_dcard(c, LX_KIND_EXPERTS, "moe", t);
    const char *d = lx_dfmt_th(b, a->hp.d_model);
    lx_dsnprintf(t, sizeof t, "router → %s %s experts, each %s → %s → %s", lx_dfmt_th(b, a->ffn.n_experts_used),
             lx_dexpert_name(a), d, lx_dfmt_th(b, a->ffn.d_expert), d);
    lx_dcard_sub(c, t);
    if (a->ffn.n_shared_experts) {
        lx_dsnprintf(t, sizeof t, "+ %s shared expert%s, always on", lx_dfmt_th(b, a->ffn.n_shared_experts),
                 a->ffn.n_shared_experts > 1 ? "s" : "");
        lx_dcard_sub(c, t);
    }
    lx_dmoe_router_line(b, t, sizeof t);
    lx_dcard_sub(c, t);
    if ((uint64_t)g->first < a->hp.n_hash_layers) /* DeepSeek-V4's first layers */
        lx_dcard_sub(c, "hash routing: a table indexed by the token id picks the experts");
    if (moe_params(g)) lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, moe_params(g)));
    lx_dsnprintf(c->tip, sizeof c->tip, "mixture of experts, per layer: %s parameters (experts %s, shared %s, router %s)",
             lx_dfmt_th(b, moe_params(g)), lx_dfmt_th(b, g->per_layer[LX_COMP_FFN_EXPERTS].params),
             lx_dfmt_th(b, g->per_layer[LX_COMP_FFN_SHARED].params), lx_dfmt_th(b, g->per_layer[LX_COMP_ROUTER].params));
}

static void ffn_card(lx_dbuild *b, lx_desc_card *c, const lx_group *g)
{
    const lx_arch *a = b->a;
    if (g->ffn == LX_FFN_MOE) { ffn_card_moe(b, c, g); return; }
    char t[160];
    uint64_t dff = g->d_ff ? g->d_ff : a->ffn.d_ff;
    if (g->ffn == LX_FFN_GLU) lx_dsnprintf(t, sizeof t, "%s feed-forward", lx_dglu_name(a->ffn.activation));
    else lx_dsnprintf(t, sizeof t, "MLP feed-forward (%s)", lx_dact_name(a->ffn.activation));
    lx_dcard(c, LX_KIND_FFN, "ffn", t);
    const char *d = lx_dfmt_th(b, a->hp.d_model);
    lx_dsnprintf(t, sizeof t, "%s → %s → %s%s", d, lx_dfmt_th(b, dff), d, a->ffn.bias ? " · with biases" : "");
    lx_dcard_sub(c, t);
    lx_count n = g->per_layer[LX_COMP_FFN_DENSE];
    if (n.params) lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, n.params));
    lx_dsnprintf(c->tip, sizeof c->tip, "feed-forward, per layer: %s parameters, %s", lx_dfmt_th(b, n.params),
             lx_dfmt_bytes(b, n.bytes));
}

static lx_desc_step *block_step(lx_desc_block *k, lx_step_type t)
{
    if (k->n_steps >= LX_DESC_MAX_STEPS) return &k->steps[LX_DESC_MAX_STEPS - 1];
    lx_desc_step *s = &k->steps[k->n_steps++];
    s->type = t;
    return s;
}

static bool layer_has_role(const lx_arch *a, int layer, lx_role r);

/* l is layer 0, drawn for its kind, and only it lacks the attention norm (ModernBERT). */
static bool first_without_attn_norm(const lx_arch *a, const lx_layer *l)
{
    return a->n_layers > 1 && l == &a->layers[0] && !layer_has_role(a, 0, LX_ROLE_ATTN_NORM) &&
           layer_has_role(a, 1, LX_ROLE_ATTN_NORM);
}

/* One sub-layer (token mixer or feed-forward) with its residual and norms, by placement. */
static void block_sublayer(lx_dbuild *b, lx_desc_block *k, const lx_group *g, const lx_layer *l, bool per_kind,
                           bool mixer)
{
    lx_norm_place p = b->a->norm.placement;
    bool classic_post = p == LX_NORM_POST && !b->a->norm.in_branch;
    bool attn = mixer && l->mixer == LX_MIX_ATTN;
    bool par_ssm = attn && (l->bits & LX_LAYER_PAR_SSM);
    block_step(k, LX_STEP_FORK);
    if (p == LX_NORM_PRE || p == LX_NORM_SANDWICH) {
        lx_desc_card *n = &block_step(k, LX_STEP_CARD)->card;
        norm_card(b, n, mixer ? "attn_norm" : "ffn_norm", "");
        if (mixer && first_without_attn_norm(b->a, l)) lx_dcard_sub(n, "none in layer 0: the embedding norm precedes it");
    }
    lx_desc_step *st = block_step(k, par_ssm ? LX_STEP_PAIR : LX_STEP_CARD);
    lx_desc_card *c = &st->card;
    if (par_ssm) { /* Falcon-H1: a Mamba-2 beside the attention, on the same input */
        lx_layer ssm = *l;
        ssm.mixer = LX_MIX_MAMBA2;
        attn_card(b, c, g, l, per_kind);
        lx_dmixer_card(b, &st->card2, g, &ssm);
        lx_dcard_sub(&st->card2, "in parallel with attention, on the same input");
    } else if (attn) attn_card(b, c, g, l, per_kind);
    else if (mixer) lx_dmixer_card(b, c, g, l);
    else ffn_card(b, c, g);
    if (p == LX_NORM_SANDWICH || (p == LX_NORM_POST && !classic_post))
        norm_card(b, &block_step(k, LX_STEP_CARD)->card, mixer ? "attn_post_norm" : "ffn_post_norm",
                  attn ? "Post-attention " : mixer ? "Post-mixer " : "Post-FFN ");
    block_step(k, LX_STEP_ADD);
    if (classic_post) norm_card(b, &block_step(k, LX_STEP_CARD)->card, mixer ? "attn_norm" : "ffn_norm", "");
}

static bool layer_has_role(const lx_arch *a, int layer, lx_role r)
{
    for (size_t i = 0; i < a->tensors->n; i++)
        if (a->roles[i].layer == layer && a->roles[i].role == r) return true;
    return false;
}

/* Parallel attention and feed-forward (GPT-J, Falcon): pre-norm with exactly one norm per
 * layer, the attention's, whose output feeds both, and one residual add of both outputs.
 * (ModernBERT's layer 0 also has one norm, its FFN's: the embedding norm precedes its
 * attention; it is not parallel.) */
static bool parallel_block(const lx_arch *a, const lx_group *g)
{
    return a->norm.placement == LX_NORM_PRE && g->per_layer[LX_COMP_NORM].params == norm_params(a) &&
           g->per_layer[LX_COMP_ATTENTION].params > 0 && g->mixer == LX_MIX_ATTN && g->ffn != LX_FFN_NONE &&
           layer_has_role(a, g->first, LX_ROLE_ATTN_NORM);
}

static void block_parallel(lx_dbuild *b, lx_desc_block *k, const lx_group *g, const lx_layer *l, bool per_kind)
{
    block_step(k, LX_STEP_FORK);
    norm_card(b, &block_step(k, LX_STEP_CARD)->card, "attn_norm", "");
    lx_desc_step *st = block_step(k, LX_STEP_PAIR);
    attn_card(b, &st->card, g, l, per_kind);
    ffn_card(b, &st->card2, g);
    lx_dcard_sub(&st->card2, "in parallel with attention, on the same input");
    block_step(k, LX_STEP_ADD);
}

/* The steps of one layer: its token mixer and its feed-forward, each when it has one. */
static void block_layer(lx_dbuild *b, lx_desc_block *k, const lx_group *g, const lx_layer *l, bool per_kind)
{
    if (parallel_block(b->a, g)) {
        block_parallel(b, k, g, l, per_kind);
        return;
    }
    if (l->mixer != LX_MIX_NONE) block_sublayer(b, k, g, l, per_kind, true);
    if (g->ffn != LX_FFN_NONE) block_sublayer(b, k, g, l, per_kind, false);
}

void lx_dblock_layer(lx_dbuild *b, lx_desc_block *k, const lx_group *g, const lx_layer *l) { block_layer(b, k, g, l, false); }
void lx_dnorm_card(lx_dbuild *b, lx_desc_card *c, const char *id, const char *prefix) { norm_card(b, c, id, prefix); }
const char *lx_dfmt_kib(lx_dbuild *b, uint64_t v) { return fmt_kib(b, v); }

static void block_name(const lx_group *g, int n_kinds, char *out, size_t cap)
{
    const char *n = n_kinds == 1 ? "Transformer block" : g->ffn == LX_FFN_MOE ? "MoE block" : "Dense block";
    if (g->mixer == LX_MIX_NONE) n = g->ffn == LX_FFN_MOE ? "MoE layer (feed-forward only)" : "MLP layer (feed-forward only)";
    else if (g->mixer == LX_MIX_ATTN && g->ffn == LX_FFN_NONE) n = "Attention layer (no feed-forward)";
    if (g->mixer != LX_MIX_ATTN && g->mixer != LX_MIX_NONE) lx_dsnprintf(out, cap, "%s layer", lx_mixer_label(g->mixer));
    else lx_dsnprintf(out, cap, "%s", n);
}

static const lx_layer *group_layer(const lx_arch *a, const lx_group *g)
{
    static const lx_layer none; /* all zero: attention, no bits */
    return g->first >= 0 && g->first < a->n_layers && g->first < LX_MAX_LAYERS ? &a->layers[g->first] : &none;
}

static void kind_phrase(const lx_arch *a, int layer, char *out, size_t cap);

/* Whether every layer of the kind of group gi has the same label (window kind, mixer), so
 * that its card can say what those layers do rather than what the model does. */
static bool uniform_kind(const lx_arch *a, int gi)
{
    const lx_layer *l0 = group_layer(a, &a->groups[gi]);
    for (int g = 0; g < a->n_groups; g++) {
        if (!lx_arch_groups_same(&a->groups[g], &a->groups[gi])) continue;
        for (int i = a->groups[g].first; i <= a->groups[g].last && i < a->n_layers && i < LX_MAX_LAYERS; i++)
            if (i >= 0 && strcmp(lx_layer_label(&a->layers[i]), lx_layer_label(l0)) != 0) return false;
    }
    return a->n_groups > 1;
}

/* One block per distinct kind of layer group (no repeated motif of several kinds). */
static void build_kind_blocks(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    int first[LX_DESC_MAX_BLOCKS];
    int n = distinct_kinds(a, first, LX_DESC_MAX_BLOCKS);
    d->n_blocks = n < LX_DESC_MAX_BLOCKS ? n : LX_DESC_MAX_BLOCKS;
    if (n > d->n_blocks)
        lx_dsnprintf(d->blocks_more, sizeof d->blocks_more, "+ %d more kinds of layer, see the layer pattern",
                 n - d->n_blocks);
    for (int i = 0; i < d->n_blocks; i++) {
        const lx_group *g = &a->groups[first[i]];
        lx_desc_block *k = &d->blocks[i];
        char layers[96], name[64];
        k->n_layers = kind_layers(a, first[i], layers, sizeof layers);
        bool uniform = uniform_kind(a, first[i]);
        block_name(g, d->n_blocks, name, sizeof name);
        if (uniform && g->mixer == LX_MIX_ATTN && (a->attn.n_sliding_layers > 0 || a->hp.chunk_size)) {
            kind_phrase(a, g->first, name, sizeof name - 8); /* "Sliding-window attention block" */
            if (name[0] >= 'a' && name[0] <= 'z') name[0] = (char)(name[0] - 'a' + 'A');
            strcat(name, " block");
        }
        lx_dsnprintf(k->caption, sizeof k->caption, "%s · %s", name, layers);
        lx_dsnprintf(k->badge, sizeof k->badge, "× %d", k->n_layers);
        block_layer(b, k, g, group_layer(a, g), uniform);
    }
}

/* ---- repeated motifs ---- */

static const lx_group *group_of(const lx_arch *a, int layer)
{
    for (int g = 0; g < a->n_groups; g++)
        if (a->groups[g].first <= layer && layer <= a->groups[g].last) return &a->groups[g];
    return a->n_groups ? &a->groups[0] : NULL;
}

static bool ffn_varies(const lx_arch *a)
{
    for (int i = 1; i < a->n_layers && i < LX_MAX_LAYERS; i++)
        if (a->layers[i].ffn != a->layers[0].ffn && a->layers[i].mixer != LX_MIX_NONE &&
            a->layers[0].mixer != LX_MIX_NONE)
            return true;
    return false;
}

/* "Gated DeltaNet", "gated attention", "sliding-window attention", "MoE feed-forward", with
 * "+ MoE" / "+ dense FFN" when the feed-forward varies too; brief (a unit of many runs, as
 * the gallery writes Nemotron-H's): "MoE", "MLP", "attention". */
static void kind_phrase_as(const lx_arch *a, int layer, bool brief, char *out, size_t cap)
{
    const lx_layer *l = &a->layers[layer];
    const char *m;
    if (l->mixer == LX_MIX_NONE) m = l->ffn == LX_FFN_MOE ? (brief ? "MoE" : "MoE feed-forward") : (brief ? "MLP" : "MLP feed-forward");
    else if (l->mixer != LX_MIX_ATTN) m = l->mixer == LX_MIX_CONV ? "short convolution" : lx_mixer_label(l->mixer);
    else if (l->bits & LX_LAYER_SLIDING) m = "sliding-window attention";
    else if (l->bits & LX_LAYER_CHUNKED) m = "chunked attention";
    else if (l->bits & LX_LAYER_GATED) m = "gated attention";
    else m = brief ? "attention" : "full attention";
    bool with_ffn = l->mixer != LX_MIX_NONE && ffn_varies(a);
    lx_dsnprintf(out, cap, "%s%s%s", m, (l->bits & LX_LAYER_KV_SHARED) ? " (shared K/V)" : "",
                 !with_ffn ? "" : l->ffn == LX_FFN_MOE ? " + MoE" : " + dense FFN");
}

static void kind_phrase(const lx_arch *a, int layer, char *out, size_t cap)
{
    kind_phrase_as(a, layer, false, out, cap);
}

/* Number of runs of one kind in layers [from, to). */
static int count_runs(const lx_arch *a, int from, int to)
{
    int runs = 0;
    for (int i = from; i < to; i++)
        if (i == from || !lx_layers_same_kind(&a->layers[i], &a->layers[i - 1])) runs++;
    return runs;
}

/* Run-length phrase of layers [from, to): "3 × Gated DeltaNet, 1 × gated attention", or
 * with many runs "Mamba-2 · MoE · Mamba-2 · ...". */
static void runs_phrase(const lx_arch *a, int from, int to, char *out, size_t cap)
{
    int runs = count_runs(a, from, to);
    out[0] = '\0';
    for (int i = from; i < to;) {
        int j = i + 1;
        while (j < to && lx_layers_same_kind(&a->layers[j], &a->layers[i])) j++;
        char name[96];
        kind_phrase_as(a, i, runs > 4, name, sizeof name);
        size_t n = strlen(out);
        const char *sep = n ? (runs > 4 ? " · " : ", ") : "";
        if (runs > 4 && j - i == 1) lx_dsnprintf(out + n, cap - n, "%s%s", sep, name);
        else lx_dsnprintf(out + n, cap - n, "%s%d × %s", sep, j - i, name);
        i = j;
    }
}

/* How many layers of [from, to) are of layer i's kind; 0 when one before i in the range is
 * (so that each kind is counted once, at its first layer). */
static int first_kind_count(const lx_arch *a, int i, int from, int to)
{
    for (int j = from; j < i; j++)
        if (lx_layers_same_kind(&a->layers[i], &a->layers[j])) return 0;
    int count = 0;
    for (int j = i; j < to; j++) count += lx_layers_same_kind(&a->layers[i], &a->layers[j]);
    return count;
}

/* Per-kind counts of layers [from, to), in order of first appearance: "8 × Mamba-2, 8 × MoE,
 * 1 × attention" (an irregular prefix or tail). */
static void kinds_phrase(const lx_arch *a, int from, int to, bool brief, char *out, size_t cap)
{
    out[0] = '\0';
    for (int i = from; i < to; i++) {
        int count = first_kind_count(a, i, from, to);
        if (!count) continue;
        char name[96];
        kind_phrase_as(a, i, brief, name, sizeof name);
        size_t n = strlen(out);
        lx_dsnprintf(out + n, cap - n, "%s%d × %s", n ? ", " : "", count, name);
    }
}

/* Whether layer i is of a kind that occurs in the unit [u0, u1). */
static bool in_unit(const lx_arch *a, int i, int u0, int u1)
{
    for (int j = u0; j < u1; j++)
        if (lx_layers_same_kind(&a->layers[i], &a->layers[j])) return true;
    return false;
}

/* Whether layers [from, to) continue the unit [u0, u1): a prefix that ends as the unit ends,
 * a suffix that starts as the unit starts (Gemma 3 27B's "+ 2 sliding"). */
static bool continues_unit(const lx_arch *a, int from, int to, int u0, int u1, bool before)
{
    if (to - from > u1 - u0) return false;
    for (int i = from; i < to; i++) {
        int j = before ? u1 - (to - i) : u0 + (i - from);
        if (!lx_layers_same_kind(&a->layers[i], &a->layers[j])) return false;
    }
    return true;
}

/* Prefix or suffix text: "2 × sliding-window attention" (one run), "5 layers" (several runs
 * that continue the unit), or per kind when they do not: "17 layers (8 × Mamba-2, 8 × MoE,
 * 1 × attention)", with the unit's brief names when it has them. */
static void side_phrase(const lx_arch *a, int from, int to, bool before, char *out, size_t cap)
{
    const lx_motif *m = &a->motif;
    int u0 = m->prefix, u1 = u0 + m->unit;
    out[0] = '\0';
    if (to <= from) return;
    if (count_runs(a, from, to) == 1) {
        runs_phrase(a, from, to, out, cap);
        return;
    }
    if (continues_unit(a, from, to, u0, u1, before)) {
        lx_dsnprintf(out, cap, "%d layers", to - from);
        return;
    }
    char kinds[192];
    kinds_phrase(a, from, to, count_runs(a, u0, u1) > 4, kinds, sizeof kinds);
    lx_dsnprintf(out, cap, "%d layers (%s)", to - from, kinds);
}

static bool side_in_unit(const lx_arch *a, int from, int to, int u0, int u1)
{
    for (int i = from; i < to; i++)
        if (!in_unit(a, i, u0, u1)) return false;
    return true;
}

/* The motif container: caption "P + R × [unit] + S · layers 0–47", then each distinct kind
 * of the unit once, after a label naming how many of the unit's layers it is. */
static void motif_block(lx_dbuild *b, lx_desc_block *k, bool pre, bool suf)
{
    const lx_arch *a = b->a;
    const lx_motif *m = &a->motif;
    int u0 = m->prefix, u1 = m->prefix + m->unit, end = u1 + m->unit * (m->repeat - 1);
    char unit[192], ps[192] = "", ss[192] = "";
    runs_phrase(a, u0, u1, unit, sizeof unit);
    if (pre) side_phrase(a, 0, u0, true, ps, sizeof ps);
    if (suf) side_phrase(a, end, a->n_layers, false, ss, sizeof ss);
    int lo = pre ? 0 : u0, hi = suf ? a->n_layers - 1 : end - 1;
    lx_dsnprintf(k->caption, sizeof k->caption, "%s%s%d × [%s]%s%s · layers %d–%d", ps, ps[0] ? " + " : "", m->repeat,
                 unit, ss[0] ? " + " : "", ss, lo, hi);
    lx_dsnprintf(k->badge, sizeof k->badge, "× %d", m->repeat);
    k->n_layers = hi - lo + 1;
    int drawn = 0;
    for (int i = u0; i < u1 && drawn < 4; i++) {
        int count = first_kind_count(a, i, u0, u1);
        if (!count) continue;
        char name[96];
        kind_phrase(a, i, name, sizeof name);
        lx_desc_step *st = block_step(k, LX_STEP_LABEL);
        lx_dcard(&st->card, LX_KIND_NEUTRAL, "label", "");
        lx_dsnprintf(st->card.title, sizeof st->card.title, "%d × %s layer%s", count, name, count > 1 ? "s" : "");
        const lx_group *g = group_of(a, i);
        if (g) block_layer(b, k, g, &a->layers[i], true);
        drawn++;
    }
}

/* A block for the layers of [from, to) of layer first's kind (one not in the unit). */
static void side_block(lx_dbuild *b, lx_desc_block *k, int first, int from, int to)
{
    const lx_arch *a = b->a;
    int n = 0, last = first;
    for (int i = from; i < to; i++)
        if (lx_layers_same_kind(&a->layers[i], &a->layers[first])) { n++; last = i; }
    char name[96];
    kind_phrase(a, first, name, sizeof name);
    if (n == last - first + 1 && n > 1) lx_dsnprintf(k->caption, sizeof k->caption, "%s · layers %d–%d", name, first, last);
    else if (n == 1) lx_dsnprintf(k->caption, sizeof k->caption, "%s · layer %d", name, first);
    else lx_dsnprintf(k->caption, sizeof k->caption, "%s · %d layers (see the layer pattern)", name, n);
    lx_dsnprintf(k->badge, sizeof k->badge, "× %d", n);
    k->n_layers = n;
    block_layer(b, k, group_of(a, first), &a->layers[first], true);
}

/* One block per kind of the layers [from, to) that is not in the unit (a dense prefix,
 * Gemma 4 E4B's shared-KV tail), as many as the picture has blocks for. */
static void side_blocks(lx_dbuild *b, int from, int to)
{
    const lx_arch *a = b->a;
    const lx_motif *m = &a->motif;
    lx_desc *d = b->d;
    for (int i = from; i < to; i++) {
        if (in_unit(a, i, m->prefix, m->prefix + m->unit) || in_unit(a, i, from, i) || !group_of(a, i)) continue;
        if (d->n_blocks >= LX_DESC_MAX_BLOCKS) {
            lx_dsnprintf(d->blocks_more, sizeof d->blocks_more, "+ more kinds of layer, see the layer pattern");
            return;
        }
        side_block(b, &d->blocks[d->n_blocks++], i, from, to);
    }
}

/* Distinct kinds of layer in the motif's unit. */
static int unit_kinds(const lx_arch *a)
{
    const lx_motif *m = &a->motif;
    int n = 0;
    for (int i = m->prefix; i < m->prefix + m->unit && i < a->n_layers; i++) {
        bool seen = false;
        for (int j = m->prefix; j < i && !seen; j++) seen = lx_layers_same_kind(&a->layers[i], &a->layers[j]);
        n += !seen;
    }
    return n;
}

static bool motif_usable(const lx_arch *a)
{
    const lx_motif *m = &a->motif;
    return m->found && m->unit > 1 && m->repeat >= 2 && a->n_layers <= LX_MAX_LAYERS &&
           m->prefix + m->unit * m->repeat + m->suffix == a->n_layers && unit_kinds(a) >= 2;
}

static void build_blocks(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    if (!motif_usable(a)) {
        build_kind_blocks(b);
        return;
    }
    const lx_motif *m = &a->motif;
    int u0 = m->prefix, u1 = u0 + m->unit, end = u0 + m->unit * m->repeat;
    bool pre = side_in_unit(a, 0, u0, u0, u1), suf = side_in_unit(a, end, a->n_layers, u0, u1);
    if (!pre) side_blocks(b, 0, u0);
    if (d->n_blocks < LX_DESC_MAX_BLOCKS) motif_block(b, &d->blocks[d->n_blocks++], pre, suf);
    if (!suf) side_blocks(b, end, a->n_layers);
}

/* ---- layer pattern ---- */

static lx_desc_strip *strip_new(lx_desc *d, const char *label)
{
    lx_desc_strip *s = &d->strips[d->n_strips++];
    memset(s, 0, sizeof *s);
    lx_dsnprintf(s->label, sizeof s->label, "%s", label);
    return s;
}

/* Index of the category labelled `label`, added (in legend order) when new. */
static int strip_cat(lx_desc_strip *s, const char *label, lx_kind kind, bool strong, bool mark, char letter)
{
    for (int i = 0; i < s->n_cats; i++)
        if (!strcmp(s->cat[i].label, label)) return i;
    if (s->n_cats >= LX_DESC_MAX_CATS) return s->n_cats - 1;
    lx_desc_cat *c = &s->cat[s->n_cats];
    lx_dsnprintf(c->label, sizeof c->label, "%s", label);
    c->kind = kind;
    c->strong = strong;
    c->mark = mark;
    c->letter = letter;
    return s->n_cats++;
}

/* A two-valued row: the marked value first in the legend. */
static lx_desc_strip *strip_two(lx_desc *d, const char *label, const char *on, lx_kind on_kind, bool on_strong,
                                const char *off, lx_kind off_kind)
{
    lx_desc_strip *s = strip_new(d, label);
    strip_cat(s, on, on_kind, on_strong, true, 0);
    strip_cat(s, off, off_kind, true, false, 0);
    return s;
}

static int n_layers_drawn(const lx_dbuild *b) { return b->d->n_layers; }

/* Token mixer per layer, when layers use more than one kind. */
static void strip_mixer(lx_dbuild *b)
{
    static const char LETTERS[LX_MIX_COUNT] = {
        [LX_MIX_ATTN] = 'A', [LX_MIX_GDN] = 'G', [LX_MIX_KDA] = 'K', [LX_MIX_LIGHTNING] = 'L', [LX_MIX_MAMBA] = 'S',
        [LX_MIX_MAMBA2] = 'M', [LX_MIX_CONV] = 'C', [LX_MIX_MLSTM] = 'X', [LX_MIX_NONE] = '-',
    };
    const lx_arch *a = b->a;
    int kinds = 0;
    for (int m = 0; m < LX_MIX_COUNT; m++) kinds += a->n_mixers[m] > 0;
    if (kinds < 2) return;
    lx_desc_strip *s = strip_new(b->d, "token mixer");
    int linear = 0;
    for (int i = 0; i < n_layers_drawn(b); i++) {
        lx_mixer m = a->layers[i].mixer < LX_MIX_COUNT ? a->layers[i].mixer : LX_MIX_NONE;
        bool attn = m == LX_MIX_ATTN, none = m == LX_MIX_NONE;
        const char *label = attn ? "softmax attention" : none ? "none (feed-forward only)" : lx_mixer_label(m);
        bool known = false;
        for (int c = 0; c < s->n_cats; c++) known = known || !strcmp(s->cat[c].label, label);
        if (!known && !attn && !none) linear++;
        lx_kind k = attn ? LX_KIND_ATTENTION : none ? LX_KIND_NEUTRAL : LX_KIND_MIXER;
        s->cell[i] = (uint8_t)strip_cat(s, label, k, !none && (attn || known || linear <= 1), !attn && !none,
                                        LETTERS[m]);
    }
}

/* Feed-forward per layer, when MoE, dense and FFN-less layers mix. */
static void strip_moe(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    int n_moe = 0, n_none = 0, n = n_layers_drawn(b);
    lx_ffn_kind ffn[LX_MAX_LAYERS] = {0};
    for (int g = 0; g < a->n_groups; g++)
        for (int i = a->groups[g].first; i <= a->groups[g].last && i < LX_MAX_LAYERS; i++)
            if (i >= 0) ffn[i] = a->groups[g].ffn;
    for (int i = 0; i < n; i++) { n_moe += ffn[i] == LX_FFN_MOE; n_none += ffn[i] == LX_FFN_NONE; }
    if (n_moe == n || n_none == n || (n_moe == 0 && n_none == 0)) return;
    if (n_moe == 0 && a->n_mixers[LX_MIX_NONE] == 0 && n_none > 0) return; /* mixer-only layers: the mixer row says it */
    lx_desc_strip *s = strip_new(b->d, "feed-forward");
    int cat[3] = {-1, -1, -1}; /* MoE, dense, none: legend in this order */
    if (n_moe) cat[0] = strip_cat(s, "mixture of experts", LX_KIND_EXPERTS, true, true, 'X');
    if (n_moe + n_none < n) cat[1] = strip_cat(s, "dense", LX_KIND_FFN, true, false, 'F');
    if (n_none) cat[2] = strip_cat(s, "none", LX_KIND_NEUTRAL, false, false, '-');
    for (int i = 0; i < n; i++) s->cell[i] = (uint8_t)cat[ffn[i] == LX_FFN_MOE ? 0 : ffn[i] == LX_FFN_NONE ? 2 : 1];
}

/* Attention reach per layer: sliding window, chunks or the full context. */
static void strip_window(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    int n = n_layers_drawn(b), n_local = 0, n_attn = 0;
    for (int i = 0; i < n; i++) {
        if (a->layers[i].mixer != LX_MIX_ATTN) continue;
        n_attn++;
        n_local += (a->layer_bits[i] & (LX_LAYER_SLIDING | LX_LAYER_CHUNKED)) != 0;
    }
    if (n_local == 0 || n_local == n_attn) return;
    lx_desc_strip *s = strip_new(b->d, "attention");
    char sl[48], ch[48];
    lx_dsnprintf(sl, sizeof sl, "sliding window %s", lx_dfmt_th(b, a->attn.sliding_window));
    lx_dsnprintf(ch, sizeof ch, "chunks of %s", lx_dfmt_th(b, a->hp.chunk_size));
    int want[LX_MAX_LAYERS], cat[4] = {-1, -1, -1, -1};
    bool present[4] = {false};
    for (int i = 0; i < n; i++) {
        uint32_t bits = a->layer_bits[i];
        want[i] = a->layers[i].mixer != LX_MIX_ATTN ? 3 : (bits & LX_LAYER_SLIDING) ? 0 : (bits & LX_LAYER_CHUNKED) ? 1 : 2;
        present[want[i]] = true;
    }
    if (present[0]) cat[0] = strip_cat(s, sl, LX_KIND_ATTENTION, false, true, 'S');
    if (present[1]) cat[1] = strip_cat(s, ch, LX_KIND_ATTENTION, false, true, 'C');
    if (present[2]) cat[2] = strip_cat(s, "global (full context)", LX_KIND_ATTENTION, true, false, 'G');
    if (present[3]) cat[3] = strip_cat(s, "no attention", LX_KIND_NEUTRAL, false, false, '-');
    for (int i = 0; i < n; i++) s->cell[i] = (uint8_t)cat[want[i]];
}

static void strip_nope(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    int n_nope = 0, n_attn = 0, n = n_layers_drawn(b);
    if (a->pos.kind != LX_POS_ROPE) return;
    for (int i = 0; i < n; i++) {
        if (a->layers[i].mixer != LX_MIX_ATTN) continue;
        n_attn++;
        n_nope += (a->layer_bits[i] & LX_LAYER_NOPE) != 0;
    }
    if (n_nope == 0 || n_nope == n_attn) return;
    lx_desc_strip *s = strip_two(b->d, "position", "no RoPE (NoPE)", LX_KIND_NEUTRAL, true, "RoPE", LX_KIND_POSITION);
    for (int i = 0; i < n; i++) {
        if (a->layers[i].mixer != LX_MIX_ATTN) s->cell[i] = (uint8_t)strip_cat(s, "no attention", LX_KIND_NEUTRAL, false, false, '-');
        else s->cell[i] = (a->layer_bits[i] & LX_LAYER_NOPE) ? 0 : 1;
    }
}

static void build_strips(lx_dbuild *b)
{
    b->d->n_layers = (int)(b->a->hp.n_layers < LX_MAX_LAYERS ? b->a->hp.n_layers : LX_MAX_LAYERS);
    if (b->d->n_layers > b->a->n_layers) b->d->n_layers = b->a->n_layers > 0 ? b->a->n_layers : b->d->n_layers;
    strip_mixer(b);
    strip_moe(b);
    strip_window(b);
    strip_nope(b);
    lx_dsnprintf(b->d->strip_title, sizeof b->d->strip_title, "Layer pattern · %d %s", b->d->n_layers,
                 LAYERS((uint64_t)b->d->n_layers));
}

/* ---- parameter table ---- */

typedef struct comp_entry { lx_comp comp; lx_kind kind; const char *label; } comp_entry;
static const comp_entry COMPS[] = {
    {LX_COMP_EMBEDDING, LX_KIND_EMBEDDING, "Token embedding"},
    {LX_COMP_POSITION, LX_KIND_POSITION, "Position embedding"},
    {LX_COMP_ATTENTION, LX_KIND_ATTENTION, "Attention"},
    {LX_COMP_MIXER, LX_KIND_MIXER, "Linear attention / SSM"},
    {LX_COMP_FFN_DENSE, LX_KIND_FFN, "Feed-forward"},
    {LX_COMP_FFN_EXPERTS, LX_KIND_EXPERTS, "Routed experts"},
    {LX_COMP_FFN_SHARED, LX_KIND_SHARED, "Shared experts"},
    {LX_COMP_ROUTER, LX_KIND_ROUTER, "Routers"},
    {LX_COMP_NORM, LX_KIND_NORM, "Norms"},
    {LX_COMP_OUTPUT, LX_KIND_OUTPUT, "Output layer"},
    {LX_COMP_OTHER, LX_KIND_OTHER, "Other"}, /* lx_arch_comp_label: "mHC hyper-connections" when that is all */
};

/* "32 × 41.9 M" when every layer that has the component has the same amount of it. */
static void comp_detail(lx_dbuild *b, lx_comp c, char *out, size_t cap)
{
    const lx_arch *a = b->a;
    uint64_t per = 0;
    int layers = 0;
    out[0] = '\0';
    for (int g = 0; g < a->n_groups; g++) {
        uint64_t p = a->groups[g].per_layer[c].params;
        if (!p) continue;
        if (per && p != per) return;
        per = p;
        layers += a->groups[g].last - a->groups[g].first + 1;
    }
    if (c == LX_COMP_NORM) {
        uint64_t w = norm_params(a);
        if (w && a->comp[c].params % w == 0)
            lx_dsnprintf(out, cap, "%s × %s", lx_dfmt_th(b, a->comp[c].params / w), lx_dfmt_th(b, w));
        return;
    }
    if (per && per * (uint64_t)layers == a->comp[c].params)
        lx_dsnprintf(out, cap, "%d × %s", layers, lx_dfmt_short(b, per));
}

void lx_drow_fill(lx_dbuild *b, lx_desc_row *r, uint64_t params, uint64_t bytes)
{
    uint64_t total = b->a->total_params;
    r->params = params;
    r->bytes = bytes;
    lx_dsnprintf(r->params_s, sizeof r->params_s, "%s", lx_dfmt_th(b, params));
    double share = total ? 100.0 * (double)params / (double)total : 0;
    if (params && share < 0.05) lx_dsnprintf(r->share_s, sizeof r->share_s, "< 0.1 %%");
    else lx_dsnprintf(r->share_s, sizeof r->share_s, "%.1f %%", share);
    lx_dsnprintf(r->bytes_s, sizeof r->bytes_s, "%s", lx_dfmt_bytes(b, bytes));
    if (params) lx_dsnprintf(r->bits_s, sizeof r->bits_s, "%.2f", (double)bytes * 8.0 / (double)params);
}

static void build_rows(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    uint64_t sum = 0, bsum = 0;
    for (size_t i = 0; i < sizeof COMPS / sizeof COMPS[0]; i++) {
        lx_count n = a->comp[COMPS[i].comp];
        bool tied_out = COMPS[i].comp == LX_COMP_OUTPUT && a->tied;
        if (!n.params && !tied_out) continue;
        lx_desc_row *r = &d->rows[d->n_rows++];
        r->kind = COMPS[i].kind;
        lx_dsnprintf(r->label, sizeof r->label, "%s",
                     COMPS[i].comp == LX_COMP_OTHER ? lx_arch_comp_label(a, LX_COMP_OTHER) : COMPS[i].label);
        lx_drow_label(b, COMPS[i].comp, r->label, sizeof r->label);
        if (tied_out && !n.params) lx_dsnprintf(r->detail, sizeof r->detail, "tied to the embedding");
        else comp_detail(b, COMPS[i].comp, r->detail, sizeof r->detail);
        lx_drow_fill(b, r, n.params, n.bytes);
        sum += n.params;
        bsum += n.bytes;
    }
    lx_dbuild_tower_rows(b, &sum, &bsum);
    if (sum < a->total_params && d->n_rows < LX_DESC_MAX_ROWS) {
        lx_desc_row *r = &d->rows[d->n_rows++];
        r->kind = LX_KIND_OTHER;
        lx_dsnprintf(r->label, sizeof r->label, "Unattributed");
        lx_drow_fill(b, r, a->total_params - sum, a->total_bytes > bsum ? a->total_bytes - bsum : 0);
    }
    lx_dsnprintf(d->total.label, sizeof d->total.label, "Total");
    lx_drow_fill(b, &d->total, a->total_params, a->total_bytes);
    lx_dsnprintf(d->params_title, sizeof d->params_title, "Where the %s parameters are", lx_dfmt_short(b, a->total_params));
}

static void build_active_note(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    if (!a->active_params || a->active_params >= lx_arch_lm_params(a)) return;
    char shared[64] = "";
    if (a->ffn.n_shared_experts)
        lx_dsnprintf(shared, sizeof shared, " + %s shared", lx_dfmt_th(b, a->ffn.n_shared_experts));
    lx_dsnprintf(b->d->active_note, sizeof b->d->active_note,
             "Active per token: %s parameters (%.1f %%): %s of %s routed experts%s in each MoE layer",
             lx_dfmt_th(b, a->active_params), 100.0 * (double)a->active_params / (double)lx_arch_lm_params(a),
             lx_dfmt_th(b, a->ffn.n_experts_used), lx_dfmt_th(b, a->ffn.n_experts), shared);
}

static void kv_formula(lx_dbuild *b, char *out, size_t cap)
{
    const lx_arch *a = b->a;
    uint64_t L = a->hp.n_layers;
    out[0] = '\0';
    if (a->attn.kind == LX_ATTN_MLA) {
        uint64_t per = (a->attn.kv_lora_rank + a->attn.rope_head_dim) * L * 2;
        if (per == a->kv_bytes_per_token)
            lx_dsnprintf(out, cap, " (%s %s × (%s latent + %s RoPE key) × 2 bytes)", lx_dfmt_th(b, L), LAYERS(L),
                     lx_dfmt_th(b, a->attn.kv_lora_rank), lx_dfmt_th(b, a->attn.rope_head_dim));
        return;
    }
    uint64_t vd = a->attn.v_head_dim ? a->attn.v_head_dim : a->attn.head_dim;
    uint64_t per = L * a->attn.n_kv_heads * (a->attn.head_dim + vd) * 2;
    if (per != a->kv_bytes_per_token) return;
    if (vd == a->attn.head_dim)
        lx_dsnprintf(out, cap, " (2 × %s %s × %s %s × %s × 2 bytes)", lx_dfmt_th(b, L), LAYERS(L),
                 lx_dfmt_th(b, a->attn.n_kv_heads), KV_HEADS(a->attn.n_kv_heads), lx_dfmt_th(b, a->attn.head_dim));
    else
        lx_dsnprintf(out, cap, " (%s %s × %s %s × (%s + %s) × 2 bytes)", lx_dfmt_th(b, L), LAYERS(L),
                 lx_dfmt_th(b, a->attn.n_kv_heads), KV_HEADS(a->attn.n_kv_heads), lx_dfmt_th(b, a->attn.head_dim),
                 lx_dfmt_th(b, vd));
}

/* What the windows keep at the full context: " (sliding layers keep 1,024 tokens)", or "". */
static const char *kv_window_note(lx_dbuild *b, uint64_t ctx, char *note, size_t cap)
{
    const lx_arch *a = b->a;
    uint64_t win = 0, chunk = 0;
    for (int i = 0; i < a->n_layers; i++) {
        const lx_layer *l = &a->layers[i];
        if (!l->kv_bytes || !l->window || l->window >= ctx) continue;
        if (l->bits & LX_LAYER_CHUNKED) chunk = l->window;
        else win = l->window;
    }
    if (win && chunk) snprintf(note, cap, " (windows keep %s, chunks %s tokens)", lx_dfmt_th(b, win), lx_dfmt_th(b, chunk));
    else if (win || chunk) snprintf(note, cap, " (%s layers keep %s tokens)", win ? "sliding" : "chunked",
                                    lx_dfmt_th(b, win ? win : chunk));
    else note[0] = '\0';
    return note;
}

static void build_kv_note(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    if (!a->kv_bytes_per_token && a->state_bytes_per_seq) {
        lx_dsnprintf(b->d->kv_note, sizeof b->d->kv_note, "No KV cache: a fixed recurrent state of %s per sequence",
                     fmt_kib(b, a->state_bytes_per_seq));
        return;
    }
    if (!a->kv_bytes_per_token || lx_dis_encoder(a)) return;
    char f[160], full[160] = "", wn[96];
    kv_formula(b, f, sizeof f);
    uint64_t ctx = a->hp.context_length;
    if (ctx && a->kv_bytes_at_ctx != UINT64_MAX)
        lx_dsnprintf(full, sizeof full, " · %s at the full %s-token context%s", fmt_kib(b, a->kv_bytes_at_ctx),
                 lx_dfmt_th(b, ctx), kv_window_note(b, ctx, wn, sizeof wn));
    lx_dsnprintf(b->d->kv_note, sizeof b->d->kv_note, "KV cache: %s per token in 16-bit%s%s",
             fmt_kib(b, a->kv_bytes_per_token), f, full);
    if (a->state_bytes_per_seq) {
        size_t n = strlen(b->d->kv_note);
        lx_dsnprintf(b->d->kv_note + n, sizeof b->d->kv_note - n, " · plus a fixed recurrent state of %s per sequence",
                     fmt_kib(b, a->state_bytes_per_seq));
    }
}

/* ---- entry ---- */

static bool storage_mixed(const lx_arch *a)
{
    const char *dt = main_dtype(a);
    return dt[0] && !is_float_type(dt);
}

/* When no layer tensor was recognised (the builder counted them as "other"), one group
 * from the declared hyper-parameters, with unknown (zero) per-layer counts, so the model
 * is still drawn from what is known. */
static void fallback_group(const lx_arch *a, lx_arch *copy, lx_group *g)
{
    *copy = *a;
    memset(g, 0, sizeof *g);
    g->first = 0;
    g->last = (int)(a->hp.n_layers < LX_MAX_LAYERS ? a->hp.n_layers : LX_MAX_LAYERS) - 1;
    g->ffn = a->ffn.kind;
    g->attn = a->attn.kind;
    g->d_ff = a->ffn.d_ff;
    copy->groups = g;
    copy->n_groups = 1;
}

lx_desc *lx_desc_build(const lx_arch *a, lx_err *err)
{
    if (a->hp.n_layers == 0) {
        lx_err_set(err, LX_ERR_MODEL, "%s: no transformer layers to draw", a->src ? a->src->path : "model");
        return NULL;
    }
    lx_desc *d = calloc(1, sizeof *d);
    if (!d) {
        lx_err_set(err, LX_ERR_IO, "out of memory");
        return NULL;
    }
    lx_arch copy;
    lx_group g;
    bool unknown = a->n_groups <= 0 || !a->groups;
    if (unknown) {
        fallback_group(a, &copy, &g);
        a = &copy;
    }
    lx_dbuild b = {.a = a, .d = d};
    d->show_bits = storage_mixed(a);
    if (a->towers.tower_only) { /* a clip / mmproj file: the tower and its projector alone */
        build_title(&b);
        lx_dbuild_towers(&b);
        build_rows(&b);
        return d;
    }
    build_title(&b);
    build_spine_top(&b);
    build_blocks(&b);
    build_spine_bottom(&b);
    build_strips(&b);
    build_rows(&b);
    build_active_note(&b);
    build_kv_note(&b);
    lx_dbuild_insets(&b);
    lx_dstacks(&b);
    lx_dbuild_towers(&b);
    if (unknown) {
        char cap[sizeof d->blocks[0].caption];
        memcpy(cap, d->blocks[0].caption, sizeof cap);
        lx_dsnprintf(d->blocks[0].caption, sizeof d->blocks[0].caption, "%s (layer tensors not recognised)", cap);
    }
    return d;
}

void lx_desc_free(lx_desc *d) { free(d); }
