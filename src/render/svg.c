/* render/svg — see svg.h. */
#include "render/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/render.h"

typedef struct svg_ctx {
    lx_buf *b;
    const lx_theme *t;
    int opened; /* element whose <g> was just opened (it carries the id and tooltip), -1 none */
} svg_ctx;

/* Numbers: at most two decimals, no trailing zeros, no "-0". */
static void num(lx_buf *b, double v) { lx_buf_put_coord(b, v); }

static void attr_num(lx_buf *b, const char *name, double v)
{
    lx_buf_printf(b, " %s=\"", name);
    num(b, v);
    lx_buf_putc(b, '"');
}

static void attr_color(lx_buf *b, const char *name, lx_rgb c)
{
    char hex[8];
    lx_rgb_hex(c, hex);
    lx_buf_printf(b, " %s=\"%s\"", name, hex);
}

static void attr_id(lx_buf *b, const lx_el *e)
{
    lx_buf_puts(b, " id=\"");
    lx_buf_put_xml(b, e->id);
    lx_buf_putc(b, '"');
}

static void title(lx_buf *b, const char *tip)
{
    if (!tip) return;
    lx_buf_puts(b, "<title>");
    lx_buf_put_xml(b, tip);
    lx_buf_puts(b, "</title>");
}

/* ---- document ---- */

/* One arrowhead marker per colour an arrow may have: the arrow ink and each kind colour. */
static void marker(lx_buf *b, lx_rgb c)
{
    char hex[8];
    lx_rgb_hex(c, hex);
    lx_buf_printf(b, "<marker id=\"arrow-%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\""
                     " markerWidth=\"%g\" markerHeight=\"%g\" orient=\"auto-start-reverse\">"
                     "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>\n",
                  hex + 1, LX_ARROW_LEN, 2 * LX_ARROW_HALF, hex);
}

static void svg_begin(svg_ctx *c, const lx_scene *s)
{
    lx_buf *b = c->b;
    lx_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"");
    attr_num(b, "width", ceil(s->width));
    attr_num(b, "height", ceil(s->height));
    lx_buf_puts(b, " viewBox=\"0 0 ");
    num(b, ceil(s->width));
    lx_buf_putc(b, ' ');
    num(b, ceil(s->height));
    lx_buf_printf(b, "\" font-family=\"%s\">\n<defs>\n", LX_FONT_FAMILY_CSS);
    marker(b, c->t->ink[LX_INK_LINE]);
    marker(b, c->t->ink[LX_INK_RULE]);
    for (int k = 0; k < LX_KIND_COUNT; k++) marker(b, c->t->kind[k].stroke);
    lx_buf_puts(b, "</defs>\n<rect id=\"background\" width=\"100%\" height=\"100%\"");
    attr_color(b, "fill", c->t->background);
    lx_buf_puts(b, "/>\n");
}

/* ---- elements ---- */

static void rect_attrs(svg_ctx *c, const lx_el *e, double radius)
{
    attr_num(c->b, "x", e->r.x);
    attr_num(c->b, "y", e->r.y);
    attr_num(c->b, "width", e->r.w);
    attr_num(c->b, "height", e->r.h);
    if (radius > 0) attr_num(c->b, "rx", radius);
    attr_color(c->b, "fill", lx_render_fill(c->t, e));
}

/* A rect, with the element's id and tooltip unless an enclosing <g> already has them. */
static void rect_el(svg_ctx *c, const lx_el *e, bool grouped, const char *stroke_extra)
{
    lx_buf *b = c->b;
    lx_buf_puts(b, "<rect");
    if (!grouped) attr_id(b, e);
    rect_attrs(c, e, e->u.frame.radius);
    if (stroke_extra) {
        attr_color(b, "stroke", lx_render_stroke(c->t, e));
        lx_buf_puts(b, stroke_extra);
    }
    if (!grouped && e->tip) {
        lx_buf_putc(b, '>');
        title(b, e->tip);
        lx_buf_puts(b, "</rect>\n");
    } else {
        lx_buf_puts(b, "/>\n");
    }
}

static bool grouped(void *ctx, int i)
{
    return ((svg_ctx *)ctx)->opened == i;
}

static void draw_box(void *ctx, const lx_scene *s, int i)
{
    rect_el(ctx, &s->els[i], grouped(ctx, i), " stroke-width=\"1.6\"");
}

static void draw_group(void *ctx, const lx_scene *s, int i)
{
    rect_el(ctx, &s->els[i], grouped(ctx, i), " stroke-width=\"1.4\" stroke-dasharray=\"6 4\"");
}

static void draw_panel(void *ctx, const lx_scene *s, int i)
{
    rect_el(ctx, &s->els[i], grouped(ctx, i), " stroke-width=\"1.4\"");
}

static void draw_fill(void *ctx, const lx_scene *s, int i)
{
    rect_el(ctx, &s->els[i], grouped(ctx, i), NULL);
}

static void draw_text(void *ctx, const lx_scene *s, int i)
{
    svg_ctx *c = ctx;
    const lx_el *e = &s->els[i];
    static const char *const anchors[] = {"start", "middle", "end"};
    lx_buf_puts(c->b, "<text");
    attr_id(c->b, e);
    attr_num(c->b, "x", e->u.text.x);
    attr_num(c->b, "y", e->u.text.y);
    attr_num(c->b, "font-size", e->u.text.font.size);
    if (e->u.text.font.bold) lx_buf_puts(c->b, " font-weight=\"bold\"");
    if (e->u.text.font.italic) lx_buf_puts(c->b, " font-style=\"italic\"");
    if (e->u.text.anchor != LX_ANCHOR_START) lx_buf_printf(c->b, " text-anchor=\"%s\"", anchors[e->u.text.anchor]);
    attr_color(c->b, "fill", lx_render_ink(c->t, e));
    lx_buf_putc(c->b, '>');
    lx_buf_put_xml(c->b, e->u.text.s);
    lx_buf_puts(c->b, "</text>\n");
}

static void draw_line(void *ctx, const lx_scene *s, int i)
{
    svg_ctx *c = ctx;
    const lx_el *e = &s->els[i];
    lx_buf_puts(c->b, "<path");
    attr_id(c->b, e);
    lx_buf_puts(c->b, " d=\"");
    for (int k = 0; k < e->u.line.n; k++) {
        lx_buf_putc(c->b, k ? 'L' : 'M');
        num(c->b, e->u.line.pts[k].x);
        lx_buf_putc(c->b, ',');
        num(c->b, e->u.line.pts[k].y);
    }
    lx_buf_puts(c->b, "\" fill=\"none\"");
    lx_rgb col = lx_render_ink(c->t, e);
    attr_color(c->b, "stroke", col);
    attr_num(c->b, "stroke-width", e->u.line.width);
    if (e->flags & LX_F_DASHED) lx_buf_puts(c->b, " stroke-dasharray=\"5 4\"");
    if (e->flags & LX_F_ARROW) {
        char hex[8];
        lx_rgb_hex(col, hex);
        lx_buf_printf(c->b, " marker-end=\"url(#arrow-%s)\"", hex + 1);
    }
    lx_buf_puts(c->b, "/>\n");
}

static void glyph(svg_ctx *c, const lx_el *e)
{
    double x = e->u.circle.cx, y = e->u.circle.cy, r = e->u.circle.rad * 0.55;
    lx_buf *b = c->b;
    if (e->u.circle.glyph == LX_GLYPH_PLUS) {
        lx_buf_puts(b, "<path d=\"M");
        num(b, x - r); lx_buf_putc(b, ','); num(b, y);
        lx_buf_puts(b, "H"); num(b, x + r);
        lx_buf_puts(b, "M"); num(b, x); lx_buf_putc(b, ','); num(b, y - r);
        lx_buf_puts(b, "V"); num(b, y + r);
        lx_buf_puts(b, "\" fill=\"none\"");
        attr_color(b, "stroke", c->t->ink[LX_INK_LINE]);
        lx_buf_puts(b, " stroke-width=\"1.8\"/>\n");
    } else if (e->u.circle.glyph == LX_GLYPH_ODOT) {
        lx_buf_puts(b, "<circle");
        attr_num(b, "cx", x);
        attr_num(b, "cy", y);
        attr_num(b, "r", e->u.circle.rad * 0.22);
        attr_color(b, "fill", c->t->ink[LX_INK_LINE]);
        lx_buf_puts(b, "/>\n");
    }
}

static void draw_circle(void *ctx, const lx_scene *s, int i)
{
    svg_ctx *c = ctx;
    const lx_el *e = &s->els[i];
    lx_buf *b = c->b;
    bool wrap = e->u.circle.glyph != LX_GLYPH_DOT;
    if (wrap) { lx_buf_puts(b, "<g"); attr_id(b, e); lx_buf_puts(b, ">"); title(b, e->tip); lx_buf_puts(b, "<circle"); }
    else { lx_buf_puts(b, "<circle"); attr_id(b, e); }
    attr_num(b, "cx", e->u.circle.cx);
    attr_num(b, "cy", e->u.circle.cy);
    attr_num(b, "r", e->u.circle.rad);
    attr_color(b, "fill", lx_render_fill(c->t, e));
    if (wrap) {
        attr_color(b, "stroke", lx_render_stroke(c->t, e));
        lx_buf_puts(b, " stroke-width=\"1.6\"/>\n");
        glyph(c, e);
        lx_buf_puts(b, "</g>\n");
    } else {
        lx_buf_puts(b, "/>\n");
    }
}

static void draw_heatmap(void *ctx, const lx_scene *s, int i)
{
    svg_ctx *c = ctx;
    const lx_el *e = &s->els[i];
    int rows = e->u.heat.rows, cols = e->u.heat.cols;
    double cw = e->r.w / cols, ch = e->r.h / rows;
    lx_buf_puts(c->b, "<g");
    attr_id(c->b, e);
    lx_buf_puts(c->b, " shape-rendering=\"crispEdges\">");
    title(c->b, e->tip);
    lx_buf_putc(c->b, '\n');
    for (int r = 0; r < rows; r++) {
        for (int k = 0; k < cols; k++) {
            float v = e->u.heat.v[(size_t)r * (size_t)cols + (size_t)k];
            lx_rgb col = lx_theme_scale(c->t, e->u.heat.scale, e->kind, v, e->u.heat.vmin, e->u.heat.vmax);
            lx_buf_puts(c->b, "<rect");
            attr_num(c->b, "x", e->r.x + cw * k);
            attr_num(c->b, "y", e->r.y + ch * r);
            attr_num(c->b, "width", cw);
            attr_num(c->b, "height", ch);
            attr_color(c->b, "fill", col);
            lx_buf_puts(c->b, "/>\n");
        }
    }
    lx_buf_puts(c->b, "</g>\n");
}

static void svg_open(void *ctx, const lx_scene *s, int i)
{
    svg_ctx *c = ctx;
    c->opened = i;
    lx_buf_puts(c->b, "<g");
    attr_id(c->b, &s->els[i]);
    lx_buf_putc(c->b, '>');
    title(c->b, s->els[i].tip);
    lx_buf_putc(c->b, '\n');
}

static void svg_close(void *ctx, const lx_scene *s, int i)
{
    (void)s;
    (void)i;
    lx_buf_puts(((svg_ctx *)ctx)->b, "</g>\n");
}

static const lx_render_ops SVG_OPS = {
    .draw = {
        [LX_EL_BOX] = draw_box, [LX_EL_GROUP] = draw_group, [LX_EL_PANEL] = draw_panel,
        [LX_EL_BADGE] = draw_fill, [LX_EL_TEXT] = draw_text, [LX_EL_LINE] = draw_line,
        [LX_EL_CIRCLE] = draw_circle, [LX_EL_SWATCH] = draw_fill, [LX_EL_BAR] = draw_fill,
        [LX_EL_HEATMAP] = draw_heatmap,
    },
    .open = svg_open,
    .close = svg_close,
};

lx_status lx_svg_render(const lx_scene *s, const lx_theme *t, lx_buf *out, lx_err *err)
{
    svg_ctx c = {out, t, -1};
    svg_begin(&c, s);
    lx_render_walk(s, &SVG_OPS, &c);
    lx_buf_puts(out, "</svg>\n");
    if (!lx_buf_ok(out)) return lx_err_set(err, LX_ERR_IO, "out of memory while writing SVG");
    return LX_OK;
}
