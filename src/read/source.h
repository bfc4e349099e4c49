/* read/source — turns what the user named (a file, a folder, a config.json, a catalogue
 * name) into hyper-parameters plus, when the input has them, real tensors.
 *
 * Dispatch: catalogue name (model/catalogue) -> *.gguf (read/gguf + model/hp_gguf) ->
 * *.safetensors or model.safetensors.index.json (read/safetensors) -> a folder holding
 * config.json (model/hp_config, plus its safetensors when present) -> a *.json config.
 * Remote names (hf:ORG/NAME, http(s):// URLs, and ORG/NAME when no such path exists) go to
 * read/remote.
 *
 * Ownership: lx_source owns its tensors and the open GGUF (if any); lx_source_free frees all.
 */
#ifndef LX_READ_SOURCE_H
#define LX_READ_SOURCE_H

#include <stdint.h>

#include "model/hparams.h"
#include "read/gguf.h"
#include "read/tensor.h"
#include "util/err.h"

typedef enum lx_format { LX_FMT_GGUF, LX_FMT_SAFETENSORS, LX_FMT_CONFIG, LX_FMT_CATALOGUE } lx_format;

#define LX_SOURCE_MAX_WARN 32

typedef struct lx_source {
    lx_format format;
    char path[1024];        /* what the user named */
    lx_hparams hp;
    lx_tensors tensors;     /* empty for config-only and catalogue input */
    bool has_tensors;
    uint64_t file_bytes;    /* total size on disk of all files read (0 for catalogue) */
    uint64_t header_bytes;  /* bytes of headers actually parsed */
    lx_gguf *gguf;          /* open when format == LX_FMT_GGUF, for the tokenizer and infer */
    bool remote;            /* read over HTTP (read/remote): only headers, no tensor data */
    uint64_t remote_bytes;  /* body bytes fetched */
    unsigned remote_requests; /* HTTP requests sent (redirects and retries included) */
    double remote_seconds;  /* wall time spent fetching */
    int n_warnings;
    char warnings[LX_SOURCE_MAX_WARN][256];
} lx_source;

lx_status lx_source_open(const char *what, lx_source *src, lx_err *err);
/* Same, with settings for remote names (read/remote; NULL = lx_remote_defaults()). */
struct lx_remote_opts;
lx_status lx_source_open_with(const char *what, const struct lx_remote_opts *remote, lx_source *src,
                              lx_err *err);
void lx_source_free(lx_source *src);
void lx_source_warn(lx_source *src, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *lx_format_name(lx_format f); /* "gguf" | "safetensors" | "config" | "catalogue" */

#endif
