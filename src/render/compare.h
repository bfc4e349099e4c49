/* render/compare — the whole `compare` pipeline behind one call: what the user named ->
 * sources -> architectures -> model/diff -> a text table, JSON, or the picture
 * (layout/compare_layout -> SVG / PNG / PDF).
 *
 * Stage: render (the compare driver; pipeline/ drives draw and inside). Input: 2..LX_DIFF_MAX_MODELS names (files,
 * folders, configs, catalogue names) and options. Output: the bytes in an lx_buf, which
 * the caller writes where it wants (cli/cmd_compare writes them atomically).
 * The JSON keys are a contract documented in docs/compare.md. Strings from model files are
 * escaped for their destination (lx_buf_put_json / lx_buf_put_term; the picture's text is
 * sanitized by the scene and escaped by the back end).
 * Ownership: everything it opens or builds is freed before it returns.
 */
#ifndef LX_RENDER_COMPARE_H
#define LX_RENDER_COMPARE_H

#include <stdbool.h>

#include "model/diff.h"
#include "render/formats.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct lx_compare_opts {
    const lx_out_format *format; /* a row of render/formats: txt, svg, png or pdf (ignored when json) */
    bool json;
    lx_theme_id theme;
    double scale;          /* PNG pixels per unit */
    bool color;            /* text: ANSI accent on differing rows */
} lx_compare_opts;

/* Text table: a summary line, a header of model names, then one line per applicable row
 * under its section ("* " marks a difference; with color, the line is in the accent). */
void lx_compare_text(const lx_diff *d, bool color, lx_buf *out);
/* JSON (docs/compare.md). names: what the user named each model ("source"); may be NULL. */
void lx_compare_json(const lx_diff *d, const char *const *names, lx_buf *out);
/* The picture in o->format (svg, png or pdf). */
lx_status lx_compare_picture(const lx_diff *d, const lx_compare_opts *o, lx_buf *out, lx_err *err);

/* Opens each named model, compares them, and writes the chosen output. */
lx_status lx_compare_models(const char *const *names, int n, const lx_compare_opts *o, lx_buf *out, lx_err *err);

#endif
