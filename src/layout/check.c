/* layout/check — see check.h. Pairwise tests are O(n²) over a few hundred elements. */
#include "layout/check.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#define EPS 0.75       /* geometric tolerance, units */
#define BOX_PAD_X 6.0  /* text padding inside a box */
#define SMALL_PAD 1.0  /* inside badges and swatches */

typedef struct checker {
    const lx_scene *s;
    lx_buf *out;
    int n;
} checker;

static void violation(checker *c, const char *fmt, const char *a, const char *b)
{
    lx_buf_printf(c->out, fmt, a ? a : "?", b ? b : "?");
    lx_buf_putc(c->out, '\n');
    c->n++;
}

static bool is_solid(lx_el_type t)
{
    return t == LX_EL_BOX || t == LX_EL_GROUP || t == LX_EL_PANEL || t == LX_EL_BADGE || t == LX_EL_CIRCLE ||
           t == LX_EL_SWATCH || t == LX_EL_BAR || t == LX_EL_HEATMAP;
}

static bool is_ancestor(const lx_scene *s, int anc, int i)
{
    for (int p = s->els[i].parent, guard = 0; p >= 0 && guard < s->n; p = s->els[p].parent, guard++)
        if (p == anc) return true;
    return false;
}

static bool related(const lx_scene *s, int i, int j)
{
    return is_ancestor(s, i, j) || is_ancestor(s, j, i);
}

static double overlap_area(lx_rect a, lx_rect b)
{
    double w = fmin(lx_rect_right(a), lx_rect_right(b)) - fmax(a.x, b.x);
    double h = fmin(lx_rect_bottom(a), lx_rect_bottom(b)) - fmax(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0;
}

static lx_rect shrink(lx_rect r, double dx, double dy)
{
    return (lx_rect){r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy};
}

static bool inside(lx_rect in, lx_rect out)
{
    return in.x >= out.x - EPS && in.y >= out.y - EPS && lx_rect_right(in) <= lx_rect_right(out) + EPS &&
           lx_rect_bottom(in) <= lx_rect_bottom(out) + EPS;
}

/* ---- ids and canvas ---- */

static void check_ids(checker *c)
{
    const lx_scene *s = c->s;
    for (int i = 0; i < s->n; i++) {
        if (!s->els[i].id || !s->els[i].id[0]) { violation(c, "id: element without an id%s%s", "", ""); continue; }
        for (int j = i + 1; j < s->n; j++)
            if (s->els[j].id && strcmp(s->els[i].id, s->els[j].id) == 0) violation(c, "id: %s used twice%s", s->els[i].id, "");
    }
}

static void check_canvas(checker *c)
{
    const lx_scene *s = c->s;
    lx_rect canvas = {0, 0, s->width, s->height};
    for (int i = 0; i < s->n; i++)
        if (!inside(s->els[i].r, canvas)) violation(c, "canvas: %s leaves the canvas%s", s->els[i].id, "");
}

/* ---- solids ---- */

static void check_overlaps(checker *c)
{
    const lx_scene *s = c->s;
    for (int i = 0; i < s->n; i++) {
        if (!is_solid(s->els[i].type)) continue;
        for (int j = i + 1; j < s->n; j++) {
            if (!is_solid(s->els[j].type) || related(s, i, j)) continue;
            if (overlap_area(s->els[i].r, s->els[j].r) > 0.5)
                violation(c, "overlap: %s and %s overlap", s->els[i].id, s->els[j].id);
        }
    }
}

static void check_containment(checker *c)
{
    const lx_scene *s = c->s;
    for (int i = 0; i < s->n; i++) {
        const lx_el *e = &s->els[i];
        if (!is_solid(e->type) || e->type == LX_EL_BADGE || e->parent < 0) continue;
        if (!inside(e->r, s->els[e->parent].r)) violation(c, "containment: %s sticks out of %s", e->id, s->els[e->parent].id);
    }
}

/* ---- text ---- */

static void check_text_fit(checker *c, int i)
{
    const lx_scene *s = c->s;
    const lx_el *t = &s->els[i];
    if (t->parent < 0) return;
    const lx_el *p = &s->els[t->parent];
    lx_rect room = p->r;
    if (p->type == LX_EL_BOX) room = shrink(p->r, BOX_PAD_X - EPS, 1);
    else if (p->type == LX_EL_BADGE || p->type == LX_EL_SWATCH) room = shrink(p->r, SMALL_PAD, 0);
    else if (p->type == LX_EL_PANEL) room = shrink(p->r, 8, 4);
    if (!inside(t->r, room)) violation(c, "fit: text %s does not fit inside %s", t->id, p->id);
}

static void check_texts(checker *c)
{
    const lx_scene *s = c->s;
    for (int i = 0; i < s->n; i++) {
        if (s->els[i].type != LX_EL_TEXT) continue;
        check_text_fit(c, i);
        lx_rect ti = shrink(s->els[i].r, 0.5, 1.5); /* logical extents include line gap */
        for (int j = 0; j < s->n; j++) {
            const lx_el *e = &s->els[j];
            if (j == i || is_ancestor(s, j, i)) continue;
            if (e->type == LX_EL_TEXT && j > i && overlap_area(ti, shrink(e->r, 0.5, 1.5)) > 0.5)
                violation(c, "fit: texts %s and %s overlap", s->els[i].id, e->id);
            else if (is_solid(e->type) && e->type != LX_EL_GROUP && overlap_area(ti, e->r) > 0.5)
                violation(c, "fit: text %s overlaps %s", s->els[i].id, e->id);
        }
    }
}

/* ---- lines ---- */

static bool on_edge(const lx_el *e, lx_pt p)
{
    if (e->type == LX_EL_CIRCLE) {
        double d = hypot(p.x - e->u.circle.cx, p.y - e->u.circle.cy);
        return d <= e->u.circle.rad + 1.0;
    }
    lx_rect r = e->r;
    bool in_outer = p.x >= r.x - 1 && p.x <= lx_rect_right(r) + 1 && p.y >= r.y - 1 && p.y <= lx_rect_bottom(r) + 1;
    bool in_inner = p.x > r.x + 1 && p.x < lx_rect_right(r) - 1 && p.y > r.y + 1 && p.y < lx_rect_bottom(r) - 1;
    return in_outer && !in_inner;
}

static void check_ends(checker *c, const lx_el *l)
{
    const lx_scene *s = c->s;
    int from = l->u.line.from, to = l->u.line.to;
    if (from < 0 || to < 0 || from >= s->n || to >= s->n) {
        violation(c, "arrow: %s does not name both of its ends%s", l->id, "");
        return;
    }
    if (!on_edge(&s->els[from], l->u.line.pts[0])) violation(c, "arrow: %s does not start on the edge of %s", l->id, s->els[from].id);
    if (!on_edge(&s->els[to], l->u.line.pts[l->u.line.n - 1]))
        violation(c, "arrow: %s does not end on the edge of %s", l->id, s->els[to].id);
}

/* Liang–Barsky: does segment a-b pass through the interior of r? */
static bool segment_hits(lx_pt a, lx_pt b, lx_rect r)
{
    if (r.w <= 0 || r.h <= 0) return false;
    double t0 = 0, t1 = 1, dx = b.x - a.x, dy = b.y - a.y;
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {a.x - r.x, lx_rect_right(r) - a.x, a.y - r.y, lx_rect_bottom(r) - a.y};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) { if (q[i] <= 0) return false; continue; }
        double t = q[i] / p[i];
        if (p[i] < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
        else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    return t1 - t0 > 1e-9;
}

static bool line_exempt(const lx_scene *s, int li, int j)
{
    const lx_el *l = &s->els[li], *e = &s->els[j];
    if (e->type == LX_EL_GROUP || e->type == LX_EL_LINE) return true;
    if (is_ancestor(s, j, li)) return true;
    int ends[2] = {l->u.line.from, l->u.line.to};
    for (int k = 0; k < 2; k++) {
        if (ends[k] < 0) continue;
        if (j == ends[k] || is_ancestor(s, j, ends[k])) return true;
    }
    return false;
}

static void check_crossings(checker *c, int li)
{
    const lx_scene *s = c->s;
    const lx_el *l = &s->els[li];
    for (int j = 0; j < s->n; j++) {
        const lx_el *e = &s->els[j];
        if (!(is_solid(e->type) || e->type == LX_EL_TEXT) || line_exempt(s, li, j)) continue;
        lx_rect r = e->type == LX_EL_TEXT ? shrink(e->r, 0.5, 2) : shrink(e->r, 1.5, 1.5);
        for (int k = 0; k + 1 < l->u.line.n; k++) {
            if (!segment_hits(l->u.line.pts[k], l->u.line.pts[k + 1], r)) continue;
            violation(c, "crossing: line %s passes through %s", l->id, e->id);
            break;
        }
    }
}

static void check_lines(checker *c)
{
    for (int i = 0; i < c->s->n; i++) {
        const lx_el *l = &c->s->els[i];
        if (l->type != LX_EL_LINE) continue;
        if (l->flags & LX_F_CONNECT) check_ends(c, l);
        check_crossings(c, i);
    }
}

int lx_check_scene(const lx_scene *s, lx_buf *out)
{
    checker c = {s, out, 0};
    check_ids(&c);
    check_canvas(&c);
    check_overlaps(&c);
    check_containment(&c);
    check_texts(&c);
    check_lines(&c);
    return c.n;
}
