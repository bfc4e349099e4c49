/* api/session — the llmxray_session_* functions and llmxray_generate of include/llmxray.h
 * over infer/engine and infer/sample: a session is an lx_engine, the tokenizer it lends, and
 * the state of its current run; the sampler is infer/sample's, set up by api/sampler. */
#include "llmxray.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api_int.h"
#include "api/sampler.h"
#include "infer/engine.h"
#include "infer/sample.h"

struct llmxray_session {
    lx_engine *e;
    llmxray_tokenizer tok;
    int threads;
    uint64_t max_memory;
    lx_engine_state st;
    bool started;
    size_t n_left;   /* tokens llmxray_generate may still give */
    int32_t last;    /* the last token of the text, for decoding the next */
    bool unfed;      /* last was generated and is fed only when another token is wanted */
    llmxray_timing timing;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

llmxray_status llmxray_session_open(const char *path, const llmxray_session_opts *opts, llmxray_session **out,
                                    char *errbuf, size_t errcap)
{
    lx_err err = {0};
    *out = NULL;
    llmxray_session *s =
        lx_api_new(path, opts ? &opts->size : NULL, sizeof *opts, "llmxray_session_opts", sizeof *s, &err);
    if (!s) return lx_api_fail(&err, errbuf, errcap);
    if (lx_engine_open(path, &s->e, &err) != LX_OK) {
        free(s);
        return lx_api_fail(&err, errbuf, errcap);
    }
    s->tok.tok = s->e->tok;
    s->threads = opts ? opts->threads : 0;
    s->max_memory = opts ? opts->max_memory : 0;
    s->timing.size = sizeof s->timing;
    *out = s;
    return LLMXRAY_OK;
}

/* Drops the current run's state. */
static void stop_run(llmxray_session *s)
{
    if (s->started) lx_engine_state_free(s->e, &s->st);
    s->started = false;
}

void llmxray_session_close(llmxray_session *s)
{
    if (!s) return;
    stop_run(s);
    lx_engine_close(s->e);
    free(s);
}

llmxray_status llmxray_session_describe(const llmxray_session *s, llmxray_session_info *i)
{
    if (!i || i->size < sizeof *i) return LLMXRAY_ERR_USAGE;
    const lx_engine_info *h = &s->e->info;
    *i = (llmxray_session_info){sizeof *i, h->family, h->vocab, h->n_layers, h->d_model, h->n_heads, h->n_kv_heads,
                                h->context, s->e->tok->bos, s->e->tok->eos};
    return LLMXRAY_OK;
}

const llmxray_tokenizer *llmxray_session_tokenizer(const llmxray_session *s) { return &s->tok; }

llmxray_status llmxray_session_start(llmxray_session *s, const int32_t *prompt, size_t n_prompt, size_t n_new,
                                     char *errbuf, size_t errcap)
{
    lx_err err = {0};
    stop_run(s);
    s->timing = (llmxray_timing){.size = sizeof s->timing};
    if (!prompt || n_prompt == 0) lx_err_set(&err, LX_ERR_USAGE, "an empty prompt (give at least one token)");
    else if (lx_engine_check_room(s->e, n_prompt, n_new, 0, s->max_memory, &err) == LX_OK &&
             lx_engine_state_init(s->e, &s->st, lx_engine_run_positions(n_prompt, n_new), n_prompt, s->threads,
                                  &err) == LX_OK) {
        s->started = true;
        double t0 = now();
        lx_engine_forward(s->e, &s->st, prompt, n_prompt, NULL, &err);
        s->timing.prompt_s = now() - t0;
        s->timing.n_prompt = n_prompt;
    }
    if (!lx_err_failed(&err)) {
        s->n_left = n_new;
        s->last = prompt[n_prompt - 1];
        s->unfed = false;
        return LLMXRAY_OK;
    }
    stop_run(s);
    return lx_api_fail(&err, errbuf, errcap);
}

llmxray_status llmxray_session_top(const llmxray_session *s, size_t k, llmxray_top *top, size_t *n)
{
    *n = 0;
    if (!s->started || (k && !top)) return LLMXRAY_ERR_USAGE;
    size_t vocab = s->e->info.vocab;
    if (k > vocab) k = vocab;
    lx_top *t = malloc((k ? k : 1) * sizeof *t);
    bool ok = t && lx_sample_top(s->st.logits, vocab, k, t);
    for (size_t i = 0; ok && i < k; i++) top[i] = (llmxray_top){t[i].id, t[i].logit, t[i].prob};
    free(t);
    if (!ok) return LLMXRAY_ERR_IO;
    *n = k;
    return LLMXRAY_OK;
}

/* Hands token id (the index-th generated) to fn; its return value. */
static int tell(llmxray_session *s, size_t index, int32_t id, llmxray_token_fn fn, void *ctx, lx_err *err)
{
    lx_buf text;
    lx_buf_init(&text);
    lx_tok_decode(s->e->tok, s->last, id, &text);
    char *piece = lx_tok_label(s->e->tok, id);
    int stop = 0;
    if (!piece || !lx_buf_ok(&text)) lx_err_set(err, LX_ERR_IO, "out of memory decoding token %d", (int)id);
    else {
        llmxray_token t = {sizeof t, index, id, piece, text.data ? text.data : "", text.len};
        stop = fn(ctx, &t);
    }
    free(piece);
    lx_buf_free(&text);
    return stop;
}

llmxray_status llmxray_generate(llmxray_session *s, size_t n, const llmxray_sampler *sampler, llmxray_token_fn fn,
                                void *ctx, size_t *n_done, char *errbuf, size_t errcap)
{
    lx_err err = {0};
    size_t done = 0;
    lx_sampler sm;
    if (!s->started) lx_err_set(&err, LX_ERR_USAGE, "llmxray_generate before llmxray_session_start");
    else lx_api_sampler_init(&sm, sampler, &err);
    if (n > s->n_left) n = s->n_left;
    double t0 = now();
    for (size_t i = 0; !err.code && i < n; i++) {
        if (s->unfed && lx_engine_forward(s->e, &s->st, &s->last, 1, NULL, &err) != LX_OK) break;
        s->unfed = false;
        int32_t next = lx_sample_next(&sm, s->st.logits, s->e->info.vocab, &err);
        if (err.code || next == s->e->tok->eos || next == s->e->tok->bos) break;
        done++;
        s->n_left--;
        int stop = fn ? tell(s, s->timing.n_generated + done - 1, next, fn, ctx, &err) : 0;
        s->last = next;
        s->unfed = true;
        if (stop) break;
    }
    s->timing.n_generated += done;
    s->timing.generate_s += now() - t0;
    if (n_done) *n_done = done;
    return err.code ? lx_api_fail(&err, errbuf, errcap) : LLMXRAY_OK;
}

llmxray_status llmxray_session_timing(const llmxray_session *s, llmxray_timing *t)
{
    if (!t || t->size < sizeof *t) return LLMXRAY_ERR_USAGE;
    *t = s->timing;
    return LLMXRAY_OK;
}
