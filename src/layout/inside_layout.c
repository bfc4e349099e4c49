/* layout/inside_layout — see inside_layout.h. This file: token labels, the title band, the
 * spine, the stations (each panel placed level with its stage, the spine stretched to make
 * room) and the leaders, and the entry points. */
#include "layout/inside_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout/arch_layout.h"
#include "layout/inside_int.h"
#include "util/buf.h"

/* ---- token labels ---- */

char *lx_ilay_token_text(const char *piece, bool chip)
{
    lx_buf b;
    lx_buf_init(&b);
    const char *s = piece, *e = piece + strlen(piece);
    if (!chip) {
        while (*s == ' ') s++;
        while (e > s && e[-1] == ' ') e--;
    }
    for (const char *c = s; c < e; c++) {
        if (*c == ' ') lx_buf_puts(&b, "␣");
        else lx_buf_putc(&b, *c);
    }
    if (!b.len) lx_buf_puts(&b, "␣");
    char *out = lx_buf_ok(&b) ? strdup(lx_buf_cstr(&b)) : NULL;
    lx_buf_free(&b);
    return out;
}

static void free_labels(lx_ilay *L)
{
    for (size_t i = 0; i < L->n_tok; i++) {
        if (L->label) free(L->label[i]);
        if (L->chip) free(L->chip[i]);
    }
    free(L->label);
    free(L->chip);
}

static bool make_labels(lx_ilay *L)
{
    const lx_inside *in = L->in;
    L->n_tok = in->trace.n_tok;
    L->label = calloc(L->n_tok ? L->n_tok : 1, sizeof *L->label);
    L->chip = calloc(L->n_tok ? L->n_tok : 1, sizeof *L->chip);
    if (!L->label || !L->chip) return false;
    for (size_t i = 0; i < L->n_tok; i++) {
        const char *piece = in->trace.pieces[i];
        L->label[i] = lx_ilay_token_text(piece ? piece : "?", false);
        L->chip[i] = lx_ilay_token_text(piece ? piece : "?", true);
        if (!L->label[i] || !L->chip[i]) return false;
    }
    if (L->n_tok) snprintf(L->last, sizeof L->last, "“%.80s”", L->label[L->n_tok - 1]);
    return L->n_tok > 0;
}

/* ---- title band ---- */

static double title_band(lx_ilay *L, const char *name, double width)
{
    const lx_inside *in = L->in;
    const lx_trace *hp = &in->trace;
    char title[1024], fitted[1024], sub[512], vocab[32];
    lx_fmt_thousands(vocab, sizeof vocab, hp->vocab);
    if (in->prompt_text && in->prompt_text[0])
        snprintf(title, sizeof title, "%s reads “%.400s”: inside one forward pass, from tokens to the next word", name,
                 in->prompt_text);
    else
        snprintf(title, sizeof title, "%s starts from an empty prompt: inside one forward pass, from tokens to the "
                                      "next word", name);
    lx_ilay_fit(L, LX_IFONT_TITLE, title, width, fitted, sizeof fitted);
    lx_scene_text(L->s, "title", -1, LX_IFONT_TITLE, LX_INK_TITLE, LX_ANCHOR_START, LX_IMARGIN, 56, fitted);
    snprintf(sub, sizeof sub,
             "%s · %zu layer%s · d_model %zu · %zu heads · vocabulary %s — every picture on the right is computed "
             "from this run, beside the stage of the model that produced it",
             hp->model.family, hp->n_layers, hp->n_layers == 1 ? "" : "s", hp->d_model, hp->n_heads, vocab);
    lx_ilay_fit(L, LX_IFONT_SUBTITLE, sub, width, fitted, sizeof fitted);
    lx_scene_text(L->s, "subtitle", -1, LX_IFONT_SUBTITLE, LX_INK_MUTED, LX_ANCHOR_START, LX_IMARGIN, 84, fitted);
    lx_pt rule[2] = {{LX_IMARGIN, 102}, {LX_IMARGIN + width, 102}};
    lx_scene_line(L->s, "title.rule", -1, LX_INK_RULE, LX_KIND_NEUTRAL, 0, rule, 2, -1, -1);
    return 126;
}

/* ---- the spine ---- */

typedef struct spine {
    int first, last;  /* element range in the poster scene */
    double right;     /* right edge */
} spine;

static lx_status place_spine(lx_ilay *L, const lx_desc *d, double top, spine *sp, lx_err *err)
{
    *sp = (spine){-1, -1, 0};
    lx_scene arch;
    lx_scene_init(&arch, L->s->measure);
    lx_status st = lx_layout_arch(d, &arch, err);
    double x0 = 1e30, y0 = 1e30;
    for (int i = 0; st == LX_OK && i < arch.n; i++) {
        const lx_el *e = &arch.els[i];
        if (strncmp(e->id, "spine.", 6) && strncmp(e->id, "block", 5)) continue;
        x0 = fmin(x0, e->r.x);
        y0 = fmin(y0, e->r.y);
    }
    if (st == LX_OK) sp->first = lx_ilay_copy_spine(L->s, &arch, LX_IMARGIN - x0, top - y0);
    lx_scene_free(&arch);
    if (st != LX_OK) return st;
    if (sp->first < 0) return lx_err_set(err, LX_ERR_IO, "the architecture diagram has no spine to draw");
    sp->last = L->s->n;
    sp->right = 0;
    for (int i = sp->first; i < sp->last; i++) sp->right = fmax(sp->right, lx_rect_right(L->s->els[i].r));
    return LX_OK;
}

/* ---- stations: a panel beside its stage ---- */

typedef enum station_kind {
    ST_TOKENS, ST_EMBED, ST_POS, ST_ATTN, ST_FFN, ST_RESID, ST_LENS, ST_NEXT, ST_COUNT
} station_kind;

typedef struct station {
    const char *ids[3]; /* spine elements to join, the first that exists */
    lx_kind kind;
    bool by_kind;       /* without those ids: the first top-level box of its kind */
    int (*build)(lx_ilay *L, double y);
} station;

static const station STATIONS[ST_COUNT] = {
    [ST_TOKENS] = {{"spine.tokenizer", "spine.input", NULL}, LX_KIND_NEUTRAL, true, lx_ilay_tokens},
    [ST_EMBED] = {{"spine.embed", NULL, NULL}, LX_KIND_EMBEDDING, true, lx_ilay_embed},
    [ST_POS] = {{"spine.pos", NULL, NULL}, LX_KIND_POSITION, false, lx_ilay_positions},
    [ST_ATTN] = {{"block0.attn", NULL, NULL}, LX_KIND_ATTENTION, true, NULL},
    [ST_FFN] = {{"block0.ffn", NULL, NULL}, LX_KIND_FFN, false, lx_ilay_ffn},
    [ST_RESID] = {{"block0.add1", "block0.add0", "spine.final_norm"}, LX_KIND_NORM, true, lx_ilay_resid},
    [ST_LENS] = {{"spine.final_norm", "spine.output", NULL}, LX_KIND_OUTPUT, false, lx_ilay_lens},
    [ST_NEXT] = {{"spine.softmax", "spine.output", NULL}, LX_KIND_OUTPUT, true, lx_ilay_next},
};

/* The spine element a station joins: by id, else (by_kind) the first top-level box of its kind. */
static int station_anchor(const lx_ilay *L, const spine *sp, station_kind k)
{
    for (int i = 0; i < 3 && STATIONS[k].ids[i]; i++) {
        int e = lx_ilay_find(L->s, sp->first, sp->last, STATIONS[k].ids[i]);
        if (e >= 0) return e;
    }
    for (int i = sp->first; STATIONS[k].by_kind && i < sp->last; i++) {
        const lx_el *e = &L->s->els[i];
        if (e->type == LX_EL_BOX && e->kind == STATIONS[k].kind) return i;
    }
    return -1;
}

static int build_panel(lx_ilay *L, station_kind k, double *anchor_off)
{
    *anchor_off = LX_ILEADER_Y;
    return STATIONS[k].build ? STATIONS[k].build(L, 0) : lx_ilay_attn(L, 0, anchor_off);
}

/* Where a leader leaves element e: its right edge (a circle's rim), level with its centre. */
static lx_pt leader_start(const lx_el *e)
{
    if (e->type == LX_EL_CIRCLE) return (lx_pt){e->u.circle.cx + e->u.circle.rad, e->u.circle.cy};
    return (lx_pt){lx_rect_right(e->r), lx_rect_cy(e->r)};
}

static void leader(lx_ilay *L, station_kind k, int from, int panel)
{
    lx_pt a = leader_start(&L->s->els[from]);
    lx_pt pts[2] = {a, {L->s->els[panel].r.x, a.y}};
    char id[48];
    snprintf(id, sizeof id, "leader.%d", (int)k);
    lx_scene_line(L->s, id, -1, LX_INK_KIND, STATIONS[k].kind, LX_F_DASHED | LX_F_CONNECT, pts, 2, from, panel);
}

/* The attention card's RoPE badge joined to the RoPE box inside the attention panel: right
 * out of the card, down the gutter, right into the box. */
static void rope_leader(lx_ilay *L, const spine *sp, int panel_first)
{
    int badge = lx_ilay_find(L->s, sp->first, sp->last, "block0.attn.badge");
    int box = lx_ilay_find(L->s, panel_first, L->s->n, "rope");
    if (badge < 0 || box < 0) return;
    lx_rect b = L->s->els[badge].r, r = L->s->els[box].r;
    double gx = L->x - LX_IGUTTER / 2, ty = fmin(lx_rect_cy(r), r.y + 24);
    if (ty <= lx_rect_cy(b)) return;
    lx_pt pts[4] = {{lx_rect_right(b), lx_rect_cy(b)}, {gx, lx_rect_cy(b)}, {gx, ty}, {r.x, ty}};
    lx_scene_line(L->s, "leader.rope", -1, LX_INK_KIND, LX_KIND_POSITION, LX_F_DASHED | LX_F_CONNECT, pts, 4, badge,
                  box);
}

/* Builds station k's panel, stretches the spine so that its stage is level with the panel's
 * anchor and below the previous panel, moves the panel there and joins them; returns the
 * y below the panel. */
static double station_place(lx_ilay *L, spine *sp, station_kind k, double min_top, double *prev_anchor_y)
{
    double off;
    int first = L->s->n, panel = build_panel(L, k, &off), a = station_anchor(L, sp, k);
    if (panel < 0) return min_top;
    lx_el *pe = &L->s->els[panel];
    double top = min_top;
    if (a >= 0) {
        double need = min_top + off - leader_start(&L->s->els[a]).y;
        if (need > 0) lx_ilay_stretch_between(L->s, sp->first, sp->last, *prev_anchor_y, L->s->els[a].r.y, need);
        top = leader_start(&L->s->els[a]).y - off;
        *prev_anchor_y = lx_rect_bottom(L->s->els[a].r);
    }
    lx_scene_translate(L->s, first, L->s->n, 0, top - pe->r.y);
    if (a >= 0) leader(L, k, a, panel);
    if (k == ST_ATTN) rope_leader(L, sp, first);
    return lx_rect_bottom(L->s->els[panel].r) + LX_IGAP;
}

/* ---- entry points ---- */

static double column_width(lx_ilay *L)
{
    return fmax(lx_ilay_attn_width(L), 960);
}

lx_status lx_layout_inside(const lx_inside *in, const lx_desc *d, const char *name, lx_scene *s, lx_err *err)
{
    lx_ilay L = {.s = s, .in = in};
    if (!make_labels(&L)) {
        free_labels(&L);
        return lx_err_set(err, LX_ERR_IO, "out of memory laying out the poster");
    }
    double top = 126;
    spine sp = {-1, -1, 0};
    lx_status st = place_spine(&L, d, top, &sp, err);
    if (st == LX_OK) {
        L.x = sp.right + LX_IGUTTER;
        L.w = column_width(&L);
        s->width = L.x + L.w + LX_IMARGIN;
        title_band(&L, name, s->width - 2 * LX_IMARGIN);
        double y = top, prev = top;
        for (int k = 0; k < ST_COUNT; k++) y = station_place(&L, &sp, (station_kind)k, y, &prev);
        lx_scene_fit_canvas(s, LX_IMARGIN);
    }
    free_labels(&L);
    if (st == LX_OK && !lx_scene_ok(s)) st = lx_err_set(err, LX_ERR_IO, "out of memory laying out the poster");
    return st;
}

void lx_layout_inside_name(const lx_desc *d, const lx_inside *in, const char *path, char *out, size_t cap)
{
    if (d->name[0] && strcasecmp(d->name, in->trace.model.family) && strcmp(d->name, "Unnamed model")) {
        snprintf(out, cap, "%s", d->name);
        return;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    int n = dot && !strcasecmp(dot, ".gguf") ? (int)(dot - base) : (int)strlen(base);
    snprintf(out, cap, "%.*s", n, base);
}
