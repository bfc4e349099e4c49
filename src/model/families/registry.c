/* model/families/registry — the list of family records and the lookups. See family.h. */
#include <string.h>

#include "model/families/family.h"

extern const lx_family lx_fam_llama, lx_fam_mistral, lx_fam_mixtral, lx_fam_llama4;
extern const lx_family lx_fam_qwen2, lx_fam_qwen2moe, lx_fam_qwen3, lx_fam_qwen3moe;
extern const lx_family lx_fam_gemma, lx_fam_gemma2, lx_fam_gemma3, lx_fam_gemma4;
extern const lx_family lx_fam_gpt2, lx_fam_falcon, lx_fam_phi3, lx_fam_olmo2, lx_fam_gpt_oss, lx_fam_gptoss_ollama;
extern const lx_family lx_fam_deepseek3, lx_fam_deepseek2, lx_fam_deepseek32, lx_fam_glm_dsa, lx_fam_glm4moe,
    lx_fam_deepseek4;
extern const lx_family lx_fam_qwen3next, lx_fam_qwen35, lx_fam_qwen35moe, lx_fam_nemotron_h, lx_fam_nemotron_h_moe,
    lx_fam_lfm2;
extern const lx_family lx_fam_bloom, lx_fam_mpt, lx_fam_gptj, lx_fam_phi2, lx_fam_gptneox, lx_fam_gptneox_reward,
    lx_fam_stablelm, lx_fam_cohere, lx_fam_baichuan, lx_fam_chatglm, lx_fam_internlm2, lx_fam_qwen1, lx_fam_pangu,
    lx_fam_granitemoe, lx_fam_roberta, lx_fam_smollm3, lx_fam_openelm, lx_fam_deci, lx_fam_minimax_m2, lx_fam_mimo,
    lx_fam_mimo_v2, lx_fam_hy3, lx_fam_laguna, lx_fam_afmoe, lx_fam_mistral4, lx_fam_minicpm, lx_fam_fuyu, lx_fam_mamba,
    lx_fam_mamba2, lx_fam_jamba, lx_fam_falcon_h1, lx_fam_granite_hybrid, lx_fam_xlstm, lx_fam_olmo3, lx_fam_exaone4,
    lx_fam_starcoder2, lx_fam_bigcode, lx_fam_opt, lx_fam_phimoe, lx_fam_kimi_linear, lx_fam_grok, lx_fam_step35,
    lx_fam_cohere2, lx_fam_bailing2, lx_fam_granite, lx_fam_glm4, lx_fam_seed_oss, lx_fam_apertus, lx_fam_ernie_moe,
    lx_fam_hunyuan_moe;
extern const lx_family lx_fam_whisper, lx_fam_bert, lx_fam_distilbert, lx_fam_t5, lx_fam_t5encoder, lx_fam_clip;
extern const lx_family lx_fam_xlm_roberta, lx_fam_modernbert;
extern const lx_family lx_fam_bart, lx_fam_mbart;

static const lx_family *const FAMILIES[] = {
    &lx_fam_llama, &lx_fam_mistral, &lx_fam_mixtral, &lx_fam_llama4,
    &lx_fam_qwen2, &lx_fam_qwen2moe, &lx_fam_qwen3, &lx_fam_qwen3moe,
    &lx_fam_gemma, &lx_fam_gemma2, &lx_fam_gemma3, &lx_fam_gemma4,
    &lx_fam_gpt2, &lx_fam_falcon, &lx_fam_phi3, &lx_fam_olmo2, &lx_fam_gpt_oss, &lx_fam_gptoss_ollama,
    &lx_fam_deepseek3, &lx_fam_deepseek2, &lx_fam_deepseek32, &lx_fam_glm_dsa, &lx_fam_glm4moe, &lx_fam_deepseek4,
    &lx_fam_qwen3next, &lx_fam_qwen35, &lx_fam_qwen35moe, &lx_fam_nemotron_h, &lx_fam_nemotron_h_moe, &lx_fam_lfm2,
    &lx_fam_bloom, &lx_fam_mpt, &lx_fam_gptj, &lx_fam_phi2, &lx_fam_gptneox, &lx_fam_gptneox_reward,
    &lx_fam_stablelm, &lx_fam_cohere, &lx_fam_baichuan, &lx_fam_chatglm, &lx_fam_internlm2, &lx_fam_qwen1, &lx_fam_pangu,
    &lx_fam_granitemoe, &lx_fam_roberta, &lx_fam_smollm3, &lx_fam_openelm, &lx_fam_deci, &lx_fam_minimax_m2, &lx_fam_mimo,
    &lx_fam_mimo_v2, &lx_fam_hy3, &lx_fam_laguna, &lx_fam_afmoe, &lx_fam_mistral4, &lx_fam_minicpm, &lx_fam_fuyu, &lx_fam_mamba,
    &lx_fam_mamba2, &lx_fam_jamba, &lx_fam_falcon_h1, &lx_fam_granite_hybrid, &lx_fam_xlstm, &lx_fam_olmo3, &lx_fam_exaone4,
    &lx_fam_starcoder2, &lx_fam_bigcode, &lx_fam_opt, &lx_fam_phimoe, &lx_fam_kimi_linear, &lx_fam_grok, &lx_fam_step35,
    &lx_fam_cohere2, &lx_fam_bailing2, &lx_fam_granite, &lx_fam_glm4, &lx_fam_seed_oss, &lx_fam_apertus, &lx_fam_ernie_moe,
    &lx_fam_hunyuan_moe,
    &lx_fam_whisper, &lx_fam_bert, &lx_fam_distilbert, &lx_fam_t5, &lx_fam_t5encoder, &lx_fam_clip,
    &lx_fam_xlm_roberta, &lx_fam_modernbert,
    &lx_fam_bart, &lx_fam_mbart,
};

#define N_FAMILIES (sizeof FAMILIES / sizeof FAMILIES[0])

size_t lx_family_count(void) { return N_FAMILIES; }

const lx_family *lx_family_at(size_t i) { return i < N_FAMILIES ? FAMILIES[i] : NULL; }

const lx_family *lx_family_by_name(const char *name)
{
    for (size_t i = 0; name && i < N_FAMILIES; i++)
        if (strcmp(FAMILIES[i]->name, name) == 0) return FAMILIES[i];
    return NULL;
}

static bool listed(const char *const *list, const char *s, bool prefix)
{
    for (; list && *list; list++)
        if (prefix ? strncmp(s, *list, strlen(*list)) == 0 : strcmp(s, *list) == 0) return true;
    return false;
}

const lx_family *lx_family_by_hf_type(const char *model_type)
{
    for (size_t i = 0; model_type && i < N_FAMILIES; i++)
        if (listed(FAMILIES[i]->hf_types, model_type, false)) return FAMILIES[i];
    return NULL;
}

/* The longest matching class prefix wins ("Qwen3Moe" over "Qwen3For"). */
const lx_family *lx_family_by_hf_class(const char *architecture)
{
    const lx_family *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; architecture && i < N_FAMILIES; i++)
        for (const char *const *c = FAMILIES[i]->hf_classes; c && *c; c++) {
            size_t n = strlen(*c);
            if (n > best_len && strncmp(architecture, *c, n) == 0) { best = FAMILIES[i]; best_len = n; }
        }
    return best;
}

const lx_family *lx_family_by_gguf(const char *arch)
{
    for (size_t i = 0; arch && i < N_FAMILIES; i++)
        if (FAMILIES[i]->gguf_arch && strcmp(FAMILIES[i]->gguf_arch, arch) == 0) return FAMILIES[i];
    return NULL;
}

const lx_family *lx_family_detect(const lx_jcfg *j)
{
    for (size_t i = 0; i < N_FAMILIES; i++)
        if (FAMILIES[i]->detect && FAMILIES[i]->detect(j)) return FAMILIES[i];
    return NULL;
}
