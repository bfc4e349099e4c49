/* Tests each family the engine runs against llama.cpp itself: a random-weight GGUF of the
 * family (tests/support/fixture_models, llama.cpp's names and keys, the tokenizer of a
 * vocab-only GGUF from shared/) is written, run on one prompt, and compared with the numbers
 * llama.cpp recorded on the very same file (tests/data/infer/<family>.json, see its README):
 * the prompt's ids, the top-10 next tokens in order with logits within 1e-3, and 8 greedy ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fixture_models.h"
#include "infer/engine.h"
#include "infer/sample.h"
#include "read/gguf.h"

#define LOGIT_TOL 1e-3

typedef struct ids {
    int32_t v[64];
    size_t n;
} ids;

static void collect(void *ctx, int32_t id)
{
    ids *l = ctx;
    if (l->n < 64) l->v[l->n++] = id;
}

static void expect_ids(const json_t *want, const int32_t *got, size_t n)
{
    assert_int_equal(json_array_size(want), n);
    for (size_t i = 0; i < n; i++) assert_int_equal(got[i], json_integer_value(json_array_get(want, i)));
}

static void check_family(const char *name)
{
    char path[512], ref_path[512];
    snprintf(path, sizeof path, LX_TMP_DIR "/family-%s.gguf", name);
    snprintf(ref_path, sizeof ref_path, LX_SOURCE_DIR "/tests/data/infer/%s.json", name);
    assert_true(lx_fx_model_write(name, LX_SHARED_DIR "/models/vocab-only", path));
    json_error_t jerr;
    json_t *ref = json_load_file(ref_path, 0, &jerr);
    assert_non_null(ref);

    lx_err err = {0};
    lx_engine *e = NULL;
    assert_int_equal(lx_engine_open(path, &e, &err), LX_OK);
    int32_t *prompt;
    size_t n;
    assert_int_equal(lx_tok_encode(e->tok, json_string_value(json_object_get(ref, "prompt")), true, &prompt, &n, &err),
                     LX_OK);
    expect_ids(json_object_get(ref, "prompt_ids"), prompt, n);

    const json_t *greedy = json_object_get(ref, "greedy"), *top = json_object_get(ref, "top");
    lx_engine_state s;
    assert_int_equal(lx_engine_state_init(e, &s, lx_engine_run_positions(n, json_array_size(greedy)), n, 1, &err), LX_OK);
    assert_int_equal(lx_engine_forward(e, &s, prompt, n, NULL, &err), LX_OK);
    lx_top got[10];
    assert_int_equal(json_array_size(top), 10);
    assert_true(lx_sample_top(s.logits, e->info.vocab, 10, got));
    double worst = 0;
    for (size_t i = 0; i < 10; i++) {
        const json_t *t = json_array_get(top, i);
        assert_int_equal(got[i].id, json_integer_value(json_object_get(t, "id")));
        double d = fabs(got[i].logit - json_number_value(json_object_get(t, "logit")));
        if (d > worst) worst = d;
    }
    print_message("%s: top-10 logits within %.2g of llama.cpp's\n", name, worst);
    assert_true(worst < LOGIT_TOL);

    ids cont = {{0}, 0};
    size_t done = 0;
    assert_int_equal(lx_sample_greedy(e, &s, json_array_size(greedy), collect, &cont, &done, &err), LX_OK);
    expect_ids(greedy, cont.v, done);

    lx_engine_state_free(e, &s);
    free(prompt);
    lx_engine_close(e);
    json_decref(ref);
    remove(path);
}

/* A quantized fixture against llama.cpp: its CPU backend multiplies these types with the
 * activations quantized to 8 bits per block, llmxray with float activations, so logits
 * agree within `tol` (measured when recorded; see tests/data/infer/README.md), close
 * neighbours may swap places, and the top-10 set, the first and the greedy ids are the same. */
static void check_quantized(const char *name, double tol)
{
    char path[512], ref_path[512];
    snprintf(path, sizeof path, LX_TMP_DIR "/family-%s.gguf", name);
    snprintf(ref_path, sizeof ref_path, LX_SOURCE_DIR "/tests/data/infer/%s.json", name);
    assert_true(lx_fx_model_write(name, LX_SHARED_DIR "/models/vocab-only", path));
    json_error_t jerr;
    json_t *ref = json_load_file(ref_path, 0, &jerr);
    assert_non_null(ref);
    lx_err err = {0};
    lx_engine *e = NULL;
    assert_int_equal(lx_engine_open(path, &e, &err), LX_OK);
    int32_t *prompt;
    size_t n;
    assert_int_equal(lx_tok_encode(e->tok, json_string_value(json_object_get(ref, "prompt")), true, &prompt, &n, &err),
                     LX_OK);
    expect_ids(json_object_get(ref, "prompt_ids"), prompt, n);
    const json_t *greedy = json_object_get(ref, "greedy"), *top = json_object_get(ref, "top");
    lx_engine_state s;
    assert_int_equal(lx_engine_state_init(e, &s, lx_engine_run_positions(n, json_array_size(greedy)), n, 1, &err), LX_OK);
    assert_int_equal(lx_engine_forward(e, &s, prompt, n, NULL, &err), LX_OK);
    lx_top got[10];
    assert_true(lx_sample_top(s.logits, e->info.vocab, 10, got));
    assert_int_equal(got[0].id, json_integer_value(json_object_get(json_array_get(top, 0), "id")));
    double worst = 0;
    for (size_t i = 0; i < 10; i++) {
        const json_t *t = json_array_get(top, i);
        int64_t id = json_integer_value(json_object_get(t, "id"));
        bool in_ours = false;
        for (size_t k = 0; k < 10; k++) in_ours |= got[k].id == id;
        assert_true(in_ours);
        worst = fmax(worst, fabs(s.logits[id] - json_number_value(json_object_get(t, "logit"))));
    }
    print_message("%s: top-10 logits within %.2g of llama.cpp's\n", name, worst);
    assert_true(worst < tol);
    ids cont = {{0}, 0};
    size_t done = 0;
    assert_int_equal(lx_sample_greedy(e, &s, json_array_size(greedy), collect, &cont, &done, &err), LX_OK);
    expect_ids(greedy, cont.v, done);
    lx_engine_state_free(e, &s);
    free(prompt);
    lx_engine_close(e);
    json_decref(ref);
    remove(path);
}

/* Q4_1, Q5_0, Q5_1, IQ4_NL and MXFP4 layer matrices (fixture_models' MIXQ). */
static void test_qwen3_mixq(void **state) { (void)state; check_quantized("qwen3-mixq", 0.25); }
/* Q2_K, Q3_K, Q5_K and IQ4_XS layer matrices and an IQ4_XS embedding, 8 times wider (MIXQ_K). */
static void test_llama_bpe_kq(void **state) { (void)state; check_quantized("llama-bpe-kq", 0.3); }

static void test_gpt2(void **state) { (void)state; check_family("gpt2"); }
static void test_qwen2(void **state) { (void)state; check_family("qwen2"); }
static void test_qwen3(void **state) { (void)state; check_family("qwen3"); }
static void test_llama_bpe(void **state) { (void)state; check_family("llama-bpe"); }
static void test_phi3(void **state) { (void)state; check_family("phi3"); }
/* Phi-3 with phi3.attention.sliding_window 4 and an 8-token prompt: llama.cpp reads the key and
 * turns the window off ("Phi SWA is currently disabled", llama-model's phi3 hparams), so every
 * query sees every earlier key and its numbers are the windowless fixture's; llmxray's too. */
static void test_phi3_swa(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, LX_TMP_DIR "/family-phi3-swa-key.gguf");
    assert_true(lx_fx_model_write("phi3-swa", LX_SHARED_DIR "/models/vocab-only", path));
    lx_err err = {0};
    lx_gguf *g = NULL;
    assert_int_equal(lx_gguf_open(path, &g, &err), LX_OK);
    uint64_t w = 0;
    assert_true(lx_gguf_get_u64(g, "phi3.attention.sliding_window", &w));
    assert_int_equal(w, 4); /* the key is there: the run below ignores it as llama.cpp does */
    lx_gguf_close(g);
    remove(path);
    check_family("phi3-swa");
}
static void test_gemma(void **state) { (void)state; check_family("gemma"); }
static void test_gemma2(void **state) { (void)state; check_family("gemma2"); }
static void test_gemma3(void **state) { (void)state; check_family("gemma3"); }
static void test_olmo2(void **state) { (void)state; check_family("olmo2"); }
static void test_smollm3(void **state) { (void)state; check_family("smollm3"); }
static void test_qwen3moe(void **state) { (void)state; check_family("qwen3moe"); }

/* Every fixture family has a test above and recorded numbers. */
static void test_every_family_covered(void **state)
{
    (void)state;
    static const char *const tested[] = {"gpt2", "qwen2", "qwen3", "llama-bpe", "phi3",
                                          "gemma", "gemma2", "gemma3", "olmo2", "smollm3", "qwen3moe"};
    assert_int_equal(lx_fx_n_families(), sizeof tested / sizeof tested[0]);
    for (size_t i = 0; i < lx_fx_n_families(); i++) assert_string_equal(lx_fx_family_at(i)->name, tested[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gpt2),
        cmocka_unit_test(test_qwen2),
        cmocka_unit_test(test_qwen3),
        cmocka_unit_test(test_llama_bpe),
        cmocka_unit_test(test_phi3),
        cmocka_unit_test(test_phi3_swa),
        cmocka_unit_test(test_gemma),
        cmocka_unit_test(test_gemma2),
        cmocka_unit_test(test_gemma3),
        cmocka_unit_test(test_olmo2),
        cmocka_unit_test(test_smollm3),
        cmocka_unit_test(test_qwen3moe),
        cmocka_unit_test(test_qwen3_mixq),
        cmocka_unit_test(test_llama_bpe_kq),
        cmocka_unit_test(test_every_family_covered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
