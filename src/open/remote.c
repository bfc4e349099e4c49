/* open/remote — see remote.h.
 *
 * Implementation notes
 * - A remote file is a growing prefix (rm_file): what was fetched so far, the file's size from
 *   Content-Range, and its ETag; every later range must agree on both (a file replaced while
 *   it is read is an error, not a mix of two files).
 * - Requests of one step go out together (lx_http_fetch runs them in parallel), so a split
 *   GGUF or a 163-shard safetensors model costs the round trips of one file.
 * - The parsers are the local ones, fed from memory: lx_gguf_open_mem says how far a partial
 *   header reaches, lx_st_header_len how long a safetensors header is.
 */
#include "open/remote.h"

#include <ctype.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/hp_config.h"
#include "model/hp_gguf.h"
#include "read/hcache.h"
#include "read/http.h"
#include "read/safetensors.h"

enum {
    RM_GGUF_FIRST = 4 << 20,   /* first range of a GGUF */
    RM_ST_FIRST = 128 << 10,   /* first range of a safetensors file without an index */
    RM_ST_JSON = 46,           /* a header entry's quotes, keys and brackets (see rm_st_entry) */
    RM_ST_DTYPE = 7,           /* the longest dtype name: F8_E4M3 */
    RM_ST_SHAPE = 13,          /* two sizes of up to 6 digits: "129280,129280" */
    RM_ST_DIGITS = 12,         /* an offset's digits when the index has no total_size */
    RM_ST_SLACK = 256,         /* added to a shard's estimate (__metadata__, padding) */
    RM_LIST_MAX = 16 << 20     /* largest Hub API answer read */
};

lx_remote_opts lx_remote_defaults(void)
{
    return (lx_remote_opts){ .max_header = LX_REMOTE_MAX_HEADER_DEFAULT, .timeout_s = 30, .max_conns = 64 };
}

/* ------------------------------------------------------------------ names */

bool lx_remote_name(const char *w)
{
    return !strncmp(w, "hf:", 3) || !strncmp(w, "http://", 7) || !strncmp(w, "https://", 8);
}

static size_t rm_part(const char *s)
{
    size_t n = 0;
    while (isalnum((unsigned char)s[n]) || s[n] == '.' || s[n] == '_' || s[n] == '-') n++;
    return n;
}

static bool rm_plain(const char *s, size_t n)
{
    return n > 0 && !(n == 1 && s[0] == '.') && !(n == 2 && s[0] == '.' && s[1] == '.');
}

static bool rm_ends(const char *s, const char *suffix);

bool lx_remote_repo_id(const char *w)
{
    if (rm_ends(w, ".gguf") || rm_ends(w, ".safetensors") || rm_ends(w, ".json")) return false; /* a missing file */
    size_t a = rm_part(w);
    if (!rm_plain(w, a) || w[a] != '/') return false;
    size_t b = rm_part(w + a + 1);
    return rm_plain(w + a + 1, b) && w[a + 1 + b] == '\0';
}

/* What a name points at. */
typedef struct rm_target {
    bool hub;
    char repo[256], rev[128], file[1024]; /* hub: file empty = pick from the listing */
    char url[2048];                       /* a direct URL */
} rm_target;

static lx_status rm_parse_hub(const char *what, const char *s, rm_target *t, lx_err *err)
{
    size_t a = rm_part(s), b = rm_plain(s, a) && s[a] == '/' ? rm_part(s + a + 1) : 0;
    if (!rm_plain(s + a + 1, b))
        return lx_err_set(err, LX_ERR_USAGE, "%s: not a Hub repository name (expected hf:ORG/NAME[@REVISION][/FILE])",
                          what);
    t->hub = true;
    snprintf(t->repo, sizeof t->repo, "%.*s", (int)(a + 1 + b), s);
    const char *p = s + a + 1 + b;
    snprintf(t->rev, sizeof t->rev, "main");
    if (*p == '@') {
        size_t r = strcspn(p + 1, "/");
        if (!r || r >= sizeof t->rev)
            return lx_err_set(err, LX_ERR_USAGE, "%s: empty or too long revision after '@' (expected "
                              "hf:ORG/NAME@REVISION)", what);
        snprintf(t->rev, sizeof t->rev, "%.*s", (int)r, p + 1);
        p += 1 + r;
    }
    if (*p == '/') snprintf(t->file, sizeof t->file, "%s", p + 1);
    else if (*p)
        return lx_err_set(err, LX_ERR_USAGE, "%s: unexpected '%c' after the repository name (expected "
                          "hf:ORG/NAME[@REVISION][/FILE])", what, *p);
    if (strstr(t->file, "..") || t->file[0] == '/')
        return lx_err_set(err, LX_ERR_USAGE, "%s: the file path must stay inside the repository", what);
    return LX_OK;
}

static lx_status rm_parse(const char *what, rm_target *t, lx_err *err)
{
    memset(t, 0, sizeof *t);
    if (!strncmp(what, "http://", 7) || !strncmp(what, "https://", 8)) {
        if (strlen(what) >= sizeof t->url)
            return lx_err_set(err, LX_ERR_USAGE, "%.200s...: URL too long (expected at most %zu bytes)", what,
                              sizeof t->url - 1);
        snprintf(t->url, sizeof t->url, "%s", what);
        return LX_OK;
    }
    const char *s = !strncmp(what, "hf://", 5) ? what + 5 : !strncmp(what, "hf:", 3) ? what + 3 : what;
    return rm_parse_hub(what, s, t, err);
}

/* ------------------------------------------------------------------ context */

typedef struct rm_ctx {
    const lx_remote_opts *o;
    lx_http_opts http;
    lx_http *net;          /* started on the first request (never when offline) */
    lx_http_stats stats;
    char endpoint[512], token_host[300];
    char token[1024];
    const char *what;
    lx_source *src;
    lx_err *err;
} rm_ctx;

/* First line of a small file, trimmed; false when absent or empty. */
static bool rm_read_line(const char *path, char *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f) return false;
    bool ok = fgets(out, (int)cap, f) != NULL;
    fclose(f);
    if (!ok) return false;
    size_t n = strlen(out);
    while (n && isspace((unsigned char)out[n - 1])) out[--n] = '\0';
    return n > 0;
}

/* HF_TOKEN, else $HF_HOME/token (HF_HOME default ~/.cache/huggingface). */
static void rm_token(rm_ctx *c)
{
    const char *t = getenv("HF_TOKEN");
    c->token[0] = '\0';
    if (t && *t) {
        snprintf(c->token, sizeof c->token, "%s", t);
        return;
    }
    char path[1100];
    const char *home = getenv("HF_HOME"), *h = getenv("HOME");
    if (home && *home) snprintf(path, sizeof path, "%s/token", home);
    else if (h && *h) snprintf(path, sizeof path, "%s/.cache/huggingface/token", h);
    else return;
    if (!rm_read_line(path, c->token, sizeof c->token)) c->token[0] = '\0';
}

static lx_status rm_init(rm_ctx *c, const char *what, const lx_remote_opts *o, lx_source *src, lx_err *err)
{
    memset(c, 0, sizeof *c);
    c->o = o;
    c->what = what;
    c->src = src;
    c->err = err;
    const char *e = getenv("HF_ENDPOINT");
    snprintf(c->endpoint, sizeof c->endpoint, "%s", e && *e ? e : "https://huggingface.co");
    size_t n = strlen(c->endpoint);
    while (n && c->endpoint[n - 1] == '/') c->endpoint[--n] = '\0';
    if (!lx_http_host(c->endpoint, c->token_host, sizeof c->token_host))
        return lx_err_set(err, LX_ERR_USAGE, "HF_ENDPOINT %.300s: not an http(s) URL (expected e.g. "
                          "https://huggingface.co)", c->endpoint);
    rm_token(c);
    c->http = (lx_http_opts){ .timeout_s = o->timeout_s, .insecure = o->insecure, .max_conns = o->max_conns,
                              .max_redirects = 10, .retries = 3, .token = c->token,
                              .token_host = c->token_host, .progress = true };
    return LX_OK;
}

static void rm_done(rm_ctx *c)
{
    lx_http_free(c->net);
    c->net = NULL;
    memset(c->token, 0, sizeof c->token);
    c->src->remote = true;
    c->src->remote_bytes = c->stats.bytes;
    c->src->remote_requests = c->stats.requests;
    c->src->remote_seconds = c->stats.seconds;
}

static lx_status rm_fetch(rm_ctx *c, lx_http_req *r, size_t n)
{
    if (c->o->offline)
        return lx_err_set(c->err, LX_ERR_IO, "%s: not in the cache and --offline forbids the network "
                          "(expected a model read before without --offline)", r[0].url);
    if (!c->net && !(c->net = lx_http_new(&c->http)))
        return lx_err_set(c->err, LX_ERR_IO, "%s: cannot start the HTTP client", r[0].url);
    return lx_http_fetch(c->net, r, n, &c->stats, c->err);
}

/* ------------------------------------------------------------------ URLs */

/* Appends s to out percent-encoded (keeping '/' when keep_slash). */
static void rm_escape(char *out, size_t cap, const char *s, bool keep_slash)
{
    size_t o = strlen(out);
    for (; *s && o + 4 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if (isalnum(ch) || strchr("-._~", ch) || (keep_slash && ch == '/')) out[o++] = (char)ch;
        else o += (size_t)snprintf(out + o, cap - o, "%%%02X", ch);
    }
    out[o] = '\0';
}

/* ENDPOINT/ORG/NAME/resolve/REV/FILE */
static void rm_resolve(const rm_ctx *c, const rm_target *t, const char *file, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s/resolve/", c->endpoint, t->repo);
    rm_escape(out, cap, t->rev, false);
    size_t n = strlen(out);
    snprintf(out + n, cap - n, "/");
    rm_escape(out, cap, file, true);
}

/* A file beside `url` (same folder). */
static void rm_sibling(const char *url, const char *name, char *out, size_t cap)
{
    size_t q = strcspn(url, "?#");
    const char *slash = url;
    for (const char *p = url; p < url + q; p++)
        if (*p == '/') slash = p;
    snprintf(out, cap, "%.*s/", (int)(slash - url), url);
    rm_escape(out, cap, name, false);
}

/* The file name a URL ends with (no query). */
static void rm_base(const char *url, char *out, size_t cap)
{
    size_t q = strcspn(url, "?#");
    size_t s = q;
    while (s && url[s - 1] != '/') s--;
    snprintf(out, cap, "%.*s", (int)(q - s), url + s);
}

static bool rm_ends(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A remote file: where it is, how it is named in messages, its growing prefix. */
typedef struct rm_file {
    char url[2048], name[1100];
    uint8_t *buf;
    uint64_t have, size;
    char etag[128];
} rm_file;

static void rm_file_free(rm_file *f)
{
    free(f->buf);
    f->buf = NULL;
}

/* ------------------------------------------------------------------ ranges */

/* Appends req's body (a range starting at f->have) to f; checks size and ETag agree. */
static lx_status rm_append(rm_ctx *c, rm_file *f, lx_http_req *r)
{
    if (f->have && (r->total != f->size || strcmp(r->etag, f->etag) != 0))
        return lx_err_set(c->err, LX_ERR_IO, "%s: the file changed on the server while it was read (size %" PRIu64
                          " -> %" PRIu64 ") (expected the same file for every range)", f->url, f->size, r->total);
    uint8_t *b = realloc(f->buf, (size_t)(f->have + r->n) + 1);
    if (!b) return lx_err_set(c->err, LX_ERR_IO, "%s: out of memory", f->url);
    f->buf = b;
    memcpy(b + f->have, r->body, r->n);
    f->have += r->n;
    b[f->have] = '\0';
    f->size = r->total;
    snprintf(f->etag, sizeof f->etag, "%s", r->etag);
    return LX_OK;
}

/* Takes the cached prefix of f when it holds the first `want` bytes: offline, whatever it is;
 * online, only when its size and ETag are those the server just gave for this file. */
static bool rm_from_cache(rm_ctx *c, rm_file *f, uint64_t want)
{
    lx_hcache_entry e;
    if (!lx_hcache_get(f->url, &e)) return false;
    bool same = f->have ? e.size == f->size && e.etag[0] && strcmp(e.etag, f->etag) == 0 : c->o->offline;
    uint64_t need = want < e.size ? want : e.size;
    bool ok = same && e.have >= need && e.have > f->have;
    if (ok) {
        free(f->buf);
        f->buf = e.buf;
        f->have = e.have;
        f->size = e.size;
        snprintf(f->etag, sizeof f->etag, "%s", e.etag);
    } else {
        lx_hcache_entry_free(&e);
    }
    return ok;
}

/* Grows each files[i] with want[i] > have to its first want[i] bytes, all in parallel (from the
 * cache when it has them). */
static lx_status rm_grow(rm_ctx *c, rm_file *files, const uint64_t *want, size_t n)
{
    lx_http_req *r = calloc(n ? n : 1, sizeof *r);
    size_t *which = calloc(n ? n : 1, sizeof *which);
    size_t k = 0;
    if (!r || !which) lx_err_set(c->err, LX_ERR_IO, "%s: out of memory", c->what);
    for (size_t i = 0; r && which && i < n; i++) {
        if (want[i] <= files[i].have || (files[i].have && files[i].have == files[i].size)) continue;
        if (rm_from_cache(c, &files[i], want[i])) continue;
        r[k] = (lx_http_req){ .url = files[i].url, .from = files[i].have, .len = want[i] - files[i].have };
        which[k++] = i;
    }
    if (k && !lx_err_failed(c->err)) rm_fetch(c, r, k);
    for (size_t j = 0; j < k && !lx_err_failed(c->err); j++) rm_append(c, &files[which[j]], &r[j]);
    for (size_t j = 0; j < k; j++) lx_http_req_free(&r[j]);
    free(r);
    free(which);
    return c->err->code;
}

/* Offline: whole files from the cache (an optional one absent from it reads as a 404). */
static lx_status rm_whole_cached(rm_ctx *c, lx_http_req *r, size_t n)
{
    for (size_t i = 0; i < n && !lx_err_failed(c->err); i++) {
        lx_hcache_entry e;
        if (lx_hcache_get(r[i].url, &e) && e.have == e.size) {
            r[i].body = e.buf;
            r[i].n = (size_t)e.have;
            r[i].total = e.size;
            r[i].status = 200;
        } else if (r[i].optional) {
            r[i].status = 404;
        } else {
            lx_err_set(c->err, LX_ERR_IO, "%s: not in the cache and --offline forbids the network (expected a "
                       "model read before without --offline)", r[i].url);
        }
    }
    return c->err->code;
}

/* What was read of each file goes to the cache (once, when the headers are complete). */
static void rm_cache_files(const rm_file *files, size_t n)
{
    for (size_t i = 0; i < n; i++) lx_hcache_put(files[i].url, files[i].buf, files[i].have, files[i].size, files[i].etag);
}

/* Whole small files (JSON), in parallel; optional ones may be absent (status 404, no body). */
static lx_status rm_get_whole(rm_ctx *c, lx_http_req *r, size_t n)
{
    if (c->o->offline) return rm_whole_cached(c, r, n);
    if (rm_fetch(c, r, n) != LX_OK) return c->err->code;
    for (size_t i = 0; i < n; i++)
        if (r[i].body) lx_hcache_put(r[i].url, r[i].body, r[i].n, r[i].n, r[i].etag);
    return LX_OK;
}

/* ------------------------------------------------------------------ GGUF */

static uint64_t rm_next_size(uint64_t have, uint64_t need, uint64_t limit)
{
    uint64_t grow = need > UINT64_MAX / 2 ? UINT64_MAX : need + need / 4; /* need is an estimate */
    if (grow < have + have / 2) grow = have + have / 2;
    return grow < limit ? grow : limit;
}

/* One GGUF shard parsed alone: LX_OK (the handle in *keep when keep is given, else closed),
 * or *want set to the bytes it needs next. */
static lx_status rm_gguf_try(rm_ctx *c, const rm_file *f, uint64_t *want, lx_gguf **keep)
{
    lx_gguf_mem m = { f->name, f->buf, f->have, f->size, c->o->max_header };
    lx_gguf_more more = { 0, 0 };
    lx_gguf *g = NULL;
    lx_err e = {0};
    *want = 0;
    if (lx_gguf_open_mem(&m, 1, &g, &more, &e) == LX_OK) {
        if (keep) *keep = g;
        else lx_gguf_close(g);
        return LX_OK;
    }
    if (!more.need) return lx_err_set(c->err, e.code, "%s", e.msg);
    uint64_t limit = f->size < c->o->max_header ? f->size : c->o->max_header;
    if (more.need > limit || f->have >= limit)
        return lx_err_set(c->err, LX_ERR_IO, "%s: the header runs past %" PRIu64 " bytes, the --max-header cap "
                          "(expected a smaller header; raise --max-header)", f->name, c->o->max_header);
    *want = rm_next_size(f->have, more.need, limit);
    return LX_OK;
}

/* Grows every shard until each header parses on its own (a single file's handle kept in *one). */
static lx_status rm_gguf_headers(rm_ctx *c, rm_file *files, size_t n, lx_gguf **one)
{
    uint64_t *want = calloc(n, sizeof *want);
    if (!want) return lx_err_set(c->err, LX_ERR_IO, "%s: out of memory", c->what);
    uint64_t first = RM_GGUF_FIRST < c->o->max_header ? RM_GGUF_FIRST : c->o->max_header;
    for (size_t i = 0; i < n; i++) want[i] = first;
    for (bool more = true; more && rm_grow(c, files, want, n) == LX_OK;) {
        more = false;
        for (size_t i = 0; i < n && !lx_err_failed(c->err); i++) {
            rm_gguf_try(c, &files[i], &want[i], n == 1 ? one : NULL);
            more |= want[i] > 0;
        }
    }
    free(want);
    if (!lx_err_failed(c->err)) rm_cache_files(files, n);
    return c->err->code;
}

/* The source from the shards' headers (all of them parsed together, for the split checks) or
 * from the handle of a single file. */
static lx_status rm_gguf_source(rm_ctx *c, rm_file *files, size_t n, lx_gguf *one)
{
    lx_source *s = c->src;
    s->format = LX_FMT_GGUF;
    lx_status st = LX_OK;
    if (one) {
        s->gguf = one;
    } else {
        lx_gguf_mem *m = calloc(n, sizeof *m);
        if (!m) return lx_err_set(c->err, LX_ERR_IO, "%s: out of memory", c->what);
        for (size_t i = 0; i < n; i++) m[i] = (lx_gguf_mem){ files[i].name, files[i].buf, files[i].have,
                                                               files[i].size, c->o->max_header };
        st = lx_gguf_open_mem(m, n, &s->gguf, NULL, c->err);
        free(m);
    }
    if (st != LX_OK) return st;
    if ((st = lx_hp_from_gguf(s->gguf, files[0].name, &s->hp, c->err)) != LX_OK) return st;
    const lx_tensors *t = lx_gguf_tensors(s->gguf);
    for (size_t i = 0; i < t->n; i++)
        if (!lx_tensors_push(&s->tensors, &t->v[i])) return lx_err_set(c->err, LX_ERR_IO, "%s: out of memory", c->what);
    s->has_tensors = s->tensors.n > 0;
    for (size_t f = 0; f < n; f++) {
        s->file_bytes += lx_gguf_file_size(s->gguf, f);
        s->header_bytes += lx_gguf_header_size(s->gguf, f);
    }
    if (!s->has_tensors) lx_source_warn(s, "the file holds no tensors (vocabulary only); counts come from its hyper-parameters");
    return LX_OK;
}

/* url / name: the file (any shard of a split model). */
static lx_status rm_gguf(rm_ctx *c, const char *url, const char *name)
{
    size_t prefix_u, prefix_n;
    unsigned k, n = 1, n2;
    bool split = lx_gguf_split_name(url, &prefix_u, &k, &n) && lx_gguf_split_name(name, &prefix_n, &k, &n2) && n2 == n;
    if (!split) n = 1;
    rm_file *files = calloc(n, sizeof *files);
    if (!files) return lx_err_set(c->err, LX_ERR_IO, "%s: out of memory", c->what);
    for (unsigned i = 0; i < n; i++) {
        if (split) {
            snprintf(files[i].url, sizeof files[i].url, "%.*s-%05u-of-%05u.gguf", (int)prefix_u, url, i + 1, n);
            snprintf(files[i].name, sizeof files[i].name, "%.*s-%05u-of-%05u.gguf", (int)prefix_n, name, i + 1, n);
        } else {
            snprintf(files[i].url, sizeof files[i].url, "%s", url);
            snprintf(files[i].name, sizeof files[i].name, "%s", name);
        }
    }
    lx_gguf *one = NULL;
    if (rm_gguf_headers(c, files, n, &one) == LX_OK) rm_gguf_source(c, files, n, one);
    else if (one) lx_gguf_close(one);
    for (unsigned i = 0; i < n; i++) rm_file_free(&files[i]);
    free(files);
    return c->err->code;
}

/* ------------------------------------------------------------------ safetensors */

/* The header length of each shard from its first want[i] bytes; then the rest of headers
 * longer than that. want is reused. */
static lx_status rm_st_headers(rm_ctx *c, rm_file *files, size_t n, uint64_t *want, uint64_t *hlen)
{
    if (rm_grow(c, files, want, n) == LX_OK) {
        for (size_t i = 0; i < n && !lx_err_failed(c->err); i++) {
            rm_file *f = &files[i];
            if (f->have < 8) {
                lx_err_set(c->err, LX_ERR_MODEL, "%s: offset 0: file is %" PRIu64 " bytes, too short for the "
                           "8-byte header length (expected at least 8 bytes)", f->name, f->size);
                break;
            }
            if (lx_st_header_len(f->name, f->buf, f->size, &hlen[i], c->err) != LX_OK) break;
            want[i] = 8 + hlen[i];
        }
        if (!lx_err_failed(c->err)) rm_grow(c, files, want, n);
    }
    if (!lx_err_failed(c->err)) rm_cache_files(files, n);
    return c->err->code;
}

static void rm_st_count(rm_ctx *c, const rm_file *files, size_t n, const uint64_t *hlen)
{
    for (size_t i = 0; i < n; i++) {
        c->src->file_bytes += files[i].size;
        c->src->header_bytes += 8 + hlen[i];
    }
}

static lx_status rm_config_text(rm_ctx *c, const lx_http_req *r, const char *name)
{
    if (r->status == 404 || !r->body) return LX_OK;
    return lx_hfconfig_parse((const char *)r->body, r->n, name, &c->src->hp, c->err);
}

/* The config.json request beside a file (optional unless it is all there is). */
static void rm_config_req(const char *url, char *cfg_url, size_t cap, lx_http_req *r, bool have_cfg)
{
    rm_sibling(url, "config.json", cfg_url, cap);
    *r = (lx_http_req){ .url = cfg_url, .max_body = LX_HFCONFIG_MAX_BYTES, .optional = true };
    if (!have_cfg) r->url = NULL;
}

static void rm_name_of(const char *name, const char *file, char *out, size_t cap)
{
    const char *s = strrchr(name, '/');
    int dir = s ? (int)(s - name) : (int)strlen(name);
    snprintf(out, cap, "%.*s/%.*s", dir, name, 900, file);
}

static lx_status rm_st_single(rm_ctx *c, const char *url, const char *name, bool have_cfg)
{
    char cfg_url[2100], cfg_name[1200];
    lx_http_req cfg;
    rm_config_req(url, cfg_url, sizeof cfg_url, &cfg, have_cfg);
    rm_name_of(name, "config.json", cfg_name, sizeof cfg_name);
    rm_file f = {0};
    snprintf(f.url, sizeof f.url, "%s", url);
    snprintf(f.name, sizeof f.name, "%s", name);
    uint64_t hlen = 0, want = RM_ST_FIRST;
    c->src->format = LX_FMT_SAFETENSORS;
    if ((!cfg.url || rm_get_whole(c, &cfg, 1) == LX_OK) && rm_st_headers(c, &f, 1, &want, &hlen) == LX_OK &&
        lx_st_parse_header(f.name, (const char *)f.buf + 8, hlen, f.size, 0, &c->src->tensors, c->err) == LX_OK &&
        (!cfg.url || rm_config_text(c, &cfg, cfg_name) == LX_OK)) {
        c->src->has_tensors = true;
        rm_st_count(c, &f, 1, &hlen);
    }
    if (cfg.url) lx_http_req_free(&cfg);
    rm_file_free(&f);
    return c->err->code;
}

/* Header bytes of one tensor besides its name, as an upper bound for the usual entry
 * "NAME":{"dtype":"D","shape":[S],"data_offsets":[A,B]}, : the JSON around it (RM_ST_JSON), the
 * longest dtype name (F8_E4M3), a shape of two 6-digit sizes, and two offsets of at most as many
 * digits as the model's total size (the index's total_size bounds every offset in a shard;
 * RM_ST_DIGITS without one). */
static uint64_t rm_st_entry(const lx_st_index *idx)
{
    uint64_t digits = 0;
    for (uint64_t v = idx->has_total_size ? idx->total_size : 0; v; v /= 10) digits++;
    if (!idx->has_total_size || digits < 1) digits = RM_ST_DIGITS;
    return RM_ST_JSON + RM_ST_DTYPE + RM_ST_SHAPE + 2 * digits;
}

/* A first range per shard sized from the index: each tensor it maps there takes its name plus
 * rm_st_entry bytes at most, so a header comes whole in one request, a few percent past its
 * end; one longer than that (shapes of 3 or more dimensions, an index that lies) costs one more
 * request. */
static void rm_st_estimate(const lx_st_index *idx, uint64_t *want)
{
    uint64_t entry = rm_st_entry(idx);
    for (size_t i = 0; i < idx->n_files; i++) want[i] = 8 + RM_ST_SLACK;
    for (size_t k = 0; k < idx->n_names; k++)
        if (idx->name_file[k] >= 0) want[idx->name_file[k]] += strlen(idx->names[k]) + entry;
}

/* Shards of a parsed index, fetched and checked against its weight_map. */
static lx_status rm_st_shards(rm_ctx *c, const lx_st_index *idx, const char *index_url, const char *index_name)
{
    size_t n = idx->n_files;
    rm_file *files = calloc(n ? n : 1, sizeof *files);
    uint64_t *hlen = calloc(n ? n : 1, sizeof *hlen), *want = calloc(n ? n : 1, sizeof *want);
    lx_st_shard_hdr *h = calloc(n ? n : 1, sizeof *h);
    if (!files || !hlen || !h || !want) lx_err_set(c->err, LX_ERR_IO, "%s: out of memory", c->what);
    else rm_st_estimate(idx, want);
    for (size_t i = 0; !lx_err_failed(c->err) && i < n; i++) {
        rm_sibling(index_url, idx->files[i], files[i].url, sizeof files[i].url);
        rm_name_of(index_name, idx->files[i], files[i].name, sizeof files[i].name);
    }
    if (!lx_err_failed(c->err) && rm_st_headers(c, files, n, want, hlen) == LX_OK) {
        for (size_t i = 0; i < n; i++)
            h[i] = (lx_st_shard_hdr){ files[i].name, (const char *)files[i].buf + 8, hlen[i], files[i].size };
        if (lx_st_parse_shards(idx, h, &c->src->tensors, c->err) == LX_OK) rm_st_count(c, files, n, hlen);
    }
    for (size_t i = 0; files && i < n; i++) rm_file_free(&files[i]);
    free(files);
    free(hlen);
    free(want);
    free(h);
    return c->err->code;
}

/* The index and config.json: fetched here, or already (pre: both requests done, either 404). */
static lx_status rm_st_index(rm_ctx *c, const char *url, const char *name, bool have_cfg, lx_http_req *pre)
{
    char cfg_url[2100], cfg_name[1200];
    lx_http_req own[2], *r = pre ? pre : own;
    if (!pre) {
        own[0] = (lx_http_req){ .url = url, .max_body = LX_ST_MAX_INDEX };
        rm_config_req(url, cfg_url, sizeof cfg_url, &own[1], have_cfg);
    }
    rm_name_of(name, "config.json", cfg_name, sizeof cfg_name);
    c->src->format = LX_FMT_SAFETENSORS;
    lx_st_index idx;
    if ((pre || rm_get_whole(c, r, r[1].url ? 2 : 1) == LX_OK) &&
        lx_st_index_parse(name, (const char *)r[0].body, r[0].n, &idx, c->err) == LX_OK) {
        c->src->file_bytes += r[0].n;
        c->src->header_bytes += r[0].n;
        if (rm_st_shards(c, &idx, url, name) == LX_OK && (!r[1].url || rm_config_text(c, &r[1], cfg_name) == LX_OK))
            c->src->has_tensors = true;
        lx_st_index_free(&idx);
    }
    lx_http_req_free(&r[0]);
    if (r[1].url) lx_http_req_free(&r[1]);
    return c->err->code;
}

static lx_status rm_config(rm_ctx *c, const char *url, const char *name)
{
    lx_http_req r = { .url = url, .max_body = LX_HFCONFIG_MAX_BYTES };
    c->src->format = LX_FMT_CONFIG;
    if (rm_get_whole(c, &r, 1) == LX_OK) lx_hfconfig_parse((const char *)r.body, r.n, name, &c->src->hp, c->err);
    lx_http_req_free(&r);
    return c->err->code;
}

/* ------------------------------------------------------------------ dispatch */

/* By the file's name: .gguf, .safetensors, .index.json, other .json = a config. */
static lx_status rm_open_file(rm_ctx *c, const char *url, const char *name, bool have_cfg)
{
    char base[1100];
    rm_base(url, base, sizeof base);
    if (rm_ends(base, ".gguf")) return rm_gguf(c, url, name);
    if (rm_ends(base, ".safetensors")) return rm_st_single(c, url, name, have_cfg);
    if (rm_ends(base, ".index.json")) return rm_st_index(c, url, name, have_cfg, NULL);
    if (rm_ends(base, ".json")) return rm_config(c, url, name);
    return lx_err_set(c->err, LX_ERR_MODEL, "%s: not a model file llmxray knows (expected .gguf, .safetensors, "
                      "model.safetensors.index.json or config.json)", name);
}

/* The repository's file names from the Hub API ("siblings": [{"rfilename": ...}]), fetched
 * together with n_extra other requests (extra). */
static lx_status rm_list(rm_ctx *c, const rm_target *t, json_t **files, lx_http_req *extra, size_t n_extra)
{
    char url[2200];
    snprintf(url, sizeof url, "%s/api/models/%s", c->endpoint, t->repo);
    if (strcmp(t->rev, "main") != 0) {
        size_t n = strlen(url);
        snprintf(url + n, sizeof url - n, "/revision/");
        rm_escape(url, sizeof url, t->rev, false);
    }
    lx_http_req r[3] = { { .url = url, .max_body = RM_LIST_MAX } };
    if (n_extra > 2) n_extra = 2;
    for (size_t i = 0; i < n_extra; i++) r[1 + i] = extra[i];
    lx_status st = rm_get_whole(c, r, 1 + n_extra);
    for (size_t i = 0; i < n_extra; i++) extra[i] = r[1 + i];
    if (st != LX_OK) return st;
    json_error_t je;
    json_t *root = json_loadb((const char *)r[0].body, r[0].n, 0, &je);
    lx_http_req_free(&r[0]);
    json_t *sib = json_object_get(root, "siblings");
    if (!json_is_array(sib)) {
        json_decref(root);
        return lx_err_set(c->err, LX_ERR_IO, "%s: line %d:%d: the Hub's answer has no \"siblings\" list (expected "
                          "{\"siblings\": [{\"rfilename\": ...}, ...]})", url, je.line, je.column);
    }
    *files = json_incref(sib);
    json_decref(root);
    return LX_OK;
}

static bool rm_has(json_t *files, const char *name)
{
    size_t i;
    json_t *v;
    json_array_foreach(files, i, v) {
        const char *f = json_string_value(json_object_get(v, "rfilename"));
        if (f && !strcmp(f, name)) return true;
    }
    return false;
}

static int rm_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The GGUF files of a listing, first shards only, sorted; the first is picked. */
static lx_status rm_pick_gguf(rm_ctx *c, json_t *files, char *out, size_t cap)
{
    size_t n = 0, i;
    json_t *v;
    const char **g = calloc(json_array_size(files) + 1, sizeof *g);
    if (!g) return lx_err_set(c->err, LX_ERR_IO, "%s: out of memory", c->what);
    json_array_foreach(files, i, v) {
        const char *f = json_string_value(json_object_get(v, "rfilename"));
        size_t p;
        unsigned k, m;
        if (f && rm_ends(f, ".gguf") && !strstr(f, "..") && f[0] != '/' && (!lx_gguf_split_name(f, &p, &k, &m) || k == 1))
            g[n++] = f;
    }
    qsort(g, n, sizeof *g, rm_cmp);
    if (n) snprintf(out, cap, "%s", g[0]);
    if (n > 1) {
        char list[200] = "";
        for (size_t j = 1; j < n && strlen(list) + strlen(g[j]) + 3 < sizeof list; j++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", j > 1 ? ", " : "", g[j]);
        lx_source_warn(c->src, "the repository holds %zu GGUF files; drawing %s (others: %s%s; name one as "
                       "hf:ORG/NAME/FILE)", n, g[0], list, strlen(list) + 40 < sizeof list ? "" : ", ...");
    }
    free(g);
    return LX_OK;
}

/* Which file of a repository to read: an index, one safetensors, a GGUF, or config.json. */
static lx_status rm_pick(rm_ctx *c, json_t *files, char *out, size_t cap)
{
    static const char *const PREFER[] = { "model.safetensors.index.json", "model.safetensors" };
    for (size_t i = 0; i < 2; i++)
        if (rm_has(files, PREFER[i])) {
            snprintf(out, cap, "%s", PREFER[i]);
            return LX_OK;
        }
    out[0] = '\0';
    if (rm_pick_gguf(c, files, out, cap) != LX_OK || out[0]) return c->err->code;
    if (rm_has(files, "config.json")) {
        snprintf(out, cap, "config.json");
        lx_source_warn(c->src, "the repository holds no weights llmxray reads; counts come from config.json");
        return LX_OK;
    }
    return lx_err_set(c->err, LX_ERR_MODEL, "%s: the repository holds no .gguf, .safetensors or config.json "
                      "(expected a model repository)", c->what);
}

/* Lists the repository and picks its file; the safetensors index and config.json most
 * repositories hold are fetched with the listing (pre; a 404 when absent), saving a round trip. */
static lx_status rm_hub_pick(rm_ctx *c, const rm_target *t, char *file, size_t cap, bool *have_cfg,
                             lx_http_req *pre, char urls[2][2200])
{
    rm_resolve(c, t, "model.safetensors.index.json", urls[0], sizeof urls[0]);
    rm_resolve(c, t, "config.json", urls[1], sizeof urls[1]);
    pre[0] = (lx_http_req){ .url = urls[0], .max_body = LX_ST_MAX_INDEX, .optional = true };
    pre[1] = (lx_http_req){ .url = urls[1], .max_body = LX_HFCONFIG_MAX_BYTES, .optional = true };
    json_t *files = NULL;
    if (rm_list(c, t, &files, pre, 2) != LX_OK) return c->err->code;
    rm_pick(c, files, file, cap);
    *have_cfg = rm_has(files, "config.json");
    json_decref(files);
    return c->err->code;
}

static lx_status rm_open_hub(rm_ctx *c, const rm_target *t)
{
    char file[1024], url[2200], name[1400], urls[2][2200];
    bool have_cfg = true;
    lx_http_req pre[2] = { { .url = NULL }, { .url = NULL } };
    snprintf(file, sizeof file, "%s", t->file);
    lx_status st = file[0] ? LX_OK : rm_hub_pick(c, t, file, sizeof file, &have_cfg, pre, urls);
    rm_resolve(c, t, file, url, sizeof url);
    snprintf(name, sizeof name, "hf:%s/%s", t->repo, file);
    if (st == LX_OK && pre[0].body && !strcmp(file, "model.safetensors.index.json")) {
        st = rm_st_index(c, url, name, have_cfg, pre); /* frees pre */
    } else {
        lx_http_req_free(&pre[0]);
        lx_http_req_free(&pre[1]);
        if (st == LX_OK) st = rm_open_file(c, url, name, have_cfg);
    }
    const char *slash = strchr(t->repo, '/');
    if (st == LX_OK && !c->src->hp.name[0]) snprintf(c->src->hp.name, sizeof c->src->hp.name, "%s", slash + 1);
    return st;
}

lx_status lx_remote_open(const char *what, const lx_remote_opts *opts, lx_source *src, lx_err *err)
{
    lx_remote_opts def = lx_remote_defaults();
    rm_target t;
    rm_ctx c;
    if (rm_parse(what, &t, err) != LX_OK || rm_init(&c, what, opts ? opts : &def, src, err) != LX_OK)
        return err->code;
    lx_status st = t.hub ? rm_open_hub(&c, &t) : rm_open_file(&c, t.url, t.url, true);
    if (st == LX_OK && !src->hp.name[0]) {
        rm_base(t.url, src->hp.name, sizeof src->hp.name);
        char *dot = strrchr(src->hp.name, '.');
        if (dot && dot != src->hp.name) *dot = '\0';
    }
    rm_done(&c);
    return st;
}
