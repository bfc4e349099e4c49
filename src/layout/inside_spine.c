/* layout/inside_spine — the architecture diagram's spine on the poster (see inside_int.h).
 *
 * layout/arch_layout lays the whole diagram out in a scratch scene; the spine's elements
 * (cards, arrows, ⊕, residual paths, the dashed layer container, its caption and badge)
 * are copied here by id, so the poster's spine is exactly the diagram's. The poster's
 * pictures are taller than the cards they explain, so the spine is then stretched in the
 * gaps between cards: arrows and residual paths grow, nothing is redrawn. */
#include <stdlib.h>
#include <string.h>

#include "layout/inside_int.h"

static bool is_spine_id(const char *id)
{
    if (!id) return false;
    if (!strncmp(id, "spine.", 6) || !strncmp(id, "blocks.more", 11)) return true;
    return !strncmp(id, "block", 5) && id[5] >= '0' && id[5] <= '9';
}

static int map_index(const int *map, int n, int i)
{
    return i >= 0 && i < n ? map[i] : -1;
}

static void shift_rect(lx_rect *r, double dx, double dy)
{
    r->x += dx;
    r->y += dy;
}

static int copy_line(lx_scene *dst, const lx_el *e, int parent, double dx, double dy)
{
    int n = e->u.line.n;
    lx_pt *p = malloc(sizeof *p * (size_t)n);
    if (!p) return -1;
    for (int k = 0; k < n; k++) p[k] = (lx_pt){e->u.line.pts[k].x + dx, e->u.line.pts[k].y + dy};
    int j = lx_scene_line(dst, e->id, parent, e->ink, e->kind, e->flags, p, n, -1, -1);
    free(p);
    if (j >= 0) dst->els[j].u.line.width = e->u.line.width;
    return j;
}

static int copy_heatmap(lx_scene *dst, const lx_el *e, int parent, lx_rect r)
{
    lx_heatmap_spec h = {e->u.heat.v, e->u.heat.rows, e->u.heat.cols, e->u.heat.vmin, e->u.heat.vmax,
                         e->u.heat.scale, e->kind, NULL, NULL, {10, false, false}};
    return lx_scene_heatmap(dst, e->id, parent, r, &h);
}

/* Adds a copy of e (parent already mapped) and returns its index. */
static int copy_el(lx_scene *dst, const lx_el *e, int parent, double dx, double dy)
{
    lx_rect r = e->r;
    shift_rect(&r, dx, dy);
    double rad = e->u.frame.radius;
    switch (e->type) {
    case LX_EL_BOX: return lx_scene_box(dst, e->id, parent, e->kind, r, rad, e->tip);
    case LX_EL_GROUP: return lx_scene_group(dst, e->id, parent, r, rad);
    case LX_EL_PANEL: return lx_scene_panel(dst, e->id, parent, e->kind, r, rad);
    case LX_EL_BADGE: return lx_scene_badge(dst, e->id, parent, r);
    case LX_EL_SWATCH: return lx_scene_swatch(dst, e->id, parent, e->kind, r, e->alpha, e->flags, e->tip);
    case LX_EL_BAR: return lx_scene_bar(dst, e->id, parent, e->kind, r, e->tip);
    case LX_EL_HEATMAP: return copy_heatmap(dst, e, parent, r);
    case LX_EL_LINE: return copy_line(dst, e, parent, dx, dy);
    case LX_EL_CIRCLE:
        return lx_scene_circle(dst, e->id, parent, e->u.circle.cx + dx, e->u.circle.cy + dy, e->u.circle.rad,
                               e->u.circle.glyph);
    case LX_EL_TEXT:
        return lx_scene_text(dst, e->id, parent, e->u.text.font, e->ink, e->u.text.anchor, e->u.text.x + dx,
                             e->u.text.y + dy, e->u.text.s);
    default: return -1;
    }
}

/* What the adders do not take: flags, fill opacity, kind and ink, the tooltip. */
static void copy_style(lx_scene *dst, int j, const lx_el *e)
{
    lx_el *c = &dst->els[j];
    c->flags = e->flags;
    c->alpha = e->alpha;
    c->kind = e->kind;
    c->ink = e->ink;
    if (e->tip && !c->tip) lx_scene_set_tip(dst, j, e->tip);
}

int lx_ilay_copy_spine(lx_scene *dst, const lx_scene *src, double dx, double dy)
{
    int *map = malloc(sizeof *map * (size_t)(src->n ? src->n : 1));
    if (!map) return -1;
    int first = dst->n;
    for (int i = 0; i < src->n; i++) {
        const lx_el *e = &src->els[i];
        map[i] = -1;
        if (!is_spine_id(e->id)) continue;
        int j = copy_el(dst, e, map_index(map, i, e->parent), dx, dy);
        if (j < 0) break;
        copy_style(dst, j, e);
        map[i] = j;
    }
    for (int i = 0; i < src->n; i++) { /* connector ends, now that every element is placed */
        const lx_el *e = &src->els[i];
        if (map[i] < 0 || e->type != LX_EL_LINE) continue;
        dst->els[map[i]].u.line.from = map_index(map, src->n, e->u.line.from);
        dst->els[map[i]].u.line.to = map_index(map, src->n, e->u.line.to);
    }
    free(map);
    return lx_scene_ok(dst) && dst->n > first ? first : -1;
}

int lx_ilay_find(const lx_scene *s, int first, int last, const char *id)
{
    for (int i = first < 0 ? 0 : first; i < last && i < s->n; i++)
        if (s->els[i].id && !strcmp(s->els[i].id, id)) return i;
    return -1;
}

/* ---- stretching ---- */

static bool cuts(const lx_el *e, double y)
{
    return e->type != LX_EL_LINE && e->type != LX_EL_GROUP && e->r.y < y && lx_rect_bottom(e->r) > y;
}

/* Raises y above whatever it would cut, repeatedly. */
static double clear_cut(const lx_scene *s, int first, int last, double y)
{
    for (int guard = 0; guard < last - first; guard++) {
        bool moved = false;
        for (int i = first; i < last; i++)
            if (cuts(&s->els[i], y)) { y = s->els[i].r.y - 0.5; moved = true; }
        if (!moved) break;
    }
    return y;
}

static void line_bounds(lx_el *e)
{
    const lx_pt *p = e->u.line.pts;
    double x0 = p[0].x, y0 = p[0].y, x1 = x0, y1 = y0;
    for (int k = 1; k < e->u.line.n; k++) {
        if (p[k].x < x0) x0 = p[k].x;
        if (p[k].x > x1) x1 = p[k].x;
        if (p[k].y < y0) y0 = p[k].y;
        if (p[k].y > y1) y1 = p[k].y;
    }
    e->r = (lx_rect){x0, y0, x1 - x0, y1 - y0};
}

static void stretch_el(lx_el *e, double y0, double dy)
{
    if (e->type == LX_EL_LINE) {
        for (int k = 0; k < e->u.line.n; k++)
            if (e->u.line.pts[k].y >= y0) e->u.line.pts[k].y += dy;
        line_bounds(e);
        return;
    }
    if (e->r.y < y0) { /* a container across y0 grows */
        if (lx_rect_bottom(e->r) > y0) e->r.h += dy;
        return;
    }
    e->r.y += dy;
    if (e->type == LX_EL_TEXT) e->u.text.y += dy;
    if (e->type == LX_EL_CIRCLE) e->u.circle.cy += dy;
}

void lx_ilay_stretch(lx_scene *s, int first, int last, double y0, double dy)
{
    if (dy <= 0) return;
    y0 = clear_cut(s, first, last, y0);
    for (int i = first; i < last && i < s->n; i++) stretch_el(&s->els[i], y0, dy);
}

/* A card on the spine (top level or in a layer container), or a ⊕. */
static bool is_node(const lx_scene *s, const lx_el *e)
{
    bool top = e->parent < 0 || s->els[e->parent].type == LX_EL_GROUP;
    return (e->type == LX_EL_BOX && top) || (e->type == LX_EL_CIRCLE && e->u.circle.glyph != LX_GLYPH_DOT);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void lx_ilay_stretch_between(lx_scene *s, int first, int last, double y_from, double y_to, double dy)
{
    if (dy <= 0) return;
    double tops[64];
    int n = 0;
    for (int i = first; i < last && i < s->n && n < 64; i++) {
        const lx_el *e = &s->els[i];
        if (is_node(s, e) && e->r.y > y_from + 1 && e->r.y <= y_to + 0.5) tops[n++] = e->r.y;
    }
    if (n == 0) tops[n++] = y_to;
    qsort(tops, (size_t)n, sizeof *tops, cmp_double);
    for (int k = n - 1; k >= 0; k--) { /* bottom first: the gaps above keep their places */
        double part = dy / n;
        lx_ilay_stretch(s, first, last, tops[k] - 0.5, part);
    }
}
