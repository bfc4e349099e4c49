/* read/st_data — see st_data.h. */
#include "read/st_data.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/safetensors.h"

typedef struct st_file {
    char *path;
    const uint8_t *map; /* NULL until first used */
    uint64_t size;
} st_file;

struct lx_st_data {
    st_file *f;
    size_t n;
};

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static lx_status add_file(lx_st_data *d, char *path, lx_err *err)
{
    st_file *v = path ? realloc(d->f, (d->n + 1) * sizeof *v) : NULL;
    if (!v) { free(path); return lx_err_set(err, LX_ERR_IO, "out of memory"); }
    d->f = v;
    d->f[d->n++] = (st_file){path, NULL, 0};
    return LX_OK;
}

/* The shards of an index, numbered as read/safetensors numbers them. */
static lx_status add_shards(lx_st_data *d, const char *index, lx_err *err)
{
    lx_st_index idx;
    if (lx_st_index_load(index, &idx, err)) return err->code;
    for (size_t i = 0; i < idx.n_files && !lx_err_failed(err); i++) add_file(d, lx_st_index_shard_path(&idx, i), err);
    lx_st_index_free(&idx);
    return err->code;
}

static lx_status find_files(lx_st_data *d, const char *what, lx_err *err)
{
    char p[1100];
    if (!is_dir(what)) {
        if (ends_with(what, ".json")) return add_shards(d, what, err);
        snprintf(p, sizeof p, "%s", what);
        return add_file(d, strdup(p), err);
    }
    snprintf(p, sizeof p, "%s/model.safetensors.index.json", what);
    if (is_file(p)) return add_shards(d, p, err);
    snprintf(p, sizeof p, "%s/model.safetensors", what);
    if (is_file(p)) return add_file(d, strdup(p), err);
    return lx_err_set(err, LX_ERR_MODEL, "%s: no model.safetensors or model.safetensors.index.json (expected the "
                      "weights of a Hugging Face folder)", what);
}

lx_status lx_st_data_open(const char *what, lx_st_data **out, lx_err *err)
{
    lx_st_data *d = calloc(1, sizeof *d);
    *out = NULL;
    if (!d) return lx_err_set(err, LX_ERR_IO, "out of memory");
    if (find_files(d, what, err)) { lx_st_data_close(d); return err->code; }
    *out = d;
    return LX_OK;
}

static lx_status map_file(st_file *f, lx_err *err)
{
    int fd = open(f->path, O_RDONLY);
    if (fd < 0) return lx_err_set(err, LX_ERR_IO, "%s: cannot open: %s", f->path, strerror(errno));
    struct stat st;
    lx_status s = LX_OK;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || (uint64_t)st.st_size > SIZE_MAX)
        s = lx_err_set(err, LX_ERR_IO, "%s: not a regular, non-empty file that can be mapped", f->path);
    if (s == LX_OK) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED) s = lx_err_set(err, LX_ERR_IO, "%s: cannot map: %s", f->path, strerror(errno));
        else f->map = m, f->size = (uint64_t)st.st_size;
    }
    close(fd);
    return s;
}

const void *lx_st_data_get(lx_st_data *d, const lx_tensor *t, lx_err *err)
{
    if (t->file < 0 || (size_t)t->file >= d->n) {
        lx_err_set(err, LX_ERR_MODEL, "tensor %s: file %d is not one of the %zu safetensors files", t->name, t->file, d->n);
        return NULL;
    }
    st_file *f = &d->f[t->file];
    if (!f->map && map_file(f, err)) return NULL;
    if (t->offset > f->size || t->n_bytes > f->size - t->offset) {
        lx_err_set(err, LX_ERR_MODEL, "%s: offset %llu: tensor %s of %llu bytes runs past the end of the file (%llu bytes)",
                   f->path, (unsigned long long)t->offset, t->name, (unsigned long long)t->n_bytes,
                   (unsigned long long)f->size);
        return NULL;
    }
    return f->map + t->offset;
}

void lx_st_data_close(lx_st_data *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->n; i++) {
        if (d->f[i].map) munmap((void *)d->f[i].map, (size_t)d->f[i].size);
        free(d->f[i].path);
    }
    free(d->f);
    free(d);
}
