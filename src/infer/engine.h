/* infer/engine — the one small table every inference engine fills, and the handle the rest
 * of llmxray (sampler, `run`, `inside`) runs a model through without knowing which engine
 * it is.
 *
 * Stage: inference. Input: a GGUF path or a Hugging Face folder (safetensors + config.json +
 * tokenizer.json), or a source already open (open/source's, so a file is opened once); both
 * reach the engine as infer/weights. The engine is chosen by the architecture (GGUF
 * general.architecture, or the family record's llama.cpp name for a folder): each engine
 * names the architectures it runs (lx_engine_ops.arch_at), and the first that names it runs it.
 * Engines today: "decoder" (infer/llama: llama, qwen2, qwen3, phi3, smollm3, gpt2, gemma, gemma2, gemma3, olmo2, qwen3moe).
 * Output: next-token logits in an lx_engine_state, and an lx_trace when asked.
 *
 * Ownership: lx_engine owns its engine's model and its lx_weights (and the lx_gguf when
 * lx_engine_open opened it); lx_engine_state owns the run state (KV cache, activations,
 * logits) of one run.
 */
#ifndef LX_INFER_ENGINE_H
#define LX_INFER_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "infer/tokenizer.h"
#include "infer/trace.h"
#include "infer/weights.h"
#include "read/gguf.h"
#include "model/source.h"
#include "util/err.h"

/* The hyper-parameters every engine reports (what `inside` and the trace show). */
typedef struct lx_engine_info {
    char family[32];          /* general.architecture */
    size_t d_model, n_layers, n_heads, n_kv_heads, head_dim, d_ff, vocab;
    size_t context;           /* positions the model holds, 0 when not declared */
    size_t rope_dims;         /* rotated dims per head; 0 without rotary positions */
    float rope_theta;
    bool neox;                /* half-split RoPE pairing */
    bool tied;                /* output head is the embedding table */
    const float *rope_freq;   /* [rope_dims/2] angle per position of each pair (engine-owned) */
    const float *rope_freq_long; /* longrope: the same past rope_orig_ctx positions (rope_freq: within), else NULL */
    size_t rope_orig_ctx;
} lx_engine_info;

/* One run: positions done so far and the logits after the last token fed. */
typedef struct lx_engine_state {
    size_t cap_pos, cap_tok, n_pos;
    float *logits;            /* [vocab], owned by the engine's state */
    /* Optional: called after each layer of each forward call (progress indicators). */
    void (*on_layer)(void *ctx, size_t layer, size_t n_layers);
    void *on_layer_ctx;
    void *impl;               /* the engine's own state */
} lx_engine_state;

typedef struct lx_engine_ops {
    const char *name;
    const char *(*arch_at)(size_t i);  /* the GGUF architectures it runs; NULL past the end */
    /* Opens the model in w (borrowed; it outlives the model): fills info and *tok. */
    lx_status (*open)(lx_weights *w, void **model, lx_engine_info *info, const lx_tok **tok, lx_err *err);
    void (*close)(void *model);
    /* Bytes a run holding cap_pos positions, cap_tok tokens per call, needs (weights too). */
    uint64_t (*plan)(const void *model, size_t cap_pos, size_t cap_tok);
    /* s->cap_pos and s->cap_tok are set; fills s->impl and s->logits. */
    lx_status (*state_init)(const void *model, lx_engine_state *s, int n_threads, lx_err *err);
    void (*state_free)(lx_engine_state *s);
    /* Runs n tokens at positions s->n_pos.., leaves the last one's logits in s->logits and
     * advances s->n_pos; records into tr (may be NULL) every position below tr->n_tok. */
    lx_status (*forward)(const void *model, lx_engine_state *s, const int32_t *ids, size_t n, lx_trace *tr,
                         lx_err *err);
} lx_engine_ops;

typedef struct lx_engine {
    const lx_engine_ops *ops;
    void *model;
    lx_engine_info info;
    const lx_tok *tok;
    lx_weights weights;       /* what the model reads its tensors from */
    lx_gguf *owned_gguf;      /* set when lx_engine_open opened the file */
    char path[1024];
} lx_engine;

/* Opens path, a GGUF file or a Hugging Face folder (LX_ERR_MODEL with one line for an
 * architecture no engine runs). */
lx_status lx_engine_open(const char *path, lx_engine **out, lx_err *err);
/* The same on a GGUF already open (borrowed: close the engine first). */
lx_status lx_engine_open_gguf(lx_gguf *g, const char *path, lx_engine **out, lx_err *err);
/* The same on a source already read (a GGUF or a local safetensors folder; borrowed). */
lx_status lx_engine_open_source(lx_source *src, lx_engine **out, lx_err *err);
void lx_engine_close(lx_engine *e);

/* Bytes a run needs: weights, a state of these capacities and a trace of trace_tok tokens
 * (0 for none). SIZE_MAX-saturating. */
uint64_t lx_engine_estimate(const lx_engine *e, size_t cap_pos, size_t cap_tok, size_t trace_tok);
/* The guard rail before a run of n_prompt + n_new tokens (plus a trace of trace_tok):
 * LX_ERR_USAGE past the model's context, LX_ERR_MODEL when lx_engine_estimate exceeds limit
 * bytes (0: what the system says is available). */
lx_status lx_engine_check_room(const lx_engine *e, size_t n_prompt, size_t n_new, size_t trace_tok,
                               uint64_t limit, lx_err *err);
/* Positions a run of n_prompt + n_new tokens holds (the last new token is not fed back). */
size_t lx_engine_run_positions(size_t n_prompt, size_t n_new);
/* MemAvailable from /proc/meminfo, else physical memory, else UINT64_MAX. */
uint64_t lx_engine_available_memory(void);

/* n_threads below 1: one per online CPU. */
lx_status lx_engine_state_init(const lx_engine *e, lx_engine_state *s, size_t cap_pos, size_t cap_tok,
                               int n_threads, lx_err *err);
void lx_engine_state_free(const lx_engine *e, lx_engine_state *s);
/* Checks the call (ids in the vocabulary, room left, a trace of this model) and runs it. */
lx_status lx_engine_forward(const lx_engine *e, lx_engine_state *s, const int32_t *ids, size_t n, lx_trace *tr,
                            lx_err *err);

/* Index of the largest of x[0..n-1] (the first of equals). */
size_t lx_engine_argmax(const float *x, size_t n);

#endif
