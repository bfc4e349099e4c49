/* layout/gfx_dl — cairo, pango and fontconfig, opened on first use (dlopen) rather than linked.
 *
 * Stage: layout (used by layout/measure and render/cairo, the only users of these libraries).
 * Linking pango makes every process load some 35 libraries (glib, harfbuzz, X11, …), about
 * 2 ms before main; `info`, `list`, `tokenize`, `run` and the terminal, Mermaid and DOT outputs
 * never measure or paint text, so they no longer pay it (bench/info.sh: the 405B-shaped header
 * 7.0 -> 3.5 ms; tests/test_info_cli.c checks `info` loads none of them).
 * The headers still come from the packages through pkg-config; the library opened is
 * pangocairo of that package (soname libpangocairo-1.0.so.0), and every other symbol is
 * looked up in it and the libraries it depends on (cairo, pango, pangoft2, fontconfig,
 * gobject).
 *
 * Include after the cairo / pango / fontconfig headers: the names listed in LX_GFX_FNS then
 * call through the table lx_gfx, which lx_gfx_load fills (every entry, or none).
 * Ownership: the libraries stay open for the life of the process.
 */
#ifndef LX_LAYOUT_GFX_DL_H
#define LX_LAYOUT_GFX_DL_H

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "util/err.h"

#define LX_GFX_LIB "libpangocairo-1.0.so.0"

/* Every function layout/measure and render/cairo call. */
#define LX_GFX_FNS(X) \
    X(FcConfigBuildFonts) \
    X(FcConfigCreate) \
    X(FcConfigDestroy) \
    X(FcConfigParseAndLoadFromMemory) \
    X(FcFontList) \
    X(FcFontSetDestroy) \
    X(FcObjectSetBuild) \
    X(FcObjectSetDestroy) \
    X(FcPatternBuild) \
    X(FcPatternDestroy) \
    X(cairo_arc) \
    X(cairo_clip) \
    X(cairo_close_path) \
    X(cairo_create) \
    X(cairo_destroy) \
    X(cairo_fill) \
    X(cairo_fill_preserve) \
    X(cairo_font_options_create) \
    X(cairo_font_options_destroy) \
    X(cairo_font_options_set_antialias) \
    X(cairo_font_options_set_hint_metrics) \
    X(cairo_font_options_set_hint_style) \
    X(cairo_image_surface_create) \
    X(cairo_line_to) \
    X(cairo_move_to) \
    X(cairo_new_path) \
    X(cairo_new_sub_path) \
    X(cairo_paint) \
    X(cairo_pdf_surface_create_for_stream) \
    X(cairo_pdf_surface_set_metadata) \
    X(cairo_rectangle) \
    X(cairo_restore) \
    X(cairo_save) \
    X(cairo_scale) \
    X(cairo_select_font_face) \
    X(cairo_set_antialias) \
    X(cairo_set_dash) \
    X(cairo_set_font_size) \
    X(cairo_set_line_join) \
    X(cairo_set_line_width) \
    X(cairo_set_source_rgb) \
    X(cairo_show_page) \
    X(cairo_show_text) \
    X(cairo_status) \
    X(cairo_stroke) \
    X(cairo_surface_destroy) \
    X(cairo_surface_finish) \
    X(cairo_surface_status) \
    X(cairo_surface_write_to_png_stream) \
    X(cairo_translate) \
    X(g_object_unref) \
    X(g_type_check_instance_cast) \
    X(g_type_check_instance_is_a) \
    X(pango_cairo_context_set_font_options) \
    X(pango_cairo_context_set_resolution) \
    X(pango_cairo_create_layout) \
    X(pango_cairo_font_map_new) \
    X(pango_cairo_show_layout) \
    X(pango_context_set_round_glyph_positions) \
    X(pango_fc_font_map_get_type) \
    X(pango_fc_font_map_set_config) \
    X(pango_font_description_free) \
    X(pango_font_description_from_string) \
    X(pango_font_description_set_absolute_size) \
    X(pango_font_description_set_style) \
    X(pango_font_description_set_weight) \
    X(pango_font_map_create_context) \
    X(pango_layout_context_changed) \
    X(pango_layout_get_baseline) \
    X(pango_layout_get_context) \
    X(pango_layout_get_extents) \
    X(pango_layout_new) \
    X(pango_layout_set_font_description) \
    X(pango_layout_set_text)

#define LX_GFX_FIELD(f) __typeof__(&f) f;
typedef struct lx_gfx_fns {
    LX_GFX_FNS(LX_GFX_FIELD)
} lx_gfx_fns;
#undef LX_GFX_FIELD

extern lx_gfx_fns lx_gfx;

/* Opens the libraries and fills lx_gfx once (thread-safe); on failure an LX_ERR_IO naming the
 * library and what the loader said, and lx_gfx untouched. */
lx_status lx_gfx_load(lx_err *err);

#ifndef LX_GFX_NO_REDIRECT
#define FcConfigBuildFonts (*lx_gfx.FcConfigBuildFonts)
#define FcConfigCreate (*lx_gfx.FcConfigCreate)
#define FcConfigDestroy (*lx_gfx.FcConfigDestroy)
#define FcConfigParseAndLoadFromMemory (*lx_gfx.FcConfigParseAndLoadFromMemory)
#define FcFontList (*lx_gfx.FcFontList)
#define FcFontSetDestroy (*lx_gfx.FcFontSetDestroy)
#define FcObjectSetBuild (*lx_gfx.FcObjectSetBuild)
#define FcObjectSetDestroy (*lx_gfx.FcObjectSetDestroy)
#define FcPatternBuild (*lx_gfx.FcPatternBuild)
#define FcPatternDestroy (*lx_gfx.FcPatternDestroy)
#define cairo_arc (*lx_gfx.cairo_arc)
#define cairo_clip (*lx_gfx.cairo_clip)
#define cairo_close_path (*lx_gfx.cairo_close_path)
#define cairo_create (*lx_gfx.cairo_create)
#define cairo_destroy (*lx_gfx.cairo_destroy)
#define cairo_fill (*lx_gfx.cairo_fill)
#define cairo_fill_preserve (*lx_gfx.cairo_fill_preserve)
#define cairo_font_options_create (*lx_gfx.cairo_font_options_create)
#define cairo_font_options_destroy (*lx_gfx.cairo_font_options_destroy)
#define cairo_font_options_set_antialias (*lx_gfx.cairo_font_options_set_antialias)
#define cairo_font_options_set_hint_metrics (*lx_gfx.cairo_font_options_set_hint_metrics)
#define cairo_font_options_set_hint_style (*lx_gfx.cairo_font_options_set_hint_style)
#define cairo_image_surface_create (*lx_gfx.cairo_image_surface_create)
#define cairo_line_to (*lx_gfx.cairo_line_to)
#define cairo_move_to (*lx_gfx.cairo_move_to)
#define cairo_new_path (*lx_gfx.cairo_new_path)
#define cairo_new_sub_path (*lx_gfx.cairo_new_sub_path)
#define cairo_paint (*lx_gfx.cairo_paint)
#define cairo_pdf_surface_create_for_stream (*lx_gfx.cairo_pdf_surface_create_for_stream)
#define cairo_pdf_surface_set_metadata (*lx_gfx.cairo_pdf_surface_set_metadata)
#define cairo_rectangle (*lx_gfx.cairo_rectangle)
#define cairo_restore (*lx_gfx.cairo_restore)
#define cairo_save (*lx_gfx.cairo_save)
#define cairo_scale (*lx_gfx.cairo_scale)
#define cairo_select_font_face (*lx_gfx.cairo_select_font_face)
#define cairo_set_antialias (*lx_gfx.cairo_set_antialias)
#define cairo_set_dash (*lx_gfx.cairo_set_dash)
#define cairo_set_font_size (*lx_gfx.cairo_set_font_size)
#define cairo_set_line_join (*lx_gfx.cairo_set_line_join)
#define cairo_set_line_width (*lx_gfx.cairo_set_line_width)
#define cairo_set_source_rgb (*lx_gfx.cairo_set_source_rgb)
#define cairo_show_page (*lx_gfx.cairo_show_page)
#define cairo_show_text (*lx_gfx.cairo_show_text)
#define cairo_status (*lx_gfx.cairo_status)
#define cairo_stroke (*lx_gfx.cairo_stroke)
#define cairo_surface_destroy (*lx_gfx.cairo_surface_destroy)
#define cairo_surface_finish (*lx_gfx.cairo_surface_finish)
#define cairo_surface_status (*lx_gfx.cairo_surface_status)
#define cairo_surface_write_to_png_stream (*lx_gfx.cairo_surface_write_to_png_stream)
#define cairo_translate (*lx_gfx.cairo_translate)
#define g_object_unref (*lx_gfx.g_object_unref)
#define g_type_check_instance_cast (*lx_gfx.g_type_check_instance_cast)
#define g_type_check_instance_is_a (*lx_gfx.g_type_check_instance_is_a)
#define pango_cairo_context_set_font_options (*lx_gfx.pango_cairo_context_set_font_options)
#define pango_cairo_context_set_resolution (*lx_gfx.pango_cairo_context_set_resolution)
#define pango_cairo_create_layout (*lx_gfx.pango_cairo_create_layout)
#define pango_cairo_font_map_new (*lx_gfx.pango_cairo_font_map_new)
#define pango_cairo_show_layout (*lx_gfx.pango_cairo_show_layout)
#define pango_context_set_round_glyph_positions (*lx_gfx.pango_context_set_round_glyph_positions)
#define pango_fc_font_map_get_type (*lx_gfx.pango_fc_font_map_get_type)
#define pango_fc_font_map_set_config (*lx_gfx.pango_fc_font_map_set_config)
#define pango_font_description_free (*lx_gfx.pango_font_description_free)
#define pango_font_description_from_string (*lx_gfx.pango_font_description_from_string)
#define pango_font_description_set_absolute_size (*lx_gfx.pango_font_description_set_absolute_size)
#define pango_font_description_set_style (*lx_gfx.pango_font_description_set_style)
#define pango_font_description_set_weight (*lx_gfx.pango_font_description_set_weight)
#define pango_font_map_create_context (*lx_gfx.pango_font_map_create_context)
#define pango_layout_context_changed (*lx_gfx.pango_layout_context_changed)
#define pango_layout_get_baseline (*lx_gfx.pango_layout_get_baseline)
#define pango_layout_get_context (*lx_gfx.pango_layout_get_context)
#define pango_layout_get_extents (*lx_gfx.pango_layout_get_extents)
#define pango_layout_new (*lx_gfx.pango_layout_new)
#define pango_layout_set_font_description (*lx_gfx.pango_layout_set_font_description)
#define pango_layout_set_text (*lx_gfx.pango_layout_set_text)
#endif

#endif
