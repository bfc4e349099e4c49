/* llmxray.h — the public API of libllmxray: see what is inside a large language model.
 *
 * Open a model (a GGUF file, a safetensors file or index, a Hugging Face folder, a
 * config.json, or the name of a built-in catalogue model), read its architecture and exact
 * counts, and render its diagram into a buffer in any output format llmxray knows (svg,
 * png, pdf, txt, json, mermaid, dot). For those only headers are read; no weights are
 * loaded. 0.3: run a small model (a session: tokenize, feed a prompt, generate token by token),
 * draw one traced run of it (the inside poster), and draw a gallery of many models into a folder.
 *
 * Conventions: every function is prefixed llmxray_; handles are opaque; errors are values
 * (llmxray_status, the same codes as the llmxray command's exit codes) with a one-line
 * message written into the caller's buffer; nothing here exits or prints. Functions are
 * reentrant: separate handles may be used from separate threads.
 *
 * Ownership: llmxray_open and llmxray_open_ex return a model the caller frees with
 * llmxray_close; strings returned by llmxray_model_* belong to the model, those of
 * llmxray_catalogue_* are static; llmxray_render and llmxray_model_info return bytes the
 * caller frees with llmxray_free. 0.3: llmxray_session_open and llmxray_inside_run return
 * handles freed with llmxray_session_close and llmxray_inside_close; a session's tokenizer
 * and strings belong to it.
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
#define LLMXRAY_VERSION_MINOR 3
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

/* "0.3.0" (0.2 added llmxray_open_ex, llmxray_name_is_remote, llmxray_model_info,
 * llmxray_model_layer_mix, the llmxray_catalogue_*, llmxray_format_*, llmxray_theme_* and
 * llmxray_tokenizer_* functions, llmxray_compare and llmxray_tokenize; 0.3 running a model
 * (llmxray_session_*, llmxray_generate, llmxray_token_text), the inside view
 * (llmxray_inside_*, llmxray_page_*), the gallery (llmxray_gallery) and
 * llmxray_format.from_run; every 0.2 call is unchanged) */
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
    int from_run;       /* 0.3: for a poster, the run's numbers are written instead of a drawing */
} llmxray_format;

/* How many formats the table has, and format i of them (LLMXRAY_ERR_USAGE when i is out of
 * range or f->size is smaller than the 0.2 struct, without from_run; only f->size bytes are
 * filled); in the order help lists them. */
LLMXRAY_API size_t llmxray_format_count(void);
LLMXRAY_API llmxray_status llmxray_format_at(size_t i, llmxray_format *f);

/* The format named name (or an alias such as "text", "mmd"; case-insensitive), or with
 * by_path the one of the extension of the path name; among those of for_ (LLMXRAY_FOR_*
 * bits). LLMXRAY_ERR_USAGE when there is none or f->size is smaller than the 0.2 struct.
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
#define LLMXRAY_TOKENIZE_BOS_IF_ASKED 4u /* 0.3: BOS first when the vocabulary asks for one
                                          * (tokenizer.ggml.add_bos_token), as `llmxray run` does */

/* The token ids of the len bytes at text: *ids (*n of them) is freed by the caller with
 * llmxray_free. Errors as llmxray_open (LLMXRAY_ERR_IO when out of memory). */
LLMXRAY_API llmxray_status llmxray_tokenize(const llmxray_tokenizer *t, const char *text, size_t len,
                                            unsigned flags, int32_t **ids, size_t *n, char *errbuf, size_t errcap);
/* Token id's piece for people ("▁" and "Ġ" shown as a space, control and byte pieces as
 * they are, bytes that are no UTF-8 on their own as \xNN), freed with llmxray_free; NULL
 * when id is out of range or out of memory. */
LLMXRAY_API char *llmxray_token_piece(const llmxray_tokenizer *t, int32_t id);

/* 0.3: the bytes token id adds to a text after token prev (-1 for none; after BOS a
 * SentencePiece word's leading space is dropped), as they are (control tokens add none): they may end inside a UTF-8
 * character the next token completes, and may hold control characters. *out (*len bytes,
 * NUL-terminated) is freed with llmxray_free; LLMXRAY_ERR_USAGE for an id out of range,
 * LLMXRAY_ERR_IO when out of memory. */
LLMXRAY_API llmxray_status llmxray_token_text(const llmxray_tokenizer *t, int32_t prev, int32_t id, char **out,
                                              size_t *len);

/* ------------------------------------------------------------------ 0.3: running a model
 *
 * A session is a small model loaded for inference (a .gguf file, or a Hugging Face folder:
 * config.json, safetensors weights and tokenizer.json; local only). One run: tokenize the
 * prompt (llmxray_session_tokenizer), llmxray_session_start feeds it, llmxray_session_top
 * ranks the next token, llmxray_generate continues it token by token through a callback.
 * A session is used by one thread at a time. */
typedef struct llmxray_session llmxray_session;

typedef struct llmxray_session_opts {
    size_t size;         /* set to sizeof(llmxray_session_opts) */
    int threads;         /* for the matrix products; 0 = one per online CPU */
    uint64_t max_memory; /* bytes a run may need; 0 = what the system says is available */
} llmxray_session_opts;

/* Opens path (opts NULL: the defaults). Errors as llmxray_open; an architecture no engine
 * runs is LLMXRAY_ERR_MODEL naming those that run. */
LLMXRAY_API llmxray_status llmxray_session_open(const char *path, const llmxray_session_opts *opts,
                                                llmxray_session **out, char *errbuf, size_t errcap);
LLMXRAY_API void llmxray_session_close(llmxray_session *s);

typedef struct llmxray_session_info {
    size_t size;            /* set to sizeof(llmxray_session_info) */
    const char *family;     /* general.architecture ("llama", ...), belongs to the session */
    size_t vocab_size, n_layers, d_model, n_heads, n_kv_heads;
    size_t context_length;  /* positions the model holds, 0 when not declared */
    int32_t bos, eos;       /* token ids, -1 when the vocabulary has none */
} llmxray_session_info;

/* Fills *i; LLMXRAY_ERR_USAGE when i->size is smaller than this struct. */
LLMXRAY_API llmxray_status llmxray_session_describe(const llmxray_session *s, llmxray_session_info *i);
/* The session's tokenizer (belongs to the session): for llmxray_tokenize, llmxray_token_piece
 * and llmxray_token_text. */
LLMXRAY_API const llmxray_tokenizer *llmxray_session_tokenizer(const llmxray_session *s);

/* Starts a run: checks that n_prompt + n_new tokens fit the model's context (else
 * LLMXRAY_ERR_USAGE) and the memory limit (else LLMXRAY_ERR_MODEL, with the bytes needed),
 * then feeds the n_prompt (>= 1) token ids. A run started before is dropped. */
LLMXRAY_API llmxray_status llmxray_session_start(llmxray_session *s, const int32_t *prompt, size_t n_prompt,
                                                 size_t n_new, char *errbuf, size_t errcap);

/* One candidate next token: softmax over the whole vocabulary at temperature 1. */
typedef struct llmxray_top {
    int32_t id;
    float logit, prob;
} llmxray_top;

/* The k most probable next tokens after what was fed last (most probable first, lower id
 * first among equals) into top[0..*n), *n = min(k, vocabulary). LLMXRAY_ERR_USAGE before
 * llmxray_session_start, LLMXRAY_ERR_IO when out of memory. */
LLMXRAY_API llmxray_status llmxray_session_top(const llmxray_session *s, size_t k, llmxray_top *top, size_t *n);

/* How the next token is chosen. NULL, or temperature 0: greedy (the most probable, the
 * lowest id among equals). Otherwise sampled at temperature from the top_k most probable
 * (0: all) cut to the smallest set whose probability reaches top_p (0 or 1: no cut), by a
 * generator seeded with seed (the same seed, the same tokens). */
typedef struct llmxray_sampler {
    size_t size;        /* set to sizeof(llmxray_sampler) */
    double temperature; /* 0 greedy; else > 0 */
    uint32_t top_k;
    double top_p;       /* 0 to 1 */
    uint64_t seed;
} llmxray_sampler;

/* A generated token, for the callback (pointers valid during the call only). */
typedef struct llmxray_token {
    size_t size;        /* sizeof(llmxray_token) */
    size_t index;       /* 0 for the first token generated since llmxray_session_start */
    int32_t id;
    const char *piece;  /* as llmxray_token_piece */
    const char *text;   /* as llmxray_token_text after the token before it; text_len bytes */
    size_t text_len;
} llmxray_token;

/* Called with each generated token; a nonzero return stops the generation after it. */
typedef int (*llmxray_token_fn)(void *ctx, const llmxray_token *t);

/* Continues the run by up to n tokens (at most the n_new of llmxray_session_start),
 * calling fn (may be NULL) for each and feeding each back but the last; stops before an
 * end token (EOS, or BOS, which opens a new document). *n_done (may be NULL) says how many
 * were generated. LLMXRAY_ERR_USAGE before llmxray_session_start or for a bad sampler. */
LLMXRAY_API llmxray_status llmxray_generate(llmxray_session *s, size_t n, const llmxray_sampler *sampler,
                                            llmxray_token_fn fn, void *ctx, size_t *n_done, char *errbuf,
                                            size_t errcap);

/* What the last run took: the prompt fed by llmxray_session_start, the tokens generated. */
typedef struct llmxray_timing {
    size_t size;         /* set to sizeof(llmxray_timing) */
    size_t n_prompt;
    double prompt_s;
    size_t n_generated;
    double generate_s;
} llmxray_timing;

/* Fills *t; LLMXRAY_ERR_USAGE when t->size is smaller than this struct. */
LLMXRAY_API llmxray_status llmxray_session_timing(const llmxray_session *s, llmxray_timing *t);

/* ------------------------------------------------------------------ 0.3: the inside view
 *
 * One traced run of a prompt (everything `llmxray inside` shows: tokens, embeddings,
 * positions, attention of every layer and head, residual norms, the logit lens, the next
 * token's distribution, the greedy continuation), then drawn as a poster or written as
 * its numbers in any format of LLMXRAY_FOR_POSTER. */
typedef struct llmxray_inside llmxray_inside;

typedef struct llmxray_inside_opts {
    size_t size;          /* set to sizeof(llmxray_inside_opts) */
    const char *prompt;   /* NULL or "": BOS alone */
    size_t n_new;         /* greedy continuation, tokens (as given; the command's default is 16) */
    size_t top_k;         /* next tokens to rank (as given; the command's default is 10) */
    int threads;          /* 0 = one per online CPU */
    uint64_t max_memory;  /* 0 = what is available */
    void (*on_layer)(void *ctx, size_t layer, size_t n_layers); /* progress, may be NULL */
    void *ctx;
} llmxray_inside_opts;

/* Runs the model at path (local, as llmxray_session_open) on o->prompt (o NULL: BOS alone,
 * 16 tokens, top 10). Errors as llmxray_session_open and llmxray_session_start (a prompt
 * that tokenizes to nothing, for a vocabulary without BOS, is LLMXRAY_ERR_USAGE). */
LLMXRAY_API llmxray_status llmxray_inside_run(const char *path, const llmxray_inside_opts *o, llmxray_inside **out,
                                              char *errbuf, size_t errcap);
LLMXRAY_API void llmxray_inside_close(llmxray_inside *in);

/* The papers a poster can be printed on: llmxray_page_name(0) "a4", (1) "a3", (2) "letter";
 * NULL past the last. Text on paper is never smaller than LLMXRAY_PAGE_MIN_TEXT_PT. */
#define LLMXRAY_PAGE_MIN_TEXT_PT 7.0
LLMXRAY_API size_t llmxray_page_count(void);
LLMXRAY_API const char *llmxray_page_name(size_t i);

typedef struct llmxray_poster_opts {
    size_t size;      /* set to sizeof(llmxray_poster_opts) */
    int dark;         /* 0 light theme, 1 dark */
    double scale;     /* PNG pixels per unit (0.25 to 8; on paper times 150 dpi); 0 = 1 */
    const char *page; /* NULL: the poster's own size; a paper name (png and pdf only) */
    size_t sheet;     /* png on paper: which sheet (0-based) */
} llmxray_poster_opts;

/* The poster of the run in format (a name or alias of LLMXRAY_FOR_POSTER; "json" gives the
 * run's numbers, docs/json.md), opts NULL for the defaults. *n_sheets (may be NULL)
 * receives how many sheets the poster takes on paper (1 otherwise). *out, *len and errors as
 * llmxray_render. */
LLMXRAY_API llmxray_status llmxray_inside_render(const llmxray_inside *in, const char *format,
                                                 const llmxray_poster_opts *opts, char **out, size_t *len,
                                                 size_t *n_sheets, char *errbuf, size_t errcap);

/* ------------------------------------------------------------------ 0.3: the gallery */

typedef struct llmxray_gallery_opts {
    size_t size; /* set to sizeof(llmxray_gallery_opts) */
    int dark;    /* thumbnails' theme (the pages have both) */
    int jobs;    /* worker processes (fork), 1 to 64; 0 = 2, or 1 on a single core; 1 draws in
                  * the calling process (for a program with threads that could hold locks) */
    /* Called in the calling process, in the order of the models, for each model that could
     * not be drawn (msg one line); may be NULL. */
    void (*on_error)(void *ctx, const char *what, llmxray_status status, const char *msg);
    void *ctx;
} llmxray_gallery_opts;

/* Draws the n models named (as llmxray_open; whats NULL and n 0: the whole catalogue) into
 * the folder dir (made when missing): per model STEM.svg and STEM.html (STEM the catalogue
 * slug or the file name without its extension, numbered when two collide), then
 * index.html of the models that were drawn. LLMXRAY_OK when every model was drawn; else the
 * status of a failure of the whole (the folder, the index, memory: errbuf holds its line)
 * or, when there is none, of the first model that failed (already told to on_error: errbuf
 * is then ""). */
LLMXRAY_API llmxray_status llmxray_gallery(const char *const *whats, size_t n, const char *dir,
                                           const llmxray_gallery_opts *opts, char *errbuf, size_t errcap);

/* Frees what llmxray_render, llmxray_model_info, llmxray_compare, llmxray_tokenize,
 * llmxray_token_piece, llmxray_token_text and llmxray_inside_render returned; NULL is
 * ignored. */
LLMXRAY_API void llmxray_free(void *p);

#ifdef __cplusplus
}
#endif

#endif
