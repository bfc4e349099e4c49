/* layout/inside_int — internals shared by the parts of the `inside` poster layout:
 * inside_layout.c (title, stations, leaders, entry points), inside_spine.c (copying and
 * stretching the architecture spine), inside_text.c (fonts, wrapped text, panel frames,
 * legends, number formats), inside_panels.c (tokens, embeddings, residual stream, next
 * tokens), inside_attn.c (RoPE, scores before and after softmax, the attention grid with
 * its KV groups), inside_maps.c (positions, one layer's feed-forward) and inside_lens.c
 * (logit lens, the sorted distribution). Not a public header. */
#ifndef LX_LAYOUT_INSIDE_INT_H
#define LX_LAYOUT_INSIDE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "infer/inside.h"
#include "layout/inside_layout.h"

extern const lx_font LX_IFONT_TITLE, LX_IFONT_SUBTITLE, LX_IFONT_PANEL, LX_IFONT_BODY, LX_IFONT_BODY_BOLD,
    LX_IFONT_SMALL, LX_IFONT_SMALL_BOLD, LX_IFONT_NOTE, LX_IFONT_TAG, LX_IFONT_CHIP, LX_IFONT_CONT;

#define LX_IMARGIN 40.0
#define LX_IGUTTER 90.0   /* between the spine and the panels: room for the leaders */
#define LX_IPAD 20.0      /* inside a panel */
#define LX_IGAP 24.0      /* between panels */
#define LX_ILEADER_Y 34.0 /* a leader meets its panel this far below the panel's top */

typedef struct lx_ilay {
    lx_scene *s;
    const lx_inside *in;
    double x, w;          /* the panel column: left edge and width */
    size_t n_tok;
    char **label;         /* [n_tok] short token labels for maps ("time", "<s>", "␣") */
    char **chip;          /* [n_tok] token pieces with spaces shown as "␣" */
    char last[96];        /* "“time”": the last prompt token, quoted, for captions */
} lx_ilay;

/* ---- inside_layout.c ---- */

/* A token piece with every space shown as "␣" (chip), or trimmed of spaces (a map label;
 * "␣" when nothing is left). malloc'ed; NULL on OOM. */
char *lx_ilay_token_text(const char *piece, bool chip);

/* ---- inside_text.c ---- */

/* Adds text wrapped into lines no wider than maxw from baseline y (line height 1.45 em);
 * ids are "ID.0", "ID.1", ...; returns the y below the last line. */
double lx_ilay_text(lx_ilay *L, const char *id, int parent, lx_font f, lx_ink ink, double x, double y, double maxw,
                    const char *text);
/* Height lx_ilay_text would take. */
double lx_ilay_text_h(lx_ilay *L, lx_font f, double maxw, const char *text);
/* Text cut with "…" to fit maxw, into out. */
void lx_ilay_fit(lx_ilay *L, lx_font f, const char *text, double maxw, char *out, size_t cap);
/* A panel frame at (L->x, y) with a bold title and a right-aligned figure (NULL none);
 * *content_y receives the first free y. Close it with lx_ilay_panel_close. */
int lx_ilay_panel_open(lx_ilay *L, const char *id, lx_kind kind, double y, const char *title, const char *figure,
                       double *content_y);
void lx_ilay_panel_close(lx_ilay *L, int panel, double bottom);
/* A horizontal colour bar of the scale from vmin to vmax at (x, y), w wide, with its
 * three values under it; returns the y below. */
double lx_ilay_scale_legend(lx_ilay *L, const char *id, int parent, lx_kind kind, lx_scale scale, double x, double y,
                            double w, float vmin, float vmax, const char *const ticks[3]);
/* "96.9 %", "2.87 %", "0.030 %", "0.0093 %": enough digits to tell small ones apart. */
void lx_ilay_percent(char *out, size_t cap, double p);
/* Compact number: "1", "0.1", "0.001", "12.7", "0.00012". */
void lx_ilay_number(char *out, size_t cap, double v);

/* ---- inside_spine.c ---- */

/* Copies the spine elements of src (ids "spine.*", "block<N>*", "blocks.more") into dst,
 * shifted by (dx, dy), with their parents and connector ends; returns the index of the
 * first copied element, or -1 on failure. */
int lx_ilay_copy_spine(lx_scene *dst, const lx_scene *src, double dx, double dy);
/* Index of the element with this id among [first, last), or -1. */
int lx_ilay_find(const lx_scene *s, int first, int last, const char *id);
/* Makes the spine [first, last) longer by dy at y0: everything from y0 down moves down,
 * lines and dashed containers that cross y0 grow. y0 is first raised above any card,
 * circle or text that it would cut. */
void lx_ilay_stretch(lx_scene *s, int first, int last, double y0, double dy);
/* Spreads dy over the gaps above each spine card or circle whose top is in (y_from, y_to]
 * (at least one gap: the one above y_to). */
void lx_ilay_stretch_between(lx_scene *s, int first, int last, double y_from, double y_to, double dy);

/* ---- panels: each is built at the top y given and returns its panel index ---- */

int lx_ilay_tokens(lx_ilay *L, double y);
int lx_ilay_embed(lx_ilay *L, double y);
int lx_ilay_resid(lx_ilay *L, double y);
int lx_ilay_next(lx_ilay *L, double y);
/* inside_maps.c: positions (learned, or the sinusoidal reference) and one layer's
 * feed-forward; -1 when the trace has none. */
int lx_ilay_positions(lx_ilay *L, double y);
int lx_ilay_ffn(lx_ilay *L, double y);
/* inside_lens.c: the logit lens panel, and the sorted distribution drawn in the box
 * (x, y, w, h) of panel p (returns the y below it). */
int lx_ilay_lens(lx_ilay *L, double y);
double lx_ilay_distribution(lx_ilay *L, int p, double x, double y, double w, double h);
/* The attention panel; *anchor_off receives where its leader should meet it (the RoPE box
 * sits there, level with the spine's RoPE badge). */
int lx_ilay_attn(lx_ilay *L, double y, double *anchor_off);
/* The natural width of the attention panel (its grid decides the poster's width). */
double lx_ilay_attn_width(lx_ilay *L);

#endif
