/* Tests the tokenizers against llama.cpp's own tokenizer tests: for each vocabulary in
 * ../shared/models/vocab-only, the 46 strings of reference/tokenizer/<file>.inp (split on
 * "\n__ggml_vocab_test__\n") must give exactly the ids of <file>.out (one line per string,
 * no BOS or EOS, control tokens not parsed). Also the Hugging Face tokenizer.json files
 * of Llama 3 and Qwen3 must give the same ids as the GGUFs built from them, and Gemma 3's
 * GGUF the ids llama.cpp gave for it (recorded in tests/data/tokenizer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infer/tokenizer.h"

#define VOCAB LX_SHARED_DIR "/models/vocab-only/ggml-vocab-"
#define REF LX_SHARED_DIR "/reference/tokenizer/ggml-vocab-"
#define SEP "\n__ggml_vocab_test__\n"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

/* The strings of an .inp file, in place: starts[k], lens[k]; returns the count. */
static size_t split_inp(char *s, size_t len, char **starts, size_t *lens, size_t cap)
{
    size_t n = 0;
    char *p = s, *end = s + len;
    while (p <= end && n < cap) {
        char *q = strstr(p, SEP);
        if (!q) q = end;
        starts[n] = p, lens[n] = (size_t)(q - p);
        n++;
        if (q == end) break;
        p = q + strlen(SEP);
    }
    /* the file ends with a separator line: drop the empty string after it */
    if (n && lens[n - 1] == 0 && starts[n - 1] == end) n--;
    return n;
}

static void encode(const lx_tok *t, const char *s, size_t len, lx_buf *out)
{
    int32_t *ids = NULL;
    size_t n = 0;
    lx_err err = {0};
    assert_int_equal(lx_tok_encode_ex(t, s, len, false, false, &ids, &n, &err), LX_OK);
    for (size_t i = 0; i < n; i++) lx_buf_printf(out, " %d", ids[i]);
    lx_buf_putc(out, '\n');
    free(ids);
}

/* Encodes every string of the .inp and compares with the .out line by line (the .out of
 * name in ref_dir). */
static void check_against(const lx_tok *t, const char *name, const char *ref_dir)
{
    char path[512];
    size_t inp_len, out_len;
    char *inp = slurp(REF "gpt-2.gguf.inp", &inp_len); /* the seven .inp files are the same */
    snprintf(path, sizeof path, "%s/ggml-vocab-%s.gguf.out", ref_dir, name);
    char *want = slurp(path, &out_len);
    char *starts[64];
    size_t lens[64];
    size_t n = split_inp(inp, inp_len, starts, lens, 64);
    assert_int_equal(n, 46);
    char *line = want;
    size_t bad = 0;
    for (size_t k = 0; k < n; k++) {
        lx_buf got;
        lx_buf_init(&got);
        encode(t, starts[k], lens[k], &got);
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        size_t wl = (size_t)(nl - line) + 1;
        if (got.len != wl || memcmp(got.data, line, wl) != 0) {
            printf("%s string %zu: '%.*s'\n  want%.*s  got %s", name, k, (int)lens[k], starts[k], (int)wl, line,
                   lx_buf_cstr(&got));
            bad++;
        }
        line = nl + 1;
        lx_buf_free(&got);
    }
    free(inp), free(want);
    assert_int_equal(bad, 0);
}

static void check_reference(const lx_tok *t, const char *name)
{
    check_against(t, name, LX_SHARED_DIR "/reference/tokenizer");
}

/* name's GGUF against the .out in ref_dir. */
static void check_vocab_in(const char *name, const char *ref_dir)
{
    char path[512];
    snprintf(path, sizeof path, VOCAB "%s.gguf", name);
    lx_tok t;
    lx_err err = {0};
    assert_int_equal(lx_tok_load(&t, path, &err), LX_OK);
    check_against(&t, name, ref_dir);
    lx_tok_free(&t);
}

static void check_vocab(const char *name) { check_vocab_in(name, LX_SHARED_DIR "/reference/tokenizer"); }

static void test_gpt2(void **state) { (void)state; check_vocab("gpt-2"); }
static void test_llama_spm(void **state) { (void)state; check_vocab("llama-spm"); }
static void test_llama_bpe(void **state) { (void)state; check_vocab("llama-bpe"); }
static void test_qwen2(void **state) { (void)state; check_vocab("qwen2"); }
static void test_phi3(void **state) { (void)state; check_vocab("phi-3"); }
static void test_deepseek_coder(void **state) { (void)state; check_vocab("deepseek-coder"); }
static void test_bert_bge(void **state) { (void)state; check_vocab("bert-bge"); }

/* tokenizer.json of the model the GGUF was converted from: the same reference ids. */
static void check_hf(const char *dir, const char *name)
{
    lx_tok t;
    lx_err err = {0};
    assert_int_equal(lx_tok_load(&t, dir, &err), LX_OK);
    check_reference(&t, name);
    lx_tok_free(&t);
}

static void test_hf_llama3(void **state) { (void)state; check_hf(LX_SHARED_DIR "/tokenizers/llama3", "llama-bpe"); }
static void test_hf_qwen3(void **state) { (void)state; check_hf(LX_SHARED_DIR "/tokenizers/qwen3/tokenizer.json", "qwen2"); }

/* Vocabularies without a .out in llama.cpp: the ids llama.cpp 0.5.0 (node-llama-cpp 3.22.1)
 * gives, recorded once with ../shared/tools/llamacpp-oracle.mjs --tokenize --inp into
 * tests/data/tokenizer (see the README there). */
static void check_recorded(const char *name) { check_vocab_in(name, LX_SOURCE_DIR "/tests/data/tokenizer"); }

static void test_gemma3_recorded(void **state) { (void)state; check_recorded("gemma3"); }
static void test_gpt_oss_recorded(void **state) { (void)state; check_recorded("gpt-oss"); }

/* Gemma 3's tokenizer.json (SentencePiece as transformers converts it): llama.cpp's ids for
 * the GGUF made from it. */
static void test_hf_gemma3(void **state)
{
    (void)state;
    lx_tok t;
    lx_err err = {0};
    assert_int_equal(lx_tok_load(&t, LX_SHARED_DIR "/tokenizers/gemma3", &err), LX_OK);
    assert_string_equal(lx_tok_algo_name(&t), "SentencePiece");
    check_against(&t, "gemma3", LX_SOURCE_DIR "/tests/data/tokenizer");
    lx_tok_free(&t);
}

/* Whether a prompt starts with BOS, as llama.cpp decides it (its answers, from the oracle):
 * tokenizer.ggml.add_bos_token, else the kind's or the pre-tokenizer's default. */
static void expect_prompt_bos(const char *path, int32_t first)
{
    lx_tok t;
    lx_err err = {0};
    assert_int_equal(lx_tok_load(&t, path, &err), LX_OK);
    int32_t *ids = NULL;
    size_t n = 0;
    assert_int_equal(lx_tok_encode(&t, "Hi", true, &ids, &n, &err), LX_OK);
    assert_int_equal(ids[0], first);
    free(ids);
    lx_tok_free(&t);
}

static void test_prompt_bos(void **state)
{
    (void)state;
    expect_prompt_bos(VOCAB "gpt-2.gguf", 17250);       /* "Hi", no BOS */
    expect_prompt_bos(VOCAB "llama-bpe.gguf", 128000);  /* Llama 3's pre-tokenizer adds it */
    expect_prompt_bos(VOCAB "gpt-oss.gguf", 12194);
    expect_prompt_bos(VOCAB "qwen2.gguf", 13048);       /* add_bos_token false */
    expect_prompt_bos(VOCAB "bert-bge.gguf", 101);      /* [CLS] */
    expect_prompt_bos(VOCAB "phi-3.gguf", 1);
    expect_prompt_bos(VOCAB "gemma3.gguf", 2);
    expect_prompt_bos(LX_SHARED_DIR "/tokenizers/llama3", 128000);
    expect_prompt_bos(LX_SHARED_DIR "/tokenizers/qwen3", 13048);
    expect_prompt_bos(LX_SHARED_DIR "/tokenizers/gemma3", 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gpt2),          cmocka_unit_test(test_llama_spm),
        cmocka_unit_test(test_llama_bpe),     cmocka_unit_test(test_qwen2),
        cmocka_unit_test(test_phi3),          cmocka_unit_test(test_deepseek_coder),
        cmocka_unit_test(test_bert_bge),      cmocka_unit_test(test_hf_llama3),
        cmocka_unit_test(test_hf_qwen3),      cmocka_unit_test(test_gemma3_recorded),
        cmocka_unit_test(test_gpt_oss_recorded), cmocka_unit_test(test_prompt_bos),
        cmocka_unit_test(test_hf_gemma3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
