/* Tests model/hp_gguf: hyper-parameters from the real GGUF files' metadata, and from
 * fixtures for what the real files do not cover (MLA, MoE, sliding-window patterns,
 * per-layer arrays, type errors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fixture_gguf.h"
#include "model/hp_gguf.h"

#define MODELS LX_SHARED_DIR "/models/"

static lx_status read_hp(const char *path, lx_hparams *hp, lx_err *err)
{
    lx_gguf *g = NULL;
    lx_status s = lx_gguf_open(path, &g, err);
    if (s == LX_OK) s = lx_hp_from_gguf(g, path, hp, err);
    lx_gguf_close(g);
    return s;
}

static void read_ok(const char *path, lx_hparams *hp)
{
    lx_err err = { 0 };
    if (read_hp(path, hp, &err) != LX_OK) fail_msg("%s", err.msg);
}

typedef struct dims {
    uint64_t n_layers, d_model, n_heads, n_kv_heads, head_dim, d_ff, vocab_size, context_length;
} dims;

static void assert_dims(const lx_hparams *hp, dims d)
{
    assert_int_equal(hp->n_layers, d.n_layers);
    assert_int_equal(hp->d_model, d.d_model);
    assert_int_equal(hp->n_heads, d.n_heads);
    assert_int_equal(hp->n_kv_heads, d.n_kv_heads);
    assert_int_equal(hp->head_dim, d.head_dim);
    assert_int_equal(hp->d_ff, d.d_ff);
    assert_int_equal(hp->vocab_size, d.vocab_size);
    assert_int_equal(hp->context_length, d.context_length);
}

/* ------------------------------------------------------------------ real files */

static void test_stories260k(void **state)
{
    (void)state;
    lx_hparams hp;
    read_ok(MODELS "stories260K.gguf", &hp);
    assert_string_equal(hp.arch_raw, "llama");
    assert_string_equal(hp.family, "llama");
    /* general.name is "llama", only the family's name: the file names the model */
    assert_string_equal(hp.name, "stories260K");
    assert_dims(&hp, (dims){ 5, 64, 8, 4, 8, 172, 512, 2048 });
    assert_string_equal(hp.norm, "rmsnorm");
    assert_true(hp.norm_eps == (double)1e-5f);
    assert_string_equal(hp.position, "rope");
    assert_true(hp.rope_theta == 0.0); /* the file declares no llama.rope.freq_base */
    assert_int_equal(hp.rope_dims, 0); /* rope.dimension_count 8 = the whole head */
    assert_string_equal(hp.rope_scaling, "");
    assert_int_equal(hp.sliding_window, 0);
    assert_false(hp.has_layer_bits);
    assert_int_equal(hp.n_experts, 0);
    assert_int_equal(hp.tied, LX_UNKNOWN);

    read_ok(MODELS "stories260K-q8_0.gguf", &hp);
    assert_string_equal(hp.name, "tinyllamas-stories-260k");
    assert_dims(&hp, (dims){ 5, 64, 8, 4, 8, 172, 512, 512 });
}

static void test_llama2_tiny(void **state)
{
    (void)state;
    lx_hparams hp;
    read_ok(MODELS "llama-2-tiny-random.gguf", &hp);
    assert_string_equal(hp.name, "LLaMA v2");
    assert_dims(&hp, (dims){ 1, 8, 2, 2, 4, 32, 32000, 4096 });
}

static void test_vocab_only_bert_bge(void **state)
{
    (void)state;
    lx_hparams hp;
    read_ok(MODELS "vocab-only/ggml-vocab-bert-bge.gguf", &hp);
    assert_string_equal(hp.family, "bert");
    assert_string_equal(hp.name, "bert-bge");
    /* BGE-small: 12 layers of 384 wide, 12 heads of 32, FFN 1536, 512 positions */
    assert_dims(&hp, (dims){ 12, 384, 12, 12, 32, 1536, 30522, 512 });
    assert_string_equal(hp.norm, "layernorm");
    assert_true(hp.norm_eps == (double)1e-12f);
    assert_string_equal(hp.position, "learned");
    assert_string_equal(hp.activation, "gelu");
    assert_int_equal(hp.n_token_types, 2);
}

static void test_vocab_only_phi3(void **state)
{
    (void)state;
    lx_hparams hp;
    read_ok(MODELS "vocab-only/ggml-vocab-phi-3.gguf", &hp);
    assert_string_equal(hp.family, "phi3");
    assert_string_equal(hp.name, "ggml-vocab-phi-3"); /* general.name "Phi3" is the family's name */
    /* Phi-3 mini: 32 layers of 3072, 32 heads of 96, FFN 8192, 4k context, vocab 32064 */
    assert_dims(&hp, (dims){ 32, 3072, 32, 32, 96, 8192, 32064, 4096 });
    assert_int_equal(hp.rope_orig_ctx, 4096);
    assert_true(hp.rope_theta == 10000.0);
    assert_int_equal(hp.rope_dims, 0);
    assert_string_equal(hp.norm, "rmsnorm");
    assert_true(hp.norm_eps == (double)1e-5f);
}

static void test_mmproj_clip(void **state)
{
    (void)state;
    lx_hparams hp;
    read_ok(MODELS "mmproj-tinygemma3.gguf", &hp);
    assert_string_equal(hp.family, "clip");
    assert_string_equal(hp.name, "mmproj-tinygemma3"); /* no general.name: the file name */
    assert_dims(&hp, (dims){ 4, 128, 4, 4, 32, 512, 0, 0 });
    assert_string_equal(hp.norm, "layernorm");
    assert_true(hp.norm_eps == (double)1e-6f);
}

/* ------------------------------------------------------------------ fixtures */

static const char *fx_path(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, LX_TMP_DIR "/%s", name);
    return path;
}

static lx_fx_gguf *arch(const char *a, uint32_t layers)
{
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.architecture", a);
    char key[96];
    snprintf(key, sizeof key, "%s.block_count", a);
    lx_fx_gguf_kv_u32(w, key, layers);
    return w;
}

static void write_read(lx_fx_gguf *w, const char *name, lx_hparams *hp)
{
    assert_true(lx_fx_gguf_write(w, fx_path(name)));
    lx_fx_gguf_free(w);
    read_ok(fx_path(name), hp);
}

static uint64_t sliding_mask(const lx_hparams *hp)
{
    uint64_t m = 0;
    for (uint64_t i = 0; i < hp->n_layers && i < 64; i++)
        if (hp->layer_bits[i] & LX_LAYER_SLIDING) m |= 1ULL << i;
    return m;
}

static void test_window_patterns(void **state)
{
    (void)state;
    lx_hparams hp;
    lx_fx_gguf *w = arch("gemma2", 6);
    lx_fx_gguf_kv_u32(w, "gemma2.attention.sliding_window", 4096);
    lx_fx_gguf_kv_f32(w, "gemma2.attn_logit_softcapping", 50.0f);
    lx_fx_gguf_kv_f32(w, "gemma2.final_logit_softcapping", 30.0f);
    write_read(w, "hp_gemma2.gguf", &hp);
    assert_int_equal(hp.sliding_window, 4096);
    assert_true(hp.has_layer_bits);
    assert_int_equal(sliding_mask(&hp), 0x15); /* layers 0, 2, 4 slide */
    assert_true(hp.attn_softcap == 50.0 && hp.final_softcap == 30.0);
    assert_string_equal(hp.activation, "gelu_pytorch_tanh");

    w = arch("gemma3", 12);
    lx_fx_gguf_kv_u32(w, "gemma3.attention.sliding_window", 1024);
    write_read(w, "hp_gemma3.gguf", &hp);
    assert_int_equal(sliding_mask(&hp), 0xFFF & ~((1u << 5) | (1u << 11))); /* 5, 11 global */

    w = arch("gpt-oss", 24);
    lx_fx_gguf_kv_u32(w, "gpt-oss.attention.sliding_window", 128);
    write_read(w, "hp_gptoss.gguf", &hp);
    assert_string_equal(hp.family, "gpt-oss");
    assert_int_equal(sliding_mask(&hp), 0x555555); /* even layers slide */

    w = arch("llama", 4); /* Mistral-style: one window for every layer */
    lx_fx_gguf_kv_u32(w, "llama.attention.sliding_window", 4096);
    write_read(w, "hp_mistral.gguf", &hp);
    assert_int_equal(sliding_mask(&hp), 0xF);

    w = arch("gemma3", 4); /* a declared per-layer pattern wins over the family rule */
    lx_fx_gguf_kv_u32(w, "gemma3.attention.sliding_window", 512);
    const uint8_t pat[4] = { 0, 1, 1, 0 };
    lx_fx_gguf_kv_arr(w, "gemma3.attention.sliding_window_pattern", LX_GGUF_BOOL, pat, 4);
    write_read(w, "hp_pattern.gguf", &hp);
    assert_int_equal(sliding_mask(&hp), 0x6);
}

/* DeepSeek-V3's published configuration, as llama.cpp's converter writes it. */
static void test_deepseek_v3_mla_moe(void **state)
{
    (void)state;
    lx_hparams hp;
    lx_fx_gguf *w = arch("deepseek2", 62);
    lx_fx_gguf_kv_str(w, "general.name", "DeepSeek V3");
    lx_fx_gguf_kv_u32(w, "deepseek2.nextn_predict_layers", 1);
    lx_fx_gguf_kv_u32(w, "deepseek2.embedding_length", 7168);
    lx_fx_gguf_kv_u32(w, "deepseek2.feed_forward_length", 18432);
    lx_fx_gguf_kv_u32(w, "deepseek2.attention.head_count", 128);
    lx_fx_gguf_kv_u32(w, "deepseek2.attention.head_count_kv", 1);
    lx_fx_gguf_kv_u32(w, "deepseek2.vocab_size", 129280);
    lx_fx_gguf_kv_u32(w, "deepseek2.context_length", 163840);
    lx_fx_gguf_kv_u32(w, "deepseek2.attention.q_lora_rank", 1536);
    lx_fx_gguf_kv_u32(w, "deepseek2.attention.kv_lora_rank", 512);
    lx_fx_gguf_kv_u32(w, "deepseek2.attention.key_length", 576);
    lx_fx_gguf_kv_u32(w, "deepseek2.attention.value_length", 512);
    lx_fx_gguf_kv_u32(w, "deepseek2.attention.key_length_mla", 192);
    lx_fx_gguf_kv_u32(w, "deepseek2.attention.value_length_mla", 128);
    lx_fx_gguf_kv_u32(w, "deepseek2.rope.dimension_count", 64);
    lx_fx_gguf_kv_f32(w, "deepseek2.rope.freq_base", 10000.0f);
    lx_fx_gguf_kv_str(w, "deepseek2.rope.scaling.type", "yarn");
    lx_fx_gguf_kv_f32(w, "deepseek2.rope.scaling.factor", 40.0f);
    lx_fx_gguf_kv_u32(w, "deepseek2.rope.scaling.original_context_length", 4096);
    lx_fx_gguf_kv_u32(w, "deepseek2.leading_dense_block_count", 3);
    lx_fx_gguf_kv_u32(w, "deepseek2.expert_count", 256);
    lx_fx_gguf_kv_u32(w, "deepseek2.expert_used_count", 8);
    lx_fx_gguf_kv_u32(w, "deepseek2.expert_shared_count", 1);
    lx_fx_gguf_kv_u32(w, "deepseek2.expert_feed_forward_length", 2048);
    lx_fx_gguf_kv_f32(w, "deepseek2.attention.layer_norm_rms_epsilon", 1e-6f);
    write_read(w, "hp_dsv3.gguf", &hp);
    assert_string_equal(hp.name, "DeepSeek V3");
    assert_string_equal(hp.family, "deepseek2");
    assert_dims(&hp, (dims){ 61, 7168, 128, 1, 192, 18432, 129280, 163840 });
    assert_int_equal(hp.n_nextn_layers, 1);
    assert_int_equal(hp.q_lora_rank, 1536);
    assert_int_equal(hp.kv_lora_rank, 512);
    assert_int_equal(hp.qk_rope_head_dim, 64);
    assert_int_equal(hp.qk_nope_head_dim, 128);
    assert_int_equal(hp.v_head_dim, 128);
    assert_int_equal(hp.rope_dims, 64);
    assert_string_equal(hp.rope_scaling, "yarn");
    assert_true(hp.rope_factor == 40.0);
    assert_int_equal(hp.rope_orig_ctx, 4096);
    assert_int_equal(hp.n_experts, 256);
    assert_int_equal(hp.n_experts_used, 8);
    assert_int_equal(hp.n_shared_experts, 1);
    assert_int_equal(hp.d_expert, 2048);
    assert_int_equal(hp.d_shared_expert, 2048);
    assert_int_equal(hp.n_dense_prefix, 3);
    for (int i = 0; i < 61; i++)
        assert_int_equal(hp.layer_bits[i] & LX_LAYER_DENSE, i < 3 ? LX_LAYER_DENSE : 0);
}

static void test_per_layer_arrays_and_name(void **state)
{
    (void)state;
    lx_hparams hp;
    lx_fx_gguf *w = arch("openelm", 3);
    const int32_t ff[3] = { 768, 2048, 1536 };
    lx_fx_gguf_kv_arr(w, "openelm.feed_forward_length", LX_GGUF_I32, ff, 3);
    const uint32_t kv[3] = { 3, 5, 4 };
    lx_fx_gguf_kv_arr(w, "openelm.attention.head_count_kv", LX_GGUF_U32, kv, 3);
    lx_fx_gguf_kv_u32(w, "openelm.attention.head_count", 12);
    lx_fx_gguf_kv_u32(w, "openelm.embedding_length", 1280);
    lx_fx_gguf_kv_u32(w, "openelm.rope.dimension_count", 32);
    lx_fx_gguf_kv_u32(w, "openelm.attention.key_length", 64);
    write_read(w, "openelm-tiny-00001-of-00001.gguf", &hp);
    assert_string_equal(hp.family, "openelm"); /* unknown: kept as declared */
    assert_string_equal(hp.name, "openelm-tiny");
    assert_int_equal(hp.d_ff, 2048);
    assert_int_equal(hp.n_kv_heads, 5);
    assert_int_equal(hp.head_dim, 64);
    assert_int_equal(hp.rope_dims, 32); /* partial rotation */
    assert_string_equal(hp.position, "rope");
}

static void expect_error(const char *name, const char *want_tail)
{
    lx_hparams hp;
    lx_err err = { 0 };
    assert_int_equal(read_hp(fx_path(name), &hp, &err), LX_ERR_MODEL);
    char want[768];
    snprintf(want, sizeof want, "%s: %s", fx_path(name), want_tail);
    assert_string_equal(err.msg, want);
}

static void test_type_errors(void **state)
{
    (void)state;
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.architecture", "llama");
    lx_fx_gguf_kv_str(w, "llama.block_count", "five");
    assert_true(lx_fx_gguf_write(w, fx_path("hp_str_count.gguf")));
    lx_fx_gguf_free(w);
    expect_error("hp_str_count.gguf", "offset 98: llama.block_count: has type string (expected "
                 "an unsigned integer)");

    w = arch("llama", 2);
    const float ff[2] = { 1.0f, 2.0f };
    lx_fx_gguf_kv_arr(w, "llama.feed_forward_length", LX_GGUF_F32, ff, 2);
    assert_true(lx_fx_gguf_write(w, fx_path("hp_float_ff.gguf")));
    lx_fx_gguf_free(w);
    expect_error("hp_float_ff.gguf", "offset 139: llama.feed_forward_length: has type array of "
                 "float32 (expected an unsigned integer or an array of them)");

    w = arch("llama", 2);
    lx_fx_gguf_kv_str(w, "llama.rope.freq_base", "10000");
    assert_true(lx_fx_gguf_write(w, fx_path("hp_str_theta.gguf")));
    lx_fx_gguf_free(w);
    expect_error("hp_str_theta.gguf", "offset 134: llama.rope.freq_base: has type string "
                 "(expected a number)");

    w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_i32(w, "general.architecture", 7);
    assert_true(lx_fx_gguf_write(w, fx_path("hp_int_arch.gguf")));
    lx_fx_gguf_free(w);
    expect_error("hp_int_arch.gguf", "offset 56: general.architecture: has type int32 (expected "
                 "a string)");

    w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.name", "x");
    assert_true(lx_fx_gguf_write(w, fx_path("hp_no_arch.gguf")));
    lx_fx_gguf_free(w);
    expect_error("hp_no_arch.gguf", "offset 0: general.architecture: missing (expected a string "
                 "such as \"llama\")");

    w = arch("llama", 100000);
    assert_true(lx_fx_gguf_write(w, fx_path("hp_many_layers.gguf")));
    lx_fx_gguf_free(w);
    expect_error("hp_many_layers.gguf", "offset 98: llama.block_count: 100000 blocks (expected "
                 "at most 512)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stories260k),
        cmocka_unit_test(test_llama2_tiny),
        cmocka_unit_test(test_vocab_only_bert_bge),
        cmocka_unit_test(test_vocab_only_phi3),
        cmocka_unit_test(test_mmproj_clip),
        cmocka_unit_test(test_window_patterns),
        cmocka_unit_test(test_deepseek_v3_mla_moe),
        cmocka_unit_test(test_per_layer_arrays_and_name),
        cmocka_unit_test(test_type_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
