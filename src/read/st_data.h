/* read/st_data — the tensor data of local safetensors files, for infer/ (the readers in
 * read/safetensors never touch data).
 *
 * Stage: read. Input: what names a local safetensors model — a folder (its
 * model.safetensors.index.json, else its model.safetensors), an index JSON or one
 * .safetensors file — and the tensors open/source listed from it. File numbering is the one
 * read/safetensors gives lx_tensor.file: 0 for a single file, the shard's position in the
 * index's sorted shard names otherwise. Output: pointers into a read-only mapping of each
 * file, made when a tensor of that file is first asked for (only the pages used are read).
 *
 * Ownership: an lx_st_data owns its mappings; pointers stay valid until lx_st_data_close.
 */
#ifndef LX_READ_ST_DATA_H
#define LX_READ_ST_DATA_H

#include "read/tensor.h"
#include "util/err.h"

typedef struct lx_st_data lx_st_data;

lx_status lx_st_data_open(const char *what, lx_st_data **out, lx_err *err);
/* The bytes of t (t->n_bytes at t->offset of file t->file); NULL with err set when the file
 * cannot be mapped or the tensor lies outside it. */
const void *lx_st_data_get(lx_st_data *d, const lx_tensor *t, lx_err *err);
void lx_st_data_close(lx_st_data *d);

#endif
