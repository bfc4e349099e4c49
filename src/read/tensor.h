/* read/tensor — the tensor list every reader produces and the model stage consumes.
 *
 * Owns: the list owns its tensors and their names (one lx_tensors_free frees all).
 * Shapes are stored outermost first (row-major, as PyTorch and safetensors write them):
 * a Llama K projection is {n_kv_heads*head_dim, d_model}. The GGUF reader reverses ggml's
 * ne[] order into this order. Tensor data is never read here: offset says where it is.
 */
#ifndef LX_READ_TENSOR_H
#define LX_READ_TENSOR_H

#include <stddef.h>
#include <stdint.h>

#include "read/dtype.h"

#define LX_MAX_DIMS 4

typedef struct lx_tensor {
    char *name;
    int n_dims;
    uint64_t shape[LX_MAX_DIMS]; /* outermost first */
    lx_dtype type;
    uint64_t n_elems;
    uint64_t n_bytes;
    uint64_t offset; /* absolute byte offset of the data in its file */
    int file;        /* index of the file (shard) holding it */
} lx_tensor;

typedef struct lx_tensors {
    lx_tensor *v;
    size_t n, cap;
} lx_tensors;

void lx_tensors_init(lx_tensors *t);
void lx_tensors_free(lx_tensors *t);
/* Appends a copy of *src (its name is duplicated). Returns the new tensor, NULL on OOM. */
lx_tensor *lx_tensors_push(lx_tensors *t, const lx_tensor *src);
const lx_tensor *lx_tensors_find(const lx_tensors *t, const char *name);

#endif
