/* tests/support/fixture_st — writes safetensors files (and index JSON) for tests.
 *
 * Stage: test support. Input: tensor descriptions added one by one. Output: files on disk.
 * Ownership: an lx_fx_st owns its entries; lx_fx_st_free frees it. Paths are the caller's.
 *
 * Well-formed files:
 *   lx_fx_st *f = lx_fx_st_new();
 *   lx_fx_st_tensor(f, "wte", "F32", 2, (int64_t[]){50257, 768});  // offsets follow on
 *   lx_fx_st_meta(f, "format", "pt");
 *   lx_fx_st_write(f, path);   // header padded with spaces to a multiple of 8 bytes,
 *   lx_fx_st_free(f);          // data region made with ftruncate (sparse: 16 GB costs nothing)
 * Tensors are written to the header in the order added; each one's data_offsets start where
 * the previous tensor's (added with lx_fx_st_tensor) ended. Byte size = product(shape) *
 * element size from the fixture's OWN dtype table (independent of the product's), unknown
 * dtype names count 1 byte per element. Shapes are int64_t so hostile tests can write -1.
 *
 * Hostile files (each call changes only what it says):
 *   lx_fx_st_tensor_at   a tensor with explicit [begin, end] (gaps, overlaps, past the end);
 *                        it does not move the running offset.
 *   lx_fx_st_data_size   the data region's size (default: the largest END written);
 *   lx_fx_st_header      the header JSON the writer would emit (unpadded), to copy and mutate;
 *   lx_fx_st_write_raw   any 8-byte length value + any header bytes + a sparse data region;
 *   lx_fx_write_bytes    any bytes at all (e.g. a 5-byte file).
 *
 * All functions returning bool return false on I/O or allocation failure (tests assert it).
 */
#ifndef LX_TESTS_FIXTURE_ST_H
#define LX_TESTS_FIXTURE_ST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lx_fx_st lx_fx_st;

lx_fx_st *lx_fx_st_new(void);
void lx_fx_st_free(lx_fx_st *f);
/* Appends a tensor at the running data offset; returns its byte size (0 if shape has a 0). */
uint64_t lx_fx_st_tensor(lx_fx_st *f, const char *name, const char *dtype, int n_dims, const int64_t *shape);
/* Appends a tensor with explicit data_offsets [begin, end]. */
void lx_fx_st_tensor_at(lx_fx_st *f, const char *name, const char *dtype, int n_dims, const int64_t *shape,
                        uint64_t begin, uint64_t end);
void lx_fx_st_meta(lx_fx_st *f, const char *key, const char *value);
void lx_fx_st_data_size(lx_fx_st *f, uint64_t bytes);
/* Running data offset = sum of the lx_fx_st_tensor sizes so far. */
uint64_t lx_fx_st_data_end(const lx_fx_st *f);
/* The header JSON text (unpadded, NUL-terminated), malloc'd; the caller frees it. */
char *lx_fx_st_header(const lx_fx_st *f);
/* Writes the file; *header_len (may be NULL) receives N, the padded header length. */
bool lx_fx_st_write(const lx_fx_st *f, const char *path, uint64_t *header_len);

/* Writes u64 LE declared_len, then hdr_len bytes of hdr, then data_bytes of (sparse) zeros. */
bool lx_fx_st_write_raw(const char *path, uint64_t declared_len, const void *hdr, size_t hdr_len,
                        uint64_t data_bytes);
bool lx_fx_write_bytes(const char *path, const void *bytes, size_t n);

/* Writes a model.safetensors.index.json: {"metadata": {"total_size": T}, "weight_map":
 * {names[i]: files[i], ...}} (metadata omitted when total_size < 0). */
bool lx_fx_st_write_index(const char *path, size_t n, const char *const *names,
                          const char *const *files, int64_t total_size);

#endif
