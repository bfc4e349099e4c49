/* infer/tokenizer — text to token ids and back, SentencePiece style, from a GGUF vocabulary
 * (tokenizer.ggml.model = "llama": tokenizer.ggml.tokens, .scores, .token_type,
 * .bos_token_id, .eos_token_id, .unknown_token_id).
 *
 * Encoding: spaces become "▁" (U+2581) and one "▁" is put in front of non-empty text;
 * every UTF-8 character becomes its vocabulary piece, or its bytes become the byte pieces
 * "<0xNN>" (byte fallback), or the unknown id; then, while any adjacent pair's joined
 * piece is in the vocabulary, the pair whose joined piece has the highest score is
 * merged (the leftmost of equal scores). BOS goes first when asked for.
 * Decoding: "▁" -> space, "<0xNN>" -> that byte, control and unknown pieces -> nothing;
 * the space a word carries right after BOS is dropped.
 *
 * Stage: inference. Input: the GGUF reader's arrays (copied) or in-memory arrays.
 * Ownership: lx_tok owns copies of every piece; lx_tok_free frees them. Encoded id arrays
 * are malloc'ed for the caller, who frees them.
 */
#ifndef LX_INFER_TOKENIZER_H
#define LX_INFER_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/gguf.h"
#include "util/buf.h"
#include "util/err.h"

/* tokenizer.ggml.token_type values */
typedef enum lx_tok_kind {
    LX_TOK_NORMAL = 1, LX_TOK_UNKNOWN = 2, LX_TOK_CONTROL = 3, LX_TOK_USER = 4,
    LX_TOK_UNUSED = 5, LX_TOK_BYTE = 6
} lx_tok_kind;

typedef struct lx_tok {
    size_t n;            /* vocabulary size */
    char **piece;        /* [n] piece bytes, NUL-terminated copies */
    uint32_t *len;       /* [n] piece lengths (a piece may hold a NUL byte) */
    float *score;        /* [n] merge priority */
    uint8_t *kind;       /* [n] lx_tok_kind */
    uint32_t *sorted;    /* [n] ids ordered by piece bytes, for look-up */
    int32_t byte_id[256];/* id of "<0xNN>" or -1 */
    int32_t bos, eos, unk; /* -1 when the vocabulary has none */
    uint32_t max_len;    /* longest piece */
} lx_tok;

/* Builds from arrays (copied). pieces[i] has lens[i] bytes; scores/kinds may be NULL
 * (0 and NORMAL). bos/eos/unk are ids or -1. */
lx_status lx_tok_build(lx_tok *t, size_t n, const char *const *pieces, const uint32_t *lens,
                       const float *scores, const uint8_t *kinds, int32_t bos, int32_t eos,
                       int32_t unk, lx_err *err);
/* Builds from an open GGUF; path names the file in messages. Refuses tokenizer models
 * other than "llama" with LX_ERR_MODEL. */
lx_status lx_tok_from_gguf(lx_tok *t, const lx_gguf *g, const char *path, lx_err *err);
void lx_tok_free(lx_tok *t);

/* Id of a piece, or -1. */
int32_t lx_tok_find(const lx_tok *t, const char *piece, size_t len);

/* Encodes text (NUL-terminated) into *ids (malloc'ed, *n_ids entries). */
lx_status lx_tok_encode(const lx_tok *t, const char *text, bool add_bos, int32_t **ids,
                        size_t *n_ids, lx_err *err);

/* Appends the text of token id as it follows token prev (-1 for none) to out. */
void lx_tok_decode(const lx_tok *t, int32_t prev, int32_t id, lx_buf *out);

/* A readable label of token id for pictures: the piece with "▁" shown as a space, control
 * and byte pieces as they are ("<s>", "<0x0A>"). malloc'ed; NULL on OOM or a bad id. */
char *lx_tok_label(const lx_tok *t, int32_t id);

#endif
