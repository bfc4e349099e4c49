/* Tests of encoder-only and encoder-decoder models, drawn and counted as shipped: each
 * stack's component (its layers and its own final norm), the head an encoder checkpoint has
 * (pooler, classifier with its label count, masked-LM head, none), T5's two columns with a
 * cross-attention arrow from the encoder's output into the decoder's cross-attention card,
 * its relative-bias tables and unscaled scores, and the v1.1 differences (gated GELU, untied
 * head). Totals are the hub files' own (huggingface/safetensors temp.md) or the PyTorch
 * module's where the file holds an unused tensor more, as noted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include "draw_support.h"
#include "fixture_st.h"
#include "layout/describe.h"
#include "model/arch.h"
#include "model/hp_config.h"
#include "open/source.h"

#define CONFIGS LX_SHARED_DIR "/configs/"

typedef struct opened {
    lx_source src;
    lx_arch a;
    lx_desc *d;
} opened;

static opened *open_model(const char *what)
{
    opened *o = calloc(1, sizeof *o);
    assert_non_null(o);
    if (!lx_test_open_arch(what, &o->src, &o->a)) fail_msg("cannot open %s", what);
    lx_err err = {0};
    o->d = lx_desc_build(&o->a, &err);
    if (!o->d) fail_msg("%s: %s", what, err.msg);
    return o;
}

static void close_model(opened *o)
{
    lx_desc_free(o->d);
    lx_arch_free(&o->a);
    lx_source_free(&o->src);
    free(o);
}

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static const lx_desc_card *find_card(const lx_desc_card *cards, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(cards[i].id, id)) return &cards[i];
    return NULL;
}

static const lx_desc_card *block_card(const lx_desc *d, int k, const char *id)
{
    for (int j = 0; j < d->blocks[k].n_steps; j++)
        if (d->blocks[k].steps[j].type == LX_STEP_CARD && !strcmp(d->blocks[k].steps[j].card.id, id))
            return &d->blocks[k].steps[j].card;
    return NULL;
}

/* Whether any card text of the description contains s. */
static bool says(const lx_desc *d, const char *s)
{
    const lx_desc_card *lists[] = {d->spine_top, d->spine_bottom, d->enc_bottom, d->dec_top};
    const int ns[] = {d->n_spine_top, d->n_spine_bottom, d->n_enc_bottom, d->n_dec_top};
    for (int l = 0; l < 4; l++)
        for (int i = 0; i < ns[l]; i++) {
            if (strstr(lists[l][i].title, s)) return true;
            for (int k = 0; k < LX_DESC_MAX_SUB; k++) if (strstr(lists[l][i].sub[k], s)) return true;
        }
    return false;
}

/* ---- T5 ---- */

static void test_t5_components_are_its_stacks(void **state)
{
    (void)state;
    opened *o = open_model("t5-small");
    const lx_arch *a = &o->a;
    assert_int_equal(a->total_params, 60506624);
    assert_int_equal(a->n_enc_layers, 6);
    assert_int_equal(a->n_subs, 2);
    assert_int_equal(a->subs[0].kind, LX_SUB_ENCODER);
    assert_int_equal(a->subs[0].n_layers, 6);
    /* 6 layers of 3,146,752, the 32 x 8 bias table in layer 0, the encoder's final norm 512 */
    assert_int_equal(a->subs[0].params, 6 * 3146752ull + 256 + 512);
    assert_int_equal(a->subs[1].kind, LX_SUB_DECODER);
    assert_int_equal(a->subs[1].n_layers, 6);
    /* the shared embedding 32,128 x 512, 6 layers of 4,195,840, its bias table and final norm */
    assert_int_equal(a->subs[1].params, 32128ull * 512 + 6 * 4195840ull + 256 + 512);
    assert_int_equal(a->subs[0].params + a->subs[1].params, a->total_params);
    assert_int_equal(a->subs[0].bytes + a->subs[1].bytes, a->total_bytes);
    assert_int_equal(a->comp[LX_COMP_OTHER].params, 0);
    assert_int_equal(a->n_warnings, 0);
    close_model(o);
}

static void test_t5_is_drawn_as_two_stacks(void **state)
{
    (void)state;
    opened *o = open_model("t5-small");
    const lx_desc *d = o->d;
    assert_int_equal(d->n_blocks, 2);
    assert_int_equal(d->n_enc_blocks, 1);
    assert_string_equal(d->blocks[0].caption, "Encoder block · layers 0–5");
    assert_string_equal(d->blocks[1].caption, "Decoder block · layers 0–5");
    assert_string_equal(block_card(d, 0, "attn")->title, "Bidirectional multi-head attention");
    assert_string_equal(block_card(d, 1, "attn")->title, "Masked multi-head self-attention");
    assert_string_equal(block_card(d, 1, "attn")->figure, "1.0 M"); /* 4 x 512 x 512, cross-attention apart */
    assert_null(block_card(d, 0, "xattn"));
    const lx_desc_card *x = block_card(d, 1, "xattn");
    assert_non_null(x);
    assert_string_equal(x->title, "Cross-attention to the encoder");
    assert_non_null(strstr(block_card(d, 0, "attn")->sub[1], "not scaled"));
    /* one bias table per stack, 32 buckets x 8 heads, distance 128 */
    const lx_desc_card *rb = find_card(d->spine_top, d->n_spine_top, "relb"), *db = find_card(d->dec_top, d->n_dec_top, "dec_relb");
    assert_non_null(rb);
    assert_non_null(db);
    assert_string_equal(rb->sub[0], "32 buckets × 8 heads, log-spaced up to distance 128");
    assert_non_null(strstr(db->sub[1], "earlier tokens only"));
    assert_null(find_card(d->spine_top, d->n_spine_top, "pos"));
    assert_non_null(find_card(d->enc_bottom, d->n_enc_bottom, "final_norm"));
    assert_true(says(d, "Token embedding (shared with the encoder)"));
    assert_true(says(d, "1/√512 first")); /* v1.0: tied head, rescaled */
    assert_false(says(d, "causal mask"));
    /* the inset's scores: no 1/√64 */
    bool sdpa = false;
    for (int i = 0; i < d->n_insets; i++)
        if (d->insets[i].has[LX_PART_SDPA]) {
            sdpa = true;
            assert_string_equal(d->insets[i].part[LX_PART_SDPA].sub[0], "softmax( Q·Kᵀ + relative position bias + mask ) · V");
            assert_int_equal(d->insets[i].block, 1); /* zooms into the decoder's card, beside it */
        }
    assert_true(sdpa);
    close_model(o);
}

static void test_t5_cross_arrow_joins_the_columns(void **state)
{
    (void)state;
    opened *o = open_model("t5-small");
    lx_measure *m = NULL;
    lx_err err = {0};
    assert_int_equal(lx_measure_new(&m, &err), LX_OK);
    lx_scene s;
    lx_buf v;
    lx_buf_init(&v);
    int bad = lx_test_layout_arch(&o->a, m, &s, &v);
    if (bad != 0) fail_msg("%d violations: %s", bad, lx_buf_cstr(&v));
    int arrow = -1, out = -1, xattn = -1;
    for (int i = 0; i < s.n; i++) {
        if (!strcmp(s.els[i].id, "encdec.cross0")) arrow = i;
        if (!strcmp(s.els[i].id, "enc.output")) out = i;
        if (!strcmp(s.els[i].id, "block1.xattn")) xattn = i;
    }
    assert_true(arrow >= 0 && out >= 0 && xattn >= 0);
    assert_int_equal(s.els[arrow].u.line.from, out);
    assert_int_equal(s.els[arrow].u.line.to, xattn);
    assert_int_equal(s.els[arrow].u.line.n, 2); /* the columns are shifted so that it runs level */
    assert_true(s.els[xattn].r.x > lx_rect_right(s.els[out].r)); /* decoder right of the encoder */
    lx_buf_free(&v);
    lx_scene_free(&s);
    lx_measure_free(m);
    close_model(o);
}

static void test_flan_t5_is_v1_1(void **state)
{
    (void)state;
    opened *o = open_model("flan-t5-base");
    assert_int_equal(o->a.total_params, 247577856); /* the hub file's total */
    assert_int_equal(o->a.ffn.kind, LX_FFN_GLU);
    assert_false(o->a.tied);
    assert_string_equal(block_card(o->d, 1, "ffn")->title, "GeGLU feed-forward");
    assert_true(says(o->d, "Output layer (linear, not tied)"));
    assert_false(says(o->d, "1/√768 first"));
    close_model(o);
}

/* Whisper tiny (a CTranslate2 config: sizes from its alignment heads): the encoder column is
 * audio, the decoder's has the tokenizer and the token tables. */
static void test_whisper_encoder_reads_audio(void **state)
{
    (void)state;
    opened *o = open_model(CONFIGS "faster-whisper-tiny/config.json");
    const lx_desc *d = o->d;
    assert_int_equal(o->a.total_params, 37760640);
    /* conv1 3x80x384 + 384, conv2 3x384x384 + 384, 1,500 x 384 positions, 4 layers of 1,774,080, norm 768 */
    assert_int_equal(o->a.subs[0].params, 92544ull + 442752 + 576000 + 4 * 1774080ull + 768);
    assert_int_equal(o->a.subs[0].kind, LX_SUB_AUDIO); /* JSON "audio_encoder": it reads log-mel frames */
    assert_string_equal(o->a.subs[0].name, "Audio encoder");
    assert_int_equal(o->a.subs[1].kind, LX_SUB_DECODER);
    assert_int_equal(o->a.subs[0].params + o->a.subs[1].params, 37760640);
    assert_false(o->a.subs[0].beside); /* one of the model's two stacks: no row of its own beside them */
    assert_string_equal(d->blocks[0].caption, "Audio encoder block · layers 0–3");
    assert_string_equal(d->spine_top[0].title, "Audio input");
    assert_string_equal(find_card(d->spine_top, d->n_spine_top, "stem")->figure, "535.3 K");
    assert_null(find_card(d->spine_top, d->n_spine_top, "tokenizer"));
    assert_non_null(find_card(d->dec_top, d->n_dec_top, "tokenizer"));
    assert_string_equal(find_card(d->dec_top, d->n_dec_top, "embed")->figure, "19.9 M"); /* 51,865 x 384 */
    assert_string_equal(find_card(d->dec_top, d->n_dec_top, "dec_pos")->sub[0], "448 positions × 384 · added to each token");
    close_model(o);
}

/* BART: post-norm, learned positions per stack (+2 rows), embedding norms, no final norms;
 * mBART the same shapes pre-norm, with a final norm per stack. */
static void test_bart_and_mbart(void **state)
{
    (void)state;
    opened *o = open_model("bart-base");
    const lx_desc *d = o->d;
    assert_int_equal(o->a.total_params, 139420416); /* the hub file's total */
    assert_int_equal(o->a.norm.placement, LX_NORM_POST);
    assert_string_equal(find_card(d->spine_top, d->n_spine_top, "pos")->sub[0], "1,026 positions × 768 · added to each token");
    assert_non_null(find_card(d->dec_top, d->n_dec_top, "dec_pos"));
    assert_non_null(find_card(d->spine_top, d->n_spine_top, "embd_norm"));
    assert_non_null(find_card(d->dec_top, d->n_dec_top, "dec_embd_norm"));
    assert_null(find_card(d->enc_bottom, d->n_enc_bottom, "final_norm"));
    /* post-norm: the cross-attention's norm follows its add */
    const lx_desc_block *k = &d->blocks[1];
    int x = -1;
    for (int j = 0; j < k->n_steps; j++) if (!strcmp(k->steps[j].card.id, "xattn")) x = j;
    assert_true(x > 0 && x + 2 < k->n_steps);
    assert_int_equal(k->steps[x + 1].type, LX_STEP_ADD);
    assert_string_equal(k->steps[x + 2].card.id, "xattn_norm");
    close_model(o);
    char path[512];
    snprintf(path, sizeof path, "%s/mbart-config.json", LX_TMP_DIR);
    write_text(path, "{\"model_type\":\"mbart\",\"d_model\":64,\"encoder_layers\":2,\"decoder_layers\":1,"
          "\"encoder_attention_heads\":4,\"encoder_ffn_dim\":96,\"vocab_size\":256,\"max_position_embeddings\":30}");
    o = open_model(path);
    /* embedding 256x64; per stack 32x64 positions + 2 norms (embedding, final) of 128; encoder layer
     * 4x(64x64+64) + 64x96+96 + 96x64+64 + 2 norms = 16,640 + 12,448 + 256; decoder layer + 16,640 + 128 */
    uint64_t enc_layer = 16640 + 12448 + 256, dec_layer = enc_layer + 16640 + 128;
    assert_int_equal(o->a.total_params, 16384 + 2 * (2048 + 256) + 2 * enc_layer + dec_layer);
    assert_int_equal(o->a.norm.placement, LX_NORM_PRE);
    assert_int_equal(o->a.subs[0].params, 2048 + 256 + 2 * enc_layer);
    assert_non_null(find_card(o->d->enc_bottom, o->d->n_enc_bottom, "final_norm"));
    close_model(o);
    remove(path);
}

/* ---- encoder-only ---- */

static void test_bert_model_has_its_embeddings_and_pooler(void **state)
{
    (void)state;
    opened *o = open_model("bert-base-uncased");
    const lx_desc *d = o->d;
    assert_int_equal(o->a.total_params, 109482240); /* BertModel; SapBERT's BertModel file holds the same */
    assert_int_equal(o->a.comp[LX_COMP_OTHER].params, 0);
    assert_int_equal(o->a.n_warnings, 0);
    const lx_desc_card *types = find_card(d->spine_top, d->n_spine_top, "types");
    assert_non_null(types);
    assert_string_equal(types->sub[0], "2 types × 768 · added to each token");
    assert_non_null(find_card(d->spine_top, d->n_spine_top, "embd_norm"));
    assert_string_equal(find_card(d->spine_bottom, d->n_spine_bottom, "pooler")->figure, "590.6 K");
    assert_null(find_card(d->spine_bottom, d->n_spine_bottom, "final_norm")); /* post-norm: none */
    assert_null(find_card(d->spine_bottom, d->n_spine_bottom, "softmax"));   /* no head */
    assert_true(says(d, "Contextual embeddings (no head)"));
    assert_string_equal(block_card(d, 0, "attn")->title, "Bidirectional multi-head attention");
    close_model(o);
}

static void test_bert_classifier_says_its_labels(void **state)
{
    (void)state;
    opened *o = open_model(CONFIGS "bert-base-uncased-seqcls/config.json");
    assert_int_equal(o->a.total_params, 109483778); /* + classifier 768 x 2 + 2 */
    assert_true(says(o->d, "Classifier · 2 labels"));
    assert_true(says(o->d, "→ probabilities over 2 labels, one set per sequence"));
    assert_false(says(o->d, "30,522 tokens"));
    assert_non_null(find_card(o->d->spine_bottom, o->d->n_spine_bottom, "pooler"));
    close_model(o);
}

/* bert-base-uncased's hub file is a BertForPreTraining checkpoint (its config says BertModel):
 * BertModel 109,482,240 + the masked-LM transform (768 x 768 + 768, LayerNorm 2 x 768:
 * 592,128) + the tied decoder's bias 30,522 + the next-sentence classifier 768 x 2 + 2 =
 * 110,106,428, the hub file's F32 total (huggingface/safetensors temp.md@01b9ce0). Both heads are drawn in one card: neither feeds the other. */
static void test_bert_for_pretraining_has_both_heads(void **state)
{
    (void)state;
    char path[600], text[4096];
    FILE *fp = fopen(CONFIGS "bert-base-uncased/config.json", "rb");
    assert_non_null(fp);
    size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = '\0';
    char *cls = strstr(text, "\"BertModel\"");
    assert_non_null(cls);
    char edited[4200];
    snprintf(edited, sizeof edited, "%.*s\"BertForPreTraining\"%s", (int)(cls - text), text, cls + strlen("\"BertModel\""));
    snprintf(path, sizeof path, "%s/bert-pretraining.json", LX_TMP_DIR);
    write_text(path, edited);
    opened *o = open_model(path);
    assert_int_equal(o->a.total_params, 109482240ull + 592128 + 30522 + 1538);
    assert_int_equal(o->a.total_params, 110106428ull);
    assert_int_equal(o->a.comp[LX_COMP_OUTPUT].params, 590592ull + 592128 + 30522 + 1538); /* pooler + heads */
    assert_int_equal(o->a.subs[0].kind, LX_SUB_ENCODER);
    const lx_desc_card *heads = find_card(o->d->spine_bottom, o->d->n_spine_bottom, "pretrain");
    assert_non_null(heads);
    assert_string_equal(heads->figure, "1.2 M");
    assert_non_null(strstr(heads->sub[1], "then 768 → 2"));
    assert_null(find_card(o->d->spine_bottom, o->d->n_spine_bottom, "classifier"));
    assert_null(find_card(o->d->spine_bottom, o->d->n_spine_bottom, "mlm"));
    close_model(o);
    remove(path);
}

/* XLM-RoBERTa base from its published config (XLMRobertaForMaskedLM): embeddings 250,002 x 768 +
 * 514 x 768 + 1 x 768 + LayerNorm 1,536 = 192,398,592; 12 layers of 7,087,872 = 85,054,464; the
 * masked-LM head 590,592 + 1,536 + the decoder's bias 250,002 = 842,130; total 278,295,186. The
 * hub file holds 278,885,778 (huggingface/safetensors temp.md@01b9ce0): these + the pooler
 * 590,592 its class does not use. XLMRobertaModel (pooler, no head): 278,043,648. */
static void test_xlm_roberta(void **state)
{
    (void)state;
    opened *o = open_model("xlm-roberta-base");
    assert_int_equal(o->a.total_params, 192398592ull + 85054464ull + 842130ull);
    assert_int_equal(o->a.total_params + 590592ull, 278885778ull);
    assert_string_equal(o->a.hp.family, "xlm-roberta");
    assert_non_null(find_card(o->d->spine_bottom, o->d->n_spine_bottom, "mlm"));
    assert_null(find_card(o->d->spine_bottom, o->d->n_spine_bottom, "pooler"));
    close_model(o);
    char path[600];
    snprintf(path, sizeof path, "%s/xlmr-model.json", LX_TMP_DIR);
    write_text(path, "{\"model_type\":\"xlm-roberta\",\"architectures\":[\"XLMRobertaModel\"],\"hidden_size\":768,"
               "\"intermediate_size\":3072,\"num_hidden_layers\":12,\"num_attention_heads\":12,\"vocab_size\":250002,"
               "\"max_position_embeddings\":514,\"type_vocab_size\":1}");
    o = open_model(path);
    assert_int_equal(o->a.total_params, 192398592ull + 85054464ull + 590592ull);
    assert_int_equal(o->a.total_params, 278043648ull);
    assert_non_null(find_card(o->d->spine_bottom, o->d->n_spine_bottom, "pooler"));
    close_model(o);
    remove(path);
}

/* ModernBERT base (answerdotai/ModernBERT-base's config, ModernBertForMaskedLM): embedding
 * 50,368 x 768 = 38,682,624 + its LayerNorm 768 (no biases anywhere but the decoder's); per
 * layer Wqkv 768 x 2,304 + Wo 768 x 768 + Wi 768 x 2,304 (GeGLU's halves) + Wo 1,152 x 768 +
 * two norms of 768 = 5,015,040, layer 0 without its attention norm (5,014,272); 22 layers
 * 110,330,112; final norm 768; head dense 768 x 768 + norm 768 + decoder bias 50,368 = 640,960.
 * Total 149,655,232: the model card's "149M", and the count third-party tools record for the hub
 * checkpoint (revision 8949b909). Global attention in layers 0, 3, ..., 21 (RoPE theta 160,000),
 * a 128-token window in the other 14 (theta 10,000); an encoder caches nothing. */
static void test_modernbert(void **state)
{
    (void)state;
    opened *o = open_model("modernbert-base");
    const lx_arch *a = &o->a;
    assert_int_equal(a->total_params, 38682624ull + 768 + 22 * 5015040ull - 768 + 768 + 640960);
    assert_int_equal(a->total_params, 149655232ull);
    assert_true(a->encoder_only);
    assert_int_equal(a->norm.placement, LX_NORM_PRE);
    assert_int_equal(a->kv_bytes_per_token, 0);
    int sliding = 0;
    for (int i = 0; i < a->n_layers; i++) {
        bool global = i % 3 == 0;
        sliding += !global;
        assert_int_equal(a->layers[i].window, global ? 0 : 128);
        assert_true(a->layers[i].rope_theta == (global ? 160000.0 : 10000.0));
    }
    assert_int_equal(sliding, 14);
    assert_int_equal(a->ffn.kind, LX_FFN_GLU);
    assert_int_equal(a->comp[LX_COMP_OTHER].params, 0);
    bool noted = false, sides = false; /* one norm in layer 0 does not make its block parallel; its card says so */
    for (int k = 0; k < o->d->n_blocks; k++)
        for (int j = 0; j < o->d->blocks[k].n_steps; j++) {
            const lx_desc_step *st = &o->d->blocks[k].steps[j];
            assert_int_not_equal(st->type, LX_STEP_PAIR);
            noted = noted || (st->type == LX_STEP_CARD && strstr(st->card.sub[0], "none in layer 0"));
            sides = sides || (st->type == LX_STEP_CARD && strstr(st->card.sub[1], "sliding window 128, 64 on each side"));
        }
    assert_true(noted);
    assert_true(sides); /* a bidirectional window: half on each side */
    assert_non_null(find_card(o->d->spine_bottom, o->d->n_spine_bottom, "mlm"));
    assert_true(says(o->d, "Final LayerNorm"));
    close_model(o);
}

/* ModernBERT's layer-pattern keys, hostile: one clear line naming the key. */
static void test_modernbert_hostile_keys(void **state)
{
    (void)state;
    static const struct { const char *cfg, *msg; } CASES[] = {
        {"{\"model_type\":\"modernbert\",\"global_attn_every_n_layers\":0}",
         "m.json: line 1:28: global_attn_every_n_layers: expected a positive integer, found 0"},
        {"{\"model_type\":\"modernbert\",\"local_attention\":\"128\"}", "m.json: line 1:28: local_attention: expected"},
        {"{\"model_type\":\"modernbert\",\"global_rope_theta\":[1]}", "m.json: line 1:28: global_rope_theta: expected"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        lx_hparams hp;
        lx_err err = {0};
        assert_int_not_equal(lx_hfconfig_parse(CASES[i].cfg, strlen(CASES[i].cfg), "m.json", &hp, &err), LX_OK);
        if (!strstr(err.msg, CASES[i].msg)) fail_msg("expected \"%s\" in: %s", CASES[i].msg, err.msg);
    }
}

static void test_masked_lm_heads(void **state)
{
    (void)state;
    static const struct { const char *model; uint64_t total; } M[] = {
        {"roberta-base", 124697433ull},           /* the hub file's F32 total (its I64 position_ids apart) */
        {"distilbert-base-uncased", 66985530ull}, /* the hub file's total */
    };
    for (size_t i = 0; i < sizeof M / sizeof M[0]; i++) {
        opened *o = open_model(M[i].model);
        assert_int_equal(o->a.total_params, M[i].total);
        assert_int_equal(o->a.n_subs, 1);
        assert_int_equal(o->a.subs[0].kind, LX_SUB_ENCODER);
        const lx_desc_card *mlm = find_card(o->d->spine_bottom, o->d->n_spine_bottom, "mlm");
        assert_non_null(mlm);
        assert_non_null(strstr(mlm->sub[1], "tied to the token embedding"));
        assert_null(find_card(o->d->spine_bottom, o->d->n_spine_bottom, "pooler"));
        assert_null(find_card(o->d->spine_bottom, o->d->n_spine_bottom, "final_norm"));
        close_model(o);
    }
    opened *o = open_model("distilbert-base-uncased");
    assert_null(find_card(o->d->spine_top, o->d->n_spine_top, "types")); /* DistilBERT has none */
    close_model(o);
}

/* A BERT classifier as Hugging Face saves it (a folder: config.json + model.safetensors with
 * "bert." names, the I64 position_ids buffer): counted from its tensors like its config alone,
 * the label count from the classifier's rows, nothing left over, no warning. */
static void st_lin(lx_fx_st *f, const char *name, int64_t out, int64_t in)
{
    char n[160];
    snprintf(n, sizeof n, "%s.weight", name);
    lx_fx_st_tensor(f, n, "F32", in ? 2 : 1, in ? (int64_t[]){out, in} : (int64_t[]){out});
    snprintf(n, sizeof n, "%s.bias", name);
    lx_fx_st_tensor(f, n, "F32", 1, (int64_t[]){out});
}

/* A small BERT folder with Hugging Face's names: the classifier of num_labels 3, or the two
 * pre-training heads (cls.predictions.*, cls.seq_relationship) of BertForPreTraining. */
static void write_bert_folder(const char *dir, bool pretraining)
{
    char path[600];
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/config.json", dir);
    char cfg[512];
    snprintf(cfg, sizeof cfg, "{\"model_type\":\"bert\",\"architectures\":[\"%s\"],\"hidden_size\":64,"
             "\"num_hidden_layers\":2,\"num_attention_heads\":4,\"intermediate_size\":96,\"vocab_size\":256,"
             "\"max_position_embeddings\":128,\"type_vocab_size\":2,\"num_labels\":3}",
             pretraining ? "BertForPreTraining" : "BertForSequenceClassification");
    write_text(path, cfg);
    lx_fx_st *f = lx_fx_st_new();
    lx_fx_st_tensor(f, "bert.embeddings.word_embeddings.weight", "F32", 2, (int64_t[]){256, 64});
    lx_fx_st_tensor(f, "bert.embeddings.position_embeddings.weight", "F32", 2, (int64_t[]){128, 64});
    lx_fx_st_tensor(f, "bert.embeddings.token_type_embeddings.weight", "F32", 2, (int64_t[]){2, 64});
    lx_fx_st_tensor(f, "bert.embeddings.position_ids", "I64", 2, (int64_t[]){1, 128});
    st_lin(f, "bert.embeddings.LayerNorm", 64, 0);
    static const char *const LIN[] = {"attention.self.query", "attention.self.key", "attention.self.value",
                                      "attention.output.dense"};
    for (int l = 0; l < 2; l++) {
        char n[128];
        for (int k = 0; k < 4; k++) {
            snprintf(n, sizeof n, "bert.encoder.layer.%d.%s", l, LIN[k]);
            st_lin(f, n, 64, 64);
        }
        snprintf(n, sizeof n, "bert.encoder.layer.%d.attention.output.LayerNorm", l);
        st_lin(f, n, 64, 0);
        snprintf(n, sizeof n, "bert.encoder.layer.%d.intermediate.dense", l);
        st_lin(f, n, 96, 64);
        snprintf(n, sizeof n, "bert.encoder.layer.%d.output.dense", l);
        st_lin(f, n, 64, 96);
        snprintf(n, sizeof n, "bert.encoder.layer.%d.output.LayerNorm", l);
        st_lin(f, n, 64, 0);
    }
    st_lin(f, "bert.pooler.dense", 64, 64);
    if (pretraining) {
        st_lin(f, "cls.predictions.transform.dense", 64, 64);
        st_lin(f, "cls.predictions.transform.LayerNorm", 64, 0);
        lx_fx_st_tensor(f, "cls.predictions.bias", "F32", 1, (int64_t[]){256});
        st_lin(f, "cls.seq_relationship", 2, 64);
    } else {
        st_lin(f, "classifier", 3, 64);
    }
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    assert_true(lx_fx_st_write(f, path, NULL));
    lx_fx_st_free(f);
}

static void remove_folder(const char *dir)
{
    char path[600];
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/config.json", dir);
    remove(path);
    rmdir(dir);
}

static void test_bert_safetensors_with_hub_names(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/bert-st", LX_TMP_DIR);
    write_bert_folder(dir, false);
    opened *o = open_model(dir);
    /* the hand count of tests/test_gguf_families.c's BERT fixture: the same shapes */
    assert_int_equal(o->a.total_params, 16384 + 8192 + 128 + 128 + 2 * 29344 + 4160 + 195);
    assert_int_equal(o->a.comp[LX_COMP_OTHER].params, 0);
    for (int w = 0; w < o->a.n_warnings; w++) fail_msg("warning: %s", o->a.warnings[w]);
    assert_int_equal(o->a.norm.placement, LX_NORM_POST);
    assert_true(o->a.encoder_only);
    assert_true(says(o->d, "Classifier · 3 labels"));
    assert_non_null(find_card(o->d->spine_top, o->d->n_spine_top, "types"));
    assert_non_null(find_card(o->d->spine_top, o->d->n_spine_top, "embd_norm"));
    close_model(o);
    remove_folder(dir);
}

/* The pre-training heads under their hub names: counted from the file as from the config
 * (the same shapes), nothing left over: pooler 4,160 + transform 4,160 + its norm 128 +
 * decoder bias 256 + next sentence 2 x 64 + 2. */
static void test_bert_pretraining_safetensors(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/bert-pre-st", LX_TMP_DIR);
    write_bert_folder(dir, true);
    opened *o = open_model(dir);
    assert_int_equal(o->a.total_params, 16384 + 8192 + 128 + 128 + 2 * 29344 + 4160 + 4160 + 128 + 256 + 130);
    assert_int_equal(o->a.comp[LX_COMP_OTHER].params, 0);
    for (int w = 0; w < o->a.n_warnings; w++) fail_msg("warning: %s", o->a.warnings[w]);
    assert_non_null(find_card(o->d->spine_bottom, o->d->n_spine_bottom, "pretrain"));
    close_model(o);
    char cpath[600];
    snprintf(cpath, sizeof cpath, "%s/config.json", dir);
    opened *c = open_model(cpath); /* the config alone: the same count */
    assert_int_equal(c->a.total_params, 16384 + 8192 + 128 + 128 + 2 * 29344 + 4160 + 4160 + 128 + 256 + 130);
    close_model(c);
    remove_folder(dir);
}

int main(void)
{
    lx_test_draw_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_t5_components_are_its_stacks),  cmocka_unit_test(test_t5_is_drawn_as_two_stacks),
        cmocka_unit_test(test_t5_cross_arrow_joins_the_columns), cmocka_unit_test(test_flan_t5_is_v1_1),
        cmocka_unit_test(test_whisper_encoder_reads_audio), cmocka_unit_test(test_bart_and_mbart),
        cmocka_unit_test(test_bert_model_has_its_embeddings_and_pooler),
        cmocka_unit_test(test_bert_classifier_says_its_labels), cmocka_unit_test(test_masked_lm_heads),
        cmocka_unit_test(test_bert_for_pretraining_has_both_heads), cmocka_unit_test(test_xlm_roberta),
        cmocka_unit_test(test_modernbert), cmocka_unit_test(test_modernbert_hostile_keys),
        cmocka_unit_test(test_bert_safetensors_with_hub_names), cmocka_unit_test(test_bert_pretraining_safetensors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
