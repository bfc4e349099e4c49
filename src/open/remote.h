/* open/remote — models on the Hugging Face Hub or behind a URL, read from their header bytes
 * only (HTTP range requests through read/http), into the same lx_source a local file gives.
 *
 * Names (lx_remote_name tells them apart from local paths):
 *   hf:ORG/NAME[@REV]            a Hub repository: its file list comes from the Hub API
 *                                (ENDPOINT/api/models/ORG/NAME, or .../revision/REV), then
 *                                model.safetensors.index.json, model.safetensors, the first
 *                                GGUF (a warning names the others) or config.json, in that order
 *   hf:ORG/NAME[@REV]/PATH       one file of the repository (ENDPOINT/ORG/NAME/resolve/REV/PATH)
 *   ORG/NAME, hf://ORG/NAME      same as hf:ORG/NAME (the first when no such local path exists)
 *   http(s)://.../F              F ending .gguf, .safetensors, .index.json or .json (config)
 *
 * What is fetched:
 *   GGUF: bytes [0, 4 MiB) (less when the cap is lower), then the header is parsed and the range
 *     grown (to 5/4 of where the parser estimates the header ends, and by at least half) until it
 *     parses, up to opts->max_header; split files (NAME-0000K-of-0000N.gguf): every shard,
 *     in parallel.
 *   safetensors: the index and config.json (optional beside a URL) in parallel, then the first
 *     bytes of every shard in parallel, as many as the index suggests its header holds (the
 *     names it maps there plus ~88 bytes each), then the rest of any header longer than that
 *     (a single file without an index: its first 128 KiB, then the rest).
 * Settings as huggingface_hub reads them: HF_ENDPOINT (default https://huggingface.co), the
 * token from HF_TOKEN or $HF_HOME/token (HF_HOME default ~/.cache/huggingface), sent only to
 * the endpoint's host:port.
 * Cache: header bytes fetched are kept under $XDG_CACHE_HOME/llmxray (default ~/.cache/llmxray),
 * one file per URL; opts->offline reads only from there (no network).
 * Errors: one line with code LX_ERR_IO for transport faults and limits, LX_ERR_MODEL for bad
 * headers (the message names the hf: name or URL as the file).
 * Ownership: fills *src (which owns everything, freed by lx_source_free); keeps nothing.
 */
#ifndef LX_OPEN_REMOTE_H
#define LX_OPEN_REMOTE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/source.h"
#include "util/err.h"

#define LX_REMOTE_MAX_HEADER_DEFAULT (256ull << 20)

typedef struct lx_remote_opts {
    uint64_t max_header; /* largest GGUF header fetched (bytes) */
    long timeout_s;      /* the whole fetch: every request, wave, redirect and retry */
    bool insecure;       /* accept any TLS certificate */
    bool offline;        /* only the cache */
    int max_conns;       /* parallel connections (--connections) */
} lx_remote_opts;

lx_remote_opts lx_remote_defaults(void); /* 256 MiB, 30 s, verify TLS, online, 64 */

/* hf:..., http://..., https://... */
bool lx_remote_name(const char *what);
/* ORG/NAME: two plain components (letters, digits, '.', '_', '-'), nothing else, and not ending
 * .gguf, .safetensors or .json (a mistyped local file stays "cannot open"). */
bool lx_remote_repo_id(const char *what);

/* Opens a remote name into *src (already zeroed by lx_source_open). */
lx_status lx_remote_open(const char *what, const lx_remote_opts *opts, lx_source *src, lx_err *err);

#endif
