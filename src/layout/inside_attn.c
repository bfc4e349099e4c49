/* layout/inside_attn — the attention panel of the poster (see inside_int.h): the rotary
 * position embedding (frequency per dimension pair, and dials showing each pair's angle at
 * each position), how to read a map with the one colour scale every map shares, one head's
 * scores before softmax beside its weights, and the grid of attention maps, rows = layers,
 * columns = heads, the heads that share a KV head set apart as a group under one bracket.
 *
 * A map is a grey frame (the masked, future cells) holding one heatmap per query row that
 * covers the keys that row may see, so the causal triangle shows whatever the weights. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/inside_int.h"

#define MASK_ALPHA 0.16   /* grey of the masked cells */
#define MAP_GAP 16.0      /* between maps */
#define MAP_MAX 170.0     /* largest map side */
#define DIAL_R 9.0
#define DIAL_STEP 27.0
#define DIAL_MAX_POS 10
#define FREQ_MAX_BARS 64
#define CHART_H 76.0
#define DIAL_CAPTION "each dial: the pair's angle at that position"
#define MAP_MAX_TOKENS 64 /* maps show at most the prompt's first 64 tokens ... */
#define MAP_MAX_CELLS 400000.0 /* ... and at most about this many cells in all */

static double content_x(const lx_ilay *L) { return L->x + LX_IPAD; }

/* ---- grid geometry ---- */

typedef struct grid {
    size_t n_layers, n_heads, n;   /* n = tokens */
    double cell, map, label_w, layer_w;
    size_t col_every, row_every;   /* token labels on every k-th column / row */
    size_t group;                  /* heads per KV head (grouped-query attention) */
} grid;

#define GROUP_GAP 18.0   /* extra room between two KV groups of heads */
#define GROUP_HEAD_H 22.0 /* the "KV head k" brackets above the head names */

/* Tokens the maps show: a causal prefix of the prompt is complete on its own (its rows
 * attend only to its own columns), so long prompts are cut to their beginning. */
static size_t map_tokens(const lx_ilay *L)
{
    const lx_trace *t = &L->in->trace;
    double maps = fmax((double)t->n_layers * (double)t->n_heads, 1);
    size_t n = (size_t)floor(sqrt(2 * MAP_MAX_CELLS / maps));
    if (n > MAP_MAX_TOKENS) n = MAP_MAX_TOKENS;
    if (n < 1) n = 1;
    return t->n_tok < n ? t->n_tok : n;
}

static grid grid_geometry(lx_ilay *L)
{
    const lx_trace *t = &L->in->trace;
    size_t n_kv = t->model.n_kv_heads ? t->model.n_kv_heads : t->n_heads;
    grid g = {t->n_layers, t->n_heads, map_tokens(L), 0, 0, 0, 0, 1, 1, n_kv < t->n_heads ? t->n_heads / n_kv : 1};
    for (size_t i = 0; i < g.n; i++) g.label_w = fmax(g.label_w, lx_scene_text_width(L->s, LX_IFONT_TAG, L->label[i]));
    g.label_w = fmin(g.label_w, 64);
    g.cell = fmin(fmax(g.label_w + 4, 12), 34);
    g.map = fmin(g.cell * (double)g.n, MAP_MAX);
    g.cell = g.map / (double)g.n;
    g.col_every = (size_t)ceil((g.label_w + 3) / g.cell);
    g.row_every = g.cell >= 11 ? 1 : (size_t)ceil(11 / g.cell);
    g.layer_w = lx_scene_text_width(L->s, LX_IFONT_SMALL_BOLD, "layer 00") + 8;
    return g;
}

static double grid_left(const grid *g) { return g->layer_w + g->label_w + 8; }

/* Left edge of head h's column from the grid's first map: KV groups kept apart. */
static double head_x(const grid *g, size_t h)
{
    return (double)h * (g->map + MAP_GAP) + (g->group > 1 ? (double)(h / g->group) * GROUP_GAP : 0);
}

static double grid_width(const grid *g)
{
    return grid_left(g) + head_x(g, g->n_heads - 1) + g->map;
}

/* ---- RoPE ---- */

typedef struct rope {
    size_t n_pairs, n_bars, n_dials, n_pos;
    double bw, bars_w, dials_w;
} rope;

static rope rope_geometry(lx_ilay *L)
{
    rope r = {L->in->trace.model.rope_dims / 2, 0, 0, 0, 0, 0, 0};
    r.n_bars = r.n_pairs < FREQ_MAX_BARS ? r.n_pairs : FREQ_MAX_BARS;
    r.n_dials = r.n_pairs < 4 ? r.n_pairs : 4;
    r.n_pos = L->n_tok < DIAL_MAX_POS ? L->n_tok : DIAL_MAX_POS;
    r.bw = r.n_bars ? fmin(26, fmax(2, 190.0 / (double)r.n_bars - 4)) : 0;
    r.bars_w = fmax((double)r.n_bars * (r.bw + 4), 150);
    r.dials_w = fmax(58 + (double)r.n_pos * DIAL_STEP, lx_scene_text_width(L->s, LX_IFONT_TAG, DIAL_CAPTION));
    return r;
}

/* Pair shown by dial row k: all pairs when few, else spread from the fastest to the slowest. */
static size_t dial_pair(const rope *r, size_t k)
{
    return r->n_dials < 2 ? 0 : k * (r->n_pairs - 1) / (r->n_dials - 1);
}

static void freq_bars(lx_ilay *L, int box, const rope *r, double x, double y)
{
    const float *f = L->in->trace.model.rope_freq;
    double lmax = -1e30, lmin = 1e30;
    for (size_t i = 0; i < r->n_bars; i++) {
        double l = log10(fmax((double)f[i * r->n_pairs / r->n_bars], 1e-30));
        lmax = fmax(lmax, l);
        lmin = fmin(lmin, l);
    }
    double lo = lmin - fmax(0.25 * (lmax - lmin), 0.5), base = y + 16 + CHART_H;
    char id[48], text[80];
    for (size_t i = 0; i < r->n_bars; i++) {
        size_t pair = i * r->n_pairs / r->n_bars;
        double fv = fmax((double)f[pair], 1e-30), h = CHART_H * (log10(fv) - lo) / (lmax - lo);
        double bx = x + (double)i * (r->bw + 4);
        snprintf(id, sizeof id, "rope.f%zu", pair);
        snprintf(text, sizeof text, "pair %zu: %.4g rad per position", pair, fv);
        lx_scene_bar(L->s, id, box, LX_KIND_POSITION, (lx_rect){bx, base - h, r->bw, h}, text);
        lx_ilay_number(text, sizeof text, fv);
        if (lx_scene_text_width(L->s, LX_IFONT_TAG, text) <= r->bw + 3) {
            snprintf(id, sizeof id, "rope.fv%zu", pair);
            lx_scene_text(L->s, id, box, LX_IFONT_TAG, LX_INK_TEXT, LX_ANCHOR_MIDDLE, bx + r->bw / 2, base - h - 4, text);
        }
        if (r->bw >= 14 || i == 0 || i + 1 == r->n_bars) {
            snprintf(id, sizeof id, "rope.fp%zu", pair);
            snprintf(text, sizeof text, "%zu", pair);
            lx_scene_text(L->s, id, box, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_MIDDLE, bx + r->bw / 2, base + 12, text);
        }
    }
    lx_scene_text(L->s, "rope.fcap", box, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_START, x, base + 27,
                  "radians per position, by pair (log scale)");
}

static void dial(lx_ilay *L, int box, size_t k, size_t pos, double cx, double cy, double angle)
{
    char id[64]; /* "rope.d" + two 20-digit numbers + ".hand" */
    snprintf(id, sizeof id, "rope.d%zu.%zu", k, pos);
    int c = lx_scene_circle(L->s, id, box, cx, cy, DIAL_R, LX_GLYPH_ODOT);
    if (c < 0) return;
    char tip[96];
    snprintf(tip, sizeof tip, "position %zu: turned %.3g rad", pos, angle);
    lx_scene_set_tip(L->s, c, tip);
    lx_pt hand[2] = {{cx, cy}, {cx + 0.8 * DIAL_R * sin(angle), cy - 0.8 * DIAL_R * cos(angle)}};
    snprintf(id, sizeof id, "rope.d%zu.%zu.hand", k, pos);
    lx_scene_line(L->s, id, c, LX_INK_KIND, LX_KIND_POSITION, 0, hand, 2, -1, -1);
}

static void dials(lx_ilay *L, int box, const rope *r, double x, double y)
{
    const float *f = L->in->trace.model.rope_freq;
    char id[48], text[32];
    double x0 = x + 58;
    for (size_t pos = 0; pos < r->n_pos; pos++) {
        snprintf(id, sizeof id, "rope.pos%zu", pos);
        snprintf(text, sizeof text, "%zu", pos);
        lx_scene_text(L->s, id, box, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_MIDDLE, x0 + DIAL_STEP * ((double)pos + 0.5),
                      y + 8, text);
    }
    lx_scene_text(L->s, "rope.poscap", box, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_END, x0 - 6, y + 8, "position");
    for (size_t k = 0; k < r->n_dials; k++) {
        size_t pair = dial_pair(r, k);
        double cy = y + 16 + DIAL_STEP * ((double)k + 0.5);
        snprintf(id, sizeof id, "rope.pair%zu", k);
        snprintf(text, sizeof text, "pair %zu", pair);
        lx_scene_text(L->s, id, box, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_END, x0 - 6, cy + 3.5, text);
        for (size_t pos = 0; pos < r->n_pos; pos++)
            dial(L, box, k, pos, x0 + DIAL_STEP * ((double)pos + 0.5), cy, (double)pos * (double)f[pair]);
    }
    double below = y + 16 + DIAL_STEP * (double)r->n_dials + 11;
    lx_scene_text(L->s, "rope.dcap", box, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_START, x, below, DIAL_CAPTION);
}

static double rope_box_w(lx_ilay *L, const rope *r)
{
    (void)L;
    return fmax(16 + r->bars_w + 34 + r->dials_w + 16, 420);
}

/* longrope's sentence: which factors divide the frequencies shown, and why. */
static void longrope_note(const lx_trace_model *hp, char *out, size_t cap)
{
    bool lng = !strcmp(hp->rope_factors, "long");
    snprintf(out, cap, " Longrope: these are divided by its %s factors, as the run holds %zu positions, %s the original "
             "context of %zu.", lng ? "long" : "short", hp->run_positions, lng ? "more than" : "within", hp->rope_orig_ctx);
}

/* The RoPE box at (x, y); returns its index, or -1 for a model without rotary positions
 * (GPT-2's learned positions have their own stage on the spine). */
static int rope_box(lx_ilay *L, int p, double x, double y)
{
    const lx_trace_model *hp = &L->in->trace.model;
    if (hp->rope_dims == 0) return -1;
    rope r = rope_geometry(L);
    double w = rope_box_w(L, &r);
    int box = lx_scene_box(L->s, "rope", p, LX_KIND_POSITION, (lx_rect){x, y, w, 100}, 8,
                           "rotary position embedding: the angle per position of each pair of dimensions");
    if (box < 0) return -1;
    char title[128], theta[32], text[512];
    lx_fmt_thousands(theta, sizeof theta, (uint64_t)(hp->rope_theta + 0.5));
    snprintf(title, sizeof title, "Positions: rotary embedding (RoPE, θ = %s)", theta);
    lx_scene_text(L->s, "rope.title", box, LX_IFONT_BODY_BOLD, LX_INK_KIND, LX_ANCHOR_START, x + 16, y + 24, title);
    int n = snprintf(text, sizeof text,
                     "Before queries meet keys, each of the %zu pairs of dimensions in a head is turned by position × "
                     "the pair's frequency, so a query can tell how far back a key is: fast pairs tell near tokens "
                     "apart, slow pairs far ones.",
                     r.n_pairs);
    if (hp->rope_factors[0] && n > 0 && (size_t)n < sizeof text) longrope_note(hp, text + n, sizeof text - (size_t)n);
    double ty = lx_ilay_text(L, "rope.text", box, LX_IFONT_SMALL, LX_INK_TEXT, x + 16, y + 44, w - 32, text);
    if (r.n_pairs == 0) { L->s->els[box].r.h = ty + 12 - y; return box; }
    freq_bars(L, box, &r, x + 16, ty + 6);
    dials(L, box, &r, x + 16 + r.bars_w + 34, ty + 6);
    double bottom = fmax(ty + 6 + 16 + CHART_H + 27, ty + 6 + 16 + DIAL_STEP * (double)r.n_dials + 11);
    L->s->els[box].r.h = bottom + 12 - y;
    return box;
}

/* ---- one map ---- */

/* Where a map goes and what it shows: its id ("attn.l0.h0"), the layer and head, and
 * which token labels it carries. */
typedef struct map_at {
    const char *id;
    size_t l, h;
    double x, y;
    bool rows, cols;
    float raw_max;  /* > 0: the scores before softmax, on a diverging scale of ±raw_max */
} map_at;

/* Row q of the map from the first key it sees (a sliding window hides the earlier ones). */
static void map_cells(lx_ilay *L, int frame, const grid *g, const map_at *m)
{
    const lx_trace *t = &L->in->trace;
    char id[96];
    for (size_t q = 0; q < g->n; q++) {
        const float *raw = lx_trace_scores(t, m->l, m->h, q);
        const float *row = m->raw_max > 0 ? raw : lx_trace_attn(t, m->l, m->h, q);
        size_t from = 0;
        while (from < q && !isfinite(raw[from])) from++;
        snprintf(id, sizeof id, "%s.q%zu", m->id, q);
        lx_heatmap_spec spec = {row + from, 1, (int)(q + 1 - from), 0, 1, LX_SCALE_SEQUENTIAL, LX_KIND_ATTENTION,
                                NULL, NULL, LX_IFONT_TAG};
        if (m->raw_max > 0) spec.vmin = -m->raw_max, spec.vmax = m->raw_max, spec.scale = LX_SCALE_DIVERGING;
        lx_rect r = {m->x + g->cell * (double)from, m->y + g->cell * (double)q, g->cell * (double)(q + 1 - from),
                     g->cell};
        lx_scene_heatmap(L->s, id, frame, r, &spec);
    }
}

static void map_labels(lx_ilay *L, int p, const grid *g, const map_at *m)
{
    char id[96], fitted[128];
    for (size_t i = 0; m->rows && i < g->n; i += g->row_every) {
        snprintf(id, sizeof id, "%s.row%zu", m->id, i);
        lx_ilay_fit(L, LX_IFONT_TAG, L->label[i], g->label_w, fitted, sizeof fitted);
        lx_scene_text(L->s, id, p, LX_IFONT_TAG, LX_INK_TEXT, LX_ANCHOR_END, m->x - 4,
                      m->y + g->cell * ((double)i + 0.5) + 3.5, fitted);
    }
    for (size_t j = 0; m->cols && j < g->n; j += g->col_every) {
        snprintf(id, sizeof id, "%s.col%zu", m->id, j);
        lx_ilay_fit(L, LX_IFONT_TAG, L->label[j], g->cell * (double)g->col_every - 2, fitted, sizeof fitted);
        lx_scene_text(L->s, id, p, LX_IFONT_TAG, LX_INK_TEXT, LX_ANCHOR_MIDDLE, m->x + g->cell * ((double)j + 0.5),
                      m->y - 5, fitted);
    }
}

/* A grey frame (the masked cells) holding one heatmap per query row. */
static void one_map(lx_ilay *L, int p, const grid *g, const map_at *m)
{
    const size_t n_heads = L->in->trace.n_heads, n_kv = L->in->trace.model.n_kv_heads;
    size_t group = n_kv ? n_heads / n_kv : 1;
    char tip[128];
    snprintf(tip, sizeof tip, "layer %zu, head %zu (keys and values of KV head %zu)", m->l, m->h,
             group ? m->h / group : m->h);
    int frame = lx_scene_swatch(L->s, m->id, p, LX_KIND_NEUTRAL, (lx_rect){m->x, m->y, g->map, g->map}, MASK_ALPHA,
                                0, tip);
    if (frame < 0) return;
    map_cells(L, frame, g, m);
    map_labels(L, p, g, m);
}

/* ---- how to read ---- */

/* "the last token, “time”, gives 60.3 % of its attention to “time” and 30.9 % to “a”",
 * read from the last row of the map of layer 0, head 0 (n tokens). */
static void example_sentence(lx_ilay *L, size_t n, char *out, size_t cap)
{
    const float *row = lx_trace_attn(&L->in->trace, 0, 0, n - 1);
    size_t a = 0, b = n > 1 ? 1 : 0;
    for (size_t j = 0; j < n; j++) if (row[j] > row[a]) a = j;
    if (b == a) b = 0;
    for (size_t j = 0; j < n; j++) if (j != a && row[j] > row[b]) b = j;
    char pa[32], pb[32];
    lx_ilay_percent(pa, sizeof pa, row[a]);
    lx_ilay_percent(pb, sizeof pb, row[b]);
    if (n < 2)
        snprintf(out, cap, "Here, layer 0, head 0: with one token, “%.60s” can only look at itself (%s).", L->label[0], pa);
    else
        snprintf(out, cap, "Here, layer 0, head 0: the %s token, “%.60s”, gives %s of its attention to “%.60s” and %s "
                           "to “%.60s”.", n == L->n_tok ? "last" : "bottom row's", L->label[n - 1], pa, L->label[a], pb,
                 L->label[b]);
}

/* The first map again, larger and labelled on both sides; returns the y below it. */
static double example_map(lx_ilay *L, int p, double x, double y, double w)
{
    grid g = grid_geometry(L);
    g.cell = fmin(fmax(g.label_w + 8, 22), 40);
    g.map = fmin(g.cell * (double)g.n, 150);
    g.cell = g.map / (double)g.n;
    g.col_every = (size_t)ceil((g.label_w + 3) / g.cell);
    g.row_every = g.cell >= 11 ? 1 : (size_t)ceil(11 / g.cell);
    map_at m = {"attn.example", 0, 0, x + g.label_w + 8, y + 20, true, true, 0};
    one_map(L, p, &g, &m);
    char text[512];
    example_sentence(L, g.n, text, sizeof text);
    double tx = m.x + g.map + 18;
    lx_ilay_text(L, "attn.example.text", p, LX_IFONT_NOTE, LX_INK_TEXT, tx, m.y + 12, fmax(x + w - tx, 120), text);
    return m.y + g.map;
}

/* Does a sliding window hide any key from a query of the trace? */
static bool any_window(const lx_trace *t)
{
    for (size_t l = 0; l < t->n_layers; l++)
        for (size_t h = 0; h < t->n_heads; h++)
            for (size_t q = 0; q < t->n_tok; q++)
                if (!isfinite(lx_trace_scores(t, l, h, q)[0])) return true;
    return false;
}

static double reading_guide(lx_ilay *L, int p, double x, double y, double w)
{
    lx_scene_text(L->s, "attn.guide", p, LX_IFONT_BODY_BOLD, LX_INK_KIND, LX_ANCHOR_START, x, y + 24,
                  "How to read a map");
    static const char *const lines[] = {
        "row: the token that is looking (the query)",
        "column: the token it looks at (the key)",
        "each row adds up to 1: its attention is shared out",
    };
    double ty = y + 46;
    char id[48];
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++, ty += 18) {
        snprintf(id, sizeof id, "attn.guide%zu", i);
        lx_scene_text(L->s, id, p, LX_IFONT_SMALL, LX_INK_TEXT, LX_ANCHOR_START, x, ty, lines[i]);
    }
    lx_scene_text(L->s, "attn.scale", p, LX_IFONT_SMALL_BOLD, LX_INK_TEXT, LX_ANCHOR_START, x, ty + 10,
                  "attention weight, one scale for every map");
    const char *ticks[3] = {"0", "0.5", "1"};
    ty = lx_ilay_scale_legend(L, "attn.legend", p, LX_KIND_ATTENTION, LX_SCALE_SEQUENTIAL, x, ty + 20, 240, 0, 1, ticks);
    lx_scene_swatch(L->s, "attn.masked", p, LX_KIND_NEUTRAL, (lx_rect){x, ty + 6, 14, 14}, MASK_ALPHA, 0, NULL);
    lx_scene_text(L->s, "attn.masked.text", p, LX_IFONT_SMALL, LX_INK_TEXT, LX_ANCHOR_START, x + 22, ty + 17,
                  any_window(&L->in->trace) ? "hidden: a later token (causal mask), or outside the window"
                                            : "a later token: hidden (causal mask)");
    ty += 22;
    if (w >= 300 + 260) ty = fmax(ty, example_map(L, p, x + 300, y + 6, w - 300));
    return ty;
}

/* ---- the grid ---- */

/* Above each KV group of heads: "KV head k" over a bracket spanning its maps. */
static void kv_brackets(lx_ilay *L, int p, const grid *g, double x0, double y)
{
    char id[64], text[48];
    for (size_t k = 0; k * g->group < g->n_heads; k++) {
        double a = x0 + head_x(g, k * g->group), b = x0 + head_x(g, (k + 1) * g->group - 1) + g->map;
        snprintf(id, sizeof id, "attn.kv%zu", k);
        snprintf(text, sizeof text, b - a >= 110 ? "shared KV head %zu" : b - a >= 60 ? "KV head %zu" : "KV %zu", k);
        lx_scene_text(L->s, id, p, LX_IFONT_TAG, LX_INK_KIND, LX_ANCHOR_MIDDLE, (a + b) / 2, y + 10, text);
        lx_pt br[4] = {{a, y + 20}, {a, y + 15}, {b, y + 15}, {b, y + 20}};
        snprintf(id, sizeof id, "attn.kv%zu.bracket", k);
        lx_scene_line(L->s, id, p, LX_INK_KIND, LX_KIND_ATTENTION, 0, br, 4, -1, -1);
    }
}

static double attn_grid(lx_ilay *L, int p, double y)
{
    grid g = grid_geometry(L);
    double x0 = content_x(L) + grid_left(&g);
    char id[64], text[32];
    if (g.group > 1) kv_brackets(L, p, &g, x0, y), y += GROUP_HEAD_H;
    double maps_y = y + 22 + (g.cell * (double)g.col_every >= g.label_w ? 14 : 0);
    for (size_t h = 0; h < g.n_heads; h++) {
        snprintf(id, sizeof id, "attn.head%zu", h);
        snprintf(text, sizeof text, g.map >= 44 ? "head %zu" : "%zu", h);
        lx_scene_text(L->s, id, p, LX_IFONT_SMALL_BOLD, LX_INK_MUTED, LX_ANCHOR_MIDDLE, x0 + head_x(&g, h) + g.map / 2,
                      y + 12, text);
    }
    for (size_t l = 0; l < g.n_layers; l++) {
        double my = maps_y + (double)l * (g.map + MAP_GAP);
        snprintf(id, sizeof id, "attn.layer%zu", l);
        snprintf(text, sizeof text, "layer %zu", l);
        lx_scene_text(L->s, id, p, LX_IFONT_SMALL_BOLD, LX_INK_MUTED, LX_ANCHOR_START, content_x(L), my + g.map / 2 + 4,
                      text);
        for (size_t h = 0; h < g.n_heads; h++) {
            snprintf(id, sizeof id, "attn.l%zu.h%zu", l, h);
            map_at m = {id, l, h, x0 + head_x(&g, h), my, h == 0, l == 0, 0};
            one_map(L, p, &g, &m);
        }
    }
    return maps_y + (double)g.n_layers * (g.map + MAP_GAP) - MAP_GAP;
}

/* ---- one head before and after softmax ---- */

#define PAIR_ARROW_W 120.0

/* The largest |score| a query of layer l, head h sees (1 when none). */
static float raw_max(const lx_trace *t, size_t n, size_t l, size_t h)
{
    float m = 0;
    for (size_t q = 0; q < n; q++)
        for (size_t k = 0; k <= q; k++) {
            float v = lx_trace_scores(t, l, h, q)[k];
            if (isfinite(v)) m = fmaxf(m, fabsf(v));
        }
    return m > 0 ? m : 1;
}

/* A map with its title above it and its scale under it; returns the y below. */
static double pair_map(lx_ilay *L, int p, const grid *g, map_at *m, const char *title, const char *const ticks[3])
{
    char id[64];
    snprintf(id, sizeof id, "%s.title", m->id);
    lx_scene_text(L->s, id, p, LX_IFONT_SMALL_BOLD, LX_INK_TEXT, LX_ANCHOR_START, m->x, m->y - 22, title);
    one_map(L, p, g, m);
    snprintf(id, sizeof id, "%s.legend", m->id);
    float lo = m->raw_max > 0 ? -m->raw_max : 0, hi = m->raw_max > 0 ? m->raw_max : 1;
    return lx_ilay_scale_legend(L, id, p, LX_KIND_ATTENTION, m->raw_max > 0 ? LX_SCALE_DIVERGING : LX_SCALE_SEQUENTIAL,
                                m->x, m->y + g->map + 10, fmax(g->map, 140), lo, hi, ticks);
}

/* The last layer's head 0 twice: its scores q·k/√d, then the weights softmax makes of
 * them, row by row; returns the y below. */
static double scores_pair(lx_ilay *L, int p, double y)
{
    const lx_trace *t = &L->in->trace;
    grid g = grid_geometry(L);
    g.cell = fmin(fmax(g.label_w + 8, 22), 36);
    g.map = fmin(g.cell * (double)g.n, 200);
    g.cell = g.map / (double)g.n;
    g.col_every = (size_t)ceil((g.label_w + 3) / g.cell);
    g.row_every = g.cell >= 11 ? 1 : (size_t)ceil(11 / g.cell);
    size_t l = t->n_layers - 1;
    char head[128], lo[32], hi[32], num[24];
    snprintf(head, sizeof head, "One head before and after softmax: layer %zu, head 0", l);
    lx_scene_text(L->s, "attn.pair", p, LX_IFONT_BODY_BOLD, LX_INK_KIND, LX_ANCHOR_START, content_x(L), y + 16, head);
    double top = y + 26 + 22 + 14, x = content_x(L) + g.label_w + 8;
    map_at raw = {"attn.raw", l, 0, x, top, true, true, raw_max(t, g.n, l, 0)};
    lx_ilay_number(num, sizeof num, raw.raw_max);
    snprintf(lo, sizeof lo, "−%s", num);
    snprintf(hi, sizeof hi, "+%s", num);
    const char *raw_ticks[3] = {lo, "0", hi}, *w_ticks[3] = {"0", "0.5", "1"};
    double bottom = pair_map(L, p, &g, &raw, "scores q·k / √d", raw_ticks);
    double ax = x + fmax(g.map, 140) + 16;
    lx_pt arrow[2] = {{ax, top + g.map / 2}, {ax + PAIR_ARROW_W - 32, top + g.map / 2}};
    lx_scene_line(L->s, "attn.pair.arrow", p, LX_INK_LINE, LX_KIND_NEUTRAL, LX_F_ARROW, arrow, 2, -1, -1);
    lx_scene_text(L->s, "attn.pair.softmax", p, LX_IFONT_SMALL, LX_INK_TEXT, LX_ANCHOR_MIDDLE,
                  ax + (PAIR_ARROW_W - 32) / 2, top + g.map / 2 - 8, "softmax");
    lx_scene_text(L->s, "attn.pair.rows", p, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_MIDDLE,
                  ax + (PAIR_ARROW_W - 32) / 2, top + g.map / 2 + 16, "row by row");
    map_at w = {"attn.weights", l, 0, ax + PAIR_ARROW_W - 16 + g.label_w + 8, top, true, true, 0};
    bottom = fmax(bottom, pair_map(L, p, &g, &w, "weights (every row adds up to 1)", w_ticks));
    double tx = w.x + fmax(g.map, 140) + 24, tw = L->x + L->w - LX_IPAD - tx;
    if (tw >= 180)
        lx_ilay_text(L, "attn.pair.text", p, LX_IFONT_NOTE, LX_INK_TEXT, tx, top + 12, tw,
                     "A query scores every key it may see by a dot product; softmax raises e to each score and "
                     "divides by the row's sum, so the largest score takes most of the weight and a score a few "
                     "units lower gets almost none. Hidden keys (later tokens, or outside a sliding window) have "
                     "no score.");
    return bottom;
}

/* ---- the panel ---- */

double lx_ilay_attn_width(lx_ilay *L)
{
    grid g = grid_geometry(L);
    rope r = rope_geometry(L);
    return fmax(grid_width(&g), rope_box_w(L, &r) + 30 + 300) + 2 * LX_IPAD;
}

static void attn_caption(lx_ilay *L, int p, double *y)
{
    const size_t n_heads = L->in->trace.n_heads, n_kv = L->in->trace.model.n_kv_heads;
    char cap[1024], share[256] = "";
    size_t group = n_kv ? n_heads / n_kv : 1;
    if (group > 1)
        snprintf(share, sizeof share, " The heads are drawn in groups of %zu: each group shares one set of keys "
                                      "and values (grouped-query attention: %zu KV heads for %zu query heads).",
                 group, n_kv, n_heads);
    char cut[160] = "";
    if (map_tokens(L) < L->n_tok)
        snprintf(cut, sizeof cut, " The maps show the first %zu of the %zu tokens.", map_tokens(L), L->n_tok);
    snprintf(cap, sizeof cap,
             "In every layer, each of the %zu heads lets every token gather information from the tokens before it "
             "(and itself). "
             "One small map per layer and head, computed on this prompt: row = the token looking, column = the "
             "token looked at.%s%s",
             n_heads, share, cut);
    *y = lx_ilay_text(L, "attn.caption", p, LX_IFONT_BODY, LX_INK_MUTED, content_x(L), *y, L->w - 2 * LX_IPAD, cap);
}

int lx_ilay_attn(lx_ilay *L, double y, double *anchor_off)
{
    char fig[96];
    snprintf(fig, sizeof fig, "%zu layer%s × %zu heads", L->in->trace.n_layers, L->in->trace.n_layers == 1 ? "" : "s",
             L->in->trace.n_heads);
    double top = y;
    int p = lx_ilay_panel_open(L, "inside.attn", LX_KIND_ATTENTION, y, "Attention: which earlier tokens each token uses",
                               fig, &y);
    if (p < 0) return -1;
    attn_caption(L, p, &y);
    int box = rope_box(L, p, content_x(L), y + 14);
    double row_bottom = box >= 0 ? lx_rect_bottom(L->s->els[box].r) : y;
    double gx = box >= 0 ? lx_rect_right(L->s->els[box].r) + 30 : content_x(L);
    row_bottom = fmax(row_bottom, reading_guide(L, p, gx, y + 14, L->x + L->w - LX_IPAD - gx));
    y = attn_grid(L, p, scores_pair(L, p, row_bottom + 24) + 24);
    lx_ilay_panel_close(L, p, y);
    *anchor_off = LX_ILEADER_Y;
    (void)top;
    return p;
}
