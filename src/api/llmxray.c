/* api — include/llmxray.h over the stages (its tokenizers: api/tokenizer.c): an llmxray_model
 * is an lx_source and the lx_arch built from it; rendering goes through the pipeline driver
 * and the formats table; the catalogue, formats and themes are their tables as they are. */
#include "llmxray.h"
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/arch.h"
#include "model/catalogue.h"
#include "open/remote.h"
#include "open/source.h"
#include "pipeline/pipeline.h"
#include "render/compare.h"
#include "render/info.h"
#include "render/term.h"

#define STR2(x) #x
#define STR(x) STR2(x)

_Static_assert(LLMXRAY_WIDTH_MIN == LX_TERM_MIN_WIDTH && LLMXRAY_WIDTH_MAX == LX_TERM_MAX_WIDTH,
               "llmxray.h's text widths are render/term's");

_Static_assert(LLMXRAY_FOR_DIAGRAM == LX_PRODUCT_DIAGRAM && LLMXRAY_FOR_COMPARISON == LX_PRODUCT_COMPARE &&
                   LLMXRAY_FOR_POSTER == LX_PRODUCT_POSTER && LLMXRAY_FOR_GALLERY == LX_PRODUCT_GALLERY,
               "llmxray.h's format bits are render/formats'");
_Static_assert(LLMXRAY_COMPARE_MAX == LX_DIFF_MAX_MODELS, "llmxray.h's compare limit is model/diff's");

struct llmxray_model {
    lx_source src;
    lx_arch arch;
};

const char *llmxray_version(void)
{
    return STR(LLMXRAY_VERSION_MAJOR) "." STR(LLMXRAY_VERSION_MINOR) "." STR(LLMXRAY_VERSION_PATCH);
}

void *lx_api_new(const char *what, const size_t *opts_size, size_t want, const char *opts_name, size_t size,
                 lx_err *err)
{
    if (!what) lx_err_set(err, LX_ERR_USAGE, "no model named (NULL)");
    else if (opts_size && *opts_size < want)
        lx_err_set(err, LX_ERR_USAGE, "%s.size is %zu (expected %zu)", opts_name, *opts_size, want);
    void *h = err->code ? NULL : calloc(1, size);
    if (!err->code && !h) lx_err_set(err, LX_ERR_IO, "out of memory opening %s", what);
    return h;
}

llmxray_status lx_api_fail(const lx_err *e, char *errbuf, size_t errcap)
{
    if (errcap) snprintf(errbuf, errcap, "%s", e->msg);
    return e->code ? (llmxray_status)e->code : LLMXRAY_ERR_MODEL;
}

/* The architecture of m->src (already opened) into m; frees m on failure. */
static llmxray_status build(llmxray_model *m, llmxray_model **out, lx_err *err, char *errbuf, size_t errcap)
{
    if (lx_arch_build(&m->src, &m->arch, err) != LX_OK) {
        lx_source_free(&m->src);
        free(m);
        return lx_api_fail(err, errbuf, errcap);
    }
    *out = m;
    return LLMXRAY_OK;
}

static lx_remote_opts remote_opts(const llmxray_open_opts *o)
{
    lx_remote_opts r = lx_remote_defaults();
    if (o->max_header) r.max_header = o->max_header;
    if (o->timeout_s > 0) r.timeout_s = o->timeout_s;
    if (o->connections > 0) r.max_conns = o->connections;
    r.offline = o->offline != 0;
    r.insecure = o->insecure != 0;
    return r;
}

llmxray_status llmxray_open_ex(const char *what, const llmxray_open_opts *opts, llmxray_model **out, char *errbuf,
                               size_t errcap)
{
    lx_err err = {0};
    *out = NULL;
    llmxray_model *m = lx_api_new(what, opts ? &opts->size : NULL, sizeof *opts, "llmxray_open_opts", sizeof *m, &err);
    if (!m) return lx_api_fail(&err, errbuf, errcap);
    lx_remote_opts r = opts ? remote_opts(opts) : lx_remote_defaults();
    if (lx_source_open_with(what, &r, &m->src, &err) != LX_OK) {
        free(m);
        return lx_api_fail(&err, errbuf, errcap);
    }
    return build(m, out, &err, errbuf, errcap);
}

llmxray_status llmxray_open(const char *what, llmxray_model **out, char *errbuf, size_t errcap)
{
    return llmxray_open_ex(what, NULL, out, errbuf, errcap);
}

int llmxray_name_is_remote(const char *what) { return what && lx_remote_name(what); }

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
        .kv_cache_per_token = a->kv_bytes_per_token, .n_layers = (uint32_t)(a->n_layers ? a->n_layers : (int)a->hp.n_layers),
        .d_model = (uint32_t)a->hp.d_model, .n_heads = (uint32_t)a->attn.n_heads,
        .n_kv_heads = (uint32_t)a->attn.n_kv_heads, .head_dim = (uint32_t)a->attn.head_dim,
        .vocab_size = (uint32_t)a->hp.vocab_size, .context_length = a->hp.context_length, .n_warnings = (uint32_t)a->n_warnings,
    };
    memcpy(c, &v, v.size);
    return LLMXRAY_OK;
}

size_t llmxray_model_layer_mix(const llmxray_model *m, const char **kinds, uint32_t *counts, size_t cap)
{
    const char *labels[LX_MAX_LAYERS];
    int n[LX_MAX_LAYERS];
    size_t k = (size_t)lx_arch_layer_mix(&m->arch, labels, n);
    for (size_t i = 0; i < k && i < cap; i++) {
        if (kinds) kinds[i] = labels[i];
        if (counts) counts[i] = (uint32_t)n[i];
    }
    return k;
}

llmxray_status lx_api_hand_over(lx_buf *b, const char *what, char **out, size_t *len, char *errbuf, size_t errcap)
{
    lx_buf_cstr(b);
    if (!lx_buf_ok(b)) {
        lx_buf_free(b);
        lx_err err = {0};
        lx_err_set(&err, LX_ERR_IO, "out of memory %s", what);
        return lx_api_fail(&err, errbuf, errcap);
    }
    *len = b->len;
    *out = b->data ? b->data : calloc(1, 1);
    return *out ? LLMXRAY_OK : LLMXRAY_ERR_IO;
}

llmxray_status llmxray_model_info(const llmxray_model *m, const char *format, char **out, size_t *len,
                                  char *errbuf, size_t errcap)
{
    *out = NULL;
    *len = 0;
    bool json = format && !strcmp(format, "json");
    if (!json && !(format && !strcmp(format, "text"))) {
        lx_err err = {0};
        lx_err_set(&err, LX_ERR_USAGE, "unknown info format '%s' (expected text or json)", format ? format : "(NULL)");
        return lx_api_fail(&err, errbuf, errcap);
    }
    lx_buf b;
    lx_buf_init(&b);
    if (json) lx_info_json(&m->arch, &b);
    else lx_info_text(&m->arch, &b);
    return lx_api_hand_over(&b, "while formatting the summary", out, len, errbuf, errcap);
}

size_t llmxray_catalogue_count(void) { return lx_catalogue_count(); }

llmxray_status llmxray_catalogue_entry_at(size_t i, llmxray_catalogue_entry *e)
{
    const lx_catalogue_entry *c = lx_catalogue_at(i);
    if (!c || !e || e->size < sizeof *e) return LLMXRAY_ERR_USAGE;
    *e = (llmxray_catalogue_entry){sizeof *e, c->slug, c->display, c->description};
    return LLMXRAY_OK;
}

llmxray_status llmxray_catalogue_find(const char *name, size_t *i)
{
    const lx_catalogue_entry *c = name ? lx_catalogue_find(name) : NULL;
    for (size_t k = 0; c && k < lx_catalogue_count(); k++)
        if (lx_catalogue_at(k) == c) { *i = k; return LLMXRAY_OK; }
    return LLMXRAY_ERR_USAGE;
}

const char *llmxray_catalogue_suggest(const char *name)
{
    const lx_catalogue_entry *c = name ? lx_catalogue_suggest(name) : NULL;
    return c ? c->slug : NULL;
}

llmxray_status llmxray_catalogue_open(size_t i, llmxray_model **out, char *errbuf, size_t errcap)
{
    lx_err err = {0};
    *out = NULL;
    const lx_catalogue_entry *c = lx_catalogue_at(i);
    if (!c) lx_err_set(&err, LX_ERR_USAGE, "no catalogue entry %zu (there are %zu)", i, lx_catalogue_count());
    llmxray_model *m = c ? calloc(1, sizeof *m) : NULL;
    if (c && !m) lx_err_set(&err, LX_ERR_IO, "out of memory");
    if (!m) return lx_api_fail(&err, errbuf, errcap);
    lx_tensors_init(&m->src.tensors);
    m->src.format = LX_FMT_CATALOGUE;
    snprintf(m->src.path, sizeof m->src.path, "%s", c->slug);
    if (lx_catalogue_load(c->slug, &m->src.hp, &err) != LX_OK) {
        lx_source_free(&m->src);
        free(m);
        return lx_api_fail(&err, errbuf, errcap);
    }
    return build(m, out, &err, errbuf, errcap);
}

static lx_render_opts render_opts(const llmxray_render_opts *o)
{
    lx_render_opts r = lx_render_defaults();
    if (!o || o->size < offsetof(llmxray_render_opts, color)) return r; /* smaller than 0.1's */
    r.theme = o->dark ? LX_THEME_DARK : LX_THEME_LIGHT;
    if (o->scale > 0) r.scale = o->scale;
    if (o->width > 0) r.width = o->width;
    r.ascii = o->ascii != 0;
    r.color = o->size >= sizeof *o && o->color != 0;
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
        return lx_api_fail(&err, errbuf, errcap);
    }
    lx_render_opts r = render_opts(opts);
    if (r.scale < 0.25 || r.scale > 8) {
        lx_err_set(&err, LX_ERR_USAGE, "scale %g is outside 0.25 to 8", r.scale);
        return lx_api_fail(&err, errbuf, errcap);
    }
    lx_buf b;
    lx_buf_init(&b);
    if (lx_pipeline_diagram(&m->arch, f, &r, &b, &err) != LX_OK) {
        lx_buf_free(&b);
        return lx_api_fail(&err, errbuf, errcap);
    }
    char what[64];
    snprintf(what, sizeof what, "rendering %s", f->name);
    return lx_api_hand_over(&b, what, out, len, errbuf, errcap);
}

/* Row r of render/formats as an llmxray_format. */
static llmxray_status format_of(const lx_out_format *r, llmxray_format *f)
{
    if (!r || !f || f->size < offsetof(llmxray_format, from_run)) return LLMXRAY_ERR_USAGE; /* smaller than 0.2's */
    llmxray_format v = {f->size < sizeof v ? f->size : sizeof v, r->name, r->ext, r->binary, r->desc != NULL, r->what,
                        r->products, r->run != NULL};
    memcpy(f, &v, v.size);
    return LLMXRAY_OK;
}

llmxray_status llmxray_format_find(const char *name, int by_path, unsigned for_, llmxray_format *f)
{
    if (!name) return LLMXRAY_ERR_USAGE;
    return format_of(by_path ? lx_formats_from_path(name, for_) : lx_formats_find(name, for_), f);
}

size_t llmxray_format_count(void) { return lx_formats_count(); }

llmxray_status llmxray_format_at(size_t i, llmxray_format *f)
{
    return format_of(i < lx_formats_count() ? lx_formats_at(i) : NULL, f);
}

size_t llmxray_theme_count(void) { return LX_THEME_COUNT; }

const char *llmxray_theme_name(size_t i) { return i < LX_THEME_COUNT ? lx_theme_get((lx_theme_id)i)->name : NULL; }

void llmxray_format_list(unsigned for_, int dotted, char *out, size_t cap)
{
    if (cap) lx_formats_list(for_, dotted != 0, out, cap);
}

llmxray_status llmxray_compare(const char *const *whats, size_t n, const char *format,
                               const llmxray_render_opts *opts, char **out, size_t *len, char *errbuf,
                               size_t errcap)
{
    lx_err err = {0};
    *out = NULL;
    *len = 0;
    const lx_out_format *f = format ? lx_formats_find(format, LX_PRODUCT_COMPARE) : NULL;
    if (!f) {
        char list[160];
        lx_formats_list(LX_PRODUCT_COMPARE, false, list, sizeof list);
        lx_err_set(&err, LX_ERR_USAGE, "unknown format '%s' (expected %s)", format ? format : "(NULL)", list);
    } else if (!whats || n < 2 || n > LX_DIFF_MAX_MODELS) {
        lx_err_set(&err, LX_ERR_USAGE, "%zu models to compare (expected 2 to %d)", n, LX_DIFF_MAX_MODELS);
    }
    if (err.code) return lx_api_fail(&err, errbuf, errcap);
    lx_render_opts r = render_opts(opts);
    lx_compare_opts o = {.format = f, .json = !strcmp(f->name, "json"), .theme = r.theme, .scale = r.scale,
                         .color = r.color};
    lx_buf b;
    lx_buf_init(&b);
    if (lx_compare_models(whats, (int)n, &o, &b, &err) != LX_OK) {
        lx_buf_free(&b);
        return lx_api_fail(&err, errbuf, errcap);
    }
    return lx_api_hand_over(&b, "comparing", out, len, errbuf, errcap);
}

void llmxray_free(void *p) { free(p); }
