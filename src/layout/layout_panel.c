/* layout/layout_panel — panel frames, word wrapping, the layer-pattern strip and the
 * parameter table of the architecture diagram (see arch_layout.h). */
#include <stdio.h>
#include <string.h>

#include "layout/arch_layout_int.h"
#include "util/buf.h"

/* ---- text ---- */

/* Greedy: words join the current line while it fits; when lines run out, the rest goes on
 * the last line, which is then cut with "…". A single over-wide word is cut the same way. */
int lx_lay_wrap(lx_lay *L, lx_font f, const char *text, double maxw, char lines[][256], int max)
{
    char word[256], trial[512];
    int n = 0;
    lx_buf safe; /* measure what will be drawn: controls made visible first */
    lx_buf_init(&safe);
    lx_buf_put_term(&safe, text);
    for (const char *p = lx_buf_cstr(&safe); *p;) {
        while (*p == ' ') p++;
        size_t len = strcspn(p, " ");
        if (!len) break;
        size_t keep = len < 200 ? len : 200;
        while (keep < len && keep > 0 && ((unsigned char)p[keep] & 0xC0) == 0x80) keep--; /* whole characters */
        snprintf(word, sizeof word, "%.*s", (int)keep, p);
        p += len;
        if (n == 0) { snprintf(lines[n++], 256, "%s", word); continue; }
        snprintf(trial, sizeof trial, "%s %s", lines[n - 1], word);
        bool fits = lx_scene_text_width(L->s, f, trial) <= maxw;
        if (!fits && n < max) snprintf(lines[n++], 256, "%s", word);
        else if (strlen(trial) < 256) memcpy(lines[n - 1], trial, strlen(trial) + 1);
        else break; /* the last line is already far too wide: lx_measure_fit cuts it below */
    }
    for (int i = 0; i < n; i++) {
        char fit[256];
        lx_measure_fit(L->s->measure, f, lines[i], maxw, fit, sizeof fit);
        snprintf(lines[i], 256, "%s", fit);
    }
    lx_buf_free(&safe);
    return n;
}

double lx_lay_text_block(lx_lay *L, const char *id, int parent, lx_font f, lx_ink ink, double x, double y,
                         double maxw, const char *text)
{
    char lines[6][256], lid[96];
    int n = lx_lay_wrap(L, f, text, maxw, lines, 6);
    double step = f.size * 1.45;
    for (int i = 0; i < n; i++) {
        snprintf(lid, sizeof lid, n > 1 ? "%s.%d" : "%s", id, i);
        lx_scene_text(L->s, lid, parent, f, ink, LX_ANCHOR_START, x, y + step * i, lines[i]);
    }
    return y + step * n;
}

/* ---- panels ---- */

int lx_lay_panel_open(lx_lay *L, const char *id, lx_kind kind, double y, const char *title, const char *figure,
                      double *content_y)
{
    int p = lx_scene_panel(L->s, id, -1, kind, (lx_rect){L->xr, y, L->rw, 0}, 12);
    char tid[64];
    snprintf(tid, sizeof tid, "%s.title", id);
    lx_ink ink = kind == LX_KIND_NEUTRAL ? LX_INK_TITLE : LX_INK_KIND;
    int t = lx_scene_text(L->s, tid, p, LX_FONT_PANEL_TITLE, ink, LX_ANCHOR_START, L->xr + LX_PANEL_PAD, y + 34, title);
    if (t >= 0) L->s->els[t].kind = kind;
    if (figure && figure[0]) {
        snprintf(tid, sizeof tid, "%s.figure", id);
        lx_scene_text(L->s, tid, p, LX_FONT_BODY, LX_INK_MUTED, LX_ANCHOR_END, L->xr + L->rw - LX_PANEL_PAD, y + 34,
                      figure);
    }
    *content_y = y + 56;
    return p;
}

void lx_lay_panel_close(lx_lay *L, int panel, double bottom)
{
    if (panel < 0) return;
    L->s->els[panel].r.h = bottom + LX_PANEL_PAD - L->s->els[panel].r.y;
}

/* ---- layer pattern ---- */

#define STRIP_LABEL_W 110.0

static double strip_cell(lx_lay *L)
{
    double avail = L->rw - 2 * LX_PANEL_PAD - STRIP_LABEL_W;
    double c = avail / L->d->n_layers;
    return c > 18 ? 18 : c;
}

double lx_lay_strip_width(lx_lay *L)
{
    double w = STRIP_LABEL_W + 8.0 * L->d->n_layers;
    double legend = 0;
    for (int i = 0; i < L->d->n_strips; i++) {
        const lx_desc_strip *s = &L->d->strips[i];
        double one = 20; /* the legend wraps between rows: the widest row's legend counts */
        for (int c = 0; c < s->n_cats; c++) one += 20 + lx_scene_text_width(L->s, LX_FONT_SMALL, s->cat[c].label);
        if (one > legend) legend = one;
    }
    return w > legend ? w : legend;
}

static void strip_row(lx_lay *L, int panel, int r, double y, double cell)
{
    const lx_desc_strip *st = &L->d->strips[r];
    char id[64];
    snprintf(id, sizeof id, "pattern.%d.label", r);
    lx_scene_text(L->s, id, panel, LX_FONT_BODY, LX_INK_TEXT, LX_ANCHOR_START, L->xr + LX_PANEL_PAD, y + 13, st->label);
    double x = L->xr + LX_PANEL_PAD + STRIP_LABEL_W;
    double gap = cell >= 6 ? 2 : cell >= 3 ? 1 : 0;
    for (int i = 0; i < L->d->n_layers; i++) {
        const lx_desc_cat *cat = &st->cat[st->cell[i] < st->n_cats ? st->cell[i] : 0];
        lx_kind k = cat->kind;
        double alpha = cat->strong ? 1.0 : 0.35;
        char tip[96];
        snprintf(tip, sizeof tip, "layer %d: %s", i, cat->label);
        snprintf(id, sizeof id, "pattern.%d.L%d", r, i);
        lx_scene_swatch(L->s, id, panel, k, (lx_rect){x + cell * i, y, cell - gap, 18}, alpha, LX_F_STRONG, tip);
    }
}

/* Layer numbers under the cells: 0, every 8th or 10th, and the last. */
static void strip_ticks(lx_lay *L, int panel, double y, double cell)
{
    int n = L->d->n_layers, every = n > 64 ? 16 : n > 24 ? 8 : 4;
    double x0 = L->xr + LX_PANEL_PAD + STRIP_LABEL_W;
    double last_right = -1e9;
    for (int i = 0; i < n; i++) {
        if (i % every != 0 && i != n - 1) continue;
        char t[16], id[48];
        snprintf(t, sizeof t, "%d", i);
        double cx = x0 + cell * i + cell / 2, w = lx_scene_text_width(L->s, LX_FONT_SMALL, t);
        if (cx - w / 2 < last_right + 6) continue;
        snprintf(id, sizeof id, "pattern.tick%d", i);
        lx_scene_text(L->s, id, panel, LX_FONT_SMALL, LX_INK_FAINT, LX_ANCHOR_MIDDLE, cx, y + 12, t);
        last_right = cx + w / 2;
    }
}

static double strip_legend(lx_lay *L, int panel, double y)
{
    double x = L->xr + LX_PANEL_PAD;
    for (int r = 0; r < L->d->n_strips; r++) {
        const lx_desc_strip *st = &L->d->strips[r];
        for (int side = 0; side < st->n_cats; side++) {
            const lx_desc_cat *cat = &st->cat[side];
            const char *label = cat->label;
            double w = lx_scene_text_width(L->s, LX_FONT_SMALL, label);
            if (x + 18 + w > L->xr + L->rw - LX_PANEL_PAD) { x = L->xr + LX_PANEL_PAD; y += 20; }
            char id[48];
            snprintf(id, sizeof id, "pattern.%d.key%d", r, side);
            double alpha = cat->strong ? 1.0 : 0.35;
            lx_scene_swatch(L->s, id, panel, cat->kind, (lx_rect){x, y - 10, 12, 12}, alpha,
                            LX_F_STRONG, label);
            snprintf(id, sizeof id, "pattern.%d.keytext%d", r, side);
            lx_scene_text(L->s, id, panel, LX_FONT_SMALL, LX_INK_TEXT, LX_ANCHOR_START, x + 18, y, label);
            x += 18 + w + 22;
        }
        x += 10;
    }
    return y;
}

double lx_lay_strip(lx_lay *L, double y)
{
    double cy;
    int p = lx_lay_panel_open(L, "pattern", LX_KIND_NEUTRAL, y, L->d->strip_title, NULL, &cy);
    double cell = strip_cell(L);
    for (int r = 0; r < L->d->n_strips; r++) {
        strip_row(L, p, r, cy, cell);
        cy += 26;
    }
    strip_ticks(L, p, cy, cell);
    double bottom = strip_legend(L, p, cy + 36);
    lx_lay_panel_close(L, p, bottom + 4);
    return lx_rect_bottom(L->s->els[p].r);
}

/* ---- parameter table ---- */

#define COLS 4 /* parameters, share, bytes, bits per weight */

static const char *row_col(const lx_desc_row *r, int c)
{
    return c == 0 ? r->params_s : c == 1 ? r->share_s : c == 2 ? r->bytes_s : r->bits_s;
}

static const char *const HEADS[COLS] = {"parameters", "share", "bytes", "bits/weight"};

static void row_label(const lx_desc_row *r, char *out, size_t cap)
{
    if (r->detail[0]) snprintf(out, cap, "%s · %s", r->label, r->detail);
    else snprintf(out, cap, "%s", r->label);
}

/* Column widths (max of header and cells) and the label column width. */
static double table_widths(lx_lay *L, double cw[COLS])
{
    const lx_desc *d = L->d;
    int ncol = d->show_bits ? COLS : COLS - 1;
    double label = 0;
    for (int c = 0; c < ncol; c++) cw[c] = lx_scene_text_width(L->s, LX_FONT_SMALL, HEADS[c]);
    for (int i = 0; i <= d->n_rows; i++) {
        const lx_desc_row *r = i < d->n_rows ? &d->rows[i] : &d->total;
        char lab[128];
        row_label(r, lab, sizeof lab);
        double lw = lx_scene_text_width(L->s, i < d->n_rows ? LX_FONT_BODY : LX_FONT_BODY_BOLD, lab);
        if (lw > label) label = lw;
        for (int c = 0; c < ncol; c++) {
            double w = lx_scene_text_width(L->s, LX_FONT_BODY_BOLD, row_col(r, c));
            if (w > cw[c]) cw[c] = w;
        }
    }
    return label;
}

double lx_lay_params_width(lx_lay *L)
{
    double cw[COLS];
    double w = 20 + table_widths(L, cw) + 40;
    int ncol = L->d->show_bits ? COLS : COLS - 1;
    for (int c = 0; c < ncol; c++) w += cw[c] + 28;
    return w;
}

static void params_bar(lx_lay *L, int panel, double y)
{
    const lx_desc *d = L->d;
    double x = L->xr + LX_PANEL_PAD, w = L->rw - 2 * LX_PANEL_PAD;
    double total = (double)d->total.params, acc = 0;
    for (int i = 0; i < d->n_rows && total > 0; i++) {
        double x0 = x + w * acc / total;
        acc += (double)d->rows[i].params;
        double x1 = x + w * acc / total;
        if (x1 - x0 < 0.5) continue;
        char id[48], tip[160];
        snprintf(id, sizeof id, "params.bar%d", i);
        snprintf(tip, sizeof tip, "%s: %s parameters (%s)", d->rows[i].label, d->rows[i].params_s, d->rows[i].share_s);
        lx_scene_bar(L->s, id, panel, d->rows[i].kind, (lx_rect){x0, y, x1 - x0, 18}, tip);
    }
}

static void table_row(lx_lay *L, int panel, const lx_desc_row *r, int i, double y, const double *right, bool bold)
{
    int ncol = L->d->show_bits ? COLS : COLS - 1;
    double x = L->xr + LX_PANEL_PAD;
    char id[48], lab[128];
    if (!bold) {
        snprintf(id, sizeof id, "params.key%d", i);
        lx_scene_swatch(L->s, id, panel, r->kind, (lx_rect){x, y - 11, 12, 12}, 1.0, LX_F_STRONG, r->label);
    }
    row_label(r, lab, sizeof lab);
    snprintf(id, sizeof id, "params.row%d.label", i);
    lx_font f = bold ? LX_FONT_BODY_BOLD : LX_FONT_BODY;
    lx_scene_text(L->s, id, panel, f, LX_INK_TEXT, LX_ANCHOR_START, x + 20, y, lab);
    for (int c = 0; c < ncol; c++) {
        snprintf(id, sizeof id, "params.row%d.c%d", i, c);
        lx_scene_text(L->s, id, panel, f, c == 0 ? LX_INK_TEXT : LX_INK_MUTED, LX_ANCHOR_END, right[c], y, row_col(r, c));
    }
}

/* Right edges of the number columns, packed against the panel's right side. */
static void table_columns(lx_lay *L, double *right)
{
    double cw[COLS];
    table_widths(L, cw);
    int ncol = L->d->show_bits ? COLS : COLS - 1;
    double x = L->xr + L->rw - LX_PANEL_PAD;
    for (int c = ncol - 1; c >= 0; c--) {
        right[c] = x;
        x -= cw[c] + 28;
    }
}

double lx_lay_params(lx_lay *L, double y)
{
    const lx_desc *d = L->d;
    double cy, right[COLS];
    int p = lx_lay_panel_open(L, "params", LX_KIND_NEUTRAL, y, d->params_title, NULL, &cy);
    params_bar(L, p, cy - 4);
    table_columns(L, right);
    cy += 38;
    int ncol = d->show_bits ? COLS : COLS - 1;
    for (int c = 0; c < ncol; c++) {
        char id[48];
        snprintf(id, sizeof id, "params.head%d", c);
        lx_scene_text(L->s, id, p, LX_FONT_SMALL, LX_INK_FAINT, LX_ANCHOR_END, right[c], cy, HEADS[c]);
    }
    cy += 24;
    for (int i = 0; i < d->n_rows; i++, cy += 22) table_row(L, p, &d->rows[i], i, cy, right, false);
    lx_pt rule[2] = {{L->xr + LX_PANEL_PAD, cy - 14}, {L->xr + L->rw - LX_PANEL_PAD, cy - 14}};
    lx_scene_line(L->s, "params.rule", p, LX_INK_RULE, LX_KIND_NEUTRAL, 0, rule, 2, -1, -1);
    table_row(L, p, &d->total, d->n_rows, cy + 4, right, true);
    cy += 36;
    double maxw = L->rw - 2 * LX_PANEL_PAD;
    if (d->active_note[0])
        cy = lx_lay_text_block(L, "params.active", p, LX_FONT_BODY, LX_INK_TEXT, L->xr + LX_PANEL_PAD, cy, maxw,
                               d->active_note) + 4;
    if (d->kv_note[0])
        cy = lx_lay_text_block(L, "params.kv", p, LX_FONT_BODY, LX_INK_MUTED, L->xr + LX_PANEL_PAD, cy, maxw, d->kv_note);
    lx_lay_panel_close(L, p, cy - 10);
    return lx_rect_bottom(L->s->els[p].r);
}
