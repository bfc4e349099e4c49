/* infer/weights — see weights.h. */
#include "infer/weights.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/families/family.h"
#include "open/source.h"
#include "read/st_data.h"

bool lx_weights_u64(const lx_weights *w, const char *suffix, uint64_t *out) { return w->ops->get_u64(w->impl, suffix, out); }
bool lx_weights_f64(const lx_weights *w, const char *suffix, double *out) { return w->ops->get_f64(w->impl, suffix, out); }
const void *lx_weights_data(lx_weights *w, const lx_tensor *t, lx_err *err) { return w->ops->data(w->impl, t, err); }

lx_status lx_weights_tokenizer(lx_weights *w, lx_tok *t, size_t n_vocab, lx_err *err)
{
    return w->ops->tokenizer(w->impl, t, n_vocab, w->path, err);
}

bool lx_weights_rope_factors(const lx_weights *w, lx_rope_factors which, size_t dims, double theta, float *out)
{
    return w->ops->rope_factors && w->ops->rope_factors(w->impl, which, dims, theta, out);
}

bool lx_weights_layer_nope(const lx_weights *w, size_t layer, bool *nope)
{
    return w->ops->layer_nope && w->ops->layer_nope(w->impl, layer, nope);
}

void lx_rope_llama3_factors(const lx_rope_llama3 *p, size_t dims, double theta, float *out)
{
    const float lo = (float)p->low_freq, hi = (float)p->high_freq, factor = (float)p->factor, ctx = (float)p->orig_ctx;
    const float lo_wavelen = ctx / lo, hi_wavelen = ctx / hi, two_pi = (float)(2.0 * 3.14159265358979323846);
    for (size_t i = 0; i < dims / 2; i++) {
        float freq = 1.0f / powf((float)theta, (float)(2 * i) / (float)dims);
        float wavelen = two_pi / freq;
        if (wavelen < hi_wavelen) out[i] = 1.0f;
        else if (wavelen > lo_wavelen || hi == lo) out[i] = factor; /* hi == lo: no band between */
        else {
            float s = (ctx / wavelen - lo) / (hi - lo);
            out[i] = 1.0f / ((1.0f - s) / factor + s);
        }
    }
}

/* ---- RoPE scaling ---- */

/* The types config.json's rope_scaling and a GGUF's rope.scaling.type name that the engine
 * runs; llama3's becomes per-pair factors (lx_weights_rope_factors), not a kind of its own. */
static const struct { const char *name; lx_rope_scale_kind kind; } ROPE_TYPES[] = {
    {"none", LX_ROPE_SCALE_NONE}, {"linear", LX_ROPE_SCALE_LINEAR}, {"yarn", LX_ROPE_SCALE_YARN},
    {"llama3", LX_ROPE_SCALE_NONE}, {"longrope", LX_ROPE_SCALE_LONGROPE}, {"su", LX_ROPE_SCALE_LONGROPE},
};

static lx_status scale_kind(const char *type, const char *path, const char *where, lx_rope_scale_kind *kind, lx_err *err)
{
    for (size_t i = 0; i < sizeof ROPE_TYPES / sizeof ROPE_TYPES[0]; i++)
        if (strcmp(ROPE_TYPES[i].name, type) == 0) {
            *kind = ROPE_TYPES[i].kind;
            return LX_OK;
        }
    return lx_err_set(err, LX_ERR_MODEL, "%s: %s '%s' is not supported by the inference engine (expected none, linear, "
                      "yarn, llama3 or longrope)", path, where, type);
}

/* yarn's magnitude for a factor as transformers and llama.cpp take it: 0.1 * m * ln(factor) + 1 */
static double yarn_mscale(double factor, double m) { return factor <= 1 ? 1.0 : 0.1 * m * log(factor) + 1.0; }

lx_status lx_weights_rope_scaling(const lx_weights *w, lx_rope_scaling *out, lx_err *err)
{
    *out = (lx_rope_scaling){LX_ROPE_SCALE_NONE, 1.0, 0, 32.0, 1.0, 1.0};
    return w->ops->rope_scaling ? w->ops->rope_scaling(w->impl, out, w->path, err) : LX_OK;
}

/* The ramp's end for b rotations over the original context, in float as llama.cpp works it. */
static float yarn_dim(size_t dims, uint64_t ctx, double b, double theta)
{
    return (float)dims * logf((float)ctx / ((float)b * 2.0f * 3.14159265358979323846f)) / (2.0f * logf((float)theta));
}

void lx_rope_yarn_freqs(const lx_rope_scaling *s, size_t dims, double theta, float *freq)
{
    float lo = fmaxf(0.0f, floorf(yarn_dim(dims, s->orig_ctx, s->beta_fast, theta)));
    float hi = fminf((float)dims - 1, ceilf(yarn_dim(dims, s->orig_ctx, s->beta_slow, theta)));
    for (size_t i = 0; i < dims / 2; i++) {
        float y = ((float)i - lo) / fmaxf(0.001f, hi - lo);
        float extrap = 1.0f - fminf(1.0f, fmaxf(0.0f, y)); /* 1: the pair keeps its frequency */
        freq[i] = freq[i] / (float)s->factor * (1.0f - extrap) + freq[i] * extrap;
    }
}

void lx_weights_close(lx_weights *w)
{
    if (w && w->ops) w->ops->close(w->impl);
    if (w) memset(w, 0, sizeof *w);
}

/* ---- GGUF ---- */

typedef struct gguf_impl {
    lx_gguf *g;
    char arch[32];
} gguf_impl;

static void gguf_key(const gguf_impl *s, const char *suffix, char *key, size_t cap)
{
    snprintf(key, cap, "%s.%s", s->arch, suffix);
}

static bool gguf_u64(const void *impl, const char *suffix, uint64_t *out)
{
    char key[128];
    gguf_key(impl, suffix, key, sizeof key);
    return lx_gguf_get_u64(((const gguf_impl *)impl)->g, key, out);
}

static bool gguf_f64(const void *impl, const char *suffix, double *out)
{
    char key[128];
    gguf_key(impl, suffix, key, sizeof key);
    return lx_gguf_get_f64(((const gguf_impl *)impl)->g, key, out);
}

static const void *gguf_data(void *impl, const lx_tensor *t, lx_err *err)
{
    return lx_gguf_tensor_data(((gguf_impl *)impl)->g, t, err);
}

static lx_status gguf_tok(void *impl, lx_tok *t, size_t n_vocab, const char *path, lx_err *err)
{
    (void)n_vocab; /* a GGUF lists every piece */
    return lx_tok_from_gguf(t, ((gguf_impl *)impl)->g, path, err);
}

/* llama.cpp's keys: type "linear" unless named, a factor of 0 or 1 scales nothing; yarn's
 * magnitude from the factor and rope.scaling.attn_factor, its betas llama.cpp's defaults. */
static lx_status gguf_rope_scaling(const void *impl, lx_rope_scaling *out, const char *path, lx_err *err)
{
    const gguf_impl *s = impl;
    char key[128];
    double factor = 0, attn = 1;
    uint64_t orig = 0;
    gguf_key(s, "rope.scaling.type", key, sizeof key);
    const char *type = lx_gguf_get_str(s->g, key);
    if (!gguf_f64(impl, "rope.scaling.factor", &factor)) gguf_f64(impl, "rope.scale_linear", &factor);
    if (scale_kind(type ? type : "linear", path, key, &out->kind, err)) return err->code;
    if (!(factor > 0) || factor == 1) factor = 1;
    if (out->kind == LX_ROPE_SCALE_LINEAR && factor == 1) out->kind = LX_ROPE_SCALE_NONE;
    if (out->kind == LX_ROPE_SCALE_NONE) factor = 1; /* llama.cpp: type none never scales */
    gguf_f64(impl, "rope.scaling.attn_factor", &attn);
    if (!gguf_u64(impl, "rope.scaling.original_context_length", &orig)) gguf_u64(impl, "context_length", &orig);
    out->factor = factor, out->orig_ctx = orig;
    out->mscale = (out->kind == LX_ROPE_SCALE_YARN ? yarn_mscale(factor, 1.0) : 1.0) * attn; /* longrope: attn alone */
    if (out->kind == LX_ROPE_SCALE_YARN && !orig)
        return lx_err_set(err, LX_ERR_MODEL, "%s: yarn RoPE scaling without %s.rope.scaling.original_context_length",
                          path, s->arch);
    return LX_OK;
}

static const lx_weights_ops GGUF_OPS = {gguf_u64, gguf_f64, gguf_data, gguf_tok, free, NULL, NULL, gguf_rope_scaling};

lx_status lx_weights_from_gguf(lx_gguf *g, const char *path, lx_weights *w, lx_err *err)
{
    memset(w, 0, sizeof *w);
    gguf_impl *s = calloc(1, sizeof *s);
    if (!s) return lx_err_set(err, LX_ERR_IO, "out of memory");
    const char *arch = lx_gguf_get_str(g, "general.architecture");
    s->g = g;
    snprintf(s->arch, sizeof s->arch, "%s", arch ? arch : "");
    *w = (lx_weights){&GGUF_OPS, s, {0}, lx_gguf_tensors(g), false, {0}};
    snprintf(w->arch, sizeof w->arch, "%s", s->arch);
    snprintf(w->path, sizeof w->path, "%s", path);
    return LX_OK;
}

/* ---- Hugging Face folder ---- */

typedef struct hf_impl {
    lx_source *src;     /* owned when own_src */
    bool own_src;
    lx_st_data *data;
    char dir[1024];     /* the folder holding config.json and tokenizer.json */
} hf_impl;

/* The llama.cpp key suffixes an engine asks for, answered from config.json's hparams
 * (0 in a field means "not declared"). */
typedef struct hf_key {
    const char *suffix;
    size_t off;
    bool real;          /* a double field, else uint64_t */
} hf_key;

#define U(s, f) {s, offsetof(lx_hparams, f), false}
#define R(s, f) {s, offsetof(lx_hparams, f), true}
static const hf_key SUFFIXES[] = {
    U("embedding_length", d_model),        U("block_count", n_layers),
    U("attention.head_count", n_heads),    U("attention.head_count_kv", n_kv_heads),
    U("attention.key_length", head_dim),   U("feed_forward_length", d_ff),
    U("rope.dimension_count", rope_dims),  U("context_length", context_length),
    U("expert_count", n_experts),          U("expert_used_count", n_experts_used),
    U("expert_feed_forward_length", d_expert), U("attention.sliding_window", sliding_window),
    R("attention.layer_norm_rms_epsilon", norm_eps), R("attention.layer_norm_epsilon", norm_eps),
    R("rope.freq_base", rope_theta),       R("attn_logit_softcapping", attn_softcap),
    R("final_logit_softcapping", final_softcap),
};
#undef U
#undef R

static const hf_key *hf_find(const char *suffix)
{
    for (size_t i = 0; i < sizeof SUFFIXES / sizeof SUFFIXES[0]; i++)
        if (strcmp(SUFFIXES[i].suffix, suffix) == 0) return &SUFFIXES[i];
    return NULL;
}

static bool hf_u64(const void *impl, const char *suffix, uint64_t *out)
{
    const hf_key *k = hf_find(suffix);
    if (!k || k->real) return false;
    uint64_t v;
    memcpy(&v, (const char *)&((const hf_impl *)impl)->src->hp + k->off, sizeof v);
    if (v) *out = v;
    return v != 0;
}

static bool hf_f64(const void *impl, const char *suffix, double *out)
{
    const hf_key *k = hf_find(suffix);
    if (!k || !k->real) return false;
    double v;
    memcpy(&v, (const char *)&((const hf_impl *)impl)->src->hp + k->off, sizeof v);
    if (v != 0) *out = v;
    return v != 0;
}

static const void *hf_data(void *impl, const lx_tensor *t, lx_err *err)
{
    return lx_st_data_get(((hf_impl *)impl)->data, t, err);
}

static lx_status hf_tok(void *impl, lx_tok *t, size_t n_vocab, const char *path, lx_err *err)
{
    char p[1100];
    struct stat st;
    snprintf(p, sizeof p, "%s/tokenizer.json", ((hf_impl *)impl)->dir);
    if (stat(p, &st) != 0)
        return lx_err_set(err, LX_ERR_MODEL, "%s: no tokenizer.json beside the weights (expected the Hugging Face "
                          "tokenizer in %s)", path, ((hf_impl *)impl)->dir);
    return lx_tok_from_hf_json_padded(t, p, n_vocab, err);
}

static void hf_close(void *impl)
{
    hf_impl *s = impl;
    if (!s) return;
    lx_st_data_close(s->data);
    if (s->own_src) lx_source_free(s->src), free(s->src);
    free(s);
}

static bool is_llama3(const lx_hparams *hp) { return strcmp(hp->rope_scaling, "llama3") == 0; }

/* longrope's long_factor or short_factor, when it lists dims/2 of them */
static bool hf_longrope_factors(const lx_hparams *hp, lx_rope_factors which, size_t dims, float *out)
{
    bool lng = which == LX_ROPE_FACTORS_LONG;
    uint32_t n = lng ? hp->n_rope_long : hp->n_rope_short;
    if (n == 0 || n != dims / 2) return false;
    memcpy(out, lng ? hp->rope_long : hp->rope_short, n * sizeof *out);
    return true;
}

/* llama3 rope_scaling, with the defaults llama.cpp's converter takes for absent keys; longrope's lists */
static bool hf_rope_factors(const void *impl, lx_rope_factors which, size_t dims, double theta, float *out)
{
    const lx_hparams *hp = &((const hf_impl *)impl)->src->hp;
    if (which != LX_ROPE_FACTORS_FREQS) return hf_longrope_factors(hp, which, dims, out);
    if (!is_llama3(hp)) return false;
    lx_rope_llama3 p = {hp->rope_factor ? hp->rope_factor : 8.0, hp->rope_low_freq ? hp->rope_low_freq : 1.0,
                        hp->rope_high_freq ? hp->rope_high_freq : 4.0, hp->rope_orig_ctx ? hp->rope_orig_ctx : 8192};
    lx_rope_llama3_factors(&p, dims, theta, out);
    return true;
}

/* the per-layer kinds model/hp_config read (SmolLM3's no_rope_layers, ...), when it read any */
static bool hf_layer_nope(const void *impl, size_t layer, bool *nope)
{
    const lx_hparams *hp = &((const hf_impl *)impl)->src->hp;
    if (!hp->has_layer_bits || layer >= LX_MAX_LAYERS || layer >= hp->n_layers) return false;
    *nope = (hp->layer_bits[layer] & LX_LAYER_NOPE) != 0;
    return true;
}

#define CONFIG_SCALING "config.json's rope_scaling"

/* config.json's rope_scaling as transformers reads it (see weights.h). */
static lx_status hf_rope_scaling(const void *impl, lx_rope_scaling *out, const char *path, lx_err *err)
{
    const lx_hparams *hp = &((const hf_impl *)impl)->src->hp;
    if (!hp->rope_scaling[0]) return LX_OK;
    if (scale_kind(hp->rope_scaling, path, CONFIG_SCALING, &out->kind, err)) return err->code;
    if (out->kind == LX_ROPE_SCALE_NONE) return LX_OK;
    double f = hp->rope_factor > 0 ? hp->rope_factor : 1.0;
    out->factor = f;
    out->orig_ctx = hp->rope_orig_ctx ? hp->rope_orig_ctx : hp->context_length;
    if (hp->rope_beta_fast > 0) out->beta_fast = hp->rope_beta_fast;
    if (hp->rope_beta_slow > 0) out->beta_slow = hp->rope_beta_slow;
    if (out->kind == LX_ROPE_SCALE_LONGROPE) {
        double s = out->orig_ctx && hp->context_length ? (double)hp->context_length / (double)out->orig_ctx : 1.0;
        out->factor = 1.0;
        out->mscale = hp->rope_attn_factor > 0 ? hp->rope_attn_factor
                      : s > 1 && out->orig_ctx > 1 ? sqrt(1.0 + log(s) / log((double)out->orig_ctx))
                                                  : 1.0;
    }
    if (out->kind != LX_ROPE_SCALE_YARN) return LX_OK;
    out->mscale = hp->rope_attn_factor > 0 ? hp->rope_attn_factor
                  : hp->rope_mscale > 0 && hp->rope_mscale_all_dim > 0
                      ? yarn_mscale(f, hp->rope_mscale) / yarn_mscale(f, hp->rope_mscale_all_dim)
                      : yarn_mscale(f, 1.0);
    if (!out->orig_ctx)
        return lx_err_set(err, LX_ERR_MODEL, "%s: " CONFIG_SCALING " is yarn without original_max_position_embeddings "
                          "or max_position_embeddings", path);
    return LX_OK;
}

static const lx_weights_ops HF_OPS = {hf_u64, hf_f64, hf_data, hf_tok, hf_close, hf_rope_factors, hf_layer_nope,
                                      hf_rope_scaling};

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

bool lx_weights_is_hf(const char *path)
{
    return is_dir(path) || ends_with(path, ".safetensors") || ends_with(path, ".index.json");
}

static void folder_of(const char *path, char *out, size_t cap)
{
    snprintf(out, cap, "%s", path);
    if (is_dir(path)) return;
    char *slash = strrchr(out, '/');
    if (slash) *slash = '\0';
    else snprintf(out, cap, ".");
}

/* What a folder must have for an engine: weights, and no RoPE scaling the engine would
 * silently leave out (ROPE_TYPES; llama3's is turned into factors, as llama.cpp's converter does). */
static lx_status hf_check(const lx_source *src, lx_err *err)
{
    if (!src->has_tensors)
        return lx_err_set(err, LX_ERR_MODEL, "%s: no weights to run (expected model.safetensors or its shards)", src->path);
    lx_rope_scale_kind kind;
    return src->hp.rope_scaling[0] ? scale_kind(src->hp.rope_scaling, src->path, CONFIG_SCALING, &kind, err) : LX_OK;
}

static lx_status hf_open(lx_source *src, bool own, lx_weights *w, lx_err *err)
{
    hf_impl *s = calloc(1, sizeof *s);
    if (!s) return lx_err_set(err, LX_ERR_IO, "out of memory");
    s->src = src, s->own_src = own;
    folder_of(src->path, s->dir, sizeof s->dir);
    *w = (lx_weights){&HF_OPS, s, {0}, &src->tensors, true, {0}};
    snprintf(w->path, sizeof w->path, "%s", src->path);
    const lx_family *f = lx_family_by_name(src->hp.family);
    snprintf(w->arch, sizeof w->arch, "%s", f && f->gguf_arch ? f->gguf_arch : src->hp.family);
    if (hf_check(src, err) || lx_st_data_open(src->path, &s->data, err)) {
        lx_weights_close(w);
        return err->code;
    }
    return LX_OK;
}

lx_status lx_weights_from_source(lx_source *src, lx_weights *w, lx_err *err)
{
    memset(w, 0, sizeof *w);
    if (src->gguf) return lx_weights_from_gguf(src->gguf, src->path, w, err);
    if (src->remote || src->format != LX_FMT_SAFETENSORS)
        return lx_err_set(err, LX_ERR_MODEL, "%s: the inference engine runs a local GGUF file or a Hugging Face folder "
                          "with safetensors weights (this is %s input)", src->path,
                          src->remote ? "remote" : lx_format_name(src->format));
    return hf_open(src, false, w, err);
}

lx_status lx_weights_open_hf(const char *path, lx_weights *w, lx_err *err)
{
    memset(w, 0, sizeof *w);
    lx_source *src = calloc(1, sizeof *src);
    if (!src) return lx_err_set(err, LX_ERR_IO, "out of memory");
    if (lx_source_open(path, src, err)) { free(src); return err->code; }
    if (src->format != LX_FMT_SAFETENSORS || src->gguf) {
        lx_source_free(src), free(src);
        return lx_err_set(err, LX_ERR_MODEL, "%s: no weights to run (expected model.safetensors or its shards beside "
                          "config.json)", path);
    }
    if (hf_open(src, true, w, err)) return err->code; /* hf_open freed src through w on failure */
    return LX_OK;
}

const float *lx_rope_longrope_table(const float *shrt, const float *lng, size_t orig_ctx, size_t cap_pos)
{
    return lng && cap_pos > orig_ctx ? lng : shrt;
}
