/* model/synth — see synth.h.
 *
 * One decoder recipe covers the Llama-like families; a family's row in RECIPES says how its
 * block differs (fused projections, which norms, which biases, what its MoE carries).
 * BERT and T5 have builders of their own. Module structures follow the Hugging Face
 * modeling code of each family; every size comes from the hyper-parameters.
 */
#include "model/synth.h"
#include "model/synth_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/families/family.h"
#include "model/towers.h"
#include "read/dtype.h"

typedef struct lx_syn syn;
#define add lx_syn_add
#define lin lx_syn_lin
#define nrm lx_syn_nrm

/* ---------------------------------------------------------------- emitting tensors */

void lx_syn_add(syn *s, int nd, uint64_t a, uint64_t b, uint64_t c, const char *fmt, ...)
{
    if (lx_err_failed(s->err)) return;
    char name[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    lx_tensor t = {.name = name, .n_dims = nd, .shape = {a, b, c}, .type = s->dt};
    uint64_t n = 1;
    for (int i = 0; i < nd; i++)
        if (__builtin_mul_overflow(n, t.shape[i], &n)) {
            lx_err_set(s->err, LX_ERR_MODEL, "%s: %s: size overflows 64 bits (expected smaller dimensions)",
                       s->hp->name, name);
            return;
        }
    t.n_elems = n;
    if (!lx_dtype_bytes(t.type, n, &t.n_bytes)) {
        lx_err_set(s->err, LX_ERR_MODEL, "%s: %s: byte size overflows (expected smaller dimensions)", s->hp->name,
                   name);
        return;
    }
    if (!lx_tensors_push(s->out, &t)) lx_err_set(s->err, LX_ERR_IO, "%s: out of memory", s->hp->name);
}

void lx_syn_lin(syn *s, const char *base, uint64_t out, uint64_t in, bool bias)
{
    lx_syn_add(s, 2, out, in, 0, "%s%s.weight", s->pfx, base);
    if (bias) lx_syn_add(s, 1, out, 0, 0, "%s%s.bias", s->pfx, base);
}

void lx_syn_nrm(syn *s, const char *base, uint64_t n)
{
    lx_syn_add(s, 1, n, 0, 0, "%s%s.weight", s->pfx, base);
    if (strcmp(s->hp->norm, "layernorm") == 0 && !(s->flags & LX_R_NORM_NO_BIAS) && s->hp->norm_bias != LX_NO)
        lx_syn_add(s, 1, n, 0, 0, "%s%s.bias", s->pfx, base);
}

static void set_layer(syn *s, const char *stack, uint64_t i)
{
    snprintf(s->pfx, sizeof s->pfx, "%sblk.%llu.", stack, (unsigned long long)i);
}

static bool yes(lx_tristate t) { return t == LX_YES; }

/* ---------------------------------------------------------------- layer pattern */

bool lx_synth_layer_is_moe(const lx_hparams *hp, uint64_t i)
{
    if (!hp->n_experts) return false;
    if (!hp->has_layer_bits) return i >= hp->n_dense_prefix;
    return i >= LX_MAX_LAYERS || !(hp->layer_bits[i] & LX_LAYER_DENSE);
}

void lx_synth_fill_layer_bits(lx_hparams *hp)
{
    if (hp->has_layer_bits) return;
    uint64_t n = hp->n_layers < LX_MAX_LAYERS ? hp->n_layers : LX_MAX_LAYERS;
    const lx_family *f = lx_family_by_name(hp->family);
    int rule = f ? f->gguf_window : LX_FAM_WINDOW_NONE;
    uint64_t period = rule == LX_FAM_WINDOW_ALL ? 1 : rule > 0 ? (uint64_t)rule : 0;
    for (uint64_t i = 0; i < n; i++) {
        if (hp->n_experts && i < hp->n_dense_prefix) hp->layer_bits[i] |= LX_LAYER_DENSE;
        bool slide = hp->sliding_window && period && (period == 1 || (i + 1) % period != 0);
        if (slide) hp->layer_bits[i] |= LX_LAYER_SLIDING;
    }
    hp->has_layer_bits = true;
}

/* ---------------------------------------------------------------- decoder blocks */

static uint32_t layer_bits(const syn *s) { return s->layer < LX_MAX_LAYERS ? s->hp->layer_bits[s->layer] : 0; }

/* Multi-head latent attention (DeepSeek V2/V3). */
static void attn_mla(syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t H = hp->n_heads, d = hp->d_model, qk = hp->qk_nope_head_dim + hp->qk_rope_head_dim;
    bool b = yes(hp->attn_bias);
    if (hp->q_lora_rank) {
        lin(s, "attn_q_a", hp->q_lora_rank, d, b);
        nrm(s, "attn_q_a_norm", hp->q_lora_rank);
        lin(s, "attn_q_b", H * qk, hp->q_lora_rank, false);
    } else {
        lin(s, "attn_q", H * qk, d, false);
    }
    lin(s, "attn_kv_a_mqa", hp->kv_lora_rank + hp->qk_rope_head_dim, d, b);
    nrm(s, "attn_kv_a_norm", hp->kv_lora_rank);
    lin(s, "attn_kv_b", H * (hp->qk_nope_head_dim + hp->v_head_dim), hp->kv_lora_rank, false);
    lin(s, "attn_output", d, H * hp->v_head_dim, b);
    if (!(layer_bits(s) & LX_LAYER_INDEXER)) return;
    /* DSA indexer: its queries from the q latent, one key, a LayerNorm (with bias) on it,
     * per-head weights */
    uint64_t ni = hp->idx_heads, di = hp->idx_head_dim;
    lin(s, "indexer.attn_q_b", ni * di, hp->q_lora_rank ? hp->q_lora_rank : d, false);
    lin(s, "indexer.attn_k", di, d, false);
    add(s, 1, di, 0, 0, "%sindexer.k_norm.weight", s->pfx);
    add(s, 1, di, 0, 0, "%sindexer.k_norm.bias", s->pfx);
    lin(s, "indexer.proj", ni, d, false);
}

/* This layer's value of a per-layer override, else the model's. */
static uint64_t per_layer(uint64_t model, const uint32_t *l, uint64_t i)
{
    return i < LX_MAX_LAYERS && l[i] ? l[i] : model;
}


static void attn_std(syn *s)
{
    const lx_hparams *hp = s->hp;
    uint32_t bits = layer_bits(s);
    uint64_t hd = per_layer(hp->head_dim, hp->l_head_dim, s->layer);
    uint64_t nh = per_layer(hp->n_heads, hp->l_heads, s->layer), nkv = per_layer(hp->n_kv_heads, hp->l_kv_heads, s->layer);
    if ((bits & LX_LAYER_SLIDING) && hp->l_heads_sliding && !(s->layer < LX_MAX_LAYERS && hp->l_heads[s->layer]))
        nh = hp->l_heads_sliding;
    uint64_t vd = hp->v_head_dim && !hp->kv_lora_rank ? hp->v_head_dim : hd; /* MiMo-V2: narrower values */
    uint64_t d = hp->d_model, q = nh * hd, kv = nkv * hd, qv = nh * vd;
    bool b = yes(hp->attn_bias), fused_gate = (bits & LX_LAYER_GATED) && hp->attn_gate == 0;
    if (s->flags & LX_R_FUSED_QKV) {
        lin(s, "attn_qkv", q + kv + nkv * vd, d, b);
    } else {
        lin(s, "attn_q", fused_gate ? 2 * q : q, d, b);
        lin(s, "attn_k", kv, d, b);
        if (!(bits & LX_LAYER_K_EQ_V)) lin(s, "attn_v", nkv * vd, d, b);
    }
    if ((bits & LX_LAYER_GATED) && hp->attn_gate) lin(s, "attn_gate", hp->attn_gate == 2 ? nh : qv, d, false);
    bool ob = hp->o_bias == LX_YES || (b && !(s->flags & LX_R_NO_O_BIAS) && hp->o_bias != LX_NO);
    lin(s, "attn_output", d, qv, ob);
    if (yes(hp->qk_norm) && !(s->flags & LX_R_QK_NO_WEIGHT)) {
        bool full = s->flags & LX_R_QK_FULL;
        nrm(s, "attn_q_norm", full ? q : hd);
        nrm(s, "attn_k_norm", full ? kv : hd);
    }
    if ((s->flags & LX_R_SINKS) || (bits & LX_LAYER_SINKS)) add(s, 1, nh, 0, 0, "%sattn_sinks.weight", s->pfx);
}

static void ffn_dense(syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, ff = s->layer < LX_MAX_LAYERS && hp->l_ff[s->layer] ? hp->l_ff[s->layer] : hp->d_ff;
    bool b = yes(hp->ffn_bias);
    if ((s->flags & LX_R_GATE_UP) && yes(hp->gated)) {
        lin(s, "ffn_gate_up", 2 * ff, d, b);
    } else {
        if (yes(hp->gated)) lin(s, "ffn_gate", ff, d, b);
        lin(s, "ffn_up", ff, d, b);
    }
    lin(s, "ffn_down", d, ff, b);
    if (hp->act_params) add(s, 1, hp->act_params, 0, 0, "%sffn_act.weight", s->pfx);
}

/* Stacked experts {E, rows, cols} and, when the family has them, their biases {E, rows}. */
static void experts(syn *s, const char *base, uint64_t rows, uint64_t cols)
{
    uint64_t E = s->hp->n_experts;
    add(s, 3, E, rows, cols, "%s%s.weight", s->pfx, base);
    if (s->flags & LX_R_EXPERT_BIAS) add(s, 2, E, rows, 0, "%s%s.bias", s->pfx, base);
}

static void ffn_moe(syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, E = hp->n_experts, de = hp->d_expert, ds = hp->d_shared_expert;
    lin(s, "ffn_gate_inp", E, d, s->flags & LX_R_ROUTER_BIAS);
    if (yes(hp->router_bias)) add(s, 1, E, 0, 0, "%sexp_probs_b.bias", s->pfx);
    uint64_t de_in = hp->moe_latent ? hp->moe_latent : d; /* latent MoE: experts work in the latent */
    if (hp->moe_latent) {
        lin(s, "ffn_latent_down", hp->moe_latent, d, false);
        lin(s, "ffn_latent_up", d, hp->moe_latent, false);
    }
    if (yes(hp->gated)) experts(s, "ffn_gate_exps", de, de_in);
    experts(s, "ffn_up_exps", de, de_in);
    experts(s, "ffn_down_exps", de_in, de);
    if (!hp->n_shared_experts || !ds) return;
    if (yes(hp->gated)) lin(s, "ffn_gate_shexp", ds, d, false);
    lin(s, "ffn_up_shexp", ds, d, false);
    lin(s, "ffn_down_shexp", d, ds, false);
    if (s->flags & LX_R_SHEXP_GATE) lin(s, "ffn_gate_inp_shexp", 1, d, false);
}

/* Norms before attention: one (pre-norm), none (OLMo 2), or Falcon's one or two. */
static void norms_before_attn(syn *s)
{
    const lx_hparams *hp = s->hp;
    if (s->flags & LX_R_POST_ONLY) return;
    nrm(s, "attn_norm", hp->d_model);
    if ((s->flags & LX_R_FALCON_NORMS) && yes(hp->parallel_block) && hp->n_block_norms >= 2)
        nrm(s, "attn_norm_2", hp->d_model);
}

static bool has_ffn_pre_norm(const syn *s)
{
    if (s->flags & LX_R_POST_ONLY) return false;
    if (s->flags & LX_R_FALCON_NORMS) return !yes(s->hp->parallel_block);
    return true;
}

/* The token mixer of layer i. */
static void mixer(syn *s)
{
    const lx_hparams *hp = s->hp;
    lx_mixer m = hp->has_layer_bits && s->layer < LX_MAX_LAYERS ? (lx_mixer)hp->mixer[s->layer] : LX_MIX_ATTN;
    switch (m) {
    case LX_MIX_GDN: lx_syn_gdn(s); break;
    case LX_MIX_KDA: lx_syn_kda(s); break;
    case LX_MIX_MAMBA: lx_syn_mamba(s); break;
    case LX_MIX_MAMBA2: lx_syn_mamba2(s); break;
    case LX_MIX_CONV: lx_syn_conv(s); break;
    case LX_MIX_MLSTM: lx_syn_mlstm(s); break;
    case LX_MIX_NONE: break;
    default:
        if (hp->kv_lora_rank) attn_mla(s);
        else attn_std(s);
        if (layer_bits(s) & LX_LAYER_PAR_SSM) lx_syn_mamba2(s); /* Falcon-H1: beside the attention */
    }
}

static void block(syn *s, uint64_t i)
{
    const lx_hparams *hp = s->hp;
    bool post = s->flags & (LX_R_SANDWICH | LX_R_POST_ONLY);
    set_layer(s, "", i);
    s->layer = i;
    uint32_t bits = layer_bits(s);
    bool no_mixer = hp->has_layer_bits && i < LX_MAX_LAYERS && hp->mixer[i] == LX_MIX_NONE;
    bool no_ffn = bits & LX_LAYER_NO_FFN;
    if (!no_mixer || no_ffn) norms_before_attn(s);
    mixer(s);
    if (post && !no_mixer) nrm(s, "post_attention_norm", hp->d_model);
    if (no_ffn) return;
    if (has_ffn_pre_norm(s) && !no_mixer && !(s->flags & LX_R_PARALLEL)) nrm(s, "ffn_norm", hp->d_model);
    if (no_mixer && !has_ffn_pre_norm(s)) nrm(s, "ffn_norm", hp->d_model);
    else if (no_mixer) nrm(s, "attn_norm", hp->d_model);
    if (lx_synth_layer_is_moe(hp, i)) {
        ffn_moe(s);
        if (hp->moe_dense_beside) ffn_dense(s);
    } else {
        ffn_dense(s);
    }
    if (post) nrm(s, "post_ffw_norm", hp->d_model);
}

static void head(syn *s)
{
    const lx_hparams *hp = s->hp;
    s->pfx[0] = '\0';
    s->layer = LX_MAX_LAYERS;
    if (!(s->flags & LX_R_NO_FINAL_NORM) && !hp->no_final_norm) nrm(s, "output_norm", hp->d_model);
    if (hp->n_labels) { /* a score/classification head in place of the LM head */
        lin(s, "cls.output", hp->n_labels, hp->d_model, true);
        return;
    }
    if (!yes(hp->tied))
        lin(s, "output", hp->vocab_size, hp->embed_dim ? hp->embed_dim : hp->d_model,
            hp->lm_head_bias || (s->flags & LX_R_HEAD_BIAS));
}

static void build_decoder(syn *s)
{
    const lx_hparams *hp = s->hp;
    add(s, 2, hp->vocab_size, hp->embed_dim ? hp->embed_dim : hp->d_model, 0, "token_embd.weight");
    if (hp->embed_dim) { /* OPT-350m: the embedding is narrower than the blocks */
        lin(s, "project_in", hp->d_model, hp->embed_dim, false);
        lin(s, "project_out", hp->embed_dim, hp->d_model, false);
    }
    if (s->flags & LX_R_EMBD_NORM) nrm(s, "token_embd_norm", hp->d_model);
    if (hp->patch_in) lin(s, "patch_embd", hp->d_model, hp->patch_in, true);
    if (strcmp(hp->position, "learned") == 0)
        add(s, 2, hp->context_length + hp->pos_extra, hp->d_model, 0, "position_embd.weight");
    if (hp->ple_dim) { /* Gemma 3n/4: a per-layer token embedding, projected from the residual */
        add(s, 2, hp->ple_vocab ? hp->ple_vocab : hp->vocab_size, hp->n_layers * hp->ple_dim, 0,
            "per_layer_token_embd.weight");
        add(s, 2, hp->n_layers * hp->ple_dim, hp->d_model, 0, "per_layer_model_proj.weight");
        add(s, 1, hp->ple_dim, 0, 0, "per_layer_proj_norm.weight");
    }
    for (uint64_t i = 0; i < hp->n_layers && !lx_err_failed(s->err); i++) block(s, i);
    head(s);
}

/* ---------------------------------------------------------------- BERT (BertModel) */

static void bert_layer(syn *s, uint64_t i)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, q = hp->n_heads * hp->head_dim;
    set_layer(s, "", i);
    lin(s, "attn_q", q, d, true);
    lin(s, "attn_k", q, d, true);
    lin(s, "attn_v", q, d, true);
    lin(s, "attn_output", d, q, true);
    nrm(s, "attn_output_norm", d);
    lin(s, "ffn_up", hp->d_ff, d, true);
    lin(s, "ffn_down", d, hp->d_ff, true);
    nrm(s, "layer_output_norm", d);
}

void lx_synth_bert(syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model;
    add(s, 2, hp->vocab_size, d, 0, "token_embd.weight");
    add(s, 2, hp->context_length, d, 0, "position_embd.weight");
    if (hp->n_token_types) add(s, 2, hp->n_token_types, d, 0, "token_types.weight"); /* none in DistilBERT */
    nrm(s, "token_embd_norm", d);
    for (uint64_t i = 0; i < hp->n_layers && !lx_err_failed(s->err); i++) bert_layer(s, i);
    s->pfx[0] = '\0';
    bool pooler = hp->pooler != LX_UNKNOWN ? yes(hp->pooler) : !(s->flags & LX_R_NO_POOLER);
    bool mlm = hp->mlm_head != LX_UNKNOWN ? yes(hp->mlm_head) : (s->flags & LX_R_MLM_HEAD) != 0;
    if (pooler) lin(s, "cls", d, d, true); /* the pooler's dense layer */
    if (hp->n_labels) lin(s, "cls.output", hp->n_labels, d, true);
    if (mlm) { /* transform, its norm, and the tied decoder's bias */
        lin(s, "mlm.dense", d, d, true);
        nrm(s, "mlm.norm", d);
        add(s, 1, hp->vocab_size, 0, 0, "mlm.decoder.bias");
    }
}

/* ---------------------------------------------------------------- T5 (encoder-decoder) */

static void t5_attn(syn *s, const char *kind, bool rel_bias)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, inner = hp->n_heads * hp->head_dim;
    char base[32];
    snprintf(base, sizeof base, "%s_norm", kind);
    nrm(s, base, d);
    static const char *const PROJ[] = {"q", "k", "v"};
    for (int k = 0; k < 3; k++) {
        snprintf(base, sizeof base, "%s_%s", kind, PROJ[k]);
        lin(s, base, inner, d, false);
    }
    snprintf(base, sizeof base, "%s_o", kind);
    lin(s, base, d, inner, false);
    if (!rel_bias) return;
    uint64_t buckets = hp->rel_attn_buckets ? hp->rel_attn_buckets : 32;
    add(s, 2, buckets, hp->n_heads, 0, "%s%s_rel_b.weight", s->pfx, kind);
}

static void t5_stack(syn *s, const char *stack, uint64_t n, bool cross)
{
    for (uint64_t i = 0; i < n && !lx_err_failed(s->err); i++) {
        set_layer(s, stack, i);
        t5_attn(s, "attn", i == 0);
        if (cross) t5_attn(s, "cross_attn", false);
        nrm(s, "ffn_norm", s->hp->d_model);
        ffn_dense(s);
    }
    snprintf(s->pfx, sizeof s->pfx, "%s", stack);
    nrm(s, "output_norm", s->hp->d_model);
}

void lx_synth_t5(syn *s)
{
    const lx_hparams *hp = s->hp;
    add(s, 2, hp->vocab_size, hp->d_model, 0, "token_embd.weight");
    t5_stack(s, "enc.", hp->n_layers, false);
    t5_stack(s, "dec.", hp->n_dec_layers ? hp->n_dec_layers : hp->n_layers, true);
    s->pfx[0] = '\0';
    if (!yes(hp->tied)) lin(s, "output", hp->vocab_size, hp->d_model, false);
}

/* ---------------------------------------------------------------- MTP modules */

/* DeepSeek-V3-style multi-token-prediction modules after the main layers: each a decoder
 * block plus its own norms and projection (model/towers). The block's kind is the one the
 * config gives for its index (hp->mtp_layers_given), else the last full-attention layer's
 * (MoE per the layer pattern). */
static void mtp_modules(syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t n = hp->n_layers, k = hp->n_nextn_layers;
    if (!(s->flags & LX_R_MTP) || !k || n + k > LX_MAX_LAYERS) return;
    lx_hparams *h = malloc(sizeof *h);
    if (!h) { lx_err_set(s->err, LX_ERR_IO, "%s: out of memory", hp->name); return; }
    *h = *hp;
    uint64_t last = n - 1;
    while (last > 0 && hp->has_layer_bits && (hp->mixer[last] != LX_MIX_ATTN || (hp->layer_bits[last] & LX_LAYER_SLIDING)))
        last--;
    for (uint64_t i = n; i < n + k; i++) {
        h->mixer[i] = LX_MIX_ATTN;
        /* an MTP block always has its FFN (Nemotron 3 folds its "*E" pair into one block) */
        h->layer_bits[i] &= ~(uint32_t)LX_LAYER_NO_FFN;
        if (hp->mtp_layers_given) continue;
        h->layer_bits[i] = hp->layer_bits[last] & ~(LX_LAYER_DENSE | LX_LAYER_NO_FFN);
        if (hp->n_experts && !lx_synth_layer_is_moe(hp, last)) h->layer_bits[i] |= LX_LAYER_DENSE;
    }
    s->hp = h;
    for (uint64_t i = n; i < n + k && !lx_err_failed(s->err); i++) {
        block(s, i);
        lx_towers_synth_mtp(s, i);
    }
    s->hp = hp;
    s->pfx[0] = '\0';
    free(h);
}

/* ---------------------------------------------------------------- the recipe */

/* The record that can build hp's family, or NULL. */
static const lx_family *recipe_of(const char *family)
{
    const lx_family *f = lx_family_by_name(family);
    return f && !(f->recipe & LX_R_NO_SYNTH) ? f : NULL;
}

bool lx_synth_supports(const char *family) { return recipe_of(family) != NULL; }

static const struct { const char *name; lx_dtype dt; } DTYPES[] = {
    {"bfloat16", LX_DT_BF16}, {"float16", LX_DT_F16}, {"half", LX_DT_F16},
    {"float32", LX_DT_F32},   {"float", LX_DT_F32},   {"float64", LX_DT_F64},
};

static lx_dtype storage_type(const char *torch_dtype)
{
    for (size_t i = 0; i < sizeof DTYPES / sizeof DTYPES[0]; i++)
        if (strcmp(torch_dtype, DTYPES[i].name) == 0) return DTYPES[i].dt;
    return LX_DT_BF16;
}

uint64_t lx_synth_count(const lx_tensors *t)
{
    uint64_t n = 0;
    for (size_t i = 0; i < t->n; i++) n += t->v[i].n_elems;
    return n;
}

lx_status lx_synth_tensors(const lx_hparams *hp, lx_tensors *out, lx_err *err)
{
    const lx_family *r = recipe_of(hp->family);
    /* A family no record knows is built as a generic Llama-style decoder from its width keys
     * (model/arch says so): gated when its activation is SiLU, as most such configs are. */
    lx_hparams generic;
    if (!r) {
        generic = *hp;
        if (generic.gated == LX_UNKNOWN)
            generic.gated = strstr(generic.activation, "silu") || strstr(generic.activation, "swi") ? LX_YES : LX_NO;
        if (!generic.head_dim && generic.n_heads && generic.d_model % generic.n_heads == 0)
            generic.head_dim = generic.d_model / generic.n_heads;
        if (!generic.n_kv_heads) generic.n_kv_heads = generic.n_heads;
        if (!generic.d_ff) generic.d_ff = 4 * generic.d_model;
        hp = &generic;
    }
    bool attention = !hp->has_layer_bits;
    for (uint64_t i = 0; !attention && i < hp->n_layers && i < LX_MAX_LAYERS; i++) attention = hp->mixer[i] == LX_MIX_ATTN;
    if (!hp->d_model || !hp->n_layers || !hp->vocab_size || (attention && (!hp->n_heads || !hp->head_dim)))
        return lx_err_set(err, LX_ERR_MODEL, "%s: hyper-parameters incomplete (expected d_model, layers, heads, "
                          "head_dim and vocabulary size)", hp->name);
    if (hp->n_layers > LX_MAX_LAYERS || hp->n_dec_layers > LX_MAX_LAYERS)
        return lx_err_set(err, LX_ERR_MODEL, "%s: %llu layers (expected at most %d)", hp->name,
                          (unsigned long long)hp->n_layers, LX_MAX_LAYERS);
    syn s = {.hp = hp, .out = out, .err = err, .dt = storage_type(hp->torch_dtype), .flags = r ? r->recipe : 0};
    (r && r->build ? r->build : build_decoder)(&s);
    if (!lx_err_failed(err)) mtp_modules(&s);
    if (!lx_err_failed(err)) lx_towers_synth(&s);
    return lx_err_failed(err) ? err->code : LX_OK;
}
