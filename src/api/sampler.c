/* api/sampler — see sampler.h. */
#include "api/sampler.h"

#include <math.h>
#include <stdlib.h>

#include "infer/engine.h"
#include "infer/sample.h"

lx_status lx_api_sampler_init(lx_api_sampler *s, const llmxray_sampler *o, lx_err *err)
{
    *s = (lx_api_sampler){0, 0, 1, 0};
    if (!o) return LX_OK;
    if (o->size < sizeof *o)
        return lx_err_set(err, LX_ERR_USAGE, "llmxray_sampler.size is %zu (expected %zu)", o->size, sizeof *o);
    if (!(o->temperature >= 0) || !isfinite(o->temperature))
        return lx_err_set(err, LX_ERR_USAGE, "sampler temperature %g (expected 0 or more)", o->temperature);
    if (!(o->top_p >= 0 && o->top_p <= 1))
        return lx_err_set(err, LX_ERR_USAGE, "sampler top_p %g (expected 0 to 1)", o->top_p);
    *s = (lx_api_sampler){o->temperature, o->top_k, o->top_p > 0 ? o->top_p : 1, o->seed};
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
static int32_t draw(lx_api_sampler *s, const lx_top *c, size_t k)
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

int32_t lx_api_sample(lx_api_sampler *s, const float *logits, size_t n, lx_err *err)
{
    if (s->temperature == 0) return (int32_t)lx_engine_argmax(logits, n);
    size_t k = s->top_k && s->top_k < n ? s->top_k : n;
    lx_top *c = malloc(k * sizeof *c);
    int32_t id = c && lx_sample_top(logits, n, k, c) ? draw(s, c, k) : -1;
    free(c);
    if (id < 0) lx_err_set(err, LX_ERR_IO, "out of memory sampling a token");
    return id;
}
