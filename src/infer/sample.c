/* infer/sample — see sample.h. */
#include "infer/sample.h"

#include <math.h>
#include <stdlib.h>

static int cmp_top(const void *a, const void *b)
{
    const lx_top *x = a, *y = b;
    if (x->logit != y->logit) return x->logit > y->logit ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

bool lx_sample_top(const float *logits, size_t n, size_t k, lx_top *out)
{
    if (k > n) k = n;
    lx_top *all = malloc((n ? n : 1) * sizeof *all);
    if (!all) return false;
    double max = n ? logits[0] : 0.0, sum = 0.0;
    for (size_t i = 1; i < n; i++) max = logits[i] > max ? logits[i] : max;
    for (size_t i = 0; i < n; i++) sum += exp((double)logits[i] - max);
    for (size_t i = 0; i < n; i++)
        all[i] = (lx_top){(int32_t)i, logits[i], (float)(exp((double)logits[i] - max) / sum)};
    qsort(all, n, sizeof *all, cmp_top);
    for (size_t i = 0; i < k; i++) out[i] = all[i];
    free(all);
    return true;
}

lx_status lx_sample_greedy(const lx_engine *e, lx_engine_state *s, size_t n, lx_token_fn fn, void *ctx,
                           size_t *n_done, lx_err *err)
{
    *n_done = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t next = (int32_t)lx_engine_argmax(s->logits, e->info.vocab);
        if (next == e->tok->eos || next == e->tok->bos) break;
        fn(ctx, next);
        (*n_done)++;
        if (i + 1 < n && lx_engine_forward(e, s, &next, 1, NULL, err)) return err->code;
    }
    return LX_OK;
}

/* splitmix64: the next 64 bits of the generator, as a double in [0, 1). */
static double uniform(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-53;
}

/* Draws one of the k candidates (most probable first) with weights exp((logit - max) / T),
 * among the fewest whose share reaches top_p. */
static int32_t draw(lx_sampler *s, const lx_top *c, size_t k)
{
    double *w = malloc(k * sizeof *w), sum = 0;
    if (!w) return -1;
    for (size_t i = 0; i < k; i++) sum += w[i] = exp(((double)c[i].logit - c[0].logit) / s->temperature);
    size_t keep = 0;
    double kept = 0;
    while (keep < k && (keep == 0 || kept < s->top_p * sum)) kept += w[keep++];
    double u = uniform(&s->state) * kept, acc = 0;
    size_t i = 0;
    while (i + 1 < keep && (acc += w[i]) <= u) i++;
    free(w);
    return c[i].id;
}

int32_t lx_sample_next(lx_sampler *s, const float *logits, size_t n, lx_err *err)
{
    if (s->temperature == 0) return (int32_t)lx_engine_argmax(logits, n);
    size_t k = s->top_k && s->top_k < n ? s->top_k : n;
    lx_top *c = malloc(k * sizeof *c);
    int32_t id = c && lx_sample_top(logits, n, k, c) ? draw(s, c, k) : -1;
    free(c);
    if (id < 0) lx_err_set(err, LX_ERR_IO, "out of memory sampling a token");
    return id;
}
