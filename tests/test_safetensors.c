/* Tests read/safetensors: fixtures round trip (every dtype, GPT-2 shapes, 2 shards), the real
 * Meta-Llama-3-8B index without its shards, and one named broken file per way a file is wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture_st.h"
#include "read/safetensors.h"

#define TMP(name) LX_TMP_DIR "/st_" name

static uint64_t file_size(const char *path)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    return (uint64_t)sb.st_size;
}

/* Reads path expecting LX_ERR_MODEL; the message starts with the path and holds every word. */
static void expect_model_error(const char *path, const char *const *words)
{
    lx_tensors ts;
    lx_tensors_init(&ts);
    lx_err err = { 0 };
    assert_int_equal(lx_st_read_file(path, 0, &ts, NULL, NULL, &err), LX_ERR_MODEL);
    assert_int_equal(err.code, LX_ERR_MODEL);
    assert_int_equal(strncmp(err.msg, path, strlen(path)), 0);
    if (getenv("LX_SHOW")) print_message("%s\n", err.msg);
    for (; *words; words++) {
        if (!strstr(err.msg, *words)) fail_msg("message \"%s\" lacks \"%s\"", err.msg, *words);
    }
    assert_int_equal(ts.n, 0);
    lx_tensors_free(&ts);
}

/* Writes a fixture and expects LX_ERR_MODEL with the given words. */
static void expect_fixture_error(const lx_fx_st *f, const char *path, const char *const *words)
{
    assert_true(lx_fx_st_write(f, path, NULL));
    expect_model_error(path, words);
}

/* Writes fixture f to path and reads it back (asserting success) into *ts, which the caller
 * frees; *n_hdr receives the header length N, *fb and *hb the byte counters. */
static void write_and_read(const lx_fx_st *f, const char *path, int file_index, lx_tensors *ts,
                           uint64_t *n_hdr, uint64_t *fb, uint64_t *hb)
{
    assert_true(lx_fx_st_write(f, path, n_hdr));
    assert_int_equal(*n_hdr % 8, 0);
    lx_tensors_init(ts);
    lx_err err = { 0 };
    *fb = *hb = 0;
    lx_status s = lx_st_read_file(path, file_index, ts, fb, hb, &err);
    if (s != LX_OK) fail_msg("%s", err.msg);
    assert_int_equal(*hb, 8 + *n_hdr);
    assert_int_equal(*fb, file_size(path));
}

/* ------------------------------------------------------------ round trips */

static const struct {
    const char *name;
    lx_dtype type;
    unsigned size; /* bytes per element, from the safetensors format description */
} DTYPES[] = {
    { "F64", LX_DT_F64, 8 }, { "F32", LX_DT_F32, 4 }, { "F16", LX_DT_F16, 2 }, { "BF16", LX_DT_BF16, 2 },
    { "F8_E4M3", LX_DT_F8_E4M3, 1 }, { "F8_E5M2", LX_DT_F8_E5M2, 1 },
    { "I8", LX_DT_I8, 1 }, { "I16", LX_DT_I16, 2 }, { "I32", LX_DT_I32, 4 }, { "I64", LX_DT_I64, 8 },
    { "U8", LX_DT_U8, 1 }, { "U16", LX_DT_U16, 2 }, { "U32", LX_DT_U32, 4 }, { "U64", LX_DT_U64, 8 },
    { "BOOL", LX_DT_BOOL, 1 },
};
#define N_DTYPES (sizeof DTYPES / sizeof DTYPES[0])

static void test_every_dtype_round_trip(void **state)
{
    (void)state;
    const char *path = TMP("dtypes.safetensors");
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_meta(f, "format", "pt");
    char names[N_DTYPES][32];
    for (size_t i = 0; i < N_DTYPES; i++) {
        snprintf(names[i], sizeof names[i], "t.%s", DTYPES[i].name);
        int64_t shape[3] = { (int64_t)i + 1, 3, 5 };
        lx_fx_st_tensor(f, names[i], DTYPES[i].name, 1 + (int)(i % 3), shape);
    }
    lx_tensors ts;
    uint64_t n_hdr, fb, hb;
    write_and_read(f, path, 7, &ts, &n_hdr, &fb, &hb);
    assert_int_equal(ts.n, N_DTYPES);
    uint64_t begin = 0;
    for (size_t i = 0; i < N_DTYPES; i++) {
        const lx_tensor *t = &ts.v[i];
        int dims = 1 + (int)(i % 3);
        uint64_t elems = (i + 1) * (dims > 1 ? 3 : 1) * (dims > 2 ? 5 : 1);
        assert_string_equal(t->name, names[i]);
        assert_int_equal(t->type, DTYPES[i].type);
        assert_int_equal(t->n_dims, dims);
        assert_int_equal(t->shape[0], i + 1);
        if (dims > 1) assert_int_equal(t->shape[1], 3);
        if (dims > 2) assert_int_equal(t->shape[2], 5);
        assert_int_equal(t->n_elems, elems);
        assert_int_equal(t->n_bytes, elems * DTYPES[i].size);
        assert_int_equal(t->offset, 8 + n_hdr + begin);
        assert_int_equal(t->file, 7);
        begin += elems * DTYPES[i].size;
    }
    assert_int_equal(fb, 8 + n_hdr + begin);
    lx_tensors_free(&ts);
    lx_fx_st_free(f);
}

/* A scalar (shape []) is one element; a tensor with a 0 dimension takes no bytes. */
static void test_scalar_and_empty_tensor(void **state)
{
    (void)state;
    const char *path = TMP("scalar.safetensors");
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor(f, "step", "I64", 0, NULL);
    lx_fx_st_tensor(f, "empty", "F32", 2, (int64_t[]){ 0, 4 });
    lx_fx_st_tensor(f, "w", "F16", 1, (int64_t[]){ 3 });
    lx_tensors ts;
    uint64_t n_hdr, fb, hb;
    write_and_read(f, path, 0, &ts, &n_hdr, &fb, &hb);
    assert_int_equal(ts.n, 3);
    const lx_tensor *s = lx_tensors_find(&ts, "step"), *e = lx_tensors_find(&ts, "empty");
    assert_non_null(s);
    assert_non_null(e);
    assert_int_equal(s->n_dims, 0);
    assert_int_equal(s->n_elems, 1);
    assert_int_equal(s->n_bytes, 8);
    assert_int_equal(e->n_elems, 0);
    assert_int_equal(e->offset, 8 + n_hdr + 8);
    assert_int_equal(lx_tensors_find(&ts, "w")->offset, 8 + n_hdr + 8);
    lx_tensors_free(&ts);
    lx_fx_st_free(f);
}

/* GPT-2 small as Hugging Face stores it (Conv1D weights are [in, out]). The published
 * parameter count is 124,439,808; real checkpoints also carry non-parameter "h.N.attn.bias"
 * mask buffers [1, 1, 1024, 1024] in some versions, left out here. */
static void gpt2_fixture(lx_fx_st *f)
{
    static const struct { const char *part; int n; int64_t d0, d1; } LAYER[] = {
        { "ln_1.weight", 1, 768, 0 }, { "ln_1.bias", 1, 768, 0 },
        { "attn.c_attn.weight", 2, 768, 2304 }, { "attn.c_attn.bias", 1, 2304, 0 },
        { "attn.c_proj.weight", 2, 768, 768 }, { "attn.c_proj.bias", 1, 768, 0 },
        { "ln_2.weight", 1, 768, 0 }, { "ln_2.bias", 1, 768, 0 },
        { "mlp.c_fc.weight", 2, 768, 3072 }, { "mlp.c_fc.bias", 1, 3072, 0 },
        { "mlp.c_proj.weight", 2, 3072, 768 }, { "mlp.c_proj.bias", 1, 768, 0 },
    };
    lx_fx_st_meta(f, "format", "pt");
    lx_fx_st_tensor(f, "wte.weight", "F32", 2, (int64_t[]){ 50257, 768 });
    lx_fx_st_tensor(f, "wpe.weight", "F32", 2, (int64_t[]){ 1024, 768 });
    for (int l = 0; l < 12; l++) {
        for (size_t i = 0; i < sizeof LAYER / sizeof LAYER[0]; i++) {
            char name[64];
            snprintf(name, sizeof name, "h.%d.%s", l, LAYER[i].part);
            lx_fx_st_tensor(f, name, "F32", LAYER[i].n, (int64_t[]){ LAYER[i].d0, LAYER[i].d1 });
        }
    }
    lx_fx_st_tensor(f, "ln_f.weight", "F32", 1, (int64_t[]){ 768 });
    lx_fx_st_tensor(f, "ln_f.bias", "F32", 1, (int64_t[]){ 768 });
}

static void test_gpt2_shaped_file(void **state)
{
    (void)state;
    const char *path = TMP("gpt2.safetensors");
    lx_fx_st *f = lx_fx_st_new();
    gpt2_fixture(f);
    lx_tensors ts;
    uint64_t n_hdr, fb, hb;
    write_and_read(f, path, 0, &ts, &n_hdr, &fb, &hb);
    assert_int_equal(ts.n, 148);
    uint64_t elems = 0, bytes = 0;
    for (size_t i = 0; i < ts.n; i++) {
        elems += ts.v[i].n_elems;
        bytes += ts.v[i].n_bytes;
    }
    assert_int_equal(elems, 124439808);
    assert_int_equal(bytes, 4ULL * 124439808);
    const lx_tensor *qkv = lx_tensors_find(&ts, "h.0.attn.c_attn.weight");
    assert_non_null(qkv);
    assert_int_equal(qkv->n_dims, 2);
    assert_int_equal(qkv->shape[0], 768);
    assert_int_equal(qkv->shape[1], 2304);
    /* wte then wpe then layer 0's ln_1.weight, ln_1.bias, c_attn.weight */
    assert_int_equal(qkv->offset, 8 + n_hdr + 4ULL * (50257 * 768 + 1024 * 768 + 768 + 768));
    assert_int_equal(lx_tensors_find(&ts, "wte.weight")->offset, 8 + n_hdr);
    assert_int_equal(fb, 8 + n_hdr + 4ULL * 124439808);
    lx_tensors_free(&ts);
    lx_fx_st_free(f);
}

/* A 16 GB (sparse) file: only its header is read. */
static void test_big_sparse_file(void **state)
{
    (void)state;
    const char *path = TMP("big.safetensors");
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor(f, "big", "BF16", 2, (int64_t[]){ 131072, 65536 }); /* 2^34 bytes */
    lx_tensors ts;
    uint64_t n_hdr, fb, hb;
    write_and_read(f, path, 0, &ts, &n_hdr, &fb, &hb);
    assert_int_equal(ts.v[0].n_bytes, 1ULL << 34);
    assert_int_equal(fb, 8 + n_hdr + (1ULL << 34));
    lx_tensors_free(&ts);
    lx_fx_st_free(f);
    unlink(path);
}

/* 20,000 tensors (a 1.3 MB header): must stay fast (no quadratic pass over tensors). */
static void test_many_tensors(void **state)
{
    (void)state;
    const char *path = TMP("many.safetensors");
    lx_fx_st *f = lx_fx_st_new();
    for (int i = 0; i < 20000; i++) {
        char name[64];
        snprintf(name, sizeof name, "model.layers.%d.self_attn.q_proj.weight", i);
        lx_fx_st_tensor(f, name, "BF16", 2, (int64_t[]){ 256, 256 });
    }
    lx_tensors ts;
    uint64_t n_hdr, fb, hb;
    write_and_read(f, path, 0, &ts, &n_hdr, &fb, &hb);
    assert_true(n_hdr > 1000000);
    assert_int_equal(ts.n, 20000);
    assert_string_equal(ts.v[19999].name, "model.layers.19999.self_attn.q_proj.weight");
    assert_int_equal(ts.v[19999].offset, 8 + n_hdr + 19999ULL * 256 * 256 * 2);
    lx_tensors_free(&ts);
    lx_fx_st_free(f);
    unlink(path);
}

/* ------------------------------------------------------------ sharded */

#define SHARD1 "model-00001-of-00002.safetensors"
#define SHARD2 "model-00002-of-00002.safetensors"

/* Writes shards into dir: shard 1 holds a and b, shard 2 holds c (+ extra when given). */
static void write_two_shards(const char *dir, const char *extra)
{
    char p[512];
    mkdir(dir, 0755);
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor(f, "a", "BF16", 2, (int64_t[]){ 4, 8 });
    lx_fx_st_tensor(f, "b", "BF16", 1, (int64_t[]){ 8 });
    snprintf(p, sizeof p, "%s/%s", dir, SHARD1);
    assert_true(lx_fx_st_write(f, p, NULL));
    lx_fx_st_free(f);
    f = lx_fx_st_new();
    lx_fx_st_tensor(f, "c", "F32", 2, (int64_t[]){ 2, 3 });
    if (extra) lx_fx_st_tensor(f, extra, "F32", 1, (int64_t[]){ 1 });
    snprintf(p, sizeof p, "%s/%s", dir, SHARD2);
    assert_true(lx_fx_st_write(f, p, NULL));
    lx_fx_st_free(f);
}

static void write_index(const char *dir, size_t n, const char *const *names, const char *const *files)
{
    char p[512];
    snprintf(p, sizeof p, "%s/model.safetensors.index.json", dir);
    assert_true(lx_fx_st_write_index(p, n, names, files, 64 + 16 + 24));
}

static void test_two_shards(void **state)
{
    (void)state;
    const char *dir = TMP("two");
    write_two_shards(dir, NULL);
    /* shard 2 appears first in the map: file indices still follow the sorted names */
    const char *names[] = { "c", "a", "b" }, *files[] = { SHARD2, SHARD1, SHARD1 };
    write_index(dir, 3, names, files);
    lx_tensors ts;
    lx_tensors_init(&ts);
    lx_err err = { 0 };
    uint64_t fb = 0, hb = 0;
    bool missing = true;
    assert_int_equal(lx_st_read_index(TMP("two/model.safetensors.index.json"), &ts, &fb, &hb, &missing, &err),
                     LX_OK);
    assert_false(missing);
    assert_int_equal(ts.n, 3);
    assert_string_equal(ts.v[0].name, "a");
    assert_string_equal(ts.v[2].name, "c");
    assert_int_equal(lx_tensors_find(&ts, "a")->file, 0);
    assert_int_equal(lx_tensors_find(&ts, "b")->file, 0);
    assert_int_equal(lx_tensors_find(&ts, "c")->file, 1);
    uint64_t s1 = file_size(TMP("two/" SHARD1)), s2 = file_size(TMP("two/" SHARD2));
    uint64_t si = file_size(TMP("two/model.safetensors.index.json"));
    assert_int_equal(fb, s1 + s2 + si);
    /* data regions are 80 and 24 bytes, so each header is file size - 8 - data */
    uint64_t n1 = s1 - 8 - 80, n2 = s2 - 8 - 24;
    assert_int_equal(hb, si + 8 + n1 + 8 + n2);
    assert_int_equal(lx_tensors_find(&ts, "b")->offset, 8 + n1 + 64);
    assert_int_equal(lx_tensors_find(&ts, "c")->offset, 8 + n2);
    lx_tensors_free(&ts);

    lx_st_index idx;
    assert_int_equal(lx_st_index_load(TMP("two/model.safetensors.index.json"), &idx, &err), LX_OK);
    assert_int_equal(idx.n_files, 2);
    assert_string_equal(idx.files[0], SHARD1);
    assert_true(idx.has_total_size);
    assert_int_equal(idx.total_size, 104);
    char *sp = lx_st_index_shard_path(&idx, 1);
    assert_string_equal(sp, TMP("two/" SHARD2));
    free(sp);
    lx_st_index_free(&idx);
}

/* Reads dir's index expecting LX_ERR_MODEL with all words. */
static void expect_index_error(const char *dir, const char *const *words)
{
    char p[512];
    snprintf(p, sizeof p, "%s/model.safetensors.index.json", dir);
    lx_tensors ts;
    lx_tensors_init(&ts);
    lx_err err = { 0 };
    assert_int_equal(lx_st_read_index(p, &ts, NULL, NULL, NULL, &err), LX_ERR_MODEL);
    if (getenv("LX_SHOW")) print_message("%s\n", err.msg);
    for (; *words; words++) {
        if (!strstr(err.msg, *words)) fail_msg("message \"%s\" lacks \"%s\"", err.msg, *words);
    }
    lx_tensors_free(&ts);
}

static void test_shard_has_unlisted_tensor(void **state)
{
    (void)state;
    write_two_shards(TMP("unlisted"), "stray");
    const char *names[] = { "a", "b", "c" }, *files[] = { SHARD1, SHARD1, SHARD2 };
    write_index(TMP("unlisted"), 3, names, files);
    expect_index_error(TMP("unlisted"), (const char *[]){ SHARD2, "\"stray\"", "does not list it", NULL });
}

static void test_listed_tensor_absent_from_shard(void **state)
{
    (void)state;
    write_two_shards(TMP("absent"), NULL);
    const char *names[] = { "a", "b", "c", "ghost" }, *files[] = { SHARD1, SHARD1, SHARD2, SHARD2 };
    write_index(TMP("absent"), 4, names, files);
    expect_index_error(TMP("absent"), (const char *[]){ SHARD2, "\"ghost\"", "is not in this shard", NULL });
}

static void test_tensor_in_wrong_shard(void **state)
{
    (void)state;
    write_two_shards(TMP("wrong"), NULL);
    const char *names[] = { "a", "b", "c" }, *files[] = { SHARD1, SHARD2, SHARD2 };
    write_index(TMP("wrong"), 3, names, files);
    expect_index_error(TMP("wrong"), (const char *[]){ SHARD1, "\"b\"", "puts it in \"" SHARD2 "\"", NULL });
}

static void test_partly_missing_shards(void **state)
{
    (void)state;
    write_two_shards(TMP("partial"), NULL);
    const char *names[] = { "a", "b", "c", "d" },
               *files[] = { SHARD1, SHARD1, SHARD2, "model-00003-of-00003.safetensors" };
    write_index(TMP("partial"), 4, names, files);
    lx_tensors ts;
    lx_tensors_init(&ts);
    lx_err err = { 0 };
    bool missing = false;
    assert_int_equal(lx_st_read_index(TMP("partial/model.safetensors.index.json"), &ts, NULL, NULL, &missing, &err),
                     LX_OK);
    assert_true(missing);
    assert_int_equal(ts.n, 0);
    lx_st_index idx;
    assert_int_equal(lx_st_index_load(TMP("partial/model.safetensors.index.json"), &idx, &err), LX_OK);
    assert_int_equal(idx.n_missing, 1);
    assert_true(idx.file_missing[2]);
    assert_false(idx.file_missing[0]);
    lx_st_index_free(&idx);
}

static void test_weight_map_names_must_be_plain(void **state)
{
    (void)state;
    mkdir(TMP("slash"), 0755);
    const char *names[] = { "a", "b" }, *files[] = { SHARD1, "sub/" SHARD2 };
    write_index(TMP("slash"), 2, names, files);
    expect_index_error(TMP("slash"), (const char *[]){ "model.safetensors.index.json: offset ", "\"b\"",
                                                       "sub/", "not a plain file name", NULL });
    mkdir(TMP("dotdot"), 0755);
    const char *files2[] = { "..", SHARD1 };
    write_index(TMP("dotdot"), 2, names, files2);
    expect_index_error(TMP("dotdot"), (const char *[]){ "\"a\"", "\"..\" is not a plain file name", NULL });
}

static void test_index_not_json_or_without_map(void **state)
{
    (void)state;
    mkdir(TMP("badindex"), 0755);
    const char *bad = "{\"weight_map\": {\"a\": \"x.safetensors\"\n";
    assert_true(lx_fx_write_bytes(TMP("badindex/model.safetensors.index.json"), bad, strlen(bad)));
    expect_index_error(TMP("badindex"), (const char *[]){ "index.json: line 2:", "expected", NULL });
    const char *nomap = "{\"metadata\": {\"total_size\": 8}}";
    assert_true(lx_fx_write_bytes(TMP("badindex/model.safetensors.index.json"), nomap, strlen(nomap)));
    expect_index_error(TMP("badindex"), (const char *[]){ "\"weight_map\" is missing", NULL });
}

/* The real index of Meta-Llama-3-8B, shards absent. */
static void test_llama3_8b_index_without_shards(void **state)
{
    (void)state;
    const char *path = LX_SHARED_DIR "/configs/Meta-Llama-3-8B/model.safetensors.index.json";
    lx_tensors ts;
    lx_tensors_init(&ts);
    lx_err err = { 0 };
    uint64_t fb = 0, hb = 0;
    bool missing = false;
    assert_int_equal(lx_st_read_index(path, &ts, &fb, &hb, &missing, &err), LX_OK);
    assert_true(missing);
    assert_int_equal(ts.n, 0);
    assert_int_equal(fb, file_size(path));
    assert_int_equal(hb, fb);

    lx_st_index idx;
    assert_int_equal(lx_st_index_load(path, &idx, &err), LX_OK);
    assert_int_equal(idx.n_names, 291);
    assert_true(idx.has_total_size);
    assert_int_equal(idx.total_size, 16060522496ULL);
    assert_int_equal(idx.n_files, 4);
    assert_int_equal(idx.n_missing, 4);
    assert_string_equal(idx.files[0], "model-00001-of-00004.safetensors");
    assert_string_equal(idx.files[3], "model-00004-of-00004.safetensors");
    assert_string_equal(idx.names[0], "lm_head.weight"); /* document order */
    assert_int_equal(idx.name_file[0], 3);
    assert_string_equal(idx.names[1], "model.embed_tokens.weight");
    assert_int_equal(idx.name_file[1], 0);
    lx_st_index_free(&idx);
}

/* ------------------------------------------------------------ broken files */

static void test_file_shorter_than_8_bytes(void **state)
{
    (void)state;
    assert_true(lx_fx_write_bytes(TMP("short.safetensors"), "\x10\0\0\0\0", 5));
    expect_model_error(TMP("short.safetensors"), (const char *[]){ "offset 0", "5 bytes", "at least 8", NULL });
}

static void test_header_length_past_file(void **state)
{
    (void)state;
    const char *h = "{}      ";
    assert_true(lx_fx_st_write_raw(TMP("hdrpast.safetensors"), 1000, h, 8, 0));
    expect_model_error(TMP("hdrpast.safetensors"),
                       (const char *[]){ "offset 0", "header length 1000", "past the end", "at most 8", NULL });
}

static void test_header_length_too_large(void **state)
{
    (void)state;
    /* the (sparse) file is big enough: only the 100,000,000 limit is broken */
    const char *h = "{}      ";
    assert_true(lx_fx_st_write_raw(TMP("hdrbig.safetensors"), 100000008, h, 8, 100000000));
    expect_model_error(TMP("hdrbig.safetensors"),
                       (const char *[]){ "header length 100000008", "too large", "at most 100000000", NULL });
    unlink(TMP("hdrbig.safetensors"));
}

static void test_invalid_json(void **state)
{
    (void)state;
    const char *h = "{\n  \"a\": {\"dtype\": \"F32\",, \"shape\": []}\n}";
    assert_true(lx_fx_st_write_raw(TMP("badjson.safetensors"), strlen(h), h, strlen(h), 0));
    expect_model_error(TMP("badjson.safetensors"), (const char *[]){ ": line 2:24: ", "expected", "file offset 34", NULL });
}

static void test_duplicate_key(void **state)
{
    (void)state;
    const char *h = "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
                    "\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}";
    assert_true(lx_fx_st_write_raw(TMP("dup.safetensors"), strlen(h), h, strlen(h), 2));
    expect_model_error(TMP("dup.safetensors"), (const char *[]){ "line 1:", "duplicate", NULL });
}

static void test_unknown_dtype(void **state)
{
    (void)state;
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor(f, "ok", "F32", 1, (int64_t[]){ 2 });
    lx_fx_st_tensor(f, "layer.w", "F7", 1, (int64_t[]){ 2 });
    /* the message points at the tensor's key: 8 + its position in the header */
    char *h = lx_fx_st_header(f);
    char want[64];
    snprintf(want, sizeof want, "offset %ld:", 8 + (long)(strstr(h, "\"layer.w\"") - h));
    free(h);
    expect_fixture_error(f, TMP("dtype.safetensors"),
                         (const char *[]){ want, "tensor \"layer.w\"", "\"dtype\"", "unknown dtype \"F7\"",
                                           "expected one of", NULL });
    lx_fx_st_free(f);
}

static void test_negative_dim(void **state)
{
    (void)state;
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor_at(f, "neg", "F32", 2, (int64_t[]){ 4, -1 }, 0, 16);
    expect_fixture_error(f, TMP("neg.safetensors"),
                         (const char *[]){ "tensor \"neg\"", "\"shape\"[1]", "non-negative", NULL });
    lx_fx_st_free(f);
}

static void test_too_many_dims(void **state)
{
    (void)state;
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor(f, "conv3d", "F16", 5, (int64_t[]){ 2, 2, 2, 2, 2 });
    expect_fixture_error(f, TMP("dims.safetensors"),
                         (const char *[]){ "tensor \"conv3d\"", "5 dimensions", "at most 4", NULL });
    lx_fx_st_free(f);
}

static void test_element_count_overflow(void **state)
{
    (void)state;
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor_at(f, "huge", "U8", 3, (int64_t[]){ 1LL << 32, 1LL << 32, 2 }, 0, 0);
    expect_fixture_error(f, TMP("ovf.safetensors"), (const char *[]){ "tensor \"huge\"", "overflows", NULL });
    lx_fx_st_free(f);
    f = lx_fx_st_new();
    lx_fx_st_tensor_at(f, "wide", "F64", 2, (int64_t[]){ 1LL << 31, 1LL << 31 }, 0, 0); /* 2^62 * 8 */
    expect_fixture_error(f, TMP("ovf2.safetensors"), (const char *[]){ "tensor \"wide\"", "overflow", NULL });
    lx_fx_st_free(f);
}

static void test_size_mismatch(void **state)
{
    (void)state;
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor_at(f, "w", "BF16", 2, (int64_t[]){ 3, 4 }, 0, 12);
    expect_fixture_error(f, TMP("size.safetensors"),
                         (const char *[]){ "tensor \"w\"", "[0, 12] spans 12 bytes", "expected 24", NULL });
    lx_fx_st_free(f);
}

static void test_overlapping_offsets(void **state)
{
    (void)state;
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor_at(f, "x", "F32", 1, (int64_t[]){ 4 }, 0, 16);
    lx_fx_st_tensor_at(f, "y", "F32", 1, (int64_t[]){ 4 }, 8, 24);
    expect_fixture_error(f, TMP("overlap.safetensors"),
                         (const char *[]){ "tensor \"y\"", "begins at 8", "expected 16", "overlap", NULL });
    lx_fx_st_free(f);
}

static void test_gap_between_tensors(void **state)
{
    (void)state;
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor_at(f, "x", "F32", 1, (int64_t[]){ 4 }, 4, 20);
    expect_fixture_error(f, TMP("gap.safetensors"),
                         (const char *[]){ "tensor \"x\"", "begins at 4", "expected 0", "gaps", NULL });
    lx_fx_st_free(f);
}

static void test_offsets_past_end_of_file(void **state)
{
    (void)state;
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor(f, "a", "F32", 1, (int64_t[]){ 4 });
    lx_fx_st_tensor(f, "b", "F32", 1, (int64_t[]){ 4 });
    lx_fx_st_data_size(f, 20);
    expect_fixture_error(f, TMP("pastend.safetensors"),
                         (const char *[]){ "tensor \"b\"", "ends at 32", "past the end", "<= 20", NULL });
    lx_fx_st_free(f);
}

/* A name written with JSON escapes cannot be found literally: the message says "header". */
static void test_escaped_name_error_says_header(void **state)
{
    (void)state;
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor(f, "odd\"name", "X9", 1, (int64_t[]){ 2 });
    expect_fixture_error(f, TMP("escaped.safetensors"),
                         (const char *[]){ "safetensors: header: tensor \"odd\"name\"", "unknown dtype", NULL });
    lx_fx_st_free(f);
}

static void test_header_not_an_object(void **state)
{
    (void)state;
    const char *h = "[1, 2, 3]";
    assert_true(lx_fx_st_write_raw(TMP("array.safetensors"), strlen(h), h, strlen(h), 0));
    expect_model_error(TMP("array.safetensors"), (const char *[]){ "offset 8", "not a JSON object", NULL });
}

static void test_metadata_must_hold_strings(void **state)
{
    (void)state;
    const char *h = "{\"__metadata__\":{\"format\":\"pt\",\"epochs\":3}}";
    assert_true(lx_fx_st_write_raw(TMP("meta.safetensors"), strlen(h), h, strlen(h), 0));
    /* the "__metadata__" key is at header position 1, file offset 9 */
    expect_model_error(TMP("meta.safetensors"),
                       (const char *[]){ "offset 9:", "key \"__metadata__\"", "\"epochs\"", "not a string", NULL });
}

int main(void)
{
    mkdir(LX_TMP_DIR, 0755);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_dtype_round_trip),
        cmocka_unit_test(test_scalar_and_empty_tensor),
        cmocka_unit_test(test_gpt2_shaped_file),
        cmocka_unit_test(test_big_sparse_file),
        cmocka_unit_test(test_many_tensors),
        cmocka_unit_test(test_two_shards),
        cmocka_unit_test(test_shard_has_unlisted_tensor),
        cmocka_unit_test(test_listed_tensor_absent_from_shard),
        cmocka_unit_test(test_tensor_in_wrong_shard),
        cmocka_unit_test(test_partly_missing_shards),
        cmocka_unit_test(test_weight_map_names_must_be_plain),
        cmocka_unit_test(test_index_not_json_or_without_map),
        cmocka_unit_test(test_llama3_8b_index_without_shards),
        cmocka_unit_test(test_file_shorter_than_8_bytes),
        cmocka_unit_test(test_header_length_past_file),
        cmocka_unit_test(test_header_length_too_large),
        cmocka_unit_test(test_invalid_json),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_unknown_dtype),
        cmocka_unit_test(test_negative_dim),
        cmocka_unit_test(test_too_many_dims),
        cmocka_unit_test(test_element_count_overflow),
        cmocka_unit_test(test_size_mismatch),
        cmocka_unit_test(test_overlapping_offsets),
        cmocka_unit_test(test_gap_between_tensors),
        cmocka_unit_test(test_offsets_past_end_of_file),
        cmocka_unit_test(test_escaped_name_error_says_header),
        cmocka_unit_test(test_header_not_an_object),
        cmocka_unit_test(test_metadata_must_hold_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
