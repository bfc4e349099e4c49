/* render/draw — the whole `draw` pipeline behind one call: architecture model ->
 * description -> (layout -> scene -> SVG / PNG / PDF) or terminal text.
 *
 * Stage: render (the driver over layout/describe, layout/arch_layout, layout/check and the
 * back ends). Input: an lx_arch and options. Output: the file's bytes in an lx_buf, which
 * the caller writes where it wants (cli/cmd_draw writes them atomically).
 * Ownership: everything it creates (measure context, scene, description) is freed before
 * it returns; the caller owns the buffer.
 */
#ifndef LX_RENDER_DRAW_H
#define LX_RENDER_DRAW_H

#include <stdbool.h>

#include "model/arch.h"
#include "render/theme.h"
#include "util/buf.h"
#include "util/err.h"

typedef enum lx_draw_format { LX_DRAW_SVG, LX_DRAW_PNG, LX_DRAW_PDF, LX_DRAW_TXT, LX_DRAW_FORMAT_COUNT } lx_draw_format;

typedef struct lx_draw_opts {
    lx_draw_format format;
    lx_theme_id theme;
    double scale;   /* PNG pixels per unit */
    int width;      /* text columns */
    bool ascii;     /* text: 7-bit */
    bool color;     /* text: ANSI colours */
    const struct lx_remote_opts *remote; /* settings for remote names (NULL: defaults) */
} lx_draw_opts;

/* Defaults: SVG, light, scale 1, 100 columns, Unicode, no colour. */
lx_draw_opts lx_draw_defaults(void);

/* "svg" | "png" | "pdf" | "txt" (also "text") -> format; false when unknown. */
bool lx_draw_format_parse(const char *name, lx_draw_format *out);
/* Format from a file name's extension (case-insensitive); false when it has none we know. */
bool lx_draw_format_from_path(const char *path, lx_draw_format *out);
const char *lx_draw_format_name(lx_draw_format f);

lx_status lx_draw_arch(const lx_arch *a, const lx_draw_opts *o, lx_buf *out, lx_err *err);
/* Opens what the user named (file, folder, config, catalogue name), builds its
 * architecture model and draws it: the whole of `llmxray draw` but the writing. */
lx_status lx_draw_model(const char *what, const lx_draw_opts *o, lx_buf *out, lx_err *err);

#endif
