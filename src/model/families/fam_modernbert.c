/* model/families/fam_modernbert — ModernBERT (answerdotai, 2024), an encoder-only family
 * beside BERT's (model/families/fam_encoder).
 *
 * ModernBERT (ModernBertModel / ModernBertForMaskedLM in transformers): a pre-norm encoder
 * with RoPE and no position table; attention over the whole input every
 * global_attn_every_n_layers-th layer (layers 0, 3, 6, ...: RoPE theta global_rope_theta),
 * a bidirectional window of local_attention tokens elsewhere (local_rope_theta); one fused
 * Wqkv and one fused Wi (GeGLU's two halves), no biases anywhere but the decoder's; LayerNorm
 * without bias; layer 0 has no attention norm (the embedding norm precedes it); a final norm.
 * The masked-LM head: dense (no bias), activation, LayerNorm, the tied decoder with a bias.
 * Tensor names are llama.cpp's "modern-bert" names, the fused GeGLU input as ffn_gate_up.
 */
#include <stdio.h>
#include <string.h>

#include "model/families/family.h"
#include "model/synth.h"
#include "model/synth_int.h"

/* Layers 0, n, 2n, ... attend globally; the others keep a window of local_attention tokens. */
static void cfg_modernbert(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    hp->attn_bias = hp->ffn_bias = LX_NO;
    hp->norm_bias = LX_NO;
    lx_jcfg_f64(c->j, "global_rope_theta", &hp->rope_theta);
    lx_jcfg_f64(c->j, "local_rope_theta", &hp->rope_theta_local);
    lx_jcfg_u64(c->j, "local_attention", &hp->sliding_window, true);
    uint64_t every = 3;
    lx_jcfg_u64(c->j, "global_attn_every_n_layers", &every, true);
    for (uint64_t i = 0; hp->sliding_window && i < hp->n_layers && i < LX_MAX_LAYERS; i++)
        if (i % every != 0) lx_fam_bits(hp, i, LX_LAYER_SLIDING);
    json_t *archs = json_object_get(c->j->root, "architectures");
    const char *cls = json_string_value(json_array_get(archs, 0));
    if (cls) hp->mlm_head = lx_fam_tri(strstr(cls, "ForMaskedLM") != NULL);
    hp->pooler = LX_NO;
}

static void modernbert_layer(lx_syn *s, uint64_t i)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, q = hp->n_heads * hp->head_dim;
    snprintf(s->pfx, sizeof s->pfx, "blk.%llu.", (unsigned long long)i);
    s->layer = i;
    if (i > 0) lx_syn_nrm(s, "attn_norm", d); /* layer 0 reads the embedding norm's output */
    lx_syn_lin(s, "attn_qkv", 3 * q, d, false);
    lx_syn_lin(s, "attn_output", d, q, false);
    lx_syn_nrm(s, "ffn_norm", d);
    lx_syn_lin(s, "ffn_gate_up", 2 * hp->d_ff, d, false);
    lx_syn_lin(s, "ffn_down", d, hp->d_ff, false);
}

static void build_modernbert(lx_syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model;
    s->pfx[0] = '\0';
    lx_syn_add(s, 2, hp->vocab_size, d, 0, "token_embd.weight");
    lx_syn_nrm(s, "token_embd_norm", d);
    for (uint64_t i = 0; i < hp->n_layers && !lx_err_failed(s->err); i++) modernbert_layer(s, i);
    s->pfx[0] = '\0';
    lx_syn_nrm(s, "output_norm", d);
    if (hp->mlm_head != LX_YES) return;
    lx_syn_lin(s, "mlm.dense", d, d, false); /* classifier_bias: false */
    lx_syn_nrm(s, "mlm.norm", d);
    lx_syn_add(s, 1, hp->vocab_size, 0, 0, "mlm.decoder.bias"); /* decoder_bias: true; its weight is the embedding */
}

/* Hugging Face's names ("model." stripped by the common table). */
static const lx_role_pattern MODERNBERT_ROLES[] = {
    {"embeddings.tok_embeddings", LX_ROLE_TOK_EMBD, false},
    {"embeddings.norm", LX_ROLE_EMBD_NORM, false},
    {"layers.%d.attn_norm", LX_ROLE_ATTN_NORM, false},
    {"layers.%d.attn.Wqkv", LX_ROLE_ATTN_QKV, false},
    {"layers.%d.attn.Wo", LX_ROLE_ATTN_O, false},
    {"layers.%d.mlp_norm", LX_ROLE_FFN_NORM, false},
    {"layers.%d.mlp.Wi", LX_ROLE_FFN_GATE_UP, false},
    {"layers.%d.mlp.Wo", LX_ROLE_FFN_DOWN, false},
    {"final_norm", LX_ROLE_OUTPUT_NORM, false},
    {"head.dense", LX_ROLE_MLM, false},
    {"head.norm", LX_ROLE_MLM, false},
    {"decoder", LX_ROLE_MLM, false},
    {NULL, LX_ROLE_UNKNOWN, false},
};

const lx_family lx_fam_modernbert = {
    .name = "modernbert", .label = "ModernBERT",
    .hf_types = (const char *const[]){"modernbert", NULL},
    .hf_classes = (const char *const[]){"ModernBert", NULL},
    .gguf_arch = "modern-bert", .position = "rope", .norm = "layernorm", .activation = "gelu",
    .gated = LX_YES, .qk_norm = LX_NO,
    .defaults = "{\"vocab_size\":50368,\"hidden_size\":768,\"intermediate_size\":1152,\"num_hidden_layers\":22,"
                "\"num_attention_heads\":12,\"hidden_activation\":\"gelu\",\"max_position_embeddings\":8192,"
                "\"norm_eps\":1e-5,\"tie_word_embeddings\":true}",
    .config = cfg_modernbert, .hf_roles = MODERNBERT_ROLES, .build = build_modernbert,
    .recipe = LX_R_ENCODER | LX_R_NORM_NO_BIAS | LX_R_NO_POOLER, .tokenizer = "bpe",
};
