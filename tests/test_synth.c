/* Tests model/synth: real config.json files -> synthesized tensors -> exact published totals.
 *
 * Every expected total below is an independent published number, named with its source.
 * None of them appears in the product code: they come out of the per-family formulas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/synth.h"
#include "model/hp_config.h"

typedef struct synth_case {
    const char *config; /* folder under shared/configs */
    uint64_t params;
} synth_case;

static uint64_t synth_total(const char *config, lx_tensors *t, lx_hparams *hp)
{
    char path[512];
    snprintf(path, sizeof path, "%s/configs/%s/config.json", LX_SHARED_DIR, config);
    lx_err err = {0};
    if (lx_hfconfig_load(path, hp, &err) != LX_OK) fail_msg("%s", err.msg);
    lx_tensors_init(t);
    if (lx_synth_tensors(hp, t, &err) != LX_OK) fail_msg("%s", err.msg);
    lx_quant_free(&hp->quant); /* the tests read the tensors and plain fields only */
    return lx_synth_count(t);
}

static int check_case(const synth_case *c)
{
    lx_tensors t;
    lx_hparams hp;
    uint64_t n = synth_total(c->config, &t, &hp);
    lx_tensors_free(&t);
    if (n == c->params) return 0;
    print_error("%s: synthesized %llu parameters, published %llu\n", c->config, (unsigned long long)n,
                (unsigned long long)c->params);
    return 1;
}

static const synth_case CASES[] = {
    /* GPT-2 small, GPT2LMHeadModel with tied head: 124,439,808 (Hugging Face model page, safetensors). */
    {"gpt2", 124439808ull},
    /* Llama 3.1 8B: 8,030,261,248 (Hugging Face safetensors metadata). */
    {"Llama-3.1-8B", 8030261248ull},
    /* Meta-Llama-3-8B: model.safetensors.index.json total_size 16,060,522,496 bytes / 2 (BF16). */
    {"Meta-Llama-3-8B", 8030261248ull},
    /* Mixtral-8x7B-v0.1: 46,702,792,704 (Hugging Face safetensors metadata). */
    {"Mixtral-8x7B-v0.1", 46702792704ull},
    /* Qwen2.5-7B: 7,615,616,512 (Hugging Face safetensors metadata; "7.61B" on the model card). */
    {"Qwen2.5-7B", 7615616512ull},
    /* Llama-2-7b-hf: 6,738,415,616 (Hugging Face safetensors metadata). */
    {"Llama-2-7b-hf", 6738415616ull},
    /* Llama-3.2-3B, tied embeddings: 3,212,749,824 (Hugging Face safetensors metadata). */
    {"Llama-3.2-3B", 3212749824ull},
    /* Qwen3-8B: 8,190,735,360 (Hugging Face safetensors metadata; card "8.2B"). */
    {"Qwen3-8B", 8190735360ull},
    /* Qwen3-30B-A3B: 30,532,122,624 (Hugging Face safetensors metadata, "Hub exact"). */
    {"Qwen3-30B-A3B", 30532122624ull},
    /* DeepSeek-V3 as the checkpoint holds it: the main model's 671,026,419,200 (the model card's
     * "671B", recounted to the unit by PyTorch meta-device instantiations of
     * DeepseekV3ForCausalLM) + the MTP module's 13,463,426,304 (layer 61: one MoE decoder layer,
     * enorm, hnorm, eh_proj, shared_head.norm, and its stored copies of the embedding and head,
     * README_WEIGHTS.md's "11.5B unique" + 2 x 0.93B); model/arch reports the 671B apart. */
    {"DeepSeek-V3", 684489845504ull},
    /* gpt-oss-20b: 20,914,757,184 (GGUF general.parameter_count as Ollama reports it; model card 20.91B). */
    {"gpt-oss-20b", 20914757184ull},
    /* bert-base-uncased as BertModel with pooler: 109,482,240 (PyTorch count of BertModel). */
    {"bert-base-uncased", 109482240ull},
    /* t5-small, T5ForConditionalGeneration with tied head: 60,506,624 (PyTorch count). */
    {"t5-small", 60506624ull},
    /* Llama-4-Scout-17B-16E-Instruct: the checkpoint's 108,641,793,536 BF16 parameters
     * (safetensors metadata), its vision encoder and projector (871,932,416) included. */
    {"Llama-4-Scout-17B-16E-Instruct", 108641793536ull},
};

static void test_published_totals(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) bad += check_case(&CASES[i]);
    assert_int_equal(bad, 0);
}

/* The safetensors index beside Meta-Llama-3-8B's config: 291 tensors, 16,060,522,496 bytes. */
static void test_llama3_matches_safetensors_index(void **state)
{
    (void)state;
    lx_tensors t;
    lx_hparams hp;
    synth_total("Meta-Llama-3-8B", &t, &hp);
    uint64_t bytes = 0;
    for (size_t i = 0; i < t.n; i++) bytes += t.v[i].n_bytes;
    assert_int_equal(t.n, 291);
    assert_int_equal(bytes, 16060522496ull);
    assert_int_equal(t.v[0].type, LX_DT_BF16);
    lx_tensors_free(&t);
}

static const lx_tensor *find(const lx_tensors *t, const char *name)
{
    const lx_tensor *x = lx_tensors_find(t, name);
    if (!x) fail_msg("no tensor %s", name);
    return x;
}

static void assert_shape(const lx_tensors *t, const char *name, int nd, uint64_t a, uint64_t b, uint64_t c)
{
    const lx_tensor *x = find(t, name);
    assert_int_equal(x->n_dims, nd);
    assert_int_equal(x->shape[0], a);
    if (nd > 1) assert_int_equal(x->shape[1], b);
    if (nd > 2) assert_int_equal(x->shape[2], c);
}

static void test_shapes_outermost_first(void **state)
{
    (void)state;
    lx_tensors t;
    lx_hparams hp;
    synth_total("Llama-3.1-8B", &t, &hp);
    assert_shape(&t, "blk.0.attn_q.weight", 2, 4096, 4096, 0);
    assert_shape(&t, "blk.31.attn_k.weight", 2, 1024, 4096, 0);
    assert_shape(&t, "blk.0.ffn_down.weight", 2, 4096, 14336, 0);
    assert_shape(&t, "output.weight", 2, 128256, 4096, 0);
    assert_null(lx_tensors_find(&t, "blk.0.attn_q.bias"));
    lx_tensors_free(&t);

    synth_total("Mixtral-8x7B-v0.1", &t, &hp);
    assert_shape(&t, "blk.0.ffn_gate_inp.weight", 2, 8, 4096, 0);
    assert_shape(&t, "blk.0.ffn_gate_exps.weight", 3, 8, 14336, 4096);
    assert_shape(&t, "blk.0.ffn_down_exps.weight", 3, 8, 4096, 14336);
    lx_tensors_free(&t);
}

static void test_family_details(void **state)
{
    (void)state;
    lx_tensors t;
    lx_hparams hp;
    synth_total("Qwen2.5-7B", &t, &hp); /* q/k/v biases, no output-projection bias */
    assert_shape(&t, "blk.0.attn_q.bias", 1, 3584, 0, 0);
    assert_shape(&t, "blk.0.attn_k.bias", 1, 512, 0, 0);
    assert_null(lx_tensors_find(&t, "blk.0.attn_output.bias"));
    lx_tensors_free(&t);

    synth_total("gpt-oss-20b", &t, &hp); /* sinks, router bias, expert biases, o bias */
    assert_shape(&t, "blk.0.attn_sinks.weight", 1, 64, 0, 0);
    assert_shape(&t, "blk.0.ffn_gate_inp.bias", 1, 32, 0, 0);
    assert_shape(&t, "blk.0.ffn_down_exps.bias", 2, 32, 2880, 0);
    assert_shape(&t, "blk.0.attn_output.bias", 1, 2880, 0, 0);
    assert_int_equal(t.v[0].type, LX_DT_BF16); /* no torch_dtype: BF16 */
    lx_tensors_free(&t);

    synth_total("DeepSeek-V3", &t, &hp); /* dense prefix, MLA, router score bias, shared expert */
    assert_non_null(lx_tensors_find(&t, "blk.2.ffn_gate.weight"));
    assert_null(lx_tensors_find(&t, "blk.2.ffn_gate_exps.weight"));
    assert_shape(&t, "blk.3.ffn_gate_exps.weight", 3, 256, 2048, 7168);
    assert_shape(&t, "blk.3.exp_probs_b.bias", 1, 256, 0, 0);
    assert_shape(&t, "blk.3.ffn_up_shexp.weight", 2, 2048, 7168, 0);
    assert_shape(&t, "blk.0.attn_q_b.weight", 2, 128 * 192, 1536, 0);
    assert_shape(&t, "blk.0.attn_kv_a_mqa.weight", 2, 512 + 64, 7168, 0);
    assert_shape(&t, "blk.0.attn_output.weight", 2, 7168, 128 * 128, 0);
    assert_shape(&t, "blk.61.ffn_gate_exps.weight", 3, 256, 2048, 7168); /* the MTP module: an MoE block */
    assert_shape(&t, "blk.61.nextn.eh_proj.weight", 2, 7168, 2 * 7168, 0);
    assert_shape(&t, "blk.61.nextn.shared_head_head.weight", 2, 129280, 7168, 0); /* its stored head copy */
    assert_null(lx_tensors_find(&t, "blk.62.attn_norm.weight"));
    lx_tensors_free(&t);

    synth_total("gpt2", &t, &hp); /* fused qkv with bias, learned positions, tied head */
    assert_shape(&t, "blk.0.attn_qkv.weight", 2, 2304, 768, 0);
    assert_shape(&t, "position_embd.weight", 2, 1024, 768, 0);
    assert_non_null(lx_tensors_find(&t, "output_norm.bias"));
    assert_null(lx_tensors_find(&t, "output.weight"));
    assert_int_equal(t.v[0].type, LX_DT_F32);
    lx_tensors_free(&t);
}

/* Llama 4 Scout (nested text_config): 48 MoE layers with one shared expert, NoPE every
 * fourth layer, no weights for its L2 qk-norm. */
static void test_llama4_text(void **state)
{
    (void)state;
    lx_tensors t;
    lx_hparams hp;
    synth_total("Llama-4-Scout-17B-16E-Instruct", &t, &hp);
    assert_string_equal(hp.family, "llama4");
    assert_int_equal(hp.n_layers, 48);
    assert_shape(&t, "blk.0.ffn_gate_exps.weight", 3, 16, 8192, 5120);
    assert_shape(&t, "blk.47.ffn_down_shexp.weight", 2, 5120, 8192, 0);
    assert_null(lx_tensors_find(&t, "blk.0.attn_q_norm.weight"));
    assert_null(lx_tensors_find(&t, "blk.0.ffn_gate.weight"));
    lx_tensors_free(&t);
}

static void test_fill_layer_bits(void **state)
{
    (void)state;
    lx_hparams hp = {0};
    snprintf(hp.family, sizeof hp.family, "gemma2");
    hp.n_layers = 4;
    hp.sliding_window = 4096;
    hp.n_experts = 0;
    lx_synth_fill_layer_bits(&hp);
    assert_true(hp.has_layer_bits);
    assert_int_equal(hp.layer_bits[0], LX_LAYER_SLIDING);
    assert_int_equal(hp.layer_bits[1], 0);
    assert_int_equal(hp.layer_bits[2], LX_LAYER_SLIDING);

    lx_hparams ds = {0};
    snprintf(ds.family, sizeof ds.family, "deepseek2");
    ds.n_layers = 5;
    ds.n_experts = 8;
    ds.n_dense_prefix = 2;
    lx_synth_fill_layer_bits(&ds);
    assert_int_equal(ds.layer_bits[1], LX_LAYER_DENSE);
    assert_int_equal(ds.layer_bits[2], 0);
    assert_false(lx_synth_layer_is_moe(&ds, 1));
    assert_true(lx_synth_layer_is_moe(&ds, 2));
}

/* A family no record knows: with its width keys it is built as a generic Llama-style decoder
 * (2 layers of 64 wide, 4 heads, SiLU -> gated FFN of 128, untied head over 100 tokens:
 * 2 x 100 x 64 + 64 + 2 x (2 x 64 + 4 x 64 x 64 + 3 x 64 x 128)); without them it is an error. */
static void test_unknown_family_is_generic(void **state)
{
    (void)state;
    lx_hparams hp = {0};
    snprintf(hp.name, sizeof hp.name, "m");
    snprintf(hp.family, sizeof hp.family, "rwkv6");
    snprintf(hp.activation, sizeof hp.activation, "silu");
    hp.d_model = 64, hp.n_layers = 2, hp.n_heads = 4, hp.d_ff = 128, hp.vocab_size = 100;
    lx_tensors t;
    lx_tensors_init(&t);
    lx_err err = {0};
    assert_int_equal(lx_synth_tensors(&hp, &t, &err), LX_OK);
    assert_int_equal(lx_synth_count(&t), 2 * 100 * 64 + 64 + 2 * (2 * 64 + 4 * 64 * 64 + 3 * 64 * 128));
    lx_tensors_free(&t);
    hp.d_model = 0;
    lx_tensors_init(&t);
    assert_int_equal(lx_synth_tensors(&hp, &t, &err), LX_ERR_MODEL);
    assert_non_null(strstr(err.msg, "m: hyper-parameters incomplete"));
    lx_tensors_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_totals),
        cmocka_unit_test(test_llama3_matches_safetensors_index),
        cmocka_unit_test(test_shapes_outermost_first),
        cmocka_unit_test(test_family_details),
        cmocka_unit_test(test_llama4_text),
        cmocka_unit_test(test_fill_layer_bits),
        cmocka_unit_test(test_unknown_family_is_generic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
