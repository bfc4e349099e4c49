/* Tests `run` on Hugging Face folders: each GGUF family fixture (tests/support/fixture_models)
 * is converted the way transformers stores the same model (tests/support/fixture_hf: HF
 * names, Q/K rows in half-split order, Gemma norms minus 1, config.json, a real
 * tokenizer.json from shared/tokenizers) and run from the folder:
 *  - F32 folders give the prompt ids, top-10 and greedy ids llama.cpp recorded on the GGUF
 *    (tests/data/infer/<family>.json), and the GGUF's own logits within 1e-4 (the GGUF's
 *    greedy ids are checked against llama.cpp's by test_infer_families);
 *  - BF16 and F16 folders give the logits of a GGUF fixture whose weights were rounded to
 *    that precision (the same model) within 1e-4, and its greedy ids.
 * RoPE scaling: GGUFs with llama.cpp's rope.scaling.* keys for linear, yarn and longrope, and the
 * folders with the matching rope_scaling, against llama.cpp's numbers on those GGUFs; a
 * folder with Llama 3's rope_scaling against its GGUF with the rope_freqs factors llama.cpp's
 * converter writes; yarn's frequencies and Llama 3's factors worked by hand. SmolLM3's NoPE
 * layers come from the folder's config.
 * Each fixture, folder and run is made once and shared by the tests that need it (the
 * scaled variants' folders hard-link the plain folder's weights); the group's teardown
 * removes them.
 * And the one-line refusals of what the engine does not run (longrope, dynamic, ...). */
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
#include <sys/stat.h>
#include <unistd.h>

#include "draw_support.h"
#include "fixture_hf.h"
#include "fixture_st.h"
#include "fixture_models.h"
#include "infer/engine.h"
#include "infer/inside.h"
#include "layout/check.h"
#include "pipeline/pipeline.h"
#include "infer/sample.h"
#include "infer/weights.h"

#define SAME_TOL 1e-4
#define LLAMA_CPP_TOL 1e-3
#define N_GREEDY 8

typedef struct run_out {
    int32_t prompt[64];
    size_t n_prompt;
    float *logits;
    size_t vocab;
    int32_t greedy[N_GREEDY];
    size_t n_greedy;
} run_out;

static void collect(void *ctx, int32_t id)
{
    run_out *o = ctx;
    if (o->n_greedy < N_GREEDY) o->greedy[o->n_greedy++] = id;
}

/* Runs path (a GGUF or a folder) on prompt: its ids, the logits after it, n_greedy (0 or
 * N_GREEDY) greedy ids; with room for `positions` (0: what the run needs). */
static void run_model_n(const char *path, const char *prompt, size_t n_greedy, size_t positions, run_out *o)
{
    lx_err err = {0};
    lx_engine *e = NULL;
    int32_t *ids;
    size_t n;
    memset(o, 0, sizeof *o);
    if (lx_engine_open(path, &e, &err)) fail_msg("%s", err.msg);
    assert_int_equal(lx_tok_encode(e->tok, prompt, true, &ids, &n, &err), LX_OK);
    assert_true(n <= 64);
    memcpy(o->prompt, ids, n * sizeof *ids), o->n_prompt = n;
    lx_engine_state s;
    assert_int_equal(lx_engine_state_init(e, &s, positions ? positions : lx_engine_run_positions(n, N_GREEDY), n, 1, &err),
                     LX_OK);
    assert_int_equal(lx_engine_forward(e, &s, ids, n, NULL, &err), LX_OK);
    o->vocab = e->info.vocab;
    o->logits = malloc(o->vocab * sizeof(float));
    assert_non_null(o->logits);
    memcpy(o->logits, s.logits, o->vocab * sizeof(float));
    size_t done = 0;
    if (n_greedy) assert_int_equal(lx_sample_greedy(e, &s, n_greedy, collect, o, &done, &err), LX_OK);
    lx_engine_state_free(e, &s);
    free(ids);
    lx_engine_close(e);
}

static double max_diff(const run_out *a, const run_out *b)
{
    assert_int_equal(a->vocab, b->vocab);
    double worst = 0;
    for (size_t i = 0; i < a->vocab; i++) worst = fmax(worst, fabs((double)a->logits[i] - b->logits[i]));
    return worst;
}

static void expect_same_ids(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) assert_int_equal(a[i], b[i]);
}

static void expect_json_ids(const json_t *want, const int32_t *got, size_t n)
{
    assert_int_equal(json_array_size(want), n);
    for (size_t i = 0; i < n; i++) assert_int_equal(got[i], json_integer_value(json_array_get(want, i)));
}

/* The recorded llama.cpp numbers of the family's GGUF fixture. */
static void expect_llama_cpp(const char *family, const run_out *o)
{
    char path[512];
    snprintf(path, sizeof path, LX_SOURCE_DIR "/tests/data/infer/%s.json", family);
    json_error_t jerr;
    json_t *ref = json_load_file(path, 0, &jerr);
    assert_non_null(ref);
    expect_json_ids(json_object_get(ref, "prompt_ids"), o->prompt, o->n_prompt);
    lx_top top[10];
    assert_true(lx_sample_top(o->logits, o->vocab, 10, top));
    double worst = 0;
    for (size_t i = 0; i < 10; i++) {
        const json_t *t = json_array_get(json_object_get(ref, "top"), i);
        assert_int_equal(top[i].id, json_integer_value(json_object_get(t, "id")));
        worst = fmax(worst, fabs(top[i].logit - json_number_value(json_object_get(t, "logit"))));
    }
    print_message("%s folder: top-10 logits within %.2g of llama.cpp's\n", family, worst);
    assert_true(worst < LLAMA_CPP_TOL);
    expect_json_ids(json_object_get(ref, "greedy"), o->greedy, o->n_greedy);
    json_decref(ref);
}

static const char *ref_prompt(const char *family, char *buf, size_t cap)
{
    char path[512];
    snprintf(path, sizeof path, LX_SOURCE_DIR "/tests/data/infer/%s.json", family);
    json_error_t jerr;
    json_t *ref = json_load_file(path, 0, &jerr);
    assert_non_null(ref);
    snprintf(buf, cap, "%s", json_string_value(json_object_get(ref, "prompt")));
    json_decref(ref);
    return buf;
}

static void remove_folder(const char *dir)
{
    static const char *const files[] = {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"};
    char p[600];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        remove(p);
    }
    rmdir(dir);
}

/* ---- fixtures, each written once per run of this program ---- */

/* Every file and folder written, removed by the group's teardown; a fixture asked for again
 * is the one already written (the tests share the llama-bpe model, its folder and its run). */
#define MAX_KEPT 48
static struct kept { char path[512]; bool folder; run_out run; bool ran; } kept[MAX_KEPT];
static size_t n_kept;

static struct kept *find_kept(const char *path)
{
    for (size_t i = 0; i < n_kept; i++)
        if (!strcmp(kept[i].path, path)) return &kept[i];
    return NULL;
}

static struct kept *keep(const char *path, bool folder)
{
    assert_true(n_kept < MAX_KEPT);
    struct kept *k = &kept[n_kept++];
    memset(k, 0, sizeof *k);
    snprintf(k->path, sizeof k->path, "%s", path);
    k->folder = folder;
    return k;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < n_kept; i++) {
        if (kept[i].folder) remove_folder(kept[i].path);
        else remove(kept[i].path);
        free(kept[i].run.logits);
    }
    n_kept = 0;
    return 0;
}

static float (*rounding(const char *dtype))(float)
{
    return !strcmp(dtype, "BF16") ? lx_fx_round_bf16 : !strcmp(dtype, "F16") ? lx_fx_round_f16 : NULL;
}

/* The GGUF fixture `name` with its weights rounded to dtype's precision (none for F32). */
static const char *fixture_gguf(const char *name, const char *dtype)
{
    char p[512];
    snprintf(p, sizeof p, LX_TMP_DIR "/hf-%s-%s.gguf", name, dtype);
    struct kept *k = find_kept(p);
    if (k) return k->path;
    k = keep(p, false);
    assert_true(lx_fx_model_write_rounded(name, LX_SHARED_DIR "/models/vocab-only", k->path, rounding(dtype)));
    return k->path;
}

/* That GGUF converted to a folder in dtype, with shared/tokenizers/<tokenizer> (NULL: one
 * written from the GGUF's vocabulary). */
static const char *fixture_folder(const char *name, const char *tokenizer, const char *dtype)
{
    char p[512], tok[512];
    snprintf(p, sizeof p, LX_TMP_DIR "/hf-%s-%s", name, dtype);
    struct kept *k = find_kept(p);
    if (k) return k->path;
    const char *gguf = fixture_gguf(name, dtype);
    k = keep(p, true);
    snprintf(tok, sizeof tok, LX_SHARED_DIR "/tokenizers/%s", tokenizer ? tokenizer : "");
    assert_true(lx_fx_hf_write(gguf, tokenizer ? tok : NULL, k->path, dtype));
    return k->path;
}

/* A folder `name` holding the weights and tokenizer of folder `of` (hard links) and the
 * config.json converted from the GGUF `config_from`. */
static const char *linked_folder(const char *name, const char *of, const char *config_from)
{
    static const char *const files[] = {"model.safetensors", "tokenizer.json", "tokenizer_config.json"};
    char p[512], a[600], b[600];
    snprintf(p, sizeof p, LX_TMP_DIR "/hf-%s", name);
    struct kept *k = keep(p, true);
    if (mkdir(k->path, 0755) != 0 && access(k->path, F_OK) != 0) fail_msg("cannot make %s", k->path);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(a, sizeof a, "%s/%s", of, files[i]);
        snprintf(b, sizeof b, "%s/%s", k->path, files[i]);
        remove(b);
        if (link(a, b) != 0) fail_msg("cannot link %s to %s", b, a);
    }
    assert_true(lx_fx_hf_write_config(config_from, k->path, "F32"));
    return k->path;
}

/* The run of path on the family's recorded prompt (with its greedy ids when greedy), once;
 * with room for run_positions positions (0: what the run needs). */
static size_t run_positions;

static const run_out *run_once(const char *path, const char *family, bool greedy)
{
    char prompt[256];
    struct kept *k = find_kept(path);
    assert_non_null(k);
    if (k->ran && (k->run.n_greedy || !greedy)) return &k->run;
    free(k->run.logits);
    run_model_n(path, ref_prompt(family, prompt, sizeof prompt), greedy ? N_GREEDY : 0, run_positions, &k->run);
    k->ran = true;
    return &k->run;
}

/* The folder's run beside its GGUF's: logits within SAME_TOL, the same prompt ids, and the
 * same greedy ids unless the folder's are checked against llama.cpp's instead (F32); then
 * llama.cpp's numbers recorded as tests/data/infer/<ref>.json (ref NULL: none). */
static void expect_folder_run(const char *label, const char *gguf, const char *dir, const char *family, const char *ref)
{
    const run_out *a = run_once(gguf, family, ref == NULL), *b = run_once(dir, family, true);
    double d = max_diff(a, b);
    print_message("%s folder: logits within %.2g of its GGUF's\n", label, d);
    assert_true(d < SAME_TOL);
    expect_same_ids(a->prompt, a->n_prompt, b->prompt, b->n_prompt);
    if (ref) expect_llama_cpp(ref, b); /* the GGUF's greedy ids are llama.cpp's too: test_infer_families */
    else expect_same_ids(a->greedy, a->n_greedy, b->greedy, b->n_greedy);
}

/* The family's GGUF fixture (weights rounded to dtype's precision unless F32), the folder
 * converted from it in dtype, both run; F32 also against llama.cpp's numbers. */
static void check_folder(const char *family, const char *tokenizer, const char *dtype)
{
    char label[96];
    snprintf(label, sizeof label, "%s %s", family, dtype);
    bool f32 = rounding(dtype) == NULL;
    expect_folder_run(label, fixture_gguf(family, dtype), fixture_folder(family, tokenizer, dtype), family,
                      f32 ? family : NULL);
}

static void test_llama_bpe_f32(void **state) { (void)state; check_folder("llama-bpe", "llama3", "F32"); }
static void test_llama_bpe_f16(void **state) { (void)state; check_folder("llama-bpe", "llama3", "F16"); }
static void test_qwen3_f32(void **state) { (void)state; check_folder("qwen3", "qwen3", "F32"); }
static void test_qwen2_bf16(void **state) { (void)state; check_folder("qwen2", "qwen3", "BF16"); }
static void test_gemma3_f32(void **state) { (void)state; check_folder("gemma3", "gemma3", "F32"); }
static void test_gemma2_bf16(void **state) { (void)state; check_folder("gemma2", "gemma3", "BF16"); }
static void test_qwen3moe_f32(void **state) { (void)state; check_folder("qwen3moe", "qwen3", "F32"); }
static void test_gemma_f32(void **state) { (void)state; check_folder("gemma", "gemma3", "F32"); }
static void test_gemma_f16(void **state) { (void)state; check_folder("gemma", "gemma3", "F16"); }
static void test_smollm3_f32(void **state) { (void)state; check_folder("smollm3", "llama3", "F32"); }
static void test_smollm3_bf16(void **state) { (void)state; check_folder("smollm3", "llama3", "BF16"); }
/* Phi-3's and OLMo 2's tokenizer.json are written from their vocab-only GGUFs (Phi-3's
 * SentencePiece vocabulary as transformers converts it; OLMo 2's fixture has GPT-2's BPE) */
static void test_phi3_f32(void **state) { (void)state; check_folder("phi3", NULL, "F32"); }
static void test_phi3_bf16(void **state) { (void)state; check_folder("phi3", NULL, "BF16"); }
static void test_olmo2_f32(void **state) { (void)state; check_folder("olmo2", NULL, "F32"); }
static void test_olmo2_f16(void **state) { (void)state; check_folder("olmo2", NULL, "F16"); }
/* GPT-2's tokenizer.json is written from the vocab-only GGUF (shared/tokenizers has none) */
static void test_gpt2_f32(void **state) { (void)state; check_folder("gpt2", NULL, "F32"); }

/* The folder's config.json into text (NUL-terminated), its path into p; its length. */
static size_t read_config(const char *dir, char p[600], char text[4096])
{
    snprintf(p, 600, "%s/config.json", dir);
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    size_t n = fread(text, 1, 4095, f);
    fclose(f);
    text[n] = '\0';
    return n;
}

/* SmolLM3's NoPE layers come from the folder's no_rope_layers: with every layer rotating
 * (the 4th too) the folder is another model than its GGUF. */
static void test_smollm3_no_rope_layers(void **state)
{
    (void)state;
    const char *gguf = fixture_gguf("smollm3", "F32"), *plain = fixture_folder("smollm3", "llama3", "F32");
    const char *dir = linked_folder("smollm3-all-rope", plain, gguf);
    char p[600], text[4096];
    size_t n = read_config(dir, p, text);
    char *at = strstr(text, "\"no_rope_layers\": [1, 1, 1, 0]");
    assert_non_null(at);
    at[strlen("\"no_rope_layers\": [1, 1, 1, ")] = '1';
    assert_true(lx_fx_write_bytes(p, text, n));
    double d = max_diff(run_once(gguf, "smollm3", false), run_once(dir, "smollm3", false));
    print_message("smollm3 folder with every layer rotating: %.2g from its GGUF's logits\n", d);
    assert_true(d > 100 * SAME_TOL);
}

/* ---- RoPE scaling ---- */

/* The llama-bpe fixture with llama.cpp's rope.scaling.* keys for `type` (fixture_models.c,
 * SCALED: factor 4, yarn's original context 64) and its folder (the plain folder's weights,
 * config.json's rope_scaling from those keys) against llama.cpp's numbers on that GGUF. On
 * head size 8 and theta 10000, yarn's ramp runs from pair floor(8 ln(64 / (2 pi 32)) /
 * (2 ln 10000)) = floor(-0.497) -> 0 to ceil(8 ln(64 / (2 pi)) / (2 ln 10000)) = ceil(1.008)
 * = 2: pair 0 keeps its frequency, pair 1 takes half of it and half of a quarter, pairs 2
 * and 3 a quarter; Q and K are multiplied by 1 + 0.1 ln 4 = 1.1386. */
static void check_scaled(const char *family, const char *tokenizer, const char *type)
{
    char name[64];
    snprintf(name, sizeof name, "%s-%s", family, type);
    const char *gguf = fixture_gguf(name, "F32");
    const char *dir = linked_folder(name, fixture_folder(family, tokenizer, "F32"), gguf);
    expect_folder_run(name, gguf, dir, family, name);
}

static void test_linear_scaling(void **state) { (void)state; check_scaled("llama-bpe", "llama3", "linear"); }
static void test_yarn_scaling(void **state) { (void)state; check_scaled("llama-bpe", "llama3", "yarn"); }

/* Phi-3's longrope on the phi3 fixture (head size 8: short factors 1, 1.25, 1.5, 1.75, long 1,
 * 5, 9, 13; fixture_models.c), run with room for 256 positions as llama.cpp was (its context):
 * with an original context of 64 the long factors apply and Q and K take sqrt(1 + ln 4 /
 * ln 64) = 1.1547; with one of 256 the short ones, and 1. The folder has the factors as
 * rope_scaling's long_factor / short_factor and original_max_position_embeddings beside it. */
static void test_longrope_scaling(void **state)
{
    (void)state;
    run_positions = 256;
    check_scaled("phi3", NULL, "longrope");
    check_scaled("phi3", NULL, "longrope-short");
    run_positions = 0;
}

/* Phi-3's sliding_window from a folder's config.json (4, on the 8-token prompt), as llama.cpp
 * has it after conversion: its converter writes phi3.attention.sliding_window and its loader
 * turns Phi-3's window off, so the run is llama.cpp's windowless one (phi3-swa.json). */
static void test_phi3_sliding_window(void **state)
{
    (void)state;
    const char *gguf = fixture_gguf("phi3-swa", "F32");
    const char *dir = linked_folder("phi3-swa", fixture_folder("phi3", NULL, "F32"), gguf);
    char p[600], text[4096];
    read_config(dir, p, text);
    assert_non_null(strstr(text, "\"sliding_window\": 4\n"));
    assert_null(strstr(text, "query_pre_attn_scalar")); /* Gemma's key, not Phi-3's */
    expect_folder_run("phi3-swa", gguf, dir, "phi3", "phi3-swa");
}

/* The poster of a longrope run shows the factors the run turned by: with -n 70 after the
 * 8-token prompt the run holds 77 positions, past the original 64, so each pair's frequency
 * 10000^(-i/4) is divided by the long factor (1, 5, 9, 13), the RoPE panel says "long"; with
 * -n 16 (23 positions) by the short one (1, 1.25, 1.5, 1.75). From the GGUF and from the folder. */
static void expect_longrope_poster(const char *model, size_t n_new, bool lng)
{
    static const double LONG_F[4] = {1, 5, 9, 13}, SHORT_F[4] = {1, 1.25, 1.5, 1.75};
    lx_inside in;
    lx_err err = {0};
    lx_inside_opts o = {"Hello world, this is a test", n_new, 10, 1, 0, 0, NULL, NULL};
    assert_int_equal(lx_inside_run(model, &o, &in, &err), LX_OK);
    const lx_trace_model *t = &in.trace.model;
    assert_string_equal(t->rope_factors, lng ? "long" : "short");
    assert_int_equal(t->run_positions, 8 + n_new - 1);
    assert_int_equal(t->rope_orig_ctx, 64);
    assert_int_equal(t->rope_dims, 8);
    for (size_t i = 0; i < 4; i++) {
        double want = pow(10000.0, -(double)i / 4) / (lng ? LONG_F : SHORT_F)[i];
        if (fabs(t->rope_freq[i] - want) > 1e-6 * want) fail_msg("pair %zu: %.9g, want %.9g", i, (double)t->rope_freq[i], want);
    }
    lx_measure *m = NULL;
    assert_int_equal(lx_measure_new(&m, &err), LX_OK);
    lx_scene s;
    lx_scene_init(&s, m);
    assert_int_equal(lx_pipeline_poster_scene(&in, model, &s, &err), LX_OK);
    lx_buf text, v;
    lx_buf_init(&text), lx_buf_init(&v);
    for (int i = 0; i < s.n; i++) /* the panel's wrapped sentence, line by line */
        if (!strncmp(s.els[i].id, "rope.text.", 10) && s.els[i].type == LX_EL_TEXT)
            lx_buf_puts(&text, s.els[i].u.text.s), lx_buf_puts(&text, " ");
    const char *want = lng ? "long factors, as the run holds 77 positions, more than the original context of 64."
                           : "short factors, as the run holds 23 positions, within the original context of 64.";
    if (!strstr(lx_buf_cstr(&text), want)) fail_msg("RoPE panel: %s", lx_buf_cstr(&text));
    assert_int_equal(lx_check_scene(&s, &v), 0);
    lx_buf_free(&text), lx_buf_free(&v);
    lx_scene_free(&s);
    lx_measure_free(m);
    lx_inside_free(&in);
}

static void test_longrope_poster(void **state)
{
    (void)state;
    lx_test_draw_init(); /* the poster measures text: fontconfig's parser allocations are not ours */
    const char *gguf = fixture_gguf("phi3-longrope", "F32");
    const char *dir = linked_folder("phi3-longrope-poster", fixture_folder("phi3", NULL, "F32"), gguf);
    for (int k = 0; k < 2; k++) {
        expect_longrope_poster(k ? dir : gguf, 70, true);
        expect_longrope_poster(k ? dir : gguf, 16, false);
    }
}

/* The recorded numbers show the scaling matters: each type's top 10 is another model's (an id
 * differs, or a logit by ten times the tolerance the runs are held to). */
static void test_scaled_refs_differ(void **state)
{
    (void)state;
    static const char *const names[] = {"llama-bpe", "llama-bpe-linear", "llama-bpe-yarn", "llama-bpe-llama3",
                                        "phi3",      "phi3-longrope",    "phi3-longrope-short"};
    enum { N = sizeof names / sizeof names[0] };
    json_t *ref[N];
    for (size_t i = 0; i < N; i++) {
        char path[512];
        snprintf(path, sizeof path, LX_SOURCE_DIR "/tests/data/infer/%s.json", names[i]);
        json_error_t jerr;
        assert_non_null(ref[i] = json_load_file(path, 0, &jerr));
    }
    for (size_t i = 0; i < N; i++)
        for (size_t j = i + 1; j < N; j++) {
            bool differ = false;
            for (size_t k = 0; k < 10; k++) {
                const json_t *a = json_array_get(json_object_get(ref[i], "top"), k);
                const json_t *b = json_array_get(json_object_get(ref[j], "top"), k);
                differ = differ || json_integer_value(json_object_get(a, "id")) != json_integer_value(json_object_get(b, "id")) ||
                         fabs(json_number_value(json_object_get(a, "logit")) - json_number_value(json_object_get(b, "logit"))) >
                             10 * LLAMA_CPP_TOL;
            }
            if (!differ) fail_msg("%s and %s have the same top 10", names[i], names[j]);
        }
    for (size_t i = 0; i < N; i++) json_decref(ref[i]);
}

/* yarn's frequencies on the fixture's head size 8, theta 10000 (see check_scaled): pair i
 * turns at 10000^(-i/4) = 1, 0.1, 0.01, 0.001 radians per position; after yarn 1, 0.1 * (1/2 +
 * 1/8) = 0.0625, 0.0025, 0.00025. */
static void test_yarn_freqs(void **state)
{
    (void)state;
    lx_rope_scaling sc = {LX_ROPE_SCALE_YARN, 4.0, 64, 32.0, 1.0, 1.0};
    float f[4] = {1.0f, 0.1f, 0.01f, 0.001f};
    lx_rope_yarn_freqs(&sc, 8, 10000.0, f);
    assert_float_equal(f[0], 1.0, 1e-7);
    assert_float_equal(f[1], 0.0625, 1e-7);
    assert_float_equal(f[2], 0.0025, 1e-8);
    assert_float_equal(f[3], 0.00025, 1e-9);
}

/* Llama 3.2-1B's scaling (factor 32, low_freq_factor 1, high_freq_factor 4, original context
 * 8192) on its head size 64 and theta 500000. Pair i turns at 500000^(-2i/64) radians per
 * position, a wavelength of 2*pi * 500000^(i/32); the band edges are 8192/4 = 2048 and 8192/1.
 *  i = 14: 2*pi * 500000^(14/32) = 1956.50 < 2048                     -> 1
 *  i = 16: 2*pi * 500000^(1/2) = 2*pi * 707.107 = 4442.88, in the band:
 *          s = (8192 / 4442.88 - 1) / (4 - 1) = 0.843848 / 3 = 0.281283,
 *          1 / ((1 - 0.281283) / 32 + 0.281283) = 1 / 0.303743     -> 3.29226
 *  i = 15, 17 the same way: wavelengths 2948.30, 6695.11, s 0.592849, 0.0745266 -> 1.65133, 9.66673
 *  i = 18: 2*pi * 500000^(18/32) = 10089.06 > 8192                    -> 32 */
static void test_llama3_factors(void **state)
{
    (void)state;
    lx_rope_llama3 p = {32.0, 1.0, 4.0, 8192};
    float f[32];
    lx_rope_llama3_factors(&p, 64, 500000.0, f);
    for (int i = 0; i <= 14; i++) assert_true(f[i] == 1.0f);
    assert_float_equal(f[15], 1.65133, 1e-4);
    assert_float_equal(f[16], 3.29226, 1e-4);
    assert_float_equal(f[17], 9.66673, 1e-4);
    for (int i = 18; i < 32; i++) assert_true(f[i] == 32.0f);
}

/* The llama-bpe fixture (head size 8, theta 10000) scaled with factor 32, low 1, high 4 and an
 * original context of 64 (band 16..64), so its four pairs take each branch: wavelengths
 * 6.28 (-> 1), 62.83 (in the band: s = (64/62.83 - 1)/3 = 0.00620, -> 26.843), 628.3 and
 * 6283 (-> 32). */
#define R3_FACTOR 32.0
#define R3_LOW 1.0
#define R3_HIGH 4.0
#define R3_CTX 64.0

/* The factors as llama.cpp's converter writes them to rope_freqs.weight, worked here in
 * double from its formula (the engine works them in float). */
static void converter_factors(size_t dims, double theta, float *out)
{
    for (size_t i = 0; i < dims / 2; i++) {
        double wavelen = 2 * M_PI / pow(theta, -(double)(2 * i) / (double)dims);
        double s = (R3_CTX / wavelen - R3_LOW) / (R3_HIGH - R3_LOW);
        out[i] = wavelen < R3_CTX / R3_HIGH ? 1.0f
                 : wavelen > R3_CTX / R3_LOW ? (float)R3_FACTOR
                                             : (float)(1.0 / ((1 - s) / R3_FACTOR + s));
    }
}

static void add_llama3_scaling(const char *dir)
{
    char p[600];
    snprintf(p, sizeof p, "%s/config.json", dir);
    json_error_t jerr;
    json_t *cfg = json_load_file(p, 0, &jerr);
    assert_non_null(cfg);
    json_object_set_new(cfg, "rope_scaling", json_pack("{s:s, s:f, s:f, s:f, s:i}", "rope_type", "llama3", "factor",
                                                       R3_FACTOR, "low_freq_factor", R3_LOW, "high_freq_factor",
                                                       R3_HIGH, "original_max_position_embeddings", (int)R3_CTX));
    assert_int_equal(json_dump_file(cfg, p, JSON_INDENT(2)), 0);
    json_decref(cfg);
}

static void test_llama_bpe_llama3(void **state)
{
    (void)state;
    float freqs[4];
    converter_factors(8, 10000.0, freqs);
    assert_true(freqs[0] == 1.0f && freqs[2] == 32.0f && freqs[3] == 32.0f);
    assert_float_equal(freqs[1], 26.843, 1e-3);
    float engine[4];
    lx_rope_llama3_factors(&(lx_rope_llama3){R3_FACTOR, R3_LOW, R3_HIGH, (uint64_t)R3_CTX}, 8, 10000.0, engine);
    for (int i = 0; i < 4; i++) assert_float_equal(engine[i], freqs[i], 1e-4 * freqs[i]);
    const char *plain = fixture_gguf("llama-bpe", "F32");
    struct kept *scaled = keep(LX_TMP_DIR "/hf-r3.gguf", false);
    assert_true(lx_fx_model_write_rope_freqs("llama-bpe", LX_SHARED_DIR "/models/vocab-only", scaled->path, NULL, freqs, 4));
    const char *dir = linked_folder("r3", fixture_folder("llama-bpe", "llama3", "F32"), plain);
    add_llama3_scaling(dir);
    double unscaled = max_diff(run_once(plain, "llama-bpe", false), run_once(scaled->path, "llama-bpe", false));
    print_message("llama3-scaled GGUF: %.2g from the unscaled model's logits\n", unscaled);
    assert_true(unscaled > 100 * SAME_TOL); /* the factors matter on this prompt */
    /* llama.cpp's numbers on the GGUF with rope_freqs */
    expect_folder_run("llama3-scaled", scaled->path, dir, "llama-bpe", "llama-bpe-llama3");
}

/* ---- refusals, on small folders of zero weights ---- */

typedef struct tiny_tensor { const char *name; int64_t rows, cols; } tiny_tensor;

/* A 1-layer Llama-shaped folder (d 32, 2 heads sharing 1 KV head, FFN 64, 8 tokens) with
 * config text `config` and the tensors given; no tokenizer. Returns the folder. */
static const char *tiny_folder(const char *name, const char *config, const tiny_tensor *t, size_t n)
{
    static char dir[512];
    char p[600];
    snprintf(dir, sizeof dir, LX_TMP_DIR "/hf-tiny-%s", name);
    if (mkdir(dir, 0755) != 0 && access(dir, F_OK) != 0) fail_msg("cannot make %s", dir);
    snprintf(p, sizeof p, "%s/config.json", dir);
    assert_true(lx_fx_write_bytes(p, config, strlen(config)));
    lx_fx_st *f = lx_fx_st_new();
    for (size_t i = 0; i < n; i++)
        lx_fx_st_tensor(f, t[i].name, "F32", t[i].cols ? 2 : 1, (int64_t[]){t[i].rows, t[i].cols});
    snprintf(p, sizeof p, "%s/model.safetensors", dir);
    assert_true(lx_fx_st_write(f, p, NULL));
    lx_fx_st_free(f);
    return dir;
}

static const tiny_tensor LLAMA_TINY[] = {
    {"model.embed_tokens.weight", 8, 32}, {"model.norm.weight", 32, 0},
    {"model.layers.0.input_layernorm.weight", 32, 0}, {"model.layers.0.post_attention_layernorm.weight", 32, 0},
    {"model.layers.0.self_attn.q_proj.weight", 32, 32}, {"model.layers.0.self_attn.k_proj.weight", 16, 32},
    {"model.layers.0.self_attn.v_proj.weight", 16, 32}, {"model.layers.0.self_attn.o_proj.weight", 32, 32},
    {"model.layers.0.mlp.gate_proj.weight", 64, 32}, {"model.layers.0.mlp.up_proj.weight", 64, 32},
    {"model.layers.0.mlp.down_proj.weight", 32, 64},
};

#define LLAMA_CONFIG(extra)                                                                                    \
    "{\"model_type\": \"llama\", \"architectures\": [\"LlamaForCausalLM\"], \"hidden_size\": 32, "              \
    "\"intermediate_size\": 64, \"num_hidden_layers\": 1, \"num_attention_heads\": 2, \"num_key_value_heads\": 1, " \
    "\"vocab_size\": 8, \"max_position_embeddings\": 64, \"tie_word_embeddings\": true" extra "}"

static void expect_refused(const char *dir, const char *needle)
{
    lx_err err = {0};
    lx_engine *e = NULL;
    assert_int_equal(lx_engine_open(dir, &e, &err), LX_ERR_MODEL);
    assert_null(e);
    if (!strstr(err.msg, needle)) fail_msg("'%s' (expected '%s')", err.msg, needle);
    assert_non_null(strstr(err.msg, dir)); /* the line names the folder */
}

/* A GGUF whose rope.scaling.type the engine lacks is refused naming the key and type. */
static void test_gguf_scaling_refused(void **state)
{
    (void)state;
    const char *gguf = fixture_gguf("olmo2-dynamic", "F32");
    lx_err err = {0};
    lx_engine *e = NULL;
    assert_int_equal(lx_engine_open(gguf, &e, &err), LX_ERR_MODEL);
    assert_null(e);
    char want[700];
    snprintf(want, sizeof want, "%s: olmo2.rope.scaling.type 'dynamic' is not supported by the inference engine "
             "(expected none, linear, yarn, llama3 or longrope)", gguf);
    assert_string_equal(err.msg, want);
}

static void test_refusals(void **state)
{
    (void)state;
    size_t n = sizeof LLAMA_TINY / sizeof LLAMA_TINY[0];
    expect_refused(tiny_folder("notok", LLAMA_CONFIG(""), LLAMA_TINY, n), "no tokenizer.json beside the weights");
    /* head size 16: longrope needs 8 factors of each kind */
    expect_refused(tiny_folder("scaled", LLAMA_CONFIG(", \"rope_scaling\": {\"rope_type\": \"longrope\", "
                                                      "\"short_factor\": [1, 1, 1, 1], \"long_factor\": [2, 2, 2, 2]}"),
                               LLAMA_TINY, n),
                   "longrope RoPE scaling without its long and short factors (expected rope_factors_long/short.weight "
                   "or rope_scaling's long_factor/short_factor, 8 values each)");
    expect_refused(tiny_folder("dynamic", LLAMA_CONFIG(", \"rope_scaling\": {\"type\": \"dynamic\", \"factor\": 2.0}"),
                               LLAMA_TINY, n),
                   "config.json's rope_scaling 'dynamic' is not supported by the inference engine (expected none, "
                   "linear, yarn, llama3 or longrope)");
    static const tiny_tensor moe[] = {{"model.embed_tokens.weight", 8, 32},
                                      {"model.layers.0.mlp.experts.0.up_proj.weight", 64, 32}};
    expect_refused(tiny_folder("expert", LLAMA_CONFIG(""), moe, 2),
                   "tensor model.layers.0.mlp.experts.0.up_proj.weight is an expert's own matrix, which a llama decoder "
                   "does not have (not supported)");
    static const tiny_tensor bert[] = {{"embeddings.word_embeddings.weight", 8, 32}};
    expect_refused(tiny_folder("bert", "{\"model_type\": \"bert\", \"hidden_size\": 32, \"num_hidden_layers\": 1, "
                                       "\"num_attention_heads\": 2, \"intermediate_size\": 64, \"vocab_size\": 8}", bert, 1),
                   "architecture 'bert' is not supported by the inference engine (expected llama, ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_llama_bpe_f32), cmocka_unit_test(test_llama_bpe_f16),
        cmocka_unit_test(test_qwen3_f32),     cmocka_unit_test(test_qwen2_bf16),
        cmocka_unit_test(test_gemma3_f32),    cmocka_unit_test(test_gemma2_bf16),
        cmocka_unit_test(test_qwen3moe_f32),  cmocka_unit_test(test_gpt2_f32),
        cmocka_unit_test(test_gemma_f32),     cmocka_unit_test(test_gemma_f16),
        cmocka_unit_test(test_smollm3_f32),   cmocka_unit_test(test_smollm3_bf16),
        cmocka_unit_test(test_phi3_f32), cmocka_unit_test(test_phi3_sliding_window), cmocka_unit_test(test_longrope_poster),      cmocka_unit_test(test_phi3_bf16),
        cmocka_unit_test(test_olmo2_f32),     cmocka_unit_test(test_olmo2_f16),
        cmocka_unit_test(test_smollm3_no_rope_layers),
        cmocka_unit_test(test_yarn_freqs),    cmocka_unit_test(test_scaled_refs_differ),
        cmocka_unit_test(test_linear_scaling), cmocka_unit_test(test_yarn_scaling),
        cmocka_unit_test(test_longrope_scaling),
        cmocka_unit_test(test_llama3_factors), cmocka_unit_test(test_llama_bpe_llama3),
        cmocka_unit_test(test_gguf_scaling_refused), cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
