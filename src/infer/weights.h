/* infer/weights — what an engine reads a model from, whatever the container: the
 * hyper-parameters by llama.cpp's key names, the tensor list, each tensor's bytes, and the
 * tokenizer. Two sources fill it (one table of operations each):
 *
 *  - a GGUF file (read/gguf): keys "<arch>.<suffix>" from its metadata, tensors mapped from
 *    its data section, the tokenizer from tokenizer.ggml.*;
 *  - a Hugging Face folder (open/source + read/st_data): config.json read by model/hp_config
 *    into lx_hparams, whose fields answer the same key suffixes through one table (SUFFIXES
 *    in weights.c); the architecture is the family record's llama.cpp name; safetensors
 *    shards (F32, F16, BF16, ...) mapped like GGUF data; tokenizer.json + tokenizer_config.json
 *    beside them, its vocabulary padded with unused pieces to the embedding's rows as
 *    llama.cpp's converter pads it; Llama 3's rope_scaling answered as the RoPE factors the
 *    converter would write to rope_freqs.weight (rope_factors), other scalings refused;
 *    the layers without RoPE as its config declares them (layer_nope).
 *
 * hf_layout says the tensors are as transformers stores them, which differs from what
 * llama.cpp's converter writes in two ways an engine must honour: Q and K rows are in the
 * half-split RoPE order (rotate_half) for every family — the converter permutes them into
 * interleaved pairs for the families llama.cpp runs with interleaved RoPE (Llama, SmolLM3) —
 * and Gemma's RMSNorm weights are stored as offsets from 1 (the converter adds the 1).
 * Tensor names are Hugging Face's; model/roles maps both spellings.
 *
 * Stage: inference (input). Ownership: an lx_weights from lx_weights_from_gguf borrows the
 * lx_gguf; one from lx_weights_open_hf owns its lx_source and mappings; one from
 * lx_weights_from_source borrows the lx_source and owns the mappings. lx_weights_close frees
 * what it owns.
 */
#ifndef LX_INFER_WEIGHTS_H
#define LX_INFER_WEIGHTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "infer/tokenizer.h"
#include "read/gguf.h"
#include "model/source.h"
#include "read/tensor.h"
#include "util/err.h"

struct lx_rope_scaling;

/* Which per-pair factors: rope_freqs.weight's (Llama 3), or longrope's beyond and within the
 * original context (rope_factors_long / rope_factors_short.weight). */
typedef enum lx_rope_factors { LX_ROPE_FACTORS_FREQS, LX_ROPE_FACTORS_LONG, LX_ROPE_FACTORS_SHORT } lx_rope_factors;

typedef struct lx_weights_ops {
    /* "<arch>.<suffix>" as a non-negative integer / a float; false when absent */
    bool (*get_u64)(const void *impl, const char *suffix, uint64_t *out);
    bool (*get_f64)(const void *impl, const char *suffix, double *out);
    const void *(*data)(void *impl, const lx_tensor *t, lx_err *err);
    /* the vocabulary, padded to n_vocab pieces where the source leaves the rest implicit */
    lx_status (*tokenizer)(void *impl, lx_tok *t, size_t n_vocab, const char *path, lx_err *err);
    void (*close)(void *impl);
    /* RoPE frequency factors the source implies without storing them as a tensor (see
     * lx_weights_rope_factors); NULL when it never does */
    bool (*rope_factors)(const void *impl, lx_rope_factors which, size_t dims, double theta, float *out);
    /* whether layer l has no RoPE, where the source declares it per layer (see
     * lx_weights_layer_nope); NULL when it never does */
    bool (*layer_nope)(const void *impl, size_t layer, bool *nope);
    /* the RoPE scaling the source declares (see lx_weights_rope_scaling) */
    lx_status (*rope_scaling)(const void *impl, struct lx_rope_scaling *out, const char *path, lx_err *err);
} lx_weights_ops;

typedef struct lx_weights {
    const lx_weights_ops *ops;
    void *impl;
    char arch[32];             /* llama.cpp's architecture name ("" when unknown) */
    const lx_tensors *tensors; /* shapes outermost first */
    bool hf_layout;            /* Hugging Face tensors (see above) */
    char path[1024];           /* names the model in messages */
} lx_weights;

/* g is borrowed and must outlive w. */
lx_status lx_weights_from_gguf(lx_gguf *g, const char *path, lx_weights *w, lx_err *err);
/* A Hugging Face folder (or its index / model.safetensors) with config.json and tokenizer.json. */
lx_status lx_weights_open_hf(const char *path, lx_weights *w, lx_err *err);
/* The same on a source already read (borrowed; it outlives w): a GGUF's or a folder's. */
lx_status lx_weights_from_source(lx_source *src, lx_weights *w, lx_err *err);
/* True when path names safetensors weights (a folder, *.safetensors, *.index.json) rather than a GGUF. */
bool lx_weights_is_hf(const char *path);
void lx_weights_close(lx_weights *w);

bool lx_weights_u64(const lx_weights *w, const char *suffix, uint64_t *out);
bool lx_weights_f64(const lx_weights *w, const char *suffix, double *out);
const void *lx_weights_data(lx_weights *w, const lx_tensor *t, lx_err *err);
lx_status lx_weights_tokenizer(lx_weights *w, lx_tok *t, size_t n_vocab, lx_err *err);

/* Llama 3's long-context RoPE scaling, config.json's rope_scaling {"rope_type": "llama3",
 * factor, low_freq_factor, high_freq_factor, original_max_position_embeddings}. */
typedef struct lx_rope_llama3 {
    double factor, low_freq, high_freq;
    uint64_t orig_ctx;
} lx_rope_llama3;

/* The divisor of each RoPE pair's frequency, out[dims/2], as llama.cpp's converter writes
 * them to the GGUF tensor rope_freqs.weight (the engine divides theta^(-2i/dims) by it):
 * with wavelength 2*pi / theta^(-2i/dims), 1 below orig_ctx/high_freq, factor above
 * orig_ctx/low_freq, and between them 1 / ((1-s)/factor + s), s = (orig_ctx/wavelength -
 * low_freq) / (high_freq - low_freq). Computed in float as the converter's torch code is. */
void lx_rope_llama3_factors(const lx_rope_llama3 *p, size_t dims, double theta, float *out);
/* Factors a source's config implies (an HF folder with llama3 rope_scaling, or longrope's
 * long_factor / short_factor of dims/2 values each; a GGUF carries them as the tensors
 * instead): true with out[dims/2] filled, else false. */
bool lx_weights_rope_factors(const lx_weights *w, lx_rope_factors which, size_t dims, double theta, float *out);
/* How RoPE positions are scaled for a longer context (Llama 3's factors aside, which
 * lx_weights_rope_factors gives):
 *  - linear: every pair's frequency divided by factor;
 *  - yarn: pair i's frequency f_i mixed as f_i/factor * (1 - r_i) + f_i * r_i, with r_i = 1 -
 *    clamp((i - low) / max(0.001, high - low), 0, 1), low = max(0, floor(c(beta_fast))), high =
 *    min(dims - 1, ceil(c(beta_slow))), c(b) = dims * ln(orig_ctx / (2 pi b)) / (2 ln theta);
 *    and the rotated dims of Q and K multiplied by mscale;
 *  - longrope (Phi-3): each pair's frequency divided by its long factor when the run holds
 *    more than orig_ctx positions, else by its short one (lx_rope_factors), and the rotated
 *    dims multiplied by mscale — a GGUF's rope.scaling.attn_factor, or transformers'
 *    attention_factor, else sqrt(1 + ln(s) / ln(orig_ctx)) for s = max_position_embeddings /
 *    original_max_position_embeddings > 1.
 * A GGUF declares it with llama.cpp's keys: rope.scaling.type, .factor (or the older
 * rope.scale_linear), .original_context_length and .attn_factor (yarn's mscale is
 * (1 + 0.1 ln factor) * attn_factor, beta_fast 32 and beta_slow 1, as llama.cpp takes them
 * for these families); a folder with config.json's rope_scaling (rope_type, factor,
 * original_max_position_embeddings, beta_fast, beta_slow, and mscale as transformers takes
 * it: attention_factor, else mscale / mscale_all_dim, else 1 + 0.1 ln factor). */
typedef enum lx_rope_scale_kind {
    LX_ROPE_SCALE_NONE, LX_ROPE_SCALE_LINEAR, LX_ROPE_SCALE_YARN, LX_ROPE_SCALE_LONGROPE
} lx_rope_scale_kind;

typedef struct lx_rope_scaling {
    lx_rope_scale_kind kind;
    double factor;               /* 1 when none */
    uint64_t orig_ctx;           /* yarn: the context the model was trained on */
    double beta_fast, beta_slow; /* yarn: the ramp's ends, in rotations over orig_ctx */
    double mscale;               /* magnitude of the rotated dims of Q and K; 1 when none */
} lx_rope_scaling;

/* The source's RoPE scaling into *out (kind NONE when there is none); a type the engine does
 * not run (longrope, dynamic, ...) is refused with one line naming it. */
lx_status lx_weights_rope_scaling(const lx_weights *w, lx_rope_scaling *out, lx_err *err);
/* Yarn's per-pair frequencies: freq[dims/2] (theta^(-2i/dims), with any factors applied)
 * mixed in place as lx_rope_scaling says. */
void lx_rope_yarn_freqs(const lx_rope_scaling *s, size_t dims, double theta, float *freq);
/* longrope's choice of table: the long one (lng, NULL without longrope) for a run holding
 * more than orig_ctx positions, as llama.cpp chooses by its context size; else shrt. */
const float *lx_rope_longrope_table(const float *shrt, const float *lng, size_t orig_ctx, size_t cap_pos);

/* NoPE layers as the source declares them (an HF folder's config: SmolLM3's no_rope_layers
 * or no_rope_layer_interval; a GGUF has no such key, llama.cpp fixes them per family):
 * true with *nope set, else false (the engine's family default applies). */
bool lx_weights_layer_nope(const lx_weights *w, size_t layer, bool *nope);

#endif
