/* read/tensor — see tensor.h. */
#include "read/tensor.h"

#include <stdlib.h>
#include <string.h>

void lx_tensors_init(lx_tensors *t) { memset(t, 0, sizeof *t); }

void lx_tensors_free(lx_tensors *t)
{
    for (size_t i = 0; i < t->n; i++) free(t->v[i].name);
    free(t->v);
    lx_tensors_init(t);
}

lx_tensor *lx_tensors_push(lx_tensors *t, const lx_tensor *src)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        lx_tensor *v = realloc(t->v, cap * sizeof *v);
        if (!v) return NULL;
        t->v = v;
        t->cap = cap;
    }
    char *name = strdup(src->name ? src->name : "");
    if (!name) return NULL;
    lx_tensor *d = &t->v[t->n++];
    *d = *src;
    d->name = name;
    return d;
}

const lx_tensor *lx_tensors_find(const lx_tensors *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].name, name) == 0) return &t->v[i];
    return NULL;
}
