/* infer/trace — see trace.h. */
#include "infer/trace.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static size_t mul(size_t a, size_t b) { return a && b > SIZE_MAX / a ? SIZE_MAX : a * b; }
static size_t add(size_t a, size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }

size_t lx_trace_floats(const lx_trace_dims *d)
{
    size_t stages = add(d->n_layers, 1);
    size_t attn = mul(mul(d->n_layers, d->n_heads), mul(d->n_tok, d->n_tok));
    size_t pos = add(mul(LX_TRACE_POS_ROWS, d->d_model), LX_TRACE_POS_ROWS * LX_TRACE_POS_ROWS);
    size_t rest = add(add(mul(d->n_tok, d->d_model), mul(stages, d->n_tok + 2)), mul(d->vocab, 2));
    return add(add(mul(attn, 2), pos), add(rest, mul(3, mul(d->n_tok, d->d_ff))));
}

static bool alloc_all(lx_trace *t)
{
    const size_t n = t->n_tok, stages = t->n_layers + 1, attn = t->n_layers * t->n_heads * n * n + 1;
    t->ids = calloc(n, sizeof *t->ids);
    t->pieces = calloc(n, sizeof *t->pieces);
    t->lens_id = calloc(stages, sizeof *t->lens_id);
    t->lens_pieces = calloc(stages, sizeof *t->lens_pieces);
    struct { float **p; size_t n; } f[] = {
        {&t->embed, n * t->d_model}, {&t->attn, attn}, {&t->scores, attn}, {&t->resid_norm, stages * n},
        {&t->logits, t->vocab}, {&t->pos_table, LX_TRACE_POS_ROWS * t->d_model},
        {&t->pos_cos, LX_TRACE_POS_ROWS * LX_TRACE_POS_ROWS}, {&t->lens_prob, stages},
        {&t->ffn_gate, n * t->d_ff + 1}, {&t->ffn_up, n * t->d_ff + 1}, {&t->ffn_act, n * t->d_ff + 1},
        {&t->probs_sorted, t->vocab},
    };
    bool ok = t->ids && t->pieces && t->lens_id && t->lens_pieces;
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) ok = (*f[i].p = calloc(f[i].n ? f[i].n : 1, sizeof(float))) && ok;
    return ok;
}

lx_status lx_trace_init(lx_trace *t, const lx_trace_dims *d, size_t max_floats, lx_err *err)
{
    memset(t, 0, sizeof *t);
    size_t total = lx_trace_floats(d);
    if (d->n_tok == 0 || total > max_floats)
        return lx_err_set(err, LX_ERR_MODEL, "a trace of %zu tokens needs %zu floats (limit %zu)", d->n_tok, total,
                          max_floats);
    t->n_tok = d->n_tok, t->d_model = d->d_model, t->n_layers = d->n_layers, t->n_heads = d->n_heads;
    t->vocab = d->vocab, t->d_ff = d->d_ff;
    t->model.bos = -1;
    t->ffn_layer = d->n_layers ? (d->n_layers - 1) / 2 : 0;
    if (!alloc_all(t)) {
        lx_trace_free(t);
        return lx_err_set(err, LX_ERR_IO, "out of memory for the trace of %zu tokens", d->n_tok);
    }
    return LX_OK;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) free(v[i]);
    free(v);
}

void lx_trace_free(lx_trace *t)
{
    free_strings(t->pieces, t->n_tok);
    free_strings(t->lens_pieces, t->n_layers + 1);
    free(t->model.rope_freq);
    free(t->ids), free(t->embed), free(t->attn), free(t->scores), free(t->resid_norm), free(t->logits);
    free(t->pos_table), free(t->pos_cos), free(t->lens_id), free(t->lens_prob);
    free(t->ffn_gate), free(t->ffn_up), free(t->ffn_act), free(t->probs_sorted);
    memset(t, 0, sizeof *t);
}

/* ---- derived ---- */

/* The sine and cosine table of "Attention is all you need": dim 2i is sin(pos / 10000^(2i/d)),
 * dim 2i+1 its cosine. */
static void sinusoid(lx_trace *t)
{
    const size_t d = t->d_model;
    for (size_t p = 0; p < LX_TRACE_POS_ROWS; p++)
        for (size_t j = 0; j < d; j++) {
            double angle = (double)p / pow(10000.0, (double)(j - j % 2) / (double)d);
            lx_trace_pos(t, p)[j] = (float)(j % 2 ? cos(angle) : sin(angle));
        }
    t->pos_rows = LX_TRACE_POS_ROWS;
    t->pos_learned = false;
}

static void cosines(lx_trace *t)
{
    const size_t n = t->pos_rows, d = t->d_model;
    double norm[LX_TRACE_POS_ROWS];
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t k = 0; k < d; k++) s += (double)lx_trace_pos(t, i)[k] * lx_trace_pos(t, i)[k];
        norm[i] = sqrt(s);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double s = 0;
            for (size_t k = 0; k < d; k++) s += (double)lx_trace_pos(t, i)[k] * lx_trace_pos(t, j)[k];
            t->pos_cos[i * n + j] = norm[i] > 0 && norm[j] > 0 ? (float)(s / (norm[i] * norm[j])) : 0.0f;
        }
}

static int by_prob_desc(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x < y) - (x > y);
}

static void sorted_distribution(lx_trace *t)
{
    if (!t->vocab) return;
    float mx = t->logits[0];
    for (size_t i = 1; i < t->vocab; i++) mx = fmaxf(mx, t->logits[i]);
    double sum = 0;
    for (size_t i = 0; i < t->vocab; i++) sum += exp((double)t->logits[i] - mx);
    for (size_t i = 0; i < t->vocab; i++) t->probs_sorted[i] = (float)(exp((double)t->logits[i] - mx) / sum);
    qsort(t->probs_sorted, t->vocab, sizeof(float), by_prob_desc);
}

void lx_trace_finish(lx_trace *t)
{
    if (!t->pos_learned || t->pos_rows == 0) sinusoid(t);
    cosines(t);
    sorted_distribution(t);
}

/* ---- accessors ---- */

float *lx_trace_attn(const lx_trace *t, size_t layer, size_t head, size_t query)
{
    assert(layer < t->n_layers && head < t->n_heads && query < t->n_tok);
    return t->attn + ((layer * t->n_heads + head) * t->n_tok + query) * t->n_tok;
}

float *lx_trace_scores(const lx_trace *t, size_t layer, size_t head, size_t query)
{
    assert(layer < t->n_layers && head < t->n_heads && query < t->n_tok);
    return t->scores + ((layer * t->n_heads + head) * t->n_tok + query) * t->n_tok;
}

float *lx_trace_embed(const lx_trace *t, size_t tok)
{
    assert(tok < t->n_tok);
    return t->embed + tok * t->d_model;
}

float *lx_trace_pos(const lx_trace *t, size_t pos)
{
    assert(pos < LX_TRACE_POS_ROWS);
    return t->pos_table + pos * t->d_model;
}
