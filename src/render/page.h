/* render/page — paper sizes for printing a scene, and how a scene goes onto sheets of one.
 *
 * Stage: render. Input: a finished lx_scene and a paper size (A4, A3, Letter). Output: an
 * lx_page_plan: the orientation (portrait or landscape, whichever needs fewer sheets, then
 * whichever draws larger), the scale (points per scene unit) and the sheets, each a band of
 * the scene. The scale never puts text below LX_PAGE_MIN_TEXT_PT points: the whole scene
 * goes on one sheet when that keeps its smallest text at least that large, else it is
 * split over a grid of sheets at the smallest scale that does, cut where no text is cut
 * when such a line is near (and never through a text when one exists in the sheet's lower
 * half). render/cairo draws the plan; the CLI names the paper (`--page`).
 * Ownership: plain values; lx_page_plan owns nothing.
 */
#ifndef LX_RENDER_PAGE_H
#define LX_RENDER_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/scene.h"

#define LX_PAGE_MIN_TEXT_PT 7.0 /* no text smaller than this on paper */
#define LX_PAGE_MARGIN_PT 24.0  /* blank border of every sheet */
#define LX_PAGE_MAX_SHEETS 64

typedef enum lx_page_id { LX_PAGE_NONE, LX_PAGE_A4, LX_PAGE_A3, LX_PAGE_LETTER, LX_PAGE_COUNT } lx_page_id;

typedef struct lx_page_size {
    const char *name;   /* "a4" */
    double w_pt, h_pt;  /* portrait */
} lx_page_size;

/* The row of id (NULL for LX_PAGE_NONE); the id of a name (LX_PAGE_NONE when unknown). */
const lx_page_size *lx_page_size_of(lx_page_id id);
lx_page_id lx_page_parse(const char *name);
/* "a4, a3, letter" into out. */
void lx_page_names(char *out, size_t cap);

typedef struct lx_page_sheet {
    double x, y, w, h;  /* the band of the scene it shows, in units */
} lx_page_sheet;

typedef struct lx_page_plan {
    double w_pt, h_pt;  /* sheet size as printed (landscape swaps them) */
    bool landscape;
    double scale;       /* points per unit */
    double min_text_pt; /* the smallest text as printed */
    size_t cols, rows, n_sheets;
    lx_page_sheet sheets[LX_PAGE_MAX_SHEETS]; /* row by row */
} lx_page_plan;

/* Plans s onto paper id; false when it needs more than LX_PAGE_MAX_SHEETS sheets. */
bool lx_page_plan_make(const lx_scene *s, lx_page_id id, lx_page_plan *out);

#endif
