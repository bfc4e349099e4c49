/* Tests layout: the description's words and numbers for hand-built and real models, the
 * quality rules (layout/check) on every fixture, catalogue model and shared GGUF file,
 * determinism, and the checker itself catching each kind of fault. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "arch_fixtures.h"
#include "draw_support.h"
#include "layout/check.h"
#include "layout/describe.h"
#include "model/catalogue.h"
#include "render/svg.h"
#include "render/term.h"

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

/* ---- fixtures are what they claim (independent published totals) ---- */

static void test_fixture_totals_are_published_numbers(void **state)
{
    (void)state;
    static const struct { fx_model m; uint64_t total, active; } want[] = {
        {FX_LLAMA31_8B, 8030261248ULL, 8030261248ULL},
        {FX_GPT2, 124439808ULL, 124439808ULL},
        {FX_MIXTRAL, 46702792704ULL, 12879925248ULL},
        {FX_DEEPSEEK_V3, 671026419200ULL, 37552297472ULL},
        {FX_GEMMA2_9B, 9241705984ULL, 9241705984ULL},
        {FX_STORIES_Q8, 260032ULL, 260032ULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        lx_arch a;
        fx_arch(want[i].m, &a);
        assert_int_equal(a.total_params, want[i].total);
        assert_int_equal(a.active_params, want[i].active);
        fx_arch_free(&a);
    }
    lx_arch a;
    fx_arch(FX_LLAMA31_8B, &a);
    assert_int_equal(a.comp[LX_COMP_EMBEDDING].params, 525336576ULL);
    assert_int_equal(a.comp[LX_COMP_ATTENTION].params, 1342177280ULL);
    assert_int_equal(a.comp[LX_COMP_FFN_DENSE].params, 5637144576ULL);
    assert_int_equal(a.comp[LX_COMP_NORM].params, 266240ULL);
    assert_int_equal(a.comp[LX_COMP_OUTPUT].params, 525336576ULL);
    fx_arch_free(&a);
}

/* ---- the description ---- */

static const lx_desc_step *find_step(const lx_desc_block *b, const char *id)
{
    for (int i = 0; i < b->n_steps; i++)
        if (b->steps[i].type == LX_STEP_CARD && !strcmp(b->steps[i].card.id, id)) return &b->steps[i];
    return NULL;
}

static lx_desc *describe(fx_model m, lx_arch *a)
{
    lx_err err = {0};
    fx_arch(m, a);
    lx_desc *d = lx_desc_build(a, &err);
    assert_non_null(d);
    return d;
}

static void test_describe_llama(void **state)
{
    (void)state;
    lx_arch a;
    lx_desc *d = describe(FX_LLAMA31_8B, &a);
    assert_string_equal(d->name, "Llama 3.1 8B");
    assert_non_null(strstr(d->subtitle[0], "8,030,261,248 parameters"));
    assert_non_null(strstr(d->subtitle[0], "131,072-token context"));
    assert_int_equal(d->n_blocks, 1);
    assert_string_equal(d->blocks[0].caption, "Transformer block · layers 0–31");
    assert_string_equal(d->blocks[0].badge, "× 32");
    const lx_desc_step *at = find_step(&d->blocks[0], "attn");
    assert_non_null(at);
    assert_string_equal(at->card.title, "Masked grouped-query attention");
    assert_string_equal(at->card.sub[0], "32 query heads · 8 KV heads · head dim 128");
    assert_string_equal(at->card.badge, "RoPE · θ = 500,000 · llama3 ×8");
    assert_string_equal(at->card.figure, "41.9 M");
    const lx_desc_inset *in = &d->insets[0];
    assert_int_equal(in->type, LX_INSET_ATTN);
    assert_string_equal(in->part[LX_PART_Q].sub[0], "4,096 → 4,096 (32 × 128)");
    assert_string_equal(in->part[LX_PART_K].sub[0], "4,096 → 1,024 (8 × 128)");
    assert_string_equal(in->part[LX_PART_SDPA].sub[0], "softmax( Q·Kᵀ / √128 + causal mask ) · V");
    assert_string_equal(in->figure, "41,943,040 parameters per layer");
    assert_string_equal(d->insets[1].part[LX_PART_DOWN].sub[0], "14,336 → 4,096");
    assert_string_equal(d->insets[1].figure, "176,160,768 parameters per layer");
    assert_string_equal(d->kv_note, "KV cache: 128 KiB per token in 16-bit (2 × 32 layers × 8 KV heads × 128 × 2 bytes)"
                                    " · 16 GiB at the full 131,072-token context");
    assert_string_equal(d->spine_bottom[1].title, "Output layer (linear, not tied)");
    lx_desc_free(d);
    fx_arch_free(&a);
}

/* Every table adds up to the exact total, whatever the model. */
static void test_parameter_rows_add_up(void **state)
{
    (void)state;
    for (int m = 0; m < FX_COUNT; m++) {
        lx_arch a;
        lx_desc *d = describe((fx_model)m, &a);
        uint64_t sum = 0, bytes = 0;
        for (int i = 0; i < d->n_rows; i++) { sum += d->rows[i].params; bytes += d->rows[i].bytes; }
        assert_int_equal(sum, a.total_params);
        assert_int_equal(bytes, a.total_bytes);
        assert_int_equal(d->total.params, a.total_params);
        lx_desc_free(d);
        fx_arch_free(&a);
    }
    lx_arch a;
    lx_desc *d = describe(FX_LLAMA31_8B, &a);
    assert_string_equal(d->rows[1].label, "Attention");
    assert_string_equal(d->rows[1].detail, "32 × 41.9 M");
    assert_string_equal(d->rows[1].params_s, "1,342,177,280");
    assert_string_equal(d->rows[1].share_s, "16.7 %");
    assert_string_equal(d->rows[1].bytes_s, "2.68 GB");
    assert_string_equal(d->rows[3].detail, "65 × 4,096");
    assert_string_equal(d->rows[3].share_s, "< 0.1 %");
    lx_desc_free(d);
    fx_arch_free(&a);
}

static void test_describe_deepseek_dense_prefix_and_mla(void **state)
{
    (void)state;
    lx_arch a;
    lx_desc *d = describe(FX_DEEPSEEK_V3, &a);
    assert_int_equal(d->n_blocks, 2);
    assert_string_equal(d->blocks[0].caption, "Dense block · layers 0–2");
    assert_string_equal(d->blocks[1].caption, "MoE block · layers 3–60");
    assert_string_equal(d->blocks[1].badge, "× 58");
    assert_string_equal(find_step(&d->blocks[1], "moe")->card.title, "Mixture of experts · top-8 of 256");
    assert_int_equal(d->n_insets, 3);
    const lx_desc_inset *mla = &d->insets[0];
    assert_int_equal(mla->type, LX_INSET_MLA);
    assert_string_equal(mla->part[LX_PART_Q_DOWN].sub[0], "7,168 → 1,536 (query latent)");
    assert_string_equal(mla->part[LX_PART_KV_DOWN].sub[0], "7,168 → 576 (512 latent + 64 RoPE key)");
    assert_string_equal(mla->part[LX_PART_KV_UP].sub[0], "512 → 32,768 (128 × (128 K + 128 V))");
    assert_string_equal(mla->part[LX_PART_SDPA].sub[0], "softmax( Q·Kᵀ / √192 + causal mask ) · V");
    assert_int_equal(d->insets[1].type, LX_INSET_GLU);
    assert_int_equal(d->insets[1].block, 0);
    assert_int_equal(d->insets[2].type, LX_INSET_MOE);
    assert_int_equal(d->insets[2].block, 1);
    assert_string_equal(d->insets[2].part[LX_PART_EXPERT].figure, "44.0 M each");
    assert_int_equal(d->n_strips, 1);
    assert_string_equal(d->strips[0].cat[0].label, "mixture of experts");
    assert_string_equal(d->strips[0].cat[1].label, "dense");
    assert_true(d->strips[0].cell[2] == 1 && d->strips[0].cell[3] == 0 && d->strips[0].cell[60] == 0);
    assert_string_equal(d->active_note, "Active per token: 37,552,297,472 parameters (5.6 %): 8 of 256 routed experts "
                                        "+ 1 shared in each MoE layer");
    lx_desc_free(d);
    fx_arch_free(&a);
}

static void test_describe_gemma_sandwich_and_sliding(void **state)
{
    (void)state;
    lx_arch a;
    lx_desc *d = describe(FX_GEMMA2_9B, &a);
    const lx_desc_block *b = &d->blocks[0];
    static const char *const order[] = {"attn_norm", "attn", "attn_post_norm", "ffn_norm", "ffn", "ffn_post_norm"};
    int k = 0;
    for (int i = 0; i < b->n_steps; i++)
        if (b->steps[i].type == LX_STEP_CARD) assert_string_equal(b->steps[i].card.id, order[k++]);
    assert_int_equal(k, 6);
    assert_string_equal(find_step(b, "attn_post_norm")->card.title, "Post-attention RMSNorm");
    assert_int_equal(d->n_strips, 1);
    assert_string_equal(d->strips[0].cat[0].label, "sliding window 4,096");
    assert_string_equal(d->strips[0].cat[1].label, "global (full context)");
    assert_true(d->strips[0].cell[0] == 0 && d->strips[0].cell[1] == 1 && d->strips[0].cell[40] == 0 &&
                d->strips[0].cell[41] == 1);
    assert_string_equal(d->spine_bottom[1].title, "Output layer (tied to the embedding)");
    assert_string_equal(d->insets[0].part[LX_PART_SDPA].sub[0],
                        "softmax( 50 · tanh( Q·Kᵀ / √256 / 50 ) + causal mask ) · V");
    lx_desc_free(d);
    fx_arch_free(&a);
}

static void test_describe_gpt2(void **state)
{
    (void)state;
    lx_arch a;
    lx_desc *d = describe(FX_GPT2, &a);
    assert_string_equal(d->spine_top[3].title, "Position embedding (learned)");
    assert_string_equal(d->spine_top[3].sub[0], "1,024 positions × 768 · added to each token");
    assert_string_equal(find_step(&d->blocks[0], "attn")->card.title, "Masked multi-head attention");
    assert_string_equal(find_step(&d->blocks[0], "attn_norm")->card.figure, "768 + 768 bias");
    assert_int_equal(d->insets[1].type, LX_INSET_MLP);
    assert_string_equal(d->insets[1].part[LX_PART_UP].sub[0], "768 → 3,072 + bias");
    assert_string_equal(d->insets[1].part[LX_PART_ACT].title, "GELU");
    assert_string_equal(d->insets[0].notes[0], "Q, K and V are stored as one fused matrix in the file");
    assert_int_equal(d->n_strips, 0);
    lx_desc_free(d);
    fx_arch_free(&a);
}

/* Falcon 7B: one LayerNorm per layer feeding attention and the MLP in parallel. */
static void test_describe_parallel_block(void **state)
{
    (void)state;
    lx_source src;
    lx_arch a;
    lx_err err = {0};
    assert_true(lx_test_open_arch("falcon-7b", &src, &a));
    lx_desc *d = lx_desc_build(&a, &err);
    assert_non_null(d);
    const lx_desc_block *b = &d->blocks[0];
    assert_int_equal(b->n_steps, 4);
    assert_int_equal(b->steps[0].type, LX_STEP_FORK);
    assert_string_equal(b->steps[1].card.title, "LayerNorm");
    assert_int_equal(b->steps[2].type, LX_STEP_PAIR);
    assert_string_equal(b->steps[2].card.title, "Masked multi-query attention");
    assert_string_equal(b->steps[2].card2.title, "MLP feed-forward (GELU)");
    assert_int_equal(b->steps[3].type, LX_STEP_ADD);
    assert_true(d->insets[1].second);
    lx_desc_free(d);
    lx_arch_free(&a);
    lx_source_free(&src);
}

static void test_describe_quantized(void **state)
{
    (void)state;
    lx_arch a;
    lx_desc *d = describe(FX_STORIES_Q8, &a);
    assert_true(d->show_bits);
    assert_non_null(strstr(d->subtitle[1], "Q8_0 · 8.56 bits per weight"));
    assert_string_equal(d->rows[0].bits_s, "8.50");
    assert_string_equal(d->spine_top[2].sub[1], "8.50 bits per weight · 34.8 kB");
    lx_desc_free(d);
    fx_arch_free(&a);
}

/* ---- the quality rules ---- */

static void assert_clean(lx_measure *m, const lx_arch *a, const char *what)
{
    lx_scene s;
    lx_buf v;
    lx_buf_init(&v);
    int n = lx_test_layout_arch(a, m, &s, &v);
    if (n != 0) fprintf(stderr, "%s: %d violations\n%s", what, n, lx_buf_cstr(&v));
    assert_int_equal(n, 0);
    assert_true(s.width > 600 && s.height > 600);
    lx_buf_free(&v);
    lx_scene_free(&s);
}

static void test_rules_hold_for_fixtures(void **state)
{
    for (int m = 0; m < FX_COUNT; m++) {
        lx_arch a;
        fx_arch((fx_model)m, &a);
        assert_clean(*state, &a, fx_name((fx_model)m));
        fx_arch_free(&a);
    }
}

static void test_rules_hold_for_catalogue(void **state)
{
    size_t n = lx_catalogue_count();
    assert_true(n >= 20);
    for (size_t i = 0; i < n; i++) {
        lx_source src;
        lx_arch a;
        const char *slug = lx_catalogue_at(i)->slug;
        assert_true(lx_test_open_arch(slug, &src, &a));
        assert_clean(*state, &a, slug);
        lx_arch_free(&a);
        lx_source_free(&src);
    }
}

/* Every real config.json in ../shared/configs draws cleanly, and its text diagram renders in
 * both themes. */
static void test_rules_hold_for_shared_configs(void **state)
{
    DIR *dir = opendir(LX_SHARED_DIR "/configs");
    assert_non_null(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(dir));) {
        char path[1024];
        snprintf(path, sizeof path, "%s/configs/%s/config.json", LX_SHARED_DIR, e->d_name);
        FILE *f = e->d_name[0] == '.' ? NULL : fopen(path, "rb");
        if (!f) continue;
        fclose(f);
        lx_source src;
        lx_arch a;
        if (!lx_test_open_arch(path, &src, &a)) continue; /* a family the model stage does not read yet */
        assert_clean(*state, &a, path);
        lx_err err = {0};
        lx_desc *d = lx_desc_build(&a, &err);
        assert_non_null(d);
        for (int t = 0; t < LX_THEME_COUNT; t++) {
            lx_buf out;
            lx_buf_init(&out);
            lx_term_opts o = {.width = 100, .theme = (lx_theme_id)t, .color = t == 1};
            assert_int_equal(lx_term_render(d, &o, &out, &err), LX_OK);
            assert_true(out.len > 1000);
            lx_buf_free(&out);
        }
        lx_desc_free(d);
        lx_arch_free(&a);
        lx_source_free(&src);
        n++;
    }
    closedir(dir);
    assert_true(n >= 40);
}

/* Qwen3-Next: one container for its motif, Gated DeltaNet and gated attention inside,
 * each with its own inset, and the token-mixer row of the layer pattern. */
static void test_describe_qwen3_next_motif(void **state)
{
    (void)state;
    lx_source src;
    lx_arch a;
    assert_true(lx_test_open_arch(LX_SHARED_DIR "/configs/qwen3-next-80b-a3b/config.json", &src, &a));
    lx_err err = {0};
    lx_desc *d = lx_desc_build(&a, &err);
    assert_non_null(d);
    assert_int_equal(d->n_blocks, 1);
    assert_string_equal(d->blocks[0].caption, "12 × [3 × Gated DeltaNet, 1 × gated attention] · layers 0–47");
    assert_string_equal(d->blocks[0].badge, "× 12");
    assert_int_equal(d->blocks[0].steps[0].type, LX_STEP_LABEL);
    assert_string_equal(d->blocks[0].steps[0].card.title, "3 × Gated DeltaNet layers");
    const lx_desc_step *g = find_step(&d->blocks[0], "gdn");
    assert_non_null(g);
    assert_string_equal(g->card.title, "Gated DeltaNet (linear attention)");
    assert_string_equal(g->card.sub[0], "16 Q/K heads × 128 · 32 V heads × 128");
    assert_string_equal(find_step(&d->blocks[0], "attn")->card.title, "Masked grouped-query attention + sigmoid gate");
    assert_int_equal(d->n_insets, 3);
    assert_int_equal(d->insets[0].type, LX_INSET_LINEAR);
    assert_string_equal(d->insets[0].part[LX_PART_Q_NORM].title, "conv1d · kernel 4 · SiLU");
    assert_string_equal(d->insets[0].part[LX_PART_STATE].sub[0], "S_t = α_t · S_{t−1} · (I − β_t · k_t k_tᵀ) + β_t · v_t k_tᵀ");
    assert_int_equal(d->insets[1].type, LX_INSET_MOE);
    assert_int_equal(d->insets[2].type, LX_INSET_ATTN);
    assert_true(d->insets[2].has[LX_PART_OGATE]);
    assert_string_equal(d->strips[0].label, "token mixer");
    assert_string_equal(d->strips[0].cat[0].label, "Gated DeltaNet");
    assert_true(d->strips[0].cell[2] == 0 && d->strips[0].cell[3] == 1 && d->strips[0].cell[47] == 1);
    bool mixer_row = false;
    for (int i = 0; i < d->n_rows; i++)
        if (!strcmp(d->rows[i].label, "Linear attention / SSM")) mixer_row = !strcmp(d->rows[i].params_s, "1,213,864,704");
    assert_true(mixer_row);
    lx_desc_free(d);
    lx_arch_free(&a);
    lx_source_free(&src);
}

/* Gemma 4 E4B: 4 x [5 sliding, 1 full], then 18 layers whose K/V come from earlier layers,
 * kinds the unit does not hold: one block for each after the motif's container. */
static void test_describe_irregular_tail_kinds(void **state)
{
    (void)state;
    lx_source src;
    lx_arch a;
    assert_true(lx_test_open_arch(LX_SHARED_DIR "/configs/gemma-4-e4b/config.json", &src, &a));
    lx_err err = {0};
    lx_desc *d = lx_desc_build(&a, &err);
    assert_non_null(d);
    assert_int_equal(d->n_blocks, 3);
    assert_string_equal(d->blocks[0].caption, "4 × [5 × sliding-window attention, 1 × full attention] · layers 0–23");
    assert_string_equal(d->blocks[1].caption, "sliding-window attention (shared K/V) · 15 layers (see the layer pattern)");
    assert_string_equal(d->blocks[2].caption, "full attention (shared K/V) · 3 layers (see the layer pattern)");
    assert_int_equal(d->blocks[1].n_layers + d->blocks[2].n_layers, 18);
    lx_desc_free(d);
    lx_arch_free(&a);
    lx_source_free(&src);
}

/* Nemotron-H 56B: one container for its motif "M-M-M-M*-M-" x 10, the irregular tail of 8
 * layers named per kind in its caption, and inside it each kind once: Mamba-2 only, MLP
 * only, attention only; the Mamba-2 inset is a chain of five steps. */
static void test_describe_nemotron_h_motif(void **state)
{
    (void)state;
    lx_source src;
    lx_arch a;
    assert_true(lx_test_open_arch(LX_SHARED_DIR "/configs/nemotron-h-56b/config.json", &src, &a));
    lx_err err = {0};
    lx_desc *d = lx_desc_build(&a, &err);
    assert_non_null(d);
    assert_int_equal(d->n_blocks, 1);
    assert_string_equal(d->blocks[0].caption, "10 × [Mamba-2 · MLP · Mamba-2 · MLP · Mamba-2 · MLP · Mamba-2 · attention · "
                        "MLP · Mamba-2 · MLP] + 8 layers (4 × Mamba-2, 4 × MLP) · layers 0–117");
    assert_string_equal(d->blocks[0].badge, "× 10");
    assert_string_equal(d->blocks[0].steps[0].card.title, "5 × Mamba-2 layers");
    assert_non_null(find_step(&d->blocks[0], "attn"));
    assert_non_null(find_step(&d->blocks[0], "ffn"));
    assert_non_null(find_step(&d->blocks[0], "mamba2"));
    const lx_desc_inset *m = &d->insets[0];
    assert_int_equal(m->type, LX_INSET_CHAIN);
    assert_int_equal(m->n_chain, 5);
    assert_string_equal(m->title, "Inside Mamba-2 (one layer)");
    assert_string_equal(m->part[LX_PART_IN_PROJ].sub[0], "8,192 → 37,120: z 16,384 · x 16,384 · B, C 2,048 each · Δt 256");
    assert_non_null(strstr(d->subtitle[0], "decoder-only hybrid of attention and recurrent layers"));
    /* the token-mixer row has three values: without colour the text diagram writes letters */
    assert_string_equal(d->strips[0].label, "token mixer");
    assert_int_equal(d->strips[0].n_cats, 3);
    lx_buf out;
    lx_buf_init(&out);
    lx_term_opts o = {.width = 140, .ascii = true};
    assert_int_equal(lx_term_render(d, &o, &out, &err), LX_OK);
    assert_non_null(strstr(lx_buf_cstr(&out), "token mixer   M-M-M-MA-M-M-M-M"));
    lx_buf_free(&out);
    lx_desc_free(d);
    lx_arch_free(&a);
    lx_source_free(&src);
}

/* Recurrent and hybrid stacks from their published hyper-parameters (no shared config):
 * each draws cleanly, with the cards its token mixers call for. */
static void test_rules_hold_for_recurrent_stacks(void **state)
{
    static const struct { const char *name, *json, *card, *title; int insets; } cases[] = {
        {"mamba", "{\"model_type\":\"mamba\",\"hidden_size\":768,\"num_hidden_layers\":24,\"vocab_size\":50280,"
                  "\"state_size\":16,\"expand\":2,\"conv_kernel\":4,\"time_step_rank\":48}",
         "mamba", "Mamba (selective state space)", 1},
        {"jamba", "{\"model_type\":\"jamba\",\"hidden_size\":4096,\"num_hidden_layers\":32,\"vocab_size\":65536,"
                  "\"num_attention_heads\":32,\"num_key_value_heads\":8,\"intermediate_size\":14336,\"num_experts\":16,"
                  "\"num_experts_per_tok\":2,\"attn_layer_period\":8,\"attn_layer_offset\":4,\"expert_layer_period\":2,"
                  "\"expert_layer_offset\":1,\"mamba_d_state\":16,\"mamba_d_conv\":4,\"mamba_expand\":2,\"mamba_dt_rank\":256}",
         "mamba", "Mamba (selective state space)", 4},
        {"falcon-h1", "{\"model_type\":\"falcon_h1\",\"hidden_size\":2048,\"num_hidden_layers\":24,\"vocab_size\":65537,"
                      "\"num_attention_heads\":8,\"num_key_value_heads\":2,\"head_dim\":128,\"intermediate_size\":8192,"
                      "\"mamba_d_ssm\":3072,\"mamba_n_heads\":24,\"mamba_d_head\":128,\"mamba_d_state\":256,"
                      "\"mamba_n_groups\":1,\"mamba_d_conv\":4}",
         "attn", "Masked grouped-query attention", 3},
        {"xlstm", "{\"model_type\":\"xlstm\",\"hidden_size\":4096,\"num_hidden_layers\":32,\"vocab_size\":50304,"
                  "\"num_heads\":8}",
         "mlstm", "mLSTM (matrix memory)", 2},
        {"kimi-linear", "{\"model_type\":\"kimi_linear\",\"hidden_size\":2304,\"num_hidden_layers\":27,"
                        "\"vocab_size\":163840,\"num_attention_heads\":32,\"num_key_value_heads\":32,"
                        "\"intermediate_size\":9216,\"moe_intermediate_size\":1024,\"n_routed_experts\":256,"
                        "\"num_experts_per_tok\":8,\"n_shared_experts\":1,\"first_k_dense_replace\":1,"
                        "\"kv_lora_rank\":512,\"qk_nope_head_dim\":128,\"qk_rope_head_dim\":64,\"v_head_dim\":128,"
                        "\"linear_attn_config\":{\"full_attn_layers\":[4,8,12,16,20,24,27],\"num_heads\":32,"
                        "\"head_dim\":128,\"short_conv_kernel_size\":4}}",
         "kda", "Kimi Delta Attention (linear attention)", 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.config.json", LX_TMP_DIR, cases[i].name);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(cases[i].json, f);
        fclose(f);
        lx_source src;
        lx_arch a;
        assert_true(lx_test_open_arch(path, &src, &a));
        assert_clean(*state, &a, cases[i].name);
        lx_err err = {0};
        lx_desc *d = lx_desc_build(&a, &err);
        assert_non_null(d);
        const lx_desc_step *st = NULL;
        for (int k = 0; k < d->n_blocks && !st; k++) st = find_step(&d->blocks[k], cases[i].card);
        if (!st) /* Falcon-H1: attention and Mamba-2 side by side */
            for (int j = 0; j < d->blocks[0].n_steps && !st; j++)
                if (d->blocks[0].steps[j].type == LX_STEP_PAIR) st = &d->blocks[0].steps[j];
        assert_non_null(st);
        assert_string_equal(st->card.title, cases[i].title);
        if (st->type == LX_STEP_PAIR) assert_string_equal(st->card2.title, "Mamba-2 (state space)");
        assert_int_equal(d->n_insets, cases[i].insets);
        lx_desc_free(d);
        lx_arch_free(&a);
        lx_source_free(&src);
    }
}

/* Every shared GGUF that builds as a transformer draws cleanly; the others are refused
 * with a message before any drawing. */
static void test_rules_hold_for_shared_gguf(void **state)
{
    static const char *const files[] = {"stories260K.gguf", "stories260K-q8_0.gguf", "llama-2-tiny-random.gguf"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/models/%s", LX_SHARED_DIR, files[i]);
        lx_source src;
        lx_arch a;
        assert_true(lx_test_open_arch(path, &src, &a));
        assert_clean(*state, &a, files[i]);
        lx_arch_free(&a);
        lx_source_free(&src);
    }
}

static void svg_of(lx_measure *m, const lx_arch *a, lx_buf *out)
{
    lx_scene s;
    lx_buf v;
    lx_buf_init(&v);
    assert_int_equal(lx_test_layout_arch(a, m, &s, &v), 0);
    lx_err err = {0};
    assert_int_equal(lx_svg_render(&s, lx_theme_get(LX_THEME_LIGHT), out, &err), LX_OK);
    lx_scene_free(&s);
    lx_buf_free(&v);
}

static void test_same_input_same_bytes(void **state)
{
    for (int m = 0; m < FX_COUNT; m++) {
        lx_arch a;
        fx_arch((fx_model)m, &a);
        lx_buf x, y;
        lx_buf_init(&x);
        lx_buf_init(&y);
        svg_of(*state, &a, &x);
        lx_measure *fresh = NULL;
        lx_err err = {0};
        assert_int_equal(lx_measure_new(&fresh, &err), LX_OK); /* a cold cache measures the same */
        svg_of(fresh, &a, &y);
        lx_measure_free(fresh);
        assert_int_equal(x.len, y.len);
        assert_memory_equal(x.data, y.data, x.len);
        lx_buf_free(&x);
        lx_buf_free(&y);
        fx_arch_free(&a);
    }
}

/* ---- the checker catches each fault ---- */

static int count_rule(lx_scene *s, const char *rule)
{
    lx_buf v;
    lx_buf_init(&v);
    lx_check_scene(s, &v);
    int n = 0;
    for (const char *p = lx_buf_cstr(&v); (p = strstr(p, rule)) != NULL; p++) n++;
    lx_buf_free(&v);
    return n;
}

static void test_checker_catches_faults(void **state)
{
    lx_scene s;
    lx_scene_init(&s, *state);
    s.width = 400;
    s.height = 300;
    lx_font f = {12.5, false, false};
    int a = lx_scene_box(&s, "a", -1, LX_KIND_ATTENTION, (lx_rect){10, 10, 100, 40}, 8, NULL);
    int b = lx_scene_box(&s, "b", -1, LX_KIND_FFN, (lx_rect){10, 100, 100, 40}, 8, NULL);
    assert_int_equal(count_rule(&s, ": "), 0);
    lx_scene_box(&s, "c", -1, LX_KIND_NORM, (lx_rect){90, 30, 60, 40}, 8, NULL); /* overlaps a */
    assert_int_equal(count_rule(&s, "overlap:"), 1);
    lx_scene_text(&s, "t", a, f, LX_INK_TEXT, LX_ANCHOR_START, 20, 30, "a label far too long for its box");
    assert_true(count_rule(&s, "fit: text t does not fit inside a") == 1);
    lx_pt p[2] = {{60, 60}, {60, 100}}; /* starts 10 units below a's edge */
    lx_scene_line(&s, "l", -1, LX_INK_LINE, LX_KIND_NEUTRAL, LX_F_ARROW | LX_F_CONNECT, p, 2, a, b);
    assert_int_equal(count_rule(&s, "arrow: l does not start on the edge of a"), 1);
    lx_scene_text(&s, "free", -1, f, LX_INK_TEXT, LX_ANCHOR_MIDDLE, 60, 80, "crossed");
    assert_int_equal(count_rule(&s, "crossing: line l passes through free"), 1);
    lx_scene_box(&s, "far", -1, LX_KIND_OUTPUT, (lx_rect){380, 280, 50, 50}, 8, NULL);
    assert_int_equal(count_rule(&s, "canvas: far"), 1);
    lx_scene_box(&s, "b", -1, LX_KIND_OUTPUT, (lx_rect){200, 200, 10, 10}, 2, NULL);
    assert_int_equal(count_rule(&s, "id: b used twice"), 1);
    lx_scene_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_totals_are_published_numbers),
        cmocka_unit_test(test_describe_llama),
        cmocka_unit_test(test_parameter_rows_add_up),
        cmocka_unit_test(test_describe_deepseek_dense_prefix_and_mla),
        cmocka_unit_test(test_describe_gemma_sandwich_and_sliding),
        cmocka_unit_test(test_describe_gpt2),
        cmocka_unit_test(test_describe_parallel_block),
        cmocka_unit_test(test_describe_quantized),
        cmocka_unit_test(test_rules_hold_for_fixtures),
        cmocka_unit_test(test_rules_hold_for_catalogue),
        cmocka_unit_test(test_rules_hold_for_shared_configs),
        cmocka_unit_test(test_describe_qwen3_next_motif),
        cmocka_unit_test(test_rules_hold_for_recurrent_stacks),
        cmocka_unit_test(test_describe_nemotron_h_motif),
        cmocka_unit_test(test_describe_irregular_tail_kinds),
        cmocka_unit_test(test_rules_hold_for_shared_gguf),
        cmocka_unit_test(test_same_input_same_bytes),
        cmocka_unit_test(test_checker_catches_faults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
