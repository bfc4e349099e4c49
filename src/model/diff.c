/* model/diff — see diff.h. The compared properties are the ROWS table below; getters read
 * one lx_arch and write one typed value with its text for people. */
#include "model/diff.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* ---- value constructors ---- */

static void put_none(lx_diff_val *v)
{
    v->type = LX_DIFF_NONE;
    snprintf(v->text, sizeof v->text, "-");
}

static void put_int(lx_diff_val *v, uint64_t x)
{
    v->type = LX_DIFF_INT;
    v->u = x;
    lx_fmt_thousands(v->text, sizeof v->text, x);
}

static void put_real(lx_diff_val *v, double x)
{
    v->type = LX_DIFF_REAL;
    v->d = x;
    if (x == floor(x) && fabs(x) < 1e15) lx_fmt_thousands(v->text, sizeof v->text, (uint64_t)fabs(x));
    else snprintf(v->text, sizeof v->text, "%g", x);
}

static void put_bool(lx_diff_val *v, bool b)
{
    v->type = LX_DIFF_BOOL;
    v->b = b;
    snprintf(v->text, sizeof v->text, "%s", b ? "yes" : "no");
}

static void put_str(lx_diff_val *v, const char *s)
{
    if (!s || !s[0]) { put_none(v); return; }
    v->type = LX_DIFF_STR;
    snprintf(v->s, sizeof v->s, "%s", s);
    snprintf(v->text, sizeof v->text, "%s", s);
}

/* ---- getters by field offset (arg = offsetof(lx_arch, field)) ---- */

#define OFF(field) ((int)offsetof(lx_arch, field))

static const void *field(const lx_arch *a, int off) { return (const char *)a + off; }

static void get_u64(const lx_arch *a, int off, lx_diff_val *v) /* 0: none */
{
    uint64_t x;
    memcpy(&x, field(a, off), sizeof x);
    if (x) put_int(v, x);
    else put_none(v);
}

static void get_count(const lx_arch *a, int off, lx_diff_val *v) /* an int count, 0: none */
{
    int x;
    memcpy(&x, field(a, off), sizeof x);
    if (x > 0) put_int(v, (uint64_t)x);
    else put_none(v);
}

static void get_real(const lx_arch *a, int off, lx_diff_val *v) /* 0: none */
{
    double x;
    memcpy(&x, field(a, off), sizeof x);
    if (x != 0) put_real(v, x);
    else put_none(v);
}

static void get_bool(const lx_arch *a, int off, lx_diff_val *v)
{
    bool b;
    memcpy(&b, field(a, off), sizeof b);
    put_bool(v, b);
}

static void get_str(const lx_arch *a, int off, lx_diff_val *v) { put_str(v, field(a, off)); }

static void get_bytes(const lx_arch *a, int off, lx_diff_val *v) /* a uint64_t byte count */
{
    get_u64(a, off, v);
    if (v->type == LX_DIFF_INT) lx_fmt_bytes(v->text, sizeof v->text, v->u);
}

/* ---- getters of kinds and derived values ---- */

static void get_attn_kind(const lx_arch *a, int arg, lx_diff_val *v) { (void)arg; put_str(v, lx_attn_kind_name(a->attn.kind)); }
static void get_pos_kind(const lx_arch *a, int arg, lx_diff_val *v) { (void)arg; put_str(v, lx_pos_kind_name(a->pos.kind)); }
static void get_norm_kind(const lx_arch *a, int arg, lx_diff_val *v) { (void)arg; put_str(v, lx_norm_kind_name(a->norm.kind)); }
static void get_norm_place(const lx_arch *a, int arg, lx_diff_val *v) { (void)arg; put_str(v, lx_norm_place_name(a->norm.placement)); }
static void get_ffn_kind(const lx_arch *a, int arg, lx_diff_val *v) { (void)arg; put_str(v, lx_ffn_kind_name(a->ffn.kind)); }
static void get_dtype(const lx_arch *a, int arg, lx_diff_val *v) { (void)arg; put_str(v, lx_arch_main_dtype(a)); }

static void get_qkv_bias(const lx_arch *a, int arg, lx_diff_val *v)
{
    (void)arg;
    put_bool(v, a->attn.q_bias || a->attn.k_bias || a->attn.v_bias);
}

static void get_theta(const lx_arch *a, int arg, lx_diff_val *v)
{
    (void)arg;
    if (a->pos.kind == LX_POS_ROPE && a->pos.rope_theta > 0) put_real(v, a->pos.rope_theta);
    else put_none(v);
}

/* "llama3 x8", "yarn x40"; none without scaling. */
static void get_rope_scaling(const lx_arch *a, int arg, lx_diff_val *v)
{
    (void)arg;
    char s[64];
    if (!a->pos.scaling[0]) { put_none(v); return; }
    if (a->pos.scaling_factor > 0) snprintf(s, sizeof s, "%.15s x%g", a->pos.scaling, a->pos.scaling_factor);
    else snprintf(s, sizeof s, "%.15s", a->pos.scaling);
    put_str(v, s);
}

static void get_bits(const lx_arch *a, int arg, lx_diff_val *v)
{
    (void)arg;
    if (a->total_params == 0) { put_none(v); return; }
    put_real(v, a->bits_per_weight);
    snprintf(v->text, sizeof v->text, "%.2f", a->bits_per_weight);
}

/* Layers by kind: "32 dense", "3 dense + 58 MoE", "42 dense, 21 sliding". */
static void get_layer_mix(const lx_arch *a, int arg, lx_diff_val *v)
{
    (void)arg;
    uint64_t dense = 0, moe = 0, nope = 0;
    for (int g = 0; g < a->n_groups; g++) {
        uint64_t n = (uint64_t)(a->groups[g].last - a->groups[g].first + 1);
        if (a->groups[g].ffn == LX_FFN_MOE) moe += n;
        else dense += n;
    }
    for (uint64_t l = 0; l < a->hp.n_layers && l < LX_MAX_LAYERS; l++) nope += (a->layer_bits[l] & LX_LAYER_NOPE) != 0;
    char s[64] = "";
    size_t n = 0;
    if (dense) n += (size_t)snprintf(s + n, sizeof s - n, "%llu dense", (unsigned long long)dense);
    if (moe && n < sizeof s) n += (size_t)snprintf(s + n, sizeof s - n, "%s%llu MoE", n ? " + " : "", (unsigned long long)moe);
    if (a->attn.n_sliding_layers > 0 && n < sizeof s)
        n += (size_t)snprintf(s + n, sizeof s - n, ", %d sliding", a->attn.n_sliding_layers);
    if (nope && n < sizeof s) snprintf(s + n, sizeof s - n, ", %llu NoPE", (unsigned long long)nope);
    put_str(v, s);
}

/* The layers' own labels (model/arch lx_layer_label) with counts, in order of first
 * appearance: "21 sliding + 21 full", "36 gated_deltanet + 12 full"; "all full" for one. */
static void get_layer_kinds(const lx_arch *a, int arg, lx_diff_val *v)
{
    (void)arg;
    const char *seen[16];
    int count[16], n = 0, other = 0;
    for (int l = 0; l < a->n_layers && l < LX_MAX_LAYERS; l++) {
        const char *lab = lx_layer_label(&a->layers[l]);
        int k = 0;
        while (k < n && strcmp(seen[k], lab)) k++;
        if (k == n && n == 16) { other++; continue; }
        if (k == n) { seen[n] = lab; count[n++] = 0; }
        count[k]++;
    }
    char s[64] = "";
    size_t len = 0;
    if (n == 1 && !other) { /* "all full": one kind, whatever the count */
        snprintf(s, sizeof s, "all %s", seen[0]);
        n = 0;
    }
    for (int k = 0; k < n && len < sizeof s; k++)
        len += (size_t)snprintf(s + len, sizeof s - len, "%s%d %s", k ? " + " : "", count[k], seen[k]);
    if (other && len < sizeof s) snprintf(s + len, sizeof s - len, " + %d more", other);
    put_str(v, s);
}

/* The repeated unit of the stack: "uniform" (one layer kind throughout), "2-layer unit x 21",
 * "3 + 1-layer unit x 58"; none when no unit repeats. */
static void get_motif(const lx_arch *a, int arg, lx_diff_val *v)
{
    (void)arg;
    const lx_motif *m = &a->motif;
    if (!m->found) { put_none(v); return; }
    if (m->unit == 1 && !m->prefix && !m->suffix) { put_str(v, "uniform"); return; }
    char pre[24] = "", post[24] = "", s[64];
    if (m->prefix) snprintf(pre, sizeof pre, "%d + ", m->prefix);
    if (m->suffix) snprintf(post, sizeof post, " + %d", m->suffix);
    snprintf(s, sizeof s, "%s%d-layer unit x %d%s", pre, m->unit, m->repeat, post);
    put_str(v, s);
}

static void get_comp_params(const lx_arch *a, int c, lx_diff_val *v)
{
    if (a->comp[c].params) put_int(v, a->comp[c].params);
    else put_none(v);
}

static void get_comp_bytes(const lx_arch *a, int c, lx_diff_val *v)
{
    if (!a->comp[c].params) { put_none(v); return; }
    put_int(v, a->comp[c].bytes);
    lx_fmt_bytes(v->text, sizeof v->text, a->comp[c].bytes);
}

/* ---- the rows: one line per compared property ---- */

#define ALL LX_COMP_COUNT
#define ROW_PARAMS(c, key, label) {"params." key, label, "Parameters", c, c, get_comp_params}
#define ROW_BYTES(c, key, label) {"bytes." key, label, "Bytes", c, c, get_comp_bytes}

static const lx_diff_row_def ROWS[] = {
    {"family", "Family", "Shape", ALL, OFF(hp.family), get_str},
    {"vocab_size", "Vocabulary", "Shape", LX_COMP_EMBEDDING, OFF(hp.vocab_size), get_u64},
    {"d_model", "Width (d_model)", "Shape", ALL, OFF(hp.d_model), get_u64},
    {"n_layers", "Layers", "Shape", ALL, OFF(hp.n_layers), get_u64},
    {"layer_mix", "Layer mix", "Shape", ALL, 0, get_layer_mix},
    {"layer_kinds", "Layer kinds", "Shape", ALL, 0, get_layer_kinds},
    {"motif", "Repeated unit", "Shape", ALL, 0, get_motif},
    {"context_length", "Context", "Shape", ALL, OFF(hp.context_length), get_u64},
    {"attn.kind", "Attention", "Attention", LX_COMP_ATTENTION, 0, get_attn_kind},
    {"attn.n_heads", "Query heads", "Attention", LX_COMP_ATTENTION, OFF(attn.n_heads), get_u64},
    {"attn.n_kv_heads", "KV heads", "Attention", LX_COMP_ATTENTION, OFF(attn.n_kv_heads), get_u64},
    {"attn.head_dim", "Head dim", "Attention", LX_COMP_ATTENTION, OFF(attn.head_dim), get_u64},
    {"attn.v_head_dim", "Value head dim", "Attention", LX_COMP_ATTENTION, OFF(attn.v_head_dim), get_u64},
    {"attn.sliding_window", "Sliding window", "Attention", LX_COMP_ATTENTION, OFF(attn.sliding_window), get_u64},
    {"attn.n_sliding_layers", "Sliding-window layers", "Attention", LX_COMP_ATTENTION, OFF(attn.n_sliding_layers), get_count},
    {"attn.qk_norm", "QK-norm", "Attention", LX_COMP_ATTENTION, OFF(attn.qk_norm), get_bool},
    {"attn.qkv_bias", "QKV bias", "Attention", LX_COMP_ATTENTION, 0, get_qkv_bias},
    {"attn.o_bias", "Output projection bias", "Attention", LX_COMP_ATTENTION, OFF(attn.o_bias), get_bool},
    {"attn.sinks", "Attention sinks", "Attention", LX_COMP_ATTENTION, OFF(attn.sinks), get_bool},
    {"attn.softcap", "Logit soft-cap", "Attention", LX_COMP_ATTENTION, OFF(attn.softcap), get_real},
    {"attn.q_lora_rank", "MLA query rank", "Attention", LX_COMP_ATTENTION, OFF(attn.q_lora_rank), get_u64},
    {"attn.kv_lora_rank", "MLA KV rank", "Attention", LX_COMP_ATTENTION, OFF(attn.kv_lora_rank), get_u64},
    {"attn.rope_head_dim", "MLA RoPE dims", "Attention", LX_COMP_ATTENTION, OFF(attn.rope_head_dim), get_u64},
    {"pos.kind", "Position", "Position", LX_COMP_POSITION, 0, get_pos_kind},
    {"pos.rope_theta", "RoPE theta", "Position", LX_COMP_POSITION, 0, get_theta},
    {"pos.rope_dims", "Rotated dims per head", "Position", LX_COMP_POSITION, OFF(pos.rope_dims), get_u64},
    {"pos.scaling", "RoPE scaling", "Position", LX_COMP_POSITION, 0, get_rope_scaling},
    {"norm.kind", "Norm", "Norms", LX_COMP_NORM, 0, get_norm_kind},
    {"norm.placement", "Placement", "Norms", LX_COMP_NORM, 0, get_norm_place},
    {"norm.bias", "Norm bias", "Norms", LX_COMP_NORM, OFF(norm.bias), get_bool},
    {"ffn.kind", "Feed-forward", "Feed-forward", LX_COMP_FFN_DENSE, 0, get_ffn_kind},
    {"ffn.activation", "Activation", "Feed-forward", LX_COMP_FFN_DENSE, OFF(ffn.activation), get_str},
    {"ffn.d_ff", "FFN width", "Feed-forward", LX_COMP_FFN_DENSE, OFF(ffn.d_ff), get_u64},
    {"ffn.bias", "FFN bias", "Feed-forward", LX_COMP_FFN_DENSE, OFF(ffn.bias), get_bool},
    {"ffn.n_experts", "Experts", "Feed-forward", LX_COMP_FFN_EXPERTS, OFF(ffn.n_experts), get_u64},
    {"ffn.n_experts_used", "Experts per token", "Feed-forward", LX_COMP_FFN_EXPERTS, OFF(ffn.n_experts_used), get_u64},
    {"ffn.d_expert", "Expert width", "Feed-forward", LX_COMP_FFN_EXPERTS, OFF(ffn.d_expert), get_u64},
    {"ffn.n_shared_experts", "Shared experts", "Feed-forward", LX_COMP_FFN_SHARED, OFF(ffn.n_shared_experts), get_u64},
    {"ffn.d_shared", "Shared expert width", "Feed-forward", LX_COMP_FFN_SHARED, OFF(ffn.d_shared), get_u64},
    {"tied", "Tied output head", "Output", LX_COMP_OUTPUT, OFF(tied), get_bool},
    {"final_softcap", "Final soft-cap", "Output", LX_COMP_OUTPUT, OFF(final_softcap), get_real},
    ROW_PARAMS(LX_COMP_EMBEDDING, "embedding", "Token embedding"),
    ROW_PARAMS(LX_COMP_POSITION, "position", "Positional embedding"),
    ROW_PARAMS(LX_COMP_ATTENTION, "attention", "Attention"),
    ROW_PARAMS(LX_COMP_MIXER, "linear_mixer", "Linear attention / SSM"),
    ROW_PARAMS(LX_COMP_FFN_DENSE, "ffn_dense", "Feed-forward"),
    ROW_PARAMS(LX_COMP_FFN_EXPERTS, "ffn_experts", "Routed experts"),
    ROW_PARAMS(LX_COMP_FFN_SHARED, "ffn_shared_experts", "Shared experts"),
    ROW_PARAMS(LX_COMP_ROUTER, "router", "Router"),
    ROW_PARAMS(LX_COMP_NORM, "norm", "Norms"),
    ROW_PARAMS(LX_COMP_OUTPUT, "output", "Output layer"),
    ROW_PARAMS(LX_COMP_OTHER, "other", "Other"),
    ROW_BYTES(LX_COMP_EMBEDDING, "embedding", "Token embedding"),
    ROW_BYTES(LX_COMP_POSITION, "position", "Positional embedding"),
    ROW_BYTES(LX_COMP_ATTENTION, "attention", "Attention"),
    ROW_BYTES(LX_COMP_MIXER, "linear_mixer", "Linear attention / SSM"),
    ROW_BYTES(LX_COMP_FFN_DENSE, "ffn_dense", "Feed-forward"),
    ROW_BYTES(LX_COMP_FFN_EXPERTS, "ffn_experts", "Routed experts"),
    ROW_BYTES(LX_COMP_FFN_SHARED, "ffn_shared_experts", "Shared experts"),
    ROW_BYTES(LX_COMP_ROUTER, "router", "Router"),
    ROW_BYTES(LX_COMP_NORM, "norm", "Norms"),
    ROW_BYTES(LX_COMP_OUTPUT, "output", "Output layer"),
    ROW_BYTES(LX_COMP_OTHER, "other", "Other"),
    {"total_params", "Parameters", "Totals", ALL, OFF(total_params), get_u64},
    {"active_params", "Active per token", "Totals", ALL, OFF(active_params), get_u64},
    {"total_bytes", "Weights", "Totals", ALL, OFF(total_bytes), get_bytes},
    {"dtype", "Storage type", "Totals", ALL, 0, get_dtype},
    {"bits_per_weight", "Bits per weight", "Totals", ALL, 0, get_bits},
    {"active_no_embed", "Active without embeddings", "Totals", ALL, OFF(active_no_embed), get_u64},
    {"kv_bytes_per_token", "KV cache per token", "Totals", ALL, OFF(kv_bytes_per_token), get_bytes},
    {"state_bytes_per_seq", "Recurrent state per sequence", "Totals", LX_COMP_MIXER, OFF(state_bytes_per_seq), get_bytes},
};

#define N_ROWS ((int)(sizeof ROWS / sizeof ROWS[0]))

/* ---- comparison ---- */

static bool val_equal(const lx_diff_val *x, const lx_diff_val *y)
{
    if (x->type != y->type) return false;
    switch (x->type) {
    case LX_DIFF_INT: return x->u == y->u;
    case LX_DIFF_REAL: return x->d == y->d;
    case LX_DIFF_BOOL: return x->b == y->b;
    case LX_DIFF_STR: return strcmp(x->s, y->s) == 0;
    default: return true;
    }
}

static void fill_row(lx_diff *d, lx_diff_row *r, const lx_diff_row_def *def)
{
    r->def = def;
    for (int m = 0; m < d->n_models; m++) {
        def->get(d->models[m], def->arg, &r->v[m]);
        if (r->v[m].type != LX_DIFF_NONE) r->applies = true;
        if (m > 0 && !val_equal(&r->v[0], &r->v[m])) r->differs = true;
    }
    d->n_applies += r->applies;
    d->n_differ += r->differs;
}

lx_status lx_diff_build(const lx_arch *const *models, int n, lx_diff *out, lx_err *err)
{
    memset(out, 0, sizeof *out);
    if (n < 2 || n > LX_DIFF_MAX_MODELS)
        return lx_err_set(err, LX_ERR_USAGE, "compare needs 2 to %d models (got %d)", LX_DIFF_MAX_MODELS, n);
    out->rows = calloc(N_ROWS, sizeof *out->rows);
    if (!out->rows) return lx_err_set(err, LX_ERR_IO, "out of memory comparing models");
    out->n_models = n;
    for (int m = 0; m < n; m++) out->models[m] = models[m];
    out->n_rows = N_ROWS;
    for (int i = 0; i < N_ROWS; i++) fill_row(out, &out->rows[i], &ROWS[i]);
    return LX_OK;
}

void lx_diff_free(lx_diff *d)
{
    free(d->rows);
    memset(d, 0, sizeof *d);
}

bool lx_diff_comp_differs(const lx_diff *d, lx_comp c)
{
    for (int i = 0; i < d->n_rows; i++)
        if (d->rows[i].differs && d->rows[i].def->comp == c) return true;
    return false;
}

const lx_diff_row *lx_diff_find(const lx_diff *d, const char *key)
{
    for (int i = 0; i < d->n_rows; i++)
        if (!strcmp(d->rows[i].def->key, key)) return &d->rows[i];
    return NULL;
}
