/* Tests read/gguf on the real GGUF files in shared/models, on fixtures written with
 * tests/support/fixture_gguf (every value type, nested arrays, split shards, a
 * Llama-3.1-405B-shaped header for speed and memory) and on broken files (exact messages). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixture_gguf.h"
#include "read/gguf.h"

#define MODELS LX_SHARED_DIR "/models/"

static lx_gguf *open_ok(const char *path)
{
    lx_gguf *g = NULL;
    lx_err err = { 0 };
    lx_status s = lx_gguf_open(path, &g, &err);
    if (s != LX_OK) fail_msg("%s", err.msg);
    assert_non_null(g);
    return g;
}

static size_t count_type(const lx_gguf *g, lx_dtype t)
{
    const lx_tensors *ts = lx_gguf_tensors(g);
    size_t n = 0;
    for (size_t i = 0; i < ts->n; i++) n += ts->v[i].type == t;
    return n;
}

static uint64_t sum_bytes(const lx_gguf *g)
{
    const lx_tensors *ts = lx_gguf_tensors(g);
    uint64_t n = 0;
    for (size_t i = 0; i < ts->n; i++) n += ts->v[i].n_bytes;
    return n;
}

static void assert_shape2(const lx_tensor *t, uint64_t a, uint64_t b)
{
    assert_non_null(t);
    assert_int_equal(t->n_dims, 2);
    assert_int_equal(t->shape[0], a);
    assert_int_equal(t->shape[1], b);
}

/* The tensor's bytes as read with stdio equal what lx_gguf_tensor_data maps. */
static void assert_data_matches_file(lx_gguf *g, const lx_tensor *t)
{
    lx_err err = { 0 };
    const void *p = lx_gguf_tensor_data(g, t, &err);
    assert_non_null(p);
    FILE *f = fopen(lx_gguf_file_path(g, (size_t)t->file), "rb");
    assert_non_null(f);
    char *buf = malloc((size_t)t->n_bytes);
    assert_non_null(buf);
    assert_int_equal(fseek(f, (long)t->offset, SEEK_SET), 0);
    assert_int_equal(fread(buf, 1, (size_t)t->n_bytes, f), t->n_bytes);
    assert_memory_equal(buf, p, (size_t)t->n_bytes);
    free(buf);
    fclose(f);
}

/* What every real file is checked for; returns the open handle for file-specific checks. */
typedef struct file_want {
    const char *path;
    uint32_t version;
    size_t n_kv, n_tensors;
    const char *arch;
    uint64_t n_vocab;
} file_want;

static lx_gguf *open_summary(const file_want *w)
{
    lx_gguf *g = open_ok(w->path);
    assert_int_equal(lx_gguf_version(g), w->version);
    assert_int_equal(lx_gguf_n_files(g), 1);
    assert_int_equal(lx_gguf_n_kv(g), w->n_kv);
    assert_int_equal(lx_gguf_tensors(g)->n, w->n_tensors);
    assert_string_equal(lx_gguf_get_str(g, "general.architecture"), w->arch);
    lx_gguf_type et = LX_GGUF_TYPE_COUNT;
    uint64_t n = 0;
    if (w->n_vocab) {
        assert_true(lx_gguf_get_arr(g, "tokenizer.ggml.tokens", &et, &n));
        assert_int_equal(et, LX_GGUF_STRING);
        assert_int_equal(n, w->n_vocab);
    }
    return g;
}

/* ------------------------------------------------------------------ real files */

static void test_stories260k(void **state)
{
    (void)state;
    static const file_want W = { MODELS "stories260K.gguf", 3, 19, 48, "llama", 512 };
    lx_gguf *g = open_summary(&W);
    assert_int_equal(lx_gguf_file_size(g, 0), 1185376);
    assert_int_equal(lx_gguf_header_size(g, 0), 14176);
    const lx_tensors *ts = lx_gguf_tensors(g);
    assert_int_equal(count_type(g, LX_DT_F32), 48);
    /* the tensors fill the data section exactly: 1,185,376 - 14,176 */
    assert_int_equal(sum_bytes(g), 1171200);
    const lx_tensor *emb = lx_tensors_find(ts, "token_embd.weight");
    assert_shape2(emb, 512, 64);
    assert_int_equal(emb->n_elems, 32768);
    assert_int_equal(emb->n_bytes, 131072);
    assert_int_equal(emb->offset, 14176);
    assert_shape2(lx_tensors_find(ts, "blk.0.attn_k.weight"), 32, 64);
    assert_shape2(lx_tensors_find(ts, "blk.4.ffn_down.weight"), 64, 172);
    const lx_tensor *norm = lx_tensors_find(ts, "output_norm.weight");
    assert_int_equal(norm->n_dims, 1);
    assert_int_equal(norm->shape[0], 64);
    assert_int_equal(norm->offset, 14176 + 131072);
    assert_data_matches_file(g, norm);
    assert_data_matches_file(g, lx_tensors_find(ts, "blk.4.ffn_norm.weight"));

    uint64_t u = 0;
    assert_true(lx_gguf_get_u64(g, "llama.block_count", &u));
    assert_int_equal(u, 5);
    assert_true(lx_gguf_get_u64(g, "tokenizer.ggml.seperator_token_id", &u));
    assert_int_equal(u, 4294967295ULL);
    double eps = 0;
    assert_true(lx_gguf_get_f64(g, "llama.attention.layer_norm_rms_epsilon", &eps));
    assert_true(eps == (double)1e-5f);
    long i = lx_gguf_find(g, "llama.context_length");
    assert_int_equal(i, 11);
    assert_string_equal(lx_gguf_key(g, (size_t)i), "llama.context_length");
    assert_int_equal(lx_gguf_kv_type(g, (size_t)i), LX_GGUF_U32);
    assert_int_equal(lx_gguf_find(g, "llama.rope.freq_base"), -1);

    uint64_t len = 0;
    assert_string_equal(lx_gguf_arr_str(g, "tokenizer.ggml.tokens", 1, &len), "<s>");
    assert_int_equal(len, 3);
    assert_null(lx_gguf_arr_str(g, "tokenizer.ggml.tokens", 512, &len));
    assert_null(lx_gguf_arr_str(g, "tokenizer.ggml.scores", 0, &len));
    int64_t tt = 0;
    assert_true(lx_gguf_arr_i64(g, "tokenizer.ggml.token_type", 0, &tt));
    assert_int_equal(tt, 2);
    assert_true(lx_gguf_arr_i64(g, "tokenizer.ggml.token_type", 1, &tt));
    assert_int_equal(tt, 3);
    double sc = 1;
    assert_true(lx_gguf_arr_f64(g, "tokenizer.ggml.scores", 0, &sc));
    assert_true(sc == 0.0);
    assert_false(lx_gguf_arr_f64(g, "tokenizer.ggml.scores", 512, &sc));
    assert_false(lx_gguf_arr_f64(g, "tokenizer.ggml.tokens", 0, &sc));
    lx_gguf_close(g);
}

static void test_llama2_tiny_random(void **state)
{
    (void)state;
    static const file_want W = { MODELS "llama-2-tiny-random.gguf", 3, 18, 12, "llama", 32000 };
    lx_gguf *g = open_summary(&W);
    /* 9 F16 matrices + 3 F32 norm vectors */
    assert_int_equal(count_type(g, LX_DT_F16), 9);
    assert_int_equal(count_type(g, LX_DT_F32), 3);
    assert_int_equal(sum_bytes(g), 1750560 - lx_gguf_header_size(g, 0));
    assert_shape2(lx_tensors_find(lx_gguf_tensors(g), "token_embd.weight"), 32000, 8);
    assert_string_equal(lx_gguf_get_str(g, "general.name"), "LLaMA v2");
    lx_gguf_close(g);
}

static void test_stories260k_q8_0_v2(void **state)
{
    (void)state;
    static const file_want W = { MODELS "stories260K-q8_0.gguf", 2, 20, 48, "llama", 512 };
    lx_gguf *g = open_summary(&W);
    assert_int_equal(count_type(g, LX_DT_Q8_0), 37);
    assert_int_equal(count_type(g, LX_DT_F32), 11);
    assert_string_equal(lx_gguf_get_str(g, "llama.tensor_data_layout"), "Meta AI original pth");
    /* 327,648 - 14,240 = 313,408 bytes of data section: 313,168 of tensors + 240 of padding
     * (Q8_0 sizes such as 11,696 are not multiples of 32) */
    assert_int_equal(lx_gguf_header_size(g, 0), 14240);
    assert_int_equal(sum_bytes(g), 313168);
    /* rows of 172 are not a multiple of 32: this converter quantized the whole tensor as one
     * run of 11,008 elements = 344 blocks of 34 bytes */
    const lx_tensor *down = lx_tensors_find(lx_gguf_tensors(g), "blk.0.ffn_down.weight");
    assert_shape2(down, 64, 172);
    assert_int_equal(down->n_bytes, 11696);
    assert_int_equal(down->offset, 14240 + 59584);
    const lx_tensor *out = lx_tensors_find(lx_gguf_tensors(g), "output.weight");
    assert_non_null(out);
    assert_int_equal(out->type, LX_DT_Q8_0);
    assert_data_matches_file(g, out);
    lx_gguf_close(g);
}

static void test_mmproj_clip(void **state)
{
    (void)state;
    static const file_want W = { MODELS "mmproj-tinygemma3.gguf", 3, 20, 71, "clip", 0 };
    lx_gguf *g = open_summary(&W);
    assert_int_equal(count_type(g, LX_DT_F32), 46);
    assert_int_equal(count_type(g, LX_DT_Q8_0), 24);
    assert_int_equal(count_type(g, LX_DT_F16), 1);
    const lx_tensor *pe = lx_tensors_find(lx_gguf_tensors(g), "v.patch_embd.weight");
    assert_non_null(pe);
    assert_int_equal(pe->n_dims, 4);
    const uint64_t want[4] = { 128, 3, 2, 2 };
    for (int d = 0; d < 4; d++) assert_int_equal(pe->shape[d], want[d]);
    bool b = false;
    assert_true(lx_gguf_get_bool(g, "clip.has_vision_encoder", &b));
    assert_true(b);
    lx_gguf_type et;
    uint64_t n;
    assert_true(lx_gguf_get_arr(g, "general.tags", &et, &n));
    assert_int_equal(n, 2);
    assert_string_equal(lx_gguf_arr_str(g, "general.tags", 1, NULL), "sft");
    lx_gguf_close(g);
}

static void test_vocab_only(void **state)
{
    (void)state;
    static const file_want BGE = {
        MODELS "vocab-only/ggml-vocab-bert-bge.gguf", 3, 20, 0, "bert", 30522 };
    static const file_want PHI3 = {
        MODELS "vocab-only/ggml-vocab-phi-3.gguf", 3, 26, 0, "phi3", 32064 };
    lx_gguf *g = open_summary(&BGE);
    assert_string_equal(lx_gguf_arr_str(g, "tokenizer.ggml.tokens", 0, NULL), "[PAD]");
    bool causal = true;
    assert_true(lx_gguf_get_bool(g, "bert.attention.causal", &causal));
    assert_false(causal);
    lx_gguf_close(g);

    g = open_summary(&PHI3);
    /* the data section would start past the end of a file with no tensors: allowed */
    assert_true(lx_gguf_header_size(g, 0) > lx_gguf_file_size(g, 0));
    lx_gguf_close(g);
}

/* ------------------------------------------------------------------ fixtures */

static void test_roundtrip_every_value_type(void **state)
{
    (void)state;
    const char *path = LX_TMP_DIR "/gguf_roundtrip.gguf";
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_u8(w, "t.u8", 250);
    lx_fx_gguf_kv_i8(w, "t.i8", -100);
    lx_fx_gguf_kv_u16(w, "t.u16", 65000);
    lx_fx_gguf_kv_i16(w, "t.i16", -32000);
    lx_fx_gguf_kv_u32(w, "t.u32", 4000000000u);
    lx_fx_gguf_kv_i32(w, "t.i32", -2000000000);
    lx_fx_gguf_kv_f32(w, "t.f32", 0.5f);
    lx_fx_gguf_kv_bool(w, "t.bool", true);
    lx_fx_gguf_kv_str(w, "t.str", "h\xc3\xa9llo");
    lx_fx_gguf_kv_u64(w, "t.u64", UINT64_MAX);
    lx_fx_gguf_kv_i64(w, "t.i64", INT64_MIN);
    lx_fx_gguf_kv_f64(w, "t.f64", -1e300);
    const float fa[3] = { 1.5f, -2.0f, 3.25f };
    lx_fx_gguf_kv_arr(w, "t.arr_f32", 6, fa, 3);
    const uint8_t ba[2] = { 0, 1 };
    lx_fx_gguf_kv_arr(w, "t.arr_bool", 7, ba, 2);
    const uint64_t ua[2] = { 7, UINT64_MAX };
    lx_fx_gguf_kv_arr(w, "t.arr_u64", 10, ua, 2);
    const char *sa[3] = { "a", "", "ccc" };
    lx_fx_gguf_kv_arr_str(w, "t.arr_str", sa, 3);
    /* [[1, 2], ["x"]]: an array of two arrays */
    lx_buf v;
    lx_buf_init(&v);
    lx_fx_put_u32(&v, LX_GGUF_ARRAY);
    lx_fx_put_u64(&v, 2);
    lx_fx_put_u32(&v, LX_GGUF_I32);
    lx_fx_put_u64(&v, 2);
    lx_fx_put_u32(&v, 1);
    lx_fx_put_u32(&v, 2);
    lx_fx_put_u32(&v, LX_GGUF_STRING);
    lx_fx_put_u64(&v, 1);
    lx_fx_put_str(&v, "x");
    lx_fx_gguf_kv_raw(w, "t.nested", LX_GGUF_ARRAY, v.data, v.len);
    lx_buf_free(&v);
    lx_fx_gguf_kv_str(w, "t.after", "still read");
    uint64_t ne[2] = { 256, 3 };
    lx_fx_gguf_tensor(w, "q", 12, 2, ne); /* Q4_K: 3 rows of one 144-byte block */
    uint64_t ne1[1] = { 5 };
    lx_fx_gguf_tensor(w, "v", 0, 1, ne1);
    assert_true(lx_fx_gguf_write(w, path));
    lx_fx_gguf_free(w);

    lx_gguf *g = open_ok(path);
    assert_int_equal(lx_gguf_n_kv(g), 18);
    uint64_t u;
    int64_t i;
    double f;
    bool b;
    assert_true(lx_gguf_get_u64(g, "t.u8", &u) && u == 250);
    assert_true(lx_gguf_get_i64(g, "t.i8", &i) && i == -100);
    assert_false(lx_gguf_get_u64(g, "t.i8", &u)); /* negative: no unsigned value */
    assert_true(lx_gguf_get_u64(g, "t.u16", &u) && u == 65000);
    assert_true(lx_gguf_get_i64(g, "t.i16", &i) && i == -32000);
    assert_true(lx_gguf_get_u64(g, "t.u32", &u) && u == 4000000000u);
    assert_true(lx_gguf_get_i64(g, "t.i32", &i) && i == -2000000000);
    assert_true(lx_gguf_get_f64(g, "t.f32", &f) && f == 0.5);
    assert_true(lx_gguf_get_bool(g, "t.bool", &b) && b);
    assert_false(lx_gguf_get_u64(g, "t.bool", &u));
    assert_string_equal(lx_gguf_get_str(g, "t.str"), "h\xc3\xa9llo");
    assert_true(lx_gguf_get_u64(g, "t.u64", &u) && u == UINT64_MAX);
    assert_false(lx_gguf_get_i64(g, "t.u64", &i)); /* out of int64 range */
    assert_true(lx_gguf_get_i64(g, "t.i64", &i) && i == INT64_MIN);
    assert_true(lx_gguf_get_f64(g, "t.f64", &f) && f == -1e300);
    assert_true(lx_gguf_get_f64(g, "t.u32", &f) && f == 4000000000.0);
    assert_false(lx_gguf_get_f64(g, "t.str", &f));
    assert_null(lx_gguf_get_str(g, "t.u8"));
    assert_true(lx_gguf_arr_f64(g, "t.arr_f32", 2, &f) && f == 3.25);
    assert_true(lx_gguf_arr_i64(g, "t.arr_bool", 1, &i) && i == 1);
    assert_true(lx_gguf_arr_i64(g, "t.arr_u64", 0, &i) && i == 7);
    assert_false(lx_gguf_arr_i64(g, "t.arr_u64", 1, &i));
    uint64_t len = 9;
    assert_string_equal(lx_gguf_arr_str(g, "t.arr_str", 1, &len), "");
    assert_int_equal(len, 0);
    assert_string_equal(lx_gguf_arr_str(g, "t.arr_str", 2, &len), "ccc");
    lx_gguf_type et;
    uint64_t n;
    assert_true(lx_gguf_get_arr(g, "t.nested", &et, &n));
    assert_int_equal(et, LX_GGUF_ARRAY);
    assert_int_equal(n, 2);
    assert_false(lx_gguf_arr_i64(g, "t.nested", 0, &i));
    assert_string_equal(lx_gguf_get_str(g, "t.after"), "still read");
    assert_string_equal(lx_gguf_type_name(lx_gguf_kv_type(g, 6)), "float32");
    const lx_tensor *q = lx_tensors_find(lx_gguf_tensors(g), "q");
    assert_shape2(q, 3, 256);
    assert_int_equal(q->type, LX_DT_Q4_K);
    assert_int_equal(q->n_bytes, 432);
    const lx_tensor *vt = lx_tensors_find(lx_gguf_tensors(g), "v");
    assert_int_equal(vt->offset, lx_gguf_header_size(g, 0) + 448); /* 432 rounded up to 32 */
    assert_int_equal(lx_gguf_header_size(g, 0) % 32, 0);
    lx_gguf_close(g);
}

/* Shard k (1-based) of 3 holding tensors named pfx.0, pfx.1 with a marker byte each. */
static void write_shard(unsigned k, unsigned total_tensors, bool bad_no)
{
    char path[512];
    snprintf(path, sizeof path, LX_TMP_DIR "/split-model-%05u-of-00003.gguf", k);
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    if (k == 1) {
        lx_fx_gguf_kv_str(w, "general.architecture", "llama");
        lx_fx_gguf_kv_u32(w, "llama.block_count", 3);
    }
    lx_fx_gguf_kv_u16(w, "split.no", (uint16_t)(bad_no ? k : k - 1));
    lx_fx_gguf_kv_u16(w, "split.count", 3);
    lx_fx_gguf_kv_i32(w, "split.tensors.count", (int32_t)total_tensors);
    for (unsigned j = 0; j < 2; j++) {
        char name[32];
        snprintf(name, sizeof name, "blk.%u.w%u", k - 1, j);
        uint64_t ne[2] = { 64, 4 };
        size_t idx = lx_fx_gguf_tensor(w, name, 1, 2, ne);
        uint8_t mark = (uint8_t)(16 * k + j);
        lx_fx_gguf_tensor_data(w, idx, &mark, 1);
    }
    assert_true(lx_fx_gguf_write(w, path));
    lx_fx_gguf_free(w);
}

static void test_split_open_any_shard(void **state)
{
    (void)state;
    for (unsigned k = 1; k <= 3; k++) write_shard(k, 6, false);
    lx_gguf *g = open_ok(LX_TMP_DIR "/split-model-00002-of-00003.gguf");
    assert_int_equal(lx_gguf_n_files(g), 3);
    assert_non_null(strstr(lx_gguf_file_path(g, 0), "split-model-00001-of-00003.gguf"));
    assert_string_equal(lx_gguf_get_str(g, "general.architecture"), "llama");
    const lx_tensors *ts = lx_gguf_tensors(g);
    assert_int_equal(ts->n, 6);
    for (unsigned k = 1; k <= 3; k++) {
        for (unsigned j = 0; j < 2; j++) {
            char name[32];
            snprintf(name, sizeof name, "blk.%u.w%u", k - 1, j);
            const lx_tensor *t = lx_tensors_find(ts, name);
            assert_non_null(t);
            assert_int_equal(t->file, (int)k - 1);
            assert_int_equal(t->offset, lx_gguf_header_size(g, k - 1) + j * 512);
            lx_err err = { 0 };
            const uint8_t *p = lx_gguf_tensor_data(g, t, &err);
            assert_non_null(p);
            assert_int_equal(p[0], 16 * k + j);
            assert_int_equal(p[1], 0);
        }
    }
    lx_gguf_close(g);
}

static void expect_error(const char *path, lx_status code, const char *msg)
{
    lx_gguf *g = (lx_gguf *)(uintptr_t)1;
    lx_err err = { 0 };
    assert_int_equal(lx_gguf_open(path, &g, &err), code);
    assert_null(g);
    assert_int_equal(err.code, code);
    if (strcmp(err.msg, msg) != 0) fail_msg("got      %s\nexpected %s", err.msg, msg);
}

static void test_split_inconsistent(void **state)
{
    (void)state;
    for (unsigned k = 1; k <= 3; k++) write_shard(k, 5, false);
    expect_error(LX_TMP_DIR "/split-model-00003-of-00003.gguf", LX_ERR_MODEL,
                 LX_TMP_DIR "/split-model-00001-of-00003.gguf: offset 180: split.tensors.count: "
                 "5 (expected 6, the number of tensors in all shards)");
    write_shard(1, 6, false);
    write_shard(2, 6, true);
    write_shard(3, 6, false);
    expect_error(LX_TMP_DIR "/split-model-00001-of-00003.gguf", LX_ERR_MODEL,
                 LX_TMP_DIR "/split-model-00002-of-00003.gguf: offset 44: split.no: 2 (expected "
                 "1, the 0-based shard index the file name gives)");
    remove(LX_TMP_DIR "/split-model-00002-of-00003.gguf");
    expect_error(LX_TMP_DIR "/split-model-00001-of-00003.gguf", LX_ERR_IO,
                 LX_TMP_DIR "/split-model-00002-of-00003.gguf: cannot open: No such file or "
                 "directory");
}

/* ------------------------------------------------------------------ broken files */

static const char *write_fx(lx_fx_gguf *w, const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, LX_TMP_DIR "/%s", name);
    assert_true(lx_fx_gguf_write(w, path));
    lx_fx_gguf_free(w);
    return path;
}

static lx_fx_gguf *minimal(void)
{
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.architecture", "llama");
    return w;
}

static void test_bad_magic_and_versions(void **state)
{
    (void)state;
    lx_fx_gguf *w = minimal();
    lx_fx_gguf_magic(w, "GGML");
    const char *p = write_fx(w, "bad_magic.gguf");
    char want[768];
    snprintf(want, sizeof want, "%s: offset 0: magic: \"GGML\" is not \"GGUF\" (expected a GGUF "
             "file)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    p = write_fx(lx_fx_gguf_new(1), "v1.gguf");
    lx_fx_gguf_free(w);
    snprintf(want, sizeof want, "%s: offset 4: version: 1 is no longer supported (expected 2 or "
             "3; convert the file with a current llama.cpp)", p);
    expect_error(p, LX_ERR_MODEL, want);

    p = write_fx(lx_fx_gguf_new(0x03000000u), "big_endian.gguf");
    snprintf(want, sizeof want, "%s: offset 4: version: 0x03000000 is a byte-swapped "
             "(big-endian) file (expected a little-endian GGUF, version 2 or 3)", p);
    expect_error(p, LX_ERR_MODEL, want);
}

static void test_truncated(void **state)
{
    (void)state;
    lx_fx_gguf *w = minimal();
    lx_fx_gguf_truncate(w, 30); /* 24-byte header, then 6 bytes: no room for one key/value */
    const char *p = write_fx(w, "truncated.gguf");
    char want[768];
    snprintf(want, sizeof want, "%s: offset 16: n_kv: 1 key/value pairs cannot fit in the 6 "
             "bytes that remain (expected at most 0)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    lx_fx_gguf_truncate(w, 60); /* the value's string length starts at 56 */
    p = write_fx(w, "truncated1.gguf");
    snprintf(want, sizeof want, "%s: offset 56: kv 0 \"general.architecture\" value: needs 8 "
             "bytes but only 4 remain (expected a complete header; the file is truncated)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    lx_fx_gguf_truncate(w, 50); /* inside the key text: length 20, 18 bytes left */
    p = write_fx(w, "truncated2.gguf");
    snprintf(want, sizeof want, "%s: offset 24: kv 0 key: string length 20 exceeds the 18 bytes "
             "that remain (expected at most 18; the file is truncated or corrupt)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    uint64_t ne[2] = { 64, 64 };
    lx_fx_gguf_tensor(w, "w", 0, 2, ne);
    lx_fx_gguf_data_size(w, 16000); /* 16,384 bytes of F32 do not fit */
    p = write_fx(w, "truncated_data.gguf");
    snprintf(want, sizeof want, "%s: offset 102: tensor 0 \"w\" offset: data of 16384 bytes at "
             "file offset 128 runs past the end of the file at 16128 (expected it inside the "
             "file; the file is truncated)", p);
    expect_error(p, LX_ERR_MODEL, want);

    p = write_fx(lx_fx_gguf_new(3), "empty.gguf");
    lx_fx_gguf *e = lx_fx_gguf_new(3);
    lx_fx_gguf_truncate(e, 0);
    p = write_fx(e, "empty.gguf");
    snprintf(want, sizeof want, "%s: offset 0: magic: needs 4 bytes but only 0 remain (expected "
             "a complete header; the file is truncated)", p);
    expect_error(p, LX_ERR_MODEL, want);
}

static void test_alignment(void **state)
{
    (void)state;
    lx_fx_gguf *w = minimal();
    lx_fx_gguf_kv_u32(w, "general.alignment", 0);
    const char *p = write_fx(w, "align0.gguf");
    char want[768];
    snprintf(want, sizeof want, "%s: offset 98: kv 1 \"general.alignment\" value: "
             "general.alignment 0 is not a power of two (expected a non-zero power of two such "
             "as 32)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    lx_fx_gguf_kv_u64(w, "general.alignment", 64);
    p = write_fx(w, "align_u64.gguf");
    snprintf(want, sizeof want, "%s: offset 98: kv 1 \"general.alignment\" value: "
             "general.alignment has type uint64 (expected uint32)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    lx_fx_gguf_kv_u32(w, "general.alignment", 64);
    uint64_t ne[1] = { 3 };
    lx_fx_gguf_tensor(w, "a", 0, 1, ne);
    lx_fx_gguf_tensor(w, "b", 0, 1, ne);
    p = write_fx(w, "align64.gguf");
    lx_gguf *g = open_ok(p);
    assert_int_equal(lx_gguf_header_size(g, 0) % 64, 0);
    assert_int_equal(lx_tensors_find(lx_gguf_tensors(g), "b")->offset,
                     lx_gguf_header_size(g, 0) + 64);
    lx_gguf_close(g);

    w = minimal();
    uint64_t ne32[1] = { 32 };
    lx_fx_gguf_tensor(w, "a", 0, 1, ne32);
    lx_fx_gguf_tensor_at(w, "b", 0, 1, ne32, 256);
    p = write_fx(w, "offset_gap.gguf");
    snprintf(want, sizeof want, "%s: offset 127: tensor 1 \"b\" offset: 256 leaves a gap "
             "after the previous tensor, which ends at 128 (expected 128: tensors follow each other in "
             "order, each at the next multiple of 32)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    lx_fx_gguf_tensor(w, "a", 0, 1, ne32);
    lx_fx_gguf_tensor_at(w, "b", 0, 1, ne32, 0);
    p = write_fx(w, "offset_overlap.gguf");
    snprintf(want, sizeof want, "%s: offset 127: tensor 1 \"b\" offset: 0 overlaps the "
             "previous tensor, which ends at 128 (expected 128: tensors follow each other in "
             "order, each at the next multiple of 32)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    lx_fx_gguf_tensor_at(w, "a", 0, 1, ne, 8);
    p = write_fx(w, "misaligned.gguf");
    snprintf(want, sizeof want, "%s: offset 94: tensor 0 \"a\" offset: 8 is not a multiple of "
             "the alignment 32 (expected aligned data)", p);
    expect_error(p, LX_ERR_MODEL, want);
}

static void test_hostile_counts_and_values(void **state)
{
    (void)state;
    char want[768];
    lx_fx_gguf *w = minimal();
    lx_fx_gguf_set_counts(w, 0, 1000000000000ULL);
    const char *p = write_fx(w, "many_kv.gguf");
    snprintf(want, sizeof want, "%s: offset 16: n_kv: 1000000000000 key/value pairs cannot fit "
             "in the 72 bytes that remain (expected at most 5)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    lx_fx_gguf_kv_str(w, "general.architecture", "qwen2");
    p = write_fx(w, "dup_key.gguf");
    snprintf(want, sizeof want, "%s: offset 69: kv 1 \"general.architecture\" key: appears "
             "twice, first as kv 0 (expected unique keys)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    uint8_t two = 2;
    lx_fx_gguf_kv_raw(w, "b", LX_GGUF_BOOL, &two, 1);
    p = write_fx(w, "bad_bool.gguf");
    snprintf(want, sizeof want, "%s: offset 82: kv 1 \"b\" value: bool byte 2 at element 0 "
             "(expected 0 or 1)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    lx_fx_gguf_kv_raw(w, "t", 13, &two, 1);
    p = write_fx(w, "bad_type.gguf");
    snprintf(want, sizeof want, "%s: offset 78: kv 1 \"t\" value type: 13 is not a GGUF value "
             "type (expected 0-12)", p);
    expect_error(p, LX_ERR_MODEL, want);

    lx_buf v; /* nine levels of arrays */
    lx_buf_init(&v);
    for (int d = 0; d < 9; d++) { lx_fx_put_u32(&v, LX_GGUF_ARRAY); lx_fx_put_u64(&v, 1); }
    lx_fx_put_u32(&v, LX_GGUF_U8);
    lx_fx_put_u64(&v, 0);
    w = minimal();
    lx_fx_gguf_kv_raw(w, "deep", LX_GGUF_ARRAY, v.data, v.len);
    lx_buf_free(&v);
    p = write_fx(w, "deep.gguf");
    snprintf(want, sizeof want, "%s: offset 181: kv 1 \"deep\" array: arrays nested more than 8 "
             "deep (expected at most 8 levels)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    uint64_t ne[2] = { 3, 4 };
    lx_fx_gguf_tensor(w, "x", 99, 2, ne);
    p = write_fx(w, "bad_ggml_type.gguf");
    snprintf(want, sizeof want, "%s: offset 98: tensor 0 \"x\" type: 99 is not a known ggml type "
             "(expected 0-3, 6-30, 34, 35 or 39)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    lx_fx_gguf_tensor(w, "x", 0, 2, ne);
    lx_fx_gguf_tensor(w, "x", 0, 2, ne);
    p = write_fx(w, "dup_tensor.gguf");
    snprintf(want, sizeof want, "%s: offset 110: tensor 1 \"x\" name: appears twice, first as "
             "tensor 0 (expected unique names)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    lx_fx_gguf_tensor(w, "blk.0.this_name_is_exactly_sixty_four_bytes_long_so_it_is_fine!!", 0,
                      2, ne);
    lx_fx_gguf_tensor(w, "blk.00.this_name_is_much_longer_than_the_sixty_four_bytes_allowed", 0,
                      2, ne);
    p = write_fx(w, "long_name.gguf");
    snprintf(want, sizeof want, "%s: offset 173: tensor 1 \"blk.00.this_name_is_much_longer_than_"
             "the_sixty_f...\" name: is 65 bytes long (expected at most 64)", p);
    expect_error(p, LX_ERR_MODEL, want);

    w = minimal();
    uint64_t q[1] = { 48 };
    lx_fx_gguf_tensor(w, "q", 8, 1, q);
    p = write_fx(w, "partial_block.gguf");
    snprintf(want, sizeof want, "%s: offset 90: tensor 0 \"q\" type: Q8_0 stores blocks of 32 "
             "elements but the tensor has 48 (expected a multiple of 32)", p);
    expect_error(p, LX_ERR_MODEL, want);

    expect_error(LX_TMP_DIR "/no-such-file.gguf", LX_ERR_IO,
                 LX_TMP_DIR "/no-such-file.gguf: cannot open: No such file or directory");
    expect_error(LX_TMP_DIR, LX_ERR_IO,
                 LX_TMP_DIR ": is not a regular file (expected a GGUF file)");
}

/* ------------------------------------------------------------------ 405B-shaped header */

static long rss_peak_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) kb = strtol(line + 6, NULL, 10);
    if (f) fclose(f);
    return kb;
}

/* Llama 3.1 405B: 126 blocks of 9 tensors + token_embd, output_norm, output = 1,137 tensors,
 * 128,256 vocabulary strings and 280,147 merges. The strings are synthetic, of similar
 * length; the data section is sparse. */
static void write_405b(const char *path)
{
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.architecture", "llama");
    lx_fx_gguf_kv_u32(w, "llama.block_count", 126);
    enum { VOCAB = 128256, MERGES = 280147 };
    char **s = malloc(MERGES * sizeof *s);
    assert_non_null(s);
    for (size_t i = 0; i < MERGES; i++) {
        char t[32];
        snprintf(t, sizeof t, i < VOCAB ? "tok%zu" : "Ġm%zu erg%zu", i, i % 977);
        s[i] = strdup(t);
    }
    lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.tokens", (const char *const *)s, VOCAB);
    lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.merges", (const char *const *)s, MERGES);
    for (size_t i = 0; i < MERGES; i++) free(s[i]);
    free(s);
    static const struct { const char *n; uint64_t a, b; } BLK[] = {
        { "attn_norm.weight", 16384, 0 }, { "attn_q.weight", 16384, 16384 },
        { "attn_k.weight", 16384, 1024 }, { "attn_v.weight", 16384, 1024 },
        { "attn_output.weight", 16384, 16384 }, { "ffn_norm.weight", 16384, 0 },
        { "ffn_gate.weight", 16384, 53248 }, { "ffn_up.weight", 16384, 53248 },
        { "ffn_down.weight", 53248, 16384 },
    };
    uint64_t emb[2] = { 16384, 128256 };
    lx_fx_gguf_tensor(w, "token_embd.weight", 12, 2, emb);
    for (int b = 0; b < 126; b++) {
        for (size_t j = 0; j < 9; j++) {
            char name[64];
            snprintf(name, sizeof name, "blk.%d.%s", b, BLK[j].n);
            uint64_t ne[2] = { BLK[j].a, BLK[j].b };
            lx_fx_gguf_tensor(w, name, BLK[j].b ? 12 : 0, BLK[j].b ? 2 : 1, ne);
        }
    }
    lx_fx_gguf_tensor(w, "output_norm.weight", 0, 1, emb);
    lx_fx_gguf_tensor(w, "output.weight", 14, 2, emb);
    assert_true(lx_fx_gguf_write(w, path));
    lx_fx_gguf_free(w);
}

/* Memory, not speed (speed is bench/info.sh's job): a 405B-shaped header is parsed with a
 * peak-RSS rise under 3x its size, and its big string arrays are still reachable. */
static void test_405b_header_small(void **state)
{
    (void)state;
    const char *path = LX_TMP_DIR "/llama-405b-shaped.gguf";
    write_405b(path);
    long before = rss_peak_kb();
    lx_gguf *g = open_ok(path);
    long after = rss_peak_kb();
    uint64_t header = lx_gguf_header_size(g, 0);
    assert_int_equal(lx_gguf_tensors(g)->n, 1137);
    assert_true(header > 5000000);
    assert_true((uint64_t)(after - before) * 1024 < 3 * header);
    uint64_t len;
    assert_string_equal(lx_gguf_arr_str(g, "tokenizer.ggml.merges", 280146, &len),
                        "\xc4\xa0m280146 erg724");
    assert_string_equal(lx_gguf_arr_str(g, "tokenizer.ggml.tokens", 128255, &len), "tok128255");
    const lx_tensor *out = lx_tensors_find(lx_gguf_tensors(g), "output.weight");
    assert_shape2(out, 128256, 16384);
    assert_int_equal(out->n_bytes, 128256ULL * 16384 / 256 * 210);
    lx_gguf_close(g);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stories260k),
        cmocka_unit_test(test_llama2_tiny_random),
        cmocka_unit_test(test_stories260k_q8_0_v2),
        cmocka_unit_test(test_mmproj_clip),
        cmocka_unit_test(test_vocab_only),
        cmocka_unit_test(test_roundtrip_every_value_type),
        cmocka_unit_test(test_split_open_any_shard),
        cmocka_unit_test(test_split_inconsistent),
        cmocka_unit_test(test_bad_magic_and_versions),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_alignment),
        cmocka_unit_test(test_hostile_counts_and_values),
        cmocka_unit_test(test_405b_header_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
