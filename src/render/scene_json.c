/* render/scene_json — see scene_json.h. */
#include "render/scene_json.h"

#include <stdio.h>

static const char *const TYPES[LX_EL_TYPE_COUNT] = {
    [LX_EL_BOX] = "box", [LX_EL_GROUP] = "group", [LX_EL_PANEL] = "panel", [LX_EL_BADGE] = "badge",
    [LX_EL_TEXT] = "text", [LX_EL_LINE] = "line", [LX_EL_CIRCLE] = "circle", [LX_EL_SWATCH] = "swatch",
    [LX_EL_BAR] = "bar", [LX_EL_HEATMAP] = "heatmap",
};
static const char *const KINDS[LX_KIND_COUNT] = {
    [LX_KIND_NEUTRAL] = "neutral", [LX_KIND_EMBEDDING] = "embedding", [LX_KIND_POSITION] = "position",
    [LX_KIND_ATTENTION] = "attention", [LX_KIND_FFN] = "ffn", [LX_KIND_EXPERTS] = "experts",
    [LX_KIND_SHARED] = "shared", [LX_KIND_ROUTER] = "router", [LX_KIND_NORM] = "norm",
    [LX_KIND_OUTPUT] = "output", [LX_KIND_OTHER] = "other", [LX_KIND_MIXER] = "mixer",
};
_Static_assert(LX_KIND_MIXER + 1 == LX_KIND_COUNT, "a new lx_kind needs its name in KINDS");
static const char *const INKS[LX_INK_COUNT] = {
    [LX_INK_TEXT] = "text", [LX_INK_MUTED] = "muted", [LX_INK_FAINT] = "faint", [LX_INK_TITLE] = "title",
    [LX_INK_KIND] = "kind", [LX_INK_INVERSE] = "inverse", [LX_INK_LINE] = "line", [LX_INK_RULE] = "rule",
};
static const char *const ANCHORS[] = {"start", "middle", "end"};
static const char *const GLYPHS[] = {"plus", "odot", "dot"};
static const char *const SCALES[] = {"sequential", "diverging"};
static const struct { unsigned bit; const char *name; } FLAGS[] = {
    {LX_F_DASHED, "dashed"}, {LX_F_ARROW, "arrow"}, {LX_F_BOLD, "bold"},
    {LX_F_ITALIC, "italic"}, {LX_F_STRONG, "strong"}, {LX_F_CONNECT, "connect"},
};

const char *lx_scene_type_name(lx_el_type t) { return t < LX_EL_TYPE_COUNT ? TYPES[t] : "?"; }
const char *lx_scene_kind_name(lx_kind k) { return k < LX_KIND_COUNT ? KINDS[k] : "?"; }
const char *lx_scene_ink_name(lx_ink i) { return i < LX_INK_COUNT ? INKS[i] : "?"; }

static void key_num(lx_buf *b, const char *key, double v)
{
    lx_buf_printf(b, ", \"%s\": ", key);
    lx_buf_put_coord(b, v);
}

/* ", "key": "id"" of element i, or null when i < 0. */
static void key_ref(lx_buf *b, const lx_scene *s, const char *key, int i)
{
    lx_buf_printf(b, ", \"%s\": ", key);
    if (i >= 0 && i < s->n) lx_buf_put_json(b, s->els[i].id);
    else lx_buf_puts(b, "null");
}

static void put_flags(lx_buf *b, unsigned flags)
{
    lx_buf_puts(b, ", \"flags\": [");
    int k = 0;
    for (size_t i = 0; i < sizeof FLAGS / sizeof FLAGS[0]; i++)
        if (flags & FLAGS[i].bit) lx_buf_printf(b, "%s\"%s\"", k++ ? ", " : "", FLAGS[i].name);
    lx_buf_putc(b, ']');
}

static void put_text(lx_buf *b, const lx_el *e)
{
    lx_buf_puts(b, ", \"text\": ");
    lx_buf_put_json(b, e->u.text.s);
    key_num(b, "size", e->u.text.font.size);
    lx_buf_printf(b, ", \"bold\": %s, \"italic\": %s, \"anchor\": \"%s\"", e->u.text.font.bold ? "true" : "false",
                  e->u.text.font.italic ? "true" : "false", ANCHORS[e->u.text.anchor]);
    key_num(b, "tx", e->u.text.x);
    key_num(b, "ty", e->u.text.y);
}

static void put_line(lx_buf *b, const lx_scene *s, const lx_el *e)
{
    lx_buf_puts(b, ", \"points\": [");
    for (int k = 0; k < e->u.line.n; k++) {
        lx_buf_puts(b, k ? ", [" : "[");
        lx_buf_put_coord(b, e->u.line.pts[k].x);
        lx_buf_puts(b, ", ");
        lx_buf_put_coord(b, e->u.line.pts[k].y);
        lx_buf_putc(b, ']');
    }
    lx_buf_putc(b, ']');
    key_num(b, "stroke_width", e->u.line.width);
    key_ref(b, s, "from", e->u.line.from);
    key_ref(b, s, "to", e->u.line.to);
}

static void put_heatmap(lx_buf *b, const lx_el *e)
{
    lx_buf_printf(b, ", \"rows\": %d, \"cols\": %d, \"vmin\": %.6g, \"vmax\": %.6g, \"scale\": \"%s\", \"values\": [",
                  e->u.heat.rows, e->u.heat.cols, (double)e->u.heat.vmin, (double)e->u.heat.vmax,
                  SCALES[e->u.heat.scale]);
    size_t n = (size_t)e->u.heat.rows * (size_t)e->u.heat.cols;
    for (size_t k = 0; k < n; k++) lx_buf_printf(b, k ? ", %.6g" : "%.6g", (double)e->u.heat.v[k]);
    lx_buf_putc(b, ']');
}

static void put_element(lx_buf *b, const lx_scene *s, int i)
{
    const lx_el *e = &s->els[i];
    lx_buf_puts(b, "    {\"id\": ");
    lx_buf_put_json(b, e->id);
    lx_buf_printf(b, ", \"type\": \"%s\", \"kind\": \"%s\", \"ink\": \"%s\"", lx_scene_type_name(e->type),
                  lx_scene_kind_name(e->kind), lx_scene_ink_name(e->ink));
    key_ref(b, s, "parent", e->parent);
    key_num(b, "x", e->r.x);
    key_num(b, "y", e->r.y);
    key_num(b, "w", e->r.w);
    key_num(b, "h", e->r.h);
    put_flags(b, e->flags);
    if (e->tip) {
        lx_buf_puts(b, ", \"tip\": ");
        lx_buf_put_json(b, e->tip);
    }
    switch (e->type) {
    case LX_EL_TEXT: put_text(b, e); break;
    case LX_EL_LINE: put_line(b, s, e); break;
    case LX_EL_CIRCLE:
        key_num(b, "cx", e->u.circle.cx);
        key_num(b, "cy", e->u.circle.cy);
        key_num(b, "r", e->u.circle.rad);
        lx_buf_printf(b, ", \"glyph\": \"%s\"", GLYPHS[e->u.circle.glyph]);
        break;
    case LX_EL_HEATMAP: put_heatmap(b, e); break;
    default:
        key_num(b, "radius", e->u.frame.radius);
        if (e->type == LX_EL_SWATCH || e->type == LX_EL_BAR || e->type == LX_EL_BOX) key_num(b, "alpha", e->alpha);
        break;
    }
    lx_buf_putc(b, '}');
}

lx_status lx_scene_json(const lx_scene *s, lx_buf *out, lx_err *err)
{
    lx_buf_printf(out, "{\"format\": \"llmxray-scene\", \"version\": %d", LX_SCENE_JSON_VERSION);
    key_num(out, "width", s->width);
    key_num(out, "height", s->height);
    lx_buf_puts(out, ", \"elements\": [\n");
    for (int i = 0; i < s->n; i++) {
        put_element(out, s, i);
        lx_buf_puts(out, i + 1 < s->n ? ",\n" : "\n");
    }
    lx_buf_puts(out, "]}\n");
    if (!lx_buf_ok(out)) return lx_err_set(err, LX_ERR_IO, "out of memory while writing the scene JSON");
    return LX_OK;
}
