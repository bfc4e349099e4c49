/* Hostile safetensors files and model folders (issue 5): one named broken input per way a
 * safetensors header, a sharded index or a Hugging Face folder can be wrong — header lengths
 * past the file or above 100 MB, JSON that is not UTF-8 or nested 10,000 deep (a JSON bomb),
 * duplicate keys, negative or overflowing shapes, spans that disagree with shape x dtype,
 * overlapping or out-of-file offsets, unknown dtypes; weight_map entries that leave the
 * folder ("../x", absolute paths), tensors in two shards. Each must fail with LX_ERR_MODEL and
 * a one-line "PATH: offset N: ..." (or "line L:C:") message through the reader (files) or the
 * source (folders) and through `llmxray info` (exit 1, one stderr line, nothing on stdout),
 * also under an address-space cap. An index whose buffers, at the config's shapes, are more
 * bytes than 64 bits hold is said to be so, not wrapped to a small number. T5 / BART names with
 * layer indexes past the layers, negative-looking or past 2^64 are counted as "other", named.
 *
 * Offsets in the expectations: a tensor's message names 8 + the position of its key in the
 * header JSON; with '{"w":...' that is 9, and after the 55-byte first entry
 * '{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},' the second key is at 63 (after
 * the fixture writer's 53-byte '{"v":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},' at 61).
 * A tensor the header lacks is placed at the header's start, offset 8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_st.h"
#include "hostile.h"
#include "read/safetensors.h"
#include "open/source.h"

#define DIR LX_TMP_DIR "/hostile_st"

/* ------------------------------------------------------------------ builders */

/* Header json (its length is N) followed by `data` bytes of data region. */
static bool raw(const char *path, const char *json, uint64_t data)
{
    return lx_fx_st_write_raw(path, strlen(json), json, strlen(json), data);
}

/* '{"w": ENTRY}' with a data region of `data` bytes. */
static bool one(const char *path, const char *entry, uint64_t data)
{
    char json[512];
    snprintf(json, sizeof json, "{\"w\":%s}", entry);
    return raw(path, json, data);
}

#define ENTRY_A "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"

static bool mk_5_bytes(const char *p) { return lx_fx_write_bytes(p, "\x10\0\0\0\0", 5); }
static bool mk_empty(const char *p) { return lx_fx_write_bytes(p, "", 0); }
static bool mk_len_past_eof(const char *p) { return lx_fx_st_write_raw(p, 1000, "{}", 2, 0); }
/* 100,000,001 declared and present (sparse): refused for its size alone, before reading. */
static bool mk_len_over_100mb(const char *p) { return lx_fx_st_write_raw(p, 100000001, "{}", 2, 100000000); }
static bool mk_len_u64_max(const char *p) { return lx_fx_st_write_raw(p, UINT64_MAX, "{}", 2, 64); }
static bool mk_not_utf8(const char *p) { return raw(p, "{\"w\xff\xfe\":{}}", 0); }
static bool mk_empty_header(const char *p) { return raw(p, "", 0); }
static bool mk_not_object(const char *p) { return raw(p, "[]", 0); }
static bool mk_trailing(const char *p) { return raw(p, "{} x", 0); }
static bool mk_control_char(const char *p) { return raw(p, "{\"w\x01\":{}}", 0); }
static bool mk_nul_in_key(const char *p) { return raw(p, "{\"a\\u0000b\":{}}", 0); }
static bool mk_duplicate(const char *p)
{
    return raw(p, "{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
                  "\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}", 2);
}

/* A JSON bomb: `depth` nested arrays (or objects {"a":...}) — a stack overflow for a
 * recursive parser without a depth limit. */
static bool bomb(const char *p, int depth, const char *open, const char *close)
{
    size_t lo = strlen(open), lc = strlen(close), n = (size_t)depth * (lo + lc);
    char *s = malloc(n + 1);
    if (!s) return false;
    for (int i = 0; i < depth; i++) memcpy(s + (size_t)i * lo, open, lo);
    for (int i = 0; i < depth; i++) memcpy(s + (size_t)depth * lo + (size_t)i * lc, close, lc);
    s[n] = '\0';
    bool ok = raw(p, s, 0);
    free(s);
    return ok;
}
static bool mk_bomb_arrays(const char *p) { return bomb(p, 10000, "[", "]"); }
static bool mk_bomb_objects(const char *p) { return bomb(p, 10000, "{\"a\":", "}"); }

static bool mk_negative_dim(const char *p) { return one(p, "{\"dtype\":\"F32\",\"shape\":[-1,4],\"data_offsets\":[0,0]}", 0); }
static bool mk_float_dim(const char *p) { return one(p, "{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}", 4); }
static bool mk_span_mismatch(const char *p) { return one(p, "{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}", 20); }
static bool mk_unknown_dtype(const char *p) { return one(p, "{\"dtype\":\"F4\",\"shape\":[2],\"data_offsets\":[0,1]}", 1); }
static bool mk_dtype_missing(const char *p) { return one(p, "{\"shape\":[2],\"data_offsets\":[0,8]}", 8); }
static bool mk_dims_5(const char *p) { return one(p, "{\"dtype\":\"U8\",\"shape\":[1,1,1,1,1],\"data_offsets\":[0,1]}", 1); }
static bool mk_shape_overflow(const char *p)
{
    return one(p, "{\"dtype\":\"U8\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}", 0);
}
static bool mk_bytes_overflow(const char *p)
{
    return one(p, "{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}", 0);
}
static bool mk_begin_after_end(const char *p) { return one(p, "{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[16,0]}", 16); }
static bool mk_three_offsets(const char *p) { return one(p, "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}", 8); }
static bool mk_huge_integer(const char *p)
{
    return one(p, "{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}", 1);
}
static bool mk_entry_not_object(const char *p) { return one(p, "5", 0); }
static bool mk_not_from_zero(const char *p) { return one(p, "{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[16,32]}", 32); }
static bool mk_past_eof(const char *p) { return one(p, "{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}", 8); }
static bool mk_overlap(const char *p)
{
    return raw(p, ENTRY_A "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 24);
}
static bool mk_gap(const char *p)
{
    return raw(p, ENTRY_A "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[32,48]}}", 48);
}
static bool mk_metadata_not_string(const char *p) { return raw(p, "{\"__metadata__\":{\"a\":1}}", 0); }

/* Folders: index + shards + config.json, each file written as text or a small fixture. */
static bool put_text(const char *dir, const char *name, const char *text)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return lx_hx_write_text(p, text);
}

/* A valid shard holding the named U8 tensors of 4 bytes each. */
static bool shard(const char *dir, const char *name, int n, const char *const *tensors)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    lx_fx_st *f = lx_fx_st_new();
    for (int i = 0; i < n; i++) lx_fx_st_tensor(f, tensors[i], "U8", 1, (int64_t[]){ 4 });
    bool ok = lx_fx_st_write(f, p, NULL);
    lx_fx_st_free(f);
    return ok;
}

/* A folder whose index maps "w" -> shard_name (no shard written). */
static bool index_to(const char *p, const char *shard_name)
{
    char json[512];
    snprintf(json, sizeof json, "{\"metadata\":{\"total_size\":4},\"weight_map\":{\"w\":\"%s\"}}", shard_name);
    return lx_hx_mkdirs(p) && put_text(p, "model.safetensors.index.json", json);
}
static bool mk_dir_dotdot(const char *p) { return index_to(p, "../x.safetensors"); }
static bool mk_dir_absolute(const char *p) { return index_to(p, "/etc/passwd"); }
static bool mk_dir_subdir(const char *p) { return index_to(p, "sub/x.safetensors"); }
static bool mk_dir_backslash(const char *p) { return index_to(p, "..\\\\x.safetensors"); }
static bool mk_dir_map_number(const char *p)
{
    return lx_hx_mkdirs(p) && put_text(p, "model.safetensors.index.json", "{\"weight_map\":{\"w\":5}}");
}
static bool mk_dir_map_not_object(const char *p)
{
    return lx_hx_mkdirs(p) && put_text(p, "model.safetensors.index.json", "{\"weight_map\":[]}");
}
static bool mk_dir_index_not_json(const char *p)
{
    return lx_hx_mkdirs(p) && put_text(p, "model.safetensors.index.json", "{\"weight_map\":{\"w\":\"a\"}");
}

/* The index puts w in a and v in b, but b holds w too: w is in two shards. */
static bool mk_dir_two_shards(const char *p)
{
    const char *a[] = { "w" }, *b[] = { "v", "w" };
    return lx_hx_mkdirs(p) &&
           put_text(p, "model.safetensors.index.json",
                    "{\"weight_map\":{\"w\":\"a.safetensors\",\"v\":\"b.safetensors\"}}") &&
           shard(p, "a.safetensors", 1, a) && shard(p, "b.safetensors", 2, b);
}

/* The index lists v in a, which does not hold it. */
static bool mk_dir_listed_absent(const char *p)
{
    const char *a[] = { "w" };
    return lx_hx_mkdirs(p) &&
           put_text(p, "model.safetensors.index.json", "{\"weight_map\":{\"w\":\"a.safetensors\",\"v\":\"a.safetensors\"}}") &&
           shard(p, "a.safetensors", 1, a);
}

static bool mk_dir_broken_shard(const char *p)
{
    char s[1024];
    snprintf(s, sizeof s, "%s/a.safetensors", p);
    return index_to(p, "a.safetensors") && lx_fx_st_write_raw(s, 1000, "{}", 2, 0);
}

static const char *const LLAMA_CONFIG =
    "{\n  \"model_type\": \"llama\",\n  \"hidden_size\": 64,\n  \"num_hidden_layers\": \"2\",\n"
    "  \"num_attention_heads\": 4,\n  \"intermediate_size\": 128,\n  \"vocab_size\": 100\n}\n";

/* A good model.safetensors beside a config.json with a wrong type. */
static bool mk_dir_bad_config(const char *p)
{
    const char *a[] = { "model.embed_tokens.weight" };
    return lx_hx_mkdirs(p) && shard(p, "model.safetensors", 1, a) && put_text(p, "config.json", LLAMA_CONFIG);
}

/* A broken model.safetensors beside a config.json. */
static bool mk_dir_bad_weights(const char *p)
{
    char s[1024];
    snprintf(s, sizeof s, "%s/model.safetensors", p);
    return lx_hx_mkdirs(p) && put_text(p, "config.json", "{}") &&
           one(s, "{\"dtype\":\"F32\",\"shape\":[-3],\"data_offsets\":[0,0]}", 0);
}

/* ------------------------------------------------------------------ the cases */

#define CASE(name, make, ...) { name, make, { __VA_ARGS__ }, LX_OK, NULL, NULL }
/* A folder case: the folder is opened; the message names the file msg inside it. */
#define DIRCASE(name, make, msg, ...) { name, make, { __VA_ARGS__ }, LX_OK, NULL, msg }
#define INDEX "/model.safetensors.index.json"

static const lx_hx_case FILES[] = {
    CASE("5_bytes.safetensors", mk_5_bytes, "offset 0:", "file is 5 bytes", "at least 8"),
    CASE("empty.safetensors", mk_empty, "offset 0:", "file is 0 bytes"),
    CASE("len_past_eof.safetensors", mk_len_past_eof, "offset 0:", "header length 1000 runs past the end", "at most 2"),
    CASE("len_over_100mb.safetensors", mk_len_over_100mb, "offset 0:", "header length 100000001 is too large", "at most 100000000"),
    CASE("len_u64_max.safetensors", mk_len_u64_max, "offset 0:", "header length 18446744073709551615 is too large"),
    CASE("not_utf8.safetensors", mk_not_utf8, "line 1:3:", "decode byte 0xff"),
    CASE("empty_header.safetensors", mk_empty_header, "line 1:0:", "expected"),
    CASE("not_object.safetensors", mk_not_object, "offset 8:", "header is not a JSON object"),
    CASE("trailing_bytes.safetensors", mk_trailing, "line 1:4:", "end of file expected"),
    CASE("control_char.safetensors", mk_control_char, "line 1:3:", "control character 0x1"),
    CASE("nul_in_key.safetensors", mk_nul_in_key, "line 1:11:", "NUL byte in object key not supported"),
    CASE("duplicate_key.safetensors", mk_duplicate, "line 1:56:", "duplicate object key"),
    CASE("bomb_arrays.safetensors", mk_bomb_arrays, "line 1:2049:", "maximum parsing depth"),
    CASE("bomb_objects.safetensors", mk_bomb_objects, "line 1:10241:", "maximum parsing depth"),
    CASE("negative_dim.safetensors", mk_negative_dim, "offset 9:", "tensor \"w\"", "\"shape\"[0] is not a non-negative integer"),
    CASE("float_dim.safetensors", mk_float_dim, "offset 9:", "tensor \"w\"", "\"shape\"[0] is not a non-negative integer"),
    CASE("span_mismatch.safetensors", mk_span_mismatch, "offset 9:", "\"data_offsets\" [0, 20] spans 20 bytes (expected 24"),
    CASE("unknown_dtype.safetensors", mk_unknown_dtype, "offset 9:", "unknown dtype \"F4\"", "BF16"),
    CASE("dtype_missing.safetensors", mk_dtype_missing, "offset 9:", "\"dtype\" is missing"),
    CASE("dims_5.safetensors", mk_dims_5, "offset 9:", "\"shape\" has 5 dimensions (expected at most 4)"),
    CASE("shape_overflow.safetensors", mk_shape_overflow, "offset 9:", "\"shape\": element count overflows"),
    CASE("bytes_overflow.safetensors", mk_bytes_overflow, "offset 9:", "\"shape\"", "overflow a 64-bit byte count"),
    CASE("begin_after_end.safetensors", mk_begin_after_end, "offset 9:", "[16, 0] ends before it begins"),
    CASE("three_offsets.safetensors", mk_three_offsets, "offset 9:", "\"data_offsets\" is malformed"),
    CASE("huge_integer.safetensors", mk_huge_integer, "line 1:69:", "too big integer"),
    CASE("entry_not_object.safetensors", mk_entry_not_object, "offset 9:", "tensor \"w\"", "entry is not an object"),
    CASE("not_from_zero.safetensors", mk_not_from_zero, "offset 9:", "begins at 16 (expected 0"),
    CASE("past_eof.safetensors", mk_past_eof, "offset 9:", "ends at 16, past the end of the file", "expected <= 8"),
    CASE("overlap.safetensors", mk_overlap, "offset 63:", "tensor \"b\"", "begins at 8 (expected 16", "overlap"),
    CASE("gap.safetensors", mk_gap, "offset 63:", "tensor \"b\"", "begins at 32 (expected 16", "gaps"),
    CASE("metadata_not_string.safetensors", mk_metadata_not_string, "offset 9:", "__metadata__", "value of \"a\" is not a string"),
};
#define N_FILES (sizeof FILES / sizeof FILES[0])

static const lx_hx_case FOLDERS[] = {
    DIRCASE("dir_dotdot", mk_dir_dotdot, INDEX, "offset 43:", "tensor \"w\"", "\"../x.safetensors\" is not a plain file name"),
    DIRCASE("dir_absolute", mk_dir_absolute, INDEX, "offset 43:", "\"/etc/passwd\" is not a plain file name"),
    DIRCASE("dir_subdir", mk_dir_subdir, INDEX, "offset 43:", "\"sub/x.safetensors\" is not a plain file name"),
    DIRCASE("dir_backslash", mk_dir_backslash, INDEX, "offset 43:", "is not a plain file name"),
    DIRCASE("dir_map_number", mk_dir_map_number, INDEX, "offset 15:", "tensor \"w\"", "weight_map value is not a string"),
    DIRCASE("dir_map_not_object", mk_dir_map_not_object, INDEX, "line 1:2:", "\"weight_map\" is not an object"),
    DIRCASE("dir_index_not_json", mk_dir_index_not_json, INDEX, "line 1:23:", "'}' expected"),
    DIRCASE("dir_two_shards", mk_dir_two_shards, "/b.safetensors", "offset 61:", "tensor \"w\"", "puts it in \"a.safetensors\""),
    DIRCASE("dir_listed_absent", mk_dir_listed_absent, "/a.safetensors", "offset 8:", "tensor \"v\"", "not in this shard"),
    DIRCASE("dir_broken_shard", mk_dir_broken_shard, "/a.safetensors", "offset 0:", "header length 1000 runs past the end"),
    DIRCASE("dir_bad_config", mk_dir_bad_config, "/config.json", "line 4:3:", "num_hidden_layers", "expected a positive integer, found string"),
    DIRCASE("dir_bad_weights", mk_dir_bad_weights, "/model.safetensors", "offset 9:", "\"shape\"[0] is not a non-negative integer"),
};
#define N_FOLDERS (sizeof FOLDERS / sizeof FOLDERS[0])

static lx_status read_st(const char *path, lx_err *err)
{
    lx_tensors ts;
    lx_tensors_init(&ts);
    lx_status s = lx_st_read_file(path, 0, &ts, NULL, NULL, err);
    if (s != LX_OK) assert_int_equal(ts.n, 0); /* a refused file adds nothing */
    lx_tensors_free(&ts);
    return s;
}

static lx_status read_source(const char *path, lx_err *err)
{
    lx_source src;
    lx_status s = lx_source_open(path, &src, err);
    if (s == LX_OK) lx_source_free(&src);
    return s;
}

static int build_cases(void **state)
{
    (void)state;
    lx_hx_build_all(FILES, N_FILES, DIR);
    lx_hx_build_all(FOLDERS, N_FOLDERS, DIR);
    return 0;
}

static void test_reader_refuses_every_file(void **state)
{
    (void)state;
    lx_hx_expect_readers(FILES, N_FILES, DIR, read_st);
}

static void test_source_refuses_every_folder(void **state)
{
    (void)state;
    lx_hx_expect_readers(FOLDERS, N_FOLDERS, DIR, read_source);
}

static void test_cli_fails_cleanly(void **state)
{
    (void)state;
    lx_hx_expect_clis(LX_BINARY, FILES, N_FILES, DIR, 0);
    lx_hx_expect_clis(LX_BINARY, FOLDERS, N_FOLDERS, DIR, 0);
}

/* Memory bound (ulimit -v); skipped under AddressSanitizer (see hostile.h). The 100 MB
 * header case matters most here: its length is refused before anything is allocated. */
static void test_cli_under_memory_cap(void **state)
{
    (void)state;
    if (lx_hx_sanitized()) skip();
    lx_hx_expect_clis(LX_BINARY, FILES, N_FILES, DIR, LX_HX_MEM_CAP);
    lx_hx_expect_clis(LX_BINARY, FOLDERS, N_FOLDERS, DIR, LX_HX_MEM_CAP);
}

/* Memory bound: a 13 MB header of 200,000 tensors is read in memory linear in its size
 * (jansson holds the whole document: measured about 19 x; allowed 32 x + 64 MB). */
static void test_memory_linear_in_header(void **state)
{
    (void)state;
    if (lx_hx_sanitized()) skip();
    const char *path = DIR "/many_tensors.safetensors";
    lx_fx_st *f = lx_fx_st_new();
    char name[32];
    for (int i = 0; i < 200000; i++) {
        snprintf(name, sizeof name, "t%d", i);
        lx_fx_st_tensor(f, name, "U8", 1, (int64_t[]){ 1 });
    }
    uint64_t n = 0;
    assert_true(lx_fx_st_write(f, path, &n));
    lx_fx_st_free(f);
    assert_true(n > 10000000);
    lx_hx_expect_memory(LX_BINARY, path, 8 + n, 32);
    remove(path);
}

/* An index beside a config whose context makes its causal-mask buffers more bytes than 64
 * bits hold (2^33 tokens: 2^66 bytes a mask). The check says so; before, the size wrapped
 * and read "+ 0 bytes of 2 non-parameter buffers". */
static void test_index_buffers_beyond_64_bits(void **state)
{
    (void)state;
    const char *dir = DIR "/dir_buffers_huge";
    assert_true(lx_hx_mkdirs(dir));
    assert_true(put_text(dir, "config.json", "{\"model_type\": \"gpt2\", \"n_embd\": 64, \"n_layer\": 2, \"n_head\": 4, "
                                             "\"vocab_size\": 100, \"n_positions\": 8589934592}"));
    assert_true(put_text(dir, "model.safetensors.index.json",
                         "{\"metadata\": {\"total_size\": 12345}, \"weight_map\": {\"wte.weight\": \"a.safetensors\", "
                         "\"h.0.attn.bias\": \"a.safetensors\", \"h.1.attn.bias\": \"a.safetensors\"}}"));
    const char *argv[] = { LX_BINARY, "info", dir, NULL };
    lx_hx_run r;
    assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
    int code = r.code;
    bool said = r.out && strstr(r.out, "+ 2 non-parameter buffers (rotary inv_freq, causal masks) too large to size at "
                                       "the config's shapes (over 2^64 bytes)");
    bool wrapped = r.out && strstr(r.out, "bytes of 2 non-parameter buffers");
    if (code != 0 || !said || wrapped) fail_msg("exit %d; stdout %.900s", code, r.out ? r.out : "");
    lx_hx_run_free(&r);
}

/* T5 / BART tensor names whose layer index is beyond the config's layers, beyond the 512 the
 * layer table holds, negative-looking or past 2^64: read, counted as "other" with a warning
 * naming the tensor, exit 0. The folder: a T5 of width 16 (shared 10 x 16 = 160, layer 0's q
 * 16 x 16 = 256, its relative bias 4 x 4 = 16) plus the hostile q of 256: 688 parameters. */
static void test_encdec_layer_indexes(void **state)
{
    (void)state;
    static const struct { const char *name, *warning; } CASES_T5[] = {
        { "encoder.block.600.layer.0.SelfAttention.q.weight",
          "tensor encoder.block.600.layer.0.SelfAttention.q.weight: layer index 600 beyond the supported 512 layers" },
        { "encoder.block.-1.layer.0.SelfAttention.q.weight",
          "names the role table does not know (first: encoder.block.-1.layer.0.SelfAttention.q.weight)" },
        { "decoder.block.99999999999999999999999.layer.1.EncDecAttention.k.weight",
          "(first: decoder.block.99999999999999999999999.layer.1.EncDecAttention.k.weight)" },
        { "model.decoder.layers.18446744073709551617.fc1.weight", "(first: model.decoder.layers.18446744073709551617" },
    };
    for (size_t i = 0; i < sizeof CASES_T5 / sizeof CASES_T5[0]; i++) {
        char dir[256], path[320];
        snprintf(dir, sizeof dir, DIR "/dir_t5_index_%zu", i);
        assert_true(lx_hx_mkdirs(dir));
        assert_true(put_text(dir, "config.json", "{\"model_type\": \"t5\", \"d_model\": 16, \"d_kv\": 4, \"d_ff\": 32, "
                                                 "\"num_layers\": 2, \"num_decoder_layers\": 2, \"num_heads\": 4, "
                                                 "\"vocab_size\": 10, \"relative_attention_num_buckets\": 4}"));
        lx_fx_st *f = lx_fx_st_new();
        lx_fx_st_tensor(f, "shared.weight", "F32", 2, (int64_t[]){ 10, 16 });
        lx_fx_st_tensor(f, "encoder.block.0.layer.0.SelfAttention.q.weight", "F32", 2, (int64_t[]){ 16, 16 });
        lx_fx_st_tensor(f, "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", "F32", 2,
                        (int64_t[]){ 4, 4 });
        lx_fx_st_tensor(f, CASES_T5[i].name, "F32", 2, (int64_t[]){ 16, 16 });
        snprintf(path, sizeof path, "%s/model.safetensors", dir);
        assert_true(lx_fx_st_write(f, path, NULL));
        lx_fx_st_free(f);
        const char *argv[] = { LX_BINARY, "info", dir, NULL };
        lx_hx_run r;
        assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
        bool ok = r.code == 0 && r.out && strstr(r.out, "  688 parameters") && strstr(r.out, CASES_T5[i].warning) &&
                  strstr(r.out, "Other                                  256");
        if (!ok) fail_msg("%s: exit %d; stdout %.1500s; stderr %s", CASES_T5[i].name, r.code, r.out ? r.out : "",
                          r.err ? r.err : "");
        lx_hx_run_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader_refuses_every_file),
        cmocka_unit_test(test_source_refuses_every_folder),
        cmocka_unit_test(test_cli_fails_cleanly),
        cmocka_unit_test(test_cli_under_memory_cap),
        cmocka_unit_test(test_memory_linear_in_header),
        cmocka_unit_test(test_index_buffers_beyond_64_bits),
        cmocka_unit_test(test_encdec_layer_indexes),
    };
    return cmocka_run_group_tests(tests, build_cases, NULL);
}
