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
 * Ownership: llmxray_open and llmxray_open_ex return a model the caller frees with
 * llmxray_close; strings returned by llmxray_model_* belong to the model, those of
 * llmxray_catalogue_* are static; llmxray_render and llmxray_model_info return bytes the
 * caller frees with llmxray_free.
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
#define LLMXRAY_VERSION_MINOR 2
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

/* "0.2.0" (0.2 added llmxray_open_ex, llmxray_name_is_remote, llmxray_model_info,
 * llmxray_model_layer_mix, the llmxray_catalogue_*, llmxray_format_*, llmxray_theme_* and
 * llmxray_tokenizer_* functions, llmxray_compare and llmxray_tokenize) */
LLMXRAY_API const char *llmxray_version(void);

/* Opens what the user named. On failure *out is NULL and errbuf (errcap bytes, may be 0)
 * holds one line: "PATH: offset N: what is wrong (expected ...)". */
LLMXRAY_API llmxray_status llmxray_open(const char *what, llmxray_model **out, char *errbuf, size_t errcap);
LLMXRAY_API void llmxray_close(llmxray_model *m);

/* How remote models (hf:ORG/NAME[:FILE], http://..., https://...) are fetched: only their
 * headers are read, through a cache. A zero field takes its default. */
typedef struct llmxray_open_opts {
    size_t size;          /* set to sizeof(llmxray_open_opts) */
    uint64_t max_header;  /* largest GGUF header fetched, bytes; 0 = 256 MiB */
    int timeout_s;        /* per request, connect included; 0 = 30 */
    int connections;      /* parallel connections to a host; 0 = 64 */
    int offline;          /* 1: from the cache only */
    int insecure;         /* 1: accept any TLS certificate */
} llmxray_open_opts;

/* llmxray_open with opts for remote models (NULL: the defaults). LLMXRAY_ERR_USAGE when
 * opts->size is smaller than the 0.2 struct; otherwise errors as llmxray_open. */
LLMXRAY_API llmxray_status llmxray_open_ex(const char *what, const llmxray_open_opts *opts, llmxray_model **out,
                                           char *errbuf, size_t errcap);

/* 1 when what names a remote model (hf:..., http://..., https://...), of which only the
 * headers can be read; 0 otherwise (also for NULL). Opens nothing. */
LLMXRAY_API int llmxray_name_is_remote(const char *what);

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
    uint32_t n_layers;           /* the declared count when llmxray does not model each layer */
    uint32_t d_model, n_heads, n_kv_heads, head_dim, vocab_size;
    uint64_t context_length;     /* 0 when not declared */
    uint32_t n_warnings;         /* disagreements between declared values and tensor shapes */
} llmxray_counts;

/* Fills the first c->size bytes of *c; LLMXRAY_ERR_USAGE when c->size is too small. */
LLMXRAY_API llmxray_status llmxray_model_counts(const llmxray_model *m, llmxray_counts *c);

/* The layer mix: each distinct kind of layer ("full", "sliding", "mamba2", "moe", ...) with
 * how many layers have it, in order of first appearance. Fills the first cap entries of
 * kinds (strings belong to the model) and counts (either may be NULL when cap is 0);
 * returns how many kinds there are, which may exceed cap. */
LLMXRAY_API size_t llmxray_model_layer_mix(const llmxray_model *m, const char **kinds, uint32_t *counts, size_t cap);

/* What `llmxray info` prints: format "text" (the summary for people) or "json" (one object,
 * keys in docs/json.md). *out (NUL-terminated, *len bytes without the NUL) is freed by the
 * caller with llmxray_free. LLMXRAY_ERR_USAGE for another format, LLMXRAY_ERR_IO when out
 * of memory; errbuf as llmxray_open. */
LLMXRAY_API llmxray_status llmxray_model_info(const llmxray_model *m, const char *format, char **out, size_t *len,
                                              char *errbuf, size_t errcap);

/* The built-in catalogue of well-known models, which llmxray_open also accepts by name. */
typedef struct llmxray_catalogue_entry {
    size_t size;             /* set to sizeof(llmxray_catalogue_entry) */
    const char *slug;        /* the name to open it by, "llama-3.1-8b" */
    const char *name;        /* for people, "Llama 3.1 8B" */
    const char *description; /* one line */
} llmxray_catalogue_entry;

/* How many entries the catalogue has. */
LLMXRAY_API size_t llmxray_catalogue_count(void);
/* Entry i (0 to count - 1) into *e (strings static); LLMXRAY_ERR_USAGE when i is out of
 * range or e->size is smaller than this struct. */
LLMXRAY_API llmxray_status llmxray_catalogue_entry_at(size_t i, llmxray_catalogue_entry *e);
/* The entry named name (its slug or display name, case-insensitive): *i its index;
 * LLMXRAY_ERR_USAGE when there is none. */
LLMXRAY_API llmxray_status llmxray_catalogue_find(const char *name, size_t *i);
/* The slug name looks like a typo of (a small edit distance), else NULL. Static. */
LLMXRAY_API const char *llmxray_catalogue_suggest(const char *name);
/* Opens catalogue entry i (a file of the same name in the working directory does not shadow
 * it, as it would for llmxray_open); errors as llmxray_open. */
LLMXRAY_API llmxray_status llmxray_catalogue_open(size_t i, llmxray_model **out, char *errbuf, size_t errcap);

/* The colour themes: llmxray_theme_name(0) is "light" (llmxray_render_opts.dark = 0),
 * (1) "dark"; NULL past the last. Static. */
LLMXRAY_API size_t llmxray_theme_count(void);
LLMXRAY_API const char *llmxray_theme_name(size_t i);

#define LLMXRAY_WIDTH_MIN 60   /* text diagram columns */
#define LLMXRAY_WIDTH_MAX 1000

typedef struct llmxray_render_opts {
    size_t size;     /* sizeof(llmxray_render_opts); the 0.1 size (without color) is accepted */
    int dark;        /* 0 light theme, 1 dark */
    double scale;    /* PNG pixels per unit (0.25 to 8); 0 = 1 */
    int width;       /* text columns (LLMXRAY_WIDTH_MIN to _MAX); 0 = 100 */
    int ascii;       /* text: 7-bit */
    int color;       /* 0.2: text: ANSI colours, for a terminal */
} llmxray_render_opts;

/* Output formats, from the one table llmxray's commands use. */
#define LLMXRAY_FOR_DIAGRAM 1u    /* formats llmxray_render takes */
#define LLMXRAY_FOR_POSTER 2u     /* formats of `llmxray inside` */
#define LLMXRAY_FOR_COMPARISON 4u /* formats llmxray_compare takes */
#define LLMXRAY_FOR_GALLERY 8u    /* formats of `llmxray gallery` */

typedef struct llmxray_format {
    size_t size;        /* set to sizeof(llmxray_format) */
    const char *name;   /* the canonical name ("txt" for "text"), what llmxray_render takes */
    const char *ext;    /* file extension without the dot */
    int binary;         /* not for a terminal (png, pdf) */
    int colorable;      /* text drawn from the description: llmxray_render_opts.color applies */
    const char *description; /* one line, for help */
    unsigned for_;      /* LLMXRAY_FOR_* bits: what it can draw */
} llmxray_format;

/* How many formats the table has, and format i of them (LLMXRAY_ERR_USAGE when i is out of
 * range or f->size is smaller than this struct); in the order help lists them. */
LLMXRAY_API size_t llmxray_format_count(void);
LLMXRAY_API llmxray_status llmxray_format_at(size_t i, llmxray_format *f);

/* The format named name (or an alias such as "text", "mmd"; case-insensitive), or with
 * by_path the one of the extension of the path name; among those of for_ (LLMXRAY_FOR_*
 * bits). LLMXRAY_ERR_USAGE when there is none or f->size is smaller than this struct.
 * Strings are static. */
LLMXRAY_API llmxray_status llmxray_format_find(const char *name, int by_path, unsigned for_, llmxray_format *f);
/* "svg, png, pdf or txt" (names) or with dotted ".svg, .png, .pdf or .txt": the formats of
 * for_, for messages; truncated to cap bytes, always NUL-terminated when cap > 0. */
LLMXRAY_API void llmxray_format_list(unsigned for_, int dotted, char *out, size_t cap);

/* The architecture diagram in format ("svg", "png", "pdf", "txt", "json", "mermaid", "dot", "html"),
 * opts NULL for the defaults. *out (NUL-terminated, *len bytes without the NUL) is freed by
 * the caller with llmxray_free. */
LLMXRAY_API llmxray_status llmxray_render(const llmxray_model *m, const char *format, const llmxray_render_opts *opts,
                                          char **out, size_t *len, char *errbuf, size_t errcap);

#define LLMXRAY_COMPARE_MAX 8

/* Opens the n models named (2 to LLMXRAY_COMPARE_MAX; as llmxray_open) and compares them
 * component by component in format: "txt" (the table), "json" (docs/compare.md) or a
 * picture ("svg", "png", "pdf", "html"); opts as llmxray_render (dark, scale, color; NULL the
 * defaults). *out, *len and errors as llmxray_render; a model that cannot be opened is named
 * in errbuf. */
LLMXRAY_API llmxray_status llmxray_compare(const char *const *whats, size_t n, const char *format,
                                           const llmxray_render_opts *opts, char **out, size_t *len, char *errbuf,
                                           size_t errcap);

/* A tokenizer: of a .gguf file, a tokenizer.json, or a folder holding one (as llama.cpp
 * and transformers tokenize). Freed with llmxray_tokenizer_close. */
typedef struct llmxray_tokenizer llmxray_tokenizer;

/* Errors as llmxray_open. */
LLMXRAY_API llmxray_status llmxray_tokenizer_open(const char *path, llmxray_tokenizer **out, char *errbuf,
                                                  size_t errcap);
LLMXRAY_API void llmxray_tokenizer_close(llmxray_tokenizer *t);

typedef struct llmxray_tokenizer_info {
    size_t size;           /* set to sizeof(llmxray_tokenizer_info) */
    const char *algorithm; /* for people: "byte-level BPE", ... */
    const char *kind;      /* short code: "spm", "bpe", ... (the "kind" of tokenize --json) */
    const char *pre;       /* the pre-tokenizer's name, NULL when it has none */
    size_t vocab_size;     /* pieces */
} llmxray_tokenizer_info;

/* Fills *i (strings belong to t); LLMXRAY_ERR_USAGE when i->size is smaller than this struct. */
LLMXRAY_API llmxray_status llmxray_tokenizer_describe(const llmxray_tokenizer *t, llmxray_tokenizer_info *i);

#define LLMXRAY_TOKENIZE_BOS 1u     /* put the vocabulary's BOS token first */
#define LLMXRAY_TOKENIZE_SPECIAL 2u /* recognise control tokens such as <|im_start|> in the text */

/* The token ids of the len bytes at text: *ids (*n of them) is freed by the caller with
 * llmxray_free. Errors as llmxray_open (LLMXRAY_ERR_IO when out of memory). */
LLMXRAY_API llmxray_status llmxray_tokenize(const llmxray_tokenizer *t, const char *text, size_t len,
                                            unsigned flags, int32_t **ids, size_t *n, char *errbuf, size_t errcap);
/* Token id's piece for people ("▁" and "Ġ" shown as a space, control and byte pieces as
 * they are, bytes that are no UTF-8 on their own as \xNN), freed with llmxray_free; NULL
 * when id is out of range or out of memory. */
LLMXRAY_API char *llmxray_token_piece(const llmxray_tokenizer *t, int32_t id);

/* Frees what llmxray_render, llmxray_model_info, llmxray_compare,
 * llmxray_tokenize and llmxray_token_piece returned; NULL is ignored. */
LLMXRAY_API void llmxray_free(void *p);

#ifdef __cplusplus
}
#endif

#endif
