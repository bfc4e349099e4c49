/* layout/scene — see scene.h. Elements live in one growing array; strings and point lists
 * in an arena of chunks so that the scene is freed by one call. */
#include "layout/scene.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* ---- arena ---- */

typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t used, cap;
    max_align_t data[];
} arena_chunk;

struct lx_arena {
    arena_chunk *head;
};

static void *arena_alloc(lx_scene *s, size_t n)
{
    if (s->oom) return NULL;
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    arena_chunk *c = s->arena ? s->arena->head : NULL;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        arena_chunk *nc = malloc(sizeof *nc + cap);
        if (!nc) { s->oom = true; return NULL; }
        nc->next = c;
        nc->used = 0;
        nc->cap = cap;
        s->arena->head = nc;
        c = nc;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

static const char *arena_strdup(lx_scene *s, const char *str)
{
    if (!str) return NULL;
    size_t n = strlen(str) + 1;
    char *p = arena_alloc(s, n);
    if (p) memcpy(p, str, n);
    return p;
}

/* Copies text made safe for display: controls and invalid bytes shown as escapes. */
static const char *arena_sanitized(lx_scene *s, const char *str)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_put_term(&b, str ? str : "");
    if (!lx_buf_ok(&b)) s->oom = true;
    const char *p = arena_strdup(s, lx_buf_cstr(&b));
    lx_buf_free(&b);
    return p;
}

/* ---- scene ---- */

void lx_scene_init(lx_scene *s, lx_measure *m)
{
    memset(s, 0, sizeof *s);
    s->measure = m;
    s->arena = calloc(1, sizeof *s->arena);
    if (!s->arena) s->oom = true;
}

void lx_scene_free(lx_scene *s)
{
    if (s->arena) {
        for (arena_chunk *c = s->arena->head; c;) {
            arena_chunk *next = c->next;
            free(c);
            c = next;
        }
        free(s->arena);
    }
    free(s->els);
    memset(s, 0, sizeof *s);
}

/* Appends an element of the given type and common fields; NULL when the scene failed. */
static lx_el *scene_add(lx_scene *s, lx_el_type type, const char *id, int parent, lx_kind kind, lx_rect r)
{
    if (s->oom) return NULL;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 256;
        lx_el *p = realloc(s->els, (size_t)cap * sizeof *p);
        if (!p) { s->oom = true; return NULL; }
        s->els = p;
        s->cap = cap;
    }
    lx_el *e = &s->els[s->n];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->id = arena_strdup(s, id);
    e->parent = parent;
    e->kind = kind;
    e->r = r;
    e->alpha = 1.0;
    if (s->oom) return NULL;
    s->n++;
    return e;
}

static int scene_frame(lx_scene *s, lx_el_type type, const char *id, int parent, lx_kind kind, lx_rect r,
                       double radius)
{
    lx_el *e = scene_add(s, type, id, parent, kind, r);
    if (!e) return -1;
    e->u.frame.radius = radius;
    return s->n - 1;
}

int lx_scene_box(lx_scene *s, const char *id, int parent, lx_kind kind, lx_rect r, double radius,
                 const char *tip)
{
    int i = scene_frame(s, LX_EL_BOX, id, parent, kind, r, radius);
    if (i >= 0 && tip) lx_scene_set_tip(s, i, tip);
    return s->oom ? -1 : i;
}

int lx_scene_group(lx_scene *s, const char *id, int parent, lx_rect r, double radius)
{
    int i = scene_frame(s, LX_EL_GROUP, id, parent, LX_KIND_NEUTRAL, r, radius);
    if (i >= 0) s->els[i].flags |= LX_F_DASHED;
    return i;
}

int lx_scene_panel(lx_scene *s, const char *id, int parent, lx_kind kind, lx_rect r, double radius)
{
    return scene_frame(s, LX_EL_PANEL, id, parent, kind, r, radius);
}

int lx_scene_badge(lx_scene *s, const char *id, int parent, lx_rect r)
{
    return scene_frame(s, LX_EL_BADGE, id, parent, LX_KIND_NEUTRAL, r, r.h / 2);
}

void lx_scene_set_tip(lx_scene *s, int i, const char *tip)
{
    if (i < 0 || i >= s->n) return;
    s->els[i].tip = arena_sanitized(s, tip);
}

double lx_scene_text_width(lx_scene *s, lx_font font, const char *text)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_put_term(&b, text ? text : "");
    double w = lx_measure_text(s->measure, font, lx_buf_cstr(&b)).width;
    lx_buf_free(&b);
    return w;
}

int lx_scene_text(lx_scene *s, const char *id, int parent, lx_font font, lx_ink ink, lx_anchor anchor,
                  double x, double y, const char *text)
{
    const char *safe = arena_sanitized(s, text);
    if (!safe) return -1;
    lx_extent e = lx_measure_text(s->measure, font, safe);
    double x0 = anchor == LX_ANCHOR_START ? x : anchor == LX_ANCHOR_MIDDLE ? x - e.width / 2 : x - e.width;
    lx_rect r = {x0, y - e.ascent, e.width, e.ascent + e.descent};
    lx_kind kind = parent >= 0 && parent < s->n ? s->els[parent].kind : LX_KIND_NEUTRAL; /* for LX_INK_KIND */
    lx_el *el = scene_add(s, LX_EL_TEXT, id, parent, kind, r);
    if (!el) return -1;
    el->ink = ink;
    el->flags = (font.bold ? LX_F_BOLD : 0u) | (font.italic ? LX_F_ITALIC : 0u);
    el->u.text.s = safe;
    el->u.text.font = font;
    el->u.text.anchor = anchor;
    el->u.text.x = x;
    el->u.text.y = y;
    return s->n - 1;
}

static lx_rect points_bounds(const lx_pt *p, int n)
{
    double x0 = p[0].x, y0 = p[0].y, x1 = x0, y1 = y0;
    for (int i = 1; i < n; i++) {
        if (p[i].x < x0) x0 = p[i].x;
        if (p[i].x > x1) x1 = p[i].x;
        if (p[i].y < y0) y0 = p[i].y;
        if (p[i].y > y1) y1 = p[i].y;
    }
    return (lx_rect){x0, y0, x1 - x0, y1 - y0};
}

int lx_scene_line(lx_scene *s, const char *id, int parent, lx_ink ink, lx_kind kind, unsigned flags,
                  const lx_pt *pts, int n, int from, int to)
{
    if (n < 2 || s->oom) return -1;
    lx_pt *copy = arena_alloc(s, (size_t)n * sizeof *copy);
    if (!copy) return -1;
    memcpy(copy, pts, (size_t)n * sizeof *copy);
    lx_el *e = scene_add(s, LX_EL_LINE, id, parent, kind, points_bounds(pts, n));
    if (!e) return -1;
    e->ink = ink;
    e->flags = flags;
    e->u.line.pts = copy;
    e->u.line.n = n;
    e->u.line.from = from;
    e->u.line.to = to;
    e->u.line.width = 1.6;
    return s->n - 1;
}

int lx_scene_circle(lx_scene *s, const char *id, int parent, double cx, double cy, double rad, lx_glyph g)
{
    lx_rect r = {cx - rad, cy - rad, 2 * rad, 2 * rad};
    lx_el *e = scene_add(s, LX_EL_CIRCLE, id, parent, LX_KIND_NEUTRAL, r);
    if (!e) return -1;
    e->ink = LX_INK_LINE;
    e->u.circle.cx = cx;
    e->u.circle.cy = cy;
    e->u.circle.rad = rad;
    e->u.circle.glyph = g;
    return s->n - 1;
}

int lx_scene_swatch(lx_scene *s, const char *id, int parent, lx_kind kind, lx_rect r, double alpha,
                    unsigned flags, const char *tip)
{
    int i = scene_frame(s, LX_EL_SWATCH, id, parent, kind, r, r.w < 12 ? 1.5 : 3);
    if (i < 0) return -1;
    s->els[i].alpha = alpha;
    s->els[i].flags = flags;
    if (tip) lx_scene_set_tip(s, i, tip);
    return s->oom ? -1 : i;
}

int lx_scene_bar(lx_scene *s, const char *id, int parent, lx_kind kind, lx_rect r, const char *tip)
{
    int i = scene_frame(s, LX_EL_BAR, id, parent, kind, r, 0);
    if (i >= 0 && tip) lx_scene_set_tip(s, i, tip);
    return s->oom ? -1 : i;
}

static void heatmap_labels(lx_scene *s, const char *id, int parent, lx_rect r, const lx_heatmap_spec *h)
{
    char lid[160];
    double ch = r.h / h->rows, cw = r.w / h->cols;
    double asc = h->label_font.size * 0.35;
    for (int i = 0; h->row_labels && i < h->rows; i++) {
        snprintf(lid, sizeof lid, "%s.row%d", id, i);
        lx_scene_text(s, lid, parent, h->label_font, LX_INK_MUTED, LX_ANCHOR_END, r.x - 6,
                      r.y + ch * (i + 0.5) + asc, h->row_labels[i]);
    }
    for (int j = 0; h->col_labels && j < h->cols; j++) {
        snprintf(lid, sizeof lid, "%s.col%d", id, j);
        lx_scene_text(s, lid, parent, h->label_font, LX_INK_MUTED, LX_ANCHOR_MIDDLE, r.x + cw * (j + 0.5),
                      r.y - 6, h->col_labels[j]);
    }
}

int lx_scene_heatmap(lx_scene *s, const char *id, int parent, lx_rect r, const lx_heatmap_spec *h)
{
    if (h->rows <= 0 || h->cols <= 0 || (size_t)h->rows > SIZE_MAX / sizeof(float) / (size_t)h->cols)
        return -1;
    size_t n = (size_t)h->rows * (size_t)h->cols;
    float *v = arena_alloc(s, n * sizeof *v);
    if (!v) return -1;
    memcpy(v, h->values, n * sizeof *v);
    lx_el *e = scene_add(s, LX_EL_HEATMAP, id, parent, h->kind, r);
    if (!e) return -1;
    int idx = s->n - 1;
    e->u.heat.v = v;
    e->u.heat.rows = h->rows;
    e->u.heat.cols = h->cols;
    e->u.heat.vmin = h->vmin;
    e->u.heat.vmax = h->vmax;
    e->u.heat.scale = h->scale;
    heatmap_labels(s, id, parent, r, h);
    return s->oom ? -1 : idx;
}

void lx_scene_translate(lx_scene *s, int first, int last, double dx, double dy)
{
    for (int i = first < 0 ? 0 : first; i < last && i < s->n; i++) {
        lx_el *e = &s->els[i];
        e->r.x += dx;
        e->r.y += dy;
        if (e->type == LX_EL_TEXT) { e->u.text.x += dx; e->u.text.y += dy; }
        if (e->type == LX_EL_CIRCLE) { e->u.circle.cx += dx; e->u.circle.cy += dy; }
        for (int k = 0; e->type == LX_EL_LINE && k < e->u.line.n; k++) {
            e->u.line.pts[k].x += dx;
            e->u.line.pts[k].y += dy;
        }
    }
}

/* Copies one element of src (its strings and arrays into dst's arena) under a new id and
 * parent; false when dst has failed. */
static bool import_el(lx_scene *dst, const lx_el *e, const char *id, int parent)
{
    lx_el *n = scene_add(dst, e->type, id, parent, e->kind, e->r);
    if (!n) return false;
    const char *keep_id = n->id;
    *n = *e;
    n->id = keep_id;
    n->parent = parent;
    n->tip = e->tip ? arena_strdup(dst, e->tip) : NULL;
    if (e->type == LX_EL_TEXT) n->u.text.s = arena_strdup(dst, e->u.text.s); /* already sanitized */
    if (e->type == LX_EL_LINE) {
        lx_pt *p = arena_alloc(dst, (size_t)e->u.line.n * sizeof *p);
        if (p) memcpy(p, e->u.line.pts, (size_t)e->u.line.n * sizeof *p);
        n->u.line.pts = p;
    }
    if (e->type == LX_EL_HEATMAP) {
        size_t k = (size_t)e->u.heat.rows * (size_t)e->u.heat.cols;
        float *v = arena_alloc(dst, k * sizeof *v);
        if (v) memcpy(v, e->u.heat.v, k * sizeof *v);
        n->u.heat.v = v;
    }
    return !dst->oom;
}

int lx_scene_import(lx_scene *dst, const lx_scene *src, const char *prefix, int parent, double dx, double dy)
{
    int base = dst->n;
    for (int i = 0; i < src->n; i++) {
        const lx_el *e = &src->els[i];
        char id[256];
        snprintf(id, sizeof id, "%s%s", prefix, e->id);
        int p = e->parent < 0 ? parent : base + e->parent;
        if (!import_el(dst, e, id, p)) return -1;
        lx_el *n = &dst->els[dst->n - 1];
        if (n->type == LX_EL_LINE) {
            if (n->u.line.from >= 0) n->u.line.from += base;
            if (n->u.line.to >= 0) n->u.line.to += base;
        }
    }
    lx_scene_translate(dst, base, dst->n, dx, dy);
    return base;
}

void lx_scene_fit_canvas(lx_scene *s, double margin)
{
    for (int i = 0; i < s->n; i++) {
        lx_rect r = s->els[i].r;
        if (lx_rect_right(r) + margin > s->width) s->width = lx_rect_right(r) + margin;
        if (lx_rect_bottom(r) + margin > s->height) s->height = lx_rect_bottom(r) + margin;
    }
    s->width = ceil(s->width); /* whole units: a PNG at scale k is exactly k times as large */
    s->height = ceil(s->height);
}

/* ---- cards ---- */

static const lx_font CARD_TITLE = {LX_CARD_TITLE_SIZE, true, false};
static const lx_font CARD_SUB = {LX_CARD_SUB_SIZE, false, false};

static int card_n_sub(const lx_card *c)
{
    int n = 0;
    while (n < LX_CARD_MAX_SUB && c->sub[n]) n++;
    return n;
}

/* Title baseline offset from the top, and the card height, for n subtitle lines. */
static double card_title_base(int nsub) { return nsub ? 22.0 : 23.0; }
static double card_height(int nsub) { return nsub ? 22.0 + LX_CARD_LINE * nsub + 11.0 : 36.0; }

lx_pt lx_scene_card_size(lx_scene *s, const lx_card *c)
{
    int nsub = card_n_sub(c);
    double w = lx_scene_text_width(s, CARD_TITLE, c->title);
    if (c->figure) w += 24 + lx_scene_text_width(s, CARD_SUB, c->figure);
    for (int i = 0; i < nsub; i++) {
        double sw = lx_scene_text_width(s, CARD_SUB, c->sub[i]);
        if (sw > w) w = sw;
    }
    double pad = c->pill ? LX_CARD_PAD_X + 6 : LX_CARD_PAD_X;
    return (lx_pt){w + 2 * pad, card_height(nsub)};
}

int lx_scene_card(lx_scene *s, const char *id, int parent, lx_rect r, const lx_card *c)
{
    int nsub = card_n_sub(c);
    double radius = c->pill ? r.h / 2 : 8;
    int box = lx_scene_box(s, id, parent, c->kind, r, radius, c->tip ? c->tip : c->title);
    if (box < 0) return -1;
    if (c->strong) s->els[box].flags |= LX_F_STRONG;
    double pad = c->pill ? LX_CARD_PAD_X + 6 : LX_CARD_PAD_X;
    double base = r.y + card_title_base(nsub);
    if (!nsub) base = r.y + r.h / 2 + 5.5; /* centre a single line */
    lx_ink title_ink = c->strong ? LX_INK_INVERSE : LX_INK_KIND;
    char tid[160];
    snprintf(tid, sizeof tid, "%s.title", id);
    lx_scene_text(s, tid, box, CARD_TITLE, title_ink, LX_ANCHOR_START, r.x + pad, base, c->title);
    for (int i = 0; i < nsub; i++) {
        snprintf(tid, sizeof tid, "%s.sub%d", id, i);
        lx_scene_text(s, tid, box, CARD_SUB, c->strong ? LX_INK_INVERSE : LX_INK_TEXT, LX_ANCHOR_START,
                      r.x + pad, base + LX_CARD_LINE * (i + 1), c->sub[i]);
    }
    if (c->figure) {
        snprintf(tid, sizeof tid, "%s.fig", id);
        lx_scene_text(s, tid, box, CARD_SUB, c->strong ? LX_INK_INVERSE : LX_INK_MUTED, LX_ANCHOR_END,
                      lx_rect_right(r) - pad, base, c->figure);
    }
    return s->oom ? -1 : box;
}
