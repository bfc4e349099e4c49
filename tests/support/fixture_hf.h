/* tests/support/fixture_hf — a GGUF family fixture (tests/support/fixture_models) as the
 * Hugging Face folder of the same model (test support, not product).
 *
 * Stage: test fixtures. Input: a fixture GGUF of F32 tensors with llama.cpp's names, the
 * folder of a tokenizer.json (+ tokenizer_config.json) to copy, the storage type. Output:
 * out_dir/config.json, out_dir/model.safetensors, the tokenizer files. The conversion is the
 * inverse of llama.cpp's convert_hf_to_gguf.py: Hugging Face names; Q and K rows put back
 * from llama.cpp's interleaved order into transformers' half-split one for the families its
 * converter permutes (llama, smollm3); Gemma's norm weights stored minus 1; GPT-2's Conv1D
 * matrices transposed back to (in, out), with its causal-mask buffers; routed experts one
 * matrix each; F32, BF16 or F16 (rounded to nearest even); the GGUF's rope.scaling.* keys as
 * config.json's rope_scaling; a tokenizer.json written from the GGUF's vocabulary when no
 * folder is given (byte-level BPE as is, SentencePiece as transformers converts it). Owns nothing.
 */
#ifndef LX_TESTS_FIXTURE_HF_H
#define LX_TESTS_FIXTURE_HF_H

#include <stdbool.h>

/* dtype: "F32", "BF16" or "F16"; tok_dir NULL: a tokenizer.json written from the GGUF's
 * vocabulary instead (GPT-2's, Phi-3's, which shared/tokenizers lacks). False (message
 * on stderr) on any failure. */
bool lx_fx_hf_write(const char *gguf_path, const char *tok_dir, const char *out_dir, const char *dtype);
/* out_dir/config.json alone, as lx_fx_hf_write writes it (for a folder whose weights another
 * conversion of the same tensors already wrote: the RoPE-scaled variants). */
bool lx_fx_hf_write_config(const char *gguf_path, const char *out_dir, const char *dtype);

/* x rounded to BF16 / F16 precision (nearest even), as the folder will store it. */
float lx_fx_round_bf16(float x);
float lx_fx_round_f16(float x);

#endif
