/* tests/support/families — the exact tensor names and shapes of real models of each
 * required family, written as sparse GGUF or safetensors fixtures.
 *
 * Stage: test support. A family spec lists a real model's dimensions; lx_fam_emit calls a
 * callback for every tensor the real checkpoint holds, in Hugging Face or llama.cpp GGUF
 * naming, shapes outermost first (PyTorch order; GPT-2 Conv1D stored (in, out) as on the
 * Hub). The writers turn that stream into files whose data region is sparse.
 * Ownership: specs are static; the writers own nothing after returning.
 */
#ifndef LX_TEST_FAMILIES_H
#define LX_TEST_FAMILIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum lx_fam_naming { LX_FAM_HF, LX_FAM_GGUF } lx_fam_naming;

typedef struct lx_fam_spec {
    const char *name;      /* e.g. "Llama-3.1-8B" */
    const char *family;    /* gguf general.architecture: llama, qwen2, qwen3, qwen3moe, gemma2, gpt2, deepseek2 */
    int n_layers;
    int64_t d_model, n_heads, n_kv_heads, head_dim, d_ff, vocab;
    bool qkv_bias, qk_norm, sandwich, tied, gpt2;
    /* MoE */
    int64_t n_experts, n_used, d_expert, n_shared, n_dense_prefix;
    bool stacked_experts;  /* one 3-D tensor per layer (GGUF) instead of one per expert */
    bool router_bias;      /* DeepSeek-V3 e_score_correction_bias / exp_probs_b */
    /* MLA */
    int64_t q_lora, kv_lora, rope_dim, nope_dim, v_dim;
    /* published total parameter count (for assertions), with its source in families.c */
    uint64_t published_total;
    uint64_t published_active; /* 0 when dense */
} lx_fam_spec;

typedef void (*lx_fam_cb)(void *ctx, const char *name, int n_dims, const int64_t *shape);

extern const lx_fam_spec LX_FAM_LLAMA31_8B, LX_FAM_QWEN25_7B, LX_FAM_QWEN3_8B, LX_FAM_QWEN3_30B_A3B,
    LX_FAM_GEMMA2_9B, LX_FAM_GPT2, LX_FAM_MIXTRAL_8X7B, LX_FAM_DEEPSEEK_V3;

void lx_fam_emit(const lx_fam_spec *s, lx_fam_naming naming, lx_fam_cb cb, void *ctx);

/* Writes the family as one safetensors file (HF names, dtype BF16; GPT-2 F32). */
bool lx_fam_write_safetensors(const lx_fam_spec *s, const char *path);
/* Writes the family as a GGUF v3 file (GGUF names, F16 tensors) with the metadata
 * llama.cpp writes for it (block_count, embedding_length, head counts, ...). */
bool lx_fam_write_gguf(const lx_fam_spec *s, const char *path);
#define LX_FAM_MAX_SHARDS 256 /* the sharded writers take 2 to this many shards */
/* Split GGUF: PREFIX-0000K-of-0000N.gguf, metadata in the first shard, split.* keys in all. */
bool lx_fam_write_gguf_split(const lx_fam_spec *s, const char *prefix, int n_shards);
/* Sharded safetensors in DIR: model-0000K-of-0000N.safetensors + model.safetensors.index.json. */
bool lx_fam_write_safetensors_sharded(const lx_fam_spec *s, const char *dir, int n_shards);
/* The same with a tokenizer (tokens, token types, merges) in the metadata, for benchmarks. */
bool lx_fam_write_gguf_tokenizer(const lx_fam_spec *s, const char *path, const char *const *tokens, size_t n_tokens,
                                 const char *const *merges, size_t n_merges);

#endif
