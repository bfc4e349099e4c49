/* tests/support/fixture_st — see fixture_st.h. */
#include "fixture_st.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"

/* Element sizes as the safetensors format documents them (independent of read/dtype). */
static const struct { const char *name; unsigned bytes; } FX_SIZES[] = {
    { "F64", 8 }, { "F32", 4 }, { "F16", 2 }, { "BF16", 2 }, { "F8_E4M3", 1 }, { "F8_E5M2", 1 },
    { "I8", 1 }, { "I16", 2 }, { "I32", 4 }, { "I64", 8 },
    { "U8", 1 }, { "U16", 2 }, { "U32", 4 }, { "U64", 8 }, { "BOOL", 1 },
};

typedef struct fx_entry {
    char *name, *dtype; /* for metadata: key, value */
    int n_dims;
    int64_t shape[8];
    uint64_t begin, end;
    bool meta;
} fx_entry;

struct lx_fx_st {
    fx_entry *v;
    size_t n, cap;
    uint64_t at;        /* running data offset */
    uint64_t max_end;
    bool has_data_size;
    uint64_t data_size;
};

static unsigned fx_elem_size(const char *dtype)
{
    for (size_t i = 0; i < sizeof FX_SIZES / sizeof FX_SIZES[0]; i++)
        if (strcmp(FX_SIZES[i].name, dtype) == 0) return FX_SIZES[i].bytes;
    return 1;
}

lx_fx_st *lx_fx_st_new(void) { return calloc(1, sizeof(lx_fx_st)); }

void lx_fx_st_free(lx_fx_st *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].name);
        free(f->v[i].dtype);
    }
    free(f->v);
    free(f);
}

static fx_entry *fx_push(lx_fx_st *f, const char *name, const char *second)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 32;
        fx_entry *v = realloc(f->v, cap * sizeof *v);
        if (!v) abort();
        f->v = v;
        f->cap = cap;
    }
    fx_entry *e = &f->v[f->n++];
    memset(e, 0, sizeof *e);
    e->name = strdup(name);
    e->dtype = strdup(second);
    if (!e->name || !e->dtype) abort();
    return e;
}

void lx_fx_st_tensor_at(lx_fx_st *f, const char *name, const char *dtype, int n_dims, const int64_t *shape,
                        uint64_t begin, uint64_t end)
{
    fx_entry *e = fx_push(f, name, dtype);
    e->n_dims = n_dims < 0 ? 0 : n_dims > 8 ? 8 : n_dims;
    if (e->n_dims) memcpy(e->shape, shape, (size_t)e->n_dims * sizeof *shape);
    e->begin = begin;
    e->end = end;
    if (end > f->max_end) f->max_end = end;
}

uint64_t lx_fx_st_tensor(lx_fx_st *f, const char *name, const char *dtype, int n_dims, const int64_t *shape)
{
    uint64_t bytes = fx_elem_size(dtype);
    for (int i = 0; i < n_dims; i++) bytes *= (uint64_t)shape[i];
    lx_fx_st_tensor_at(f, name, dtype, n_dims, shape, f->at, f->at + bytes);
    f->at += bytes;
    return bytes;
}

void lx_fx_st_meta(lx_fx_st *f, const char *key, const char *value) { fx_push(f, key, value)->meta = true; }

void lx_fx_st_data_size(lx_fx_st *f, uint64_t bytes)
{
    f->has_data_size = true;
    f->data_size = bytes;
}

uint64_t lx_fx_st_data_end(const lx_fx_st *f) { return f->at; }

static void fx_put_tensor(lx_buf *b, const fx_entry *e)
{
    lx_buf_put_json(b, e->name);
    lx_buf_puts(b, ":{\"dtype\":");
    lx_buf_put_json(b, e->dtype);
    lx_buf_puts(b, ",\"shape\":[");
    for (int d = 0; d < e->n_dims; d++) lx_buf_printf(b, "%s%lld", d ? "," : "", (long long)e->shape[d]);
    lx_buf_printf(b, "],\"data_offsets\":[%llu,%llu]}", (unsigned long long)e->begin,
                  (unsigned long long)e->end);
}

/* Metadata first (as the reference writer does), then tensors in the order added. */
char *lx_fx_st_header(const lx_fx_st *f)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_putc(&b, '{');
    bool first = true, any_meta = false;
    for (size_t i = 0; i < f->n; i++) {
        if (!f->v[i].meta) continue;
        lx_buf_puts(&b, any_meta ? "," : "\"__metadata__\":{");
        any_meta = true;
        lx_buf_put_json(&b, f->v[i].name);
        lx_buf_putc(&b, ':');
        lx_buf_put_json(&b, f->v[i].dtype);
    }
    if (any_meta) {
        lx_buf_putc(&b, '}');
        first = false;
    }
    for (size_t i = 0; i < f->n; i++) {
        if (f->v[i].meta) continue;
        if (!first) lx_buf_putc(&b, ',');
        first = false;
        fx_put_tensor(&b, &f->v[i]);
    }
    lx_buf_putc(&b, '}');
    char *s = lx_buf_ok(&b) ? strdup(lx_buf_cstr(&b)) : NULL;
    lx_buf_free(&b);
    return s;
}

bool lx_fx_st_write(const lx_fx_st *f, const char *path, uint64_t *header_len)
{
    char *h = lx_fx_st_header(f);
    if (!h) return false;
    size_t n = strlen(h), padded = (n + 7) / 8 * 8;
    char *p = malloc(padded);
    if (!p) {
        free(h);
        return false;
    }
    memcpy(p, h, n);
    memset(p + n, ' ', padded - n);
    bool ok = lx_fx_st_write_raw(path, padded, p, padded, f->has_data_size ? f->data_size : f->max_end);
    if (header_len) *header_len = padded;
    free(p);
    free(h);
    return ok;
}

bool lx_fx_st_write_raw(const char *path, uint64_t declared_len, const void *hdr, size_t hdr_len,
                        uint64_t data_bytes)
{
    unsigned char le[8];
    for (int i = 0; i < 8; i++) le[i] = (unsigned char)(declared_len >> (8 * i));
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return false;
    bool ok = write(fd, le, 8) == 8 && (hdr_len == 0 || write(fd, hdr, hdr_len) == (ssize_t)hdr_len) &&
              ftruncate(fd, (off_t)(8 + hdr_len + data_bytes)) == 0;
    return close(fd) == 0 && ok;
}

bool lx_fx_write_bytes(const char *path, const void *bytes, size_t n)
{
    FILE *fp = fopen(path, "wb");
    if (!fp) return false;
    bool ok = fwrite(bytes, 1, n, fp) == n;
    return fclose(fp) == 0 && ok;
}

bool lx_fx_st_write_index(const char *path, size_t n, const char *const *names,
                          const char *const *files, int64_t total_size)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_puts(&b, "{\n");
    if (total_size >= 0) lx_buf_printf(&b, "  \"metadata\": {\"total_size\": %lld},\n", (long long)total_size);
    lx_buf_puts(&b, "  \"weight_map\": {");
    for (size_t i = 0; i < n; i++) {
        lx_buf_puts(&b, i ? ",\n    " : "\n    ");
        lx_buf_put_json(&b, names[i]);
        lx_buf_puts(&b, ": ");
        lx_buf_put_json(&b, files[i]);
    }
    lx_buf_puts(&b, "\n  }\n}\n");
    bool ok = lx_buf_ok(&b) && lx_fx_write_bytes(path, b.data, b.len);
    lx_buf_free(&b);
    return ok;
}
