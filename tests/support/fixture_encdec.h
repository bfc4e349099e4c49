/* tests/support/fixture_encdec — model.safetensors files of encoder-decoders with the tensor
 * names and shapes transformers writes, for tests.
 *
 * Stage: test support (on fixture_st). Input: the sizes of a T5 or BART-scheme model. Output:
 * one F32 safetensors file (sparse data region) holding what the hub's files hold:
 *   T5 (T5ForConditionalGeneration): shared.weight; per stack block.N.layer.K.{SelfAttention |
 *   EncDecAttention}.{q,k,v,o}.weight, block.N.layer.K.layer_norm.weight, DenseReluDense.wi
 *   (v1.1: wi_0, wi_1) and wo, block 0's SelfAttention.relative_attention_bias [buckets, heads],
 *   final_layer_norm; lm_head.weight when untied; t5-small's file also holds
 *   decoder.block.0.layer.1.EncDecAttention.relative_attention_bias (cross_bias).
 *   BART / mBART (…ForConditionalGeneration): model.shared.weight; per stack embed_positions
 *   [positions + 2, d], layernorm_embedding, layers.N.self_attn(_layer_norm), encoder_attn
 *   (_layer_norm) in the decoder, fc1, fc2, final_layer_norm, all with biases; mBART's stack
 *   layer_norm; final_logits_bias [1, vocab].
 *   Whisper (WhisperForConditionalGeneration, mels > 0): the BART scheme, pre-norm, with the
 *   encoder's conv1 [d, mels, 3] and conv2 [d, d, 3] stem, 1,500 stored positions and its
 *   layer_norm; the decoder's own embed_tokens and `positions` rows; k_proj without a bias;
 *   no shared table, no layernorm_embedding, no final_logits_bias (proj_out is the tied
 *   embedding: not stored).
 * Ownership: nothing kept; the path is the caller's. Returns false on I/O failure.
 */
#ifndef LX_TESTS_FIXTURE_ENCDEC_H
#define LX_TESTS_FIXTURE_ENCDEC_H

#include <stdbool.h>
#include <stdint.h>

typedef struct lx_fx_t5 {
    int64_t d, inner, ff, layers, dec_layers, heads, buckets, vocab;
    bool gated, tied, cross_bias;
} lx_fx_t5;

typedef struct lx_fx_bart {
    int64_t d, ff, layers, dec_layers, vocab, positions;
    bool pre_norm;
    int64_t mels; /* > 0: Whisper */
} lx_fx_bart;

bool lx_fx_t5_file(const char *path, const lx_fx_t5 *t);
bool lx_fx_bart_file(const char *path, const lx_fx_bart *b);

#endif
