/* render/info_json — `llmxray info --json`. Keys documented in docs/json.md. */
#include <stdio.h>
#include <string.h>

#include "render/info.h"

typedef struct json_out {
    lx_buf *b;
    bool first; /* no comma needed before the next member */
} json_out;

static void key(json_out *j, const char *k)
{
    if (!j->first) lx_buf_putc(j->b, ',');
    j->first = false;
    lx_buf_put_json(j->b, k);
    lx_buf_putc(j->b, ':');
}

static void open_obj(json_out *j, const char *k)
{
    if (k) key(j, k);
    lx_buf_putc(j->b, '{');
    j->first = true;
}

static void close_obj(json_out *j)
{
    lx_buf_putc(j->b, '}');
    j->first = false;
}

static void kv_u64(json_out *j, const char *k, uint64_t v)
{
    key(j, k);
    lx_buf_printf(j->b, "%llu", (unsigned long long)v);
}

static void kv_u64_or_null(json_out *j, const char *k, uint64_t v)
{
    key(j, k);
    if (v) lx_buf_printf(j->b, "%llu", (unsigned long long)v);
    else lx_buf_puts(j->b, "null");
}

static void kv_num_or_null(json_out *j, const char *k, double v)
{
    key(j, k);
    if (v > 0) lx_buf_printf(j->b, "%.17g", v);
    else lx_buf_puts(j->b, "null");
}

static void kv_str(json_out *j, const char *k, const char *v)
{
    key(j, k);
    lx_buf_put_json(j->b, v);
}

static void kv_bool(json_out *j, const char *k, bool v)
{
    key(j, k);
    lx_buf_puts(j->b, v ? "true" : "false");
}

static void put_attention(json_out *j, const lx_arch *a)
{
    open_obj(j, "attention");
    kv_str(j, "kind", lx_attn_kind_name(a->attn.kind));
    kv_u64_or_null(j, "sliding_window", a->attn.sliding_window);
    kv_u64(j, "sliding_layers", (uint64_t)a->attn.n_sliding_layers);
    kv_bool(j, "qk_norm", a->attn.qk_norm);
    kv_bool(j, "q_bias", a->attn.q_bias);
    kv_bool(j, "k_bias", a->attn.k_bias);
    kv_bool(j, "v_bias", a->attn.v_bias);
    kv_bool(j, "o_bias", a->attn.o_bias);
    kv_bool(j, "fused_qkv", a->attn.fused_qkv);
    kv_bool(j, "sinks", a->attn.sinks);
    kv_num_or_null(j, "softcap", a->attn.softcap);
    if (a->attn.kind == LX_ATTN_MLA) {
        kv_u64_or_null(j, "q_lora_rank", a->attn.q_lora_rank);
        kv_u64(j, "kv_lora_rank", a->attn.kv_lora_rank);
        kv_u64(j, "rope_head_dim", a->attn.rope_head_dim);
        kv_u64(j, "nope_head_dim", a->attn.nope_head_dim);
        kv_u64(j, "v_head_dim", a->attn.v_head_dim);
    }
    close_obj(j);
}

static void put_position(json_out *j, const lx_arch *a)
{
    open_obj(j, "position");
    kv_str(j, "kind", lx_pos_kind_name(a->pos.kind));
    kv_num_or_null(j, "rope_theta", a->pos.kind == LX_POS_ROPE ? a->pos.rope_theta : 0);
    kv_u64_or_null(j, "rope_dims", a->pos.rope_dims);
    key(j, "rope_scaling");
    if (a->pos.scaling[0]) {
        lx_buf_putc(j->b, '{');
        j->first = true;
        kv_str(j, "type", a->pos.scaling);
        kv_num_or_null(j, "factor", a->pos.scaling_factor);
        close_obj(j);
    } else {
        lx_buf_puts(j->b, "null");
    }
    close_obj(j);
}

static void put_norm(json_out *j, const lx_arch *a)
{
    open_obj(j, "norm");
    kv_str(j, "kind", lx_norm_kind_name(a->norm.kind));
    kv_str(j, "placement", lx_norm_place_name(a->norm.placement));
    kv_bool(j, "bias", a->norm.bias);
    close_obj(j);
}

static void put_ffn(json_out *j, const lx_arch *a)
{
    open_obj(j, "ffn");
    kv_str(j, "kind", lx_ffn_kind_name(a->ffn.kind));
    kv_str(j, "activation", a->ffn.activation);
    kv_u64_or_null(j, "d_ff", a->ffn.d_ff);
    bool moe = a->ffn.kind == LX_FFN_MOE;
    kv_u64_or_null(j, "n_experts", moe ? a->ffn.n_experts : 0);
    kv_u64_or_null(j, "n_experts_used", moe ? a->ffn.n_experts_used : 0);
    if (moe) kv_u64(j, "n_shared_experts", a->ffn.n_shared_experts);
    else kv_u64_or_null(j, "n_shared_experts", 0);
    kv_u64_or_null(j, "d_expert", moe ? a->ffn.d_expert : 0);
    close_obj(j);
}

static void put_groups(json_out *j, const lx_arch *a)
{
    key(j, "layer_groups");
    lx_buf_putc(j->b, '[');
    for (int i = 0; i < a->n_groups; i++) {
        const lx_group *g = &a->groups[i];
        if (i) lx_buf_putc(j->b, ',');
        lx_buf_putc(j->b, '{');
        j->first = true;
        kv_u64(j, "first", (uint64_t)g->first);
        kv_u64(j, "last", (uint64_t)g->last);
        kv_str(j, "attention", lx_attn_kind_name(g->attn));
        kv_str(j, "ffn", lx_ffn_kind_name(g->ffn));
        kv_u64(j, "params_per_layer", g->params_per_layer);
        close_obj(j);
    }
    lx_buf_putc(j->b, ']');
    j->first = false;
}

static void put_layer_pattern(json_out *j, const lx_arch *a)
{
    key(j, "layer_pattern");
    lx_buf_putc(j->b, '[');
    for (uint64_t l = 0; l < a->hp.n_layers && l < LX_MAX_LAYERS; l++) {
        uint32_t bits = a->layer_bits[l];
        lx_buf_printf(j->b, "%s\"%s%s\"", l ? "," : "", bits & LX_LAYER_SLIDING ? "sliding" : "global",
                      bits & LX_LAYER_DENSE ? "+dense" : "");
    }
    lx_buf_putc(j->b, ']');
    j->first = false;
}

/* layer_mix: label -> count, in order of first appearance. */
static void put_layer_mix(json_out *j, const lx_arch *a)
{
    const char *seen[LX_MAX_LAYERS];
    int counts[LX_MAX_LAYERS], n = lx_arch_layer_mix(a, seen, counts);
    open_obj(j, "layer_mix");
    for (int k = 0; k < n; k++) kv_u64(j, seen[k], (uint64_t)counts[k]);
    close_obj(j);
}


static void put_layer(json_out *j, const lx_layer *l, int i)
{
    lx_buf_putc(j->b, '{');
    j->first = true;
    kv_u64(j, "index", (uint64_t)i);
    kv_str(j, "mixer", lx_layer_label(l));
    bool attn = l->mixer == LX_MIX_ATTN;
    kv_u64_or_null(j, "window", attn && (l->bits & LX_LAYER_SLIDING) ? l->window : 0);
    kv_u64_or_null(j, "chunk", attn && (l->bits & LX_LAYER_CHUNKED) ? l->window : 0);
    kv_num_or_null(j, "rope_theta", l->rope_theta);
    kv_u64_or_null(j, "n_heads", attn ? l->n_heads : 0);
    kv_u64_or_null(j, "n_kv_heads", attn ? l->n_kv_heads : 0);
    kv_u64_or_null(j, "head_dim", attn ? l->head_dim : 0);
    kv_bool(j, "gated", (l->bits & LX_LAYER_GATED) != 0);
    kv_bool(j, "kv_shared", (l->bits & LX_LAYER_KV_SHARED) != 0);
    kv_bool(j, "indexer", (l->bits & LX_LAYER_INDEXER) != 0);
    kv_str(j, "ffn", lx_ffn_kind_name(l->ffn));
    kv_u64_or_null(j, "d_ff", l->d_ff);
    kv_u64(j, "params", l->params);
    kv_u64(j, "kv_bytes_per_token", l->kv_bytes);
    close_obj(j);
}

static void put_layers(json_out *j, const lx_arch *a)
{
    key(j, "layers");
    lx_buf_putc(j->b, '[');
    for (int l = 0; l < a->n_layers && l < LX_MAX_LAYERS; l++) {
        if (l) lx_buf_putc(j->b, ',');
        put_layer(j, &a->layers[l], l);
    }
    lx_buf_putc(j->b, ']');
    j->first = false;
}

static void put_labels(json_out *j, const char *name, const lx_arch *a, int from, int n)
{
    key(j, name);
    lx_buf_putc(j->b, '[');
    for (int i = 0; i < n; i++) {
        if (i) lx_buf_putc(j->b, ',');
        lx_buf_put_json(j->b, lx_layer_label(&a->layers[from + i]));
    }
    lx_buf_putc(j->b, ']');
    j->first = false;
}

/* motifs: the repeated unit of the stack (one entry; none when no unit repeats). */
static void put_motifs(json_out *j, const lx_arch *a)
{
    key(j, "motifs");
    lx_buf_putc(j->b, '[');
    const lx_motif *m = &a->motif;
    if (m->found) {
        lx_buf_putc(j->b, '{');
        j->first = true;
        put_labels(j, "prefix", a, 0, m->prefix);
        put_labels(j, "unit", a, m->prefix, m->unit);
        kv_u64(j, "repeat", (uint64_t)m->repeat);
        put_labels(j, "suffix", a, m->prefix + m->unit * m->repeat, m->suffix);
        close_obj(j);
    }
    lx_buf_putc(j->b, ']');
    j->first = false;
}

static uint64_t ffn_total(const lx_count *c, bool bytes)
{
    static const lx_comp FFN[] = {LX_COMP_FFN_DENSE, LX_COMP_FFN_EXPERTS, LX_COMP_FFN_SHARED, LX_COMP_ROUTER};
    uint64_t s = 0;
    for (size_t i = 0; i < sizeof FFN / sizeof FFN[0]; i++) s += bytes ? c[FFN[i]].bytes : c[FFN[i]].params;
    return s;
}

/* by_component: embedding, position, attention, ffn (all FFN parts), norm, output, other —
 * these sum to the total — plus the FFN's parts under ffn_breakdown. */
static void put_components(json_out *j, const lx_arch *a, bool bytes)
{
    static const lx_comp TOP[] = {LX_COMP_EMBEDDING, LX_COMP_POSITION, LX_COMP_ATTENTION, LX_COMP_MIXER,
                                  LX_COMP_NORM, LX_COMP_OUTPUT, LX_COMP_OTHER};
    open_obj(j, "by_component");
    for (size_t i = 0; i < sizeof TOP / sizeof TOP[0]; i++) {
        if (TOP[i] == LX_COMP_NORM) kv_u64(j, "ffn", ffn_total(a->comp, bytes));
        kv_u64(j, lx_comp_key(TOP[i]), bytes ? a->comp[TOP[i]].bytes : a->comp[TOP[i]].params);
    }
    close_obj(j);
    open_obj(j, "ffn_breakdown");
    kv_u64(j, "dense", bytes ? a->comp[LX_COMP_FFN_DENSE].bytes : a->comp[LX_COMP_FFN_DENSE].params);
    kv_u64(j, "routed_experts", bytes ? a->comp[LX_COMP_FFN_EXPERTS].bytes : a->comp[LX_COMP_FFN_EXPERTS].params);
    kv_u64(j, "shared_experts", bytes ? a->comp[LX_COMP_FFN_SHARED].bytes : a->comp[LX_COMP_FFN_SHARED].params);
    kv_u64(j, "router", bytes ? a->comp[LX_COMP_ROUTER].bytes : a->comp[LX_COMP_ROUTER].params);
    close_obj(j);
}

/* The checkpoint's parts (decoder, encoder, vision encoder, projector, MTP head, ...). */
static void put_subs(json_out *j, const lx_arch *a)
{
    key(j, "components");
    lx_buf_putc(j->b, '[');
    for (int i = 0; i < a->n_subs; i++) {
        const lx_submodel *p = &a->subs[i];
        if (i) lx_buf_putc(j->b, ',');
        open_obj(j, NULL);
        kv_str(j, "kind", lx_sub_kind_key(p->kind));
        kv_str(j, "name", p->name);
        kv_u64(j, "n_layers", (uint64_t)p->n_layers);
        kv_u64(j, "params", p->params);
        kv_u64(j, "bytes", p->bytes);
        close_obj(j);
    }
    lx_buf_putc(j->b, ']');
    j->first = false;
}

static void put_params(json_out *j, const lx_arch *a)
{
    open_obj(j, "params");
    kv_u64(j, "total", a->total_params);
    kv_u64(j, "total_without_mtp", a->towers.total_without_mtp);
    kv_u64(j, "active", a->active_params);
    kv_u64(j, "active_excluding_embedding", a->active_no_embed);
    put_components(j, a, false);
    close_obj(j);
}

static void put_bytes(json_out *j, const lx_arch *a)
{
    open_obj(j, "bytes");
    kv_u64(j, "total", a->total_bytes);
    open_obj(j, "by_type");
    for (int t = 0; t < LX_DT_COUNT; t++)
        if (a->bytes_by_type[t]) kv_u64(j, lx_dtype_get((lx_dtype)t)->name, a->bytes_by_type[t]);
    close_obj(j);
    put_components(j, a, true);
    key(j, "bits_per_weight");
    lx_buf_printf(j->b, "%.4f", a->bits_per_weight);
    kv_u64(j, "file_size", a->src ? a->src->file_bytes : 0);
    kv_u64(j, "header_size", a->src ? a->src->header_bytes : 0);
    if (a->towers.tower_only) kv_u64_or_null(j, "kv_cache_per_token", 0); /* no language model, no cache */
    else kv_u64(j, "kv_cache_per_token", a->kv_bytes_per_token);
    key(j, "kv_cache_at_context");
    if (a->hp.context_length && a->kv_bytes_at_ctx != UINT64_MAX)
        lx_buf_printf(j->b, "%llu", (unsigned long long)a->kv_bytes_at_ctx);
    else lx_buf_puts(j->b, "null");
    kv_u64(j, "state_per_sequence", a->state_bytes_per_seq);
    close_obj(j);
}

/* The release's quantization_config (model/quant), or null. */
static void put_quant(json_out *j, const lx_arch *a)
{
    const lx_quant *q = &a->hp.quant;
    if (!q->present) {
        key(j, "quantization");
        lx_buf_puts(j->b, "null");
        return;
    }
    open_obj(j, "quantization");
    kv_str(j, "method", q->method);
    kv_u64_or_null(j, "bits", lx_quant_bits(q));
    kv_u64_or_null(j, "group_size", lx_quant_group(q));
    key(j, "modules_not_converted");
    lx_buf_putc(j->b, '[');
    for (int i = 0; lx_quant_skip(q, i); i++) {
        if (i) lx_buf_putc(j->b, ',');
        lx_buf_put_json(j->b, lx_quant_skip(q, i));
    }
    lx_buf_putc(j->b, ']');
    j->first = false;
    close_obj(j);
}

/* Only for models read over HTTP: what reading the headers cost. */
static void put_remote(json_out *j, const lx_arch *a)
{
    if (!a->src || !a->src->remote) return;
    open_obj(j, "remote");
    kv_u64(j, "bytes_fetched", a->src->remote_bytes);
    kv_u64(j, "requests", a->src->remote_requests);
    key(j, "seconds");
    lx_buf_printf(j->b, "%.3f", a->src->remote_seconds);
    close_obj(j);
}

static void put_warnings(json_out *j, const lx_arch *a)
{
    key(j, "warnings");
    lx_buf_putc(j->b, '[');
    for (int i = 0; i < a->n_warnings; i++) {
        if (i) lx_buf_putc(j->b, ',');
        lx_buf_put_json(j->b, a->warnings[i]);
    }
    lx_buf_putc(j->b, ']');
    j->first = false;
}

void lx_info_json(const lx_arch *a, lx_buf *out)
{
    json_out j = {out, true};
    const lx_hparams *hp = &a->hp;
    open_obj(&j, NULL);
    kv_str(&j, "name", hp->name);
    kv_str(&j, "family", hp->family);
    kv_str(&j, "format", lx_format_name(a->format));
    kv_bool(&j, "synthesized", a->synthesized);
    kv_u64(&j, "n_layers", hp->n_layers);
    kv_u64(&j, "d_model", hp->d_model);
    kv_u64(&j, "n_heads", a->attn.n_heads);
    kv_u64(&j, "n_kv_heads", a->attn.n_kv_heads);
    kv_u64(&j, "head_dim", a->attn.head_dim);
    kv_u64_or_null(&j, "d_ff", hp->d_ff);
    kv_u64_or_null(&j, "vocab_size", a->towers.tower_only ? 0 : hp->vocab_size); /* a clip GGUF has none */
    kv_u64_or_null(&j, "context_length", hp->context_length);
    kv_bool(&j, "tied_embeddings", a->tied);
    put_attention(&j, a);
    put_position(&j, a);
    put_norm(&j, a);
    put_ffn(&j, a);
    put_groups(&j, a);
    put_layer_pattern(&j, a);
    put_layer_mix(&j, a);
    put_layers(&j, a);
    put_motifs(&j, a);
    put_subs(&j, a);
    key(&j, "vision");
    lx_info_json_vision(a, j.b);
    key(&j, "audio");
    lx_info_json_audio(a, j.b);
    put_params(&j, a);
    put_bytes(&j, a);
    put_quant(&j, a);
    put_warnings(&j, a);
    put_remote(&j, a);
    close_obj(&j);
    lx_buf_putc(out, '\n');
}
