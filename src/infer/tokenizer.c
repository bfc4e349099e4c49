/* infer/tokenizer — see tokenizer.h. */
#include "infer/tokenizer.h"

#include <stdlib.h>
#include <string.h>

#define SPACE_MARK "\xe2\x96\x81" /* U+2581, SentencePiece's visible space */
#define MAX_VOCAB ((size_t)1 << 24)
#define MAX_PIECE ((uint32_t)1 << 16)

void lx_tok_free(lx_tok *t)
{
    if (t->piece)
        for (size_t i = 0; i < t->n; i++) free(t->piece[i]);
    free(t->piece);
    free(t->len);
    free(t->score);
    free(t->kind);
    free(t->sorted);
    memset(t, 0, sizeof *t);
}

static int cmp_bytes(const char *a, size_t la, const char *b, size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);
    if (c) return c;
    return la < lb ? -1 : la > lb;
}

/* qsort has no context argument: sort (piece, len, id) triples, then keep the ids. */
typedef struct sort_item {
    const char *p;
    uint32_t len, id;
} sort_item;

static int cmp_item(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    return cmp_bytes(x->p, x->len, y->p, y->len);
}

static bool build_index(lx_tok *t)
{
    sort_item *items = malloc((t->n ? t->n : 1) * sizeof *items);
    if (!items) return false;
    for (size_t i = 0; i < t->n; i++) items[i] = (sort_item){t->piece[i], t->len[i], (uint32_t)i};
    qsort(items, t->n, sizeof *items, cmp_item);
    for (size_t i = 0; i < t->n; i++) t->sorted[i] = items[i].id;
    free(items);
    return true;
}

int32_t lx_tok_find(const lx_tok *t, const char *piece, size_t len)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t id = t->sorted[mid];
        int c = cmp_bytes(t->piece[id], t->len[id], piece, len);
        if (c == 0) return (int32_t)id;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

/* "<0xNN>" -> NN, or -1. */
static int parse_byte_piece(const char *p, size_t len)
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
    t->sorted = calloc(m, sizeof *t->sorted);
    return t->piece && t->len && t->score && t->kind && t->sorted;
}

static int32_t valid_id(int32_t id, size_t n) { return id >= 0 && (size_t)id < n ? id : -1; }

lx_status lx_tok_build(lx_tok *t, size_t n, const char *const *pieces, const uint32_t *lens,
                       const float *scores, const uint8_t *kinds, int32_t bos, int32_t eos,
                       int32_t unk, lx_err *err)
{
    memset(t, 0, sizeof *t);
    if (n > MAX_VOCAB) return lx_err_set(err, LX_ERR_MODEL, "vocabulary of %zu pieces is too large", n);
    if (!alloc_arrays(t, n)) goto oom;
    for (size_t i = 0; i < n; i++) {
        if (lens[i] > MAX_PIECE) {
            lx_tok_free(t);
            return lx_err_set(err, LX_ERR_MODEL, "token %zu: piece of %u bytes is too long", i, lens[i]);
        }
        if (!(t->piece[i] = malloc((size_t)lens[i] + 1))) goto oom;
        memcpy(t->piece[i], pieces[i], lens[i]);
        t->piece[i][lens[i]] = '\0';
        t->len[i] = lens[i];
        t->score[i] = scores ? scores[i] : 0.0f;
        t->kind[i] = kinds ? kinds[i] : LX_TOK_NORMAL;
        if (t->len[i] > t->max_len) t->max_len = t->len[i];
    }
    for (int b = 0; b < 256; b++) t->byte_id[b] = -1;
    for (size_t i = n; i-- > 0;) {
        int b = parse_byte_piece(t->piece[i], t->len[i]);
        if (b >= 0) t->byte_id[b] = (int32_t)i;
    }
    t->bos = valid_id(bos, n);
    t->eos = valid_id(eos, n);
    t->unk = valid_id(unk, n);
    if (!build_index(t)) goto oom;
    return LX_OK;
oom:
    lx_tok_free(t);
    return lx_err_set(err, LX_ERR_IO, "out of memory building the vocabulary");
}

/* ---- encoding ---- */

/* Length of the UTF-8 character at s (1 for a stray byte), never past end. */
static size_t utf8_len(const unsigned char *s, size_t left)
{
    size_t n = s[0] < 0x80 ? 1 : (s[0] >> 5) == 6 ? 2 : (s[0] >> 4) == 14 ? 3 : (s[0] >> 3) == 30 ? 4 : 1;
    if (n > left) return 1;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 1;
    return n;
}

/* "▁" + text with every space replaced by "▁"; NULL on overflow or OOM. */
static char *normalize(const char *text, size_t *out_len)
{
    size_t len = strlen(text);
    if (len > (SIZE_MAX - 4) / 3) return NULL;
    char *s = malloc(3 * len + 4), *w = s;
    if (!s) return NULL;
    memcpy(w, SPACE_MARK, 3), w += 3;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == ' ') memcpy(w, SPACE_MARK, 3), w += 3;
        else *w++ = text[i];
    }
    *out_len = (size_t)(w - s);
    return s;
}

/* One symbol per character, or per byte where the character is not a piece. */
static size_t initial_symbols(const lx_tok *t, const char *s, size_t len, int32_t *ids)
{
    size_t m = 0;
    for (size_t i = 0; i < len;) {
        size_t cl = utf8_len((const unsigned char *)s + i, len - i);
        int32_t id = lx_tok_find(t, s + i, cl);
        if (id >= 0) ids[m++] = id;
        else
            for (size_t k = 0; k < cl; k++) {
                int32_t b = t->byte_id[(unsigned char)s[i + k]];
                ids[m++] = b >= 0 ? b : t->unk;
            }
        i += cl;
    }
    return m;
}

/* Id of the piece joining symbols a and b, or -1; join holds 2*max_len bytes. */
static int32_t joined(const lx_tok *t, int32_t a, int32_t b, char *join)
{
    if (a < 0 || b < 0) return -1;
    memcpy(join, t->piece[a], t->len[a]);
    memcpy(join + t->len[a], t->piece[b], t->len[b]);
    return lx_tok_find(t, join, (size_t)t->len[a] + t->len[b]);
}

/* Repeatedly merges the best-scoring adjacent pair; returns the new symbol count. */
static size_t merge_pairs(const lx_tok *t, int32_t *ids, size_t m, char *join)
{
    for (;;) {
        float best = 0.0f;
        size_t at = SIZE_MAX;
        int32_t best_id = -1;
        for (size_t i = 0; i + 1 < m; i++) {
            int32_t id = joined(t, ids[i], ids[i + 1], join);
            if (id >= 0 && (at == SIZE_MAX || t->score[id] > best)) best = t->score[id], at = i, best_id = id;
        }
        if (at == SIZE_MAX) return m;
        ids[at] = best_id;
        memmove(ids + at + 1, ids + at + 2, (m - at - 2) * sizeof *ids);
        m--;
    }
}

lx_status lx_tok_encode(const lx_tok *t, const char *text, bool add_bos, int32_t **ids,
                        size_t *n_ids, lx_err *err)
{
    size_t len = 0;
    char *s = text[0] ? normalize(text, &len) : calloc(1, 1);
    int32_t *v = s ? malloc((len + 1) * sizeof *v) : NULL;
    char *join = v ? malloc(2 * (size_t)t->max_len + 1) : NULL;
    if (!join) {
        free(s), free(v);
        return lx_err_set(err, LX_ERR_IO, "out of memory encoding the prompt");
    }
    size_t m = 0;
    if (add_bos && t->bos >= 0) v[m++] = t->bos;
    size_t k = initial_symbols(t, s, len, v + m);
    for (size_t i = 0; i < k; i++)
        if (v[m + i] < 0) {
            free(s), free(v), free(join);
            return lx_err_set(err, LX_ERR_MODEL, "the prompt has a character this vocabulary cannot spell "
                              "(no piece, no byte piece, no unknown token)");
        }
    m += merge_pairs(t, v + m, k, join);
    free(s), free(join);
    *ids = v;
    *n_ids = m;
    return LX_OK;
}

/* ---- decoding ---- */

void lx_tok_decode(const lx_tok *t, int32_t prev, int32_t id, lx_buf *out)
{
    if (id < 0 || (size_t)id >= t->n) return;
    const char *p = t->piece[id];
    size_t len = t->len[id];
    int b = parse_byte_piece(p, len);
    if (b >= 0 && t->kind[id] == LX_TOK_BYTE) { lx_buf_putc(out, (char)b); return; }
    if (t->kind[id] == LX_TOK_CONTROL || t->kind[id] == LX_TOK_UNKNOWN || t->kind[id] == LX_TOK_UNUSED) return;
    bool first = prev >= 0 && prev == t->bos;
    for (size_t i = 0; i < len;) {
        if (i + 3 <= len && memcmp(p + i, SPACE_MARK, 3) == 0) {
            if (!(first && i == 0)) lx_buf_putc(out, ' ');
            i += 3;
        } else lx_buf_putc(out, p[i++]);
    }
}

char *lx_tok_label(const lx_tok *t, int32_t id)
{
    if (id < 0 || (size_t)id >= t->n) return NULL;
    const char *p = t->piece[id];
    size_t len = t->len[id];
    char *out = malloc(len + 1), *w = out;
    if (!out) return NULL;
    for (size_t i = 0; i < len;) {
        if (i + 3 <= len && memcmp(p + i, SPACE_MARK, 3) == 0) *w++ = ' ', i += 3;
        else *w++ = p[i++];
    }
    *w = '\0';
    return out;
}
