/* fuzz/fuzz_tokenizer — libFuzzer target for infer/tokenizer. The first byte chooses:
 * even: the rest is a tokenizer.json (infer/tok_hfjson), which, when it loads, encodes
 * a fixed text with control tokens parsed and labels every id; odd: the rest is text,
 * encoded and decoded by a small SentencePiece, WordPiece and byte-level BPE vocabulary
 * (one per pre-tokenizer, chosen by the byte), with special parsing on and off. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "infer/tokenizer.h"

#define N_PRE 7
static const char *const PRE[N_PRE] = {"default", "gpt-2", "llama-bpe", "qwen2", "deepseek-coder", "gpt-4o", "smollm"};

static void encode_all(const lx_tok *t, const char *s, size_t n, bool special)
{
    int32_t *ids = NULL;
    size_t m = 0;
    lx_err err = {0};
    if (lx_tok_encode_ex(t, s, n, true, special, &ids, &m, &err) != LX_OK) return;
    lx_buf b;
    lx_buf_init(&b);
    for (size_t i = 0; i < m; i++) {
        lx_tok_decode(t, i ? ids[i - 1] : -1, ids[i], &b);
        free(lx_tok_label(t, ids[i]));
    }
    lx_buf_free(&b);
    free(ids);
}

/* Every code point U+0021..U+0143 (GPT-2's byte characters among them) and a few words,
 * "<|x|>" a control token and "<u>" a user-defined one; BPE merges for "Ġt", "th", "the". */
static bool build(lx_tok *t, lx_tok_algo algo, const char *pre)
{
    enum { N_CP = 0x143 - 0x21 + 1 };
    static const char *const extra[] = {"\xe2\x96\x81", "\xe2\x96\x81the", "\xc4\xa0t", "th", "the", "<|x|>", "<u>",
                                        "<0x0A>", "[UNK]", ("\xe2\x96\x81" "a")};
    enum { N_EXTRA = sizeof extra / sizeof extra[0], N = N_CP + N_EXTRA };
    static char cps[N_CP][4];
    const char *pieces[N];
    uint32_t lens[N];
    uint8_t kinds[N];
    float scores[N];
    for (int i = 0; i < N_CP; i++) {
        uint32_t c = 0x21 + (uint32_t)i;
        lens[i] = c < 0x80 ? 1 : 2;
        cps[i][0] = (char)(c < 0x80 ? c : 0xC0 | c >> 6), cps[i][1] = (char)(0x80 | (c & 0x3F));
        pieces[i] = cps[i], kinds[i] = LX_TOK_NORMAL, scores[i] = -(float)i;
    }
    for (int i = 0; i < N_EXTRA; i++) {
        pieces[N_CP + i] = extra[i], lens[N_CP + i] = (uint32_t)strlen(extra[i]), scores[N_CP + i] = (float)i;
        kinds[N_CP + i] = i == 5 ? LX_TOK_CONTROL : i == 6 ? LX_TOK_USER : i == 7 ? LX_TOK_BYTE : LX_TOK_NORMAL;
    }
    static const char *const merges[] = {"\xc4\xa0 t", "t h", "th e"};
    static const uint32_t merge_lens[] = {4, 3, 4};
    lx_tok_spec s = {.algo = algo, .n = N, .pieces = pieces, .lens = lens, .scores = scores, .kinds = kinds,
                     .pre = pre, .n_merges = 3, .merges = merges, .merge_lens = merge_lens, .bos = 0,
                     .eos = 1, .unk = N_CP + 8, .add_space_prefix = true, .add_bos = true};
    lx_err err = {0};
    return lx_tok_build_spec(t, &s, "fuzz", &err) == LX_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static lx_tok spm, wpm, bpe[N_PRE];
    static bool ready;
    if (!ready) {
        ready = build(&spm, LX_TOK_SPM, NULL) && build(&wpm, LX_TOK_WPM, NULL);
        for (int i = 0; i < N_PRE && ready; i++) ready = build(&bpe[i], LX_TOK_BPE, PRE[i]);
        if (!ready) abort();
    }
    if (size < 1) return 0;
    const char *text = (const char *)data + 1;
    size_t n = size - 1;
    if (!(data[0] & 1)) {
        lx_tok t;
        lx_err err = {0};
        if (lx_tok_load(&t, fz_named_file("tokenizer.json", data + 1, n), &err) != LX_OK) return 0;
        encode_all(&t, "Hello <|endoftext|> w\xc3\xb6rld 12345\n\n", 29, true);
        lx_tok_free(&t);
        return 0;
    }
    const lx_tok *t = data[0] & 2 ? &spm : data[0] & 4 ? &wpm : &bpe[(data[0] >> 3) % N_PRE];
    encode_all(t, text, n, false);
    encode_all(t, text, n, true);
    return 0;
}
