/* model/families/fam_bart — BART and mBART: encoder-decoders with learned positions.
 *
 * BartForConditionalGeneration / MBartForConditionalGeneration: one token embedding shared
 * by both stacks and tied to the head; each stack its own learned positions (two rows
 * beyond max_position_embeddings: the offset BART's position ids start at) and a LayerNorm
 * on the embedding sum; q/k/v/out projections and both FFN linears with biases. BART puts a
 * LayerNorm after each residual add (post-norm); mBART before each sub-layer, with a final
 * LayerNorm per stack. final_logits_bias is a buffer, not a parameter. llama.cpp has no
 * architecture for them: the tensor names follow its encoder-decoder scheme (enc.blk.N.,
 * dec.blk.N.cross_attn_*, BERT's attn_output_norm / layer_output_norm for post-norms). */
#include <stdio.h>
#include <string.h>

#include "model/families/family.h"
#include "model/synth.h"
#include "model/synth_int.h"

static void cfg_bart(lx_fam_cfg *c)
{
    lx_hparams *hp = c->hp;
    lx_jcfg_u64(c->j, "encoder_layers", &hp->n_layers, true);
    lx_jcfg_u64(c->j, "decoder_layers", &hp->n_dec_layers, true);
    lx_jcfg_u64(c->j, "encoder_attention_heads", &hp->n_heads, true);
    lx_jcfg_u64(c->j, "encoder_ffn_dim", &hp->d_ff, true);
    if (!hp->n_dec_layers) hp->n_dec_layers = hp->n_layers;
    hp->n_kv_heads = hp->n_heads;
    hp->pos_extra = 2;
    hp->attn_bias = hp->ffn_bias = LX_YES;
}

static void bart_attn(lx_syn *s, const char *kind)
{
    uint64_t d = s->hp->d_model;
    static const char *const PROJ[] = {"q", "k", "v", "o"};
    for (int k = 0; k < 4; k++) {
        char b[32];
        snprintf(b, sizeof b, "%s_%s", kind, PROJ[k]);
        lx_syn_lin(s, b, d, d, true);
    }
}

/* One sub-layer and its norm, before (pre) or after it. */
static void bart_sub(lx_syn *s, const char *norm, bool pre, const char *attn)
{
    const lx_hparams *hp = s->hp;
    if (pre) lx_syn_nrm(s, norm, hp->d_model);
    if (attn) bart_attn(s, attn);
    else {
        lx_syn_lin(s, "ffn_up", hp->d_ff, hp->d_model, true);
        lx_syn_lin(s, "ffn_down", hp->d_model, hp->d_ff, true);
    }
    if (!pre) lx_syn_nrm(s, norm, hp->d_model);
}

static void bart_stack(lx_syn *s, const char *stack, uint64_t n, bool cross, bool pre)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model;
    snprintf(s->pfx, sizeof s->pfx, "%s", stack);
    lx_syn_add(s, 2, hp->context_length + hp->pos_extra, d, 0, "%sposition_embd.weight", stack);
    lx_syn_nrm(s, "token_embd_norm", d);
    for (uint64_t i = 0; i < n && !lx_err_failed(s->err); i++) {
        snprintf(s->pfx, sizeof s->pfx, "%sblk.%llu.", stack, (unsigned long long)i);
        bart_sub(s, pre ? "attn_norm" : "attn_output_norm", pre, "attn");
        if (cross) bart_sub(s, "cross_attn_norm", pre, "cross_attn");
        bart_sub(s, pre ? "ffn_norm" : "layer_output_norm", pre, NULL);
    }
    snprintf(s->pfx, sizeof s->pfx, "%s", stack);
    if (pre) lx_syn_nrm(s, "output_norm", d);
}

static void build(lx_syn *s, bool pre)
{
    const lx_hparams *hp = s->hp;
    lx_syn_add(s, 2, hp->vocab_size, hp->d_model, 0, "token_embd.weight");
    bart_stack(s, "enc.", hp->n_layers, false, pre);
    bart_stack(s, "dec.", hp->n_dec_layers, true, pre);
    s->pfx[0] = '\0';
}

static void build_bart(lx_syn *s) { build(s, false); }
static void build_mbart(lx_syn *s) { build(s, true); }

/* Hugging Face's names (BartForConditionalGeneration, MBart…, Whisper…; "model." stripped
 * first): "shared" the token table (safetensors files keep it once: the stacks' embed_tokens
 * and the tied lm_head are the same tensor), per stack embed_positions (BART's 2 + positions
 * rows), layernorm_embedding, the stack's final layer_norm (mBART, Whisper), Whisper's conv
 * stem; per layer self_attn / encoder_attn q, k, v, out_proj, their norms, fc1 and fc2.
 * Post-norm BART's self_attn_layer_norm and final_layer_norm follow their sub-layer; pre-norm
 * mBART's and Whisper's precede it. final_logits_bias is a buffer (zeros, registered with
 * register_buffer, never trained): stored, no parameters. */
#define BART_STACK(S, ATTN_LN, FFN_LN)                                                                       \
    {S "embed_tokens", LX_ROLE_TOK_EMBD, false}, {S "embed_positions", LX_ROLE_POS_EMBD, false},                 \
    {S "layernorm_embedding", LX_ROLE_EMBD_NORM, false}, {S "layer_norm", LX_ROLE_OUTPUT_NORM, false},          \
    {S "conv1", LX_ROLE_PATCH_EMBD, false}, {S "conv2", LX_ROLE_PATCH_EMBD, false},                             \
    {S "layers.%d.self_attn.q_proj", LX_ROLE_ATTN_Q, false}, {S "layers.%d.self_attn.k_proj", LX_ROLE_ATTN_K, false}, \
    {S "layers.%d.self_attn.v_proj", LX_ROLE_ATTN_V, false}, {S "layers.%d.self_attn.out_proj", LX_ROLE_ATTN_O, false}, \
    {S "layers.%d.self_attn_layer_norm", ATTN_LN, false}, {S "layers.%d.fc1", LX_ROLE_FFN_UP, false},           \
    {S "layers.%d.fc2", LX_ROLE_FFN_DOWN, false}, {S "layers.%d.final_layer_norm", FFN_LN, false}
#define BART_ROLES(ATTN_LN, FFN_LN)                                                                          \
    {"shared", LX_ROLE_TOK_EMBD, false}, {"final_logits", LX_ROLE_BUFFER, false}, {"proj_out", LX_ROLE_OUTPUT, false}, \
    BART_STACK("encoder.", ATTN_LN, FFN_LN), BART_STACK("decoder.", ATTN_LN, FFN_LN),                        \
    {"decoder.layers.%d.encoder_attn.q_proj", LX_ROLE_CROSS_ATTN, false},                                     \
    {"decoder.layers.%d.encoder_attn.k_proj", LX_ROLE_CROSS_ATTN, false},                                     \
    {"decoder.layers.%d.encoder_attn.v_proj", LX_ROLE_CROSS_ATTN, false},                                     \
    {"decoder.layers.%d.encoder_attn.out_proj", LX_ROLE_CROSS_ATTN, false},                                   \
    {"decoder.layers.%d.encoder_attn_layer_norm", LX_ROLE_CROSS_ATTN, false}, {NULL, LX_ROLE_UNKNOWN, false}

static const lx_role_pattern BART_POST_ROLES[] = {BART_ROLES(LX_ROLE_ATTN_POST_NORM, LX_ROLE_FFN_POST_NORM)};
const lx_role_pattern lx_bart_pre_roles[] = {BART_ROLES(LX_ROLE_ATTN_NORM, LX_ROLE_FFN_NORM)};

#define BART_DEFAULTS                                                                                            \
    "{\"activation_function\":\"gelu\",\"tie_word_embeddings\":true,\"vocab_size\":50265,\"d_model\":1024,"    \
    "\"encoder_layers\":12,\"decoder_layers\":12,\"encoder_attention_heads\":16,\"encoder_ffn_dim\":4096,"     \
    "\"max_position_embeddings\":1024}"

const lx_family lx_fam_bart = {
    .name = "bart", .label = "BART",
    .hf_types = (const char *const[]){"bart", NULL},
    .hf_classes = (const char *const[]){"Bart", NULL},
    .position = "learned", .norm = "layernorm", .activation = "gelu", .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = BART_DEFAULTS, .config = cfg_bart, .hf_roles = BART_POST_ROLES, .build = build_bart, .tokenizer = "bpe",
};

const lx_family lx_fam_mbart = {
    .name = "mbart", .label = "mBART",
    .hf_types = (const char *const[]){"mbart", NULL},
    .hf_classes = (const char *const[]){"MBart", NULL},
    .position = "learned", .norm = "layernorm", .activation = "gelu", .gated = LX_NO, .qk_norm = LX_NO,
    .defaults = BART_DEFAULTS, .config = cfg_bart, .hf_roles = lx_bart_pre_roles, .build = build_mbart,
    .tokenizer = "spm",
};
