/* model/synth — the tensor list a family's code would create, from hyper-parameters alone.
 *
 * Stage: model (used by model/arch when the input has no tensors: config.json, catalogue).
 * Input: lx_hparams with a known family. Output: an lx_tensors list with llama.cpp GGUF
 * names ("token_embd.weight", "blk.N.attn_q.weight", "blk.N.ffn_up_exps.weight", ...),
 * shapes outermost first in PyTorch orientation (q projection {n_heads*head_dim, d_model};
 * stacked experts {n_experts, d_expert, d_model}), one storage type for every tensor from
 * torch_dtype (bfloat16 -> BF16, float16 -> F16, float32 -> F32, absent or unknown -> BF16),
 * offset 0 and file 0. Quantized checkpoints (DeepSeek-V3 fp8, gpt-oss mxfp4) are stored as their
 * files store them afterwards, by model/quant (lx_quant_apply, called by model/arch).
 * Norm names are llama.cpp's: post_attention_norm / post_ffw_norm (Gemma 2/3, OLMo 2),
 * attn_output_norm / layer_output_norm (BERT), attn_norm_2 (Falcon's second norm); BERT's
 * pooler is "cls"; T5 uses llama.cpp's "enc.blk.N." / "dec.blk.N." names (attn_rel_b,
 * cross_attn_*).
 *
 * Counting rules (what "the model" is):
 *  - every parameter of the family's Hugging Face module, biases included (Qwen2 q/k/v
 *    biases, gpt-oss attention/router/expert biases and sinks, GPT-2/BERT/Falcon biases);
 *    buffers (rotary tables, GPT-2's causal mask) are not parameters;
 *  - a tied output head is not listed (it is the embedding);
 *  - BERT is what the config's class holds: BertModel (embeddings, encoder, pooler) when
 *    it names none, ...ForMaskedLM (MLM head, no pooler), ...ForSequenceClassification
 *    (pooler + classifier); RoBERTa without a class is RobertaForMaskedLM as the hub ships it;
 *  - T5 is T5ForConditionalGeneration ("enc."/"dec." blocks, relative-attention bias in
 *    each stack's first block, cross-attention in the decoder);
 *  - what the checkpoint holds: multi-token-prediction modules (num_nextn_predict_layers,
 *    DeepSeek-V3's layer 61: a decoder block after the main layers + the blk.N.nextn.*
 *    tensors, for families with LX_R_MTP) and the vision encoder and projector of
 *    hp->vision (model/towers, with llama.cpp's mmproj names v.* / mm.*); model/arch counts
 *    them as components apart, so the main model's 671,026,419,200 ("671B") stays visible.
 * Fused tensors follow the HF module: GPT-2, Falcon and Phi-3 attn_qkv; Phi-3 ffn_gate_up
 * {2*d_ff, d_model}.
 *
 * Ownership: out must be initialised by the caller (lx_tensors_init) and is appended to;
 * on error it may hold a partial list, still freed by lx_tensors_free.
 */
#ifndef LX_MODEL_SYNTH_H
#define LX_MODEL_SYNTH_H

#include <stdbool.h>
#include <stdint.h>

#include "model/hparams.h"
#include "read/tensor.h"
#include "util/err.h"

lx_status lx_synth_tensors(const lx_hparams *hp, lx_tensors *out, lx_err *err);

/* True when synth has a recipe for hp->family. */
bool lx_synth_supports(const char *family);

/* Fills hp->layer_bits when the input did not declare them (GGUF metadata): the dense
 * prefix of an MoE model, and the sliding layers of families with a fixed pattern
 * (Gemma 2 and gpt-oss alternate, Gemma 3 one global in six, Mistral-style all layers).
 * Does nothing when hp->has_layer_bits is already set. */
void lx_synth_fill_layer_bits(lx_hparams *hp);

/* Whether layer i has routed experts under hp's pattern. */
bool lx_synth_layer_is_moe(const lx_hparams *hp, uint64_t i);

/* Builders of the families whose structure is not a decoder stack (named by their records). */
typedef struct lx_syn lx_syn;
void lx_synth_bert(lx_syn *s);
void lx_synth_t5(lx_syn *s);

/* Sum of n_elems of a tensor list. */
uint64_t lx_synth_count(const lx_tensors *t);

#endif
