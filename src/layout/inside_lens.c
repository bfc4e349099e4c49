/* layout/inside_lens — the poster's views of the output side (see inside_int.h): the logit
 * lens (the token the output head reads from the residual stream after each layer, at the
 * last position, with its probability) and the whole next-token distribution, sorted and
 * drawn on log–log axes, for the next-token panel. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/inside_int.h"

#define LENS_ROW_H 22.0
#define LENS_TRACK_W 220.0
#define CURVE_POINTS 240

static double content_w(const lx_ilay *L) { return L->w - 2 * LX_IPAD; }
static double content_x(const lx_ilay *L) { return L->x + LX_IPAD; }

/* ---- logit lens ---- */

static void stage_name(const lx_trace *t, size_t k, char *out, size_t cap)
{
    if (k == 0) snprintf(out, cap, "embeddings");
    else snprintf(out, cap, "after layer %zu%s", k - 1, k == t->n_layers ? " (the output)" : "");
}

static void lens_row(lx_ilay *L, int p, size_t k, double y, double sw, double tw)
{
    const lx_trace *t = &L->in->trace;
    double x = content_x(L);
    char id[48], text[256], fitted[256];
    snprintf(id, sizeof id, "lens.stage%zu", k);
    stage_name(t, k, text, sizeof text);
    lx_scene_text(L->s, id, p, LX_IFONT_SMALL, LX_INK_MUTED, LX_ANCHOR_START, x, y + 15, text);
    char *label = lx_ilay_token_text(t->lens_pieces[k] ? t->lens_pieces[k] : "?", true);
    lx_ilay_fit(L, LX_IFONT_BODY_BOLD, label ? label : "?", tw, fitted, sizeof fitted);
    free(label);
    snprintf(id, sizeof id, "lens.tok%zu", k);
    lx_scene_text(L->s, id, p, LX_IFONT_BODY_BOLD, LX_INK_TEXT, LX_ANCHOR_START, x + sw, y + 15, fitted);
    double tx = x + sw + tw + 14;
    snprintf(id, sizeof id, "lens.track%zu", k);
    int track = lx_scene_swatch(L->s, id, p, LX_KIND_OUTPUT, (lx_rect){tx, y + 4, LENS_TRACK_W, 14}, 0.1, 0, NULL);
    snprintf(id, sizeof id, "lens.bar%zu", k);
    double w = fmin(fmax(1, LENS_TRACK_W * (double)t->lens_prob[k]), LENS_TRACK_W);
    lx_scene_bar(L->s, id, track, LX_KIND_OUTPUT, (lx_rect){tx, y + 4, w, 14}, NULL);
    snprintf(id, sizeof id, "lens.p%zu", k);
    lx_ilay_percent(text, sizeof text, t->lens_prob[k]);
    lx_scene_text(L->s, id, p, LX_IFONT_SMALL_BOLD, LX_INK_TEXT, LX_ANCHOR_START, tx + LENS_TRACK_W + 10, y + 15, text);
}

int lx_ilay_lens(lx_ilay *L, double y)
{
    const lx_trace *t = &L->in->trace;
    if (!t->lens_pieces) return -1;
    char cap[640], fig[160];
    snprintf(fig, sizeof fig, "at the last token %s", L->last);
    int p = lx_ilay_panel_open(L, "inside.lens", LX_KIND_OUTPUT, y, "Logit lens: what the model would say after each layer",
                               fig, &y);
    if (p < 0) return -1;
    snprintf(cap, sizeof cap,
             "The final norm and the output layer, applied to the residual stream at the last token after each "
             "stage instead of only at the end: the token that would come out if the model stopped there, and its "
             "probability. The last row is the model's own answer.");
    y = lx_ilay_text(L, "lens.caption", p, LX_IFONT_BODY, LX_INK_MUTED, content_x(L), y, content_w(L), cap) + 8;
    char name[64];
    stage_name(t, t->n_layers, name, sizeof name);
    double sw = lx_scene_text_width(L->s, LX_IFONT_SMALL, name) + 16, tw = 60;
    for (size_t k = 0; k <= t->n_layers; k++) {
        char *label = lx_ilay_token_text(t->lens_pieces[k] ? t->lens_pieces[k] : "?", true);
        if (label) tw = fmax(tw, lx_scene_text_width(L->s, LX_IFONT_BODY_BOLD, label));
        free(label);
    }
    tw = fmin(tw, 200);
    for (size_t k = 0; k <= t->n_layers; k++, y += LENS_ROW_H) lens_row(L, p, k, y, sw, tw);
    lx_ilay_panel_close(L, p, y);
    return p;
}

/* ---- the whole distribution ---- */

typedef struct chart {
    double x, y, w, h;     /* plot area */
    double lx_max, ly_min; /* log10 of the largest rank, of the smallest probability */
} chart;

static double cx_of(const chart *c, double rank) { return c->x + c->w * log10(rank) / fmax(c->lx_max, 1e-9); }
static double cy_of(const chart *c, double p) { return c->y + c->h * fmin(log10(p), 0) / c->ly_min; }

/* "1", "10⁻³": powers of ten with superscript exponents. */
static void power_label(int e, char *out, size_t cap)
{
    static const char *const SUP[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    if (e == 0) { snprintf(out, cap, "1"); return; }
    char digits[16];
    snprintf(digits, sizeof digits, "%d", e < 0 ? -e : e);
    snprintf(out, cap, "10%s", e < 0 ? "⁻" : "");
    for (const char *d = digits; *d; d++) strncat(out, SUP[*d - '0'], cap - strlen(out) - 1);
}

static void chart_axes(lx_ilay *L, int p, const chart *c)
{
    const lx_trace *t = &L->in->trace;
    lx_pt axis[3] = {{c->x, c->y}, {c->x, c->y + c->h}, {c->x + c->w, c->y + c->h}};
    lx_scene_line(L->s, "dist.axes", p, LX_INK_RULE, LX_KIND_NEUTRAL, 0, axis, 3, -1, -1);
    char id[48], text[32];
    int decades = (int)ceil(-c->ly_min), every = decades > 6 ? (decades + 5) / 6 : 1;
    for (int e = 0; e <= decades; e += every) {
        snprintf(id, sizeof id, "dist.y%d", e);
        power_label(-e, text, sizeof text);
        lx_scene_text(L->s, id, p, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_END, c->x - 5, cy_of(c, pow(10, -e)) + 3.5, text);
    }
    for (double r = 1; r <= (double)t->vocab; r *= 10) {
        snprintf(id, sizeof id, "dist.x%.0f", r);
        lx_fmt_thousands(text, sizeof text, (uint64_t)r);
        lx_scene_text(L->s, id, p, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_MIDDLE, cx_of(c, r), c->y + c->h + 13, text);
    }
}

static void chart_curve(lx_ilay *L, int p, const chart *c)
{
    const lx_trace *t = &L->in->trace;
    lx_pt pts[CURVE_POINTS];
    int n = 0;
    size_t last = 0;
    for (int i = 0; i < CURVE_POINTS; i++) {
        size_t r = (size_t)llround(pow((double)t->vocab, (double)i / (CURVE_POINTS - 1)));
        if (r <= last || r > t->vocab) continue;
        last = r;
        double pr = fmax((double)t->probs_sorted[r - 1], pow(10, c->ly_min));
        pts[n++] = (lx_pt){cx_of(c, (double)r), cy_of(c, pr)};
    }
    if (n >= 2) lx_scene_line(L->s, "dist.curve", p, LX_INK_KIND, LX_KIND_OUTPUT, 0, pts, n, -1, -1);
    if (t->vocab < 10) return;
    lx_pt top10[2] = {{cx_of(c, 10), c->y}, {cx_of(c, 10), c->y + c->h}};
    lx_scene_line(L->s, "dist.top10", p, LX_INK_RULE, LX_KIND_NEUTRAL, LX_F_DASHED, top10, 2, -1, -1);
}

double lx_ilay_distribution(lx_ilay *L, int p, double x, double y, double w, double h)
{
    const lx_trace *t = &L->in->trace;
    if (t->vocab < 2 || !t->probs_sorted) return y;
    char title[160], vocab[32], note[200], share[32];
    lx_fmt_thousands(vocab, sizeof vocab, t->vocab);
    snprintf(title, sizeof title, "All %s probabilities, largest first (log–log)", vocab);
    lx_scene_text(L->s, "dist.title", p, LX_IFONT_SMALL_BOLD, LX_INK_TEXT, LX_ANCHOR_START, x, y + 12, title);
    float smallest = 1;
    for (size_t i = 0; i < t->vocab; i++)
        if (t->probs_sorted[i] > 0) smallest = t->probs_sorted[i];
    chart c = {x + 42, y + 28, w - 52, h - 28 - 54, log10((double)t->vocab), fmin(floor(log10(smallest)), -1)};
    if (c.ly_min < -40) c.ly_min = -40;
    chart_axes(L, p, &c);
    chart_curve(L, p, &c);
    double top = 0;
    for (size_t i = 0; i < 10 && i < t->vocab; i++) top += t->probs_sorted[i];
    lx_ilay_percent(share, sizeof share, top);
    snprintf(note, sizeof note, "x: rank · y: probability · dashed: the top 10, %s of it all", share);
    lx_scene_text(L->s, "dist.note", p, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_START, x, c.y + c.h + 32, note);
    return c.y + c.h + 36;
}
