/* layout/arch_layout — the architecture diagram: lx_desc -> scene.
 *
 * Stage: layout. Input: an lx_desc (layout/describe) and an initialised, empty lx_scene
 * (with its lx_measure). Output: the scene filled with the diagram and its canvas size.
 *
 * The picture: a title band across the top; on the left the spine, top to bottom (input,
 * tokenizer, embeddings, each distinct layer kind once in a dashed container with "× N",
 * final norm, output head, softmax) with residual forks and ⊕ adds; on the right, inset
 * panels (layer pattern, attention, feed-forward / mixture of experts, parameters), each
 * inset joined to its card on the spine by a dashed leader line. Every size comes from
 * measured text, so labels fit whatever the model's numbers are. docs/diagram.md explains
 * the rules.
 *
 * Ownership: writes into the caller's scene; keeps nothing.
 */
#ifndef LX_LAYOUT_ARCH_LAYOUT_H
#define LX_LAYOUT_ARCH_LAYOUT_H

#include "layout/describe.h"
#include "layout/scene.h"
#include "util/err.h"

lx_status lx_layout_arch(const lx_desc *d, lx_scene *s, lx_err *err);
/* The spine column alone (no title, insets or leaders), its left edge at x = 0 and its
 * top at y = 0; s->width and s->height become the column's size. For `compare`, which
 * imports the spines of several models into one scene (lx_scene_import). */
lx_status lx_layout_spine(const lx_desc *d, lx_scene *s, lx_err *err);

#endif
