/* render/cairo — see cairo.h. */
#include "render/cairo.h"

#include <math.h>
#include <stdio.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "layout/gfx_dl.h"
#include "render/render.h"

typedef struct cairo_ctx {
    cairo_t *cr;
    const lx_theme *t;
    PangoLayout *layout;
    PangoFontDescription *desc;
} cairo_ctx;

static void set_rgb(cairo_t *cr, lx_rgb c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

static void rounded_rect(cairo_t *cr, lx_rect r, double rad)
{
    if (rad > r.w / 2) rad = r.w / 2;
    if (rad > r.h / 2) rad = r.h / 2;
    if (rad <= 0) { cairo_rectangle(cr, r.x, r.y, r.w, r.h); return; }
    cairo_new_sub_path(cr);
    cairo_arc(cr, r.x + r.w - rad, r.y + rad, rad, -M_PI / 2, 0);
    cairo_arc(cr, r.x + r.w - rad, r.y + r.h - rad, rad, 0, M_PI / 2);
    cairo_arc(cr, r.x + rad, r.y + r.h - rad, rad, M_PI / 2, M_PI);
    cairo_arc(cr, r.x + rad, r.y + rad, rad, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
}

/* Fills an element's rounded rect and, when width > 0, strokes it (dashed on request). */
static void frame(cairo_ctx *c, const lx_el *e, double width, bool dashed)
{
    rounded_rect(c->cr, e->r, e->u.frame.radius);
    set_rgb(c->cr, lx_render_fill(c->t, e));
    if (width <= 0) { cairo_fill(c->cr); return; }
    cairo_fill_preserve(c->cr);
    set_rgb(c->cr, lx_render_stroke(c->t, e));
    cairo_set_line_width(c->cr, width);
    static const double dash[] = {6, 4};
    cairo_set_dash(c->cr, dash, dashed ? 2 : 0, 0);
    cairo_stroke(c->cr);
    cairo_set_dash(c->cr, NULL, 0, 0);
}

static void draw_box(void *ctx, const lx_scene *s, int i) { frame(ctx, &s->els[i], 1.6, false); }
static void draw_group(void *ctx, const lx_scene *s, int i) { frame(ctx, &s->els[i], 1.4, true); }
static void draw_panel(void *ctx, const lx_scene *s, int i) { frame(ctx, &s->els[i], 1.4, false); }
static void draw_fill(void *ctx, const lx_scene *s, int i) { frame(ctx, &s->els[i], 0, false); }

static void draw_text(void *ctx, const lx_scene *s, int i)
{
    cairo_ctx *c = ctx;
    const lx_el *e = &s->els[i];
    lx_font f = e->u.text.font;
    pango_font_description_set_absolute_size(c->desc, f.size * PANGO_SCALE);
    pango_font_description_set_weight(c->desc, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(c->desc, f.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(c->layout, c->desc);
    pango_layout_set_text(c->layout, e->u.text.s, -1);
    double baseline = pango_layout_get_baseline(c->layout) / (double)PANGO_SCALE;
    set_rgb(c->cr, lx_render_ink(c->t, e));
    cairo_move_to(c->cr, e->r.x, e->u.text.y - baseline);
    pango_cairo_show_layout(c->cr, c->layout);
}

/* Filled arrowhead whose tip is at b, pointing from a to b. */
static void arrowhead(cairo_t *cr, lx_pt a, lx_pt b)
{
    double dx = b.x - a.x, dy = b.y - a.y, len = hypot(dx, dy);
    if (len <= 0) return;
    dx /= len;
    dy /= len;
    double bx = b.x - dx * LX_ARROW_LEN, by = b.y - dy * LX_ARROW_LEN;
    cairo_move_to(cr, b.x, b.y);
    cairo_line_to(cr, bx - dy * LX_ARROW_HALF, by + dx * LX_ARROW_HALF);
    cairo_line_to(cr, bx + dy * LX_ARROW_HALF, by - dx * LX_ARROW_HALF);
    cairo_close_path(cr);
    cairo_fill(cr);
}

static void draw_line(void *ctx, const lx_scene *s, int i)
{
    cairo_ctx *c = ctx;
    const lx_el *e = &s->els[i];
    const lx_pt *p = e->u.line.pts;
    int n = e->u.line.n;
    bool head = (e->flags & LX_F_ARROW) != 0;
    set_rgb(c->cr, lx_render_ink(c->t, e));
    cairo_set_line_width(c->cr, e->u.line.width);
    static const double dash[] = {5, 4};
    cairo_set_dash(c->cr, dash, (e->flags & LX_F_DASHED) ? 2 : 0, 0);
    cairo_move_to(c->cr, p[0].x, p[0].y);
    for (int k = 1; k < n; k++) {
        lx_pt q = p[k];
        if (head && k == n - 1) { /* stop the stroke under the head so the tip stays sharp */
            double dx = q.x - p[k - 1].x, dy = q.y - p[k - 1].y, len = hypot(dx, dy);
            if (len > LX_ARROW_LEN) { q.x -= dx / len * LX_ARROW_LEN * 0.8; q.y -= dy / len * LX_ARROW_LEN * 0.8; }
        }
        cairo_line_to(c->cr, q.x, q.y);
    }
    cairo_stroke(c->cr);
    cairo_set_dash(c->cr, NULL, 0, 0);
    if (head) arrowhead(c->cr, p[n - 2], p[n - 1]);
}

static void draw_circle(void *ctx, const lx_scene *s, int i)
{
    cairo_ctx *c = ctx;
    const lx_el *e = &s->els[i];
    double x = e->u.circle.cx, y = e->u.circle.cy, r = e->u.circle.rad;
    cairo_new_path(c->cr);
    cairo_arc(c->cr, x, y, r, 0, 2 * M_PI);
    set_rgb(c->cr, lx_render_fill(c->t, e));
    if (e->u.circle.glyph == LX_GLYPH_DOT) { cairo_fill(c->cr); return; }
    cairo_fill_preserve(c->cr);
    set_rgb(c->cr, lx_render_stroke(c->t, e));
    cairo_set_line_width(c->cr, 1.6);
    cairo_stroke(c->cr);
    set_rgb(c->cr, c->t->ink[LX_INK_LINE]);
    if (e->u.circle.glyph == LX_GLYPH_PLUS) {
        double g = r * 0.55;
        cairo_set_line_width(c->cr, 1.8);
        cairo_move_to(c->cr, x - g, y);
        cairo_line_to(c->cr, x + g, y);
        cairo_move_to(c->cr, x, y - g);
        cairo_line_to(c->cr, x, y + g);
        cairo_stroke(c->cr);
    } else {
        cairo_arc(c->cr, x, y, r * 0.22, 0, 2 * M_PI);
        cairo_fill(c->cr);
    }
}

static void draw_heatmap(void *ctx, const lx_scene *s, int i)
{
    cairo_ctx *c = ctx;
    const lx_el *e = &s->els[i];
    int rows = e->u.heat.rows, cols = e->u.heat.cols;
    double cw = e->r.w / cols, ch = e->r.h / rows;
    cairo_set_antialias(c->cr, CAIRO_ANTIALIAS_NONE);
    for (int r = 0; r < rows; r++) {
        for (int k = 0; k < cols; k++) {
            float v = e->u.heat.v[(size_t)r * (size_t)cols + (size_t)k];
            set_rgb(c->cr, lx_theme_scale(c->t, e->u.heat.scale, e->kind, v, e->u.heat.vmin, e->u.heat.vmax));
            cairo_rectangle(c->cr, e->r.x + cw * k, e->r.y + ch * r, cw + 0.02, ch + 0.02);
            cairo_fill(c->cr);
        }
    }
    cairo_set_antialias(c->cr, CAIRO_ANTIALIAS_DEFAULT);
}

static const lx_render_ops CAIRO_OPS = {
    .draw = {
        [LX_EL_BOX] = draw_box, [LX_EL_GROUP] = draw_group, [LX_EL_PANEL] = draw_panel,
        [LX_EL_BADGE] = draw_fill, [LX_EL_TEXT] = draw_text, [LX_EL_LINE] = draw_line,
        [LX_EL_CIRCLE] = draw_circle, [LX_EL_SWATCH] = draw_fill, [LX_EL_BAR] = draw_fill,
        [LX_EL_HEATMAP] = draw_heatmap,
    },
};

static cairo_status_t buf_writer(void *closure, const unsigned char *data, unsigned int len)
{
    lx_buf *b = closure;
    lx_buf_put(b, data, len);
    return lx_buf_ok(b) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_NO_MEMORY;
}

/* Draws the scene on cr (already scaled to units). */
static bool draw_scene(cairo_t *cr, const lx_scene *s, const lx_theme *t)
{
    cairo_ctx c = {cr, t, pango_cairo_create_layout(cr), pango_font_description_from_string(LX_FONT_FAMILY)};
    if (!c.layout || !c.desc) return false;
    PangoContext *pc = pango_layout_get_context(c.layout);
    cairo_font_options_t *fo = cairo_font_options_create();
    lx_measure_font_options(fo);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pc, 72.0);
    pango_context_set_round_glyph_positions(pc, FALSE);
    pango_layout_context_changed(c.layout);
    set_rgb(cr, t->background);
    cairo_paint(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    lx_render_walk(s, &CAIRO_OPS, &c);
    pango_font_description_free(c.desc);
    g_object_unref(c.layout);
    return true;
}

static lx_status render_png(const lx_scene *s, const lx_theme *t, double scale, lx_buf *out, lx_err *err)
{
    double w = ceil(s->width * scale), h = ceil(s->height * scale);
    if (w * h > LX_CAIRO_MAX_PIXELS || w > 32767 || h > 32767)
        return lx_err_set(err, LX_ERR_USAGE, "a %.0f x %.0f PNG is too large; use a smaller --scale", w, h);
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
    cairo_t *cr = cairo_create(surf);
    cairo_scale(cr, scale, scale);
    bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS && draw_scene(cr, s, t);
    cairo_destroy(cr);
    ok = ok && cairo_surface_write_to_png_stream(surf, buf_writer, out) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surf);
    return ok ? LX_OK : lx_err_set(err, LX_ERR_IO, "cannot draw the PNG (out of memory?)");
}

static lx_status render_pdf(const lx_scene *s, const lx_theme *t, lx_buf *out, lx_err *err)
{
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(buf_writer, out, ceil(s->width), ceil(s->height));
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "llmxray");
    cairo_t *cr = cairo_create(surf);
    bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS && draw_scene(cr, s, t);
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    ok = ok && cairo_surface_status(surf) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surf);
    return ok ? LX_OK : lx_err_set(err, LX_ERR_IO, "cannot draw the PDF (out of memory?)");
}

/* ---- on paper ---- */

/* "sheet 2 of 6 · row 1, column 2" in the bottom margin, to put printed sheets together. */
static void sheet_mark(cairo_t *cr, const lx_page_plan *p, size_t k)
{
    char text[96];
    snprintf(text, sizeof text, "sheet %zu of %zu · row %zu, column %zu", k + 1, p->n_sheets, k / p->cols + 1,
             k % p->cols + 1);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
    cairo_select_font_face(cr, LX_FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, LX_PAGE_MIN_TEXT_PT);
    cairo_move_to(cr, LX_PAGE_MARGIN_PT, p->h_pt - LX_PAGE_MARGIN_PT / 2 + 2);
    cairo_show_text(cr, text);
    cairo_restore(cr);
}

/* Sheet k of the plan on cr, whose units are points: white paper, the band of the scene
 * inside the margins (centred when it is the only sheet). */
static bool draw_sheet(cairo_t *cr, const lx_scene *s, const lx_theme *t, const lx_page_plan *p, size_t k)
{
    const lx_page_sheet *sh = &p->sheets[k];
    double ox = LX_PAGE_MARGIN_PT, oy = LX_PAGE_MARGIN_PT;
    if (p->n_sheets == 1) {
        ox = (p->w_pt - sh->w * p->scale) / 2;
        oy = (p->h_pt - sh->h * p->scale) / 2;
    }
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_translate(cr, ox, oy);
    cairo_scale(cr, p->scale, p->scale);
    cairo_translate(cr, -sh->x, -sh->y);
    cairo_rectangle(cr, sh->x, sh->y, sh->w, sh->h);
    cairo_clip(cr);
    bool ok = draw_scene(cr, s, t);
    cairo_restore(cr);
    if (p->n_sheets > 1) sheet_mark(cr, p, k);
    return ok;
}

static lx_status sheets_pdf(const lx_scene *s, const lx_theme *t, const lx_page_plan *p, lx_buf *out, lx_err *err)
{
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(buf_writer, out, p->w_pt, p->h_pt);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "llmxray");
    cairo_t *cr = cairo_create(surf);
    bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    for (size_t k = 0; ok && k < p->n_sheets; k++) {
        ok = draw_sheet(cr, s, t, p, k);
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    ok = ok && cairo_surface_status(surf) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surf);
    return ok ? LX_OK : lx_err_set(err, LX_ERR_IO, "cannot draw the PDF (out of memory?)");
}

static lx_status sheet_png(const lx_scene *s, const lx_theme *t, const lx_page_plan *p, size_t k, double px_per_pt,
                           lx_buf *out, lx_err *err)
{
    double w = ceil(p->w_pt * px_per_pt), h = ceil(p->h_pt * px_per_pt);
    if (w * h > LX_CAIRO_MAX_PIXELS || w > 32767 || h > 32767)
        return lx_err_set(err, LX_ERR_USAGE, "a %.0f x %.0f PNG is too large; use a smaller --scale", w, h);
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
    cairo_t *cr = cairo_create(surf);
    cairo_scale(cr, px_per_pt, px_per_pt);
    bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS && draw_sheet(cr, s, t, p, k);
    cairo_destroy(cr);
    ok = ok && cairo_surface_write_to_png_stream(surf, buf_writer, out) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surf);
    return ok ? LX_OK : lx_err_set(err, LX_ERR_IO, "cannot draw the PNG (out of memory?)");
}

lx_status lx_cairo_render_sheets(const lx_scene *s, const lx_theme *t, lx_cairo_format fmt, const lx_page_plan *p,
                                 size_t sheet, double scale, lx_buf *out, lx_err *err)
{
    if (lx_gfx_load(err)) return err->code;
    if (fmt == LX_CAIRO_PDF) return sheets_pdf(s, t, p, out, err);
    if (!(scale >= 0.25 && scale <= 8)) return lx_err_set(err, LX_ERR_USAGE, "--scale must be between 0.25 and 8");
    if (sheet >= p->n_sheets) return lx_err_set(err, LX_ERR_USAGE, "sheet %zu of %zu", sheet + 1, p->n_sheets);
    return sheet_png(s, t, p, sheet, scale * LX_CAIRO_SHEET_DPI / 72.0, out, err);
}

lx_status lx_cairo_render(const lx_scene *s, const lx_theme *t, lx_cairo_format fmt, double scale, lx_buf *out,
                          lx_err *err)
{
    if (lx_gfx_load(err)) return err->code;
    if (fmt == LX_CAIRO_PDF) return render_pdf(s, t, out, err);
    if (!(scale >= 0.25 && scale <= 8)) return lx_err_set(err, LX_ERR_USAGE, "--scale must be between 0.25 and 8");
    return render_png(s, t, scale, out, err);
}
