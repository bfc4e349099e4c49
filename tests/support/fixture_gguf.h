/* tests/support/fixture_gguf — writes small GGUF files for tests (test support, not product).
 *
 * Stage: test fixtures. Input: builder calls. Output: a GGUF file on disk. Ownership: the
 * builder owns everything added to it; lx_fx_gguf_free releases it (after writing or not).
 *
 * A well-formed file:
 *     lx_fx_gguf *w = lx_fx_gguf_new(3);
 *     lx_fx_gguf_kv_str(w, "general.architecture", "llama");
 *     lx_fx_gguf_kv_u32(w, "llama.block_count", 2);
 *     const char *toks[] = { "<unk>", "<s>" };
 *     lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.tokens", toks, 2);
 *     uint64_t ne[] = { 64, 512 };              // ggml order: innermost first
 *     lx_fx_gguf_tensor(w, "token_embd.weight", 0, 2, ne); // ggml type id 0 = F32
 *     bool ok = lx_fx_gguf_write(w, path);
 *     lx_fx_gguf_free(w);
 * Keys and tensor infos are written in the order they are added. Tensor offsets are the
 * aligned running sum of tensor sizes (sizes from read/dtype). The header is padded to the
 * alignment (32, or the value of a "general.alignment" uint32 added with lx_fx_gguf_kv_u32)
 * and the file is extended with ftruncate, so the data section is sparse zeros unless bytes
 * are given with lx_fx_gguf_tensor_data.
 *
 * Deliberately broken files (for hostile-input tests): every call below writes exactly what
 * it is told, without checking. lx_fx_gguf_magic / lx_fx_gguf_set_counts override the header;
 * lx_fx_gguf_kv_raw writes a key, any type id and any value bytes (build them with the
 * lx_fx_put_* helpers: nested arrays, bad bools, short arrays, unknown types...);
 * lx_fx_gguf_raw_kv / lx_fx_gguf_raw_tensor append raw bytes to the key/value or tensor-info
 * section (not counted); lx_fx_gguf_tensor_at forces an offset and any type id;
 * lx_fx_gguf_data_size sets the data section length; lx_fx_gguf_truncate cuts the finished
 * file to a given size.
 */
#ifndef LX_TESTS_FIXTURE_GGUF_H
#define LX_TESTS_FIXTURE_GGUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

typedef struct lx_fx_gguf lx_fx_gguf;

lx_fx_gguf *lx_fx_gguf_new(uint32_t version); /* NULL on OOM; any version is written as is */
void lx_fx_gguf_free(lx_fx_gguf *w);
/* Writes the file; false (with errno set) when it cannot be written or the builder ran out
 * of memory. */
bool lx_fx_gguf_write(const lx_fx_gguf *w, const char *path);

/* Scalars (GGUF value types 0-7, 10-12). */
void lx_fx_gguf_kv_u8(lx_fx_gguf *w, const char *key, uint8_t v);
void lx_fx_gguf_kv_i8(lx_fx_gguf *w, const char *key, int8_t v);
void lx_fx_gguf_kv_u16(lx_fx_gguf *w, const char *key, uint16_t v);
void lx_fx_gguf_kv_i16(lx_fx_gguf *w, const char *key, int16_t v);
void lx_fx_gguf_kv_u32(lx_fx_gguf *w, const char *key, uint32_t v);
void lx_fx_gguf_kv_i32(lx_fx_gguf *w, const char *key, int32_t v);
void lx_fx_gguf_kv_f32(lx_fx_gguf *w, const char *key, float v);
void lx_fx_gguf_kv_bool(lx_fx_gguf *w, const char *key, bool v);
void lx_fx_gguf_kv_u64(lx_fx_gguf *w, const char *key, uint64_t v);
void lx_fx_gguf_kv_i64(lx_fx_gguf *w, const char *key, int64_t v);
void lx_fx_gguf_kv_f64(lx_fx_gguf *w, const char *key, double v);
void lx_fx_gguf_kv_str(lx_fx_gguf *w, const char *key, const char *v);
/* Arrays. Numeric: v holds n values of the element's C type (uint8_t, int8_t, ..., float,
 * bool as uint8_t 0/1, uint64_t, int64_t, double) for element type elem (0-7, 10-12). */
void lx_fx_gguf_kv_arr(lx_fx_gguf *w, const char *key, uint32_t elem, const void *v, size_t n);
void lx_fx_gguf_kv_arr_str(lx_fx_gguf *w, const char *key, const char *const *v, size_t n);

/* Tensors: ne innermost first (ggml order); returns the tensor's index. */
size_t lx_fx_gguf_tensor(lx_fx_gguf *w, const char *name, uint32_t ggml_type, int n_dims,
                         const uint64_t *ne);
size_t lx_fx_gguf_tensor_at(lx_fx_gguf *w, const char *name, uint32_t ggml_type, int n_dims,
                            const uint64_t *ne, uint64_t offset);
/* Bytes written at the start of tensor idx's data (copied). */
void lx_fx_gguf_tensor_data(lx_fx_gguf *w, size_t idx, const void *p, size_t n);

/* Hostile-file escape hatches (see the header comment). */
void lx_fx_gguf_magic(lx_fx_gguf *w, const char magic[4]);
void lx_fx_gguf_set_counts(lx_fx_gguf *w, uint64_t n_tensors, uint64_t n_kv);
void lx_fx_gguf_kv_raw(lx_fx_gguf *w, const char *key, uint32_t type, const void *value,
                       size_t len);
void lx_fx_gguf_raw_kv(lx_fx_gguf *w, const void *bytes, size_t len);
void lx_fx_gguf_raw_tensor(lx_fx_gguf *w, const void *bytes, size_t len);
void lx_fx_gguf_data_size(lx_fx_gguf *w, uint64_t bytes);
void lx_fx_gguf_truncate(lx_fx_gguf *w, uint64_t file_size);

/* Little-endian encoders for building raw values (e.g. nested arrays) in an lx_buf. */
void lx_fx_put_u32(lx_buf *b, uint32_t v);
void lx_fx_put_u64(lx_buf *b, uint64_t v);
void lx_fx_put_str(lx_buf *b, const char *s); /* u64 length + bytes */

#endif
