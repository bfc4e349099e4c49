/* layout/compare_layout — the `compare` picture: lx_diff -> scene.
 *
 * Stage: layout. Input: an lx_diff (model/diff) over built architectures and an
 * initialised, empty lx_scene (with its lx_measure). Output: the scene and its canvas.
 *
 * The picture: a title band ("A vs B", how many properties differ); for two models their
 * spines side by side (layout/arch_layout's lx_layout_spine, imported with ids "a." and
 * "b.") and aligned (the first layer block, and the final cards, at the same height in
 * both), each card whose component differs marked by a bar in the accent ink; on the
 * right the table of compared properties, section by section, one column per model,
 * differing rows in the accent ink with a bar. Three or more models give the table alone.
 * Rows that apply to no model are left out.
 *
 * Ownership: writes into the caller's scene; keeps nothing.
 */
#ifndef LX_LAYOUT_COMPARE_LAYOUT_H
#define LX_LAYOUT_COMPARE_LAYOUT_H

#include "layout/scene.h"
#include "model/diff.h"
#include "util/err.h"

lx_status lx_layout_compare(const lx_diff *d, lx_scene *s, lx_err *err);

#endif
