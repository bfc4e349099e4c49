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
