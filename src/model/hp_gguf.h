/* model/hp_gguf — GGUF metadata turned into hyper-parameters.
 *
 * Stage: model (after read/gguf). Input: an open lx_gguf. Output: a filled lx_hparams
 * (plain values, nothing to free; the handle is only read).
 *
 * general.architecture gives arch_raw and the canonical family (gguf "gpt-oss" and Ollama's
 * "gptoss" are gpt-oss; names outside the table are kept as they are). The {arch}.* keys
 * give the counts (llama.cpp's key names: block_count, embedding_length,
 * feed_forward_length, attention.head_count[_kv], attention.key_length, rope.*, expert_*,
 * attention.q_lora_rank / kv_lora_rank / key_length_mla ...); an mmproj file ("clip") is
 * read from its clip.vision.* keys. Per-layer arrays (feed_forward_length, head counts)
 * count as their largest value. Defaults the GGUF spec defines are applied:
 * head_count_kv = head_count, key_length = embedding_length / head_count. The vocabulary
 * is {arch}.vocab_size or the length of tokenizer.ggml.tokens; the name is general.name or
 * the file name without ".gguf" (and without a "-0000K-of-0000N" shard suffix).
 * Per-layer kinds follow llama.cpp's rules: {arch}.attention.sliding_window_pattern when
 * present, else gemma2 and gpt-oss slide on even layers, gemma3 on 5 of every 6 (layer i
 * is global when (i+1) % 6 == 0), other families with a window on every layer; MoE models
 * mark leading_dense_block_count dense layers; llama4 marks NoPE and dense layers.
 *
 * Errors (LX_ERR_MODEL), each naming the key's byte offset, the key, what was found and
 * what is allowed: a key of the wrong type ("PATH: offset N: KEY: has type string (expected
 * an unsigned integer)"); a missing general.architecture; block_count, decoder_block_count
 * or embedding_length of 0; head_count or head_count_kv of 0 in a known family; heads that
 * do not divide the width when no key_length is declared; more than LX_MAX_LAYERS blocks;
 * head_count_kv not dividing head_count; expert_used_count above expert_count; a blk.N
 * tensor at or beyond block_count.
 */
#ifndef LX_MODEL_HP_GGUF_H
#define LX_MODEL_HP_GGUF_H

#include "model/hparams.h"
#include "read/gguf.h"
#include "util/err.h"

lx_status lx_hp_from_gguf(const lx_gguf *g, const char *path, lx_hparams *hp, lx_err *err);

#endif
