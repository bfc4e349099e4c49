/* render/scene_json — the laid-out scene as JSON: the contract other tools render from.
 *
 * Stage: render (a scene back end of render/formats, `-f json` for `draw`). Input: a
 * finished lx_scene. Output: one JSON document appended to an lx_buf, described field by
 * field in docs/scene-json.md: {"format": "llmxray-scene", "version": 1, "width", "height",
 * "elements": [...]} with every element's stable id, type, kind, ink, parent id, bounds and
 * its type's fields (text and font, polyline points and joined ids, circle, heatmap
 * values). Colours are not in it (as in the scene, kinds and inks name them).
 * Numbers: coordinates rounded to 0.01 with no trailing zeros; heatmap values with 6
 * significant digits. Strings go through lx_buf_put_json. Deterministic.
 * Ownership: reads the scene; appends to the caller's buffer.
 */
#ifndef LX_RENDER_SCENE_JSON_H
#define LX_RENDER_SCENE_JSON_H

#include "layout/scene.h"
#include "util/buf.h"
#include "util/err.h"

#define LX_SCENE_JSON_VERSION 1

lx_status lx_scene_json(const lx_scene *s, lx_buf *out, lx_err *err);

/* Names used in the JSON (and docs/scene-json.md) for element types, kinds and inks. */
const char *lx_scene_type_name(lx_el_type t);
const char *lx_scene_kind_name(lx_kind k);
const char *lx_scene_ink_name(lx_ink i);

#endif
