/* api/inside — the llmxray_inside_* and llmxray_page_* functions of include/llmxray.h: an
 * llmxray_inside is infer/inside's traced run and the path it ran; rendering goes through the
 * pipeline driver (lx_pipeline_poster) and the formats table, papers are render/page's. */
#include "llmxray.h"

#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "infer/inside.h"
#include "pipeline/pipeline.h"
#include "render/page.h"

_Static_assert((int)LLMXRAY_PAGE_MIN_TEXT_PT == (int)LX_PAGE_MIN_TEXT_PT, "llmxray.h's smallest text on paper is render/page's");

struct llmxray_inside {
    lx_inside in;
    char *path;
};

llmxray_status llmxray_inside_run(const char *path, const llmxray_inside_opts *o, llmxray_inside **out, char *errbuf,
                                  size_t errcap)
{
    lx_err err = {0};
    *out = NULL;
    llmxray_inside *r = lx_api_new(path, o ? &o->size : NULL, sizeof *o, "llmxray_inside_opts", sizeof *r, &err);
    if (r && !(r->path = strdup(path))) {
        free(r), r = NULL;
        lx_err_set(&err, LX_ERR_IO, "out of memory running %s", path);
    }
    if (!r) return lx_api_fail(&err, errbuf, errcap);
    lx_inside_opts io = {NULL, 16, 10, 0, 0, 0, NULL, NULL};
    if (o) io = (lx_inside_opts){o->prompt, o->n_new, o->top_k, o->threads, o->max_memory, 0, o->on_layer, o->ctx};
    if (lx_inside_run(path, &io, &r->in, &err) != LX_OK || lx_err_failed(&err)) {
        llmxray_inside_close(r);
        return lx_api_fail(&err, errbuf, errcap);
    }
    *out = r;
    return LLMXRAY_OK;
}

void llmxray_inside_close(llmxray_inside *in)
{
    if (!in) return;
    lx_inside_free(&in->in);
    free(in->path);
    free(in);
}

size_t llmxray_page_count(void) { return LX_PAGE_COUNT - 1; }

const char *llmxray_page_name(size_t i)
{
    const lx_page_size *p = i + 1 < LX_PAGE_COUNT ? lx_page_size_of((lx_page_id)(i + 1)) : NULL;
    return p ? p->name : NULL;
}

/* opts as render options; LX_ERR_USAGE for a paper or scale llmxray does not know. */
static lx_status poster_opts(const llmxray_poster_opts *o, lx_render_opts *r, lx_err *err)
{
    *r = lx_render_defaults();
    if (!o) return LX_OK;
    if (o->size < sizeof *o)
        return lx_err_set(err, LX_ERR_USAGE, "llmxray_poster_opts.size is %zu (expected %zu)", o->size, sizeof *o);
    r->theme = o->dark ? LX_THEME_DARK : LX_THEME_LIGHT;
    if (o->scale) r->scale = o->scale;
    if (!(r->scale >= 0.25 && r->scale <= 8)) return lx_err_set(err, LX_ERR_USAGE, "scale %g is outside 0.25 to 8", r->scale);
    if (o->page && (r->page = lx_page_parse(o->page)) == LX_PAGE_NONE) {
        char names[64];
        lx_page_names(names, sizeof names);
        return lx_err_set(err, LX_ERR_USAGE, "unknown paper '%s' (expected %s)", o->page, names);
    }
    r->sheet = o->sheet;
    return LX_OK;
}

llmxray_status llmxray_inside_render(const llmxray_inside *in, const char *format, const llmxray_poster_opts *opts,
                                     char **out, size_t *len, size_t *n_sheets, char *errbuf, size_t errcap)
{
    lx_err err = {0};
    *out = NULL;
    *len = 0;
    size_t sheets = 1;
    lx_render_opts r;
    const lx_out_format *f = format ? lx_formats_find(format, LX_PRODUCT_POSTER) : NULL;
    if (!f) {
        char list[160];
        lx_formats_list(LX_PRODUCT_POSTER, false, list, sizeof list);
        lx_err_set(&err, LX_ERR_USAGE, "unknown poster format '%s' (expected %s)", format ? format : "(NULL)", list);
    } else if (poster_opts(opts, &r, &err) == LX_OK) {
        r.n_sheets = &sheets;
    }
    if (err.code) return lx_api_fail(&err, errbuf, errcap);
    lx_buf b;
    lx_buf_init(&b);
    if (lx_pipeline_poster(&in->in, in->path, f, &r, &b, &err) != LX_OK) {
        lx_buf_free(&b);
        return lx_api_fail(&err, errbuf, errcap);
    }
    if (n_sheets) *n_sheets = sheets;
    return lx_api_hand_over(&b, "drawing the poster", out, len, errbuf, errcap);
}
