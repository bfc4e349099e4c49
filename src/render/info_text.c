/* render/info_text — the readable summary of `llmxray info`. Plain text, no colour, every
 * model string through lx_buf_put_term so nothing from the file reaches a terminal raw. */
#include <stdio.h>
#include <string.h>

#include "render/info.h"

static const char *attn_long(lx_attn_kind k)
{
    static const char *const N[] = {"multi-head (MHA)", "grouped-query (GQA)", "multi-query (MQA)",
                                    "multi-head latent (MLA)"};
    return (unsigned)k < 4 ? N[k] : "?";
}

static void put_num(lx_buf *b, uint64_t v) { lx_buf_put_thousands(b, v); }

/* Whole numbers that fit get thousands separators; anything else (fractions, 1e69) %g. */
static void put_real(lx_buf *b, double v)
{
    if (v >= 0 && v < 1e15 && v == (double)(uint64_t)v) put_num(b, (uint64_t)v);
    else lx_buf_printf(b, "%g", v);
}

static void text_title(const lx_arch *a, lx_buf *b)
{
    char total[32], sz[32];
    lx_buf_put_term(b, a->hp.name);
    lx_buf_puts(b, "  (");
    lx_buf_put_term(b, a->hp.family[0] ? a->hp.family : "unknown family");
    lx_buf_printf(b, ", %s%s)\n  ", lx_format_name(a->format), a->synthesized ? ", counted from hyper-parameters" : "");
    lx_fmt_thousands(total, sizeof total, a->total_params);
    lx_fmt_bytes(sz, sizeof sz, a->total_bytes);
    lx_buf_printf(b, "%s parameters", total);
    if (a->active_params < lx_arch_lm_params(a)) { /* the language model's active share (MoE) */
        lx_fmt_thousands(total, sizeof total, a->active_params);
        lx_buf_printf(b, " (%s active per token)", total);
    }
    lx_buf_printf(b, " · %s · %.2f bits/weight · %s of weights", lx_arch_main_dtype(a), a->bits_per_weight, sz);
    if (a->src && a->src->file_bytes) {
        lx_fmt_bytes(sz, sizeof sz, a->src->file_bytes);
        lx_buf_printf(b, " · file %s", sz);
    }
    lx_buf_puts(b, "\n\n");
}

/* Two stacks: layers [0, n_enc_layers) are the encoder's. */
static bool enc_dec(const lx_arch *a) { return a->n_enc_layers > 0 && a->n_enc_layers < a->n_layers; }

static void text_hparams(const lx_arch *a, lx_buf *b)
{
    const lx_hparams *hp = &a->hp;
    lx_buf_puts(b, "Hyper-parameters\n  layers ");
    put_num(b, hp->n_layers);
    if (enc_dec(a)) lx_buf_printf(b, " (encoder %d + decoder %d)", a->n_enc_layers, a->n_layers - a->n_enc_layers);
    lx_buf_puts(b, " · d_model ");
    put_num(b, hp->d_model);
    lx_buf_puts(b, " · heads ");
    put_num(b, a->attn.n_heads);
    lx_buf_puts(b, " · KV heads ");
    put_num(b, a->attn.n_kv_heads);
    lx_buf_puts(b, " · head_dim ");
    put_num(b, a->attn.head_dim);
    if (hp->d_ff) { lx_buf_puts(b, " · d_ff "); put_num(b, hp->d_ff); }
    lx_buf_puts(b, "\n  vocab ");
    put_num(b, hp->vocab_size);
    if (hp->context_length) { lx_buf_puts(b, " · context "); put_num(b, hp->context_length); }
    lx_buf_puts(b, "\n\n");
}

static void text_attention(const lx_arch *a, lx_buf *b)
{
    lx_buf_printf(b, "  Attention  %s · %llu query heads", attn_long(a->attn.kind), (unsigned long long)a->attn.n_heads);
    if (a->attn.kind == LX_ATTN_GQA || a->attn.kind == LX_ATTN_MQA)
        lx_buf_printf(b, " share %llu KV head%s", (unsigned long long)a->attn.n_kv_heads, a->attn.n_kv_heads == 1 ? "" : "s");
    if (a->attn.kind == LX_ATTN_MLA)
        lx_buf_printf(b, " · KV latent %llu · Q latent %llu · RoPE dims %llu", (unsigned long long)a->attn.kv_lora_rank,
                      (unsigned long long)a->attn.q_lora_rank, (unsigned long long)a->attn.rope_head_dim);
    lx_buf_printf(b, " · head_dim %llu", (unsigned long long)a->attn.head_dim);
    if (a->attn.qk_norm) lx_buf_puts(b, " · QK-norm");
    if (a->attn.q_bias || a->attn.k_bias || a->attn.v_bias) lx_buf_puts(b, " · q/k/v biases");
    if (a->attn.sinks) lx_buf_puts(b, " · attention sinks");
    if (a->attn.sliding_window) {
        lx_buf_puts(b, " · sliding window ");
        put_num(b, a->attn.sliding_window);
        lx_buf_printf(b, " on %d of %llu layers", a->attn.n_sliding_layers, (unsigned long long)a->hp.n_layers);
    }
    if (a->attn.softcap > 0) lx_buf_printf(b, " · logit soft-cap %g", a->attn.softcap);
    lx_buf_putc(b, '\n');
}

static void text_position_norm(const lx_arch *a, lx_buf *b)
{
    static const char *const POS[] = {"learned absolute", "sinusoidal", "RoPE", "ALiBi", "none", "relative bias (T5)"};
    lx_buf_printf(b, "  Position   %s", POS[a->pos.kind]);
    if (a->pos.kind == LX_POS_ROPE) {
        lx_buf_puts(b, " · theta ");
        put_real(b, a->pos.rope_theta);
        lx_buf_printf(b, " · %llu rotated dims per head", (unsigned long long)a->pos.rope_dims);
        if (a->pos.scaling[0]) {
            lx_buf_puts(b, " · scaling ");
            lx_buf_put_term(b, a->pos.scaling);
            if (a->pos.scaling_factor > 0) lx_buf_printf(b, " x%g", a->pos.scaling_factor);
        }
    }
    if (a->pos.kind == LX_POS_RELATIVE)
        lx_buf_printf(b, " · %llu buckets, max distance %llu, one per stack · scores not divided by sqrt(d)",
                      (unsigned long long)(a->hp.rel_attn_buckets ? a->hp.rel_attn_buckets : 32),
                      (unsigned long long)(a->hp.rel_attn_max_dist ? a->hp.rel_attn_max_dist : 128));
    lx_buf_printf(b, "\n  Norm       %s, %s-norm%s\n", a->norm.kind == LX_NORM_RMSNORM ? "RMSNorm" : "LayerNorm",
                  lx_norm_place_name(a->norm.placement), a->norm.bias ? " (with bias)" : "");
}

static void text_ffn(const lx_arch *a, lx_buf *b)
{
    char act[40];
    lx_buf_puts(b, "  FFN        ");
    snprintf(act, sizeof act, "%s", a->ffn.activation);
    if (a->ffn.kind == LX_FFN_MOE) {
        lx_buf_printf(b, "mixture of experts · %llu experts, top-%llu · expert width ",
                      (unsigned long long)a->ffn.n_experts, (unsigned long long)a->ffn.n_experts_used);
        put_num(b, a->ffn.d_expert);
        if (a->ffn.n_shared_experts) lx_buf_printf(b, " · %llu shared", (unsigned long long)a->ffn.n_shared_experts);
    } else {
        lx_buf_printf(b, "%s · ", a->ffn.kind == LX_FFN_GLU ? "gated (GLU)" : "MLP");
        put_num(b, a->hp.d_model);
        lx_buf_puts(b, " -> ");
        put_num(b, a->ffn.d_ff);
        lx_buf_puts(b, " -> ");
        put_num(b, a->hp.d_model);
    }
    lx_buf_puts(b, " · activation ");
    lx_buf_put_term(b, act);
    lx_buf_printf(b, "\n  Output     %s\n\n", a->tied ? "tied to the token embedding" : "separate output matrix");
}

/* One line per group, or one for all groups of a kind that recurs as single layers equally
 * spaced (alternating stacks: "layers 3-41  20 x … (every 2nd layer)"). */
static void text_groups(const lx_arch *a, lx_buf *b)
{
    lx_buf_puts(b, "Layer groups\n");
    for (int i = 0; i < a->n_groups; i++) {
        const lx_group *g = &a->groups[i];
        lx_kind_span k = lx_arch_kind_span(a, i);
        bool spaced = k.runs > 1 && k.step > 1;
        if (spaced && k.first != g->first) continue; /* printed with the kind's first layer */
        int off = enc_dec(a) && g->first >= a->n_enc_layers ? a->n_enc_layers : 0; /* each stack counts from 0 */
        int last = spaced ? k.last : g->last, n = spaced ? k.n_layers : g->last - g->first + 1;
        lx_buf_printf(b, "  %slayers %3d-%-3d %3d x  %s + %-3s  ", !enc_dec(a) ? "" : off ? "decoder " : "encoder ",
                      g->first - off, last - off, n, lx_attn_kind_name(g->attn), lx_ffn_kind_name(g->ffn));
        put_num(b, g->params_per_layer);
        lx_buf_puts(b, " parameters per layer");
        if (spaced) lx_buf_printf(b, " (every %d%s layer)", k.step, k.step == 2 ? "nd" : k.step == 3 ? "rd" : "th");
        lx_buf_putc(b, '\n');
    }
    lx_buf_putc(b, '\n');
}

static void table_row(lx_buf *b, const char *label, uint64_t params, uint64_t bytes, uint64_t total)
{
    char p[32], by[32];
    lx_fmt_thousands(p, sizeof p, params);
    lx_fmt_bytes(by, sizeof by, bytes);
    double share = total ? 100.0 * (double)params / (double)total : 0.0;
    char sh[16];
    if (share > 0 && share < 0.01) snprintf(sh, sizeof sh, "<0.01");
    else snprintf(sh, sizeof sh, "%.2f", share);
    lx_buf_printf(b, "  %-22s %19s %7s %% %12s\n", label, p, sh, by);
}

static void text_table(const lx_arch *a, lx_buf *b)
{
    lx_buf_printf(b, "  %-22s %19s %9s %12s\n", "Component", "parameters", "share", "bytes");
    for (int c = 0; c < LX_COMP_COUNT; c++)
        if (a->comp[c].params) table_row(b, lx_arch_comp_label(a, (lx_comp)c), a->comp[c].params, a->comp[c].bytes, a->total_params);
    for (int i = 0; i < a->n_subs; i++) /* the parts beside the language model */
        if (a->subs[i].beside)
            table_row(b, a->subs[i].name, a->subs[i].params, a->subs[i].bytes, a->total_params);
    table_row(b, "Total", a->total_params, a->total_bytes, a->total_params);
    lx_buf_puts(b, "\n  Storage   ");
    for (int t = 0, n = 0; t < LX_DT_COUNT; t++) {
        if (!a->bytes_by_type[t]) continue;
        char by[32];
        lx_fmt_bytes(by, sizeof by, a->bytes_by_type[t]);
        lx_buf_printf(b, "%s%s %s", n++ ? " · " : "", lx_dtype_get((lx_dtype)t)->name, by);
    }
    if (a->towers.tower_only) { lx_buf_putc(b, '\n'); return; } /* no language model: no cache */
    lx_buf_puts(b, "\n  KV cache  ");
    put_num(b, a->kv_bytes_per_token);
    lx_buf_printf(b, " bytes (%.1f KiB) per token at 16 bits", (double)a->kv_bytes_per_token / 1024.0);
    if (a->hp.context_length && a->kv_bytes_per_token && a->kv_bytes_at_ctx != UINT64_MAX) {
        lx_buf_puts(b, " · ");
        put_num(b, a->kv_bytes_at_ctx);
        lx_buf_puts(b, " bytes at the ");
        put_num(b, a->hp.context_length);
        lx_buf_puts(b, "-token context");
    }
    lx_buf_putc(b, '\n');
}

/* The checkpoint's parts, when there is more than one. */
static void text_components(const lx_arch *a, lx_buf *b)
{
    if (a->n_subs < 2) return;
    lx_buf_puts(b, "\n  Components\n");
    for (int i = 0; i < a->n_subs; i++) {
        char layers[32] = "";
        if (a->subs[i].n_layers) snprintf(layers, sizeof layers, "%d layer%s", a->subs[i].n_layers, a->subs[i].n_layers == 1 ? "" : "s");
        char label[96];
        snprintf(label, sizeof label, "%s, %s", a->subs[i].name, layers);
        table_row(b, layers[0] ? label : a->subs[i].name, a->subs[i].params, a->subs[i].bytes, a->total_params);
    }
}

static void text_warnings(const lx_arch *a, lx_buf *b)
{
    for (int i = 0; i < a->n_warnings; i++) {
        lx_buf_puts(b, i ? "           " : "\nWarnings   ");
        lx_buf_put_term(b, a->warnings[i]);
        lx_buf_putc(b, '\n');
    }
}

void lx_info_text(const lx_arch *a, lx_buf *out)
{
    text_title(a, out);
    if (a->towers.tower_only) { /* a clip / mmproj file: an encoder and its projector, no text model */
        lx_info_text_towers(a, out);
        lx_buf_puts(out, "Parameters\n");
        text_table(a, out);
        text_warnings(a, out);
        return;
    }
    text_hparams(a, out);
    lx_buf_puts(out, "Architecture\n");
    text_attention(a, out);
    text_position_norm(a, out);
    text_ffn(a, out);
    text_groups(a, out);
    lx_info_text_towers(a, out);
    lx_buf_puts(out, "Parameters\n");
    text_table(a, out);
    text_components(a, out);
    text_warnings(a, out);
}
