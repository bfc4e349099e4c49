/* fuzz/fuzz_gguf — libFuzzer target: bytes -> GGUF header reader (read/gguf), then every
 * accessor on what it accepted (keys, scalars, array elements, lazy string index, tensor
 * data bounds), GGUF metadata -> hyper-parameters (model/hp_gguf) and the vocabulary loader
 * (infer/tok_gguf) with a short encode/decode. Anything the reader accepts must be safe for
 * every later stage to use. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "infer/tokenizer.h"
#include "model/hp_gguf.h"
#include "read/gguf.h"

/* Reads element i of an array key in every way the API offers. */
static void fz_elem(const lx_gguf *g, const char *key, uint64_t i)
{
    uint64_t len;
    double f;
    int64_t v;
    const char *s = lx_gguf_arr_str(g, key, i, &len);
    if (s) (void)strlen(s);
    (void)lx_gguf_arr_f64(g, key, i, &f);
    (void)lx_gguf_arr_i64(g, key, i, &v);
}

static void fz_kv(const lx_gguf *g, size_t i)
{
    const char *key = lx_gguf_key(g, i);
    uint64_t u, n;
    int64_t v;
    double f;
    bool b;
    lx_gguf_type elem;
    (void)lx_gguf_kv_type(g, i);
    (void)lx_gguf_kv_offset(g, i);
    (void)lx_gguf_get_u64(g, key, &u);
    (void)lx_gguf_get_i64(g, key, &v);
    (void)lx_gguf_get_f64(g, key, &f);
    (void)lx_gguf_get_bool(g, key, &b);
    const char *s = lx_gguf_get_str(g, key);
    if (s) (void)strlen(s);
    if (!lx_gguf_get_arr(g, key, &elem, &n)) return;
    for (uint64_t k = 0; k < n && k < 16; k++) fz_elem(g, key, k);
    if (n) fz_elem(g, key, n - 1);
    fz_elem(g, key, n); /* one past the end: must be refused */
}

static void fz_tokenizer(const lx_gguf *g)
{
    lx_tok tok;
    lx_err err = { 0 };
    if (lx_tok_from_gguf(&tok, g, "fuzz.gguf", &err) != LX_OK) return;
    int32_t *ids = NULL;
    size_t n = 0;
    if (lx_tok_encode(&tok, "Once upon a time, \xc3\xa9t\xc3\xa9 <0x0A>", true, &ids, &n, &err) == LX_OK) {
        lx_buf out;
        lx_buf_init(&out);
        for (size_t i = 0; i < n; i++) lx_tok_decode(&tok, i ? ids[i - 1] : -1, ids[i], &out);
        lx_buf_free(&out);
    }
    free(ids);
    lx_tok_free(&tok);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lx_gguf *g = NULL;
    lx_err err = { 0 };
    if (lx_gguf_open(fz_memfile(data, size), &g, &err) != LX_OK) return 0;
    for (size_t i = 0; i < lx_gguf_n_kv(g); i++) fz_kv(g, i);
    const lx_tensors *ts = lx_gguf_tensors(g);
    for (size_t i = 0; i < ts->n; i++) {
        lx_err e = { 0 };
        const uint8_t *p = lx_gguf_tensor_data(g, &ts->v[i], &e);
        volatile uint8_t sink; /* touch both ends of the data the reader vouched for */
        if (p && ts->v[i].n_bytes) sink = (uint8_t)(p[0] ^ p[ts->v[i].n_bytes - 1]);
        (void)sink;
    }
    lx_hparams hp;
    lx_err herr = { 0 };
    (void)lx_hp_from_gguf(g, "fuzz.gguf", &hp, &herr);
    fz_tokenizer(g);
    lx_gguf_close(g);
    return 0;
}
