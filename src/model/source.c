/* model/source — the lx_source record. See source.h. */
#include "model/source.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void lx_source_warn(lx_source *src, const char *fmt, ...)
{
    if (src->n_warnings >= LX_SOURCE_MAX_WARN) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(src->warnings[src->n_warnings++], sizeof src->warnings[0], fmt, ap);
    va_end(ap);
}

const char *lx_format_name(lx_format f)
{
    static const char *const N[] = {"gguf", "safetensors", "config", "catalogue"};
    return (unsigned)f < 4 ? N[f] : "?";
}

void lx_source_free(lx_source *src)
{
    lx_tensors_free(&src->tensors);
    lx_quant_free(&src->hp.quant);
    if (src->gguf) lx_gguf_close(src->gguf);
    src->gguf = NULL;
    if (src->index) lx_st_index_free(src->index);
    free(src->index);
    src->index = NULL;
}
