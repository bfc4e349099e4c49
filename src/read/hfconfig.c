/* read/hfconfig — see hfconfig.h.
 *
 * Pipeline: jansson parses the text -> the family is found from model_type (or the
 * architectures list) -> every field is read through key aliases, falling back to the
 * family's defaults (a small JSON object per family, the values of its transformers
 * config class) -> a family hook reads what only that family declares -> the per-layer
 * pattern is resolved -> the result is checked for consistency.
 */
#include "read/hfconfig.h"

#include <errno.h>
#include <stdarg.h>
#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define NOT_FOUND ((size_t)-1)
#define MAX_COUNT (1ull << 40) /* larger than any real dimension; keeps synth's products sane */

typedef struct hf_ctx {
    const char *path, *text;
    size_t len;
    size_t top;             /* offset in text of the top-level object's '{' */
    size_t scope;           /* offset of the '{' of the object holding the model's keys
                               (the top level, or "text_config"'s value) */
    const char *scope_name; /* "text_config." or "" */
    json_t *root, *cfg, *defs;
    double rotary_frac;     /* partial_rotary_factor, 0 when absent */
    lx_hparams *hp;
    lx_err *err;
} hf_ctx;

typedef struct hf_family {
    const char *model_type; /* as declared in config.json */
    const char *family;     /* canonical */
    const char *position, *norm;
    lx_tristate gated, qk_norm;
    const char *defaults;   /* JSON object: the config class's defaults for the keys we read */
    void (*fix)(hf_ctx *c); /* reads what only this family declares; may be NULL */
} hf_family;

/* ---------------------------------------------------------------- locating keys in text
 *
 * jansson keeps no positions per value, so an error finds its key by walking the text
 * (which jansson has already accepted, so it is valid JSON) from the opening brace of the
 * object that holds the key: only that object's own members are compared, never a key
 * nested deeper or the contents of a string. Keys are compared after decoding escapes. */

static size_t skip_ws(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) i++;
    return i;
}

/* i at an opening quote; returns the index just past the closing one. */
static size_t skip_string(const char *t, size_t len, size_t i)
{
    for (i++; i < len && t[i] != '"'; i++)
        if (t[i] == '\\') i++;
    return i < len ? i + 1 : len;
}

/* i at the first byte of a value; returns the index just past it. */
static size_t skip_value(const char *t, size_t len, size_t i)
{
    if (i < len && t[i] == '"') return skip_string(t, len, i);
    if (i < len && (t[i] == '{' || t[i] == '[')) {
        for (size_t depth = 0; i < len;) {
            if (t[i] == '"') { i = skip_string(t, len, i); continue; }
            if (t[i] == '{' || t[i] == '[') depth++;
            else if ((t[i] == '}' || t[i] == ']') && --depth == 0) return i + 1;
            i++;
        }
        return len;
    }
    while (i < len && !strchr(",]} \t\n\r", t[i])) i++;
    return i;
}

static int hex_digit(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* One decoded character of a string body at t[*i], which it advances; escapes decode to
 * ASCII only (anything else is -1: no key we look for has it). */
static int next_char(const char *t, size_t end, size_t *i)
{
    static const char ESC[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
    char ch = t[(*i)++];
    if (ch != '\\') return (unsigned char)ch;
    if (*i >= end) return -1;
    char e = t[(*i)++];
    for (size_t k = 0; ESC[k]; k += 2)
        if (ESC[k] == e) return (unsigned char)ESC[k + 1];
    int v = 0;
    for (int k = 0; e == 'u' && k < 4; k++) {
        int d = *i < end ? hex_digit(t[(*i)++]) : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return e == 'u' && v > 0 && v < 0x80 ? v : -1;
}

/* Is the string body t[start, end) equal to key? */
static bool key_equals(const char *t, size_t start, size_t end, const char *key)
{
    size_t i = start;
    for (; *key; key++)
        if (i >= end || next_char(t, end, &i) != (unsigned char)*key) return false;
    return i == end;
}

/* In the object whose '{' is at obj: where member key starts (its opening quote), and
 * where its value starts (*value, may be NULL); NOT_FOUND when there is no such member. */
static size_t find_member(const char *t, size_t len, size_t obj, const char *key, size_t *value)
{
    if (obj >= len || t[obj] != '{') return NOT_FOUND;
    for (size_t i = obj + 1;; i++) {
        i = skip_ws(t, len, i);
        if (i >= len || t[i] != '"') return NOT_FOUND;
        size_t k = i, k_end = skip_string(t, len, i);
        i = skip_ws(t, len, k_end);
        if (i >= len || t[i] != ':') return NOT_FOUND;
        i = skip_ws(t, len, i + 1);
        if (k_end > k + 1 && key_equals(t, k + 1, k_end - 1, key)) {
            if (value) *value = i;
            return k;
        }
        i = skip_ws(t, len, skip_value(t, len, i));
        if (i >= len || t[i] != ',') return NOT_FOUND;
    }
}

static void line_col(const char *text, size_t off, int *line, int *col)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n') { (*line)++; start = i + 1; }
    *col = (int)(off - start) + 1;
}

/* Where key sits: in the scope object, else at the top level, else (a value that came
 * from the family's defaults, or a key that is missing) the scope object's brace. */
static size_t key_pos(const hf_ctx *c, const char *key)
{
    size_t off = find_member(c->text, c->len, c->scope, key, NULL);
    if (off == NOT_FOUND) off = find_member(c->text, c->len, c->top, key, NULL);
    if (off == NOT_FOUND) off = c->scope < c->len ? c->scope : 0;
    return off;
}

/* "PATH: line L:C: " and the rest, for text offset off. */
static void pos_error(hf_ctx *c, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void pos_error(hf_ctx *c, size_t off, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int line, col;
    line_col(c->text, off, &line, &col);
    lx_err_set(c->err, LX_ERR_MODEL, "%s: line %d:%d: %s", c->path, line, col, what);
}

static const char *spelled(const hf_ctx *c, const char *key);

/* "PATH: line L:C: KEY: WHAT" at the position of KEY (or of the alias the config uses). */
static void key_error(hf_ctx *c, const char *key, const char *what)
{
    key = spelled(c, key);
    pos_error(c, key_pos(c, key), "%s%s: %s", c->scope_name, key, what);
}

static void describe(const json_t *v, char *out, size_t cap)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: snprintf(out, cap, "an object"); break;
    case JSON_ARRAY: snprintf(out, cap, "an array"); break;
    case JSON_STRING: snprintf(out, cap, "string"); break;
    case JSON_INTEGER: snprintf(out, cap, "%lld", (long long)json_integer_value(v)); break;
    case JSON_REAL: snprintf(out, cap, "%g", json_real_value(v)); break;
    case JSON_TRUE: case JSON_FALSE: snprintf(out, cap, "boolean"); break;
    default: snprintf(out, cap, "null"); break;
    }
}

static void type_error(hf_ctx *c, const char *key, const char *expected, const json_t *v)
{
    char found[64], what[160];
    describe(v, found, sizeof found);
    snprintf(what, sizeof what, "expected %s, found %s", expected, found);
    key_error(c, key, what);
}

/* ---------------------------------------------------------------- typed getters */

/* The value of key: the config's, else the family default. An explicit null is "absent"
 * and does not fall back to the default (transformers keeps None too). */
static json_t *hf_get(const hf_ctx *c, const char *key)
{
    json_t *v = json_object_get(c->cfg, key);
    if (!v && c->defs) v = json_object_get(c->defs, key);
    return (v && !json_is_null(v)) ? v : NULL;
}

/* Reads a count; returns false when absent (or on error, which is then set). */
static bool get_u64(hf_ctx *c, const char *key, uint64_t *out, bool positive)
{
    json_t *v = hf_get(c, key);
    if (!v || lx_err_failed(c->err)) return false;
    const char *expected = positive ? "a positive integer" : "a non-negative integer";
    double d = json_is_integer(v) ? (double)json_integer_value(v) : json_is_real(v) ? json_real_value(v) : -1;
    bool ok = json_is_number(v) && d == floor(d) && d >= (positive ? 1 : 0) && d <= (double)MAX_COUNT;
    if (!ok) { type_error(c, key, expected, v); return false; }
    *out = json_is_integer(v) ? (uint64_t)json_integer_value(v) : (uint64_t)d;
    return true;
}

static bool get_double(hf_ctx *c, const char *key, double *out)
{
    json_t *v = hf_get(c, key);
    if (!v || lx_err_failed(c->err)) return false;
    if (!json_is_number(v) || json_number_value(v) < 0) {
        type_error(c, key, "a non-negative number", v);
        return false;
    }
    *out = json_number_value(v);
    return true;
}

static bool get_bool(hf_ctx *c, const char *key, bool *out)
{
    json_t *v = hf_get(c, key);
    if (!v || lx_err_failed(c->err)) return false;
    if (!json_is_boolean(v)) { type_error(c, key, "true or false", v); return false; }
    *out = json_is_true(v);
    return true;
}

static const char *get_str(hf_ctx *c, const char *key)
{
    json_t *v = hf_get(c, key);
    if (!v || lx_err_failed(c->err)) return NULL;
    if (!json_is_string(v)) { type_error(c, key, "a string", v); return NULL; }
    return json_string_value(v);
}

/* Copies src into dst[cap], cut to fit (names longer than the field are cut on purpose). */
static void copy_str(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%.*s", (int)(cap - 1), src ? src : "");
}

static lx_tristate tri(bool b) { return b ? LX_YES : LX_NO; }

static void get_tri(hf_ctx *c, const char *key, lx_tristate *out)
{
    bool b;
    if (get_bool(c, key, &b)) *out = tri(b);
}

/* ---------------------------------------------------------------- generic fields */

typedef struct u64_field {
    size_t off;
    const char *keys[5];
    bool positive;
} u64_field;

#define HP(f) offsetof(lx_hparams, f)

static const u64_field U64_FIELDS[] = {
    {HP(d_model), {"hidden_size", "n_embd", "d_model"}, true},
    {HP(n_layers), {"num_hidden_layers", "n_layer", "num_layers"}, true},
    {HP(n_heads), {"num_attention_heads", "n_head", "num_heads"}, true},
    {HP(n_kv_heads), {"num_key_value_heads", "num_kv_heads", "n_head_kv"}, true},
    {HP(head_dim), {"head_dim", "d_kv"}, true},
    {HP(d_ff), {"intermediate_size", "n_inner", "d_ff", "ffn_hidden_size"}, true},
    {HP(vocab_size), {"vocab_size"}, true},
    {HP(context_length), {"max_position_embeddings", "n_positions", "max_sequence_length"}, false},
    {HP(sliding_window), {"sliding_window"}, false},
    {HP(q_lora_rank), {"q_lora_rank"}, false},
    {HP(kv_lora_rank), {"kv_lora_rank"}, false},
    {HP(qk_rope_head_dim), {"qk_rope_head_dim"}, false},
    {HP(qk_nope_head_dim), {"qk_nope_head_dim"}, false},
    {HP(v_head_dim), {"v_head_dim"}, false},
    {HP(n_experts), {"num_local_experts", "n_routed_experts", "num_experts"}, false},
    {HP(n_experts_used), {"num_experts_per_tok", "experts_per_token"}, false},
    {HP(n_shared_experts), {"n_shared_experts"}, false},
    {HP(d_expert), {"moe_intermediate_size"}, false},
    {HP(d_shared_expert), {"shared_expert_intermediate_size"}, false},
    {HP(n_dense_prefix), {"first_k_dense_replace"}, false},
    {HP(n_token_types), {"type_vocab_size"}, false},
    {HP(n_dec_layers), {"num_decoder_layers"}, false},
    {HP(rel_attn_buckets), {"relative_attention_num_buckets"}, false},
    {HP(n_nextn_layers), {"num_nextn_predict_layers"}, false},
};

static const u64_field *field_of(const char *key)
{
    for (size_t i = 0; i < sizeof U64_FIELDS / sizeof U64_FIELDS[0]; i++)
        for (int k = 0; k < 5 && U64_FIELDS[i].keys[k]; k++)
            if (strcmp(U64_FIELDS[i].keys[k], key) == 0) return &U64_FIELDS[i];
    return NULL;
}

/* The spelling of key's field this config uses: key itself when present, else the first
 * alias present (n_layer for num_hidden_layers), else key. */
static const char *spelled(const hf_ctx *c, const char *key)
{
    const u64_field *f = field_of(key);
    if (!f || json_object_get(c->cfg, key)) return key;
    for (int k = 0; k < 5 && f->keys[k]; k++)
        if (json_object_get(c->cfg, f->keys[k])) return f->keys[k];
    return key;
}

static void read_counts(hf_ctx *c)
{
    for (size_t i = 0; i < sizeof U64_FIELDS / sizeof U64_FIELDS[0]; i++) {
        uint64_t *dst = (uint64_t *)((char *)c->hp + U64_FIELDS[i].off);
        for (int k = 0; k < 5 && U64_FIELDS[i].keys[k]; k++)
            if (get_u64(c, U64_FIELDS[i].keys[k], dst, U64_FIELDS[i].positive)) break;
    }
}

static const char *const ACT_KEYS[] = {"hidden_activation", "hidden_act", "activation_function",
                                       "activation", "dense_act_fn"};
static const char *const EPS_KEYS[] = {"rms_norm_eps", "layer_norm_epsilon", "layer_norm_eps",
                                       "norm_epsilon"};

static void read_rope_object(hf_ctx *c, const char *key)
{
    json_t *rs = json_object_get(c->cfg, key);
    if (!rs || json_is_null(rs)) return;
    if (!json_is_object(rs)) { type_error(c, key, "an object or null", rs); return; }
    char scope_name[48];
    snprintf(scope_name, sizeof scope_name, "%s%s.", c->scope_name, key);
    hf_ctx sub = *c;
    sub.cfg = rs;
    sub.defs = NULL;
    sub.scope_name = scope_name;
    size_t value;
    if (find_member(c->text, c->len, c->scope, key, &value) != NOT_FOUND) sub.scope = value;
    const char *type = get_str(&sub, "rope_type");
    if (!type) type = get_str(&sub, "type");
    if (type && strcmp(type, "default") != 0) copy_str(c->hp->rope_scaling, sizeof c->hp->rope_scaling, type);
    get_double(&sub, "factor", &c->hp->rope_factor);
    get_u64(&sub, "original_max_position_embeddings", &c->hp->rope_orig_ctx, false);
    get_double(&sub, "rope_theta", &c->hp->rope_theta); /* transformers >= 4.56 "rope_parameters" */
}

static void read_scalars(hf_ctx *c)
{
    lx_hparams *hp = c->hp;
    if (!get_double(c, "rope_theta", &hp->rope_theta)) get_double(c, "rotary_emb_base", &hp->rope_theta);
    for (size_t i = 0; i < sizeof EPS_KEYS / sizeof EPS_KEYS[0]; i++)
        if (get_double(c, EPS_KEYS[i], &hp->norm_eps)) break;
    get_double(c, "attn_logit_softcapping", &hp->attn_softcap);
    get_double(c, "final_logit_softcapping", &hp->final_softcap);
    read_rope_object(c, "rope_scaling");
    read_rope_object(c, "rope_parameters");
    for (size_t i = 0; i < sizeof ACT_KEYS / sizeof ACT_KEYS[0]; i++) {
        const char *a = get_str(c, ACT_KEYS[i]);
        if (a) { copy_str(hp->activation, sizeof hp->activation, a); break; }
    }
    get_tri(c, "attention_bias", &hp->attn_bias);
    get_tri(c, "mlp_bias", &hp->ffn_bias);
    get_tri(c, "tie_word_embeddings", &hp->tied);
    get_double(c, "partial_rotary_factor", &c->rotary_frac);
}

/* torch_dtype (or the newer "dtype") from the text config, else from the top level. */
static void read_dtype(hf_ctx *c)
{
    const char *keys[] = {"torch_dtype", "dtype"};
    json_t *objs[] = {c->cfg, c->root};
    for (int o = 0; o < 2; o++)
        for (int k = 0; k < 2; k++) {
            json_t *v = json_object_get(objs[o], keys[k]);
            if (v && json_is_string(v)) {
                copy_str(c->hp->torch_dtype, sizeof c->hp->torch_dtype, json_string_value(v));
                return;
            }
        }
}

/* ---------------------------------------------------------------- layer patterns */

static void set_bits(lx_hparams *hp, uint64_t i, uint32_t bits)
{
    if (i < LX_MAX_LAYERS) hp->layer_bits[i] |= bits;
    hp->has_layer_bits = true;
}

/* Mistral, Mixtral, Phi-3: a declared window applies to every layer. */
static void window_all_layers(hf_ctx *c)
{
    for (uint64_t i = 0; c->hp->sliding_window && i < c->hp->n_layers; i++) set_bits(c->hp, i, LX_LAYER_SLIDING);
}

/* Qwen: the window is used only when use_sliding_window is true, and then only by layers
 * from max_window_layers on (transformers' Qwen2Config). */
static void window_qwen(hf_ctx *c)
{
    bool use = false;
    get_bool(c, "use_sliding_window", &use);
    if (!use) { c->hp->sliding_window = 0; return; }
    uint64_t first = 0;
    get_u64(c, "max_window_layers", &first, false);
    for (uint64_t i = first; c->hp->sliding_window && i < c->hp->n_layers; i++)
        set_bits(c->hp, i, LX_LAYER_SLIDING);
}

/* Every pattern-th layer is global, the others slide (Gemma 2: 2, layer 0 slides). */
static void window_every(hf_ctx *c, uint64_t pattern)
{
    for (uint64_t i = 0; c->hp->sliding_window && pattern && i < c->hp->n_layers; i++)
        if ((i + 1) % pattern != 0) set_bits(c->hp, i, LX_LAYER_SLIDING);
}

static const struct { const char *name; uint32_t bits; } LAYER_TYPES[] = {
    {"sliding_attention", LX_LAYER_SLIDING}, {"full_attention", 0}, {"chunked_attention", 0},
    {"linear_attention", 0},
};

/* layer_types wins over every family rule when declared. */
static void read_layer_types(hf_ctx *c)
{
    json_t *a = json_object_get(c->cfg, "layer_types");
    if (!a || json_is_null(a)) return;
    if (!json_is_array(a)) { type_error(c, "layer_types", "an array of strings", a); return; }
    if (json_array_size(a) != c->hp->n_layers) {
        char what[128];
        snprintf(what, sizeof what, "expected %llu entries (one per layer), found %zu",
                 (unsigned long long)c->hp->n_layers, json_array_size(a));
        key_error(c, "layer_types", what);
        return;
    }
    for (size_t i = 0; i < json_array_size(a) && i < LX_MAX_LAYERS; i++) {
        json_t *s = json_array_get(a, i);
        if (!json_is_string(s)) { type_error(c, "layer_types", "an array of strings", s); return; }
        c->hp->layer_bits[i] &= ~(uint32_t)LX_LAYER_SLIDING;
        for (size_t k = 0; k < sizeof LAYER_TYPES / sizeof LAYER_TYPES[0]; k++)
            if (strcmp(json_string_value(s), LAYER_TYPES[k].name) == 0) c->hp->layer_bits[i] |= LAYER_TYPES[k].bits;
    }
    c->hp->has_layer_bits = true;
}

/* Reads an array of layer indices (Qwen's mlp_only_layers) and marks them. */
static void mark_listed_layers(hf_ctx *c, const char *key, uint32_t bits)
{
    json_t *a = json_object_get(c->cfg, key);
    if (!a || json_is_null(a)) return;
    if (!json_is_array(a)) { type_error(c, key, "an array of layer indices", a); return; }
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *v = json_array_get(a, i);
        if (!json_is_integer(v) || json_integer_value(v) < 0 ||
            (uint64_t)json_integer_value(v) >= c->hp->n_layers) {
            type_error(c, key, "an array of layer indices below num_hidden_layers", v);
            return;
        }
        set_bits(c->hp, (uint64_t)json_integer_value(v), bits);
    }
}

/* ---------------------------------------------------------------- family hooks */

static void fix_llama(hf_ctx *c) { window_all_layers(c); }

static void fix_mixtral(hf_ctx *c)
{
    c->hp->d_expert = c->hp->d_ff; /* experts are intermediate_size wide */
    window_all_layers(c);
}

/* Qwen MoE: layer i is sparse when (i+1) % decoder_sparse_step == 0 and i is not in
 * mlp_only_layers; the others are dense with intermediate_size. */
static void qwen_moe_layers(hf_ctx *c)
{
    uint64_t step = 1;
    get_u64(c, "decoder_sparse_step", &step, true);
    for (uint64_t i = 0; i < c->hp->n_layers; i++)
        if ((i + 1) % step != 0) set_bits(c->hp, i, LX_LAYER_DENSE);
    mark_listed_layers(c, "mlp_only_layers", LX_LAYER_DENSE);
    c->hp->has_layer_bits = true;
}

static void fix_qwen(hf_ctx *c) { window_qwen(c); }

static void fix_qwen3moe(hf_ctx *c)
{
    window_qwen(c);
    qwen_moe_layers(c);
}

static void fix_qwen2moe(hf_ctx *c)
{
    window_qwen(c);
    qwen_moe_layers(c);
    c->hp->n_shared_experts = c->hp->d_shared_expert ? 1 : 0;
}

static void fix_gemma2(hf_ctx *c) { window_every(c, 2); }

static void fix_gemma3(hf_ctx *c)
{
    uint64_t pattern = 6;
    get_u64(c, "sliding_window_pattern", &pattern, true);
    window_every(c, pattern);
}

static void fix_gpt2(hf_ctx *c)
{
    if (!c->hp->d_ff) c->hp->d_ff = 4 * c->hp->d_model; /* n_inner null */
    c->hp->ffn_bias = LX_YES;
    c->hp->attn_bias = LX_YES;
}

/* DeepSeek V2/V3: MLA, a dense prefix, MoE every moe_layer_freq-th layer after it, and
 * (V3, topk_method noaux_tc) a per-expert score-correction bias in the router. */
static void fix_deepseek(hf_ctx *c)
{
    lx_hparams *hp = c->hp;
    if (hp->kv_lora_rank) {
        hp->head_dim = hp->qk_nope_head_dim + hp->qk_rope_head_dim;
        hp->rope_dims = hp->qk_rope_head_dim;
    }
    hp->d_shared_expert = hp->d_expert * hp->n_shared_experts;
    uint64_t freq = 1;
    get_u64(c, "moe_layer_freq", &freq, true);
    for (uint64_t i = 0; i < hp->n_layers; i++)
        if (i < hp->n_dense_prefix || i % freq != 0) set_bits(hp, i, LX_LAYER_DENSE);
    hp->has_layer_bits = true;
    const char *topk = get_str(c, "topk_method");
    hp->router_bias = tri(topk && strcmp(topk, "noaux_tc") == 0);
}

/* Falcon: MQA (multi_query) in the old layout, num_kv_heads in the new one; one shared
 * norm per block in the old parallel layout, num_ln_in_parallel_attn (2) in the new. */
static void fix_falcon(hf_ctx *c)
{
    lx_hparams *hp = c->hp;
    bool new_arch = false, mq = false, parallel = true, bias = false, alibi = false;
    get_bool(c, "new_decoder_architecture", &new_arch);
    get_bool(c, "multi_query", &mq);
    get_bool(c, "parallel_attn", &parallel);
    get_bool(c, "bias", &bias);
    get_bool(c, "alibi", &alibi);
    if (!new_arch) hp->n_kv_heads = mq ? 1 : hp->n_heads;
    hp->parallel_block = tri(parallel || new_arch);
    hp->n_block_norms = new_arch ? 2 : parallel ? 1 : 2;
    if (new_arch) get_u64(c, "num_ln_in_parallel_attn", &hp->n_block_norms, true);
    hp->attn_bias = hp->ffn_bias = tri(bias);
    if (alibi) copy_str(hp->position, sizeof hp->position, "alibi");
    if (!hp->d_ff) hp->d_ff = 4 * hp->d_model;
}

static void fix_olmo2(hf_ctx *c) { (void)c; }

/* gpt-oss: experts are intermediate_size wide; without layer_types, even layers slide. */
static void fix_gpt_oss(hf_ctx *c)
{
    c->hp->d_expert = c->hp->d_ff;
    window_every(c, 2);
    c->hp->router_bias = LX_NO; /* its router is a Linear with a bias; synth knows */
}

static void fix_bert(hf_ctx *c)
{
    c->hp->attn_bias = c->hp->ffn_bias = LX_YES;
}

/* T5: feed_forward_proj "gated-gelu" means a gated FFN (transformers then uses gelu_new);
 * decoder depth defaults to the encoder's. */
static void fix_t5(hf_ctx *c)
{
    lx_hparams *hp = c->hp;
    const char *ffp = get_str(c, "feed_forward_proj");
    bool gated = ffp && strncmp(ffp, "gated-", 6) == 0;
    get_bool(c, "is_gated_act", &gated);
    hp->gated = tri(gated);
    if (!hp->activation[0] && ffp)
        copy_str(hp->activation, sizeof hp->activation,
                 strcmp(ffp, "gated-gelu") == 0 ? "gelu_new" : gated ? ffp + 6 : ffp);
    if (!hp->n_dec_layers) hp->n_dec_layers = hp->n_layers;
    hp->attn_bias = hp->ffn_bias = LX_NO;
}

/* Llama 4: MoE every interleave_moe_layer_step-th layer (others dense with
 * intermediate_size_mlp), one shared expert, NoPE every 4th layer, weightless L2 qk-norm. */
static void fix_llama4(hf_ctx *c)
{
    lx_hparams *hp = c->hp;
    hp->d_expert = hp->d_shared_expert = hp->d_ff;
    hp->n_shared_experts = 1;
    get_u64(c, "intermediate_size_mlp", &hp->d_ff, true);
    uint64_t step = 1;
    get_u64(c, "interleave_moe_layer_step", &step, true);
    bool qk = false;
    get_bool(c, "use_qk_norm", &qk);
    hp->qk_norm = tri(qk);
    json_t *nr = json_object_get(c->cfg, "no_rope_layers");
    bool have_nr = nr && json_is_array(nr) && json_array_size(nr) == hp->n_layers;
    for (uint64_t i = 0; i < hp->n_layers; i++) {
        if ((i + 1) % step != 0) set_bits(hp, i, LX_LAYER_DENSE);
        bool rope = have_nr ? json_is_true(json_array_get(nr, i)) || json_integer_value(json_array_get(nr, i)) != 0
                            : (i + 1) % 4 != 0;
        if (!rope) set_bits(hp, i, LX_LAYER_NOPE);
    }
    hp->has_layer_bits = true;
}

#define LLAMA_DEFS "\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":false"

static const hf_family FAMILIES[] = {
    {"llama", "llama", "rope", "rmsnorm", LX_YES, LX_NO,
     "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-6,\"max_position_embeddings\":2048,"
     "\"mlp_bias\":false}", fix_llama},
    {"mistral", "llama", "rope", "rmsnorm", LX_YES, LX_NO,
     "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-6,\"max_position_embeddings\":131072,"
     "\"sliding_window\":4096}", fix_llama},
    {"mixtral", "llama", "rope", "rmsnorm", LX_YES, LX_NO,
     "{" LLAMA_DEFS ",\"rope_theta\":1e6,\"rms_norm_eps\":1e-5,\"max_position_embeddings\":131072,"
     "\"num_local_experts\":8,\"num_experts_per_tok\":2}", fix_mixtral},
    {"qwen2", "qwen2", "rope", "rmsnorm", LX_YES, LX_NO,
     "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":true,\"rope_theta\":10000,"
     "\"rms_norm_eps\":1e-6,\"max_position_embeddings\":32768,\"use_sliding_window\":false,"
     "\"max_window_layers\":28}", fix_qwen},
    {"qwen2_moe", "qwen2moe", "rope", "rmsnorm", LX_YES, LX_NO,
     "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":true,\"rope_theta\":10000,"
     "\"rms_norm_eps\":1e-6,\"max_position_embeddings\":32768,\"use_sliding_window\":false,"
     "\"max_window_layers\":28,\"num_experts\":60,\"num_experts_per_tok\":4,\"moe_intermediate_size\":1408,"
     "\"shared_expert_intermediate_size\":5632,\"decoder_sparse_step\":1}", fix_qwen2moe},
    {"qwen3", "qwen3", "rope", "rmsnorm", LX_YES, LX_YES,
     "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-6,\"max_position_embeddings\":32768,"
     "\"use_sliding_window\":false,\"max_window_layers\":28}", fix_qwen},
    {"qwen3_moe", "qwen3moe", "rope", "rmsnorm", LX_YES, LX_YES,
     "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-6,\"max_position_embeddings\":32768,"
     "\"use_sliding_window\":false,\"max_window_layers\":28,\"num_experts\":128,\"num_experts_per_tok\":8,"
     "\"moe_intermediate_size\":768,\"decoder_sparse_step\":1}", fix_qwen3moe},
    {"gemma2", "gemma2", "rope", "rmsnorm", LX_YES, LX_NO,
     "{\"hidden_activation\":\"gelu_pytorch_tanh\",\"tie_word_embeddings\":true,\"attention_bias\":false,"
     "\"rope_theta\":10000,\"rms_norm_eps\":1e-6,\"max_position_embeddings\":8192,\"vocab_size\":256000,"
     "\"head_dim\":256,\"sliding_window\":4096,\"attn_logit_softcapping\":50.0,"
     "\"final_logit_softcapping\":30.0}", fix_gemma2},
    {"gemma3_text", "gemma3", "rope", "rmsnorm", LX_YES, LX_YES,
     "{\"hidden_activation\":\"gelu_pytorch_tanh\",\"tie_word_embeddings\":true,\"attention_bias\":false,"
     "\"rope_theta\":1000000,\"rms_norm_eps\":1e-6,\"max_position_embeddings\":131072,\"vocab_size\":262208,"
     "\"hidden_size\":2304,\"intermediate_size\":9216,\"num_hidden_layers\":26,\"num_attention_heads\":8,"
     "\"num_key_value_heads\":4,\"head_dim\":256,\"sliding_window\":4096,\"sliding_window_pattern\":6}",
     fix_gemma3},
    {"gpt2", "gpt2", "learned", "layernorm", LX_NO, LX_NO,
     "{\"activation_function\":\"gelu_new\",\"tie_word_embeddings\":true,\"layer_norm_epsilon\":1e-5,"
     "\"vocab_size\":50257,\"n_positions\":1024,\"n_embd\":768,\"n_layer\":12,\"n_head\":12}", fix_gpt2},
    {"deepseek_v3", "deepseek2", "rope", "rmsnorm", LX_YES, LX_NO,
     "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-6,\"max_position_embeddings\":4096,"
     "\"first_k_dense_replace\":3,\"moe_layer_freq\":1,\"topk_method\":\"noaux_tc\",\"n_shared_experts\":1,"
     "\"n_routed_experts\":256,\"num_experts_per_tok\":8,\"moe_intermediate_size\":2048,"
     "\"q_lora_rank\":1536,\"kv_lora_rank\":512,\"qk_rope_head_dim\":64,\"qk_nope_head_dim\":128,"
     "\"v_head_dim\":128}", fix_deepseek},
    {"deepseek_v2", "deepseek2", "rope", "rmsnorm", LX_YES, LX_NO,
     "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-6,\"max_position_embeddings\":2048,"
     "\"first_k_dense_replace\":0,\"moe_layer_freq\":1,\"topk_method\":\"greedy\"}", fix_deepseek},
    {"phi3", "phi3", "rope", "rmsnorm", LX_YES, LX_NO,
     "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-5,\"max_position_embeddings\":4096,"
     "\"vocab_size\":32064}", fix_llama},
    {"falcon", "falcon", "rope", "layernorm", LX_NO, LX_NO,
     "{\"activation\":\"gelu\",\"tie_word_embeddings\":true,\"layer_norm_epsilon\":1e-5,\"rope_theta\":10000,"
     "\"vocab_size\":65024,\"hidden_size\":4544,\"num_hidden_layers\":32,\"num_attention_heads\":71,"
     "\"max_position_embeddings\":2048,\"multi_query\":true,\"parallel_attn\":true,\"bias\":false}", fix_falcon},
    {"olmo2", "olmo2", "rope", "rmsnorm", LX_YES, LX_YES,
     "{" LLAMA_DEFS ",\"rope_theta\":10000,\"rms_norm_eps\":1e-5,\"max_position_embeddings\":2048}", fix_olmo2},
    {"gpt_oss", "gpt-oss", "rope", "rmsnorm", LX_YES, LX_NO,
     "{\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"attention_bias\":true,\"rope_theta\":150000,"
     "\"rms_norm_eps\":1e-5,\"max_position_embeddings\":131072,\"head_dim\":64,\"sliding_window\":128,"
     "\"num_local_experts\":128,\"experts_per_token\":4}", fix_gpt_oss},
    {"bert", "bert", "learned", "layernorm", LX_NO, LX_NO,
     "{\"hidden_act\":\"gelu\",\"tie_word_embeddings\":true,\"layer_norm_eps\":1e-12,\"vocab_size\":30522,"
     "\"hidden_size\":768,\"num_hidden_layers\":12,\"num_attention_heads\":12,\"intermediate_size\":3072,"
     "\"max_position_embeddings\":512,\"type_vocab_size\":2}", fix_bert},
    {"t5", "t5", "relative", "rmsnorm", LX_NO, LX_NO,
     "{\"feed_forward_proj\":\"relu\",\"tie_word_embeddings\":true,\"layer_norm_epsilon\":1e-6,"
     "\"vocab_size\":32128,\"d_model\":512,\"d_kv\":64,\"d_ff\":2048,\"num_layers\":6,\"num_heads\":8,"
     "\"relative_attention_num_buckets\":32}", fix_t5},
    {"llama4_text", "llama4", "rope", "rmsnorm", LX_YES, LX_YES,
     "{" LLAMA_DEFS ",\"rope_theta\":500000,\"rms_norm_eps\":1e-5,\"max_position_embeddings\":131072,"
     "\"vocab_size\":202048,\"head_dim\":128,\"intermediate_size\":8192,\"intermediate_size_mlp\":16384,"
     "\"num_local_experts\":16,\"num_experts_per_tok\":1,\"interleave_moe_layer_step\":1,"
     "\"use_qk_norm\":true}", fix_llama4},
};

/* Other spellings of a model_type in the table above. */
static const struct { const char *alias, *model_type; } MODEL_TYPE_ALIASES[] = {
    {"gemma3", "gemma3_text"}, {"llama4", "llama4_text"}, {"RefinedWeb", "falcon"},
    {"RefinedWebModel", "falcon"}, {"phi3small", "phi3"},
};

/* Configs without model_type: the first architectures entry's prefix. */
static const struct { const char *prefix, *model_type; } ARCH_PREFIXES[] = {
    {"Llama4", "llama4_text"}, {"Llama", "llama"}, {"Mistral", "mistral"}, {"Mixtral", "mixtral"},
    {"Qwen2Moe", "qwen2_moe"}, {"Qwen2", "qwen2"}, {"Qwen3Moe", "qwen3_moe"}, {"Qwen3", "qwen3"},
    {"Gemma2", "gemma2"}, {"Gemma3", "gemma3_text"}, {"GPT2", "gpt2"}, {"DeepseekV3", "deepseek_v3"},
    {"DeepseekV2", "deepseek_v2"}, {"Phi3", "phi3"}, {"Falcon", "falcon"}, {"RW", "falcon"},
    {"Olmo2", "olmo2"}, {"GptOss", "gpt_oss"}, {"Bert", "bert"}, {"T5", "t5"},
};

static const hf_family *family_by_type(const char *mt)
{
    for (size_t i = 0; i < sizeof MODEL_TYPE_ALIASES / sizeof MODEL_TYPE_ALIASES[0]; i++)
        if (strcmp(mt, MODEL_TYPE_ALIASES[i].alias) == 0) mt = MODEL_TYPE_ALIASES[i].model_type;
    for (size_t i = 0; i < sizeof FAMILIES / sizeof FAMILIES[0]; i++)
        if (strcmp(mt, FAMILIES[i].model_type) == 0) return &FAMILIES[i];
    return NULL;
}

static const char *type_from_architectures(const json_t *root)
{
    const json_t *a = json_object_get(root, "architectures");
    const char *name = json_string_value(json_array_get(a, 0));
    for (size_t i = 0; name && i < sizeof ARCH_PREFIXES / sizeof ARCH_PREFIXES[0]; i++)
        if (strncmp(name, ARCH_PREFIXES[i].prefix, strlen(ARCH_PREFIXES[i].prefix)) == 0)
            return ARCH_PREFIXES[i].model_type;
    return NULL;
}

/* ---------------------------------------------------------------- the steps */

/* Chooses the object holding the model's keys: text_config when the config nests one. */
static void pick_scope(hf_ctx *c)
{
    json_t *tc = json_object_get(c->root, "text_config");
    c->cfg = c->root;
    c->top = c->scope = skip_ws(c->text, c->len, 0);
    c->scope_name = "";
    if (!tc || !json_is_object(tc)) return;
    c->cfg = tc;
    c->scope_name = "text_config.";
    size_t value;
    if (find_member(c->text, c->len, c->top, "text_config", &value) != NOT_FOUND) c->scope = value;
}

/* model_type in obj (whose '{' is at `at`) is a string or null when present. */
static bool model_type_ok(hf_ctx *c, json_t *obj, size_t at, const char *scope_name)
{
    json_t *v = json_object_get(obj, "model_type");
    if (!v || json_is_null(v) || json_is_string(v)) return true;
    hf_ctx in = *c;
    in.scope = at;
    in.scope_name = scope_name;
    type_error(&in, "model_type", "a string", v);
    return false;
}

static const hf_family *pick_family(hf_ctx *c)
{
    if (!model_type_ok(c, c->root, c->top, "") || !model_type_ok(c, c->cfg, c->scope, c->scope_name))
        return NULL;
    const char *mt = json_string_value(json_object_get(c->root, "model_type"));
    const char *inner = json_string_value(json_object_get(c->cfg, "model_type"));
    if (!mt) mt = inner;
    if (!mt) mt = type_from_architectures(c->root);
    if (!mt) {
        lx_err_set(c->err, LX_ERR_MODEL, "%s: no model_type and no known architectures entry "
                   "(expected a Hugging Face config.json)", c->path);
        return NULL;
    }
    copy_str(c->hp->arch_raw, sizeof c->hp->arch_raw, mt);
    const hf_family *f = family_by_type(mt);
    if (!f && inner) f = family_by_type(inner);
    return f;
}

static void apply_family(hf_ctx *c, const hf_family *f)
{
    lx_hparams *hp = c->hp;
    if (!f) { /* unknown: keep the declared name, read the common keys */
        copy_str(hp->family, sizeof hp->family, hp->arch_raw);
        return;
    }
    copy_str(hp->family, sizeof hp->family, f->family);
    copy_str(hp->position, sizeof hp->position, f->position);
    copy_str(hp->norm, sizeof hp->norm, f->norm);
    hp->gated = f->gated;
    hp->qk_norm = f->qk_norm;
    json_error_t je;
    c->defs = json_loads(f->defaults, JSON_REJECT_DUPLICATES, &je);
}

static void name_from_path(lx_hparams *hp, const char *path)
{
    const char *end = path + strlen(path);
    const char *slash = strrchr(path, '/');
    if (slash && strcmp(slash + 1, "config.json") == 0) { /* the folder's name */
        end = slash;
        while (end > path && end[-1] == '/') end--;
        const char *start = end;
        while (start > path && start[-1] != '/') start--;
        if (end > start) { snprintf(hp->name, sizeof hp->name, "%.*s", (int)(end - start), start); return; }
    }
    const char *base = slash ? slash + 1 : path;
    snprintf(hp->name, sizeof hp->name, "%.*s", (int)(end - base), base);
}

static void read_name(hf_ctx *c)
{
    const char *n = json_string_value(json_object_get(c->root, "_name_or_path"));
    if (n && *n) {
        const char *slash = strrchr(n, '/');
        copy_str(c->hp->name, sizeof c->hp->name, slash && slash[1] ? slash + 1 : n);
        return;
    }
    name_from_path(c->hp, c->path);
}

/* Run before any per-layer loop: the pattern array holds LX_MAX_LAYERS layers. */
static void check_depth(hf_ctx *c)
{
    const lx_hparams *hp = c->hp;
    bool enc = hp->n_layers > LX_MAX_LAYERS;
    if (!enc && hp->n_dec_layers <= LX_MAX_LAYERS) return;
    char what[96];
    snprintf(what, sizeof what, "%llu layers (expected at most %d)",
             (unsigned long long)(enc ? hp->n_layers : hp->n_dec_layers), LX_MAX_LAYERS);
    key_error(c, enc ? "num_hidden_layers" : "num_decoder_layers", what);
}

/* A count every later stage needs: an explicit null is named at its position; an absent
 * key has none to name. */
static void require(hf_ctx *c, uint64_t v, const char *key)
{
    if (v || lx_err_failed(c->err)) return;
    const u64_field *f = field_of(key);
    char alts[160] = "";
    for (int k = 0; f && k < 5 && f->keys[k]; k++)
        snprintf(alts + strlen(alts), sizeof alts - strlen(alts), "%s%s", k ? ", " : "", f->keys[k]);
    key = spelled(c, key);
    if (json_is_null(json_object_get(c->cfg, key)))
        pos_error(c, key_pos(c, key), "%s%s missing (found null; expected one of %s)", c->scope_name, key, alts);
    else
        lx_err_set(c->err, LX_ERR_MODEL, "%s: %s%s missing (expected one of %s)", c->path, c->scope_name, key, alts);
}

/* Defaults that depend on other fields, then the checks every later stage relies on. */
static void resolve(hf_ctx *c)
{
    lx_hparams *hp = c->hp;
    require(c, hp->d_model, "hidden_size");
    require(c, hp->n_layers, "num_hidden_layers");
    require(c, hp->n_heads, "num_attention_heads");
    require(c, hp->vocab_size, "vocab_size");
    if (lx_err_failed(c->err)) return;
    if (!hp->n_kv_heads) hp->n_kv_heads = hp->n_heads;
    if (hp->n_kv_heads > hp->n_heads || hp->n_heads % hp->n_kv_heads != 0) {
        char what[128];
        snprintf(what, sizeof what, "%llu does not divide %llu attention heads (expected a divisor)",
                 (unsigned long long)hp->n_kv_heads, (unsigned long long)hp->n_heads);
        key_error(c, "num_key_value_heads", what);
        return;
    }
    if (!hp->head_dim) {
        if (hp->d_model % hp->n_heads != 0) {
            key_error(c, "num_attention_heads", "does not divide hidden_size and no head_dim is given "
                      "(expected head_dim)");
            return;
        }
        hp->head_dim = hp->d_model / hp->n_heads;
    }
    if (c->rotary_frac > 0 && c->rotary_frac < 1) hp->rope_dims = (uint64_t)(c->rotary_frac * (double)hp->head_dim);
    if (hp->n_experts_used > hp->n_experts) {
        key_error(c, "num_experts_per_tok", "exceeds the number of experts (expected at most that many)");
        return;
    }
    if (!hp->n_experts) { hp->n_experts_used = hp->n_shared_experts = hp->d_expert = hp->d_shared_expert = 0; }
    if (!hp->d_ff && !hp->n_experts) require(c, 0, "intermediate_size");
    if (!strcmp(hp->position, "rope") && !hp->rope_theta) hp->rope_theta = 10000;
}

lx_status lx_hfconfig_parse(const char *text, size_t len, const char *path, lx_hparams *hp, lx_err *err)
{
    memset(hp, 0, sizeof *hp);
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return lx_err_set(err, LX_ERR_MODEL, "%s: line %d:%d: %s (expected valid JSON)", path, je.line,
                          je.column, je.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return lx_err_set(err, LX_ERR_MODEL, "%s: line 1:1: the top level is not an object "
                          "(expected a config.json object)", path);
    }
    hf_ctx c = {.path = path, .text = text, .len = len, .root = root, .hp = hp, .err = err};
    pick_scope(&c);
    const hf_family *f = pick_family(&c);
    if (!lx_err_failed(err)) {
        apply_family(&c, f);
        read_name(&c);
        read_dtype(&c);
        read_counts(&c);
        check_depth(&c);
        read_scalars(&c);
        if (f && f->fix && !lx_err_failed(err)) f->fix(&c);
        if (!lx_err_failed(err)) read_layer_types(&c);
        if (!lx_err_failed(err)) resolve(&c);
    }
    json_decref(c.defs);
    json_decref(root);
    return lx_err_failed(err) ? err->code : LX_OK;
}

lx_status lx_hfconfig_load(const char *path, lx_hparams *hp, lx_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return lx_err_set(err, LX_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    lx_buf b;
    lx_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= LX_HFCONFIG_MAX_BYTES) lx_buf_put(&b, chunk, n);
    bool read_err = ferror(f) != 0;
    fclose(f);
    lx_status st = LX_OK;
    if (read_err) st = lx_err_set(err, LX_ERR_IO, "%s: read error", path);
    else if (!lx_buf_ok(&b)) st = lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    else if (b.len > LX_HFCONFIG_MAX_BYTES)
        st = lx_err_set(err, LX_ERR_MODEL, "%s: offset %u: file too large (expected a config.json of at most "
                        "16 MB)", path, LX_HFCONFIG_MAX_BYTES);
    else st = lx_hfconfig_parse(b.len ? b.data : "", b.len, path, hp, err);
    lx_buf_free(&b);
    return st;
}
