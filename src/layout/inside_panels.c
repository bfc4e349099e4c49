/* layout/inside_panels — the poster's panels for the tokens, the embeddings, the residual
 * stream and the next token (see inside_int.h). Each is built at the y it is given; the
 * poster's layout moves it level with its stage afterwards. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/inside_int.h"
#include "util/buf.h"

#define CHIP_H 50.0
#define CHIP_GAP 10.0
#define MAX_CHIPS 96
#define EMBED_MAX_DIMS 64
#define EMBED_MAX_ROWS 96

static double content_w(const lx_ilay *L) { return L->w - 2 * LX_IPAD; }
static double content_x(const lx_ilay *L) { return L->x + LX_IPAD; }

/* ---- tokens ---- */

static double chip(lx_ilay *L, int parent, size_t i, double x, double y, double w)
{
    char id[48], text[32];
    snprintf(id, sizeof id, "tok%zu", i);
    char tip[160];
    snprintf(tip, sizeof tip, "position %zu: token id %d", i, (int)L->in->trace.ids[i]);
    int box = lx_scene_box(L->s, id, parent, LX_KIND_NEUTRAL, (lx_rect){x, y, w, CHIP_H}, 7, tip);
    snprintf(id, sizeof id, "tok%zu.piece", i);
    char fitted[256];
    lx_ilay_fit(L, LX_IFONT_CHIP, L->chip[i], w - 20, fitted, sizeof fitted);
    lx_scene_text(L->s, id, box, LX_IFONT_CHIP, LX_INK_TEXT, LX_ANCHOR_MIDDLE, x + w / 2, y + 22, fitted);
    snprintf(id, sizeof id, "tok%zu.id", i);
    snprintf(text, sizeof text, "id %d", (int)L->in->trace.ids[i]);
    lx_scene_text(L->s, id, box, LX_IFONT_SMALL, LX_INK_MUTED, LX_ANCHOR_MIDDLE, x + w / 2, y + 40, text);
    return x + w;
}

static double chip_w(lx_ilay *L, size_t i)
{
    char text[32];
    snprintf(text, sizeof text, "id %d", (int)L->in->trace.ids[i]);
    double w = fmax(lx_scene_text_width(L->s, LX_IFONT_CHIP, L->chip[i]), lx_scene_text_width(L->s, LX_IFONT_SMALL, text));
    return fmin(fmax(w + 24, 44), 220);
}

/* The prompt as typed, then an arrow to the chips, when it fits in a third of the row;
 * returns where the chips begin. */
static double prompt_lead(lx_ilay *L, int parent, double y)
{
    const char *text = L->in->prompt_text;
    char quoted[512];
    snprintf(quoted, sizeof quoted, "“%.400s”", text ? text : "");
    double w = lx_scene_text_width(L->s, LX_IFONT_CONT, quoted), x = content_x(L);
    if (!text || !text[0] || w > content_w(L) / 3) return x;
    lx_scene_text(L->s, "tokens.prompt", parent, LX_IFONT_CONT, LX_INK_TEXT, LX_ANCHOR_START, x, y + 30, quoted);
    lx_pt arrow[2] = {{x + w + 12, y + CHIP_H / 2}, {x + w + 48, y + CHIP_H / 2}};
    lx_scene_line(L->s, "tokens.arrow", parent, LX_INK_LINE, LX_KIND_NEUTRAL, LX_F_ARROW, arrow, 2, -1, -1);
    return x + w + 60;
}

static double chips(lx_ilay *L, int parent, double y)
{
    double x0 = content_x(L), x = prompt_lead(L, parent, y), right = x0 + content_w(L);
    size_t n = L->n_tok < MAX_CHIPS ? L->n_tok : MAX_CHIPS;
    for (size_t i = 0; i < n; i++) {
        double w = chip_w(L, i);
        if (x > x0 && x + w > right) { x = x0; y += CHIP_H + CHIP_GAP; }
        x = chip(L, parent, i, x, y, w) + CHIP_GAP;
    }
    y += CHIP_H;
    if (n < L->n_tok) {
        char more[96];
        snprintf(more, sizeof more, "… and %zu more tokens", L->n_tok - n);
        y = lx_ilay_text(L, "tokens.more", parent, LX_IFONT_NOTE, LX_INK_FAINT, x0, y + 20, content_w(L), more);
    }
    return y;
}

static bool any_space(const lx_ilay *L)
{
    for (size_t i = 0; i < L->n_tok; i++)
        if (strstr(L->chip[i], "␣")) return true;
    return false;
}

int lx_ilay_tokens(lx_ilay *L, double y)
{
    const lx_trace *m = &L->in->trace;
    char fig[96], vocab[32], cap[640];
    lx_fmt_thousands(vocab, sizeof vocab, m->vocab);
    snprintf(fig, sizeof fig, "%zu token%s · vocabulary of %s", L->n_tok, L->n_tok == 1 ? "" : "s", vocab);
    int p = lx_ilay_panel_open(L, "inside.tokens", LX_KIND_NEUTRAL, y, "Tokens: the prompt cut into pieces", fig, &y);
    if (p < 0) return -1;
    bool bos = m->model.bos >= 0 && m->ids[0] == m->model.bos;
    snprintf(cap, sizeof cap,
             "The tokenizer splits the text into pieces from the model's vocabulary; a piece's id is its row "
             "number there, and the model only ever sees these ids.%s%s",
             bos ? " The first piece marks the start of a text." : "",
             any_space(L) ? " ␣ is the space a piece begins with." : "");
    y = lx_ilay_text(L, "tokens.caption", p, LX_IFONT_BODY, LX_INK_MUTED, content_x(L), y, content_w(L), cap);
    lx_ilay_panel_close(L, p, chips(L, p, y + 12));
    return p;
}

/* ---- embeddings ---- */

static double max_label_w(lx_ilay *L, lx_font f, double cap)
{
    double w = 0;
    for (size_t i = 0; i < L->n_tok; i++) w = fmax(w, lx_scene_text_width(L->s, f, L->label[i]));
    return fmin(w, cap);
}

/* Labels of the first n tokens left of a heatmap with rows rh high, every k-th when rows
 * are thin. */
static void row_labels(lx_ilay *L, const char *id, int parent, double right, double y, double rh, double maxw, size_t n)
{
    size_t k = rh >= 13 ? 1 : (size_t)ceil(13 / rh);
    char lid[64], fitted[128];
    for (size_t i = 0; i < n; i += k) {
        snprintf(lid, sizeof lid, "%s.row%zu", id, i);
        lx_ilay_fit(L, LX_IFONT_SMALL, L->label[i], maxw, fitted, sizeof fitted);
        lx_scene_text(L->s, lid, parent, LX_IFONT_SMALL, LX_INK_TEXT, LX_ANCHOR_END, right, y + rh * (i + 0.5) + 4,
                      fitted);
    }
}

/* Dimension numbers above the columns, spaced at least 60 units apart. */
static void dim_labels(lx_ilay *L, int parent, double x, double y, double cw, size_t dims)
{
    size_t step = 1;
    while (step * cw < 60) step *= 2;
    char lid[48], text[24];
    for (size_t j = 0; j < dims; j += step) {
        snprintf(lid, sizeof lid, "embed.dim%zu", j);
        snprintf(text, sizeof text, "%zu", j);
        lx_scene_text(L->s, lid, parent, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_MIDDLE, x + cw * (j + 0.5), y, text);
    }
}

static size_t embed_rows(const lx_trace *t)
{
    return t->n_tok < EMBED_MAX_ROWS ? t->n_tok : EMBED_MAX_ROWS;
}

static float max_abs_embed(const lx_trace *t, size_t dims)
{
    float m = 0;
    for (size_t i = 0; i < embed_rows(t); i++)
        for (size_t j = 0; j < dims; j++) m = fmaxf(m, fabsf(lx_trace_embed(t, i)[j]));
    return m > 0 ? m : 1;
}

/* Returns the y below the map; *right receives its right edge. */
static double embed_map(lx_ilay *L, int p, double y, size_t dims, float m, double *right)
{
    const lx_trace *t = &L->in->trace;
    double lw = fmax(max_label_w(L, LX_IFONT_SMALL, 140), lx_scene_text_width(L->s, LX_IFONT_TAG, "dimension"));
    double x = content_x(L) + lw + 10;
    double cw = fmin(18, (content_w(L) - lw - 10) / (double)dims);
    size_t n = embed_rows(t);
    double rh = n <= 12 ? 20 : fmax(2, 240.0 / (double)n);
    float *v = malloc(sizeof *v * n * dims);
    if (!v) { L->s->oom = true; return y; }
    for (size_t i = 0; i < n; i++) memcpy(v + i * dims, lx_trace_embed(t, i), sizeof *v * dims);
    lx_scene_text(L->s, "embed.dims", p, LX_IFONT_TAG, LX_INK_MUTED, LX_ANCHOR_END, x - 10, y + 10, "dimension");
    dim_labels(L, p, x, y + 10, cw, dims);
    y += 18;
    lx_heatmap_spec h = {v, (int)n, (int)dims, -m, m, LX_SCALE_DIVERGING, LX_KIND_EMBEDDING, NULL, NULL, LX_IFONT_TAG};
    int hm = lx_scene_heatmap(L->s, "embed.map", p, (lx_rect){x, y, cw * (double)dims, rh * (double)n}, &h);
    free(v);
    if (hm >= 0) lx_scene_set_tip(L->s, hm, "input embeddings: one row per token, one column per dimension");
    row_labels(L, "embed", p, x - 10, y, rh, lw, n);
    *right = x + cw * (double)dims;
    return y + rh * (double)n;
}

int lx_ilay_embed(lx_ilay *L, double y)
{
    const lx_trace *t = &L->in->trace;
    size_t dims = t->d_model < EMBED_MAX_DIMS ? t->d_model : EMBED_MAX_DIMS;
    char fig[96], vocab[32], dm[32], shown[256] = "", cap[1024];
    lx_fmt_thousands(vocab, sizeof vocab, L->in->trace.vocab);
    lx_fmt_thousands(dm, sizeof dm, t->d_model);
    snprintf(fig, sizeof fig, "%zu × %s numbers", L->n_tok, dm);
    int p = lx_ilay_panel_open(L, "inside.embed", LX_KIND_EMBEDDING, y, "Embeddings: each token becomes a vector", fig, &y);
    if (p < 0) return -1;
    if (dims < t->d_model) snprintf(shown, sizeof shown, " The first %zu of its %s dimensions are shown.", dims, dm);
    if (embed_rows(t) < t->n_tok)
        snprintf(shown + strlen(shown), sizeof shown - strlen(shown), " The first %zu of the %zu tokens are shown.",
                 embed_rows(t), t->n_tok);
    snprintf(cap, sizeof cap,
             "Each id picks one row of the %s × %s embedding table: %s learned numbers that stand for the token. "
             "One row per token below; purple is positive, blue negative.%s",
             vocab, dm, dm, shown);
    y = lx_ilay_text(L, "embed.caption", p, LX_IFONT_BODY, LX_INK_MUTED, content_x(L), y, content_w(L), cap);
    float m = max_abs_embed(t, dims);
    double right = 0;
    y = embed_map(L, p, y + 14, dims, m, &right);
    char lo[32], hi[32], num[24];
    lx_ilay_number(num, sizeof num, m);
    snprintf(lo, sizeof lo, "−%s", num);
    snprintf(hi, sizeof hi, "+%s", num);
    const char *ticks[3] = {lo, "0", hi};
    double lx = fmax(right - 180, content_x(L));
    y = lx_ilay_scale_legend(L, "embed.legend", p, LX_KIND_EMBEDDING, LX_SCALE_DIVERGING, lx, y + 14, 180, -m, m, ticks);
    lx_ilay_panel_close(L, p, y);
    return p;
}

/* ---- residual stream ---- */

typedef struct bars {
    size_t n_stages, n_show, first_tok; /* stages = embeddings + each layer; tokens shown */
    double bw, group_w, gap, x, base, h;
    float vmax;
} bars;

static void resid_bar(lx_ilay *L, int p, const bars *b, size_t stage, size_t tok)
{
    const lx_trace *t = &L->in->trace;
    float v = t->resid_norm[stage * t->n_tok + tok];
    double h = b->h * (double)(v / b->vmax);
    double x = b->x + (double)stage * (b->group_w + b->gap) + (double)(tok - b->first_tok) * (b->bw + 1);
    char id[64], tip[160];
    snprintf(id, sizeof id, "resid.s%zu.t%zu", stage, tok);
    snprintf(tip, sizeof tip, "%s: norm %.4g", L->label[tok], (double)v);
    int bar = lx_scene_bar(L->s, id, p, LX_KIND_NORM, (lx_rect){x, b->base - h, b->bw, h}, tip);
    bool last = tok + 1 == t->n_tok;
    if (bar >= 0 && !last) L->s->els[bar].alpha = 0.35;
    if (!last || b->bw < 8) return;
    char val[24];
    snprintf(val, sizeof val, v < 100 ? "%.1f" : "%.0f", (double)v);
    snprintf(id, sizeof id, "resid.v%zu", stage);
    lx_scene_text(L->s, id, p, LX_IFONT_TAG, LX_INK_TEXT, LX_ANCHOR_MIDDLE, x + b->bw / 2, b->base - h - 4, val);
}

static void stage_label(lx_ilay *L, int p, const bars *b, size_t stage)
{
    char id[48], text[32];
    size_t every = b->group_w + b->gap >= 52 ? 1 : (size_t)ceil(52 / (b->group_w + b->gap));
    if (stage % every) return;
    if (stage == 0) snprintf(text, sizeof text, "embed");
    else snprintf(text, sizeof text, b->group_w + b->gap >= 52 ? "layer %zu" : "%zu", stage - 1);
    snprintf(id, sizeof id, "resid.stage%zu", stage);
    double cx = b->x + (double)stage * (b->group_w + b->gap) + b->group_w / 2;
    lx_scene_text(L->s, id, p, LX_IFONT_SMALL, LX_INK_MUTED, LX_ANCHOR_MIDDLE, cx, b->base + 16, text);
}

static bars resid_geometry(lx_ilay *L, double y)
{
    const lx_trace *t = &L->in->trace;
    bars b = {.n_stages = t->n_layers + 1, .h = 110, .gap = 22};
    b.n_show = t->n_tok <= 16 ? t->n_tok : 1;
    b.first_tok = t->n_tok - b.n_show;
    double per = (content_w(L) - 200) / (double)b.n_stages - b.gap;
    b.bw = fmax(1, fmin(b.n_show == 1 ? 36 : 20, (per - (double)(b.n_show - 1)) / (double)b.n_show));
    if (per < 4) { b.gap = 2; b.bw = fmax(1, (content_w(L) - 200) / (double)b.n_stages - 2); }
    b.group_w = (double)b.n_show * (b.bw + 1) - 1;
    b.x = content_x(L);
    b.base = y + 16 + b.h;
    for (size_t i = 0; i < (t->n_layers + 1) * t->n_tok; i++) b.vmax = fmaxf(b.vmax, t->resid_norm[i]);
    if (!(b.vmax > 0)) b.vmax = 1;
    return b;
}

static void resid_key(lx_ilay *L, int p, const bars *b, double y)
{
    double x = b->x + (double)b->n_stages * (b->group_w + b->gap) + 20;
    char text[160];
    lx_scene_swatch(L->s, "resid.key.last", p, LX_KIND_NORM, (lx_rect){x, y, 12, 12}, 1, 0, NULL);
    snprintf(text, sizeof text, "last token %s", L->last);
    lx_scene_text(L->s, "resid.key.last.text", p, LX_IFONT_SMALL, LX_INK_TEXT, LX_ANCHOR_START, x + 18, y + 10, text);
    if (b->n_show < 2) return;
    lx_scene_swatch(L->s, "resid.key.other", p, LX_KIND_NORM, (lx_rect){x, y + 20, 12, 12}, 0.35, 0, NULL);
    lx_scene_text(L->s, "resid.key.other.text", p, LX_IFONT_SMALL, LX_INK_TEXT, LX_ANCHOR_START, x + 18, y + 30,
                  "earlier tokens, in prompt order");
}

int lx_ilay_resid(lx_ilay *L, double y)
{
    const lx_trace *t = &L->in->trace;
    char cap[640], layers[64];
    if (t->n_layers == 1) snprintf(layers, sizeof layers, "the layer");
    else snprintf(layers, sizeof layers, "each of the %zu layers", t->n_layers);
    int p = lx_ilay_panel_open(L, "inside.resid", LX_KIND_NORM, y, "Residual stream: each layer adds to it",
                               "vector length (L2 norm)", &y);
    if (p < 0) return -1;
    snprintf(cap, sizeof cap,
             "Every token's vector travels down the residual stream; at each ⊕ a sub-layer adds its output to it. "
             "Bars: how long the vector is after the embedding and after %s. The final norm rescales it before the "
             "output layer.",
             layers);
    y = lx_ilay_text(L, "resid.caption", p, LX_IFONT_BODY, LX_INK_MUTED, content_x(L), y, content_w(L), cap);
    bars b = resid_geometry(L, y);
    for (size_t s = 0; s < b.n_stages; s++) {
        for (size_t k = b.first_tok; k < t->n_tok; k++) resid_bar(L, p, &b, s, k);
        stage_label(L, p, &b, s);
    }
    lx_pt axis[2] = {{b.x - 4, b.base}, {b.x + (double)b.n_stages * (b.group_w + b.gap) - b.gap + 4, b.base}};
    lx_scene_line(L->s, "resid.axis", p, LX_INK_RULE, LX_KIND_NEUTRAL, 0, axis, 2, -1, -1);
    resid_key(L, p, &b, b.base - b.h + 10);
    lx_ilay_panel_close(L, p, b.base + 22);
    return p;
}

/* ---- next token ---- */

#define ROW_H 24.0

/* The i-th next token as a chip shows it (into out). */
static void top_label(lx_ilay *L, size_t i, char *out, size_t cap)
{
    const char *piece = L->in->top_pieces[i];
    char *label = lx_ilay_token_text(piece ? piece : "?", true);
    snprintf(out, cap, "%s", label ? label : "?");
    free(label);
}

static double next_row(lx_ilay *L, int p, size_t i, double y, double lw, double track_w)
{
    const lx_top *t = &L->in->top[i];
    double x = content_x(L);
    char id[48], text[64], fitted[256], label[256];
    snprintf(id, sizeof id, "next.rank%zu", i);
    snprintf(text, sizeof text, "%zu", i + 1);
    lx_scene_text(L->s, id, p, LX_IFONT_SMALL, LX_INK_FAINT, LX_ANCHOR_END, x + 18, y + 16, text);
    snprintf(id, sizeof id, "next.tok%zu", i);
    top_label(L, i, label, sizeof label);
    lx_ilay_fit(L, LX_IFONT_BODY_BOLD, label, lw, fitted, sizeof fitted);
    lx_scene_text(L->s, id, p, LX_IFONT_BODY_BOLD, LX_INK_TEXT, LX_ANCHOR_START, x + 28, y + 16, fitted);
    double tx = x + 28 + lw + 12;
    snprintf(id, sizeof id, "next.track%zu", i);
    int track = lx_scene_swatch(L->s, id, p, LX_KIND_OUTPUT, (lx_rect){tx, y + 4, track_w, 16}, 0.1, 0, NULL);
    snprintf(id, sizeof id, "next.bar%zu", i);
    double w = fmax(1, track_w * (double)t->prob);
    lx_scene_bar(L->s, id, track, LX_KIND_OUTPUT, (lx_rect){tx, y + 4, fmin(w, track_w), 16}, NULL);
    snprintf(id, sizeof id, "next.p%zu", i);
    lx_ilay_percent(text, sizeof text, t->prob);
    lx_scene_text(L->s, id, p, LX_IFONT_BODY_BOLD, LX_INK_TEXT, LX_ANCHOR_END, tx + track_w + 78, y + 16, text);
    snprintf(id, sizeof id, "next.logit%zu", i);
    snprintf(text, sizeof text, "logit %.2f", (double)t->logit);
    lx_scene_text(L->s, id, p, LX_IFONT_SMALL, LX_INK_MUTED, LX_ANCHOR_START, tx + track_w + 96, y + 16, text);
    return y + ROW_H;
}

/* The end of the prompt (its last 240 bytes or so, from a word start) and the
 * continuation, newlines shown as ↵. */
static char *continuation(const lx_inside *in)
{
    const char *prompt = in->prompt_text ? in->prompt_text : "";
    size_t n = strlen(prompt);
    const char *start = prompt;
    lx_buf b;
    lx_buf_init(&b);
    if (n > 240) {
        start = prompt + n - 240;
        while (*start && *start != ' ') start++;
        lx_buf_puts(&b, "…");
    }
    const char *parts[2] = {start, in->cont_text ? in->cont_text : ""};
    for (int k = 0; k < 2; k++)
        for (const char *c = parts[k]; *c; c++) {
            if (*c == '\n') lx_buf_puts(&b, " ↵ ");
            else lx_buf_putc(&b, *c);
        }
    char *s = lx_buf_ok(&b) ? strdup(lx_buf_cstr(&b)) : NULL;
    lx_buf_free(&b);
    return s;
}

static double next_continuation(lx_ilay *L, int p, double y)
{
    char head[160];
    if (L->in->n_cont == 0) return y - 30;
    snprintf(head, sizeof head, "Greedy continuation: always taking the most likely token, %zu time%s", L->in->n_cont,
             L->in->n_cont == 1 ? "" : "s");
    lx_scene_text(L->s, "next.cont.head", p, LX_IFONT_BODY_BOLD, LX_INK_KIND, LX_ANCHOR_START, content_x(L), y, head);
    char *text = continuation(L->in);
    if (!text) { L->s->oom = true; return y; }
    y = lx_ilay_text(L, "next.cont", p, LX_IFONT_CONT, LX_INK_TEXT, content_x(L), y + 24, content_w(L), text);
    free(text);
    return y;
}

int lx_ilay_next(lx_ilay *L, double y)
{
    char fig[96], cap[512], vocab[32];
    lx_fmt_thousands(vocab, sizeof vocab, L->in->trace.vocab);
    snprintf(fig, sizeof fig, "softmax over all %s tokens", vocab);
    int p = lx_ilay_panel_open(L, "inside.next", LX_KIND_OUTPUT, y, "Next token: what comes after the prompt", fig, &y);
    if (p < 0) return -1;
    size_t n = L->in->n_top < 20 ? L->in->n_top : 20;
    char most[160] = "";
    if (n) snprintf(most, sizeof most, " The %zu most likely tokens to follow %s:", n, L->last);
    snprintf(cap, sizeof cap,
             "The output layer scores every token of the vocabulary (its logit); softmax turns the scores into "
             "probabilities that add up to 100 %%.%s",
             most);
    y = lx_ilay_text(L, "next.caption", p, LX_IFONT_BODY, LX_INK_MUTED, content_x(L), y, content_w(L), cap) + 8;
    double lw = 40;
    for (size_t i = 0; i < n; i++) {
        char label[256];
        top_label(L, i, label, sizeof label);
        lw = fmax(lw, lx_scene_text_width(L->s, LX_IFONT_BODY_BOLD, label));
    }
    lw = fmin(lw, 160);
    /* the top tokens on the left, the whole distribution beside them */
    const double list_fixed = 28 + lw + 12 + 96 + 80, chart_w = 400, chart_gap = 40;
    double track_w = fmin(560, content_w(L) - list_fixed - chart_w - chart_gap);
    bool chart = track_w >= 120;
    if (!chart) track_w = fmin(560, content_w(L) - list_fixed);
    double y0 = y;
    for (size_t i = 0; i < n; i++) y = next_row(L, p, i, y, lw, track_w);
    if (chart) {
        double cx = content_x(L) + list_fixed + track_w + chart_gap;
        y = fmax(y, lx_ilay_distribution(L, p, cx, y0, content_x(L) + content_w(L) - cx, fmax(y - y0, 230)));
    }
    y = next_continuation(L, p, y + 30);
    lx_ilay_panel_close(L, p, y);
    return p;
}
