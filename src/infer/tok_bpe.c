/* infer/tok_bpe — byte-level BPE (see tokenizer.h): GPT-2's byte-to-character mapping,
 * the merge table (a hash of (left id, right id) -> rank and result) and encoding of one
 * fragment: pre-tokenizer words, each merged lowest rank first (leftmost on ties; tok_merge). */
#include <stdlib.h>
#include <string.h>

#include "infer/tok_int.h"
#include "infer/tok_merge.h"
#include "infer/tok_pre.h"
#include "infer/tok_uni.h"

struct lx_tok_merge {
    uint64_t key; /* (left << 32 | right) + 1; 0 = empty slot */
    uint32_t rank;
    int32_t result;
};

/* GPT-2's mapping: printable Latin-1 bytes stand for themselves, the other 68 bytes for
 * U+0100 onwards in byte order. */
static uint32_t byte_char(unsigned b)
{
    bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
    if (printable) return b;
    unsigned n = 0;
    for (unsigned c = 0; c < b; c++)
        if (!((c >= '!' && c <= '~') || (c >= 0xA1 && c <= 0xAC) || (c >= 0xAE))) n++;
    return 256 + n;
}

/* The byte a GPT-2 character stands for, or -1. */
static int char_byte(uint32_t cp)
{
    if (cp < 256) return byte_char(cp) == cp ? (int)cp : -1;
    if (cp >= 256 + 68) return -1;
    for (unsigned b = 0; b < 256; b++)
        if (byte_char(b) == cp) return (int)b;
    return -1;
}

static uint64_t hash64(uint64_t x)
{
    x ^= x >> 33, x *= 0xff51afd7ed558ccdULL, x ^= x >> 33, x *= 0xc4ceb9fe1a85ec53ULL, x ^= x >> 33;
    return x;
}

static uint64_t pair_key(int32_t a, int32_t b) { return ((uint64_t)(uint32_t)a << 32 | (uint32_t)b) + 1; }

static const lx_tok_merge *merge_find(const lx_tok *t, int32_t a, int32_t b)
{
    if (!t->merge_cap) return NULL;
    uint64_t key = pair_key(a, b);
    for (size_t i = hash64(key) & (t->merge_cap - 1);; i = (i + 1) & (t->merge_cap - 1)) {
        if (t->merges[i].key == key) return &t->merges[i];
        if (!t->merges[i].key) return NULL;
    }
}

static void merge_put(lx_tok *t, int32_t a, int32_t b, uint32_t rank, int32_t result)
{
    uint64_t key = pair_key(a, b);
    for (size_t i = hash64(key) & (t->merge_cap - 1);; i = (i + 1) & (t->merge_cap - 1)) {
        if (t->merges[i].key == key) return; /* the first (best) rank stays */
        if (!t->merges[i].key) {
            t->merges[i] = (lx_tok_merge){key, rank, result};
            t->n_merges++;
            return;
        }
    }
}

/* "left right" -> (left id, right id, joined id), -1 for what is no piece; false when
 * there is no space. */
static bool parse_merge(const lx_tok *t, const char *m, size_t len, int32_t ids[3], char *join)
{
    const char *sp = len > 1 ? memchr(m + 1, ' ', len - 1) : NULL;
    if (!sp) return false;
    size_t la = (size_t)(sp - m), lb = len - la - 1;
    memcpy(join, m, la), memcpy(join + la, sp + 1, lb);
    ids[0] = lx_tok_find(t, m, la);
    ids[1] = lx_tok_find(t, sp + 1, lb);
    ids[2] = lx_tok_find(t, join, la + lb);
    return true;
}

static lx_status build_merges(lx_tok *t, const lx_tok_spec *s, const char *path, lx_err *err)
{
    size_t cap = 16;
    while (cap < 2 * s->n_merges) cap *= 2;
    uint32_t max_merge = 0;
    for (size_t i = 0; i < s->n_merges; i++)
        if (s->merge_lens[i] > max_merge) max_merge = s->merge_lens[i];
    t->merges = calloc(cap, sizeof *t->merges);
    char *join = malloc((size_t)max_merge + 1);
    if (!t->merges || !join) {
        free(join);
        return lx_err_set(err, LX_ERR_IO, "out of memory reading the merges");
    }
    t->merge_cap = cap;
    for (size_t i = 0; i < s->n_merges; i++) {
        int32_t ids[3];
        if (!parse_merge(t, s->merges[i], s->merge_lens[i], ids, join)) {
            free(join);
            return lx_err_set(err, LX_ERR_MODEL, "%s: merge %zu has no space (expected \"left right\")", path, i);
        }
        /* a merge of or into something that is no piece can never apply to pieces */
        if (ids[0] >= 0 && ids[1] >= 0 && ids[2] >= 0) merge_put(t, ids[0], ids[1], (uint32_t)i, ids[2]);
    }
    free(join);
    return LX_OK;
}

lx_status lx_tok_bpe_prepare(lx_tok *t, const lx_tok_spec *s, const char *path, lx_err *err)
{
    t->pre = lx_tok_pre_find(s->pre);
    if (!t->pre) {
        char names[400];
        lx_tok_pre_names(names, sizeof names);
        return lx_err_set(err, LX_ERR_MODEL, "%s: pre-tokenizer '%s' is not supported (expected one of %s)", path,
                          s->pre, names);
    }
    t->ignore_merges = s->ignore_merges || t->pre->ignore_merges;
    for (unsigned b = 0; b < 256; b++) {
        char u[4];
        size_t k = lx_uni_encode(byte_char(b), u);
        t->byte_id[b] = lx_tok_find(t, u, k);
    }
    return build_merges(t, s, path, err);
}

/* Two adjacent symbols join when the merge table has the pair; the lowest rank first. */
static bool bpe_pair(const void *ctx, const lx_tok_node *a, const lx_tok_node *b, double *prio, int32_t *id)
{
    const lx_tok_merge *g = merge_find(ctx, a->id, b->id);
    if (!g) return false;
    *prio = (double)g->rank, *id = g->result;
    return true;
}

/* One word (bytes w[0..n)): symbols are its bytes' characters, merged by rank; nodes has
 * room for 2n. */
static lx_status encode_word(const lx_tok *t, const unsigned char *w, size_t n, lx_tok_node *nodes, lx_tok_ids *out,
                             lx_err *err)
{
    if (t->ignore_merges && n <= 256) {
        char enc[2 * 256];
        size_t k = 0;
        for (size_t i = 0; i < n; i++) k += lx_uni_encode(byte_char(w[i]), enc + k);
        int32_t id = lx_tok_find(t, enc, k);
        if (id >= 0) { lx_tok_ids_push(out, id); return LX_OK; }
    }
    for (size_t i = 0; i < n; i++) {
        int32_t id = t->byte_id[w[i]];
        if (id < 0) return lx_err_set(err, LX_ERR_MODEL, "the vocabulary has no piece for byte 0x%02X", w[i]);
        nodes[i] = (lx_tok_node){i, 1, id, -1, -1, (int32_t)i - 1, i + 1 < n ? (int32_t)i + 1 : -1, false};
    }
    bool oom;
    int32_t head = lx_tok_merge_all(nodes, n, bpe_pair, t, &oom);
    if (oom) return lx_err_set(err, LX_ERR_IO, "out of memory encoding the text");
    for (int32_t k = head; k >= 0; k = nodes[k].next) lx_tok_ids_push(out, nodes[k].id);
    return LX_OK;
}

lx_status lx_tok_bpe_encode(const lx_tok *t, const char *s, size_t len, bool first, lx_tok_ids *out, lx_err *err)
{
    (void)first;
    uint32_t *cp = malloc((len + 1) * sizeof *cp);
    size_t *off = malloc((len + 1) * sizeof *off), *ends = malloc((len + 1) * sizeof *ends);
    size_t *tmp = malloc((len + 1) * sizeof *tmp);
    lx_tok_node *nodes = malloc((2 * len + 1) * sizeof *nodes);
    lx_status st = LX_OK;
    if (!cp || !off || !ends || !tmp || !nodes) st = lx_err_set(err, LX_ERR_IO, "out of memory encoding the text");
    size_t n = 0;
    for (size_t i = 0; !st && i < len; n++) {
        off[n] = i;
        i += lx_uni_decode((const unsigned char *)s + i, len - i, &cp[n]);
    }
    if (!st) off[n] = len;
    size_t words = st ? 0 : lx_tok_pre_split(t->pre, cp, n, ends, tmp);
    for (size_t k = 0, from = 0; !st && k < words; from = ends[k++]) {
        size_t a = off[from], b = off[ends[k]];
        st = encode_word(t, (const unsigned char *)s + a, b - a, nodes, out, err);
    }
    free(cp), free(off), free(ends), free(tmp), free(nodes);
    return st;
}

void lx_tok_bpe_bytes(const lx_tok *t, int32_t id, lx_buf *out)
{
    const unsigned char *p = (const unsigned char *)t->piece[id];
    size_t len = t->len[id];
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = lx_uni_decode(p + i, len - i, &cp);
        int b = char_byte(cp);
        if (b >= 0) lx_buf_putc(out, (char)b);
        else lx_buf_put(out, p + i, k);
        i += k;
    }
}
