/* infer/engine — see engine.h. */
#include "infer/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "infer/llama.h"
#include "util/buf.h"

static const lx_engine_ops *const ENGINES[] = {&lx_llama_ops};
#define N_ENGINES (sizeof ENGINES / sizeof ENGINES[0])

static const lx_engine_ops *find_engine(const char *arch)
{
    for (size_t e = 0; arch && e < N_ENGINES; e++)
        for (size_t i = 0; ENGINES[e]->arch_at(i); i++)
            if (strcmp(ENGINES[e]->arch_at(i), arch) == 0) return ENGINES[e];
    return NULL;
}

/* "llama, qwen2, qwen3 or gpt2": every architecture some engine runs. */
static void list_archs(char *out, size_t cap)
{
    size_t n = 0, len = 0;
    for (size_t e = 0; e < N_ENGINES; e++)
        while (ENGINES[e]->arch_at(n)) n++;
    out[0] = 0;
    for (size_t e = 0, k = 0; e < N_ENGINES; e++)
        for (size_t i = 0; ENGINES[e]->arch_at(i) && len < cap; i++, k++)
            len += (size_t)snprintf(out + len, cap - len, "%s%s", k == 0 ? "" : k + 1 == n ? " or " : ", ",
                                    ENGINES[e]->arch_at(i));
}

/* Opens the engine of w's architecture on w (moved into the engine, closed on failure). */
static lx_status open_weights(lx_weights *w, lx_engine **out, lx_err *err)
{
    *out = NULL;
    const lx_engine_ops *ops = find_engine(w->arch[0] ? w->arch : NULL);
    if (!ops) {
        char list[256];
        list_archs(list, sizeof list);
        lx_err_set(err, LX_ERR_MODEL, "%s: architecture '%s' is not supported by the inference engine (expected %s)",
                   w->path, w->arch[0] ? w->arch : "(none)", list);
        lx_weights_close(w);
        return err->code;
    }
    lx_engine *e = calloc(1, sizeof *e);
    if (!e) { lx_weights_close(w); return lx_err_set(err, LX_ERR_IO, "out of memory"); }
    e->ops = ops;
    e->weights = *w;
    snprintf(e->path, sizeof e->path, "%s", w->path);
    if (ops->open(&e->weights, &e->model, &e->info, &e->tok, err)) {
        lx_weights_close(&e->weights);
        free(e);
        return err->code;
    }
    *out = e;
    return LX_OK;
}

lx_status lx_engine_open_gguf(lx_gguf *g, const char *path, lx_engine **out, lx_err *err)
{
    lx_weights w;
    *out = NULL;
    if (lx_weights_from_gguf(g, path, &w, err)) return err->code;
    return open_weights(&w, out, err);
}

lx_status lx_engine_open_source(lx_source *src, lx_engine **out, lx_err *err)
{
    lx_weights w;
    *out = NULL;
    if (lx_weights_from_source(src, &w, err)) return err->code;
    return open_weights(&w, out, err);
}

lx_status lx_engine_open(const char *path, lx_engine **out, lx_err *err)
{
    lx_gguf *g;
    lx_weights w;
    *out = NULL;
    if (lx_weights_is_hf(path)) return lx_weights_open_hf(path, &w, err) ? err->code : open_weights(&w, out, err);
    if (lx_gguf_open(path, &g, err)) return err->code;
    if (lx_engine_open_gguf(g, path, out, err)) { lx_gguf_close(g); return err->code; }
    (*out)->owned_gguf = g;
    return LX_OK;
}

void lx_engine_close(lx_engine *e)
{
    if (!e) return;
    e->ops->close(e->model);
    lx_weights_close(&e->weights);
    lx_gguf_close(e->owned_gguf);
    free(e);
}

/* ---- planning ---- */

static uint64_t mul_sat(uint64_t a, uint64_t b) { return a && b > UINT64_MAX / a ? UINT64_MAX : a * b; }
static uint64_t add_sat(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

uint64_t lx_engine_estimate(const lx_engine *e, size_t cap_pos, size_t cap_tok, size_t trace_tok)
{
    const lx_engine_info *hp = &e->info;
    uint64_t bytes = e->ops->plan(e->model, cap_pos, cap_tok);
    lx_trace_dims td = {trace_tok, hp->d_model, hp->n_layers, hp->n_heads, hp->vocab, hp->d_ff};
    if (trace_tok) bytes = add_sat(bytes, mul_sat(lx_trace_floats(&td), sizeof(float)));
    return bytes;
}

size_t lx_engine_run_positions(size_t n_prompt, size_t n_new) { return n_prompt + (n_new ? n_new - 1 : 0); }

uint64_t lx_engine_available_memory(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    unsigned long long kb;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1) { fclose(f); return kb * 1024ull; }
    if (f) fclose(f);
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? (uint64_t)pages * (uint64_t)size : UINT64_MAX;
}

lx_status lx_engine_check_room(const lx_engine *e, size_t n_prompt, size_t n_new, size_t trace_tok,
                               uint64_t limit, lx_err *err)
{
    size_t cap_pos = lx_engine_run_positions(n_prompt, n_new);
    if (e->info.context && cap_pos > e->info.context)
        return lx_err_set(err, LX_ERR_USAGE, "%zu prompt tokens + %zu new ones exceed the model's context of %zu positions",
                          n_prompt, n_new, e->info.context);
    uint64_t need = lx_engine_estimate(e, cap_pos, n_prompt, trace_tok);
    uint64_t have = limit ? limit : lx_engine_available_memory();
    if (need <= have) return LX_OK;
    char a[32], b[32];
    lx_fmt_bytes(a, sizeof a, need);
    lx_fmt_bytes(b, sizeof b, have);
    return lx_err_set(err, LX_ERR_MODEL, "%s: this run needs about %s of memory but %s is allowed (--max-memory)",
                      e->path, a, b);
}

/* ---- running ---- */

lx_status lx_engine_state_init(const lx_engine *e, lx_engine_state *s, size_t cap_pos, size_t cap_tok,
                               int n_threads, lx_err *err)
{
    memset(s, 0, sizeof *s);
    if (cap_tok == 0 || cap_tok > cap_pos) return lx_err_set(err, LX_ERR_USAGE, "cannot hold %zu positions", cap_pos);
    s->cap_pos = cap_pos, s->cap_tok = cap_tok;
    return e->ops->state_init(e->model, s, n_threads, err);
}

void lx_engine_state_free(const lx_engine *e, lx_engine_state *s)
{
    if (s->impl) e->ops->state_free(s);
    memset(s, 0, sizeof *s);
}

lx_status lx_engine_forward(const lx_engine *e, lx_engine_state *s, const int32_t *ids, size_t n, lx_trace *tr,
                            lx_err *err)
{
    const lx_engine_info *hp = &e->info;
    if (n == 0 || n > s->cap_tok || s->n_pos + n > s->cap_pos)
        return lx_err_set(err, LX_ERR_USAGE, "%zu more tokens do not fit (%zu of %zu positions used)", n, s->n_pos,
                          s->cap_pos);
    for (size_t t = 0; t < n; t++)
        if (ids[t] < 0 || (size_t)ids[t] >= hp->vocab)
            return lx_err_set(err, LX_ERR_USAGE, "token id %d is outside the vocabulary of %zu", ids[t], hp->vocab);
    if (tr && (tr->n_layers != hp->n_layers || tr->n_heads != hp->n_heads || tr->d_model != hp->d_model ||
               tr->vocab != hp->vocab))
        return lx_err_set(err, LX_ERR_USAGE, "the trace was made for another model");
    return e->ops->forward(e->model, s, ids, n, tr, err);
}

size_t lx_engine_argmax(const float *x, size_t n)
{
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (x[i] > x[best]) best = i;
    return best;
}
