/* render/render — what every scene back end shares: one table of drawing functions per
 * back end (a vtable indexed by element type) and the walk that calls it.
 *
 * Stage: render. Input: a finished lx_scene and a theme. Output: whatever the back end
 * writes (render/svg: SVG text; render/cairo: PNG or PDF bytes).
 * The walk visits the scene as a tree (each element, then its descendants, siblings in
 * insertion order) and tells the back end when an element's descendants begin and end, so
 * nesting formats (SVG) can group them; an element added to a group late still lands in it.
 * Ownership: reads the scene; the back-end context is the caller's.
 */
#ifndef LX_RENDER_RENDER_H
#define LX_RENDER_RENDER_H

#include <stdbool.h>

#include "layout/scene.h"
#include "render/theme.h"

typedef struct lx_render_ops {
    void (*draw[LX_EL_TYPE_COUNT])(void *ctx, const lx_scene *s, int i);
    void (*open)(void *ctx, const lx_scene *s, int i);  /* before element i when it has descendants; may be NULL */
    void (*close)(void *ctx, const lx_scene *s, int i); /* after its last descendant; may be NULL */
} lx_render_ops;

void lx_render_walk(const lx_scene *s, const lx_render_ops *ops, void *ctx);

/* Fill colour of a swatch/bar/box drawn at opacity alpha over the background, precomputed
 * so that output needs no transparency. */
lx_rgb lx_render_fill(const lx_theme *t, const lx_el *e);
/* Stroke colour of a frame element (box, panel, group). */
lx_rgb lx_render_stroke(const lx_theme *t, const lx_el *e);
/* Colour of a line or text. */
lx_rgb lx_render_ink(const lx_theme *t, const lx_el *e);

/* Arrowhead geometry shared by back ends: length and half-width, units. */
#define LX_ARROW_LEN 8.0
#define LX_ARROW_HALF 4.0

#endif
