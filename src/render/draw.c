/* render/draw — see draw.h. */
#include "render/draw.h"

#include <string.h>
#include <strings.h>

#include "layout/arch_layout.h"
#include "layout/describe.h"
#include "render/cairo.h"
#include "render/svg.h"
#include "render/term.h"

static const char *const NAMES[LX_DRAW_FORMAT_COUNT] = {"svg", "png", "pdf", "txt"};

lx_draw_opts lx_draw_defaults(void)
{
    return (lx_draw_opts){.format = LX_DRAW_SVG, .theme = LX_THEME_LIGHT, .scale = 1.0, .width = 100};
}

const char *lx_draw_format_name(lx_draw_format f)
{
    return f < LX_DRAW_FORMAT_COUNT ? NAMES[f] : "?";
}

bool lx_draw_format_parse(const char *name, lx_draw_format *out)
{
    for (int f = 0; f < LX_DRAW_FORMAT_COUNT; f++)
        if (!strcasecmp(name, NAMES[f])) { *out = (lx_draw_format)f; return true; }
    if (!strcasecmp(name, "text")) { *out = LX_DRAW_TXT; return true; }
    return false;
}

bool lx_draw_format_from_path(const char *path, lx_draw_format *out)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash)) return false;
    return lx_draw_format_parse(dot + 1, out);
}

static lx_status draw_scene(const lx_desc *d, const lx_draw_opts *o, lx_buf *out, lx_err *err)
{
    lx_measure *m = NULL;
    if (lx_measure_new(&m, err) != LX_OK) return err->code;
    lx_scene s;
    lx_scene_init(&s, m);
    lx_status st = lx_layout_arch(d, &s, err);
    const lx_theme *t = lx_theme_get(o->theme);
    if (st == LX_OK && o->format == LX_DRAW_SVG) st = lx_svg_render(&s, t, out, err);
    else if (st == LX_OK) st = lx_cairo_render(&s, t, o->format == LX_DRAW_PDF ? LX_CAIRO_PDF : LX_CAIRO_PNG, o->scale, out, err);
    lx_scene_free(&s);
    lx_measure_free(m);
    return st;
}

lx_status lx_draw_arch(const lx_arch *a, const lx_draw_opts *o, lx_buf *out, lx_err *err)
{
    lx_desc *d = lx_desc_build(a, err);
    if (!d) return err->code;
    lx_status st;
    if (o->format == LX_DRAW_TXT) {
        lx_term_opts to = {.width = o->width, .ascii = o->ascii, .color = o->color, .theme = o->theme};
        st = lx_term_render(d, &to, out, err);
    } else {
        st = draw_scene(d, o, out, err);
    }
    lx_desc_free(d);
    return st;
}

lx_status lx_draw_model(const char *what, const lx_draw_opts *o, lx_buf *out, lx_err *err)
{
    lx_source src;
    lx_arch arch;
    if (lx_source_open_with(what, o->remote, &src, err) != LX_OK) return err->code;
    lx_status st = lx_arch_build(&src, &arch, err);
    if (st == LX_OK) {
        st = lx_draw_arch(&arch, o, out, err);
        lx_arch_free(&arch);
    }
    lx_source_free(&src);
    return st;
}
