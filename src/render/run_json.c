/* render/run_json — see run_json.h. */
#include "render/run_json.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>

static json_t *floats(const float *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(a, json_real(v[i]));
    return a;
}

static json_t *config_json(const lx_trace *tr)
{
    const lx_trace_model *hp = &tr->model;
    return json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:s, s:b}", "family", hp->family,
                     "d_model", (json_int_t)tr->d_model, "n_layers", (json_int_t)tr->n_layers, "n_heads",
                     (json_int_t)tr->n_heads, "n_kv_heads", (json_int_t)hp->n_kv_heads, "head_dim",
                     (json_int_t)hp->head_dim, "d_ff", (json_int_t)hp->d_ff, "vocab", (json_int_t)tr->vocab,
                     "rope_dims", (json_int_t)hp->rope_dims, "rope_theta", (double)hp->rope_theta, "rope_pairing",
                     hp->neox ? "neox" : "interleaved", "tied_output", hp->tied);
}

/* Token {"id", "piece"}; the piece is lx_tok_label's (recorded by infer/inside), valid UTF-8
 * with "\xNN" for bytes that are no character on their own (jansson refuses invalid UTF-8). */
static json_t *token_json(int32_t id, const char *piece)
{
    json_t *t = json_pack("{s:i}", "id", (int)id);
    json_t *s = piece ? json_string(piece) : NULL;
    if (s) json_object_set_new(t, "piece", s);
    return t;
}

static json_t *attention_json(const lx_trace *tr)
{
    json_t *layers = json_array();
    for (size_t l = 0; l < tr->n_layers; l++) {
        json_t *heads = json_array();
        for (size_t h = 0; h < tr->n_heads; h++) {
            json_t *rows = json_array();
            for (size_t q = 0; q < tr->n_tok; q++) json_array_append_new(rows, floats(lx_trace_attn(tr, l, h, q), tr->n_tok));
            json_array_append_new(heads, rows);
        }
        json_array_append_new(layers, heads);
    }
    return layers;
}

/* Rows [rows][cols] of v as arrays of floats. */
static json_t *matrix(const float *v, size_t rows, size_t cols)
{
    json_t *a = json_array();
    for (size_t r = 0; r < rows; r++) json_array_append_new(a, floats(v + r * cols, cols));
    return a;
}

/* Scores before softmax: as attention, with null for the keys a query cannot see (later
 * tokens, or outside a sliding window). */
static json_t *scores_json(const lx_trace *tr)
{
    json_t *layers = json_array();
    for (size_t l = 0; l < tr->n_layers; l++) {
        json_t *heads = json_array();
        for (size_t h = 0; h < tr->n_heads; h++) {
            json_t *rows = json_array();
            for (size_t q = 0; q < tr->n_tok; q++) {
                json_t *row = json_array();
                const float *v = lx_trace_scores(tr, l, h, q);
                for (size_t k = 0; k < tr->n_tok; k++)
                    json_array_append_new(row, k <= q && isfinite(v[k]) ? json_real(v[k]) : json_null());
                json_array_append_new(rows, row);
            }
            json_array_append_new(heads, rows);
        }
        json_array_append_new(layers, heads);
    }
    return layers;
}

/* The heads that share each KV head: [[0, 1], [2, 3], ...]. */
static json_t *kv_groups_json(const lx_trace *tr)
{
    json_t *groups = json_array();
    size_t n_kv = tr->model.n_kv_heads ? tr->model.n_kv_heads : tr->n_heads, per = tr->n_heads / n_kv;
    for (size_t g = 0; per && g < n_kv; g++) {
        json_t *heads = json_array();
        for (size_t h = g * per; h < (g + 1) * per; h++) json_array_append_new(heads, json_integer((json_int_t)h));
        json_array_append_new(groups, heads);
    }
    return groups;
}

static json_t *positions_json(const lx_trace *tr)
{
    return json_pack("{s:s, s:o, s:o}", "kind", tr->pos_learned ? "learned" : "sinusoidal_reference", "table",
                     matrix(tr->pos_table, tr->pos_rows, tr->d_model), "cosine",
                     matrix(tr->pos_cos, tr->pos_rows, tr->pos_rows));
}

static json_t *lens_json(const lx_trace *tr)
{
    json_t *a = json_array();
    for (size_t k = 0; k <= tr->n_layers; k++) {
        json_t *t = token_json(tr->lens_id[k], tr->lens_pieces[k]);
        json_object_set_new(t, "after_layer", k ? json_integer((json_int_t)k - 1) : json_null());
        json_object_set_new(t, "prob", json_real(tr->lens_prob[k]));
        json_array_append_new(a, t);
    }
    return a;
}

static json_t *ffn_json(const lx_trace *tr)
{
    static const char *const KIND[] = {"none", "gelu", "swiglu", "geglu"};
    if (tr->ffn_kind == LX_TRACE_FFN_NONE) return json_null();
    json_t *o = json_pack("{s:s, s:I, s:o, s:o}", "kind", KIND[tr->ffn_kind], "layer", (json_int_t)tr->ffn_layer, "up",
                          matrix(tr->ffn_up, tr->n_tok, tr->d_ff), "act", matrix(tr->ffn_act, tr->n_tok, tr->d_ff));
    if (o && tr->ffn_kind != LX_TRACE_FFN_GELU)
        json_object_set_new(o, "gate", matrix(tr->ffn_gate, tr->n_tok, tr->d_ff));
    return o;
}

/* What the poster's newer panels show: scores before softmax, positions, logit lens,
 * one layer's feed-forward, the sorted distribution, the KV groups. */
static void add_inside_extras(json_t *o, const lx_trace *tr)
{
    json_object_set_new(json_object_get(o, "config"), "kv_groups", kv_groups_json(tr));
    json_object_set_new(o, "scores", scores_json(tr));
    json_object_set_new(o, "positions", positions_json(tr));
    json_object_set_new(o, "logit_lens", lens_json(tr));
    json_object_set_new(o, "ffn", ffn_json(tr));
    json_object_set_new(o, "probs_sorted", floats(tr->probs_sorted, tr->vocab));
}

static json_t *inside_json(const lx_inside *in, const char *path)
{
    const lx_trace *tr = &in->trace;
    json_t *toks = json_array(), *emb = json_array(), *norms = json_array(), *top = json_array(), *cont = json_array();
    for (size_t i = 0; i < tr->n_tok; i++) {
        json_array_append_new(toks, token_json(tr->ids[i], tr->pieces[i]));
        json_array_append_new(emb, floats(lx_trace_embed(tr, i), tr->d_model));
    }
    for (size_t k = 0; k <= tr->n_layers; k++) json_array_append_new(norms, floats(tr->resid_norm + k * tr->n_tok, tr->n_tok));
    for (size_t i = 0; i < in->n_top; i++) {
        json_t *t = token_json(in->top[i].id, in->top_pieces[i]);
        json_object_set_new(t, "rank", json_integer((json_int_t)i + 1));
        json_object_set_new(t, "logit", json_real(in->top[i].logit));
        json_object_set_new(t, "prob", json_real(in->top[i].prob));
        json_array_append_new(top, t);
    }
    for (size_t i = 0; i < in->n_cont; i++) json_array_append_new(cont, token_json(in->cont[i], in->cont_pieces[i]));
    json_t *o = json_pack("{s:s, s:o, s:s?, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s?}", "model", path,
                          "config", config_json(tr), "prompt", in->prompt_text, "tokens", toks, "embeddings", emb,
                          "rope_frequencies", floats(tr->model.rope_freq, tr->model.rope_dims / 2), "attention",
                          attention_json(tr), "residual_norm", norms, "top", top, "logits",
                          floats(tr->logits, tr->vocab), "continuation", cont, "continuation_text", in->cont_text);
    if (o) add_inside_extras(o, tr);
    return o;
}

lx_status lx_run_json(const lx_inside *in, const char *path, lx_buf *out, lx_err *err)
{
    json_t *j = inside_json(in, path);
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(9)) : NULL;
    json_decref(j);
    if (!text) return lx_err_set(err, LX_ERR_IO, "out of memory writing the JSON");
    lx_buf_puts(out, text);
    lx_buf_putc(out, '\n');
    free(text);
    return lx_buf_ok(out) ? LX_OK : lx_err_set(err, LX_ERR_IO, "out of memory writing the JSON");
}
