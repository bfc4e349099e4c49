/* render/html — the interactive page: one self-contained HTML file.
 *
 * Stage: render. Input: a laid-out lx_scene (the diagram, the `inside` poster or the
 * comparison), optionally the lx_arch whose tensors stand behind its boxes and the prompt's
 * pieces (the poster's heatmaps). Output: HTML text holding
 *   - the scene as inline SVG (render/svg, light theme), every element whose colour differs
 *     in the dark theme tagged with a class, and the dark colours listed in the data;
 *   - the page's data as JSON in <script type="application/json"> (render/html_data): the
 *     tensors grouped over repeated layers, which groups stand behind which box, the
 *     foldable frames, the heatmaps' values and labels — every string escaped so that no
 *     text from a model file can close the element (<, >, & and U+2028/9 as \uXXXX);
 *   - our own CSS and JavaScript (render/html_assets), allowed by a Content-Security-Policy
 *     that names their SHA-256 and forbids everything else: no fetch, no other script or
 *     style, no image, font, frame or form.
 * The script gives zoom and pan (wheel, drag, + - 0 and arrow keys, Fit), folding of layer
 * groups and insets, hover tables of tensors, heatmap read-outs, search, light and dark.
 *
 * Ownership: reads its inputs; appends to the caller's buffer.
 */
#ifndef LX_RENDER_HTML_H
#define LX_RENDER_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/scene.h"
#include "model/arch.h"
#include "render/theme.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct lx_html_page {
    const lx_scene *scene;      /* laid out, required */
    const lx_arch *arch;        /* the tensors behind the boxes; NULL: none */
    const lx_arch *arch2;       /* compare: the second model (its boxes' ids start with "b."); NULL none */
    const char *const *tokens;  /* the prompt's pieces (heatmap read-outs), NULL none */
    size_t n_tokens;
    const char *title;          /* the document title, raw (escaped here) */
    const char *kind;           /* "diagram", "poster" or "compare" (the page's data says which) */
} lx_html_page;

/* The page; theme dark starts dark, light follows the reader's colour scheme. */
lx_status lx_html_render(const lx_html_page *p, lx_theme_id theme, lx_buf *out, lx_err *err);

/* ---- the document shell, shared with the gallery's index (render/gallery) ---- */

/* <!DOCTYPE html> through <body>: charset, viewport, the CSP allowing the script and style
 * whose SHA-256 (hex) are given (img_self: also images from the page's own folder), the
 * title and the style sheet. */
void lx_html_begin(lx_buf *b, const char *title, const unsigned char *css, size_t css_len, const char *css_sha256,
                   const char *js_sha256, bool img_self);
/* <script type="application/json" id="ID">json</script>, json made safe inside the element. */
void lx_html_data(lx_buf *b, const char *id, const char *json, size_t len);
/* <script>js</script></body></html> */
void lx_html_end(lx_buf *b, const unsigned char *js, size_t js_len);

#endif
