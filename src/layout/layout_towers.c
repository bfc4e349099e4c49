/* layout/layout_towers — the vision and audio towers beside the spine and the MTP modules
 * beside the output head (the description is layout/describe_towers').
 *
 * A tower is a panel in its own column left of the spine: its input, the stem (patch
 * embedding or subsampling convs), positions, one block in a container with its "× N" badge,
 * what follows the stack and the projector (its card says what it hands over); an arrow
 * leaves the projector, runs up the gutter and enters the token embedding card from the
 * left. The audio tower's panel sits below the vision tower's; its arrow runs nearer the
 * spine and enters the embedding lower, so the two arrows never cross. The MTP card sits in the
 * same column level with the output head, a dashed connector joining them. Without a
 * language model (a clip file) the tower is the whole picture's left column. */
#include "layout/layout_towers.h"

#include <stdio.h>
#include <string.h>

#define T_PAD 18.0   /* inside the tower panel */
#define T_GAP 22.0   /* between cards of the column */
#define T_BLOCK 16.0 /* inside the block container */

static double card_w(lx_lay *L, const lx_desc_card *c, int n, double w)
{
    for (int i = 0; i < n; i++)
        if (lx_lay_card_w(L, &c[i]) > w) w = lx_lay_card_w(L, &c[i]);
    return w;
}

static double tower_width(lx_lay *L, const lx_desc_tower *t, double w)
{
    w = card_w(L, t->top, t->n_top, w);
    w = card_w(L, t->block, t->n_block, w - 2 * T_BLOCK) + 2 * T_BLOCK;
    w = card_w(L, t->bottom, t->n_bottom, w);
    double title = lx_scene_text_width(L->s, LX_FONT_PANEL_TITLE, t->title) +
                   lx_scene_text_width(L->s, LX_FONT_BODY, t->figure) + 30;
    if (title > w) w = title;
    double cap = lx_scene_text_width(L->s, LX_FONT_CAPTION, t->block_caption) +
                 lx_scene_text_width(L->s, LX_FONT_BADGE, t->block_badge) + 70;
    return cap > w ? cap : w;
}

double lx_lay_towers_width(lx_lay *L)
{
    const lx_desc_tower *t = &L->d->tower, *au = &L->d->audio;
    if (!t->present && !t->has_mtp && !au->present) return 0;
    double w = 260;
    if (t->present) w = tower_width(L, t, w);
    if (au->present) w = tower_width(L, au, w);
    if (t->has_mtp && lx_lay_card_w(L, &t->mtp) > w) w = lx_lay_card_w(L, &t->mtp);
    return w + 2 * T_PAD;
}

typedef struct col {
    lx_lay *L;
    const lx_desc_tower *t;
    const char *pfx; /* "tower" (vision) or "audio": the ids of its elements */
    double x, w;   /* the column's cards: left and width */
    int prev;      /* element the next arrow leaves, -1 none */
    double prev_bottom;
} col;

static double col_card(col *c, const char *id, int parent, double y, double x, double w, const lx_desc_card *dc)
{
    lx_rect r = {x, y, w, lx_lay_card_h(c->L, dc)};
    int box = lx_lay_put_card(c->L, id, parent, r, dc);
    if (c->prev >= 0 && box >= 0) {
        char aid[64];
        snprintf(aid, sizeof aid, "%s.in", id);
        lx_pt p[2] = {{x + w / 2, c->prev_bottom}, {x + w / 2, y}};
        lx_lay_arrow(c->L, aid, parent, p, 2, c->prev, box);
    }
    c->prev = box;
    c->prev_bottom = lx_rect_bottom(r);
    return c->prev_bottom + T_GAP;
}

static double col_cards(col *c, int parent, double y, const lx_desc_card *cards, int n)
{
    for (int i = 0; i < n; i++) {
        char id[64];
        snprintf(id, sizeof id, "%s.%s", c->pfx, cards[i].id);
        y = col_card(c, id, parent, y, c->x, c->w, &cards[i]);
    }
    return y;
}

/* The repeated block: caption, badge, a container of its cards. */
static double col_block(col *c, int parent, double y)
{
    lx_lay *L = c->L;
    const lx_desc_tower *t = c->t;
    char lines[3][256], id[64]; /* left of the arrow that runs down the middle */
    int n = lx_lay_wrap(L, LX_FONT_CAPTION, t->block_caption, c->w / 2 - 14, lines, 3);
    for (int i = 0; i < n; i++) {
        snprintf(id, sizeof id, "%s.block.caption%d", c->pfx, i);
        lx_scene_text(L->s, id, parent, LX_FONT_CAPTION, LX_INK_MUTED, LX_ANCHOR_START, c->x + 4, y + 12 + 17.0 * i,
                      lines[i]);
    }
    double top = y + 24 + 17.0 * (n - 1);
    snprintf(id, sizeof id, "%s.block", c->pfx);
    int g = lx_scene_group(L->s, id, parent, (lx_rect){c->x, top, c->w, 0}, 14);
    double bw = lx_scene_text_width(L->s, LX_FONT_BADGE, t->block_badge) + 40;
    lx_rect br = {c->x + c->w - bw - 10, top - 16, bw, 32};
    snprintf(id, sizeof id, "%s.block.badge", c->pfx);
    int badge = lx_scene_badge(L->s, id, g, br);
    snprintf(id, sizeof id, "%s.block.badge.text", c->pfx);
    lx_scene_text(L->s, id, badge, LX_FONT_BADGE, LX_INK_INVERSE, LX_ANCHOR_MIDDLE, lx_rect_cx(br), br.y + 22,
                  t->block_badge);
    double yy = top + 26;
    for (int i = 0; i < t->n_block; i++) {
        snprintf(id, sizeof id, "%s.block.%s", c->pfx, t->block[i].id);
        yy = col_card(c, id, g, yy, c->x + T_BLOCK, c->w - 2 * T_BLOCK, &t->block[i]);
    }
    if (g >= 0) L->s->els[g].r.h = yy - T_GAP + T_BLOCK - top;
    return yy - T_GAP + T_BLOCK + T_GAP;
}

static int find_el(const lx_scene *s, const char *id)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->els[i].id, id)) return i;
    return -1;
}

/* The first spine card of this kind (the token embedding, the output head). */
static int spine_card_of(lx_lay *L, const lx_desc_card *cards, int n, lx_kind kind)
{
    for (int i = 0; i < n; i++) {
        if (cards[i].kind != kind) continue;
        char id[48];
        snprintf(id, sizeof id, "spine.%s", cards[i].id);
        return find_el(L->s, id);
    }
    return -1;
}

/* Projector -> up the gutter at gx -> into the token embedding's left edge, dy below its middle. */
static void join_embedding(lx_lay *L, const char *id, int proj, double gx, double dy)
{
    int emb = spine_card_of(L, L->d->spine_top, L->d->n_spine_top, LX_KIND_EMBEDDING);
    if (proj < 0 || emb < 0) return;
    lx_rect p = L->s->els[proj].r, e = L->s->els[emb].r;
    double ey = lx_rect_cy(e) + dy;
    lx_pt pts[4] = {{lx_rect_right(p), lx_rect_cy(p)}, {gx, lx_rect_cy(p)}, {gx, ey}, {e.x, ey}};
    lx_lay_arrow(L, id, -1, pts, 4, proj, emb);
}

/* One tower's panel from y; with both towers the vision arrow keeps the gutter's left part
 * and the embedding's upper half, the audio arrow the right part and lower half. */
static double layout_tower(lx_lay *L, const lx_desc_tower *t, const char *pfx, double x, double w, double y)
{
    double save_xr = L->xr, save_rw = L->rw, cy;
    L->xr = x, L->rw = w;
    int panel = lx_lay_panel_open(L, pfx, LX_KIND_EMBEDDING, y, t->title, t->figure, &cy);
    L->xr = save_xr, L->rw = save_rw;
    col c = {L, t, pfx, x + T_PAD, w - 2 * T_PAD, -1, 0};
    cy = col_cards(&c, panel, cy, t->top, t->n_top);
    cy = col_block(&c, panel, cy);
    cy = col_cards(&c, panel, cy, t->bottom, t->n_bottom) - T_GAP;
    lx_lay_panel_close(L, panel, cy);
    char id[32];
    snprintf(id, sizeof id, "%s.proj", pfx);
    int proj = find_el(L->s, id);
    bool both = L->d->tower.present && L->d->audio.present, audio = t == &L->d->audio;
    double gutter = L->x0 - x - w, share = !both ? 0.5 : audio ? 0.7 : 0.3;
    snprintf(id, sizeof id, "%s.join", pfx);
    join_embedding(L, id, proj, x + w + gutter * share, !both ? 0 : audio ? 7 : -7);
    return cy + LX_PANEL_PAD;
}

/* The MTP card level with the output head, joined to it by a dashed connector. */
static void layout_mtp(lx_lay *L, double x, double w, double below)
{
    const lx_desc_tower *t = &L->d->tower;
    int head = spine_card_of(L, L->d->spine_bottom, L->d->n_spine_bottom, LX_KIND_OUTPUT);
    if (head < 0) return;
    lx_rect h = L->s->els[head].r;
    double ch = lx_lay_card_h(L, &t->mtp), cw = lx_lay_card_w(L, &t->mtp);
    if (cw < w - 2 * T_PAD) cw = w - 2 * T_PAD;
    double y = lx_rect_cy(h) - ch / 2;
    if (y < below + T_GAP) y = below + T_GAP;
    lx_rect r = {x + w - T_PAD - cw, y, cw, ch};
    int box = lx_lay_put_card(L, "tower.mtp", -1, r, &t->mtp);
    double ly = lx_rect_cy(r) > h.y + 10 && lx_rect_cy(r) < lx_rect_bottom(h) - 10 ? lx_rect_cy(r) : lx_rect_cy(h);
    lx_pt p[2] = {{h.x, ly}, {lx_rect_right(r), ly}};
    lx_scene_line(L->s, "tower.mtp.link", -1, LX_INK_KIND, LX_KIND_OUTPUT, LX_F_DASHED | LX_F_CONNECT, p, 2, head, box);
}

double lx_lay_towers(lx_lay *L, double x, double w)
{
    const lx_desc_tower *t = &L->d->tower;
    double bottom = L->top;
    if (t->present) bottom = layout_tower(L, t, "tower", x, w, L->top);
    if (L->d->audio.present) bottom = layout_tower(L, &L->d->audio, "audio", x, w, t->present ? bottom + T_GAP : L->top);
    if (t->has_mtp) layout_mtp(L, x, w, bottom);
    return bottom;
}
