/* layout/inside_maps — the poster's heatmap panels beyond the embeddings (see inside_int.h):
 * positions (the learned table beside its cosine-similarity matrix, or the sinusoidal
 * reference, labelled as such) and one layer's feed-forward activations (gate, up and
 * their product, or GELU's before and after). Each map is a labelled heatmap with its own
 * colour scale under it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/inside_int.h"

#define MAX_DIMS 64      /* columns shown of a wide table */
#define FFN_MAX_ROWS 48  /* tokens shown of the feed-forward */
#define MAP_TITLE_H 20.0 /* a map's title above it */

static double content_w(const lx_ilay *L) { return L->w - 2 * LX_IPAD; }
static double content_x(const lx_ilay *L) { return L->x + LX_IPAD; }

/* One heatmap and what is written around it. */
typedef struct map_spec {
    const char *id, *title, *tip;
    const float *v;          /* [rows][stride], the first cols of each row shown */
    size_t rows, cols, stride;
    double x, y, cw, rh;     /* top-left of the cells, cell size */
    float vmin, vmax;
    lx_scale scale;
    lx_kind kind;
    const char *row_axis;    /* "position": numbered rows; NULL: token labels (L->label) */
    const char *col_axis;    /* numbered columns under this name; NULL: none */
    bool no_row_labels;      /* a map right of another: its rows are labelled there */
} map_spec;

/* Numbered ticks every k-th index (k a power of two, labels at least gap apart). */
static size_t tick_step(double cell, double gap)
{
    size_t k = 1;
    while ((double)k * cell < gap) k *= 2;
    return k;
}

static void row_ticks(lx_ilay *L, int p, const map_spec *m)
{
    if (m->no_row_labels) return;
    char id[96], text[128];
    size_t k = m->row_axis ? tick_step(m->rh, 14) : (m->rh >= 12 ? 1 : (size_t)ceil(12 / m->rh));
    for (size_t r = 0; r < m->rows; r += k) {
        snprintf(id, sizeof id, "%s.row%zu", m->id, r);
        if (m->row_axis) snprintf(text, sizeof text, "%zu", r);
        else lx_ilay_fit(L, LX_IFONT_TAG, L->label[r], 70, text, sizeof text);
        lx_scene_text(L->s, id, p, LX_IFONT_TAG, LX_INK_TEXT, LX_ANCHOR_END, m->x - 4, m->y + m->rh * ((double)r + 0.5) + 3.5,
                      text);
    }
}

static void col_ticks(lx_ilay *L, int p, const map_spec *m)
{
    if (!m->col_axis) return;
    char id[96], text[32];
    size_t k = tick_step(m->cw, 24);
    for (size_t c = 0; c < m->cols; c += k) {
        snprintf(id, sizeof id, "%s.col%zu", m->id, c);
        snprintf(text, sizeof text, "%zu", c);
        lx_scene_text(L->s, id, p, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_MIDDLE, m->x + m->cw * ((double)c + 0.5), m->y - 4,
                      text);
    }
}

static double legend_w(double map_w) { return fmin(fmax(map_w, 120), 200); }

/* The map with its title above (and column numbers between), row ticks left, its scale
 * under it; returns the y below. m->y is where the title goes; the cells come below. */
static double labelled_map(lx_ilay *L, int p, map_spec m)
{
    char id[96], lo[32], hi[32], num[24];
    snprintf(id, sizeof id, "%s.title", m.id);
    lx_scene_text(L->s, id, p, LX_IFONT_SMALL_BOLD, LX_INK_TEXT, LX_ANCHOR_START, m.x, m.y + 11, m.title);
    m.y += MAP_TITLE_H + (m.col_axis ? 14 : 0);
    float *v = malloc(sizeof *v * (m.rows * m.cols + 1));
    if (!v) { L->s->oom = true; return m.y; }
    for (size_t r = 0; r < m.rows; r++) memcpy(v + r * m.cols, m.v + r * m.stride, sizeof *v * m.cols);
    lx_heatmap_spec h = {v, (int)m.rows, (int)m.cols, m.vmin, m.vmax, m.scale, m.kind, NULL, NULL, LX_IFONT_TAG};
    double w = m.cw * (double)m.cols, hgt = m.rh * (double)m.rows;
    int hm = lx_scene_heatmap(L->s, m.id, p, (lx_rect){m.x, m.y, w, hgt}, &h);
    free(v);
    if (hm >= 0 && m.tip) lx_scene_set_tip(L->s, hm, m.tip);
    row_ticks(L, p, &m);
    col_ticks(L, p, &m);
    lx_ilay_number(num, sizeof num, m.vmax);
    snprintf(hi, sizeof hi, "%s%s", m.vmin < 0 ? "+" : "", num);
    lx_ilay_number(num, sizeof num, fabs(m.vmin));
    snprintf(lo, sizeof lo, "%s%s", m.vmin < 0 ? "−" : "", num);
    const char *ticks[3] = {lo, m.scale == LX_SCALE_DIVERGING ? "0" : "", hi};
    snprintf(id, sizeof id, "%s.legend", m.id);
    return lx_ilay_scale_legend(L, id, p, m.kind, m.scale, m.x, m.y + hgt + 10, legend_w(w), m.vmin, m.vmax, ticks);
}

static float max_abs(const float *v, size_t rows, size_t cols, size_t stride)
{
    float m = 0;
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < cols; c++) m = fmaxf(m, fabsf(v[r * stride + c]));
    return m > 0 ? m : 1;
}

/* ---- positions ---- */

static void pos_caption(const lx_trace *t, size_t dims, char *out, size_t cap)
{
    char dm[32];
    lx_fmt_thousands(dm, sizeof dm, t->d_model);
    if (t->pos_learned) {
        snprintf(out, cap,
                 "This model adds a learned vector to each token's embedding, one per place in the text. Left: the "
                 "first %zu positions of that table (the first %zu of %s dimensions). Right: how alike each pair of "
                 "positions is (cosine similarity over all %s dimensions: 1 the same direction, 0 unrelated, −1 "
                 "opposite); neighbours that look alike are what lets the model tell near from far.",
                 t->pos_rows, dims, dm, dm);
        return;
    }
    snprintf(out, cap,
             "This model has no table of positions%s. For reference only, not this model's numbers: the sine and "
             "cosine table of the original Transformer at the same width (sine at even dimensions, cosine at odd "
             "ones, each pair slower than the last), and its cosine similarity: near positions are alike, far ones "
             "less.",
             t->model.rope_dims ? ": it turns queries and keys by position instead (RoPE, in the attention panel)"
                                : ": it sees no positions at all besides the causal mask");
}

int lx_ilay_positions(lx_ilay *L, double y)
{
    const lx_trace *t = &L->in->trace;
    if (!t->pos_rows || !t->pos_table) return -1;
    size_t n = t->pos_rows, dims = t->d_model < MAX_DIMS ? t->d_model : MAX_DIMS;
    const char *title = t->pos_learned ? "Positions: a learned vector for each place in the text"
                                       : "Positions: the sine and cosine picture (a reference, not this model)";
    char fig[64], cap[1024], mt[160], tip[160];
    snprintf(fig, sizeof fig, "%s, first %zu positions", t->pos_learned ? "learned" : "reference", n);
    int p = lx_ilay_panel_open(L, "inside.pos", LX_KIND_POSITION, y, title, fig, &y);
    if (p < 0) return -1;
    pos_caption(t, dims, cap, sizeof cap);
    y = lx_ilay_text(L, "pos.caption", p, LX_IFONT_BODY, LX_INK_MUTED, content_x(L), y, content_w(L), cap) + 14;
    double x = content_x(L) + 30, cw = fmax(3, fmin(10, 320.0 / (double)dims)), rh = 4;
    snprintf(mt, sizeof mt, "%s: position × dimension", t->pos_learned ? "the position table" : "sin / cos table");
    snprintf(tip, sizeof tip, "%s: one row per position, one column per dimension",
             t->pos_learned ? "learned position embeddings" : "sinusoidal reference");
    float m = max_abs(t->pos_table, n, dims, t->d_model);
    map_spec table = {"pos.table", mt, tip, t->pos_table, n, dims, t->d_model, x, y, cw, rh, -m, m,
                      LX_SCALE_DIVERGING, LX_KIND_POSITION, "position", "dimension", false};
    double bottom = labelled_map(L, p, table);
    double table_w = fmax(fmax(cw * (double)dims, legend_w(cw * (double)dims)),
                          lx_scene_text_width(L->s, LX_IFONT_SMALL_BOLD, mt));
    double cx = x + table_w + 70;
    map_spec cosm = {"pos.cos", "cosine similarity: position × position", "cosine similarity of two positions' vectors",
                     t->pos_cos, n, n, n, cx, y, rh, rh, -1, 1, LX_SCALE_DIVERGING, LX_KIND_POSITION, "position",
                     "position", false};
    bottom = fmax(bottom, labelled_map(L, p, cosm));
    lx_ilay_panel_close(L, p, bottom);
    return p;
}

/* ---- one layer's feed-forward ---- */

typedef struct ffn_maps {
    const char *title[3], *tip[3];
    const float *v[3];
    size_t n;
} ffn_maps;

static ffn_maps ffn_what(const lx_trace *t)
{
    if (t->ffn_kind == LX_TRACE_FFN_GELU)
        return (ffn_maps){{"up projection (before GELU)", "GELU(up): into the down projection", NULL},
                          {"the up projection of each token", "after GELU", NULL},
                          {t->ffn_up, t->ffn_act, NULL}, 2};
    bool ge = t->ffn_kind == LX_TRACE_FFN_GEGLU;
    return (ffn_maps){{ge ? "gate (before GELU)" : "gate (before SiLU)", "up", ge ? "GELU(gate) × up" : "SiLU(gate) × up"},
                      {"the gate projection", "the up projection", "the product, into the down projection"},
                      {t->ffn_gate, t->ffn_up, t->ffn_act}, 3};
}

static void ffn_caption(const lx_trace *t, size_t rows, size_t cols, char *out, size_t cap)
{
    char df[32], cut[128] = "";
    lx_fmt_thousands(df, sizeof df, t->d_ff);
    if (rows < t->n_tok) snprintf(cut, sizeof cut, " The first %zu tokens are shown.", rows);
    if (t->ffn_kind == LX_TRACE_FFN_GELU)
        snprintf(out, cap,
                 "In layer %zu each token's vector is projected to %s hidden units and passed through GELU, which "
                 "lets positive values through and squashes negative ones; the first %zu units are shown, one row "
                 "per token.%s",
                 t->ffn_layer, df, cols, cut);
    else
        snprintf(out, cap,
                 "In layer %zu each token's vector is projected twice to %s hidden units: the gate, through %s, decides "
                 "how much of the up projection passes; their product goes to the down projection. The first %zu "
                 "units are shown, one row per token.%s",
                 t->ffn_layer, df, t->ffn_kind == LX_TRACE_FFN_GEGLU ? "GELU" : "SiLU", cols, cut);
}

int lx_ilay_ffn(lx_ilay *L, double y)
{
    const lx_trace *t = &L->in->trace;
    if (t->ffn_kind == LX_TRACE_FFN_NONE || !t->d_ff) return -1;
    ffn_maps f = ffn_what(t);
    size_t rows = t->n_tok < FFN_MAX_ROWS ? t->n_tok : FFN_MAX_ROWS, cols = t->d_ff < MAX_DIMS ? t->d_ff : MAX_DIMS;
    char fig[96], cap[1024], df[32];
    lx_fmt_thousands(df, sizeof df, t->d_ff);
    snprintf(fig, sizeof fig, "layer %zu · %zu × %s numbers each", t->ffn_layer, t->n_tok, df);
    int p = lx_ilay_panel_open(L, "inside.ffn", LX_KIND_FFN, y, "Feed-forward: what one layer's hidden units do", fig,
                               &y);
    if (p < 0) return -1;
    ffn_caption(t, rows, cols, cap, sizeof cap);
    y = lx_ilay_text(L, "ffn.caption", p, LX_IFONT_BODY, LX_INK_MUTED, content_x(L), y, content_w(L), cap) + 14;
    double lw = 0;
    for (size_t i = 0; i < rows; i++) lw = fmax(lw, lx_scene_text_width(L->s, LX_IFONT_TAG, L->label[i]));
    lw = fmin(lw, 70) + 6;
    const double gap = 30, each = (content_w(L) - lw - gap * (double)(f.n - 1)) / (double)f.n;
    double cw = fmax(2, fmin(8, each / (double)cols)), rh = rows <= 12 ? 16 : fmax(4, 200.0 / (double)rows);
    double x = content_x(L) + lw, bottom = y;
    static const char *const IDS[3] = {"ffn.map0", "ffn.map1", "ffn.map2"};
    for (size_t k = 0; k < f.n; k++) {
        float m = max_abs(f.v[k], rows, cols, t->d_ff);
        map_spec ms = {IDS[k], f.title[k], f.tip[k], f.v[k], rows, cols, t->d_ff, x, y, cw, rh, -m, m,
                       LX_SCALE_DIVERGING, LX_KIND_FFN, NULL, "unit", k > 0};
        bottom = fmax(bottom, labelled_map(L, p, ms));
        x += fmax(fmax(cw * (double)cols, legend_w(cw * (double)cols)),
                  lx_scene_text_width(L->s, LX_IFONT_SMALL_BOLD, f.title[k])) + gap;
    }
    lx_ilay_panel_close(L, p, bottom);
    return p;
}
