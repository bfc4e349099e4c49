/* render/term — see term.h. Everything is drawn into a grid of cells (code point, kind
 * colour, attributes) that grows downwards; the grid is then written out row by row with
 * trailing blanks trimmed and ANSI colours switched only where they change. */
#include "render/term.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_BOLD = 1, A_DIM = 2, A_CONT = 4 /* right half of a wide character */ };
#define NO_KIND 0xFF

typedef struct cell {
    uint32_t cp;
    uint8_t kind; /* lx_kind, or NO_KIND */
    uint8_t attr;
} cell;

/* The glyphs, Unicode and 7-bit. */
typedef struct glyphs {
    uint32_t h, v, tl, tr, bl, br, rtl, rtr, rbl, rbr, dh, dv, tee, cross, down, right, add, fork, on, off, bar, ellipsis;
} glyphs;

static const glyphs UNI = {0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x256D, 0x256E, 0x2570, 0x256F, 0x254C,
                           0x254E, 0x252C, 0x253C, 0x25BC, 0x25B6, 0x2295, 0x25CF, 0x25A0, 0x25A1, 0x2588, 0x2026};
static const glyphs ASC = {'-', '|', '+', '+', '+', '+', '/', '\\', '\\', '/', '-', ':', '+', '+', 'v', '>', '+', '*',
                           '#', '.', '#', '.'};

typedef struct term {
    const lx_desc *d;
    const lx_term_opts *o;
    const lx_theme *t;
    const glyphs *g;
    int w, rows, cap;
    cell *grid;
    bool oom;
} term;

/* ---- text preparation ---- */

/* 7-bit spellings of the symbols our strings use; anything else becomes '?'. */
static const struct { uint32_t cp; const char *ascii; } FOLD[] = {
    {0x2192, "->"}, {0x00D7, "x"}, {0x00B7, "-"}, {0x03B8, "theta"}, {0x221A, "sqrt"}, {0x1D40, "^T"},
    {0x2299, "(.)"}, {0x2295, "(+)"}, {0x2026, "..."}, {0x2013, "-"}, {0x2014, "--"}, {0x2264, "<="},
    {0x2265, ">="}, {0x201C, "\""}, {0x201D, "\""}, {0x2018, "'"}, {0x2019, "'"}, {0x00A0, " "},
};

static size_t utf8_dec(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80) { *cp = s[0]; return 1; }
    int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
    uint32_t c = s[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = '?'; return (size_t)i; }
        c = (c << 6) | (s[i] & 0x3F);
    }
    *cp = n == 1 ? '?' : c;
    return (size_t)n;
}

/* Sanitizes s (controls made visible) and, in ASCII mode, folds it to 7 bits. */
static void prep(term *T, const char *s, lx_buf *out)
{
    lx_buf safe;
    lx_buf_init(&safe);
    lx_buf_put_term(&safe, s ? s : "");
    const unsigned char *p = (const unsigned char *)lx_buf_cstr(&safe);
    while (*p) {
        uint32_t cp;
        size_t n = utf8_dec(p, &cp);
        if (!T->o->ascii || cp < 0x80) { lx_buf_put(out, p, n); p += n; continue; }
        const char *rep = "?";
        for (size_t i = 0; i < sizeof FOLD / sizeof FOLD[0]; i++) if (FOLD[i].cp == cp) rep = FOLD[i].ascii;
        lx_buf_puts(out, rep);
        p += n;
    }
    if (!lx_buf_ok(&safe) || !lx_buf_ok(out)) T->oom = true;
    lx_buf_free(&safe);
}

static int cp_width(uint32_t c)
{
    if (c >= 0x300 && c < 0x370) return 0; /* combining marks */
    bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
    return wide ? 2 : 1;
}

/* Display width of prepared text. */
static int text_cols(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        uint32_t cp;
        p += utf8_dec(p, &cp);
        w += cp_width(cp);
    }
    return w;
}

/* ---- grid ---- */

static bool ensure_row(term *T, int y)
{
    if (y < T->rows) return true;
    if (T->oom || y >= 1000000) { T->oom = true; return false; }
    if (y >= T->cap) {
        int cap = T->cap ? T->cap * 2 : 256;
        while (cap <= y) cap *= 2;
        cell *g = realloc(T->grid, (size_t)cap * (size_t)T->w * sizeof *g);
        if (!g) { T->oom = true; return false; }
        T->grid = g;
        T->cap = cap;
    }
    for (int r = T->rows; r <= y; r++)
        for (int x = 0; x < T->w; x++) T->grid[(size_t)r * (size_t)T->w + (size_t)x] = (cell){' ', NO_KIND, 0};
    T->rows = y + 1;
    return true;
}

static void put(term *T, int x, int y, uint32_t cp, int kind, int attr)
{
    if (x < 0 || x >= T->w || y < 0 || !ensure_row(T, y)) return;
    T->grid[(size_t)y * (size_t)T->w + (size_t)x] = (cell){cp, (uint8_t)kind, (uint8_t)attr};
}

/* Writes prepared text at (x, y), clipped at max_x; returns the column after it. */
static int put_text(term *T, int x, int y, const char *s, int kind, int attr, int max_x)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        uint32_t cp;
        p += utf8_dec(p, &cp);
        int cw = cp_width(cp);
        if (cw == 0) continue;
        if (x + cw > max_x) break;
        put(T, x, y, cp, kind, attr);
        if (cw == 2) put(T, x + 1, y, 0, kind, attr | A_CONT);
        x += cw;
    }
    return x;
}

/* Prepares and writes s, cutting it with an ellipsis when it exceeds max_x. */
static int text(term *T, int x, int y, const char *s, int kind, int attr, int max_x)
{
    lx_buf b;
    lx_buf_init(&b);
    prep(T, s, &b);
    int end = x + text_cols(lx_buf_cstr(&b));
    if (end > max_x) {
        int nx = put_text(T, x, y, lx_buf_cstr(&b), kind, attr, max_x - 1);
        put(T, nx, y, T->g->ellipsis, kind, attr);
        end = nx + 1;
    } else {
        put_text(T, x, y, lx_buf_cstr(&b), kind, attr, max_x);
    }
    lx_buf_free(&b);
    return end;
}

static int cols_of(term *T, const char *s)
{
    lx_buf b;
    lx_buf_init(&b);
    prep(T, s, &b);
    int n = text_cols(lx_buf_cstr(&b));
    lx_buf_free(&b);
    return n;
}

static void hline(term *T, int x0, int x1, int y, uint32_t cp, int kind)
{
    for (int x = x0; x <= x1; x++) put(T, x, y, cp, kind, 0);
}

/* Greedy word wrap of s into lines of at most `width` columns, written from (x, y);
 * returns the row after the last line. */
static int wrap(term *T, int x, int y, const char *s, int width, int kind, int attr)
{
    lx_buf b;
    lx_buf_init(&b);
    prep(T, s, &b);
    const char *p = lx_buf_cstr(&b);
    char line[1024];
    size_t ll = 0;
    int lw = 0;
    while (*p) {
        while (*p == ' ') p++;
        size_t n = strcspn(p, " ");
        if (!n) break;
        char word[512];
        snprintf(word, sizeof word, "%.*s", (int)(n < 511 ? n : 511), p);
        p += n;
        int ww = text_cols(word);
        if (ll && lw + 1 + ww > width) { line[ll] = '\0'; put_text(T, x, y++, line, kind, attr, x + width); ll = 0; lw = 0; }
        if (ll + strlen(word) + 2 >= sizeof line) continue;
        if (ll) { line[ll++] = ' '; lw++; }
        memcpy(line + ll, word, strlen(word));
        ll += strlen(word);
        lw += ww;
    }
    if (ll) { line[ll] = '\0'; put_text(T, x, y++, line, kind, attr, x + width); }
    lx_buf_free(&b);
    return y;
}

/* ---- output ---- */

static void sgr(term *T, lx_buf *out, int kind, int attr)
{
    lx_buf_puts(out, "\x1b[0");
    if (attr & A_BOLD) lx_buf_puts(out, ";1");
    if (attr & A_DIM) lx_buf_puts(out, ";2");
    if (kind != NO_KIND && kind < LX_KIND_COUNT) lx_buf_printf(out, ";38;5;%u", (unsigned)T->t->term_kind[kind]);
    lx_buf_putc(out, 'm');
}

static void put_cp(lx_buf *out, uint32_t c)
{
    char s[4];
    size_t n;
    if (c < 0x80) { s[0] = (char)c; n = 1; }
    else if (c < 0x800) { s[0] = (char)(0xC0 | (c >> 6)); s[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
    else if (c < 0x10000) {
        s[0] = (char)(0xE0 | (c >> 12)); s[1] = (char)(0x80 | ((c >> 6) & 0x3F)); s[2] = (char)(0x80 | (c & 0x3F)); n = 3;
    } else {
        s[0] = (char)(0xF0 | (c >> 18)); s[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((c >> 6) & 0x3F)); s[3] = (char)(0x80 | (c & 0x3F)); n = 4;
    }
    lx_buf_put(out, s, n);
}

static void emit_row(term *T, int y, lx_buf *out)
{
    const cell *row = &T->grid[(size_t)y * (size_t)T->w];
    int end = T->w;
    while (end > 0 && row[end - 1].cp == ' ' && !(row[end - 1].attr & A_CONT)) end--;
    int kind = NO_KIND, attr = 0;
    for (int x = 0; x < end; x++) {
        if (row[x].attr & A_CONT) continue;
        int k = row[x].kind, a = row[x].attr;
        bool blank = row[x].cp == ' '; /* colour and weight are invisible on a blank: keep the current ones */
        if (T->o->color && !blank && (k != kind || a != attr)) { sgr(T, out, k, a); kind = k; attr = a; }
        put_cp(out, row[x].cp);
    }
    if (T->o->color && (kind != NO_KIND || attr)) lx_buf_puts(out, "\x1b[0m");
    lx_buf_putc(out, '\n');
}

/* ---- the spine ---- */

typedef struct spine_geom {
    int wc;       /* card width */
    int left;     /* card left column */
    int cx;       /* spine column */
    int lane;     /* residual lane column */
    int frame_l, frame_r;
} spine_geom;

static int card_natural(term *T, const lx_desc_card *c)
{
    int w = cols_of(T, c->title) + (c->figure[0] ? 2 + cols_of(T, c->figure) : 0);
    for (int i = 0; i < LX_DESC_MAX_SUB && c->sub[i][0]; i++) {
        int sw = cols_of(T, c->sub[i]);
        if (sw > w) w = sw;
    }
    if (c->badge[0] && cols_of(T, c->badge) + 2 > w) w = cols_of(T, c->badge) + 2;
    return w + 4;
}

static spine_geom spine_measure(term *T)
{
    const lx_desc *d = T->d;
    int wc = 30;
    for (int i = 0; i < d->n_spine_top; i++) if (card_natural(T, &d->spine_top[i]) > wc) wc = card_natural(T, &d->spine_top[i]);
    for (int i = 0; i < d->n_enc_bottom; i++)
        if (card_natural(T, &d->enc_bottom[i]) > wc) wc = card_natural(T, &d->enc_bottom[i]);
    for (int i = 0; i < d->n_dec_top; i++) if (card_natural(T, &d->dec_top[i]) > wc) wc = card_natural(T, &d->dec_top[i]);
    for (int i = 0; i < d->n_spine_bottom; i++)
        if (card_natural(T, &d->spine_bottom[i]) > wc) wc = card_natural(T, &d->spine_bottom[i]);
    for (int k = 0; k < d->n_blocks; k++)
        for (int j = 0; j < d->blocks[k].n_steps; j++) {
            const lx_desc_step *st = &d->blocks[k].steps[j];
            bool card = st->type == LX_STEP_CARD || st->type == LX_STEP_PAIR;
            if (card && card_natural(T, &st->card) > wc)
                wc = card_natural(T, &st->card);
            if (st->type == LX_STEP_PAIR && card_natural(T, &st->card2) > wc) wc = card_natural(T, &st->card2);
        }
    if (wc > T->w - 10) wc = T->w - 10;
    spine_geom g = {.wc = wc, .left = 7, .lane = 4, .frame_l = 1};
    g.cx = g.left + wc / 2;
    g.frame_r = g.left + wc + 1;
    return g;
}

/* Card body lines: title (+ figure), wrapped subtitles, badge. Returns the row after the card. */
static int card_body(term *T, const spine_geom *g, const lx_desc_card *c, int y)
{
    int x = g->left + 2, max_x = g->left + g->wc - 2, inner = g->wc - 4;
    int fig = c->figure[0] ? cols_of(T, c->figure) : 0;
    bool same_line = fig && cols_of(T, c->title) + 2 + fig <= inner;
    text(T, x, y, c->title, c->kind, A_BOLD, same_line ? max_x - fig - 2 : max_x);
    if (fig) text(T, max_x - fig, same_line ? y : ++y, c->figure, NO_KIND, A_DIM, max_x);
    y++;
    for (int i = 0; i < LX_DESC_MAX_SUB && c->sub[i][0]; i++) y = wrap(T, x, y, c->sub[i], inner, NO_KIND, 0);
    if (c->badge[0]) {
        char b[96];
        snprintf(b, sizeof b, "[%s]", c->badge);
        text(T, x, y++, b, LX_KIND_POSITION, A_BOLD, max_x + 1);
    }
    return y;
}

static int draw_card(term *T, const spine_geom *g, const lx_desc_card *c, int y, bool more)
{
    const glyphs *G = T->g;
    int l = g->left, r = g->left + g->wc - 1;
    int body = card_body(T, g, c, y + 1);
    put(T, l, y, c->pill ? G->rtl : G->tl, c->kind, 0);
    hline(T, l + 1, r - 1, y, G->h, c->kind);
    put(T, r, y, c->pill ? G->rtr : G->tr, c->kind, 0);
    for (int row = y + 1; row < body; row++) { put(T, l, row, G->v, c->kind, 0); put(T, r, row, G->v, c->kind, 0); }
    put(T, l, body, c->pill ? G->rbl : G->bl, c->kind, 0);
    hline(T, l + 1, r - 1, body, G->h, c->kind);
    put(T, r, body, c->pill ? G->rbr : G->br, c->kind, 0);
    if (more) put(T, g->cx, body, G->tee, c->kind, 0);
    return body + 1;
}

/* Arrow row into the next node. */
static int arrow_row(term *T, const spine_geom *g, int y, bool head)
{
    put(T, g->cx, y, head ? T->g->down : T->g->v, NO_KIND, 0);
    return y + 1;
}

static int caption(term *T, const spine_geom *g, const lx_desc_block *b, int y)
{
    int max_x = g->cx - 1;
    const char *dot = NULL; /* the last " · ": a motif's unit may hold more of them */
    for (const char *p = strstr(b->caption, " · "); p; p = strstr(p + 1, " · ")) dot = p;
    bool split = cols_of(T, b->caption) > max_x - g->frame_l - 1 && dot;
    if (split) {
        char first[sizeof b->caption];
        snprintf(first, sizeof first, "%.*s", (int)(dot - b->caption), b->caption);
        int end = wrap(T, g->frame_l, y, first, max_x - g->frame_l - 1, NO_KIND, A_BOLD);
        for (; y < end; y++) arrow_row(T, g, y, false);
        text(T, g->frame_l, y, dot + strlen(" · "), NO_KIND, A_BOLD, max_x);
    } else {
        text(T, g->frame_l, y, b->caption, NO_KIND, A_BOLD, max_x);
    }
    int bw = cols_of(T, b->badge);
    text(T, g->frame_r - bw, y, b->badge, NO_KIND, A_BOLD, g->frame_r + 1);
    arrow_row(T, g, y, false);
    return y + 1;
}

static void frame_border(term *T, const spine_geom *g, int y, bool top)
{
    const glyphs *G = T->g;
    put(T, g->frame_l, y, top ? G->rtl : G->rbl, NO_KIND, A_DIM);
    for (int x = g->frame_l + 1; x < g->frame_r; x++) put(T, x, y, G->dh, NO_KIND, A_DIM);
    put(T, g->frame_r, y, top ? G->rtr : G->rbr, NO_KIND, A_DIM);
    put(T, g->cx, y, G->cross, NO_KIND, 0);
}

/* One block: caption, frame, steps with forks, ⊕ and residual lanes. Returns the next row. */
static int draw_block(term *T, const spine_geom *g, const lx_desc_block *b, int y)
{
    const glyphs *G = T->g;
    y = caption(T, g, b, y);
    int top = y++;
    frame_border(T, g, top, true);
    int fork_row = -1;
    for (int j = 0; j < b->n_steps; j++) {
        const lx_desc_step *st = &b->steps[j];
        y = arrow_row(T, g, y, st->type != LX_STEP_FORK && st->type != LX_STEP_LABEL);
        if (st->type == LX_STEP_FORK) {
            put(T, g->lane, y, G->tl, NO_KIND, A_DIM);
            for (int x = g->lane + 1; x < g->cx; x++) put(T, x, y, G->h, NO_KIND, A_DIM);
            put(T, g->cx, y, G->fork, NO_KIND, 0);
            fork_row = y++;
        } else if (st->type == LX_STEP_ADD) {
            put(T, g->lane, y, G->bl, NO_KIND, A_DIM);
            for (int x = g->lane + 1; x < g->cx - 1; x++) put(T, x, y, G->h, NO_KIND, A_DIM);
            put(T, g->cx - 1, y, G->right, NO_KIND, A_DIM);
            put(T, g->cx, y, G->add, NO_KIND, A_BOLD);
            for (int r = fork_row + 1; fork_row >= 0 && r < y; r++) put(T, g->lane, r, G->v, NO_KIND, A_DIM);
            fork_row = -1;
            y++;
        } else if (st->type == LX_STEP_PAIR) { /* stacked here, side by side in the picture */
            y = draw_card(T, g, &st->card, y, false);
            text(T, g->cx - cols_of(T, "(in parallel with)") / 2, y++, "(in parallel with)", NO_KIND, A_DIM, g->frame_r);
            y = draw_card(T, g, &st->card2, y, true);
        } else if (st->type == LX_STEP_LABEL) { /* left of the spine, where no residual lane runs */
            int end = wrap(T, g->lane + 2, y, st->card.title, g->cx - g->lane - 4, NO_KIND, A_BOLD);
            for (; y < end; y++) arrow_row(T, g, y, false);
        } else {
            y = draw_card(T, g, &st->card, y, true);
        }
    }
    y = arrow_row(T, g, y, false);
    for (int r = top + 1; r < y; r++) { put(T, g->frame_l, r, G->dv, NO_KIND, A_DIM); put(T, g->frame_r, r, G->dv, NO_KIND, A_DIM); }
    frame_border(T, g, y, false);
    return y + 1;
}

static int draw_spine(term *T, int y)
{
    spine_geom g = spine_measure(T);
    const lx_desc *d = T->d;
    for (int i = 0; i < d->n_spine_top; i++) {
        if (i) y = arrow_row(T, &g, y, true);
        y = draw_card(T, &g, &d->spine_top[i], y, true);
    }
    for (int k = 0; k < d->n_blocks; k++) {
        y = draw_block(T, &g, &d->blocks[k], arrow_row(T, &g, y, false));
        if (k + 1 != d->n_enc_blocks) continue;
        /* an encoder-decoder: the encoder's end, then the decoder's start, one below the other */
        for (int i = 0; i < d->n_enc_bottom + d->n_dec_top; i++) {
            y = arrow_row(T, &g, y, true);
            y = draw_card(T, &g, i < d->n_enc_bottom ? &d->enc_bottom[i] : &d->dec_top[i - d->n_enc_bottom], y, true);
        }
    }
    if (d->blocks_more[0]) { arrow_row(T, &g, y, false); text(T, g.cx + 2, y++, d->blocks_more, NO_KIND, A_DIM, T->w); }
    for (int i = 0; i < d->n_spine_bottom; i++) {
        y = arrow_row(T, &g, y, true);
        y = draw_card(T, &g, &d->spine_bottom[i], y, i + 1 < d->n_spine_bottom);
    }
    return y;
}

/* ---- sections below the spine ---- */

static int heading(term *T, int y, const char *title, const char *figure, int kind)
{
    const glyphs *G = T->g;
    y++;
    put(T, 0, y, G->h, kind, 0);
    put(T, 1, y, G->h, kind, 0);
    int x = text(T, 3, y, title, kind, A_BOLD, T->w);
    int fw = figure && figure[0] ? cols_of(T, figure) : 0;
    if (fw && x + 2 + fw + 1 <= T->w) {
        hline(T, x + 1, T->w - fw - 3, y, G->h, kind);
        text(T, T->w - fw - 1, y, figure, NO_KIND, A_DIM, T->w);
    } else if (fw) {
        text(T, 3, ++y, figure, NO_KIND, A_DIM, T->w);
    }
    return y + 1;
}

/* "  Title      sub · sub   figure" with the rest wrapped under the subtitles. */
static int part_line(term *T, int y, const lx_desc_card *c, int tw)
{
    bool own_line = cols_of(T, c->title) > tw; /* a long title gets its own line, the rest goes under it */
    text(T, 2, y, c->title, c->kind, A_BOLD, T->w);
    char rest[600] = "";
    for (int i = 0; i < LX_DESC_MAX_SUB && c->sub[i][0]; i++) {
        size_t n = strlen(rest);
        snprintf(rest + n, sizeof rest - n, "%s%s", n ? " · " : "", c->sub[i]);
    }
    if (c->figure[0]) {
        size_t n = strlen(rest);
        snprintf(rest + n, sizeof rest - n, "%s(%s)", n ? "  " : "", c->figure);
    }
    int x = 2 + tw + 2;
    if (!rest[0]) return y + 1;
    if (own_line || T->w - x < 24) { x = 6; y++; }
    return wrap(T, x, y, rest, T->w - x, NO_KIND, 0);
}

/* Width of the title column: the longest title that is short enough to share its line. */
static int title_width(term *T, const lx_desc_inset *in)
{
    int tw = 0, cap = T->w / 4 < 28 ? T->w / 4 : 28;
    for (int p = 0; p < LX_PART_COUNT; p++) {
        int w = in->has[p] ? cols_of(T, in->part[p].title) : 0;
        if (w > tw && w <= cap) tw = w;
    }
    return tw;
}

static int parts(term *T, int y, const lx_desc_inset *in, const lx_part *list, int n, int tw)
{
    for (int i = 0; i < n; i++) {
        lx_part p = list[i];
        if (!in->has[p]) continue;
        bool same_rope = p == LX_PART_K_ROPE && in->has[LX_PART_Q_ROPE] && in->type == LX_INSET_ATTN &&
                         !strcmp(in->part[LX_PART_Q_ROPE].title, in->part[p].title);
        if (same_rope) continue;
        y = part_line(T, y, &in->part[p], tw);
    }
    return y;
}

/* Query heads above their shared key/value head, group by group, as many as fit. */
static int heads_art(term *T, int y, const lx_desc_inset *in)
{
    int groups = (int)in->n_kv_heads, per = (int)(in->n_heads / (in->n_kv_heads ? in->n_kv_heads : 1));
    if (groups < 1 || per < 1) return y;
    char label[24];
    snprintf(label, sizeof label, "KV%d", groups - 1);
    int slot = (per > (int)strlen(label) ? per : (int)strlen(label)) + 2, x0 = 16;
    int fit = (T->w - x0 - 14) / slot;
    int drawn = groups <= fit ? groups : fit;
    text(T, 2, y, "query heads", NO_KIND, A_DIM, x0);
    text(T, 2, y + 1, "K/V heads", NO_KIND, A_DIM, x0);
    for (int k = 0; k < drawn; k++) {
        int x = x0 + k * slot;
        for (int j = 0; j < per; j++) put(T, x + j, y, T->g->on, LX_KIND_ATTENTION, 0);
        snprintf(label, sizeof label, "KV%d", k);
        text(T, x, y + 1, label, LX_KIND_ATTENTION, A_BOLD, x + slot);
    }
    if (drawn < groups) {
        snprintf(label, sizeof label, "+%d more", groups - drawn);
        text(T, x0 + drawn * slot, y, "...", NO_KIND, A_DIM, T->w);
        text(T, x0 + drawn * slot, y + 1, label, NO_KIND, A_DIM, T->w);
    }
    return y + 2;
}

static int notes(term *T, int y, const lx_desc_inset *in)
{
    for (int i = 0; i < in->n_notes; i++) y = wrap(T, 2, y, in->notes[i], T->w - 2, NO_KIND, A_DIM);
    return y;
}

static int inset_attn(term *T, int y, const lx_desc_inset *in, int tw)
{
    static const lx_part head[] = {LX_PART_Q, LX_PART_K, LX_PART_V, LX_PART_Q_NORM, LX_PART_K_NORM, LX_PART_Q_ROPE,
                                   LX_PART_K_ROPE};
    static const lx_part mla[] = {LX_PART_Q_DOWN, LX_PART_Q_DOWN_NORM, LX_PART_Q_UP, LX_PART_Q, LX_PART_Q_ROPE,
                                  LX_PART_KV_DOWN, LX_PART_KV_NORM, LX_PART_KV_UP, LX_PART_K_ROPE};
    static const lx_part tail[] = {LX_PART_SDPA, LX_PART_OGATE, LX_PART_OUT};
    if (in->type == LX_INSET_MLA) y = parts(T, y, in, mla, (int)(sizeof mla / sizeof mla[0]), tw);
    else y = parts(T, y, in, head, (int)(sizeof head / sizeof head[0]), tw);
    y = wrap(T, 2, y, in->heads_note, T->w - 2, NO_KIND, 0);
    if (in->type == LX_INSET_ATTN) y = heads_art(T, y, in);
    y = parts(T, y, in, tail, 3, tw);
    return notes(T, y, in);
}

/* Linear attention: its Q/K/V row with convolutions and norms; then (and for state-space
 * and convolution mixers only) the chain of steps. */
static int inset_mixer(term *T, int y, const lx_desc_inset *in, int tw)
{
    static const lx_part head[] = {LX_PART_Q, LX_PART_K, LX_PART_V, LX_PART_Q_NORM, LX_PART_K_NORM, LX_PART_V_CONV,
                                   LX_PART_Q_ROPE, LX_PART_K_ROPE};
    if (in->type == LX_INSET_LINEAR) {
        y = parts(T, y, in, head, (int)(sizeof head / sizeof head[0]), tw);
        y = wrap(T, 2, y, in->heads_note, T->w - 2, NO_KIND, 0);
    }
    y = parts(T, y, in, in->chain, in->n_chain, tw);
    return notes(T, y, in);
}

static int inset_ffn(term *T, int y, const lx_desc_inset *in, int tw)
{
    static const lx_part list[] = {LX_PART_GATE, LX_PART_UP, LX_PART_ACT, LX_PART_DOWN};
    y = parts(T, y, in, list, 4, tw);
    return notes(T, y, in);
}

/* Column of the j-th of k highlighted experts in a row of `per_row`. */
static int pick(int j, int k, int per_row) { return (int)((j + 0.5) * per_row / k); }

static int inset_moe(term *T, int y, const lx_desc_inset *in, int tw)
{
    static const lx_part router[] = {LX_PART_ROUTER}, rest[] = {LX_PART_EXPERT, LX_PART_SHARED};
    y = parts(T, y, in, router, 1, tw);
    int n = (int)(in->n_experts < 4096 ? in->n_experts : 4096), per_row = T->w - 14;
    if (per_row > n) per_row = n;
    int k = (int)in->n_used < per_row ? (int)in->n_used : per_row;
    text(T, 2, y, "experts", NO_KIND, A_DIM, 12);
    for (int i = 0; i < n && per_row > 0; i++) {
        bool on = false;
        for (int j = 0; j < k && i < per_row; j++) on = on || pick(j, k, per_row) == i;
        put(T, 12 + i % per_row, y + i / per_row, on ? T->g->on : T->g->off, LX_KIND_EXPERTS, on ? A_BOLD : A_DIM);
    }
    y += per_row > 0 ? (n + per_row - 1) / per_row : 0;
    y = wrap(T, 2, y, in->heads_note, T->w - 2, NO_KIND, A_DIM);
    y = parts(T, y, in, rest, 2, tw);
    return notes(T, y, in);
}

static int draw_insets(term *T, int y)
{
    for (int i = 0; i < T->d->n_insets; i++) {
        const lx_desc_inset *in = &T->d->insets[i];
        y = heading(T, y, in->title, in->figure, in->kind);
        int tw = title_width(T, in);
        if (in->type == LX_INSET_ATTN || in->type == LX_INSET_MLA) y = inset_attn(T, y, in, tw);
        else if (in->type == LX_INSET_MOE) y = inset_moe(T, y, in, tw);
        else if (in->type == LX_INSET_LINEAR || in->type == LX_INSET_CHAIN) y = inset_mixer(T, y, in, tw);
        else y = inset_ffn(T, y, in, tw);
    }
    return y;
}

/* ---- the vision tower and MTP modules beside the spine ---- */

static int tower_cards(term *T, int y, const lx_desc_card *c, int n)
{
    for (int i = 0; i < n; i++) y = part_line(T, y, &c[i], 22);
    return y;
}

static int draw_one_tower(term *T, int y, const lx_desc_tower *t)
{
    y = heading(T, y, t->title, t->figure, LX_KIND_EMBEDDING);
    y = tower_cards(T, y, t->top, t->n_top);
    char cap[160];
    snprintf(cap, sizeof cap, "%s %s:", t->block_badge, t->block_caption);
    y = wrap(T, 2, y, cap, T->w - 2, NO_KIND, A_DIM);
    y = tower_cards(T, y, t->block, t->n_block);
    y = tower_cards(T, y, t->bottom, t->n_bottom);
    if (T->d->n_spine_top) y = wrap(T, 2, y, "The projector's output joins the token embedding's.", T->w - 2, NO_KIND, A_DIM);
    return y;
}

static int draw_towers(term *T, int y)
{
    const lx_desc_tower *t = &T->d->tower;
    if (t->present) y = draw_one_tower(T, y, t);
    if (T->d->audio.present) y = draw_one_tower(T, y, &T->d->audio);
    if (t->has_mtp) {
        y = heading(T, y, "Beside the output head", t->mtp.figure, LX_KIND_OUTPUT);
        y = part_line(T, y, &t->mtp, 22);
    }
    return y;
}

/* ---- layer pattern ---- */

/* The on/off glyphs; with more than two values and no colour to tell them apart, letters. */
static uint32_t cat_glyph(term *T, const lx_desc_strip *s, const lx_desc_cat *c)
{
    if (s->n_cats > 2 && !T->o->color && c->letter) return (uint32_t)(unsigned char)c->letter;
    return c->mark ? T->g->on : T->g->off;
}

static int pattern_row(term *T, int y, const lx_desc_strip *s, int x0, int per_row)
{
    int n = T->d->n_layers;
    text(T, 2, y, s->label, NO_KIND, 0, x0 - 1);
    for (int i = 0; i < n; i++) {
        const lx_desc_cat *c = &s->cat[s->cell[i] < s->n_cats ? s->cell[i] : 0];
        put(T, x0 + i % per_row, y + i / per_row, cat_glyph(T, s, c), c->kind, c->mark ? A_BOLD : 0);
    }
    return y + (n + per_row - 1) / per_row;
}

static int draw_pattern(term *T, int y)
{
    const lx_desc *d = T->d;
    if (!d->n_strips) return y;
    y = heading(T, y, d->strip_title, NULL, NO_KIND);
    int x0 = 16, per_row = T->w - x0 - 1;
    if (per_row > d->n_layers) per_row = d->n_layers;
    for (int i = 0; i < d->n_strips; i++) y = pattern_row(T, y, &d->strips[i], x0, per_row);
    for (int i = 0; i < per_row; i += 8) { /* layer numbers under the first row */
        char t[16];
        snprintf(t, sizeof t, "%d", i);
        text(T, x0 + i, y, t, NO_KIND, A_DIM, x0 + i + 8);
    }
    y++;
    for (int i = 0; i < d->n_strips; i++) {
        const lx_desc_strip *s = &d->strips[i];
        int x = 2;
        for (int c = 0; c < s->n_cats; c++) {
            const lx_desc_cat *cat = &s->cat[c];
            int w = cols_of(T, cat->label);
            if (x > 2 && x + 2 + w > T->w) { x = 2; y++; }
            put(T, x, y, cat_glyph(T, s, cat), cat->kind, cat->mark ? A_BOLD : 0);
            x = text(T, x + 2, y, cat->label, NO_KIND, 0, T->w) + 3;
        }
        y++;
    }
    return y;
}

/* ---- parameter table ---- */

static const char KIND_LETTER[LX_KIND_COUNT] = {
    [LX_KIND_NEUTRAL] = '?', [LX_KIND_EMBEDDING] = 'E', [LX_KIND_POSITION] = 'P', [LX_KIND_ATTENTION] = 'A',
    [LX_KIND_FFN] = 'F', [LX_KIND_EXPERTS] = 'X', [LX_KIND_SHARED] = 'S', [LX_KIND_ROUTER] = 'R',
    [LX_KIND_NORM] = 'N', [LX_KIND_OUTPUT] = 'O', [LX_KIND_OTHER] = '?',
    [LX_KIND_MIXER] = 'M',
};

static uint32_t key_glyph(term *T, lx_kind k)
{
    return T->o->color ? T->g->on : (uint32_t)KIND_LETTER[k];
}

static int params_bar(term *T, int y)
{
    const lx_desc *d = T->d;
    int width = T->w - 4;
    double total = (double)d->total.params, acc = 0;
    for (int i = 0; i < d->n_rows && total > 0; i++) {
        int x0 = (int)(width * acc / total + 0.5);
        acc += (double)d->rows[i].params;
        int x1 = (int)(width * acc / total + 0.5);
        uint32_t g = T->o->color ? T->g->bar : (uint32_t)KIND_LETTER[d->rows[i].kind];
        for (int x = x0; x < x1; x++) put(T, 2 + x, y, g, d->rows[i].kind, 0);
    }
    return y + 1;
}

static const char *row_cell(const lx_desc_row *r, int c)
{
    return c == 0 ? r->params_s : c == 1 ? r->share_s : c == 2 ? r->bytes_s : r->bits_s;
}

static void table_row(term *T, int y, const lx_desc_row *r, const int *right, int ncol, bool total)
{
    char lab[128];
    if (r->detail[0]) snprintf(lab, sizeof lab, "%s · %s", r->label, r->detail);
    else snprintf(lab, sizeof lab, "%s", r->label);
    if (!total) put(T, 2, y, key_glyph(T, r->kind), r->kind, A_BOLD);
    int lab_max = right[0] - cols_of(T, r->params_s) - 2;
    text(T, 4, y, lab, NO_KIND, total ? A_BOLD : 0, lab_max);
    for (int c = 0; c < ncol; c++) {
        const char *s = row_cell(r, c);
        text(T, right[c] - cols_of(T, s), y, s, NO_KIND, total ? A_BOLD : 0, right[c]);
    }
}

static int draw_params(term *T, int y)
{
    static const char *const heads[] = {"parameters", "share", "bytes", "bits/weight"};
    const lx_desc *d = T->d;
    int ncol = d->show_bits ? 4 : 3, right[4], x = T->w;
    y = heading(T, y, d->params_title, NULL, NO_KIND);
    y = params_bar(T, y);
    for (int c = ncol - 1; c >= 0; c--) { /* columns packed against the right edge */
        int cw = cols_of(T, heads[c]);
        for (int i = 0; i <= d->n_rows; i++) {
            const lx_desc_row *r = i < d->n_rows ? &d->rows[i] : &d->total;
            if (cols_of(T, row_cell(r, c)) > cw) cw = cols_of(T, row_cell(r, c));
        }
        right[c] = x;
        x -= cw + 3;
    }
    for (int c = 0; c < ncol; c++) text(T, right[c] - cols_of(T, heads[c]), y, heads[c], NO_KIND, A_DIM, right[c]);
    y++;
    for (int i = 0; i < d->n_rows; i++) table_row(T, y++, &d->rows[i], right, ncol, false);
    hline(T, 2, T->w - 1, y++, T->g->h, NO_KIND);
    table_row(T, y++, &d->total, right, ncol, true);
    if (d->active_note[0]) y = wrap(T, 2, y, d->active_note, T->w - 2, NO_KIND, 0);
    if (d->kv_note[0]) y = wrap(T, 2, y, d->kv_note, T->w - 2, NO_KIND, A_DIM);
    return y;
}

/* ---- entry ---- */

lx_status lx_term_render(const lx_desc *d, const lx_term_opts *o, lx_buf *out, lx_err *err)
{
    if (o->width < LX_TERM_MIN_WIDTH || o->width > LX_TERM_MAX_WIDTH)
        return lx_err_set(err, LX_ERR_USAGE, "--width must be between %d and %d columns (got %d)", LX_TERM_MIN_WIDTH,
                          LX_TERM_MAX_WIDTH, o->width);
    term T = {.d = d, .o = o, .t = lx_theme_get(o->theme), .g = o->ascii ? &ASC : &UNI, .w = o->width};
    text(&T, 0, 0, d->name, NO_KIND, A_BOLD, T.w);
    int y = wrap(&T, 0, 1, d->subtitle[0], T.w, NO_KIND, 0);
    y = wrap(&T, 0, y, d->subtitle[1], T.w, NO_KIND, 0);
    if (d->subtitle[2][0]) y = wrap(&T, 0, y, d->subtitle[2], T.w, NO_KIND, 0);
    y += 1;
    y = draw_spine(&T, y);
    y = draw_towers(&T, y);
    y = draw_pattern(&T, y);
    y = draw_insets(&T, y);
    draw_params(&T, y);
    for (int r = 0; r < T.rows && !T.oom; r++) emit_row(&T, r, out);
    free(T.grid);
    if (T.oom || !lx_buf_ok(out)) return lx_err_set(err, LX_ERR_IO, "out of memory while drawing the terminal diagram");
    return LX_OK;
}
