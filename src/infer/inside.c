/* infer/inside — see inside.h. */
#include "infer/inside.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define DEFAULT_TRACE_FLOATS ((size_t)64 << 20)

typedef struct collected {
    lx_inside *in;
    size_t cap;
} collected;

static void collect(void *ctx, int32_t id)
{
    collected *c = ctx;
    if (c->in->n_cont < c->cap) c->in->cont[c->in->n_cont++] = id;
}

/* Text of ids[from..n) as decoding prints it (prev is the token before from, -1 none):
 * byte tokens join into the characters they complete, and bytes that complete none are
 * written "\xNN", so the text is valid UTF-8. */
static char *spell(const lx_tok *t, const int32_t *ids, size_t n, size_t from, int32_t prev)
{
    lx_buf b, v;
    lx_buf_init(&b), lx_buf_init(&v);
    for (size_t i = from; i < n; i++) {
        lx_tok_decode(t, prev, ids[i], &b);
        prev = ids[i];
    }
    lx_buf_put_utf8_visible(&v, lx_buf_cstr(&b), b.len);
    char *s = lx_buf_ok(&b) && lx_buf_ok(&v) ? strdup(lx_buf_cstr(&v)) : NULL;
    lx_buf_free(&b), lx_buf_free(&v);
    return s;
}

static lx_status traced_run(lx_inside *in, const lx_inside_opts *o, const int32_t *ids, size_t n, lx_err *err)
{
    const lx_llama *m = in->model;
    const lx_llama_hp *hp = &m->hp;
    lx_llama_state s;
    size_t k = o->top_k < hp->vocab ? o->top_k : hp->vocab;
    if (lx_llama_check_room(m, n, o->n_new, n, o->max_memory, err) ||
        lx_trace_init(&in->trace, n, hp->d_model, hp->n_layers, hp->n_heads, hp->vocab,
                      o->max_trace_floats ? o->max_trace_floats : DEFAULT_TRACE_FLOATS, err) ||
        lx_llama_state_init(m, &s, lx_llama_run_positions(n, o->n_new), n, o->threads, err))
        return err->code;
    s.on_layer = o->on_layer, s.on_layer_ctx = o->on_layer_ctx;
    in->top = malloc((k ? k : 1) * sizeof *in->top);
    in->cont = malloc((o->n_new ? o->n_new : 1) * sizeof *in->cont);
    size_t done = 0;
    collected c = {in, o->n_new};
    if (!in->top || !in->cont) lx_err_set(err, LX_ERR_IO, "out of memory");
    else if (lx_llama_forward(m, &s, ids, n, &in->trace, err) == LX_OK) {
        if (!lx_sample_top(s.logits, hp->vocab, k, in->top)) lx_err_set(err, LX_ERR_IO, "out of memory");
        in->n_top = k;
        s.on_layer = NULL; /* the continuation is quick: no progress per token */
        if (!lx_err_failed(err)) lx_sample_greedy(m, &s, o->n_new, collect, &c, &done, err);
    }
    lx_llama_state_free(&s);
    return err ? err->code : LX_OK;
}

lx_status lx_inside_run(const char *path, const lx_inside_opts *o, lx_inside *out, lx_err *err)
{
    memset(out, 0, sizeof *out);
    if (lx_llama_open(path, &out->model, err)) return err->code;
    int32_t *ids = NULL;
    size_t n = 0;
    const lx_tok *t = &out->model->tok;
    if (lx_tok_encode(t, o->prompt ? o->prompt : "", true, &ids, &n, err) == LX_OK && n == 0)
        lx_err_set(err, LX_ERR_USAGE, "%s has no BOS token: give a prompt", path);
    if (!lx_err_failed(err) && traced_run(out, o, ids, n, err) == LX_OK) {
        bool bos = t->bos >= 0 && ids[0] == t->bos;
        out->prompt_text = spell(t, ids, n, bos ? 1 : 0, bos ? ids[0] : -1);
        out->cont_text = spell(t, out->cont, out->n_cont, 0, ids[n - 1]);
        if (!out->prompt_text || !out->cont_text) lx_err_set(err, LX_ERR_IO, "out of memory");
    }
    free(ids);
    if (lx_err_failed(err)) lx_inside_free(out);
    return err->code;
}

void lx_inside_free(lx_inside *in)
{
    lx_trace_free(&in->trace);
    free(in->top), free(in->cont), free(in->prompt_text), free(in->cont_text);
    lx_llama_close(in->model);
    memset(in, 0, sizeof *in);
}
