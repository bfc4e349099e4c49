/* render/theme — the colours of a diagram: one colour family per component kind, the same
 * in every diagram, in a light and a dark variant.
 *
 * Stage: render (shared by render/svg, render/cairo and render/term). Input: a scene's
 * kinds and ink roles (layout/scene). Output: sRGB colours.
 * Ownership: static tables only; lx_theme_get returns a pointer to constant data.
 */
#ifndef LX_RENDER_THEME_H
#define LX_RENDER_THEME_H

#include <stdbool.h>
#include <stdint.h>

#include "layout/scene.h"

typedef enum lx_theme_id { LX_THEME_LIGHT, LX_THEME_DARK, LX_THEME_COUNT } lx_theme_id;

typedef uint32_t lx_rgb; /* 0xRRGGBB */

typedef struct lx_kind_colors {
    lx_rgb fill;   /* light tint: box background */
    lx_rgb stroke; /* border, title text, leader lines */
    lx_rgb strong; /* saturated fill: badges, head squares, bars, legend keys */
} lx_kind_colors;

typedef struct lx_theme {
    const char *name;              /* "light" | "dark" */
    lx_rgb background;
    lx_rgb panel;                  /* inset panel background */
    lx_rgb group;                  /* dashed container background */
    lx_rgb group_stroke;
    lx_rgb badge;                  /* "× N" badge fill */
    lx_rgb circle_fill;
    lx_rgb ink[LX_INK_COUNT];
    lx_kind_colors kind[LX_KIND_COUNT];
    uint8_t term_kind[LX_KIND_COUNT]; /* xterm-256 colour index for the terminal diagram */
} lx_theme;

const lx_theme *lx_theme_get(lx_theme_id id);
/* "light" / "dark" -> id; false when unknown. */
bool lx_theme_parse(const char *name, lx_theme_id *out);

/* Colour of an ink role for an element of kind k (LX_INK_KIND resolves to the kind's stroke). */
lx_rgb lx_theme_ink(const lx_theme *t, lx_ink ink, lx_kind k);
/* a*(1-t) + b*t per channel, t in [0,1]. */
lx_rgb lx_rgb_mix(lx_rgb a, lx_rgb b, double t);
/* Heatmap colour of value v in [vmin, vmax] for a scale in kind k. */
lx_rgb lx_theme_scale(const lx_theme *t, lx_scale scale, lx_kind k, float v, float vmin, float vmax);
/* Writes "#RRGGBB" into out (8 bytes). */
void lx_rgb_hex(lx_rgb c, char out[8]);

#endif
