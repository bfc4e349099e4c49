/* layout/measure — text measurement with pango, so that layout sizes every box to its text.
 *
 * Stage: layout (a service for layout/scene). Input: UTF-8 text (already sanitized: valid
 * UTF-8, no control characters) and a font (size in units, bold, italic) in the one family
 * every back end uses, LX_FONT_FAMILY. Output: the text's advance width and its ascent and
 * descent above/below the baseline, in units at scale 1.
 *
 * Measurements are made with metric hinting off and unrounded glyph positions, so they do
 * not depend on the output scale; render/cairo draws with the same options
 * (lx_measure_font_options) and so lands exactly on the measured widths.
 *
 * Ownership: an lx_measure owns its own pango font map, context, layout and a cache of
 * measured strings (no global state of ours; fontconfig's process-wide cache is pango's).
 * Not thread-safe: one lx_measure per thread. Freed by lx_measure_free.
 */
#ifndef LX_LAYOUT_MEASURE_H
#define LX_LAYOUT_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "util/err.h"

#define LX_FONT_FAMILY "DejaVu Sans"
/* What SVG output names, so viewers without DejaVu fall back to a similar sans. */
#define LX_FONT_FAMILY_CSS "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif"

typedef struct lx_font {
    double size; /* em size in units */
    bool bold, italic;
} lx_font;

typedef struct lx_extent {
    double width;   /* advance width */
    double ascent;  /* above the baseline (logical) */
    double descent; /* below the baseline (logical) */
} lx_extent;

typedef struct lx_measure lx_measure;

lx_status lx_measure_new(lx_measure **out, lx_err *err);
void lx_measure_free(lx_measure *m);
lx_extent lx_measure_text(lx_measure *m, lx_font f, const char *utf8);

/* Cuts text (at a character boundary) and appends "…" so that it fits max_width; copies it
 * unchanged when it already fits. out holds at least cap bytes. */
void lx_measure_fit(lx_measure *m, lx_font f, const char *utf8, double max_width, char *out, size_t cap);

/* The font options used for measuring; back ends drawing with pango apply the same. */
void lx_measure_font_options(cairo_font_options_t *fo);

#endif
