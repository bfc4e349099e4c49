/* layout/scene — a diagram as positioned primitives, the contract between layout and the
 * render back ends.
 *
 * Stage: layout. Input: calls from a layout (layout/arch_layout for `draw`, later the
 * `inside` poster). Output: an lx_scene that render/svg and render/cairo draw as it is,
 * and layout/check verifies (overlaps, fit, arrow ends, canvas bounds).
 *
 * Units are abstract: 1 unit = 1 px at scale 1; y grows downwards. Colours are not in the
 * scene: every element names a component kind (lx_kind) and an ink role (lx_ink), which
 * the back end's theme (render/theme) turns into colours, so one scene renders in light
 * and dark themes alike.
 *
 * Every element has a stable id (unique in the scene, chosen by the layout, e.g.
 * "block0.attn") so SVG output is diffable, and a parent (the box, group or panel that
 * encloses it, -1 for none); the checker allows a child to overlap its ancestors only.
 * Elements are drawn in insertion order.
 *
 * Text is measured when it is added (layout/measure, pango) and stored sanitized: control
 * characters, invalid UTF-8 and bidirectional controls from model files become visible
 * escapes ("\x1B", "[U+202E]") before measuring, so what is drawn is what was measured.
 *
 * Ownership: the scene owns its elements, strings and arrays (one arena, freed by
 * lx_scene_free). It borrows the lx_measure passed to lx_scene_init, which must outlive
 * it. Allocation failure makes the scene sticky-failed (lx_scene_ok false); adders then
 * return -1 and do nothing.
 */
#ifndef LX_LAYOUT_SCENE_H
#define LX_LAYOUT_SCENE_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/measure.h"

/* Component kinds: one colour family each, identical in every diagram (render/theme). */
typedef enum lx_kind {
    LX_KIND_NEUTRAL,   /* input text, tokenizer, softmax, generic frames */
    LX_KIND_EMBEDDING,
    LX_KIND_POSITION,  /* learned or sinusoidal positions, RoPE badges and pills */
    LX_KIND_ATTENTION,
    LX_KIND_FFN,       /* dense feed-forward */
    LX_KIND_EXPERTS,   /* routed experts */
    LX_KIND_SHARED,    /* shared (always-on) experts */
    LX_KIND_ROUTER,
    LX_KIND_NORM,
    LX_KIND_OUTPUT,
    LX_KIND_OTHER,
    LX_KIND_MIXER,     /* linear attention, state-space and convolution token mixers */
    LX_KIND_COUNT
} lx_kind;

/* Ink roles for text and lines. */
typedef enum lx_ink {
    LX_INK_TEXT,    /* body text */
    LX_INK_MUTED,   /* figures, secondary text */
    LX_INK_FAINT,   /* captions, footnotes */
    LX_INK_TITLE,   /* headings */
    LX_INK_KIND,    /* the element's kind colour (box titles, leader lines) */
    LX_INK_INVERSE, /* text on a badge or a strong kind fill */
    LX_INK_LINE,    /* arrows */
    LX_INK_RULE,    /* separators, residual paths */
    LX_INK_ACCENT,  /* what differs (`compare`): marks and values */
    LX_INK_COUNT
} lx_ink;

typedef enum lx_anchor { LX_ANCHOR_START, LX_ANCHOR_MIDDLE, LX_ANCHOR_END } lx_anchor;

typedef enum lx_el_type {
    LX_EL_BOX,     /* component box: kind fill + stroke, corner radius, tooltip */
    LX_EL_GROUP,   /* dashed container frame around repeated layers */
    LX_EL_PANEL,   /* inset frame: background fill, kind-coloured solid border */
    LX_EL_BADGE,   /* dark filled pill, e.g. "× 32" (text is a child) */
    LX_EL_TEXT,    /* one line of text; r is its measured ink box */
    LX_EL_LINE,    /* polyline: arrow, connector, leader, residual path */
    LX_EL_CIRCLE,  /* operator: ⊕ residual add, ⊙ element-wise product, junction dot */
    LX_EL_SWATCH,  /* small filled square: legend key, head square, layer cell */
    LX_EL_BAR,     /* filled bar segment (stacked parameter bar) */
    LX_EL_HEATMAP, /* rows x cols values through a colour scale */
    LX_EL_TYPE_COUNT
} lx_el_type;

enum {
    LX_F_DASHED = 1u << 0, /* group, line: dashed stroke */
    LX_F_ARROW = 1u << 1,  /* line: arrowhead at the last point */
    LX_F_BOLD = 1u << 2,   /* text */
    LX_F_ITALIC = 1u << 3, /* text */
    LX_F_STRONG = 1u << 4, /* box, swatch: strong (saturated) fill instead of the light tint */
    LX_F_CONNECT = 1u << 5 /* line: joins element `from` to `to`; the checker verifies its ends */
};

typedef enum lx_glyph { LX_GLYPH_PLUS, LX_GLYPH_ODOT, LX_GLYPH_DOT } lx_glyph;

/* Heatmap colour scales: sequential (background -> kind colour) or diverging
 * (cool - background - warm around 0). */
typedef enum lx_scale { LX_SCALE_SEQUENTIAL, LX_SCALE_DIVERGING } lx_scale;

typedef struct lx_pt { double x, y; } lx_pt;
typedef struct lx_rect { double x, y, w, h; } lx_rect;

typedef struct lx_el {
    lx_el_type type;
    unsigned flags;
    lx_kind kind;
    lx_ink ink;
    int parent;       /* index of the enclosing element, -1 none */
    const char *id;   /* unique and stable */
    const char *tip;  /* tooltip (shapes, counts), NULL none */
    lx_rect r;        /* bounds of every element; for text the measured ink box */
    union {
        struct { double radius; } frame;                     /* box, group, panel, badge, swatch, bar */
        struct { const char *s; lx_font font; lx_anchor anchor; double x, y; } text; /* (x,y) on the baseline */
        struct { lx_pt *pts; int n, from, to; double width; } line;
        struct { double cx, cy, rad; lx_glyph glyph; } circle;
        struct { float *v; int rows, cols; float vmin, vmax; lx_scale scale; } heat;
    } u;
    double alpha;     /* swatch/bar/box fill opacity, 1 = opaque */
} lx_el;

typedef struct lx_arena lx_arena;

typedef struct lx_scene {
    double width, height;  /* canvas */
    lx_el *els;
    int n, cap;
    lx_arena *arena;
    lx_measure *measure;   /* borrowed */
    bool oom;
} lx_scene;

void lx_scene_init(lx_scene *s, lx_measure *m);
void lx_scene_free(lx_scene *s);
static inline bool lx_scene_ok(const lx_scene *s) { return !s->oom; }

/* Adders return the new element's index, or -1 when the scene has failed. ids are copied. */
int lx_scene_box(lx_scene *s, const char *id, int parent, lx_kind kind, lx_rect r, double radius,
                 const char *tip);
int lx_scene_group(lx_scene *s, const char *id, int parent, lx_rect r, double radius);
int lx_scene_panel(lx_scene *s, const char *id, int parent, lx_kind kind, lx_rect r, double radius);
int lx_scene_badge(lx_scene *s, const char *id, int parent, lx_rect r);
/* Text at (x, y) on its baseline, anchored at its start, middle or end; it takes its
 * parent's kind (for LX_INK_KIND). */
int lx_scene_text(lx_scene *s, const char *id, int parent, lx_font font, lx_ink ink, lx_anchor anchor,
                  double x, double y, const char *text);
/* A polyline of n >= 2 points; from/to are the joined elements (-1 when not a connector). */
int lx_scene_line(lx_scene *s, const char *id, int parent, lx_ink ink, lx_kind kind, unsigned flags,
                  const lx_pt *pts, int n, int from, int to);
int lx_scene_circle(lx_scene *s, const char *id, int parent, double cx, double cy, double rad, lx_glyph g);
int lx_scene_swatch(lx_scene *s, const char *id, int parent, lx_kind kind, lx_rect r, double alpha,
                    unsigned flags, const char *tip);
int lx_scene_bar(lx_scene *s, const char *id, int parent, lx_kind kind, lx_rect r, const char *tip);
/* rows*cols values (row-major) mapped linearly from [vmin, vmax] through the scale in the
 * kind's colour. Optional labels (NULL for none) are added as text elements: row labels
 * right-aligned left of the grid, column labels centred above it, in `label_font`. */
typedef struct lx_heatmap_spec {
    const float *values;
    int rows, cols;
    float vmin, vmax;
    lx_scale scale;
    lx_kind kind;
    const char *const *row_labels;
    const char *const *col_labels;
    lx_font label_font;
} lx_heatmap_spec;
int lx_scene_heatmap(lx_scene *s, const char *id, int parent, lx_rect r, const lx_heatmap_spec *spec);

/* Sets the tooltip of element i (copied). */
void lx_scene_set_tip(lx_scene *s, int i, const char *tip);

/* Width of text as lx_scene_text would measure it. */
double lx_scene_text_width(lx_scene *s, lx_font font, const char *text);

/* ---- Cards: a box with a bold title, subtitle lines and a right-aligned figure ---- */
#define LX_CARD_MAX_SUB 4
typedef struct lx_card {
    const char *title;
    const char *sub[LX_CARD_MAX_SUB]; /* NULL-terminated early when fewer */
    const char *figure;               /* NULL none */
    const char *tip;
    lx_kind kind;
    bool pill;                        /* fully rounded ends */
    bool strong;                      /* saturated fill, inverse text */
} lx_card;

/* Metrics shared by every card so that all diagrams look alike. */
#define LX_CARD_PAD_X 14.0
#define LX_CARD_TITLE_SIZE 15.0
#define LX_CARD_SUB_SIZE 12.5
#define LX_CARD_LINE 18.0

/* Natural size of a card (title and figure on one line, subtitles below). */
lx_pt lx_scene_card_size(lx_scene *s, const lx_card *c);
/* Adds the box (at r, which must be at least the natural size) and its text lines;
 * returns the box index. */
int lx_scene_card(lx_scene *s, const char *id, int parent, lx_rect r, const lx_card *c);

/* Moves elements [first, last) by (dx, dy): bounds, text anchors, line points, circles. */
void lx_scene_translate(lx_scene *s, int first, int last, double dx, double dy);

/* Appends every element of src to dst, ids prefixed with `prefix`, top-level elements
 * under `parent` (-1 none), moved by (dx, dy); connectors keep their ends. Returns the
 * index of the first copied element, or -1 when dst has failed. src is not changed. */
int lx_scene_import(lx_scene *dst, const lx_scene *src, const char *prefix, int parent, double dx, double dy);

/* Grows the canvas to hold every element plus margin, rounded up to whole units. */
void lx_scene_fit_canvas(lx_scene *s, double margin);

/* Geometry helpers. */
static inline double lx_rect_right(lx_rect r) { return r.x + r.w; }
static inline double lx_rect_bottom(lx_rect r) { return r.y + r.h; }
static inline double lx_rect_cx(lx_rect r) { return r.x + r.w / 2; }
static inline double lx_rect_cy(lx_rect r) { return r.y + r.h / 2; }

#endif
