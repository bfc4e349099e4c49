/* api/sampler — an llmxray_sampler checked and turned into infer/sample's lx_sampler: greedy
 * (temperature 0) or sampled at a temperature from the top K cut to top P, by a seeded
 * generator, so that a seed gives the same tokens.
 * Ownership: plain values. */
#ifndef LX_API_SAMPLER_H
#define LX_API_SAMPLER_H

#include "infer/sample.h"
#include "llmxray.h"
#include "util/err.h"

/* The sampler o asks for (NULL: greedy); LX_ERR_USAGE for a small o->size, a negative or
 * non-finite temperature, or top_p outside 0 to 1. */
lx_status lx_api_sampler_init(lx_sampler *s, const llmxray_sampler *o, lx_err *err);

#endif
