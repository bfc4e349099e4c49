/* pipeline — see pipeline.h. */
#include "pipeline/pipeline.h"

#include "layout/arch_layout.h"
#include "layout/describe.h"
#include "layout/inside_layout.h"
#include "open/source.h"
#include "render/svg.h"

/* A laid-out scene drawn by a scene back end, or by the page back end with the model
 * behind it (page: the page's other fields; its scene is set here); layout_fn fills the
 * scene. */
typedef lx_status (*layout_fn)(const void *what, lx_scene *s, lx_err *err);

static lx_status draw_scene(layout_fn lay, const void *what, lx_html_page *page, const lx_out_format *f,
                            const lx_render_opts *o, lx_buf *out, lx_err *err)
{
    lx_measure *m = NULL;
    if (lx_measure_new(&m, err) != LX_OK) return err->code;
    lx_scene s;
    lx_scene_init(&s, m);
    lx_status st = lay(what, &s, err);
    if (st == LX_OK && f->page) {
        page->scene = &s;
        st = f->page(page, o, out, err);
    } else if (st == LX_OK) {
        st = f->scene(&s, o, out, err);
    }
    lx_scene_free(&s);
    lx_measure_free(m);
    return st;
}

static lx_status lay_arch(const void *d, lx_scene *s, lx_err *err)
{
    return lx_layout_arch(d, s, err);
}

lx_status lx_pipeline_diagram(const lx_arch *a, const lx_out_format *f, const lx_render_opts *o, lx_buf *out,
                              lx_err *err)
{
    if (!(f->products & LX_PRODUCT_DIAGRAM)) return lx_err_set(err, LX_ERR_USAGE, "%s cannot draw a diagram", f->name);
    lx_desc *d = lx_desc_build(a, err);
    if (!d) return err->code;
    lx_html_page page = {.arch = a, .title = d->name, .kind = "diagram"};
    lx_status st = f->desc ? f->desc(d, o, out, err) : draw_scene(lay_arch, d, &page, f, o, out, err);
    lx_desc_free(d);
    return st;
}

lx_status lx_pipeline_gallery_pages(const lx_arch *a, lx_measure *m, const lx_render_opts *o, lx_buf *svg,
                                    lx_buf *html, lx_err *err)
{
    lx_desc *d = lx_desc_build(a, err);
    if (!d) return err->code;
    lx_scene s;
    lx_scene_init(&s, m);
    lx_status st = lx_layout_arch(d, &s, err);
    if (st == LX_OK) st = lx_svg_render(&s, lx_theme_get(o->theme), svg, err);
    lx_html_page page = {.scene = &s, .arch = a, .title = d->name, .kind = "diagram"};
    if (st == LX_OK) st = lx_html_render(&page, o->theme, html, err);
    lx_scene_free(&s);
    lx_desc_free(d);
    return st;
}

/* Source and architecture of what, handed to fn; both freed after. */

lx_status lx_pipeline_with_arch(const char *what, const struct lx_remote_opts *remote, lx_pipeline_arch_fn fn,
                                void *ctx, lx_err *err)
{
    lx_source src;
    lx_arch arch;
    if (lx_source_open_with(what, remote, &src, err) != LX_OK) return err->code;
    lx_status st = lx_arch_build(&src, &arch, err);
    if (st == LX_OK) {
        st = fn(&arch, ctx, err);
        lx_arch_free(&arch);
    }
    lx_source_free(&src);
    return st;
}

typedef struct draw_job {
    const lx_out_format *f;
    const lx_render_opts *o;
    lx_buf *out;
} draw_job;

static lx_status draw_arch(const lx_arch *a, void *ctx, lx_err *err)
{
    draw_job *j = ctx;
    return lx_pipeline_diagram(a, j->f, j->o, j->out, err);
}

lx_status lx_pipeline_draw(const char *what, const struct lx_remote_opts *remote, const lx_out_format *f,
                           const lx_render_opts *o, lx_buf *out, lx_err *err)
{
    draw_job j = {f, o, out};
    return lx_pipeline_with_arch(what, remote, draw_arch, &j, err);
}

/* ---- the poster ---- */

typedef struct poster_job {
    const lx_inside *in;
    const char *path;
    const lx_out_format *f;
    const lx_render_opts *o;
    lx_buf *out;
    lx_scene *s;   /* lay out into this scene (lx_pipeline_poster_scene), else draw */
    const lx_desc *d;
    char name[256];
} poster_job;

static lx_status lay_poster(const void *job, lx_scene *s, lx_err *err)
{
    const poster_job *j = job;
    return lx_layout_inside(j->in, j->d, j->name, s, err);
}

static lx_status poster_arch(const lx_arch *a, void *ctx, lx_err *err)
{
    poster_job *j = ctx;
    lx_desc *d = lx_desc_build(a, err);
    if (!d) return err->code;
    j->d = d;
    lx_layout_inside_name(d, j->in, j->path, j->name, sizeof j->name);
    lx_html_page page = {.arch = a, .title = j->name, .kind = "poster",
                         .tokens = (const char *const *)j->in->trace.pieces, .n_tokens = j->in->trace.n_tok};
    lx_status st = j->s ? lay_poster(j, j->s, err) : draw_scene(lay_poster, j, &page, j->f, j->o, j->out, err);
    lx_desc_free(d);
    return st;
}

/* The poster's spine is the architecture the run read (infer/inside opens the file once). */
static lx_status run_arch(poster_job *j, lx_err *err)
{
    if (!j->in->arch_built) return lx_err_set(err, LX_ERR_USAGE, "%s: the run holds no architecture", j->path);
    return poster_arch(j->in->arch, j, err);
}

lx_status lx_pipeline_poster(const lx_inside *in, const char *path, const lx_out_format *f, const lx_render_opts *o,
                             lx_buf *out, lx_err *err)
{
    if (!(f->products & LX_PRODUCT_POSTER)) return lx_err_set(err, LX_ERR_USAGE, "%s cannot draw a poster", f->name);
    if (f->run) return f->run(in, path, out, err);
    poster_job j = {.in = in, .path = path, .f = f, .o = o, .out = out};
    return run_arch(&j, err);
}

lx_status lx_pipeline_poster_scene(const lx_inside *in, const char *path, lx_scene *s, lx_err *err)
{
    poster_job j = {.in = in, .path = path, .s = s};
    return run_arch(&j, err);
}
