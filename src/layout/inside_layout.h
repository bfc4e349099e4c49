/* layout/inside_layout — the `inside` poster: one forward pass of a model on a prompt,
 * drawn stage by stage beside the architecture spine.
 *
 * Stage: layout. Input: an lx_inside (infer/inside: tokens, embeddings, RoPE frequencies,
 * attention of every layer and head, residual-stream norms, top-K next tokens, greedy
 * continuation) and the lx_desc (layout/describe) of the same file. Output: an lx_scene
 * that render/svg and render/cairo draw as they draw the architecture diagram.
 *
 * The picture: a title band (model, prompt, what is shown); on the left the spine of the
 * architecture diagram (laid out by layout/arch_layout, its spine elements copied with
 * their ids, then stretched at the gaps between cards so that each stage lines up with
 * its picture); on the right one panel per stage, each joined to its spine card by a
 * dashed leader: the tokens as chips with ids (tokenizer), the embedding rows as a
 * heatmap (embeddings), the learned position table beside its cosine similarities (the
 * position embedding; for a model without one, the sine/cosine reference, labelled as not
 * the model's, without a leader), the RoPE frequencies, one head's scores before and after
 * softmax, and every layer × head attention map on one shared colour scale, heads grouped
 * under their shared KV head (attention), one layer's feed-forward activations (the FFN
 * card), the residual-stream norm per layer (the block's last ⊕), the logit lens (final
 * norm), the top next tokens with probabilities beside the whole sorted distribution on
 * log–log axes, and the greedy continuation (softmax).
 *
 * Stable ids for tests and diffs: "inside.tokens", "inside.embed", "inside.pos",
 * "inside.attn", "inside.ffn", "inside.resid", "inside.lens", "inside.next" (panels);
 * "pos.table", "pos.cos", "ffn.map0".."ffn.map2", "attn.raw", "attn.weights", "attn.kv%d"
 * (a KV group's label), "lens.tok%d", "dist.curve"; "tok%d" (chips, with ".piece" and ".id");
 * "attn.l%d.h%d" (one map per layer and head: a grey frame for the masked cells holding
 * one heatmap per query row, "attn.l%d.h%d.q%d"); "next.p%d" (probability texts).
 *
 * The layout reads no file: the driver (pipeline/) builds the description from the model
 * it opened and passes it in.
 *
 * Ownership: writes into the caller's scene (and its measure); keeps nothing.
 */
#ifndef LX_LAYOUT_INSIDE_LAYOUT_H
#define LX_LAYOUT_INSIDE_LAYOUT_H

#include "infer/inside.h"
#include "layout/describe.h"
#include "layout/scene.h"
#include "util/err.h"

/* Lays the poster out into s (initialised, empty). name is the model's name for the
 * title (raw; the scene escapes it). */
lx_status lx_layout_inside(const lx_inside *in, const lx_desc *d, const char *name, lx_scene *s, lx_err *err);

/* The poster's name for the model: the description's name (general.name) unless it only
 * repeats the family, else the file name of path without ".gguf". */
void lx_layout_inside_name(const lx_desc *d, const lx_inside *in, const char *path, char *out, size_t cap);

#endif
