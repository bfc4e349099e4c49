/* infer/tok_wpm — WordPiece for BERT vocabularies as llama.cpp converts them (a word's
 * first piece starts with "▁", continuations are bare): the text is lower-cased, each
 * character reduced to the first code point of its decomposition (accents drop), control
 * characters removed, split at White_Space, and punctuation, ASCII symbols and CJK
 * ideographs made words of their own; each word is then matched greedily, longest piece
 * first, and a word that cannot be spelled whole becomes the unknown token. */
#include <stdlib.h>
#include <string.h>

#include "infer/tok_int.h"
#include "infer/tok_uni.h"

/* Matches "▁" + word[0..n) greedily; false when some part has no piece. */
static bool match_word(const lx_tok *t, const char *w, size_t n, lx_tok_ids *out)
{
    size_t before = out->n;
    for (size_t i = 0; i < n;) {
        size_t j = n - i > t->max_len ? i + t->max_len : n;
        for (; j > i; j--)
            if (lx_tok_find(t, w + i, j - i) >= 0) break;
        if (j == i) { out->n = before; return false; }
        lx_tok_ids_push(out, lx_tok_find(t, w + i, j - i));
        i = j;
    }
    return true;
}

static void end_word(const lx_tok *t, lx_buf *w, lx_tok_ids *out)
{
    if (w->len <= 3) return; /* only the "▁" */
    if (!match_word(t, w->data, w->len, out)) lx_tok_ids_push(out, t->unk);
    w->len = 0;
    lx_buf_puts(w, LX_TOK_SPACE_MARK);
}

lx_status lx_tok_wpm_encode(const lx_tok *t, const char *s, size_t len, bool first, lx_tok_ids *out, lx_err *err)
{
    (void)first;
    lx_buf w;
    lx_buf_init(&w);
    lx_buf_puts(&w, LX_TOK_SPACE_MARK);
    size_t before = out->n;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += lx_uni_decode((const unsigned char *)s + i, len - i, &cp);
        cp = lx_uni_nfd_first(cp);
        unsigned c = lx_uni_class(cp);
        if (c & LX_UNI_WS) { end_word(t, &w, out); continue; }
        if (cp == 0 || cp == 0xFFFD || (c & LX_UNI_C)) continue;
        char u[4];
        size_t k = lx_uni_encode(lx_uni_lower(cp), u);
        bool alone = (c & LX_UNI_P) || (cp < 0x7F && (c & LX_UNI_S)) || lx_uni_is_cjk(cp);
        if (alone) end_word(t, &w, out);
        lx_buf_put(&w, u, k);
        if (alone) end_word(t, &w, out);
    }
    end_word(t, &w, out);
    bool ok = lx_buf_ok(&w);
    lx_buf_free(&w);
    if (!ok) return lx_err_set(err, LX_ERR_IO, "out of memory encoding the text");
    for (size_t i = before; i < out->n; i++)
        if (out->v[i] < 0) return lx_err_set(err, LX_ERR_MODEL, "the text has a word this vocabulary cannot spell "
                                             "and it has no unknown token");
    return LX_OK;
}

void lx_tok_wpm_bytes(const lx_tok *t, int32_t id, lx_buf *out)
{
    const char *p = t->piece[id];
    size_t len = t->len[id];
    if (len >= 3 && memcmp(p, LX_TOK_SPACE_MARK, 3) == 0) lx_buf_putc(out, ' '), p += 3, len -= 3;
    lx_buf_put(out, p, len);
}
