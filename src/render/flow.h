/* render/flow — the architecture as a flowchart: Mermaid and Graphviz DOT.
 *
 * Stage: render (description back ends of render/formats, `-f mermaid` and `-f dot`).
 * Input: an lx_desc (layout/describe: the same content the pictures show). Output: the
 * text of one flowchart appended to an lx_buf, top to bottom:
 *   the spine (input -> tokenizer -> embedding [-> positions]) as nodes;
 *   each distinct layer kind as a subgraph labelled with its caption and layer range and
 *   "× N", holding its steps (norms, attention, feed-forward, the residual fork and ⊕ with
 *   a "residual" edge between them, parallel branches side by side);
 *   the end of the spine (final norm -> output layer -> softmax);
 *   each zoom-in inset (attention with its heads, multi-head latent attention, gated or
 *   plain MLP, mixture of experts with router, experts and shared experts) as a subgraph
 *   of its parts with their data flow, joined to the block step it details by a dotted
 *   "inside" edge.
 * Node ids are ours (ASCII, stable: "s_embed", "b0_3_attn", "i1_router"); every label is
 * made of the description's lines, first sanitized (no control, bidi or invalid bytes)
 * and then escaped for the syntax (Mermaid: entity codes for " # & < > `; DOT: \" \\
 * and &amp;), so a hostile string from a model file stays text.
 * Colours: each node's component kind gets the light theme's fill and stroke; in Mermaid
 * layer groups are dashed frames and insets solid ones, notes dashed, and a front matter
 * widens the labels before Mermaid wraps them (wrappingWidth 320).
 * Deterministic: the same description gives the same bytes.
 * Ownership: reads the description; appends to the caller's buffer.
 */
#ifndef LX_RENDER_FLOW_H
#define LX_RENDER_FLOW_H

#include "layout/describe.h"
#include "util/buf.h"
#include "util/err.h"

typedef enum lx_flow_syntax { LX_FLOW_MERMAID, LX_FLOW_DOT } lx_flow_syntax;

lx_status lx_flow_render(const lx_desc *d, lx_flow_syntax syntax, lx_buf *out, lx_err *err);

/* One label line escaped for the syntax (sanitized first); exposed for tests. */
void lx_flow_put_text(lx_buf *b, lx_flow_syntax syntax, const char *s);

#endif
