/* layout/compare_layout — see compare_layout.h. This file: the title band, the spines of
 * two models with their difference marks, and the table of compared properties. */
#include "layout/compare_layout.h"

#include <stdio.h>
#include <string.h>

#include "layout/arch_layout_int.h"
#include "layout/describe.h"
#include "util/buf.h"

#define COL_GAP 70.0      /* between two spines, and before the table */
#define ROW_H 21.0        /* one table row */
#define SECTION_GAP 12.0  /* above a section heading */
#define MARK_W 4.0        /* accent bar */
#define VALUE_MAX_W 260.0 /* a value or model name wider than this is cut with "…" */
#define CELL_GAP 28.0     /* between table columns */

typedef struct cmp_lay {
    lx_scene *s;
    const lx_diff *d;
    double top;       /* first y below the title band */
    double x;         /* next free x */
    double bottom;    /* lowest y used */
} cmp_lay;

/* Which diff components a spine card of each kind shows. */
static const lx_comp KIND_COMP[LX_KIND_COUNT] = {
    [LX_KIND_NEUTRAL] = LX_COMP_COUNT, [LX_KIND_EMBEDDING] = LX_COMP_EMBEDDING,
    [LX_KIND_POSITION] = LX_COMP_POSITION, [LX_KIND_ATTENTION] = LX_COMP_ATTENTION,
    [LX_KIND_FFN] = LX_COMP_FFN_DENSE, [LX_KIND_EXPERTS] = LX_COMP_FFN_EXPERTS,
    [LX_KIND_SHARED] = LX_COMP_FFN_SHARED, [LX_KIND_ROUTER] = LX_COMP_ROUTER,
    [LX_KIND_NORM] = LX_COMP_NORM, [LX_KIND_OUTPUT] = LX_COMP_OUTPUT, [LX_KIND_OTHER] = LX_COMP_COUNT,
    [LX_KIND_MIXER] = LX_COMP_MIXER,
};
_Static_assert(LX_KIND_MIXER + 1 == LX_KIND_COUNT, "a new lx_kind needs its component in KIND_COMP");

/* Neutral spine cards that show one property. */
static const struct { const char *id, *row; } CARD_ROW[] = {
    {"spine.input", "context_length"}, {"spine.tokenizer", "vocab_size"}, {"spine.softmax", "vocab_size"},
};

static bool row_differs(const lx_diff *d, const char *key)
{
    const lx_diff_row *r = lx_diff_find(d, key);
    return r && r->differs;
}

/* Whether the spine card e (its id without the model prefix) shows something that differs;
 * a block's "× N" badge shows the layer count and mix. */
static bool card_differs(const lx_diff *d, const lx_el *e, const char *id)
{
    if (e->type == LX_EL_BADGE) return row_differs(d, "n_layers") || row_differs(d, "layer_mix");
    lx_comp c = KIND_COMP[e->kind < LX_KIND_COUNT ? e->kind : LX_KIND_OTHER];
    if (c == LX_COMP_ATTENTION && lx_diff_comp_differs(d, LX_COMP_MIXER)) return true; /* token mixers */
    if (c != LX_COMP_COUNT) return lx_diff_comp_differs(d, c);
    for (size_t i = 0; i < sizeof CARD_ROW / sizeof CARD_ROW[0]; i++)
        if (!strcmp(id, CARD_ROW[i].id) && row_differs(d, CARD_ROW[i].row)) return true;
    return false;
}

/* s with control characters made visible, as the scene will draw it, so it is measured right. */
static void visible(const char *s, char *out, size_t cap)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_put_term(&b, s);
    snprintf(out, cap, "%s", lx_buf_cstr(&b));
    lx_buf_free(&b);
}

/* Text cut with "…" to fit maxw, after visible(). */
static void fit_text(lx_scene *s, lx_font f, const char *text, double maxw, char *out, size_t cap)
{
    char v[1200];
    visible(text, v, sizeof v);
    lx_measure_fit(s->measure, f, v, maxw, out, cap);
}

static int accent_bar(lx_scene *s, const char *id, int parent, double x, double y0, double y1)
{
    lx_pt p[2] = {{x, y0}, {x, y1}};
    int l = lx_scene_line(s, id, parent, LX_INK_ACCENT, LX_KIND_NEUTRAL, 0, p, 2, -1, -1);
    if (l >= 0) s->els[l].u.line.width = MARK_W;
    return l;
}

/* ---- title band ---- */

static void title_text(const lx_diff *d, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int m = 0; m < d->n_models && n < cap; m++)
        n += (size_t)snprintf(out + n, cap - n, "%s%s", m ? " vs " : "", d->models[m]->hp.name);
}

static double layout_title(cmp_lay *C, double width)
{
    char raw[1200], fit[512], sub[160];
    title_text(C->d, raw, sizeof raw);
    fit_text(C->s, LX_FONT_TITLE, raw, width, fit, sizeof fit);
    lx_scene_text(C->s, "title", -1, LX_FONT_TITLE, LX_INK_TITLE, LX_ANCHOR_START, LX_MARGIN, 58, fit);
    snprintf(sub, sizeof sub, "%d of %d compared properties differ; they are marked in red", C->d->n_differ,
             C->d->n_applies);
    lx_scene_text(C->s, "subtitle0", -1, LX_FONT_SUBTITLE, LX_INK_MUTED, LX_ANCHOR_START, LX_MARGIN, 90, sub);
    lx_pt rule[2] = {{LX_MARGIN, 104}, {LX_MARGIN + width, 104}};
    lx_scene_line(C->s, "title.rule", -1, LX_INK_RULE, LX_KIND_NEUTRAL, 0, rule, 2, -1, -1);
    return 130;
}

/* ---- spines ---- */

/* A bar right of every imported card (and layer badge) whose component differs. */
static void mark_cards(cmp_lay *C, const char *prefix, int first, int last)
{
    lx_scene *s = C->s;
    for (int i = first; i < last; i++) {
        const lx_el *e = &s->els[i];
        bool card = e->type == LX_EL_BOX && (e->parent < 0 || s->els[e->parent].type != LX_EL_BOX);
        if (!card && e->type != LX_EL_BADGE) continue;
        const char *own = e->id + strlen(prefix);
        if (!card_differs(C->d, e, own)) continue;
        char id[160];
        snprintf(id, sizeof id, "%smark.%s", prefix, own);
        lx_rect r = e->r;
        int parent = e->parent; /* e moves when the scene grows */
        accent_bar(s, id, parent, lx_rect_right(r) + 9, r.y + 4, lx_rect_bottom(r) - 4);
    }
}

static void spine_heading(cmp_lay *C, const char *prefix, const lx_arch *a, double width)
{
    char id[64], fit[256], sub[160], params[32];
    fit_text(C->s, LX_FONT_PANEL_TITLE, a->hp.name, width, fit, sizeof fit);
    snprintf(id, sizeof id, "%sname", prefix);
    lx_scene_text(C->s, id, -1, LX_FONT_PANEL_TITLE, LX_INK_TITLE, LX_ANCHOR_START, C->x, C->top + 4, fit);
    lx_fmt_short(params, sizeof params, a->total_params);
    snprintf(sub, sizeof sub, "%s parameters · %llu layers", params, (unsigned long long)a->hp.n_layers);
    snprintf(id, sizeof id, "%sfacts", prefix);
    lx_scene_text(C->s, id, -1, LX_FONT_BODY, LX_INK_MUTED, LX_ANCHOR_START, C->x, C->top + 24, sub);
}

/* Index of the first element at or after `from` whose id is `id` (or starts with it, when
 * prefix), -1 none. */
static int find_id(const lx_scene *s, int from, const char *id, bool prefix)
{
    for (int i = from < 0 ? 0 : from; i < s->n; i++)
        if (prefix ? !strncmp(s->els[i].id, id, strlen(id)) : !strcmp(s->els[i].id, id)) return i;
    return -1;
}

/* Moves elements [first, n) down by dy; a connector coming from an element before `first`
 * keeps its start, so the arrow into the moved part grows. */
static void stretch(lx_scene *s, int first, double dy)
{
    if (first < 0 || dy <= 0) return;
    lx_scene_translate(s, first, s->n, 0, dy);
    for (int i = first; i < s->n; i++) {
        lx_el *e = &s->els[i];
        if (e->type != LX_EL_LINE || e->u.line.from < 0 || e->u.line.from >= first) continue;
        e->u.line.pts[0].y -= dy;
        e->r.y -= dy;
        e->r.h += dy;
    }
    s->height += dy;
}

/* Lines up one anchor of both spines: the element at index a[m] (the part from start[m]
 * on moves down in the spine where it is higher). */
static void align_at(lx_scene *sub, const int *start, const int *a)
{
    if (a[0] < 0 || a[1] < 0) return;
    double y0 = sub[0].els[a[0]].r.y, y1 = sub[1].els[a[1]].r.y;
    if (y0 < y1) stretch(&sub[0], start[0], y1 - y0);
    else stretch(&sub[1], start[1], y0 - y1);
}

/* Component by component: the first layer block starts, and the final cards (final norm,
 * output, softmax) sit, at the same height in both spines. */
static void align_spines(lx_scene *sub)
{
    int cap[2], block[2], tail[2];
    for (int m = 0; m < 2; m++) {
        cap[m] = find_id(&sub[m], 0, "block0.caption", true);
        block[m] = find_id(&sub[m], cap[m], "block0", false);
        tail[m] = find_id(&sub[m], block[m], "spine.", true);
    }
    align_at(sub, cap, block);
    align_at(sub, tail, tail);
}

static void place_spine(cmp_lay *C, int m, const lx_scene *sub)
{
    const char *prefix = m ? "b." : "a.";
    spine_heading(C, prefix, C->d->models[m], sub->width);
    int first = lx_scene_import(C->s, sub, prefix, -1, C->x, C->top + 50);
    if (first >= 0) mark_cards(C, prefix, first, C->s->n);
    C->x += sub->width + COL_GAP;
    if (C->top + 50 + sub->height > C->bottom) C->bottom = C->top + 50 + sub->height;
}

static lx_status layout_spines(cmp_lay *C, lx_err *err)
{
    lx_desc *d[2] = {NULL, NULL};
    lx_scene sub[2];
    lx_status st = LX_OK;
    for (int m = 0; m < 2; m++) lx_scene_init(&sub[m], C->s->measure);
    for (int m = 0; m < 2 && st == LX_OK; m++) {
        d[m] = lx_desc_build(C->d->models[m], err);
        st = d[m] ? lx_layout_spine(d[m], &sub[m], err) : err->code;
    }
    if (st == LX_OK) {
        align_spines(sub);
        for (int m = 0; m < 2; m++) place_spine(C, m, &sub[m]);
    }
    for (int m = 0; m < 2; m++) {
        lx_scene_free(&sub[m]);
        lx_desc_free(d[m]);
    }
    return st;
}

/* ---- the table ---- */

typedef struct table {
    cmp_lay *C;
    int panel;
    double x0, label_w, col_w[LX_DIFF_MAX_MODELS], w;
} table;

static double cell_w(lx_scene *s, lx_font f, const char *text)
{
    char v[1200];
    visible(text, v, sizeof v);
    double w = lx_scene_text_width(s, f, v);
    return w > VALUE_MAX_W ? VALUE_MAX_W : w;
}

static void measure_table(table *T)
{
    const lx_diff *d = T->C->d;
    lx_scene *s = T->C->s;
    T->label_w = 0;
    for (int m = 0; m < d->n_models; m++) T->col_w[m] = cell_w(s, LX_FONT_BODY_BOLD, d->models[m]->hp.name);
    for (int i = 0; i < d->n_rows; i++) {
        const lx_diff_row *r = &d->rows[i];
        if (!r->applies) continue;
        double lw = lx_scene_text_width(s, LX_FONT_BODY_BOLD, r->def->label);
        if (lw > T->label_w) T->label_w = lw;
        for (int m = 0; m < d->n_models; m++) {
            double w = cell_w(s, LX_FONT_BODY_BOLD, r->v[m].text);
            if (w > T->col_w[m]) T->col_w[m] = w;
        }
    }
    T->w = 2 * LX_PANEL_PAD + 14 + T->label_w;
    for (int m = 0; m < d->n_models; m++) T->w += CELL_GAP + T->col_w[m];
}

static double col_x(const table *T, int m)
{
    double x = T->x0 + LX_PANEL_PAD + 14 + T->label_w + CELL_GAP;
    for (int k = 0; k < m; k++) x += T->col_w[k] + CELL_GAP;
    return x;
}

static void cell(table *T, const char *id, double x, double y, bool bold, lx_ink ink, const char *text, double maxw)
{
    char fit[256];
    lx_font f = bold ? LX_FONT_BODY_BOLD : LX_FONT_BODY;
    fit_text(T->C->s, f, text, maxw, fit, sizeof fit);
    lx_scene_text(T->C->s, id, T->panel, f, ink, LX_ANCHOR_START, x, y, fit);
}

static double table_header(table *T, double y)
{
    const lx_diff *d = T->C->d;
    char id[48];
    for (int m = 0; m < d->n_models; m++) {
        snprintf(id, sizeof id, "table.model%d", m);
        cell(T, id, col_x(T, m), y, true, LX_INK_TITLE, d->models[m]->hp.name, T->col_w[m]);
    }
    lx_pt rule[2] = {{T->x0 + LX_PANEL_PAD, y + 8}, {T->x0 + T->w - LX_PANEL_PAD, y + 8}};
    lx_scene_line(T->C->s, "table.header.rule", T->panel, LX_INK_RULE, LX_KIND_NEUTRAL, 0, rule, 2, -1, -1);
    return y + 8;
}

static double table_row(table *T, int i, double y)
{
    const lx_diff_row *r = &T->C->d->rows[i];
    char id[96];
    bool on = r->differs;
    lx_ink ink = on ? LX_INK_ACCENT : LX_INK_TEXT;
    y += ROW_H;
    if (on) {
        snprintf(id, sizeof id, "table.%s.mark", r->def->key);
        accent_bar(T->C->s, id, T->panel, T->x0 + LX_PANEL_PAD + 2, y - 12, y + 3);
    }
    snprintf(id, sizeof id, "table.%s.label", r->def->key);
    cell(T, id, T->x0 + LX_PANEL_PAD + 14, y, on, on ? LX_INK_ACCENT : LX_INK_MUTED, r->def->label, T->label_w);
    for (int m = 0; m < T->C->d->n_models; m++) {
        snprintf(id, sizeof id, "table.%s.%d", r->def->key, m);
        cell(T, id, col_x(T, m), y, on, ink, r->v[m].text, T->col_w[m]);
    }
    return y;
}

static double table_rows(table *T, double y)
{
    const lx_diff *d = T->C->d;
    const char *section = NULL;
    char id[64];
    for (int i = 0; i < d->n_rows; i++) {
        const lx_diff_row *r = &d->rows[i];
        if (!r->applies) continue;
        if (!section || strcmp(section, r->def->section)) {
            section = r->def->section;
            snprintf(id, sizeof id, "table.section%d", i);
            y += SECTION_GAP + ROW_H;
            cell(T, id, T->x0 + LX_PANEL_PAD, y, true, LX_INK_TITLE, section, T->w - 2 * LX_PANEL_PAD);
        }
        y = table_row(T, i, y);
    }
    return y;
}

static void layout_table(cmp_lay *C)
{
    table T = {.C = C, .x0 = C->x};
    measure_table(&T);
    char fig[64];
    snprintf(fig, sizeof fig, "%d of %d differ", C->d->n_differ, C->d->n_applies);
    T.panel = lx_scene_panel(C->s, "table", -1, LX_KIND_NEUTRAL, (lx_rect){T.x0, C->top, T.w, 0}, 12);
    lx_scene_text(C->s, "table.title", T.panel, LX_FONT_PANEL_TITLE, LX_INK_TITLE, LX_ANCHOR_START,
                  T.x0 + LX_PANEL_PAD, C->top + 34, "Compared properties");
    lx_scene_text(C->s, "table.figure", T.panel, LX_FONT_BODY, LX_INK_MUTED, LX_ANCHOR_END, T.x0 + T.w - LX_PANEL_PAD,
                  C->top + 34, fig);
    double y = table_rows(&T, table_header(&T, C->top + 64));
    if (T.panel >= 0) C->s->els[T.panel].r.h = y + LX_PANEL_PAD + 6 - C->top;
    C->x += T.w;
    if (y + LX_PANEL_PAD > C->bottom) C->bottom = y + LX_PANEL_PAD;
}

lx_status lx_layout_compare(const lx_diff *d, lx_scene *s, lx_err *err)
{
    cmp_lay C = {.s = s, .d = d, .x = LX_MARGIN};
    C.top = 130;
    if (d->n_models == 2 && layout_spines(&C, err) != LX_OK) return err->code;
    layout_table(&C);
    char title[1200];
    title_text(d, title, sizeof title);
    char shown[1200];
    visible(title, shown, sizeof shown);
    double width = C.x - LX_MARGIN, tw = lx_scene_text_width(s, LX_FONT_TITLE, shown);
    if (width < tw) width = tw < 2400 ? tw : 2400; /* a long title widens the canvas, within reason */
    layout_title(&C, width);
    lx_scene_fit_canvas(s, LX_MARGIN);
    if (!lx_scene_ok(s)) return lx_err_set(err, LX_ERR_IO, "out of memory while laying out the comparison");
    return LX_OK;
}
