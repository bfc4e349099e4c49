/* tests/support/fixture_gguf — see fixture_gguf.h. */
#include "fixture_gguf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/dtype.h"

typedef struct fx_tensor {
    uint64_t offset, bytes;
    void *data;
    size_t data_len;
} fx_tensor;

struct lx_fx_gguf {
    char magic[4];
    uint32_t version;
    uint64_t n_kv, n_tensors;         /* counted as added */
    bool counts_set;
    uint64_t set_n_tensors, set_n_kv; /* overrides */
    uint32_t align;
    lx_buf kv, ti;                    /* encoded sections */
    fx_tensor *t;
    size_t cap_t;
    uint64_t data_end;                /* running sum of tensor sizes */
    bool data_size_set, truncate_set, oom;
    uint64_t data_size, truncate_to;
};

static const size_t FX_SIZE[13] = { 1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8 };

void lx_fx_put_u32(lx_buf *b, uint32_t v)
{
    uint8_t p[4];
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
    lx_buf_put(b, p, 4);
}

void lx_fx_put_u64(lx_buf *b, uint64_t v)
{
    uint8_t p[8];
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
    lx_buf_put(b, p, 8);
}

void lx_fx_put_str(lx_buf *b, const char *s)
{
    lx_fx_put_u64(b, strlen(s));
    lx_buf_put(b, s, strlen(s));
}

/* One little-endian element of size sz from a host value. */
static void fx_put_le(lx_buf *b, const void *v, size_t sz)
{
    uint64_t x = 0;
    if (sz == 1) x = *(const uint8_t *)v;
    else if (sz == 2) x = *(const uint16_t *)v;
    else if (sz == 4) x = *(const uint32_t *)v;
    else memcpy(&x, v, 8);
    for (size_t i = 0; i < sz; i++) lx_buf_putc(b, (char)(uint8_t)(x >> (8 * i)));
}

lx_fx_gguf *lx_fx_gguf_new(uint32_t version)
{
    lx_fx_gguf *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    memcpy(w->magic, "GGUF", 4);
    w->version = version;
    w->align = 32;
    lx_buf_init(&w->kv);
    lx_buf_init(&w->ti);
    return w;
}

void lx_fx_gguf_free(lx_fx_gguf *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->n_tensors; i++) free(w->t[i].data);
    free(w->t);
    lx_buf_free(&w->kv);
    lx_buf_free(&w->ti);
    free(w);
}

/* ------------------------------------------------------------------ key/values */

void lx_fx_gguf_kv_raw(lx_fx_gguf *w, const char *key, uint32_t type, const void *value,
                       size_t len)
{
    lx_fx_put_str(&w->kv, key);
    lx_fx_put_u32(&w->kv, type);
    lx_buf_put(&w->kv, value, len);
    w->n_kv++;
}

static void fx_scalar(lx_fx_gguf *w, const char *key, uint32_t type, const void *v)
{
    lx_buf b;
    lx_buf_init(&b);
    fx_put_le(&b, v, FX_SIZE[type]);
    if (!lx_buf_ok(&b)) w->oom = true;
    lx_fx_gguf_kv_raw(w, key, type, b.data, b.len);
    lx_buf_free(&b);
}

void lx_fx_gguf_kv_u8(lx_fx_gguf *w, const char *key, uint8_t v) { fx_scalar(w, key, 0, &v); }
void lx_fx_gguf_kv_i8(lx_fx_gguf *w, const char *key, int8_t v) { fx_scalar(w, key, 1, &v); }
void lx_fx_gguf_kv_u16(lx_fx_gguf *w, const char *key, uint16_t v) { fx_scalar(w, key, 2, &v); }
void lx_fx_gguf_kv_i16(lx_fx_gguf *w, const char *key, int16_t v) { fx_scalar(w, key, 3, &v); }
void lx_fx_gguf_kv_i32(lx_fx_gguf *w, const char *key, int32_t v) { fx_scalar(w, key, 5, &v); }
void lx_fx_gguf_kv_f32(lx_fx_gguf *w, const char *key, float v) { fx_scalar(w, key, 6, &v); }
void lx_fx_gguf_kv_u64(lx_fx_gguf *w, const char *key, uint64_t v) { fx_scalar(w, key, 10, &v); }
void lx_fx_gguf_kv_i64(lx_fx_gguf *w, const char *key, int64_t v) { fx_scalar(w, key, 11, &v); }
void lx_fx_gguf_kv_f64(lx_fx_gguf *w, const char *key, double v) { fx_scalar(w, key, 12, &v); }

void lx_fx_gguf_kv_bool(lx_fx_gguf *w, const char *key, bool v)
{
    uint8_t b = v ? 1 : 0;
    fx_scalar(w, key, 7, &b);
}

void lx_fx_gguf_kv_u32(lx_fx_gguf *w, const char *key, uint32_t v)
{
    fx_scalar(w, key, 4, &v);
    if (strcmp(key, "general.alignment") == 0 && v && !(v & (v - 1))) w->align = v;
}

void lx_fx_gguf_kv_str(lx_fx_gguf *w, const char *key, const char *v)
{
    lx_fx_put_str(&w->kv, key);
    lx_fx_put_u32(&w->kv, 8);
    lx_fx_put_str(&w->kv, v);
    w->n_kv++;
}

void lx_fx_gguf_kv_arr(lx_fx_gguf *w, const char *key, uint32_t elem, const void *v, size_t n)
{
    size_t sz = elem < 13 ? FX_SIZE[elem] : 0;
    lx_fx_put_str(&w->kv, key);
    lx_fx_put_u32(&w->kv, 9);
    lx_fx_put_u32(&w->kv, elem);
    lx_fx_put_u64(&w->kv, n);
    for (size_t i = 0; sz && i < n; i++) fx_put_le(&w->kv, (const char *)v + i * sz, sz);
    w->n_kv++;
}

void lx_fx_gguf_kv_arr_str(lx_fx_gguf *w, const char *key, const char *const *v, size_t n)
{
    lx_fx_put_str(&w->kv, key);
    lx_fx_put_u32(&w->kv, 9);
    lx_fx_put_u32(&w->kv, 8);
    lx_fx_put_u64(&w->kv, n);
    for (size_t i = 0; i < n; i++) lx_fx_put_str(&w->kv, v[i]);
    w->n_kv++;
}

/* ------------------------------------------------------------------ tensors */

static uint64_t fx_tensor_bytes(uint32_t ggml_type, int n_dims, const uint64_t *ne)
{
    lx_dtype t;
    uint64_t n = 1, bytes = 0;
    for (int d = 0; d < n_dims; d++) n *= ne[d];
    if (lx_dtype_from_ggml(ggml_type, &t) && lx_dtype_bytes(t, n, &bytes)) return bytes;
    return 0;
}

size_t lx_fx_gguf_tensor_at(lx_fx_gguf *w, const char *name, uint32_t ggml_type, int n_dims,
                            const uint64_t *ne, uint64_t offset)
{
    if (w->n_tensors == w->cap_t) {
        size_t cap = w->cap_t ? w->cap_t * 2 : 16;
        fx_tensor *t = realloc(w->t, cap * sizeof *t);
        if (!t) { w->oom = true; return SIZE_MAX; }
        w->t = t;
        w->cap_t = cap;
    }
    fx_tensor *t = &w->t[w->n_tensors];
    memset(t, 0, sizeof *t);
    t->offset = offset;
    t->bytes = fx_tensor_bytes(ggml_type, n_dims, ne);
    lx_fx_put_str(&w->ti, name);
    lx_fx_put_u32(&w->ti, (uint32_t)n_dims);
    for (int d = 0; d < n_dims; d++) lx_fx_put_u64(&w->ti, ne[d]);
    lx_fx_put_u32(&w->ti, ggml_type);
    lx_fx_put_u64(&w->ti, offset);
    if (offset + t->bytes > w->data_end) w->data_end = offset + t->bytes;
    return (size_t)w->n_tensors++;
}

size_t lx_fx_gguf_tensor(lx_fx_gguf *w, const char *name, uint32_t ggml_type, int n_dims,
                         const uint64_t *ne)
{
    uint64_t off = (w->data_end + w->align - 1) / w->align * w->align;
    return lx_fx_gguf_tensor_at(w, name, ggml_type, n_dims, ne, off);
}

void lx_fx_gguf_tensor_data(lx_fx_gguf *w, size_t idx, const void *p, size_t n)
{
    if (idx >= w->n_tensors) return;
    fx_tensor *t = &w->t[idx];
    free(t->data);
    t->data = malloc(n ? n : 1);
    if (!t->data) { w->oom = true; return; }
    memcpy(t->data, p, n);
    t->data_len = n;
}

/* ------------------------------------------------------------------ hostile overrides */

void lx_fx_gguf_magic(lx_fx_gguf *w, const char magic[4]) { memcpy(w->magic, magic, 4); }

void lx_fx_gguf_set_counts(lx_fx_gguf *w, uint64_t n_tensors, uint64_t n_kv)
{
    w->counts_set = true;
    w->set_n_tensors = n_tensors;
    w->set_n_kv = n_kv;
}

void lx_fx_gguf_raw_kv(lx_fx_gguf *w, const void *bytes, size_t len)
{
    lx_buf_put(&w->kv, bytes, len);
}

void lx_fx_gguf_raw_tensor(lx_fx_gguf *w, const void *bytes, size_t len)
{
    lx_buf_put(&w->ti, bytes, len);
}

void lx_fx_gguf_data_size(lx_fx_gguf *w, uint64_t bytes)
{
    w->data_size_set = true;
    w->data_size = bytes;
}

void lx_fx_gguf_truncate(lx_fx_gguf *w, uint64_t file_size)
{
    w->truncate_set = true;
    w->truncate_to = file_size;
}

/* ------------------------------------------------------------------ writing */

static bool fx_header(const lx_fx_gguf *w, lx_buf *h)
{
    lx_buf_put(h, w->magic, 4);
    lx_fx_put_u32(h, w->version);
    lx_fx_put_u64(h, w->counts_set ? w->set_n_tensors : w->n_tensors);
    lx_fx_put_u64(h, w->counts_set ? w->set_n_kv : w->n_kv);
    lx_buf_put(h, w->kv.data, w->kv.len);
    lx_buf_put(h, w->ti.data, w->ti.len);
    while (h->len % w->align) lx_buf_putc(h, 0);
    return lx_buf_ok(h);
}

static bool fx_write_all(int fd, const void *p, size_t n, off_t at)
{
    const char *c = p;
    while (n) {
        ssize_t k = pwrite(fd, c, n, at);
        if (k < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        c += k;
        n -= (size_t)k;
        at += k;
    }
    return true;
}

static bool fx_write_fd(const lx_fx_gguf *w, int fd, const lx_buf *h)
{
    uint64_t data = w->data_size_set ? w->data_size : w->data_end;
    uint64_t total = w->truncate_set ? w->truncate_to : h->len + data;
    uint64_t hlen = h->len < total ? h->len : total;
    if (!fx_write_all(fd, h->data, (size_t)hlen, 0)) return false;
    if (ftruncate(fd, (off_t)total) != 0) return false;
    for (size_t i = 0; i < w->n_tensors; i++) {
        const fx_tensor *t = &w->t[i];
        uint64_t at = h->len + t->offset;
        if (!t->data_len || at >= total) continue;
        size_t n = at + t->data_len > total ? (size_t)(total - at) : t->data_len;
        if (!fx_write_all(fd, t->data, n, (off_t)at)) return false;
    }
    return true;
}

bool lx_fx_gguf_write(const lx_fx_gguf *w, const char *path)
{
    if (w->oom || !lx_buf_ok(&w->kv) || !lx_buf_ok(&w->ti)) {
        errno = ENOMEM;
        return false;
    }
    lx_buf h;
    lx_buf_init(&h);
    bool ok = fx_header(w, &h);
    int fd = ok ? open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
    ok = fd >= 0 && fx_write_fd(w, fd, &h);
    if (fd >= 0 && close(fd) != 0) ok = false;
    lx_buf_free(&h);
    return ok;
}
