/* model/catalogue — see catalogue.h.
 *
 * Each entry's config string holds the hyper-parameters of the model's published
 * config.json (the repository named in its description), trimmed to the keys that shape
 * the network; multimodal models keep only their language model ("text_config").
 * Parameter counts are never stored here: model/synth derives them.
 */
#include "model/catalogue.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/hp_config.h"

static const lx_catalogue_entry ENTRIES[] = {
    {"gpt2", "GPT-2",
     "OpenAI GPT-2 small (2019), 124M; openai-community/gpt2 config.json",
      "{\"model_type\":\"gpt2\",\"n_embd\":768,\"n_layer\":12,\"n_head\":12,\"vocab_size\":50257,"
      "\"n_positions\":1024,\"n_inner\":null,\"activation_function\":\"gelu_new\","
      "\"layer_norm_epsilon\":1e-05,\"tie_word_embeddings\":true,\"torch_dtype\":\"float32\"}"},
    {"gpt2-xl", "GPT-2 XL",
     "OpenAI GPT-2 XL (2019), 1.5B; openai-community/gpt2-xl config.json",
      "{\"model_type\":\"gpt2\",\"n_embd\":1600,\"n_layer\":48,\"n_head\":25,\"vocab_size\":50257,"
      "\"n_positions\":1024,\"n_inner\":null,\"activation_function\":\"gelu_new\","
      "\"layer_norm_epsilon\":1e-05,\"tie_word_embeddings\":true,\"torch_dtype\":\"float32\"}"},
    {"llama-2-7b", "Llama 2 7B",
     "Meta Llama 2 (2023), MHA, 4K context; meta-llama/Llama-2-7b-hf config.json",
      "{\"model_type\":\"llama\",\"hidden_size\":4096,\"intermediate_size\":11008,"
      "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":32,"
      "\"vocab_size\":32000,\"max_position_embeddings\":4096,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":10000.0,\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"float16\"}"},
    {"llama-2-13b", "Llama 2 13B",
     "Meta Llama 2 (2023), MHA; meta-llama/Llama-2-13b-hf config.json",
      "{\"model_type\":\"llama\",\"hidden_size\":5120,\"intermediate_size\":13824,"
      "\"num_hidden_layers\":40,\"num_attention_heads\":40,\"num_key_value_heads\":40,"
      "\"vocab_size\":32000,\"max_position_embeddings\":4096,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":10000.0,\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"float16\"}"},
    {"llama-2-70b", "Llama 2 70B",
     "Meta Llama 2 (2023), GQA 64/8; meta-llama/Llama-2-70b-hf config.json",
      "{\"model_type\":\"llama\",\"hidden_size\":8192,\"intermediate_size\":28672,"
      "\"num_hidden_layers\":80,\"num_attention_heads\":64,\"num_key_value_heads\":8,"
      "\"vocab_size\":32000,\"max_position_embeddings\":4096,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":10000.0,\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"float16\"}"},
    {"llama-3.2-1b", "Llama 3.2 1B",
     "Meta Llama 3.2 (2024), tied embeddings, 128K context; meta-llama/Llama-3.2-1B config.json",
      "{\"model_type\":\"llama\",\"hidden_size\":2048,\"intermediate_size\":8192,"
      "\"num_hidden_layers\":16,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
      "\"head_dim\":64,\"vocab_size\":128256,\"max_position_embeddings\":131072,"
      "\"rms_norm_eps\":1e-05,\"rope_theta\":500000.0,\"rope_scaling\":{\"rope_type\":\"llama3\","
      "\"factor\":32.0,\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,"
      "\"original_max_position_embeddings\":8192},\"hidden_act\":\"silu\","
      "\"tie_word_embeddings\":true,\"torch_dtype\":\"bfloat16\"}"},
    {"llama-3.2-3b", "Llama 3.2 3B",
     "Meta Llama 3.2 (2024), tied embeddings, 128K context; meta-llama/Llama-3.2-3B config.json",
      "{\"model_type\":\"llama\",\"hidden_size\":3072,\"intermediate_size\":8192,"
      "\"num_hidden_layers\":28,\"num_attention_heads\":24,\"num_key_value_heads\":8,"
      "\"head_dim\":128,\"vocab_size\":128256,\"max_position_embeddings\":131072,"
      "\"rms_norm_eps\":1e-05,\"rope_theta\":500000.0,\"rope_scaling\":{\"rope_type\":\"llama3\","
      "\"factor\":32.0,\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,"
      "\"original_max_position_embeddings\":8192},\"hidden_act\":\"silu\","
      "\"tie_word_embeddings\":true,\"torch_dtype\":\"bfloat16\"}"},
    {"llama-3.1-8b", "Llama 3.1 8B",
     "Meta Llama 3.1 (2024), GQA 32/8, llama3 RoPE scaling; meta-llama/Llama-3.1-8B config.json",
      "{\"model_type\":\"llama\",\"hidden_size\":4096,\"intermediate_size\":14336,"
      "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
      "\"vocab_size\":128256,\"max_position_embeddings\":131072,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":500000.0,\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":8.0,"
      "\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,\"original_max_position_embeddings\":8192},"
      "\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"llama-3.1-70b", "Llama 3.1 70B",
     "Meta Llama 3.1 (2024), GQA 64/8; meta-llama/Llama-3.1-70B config.json",
      "{\"model_type\":\"llama\",\"hidden_size\":8192,\"intermediate_size\":28672,"
      "\"num_hidden_layers\":80,\"num_attention_heads\":64,\"num_key_value_heads\":8,"
      "\"vocab_size\":128256,\"max_position_embeddings\":131072,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":500000.0,\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":8.0,"
      "\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,\"original_max_position_embeddings\":8192},"
      "\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"llama-3.1-405b", "Llama 3.1 405B",
     "Meta Llama 3.1 (2024), 126 layers, GQA 128/8; meta-llama/Llama-3.1-405B config.json",
      "{\"model_type\":\"llama\",\"hidden_size\":16384,\"intermediate_size\":53248,"
      "\"num_hidden_layers\":126,\"num_attention_heads\":128,\"num_key_value_heads\":8,"
      "\"vocab_size\":128256,\"max_position_embeddings\":131072,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":500000.0,\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":8.0,"
      "\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,\"original_max_position_embeddings\":8192},"
      "\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"llama-4-scout", "Llama 4 Scout 17B-16E (text)",
     "Meta Llama 4 Scout (2025), MoE 16 experts + shared, NoPE every 4th layer; text model of meta-llama/Llama-4-Scout-17B-16E-Instruct config.json",
      "{\"model_type\":\"llama4\",\"text_config\":{\"model_type\":\"llama4_text\","
      "\"hidden_size\":5120,\"intermediate_size\":8192,\"intermediate_size_mlp\":16384,"
      "\"num_hidden_layers\":48,\"num_attention_heads\":40,\"num_key_value_heads\":8,"
      "\"head_dim\":128,\"vocab_size\":202048,\"max_position_embeddings\":10485760,"
      "\"num_local_experts\":16,\"num_experts_per_tok\":1,\"interleave_moe_layer_step\":1,"
      "\"attention_chunk_size\":8192,\"use_qk_norm\":true,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":500000.0,\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":16.0,"
      "\"low_freq_factor\":1.0,\"high_freq_factor\":1.0,\"original_max_position_embeddings\":8192},"
      "\"hidden_act\":\"silu\",\"attention_bias\":false},\"torch_dtype\":\"bfloat16\"}"},
    {"mistral-7b", "Mistral 7B v0.1",
     "Mistral AI (2023), GQA 32/8, 4096-token sliding window; mistralai/Mistral-7B-v0.1 config.json",
      "{\"model_type\":\"mistral\",\"hidden_size\":4096,\"intermediate_size\":14336,"
      "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
      "\"vocab_size\":32000,\"max_position_embeddings\":32768,\"sliding_window\":4096,"
      "\"rms_norm_eps\":1e-05,\"rope_theta\":10000.0,\"hidden_act\":\"silu\","
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"mixtral-8x7b", "Mixtral 8x7B",
     "Mistral AI (2023), MoE 8 experts, top-2; mistralai/Mixtral-8x7B-v0.1 config.json",
      "{\"model_type\":\"mixtral\",\"hidden_size\":4096,\"intermediate_size\":14336,"
      "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
      "\"vocab_size\":32000,\"max_position_embeddings\":32768,\"num_local_experts\":8,"
      "\"num_experts_per_tok\":2,\"sliding_window\":null,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":1000000.0,\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"mixtral-8x22b", "Mixtral 8x22B",
     "Mistral AI (2024), MoE 8 experts, top-2; mistralai/Mixtral-8x22B-v0.1 config.json",
      "{\"model_type\":\"mixtral\",\"hidden_size\":6144,\"intermediate_size\":16384,"
      "\"num_hidden_layers\":56,\"num_attention_heads\":48,\"num_key_value_heads\":8,"
      "\"vocab_size\":32000,\"max_position_embeddings\":65536,\"num_local_experts\":8,"
      "\"num_experts_per_tok\":2,\"sliding_window\":null,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":1000000.0,\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"qwen2.5-7b", "Qwen2.5 7B",
     "Alibaba Qwen2.5 (2024), q/k/v biases, GQA 28/4; Qwen/Qwen2.5-7B config.json",
      "{\"model_type\":\"qwen2\",\"hidden_size\":3584,\"intermediate_size\":18944,"
      "\"num_hidden_layers\":28,\"num_attention_heads\":28,\"num_key_value_heads\":4,"
      "\"vocab_size\":152064,\"max_position_embeddings\":131072,\"sliding_window\":131072,"
      "\"use_sliding_window\":false,\"max_window_layers\":28,\"rms_norm_eps\":1e-06,"
      "\"rope_theta\":1000000.0,\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"qwen2.5-72b", "Qwen2.5 72B",
     "Alibaba Qwen2.5 (2024), q/k/v biases, GQA 64/8; Qwen/Qwen2.5-72B-Instruct config.json",
      "{\"model_type\":\"qwen2\",\"hidden_size\":8192,\"intermediate_size\":29568,"
      "\"num_hidden_layers\":80,\"num_attention_heads\":64,\"num_key_value_heads\":8,"
      "\"vocab_size\":152064,\"max_position_embeddings\":32768,\"sliding_window\":131072,"
      "\"use_sliding_window\":false,\"max_window_layers\":70,\"rms_norm_eps\":1e-06,"
      "\"rope_theta\":1000000.0,\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"qwen3-8b", "Qwen3 8B",
     "Alibaba Qwen3 (2025), QK-norm, GQA 32/8; Qwen/Qwen3-8B config.json",
      "{\"model_type\":\"qwen3\",\"hidden_size\":4096,\"intermediate_size\":12288,"
      "\"num_hidden_layers\":36,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
      "\"head_dim\":128,\"vocab_size\":151936,\"max_position_embeddings\":40960,"
      "\"rms_norm_eps\":1e-06,\"rope_theta\":1000000,\"attention_bias\":false,"
      "\"hidden_act\":\"silu\",\"use_sliding_window\":false,\"sliding_window\":null,"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"qwen3-30b-a3b", "Qwen3 30B-A3B",
     "Alibaba Qwen3 MoE (2025), 128 experts, top-8; Qwen/Qwen3-30B-A3B config.json",
      "{\"model_type\":\"qwen3_moe\",\"hidden_size\":2048,\"intermediate_size\":6144,"
      "\"num_hidden_layers\":48,\"num_attention_heads\":32,\"num_key_value_heads\":4,"
      "\"head_dim\":128,\"vocab_size\":151936,\"max_position_embeddings\":40960,"
      "\"num_experts\":128,\"num_experts_per_tok\":8,\"moe_intermediate_size\":768,"
      "\"decoder_sparse_step\":1,\"mlp_only_layers\":[],\"norm_topk_prob\":true,"
      "\"rms_norm_eps\":1e-06,\"rope_theta\":1000000.0,\"hidden_act\":\"silu\","
      "\"use_sliding_window\":false,\"sliding_window\":null,\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"qwen3-235b-a22b", "Qwen3 235B-A22B",
     "Alibaba Qwen3 MoE (2025), 128 experts, top-8; Qwen/Qwen3-235B-A22B config.json",
      "{\"model_type\":\"qwen3_moe\",\"hidden_size\":4096,\"intermediate_size\":12288,"
      "\"num_hidden_layers\":94,\"num_attention_heads\":64,\"num_key_value_heads\":4,"
      "\"head_dim\":128,\"vocab_size\":151936,\"max_position_embeddings\":40960,"
      "\"num_experts\":128,\"num_experts_per_tok\":8,\"moe_intermediate_size\":1536,"
      "\"decoder_sparse_step\":1,\"mlp_only_layers\":[],\"norm_topk_prob\":true,"
      "\"rms_norm_eps\":1e-06,\"rope_theta\":1000000.0,\"hidden_act\":\"silu\","
      "\"use_sliding_window\":false,\"sliding_window\":null,\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"gemma-2-2b", "Gemma 2 2B",
     "Google Gemma 2 (2024), sandwich norms, local/global attention, soft-capping; google/gemma-2-2b config.json",
      "{\"model_type\":\"gemma2\",\"hidden_size\":2304,\"intermediate_size\":9216,"
      "\"num_hidden_layers\":26,\"num_attention_heads\":8,\"num_key_value_heads\":4,"
      "\"head_dim\":256,\"vocab_size\":256000,\"max_position_embeddings\":8192,"
      "\"sliding_window\":4096,\"attn_logit_softcapping\":50.0,\"final_logit_softcapping\":30.0,"
      "\"query_pre_attn_scalar\":256,\"rms_norm_eps\":1e-06,\"rope_theta\":10000.0,"
      "\"hidden_activation\":\"gelu_pytorch_tanh\",\"tie_word_embeddings\":true,"
      "\"torch_dtype\":\"float32\"}"},
    {"gemma-2-9b", "Gemma 2 9B",
     "Google Gemma 2 (2024), sandwich norms, local/global attention, soft-capping; google/gemma-2-9b config.json",
      "{\"model_type\":\"gemma2\",\"hidden_size\":3584,\"intermediate_size\":14336,"
      "\"num_hidden_layers\":42,\"num_attention_heads\":16,\"num_key_value_heads\":8,"
      "\"head_dim\":256,\"vocab_size\":256000,\"max_position_embeddings\":8192,"
      "\"sliding_window\":4096,\"attn_logit_softcapping\":50.0,\"final_logit_softcapping\":30.0,"
      "\"query_pre_attn_scalar\":256,\"rms_norm_eps\":1e-06,\"rope_theta\":10000.0,"
      "\"hidden_activation\":\"gelu_pytorch_tanh\",\"tie_word_embeddings\":true,"
      "\"torch_dtype\":\"float32\"}"},
    {"gemma-3-4b", "Gemma 3 4B (text)",
     "Google Gemma 3 (2025), 5 local : 1 global layers, QK-norm; language model of google/gemma-3-4b-it config.json",
      "{\"model_type\":\"gemma3\",\"text_config\":{\"model_type\":\"gemma3_text\","
      "\"hidden_size\":2560,\"intermediate_size\":10240,\"num_hidden_layers\":34,"
      "\"num_attention_heads\":8,\"num_key_value_heads\":4,\"head_dim\":256,\"vocab_size\":262208,"
      "\"max_position_embeddings\":131072,\"sliding_window\":1024,\"sliding_window_pattern\":6,"
      "\"query_pre_attn_scalar\":256,\"rms_norm_eps\":1e-06,\"rope_theta\":1000000.0,"
      "\"rope_local_base_freq\":10000.0,\"rope_scaling\":{\"rope_type\":\"linear\",\"factor\":8.0},"
      "\"hidden_activation\":\"gelu_pytorch_tanh\"},\"torch_dtype\":\"bfloat16\"}"},
    {"gemma-3-27b", "Gemma 3 27B (text)",
     "Google Gemma 3 (2025), 5 local : 1 global layers, QK-norm; language model of google/gemma-3-27b-it config.json",
      "{\"model_type\":\"gemma3\",\"text_config\":{\"model_type\":\"gemma3_text\","
      "\"hidden_size\":5376,\"intermediate_size\":21504,\"num_hidden_layers\":62,"
      "\"num_attention_heads\":32,\"num_key_value_heads\":16,\"head_dim\":128,"
      "\"vocab_size\":262208,\"max_position_embeddings\":131072,\"sliding_window\":1024,"
      "\"sliding_window_pattern\":6,\"query_pre_attn_scalar\":168,\"rms_norm_eps\":1e-06,"
      "\"rope_theta\":1000000.0,\"rope_local_base_freq\":10000.0,"
      "\"rope_scaling\":{\"rope_type\":\"linear\",\"factor\":8.0},"
      "\"hidden_activation\":\"gelu_pytorch_tanh\"},\"torch_dtype\":\"bfloat16\"}"},
    {"phi-3-mini", "Phi-3 mini 4K",
     "Microsoft Phi-3 (2024), fused qkv and gate_up projections; microsoft/Phi-3-mini-4k-instruct config.json",
      "{\"model_type\":\"phi3\",\"hidden_size\":3072,\"intermediate_size\":8192,"
      "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":32,"
      "\"vocab_size\":32064,\"max_position_embeddings\":4096,"
      "\"original_max_position_embeddings\":4096,\"sliding_window\":2047,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":10000.0,\"rope_scaling\":null,\"hidden_act\":\"silu\","
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"deepseek-v3", "DeepSeek-V3",
     "DeepSeek (2024), MLA, 256 routed + 1 shared expert, 3 dense layers; deepseek-ai/DeepSeek-V3 config.json (main model, without the MTP module)",
      "{\"model_type\":\"deepseek_v3\",\"hidden_size\":7168,\"intermediate_size\":18432,"
      "\"moe_intermediate_size\":2048,\"num_hidden_layers\":61,\"num_attention_heads\":128,"
      "\"num_key_value_heads\":128,\"vocab_size\":129280,\"max_position_embeddings\":163840,"
      "\"q_lora_rank\":1536,\"kv_lora_rank\":512,\"qk_nope_head_dim\":128,\"qk_rope_head_dim\":64,"
      "\"v_head_dim\":128,\"n_routed_experts\":256,\"n_shared_experts\":1,"
      "\"num_experts_per_tok\":8,\"first_k_dense_replace\":3,\"moe_layer_freq\":1,"
      "\"topk_method\":\"noaux_tc\",\"scoring_func\":\"sigmoid\",\"n_group\":8,\"topk_group\":4,"
      "\"routed_scaling_factor\":2.5,\"num_nextn_predict_layers\":1,\"attention_bias\":false,"
      "\"rms_norm_eps\":1e-06,\"rope_theta\":10000,\"rope_scaling\":{\"type\":\"yarn\","
      "\"factor\":40,\"beta_fast\":32,\"beta_slow\":1,\"mscale\":1.0,\"mscale_all_dim\":1.0,"
      "\"original_max_position_embeddings\":4096},\"hidden_act\":\"silu\","
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\","
      "\"quantization_config\":{\"quant_method\":\"fp8\",\"fmt\":\"e4m3\","
      "\"weight_block_size\":[128,128]}}"},
    {"gpt-oss-20b", "gpt-oss-20b",
     "OpenAI gpt-oss (2025), MoE 32 experts, top-4, attention sinks, alternating 128-token window; openai/gpt-oss-20b config.json",
      "{\"model_type\":\"gpt_oss\",\"hidden_size\":2880,\"intermediate_size\":2880,"
      "\"num_hidden_layers\":24,\"num_attention_heads\":64,\"num_key_value_heads\":8,"
      "\"head_dim\":64,\"vocab_size\":201088,\"max_position_embeddings\":131072,"
      "\"num_local_experts\":32,\"num_experts_per_tok\":4,\"experts_per_token\":4,"
      "\"sliding_window\":128,\"attention_bias\":true,\"rms_norm_eps\":1e-05,\"rope_theta\":150000,"
      "\"rope_scaling\":{\"rope_type\":\"yarn\",\"factor\":32.0,\"beta_fast\":32.0,"
      "\"beta_slow\":1.0,\"original_max_position_embeddings\":4096},\"hidden_act\":\"silu\","
      "\"swiglu_limit\":7.0,\"tie_word_embeddings\":false,"
      "\"quantization_config\":{\"quant_method\":\"mxfp4\"}}"},
    {"gpt-oss-120b", "gpt-oss-120b",
     "OpenAI gpt-oss (2025), MoE 128 experts, top-4, attention sinks, alternating 128-token window; openai/gpt-oss-120b config.json",
      "{\"model_type\":\"gpt_oss\",\"hidden_size\":2880,\"intermediate_size\":2880,"
      "\"num_hidden_layers\":36,\"num_attention_heads\":64,\"num_key_value_heads\":8,"
      "\"head_dim\":64,\"vocab_size\":201088,\"max_position_embeddings\":131072,"
      "\"num_local_experts\":128,\"num_experts_per_tok\":4,\"experts_per_token\":4,"
      "\"sliding_window\":128,\"attention_bias\":true,\"rms_norm_eps\":1e-05,\"rope_theta\":150000,"
      "\"rope_scaling\":{\"rope_type\":\"yarn\",\"factor\":32.0,\"beta_fast\":32.0,"
      "\"beta_slow\":1.0,\"original_max_position_embeddings\":4096},\"hidden_act\":\"silu\","
      "\"swiglu_limit\":7.0,\"tie_word_embeddings\":false,"
      "\"quantization_config\":{\"quant_method\":\"mxfp4\"}}"},
    {"olmo-2-7b", "OLMo 2 7B",
     "AllenAI OLMo 2 (2024), post-norms and full-width QK-norm; allenai/OLMo-2-1124-7B config.json",
      "{\"model_type\":\"olmo2\",\"hidden_size\":4096,\"intermediate_size\":11008,"
      "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":32,"
      "\"vocab_size\":100352,\"max_position_embeddings\":4096,\"rms_norm_eps\":1e-06,"
      "\"rope_theta\":500000,\"attention_bias\":false,\"hidden_act\":\"silu\","
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"float32\"}"},
    {"falcon-7b", "Falcon 7B",
     "TII Falcon (2023), multi-query attention, parallel attention/MLP with one LayerNorm; tiiuae/falcon-7b config.json",
      "{\"model_type\":\"falcon\",\"hidden_size\":4544,\"num_hidden_layers\":32,"
      "\"num_attention_heads\":71,\"vocab_size\":65024,\"multi_query\":true,\"parallel_attn\":true,"
      "\"new_decoder_architecture\":false,\"bias\":false,\"alibi\":false,"
      "\"layer_norm_epsilon\":1e-05,\"apply_residual_connection_post_layernorm\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"bert-base-uncased", "BERT base (uncased)",
     "Google BERT (2018), post-norm encoder, learned positions; google-bert/bert-base-uncased config.json (BertModel with pooler)",
      "{\"model_type\":\"bert\",\"hidden_size\":768,\"intermediate_size\":3072,"
      "\"num_hidden_layers\":12,\"num_attention_heads\":12,\"vocab_size\":30522,"
      "\"max_position_embeddings\":512,\"type_vocab_size\":2,\"hidden_act\":\"gelu\","
      "\"layer_norm_eps\":1e-12,\"position_embedding_type\":\"absolute\","
      "\"torch_dtype\":\"float32\"}"},
    {"t5-small", "T5 small",
     "Google T5 (2019), encoder-decoder, relative attention bias; google-t5/t5-small config.json",
      "{\"model_type\":\"t5\",\"d_model\":512,\"d_kv\":64,\"d_ff\":2048,\"num_layers\":6,"
      "\"num_decoder_layers\":6,\"num_heads\":8,\"vocab_size\":32128,"
      "\"relative_attention_num_buckets\":32,\"relative_attention_max_distance\":128,"
      "\"feed_forward_proj\":\"relu\",\"layer_norm_epsilon\":1e-06,\"n_positions\":512,"
      "\"tie_word_embeddings\":true,\"torch_dtype\":\"float32\"}"},
};

#define N_ENTRIES (sizeof ENTRIES / sizeof ENTRIES[0])

size_t lx_catalogue_count(void) { return N_ENTRIES; }

const lx_catalogue_entry *lx_catalogue_at(size_t i) { return i < N_ENTRIES ? &ENTRIES[i] : NULL; }

const lx_catalogue_entry *lx_catalogue_find(const char *name)
{
    for (size_t i = 0; name && i < N_ENTRIES; i++)
        if (strcasecmp(name, ENTRIES[i].slug) == 0 || strcasecmp(name, ENTRIES[i].display) == 0) return &ENTRIES[i];
    return NULL;
}

lx_status lx_catalogue_load(const char *name, lx_hparams *hp, lx_err *err)
{
    const lx_catalogue_entry *e = lx_catalogue_find(name);
    if (!e)
        return lx_err_set(err, LX_ERR_USAGE, "no catalogue model '%s' (expected a name from 'llmxray list')",
                          name ? name : "");
    char path[96];
    snprintf(path, sizeof path, "catalogue:%s", e->slug);
    lx_status st = lx_hfconfig_parse(e->config, strlen(e->config), path, hp, err);
    if (st == LX_OK) snprintf(hp->name, sizeof hp->name, "%s", e->display);
    return st;
}

/* Levenshtein distance of two short lowercase-compared strings (rows of at most 64). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return SIZE_MAX;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t sub = diag + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            size_t best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
            row[j] = sub < best ? sub : best;
            diag = up;
        }
    }
    return row[lb];
}

const lx_catalogue_entry *lx_catalogue_suggest(const char *name)
{
    const lx_catalogue_entry *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < lx_catalogue_count(); i++) {
        size_t d = edit_distance(name, lx_catalogue_at(i)->slug);
        if (d < best_d) { best_d = d; best = lx_catalogue_at(i); }
    }
    return best && best_d <= 3 && best_d * 2 < strlen(name) ? best : NULL;
}
