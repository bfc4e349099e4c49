/* render/formats — the one table of output formats.
 *
 * Stage: render. Every output llmxray writes is a row here: its name (for -f), its file
 * extension (for -o), a one-line description (for --help and the man page), the products
 * it can draw (the architecture diagram, the `inside` poster, a comparison, a gallery) and
 * its back end. A back end consumes one of three things:
 *   scene  — a laid-out lx_scene (layout/scene): SVG, PNG, PDF, the scene as JSON;
 *   desc   — a description without geometry (layout/describe): terminal text, Mermaid, DOT;
 *   run    — a traced run of `inside` as data (infer/inside): the run's numbers as JSON;
 *   page   — a laid-out scene with the model behind it (render/html): the interactive page.
 * The pipeline driver (pipeline/) looks a format up here once and calls the back end the
 * row names; no command keeps its own list of extensions. Adding a format is one row.
 *
 * Ownership: the rows are static and immutable.
 */
#ifndef LX_RENDER_FORMATS_H
#define LX_RENDER_FORMATS_H

#include <stdbool.h>
#include <stddef.h>

#include "infer/inside.h"
#include "layout/describe.h"
#include "layout/scene.h"
#include "render/page.h"
#include "render/html.h"
#include "render/theme.h"
#include "util/buf.h"
#include "util/err.h"

/* What a format can draw (bits of lx_out_format.products). compare draws a picture through
 * a row's scene back end, and writes its own table (txt) and JSON (render/compare); gallery
 * sets its bits when it draws through this table. */
enum {
    LX_PRODUCT_DIAGRAM = 1u << 0, /* `draw`: the architecture diagram */
    LX_PRODUCT_POSTER = 1u << 1,  /* `inside`: one forward pass beside the spine */
    LX_PRODUCT_COMPARE = 1u << 2, /* `compare`: two architectures side by side */
    LX_PRODUCT_GALLERY = 1u << 3  /* `gallery`: thumbnails of many models */
};

/* Options every back end may read (each reads only those that concern it). */
typedef struct lx_render_opts {
    lx_theme_id theme; /* scene back ends, terminal colours */
    double scale;      /* PNG pixels per unit (0.25 to 8) */
    int width;         /* text columns */
    bool ascii;        /* text: 7-bit */
    bool color;        /* text: ANSI colours */
    lx_page_id page;   /* PNG, PDF: paper to print on (render/page), LX_PAGE_NONE for the scene's own size */
    size_t sheet;      /* PNG on paper: which sheet */
    size_t *n_sheets;  /* PNG, PDF on paper: receives how many sheets the plan has (may be NULL) */
} lx_render_opts;

/* Defaults: light, scale 1, 100 columns, Unicode, no colour. */
lx_render_opts lx_render_defaults(void);

typedef lx_status (*lx_scene_writer)(const lx_scene *s, const lx_render_opts *o, lx_buf *out, lx_err *err);
typedef lx_status (*lx_desc_writer)(const lx_desc *d, const lx_render_opts *o, lx_buf *out, lx_err *err);
typedef lx_status (*lx_run_writer)(const lx_inside *in, const char *path, lx_buf *out, lx_err *err);
typedef lx_status (*lx_page_writer)(const lx_html_page *p, const lx_render_opts *o, lx_buf *out, lx_err *err);

typedef struct lx_out_format {
    const char *name;    /* for -f: "svg" */
    const char *alias;   /* another -f name ("text", "mmd", "gv"), NULL none */
    const char *ext;     /* for -o, without the dot: "svg" */
    const char *what;    /* one line for --help and the man page */
    unsigned products;   /* LX_PRODUCT_* */
    bool binary;         /* never written to a terminal */
    lx_scene_writer scene; /* at most one of scene and desc is set */
    lx_desc_writer desc;
    lx_run_writer run;   /* the poster's data form (replaces the scene for `inside`) */
    lx_page_writer page; /* the interactive page (the scene plus its model; set instead of scene) */
} lx_out_format;

size_t lx_formats_count(void);
const lx_out_format *lx_formats_at(size_t i);
/* By -f name or alias (case-insensitive); NULL when unknown or not for product. */
const lx_out_format *lx_formats_find(const char *name, unsigned product);
/* By the extension of path (case-insensitive); NULL when it has none of product's. */
const lx_out_format *lx_formats_from_path(const char *path, unsigned product);
/* "svg, png, pdf or txt" (names) or ".svg, .png, .pdf or .json" (dotted extensions): the
 * formats of product, for messages and help. */
void lx_formats_list(unsigned product, bool dotted, char *out, size_t cap);

#endif
