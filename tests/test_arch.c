/* Tests model/arch end to end through open/source: real GGUF models from ../shared, family
 * fixtures with the exact tensor names and shapes of real checkpoints (safetensors with Hugging
 * Face names, GGUF with llama.cpp names), folders with config.json, config-only input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "families.h"
#include "model/arch.h"
#include "open/source.h"

typedef struct built {
    lx_source src;
    lx_arch a;
} built;

static void build(const char *what, built *b)
{
    lx_err err = {0};
    if (lx_source_open(what, &b->src, &err) != LX_OK) fail_msg("open %s: %s", what, err.msg);
    if (lx_arch_build(&b->src, &b->a, &err) != LX_OK) fail_msg("arch %s: %s", what, err.msg);
}

static void release(built *b)
{
    lx_arch_free(&b->a);
    lx_source_free(&b->src);
}

static bool has_warning(const lx_arch *a, const char *needle)
{
    for (int i = 0; i < a->n_warnings; i++)
        if (strstr(a->warnings[i], needle)) return true;
    return false;
}

static void test_stories260k(void **state)
{
    (void)state;
    built b;
    build(LX_SHARED_DIR "/models/stories260K.gguf", &b);
    const lx_arch *a = &b.a;
    assert_string_equal(a->hp.family, "llama");
    assert_int_equal(a->format, LX_FMT_GGUF);
    assert_int_equal(a->hp.n_layers, 5);
    assert_int_equal(a->hp.d_model, 64);
    assert_int_equal(a->attn.n_heads, 8);
    assert_int_equal(a->attn.n_kv_heads, 4);
    assert_int_equal(a->attn.kind, LX_ATTN_GQA);
    assert_int_equal(a->hp.d_ff, 172);
    assert_int_equal(a->hp.vocab_size, 512);
    assert_int_equal(a->tensors->n, 48);
    assert_int_equal(a->total_params, 292800);
    assert_int_equal(a->active_params, 292800);
    assert_int_equal(a->n_groups, 1);
    assert_int_equal(a->groups[0].first, 0);
    assert_int_equal(a->groups[0].last, 4);
    assert_int_equal(a->ffn.kind, LX_FFN_GLU);
    assert_int_equal(a->norm.kind, LX_NORM_RMSNORM);
    assert_int_equal(a->norm.placement, LX_NORM_PRE);
    assert_int_equal(a->pos.kind, LX_POS_ROPE);
    assert_false(a->tied);
    /* all F32: 4 bytes per parameter; the bytes equal the file's data section */
    assert_int_equal(a->total_bytes, 292800 * 4);
    assert_int_equal(a->bytes_by_type[LX_DT_F32], 292800 * 4);
    assert_int_equal(b.src.file_bytes - lx_gguf_header_size(b.src.gguf, 0), a->total_bytes);
    /* embedding 512x64, output 512x64, norms 5 x 2 x 64 + 64 */
    assert_int_equal(a->comp[LX_COMP_EMBEDDING].params, 32768);
    assert_int_equal(a->comp[LX_COMP_OUTPUT].params, 32768);
    assert_int_equal(a->comp[LX_COMP_NORM].params, 704);
    /* KV cache: 2 x 5 layers x 4 heads x 8 dims x 2 bytes */
    assert_int_equal(a->kv_bytes_per_token, 640);
    release(&b);
}

static void test_stories260k_q8_quantized(void **state)
{
    (void)state;
    built b;
    build(LX_SHARED_DIR "/models/stories260K-q8_0.gguf", &b);
    const lx_arch *a = &b.a;
    /* The file does hold an output.weight (37 Q8_0 = 5 x 7 block matrices + token_embd + output),
     * so the head is separate, as in the F32 file. */
    assert_false(a->tied);
    assert_int_equal(a->total_params, 292800);
    assert_int_equal(lx_gguf_version(b.src.gguf), 2);
    /* Q8_0 stores 32 weights in 34 bytes; the 11 norms stay F32 */
    assert_int_equal(a->params_by_type[LX_DT_F32], 704);
    assert_int_equal(a->params_by_type[LX_DT_Q8_0], 292800 - 704);
    assert_int_equal(a->bytes_by_type[LX_DT_Q8_0], (292800 - 704) / 32 * 34);
    assert_int_equal(a->total_bytes, 704 * 4 + (292800 - 704) / 32 * 34);
    assert_string_equal(lx_arch_main_dtype(a), "Q8_0");
    release(&b);
}

/* ---- family fixtures ---- */

static void fixture_path(char *out, size_t cap, const lx_fam_spec *s, const char *ext)
{
    snprintf(out, cap, "%s/fam-%s.%s", LX_TMP_DIR, s->name, ext);
}

static void build_family_st(const lx_fam_spec *s, built *b)
{
    char path[512];
    fixture_path(path, sizeof path, s, "safetensors");
    assert_true(lx_fam_write_safetensors(s, path));
    build(path, b);
    assert_int_equal(b->a.format, LX_FMT_SAFETENSORS);
}

static void assert_common(const lx_fam_spec *s, const lx_arch *a)
{
    assert_int_equal(a->total_params, s->published_total);
    assert_int_equal(a->active_params, s->published_active ? s->published_active : s->published_total);
    assert_int_equal(a->hp.n_layers, (uint64_t)s->n_layers);
    assert_int_equal(a->hp.d_model, (uint64_t)s->d_model);
    assert_int_equal(a->hp.vocab_size, (uint64_t)s->vocab);
    assert_int_equal(a->tied, s->tied);
    uint64_t sum = 0;
    for (int c = 0; c < LX_COMP_COUNT; c++) sum += a->comp[c].params;
    assert_int_equal(sum, a->total_params);
    assert_int_equal(a->comp[LX_COMP_OTHER].params, 0);
}

static void test_llama31_8b_hf(void **state)
{
    (void)state;
    built b;
    build_family_st(&LX_FAM_LLAMA31_8B, &b);
    const lx_arch *a = &b.a;
    assert_common(&LX_FAM_LLAMA31_8B, a);
    /* no config.json: head_dim cannot be read from shapes, so heads stay unknown... unless declared */
    assert_int_equal(a->ffn.kind, LX_FFN_GLU);
    assert_int_equal(a->hp.d_ff, 14336);
    assert_int_equal(a->norm.placement, LX_NORM_PRE);
    assert_int_equal(a->n_groups, 1);
    assert_int_equal(a->comp[LX_COMP_EMBEDDING].params, 525336576);
    assert_int_equal(a->comp[LX_COMP_ATTENTION].params, 1342177280);
    assert_int_equal(a->comp[LX_COMP_FFN_DENSE].params, 5637144576);
    assert_int_equal(a->comp[LX_COMP_NORM].params, 266240);
    assert_int_equal(a->comp[LX_COMP_OUTPUT].params, 525336576);
    assert_int_equal(a->total_bytes, 16060522496ULL);
    release(&b);
}

static void test_qwen25_biases(void **state)
{
    (void)state;
    built b;
    build_family_st(&LX_FAM_QWEN25_7B, &b);
    assert_common(&LX_FAM_QWEN25_7B, &b.a);
    assert_true(b.a.attn.q_bias && b.a.attn.k_bias && b.a.attn.v_bias);
    assert_false(b.a.attn.o_bias);
    assert_false(b.a.attn.qk_norm);
    release(&b);
}

static void test_qwen3_qk_norm_gives_heads(void **state)
{
    (void)state;
    built b;
    build_family_st(&LX_FAM_QWEN3_8B, &b);
    const lx_arch *a = &b.a;
    assert_common(&LX_FAM_QWEN3_8B, a);
    assert_true(a->attn.qk_norm);
    /* the per-head QK-norm width gives head_dim, and from it the head counts */
    assert_int_equal(a->attn.head_dim, 128);
    assert_int_equal(a->attn.n_heads, 32);
    assert_int_equal(a->attn.n_kv_heads, 8);
    assert_int_equal(a->attn.kind, LX_ATTN_GQA);
    release(&b);
}

static void test_qwen3moe_per_expert_names(void **state)
{
    (void)state;
    built b;
    build_family_st(&LX_FAM_QWEN3_30B_A3B, &b);
    const lx_arch *a = &b.a;
    assert_int_equal(a->ffn.kind, LX_FFN_MOE);
    assert_int_equal(a->ffn.n_experts, 128);
    assert_int_equal(a->ffn.d_expert, 768);
    assert_int_equal(a->comp[LX_COMP_ROUTER].params, 48ULL * 128 * 2048);
    assert_int_equal(a->n_groups, 1);
    assert_int_equal(a->groups[0].ffn, LX_FFN_MOE);
    release(&b);
}

static void test_gemma2_sandwich(void **state)
{
    (void)state;
    built b;
    build_family_st(&LX_FAM_GEMMA2_9B, &b);
    const lx_arch *a = &b.a;
    assert_common(&LX_FAM_GEMMA2_9B, a);
    assert_int_equal(a->norm.placement, LX_NORM_SANDWICH);
    assert_true(a->tied);
    assert_int_equal(a->comp[LX_COMP_NORM].params, 42ULL * 4 * 3584 + 3584);
    release(&b);
}

static void test_gpt2_conv1d(void **state)
{
    (void)state;
    built b;
    build_family_st(&LX_FAM_GPT2, &b);
    const lx_arch *a = &b.a;
    assert_common(&LX_FAM_GPT2, a);
    assert_int_equal(a->pos.kind, LX_POS_LEARNED);
    assert_int_equal(a->norm.kind, LX_NORM_LAYERNORM);
    assert_true(a->norm.bias);
    assert_true(a->attn.fused_qkv);
    assert_int_equal(a->ffn.kind, LX_FFN_MLP);
    assert_int_equal(a->hp.d_ff, 3072); /* read from c_fc stored (in, out) */
    assert_int_equal(a->comp[LX_COMP_POSITION].params, 1024 * 768);
    assert_true(a->attn.q_bias && a->attn.o_bias);
    release(&b);
}

static void test_mixtral_hf(void **state)
{
    (void)state;
    built b;
    build_family_st(&LX_FAM_MIXTRAL_8X7B, &b);
    const lx_arch *a = &b.a;
    assert_int_equal(a->total_params, LX_FAM_MIXTRAL_8X7B.published_total);
    assert_int_equal(a->ffn.n_experts, 8);
    assert_int_equal(a->ffn.d_expert, 14336);
    /* weights alone do not say top-k: warned, and every expert counted as active */
    assert_true(has_warning(a, "n_experts_used: not declared"));
    assert_int_equal(a->active_params, a->total_params);
    release(&b);
}

/* The same families in llama.cpp's GGUF naming, with the metadata llama.cpp writes. */
static void build_family_gguf(const lx_fam_spec *s, built *b)
{
    char path[512];
    fixture_path(path, sizeof path, s, "gguf");
    assert_true(lx_fam_write_gguf(s, path));
    build(path, b);
    assert_int_equal(b->a.format, LX_FMT_GGUF);
    /* a general.name that is only the family's name ("gpt2") gives way to the file's name */
    char file[512];
    const char *slash = strrchr(path, '/');
    snprintf(file, sizeof file, "%s", slash ? slash + 1 : path);
    file[strlen(file) - 5] = '\0'; /* ".gguf" */
    assert_string_equal(b->a.hp.name, strcasecmp(s->name, s->family) ? s->name : file);
    assert_string_equal(b->a.hp.family, s->family);
    assert_common(s, &b->a);
    assert_int_equal(b->a.total_bytes, s->published_total * 2); /* F16 */
    assert_int_equal(b->a.n_warnings, 0);
}

static void test_gguf_families(void **state)
{
    (void)state;
    const lx_fam_spec *specs[] = {&LX_FAM_LLAMA31_8B, &LX_FAM_QWEN25_7B, &LX_FAM_QWEN3_8B, &LX_FAM_GEMMA2_9B,
                                  &LX_FAM_GPT2, &LX_FAM_MIXTRAL_8X7B};
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        built b;
        build_family_gguf(specs[i], &b);
        assert_int_equal(b.a.attn.n_heads, (uint64_t)specs[i]->n_heads);
        assert_int_equal(b.a.attn.n_kv_heads, (uint64_t)specs[i]->n_kv_heads);
        assert_int_equal(b.a.attn.head_dim, (uint64_t)specs[i]->head_dim);
        release(&b);
    }
}

static void test_deepseek_v3_gguf(void **state)
{
    (void)state;
    built b;
    build_family_gguf(&LX_FAM_DEEPSEEK_V3, &b);
    const lx_arch *a = &b.a;
    assert_int_equal(a->attn.kind, LX_ATTN_MLA);
    assert_int_equal(a->attn.n_heads, 128);
    assert_int_equal(a->attn.head_dim, 192);
    assert_int_equal(a->attn.v_head_dim, 128);
    assert_int_equal(a->n_groups, 2);
    assert_int_equal(a->groups[1].first, 3);
    assert_int_equal(a->ffn.n_experts, 256);
    assert_int_equal(a->ffn.n_experts_used, 8);
    assert_int_equal(a->ffn.n_shared_experts, 1);
    assert_int_equal(a->comp[LX_COMP_ROUTER].params, 58ULL * (256 * 7168 + 256));
    release(&b);
}

static void test_deepseek_v3_hf(void **state)
{
    (void)state;
    built b;
    build_family_st(&LX_FAM_DEEPSEEK_V3, &b);
    const lx_arch *a = &b.a;
    assert_int_equal(a->total_params, LX_FAM_DEEPSEEK_V3.published_total);
    assert_int_equal(a->attn.kind, LX_ATTN_MLA);
    assert_int_equal(a->attn.q_lora_rank, 1536);
    assert_int_equal(a->attn.kv_lora_rank, 512);
    assert_int_equal(a->attn.rope_head_dim, 64);
    assert_int_equal(a->n_groups, 2);
    assert_int_equal(a->groups[0].first, 0);
    assert_int_equal(a->groups[0].last, 2);
    assert_int_equal(a->groups[0].ffn, LX_FFN_GLU);
    assert_int_equal(a->groups[1].first, 3);
    assert_int_equal(a->groups[1].last, 60);
    assert_int_equal(a->groups[1].ffn, LX_FFN_MOE);
    assert_int_equal(a->ffn.n_experts, 256);
    assert_int_equal(a->ffn.n_shared_experts, 1);
    assert_true(a->layer_bits[2] & LX_LAYER_DENSE);
    assert_false(a->layer_bits[3] & LX_LAYER_DENSE);
    release(&b);
}

/* A folder with config.json and model.safetensors: the config supplies what shapes cannot
 * (heads, sliding window, top-k), and shapes still win where both speak. */
static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_folder_config_plus_weights(void **state)
{
    (void)state;
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/mixtral-folder", LX_TMP_DIR);
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    assert_true(lx_fam_write_safetensors(&LX_FAM_MIXTRAL_8X7B, path));
    snprintf(path, sizeof path, "%s/config.json", dir);
    /* num_key_value_heads deliberately wrong: the K projection says 8 */
    write_text(path, "{\"model_type\": \"mixtral\", \"hidden_size\": 4096, \"num_hidden_layers\": 32,"
                     "\"num_attention_heads\": 32, \"num_key_value_heads\": 4, \"intermediate_size\": 14336,"
                     "\"num_local_experts\": 8, \"num_experts_per_tok\": 2, \"vocab_size\": 32000,"
                     "\"rope_theta\": 1000000.0, \"sliding_window\": null, \"max_position_embeddings\": 32768}");
    built b;
    build(dir, &b);
    const lx_arch *a = &b.a;
    assert_int_equal(a->format, LX_FMT_SAFETENSORS);
    assert_string_equal(a->hp.name, "mixtral-folder");
    assert_int_equal(a->total_params, 46702792704ULL);
    assert_int_equal(a->active_params, 12879925248ULL);
    assert_int_equal(a->attn.n_kv_heads, 8);
    assert_true(has_warning(a, "n_kv_heads: declared 4 but the shape of attn_k says 8"));
    assert_int_equal(a->ffn.n_experts_used, 2);
    assert_true(a->pos.rope_theta == 1000000.0);
    release(&b);
}

/* A Hugging Face folder with 3 shards + index + config.json, and a split GGUF opened from its
 * last shard: both give the same exact counts as the single-file forms. */
static void test_sharded_forms(void **state)
{
    (void)state;
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/qwen25-sharded", LX_TMP_DIR);
    mkdir(dir, 0755);
    assert_true(lx_fam_write_safetensors_sharded(&LX_FAM_QWEN25_7B, dir, 3));
    snprintf(path, sizeof path, "%s/config.json", dir);
    write_text(path, "{\"model_type\": \"qwen2\", \"hidden_size\": 3584, \"num_hidden_layers\": 28,"
                     "\"num_attention_heads\": 28, \"num_key_value_heads\": 4, \"intermediate_size\": 18944,"
                     "\"vocab_size\": 152064, \"rope_theta\": 1000000.0, \"tie_word_embeddings\": false}");
    built b;
    build(dir, &b);
    assert_int_equal(b.a.format, LX_FMT_SAFETENSORS);
    assert_false(b.a.synthesized);
    assert_int_equal(b.a.total_params, 7615616512ULL);
    assert_int_equal(b.a.attn.n_kv_heads, 4);
    assert_true(b.a.attn.q_bias);
    int max_file = 0;
    for (size_t i = 0; i < b.a.tensors->n; i++)
        if (b.a.tensors->v[i].file > max_file) max_file = b.a.tensors->v[i].file;
    assert_int_equal(max_file, 2);
    release(&b);

    snprintf(path, sizeof path, "%s/deepseek-split", LX_TMP_DIR);
    assert_true(lx_fam_write_gguf_split(&LX_FAM_DEEPSEEK_V3, path, 3));
    snprintf(path, sizeof path, "%s/deepseek-split-00003-of-00003.gguf", LX_TMP_DIR);
    build(path, &b);
    assert_int_equal(b.a.format, LX_FMT_GGUF);
    assert_int_equal(lx_gguf_n_files(b.src.gguf), 3);
    assert_int_equal(b.a.total_params, LX_FAM_DEEPSEEK_V3.published_total);
    assert_int_equal(b.a.active_params, LX_FAM_DEEPSEEK_V3.published_active);
    assert_int_equal(b.a.attn.kind, LX_ATTN_MLA);
    assert_string_equal(b.a.hp.name, "DeepSeek-V3");
    release(&b);
}

static void test_index_without_shards_uses_config(void **state)
{
    (void)state;
    built b;
    build(LX_SHARED_DIR "/configs/Meta-Llama-3-8B/model.safetensors.index.json", &b);
    assert_int_equal(b.a.format, LX_FMT_CONFIG);
    assert_true(b.a.synthesized);
    assert_int_equal(b.a.total_params, 8030261248ULL);
    assert_int_equal(b.a.total_bytes, 16060522496ULL);
    assert_true(has_warning(&b.a, "not present"));
    release(&b);
}

static void test_config_only_totals(void **state)
{
    (void)state;
    static const struct { const char *dir; uint64_t total; } CASES[] = {
        {"gpt2", 124439808ULL}, {"Llama-3.1-8B", 8030261248ULL},
        {"Mixtral-8x7B-v0.1", 46702792704ULL}, {"Qwen2.5-7B", 7615616512ULL},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/configs/%s/config.json", LX_SHARED_DIR, CASES[i].dir);
        built b;
        build(path, &b);
        assert_int_equal(b.a.format, LX_FMT_CONFIG);
        assert_int_equal(b.a.total_params, CASES[i].total);
        release(&b);
    }
}

static void test_deepseek_config_groups(void **state)
{
    (void)state;
    built b;
    build(LX_SHARED_DIR "/configs/DeepSeek-V3/config.json", &b);
    const lx_arch *a = &b.a;
    assert_int_equal(a->attn.kind, LX_ATTN_MLA);
    assert_int_equal(a->n_groups, 2);
    assert_int_equal(a->groups[0].last, 2);
    assert_int_equal(a->groups[1].first, 3);
    assert_int_equal(a->groups[1].last, 60);
    assert_int_equal(a->ffn.n_experts_used, 8);
    /* latent KV cache: 61 layers x (512 + 64) x 2 bytes */
    assert_int_equal(a->kv_bytes_per_token, 61 * 576 * 2);
    release(&b);
}

static void test_catalogue_llama(void **state)
{
    (void)state;
    built b;
    build("llama-3.1-8b", &b);
    const lx_arch *a = &b.a;
    assert_int_equal(a->format, LX_FMT_CATALOGUE);
    assert_int_equal(a->total_params, 8030261248ULL);
    assert_int_equal(a->attn.kind, LX_ATTN_GQA);
    assert_true(a->pos.rope_theta == 500000.0);
    assert_int_equal(a->kv_bytes_per_token, 131072);
    release(&b);
}

static void test_missing_path_is_io_error(void **state)
{
    (void)state;
    lx_source src;
    lx_err err = {0};
    assert_int_equal(lx_source_open("/nonexistent/model.gguf", &src, &err), LX_ERR_IO);
    assert_string_equal(err.msg, "/nonexistent/model.gguf: cannot open: No such file or directory");
    /* a near miss of a catalogue name gets a suggestion */
    lx_err_clear(&err);
    assert_int_equal(lx_source_open("lama-3.1-8b", &src, &err), LX_ERR_IO);
    assert_non_null(strstr(err.msg, "did you mean 'llama-3.1-8b'?"));
    lx_err_clear(&err);
    assert_int_equal(lx_source_open("zzzz", &src, &err), LX_ERR_IO);
    assert_non_null(strstr(err.msg, "see 'llmxray list'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stories260k),
        cmocka_unit_test(test_stories260k_q8_quantized),
        cmocka_unit_test(test_llama31_8b_hf),
        cmocka_unit_test(test_qwen25_biases),
        cmocka_unit_test(test_qwen3_qk_norm_gives_heads),
        cmocka_unit_test(test_qwen3moe_per_expert_names),
        cmocka_unit_test(test_gemma2_sandwich),
        cmocka_unit_test(test_gpt2_conv1d),
        cmocka_unit_test(test_mixtral_hf),
        cmocka_unit_test(test_deepseek_v3_hf),
        cmocka_unit_test(test_gguf_families),
        cmocka_unit_test(test_deepseek_v3_gguf),
        cmocka_unit_test(test_folder_config_plus_weights),
        cmocka_unit_test(test_sharded_forms),
        cmocka_unit_test(test_index_without_shards_uses_config),
        cmocka_unit_test(test_config_only_totals),
        cmocka_unit_test(test_deepseek_config_groups),
        cmocka_unit_test(test_catalogue_llama),
        cmocka_unit_test(test_missing_path_is_io_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
