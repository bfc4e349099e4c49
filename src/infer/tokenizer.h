/* infer/tokenizer — text to token ids and back, for the three kinds of vocabulary small
 * models ship, behind one interface; the kind is a row of one table (tokenizer.c), chosen
 * by GGUF tokenizer.ggml.model ("llama", "gpt2", "bert") or tokenizer.json's model.type:
 *
 *  - SentencePiece ("llama", tok_spm.c): spaces become "▁" (U+2581), one "▁" is put in
 *    front of the text unless tokenizer.ggml.add_space_prefix is false; characters are
 *    merged pairwise, the pair whose joined piece scores highest first (leftmost of equal
 *    scores); what is left that is no piece is spelled with the byte pieces "<0xNN>".
 *  - byte-level BPE ("gpt2", tok_bpe.c): the text is split into words by the
 *    pre-tokenizer named by tokenizer.ggml.pre (tok_pre.c), each byte becomes its GPT-2
 *    character (printable bytes themselves, the rest U+0100 on), and adjacent symbols are
 *    merged, lowest merge rank first (tokenizer.ggml.merges, "left right" per line).
 *  - WordPiece ("bert", tok_wpm.c): lower case, accents dropped, split at spaces and
 *    punctuation and around CJK ideographs; each word is matched greedily longest first,
 *    its first piece carrying "▁" (llama.cpp's spelling of BERT's word start).
 *
 * As llama.cpp does, user-defined tokens (token type 4) found in the text are taken
 * whole before any of that; control tokens ("<|im_start|>", "<s>") too when the caller
 * asks for special parsing.
 * Decoding: "▁" -> space (SentencePiece), GPT-2 characters -> their bytes (BPE), "<0xNN>"
 * -> that byte, control and unknown pieces -> nothing; SentencePiece drops the space a
 * word carries right after BOS.
 *
 * Stage: inference. Input: a GGUF's tokenizer.ggml.* keys (tok_gguf.c), a Hugging Face
 * tokenizer.json (tok_hfjson.c: byte-level BPE, or SentencePiece as transformers converts
 * it) or in-memory arrays (lx_tok_build).
 * Ownership: lx_tok owns copies of every piece and its merge table; lx_tok_free frees
 * them. Encoded id arrays are malloc'ed for the caller, who frees them.
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
typedef enum lx_tok_type {
    LX_TOK_NORMAL = 1, LX_TOK_UNKNOWN = 2, LX_TOK_CONTROL = 3, LX_TOK_USER = 4,
    LX_TOK_UNUSED = 5, LX_TOK_BYTE = 6
} lx_tok_type;

/* The kinds of vocabulary (rows of the table in tokenizer.c). */
typedef enum lx_tok_algo { LX_TOK_SPM, LX_TOK_BPE, LX_TOK_WPM, LX_TOK_ALGO_COUNT } lx_tok_algo;

struct lx_tok_pre;
typedef struct lx_tok_merge lx_tok_merge; /* one slot of the merge hash table */

typedef struct lx_tok {
    lx_tok_algo algo;
    size_t n;            /* vocabulary size */
    char **piece;        /* [n] piece bytes, NUL-terminated copies */
    uint32_t *len;       /* [n] piece lengths (a piece may hold a NUL byte) */
    float *score;        /* [n] merge priority (SentencePiece) */
    uint8_t *kind;       /* [n] lx_tok_type */
    uint32_t *index;     /* [index_mask + 1] hash table of piece bytes -> id + 1 (0: empty), for look-up */
    size_t index_mask;
    int32_t byte_id[256];/* id of "<0xNN>" (SentencePiece) or of the byte's GPT-2 character (BPE), or -1 */
    int32_t bos, eos, unk; /* -1 when the vocabulary has none */
    uint32_t max_len;    /* longest piece */
    bool add_space_prefix;            /* SentencePiece: "▁" before the text */
    bool add_bos;                     /* a prompt starts with BOS (tokenizer.ggml.add_bos_token) */
    const struct lx_tok_pre *pre;     /* BPE: the pre-tokenizer */
    bool ignore_merges;               /* BPE: a word that is one piece is taken whole */
    lx_tok_merge *merges;             /* BPE: hash table of (left id, right id) -> rank, result */
    size_t merge_cap, n_merges;
    uint32_t *special;   /* ids of control, user-defined and unknown pieces, longest first */
    size_t n_special;
} lx_tok;

/* Everything a source reads; arrays are borrowed for the call and copied. */
typedef struct lx_tok_spec {
    lx_tok_algo algo;
    size_t n;
    const char *const *pieces;  /* [n], lens[i] bytes each */
    const uint32_t *lens;
    const float *scores;        /* NULL: all 0 */
    const uint8_t *kinds;       /* NULL: all NORMAL */
    const char *pre;            /* BPE: tokenizer.ggml.pre, NULL for "default" */
    size_t n_merges;            /* BPE: "left right" strings, rank = index */
    const char *const *merges;
    const uint32_t *merge_lens;
    int32_t bos, eos, unk;      /* ids or -1 */
    bool add_space_prefix;
    bool add_bos;               /* a prompt starts with BOS */
    bool ignore_merges;         /* on top of what the pre-tokenizer's row says */
} lx_tok_spec;

/* Builds from a spec; path names the source in messages. LX_ERR_MODEL for an unknown
 * pre-tokenizer, a merge naming no pieces, a bad size. */
lx_status lx_tok_build_spec(lx_tok *t, const lx_tok_spec *s, const char *path, lx_err *err);
/* A SentencePiece vocabulary from arrays (copied). pieces[i] has lens[i] bytes;
 * scores/kinds may be NULL (0 and NORMAL). bos/eos/unk are ids or -1. */
lx_status lx_tok_build(lx_tok *t, size_t n, const char *const *pieces, const uint32_t *lens,
                       const float *scores, const uint8_t *kinds, int32_t bos, int32_t eos,
                       int32_t unk, lx_err *err);
/* Builds from an open GGUF; path names the file in messages. */
lx_status lx_tok_from_gguf(lx_tok *t, const lx_gguf *g, const char *path, lx_err *err);
/* Builds from a Hugging Face tokenizer.json (byte-level BPE). */
lx_status lx_tok_from_hf_json(lx_tok *t, const char *path, lx_err *err);
/* The same with at least n_vocab pieces: ids the file does not name are unused "[PADn]"
 * pieces (a model's embedding often has more rows than its tokenizer has pieces). */
lx_status lx_tok_from_hf_json_padded(lx_tok *t, const char *path, size_t n_vocab, lx_err *err);
/* Builds from what a user names: a .gguf file, a tokenizer.json, or a folder holding one. */
lx_status lx_tok_load(lx_tok *t, const char *path, lx_err *err);
void lx_tok_free(lx_tok *t);

/* "SentencePiece", "byte-level BPE", "WordPiece". */
const char *lx_tok_algo_name(const lx_tok *t);
/* "spm", "bpe", "wpm": the names the family records (model/families, .tokenizer) use. */
const char *lx_tok_algo_code(const lx_tok *t);
/* The kind a family record names; false for another name (e.g. "unigram"). */
bool lx_tok_algo_from_code(const char *code, lx_tok_algo *out);
/* The pre-tokenizer's name (BPE), or NULL. */
const char *lx_tok_pre_name(const lx_tok *t);

/* Id of a piece, or -1. */
int32_t lx_tok_find(const lx_tok *t, const char *piece, size_t len);

/* Encodes a prompt (NUL-terminated) into *ids (malloc'ed, *n_ids entries); BOS first when
 * add_bos and the vocabulary asks for one (add_bos_token: by default SentencePiece and
 * WordPiece do, byte-level BPE does not). Control tokens are plain text. */
lx_status lx_tok_encode(const lx_tok *t, const char *text, bool add_bos, int32_t **ids,
                        size_t *n_ids, lx_err *err);
/* The same for text of len bytes (it may hold NUL), with BOS first whenever add_bos and
 * there is one, and control tokens in the text recognised when parse_special. */
lx_status lx_tok_encode_ex(const lx_tok *t, const char *text, size_t len, bool add_bos, bool parse_special,
                           int32_t **ids, size_t *n_ids, lx_err *err);

/* Appends the bytes of token id as it follows token prev (-1 for none) to out; they may
 * be part of a UTF-8 character that the next token completes. */
void lx_tok_decode(const lx_tok *t, int32_t prev, int32_t id, lx_buf *out);

/* A readable label of token id for pictures: its text with "▁" or "Ġ" shown as a space,
 * control and byte pieces as they are ("<s>", "<0x0A>"); bytes that are no UTF-8 on
 * their own as "\xNN". malloc'ed; NULL on OOM or a bad id. */
char *lx_tok_label(const lx_tok *t, int32_t id);

#endif
