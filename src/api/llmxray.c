/* api — include/llmxray.h over the stages: an llmxray_model is an lx_source and the
 * lx_arch built from it; rendering goes through the pipeline driver and the formats table. */
#include "llmxray.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/arch.h"
#include "pipeline/pipeline.h"
#include "open/source.h"

#define STR2(x) #x
#define STR(x) STR2(x)

struct llmxray_model {
    lx_source src;
    lx_arch arch;
};

const char *llmxray_version(void)
{
    return STR(LLMXRAY_VERSION_MAJOR) "." STR(LLMXRAY_VERSION_MINOR) "." STR(LLMXRAY_VERSION_PATCH);
}

static llmxray_status fail(const lx_err *e, char *errbuf, size_t errcap)
{
    if (errcap) snprintf(errbuf, errcap, "%s", e->msg);
    return (llmxray_status)e->code;
}

llmxray_status llmxray_open(const char *what, llmxray_model **out, char *errbuf, size_t errcap)
{
    lx_err err = {0};
    *out = NULL;
    if (!what) lx_err_set(&err, LX_ERR_USAGE, "no model named (NULL)");
    llmxray_model *m = what ? calloc(1, sizeof *m) : NULL;
    if (what && !m) lx_err_set(&err, LX_ERR_IO, "out of memory opening %s", what);
    if (!m) return fail(&err, errbuf, errcap);
    if (lx_source_open(what, &m->src, &err) != LX_OK) {
        free(m);
        return fail(&err, errbuf, errcap);
    }
    if (lx_arch_build(&m->src, &m->arch, &err) != LX_OK) {
        lx_source_free(&m->src);
        free(m);
        return fail(&err, errbuf, errcap);
    }
    *out = m;
    return LLMXRAY_OK;
}

void llmxray_close(llmxray_model *m)
{
    if (!m) return;
    lx_arch_free(&m->arch);
    lx_source_free(&m->src);
    free(m);
}

const char *llmxray_model_name(const llmxray_model *m) { return m->arch.hp.name; }

const char *llmxray_model_family(const llmxray_model *m) { return m->arch.hp.family; }

llmxray_status llmxray_model_counts(const llmxray_model *m, llmxray_counts *c)
{
    if (!c || c->size < offsetof(llmxray_counts, params_total)) return LLMXRAY_ERR_USAGE;
    const lx_arch *a = &m->arch;
    llmxray_counts v = {
        .size = c->size < sizeof v ? c->size : sizeof v,
        .params_total = a->total_params, .params_active = a->active_params, .bytes_total = a->total_bytes,
        .kv_cache_per_token = a->kv_bytes_per_token, .n_layers = (uint32_t)a->n_layers,
        .d_model = (uint32_t)a->hp.d_model, .n_heads = (uint32_t)a->attn.n_heads,
        .n_kv_heads = (uint32_t)a->attn.n_kv_heads, .head_dim = (uint32_t)a->attn.head_dim,
        .vocab_size = (uint32_t)a->hp.vocab_size, .context_length = a->hp.context_length, .n_warnings = (uint32_t)a->n_warnings,
    };
    memcpy(c, &v, v.size);
    return LLMXRAY_OK;
}

static lx_render_opts render_opts(const llmxray_render_opts *o)
{
    lx_render_opts r = lx_render_defaults();
    if (!o || o->size < sizeof *o) return r;
    r.theme = o->dark ? LX_THEME_DARK : LX_THEME_LIGHT;
    if (o->scale > 0) r.scale = o->scale;
    if (o->width > 0) r.width = o->width;
    r.ascii = o->ascii != 0;
    return r;
}

llmxray_status llmxray_render(const llmxray_model *m, const char *format, const llmxray_render_opts *opts,
                              char **out, size_t *len, char *errbuf, size_t errcap)
{
    lx_err err = {0};
    *out = NULL;
    *len = 0;
    const lx_out_format *f = format ? lx_formats_find(format, LX_PRODUCT_DIAGRAM) : NULL;
    if (!f) {
        char list[160];
        lx_formats_list(LX_PRODUCT_DIAGRAM, false, list, sizeof list);
        lx_err_set(&err, LX_ERR_USAGE, "unknown format '%s' (expected %s)", format ? format : "(NULL)", list);
        return fail(&err, errbuf, errcap);
    }
    lx_render_opts r = render_opts(opts);
    if (r.scale < 0.25 || r.scale > 8) {
        lx_err_set(&err, LX_ERR_USAGE, "scale %g is outside 0.25 to 8", r.scale);
        return fail(&err, errbuf, errcap);
    }
    lx_buf b;
    lx_buf_init(&b);
    if (lx_pipeline_diagram(&m->arch, f, &r, &b, &err) != LX_OK) {
        lx_buf_free(&b);
        return fail(&err, errbuf, errcap);
    }
    lx_buf_cstr(&b);
    if (!lx_buf_ok(&b)) {
        lx_buf_free(&b);
        lx_err_set(&err, LX_ERR_IO, "out of memory rendering %s", f->name);
        return fail(&err, errbuf, errcap);
    }
    *len = b.len;
    *out = b.data ? b.data : calloc(1, 1);
    return *out ? LLMXRAY_OK : LLMXRAY_ERR_IO;
}

void llmxray_free(void *p) { free(p); }
