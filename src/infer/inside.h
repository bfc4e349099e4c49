/* infer/inside — one traced run of a model on a prompt: everything the `inside` poster
 * shows, gathered by one call.
 *
 * Stage: inference, before layout. Input: a GGUF path and options. Output: an lx_inside,
 * plain data the poster's layout reads (no engine, no tokenizer): the trace of the prompt
 * (the model's hyper-parameters and RoPE frequencies, token ids and pieces, embeddings,
 * positions, attention scores and weights of every layer and head, residual norms, the
 * logit lens with its pieces, one layer's feed-forward, final logits and their sorted
 * distribution: infer/trace), the top-K next tokens
 * and the greedy continuation with their pieces, and the file's architecture (model/arch)
 * for the spine. The file is opened once (open/source); the engine runs on that GGUF (or
 * Hugging Face folder) and is closed before lx_inside_run returns.
 * Guard rails as for `run`: unsupported family or type, context and memory (before any
 * state is allocated) are refused with one clear line.
 *
 * Ownership: lx_inside owns all of it; lx_inside_free frees it.
 */
#ifndef LX_INFER_INSIDE_H
#define LX_INFER_INSIDE_H

#include <stddef.h>
#include <stdint.h>

#include "infer/sample.h"
#include "infer/trace.h"
#include "model/arch.h"
#include "model/source.h"
#include "util/err.h"

typedef struct lx_inside_opts {
    const char *prompt;      /* NULL or "": BOS alone */
    size_t n_new;            /* greedy continuation length */
    size_t top_k;            /* next tokens to rank (<= vocab) */
    int threads;
    uint64_t max_memory;     /* bytes; 0 = what the system says is available */
    size_t max_trace_floats; /* 0 = 64 Mi floats (256 MiB) */
    void (*on_layer)(void *ctx, size_t layer, size_t n_layers); /* progress, may be NULL */
    void *on_layer_ctx;
} lx_inside_opts;

typedef struct lx_inside {
    lx_trace trace;          /* the prompt's positions */
    lx_top *top;             /* [n_top] most probable next tokens after the prompt */
    char **top_pieces;       /* [n_top] their pieces as lx_tok_label writes them */
    size_t n_top;
    int32_t *cont;           /* [n_cont] greedy continuation ids */
    char **cont_pieces;      /* [n_cont] */
    size_t n_cont;
    lx_source *src;          /* the file, opened once: the engine ran on its GGUF */
    lx_arch *arch;           /* its architecture, for the poster's spine */
    bool arch_built;
    char *prompt_text;       /* the prompt as the tokens spell it */
    char *cont_text;         /* the continuation's text */
} lx_inside;

lx_status lx_inside_run(const char *path, const lx_inside_opts *o, lx_inside *out, lx_err *err);
void lx_inside_free(lx_inside *in);

#endif
