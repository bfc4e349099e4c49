/* fuzz/make_seeds — writes the small, well-formed seed inputs of the fuzz corpus
 * (scripts/fuzz.sh --seed), with the test fixture writers: GGUF models of several shapes
 * (dense Llama with a full tokenizer, MoE, GPT-2 style, every metadata value type, v2),
 * safetensors files (GPT-2 and Llama naming, every dtype, scalar and empty tensors), a
 * sharded index, and the catalogue's config.json texts. Usage: fuzz_seeds CORPUS_DIR
 * (which holds gguf/, draw/, safetensors/, config/). Data regions are kept tiny: seeds
 * are real bytes in the repository. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture_gguf.h"
#include "fixture_st.h"
#include "model/catalogue.h"

enum { F32 = 0, F16 = 1, Q8_0 = 8, V_I32 = 5, V_F32 = 6, V_STR = 8, V_ARR = 9 };
#define D 8  /* width of every seed model */
#define FF 16

static const char *g_dir;
static int g_fail;

static void seed_path(char *out, size_t cap, const char *sub, const char *name)
{
    snprintf(out, cap, "%s/%s/%s", g_dir, sub, name);
}

/* Writes w as NAME into gguf/ and draw/. */
static void put_gguf(lx_fx_gguf *w, const char *name)
{
    const char *subs[] = { "gguf", "draw" };
    for (int i = 0; i < 2; i++) {
        char p[512];
        seed_path(p, sizeof p, subs[i], name);
        if (!lx_fx_gguf_write(w, p)) { fprintf(stderr, "cannot write %s\n", p); g_fail = 1; }
    }
    lx_fx_gguf_free(w);
}

static void tokenizer(lx_fx_gguf *w)
{
    static const char *const tok[] = { "<unk>", "<s>", "</s>", "<0x0A>", "\xe2\x96\x81", "a", "b", "\xe2\x96\x81\x61" };
    const float sc[] = { 0, 0, 0, 0, -1, -2, -3, -0.5f };
    const int32_t ty[] = { 2, 3, 3, 6, 1, 1, 1, 1 };
    lx_fx_gguf_kv_str(w, "tokenizer.ggml.model", "llama");
    lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.tokens", tok, 8);
    lx_fx_gguf_kv_arr(w, "tokenizer.ggml.scores", V_F32, sc, 8);
    lx_fx_gguf_kv_arr(w, "tokenizer.ggml.token_type", V_I32, ty, 8);
    lx_fx_gguf_kv_u32(w, "tokenizer.ggml.bos_token_id", 1);
    lx_fx_gguf_kv_u32(w, "tokenizer.ggml.eos_token_id", 2);
}

static void llama_keys(lx_fx_gguf *w, const char *name, uint32_t layers)
{
    lx_fx_gguf_kv_str(w, "general.architecture", "llama");
    lx_fx_gguf_kv_str(w, "general.name", name);
    lx_fx_gguf_kv_u32(w, "llama.block_count", layers);
    lx_fx_gguf_kv_u32(w, "llama.context_length", 64);
    lx_fx_gguf_kv_u32(w, "llama.embedding_length", D);
    lx_fx_gguf_kv_u32(w, "llama.feed_forward_length", FF);
    lx_fx_gguf_kv_u32(w, "llama.attention.head_count", 2);
    lx_fx_gguf_kv_u32(w, "llama.attention.head_count_kv", 1);
    lx_fx_gguf_kv_f32(w, "llama.rope.freq_base", 10000.0f);
    lx_fx_gguf_kv_f32(w, "llama.attention.layer_norm_rms_epsilon", 1e-5f);
}

static void t2(lx_fx_gguf *w, const char *name, uint32_t type, uint64_t a, uint64_t b)
{
    lx_fx_gguf_tensor(w, name, type, 2, (uint64_t[]){ a, b });
}

static void t1(lx_fx_gguf *w, const char *name, uint64_t a)
{
    lx_fx_gguf_tensor(w, name, F32, 1, (uint64_t[]){ a });
}

/* Attention and norms of layer l (Llama naming, GQA 2:1). */
static void attn_layer(lx_fx_gguf *w, int l, uint32_t type)
{
    char n[64];
    const char *parts[] = { "attn_q", "attn_output" };
    snprintf(n, sizeof n, "blk.%d.attn_norm.weight", l), t1(w, n, D);
    snprintf(n, sizeof n, "blk.%d.ffn_norm.weight", l), t1(w, n, D);
    for (int i = 0; i < 2; i++) snprintf(n, sizeof n, "blk.%d.%s.weight", l, parts[i]), t2(w, n, type, D, D);
    snprintf(n, sizeof n, "blk.%d.attn_k.weight", l), t2(w, n, type, D, D / 2);
    snprintf(n, sizeof n, "blk.%d.attn_v.weight", l), t2(w, n, type, D, D / 2);
}

static void dense_ffn(lx_fx_gguf *w, int l, uint32_t type)
{
    char n[64];
    snprintf(n, sizeof n, "blk.%d.ffn_gate.weight", l), t2(w, n, type, D, FF);
    snprintf(n, sizeof n, "blk.%d.ffn_up.weight", l), t2(w, n, type, D, FF);
    snprintf(n, sizeof n, "blk.%d.ffn_down.weight", l), t2(w, n, type, FF, D);
}

static void seed_llama(uint32_t version, uint32_t type, const char *file)
{
    lx_fx_gguf *w = lx_fx_gguf_new(version);
    llama_keys(w, "Seed Llama", 2);
    tokenizer(w);
    t2(w, "token_embd.weight", type, D, 8);
    for (int l = 0; l < 2; l++) attn_layer(w, l, type), dense_ffn(w, l, type);
    t1(w, "output_norm.weight", D);
    t2(w, "output.weight", type, D, 8);
    put_gguf(w, file);
}

static void seed_moe(void)
{
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    llama_keys(w, "Seed MoE", 2);
    lx_fx_gguf_kv_u32(w, "llama.expert_count", 4);
    lx_fx_gguf_kv_u32(w, "llama.expert_used_count", 2);
    tokenizer(w);
    t2(w, "token_embd.weight", F16, D, 8);
    for (int l = 0; l < 2; l++) {
        char n[64];
        attn_layer(w, l, F16);
        snprintf(n, sizeof n, "blk.%d.ffn_gate_inp.weight", l), t2(w, n, F32, D, 4);
        const char *e[] = { "ffn_gate_exps", "ffn_up_exps" };
        for (int i = 0; i < 2; i++)
            snprintf(n, sizeof n, "blk.%d.%s.weight", l, e[i]), lx_fx_gguf_tensor(w, n, F16, 3, (uint64_t[]){ D, FF, 4 });
        snprintf(n, sizeof n, "blk.%d.ffn_down_exps.weight", l), lx_fx_gguf_tensor(w, n, F16, 3, (uint64_t[]){ FF, D, 4 });
    }
    t1(w, "output_norm.weight", D);
    put_gguf(w, "moe.gguf");
}

static void seed_gpt2(void)
{
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.architecture", "gpt2");
    lx_fx_gguf_kv_u32(w, "gpt2.block_count", 1);
    lx_fx_gguf_kv_u32(w, "gpt2.context_length", 16);
    lx_fx_gguf_kv_u32(w, "gpt2.embedding_length", D);
    lx_fx_gguf_kv_u32(w, "gpt2.feed_forward_length", 4 * D);
    lx_fx_gguf_kv_u32(w, "gpt2.attention.head_count", 2);
    lx_fx_gguf_kv_f32(w, "gpt2.attention.layer_norm_epsilon", 1e-5f);
    t2(w, "token_embd.weight", F16, D, 8);
    t2(w, "position_embd.weight", F16, D, 16);
    const char *norms[] = { "blk.0.attn_norm.weight", "blk.0.attn_norm.bias", "blk.0.ffn_norm.weight",
                            "blk.0.ffn_norm.bias", "output_norm.weight", "output_norm.bias", "blk.0.attn_output.bias",
                            "blk.0.ffn_down.bias" };
    for (int i = 0; i < 8; i++) t1(w, norms[i], D);
    t2(w, "blk.0.attn_qkv.weight", F16, D, 3 * D);
    t1(w, "blk.0.attn_qkv.bias", 3 * D);
    t2(w, "blk.0.attn_output.weight", F16, D, D);
    t2(w, "blk.0.ffn_up.weight", F16, D, 4 * D);
    t1(w, "blk.0.ffn_up.bias", 4 * D);
    t2(w, "blk.0.ffn_down.weight", F16, 4 * D, D);
    put_gguf(w, "gpt2.gguf");
}

/* Every metadata value type, arrays of each, an array of arrays, general.alignment 64. */
static void seed_kv_types(void)
{
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_u32(w, "general.alignment", 64);
    lx_fx_gguf_kv_str(w, "general.architecture", "llama");
    lx_fx_gguf_kv_u8(w, "a.u8", 200), lx_fx_gguf_kv_i8(w, "a.i8", -100);
    lx_fx_gguf_kv_u16(w, "a.u16", 60000), lx_fx_gguf_kv_i16(w, "a.i16", -30000);
    lx_fx_gguf_kv_i32(w, "a.i32", -7), lx_fx_gguf_kv_bool(w, "a.bool", true);
    lx_fx_gguf_kv_u64(w, "a.u64", 1ull << 40), lx_fx_gguf_kv_i64(w, "a.i64", -(1ll << 40));
    lx_fx_gguf_kv_f64(w, "a.f64", 0.125);
    const uint64_t u[] = { 1, 2, 3 };
    const double f[] = { 0.5, -1, 2 };
    const uint8_t b[] = { 1, 0, 1 };
    lx_fx_gguf_kv_arr(w, "a.arr_u64", 10, u, 3);
    lx_fx_gguf_kv_arr(w, "a.arr_f64", 12, f, 3);
    lx_fx_gguf_kv_arr(w, "a.arr_bool", 7, b, 3);
    lx_buf v = { 0 };
    lx_fx_put_u32(&v, V_ARR), lx_fx_put_u64(&v, 2);
    for (int i = 0; i < 2; i++) lx_fx_put_u32(&v, V_STR), lx_fx_put_u64(&v, 1), lx_fx_put_str(&v, "x");
    lx_fx_gguf_kv_raw(w, "a.arr_arr", V_ARR, v.data, v.len);
    lx_buf_free(&v);
    t2(w, "token_embd.weight", Q8_0, 32, 2);
    t1(w, "output_norm.weight", 32);
    put_gguf(w, "kv_types.gguf");
}

static void put_st(lx_fx_st *f, const char *name)
{
    char p[512];
    seed_path(p, sizeof p, "safetensors", name);
    if (!lx_fx_st_write(f, p, NULL)) { fprintf(stderr, "cannot write %s\n", p); g_fail = 1; }
    lx_fx_st_free(f);
}

static void seed_st(void)
{
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_meta(f, "format", "pt");
    lx_fx_st_tensor(f, "model.embed_tokens.weight", "BF16", 2, (int64_t[]){ 8, D });
    const char *proj[] = { "q_proj", "k_proj", "v_proj", "o_proj" };
    char n[96];
    for (int i = 0; i < 4; i++)
        snprintf(n, sizeof n, "model.layers.0.self_attn.%s.weight", proj[i]), lx_fx_st_tensor(f, n, "BF16", 2, (int64_t[]){ D, D });
    lx_fx_st_tensor(f, "model.layers.0.mlp.gate_proj.weight", "BF16", 2, (int64_t[]){ FF, D });
    lx_fx_st_tensor(f, "model.layers.0.mlp.up_proj.weight", "BF16", 2, (int64_t[]){ FF, D });
    lx_fx_st_tensor(f, "model.layers.0.mlp.down_proj.weight", "BF16", 2, (int64_t[]){ D, FF });
    lx_fx_st_tensor(f, "model.layers.0.input_layernorm.weight", "BF16", 1, (int64_t[]){ D });
    lx_fx_st_tensor(f, "model.norm.weight", "BF16", 1, (int64_t[]){ D });
    put_st(f, "llama.safetensors");
    static const char *const dt[] = { "F64", "F32", "F16", "BF16", "F8_E4M3", "F8_E5M2", "I8", "I16",
                                      "I32", "I64", "U8", "U16", "U32", "U64", "BOOL" };
    f = lx_fx_st_new();
    for (int i = 0; i < 15; i++) snprintf(n, sizeof n, "t.%s", dt[i]), lx_fx_st_tensor(f, n, dt[i], 1, (int64_t[]){ 2 });
    lx_fx_st_tensor(f, "scalar", "I64", 0, NULL);
    lx_fx_st_tensor(f, "empty", "F32", 2, (int64_t[]){ 0, 4 });
    put_st(f, "dtypes.safetensors");
    char p[512];
    seed_path(p, sizeof p, "safetensors", "index.json");
    const char *names[] = { "wte.weight", "h.0.ln_1.weight" }, *files[] = { "a.safetensors", "b.safetensors" };
    if (!lx_fx_st_write_index(p, 2, names, files, 1024)) g_fail = 1;
}

static void seed_configs(void)
{
    for (size_t i = 0; i < lx_catalogue_count(); i++) {
        const lx_catalogue_entry *e = lx_catalogue_at(i);
        char p[512], name[96];
        snprintf(name, sizeof name, "%s.json", e->slug);
        seed_path(p, sizeof p, "config", name);
        FILE *f = fopen(p, "wb");
        if (!f || fputs(e->config, f) < 0 || fclose(f) != 0) { fprintf(stderr, "cannot write %s\n", p); g_fail = 1; }
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: fuzz_seeds CORPUS_DIR\n"); return 2; }
    g_dir = argv[1];
    seed_llama(3, F16, "llama.gguf");
    seed_llama(2, F32, "llama_v2.gguf");
    seed_moe();
    seed_gpt2();
    seed_kv_types();
    seed_st();
    seed_configs();
    return g_fail;
}
