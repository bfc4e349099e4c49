/* api/sampler — see sampler.h. */
#include "api/sampler.h"

#include <math.h>

lx_status lx_api_sampler_init(lx_sampler *s, const llmxray_sampler *o, lx_err *err)
{
    *s = (lx_sampler){0, 0, 1, 0};
    if (!o) return LX_OK;
    if (o->size < sizeof *o)
        return lx_err_set(err, LX_ERR_USAGE, "llmxray_sampler.size is %zu (expected %zu)", o->size, sizeof *o);
    if (!(o->temperature >= 0) || !isfinite(o->temperature))
        return lx_err_set(err, LX_ERR_USAGE, "sampler temperature %g (expected 0 or more)", o->temperature);
    if (!(o->top_p >= 0 && o->top_p <= 1))
        return lx_err_set(err, LX_ERR_USAGE, "sampler top_p %g (expected 0 to 1)", o->top_p);
    *s = (lx_sampler){o->temperature, o->top_k, o->top_p > 0 ? o->top_p : 1, o->seed};
    return LX_OK;
}
