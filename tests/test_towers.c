/* Tests model/towers and its drawing: vision encoders, projectors and MTP modules counted as
 * the checkpoints hold them (every row against an independent total: the index beside the
 * config, the publisher's safetensors count, or a count from the modeling code, named per
 * row), a clip / mmproj GGUF read as a vision encoder and projector with the numbers of its
 * own tensor list, the pictures passing the layout rules, and hostile vision configs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw_support.h"
#include "fixture_gguf.h"
#include "fixture_st.h"
#include "layout/check.h"
#include "model/hp_config.h"
#include "render/info.h"

static int setup(void **state)
{
    lx_test_draw_init();
    lx_err err = {0};
    lx_measure *m = NULL;
    if (lx_measure_new(&m, &err) != LX_OK) return -1;
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    lx_measure_free(*state);
    return 0;
}

typedef struct built { lx_source src; lx_arch arch; } built;

static built *build(const char *what)
{
    char path[512];
    if (strchr(what, '/')) snprintf(path, sizeof path, "%s/%s", LX_SHARED_DIR, what);
    else snprintf(path, sizeof path, "%s/configs/%s/config.json", LX_SHARED_DIR, what);
    built *b = calloc(1, sizeof *b);
    assert_non_null(b);
    if (!lx_test_open_arch(path, &b->src, &b->arch)) fail_msg("%s does not build", what);
    return b;
}

static void unbuild(built *b)
{
    lx_arch_free(&b->arch);
    lx_source_free(&b->src);
    free(b);
}

/* ---------------------------------------------------------------- checkpoint totals */

typedef struct total_case {
    const char *config;
    uint64_t total, vision, projector, mtp;
} total_case;

/* total = everything the checkpoint holds; the language model is total - vision -
 * projector - mtp (tests/test_families.c checks it on its own). */
static const total_case TOTALS[] = {
    /* index total_size / 2: SigLIP 416,866,032 + Gemma 3 projector 6,194,304 = the 423,060,336 */
    {"medgemma-27b-it", 27432406640ull, 416866032ull, 6194304ull, 0},
    {"olmocr-7b-0225", 8291375616ull, 631183360ull, 44575744ull, 0},     /* index (Qwen2-VL ViT + merger) */
    {"minicpm-v", 3434965792ull, 397747744ull, 29514240ull, 0},          /* index (timm SigLIP, 26 blocks + resampler) */
    {"gemma-4-31b", 31273088876ull, 569550384ull, 6193152ull, 0},        /* index total_size / 2 */
    {"gemma-4-26b-a4b", 25805936206ull, 569550384ull, 3244032ull, 0},    /* HF */
    {"qwen3-vl-8b-instruct", 8767123696ull, 415891440ull, 160496896ull, 0}, /* HF (3 DeepStack mergers) */
    {"qwen3.5-27b", 27781427952ull, 415891440ull, 44838656ull, 424699392ull}, /* HF */
    {"qwen3-6-35b-a3b", 35951822704ull, 415891440ull, 30679808ull, 844640768ull}, /* HF */
    {"qwen3-5-397b", 403397928944ull, 415891440ull, 40119040ull, 6595568128ull},  /* HF */
    {"kimi-k2-5-1t", 1026879376368ull, 416866032ull, 54277888ull, 0},     /* safetensors header recount */
    {"mistral-small-3-1-24b", 24011361280ull, 403305472ull, 35652608ull, 0}, /* HF */
    {"mistral-small-4-119b", 119401298944ull, 403305472ull, 25166848ull, 0}, /* indep. */
    {"Llama-4-Scout-17B-16E-Instruct", 108641793536ull, 811115008ull, 60817408ull, 0}, /* HF */
    {"deepseek-v3.2", 685355329792ull, 0, 0, 13477385728ull},            /* HF */
    {"glm-4.5", 358337791296ull, 0, 0, 5539962272ull},                   /* HF */
    {"glm-4-5-air-106b", 110468824832ull, 0, 0, 3616573568ull},          /* HF */
    {"glm-5", 753864139008ull, 0, 0, 9952920576ull},                     /* HF (no embedding/head copy) */
    {"mimo-7b", 7833409536ull, 0, 0, 210790400ull},                      /* index */
    {"tencent-hy3-preview-295b-a21b", 298786155776ull, 0, 0, 3752612288ull}, /* HF */
    /* DeepSeek-V3: the model card's 671B + the MTP module (README_WEIGHTS: 11.5B unique + its
     * stored embedding and head copies) */
    {"DeepSeek-V3", 684489845504ull, 0, 0, 13463426304ull},
};

static uint64_t part(const lx_arch *a, lx_sub_kind k)
{
    uint64_t n = 0;
    for (int i = 0; i < a->n_subs; i++)
        if (a->subs[i].kind == k) n += a->subs[i].params;
    return n;
}

static void test_checkpoint_totals(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof TOTALS / sizeof TOTALS[0]; i++) {
        const total_case *c = &TOTALS[i];
        built *b = build(c->config);
        const lx_arch *a = &b->arch;
        uint64_t v = part(a, LX_SUB_VISION), p = part(a, LX_SUB_PROJECTOR), m = part(a, LX_SUB_MTP);
        uint64_t au = part(a, LX_SUB_AUDIO), ap = part(a, LX_SUB_AUDIO_PROJ);
        uint64_t lm = part(a, LX_SUB_DECODER) + part(a, LX_SUB_ENCODER);
        if (a->total_params != c->total || v != c->vision || p != c->projector || m != c->mtp || au || ap ||
            lm + v + p + m != a->total_params ||
            a->towers.total_without_mtp != a->total_params - m ||
            lm != a->towers.lm_params) {
            print_error("%s: total %llu vision %llu projector %llu mtp %llu, expected %llu %llu %llu %llu\n", c->config,
                        (unsigned long long)a->total_params, (unsigned long long)v, (unsigned long long)p,
                        (unsigned long long)m, (unsigned long long)c->total, (unsigned long long)c->vision,
                        (unsigned long long)c->projector, (unsigned long long)c->mtp);
            bad++;
        }
        for (int w = 0; w < a->n_warnings; w++)
            if (strstr(a->warnings[w], "not counted")) fail_msg("%s: %s", c->config, a->warnings[w]);
        unbuild(b);
    }
    assert_int_equal(bad, 0);
}

/* DeepSeek-V3: the checkpoint with its MTP module, the publishers' 671B without. */
static void test_deepseek_with_and_without_mtp(void **state)
{
    (void)state;
    built *b = build("DeepSeek-V3");
    assert_int_equal(b->arch.total_params, 684489845504ull);
    assert_int_equal(b->arch.towers.total_without_mtp, 671026419200ull);
    assert_int_equal(b->arch.towers.n_mtp, 1);
    assert_int_equal(b->arch.n_layers, 61);             /* the MTP block is not a layer of the stack */
    assert_int_equal(b->arch.active_params, 37552297472ull); /* per token of the main model */
    lx_buf j;
    lx_buf_init(&j);
    lx_info_json(&b->arch, &j);
    assert_non_null(strstr(lx_buf_cstr(&j), "\"total\":684489845504,\"total_without_mtp\":671026419200,"));
    assert_non_null(strstr(lx_buf_cstr(&j), "\"audio\":null"));
    assert_non_null(strstr(lx_buf_cstr(&j), "{\"kind\":\"mtp\",\"name\":\"Multi-token prediction\",\"n_layers\":1,"
                                            "\"params\":13463426304,"));
    lx_buf_free(&j);
    unbuild(b);
}

/* ---------------------------------------------------------------- audio towers */

static const struct { const char *config; uint64_t total, vision, projector, audio, audio_proj; } AUDIO_TOTALS[] = {
    /* Gemma 4 E2B / E4B: the publisher's safetensors counts (HF 5,123,178,979 / 7,996,157,418, as in
     * tests/test_families.c) minus what the checkpoint stores but no layer uses: the k/v projections
     * and k norms of the num_kv_shared_layers = 20 last layers (E2B: 16 sliding x (2 x 256 x 1,536 +
     * 256) + 4 full x (2 x 512 x 1,536 + 512) = 18,880,512; E4B likewise 55,055,616).
     * Vision: 16 blocks with 7 clippable linears each, 4 clamp scalars apiece (448 beside the weights).
     * Audio (Gemma4AudioModel, d = 1,024, 8 heads of 128, 12 layers): subsampling 128 x 1 x 3 x 3 +
     * 128 + 32 x 128 x 3 x 3 + 32 + 1,024 x (128 / 4 x 32) = 1,086,752; per layer 24 d^2 (two FFNs
     * 2 x 8 d^2, attention q/k/v/out + relative k 5 d^2, light conv 2 d^2 + d^2) + per-dim scale 128 +
     * depthwise 5 d + 9 RMSNorms of d + 10 clippable linears x 4 clamps = 25,180,328, x 12 =
     * 302,163,936; output projection 1,024 x 1,536 + 1,536 = 1,574,400; total 304,825,088.
     * embed_audio: 1,536 x 1,536 (E4B: 1,536 x 2,560). */
    {"gemma-4-e2b", 5104298467ull, 167365056ull, 1179648ull, 304825088ull, 2359296ull},
    {"gemma-4-e4b", 7941101802ull, 167365056ull, 1966080ull, 304825088ull, 3932160ull},
};

static void test_audio_tower_totals(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof AUDIO_TOTALS / sizeof AUDIO_TOTALS[0]; i++) {
        built *b = build(AUDIO_TOTALS[i].config);
        const lx_arch *a = &b->arch;
        uint64_t lm = part(a, LX_SUB_DECODER), v = part(a, LX_SUB_VISION), p = part(a, LX_SUB_PROJECTOR);
        uint64_t au = part(a, LX_SUB_AUDIO), ap = part(a, LX_SUB_AUDIO_PROJ);
        if (a->total_params != AUDIO_TOTALS[i].total || v != AUDIO_TOTALS[i].vision || p != AUDIO_TOTALS[i].projector ||
            au != AUDIO_TOTALS[i].audio || ap != AUDIO_TOTALS[i].audio_proj || lm + v + p + au + ap != a->total_params)
            fail_msg("%s: total %llu vision %llu projector %llu audio %llu + %llu", AUDIO_TOTALS[i].config,
                     (unsigned long long)a->total_params, (unsigned long long)v, (unsigned long long)p,
                     (unsigned long long)au, (unsigned long long)ap);
        unbuild(b);
    }
}

/* Gemma 4 E2B's audio tower in info --json: an "audio_encoder" of 12 layers and its projector,
 * the Conformer's llama.cpp names (a.blk.N.*), and no "not counted" warning. */
static void test_gemma4_audio_components(void **state)
{
    (void)state;
    built *b = build("gemma-4-e2b");
    lx_buf j;
    lx_buf_init(&j);
    lx_info_json(&b->arch, &j);
    const char *s = lx_buf_cstr(&j);
    assert_non_null(strstr(s, "{\"kind\":\"audio_encoder\",\"name\":\"Audio encoder\",\"n_layers\":12,"
                              "\"params\":304825088,\"bytes\":609650176}"));
    assert_non_null(strstr(s, "{\"kind\":\"projector\",\"name\":\"Audio projector\",\"n_layers\":0,"
                              "\"params\":2359296,"));
    assert_non_null(strstr(s, "\"audio\":{\"kind\":\"Gemma 4 Conformer\",\"n_layers\":12,\"d_model\":1024,\"n_heads\":8,"
                              "\"head_dim\":128,\"d_ff\":4096,\"conv_channels\":[128,32],\"conv_kernel\":5,\"chunk\":12,"
                              "\"context_left\":12,\"context_right\":0,\"output_dim\":1536,\"projector_out\":1536}"));
    assert_non_null(lx_tensors_find(b->arch.tensors, "a.blk.11.attn_k_rel.weight"));
    assert_non_null(lx_tensors_find(b->arch.tensors, "a.blk.0.conv_pw1.input_max"));
    const lx_tensor *c1 = lx_tensors_find(b->arch.tensors, "a.conv1d.1.weight");
    assert_non_null(c1);
    assert_int_equal(c1->n_dims, 4);
    assert_int_equal(c1->n_elems, 32 * 128 * 9);
    for (int w = 0; w < b->arch.n_warnings; w++)
        if (strstr(b->arch.warnings[w], "not counted")) fail_msg("%s", b->arch.warnings[w]);
    lx_buf_free(&j);
    unbuild(b);
}

/* A tower the table has no row for keeps the warning naming it, and counts nothing. */
static void expect_uncounted(const char *tower_key, const char *type, const char *warning)
{
    char cfg[512];
    int n = snprintf(cfg, sizeof cfg, "{\"model_type\":\"llama\",\"hidden_size\":64,\"num_hidden_layers\":2,"
                     "\"num_attention_heads\":4,\"intermediate_size\":128,\"vocab_size\":256,"
                     "\"%s\":{\"model_type\":\"%s\",\"hidden_size\":32}}", tower_key, type);
    lx_source src;
    memset(&src, 0, sizeof src);
    lx_tensors_init(&src.tensors);
    lx_err err = {0};
    assert_int_equal(lx_hfconfig_parse(cfg, (size_t)n, "cfg.json", &src.hp, &err), LX_OK);
    snprintf(src.path, sizeof src.path, "cfg.json");
    src.format = LX_FMT_CONFIG;
    lx_arch a;
    assert_int_equal(lx_arch_build(&src, &a, &err), LX_OK);
    assert_int_equal(a.n_subs, 1);
    bool named = false;
    for (int w = 0; w < a.n_warnings; w++) named = named || strstr(a.warnings[w], warning);
    if (!named) fail_msg("no warning \"%s\"", warning);
    lx_arch_free(&a);
    lx_source_free(&src);
}

static void test_unknown_tower_is_named(void **state)
{
    (void)state;
    expect_uncounted("vision_config", "some_new_vit", "vision tower beside the text model is not counted");
    expect_uncounted("audio_config", "some_new_conformer", "audio tower beside the text model is not counted");
}

/* ---------------------------------------------------------------- a clip / mmproj GGUF */

/* Numbers from the file's own tensor list (71 tensors): the projector is
 * mm.input_projection (128 x 128, F16) + mm.soft_emb_norm (128, F32); the rest is the
 * encoder: 4 blocks of 198,272 + patch embedding 1,664 + positions 32,768 + post norm 256. */
static void test_mmproj_is_a_vision_encoder(void **state)
{
    (void)state;
    built *b = build("models/mmproj-tinygemma3.gguf");
    const lx_arch *a = &b->arch;
    assert_true(a->towers.tower_only);
    assert_int_equal(a->total_params, 844288);
    assert_int_equal(a->total_bytes, 1034240);
    assert_int_equal(a->n_subs, 2);
    assert_int_equal(a->subs[0].kind, LX_SUB_VISION);
    assert_int_equal(a->subs[0].params, 827776);
    assert_int_equal(a->subs[0].bytes, 1000960);
    assert_int_equal(a->subs[0].n_layers, 4);
    assert_int_equal(a->subs[1].kind, LX_SUB_PROJECTOR);
    assert_int_equal(a->subs[1].params, 16512);
    assert_int_equal(a->subs[1].bytes, 33280);
    const lx_tower_desc *d = &a->towers.desc;
    assert_int_equal(d->d_model, 128);
    assert_int_equal(d->d_ff, 512);
    assert_int_equal(d->n_heads, 4);
    assert_int_equal(d->patch, 2);
    assert_int_equal(d->image, 32);
    assert_int_equal(d->n_pos, 256);
    assert_int_equal(d->proj, LX_PROJ_GEMMA3);
    assert_int_equal(a->n_warnings, 0);
    lx_buf j, t;
    lx_buf_init(&j);
    lx_buf_init(&t);
    lx_info_json(a, &j);
    lx_info_text(a, &t);
    assert_non_null(strstr(lx_buf_cstr(&j), "\"vocab_size\":null"));
    assert_non_null(strstr(lx_buf_cstr(&j), "\"kv_cache_per_token\":null"));
    assert_non_null(strstr(lx_buf_cstr(&j), "\"components\":[{\"kind\":\"vision_encoder\",\"name\":\"Vision encoder\","
                                            "\"n_layers\":4,\"params\":827776,\"bytes\":1000960},{\"kind\":\"projector\","
                                            "\"name\":\"Projector\",\"n_layers\":0,\"params\":16512,\"bytes\":33280}]"));
    assert_null(strstr(lx_buf_cstr(&t), "vocab"));
    assert_null(strstr(lx_buf_cstr(&t), "KV cache"));
    assert_non_null(strstr(lx_buf_cstr(&t), "Projector  Average pooling, soft-embedding RMSNorm, projection -> 128"));
    lx_buf_free(&j);
    lx_buf_free(&t);
    unbuild(b);
}

/* ---------------------------------------------------------------- pictures */

static int find_id(const lx_scene *s, const char *id)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->els[i].id, id)) return i;
    return -1;
}

static void test_pictures_keep_the_rules(void **state)
{
    static const struct { const char *what; bool join, mtp; } CASES[] = {
        {"qwen3-vl-8b-instruct", true, false}, {"models/mmproj-tinygemma3.gguf", false, false},
        {"medgemma-27b-it", true, false},      {"Llama-4-Scout-17B-16E-Instruct", true, false},
        {"mistral-small-3-1-24b", true, false}, {"minicpm-v", true, false},
        {"qwen3.5-27b", true, true},           {"DeepSeek-V3", false, true},
        {"gemma-4-e2b", true, false},          {"gemma-4-e4b", true, false}, /* vision and audio towers */
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        built *b = build(CASES[i].what);
        lx_scene s;
        lx_buf v;
        lx_buf_init(&v);
        int n = lx_test_layout_arch(&b->arch, *state, &s, &v);
        if (n != 0) fail_msg("%s: %d violations:\n%s", CASES[i].what, n, lx_buf_cstr(&v));
        assert_int_equal(find_id(&s, "tower.join") >= 0, CASES[i].join); /* projector -> token embedding */
        assert_int_equal(find_id(&s, "tower.mtp") >= 0, CASES[i].mtp);   /* beside the output head */
        assert_int_equal(find_id(&s, "tower") >= 0, !!b->arch.towers.has_vision);
        assert_int_equal(find_id(&s, "audio.join") >= 0, !!b->arch.towers.has_audio); /* audio projector -> embedding */
        lx_scene_free(&s);
        lx_buf_free(&v);
        unbuild(b);
    }
}

/* ---------------------------------------------------------------- hostile vision configs */

static void expect_error(const char *cfg, const char *msg)
{
    lx_hparams hp;
    lx_err err = {0};
    assert_int_not_equal(lx_hfconfig_parse(cfg, strlen(cfg), "v.json", &hp, &err), LX_OK);
    if (!strstr(err.msg, msg)) fail_msg("expected \"%s\" in: %s", msg, err.msg);
}

#define QWEN2VL_HEAD "{\"model_type\":\"qwen2_vl\",\"hidden_size\":64,\"num_hidden_layers\":2,\"num_attention_heads\":4," \
                     "\"intermediate_size\":128,\"vocab_size\":256,\n"

static void test_hostile_vision_configs(void **state)
{
    (void)state;
    expect_error(QWEN2VL_HEAD "\"vision_config\":{\"depth\":100000,\"embed_dim\":32,\"num_heads\":4,\"mlp_ratio\":4,"
                 "\"patch_size\":14}}",
                 "v.json: line 2:18: vision_config.depth: 100000 layers (expected at most 512)");
    expect_error(QWEN2VL_HEAD "\"vision_config\":{\"depth\":\"32\"}}", "line 2:18: vision_config.depth: expected");
    expect_error(QWEN2VL_HEAD "\"vision_config\":7}", "vision_config: expected an object or null");
    expect_error(QWEN2VL_HEAD "\"vision_config\":{\"depth\":2,\"embed_dim\":32,\"num_heads\":4,\"mlp_ratio\":4,"
                 "\"patch_size\":14,\"spatial_merge_size\":100000}}",
                 "vision_config.spatial_merge_size: too large (expected a merge side of at most 64)");
    expect_error(QWEN2VL_HEAD "\"vision_config\":{\"depth\":2,\"embed_dim\":32,\"num_heads\":4,\"mlp_ratio\":4,"
                 "\"patch_size\":14,\"temporal_patch_size\":1099511627776}}",
                 "vision_config.temporal_patch_size: too large (expected at most 4,096)");
    expect_error("{\"model_type\":\"kimi_k25\",\"text_config\":{\"model_type\":\"deepseek_v3\",\"hidden_size\":64},"
                 "\"vision_config\":{\"merge_kernel_size\":[-2,2]}}",
                 "vision_config.merge_kernel_size[0]: expected a merge side from 1 to 64, found -2");
    expect_error(QWEN2VL_HEAD "\"vision_config\":{\"depth\":2,\"deepstack_visual_indexes\":{}}}",
                 "vision_config.deepstack_visual_indexes");
}

#define GEMMA4_AUDIO_HEAD "{\"model_type\":\"gemma4\",\"text_config\":{\"model_type\":\"gemma4_text\",\"hidden_size\":64}," \
                          "\"audio_config\":{\"model_type\":\"gemma4_audio\",\"hidden_size\":32,\"num_attention_heads\":4,\n"

static void test_hostile_audio_configs(void **state)
{
    (void)state;
    expect_error(GEMMA4_AUDIO_HEAD "\"num_hidden_layers\":100000}}",
                 "v.json: line 2:1: audio_config.num_hidden_layers: 100000 is too large (expected at most 512)");
    expect_error(GEMMA4_AUDIO_HEAD "\"subsampling_conv_channels\":[128,-1]}}",
                 "audio_config.subsampling_conv_channels[1]: expected a channel count from 4 to 65,536, found -1");
    expect_error(GEMMA4_AUDIO_HEAD "\"subsampling_conv_channels\":[128]}}", "audio_config.subsampling_conv_channels");
    expect_error("{\"model_type\":\"gemma4\",\"audio_config\":{\"model_type\":\"gemma4_audio\",\"hidden_size\":1099511627776}}",
                 "audio_config.hidden_size: 1099511627776 is too large (expected at most 1,048,576)");
    expect_error(GEMMA4_AUDIO_HEAD "\"conv_kernel_size\":\"5\"}}", "audio_config.conv_kernel_size: expected");
    expect_error("{\"model_type\":\"gemma4\",\"audio_config\":3}", "audio_config: expected an object or null");
}

/* ---------------------------------------------------------------- GGUF with nextn tensors */

/* A tiny GLM-4.5 from its config, written as llama.cpp's converter writes it (block_count
 * counts the MTP block, nextn_predict_layers says how many; blk.N.nextn.* tensors), reads
 * back with the same parts: the MTP module is counted the same from the file. */
static void test_gguf_nextn_counts_like_the_config(void **state)
{
    (void)state;
    static const char CFG[] = "{\"model_type\":\"glm4_moe\",\"hidden_size\":64,\"num_hidden_layers\":2,"
        "\"num_attention_heads\":4,\"num_key_value_heads\":2,\"head_dim\":16,\"intermediate_size\":128,"
        "\"moe_intermediate_size\":32,\"n_routed_experts\":4,\"num_experts_per_tok\":2,\"n_shared_experts\":1,"
        "\"first_k_dense_replace\":1,\"num_nextn_predict_layers\":1,\"vocab_size\":256}";
    char cpath[512], gpath[512];
    snprintf(cpath, sizeof cpath, "%s/towers-glm-config.json", LX_TMP_DIR);
    snprintf(gpath, sizeof gpath, "%s/towers-glm.gguf", LX_TMP_DIR);
    FILE *fp = fopen(cpath, "wb");
    assert_non_null(fp);
    fputs(CFG, fp);
    fclose(fp);
    lx_source cs, gs;
    lx_arch ca, ga;
    assert_true(lx_test_open_arch(cpath, &cs, &ca));
    assert_true(ca.towers.params[LX_SUB_MTP] > 0);
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.architecture", "glm4moe");
    static const struct { const char *k; uint32_t v; } KEYS[] = {
        {"glm4moe.block_count", 3}, {"glm4moe.nextn_predict_layers", 1}, {"glm4moe.embedding_length", 64},
        {"glm4moe.feed_forward_length", 128}, {"glm4moe.attention.head_count", 4},
        {"glm4moe.attention.head_count_kv", 2}, {"glm4moe.attention.key_length", 16},
        {"glm4moe.attention.value_length", 16}, {"glm4moe.expert_count", 4}, {"glm4moe.expert_used_count", 2},
        {"glm4moe.expert_shared_count", 1}, {"glm4moe.expert_feed_forward_length", 32},
        {"glm4moe.leading_dense_block_count", 1}, {"glm4moe.context_length", 4096},
    };
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) lx_fx_gguf_kv_u32(w, KEYS[i].k, KEYS[i].v);
    for (size_t i = 0; i < ca.tensors->n; i++) {
        const lx_tensor *t = &ca.tensors->v[i];
        uint64_t ne[4];
        for (int d = 0; d < t->n_dims; d++) ne[d] = t->shape[t->n_dims - 1 - d];
        lx_fx_gguf_tensor(w, t->name, 1 /* F16 */, t->n_dims, ne);
    }
    assert_true(lx_fx_gguf_write(w, gpath));
    lx_fx_gguf_free(w);
    assert_true(lx_test_open_arch(gpath, &gs, &ga));
    assert_int_equal(ga.n_layers, 2);
    assert_int_equal(ga.towers.n_mtp, 1);
    assert_int_equal(ga.towers.params[LX_SUB_MTP], ca.towers.params[LX_SUB_MTP]);
    assert_int_equal(ga.total_params, ca.total_params);
    assert_int_equal(ga.towers.total_without_mtp, ca.towers.total_without_mtp);
    for (int i = 0; i < ga.n_warnings; i++)
        if (strstr(ga.warnings[i], "declared") || strstr(ga.warnings[i], "role table")) fail_msg("%s", ga.warnings[i]);
    lx_arch_free(&ca);
    lx_arch_free(&ga);
    lx_source_free(&cs);
    lx_source_free(&gs);
    remove(cpath);
    remove(gpath);
}

/* ---------------------------------------------------------------- a safetensors folder */

/* A tiny Gemma 3 with a SigLIP tower from its config, then a folder holding that config and a
 * safetensors file with the same tensors, the tower's under Hugging Face prefixes
 * (vision_tower.vision_model., multi_modal_projector.): the file's parts are the config's. */
static void test_safetensors_tower_parts(void **state)
{
    (void)state;
    static const char CFG[] = "{\"model_type\":\"gemma3\",\"text_config\":{\"model_type\":\"gemma3_text\","
        "\"hidden_size\":64,\"num_hidden_layers\":2,\"num_attention_heads\":4,\"num_key_value_heads\":2,"
        "\"head_dim\":16,\"intermediate_size\":128,\"vocab_size\":256},\"vision_config\":{\"model_type\":"
        "\"siglip_vision_model\",\"hidden_size\":32,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
        "\"intermediate_size\":64,\"patch_size\":4,\"image_size\":16}}";
    char dir[512], cpath[600], spath[600];
    snprintf(dir, sizeof dir, "%s/towers-st", LX_TMP_DIR);
    snprintf(cpath, sizeof cpath, "%s/config.json", dir);
    snprintf(spath, sizeof spath, "%s/model.safetensors", dir);
    char mk[700];
    snprintf(mk, sizeof mk, "mkdir -p '%s'", dir);
    assert_int_equal(system(mk), 0);
    FILE *fp = fopen(cpath, "wb");
    assert_non_null(fp);
    fputs(CFG, fp);
    fclose(fp);
    lx_source cs, fs;
    lx_arch ca, fa;
    assert_true(lx_test_open_arch(cpath, &cs, &ca));
    /* SigLIP: patch 32 x 3*4*4 + 32, positions 16 x 32, 2 blocks of 8,544 (norms 128, q/k/v/o 4 x 1,056,
     * fc1 2,112, fc2 2,080), post norm 64 */
    assert_int_equal(ca.towers.params[LX_SUB_VISION], 1568 + 512 + 2 * 8544 + 64);
    assert_int_equal(ca.towers.params[LX_SUB_PROJECTOR], 32 + 32 * 64);
    lx_fx_st *f = lx_fx_st_new();
    for (size_t i = 0; i < ca.tensors->n; i++) {
        const lx_tensor *t = &ca.tensors->v[i];
        char name[256];
        if (!strncmp(t->name, "v.", 2)) snprintf(name, sizeof name, "vision_tower.vision_model.%s", t->name + 2);
        else if (!strncmp(t->name, "mm.", 3)) snprintf(name, sizeof name, "multi_modal_projector.%s", t->name + 3);
        else snprintf(name, sizeof name, "%s", t->name);
        int64_t shape[4];
        for (int d = 0; d < t->n_dims; d++) shape[d] = (int64_t)t->shape[d];
        lx_fx_st_tensor(f, name, "BF16", t->n_dims, shape);
    }
    assert_true(lx_fx_st_write(f, spath, NULL));
    lx_fx_st_free(f);
    assert_true(lx_test_open_arch(dir, &fs, &fa));
    assert_true(fs.has_tensors);
    assert_int_equal(fa.total_params, ca.total_params);
    for (int k = 0; k < LX_SUB_KIND_COUNT; k++) assert_int_equal(fa.towers.params[k], ca.towers.params[k]);
    assert_int_equal(fa.towers.desc.kind, LX_VIT_SIGLIP); /* described from its config */
    assert_int_equal(fa.towers.desc.n_layers, 2);
    for (int i = 0; i < fa.n_warnings; i++)
        if (strstr(fa.warnings[i], "role table") || strstr(fa.warnings[i], "not counted")) fail_msg("%s", fa.warnings[i]);
    lx_arch_free(&ca);
    lx_arch_free(&fa);
    lx_source_free(&cs);
    lx_source_free(&fs);
    remove(cpath);
    remove(spath);
    remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkpoint_totals),
        cmocka_unit_test(test_deepseek_with_and_without_mtp),
        cmocka_unit_test(test_unknown_tower_is_named),
        cmocka_unit_test(test_audio_tower_totals),
        cmocka_unit_test(test_gemma4_audio_components),
        cmocka_unit_test(test_hostile_audio_configs),
        cmocka_unit_test(test_mmproj_is_a_vision_encoder),
        cmocka_unit_test(test_pictures_keep_the_rules),
        cmocka_unit_test(test_hostile_vision_configs),
        cmocka_unit_test(test_gguf_nextn_counts_like_the_config),
        cmocka_unit_test(test_safetensors_tower_parts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
