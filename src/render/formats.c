/* render/formats — see formats.h. This file: the table and the adapters that give every
 * back end the same signature. */
#include "render/formats.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "render/cairo.h"
#include "render/flow.h"
#include "render/run_json.h"
#include "render/scene_json.h"
#include "render/svg.h"
#include "render/term.h"

lx_render_opts lx_render_defaults(void)
{
    return (lx_render_opts){.theme = LX_THEME_LIGHT, .scale = 1.0, .width = 100};
}

static lx_status svg(const lx_scene *s, const lx_render_opts *o, lx_buf *out, lx_err *err)
{
    return lx_svg_render(s, lx_theme_get(o->theme), out, err);
}

/* PNG or PDF: at the scene's size, or on the paper o->page names. */
static lx_status cairo_out(const lx_scene *s, const lx_render_opts *o, lx_cairo_format fmt, lx_buf *out, lx_err *err)
{
    if (o->page == LX_PAGE_NONE) return lx_cairo_render(s, lx_theme_get(o->theme), fmt, o->scale, out, err);
    lx_page_plan plan;
    if (!lx_page_plan_make(s, o->page, &plan))
        return lx_err_set(err, LX_ERR_USAGE, "the picture needs more than %d %s sheets with text of %.0f pt or more",
                          LX_PAGE_MAX_SHEETS, lx_page_size_of(o->page)->name, LX_PAGE_MIN_TEXT_PT);
    if (o->n_sheets) *o->n_sheets = plan.n_sheets;
    return lx_cairo_render_sheets(s, lx_theme_get(o->theme), fmt, &plan, o->sheet, o->scale, out, err);
}

static lx_status png(const lx_scene *s, const lx_render_opts *o, lx_buf *out, lx_err *err)
{
    return cairo_out(s, o, LX_CAIRO_PNG, out, err);
}

static lx_status pdf(const lx_scene *s, const lx_render_opts *o, lx_buf *out, lx_err *err)
{
    return cairo_out(s, o, LX_CAIRO_PDF, out, err);
}

static lx_status json(const lx_scene *s, const lx_render_opts *o, lx_buf *out, lx_err *err)
{
    (void)o;
    return lx_scene_json(s, out, err);
}

static lx_status txt(const lx_desc *d, const lx_render_opts *o, lx_buf *out, lx_err *err)
{
    lx_term_opts to = {.width = o->width, .ascii = o->ascii, .color = o->color, .theme = o->theme};
    return lx_term_render(d, &to, out, err);
}

static lx_status mermaid(const lx_desc *d, const lx_render_opts *o, lx_buf *out, lx_err *err)
{
    (void)o;
    return lx_flow_render(d, LX_FLOW_MERMAID, out, err);
}

static lx_status dot(const lx_desc *d, const lx_render_opts *o, lx_buf *out, lx_err *err)
{
    (void)o;
    return lx_flow_render(d, LX_FLOW_DOT, out, err);
}

static lx_status html(const lx_html_page *p, const lx_render_opts *o, lx_buf *out, lx_err *err)
{
    return lx_html_render(p, o->theme, out, err);
}

enum { DIAGRAM = LX_PRODUCT_DIAGRAM, POSTER = LX_PRODUCT_POSTER, COMPARE = LX_PRODUCT_COMPARE, GALLERY = LX_PRODUCT_GALLERY };

static const lx_out_format FORMATS[] = {
    {"svg", NULL, "svg", "SVG vector picture, with a tooltip on every box", DIAGRAM | POSTER | COMPARE | GALLERY, false, svg, NULL, NULL, NULL},
    {"png", NULL, "png", "PNG picture (--scale sets pixels per unit)", DIAGRAM | POSTER | COMPARE, true, png, NULL, NULL, NULL},
    {"pdf", NULL, "pdf", "PDF, vector with selectable text", DIAGRAM | POSTER | COMPARE, true, pdf, NULL, NULL, NULL},
    {"txt", "text", "txt", "the diagram as text (--width, --ascii); compare: the table", DIAGRAM | COMPARE, false, NULL, txt, NULL, NULL},
    {"json", NULL, "json", "draw: the laid-out scene (docs/scene-json.md); inside: the run's numbers; compare: "
     "the differences (docs/compare.md)", DIAGRAM | POSTER | COMPARE, false, json, NULL, lx_run_json, NULL},
    {"mermaid", "mmd", "mmd", "Mermaid flowchart (renders in GitHub Markdown)", DIAGRAM, false, NULL, mermaid, NULL, NULL},
    {"dot", "gv", "dot", "Graphviz DOT graph (dot -Tsvg)", DIAGRAM, false, NULL, dot, NULL, NULL},
    {"html", "htm", "html", "interactive page, one self-contained file: zoom, fold, hover for tensors, search",
     DIAGRAM | POSTER | COMPARE | GALLERY, false, NULL, NULL, NULL, html},
};

#define N_FORMATS (sizeof FORMATS / sizeof FORMATS[0])

size_t lx_formats_count(void) { return N_FORMATS; }

const lx_out_format *lx_formats_at(size_t i) { return i < N_FORMATS ? &FORMATS[i] : NULL; }

const lx_out_format *lx_formats_find(const char *name, unsigned product)
{
    for (size_t i = 0; i < N_FORMATS; i++) {
        const lx_out_format *f = &FORMATS[i];
        if (!(f->products & product)) continue;
        if (!strcasecmp(name, f->name) || (f->alias && !strcasecmp(name, f->alias))) return f;
    }
    return NULL;
}

const lx_out_format *lx_formats_from_path(const char *path, unsigned product)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash)) return NULL;
    for (size_t i = 0; i < N_FORMATS; i++)
        if ((FORMATS[i].products & product) && !strcasecmp(dot + 1, FORMATS[i].ext)) return &FORMATS[i];
    return NULL;
}

void lx_formats_list(unsigned product, bool dotted, char *out, size_t cap)
{
    size_t n = 0, k = 0, len = 0;
    for (size_t i = 0; i < N_FORMATS; i++) n += (FORMATS[i].products & product) != 0;
    if (cap) out[0] = '\0';
    for (size_t i = 0; i < N_FORMATS && len < cap; i++) {
        const lx_out_format *f = &FORMATS[i];
        if (!(f->products & product)) continue;
        const char *sep = k == 0 ? "" : k + 1 == n ? " or " : ", ";
        int w = snprintf(out + len, cap - len, "%s%s%s", sep, dotted ? "." : "", dotted ? f->ext : f->name);
        if (w < 0) break;
        len += (size_t)w;
        k++;
    }
}
