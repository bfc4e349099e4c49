/* model/source — the lx_source record: what a model is built from. It holds the declared
 * hyper-parameters (model/hparams, filled by model/hp_gguf or model/hp_config) and, when the
 * input has them, the real tensors read/ parsed, plus the byte counts and warnings of reading.
 * open/source fills it from what the user names; model/arch builds an lx_arch from it.
 *
 * A local folder's index (the one read for its shards, or the one beside a config.json) is
 * kept parsed in index, so model/shipped checks the counts against it without reading it again.
 *
 * Ownership: lx_source owns its tensors, the open GGUF and the index (if any); lx_source_free
 * frees all.
 */
#ifndef LX_MODEL_SOURCE_H
#define LX_MODEL_SOURCE_H

#include <stdint.h>

#include "model/hparams.h"
#include "read/gguf.h"
#include "read/safetensors.h"
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
    lx_st_index *index;     /* a local folder's index (names and total_size), NULL when none */
    char index_name[40];    /* its file name: "model.safetensors.index.json", "pytorch_model.bin.index.json" */
    bool remote;            /* read over HTTP (open/remote): only headers, no tensor data */
    uint64_t remote_bytes;  /* body bytes fetched */
    unsigned remote_requests; /* HTTP requests sent (redirects and retries included) */
    double remote_seconds;  /* wall time spent fetching */
    int n_warnings;
    char warnings[LX_SOURCE_MAX_WARN][256];
} lx_source;

void lx_source_free(lx_source *src);
void lx_source_warn(lx_source *src, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *lx_format_name(lx_format f); /* "gguf" | "safetensors" | "config" | "catalogue" */

#endif
