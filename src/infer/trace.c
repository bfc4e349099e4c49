/* infer/trace — see trace.h. */
#include "infer/trace.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static size_t mul(size_t a, size_t b) { return a && b > SIZE_MAX / a ? SIZE_MAX : a * b; }
static size_t add(size_t a, size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }

size_t lx_trace_floats(size_t n_tok, size_t d_model, size_t n_layers, size_t n_heads, size_t vocab)
{
    size_t attn = mul(mul(n_layers, n_heads), mul(n_tok, n_tok));
    size_t rest = add(add(mul(n_tok, d_model), mul(n_layers + 1, n_tok)), vocab);
    return add(attn, rest);
}

lx_status lx_trace_init(lx_trace *t, size_t n_tok, size_t d_model, size_t n_layers, size_t n_heads,
                        size_t vocab, size_t max_floats, lx_err *err)
{
    memset(t, 0, sizeof *t);
    size_t total = lx_trace_floats(n_tok, d_model, n_layers, n_heads, vocab);
    if (n_tok == 0 || total > max_floats)
        return lx_err_set(err, LX_ERR_MODEL, "a trace of %zu tokens needs %zu floats (limit %zu)",
                          n_tok, total, max_floats);
    *t = (lx_trace){n_tok, d_model, n_layers, n_heads, vocab, {{0}, 0, 0, 0, 0, 0, 0, false, false, -1, NULL},
                    calloc(n_tok, sizeof(int32_t)), calloc(n_tok, sizeof(char *)),
                    calloc(n_tok * d_model, sizeof(float)),
                    calloc(n_layers * n_heads * n_tok * n_tok + 1, sizeof(float)),
                    calloc((n_layers + 1) * n_tok, sizeof(float)), calloc(vocab, sizeof(float))};
    if (!t->ids || !t->pieces || !t->embed || !t->attn || !t->resid_norm || !t->logits) {
        lx_trace_free(t);
        return lx_err_set(err, LX_ERR_IO, "out of memory for the trace of %zu tokens", n_tok);
    }
    return LX_OK;
}

void lx_trace_free(lx_trace *t)
{
    if (t->pieces)
        for (size_t i = 0; i < t->n_tok; i++) free(t->pieces[i]);
    free(t->model.rope_freq);
    free(t->ids), free(t->pieces), free(t->embed), free(t->attn), free(t->resid_norm), free(t->logits);
    memset(t, 0, sizeof *t);
}

float *lx_trace_attn(const lx_trace *t, size_t layer, size_t head, size_t query)
{
    assert(layer < t->n_layers && head < t->n_heads && query < t->n_tok);
    return t->attn + ((layer * t->n_heads + head) * t->n_tok + query) * t->n_tok;
}

float *lx_trace_embed(const lx_trace *t, size_t tok)
{
    assert(tok < t->n_tok);
    return t->embed + tok * t->d_model;
}
