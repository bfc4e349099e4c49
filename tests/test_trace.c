/* Tests the numbers behind the `inside` poster's newer panels (infer/trace, filled by
 * infer/llama and infer/inside) on random-weight family fixtures (tests/support/
 * fixture_models: GPT-2 with learned positions, Gemma 3 with GeGLU, GQA and a sliding
 * window, Qwen 3 with SwiGLU) and on stories260K: the scores before softmax give the
 * recorded weights, and hidden keys are -inf; the logit lens at the last layer is the
 * model's own top token with its probability; GPT-2's recorded positions are the rows of
 * its table, a model without them gets the sine/cosine reference; the cosine matrix has 1
 * on its diagonal; the sorted distribution sums to 1 and starts with the top token; the
 * feed-forward activations are the product of gate and up; the JSON's KV groups are the
 * heads that share a KV head. */
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

#include "fixture_models.h"
#include "infer/inside.h"
#include "infer/kernels.h"
#include "infer/llama.h"
#include "render/run_json.h"

#define PROMPT "Hello world, this is a test"
#define STORIES LX_SHARED_DIR "/models/stories260K.gguf"

/* Writes the family's fixture and runs `inside` on it (path receives the file). */
static void run_family(const char *family, const char *prompt, lx_inside *in, char *path, size_t cap)
{
    snprintf(path, cap, LX_TMP_DIR "/trace-%s.gguf", family);
    assert_true(lx_fx_model_write(family, LX_SHARED_DIR "/models/vocab-only", path));
    lx_inside_opts o = {prompt, 2, 10, 1, 0, 0, NULL, NULL};
    lx_err err = {0};
    assert_int_equal(lx_inside_run(path, &o, in, &err), LX_OK);
}

/* softmax of each visible row of scores is the recorded weight row; keys hidden from a
 * query are -inf, and only those. Returns how many were hidden. */
static size_t expect_scores_softmax(const lx_trace *t)
{
    size_t hidden = 0;
    for (size_t l = 0; l < t->n_layers; l++)
        for (size_t h = 0; h < t->n_heads; h++)
            for (size_t q = 0; q < t->n_tok; q++) {
                const float *s = lx_trace_scores(t, l, h, q), *a = lx_trace_attn(t, l, h, q);
                double mx = -INFINITY, sum = 0;
                for (size_t k = 0; k <= q; k++) mx = fmax(mx, s[k]);
                for (size_t k = 0; k <= q; k++) sum += isfinite(s[k]) ? exp(s[k] - mx) : 0;
                for (size_t k = 0; k <= q; k++) {
                    double want = isfinite(s[k]) ? exp(s[k] - mx) / sum : 0;
                    assert_true(fabs(want - a[k]) < 1e-6);
                    if (!isfinite(s[k])) {
                        assert_true(s[k] < 0);
                        hidden++;
                    }
                }
            }
    return hidden;
}

/* The lens's last stage is what the model predicts; every stage is a probability. */
static void expect_lens(const lx_inside *in)
{
    const lx_trace *t = &in->trace;
    assert_int_equal(t->lens_id[t->n_layers], in->top[0].id);
    assert_true(fabs(t->lens_prob[t->n_layers] - in->top[0].prob) < 1e-6);
    for (size_t k = 0; k <= t->n_layers; k++) {
        assert_true(t->lens_prob[k] > 0 && t->lens_prob[k] <= 1.0f + 1e-6f);
        assert_true(t->lens_id[k] >= 0 && (size_t)t->lens_id[k] < t->vocab);
        assert_non_null(t->lens_pieces[k]);
    }
}

static void expect_cosines(const lx_trace *t)
{
    const size_t n = t->pos_rows;
    assert_int_equal(n, LX_TRACE_POS_ROWS);
    for (size_t i = 0; i < n; i++) {
        assert_true(fabs(t->pos_cos[i * n + i] - 1.0) < 1e-6);
        for (size_t j = 0; j < n; j++) {
            assert_true(fabs(t->pos_cos[i * n + j] - t->pos_cos[j * n + i]) < 1e-6);
            assert_true(fabs(t->pos_cos[i * n + j]) <= 1.0 + 1e-6);
        }
    }
}

static void expect_distribution(const lx_inside *in)
{
    const lx_trace *t = &in->trace;
    double sum = 0;
    for (size_t i = 0; i < t->vocab; i++) {
        sum += t->probs_sorted[i];
        if (i) assert_true(t->probs_sorted[i] <= t->probs_sorted[i - 1]);
    }
    assert_true(fabs(sum - 1.0) < 1e-5);
    for (size_t i = 0; i < in->n_top; i++) assert_true(fabs(t->probs_sorted[i] - in->top[i].prob) < 1e-6);
}

/* config.kv_groups of the run JSON: n_kv groups of n_heads / n_kv consecutive heads. */
static void expect_kv_groups(const lx_inside *in, size_t n_kv)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_err err = {0};
    assert_int_equal(lx_run_json(in, "x.gguf", &b, &err), LX_OK);
    json_error_t jerr;
    json_t *j = json_loads(lx_buf_cstr(&b), 0, &jerr);
    assert_non_null(j);
    const json_t *g = json_object_get(json_object_get(j, "config"), "kv_groups");
    size_t per = in->trace.n_heads / n_kv;
    assert_int_equal(json_array_size(g), n_kv);
    for (size_t k = 0; k < n_kv; k++) {
        assert_int_equal(json_array_size(json_array_get(g, k)), per);
        for (size_t i = 0; i < per; i++)
            assert_int_equal(json_integer_value(json_array_get(json_array_get(g, k), i)), k * per + i);
    }
    json_decref(j);
    lx_buf_free(&b);
}

static void test_gpt2(void **state)
{
    (void)state;
    lx_inside in;
    char path[512];
    run_family("gpt2", PROMPT, &in, path, sizeof path);
    const lx_trace *t = &in.trace;
    assert_int_equal(expect_scores_softmax(t), 0);
    expect_lens(&in);
    expect_distribution(&in);
    /* the learned table's first 64 rows, as the engine reads them */
    assert_true(t->pos_learned);
    lx_engine *e = NULL;
    lx_err err = {0};
    assert_int_equal(lx_engine_open(path, &e, &err), LX_OK);
    float *row = malloc(t->d_model * sizeof *row);
    assert_non_null(row);
    for (size_t p = 0; p < LX_TRACE_POS_ROWS; p += 21) {
        lx_kern_mat_row(&((const lx_llama *)e->model)->pos_embed, p, row);
        assert_memory_equal(lx_trace_pos(t, p), row, t->d_model * sizeof *row);
    }
    free(row);
    lx_engine_close(e);
    expect_cosines(t);
    /* GELU: act is GELU(up) as the kernel computes it; no gate */
    assert_int_equal(t->ffn_kind, LX_TRACE_FFN_GELU);
    float *up = malloc(t->n_tok * t->d_ff * sizeof *up);
    assert_non_null(up);
    memcpy(up, t->ffn_up, t->n_tok * t->d_ff * sizeof *up);
    lx_kern_gelu(up, t->n_tok * t->d_ff);
    assert_memory_equal(up, t->ffn_act, t->n_tok * t->d_ff * sizeof *up);
    free(up);
    expect_kv_groups(&in, 4);
    lx_inside_free(&in);
}

static void test_gemma3(void **state)
{
    (void)state;
    lx_inside in;
    char path[512];
    run_family("gemma3", PROMPT, &in, path, sizeof path);
    const lx_trace *t = &in.trace;
    /* 8 tokens, window 4 on the local layers: query q >= 4 cannot see keys 0..q-4 */
    assert_int_equal(t->n_tok, 8);
    assert_true(expect_scores_softmax(t) > 0);
    assert_true(isinf(lx_trace_scores(t, 0, 0, 7)[3]) && isfinite(lx_trace_scores(t, 0, 0, 7)[4]));
    expect_lens(&in);
    expect_distribution(&in);
    /* no learned positions: the sine/cosine reference */
    assert_false(t->pos_learned);
    const size_t d = t->d_model;
    assert_true(fabs(lx_trace_pos(t, 1)[0] - sin(1.0)) < 1e-6);
    assert_true(fabs(lx_trace_pos(t, 1)[1] - cos(1.0)) < 1e-6);
    assert_true(fabs(lx_trace_pos(t, 5)[d - 1] - cos(5.0 / pow(10000.0, (double)(d - 2) / (double)d))) < 1e-6);
    expect_cosines(t);
    /* GeGLU: act = GELU(gate) * up, as the kernel computes it */
    assert_int_equal(t->ffn_kind, LX_TRACE_FFN_GEGLU);
    assert_int_equal(t->ffn_layer, (t->n_layers - 1) / 2);
    size_t n = t->n_tok * t->d_ff;
    float *g = malloc(n * sizeof *g);
    assert_non_null(g);
    memcpy(g, t->ffn_gate, n * sizeof *g);
    lx_kern_geglu(g, t->ffn_up, n);
    assert_memory_equal(g, t->ffn_act, n * sizeof *g);
    free(g);
    assert_int_equal(t->model.n_kv_heads, 2);
    expect_kv_groups(&in, 2);
    lx_inside_free(&in);
}

/* SwiGLU on stories260K, checked against SiLU written out: act = gate / (1 + e^-gate) * up. */
static void test_stories_swiglu(void **state)
{
    (void)state;
    lx_inside in;
    lx_inside_opts o = {"Once upon a time", 2, 10, 1, 0, 0, NULL, NULL};
    lx_err err = {0};
    assert_int_equal(lx_inside_run(STORIES, &o, &in, &err), LX_OK);
    const lx_trace *t = &in.trace;
    assert_int_equal(t->ffn_kind, LX_TRACE_FFN_SWIGLU);
    assert_int_equal(t->ffn_layer, 2);
    assert_int_equal(t->d_ff, 172);
    for (size_t i = 0; i < t->n_tok * t->d_ff; i++) {
        double g = t->ffn_gate[i], want = g / (1 + exp(-g)) * t->ffn_up[i];
        assert_true(fabs(want - t->ffn_act[i]) < 1e-5 * fmax(1, fabs(want)));
    }
    assert_int_equal(expect_scores_softmax(t), 0);
    expect_lens(&in);
    expect_distribution(&in);
    assert_false(t->pos_learned);
    expect_kv_groups(&in, 4);
    lx_inside_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gpt2),
        cmocka_unit_test(test_gemma3),
        cmocka_unit_test(test_stories_swiglu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
