/* infer/tok_gguf — builds an lx_tok from a GGUF file's tokenizer.ggml.* keys (model,
 * pre, tokens, scores, token_type, merges, the special ids, add_space_prefix; see
 * tokenizer.h). Kept apart from the algorithms so they need no file reader. */
#include <stdlib.h>
#include <string.h>

#include "infer/tok_pre.h"
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

typedef enum elem_want { WANT_STRING, WANT_NUMBER, WANT_INTEGER } elem_want;

static bool elem_ok(lx_gguf_type t, elem_want w)
{
    bool integer = t == LX_GGUF_U8 || t == LX_GGUF_I8 || t == LX_GGUF_U16 || t == LX_GGUF_I16 ||
                   t == LX_GGUF_U32 || t == LX_GGUF_I32 || t == LX_GGUF_U64 || t == LX_GGUF_I64;
    if (w == WANT_STRING) return t == LX_GGUF_STRING;
    if (w == WANT_INTEGER) return integer;
    return integer || t == LX_GGUF_F32 || t == LX_GGUF_F64;
}

/* A per-token array key: when present it must hold n elements of the wanted kind (n 0:
 * any count). Messages name the key's offset in the file. */
static lx_status check_array(const lx_gguf *g, const char *path, const char *key, elem_want want, uint64_t n,
                             bool *present, lx_err *err)
{
    static const char *const wanted[] = {"strings", "numbers", "integers"};
    const char *per = strcmp(key, "tokenizer.ggml.merges") == 0 ? "" : ", one per token";
    long i = lx_gguf_find(g, key);
    *present = i >= 0;
    if (i < 0) return LX_OK;
    unsigned long long off = (unsigned long long)lx_gguf_kv_offset(g, (size_t)i);
    lx_gguf_type et;
    uint64_t m;
    if (!lx_gguf_get_arr(g, key, &et, &m))
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset %llu: %s is a %s (expected an array of %s%s)",
                          path, off, key, lx_gguf_type_name(lx_gguf_kv_type(g, (size_t)i)), wanted[want], per);
    if (!elem_ok(et, want))
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset %llu: %s is an array of %s (expected %s%s)",
                          path, off, key, lx_gguf_type_name(et), wanted[want], per);
    if (n && m != n)
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset %llu: %s has %llu entries (expected %llu, one per token)",
                          path, off, key, (unsigned long long)m, (unsigned long long)n);
    return LX_OK;
}

static lx_status elem_error(const lx_gguf *g, const char *path, const char *key, uint64_t i, const char *what,
                            lx_err *err)
{
    return lx_err_set(err, LX_ERR_MODEL, "%s: offset %llu: %s[%llu] is not %s", path,
                      (unsigned long long)lx_gguf_kv_offset(g, (size_t)lx_gguf_find(g, key)), key,
                      (unsigned long long)i, what);
}

static lx_status read_arrays(const lx_gguf *g, const char *path, uint64_t n, vocab_arrays *a, lx_err *err)
{
    bool has_scores, has_kinds;
    if (check_array(g, path, "tokenizer.ggml.scores", WANT_NUMBER, n, &has_scores, err) ||
        check_array(g, path, "tokenizer.ggml.token_type", WANT_INTEGER, n, &has_kinds, err))
        return err->code;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t len = 0;
        double sc = 0.0;
        int64_t kind = LX_TOK_NORMAL;
        a->pieces[i] = lx_gguf_arr_str(g, "tokenizer.ggml.tokens", i, &len);
        if (!a->pieces[i] || len > UINT32_MAX)
            return elem_error(g, path, "tokenizer.ggml.tokens", i, "a string", err);
        a->lens[i] = (uint32_t)len;
        if (has_scores && !lx_gguf_arr_f64(g, "tokenizer.ggml.scores", i, &sc))
            return elem_error(g, path, "tokenizer.ggml.scores", i, "a number", err);
        if (has_kinds && !lx_gguf_arr_i64(g, "tokenizer.ggml.token_type", i, &kind))
            return elem_error(g, path, "tokenizer.ggml.token_type", i, "an integer", err);
        a->scores[i] = (float)sc;
        a->kinds[i] = kind >= 0 && kind <= 255 ? (uint8_t)kind : 0;
    }
    return LX_OK;
}

/* The merges as (pointer, length) pairs borrowed from the GGUF. */
static lx_status read_merges(const lx_gguf *g, const char *path, lx_tok_spec *s, lx_err *err)
{
    bool present;
    if (check_array(g, path, "tokenizer.ggml.merges", WANT_STRING, 0, &present, err)) return err->code;
    if (!present) return LX_OK;
    lx_gguf_type et;
    uint64_t n = 0;
    lx_gguf_get_arr(g, "tokenizer.ggml.merges", &et, &n);
    if (n > ((uint64_t)1 << 24))
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset %llu: tokenizer.ggml.merges holds %llu entries (expected at most 16777216)",
                          path, (unsigned long long)lx_gguf_kv_offset(g, (size_t)lx_gguf_find(g, "tokenizer.ggml.merges")),
                          (unsigned long long)n);
    const char **m = malloc((n ? n : 1) * sizeof *m);
    uint32_t *lens = malloc((n ? n : 1) * sizeof *lens);
    s->merges = m, s->merge_lens = lens, s->n_merges = (size_t)n;
    if (!m || !lens) return lx_err_set(err, LX_ERR_IO, "out of memory reading the merges");
    for (uint64_t i = 0; i < n; i++) {
        uint64_t len = 0;
        if (!(m[i] = lx_gguf_arr_str(g, "tokenizer.ggml.merges", i, &len)) || len > UINT32_MAX)
            return elem_error(g, path, "tokenizer.ggml.merges", i, "a string", err);
        lens[i] = (uint32_t)len;
    }
    return LX_OK;
}

/* tokenizer.ggml.model -> kind, with the ids and add_bos_token llama.cpp assumes when keys
 * are missing (for BPE the pre-tokenizer's row says whether BOS is added). */
static const struct gguf_model {
    const char *name;
    lx_tok_algo algo;
    int32_t bos, eos, unk;
    bool add_bos;
} MODELS[] = {
    {"llama", LX_TOK_SPM, 1, 2, 0, true},
    {"gpt2", LX_TOK_BPE, -1, -1, -1, false},
    {"bert", LX_TOK_WPM, 101, 102, 100, true},
};

static const struct gguf_model *find_model(const char *name)
{
    for (size_t i = 0; i < sizeof MODELS / sizeof MODELS[0]; i++)
        if (strcmp(MODELS[i].name, name) == 0) return &MODELS[i];
    return NULL;
}

static lx_status vocab_size(const lx_gguf *g, const char *path, uint64_t *n, lx_err *err)
{
    lx_gguf_type et;
    bool present;
    if (check_array(g, path, "tokenizer.ggml.tokens", WANT_STRING, 0, &present, err)) return err->code;
    if (!present) return lx_err_set(err, LX_ERR_MODEL, "%s: no vocabulary (tokenizer.ggml.tokens is missing)", path);
    lx_gguf_get_arr(g, "tokenizer.ggml.tokens", &et, n);
    if (*n == 0 || *n > ((uint64_t)1 << 24))
        return lx_err_set(err, LX_ERR_MODEL, "%s: offset %llu: tokenizer.ggml.tokens holds %llu pieces (expected 1 to 16777216)",
                          path, (unsigned long long)lx_gguf_kv_offset(g, (size_t)lx_gguf_find(g, "tokenizer.ggml.tokens")),
                          (unsigned long long)*n);
    return LX_OK;
}

lx_status lx_tok_from_gguf(lx_tok *t, const lx_gguf *g, const char *path, lx_err *err)
{
    const char *model = lx_gguf_get_str(g, "tokenizer.ggml.model");
    if (!model) return lx_err_set(err, LX_ERR_MODEL, "%s: no tokenizer (tokenizer.ggml.model is missing)", path);
    const struct gguf_model *km = find_model(model);
    if (!km)
        return lx_err_set(err, LX_ERR_MODEL, "%s: tokenizer '%s' is not supported (expected llama, gpt2 or bert)",
                          path, model);
    uint64_t n = 0;
    if (vocab_size(g, path, &n, err)) return err->code;
    vocab_arrays a = {malloc(n * sizeof *a.pieces), malloc(n * sizeof *a.lens),
                      malloc(n * sizeof *a.scores), malloc(n * sizeof *a.kinds)};
    const char *pre = lx_gguf_get_str(g, "tokenizer.ggml.pre");
    const lx_tok_pre *row = km->algo == LX_TOK_BPE ? lx_tok_pre_find(pre) : NULL;
    bool prefix = km->algo == LX_TOK_SPM, bos = row ? row->add_bos : km->add_bos;
    lx_gguf_get_bool(g, "tokenizer.ggml.add_space_prefix", &prefix);
    lx_gguf_get_bool(g, "tokenizer.ggml.add_bos_token", &bos);
    lx_tok_spec s = {.algo = km->algo, .n = (size_t)n, .pieces = a.pieces, .lens = a.lens, .scores = a.scores,
                     .kinds = a.kinds, .pre = pre,
                     .bos = id_key(g, "tokenizer.ggml.bos_token_id", km->bos),
                     .eos = id_key(g, "tokenizer.ggml.eos_token_id", km->eos),
                     .unk = id_key(g, "tokenizer.ggml.unknown_token_id", km->unk), .add_space_prefix = prefix, .add_bos = bos};
    lx_status st = (!a.pieces || !a.lens || !a.scores || !a.kinds)
                       ? lx_err_set(err, LX_ERR_IO, "out of memory reading the vocabulary")
                       : read_arrays(g, path, n, &a, err);
    if (st == LX_OK && km->algo == LX_TOK_BPE) st = read_merges(g, path, &s, err);
    if (st == LX_OK) st = lx_tok_build_spec(t, &s, path, err);
    free((void *)s.merges), free((void *)s.merge_lens);
    arrays_free(&a);
    return st;
}
