/* layout/arch_layout_int — internals shared by the parts of the architecture layout:
 * arch_layout.c (title, spine, blocks, leaders), layout_inset.c (attention, feed-forward,
 * MoE insets), layout_panel.c (layer pattern, parameter table, panel frames, wrapping).
 * Not a public header. */
#ifndef LX_LAYOUT_ARCH_LAYOUT_INT_H
#define LX_LAYOUT_ARCH_LAYOUT_INT_H

#include "layout/arch_layout.h"

/* Fonts used across the diagram. */
extern const lx_font LX_FONT_TITLE, LX_FONT_SUBTITLE, LX_FONT_PANEL_TITLE, LX_FONT_BODY, LX_FONT_SMALL,
    LX_FONT_NOTE, LX_FONT_CAPTION, LX_FONT_BADGE, LX_FONT_PILL, LX_FONT_TAG, LX_FONT_BODY_BOLD;

#define LX_MARGIN 40.0
#define LX_GUTTER 80.0      /* between the spine column and the inset column */
#define LX_PANEL_PAD 20.0   /* inside an inset panel */
#define LX_PANEL_GAP 22.0   /* between panels */
#define LX_ARROW_GAP 26.0   /* vertical space taken by a spine arrow */

typedef struct lx_lay {
    lx_scene *s;
    const lx_desc *d;
    double x0, cw, cx;      /* spine column: left, width, centre */
    double spine_w, block_w, norm_w;
    double xr, rw;          /* inset column: left, width */
    double top;             /* first y below the title band */
    int card[LX_DESC_MAX_BLOCKS][LX_DESC_MAX_STEPS];  /* scene index of each block step, -1 none */
    int card2[LX_DESC_MAX_BLOCKS][LX_DESC_MAX_STEPS]; /* the second card of a pair step, -1 none */
    int inset_panel[LX_DESC_MAX_INSETS];   /* scene index of each inset's panel */
} lx_lay;

/* The spine being drawn top to bottom: the element the next arrow starts from. */
typedef struct lx_spine {
    lx_lay *L;
    int prev;          /* element the next arrow starts from, -1 none */
    double prev_bottom;
} lx_spine;

/* Spine cards in a column at L->x0 / L->cx, each joined to the one above; returns the y
 * below the last one plus an arrow's gap. */
double lx_lay_spine_cards(lx_spine *sp, const lx_desc_card *cards, int n, double y, const char *prefix);
/* Block k (caption, badge, container, steps); returns the y below it. */
double lx_lay_block(lx_spine *sp, int k, double y);
/* Encoder-decoders (layout_encdec.c): the two stack columns from y, with the cross-attention
 * arrows; returns the y below the lower one. extra: the width the second column adds (0 for
 * one stack). */
double lx_lay_stacks(lx_lay *L, double y);
double lx_lay_stacks_extra(const lx_lay *L);

/* Converts a desc card to a scene card (pointers into dc). */
lx_card lx_lay_card(const lx_desc_card *dc);
/* Natural width of a desc card, including its side badge. */
double lx_lay_card_w(lx_lay *L, const lx_desc_card *dc);
double lx_lay_card_h(lx_lay *L, const lx_desc_card *dc);
/* Adds a desc card (with its badge) at r; returns the box index. */
int lx_lay_put_card(lx_lay *L, const char *id, int parent, lx_rect r, const lx_desc_card *dc);
/* A straight or bent connector with an arrowhead between elements. */
int lx_lay_arrow(lx_lay *L, const char *id, int parent, const lx_pt *p, int n, int from, int to);

/* Greedy word wrap into lines no wider than maxw; returns the line count (<= max). */
int lx_lay_wrap(lx_lay *L, lx_font f, const char *text, double maxw, char lines[][256], int max);
/* Adds wrapped text from (x, baseline y); returns the y below the last line. */
double lx_lay_text_block(lx_lay *L, const char *id, int parent, lx_font f, lx_ink ink, double x, double y,
                         double maxw, const char *text);

/* A panel frame with a title (and optional right figure); returns the panel index and
 * sets *content_y to the first y below the title. Call lx_lay_panel_close when done. */
int lx_lay_panel_open(lx_lay *L, const char *id, lx_kind kind, double y, const char *title, const char *figure,
                      double *content_y);
void lx_lay_panel_close(lx_lay *L, int panel, double bottom);

/* Natural inner widths and the panels themselves; each returns the y below the panel. */
double lx_lay_inset_width(lx_lay *L, const lx_desc_inset *in);
double lx_lay_inset(lx_lay *L, int index, double y);
double lx_lay_strip_width(lx_lay *L);
double lx_lay_strip(lx_lay *L, double y);
double lx_lay_params_width(lx_lay *L);
double lx_lay_params(lx_lay *L, double y);

#endif
