/* render/cairo — the PNG and PDF back ends, drawn with cairo and pangocairo.
 *
 * Stage: render. Input: a finished lx_scene, a theme, and for PNG a scale (pixels per
 * unit, 0.25 to 8). Output: the PNG or PDF file's bytes appended to an lx_buf (the caller
 * writes them atomically). PDF is vector (1 unit = 1 pt) with real, selectable text.
 * Text is drawn with pango using the options layout measured with
 * (lx_measure_font_options), at the positions the scene holds, so it fits as checked.
 * On paper (render/page's plan): PDF pages or one PNG per sheet of the paper's size.
 * Ownership: reads the scene; appends to the caller's buffer.
 */
#ifndef LX_RENDER_CAIRO_H
#define LX_RENDER_CAIRO_H

#include "layout/scene.h"
#include "render/page.h"
#include "render/theme.h"
#include "util/buf.h"
#include "util/err.h"

typedef enum lx_cairo_format { LX_CAIRO_PNG, LX_CAIRO_PDF } lx_cairo_format;

#define LX_CAIRO_MAX_PIXELS (120.0 * 1000 * 1000) /* refuse larger PNGs (memory) */

lx_status lx_cairo_render(const lx_scene *s, const lx_theme *t, lx_cairo_format fmt, double scale, lx_buf *out,
                          lx_err *err);

#define LX_CAIRO_SHEET_DPI 150.0 /* a sheet's PNG at --scale 1 */

/* On paper (render/page): every sheet of the plan as one PDF page each, or sheet `sheet`
 * as a PNG of the paper's size at LX_CAIRO_SHEET_DPI × scale. */
lx_status lx_cairo_render_sheets(const lx_scene *s, const lx_theme *t, lx_cairo_format fmt, const lx_page_plan *p,
                                 size_t sheet, double scale, lx_buf *out, lx_err *err);

#endif
