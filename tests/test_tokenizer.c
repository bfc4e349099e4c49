/* Tests infer/tokenizer: merges by score, byte fallback, the leading-space convention,
 * decoding and round trips, on a small in-memory vocabulary and on stories260K's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infer/tokenizer.h"
#include "fixture_gguf.h"
#include "read/gguf.h"

#define SP "\xe2\x96\x81" /* U+2581 */

/* ids 0-2 special, 3-258 the byte pieces <0x00>..<0xFF>, then the normal pieces below. */
enum { N_SPECIAL = 3, N_BYTES = 256, FIRST_NORMAL = N_SPECIAL + N_BYTES };
static const char *const NORMAL[] = {SP, "a", "b", "h", "e", "l", "o", SP "a", "ab", "ll", "he", SP "h", SP "he", "llo", SP "hello"};
static const float SCORES[] = {-10, -10, -10, -10, -10, -10, -10, -1, -2, -1, -2, -0.5f, -3, -4, -5};
#define N_NORMAL (sizeof NORMAL / sizeof NORMAL[0])
#define ID(k) (FIRST_NORMAL + (k)) /* id of NORMAL[k] */
enum { I_SP, I_A, I_B, I_H, I_E, I_L, I_O, I_SPA, I_AB, I_LL, I_HE, I_SPH, I_SPHE, I_LLO, I_SPHELLO };

/* Builds the vocabulary; swap_ab gives "ab" a better score than "▁a". */
static void build(lx_tok *t, bool swap_ab)
{
    enum { N = FIRST_NORMAL + N_NORMAL };
    static char bytes[N_BYTES][8];
    const char *pieces[N];
    uint32_t lens[N];
    float scores[N] = {0};
    uint8_t kinds[N];
    const char *special[N_SPECIAL] = {"<unk>", "<s>", "</s>"};
    for (int i = 0; i < N_SPECIAL; i++) pieces[i] = special[i], kinds[i] = i ? LX_TOK_CONTROL : LX_TOK_UNKNOWN;
    for (int b = 0; b < N_BYTES; b++) {
        snprintf(bytes[b], sizeof bytes[b], "<0x%02X>", b);
        pieces[N_SPECIAL + b] = bytes[b], kinds[N_SPECIAL + b] = LX_TOK_BYTE;
    }
    for (size_t k = 0; k < N_NORMAL; k++)
        pieces[ID(k)] = NORMAL[k], scores[ID(k)] = SCORES[k], kinds[ID(k)] = LX_TOK_NORMAL;
    if (swap_ab) scores[ID(I_AB)] = 0.0f;
    for (int i = 0; i < N; i++) lens[i] = (uint32_t)strlen(pieces[i]);
    lx_err err = {0};
    assert_int_equal(lx_tok_build(t, N, pieces, lens, scores, kinds, 1, 2, 0, &err), LX_OK);
}

static void expect_ids(const lx_tok *t, const char *text, bool bos, const int32_t *want, size_t n_want)
{
    int32_t *ids = NULL;
    size_t n = 0;
    lx_err err = {0};
    assert_int_equal(lx_tok_encode(t, text, bos, &ids, &n, &err), LX_OK);
    assert_int_equal(n, n_want);
    for (size_t i = 0; i < n; i++) assert_int_equal(ids[i], want[i]);
    free(ids);
}

static void test_best_score_merges_first(void **state)
{
    (void)state;
    lx_tok t;
    build(&t, false);
    /* ▁ a b: "▁a" (-1) beats "ab" (-2); "▁a"+"b" is no piece */
    expect_ids(&t, "ab", false, (int32_t[]){ID(I_SPA), ID(I_B)}, 2);
    lx_tok_free(&t);
    build(&t, true);
    /* now "ab" (0) wins; "▁"+"ab" is no piece */
    expect_ids(&t, "ab", false, (int32_t[]){ID(I_SP), ID(I_AB)}, 2);
    lx_tok_free(&t);
}

static void test_merges_chain_to_one_piece(void **state)
{
    (void)state;
    lx_tok t;
    build(&t, false);
    /* ▁ h e l l o -> ▁h (-0.5) -> ll (-1) -> ▁he (-3) -> llo (-4) -> ▁hello (-5) */
    expect_ids(&t, "hello", true, (int32_t[]){1, ID(I_SPHELLO)}, 2);
    lx_tok_free(&t);
}

static void test_spaces_become_marks(void **state)
{
    (void)state;
    lx_tok t;
    build(&t, false);
    /* "a b" -> ▁ a ▁ b -> ▁a ▁ b; "hello  hello" keeps the lone second space */
    expect_ids(&t, "a b", true, (int32_t[]){1, ID(I_SPA), ID(I_SP), ID(I_B)}, 4);
    expect_ids(&t, "hello  hello", false, (int32_t[]){ID(I_SPHELLO), ID(I_SP), ID(I_SPHELLO)}, 3);
    lx_tok_free(&t);
}

static void test_byte_fallback(void **state)
{
    (void)state;
    lx_tok t;
    build(&t, false);
    /* "a\x01é": \x01 and é (C3 A9) are no pieces -> bytes <0x01> <0xC3> <0xA9> = ids 3+byte */
    expect_ids(&t, "a\x01\xc3\xa9", false, (int32_t[]){ID(I_SPA), 3 + 0x01, 3 + 0xC3, 3 + 0xA9}, 4);
    lx_tok_free(&t);
}

static void test_empty_text(void **state)
{
    (void)state;
    lx_tok t;
    build(&t, false);
    expect_ids(&t, "", true, (int32_t[]){1}, 1);
    expect_ids(&t, "", false, NULL, 0);
    lx_tok_free(&t);
}

static char *decode_all(const lx_tok *t, const int32_t *ids, size_t n)
{
    lx_buf b;
    lx_buf_init(&b);
    for (size_t i = 0; i < n; i++) lx_tok_decode(t, i ? ids[i - 1] : -1, ids[i], &b);
    char *s = strdup(lx_buf_cstr(&b));
    lx_buf_free(&b);
    return s;
}

static void round_trip(const lx_tok *t, const char *text)
{
    int32_t *ids = NULL;
    size_t n = 0;
    lx_err err = {0};
    assert_int_equal(lx_tok_encode(t, text, true, &ids, &n, &err), LX_OK);
    char *back = decode_all(t, ids, n);
    assert_string_equal(back, text);
    free(back);
    free(ids);
}

static void test_decode_and_round_trip(void **state)
{
    (void)state;
    lx_tok t;
    build(&t, false);
    /* after BOS the first word's space is dropped; later ones stay; control pieces vanish */
    char *s = decode_all(&t, (int32_t[]){1, ID(I_SPHELLO), ID(I_SPA), 2}, 4);
    assert_string_equal(s, "hello a");
    free(s);
    s = decode_all(&t, (int32_t[]){ID(I_SPHELLO), ID(I_SPA)}, 2); /* no BOS: space kept */
    assert_string_equal(s, " hello a");
    free(s);
    round_trip(&t, "hello ab a\x01\xc3\xa9 \xf0\x9f\x99\x82 b");
    lx_tok_free(&t);
}

static void test_labels_and_lookup(void **state)
{
    (void)state;
    lx_tok t;
    build(&t, false);
    char *l = lx_tok_label(&t, ID(I_SPHE));
    assert_string_equal(l, " he");
    free(l);
    l = lx_tok_label(&t, 3 + 0x0A);
    assert_string_equal(l, "<0x0A>");
    free(l);
    assert_null(lx_tok_label(&t, -1));
    assert_int_equal(lx_tok_find(&t, SP "he", 5), ID(I_SPHE));
    assert_int_equal(lx_tok_find(&t, "zz", 2), -1);
    assert_int_equal(t.byte_id[0xFF], 3 + 0xFF);
    lx_tok_free(&t);
}

static void test_unspellable_text_refused(void **state)
{
    (void)state;
    /* no byte pieces and no unknown token: "a" spells, "z" cannot */
    const char *pieces[] = {SP, "a"};
    const uint32_t lens[] = {3, 1};
    lx_tok t;
    lx_err err = {0};
    assert_int_equal(lx_tok_build(&t, 2, pieces, lens, NULL, NULL, -1, -1, -1, &err), LX_OK);
    expect_ids(&t, "a", true, (int32_t[]){0, 1}, 2); /* no BOS in this vocabulary */
    int32_t *ids = NULL;
    size_t n = 0;
    assert_int_equal(lx_tok_encode(&t, "az", false, &ids, &n, &err), LX_ERR_MODEL);
    assert_string_equal(err.msg, "the text has a character this vocabulary cannot spell "
                                 "(no piece, no byte piece, no unknown token)");
    assert_null(ids);
    lx_tok_free(&t);
}

static void test_stories_vocabulary(void **state)
{
    (void)state;
    lx_gguf *g = NULL;
    lx_err err = {0};
    const char *path = LX_SHARED_DIR "/models/stories260K.gguf";
    assert_int_equal(lx_gguf_open(path, &g, &err), LX_OK);
    lx_tok t;
    assert_int_equal(lx_tok_from_gguf(&t, g, path, &err), LX_OK);
    assert_int_equal(t.n, 512);
    assert_int_equal(t.bos, 1);
    assert_int_equal(t.eos, 2);
    /* the ids an independent implementation gives (reference/stories260K-once-upon-a-time.json) */
    expect_ids(&t, "Once upon a time", true, (int32_t[]){1, 403, 407, 261, 378}, 5);
    round_trip(&t, "Lily's mom said, \"Don't worry!\"\nThe end. \xc3\xa9\xe2\x82\xac");
    lx_tok_free(&t);
    lx_gguf_close(g);
}

/* Writes a vocabulary-only GGUF: model, optional pre, pieces "a" "b" "ab", optional merges. */
static void write_vocab(const char *path, const char *model, const char *pre, const char *merge)
{
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "tokenizer.ggml.model", model);
    if (pre) lx_fx_gguf_kv_str(w, "tokenizer.ggml.pre", pre);
    const char *toks[] = {"a", "b", "ab"};
    lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.tokens", toks, 3);
    if (merge) lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.merges", &merge, 1);
    assert_true(lx_fx_gguf_write(w, path));
    lx_fx_gguf_free(w);
}

static void expect_refused(const char *model, const char *pre, const char *merge, const char *msg)
{
    const char *path = LX_TMP_DIR "/tok_refused.gguf";
    write_vocab(path, model, pre, merge);
    lx_tok t;
    lx_err err = {0};
    assert_int_equal(lx_tok_load(&t, path, &err), LX_ERR_MODEL);
    char want[512];
    snprintf(want, sizeof want, "%s: %s", path, msg);
    assert_string_equal(err.msg, want);
}

static void test_refuses_other_tokenizer(void **state)
{
    (void)state;
    expect_refused("t5", NULL, NULL, "tokenizer 't5' is not supported (expected llama, gpt2 or bert)");
    expect_refused("gpt2", "tekken", "a b",
                   "pre-tokenizer 'tekken' is not supported (expected one of default, gpt-2, mpt, olmo, llama-bpe, "
                   "dbrx, smaug-bpe, qwen2, stablelm2, deepseek-coder, gpt-4o, smollm, starcoder, refact)");
    expect_refused("gpt2", "gpt-2", "ab", "merge 0 has no space (expected \"left right\")");
}

/* Merges that are numbers: refused with the key's offset; the message names no "per token". */
static void test_merges_of_wrong_type(void **state)
{
    (void)state;
    const char *path = LX_TMP_DIR "/tok_merges_u32.gguf";
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "tokenizer.ggml.model", "gpt2");
    const char *toks[] = {"a", "b"};
    lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.tokens", toks, 2);
    uint32_t m[2] = {0, 1};
    lx_fx_gguf_kv_arr(w, "tokenizer.ggml.merges", 4, m, 2);
    assert_true(lx_fx_gguf_write(w, path));
    lx_fx_gguf_free(w);
    lx_tok t;
    lx_err err = {0};
    assert_int_equal(lx_tok_load(&t, path, &err), LX_ERR_MODEL);
    /* the value's offset: 24-byte header, the model key (8 + 20 + 4 + 8 + 4 bytes), the
     * tokens key (8 + 21 + 4 + 4 + 8 + 2 * 9), then the merges key's name and type (8 + 21 + 4) */
    char want[512];
    snprintf(want, sizeof want, "%s: offset %d: tokenizer.ggml.merges is an array of uint32 (expected strings)", path,
             24 + 44 + 63 + 33);
    assert_string_equal(err.msg, want);
}

/* A BPE vocabulary with one merge: "ab" is made only through it. */
static void test_bpe_merges(void **state)
{
    (void)state;
    const char *path = LX_TMP_DIR "/tok_bpe.gguf";
    write_vocab(path, "gpt2", "gpt-2", "a b");
    lx_tok t;
    lx_err err = {0};
    assert_int_equal(lx_tok_load(&t, path, &err), LX_OK);
    assert_string_equal(lx_tok_algo_name(&t), "byte-level BPE");
    assert_string_equal(lx_tok_pre_name(&t), "gpt-2");
    assert_string_equal(lx_tok_algo_code(&t), "bpe");
    lx_tok_algo k;
    assert_true(lx_tok_algo_from_code("wpm", &k));
    assert_int_equal(k, LX_TOK_WPM);
    assert_false(lx_tok_algo_from_code("unigram", &k));
    expect_ids(&t, "abba", false, (int32_t[]){2, 1, 0}, 3);
    lx_tok_free(&t);
    write_vocab(path, "gpt2", "gpt-2", "b a"); /* a merge whose join is no piece never applies */
    assert_int_equal(lx_tok_load(&t, path, &err), LX_OK);
    expect_ids(&t, "ab", false, (int32_t[]){0, 1}, 2);
    lx_tok_free(&t);
}

/* GPT-2 spells " ä" as " \xC3" + "\xA4": neither is UTF-8 alone, so labels escape the
 * bytes, and decoding the two in turn gives the character back. */
static void test_gpt2_lone_bytes(void **state)
{
    (void)state;
    lx_tok t;
    lx_err err = {0};
    assert_int_equal(lx_tok_load(&t, LX_SHARED_DIR "/models/vocab-only/ggml-vocab-gpt-2.gguf", &err), LX_OK);
    int32_t *ids = NULL;
    size_t n = 0;
    assert_int_equal(lx_tok_encode(&t, "\xe4\xb8\x80 Hello \xc3\xa4", false, &ids, &n, &err), LX_OK);
    assert_int_equal(n, 4);
    const int32_t want[] = {31660, 18435, 6184, 97}; /* 一, " Hello", " " + 0xC3, 0xA4 */
    const char *labels[] = {"\xe4\xb8\x80", " Hello", " \\xC3", "\\xA4"};
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ids[i], want[i]);
        char *label = lx_tok_label(&t, ids[i]);
        assert_string_equal(label, labels[i]);
        free(label);
    }
    lx_buf b;
    lx_buf_init(&b);
    for (size_t i = 0; i < n; i++) lx_tok_decode(&t, i ? ids[i - 1] : -1, ids[i], &b);
    assert_string_equal(lx_buf_cstr(&b), "\xe4\xb8\x80 Hello \xc3\xa4");
    lx_buf_free(&b);
    free(ids);
    lx_tok_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_best_score_merges_first), cmocka_unit_test(test_merges_chain_to_one_piece),
        cmocka_unit_test(test_spaces_become_marks),     cmocka_unit_test(test_byte_fallback),
        cmocka_unit_test(test_empty_text),              cmocka_unit_test(test_decode_and_round_trip),
        cmocka_unit_test(test_labels_and_lookup),       cmocka_unit_test(test_unspellable_text_refused),
        cmocka_unit_test(test_stories_vocabulary),
        cmocka_unit_test(test_refuses_other_tokenizer), cmocka_unit_test(test_bpe_merges),
        cmocka_unit_test(test_merges_of_wrong_type),
        cmocka_unit_test(test_gpt2_lone_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
