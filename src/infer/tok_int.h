/* infer/tok_int — what the tokenizer kinds (tok_spm.c, tok_bpe.c, tok_wpm.c) share with
 * tokenizer.c, which owns the vocabulary and dispatches through one table of kinds. */
#ifndef LX_INFER_TOK_INT_H
#define LX_INFER_TOK_INT_H

#include "infer/tokenizer.h"

#define LX_TOK_SPACE_MARK "\xe2\x96\x81" /* U+2581, SentencePiece's visible space */

/* A growing id array; sticky oom. */
typedef struct lx_tok_ids {
    int32_t *v;
    size_t n, cap;
    bool oom;
} lx_tok_ids;

void lx_tok_ids_push(lx_tok_ids *o, int32_t id);

/* Encodes one fragment of plain text (no special tokens in it) onto out. first: the
 * fragment starts the text or follows a special token. */
typedef lx_status (*lx_tok_encode_fn)(const lx_tok *t, const char *s, size_t len, bool first, lx_tok_ids *out,
                                      lx_err *err);
/* Appends the bytes token id stands for (a normal or byte piece). */
typedef void (*lx_tok_bytes_fn)(const lx_tok *t, int32_t id, lx_buf *out);
/* Kind-specific set-up after the pieces are copied (byte ids, merges). */
typedef lx_status (*lx_tok_prepare_fn)(lx_tok *t, const lx_tok_spec *s, const char *path, lx_err *err);

lx_status lx_tok_spm_prepare(lx_tok *t, const lx_tok_spec *s, const char *path, lx_err *err);
lx_status lx_tok_spm_encode(const lx_tok *t, const char *s, size_t len, bool first, lx_tok_ids *out, lx_err *err);
void lx_tok_spm_bytes(const lx_tok *t, int32_t id, lx_buf *out);

lx_status lx_tok_bpe_prepare(lx_tok *t, const lx_tok_spec *s, const char *path, lx_err *err);
lx_status lx_tok_bpe_encode(const lx_tok *t, const char *s, size_t len, bool first, lx_tok_ids *out, lx_err *err);
void lx_tok_bpe_bytes(const lx_tok *t, int32_t id, lx_buf *out);

lx_status lx_tok_wpm_encode(const lx_tok *t, const char *s, size_t len, bool first, lx_tok_ids *out, lx_err *err);
void lx_tok_wpm_bytes(const lx_tok *t, int32_t id, lx_buf *out);

/* "<0xNN>" -> NN, or -1. */
int lx_tok_parse_byte_piece(const char *p, size_t len);

#endif
