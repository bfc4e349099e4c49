/* infer/inside — see inside.h. */
#include "infer/inside.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infer/engine.h"
#include "open/source.h"
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

/* The model's facts the poster shows, copied into the trace record; the RoPE table is the
 * one a run holding cap_pos positions turns by (longrope: long or short factors). */
static lx_status describe(lx_trace_model *d, const lx_engine *m, size_t cap_pos, lx_err *err)
{
    const lx_engine_info *hp = &m->info;
    size_t half = hp->rope_dims / 2;
    const float *freq = lx_rope_longrope_table(hp->rope_freq, hp->rope_freq_long, hp->rope_orig_ctx, cap_pos);
    *d = (lx_trace_model){{0}, hp->n_kv_heads, hp->head_dim, hp->d_ff, hp->context, hp->rope_dims, hp->rope_theta,
                          hp->neox, hp->tied, m->tok->bos, malloc((half ? half : 1) * sizeof(float)), "",
                          hp->rope_freq_long ? hp->rope_orig_ctx : 0, cap_pos};
    snprintf(d->family, sizeof d->family, "%s", hp->family);
    if (hp->rope_freq_long) snprintf(d->rope_factors, sizeof d->rope_factors, "%s", freq == hp->rope_freq ? "short" : "long");
    if (!d->rope_freq) return lx_err_set(err, LX_ERR_IO, "out of memory");
    if (half) memcpy(d->rope_freq, freq, half * sizeof(float));
    return LX_OK;
}

/* out[0..n) <- the label of each id; false on OOM. */
static bool label_all(const lx_tok *t, const int32_t *ids, const lx_top *top, size_t n, char ***out)
{
    if (!(*out = calloc(n ? n : 1, sizeof **out))) return false;
    for (size_t i = 0; i < n; i++)
        if (!((*out)[i] = lx_tok_label(t, ids ? ids[i] : top[i].id))) return false;
    return true;
}

/* The logit lens's pieces into the trace; false on OOM. */
static bool label_lens(const lx_tok *t, lx_trace *tr)
{
    for (size_t k = 0; k <= tr->n_layers; k++)
        if (!(tr->lens_pieces[k] = lx_tok_label(t, tr->lens_id[k]))) return false;
    return true;
}

static lx_status traced_run(const lx_engine *m, lx_inside *in, const lx_inside_opts *o, const int32_t *ids,
                            size_t n, lx_err *err)
{
    const lx_engine_info *hp = &m->info;
    lx_engine_state s;
    size_t k = o->top_k < hp->vocab ? o->top_k : hp->vocab;
    if (lx_engine_check_room(m, n, o->n_new, n, o->max_memory, err) ||
        lx_trace_init(&in->trace, &(lx_trace_dims){n, hp->d_model, hp->n_layers, hp->n_heads, hp->vocab, hp->d_ff},
                      o->max_trace_floats ? o->max_trace_floats : DEFAULT_TRACE_FLOATS, err) ||
        describe(&in->trace.model, m, lx_engine_run_positions(n, o->n_new), err) ||
        lx_engine_state_init(m, &s, lx_engine_run_positions(n, o->n_new), n, o->threads, err))
        return err->code;
    s.on_layer = o->on_layer, s.on_layer_ctx = o->on_layer_ctx;
    in->top = malloc((k ? k : 1) * sizeof *in->top);
    in->cont = malloc((o->n_new ? o->n_new : 1) * sizeof *in->cont);
    size_t done = 0;
    collected c = {in, o->n_new};
    if (!in->top || !in->cont) lx_err_set(err, LX_ERR_IO, "out of memory");
    else if (lx_engine_forward(m, &s, ids, n, &in->trace, err) == LX_OK) {
        lx_trace_finish(&in->trace);
        if (!lx_sample_top(s.logits, hp->vocab, k, in->top)) lx_err_set(err, LX_ERR_IO, "out of memory");
        in->n_top = k;
        s.on_layer = NULL; /* the continuation is quick: no progress per token */
        if (!lx_err_failed(err)) lx_sample_greedy(m, &s, o->n_new, collect, &c, &done, err);
    }
    lx_engine_state_free(m, &s);
    return err ? err->code : LX_OK;
}

/* The file as open/source reads it, its architecture, and the engine on its GGUF. */
static lx_status open_once(const char *path, lx_inside *in, lx_engine **m, lx_err *err)
{
    if (!(in->src = calloc(1, sizeof *in->src)) || !(in->arch = calloc(1, sizeof *in->arch)))
        return lx_err_set(err, LX_ERR_IO, "out of memory");
    if (lx_source_open(path, in->src, err)) return err->code;
    if (lx_engine_open_source(in->src, m, err)) return err->code; /* a GGUF or a Hugging Face folder */
    if (lx_arch_build(in->src, in->arch, err)) {
        lx_engine_close(*m);
        *m = NULL;
        return err->code;
    }
    in->arch_built = true;
    return LX_OK;
}

lx_status lx_inside_run(const char *path, const lx_inside_opts *o, lx_inside *out, lx_err *err)
{
    memset(out, 0, sizeof *out);
    lx_engine *m = NULL;
    if (open_once(path, out, &m, err)) {
        lx_inside_free(out);
        return err->code;
    }
    int32_t *ids = NULL;
    size_t n = 0;
    const lx_tok *t = m->tok;
    if (lx_tok_encode(t, o->prompt ? o->prompt : "", true, &ids, &n, err) == LX_OK && n == 0)
        lx_err_set(err, LX_ERR_USAGE, "%s has no BOS token: give a prompt", path);
    if (!lx_err_failed(err) && traced_run(m, out, o, ids, n, err) == LX_OK) {
        bool bos = t->bos >= 0 && ids[0] == t->bos;
        out->prompt_text = spell(t, ids, n, bos ? 1 : 0, bos ? ids[0] : -1);
        out->cont_text = spell(t, out->cont, out->n_cont, 0, ids[n - 1]);
        if (!out->prompt_text || !out->cont_text || !label_all(t, NULL, out->top, out->n_top, &out->top_pieces) ||
            !label_all(t, out->cont, NULL, out->n_cont, &out->cont_pieces) || !label_lens(t, &out->trace))
            lx_err_set(err, LX_ERR_IO, "out of memory");
    }
    free(ids);
    lx_engine_close(m);
    if (lx_err_failed(err)) lx_inside_free(out);
    return err->code;
}

static void free_all(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) free(v[i]);
    free(v);
}

void lx_inside_free(lx_inside *in)
{
    lx_trace_free(&in->trace);
    free_all(in->top_pieces, in->n_top), free_all(in->cont_pieces, in->n_cont);
    free(in->top), free(in->cont), free(in->prompt_text), free(in->cont_text);
    if (in->arch_built) lx_arch_free(in->arch);
    if (in->src) lx_source_free(in->src);
    free(in->arch), free(in->src);
    memset(in, 0, sizeof *in);
}
