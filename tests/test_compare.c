/* Tests `llmxray compare`: the diff of real catalogue models and config folders (exact
 * differing rows and values), the text table, the JSON contract, three-model tables, the
 * picture against the layout quality checker in both themes, hostile names, output
 * formats and the exit codes of bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "arch_fixtures.h"
#include "draw_support.h"
#include "layout/check.h"
#include "layout/compare_layout.h"
#include "model/diff.h"
#include "render/compare.h"

static int run(const char *args, lx_buf *out, lx_buf *err_out)
{
    return lx_test_cli(LX_BINARY, LX_TMP_DIR, "compare_cli.stderr", args, out, err_out);
}

/* ---- the diff of two real models ---- */

typedef struct pair {
    lx_source src[2];
    lx_arch arch[2];
    lx_diff d;
} pair;

static void pair_open(pair *p, const char *a, const char *b)
{
    assert_true(lx_test_open_arch(a, &p->src[0], &p->arch[0]));
    assert_true(lx_test_open_arch(b, &p->src[1], &p->arch[1]));
    const lx_arch *v[2] = {&p->arch[0], &p->arch[1]};
    lx_err err = {0};
    assert_int_equal(lx_diff_build(v, 2, &p->d, &err), LX_OK);
}

static void pair_close(pair *p)
{
    lx_diff_free(&p->d);
    for (int i = 0; i < 2; i++) {
        lx_arch_free(&p->arch[i]);
        lx_source_free(&p->src[i]);
    }
}

/* The keys of the differing rows, comma-separated, in table order. */
static void differing_keys(const lx_diff *d, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < d->n_rows; i++)
        if (d->rows[i].differs && n < cap) n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? "," : "", d->rows[i].def->key);
}

static void assert_ints(const lx_diff *d, const char *key, uint64_t a, uint64_t b)
{
    const lx_diff_row *r = lx_diff_find(d, key);
    assert_non_null(r);
    assert_int_equal(r->v[0].type, LX_DIFF_INT);
    assert_int_equal(r->v[1].type, LX_DIFF_INT);
    assert_int_equal(r->v[0].u, a);
    assert_int_equal(r->v[1].u, b);
    assert_int_equal(r->differs, a != b);
}

typedef struct want_int { const char *key; uint64_t a, b; } want_int;

static void assert_int_rows(const lx_diff *d, const want_int *w, size_t n)
{
    for (size_t i = 0; i < n; i++) assert_ints(d, w[i].key, w[i].a, w[i].b);
}

static void assert_texts(const lx_diff *d, const char *key, const char *a, const char *b)
{
    const lx_diff_row *r = lx_diff_find(d, key);
    assert_non_null(r);
    assert_string_equal(r->v[0].text, a);
    assert_string_equal(r->v[1].text, b);
    assert_int_equal(r->differs, strcmp(a, b) != 0);
}

#define LLAMA2_TO_3 "vocab_size,context_length,attn.kind,attn.n_kv_heads,pos.rope_theta,pos.scaling,ffn.d_ff," \
    "params.embedding,params.attention,params.ffn_dense,params.output,bytes.embedding,bytes.attention," \
    "bytes.ffn_dense,bytes.output,total_params,active_params,total_bytes,dtype,active_no_embed,kv_bytes_per_token"

static void test_llama2_to_llama3(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, "llama-2-7b", "llama-3.1-8b");
    char keys[2048];
    differing_keys(&p.d, keys, sizeof keys);
    assert_string_equal(keys, LLAMA2_TO_3);
    assert_int_equal(p.d.n_differ, 21);
    assert_int_equal(p.d.n_applies, 46);
    static const want_int W[] = {
        {"vocab_size", 32000, 128256}, {"context_length", 4096, 131072}, {"attn.n_heads", 32, 32},
        {"attn.n_kv_heads", 32, 8}, {"ffn.d_ff", 11008, 14336}, {"total_params", 6738415616ull, 8030261248ull},
        {"kv_bytes_per_token", 524288, 131072}, {"params.attention", 2147483648ull, 1342177280ull},
    };
    assert_int_rows(&p.d, W, sizeof W / sizeof W[0]);
    assert_texts(&p.d, "attn.kind", "MHA", "GQA");
    assert_texts(&p.d, "pos.rope_theta", "10,000", "500,000");
    assert_texts(&p.d, "pos.scaling", "-", "llama3 x8");
    assert_texts(&p.d, "layer_mix", "32 dense", "32 dense");
    assert_texts(&p.d, "dtype", "F16", "BF16");
    assert_false(lx_diff_find(&p.d, "attn.sliding_window")->applies);
    assert_true(lx_diff_comp_differs(&p.d, LX_COMP_ATTENTION));
    assert_false(lx_diff_comp_differs(&p.d, LX_COMP_NORM));
    lx_buf b; /* on a terminal: each differing line, and only those, in the accent colour */
    lx_buf_init(&b);
    lx_compare_text(&p.d, true, &b);
    int coloured = 0, escapes = 0;
    for (const char *q = lx_buf_cstr(&b); (q = strstr(q, "\n\x1b[1;31m* ")); q++) coloured++;
    for (size_t i = 0; i < b.len; i++) escapes += b.data[i] == 0x1b;
    assert_int_equal(coloured, 21);
    assert_int_equal(escapes, 42); /* one on, one off per line */
    lx_buf_free(&b);
    pair_close(&p);
}

/* The same question asked of the Hugging Face config folders gives the same answer. */
static void test_llama2_to_llama3_config_folders(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, LX_SHARED_DIR "/configs/Llama-2-7b-hf", LX_SHARED_DIR "/configs/Llama-3.1-8B");
    char keys[2048];
    differing_keys(&p.d, keys, sizeof keys);
    assert_string_equal(keys, LLAMA2_TO_3);
    assert_ints(&p.d, "total_params", 6738415616ull, 8030261248ull);
    pair_close(&p);
}

static void test_deepseek_v3_vs_mixtral(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, "deepseek-v3", "mixtral-8x7b");
    char same[1024] = "";
    size_t n = 0;
    for (int i = 0; i < p.d.n_rows; i++) {
        const lx_diff_row *r = &p.d.rows[i];
        if (r->applies && !r->differs) n += (size_t)snprintf(same + n, sizeof same - n, "%s%s", n ? "," : "", r->def->key);
    }
    assert_string_equal(same, "layer_kinds,attn.v_head_dim,attn.qk_norm,attn.qkv_bias,attn.o_bias,attn.sinks,pos.kind,norm.kind,"
                              "norm.placement,norm.bias,ffn.kind,ffn.activation,ffn.bias,tied"); /* DeepSeek-V3 ships FP8 */
    assert_int_equal(p.d.n_differ, 46);
    assert_texts(&p.d, "attn.kind", "MLA", "GQA");
    assert_texts(&p.d, "layer_mix", "3 dense + 58 MoE", "32 MoE");
    assert_texts(&p.d, "ffn.n_shared_experts", "1", "-");
    assert_texts(&p.d, "attn.kv_lora_rank", "512", "-");
    assert_texts(&p.d, "pos.scaling", "yarn x40", "-");
    static const want_int W[] = {
        {"ffn.n_experts", 256, 8}, {"ffn.n_experts_used", 8, 2}, {"ffn.d_expert", 2048, 14336},
        {"total_params", 684489845504ull /* with its MTP module */, 46702792704ull}, {"active_params", 37552297472ull, 12879925248ull},
        {"n_layers", 61, 32},
    };
    assert_int_rows(&p.d, W, sizeof W / sizeof W[0]);
    assert_int_equal(lx_diff_find(&p.d, "ffn.n_shared_experts")->v[1].type, LX_DIFF_NONE);
    pair_close(&p);
}

static void test_gpt2_vs_llama3(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, "gpt2", "llama-3.1-8b");
    assert_int_equal(p.d.n_differ, p.d.n_applies - 5);
    assert_false(lx_diff_find(&p.d, "layer_kinds")->differs);
    assert_texts(&p.d, "motif", "uniform", "uniform");
    assert_false(lx_diff_find(&p.d, "attn.qk_norm")->differs);
    assert_false(lx_diff_find(&p.d, "attn.sinks")->differs);
    assert_false(lx_diff_find(&p.d, "norm.placement")->differs);
    assert_texts(&p.d, "pos.kind", "learned", "rope");
    assert_texts(&p.d, "pos.rope_theta", "-", "500,000");
    assert_texts(&p.d, "norm.kind", "layernorm", "rmsnorm");
    assert_texts(&p.d, "ffn.kind", "mlp", "glu");
    assert_texts(&p.d, "ffn.activation", "gelu_new", "silu");
    assert_texts(&p.d, "tied", "yes", "no");
    assert_texts(&p.d, "attn.qkv_bias", "yes", "no");
    assert_texts(&p.d, "attn.kind", "MHA", "GQA");
    pair_close(&p);
}

/* params.position: GPT-2 has one, Llama none — a value against "-". */
static void test_value_against_none(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, "gpt2", "llama-3.1-8b");
    const lx_diff_row *r = lx_diff_find(&p.d, "params.position");
    assert_int_equal(r->v[0].type, LX_DIFF_INT);
    assert_int_equal(r->v[0].u, 786432);
    assert_int_equal(r->v[1].type, LX_DIFF_NONE);
    assert_string_equal(r->v[1].text, "-");
    assert_true(r->differs && r->applies);
    pair_close(&p);
}

/* Real GGUF files: counts from their tensors. */
static void test_real_gguf_files(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, LX_SHARED_DIR "/models/stories260K.gguf", LX_SHARED_DIR "/models/llama-2-tiny-random.gguf");
    assert_int_equal(p.d.n_differ, 30);
    assert_texts(&p.d, "motif", "uniform", "-"); /* one layer repeats nothing */
    static const want_int W[] = {
        {"vocab_size", 512, 32000}, {"d_model", 64, 8}, {"n_layers", 5, 1}, {"attn.n_kv_heads", 4, 2},
        {"ffn.d_ff", 172, 32}, {"params.embedding", 32768, 256000},
    };
    assert_int_rows(&p.d, W, sizeof W / sizeof W[0]);
    assert_texts(&p.d, "attn.kind", "GQA", "MHA");
    assert_int_equal(p.arch[0].format, LX_FMT_GGUF);
    pair_close(&p);
}

/* A model against itself: nothing differs, nothing is marked. */
static void test_same_model(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, "llama-3.1-8b", "llama-3.1-8b");
    assert_int_equal(p.d.n_differ, 0);
    assert_int_equal(p.d.n_applies, 46);
    lx_err err = {0};
    lx_measure *m = NULL;
    assert_int_equal(lx_measure_new(&m, &err), LX_OK);
    lx_scene s;
    lx_scene_init(&s, m);
    assert_int_equal(lx_layout_compare(&p.d, &s, &err), LX_OK);
    for (int i = 0; i < s.n; i++) assert_null(strstr(s.els[i].id, "mark"));
    lx_scene_free(&s);
    lx_measure_free(m);
    pair_close(&p);
}

/* Component rows use the keys and labels of `info` (lx_comp_key / lx_comp_label), one row
 * per component in each of the two sections. */
static void test_component_rows_match_info(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, "gemma-2-9b", "qwen3-30b-a3b");
    int seen[2] = {0, 0};
    for (int i = 0; i < p.d.n_rows; i++) {
        const lx_diff_row_def *def = p.d.rows[i].def;
        int k = !strcmp(def->section, "Parameters") ? 0 : !strcmp(def->section, "Bytes") ? 1 : -1;
        if (k < 0) continue;
        char key[64];
        snprintf(key, sizeof key, "%s.%s", k ? "bytes" : "params", lx_comp_key(def->comp));
        assert_string_equal(def->key, key);
        assert_string_equal(def->label, lx_comp_label(def->comp));
        seen[k]++;
    }
    assert_int_equal(seen[0], LX_COMP_COUNT);
    assert_int_equal(seen[1], LX_COMP_COUNT);
    assert_texts(&p.d, "layer_kinds", "21 sliding + 21 full", "all full");
    assert_texts(&p.d, "motif", "2-layer unit x 21", "uniform");
    pair_close(&p);
}

static void test_diff_needs_two(void **state)
{
    (void)state;
    lx_arch a;
    fx_arch(FX_LLAMA31_8B, &a);
    const lx_arch *v[1] = {&a};
    lx_diff d;
    lx_err err = {0};
    assert_int_equal(lx_diff_build(v, 1, &d, &err), LX_ERR_USAGE);
    assert_string_equal(err.msg, "compare needs 2 to 8 models (got 1)");
    fx_arch_free(&a);
}

/* ---- the command ---- */

static void assert_prefix(const char *s, const char *prefix)
{
    assert_int_equal(strncmp(s, prefix, strlen(prefix)), 0);
}

static void test_cli_text(void **state)
{
    (void)state;
    lx_buf out, err;
    lx_buf_init(&out);
    lx_buf_init(&err);
    assert_int_equal(run("compare llama-2-7b llama-3.1-8b", &out, &err), 0);
    assert_int_equal(err.len, 0);
    const char *t = lx_buf_cstr(&out);
    assert_prefix(t, "Llama 2 7B vs Llama 3.1 8B: 21 of 46 compared properties differ (marked *)\n\n");
    assert_non_null(strstr(t, "\n                               Llama 2 7B     Llama 3.1 8B\n"));
    assert_non_null(strstr(t, "\n* Vocabulary                   32,000         128,256\n"));
    assert_non_null(strstr(t, "\n* KV heads                     32             8\n"));
    assert_non_null(strstr(t, "\n* RoPE theta                   10,000         500,000\n"));
    assert_non_null(strstr(t, "\n* RoPE scaling                 -              llama3 x8\n"));
    assert_non_null(strstr(t, "\n  Query heads                  32             32\n"));
    assert_null(strstr(t, "Sliding window")); /* applies to neither */
    int marked = 0;
    for (const char *p = t; (p = strstr(p, "\n* ")); p++) marked++;
    assert_int_equal(marked, 21);
    assert_null(memchr(t, 0x1b, out.len)); /* not a terminal: no colour */
    lx_buf_free(&out);
    lx_buf_free(&err);
}

static json_t *run_json(const char *args)
{
    lx_buf out;
    lx_buf_init(&out);
    assert_int_equal(run(args, &out, NULL), 0);
    json_error_t je;
    json_t *j = json_loads(lx_buf_cstr(&out), 0, &je);
    if (!j) fprintf(stderr, "JSON line %d: %s\n", je.line, je.text);
    assert_non_null(j);
    lx_buf_free(&out);
    return j;
}

static json_t *json_row(json_t *j, const char *key)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(j, "rows"), i, r)
        if (!strcmp(json_string_value(json_object_get(r, "key")), key)) return r;
    fail_msg("no row %s", key);
    return NULL;
}

static void test_cli_json(void **state)
{
    (void)state;
    json_t *j = run_json("compare deepseek-v3 mixtral-8x7b --json");
    assert_int_equal(json_integer_value(json_object_get(j, "n_differ")), 46); /* dtype and bits: FP8 vs BF16 */
    assert_int_equal(json_integer_value(json_object_get(j, "n_compared")), 60);
    json_t *models = json_object_get(j, "models");
    assert_int_equal(json_array_size(models), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(models, 0), "name")), "DeepSeek-V3");
    assert_string_equal(json_string_value(json_object_get(json_array_get(models, 1), "source")), "mixtral-8x7b");
    json_t *r = json_row(j, "ffn.n_experts");
    assert_true(json_is_true(json_object_get(r, "differs")));
    assert_int_equal(json_integer_value(json_array_get(json_object_get(r, "values"), 0)), 256);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(r, "values"), 1)), 8);
    r = json_row(j, "ffn.n_shared_experts");
    assert_true(json_is_null(json_array_get(json_object_get(r, "values"), 1)));
    r = json_row(j, "pos.rope_theta");
    assert_true(json_real_value(json_array_get(json_object_get(r, "values"), 1)) == 1e6 ||
                json_integer_value(json_array_get(json_object_get(r, "values"), 1)) == 1000000);
    r = json_row(j, "total_params");
    assert_int_equal(json_integer_value(json_array_get(json_object_get(r, "values"), 0)), 684489845504ll /* the checkpoint, its MTP module included */);
    r = json_row(j, "attn.qk_norm");
    assert_true(json_is_false(json_object_get(r, "differs")));
    assert_true(json_is_false(json_array_get(json_object_get(r, "values"), 0)));
    r = json_row(j, "attn.sliding_window");
    assert_true(json_is_false(json_object_get(r, "applies")));
    json_t *diffs = json_object_get(j, "differences");
    assert_int_equal(json_array_size(diffs), 46);
    assert_string_equal(json_string_value(json_array_get(diffs, 0)), "family");
    json_decref(j);
}

static void test_cli_json_file_and_gpt2(void **state)
{
    (void)state;
    char path[512], args[800];
    lx_test_tmp_path(path, sizeof path, LX_TMP_DIR, "cmp.json");
    snprintf(args, sizeof args, "compare gpt2 llama-3.1-8b -o '%s'", path);
    lx_buf out;
    lx_buf_init(&out);
    assert_int_equal(run(args, &out, NULL), 0);
    assert_int_equal(out.len, 0);
    lx_buf_free(&out);
    lx_buf_init(&out);
    assert_true(lx_test_read_file(path, &out));
    json_t *j = json_loads(lx_buf_cstr(&out), 0, NULL);
    assert_non_null(j);
    json_t *r = json_row(j, "norm.kind");
    assert_string_equal(json_string_value(json_array_get(json_object_get(r, "values"), 0)), "layernorm");
    assert_string_equal(json_string_value(json_array_get(json_object_get(r, "values"), 1)), "rmsnorm");
    r = json_row(j, "tied");
    assert_true(json_is_true(json_array_get(json_object_get(r, "values"), 0)));
    assert_true(json_is_false(json_array_get(json_object_get(r, "values"), 1)));
    json_decref(j);
    lx_buf_free(&out);
}

static void test_cli_three_models(void **state)
{
    (void)state;
    lx_buf out;
    lx_buf_init(&out);
    assert_int_equal(run("compare gpt2 llama-3.1-8b gemma-2-9b", &out, NULL), 0);
    const char *t = lx_buf_cstr(&out);
    assert_prefix(t, "GPT-2 vs Llama 3.1 8B vs Gemma 2 9B: 50 of 52 compared properties differ (marked *)\n");
    assert_non_null(strstr(t, "\n                               GPT-2        Llama 3.1 8B   Gemma 2 9B\n"));
    assert_non_null(strstr(t, "\n* Placement                    pre          pre            sandwich\n"));
    assert_non_null(strstr(t, "\n* Sliding window               -            -              4,096\n"));
    assert_non_null(strstr(t, "\n  QK-norm                      no           no             no\n"));
    lx_buf_free(&out);
    json_t *j = run_json("compare gpt2 llama-3.1-8b gemma-2-9b -f json");
    assert_int_equal(json_array_size(json_object_get(j, "models")), 3);
    json_t *r = json_row(j, "ffn.activation");
    assert_string_equal(json_string_value(json_array_get(json_object_get(r, "values"), 2)), "gelu_pytorch_tanh");
    json_decref(j);
}

static void test_cli_pictures(void **state)
{
    (void)state;
    static const struct { const char *ext, *magic; } f[] = {
        {"svg", "<?xml"}, {"png", "\x89PNG\r\n\x1a\n"}, {"pdf", "%PDF-"}, {"txt", "Mixtral 8x7B vs Llama 3.1 8B: "}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        char path[512], args[800], name[32];
        snprintf(name, sizeof name, "cmp.%s", f[i].ext);
        lx_test_tmp_path(path, sizeof path, LX_TMP_DIR, name);
        snprintf(args, sizeof args, "compare mixtral-8x7b llama-3.1-8b --theme dark -o '%s'", path);
        assert_int_equal(run(args, NULL, NULL), 0);
        lx_buf b;
        lx_buf_init(&b);
        assert_true(lx_test_read_file(path, &b));
        assert_true(b.len > strlen(f[i].magic));
        assert_memory_equal(b.data, f[i].magic, strlen(f[i].magic));
        lx_buf_free(&b);
    }
}

static void test_cli_bad_input(void **state)
{
    (void)state;
    lx_buf err;
    lx_buf_init(&err);
    assert_int_equal(run("compare llama-2-7b", NULL, &err), 2);
    assert_string_equal(lx_buf_cstr(&err), "llmxray: compare: needs 2 or more models (usage: llmxray compare A B [C...])\n");
    lx_buf_free(&err);
    lx_buf_init(&err);
    assert_int_equal(run("compare llama-2-7b /nonexistent/m.gguf", NULL, &err), 3);
    assert_string_equal(lx_buf_cstr(&err), "llmxray: /nonexistent/m.gguf: cannot open: No such file or directory\n");
    lx_buf_free(&err);
    char bad[512], args[800];
    lx_test_tmp_path(bad, sizeof bad, LX_TMP_DIR, "cmp-bad.gguf");
    FILE *fp = fopen(bad, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite("GGUF\x07\x00\x00\x00", 1, 8, fp), 8); /* a version we do not read */
    fclose(fp);
    snprintf(args, sizeof args, "compare llama-2-7b '%s'", bad);
    lx_buf_init(&err);
    assert_int_equal(run(args, NULL, &err), 1);
    assert_non_null(strstr(lx_buf_cstr(&err), "cmp-bad.gguf: offset 4: version: 7 is not supported"));
    lx_buf_free(&err);
    assert_int_equal(run("compare gpt2 llama-2-7b -f bmp", NULL, NULL), 2);
    assert_int_equal(run("compare gpt2 llama-2-7b -o out.bmp", NULL, NULL), 2);
    assert_int_equal(run("compare gpt2 llama-2-7b --scale 99 -o x.png", NULL, NULL), 2);
    assert_int_equal(run("compare gpt2 llama-2-7b --frobnicate", NULL, NULL), 2);
    assert_int_equal(run("compare gpt2 no-such-model", NULL, NULL), 3);
}

/* A failed compare leaves an existing output file as it was. */
static void test_cli_atomic(void **state)
{
    (void)state;
    char path[512], args[800];
    lx_test_tmp_path(path, sizeof path, LX_TMP_DIR, "cmp-keep.svg");
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("keep me", fp);
    fclose(fp);
    snprintf(args, sizeof args, "compare gpt2 /nonexistent/m.gguf -o '%s'", path);
    assert_int_equal(run(args, NULL, NULL), 3);
    lx_buf b;
    lx_buf_init(&b);
    assert_true(lx_test_read_file(path, &b));
    assert_string_equal(lx_buf_cstr(&b), "keep me");
    lx_buf_free(&b);
}

/* ---- the picture ---- */

static int scene_find(const lx_scene *s, const char *id)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->els[i].id, id)) return i;
    return -1;
}

/* Both spines: the first layer block and the final norm at the same height. */
static void assert_aligned(const lx_scene *s)
{
    static const char *const parts[] = {"block0", "spine.final_norm"};
    for (size_t k = 0; k < 2; k++) {
        char a[64], b[64];
        snprintf(a, sizeof a, "a.%s", parts[k]);
        snprintf(b, sizeof b, "b.%s", parts[k]);
        int i = scene_find(s, a), j = scene_find(s, b);
        assert_true(i >= 0 && j >= 0);
        assert_true(s->els[i].r.y == s->els[j].r.y);
    }
}

/* Where `id="id"` is in svg, NULL none. */
static const char *svg_id(const char *svg, const char *id)
{
    char q[192];
    snprintf(q, sizeof q, "id=\"%s\"", id);
    return strstr(svg, q);
}

/* The end of the <g> that opens at g (just past its matching </g>). */
static const char *svg_group_end(const char *g)
{
    int depth = 0;
    for (const char *p = g; *p; p++) {
        if (!strncmp(p, "<g", 2) && (p[2] == ' ' || p[2] == '>')) depth++;
        else if (!strncmp(p, "</g>", 4) && --depth == 0) return p + 4;
    }
    return NULL;
}

static bool descends(const lx_scene *s, int i, int g)
{
    for (int p = s->els[i].parent, guard = 0; p >= 0 && guard < s->n; p = s->els[p].parent, guard++)
        if (p == g) return true;
    return false;
}

/* Every group of the scene nests in the SVG exactly its own descendants: a mark added to a
 * layer block at the end of the scene lands in it, and what follows the block (the final
 * norm, the output, the other spine) does not. */
static void assert_groups_nest(const lx_scene *s, const char *svg)
{
    int groups = 0, checked = 0;
    for (int g = 0; g < s->n; g++) {
        if (s->els[g].type != LX_EL_GROUP) continue;
        groups++;
        const char *open = svg_id(svg, s->els[g].id);
        assert_non_null(open);
        while (open > svg && strncmp(open, "<g", 2)) open--;
        const char *end = svg_group_end(open);
        assert_non_null(end);
        for (int i = 0; i < s->n; i++) {
            const char *at = i == g ? NULL : svg_id(svg, s->els[i].id);
            if (!at) continue;
            bool inside = at > open && at < end;
            if (inside != descends(s, i, g)) fail_msg("%s %s group %s", s->els[i].id, inside ? "inside" : "outside",
                                                      s->els[g].id);
            checked++;
        }
    }
    assert_true(groups == 0 || checked > 0);
}

static void check_picture(const lx_arch *const *v, int n, const char *marked, const char *unmarked)
{
    lx_diff d;
    lx_err err = {0};
    assert_int_equal(lx_diff_build(v, n, &d, &err), LX_OK);
    lx_measure *m = NULL;
    assert_int_equal(lx_measure_new(&m, &err), LX_OK);
    lx_scene s;
    lx_scene_init(&s, m);
    assert_int_equal(lx_layout_compare(&d, &s, &err), LX_OK);
    lx_buf violations;
    lx_buf_init(&violations);
    int nv = lx_check_scene(&s, &violations);
    if (nv) fprintf(stderr, "%s", lx_buf_cstr(&violations));
    assert_int_equal(nv, 0);
    if (marked) assert_true(scene_find(&s, marked) >= 0);
    if (unmarked) assert_true(scene_find(&s, unmarked) < 0);
    if (n == 2) assert_aligned(&s);
    for (int t = 0; t < LX_THEME_COUNT; t++) { /* the same scene in each theme */
        lx_compare_opts o = {.format = lx_formats_find("svg", LX_PRODUCT_COMPARE), .theme = (lx_theme_id)t, .scale = 1};
        lx_buf svg;
        lx_buf_init(&svg);
        assert_int_equal(lx_compare_picture(&d, &o, &svg, &err), LX_OK);
        assert_non_null(strstr(lx_buf_cstr(&svg), "</svg>"));
        assert_groups_nest(&s, lx_buf_cstr(&svg));
        lx_buf_free(&svg);
    }
    lx_buf_free(&violations);
    lx_scene_free(&s);
    lx_measure_free(m);
    lx_diff_free(&d);
}

static void test_picture_pairs(void **state)
{
    (void)state;
    static const struct { const char *a, *b, *marked, *unmarked; } P[] = {
        {"llama-2-7b", "llama-3.1-8b", "b.mark.block0.attn", "b.mark.block0.attn_norm"},
        {"llama-2-7b", "llama-3.1-8b", "table.vocab_size.mark", "a.mark.block0.badge"}, /* same layer count */
        {"deepseek-v3", "mixtral-8x7b", "a.mark.block1.badge", "table.attn.qk_norm.mark"},
        {"deepseek-v3", "mixtral-8x7b", "table.ffn.n_experts.mark", "b.mark.spine.final_norm.fig"},
        {"gpt2", "llama-3.1-8b", "a.mark.spine.embed", "table.attn.sinks.mark"},
    };
    for (size_t i = 0; i < sizeof P / sizeof P[0]; i++) {
        pair p;
        pair_open(&p, P[i].a, P[i].b);
        const lx_arch *v[2] = {&p.arch[0], &p.arch[1]};
        check_picture(v, 2, P[i].marked, P[i].unmarked);
        pair_close(&p);
    }
}

static void test_picture_three_and_hostile(void **state)
{
    (void)state;
    lx_arch a[3];
    fx_arch(FX_GPT2, &a[0]);
    fx_arch(FX_GEMMA2_9B, &a[1]);
    fx_arch(FX_HOSTILE, &a[2]);
    const lx_arch *v[3] = {&a[0], &a[1], &a[2]};
    check_picture(v, 3, "table.norm.kind.mark", "a.mark.spine.embed");
    const lx_arch *two[2] = {&a[2], &a[0]};
    check_picture(two, 2, "table.vocab_size.mark", NULL);
    lx_diff d;
    lx_err err = {0};
    assert_int_equal(lx_diff_build(two, 2, &d, &err), LX_OK);
    lx_buf b;
    lx_buf_init(&b);
    lx_compare_text(&d, false, &b);
    assert_null(memchr(b.data, 0x1b, b.len));
    lx_buf_free(&b);
    lx_buf_init(&b);
    lx_compare_json(&d, NULL, &b);
    json_t *j = json_loads(lx_buf_cstr(&b), 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "models"), 0), "name")),
                        FX_HOSTILE_NAME);
    json_decref(j);
    lx_buf_free(&b);
    lx_buf_init(&b);
    lx_compare_opts o = {.format = lx_formats_find("svg", LX_PRODUCT_COMPARE), .theme = LX_THEME_LIGHT, .scale = 1};
    assert_int_equal(lx_compare_picture(&d, &o, &b, &err), LX_OK);
    assert_null(strstr(lx_buf_cstr(&b), "<script"));
    assert_null(memchr(b.data, 0x1b, b.len));
    lx_buf_free(&b);
    lx_diff_free(&d);
    for (int i = 0; i < 3; i++) fx_arch_free(&a[i]);
}

int main(void)
{
    lx_test_draw_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_llama2_to_llama3),
        cmocka_unit_test(test_llama2_to_llama3_config_folders),
        cmocka_unit_test(test_deepseek_v3_vs_mixtral),
        cmocka_unit_test(test_gpt2_vs_llama3),
        cmocka_unit_test(test_value_against_none),
        cmocka_unit_test(test_real_gguf_files),
        cmocka_unit_test(test_same_model),
        cmocka_unit_test(test_component_rows_match_info),
        cmocka_unit_test(test_diff_needs_two),
        cmocka_unit_test(test_cli_text),
        cmocka_unit_test(test_cli_json),
        cmocka_unit_test(test_cli_json_file_and_gpt2),
        cmocka_unit_test(test_cli_three_models),
        cmocka_unit_test(test_cli_pictures),
        cmocka_unit_test(test_cli_bad_input),
        cmocka_unit_test(test_cli_atomic),
        cmocka_unit_test(test_picture_pairs),
        cmocka_unit_test(test_picture_three_and_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
