/* layout/check — the diagram's quality rules, as code.
 *
 * Stage: layout, last step (and the tests' oracle). Input: a finished lx_scene. Output:
 * one line per violation appended to an lx_buf, and their count. The rules:
 *   - ids: every element has a non-empty id, unique in the scene;
 *   - canvas: nothing leaves the canvas;
 *   - overlap: no two solid elements (boxes, panels, containers, badges, circles,
 *     swatches, bars, heatmaps) overlap unless one encloses the other (is its ancestor);
 *   - containment: a solid element lies inside its parent (badges may straddle a frame);
 *   - fit: a text inside a box, badge or swatch fits with padding; no text overlaps another
 *     text or any solid element that is not its ancestor;
 *   - arrows: a connector starts on the edge of its `from` element and ends on the edge of
 *     its `to` element (for circles: on or inside the circle);
 *   - crossings: no line passes through a text, or through a solid element other than its
 *     own ends and their ancestors (dashed containers excepted: lines enter them).
 * Ownership: reads the scene; appends to the caller's buffer.
 */
#ifndef LX_LAYOUT_CHECK_H
#define LX_LAYOUT_CHECK_H

#include "layout/scene.h"
#include "util/buf.h"

int lx_check_scene(const lx_scene *s, lx_buf *out);

#endif
