/* bench/gen_llama_gguf — writes a 1B-class Llama-shaped GGUF v3 file with random weights
 * for the inference benchmark (bench/infer.sh); not part of llmxray.
 *
 * Usage: gen_llama_gguf q8_0|q4_k OUT.gguf
 * Shape of TinyLlama 1.1B: d_model 2048, 22 layers, 32 heads, 4 KV heads, FFN 5632,
 * vocab 32000, separate output head. q8_0: every matrix Q8_0. q4_k: every matrix Q4_K but
 * the output head, Q6_K (as llama.cpp's Q4_K_M files do). Norms are F32 ones.
 * Vocabulary: specials, the 256 byte pieces, "▁", "t", the ten digits, then "▁t", "▁t0",
 * "▁t1", ... scored by length, so the text "t1 t2 ... t31" is exactly 31 tokens.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { D = 2048, LAYERS = 22, HEADS = 32, KV_HEADS = 4, FF = 5632, VOCAB = 32000, HEAD_DIM = D / HEADS };
enum { T_F32 = 0, T_Q8_0 = 8, T_Q4_K = 12, T_Q6_K = 14 };

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

/* Positive normal floats only (all this file needs). */
static uint16_t to_half(float f)
{
    int e;
    float m = frexpf(f, &e); /* f = m * 2^e, m in [0.5, 1) */
    int exp = e - 1 + 15;
    int man = (int)lrintf((m * 2.0f - 1.0f) * 1024.0f);
    if (man == 1024) man = 0, exp++;
    return (uint16_t)(exp << 10 | man);
}

static void put(FILE *f, const void *p, size_t n) { fwrite(p, 1, n, f); }
static void put_u32(FILE *f, uint32_t v) { put(f, &v, 4); }
static void put_u64(FILE *f, uint64_t v) { put(f, &v, 8); }
static void put_str(FILE *f, const char *s) { put_u64(f, strlen(s)), put(f, s, strlen(s)); }
static void kv_u32(FILE *f, const char *k, uint32_t v) { put_str(f, k), put_u32(f, 4), put_u32(f, v); }
static void kv_f32(FILE *f, const char *k, float v) { put_str(f, k), put_u32(f, 6), put(f, &v, 4); }
static void kv_str(FILE *f, const char *k, const char *v) { put_str(f, k), put_u32(f, 8), put_str(f, v); }

typedef struct tensor {
    char name[64];
    uint32_t type;
    uint64_t ne0, ne1; /* ne1 0 for a vector */
    uint64_t offset, bytes;
} tensor;

static tensor T[3 + LAYERS * 9];
static int n_t;

static uint64_t type_bytes(uint32_t type, uint64_t n)
{
    switch (type) {
    case T_Q8_0: return n / 32 * 34;
    case T_Q4_K: return n / 256 * 144;
    case T_Q6_K: return n / 256 * 210;
    default: return n * 4;
    }
}

static void add(const char *name, uint32_t type, uint64_t ne0, uint64_t ne1)
{
    tensor *t = &T[n_t++];
    snprintf(t->name, sizeof t->name, "%s", name);
    t->type = type, t->ne0 = ne0, t->ne1 = ne1;
    t->bytes = type_bytes(type, ne0 * (ne1 ? ne1 : 1));
    t->offset = n_t > 1 ? (T[n_t - 2].offset + T[n_t - 2].bytes + 31) / 32 * 32 : 0;
}

static void plan(uint32_t wt, uint32_t out_t)
{
    char n[64];
    add("token_embd.weight", wt, D, VOCAB);
    add("output_norm.weight", T_F32, D, 0);
    add("output.weight", out_t, D, VOCAB);
    for (int l = 0; l < LAYERS; l++) {
#define L(s) (snprintf(n, sizeof n, "blk.%d.%s", l, s), n)
        add(L("attn_norm.weight"), T_F32, D, 0);
        add(L("ffn_norm.weight"), T_F32, D, 0);
        add(L("attn_q.weight"), wt, D, D);
        add(L("attn_k.weight"), wt, D, KV_HEADS * HEAD_DIM);
        add(L("attn_v.weight"), wt, D, KV_HEADS * HEAD_DIM);
        add(L("attn_output.weight"), wt, D, D);
        add(L("ffn_gate.weight"), wt, D, FF);
        add(L("ffn_up.weight"), wt, D, FF);
        add(L("ffn_down.weight"), wt, FF, D);
#undef L
    }
}

static void vocab_piece(int i, char *out, size_t cap)
{
    static const char *special[3] = {"<unk>", "<s>", "</s>"};
    if (i < 3) snprintf(out, cap, "%s", special[i]);
    else if (i < 259) snprintf(out, cap, "<0x%02X>", i - 3);
    else if (i == 259) snprintf(out, cap, "\xe2\x96\x81");
    else if (i == 260) snprintf(out, cap, "t");
    else if (i < 271) snprintf(out, cap, "%d", i - 261);
    else if (i == 271) snprintf(out, cap, "\xe2\x96\x81t");
    else snprintf(out, cap, "\xe2\x96\x81t%d", i - 272);
}

static void write_header(FILE *f)
{
    char piece[32];
    put(f, "GGUF", 4), put_u32(f, 3), put_u64(f, (uint64_t)n_t), put_u64(f, 16);
    kv_str(f, "general.architecture", "llama");
    kv_str(f, "general.name", "random 1.1B llama (benchmark)");
    kv_u32(f, "llama.context_length", 2048);
    kv_u32(f, "llama.embedding_length", D);
    kv_u32(f, "llama.block_count", LAYERS);
    kv_u32(f, "llama.feed_forward_length", FF);
    kv_u32(f, "llama.attention.head_count", HEADS);
    kv_u32(f, "llama.attention.head_count_kv", KV_HEADS);
    kv_u32(f, "llama.rope.dimension_count", HEAD_DIM);
    kv_f32(f, "llama.attention.layer_norm_rms_epsilon", 1e-5f);
    kv_str(f, "tokenizer.ggml.model", "llama");
    put_str(f, "tokenizer.ggml.tokens"), put_u32(f, 9), put_u32(f, 8), put_u64(f, VOCAB);
    for (int i = 0; i < VOCAB; i++) vocab_piece(i, piece, sizeof piece), put_str(f, piece);
    put_str(f, "tokenizer.ggml.scores"), put_u32(f, 9), put_u32(f, 6), put_u64(f, VOCAB);
    for (int i = 0; i < VOCAB; i++) {
        vocab_piece(i, piece, sizeof piece);
        float s = i < 259 ? 0.0f : (float)strlen(piece);
        put(f, &s, 4);
    }
    put_str(f, "tokenizer.ggml.token_type"), put_u32(f, 9), put_u32(f, 5), put_u64(f, VOCAB);
    for (int i = 0; i < VOCAB; i++) {
        int32_t ty = i == 0 ? 2 : i < 3 ? 3 : i < 259 ? 6 : 1;
        put(f, &ty, 4);
    }
    kv_u32(f, "tokenizer.ggml.bos_token_id", 1);
    kv_u32(f, "tokenizer.ggml.eos_token_id", 2);
    for (int i = 0; i < n_t; i++) {
        put_str(f, T[i].name), put_u32(f, T[i].ne1 ? 2 : 1), put_u64(f, T[i].ne0);
        if (T[i].ne1) put_u64(f, T[i].ne1);
        put_u32(f, T[i].type), put_u64(f, T[i].offset);
    }
}

/* One block of random weights of the type into b (std about 0.02). */
static size_t random_block(uint32_t type, uint8_t *b)
{
    uint16_t h;
    if (type == T_Q8_0) {
        h = to_half(0.02f / 73.0f);
        memcpy(b, &h, 2);
        for (int j = 0; j < 32; j++) b[2 + j] = (uint8_t)(int8_t)((int)(next_rand() % 255) - 127);
        return 34;
    }
    if (type == T_Q4_K) {
        h = to_half(0.05f / (63.0f * 15.0f)), memcpy(b, &h, 2);
        h = to_half(0.025f / 63.0f), memcpy(b + 2, &h, 2);
        for (int j = 4; j < 144; j++) b[j] = (uint8_t)next_rand();
        return 144;
    }
    h = to_half(0.04f / 1024.0f); /* Q6_K */
    for (int j = 0; j < 192; j++) b[j] = (uint8_t)next_rand();
    for (int j = 192; j < 208; j++) b[j] = (uint8_t)(int8_t)((int)(next_rand() % 65) - 32);
    memcpy(b + 208, &h, 2);
    return 210;
}

static void write_data(FILE *f, long data_start)
{
    static uint8_t buf[1 << 20];
    for (int i = 0; i < n_t; i++) {
        fseek(f, data_start + (long)T[i].offset, SEEK_SET);
        if (T[i].type == T_F32) {
            float one = 1.0f;
            for (uint64_t k = 0; k < T[i].ne0; k++) put(f, &one, 4);
            continue;
        }
        uint64_t done = 0;
        size_t used = 0;
        while (done < T[i].bytes) { /* bytes is a whole number of blocks */
            used += random_block(T[i].type, buf + used);
            if (used + 256 > sizeof buf || done + used >= T[i].bytes) {
                put(f, buf, used);
                done += used;
                used = 0;
            }
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "q8_0") && strcmp(argv[1], "q4_k"))) {
        fprintf(stderr, "usage: gen_llama_gguf q8_0|q4_k OUT.gguf\n");
        return 2;
    }
    int q4 = strcmp(argv[1], "q4_k") == 0;
    plan(q4 ? T_Q4_K : T_Q8_0, q4 ? T_Q6_K : T_Q8_0);
    FILE *f = fopen(argv[2], "wb");
    if (!f) { perror(argv[2]); return 3; }
    write_header(f);
    long pos = ftell(f), start = (pos + 31) / 32 * 32;
    for (; pos < start; pos++) fputc(0, f);
    write_data(f, start);
    if (fclose(f) != 0) { perror(argv[2]); return 3; }
    return 0;
}
