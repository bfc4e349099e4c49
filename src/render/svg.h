/* render/svg — the SVG back end.
 *
 * Stage: render. Input: a finished lx_scene and a theme. Output: one standalone SVG
 * document appended to an lx_buf: real <text> elements in LX_FONT_FAMILY_CSS, a <title>
 * tooltip on every element that has one, every element's stable id, nested <g> for
 * elements with children, arrowheads as markers. Every string goes through
 * lx_buf_put_xml, so the output is well-formed XML whatever the model file contains.
 * Deterministic: the same scene gives the same bytes (numbers printed with fixed rules).
 * Ownership: reads the scene; appends to the caller's buffer.
 */
#ifndef LX_RENDER_SVG_H
#define LX_RENDER_SVG_H

#include "layout/scene.h"
#include "render/theme.h"
#include "util/buf.h"
#include "util/err.h"

lx_status lx_svg_render(const lx_scene *s, const lx_theme *t, lx_buf *out, lx_err *err);

#endif
