/* model/layers — the per-layer model: each layer's own kinds and sizes, the KV cache and
 * recurrent state they keep, and the repeated motif of the stack.
 *
 * Stage: model (called by model/arch once tensors, roles and model-wide kinds are known).
 * Input: an lx_arch whose layers[].mixer and model-wide fields are set. Output: layers[]
 * (window, RoPE theta or NoPE, heads, KV heads, head sizes, FFN width, KV bytes, state
 * bytes, parameters), n_mixers, kv_bytes_per_token, state_bytes_per_seq and motif.
 *
 * KV cache per token counts K and V of every softmax-attention layer at 16 bits with that
 * layer's own KV heads and head sizes; sliding and chunked layers count fully (the cache
 * of one token, not of a window); a layer whose K/V another layer provides adds nothing;
 * one tensor serving as K and V counts once; MLA caches its latent plus the RoPE key;
 * DeepSeek-V4's compressed layers their latent divided by the compression ratio (ratio 0:
 * nothing beyond a window). Linear, state-space and convolution layers add 0 and keep a
 * fixed state per sequence instead (recurrent state + convolution tail, at 16 bits).
 * Ownership: writes into the lx_arch; nothing allocated.
 */
#ifndef LX_MODEL_LAYERS_H
#define LX_MODEL_LAYERS_H

#include "model/arch.h"

/* Fills per-layer fields; layer_ffn[l] is each layer's FFN kind, q_out[l] / k_out[l] the
 * output widths of its q and k projections (0 when absent), has_v[l] whether it has its
 * own V projection. */
void lx_layers_resolve(lx_arch *a, const lx_ffn_kind *layer_ffn, const uint64_t *q_out, const uint64_t *k_out,
                       const bool *has_v, const uint64_t *params);
/* The repeated unit cheapest to draw: its layers plus every layer outside the repeats but a
 * suffix that is the unit's start (Gemma 3 27B 10 x [5 sliding, 1 full] + 2 sliding); the
 * prefix and suffix may be irregular (Nemotron 3 Nano 5 x [7 layers] + 17 layers, the suffix
 * flagged irregular_tail). Found only when the repeats cover at least half the stack; ties
 * go to a unit starting like the stack, then to the shorter prefix. */
lx_motif lx_motif_find(const lx_arch *a);
/* Whether layers i and j carry the same label for motifs (mixer kind, window kind, FFN). */
bool lx_layers_same_kind(const lx_layer *x, const lx_layer *y);

#endif
