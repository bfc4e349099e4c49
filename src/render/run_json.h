/* render/run_json — the numbers of one traced `inside` run as JSON.
 *
 * Stage: render (the `run` back end of render/formats for the poster product). Input: an
 * lx_inside (infer/inside) and the model's path as the user named it. Output: one compact
 * JSON object and a newline appended to an lx_buf: "model", "config" (family, widths,
 * heads, RoPE), "prompt", "tokens" ({id, piece}), "embeddings", "rope_frequencies",
 * "attention" (layer × head × query × key), "residual_norm", "top", "logits",
 * "continuation", "continuation_text". Pieces are lx_tok_label's (valid UTF-8, "\xNN" for
 * a byte that is no character on its own). Ownership: reads the run; appends to the caller's buffer.
 */
#ifndef LX_RENDER_RUN_JSON_H
#define LX_RENDER_RUN_JSON_H

#include "infer/inside.h"
#include "util/buf.h"
#include "util/err.h"

lx_status lx_run_json(const lx_inside *in, const char *path, lx_buf *out, lx_err *err);

#endif
