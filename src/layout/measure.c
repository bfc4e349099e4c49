/* layout/measure — see measure.h. Measures with one reusable PangoLayout and caches results
 * in an open-addressing table keyed by (text, size, weight, style): a diagram asks for the
 * same few strings many times while sizing cards and columns. */
#include "layout/measure.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "layout/gfx_dl.h"

typedef struct cache_slot {
    char *text;     /* NULL = empty slot */
    uint64_t hash;
    lx_font font;
    lx_extent ext;
} cache_slot;

struct lx_measure {
    PangoFontMap *map;
    PangoContext *ctx;
    PangoLayout *layout;
    PangoFontDescription *desc;
    cache_slot *slots;
    size_t cap, used; /* cap is a power of two */
};

void lx_measure_font_options(cairo_font_options_t *fo)
{
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
}

/* The system's font and cache folders and nothing else. Loading the system configuration
 * parses some sixty rule files on every run (~12 ms, bench/configs.sh); measuring needs only
 * the faces of LX_FONT_FAMILY, and their advances do not depend on those rules (hinting,
 * aliases, bitmap policy). When the family is not found this way, the system configuration
 * is used as before. */
static const char QUICK_FC[] =
    "<?xml version=\"1.0\"?><fontconfig>"
    "<dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir>"
    "<dir prefix=\"xdg\">fonts</dir><dir>~/.fonts</dir>"
    "<cachedir>/var/cache/fontconfig</cachedir><cachedir prefix=\"xdg\">fontconfig</cachedir>"
    "<cachedir>~/.fontconfig</cachedir></fontconfig>";

static bool has_family(FcConfig *c)
{
    FcPattern *p = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, (const FcChar8 *)LX_FONT_FAMILY, (char *)NULL);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
    FcFontSet *fs = p && os ? FcFontList(c, p, os) : NULL;
    bool ok = fs && fs->nfont > 0;
    if (fs) FcFontSetDestroy(fs);
    if (os) FcObjectSetDestroy(os);
    if (p) FcPatternDestroy(p);
    return ok;
}

static void quick_fonts(PangoFontMap *map)
{
    if (!PANGO_IS_FC_FONT_MAP(map)) return;
    FcConfig *c = FcConfigCreate();
    if (!c) return;
    if (FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)QUICK_FC, FcFalse) && FcConfigBuildFonts(c) && has_family(c))
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), c);
    FcConfigDestroy(c); /* the font map keeps its own reference */
}

static bool measure_setup(lx_measure *m)
{
    m->map = pango_cairo_font_map_new();
    if (!m->map) return false;
    quick_fonts(m->map);
    m->ctx = pango_font_map_create_context(m->map);
    if (!m->ctx) return false;
    cairo_font_options_t *fo = cairo_font_options_create();
    lx_measure_font_options(fo);
    pango_cairo_context_set_font_options(m->ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(m->ctx, 72.0); /* 1 pt = 1 unit */
    pango_context_set_round_glyph_positions(m->ctx, FALSE);
    m->layout = pango_layout_new(m->ctx);
    m->desc = pango_font_description_from_string(LX_FONT_FAMILY);
    m->cap = 1024;
    m->slots = calloc(m->cap, sizeof *m->slots);
    return m->layout && m->desc && m->slots;
}

lx_status lx_measure_new(lx_measure **out, lx_err *err)
{
    *out = NULL;
    if (lx_gfx_load(err)) return err->code;
    lx_measure *m = calloc(1, sizeof *m);
    if (!m || !measure_setup(m)) {
        lx_measure_free(m);
        return lx_err_set(err, LX_ERR_IO, "cannot set up text measurement (pango/fontconfig)");
    }
    *out = m;
    return LX_OK;
}

void lx_measure_free(lx_measure *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->cap; i++) free(m->slots[i].text);
    free(m->slots);
    if (m->desc) pango_font_description_free(m->desc);
    if (m->layout) g_object_unref(m->layout);
    if (m->ctx) g_object_unref(m->ctx);
    if (m->map) g_object_unref(m->map);
    free(m);
}

static uint64_t text_hash(const char *s, lx_font f)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    h ^= (uint64_t)(f.size * 64.0) * 31u + (f.bold ? 7u : 0u) + (f.italic ? 13u : 0u);
    return h * 1099511628211ULL;
}

static bool font_eq(lx_font a, lx_font b)
{
    return a.size == b.size && a.bold == b.bold && a.italic == b.italic;
}

static lx_extent pango_extent(lx_measure *m, lx_font f, const char *s)
{
    pango_font_description_set_absolute_size(m->desc, f.size * PANGO_SCALE);
    pango_font_description_set_weight(m->desc, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(m->desc, f.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(m->layout, m->desc);
    pango_layout_set_text(m->layout, s, -1);
    PangoRectangle logical;
    pango_layout_get_extents(m->layout, NULL, &logical);
    double baseline = pango_layout_get_baseline(m->layout) / (double)PANGO_SCALE;
    lx_extent e = {
        .width = logical.width / (double)PANGO_SCALE,
        .ascent = baseline - logical.y / (double)PANGO_SCALE,
        .descent = (logical.y + logical.height) / (double)PANGO_SCALE - baseline,
    };
    return e;
}

/* Doubles the table; on allocation failure the cache simply stops growing. */
static void cache_grow(lx_measure *m)
{
    size_t cap = m->cap * 2;
    cache_slot *n = calloc(cap, sizeof *n);
    if (!n) return;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].text) continue;
        size_t j = m->slots[i].hash & (cap - 1);
        while (n[j].text) j = (j + 1) & (cap - 1);
        n[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = n;
    m->cap = cap;
}

lx_extent lx_measure_text(lx_measure *m, lx_font f, const char *s)
{
    uint64_t h = text_hash(s, f);
    size_t j = h & (m->cap - 1);
    for (; m->slots[j].text; j = (j + 1) & (m->cap - 1)) {
        cache_slot *c = &m->slots[j];
        if (c->hash == h && font_eq(c->font, f) && strcmp(c->text, s) == 0) return c->ext;
    }
    lx_extent e = pango_extent(m, f, s);
    if ((m->used + 1) * 4 > m->cap * 3) return e; /* full: measure without caching */
    char *copy = strdup(s);
    if (!copy) return e;
    m->slots[j] = (cache_slot){copy, h, f, e};
    if (++m->used * 2 > m->cap) cache_grow(m);
    return e;
}

/* Length of the UTF-8 sequence starting with byte c (1 for stray continuation bytes). */
static size_t utf8_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

void lx_measure_fit(lx_measure *m, lx_font f, const char *s, double max_width, char *out, size_t cap)
{
    if (cap < 4) { if (cap) out[0] = '\0'; return; }
    snprintf(out, cap, "%s", s);
    if (lx_measure_text(m, f, out).width <= max_width) return;
    /* Grow a prefix character by character while prefix + "…" fits. */
    size_t keep = 0, len = strlen(s);
    char *trial = malloc(len + 4);
    if (!trial) { out[0] = '\0'; return; }
    for (size_t i = 0; i < len;) {
        size_t n = utf8_len((unsigned char)s[i]);
        if (i + n > len) break;
        memcpy(trial, s, i + n);
        memcpy(trial + i + n, "\xE2\x80\xA6", 4);
        if (lx_measure_text(m, f, trial).width > max_width || i + n + 4 > cap) break;
        keep = i + n;
        i += n;
    }
    memcpy(out, s, keep);
    memcpy(out + keep, "\xE2\x80\xA6", 4);
    free(trial);
}
