/* layout/layout_encdec — the two stacks of an encoder-decoder, side by side.
 *
 * The encoder column (spine_top, the encoder's blocks, enc_bottom: its final norm and its
 * output) is drawn at the spine's place; the decoder column (dec_top, the decoder's blocks,
 * spine_bottom) one column width and a gap to its right. One arrow runs from the encoder's
 * output into each decoder block's cross-attention card (id "xattn"): the columns are
 * shifted vertically so that the first of these arrows is level, and the others bend in the
 * gap between the columns. The inset panels go right of the decoder column, whose cards
 * they zoom into (describe_encdec.c points them there). */
#include "layout/arch_layout_int.h"

#include <stdio.h>
#include <string.h>

#define COLUMN_GAP 90.0 /* between the encoder's and the decoder's column */

double lx_lay_stacks_extra(const lx_lay *L) { return L->d->n_enc_blocks ? L->cw + COLUMN_GAP : 0; }

static void column_at(lx_lay *L, double x0)
{
    L->x0 = x0;
    L->cx = x0 + L->cw / 2;
}

/* The first cross-attention card of the decoder's blocks, -1 none. */
static int first_cross(const lx_lay *L, int *block, int *step)
{
    for (int k = L->d->n_enc_blocks; k < L->d->n_blocks; k++)
        for (int j = 0; j < L->d->blocks[k].n_steps; j++)
            if (L->d->blocks[k].steps[j].type == LX_STEP_CARD && !strcmp(L->d->blocks[k].steps[j].card.id, "xattn") &&
                L->card[k][j] >= 0) {
                *block = k, *step = j;
                return L->card[k][j];
            }
    return -1;
}

/* Encoder output (element out) → cross-attention card: level, or bent in the gap. */
static void cross_arrow(lx_lay *L, int out, int card, int n)
{
    lx_rect o = L->s->els[out].r, c = L->s->els[card].r;
    double y0 = lx_rect_cy(o), y1 = lx_rect_cy(c), gx = lx_rect_right(o) + COLUMN_GAP / 2 + 8.0 * n;
    char id[48];
    snprintf(id, sizeof id, "encdec.cross%d", n);
    if (y0 == y1) {
        lx_pt p[2] = {{lx_rect_right(o), y0}, {c.x, y1}};
        lx_scene_line(L->s, id, -1, LX_INK_KIND, LX_KIND_ATTENTION, LX_F_ARROW | LX_F_CONNECT, p, 2, out, card);
        return;
    }
    lx_pt p[4] = {{lx_rect_right(o), y0}, {gx, y0}, {gx, y1}, {c.x, y1}};
    lx_scene_line(L->s, id, -1, LX_INK_KIND, LX_KIND_ATTENTION, LX_F_ARROW | LX_F_CONNECT, p, 4, out, card);
}

static double encoder_column(lx_lay *L, double y, int *out)
{
    const lx_desc *d = L->d;
    lx_spine sp = {L, -1, 0};
    y = lx_lay_spine_cards(&sp, d->spine_top, d->n_spine_top, y, "spine") - LX_ARROW_GAP + 8;
    for (int k = 0; k < d->n_enc_blocks; k++) y = lx_lay_block(&sp, k, y);
    y = lx_lay_spine_cards(&sp, d->enc_bottom, d->n_enc_bottom, y + 12, "enc");
    *out = sp.prev;
    return y;
}

static double decoder_column(lx_lay *L, double y)
{
    const lx_desc *d = L->d;
    lx_spine sp = {L, -1, 0};
    y = lx_lay_spine_cards(&sp, d->dec_top, d->n_dec_top, y, "dec") - LX_ARROW_GAP + 8;
    for (int k = d->n_enc_blocks; k < d->n_blocks; k++) y = lx_lay_block(&sp, k, y);
    return lx_lay_spine_cards(&sp, d->spine_bottom, d->n_spine_bottom, y + 12, "spine");
}

double lx_lay_stacks(lx_lay *L, double y)
{
    double x0 = L->x0;
    int out = -1, e0 = L->s->n;
    double enc_bottom = encoder_column(L, y, &out);
    int d0 = L->s->n;
    column_at(L, x0 + L->cw + COLUMN_GAP);
    double dec_bottom = decoder_column(L, y);
    int end = L->s->n, kb = -1, js = -1;
    int card = first_cross(L, &kb, &js);
    if (out >= 0 && card >= 0) { /* level the first arrow by moving the higher column down */
        double dy = lx_rect_cy(L->s->els[out].r) - lx_rect_cy(L->s->els[card].r);
        if (dy > 0) lx_scene_translate(L->s, d0, end, 0, dy), dec_bottom += dy;
        else lx_scene_translate(L->s, e0, d0, 0, -dy), enc_bottom -= dy;
        for (int k = L->d->n_enc_blocks, n = 0; k < L->d->n_blocks; k++)
            for (int j = 0; j < L->d->blocks[k].n_steps; j++)
                if (L->card[k][j] >= 0 && !strcmp(L->d->blocks[k].steps[j].card.id, "xattn"))
                    cross_arrow(L, out, L->card[k][j], n++);
    }
    column_at(L, x0);
    return enc_bottom > dec_bottom ? enc_bottom : dec_bottom;
}
