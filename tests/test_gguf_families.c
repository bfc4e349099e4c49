/* Tests that the GGUF form of the new families reads the way their config.json does: a small
 * config of each family is synthesized into its tensor list, written as a GGUF file with
 * llama.cpp's tensor names and metadata keys (general.architecture from the family record;
 * block_count, embedding_length, attention.*, expert_*, ssm.*, shortconv.* as llama.cpp's
 * converter writes them), then opened as a file: the parameter count, every layer's mixer
 * label, the KV cache per token and the recurrent state must equal the config path's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_gguf.h"
#include "model/arch.h"
#include "model/families/family.h"
#include "model/hp_config.h"
#include "open/source.h"

typedef struct family_case {
    const char *name;
    const char *config;
    const char *rename_from, *rename_to; /* llama.cpp's spelling of one norm, NULL none */
} family_case;

static const family_case CASES[] = {
    {"qwen3next",
     "{\"model_type\":\"qwen3_next\",\"hidden_size\":64,\"num_hidden_layers\":8,\"num_attention_heads\":2,"
     "\"num_key_value_heads\":1,\"head_dim\":32,\"linear_num_key_heads\":2,\"linear_num_value_heads\":4,"
     "\"linear_key_head_dim\":16,\"linear_value_head_dim\":16,\"linear_conv_kernel_dim\":4,\"num_experts\":8,"
     "\"num_experts_per_tok\":2,\"moe_intermediate_size\":32,\"shared_expert_intermediate_size\":32,"
     "\"vocab_size\":256,\"intermediate_size\":96}",
     "ffn_norm", "post_attention_norm"},
    {"nemotron_h",
     "{\"model_type\":\"nemotron_h\",\"hidden_size\":64,\"num_hidden_layers\":7,\"hybrid_override_pattern\":\"M*EM-ME\","
     "\"num_attention_heads\":4,\"num_key_value_heads\":2,\"head_dim\":16,\"mamba_num_heads\":4,\"mamba_head_dim\":16,"
     "\"n_groups\":2,\"ssm_state_size\":8,\"conv_kernel\":4,\"n_routed_experts\":4,\"num_experts_per_tok\":2,"
     "\"moe_intermediate_size\":32,\"moe_shared_expert_intermediate_size\":32,\"intermediate_size\":96,"
     "\"vocab_size\":256}",
     NULL, NULL},
    {"mamba2",
     "{\"model_type\":\"mamba2\",\"hidden_size\":64,\"num_hidden_layers\":3,\"num_heads\":8,\"head_dim\":16,"
     "\"n_groups\":2,\"state_size\":8,\"conv_kernel\":4,\"vocab_size\":256}",
     NULL, NULL},
    {"lfm2",
     "{\"model_type\":\"lfm2\",\"hidden_size\":64,\"num_hidden_layers\":4,\"num_attention_heads\":4,"
     "\"num_key_value_heads\":2,\"block_ff_dim\":192,\"vocab_size\":256,"
     "\"layer_types\":[\"conv\",\"full_attention\",\"conv\",\"full_attention\"]}",
     "output_norm", "token_embd_norm"},
    {"jamba",
     "{\"model_type\":\"jamba\",\"hidden_size\":64,\"num_hidden_layers\":8,\"num_attention_heads\":4,"
     "\"num_key_value_heads\":2,\"intermediate_size\":96,\"num_experts\":4,\"num_experts_per_tok\":2,"
     "\"mamba_d_state\":8,\"mamba_d_conv\":4,\"mamba_expand\":2,\"vocab_size\":256}",
     NULL, NULL},
    {"granitehybrid",
     "{\"model_type\":\"granitemoehybrid\",\"hidden_size\":64,\"num_hidden_layers\":4,\"num_attention_heads\":4,"
     "\"num_key_value_heads\":2,\"intermediate_size\":32,\"shared_intermediate_size\":48,\"num_local_experts\":4,"
     "\"num_experts_per_tok\":2,\"mamba_n_heads\":4,\"mamba_d_head\":16,\"mamba_n_groups\":1,\"mamba_d_state\":8,"
     "\"layer_types\":[\"mamba\",\"attention\",\"mamba\",\"mamba\"],\"position_embedding_type\":\"nope\","
     "\"vocab_size\":256}",
     NULL, NULL},
    {"falcon-h1",
     "{\"model_type\":\"falcon_h1\",\"hidden_size\":64,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
     "\"num_key_value_heads\":2,\"head_dim\":16,\"intermediate_size\":96,\"mamba_d_ssm\":64,\"mamba_n_heads\":4,"
     "\"mamba_d_head\":16,\"mamba_n_groups\":1,\"mamba_d_state\":8,\"vocab_size\":256}",
     NULL, NULL},
    {"minimax-m2",
     "{\"model_type\":\"minimax_m2\",\"hidden_size\":64,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
     "\"num_key_value_heads\":2,\"head_dim\":16,\"intermediate_size\":32,\"num_local_experts\":4,"
     "\"num_experts_per_tok\":2,\"rotary_dim\":8,\"vocab_size\":256}",
     NULL, NULL},
    {"glm4moe",
     "{\"model_type\":\"glm4_moe\",\"hidden_size\":64,\"num_hidden_layers\":3,\"num_attention_heads\":4,"
     "\"num_key_value_heads\":2,\"head_dim\":16,\"intermediate_size\":96,\"moe_intermediate_size\":32,"
     "\"n_routed_experts\":4,\"num_experts_per_tok\":2,\"first_k_dense_replace\":1,\"vocab_size\":256}",
     NULL, NULL},
    /* Phi-3: llama.cpp names the fused gate+up projection ffn_up ({d, 2 x d_ff}); no false d_ff warning */
    {"phi3",
     "{\"model_type\":\"phi3\",\"hidden_size\":64,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
     "\"num_key_value_heads\":4,\"intermediate_size\":128,\"vocab_size\":256}",
     "ffn_gate_up", "ffn_up"},
    /* T5 v1.1 (flan-t5, mt5): gated GELU, untied head, a decoder shallower than the encoder
     * (decoder_block_count); T5 v1.0: tied, equal depths, no decoder_block_count key (llama.cpp
     * then takes the encoder's). Names enc.blk.N.*, dec.blk.N.cross_attn_*, enc./dec.output_norm. */
    {"t5-v1.1",
     "{\"model_type\":\"t5\",\"d_model\":64,\"d_kv\":16,\"d_ff\":96,\"num_layers\":3,\"num_decoder_layers\":2,"
     "\"num_heads\":4,\"vocab_size\":256,\"feed_forward_proj\":\"gated-gelu\",\"tie_word_embeddings\":false,"
     "\"relative_attention_num_buckets\":16}",
     NULL, NULL},
    {"t5-v1.0",
     "{\"model_type\":\"t5\",\"d_model\":64,\"d_kv\":16,\"d_ff\":96,\"num_layers\":2,\"num_heads\":4,"
     "\"vocab_size\":256,\"feed_forward_proj\":\"relu\"}",
     NULL, NULL},
    /* BERT as a sequence classifier: token_types, token_embd_norm, post-norms attn_output_norm /
     * layer_output_norm, the pooler "cls" and the classifier "cls.output" (3 labels) */
    {"bert",
     "{\"model_type\":\"bert\",\"architectures\":[\"BertForSequenceClassification\"],\"hidden_size\":64,"
     "\"num_hidden_layers\":2,\"num_attention_heads\":4,\"intermediate_size\":96,\"vocab_size\":256,"
     "\"max_position_embeddings\":128,\"type_vocab_size\":2,\"id2label\":{\"0\":\"a\",\"1\":\"b\",\"2\":\"c\"}}",
     NULL, NULL},
};

static void put_u(lx_fx_gguf *w, const char *arch, const char *key, uint64_t v)
{
    char k[128];
    snprintf(k, sizeof k, "%s.%s", arch, key);
    if (v) lx_fx_gguf_kv_u32(w, k, (uint32_t)v);
}

/* The metadata llama.cpp's converter writes for these families. */
static void write_keys(lx_fx_gguf *w, const char *arch, const lx_hparams *hp)
{
    lx_fx_gguf_kv_str(w, "general.architecture", arch);
    lx_fx_gguf_kv_str(w, "general.name", "fixture");
    uint64_t dec = hp->n_dec_layers, enc = hp->n_layers - dec; /* an encoder-decoder's arch counts both */
    put_u(w, arch, "block_count", enc);
    if (dec != enc) put_u(w, arch, "decoder_block_count", dec);
    put_u(w, arch, "attention.relative_buckets_count", hp->rel_attn_buckets);
    put_u(w, arch, "embedding_length", hp->d_model);
    put_u(w, arch, "feed_forward_length", hp->d_ff);
    put_u(w, arch, "context_length", 4096);
    put_u(w, arch, "attention.head_count", hp->n_heads);
    put_u(w, arch, "attention.head_count_kv", hp->n_kv_heads);
    put_u(w, arch, "attention.key_length", hp->head_dim);
    put_u(w, arch, "attention.value_length", hp->head_dim);
    put_u(w, arch, "expert_count", hp->n_experts);
    put_u(w, arch, "expert_used_count", hp->n_experts_used);
    put_u(w, arch, "expert_feed_forward_length", hp->d_expert);
    put_u(w, arch, "expert_shared_feed_forward_length", hp->d_shared_expert);
    bool gdn = hp->lin_v_heads != 0;
    put_u(w, arch, "ssm.conv_kernel", gdn ? hp->lin_conv : hp->ssm_conv);
    put_u(w, arch, "ssm.state_size", gdn ? hp->lin_k_dim : hp->ssm_d_state);
    put_u(w, arch, "ssm.group_count", gdn ? hp->lin_k_heads : hp->ssm_groups);
    put_u(w, arch, "ssm.time_step_rank", gdn ? hp->lin_v_heads : hp->ssm_heads);
    put_u(w, arch, "ssm.inner_size", gdn ? hp->lin_v_heads * hp->lin_v_dim : hp->ssm_d_inner);
    put_u(w, arch, "shortconv.l_cache", hp->conv_kernel);
    char k[128];
    snprintf(k, sizeof k, "%s.attention.layer_norm_rms_epsilon", arch);
    lx_fx_gguf_kv_f32(w, k, 1e-6f);
}

static void llamacpp_name(char *name, size_t cap, const family_case *c)
{
    if (!c->rename_from) return;
    char *p = strstr(name, c->rename_from);
    if (!p || strcmp(p + strlen(c->rename_from), ".weight") != 0) return;
    char tail[160];
    snprintf(tail, sizeof tail, "%s.weight", c->rename_to);
    snprintf(p, cap - (size_t)(p - name), "%s", tail);
}

static void write_gguf(const family_case *c, const lx_hparams *hp, const lx_tensors *t, const char *path)
{
    const lx_family *f = lx_family_by_name(hp->family);
    assert_non_null(f);
    assert_non_null(f->gguf_arch);
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    write_keys(w, f->gguf_arch, hp);
    for (size_t i = 0; i < t->n; i++) {
        char name[192];
        snprintf(name, sizeof name, "%s", t->v[i].name);
        llamacpp_name(name, sizeof name, c);
        uint64_t ne[4];
        for (int d = 0; d < t->v[i].n_dims; d++) ne[d] = t->v[i].shape[t->v[i].n_dims - 1 - d];
        lx_fx_gguf_tensor(w, name, 1 /* F16 */, t->v[i].n_dims, ne);
    }
    assert_true(lx_fx_gguf_write(w, path));
    lx_fx_gguf_free(w);
}

/* Frees the config's and the file's arch and source, removes both files. */
static void free_pair(lx_arch *a, lx_arch *b, lx_source *cfg, lx_source *file, const char *cpath, const char *gpath)
{
    lx_arch_free(a);
    lx_arch_free(b);
    lx_source_free(cfg);
    lx_source_free(file);
    free(a);
    free(b);
    free(cfg);
    free(file);
    remove(cpath);
    remove(gpath);
}

static void check_case(const family_case *c)
{
    lx_err err = {0};
    lx_source *cfg = calloc(1, sizeof *cfg), *file = calloc(1, sizeof *file);
    lx_arch *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    char cpath[512], gpath[512];
    snprintf(cpath, sizeof cpath, "%s/%s-config.json", LX_TMP_DIR, c->name);
    snprintf(gpath, sizeof gpath, "%s/%s-family.gguf", LX_TMP_DIR, c->name);
    FILE *fp = fopen(cpath, "wb");
    assert_non_null(fp);
    fputs(c->config, fp);
    fclose(fp);
    if (lx_source_open(cpath, cfg, &err) != LX_OK || lx_arch_build(cfg, a, &err) != LX_OK)
        fail_msg("%s config: %s", c->name, err.msg);
    write_gguf(c, &a->hp, a->tensors, gpath);
    if (lx_source_open(gpath, file, &err) != LX_OK || lx_arch_build(file, b, &err) != LX_OK)
        fail_msg("%s gguf: %s", c->name, err.msg);
    if (a->total_params != b->total_params)
        fail_msg("%s: config %llu, gguf %llu parameters", c->name, (unsigned long long)a->total_params,
                 (unsigned long long)b->total_params);
    assert_int_equal(a->n_layers, b->n_layers);
    for (int l = 0; l < a->n_layers; l++)
        if (strcmp(lx_layer_label(&a->layers[l]), lx_layer_label(&b->layers[l])) != 0)
            fail_msg("%s layer %d: config %s, gguf %s", c->name, l, lx_layer_label(&a->layers[l]),
                     lx_layer_label(&b->layers[l]));
    if (a->kv_bytes_per_token != b->kv_bytes_per_token || a->state_bytes_per_seq != b->state_bytes_per_seq)
        fail_msg("%s: KV %llu/%llu, state %llu/%llu", c->name, (unsigned long long)a->kv_bytes_per_token,
                 (unsigned long long)b->kv_bytes_per_token, (unsigned long long)a->state_bytes_per_seq,
                 (unsigned long long)b->state_bytes_per_seq);
    assert_int_equal(a->n_enc_layers, b->n_enc_layers);
    assert_int_equal(a->encoder_only, b->encoder_only);
    assert_int_equal(a->tied, b->tied);
    assert_int_equal(a->ffn.kind, b->ffn.kind);
    if (!strncmp(c->name, "t5", 2) && strncmp(a->ffn.activation, b->ffn.activation, 4) != 0) /* gelu(_new), relu */
        fail_msg("%s: activation config %s, gguf %s", c->name, a->ffn.activation, b->ffn.activation);
    assert_int_equal(a->n_subs, b->n_subs);
    for (int i = 0; i < a->n_subs; i++)
        if (a->subs[i].kind != b->subs[i].kind || a->subs[i].params != b->subs[i].params ||
            a->subs[i].n_layers != b->subs[i].n_layers)
            fail_msg("%s component %d: config %s %d layers %llu, gguf %s %d layers %llu", c->name, i, a->subs[i].name,
                     a->subs[i].n_layers, (unsigned long long)a->subs[i].params, b->subs[i].name, b->subs[i].n_layers,
                     (unsigned long long)b->subs[i].params);
    for (int w = 0; w < b->n_warnings; w++)
        if (strstr(b->warnings[w], "role table") || strstr(b->warnings[w], "not one llmxray knows") ||
            strstr(b->warnings[w], "declared"))
            fail_msg("%s gguf: %s", c->name, b->warnings[w]);
    free_pair(a, b, cfg, file, cpath, gpath);
}

static void test_gguf_reads_like_config(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) check_case(&CASES[i]);
}

/* The fixtures' shapes, counted by hand: the config path above is held to these. */
static uint64_t config_total(const char *name, int *n_enc, int *n_subs)
{
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        if (strcmp(CASES[i].name, name) != 0) continue;
        lx_err err = {0};
        char path[512];
        snprintf(path, sizeof path, "%s/%s-total.json", LX_TMP_DIR, name);
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        fputs(CASES[i].config, fp);
        fclose(fp);
        lx_source *src = calloc(1, sizeof *src);
        lx_arch *a = calloc(1, sizeof *a);
        if (lx_source_open(path, src, &err) != LX_OK || lx_arch_build(src, a, &err) != LX_OK) fail_msg("%s", err.msg);
        uint64_t total = a->total_params;
        *n_enc = a->n_enc_layers;
        *n_subs = a->n_subs;
        lx_arch_free(a);
        lx_source_free(src);
        free(a);
        free(src);
        remove(path);
        return total;
    }
    fail_msg("no case %s", name);
    return 0;
}

static void test_encoder_fixtures_counted_by_hand(void **state)
{
    (void)state;
    int enc = 0, subs = 0;
    /* T5 v1.1: embedding 256x64 + head 256x64; encoder layer: 2 norms 128, attention 4x(64x64)
     * 16,384, gated FFN 3x(64x96) 18,432 = 34,944, x3, + bias 16x4 in layer 0, + final norm 64;
     * decoder layer adds cross-attention 16,384 + its norm 64 = 51,392, x2, + 64 + 64. */
    uint64_t v11 = 2 * 16384 + 3 * 34944 + 64 + 64 + 2 * 51392 + 64 + 64;
    assert_int_equal(config_total("t5-v1.1", &enc, &subs), v11);
    assert_int_equal(enc, 3);
    assert_int_equal(subs, 2);
    /* T5 v1.0: tied, ReLU FFN 2x(64x96) 12,288: encoder layer 128 + 16,384 + 12,288 = 28,800;
     * the default 32 buckets x 4 heads = 128 per stack */
    uint64_t v10 = 16384 + 2 * 28800 + 128 + 64 + 2 * (28800 + 16384 + 64) + 128 + 64;
    assert_int_equal(config_total("t5-v1.0", &enc, &subs), v10);
    assert_int_equal(enc, 2);
    /* BERT: embeddings 256x64 + 128x64 + 2x64 + norm 128; layer: q/k/v/o 4x(64x64+64) 16,640,
     * FFN 64x96+96 + 96x64+64 12,448, 2 norms 256 = 29,344; pooler 64x64+64; classifier 3x64+3 */
    uint64_t bert = 16384 + 8192 + 128 + 128 + 2 * 29344 + 4160 + 195;
    assert_int_equal(config_total("bert", &enc, &subs), bert);
    assert_int_equal(subs, 1);
}

/* llama.cpp's "t5encoder" (a T5 encoder alone, as text encoders of image models ship):
 * token_embd and the enc.* tensors; an encoder with no KV cache, one component. */
static void test_t5_encoder_alone(void **state)
{
    (void)state;
    lx_err err = {0};
    lx_source *cfg = calloc(1, sizeof *cfg), *file = calloc(1, sizeof *file);
    lx_arch *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    char cpath[512], gpath[512];
    snprintf(cpath, sizeof cpath, "%s/t5enc-config.json", LX_TMP_DIR);
    snprintf(gpath, sizeof gpath, "%s/t5enc.gguf", LX_TMP_DIR);
    FILE *fp = fopen(cpath, "wb");
    assert_non_null(fp);
    fputs("{\"model_type\":\"t5\",\"d_model\":64,\"d_kv\":16,\"d_ff\":96,\"num_layers\":2,\"num_heads\":4,"
          "\"vocab_size\":256,\"feed_forward_proj\":\"relu\"}", fp);
    fclose(fp);
    if (lx_source_open(cpath, cfg, &err) != LX_OK || lx_arch_build(cfg, a, &err) != LX_OK) fail_msg("%s", err.msg);
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.architecture", "t5encoder");
    put_u(w, "t5encoder", "block_count", 2);
    put_u(w, "t5encoder", "embedding_length", 64);
    put_u(w, "t5encoder", "feed_forward_length", 96);
    put_u(w, "t5encoder", "attention.head_count", 4);
    put_u(w, "t5encoder", "attention.key_length", 16);
    put_u(w, "t5encoder", "attention.value_length", 16);
    uint64_t expect = 0;
    for (size_t i = 0; i < a->tensors->n; i++) {
        const lx_tensor *t = &a->tensors->v[i];
        if (!strncmp(t->name, "dec.", 4)) continue;
        uint64_t ne[4];
        for (int d = 0; d < t->n_dims; d++) ne[d] = t->shape[t->n_dims - 1 - d];
        lx_fx_gguf_tensor(w, t->name, 1, t->n_dims, ne);
        expect += t->n_elems;
    }
    assert_true(lx_fx_gguf_write(w, gpath));
    lx_fx_gguf_free(w);
    if (lx_source_open(gpath, file, &err) != LX_OK || lx_arch_build(file, b, &err) != LX_OK) fail_msg("%s", err.msg);
    assert_int_equal(b->total_params, expect);
    assert_int_equal(a->subs[0].params + 256 * 64, expect); /* the config's encoder component + the embedding */
    assert_true(b->encoder_only);
    assert_int_equal(b->kv_bytes_per_token, 0);
    assert_int_equal(b->n_subs, 1);
    assert_int_equal(b->subs[0].kind, LX_SUB_ENCODER);
    assert_int_equal(b->n_warnings, 0);
    free_pair(a, b, cfg, file, cpath, gpath);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_gguf_reads_like_config),
                                       cmocka_unit_test(test_encoder_fixtures_counted_by_hand),
                                       cmocka_unit_test(test_t5_encoder_alone)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
