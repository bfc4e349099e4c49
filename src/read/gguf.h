/* read/gguf — GGUF v2/v3 header reader (metadata and tensor infos; never tensor data
 * unless lx_gguf_tensor_data is called).
 *
 * Layout (little-endian): magic "GGUF", u32 version, u64 n_tensors, u64 n_kv; then n_kv
 * key/value pairs (gguf string key, u32 value type, value); then n_tensors tensor infos
 * (gguf string name, u32 n_dims, u64 ne[n_dims] innermost first, u32 ggml type, u64 offset
 * relative to the data section); the data section starts at the next multiple of
 * general.alignment (default 32). A gguf string is u64 length + bytes (no NUL).
 * Value types: 0 u8, 1 i8, 2 u16, 3 i16, 4 u32, 5 i32, 6 f32, 7 bool, 8 string,
 * 9 array (u32 element type, u64 count, elements), 10 u64, 11 i64, 12 f64.
 *
 * Split files "NAME-00001-of-0000N.gguf": opening any shard opens all of them; keys come
 * from the first shard, tensors from every shard (lx_tensor.file is the shard index).
 *
 * Ownership: one lx_gguf owns everything it returns (strings, arrays, the tensor list);
 * all freed by lx_gguf_close. Strings returned are NUL-terminated; hostile bytes are kept
 * as they are (escaping is the output stage's job).
 */
#ifndef LX_READ_GGUF_H
#define LX_READ_GGUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/tensor.h"
#include "util/err.h"

typedef enum lx_gguf_type {
    LX_GGUF_U8 = 0, LX_GGUF_I8, LX_GGUF_U16, LX_GGUF_I16, LX_GGUF_U32, LX_GGUF_I32,
    LX_GGUF_F32, LX_GGUF_BOOL, LX_GGUF_STRING, LX_GGUF_ARRAY, LX_GGUF_U64, LX_GGUF_I64,
    LX_GGUF_F64, LX_GGUF_TYPE_COUNT
} lx_gguf_type;

typedef struct lx_gguf lx_gguf;

/* Opens path (and its sibling shards when it is a split file) and reads the headers. */
lx_status lx_gguf_open(const char *path, lx_gguf **out, lx_err *err);
void lx_gguf_close(lx_gguf *g);

/* The first `have` bytes of a GGUF file of `size` bytes, held in memory (a remote file's
 * header fetched by open/remote). The header may span at most `limit` bytes (the caller's
 * cap; counts in the header are checked against min(limit, size)). */
typedef struct lx_gguf_mem {
    const char *path;   /* names the file in messages */
    const uint8_t *buf;
    uint64_t have, size, limit;
} lx_gguf_mem;

/* Where parsing stopped for lack of bytes: file `file` needs at least its first `need`. */
typedef struct lx_gguf_more { size_t file; uint64_t need; } lx_gguf_more;

/* Parses n files from memory (the buffers are copied; the caller keeps its own). n > 1 is a
 * split model given in shard order (split keys checked as for files on disk); n == 1 never
 * opens sibling shards. When a header runs past the bytes given, returns LX_ERR_IO and sets
 * *more (when non-NULL; need == 0 otherwise): fetch more and call again. Tensor data of such
 * a handle is never available (lx_gguf_tensor_data fails). */
lx_status lx_gguf_open_mem(const lx_gguf_mem *files, size_t n, lx_gguf **out,
                           lx_gguf_more *more, lx_err *err);

/* "NAME-00002-of-00005.gguf": *prefix = length of NAME, *k = 2 (1-based), *n = 5. */
bool lx_gguf_split_name(const char *path, size_t *prefix, unsigned *k, unsigned *n);

uint32_t lx_gguf_version(const lx_gguf *g);
size_t lx_gguf_n_files(const lx_gguf *g);
const char *lx_gguf_file_path(const lx_gguf *g, size_t file);
uint64_t lx_gguf_file_size(const lx_gguf *g, size_t file);   /* bytes on disk */
uint64_t lx_gguf_header_size(const lx_gguf *g, size_t file); /* = start of the data section */
const lx_tensors *lx_gguf_tensors(const lx_gguf *g);

/* Metadata. Keys are looked up by exact name; -1 when absent. */
size_t lx_gguf_n_kv(const lx_gguf *g);
/* "uint8", "int32", "float32", "bool", "string", "array", ...; "?" when out of range. */
const char *lx_gguf_type_name(lx_gguf_type t);
/* Byte offset, in the first file, of kv i's value (for error messages); 0 when out of range. */
uint64_t lx_gguf_kv_offset(const lx_gguf *g, size_t i);
const char *lx_gguf_key(const lx_gguf *g, size_t i);
long lx_gguf_find(const lx_gguf *g, const char *key);
lx_gguf_type lx_gguf_kv_type(const lx_gguf *g, size_t i);
/* Scalars; false when absent or of an incompatible type. Integers of any width convert to
 * u64/i64 when in range; floats of either width to double; integers also to double. */
bool lx_gguf_get_u64(const lx_gguf *g, const char *key, uint64_t *out);
bool lx_gguf_get_i64(const lx_gguf *g, const char *key, int64_t *out);
bool lx_gguf_get_f64(const lx_gguf *g, const char *key, double *out);
bool lx_gguf_get_bool(const lx_gguf *g, const char *key, bool *out);
const char *lx_gguf_get_str(const lx_gguf *g, const char *key); /* NULL unless a string */
/* Arrays: element type and count; then element access (bounds-checked, false/NULL on misuse). */
bool lx_gguf_get_arr(const lx_gguf *g, const char *key, lx_gguf_type *elem, uint64_t *n);
const char *lx_gguf_arr_str(const lx_gguf *g, const char *key, uint64_t i, uint64_t *len);
bool lx_gguf_arr_f64(const lx_gguf *g, const char *key, uint64_t i, double *out);
bool lx_gguf_arr_i64(const lx_gguf *g, const char *key, uint64_t i, int64_t *out);

/* Tensor data through a read-only mapping of the tensor's file (each file is mapped once, at
 * open; only the pages touched are read).
 * NULL with err set when the file cannot be mapped or the tensor lies outside it. */
const void *lx_gguf_tensor_data(lx_gguf *g, const lx_tensor *t, lx_err *err);

#endif
