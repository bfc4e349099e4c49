/* infer/tok_spm — SentencePiece encoding as llama.cpp does it (see tokenizer.h): one
 * symbol per UTF-8 character; repeatedly merge the adjacent pair whose joined text is the
 * best-scoring piece (leftmost of equal scores; tok_merge); a character left that is no
 * piece is spelled with byte pieces. */
#include <stdlib.h>
#include <string.h>

#include "infer/tok_int.h"
#include "infer/tok_merge.h"
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

typedef struct spm_ctx {
    const lx_tok *t;
    const char *s;
} spm_ctx;

/* Two adjacent symbols join when their text together is a piece; the best score first. */
static bool spm_pair(const void *ctx, const lx_tok_node *a, const lx_tok_node *b, double *prio, int32_t *id)
{
    const spm_ctx *c = ctx;
    *id = lx_tok_find(c->t, c->s + a->start, a->len + b->len);
    if (*id < 0) return false;
    *prio = -(double)c->t->score[*id];
    return true;
}

/* A merged symbol is a piece; a character is its piece, or its bytes' pieces. */
static void spell(const lx_tok *t, const char *s, const lx_tok_node *y, lx_tok_ids *out)
{
    int32_t id = y->id >= 0 ? y->id : lx_tok_find(t, s + y->start, y->len);
    if (id >= 0) { lx_tok_ids_push(out, id); return; }
    for (size_t i = 0; i < y->len; i++) {
        int32_t b = t->byte_id[(unsigned char)s[y->start + i]];
        lx_tok_ids_push(out, b >= 0 ? b : t->unk);
    }
}

lx_status lx_tok_spm_encode(const lx_tok *t, const char *text, size_t len, bool first, lx_tok_ids *out, lx_err *err)
{
    size_t n = 0;
    char *s = escape_spaces(t, text, len, first, &n);
    lx_tok_node *nodes = s ? malloc((2 * n + 1) * sizeof *nodes) : NULL;
    bool oom = !nodes;
    size_t m = 0;
    for (size_t i = 0; !oom && i < n; m++) {
        uint32_t cp;
        size_t k = lx_uni_decode((const unsigned char *)s + i, n - i, &cp);
        nodes[m] = (lx_tok_node){i, k, -1, -1, -1, (int32_t)m - 1, i + k < n ? (int32_t)m + 1 : -1, false};
        i += k;
    }
    spm_ctx ctx = {t, s};
    int32_t head = oom ? -1 : lx_tok_merge_all(nodes, m, spm_pair, &ctx, &oom);
    size_t before = out->n;
    for (int32_t k = head; k >= 0; k = nodes[k].next) spell(t, s, &nodes[k], out);
    free(s), free(nodes);
    if (oom) return lx_err_set(err, LX_ERR_IO, "out of memory encoding the text");
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
