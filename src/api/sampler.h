/* api/sampler — choosing the next token from logits as an llmxray_sampler asks: greedy
 * (temperature 0, infer/engine's argmax) or sampled at a temperature from the top K cut to
 * top P, by a seeded generator (splitmix64), so that a seed gives the same tokens.
 * Ownership: plain values; nothing is kept between calls but the generator's state. */
#ifndef LX_API_SAMPLER_H
#define LX_API_SAMPLER_H

#include <stddef.h>
#include <stdint.h>

#include "llmxray.h"
#include "util/err.h"

typedef struct lx_api_sampler {
    double temperature; /* 0: greedy */
    size_t top_k;       /* 0: the whole vocabulary */
    double top_p;       /* 1: no cut */
    uint64_t state;     /* the generator */
} lx_api_sampler;

/* The sampler o asks for (NULL: greedy); LX_ERR_USAGE for a small o->size, a negative or
 * non-finite temperature, or top_p outside 0 to 1. */
lx_status lx_api_sampler_init(lx_api_sampler *s, const llmxray_sampler *o, lx_err *err);
/* The next token from logits[0..n); LX_ERR_IO (and -1) when out of memory. */
int32_t lx_api_sample(lx_api_sampler *s, const float *logits, size_t n, lx_err *err);

#endif
