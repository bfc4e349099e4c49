/* Tests read/hfconfig: the real config.json files in shared/configs with their quirks, and
 * one broken input per way a config can be wrong, each with its exact message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/hp_config.h"

static void load_shared(const char *name, lx_hparams *hp)
{
    char path[512];
    snprintf(path, sizeof path, "%s/configs/%s/config.json", LX_SHARED_DIR, name);
    lx_err err = {0};
    if (lx_hfconfig_load(path, hp, &err) != LX_OK) fail_msg("%s", err.msg);
    lx_quant_free(&hp->quant); /* these tests read plain fields only */
}

static void test_llama31(void **state)
{
    (void)state;
    lx_hparams hp;
    load_shared("Llama-3.1-8B", &hp);
    assert_string_equal(hp.name, "Llama-3.1-8B"); /* no _name_or_path: the folder */
    assert_string_equal(hp.family, "llama");
    assert_string_equal(hp.arch_raw, "llama");
    assert_string_equal(hp.torch_dtype, "bfloat16");
    assert_int_equal(hp.n_layers, 32);
    assert_int_equal(hp.d_model, 4096);
    assert_int_equal(hp.n_heads, 32);
    assert_int_equal(hp.n_kv_heads, 8);
    assert_int_equal(hp.head_dim, 128);
    assert_int_equal(hp.d_ff, 14336);
    assert_int_equal(hp.vocab_size, 128256);
    assert_int_equal(hp.context_length, 131072);
    assert_string_equal(hp.position, "rope");
    assert_true(hp.rope_theta == 500000.0);
    assert_string_equal(hp.rope_scaling, "llama3");
    assert_true(hp.rope_factor == 8.0);
    assert_int_equal(hp.rope_orig_ctx, 8192);
    assert_string_equal(hp.norm, "rmsnorm");
    assert_true(hp.norm_eps == 1e-5);
    assert_string_equal(hp.activation, "silu");
    assert_int_equal(hp.gated, LX_YES);
    assert_int_equal(hp.tied, LX_NO);
    assert_int_equal(hp.attn_bias, LX_NO);
    assert_int_equal(hp.ffn_bias, LX_NO);
    assert_int_equal(hp.qk_norm, LX_NO);
    assert_int_equal(hp.sliding_window, 0);
}

static void test_llama2_and_32(void **state)
{
    (void)state;
    lx_hparams hp;
    load_shared("Llama-2-7b-hf", &hp);
    assert_string_equal(hp.name, "Llama-2-7b-hf"); /* from _name_or_path "meta-llama/Llama-2-7b-hf" */
    assert_string_equal(hp.torch_dtype, "float16");
    assert_string_equal(hp.rope_scaling, ""); /* rope_scaling: null */
    assert_true(hp.rope_theta == 10000.0);    /* absent: LlamaConfig's default */
    assert_int_equal(hp.n_kv_heads, 32);
    load_shared("Llama-3.2-3B", &hp);
    assert_int_equal(hp.tied, LX_YES);
    assert_int_equal(hp.head_dim, 128);
    assert_int_equal(hp.n_heads, 24);
}

static void test_qwen_window_off(void **state)
{
    (void)state;
    lx_hparams hp;
    load_shared("Qwen2.5-7B", &hp); /* sliding_window 131072 beside use_sliding_window false */
    assert_string_equal(hp.family, "qwen2");
    assert_int_equal(hp.sliding_window, 0);
    for (int i = 0; i < 28; i++) assert_int_equal(hp.layer_bits[i], 0);
    assert_int_equal(hp.attn_bias, LX_YES); /* Qwen2 always has q/k/v biases */
    assert_true(hp.rope_theta == 1e6);
    assert_true(hp.norm_eps == 1e-6);
    load_shared("Qwen3-8B", &hp);
    assert_string_equal(hp.family, "qwen3");
    assert_int_equal(hp.qk_norm, LX_YES);
    assert_int_equal(hp.attn_bias, LX_NO);
    assert_int_equal(hp.sliding_window, 0);
}

static void test_moe_configs(void **state)
{
    (void)state;
    lx_hparams hp;
    load_shared("Qwen3-30B-A3B", &hp);
    assert_string_equal(hp.family, "qwen3moe");
    assert_string_equal(hp.arch_raw, "qwen3_moe");
    assert_int_equal(hp.n_experts, 128);
    assert_int_equal(hp.n_experts_used, 8);
    assert_int_equal(hp.d_expert, 768);
    assert_int_equal(hp.d_ff, 6144);
    assert_true(hp.has_layer_bits);
    for (int i = 0; i < 48; i++) assert_int_equal(hp.layer_bits[i], 0); /* mlp_only_layers [] */

    load_shared("Mixtral-8x7B-v0.1", &hp);
    assert_string_equal(hp.family, "llama");
    assert_string_equal(hp.arch_raw, "mixtral");
    assert_int_equal(hp.n_experts, 8);
    assert_int_equal(hp.n_experts_used, 2);
    assert_int_equal(hp.d_expert, 14336);
    assert_int_equal(hp.sliding_window, 0); /* null */
}

static void test_deepseek_v3(void **state)
{
    (void)state;
    lx_hparams hp;
    load_shared("DeepSeek-V3", &hp);
    assert_string_equal(hp.family, "deepseek2");
    assert_int_equal(hp.q_lora_rank, 1536);
    assert_int_equal(hp.kv_lora_rank, 512);
    assert_int_equal(hp.qk_rope_head_dim, 64);
    assert_int_equal(hp.qk_nope_head_dim, 128);
    assert_int_equal(hp.v_head_dim, 128);
    assert_int_equal(hp.head_dim, 192);
    assert_int_equal(hp.rope_dims, 64);
    assert_int_equal(hp.n_experts, 256);
    assert_int_equal(hp.n_shared_experts, 1);
    assert_int_equal(hp.d_expert, 2048);
    assert_int_equal(hp.d_shared_expert, 2048);
    assert_int_equal(hp.n_dense_prefix, 3);
    assert_int_equal(hp.layer_bits[2], LX_LAYER_DENSE);
    assert_int_equal(hp.layer_bits[3], 0);
    assert_int_equal(hp.router_bias, LX_YES);
    assert_int_equal(hp.n_nextn_layers, 1);
    assert_string_equal(hp.rope_scaling, "yarn"); /* "type", not "rope_type" */
    assert_true(hp.rope_factor == 40.0);
    assert_string_equal(hp.torch_dtype, "bfloat16"); /* fp8 checkpoint: the compute type is kept */

    /* q_lora_rank null (DeepSeek-V2-Lite) means no query compression, not the default. */
    const char *lite = "{\"model_type\":\"deepseek_v2\",\"hidden_size\":2048,\"num_hidden_layers\":27,"
                       "\"num_attention_heads\":16,\"vocab_size\":102400,\"intermediate_size\":10944,"
                       "\"q_lora_rank\":null,\"kv_lora_rank\":512,\"qk_rope_head_dim\":64,"
                       "\"qk_nope_head_dim\":128,\"v_head_dim\":128,\"n_routed_experts\":64,"
                       "\"num_experts_per_tok\":6,\"moe_intermediate_size\":1408,\"n_shared_experts\":2,"
                       "\"first_k_dense_replace\":1}";
    lx_err err = {0};
    assert_int_equal(lx_hfconfig_parse(lite, strlen(lite), "lite.json", &hp, &err), LX_OK);
    assert_int_equal(hp.q_lora_rank, 0);
    assert_int_equal(hp.router_bias, LX_NO);
    assert_int_equal(hp.d_shared_expert, 2 * 1408);
}

static void test_gpt_oss_layer_types(void **state)
{
    (void)state;
    lx_hparams hp;
    load_shared("gpt-oss-20b", &hp);
    assert_string_equal(hp.family, "gpt-oss");
    assert_int_equal(hp.sliding_window, 128);
    for (int i = 0; i < 24; i++) assert_int_equal(hp.layer_bits[i], i % 2 == 0 ? LX_LAYER_SLIDING : 0);
    assert_int_equal(hp.n_experts, 32);
    assert_int_equal(hp.n_experts_used, 4);
    assert_int_equal(hp.d_expert, 2880);
    assert_int_equal(hp.head_dim, 64);
    assert_int_equal(hp.attn_bias, LX_YES);
    assert_string_equal(hp.torch_dtype, ""); /* none declared (mxfp4 checkpoint) */
    assert_string_equal(hp.rope_scaling, "yarn");
}

static void test_llama4_text_config(void **state)
{
    (void)state;
    lx_hparams hp;
    load_shared("Llama-4-Scout-17B-16E-Instruct", &hp);
    assert_string_equal(hp.family, "llama4");
    assert_string_equal(hp.arch_raw, "llama4");
    assert_string_equal(hp.name, "Llama-4-Scout-17B-16E-Instruct");
    assert_int_equal(hp.d_model, 5120);       /* from text_config, not vision_config's 1408 */
    assert_int_equal(hp.n_layers, 48);
    assert_int_equal(hp.n_experts, 16);
    assert_int_equal(hp.n_experts_used, 1);
    assert_int_equal(hp.n_shared_experts, 1);
    assert_int_equal(hp.d_expert, 8192);
    assert_int_equal(hp.d_ff, 16384);
    assert_int_equal(hp.qk_norm, LX_YES);
    assert_int_equal(hp.layer_bits[0], LX_LAYER_CHUNKED); /* local layers attend within chunks */
    assert_int_equal(hp.layer_bits[3], LX_LAYER_NOPE);
    assert_int_equal(hp.layer_bits[47], LX_LAYER_NOPE);
    assert_true(hp.rope_theta == 500000.0);
    assert_true(hp.rope_factor == 16.0);
}

static void test_gpt2_bert_t5(void **state)
{
    (void)state;
    lx_hparams hp;
    load_shared("gpt2", &hp);
    assert_string_equal(hp.family, "gpt2");
    assert_int_equal(hp.d_ff, 3072); /* n_inner null: 4 * n_embd */
    assert_int_equal(hp.context_length, 1024);
    assert_string_equal(hp.position, "learned");
    assert_string_equal(hp.norm, "layernorm");
    assert_true(hp.norm_eps == 1e-5);
    assert_string_equal(hp.activation, "gelu_new");
    assert_int_equal(hp.gated, LX_NO);
    assert_int_equal(hp.tied, LX_YES);
    assert_int_equal(hp.attn_bias, LX_YES);

    load_shared("bert-base-uncased", &hp);
    assert_string_equal(hp.family, "bert");
    assert_string_equal(hp.torch_dtype, "float32"); /* the newer "dtype" key */
    assert_int_equal(hp.n_token_types, 2);
    assert_true(hp.norm_eps == 1e-12);
    assert_int_equal(hp.context_length, 512);

    load_shared("t5-small", &hp);
    assert_string_equal(hp.family, "t5");
    assert_string_equal(hp.name, "t5-small");
    assert_int_equal(hp.head_dim, 64); /* d_kv */
    assert_int_equal(hp.n_heads, 8);
    assert_int_equal(hp.n_layers, 6);
    assert_int_equal(hp.n_dec_layers, 6);
    assert_int_equal(hp.rel_attn_buckets, 32);
    assert_string_equal(hp.activation, "relu");
    assert_int_equal(hp.gated, LX_NO);
    assert_string_equal(hp.position, "relative");
}

static lx_status parse(const char *text, lx_hparams *hp, lx_err *err)
{
    memset(err, 0, sizeof *err);
    return lx_hfconfig_parse(text, strlen(text), "m/config.json", hp, err);
}

static void test_gemma3_sparse_config_uses_class_defaults(void **state)
{
    (void)state;
    /* The shape of google/gemma-3-4b-it's config: the text_config lists only what differs. */
    const char *g = "{\"model_type\":\"gemma3\",\"text_config\":{\"hidden_size\":2560,"
                    "\"intermediate_size\":10240,\"model_type\":\"gemma3_text\",\"num_hidden_layers\":34,"
                    "\"rope_scaling\":{\"factor\":8.0,\"rope_type\":\"linear\"},\"sliding_window\":1024},"
                    "\"torch_dtype\":\"bfloat16\"}";
    lx_hparams hp;
    lx_err err;
    assert_int_equal(parse(g, &hp, &err), LX_OK);
    assert_string_equal(hp.family, "gemma3");
    assert_string_equal(hp.name, "m"); /* folder of m/config.json */
    assert_int_equal(hp.vocab_size, 262208);
    assert_int_equal(hp.n_heads, 8);
    assert_int_equal(hp.n_kv_heads, 4);
    assert_int_equal(hp.head_dim, 256);
    assert_int_equal(hp.tied, LX_YES);
    assert_int_equal(hp.qk_norm, LX_YES);
    assert_string_equal(hp.activation, "gelu_pytorch_tanh");
    assert_string_equal(hp.torch_dtype, "bfloat16"); /* from the top level */
    for (int i = 0; i < 34; i++) assert_int_equal(hp.layer_bits[i], (i + 1) % 6 ? LX_LAYER_SLIDING : 0);

    const char *g2 = "{\"model_type\":\"gemma2\",\"hidden_size\":2304,\"num_hidden_layers\":26,"
                     "\"num_attention_heads\":8,\"num_key_value_heads\":4,\"intermediate_size\":9216}";
    assert_int_equal(parse(g2, &hp, &err), LX_OK);
    assert_true(hp.attn_softcap == 50.0);
    assert_true(hp.final_softcap == 30.0);
    assert_int_equal(hp.layer_bits[0], LX_LAYER_SLIDING);
    assert_int_equal(hp.layer_bits[1], 0);
}

static void test_falcon_and_architectures_fallback(void **state)
{
    (void)state;
    const char *f = "{\"architectures\":[\"FalconForCausalLM\"],\"hidden_size\":4544,\"n_head\":71,"
                    "\"n_layer\":32,\"vocab_size\":65024,\"multi_query\":true,\"parallel_attn\":true,"
                    "\"bias\":false}";
    lx_hparams hp;
    lx_err err;
    assert_int_equal(parse(f, &hp, &err), LX_OK);
    assert_string_equal(hp.family, "falcon");
    assert_int_equal(hp.n_kv_heads, 1);
    assert_int_equal(hp.head_dim, 64);
    assert_int_equal(hp.d_ff, 4 * 4544);
    assert_int_equal(hp.n_block_norms, 1);
    assert_int_equal(hp.parallel_block, LX_YES);
    assert_int_equal(hp.attn_bias, LX_NO);
    assert_string_equal(hp.norm, "layernorm");
}

/* ---------------------------------------------------------------- broken inputs */

static void expect_error(const char *text, lx_status code, const char *msg)
{
    lx_hparams hp;
    lx_err err;
    assert_int_equal(parse(text, &hp, &err), code);
    assert_string_equal(err.msg, msg);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    expect_error("{\"model_type\": \"llama\",\n  \"hidden_size\": 4096,\n}", LX_ERR_MODEL,
                 "m/config.json: line 3:1: string or '}' expected near '}' (expected valid JSON)");
    expect_error("{\"vocab_size\": 1, \"vocab_size\": 2}", LX_ERR_MODEL,
                 "m/config.json: line 1:30: duplicate object key near '\"vocab_size\"' (expected valid JSON)");
    expect_error("[1, 2]", LX_ERR_MODEL,
                 "m/config.json: line 1:1: the top level is not an object (expected a config.json object)");
    expect_error("", LX_ERR_MODEL, "m/config.json: line 1:0: '[' or '{' expected near end of file "
                                   "(expected valid JSON)");
}

static void test_type_errors_name_the_key(void **state)
{
    (void)state;
    expect_error("{\"model_type\": \"llama\",\n  \"num_hidden_layers\": \"32\"}", LX_ERR_MODEL,
                 "m/config.json: line 2:3: num_hidden_layers: expected a positive integer, found string");
    expect_error("{\"model_type\": \"llama\", \"hidden_size\": -4096}", LX_ERR_MODEL,
                 "m/config.json: line 1:25: hidden_size: expected a positive integer, found -4096");
    expect_error("{\"model_type\": \"llama\", \"num_attention_heads\": 0}", LX_ERR_MODEL,
                 "m/config.json: line 1:25: num_attention_heads: expected a positive integer, found 0");
    expect_error("{\"model_type\": \"llama\", \"vocab_size\": 3.5}", LX_ERR_MODEL,
                 "m/config.json: line 1:25: vocab_size: expected a positive integer, found 3.5");
    expect_error("{\"model_type\": \"llama\", \"tie_word_embeddings\": \"yes\"}", LX_ERR_MODEL,
                 "m/config.json: line 1:25: tie_word_embeddings: expected true or false, found string");
    expect_error("{\"model_type\": \"llama\", \"rope_scaling\": {\"factor\": \"8\"}}", LX_ERR_MODEL,
                 "m/config.json: line 1:42: rope_scaling.factor: expected a non-negative number, found string");
    expect_error("{\"model_type\": \"llama4\", \"text_config\": {\"hidden_size\": [5120]}}", LX_ERR_MODEL,
                 "m/config.json: line 1:42: text_config.hidden_size: expected a positive integer, "
                 "found an array");
}

static void test_inconsistent_configs(void **state)
{
    (void)state;
    expect_error("{\"model_type\": \"llama\", \"num_hidden_layers\": 2, \"num_attention_heads\": 4}",
                 LX_ERR_MODEL, "m/config.json: hidden_size missing (expected one of hidden_size, n_embd, d_model, n_embed, dim, model_dim)");
    expect_error("{\"model_type\":\"llama\",\"hidden_size\":64,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
                 "\"num_key_value_heads\":3,\"vocab_size\":10,\"intermediate_size\":8}", LX_ERR_MODEL,
                 "m/config.json: line 1:86: num_key_value_heads: 3 does not divide 4 attention heads "
                 "(expected a divisor)");
    expect_error("{\"model_type\":\"llama\",\"hidden_size\":64,\"num_hidden_layers\":100000,"
                 "\"num_attention_heads\":4,\"vocab_size\":10,\"intermediate_size\":8}", LX_ERR_MODEL,
                 "m/config.json: line 1:40: num_hidden_layers: 100000 layers (expected at most 512)");
    expect_error("{\"model_type\":\"gpt_oss\",\"hidden_size\":64,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
                 "\"vocab_size\":10,\"intermediate_size\":8,\"layer_types\":[\"full_attention\"]}", LX_ERR_MODEL,
                 "m/config.json: line 1:126: layer_types: expected 2 entries, found 1 (an array of strings, one per layer)");
    expect_error("{\"hidden_size\": 64}", LX_ERR_MODEL,
                 "m/config.json: no model_type and no known architectures entry (expected a Hugging Face "
                 "config.json)");
}

static void test_unknown_family_is_kept(void **state)
{
    (void)state;
    const char *t = "{\"model_type\":\"mamba\",\"hidden_size\":768,\"num_hidden_layers\":24,"
                    "\"num_attention_heads\":1,\"vocab_size\":50280,\"intermediate_size\":1536}";
    lx_hparams hp;
    lx_err err;
    assert_int_equal(parse(t, &hp, &err), LX_OK);
    assert_string_equal(hp.family, "mamba");
    assert_string_equal(hp.arch_raw, "mamba");
}

static void test_files(void **state)
{
    (void)state;
    lx_hparams hp;
    lx_err err = {0};
    assert_int_equal(lx_hfconfig_load(LX_TMP_DIR "/no-such-dir/config.json", &hp, &err), LX_ERR_IO);
    assert_string_equal(err.msg, LX_TMP_DIR "/no-such-dir/config.json: cannot open: No such file or directory");

    const char *big = LX_TMP_DIR "/hfconfig-too-big.json";
    FILE *f = fopen(big, "wb");
    assert_non_null(f);
    static char spaces[1 << 16];
    memset(spaces, ' ', sizeof spaces);
    for (unsigned i = 0; i <= LX_HFCONFIG_MAX_BYTES / sizeof spaces; i++) fwrite(spaces, 1, sizeof spaces, f);
    fclose(f);
    memset(&err, 0, sizeof err);
    assert_int_equal(lx_hfconfig_load(big, &hp, &err), LX_ERR_MODEL);
    assert_non_null(strstr(err.msg, "file too large (expected a config.json of at most 16 MB)"));
    remove(big);
}

/* The model's name: the folder a config.json was downloaded into (a hub cache snapshot: the
 * repository's name), before the config's _name_or_path (often a training run's folder). */
static void test_name_from_folder(void **state)
{
    (void)state;
    static const char cfg[] = "{\"model_type\": \"llama\", \"_name_or_path\": \"allenai/open_instruct_dev\", "
                              "\"hidden_size\": 64, \"num_hidden_layers\": 2, \"num_attention_heads\": 4, "
                              "\"intermediate_size\": 128, \"vocab_size\": 100}";
    static const struct { const char *path, *name; } CASES[] = {
        {"/data/OLMo-2-7B/config.json", "OLMo-2-7B"},
        {"OLMo-2-7B//config.json", "OLMo-2-7B"},
        {"/c/models--allenai--OLMo-2-1124-7B/snapshots/0123456789abcdef0123456789abcdef01234567/config.json",
         "OLMo-2-1124-7B"},
        {"/c/snapshots/0123456789abcdef0123456789abcdef01234567/config.json", "0123456789abcdef0123456789abcdef01234567"},
        {"config.json", "open_instruct_dev"},
        {"./config.json", "open_instruct_dev"},
        {"/data/run7.json", "open_instruct_dev"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        lx_hparams hp;
        lx_err err = {0};
        assert_int_equal(lx_hfconfig_parse(cfg, strlen(cfg), CASES[i].path, &hp, &err), LX_OK);
        assert_string_equal(hp.name, CASES[i].name);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_llama31),
        cmocka_unit_test(test_llama2_and_32),
        cmocka_unit_test(test_qwen_window_off),
        cmocka_unit_test(test_moe_configs),
        cmocka_unit_test(test_deepseek_v3),
        cmocka_unit_test(test_gpt_oss_layer_types),
        cmocka_unit_test(test_llama4_text_config),
        cmocka_unit_test(test_gpt2_bert_t5),
        cmocka_unit_test(test_gemma3_sparse_config_uses_class_defaults),
        cmocka_unit_test(test_falcon_and_architectures_fallback),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_type_errors_name_the_key),
        cmocka_unit_test(test_inconsistent_configs),
        cmocka_unit_test(test_unknown_family_is_kept),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_name_from_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
