/* model/families/fam_encoder — encoder-only (BERT) and encoder-decoder (T5) models, and
 * llama.cpp's clip projector files (a vision encoder). */
#include <string.h>

#include "model/families/family.h"
#include "model/synth.h"

static void cfg_bert(lx_fam_cfg *c) { c->hp->attn_bias = c->hp->ffn_bias = LX_YES; }

const lx_family lx_fam_bert = {
    .name = "bert", .label = "BERT",
    .hf_types = (const char *const[]){"bert", NULL},
    .hf_classes = (const char *const[]){"Bert", NULL},
    .gguf_arch = "bert", .position = "learned", .norm = "layernorm", .activation = "gelu",
    .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = "{\"hidden_act\":\"gelu\",\"tie_word_embeddings\":true,\"layer_norm_eps\":1e-12,\"vocab_size\":30522,"
                "\"hidden_size\":768,\"num_hidden_layers\":12,\"num_attention_heads\":12,\"intermediate_size\":3072,"
                "\"max_position_embeddings\":512,\"type_vocab_size\":2}",
    .config = cfg_bert, .build = lx_synth_bert, .tokenizer = "wpm",
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
