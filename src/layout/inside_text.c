/* layout/inside_text — the poster's fonts, wrapped text, panel frames, colour-scale
 * legends and number formats (see inside_int.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout/inside_int.h"
#include "util/buf.h"

const lx_font LX_IFONT_TITLE = {26, true, false};
const lx_font LX_IFONT_SUBTITLE = {14, false, false};
const lx_font LX_IFONT_PANEL = {17, true, false};
const lx_font LX_IFONT_BODY = {12.5, false, false};
const lx_font LX_IFONT_BODY_BOLD = {12.5, true, false};
const lx_font LX_IFONT_SMALL = {11, false, false};
const lx_font LX_IFONT_SMALL_BOLD = {11, true, false};
const lx_font LX_IFONT_NOTE = {12, false, true};
const lx_font LX_IFONT_TAG = {9.5, false, false};
const lx_font LX_IFONT_CHIP = {15, true, false};
const lx_font LX_IFONT_CONT = {14, false, true};

#define LINE_EM 1.45

/* ---- wrapping ---- */

/* Length of the longest prefix of text (ending at a space, or mid-word when one word is
 * too long) that fits maxw; at least one character. */
static size_t fit_prefix(lx_ilay *L, lx_font f, const char *text, double maxw)
{
    size_t n = strlen(text), best = 0;
    char buf[1024];
    for (size_t i = 1; i <= n && i < sizeof buf; i++) {
        if (i < n && text[i] != ' ') continue;
        memcpy(buf, text, i);
        buf[i] = '\0';
        if (lx_scene_text_width(L->s, f, buf) > maxw) break;
        best = i;
    }
    if (best) return best;
    size_t i = 1; /* one word longer than the line: cut it at a character boundary */
    while (i < n && i < sizeof buf - 1) {
        size_t j = i + 1;
        while (j < n && ((unsigned char)text[j] & 0xC0) == 0x80) j++;
        memcpy(buf, text, j);
        buf[j] = '\0';
        if (lx_scene_text_width(L->s, f, buf) > maxw) break;
        i = j;
    }
    while (i < n && ((unsigned char)text[i] & 0xC0) == 0x80) i++;
    return i;
}

/* Walks the wrapped lines of text, adding them when id is not NULL; returns the count. */
static int wrap(lx_ilay *L, const char *id, int parent, lx_font f, lx_ink ink, double x, double y, double maxw,
                const char *text)
{
    int n = 0;
    char line[1024], lid[96];
    while (*text) {
        while (*text == ' ') text++;
        if (!*text) break;
        size_t k = fit_prefix(L, f, text, maxw);
        snprintf(line, sizeof line, "%.*s", (int)k, text);
        if (id) {
            snprintf(lid, sizeof lid, "%s.%d", id, n);
            lx_scene_text(L->s, lid, parent, f, ink, LX_ANCHOR_START, x, y + f.size * LINE_EM * n, line);
        }
        n++;
        text += k;
    }
    return n;
}

double lx_ilay_text(lx_ilay *L, const char *id, int parent, lx_font f, lx_ink ink, double x, double y, double maxw,
                    const char *text)
{
    int n = wrap(L, id, parent, f, ink, x, y, maxw, text);
    return y + f.size * LINE_EM * n - f.size * 0.45;
}

double lx_ilay_text_h(lx_ilay *L, lx_font f, double maxw, const char *text)
{
    return f.size * LINE_EM * wrap(L, NULL, -1, f, LX_INK_TEXT, 0, 0, maxw, text);
}

void lx_ilay_fit(lx_ilay *L, lx_font f, const char *text, double maxw, char *out, size_t cap)
{
    lx_buf b; /* measured as it will be shown: escapes included */
    lx_buf_init(&b);
    lx_buf_put_term(&b, text);
    lx_measure_fit(L->s->measure, f, lx_buf_cstr(&b), maxw, out, cap);
    lx_buf_free(&b);
}

/* ---- panels ---- */

int lx_ilay_panel_open(lx_ilay *L, const char *id, lx_kind kind, double y, const char *title, const char *figure,
                       double *content_y)
{
    int p = lx_scene_panel(L->s, id, -1, kind, (lx_rect){L->x, y, L->w, 60}, 10);
    if (p < 0) return -1;
    char tid[64];
    double fw = figure ? lx_scene_text_width(L->s, LX_IFONT_BODY, figure) + 24 : 0;
    char fitted[256];
    lx_ilay_fit(L, LX_IFONT_PANEL, title, L->w - 2 * LX_IPAD - fw, fitted, sizeof fitted);
    snprintf(tid, sizeof tid, "%s.title", id);
    lx_scene_text(L->s, tid, p, LX_IFONT_PANEL, LX_INK_KIND, LX_ANCHOR_START, L->x + LX_IPAD, y + 32, fitted);
    if (figure) {
        snprintf(tid, sizeof tid, "%s.figure", id);
        lx_scene_text(L->s, tid, p, LX_IFONT_BODY, LX_INK_MUTED, LX_ANCHOR_END, L->x + L->w - LX_IPAD, y + 31, figure);
    }
    *content_y = y + 56;
    return p;
}

void lx_ilay_panel_close(lx_ilay *L, int panel, double bottom)
{
    if (panel < 0) return;
    lx_el *p = &L->s->els[panel];
    p->r.h = bottom + LX_IPAD - p->r.y;
}

/* ---- legends ---- */

double lx_ilay_scale_legend(lx_ilay *L, const char *id, int parent, lx_kind kind, lx_scale scale, double x, double y,
                            double w, float vmin, float vmax, const char *const ticks[3])
{
    enum { STEPS = 48 };
    float v[STEPS];
    for (int i = 0; i < STEPS; i++) v[i] = vmin + (vmax - vmin) * (float)i / (STEPS - 1);
    lx_heatmap_spec h = {v, 1, STEPS, vmin, vmax, scale, kind, NULL, NULL, LX_IFONT_TAG};
    lx_scene_heatmap(L->s, id, parent, (lx_rect){x, y, w, 10}, &h);
    static const lx_anchor anchors[3] = {LX_ANCHOR_START, LX_ANCHOR_MIDDLE, LX_ANCHOR_END};
    char tid[96];
    for (int i = 0; i < 3; i++) {
        if (!ticks[i] || !ticks[i][0]) continue;
        snprintf(tid, sizeof tid, "%s.tick%d", id, i);
        lx_scene_text(L->s, tid, parent, LX_IFONT_SMALL, LX_INK_MUTED, anchors[i], x + w * i / 2, y + 24, ticks[i]);
    }
    return y + 30;
}

/* ---- numbers ---- */

void lx_ilay_percent(char *out, size_t cap, double p)
{
    double pc = p * 100;
    if (!(pc >= 0)) pc = 0;
    if (pc >= 9.995) snprintf(out, cap, "%.1f %%", pc);
    else if (pc >= 0.9995) snprintf(out, cap, "%.2f %%", pc);
    else if (pc >= 0.09995) snprintf(out, cap, "%.3f %%", pc);
    else if (pc > 0) {
        int dec = 1 - (int)floor(log10(pc)); /* two significant digits */
        snprintf(out, cap, "%.*f %%", dec > 12 ? 12 : dec, pc);
    } else {
        snprintf(out, cap, "0 %%");
    }
}

void lx_ilay_number(char *out, size_t cap, double v)
{
    double a = fabs(v);
    if (a >= 100 || a == 0) snprintf(out, cap, "%.0f", v);
    else if (a >= 10) snprintf(out, cap, "%.1f", v);
    else snprintf(out, cap, "%.2g", v);
    if (strchr(out, 'e')) snprintf(out, cap, "%.*f", 1 - (int)floor(log10(a)), v);
}
