/* infer/tok_gguf — builds an lx_tok from a GGUF file's tokenizer.ggml.* keys (see
 * tokenizer.h). Kept apart from the algorithm so the algorithm needs no file reader. */
#include <stdlib.h>
#include <string.h>

#include "infer/tokenizer.h"

typedef struct vocab_arrays {
    const char **pieces;
    uint32_t *lens;
    float *scores;
    uint8_t *kinds;
} vocab_arrays;

static void arrays_free(vocab_arrays *a)
{
    free(a->pieces), free(a->lens), free(a->scores), free(a->kinds);
}

/* An id key as int32, -1 when absent or out of range. */
static int32_t id_key(const lx_gguf *g, const char *key, int32_t dflt)
{
    uint64_t v;
    if (!lx_gguf_get_u64(g, key, &v)) return dflt;
    return v < INT32_MAX ? (int32_t)v : -1;
}

/* The optional per-token array key must have exactly n entries when present. */
static lx_status check_len(const lx_gguf *g, const char *path, const char *key, uint64_t n,
                           bool *present, lx_err *err)
{
    lx_gguf_type et;
    uint64_t m;
    *present = lx_gguf_get_arr(g, key, &et, &m);
    if (*present && m != n)
        return lx_err_set(err, LX_ERR_MODEL, "%s: %s has %llu entries (expected %llu, one per token)",
                          path, key, (unsigned long long)m, (unsigned long long)n);
    return LX_OK;
}

static lx_status read_arrays(const lx_gguf *g, const char *path, uint64_t n, vocab_arrays *a, lx_err *err)
{
    bool has_scores, has_kinds;
    if (check_len(g, path, "tokenizer.ggml.scores", n, &has_scores, err) ||
        check_len(g, path, "tokenizer.ggml.token_type", n, &has_kinds, err))
        return err->code;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t len = 0;
        double sc = 0.0;
        int64_t kind = LX_TOK_NORMAL;
        a->pieces[i] = lx_gguf_arr_str(g, "tokenizer.ggml.tokens", i, &len);
        if (!a->pieces[i] || len > UINT32_MAX)
            return lx_err_set(err, LX_ERR_MODEL, "%s: tokenizer.ggml.tokens[%llu] is not a string",
                              path, (unsigned long long)i);
        a->lens[i] = (uint32_t)len;
        if (has_scores && !lx_gguf_arr_f64(g, "tokenizer.ggml.scores", i, &sc))
            return lx_err_set(err, LX_ERR_MODEL, "%s: tokenizer.ggml.scores[%llu] is not a number",
                              path, (unsigned long long)i);
        if (has_kinds && !lx_gguf_arr_i64(g, "tokenizer.ggml.token_type", i, &kind))
            return lx_err_set(err, LX_ERR_MODEL, "%s: tokenizer.ggml.token_type[%llu] is not an integer",
                              path, (unsigned long long)i);
        a->scores[i] = (float)sc;
        a->kinds[i] = kind >= 0 && kind <= 255 ? (uint8_t)kind : 0;
    }
    return LX_OK;
}

lx_status lx_tok_from_gguf(lx_tok *t, const lx_gguf *g, const char *path, lx_err *err)
{
    const char *model = lx_gguf_get_str(g, "tokenizer.ggml.model");
    if (!model) return lx_err_set(err, LX_ERR_MODEL, "%s: no tokenizer (tokenizer.ggml.model is missing)", path);
    if (strcmp(model, "llama") != 0)
        return lx_err_set(err, LX_ERR_MODEL, "%s: tokenizer '%s' is not supported (expected llama)", path, model);
    lx_gguf_type et;
    uint64_t n;
    if (!lx_gguf_get_arr(g, "tokenizer.ggml.tokens", &et, &n) || et != LX_GGUF_STRING)
        return lx_err_set(err, LX_ERR_MODEL, "%s: tokenizer.ggml.tokens is missing or not an array of strings", path);
    if (n == 0 || n > ((uint64_t)1 << 24))
        return lx_err_set(err, LX_ERR_MODEL, "%s: vocabulary of %llu pieces (expected 1 to 16777216)",
                          path, (unsigned long long)n);
    vocab_arrays a = {malloc(n * sizeof *a.pieces), malloc(n * sizeof *a.lens),
                      malloc(n * sizeof *a.scores), malloc(n * sizeof *a.kinds)};
    lx_status st = (!a.pieces || !a.lens || !a.scores || !a.kinds)
                       ? lx_err_set(err, LX_ERR_IO, "out of memory reading the vocabulary")
                       : read_arrays(g, path, n, &a, err);
    if (st == LX_OK)
        st = lx_tok_build(t, n, a.pieces, a.lens, a.scores, a.kinds,
                          id_key(g, "tokenizer.ggml.bos_token_id", 1), id_key(g, "tokenizer.ggml.eos_token_id", 2),
                          id_key(g, "tokenizer.ggml.unknown_token_id", 0), err);
    arrays_free(&a);
    return st;
}
