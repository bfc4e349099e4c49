/* read/safetensors — see safetensors.h.
 *
 * Why it is shaped this way:
 *   - Only 8 + N bytes are read (pread), never the data region, so a 16 GB shard costs the
 *     size of its header.
 *   - jansson keeps object keys in document order and rejects duplicate keys in O(1) per key
 *     (JSON_REJECT_DUPLICATES), so duplicate names need no extra pass.
 *   - Offsets are validated by sorting the entries by BEGIN (O(n log n)) and walking once.
 *   - weight_map checks use one sorted copy of the map and a binary search per shard tensor.
 */
#include "read/safetensors.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- files */

/* Opens path as a regular file and reports its size. */
static lx_status st_open(const char *path, int *fd, uint64_t *size, lx_err *err)
{
    *fd = open(path, O_RDONLY);
    if (*fd < 0)
        return lx_err_set(err, LX_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(*fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(*fd);
        *fd = -1;
        return lx_err_set(err, LX_ERR_IO, "%s: not a regular file", path);
    }
    *size = (uint64_t)sb.st_size;
    return LX_OK;
}

/* Reads exactly n bytes at off. */
static lx_status st_pread(int fd, const char *path, void *dst, size_t n, uint64_t off, lx_err *err)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)dst + got, n - got, (off_t)(off + got));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0)
            return lx_err_set(err, LX_ERR_IO, "%s: offset %llu: read failed: %s", path,
                              (unsigned long long)(off + got), r < 0 ? strerror(errno) : "end of file");
        got += (size_t)r;
    }
    return LX_OK;
}

/* Reads a whole (small) file into a malloc'd buffer; its size must be <= max. */
static lx_status st_slurp(const char *path, uint64_t max, char **text, size_t *len, lx_err *err)
{
    int fd;
    uint64_t size = 0;
    if (st_open(path, &fd, &size, err) != LX_OK) return err->code;
    if (size > max) {
        close(fd);
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset 0: file is %llu bytes (expected at most %llu)",
                          path, (unsigned long long)size, (unsigned long long)max);
    }
    *text = malloc((size_t)size + 1);
    if (!*text) {
        close(fd);
        return lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    }
    lx_status s = st_pread(fd, path, *text, (size_t)size, 0, err);
    close(fd);
    (*text)[size] = '\0';
    *len = (size_t)size;
    return s;
}

static void st_count(uint64_t *counter, uint64_t n)
{
    if (counter) *counter += n;
}

/* ---------------------------------------------------------------- JSON and messages */

/* Parses text as JSON; syntax errors name line:col (inside the JSON) and the file offset. */
static json_t *st_json_parse(const char *path, const char *text, size_t len, uint64_t base,
                             const char *expected, lx_err *err)
{
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        lx_err_set(err, LX_ERR_MODEL, "%s: line %d:%d: %s (expected %s; file offset %llu)", path,
                   je.line, je.column, je.text, expected, (unsigned long long)(base + (uint64_t)je.position));
    return root;
}

/* Position of the key "name" (followed by ':') in text, or -1 when it cannot be found
 * literally (names holding quotes, backslashes or control bytes are written escaped). */
static long st_locate(const char *text, size_t len, const char *name)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i < nl; i++)
        if (name[i] == '"' || name[i] == '\\' || (unsigned char)name[i] < 0x20) return -1;
    for (size_t at = 0; at + nl + 2 <= len;) {
        const char *q = memchr(text + at, '"', len - at - nl - 1);
        if (!q) return -1;
        size_t p = (size_t)(q - text);
        size_t e = p + 1 + nl;
        if (memcmp(q + 1, name, nl) == 0 && e < len && text[e] == '"') {
            size_t k = e + 1;
            while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r')) k++;
            if (k < len && text[k] == ':') return (long)p;
        }
        at = p + 1;
    }
    return -1;
}

/* Sets an LX_ERR_MODEL "PATH: offset N: KIND "NAME": <detail>" message, N being the file
 * offset of the tensor's key when it can be located in text (which starts at file offset base). */
static lx_status st_fail(const char *path, const char *text, size_t len, uint64_t base,
                         const char *kind, const char *name, lx_err *err, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

static lx_status st_fail(const char *path, const char *text, size_t len, uint64_t base,
                         const char *kind, const char *name, lx_err *err, const char *fmt, ...)
{
    char detail[400], where[48];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    long pos = text ? st_locate(text, len, name) : -1;
    if (pos >= 0)
        snprintf(where, sizeof where, "offset %llu", (unsigned long long)(base + (uint64_t)pos));
    else
        snprintf(where, sizeof where, "%s", base ? "header" : "index");
    return lx_err_set(err, LX_ERR_MODEL, "%s: %s: %s \"%.200s\": %s", path, where, kind, name, detail);
}

/* Reads a non-negative JSON integer. */
static bool st_uint(const json_t *v, uint64_t *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < 0) return false;
    *out = (uint64_t)json_integer_value(v);
    return true;
}

/* ---------------------------------------------------------------- one header */

/* One parsed header entry. */
typedef struct st_entry {
    lx_tensor t;      /* name borrowed from the JSON document */
    uint64_t begin, end;
} st_entry;

/* What every entry check needs to name its error. */
typedef struct st_hdr {
    const char *path;
    const char *text;
    size_t len;
    uint64_t data_size; /* bytes of the data region */
    lx_err *err;
} st_hdr;

#define ST_FAIL(h, name, ...) st_fail((h)->path, (h)->text, (h)->len, 8, "tensor", (name), (h)->err, __VA_ARGS__)

static lx_status st_entry_dtype(const st_hdr *h, const char *name, const json_t *e, lx_dtype *type)
{
    const json_t *d = json_object_get(e, "dtype");
    if (!json_is_string(d))
        return ST_FAIL(h, name, "field \"dtype\" is %s (expected a dtype string such as \"BF16\")",
                       d ? "not a string" : "missing");
    if (lx_dtype_from_st(json_string_value(d), type)) return LX_OK;
    char known[160] = "";
    for (int t = 0; t < LX_DT_COUNT; t++) {
        const char *st = lx_dtype_get((lx_dtype)t)->st_name;
        if (st && strlen(known) + strlen(st) + 2 < sizeof known)
            strcat(strcat(known, known[0] ? " " : ""), st);
    }
    return ST_FAIL(h, name, "field \"dtype\": unknown dtype \"%.40s\" (expected one of %s)",
                   json_string_value(d), known);
}

/* Fills n_dims, shape and n_elems (overflow-checked). */
static lx_status st_entry_shape(const st_hdr *h, const char *name, const json_t *e, lx_tensor *t)
{
    const json_t *s = json_object_get(e, "shape");
    if (!json_is_array(s))
        return ST_FAIL(h, name, "field \"shape\" is %s (expected an array of integers)",
                       s ? "not an array" : "missing");
    size_t n = json_array_size(s);
    if (n > LX_MAX_DIMS)
        return ST_FAIL(h, name, "field \"shape\" has %zu dimensions (expected at most %d)", n, LX_MAX_DIMS);
    t->n_dims = (int)n;
    t->n_elems = 1;
    for (size_t i = 0; i < n; i++) {
        if (!st_uint(json_array_get(s, i), &t->shape[i]))
            return ST_FAIL(h, name, "field \"shape\"[%zu] is not a non-negative integer "
                           "(expected a dimension >= 0)", i);
        if (__builtin_mul_overflow(t->n_elems, t->shape[i], &t->n_elems))
            return ST_FAIL(h, name, "field \"shape\": element count overflows 64 bits (expected a "
                           "product of dimensions < 2^64)");
    }
    return LX_OK;
}

static lx_status st_entry_offsets(const st_hdr *h, const char *name, const json_t *e, st_entry *out)
{
    const json_t *o = json_object_get(e, "data_offsets");
    if (!json_is_array(o) || json_array_size(o) != 2 || !st_uint(json_array_get(o, 0), &out->begin) ||
        !st_uint(json_array_get(o, 1), &out->end))
        return ST_FAIL(h, name, "field \"data_offsets\" is %s (expected [BEGIN, END], two non-negative "
                       "integers)", o ? "malformed" : "missing");
    if (out->begin > out->end)
        return ST_FAIL(h, name, "field \"data_offsets\" [%llu, %llu] ends before it begins "
                       "(expected BEGIN <= END)", (unsigned long long)out->begin, (unsigned long long)out->end);
    return LX_OK;
}

/* Parses and checks one tensor entry (everything that does not involve its neighbours). */
static lx_status st_entry_parse(const st_hdr *h, const char *name, const json_t *e, st_entry *out)
{
    memset(out, 0, sizeof *out);
    out->t.name = (char *)name;
    if (!json_is_object(e))
        return ST_FAIL(h, name, "entry is not an object (expected {\"dtype\", \"shape\", \"data_offsets\"})");
    if (st_entry_dtype(h, name, e, &out->t.type) || st_entry_shape(h, name, e, &out->t) ||
        st_entry_offsets(h, name, e, out))
        return h->err->code;
    if (!lx_dtype_bytes(out->t.type, out->t.n_elems, &out->t.n_bytes))
        return ST_FAIL(h, name, "field \"shape\": %llu elements of %s overflow a 64-bit byte count "
                       "(expected at most 2^64 - 1 bytes)",
                       (unsigned long long)out->t.n_elems, lx_dtype_get(out->t.type)->st_name);
    if (out->t.n_bytes != out->end - out->begin)
        return ST_FAIL(h, name, "field \"data_offsets\" [%llu, %llu] spans %llu bytes (expected %llu = "
                       "%llu elements of %s)", (unsigned long long)out->begin, (unsigned long long)out->end,
                       (unsigned long long)(out->end - out->begin), (unsigned long long)out->t.n_bytes,
                       (unsigned long long)out->t.n_elems, lx_dtype_get(out->t.type)->st_name);
    return LX_OK;
}

static lx_status st_check_metadata(const st_hdr *h, const json_t *m)
{
    if (!json_is_object(m))
        return st_fail(h->path, h->text, h->len, 8, "key", "__metadata__", h->err,
                       "is not an object (expected {\"key\": \"string\", ...})");
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)m, k, v)
        if (!json_is_string(v))
            return st_fail(h->path, h->text, h->len, 8, "key", "__metadata__", h->err,
                           "value of \"%.100s\" is not a string (expected string values only)", k);
    return LX_OK;
}

static int st_entry_cmp(const void *a, const void *b)
{
    const st_entry *x = a, *y = b;
    if (x->begin != y->begin) return x->begin < y->begin ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return strcmp(x->t.name, y->t.name);
}

/* Entries sorted by BEGIN must tile [0, max END) with no gap or overlap inside the data region. */
static lx_status st_check_layout(const st_hdr *h, const st_entry *v, size_t n)
{
    uint64_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].begin != at)
            return ST_FAIL(h, v[i].t.name, "field \"data_offsets\" begins at %llu (expected %llu: tensors "
                           "must be contiguous from 0 without %s)", (unsigned long long)v[i].begin,
                           (unsigned long long)at, v[i].begin < at ? "overlap" : "gaps");
        at = v[i].end;
        if (at > h->data_size)
            return ST_FAIL(h, v[i].t.name, "field \"data_offsets\" ends at %llu, past the end of the file "
                           "(expected <= %llu, the data region's size)", (unsigned long long)at,
                           (unsigned long long)h->data_size);
    }
    return LX_OK;
}

/* Parses the header JSON, validates every entry and appends the tensors in data order. */
static lx_status st_parse_header(const st_hdr *h, int file_index, lx_tensors *out)
{
    json_t *root = st_json_parse(h->path, h->text, h->len, 8, "a JSON object of tensor entries", h->err);
    if (!root) return h->err->code;
    st_entry *v = NULL;
    size_t n = 0;
    if (!json_is_object(root)) {
        lx_err_set(h->err, LX_ERR_MODEL, "%s: offset 8: header is not a JSON object (expected "
                   "{\"TENSOR\": {...}, ...})", h->path);
    } else if (json_object_size(root) && !(v = calloc(json_object_size(root), sizeof *v))) {
        lx_err_set(h->err, LX_ERR_IO, "%s: out of memory", h->path);
    } else {
        const char *k;
        json_t *e;
        json_object_foreach(root, k, e) {
            lx_status s = strcmp(k, "__metadata__") == 0 ? st_check_metadata(h, e)
                                                         : st_entry_parse(h, k, e, &v[n++]);
            if (s != LX_OK) break;
        }
    }
    if (!lx_err_failed(h->err) && n) {
        qsort(v, n, sizeof *v, st_entry_cmp);
        st_check_layout(h, v, n);
    }
    for (size_t i = 0; i < n && !lx_err_failed(h->err); i++) {
        v[i].t.offset = 8 + h->len + v[i].begin;
        v[i].t.file = file_index;
        if (!lx_tensors_push(out, &v[i].t)) lx_err_set(h->err, LX_ERR_IO, "%s: out of memory", h->path);
    }
    free(v);
    json_decref(root);
    return h->err->code;
}

lx_status lx_st_header_len(const char *path, const uint8_t le[8], uint64_t size, uint64_t *n, lx_err *err)
{
    *n = 0;
    for (int i = 7; i >= 0; i--) *n = (*n << 8) | le[i];
    if (*n > LX_ST_MAX_HEADER)
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset 0: header length %llu is too large (expected at "
                          "most %llu)", path, (unsigned long long)*n, LX_ST_MAX_HEADER);
    if (*n > size - 8)
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset 0: header length %llu runs past the end of the "
                          "file (expected at most %llu, the bytes after the length)", path,
                          (unsigned long long)*n, (unsigned long long)(size - 8));
    return LX_OK;
}

/* Reads the length prefix and the header bytes; *text is malloc'd (NUL-terminated). */
static lx_status st_load_header(int fd, const char *path, uint64_t size, char **text, uint64_t *n, lx_err *err)
{
    unsigned char le[8];
    if (size < 8)
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset 0: file is %llu bytes, too short for the 8-byte "
                          "header length (expected at least 8 bytes)", path, (unsigned long long)size);
    if (st_pread(fd, path, le, 8, 0, err) != LX_OK) return err->code;
    if (lx_st_header_len(path, le, size, n, err) != LX_OK) return err->code;
    if (!(*text = malloc((size_t)*n + 1))) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    (*text)[*n] = '\0';
    return st_pread(fd, path, *text, (size_t)*n, 8, err);
}

/* lx_st_read_file that also hands back the header text (*text, *n; the caller frees it). */
static lx_status st_read_file_text(const char *path, int file_index, lx_tensors *out, uint64_t *file_bytes,
                                   uint64_t *header_bytes, char **text, uint64_t *n, lx_err *err)
{
    int fd;
    uint64_t size = 0;
    *text = NULL;
    *n = 0;
    if (st_open(path, &fd, &size, err) != LX_OK) return err->code;
    lx_status s = st_load_header(fd, path, size, text, n, err);
    close(fd);
    if (s == LX_OK) {
        st_hdr h = { path, *text, (size_t)*n, size - 8 - *n, err };
        s = st_parse_header(&h, file_index, out);
    }
    if (s == LX_OK) {
        st_count(file_bytes, size);
        st_count(header_bytes, 8 + *n);
    }
    return s;
}

lx_status lx_st_parse_header(const char *path, const char *text, uint64_t n, uint64_t file_size,
                             int file_index, lx_tensors *out, lx_err *err)
{
    st_hdr h = { path, text, (size_t)n, file_size - 8 - n, err };
    return st_parse_header(&h, file_index, out);
}

lx_status lx_st_read_file(const char *path, int file_index, lx_tensors *out,
                          uint64_t *file_bytes, uint64_t *header_bytes, lx_err *err)
{
    char *text;
    uint64_t n;
    lx_status s = st_read_file_text(path, file_index, out, file_bytes, header_bytes, &text, &n, err);
    free(text);
    return s;
}

/* ---------------------------------------------------------------- index */

/* A weight_map value must name a file beside the index. */
static bool st_plain_name(const char *s)
{
    return s[0] && strcmp(s, ".") != 0 && strcmp(s, "..") != 0 && !strchr(s, '/') && !strchr(s, '\\');
}

static int st_str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Builds idx->files: distinct shard names, sorted. */
static lx_status st_index_files(const char *path, lx_st_index *idx, char **shard_of, lx_err *err)
{
    char **s = malloc((idx->n_names ? idx->n_names : 1) * sizeof *s);
    if (!s) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    memcpy(s, shard_of, idx->n_names * sizeof *s);
    qsort(s, idx->n_names, sizeof *s, st_str_cmp);
    idx->files = malloc((idx->n_names ? idx->n_names : 1) * sizeof *idx->files);
    if (!idx->files) {
        free(s);
        return lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    }
    bool oom = false;
    for (size_t i = 0; i < idx->n_names && !oom; i++) {
        if (i && strcmp(s[i], s[i - 1]) == 0) continue;
        oom = !(idx->files[idx->n_files] = strdup(s[i]));
        idx->n_files += !oom;
    }
    free(s);
    return oom ? lx_err_set(err, LX_ERR_IO, "%s: out of memory", path) : LX_OK;
}

/* Fills name_file by binary search of each name's shard in the sorted file list. */
static void st_index_link(lx_st_index *idx, char **shard_of)
{
    for (size_t i = 0; i < idx->n_names; i++) {
        char **f = bsearch(&shard_of[i], idx->files, idx->n_files, sizeof *idx->files, st_str_cmp);
        idx->name_file[i] = f ? (int)(f - idx->files) : -1;
    }
}

/* Reads metadata.total_size when it is a non-negative integer (or an integral real). */
static void st_index_total(lx_st_index *idx, const json_t *root)
{
    const json_t *t = json_object_get(json_object_get(root, "metadata"), "total_size");
    if (st_uint(t, &idx->total_size)) {
        idx->has_total_size = true;
    } else if (json_is_real(t) && json_real_value(t) >= 0 && json_real_value(t) < 1.8e19 &&
               json_real_value(t) == (double)(uint64_t)json_real_value(t)) {
        idx->total_size = (uint64_t)json_real_value(t);
        idx->has_total_size = true;
    } else if (t) {
        idx->bad_total_size = true; /* reported by model/shipped: the bytes are then not checked */
    }
}

/* Collects names and shard names from weight_map; checks shard names are plain. */
static lx_status st_index_names(const char *path, const char *text, size_t len, const json_t *map,
                                lx_st_index *idx, char **shard_of, lx_err *err)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)map, k, v) {
        const char *f = json_string_value(v);
        if (!f)
            return st_fail(path, text, len, 0, "tensor", k, err, "weight_map value is not a string (expected a "
                           "shard file name)");
        if (!st_plain_name(f))
            return st_fail(path, text, len, 0, "tensor", k, err, "weight_map shard \"%.200s\" is not a plain file name "
                           "(expected a name without '/', '\\' or \"..\", in the index's folder)", f);
        shard_of[idx->n_names] = (char *)f;
        if (!(idx->names[idx->n_names] = strdup(k))) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
        idx->n_names++;
    }
    return LX_OK;
}

static lx_status st_index_dir(const char *path, lx_st_index *idx, lx_err *err)
{
    const char *slash = strrchr(path, '/');
    idx->dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
    return idx->dir ? LX_OK : lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
}

static void st_index_stat(lx_st_index *idx)
{
    for (size_t i = 0; i < idx->n_files; i++) {
        char *p = lx_st_index_shard_path(idx, i);
        struct stat sb;
        idx->file_missing[i] = p && stat(p, &sb) != 0 && errno == ENOENT;
        idx->n_missing += idx->file_missing[i];
        free(p);
    }
}

/* "PATH: line L:C: WHAT" at the index's "weight_map" key, or at the top-level object's
 * brace when the key is absent (or cannot be found literally). */
static lx_status st_index_fail(const char *path, const char *text, size_t len, lx_err *err, const char *what)
{
    long pos = st_locate(text, len, "weight_map");
    size_t at = 0;
    while (at < len && strchr(" \t\r\n", text[at])) at++;
    if (pos >= 0) at = (size_t)pos;
    int line = 1;
    size_t start = 0;
    for (size_t i = 0; i < at; i++)
        if (text[i] == '\n') line++, start = i + 1;
    return lx_err_set(err, LX_ERR_MODEL, "%s: line %d:%zu: %s", path, line, at - start + 1, what);
}

/* Everything after the JSON is parsed. */
static lx_status st_index_build(const char *path, const char *text, size_t len, const json_t *root,
                                lx_st_index *idx, lx_err *err)
{
    const json_t *map = json_object_get(root, "weight_map");
    if (!json_is_object(map))
        return st_index_fail(path, text, len, err, map ? "\"weight_map\" is not an object (expected an object "
                             "mapping tensor names to shard files)" : "\"weight_map\" is missing (expected an "
                             "object mapping tensor names to shard files)");
    size_t n = json_object_size(map);
    if (n == 0)
        return st_index_fail(path, text, len, err, "\"weight_map\" is empty (expected at least one tensor)");
    char **shard_of = malloc((n ? n : 1) * sizeof *shard_of);
    idx->names = calloc(n ? n : 1, sizeof *idx->names);
    idx->name_file = calloc(n ? n : 1, sizeof *idx->name_file);
    if (!shard_of || !idx->names || !idx->name_file)
        lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    else if (st_index_names(path, text, len, map, idx, shard_of, err) == LX_OK &&
             st_index_files(path, idx, shard_of, err) == LX_OK) {
        st_index_link(idx, shard_of);
        idx->file_missing = calloc(idx->n_files ? idx->n_files : 1, sizeof *idx->file_missing);
        if (!idx->file_missing)
            lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
        st_index_total(idx, root);
        st_index_dir(path, idx, err);
    }
    free(shard_of);
    return err->code;
}

lx_status lx_st_index_parse(const char *path, const char *text, size_t len, lx_st_index *idx, lx_err *err)
{
    memset(idx, 0, sizeof *idx);
    idx->index_bytes = len;
    json_t *root = st_json_parse(path, text, len, 0, "a safetensors index object", err);
    if (root && !json_is_object(root))
        lx_err_set(err, LX_ERR_MODEL, "%s: line 1:1: index is not a JSON object (expected "
                   "{\"metadata\": ..., \"weight_map\": ...})", path);
    if (!lx_err_failed(err)) st_index_build(path, text, len, root, idx, err);
    json_decref(root);
    if (lx_err_failed(err)) lx_st_index_free(idx);
    return err->code;
}

lx_status lx_st_index_load(const char *index_json_path, lx_st_index *idx, lx_err *err)
{
    memset(idx, 0, sizeof *idx);
    char *text = NULL;
    size_t len = 0;
    if (st_slurp(index_json_path, LX_ST_MAX_INDEX, &text, &len, err) == LX_OK &&
        lx_st_index_parse(index_json_path, text, len, idx, err) == LX_OK)
        st_index_stat(idx);
    free(text);
    return err->code;
}

void lx_st_index_free(lx_st_index *idx)
{
    for (size_t i = 0; idx->names && i < idx->n_names; i++) free(idx->names[i]);
    for (size_t i = 0; idx->files && i < idx->n_files; i++) free(idx->files[i]);
    free(idx->names);
    free(idx->files);
    free(idx->name_file);
    free(idx->file_missing);
    free(idx->dir);
    memset(idx, 0, sizeof *idx);
}

char *lx_st_index_shard_path(const lx_st_index *idx, size_t i)
{
    if (i >= idx->n_files) return NULL;
    size_t n = strlen(idx->dir) + strlen(idx->files[i]) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", idx->dir, idx->files[i]);
    return p;
}

/* ---------------------------------------------------------------- shards against weight_map */

/* A name -> shard pair of the weight_map, sorted by name for lookups. */
typedef struct st_pair {
    const char *name;
    int file;
} st_pair;

static int st_pair_cmp(const void *a, const void *b)
{
    return strcmp(((const st_pair *)a)->name, ((const st_pair *)b)->name);
}

/* First name mapped to shard `file` that is not among tensors [from, n) of out, or NULL.
 * Error path only; sorts the shard's names once so it stays O(n log n). */
static const char *st_find_absent(const lx_st_index *idx, const lx_tensors *out, size_t from, int file)
{
    size_t k = out->n - from;
    const char **have = malloc((k ? k : 1) * sizeof *have);
    if (!have) return NULL;
    for (size_t i = 0; i < k; i++) have[i] = out->v[from + i].name;
    qsort(have, k, sizeof *have, st_str_cmp);
    const char *absent = NULL;
    for (size_t i = 0; i < idx->n_names && !absent; i++)
        if (idx->name_file[i] == file && !bsearch(&idx->names[i], have, k, sizeof *have, st_str_cmp))
            absent = idx->names[i];
    free(have);
    return absent;
}

/* A shard as read: its path and header text (the JSON, which starts at file offset 8). */
typedef struct st_shard {
    const char *path, *text;
    size_t len;
} st_shard;

/* Every tensor read from shard `file` (tensors [from, n) of out) must be mapped to that shard;
 * the map's count for the shard (want) must then equal the number read (names within one file
 * are unique, so equal counts mean equal sets). A tensor the map places elsewhere is named at
 * its key in the shard's header; one the header lacks, at the header's start (offset 8). */
static lx_status st_check_shard(const lx_st_index *idx, const st_pair *map, const lx_tensors *out,
                                size_t from, int file, size_t want, const st_shard *sh, lx_err *err)
{
    for (size_t i = from; i < out->n; i++) {
        st_pair key = { out->v[i].name, 0 };
        const st_pair *p = bsearch(&key, map, idx->n_names, sizeof *map, st_pair_cmp);
        if (!p || p->file != file)
            return st_fail(sh->path, sh->text, sh->len, 8, "tensor", out->v[i].name, err, "it is in this shard "
                           "but the index's weight_map %s%.200s%s (expected the weight_map to list every tensor "
                           "of every shard)", p ? "puts it in \"" : "does not list it",
                           p ? idx->files[p->file] : "", p ? "\"" : "");
    }
    if (want == out->n - from) return LX_OK;
    const char *absent = st_find_absent(idx, out, from, file);
    return lx_err_set(err, LX_ERR_MODEL, "%s: offset 8: tensor \"%.200s\" listed in the index's weight_map is "
                      "not in this shard's header (expected every listed tensor in its shard)", sh->path,
                      absent ? absent : "?");
}

/* Shard i from memory (hdr), checked against the map. */
static lx_status st_mem_shard(const lx_st_index *idx, const st_pair *map, size_t i, size_t want,
                              const lx_st_shard_hdr *hdr, lx_tensors *out, lx_err *err)
{
    size_t from = out->n;
    if (lx_st_parse_header(hdr->path, hdr->text, hdr->n, hdr->file_size, (int)i, out, err) == LX_OK) {
        st_shard sh = { hdr->path, hdr->text, (size_t)hdr->n };
        st_check_shard(idx, map, out, from, (int)i, want, &sh, err);
    }
    return err->code;
}

static lx_status st_read_shard(const lx_st_index *idx, const st_pair *map, size_t i, size_t want,
                               lx_tensors *out, uint64_t *file_bytes, uint64_t *header_bytes, lx_err *err)
{
    char *p = lx_st_index_shard_path(idx, i);
    if (!p) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", idx->files[i]);
    size_t from = out->n;
    char *text;
    uint64_t n;
    if (st_read_file_text(p, (int)i, out, file_bytes, header_bytes, &text, &n, err) == LX_OK) {
        st_shard sh = { p, text, (size_t)n };
        st_check_shard(idx, map, out, from, (int)i, want, &sh, err);
    }
    free(text);
    free(p);
    return err->code;
}

/* Shards read from disk (hdrs NULL) or given in memory (hdrs[i] for shard i). */
static lx_status st_shards(const lx_st_index *idx, const lx_st_shard_hdr *hdrs, lx_tensors *out,
                           uint64_t *file_bytes, uint64_t *header_bytes, lx_err *err)
{
    st_pair *map = malloc((idx->n_names ? idx->n_names : 1) * sizeof *map);
    size_t *want = calloc(idx->n_files ? idx->n_files : 1, sizeof *want);
    if (!map || !want) lx_err_set(err, LX_ERR_IO, "%s: out of memory", idx->dir);
    for (size_t i = 0; i < idx->n_names && !lx_err_failed(err); i++) {
        map[i] = (st_pair){ idx->names[i], idx->name_file[i] };
        want[idx->name_file[i]]++;
    }
    if (!lx_err_failed(err)) qsort(map, idx->n_names, sizeof *map, st_pair_cmp);
    for (size_t i = 0; i < idx->n_files && !lx_err_failed(err); i++) {
        if (hdrs) st_mem_shard(idx, map, i, want[i], &hdrs[i], out, err);
        else st_read_shard(idx, map, i, want[i], out, file_bytes, header_bytes, err);
    }
    free(map);
    free(want);
    return err->code;
}

lx_status lx_st_read_shards(const lx_st_index *idx, lx_tensors *out, uint64_t *file_bytes,
                            uint64_t *header_bytes, lx_err *err)
{
    return st_shards(idx, NULL, out, file_bytes, header_bytes, err);
}

lx_status lx_st_parse_shards(const lx_st_index *idx, const lx_st_shard_hdr *hdrs, lx_tensors *out, lx_err *err)
{
    return st_shards(idx, hdrs, out, NULL, NULL, err);
}

lx_status lx_st_read_index(const char *index_json_path, lx_tensors *out, uint64_t *file_bytes,
                           uint64_t *header_bytes, bool *shards_missing, lx_err *err)
{
    lx_st_index idx;
    if (lx_st_index_load(index_json_path, &idx, err) != LX_OK) return err->code;
    st_count(file_bytes, idx.index_bytes);
    st_count(header_bytes, idx.index_bytes);
    if (shards_missing) *shards_missing = idx.n_missing > 0;
    if (idx.n_missing == 0) lx_st_read_shards(&idx, out, file_bytes, header_bytes, err);
    lx_st_index_free(&idx);
    return err->code;
}
