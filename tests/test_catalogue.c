/* Tests model/catalogue and `llmxray list`: every entry parses and synthesizes, and the
 * totals of well-known models equal independently published parameter counts (source in
 * each row's comment; none of these numbers is stored in the product code). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "model/arch.h"
#include "model/catalogue.h"
#include "model/synth.h"
#include "open/source.h"

static uint64_t catalogue_total(const char *name, lx_hparams *hp)
{
    lx_err err = {0};
    if (lx_catalogue_load(name, hp, &err) != LX_OK) fail_msg("%s: %s", name, err.msg);
    lx_tensors t;
    lx_tensors_init(&t);
    if (lx_synth_tensors(hp, &t, &err) != LX_OK) fail_msg("%s: %s", name, err.msg);
    uint64_t n = lx_synth_count(&t);
    lx_tensors_free(&t);
    return n;
}

/* Builds entry slug as `llmxray info <slug>` does; a is the caller's, freed by the caller. */
static void catalogue_arch(const char *slug, lx_source *src, lx_arch *a)
{
    lx_err err = {0};
    memset(src, 0, sizeof *src);
    lx_tensors_init(&src->tensors);
    src->format = LX_FMT_CATALOGUE;
    if (lx_catalogue_load(slug, &src->hp, &err) != LX_OK) fail_msg("%s: %s", slug, err.msg);
    if (lx_arch_build(src, a, &err) != LX_OK) fail_msg("%s: %s", slug, err.msg);
}

static void test_every_entry_parses_and_synthesizes(void **state)
{
    (void)state;
    assert_true(lx_catalogue_count() >= 80);
    lx_source *src = calloc(1, sizeof *src);
    lx_arch *a = calloc(1, sizeof *a);
    assert_non_null(src);
    assert_non_null(a);
    for (size_t i = 0; i < lx_catalogue_count(); i++) {
        const lx_catalogue_entry *e = lx_catalogue_at(i);
        lx_hparams hp;
        uint64_t n = catalogue_total(e->slug, &hp);
        assert_true(n > 0);
        assert_string_equal(hp.name, e->display);
        if (!lx_synth_supports(hp.family)) fail_msg("%s: family '%s' has no tensor recipe", e->slug, hp.family);
        for (const char *p = e->slug; *p; p++) assert_false(*p >= 'A' && *p <= 'Z');
        assert_true(strlen(e->description) > 10);
        assert_non_null(strstr(e->description, "config.json")); /* names where the numbers come from */
        assert_ptr_equal(lx_catalogue_find(e->slug), e);       /* slugs and names are unique */
        assert_ptr_equal(lx_catalogue_find(e->display), e);
        /* The model as info builds it: same total, components adding up to it, one label per layer. */
        catalogue_arch(e->slug, src, a);
        assert_int_equal(a->total_params, n);
        uint64_t sum = 0;
        for (int c = 0; c < LX_COMP_COUNT; c++) sum += a->comp[c].params;
        if (sum != a->towers.lm_params) /* the language model's; towers and MTP modules are components apart */
            fail_msg("%s: components add up to %llu, language model %llu", e->slug, (unsigned long long)sum,
                     (unsigned long long)a->towers.lm_params);
        assert_true(a->active_params > 0 && a->active_params <= n);
        /* Encoder-decoders (T5) have no per-layer model yet (issue 9); every other entry has one. */
        if (a->n_layers <= 0 && strcmp(hp.family, "t5") != 0) fail_msg("%s: no layers", e->slug);
        for (int l = 0; l < a->n_layers; l++) assert_non_null(lx_layer_label(&a->layers[l]));
        for (int w = 0; w < a->n_warnings; w++)
            if (strstr(a->warnings[w], "unknown")) fail_msg("%s: %s", e->slug, a->warnings[w]);
        lx_arch_free(a);
        lx_source_free(src);
    }
    assert_null(lx_catalogue_at(lx_catalogue_count()));
    free(a);
    free(src);
}

typedef struct published {
    const char *slug;
    uint64_t params;
} published;

static const published PUBLISHED[] = {
    {"gpt2", 124439808ull},            /* HF safetensors metadata of openai-community/gpt2 */
    {"gpt2-xl", 1557611200ull},        /* PyTorch count of GPT2LMHeadModel gpt2-xl, widely reproduced */
    {"llama-2-7b", 6738415616ull},     /* HF safetensors metadata, meta-llama/Llama-2-7b-hf */
    {"llama-2-13b", 13015864320ull},   /* HF safetensors metadata, meta-llama/Llama-2-13b-hf */
    {"llama-2-70b", 68976648192ull},   /* HF safetensors metadata, meta-llama/Llama-2-70b-hf */
    {"llama-3.2-1b", 1235814400ull},   /* HF safetensors metadata, meta-llama/Llama-3.2-1B */
    {"llama-3.2-3b", 3212749824ull},   /* HF safetensors metadata, meta-llama/Llama-3.2-3B */
    {"llama-3.1-8b", 8030261248ull},   /* HF safetensors metadata, meta-llama/Llama-3.1-8B */
    {"llama-3.1-70b", 70553706496ull}, /* HF safetensors metadata, meta-llama/Llama-3.1-70B */
    {"llama-3.1-405b", 405853388800ull}, /* HF safetensors metadata, meta-llama/Llama-3.1-405B */
    /* Llama 4 Scout text model: the checkpoint's 108,641,793,536 minus 871,932,416 of vision
     * encoder and projector (published breakdown of the safetensors metadata). */
    {"llama-4-scout", 107769861120ull},
    {"mistral-7b", 7241732096ull},     /* HF safetensors metadata, mistralai/Mistral-7B-v0.1 */
    {"mixtral-8x7b", 46702792704ull},  /* HF safetensors metadata, mistralai/Mixtral-8x7B-v0.1 */
    {"mixtral-8x22b", 140620634112ull}, /* HF safetensors metadata of the 8x22B architecture (WizardLM-2-8x22B) */
    {"qwen2.5-7b", 7615616512ull},     /* HF safetensors metadata, Qwen/Qwen2.5-7B */
    {"qwen2.5-72b", 72706203648ull},   /* HF safetensors metadata, Qwen/Qwen2.5-72B-Instruct */
    {"qwen3-8b", 8190735360ull},       /* HF safetensors metadata, Qwen/Qwen3-8B */
    {"qwen3-30b-a3b", 30532122624ull}, /* HF safetensors metadata, Qwen/Qwen3-30B-A3B */
    {"qwen3-235b-a22b", 235093634560ull}, /* HF safetensors metadata, Qwen/Qwen3-235B-A22B */
    {"gemma-2-2b", 2614341888ull},     /* HF safetensors metadata, google/gemma-2-2b */
    {"gemma-2-9b", 9241705984ull},     /* HF safetensors metadata, google/gemma-2-9b */
    {"gemma-3-4b", 3880263168ull},     /* Gemma3TextModel of google/gemma-3-4b-it (checkpoint 4,300,079,472 with vision) */
    {"gemma-3-27b", 27009346304ull},   /* text model of google/gemma-3-27b-it, from its safetensors (card 27.4B with SigLIP) */
    {"phi-3-mini", 3821079552ull},     /* HF safetensors metadata, microsoft/Phi-3-mini-4k-instruct */
    {"deepseek-v3", 671026419200ull},  /* main model without MTP: the card's 671B, PyTorch recount */
    {"gpt-oss-20b", 20914757184ull},   /* GGUF general.parameter_count (ollama), card 20.91B */
    {"gpt-oss-120b", 116829156672ull}, /* PyTorch/GGUF count, card 116.83B */
    {"olmo-2-7b", 7298617344ull},      /* HF safetensors metadata, allenai/OLMo-2-1124-7B */
    /* ---- Grown catalogue. "HF" = the Hugging Face safetensors metadata total of the named
     * repository; "index" = total_size of the index file beside the config in ../shared/configs
     * (see its SOURCES.tsv); "notes" = the verified research notes (families' .md files).
     * llmxray counts text models without vision towers or MTP layers: where a checkpoint
     * holds those, the row is the published number minus them, as each comment says. */
    {"llama-3-8b", 8030261248ull},        /* HF, meta-llama/Meta-Llama-3-8B */
    {"tinyllama-1.1b", 1100048384ull},    /* HF, TinyLlama/TinyLlama-1.1B-Chat-v1.0 */
    /* Llama 4 Maverick: HF 401,583,781,376 minus the same 871,932,416 of vision as Scout */
    {"llama-4-maverick", 400711848960ull},
    {"mistral-small-3.1", 23572403200ull}, /* HF 24,011,361,280 minus vision 438,958,080 */
    {"devstral-small", 23572403200ull},   /* index of mistralai/Devstral-Small-2507 */
    {"qwen-7b", 7721324544ull},           /* index of the Qwen-7B-Chat copy */
    {"qwen2.5-14b", 14765947904ull},      /* index (cogito-v1-preview-qwen-14B, Qwen2.5-14B shapes) */
    /* Qwen3 0.6B: HF 751,632,384 stores the tied lm_head a second time (151,936 x 1,024) */
    {"qwen3-0.6b", 596049920ull},
    {"qwen3-4b", 4022468096ull},          /* HF, Qwen/Qwen3-4B (and GGUF general.parameter_count) */
    {"qwen3-32b", 32762123264ull},        /* HF, Qwen/Qwen3-32B */
    /* Qwen3 Coder 30B-A3B: Qwen3-30B-A3B's shapes (context apart), so its HF total; card "30.5B" */
    {"qwen3-coder-30b-a3b", 30532122624ull},
    {"qwen3-coder-480b-a35b", 480154875392ull}, /* HF, Qwen/Qwen3-Coder-480B-A35B-Instruct */
    {"qwen3-vl-8b", 8190735360ull},       /* HF 8,767,123,696 minus vision 576,388,336 */
    {"qwen3-next-80b-a3b", 79674391296ull}, /* HF 81,324,862,720 minus MTP 1,650,471,424 */
    {"qwen3.5-27b", 26895998464ull},      /* HF 27,781,427,952 minus MTP and vision (notes qwen3_5.md) */
    {"qwen3.6-27b", 26895998464ull},      /* HF 27,781,427,952 (same shapes) minus MTP and vision */
    {"qwen3.5-397b-a17b", 396346350336ull}, /* HF 403,397,928,944 minus MTP and vision (notes) */
    {"qwen3.6-35b-a3b", 34660610688ull},  /* HF 35,951,822,704 minus MTP and vision (notes) */
    {"gemma-2b", 2506172416ull},          /* index of google/gemma-2b */
    {"gemma-3-270m", 268098176ull},       /* GGUF general.parameter_count and Keras preset of gemma3_270m */
    {"gemma-4-e2b", 4628569379ull},       /* HF 5,123,178,979 minus vision, audio, unused shared K/V (notes) */
    {"gemma-4-e4b", 7463013418ull},       /* HF 7,996,157,418 minus vision, audio, unused shared K/V (notes) */
    {"gemma-4-31b", 30697345340ull},      /* index 31,273,088,876 minus vision 575,743,536 */
    {"gemma-4-26b-a4b", 25233141790ull},  /* HF 25,805,936,206 minus vision 572,794,416 */
    {"phi-2", 2779683840ull},             /* index (fp32) of microsoft/phi-2 */
    {"phi-4", 14659507200ull},            /* GGUF general.parameter_count of microsoft/phi-4 */
    /* DeepSeek-R1 has V3's shapes: the card's 671B main model (685B with the 14B MTP module) */
    {"deepseek-r1", 671026419200ull},
    {"deepseek-v3.2", 671877944064ull},   /* HF 685,355,329,792 minus MTP 13,477,385,728 */
    {"deepseek-v4-flash", 284332240471ull}, /* notes: HF-verified inventory, MTP and hash tables apart */
    {"deepseek-v4-pro", 1572997201763ull},  /* notes: HF-verified inventory, MTP and hash tables apart */
    {"kimi-k2", 1026408232448ull},        /* notes: safetensors header recount of moonshotai/Kimi-K2-Instruct */
    {"kimi-k2.5", 1026408232448ull},      /* notes: recount 1,026,879,376,368 minus vision 471,143,920 */
    {"kimi-k2.6", 1026408232448ull},      /* notes: as K2.5, same shapes */
    {"glm-4.5", 352797829024ull},         /* HF 358,337,791,296 minus MTP 5,539,962,272 */
    {"glm-4.5-air", 106852251264ull},     /* HF 110,468,824,832 minus MTP 3,616,573,568 */
    {"glm-4.7", 352797829024ull},         /* HF of GLM-4.7 358,337,791,296 (= GLM-4.5) minus MTP */
    {"glm-5", 743911218432ull},           /* HF 753,864,139,008 minus MTP 9,952,920,576 */
    {"glm-5.1", 743911218432ull},         /* HF of GLM-5.1 753,864,139,008 (= GLM-5) minus MTP */
    {"chatglm3-6b", 6243584000ull},       /* index minus the inv_freq buffer */
    {"minimax-m2", 228689764864ull},      /* HF, MiniMaxAI/MiniMax-M2 */
    {"minimax-m2.5", 228689764864ull},    /* HF (the repo adds 13,880,064 FP8 scales) */
    {"minimax-m2.7", 228689764864ull},    /* HF (notes minimax_m2.md) */
    {"mimo-7b", 7622619136ull},           /* index 7,833,409,536 minus MTP 210,790,400 */
    {"hy3-preview", 295033543488ull},     /* HF 298,786,155,776 minus MTP */
    {"smollm3-3b", 3075098624ull},        /* index of HuggingFaceTB/SmolLM3-3B */
    {"trinity-large", 398635286016ull},   /* HF, arcee-ai Trinity Large */
    {"laguna-xs.2", 33442617088ull},      /* HF, poolside Laguna XS.2 */
    {"nemotron-3-nano", 31577940288ull},  /* llama.cpp n_params of the GGUF */
    {"nemotron-3-super", 120668707840ull}, /* llama.cpp n_params, MTP 2,942,325,248 apart */
    {"lfm2-1.2b", 1170340608ull},         /* HF, LiquidAI/LFM2-1.2B */
    {"falcon-40b", 41835970560ull},       /* index (lm_head stored) */
    {"falcon-180b", 179522565120ull},     /* index (lm_head stored) */
    {"bloom-176b", 176247271424ull},      /* index */
    {"mpt-7b", 6649286656ull},            /* index */
    {"gpt-j-6b", 6050882784ull},          /* index minus causal-mask buffers */
    {"redpajama-incite-7b", 6857302016ull}, /* index minus buffers */
    {"stable-code-3b", 2795443200ull},    /* index */
    {"baichuan2-13b", 13896668160ull},    /* index */
    {"internlm-20b", 20088714240ull},     /* index */
    {"internlm2.5-7b", 7737708544ull},    /* index */
    {"openpangu-embedded-7b", 8030887936ull}, /* index minus inv_freq buffers */
    {"granite-3b-code", 3482503680ull},   /* index */
    {"granite-3.1-1b-a400m", 1334628352ull}, /* index (fp32) */
    {"fuyu-8b", 9408238592ull},           /* index (patch embedding included) */
    {"minicpm-v", 3007703808ull},         /* index 3,434,965,792 minus vision 427,261,984 */
    /* Families without a config in ../shared/configs: the publisher's config.json hyper-parameters
     * as given, with their exact totals, in the research notes (notes/fam/<family>.md). */
    {"olmo-3-7b", 7298011136ull},         /* notes olmo3.md: num_params of a public run of Olmo-3-1025-7B */
    {"olmo-3-32b", 32233522176ull},       /* notes olmo3.md: Olmo-3-1125-32B */
    {"xlstm-7b", 6865424896ull},          /* notes xlstm.md: NX-AI/xLSTM-7b, HF "6.87B" */
    {"mamba-130m", 129135360ull},         /* notes mamba.md: state-spaces/mamba-130m-hf */
    {"mamba-2.8b", 2768345600ull},        /* notes mamba.md: state-spaces/mamba-2.8b-hf */
    {"mamba-codestral-7b", 7285403648ull}, /* notes mamba2.md: mistralai/Mamba-Codestral-7B-v0.1 */
    {"jamba-v0.1", 51570323328ull},       /* notes jamba.md: ai21labs/Jamba-v0.1 */
    {"falcon-h1-7b", 7585648736ull},      /* notes falcon_h1.md: 751 tensors of tiiuae/Falcon-H1-7B */
    {"granite-4.0-h-small", 32207337984ull}, /* notes granitemoehybrid.md: HF/GGUF n_params */
    {"exaone-4.0-32b", 32003216384ull},   /* notes exaone4.md */
    {"exaone-4.0-1.2b", 1279391488ull},   /* notes exaone4.md */
    {"starcoder2-15b", 15957889024ull},   /* notes starcoder2.md */
    {"starcoder", 15517456384ull},        /* notes gpt_bigcode.md: a published table */
    {"opt-125m", 125239296ull},           /* notes opt.md: HF 125,239,296 */
    {"opt-350m", 331196416ull},           /* notes opt.md */
    {"phi-3.5-moe", 41873153344ull},      /* notes phimoe.md: microsoft/Phi-3.5-MoE-instruct */
    {"kimi-linear-48b-a3b", 49122681728ull}, /* index total_parameters (notes fam2/kimi_linear.md) */
    {"grok-2.5", 269515497472ull}, /* per-tensor breakdown of xai-org/grok-2 (notes fam2/grok.md) */
    {"tiny-aya", 3349227520ull}, /* published count (notes fam2/cohere2.md) */
    {"ling-mini-2.0", 16255643392ull}, /* shard headers (notes fam2/bailing_moe_v2.md) */
    {"sarvam-30b", 32152650368ull}, /* checkpoint count (notes fam2/sarvam_moe.md) */
    {"lfm2.5-1.2b", 1170340608ull}, /* same shapes as LFM2-1.2B (notes fam2/lfm2_5.md) */
    {"seed-oss-36b", 36151104512ull}, /* index metadata (notes fam2/seed_oss.md) */
    {"apertus-8b", 8053338240ull}, /* release checkpoint (notes fam2/apertus.md) */
    {"glm-4-9b-0414", 9400279040ull}, /* safetensors count (notes fam2/glm4.md) */
    {"hunyuan-a13b", 80393183232ull}, /* safetensors headers (notes fam2/hunyuan_v1_moe.md) */
    {"bert-base-uncased", 109482240ull}, /* BertModel with pooler, PyTorch count */
    /* T5ForConditionalGeneration, PyTorch count; the hub file holds 60,506,880: 256 more in an unused
     * decoder.block.0 EncDecAttention.relative_attention_bias (huggingface/safetensors temp.md) */
    {"t5-small", 60506624ull},
    /* these equal the hub files' safetensors totals (huggingface/safetensors temp.md@01b9ce0) */
    {"roberta-base", 124697433ull},            /* RobertaForMaskedLM, no pooler */
    {"distilbert-base-uncased", 66985530ull},  /* DistilBertForMaskedLM, no token types */
    {"flan-t5-base", 247577856ull},            /* T5 v1.1: gated GELU, untied head */
    {"bart-base", 139420416ull},               /* shared embedding, two position tables */
    /* XLMRobertaForMaskedLM; the hub file holds 278,885,778: 590,592 more in an unused pooler */
    {"xlm-roberta-base", 278295186ull},
    {"modernbert-base", 149655232ull},         /* ModernBertForMaskedLM (tests/test_encdec.c works it out) */
};

static void test_published_totals(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof PUBLISHED / sizeof PUBLISHED[0]; i++) {
        lx_source src;
        lx_arch a;
        catalogue_arch(PUBLISHED[i].slug, &src, &a); /* publishers quote the language model */
        uint64_t n = a.towers.lm_params;
        lx_arch_free(&a);
        lx_source_free(&src);
        if (n == PUBLISHED[i].params) continue;
        print_error("%s: synthesized %llu, published %llu\n", PUBLISHED[i].slug, (unsigned long long)n,
                    (unsigned long long)PUBLISHED[i].params);
        bad++;
    }
    assert_int_equal(bad, 0);
}

static void test_find_by_slug_or_display_name(void **state)
{
    (void)state;
    const lx_catalogue_entry *a = lx_catalogue_find("llama-3.1-8b");
    assert_non_null(a);
    assert_ptr_equal(lx_catalogue_find("LLAMA-3.1-8B"), a);
    assert_ptr_equal(lx_catalogue_find("Llama 3.1 8B"), a);
    assert_ptr_equal(lx_catalogue_find("llama 3.1 8b"), a);
    assert_null(lx_catalogue_find("llama-3.1-9b"));
    assert_null(lx_catalogue_find(""));
    assert_null(lx_catalogue_find(NULL));
}

static void test_unknown_name_is_usage_error(void **state)
{
    (void)state;
    lx_hparams hp;
    lx_err err = {0};
    assert_int_equal(lx_catalogue_load("gpt-5", &hp, &err), LX_ERR_USAGE);
    assert_string_equal(err.msg, "no catalogue model 'gpt-5' (expected a name from 'llmxray list')");
}

static void test_catalogue_hparams(void **state)
{
    (void)state;
    lx_hparams hp;
    catalogue_total("mistral-7b", &hp);
    assert_string_equal(hp.family, "llama");
    assert_string_equal(hp.arch_raw, "mistral");
    assert_int_equal(hp.sliding_window, 4096);
    assert_int_equal(hp.layer_bits[31], LX_LAYER_SLIDING);
    catalogue_total("gemma-3-27b", &hp);
    assert_int_equal(hp.layer_bits[5], 0);              /* every sixth layer is global */
    assert_int_equal(hp.layer_bits[4], LX_LAYER_SLIDING);
    assert_int_equal(hp.sliding_window, 1024);
    catalogue_total("gpt-oss-120b", &hp);
    assert_int_equal(hp.layer_bits[0], LX_LAYER_SLIDING);
    assert_int_equal(hp.layer_bits[1], 0);
    catalogue_total("falcon-7b", &hp);
    assert_int_equal(hp.n_kv_heads, 1);
    assert_int_equal(hp.n_block_norms, 1);
}

/* Runs the built binary; returns its exit status and its stdout in out. */
static int run(const char *args, char *out, size_t cap)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' %s 2>/dev/null", LX_BINARY, args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The row of slug in the table, without its newline. */
static void table_row(const char *out, const char *slug, char *row, size_t cap)
{
    char key[64];
    snprintf(key, sizeof key, "\n%s ", slug);
    const char *line = strstr(out, key);
    if (!line) fail_msg("no row for %s", slug);
    const char *eol = strchr(line + 1, '\n');
    assert_non_null(eol);
    snprintf(row, cap, "%.*s", (int)(eol - line - 1), line + 1);
}

static void test_cli_list_table(void **state)
{
    (void)state;
    static char out[65536];
    assert_int_equal(run("list", out, sizeof out), 0);
    char row[256];
    table_row(out, "llama-3.1-8b", row, sizeof row);
    assert_non_null(strstr(row, "Llama 3.1 8B"));
    assert_non_null(strstr(row, " llama "));
    assert_non_null(strstr(row, " 8,030,261,248     8,030,261,248 ")); /* total, active */
    assert_non_null(strstr(row, "    32 "));
    assert_non_null(strstr(row, " 4,096"));
    table_row(out, "qwen3-30b-a3b", row, sizeof row);
    assert_non_null(strstr(row, " 30,532,122,624     3,353,032,704 ")); /* MoE: 8 of 128 experts active */
    /* Readable with 80+ rows and long names: every line, header included, is as wide as the
     * header and the columns line up (the widths follow the longest slug, name and family). */
    size_t lines = 0, width = strcspn(out, "\n");
    const char *params_col = strstr(out, "PARAMETERS");
    assert_non_null(params_col);
    size_t params_end = (size_t)(params_col - out) + strlen("PARAMETERS");
    for (const char *p = out; *p; p = strchr(p, '\n') + 1) {
        size_t len = strcspn(p, "\n");
        if (len != width) fail_msg("line %zu is %zu wide, header %zu: %.*s", lines, len, width, (int)len, p);
        assert_true(p[params_end] == ' ' && p[params_end - 1] != ' '); /* numbers right-aligned under it */
        lines++;
    }
    assert_int_equal(lines, lx_catalogue_count() + 1);
    table_row(out, "qwen3-coder-480b-a35b", row, sizeof row); /* the longest slug is not cut */
    table_row(out, "llama-4-maverick", row, sizeof row);
    assert_non_null(strstr(row, "Llama 4 Maverick 17B-128E (text) llama4 "));
}

static void test_cli_list_json(void **state)
{
    (void)state;
    static char out[262144];
    assert_int_equal(run("list --json", out, sizeof out), 0);
    assert_true(out[0] == '[');
    assert_non_null(strstr(out, "\n  {\"slug\": \"llama-3.1-8b\", \"name\": \"Llama 3.1 8B\", \"family\": \"llama\", "
                                "\"description\": \"Meta Llama 3.1 (2024), GQA 32/8, llama3 RoPE scaling; "
                                "meta-llama/Llama-3.1-8B config.json\", \"params\": 8030261248, "
                                "\"active_params\": 8030261248, \"n_layers\": 32, \"d_model\": 4096, "
                                "\"layer_mix\": {\"full\": 32}}"));
    assert_non_null(strstr(out, "\"slug\": \"deepseek-v3\", \"name\": \"DeepSeek-V3\", \"family\": \"deepseek2\""));
    /* params: all the checkpoint holds, the MTP module's 13,463,426,304 included */
    assert_non_null(strstr(out, "\"params\": 684489845504, \"active_params\": 37552297472, \"n_layers\": 61, "
                                "\"d_model\": 7168, \"layer_mix\": {\"full\": 61}}"));
    /* The layer mixes: Qwen3-Next 36 Gated DeltaNet + 12 full, Gemma 3 27B 52 sliding + 10
     * full, Llama 4 Maverick 36 chunked + 12 full, Nemotron 3 Nano 23 Mamba-2 + 23 MoE + 6 attention. */
    assert_non_null(strstr(out, "\"n_layers\": 48, \"d_model\": 2048, \"layer_mix\": {\"gated_deltanet\": 36, \"full\": 12}}"));
    assert_non_null(strstr(out, "\"n_layers\": 62, \"d_model\": 5376, \"layer_mix\": {\"sliding\": 52, \"full\": 10}}"));
    assert_non_null(strstr(out, "\"n_layers\": 48, \"d_model\": 5120, \"layer_mix\": {\"chunked\": 36, \"full\": 12}}"));
    assert_non_null(strstr(out, "\"active_params\": 3580076352, \"n_layers\": 52, \"d_model\": 2688, "
                                "\"layer_mix\": {\"mamba2\": 23, \"moe\": 23, \"full\": 6}}"));
    size_t rows = 0;
    for (const char *p = out; (p = strstr(p, "{\"slug\": ")) != NULL; p++) rows++;
    assert_int_equal(rows, lx_catalogue_count());
    assert_string_equal(out + strlen(out) - 4, "}\n]\n");
}

static void test_cli_list_bad_option(void **state)
{
    (void)state;
    char out[256];
    assert_int_equal(run("list --yaml", out, sizeof out), 2);
    assert_int_equal(run("list extra", out, sizeof out), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_entry_parses_and_synthesizes),
        cmocka_unit_test(test_published_totals),
        cmocka_unit_test(test_find_by_slug_or_display_name),
        cmocka_unit_test(test_unknown_name_is_usage_error),
        cmocka_unit_test(test_catalogue_hparams),
        cmocka_unit_test(test_cli_list_table),
        cmocka_unit_test(test_cli_list_json),
        cmocka_unit_test(test_cli_list_bad_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
