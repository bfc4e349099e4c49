/* model/arch — builds lx_arch from a source. See arch.h.
 *
 * Steps, each a short function below:
 *   0. the index beside a config or folder (model/shipped): its names tie or untie the head;
 *   1. tensors: the source's, or synthesized from hyper-parameters (model/synth) and stored as
 *      the release's quantization_config says (model/quant);
 *   2. roles: every tensor name through the role table (model/roles);
 *   3. layers: per-layer role sets and per-component counts;
 *   4. dimensions: derived from shapes, cross-checked against the declared values
 *      (shapes win; each disagreement becomes a warning naming both values);
 *   5. kinds: attention, position, norm, FFN, head;
 *   6. groups: runs of structurally identical layers;
 *   7. accounting: totals, active parameters, bytes by type, KV cache per token; the index's
 *      total_size against the bytes counted (model/shipped).
 */
#include "model/arch.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/families/family.h"
#include "model/layers.h"
#include "model/shipped.h"
#include "model/synth.h"
#include "model/towers.h"

typedef struct layer_info {
    lx_roleset roles;      /* roles present */
    lx_roleset bias_roles; /* roles that have a bias tensor */
    lx_count comp[LX_COMP_COUNT];
    int max_expert;      /* highest per-expert index in names, -1 */
    bool post_attn_ln_is_post; /* resolved meaning of HF post_attention_layernorm */
    lx_mixer mixer;
} layer_info;

typedef struct build_ctx {
    lx_arch *a;
    layer_info *layers;
    int n_layers;
    lx_err *err;
} build_ctx;

static bool has(const layer_info *L, lx_role r) { return lx_roleset_has(&L->roles, r); }
static bool has_bias(const layer_info *L, lx_role r) { return lx_roleset_has(&L->bias_roles, r); }

void lx_arch_warn(lx_arch *a, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char **w = realloc(a->warnings, (size_t)(a->n_warnings + 1) * sizeof *w);
    if (!w) return;
    a->warnings = w;
    if ((w[a->n_warnings] = strdup(msg))) a->n_warnings++;
}
#define arch_warn lx_arch_warn

/* ---- roles -> components ---- */

static lx_comp role_comp(lx_role r)
{
    switch (r) {
    case LX_ROLE_TOK_EMBD: case LX_ROLE_TOKEN_TYPES: case LX_ROLE_PATCH_EMBD: case LX_ROLE_EMBD_PROJ:
        return LX_COMP_EMBEDDING;
    case LX_ROLE_POS_EMBD: case LX_ROLE_ROPE_FREQS: case LX_ROLE_ROPE_LONG: case LX_ROLE_ROPE_SHORT:
    case LX_ROLE_REL_BIAS: case LX_ROLE_CROSS_REL_BIAS:
        return LX_COMP_POSITION;
    case LX_ROLE_EMBD_NORM: case LX_ROLE_OUTPUT_NORM: case LX_ROLE_ATTN_NORM: case LX_ROLE_ATTN_POST_NORM:
    case LX_ROLE_FFN_NORM: case LX_ROLE_FFN_POST_NORM: case LX_ROLE_HF_POST_ATTN_LN: return LX_COMP_NORM;
    case LX_ROLE_OUTPUT: case LX_ROLE_CLS_OUT: case LX_ROLE_POOLER: case LX_ROLE_MLM: return LX_COMP_OUTPUT;
    case LX_ROLE_FFN_GATE: case LX_ROLE_FFN_UP: case LX_ROLE_FFN_DOWN: case LX_ROLE_FFN_GATE_UP: case LX_ROLE_FFN_ACT:
        return LX_COMP_FFN_DENSE;
    case LX_ROLE_MOE_ROUTER: case LX_ROLE_MOE_ROUTER_BIAS: case LX_ROLE_SHEXP_ROUTER: case LX_ROLE_MOE_LATENT:
        return LX_COMP_ROUTER;
    case LX_ROLE_EXP_GATE: case LX_ROLE_EXP_UP: case LX_ROLE_EXP_DOWN: case LX_ROLE_EXP_GATE_UP: return LX_COMP_FFN_EXPERTS;
    case LX_ROLE_SHEXP_GATE: case LX_ROLE_SHEXP_UP: case LX_ROLE_SHEXP_DOWN: return LX_COMP_FFN_SHARED;
    case LX_ROLE_SSM_IN: case LX_ROLE_SSM_X: case LX_ROLE_SSM_DT: case LX_ROLE_SSM_A: case LX_ROLE_SSM_D:
    case LX_ROLE_SSM_CONV: case LX_ROLE_SSM_NORM: case LX_ROLE_SSM_OUT: case LX_ROLE_SSM_BA: case LX_ROLE_KDA:
    case LX_ROLE_SSM_MISC: case LX_ROLE_CONV_IN: case LX_ROLE_CONV: case LX_ROLE_CONV_OUT: return LX_COMP_MIXER;
    case LX_ROLE_PLE_EMBD: case LX_ROLE_PLE_PROJ: case LX_ROLE_PLE_LAYER: return LX_COMP_EMBEDDING;
    case LX_ROLE_LAYER_SCALE: return LX_COMP_NORM;
    case LX_ROLE_UNKNOWN: case LX_ROLE_BUFFER: case LX_ROLE_MTP: case LX_ROLE_HYPER: case LX_ROLE_COUNT:
        return LX_COMP_OTHER;
    default: return LX_COMP_ATTENTION; /* q/k/v/o, qk-norm, sinks, MLA projections and norms */
    }
}

/* ---- step 1 and 2: tensors and roles ---- */

static lx_status take_tensors(build_ctx *c)
{
    lx_arch *a = c->a;
    if (a->src->has_tensors) {
        a->tensors = &a->src->tensors;
        return LX_OK;
    }
    lx_status st = lx_synth_tensors(&a->hp, &a->own_tensors, c->err);
    if (st == LX_OK) st = lx_quant_apply(&a->hp, &a->own_tensors, c->err); /* as the release stores them */
    if (st != LX_OK) return st;
    a->tensors = &a->own_tensors;
    a->synthesized = true;
    return LX_OK;
}

static lx_status match_roles(build_ctx *c)
{
    lx_arch *a = c->a;
    size_t n = a->tensors->n;
    a->roles = calloc(n ? n : 1, sizeof *a->roles);
    if (!a->roles) return lx_err_set(c->err, LX_ERR_MODEL, "%s: out of memory", a->src->path);
    int max_layer = -1, n_unknown = 0;
    const char *first_unknown = NULL;
    const lx_family *f = lx_family_by_name(a->hp.family);
    const lx_role_pattern *extra = f ? f->hf_roles : NULL;
    for (size_t i = 0; i < n; i++) {
        if (!lx_towers_is_lm(a, i)) { /* a tower's or an MTP module's: counted by model/towers */
            lx_role_match q = lx_role_match_with(a->tensors->v[i].name, extra); /* only its storage form */
            a->roles[i] = (lx_role_match){.role = LX_ROLE_UNKNOWN, .layer = -1, .expert = -1, .qaux = q.qaux,
                                          .packed = q.packed};
            continue;
        }
        lx_role_match m = lx_role_match_with(a->tensors->v[i].name, extra);
        if (m.stack == 1 && m.layer >= 0) m.layer += (int)(a->hp.n_layers < LX_MAX_LAYERS ? a->hp.n_layers : 0);
        if (m.layer >= LX_MAX_LAYERS) {
            arch_warn(a, "tensor %s: layer index %d beyond the supported %d layers; counted as other",
                      a->tensors->v[i].name, m.layer, LX_MAX_LAYERS);
            m.role = LX_ROLE_UNKNOWN;
            m.layer = -1;
        }
        if (m.role == LX_ROLE_UNKNOWN && !n_unknown++) first_unknown = a->tensors->v[i].name;
        if (m.layer > max_layer) max_layer = m.layer;
        a->roles[i] = m;
    }
    if (n_unknown)
        arch_warn(a, "%d tensor%s with names the role table does not know (first: %s) counted as \"other\"",
                  n_unknown, n_unknown == 1 ? "" : "s", first_unknown);
    for (size_t i = 0; i < n; i++)
        if (a->roles[i].role == LX_ROLE_CROSS_REL_BIAS)
            arch_warn(a, "tensor %s: %llu parameters of a cross-attention position bias that neither transformers nor "
                      "llama.cpp uses (T5's cross-attention has none); counted, as the file holds them",
                      a->tensors->v[i].name, (unsigned long long)lx_arch_tensor_params(a, i));
    c->n_layers = max_layer + 1;
    return LX_OK;
}

/* ---- step 3: layers ---- */

/* The token mixer a layer's tensors show; the declared kind refines what names cannot tell
 * (Lightning attention and mLSTM use attention-like names; Mamba and Mamba-2 share most). */
static lx_mixer mixer_of(const layer_info *L, lx_mixer declared)
{
    if (has(L, LX_ROLE_KDA)) return LX_MIX_KDA;
    if (has(L, LX_ROLE_SSM_BA)) return LX_MIX_GDN;
    static const lx_role ATT[] = {LX_ROLE_ATTN_Q, LX_ROLE_ATTN_K, LX_ROLE_ATTN_QKV, LX_ROLE_ATTN_O, LX_ROLE_ATTN_KV_A,
                                  LX_ROLE_ATTN_Q_A};
    bool attn = false;
    for (size_t i = 0; i < sizeof ATT / sizeof ATT[0]; i++) attn = attn || has(L, ATT[i]);
    bool ssm = has(L, LX_ROLE_SSM_IN) || has(L, LX_ROLE_SSM_A) || has(L, LX_ROLE_SSM_CONV) || has(L, LX_ROLE_SSM_X);
    if (attn && ssm && declared == LX_MIX_ATTN) return LX_MIX_ATTN; /* side by side (Falcon-H1) */
    if (ssm && has(L, LX_ROLE_SSM_X)) return LX_MIX_MAMBA;
    if (ssm) return declared == LX_MIX_MAMBA || declared == LX_MIX_MLSTM ? declared : LX_MIX_MAMBA2;
    if (has(L, LX_ROLE_CONV) || has(L, LX_ROLE_CONV_IN)) return LX_MIX_CONV;
    if (attn) return declared == LX_MIX_LIGHTNING || declared == LX_MIX_MLSTM ? declared : LX_MIX_ATTN;
    return LX_MIX_NONE;
}

static lx_status collect_layers(build_ctx *c)
{
    lx_arch *a = c->a;
    c->layers = calloc((size_t)(c->n_layers ? c->n_layers : 1), sizeof *c->layers);
    if (!c->layers) return lx_err_set(c->err, LX_ERR_MODEL, "%s: out of memory", a->src->path);
    for (int l = 0; l < c->n_layers; l++) c->layers[l].max_expert = -1;
    for (size_t i = 0; i < a->tensors->n; i++) {
        const lx_role_match *m = &a->roles[i];
        if (m->layer < 0 || m->role == LX_ROLE_BUFFER) continue;
        layer_info *L = &c->layers[m->layer];
        lx_roleset_add(&L->roles, m->role);
        if (m->bias) lx_roleset_add(&L->bias_roles, m->role);
        if (m->expert > L->max_expert) L->max_expert = m->expert;
    }
    for (int l = 0; l < c->n_layers; l++) {
        lx_mixer declared = a->hp.has_layer_bits && l < LX_MAX_LAYERS ? (lx_mixer)a->hp.mixer[l] : LX_MIX_ATTN;
        c->layers[l].mixer = mixer_of(&c->layers[l], declared);
        a->layers[l].mixer = c->layers[l].mixer;
    }
    for (size_t i = 0; i < a->tensors->n; i++) {
        const lx_role_match *m = &a->roles[i];
        const lx_tensor *t = &a->tensors->v[i];
        if (m->role == LX_ROLE_BUFFER || !lx_towers_is_lm(a, i)) continue;
        lx_comp comp = role_comp(m->role);
        /* a linear-attention layer's q/k/v-like projections belong to that mixer */
        if (comp == LX_COMP_ATTENTION && m->layer >= 0 && c->layers[m->layer].mixer != LX_MIX_ATTN) comp = LX_COMP_MIXER;
        uint64_t params = lx_arch_tensor_params(a, i);
        a->comp[comp].params += params;
        a->comp[comp].bytes += t->n_bytes;
        a->params_by_type[t->type] += params;
        a->bytes_by_type[t->type] += t->n_bytes;
        if (m->layer < 0) continue;
        c->layers[m->layer].comp[comp].params += params;
        c->layers[m->layer].comp[comp].bytes += t->n_bytes;
    }
    return LX_OK;
}

/* HF "post_attention_layernorm" is a post-attention norm when the layer also has a
 * pre-FFN norm (Gemma) or has no input norm (OLMo 2); otherwise it is the pre-FFN norm. */
static void resolve_post_attn_ln(build_ctx *c)
{
    for (int l = 0; l < c->n_layers; l++) {
        layer_info *L = &c->layers[l];
        if (!has(L, LX_ROLE_HF_POST_ATTN_LN)) continue;
        bool post = has(L, LX_ROLE_FFN_NORM) || !has(L, LX_ROLE_ATTN_NORM);
        L->post_attn_ln_is_post = post;
        lx_roleset_del(&L->roles, LX_ROLE_HF_POST_ATTN_LN);
        lx_roleset_add(&L->roles, post ? LX_ROLE_ATTN_POST_NORM : LX_ROLE_FFN_NORM);
    }
}

/* ---- step 4: dimensions ---- */

/* First tensor with this role (weight, not bias), or NULL; attention roles only from
 * softmax-attention layers (a Gated DeltaNet layer's attn_qkv is not attention's). */
static const lx_tensor *find_role(const lx_arch *a, lx_role r, const lx_role_match **mo)
{
    for (size_t i = 0; i < a->tensors->n; i++)
        if (a->roles[i].role == r && !a->roles[i].bias && !a->roles[i].qaux && !a->roles[i].packed &&
            (a->roles[i].layer < 0 || a->layers[a->roles[i].layer].mixer == LX_MIX_ATTN)) {
            if (mo) *mo = &a->roles[i];
            return &a->tensors->v[i];
        }
    return NULL;
}

static uint64_t out_dim(const lx_tensor *t, const lx_role_match *m)
{
    if (t->n_dims < 2) return t->shape[0];
    return m->in_out ? t->shape[t->n_dims - 1] : t->shape[t->n_dims - 2];
}

static uint64_t role_out(const lx_arch *a, lx_role r)
{
    const lx_role_match *m = NULL;
    const lx_tensor *t = find_role(a, r, &m);
    return t ? out_dim(t, m) : 0;
}

/* Shapes win: when the declared value differs from the one the shapes show, warn. */
static void settle(lx_arch *a, const char *what, uint64_t *declared, uint64_t from_shapes, const char *tensor)
{
    if (!from_shapes) return;
    if (*declared && *declared != from_shapes)
        arch_warn(a, "%s: declared %llu but the shape of %s says %llu; using %llu", what,
                  (unsigned long long)*declared, tensor, (unsigned long long)from_shapes,
                  (unsigned long long)from_shapes);
    *declared = from_shapes;
}

static void derive_embedding_dims(build_ctx *c)
{
    lx_arch *a = c->a;
    const lx_tensor *e = find_role(a, LX_ROLE_TOK_EMBD, NULL);
    if (e && e->n_dims == 2) {
        settle(a, "vocab_size", &a->hp.vocab_size, e->shape[0], e->name);
        if (!a->hp.embed_dim) settle(a, "d_model", &a->hp.d_model, e->shape[1], e->name);
    }
    uint64_t layers = (uint64_t)c->n_layers;
    if (a->hp.n_dec_layers && layers == a->hp.n_layers + a->hp.n_dec_layers) { /* encoder + decoder */
        a->n_enc_layers = (int)a->hp.n_layers;
        a->hp.n_layers = layers;
        return;
    }
    if (layers && a->hp.n_layers && a->hp.n_layers != layers)
        arch_warn(a, "n_layers: declared %llu but tensors exist for %llu layers; using %llu",
                  (unsigned long long)a->hp.n_layers, (unsigned long long)layers, (unsigned long long)layers);
    if (layers) a->hp.n_layers = layers;
}

static void derive_head_dims(build_ctx *c)
{
    lx_arch *a = c->a;
    lx_hparams *hp = &a->hp;
    const lx_tensor *qn = find_role(a, LX_ROLE_ATTN_Q_NORM, NULL);
    uint64_t q_out = role_out(a, LX_ROLE_ATTN_Q);
    if (qn && qn->n_elems != q_out && !hp->head_dim) hp->head_dim = qn->n_elems; /* per-head QK-norm */
    if (!hp->head_dim && hp->n_heads && hp->d_model % hp->n_heads == 0) hp->head_dim = hp->d_model / hp->n_heads;
    if (!hp->head_dim) {
        if (q_out || role_out(a, LX_ROLE_ATTN_QKV))
            arch_warn(a, "n_heads: not declared and not derivable from tensor shapes; head counts unknown");
        return;
    }
    bool gated = hp->n_heads && q_out == 2 * hp->n_heads * hp->head_dim; /* q and its output gate */
    if (q_out && q_out % hp->head_dim == 0 && !gated) settle(a, "n_heads", &hp->n_heads, q_out / hp->head_dim, "attn_q");
    uint64_t k_out = role_out(a, LX_ROLE_ATTN_K);
    if (k_out && k_out % hp->head_dim == 0) settle(a, "n_kv_heads", &hp->n_kv_heads, k_out / hp->head_dim, "attn_k");
    uint64_t qkv = role_out(a, LX_ROLE_ATTN_QKV);
    if (qkv && hp->n_heads && qkv % hp->head_dim == 0 && qkv / hp->head_dim > hp->n_heads) {
        uint64_t rest = qkv / hp->head_dim - hp->n_heads;
        if (rest % 2 == 0) settle(a, "n_kv_heads", &hp->n_kv_heads, rest / 2, "attn_qkv");
    }
    if (!hp->n_kv_heads) hp->n_kv_heads = hp->n_heads;
}

static void derive_mla_dims(build_ctx *c)
{
    lx_arch *a = c->a;
    lx_hparams *hp = &a->hp;
    uint64_t q_a = role_out(a, LX_ROLE_ATTN_Q_A), kv_a = role_out(a, LX_ROLE_ATTN_KV_A);
    if (!kv_a) return;
    settle(a, "q_lora_rank", &hp->q_lora_rank, q_a, "attn_q_a");
    const lx_tensor *kvn = find_role(a, LX_ROLE_ATTN_KV_A_NORM, NULL);
    if (kvn) settle(a, "kv_lora_rank", &hp->kv_lora_rank, kvn->n_elems, kvn->name);
    if (hp->kv_lora_rank && kv_a > hp->kv_lora_rank)
        settle(a, "qk_rope_head_dim", &hp->qk_rope_head_dim, kv_a - hp->kv_lora_rank, "attn_kv_a_mqa");
    if (!hp->qk_nope_head_dim && hp->head_dim > hp->qk_rope_head_dim) hp->qk_nope_head_dim = hp->head_dim - hp->qk_rope_head_dim;
    if (!hp->v_head_dim) hp->v_head_dim = hp->qk_nope_head_dim;
    if (hp->qk_nope_head_dim && hp->qk_rope_head_dim) hp->head_dim = hp->qk_nope_head_dim + hp->qk_rope_head_dim;
    hp->n_kv_heads = hp->n_heads; /* MLA decompresses a full set of K/V heads */
}

static void derive_ffn_dims(build_ctx *c)
{
    lx_arch *a = c->a;
    lx_hparams *hp = &a->hp;
    uint64_t up = role_out(a, LX_ROLE_FFN_UP), gate_up = role_out(a, LX_ROLE_FFN_GATE_UP);
    if (!up && gate_up) up = gate_up / 2;
    bool varies = false; /* per-layer widths (OpenELM, DeciLM): d_ff is their largest */
    for (int l = 0; l < LX_MAX_LAYERS && !varies; l++) varies = hp->l_ff[l] != 0;
    if (!varies) settle(a, "d_ff", &hp->d_ff, up, "ffn_up");
    const lx_role_match *m = NULL;
    const lx_tensor *e = find_role(a, LX_ROLE_EXP_UP, &m);
    bool fused = false;
    if (!e) { e = find_role(a, LX_ROLE_EXP_GATE_UP, &m); fused = true; }
    if (!e) return;
    uint64_t width = out_dim(e, m) / (fused ? 2 : 1);
    settle(a, "d_expert", &hp->d_expert, width, e->name);
    uint64_t n_exp = e->n_dims == 3 ? e->shape[0] : 0;
    for (int l = 0; l < c->n_layers && !n_exp; l++)
        if (c->layers[l].max_expert >= 0) n_exp = (uint64_t)c->layers[l].max_expert + 1;
    settle(a, "n_experts", &hp->n_experts, n_exp, e->name);
    uint64_t sh = role_out(a, LX_ROLE_SHEXP_UP);
    if (sh) {
        hp->d_shared_expert = sh;
        if (!hp->n_shared_experts) hp->n_shared_experts = (hp->d_expert && sh % hp->d_expert == 0) ? sh / hp->d_expert : 1;
    }
}

/* ---- step 5: kinds ---- */

static bool any_layer_has(const build_ctx *c, lx_role r)
{
    for (int l = 0; l < c->n_layers; l++)
        if (has(&c->layers[l], r) && (c->layers[l].mixer == LX_MIX_ATTN || role_comp(r) != LX_COMP_ATTENTION))
            return true;
    return false;
}

static bool any_layer_bias(const build_ctx *c, lx_role r)
{
    for (int l = 0; l < c->n_layers; l++)
        if (has_bias(&c->layers[l], r) && (c->layers[l].mixer == LX_MIX_ATTN || role_comp(r) != LX_COMP_ATTENTION))
            return true;
    return false;
}

static lx_ffn_kind layer_ffn(const layer_info *L)
{
    if (has(L, LX_ROLE_EXP_GATE) || has(L, LX_ROLE_EXP_UP) || has(L, LX_ROLE_EXP_GATE_UP)) return LX_FFN_MOE;
    if (has(L, LX_ROLE_FFN_GATE) || has(L, LX_ROLE_FFN_GATE_UP)) return LX_FFN_GLU;
    if (has(L, LX_ROLE_FFN_UP) || has(L, LX_ROLE_FFN_DOWN)) return LX_FFN_MLP;
    return LX_FFN_NONE;
}

static void set_attention(build_ctx *c)
{
    lx_arch *a = c->a;
    const lx_hparams *hp = &a->hp;
    bool mla = any_layer_has(c, LX_ROLE_ATTN_KV_A);
    a->attn.n_heads = hp->n_heads;
    a->attn.n_kv_heads = hp->n_kv_heads;
    a->attn.head_dim = hp->head_dim;
    a->attn.v_head_dim = hp->v_head_dim ? hp->v_head_dim : hp->head_dim;
    if (mla) a->attn.kind = LX_ATTN_MLA;
    else if (hp->n_kv_heads == hp->n_heads) a->attn.kind = LX_ATTN_MHA;
    else if (hp->n_kv_heads == 1) a->attn.kind = LX_ATTN_MQA;
    else a->attn.kind = LX_ATTN_GQA;
    a->attn.qk_norm = any_layer_has(c, LX_ROLE_ATTN_Q_NORM) || hp->qk_norm == LX_YES;
    a->attn.fused_qkv = any_layer_has(c, LX_ROLE_ATTN_QKV);
    a->attn.sinks = any_layer_has(c, LX_ROLE_ATTN_SINKS);
    lx_role q = a->attn.fused_qkv ? LX_ROLE_ATTN_QKV : LX_ROLE_ATTN_Q;
    a->attn.q_bias = any_layer_bias(c, q);
    a->attn.k_bias = any_layer_bias(c, a->attn.fused_qkv ? LX_ROLE_ATTN_QKV : LX_ROLE_ATTN_K);
    a->attn.v_bias = any_layer_bias(c, a->attn.fused_qkv ? LX_ROLE_ATTN_QKV : LX_ROLE_ATTN_V);
    a->attn.o_bias = any_layer_bias(c, LX_ROLE_ATTN_O);
    a->attn.softcap = hp->attn_softcap;
    a->attn.q_lora_rank = hp->q_lora_rank;
    a->attn.kv_lora_rank = hp->kv_lora_rank;
    a->attn.rope_head_dim = hp->qk_rope_head_dim;
    a->attn.nope_head_dim = hp->qk_nope_head_dim;
    if (mla) a->attn.head_dim = hp->qk_nope_head_dim + hp->qk_rope_head_dim;
}

static void set_sliding(build_ctx *c)
{
    lx_arch *a = c->a;
    const lx_hparams *hp = &a->hp;
    int n = (int)a->hp.n_layers;
    if (n > LX_MAX_LAYERS) n = LX_MAX_LAYERS;
    a->attn.sliding_window = hp->sliding_window;
    for (int l = 0; l < n; l++) {
        uint32_t bits = hp->has_layer_bits ? hp->layer_bits[l] : 0;
        if (hp->sliding_window && !hp->has_layer_bits) bits |= LX_LAYER_SLIDING;
        if (!hp->sliding_window) bits &= ~(uint32_t)LX_LAYER_SLIDING;
        lx_ffn_kind k = l < c->n_layers ? layer_ffn(&c->layers[l]) : LX_FFN_NONE;
        if (a->ffn.kind == LX_FFN_MOE && k != LX_FFN_MOE && k != LX_FFN_NONE) bits |= LX_LAYER_DENSE;
        a->layer_bits[l] = bits;
        if (bits & LX_LAYER_SLIDING) a->attn.n_sliding_layers++;
    }
}

static bool family_is(const lx_hparams *hp, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(hp->family, *names) == 0) return true;
    return false;
}

static void set_position(build_ctx *c)
{
    lx_arch *a = c->a;
    const lx_hparams *hp = &a->hp;
    static const char *const ALIBI[] = {"bloom", "mpt", "baichuan", NULL};
    if (any_layer_has(c, LX_ROLE_POS_EMBD) || find_role(a, LX_ROLE_POS_EMBD, NULL)) a->pos.kind = LX_POS_LEARNED;
    else if (!strcmp(hp->position, "sinusoidal")) a->pos.kind = LX_POS_SINUSOIDAL;
    else if (!strcmp(hp->position, "alibi") || family_is(hp, ALIBI)) a->pos.kind = LX_POS_ALIBI;
    else if (!strcmp(hp->position, "none")) a->pos.kind = LX_POS_NONE;
    else if (!strcmp(hp->position, "learned")) a->pos.kind = LX_POS_LEARNED;
    else if (!strcmp(hp->position, "relative")) a->pos.kind = LX_POS_RELATIVE;
    else a->pos.kind = LX_POS_ROPE;
    if (a->pos.kind != LX_POS_ROPE) return;
    a->pos.rope_theta = hp->rope_theta > 0 ? hp->rope_theta : 10000.0;
    a->pos.rope_dims = hp->rope_dims ? hp->rope_dims : a->attn.kind == LX_ATTN_MLA ? hp->qk_rope_head_dim : hp->head_dim;
    snprintf(a->pos.scaling, sizeof a->pos.scaling, "%s", hp->rope_scaling);
    a->pos.scaling_factor = hp->rope_factor;
}

static bool any_norm_bias(const build_ctx *c)
{
    static const lx_role NORMS[] = {LX_ROLE_ATTN_NORM, LX_ROLE_FFN_NORM, LX_ROLE_ATTN_POST_NORM, LX_ROLE_FFN_POST_NORM};
    for (size_t i = 0; i < sizeof NORMS / sizeof NORMS[0]; i++)
        if (any_layer_bias(c, NORMS[i])) return true;
    return false;
}

static void set_norm(build_ctx *c)
{
    lx_arch *a = c->a;
    a->norm.bias = any_norm_bias(c);
    if (!strcmp(a->hp.norm, "layernorm")) a->norm.kind = LX_NORM_LAYERNORM;
    else if (!strcmp(a->hp.norm, "rmsnorm")) a->norm.kind = LX_NORM_RMSNORM;
    else a->norm.kind = a->norm.bias ? LX_NORM_LAYERNORM : LX_NORM_RMSNORM;
    bool pre = any_layer_has(c, LX_ROLE_ATTN_NORM), post = any_layer_has(c, LX_ROLE_ATTN_POST_NORM);
    a->norm.placement = pre && post ? LX_NORM_SANDWICH : post ? LX_NORM_POST : LX_NORM_PRE;
    a->norm.final_norm = find_role(a, LX_ROLE_OUTPUT_NORM, NULL) != NULL;
}

static void set_ffn(build_ctx *c)
{
    lx_arch *a = c->a;
    const lx_hparams *hp = &a->hp;
    a->ffn.kind = LX_FFN_MLP;
    for (int l = 0; l < c->n_layers; l++) {
        lx_ffn_kind k = layer_ffn(&c->layers[l]);
        if (k == LX_FFN_MOE || (k == LX_FFN_GLU && a->ffn.kind == LX_FFN_MLP)) a->ffn.kind = k;
    }
    bool glu = a->ffn.kind == LX_FFN_GLU || any_layer_has(c, LX_ROLE_EXP_GATE) || any_layer_has(c, LX_ROLE_EXP_GATE_UP) ||
               any_layer_has(c, LX_ROLE_FFN_GATE);
    const char *act = hp->activation[0] ? hp->activation : glu ? "silu" : "gelu";
    snprintf(a->ffn.activation, sizeof a->ffn.activation, "%s", act);
    a->ffn.d_ff = hp->d_ff;
    a->ffn.n_experts = hp->n_experts;
    a->ffn.n_experts_used = hp->n_experts_used;
    a->ffn.n_shared_experts = hp->n_shared_experts;
    a->ffn.d_expert = hp->d_expert;
    a->ffn.d_shared = hp->d_shared_expert;
    a->ffn.bias = any_layer_bias(c, LX_ROLE_FFN_UP) || any_layer_bias(c, LX_ROLE_EXP_GATE_UP) || any_layer_bias(c, LX_ROLE_EXP_UP);
    if (a->ffn.kind == LX_FFN_MOE && !a->ffn.n_experts_used) {
        a->ffn.n_experts_used = a->ffn.n_experts;
        arch_warn(a, "n_experts_used: not declared; assuming every expert is active");
    }
}

static void set_head(build_ctx *c)
{
    lx_arch *a = c->a;
    a->tied = find_role(a, LX_ROLE_OUTPUT, NULL) == NULL;
    if (a->tied && a->hp.tied == LX_NO && !a->synthesized)
        arch_warn(a, "tie_word_embeddings: declared false but there is no output tensor; the head is tied");
    a->final_softcap = a->hp.final_softcap;
}

/* ---- step 6: groups ---- */

static bool same_structure(const layer_info *x, const layer_info *y)
{
    if (memcmp(&x->roles, &y->roles, sizeof x->roles) || memcmp(&x->bias_roles, &y->bias_roles, sizeof x->bias_roles) ||
        x->mixer != y->mixer)
        return false;
    for (int k = 0; k < LX_COMP_COUNT; k++)
        if (x->comp[k].params != y->comp[k].params) return false;
    return true;
}

static lx_status make_groups(build_ctx *c)
{
    lx_arch *a = c->a;
    a->groups = calloc((size_t)(c->n_layers ? c->n_layers : 1), sizeof *a->groups);
    if (!a->groups) return lx_err_set(c->err, LX_ERR_MODEL, "%s: out of memory", a->src->path);
    for (int l = 0; l < c->n_layers; l++) {
        const layer_info *L = &c->layers[l];
        if (a->n_groups && same_structure(&c->layers[a->groups[a->n_groups - 1].first], L)) {
            lx_group *g = &a->groups[a->n_groups - 1];
            g->last = l;
            for (int k = 0; k < LX_COMP_COUNT; k++) g->bytes += L->comp[k].bytes;
            continue;
        }
        lx_group *g = &a->groups[a->n_groups++];
        g->first = g->last = l;
        g->ffn = layer_ffn(L);
        g->attn = a->attn.kind;
        g->mixer = L->mixer;
        for (int k = 0; k < LX_COMP_COUNT; k++) {
            g->per_layer[k] = L->comp[k];
            g->params_per_layer += L->comp[k].params;
            g->bytes += L->comp[k].bytes;
        }
        g->d_ff = g->ffn == LX_FFN_MOE ? 0 : a->hp.d_ff;
    }
    return LX_OK;
}

/* ---- step 6b: the per-layer model ---- */

static lx_status resolve_layers(build_ctx *c)
{
    lx_arch *a = c->a;
    int n = c->n_layers;
    a->n_layers = n;
    lx_ffn_kind *ffn = calloc((size_t)(n ? n : 1), sizeof *ffn);
    uint64_t *q = calloc((size_t)(n ? n : 1), sizeof *q), *k = calloc((size_t)(n ? n : 1), sizeof *k);
    uint64_t *params = calloc((size_t)(n ? n : 1), sizeof *params);
    bool *has_v = calloc((size_t)(n ? n : 1), sizeof *has_v);
    lx_status st = LX_OK;
    if (!ffn || !q || !k || !params || !has_v) st = lx_err_set(c->err, LX_ERR_IO, "%s: out of memory", a->src->path);
    for (size_t i = 0; st == LX_OK && i < a->tensors->n; i++) {
        const lx_role_match *m = &a->roles[i];
        if (m->layer < 0 || m->bias || m->qaux || m->packed) continue;
        const lx_tensor *t = &a->tensors->v[i];
        if (m->role == LX_ROLE_ATTN_Q || m->role == LX_ROLE_ATTN_Q_B) q[m->layer] = out_dim(t, m);
        if (m->role == LX_ROLE_ATTN_K) k[m->layer] = out_dim(t, m);
        if (m->role == LX_ROLE_ATTN_V || m->role == LX_ROLE_ATTN_QKV || m->role == LX_ROLE_ATTN_KV_B ||
            m->role == LX_ROLE_ATTN_KV_A)
            has_v[m->layer] = true;
    }
    for (int l = 0; st == LX_OK && l < n; l++) {
        const layer_info *L = &c->layers[l];
        if (L->mixer == LX_MIX_ATTN && (has(L, LX_ROLE_SSM_IN) || has(L, LX_ROLE_SSM_CONV)) && l < LX_MAX_LAYERS)
            a->layer_bits[l] |= LX_LAYER_PAR_SSM; /* a Mamba-2 beside the attention (Falcon-H1) */
        ffn[l] = layer_ffn(&c->layers[l]);
        for (int kc = 0; kc < LX_COMP_COUNT; kc++) params[l] += c->layers[l].comp[kc].params;
    }
    const lx_family *f = lx_family_by_name(a->hp.family);
    const lx_family *g = a->format == LX_FMT_GGUF ? lx_family_by_gguf(a->hp.arch_raw) : NULL; /* t5encoder */
    a->encoder_only = (f && (f->recipe & LX_R_ENCODER)) || (g && (g->recipe & LX_R_ENCODER));
    a->embed_scaled = f && (f->recipe & LX_R_EMBED_SCALE);
    a->norm.in_branch = f && (f->recipe & LX_R_POST_ONLY);
    if (st == LX_OK) lx_layers_resolve(a, ffn, q, k, has_v, params);
    free(ffn);
    free(q);
    free(k);
    free(params);
    free(has_v);
    return st;
}

/* ---- step 7: accounting ---- */

/* The parameters tensor i holds: scales and zeros hold none; a packed weight several per element. */
uint64_t lx_arch_tensor_params(const lx_arch *a, size_t i)
{
    const lx_role_match *m = &a->roles[i];
    const lx_tensor *t = &a->tensors->v[i];
    return m->qaux ? 0 : m->packed ? lx_quant_packed_params(&a->hp.quant, t) : t->n_elems;
}

static lx_submodel *add_sub(lx_arch *a, lx_sub_kind kind, const char *name, int n_layers)
{
    if (a->n_subs >= LX_MAX_SUBS) return NULL;
    lx_submodel *p = &a->subs[a->n_subs++];
    p->kind = kind;
    snprintf(p->name, sizeof p->name, "%s", name);
    p->n_layers = n_layers;
    return p;
}

/* Whether tensor i belongs to an encoder-decoder's encoder: its layers, and the encoder's own
 * whole-model tensors (llama.cpp's "enc." names, Hugging Face's "encoder.": its final norm,
 * positions, Whisper's audio stem). */
bool lx_arch_in_encoder(const lx_arch *a, size_t i)
{
    const lx_role_match *m = &a->roles[i];
    return m->layer >= 0 ? m->layer < a->n_enc_layers : m->in_stack && m->stack == 0;
}

/* The checkpoint's parts. An encoder-decoder's layers split at n_enc_layers; the encoder
 * keeps its own final norm; the token embedding (shared by both stacks, or the decoder's),
 * the decoder's final norm and the head go with the decoder. */
static void set_subs(lx_arch *a)
{
    a->n_subs = 0;
    if (a->encoder_only) {
        lx_submodel *p = add_sub(a, LX_SUB_ENCODER, "Encoder", a->n_layers);
        p->params = a->total_params, p->bytes = a->total_bytes;
        return;
    }
    if (a->n_enc_layers > 0 && a->n_enc_layers < a->n_layers) { /* Whisper's encoder reads log-mel frames */
        bool audio = a->hp.n_mels > 0;
        lx_submodel *e = add_sub(a, audio ? LX_SUB_AUDIO : LX_SUB_ENCODER, audio ? "Audio encoder" : "Encoder",
                                 a->n_enc_layers);
        for (size_t i = 0; i < a->tensors->n; i++)
            if (a->roles[i].role != LX_ROLE_BUFFER && lx_arch_in_encoder(a, i))
                e->params += a->tensors->v[i].n_elems, e->bytes += a->tensors->v[i].n_bytes;
        lx_submodel *d = add_sub(a, LX_SUB_DECODER, "Decoder", a->n_layers - a->n_enc_layers);
        d->params = a->total_params - e->params, d->bytes = a->total_bytes - e->bytes;
        return;
    }
    lx_submodel *p = add_sub(a, LX_SUB_DECODER, "Decoder", a->n_layers);
    p->params = a->total_params, p->bytes = a->total_bytes;
}

static void account(build_ctx *c)
{
    lx_arch *a = c->a;
    for (int k = 0; k < LX_COMP_COUNT; k++) {
        a->total_params += a->comp[k].params;
        a->total_bytes += a->comp[k].bytes;
    }
    a->active_params = a->total_params;
    if (a->ffn.kind == LX_FFN_MOE) {
        for (int l = 0; l < c->n_layers; l++) {
            uint64_t routed = c->layers[l].comp[LX_COMP_FFN_EXPERTS].params;
            uint64_t e = a->ffn.n_experts ? a->ffn.n_experts : 1;
            a->active_params -= routed - routed / e * a->ffn.n_experts_used;
        }
    }
    a->bits_per_weight = a->total_params ? (double)a->total_bytes * 8.0 / (double)a->total_params : 0.0;
    uint64_t embed = a->comp[LX_COMP_EMBEDDING].params;
    a->active_no_embed = a->active_params > embed ? a->active_params - embed : 0;
    set_subs(a);
    lx_towers_account(a); /* the towers' and MTP modules' parts after the language model's */
}

static void check_declared_moe(build_ctx *c)
{
    lx_arch *a = c->a;
    if (a->ffn.kind != LX_FFN_MOE && a->hp.n_experts > 1 && !a->synthesized)
        arch_warn(a, "n_experts: declared %llu but no expert tensors were found",
                  (unsigned long long)a->hp.n_experts);
}

lx_status lx_arch_build(const lx_source *src, lx_arch *out, lx_err *err)
{
    memset(out, 0, sizeof *out);
    out->src = src;
    out->hp = src->hp;
    out->format = src->format;
    lx_quant_label(&out->hp.quant, out->quant_label, sizeof out->quant_label);
    for (int i = 0; i < src->n_warnings; i++) arch_warn(out, "%s", src->warnings[i]);
    if (out->hp.quant.present && !out->hp.quant.known && !src->has_tensors) /* a config's bytes, not its files' */
        arch_warn(out, "its quantization_config (%s) is not one llmxray can size; bytes are those of the unquantized "
                       "weights", out->hp.quant.note[0] ? out->hp.quant.note : out->hp.quant.method);
    if (!lx_synth_supports(out->hp.family) && !(src->has_tensors && (lx_family_by_name(out->hp.family) != NULL)))
        arch_warn(out, src->has_tensors ? "family '%s' is not one llmxray knows; the model is built generically from "
                                          "its tensor names"
                                        : "family '%s' is not one llmxray knows; built as a generic Llama-style "
                                          "decoder from its width keys (an estimate)",
                  out->hp.family[0] ? out->hp.family : "(none declared)");
    lx_index_facts index;
    char note[512];
    lx_shipped_read(src, &out->hp, &index);
    const lx_family *fam = lx_family_by_name(out->hp.family);
    if (!src->has_tensors) lx_shipped_tie(&index, &out->hp, fam && (fam->recipe & LX_R_ENCODER), note, sizeof note);
    if (!src->has_tensors && note[0]) arch_warn(out, "%s", note);
    if (!src->has_tensors) lx_shipped_mtp(&index, &out->hp, note, sizeof note);
    if (!src->has_tensors && note[0]) arch_warn(out, "%s", note);
    build_ctx c = {out, NULL, 0, err};
    lx_status st = take_tensors(&c);
    if (st == LX_OK && !lx_towers_classify(out)) st = lx_err_set(err, LX_ERR_IO, "%s: out of memory", src->path);
    if (st == LX_OK) st = match_roles(&c);
    if (st == LX_OK) st = collect_layers(&c);
    if (st == LX_OK && out->tensors->n == 0)
        st = lx_err_set(err, LX_ERR_MODEL, "%s: the model has no tensors (expected weights or hyper-parameters to build them from)", src->path);
    if (st == LX_OK) {
        resolve_post_attn_ln(&c);
        derive_embedding_dims(&c);
        derive_head_dims(&c);
        derive_mla_dims(&c);
        derive_ffn_dims(&c);
        set_attention(&c);
        set_ffn(&c);
        set_sliding(&c);
        set_position(&c);
        set_norm(&c);
        set_head(&c);
        check_declared_moe(&c);
        st = make_groups(&c);
    }
    if (st == LX_OK) st = resolve_layers(&c);
    if (st == LX_OK) account(&c);
    lx_shipped_check(&index, &out->hp, out->total_bytes, out->tied, note, sizeof note);
    if (st == LX_OK && note[0]) arch_warn(out, "%s", note);
    free(c.layers);
    if (st != LX_OK) lx_arch_free(out);
    return st;
}

void lx_arch_free(lx_arch *a)
{
    for (int i = 0; i < a->n_warnings; i++) free(a->warnings[i]);
    free(a->warnings);
    free(a->groups);
    free(a->roles);
    lx_towers_free(&a->towers);
    lx_tensors_free(&a->own_tensors);
    memset(a, 0, sizeof *a);
}

/* ---- names ---- */

const char *lx_attn_kind_name(lx_attn_kind k)
{
    static const char *const N[] = {"MHA", "GQA", "MQA", "MLA"};
    return (unsigned)k < 4 ? N[k] : "?";
}

const char *lx_pos_kind_name(lx_pos_kind k)
{
    static const char *const N[] = {"learned", "sinusoidal", "rope", "alibi", "none", "relative"};
    return (unsigned)k < 6 ? N[k] : "?";
}

const char *lx_norm_kind_name(lx_norm_kind k) { return k == LX_NORM_LAYERNORM ? "layernorm" : "rmsnorm"; }

const char *lx_norm_place_name(lx_norm_place p)
{
    static const char *const N[] = {"pre", "post", "sandwich"};
    return (unsigned)p < 3 ? N[p] : "?";
}

const char *lx_ffn_kind_name(lx_ffn_kind k)
{
    static const char *const N[] = {"mlp", "glu", "moe", "none"};
    return (unsigned)k < 4 ? N[k] : "?";
}

static const struct { const char *name, *label; } MIXERS[LX_MIX_COUNT] = {
    [LX_MIX_ATTN] = {"attention", "Attention"},
    [LX_MIX_GDN] = {"gated_deltanet", "Gated DeltaNet"},
    [LX_MIX_KDA] = {"kda", "Kimi Delta Attention"},
    [LX_MIX_LIGHTNING] = {"lightning", "Lightning attention"},
    [LX_MIX_MAMBA] = {"mamba", "Mamba"},
    [LX_MIX_MAMBA2] = {"mamba2", "Mamba-2"},
    [LX_MIX_CONV] = {"conv", "Short convolution"},
    [LX_MIX_MLSTM] = {"mlstm", "mLSTM"},
    [LX_MIX_NONE] = {"none", "No mixer"},
};

const char *lx_mixer_name(lx_mixer m) { return (unsigned)m < LX_MIX_COUNT ? MIXERS[m].name : "?"; }
const char *lx_mixer_label(lx_mixer m) { return (unsigned)m < LX_MIX_COUNT ? MIXERS[m].label : "?"; }

const char *lx_layer_label(const lx_layer *l)
{
    if (l->mixer == LX_MIX_NONE) return l->ffn == LX_FFN_MOE ? "moe" : l->ffn == LX_FFN_NONE ? "none" : "mlp";
    if (l->mixer != LX_MIX_ATTN) return lx_mixer_name(l->mixer);
    if (l->bits & LX_LAYER_PAR_SSM) return "attention+mamba2";
    return (l->bits & LX_LAYER_SLIDING) ? "sliding" : (l->bits & LX_LAYER_CHUNKED) ? "chunked" : "full";
}

static const struct { const char *key, *label; } COMP_NAMES[LX_COMP_COUNT] = {
    [LX_COMP_EMBEDDING] = {"embedding", "Token embedding"},
    [LX_COMP_POSITION] = {"position", "Positional embedding"},
    [LX_COMP_ATTENTION] = {"attention", "Attention"},
    [LX_COMP_MIXER] = {"linear_mixer", "Linear attention / SSM"},
    [LX_COMP_FFN_DENSE] = {"ffn_dense", "Feed-forward"},
    [LX_COMP_FFN_EXPERTS] = {"ffn_experts", "Routed experts"},
    [LX_COMP_FFN_SHARED] = {"ffn_shared_experts", "Shared experts"},
    [LX_COMP_ROUTER] = {"router", "Router"},
    [LX_COMP_NORM] = {"norm", "Norms"},
    [LX_COMP_OUTPUT] = {"output", "Output layer"},
    [LX_COMP_OTHER] = {"other", "Other"},
};

const char *lx_sub_kind_key(lx_sub_kind k)
{
    static const char *const K[LX_SUB_KIND_COUNT] = {"decoder", "encoder", "vision_encoder", "audio_encoder",
                                                      "projector", "mtp", "projector"};
    return k < LX_SUB_KIND_COUNT ? K[k] : "decoder";
}

const char *lx_comp_key(lx_comp c) { return (unsigned)c < LX_COMP_COUNT ? COMP_NAMES[c].key : "?"; }
const char *lx_comp_label(lx_comp c) { return (unsigned)c < LX_COMP_COUNT ? COMP_NAMES[c].label : "?"; }

const char *lx_arch_comp_label(const lx_arch *a, lx_comp c)
{
    if (c != LX_COMP_OTHER || !a->comp[c].params || !a->roles) return lx_comp_label(c);
    uint64_t hyper = 0;
    for (size_t i = 0; i < a->tensors->n; i++)
        if (a->roles[i].role == LX_ROLE_HYPER) hyper += lx_arch_tensor_params(a, i);
    return hyper == a->comp[c].params ? "mHC hyper-connections" : lx_comp_label(c);
}

int lx_arch_layer_mix(const lx_arch *a, const char **labels, int *counts)
{
    int n = 0;
    for (int l = 0; l < a->n_layers && l < LX_MAX_LAYERS; l++) {
        const char *lab = lx_layer_label(&a->layers[l]);
        int k = 0;
        while (k < n && strcmp(labels[k], lab) != 0) k++;
        if (k == n) { labels[n] = lab; counts[n++] = 0; }
        counts[k]++;
    }
    return n;
}

const char *lx_arch_main_dtype(const lx_arch *a)
{
    int best = 0;
    for (int t = 1; t < LX_DT_COUNT; t++)
        if (a->bytes_by_type[t] > a->bytes_by_type[best]) best = t;
    bool packed = best == LX_DT_U8 || best == LX_DT_I8 || best == LX_DT_I32;
    if (a->quant_label[0] && (packed || a->hp.quant.n_schemes > 1)) return a->quant_label;
    return lx_dtype_get((lx_dtype)best)->name;
}

bool lx_arch_groups_same(const lx_group *x, const lx_group *y)
{
    return x->ffn == y->ffn && x->attn == y->attn && x->mixer == y->mixer &&
           x->params_per_layer == y->params_per_layer && x->d_ff == y->d_ff;
}

lx_kind_span lx_arch_kind_span(const lx_arch *a, int g)
{
    lx_kind_span k = {0, 0, -1, -1, 0};
    for (int i = 0; i < a->n_groups; i++) {
        if (!lx_arch_groups_same(&a->groups[g], &a->groups[i])) continue;
        k.n_layers += a->groups[i].last - a->groups[i].first + 1;
        if (k.first < 0) k.first = a->groups[i].first;
        k.last = a->groups[i].last;
        k.runs++;
    }
    if (k.n_layers > 1 && k.runs == k.n_layers && (k.last - k.first) % (k.n_layers - 1) == 0)
        k.step = (k.last - k.first) / (k.n_layers - 1);
    return k;
}
