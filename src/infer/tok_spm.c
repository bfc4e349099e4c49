/* infer/tok_spm — SentencePiece encoding as llama.cpp does it (see tokenizer.h): one
 * symbol per UTF-8 character; repeatedly merge the adjacent pair whose joined text is the
 * best-scoring piece (leftmost of equal scores); a final symbol that is no piece is split
 * back along the merges that made it, down to pieces or byte pieces. */
#include <stdlib.h>
#include <string.h>

#include "infer/tok_int.h"
#include "infer/tok_uni.h"

lx_status lx_tok_spm_prepare(lx_tok *t, const lx_tok_spec *s, const char *path, lx_err *err)
{
    (void)s, (void)path, (void)err;
    for (size_t i = t->n; i-- > 0;) {
        int b = lx_tok_parse_byte_piece(t->piece[i], t->len[i]);
        if (b >= 0) t->byte_id[b] = (int32_t)i;
    }
    return LX_OK;
}

/* A symbol: bytes [start, start+len) of the text; left/right: the two symbols it was
 * merged from (-1 for a character). */
typedef struct sym {
    size_t start, len;
    int32_t left, right;
} sym;

/* "▁" in front (when asked) and every space as "▁". */
static char *escape_spaces(const lx_tok *t, const char *text, size_t len, bool first, size_t *out_len)
{
    if (len > (SIZE_MAX - 4) / 3) return NULL;
    char *s = malloc(3 * len + 4), *w = s;
    if (!s) return NULL;
    if (first && t->add_space_prefix) memcpy(w, LX_TOK_SPACE_MARK, 3), w += 3;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == ' ') memcpy(w, LX_TOK_SPACE_MARK, 3), w += 3;
        else *w++ = text[i];
    }
    *out_len = (size_t)(w - s);
    return s;
}

/* Spells symbol k: its piece, or the symbols it was merged from, or its bytes. */
static void resegment(const lx_tok *t, const char *s, const sym *syms, int32_t k, lx_tok_ids *out)
{
    const sym *y = &syms[k];
    int32_t id = lx_tok_find(t, s + y->start, y->len);
    if (id >= 0) { lx_tok_ids_push(out, id); return; }
    if (y->left >= 0) {
        resegment(t, s, syms, y->left, out);
        resegment(t, s, syms, y->right, out);
        return;
    }
    for (size_t i = 0; i < y->len; i++) {
        int32_t b = t->byte_id[(unsigned char)s[y->start + i]];
        lx_tok_ids_push(out, b >= 0 ? b : t->unk);
    }
}

/* Merges best pairs over live[0..m) (indices into syms, which has room for 2m). */
static size_t merge(const lx_tok *t, const char *s, sym *syms, size_t n_syms, int32_t *live, size_t m)
{
    for (;;) {
        float best = 0.0f;
        size_t at = SIZE_MAX;
        for (size_t i = 0; i + 1 < m; i++) {
            const sym *a = &syms[live[i]], *b = &syms[live[i + 1]];
            int32_t id = lx_tok_find(t, s + a->start, a->len + b->len);
            if (id >= 0 && (at == SIZE_MAX || t->score[id] > best)) best = t->score[id], at = i;
        }
        if (at == SIZE_MAX) return m;
        const sym *a = &syms[live[at]], *b = &syms[live[at + 1]];
        syms[n_syms] = (sym){a->start, a->len + b->len, live[at], live[at + 1]};
        live[at] = (int32_t)n_syms++;
        memmove(live + at + 1, live + at + 2, (m - at - 2) * sizeof *live);
        m--;
    }
}

lx_status lx_tok_spm_encode(const lx_tok *t, const char *text, size_t len, bool first, lx_tok_ids *out, lx_err *err)
{
    size_t n = 0;
    char *s = escape_spaces(t, text, len, first, &n);
    sym *syms = s ? malloc((2 * n + 1) * sizeof *syms) : NULL;
    int32_t *live = syms ? malloc((n + 1) * sizeof *live) : NULL;
    if (!live) {
        free(s), free(syms);
        return lx_err_set(err, LX_ERR_IO, "out of memory encoding the text");
    }
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = lx_uni_decode((const unsigned char *)s + i, n - i, &cp);
        syms[m] = (sym){i, k, -1, -1};
        live[m] = (int32_t)m;
        m++, i += k;
    }
    size_t n_live = merge(t, s, syms, m, live, m);
    size_t before = out->n;
    for (size_t i = 0; i < n_live; i++) resegment(t, s, syms, live[i], out);
    free(s), free(syms), free(live);
    for (size_t i = before; i < out->n; i++)
        if (out->v[i] < 0)
            return lx_err_set(err, LX_ERR_MODEL, "the text has a character this vocabulary cannot spell "
                              "(no piece, no byte piece, no unknown token)");
    return LX_OK;
}

void lx_tok_spm_bytes(const lx_tok *t, int32_t id, lx_buf *out)
{
    const char *p = t->piece[id];
    size_t len = t->len[id];
    int b = lx_tok_parse_byte_piece(p, len);
    if (b >= 0 && t->kind[id] == LX_TOK_BYTE) { lx_buf_putc(out, (char)b); return; }
    for (size_t i = 0; i < len;) {
        if (i + 3 <= len && memcmp(p + i, LX_TOK_SPACE_MARK, 3) == 0) lx_buf_putc(out, ' '), i += 3;
        else lx_buf_putc(out, p[i++]);
    }
}
