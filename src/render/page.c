/* render/page — see page.h. */
#include "render/page.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const lx_page_size SIZES[LX_PAGE_COUNT] = {
    [LX_PAGE_A4] = {"a4", 595.276, 841.89},
    [LX_PAGE_A3] = {"a3", 841.89, 1190.551},
    [LX_PAGE_LETTER] = {"letter", 612, 792},
};

const lx_page_size *lx_page_size_of(lx_page_id id)
{
    return id > LX_PAGE_NONE && id < LX_PAGE_COUNT ? &SIZES[id] : NULL;
}

lx_page_id lx_page_parse(const char *name)
{
    for (int i = LX_PAGE_NONE + 1; name && i < LX_PAGE_COUNT; i++)
        if (!strcmp(SIZES[i].name, name)) return (lx_page_id)i;
    return LX_PAGE_NONE;
}

void lx_page_names(char *out, size_t cap)
{
    snprintf(out, cap, "%s, %s, %s", SIZES[LX_PAGE_A4].name, SIZES[LX_PAGE_A3].name, SIZES[LX_PAGE_LETTER].name);
}

/* The smallest font size of the scene's texts (units); 0 without text. */
static double smallest_text(const lx_scene *s)
{
    double m = 0;
    for (int i = 0; i < s->n; i++)
        if (s->els[i].type == LX_EL_TEXT && (m == 0 || s->els[i].u.text.font.size < m)) m = s->els[i].u.text.font.size;
    return m;
}

/* Does the line at v (y when horizontal, else x) cut a text? */
static bool cuts_text(const lx_scene *s, double v, bool horizontal)
{
    for (int i = 0; i < s->n; i++) {
        const lx_el *e = &s->els[i];
        if (e->type != LX_EL_TEXT) continue;
        double a = horizontal ? e->r.y : e->r.x, b = a + (horizontal ? e->r.h : e->r.w);
        if (a - 1 < v && v < b + 1) return true;
    }
    return false;
}

/* Where the band starting at from ends: at from + span, or a little above it where no text
 * is cut (searched back over the band's lower half). */
static double band_end(const lx_scene *s, double from, double span, double total, bool horizontal)
{
    if (from + span >= total) return total;
    for (double v = from + span; v > from + span / 2; v -= 1)
        if (!cuts_text(s, v, horizontal)) return v;
    return from + span;
}

/* Band edges along one axis into edges[0..n]; returns n (0 when more than max). */
static size_t bands(const lx_scene *s, double total, double span, bool horizontal, double *edges, size_t max)
{
    size_t n = 0;
    edges[0] = 0;
    while (edges[n] < total) {
        if (n == max) return 0;
        edges[n + 1] = band_end(s, edges[n], span, total, horizontal);
        n++;
    }
    return n;
}

/* The plan at one orientation: one sheet when the fit keeps text legible, else bands at the
 * legible scale. False when too many sheets. */
static bool plan_at(const lx_scene *s, double w_pt, double h_pt, double min_font, lx_page_plan *p)
{
    double pw = w_pt - 2 * LX_PAGE_MARGIN_PT, ph = h_pt - 2 * LX_PAGE_MARGIN_PT;
    double fit = fmin(pw / s->width, ph / s->height), legible = min_font > 0 ? LX_PAGE_MIN_TEXT_PT / min_font : 0;
    *p = (lx_page_plan){.w_pt = w_pt, .h_pt = h_pt, .landscape = w_pt > h_pt};
    p->scale = fit >= legible ? fit : legible;
    double xs[LX_PAGE_MAX_SHEETS + 1], ys[LX_PAGE_MAX_SHEETS + 1];
    p->cols = bands(s, s->width, pw / p->scale, false, xs, LX_PAGE_MAX_SHEETS);
    p->rows = bands(s, s->height, ph / p->scale, true, ys, LX_PAGE_MAX_SHEETS);
    if (!p->cols || !p->rows || p->cols * p->rows > LX_PAGE_MAX_SHEETS) return false;
    p->n_sheets = p->cols * p->rows;
    for (size_t r = 0; r < p->rows; r++)
        for (size_t c = 0; c < p->cols; c++)
            p->sheets[r * p->cols + c] = (lx_page_sheet){xs[c], ys[r], xs[c + 1] - xs[c], ys[r + 1] - ys[r]};
    p->min_text_pt = min_font * p->scale;
    return true;
}

bool lx_page_plan_make(const lx_scene *s, lx_page_id id, lx_page_plan *out)
{
    const lx_page_size *sz = lx_page_size_of(id);
    if (!sz || !(s->width > 0) || !(s->height > 0)) return false;
    double min_font = smallest_text(s);
    lx_page_plan a, b;
    bool ok_a = plan_at(s, sz->w_pt, sz->h_pt, min_font, &a), ok_b = plan_at(s, sz->h_pt, sz->w_pt, min_font, &b);
    if (!ok_a && !ok_b) return false;
    bool pick_b = !ok_a || (ok_b && (b.n_sheets < a.n_sheets || (b.n_sheets == a.n_sheets && b.scale > a.scale)));
    *out = pick_b ? b : a;
    return true;
}
