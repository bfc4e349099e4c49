/* infer/llama — see llama.h.
 *
 * Sections: families, hyper-parameters, tensors (each checked for presence, type and
 * shape before use: the file may be hostile), run state, forward pass. */
#include "infer/llama.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "infer/dequant.h"
#include "model/roles.h"
#include "util/buf.h"

/* ---- families ---- */

/* What varies between the families this engine runs (one row each). */
static const lx_llama_traits FAMILIES[] = {
    /* arch     rope   neox   layernorm gelu   learned_pos geglu  embed_scale post_only qk_full swa_every swa_theta nope_every moe hf_norm_offset */
    {"llama",   true,  false, false,    false, false,      false, false,      false,    false,  0, 0, 0, false, false},
    {"qwen2",   true,  true,  false,    false, false,      false, false,      false,    false,  0, 0, 0, false, false},
    {"qwen3",   true,  true,  false,    false, false,      false, false,      false,    false,  0, 0, 0, false, false},
    /* phi3: no window, though its GGUF may carry attention.sliding_window (config.json's
     * sliding_window, 2047 in Phi-3-mini-4k): llama.cpp's loader turns Phi-3's window off */
    {"phi3",    true,  true,  false,    false, false,      false, false,      false,    false,  0, 0, 0, false, false},
    {"smollm3", true,  false, false,    false, false,      false, false,      false,    false,  0, 0, 4, false, false},
    {"gpt2",    false, false, true,     true,  true,       false, false,      false,    false,  0, 0, 0, false, false},
    {"gemma",   true,  true,  false,    false, false,      true,  true,       false,    false,  0, 0, 0, false, true},
    {"gemma2",  true,  true,  false,    false, false,      true,  true,       false,    false,  2, 0, 0, false, true},
    {"gemma3",  true,  true,  false,    false, false,      true,  true,       false,    false,  6, 10000.0f, 0, false, true},
    {"olmo2",   true,  true,  false,    false, false,      false, false,      true,     true,   0, 0, 0, false, false},
    {"qwen3moe", true, true,  false,    false, false,      false, false,      false,    false,  0, 0, 0, true,  false},
};

static const lx_llama_traits *find_family(const char *arch)
{
    for (size_t i = 0; arch && i < sizeof FAMILIES / sizeof FAMILIES[0]; i++)
        if (strcmp(FAMILIES[i].arch, arch) == 0) return &FAMILIES[i];
    return NULL;
}

static const char *arch_at(size_t i)
{
    return i < sizeof FAMILIES / sizeof FAMILIES[0] ? FAMILIES[i].arch : NULL;
}

/* ---- hyper-parameters ---- */

#define MAX_DIM ((uint64_t)1 << 20)   /* any width: d_model, d_ff, head count, ... */
#define MAX_LAYERS ((uint64_t)4096)

/* "<arch>.<suffix>" as a size in [1, max]; false when absent. */
static bool hp_size(const lx_weights *g, const char *arch, const char *suffix, uint64_t max,
                    size_t *out, const char *path, lx_err *err)
{
    char key[128];
    uint64_t v;
    snprintf(key, sizeof key, "%s.%s", arch, suffix);
    if (!lx_weights_u64(g, suffix, &v)) return false;
    if (v == 0 || v > max) {
        lx_err_set(err, LX_ERR_MODEL, "%s: %s is %llu (expected 1 to %llu)", path, key,
                   (unsigned long long)v, (unsigned long long)max);
        return false;
    }
    *out = (size_t)v;
    return true;
}

static float hp_float(const lx_weights *g, const char *suffix, float dflt)
{
    double v;
    return lx_weights_f64(g, suffix, &v) && isfinite(v) && v > 0 ? (float)v : dflt;
}

static lx_status require(bool ok, const char *path, const char *arch, const char *suffix, lx_err *err)
{
    if (ok || lx_err_failed(err)) return err->code;
    return lx_err_set(err, LX_ERR_MODEL, "%s: %s.%s is missing", path, arch, suffix);
}

static lx_status read_hparams(const lx_weights *g, const char *path, const lx_llama_traits *f, lx_llama_hp *hp,
                              lx_err *err)
{
    const char *a = f->arch;
    snprintf(hp->family, sizeof hp->family, "%s", a);
    hp->t = *f;
    hp->neox = f->neox || g->hf_layout; /* transformers' rotate_half pairs every family's Q/K rows half-split */
    if (require(hp_size(g, a, "embedding_length", MAX_DIM, &hp->d_model, path, err), path, a, "embedding_length", err) ||
        require(hp_size(g, a, "block_count", MAX_LAYERS, &hp->n_layers, path, err), path, a, "block_count", err) ||
        require(hp_size(g, a, "attention.head_count", MAX_DIM, &hp->n_heads, path, err), path, a, "attention.head_count", err) ||
        require(hp_size(g, a, "feed_forward_length", MAX_DIM, &hp->d_ff, path, err), path, a, "feed_forward_length", err))
        return err->code;
    if (!hp_size(g, a, "attention.head_count_kv", MAX_DIM, &hp->n_kv_heads, path, err)) hp->n_kv_heads = hp->n_heads;
    if (!hp_size(g, a, "attention.key_length", MAX_DIM, &hp->head_dim, path, err)) hp->head_dim = hp->d_model / hp->n_heads;
    if (!hp_size(g, a, "rope.dimension_count", MAX_DIM, &hp->rope_dims, path, err)) hp->rope_dims = hp->head_dim;
    if (!hp_size(g, a, "context_length", UINT32_MAX, &hp->context, path, err)) hp->context = 0;
    if (lx_err_failed(err)) return err->code;
    hp->eps = hp_float(g, f->layernorm ? "attention.layer_norm_epsilon" : "attention.layer_norm_rms_epsilon", 1e-5f);
    if (!f->rope) hp->rope_dims = 0;
    if (f->moe) {
        if (require(hp_size(g, a, "expert_count", 4096, &hp->n_expert, path, err), path, a, "expert_count", err) ||
            require(hp_size(g, a, "expert_used_count", hp->n_expert, &hp->n_expert_used, path, err), path, a,
                    "expert_used_count", err) ||
            require(hp_size(g, a, "expert_feed_forward_length", MAX_DIM, &hp->d_ff, path, err), path, a,
                    "expert_feed_forward_length", err))
            return err->code;
    }
    hp->attn_softcap = hp_float(g, "attn_logit_softcapping", 0.0f);
    hp->final_softcap = hp_float(g, "final_logit_softcapping", 0.0f);
    if (f->swa_every && !hp_size(g, a, "attention.sliding_window", UINT32_MAX, &hp->window, path, err))
        return lx_err_failed(err) ? err->code : require(false, path, a, "attention.sliding_window", err);
    hp->rope_theta = hp_float(g, "rope.freq_base", 10000.0f);
    if (hp->n_heads % hp->n_kv_heads != 0 || hp->head_dim == 0)
        return lx_err_set(err, LX_ERR_MODEL, "%s: %zu attention heads cannot share %zu KV heads (expected a divisor)",
                          path, hp->n_heads, hp->n_kv_heads);
    if (hp->rope_dims > hp->head_dim || hp->rope_dims % 2)
        return lx_err_set(err, LX_ERR_MODEL, "%s: %s.rope.dimension_count is %zu (expected an even number <= head size %zu)",
                          path, a, hp->rope_dims, hp->head_dim);
    if (hp->n_heads * hp->head_dim > MAX_DIM)
        return lx_err_set(err, LX_ERR_MODEL, "%s: %zu heads of %zu dims are too wide", path, hp->n_heads, hp->head_dim);
    return LX_OK;
}

/* ---- tensors ---- */

/* Every tensor of the file, filed by what model/roles says it is: slot (layer + 1, role,
 * bias) for layer tensors, (0, role, bias) for whole-model ones. A tensor with no role this
 * engine reads is refused (an MoE router, say), rather than silently ignored. */
static const lx_roleset *engine_roles(bool moe)
{
    static lx_roleset rs, rs_moe;
    static const lx_role used[] = {
        LX_ROLE_TOK_EMBD, LX_ROLE_POS_EMBD, LX_ROLE_OUTPUT_NORM, LX_ROLE_OUTPUT, LX_ROLE_ROPE_FREQS, LX_ROLE_ROPE_LONG,
        LX_ROLE_ROPE_SHORT,
        LX_ROLE_ATTN_NORM, LX_ROLE_ATTN_Q, LX_ROLE_ATTN_K, LX_ROLE_ATTN_V, LX_ROLE_ATTN_QKV, LX_ROLE_ATTN_O,
        LX_ROLE_ATTN_Q_NORM, LX_ROLE_ATTN_K_NORM, LX_ROLE_FFN_NORM, LX_ROLE_FFN_GATE, LX_ROLE_FFN_UP,
        LX_ROLE_FFN_DOWN, LX_ROLE_ATTN_POST_NORM, LX_ROLE_HF_POST_ATTN_LN, LX_ROLE_FFN_POST_NORM};
    if (!rs.w[0]) {
        for (size_t i = 0; i < sizeof used / sizeof used[0]; i++) lx_roleset_add(&rs, used[i]), lx_roleset_add(&rs_moe, used[i]);
        lx_roleset_add(&rs_moe, LX_ROLE_MOE_ROUTER), lx_roleset_add(&rs_moe, LX_ROLE_EXP_GATE);
        lx_roleset_add(&rs_moe, LX_ROLE_EXP_UP), lx_roleset_add(&rs_moe, LX_ROLE_EXP_DOWN);
    }
    return moe ? &rs_moe : &rs;
}

static size_t slot_of(size_t layer1, lx_role role, bool bias) { return (layer1 * LX_ROLE_COUNT + role) * 2 + bias; }

/* LX_OK when the engine reads a tensor of this match; else the one line saying why not. */
static lx_status refuse(const lx_llama *m, const char *nm, lx_role_match r, lx_err *err)
{
    if (r.expert >= 0 && (!m->hp.t.moe || !lx_role_is_expert(r.role) || r.bias))
        return lx_err_set(err, LX_ERR_MODEL, "%s: tensor %s is an expert's own matrix, which a %s decoder does not have "
                          "(not supported)", m->path, nm, m->hp.family);
    if (r.expert >= 0 && (size_t)r.expert >= m->hp.n_expert)
        return lx_err_set(err, LX_ERR_MODEL, "%s: tensor %s is past the %zu experts of %s.expert_count", m->path, nm,
                          m->hp.n_expert, m->hp.family);
    if (!lx_roleset_has(engine_roles(m->hp.t.moe), r.role))
        return lx_err_set(err, LX_ERR_MODEL, "%s: tensor %s is not part of a plain %s decoder (not supported)", m->path,
                          nm, m->hp.family);
    return LX_OK;
}

/* Hugging Face's post_attention_layernorm is the pre-FFN norm unless the layer has a
 * pre_feedforward_layernorm of its own (Gemma 2/3) or the family norms only after (OLMo 2). */
static void resolve_post_attention(lx_llama *m)
{
    for (size_t l = 1; !m->hp.t.post_norm_only && l <= m->hp.n_layers; l++) {
        const lx_tensor **ffn = &m->slots[slot_of(l, LX_ROLE_FFN_NORM, false)];
        const lx_tensor **pa = &m->slots[slot_of(l, LX_ROLE_HF_POST_ATTN_LN, false)];
        if (!*ffn && *pa) *ffn = *pa, *pa = NULL;
    }
}

/* Experts stored one matrix each (Hugging Face): slot (layer, gate/up/down, expert). */
static size_t expert_slot(const lx_llama *m, size_t layer, lx_role role, size_t e)
{
    size_t k = role == LX_ROLE_EXP_GATE ? 0 : role == LX_ROLE_EXP_UP ? 1 : 2;
    return (layer * 3 + k) * m->hp.n_expert + e;
}

static lx_status file_expert(lx_llama *m, lx_role_match r, const lx_tensor *t, lx_err *err)
{
    if (r.layer < 0 || (r.role != LX_ROLE_EXP_GATE && r.role != LX_ROLE_EXP_UP && r.role != LX_ROLE_EXP_DOWN))
        return lx_err_set(err, LX_ERR_MODEL, "%s: tensor %s is not a routed expert's gate, up or down (not supported)",
                          m->path, t->name);
    if (!m->expert_slots && !(m->expert_slots = calloc(m->hp.n_layers * 3 * m->hp.n_expert, sizeof *m->expert_slots)))
        return lx_err_set(err, LX_ERR_IO, "out of memory");
    m->expert_slots[expert_slot(m, (size_t)r.layer, r.role, (size_t)r.expert)] = t;
    return LX_OK;
}

static lx_status index_tensors(lx_llama *m, lx_err *err)
{
    const lx_tensors *ts = m->w->tensors;
    size_t n = slot_of(m->hp.n_layers + 1, 0, false);
    if (!(m->slots = calloc(n, sizeof *m->slots))) return lx_err_set(err, LX_ERR_IO, "out of memory");
    for (size_t i = 0; i < ts->n; i++) {
        const char *nm = ts->v[i].name;
        lx_role_match r = lx_role_match_name(nm);
        /* blk.N.attn_rot_embd: a per-layer copy of the RoPE table some converters write; GPT-2's
         * causal-mask buffers (h.N.attn.bias): not parameters */
        if ((r.role == LX_ROLE_ROPE_FREQS && r.layer >= 0) || r.role == LX_ROLE_BUFFER) continue;
        if (r.role == LX_ROLE_FFN_GATE_UP) r.role = LX_ROLE_FFN_UP; /* gate|up fused: Hugging Face's name (Phi-3) */
        if (refuse(m, nm, r, err)) return err->code;
        if (r.layer >= 0 && (size_t)r.layer >= m->hp.n_layers)
            return lx_err_set(err, LX_ERR_MODEL, "%s: tensor %s is past the %zu layers of %s.block_count", m->path,
                              nm, m->hp.n_layers, m->hp.family);
        if (r.expert >= 0 && file_expert(m, r, &ts->v[i], err)) return err->code;
        if (r.expert < 0) m->slots[slot_of((size_t)(r.layer + 1), r.role, r.bias)] = &ts->v[i];
    }
    resolve_post_attention(m);
    return LX_OK;
}

/* The tensor in a slot (layer -1: whole model); NULL when the file has none. */
static const lx_tensor *tensor_at(const lx_llama *m, int layer, lx_role role, bool bias)
{
    return m->slots[slot_of((size_t)(layer + 1), role, bias)];
}

/* llama.cpp's name of a slot, for messages. */
static const char *slot_name(int layer, lx_role role, bool bias, char *buf, size_t cap)
{
    if (layer < 0) snprintf(buf, cap, "%s.%s", lx_role_name(role), bias ? "bias" : "weight");
    else snprintf(buf, cap, "blk.%d.%s.%s", layer, lx_role_name(role), bias ? "bias" : "weight");
    return buf;
}

static lx_status missing(const lx_llama *m, int layer, lx_role role, bool bias, lx_err *err)
{
    char nm[96];
    return lx_err_set(err, LX_ERR_MODEL, "%s: tensor %s is missing", m->path, slot_name(layer, role, bias, nm, sizeof nm));
}

static lx_status unsupported_type(const lx_llama *m, const lx_tensor *t, lx_err *err)
{
    char list[192];
    const lx_dtype_info *info = lx_dtype_get(t->type);
    lx_dequant_list(list, sizeof list);
    return lx_err_set(err, LX_ERR_MODEL, "%s: tensor %s has type %s, which the inference engine does not support "
                      "(expected %s)", m->path, t->name, info ? info->name : "?", list);
}

/* The tensor's data, checked to be of a supported type, of exactly `rows` x `cols`
 * (rows 0 means a vector of cols) and of the bytes that shape takes. NULL with err set
 * otherwise. */
static const uint8_t *tensor_data(lx_llama *m, const lx_tensor *t, size_t rows, size_t cols, lx_err *err)
{
    const lx_dtype_info *info = lx_dtype_get(t->type);
    if (!lx_dequant_supported(t->type)) {
        unsupported_type(m, t, err);
        return NULL;
    }
    bool shape_ok = rows ? t->n_dims == 2 && t->shape[0] == rows && t->shape[1] == cols
                         : t->n_dims == 1 && t->shape[0] == cols;
    uint64_t bytes;
    if (!shape_ok || !lx_dtype_bytes(t->type, (uint64_t)(rows ? rows : 1) * cols, &bytes) || t->n_bytes != bytes) {
        lx_err_set(err, LX_ERR_MODEL, "%s: tensor %s is %llu x %llu %s in %llu bytes (expected %zu x %zu)", m->path,
                   t->name, (unsigned long long)t->shape[0], (unsigned long long)(t->n_dims > 1 ? t->shape[1] : 1),
                   info->name, (unsigned long long)t->n_bytes, rows ? rows : 1, cols);
        return NULL;
    }
    m->weight_bytes += t->n_bytes;
    return lx_weights_data(m->w, t, err);
}

/* Keeps p to be freed with the model; false (p freed) on OOM. */
static bool own(lx_llama *m, float *p)
{
    float **v = realloc(m->owned, (m->n_owned + 1) * sizeof *v);
    if (!v) { free(p); return false; }
    m->owned = v;
    m->owned[m->n_owned++] = p;
    return true;
}

/* A matrix whose rows are not whole blocks (older converters quantized some tensors as one
 * flat run of blocks, e.g. 172-wide Q8_0 rows): decoded once into an owned F32 copy. */
static lx_status load_flat(lx_llama *m, const lx_tensor *t, const uint8_t *p, size_t rows, size_t cols,
                           lx_mat *out, lx_err *err)
{
    float *f = malloc(rows * cols * sizeof(float));
    if (!f || !own(m, f)) return lx_err_set(err, LX_ERR_IO, "out of memory decoding %s", t->name);
    lx_dequant_row(t->type, p, f, rows * cols);
    m->weight_bytes += rows * cols * sizeof(float);
    m->flat_blocks = true;
    *out = (lx_mat){(const uint8_t *)f, LX_DT_F32, rows, cols, cols * sizeof(float)};
    return LX_OK;
}

/* The matrix in a slot; out->data stays NULL when optional and absent. */
/* A matrix stored (in, out) — GPT-2's Conv1D as transformers keeps it, [cols][rows] — decoded
 * once into an owned F32 copy of [rows][cols] (llama.cpp's converter transposes it). */
static lx_status load_transposed(lx_llama *m, const lx_tensor *t, size_t rows, size_t cols, lx_mat *out, lx_err *err)
{
    const uint8_t *p = tensor_data(m, t, cols, rows, err);
    if (!p) return err->code;
    float *in = malloc(rows * cols * sizeof(float)), *f = in ? malloc(rows * cols * sizeof(float)) : NULL;
    if (!f || !own(m, f)) {
        free(in);
        return lx_err_set(err, LX_ERR_IO, "out of memory decoding %s", t->name);
    }
    lx_dequant_row(t->type, p, in, rows * cols);
    for (size_t c = 0; c < cols; c++)
        for (size_t r = 0; r < rows; r++) f[r * cols + c] = in[c * rows + r];
    free(in);
    m->weight_bytes += rows * cols * sizeof(float);
    *out = (lx_mat){(const uint8_t *)f, LX_DT_F32, rows, cols, cols * sizeof(float)};
    return LX_OK;
}

static lx_status load_mat(lx_llama *m, int layer, lx_role role, size_t rows, size_t cols, bool optional,
                          lx_mat *out, lx_err *err)
{
    const lx_tensor *t = tensor_at(m, layer, role, false);
    if (!t) return optional ? LX_OK : missing(m, layer, role, false, err);
    if (lx_role_match_name(t->name).in_out) return load_transposed(m, t, rows, cols, out, err);
    const uint8_t *p = tensor_data(m, t, rows, cols, err);
    if (!p) return err->code;
    uint64_t row_bytes;
    if (!lx_dtype_bytes(t->type, cols, &row_bytes)) return load_flat(m, t, p, rows, cols, out, err);
    *out = (lx_mat){p, t->type, rows, cols, (size_t)row_bytes};
    return LX_OK;
}

/* A norm weight stored as an offset from 1 (Gemma's, as transformers keeps it; llama.cpp's
 * converter adds the 1, so a GGUF holds the weight itself). */
static bool stored_from_one(const lx_llama *m, lx_role role)
{
    static const lx_role norms[] = {LX_ROLE_ATTN_NORM, LX_ROLE_FFN_NORM, LX_ROLE_ATTN_POST_NORM, LX_ROLE_HF_POST_ATTN_LN,
                                    LX_ROLE_FFN_POST_NORM, LX_ROLE_OUTPUT_NORM, LX_ROLE_ATTN_Q_NORM, LX_ROLE_ATTN_K_NORM};
    if (!m->w->hf_layout || !m->hp.t.hf_norm_offset) return false;
    for (size_t i = 0; i < sizeof norms / sizeof norms[0]; i++)
        if (norms[i] == role) return true;
    return false;
}

/* A vector as an owned float copy; *out stays NULL when optional and absent. */
static lx_status load_vec(lx_llama *m, int layer, lx_role role, bool bias, size_t n, bool optional, float **out,
                          lx_err *err)
{
    const lx_tensor *t = tensor_at(m, layer, role, bias);
    if (!t) return optional ? LX_OK : missing(m, layer, role, bias, err);
    const uint8_t *p = tensor_data(m, t, 0, n, err);
    if (!p) return err->code;
    if (!(*out = malloc(n * sizeof(float))) || !own(m, *out)) return lx_err_set(err, LX_ERR_IO, "out of memory");
    lx_dequant_row(t->type, p, *out, n);
    for (size_t i = 0; !bias && stored_from_one(m, role) && i < n; i++) (*out)[i] += 1.0f;
    return LX_OK;
}

/* Rows [r0, r0 + rows) of w as a matrix of their own (a part of a fused projection). */
static lx_mat sub_rows(const lx_mat *w, size_t r0, size_t rows)
{
    return (lx_mat){w->data + r0 * w->row_bytes, w->type, rows, w->cols, w->row_bytes};
}

/* Q, K and V with their biases: three tensors, or one fused attn_qkv split by rows. */
static lx_status load_qkv(lx_llama *m, int l, lx_llama_layer *L, lx_err *err)
{
    const lx_llama_hp *hp = &m->hp;
    size_t dq = hp->n_heads * hp->head_dim, dkv = hp->n_kv_heads * hp->head_dim;
    if (!tensor_at(m, l, LX_ROLE_ATTN_QKV, false))
        return load_mat(m, l, LX_ROLE_ATTN_Q, dq, hp->d_model, false, &L->wq, err) ||
                       load_mat(m, l, LX_ROLE_ATTN_K, dkv, hp->d_model, false, &L->wk, err) ||
                       load_mat(m, l, LX_ROLE_ATTN_V, dkv, hp->d_model, false, &L->wv, err) ||
                       load_vec(m, l, LX_ROLE_ATTN_Q, true, dq, true, &L->bq, err) ||
                       load_vec(m, l, LX_ROLE_ATTN_K, true, dkv, true, &L->bk, err) ||
                       load_vec(m, l, LX_ROLE_ATTN_V, true, dkv, true, &L->bv, err)
                   ? err->code
                   : LX_OK;
    lx_mat qkv;
    float *b = NULL;
    if (load_mat(m, l, LX_ROLE_ATTN_QKV, dq + 2 * dkv, hp->d_model, false, &qkv, err) ||
        load_vec(m, l, LX_ROLE_ATTN_QKV, true, dq + 2 * dkv, true, &b, err))
        return err->code;
    L->wq = sub_rows(&qkv, 0, dq), L->wk = sub_rows(&qkv, dq, dkv), L->wv = sub_rows(&qkv, dq + dkv, dkv);
    if (b) L->bq = b, L->bk = b + dq, L->bv = b + dq + dkv;
    return LX_OK;
}

/* The experts of one role stored one matrix each (Hugging Face) as n_expert matrices. */
static lx_status load_expert_mats(lx_llama *m, int l, lx_role role, size_t rows, size_t cols, lx_mat *out, lx_err *err)
{
    for (size_t e = 0; e < m->hp.n_expert; e++) {
        const lx_tensor *t = m->expert_slots[expert_slot(m, (size_t)l, role, e)];
        uint64_t row_bytes;
        if (!t)
            return lx_err_set(err, LX_ERR_MODEL, "%s: layer %d has no %s matrix of expert %zu", m->path, l,
                              lx_role_name(role), e);
        const uint8_t *p = tensor_data(m, t, rows, cols, err);
        if (!p) return err->code;
        if (!lx_dtype_bytes(t->type, cols, &row_bytes)) {
            if (load_flat(m, t, p, rows, cols, &out[e], err)) return err->code;
            continue;
        }
        out[e] = (lx_mat){p, t->type, rows, cols, (size_t)row_bytes};
    }
    return LX_OK;
}

/* One stacked expert tensor [n_expert][rows][cols] as n_expert matrix views into out (or
 * the experts' own matrices, where the file stores them so). */
static lx_status load_experts(lx_llama *m, int l, lx_role role, size_t rows, size_t cols, lx_mat *out, lx_err *err)
{
    const size_t E = m->hp.n_expert;
    const lx_tensor *t = tensor_at(m, l, role, false);
    if (!t && m->expert_slots) return load_expert_mats(m, l, role, rows, cols, out, err);
    if (!t) return missing(m, l, role, false, err);
    uint64_t bytes, row_bytes;
    if (!lx_dequant_supported(t->type) || t->n_dims != 3 || t->shape[0] != E || t->shape[1] != rows ||
        t->shape[2] != cols || !lx_dtype_bytes(t->type, (uint64_t)E * rows * cols, &bytes) || t->n_bytes != bytes ||
        !lx_dtype_bytes(t->type, cols, &row_bytes))
        return lx_err_set(err, LX_ERR_MODEL, "%s: tensor %s is not %zu experts of %zu x %zu in a supported type",
                          m->path, t->name, E, rows, cols);
    m->weight_bytes += t->n_bytes;
    const uint8_t *p = lx_weights_data(m->w, t, err);
    if (!p) return err->code;
    for (size_t e = 0; e < E; e++) out[e] = (lx_mat){p + e * rows * row_bytes, t->type, rows, cols, (size_t)row_bytes};
    return LX_OK;
}

/* Routed experts: the router and the gate, up and down stacks. */
static lx_status load_moe(lx_llama *m, int l, lx_llama_layer *L, lx_err *err)
{
    const lx_llama_hp *hp = &m->hp;
    if (!(L->experts = calloc(3 * hp->n_expert, sizeof *L->experts))) return lx_err_set(err, LX_ERR_IO, "out of memory");
    if (load_mat(m, l, LX_ROLE_MOE_ROUTER, hp->n_expert, hp->d_model, false, &L->router, err) ||
        load_experts(m, l, LX_ROLE_EXP_GATE, hp->d_ff, hp->d_model, L->experts, err) ||
        load_experts(m, l, LX_ROLE_EXP_UP, hp->d_ff, hp->d_model, L->experts + hp->n_expert, err) ||
        load_experts(m, l, LX_ROLE_EXP_DOWN, hp->d_model, hp->d_ff, L->experts + 2 * hp->n_expert, err))
        return err->code;
    return LX_OK;
}

/* The feed-forward: up (and gate, for the gated families) and down, with optional biases. */
static lx_status load_ffn(lx_llama *m, int l, lx_llama_layer *L, lx_err *err)
{
    const lx_llama_hp *hp = &m->hp;
    if (hp->t.moe) return load_moe(m, l, L, err);
    bool gated = !hp->t.gelu;
    const lx_tensor *up = tensor_at(m, l, LX_ROLE_FFN_UP, false);
    if (gated && !tensor_at(m, l, LX_ROLE_FFN_GATE, false) && up && up->n_dims == 2 && up->shape[0] == 2 * hp->d_ff) {
        /* gate and up fused in ffn_up (Phi-3): the gate is the first d_ff rows */
        lx_mat gu;
        if (load_mat(m, l, LX_ROLE_FFN_UP, 2 * hp->d_ff, hp->d_model, false, &gu, err) ||
            load_mat(m, l, LX_ROLE_FFN_DOWN, hp->d_model, hp->d_ff, false, &L->w_down, err))
            return err->code;
        L->w_gate = sub_rows(&gu, 0, hp->d_ff), L->w_up = sub_rows(&gu, hp->d_ff, hp->d_ff);
        return LX_OK;
    }
    if ((gated && (load_mat(m, l, LX_ROLE_FFN_GATE, hp->d_ff, hp->d_model, false, &L->w_gate, err) ||
                   load_vec(m, l, LX_ROLE_FFN_GATE, true, hp->d_ff, true, &L->b_gate, err))) ||
        load_mat(m, l, LX_ROLE_FFN_UP, hp->d_ff, hp->d_model, false, &L->w_up, err) ||
        load_mat(m, l, LX_ROLE_FFN_DOWN, hp->d_model, hp->d_ff, false, &L->w_down, err) ||
        load_vec(m, l, LX_ROLE_FFN_UP, true, hp->d_ff, true, &L->b_up, err) ||
        load_vec(m, l, LX_ROLE_FFN_DOWN, true, hp->d_model, true, &L->b_down, err))
        return err->code;
    if (!gated && tensor_at(m, l, LX_ROLE_FFN_GATE, false))
        return lx_err_set(err, LX_ERR_MODEL, "%s: tensor blk.%d.ffn_gate.weight is not part of a plain %s decoder "
                          "(not supported)", m->path, l, hp->family);
    return LX_OK;
}

static lx_status load_layer(lx_llama *m, size_t li, lx_err *err)
{
    const lx_llama_hp *hp = &m->hp;
    lx_llama_layer *L = &m->layers[li];
    int l = (int)li;
    size_t dq = hp->n_heads * hp->head_dim, dkv = hp->n_kv_heads * hp->head_dim;
    bool ln = hp->t.layernorm, pre = !hp->t.post_norm_only, full = hp->t.qk_norm_full;
    lx_role post_attn = tensor_at(m, l, LX_ROLE_ATTN_POST_NORM, false) ? LX_ROLE_ATTN_POST_NORM : LX_ROLE_HF_POST_ATTN_LN;
    L->local = hp->t.swa_every && (li + 1) % hp->t.swa_every != 0;
    if (!lx_weights_layer_nope(m->w, li, &L->nope)) L->nope = hp->t.nope_every && (li + 1) % hp->t.nope_every == 0;
    if ((pre && (load_vec(m, l, LX_ROLE_ATTN_NORM, false, hp->d_model, false, &L->attn_norm, err) ||
                 load_vec(m, l, LX_ROLE_ATTN_NORM, true, hp->d_model, !ln, &L->attn_norm_b, err) ||
                 load_vec(m, l, LX_ROLE_FFN_NORM, false, hp->d_model, false, &L->ffn_norm, err) ||
                 load_vec(m, l, LX_ROLE_FFN_NORM, true, hp->d_model, !ln, &L->ffn_norm_b, err))) ||
        load_qkv(m, l, L, err) ||
        load_vec(m, l, LX_ROLE_ATTN_Q_NORM, false, full ? dq : hp->head_dim, true, &L->q_norm, err) ||
        load_vec(m, l, LX_ROLE_ATTN_K_NORM, false, full ? dkv : hp->head_dim, true, &L->k_norm, err) ||
        load_vec(m, l, post_attn, false, hp->d_model, pre, &L->attn_post_norm, err) ||
        load_vec(m, l, LX_ROLE_FFN_POST_NORM, false, hp->d_model, pre, &L->ffn_post_norm, err) ||
        load_mat(m, l, LX_ROLE_ATTN_O, hp->d_model, dq, false, &L->wo, err) ||
        load_vec(m, l, LX_ROLE_ATTN_O, true, hp->d_model, true, &L->bo, err) || load_ffn(m, l, L, err))
        return err->code;
    if (!L->q_norm != !L->k_norm)
        return missing(m, l, L->q_norm ? LX_ROLE_ATTN_K_NORM : LX_ROLE_ATTN_Q_NORM, false, err);
    return LX_OK;
}

/* The per-pair factors of `role` (rope_freqs, longrope's long or short ones): the file's
 * tensor, else those the source's config implies; *out NULL when neither has them. */
static lx_status pair_factors(lx_llama *m, lx_role role, lx_rope_factors which, float **out, lx_err *err)
{
    size_t half = m->hp.rope_dims / 2;
    *out = NULL;
    if (load_vec(m, -1, role, false, half, true, out, err) || *out) return err->code;
    float *f = malloc(half * sizeof(float));
    if (!f || !own(m, f)) return lx_err_set(err, LX_ERR_IO, "out of memory");
    if (lx_weights_rope_factors(m->w, which, m->hp.rope_dims, m->hp.rope_theta, f)) *out = f;
    return LX_OK;
}

/* *out [rope_dims/2] <- theta^(-2i/dims), divided by factors[i] where there are factors. */
static lx_status freq_table(lx_llama *m, float theta, const float *factors, float **out, lx_err *err)
{
    size_t half = m->hp.rope_dims / 2;
    if (!(*out = malloc((half ? half : 1) * sizeof(float)))) return lx_err_set(err, LX_ERR_IO, "out of memory");
    for (size_t i = 0; i < half; i++) {
        (*out)[i] = 1.0f / powf(theta, (float)(2 * i) / (float)m->hp.rope_dims);
        if (factors && factors[i] > 0) (*out)[i] /= factors[i];
    }
    return LX_OK;
}

/* longrope: the short factors' table as rope_freq, the long ones' as rope_freq_long. */
static lx_status load_longrope(lx_llama *m, const lx_rope_scaling *sc, lx_err *err)
{
    float *lng, *shrt;
    if (pair_factors(m, LX_ROLE_ROPE_LONG, LX_ROPE_FACTORS_LONG, &lng, err) ||
        pair_factors(m, LX_ROLE_ROPE_SHORT, LX_ROPE_FACTORS_SHORT, &shrt, err))
        return err->code;
    if (!lng || !shrt)
        return lx_err_set(err, LX_ERR_MODEL, "%s: longrope RoPE scaling without its long and short factors (expected "
                          "rope_factors_long/short.weight or rope_scaling's long_factor/short_factor, %zu values each)",
                          m->path, m->hp.rope_dims / 2);
    free(m->rope_freq), m->rope_freq = NULL;
    m->rope_orig_ctx = sc->orig_ctx;
    return freq_table(m, m->hp.rope_theta, shrt, &m->rope_freq, err) ||
                   freq_table(m, m->hp.rope_theta, lng, &m->rope_freq_long, err)
               ? err->code
               : LX_OK;
}

/* The source's RoPE scaling on the frequencies (linear: divided by the factor; yarn: mixed
 * per pair; longrope: its factor tables; yarn and longrope with a magnitude on Q and K); see
 * lx_rope_scaling. */
static lx_status scale_rope(lx_llama *m, lx_err *err)
{
    lx_rope_scaling sc;
    if (lx_weights_rope_scaling(m->w, &sc, err)) return err->code;
    size_t half = m->hp.rope_dims / 2;
    m->rope_mscale = (float)sc.mscale;
    if (sc.kind == LX_ROPE_SCALE_LINEAR)
        for (size_t i = 0; i < half; i++) m->rope_freq[i] /= (float)sc.factor;
    if (sc.kind == LX_ROPE_SCALE_YARN) lx_rope_yarn_freqs(&sc, m->hp.rope_dims, m->hp.rope_theta, m->rope_freq);
    return sc.kind == LX_ROPE_SCALE_LONGROPE ? load_longrope(m, &sc, err) : LX_OK;
}

/* Angle per position of RoPE pair i: theta^(-2i/dims), divided by rope_freqs[i] when the
 * file carries such factors or its config implies them (Llama 3 long-context scaling),
 * then scaled as scale_rope says. */
static lx_status load_rope(lx_llama *m, lx_err *err)
{
    float *factors = NULL;
    m->rope_mscale = 1.0f;
    if ((m->hp.rope_dims && pair_factors(m, LX_ROLE_ROPE_FREQS, LX_ROPE_FACTORS_FREQS, &factors, err)) ||
        freq_table(m, m->hp.rope_theta, factors, &m->rope_freq, err) || (m->hp.rope_dims && scale_rope(m, err)))
        return err->code;
    float local = m->hp.t.swa_theta;
    if (!local || local == m->hp.rope_theta) return LX_OK;
    /* the sliding-window layers' own base (Gemma 3: 10000), without long-context factors */
    return freq_table(m, local, NULL, &m->rope_freq_local, err);
}

/* Learned positions: position_embd [positions][d_model]; the context is at most its rows. */
static lx_status load_positions(lx_llama *m, lx_err *err)
{
    lx_llama_hp *hp = &m->hp;
    const lx_tensor *t = tensor_at(m, -1, LX_ROLE_POS_EMBD, false);
    if (!hp->t.learned_pos) {
        if (t) return lx_err_set(err, LX_ERR_MODEL, "%s: tensor %s is not part of a plain %s decoder (not supported)",
                                 m->path, t->name, hp->family);
        return LX_OK;
    }
    if (!t || t->n_dims != 2 || t->shape[0] == 0 || t->shape[0] > UINT32_MAX)
        return lx_err_set(err, LX_ERR_MODEL, "%s: tensor position_embd.weight is missing or not a [positions][d_model] "
                          "matrix", m->path);
    size_t rows = (size_t)t->shape[0];
    if (!hp->context || hp->context > rows) hp->context = rows;
    return load_mat(m, -1, LX_ROLE_POS_EMBD, rows, hp->d_model, false, &m->pos_embed, err);
}

static lx_status load_model(lx_llama *m, lx_err *err)
{
    if (index_tensors(m, err)) return err->code;
    const lx_tensor *emb = tensor_at(m, -1, LX_ROLE_TOK_EMBD, false);
    if (!emb || emb->n_dims != 2 || emb->shape[0] == 0 || emb->shape[0] > INT32_MAX)
        return lx_err_set(err, LX_ERR_MODEL, "%s: tensor token_embd.weight is missing or not a [vocab][d_model] matrix", m->path);
    lx_llama_hp *hp = &m->hp;
    hp->vocab = (size_t)emb->shape[0];
    hp->tied = tensor_at(m, -1, LX_ROLE_OUTPUT, false) == NULL;
    bool ln = hp->t.layernorm;
    if (load_mat(m, -1, LX_ROLE_TOK_EMBD, hp->vocab, hp->d_model, false, &m->embed, err) ||
        load_mat(m, -1, hp->tied ? LX_ROLE_TOK_EMBD : LX_ROLE_OUTPUT, hp->vocab, hp->d_model, false, &m->output, err) ||
        load_vec(m, -1, LX_ROLE_OUTPUT_NORM, false, hp->d_model, false, &m->out_norm, err) ||
        load_vec(m, -1, LX_ROLE_OUTPUT_NORM, true, hp->d_model, !ln, &m->out_norm_b, err) ||
        load_positions(m, err) || load_rope(m, err))
        return err->code;
    if (hp->tied) m->weight_bytes -= emb->n_bytes; /* counted twice above */
    if (!(m->layers = calloc(hp->n_layers, sizeof *m->layers))) return lx_err_set(err, LX_ERR_IO, "out of memory");
    for (size_t l = 0; l < hp->n_layers; l++)
        if (load_layer(m, l, err)) return err->code;
    if (lx_weights_tokenizer(m->w, &m->tok, hp->vocab, err)) return err->code;
    if (m->tok.n != hp->vocab)
        return lx_err_set(err, LX_ERR_MODEL, "%s: the vocabulary has %zu pieces but token_embd.weight has %zu rows",
                          m->path, m->tok.n, hp->vocab);
    return LX_OK;
}

lx_status lx_llama_open(lx_weights *w, lx_llama **out, lx_err *err)
{
    *out = NULL;
    const char *arch = w->arch[0] ? w->arch : NULL, *path = w->path;
    const lx_llama_traits *f = find_family(arch);
    if (!f)
        return lx_err_set(err, LX_ERR_MODEL, "%s: architecture '%s' is not one the decoder engine runs", path,
                          arch ? arch : "(none)");
    lx_llama *m = calloc(1, sizeof *m);
    if (!m) return lx_err_set(err, LX_ERR_IO, "out of memory");
    snprintf(m->path, sizeof m->path, "%s", path);
    m->w = w;
    if (read_hparams(m->w, path, f, &m->hp, err) == LX_OK) load_model(m, err);
    if (lx_err_failed(err)) { lx_llama_close(m); return err->code; }
    *out = m;
    return LX_OK;
}

void lx_llama_close(lx_llama *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->n_owned; i++) free(m->owned[i]);
    for (size_t l = 0; m->layers && l < m->hp.n_layers; l++) free(m->layers[l].experts);
    free(m->owned), free(m->layers), free(m->rope_freq), free(m->rope_freq_local), free(m->rope_freq_long), free(m->slots), free(m->expert_slots);
    lx_tok_free(&m->tok);
    free(m);
}

/* ---- run state ---- */

static uint64_t mul_sat(uint64_t a, uint64_t b) { return a && b > UINT64_MAX / a ? UINT64_MAX : a * b; }
static uint64_t add_sat(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

static uint64_t state_floats(const lx_llama_hp *hp, size_t cap_pos, size_t cap_tok);

/* Bytes of the weights plus a state of these capacities plus worker scratch rows. */
static uint64_t plan(const void *model, size_t cap_pos, size_t cap_tok)
{
    const lx_llama *m = model;
    const lx_llama_hp *hp = &m->hp;
    uint64_t floats = state_floats(hp, cap_pos, cap_tok);
    uint64_t widest = hp->d_ff > hp->d_model ? hp->d_ff : hp->d_model;
    floats = add_sat(floats, mul_sat(widest, 64)); /* scratch rows of the worker threads */
    floats = add_sat(floats, mul_sat(cap_tok, (widest / 32 + 2) * 10)); /* quantized inputs, under 40 bytes per 32 */
    return add_sat(m->weight_bytes, mul_sat(floats, sizeof(float)));
}

/* Floats of activations per token: x, h, q, k, v, att, ff_g, ff_u. */
static uint64_t act_per_tok(const lx_llama_hp *hp)
{
    uint64_t dq = hp->n_heads * hp->head_dim, dkv = hp->n_kv_heads * hp->head_dim;
    return 2 * hp->d_model + 2 * dq + 2 * dkv + 2 * hp->d_ff;
}

static uint64_t state_floats(const lx_llama_hp *hp, size_t cap_pos, size_t cap_tok)
{
    uint64_t kv = mul_sat(mul_sat(2 * hp->n_layers, cap_pos), hp->n_kv_heads * hp->head_dim);
    uint64_t act = mul_sat(cap_tok, act_per_tok(hp));
    return add_sat(add_sat(kv, act), cap_pos + hp->vocab);
}

lx_status lx_llama_state_init(const lx_llama *m, lx_llama_state *s, size_t cap_pos, size_t cap_tok,
                              int n_threads, lx_err *err)
{
    const lx_llama_hp *hp = &m->hp;
    memset(s, 0, sizeof *s);
    if (cap_tok == 0 || cap_tok > cap_pos || state_floats(hp, cap_pos, cap_tok) > SIZE_MAX / sizeof(float))
        return lx_err_set(err, LX_ERR_USAGE, "cannot hold %zu positions", cap_pos);
    size_t dq = hp->n_heads * hp->head_dim, dkv = hp->n_kv_heads * hp->head_dim, T = cap_tok;
    size_t kv = hp->n_layers * cap_pos * dkv;
    *s = (lx_llama_state){cap_pos, cap_tok, 0, calloc(kv, sizeof(float)), calloc(kv, sizeof(float)),
                          calloc(T * hp->d_model, sizeof(float)), calloc(T * hp->d_model, sizeof(float)),
                          calloc(T * dq, sizeof(float)), calloc(T * dkv, sizeof(float)),
                          calloc(T * dkv, sizeof(float)), calloc(T * dq, sizeof(float)),
                          calloc(T * hp->d_ff, sizeof(float)), calloc(T * hp->d_ff, sizeof(float)),
                          calloc(cap_pos, sizeof(float)), calloc(hp->n_expert + 1, sizeof(float)),
                          calloc(hp->d_model, sizeof(float)), calloc(hp->vocab, sizeof(float)), {0}, NULL, NULL};
    size_t widest = hp->d_ff > hp->d_model ? hp->d_ff : hp->d_model;
    if (widest < dq) widest = dq;
    bool ok = lx_kern_pool_init(&s->pool, n_threads, widest, cap_tok) && s->k_cache && s->v_cache && s->x && s->h &&
              s->q && s->k && s->v && s->att && s->ff_g && s->ff_u && s->scores && s->router && s->moe_out && s->logits;
    if (!ok) {
        lx_llama_state_free(s);
        return lx_err_set(err, LX_ERR_IO, "out of memory for %zu positions", cap_pos);
    }
    /* llama.cpp's arithmetic (8-bit inputs to quantized matrices) for the files llama.cpp
     * runs; a file with a quantized matrix of partial blocks is one it refuses, so it has no
     * llama.cpp numbers to agree with and runs in floats throughout. */
    s->pool.float_inputs = m->flat_blocks;
    return LX_OK;
}

void lx_llama_state_free(lx_llama_state *s)
{
    free(s->k_cache), free(s->v_cache), free(s->x), free(s->h), free(s->q), free(s->k), free(s->v);
    free(s->att), free(s->ff_g), free(s->ff_u), free(s->scores), free(s->router), free(s->moe_out), free(s->logits);
    lx_kern_pool_free(&s->pool);
    memset(s, 0, sizeof *s);
}

/* ---- forward pass ---- */

/* x [n][d_model] <- rows ids[0..n-1] of the embedding table (+ the rows of their positions
 * pos0.. in the learned position table, where there is one). s is scratch [d_model]. */
static void embed_tokens(const lx_llama *m, const int32_t *ids, size_t n, size_t pos0, float *x, float *s)
{
    const size_t d = m->hp.d_model;
    for (size_t t = 0; t < n; t++) {
        lx_kern_mat_row(&m->embed, (size_t)ids[t], x + t * d);
        if (m->hp.t.embed_scale) lx_kern_scale(x + t * d, sqrtf((float)d), d);
        if (!m->pos_embed.data) continue;
        lx_kern_mat_row(&m->pos_embed, pos0 + t, s);
        lx_kern_add(x + t * d, s, d);
    }
}

/* out [n][d] <- the family's norm of each row of x [n][d] with weight w [d] (and bias b). */
static void norm_rows(const lx_llama_hp *hp, float *out, const float *x, const float *w, const float *b, size_t n)
{
    const size_t d = hp->d_model;
    for (size_t t = 0; t < n; t++)
        if (hp->t.layernorm) lx_kern_layernorm(out + t * d, x + t * d, w, b, d, hp->eps);
        else lx_kern_rmsnorm(out + t * d, x + t * d, w, d, hp->eps);
}

/* Sandwich / post-norm: h [n][d_model] <- rmsnorm(h) * w before it joins the residual (w NULL: none). */
static void post_norm(const lx_llama_hp *hp, float *h, const float *w, size_t n)
{
    for (size_t t = 0; w && t < n; t++) lx_kern_rmsnorm(h + t * hp->d_model, h + t * hp->d_model, w, hp->d_model, hp->eps);
}

/* QK-norm: each head_dim slice of v [n * heads][head_dim] <- rmsnorm times w (w NULL: none). */
static void head_norm(float *v, const float *w, size_t n_slices, size_t hd, float eps)
{
    for (size_t i = 0; w && i < n_slices; i++) lx_kern_rmsnorm(v + i * hd, v + i * hd, w, hd, eps);
}

/* y [n][rows] += b [rows] (nothing when b is NULL). */
static void add_bias(float *y, const float *b, size_t n, size_t rows)
{
    for (size_t t = 0; b && t < n; t++) lx_kern_add(y + t * rows, b, rows);
}

/* One query head at position pos against cached keys 0..pos of KV head kvh of layer l:
 * s->scores [pos+1] <- softmax(q . k_j / sqrt(head_dim)); out [head_dim] <- sum_j score_j v_j.
 * raw [pos+1] (NULL: not kept) receives the scores before softmax. */
static void attend_head(const lx_llama *m, lx_llama_state *s, size_t l, const float *q, size_t kvh,
                        size_t pos, float *out, float *raw)
{
    const size_t hd = m->hp.head_dim, dkv = m->hp.n_kv_heads * hd;
    const float *kc = s->k_cache + l * s->cap_pos * dkv + kvh * hd;
    const float *vc = s->v_cache + l * s->cap_pos * dkv + kvh * hd;
    const float scale = 1.0f / sqrtf((float)hd), cap = m->hp.attn_softcap;
    /* a sliding-window layer sees the keys at pos - window + 1 .. pos */
    const size_t window = m->layers[l].local ? m->hp.window : 0, first = window && pos >= window ? pos - window + 1 : 0;
    for (size_t j = 0; j <= pos; j++) {
        float v = lx_kern_dot(q, kc + j * dkv, hd) * scale;
        s->scores[j] = j < first ? -INFINITY : cap > 0 ? cap * tanhf(v / cap) : v;
    }
    if (raw) memcpy(raw, s->scores, (pos + 1) * sizeof *raw);
    lx_kern_softmax(s->scores, pos + 1);
    memset(out, 0, hd * sizeof *out);
    for (size_t j = 0; j <= pos; j++)
        for (size_t i = 0; i < hd; i++) out[i] += s->scores[j] * vc[j * dkv + i];
}

/* s->att [n][n_heads*head_dim] <- causal attention of the n new tokens of layer l. */
static void attention(const lx_llama *m, lx_llama_state *s, size_t l, size_t n, lx_trace *tr)
{
    const lx_llama_hp *hp = &m->hp;
    const size_t hd = hp->head_dim, dq = hp->n_heads * hd, group = hp->n_heads / hp->n_kv_heads;
    for (size_t t = 0; t < n; t++) {
        size_t pos = s->n_pos + t;
        for (size_t h = 0; h < hp->n_heads; h++) {
            bool rec = tr && pos < tr->n_tok;
            attend_head(m, s, l, s->q + t * dq + h * hd, h / group, pos, s->att + t * dq + h * hd,
                        rec ? lx_trace_scores(tr, l, h, pos) : NULL);
            if (rec) memcpy(lx_trace_attn(tr, l, h, pos), s->scores, (pos + 1) * sizeof(float));
        }
    }
}

/* yarn's magnitude: the rotated dims of each of the heads of v times rope_mscale (as
 * llama.cpp scales its cos and sin). */
static void rope_magnitude(const lx_llama *m, float *v, size_t heads)
{
    for (size_t h = 0; m->rope_mscale != 1.0f && h < heads; h++)
        for (size_t i = 0; i < m->hp.rope_dims; i++) v[h * m->hp.head_dim + i] *= m->rope_mscale;
}

/* q [n][dq], k [n][dkv]: turn each token's heads; then append k and v to the cache. */
static void rope_and_cache(const lx_llama *m, lx_llama_state *s, size_t l, size_t n)
{
    const lx_llama_hp *hp = &m->hp;
    const size_t dq = hp->n_heads * hp->head_dim, dkv = hp->n_kv_heads * hp->head_dim;
    const float *freq = m->layers[l].local && m->rope_freq_local           ? m->rope_freq_local
                        : lx_rope_longrope_table(m->rope_freq, m->rope_freq_long, (size_t)m->rope_orig_ctx, s->cap_pos);
    for (size_t t = 0; t < n; t++) {
        size_t pos = s->n_pos + t;
        if (hp->rope_dims && !m->layers[l].nope) {
            lx_kern_rope(s->q + t * dq, hp->n_heads, hp->head_dim, hp->rope_dims, freq, pos, hp->neox);
            lx_kern_rope(s->k + t * dkv, hp->n_kv_heads, hp->head_dim, hp->rope_dims, freq, pos, hp->neox);
            rope_magnitude(m, s->q + t * dq, hp->n_heads);
            rope_magnitude(m, s->k + t * dkv, hp->n_kv_heads);
        }
        size_t at = (l * s->cap_pos + pos) * dkv;
        memcpy(s->k_cache + at, s->k + t * dkv, dkv * sizeof(float));
        memcpy(s->v_cache + at, s->v + t * dkv, dkv * sizeof(float));
    }
}

static void dense_ffn(const lx_llama *m, lx_llama_state *s, const lx_llama_layer *L, const float *in, size_t n,
                      lx_trace *tr);
static void moe_ffn(const lx_llama *m, lx_llama_state *s, const lx_llama_layer *L, const float *in, size_t n);

/* One decoder layer over the n new tokens: x [n][d_model] is updated in place. */
static void layer_forward(const lx_llama *m, lx_llama_state *s, size_t l, size_t n, lx_trace *tr)
{
    const lx_llama_hp *hp = &m->hp;
    const lx_llama_layer *L = &m->layers[l];
    lx_kern_pool *p = &s->pool;
    const size_t d = hp->d_model;

    const float *in = s->h;
    if (L->attn_norm) norm_rows(hp, s->h, s->x, L->attn_norm, L->attn_norm_b, n);
    else in = s->x; /* post-norm only (OLMo 2) */
    lx_kern_matmul(p, &L->wq, in, n, s->q);
    lx_kern_matmul(p, &L->wk, in, n, s->k);
    lx_kern_matmul(p, &L->wv, in, n, s->v);
    add_bias(s->q, L->bq, n, L->wq.rows);
    add_bias(s->k, L->bk, n, L->wk.rows);
    add_bias(s->v, L->bv, n, L->wv.rows);
    size_t per = hp->t.qk_norm_full ? hp->n_heads : 1, per_kv = hp->t.qk_norm_full ? hp->n_kv_heads : 1;
    head_norm(s->q, L->q_norm, n * hp->n_heads / per, hp->head_dim * per, hp->eps);
    head_norm(s->k, L->k_norm, n * hp->n_kv_heads / per_kv, hp->head_dim * per_kv, hp->eps);
    rope_and_cache(m, s, l, n);
    attention(m, s, l, n, tr);
    lx_kern_matmul(p, &L->wo, s->att, n, s->h);
    add_bias(s->h, L->bo, n, d);
    post_norm(hp, s->h, L->attn_post_norm, n);
    lx_kern_add(s->x, s->h, n * d);

    in = s->h;
    if (L->ffn_norm) norm_rows(hp, s->h, s->x, L->ffn_norm, L->ffn_norm_b, n);
    else in = s->x;
    if (hp->t.moe) moe_ffn(m, s, L, in, n);
    else dense_ffn(m, s, L, in, n, tr && l == tr->ffn_layer ? tr : NULL);
    post_norm(hp, s->h, L->ffn_post_norm, n);
    lx_kern_add(s->x, s->h, n * d);
}

/* Trace: rows [n][d_ff] of v into dst [tr->n_tok][d_ff] at the new positions inside the trace. */
static void trace_rows(const lx_llama_state *s, const float *v, size_t n, size_t d_ff, lx_trace *tr, float *dst)
{
    for (size_t t = 0; t < n && s->n_pos + t < tr->n_tok; t++)
        memcpy(dst + (s->n_pos + t) * d_ff, v + t * d_ff, d_ff * sizeof *dst);
}

/* s->h [n][d_model] <- the dense feed-forward of in [n][d_model]; records its activations
 * into tr (NULL: not this layer). */
static void dense_ffn(const lx_llama *m, lx_llama_state *s, const lx_llama_layer *L, const float *in, size_t n,
                      lx_trace *tr)
{
    const lx_llama_hp *hp = &m->hp;
    const size_t f = hp->d_ff;
    lx_kern_pool *p = &s->pool;
    lx_kern_matmul(p, &L->w_up, in, n, s->ff_u);
    add_bias(s->ff_u, L->b_up, n, f);
    if (tr) trace_rows(s, s->ff_u, n, f, tr, tr->ffn_up);
    float *act = s->ff_u;
    if (hp->t.gelu) lx_kern_gelu(s->ff_u, n * f);
    else {
        lx_kern_matmul(p, &L->w_gate, in, n, s->ff_g);
        add_bias(s->ff_g, L->b_gate, n, f);
        if (tr) trace_rows(s, s->ff_g, n, f, tr, tr->ffn_gate);
        if (hp->t.geglu) lx_kern_geglu(s->ff_g, s->ff_u, n * f);
        else lx_kern_swiglu(s->ff_g, s->ff_u, n * f);
        act = s->ff_g;
    }
    if (tr) {
        trace_rows(s, act, n, f, tr, tr->ffn_act);
        tr->ffn_kind = hp->t.gelu ? LX_TRACE_FFN_GELU : hp->t.geglu ? LX_TRACE_FFN_GEGLU : LX_TRACE_FFN_SWIGLU;
    }
    lx_kern_matmul(p, &L->w_down, act, n, s->h);
    add_bias(s->h, L->b_down, n, hp->d_model);
}

/* s->h [n][d_model] <- the routed experts on in [n][d_model] (in may be s->h): per token,
 * p = softmax(router in); the n_expert_used largest p (lower index first among equals),
 * renormalised to sum 1, weigh their SwiGLU experts' outputs. */
static void moe_ffn(const lx_llama *m, lx_llama_state *s, const lx_llama_layer *L, const float *in, size_t n)
{
    const lx_llama_hp *hp = &m->hp;
    const size_t d = hp->d_model, E = hp->n_expert, K = hp->n_expert_used;
    lx_kern_pool *p = &s->pool;
    for (size_t t = 0; t < n; t++) {
        const float *x = in + t * d;
        lx_kern_matmul(p, &L->router, x, 1, s->router);
        lx_kern_softmax(s->router, E);
        memset(s->moe_out, 0, d * sizeof(float));
        float total = 0.0f, w[64];
        size_t pick[64], k = K < 64 ? K : 64;
        for (size_t j = 0; j < k; j++) { /* selection of the k largest, in order */
            size_t best = SIZE_MAX;
            for (size_t e = 0; e < E; e++) {
                bool taken = false;
                for (size_t i = 0; i < j && !taken; i++) taken = pick[i] == e;
                if (!taken && (best == SIZE_MAX || s->router[e] > s->router[best])) best = e;
            }
            pick[j] = best, w[j] = s->router[best], total += w[j];
        }
        for (size_t j = 0; j < k; j++) {
            const size_t e = pick[j];
            lx_kern_matmul(p, &L->experts[e], x, 1, s->ff_g);
            lx_kern_matmul(p, &L->experts[E + e], x, 1, s->ff_u);
            lx_kern_swiglu(s->ff_g, s->ff_u, hp->d_ff);
            lx_kern_matmul(p, &L->experts[2 * E + e], s->ff_g, 1, s->ff_u);
            for (size_t i = 0; i < d; i++) s->moe_out[i] += w[j] / total * s->ff_u[i];
        }
        memcpy(s->h + t * d, s->moe_out, d * sizeof(float));
    }
}

/* Trace: ids, pieces and embeddings of the new tokens that fall inside it. */
static lx_status trace_inputs(const lx_llama *m, const lx_llama_state *s, const int32_t *ids, size_t n,
                              lx_trace *tr, lx_err *err)
{
    for (size_t t = 0; t < n && s->n_pos + t < tr->n_tok; t++) {
        size_t pos = s->n_pos + t;
        tr->ids[pos] = ids[t];
        free(tr->pieces[pos]);
        if (!(tr->pieces[pos] = lx_tok_label(&m->tok, ids[t]))) return lx_err_set(err, LX_ERR_IO, "out of memory");
        memcpy(lx_trace_embed(tr, pos), s->x + t * m->hp.d_model, m->hp.d_model * sizeof(float));
    }
    return LX_OK;
}

/* Trace: L2 norm of the residual stream of each new token, at stage k (0 = embeddings). */
static void trace_norms(const lx_llama_state *s, size_t n, size_t d, size_t k, lx_trace *tr)
{
    for (size_t t = 0; t < n && s->n_pos + t < tr->n_tok; t++)
        tr->resid_norm[k * tr->n_tok + s->n_pos + t] = lx_kern_l2(s->x + t * d, d);
}

/* s->logits <- the final norm and the output head on one residual row x [d_model]. */
static void head_logits(const lx_llama *m, lx_llama_state *s, const float *x)
{
    const lx_llama_hp *hp = &m->hp;
    norm_rows(hp, s->h, x, m->out_norm, m->out_norm_b, 1);
    lx_kern_matmul(&s->pool, &m->output, s->h, 1, s->logits);
    for (size_t i = 0; hp->final_softcap > 0 && i < hp->vocab; i++)
        s->logits[i] = hp->final_softcap * tanhf(s->logits[i] / hp->final_softcap);
}

/* Trace: the learned position table's first rows (once, on the first call). */
static void trace_positions(const lx_llama *m, const lx_llama_state *s, lx_trace *tr)
{
    if (s->n_pos || !m->pos_embed.data) return;
    size_t rows = m->pos_embed.rows < LX_TRACE_POS_ROWS ? m->pos_embed.rows : LX_TRACE_POS_ROWS;
    for (size_t p = 0; p < rows; p++) lx_kern_mat_row(&m->pos_embed, p, lx_trace_pos(tr, p));
    tr->pos_rows = rows, tr->pos_learned = true;
}

/* Trace, logit lens at stage k: when the trace's last position is among the n new tokens,
 * the most probable token the output head reads from its residual now (s->h and s->logits
 * are scratch between layers). */
static void trace_lens(const lx_llama *m, lx_llama_state *s, size_t n, size_t k, lx_trace *tr)
{
    if (tr->n_tok - 1 < s->n_pos || tr->n_tok - 1 >= s->n_pos + n) return;
    head_logits(m, s, s->x + (tr->n_tok - 1 - s->n_pos) * m->hp.d_model);
    size_t best = lx_engine_argmax(s->logits, m->hp.vocab);
    double sum = 0;
    for (size_t i = 0; i < m->hp.vocab; i++) sum += exp((double)s->logits[i] - s->logits[best]);
    tr->lens_id[k] = (int32_t)best, tr->lens_prob[k] = (float)(1.0 / sum);
}

/* Trace at stage k (0 = embeddings, l+1 after layer l): residual norms and the logit lens. */
static void trace_stage(const lx_llama *m, lx_llama_state *s, size_t n, size_t k, lx_trace *tr)
{
    trace_norms(s, n, m->hp.d_model, k, tr);
    trace_lens(m, s, n, k, tr);
}

lx_status lx_llama_forward(const lx_llama *m, lx_llama_state *s, const int32_t *ids, size_t n,
                           lx_trace *tr, lx_err *err)
{
    const lx_llama_hp *hp = &m->hp;
    const size_t d = hp->d_model;
    embed_tokens(m, ids, n, s->n_pos, s->x, s->h);
    if (tr && (trace_inputs(m, s, ids, n, tr, err) != LX_OK)) return err->code;
    if (tr) trace_positions(m, s, tr), trace_stage(m, s, n, 0, tr);
    for (size_t l = 0; l < hp->n_layers; l++) {
        layer_forward(m, s, l, n, tr);
        if (tr) trace_stage(m, s, n, l + 1, tr);
        if (s->on_layer) s->on_layer(s->on_layer_ctx, l, hp->n_layers);
    }
    head_logits(m, s, s->x + (n - 1) * d);
    s->n_pos += n;
    if (tr && s->n_pos == tr->n_tok) memcpy(tr->logits, s->logits, hp->vocab * sizeof(float));
    return LX_OK;
}

/* ---- the engine table ---- */

static lx_status open_engine(lx_weights *w, void **model, lx_engine_info *info, const lx_tok **tok, lx_err *err)
{
    lx_llama *m;
    if (lx_llama_open(w, &m, err)) return err->code;
    const lx_llama_hp *hp = &m->hp;
    *info = (lx_engine_info){{0}, hp->d_model, hp->n_layers, hp->n_heads, hp->n_kv_heads, hp->head_dim, hp->d_ff,
                             hp->vocab, hp->context, hp->rope_dims, hp->rope_theta, hp->neox, hp->tied, m->rope_freq,
                             m->rope_freq_long, (size_t)m->rope_orig_ctx};
    snprintf(info->family, sizeof info->family, "%s", hp->family);
    *model = m, *tok = &m->tok;
    return LX_OK;
}

static void close_engine(void *model) { lx_llama_close(model); }

static lx_status state_init_engine(const void *model, lx_engine_state *es, int n_threads, lx_err *err)
{
    lx_llama_state *s = malloc(sizeof *s);
    if (!s) return lx_err_set(err, LX_ERR_IO, "out of memory");
    if (lx_llama_state_init(model, s, es->cap_pos, es->cap_tok, n_threads, err)) { free(s); return err->code; }
    es->impl = s, es->logits = s->logits;
    return LX_OK;
}

static void state_free_engine(lx_engine_state *es)
{
    lx_llama_state_free(es->impl);
    free(es->impl);
}

static lx_status forward_engine(const void *model, lx_engine_state *es, const int32_t *ids, size_t n, lx_trace *tr,
                                lx_err *err)
{
    lx_llama_state *s = es->impl;
    s->on_layer = es->on_layer, s->on_layer_ctx = es->on_layer_ctx;
    lx_status st = lx_llama_forward(model, s, ids, n, tr, err);
    es->n_pos = s->n_pos;
    return st;
}

const lx_engine_ops lx_llama_ops = {"decoder", arch_at, open_engine, close_engine, plan, state_init_engine,
                                    state_free_engine, forward_engine};
