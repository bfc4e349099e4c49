/* llmxray.h — the public API of libllmxray: see what is inside a large language model.
 *
 * Open a model (a GGUF file, a safetensors file or index, a Hugging Face folder, a
 * config.json, or the name of a built-in catalogue model), read its architecture and exact
 * counts, and render its diagram into a buffer in any output format llmxray knows (svg,
 * png, pdf, txt, json, mermaid, dot). Only headers are read; no weights are loaded.
 *
 * Conventions: every function is prefixed llmxray_; handles are opaque; errors are values
 * (llmxray_status, the same codes as the llmxray command's exit codes) with a one-line
 * message written into the caller's buffer; nothing here exits or prints. Functions are
 * reentrant: separate handles may be used from separate threads.
 *
 * Ownership: llmxray_open returns a model the caller frees with llmxray_close; strings
 * returned by llmxray_model_* belong to the model; llmxray_render returns bytes the caller
 * frees with llmxray_free.
 *
 * Versioning: LLMXRAY_VERSION_* give the header's version; llmxray_version() the library's.
 * The API is stable within a major version; structs passed in carry their size so that
 * fields can be added at the end.
 *
 * Build with: cc prog.c $(pkg-config --cflags --libs llmxray)
 */
#ifndef LLMXRAY_H
#define LLMXRAY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LLMXRAY_VERSION_MAJOR 0
#define LLMXRAY_VERSION_MINOR 1
#define LLMXRAY_VERSION_PATCH 0

#if defined(__GNUC__)
#define LLMXRAY_API __attribute__((visibility("default")))
#else
#define LLMXRAY_API
#endif

typedef enum llmxray_status {
    LLMXRAY_OK = 0,
    LLMXRAY_ERR_MODEL = 1, /* malformed or unsupported model */
    LLMXRAY_ERR_USAGE = 2, /* bad argument (unknown format, NULL where a value is needed) */
    LLMXRAY_ERR_IO = 3     /* a file cannot be opened or read; out of memory */
} llmxray_status;

typedef struct llmxray_model llmxray_model;

/* "0.1.0" */
LLMXRAY_API const char *llmxray_version(void);

/* Opens what the user named. On failure *out is NULL and errbuf (errcap bytes, may be 0)
 * holds one line: "PATH: offset N: what is wrong (expected ...)". */
LLMXRAY_API llmxray_status llmxray_open(const char *what, llmxray_model **out, char *errbuf, size_t errcap);
LLMXRAY_API void llmxray_close(llmxray_model *m);

/* The model's name (general.name, the catalogue's display name, or the file name) and its
 * canonical family ("llama", "qwen3moe", ...). */
LLMXRAY_API const char *llmxray_model_name(const llmxray_model *m);
LLMXRAY_API const char *llmxray_model_family(const llmxray_model *m);

typedef struct llmxray_counts {
    size_t size;                 /* set to sizeof(llmxray_counts) before the call */
    uint64_t params_total;       /* exact */
    uint64_t params_active;      /* per token (mixtures of experts at top-k); = total when dense */
    uint64_t bytes_total;        /* bytes of weights as stored */
    uint64_t kv_cache_per_token; /* bytes at 16 bits */
    uint32_t n_layers, d_model, n_heads, n_kv_heads, head_dim, vocab_size;
    uint64_t context_length;     /* 0 when not declared */
    uint32_t n_warnings;         /* disagreements between declared values and tensor shapes */
} llmxray_counts;

/* Fills the first c->size bytes of *c; LLMXRAY_ERR_USAGE when c->size is too small. */
LLMXRAY_API llmxray_status llmxray_model_counts(const llmxray_model *m, llmxray_counts *c);

typedef struct llmxray_render_opts {
    size_t size;     /* sizeof(llmxray_render_opts) */
    int dark;        /* 0 light theme, 1 dark */
    double scale;    /* PNG pixels per unit (0.25 to 8); 0 = 1 */
    int width;       /* text columns (60 to 1000); 0 = 100 */
    int ascii;       /* text: 7-bit */
} llmxray_render_opts;

/* The architecture diagram in format ("svg", "png", "pdf", "txt", "json", "mermaid", "dot", "html"),
 * opts NULL for the defaults. *out (NUL-terminated, *len bytes without the NUL) is freed by
 * the caller with llmxray_free. */
LLMXRAY_API llmxray_status llmxray_render(const llmxray_model *m, const char *format, const llmxray_render_opts *opts,
                                          char **out, size_t *len, char *errbuf, size_t errcap);
LLMXRAY_API void llmxray_free(void *p);

#ifdef __cplusplus
}
#endif

#endif
