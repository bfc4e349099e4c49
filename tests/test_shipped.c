/* Tests the checkpoint as shipped (model/quant, model/shipped), the KV cache at the declared
 * context (model/layers) and the issue-9 fixes, on the real configs and index files of
 * ../shared/configs and the real GGUF files of ../shared/models.
 * Expected figures: the publishers' index total_size, or worked by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "draw_support.h"
#include "fixture_encdec.h"
#include "fixture_st.h"
#include "layout/describe.h"
#include "open/source.h"
#include "render/info.h"

#define CONFIGS LX_SHARED_DIR "/configs/"
#define MODELS LX_SHARED_DIR "/models/"

typedef struct opened {
    lx_source src;
    lx_arch a;
} opened;

static opened *open_arch(const char *what)
{
    opened *o = calloc(1, sizeof *o);
    assert_non_null(o);
    if (!lx_test_open_arch(what, &o->src, &o->a)) fail_msg("cannot open %s", what);
    return o;
}

static void close_arch(opened *o)
{
    lx_arch_free(&o->a);
    lx_source_free(&o->src);
    free(o);
}

static const char *warning_with(const lx_arch *a, const char *part)
{
    for (int i = 0; i < a->n_warnings; i++)
        if (strstr(a->warnings[i], part)) return a->warnings[i];
    return NULL;
}

static json_t *info_json(const lx_arch *a)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_info_json(a, &b);
    json_error_t e;
    json_t *j = json_loads(lx_buf_cstr(&b), 0, &e);
    lx_buf_free(&b);
    if (!j) fail_msg("invalid JSON at %d:%d: %s", e.line, e.column, e.text);
    return j;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* ---------------------------------------------------------------- quantization_config */

/* gpt-oss: MXFP4 experts (4-bit values + one E8M0 scale per 32: 17 bytes per 32 weights),
 * everything else BF16. The publisher's index says 13,761,264,768 bytes (20b) and
 * 65,248,815,744 (120b); the parameters stay the model's. */
static void test_gpt_oss_mxfp4_matches_index(void **state)
{
    (void)state;
    static const struct { const char *dir; uint64_t params, bytes, mxfp4; } W[] = {
        {CONFIGS "gpt-oss-20b-b", 20914757184ull, 13761264768ull, 10152345600ull},
        {CONFIGS "gpt-oss-20b", 20914757184ull, 13761264768ull, 10152345600ull}, /* config alone */
        {CONFIGS "gpt-oss-120b-b", 116829156672ull, 65248815744ull, 60914073600ull},
    };
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++) {
        opened *o = open_arch(W[i].dir);
        assert_int_equal(o->a.total_params, W[i].params);
        assert_int_equal(o->a.total_bytes, W[i].bytes);
        assert_int_equal(o->a.bytes_by_type[LX_DT_MXFP4], W[i].mxfp4);
        /* 20b: 24 layers x 32 experts x (5,760 + 2,880) x 2,880 weights x 17/32 bytes */
        if (i == 0) assert_int_equal(W[i].mxfp4, 24ull * 32 * (5760 + 2880) * 2880 / 32 * 17);
        assert_int_equal(o->a.bytes_by_type[LX_DT_BF16], W[i].bytes - W[i].mxfp4);
        assert_null(warning_with(&o->a, "total_size"));
        json_t *j = info_json(&o->a);
        json_t *q = json_object_get(j, "quantization");
        assert_string_equal(json_string_value(json_object_get(q, "method")), "mxfp4");
        assert_int_equal(json_integer_value(json_object_get(q, "bits")), 4);
        assert_int_equal(json_integer_value(json_object_get(q, "group_size")), 32);
        json_t *skip = json_object_get(q, "modules_not_converted");
        assert_int_equal(json_array_size(skip), 4);
        assert_string_equal(json_string_value(json_array_get(skip, 0)), "model.layers.*.self_attn");
        assert_string_equal(json_string_value(json_array_get(skip, 3)), "lm_head");
        json_decref(j);
        close_arch(o);
    }
}

/* DeepSeek-V3's FP8 release (e4m3, 128 x 128 block scales, F32 weight_scale_inv): every linear
 * weight of the layers is FP8 (the parameters less embedding, head, norms, routers and MLA's two
 * latent norms: 671,026,419,200 - 2 x 926,679,040 - 881,664 - 58 x (256 x 7,168 + 256) - 61 x
 * (1,536 + 512) = 669,065,609,216). Scales per layer, ceil(rows/128) x ceil(cols/128):
 * attention q_a 12x56 + q_b 192x12 + kv_a 5x56 + kv_b 256x4 + o 56x128 = 11,448 (x 61);
 * dense FFN 3 x 144x56 = 24,192 (x 3); experts 256 x 3 x 16x56 = 688,128 and shared experts
 * 3 x 16x56 = 2,688 (x 58): 40,838,232 scales = 163,352,928 bytes. Embedding and head BF16.
 * The checkpoint also holds its MTP module (model/towers), stored the same way: an MoE block's
 * linear weights 187,105,280 + 11,274,289,152 + 44,040,192 = 11,505,434,624 FP8 weights with
 * 11,448 + 688,128 + 2,688 = 702,264 scales; its eh_proj (7,168 x 14,336 =
 * 102,760,448), embedding and head copies, norms and router stay BF16. */
static void test_deepseek_v3_fp8_block_scales(void **state)
{
    (void)state;
    opened *o = open_arch(CONFIGS "DeepSeek-V3");
    assert_int_equal(o->a.towers.total_without_mtp, 671026419200ull);
    assert_int_equal(o->a.bytes_by_type[LX_DT_F8_E4M3], 669065609216ull + 11505434624ull);
    assert_int_equal(11448ull * 61 + 24192ull * 3 + (688128ull + 2688) * 58, 40838232ull);
    assert_int_equal(187105280ull + 11274289152ull + 44040192ull, 11505434624ull);
    assert_int_equal(11448ull + 688128 + 2688, 702264ull);
    assert_int_equal(o->a.bytes_by_type[LX_DT_F32], (40838232ull + 702264) * 4);
    assert_int_equal(o->a.comp[LX_COMP_EMBEDDING].bytes, 926679040ull * 2);
    assert_int_equal(o->a.comp[LX_COMP_OUTPUT].bytes, 926679040ull * 2);
    assert_int_equal(o->a.n_subs, 2);
    assert_int_equal(o->a.subs[0].bytes, 669065609216ull + 40838232ull * 4 + 3921619968ull);
    assert_int_equal(o->a.subs[1].params, 13463426304ull);
    assert_int_equal(o->a.subs[1].bytes, 11505434624ull + 702264ull * 4 + (13463426304ull - 11505434624ull) * 2);
    json_t *j = info_json(&o->a);
    json_t *q = json_object_get(j, "quantization");
    assert_string_equal(json_string_value(json_object_get(q, "method")), "fp8");
    assert_int_equal(json_integer_value(json_object_get(q, "bits")), 8);
    assert_int_equal(json_integer_value(json_object_get(q, "group_size")), 128);
    assert_int_equal(json_array_size(json_object_get(q, "modules_not_converted")), 0);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(j, "bytes"), "by_type"), "F32")),
                     (40838232 + 702264) * 4);
    json_decref(j);
    close_arch(o);
}

/* The module patterns of a quantization_config are stored once, by the source's hparams:
 * Kimi K2.5's four ignore entries; the arch's copy of the hparams borrows them (the same
 * block), and lx_hparams stays small (it was 66,600 bytes with the pattern pool inside). */
static void test_quant_patterns_owned_once(void **state)
{
    (void)state;
    opened *o = open_arch(CONFIGS "kimi-k2-5-1t");
    assert_int_equal(lx_quant_n_patterns(&o->src.hp.quant), 4);
    assert_ptr_equal(o->a.hp.quant.pats, o->src.hp.quant.pats);
    assert_string_equal(lx_quant_skip(&o->a.hp.quant, 0), "lm_head");
    assert_null(lx_quant_skip(&o->a.hp.quant, 4));
    assert_true(sizeof(lx_quant) < 1024);
    close_arch(o);
    opened *plain = open_arch(CONFIGS "qwen3-8b");
    assert_null(plain->src.hp.quant.pats);
    close_arch(plain);
}

/* An unquantized model says null; a method llmxray cannot size is named in the index check. */
static void test_quantization_null_when_absent(void **state)
{
    (void)state;
    opened *o = open_arch(CONFIGS "smollm3-3b");
    json_t *j = info_json(&o->a);
    assert_true(json_is_null(json_object_get(j, "quantization")));
    json_decref(j);
    close_arch(o);
}

/* Kimi K2.5 (compressed-tensors, int4 pack-quantized, group 32, symmetric): routed experts
 * only (attention, shared experts, dense MLPs and the head are ignored). Per expert matrix:
 * I32 packed weight R x C / 8 x 4 bytes, BF16 scales R x C/32, I64 weight_shape [2]. */
static void test_compressed_tensors_int4(void **state)
{
    (void)state;
    opened *o = open_arch(CONFIGS "kimi-k2-5-1t");
    /* 60 MoE layers x 384 experts x 3 matrices of 2,048 x 7,168 */
    uint64_t w = 60ull * 384 * 3 * 2048 * 7168, mats = 60ull * 384 * 3;
    assert_int_equal(o->a.bytes_by_type[LX_DT_I32], w / 2);
    assert_int_equal(o->a.bytes_by_type[LX_DT_I64], mats * 2 * 8);
    assert_int_equal(o->a.comp[LX_COMP_FFN_EXPERTS].bytes, w / 2 + w / 32 * 2 + mats * 16);
    close_arch(o);
}

/* Llama-2 7B's config with a quantization_config appended, in a folder of its own. */
static opened *llama2_with_quant(const char *name, const char *quant)
{
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/%s", LX_TMP_DIR, name);
    mkdir(dir, 0755);
    lx_buf cfg, out;
    lx_buf_init(&cfg);
    lx_buf_init(&out);
    assert_true(lx_test_read_file(CONFIGS "Llama-2-7b-hf/config.json", &cfg));
    const char *text = lx_buf_cstr(&cfg), *end = strrchr(text, '}');
    assert_non_null(end);
    lx_buf_put(&out, text, (size_t)(end - text));
    lx_buf_printf(&out, ", \"quantization_config\": %s}\n", quant);
    snprintf(path, sizeof path, "%s/config.json", dir);
    write_text(path, lx_buf_cstr(&out));
    lx_buf_free(&cfg);
    lx_buf_free(&out);
    return open_arch(dir);
}

/* GPTQ 4-bit, group 128 (Llama-2 7B: 32 layers x 7 matrices; per matrix of R outputs x C
 * inputs: qweight C/8 x R I32, qzeros C/128 x R/8 I32, scales C/128 x R F16, g_idx C I32). */
static void test_gptq_bytes(void **state)
{
    (void)state;
    opened *o = llama2_with_quant("gptq-llama", "{\"quant_method\": \"gptq\", \"bits\": 4, \"group_size\": 128, "
                                                "\"desc_act\": false, \"sym\": true}");
    assert_int_equal(o->a.total_params, 6738415616ull);
    /* attention 4 x 4,096 x 4,096; MLP 3 x 4,096 x 11,008 (down: C = 11,008) */
    uint64_t w = 32ull * (4 * 4096 * 4096 + 3 * 4096 * 11008);
    assert_int_equal(o->a.bytes_by_type[LX_DT_I32],
                     w / 2 + 32ull * (4 * (4096 / 128) * (4096 / 8) * 4 + 2 * (4096 / 128) * (11008 / 8) * 4 +
                                      (11008 / 128) * (4096 / 8) * 4) +
                         32ull * (6 * 4096 + 11008) * 4);
    assert_int_equal(o->a.bytes_by_type[LX_DT_F16],
                     32000ull * 4096 * 2 * 2 + 65ull * 4096 * 2 +
                         32ull * (4 * 32 * 4096 + 2 * 32 * 11008 + 86 * 4096) * 2);
    close_arch(o);
}

/* Hostile quantization_config: wrong types, a block size of zero, a many-star pattern and a
 * regex with nested counted repeats. Read without a crash, quickly; the block size is unusable,
 * so one F32 scale per matrix (7 x 32); nothing is skipped by the odd patterns. */
static void test_hostile_quant_config(void **state)
{
    (void)state;
    opened *o = llama2_with_quant("hostile-quant", "{\"quant_method\": \"fp8\", \"fmt\": 7, \"weight_block_size\": "
                                                   "[0, -1], \"activation_scheme\": [], \"modules_to_not_convert\": "
                                                   "[\"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\", "
                                                   "\"re:((a{200}){200}){200}\", 5, null]}");
    assert_int_equal(o->a.total_params, 6738415616ull);
    assert_int_equal(o->a.bytes_by_type[LX_DT_F32], 32ull * 7 * 4);
    assert_int_equal(o->a.bytes_by_type[LX_DT_F8_E4M3], 32ull * (4 * 4096 * 4096 + 3 * 4096 * 11008));
    json_t *j = info_json(&o->a);
    assert_int_equal(json_array_size(json_object_get(json_object_get(j, "quantization"), "modules_not_converted")), 2);
    json_decref(j);
    close_arch(o);
    o = llama2_with_quant("unknown-quant", "{\"quant_method\": \"hqq\", \"nbits\": 4}");
    assert_int_equal(o->a.bytes_by_type[LX_DT_F16], 6738415616ull * 2); /* unsized: the config's dtype */
    j = info_json(&o->a);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "quantization"), "method")), "hqq");
    json_decref(j);
    close_arch(o);
}

#define TINY_OSS_CONFIG                                                                                        \
    "{\"model_type\": \"gpt_oss\", \"architectures\": [\"GptOssForCausalLM\"], \"hidden_size\": 64, "            \
    "\"num_hidden_layers\": 1, \"num_attention_heads\": 2, \"num_key_value_heads\": 1, \"head_dim\": 32, "        \
    "\"intermediate_size\": 64, \"num_local_experts\": 4, \"num_experts_per_tok\": 2, \"vocab_size\": 128, "    \
    "\"max_position_embeddings\": 4096, \"sliding_window\": 128, \"layer_types\": [\"sliding_attention\"], "     \
    "\"attention_bias\": true, \"tie_word_embeddings\": false, \"torch_dtype\": \"bfloat16\", "                 \
    "\"quantization_config\": {\"quant_method\": \"mxfp4\", \"modules_to_not_convert\": "                       \
    "[\"model.layers.*.self_attn\", \"model.layers.*.mlp.router\", \"model.embed_tokens\", \"lm_head\"]}}\n"

/* A real (tiny) MXFP4 file named as gpt-oss's release names it: experts as 4-bit blocks
 * (U8 [E, R, C/32, 16]) and E8M0 scales (U8 [E, R, C/32]). Counted from the file, its
 * parameters and bytes equal those counted from its config alone. */
static void test_real_mxfp4_file(void **state)
{
    (void)state;
    char dir[512], cfg_dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/tiny-oss", LX_TMP_DIR);
    snprintf(cfg_dir, sizeof cfg_dir, "%s/tiny-oss-config", LX_TMP_DIR);
    mkdir(dir, 0755);
    mkdir(cfg_dir, 0755);
    snprintf(path, sizeof path, "%s/config.json", dir);
    write_text(path, TINY_OSS_CONFIG);
    snprintf(path, sizeof path, "%s/config.json", cfg_dir);
    write_text(path, TINY_OSS_CONFIG);
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor(f, "model.embed_tokens.weight", "BF16", 2, (int64_t[]){128, 64});
    static const struct { const char *name; int64_t out; } ATT[] = {
        {"q_proj", 64}, {"k_proj", 32}, {"v_proj", 32}};
    char n[128];
    for (size_t i = 0; i < 3; i++) {
        snprintf(n, sizeof n, "model.layers.0.self_attn.%s.weight", ATT[i].name);
        lx_fx_st_tensor(f, n, "BF16", 2, (int64_t[]){ATT[i].out, 64});
        snprintf(n, sizeof n, "model.layers.0.self_attn.%s.bias", ATT[i].name);
        lx_fx_st_tensor(f, n, "BF16", 1, (int64_t[]){ATT[i].out});
    }
    lx_fx_st_tensor(f, "model.layers.0.self_attn.o_proj.weight", "BF16", 2, (int64_t[]){64, 64});
    lx_fx_st_tensor(f, "model.layers.0.self_attn.o_proj.bias", "BF16", 1, (int64_t[]){64});
    lx_fx_st_tensor(f, "model.layers.0.self_attn.sinks", "BF16", 1, (int64_t[]){2});
    lx_fx_st_tensor(f, "model.layers.0.input_layernorm.weight", "BF16", 1, (int64_t[]){64});
    lx_fx_st_tensor(f, "model.layers.0.post_attention_layernorm.weight", "BF16", 1, (int64_t[]){64});
    lx_fx_st_tensor(f, "model.layers.0.mlp.router.weight", "BF16", 2, (int64_t[]){4, 64});
    lx_fx_st_tensor(f, "model.layers.0.mlp.router.bias", "BF16", 1, (int64_t[]){4});
    lx_fx_st_tensor(f, "model.layers.0.mlp.experts.gate_up_proj_blocks", "U8", 4, (int64_t[]){4, 128, 2, 16});
    lx_fx_st_tensor(f, "model.layers.0.mlp.experts.gate_up_proj_scales", "U8", 3, (int64_t[]){4, 128, 2});
    lx_fx_st_tensor(f, "model.layers.0.mlp.experts.gate_up_proj_bias", "BF16", 2, (int64_t[]){4, 128});
    lx_fx_st_tensor(f, "model.layers.0.mlp.experts.down_proj_blocks", "U8", 4, (int64_t[]){4, 64, 2, 16});
    lx_fx_st_tensor(f, "model.layers.0.mlp.experts.down_proj_scales", "U8", 3, (int64_t[]){4, 64, 2});
    lx_fx_st_tensor(f, "model.layers.0.mlp.experts.down_proj_bias", "BF16", 2, (int64_t[]){4, 64});
    lx_fx_st_tensor(f, "model.norm.weight", "BF16", 1, (int64_t[]){64});
    lx_fx_st_tensor(f, "lm_head.weight", "BF16", 2, (int64_t[]){128, 64});
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    assert_true(lx_fx_st_write(f, path, NULL));
    lx_fx_st_free(f);

    opened *file = open_arch(dir), *cfg = open_arch(cfg_dir);
    assert_int_equal(file->a.format, LX_FMT_SAFETENSORS);
    assert_true(cfg->a.synthesized);
    /* experts: 4 x (128 + 64) x 64 weights = 49,152 in 17/32 bytes = 26,112 */
    assert_int_equal(file->a.comp[LX_COMP_FFN_EXPERTS].params, 4ull * (128 + 64) * 64 + 4 * (128 + 64));
    assert_int_equal(file->a.comp[LX_COMP_FFN_EXPERTS].bytes, 4ull * (128 + 64) * 64 / 32 * 17 + 4 * (128 + 64) * 2);
    assert_int_equal(file->a.total_params, cfg->a.total_params);
    assert_int_equal(file->a.total_bytes, cfg->a.total_bytes);
    for (int k = 0; k < LX_COMP_COUNT; k++) {
        assert_int_equal(file->a.comp[k].params, cfg->a.comp[k].params);
        assert_int_equal(file->a.comp[k].bytes, cfg->a.comp[k].bytes);
    }
    assert_null(warning_with(&file->a, "the role table does not know"));
    close_arch(file);
    close_arch(cfg);
}

/* ---------------------------------------------------------------- encoder-decoder folders */

/* dir/config.json = text; returns dir. */
static const char *folder_with_config(char *dir, size_t cap, const char *name, const char *text)
{
    char path[700];
    snprintf(dir, cap, "%s/%s", LX_TMP_DIR, name);
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/config.json", dir);
    write_text(path, text);
    return dir;
}

/* The folder's counts per component equal the config path's, but for extra parameters in
 * component extra_comp; no tensor left to "other". */
static void assert_same_counts(const lx_arch *file, const lx_arch *cfg, int extra_comp, uint64_t extra)
{
    assert_false(file->synthesized);
    assert_true(cfg->synthesized);
    for (int k = 0; k < LX_COMP_COUNT; k++) {
        uint64_t add = k == extra_comp ? extra : 0;
        assert_int_equal(file->comp[k].params, cfg->comp[k].params + add);
        assert_int_equal(file->comp[k].bytes, cfg->comp[k].bytes + add * 4);
    }
    assert_int_equal(file->comp[LX_COMP_OTHER].params, 0);
    assert_null(warning_with(file, "the role table does not know"));
    assert_int_equal(file->n_layers, cfg->n_layers);
    assert_int_equal(file->n_enc_layers, cfg->n_enc_layers);
    assert_int_equal(file->n_subs, 2);
    assert_int_equal(file->subs[0].params, cfg->subs[0].params);
    assert_int_equal(file->subs[1].params, cfg->subs[1].params + extra);
}

/* t5-small as the hub ships it: its real config.json beside a model.safetensors with
 * transformers' names and t5-small's shapes (d_model 512, 8 heads x d_kv 64, d_ff 2,048, 6 + 6
 * blocks, 32 buckets, vocab 32,128, F32, the head tied to "shared"). The config path counts
 * 60,506,624 parameters; the hub's file also holds
 * decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight, 32 x 8 = 256
 * parameters transformers never loads (its cross-attention has no bias table): llmxray counts
 * them in the decoder's position component, as the file holds them, and says so. */
static void test_t5_folder_hf_names(void **state)
{
    (void)state;
    lx_buf cfg;
    lx_buf_init(&cfg);
    assert_true(lx_test_read_file(CONFIGS "t5-small/config.json", &cfg));
    char dir[512], path[700];
    folder_with_config(dir, sizeof dir, "t5-small-folder", lx_buf_cstr(&cfg));
    lx_buf_free(&cfg);
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    lx_fx_t5 t = {.d = 512, .inner = 512, .ff = 2048, .layers = 6, .dec_layers = 6, .heads = 8, .buckets = 32,
                  .vocab = 32128, .tied = true, .cross_bias = true};
    assert_true(lx_fx_t5_file(path, &t));
    opened *file = open_arch(dir), *conf = open_arch(CONFIGS "t5-small");
    assert_int_equal(conf->a.total_params, 60506624ull);
    assert_int_equal(file->a.total_params, 60506624ull + 256);
    assert_same_counts(&file->a, &conf->a, LX_COMP_POSITION, 256);
    assert_true(file->a.tied);
    assert_string_equal(warning_with(&file->a, "cross-attention position bias"),
                        "tensor decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight: 256 parameters "
                        "of a cross-attention position bias that neither transformers nor llama.cpp uses (T5's "
                        "cross-attention has none); counted, as the file holds them");
    close_arch(file);
    close_arch(conf);
}

/* T5 v1.1 (flan-t5's scheme): gated-GELU wi_0 / wi_1, an untied lm_head, a decoder deeper
 * than the encoder; no cross-attention bias table. Folder and config count the same. */
static void test_t5_v1_1_folder(void **state)
{
    (void)state;
    static const char CFG[] = "{\"model_type\":\"t5\",\"architectures\":[\"T5ForConditionalGeneration\"],"
                              "\"d_model\":64,\"d_kv\":16,\"num_heads\":4,\"d_ff\":160,\"num_layers\":2,"
                              "\"num_decoder_layers\":3,\"feed_forward_proj\":\"gated-gelu\","
                              "\"tie_word_embeddings\":false,\"vocab_size\":100,\"torch_dtype\":\"float32\"}";
    char dir[512], cdir[512], path[700];
    folder_with_config(dir, sizeof dir, "t5-v11-folder", CFG);
    folder_with_config(cdir, sizeof cdir, "t5-v11-config", CFG);
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    lx_fx_t5 t = {.d = 64, .inner = 64, .ff = 160, .layers = 2, .dec_layers = 3, .heads = 4, .buckets = 32,
                  .vocab = 100, .gated = true};
    assert_true(lx_fx_t5_file(path, &t));
    opened *file = open_arch(dir), *conf = open_arch(cdir);
    assert_same_counts(&file->a, &conf->a, -1, 0);
    assert_false(file->a.tied);
    assert_int_equal(file->a.comp[LX_COMP_OUTPUT].params, 100 * 64);
    /* per encoder layer: 4 x 64 x 64 attention + 3 x 64 x 160 FFN + 2 norms of 64 */
    assert_int_equal(file->a.comp[LX_COMP_FFN_DENSE].params, 5ull * 3 * 64 * 160);
    close_arch(file);
    close_arch(conf);
}

/* facebook/bart-base's sizes (d_model 768, 6 + 6 layers, FFN 3,072, vocab 50,265, 1,024
 * positions) in BartForConditionalGeneration's names. By hand: embedding 50,265 x 768 =
 * 38,603,520; positions 2 x 1,026 x 768 = 1,575,936; embedding norms 2 x 1,536; an encoder layer
 * 4 x (768^2 + 768) + 768 x 3,072 + 3,072 + 3,072 x 768 + 768 + 2 x 1,536 = 7,087,872; a decoder
 * layer adds the cross-attention and its norm: 9,451,776. Total 38,603,520 + 1,575,936 + 3,072
 * + 6 x 7,087,872 + 6 x 9,451,776 = 139,420,416. final_logits_bias [1, 50,265] is a buffer:
 * stored, no parameters (as on the config path). mBART's pre-norm names in a small model.
 * openai/whisper-tiny's sizes (d 384, 4 + 4 layers, 6 heads, FFN 1,536, 80 mel bins, vocab
 * 51,865): conv stem 92,544 + 442,752, encoder positions 1,500 x 384 = 576,000, an encoder layer
 * (k without bias) 590,976 + 1,536 + 591,360 + 590,208 = 1,774,080, a decoder layer 2,365,824,
 * the decoder's table 19,916,160 and 448 positions 172,032, two final norms 768 each:
 * 37,760,640. */
static void test_bart_folders(void **state)
{
    (void)state;
    static const char BART[] = "{\"model_type\":\"bart\",\"architectures\":[\"BartForConditionalGeneration\"],"
                               "\"d_model\":768,\"encoder_layers\":6,\"decoder_layers\":6,\"encoder_attention_heads\":12,"
                               "\"decoder_attention_heads\":12,\"encoder_ffn_dim\":3072,\"decoder_ffn_dim\":3072,"
                               "\"vocab_size\":50265,\"max_position_embeddings\":1024,\"torch_dtype\":\"float32\"}";
    static const char MBART[] = "{\"model_type\":\"mbart\",\"d_model\":64,\"encoder_layers\":2,\"decoder_layers\":1,"
                                "\"encoder_attention_heads\":4,\"encoder_ffn_dim\":96,\"vocab_size\":120,"
                                "\"max_position_embeddings\":32,\"torch_dtype\":\"float32\"}";
    static const char WHISPER[] = "{\"model_type\":\"whisper\",\"architectures\":[\"WhisperForConditionalGeneration\"],"
                                  "\"d_model\":384,\"encoder_layers\":4,\"decoder_layers\":4,"
                                  "\"encoder_attention_heads\":6,\"decoder_attention_heads\":6,\"encoder_ffn_dim\":1536,"
                                  "\"decoder_ffn_dim\":1536,\"vocab_size\":51865,\"num_mel_bins\":80,"
                                  "\"max_source_positions\":1500,\"max_target_positions\":448,\"torch_dtype\":\"float32\"}";
    static const struct { const char *cfg, *name; lx_fx_bart b; uint64_t params; } W[] = {
        {BART, "bart-base", {768, 3072, 6, 6, 50265, 1024, false, 0}, 139420416ull},
        {MBART, "mbart-small", {64, 96, 2, 1, 120, 32, true, 0}, 0},
        {WHISPER, "whisper-tiny", {384, 1536, 4, 4, 51865, 448, true, 80}, 37760640ull},
    };
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++) {
        char dir[512], cdir[512], path[700], n[80];
        snprintf(n, sizeof n, "%s-folder", W[i].name);
        folder_with_config(dir, sizeof dir, n, W[i].cfg);
        snprintf(n, sizeof n, "%s-config", W[i].name);
        folder_with_config(cdir, sizeof cdir, n, W[i].cfg);
        snprintf(path, sizeof path, "%s/model.safetensors", dir);
        assert_true(lx_fx_bart_file(path, &W[i].b));
        opened *file = open_arch(dir), *conf = open_arch(cdir);
        assert_same_counts(&file->a, &conf->a, -1, 0);
        if (W[i].params) assert_int_equal(file->a.total_params, W[i].params);
        uint64_t pos = W[i].b.mels ? 1500 + W[i].b.positions : 2 * (W[i].b.positions + 2);
        assert_int_equal(file->a.comp[LX_COMP_POSITION].params, pos * W[i].b.d);
        assert_true(file->a.tied);
        close_arch(file);
        close_arch(conf);
    }
}

/* ---------------------------------------------------------------- the index check */

/* Every config folder of ../shared/configs with an index: the bytes counted plus what the
 * index's names show beside them (buffers at the config's shapes, a tied head a .bin file
 * saves twice) equal total_size, or one warning names the figures and the likely cause. */
static void test_every_index_total(void **state)
{
    (void)state;
    static const struct { const char *dir, *cause; } DIFFER[] = {
        {"chatglm-6b", "328,612,096 bytes more are not explained"},
    };
    lx_buf list;
    lx_buf_init(&list);
    assert_int_equal(lx_test_run("ls " CONFIGS "*/*.index.json", &list), 0);
    int n_checked = 0;
    for (char *line = strtok((char *)lx_buf_cstr(&list), "\n"); line; line = strtok(NULL, "\n")) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s", line);
        *strrchr(dir, '/') = '\0';
        const char *name = strrchr(dir, '/') + 1;
        opened *o = open_arch(dir);
        const char *w = warning_with(&o->a, "total_size is");
        const char *cause = NULL;
        for (size_t i = 0; i < sizeof DIFFER / sizeof DIFFER[0]; i++)
            if (!strcmp(DIFFER[i].dir, name)) cause = DIFFER[i].cause;
        if (!cause && w) fail_msg("%s: %s", name, w);
        if (cause && (!w || !strstr(w, cause))) fail_msg("%s: expected a total_size warning with \"%s\", got %s", name, cause, w ? w : "none");
        n_checked++;
        close_arch(o);
    }
    assert_int_equal(n_checked, 37);
    lx_buf_free(&list);
}

/* The buffers the index names, sized from the config, close each gap exactly (worked by hand):
 * GPT-J's .bin holds per layer a 2,048 x 2,048 uint8 causal mask and a float32 masked_bias:
 * 28 x (4,194,304 + 4) = 117,440,624. RedPajama-INCITE 7B (GPT-NeoX, fp16) a bool mask that its
 * transformers sized at 1/8 byte, a masked_bias and a 64-value inv_freq in fp16: 32 x (524,288 +
 * 2 + 128) = 16,781,376. ChatGLM2-6B one inv_freq of 32 fp16 values: 64. openPangu-Embedded-7B
 * 34 inv_freq of 64 float32 values beside bf16 weights: 8,704. */
static void test_index_buffers_close_the_gap(void **state)
{
    (void)state;
    static const struct { const char *dir; uint64_t total, buffers; } W[] = {
        {CONFIGS "gpt-j-6b", 24320971760ull, 28ull * (2048 * 2048 + 4)},
        {CONFIGS "redpajama-incite-7b-base", 13731385408ull, 32ull * (2048 * 2048 / 8 + 2 + 64 * 2)},
        {CONFIGS "chatglm2-6b", 12487168064ull, 32 * 2},
        {CONFIGS "openpangu-embedded-7b", 16061784576ull, 34 * 64 * 4},
    };
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++) {
        opened *o = open_arch(W[i].dir);
        assert_int_equal(o->a.total_bytes + W[i].buffers, W[i].total);
        assert_null(warning_with(&o->a, "total_size"));
        close_arch(o);
    }
}

/* What is left says so with every figure: chatglm-6b's .bin index lists lm_head.weight beside
 * the tied embedding (130,528 x 4,096 fp16 = 1,069,285,376 bytes saved twice) and 28 inv_freq
 * tables (28 x 64 x 2 = 3,584 at the config's 128 rotary dims; the 2-D rotary of chatglm-6b's
 * code keeps 32 values, 1,792); the other 328,612,096 bytes are in no name at the config's
 * shapes: the index was written for another revision of the weights. */
static void test_index_warning_text(void **state)
{
    (void)state;
    opened *o = open_arch(CONFIGS "chatglm-6b");
    assert_int_equal(13744473856ull - o->a.total_bytes - 130528ull * 4096 * 2 - 28 * 64 * 2, 328612096ull);
    assert_string_equal(warning_with(&o->a, "total_size"),
                        "pytorch_model.bin.index.json: total_size is 13,744,473,856 bytes, llmxray counts "
                        "12,346,572,800 + 1,069,285,376 bytes of the tied head lm_head.weight saved a second time "
                        "(PyTorch files store tied tensors twice) + 3,584 bytes of 28 non-parameter buffers (rotary "
                        "inv_freq, causal masks) at the config's shapes; 328,612,096 bytes more are not explained "
                        "(likely: the index's tensors have other shapes or types than the config's (another "
                        "revision?))");
    close_arch(o);
}

/* The head from the index's names: Llama 3.2 3B's config ties it; an index that lists
 * lm_head.weight apart unties it (+ 128,256 x 3,072 parameters), with a warning. Falcon-180B's
 * index lists its lm_head: untied. */
static void test_head_from_index(void **state)
{
    (void)state;
    opened *o = open_arch(CONFIGS "falcon-180b-chat");
    assert_false(o->a.tied);
    assert_int_equal(o->a.comp[LX_COMP_OUTPUT].params, 65024ull * 14848);
    close_arch(o);

    o = open_arch(CONFIGS "llama-3.2-3b-instruct");
    assert_true(o->a.tied);
    uint64_t tied_params = o->a.total_params;
    close_arch(o);

    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/untied-llama", LX_TMP_DIR);
    mkdir(dir, 0755);
    lx_buf cfg;
    lx_buf_init(&cfg);
    assert_true(lx_test_read_file(CONFIGS "llama-3.2-3b-instruct/config.json", &cfg));
    snprintf(path, sizeof path, "%s/config.json", dir);
    write_text(path, lx_buf_cstr(&cfg));
    lx_buf_free(&cfg);
    snprintf(path, sizeof path, "%s/model.safetensors.index.json", dir);
    write_text(path, "{\"metadata\": {\"total_size\": 7213504512}, \"weight_map\": {"
                     "\"model.embed_tokens.weight\": \"model-00001-of-00002.safetensors\","
                     "\"lm_head.weight\": \"model-00002-of-00002.safetensors\"}}");
    o = open_arch(dir);
    assert_false(o->a.tied);
    assert_int_equal(o->a.total_params, tied_params + 128256ull * 3072);
    /* (3,212,749,824 + 394,002,432) x 2 bytes = the total_size written above: no size warning */
    assert_int_equal(o->a.total_bytes, 7213504512ull);
    assert_null(warning_with(&o->a, "total_size"));
    assert_non_null(warning_with(&o->a, "tie_word_embeddings: true (declared or the family's default) but "
                                        "model.safetensors.index.json lists the output head lm_head.weight"));
    close_arch(o);
}

/* The index is read once, by open/source, and kept: gpt-j-6b's config.json beside its .bin
 * index gives a source holding the index's 341 names; overwriting the file before the model is
 * built changes nothing (model/shipped does not read it again). */
static void test_index_parsed_once(void **state)
{
    (void)state;
    char dir[512], path[700];
    static const char *const FILES[] = {"config.json", "pytorch_model.bin.index.json"};
    snprintf(dir, sizeof dir, "%s/gptj-once", LX_TMP_DIR);
    mkdir(dir, 0755);
    for (size_t i = 0; i < 2; i++) {
        lx_buf b;
        lx_buf_init(&b);
        snprintf(path, sizeof path, CONFIGS "gpt-j-6b/%s", FILES[i]);
        assert_true(lx_test_read_file(path, &b));
        snprintf(path, sizeof path, "%s/%s", dir, FILES[i]);
        write_text(path, lx_buf_cstr(&b));
        lx_buf_free(&b);
    }
    snprintf(path, sizeof path, "%s/config.json", dir);
    lx_source src;
    lx_err err = {0};
    assert_int_equal(lx_source_open(path, &src, &err), LX_OK);
    assert_non_null(src.index);
    assert_int_equal(src.index->n_names, 341);
    assert_string_equal(src.index_name, "pytorch_model.bin.index.json");
    snprintf(path, sizeof path, "%s/pytorch_model.bin.index.json", dir);
    write_text(path, "{\"metadata\": {\"total_size\": 1}, \"weight_map\": {\"x\": \"y.bin\"}}");
    lx_arch a;
    assert_int_equal(lx_arch_build(&src, &a, &err), LX_OK);
    assert_int_equal(a.total_bytes + 28ull * (2048 * 2048 + 4), 24320971760ull);
    assert_null(warning_with(&a, "total_size"));
    lx_arch_free(&a);
    lx_source_free(&src);
}

/* An index whose metadata.total_size is no byte count (negative, fractional, 1e30, a string) is
 * not a check that silently passes: one warning names the file and the field. */
static void test_index_total_not_a_count(void **state)
{
    (void)state;
    static const char *const BAD[] = {"-5", "1.5", "1e30", "\"13 GB\""};
    lx_buf cfg;
    lx_buf_init(&cfg);
    assert_true(lx_test_read_file(CONFIGS "smollm3-3b/config.json", &cfg));
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        char dir[512], path[700], text[256];
        char name[32];
        snprintf(name, sizeof name, "bad-total-%zu", i);
        folder_with_config(dir, sizeof dir, name, lx_buf_cstr(&cfg));
        snprintf(path, sizeof path, "%s/model.safetensors.index.json", dir);
        snprintf(text, sizeof text, "{\"metadata\": {\"total_size\": %s}, \"weight_map\": "
                 "{\"lm_head.weight\": \"model-00001-of-00001.safetensors\"}}", BAD[i]);
        write_text(path, text);
        snprintf(path, sizeof path, "%s/config.json", dir);
        opened *o = open_arch(path);
        const char *w = warning_with(&o->a, "total_size");
        assert_non_null(w);
        assert_non_null(strstr(w, "model.safetensors.index.json: metadata.total_size is not a byte count"));
        close_arch(o);
    }
    lx_buf_free(&cfg);
}

/* ---------------------------------------------------------------- KV cache at the context */

static uint64_t kv_at_ctx(const char *name)
{
    opened *o = open_arch(name);
    uint64_t v = o->a.kv_bytes_at_ctx;
    close_arch(o);
    return v;
}

/* Worked by hand: K and V of one layer per token = 2 x KV heads x head_dim x 2 bytes.
 * Gemma 3 4B: 4 KV heads x 256 -> 4,096 B; 5 full layers hold 131,072 tokens, 29 sliding
 * layers 1,024: 4,096 x (5 x 131,072 + 29 x 1,024) = 2,805,989,376 (not 34 x 4,096 x 131,072
 * = 17 GiB). Gemma 3 27B: 16 x 128 -> 8,192 B; 10 full, 52 sliding: 8,192 x (10 x 131,072 +
 * 52 x 1,024) = 11,173,625,856. Llama 4 Scout: 8 x 128 -> 4,096 B; 12 full layers at
 * 10,485,760 tokens, 36 chunked layers their 8,192-token chunk: 516,604,035,072. */
static void test_kv_cache_at_context(void **state)
{
    (void)state;
    assert_int_equal(kv_at_ctx("gemma-3-4b"), 4096ull * (5 * 131072 + 29 * 1024));
    assert_int_equal(kv_at_ctx("gemma-3-4b"), 2805989376ull);
    assert_int_equal(kv_at_ctx("gemma-3-27b"), 8192ull * (10 * 131072 + 52 * 1024));
    assert_int_equal(kv_at_ctx("gemma-3-27b"), 11173625856ull);
    assert_int_equal(kv_at_ctx("llama-4-scout"), 4096ull * (12 * 10485760ull + 36 * 8192));
    assert_int_equal(kv_at_ctx("llama-4-scout"), 516604035072ull);
    /* no window: KV per token x context (Llama-2 7B: 32 x 2 x 32 x 128 x 2 x 4,096) */
    assert_int_equal(kv_at_ctx(CONFIGS "Llama-2-7b-hf"), 524288ull * 4096);

    opened *o = open_arch("gemma-3-4b");
    json_t *j = info_json(&o->a);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "bytes"), "kv_cache_at_context")), 2805989376);
    json_decref(j);
    lx_err err = {0};
    lx_desc *d = lx_desc_build(&o->a, &err);
    assert_non_null(d);
    assert_string_equal(d->kv_note, "KV cache: 136 KiB per token in 16-bit (2 × 34 layers × 4 KV heads × 256 × 2 bytes)"
                                    " · 2.6 GiB at the full 131,072-token context (sliding layers keep 1,024 tokens)");
    lx_desc_free(d);
    close_arch(o);
}

/* ---------------------------------------------------------------- issue-9 fixes */

static void draw_text(const char *args, lx_buf *out)
{
    lx_buf_init(out);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "draw %s -f text --width 200", args);
    assert_int_equal(lx_test_cli(LX_BINARY, LX_TMP_DIR, "shipped.stderr", cmd, out, NULL), 0);
}

static void test_one_layer_is_singular(void **state)
{
    (void)state;
    lx_buf t;
    draw_text("'" MODELS "llama-2-tiny-random.gguf'", &t);
    assert_non_null(strstr(lx_buf_cstr(&t), " · 1 layer · d_model 8"));
    assert_non_null(strstr(lx_buf_cstr(&t), "(2 × 1 layer × 2 KV heads × 4 × 2 bytes)"));
    assert_null(strstr(lx_buf_cstr(&t), "1 layers"));
    lx_buf_free(&t);
}

/* A folder named with a trailing slash, and an index file: the source is named, after a separator. */
static void test_folder_subtitle(void **state)
{
    (void)state;
    lx_buf t;
    draw_text("'" CONFIGS "gemma-2b/'", &t);
    assert_non_null(strstr(lx_buf_cstr(&t), "config.json only (shapes, no weights read): gemma-2b, "));
    assert_null(strstr(lx_buf_cstr(&t), " , "));
    lx_buf_free(&t);
    draw_text("'" CONFIGS "gemma-2b/model.safetensors.index.json'", &t);
    assert_non_null(strstr(lx_buf_cstr(&t), "config.json only (shapes, no weights read): model.safetensors.index.json, "));
    lx_buf_free(&t);
}

/* Multi-head attention has no groups: the heads beyond the drawn ones are heads. */
static void test_mha_inset_more_heads(void **state)
{
    (void)state;
    lx_buf svg;
    lx_buf_init(&svg);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "draw '%s' -o -  -f svg", CONFIGS "Llama-2-7b-hf");
    assert_int_equal(lx_test_cli(LX_BINARY, LX_TMP_DIR, "shipped.stderr", cmd, &svg, NULL), 0);
    assert_non_null(strstr(lx_buf_cstr(&svg), "… 19 more heads"));
    assert_null(strstr(lx_buf_cstr(&svg), "more groups"));
    lx_buf_free(&svg);
}

/* general.name "llama" (stories260K) names only the family: the title is the file's name. */
static void test_bare_family_name(void **state)
{
    (void)state;
    opened *o = open_arch(MODELS "stories260K.gguf");
    assert_string_equal(o->a.hp.name, "stories260K");
    close_arch(o);
    o = open_arch(MODELS "llama-2-tiny-random.gguf");
    assert_string_equal(o->a.hp.name, "LLaMA v2"); /* a real name stays */
    close_arch(o);
}

/* Phi-3's vocabulary-only GGUF has no tensors: no claim about what "the file" stores. */
static void test_vocab_only_claims_no_file_layout(void **state)
{
    (void)state;
    lx_buf t;
    draw_text("'" MODELS "vocab-only/ggml-vocab-phi-3.gguf'", &t);
    assert_null(strstr(lx_buf_cstr(&t), "stored as one fused matrix in the file"));
    assert_non_null(strstr(lx_buf_cstr(&t), "Q, K and V are one fused matrix in this family's weights"));
    lx_buf_free(&t);
}

/* An empty folder is no model (exit 1), not an I/O failure (exit 3). */
static void test_empty_folder_exit_code(void **state)
{
    (void)state;
    char dir[512], cmd[700];
    snprintf(dir, sizeof dir, "%s/empty-folder", LX_TMP_DIR);
    mkdir(dir, 0755);
    lx_buf err;
    lx_buf_init(&err);
    snprintf(cmd, sizeof cmd, "info '%s'", dir);
    assert_int_equal(lx_test_cli(LX_BINARY, LX_TMP_DIR, "shipped.stderr", cmd, NULL, &err), 1);
    char want[800];
    snprintf(want, sizeof want, "llmxray: %s: folder holds no config.json, model.safetensors or index (expected a "
             "Hugging Face model folder)\n", dir);
    assert_string_equal(lx_buf_cstr(&err), want);
    lx_buf_free(&err);
}

int main(void)
{
    lx_test_draw_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gpt_oss_mxfp4_matches_index),
        cmocka_unit_test(test_index_total_not_a_count),
        cmocka_unit_test(test_deepseek_v3_fp8_block_scales),
        cmocka_unit_test(test_quantization_null_when_absent),
        cmocka_unit_test(test_quant_patterns_owned_once),
        cmocka_unit_test(test_compressed_tensors_int4),
        cmocka_unit_test(test_gptq_bytes),
        cmocka_unit_test(test_hostile_quant_config),
        cmocka_unit_test(test_real_mxfp4_file),
        cmocka_unit_test(test_t5_folder_hf_names),
        cmocka_unit_test(test_t5_v1_1_folder),
        cmocka_unit_test(test_bart_folders),
        cmocka_unit_test(test_every_index_total),
        cmocka_unit_test(test_index_buffers_close_the_gap),
        cmocka_unit_test(test_index_warning_text),
        cmocka_unit_test(test_head_from_index),
        cmocka_unit_test(test_index_parsed_once),
        cmocka_unit_test(test_kv_cache_at_context),
        cmocka_unit_test(test_one_layer_is_singular),
        cmocka_unit_test(test_folder_subtitle),
        cmocka_unit_test(test_mha_inset_more_heads),
        cmocka_unit_test(test_bare_family_name),
        cmocka_unit_test(test_vocab_only_claims_no_file_layout),
        cmocka_unit_test(test_empty_folder_exit_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
