/* read/safetensors — safetensors header reader, single files and sharded models
 * (model.safetensors.index.json). Reads headers only: never a byte of tensor data.
 *
 * Stage: read. Input: a *.safetensors path or an index JSON path. Output: tensors appended
 * to an lx_tensors list (names, dtypes, shapes outermost first, byte counts, absolute offsets)
 * and, for an index, an lx_st_index describing the shards.
 *
 * File layout: u64 little-endian N, then N bytes of UTF-8 JSON (possibly padded with trailing
 * spaces), then the data region. The JSON is one object:
 *   {"NAME": {"dtype": "BF16", "shape": [4096, 14336], "data_offsets": [BEGIN, END]}, ...,
 *    "__metadata__": {"key": "string value", ...}}       (__metadata__ optional)
 * BEGIN/END are relative to the data region, which starts at byte 8 + N.
 *
 * What a file must satisfy (else LX_ERR_MODEL, message naming path, offset or line:col,
 * tensor, field and what was expected):
 *   - at least 8 bytes; N <= LX_ST_MAX_HEADER and N <= file size - 8;
 *   - the header is JSON (no duplicate keys) whose top level is an object;
 *   - __metadata__, when present, maps strings to strings;
 *   - every other entry has a known dtype string, a shape of at most LX_MAX_DIMS
 *     non-negative integers, data_offsets [BEGIN, END] with BEGIN <= END; unknown extra
 *     fields in an entry are ignored;
 *   - product(shape) * dtype size does not overflow and equals END - BEGIN;
 *   - sorted by BEGIN, the ranges start at 0 and are contiguous (each BEGIN equals the
 *     previous END: no gap, no overlap);
 *   - the largest END fits in the data region (file size - 8 - N). Trailing bytes after it
 *     are allowed.
 * Tensors of one file are appended in data order (by BEGIN, ties by name), which for files
 * written by the reference library is also a stable, deterministic order.
 * A header error's "offset" is the file offset of the tensor's key in the header when it can
 * be found literally there (8 + position), else the message says "header"; JSON syntax errors
 * are reported as "PATH: line L:C: <jansson text> (...)" with line:col inside the JSON text.
 *
 * Sharded models: the index is {"metadata": {"total_size": BYTES}, "weight_map": {"TENSOR":
 * "SHARD FILE NAME", ...}}. Shard names must be plain file names (no '/', no '\\', not "." or
 * "..", not empty); shards are resolved relative to the index's folder. Shard file index =
 * position of the shard name in the sorted (strcmp) list of distinct names. A mismatch between
 * weight_map and a shard's header (a tensor the map does not list, one it puts in another shard,
 * or one listed but absent) is an ERROR (LX_ERR_MODEL): the index then cannot be trusted.
 * metadata.total_size is read (when an integer) but not enforced.
 *
 * Missing shards (an index downloaded alone, e.g. configs/Meta-Llama-3-8B): lx_st_index_load
 * never opens a shard; it reports how many are absent in n_missing. lx_st_read_index then
 * appends NO tensors, sets *shards_missing = true and returns LX_OK, so the caller falls back
 * to the names and total_size of lx_st_index_load. A shard that exists but cannot be read
 * is an error, not "missing".
 *
 * Byte counters: file_bytes / header_bytes (each may be NULL) are ADDED to, never reset, so
 * one pair can sum several files. file_bytes = sizes on disk; header_bytes = 8 + N per file
 * (for an index, the index JSON file counts in both).
 *
 * Ownership: appended tensors belong to the caller's lx_tensors. An lx_st_index owns all its
 * strings and arrays; lx_st_index_free frees them. No global state; reentrant.
 */
#ifndef LX_READ_SAFETENSORS_H
#define LX_READ_SAFETENSORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/tensor.h"
#include "util/err.h"

#define LX_ST_MAX_HEADER 100000000ULL /* largest accepted header N (bytes) */
#define LX_ST_MAX_INDEX 100000000ULL  /* largest accepted index JSON file (bytes) */

/* Reads one safetensors file's header and appends its tensors with file = file_index. */
lx_status lx_st_read_file(const char *path, int file_index, lx_tensors *out,
                          uint64_t *file_bytes, uint64_t *header_bytes, lx_err *err);

/* From memory (open/remote): the header length N from a file's first 8 bytes, checked as for
 * a file on disk of file_size bytes; then the N bytes of header JSON parsed into tensors. */
lx_status lx_st_header_len(const char *path, const uint8_t first8[8], uint64_t file_size, uint64_t *n,
                           lx_err *err);
lx_status lx_st_parse_header(const char *path, const char *text, uint64_t n, uint64_t file_size,
                             int file_index, lx_tensors *out, lx_err *err);

/* A parsed model.safetensors.index.json (no shard opened). */
typedef struct lx_st_index {
    char *dir;            /* folder of the index ("." when the path has no '/') */
    size_t n_files;
    char **files;         /* distinct shard file names, sorted by strcmp */
    bool *file_missing;   /* per shard: true when dir/files[i] does not exist */
    size_t n_missing;     /* how many shards are missing */
    size_t n_names;
    char **names;         /* weight_map keys, in the index's order */
    int *name_file;       /* per name: index into files */
    bool has_total_size;
    bool bad_total_size;  /* metadata.total_size is present but no byte count (negative, fractional, huge, a string) */
    uint64_t total_size;  /* metadata.total_size (bytes) when has_total_size */
    uint64_t index_bytes; /* size of the index JSON file */
} lx_st_index;

lx_status lx_st_index_load(const char *index_json_path, lx_st_index *idx, lx_err *err);
/* The index from its text (path names it in messages; dir is path's folder); no shard is
 * looked for on disk, so none is marked missing. */
lx_status lx_st_index_parse(const char *path, const char *text, size_t len, lx_st_index *idx, lx_err *err);
void lx_st_index_free(lx_st_index *idx);
/* Path of shard i ("dir/name"), malloc'd; NULL on OOM. */
char *lx_st_index_shard_path(const lx_st_index *idx, size_t i);

/* Reads every shard of a loaded index (all must exist) and checks them against weight_map.
 * Tensors are appended shard by shard in file-index order. */
lx_status lx_st_read_shards(const lx_st_index *idx, lx_tensors *out, uint64_t *file_bytes,
                            uint64_t *header_bytes, lx_err *err);

/* Every shard's header given in memory (hdrs[i] for shard i, as lx_st_parse_header takes it),
 * checked against weight_map exactly as lx_st_read_shards checks files. */
typedef struct lx_st_shard_hdr {
    const char *path, *text;
    uint64_t n, file_size;
} lx_st_shard_hdr;
lx_status lx_st_parse_shards(const lx_st_index *idx, const lx_st_shard_hdr *hdrs, lx_tensors *out, lx_err *err);

/* Index + shards in one call. When any shard is missing: appends nothing, sets
 * *shards_missing (may be NULL) to true and returns LX_OK (see above). */
lx_status lx_st_read_index(const char *index_json_path, lx_tensors *out, uint64_t *file_bytes,
                           uint64_t *header_bytes, bool *shards_missing, lx_err *err);

#endif
