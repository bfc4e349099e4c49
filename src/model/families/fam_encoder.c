/* model/families/fam_encoder — encoder-only (BERT) and encoder-decoder (T5) models, and
 * llama.cpp's clip projector files (a vision encoder). */
#include <stdio.h>
#include <string.h>

#include "model/families/family.h"
#include "model/synth.h"
#include "model/synth_int.h"

/* The head the checkpoint's class has: ...ForPreTraining (what bert-base-uncased's hub file
 * holds) the pooler, the next-sentence classifier (2 outputs, cls.seq_relationship) and the
 * masked-LM head; ...ForMaskedLM the masked-LM head and no pooler;
 * ...ForSequenceClassification a classifier of len(id2label) outputs (num_labels;
 * transformers' default 2) after the pooler (RoBERTa's classification head has the same
 * dense + tanh, then out_proj; DistilBERT's pre_classifier the same shape); ...Model the pooler
 * alone when the family's base model has one (base_pooler). No class: the record's recipe. */
static void encoder_head(lx_fam_cfg *c, bool base_pooler)
{
    json_t *archs = json_object_get(c->j->root, "architectures");
    const char *cls = json_string_value(json_array_get(archs, 0));
    if (!cls) return;
    bool pre = strstr(cls, "ForPreTraining") != NULL;
    bool mlm = pre || strstr(cls, "ForMaskedLM") != NULL, seq = strstr(cls, "ForSequenceClassification") != NULL;
    c->hp->mlm_head = lx_fam_tri(mlm);
    c->hp->pooler = lx_fam_tri(seq || pre || (!mlm && base_pooler));
    if (pre) c->hp->n_labels = 2; /* next sentence or not */
    if (!seq) return;
    json_t *labels = json_object_get(c->j->cfg, "id2label");
    c->hp->n_labels = json_is_object(labels) && json_object_size(labels) ? json_object_size(labels) : 2;
    lx_jcfg_u64(c->j, "num_labels", &c->hp->n_labels, true);
}

static void cfg_bert(lx_fam_cfg *c)
{
    c->hp->attn_bias = c->hp->ffn_bias = LX_YES;
    encoder_head(c, true);
}

/* Configs older than model_type: BERT-style keys. RoBERTa's have one token type and 514
 * positions (two reserved for padding). */
static bool is_legacy_bert(const lx_jcfg *j)
{
    return json_object_get(j->cfg, "type_vocab_size") && json_object_get(j->cfg, "hidden_size") &&
           json_object_get(j->cfg, "num_hidden_layers");
}

static bool detect_roberta(const lx_jcfg *j)
{
    return is_legacy_bert(j) && json_integer_value(json_object_get(j->cfg, "type_vocab_size")) == 1 &&
           json_integer_value(json_object_get(j->cfg, "max_position_embeddings")) == 514;
}

static bool detect_bert(const lx_jcfg *j) { return is_legacy_bert(j); }

/* Hugging Face's names of BERT-style checkpoints ("bert.", "roberta.", "distilbert." and
 * "transformer." stripped first): BERT/RoBERTa, then DistilBERT; the heads of each. */
static const lx_role_pattern BERT_ROLES[] = {
    {"embeddings.word_embeddings", LX_ROLE_TOK_EMBD, false},
    {"embeddings.position_embeddings", LX_ROLE_POS_EMBD, false},
    {"embeddings.token_type_embeddings", LX_ROLE_TOKEN_TYPES, false},
    {"embeddings.LayerNorm", LX_ROLE_EMBD_NORM, false},
    {"embeddings.position_ids", LX_ROLE_BUFFER, false},
    {"encoder.layer.%d.attention.self.query", LX_ROLE_ATTN_Q, false},
    {"encoder.layer.%d.attention.self.key", LX_ROLE_ATTN_K, false},
    {"encoder.layer.%d.attention.self.value", LX_ROLE_ATTN_V, false},
    {"encoder.layer.%d.attention.output.dense", LX_ROLE_ATTN_O, false},
    {"encoder.layer.%d.attention.output.LayerNorm", LX_ROLE_ATTN_POST_NORM, false},
    {"encoder.layer.%d.intermediate.dense", LX_ROLE_FFN_UP, false},
    {"encoder.layer.%d.output.dense", LX_ROLE_FFN_DOWN, false},
    {"encoder.layer.%d.output.LayerNorm", LX_ROLE_FFN_POST_NORM, false},
    {"layer.%d.attention.q_lin", LX_ROLE_ATTN_Q, false},
    {"layer.%d.attention.k_lin", LX_ROLE_ATTN_K, false},
    {"layer.%d.attention.v_lin", LX_ROLE_ATTN_V, false},
    {"layer.%d.attention.out_lin", LX_ROLE_ATTN_O, false},
    {"layer.%d.sa_layer_norm", LX_ROLE_ATTN_POST_NORM, false},
    {"layer.%d.ffn.lin1", LX_ROLE_FFN_UP, false},
    {"layer.%d.ffn.lin2", LX_ROLE_FFN_DOWN, false},
    {"layer.%d.output_layer_norm", LX_ROLE_FFN_POST_NORM, false},
    {"pooler.dense", LX_ROLE_POOLER, false},
    {"pre_classifier", LX_ROLE_POOLER, false},
    {"classifier.dense", LX_ROLE_POOLER, false},
    {"classifier.out_proj", LX_ROLE_CLS_OUT, false},
    {"classifier", LX_ROLE_CLS_OUT, false},
    {"cls.seq_relationship", LX_ROLE_CLS_OUT, false},
    {"cls.predictions.transform.dense", LX_ROLE_MLM, false},
    {"cls.predictions.transform.LayerNorm", LX_ROLE_MLM, false},
    {"cls.predictions.decoder", LX_ROLE_MLM, false},
    {"cls.predictions", LX_ROLE_MLM, false},
    {"lm_head.dense", LX_ROLE_MLM, false},
    {"lm_head.layer_norm", LX_ROLE_MLM, false},
    {"lm_head.decoder", LX_ROLE_MLM, false},
    {"lm_head", LX_ROLE_MLM, false},
    {"vocab_transform", LX_ROLE_MLM, false},
    {"vocab_layer_norm", LX_ROLE_MLM, false},
    {"vocab_projector", LX_ROLE_MLM, false},
    {NULL, LX_ROLE_UNKNOWN, false},
};

const lx_family lx_fam_bert = {
    .name = "bert", .label = "BERT",
    .hf_types = (const char *const[]){"bert", NULL},
    .hf_classes = (const char *const[]){"Bert", NULL},
    .gguf_arch = "bert", .position = "learned", .norm = "layernorm", .activation = "gelu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"gelu\",\"tie_word_embeddings\":true,\"layer_norm_eps\":1e-12,\"vocab_size\":30522,"
                "\"hidden_size\":768,\"num_hidden_layers\":12,\"num_attention_heads\":12,\"intermediate_size\":3072,"
                "\"max_position_embeddings\":512,\"type_vocab_size\":2}",
    .config = cfg_bert, .detect = detect_bert, .hf_roles = BERT_ROLES, .build = lx_synth_bert, .recipe = LX_R_ENCODER,
    .tokenizer = "wpm",
};

/* RoBERTa as the hub ships it: RobertaForMaskedLM (no pooler, the MLM head). */
static void cfg_roberta(lx_fam_cfg *c) { cfg_bert(c); }

const lx_family lx_fam_roberta = {
    .name = "roberta", .label = "RoBERTa",
    .hf_types = (const char *const[]){"roberta", NULL},
    .hf_classes = (const char *const[]){"Roberta", NULL},
    .detect = detect_roberta, .position = "learned", .norm = "layernorm", .activation = "gelu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"gelu\",\"tie_word_embeddings\":true,\"layer_norm_eps\":1e-5,\"vocab_size\":50265,"
                "\"max_position_embeddings\":514,\"type_vocab_size\":1}",
    .config = cfg_roberta, .hf_roles = BERT_ROLES, .build = lx_synth_bert, .recipe = LX_R_MLM_HEAD | LX_R_NO_POOLER | LX_R_ENCODER, .tokenizer = "bpe",
};

/* XLM-RoBERTa: RoBERTa's network over a 250,002-token SentencePiece vocabulary (the hub
 * ships XLMRobertaForMaskedLM); llama.cpp converts it to the "bert" architecture. */
const lx_family lx_fam_xlm_roberta = {
    .name = "xlm-roberta", .label = "XLM-RoBERTa",
    .hf_types = (const char *const[]){"xlm-roberta", NULL},
    .hf_classes = (const char *const[]){"XLMRoberta", NULL},
    .position = "learned", .norm = "layernorm", .activation = "gelu", .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"gelu\",\"tie_word_embeddings\":true,\"layer_norm_eps\":1e-5,\"vocab_size\":250002,"
                "\"max_position_embeddings\":514,\"type_vocab_size\":1}",
    .config = cfg_roberta, .hf_roles = BERT_ROLES, .build = lx_synth_bert, .recipe = LX_R_MLM_HEAD | LX_R_NO_POOLER | LX_R_ENCODER,
    .tokenizer = "spm",
};

/* DistilBERT: BERT's block, 6 layers, no token types and no pooler; hidden_dim is the FFN
 * width. The hub ships DistilBertForMaskedLM (vocab_transform, vocab_layer_norm, the tied
 * vocab_projector's bias). llama.cpp converts it to the "bert" architecture. */
static void cfg_distilbert(lx_fam_cfg *c)
{
    c->hp->attn_bias = c->hp->ffn_bias = LX_YES;
    lx_jcfg_u64(c->j, "hidden_dim", &c->hp->d_ff, true);
    c->hp->n_token_types = 0;
    encoder_head(c, false);
}

const lx_family lx_fam_distilbert = {
    .name = "distilbert", .label = "DistilBERT",
    .hf_types = (const char *const[]){"distilbert", NULL},
    .hf_classes = (const char *const[]){"DistilBert", NULL},
    .position = "learned", .norm = "layernorm", .activation = "gelu", .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"activation\":\"gelu\",\"tie_word_embeddings\":true,\"vocab_size\":30522,\"dim\":768,"
                "\"n_layers\":6,\"n_heads\":12,\"hidden_dim\":3072,\"max_position_embeddings\":512}",
    .config = cfg_distilbert, .hf_roles = BERT_ROLES, .build = lx_synth_bert, .recipe = LX_R_MLM_HEAD | LX_R_NO_POOLER | LX_R_ENCODER,
    .tokenizer = "wpm",
};

/* T5: feed_forward_proj "gated-gelu" means a gated FFN (transformers then uses gelu_new);
 * decoder depth defaults to the encoder's. */
static void cfg_t5(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    const char *ffp = lx_jcfg_str(c->j, "feed_forward_proj");
    bool gated = ffp && strncmp(ffp, "gated-", 6) == 0;
    lx_jcfg_bool(c->j, "is_gated_act", &gated);
    hp->gated = lx_fam_tri(gated);
    if (!hp->activation[0] && ffp)
        lx_fam_copy(hp->activation, sizeof hp->activation,
                    strcmp(ffp, "gated-gelu") == 0 ? "gelu_new" : gated ? ffp + 6 : ffp);
    if (!hp->n_dec_layers) hp->n_dec_layers = hp->n_layers;
    hp->attn_bias = hp->ffn_bias = LX_NO;
    hp->attn_scale = 1; /* scores are not divided by √d_kv (folded into the initialisation) */
}

/* A T5 GGUF: llama.cpp reads decoder_block_count when present, else the encoder's depth,
 * buckets relative positions up to distance 128 (T5's default, never stored), and runs a
 * gated FFN with GELU (v1.1), an ungated one with ReLU (v1.0). */
static bool gguf_t5(const lx_gguf *g, const char *prefix, lx_hparams *hp, lx_err *err)
{
    (void)prefix, (void)err;
    const lx_tensors *t = lx_gguf_tensors(g);
    bool gated = false;
    for (size_t i = 0; t && i < t->n && !gated; i++) gated = strstr(t->v[i].name, ".ffn_gate.") != NULL;
    if (!hp->activation[0]) lx_fam_copy(hp->activation, sizeof hp->activation, gated ? "gelu" : "relu");
    if (!hp->n_dec_layers && strcmp(hp->arch_raw, "t5encoder") != 0) hp->n_dec_layers = hp->n_layers;
    if (!hp->rel_attn_max_dist) hp->rel_attn_max_dist = 128;
    hp->attn_scale = 1;
    return true;
}

/* Hugging Face's T5 names (T5ForConditionalGeneration, T5EncoderModel): "shared" the token
 * table both stacks and (tied) the head use; each block's sub-layers numbered in order —
 * encoder 0 self-attention, 1 FFN; decoder 0 self-attention, 1 EncDecAttention, 2 FFN — each
 * with the RMSNorm before it; layer 0's SelfAttention holds the stack's bucket table. v1.0's
 * DenseReluDense.wi is the FFN's up projection, v1.1's wi_0 / wi_1 the gate and up. */
#define T5_SELF(S)                                                                                       \
    {S "block.%d.layer.0.SelfAttention.q", LX_ROLE_ATTN_Q, false},                                        \
    {S "block.%d.layer.0.SelfAttention.k", LX_ROLE_ATTN_K, false},                                        \
    {S "block.%d.layer.0.SelfAttention.v", LX_ROLE_ATTN_V, false},                                        \
    {S "block.%d.layer.0.SelfAttention.o", LX_ROLE_ATTN_O, false},                                        \
    {S "block.%d.layer.0.SelfAttention.relative_attention_bias", LX_ROLE_REL_BIAS, false},                \
    {S "block.%d.layer.0.layer_norm", LX_ROLE_ATTN_NORM, false},                                          \
    {S "final_layer_norm", LX_ROLE_OUTPUT_NORM, false}
#define T5_FFN(S, N)                                                                                     \
    {S "block.%d.layer." N ".DenseReluDense.wi", LX_ROLE_FFN_UP, false},                                  \
    {S "block.%d.layer." N ".DenseReluDense.wi_0", LX_ROLE_FFN_GATE, false},                              \
    {S "block.%d.layer." N ".DenseReluDense.wi_1", LX_ROLE_FFN_UP, false},                                \
    {S "block.%d.layer." N ".DenseReluDense.wo", LX_ROLE_FFN_DOWN, false},                                \
    {S "block.%d.layer." N ".layer_norm", LX_ROLE_FFN_NORM, false}

static const lx_role_pattern T5_ROLES[] = {
    {"shared", LX_ROLE_TOK_EMBD, false},
    T5_SELF("encoder."),
    T5_FFN("encoder.", "1"),
    T5_SELF("decoder."),
    {"decoder.block.%d.layer.1.EncDecAttention.q", LX_ROLE_CROSS_ATTN, false},
    {"decoder.block.%d.layer.1.EncDecAttention.k", LX_ROLE_CROSS_ATTN, false},
    {"decoder.block.%d.layer.1.EncDecAttention.v", LX_ROLE_CROSS_ATTN, false},
    {"decoder.block.%d.layer.1.EncDecAttention.o", LX_ROLE_CROSS_ATTN, false},
    {"decoder.block.%d.layer.1.EncDecAttention.relative_attention_bias", LX_ROLE_CROSS_REL_BIAS, false},
    {"decoder.block.%d.layer.1.layer_norm", LX_ROLE_CROSS_ATTN, false},
    T5_FFN("decoder.", "2"),
    {NULL, LX_ROLE_UNKNOWN, false},
};

const lx_family lx_fam_t5 = {
    .name = "t5", .label = "T5",
    .hf_types = (const char *const[]){"t5", NULL},
    .hf_classes = (const char *const[]){"T5", NULL},
    .gguf_arch = "t5", .position = "relative", .norm = "rmsnorm", .activation = "",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"feed_forward_proj\":\"relu\",\"tie_word_embeddings\":true,\"layer_norm_epsilon\":1e-6,"
                "\"vocab_size\":32128,\"d_model\":512,\"d_kv\":64,\"d_ff\":2048,\"num_layers\":6,\"num_heads\":8,"
                "\"relative_attention_num_buckets\":32,\"relative_attention_max_distance\":128}",
    .config = cfg_t5, .gguf = gguf_t5, .hf_roles = T5_ROLES, .build = lx_synth_t5, .tokenizer = "spm",
};

const lx_family lx_fam_t5encoder = {
    .name = "t5", .label = "T5 encoder", .gguf_arch = "t5encoder", .position = "relative", .norm = "rmsnorm",
    .activation = "", .gated = LX_NO, .qk_norm = LX_NO, .gguf = gguf_t5, .build = lx_synth_t5, .recipe = LX_R_ENCODER,
    .tokenizer = "spm",
};

/* An mmproj file: its keys live under clip.vision.*. */
const lx_family lx_fam_clip = {
    .name = "clip", .label = "CLIP vision encoder", .gguf_arch = "clip", .gguf_prefix = "clip.vision", .position = "learned",
    .norm = "layernorm", .activation = "gelu", .gated = LX_NO, .qk_norm = LX_NO, .recipe = LX_R_NO_SYNTH,
};

/* ---------------------------------------------------------------- Whisper */

/* A CTranslate2 (faster-whisper) config names no sizes: only alignment_heads (the published
 * checkpoint's [layer, head] pairs) and lang_ids. The smallest published size whose decoder
 * has those layers and heads is the model; 99 language ids are the multilingual vocabulary
 * (51,865), 100 large-v3's (51,866, 128 mel bins). */
static const struct { uint64_t d, layers, heads; } WHISPER_SIZES[] = {
    {384, 4, 6}, {512, 6, 8}, {768, 12, 12}, {1024, 24, 16}, {1280, 32, 20},
};

static bool detect_whisper(const lx_jcfg *j)
{
    return json_is_array(json_object_get(j->root, "alignment_heads")) &&
           json_is_array(json_object_get(j->root, "lang_ids"));
}

static void cfg_whisper(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    json_t *ah = json_object_get(c->j->root, "alignment_heads");
    if (!hp->d_model && json_is_array(ah)) {
        uint64_t max_layer = 0, max_head = 0;
        for (size_t i = 0; i < json_array_size(ah); i++) {
            json_t *p = json_array_get(ah, i);
            json_int_t l = json_integer_value(json_array_get(p, 0)), h = json_integer_value(json_array_get(p, 1));
            if (!json_is_array(p) || l < 0 || h < 0 || l > 1000 || h > 1000) {
                lx_jcfg_elem_error(c->j, "alignment_heads", i, "a [layer, head] pair", p);
                return;
            }
            if ((uint64_t)l > max_layer) max_layer = (uint64_t)l;
            if ((uint64_t)h > max_head) max_head = (uint64_t)h;
        }
        size_t k = 0;
        while (k + 1 < sizeof WHISPER_SIZES / sizeof WHISPER_SIZES[0] &&
               (WHISPER_SIZES[k].layers <= max_layer || WHISPER_SIZES[k].heads <= max_head))
            k++;
        hp->d_model = WHISPER_SIZES[k].d;
        hp->n_layers = hp->n_dec_layers = WHISPER_SIZES[k].layers;
        hp->n_heads = hp->n_kv_heads = WHISPER_SIZES[k].heads;
        size_t langs = json_array_size(json_object_get(c->j->root, "lang_ids"));
        hp->vocab_size = langs >= 100 ? 51866 : 51865;
        hp->n_mels = langs >= 100 ? 128 : 80;
        lx_fam_copy(hp->name, sizeof hp->name, hp->name[0] ? hp->name : "whisper");
    }
    lx_jcfg_u64(c->j, "encoder_layers", &hp->n_layers, true);
    lx_jcfg_u64(c->j, "decoder_layers", &hp->n_dec_layers, true);
    lx_jcfg_u64(c->j, "encoder_attention_heads", &hp->n_heads, true);
    lx_jcfg_u64(c->j, "num_mel_bins", &hp->n_mels, true);
    if (!hp->n_kv_heads) hp->n_kv_heads = hp->n_heads;
    if (!hp->n_dec_layers) hp->n_dec_layers = hp->n_layers;
    if (!hp->d_ff) hp->d_ff = 4 * hp->d_model;
    if (!hp->n_mels) hp->n_mels = 80;
    hp->context_length = 448;
    hp->tied = LX_YES;
}

/* One Whisper attention: q, v and out with biases, k without; its LayerNorm first. */
static void whisper_attn(lx_syn *s, const char *kind)
{
    uint64_t d = s->hp->d_model;
    char b[48];
    snprintf(b, sizeof b, "%s_norm", kind);
    lx_syn_nrm(s, b, d);
    snprintf(b, sizeof b, "%s_q", kind);
    lx_syn_lin(s, b, d, d, true);
    snprintf(b, sizeof b, "%s_k", kind);
    lx_syn_lin(s, b, d, d, false);
    snprintf(b, sizeof b, "%s_v", kind);
    lx_syn_lin(s, b, d, d, true);
    snprintf(b, sizeof b, "%s_o", kind);
    lx_syn_lin(s, b, d, d, true);
}

static void whisper_stack(lx_syn *s, const char *stack, uint64_t n, bool cross)
{
    uint64_t d = s->hp->d_model, ff = s->hp->d_ff;
    for (uint64_t i = 0; i < n && !lx_err_failed(s->err); i++) {
        snprintf(s->pfx, sizeof s->pfx, "%sblk.%llu.", stack, (unsigned long long)i);
        whisper_attn(s, "attn");
        if (cross) whisper_attn(s, "cross_attn");
        lx_syn_nrm(s, "ffn_norm", d);
        lx_syn_lin(s, "ffn_up", ff, d, true);
        lx_syn_lin(s, "ffn_down", d, ff, true);
    }
    snprintf(s->pfx, sizeof s->pfx, "%s", stack);
    lx_syn_nrm(s, "output_norm", d);
}

/* WhisperForConditionalGeneration: a two-convolution audio stem and 1,500 stored sinusoidal
 * positions before the encoder; the decoder's tokens, 448 learned positions, self- and
 * cross-attention; the output head tied to the decoder's embedding. */
static void build_whisper(lx_syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model;
    snprintf(s->pfx, sizeof s->pfx, "enc.");
    lx_syn_add(s, 3, d, hp->n_mels, 3, "enc.conv1.weight");
    lx_syn_add(s, 1, d, 0, 0, "enc.conv1.bias");
    lx_syn_add(s, 3, d, d, 3, "enc.conv2.weight");
    lx_syn_add(s, 1, d, 0, 0, "enc.conv2.bias");
    lx_syn_add(s, 2, 1500, d, 0, "enc.position_embd.weight");
    whisper_stack(s, "enc.", hp->n_layers, false);
    lx_syn_add(s, 2, hp->vocab_size, d, 0, "dec.token_embd.weight");
    lx_syn_add(s, 2, hp->context_length, d, 0, "dec.position_embd.weight");
    whisper_stack(s, "dec.", hp->n_dec_layers, true);
}

const lx_family lx_fam_whisper = {
    .name = "whisper", .label = "Whisper",
    .hf_types = (const char *const[]){"whisper", NULL},
    .hf_classes = (const char *const[]){"WhisperFor", NULL},
    .detect = detect_whisper, .position = "learned", .norm = "layernorm", .activation = "gelu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"activation_function\":\"gelu\",\"tie_word_embeddings\":true}",
    .config = cfg_whisper, .hf_roles = lx_bart_pre_roles, .build = build_whisper, .tokenizer = "bpe",
};
