/* Tests `llmxray tokenize` (text and JSON output, options, exit codes and error lines) and
 * the tokenizer.json reader on deliberately broken files, each named for what is wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw_support.h"
#include "infer/tokenizer.h"

#define VOCAB LX_SHARED_DIR "/models/vocab-only/ggml-vocab-"

static int cli(const char *args, lx_buf *out, lx_buf *err)
{
    lx_buf_init(out), lx_buf_init(err);
    return lx_test_cli(LX_BINARY, LX_TMP_DIR, "tokenize_stderr.txt", args, out, err);
}

static void expect_out(const char *args, const char *want)
{
    lx_buf out, err;
    assert_int_equal(cli(args, &out, &err), 0);
    assert_string_equal(lx_buf_cstr(&out), want);
    assert_string_equal(lx_buf_cstr(&err), "");
    lx_buf_free(&out), lx_buf_free(&err);
}

static void test_text_output(void **state)
{
    (void)state;
    /* " ä" is " " + 0xC3, then 0xA4: neither byte is a character alone */
    expect_out("tokenize " VOCAB "gpt-2.gguf 'Hello world \xc3\xa4'",
               VOCAB "gpt-2.gguf: byte-level BPE (pre-tokenizer gpt-2), 50257 pieces; 4 tokens\n"
                     "   15496  'Hello'\n"
                     "     995  ' world'\n"
                     "    6184  ' \\xC3'\n"
                     "      97  '\\xA4'\n");
    /* SentencePiece with BOS; a newline is its byte piece */
    expect_out("tokenize --bos " VOCAB "llama-spm.gguf \"$(printf 'a\\nb')\"",
               VOCAB "llama-spm.gguf: SentencePiece, 32000 pieces; 4 tokens\n"
                     "       1  '<s>'\n"
                     "     263  ' a'\n"
                     "      13  '<0x0A>'\n"
                     "   29890  'b'\n");
}

/* --json: ids and pieces; --special makes "<|im_start|>" one token. */
static void expect_json(const char *args, const char *pre, size_t vocab, const int *ids, const char *const *pieces,
                        size_t n)
{
    lx_buf out, err;
    assert_int_equal(cli(args, &out, &err), 0);
    json_error_t je;
    json_t *j = json_loads(lx_buf_cstr(&out), 0, &je);
    assert_non_null(j);
    json_t *p = json_object_get(j, "pre");
    assert_string_equal(json_string_value(json_object_get(j, "kind")), pre ? "bpe" : "wpm");
    if (pre) assert_string_equal(json_string_value(p), pre);
    else assert_true(json_is_null(p));
    assert_int_equal(json_integer_value(json_object_get(j, "vocab_size")), vocab);
    json_t *ji = json_object_get(j, "ids"), *jp = json_object_get(j, "pieces");
    assert_int_equal(json_array_size(ji), n);
    assert_int_equal(json_array_size(jp), n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(json_integer_value(json_array_get(ji, i)), ids[i]);
        assert_string_equal(json_string_value(json_array_get(jp, i)), pieces[i]);
    }
    json_decref(j);
    lx_buf_free(&out), lx_buf_free(&err);
}

static void test_json_output(void **state)
{
    (void)state;
    expect_json("tokenize --json --special " VOCAB "qwen2.gguf '<|im_start|>user'", "qwen2", 151669,
                (int[]){151644, 872}, (const char *[]){"<|im_start|>", "user"}, 2);
    expect_json("tokenize --json " VOCAB "qwen2.gguf '<|im_start|>'", "qwen2", 151669,
                (int[]){27, 91, 318, 4906, 91, 29}, (const char *[]){"<", "|", "im", "_start", "|", ">"}, 6);
    /* user-defined tokens are taken whole even without --special, as llama.cpp does */
    expect_json("tokenize --json " VOCAB "qwen2.gguf '<think>'", "qwen2", 151669, (int[]){151667},
                (const char *[]){"<think>"}, 1);
    expect_json("tokenize --json --bos " VOCAB "bert-bge.gguf 'Hi, you'", NULL, 30522, (int[]){101, 7632, 1010, 2017},
                (const char *[]){"[CLS]", " hi", " ,", " you"}, 4);
    /* a Hugging Face folder: tokenizer.json, and BOS from tokenizer_config.json */
    expect_json("tokenize --json --bos " LX_SHARED_DIR "/tokenizers/llama3 'Hi there'", "llama-bpe", 128256,
                (int[]){128000, 13347, 1070}, (const char *[]){"<|begin_of_text|>", "Hi", " there"}, 3);
}

static void test_text_from_stdin(void **state)
{
    (void)state;
    lx_buf out, err;
    assert_int_equal(cli("tokenize --json " VOCAB "gpt-2.gguf - < " LX_SHARED_DIR "/reference/tokenizer/ggml-vocab-gpt-2.gguf.inp",
                         &out, &err), 0);
    assert_non_null(strstr(lx_buf_cstr(&out), "\"ids\": [798, 604, 25208, 1933, 198, 834, 1130, 4029, 62, 18893, "));
    lx_buf_free(&out), lx_buf_free(&err);
}

static void expect_cli_failure(const char *args, int code, const char *line)
{
    lx_buf out, err;
    assert_int_equal(cli(args, &out, &err), code);
    assert_string_equal(lx_buf_cstr(&out), "");
    assert_string_equal(lx_buf_cstr(&err), line);
    lx_buf_free(&out), lx_buf_free(&err);
}

static void test_cli_errors(void **state)
{
    (void)state;
    expect_cli_failure("tokenize " VOCAB "gpt-2.gguf", 2, "llmxray: tokenize: needs 2 arguments, MODEL TEXT (got 1)\n");
    expect_cli_failure("tokenize --bogus m t", 2, "llmxray: tokenize: unknown option '--bogus' (did you mean --bos?)\n");
    expect_cli_failure("tokenize --frobnicate m t", 2,
                       "llmxray: tokenize: unknown option '--frobnicate' (see 'llmxray help tokenize')\n");
    expect_cli_failure("tokenize a b c", 2, "llmxray: tokenize: takes 2 arguments, MODEL TEXT (got another: 'c')\n");
    expect_cli_failure("tokenize " LX_TMP_DIR "/no-such.gguf x", 3, "llmxray: " LX_TMP_DIR "/no-such.gguf: cannot open\n");
    /* o200k's Hugging Face regex keeps marks (\p{M}) in words, which llama.cpp's gpt-4o does not */
    expect_cli_failure("tokenize " LX_SHARED_DIR "/tokenizers/gpt-oss x", 1,
                       "llmxray: " LX_SHARED_DIR "/tokenizers/gpt-oss/tokenizer.json: pre_tokenizer regex "
                       "\"[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:\" "
                       "is not supported (expected GPT-2's, Llama 3's or Qwen2's)\n");
}

/* ---- tokenizer.json files, good and broken ---- */

#define BYTE_LEVEL "\"pre_tokenizer\": {\"type\": \"ByteLevel\", \"use_regex\": true}"

typedef struct json_case {
    const char *name, *text, *msg; /* msg: what follows "PATH: " */
} json_case;

static const json_case JSON_CASES[] = {
    {"bad_syntax", "{\"model\": ", "line 1:10: unexpected token near end of file"},
    {"not_bpe", "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}", "model.type is 'WordPiece' (expected BPE)"},
    {"no_merges", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}}, " BYTE_LEVEL "}",
     "model.vocab or model.merges is missing (expected an object and an array)"},
    {"vocab_not_id", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": \"x\"}, \"merges\": []}, " BYTE_LEVEL "}",
     "model.vocab[\"a\"] is not an id (expected 0 to 16777215)"},
    {"vocab_huge_id", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 99999999}, \"merges\": []}, " BYTE_LEVEL "}",
     "model.vocab[\"a\"] is not an id (expected 0 to 16777215)"},
    {"added_no_id", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": []}, " BYTE_LEVEL
     ", \"added_tokens\": [{\"content\": \"x\"}]}", "added_tokens[0] has no id and content (expected an id below 16777216 and a string)"},
    {"merge_number", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": [3]}, " BYTE_LEVEL "}",
     "model.merges holds an entry that is no merge (expected \"a b\" or [\"a\", \"b\"])"},
    {"unknown_regex", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": []}, \"pre_tokenizer\": "
     "{\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Split\", \"pattern\": {\"Regex\": \"\\\\w+\"}}, "
     "{\"type\": \"ByteLevel\", \"use_regex\": false}]}}", "pre_tokenizer regex \"\\w+\" is not supported (expected GPT-2's, Llama 3's or Qwen2's)"},
    {"no_byte_level", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": []}}",
     "pre_tokenizer has no ByteLevel step and model.byte_fallback is not true (expected a byte-level or a "
     "SentencePiece-style BPE)"},
};

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_broken_tokenizer_json(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof JSON_CASES / sizeof JSON_CASES[0]; i++) {
        char path[512], want[1024];
        snprintf(path, sizeof path, LX_TMP_DIR "/tok_%s.json", JSON_CASES[i].name);
        write_text(path, JSON_CASES[i].text);
        lx_tok t;
        lx_err err = {0};
        assert_int_equal(lx_tok_load(&t, path, &err), LX_ERR_MODEL);
        snprintf(want, sizeof want, "%s: %s", path, JSON_CASES[i].msg);
        assert_string_equal(err.msg, want);
    }
}

/* A SentencePiece-style tokenizer.json (byte_fallback, no ByteLevel): pieces score by their
 * first merge, so "▁ab" (merge 1) wins over "ab" (merge 2); "<0x7A>" spells what has no piece. */
static void test_spm_tokenizer_json(void **state)
{
    (void)state;
    const char *path = LX_TMP_DIR "/tok_spm.json";
    write_text(path, "{\"normalizer\": {\"type\": \"Sequence\", \"normalizers\": [{\"type\": \"Prepend\", \"prepend\": "
                     "\"\u2581\"}, {\"type\": \"Replace\"}]}, \"model\": {\"type\": \"BPE\", \"byte_fallback\": true, "
                     "\"unk_token\": \"<unk>\", \"vocab\": {\"<unk>\": 0, \"<0x7A>\": 1, \"\u2581\": 2, \"a\": 3, \"b\": 4, "
                     "\"\u2581a\": 5, \"ab\": 6, \"\u2581ab\": 7}, \"merges\": [\"\u2581 a\", \"\u2581a b\", \"a b\"]}}");
    lx_tok t;
    lx_err err = {0};
    assert_int_equal(lx_tok_load(&t, path, &err), LX_OK);
    assert_string_equal(lx_tok_algo_name(&t), "SentencePiece");
    assert_int_equal(t.unk, 0);
    assert_int_equal(t.kind[1], LX_TOK_BYTE);
    int32_t *ids = NULL;
    size_t n = 0;
    assert_int_equal(lx_tok_encode_ex(&t, "abz", 3, false, false, &ids, &n, &err), LX_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], 7), assert_int_equal(ids[1], 1);
    free(ids);
    lx_tok_free(&t);
}

/* The smallest byte-level tokenizer.json: "a b" merges into "ab"; [a, b] pairs read alike;
 * ids no entry names become unused "[PADn]" pieces. */
static void test_small_tokenizer_json(void **state)
{
    (void)state;
    const char *path = LX_TMP_DIR "/tok_small.json";
    const char *forms[] = {"\"a b\"", "[\"a\", \"b\"]"};
    for (int f = 0; f < 2; f++) {
        char text[512];
        snprintf(text, sizeof text, "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2}, "
                                    "\"merges\": [%s]}, " BYTE_LEVEL ", \"added_tokens\": [{\"id\": 4, \"content\": "
                                    "\"<|x|>\", \"special\": false}]}", forms[f]);
        write_text(path, text);
        lx_tok t;
        lx_err err = {0};
        assert_int_equal(lx_tok_load(&t, path, &err), LX_OK);
        assert_int_equal(t.n, 5);
        assert_int_equal(t.kind[3], LX_TOK_UNUSED);
        assert_string_equal(t.piece[3], "[PAD3]");
        assert_int_equal(t.kind[4], LX_TOK_CONTROL); /* looks special: "<|...|>" */
        int32_t *ids = NULL;
        size_t n = 0;
        assert_int_equal(lx_tok_encode_ex(&t, "abba<|x|>", 9, false, true, &ids, &n, &err), LX_OK);
        assert_int_equal(n, 4);
        assert_int_equal(ids[0], 2), assert_int_equal(ids[1], 1), assert_int_equal(ids[2], 0), assert_int_equal(ids[3], 4);
        free(ids);
        lx_tok_free(&t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_output),           cmocka_unit_test(test_json_output),
        cmocka_unit_test(test_text_from_stdin),       cmocka_unit_test(test_cli_errors),
        cmocka_unit_test(test_broken_tokenizer_json), cmocka_unit_test(test_small_tokenizer_json),
        cmocka_unit_test(test_spm_tokenizer_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
