/* infer/tokenizer — see tokenizer.h. The vocabulary (pieces, hashed index, special
 * tokens), the table of tokenizer kinds, special-token splitting, and dispatch. */
#include "infer/tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infer/tok_int.h"
#include "infer/tok_pre.h"

#define MAX_VOCAB ((size_t)1 << 24)
#define MAX_PIECE ((uint32_t)1 << 16)

/* One row per kind of vocabulary. */
static const struct tok_kind {
    const char *code; /* the family registry's name of the kind (model/families: .tokenizer) */
    const char *name;
    lx_tok_prepare_fn prepare;
    lx_tok_encode_fn encode;
    lx_tok_bytes_fn bytes;
    bool space_after_bos; /* decoding drops the space a word carries right after BOS */
} KINDS[LX_TOK_ALGO_COUNT] = {
    [LX_TOK_SPM] = {"spm", "SentencePiece", lx_tok_spm_prepare, lx_tok_spm_encode, lx_tok_spm_bytes, true},
    [LX_TOK_BPE] = {"bpe", "byte-level BPE", lx_tok_bpe_prepare, lx_tok_bpe_encode, lx_tok_bpe_bytes, false},
    [LX_TOK_WPM] = {"wpm", "WordPiece", NULL, lx_tok_wpm_encode, lx_tok_wpm_bytes, true},
};

const char *lx_tok_algo_name(const lx_tok *t) { return KINDS[t->algo].name; }
const char *lx_tok_algo_code(const lx_tok *t) { return KINDS[t->algo].code; }

bool lx_tok_algo_from_code(const char *code, lx_tok_algo *out)
{
    for (int k = 0; k < LX_TOK_ALGO_COUNT; k++)
        if (code && strcmp(KINDS[k].code, code) == 0) { *out = (lx_tok_algo)k; return true; }
    return false;
}
const char *lx_tok_pre_name(const lx_tok *t) { return t->algo == LX_TOK_BPE && t->pre ? t->pre->name : NULL; }

/* A doubling array with room for element n: the (maybe moved) array, NULL on OOM (the
 * old one is kept). */
static void *grow(void *v, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap) return v;
    size_t c = *cap ? 2 * *cap : 16;
    void *p = c <= SIZE_MAX / elem ? realloc(v, c * elem) : NULL;
    if (p) *cap = c;
    return p;
}

void lx_tok_ids_push(lx_tok_ids *o, int32_t id)
{
    int32_t *v = o->oom ? NULL : grow(o->v, &o->cap, o->n, sizeof *v);
    if (!v) { o->oom = true; return; }
    o->v = v;
    o->v[o->n++] = id;
}

void lx_tok_free(lx_tok *t)
{
    if (t->piece)
        for (size_t i = 0; i < t->n; i++) free(t->piece[i]);
    free(t->piece);
    free(t->len);
    free(t->score);
    free(t->kind);
    free(t->index);
    free(t->merges);
    free(t->special);
    memset(t, 0, sizeof *t);
}

/* (piece, len, id) triples for qsort, which has no context argument. */
typedef struct sort_item {
    const char *p;
    uint32_t len, id;
} sort_item;

/* Longest first, then by id, so the order does not depend on qsort. */
static int cmp_special(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    if (x->len != y->len) return x->len > y->len ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static bool is_special_kind(uint8_t k) { return k == LX_TOK_CONTROL || k == LX_TOK_USER || k == LX_TOK_UNKNOWN; }

/* FNV-1a over the piece's bytes. */
static size_t piece_hash(const char *p, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
    return (size_t)(h ^ (h >> 29));
}

/* The slot of piece p in the index: the one holding it, or the empty one where it goes. */
static size_t index_slot(const lx_tok *t, const char *p, size_t len)
{
    size_t i = piece_hash(p, len) & t->index_mask;
    for (uint32_t id; (id = t->index[i]) != 0; i = (i + 1) & t->index_mask)
        if (t->len[id - 1] == len && memcmp(t->piece[id - 1], p, len) == 0) break;
    return i;
}

/* The hash index over the pieces (a piece listed twice finds its last id, as llama.cpp's
 * map does), and the special pieces, longest first. */
static bool build_index(lx_tok *t)
{
    size_t cap = 16;
    while (cap < 2 * t->n) cap *= 2;
    if (!(t->index = calloc(cap, sizeof *t->index))) return false;
    t->index_mask = cap - 1;
    for (size_t i = 0; i < t->n; i++) t->index[index_slot(t, t->piece[i], t->len[i])] = (uint32_t)i + 1;
    sort_item *items = malloc((t->n ? t->n : 1) * sizeof *items);
    if (!items) return false;
    size_t m = 0;
    for (size_t i = 0; i < t->n; i++)
        if (is_special_kind(t->kind[i]) && t->len[i] > 0) items[m++] = (sort_item){t->piece[i], t->len[i], (uint32_t)i};
    qsort(items, m, sizeof *items, cmp_special);
    t->special = malloc((m ? m : 1) * sizeof *t->special);
    if (t->special)
        for (size_t i = 0; i < m; i++) t->special[i] = items[i].id;
    t->n_special = m;
    free(items);
    return t->special != NULL;
}

int32_t lx_tok_find(const lx_tok *t, const char *piece, size_t len)
{
    if (!t->index) return -1;
    return (int32_t)t->index[index_slot(t, piece, len)] - 1;
}

int lx_tok_parse_byte_piece(const char *p, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    if (len != 6 || memcmp(p, "<0x", 3) != 0 || p[5] != '>') return -1;
    const char *hi = memchr(hex, p[3], 16), *lo = memchr(hex, p[4], 16);
    if (!hi || !lo || !p[3] || !p[4]) return -1;
    return (int)((hi - hex) * 16 + (lo - hex));
}

static bool alloc_arrays(lx_tok *t, size_t n)
{
    size_t m = n ? n : 1;
    t->n = n;
    t->piece = calloc(m, sizeof *t->piece);
    t->len = calloc(m, sizeof *t->len);
    t->score = calloc(m, sizeof *t->score);
    t->kind = calloc(m, sizeof *t->kind);
    return t->piece && t->len && t->score && t->kind;
}

static int32_t valid_id(int32_t id, size_t n) { return id >= 0 && (size_t)id < n ? id : -1; }

static lx_status copy_pieces(lx_tok *t, const lx_tok_spec *s, const char *path, lx_err *err)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->lens[i] > MAX_PIECE)
            return lx_err_set(err, LX_ERR_MODEL, "%stoken %zu: piece of %u bytes is too long (expected at most %u)",
                              path, i, s->lens[i], MAX_PIECE);
        if (!(t->piece[i] = malloc((size_t)s->lens[i] + 1)))
            return lx_err_set(err, LX_ERR_IO, "out of memory building the vocabulary");
        memcpy(t->piece[i], s->pieces[i], s->lens[i]);
        t->piece[i][s->lens[i]] = '\0';
        t->len[i] = s->lens[i];
        t->score[i] = s->scores ? s->scores[i] : 0.0f;
        t->kind[i] = s->kinds ? s->kinds[i] : LX_TOK_NORMAL;
        if (t->len[i] > t->max_len) t->max_len = t->len[i];
    }
    return LX_OK;
}

lx_status lx_tok_build_spec(lx_tok *t, const lx_tok_spec *s, const char *path, lx_err *err)
{
    memset(t, 0, sizeof *t);
    char where[600] = "";
    if (path) snprintf(where, sizeof where, "%s: ", path);
    if (s->algo >= LX_TOK_ALGO_COUNT) return lx_err_set(err, LX_ERR_MODEL, "%sunknown tokenizer kind", where);
    if (s->n > MAX_VOCAB)
        return lx_err_set(err, LX_ERR_MODEL, "%svocabulary of %zu pieces is too large (expected at most %zu)", where,
                          s->n, MAX_VOCAB);
    t->algo = s->algo;
    if (!alloc_arrays(t, s->n)) goto oom;
    if (copy_pieces(t, s, where, err)) goto fail;
    for (int b = 0; b < 256; b++) t->byte_id[b] = -1;
    t->bos = valid_id(s->bos, s->n);
    t->eos = valid_id(s->eos, s->n);
    t->unk = valid_id(s->unk, s->n);
    t->add_space_prefix = s->add_space_prefix;
    t->add_bos = s->add_bos;
    if (!build_index(t)) goto oom;
    if (KINDS[t->algo].prepare && KINDS[t->algo].prepare(t, s, path ? path : "vocabulary", err)) goto fail;
    return LX_OK;
oom:
    lx_err_set(err, LX_ERR_IO, "out of memory building the vocabulary");
fail:
    lx_tok_free(t);
    return err->code;
}

lx_status lx_tok_build(lx_tok *t, size_t n, const char *const *pieces, const uint32_t *lens,
                       const float *scores, const uint8_t *kinds, int32_t bos, int32_t eos,
                       int32_t unk, lx_err *err)
{
    lx_tok_spec s = {.algo = LX_TOK_SPM, .n = n, .pieces = pieces, .lens = lens, .scores = scores, .kinds = kinds,
                     .bos = bos, .eos = eos, .unk = unk, .add_space_prefix = true, .add_bos = true};
    return lx_tok_build_spec(t, &s, NULL, err);
}

/* ---- encoding: special tokens first, then the kind's algorithm on the text between ---- */

typedef struct frag {
    size_t start, len;
    int32_t id; /* -1: plain text */
} frag;

typedef struct frags {
    frag *v;
    size_t n, cap;
    bool oom;
} frags;

static void frags_push(frags *f, frag x)
{
    if (f->oom || (x.id < 0 && x.len == 0)) return;
    frag *v = grow(f->v, &f->cap, f->n, sizeof *v);
    if (!v) { f->oom = true; return; }
    f->v = v;
    f->v[f->n++] = x;
}

static const char *find_bytes(const char *h, size_t hl, const char *n, size_t nl)
{
    if (nl == 0 || nl > hl) return NULL;
    for (const char *p = h, *end = h + hl - nl; p <= end; p++) {
        p = memchr(p, n[0], (size_t)(end - p) + 1);
        if (!p) return NULL;
        if (memcmp(p, n, nl) == 0) return p;
    }
    return NULL;
}

/* Splits every text fragment of *f at each occurrence of special token id. */
static void split_at(const lx_tok *t, const char *text, frags *f, int32_t id)
{
    frags out = {0};
    const char *p = t->piece[id];
    size_t pl = t->len[id];
    for (size_t i = 0; i < f->n; i++) {
        frag x = f->v[i];
        if (x.id >= 0) { frags_push(&out, x); continue; }
        size_t at = x.start, end = x.start + x.len;
        for (const char *hit; (hit = find_bytes(text + at, end - at, p, pl));) {
            size_t h = (size_t)(hit - text);
            frags_push(&out, (frag){at, h - at, -1});
            frags_push(&out, (frag){h, pl, id});
            at = h + pl;
        }
        frags_push(&out, (frag){at, end - at, -1});
    }
    out.oom |= f->oom;
    free(f->v);
    *f = out;
}

static frags partition(const lx_tok *t, const char *text, size_t len, bool parse_special)
{
    frags f = {0};
    frags_push(&f, (frag){0, len, -1});
    for (size_t k = 0; k < t->n_special && !f.oom; k++) {
        int32_t id = (int32_t)t->special[k];
        if (!parse_special && t->kind[id] != LX_TOK_USER) continue;
        split_at(t, text, &f, id);
    }
    return f;
}

lx_status lx_tok_encode_ex(const lx_tok *t, const char *text, size_t len, bool add_bos, bool parse_special,
                           int32_t **ids, size_t *n_ids, lx_err *err)
{
    lx_tok_ids out = {0};
    if (add_bos && t->bos >= 0) lx_tok_ids_push(&out, t->bos);
    frags f = partition(t, text, len, parse_special);
    bool first = true;
    for (size_t i = 0; i < f.n && !f.oom && !out.oom; i++) {
        if (f.v[i].id >= 0) lx_tok_ids_push(&out, f.v[i].id);
        else if (KINDS[t->algo].encode(t, text + f.v[i].start, f.v[i].len, first, &out, err)) break;
        first = f.v[i].id >= 0;
    }
    bool oom = f.oom || out.oom;
    free(f.v);
    if (!lx_err_failed(err) && oom) lx_err_set(err, LX_ERR_IO, "out of memory encoding the text");
    if (lx_err_failed(err)) {
        free(out.v);
        return err->code;
    }
    *ids = out.v ? out.v : malloc(sizeof *out.v);
    *n_ids = out.n;
    if (!*ids) return lx_err_set(err, LX_ERR_IO, "out of memory encoding the text");
    return LX_OK;
}

lx_status lx_tok_encode(const lx_tok *t, const char *text, bool add_bos, int32_t **ids,
                        size_t *n_ids, lx_err *err)
{
    return lx_tok_encode_ex(t, text, strlen(text), add_bos && t->add_bos, false, ids, n_ids, err);
}

/* ---- decoding ---- */

static bool is_silent(uint8_t k) { return k == LX_TOK_CONTROL || k == LX_TOK_UNKNOWN || k == LX_TOK_UNUSED; }

void lx_tok_decode(const lx_tok *t, int32_t prev, int32_t id, lx_buf *out)
{
    if (id < 0 || (size_t)id >= t->n || is_silent(t->kind[id])) return;
    if (t->kind[id] == LX_TOK_USER) { lx_buf_put(out, t->piece[id], t->len[id]); return; }
    size_t at = out->len;
    KINDS[t->algo].bytes(t, id, out);
    bool after_bos = prev >= 0 && prev == t->bos;
    if (KINDS[t->algo].space_after_bos && after_bos && out->len > at && out->data[at] == ' ') {
        memmove(out->data + at, out->data + at + 1, out->len - at - 1);
        out->len--;
        out->data[out->len] = '\0';
    }
}

char *lx_tok_label(const lx_tok *t, int32_t id)
{
    if (id < 0 || (size_t)id >= t->n) return NULL;
    lx_buf raw, b;
    lx_buf_init(&raw), lx_buf_init(&b);
    uint8_t k = t->kind[id];
    if (is_special_kind(k) || k == LX_TOK_UNUSED || (k == LX_TOK_BYTE && t->algo == LX_TOK_SPM))
        lx_buf_put(&raw, t->piece[id], t->len[id]);
    else KINDS[t->algo].bytes(t, id, &raw);
    lx_buf_put_utf8_visible(&b, raw.data ? raw.data : "", raw.len);
    lx_buf_free(&raw);
    if (!lx_buf_ok(&b)) { lx_buf_free(&b); return NULL; }
    return b.data ? b.data : calloc(1, 1);
}
