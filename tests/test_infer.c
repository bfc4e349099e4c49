/* Tests infer/ and `llmxray run`: the forward pass on the real stories260K files against
 * published greedy text and an independent implementation's internals
 * (shared/reference/), the kernels on hand-worked values, and the guard rails on small
 * crafted GGUF files (unsupported family, type, shape, missing tensors, memory limit). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "fixture_gguf.h"
#include "infer/engine.h"
#include "infer/kernels.h"
#include "infer/llama.h"
#include "infer/sample.h"
#include "infer/trace.h"

#define MODELS LX_SHARED_DIR "/models/"
#define REF LX_SHARED_DIR "/reference/"
#define TOL 1e-4

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    lx_buf b;
    lx_buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) lx_buf_put(&b, chunk, n);
    fclose(f);
    if (len) *len = b.len;
    char *s = malloc(b.len + 1);
    memcpy(s, lx_buf_cstr(&b), b.len + 1);
    lx_buf_free(&b);
    return s;
}

typedef struct cmd_result {
    int status;
    char *out, *err;
    size_t out_len;
} cmd_result;

/* Runs `llmxray ARGS`, capturing stdout and stderr. */
static cmd_result run_llmxray(const char *args)
{
    const char *err_path = LX_TMP_DIR "/infer_stderr.txt";
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' %s 2>'%s'", LX_BINARY, args, err_path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    lx_buf b;
    lx_buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) lx_buf_put(&b, chunk, n);
    int st = pclose(p);
    cmd_result r = {WIFEXITED(st) ? WEXITSTATUS(st) : -1, strdup(lx_buf_cstr(&b)), slurp(err_path, NULL), b.len};
    lx_buf_free(&b);
    return r;
}

static void result_free(cmd_result *r) { free(r->out), free(r->err); }

static void expect_failure(const char *args, int status, const char *needle)
{
    cmd_result r = run_llmxray(args);
    if (r.status != status || !strstr(r.err, needle))
        fail_msg("llmxray %s: exit %d, stderr '%s' (expected %d and '%s')", args, r.status, r.err, status, needle);
    assert_int_equal(strncmp(r.err, "llmxray: ", 9), 0);
    result_free(&r);
}

static void expect_same_as_file(const char *args, const char *ref_path)
{
    size_t ref_len = 0;
    char *ref = slurp(ref_path, &ref_len);
    assert_non_null(ref);
    cmd_result r = run_llmxray(args);
    assert_int_equal(r.status, 0);
    assert_int_equal(r.out_len, ref_len);
    assert_memory_equal(r.out, ref, ref_len);
    result_free(&r);
    free(ref);
}

static double num(const json_t *v) { return json_number_value(v); }

/* ---- the real model against the references ---- */

static void test_greedy_from_bos_matches_publisher(void **state)
{
    (void)state;
    expect_same_as_file("run " MODELS "stories260K.gguf -n 256", REF "stories260K-greedy-from-bos.txt");
}

static void test_q8_0_v2_tied_greedy_matches_reference(void **state)
{
    (void)state;
    expect_same_as_file("run " MODELS "stories260K-q8_0.gguf -n 256 --threads 2",
                        REF "stories260K-q8_0-greedy-from-bos.txt");
}

static void expect_matrix(const lx_trace *tr, const json_t *m, size_t layer, size_t head)
{
    assert_int_equal(json_array_size(m), tr->n_tok);
    for (size_t q = 0; q < tr->n_tok; q++) {
        const float *row = lx_trace_attn(tr, layer, head, q);
        for (size_t k = 0; k < tr->n_tok; k++) {
            double want = num(json_array_get(json_array_get(m, q), k));
            if (fabs(row[k] - want) > TOL) fail_msg("attention l%zu h%zu [%zu][%zu] = %.7f, want %.7f", layer, head, q, k, row[k], want);
        }
    }
}

static void expect_logits(const lx_engine *m, const lx_trace *tr, const json_t *ref)
{
    const json_t *all = json_object_get(ref, "last_position_logits_all");
    assert_int_equal(json_array_size(all), m->info.vocab);
    for (size_t i = 0; i < m->info.vocab; i++)
        if (fabs(tr->logits[i] - num(json_array_get(all, i))) > TOL)
            fail_msg("logit %zu = %.7f, want %.7f", i, tr->logits[i], num(json_array_get(all, i)));
    const json_t *top = json_object_get(ref, "top10_next_token");
    lx_top got[10];
    assert_true(lx_sample_top(tr->logits, m->info.vocab, 10, got));
    for (size_t i = 0; i < 10; i++) {
        const json_t *e = json_array_get(top, i);
        assert_int_equal(got[i].id, json_integer_value(json_object_get(e, "id")));
        assert_true(fabs(got[i].logit - num(json_object_get(e, "logit"))) < TOL);
        assert_true(fabs(got[i].prob - num(json_object_get(e, "prob"))) < TOL);
    }
}

typedef struct id_list {
    int32_t v[256];
    size_t n;
} id_list;

static void collect(void *ctx, int32_t id)
{
    id_list *l = ctx;
    if (l->n < 256) l->v[l->n++] = id;
}

static void test_prompt_internals_match_reference(void **state)
{
    (void)state;
    json_error_t jerr;
    json_t *ref = json_load_file(REF "stories260K-once-upon-a-time.json", 0, &jerr);
    assert_non_null(ref);
    lx_err err = {0};
    lx_engine *m = NULL;
    assert_int_equal(lx_engine_open(MODELS "stories260K.gguf", &m, &err), LX_OK);
    assert_string_equal(m->ops->name, "decoder");
    int32_t *ids;
    size_t n;
    assert_int_equal(lx_tok_encode(m->tok, "Once upon a time", true, &ids, &n, &err), LX_OK);
    const json_t *want_ids = json_object_get(ref, "prompt_token_ids");
    assert_int_equal(n, 5);
    assert_int_equal(json_array_size(want_ids), 5);
    for (size_t i = 0; i < n; i++) assert_int_equal(ids[i], json_integer_value(json_array_get(want_ids, i)));

    lx_trace tr;
    lx_engine_state s;
    assert_int_equal(lx_trace_init(&tr, &(lx_trace_dims){n, 64, 5, 8, 512, 172}, 1u << 20, &err), LX_OK);
    assert_int_equal(lx_engine_state_init(m, &s, 200, n, 1, &err), LX_OK);
    assert_int_equal(lx_engine_forward(m, &s, ids, n, &tr, &err), LX_OK);
    const json_t *pieces = json_object_get(ref, "prompt_token_pieces");
    for (size_t i = 1; i < n; i++) assert_string_equal(tr.pieces[i], json_string_value(json_array_get(pieces, i)));
    expect_logits(m, &tr, ref);
    const json_t *att = json_object_get(ref, "attention");
    expect_matrix(&tr, json_object_get(json_object_get(att, "layer0_head0"), "matrix"), 0, 0);
    expect_matrix(&tr, json_object_get(json_object_get(att, "last_layer_head0"), "matrix"), 4, 0);
    /* the recorded embeddings are rows of the table; norms grow from them */
    float row[64];
    lx_kern_mat_row(&((const lx_llama *)m->model)->embed, 403, row);
    assert_memory_equal(lx_trace_embed(&tr, 1), row, sizeof row);
    assert_true(fabs(tr.resid_norm[1] - lx_kern_l2(row, 64)) < 1e-6);

    const json_t *greedy = json_object_get(ref, "greedy_generated_token_ids");
    id_list got = {{0}, 0};
    size_t done = 0;
    assert_int_equal(lx_sample_greedy(m, &s, json_array_size(greedy), collect, &got, &done, &err), LX_OK);
    assert_int_equal(done, 196);
    assert_int_equal(s.n_pos, 200); /* 5 prompt tokens + 195 fed back: the positions the reference ran */
    for (size_t i = 0; i < done; i++) assert_int_equal(got.v[i], json_integer_value(json_array_get(greedy, i)));

    lx_engine_state_free(m, &s);
    lx_trace_free(&tr);
    free(ids);
    lx_engine_close(m);
    json_decref(ref);
}

static void test_run_prints_top_k(void **state)
{
    (void)state;
    cmd_result r = run_llmxray("run " MODELS "stories260K.gguf --prompt 'Once upon a time' --top 2 -n 3");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "Next token after the prompt (top 2 of 512):\n"
                               "   1  id    432  p 0.96879  logit   17.7994  \",\"\n"
                               "   2  id    383  p 0.02873  logit   14.2813  \" there\"\n"
                               "\nOnce upon a time, there was\n");
    result_free(&r);
}

/* `inside -o FILE.json` carries the same internals as the library run above. */
static void expect_json_matrix(const json_t *got, const json_t *want)
{
    assert_int_equal(json_array_size(got), json_array_size(want));
    for (size_t q = 0; q < json_array_size(want); q++)
        for (size_t k = 0; k < json_array_size(want); k++)
            assert_true(fabs(num(json_array_get(json_array_get(got, q), k)) - num(json_array_get(json_array_get(want, q), k))) < TOL);
}

static void test_inside_json_matches_reference(void **state)
{
    (void)state;
    cmd_result r = run_llmxray("inside " MODELS "stories260K.gguf --prompt 'Once upon a time' -n 20 -o " LX_TMP_DIR "/inside.json");
    assert_int_equal(r.status, 0);
    result_free(&r);
    json_error_t e;
    json_t *got = json_load_file(LX_TMP_DIR "/inside.json", 0, &e), *ref = json_load_file(REF "stories260K-once-upon-a-time.json", 0, &e);
    assert_non_null(got);
    assert_non_null(ref);
    assert_string_equal(json_string_value(json_object_get(got, "prompt")), "Once upon a time");
    const json_t *toks = json_object_get(got, "tokens"), *ids = json_object_get(ref, "prompt_token_ids");
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(json_integer_value(json_object_get(json_array_get(toks, i), "id")), json_integer_value(json_array_get(ids, i)));
    assert_string_equal(json_string_value(json_object_get(json_array_get(toks, 1), "piece")), " Once");
    const json_t *att = json_object_get(got, "attention"), *ratt = json_object_get(ref, "attention");
    assert_int_equal(json_array_size(att), 5);
    assert_int_equal(json_array_size(json_array_get(att, 0)), 8);
    expect_json_matrix(json_array_get(json_array_get(att, 0), 0), json_object_get(json_object_get(ratt, "layer0_head0"), "matrix"));
    expect_json_matrix(json_array_get(json_array_get(att, 4), 0), json_object_get(json_object_get(ratt, "last_layer_head0"), "matrix"));
    const json_t *top = json_object_get(got, "top"), *rtop = json_object_get(ref, "top10_next_token");
    assert_int_equal(json_array_size(top), 10);
    for (size_t i = 0; i < 10; i++) {
        const json_t *a = json_array_get(top, i), *b = json_array_get(rtop, i);
        assert_int_equal(json_integer_value(json_object_get(a, "id")), json_integer_value(json_object_get(b, "id")));
        assert_true(fabs(num(json_object_get(a, "prob")) - num(json_object_get(b, "prob"))) < TOL);
    }
    const json_t *cont = json_object_get(got, "continuation"), *greedy = json_object_get(ref, "greedy_generated_token_ids");
    assert_int_equal(json_array_size(cont), 20);
    for (size_t i = 0; i < 20; i++)
        assert_int_equal(json_integer_value(json_object_get(json_array_get(cont, i), "id")), json_integer_value(json_array_get(greedy, i)));
    assert_int_equal(strncmp(json_string_value(json_object_get(got, "continuation_text")), ", there was a little girl named Lily.", 36), 0);
    /* RoPE: pair i of 4 turns by 10000^(-2i/8) per position */
    const json_t *freq = json_object_get(got, "rope_frequencies");
    assert_int_equal(json_array_size(freq), 4);
    assert_true(fabs(num(json_array_get(freq, 1)) - 0.1) < 1e-7 && fabs(num(json_array_get(freq, 3)) - 0.001) < 1e-9);
    json_decref(got);
    json_decref(ref);
    expect_failure("inside " MODELS "stories260K.gguf --prompt hi", 2, "inside: needs -o FILE");
    expect_failure("inside " MODELS "stories260K.gguf -o " LX_TMP_DIR "/x.txt", 2, "cannot tell the format");
    expect_failure("inside " MODELS "mmproj-tinygemma3.gguf -o " LX_TMP_DIR "/x.json", 1, "architecture 'clip' is not supported");
}

/* The F16 test model (random weights, 32,000-piece vocabulary): it runs, and the prompt
 * comes back as it was typed (no reference exists for its continuation). */
static void test_f16_model_runs(void **state)
{
    (void)state;
    cmd_result r = run_llmxray("run " MODELS "llama-2-tiny-random.gguf --prompt 'Hello world, caf\xc3\xa9' -n 4");
    assert_int_equal(r.status, 0);
    assert_int_equal(strncmp(r.out, "Hello world, caf\xc3\xa9", 17), 0);
    assert_true(r.out_len > 18 && r.out[r.out_len - 1] == '\n');
    result_free(&r);
}

/* ---- guard rails ---- */

static void test_refuses_other_families(void **state)
{
    (void)state;
    expect_failure("run " MODELS "mmproj-tinygemma3.gguf", 1,
                   "architecture 'clip' is not supported by the inference engine (expected llama, qwen2, qwen3, phi3, smollm3, gpt2, gemma, gemma2, gemma3, olmo2 or qwen3moe)");
    expect_failure("run " MODELS "vocab-only/ggml-vocab-bert-bge.gguf", 1, "architecture 'bert' is not supported");
    /* a family the engine runs, but a file with the vocabulary alone */
    expect_failure("run " MODELS "vocab-only/ggml-vocab-phi-3.gguf", 1, "tensor token_embd.weight is missing");
}

static void test_usage_errors(void **state)
{
    (void)state;
    expect_failure("run", 2, "run: no model given");
    expect_failure("run " MODELS "stories260K.gguf -n many", 2, "-n wants a count");
    expect_failure("run " MODELS "stories260K.gguf --top 0", 2, "--top wants a count");
    expect_failure("run " MODELS "stories260K.gguf --threads", 2, "needs a value");
    expect_failure("run " MODELS "stories260K.gguf --max-memory lots", 2, "--max-memory wants a size");
    expect_failure("run " MODELS "stories260K.gguf --bogus", 2, "unknown option '--bogus'");
    expect_failure("run " MODELS "stories260K.gguf -n 2049", 2, "exceed the model's context of 2048 positions");
    expect_failure("run " LX_TMP_DIR "/no-such-model.gguf", 3, "no-such-model.gguf");
}

static void test_memory_limit(void **state)
{
    (void)state;
    expect_failure("run " MODELS "stories260K.gguf --max-memory 1M", 1,
                   "this run needs about 1.30 MB of memory but 1.05 MB is allowed (--max-memory)");
    cmd_result r = run_llmxray("run " MODELS "stories260K.gguf --max-memory 2M -n 1");
    assert_int_equal(r.status, 0);
    result_free(&r);
}

/* A 1-layer llama (d_model 32, 2 heads sharing 1 KV head, FFN 64, 8 tokens) whose only
 * non-zero weights are the embedding table (row i = unit vector i) and output_norm (ones):
 * every layer adds nothing and the tied head maps a token to itself, so greedy output
 * repeats the last prompt token. Variants break one thing each. */
typedef enum tiny_variant {
    TINY_OK, TINY_Q8_1, TINY_BAD_SHAPE, TINY_MISSING, TINY_MOE, TINY_BAD_HEADS, TINY_BAD_DATA,
    TINY_BYTES /* ids 6 and 7 are the byte pieces <0xC3> <0xA9> ("é" = C3 A9) */
} tiny_variant;

static void tiny_tensor(lx_fx_gguf *w, const char *name, uint32_t type, uint64_t a, uint64_t b)
{
    uint64_t ne[2] = {a, b};
    lx_fx_gguf_tensor(w, name, type, b ? 2 : 1, ne);
}

static void tiny_tensors(lx_fx_gguf *w, tiny_variant v)
{
    float emb[8 * 32] = {0}, ones[32];
    for (int i = 0; i < 8; i++) emb[i * 32 + i] = 1.0f;
    for (int i = 0; i < 32; i++) ones[i] = 1.0f;
    size_t e = lx_fx_gguf_tensor(w, "token_embd.weight", 0, 2, (uint64_t[]){32, 8});
    if (v != TINY_BAD_DATA) lx_fx_gguf_tensor_data(w, e, emb, sizeof emb);
    size_t o = lx_fx_gguf_tensor(w, "output_norm.weight", 0, 1, (uint64_t[]){32});
    lx_fx_gguf_tensor_data(w, o, ones, sizeof ones);
    tiny_tensor(w, "blk.0.attn_norm.weight", 0, 32, 0);
    tiny_tensor(w, "blk.0.ffn_norm.weight", 0, 32, 0);
    tiny_tensor(w, "blk.0.attn_q.weight", v == TINY_Q8_1 ? 9 : 0, 32, 32);
    tiny_tensor(w, "blk.0.attn_k.weight", 0, 32, v == TINY_BAD_SHAPE ? 32 : 16);
    tiny_tensor(w, "blk.0.attn_v.weight", 0, 32, 16);
    tiny_tensor(w, "blk.0.attn_output.weight", 0, 32, 32);
    tiny_tensor(w, "blk.0.ffn_gate.weight", 0, 32, 64);
    if (v != TINY_MISSING) tiny_tensor(w, "blk.0.ffn_up.weight", 0, 32, 64);
    tiny_tensor(w, "blk.0.ffn_down.weight", 0, 64, 32);
    if (v == TINY_MOE) tiny_tensor(w, "blk.0.ffn_gate_inp.weight", 0, 32, 4);
}

static const char *write_tiny(tiny_variant v)
{
    static char path[512];
    snprintf(path, sizeof path, LX_TMP_DIR "/infer_tiny_%d.gguf", (int)v);
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.architecture", "llama");
    lx_fx_gguf_kv_u32(w, "llama.embedding_length", 32);
    lx_fx_gguf_kv_u32(w, "llama.block_count", 1);
    lx_fx_gguf_kv_u32(w, "llama.attention.head_count", v == TINY_BAD_HEADS ? 3 : 2);
    lx_fx_gguf_kv_u32(w, "llama.attention.head_count_kv", v == TINY_BAD_HEADS ? 2 : 1);
    lx_fx_gguf_kv_u32(w, "llama.feed_forward_length", 64);
    lx_fx_gguf_kv_u32(w, "llama.context_length", 64);
    lx_fx_gguf_kv_str(w, "tokenizer.ggml.model", "llama");
    const char *toks[] = {"<unk>", "<s>", "</s>", ("\xe2\x96\x81" "a"), "a", "\xe2\x96\x81", "b", "<0x0A>"};
    int32_t types[] = {2, 3, 3, 1, 1, 1, 1, 6};
    if (v == TINY_BYTES) toks[6] = "<0xC3>", toks[7] = "<0xA9>", types[6] = 6;
    lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.tokens", toks, 8);
    lx_fx_gguf_kv_arr(w, "tokenizer.ggml.token_type", 5, types, 8);
    tiny_tensors(w, v);
    assert_true(lx_fx_gguf_write(w, path));
    lx_fx_gguf_free(w);
    return path;
}

static void test_tiny_model_runs_tied_head(void **state)
{
    (void)state;
    char args[640];
    snprintf(args, sizeof args, "run %s --prompt b -n 3", write_tiny(TINY_OK));
    cmd_result r = run_llmxray(args);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "bbbb\n"); /* "b" = ▁ b; then b, b, b */
    result_free(&r);
    snprintf(args, sizeof args, "run %s --prompt 'a a' -n 2", write_tiny(TINY_OK));
    r = run_llmxray(args);
    assert_string_equal(r.out, "a a a a\n"); /* ▁a ▁a, then ▁a twice */
    result_free(&r);
}

/* Greedy text of lone byte tokens (issue 11, item 7): "é" is <0xC3> <0xA9>, and the tiny
 * model repeats the last one, a byte that is no character on its own. run joins the two
 * into "é" and prints the lone bytes as "\xA9"; inside writes valid JSON (it used to exit
 * 3, "out of memory writing the JSON") with the same text. */
static void test_lone_byte_tokens(void **state)
{
    (void)state;
    const char *model = write_tiny(TINY_BYTES);
    char args[900];
    snprintf(args, sizeof args, "run %s --prompt \xc3\xa9 -n 2", model);
    cmd_result r = run_llmxray(args);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "\xc3\xa9\\xA9\\xA9\n");
    result_free(&r);
    snprintf(args, sizeof args, "run %s --prompt \"$(printf '\\303')\" -n 1", model); /* a lone lead byte, never completed */
    r = run_llmxray(args);
    assert_string_equal(r.out, "\\xC3\\xC3\n");
    result_free(&r);
    const char *json = LX_TMP_DIR "/infer_lone_bytes.json";
    snprintf(args, sizeof args, "inside %s --prompt \xc3\xa9 -n 2 -o %s", model, json);
    r = run_llmxray(args);
    assert_int_equal(r.status, 0);
    result_free(&r);
    json_error_t je;
    json_t *j = json_load_file(json, 0, &je);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "continuation_text")), "\\xA9\\xA9");
    json_t *cont = json_object_get(j, "continuation");
    assert_int_equal(json_array_size(cont), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(cont, 0), "id")), 7);
    assert_string_equal(json_string_value(json_object_get(json_array_get(cont, 0), "piece")), "<0xA9>");
    json_decref(j);
}

static void expect_tiny_refused(tiny_variant v, const char *needle)
{
    char args[640];
    snprintf(args, sizeof args, "run %s --prompt a", write_tiny(v));
    expect_failure(args, 1, needle);
}

static void test_tiny_models_refused(void **state)
{
    (void)state;
    expect_tiny_refused(TINY_Q8_1, "tensor blk.0.attn_q.weight has type Q8_1, which the inference engine does not support "
                        "(expected F32, F16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_NL, IQ4_XS, BF16 or MXFP4)");
    expect_tiny_refused(TINY_BAD_SHAPE, "tensor blk.0.attn_k.weight is 32 x 32 F32 in 4096 bytes (expected 16 x 32)");
    expect_tiny_refused(TINY_MISSING, "tensor blk.0.ffn_up.weight is missing");
    expect_tiny_refused(TINY_MOE, "tensor blk.0.ffn_gate_inp.weight is not part of a plain llama decoder");
    expect_tiny_refused(TINY_BAD_HEADS, "3 attention heads cannot share 2 KV heads");
}

/* ---- kernels on hand-worked values ---- */

static void test_rope_pairings(void **state)
{
    (void)state;
    /* one head of 4 dims, pair angles pos*freq = 2*(pi/4) = pi/2 and 2*0 = 0 */
    const float freq[2] = {(float)M_PI / 4, 0.0f};
    float v[4] = {1, 2, 3, 4}, w[4] = {1, 2, 3, 4};
    lx_kern_rope(v, 1, 4, 4, freq, 2, false); /* pairs (0,1) by pi/2: (1,2) -> (-2,1); (2,3) still */
    assert_true(fabsf(v[0] + 2) < 1e-6f && fabsf(v[1] - 1) < 1e-6f && v[2] == 3 && v[3] == 4);
    lx_kern_rope(w, 1, 4, 4, freq, 2, true);  /* pairs (0,2) by pi/2: (1,3) -> (-3,1); (1,3) still */
    assert_true(fabsf(w[0] + 3) < 1e-6f && fabsf(w[2] - 1) < 1e-6f && w[1] == 2 && w[3] == 4);
}

static void test_small_kernels(void **state)
{
    (void)state;
    float x[4] = {1, 2, 3, 4}, w[4] = {1, 1, 2, 0.5f}, out[4];
    lx_kern_rmsnorm(out, x, w, 4, 0.0f); /* rms = sqrt(30/4) = 2.7386128 */
    assert_true(fabsf(out[0] - 0.36514837f) < 1e-6f && fabsf(out[2] - 2.19089023f) < 1e-6f);
    float s[3] = {0.0f, logf(2.0f), logf(5.0f)}; /* exp: 1, 2, 5 -> /8 */
    lx_kern_softmax(s, 3);
    assert_true(fabsf(s[0] - 0.125f) < 1e-6f && fabsf(s[1] - 0.25f) < 1e-6f && fabsf(s[2] - 0.625f) < 1e-6f);
    float g[2] = {0.0f, 2.0f}, u[2] = {3.0f, 1.0f}; /* silu(0) = 0, silu(2) = 2/(1+e^-2) = 1.7615942 */
    lx_kern_swiglu(g, u, 2);
    assert_true(g[0] == 0.0f && fabsf(g[1] - 1.7615942f) < 1e-6f);
    assert_true(lx_kern_l2((float[]){3, 4}, 2) == 5.0f);
    assert_true(lx_kern_dot((float[]){1, 2, 3, 4, 5, 6, 7, 8, 9}, (float[]){1, 1, 1, 1, 1, 1, 1, 1, 2}, 9) == 54.0f);
}

static void test_matmul_threads_agree(void **state)
{
    (void)state;
    /* W [1024][1024] Q8_0 (d = 1/64, q = (r + c) % 7 - 3), x [2][1024]: big enough to split.
     * x = q / 64 with |q| <= 127 and a 127 in every block of 32, so its 8-bit quantization
     * (d = 127/64 / 127 = 1/64) is exact and so is every product: the result is exact. */
    enum { R = 1024, C = 1024 };
    size_t row_bytes = C / 32 * 34;
    uint8_t *data = malloc(R * row_bytes);
    for (size_t r = 0; r < R; r++)
        for (size_t b = 0; b < C / 32; b++) {
            uint8_t *blk = data + r * row_bytes + b * 34;
            blk[0] = 0x00, blk[1] = 0x24; /* 2^-6 */
            for (size_t j = 0; j < 32; j++) blk[2 + j] = (uint8_t)(int8_t)((r + b * 32 + j) % 7 - 3);
        }
    float *x = malloc(2 * C * sizeof(float)), *y1 = malloc(2 * R * sizeof(float)), *y2 = malloc(2 * R * sizeof(float));
    for (size_t i = 0; i < 2 * C; i++) x[i] = (i % 32 == 7 ? 127.0f : (float)((int)(i * 37 % 255) - 127)) / 64.0f;
    lx_mat m = {data, LX_DT_Q8_0, R, C, row_bytes};
    lx_kern_pool p1, p2;
    assert_true(lx_kern_pool_init(&p1, 1, C, 2) && lx_kern_pool_init(&p2, 2, C, 2));
    lx_kern_matmul(&p1, &m, x, 2, y1);
    lx_kern_matmul(&p2, &m, x, 2, y2);
    assert_memory_equal(y1, y2, 2 * R * sizeof(float));
    for (size_t t = 0; t < 2; t++)
        for (size_t r = 0; r < R; r += 97) {
            double want = 0;
            for (size_t c = 0; c < C; c++) want += ((double)((r + c) % 7) - 3) / 64 * x[t * C + c];
            assert_true(y1[t * R + r] == want);
        }
    lx_kern_pool_free(&p1), lx_kern_pool_free(&p2);
    free(data), free(x), free(y1), free(y2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_greedy_from_bos_matches_publisher),
        cmocka_unit_test(test_q8_0_v2_tied_greedy_matches_reference),
        cmocka_unit_test(test_prompt_internals_match_reference),
        cmocka_unit_test(test_run_prints_top_k),
        cmocka_unit_test(test_inside_json_matches_reference),
        cmocka_unit_test(test_f16_model_runs),
        cmocka_unit_test(test_refuses_other_families),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_memory_limit),
        cmocka_unit_test(test_tiny_model_runs_tied_head), cmocka_unit_test(test_lone_byte_tokens),
        cmocka_unit_test(test_tiny_models_refused),
        cmocka_unit_test(test_rope_pairings),
        cmocka_unit_test(test_small_kernels),
        cmocka_unit_test(test_matmul_threads_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
