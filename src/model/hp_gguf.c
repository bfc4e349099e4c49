/* model/hp_gguf — see hp_gguf.h.
 *
 * One table row per known architecture (canonical family, where its keys live, what the
 * file never says: position kind, activation, the sliding-window rule); then table-driven
 * reads of the {prefix}.* keys, each type-checked; then the counts are validated (declared
 * layer/width/head counts positive, at most LX_MAX_LAYERS blocks, KV heads dividing the heads,
 * experts per token within the experts, every blk.N tensor inside block_count; each error
 * names the key's offset); then the few derived values (heads must divide the width when
 * key_length is absent) and the per-layer bits.
 */
#include "model/hp_gguf.h"

#include "model/families/family.h"
#include "util/text.h"

#include <float.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct hg_ctx {
    const lx_gguf *g;
    const char *path;
    const lx_family *fam;
    char prefix[64];
    lx_hparams *hp;
    lx_err *err;
};
typedef struct hg_ctx hg_ctx;

/* ---------------------------------------------------------------- typed key reads */

/* Copies src into dst[cap], cut to fit (names longer than the field are cut on purpose). */
static void hg_copy(char *dst, size_t cap, const char *src)
{
    lx_text_copy(dst, cap, src, cap);
}

static bool hg_type_error(hg_ctx *c, long i, const char *key, const char *want)
{
    lx_gguf_type t = lx_gguf_kv_type(c->g, (size_t)i);
    lx_gguf_type elem = LX_GGUF_TYPE_COUNT;
    uint64_t n = 0;
    char got[48];
    if (t == LX_GGUF_ARRAY && lx_gguf_get_arr(c->g, key, &elem, &n))
        snprintf(got, sizeof got, "array of %s", lx_gguf_type_name(elem));
    else
        hg_copy(got, sizeof got, lx_gguf_type_name(t));
    lx_err_set(c->err, LX_ERR_MODEL, "%s: offset %" PRIu64 ": %s: has type %s (expected %s)",
               c->path, lx_gguf_kv_offset(c->g, (size_t)i), key, got, want);
    return false;
}

static bool hg_is_int(lx_gguf_type t)
{
    return t <= LX_GGUF_I32 || t == LX_GGUF_U64 || t == LX_GGUF_I64;
}

/* Largest element of an integer array (per-layer values); false on a non-integer. */
static bool hg_arr_max(hg_ctx *c, long i, const char *key, uint64_t *out)
{
    lx_gguf_type elem;
    uint64_t n, max = 0;
    if (!lx_gguf_get_arr(c->g, key, &elem, &n) || !hg_is_int(elem))
        return hg_type_error(c, i, key, "an unsigned integer or an array of them");
    for (uint64_t k = 0; k < n; k++) {
        int64_t v;
        if (!lx_gguf_arr_i64(c->g, key, k, &v) || v < 0)
            return hg_type_error(c, i, key, "an unsigned integer or an array of them");
        if ((uint64_t)v > max) max = (uint64_t)v;
    }
    *out = max;
    return true;
}

/* An unsigned integer at key (full name); untouched when absent. */
static bool hg_uint_key(hg_ctx *c, const char *key, uint64_t *out, bool per_layer)
{
    long i = lx_gguf_find(c->g, key);
    if (i < 0) return true;
    if (per_layer && lx_gguf_kv_type(c->g, (size_t)i) == LX_GGUF_ARRAY)
        return hg_arr_max(c, i, key, out);
    if (!lx_gguf_get_u64(c->g, key, out))
        return hg_type_error(c, i, key, per_layer ? "an unsigned integer or an array of them"
                                                  : "an unsigned integer");
    return true;
}

static void hg_key(const hg_ctx *c, const char *suffix, char *key, size_t cap)
{
    snprintf(key, cap, "%s.%s", c->prefix, suffix);
}

static bool hg_uint(hg_ctx *c, const char *suffix, uint64_t *out, bool per_layer)
{
    char key[160];
    hg_key(c, suffix, key, sizeof key);
    return hg_uint_key(c, key, out, per_layer);
}

static bool hg_real(hg_ctx *c, const char *suffix, double *out, bool *found)
{
    char key[160];
    hg_key(c, suffix, key, sizeof key);
    long i = lx_gguf_find(c->g, key);
    if (found) *found = i >= 0;
    if (i < 0) return true;
    if (!lx_gguf_get_f64(c->g, key, out)) return hg_type_error(c, i, key, "a number");
    if (!(*out >= 0 && *out <= DBL_MAX)) { /* NaN, infinite or negative: no theta, factor, cap or epsilon */
        lx_err_set(c->err, LX_ERR_MODEL, "%s: offset %" PRIu64 ": %s: %g (expected a finite non-negative number)", c->path,
                   lx_gguf_kv_offset(c->g, (size_t)i), key, *out);
        return false;
    }
    return true;
}

static bool hg_text(hg_ctx *c, const char *key, char *out, size_t cap)
{
    long i = lx_gguf_find(c->g, key);
    if (i < 0) return true;
    const char *s = lx_gguf_get_str(c->g, key);
    if (!s) return hg_type_error(c, i, key, "a string");
    hg_copy(out, cap, s);
    return true;
}

/* ---------------------------------------------------------------- counts */

#define HP(f) offsetof(lx_hparams, f)

static const struct { const char *suffix; size_t off; bool per_layer; } COUNTS[] = {
    {"block_count", HP(n_layers), false},
    {"embedding_length", HP(d_model), false},
    {"feed_forward_length", HP(d_ff), true},
    {"attention.head_count", HP(n_heads), true},
    {"attention.head_count_kv", HP(n_kv_heads), true},
    {"context_length", HP(context_length), false},
    {"vocab_size", HP(vocab_size), false},
    {"attention.sliding_window", HP(sliding_window), false},
    {"expert_count", HP(n_experts), false},
    {"expert_used_count", HP(n_experts_used), false},
    {"expert_shared_count", HP(n_shared_experts), false},
    {"expert_feed_forward_length", HP(d_expert), false},
    {"expert_shared_feed_forward_length", HP(d_shared_expert), false},
    {"leading_dense_block_count", HP(n_dense_prefix), false},
    {"attention.q_lora_rank", HP(q_lora_rank), false},
    {"attention.kv_lora_rank", HP(kv_lora_rank), false},
    {"rope.scaling.original_context_length", HP(rope_orig_ctx), false},
    {"decoder_block_count", HP(n_dec_layers), false},
    {"attention.relative_buckets_count", HP(rel_attn_buckets), false},
    {"nextn_predict_layers", HP(n_nextn_layers), false},
    {"ssm.conv_kernel", HP(ssm_conv), false},
    {"ssm.inner_size", HP(ssm_d_inner), false},
    {"ssm.state_size", HP(ssm_d_state), false},
    {"ssm.time_step_rank", HP(ssm_dt_rank), false},
    {"ssm.group_count", HP(ssm_groups), false},
    {"shortconv.l_cache", HP(conv_kernel), false},
    {"attention.chunk_size", HP(chunk_size), false},
    {"embedding_length_per_layer_input", HP(ple_dim), false},
    {"attention.shared_kv_layers", HP(n_kv_shared_layers), false},
};

static const struct { const char *suffix; size_t off; } REALS[] = {
    {"rope.freq_base", HP(rope_theta)},
    {"rope.scaling.factor", HP(rope_factor)},
    {"attn_logit_softcapping", HP(attn_softcap)},
    {"final_logit_softcapping", HP(final_softcap)},
};

static bool hg_counts(hg_ctx *c)
{
    for (size_t i = 0; i < sizeof COUNTS / sizeof COUNTS[0]; i++)
        if (!hg_uint(c, COUNTS[i].suffix, (uint64_t *)((char *)c->hp + COUNTS[i].off),
                     COUNTS[i].per_layer))
            return false;
    for (size_t i = 0; i < sizeof REALS / sizeof REALS[0]; i++)
        if (!hg_real(c, REALS[i].suffix, (double *)((char *)c->hp + REALS[i].off), NULL))
            return false;
    return true;
}

/* ---------------------------------------------------------------- derived values */

static bool hg_norm(hg_ctx *c)
{
    lx_hparams *hp = c->hp;
    bool rms = false, ln = false;
    double eps = 0;
    if (!hg_real(c, "attention.layer_norm_rms_epsilon", &eps, &rms)) return false;
    if (rms) {
        hg_copy(hp->norm, sizeof hp->norm, "rmsnorm");
        hp->norm_eps = eps;
        return true;
    }
    if (!hg_real(c, "attention.layer_norm_epsilon", &eps, &ln)) return false;
    if (ln) {
        hg_copy(hp->norm, sizeof hp->norm, "layernorm");
        hp->norm_eps = eps;
    }
    return true;
}

/* Position kind, rope scaling; rope.dimension_count is read by hg_heads. */
static bool hg_rope(hg_ctx *c)
{
    lx_hparams *hp = c->hp;
    char key[160], type[32] = "";
    hg_key(c, "rope.scaling.type", key, sizeof key);
    if (!hg_text(c, key, type, sizeof type)) return false;
    if (strcmp(type, "none") != 0) hg_copy(hp->rope_scaling, sizeof hp->rope_scaling, type);
    double linear = 0;
    bool has_linear = false;
    if (!hg_real(c, "rope.scale_linear", &linear, &has_linear)) return false;
    if (has_linear && linear != 1.0 && !type[0]) { /* older files: a plain linear factor */
        hg_copy(hp->rope_scaling, sizeof hp->rope_scaling, "linear");
        hp->rope_factor = linear;
    }
    hg_copy(hp->position, sizeof hp->position, c->fam ? c->fam->position : "");
    hg_key(c, "rope.", key, sizeof key);
    for (size_t i = 0; i < lx_gguf_n_kv(c->g); i++)
        if (strncmp(lx_gguf_key(c->g, i), key, strlen(key)) == 0)
            hg_copy(hp->position, sizeof hp->position, "rope");
    return true;
}

static bool hg_fail(hg_ctx *c, const char *suffix, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* No key_length: the head is d_model / n_heads, so the heads must divide the width.
 * Families whose heads do not (Gemma: 16 x 256 != 3584; Qwen3) declare key_length. Outside
 * the family table the head size is left unknown instead. */
static bool hg_derive_head_dim(hg_ctx *c)
{
    lx_hparams *hp = c->hp;
    if (!hp->n_heads || !hp->d_model) return true;
    if (hp->d_model % hp->n_heads == 0) {
        hp->head_dim = hp->d_model / hp->n_heads;
        return true;
    }
    if (!c->fam) return true;
    return hg_fail(c, "attention.head_count", "%" PRIu64 " heads do not divide the width %" PRIu64 " and no "
                   "%s.attention.key_length is declared (expected a divisor of %" PRIu64 ", or key_length)",
                   hp->n_heads, hp->d_model, c->prefix, hp->d_model);
}

/* Head sizes: key_length (default d_model / n_heads); MLA's per-head sizes. */
static bool hg_heads(hg_ctx *c)
{
    lx_hparams *hp = c->hp;
    uint64_t k = 0, v = 0, k_mla = 0, v_mla = 0, rot = 0;
    if (!hg_uint(c, "attention.key_length", &k, false) ||
        !hg_uint(c, "attention.value_length", &v, false) ||
        !hg_uint(c, "attention.key_length_mla", &k_mla, false) ||
        !hg_uint(c, "attention.value_length_mla", &v_mla, false) ||
        !hg_uint(c, "rope.dimension_count", &rot, false))
        return false;
    if (!hp->n_kv_heads) hp->n_kv_heads = hp->n_heads;
    if (hp->kv_lora_rank) {
        /* MLA: key_length is the cached latent (kv_lora_rank + rope dims) in current files,
         * the per-head size lives in key_length_mla; older files have it in key_length. */
        hp->head_dim = k_mla ? k_mla : k;
        hp->v_head_dim = k_mla ? v_mla : v;
        hp->qk_rope_head_dim = rot;
        hp->qk_nope_head_dim = hp->head_dim > rot ? hp->head_dim - rot : 0;
        hp->rope_dims = rot;
        return true;
    }
    hp->head_dim = k;
    if (!k && !hg_derive_head_dim(c)) return false;
    if (v && v != hp->head_dim) hp->v_head_dim = v;
    if (rot && rot < hp->head_dim) hp->rope_dims = rot;
    return true;
}

static bool hg_vocab(hg_ctx *c)
{
    lx_gguf_type elem;
    uint64_t n;
    if (!c->hp->vocab_size && lx_gguf_get_arr(c->g, "tokenizer.ggml.tokens", &elem, &n))
        c->hp->vocab_size = n;
    return hg_uint_key(c, "tokenizer.ggml.token_type_count", &c->hp->n_token_types, false);
}

/* Experts as wide as the FFN when not declared (Mixtral); DeepSeek's shared experts are
 * n_shared experts of the routed width. */
static void hg_experts(lx_hparams *hp)
{
    if (hp->n_experts && !hp->d_expert) hp->d_expert = hp->d_ff;
    if (hp->n_shared_experts && !hp->d_shared_expert)
        hp->d_shared_expert = hp->d_expert * hp->n_shared_experts;
}

/* block_count counts the multi-token-prediction layers appended after the main model. */
static void hg_nextn(lx_hparams *hp)
{
    if (hp->n_nextn_layers && hp->n_nextn_layers < hp->n_layers) hp->n_layers -= hp->n_nextn_layers;
}

/* ---------------------------------------------------------------- per-layer kinds */

static void hg_bits(lx_hparams *hp, uint64_t i, uint32_t bits)
{
    if (i < LX_MAX_LAYERS) hp->layer_bits[i] |= bits;
    hp->has_layer_bits = true;
}

/* Every period-th layer is global, the others slide (llama.cpp's set_swa_pattern). */
static void hg_window_period(lx_hparams *hp, uint64_t period)
{
    for (uint64_t i = 0; period && i < hp->n_layers; i++)
        if ((i + 1) % period != 0) hg_bits(hp, i, LX_LAYER_SLIDING);
}

/* {arch}.attention.sliding_window_pattern: a period, or one bool per layer. */
static bool hg_window_declared(hg_ctx *c, bool *declared)
{
    char key[160];
    hg_key(c, "attention.sliding_window_pattern", key, sizeof key);
    long i = lx_gguf_find(c->g, key);
    *declared = i >= 0;
    if (i < 0) return true;
    lx_gguf_type elem;
    uint64_t n, period;
    if (lx_gguf_get_arr(c->g, key, &elem, &n)) {
        for (uint64_t k = 0; k < n && k < c->hp->n_layers; k++) {
            int64_t v;
            if (!lx_gguf_arr_i64(c->g, key, k, &v))
                return hg_type_error(c, i, key, "a period or an array of bools");
            if (v) hg_bits(c->hp, k, LX_LAYER_SLIDING);
        }
        c->hp->has_layer_bits = true;
        return true;
    }
    if (!lx_gguf_get_u64(c->g, key, &period))
        return hg_type_error(c, i, key, "a period or an array of bools");
    hg_window_period(c->hp, period);
    return true;
}

static bool hg_layers(hg_ctx *c)
{
    lx_hparams *hp = c->hp;
    bool declared = false;
    if (hp->sliding_window && !hg_window_declared(c, &declared)) return false;
    int rule = c->fam ? c->fam->gguf_window : LX_FAM_WINDOW_ALL;
    if (hp->sliding_window && !declared) {
        if (rule > 0) hg_window_period(hp, (uint64_t)rule);
        for (uint64_t i = 0; rule == LX_FAM_WINDOW_ALL && i < hp->n_layers; i++)
            hg_bits(hp, i, LX_LAYER_SLIDING);
    }
    for (uint64_t i = 0; hp->n_experts && i < hp->n_dense_prefix && i < hp->n_layers; i++)
        hg_bits(hp, i, LX_LAYER_DENSE);
    return c->fam && c->fam->gguf ? c->fam->gguf(c->g, c->prefix, hp, c->err) : true;
}

/* ---------------------------------------------------------------- identity */

/* A general.name that is only the family's name ("llama"): it names no model. */
static bool bare_family_name(const lx_hparams *hp, const char *name)
{
    return !strcasecmp(name, hp->arch_raw) || !strcasecmp(name, hp->family);
}

/* general.name, else (also when it is a bare family name) the file name without directory,
 * ".gguf" and a shard suffix. */
static bool hg_name(hg_ctx *c)
{
    lx_hparams *hp = c->hp;
    if (!hg_text(c, "general.name", hp->name, sizeof hp->name)) return false;
    if (hp->name[0] && !bare_family_name(hp, hp->name)) return true;
    const char *base = strrchr(c->path, '/');
    base = base ? base + 1 : c->path;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".gguf") == 0) n -= 5;
    static const char shard[] = "-#####-of-#####";
    size_t k = sizeof shard - 1;
    bool is_shard = n > k;
    for (size_t i = 0; is_shard && i < k; i++) {
        char ch = base[n - k + i];
        is_shard = shard[i] == '#' ? ch >= '0' && ch <= '9' : ch == shard[i];
    }
    if (is_shard) n -= k;
    snprintf(hp->name, sizeof hp->name, "%.*s", (int)n, base);
    return true;
}

static bool hg_arch(hg_ctx *c)
{
    lx_hparams *hp = c->hp;
    long i = lx_gguf_find(c->g, "general.architecture");
    if (i < 0) {
        lx_err_set(c->err, LX_ERR_MODEL, "%s: offset 0: general.architecture: missing (expected "
                   "a string such as \"llama\")", c->path);
        return false;
    }
    if (!hg_text(c, "general.architecture", hp->arch_raw, sizeof hp->arch_raw)) return false;
    hg_copy(hp->family, sizeof hp->family, hp->arch_raw);
    hg_copy(c->prefix, sizeof c->prefix, hp->arch_raw);
    c->fam = lx_family_by_gguf(hp->arch_raw);
    if (c->fam) {
        hg_copy(hp->family, sizeof hp->family, c->fam->name);
        hg_copy(hp->activation, sizeof hp->activation, c->fam->activation ? c->fam->activation : "");
        if (c->fam->gguf_prefix) hg_copy(c->prefix, sizeof c->prefix, c->fam->gguf_prefix);
    }
    return true;
}

/* ---------------------------------------------------------------- validation */

/* "PATH: offset N: KEY: WHAT" where N is the offset of {prefix}.SUFFIX's value. */
static bool hg_fail(hg_ctx *c, const char *suffix, const char *fmt, ...)
{
    char key[160], what[320];
    hg_key(c, suffix, key, sizeof key);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    long i = lx_gguf_find(c->g, key);
    lx_err_set(c->err, LX_ERR_MODEL, "%s: offset %" PRIu64 ": %s: %s", c->path,
               i < 0 ? 0 : lx_gguf_kv_offset(c->g, (size_t)i), key, what);
    return false;
}

static bool hg_declared(const hg_ctx *c, const char *suffix)
{
    char key[160];
    hg_key(c, suffix, key, sizeof key);
    return lx_gguf_find(c->g, key) >= 0;
}

/* Counts that must be positive when declared: later stages divide by them or loop over
 * them (CVE-2024-8063 is a block_count of 0). Recurrent families outside the table
 * (Mamba, RWKV) declare head_count 0, so heads are required of the table's families only. */
static const struct { const char *suffix; size_t off; bool attention; const char *what; } POSITIVE[] = {
    {"block_count", HP(n_layers), false, "number of blocks"},
    {"decoder_block_count", HP(n_dec_layers), false, "number of decoder blocks"},
    {"embedding_length", HP(d_model), false, "model width"},
    {"attention.head_count", HP(n_heads), true, "number of attention heads"},
    {"attention.head_count_kv", HP(n_kv_heads), true, "number of KV heads"},
};

static bool hg_check_positive(hg_ctx *c)
{
    for (size_t i = 0; i < sizeof POSITIVE / sizeof POSITIVE[0]; i++) {
        if (POSITIVE[i].attention && !c->fam) continue;
        if (*(const uint64_t *)((const char *)c->hp + POSITIVE[i].off) || !hg_declared(c, POSITIVE[i].suffix))
            continue;
        return hg_fail(c, POSITIVE[i].suffix, "the %s is 0 (expected at least 1)", POSITIVE[i].what);
    }
    return true;
}

/* The per-layer pattern array holds LX_MAX_LAYERS layers; deeper models are refused. */
static bool hg_check_depth(hg_ctx *c)
{
    const lx_hparams *hp = c->hp;
    if (hp->n_layers > LX_MAX_LAYERS)
        return hg_fail(c, "block_count", "%" PRIu64 " blocks (expected at most %d)", hp->n_layers, LX_MAX_LAYERS);
    if (hp->n_dec_layers > LX_MAX_LAYERS)
        return hg_fail(c, "decoder_block_count", "%" PRIu64 " blocks (expected at most %d)", hp->n_dec_layers,
                       LX_MAX_LAYERS);
    return true;
}

static bool hg_is_array(const hg_ctx *c, const char *suffix)
{
    char key[160];
    hg_key(c, suffix, key, sizeof key);
    long i = lx_gguf_find(c->g, key);
    return i >= 0 && lx_gguf_kv_type(c->g, (size_t)i) == LX_GGUF_ARRAY;
}

/* Grouped-query attention shares each KV head among n_heads / n_kv_heads query heads
 * (single values only: per-layer arrays, as in OpenELM, vary by design). */
static bool hg_check_kv_heads(hg_ctx *c)
{
    const lx_hparams *hp = c->hp;
    if (!c->fam || !hp->n_heads || !hp->n_kv_heads || hg_is_array(c, "attention.head_count") ||
        hg_is_array(c, "attention.head_count_kv"))
        return true;
    if (hp->n_kv_heads <= hp->n_heads && hp->n_heads % hp->n_kv_heads == 0) return true;
    return hg_fail(c, "attention.head_count_kv", "%" PRIu64 " does not divide %" PRIu64 " attention heads "
                   "(expected a divisor of it)", hp->n_kv_heads, hp->n_heads);
}

static bool hg_check_experts(hg_ctx *c)
{
    const lx_hparams *hp = c->hp;
    if (!hp->n_experts || hp->n_experts_used <= hp->n_experts) return true;
    return hg_fail(c, "expert_used_count", "%" PRIu64 " experts per token (expected at most expert_count, %"
                   PRIu64 ")", hp->n_experts_used, hp->n_experts);
}

/* The block index of a llama.cpp tensor name "blk.N.…", or -1. */
static long hg_block_of(const char *name)
{
    if (strncmp(name, "blk.", 4) != 0) return -1;
    long n = 0;
    const char *p = name + 4;
    if (*p < '0' || *p > '9') return -1;
    for (; *p >= '0' && *p <= '9'; p++)
        if ((n = n * 10 + (*p - '0')) > 1000000) return -1;
    return *p == '.' ? n : -1;
}

/* Every blk.N tensor lies inside the declared block_count (which counts DeepSeek's
 * next-token-prediction blocks too): a reader sizing per-layer tables by block_count and
 * indexing them by tensor names must not be led past them. */
static bool hg_check_tensor_blocks(hg_ctx *c)
{
    const lx_tensors *t = lx_gguf_tensors(c->g);
    if (!c->hp->n_layers || !t) return true;
    for (size_t i = 0; i < t->n; i++) {
        long b = hg_block_of(t->v[i].name);
        if (b >= 0 && (uint64_t)b >= c->hp->n_layers)
            return hg_fail(c, "block_count", "declares %" PRIu64 " blocks, but tensor \"%s\" is in block %ld "
                           "(expected every blk.N tensor below block_count)", c->hp->n_layers, t->v[i].name, b);
    }
    return true;
}

static bool hg_check_counts(hg_ctx *c)
{
    return hg_check_positive(c) && hg_check_depth(c) && hg_check_kv_heads(c) && hg_check_experts(c) &&
           hg_check_tensor_blocks(c);
}

lx_status lx_hp_from_gguf(const lx_gguf *g, const char *path, lx_hparams *hp, lx_err *err)
{
    memset(hp, 0, sizeof *hp);
    hg_ctx c = { .g = g, .path = path, .hp = hp, .err = err };
    bool ok = hg_arch(&c) && hg_name(&c) && hg_counts(&c) && hg_check_counts(&c) &&
              hg_norm(&c) && hg_rope(&c) && hg_heads(&c) && hg_vocab(&c);
    if (ok) {
        hg_experts(hp);
        hg_nextn(hp);
        ok = hg_layers(&c);
    }
    return ok ? LX_OK : (err && err->code ? err->code : LX_ERR_MODEL);
}
