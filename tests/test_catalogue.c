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

#include "model/catalogue.h"
#include "model/synth.h"

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

static void test_every_entry_parses_and_synthesizes(void **state)
{
    (void)state;
    assert_true(lx_catalogue_count() >= 22);
    for (size_t i = 0; i < lx_catalogue_count(); i++) {
        const lx_catalogue_entry *e = lx_catalogue_at(i);
        lx_hparams hp;
        uint64_t n = catalogue_total(e->slug, &hp);
        assert_true(n > 0);
        assert_string_equal(hp.name, e->display);
        assert_true(lx_synth_supports(hp.family));
        for (const char *p = e->slug; *p; p++) assert_false(*p >= 'A' && *p <= 'Z');
        assert_true(strlen(e->description) > 10);
    }
    assert_null(lx_catalogue_at(lx_catalogue_count()));
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
    {"bert-base-uncased", 109482240ull}, /* BertModel with pooler, PyTorch count */
    {"t5-small", 60506624ull},         /* T5ForConditionalGeneration, PyTorch count */
};

static void test_published_totals(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof PUBLISHED / sizeof PUBLISHED[0]; i++) {
        lx_hparams hp;
        uint64_t n = catalogue_total(PUBLISHED[i].slug, &hp);
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

static void test_cli_list_table(void **state)
{
    (void)state;
    static char out[65536];
    assert_int_equal(run("list", out, sizeof out), 0);
    const char *line = strstr(out, "\nllama-3.1-8b ");
    assert_non_null(line);
    const char *eol = strchr(line + 1, '\n');
    assert_non_null(eol);
    char row[256];
    snprintf(row, sizeof row, "%.*s", (int)(eol - line - 1), line + 1);
    assert_non_null(strstr(row, "Llama 3.1 8B"));
    assert_non_null(strstr(row, " llama "));
    assert_non_null(strstr(row, " 8,030,261,248 "));
    assert_non_null(strstr(row, "    32 "));
    assert_non_null(strstr(row, " 4,096"));
    size_t lines = 0;
    for (const char *p = out; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, lx_catalogue_count() + 1);
}

static void test_cli_list_json(void **state)
{
    (void)state;
    static char out[65536];
    assert_int_equal(run("list --json", out, sizeof out), 0);
    assert_true(out[0] == '[');
    assert_non_null(strstr(out, "{\"name\": \"llama-3.1-8b\", \"display_name\": \"Llama 3.1 8B\", "
                                "\"family\": \"llama\", \"params\": 8030261248}"));
    assert_non_null(strstr(out, "\"name\": \"deepseek-v3\", \"display_name\": \"DeepSeek-V3\", "
                                "\"family\": \"deepseek2\", \"params\": 671026419200}"));
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
