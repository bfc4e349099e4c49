/* layout/layout_inset — the zoom-in panels of the architecture diagram: attention (with
 * the query-head / KV-head sharing drawn as squares), multi-head latent attention, the
 * gated or plain feed-forward, and the mixture of experts (see arch_layout.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout/arch_layout_int.h"

#define COL_GAP 24.0
#define V_GAP 18.0

typedef struct inset_ctx {
    lx_lay *L;
    const lx_desc_inset *in;
    int panel;
    double x, w; /* inner left and width */
    char pre[24];
} inset_ctx;

static const lx_desc_card *P(const inset_ctx *c, lx_part p) { return c->in->has[p] ? &c->in->part[p] : NULL; }

static double part_w(inset_ctx *c, lx_part p) { return P(c, p) ? lx_lay_card_w(c->L, P(c, p)) : 0; }
static double part_h(inset_ctx *c, lx_part p) { return P(c, p) ? lx_lay_card_h(c->L, P(c, p)) : 0; }

static double max2(double a, double b) { return a > b ? a : b; }

/* Places part p at r; returns its element index (-1 when the inset has no such part). */
static int put(inset_ctx *c, lx_part p, lx_rect r)
{
    if (!P(c, p)) return -1;
    char id[64];
    snprintf(id, sizeof id, "%s.%s", c->pre, P(c, p)->id);
    return lx_lay_put_card(c->L, id, c->panel, r, P(c, p));
}

/* Places a part of natural width centred on cx at y. */
static int put_centred(inset_ctx *c, lx_part p, double cx, double y)
{
    double w = part_w(c, p);
    return put(c, p, (lx_rect){cx - w / 2, y, w, part_h(c, p)});
}

static void arrow(inset_ctx *c, const char *name, lx_pt a, lx_pt b, int from, int to)
{
    if (from < 0 || to < 0) return;
    char id[64];
    snprintf(id, sizeof id, "%s.%s", c->pre, name);
    lx_pt p[2] = {a, b};
    lx_lay_arrow(c->L, id, c->panel, p, 2, from, to);
}

/* Vertical arrow from the bottom of element a to the top of element b at x. */
static void arrow_down(inset_ctx *c, const char *name, int a, int b, double x)
{
    if (a < 0 || b < 0) return;
    lx_rect ra = c->L->s->els[a].r, rb = c->L->s->els[b].r;
    arrow(c, name, (lx_pt){x, lx_rect_bottom(ra)}, (lx_pt){x, rb.y}, a, b);
}

/* A vertical chain of parts centred on cx under element `above`; returns the bottom. */
static double chain(inset_ctx *c, int above, const lx_part *parts, int n, double cx, double y)
{
    for (int i = 0; i < n; i++) {
        if (!P(c, parts[i])) continue;
        int el = put_centred(c, parts[i], cx, y + V_GAP);
        char name[32];
        snprintf(name, sizeof name, "to_%s", P(c, parts[i])->id);
        arrow_down(c, name, above, el, cx);
        above = el;
        y = lx_rect_bottom(c->L->s->els[el].r);
    }
    return y;
}

static double notes(inset_ctx *c, double y)
{
    for (int i = 0; i < c->in->n_notes; i++) {
        char id[48];
        snprintf(id, sizeof id, "%s.note%d", c->pre, i);
        y = lx_lay_text_block(c->L, id, c->panel, LX_FONT_NOTE, LX_INK_FAINT, c->x, y + 14, c->w, c->in->notes[i]) - 10;
    }
    return y;
}

/* Full-width steps top to bottom (pills at their natural width), each joined to the one
 * above it (element `above`, -1 none) by an arrow on the centre line; returns the bottom. */
static double steps(inset_ctx *c, int above, const lx_part *parts, int n, double y)
{
    double cx = c->x + c->w / 2;
    bool first = true;
    for (int i = 0; i < n; i++) {
        const lx_desc_card *dc = P(c, parts[i]);
        if (!dc) continue;
        if (!first || above >= 0) y += 22;
        double w = dc->pill ? part_w(c, parts[i]) : c->w;
        int el = put(c, parts[i], (lx_rect){cx - w / 2, y, w, part_h(c, parts[i])});
        char name[32];
        snprintf(name, sizeof name, "to_%s", dc->id);
        arrow_down(c, name, above, el, cx);
        above = el;
        first = false;
        y += part_h(c, parts[i]);
    }
    return y;
}

/* SDPA card, the output gate when the model has one, the output projection; returns the bottom. */
static double attn_tail(inset_ctx *c, double y)
{
    static const lx_part tail[] = {LX_PART_SDPA, LX_PART_OGATE, LX_PART_OUT};
    return steps(c, -1, tail, 3, y);
}

/* ---- query heads sharing key/value heads ---- */

typedef struct heads_geom {
    int groups, drawn, per, per_drawn, rows, cols;
    double sq, gap, slot;
} heads_geom;

/* Largest square size (and up to two rows) that fits every query head of a group. */
static heads_geom heads_fit(const lx_desc_inset *in, double width)
{
    static const double sizes[] = {14, 10, 8, 6};
    heads_geom g = {.groups = (int)in->n_kv_heads, .per = (int)(in->n_heads / (in->n_kv_heads ? in->n_kv_heads : 1))};
    if (g.per < 1) g.per = 1;
    g.drawn = g.groups;
    double share = width / g.groups;
    if (share < 46) { g.drawn = (int)((width - 110) / 46); share = 46; }
    if (g.drawn < 1) g.drawn = 1;
    /* Square size and rows, best first: readable squares in one row, then in two rows. */
    static const struct { int size, rows; } tries[] = {{0, 1}, {1, 1}, {0, 2}, {1, 2}, {2, 1}, {2, 2}, {3, 1}, {3, 2}};
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        g.sq = sizes[tries[i].size];
        g.gap = g.sq >= 10 ? 4 : 2;
        g.cols = (int)((share - 12 + g.gap) / (g.sq + g.gap));
        if (g.cols < 1) g.cols = 1;
        g.rows = (g.per + g.cols - 1) / g.cols;
        if (g.rows <= tries[i].rows) break;
    }
    if (g.rows > 2) g.rows = 2;
    if (g.cols > g.per) g.cols = g.per;
    if (g.rows == 2 && (g.per + 1) / 2 <= g.cols) g.cols = (g.per + 1) / 2; /* balanced rows */
    g.per_drawn = g.per < g.cols * g.rows ? g.per : g.cols * g.rows;
    g.slot = share;
    return g;
}

static void head_group(inset_ctx *c, const heads_geom *g, int k, double gx, double y)
{
    char id[64], tip[96];
    double gw = g->cols * (g->sq + g->gap) - g->gap;
    double py = y + g->rows * (g->sq + g->gap) + 14;
    lx_rect pill = {gx + gw / 2 - 17, py, 34, 16};
    snprintf(id, sizeof id, "%s.kv%d", c->pre, k);
    snprintf(tip, sizeof tip, "key/value head %d, shared by %d query heads", k, g->per);
    int kv = lx_scene_swatch(c->L->s, id, c->panel, LX_KIND_ATTENTION, pill, 1.0, LX_F_STRONG, tip);
    snprintf(id, sizeof id, "%s.kv%d.text", c->pre, k);
    snprintf(tip, sizeof tip, "KV%d", k);
    lx_scene_text(c->L->s, id, kv, LX_FONT_TAG, LX_INK_INVERSE, LX_ANCHOR_MIDDLE, lx_rect_cx(pill), py + 11.5, tip);
    for (int j = 0; j < g->per_drawn; j++) {
        int row = j / g->cols, col = j % g->cols;
        lx_rect r = {gx + col * (g->sq + g->gap), y + row * (g->sq + g->gap), g->sq, g->sq};
        snprintf(id, sizeof id, "%s.q%d", c->pre, k * g->per + j);
        snprintf(tip, sizeof tip, "query head %d", k * g->per + j);
        int q = lx_scene_swatch(c->L->s, id, c->panel, LX_KIND_ATTENTION, r, 0.45, LX_F_STRONG, tip);
        /* only the bottom row fans out (no line crosses a square), at most 9 lines a group */
        int first = (g->rows - 1) * g->cols, n_bottom = g->per_drawn - first, step = (n_bottom + 8) / 9;
        if (row != g->rows - 1 || ((j - first) % step != 0 && j != g->per_drawn - 1)) continue;
        snprintf(id, sizeof id, "%s.fan%d", c->pre, k * g->per + j);
        lx_pt p[2] = {{lx_rect_cx(r), lx_rect_bottom(r)}, {lx_rect_cx(pill), py}};
        int ln = lx_scene_line(c->L->s, id, c->panel, LX_INK_KIND, LX_KIND_ATTENTION, LX_F_CONNECT, p, 2, q, kv);
        if (ln >= 0) c->L->s->els[ln].u.line.width = 1.1;
    }
}

static double heads_drawing(inset_ctx *c, double y)
{
    if (!c->in->n_heads || !c->in->n_kv_heads) return y; /* head counts unknown: nothing to draw */
    y = lx_lay_text_block(c->L, "attn.heads_note", c->panel, LX_FONT_BODY, LX_INK_TEXT, c->x, y + 16, c->w,
                          c->in->heads_note) + 2;
    heads_geom g = heads_fit(c->in, c->w);
    double gw = g.cols * (g.sq + g.gap) - g.gap;
    for (int k = 0; k < g.drawn; k++) head_group(c, &g, k, c->x + g.slot * k + (g.slot - gw) / 2, y);
    double bottom = y + g.rows * (g.sq + g.gap) + 14 + 16;
    if (g.drawn < g.groups) {
        char t[64];
        int more = g.groups - g.drawn; /* MHA: each "group" is one head with its own K and V */
        snprintf(t, sizeof t, "… %d more %s%s", more, g.per > 1 ? "group" : "head", more == 1 ? "" : "s");
        lx_scene_text(c->L->s, "attn.heads_more", c->panel, LX_FONT_SMALL, LX_INK_MUTED, LX_ANCHOR_START,
                      c->x + g.slot * g.drawn + 6, bottom - 4, t);
    }
    char cap[128];
    if (g.per_drawn < g.per) snprintf(cap, sizeof cap, "query heads (top, %d of %d per group drawn) · shared key/value heads (bottom)",
                                      g.per_drawn, g.per);
    else snprintf(cap, sizeof cap, "query heads (top) · %s key/value heads (bottom)", g.per > 1 ? "shared" : "their");
    return lx_lay_text_block(c->L, "attn.heads_caption", c->panel, LX_FONT_NOTE, LX_INK_FAINT, c->x, bottom + 18, c->w,
                             cap);
}

/* ---- attention ---- */

static double inset_attn(inset_ctx *c, double y)
{
    double colw = (c->w - 2 * COL_GAP) / 3;
    double h = max2(part_h(c, LX_PART_Q), max2(part_h(c, LX_PART_K), part_h(c, LX_PART_V)));
    int q = put(c, LX_PART_Q, (lx_rect){c->x, y, colw, h});
    int k = put(c, LX_PART_K, (lx_rect){c->x + colw + COL_GAP, y, colw, h});
    put(c, LX_PART_V, (lx_rect){c->x + 2 * (colw + COL_GAP), y, colw, h});
    static const lx_part qchain[] = {LX_PART_Q_NORM, LX_PART_Q_ROPE}, kchain[] = {LX_PART_K_NORM, LX_PART_K_ROPE};
    double yq = chain(c, q, qchain, 2, c->x + colw / 2, y + h);
    double yk = chain(c, k, kchain, 2, c->x + colw * 1.5 + COL_GAP, y + h);
    y = heads_drawing(c, max2(yq, yk) + 4);
    return notes(c, attn_tail(c, y + 6));
}

static double mla_colw(inset_ctx *c)
{
    return (c->w - 2 * COL_GAP) / 2;
}

/* The key/value column: down-projection, then its norm and the RoPE key side by side, then
 * the up-projection under the norm. */
static double mla_kv(inset_ctx *c, double x, double w, double y)
{
    int down = put(c, LX_PART_KV_DOWN, (lx_rect){x, y, w, part_h(c, LX_PART_KV_DOWN)});
    double y1 = y + part_h(c, LX_PART_KV_DOWN) + V_GAP;
    double wn = part_w(c, LX_PART_KV_NORM), wr = part_w(c, LX_PART_K_ROPE);
    double gap = max2(24, (w - wn - wr) / 3);
    double nx = x + gap + wn / 2, rx = nx + wn / 2 + gap + wr / 2;
    int norm = put_centred(c, LX_PART_KV_NORM, nx, y1);
    int rope = put_centred(c, LX_PART_K_ROPE, rx, y1);
    arrow_down(c, "to_kvnorm", down, norm, nx);
    arrow_down(c, "to_krope", down, rope, rx);
    double y2 = y1 + max2(part_h(c, LX_PART_KV_NORM), part_h(c, LX_PART_K_ROPE)) + V_GAP;
    int up = put(c, LX_PART_KV_UP, (lx_rect){x, y2, w, part_h(c, LX_PART_KV_UP)});
    arrow_down(c, "to_kvup", norm, up, nx);
    return y2 + part_h(c, LX_PART_KV_UP);
}

static double mla_q(inset_ctx *c, double x, double w, double y)
{
    lx_part first = P(c, LX_PART_Q_DOWN) ? LX_PART_Q_DOWN : LX_PART_Q;
    int top = put(c, first, (lx_rect){x, y, w, part_h(c, first)});
    y += part_h(c, first);
    static const lx_part rest[] = {LX_PART_Q_DOWN_NORM, LX_PART_Q_UP, LX_PART_Q_ROPE};
    double cx = x + w / 2;
    for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++) {
        if (!P(c, rest[i])) continue;
        bool card = !P(c, rest[i])->pill;
        double pw = card ? w : part_w(c, rest[i]);
        int el = put(c, rest[i], (lx_rect){cx - pw / 2, y + V_GAP, pw, part_h(c, rest[i])});
        char name[32];
        snprintf(name, sizeof name, "to_%s", P(c, rest[i])->id);
        arrow_down(c, name, top, el, cx);
        top = el;
        y += V_GAP + part_h(c, rest[i]);
    }
    return y;
}

static double inset_mla(inset_ctx *c, double y)
{
    double colw = mla_colw(c);
    double yq = mla_q(c, c->x, colw, y);
    double ykv = mla_kv(c, c->x + colw + 2 * COL_GAP, colw, y);
    y = lx_lay_text_block(c->L, "attn.heads_note", c->panel, LX_FONT_BODY, LX_INK_TEXT, c->x, max2(yq, ykv) + 24,
                          c->w, c->in->heads_note);
    return notes(c, attn_tail(c, y + 4));
}

/* ---- linear attention and state-space mixers ---- */

/* Gated DeltaNet / KDA: Q, K, V projections, a convolution under each, L2 norms under Q
 * and K; the three columns merge into the chain of full-width steps. */
static double inset_linear(inset_ctx *c, double y)
{
    double colw = (c->w - 2 * COL_GAP) / 3;
    double h = max2(part_h(c, LX_PART_Q), max2(part_h(c, LX_PART_K), part_h(c, LX_PART_V)));
    int q = put(c, LX_PART_Q, (lx_rect){c->x, y, colw, h});
    int k = put(c, LX_PART_K, (lx_rect){c->x + colw + COL_GAP, y, colw, h});
    int v = put(c, LX_PART_V, (lx_rect){c->x + 2 * (colw + COL_GAP), y, colw, h});
    static const lx_part qchain[] = {LX_PART_Q_NORM, LX_PART_Q_ROPE}, kchain[] = {LX_PART_K_NORM, LX_PART_K_ROPE},
                         vchain[] = {LX_PART_V_CONV};
    double yq = chain(c, q, qchain, 2, c->x + colw / 2, y + h);
    double yk = chain(c, k, kchain, 2, c->x + colw * 1.5 + COL_GAP, y + h);
    double yv = chain(c, v, vchain, 1, c->x + colw * 2.5 + 2 * COL_GAP, y + h);
    y = max2(yq, max2(yk, yv)) + 4;
    if (c->in->heads_note[0]) {
        char id[48];
        snprintf(id, sizeof id, "%s.heads_note", c->pre);
        y = lx_lay_text_block(c->L, id, c->panel, LX_FONT_BODY, LX_INK_TEXT, c->x, y + 16, c->w, c->in->heads_note) - 10;
    }
    return notes(c, steps(c, -1, c->in->chain, c->in->n_chain, y + 6));
}

static double inset_chain(inset_ctx *c, double y)
{
    return notes(c, steps(c, -1, c->in->chain, c->in->n_chain, y));
}

/* ---- feed-forward ---- */

static double inset_glu(inset_ctx *c, double y)
{
    double w1 = max2(part_w(c, LX_PART_GATE), part_w(c, LX_PART_UP)), hg = part_h(c, LX_PART_GATE);
    double wa = part_w(c, LX_PART_ACT), wd = part_w(c, LX_PART_DOWN);
    double xd = c->x + c->w - wd, xa = c->x + w1 + 50;
    double xc = (xa + wa + xd) / 2;
    double gy = y + hg / 2, uy = y + hg + 22 + part_h(c, LX_PART_UP) / 2, cy = (gy + uy) / 2;
    lx_lay *L = c->L;
    int gate = put(c, LX_PART_GATE, (lx_rect){c->x, y, w1, hg});
    int up = put(c, LX_PART_UP, (lx_rect){c->x, y + hg + 22, w1, part_h(c, LX_PART_UP)});
    int act = put(c, LX_PART_ACT, (lx_rect){xa, gy - part_h(c, LX_PART_ACT) / 2, wa, part_h(c, LX_PART_ACT)});
    char id[64];
    snprintf(id, sizeof id, "%s.mul", c->pre);
    int mul = lx_scene_circle(L->s, id, c->panel, xc, cy, 14, LX_GLYPH_ODOT);
    int down = put(c, LX_PART_DOWN, (lx_rect){xd, cy - part_h(c, LX_PART_DOWN) / 2, wd, part_h(c, LX_PART_DOWN)});
    arrow(c, "to_act", (lx_pt){c->x + w1, gy}, (lx_pt){xa, gy}, gate, act);
    lx_pt p1[3] = {{xa + wa, gy}, {xc, gy}, {xc, cy - 14}};
    snprintf(id, sizeof id, "%s.act_to_mul", c->pre);
    lx_lay_arrow(L, id, c->panel, p1, 3, act, mul);
    lx_pt p2[3] = {{c->x + w1, uy}, {xc, uy}, {xc, cy + 14}};
    snprintf(id, sizeof id, "%s.up_to_mul", c->pre);
    lx_lay_arrow(L, id, c->panel, p2, 3, up, mul);
    arrow(c, "to_down", (lx_pt){xc + 14, cy}, (lx_pt){xd, cy}, mul, down);
    return notes(c, uy + part_h(c, LX_PART_UP) / 2 + 6);
}

static double inset_mlp(inset_ctx *c, double y)
{
    double wu = part_w(c, LX_PART_UP), wa = part_w(c, LX_PART_ACT), wd = part_w(c, LX_PART_DOWN);
    double h = max2(part_h(c, LX_PART_UP), part_h(c, LX_PART_DOWN)), cy = y + h / 2;
    double xd = c->x + c->w - wd, xa = (c->x + wu + xd) / 2 - wa / 2;
    int up = put(c, LX_PART_UP, (lx_rect){c->x, cy - part_h(c, LX_PART_UP) / 2, wu, part_h(c, LX_PART_UP)});
    int act = put(c, LX_PART_ACT, (lx_rect){xa, cy - part_h(c, LX_PART_ACT) / 2, wa, part_h(c, LX_PART_ACT)});
    int down = put(c, LX_PART_DOWN, (lx_rect){xd, cy - part_h(c, LX_PART_DOWN) / 2, wd, part_h(c, LX_PART_DOWN)});
    arrow(c, "to_act", (lx_pt){c->x + wu, cy}, (lx_pt){xa, cy}, up, act);
    arrow(c, "to_down", (lx_pt){xa + wa, cy}, (lx_pt){xd, cy}, act, down);
    return notes(c, y + h + 6);
}

/* ---- mixture of experts ---- */

typedef struct grid_geom { int n, per_row, rows; double sq, gap; } grid_geom;

static grid_geom grid_fit(uint64_t n, double width)
{
    grid_geom g = {.n = n > 4096 ? 4096 : (int)n};
    g.sq = n <= 16 ? 26 : n <= 64 ? 18 : 12;
    g.gap = g.sq >= 18 ? 5 : 3;
    g.per_row = (int)((width + g.gap) / (g.sq + g.gap));
    if (g.per_row < 1) g.per_row = 1;
    if (g.per_row > g.n) g.per_row = g.n;
    g.rows = (g.n + g.per_row - 1) / g.per_row;
    g.per_row = (g.n + g.rows - 1) / g.rows; /* balanced rows: 32 experts as 2 × 16, not 31 + 1 */
    return g;
}

/* Column of the j-th of k highlighted experts, spread over the first row. */
static int pick(const grid_geom *g, int j, int k)
{
    return (int)((j + 0.5) * g->per_row / k);
}

static double expert_grid(inset_ctx *c, int router, double y)
{
    lx_lay *L = c->L;
    grid_geom g = grid_fit(c->in->n_experts, c->w);
    int k = (int)(c->in->n_used < (uint64_t)g.per_row ? c->in->n_used : (uint64_t)g.per_row);
    double gx = c->x + (c->w - (g.per_row * (g.sq + g.gap) - g.gap)) / 2;
    lx_rect rr = L->s->els[router].r;
    for (int i = 0; i < g.n; i++) {
        int row = i / g.per_row, col = i % g.per_row;
        bool on = false;
        for (int j = 0; j < k && row == 0; j++) on = on || pick(&g, j, k) == col;
        lx_rect r = {gx + col * (g.sq + g.gap), y + row * (g.sq + g.gap), g.sq, g.sq};
        char id[64], tip[64];
        snprintf(id, sizeof id, "%s.e%d", c->pre, i);
        snprintf(tip, sizeof tip, "expert %d", i);
        int sw = lx_scene_swatch(L->s, id, c->panel, LX_KIND_EXPERTS, r, on ? 1.0 : 0.3, LX_F_STRONG, tip);
        if (!on) continue;
        snprintf(id, sizeof id, "%s.route%d", c->pre, i);
        lx_pt p[2] = {{lx_rect_cx(rr), lx_rect_bottom(rr)}, {lx_rect_cx(r), r.y}};
        lx_scene_line(L->s, id, c->panel, LX_INK_KIND, LX_KIND_ROUTER, LX_F_ARROW | LX_F_CONNECT, p, 2, router, sw);
    }
    return y + g.rows * (g.sq + g.gap) - g.gap;
}

static double moe_bottom_row(inset_ctx *c, double y)
{
    bool shared = P(c, LX_PART_SHARED) != NULL;
    double w = shared ? (c->w - 3 * COL_GAP) / 2 : c->w * 0.5;
    double h = max2(part_h(c, LX_PART_EXPERT), part_h(c, LX_PART_SHARED));
    int ex = put(c, LX_PART_EXPERT, (lx_rect){c->x, y, w, h});
    int sh = put(c, LX_PART_SHARED, (lx_rect){c->x + c->w - w, y, w, h});
    double cx = c->x + c->w / 2, cy = y + h + 26;
    if (!shared) cx = c->x + w + 60, cy = y + h / 2;
    char id[64];
    snprintf(id, sizeof id, "%s.sum", c->pre);
    int sum = lx_scene_circle(c->L->s, id, c->panel, cx, cy, 13, LX_GLYPH_PLUS);
    snprintf(id, sizeof id, "%s.sum.label", c->pre);
    const char *label = "sum weighted by the router's scores";
    if (shared) lx_scene_text(c->L->s, id, c->panel, LX_FONT_BODY, LX_INK_TEXT, LX_ANCHOR_MIDDLE, cx, cy + 32, label);
    else lx_scene_text(c->L->s, id, c->panel, LX_FONT_BODY, LX_INK_TEXT, LX_ANCHOR_START, cx + 22, cy + 4.5, label);
    double ex_x = c->x + w / 2;
    if (shared) {
        lx_pt p[3] = {{ex_x, y + h}, {ex_x, cy}, {cx - 13, cy}};
        snprintf(id, sizeof id, "%s.ex_to_sum", c->pre);
        lx_lay_arrow(c->L, id, c->panel, p, 3, ex, sum);
        double sx = c->x + c->w - w / 2;
        lx_pt q[3] = {{sx, y + h}, {sx, cy}, {cx + 13, cy}};
        snprintf(id, sizeof id, "%s.sh_to_sum", c->pre);
        lx_lay_arrow(c->L, id, c->panel, q, 3, sh, sum);
        return cy + 36;
    }
    arrow(c, "ex_to_sum", (lx_pt){c->x + w, cy}, (lx_pt){cx - 13, cy}, ex, sum);
    return y + h;
}

static double inset_moe(inset_ctx *c, double y)
{
    double wr = part_w(c, LX_PART_ROUTER);
    int router = put(c, LX_PART_ROUTER, (lx_rect){c->x + (c->w - wr) / 2, y, wr, part_h(c, LX_PART_ROUTER)});
    y += part_h(c, LX_PART_ROUTER) + 44;
    if (router >= 0) y = expert_grid(c, router, y);
    y = lx_lay_text_block(c->L, "moe.grid_caption", c->panel, LX_FONT_NOTE, LX_INK_FAINT, c->x, y + 20, c->w,
                          c->in->heads_note);
    y = moe_bottom_row(c, y + 2);
    return notes(c, y + 4);
}

/* ---- entry points ---- */

typedef double (*inset_fn)(inset_ctx *, double);
static const inset_fn INSET_FNS[] = {
    [LX_INSET_ATTN] = inset_attn, [LX_INSET_MLA] = inset_mla, [LX_INSET_GLU] = inset_glu,
    [LX_INSET_MLP] = inset_mlp, [LX_INSET_MOE] = inset_moe, [LX_INSET_LINEAR] = inset_linear,
    [LX_INSET_CHAIN] = inset_chain,
};

double lx_lay_inset(lx_lay *L, int index, double y)
{
    const lx_desc_inset *in = &L->d->insets[index];
    inset_ctx c = {.L = L, .in = in, .x = L->xr + LX_PANEL_PAD, .w = L->rw - 2 * LX_PANEL_PAD};
    snprintf(c.pre, sizeof c.pre, "inset.%s", in->id);
    double cy;
    c.panel = lx_lay_panel_open(L, c.pre, in->kind, y, in->title, in->figure, &cy);
    L->inset_panel[index] = c.panel;
    double bottom = INSET_FNS[in->type](&c, cy);
    lx_lay_panel_close(L, c.panel, bottom);
    return lx_rect_bottom(L->s->els[c.panel].r);
}

static double widest(inset_ctx *c, const lx_part *parts, int n)
{
    double w = 0;
    for (int i = 0; i < n; i++) w = max2(w, part_w(c, parts[i]));
    return w;
}

double lx_lay_inset_width(lx_lay *L, const lx_desc_inset *in)
{
    inset_ctx c = {.L = L, .in = in};
    double title = lx_scene_text_width(L->s, LX_FONT_PANEL_TITLE, in->title) + 40 +
                   lx_scene_text_width(L->s, LX_FONT_BODY, in->figure);
    static const lx_part qkv[] = {LX_PART_Q, LX_PART_K, LX_PART_V};
    static const lx_part tail[] = {LX_PART_SDPA, LX_PART_OGATE, LX_PART_OUT};
    static const lx_part mq[] = {LX_PART_Q, LX_PART_Q_DOWN, LX_PART_Q_UP, LX_PART_KV_DOWN, LX_PART_KV_UP};
    double w = 0;
    switch (in->type) {
    case LX_INSET_ATTN: w = max2(3 * widest(&c, qkv, 3) + 2 * COL_GAP, widest(&c, tail, 3)); break;
    case LX_INSET_LINEAR:
        w = max2(3 * widest(&c, qkv, 3) + 2 * COL_GAP, widest(&c, in->chain, in->n_chain));
        break;
    case LX_INSET_CHAIN: w = widest(&c, in->chain, in->n_chain); break;
    case LX_INSET_MLA:
        w = max2(2 * widest(&c, mq, 5), 2 * (part_w(&c, LX_PART_KV_NORM) + part_w(&c, LX_PART_K_ROPE) + 72));
        w = max2(w + 2 * COL_GAP, widest(&c, tail, 3));
        break;
    case LX_INSET_GLU:
        w = max2(part_w(&c, LX_PART_GATE), part_w(&c, LX_PART_UP)) + 50 + part_w(&c, LX_PART_ACT) + 100 +
            part_w(&c, LX_PART_DOWN);
        break;
    case LX_INSET_MLP: w = part_w(&c, LX_PART_UP) + part_w(&c, LX_PART_ACT) + part_w(&c, LX_PART_DOWN) + 120; break;
    case LX_INSET_MOE:
        w = max2(part_w(&c, LX_PART_ROUTER), 2 * max2(part_w(&c, LX_PART_EXPERT), part_w(&c, LX_PART_SHARED)) + 3 * COL_GAP);
        break;
    }
    return ceil(max2(w, title));
}
