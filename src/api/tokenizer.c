/* api/tokenizer — the llmxray_tokenizer_* functions and llmxray_tokenize of include/llmxray.h
 * over infer/tokenizer: an llmxray_tokenizer is an lx_tok (its own, or a session's), and
 * llmxray_token_text its lx_tok_decode. */
#include "llmxray.h"

#include <stdbool.h>
#include <stdlib.h>

#include "api/api_int.h"
#include "infer/tokenizer.h"

llmxray_status llmxray_tokenizer_open(const char *path, llmxray_tokenizer **out, char *errbuf, size_t errcap)
{
    lx_err err = {0};
    *out = NULL;
    if (!path) lx_err_set(&err, LX_ERR_USAGE, "no tokenizer named (NULL)");
    llmxray_tokenizer *t = path ? calloc(1, sizeof *t) : NULL;
    if (path && !t) lx_err_set(&err, LX_ERR_IO, "out of memory opening %s", path);
    if (!t) return lx_api_fail(&err, errbuf, errcap);
    if (lx_tok_load(&t->own, path, &err) != LX_OK) {
        free(t);
        return lx_api_fail(&err, errbuf, errcap);
    }
    t->tok = &t->own;
    *out = t;
    return LLMXRAY_OK;
}

void llmxray_tokenizer_close(llmxray_tokenizer *t)
{
    if (!t) return;
    lx_tok_free(&t->own);
    free(t);
}

llmxray_status llmxray_tokenizer_describe(const llmxray_tokenizer *t, llmxray_tokenizer_info *i)
{
    if (!i || i->size < sizeof *i) return LLMXRAY_ERR_USAGE;
    *i = (llmxray_tokenizer_info){sizeof *i, lx_tok_algo_name(t->tok), lx_tok_algo_code(t->tok),
                                  lx_tok_pre_name(t->tok), t->tok->n};
    return LLMXRAY_OK;
}

llmxray_status llmxray_tokenize(const llmxray_tokenizer *t, const char *text, size_t len, unsigned flags,
                                int32_t **ids, size_t *n, char *errbuf, size_t errcap)
{
    lx_err err = {0};
    *ids = NULL;
    *n = 0;
    bool bos = (flags & LLMXRAY_TOKENIZE_BOS) || ((flags & LLMXRAY_TOKENIZE_BOS_IF_ASKED) && t->tok->add_bos);
    if (lx_tok_encode_ex(t->tok, text, len, bos, flags & LLMXRAY_TOKENIZE_SPECIAL, ids, n, &err) != LX_OK)
        return lx_api_fail(&err, errbuf, errcap);
    return LLMXRAY_OK;
}

char *llmxray_token_piece(const llmxray_tokenizer *t, int32_t id) { return lx_tok_label(t->tok, id); }

llmxray_status llmxray_token_text(const llmxray_tokenizer *t, int32_t prev, int32_t id, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (id < 0 || (size_t)id >= t->tok->n) return LLMXRAY_ERR_USAGE;
    lx_buf b;
    lx_buf_init(&b);
    lx_tok_decode(t->tok, prev, id, &b);
    return lx_api_hand_over(&b, "decoding a token", out, len, NULL, 0);
}
