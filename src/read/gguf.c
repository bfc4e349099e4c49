/* read/gguf — see gguf.h.
 *
 * Implementation notes
 * - Each file is mapped read-only (MAP_PRIVATE) once, at open; the header is parsed straight
 *   from the mapping, so only the header's pages are ever touched until tensor data is asked
 *   for, and lx_gguf_tensor_data hands out pointers into the same mapping.
 * - Nothing big is copied: keys, tensor names and scalar strings are copied (they are few);
 *   arrays are kept as (element type, count, file offset). A string array gets an index
 *   (NUL-terminated copies + offsets) only when lx_gguf_arr_str is first called for it, so a
 *   405B-sized vocabulary + merges costs nothing for callers that only draw the model.
 *   That first call mutates the handle: do not make it from two threads at once.
 * - Every count and length is checked against the bytes that remain before it is used;
 *   64-bit arithmetic is checked. Keys and tensor names go through a hash set, so
 *   uniqueness checks stay linear however many entries a hostile file declares.
 * - Split models ("NAME-00002-of-00005.gguf"): the opened shard is parsed first; when its
 *   split.count says there is more than one shard, everything is parsed again shard by shard
 *   in order (cheap: headers only), tensors merged, keys taken from shard 1.
 */
#include "read/gguf.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
    GG_MAX_DEPTH = 8,       /* arrays of arrays, nested at most this deep */
    GG_DEFAULT_ALIGN = 32,
    GG_MAX_NAME = 64,       /* tensor names: at most 64 bytes (GGUF spec) */
    GG_MAX_KEY = 65535,     /* keys: at most 2^16-1 bytes (GGUF spec) */
    GG_MIN_KV = 8 + 1 + 4 + 1,            /* key length + 1 key byte + type + 1-byte value */
    GG_MIN_TENSOR = 8 + 1 + 4 + 8 + 4 + 8 /* name + n_dims + one ne + type + offset */
};

/* ------------------------------------------------------------------ name set */

typedef struct gg_slot { const char *s; size_t idx; } gg_slot;
/* Open addressing, cap 2^k. The hash is keyed by a random per-set seed and finished with an
 * avalanche step, so a file cannot be built whose names collide (that made a 2.3 MB header of
 * colliding keys take ~20 s); the seed changes no output, only where names sit in the table. */
typedef struct gg_set { gg_slot *v; size_t cap, n; uint64_t seed; } gg_set;

static uint64_t gg_hash(const char *s, uint64_t seed)
{
    uint64_t h = 1469598103934665603ULL ^ seed; /* FNV-1a from a secret start */
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 1099511628211ULL;
    h ^= h >> 33; /* murmur3's 64-bit finaliser: every input bit reaches the low bits */
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

static uint64_t gg_seed(const void *where)
{
    uint64_t seed = 0;
    if (getentropy(&seed, sizeof seed) != 0) seed = (uint64_t)(uintptr_t)where ^ (uint64_t)time(NULL);
    return seed;
}

static size_t gg_set_find(const gg_set *set, const char *s)
{
    if (!set->cap) return SIZE_MAX;
    for (size_t i = gg_hash(s, set->seed) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
        if (!set->v[i].s) return SIZE_MAX;
        if (strcmp(set->v[i].s, s) == 0) return set->v[i].idx;
    }
}

static void gg_set_put(gg_slot *v, size_t cap, uint64_t seed, gg_slot e)
{
    size_t i = gg_hash(e.s, seed) & (cap - 1);
    while (v[i].s) i = (i + 1) & (cap - 1);
    v[i] = e;
}

/* Adds s (not copied: it must outlive the set) unless present. False on OOM. */
static bool gg_set_add(gg_set *set, const char *s, size_t idx)
{
    if (!set->cap) set->seed = gg_seed(set);
    if ((set->n + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        gg_slot *v = calloc(cap, sizeof *v);
        if (!v) return false;
        for (size_t i = 0; i < set->cap; i++)
            if (set->v[i].s) gg_set_put(v, cap, set->seed, set->v[i]);
        free(set->v);
        set->v = v;
        set->cap = cap;
    }
    gg_set_put(set->v, set->cap, set->seed, (gg_slot){ s, idx });
    set->n++;
    return true;
}

/* ------------------------------------------------------------------ data model */

typedef struct gg_stridx { char *arena; uint64_t *off; } gg_stridx;

typedef struct gg_kv {
    char *key;
    lx_gguf_type type;
    uint64_t at; /* file offset of the value */
    union { uint64_t u; int64_t i; double f; } v; /* scalars (bool in u) */
    char *str;          /* LX_GGUF_STRING: NUL-terminated copy */
    lx_gguf_type elem;  /* LX_GGUF_ARRAY: element type, count, offset of element 0 */
    uint64_t n, data;
    gg_stridx *sidx;    /* string arrays: built on first lx_gguf_arr_str */
} gg_kv;

typedef struct gg_file {
    char *path;
    const uint8_t *map;   /* the file mapped, or (heap) a copy of its first avail bytes */
    uint64_t size;        /* bytes of the whole file */
    uint64_t avail, span; /* bytes present in map; bytes the header may span (<= size) */
    bool heap;            /* map is malloc'd (lx_gguf_open_mem), not mapped */
    uint32_t version, alignment;
    uint64_t header_size; /* start of the data section */
    gg_kv *kv;
    size_t n_kv, cap_kv;
    gg_set keys;
} gg_file;

struct lx_gguf {
    gg_file *files;
    size_t n_files;
    lx_tensors tensors;
    gg_set names;
};

static const uint8_t GG_SIZE[LX_GGUF_TYPE_COUNT] = { 1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8 };
static const char *const GG_TYPE_NAME[LX_GGUF_TYPE_COUNT] = {
    "uint8", "int8", "uint16", "int16", "uint32", "int32", "float32", "bool", "string", "array",
    "uint64", "int64", "float64"
};

const char *lx_gguf_type_name(lx_gguf_type t)
{
    return (unsigned)t < LX_GGUF_TYPE_COUNT ? GG_TYPE_NAME[t] : "?";
}

/* ------------------------------------------------------------------ reader */

typedef struct gg_rd {
    const uint8_t *p;
    uint64_t size, pos; /* size: bytes the header may span (counts are checked against it) */
    uint64_t avail;     /* bytes present at p (= size for a mapped file) */
    uint64_t *more;     /* set when a read needs bytes past avail (lx_gguf_open_mem) */
    uint64_t tail;      /* at least this many header bytes follow the current key/value */
    bool capped;        /* size is the caller's cap, below the file's size */
    uint64_t last_mean; /* bytes per element of the last string array read (0: none yet) */
    const char *path;
    lx_err *err;
    char ctx[160]; /* what is being read: "kv 3 \"general.name\"", "tensor 7 \"output.weight\"" */
} gg_rd;

static uint64_t gg_le(const uint8_t *p, int n)
{
    uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n == 8) { /* one load (the byte loop is not merged into one by the compiler) */
        memcpy(&v, p, 8);
        return v;
    }
#endif
    for (int i = n - 1; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

/* "PATH: offset AT: CTX FIELD: what is wrong (expected ...)"; always returns false. */
__attribute__((format(printf, 4, 5)))
static bool gg_fail(gg_rd *r, uint64_t at, const char *field, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    lx_err_set(r->err, LX_ERR_MODEL, "%s: offset %" PRIu64 ": %s%s%s: %s", r->path, at, r->ctx,
               r->ctx[0] && field[0] ? " " : "", field, what);
    return false;
}

static uint64_t gg_left(const gg_rd *r) { return r->size - r->pos; }

/* The bytes up to `end` are not present (only a prefix of the file is): records how far the
 * header reaches at least, for the caller to fetch more and parse again. */
static bool gg_short(gg_rd *r, uint64_t end)
{
    if (r->more) *r->more = end + r->tail < end ? UINT64_MAX : end + r->tail;
    lx_err_set(r->err, LX_ERR_IO, "%s: offset %" PRIu64 ": the header continues past the %" PRIu64
               " bytes read (expected at least %" PRIu64 ")", r->path, r->pos, r->avail, end);
    return false;
}

/* A count or length runs past size: when size is only the caller's cap, that is "the header
 * is larger than the cap" (reported as needing more than it), not a corrupt file. */
static bool gg_capped(gg_rd *r)
{
    return r->capped && !gg_short(r, UINT64_MAX);
}

/* n more bytes at pos are present (only fails for a partial buffer). */
static bool gg_have(gg_rd *r, uint64_t n)
{
    return n <= r->avail - r->pos ? true : gg_short(r, r->pos + n);
}

static bool gg_need(gg_rd *r, uint64_t n, const char *field)
{
    if (n <= gg_left(r)) return gg_have(r, n);
    if (gg_capped(r)) return false;
    return gg_fail(r, r->pos, field,
                   "needs %" PRIu64 " bytes but only %" PRIu64 " remain (expected a complete "
                   "header; the file is truncated)", n, gg_left(r));
}

static bool gg_u32(gg_rd *r, const char *field, uint32_t *v)
{
    if (!gg_need(r, 4, field)) return false;
    *v = (uint32_t)gg_le(r->p + r->pos, 4);
    r->pos += 4;
    return true;
}

static bool gg_u64(gg_rd *r, const char *field, uint64_t *v)
{
    if (!gg_need(r, 8, field)) return false;
    *v = gg_le(r->p + r->pos, 8);
    r->pos += 8;
    return true;
}

/* A gguf string: u64 length, bytes. Leaves its offset and length. */
static bool gg_str(gg_rd *r, const char *field, uint64_t *off, uint64_t *len)
{
    uint64_t at = r->pos;
    if (!gg_u64(r, field, len)) return false;
    if (*len > gg_left(r) && gg_capped(r)) return false;
    if (*len > gg_left(r))
        return gg_fail(r, at, field, "string length %" PRIu64 " exceeds the %" PRIu64
                       " bytes that remain (expected at most %" PRIu64 "; the file is truncated "
                       "or corrupt)", *len, gg_left(r), gg_left(r));
    if (!gg_have(r, *len)) return false;
    *off = r->pos;
    r->pos += *len;
    return true;
}

static char *gg_dup(const uint8_t *p, uint64_t len)
{
    char *s = malloc((size_t)len + 1);
    if (!s) return NULL;
    memcpy(s, p, (size_t)len);
    s[len] = '\0';
    return s;
}

/* Quotes hostile bytes for a message: printable ASCII kept, others \xNN, long names cut. */
static void gg_quote(char *out, size_t cap, const uint8_t *s, uint64_t len)
{
    size_t o = 0;
    out[o++] = '"';
    for (uint64_t i = 0; i < len && o + 8 < cap; i++) {
        if (i == 48) { o += (size_t)snprintf(out + o, cap - o, "..."); break; }
        uint8_t c = s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') out[o++] = (char)c;
        else o += (size_t)snprintf(out + o, cap - o, "\\x%02X", c);
    }
    out[o++] = '"';
    out[o] = '\0';
}

static bool gg_oom(gg_rd *r)
{
    lx_err_set(r->err, LX_ERR_IO, "%s: out of memory while reading the header", r->path);
    return false;
}

/* ------------------------------------------------------------------ values */

static bool gg_known_type(gg_rd *r, uint64_t at, const char *field, uint32_t t)
{
    if (t < LX_GGUF_TYPE_COUNT) return true;
    return gg_fail(r, at, field, "%" PRIu32 " is not a GGUF value type (expected 0-12)", t);
}

static bool gg_check_bools(gg_rd *r, uint64_t n, const char *field)
{
    const uint8_t *b = r->p + r->pos;
    for (uint64_t i = 0; i < n; i++)
        if (b[i] > 1)
            return gg_fail(r, r->pos + i, field, "bool byte %u at element %" PRIu64
                           " (expected 0 or 1)", b[i], i);
    return true;
}

/* A partial buffer ends inside a string array, at element i of n that began at start: the
 * array's end estimated from the mean element so far, or before any, that of the last string
 * array (a tokenizer's merges are about as long as its tokens); saturating. */
static bool gg_short_strings(gg_rd *r, uint64_t start, uint64_t i, uint64_t n)
{
    uint64_t mean = i ? (r->pos - start) / i : r->last_mean > 8 ? r->last_mean : 8, left = n - i;
    uint64_t est = mean && left > (UINT64_MAX - r->pos) / mean ? UINT64_MAX : r->pos + left * mean;
    return gg_short(r, est > r->pos + 8 ? est : r->pos + 8);
}

/* Skips n strings, checking each length against what remains. */
static bool gg_skip_strings(gg_rd *r, uint64_t n)
{
    uint64_t start = r->pos, i = 0;
    if (r->avail == r->size) { /* the whole header is here: the common case, kept tight */
        const uint8_t *p = r->p;
        uint64_t pos = r->pos, end = r->size;
        for (; i < n && end - pos >= 8; i++) {
            uint64_t len = gg_le(p + pos, 8);
            if (len > end - pos - 8) break;
            pos += 8 + len;
        }
        r->pos = pos;
    }
    for (; i < n; i++) {
        uint64_t have = r->avail - r->pos, len = have < 8 ? 0 : gg_le(r->p + r->pos, 8);
        if (r->avail < r->size && (have < 8 || len > have - 8) && (have < 8 || len <= gg_left(r) - 8))
            return gg_short_strings(r, start, i, n);
        if (have < 8 || len > have - 8) {
            char f[48];
            snprintf(f, sizeof f, "string element %" PRIu64, i);
            uint64_t off = 0, len = 0;
            return gg_str(r, f, &off, &len); /* reports the precise problem */
        }
        r->pos += 8 + len;
    }
    if (n) r->last_mean = (r->pos - start) / n;
    return true;
}

static bool gg_skip_array(gg_rd *r, int depth, lx_gguf_type *elem, uint64_t *n, uint64_t *data);

static bool gg_skip_elems(gg_rd *r, int depth, lx_gguf_type elem, uint64_t n)
{
    uint64_t left = gg_left(r);
    if (elem == LX_GGUF_STRING) {
        if (n > left / 8 && gg_capped(r)) return false;
        if (n > left / 8)
            return gg_fail(r, r->pos, "array count", "%" PRIu64 " strings cannot fit in the %"
                           PRIu64 " bytes that remain (expected at most %" PRIu64 ")", n, left,
                           left / 8);
        if (n * 8 > r->avail - r->pos) return gg_short_strings(r, r->pos, 0, n);
        return gg_skip_strings(r, n);
    }
    if (elem == LX_GGUF_ARRAY) {
        if (n > left / 12 && gg_capped(r)) return false;
        if (n > left / 12)
            return gg_fail(r, r->pos, "array count", "%" PRIu64 " arrays cannot fit in the %"
                           PRIu64 " bytes that remain (expected at most %" PRIu64 ")", n, left,
                           left / 12);
        if (!gg_have(r, n * 12)) return false;
        for (uint64_t i = 0; i < n; i++) {
            lx_gguf_type e;
            uint64_t m, d;
            if (!gg_skip_array(r, depth + 1, &e, &m, &d)) return false;
        }
        return true;
    }
    uint64_t sz = GG_SIZE[elem];
    if (n > left / sz && gg_capped(r)) return false;
    if (n > left / sz)
        return gg_fail(r, r->pos, "array count", "%" PRIu64 " %s elements cannot fit in the %"
                       PRIu64 " bytes that remain (expected at most %" PRIu64 ")", n,
                       GG_TYPE_NAME[elem], left, left / sz);
    if (!gg_have(r, n * sz)) return false;
    if (elem == LX_GGUF_BOOL && !gg_check_bools(r, n, "array")) return false;
    r->pos += n * sz;
    return true;
}

/* Reads an array header (element type, count) and validates/skips its elements. */
static bool gg_skip_array(gg_rd *r, int depth, lx_gguf_type *elem, uint64_t *n, uint64_t *data)
{
    if (depth >= GG_MAX_DEPTH)
        return gg_fail(r, r->pos, "array", "arrays nested more than %d deep (expected at most %d "
                       "levels)", GG_MAX_DEPTH, GG_MAX_DEPTH);
    uint64_t at = r->pos;
    uint32_t t;
    if (!gg_u32(r, "array element type", &t)) return false;
    if (!gg_known_type(r, at, "array element type", t)) return false;
    if (!gg_u64(r, "array count", n)) return false;
    *elem = (lx_gguf_type)t;
    *data = r->pos;
    return gg_skip_elems(r, depth, *elem, *n);
}

static void gg_decode(gg_kv *kv, const uint8_t *p)
{
    uint64_t raw = gg_le(p, GG_SIZE[kv->type]);
    switch (kv->type) {
    case LX_GGUF_I8: kv->v.i = (int8_t)raw; break;
    case LX_GGUF_I16: kv->v.i = (int16_t)raw; break;
    case LX_GGUF_I32: kv->v.i = (int32_t)raw; break;
    case LX_GGUF_I64: memcpy(&kv->v.i, &raw, 8); break;
    case LX_GGUF_F32: { uint32_t b = (uint32_t)raw; float f; memcpy(&f, &b, 4); kv->v.f = f; break; }
    case LX_GGUF_F64: memcpy(&kv->v.f, &raw, 8); break;
    default: kv->v.u = raw; break; /* unsigned and bool */
    }
}

static bool gg_value(gg_rd *r, gg_kv *kv)
{
    kv->at = r->pos;
    if (kv->type == LX_GGUF_STRING) {
        uint64_t off = 0, len = 0;
        if (!gg_str(r, "value", &off, &len)) return false;
        kv->str = gg_dup(r->p + off, len);
        return kv->str ? true : gg_oom(r);
    }
    if (kv->type == LX_GGUF_ARRAY) return gg_skip_array(r, 0, &kv->elem, &kv->n, &kv->data);
    if (!gg_need(r, GG_SIZE[kv->type], "value")) return false;
    if (kv->type == LX_GGUF_BOOL && !gg_check_bools(r, 1, "value")) return false;
    gg_decode(kv, r->p + r->pos);
    r->pos += GG_SIZE[kv->type];
    return true;
}

/* ------------------------------------------------------------------ key/value pairs */

static bool gg_key(gg_rd *r, gg_file *f, size_t i, gg_kv *kv)
{
    uint64_t at = r->pos, off = 0, len = 0;
    snprintf(r->ctx, sizeof r->ctx, "kv %zu", i);
    if (!gg_str(r, "key", &off, &len)) return false;
    if (len == 0) return gg_fail(r, at, "key", "is empty (expected a non-empty key)");
    if (len > GG_MAX_KEY)
        return gg_fail(r, at, "key", "is %" PRIu64 " bytes long (expected at most %d)", len,
                       GG_MAX_KEY);
    char q[128];
    gg_quote(q, sizeof q, r->p + off, len);
    snprintf(r->ctx, sizeof r->ctx, "kv %zu %s", i, q);
    if (memchr(r->p + off, 0, (size_t)len))
        return gg_fail(r, at, "key", "contains a NUL byte (expected a plain ASCII key)");
    if (!(kv->key = gg_dup(r->p + off, len))) return gg_oom(r);
    size_t first = gg_set_find(&f->keys, kv->key);
    if (first != SIZE_MAX)
        return gg_fail(r, at, "key", "appears twice, first as kv %zu (expected unique keys)",
                       first);
    return gg_set_add(&f->keys, kv->key, i) ? true : gg_oom(r);
}

static bool gg_alignment(gg_rd *r, gg_file *f, const gg_kv *kv)
{
    if (kv->type != LX_GGUF_U32)
        return gg_fail(r, kv->at, "value", "general.alignment has type %s (expected uint32)",
                       GG_TYPE_NAME[kv->type]);
    uint64_t a = kv->v.u;
    if (a == 0 || (a & (a - 1)) != 0)
        return gg_fail(r, kv->at, "value", "general.alignment %" PRIu64 " is not a power of two "
                       "(expected a non-zero power of two such as 32)", a);
    f->alignment = (uint32_t)a;
    return true;
}

static bool gg_kv_grow(gg_rd *r, gg_file *f)
{
    if (f->n_kv < f->cap_kv) return true;
    size_t cap = f->cap_kv ? f->cap_kv * 2 : 32;
    gg_kv *v = realloc(f->kv, cap * sizeof *v);
    if (!v) return gg_oom(r);
    f->kv = v;
    f->cap_kv = cap;
    return true;
}

static bool gg_kvs(gg_rd *r, gg_file *f, uint64_t n_kv, uint64_t n_tensors)
{
    for (uint64_t i = 0; i < n_kv; i++) {
        r->tail = (n_kv - i - 1) * GG_MIN_KV + n_tensors * GG_MIN_TENSOR; /* both bounded by the size */
        if (!gg_kv_grow(r, f)) return false;
        gg_kv *kv = &f->kv[f->n_kv];
        memset(kv, 0, sizeof *kv);
        f->n_kv++;
        if (!gg_key(r, f, (size_t)i, kv)) return false;
        uint64_t at = r->pos;
        uint32_t t;
        if (!gg_u32(r, "value type", &t) || !gg_known_type(r, at, "value type", t)) return false;
        kv->type = (lx_gguf_type)t;
        if (!gg_value(r, kv)) return false;
        if (strcmp(kv->key, "general.alignment") == 0 && !gg_alignment(r, f, kv)) return false;
    }
    r->ctx[0] = '\0';
    r->tail = 0;
    return true;
}

/* ------------------------------------------------------------------ tensor infos */

static bool gg_tensor_name(gg_rd *r, size_t i, uint64_t *off, uint64_t *len)
{
    uint64_t at = r->pos;
    snprintf(r->ctx, sizeof r->ctx, "tensor %zu", i);
    if (!gg_str(r, "name", off, len)) return false;
    if (*len == 0) return gg_fail(r, at, "name", "is empty (expected a non-empty name)");
    char q[128];
    gg_quote(q, sizeof q, r->p + *off, *len);
    snprintf(r->ctx, sizeof r->ctx, "tensor %zu %s", i, q);
    if (*len > GG_MAX_NAME)
        return gg_fail(r, at, "name", "is %" PRIu64 " bytes long (expected at most %d)", *len,
                       GG_MAX_NAME);
    if (memchr(r->p + *off, 0, (size_t)*len))
        return gg_fail(r, at, "name", "contains a NUL byte (expected a plain name)");
    return true;
}

static bool gg_tensor_shape(gg_rd *r, lx_tensor *t)
{
    uint64_t at = r->pos;
    uint32_t nd;
    if (!gg_u32(r, "n_dims", &nd)) return false;
    if (nd < 1 || nd > LX_MAX_DIMS)
        return gg_fail(r, at, "n_dims", "%" PRIu32 " (expected 1 to %d)", nd, LX_MAX_DIMS);
    t->n_dims = (int)nd;
    t->n_elems = 1;
    for (uint32_t d = 0; d < nd; d++) {
        uint64_t ne;
        at = r->pos;
        if (!gg_u64(r, "ne", &ne)) return false;
        if (ne == 0 || ne > (uint64_t)INT64_MAX)
            return gg_fail(r, at, "ne", "dimension %" PRIu32 " is %" PRIu64 " (expected 1 to %"
                           PRId64 ")", d, ne, INT64_MAX);
        if (t->n_elems > (uint64_t)INT64_MAX / ne)
            return gg_fail(r, at, "ne", "the element count overflows at dimension %" PRIu32
                           " (expected a product of dimensions below 2^63)", d);
        t->n_elems *= ne;
        t->shape[nd - 1 - d] = ne; /* ggml's ne[] is innermost first; ours outermost first */
    }
    return true;
}

static bool gg_tensor_type(gg_rd *r, lx_tensor *t)
{
    uint64_t at = r->pos;
    uint32_t id;
    if (!gg_u32(r, "type", &id)) return false;
    if (!lx_dtype_from_ggml(id, &t->type))
        return gg_fail(r, at, "type", "%" PRIu32 " is not a known ggml type (expected 0-3, 6-30, "
                       "34, 35 or 39)", id);
    if (!lx_dtype_bytes(t->type, t->n_elems, &t->n_bytes)) {
        const lx_dtype_info *d = lx_dtype_get(t->type);
        if (t->n_elems % d->block == 0)
            return gg_fail(r, at, "type", "%" PRIu64 " %s elements take more bytes than 64 bits can count "
                           "(byte size overflow; expected a tensor that fits in a file)", t->n_elems, d->name);
        return gg_fail(r, at, "type", "%s stores blocks of %" PRIu32 " elements but the tensor "
                       "has %" PRIu64 " (expected a multiple of %" PRIu32 ")", d->name, d->block,
                       t->n_elems, d->block);
    }
    return true;
}

static bool gg_tensor(gg_rd *r, lx_gguf *g, int file, size_t i, uint64_t *offset_at)
{
    uint64_t noff = 0, nlen = 0;
    lx_tensor t;
    memset(&t, 0, sizeof t);
    if (!gg_tensor_name(r, i, &noff, &nlen)) return false;
    uint64_t name_at = noff - 8;
    if (!gg_tensor_shape(r, &t) || !gg_tensor_type(r, &t)) return false;
    *offset_at = r->pos;
    if (!gg_u64(r, "offset", &t.offset)) return false;
    t.file = file;
    char name[GG_MAX_NAME + 1];
    memcpy(name, r->p + noff, (size_t)nlen);
    name[nlen] = '\0';
    size_t first = gg_set_find(&g->names, name);
    if (first != SIZE_MAX)
        return gg_fail(r, name_at, "name", "appears twice, first as tensor %zu (expected unique "
                       "names)", first);
    t.name = name;
    lx_tensor *d = lx_tensors_push(&g->tensors, &t);
    if (!d || !gg_set_add(&g->names, d->name, g->tensors.n - 1)) return gg_oom(r);
    return true;
}

/* Offsets are relative to the data section; each tensor starts where the previous one ends,
 * rounded up to the alignment (as ggml requires), and lies inside the file. Rewrites them as
 * absolute file offsets. */
static bool gg_place(gg_rd *r, lx_gguf *g, const gg_file *f, size_t first, const uint64_t *at)
{
    uint64_t end = 0;
    for (size_t i = first; i < g->tensors.n; i++) {
        lx_tensor *t = &g->tensors.v[i];
        char q[128];
        gg_quote(q, sizeof q, (const uint8_t *)t->name, strlen(t->name));
        snprintf(r->ctx, sizeof r->ctx, "tensor %zu %s", i - first, q);
        uint64_t o = t->offset, a = at[i - first];
        if (o % f->alignment)
            return gg_fail(r, a, "offset", "%" PRIu64 " is not a multiple of the alignment %"
                           PRIu32 " (expected aligned data)", o, f->alignment);
        uint64_t abs = f->header_size + o;
        if (o > f->size || abs < o)
            return gg_fail(r, a, "offset", "data offset %" PRIu64 " runs past the end of the "
                           "file at %" PRIu64 " (expected %" PRIu64 ", where the previous tensor "
                           "ends)", o, f->size, end);
        if (t->n_bytes > f->size || abs > f->size - t->n_bytes)
            return gg_fail(r, a, "offset", "data of %" PRIu64 " bytes at file offset %" PRIu64
                           " runs past the end of the file at %" PRIu64 " (expected it inside "
                           "the file; the file is truncated)", t->n_bytes, abs, f->size);
        if (o != end)
            return gg_fail(r, a, "offset", "%" PRIu64 " %s the previous tensor, which ends at %"
                           PRIu64 " (expected %" PRIu64 ": tensors follow each other in order, "
                           "each at the next multiple of %" PRIu32 ")", o,
                           o < end ? "overlaps" : "leaves a gap after", end, end, f->alignment);
        end = o + t->n_bytes; /* cannot overflow: below the file size */
        end += (f->alignment - end % f->alignment) % f->alignment;
        t->offset = abs;
    }
    r->ctx[0] = '\0';
    return true;
}

static bool gg_tensors(gg_rd *r, lx_gguf *g, gg_file *f, int file, uint64_t n)
{
    size_t first = g->tensors.n;
    uint64_t *at = malloc((size_t)(n ? n : 1) * sizeof *at); /* n bounded by file size */
    if (!at) return gg_oom(r);
    bool ok = true;
    for (uint64_t i = 0; ok && i < n; i++) ok = gg_tensor(r, g, file, (size_t)i, &at[i]);
    if (ok) {
        r->ctx[0] = '\0';
        uint64_t h = r->pos, pad = (f->alignment - h % f->alignment) % f->alignment;
        f->header_size = h + pad;
        ok = gg_place(r, g, f, first, at);
    }
    free(at);
    return ok;
}

/* ------------------------------------------------------------------ header */

static bool gg_magic_version(gg_rd *r, gg_file *f)
{
    if (!gg_need(r, 4, "magic")) return false;
    if (memcmp(r->p, "GGUF", 4) != 0) {
        char q[64];
        gg_quote(q, sizeof q, r->p, 4);
        return gg_fail(r, 0, "magic", "%s is not \"GGUF\" (expected a GGUF file)", q);
    }
    r->pos = 4;
    if (!gg_u32(r, "version", &f->version)) return false;
    uint32_t v = f->version;
    if (v == 2 || v == 3) return true;
    if (v == 1)
        return gg_fail(r, 4, "version", "1 is no longer supported (expected 2 or 3; convert the "
                       "file with a current llama.cpp)");
    if (v == 0x02000000u || v == 0x03000000u)
        return gg_fail(r, 4, "version", "0x%08" PRIX32 " is a byte-swapped (big-endian) file "
                       "(expected a little-endian GGUF, version 2 or 3)", v);
    return gg_fail(r, 4, "version", "%" PRIu32 " is not supported (expected 2 or 3)", v);
}

static bool gg_counts(gg_rd *r, uint64_t *n_tensors, uint64_t *n_kv)
{
    uint64_t at = r->pos;
    if (!gg_u64(r, "n_tensors", n_tensors) || !gg_u64(r, "n_kv", n_kv)) return false;
    uint64_t left = gg_left(r);
    if ((*n_tensors > left / GG_MIN_TENSOR || *n_kv > left / GG_MIN_KV) && gg_capped(r)) return false;
    if (*n_tensors > left / GG_MIN_TENSOR)
        return gg_fail(r, at, "n_tensors", "%" PRIu64 " tensor infos cannot fit in the %" PRIu64
                       " bytes that remain (expected at most %" PRIu64 ")", *n_tensors, left,
                       left / GG_MIN_TENSOR);
    if (*n_kv > left / GG_MIN_KV)
        return gg_fail(r, at + 8, "n_kv", "%" PRIu64 " key/value pairs cannot fit in the %" PRIu64
                       " bytes that remain (expected at most %" PRIu64 ")", *n_kv, left,
                       left / GG_MIN_KV);
    return true;
}

static bool gg_parse(lx_gguf *g, gg_file *f, int file, uint64_t *more, lx_err *err)
{
    gg_rd r = { .p = f->map, .size = f->span, .avail = f->avail, .more = more, .path = f->path,
                .err = err, .capped = f->span < f->size };
    uint64_t n_tensors, n_kv;
    f->alignment = GG_DEFAULT_ALIGN;
    return gg_magic_version(&r, f) && gg_counts(&r, &n_tensors, &n_kv) &&
           gg_kvs(&r, f, n_kv, n_tensors) && gg_tensors(&r, g, f, file, n_tensors);
}

/* ------------------------------------------------------------------ files */

static lx_status gg_map(gg_file *f, lx_err *err)
{
    int fd = open(f->path, O_RDONLY);
    if (fd < 0)
        return lx_err_set(err, LX_ERR_IO, "%s: cannot open: %s", f->path, strerror(errno));
    struct stat st;
    lx_status s = LX_OK;
    if (fstat(fd, &st) != 0)
        s = lx_err_set(err, LX_ERR_IO, "%s: cannot stat: %s", f->path, strerror(errno));
    else if (!S_ISREG(st.st_mode))
        s = lx_err_set(err, LX_ERR_IO, "%s: is not a regular file (expected a GGUF file)",
                       f->path);
    else if ((uint64_t)st.st_size > SIZE_MAX)
        s = lx_err_set(err, LX_ERR_IO, "%s: too large to map", f->path);
    if (s == LX_OK && st.st_size > 0) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED)
            s = lx_err_set(err, LX_ERR_IO, "%s: cannot map: %s", f->path, strerror(errno));
        else
            f->map = m;
    }
    if (s == LX_OK) f->size = f->avail = f->span = (uint64_t)st.st_size;
    close(fd);
    return s;
}

static void gg_file_free(gg_file *f)
{
    for (size_t i = 0; i < f->n_kv; i++) {
        gg_kv *kv = &f->kv[i];
        free(kv->key);
        free(kv->str);
        if (kv->sidx) {
            free(kv->sidx->arena);
            free(kv->sidx->off);
            free(kv->sidx);
        }
    }
    free(f->kv);
    free(f->keys.v);
    if (f->heap) free((void *)f->map);
    else if (f->map) munmap((void *)f->map, (size_t)f->size);
    free(f->path);
    memset(f, 0, sizeof *f);
}

static void gg_reset(lx_gguf *g)
{
    for (size_t i = 0; i < g->n_files; i++) gg_file_free(&g->files[i]);
    free(g->files);
    g->files = NULL;
    g->n_files = 0;
    lx_tensors_free(&g->tensors);
    free(g->names.v);
    memset(&g->names, 0, sizeof g->names);
}

/* Appends an empty file record named path; NULL (err set) on OOM. */
static gg_file *gg_new_file(lx_gguf *g, const char *path, lx_err *err)
{
    gg_file *v = realloc(g->files, (g->n_files + 1) * sizeof *v);
    if (!v) {
        lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
        return NULL;
    }
    g->files = v;
    gg_file *f = &g->files[g->n_files++];
    memset(f, 0, sizeof *f);
    if (!(f->path = strdup(path))) lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    return f->path ? f : NULL;
}

/* Appends and parses one file. */
static lx_status gg_add_file(lx_gguf *g, const char *path, lx_err *err)
{
    gg_file *f = gg_new_file(g, path, err);
    if (!f) return err->code;
    if (gg_map(f, err) != LX_OK) return err->code;
    if (!gg_parse(g, f, (int)(g->n_files - 1), NULL, err)) return err->code;
    return LX_OK;
}

/* Appends one file given as a copy of its first bytes, and parses it. */
static lx_status gg_add_mem(lx_gguf *g, const lx_gguf_mem *m, uint64_t *more, lx_err *err)
{
    gg_file *f = gg_new_file(g, m->path, err);
    if (!f) return err->code;
    uint8_t *copy = malloc(m->have ? (size_t)m->have : 1);
    if (!copy) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", m->path);
    if (m->have) memcpy(copy, m->buf, (size_t)m->have);
    f->map = copy;
    f->heap = true;
    f->size = m->size;
    f->avail = m->have < m->size ? m->have : m->size;
    f->span = m->limit < m->size ? m->limit : m->size;
    if (f->avail > f->span) f->avail = f->span;
    if (!gg_parse(g, f, (int)(g->n_files - 1), more, err)) return err->code;
    return LX_OK;
}

/* ------------------------------------------------------------------ split models */

static const gg_kv *gg_file_kv(const gg_file *f, const char *key)
{
    size_t i = gg_set_find(&f->keys, key);
    return i == SIZE_MAX ? NULL : &f->kv[i];
}

/* Integer metadata as a non-negative value; false when absent or not an integer. */
static bool gg_kv_uint(const gg_kv *kv, uint64_t *out)
{
    if (!kv) return false;
    switch (kv->type) {
    case LX_GGUF_U8: case LX_GGUF_U16: case LX_GGUF_U32: case LX_GGUF_U64:
        *out = kv->v.u;
        return true;
    case LX_GGUF_I8: case LX_GGUF_I16: case LX_GGUF_I32: case LX_GGUF_I64:
        if (kv->v.i < 0) return false;
        *out = (uint64_t)kv->v.i;
        return true;
    default:
        return false;
    }
}

/* "NAME-00002-of-00005.gguf": prefix length, shard number (1-based) and count. */
bool lx_gguf_split_name(const char *path, size_t *prefix, unsigned *k, unsigned *n)
{
    static const char pat[] = "-#####-of-#####.gguf";
    size_t len = strlen(path), plen = sizeof pat - 1;
    if (len <= plen) return false;
    const char *s = path + len - plen;
    unsigned a = 0, b = 0;
    for (size_t i = 0; i < plen; i++) {
        if (pat[i] != '#') {
            if (s[i] != pat[i]) return false;
        } else if (s[i] < '0' || s[i] > '9') {
            return false;
        } else if (i < 6) {
            a = a * 10 + (unsigned)(s[i] - '0');
        } else {
            b = b * 10 + (unsigned)(s[i] - '0');
        }
    }
    if (a < 1 || b < 1 || a > b) return false;
    *prefix = len - plen;
    *k = a;
    *n = b;
    return true;
}

/* One shard's split key holds `want` (an unsigned integer) or the set is inconsistent. */
static lx_status gg_split_key(const gg_file *f, const char *key, uint64_t want, bool required,
                              const char *why, lx_err *err)
{
    const gg_kv *kv = gg_file_kv(f, key);
    uint64_t v;
    if (!kv && !required) return LX_OK;
    if (!kv)
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset 0: %s: missing (expected %" PRIu64
                          ", %s)", f->path, key, want, why);
    if (!gg_kv_uint(kv, &v))
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset %" PRIu64 ": %s: has type %s (expected "
                          "an unsigned integer)", f->path, kv->at, key,
                          lx_gguf_type_name(kv->type));
    if (v != want)
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset %" PRIu64 ": %s: %" PRIu64 " (expected %"
                          PRIu64 ", %s)", f->path, kv->at, key, v, want, why);
    return LX_OK;
}

/* Each shard's split.no / split.count / split.tensors.count agree with the set. */
static lx_status gg_split_check(const lx_gguf *g, unsigned n, lx_err *err)
{
    lx_status s = LX_OK;
    for (size_t j = 0; s == LX_OK && j < g->n_files; j++) {
        const gg_file *f = &g->files[j];
        s = gg_split_key(f, "split.no", j, true, "the 0-based shard index the file name gives",
                         err);
        if (s == LX_OK)
            s = gg_split_key(f, "split.count", n, true, "the shard count the file name gives",
                             err);
        if (s == LX_OK)
            s = gg_split_key(f, "split.tensors.count", g->tensors.n, j == 0,
                             "the number of tensors in all shards", err);
    }
    return s;
}

static lx_status gg_open_split(lx_gguf *g, const char *path, size_t prefix, unsigned n,
                               lx_err *err)
{
    gg_reset(g);
    size_t cap = prefix + 32;
    char *p = malloc(cap);
    if (!p) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    lx_status s = LX_OK;
    for (unsigned k = 1; s == LX_OK && k <= n; k++) {
        snprintf(p, cap, "%.*s-%05u-of-%05u.gguf", (int)prefix, path, k, n);
        s = gg_add_file(g, p, err);
    }
    free(p);
    return s == LX_OK ? gg_split_check(g, n, err) : s;
}

/* After the opened file parsed: when it is one shard of several, load all of them. */
static lx_status gg_maybe_split(lx_gguf *g, const char *path, lx_err *err)
{
    const gg_file *f = &g->files[0];
    const gg_kv *cnt = gg_file_kv(f, "split.count");
    uint64_t count;
    if (!cnt) return LX_OK;
    if (!gg_kv_uint(cnt, &count))
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset %" PRIu64 ": split.count: has type %s "
                          "(expected an unsigned integer)", path, cnt->at,
                          lx_gguf_type_name(cnt->type));
    if (count <= 1) return LX_OK;
    size_t prefix;
    unsigned k, n;
    if (!lx_gguf_split_name(path, &prefix, &k, &n) || n != count)
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset %" PRIu64 ": split.count: this is one "
                          "of %" PRIu64 " shards but the file name does not say which (expected "
                          "NAME-0000K-of-%05" PRIu64 ".gguf)", path, cnt->at, count, count);
    return gg_open_split(g, path, prefix, n, err);
}

/* ------------------------------------------------------------------ public API */

lx_status lx_gguf_open(const char *path, lx_gguf **out, lx_err *err)
{
    *out = NULL;
    lx_gguf *g = calloc(1, sizeof *g);
    if (!g) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    lx_tensors_init(&g->tensors);
    lx_status s = gg_add_file(g, path, err);
    if (s == LX_OK) s = gg_maybe_split(g, path, err);
    if (s != LX_OK) {
        lx_gguf_close(g);
        return s;
    }
    *out = g;
    return LX_OK;
}

lx_status lx_gguf_open_mem(const lx_gguf_mem *files, size_t n, lx_gguf **out,
                           lx_gguf_more *more, lx_err *err)
{
    *out = NULL;
    lx_gguf *g = calloc(1, sizeof *g);
    if (!g) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", n ? files[0].path : "gguf");
    lx_tensors_init(&g->tensors);
    lx_status s = LX_OK;
    for (size_t i = 0; s == LX_OK && i < n; i++) {
        uint64_t need = 0;
        s = gg_add_mem(g, &files[i], &need, err);
        if (s != LX_OK && need && more) *more = (lx_gguf_more){ i, need };
    }
    if (s == LX_OK && n > 1) s = gg_split_check(g, (unsigned)n, err);
    if (s != LX_OK) {
        lx_gguf_close(g);
        return s;
    }
    *out = g;
    return LX_OK;
}

void lx_gguf_close(lx_gguf *g)
{
    if (!g) return;
    gg_reset(g);
    free(g);
}

uint32_t lx_gguf_version(const lx_gguf *g) { return g->files[0].version; }
size_t lx_gguf_n_files(const lx_gguf *g) { return g->n_files; }
const lx_tensors *lx_gguf_tensors(const lx_gguf *g) { return &g->tensors; }

const char *lx_gguf_file_path(const lx_gguf *g, size_t file)
{
    return file < g->n_files ? g->files[file].path : NULL;
}

uint64_t lx_gguf_file_size(const lx_gguf *g, size_t file)
{
    return file < g->n_files ? g->files[file].size : 0;
}

uint64_t lx_gguf_header_size(const lx_gguf *g, size_t file)
{
    return file < g->n_files ? g->files[file].header_size : 0;
}

size_t lx_gguf_n_kv(const lx_gguf *g) { return g->files[0].n_kv; }

const char *lx_gguf_key(const lx_gguf *g, size_t i)
{
    return i < g->files[0].n_kv ? g->files[0].kv[i].key : NULL;
}

long lx_gguf_find(const lx_gguf *g, const char *key)
{
    size_t i = gg_set_find(&g->files[0].keys, key);
    return i == SIZE_MAX ? -1 : (long)i;
}

lx_gguf_type lx_gguf_kv_type(const lx_gguf *g, size_t i)
{
    return i < g->files[0].n_kv ? g->files[0].kv[i].type : LX_GGUF_TYPE_COUNT;
}

uint64_t lx_gguf_kv_offset(const lx_gguf *g, size_t i)
{
    return i < g->files[0].n_kv ? g->files[0].kv[i].at : 0;
}

static const gg_kv *gg_get(const lx_gguf *g, const char *key)
{
    return gg_file_kv(&g->files[0], key);
}

bool lx_gguf_get_u64(const lx_gguf *g, const char *key, uint64_t *out)
{
    return gg_kv_uint(gg_get(g, key), out);
}

static bool gg_is_signed(lx_gguf_type t)
{
    return t == LX_GGUF_I8 || t == LX_GGUF_I16 || t == LX_GGUF_I32 || t == LX_GGUF_I64;
}

static bool gg_is_unsigned(lx_gguf_type t)
{
    return t == LX_GGUF_U8 || t == LX_GGUF_U16 || t == LX_GGUF_U32 || t == LX_GGUF_U64;
}

bool lx_gguf_get_i64(const lx_gguf *g, const char *key, int64_t *out)
{
    const gg_kv *kv = gg_get(g, key);
    if (!kv) return false;
    if (gg_is_signed(kv->type)) { *out = kv->v.i; return true; }
    if (!gg_is_unsigned(kv->type) || kv->v.u > (uint64_t)INT64_MAX) return false;
    *out = (int64_t)kv->v.u;
    return true;
}

bool lx_gguf_get_f64(const lx_gguf *g, const char *key, double *out)
{
    const gg_kv *kv = gg_get(g, key);
    if (!kv) return false;
    if (kv->type == LX_GGUF_F32 || kv->type == LX_GGUF_F64) *out = kv->v.f;
    else if (gg_is_signed(kv->type)) *out = (double)kv->v.i;
    else if (gg_is_unsigned(kv->type)) *out = (double)kv->v.u;
    else return false;
    return true;
}

bool lx_gguf_get_bool(const lx_gguf *g, const char *key, bool *out)
{
    const gg_kv *kv = gg_get(g, key);
    if (!kv || kv->type != LX_GGUF_BOOL) return false;
    *out = kv->v.u != 0;
    return true;
}

const char *lx_gguf_get_str(const lx_gguf *g, const char *key)
{
    const gg_kv *kv = gg_get(g, key);
    return kv && kv->type == LX_GGUF_STRING ? kv->str : NULL;
}

bool lx_gguf_get_arr(const lx_gguf *g, const char *key, lx_gguf_type *elem, uint64_t *n)
{
    const gg_kv *kv = gg_get(g, key);
    if (!kv || kv->type != LX_GGUF_ARRAY) return false;
    *elem = kv->elem;
    *n = kv->n;
    return true;
}

/* Element i of a fixed-size-element array decoded into a scalar kv record. */
static bool gg_arr_elem(const lx_gguf *g, const char *key, uint64_t i, gg_kv *out)
{
    const gg_kv *kv = gg_get(g, key);
    if (!kv || kv->type != LX_GGUF_ARRAY || i >= kv->n) return false;
    if (kv->elem == LX_GGUF_STRING || kv->elem == LX_GGUF_ARRAY) return false;
    memset(out, 0, sizeof *out);
    out->type = kv->elem;
    gg_decode(out, g->files[0].map + kv->data + i * GG_SIZE[kv->elem]);
    return true;
}

bool lx_gguf_arr_f64(const lx_gguf *g, const char *key, uint64_t i, double *out)
{
    gg_kv e;
    if (!gg_arr_elem(g, key, i, &e)) return false;
    if (e.type == LX_GGUF_F32 || e.type == LX_GGUF_F64) *out = e.v.f;
    else if (gg_is_signed(e.type)) *out = (double)e.v.i;
    else if (gg_is_unsigned(e.type)) *out = (double)e.v.u;
    else return false;
    return true;
}

bool lx_gguf_arr_i64(const lx_gguf *g, const char *key, uint64_t i, int64_t *out)
{
    gg_kv e;
    if (!gg_arr_elem(g, key, i, &e)) return false;
    if (gg_is_signed(e.type)) *out = e.v.i;
    else if ((gg_is_unsigned(e.type) || e.type == LX_GGUF_BOOL) && e.v.u <= (uint64_t)INT64_MAX)
        *out = (int64_t)e.v.u;
    else return false;
    return true;
}

/* NUL-terminated copies of a (validated) string array, with n+1 start offsets. */
static gg_stridx *gg_index_strings(const uint8_t *map, const gg_kv *kv)
{
    uint64_t total = 0, pos = kv->data;
    for (uint64_t i = 0; i < kv->n; i++) {
        uint64_t len = gg_le(map + pos, 8);
        total += len + 1;
        pos += 8 + len;
    }
    gg_stridx *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    x->arena = malloc((size_t)(total ? total : 1));
    x->off = malloc((size_t)(kv->n + 1) * sizeof *x->off);
    if (!x->arena || !x->off) {
        free(x->arena);
        free(x->off);
        free(x);
        return NULL;
    }
    uint64_t o = 0;
    pos = kv->data;
    for (uint64_t i = 0; i < kv->n; i++) {
        uint64_t len = gg_le(map + pos, 8);
        x->off[i] = o;
        memcpy(x->arena + o, map + pos + 8, (size_t)len);
        x->arena[o + len] = '\0';
        o += len + 1;
        pos += 8 + len;
    }
    x->off[kv->n] = o;
    return x;
}

const char *lx_gguf_arr_str(const lx_gguf *g, const char *key, uint64_t i, uint64_t *len)
{
    size_t k = gg_set_find(&g->files[0].keys, key);
    if (k == SIZE_MAX) return NULL;
    gg_kv *kv = &g->files[0].kv[k]; /* the handle owns it; only the lazy index is filled in */
    if (kv->type != LX_GGUF_ARRAY || kv->elem != LX_GGUF_STRING || i >= kv->n) return NULL;
    if (!kv->sidx && !(kv->sidx = gg_index_strings(g->files[0].map, kv))) return NULL;
    if (len) *len = kv->sidx->off[i + 1] - kv->sidx->off[i] - 1;
    return kv->sidx->arena + kv->sidx->off[i];
}

const void *lx_gguf_tensor_data(lx_gguf *g, const lx_tensor *t, lx_err *err)
{
    if (!t || t->file < 0 || (size_t)t->file >= g->n_files) {
        lx_err_set(err, LX_ERR_MODEL, "tensor %s: no such file in this model",
                   t && t->name ? t->name : "(null)");
        return NULL;
    }
    const gg_file *f = &g->files[t->file];
    if (f->heap) {
        lx_err_set(err, LX_ERR_IO, "%s: tensor %s: only the header was read (expected a local "
                   "file to read tensor data from)", f->path, t->name);
        return NULL;
    }
    if (t->n_bytes > f->size || t->offset > f->size - t->n_bytes || !f->map) {
        lx_err_set(err, LX_ERR_MODEL, "%s: offset %" PRIu64 ": tensor %s: %" PRIu64 " bytes run "
                   "past the end of the file at %" PRIu64 " (expected the data inside the file)",
                   f->path, t->offset, t->name, t->n_bytes, f->size);
        return NULL;
    }
    return f->map + t->offset;
}
