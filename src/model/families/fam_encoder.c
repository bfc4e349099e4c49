/* model/families/fam_encoder — encoder-only (BERT) and encoder-decoder (T5) models, and
 * llama.cpp's clip projector files (a vision encoder). */
#include <string.h>

#include "model/families/family.h"
#include "model/synth.h"

/* A sequence-classification checkpoint adds a classifier of len(id2label) outputs
 * (num_labels; transformers' default 2) after the pooler. */
static void cfg_bert(lx_fam_cfg *c)
{
    c->hp->attn_bias = c->hp->ffn_bias = LX_YES;
    json_t *archs = json_object_get(c->j->root, "architectures");
    const char *cls = json_string_value(json_array_get(archs, 0));
    if (!cls || !strstr(cls, "ForSequenceClassification")) return;
    json_t *labels = json_object_get(c->j->cfg, "id2label");
    c->hp->n_labels = json_is_object(labels) && json_object_size(labels) ? json_object_size(labels) : 2;
    lx_jcfg_u64(c->j, "num_labels", &c->hp->n_labels, true);
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

const lx_family lx_fam_bert = {
    .name = "bert", .label = "BERT",
    .hf_types = (const char *const[]){"bert", NULL},
    .hf_classes = (const char *const[]){"Bert", NULL},
    .gguf_arch = "bert", .position = "learned", .norm = "layernorm", .activation = "gelu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"gelu\",\"tie_word_embeddings\":true,\"layer_norm_eps\":1e-12,\"vocab_size\":30522,"
                "\"hidden_size\":768,\"num_hidden_layers\":12,\"num_attention_heads\":12,\"intermediate_size\":3072,"
                "\"max_position_embeddings\":512,\"type_vocab_size\":2}",
    .config = cfg_bert, .detect = detect_bert, .build = lx_synth_bert, .recipe = LX_R_ENCODER, .tokenizer = "wpm",
};

/* RoBERTa as the hub ships it: RobertaForMaskedLM (no pooler, the MLM head). */
static void cfg_roberta(lx_fam_cfg *c) { c->hp->attn_bias = c->hp->ffn_bias = LX_YES; }

const lx_family lx_fam_roberta = {
    .name = "roberta", .label = "RoBERTa",
    .hf_types = (const char *const[]){"roberta", "xlm-roberta", NULL},
    .hf_classes = (const char *const[]){"Roberta", "XLMRoberta", NULL},
    .detect = detect_roberta, .position = "learned", .norm = "layernorm", .activation = "gelu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"gelu\",\"tie_word_embeddings\":true,\"layer_norm_eps\":1e-5,\"vocab_size\":50265,"
                "\"max_position_embeddings\":514,\"type_vocab_size\":1}",
    .config = cfg_roberta, .build = lx_synth_bert, .recipe = LX_R_MLM_HEAD | LX_R_NO_POOLER | LX_R_ENCODER, .tokenizer = "bpe",
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
}

const lx_family lx_fam_t5 = {
    .name = "t5", .label = "T5",
    .hf_types = (const char *const[]){"t5", NULL},
    .hf_classes = (const char *const[]){"T5", NULL},
    .gguf_arch = "t5", .position = "relative", .norm = "rmsnorm", .activation = "",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"feed_forward_proj\":\"relu\",\"tie_word_embeddings\":true,\"layer_norm_epsilon\":1e-6,"
                "\"vocab_size\":32128,\"d_model\":512,\"d_kv\":64,\"d_ff\":2048,\"num_layers\":6,\"num_heads\":8,"
                "\"relative_attention_num_buckets\":32}",
    .config = cfg_t5, .build = lx_synth_t5, .tokenizer = "spm",
};

const lx_family lx_fam_t5encoder = {
    .name = "t5", .label = "T5 encoder", .gguf_arch = "t5encoder", .position = "relative", .norm = "rmsnorm",
    .activation = "", .gated = LX_NO, .qk_norm = LX_NO, .build = lx_synth_t5, .tokenizer = "spm",
};

/* An mmproj file: its keys live under clip.vision.*. */
const lx_family lx_fam_clip = {
    .name = "clip", .label = "CLIP vision encoder", .gguf_arch = "clip", .gguf_prefix = "clip.vision", .position = "learned",
    .norm = "layernorm", .activation = "gelu", .gated = LX_NO, .qk_norm = LX_NO,
};
