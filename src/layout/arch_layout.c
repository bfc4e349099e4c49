/* layout/arch_layout — see arch_layout.h. This file: fonts, cards, the title band, the
 * spine with its layer containers, the leader lines, and the entry point. */
#include "layout/arch_layout_int.h"
#include "layout/layout_towers.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"

const lx_font LX_FONT_TITLE = {30, true, false};
const lx_font LX_FONT_SUBTITLE = {14.5, false, false};
const lx_font LX_FONT_PANEL_TITLE = {17, true, false};
const lx_font LX_FONT_BODY = {12.5, false, false};
const lx_font LX_FONT_BODY_BOLD = {12.5, true, false};
const lx_font LX_FONT_SMALL = {11.5, false, false};
const lx_font LX_FONT_NOTE = {12, false, true};
const lx_font LX_FONT_CAPTION = {13, true, false};
const lx_font LX_FONT_BADGE = {17, true, false};
const lx_font LX_FONT_PILL = {11.5, true, false};
const lx_font LX_FONT_TAG = {9.5, true, false};

#define BADGE_ROW 30.0 /* extra card height holding a side badge */
#define PAIR_GAP 28.0  /* between the two cards of a parallel pair */

/* ---- cards ---- */

lx_card lx_lay_card(const lx_desc_card *dc)
{
    lx_card c = {.title = dc->title, .figure = dc->figure[0] ? dc->figure : NULL,
                 .tip = dc->tip[0] ? dc->tip : NULL, .kind = dc->kind, .pill = dc->pill};
    for (int i = 0, j = 0; i < LX_DESC_MAX_SUB && j < LX_CARD_MAX_SUB; i++)
        if (dc->sub[i][0]) c.sub[j++] = dc->sub[i];
    return c;
}

static double badge_w(lx_lay *L, const char *text)
{
    return lx_scene_text_width(L->s, LX_FONT_PILL, text) + 24;
}

double lx_lay_card_w(lx_lay *L, const lx_desc_card *dc)
{
    lx_card c = lx_lay_card(dc);
    double w = lx_scene_card_size(L->s, &c).x;
    if (dc->badge[0] && badge_w(L, dc->badge) + 2 * LX_CARD_PAD_X > w) w = badge_w(L, dc->badge) + 2 * LX_CARD_PAD_X;
    return w;
}

double lx_lay_card_h(lx_lay *L, const lx_desc_card *dc)
{
    lx_card c = lx_lay_card(dc);
    return lx_scene_card_size(L->s, &c).y + (dc->badge[0] ? BADGE_ROW : 0);
}

int lx_lay_put_card(lx_lay *L, const char *id, int parent, lx_rect r, const lx_desc_card *dc)
{
    lx_card c = lx_lay_card(dc);
    int box = lx_scene_card(L->s, id, parent, r, &c);
    if (box < 0 || !dc->badge[0]) return box;
    char bid[96];
    snprintf(bid, sizeof bid, "%s.badge", id);
    lx_rect br = {r.x + LX_CARD_PAD_X, lx_rect_bottom(r) - 32, badge_w(L, dc->badge), 22};
    int pill = lx_scene_box(L->s, bid, box, LX_KIND_POSITION, br, 11, dc->badge);
    snprintf(bid, sizeof bid, "%s.badge.text", id);
    lx_scene_text(L->s, bid, pill, LX_FONT_PILL, LX_INK_KIND, LX_ANCHOR_MIDDLE, lx_rect_cx(br), br.y + 15.5,
                  dc->badge);
    L->s->els[pill].kind = LX_KIND_POSITION;
    return box;
}

int lx_lay_arrow(lx_lay *L, const char *id, int parent, const lx_pt *p, int n, int from, int to)
{
    return lx_scene_line(L->s, id, parent, LX_INK_LINE, LX_KIND_NEUTRAL, LX_F_ARROW | LX_F_CONNECT, p, n, from, to);
}

/* ---- title band ---- */

static double layout_title(lx_lay *L, double width)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_put_term(&b, L->d->name);
    char name[256];
    lx_measure_fit(L->s->measure, LX_FONT_TITLE, lx_buf_cstr(&b), width, name, sizeof name);
    lx_buf_free(&b);
    lx_scene_text(L->s, "title", -1, LX_FONT_TITLE, LX_INK_TITLE, LX_ANCHOR_START, LX_MARGIN, 58, name);
    double y = 90;
    for (int i = 0; i < 3; i++) {
        char id[32];
        if (!L->d->subtitle[i][0]) continue;
        snprintf(id, sizeof id, "subtitle%d", i);
        y = lx_lay_text_block(L, id, -1, LX_FONT_SUBTITLE, LX_INK_MUTED, LX_MARGIN, y, width, L->d->subtitle[i]);
    }
    lx_pt rule[2] = {{LX_MARGIN, y - 6}, {LX_MARGIN + width, y - 6}};
    lx_scene_line(L->s, "title.rule", -1, LX_INK_RULE, LX_KIND_NEUTRAL, 0, rule, 2, -1, -1);
    return y + 20;
}

/* ---- column widths ---- */

static bool is_norm(const lx_desc_card *c) { return c->kind == LX_KIND_NORM; }

static void measure_spine(lx_lay *L)
{
    const lx_desc *d = L->d;
    double spine = 0, block = 300, norm = 0, caption = 0;
    for (int i = 0; i < d->n_spine_top; i++) if (lx_lay_card_w(L, &d->spine_top[i]) > spine) spine = lx_lay_card_w(L, &d->spine_top[i]);
    for (int i = 0; i < d->n_spine_bottom; i++) {
        double w = lx_lay_card_w(L, &d->spine_bottom[i]);
        if (w > spine) spine = w;
    }
    for (int i = 0; i < d->n_dec_top + d->n_enc_bottom; i++) { /* an encoder-decoder's other column ends */
        double w = lx_lay_card_w(L, i < d->n_dec_top ? &d->dec_top[i] : &d->enc_bottom[i - d->n_dec_top]);
        if (w > spine) spine = w;
    }
    for (int k = 0; k < d->n_blocks; k++) {
        double cw = lx_scene_text_width(L->s, LX_FONT_CAPTION, d->blocks[k].caption);
        if (cw > caption) caption = cw;
        for (int j = 0; j < d->blocks[k].n_steps; j++) {
            const lx_desc_step *st = &d->blocks[k].steps[j];
            if (st->type == LX_STEP_PAIR) {
                double pw = lx_lay_card_w(L, &st->card) + lx_lay_card_w(L, &st->card2) + PAIR_GAP;
                if (pw > block) block = pw;
            }
            if (st->type != LX_STEP_CARD) continue;
            double w = lx_lay_card_w(L, &st->card);
            if (is_norm(&st->card) && w > norm) norm = w;
            if (w > block) block = w;
        }
    }
    double cw = block + 72;
    if (spine + 40 > cw) cw = spine + 40;
    if (cw < 480) cw = 480;
    (void)caption; /* long captions wrap (layout_caption) */
    L->cw = cw;
    L->block_w = cw - 72;
    L->spine_w = cw - 40;
    L->norm_w = norm > L->block_w - 80 ? norm : L->block_w - 80;
    L->cx = L->x0 + cw / 2;
}

/* ---- spine ---- */

typedef lx_spine spine;

/* Joins the previous spine node to element el whose top is at `top`. */
static void spine_link(spine *sp, int el, double top, bool head, int parent)
{
    if (sp->prev >= 0 && el >= 0) {
        lx_lay *L = sp->L;
        char id[48];
        snprintf(id, sizeof id, "%s.in", L->s->els[el].id);
        lx_pt p[2] = {{L->cx, sp->prev_bottom}, {L->cx, top}};
        if (head) lx_lay_arrow(L, id, parent, p, 2, sp->prev, el);
        else lx_scene_line(L->s, id, parent, LX_INK_LINE, LX_KIND_NEUTRAL, LX_F_CONNECT, p, 2, sp->prev, el);
    }
}

static double spine_card(spine *sp, const char *id, int parent, double y, double w, const lx_desc_card *c)
{
    lx_lay *L = sp->L;
    lx_rect r = {L->cx - w / 2, y, w, lx_lay_card_h(L, c)};
    int box = lx_lay_put_card(L, id, parent, r, c);
    spine_link(sp, box, y, true, parent);
    sp->prev = box;
    sp->prev_bottom = lx_rect_bottom(r);
    return lx_rect_bottom(r);
}

static double spine_circle(spine *sp, const char *id, int parent, double y, double rad, lx_glyph g)
{
    lx_lay *L = sp->L;
    int c = lx_scene_circle(L->s, id, parent, L->cx, y + rad, rad, g);
    spine_link(sp, c, y, g != LX_GLYPH_DOT, parent);
    sp->prev = c;
    sp->prev_bottom = y + 2 * rad;
    return y + 2 * rad;
}

static double card_width(lx_lay *L, const lx_desc_card *c, bool in_block)
{
    if (c->pill) return L->norm_w > lx_lay_card_w(L, c) ? L->norm_w : lx_lay_card_w(L, c);
    if (is_norm(c)) return L->norm_w;
    return in_block ? L->block_w : L->spine_w;
}

double lx_lay_spine_cards(spine *sp, const lx_desc_card *cards, int n, double y, const char *prefix)
{
    for (int i = 0; i < n; i++) {
        char id[48];
        snprintf(id, sizeof id, "%s.%s", prefix, cards[i].id);
        y = spine_card(sp, id, -1, y, card_width(sp->L, &cards[i], false), &cards[i]) + LX_ARROW_GAP;
    }
    return y;
}

/* Caption (wrapped left of the spine) and "× N" badge above a container; returns the frame top. */
static double layout_caption(lx_lay *L, int k, double y)
{
    const lx_desc_block *b = &L->d->blocks[k];
    char lines[8][256], id[48];
    double maxw = L->cx - L->x0 - 24;
    int n = 1;
    snprintf(lines[0], sizeof lines[0], "%.*s", (int)sizeof lines[0] - 1, b->caption); /* used when it fits: short */
    const char *dot = NULL; /* the last " · ": a motif's unit may hold more of them */
    for (const char *p = strstr(b->caption, " · "); p; p = strstr(p + 1, " · ")) dot = p;
    if (lx_scene_text_width(L->s, LX_FONT_CAPTION, b->caption) > maxw && dot) { /* "name" over "layers" */
        char name[sizeof b->caption];
        snprintf(name, sizeof name, "%.*s", (int)(dot - b->caption), b->caption);
        n = lx_lay_wrap(L, LX_FONT_CAPTION, name, maxw, lines, 7); /* a motif of many runs takes several lines */
        n += lx_lay_wrap(L, LX_FONT_CAPTION, dot + strlen(" · "), maxw, lines + n, 8 - n);
    }
    if (n == 1 && lx_scene_text_width(L->s, LX_FONT_CAPTION, lines[0]) > maxw)
        n = lx_lay_wrap(L, LX_FONT_CAPTION, b->caption, maxw, lines, 3);
    double frame_y = y + 18 + 17.0 * n;
    for (int i = 0; i < n; i++) {
        snprintf(id, sizeof id, "block%d.caption%d", k, i);
        lx_scene_text(L->s, id, -1, LX_FONT_CAPTION, LX_INK_MUTED, LX_ANCHOR_START, L->x0 + 8,
                      frame_y - 8 - 17.0 * (n - 1 - i), lines[i]);
    }
    return frame_y;
}

static void layout_badge(lx_lay *L, int k, int group, double frame_y)
{
    const char *text = L->d->blocks[k].badge;
    double w = lx_scene_text_width(L->s, LX_FONT_BADGE, text) + 40;
    lx_rect r = {L->x0 + L->cw - w - 12, frame_y - 16, w, 32};
    char id[48];
    snprintf(id, sizeof id, "block%d.badge", k);
    int badge = lx_scene_badge(L->s, id, group, r);
    snprintf(id, sizeof id, "block%d.badge.text", k);
    lx_scene_text(L->s, id, badge, LX_FONT_BADGE, LX_INK_INVERSE, LX_ANCHOR_MIDDLE, lx_rect_cx(r), r.y + 22, text);
}

/* The residual path from a fork dot around the sub-layer into its ⊕. */
static void residual(lx_lay *L, int k, int n, int fork, int add)
{
    const lx_el *f = &L->s->els[fork], *a = &L->s->els[add];
    double lane = L->x0 + 20;
    lx_pt p[4] = {{f->u.circle.cx - f->u.circle.rad, f->u.circle.cy}, {lane, f->u.circle.cy},
                  {lane, a->u.circle.cy}, {a->u.circle.cx - a->u.circle.rad, a->u.circle.cy}};
    char id[48];
    snprintf(id, sizeof id, "block%d.residual%d", k, n);
    lx_scene_line(L->s, id, f->parent, LX_INK_RULE, LX_KIND_NEUTRAL, LX_F_ARROW | LX_F_CONNECT, p, 4, fork, add);
}

/* Two cards side by side on the same input: the spine splits above them and merges below
 * into the ⊕ that follows. The first card sits on the right, the second on the left and
 * lower, so that both leader lines run right without crossing a card or an arrow.
 * Returns the y where the ⊕ goes. */
static double pair_step(spine *sp, int k, int j, int group, double y, const char *pre)
{
    lx_lay *L = sp->L;
    const lx_desc_step *st = &L->d->blocks[k].steps[j];
    double w1 = lx_lay_card_w(L, &st->card), w2 = lx_lay_card_w(L, &st->card2);
    double extra = (L->block_w - PAIR_GAP - w1 - w2) / 2, h1 = lx_lay_card_h(L, &st->card);
    if (extra > 0) { w1 += extra; w2 += extra; }
    double left = L->cx - L->block_w / 2, ys = sp->prev_bottom + 14, h2 = lx_lay_card_h(L, &st->card2);
    lx_rect r1 = {left + L->block_w - w1, y + 6, w1, h1};
    lx_rect r2 = {left, fmax(r1.y + h1 / 2 + 16, lx_rect_bottom(r1) - h2 / 2 + 12), w2, h2};
    char id[96];
    snprintf(id, sizeof id, "%s.%s", pre, st->card.id);
    int c1 = L->card[k][j] = lx_lay_put_card(L, id, group, r1, &st->card);
    snprintf(id, sizeof id, "%s.%s", pre, st->card2.id);
    int c2 = L->card2[k][j] = lx_lay_put_card(L, id, group, r2, &st->card2);
    lx_pt a[4] = {{L->cx, sp->prev_bottom}, {L->cx, ys}, {lx_rect_cx(r1), ys}, {lx_rect_cx(r1), r1.y}};
    lx_pt b[4] = {{L->cx, sp->prev_bottom}, {L->cx, ys}, {lx_rect_cx(r2), ys}, {lx_rect_cx(r2), r2.y}};
    snprintf(id, sizeof id, "%s.split%d", pre, 0);
    lx_lay_arrow(L, id, group, a, 4, sp->prev, c1);
    snprintf(id, sizeof id, "%s.split%d", pre, 1);
    lx_lay_arrow(L, id, group, b, 4, sp->prev, c2);
    sp->prev = -1; /* the ⊕ below is joined by merge() */
    return fmax(lx_rect_bottom(r1), lx_rect_bottom(r2)) + 30;
}

/* Arrows from both cards of a pair down into the ⊕ at index add. */
static void merge(lx_lay *L, const char *pre, int group, int c1, int c2, int add)
{
    const lx_el *a = &L->s->els[add];
    double top = a->u.circle.cy - a->u.circle.rad, ym = top - 14;
    int cards[2] = {c1, c2};
    for (int i = 0; i < 2; i++) {
        lx_rect r = L->s->els[cards[i]].r;
        lx_pt p[4] = {{lx_rect_cx(r), lx_rect_bottom(r)}, {lx_rect_cx(r), ym}, {L->cx, ym}, {L->cx, top}};
        char id[96];
        snprintf(id, sizeof id, "%s.merge%d", pre, i);
        lx_lay_arrow(L, id, group, p, 4, cards[i], add);
    }
}

static double block_steps(spine *sp, int k, int group, double y)
{
    lx_lay *L = sp->L;
    const lx_desc_block *b = &L->d->blocks[k];
    int fork = -1, n_res = 0, pair = -1, kind = -1; /* kind: index of the motif's layer kind */
    char id[80], pre[32];
    snprintf(pre, sizeof pre, "block%d", k);
    for (int j = 0; j < b->n_steps; j++) {
        const lx_desc_step *st = &b->steps[j];
        L->card[k][j] = L->card2[k][j] = -1;
        if (st->type == LX_STEP_PAIR) {
            y = pair_step(sp, k, j, group, y, pre);
            pair = j;
        } else if (st->type == LX_STEP_FORK) {
            snprintf(id, sizeof id, "block%d.fork%d", k, n_res);
            y = spine_circle(sp, id, group, y, 4, LX_GLYPH_DOT) + 18;
            fork = sp->prev;
        } else if (st->type == LX_STEP_ADD) {
            snprintf(id, sizeof id, "block%d.add%d", k, n_res);
            y = spine_circle(sp, id, group, y, 11, LX_GLYPH_PLUS) + 20;
            if (pair >= 0) merge(L, pre, group, L->card[k][pair], L->card2[k][pair], sp->prev);
            pair = -1;
            if (fork >= 0) residual(L, k, n_res, fork, sp->prev);
            fork = -1;
            n_res++;
        } else if (st->type == LX_STEP_LABEL) { /* left of the spine line, where no residual runs */
            snprintf(id, sizeof id, "block%d.label%d", k, j);
            if (++kind > 0) snprintf(pre, sizeof pre, "block%d.k%d", k, kind);
            y = lx_lay_text_block(L, id, group, LX_FONT_CAPTION, LX_INK_MUTED, L->x0 + 30, y + 8,
                                  L->cx - L->x0 - 30 - 14, st->card.title) + 2;
        } else {
            snprintf(id, sizeof id, "%s.%s", pre, st->card.id);
            y = spine_card(sp, id, group, y, card_width(L, &st->card, true), &st->card) + 22;
            L->card[k][j] = sp->prev;
        }
    }
    return y;
}

double lx_lay_block(spine *sp, int k, double y)
{
    lx_lay *L = sp->L;
    double frame_y = layout_caption(L, k, y);
    char id[48];
    snprintf(id, sizeof id, "block%d", k);
    int group = lx_scene_group(L->s, id, -1, (lx_rect){L->x0, frame_y, L->cw, 0}, 14);
    if (group < 0) return y;
    layout_badge(L, k, group, frame_y);
    double bottom = block_steps(sp, k, group, frame_y + 26) - 4;
    L->s->els[group].r.h = bottom - frame_y;
    return bottom + 14;
}

static double layout_spine(lx_lay *L, double y)
{
    if (L->d->n_enc_blocks) return lx_lay_stacks(L, y); /* two columns: layout_encdec.c */
    spine sp = {L, -1, 0};
    y = lx_lay_spine_cards(&sp, L->d->spine_top, L->d->n_spine_top, y, "spine") - LX_ARROW_GAP + 8;
    for (int k = 0; k < L->d->n_blocks; k++) y = lx_lay_block(&sp, k, y);
    if (L->d->blocks_more[0])
        y = lx_lay_text_block(L, "blocks.more", -1, LX_FONT_NOTE, LX_INK_FAINT, L->cx + 12, y + 14,
                              L->cw / 2 - 12, L->d->blocks_more);
    y += 12;
    return lx_lay_spine_cards(&sp, L->d->spine_bottom, L->d->n_spine_bottom, y, "spine");
}

/* ---- right column and leaders ---- */

static double layout_insets(lx_lay *L, double y)
{
    if (L->d->n_strips) y = lx_lay_strip(L, y) + LX_PANEL_GAP;
    for (int i = 0; i < L->d->n_insets; i++) y = lx_lay_inset(L, i, y) + LX_PANEL_GAP;
    return lx_lay_params(L, y);
}

/* Slides inset panels (and everything below them in the right column) down, within the
 * room the spine column leaves, so that each leader line can run straight to its panel. */
static void align_insets(lx_lay *L, double left_bottom, double right_bottom, int right_end)
{
    double slack = left_bottom - right_bottom;
    for (int i = 0; i < L->d->n_insets && slack > 0; i++) {
        const lx_desc_inset *in = &L->d->insets[i];
        int panel = L->inset_panel[i];
        if (panel < 0 || in->block < 0 || in->step < 0) continue;
        int card = in->second ? L->card2[in->block][in->step] : L->card[in->block][in->step];
        if (card < 0) continue;
        double cy = lx_rect_cy(L->s->els[card].r);
        double dy = cy - (lx_rect_bottom(L->s->els[panel].r) - 30);
        if (dy <= 0) continue;
        if (dy > slack) dy = slack;
        lx_scene_translate(L->s, panel, right_end, 0, dy);
        slack -= dy;
    }
}

/* Dashed line from a card's right edge to its inset, bending in the gutter when the card's
 * centre is not level with the panel. */
static void leader(lx_lay *L, int i)
{
    const lx_desc_inset *in = &L->d->insets[i];
    if (in->block < 0 || in->step < 0) return;
    int card = in->second ? L->card2[in->block][in->step] : L->card[in->block][in->step], panel = L->inset_panel[i];
    if (card < 0 || panel < 0) return;
    lx_rect c = L->s->els[card].r, p = L->s->els[panel].r;
    double y = lx_rect_cy(c), ty = y;
    if (ty < p.y + 30) ty = p.y + 30;
    if (ty > lx_rect_bottom(p) - 30) ty = lx_rect_bottom(p) - 30;
    double gx = L->xr - 18 - 12 * i;
    lx_pt pts[4] = {{lx_rect_right(c), y}, {gx, y}, {gx, ty}, {L->xr, ty}};
    char id[48];
    snprintf(id, sizeof id, "leader.%s", in->id);
    if (ty == y) {
        lx_pt straight[2] = {pts[0], pts[3]};
        lx_scene_line(L->s, id, -1, LX_INK_KIND, in->kind, LX_F_DASHED | LX_F_CONNECT, straight, 2, card, panel);
    } else {
        lx_scene_line(L->s, id, -1, LX_INK_KIND, in->kind, LX_F_DASHED | LX_F_CONNECT, pts, 4, card, panel);
    }
}

static double right_width(lx_lay *L)
{
    double w = 760;
    for (int i = 0; i < L->d->n_insets; i++) {
        double iw = lx_lay_inset_width(L, &L->d->insets[i]) + 2 * LX_PANEL_PAD;
        if (iw > w) w = iw;
    }
    if (L->d->n_strips && lx_lay_strip_width(L) + 2 * LX_PANEL_PAD > w) w = lx_lay_strip_width(L) + 2 * LX_PANEL_PAD;
    if (lx_lay_params_width(L) + 2 * LX_PANEL_PAD > w) w = lx_lay_params_width(L) + 2 * LX_PANEL_PAD;
    return w;
}

lx_status lx_layout_arch(const lx_desc *d, lx_scene *s, lx_err *err)
{
    lx_lay L;
    memset(&L, 0, sizeof L);
    L.s = s;
    L.d = d;
    L.x0 = LX_MARGIN;
    for (int i = 0; i < LX_DESC_MAX_INSETS; i++) L.inset_panel[i] = -1;
    double tw = lx_lay_towers_width(&L); /* the vision tower / MTP column left of the spine */
    bool spine = d->n_spine_top || d->n_blocks;
    if (tw > 0) L.x0 += tw + (spine ? LX_GUTTER : 0);
    measure_spine(&L);
    if (!spine) L.cw = 0; /* a clip file: the tower is the left column */
    L.xr = L.x0 + L.cw + lx_lay_stacks_extra(&L) + LX_GUTTER;
    L.rw = right_width(&L);
    s->width = L.xr + L.rw + LX_MARGIN;
    L.top = layout_title(&L, s->width - 2 * LX_MARGIN);
    double left_bottom = spine ? layout_spine(&L, L.top) : L.top;
    if (tw > 0) lx_lay_towers(&L, LX_MARGIN, tw);
    double right_bottom = layout_insets(&L, L.top);
    align_insets(&L, left_bottom, right_bottom, s->n);
    for (int i = 0; i < d->n_insets; i++) leader(&L, i);
    lx_scene_fit_canvas(s, LX_MARGIN);
    if (!lx_scene_ok(s)) return lx_err_set(err, LX_ERR_IO, "out of memory while laying out the diagram");
    return LX_OK;
}

lx_status lx_layout_spine(const lx_desc *d, lx_scene *s, lx_err *err)
{
    lx_lay L;
    memset(&L, 0, sizeof L);
    L.s = s;
    L.d = d;
    for (int i = 0; i < 4; i++) L.inset_panel[i] = -1;
    if (!d->n_spine_top && !d->n_blocks && d->tower.present) { /* a clip file: its tower is its spine */
        L.top = 0;
        s->width = lx_lay_towers_width(&L);
        s->height = lx_lay_towers(&L, 0, s->width);
        return lx_scene_ok(s) ? LX_OK : lx_err_set(err, LX_ERR_IO, "out of memory while laying out the diagram");
    }
    measure_spine(&L);
    s->width = L.cw + lx_lay_stacks_extra(&L);
    s->height = layout_spine(&L, 0);
    if (!lx_scene_ok(s)) return lx_err_set(err, LX_ERR_IO, "out of memory while laying out the diagram");
    return LX_OK;
}
