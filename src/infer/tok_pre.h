/* infer/tok_pre — the pre-tokenizers of byte-level BPE vocabularies: the regular
 * expressions llama.cpp and Hugging Face split text with before merging, written out by
 * hand as matchers over code points, one table row per GGUF tokenizer.ggml.pre name.
 *
 * A pre-tokenizer is up to five steps applied in turn; each step splits every piece left
 * by the step before into its matches and the text between them (as Hugging Face's
 * Sequence of Split pre-tokenizers with behaviour Isolated does).
 *
 * Stage: inference (tokenizers). Input: code points of one fragment. No allocation.
 */
#ifndef LX_INFER_TOK_PRE_H
#define LX_INFER_TOK_PRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the match at pos (0: none); cp[end] is past the piece being split. */
typedef size_t (*lx_tok_match_fn)(const uint32_t *cp, size_t pos, size_t end);

typedef struct lx_tok_pre {
    const char *name;            /* tokenizer.ggml.pre */
    const char *hf_regex;        /* the main Split regex of tokenizer.json, or NULL */
    lx_tok_match_fn steps[6];    /* NULL-terminated */
    bool ignore_merges;          /* a word that is one piece is taken whole */
    bool add_bos;                /* prompts start with BOS unless add_bos_token says otherwise */
} lx_tok_pre;

/* The row for a GGUF name; NULL when unknown. NULL or "" gives "default" (llama.cpp's
 * fallback: punctuation runs, then GPT-2's expression, then digit runs). */
const lx_tok_pre *lx_tok_pre_find(const char *name);
/* The row whose Hugging Face regex is exactly regex; NULL when none. */
const lx_tok_pre *lx_tok_pre_by_regex(const char *regex);
/* The known names, comma-separated, into out (cap bytes, cut when short), for messages. */
void lx_tok_pre_names(char *out, size_t cap);

/* Splits cp[0..n) into words: ends[k] is the end (exclusive) of word k; tmp is scratch.
 * Both hold n entries. Returns the number of words. */
size_t lx_tok_pre_split(const lx_tok_pre *p, const uint32_t *cp, size_t n, size_t *ends, size_t *tmp);

#endif
