/* read/hfconfig — a Hugging Face config.json turned into hyper-parameters.
 *
 * Stage: read. Input: the text of a config.json (from a file, or a catalogue entry's
 * compact JSON string). Output: a filled lx_hparams (plain values, nothing to free).
 *
 * model_type picks the canonical family (mistral and mixtral are llama; qwen3_moe is
 * qwen3moe; deepseek_v2/v3 are deepseek2; gpt_oss is gpt-oss; gemma3_text is gemma3 ...).
 * A multimodal config's nested "text_config" is read when present (Llama 4, Gemma 3).
 * Keys the config leaves out take the defaults of that family's transformers config class,
 * so sparse real configs (Gemma 3) read right; an explicit null means "none" (no window,
 * no q compression, default d_ff). The per-layer pattern (sliding layers, dense layers of
 * an MoE model, NoPE layers) is always resolved here and has_layer_bits set.
 * Quirks handled: Qwen's use_sliding_window false beside a sliding_window value (no window),
 * layer_types arrays, Gemma's sliding_window_pattern, DeepSeek's null q_lora_rank, GPT-2's
 * null n_inner (4 * n_embd), BERT's "dtype" in place of "torch_dtype", Falcon's multi_query.
 *
 * Errors: JSON syntax errors "PATH: line L:C: <jansson's text> (expected valid JSON)";
 * wrong types "PATH: line L:C: KEY: expected a positive integer, found string" (the
 * position is where KEY appears in the text; left out when it cannot be found).
 * Ownership: nothing is kept; hp is written only with plain values.
 */
#ifndef LX_READ_HFCONFIG_H
#define LX_READ_HFCONFIG_H

#include <stddef.h>

#include "model/hparams.h"
#include "util/err.h"

#define LX_HFCONFIG_MAX_BYTES (16u * 1024u * 1024u)

/* Parses config.json text. path names the input in messages (and, when the config has no
 * _name_or_path, gives the model's name: the folder holding the file). */
lx_status lx_hfconfig_parse(const char *text, size_t len, const char *path, lx_hparams *hp,
                            lx_err *err);
/* Reads the file (at most LX_HFCONFIG_MAX_BYTES) and parses it. */
lx_status lx_hfconfig_load(const char *path, lx_hparams *hp, lx_err *err);

#endif
