/* render/term — the terminal diagram.
 *
 * Stage: render. Input: an lx_desc (layout/describe: the same content the SVG shows) and
 * options. Output: text appended to an lx_buf: the title, the spine drawn with Unicode box
 * drawing (each distinct layer kind once in a dashed frame with "× N", residual paths and
 * ⊕), then the insets, the layer pattern and the parameter table as aligned text.
 *
 * Every line fits `width` columns (default 100; at least LX_TERM_MIN_WIDTH). `ascii` keeps
 * the output 7-bit (box drawing, arrows and symbols transliterated: "→" becomes "->").
 * `color` adds ANSI colours (xterm-256, one per component kind, from render/theme) and
 * bold; the caller turns it off for NO_COLOR or when stdout is not a terminal. Strings from
 * the model go through lx_buf_put_term first, so no escape sequence from a file reaches the
 * terminal. Deterministic: same input, same bytes.
 * Ownership: reads the description; appends to the caller's buffer.
 */
#ifndef LX_RENDER_TERM_H
#define LX_RENDER_TERM_H

#include <stdbool.h>

#include "layout/describe.h"
#include "render/theme.h"
#include "util/buf.h"
#include "util/err.h"

#define LX_TERM_MIN_WIDTH 60
#define LX_TERM_MAX_WIDTH 1000

typedef struct lx_term_opts {
    int width;       /* columns */
    bool ascii;      /* 7-bit output */
    bool color;      /* ANSI colours */
    lx_theme_id theme;
} lx_term_opts;

lx_status lx_term_render(const lx_desc *d, const lx_term_opts *o, lx_buf *out, lx_err *err);

#endif
