/* Tests the family registry and the per-layer model on every real config.json in
 * ../shared/configs: each one reads, builds and counts; its components add up to its total;
 * where an independent count exists (the index file beside the config, the publisher's
 * safetensors metadata, or an independent re-implementation from the modeling code, named
 * per row) the text model's parameters and the KV cache per token match it exactly; layer
 * mixes, motifs and per-layer sizes match what was worked out by hand from the shapes.
 *
 * "Text model" is the language model alone (arch.towers.lm_params): vision towers, audio
 * towers and multi-token-prediction layers shipped beside it are components of their own,
 * checked against the checkpoint's whole count in tests/test_towers.c (the row says what
 * was subtracted from the checkpoint's count). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_st.h"
#include "model/arch.h"
#include "model/families/family.h"
#include "open/source.h"

typedef struct built {
    lx_source src;
    lx_arch arch;
} built;

/* what: a path or a catalogue name, as `llmxray info` takes it */
static built *build_from(const char *what)
{
    built *b = calloc(1, sizeof *b);
    lx_err err = {0};
    if (lx_source_open(what, &b->src, &err) != LX_OK) fail_msg("%s: %s", what, err.msg);
    if (lx_arch_build(&b->src, &b->arch, &err) != LX_OK) fail_msg("%s: %s", what, err.msg);
    return b;
}

static built *build(const char *config)
{
    char path[512];
    snprintf(path, sizeof path, "%s/configs/%s/config.json", LX_SHARED_DIR, config);
    return build_from(path);
}

static void unbuild(built *b)
{
    lx_arch_free(&b->arch);
    lx_source_free(&b->src);
    free(b);
}

/* ---------------------------------------------------------------- every config */


static void test_every_config_builds_and_adds_up(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/configs", LX_SHARED_DIR);
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || strchr(e->d_name, '.') == e->d_name) continue;
        char probe[1024];
        snprintf(probe, sizeof probe, "%s/%s/config.json", dir, e->d_name);
        FILE *f = fopen(probe, "rb");
        if (!f) continue;
        fclose(f);
        built *b = build(e->d_name);
        uint64_t sum = 0, layers = 0;
        for (int k = 0; k < LX_COMP_COUNT; k++) sum += b->arch.comp[k].params;
        for (int l = 0; l < b->arch.n_layers; l++) layers += b->arch.layers[l].params;
        if (sum != b->arch.towers.lm_params) fail_msg("%s: components %llu != language model %llu", e->d_name,
                                                      (unsigned long long)sum, (unsigned long long)b->arch.towers.lm_params);
        uint64_t parts = 0;
        for (int k = 0; k < b->arch.n_subs; k++) parts += b->arch.subs[k].params;
        if (parts != b->arch.total_params) fail_msg("%s: parts %llu != total %llu", e->d_name,
                                                    (unsigned long long)parts, (unsigned long long)b->arch.total_params);
        if (layers > b->arch.total_params) fail_msg("%s: layers hold more than the total", e->d_name);
        for (int w = 0; w < b->arch.n_warnings; w++)
            if (strstr(b->arch.warnings[w], "not one llmxray knows") || strstr(b->arch.warnings[w], "role table"))
                fail_msg("%s: %s", e->d_name, b->arch.warnings[w]);
        int mixes = 0;
        for (int m = 0; m < LX_MIX_COUNT; m++) mixes += b->arch.n_mixers[m];
        assert_int_equal(mixes, b->arch.n_layers);
        unbuild(b);
        n++;
    }
    closedir(d);
    assert_true(n >= 100);
}

/* ---------------------------------------------------------------- exact totals */

typedef struct total_case {
    const char *config;
    uint64_t params, kv;
} total_case;

/* Sources: "index" = the model.safetensors / pytorch_model.bin index beside the config
 * (total_size / bytes per parameter, buffers named in the row subtracted); "HF" = the
 * publisher's safetensors parameter count; "indep." = an independent count from the
 * family's modeling code (Python, written from transformers / llama.cpp shapes). KV is
 * K and V of every softmax-attention layer at 16 bits (K = V shared once; MLA: latent). */
static const total_case TOTALS[] = {
    {"qwen3-next-80b-a3b", 79674391296ull, 24576},     /* HF 81,324,862,720 - MTP 1,650,471,424 */
    {"qwen3.5-18b-reap-a3b", 18543997568ull, 20480},   /* index (no MTP in the checkpoint) */
    {"qwen3.5-27b", 26895998464ull, 65536},            /* HF 27,781,427,952 - MTP - vision 460,730,096 */
    {"qwen3-6-35b-a3b", 34660610688ull, 20480},        /* HF 35,951,822,704 - MTP - vision */
    {"qwen3-5-397b", 396346350336ull, 30720},          /* HF 403,397,928,944 - MTP - vision */
    {"nemotron-3-nano-30b-a3b", 31577940288ull, 6144}, /* llama.cpp n_params of the GGUF */
    {"nemotron-3-super-120b-a12b", 120668707840ull, 8192}, /* llama.cpp n_params, MTP apart */
    {"nemotron-h-56b", 56324350464ull, 40960},         /* indep. ("56B") */
    {"lfm2-1.2b", 1170340608ull, 12288},               /* HF */
    {"gemma-4-31b", 30697345340ull, 860160},           /* index 31,273,088,876 - vision 575,743,536 */
    {"gemma-4-26b-a4b", 25233141790ull, 215040},       /* HF 25,805,936,206 - vision 572,794,416 */
    {"gemma-4-e2b", 4628569379ull, 18432},             /* HF 5,123,178,979 - vision - audio - unused shared K/V */
    {"gemma-4-e4b", 7463013418ull, 57344},             /* HF 7,996,157,418 - vision - audio - unused shared K/V */
    {"medgemma-27b-it", 27009346304ull, 507904},       /* index 27,432,406,640 - vision 423,060,336 */
    {"deepseek-v3.2", 671877944064ull, 70272},         /* HF 685,355,329,792 - MTP 13,477,385,728 */
    {"deepseek-v4-flash-284b", 284332240471ull, 5536}, /* indep. inventory, MTP and hash tables apart */
    {"deepseek-v4-pro-1-6t", 1572997201763ull, 7928},  /* indep. inventory, MTP and hash tables apart */
    {"glm-4.5", 352797829024ull, 376832},              /* HF 358,337,791,296 - MTP 5,539,962,272 */
    {"glm-4-5-air-106b", 106852251264ull, 188416},     /* HF 110,468,824,832 - MTP 3,616,573,568 */
    {"glm-5", 743911218432ull, 89856},                 /* HF 753,864,139,008 - MTP 9,952,920,576 */
    {"kimi-k2-instruct", 1026408232448ull, 70272},     /* safetensors header recount */
    {"kimi-k2-5-1t", 1026408232448ull, 70272},         /* recount 1,026,879,376,368 - vision 471,143,920 */
    {"minimax-m2-230b", 228689764864ull, 253952},      /* HF */
    {"mimo-7b", 7622619136ull, 147456},                /* index 7,833,409,536 - MTP 210,790,400 */
    {"xiaomi-mimo-v2-flash-309b", 308778780864ull, 222720}, /* indep. ("309B"), MTP apart */
    {"tencent-hy3-preview-295b-a21b", 295033543488ull, 327680}, /* HF 298,786,155,776 - MTP */
    {"laguna-xs-2-33b", 33442617088ull, 163840},       /* HF */
    {"arcee-ai-trinity-large-400b", 398635286016ull, 245760}, /* HF */
    {"mistral-small-4-119b", 118972826624ull, 23040},  /* indep. 119,401,298,944 - vision 428,472,320 */
    {"mistral-small-3-1-24b", 23572403200ull, 163840}, /* HF 24,011,361,280 - vision 438,958,080 */
    {"smollm3-3b", 3075098624ull, 73728},              /* index */
    {"openelm", 271527168ull, 16128},                  /* indep. ("270M") */
    {"nemotron-super-49b-v1", 49867145216ull, 200704}, /* published bf16 count */
    {"falcon-40b", 41835970560ull, 122880},            /* index (lm_head stored) */
    {"falcon-180b-chat", 179522565120ull, 163840},     /* index (lm_head stored) */
    {"bloom-176b", 176247271424ull, 4014080},          /* index */
    {"mpt-7b-instruct", 6649286656ull, 524288},        /* index */
    {"gpt-j-6b", 6050882784ull, 458752},               /* index minus causal-mask buffers */
    {"phi-2-mixformer", 2779683840ull, 327680},        /* index (fp32) */
    {"redpajama-incite-7b-base", 6857302016ull, 524288}, /* index minus buffers */
    {"oasst-rm-2.1-pythia-1.4b", 1311594497ull, 196608}, /* index (fp32): trunk + score head */
    {"stable-code-3b", 2795443200ull, 327680},         /* index */
    {"command-r-v01", 34980831232ull, 1310720},        /* indep. ("35B") */
    {"baichuan2-13b-chat", 13896668160ull, 819200},    /* index */
    {"chatglm-6b", 6173286400ull, 458752},             /* published model.parameters() */
    {"chatglm2-6b", 6243584000ull, 28672},             /* index minus the inv_freq buffer */
    {"chatglm3-6b", 6243584000ull, 28672},             /* index minus the inv_freq buffer */
    {"internlm2.5-7b-chat", 7737708544ull, 131072},    /* index */
    {"qwen-7b-chat-cantonese", 7721324544ull, 524288}, /* index */
    {"openpangu-embedded-7b", 8030887936ull, 139264},  /* index minus inv_freq buffers */
    {"granite-3.1-1b-a400m-instruct", 1334628352ull, 49152}, /* index (fp32) */
    {"gemma-2b", 2506172416ull, 18432},                /* index */
    {"fuyu-8b", 9408238592ull, 589824},                /* index (patch embedding included) */
    {"minicpm-v", 3007703808ull, 368640},              /* index 3,434,965,792 - vision 427,261,984 */
    {"olmocr-7b-0225", 7615616512ull, 57344},          /* index 8,291,375,616 - vision 675,759,104 */
    {"qwen3-vl-8b-instruct", 8190735360ull, 147456},   /* HF 8,767,123,696 - vision 576,388,336 */
    {"bert-base-uncased-seqcls", 109483778ull, 0},     /* BertForSequenceClassification, 2 labels; an encoder: no cache */
    {"roberta-base-legacy", 124697433ull, 0},          /* RobertaForMaskedLM as on the hub */
    {"distilgpt2-legacy", 81912576ull, 18432},         /* HF, without model_type */
    /* encoder-decoders: the decoder's self-attention cache (cross-attention K/V are per source token) */
    {"t5-small", 60506624ull, 12288},                  /* T5ForConditionalGeneration, tied head */
    {"faster-whisper-tiny", 37760640ull, 6144},        /* Whisper tiny, published; sizes from alignment_heads */
};

static void test_exact_totals(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof TOTALS / sizeof TOTALS[0]; i++) {
        built *b = build(TOTALS[i].config);
        if (b->arch.towers.lm_params != TOTALS[i].params || b->arch.kv_bytes_per_token != TOTALS[i].kv) {
            print_error("%s: %llu params / %llu KV bytes, expected %llu / %llu\n", TOTALS[i].config,
                        (unsigned long long)b->arch.towers.lm_params, (unsigned long long)b->arch.kv_bytes_per_token,
                        (unsigned long long)TOTALS[i].params, (unsigned long long)TOTALS[i].kv);
            bad++;
        }
        unbuild(b);
    }
    assert_int_equal(bad, 0);
}

/* DeepSeek-V4-Flash's MTP module (the checkpoint's mtp.0.*, llama.cpp's blk.43.nextn.*), from
 * its shapes: one layer as layer 0-1 with a window-only compressor (compress_ratios[43] = 0)
 * — 6,576,416,374 — plus the router bias a hash layer lacks (256 experts) = 6,576,416,630;
 * e_proj and h_proj 2 x 4,096 x 4,096 = 33,554,432; enorm, hnorm, norm 3 x 4,096 = 12,288;
 * its hyper-connection head: fn 4 x (4 x 4,096) = 65,536, base 4, scale 1 = 65,541.
 * In all 6,610,048,891; the embedding and output head are the main model's. */
static void test_deepseek4_mtp(void **state)
{
    (void)state;
    built *b = build("deepseek-v4-flash-284b");
    assert_int_equal(b->arch.towers.params[LX_SUB_MTP], 6610048891ull);
    assert_int_equal(b->arch.towers.lm_params, 284332240471ull);
    assert_int_equal(b->arch.total_params, 284332240471ull + 6610048891ull);
    assert_int_equal(b->arch.towers.n_mtp, 1);
    /* its "other" parameters are all hyper-connections: 43 layers x 2 x (24 x 16,384 + 24 + 3)
     * + the head's 4 x 16,384 + 4 + 1 = 33,884,439, named so */
    assert_int_equal(b->arch.comp[LX_COMP_OTHER].params, 33884439ull);
    assert_string_equal(lx_arch_comp_label(&b->arch, LX_COMP_OTHER), "mHC hyper-connections");
    for (int i = 0; i < b->arch.n_warnings; i++) assert_null(strstr(b->arch.warnings[i], "multi-token"));
    unbuild(b);
}

/* Qwen3.6-27B (an NVFP4 release) names its vision config "qwen3_5_vision": the same tower as
 * Qwen3.5-27B's (27 layers of 1,152, merger to 5,120), and the same total, 27,781,427,952
 * (Qwen3.5-27B's HF safetensors count). */
static void test_qwen36_vision(void **state)
{
    (void)state;
    built *b = build("qwen3-6-27b"), *ref = build("qwen3.5-27b");
    assert_int_equal(b->arch.towers.params[LX_SUB_VISION], 415891440ull);
    assert_int_equal(b->arch.towers.params[LX_SUB_PROJECTOR], 44838656ull);
    assert_int_equal(b->arch.towers.params[LX_SUB_VISION], ref->arch.towers.params[LX_SUB_VISION]);
    assert_int_equal(b->arch.total_params, 27781427952ull);
    for (int i = 0; i < b->arch.n_warnings; i++) assert_null(strstr(b->arch.warnings[i], "not counted"));
    assert_string_equal(lx_arch_comp_label(&b->arch, LX_COMP_OTHER), "Other");
    unbuild(b);
    unbuild(ref);
}

/* Nemotron 3 Super's MTP module (mtp_hybrid_override_pattern "*E", llama.cpp's blk.88:
 * attention and MoE folded into one block), from its shapes (d 4,096): enorm, hnorm, final
 * norm 3 x 4,096 = 12,288; eh_proj 8,192 x 4,096 = 33,554,432; attention norm 4,096, Q and O
 * 2 x 4,096 x 4,096 + K and V 2 x 256 x 4,096 = 35,651,584; MoE norm 4,096, router 512 x 4,096
 * + bias 512, latent down and up 2 x 1,024 x 4,096 = 8,388,608, experts 2 x 512 x 2,688 x 1,024
 * = 2,818,572,288, shared expert 2 x 5,376 x 4,096 = 44,040,192. In all 2,942,325,248. */
static void test_nemotron_super_mtp(void **state)
{
    (void)state;
    built *b = build("nemotron-3-super-120b-a12b");
    assert_int_equal(b->arch.towers.params[LX_SUB_MTP], 2942325248ull);
    assert_int_equal(b->arch.towers.lm_params, 120668707840ull);
    assert_int_equal(b->arch.n_layers, 88);
    for (int i = 0; i < b->arch.n_warnings; i++) assert_null(strstr(b->arch.warnings[i], "multi-token"));
    unbuild(b);
}

/* A release whose weights are packed into plain integers or mix schemes is labelled by its
 * schemes, not by the container type (qwen3-6-27b stores NVFP4 as U8 beside FP8 layers; Kimi
 * K2.5 packs int4 into I32); a single float format keeps the storage name. */
static void test_quant_labels(void **state)
{
    (void)state;
    static const struct { const char *config, *label; } CASES[] = {
        {"qwen3-6-27b", "FP8 + NVFP4 (modelopt)"},
        {"kimi-k2-5-1t", "int4 (compressed-tensors)"},
        {"deepseek-v3-671b", "F8_E4M3"},
        {"gpt-oss-20b", "MXFP4"},
        {"qwen3-8b", "BF16"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        built *b = build(CASES[i].config);
        assert_string_equal(lx_arch_main_dtype(&b->arch), CASES[i].label);
        unbuild(b);
    }
}

/* The elements of the tensor named name in b (0 when there is none). */
static uint64_t elems_of(const built *b, const char *name)
{
    for (size_t i = 0; i < b->arch.tensors->n; i++)
        if (strcmp(b->arch.tensors->v[i].name, name) == 0) return b->arch.tensors->v[i].n_elems;
    return 0;
}

/* Step 3.5 Flash's 3 MTP modules (model.layers.45-47; llama.cpp step35 load_block_mtp, vLLM
 * step3p5_mtp): each a full Step 3.5 layer of the kind layer_types gives entries 45-47
 * (sliding: attention_other_setting's 96 heads, 8 KV groups, head_dim 128), outside
 * moe_layers_enum (dense, intermediate_size 11,264), plus its own head. By hand, d 4,096:
 * attention Q 12,288 x 4,096 = 50,331,648, K and V 2 x 1,024 x 4,096 = 8,388,608, O 50,331,648,
 * head-wise gate 96 x 4,096 = 393,216, QK norms 2 x 128, attention norm 4,096 = 109,449,472;
 * FFN norm 4,096 + 3 x 11,264 x 4,096 = 138,416,128; enorm, hnorm, shared_head.norm 3 x 4,096,
 * eh_proj 4,096 x 8,192 = 33,554,432, shared_head.output 128,896 x 4,096 = 527,958,016 =
 * 561,524,736. Per module 809,390,336; 3 modules 2,428,171,008. The main model keeps its
 * 196,956,130,368, as before.
 *
 * Ling 2's MTP layer (llama.cpp bailingmoe2: blk.N for N >= n_layer, nextn.* and
 * layer_out_norm; BailingMoeV2's MTP layer: enorm, hnorm, eh_proj, a MoE layer,
 * final_layernorm; embedding and head shared). Ling flash 2.0 (d 4,096, 32 heads, 4 KV, head
 * 128, 256 experts of 1,024, one shared of 1,024): fused QKV 5,120 x 4,096 = 20,971,520, O
 * 16,777,216, QK norms 256, 2 norms 8,192, router 256 x 4,096 = 1,048,576 + expert bias 256,
 * experts 3 x 256 x 1,024 x 4,096 = 3,221,225,472, shared 3 x 1,024 x 4,096 = 12,582,912: the
 * MoE layer 3,272,614,400; enorm, hnorm, final_layernorm 12,288, eh_proj 4,096 x 8,192 =
 * 33,554,432. In all 3,306,181,120. Ling-1T (d 8,192): its MoE layer 13,088,342,528 + 3 x
 * 8,192 + 8,192 x 16,384 = 13,222,584,832.
 *
 * ERNIE 4.5's MTP module (model.mtp_block.0 a dense Llama-style layer of intermediate_size,
 * mtp_emb_norm, mtp_hidden_norm, mtp_linear_proj 2d -> d without bias; the model's final
 * norm, embedding and head shared: vLLM's ernie_mtp). 21B-A3B (d 2,560, 20 heads, 4 KV,
 * head 128, FFN 12,288): Q and O 2 x 2,560 x 2,560, K and V 2 x 512 x 2,560, 2 norms, FFN
 * 3 x 12,288 x 2,560 = 110,105,600 (its layer 0's count); the two norms 5,120 and the
 * projection 2,560 x 5,120 = 13,107,200: 123,217,920. 300B-A47B (d 8,192, 64 heads, 8 KV,
 * FFN 28,672): its dense layer 855,654,400 + 2 x 8,192 + 8,192 x 16,384 = 989,888,512. */
static const struct { const char *slug; uint64_t mtp, without; int n_mtp; } MTP_COUNTS[] = {
    {"step-3.5-flash", 2428171008ull, 196956130368ull, 3},
    {"ling-flash-2.0", 3306181120ull, 102889705216ull, 1},
    {"ling-1t", 13222584832ull, 999705328640ull, 1},
    {"ernie-4.5-21b-a3b", 123217920ull, 21825437888ull, 1},
    {"ernie-4.5-300b-a47b", 989888512ull, 299484163264ull, 1},
};

/* The block kinds: what each MTP block holds, and does not (0). */
static const struct { const char *slug, *tensor; uint64_t elems; } MTP_TENSORS[] = {
    {"step-3.5-flash", "blk.45.attn_q.weight", 96ull * 128 * 4096}, /* sliding: 96 heads */
    {"step-3.5-flash", "blk.44.attn_q.weight", 64ull * 128 * 4096}, /* the full layer before it */
    {"step-3.5-flash", "blk.47.ffn_gate.weight", 11264ull * 4096},  /* dense */
    {"step-3.5-flash", "blk.47.ffn_gate_exps.weight", 0},
    {"step-3.5-flash", "blk.46.nextn.shared_head_head.weight", 128896ull * 4096},
    {"step-3.5-flash", "blk.46.nextn.embed_tokens.weight", 0},      /* the model's is shared */
    {"ling-flash-2.0", "blk.32.ffn_gate_exps.weight", 256ull * 1024 * 4096},
    {"ling-flash-2.0", "blk.32.nextn.shared_head_norm.weight", 4096}, /* final_layernorm */
    {"ling-flash-2.0", "blk.32.nextn.shared_head_head.weight", 0},
    {"ernie-4.5-21b-a3b", "blk.28.ffn_gate.weight", 12288ull * 2560}, /* dense, though layer 27 is MoE */
    {"ernie-4.5-21b-a3b", "blk.28.nextn.shared_head_norm.weight", 0},
};

static void test_mtp_blocks(void **state)
{
    (void)state;
    for (size_t r = 0; r < sizeof MTP_COUNTS / sizeof MTP_COUNTS[0]; r++) {
        built *b = build_from(MTP_COUNTS[r].slug);
        const lx_towers *t = &b->arch.towers;
        if (t->params[LX_SUB_MTP] != MTP_COUNTS[r].mtp || t->total_without_mtp != MTP_COUNTS[r].without ||
            b->arch.total_params != MTP_COUNTS[r].mtp + MTP_COUNTS[r].without || t->n_mtp != MTP_COUNTS[r].n_mtp)
            fail_msg("%s: MTP %llu (expected %llu), without %llu (expected %llu), %d modules", MTP_COUNTS[r].slug,
                     (unsigned long long)t->params[LX_SUB_MTP], (unsigned long long)MTP_COUNTS[r].mtp,
                     (unsigned long long)t->total_without_mtp, (unsigned long long)MTP_COUNTS[r].without, t->n_mtp);
        for (int i = 0; i < b->arch.n_warnings; i++) assert_null(strstr(b->arch.warnings[i], "multi-token"));
        for (size_t k = 0; k < sizeof MTP_TENSORS / sizeof MTP_TENSORS[0]; k++)
            if (strcmp(MTP_TENSORS[k].slug, MTP_COUNTS[r].slug) == 0 &&
                elems_of(b, MTP_TENSORS[k].tensor) != MTP_TENSORS[k].elems)
                fail_msg("%s: %s has %llu elements (expected %llu)", MTP_TENSORS[k].slug, MTP_TENSORS[k].tensor,
                         (unsigned long long)elems_of(b, MTP_TENSORS[k].tensor), (unsigned long long)MTP_TENSORS[k].elems);
        unbuild(b);
    }
}

/* ERNIE's own names for its MTP module in a safetensors file (model.mtp_block.0.*,
 * model.mtp_emb_norm.0, model.mtp_hidden_norm.0, model.mtp_linear_proj.0): the file's MTP part
 * is the config's. A tiny config (d 64, 4 heads of 16, 2 KV, FFN 128, layer 1 MoE): the dense
 * block's norms 2 x 64, Q and O 2 x 64 x 64, K and V 2 x 32 x 64, FFN 3 x 128 x 64 = 36,992;
 * the two norms 128 and the projection 64 x 128 = 8,192: 45,312. */
static const struct { const char *gguf, *hf; } ERNIE_MTP_NAMES[] = {
    {"nextn.enorm.", "model.mtp_emb_norm.0."}, {"nextn.hnorm.", "model.mtp_hidden_norm.0."},
    {"nextn.eh_proj.", "model.mtp_linear_proj.0."}, {"attn_norm.", "model.mtp_block.0.input_layernorm."},
    {"attn_q.", "model.mtp_block.0.self_attn.q_proj."}, {"attn_k.", "model.mtp_block.0.self_attn.k_proj."},
    {"attn_v.", "model.mtp_block.0.self_attn.v_proj."}, {"attn_output.", "model.mtp_block.0.self_attn.o_proj."},
    {"ffn_norm.", "model.mtp_block.0.post_attention_layernorm."}, {"ffn_gate.", "model.mtp_block.0.mlp.gate_proj."},
    {"ffn_up.", "model.mtp_block.0.mlp.up_proj."}, {"ffn_down.", "model.mtp_block.0.mlp.down_proj."},
};

static void ernie_mtp_name(const char *gguf, char *out, size_t cap)
{
    snprintf(out, cap, "%s", gguf);
    if (strncmp(gguf, "blk.2.", 6) != 0) return;
    for (size_t k = 0; k < sizeof ERNIE_MTP_NAMES / sizeof ERNIE_MTP_NAMES[0]; k++) {
        size_t n = strlen(ERNIE_MTP_NAMES[k].gguf);
        if (strncmp(gguf + 6, ERNIE_MTP_NAMES[k].gguf, n) == 0) {
            snprintf(out, cap, "%s%s", ERNIE_MTP_NAMES[k].hf, gguf + 6 + n);
            return;
        }
    }
    fail_msg("no ERNIE name for %s", gguf);
}

static void test_ernie_mtp_names(void **state)
{
    (void)state;
    char dir[512], cpath[600], spath[600], mk[700];
    snprintf(dir, sizeof dir, "%s/ernie-mtp", LX_TMP_DIR);
    snprintf(cpath, sizeof cpath, "%s/config.json", dir);
    snprintf(spath, sizeof spath, "%s/model.safetensors", dir);
    snprintf(mk, sizeof mk, "mkdir -p '%s'", dir);
    assert_int_equal(system(mk), 0);
    FILE *fp = fopen(cpath, "wb");
    assert_non_null(fp);
    fputs("{\"model_type\":\"ernie4_5_moe\",\"hidden_size\":64,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
          "\"num_key_value_heads\":2,\"head_dim\":16,\"intermediate_size\":128,\"vocab_size\":256,"
          "\"moe_num_experts\":4,\"moe_k\":2,\"moe_intermediate_size\":32,\"moe_layer_start_index\":1,"
          "\"num_nextn_predict_layers\":1,\"tie_word_embeddings\":true}", fp);
    fclose(fp);
    built *c = build_from(cpath);
    assert_int_equal(c->arch.towers.params[LX_SUB_MTP], 45312);
    lx_fx_st *f = lx_fx_st_new();
    for (size_t i = 0; i < c->arch.tensors->n; i++) {
        const lx_tensor *t = &c->arch.tensors->v[i];
        char name[256];
        ernie_mtp_name(t->name, name, sizeof name);
        int64_t shape[4];
        for (int d = 0; d < t->n_dims; d++) shape[d] = (int64_t)t->shape[d];
        lx_fx_st_tensor(f, name, "BF16", t->n_dims, shape);
    }
    assert_true(lx_fx_st_write(f, spath, NULL));
    lx_fx_st_free(f);
    built *b = build_from(dir);
    assert_true(b->src.has_tensors);
    assert_int_equal(b->arch.towers.params[LX_SUB_MTP], 45312);
    assert_int_equal(b->arch.total_params, c->arch.total_params);
    assert_int_equal(b->arch.towers.total_without_mtp, c->arch.towers.total_without_mtp);
    for (int i = 0; i < b->arch.n_warnings; i++)
        if (strstr(b->arch.warnings[i], "role table") || strstr(b->arch.warnings[i], "not counted"))
            fail_msg("%s", b->arch.warnings[i]);
    unbuild(b);
    unbuild(c);
    remove(cpath);
    remove(spath);
    remove(dir);
}

/* ---------------------------------------------------------------- layer mixes */

static int mix_of(const lx_arch *a, const char *label)
{
    int n = 0;
    for (int l = 0; l < a->n_layers; l++) n += strcmp(lx_layer_label(&a->layers[l]), label) == 0;
    return n;
}

static void test_layer_mixes(void **state)
{
    (void)state;
    built *b = build("qwen3-next-80b-a3b");
    assert_int_equal(mix_of(&b->arch, "full"), 12);
    assert_int_equal(mix_of(&b->arch, "gated_deltanet"), 36);
    assert_true(b->arch.motif.found);
    assert_int_equal(b->arch.motif.unit, 4);
    assert_int_equal(b->arch.motif.repeat, 12);
    assert_true(b->arch.layers[3].bits & LX_LAYER_GATED); /* gated attention */
    unbuild(b);

    b = build("nemotron-3-nano-30b-a3b");
    assert_int_equal(mix_of(&b->arch, "full"), 6);
    assert_int_equal(mix_of(&b->arch, "mamba2"), 23);
    assert_int_equal(mix_of(&b->arch, "moe"), 23);
    assert_true(b->arch.layers[0].rope_theta == 0); /* Nemotron-H attention has no RoPE */
    unbuild(b);

    b = build("llama-4-maverick-400b");
    assert_int_equal(mix_of(&b->arch, "chunked"), 36);
    assert_int_equal(mix_of(&b->arch, "full"), 12);
    assert_int_equal(b->arch.layers[0].window, 8192);
    assert_true(b->arch.layers[3].rope_theta == 0); /* every fourth layer NoPE */
    unbuild(b);

    b = build("medgemma-27b-it"); /* Gemma 3 27B: 10 x [5 sliding, 1 full] + 2 sliding */
    assert_int_equal(mix_of(&b->arch, "sliding"), 52);
    assert_int_equal(mix_of(&b->arch, "full"), 10);
    assert_int_equal(b->arch.motif.prefix, 0);
    assert_int_equal(b->arch.motif.unit, 6);
    assert_int_equal(b->arch.motif.repeat, 10);
    assert_int_equal(b->arch.motif.suffix, 2);
    assert_true(b->arch.layers[0].rope_theta == 10000.0);   /* local */
    assert_true(b->arch.layers[5].rope_theta == 1000000.0); /* global */
    unbuild(b);

    b = build("smollm3-3b");
    int nope = 0;
    for (int l = 0; l < b->arch.n_layers; l++) nope += b->arch.layers[l].rope_theta == 0;
    assert_int_equal(nope, 9);
    unbuild(b);

    b = build("lfm2-1.2b");
    assert_int_equal(mix_of(&b->arch, "conv"), 10);
    assert_int_equal(mix_of(&b->arch, "full"), 6);
    unbuild(b);

    b = build("gemma-4-e2b");
    int shared = 0;
    for (int l = 0; l < b->arch.n_layers; l++) shared += (b->arch.layers[l].bits & LX_LAYER_KV_SHARED) != 0;
    assert_int_equal(shared, 20);
    assert_int_equal(b->arch.layers[34].kv_bytes, 0);
    unbuild(b);
}

/* ---------------------------------------------------------------- motifs */

/* The motif's labels joined, "mamba2 moe full", layers [from, from + n). */
static void labels_of(const lx_arch *a, int from, int n, char *out, size_t cap)
{
    out[0] = '\0';
    for (int i = from; i < from + n; i++) {
        size_t k = strlen(out);
        snprintf(out + k, cap - k, "%s%s", k ? " " : "", lx_layer_label(&a->layers[i]));
    }
}

static void assert_motif(const char *config, int prefix, int unit, int repeat, int suffix, bool irregular,
                         const char *labels)
{
    built *b = build(config);
    const lx_motif *m = &b->arch.motif;
    char got[512];
    assert_true(m->found);
    assert_int_equal(m->prefix, prefix);
    assert_int_equal(m->unit, unit);
    assert_int_equal(m->repeat, repeat);
    assert_int_equal(m->suffix, suffix);
    assert_int_equal(m->irregular_tail, irregular);
    labels_of(&b->arch, m->prefix, m->unit, got, sizeof got);
    assert_string_equal(got, labels);
    unbuild(b);
}

/* Units found by hand from each config's pattern: Nemotron 3 Nano's
 * "MEMEM*E" x 5 then 17 layers that repeat nothing (as the gallery draws it: "5 x [Mamba-2 ·
 * MoE · Mamba-2 · MoE · Mamba-2 · attention · MoE] ..."); Nemotron-H 56B's "M-M-M-M*-M-" x 10 +
 * "M-M-M-M-"; Nemotron 3 Super's attention every 9, 11 x 5 and 9 layers, so its 11-layer unit
 * starts at layer 18; Gemma 4 E4B's 4 x [5 sliding, 1 full] before 18 shared-K/V layers; LFM2's
 * attention at 2, 5, 8, 10, 12, 14: 7 layers, 4 x [conv, full], conv (a regular tail). */
static void test_motifs_with_irregular_tails(void **state)
{
    (void)state;
    assert_motif("nemotron-3-nano-30b-a3b", 0, 7, 5, 17, true, "mamba2 moe mamba2 moe mamba2 full moe");
    assert_motif("nemotron-h-56b", 0, 11, 10, 8, true, "mamba2 mlp mamba2 mlp mamba2 mlp mamba2 full mlp mamba2 mlp");
    assert_motif("nemotron-3-super-120b-a12b", 18, 11, 5, 15, true,
                 "mamba2 moe mamba2 moe mamba2 moe mamba2 full moe mamba2 moe");
    assert_motif("gemma-4-e4b", 0, 6, 4, 18, true, "sliding sliding sliding sliding sliding full");
    assert_motif("lfm2-1.2b", 7, 2, 4, 1, false, "conv full");
    assert_motif("medgemma-27b-it", 0, 6, 10, 2, false, "sliding sliding sliding sliding sliding full");
    assert_motif("qwen3-next-80b-a3b", 0, 4, 12, 0, false, "gated_deltanet gated_deltanet gated_deltanet full");
}

/* A pattern whose repeats cover less than half the stack has no motif (drawn per kind). */
static void test_motif_that_never_repeats(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/motif_none.json", LX_TMP_DIR);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"model_type\":\"nemotron_h\",\"hidden_size\":64,\"num_hidden_layers\":10,"
          "\"hybrid_override_pattern\":\"M*-MM-*M-M\",\"num_attention_heads\":4,\"num_key_value_heads\":2,"
          "\"head_dim\":16,\"mamba_num_heads\":4,\"mamba_head_dim\":16,\"n_groups\":2,\"ssm_state_size\":8,"
          "\"conv_kernel\":4,\"intermediate_size\":96,\"vocab_size\":256}", f);
    fclose(f);
    lx_source src;
    lx_arch a;
    lx_err err = {0};
    assert_int_equal(lx_source_open(path, &src, &err), LX_OK);
    assert_int_equal(lx_arch_build(&src, &a, &err), LX_OK);
    assert_false(a.motif.found);
    assert_int_equal(a.motif.prefix + a.motif.unit * a.motif.repeat + a.motif.suffix, 10);
    lx_arch_free(&a);
    lx_source_free(&src);
}

/* ---------------------------------------------------------------- one layer by hand */

/* Qwen3-Next's layer 0, a Gated DeltaNet layer, from its shapes (H 2048; 16 key heads and 32
 * value heads of 128; conv 4): qkv 2048 x (2*2048 + 4096) + z 2048 x 4096 + beta/alpha
 * 2048 x 64 + conv 8192 x 4 + dt 32 + A 32 + norm 128 + out 4096 x 2048. */
static void test_one_gated_deltanet_layer(void **state)
{
    (void)state;
    built *b = build("qwen3-next-80b-a3b");
    uint64_t expect = 2048ull * 8192 + 2048ull * 4096 + 2048ull * 64 + 8192ull * 4 + 32 + 32 + 128 + 4096ull * 2048;
    uint64_t got = 0;
    for (size_t i = 0; i < b->arch.tensors->n; i++)
        if (b->arch.roles[i].layer == 0) {
            lx_role r = b->arch.roles[i].role;
            bool mixer = r == LX_ROLE_ATTN_QKV || r == LX_ROLE_ATTN_GATE || r == LX_ROLE_SSM_BA || r == LX_ROLE_SSM_CONV ||
                         r == LX_ROLE_SSM_DT || r == LX_ROLE_SSM_A || r == LX_ROLE_SSM_NORM || r == LX_ROLE_SSM_OUT;
            if (mixer) got += b->arch.tensors->v[i].n_elems;
        }
    assert_int_equal(got, expect);
    assert_int_equal(b->arch.layers[0].mixer, LX_MIX_GDN);
    assert_int_equal(b->arch.layers[0].kv_bytes, 0);
    /* state: 32 value heads x 128 x 128 + conv tail 3 x 8192, at 16 bits */
    assert_int_equal(b->arch.layers[0].state_bytes, (32ull * 128 * 128 + 3ull * 8192) * 2);
    unbuild(b);
}

/* Nemotron-3-Nano's layer 0, a Mamba-2 layer (H 2688, 64 heads of 64 -> d_inner 4096, 8
 * groups, state 128, conv 4): in 2688 x (2*4096 + 2*8*128 + 64) + conv (4096 + 2048) x 4 +
 * conv bias 6144 + dt/A/D 3 x 64 + norm 4096 + out 4096 x 2688, plus its norm 2688. */
static void test_one_mamba2_layer(void **state)
{
    (void)state;
    built *b = build("nemotron-3-nano-30b-a3b");
    assert_int_equal(b->arch.layers[0].mixer, LX_MIX_MAMBA2);
    uint64_t H = b->arch.hp.d_model, di = b->arch.hp.ssm_d_inner;
    assert_int_equal(H, 2688);
    assert_int_equal(di, 4096);
    uint64_t expect = H * (2 * di + 2 * 8 * 128 + 64) + (di + 2048) * 4 + (di + 2048) + 3 * 64 + di + di * H + H;
    assert_int_equal(b->arch.layers[0].params, expect);
    assert_int_equal(b->arch.layers[0].ffn, LX_FFN_NONE);
    unbuild(b);
}

/* LFM2-1.2B's layer 0, a short convolution (H 2048, L_cache 3) with its SwiGLU FFN of 8192:
 * in 3H x H + conv H x 3 + out H x H + 2 norms + 3 x H x 8192. */
static void test_one_conv_layer(void **state)
{
    (void)state;
    built *b = build("lfm2-1.2b");
    uint64_t H = 2048;
    assert_int_equal(b->arch.layers[0].mixer, LX_MIX_CONV);
    assert_int_equal(b->arch.layers[0].params, 3 * H * H + H * 3 + H * H + 2 * H + 3 * H * 8192);
    assert_int_equal(b->arch.layers[0].state_bytes, H * 2 * 2);
    unbuild(b);
}

/* ---------------------------------------------------------------- the registry itself */

static void test_registry_is_consistent(void **state)
{
    (void)state;
    size_t n = lx_family_count();
    assert_true(n >= 60);
    for (size_t i = 0; i < n; i++) {
        const lx_family *f = lx_family_at(i);
        assert_non_null(f->name);
        assert_non_null(f->label);
        assert_non_null(f->position);
        assert_non_null(f->norm);
        for (const char *const *t = f->hf_types; t && *t; t++)
            if (lx_family_by_hf_type(*t) != f) fail_msg("model_type %s is claimed by two records", *t);
        if (f->gguf_arch && lx_family_by_gguf(f->gguf_arch) != f) fail_msg("GGUF arch %s twice", f->gguf_arch);
        if (!lx_family_by_name(f->name)) fail_msg("%s not found by name", f->name);
    }
    assert_null(lx_family_by_hf_type("no_such_model"));
    assert_string_equal(lx_family_by_hf_class("DeepseekV3ForCausalLM")->name, "deepseek2");
    assert_string_equal(lx_family_by_hf_class("Qwen3MoeForCausalLM")->name, "qwen3moe");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_config_builds_and_adds_up),
        cmocka_unit_test(test_exact_totals),
        cmocka_unit_test(test_deepseek4_mtp),
        cmocka_unit_test(test_qwen36_vision),
        cmocka_unit_test(test_nemotron_super_mtp),
        cmocka_unit_test(test_mtp_blocks),
        cmocka_unit_test(test_ernie_mtp_names),
        cmocka_unit_test(test_quant_labels),
        cmocka_unit_test(test_layer_mixes),
        cmocka_unit_test(test_motifs_with_irregular_tails),
        cmocka_unit_test(test_motif_that_never_repeats),
        cmocka_unit_test(test_one_gated_deltanet_layer),
        cmocka_unit_test(test_one_mamba2_layer),
        cmocka_unit_test(test_one_conv_layer),
        cmocka_unit_test(test_registry_is_consistent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
