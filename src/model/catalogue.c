/* model/catalogue — see catalogue.h.
 *
 * Each entry's config string holds the hyper-parameters of the model's published
 * config.json (the repository named in its description), trimmed to the keys that shape
 * the network; multimodal models keep only their language model ("text_config").
 * Parameter counts are never stored here: model/synth derives them.
 */
#include "model/catalogue.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/hp_config.h"
#include "util/text.h"

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
    {"gpt-j-6b", "GPT-J 6B",
     "EleutherAI GPT-J (2021), parallel blocks, partial RoPE; EleutherAI/gpt-j-6b config.json",
      "{\"model_type\":\"gptj\",\"activation_function\":\"gelu_new\","
      "\"architectures\":[\"GPTJForCausalLM\"],\"layer_norm_epsilon\":1e-05,\"n_embd\":4096,"
      "\"n_head\":16,\"n_inner\":null,\"n_layer\":28,\"n_positions\":2048,\"rotary\":true,"
      "\"rotary_dim\":64,\"scale_attn_weights\":true,\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"float32\",\"vocab_size\":50400}"},
    {"redpajama-incite-7b", "RedPajama-INCITE 7B",
     "Together RedPajama-INCITE (2023), GPT-NeoX network; togethercomputer/RedPajama-INCITE-7B-Base config.json",
      "{\"model_type\":\"gpt_neox\",\"architectures\":[\"GPTNeoXForCausalLM\"],\"hidden_act\":\"gelu\","
      "\"hidden_size\":4096,\"intermediate_size\":16384,\"layer_norm_eps\":1e-05,"
      "\"max_position_embeddings\":2048,\"num_attention_heads\":32,\"num_hidden_layers\":32,"
      "\"rotary_emb_base\":10000,\"rotary_pct\":1.0,\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"float16\",\"use_parallel_residual\":false,\"vocab_size\":50432}"},
    {"bloom-176b", "BLOOM 176B",
     "BigScience BLOOM (2022), ALiBi, 250K vocabulary; bigscience/bloom config.json",
      "{\"model_type\":\"bloom\",\"apply_residual_connection_post_layernorm\":false,"
      "\"architectures\":[\"BloomForCausalLM\"],\"attention_softmax_in_fp32\":true,"
      "\"layer_norm_epsilon\":1e-05,\"masked_softmax_fusion\":true,\"n_embed\":14336,\"n_layer\":70,"
      "\"num_attention_heads\":112,\"slow_but_exact\":false,\"vocab_size\":250880}"},
    {"mpt-7b", "MPT 7B",
     "MosaicML MPT (2023), ALiBi, no biases; mosaicml/mpt-7b-instruct config.json",
      "{\"model_type\":\"mpt\",\"architectures\":[\"MPTForCausalLM\"],\"attn_config\":{\"alibi\":true,"
      "\"alibi_bias_max\":8,\"attn_impl\":\"torch\",\"attn_type\":\"multihead_attention\","
      "\"attn_uses_sequence_id\":false,\"clip_qkv\":null,\"qk_ln\":false},\"d_model\":4096,"
      "\"embedding_fraction\":1.0,\"expansion_ratio\":4,\"learned_pos_emb\":true,\"n_heads\":32,"
      "\"n_layers\":32,\"no_bias\":true,\"norm_type\":\"low_precision_layernorm\","
      "\"torch_dtype\":\"float16\",\"vocab_size\":50432}"},
    {"falcon-7b", "Falcon 7B",
     "TII Falcon (2023), multi-query attention, parallel attention/MLP with one LayerNorm; tiiuae/falcon-7b config.json",
      "{\"model_type\":\"falcon\",\"hidden_size\":4544,\"num_hidden_layers\":32,"
      "\"num_attention_heads\":71,\"vocab_size\":65024,\"multi_query\":true,\"parallel_attn\":true,"
      "\"new_decoder_architecture\":false,\"bias\":false,\"alibi\":false,"
      "\"layer_norm_epsilon\":1e-05,\"apply_residual_connection_post_layernorm\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"falcon-40b", "Falcon 40B",
     "TII Falcon (2023), parallel blocks, GQA 128/8; tiiuae/falcon-40b config.json",
      "{\"model_type\":\"RefinedWeb\",\"alibi\":false,"
      "\"apply_residual_connection_post_layernorm\":false,\"architectures\":[\"RWForCausalLM\"],"
      "\"bias\":false,\"hidden_size\":8192,\"layer_norm_epsilon\":1e-05,\"n_head\":128,\"n_head_kv\":8,"
      "\"n_layer\":60,\"parallel_attn\":true,\"torch_dtype\":\"bfloat16\",\"vocab_size\":65024}"},
    {"falcon-180b", "Falcon 180B",
     "TII Falcon (2023), parallel blocks, GQA 232/8; tiiuae/falcon-180B-chat config.json",
      "{\"model_type\":\"falcon\",\"alibi\":false,\"architectures\":[\"FalconForCausalLM\"],"
      "\"bias\":false,\"hidden_size\":14848,\"layer_norm_epsilon\":1e-05,\"multi_query\":true,"
      "\"new_decoder_architecture\":true,\"num_attention_heads\":232,\"num_hidden_layers\":80,"
      "\"num_kv_heads\":8,\"parallel_attn\":true,\"torch_dtype\":\"bfloat16\",\"vocab_size\":65024}"},
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
    {"tinyllama-1.1b", "TinyLlama 1.1B",
     "TinyLlama (2024), Llama 2 shape at 1.1B, GQA 32/4; TinyLlama/TinyLlama-1.1B-Chat-v1.0 config.json",
      "{\"model_type\":\"llama\",\"architectures\":[\"LlamaForCausalLM\"],\"attention_bias\":false,"
      "\"dtype\":\"float32\",\"head_dim\":64,\"hidden_act\":\"silu\",\"hidden_size\":2048,"
      "\"intermediate_size\":5632,\"max_position_embeddings\":2048,\"mlp_bias\":false,"
      "\"num_attention_heads\":32,\"num_hidden_layers\":22,\"num_key_value_heads\":4,"
      "\"rms_norm_eps\":1e-05,\"rope_scaling\":null,\"rope_theta\":10000.0,"
      "\"tie_word_embeddings\":false,\"vocab_size\":32000}"},
    {"llama-3-8b", "Llama 3 8B",
     "Meta Llama 3 (2024), GQA 32/8, 8K context; meta-llama/Meta-Llama-3-8B config.json",
      "{\"model_type\":\"llama\",\"vocab_size\":128256,\"max_position_embeddings\":8192,"
      "\"hidden_size\":4096,\"intermediate_size\":14336,\"num_hidden_layers\":32,"
      "\"num_attention_heads\":32,\"num_key_value_heads\":8,\"hidden_act\":\"silu\","
      "\"rms_norm_eps\":1e-05,\"attention_bias\":false,\"mlp_bias\":false,\"head_dim\":128,"
      "\"rope_parameters\":{\"rope_theta\":500000.0,\"rope_type\":\"default\"},"
      "\"tie_word_embeddings\":false,\"dtype\":\"bfloat16\",\"chunk_size_feed_forward\":0,"
      "\"architectures\":[\"LlamaForCausalLM\"],\"problem_type\":null}"},
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
    {"llama-4-maverick", "Llama 4 Maverick 17B-128E (text)",
     "Meta Llama 4 (2025), 128 experts in alternate layers, chunked attention with NoPE every 4th layer; meta-llama/Llama-4-Maverick-17B-128E-Instruct config.json",
      "{\"model_type\":\"llama4\",\"architectures\":[\"Llama4ForConditionalGeneration\"],"
      "\"text_config\":{\"attention_bias\":false,\"attention_chunk_size\":8192,\"attn_scale\":0.1,"
      "\"attn_temperature_tuning\":true,\"for_llm_compressor\":false,\"head_dim\":128,"
      "\"hidden_act\":\"silu\",\"hidden_size\":5120,\"interleave_moe_layer_step\":2,"
      "\"intermediate_size\":8192,\"intermediate_size_mlp\":16384,\"max_position_embeddings\":1048576,"
      "\"model_type\":\"llama4_text\",\"moe_layers\":[1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31,33,35,"
      "37,39,41,43,45,47],\"no_rope_layers\":[1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,"
      "1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0],\"num_attention_heads\":40,\"num_experts_per_tok\":1,"
      "\"num_hidden_layers\":48,\"num_key_value_heads\":8,\"num_local_experts\":128,"
      "\"rms_norm_eps\":1e-05,\"rope_scaling\":null,\"rope_theta\":500000.0,"
      "\"torch_dtype\":\"bfloat16\",\"use_qk_norm\":false,\"vocab_size\":202048},"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
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
    {"mistral-small-3.1", "Mistral Small 3.1 24B (text)",
     "Mistral Small 3.1 (2025), GQA 32/8, 128K context; mistralai/Mistral-Small-3.1-24B-Base-2503 config.json",
      "{\"model_type\":\"mistral3\",\"architectures\":[\"Mistral3ForConditionalGeneration\"],"
      "\"text_config\":{\"head_dim\":128,\"hidden_act\":\"silu\",\"hidden_size\":5120,"
      "\"intermediate_size\":32768,\"max_position_embeddings\":131072,\"model_type\":\"mistral\","
      "\"num_attention_heads\":32,\"num_hidden_layers\":40,\"num_key_value_heads\":8,"
      "\"rms_norm_eps\":1e-05,\"rope_theta\":1000000000.0,\"sliding_window\":null,"
      "\"vocab_size\":131072},\"torch_dtype\":\"bfloat16\"}"},
    {"devstral-small", "Devstral Small 24B",
     "Mistral Devstral Small (2025), Mistral Small 3.1 text network; mistralai/Devstral-Small-2507 config.json",
      "{\"model_type\":\"mistral\",\"architectures\":[\"MistralForCausalLM\"],\"head_dim\":128,"
      "\"hidden_act\":\"silu\",\"hidden_size\":5120,\"intermediate_size\":32768,"
      "\"max_position_embeddings\":131072,\"num_attention_heads\":32,\"num_hidden_layers\":40,"
      "\"num_key_value_heads\":8,\"rms_norm_eps\":1e-05,\"rope_theta\":1000000000.0,"
      "\"sliding_window\":null,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\","
      "\"vocab_size\":131072}"},
    {"mistral-small-4", "Mistral Small 4 119B (text)",
     "Mistral Small 4 (2026), MLA with 128 experts; mistralai/Mistral-Small-4-119B-2603 config.json",
      "{\"model_type\":\"mistral3\",\"architectures\":[\"Mistral3ForConditionalGeneration\"],"
      "\"dtype\":\"bfloat16\",\"text_config\":{\"attention_bias\":false,\"first_k_dense_replace\":0,"
      "\"head_dim\":128,\"hidden_act\":\"silu\",\"hidden_size\":4096,\"intermediate_size\":12288,"
      "\"kv_lora_rank\":256,\"max_position_embeddings\":1048576,\"mlp_bias\":false,"
      "\"model_type\":\"mistral4\",\"moe_intermediate_size\":2048,\"n_group\":1,"
      "\"n_routed_experts\":128,\"n_shared_experts\":1,\"norm_topk_prob\":true,"
      "\"num_attention_heads\":32,\"num_experts_per_tok\":4,\"num_hidden_layers\":36,"
      "\"num_key_value_heads\":32,\"q_lora_rank\":1024,\"qk_head_dim\":128,\"qk_nope_head_dim\":64,"
      "\"qk_rope_head_dim\":64,\"rms_norm_eps\":1e-06,\"rope_interleave\":true,"
      "\"rope_parameters\":{\"factor\":128.0,\"mscale_all_dim\":1.0,"
      "\"original_max_position_embeddings\":8192,\"rope_theta\":10000.0,\"rope_type\":\"yarn\","
      "\"type\":\"yarn\"},\"routed_scaling_factor\":1.0,\"sliding_window\":null,"
      "\"tie_word_embeddings\":false,\"topk_group\":1,\"v_head_dim\":128,\"vocab_size\":131072},"
      "\"tie_word_embeddings\":false}"},
    {"qwen-7b", "Qwen 7B (v1)",
     "Alibaba Qwen v1 (2023), fused QKV with bias; Qwen/Qwen-7B-Chat config.json (Cantonese fine-tune's copy)",
      "{\"model_type\":\"qwen\",\"architectures\":[\"QWenLMHeadModel\"],\"hidden_size\":4096,"
      "\"intermediate_size\":22016,\"kv_channels\":128,\"layer_norm_epsilon\":1e-06,"
      "\"max_position_embeddings\":32768,\"no_bias\":true,\"num_attention_heads\":32,"
      "\"num_hidden_layers\":32,\"rotary_emb_base\":10000,\"rotary_pct\":1.0,"
      "\"scale_attn_weights\":true,\"softmax_in_fp32\":false,\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"float16\",\"use_logn_attn\":true,\"vocab_size\":151936}"},
    {"qwen2.5-7b", "Qwen2.5 7B",
     "Alibaba Qwen2.5 (2024), q/k/v biases, GQA 28/4; Qwen/Qwen2.5-7B config.json",
      "{\"model_type\":\"qwen2\",\"hidden_size\":3584,\"intermediate_size\":18944,"
      "\"num_hidden_layers\":28,\"num_attention_heads\":28,\"num_key_value_heads\":4,"
      "\"vocab_size\":152064,\"max_position_embeddings\":131072,\"sliding_window\":131072,"
      "\"use_sliding_window\":false,\"max_window_layers\":28,\"rms_norm_eps\":1e-06,"
      "\"rope_theta\":1000000.0,\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"qwen2.5-14b", "Qwen2.5 14B",
     "Alibaba Qwen2.5 (2024), GQA 40/8; deepcogito/cogito-v1-preview-qwen-14B config.json (Qwen2.5-14B shapes)",
      "{\"model_type\":\"qwen2\",\"architectures\":[\"Qwen2ForCausalLM\"],\"hidden_act\":\"silu\","
      "\"hidden_size\":5120,\"intermediate_size\":13824,\"max_position_embeddings\":131072,"
      "\"max_window_layers\":48,\"num_attention_heads\":40,\"num_hidden_layers\":48,"
      "\"num_key_value_heads\":8,\"rms_norm_eps\":1e-05,\"rope_scaling\":null,\"rope_theta\":1000000.0,"
      "\"sliding_window\":131072,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\","
      "\"use_sliding_window\":false,\"vocab_size\":151665}"},
    {"qwen2.5-72b", "Qwen2.5 72B",
     "Alibaba Qwen2.5 (2024), q/k/v biases, GQA 64/8; Qwen/Qwen2.5-72B-Instruct config.json",
      "{\"model_type\":\"qwen2\",\"hidden_size\":8192,\"intermediate_size\":29568,"
      "\"num_hidden_layers\":80,\"num_attention_heads\":64,\"num_key_value_heads\":8,"
      "\"vocab_size\":152064,\"max_position_embeddings\":32768,\"sliding_window\":131072,"
      "\"use_sliding_window\":false,\"max_window_layers\":70,\"rms_norm_eps\":1e-06,"
      "\"rope_theta\":1000000.0,\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"qwen3-0.6b", "Qwen3 0.6B",
     "Alibaba Qwen3 (2025), QK-norm, tied embeddings; Qwen/Qwen3-0.6B config.json",
      "{\"model_type\":\"qwen3\",\"architectures\":[\"Qwen3ForCausalLM\"],\"attention_bias\":false,"
      "\"head_dim\":128,\"hidden_act\":\"silu\",\"hidden_size\":1024,\"intermediate_size\":3072,"
      "\"max_position_embeddings\":40960,\"max_window_layers\":28,\"num_attention_heads\":16,"
      "\"num_hidden_layers\":28,\"num_key_value_heads\":8,\"rms_norm_eps\":1e-06,\"rope_scaling\":null,"
      "\"rope_theta\":1000000,\"sliding_window\":null,\"tie_word_embeddings\":true,"
      "\"torch_dtype\":\"bfloat16\",\"use_sliding_window\":false,\"vocab_size\":151936}"},
    {"qwen3-4b", "Qwen3 4B",
     "Alibaba Qwen3 (2025), QK-norm, tied embeddings; Qwen/Qwen3-4B config.json",
      "{\"model_type\":\"qwen3\",\"architectures\":[\"Qwen3ForCausalLM\"],\"attention_bias\":false,"
      "\"head_dim\":128,\"hidden_act\":\"silu\",\"hidden_size\":2560,\"intermediate_size\":9728,"
      "\"max_position_embeddings\":40960,\"max_window_layers\":36,\"num_attention_heads\":32,"
      "\"num_hidden_layers\":36,\"num_key_value_heads\":8,\"rms_norm_eps\":1e-06,\"rope_scaling\":null,"
      "\"rope_theta\":1000000,\"sliding_window\":null,\"tie_word_embeddings\":true,"
      "\"torch_dtype\":\"bfloat16\",\"use_sliding_window\":false,\"vocab_size\":151936}"},
    {"qwen3-8b", "Qwen3 8B",
     "Alibaba Qwen3 (2025), QK-norm, GQA 32/8; Qwen/Qwen3-8B config.json",
      "{\"model_type\":\"qwen3\",\"hidden_size\":4096,\"intermediate_size\":12288,"
      "\"num_hidden_layers\":36,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
      "\"head_dim\":128,\"vocab_size\":151936,\"max_position_embeddings\":40960,"
      "\"rms_norm_eps\":1e-06,\"rope_theta\":1000000,\"attention_bias\":false,"
      "\"hidden_act\":\"silu\",\"use_sliding_window\":false,\"sliding_window\":null,"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"qwen3-32b", "Qwen3 32B",
     "Alibaba Qwen3 (2025), dense, GQA 64/8; Qwen/Qwen3-32B config.json",
      "{\"model_type\":\"qwen3\",\"architectures\":[\"Qwen3ForCausalLM\"],\"attention_bias\":false,"
      "\"head_dim\":128,\"hidden_act\":\"silu\",\"hidden_size\":5120,\"intermediate_size\":25600,"
      "\"max_position_embeddings\":40960,\"max_window_layers\":64,\"num_attention_heads\":64,"
      "\"num_hidden_layers\":64,\"num_key_value_heads\":8,\"rms_norm_eps\":1e-06,\"rope_scaling\":null,"
      "\"rope_theta\":1000000,\"sliding_window\":null,\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\",\"use_sliding_window\":false,\"vocab_size\":151936}"},
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
    {"qwen3-coder-30b-a3b", "Qwen3 Coder 30B-A3B",
     "Alibaba Qwen3-Coder (2025), 128 experts, top-8, 256K context; Qwen/Qwen3-Coder-30B-A3B-Instruct config.json",
      "{\"model_type\":\"qwen3_moe\",\"hidden_size\":2048,\"intermediate_size\":6144,"
      "\"num_hidden_layers\":48,\"num_attention_heads\":32,\"num_key_value_heads\":4,\"head_dim\":128,"
      "\"vocab_size\":151936,\"max_position_embeddings\":262144,\"num_experts\":128,"
      "\"num_experts_per_tok\":8,\"moe_intermediate_size\":768,\"decoder_sparse_step\":1,"
      "\"mlp_only_layers\":[],\"norm_topk_prob\":true,\"rms_norm_eps\":1e-06,\"rope_theta\":10000000,"
      "\"hidden_act\":\"silu\",\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"qwen3-coder-480b-a35b", "Qwen3 Coder 480B-A35B",
     "Alibaba Qwen3-Coder (2025), 160 experts, top-8; Qwen/Qwen3-Coder-480B-A35B-Instruct config.json",
      "{\"model_type\":\"qwen3_moe\",\"architectures\":[\"Qwen3MoeForCausalLM\"],\"head_dim\":128,"
      "\"hidden_act\":\"silu\",\"hidden_size\":6144,\"intermediate_size\":8192,"
      "\"max_position_embeddings\":262144,\"max_window_layers\":62,\"mlp_only_layers\":[],"
      "\"moe_intermediate_size\":2560,\"norm_topk_prob\":true,\"num_attention_heads\":96,"
      "\"num_experts\":160,\"num_experts_per_tok\":8,\"num_hidden_layers\":62,"
      "\"num_key_value_heads\":8,\"qkv_bias\":false,\"rms_norm_eps\":1e-06,\"rope_scaling\":null,"
      "\"rope_theta\":10000000,\"shared_expert_intermediate_size\":0,\"sliding_window\":null,"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\",\"use_qk_norm\":true,"
      "\"use_sliding_window\":false,\"vocab_size\":151936}"},
    {"qwen3-vl-8b", "Qwen3-VL 8B (text)",
     "Alibaba Qwen3-VL (2025), language model of the vision-language model; Qwen/Qwen3-VL-8B-Instruct config.json",
      "{\"model_type\":\"qwen3_vl\",\"architectures\":[\"Qwen3VLForConditionalGeneration\"],"
      "\"text_config\":{\"attention_bias\":false,\"dtype\":\"bfloat16\",\"head_dim\":128,"
      "\"hidden_act\":\"silu\",\"hidden_size\":4096,\"intermediate_size\":12288,"
      "\"max_position_embeddings\":262144,\"model_type\":\"qwen3_vl_text\",\"num_attention_heads\":32,"
      "\"num_hidden_layers\":36,\"num_key_value_heads\":8,\"rms_norm_eps\":1e-06,"
      "\"rope_theta\":5000000,\"vocab_size\":151936},\"tie_word_embeddings\":false}"},
    {"qwen3-next-80b-a3b", "Qwen3-Next 80B-A3B",
     "Alibaba Qwen3-Next (2025), 3 Gated DeltaNet : 1 gated attention, 512 experts; Qwen/Qwen3-Next-80B-A3B-Instruct config.json",
      "{\"model_type\":\"qwen3_next\",\"architectures\":[\"Qwen3NextForCausalLM\"],"
      "\"full_attention_interval\":4,\"head_dim\":256,\"hidden_act\":\"silu\",\"hidden_size\":2048,"
      "\"intermediate_size\":5120,\"linear_conv_kernel_dim\":4,\"linear_key_head_dim\":128,"
      "\"linear_num_key_heads\":16,\"linear_num_value_heads\":32,\"linear_value_head_dim\":128,"
      "\"max_position_embeddings\":262144,\"mlp_only_layers\":[],\"moe_intermediate_size\":512,"
      "\"norm_topk_prob\":true,\"num_attention_heads\":16,\"num_experts\":512,"
      "\"num_experts_per_tok\":10,\"num_hidden_layers\":48,\"num_key_value_heads\":2,"
      "\"partial_rotary_factor\":0.25,\"rms_norm_eps\":1e-06,\"rope_scaling\":null,"
      "\"rope_theta\":10000000,\"shared_expert_intermediate_size\":512,\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\",\"use_sliding_window\":false,\"vocab_size\":151936}"},
    {"qwen3.5-27b", "Qwen3.5 27B (text)",
     "Alibaba Qwen3.5 (2026), dense, 3 Gated DeltaNet : 1 gated attention; Qwen/Qwen3.5-27B config.json",
      "{\"model_type\":\"qwen3_5\",\"architectures\":[\"Qwen3_5ForConditionalGeneration\"],"
      "\"text_config\":{\"attention_bias\":false,\"attn_output_gate\":true,\"dtype\":\"bfloat16\","
      "\"full_attention_interval\":4,\"head_dim\":256,\"hidden_act\":\"silu\",\"hidden_size\":5120,"
      "\"intermediate_size\":17408,\"layer_types\":[\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\","
      "\"linear_attention\",\"full_attention\"],\"linear_conv_kernel_dim\":4,"
      "\"linear_key_head_dim\":128,\"linear_num_key_heads\":16,\"linear_num_value_heads\":48,"
      "\"linear_value_head_dim\":128,\"max_position_embeddings\":262144,\"mlp_only_layers\":[],"
      "\"model_type\":\"qwen3_5_text\",\"mtp_num_hidden_layers\":1,"
      "\"mtp_use_dedicated_embeddings\":false,\"num_attention_heads\":24,\"num_hidden_layers\":64,"
      "\"num_key_value_heads\":4,\"rms_norm_eps\":1e-06,\"vocab_size\":248320,"
      "\"mamba_ssm_dtype\":\"float32\",\"rope_parameters\":{\"mrope_interleaved\":true,"
      "\"mrope_section\":[11,11,10],\"rope_type\":\"default\",\"rope_theta\":10000000,"
      "\"partial_rotary_factor\":0.25}},\"tie_word_embeddings\":false}"},
    {"qwen3.5-397b-a17b", "Qwen3.5 397B-A17B (text)",
     "Alibaba Qwen3.5 (2026), hybrid Gated DeltaNet MoE, 512 experts; Qwen/Qwen3.5-397B-A17B config.json",
      "{\"model_type\":\"qwen3_5_moe\",\"architectures\":[\"Qwen3_5MoeForConditionalGeneration\"],"
      "\"text_config\":{\"attention_bias\":false,\"attn_output_gate\":true,\"dtype\":\"bfloat16\","
      "\"full_attention_interval\":4,\"head_dim\":256,\"hidden_act\":\"silu\",\"hidden_size\":4096,"
      "\"layer_types\":[\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\"],\"linear_conv_kernel_dim\":4,\"linear_key_head_dim\":128,"
      "\"linear_num_key_heads\":16,\"linear_num_value_heads\":64,\"linear_value_head_dim\":128,"
      "\"max_position_embeddings\":262144,\"mlp_only_layers\":[],\"model_type\":\"qwen3_5_moe_text\","
      "\"moe_intermediate_size\":1024,\"mtp_num_hidden_layers\":1,"
      "\"mtp_use_dedicated_embeddings\":false,\"num_attention_heads\":32,\"num_experts\":512,"
      "\"num_experts_per_tok\":10,\"num_hidden_layers\":60,\"num_key_value_heads\":2,"
      "\"rms_norm_eps\":1e-06,\"shared_expert_intermediate_size\":1024,\"vocab_size\":248320,"
      "\"mamba_ssm_dtype\":\"float32\",\"rope_parameters\":{\"mrope_interleaved\":true,"
      "\"mrope_section\":[11,11,10],\"rope_type\":\"default\",\"rope_theta\":10000000,"
      "\"partial_rotary_factor\":0.25}},\"tie_word_embeddings\":false}"},
    {"qwen3.6-27b", "Qwen3.6 27B (text)",
     "Alibaba Qwen3.6 (2026), dense hybrid Gated DeltaNet; nvidia/Qwen3.6-27B-NVFP4 config.json (Qwen/Qwen3.6-27B shapes)",
      "{\"model_type\":\"qwen3_5\",\"architectures\":[\"Qwen3_5ForConditionalGeneration\"],"
      "\"dtype\":\"bfloat16\",\"text_config\":{\"attention_bias\":false,\"attn_output_gate\":true,"
      "\"dtype\":\"bfloat16\",\"full_attention_interval\":4,\"head_dim\":256,\"hidden_act\":\"silu\","
      "\"hidden_size\":5120,\"intermediate_size\":17408,\"layer_types\":[\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\","
      "\"linear_attention\",\"linear_attention\",\"full_attention\"],\"linear_conv_kernel_dim\":4,"
      "\"linear_key_head_dim\":128,\"linear_num_key_heads\":16,\"linear_num_value_heads\":48,"
      "\"linear_value_head_dim\":128,\"mamba_ssm_dtype\":\"float32\","
      "\"max_position_embeddings\":262144,\"model_type\":\"qwen3_5_text\",\"mtp_num_hidden_layers\":1,"
      "\"mtp_use_dedicated_embeddings\":false,\"num_attention_heads\":24,\"num_hidden_layers\":64,"
      "\"num_key_value_heads\":4,\"output_gate_type\":\"swish\",\"partial_rotary_factor\":0.25,"
      "\"rms_norm_eps\":1e-06,\"rope_parameters\":{\"mrope_interleaved\":true,\"mrope_section\":[11,11,"
      "10],\"partial_rotary_factor\":0.25,\"rope_theta\":10000000,\"rope_type\":\"default\"},"
      "\"tie_word_embeddings\":false,\"vocab_size\":248320},\"tie_word_embeddings\":false}"},
    {"qwen3.6-35b-a3b", "Qwen3.6 35B-A3B (text)",
     "Alibaba Qwen3.6 (2026), hybrid Gated DeltaNet MoE, 256 experts; Qwen/Qwen3.6-35B-A3B config.json",
      "{\"model_type\":\"qwen3_5_moe\",\"architectures\":[\"Qwen3_5MoeForConditionalGeneration\"],"
      "\"text_config\":{\"attention_bias\":false,\"attn_output_gate\":true,\"dtype\":\"bfloat16\","
      "\"full_attention_interval\":4,\"head_dim\":256,\"hidden_act\":\"silu\",\"hidden_size\":2048,"
      "\"layer_types\":[\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\","
      "\"full_attention\"],\"linear_conv_kernel_dim\":4,\"linear_key_head_dim\":128,"
      "\"linear_num_key_heads\":16,\"linear_num_value_heads\":32,\"linear_value_head_dim\":128,"
      "\"mamba_ssm_dtype\":\"float32\",\"max_position_embeddings\":262144,"
      "\"model_type\":\"qwen3_5_moe_text\",\"moe_intermediate_size\":512,\"mtp_num_hidden_layers\":1,"
      "\"mtp_use_dedicated_embeddings\":false,\"num_attention_heads\":16,\"num_experts\":256,"
      "\"num_experts_per_tok\":8,\"num_hidden_layers\":40,\"num_key_value_heads\":2,"
      "\"partial_rotary_factor\":0.25,\"rms_norm_eps\":1e-06,"
      "\"rope_parameters\":{\"mrope_interleaved\":true,\"mrope_section\":[11,11,10],"
      "\"partial_rotary_factor\":0.25,\"rope_theta\":10000000,\"rope_type\":\"default\"},"
      "\"shared_expert_intermediate_size\":512,\"tie_word_embeddings\":false,\"vocab_size\":248320},"
      "\"tie_word_embeddings\":false}"},
    {"gemma-2b", "Gemma 2B",
     "Google Gemma (2024), MQA, GeGLU, 256K vocabulary; google/gemma-2b config.json",
      "{\"model_type\":\"gemma\",\"architectures\":[\"GemmaForCausalLM\"],\"attention_bias\":false,"
      "\"head_dim\":256,\"hidden_act\":\"gelu\",\"hidden_size\":2048,\"intermediate_size\":16384,"
      "\"max_position_embeddings\":8192,\"num_attention_heads\":8,\"num_hidden_layers\":18,"
      "\"num_key_value_heads\":1,\"rms_norm_eps\":1e-06,\"rope_scaling\":null,\"rope_theta\":10000.0,"
      "\"torch_dtype\":\"bfloat16\",\"vocab_size\":256000}"},
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
    {"gemma-3-270m", "Gemma 3 270M",
     "Google Gemma 3 (2025), 270M text model, MQA, 5 local : 1 global layers, 256K vocabulary; google/gemma-3-270m config.json",
      "{\"model_type\":\"gemma3_text\",\"hidden_size\":640,\"intermediate_size\":2048,"
      "\"num_hidden_layers\":18,\"num_attention_heads\":4,\"num_key_value_heads\":1,\"head_dim\":256,"
      "\"vocab_size\":262144,\"max_position_embeddings\":32768,\"sliding_window\":512,"
      "\"sliding_window_pattern\":6,\"query_pre_attn_scalar\":256,\"rms_norm_eps\":1e-06,"
      "\"rope_theta\":1000000.0,\"rope_local_base_freq\":10000.0,"
      "\"hidden_activation\":\"gelu_pytorch_tanh\",\"tie_word_embeddings\":true,"
      "\"torch_dtype\":\"bfloat16\"}"},
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
    {"gemma-4-e2b", "Gemma 4 E2B (text)",
     "Google Gemma 4 E2B (2026), per-layer embeddings, KV-shared layers; google/gemma-4-E2B-it config.json",
      "{\"model_type\":\"gemma4\",\"architectures\":[\"Gemma4ForConditionalGeneration\"],"
      "\"dtype\":\"bfloat16\",\"text_config\":{\"attention_bias\":false,\"attention_k_eq_v\":false,"
      "\"dtype\":\"bfloat16\",\"enable_moe_block\":false,\"expert_intermediate_size\":null,"
      "\"final_logit_softcapping\":30.0,\"global_head_dim\":512,\"head_dim\":256,"
      "\"hidden_activation\":\"gelu_pytorch_tanh\",\"hidden_size\":1536,"
      "\"hidden_size_per_layer_input\":256,\"intermediate_size\":6144,"
      "\"layer_types\":[\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\"],"
      "\"max_position_embeddings\":131072,\"model_type\":\"gemma4_text\",\"num_attention_heads\":8,"
      "\"num_experts\":null,\"num_global_key_value_heads\":null,\"num_hidden_layers\":35,"
      "\"num_key_value_heads\":1,\"num_kv_shared_layers\":20,\"rms_norm_eps\":1e-06,"
      "\"rope_parameters\":{\"full_attention\":{\"partial_rotary_factor\":0.25,"
      "\"rope_theta\":1000000.0,\"rope_type\":\"proportional\"},"
      "\"sliding_attention\":{\"rope_theta\":10000.0,\"rope_type\":\"default\"}},"
      "\"sliding_window\":512,\"tie_word_embeddings\":true,\"top_k_experts\":null,"
      "\"use_bidirectional_attention\":null,\"use_double_wide_mlp\":true,\"vocab_size\":262144,"
      "\"vocab_size_per_layer_input\":262144},\"tie_word_embeddings\":true}"},
    {"gemma-4-e4b", "Gemma 4 E4B (text)",
     "Google Gemma 4 E4B (2026), per-layer embeddings, KV-shared layers; google/gemma-4-E4B-it config.json",
      "{\"model_type\":\"gemma4\",\"architectures\":[\"Gemma4ForConditionalGeneration\"],"
      "\"dtype\":\"bfloat16\",\"text_config\":{\"attention_bias\":false,\"attention_k_eq_v\":false,"
      "\"dtype\":\"bfloat16\",\"enable_moe_block\":false,\"expert_intermediate_size\":null,"
      "\"final_logit_softcapping\":30.0,\"global_head_dim\":512,\"head_dim\":256,"
      "\"hidden_activation\":\"gelu_pytorch_tanh\",\"hidden_size\":2560,"
      "\"hidden_size_per_layer_input\":256,\"intermediate_size\":10240,"
      "\"layer_types\":[\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\"],"
      "\"max_position_embeddings\":131072,\"model_type\":\"gemma4_text\",\"num_attention_heads\":8,"
      "\"num_experts\":null,\"num_global_key_value_heads\":null,\"num_hidden_layers\":42,"
      "\"num_key_value_heads\":2,\"num_kv_shared_layers\":18,\"rms_norm_eps\":1e-06,"
      "\"rope_parameters\":{\"full_attention\":{\"partial_rotary_factor\":0.25,"
      "\"rope_theta\":1000000.0,\"rope_type\":\"proportional\"},"
      "\"sliding_attention\":{\"rope_theta\":10000.0,\"rope_type\":\"default\"}},"
      "\"sliding_window\":512,\"tie_word_embeddings\":true,\"top_k_experts\":null,"
      "\"use_bidirectional_attention\":null,\"use_double_wide_mlp\":false,\"vocab_size\":262144,"
      "\"vocab_size_per_layer_input\":262144},\"tie_word_embeddings\":true}"},
    {"gemma-4-31b", "Gemma 4 31B (text)",
     "Google Gemma 4 31B (2026), 5 sliding : 1 global, K=V global layers; google/gemma-4-31B-it config.json",
      "{\"model_type\":\"gemma4\",\"architectures\":[\"Gemma4ForConditionalGeneration\"],"
      "\"dtype\":\"bfloat16\",\"text_config\":{\"attention_bias\":false,\"attention_k_eq_v\":true,"
      "\"dtype\":\"bfloat16\",\"enable_moe_block\":false,\"expert_intermediate_size\":null,"
      "\"final_logit_softcapping\":30.0,\"global_head_dim\":512,\"head_dim\":256,"
      "\"hidden_activation\":\"gelu_pytorch_tanh\",\"hidden_size\":5376,"
      "\"hidden_size_per_layer_input\":0,\"intermediate_size\":21504,"
      "\"layer_types\":[\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\"],\"max_position_embeddings\":262144,\"model_type\":\"gemma4_text\","
      "\"num_attention_heads\":32,\"num_experts\":null,\"num_global_key_value_heads\":4,"
      "\"num_hidden_layers\":60,\"num_key_value_heads\":16,\"num_kv_shared_layers\":0,"
      "\"rms_norm_eps\":1e-06,\"rope_parameters\":{\"full_attention\":{\"partial_rotary_factor\":0.25,"
      "\"rope_theta\":1000000.0,\"rope_type\":\"proportional\"},"
      "\"sliding_attention\":{\"rope_theta\":10000.0,\"rope_type\":\"default\"}},"
      "\"sliding_window\":1024,\"tie_word_embeddings\":true,\"top_k_experts\":null,"
      "\"use_bidirectional_attention\":\"vision\",\"use_double_wide_mlp\":false,\"vocab_size\":262144,"
      "\"vocab_size_per_layer_input\":262144},\"tie_word_embeddings\":true}"},
    {"gemma-4-26b-a4b", "Gemma 4 26B-A4B (text)",
     "Google Gemma 4 26B-A4B (2026), 128 experts beside a dense MLP; google/gemma-4-26B-A4B-it config.json",
      "{\"model_type\":\"gemma4\",\"architectures\":[\"Gemma4ForConditionalGeneration\"],"
      "\"dtype\":\"bfloat16\",\"text_config\":{\"attention_bias\":false,\"attention_k_eq_v\":true,"
      "\"dtype\":\"bfloat16\",\"enable_moe_block\":true,\"final_logit_softcapping\":30.0,"
      "\"global_head_dim\":512,\"head_dim\":256,\"hidden_activation\":\"gelu_pytorch_tanh\","
      "\"hidden_size\":2816,\"hidden_size_per_layer_input\":0,\"intermediate_size\":2112,"
      "\"layer_types\":[\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"full_attention\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\"],"
      "\"max_position_embeddings\":262144,\"model_type\":\"gemma4_text\",\"moe_intermediate_size\":704,"
      "\"num_attention_heads\":16,\"num_experts\":128,\"num_global_key_value_heads\":2,"
      "\"num_hidden_layers\":30,\"num_key_value_heads\":8,\"num_kv_shared_layers\":0,"
      "\"rms_norm_eps\":1e-06,\"rope_parameters\":{\"full_attention\":{\"partial_rotary_factor\":0.25,"
      "\"rope_theta\":1000000.0,\"rope_type\":\"proportional\"},"
      "\"sliding_attention\":{\"rope_theta\":10000.0,\"rope_type\":\"default\"}},"
      "\"sliding_window\":1024,\"tie_word_embeddings\":true,\"top_k_experts\":8,"
      "\"use_bidirectional_attention\":\"vision\",\"use_double_wide_mlp\":false,\"vocab_size\":262144,"
      "\"vocab_size_per_layer_input\":262144},\"tie_word_embeddings\":true}"},
    {"phi-2", "Phi-2",
     "Microsoft Phi-2 (2023), parallel attention + MLP, partial RoPE; microsoft/phi-2 config.json (mixformer-sequential)",
      "{\"model_type\":\"mixformer-sequential\",\"activation_function\":\"gelu_new\","
      "\"architecture\":{\"block_cls\":\"parallel\",\"mlp\":{\"mlp_cls\":\"fused_mlp\"}},"
      "\"architectures\":[\"MixFormerSequentialForCausalLM\"],\"flash_rotary\":false,"
      "\"fused_dense\":false,\"layer_norm_epsilon\":1e-05,\"n_embd\":2560,\"n_head\":32,"
      "\"n_head_kv\":null,\"n_inner\":null,\"n_layer\":32,\"n_positions\":2048,\"rotary_dim\":32,"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"float32\",\"vocab_size\":51200}"},
    {"phi-3-mini", "Phi-3 mini 4K",
     "Microsoft Phi-3 (2024), fused qkv and gate_up projections; microsoft/Phi-3-mini-4k-instruct config.json",
      "{\"model_type\":\"phi3\",\"hidden_size\":3072,\"intermediate_size\":8192,"
      "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":32,"
      "\"vocab_size\":32064,\"max_position_embeddings\":4096,"
      "\"original_max_position_embeddings\":4096,\"sliding_window\":2047,\"rms_norm_eps\":1e-05,"
      "\"rope_theta\":10000.0,\"rope_scaling\":null,\"hidden_act\":\"silu\","
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"phi-4", "Phi-4",
     "Microsoft Phi-4 (2024), 14B dense, GQA 40/10; microsoft/phi-4 config.json",
      "{\"model_type\":\"phi3\",\"vocab_size\":100352,\"hidden_size\":5120,\"intermediate_size\":17920,"
      "\"num_hidden_layers\":40,\"num_attention_heads\":40,\"num_key_value_heads\":10,"
      "\"hidden_act\":\"silu\",\"max_position_embeddings\":16384,"
      "\"original_max_position_embeddings\":16384,\"rms_norm_eps\":1e-05,"
      "\"rope_parameters\":{\"rope_theta\":250000,\"partial_rotary_factor\":1.0,"
      "\"rope_type\":\"default\"},\"sliding_window\":null,\"tie_word_embeddings\":false,"
      "\"dtype\":\"bfloat16\",\"chunk_size_feed_forward\":0,\"architectures\":[\"Phi3ForCausalLM\"],"
      "\"problem_type\":null,\"ignore_keys_at_rope_validation\":null,\"attention_bias\":false,"
      "\"partial_rotary_factor\":1.0}"},
    {"deepseek-v3", "DeepSeek-V3",
     "DeepSeek (2024), MLA, 256 routed + 1 shared expert, 3 dense layers; deepseek-ai/DeepSeek-V3 config.json (the 671B main model and its MTP module)",
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
    {"deepseek-r1", "DeepSeek-R1",
     "DeepSeek-R1 (2025), the V3 network (MLA, 256 experts, sigmoid router); deepseek-ai/DeepSeek-R1 config.json",
      "{\"model_type\":\"deepseek_v3\",\"architectures\":[\"DeepseekV3ForCausalLM\"],"
      "\"attention_bias\":false,\"ep_size\":1,\"first_k_dense_replace\":3,\"hidden_act\":\"silu\","
      "\"hidden_size\":7168,\"intermediate_size\":18432,\"kv_lora_rank\":512,"
      "\"max_position_embeddings\":163840,\"moe_intermediate_size\":2048,\"moe_layer_freq\":1,"
      "\"n_group\":8,\"n_routed_experts\":256,\"n_shared_experts\":1,\"norm_topk_prob\":true,"
      "\"num_attention_heads\":128,\"num_experts_per_tok\":8,\"num_hidden_layers\":61,"
      "\"num_key_value_heads\":128,\"num_nextn_predict_layers\":1,\"q_lora_rank\":1536,"
      "\"qk_nope_head_dim\":128,\"qk_rope_head_dim\":64,\"rms_norm_eps\":1e-06,"
      "\"rope_scaling\":{\"factor\":40,\"mscale_all_dim\":1.0,"
      "\"original_max_position_embeddings\":4096,\"type\":\"yarn\"},\"rope_theta\":10000,"
      "\"routed_scaling_factor\":2.5,\"tie_word_embeddings\":false,\"topk_group\":4,"
      "\"topk_method\":\"noaux_tc\",\"torch_dtype\":\"bfloat16\",\"v_head_dim\":128,"
      "\"vocab_size\":129280}"},
    {"deepseek-v3.2", "DeepSeek-V3.2",
     "DeepSeek-V3.2 (2025), MLA with the DSA sparse indexer; deepseek-ai/DeepSeek-V3.2 config.json",
      "{\"model_type\":\"deepseek_v32\",\"architectures\":[\"DeepseekV32ForCausalLM\"],"
      "\"attention_bias\":false,\"ep_size\":1,\"first_k_dense_replace\":3,\"hidden_act\":\"silu\","
      "\"hidden_size\":7168,\"index_head_dim\":128,\"index_n_heads\":64,\"index_topk\":2048,"
      "\"intermediate_size\":18432,\"kv_lora_rank\":512,\"max_position_embeddings\":163840,"
      "\"moe_intermediate_size\":2048,\"moe_layer_freq\":1,\"n_group\":8,\"n_routed_experts\":256,"
      "\"n_shared_experts\":1,\"norm_topk_prob\":true,\"num_attention_heads\":128,"
      "\"num_experts_per_tok\":8,\"num_hidden_layers\":61,\"num_key_value_heads\":128,"
      "\"num_nextn_predict_layers\":1,\"q_lora_rank\":1536,\"qk_nope_head_dim\":128,"
      "\"qk_rope_head_dim\":64,\"rms_norm_eps\":1e-06,\"rope_scaling\":{\"factor\":40,"
      "\"mscale_all_dim\":1.0,\"original_max_position_embeddings\":4096,\"type\":\"yarn\"},"
      "\"rope_theta\":10000,\"routed_scaling_factor\":2.5,\"tie_word_embeddings\":false,"
      "\"topk_group\":4,\"topk_method\":\"noaux_tc\",\"torch_dtype\":\"bfloat16\",\"v_head_dim\":128,"
      "\"vocab_size\":129280}"},
    {"deepseek-v4-flash", "DeepSeek-V4-Flash",
     "DeepSeek-V4 Flash (2026), compressed KV, mHC hyper-connections, hash-routed layers; deepseek-ai/DeepSeek-V4-Flash config.json",
      "{\"model_type\":\"deepseek_v4\",\"architectures\":[\"DeepseekV4ForCausalLM\"],"
      "\"attention_bias\":false,\"expert_dtype\":\"fp4\",\"hc_eps\":1e-06,\"hc_mult\":4,"
      "\"hc_sinkhorn_iters\":20,\"head_dim\":512,\"hidden_act\":\"silu\",\"hidden_size\":4096,"
      "\"index_head_dim\":128,\"index_n_heads\":64,\"index_topk\":512,"
      "\"max_position_embeddings\":1048576,\"moe_intermediate_size\":2048,\"n_routed_experts\":256,"
      "\"n_shared_experts\":1,\"norm_topk_prob\":true,\"num_attention_heads\":64,"
      "\"num_experts_per_tok\":6,\"num_hidden_layers\":43,\"num_hash_layers\":3,"
      "\"num_key_value_heads\":1,\"num_nextn_predict_layers\":1,\"o_groups\":8,\"o_lora_rank\":1024,"
      "\"q_lora_rank\":1024,\"qk_rope_head_dim\":64,\"rms_norm_eps\":1e-06,"
      "\"rope_scaling\":{\"factor\":16,\"original_max_position_embeddings\":65536,\"type\":\"yarn\"},"
      "\"rope_theta\":10000,\"routed_scaling_factor\":1.5,\"sliding_window\":128,"
      "\"tie_word_embeddings\":false,\"topk_method\":\"noaux_tc\",\"torch_dtype\":\"bfloat16\","
      "\"vocab_size\":129280,\"compress_rope_theta\":160000,\"compress_ratios\":[0,0,4,128,4,128,4,128,"
      "4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,"
      "4,128,4,0]}"},
    {"deepseek-v4-pro", "DeepSeek-V4-Pro",
     "DeepSeek-V4 Pro (2026), compressed KV, mHC hyper-connections; deepseek-ai/DeepSeek-V4-Pro config.json",
      "{\"model_type\":\"deepseek_v4\",\"architectures\":[\"DeepseekV4ForCausalLM\"],"
      "\"attention_bias\":false,\"expert_dtype\":\"fp4\",\"hc_eps\":1e-06,\"hc_mult\":4,"
      "\"hc_sinkhorn_iters\":20,\"head_dim\":512,\"hidden_act\":\"silu\",\"hidden_size\":7168,"
      "\"index_head_dim\":128,\"index_n_heads\":64,\"index_topk\":1024,"
      "\"max_position_embeddings\":1048576,\"moe_intermediate_size\":3072,\"n_routed_experts\":384,"
      "\"n_shared_experts\":1,\"norm_topk_prob\":true,\"num_attention_heads\":128,"
      "\"num_experts_per_tok\":6,\"num_hidden_layers\":61,\"num_hash_layers\":3,"
      "\"num_key_value_heads\":1,\"num_nextn_predict_layers\":1,\"o_groups\":16,\"o_lora_rank\":1024,"
      "\"q_lora_rank\":1536,\"qk_rope_head_dim\":64,\"rms_norm_eps\":1e-06,"
      "\"rope_scaling\":{\"factor\":16,\"original_max_position_embeddings\":65536,\"type\":\"yarn\"},"
      "\"rope_theta\":10000,\"routed_scaling_factor\":2.5,\"sliding_window\":128,"
      "\"tie_word_embeddings\":false,\"topk_method\":\"noaux_tc\",\"torch_dtype\":\"bfloat16\","
      "\"vocab_size\":129280,\"compress_rope_theta\":160000,\"compress_ratios\":[128,128,4,128,4,128,4,"
      "128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,"
      "128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,128,4,0]}"},
    {"kimi-k2", "Kimi K2",
     "Moonshot Kimi K2 (2025), DeepSeek-V3 network with 384 experts; moonshotai/Kimi-K2-Instruct config.json",
      "{\"model_type\":\"kimi_k2\",\"architectures\":[\"DeepseekV3ForCausalLM\"],"
      "\"attention_bias\":false,\"first_k_dense_replace\":1,\"hidden_act\":\"silu\","
      "\"hidden_size\":7168,\"intermediate_size\":18432,\"kv_lora_rank\":512,"
      "\"max_position_embeddings\":131072,\"moe_intermediate_size\":2048,\"moe_layer_freq\":1,"
      "\"n_group\":1,\"n_routed_experts\":384,\"n_shared_experts\":1,\"norm_topk_prob\":true,"
      "\"num_attention_heads\":64,\"num_experts_per_tok\":8,\"num_hidden_layers\":61,"
      "\"num_key_value_heads\":64,\"num_nextn_predict_layers\":0,\"q_lora_rank\":1536,"
      "\"qk_nope_head_dim\":128,\"qk_rope_head_dim\":64,\"rms_norm_eps\":1e-06,\"rope_theta\":50000.0,"
      "\"routed_scaling_factor\":2.827,\"rope_scaling\":{\"factor\":32.0,\"mscale_all_dim\":1.0,"
      "\"original_max_position_embeddings\":4096,\"type\":\"yarn\"},\"tie_word_embeddings\":false,"
      "\"topk_group\":1,\"topk_method\":\"noaux_tc\",\"torch_dtype\":\"bfloat16\",\"v_head_dim\":128,"
      "\"vocab_size\":163840}"},
    {"kimi-k2.5", "Kimi K2.5 (text)",
     "Moonshot Kimi K2.5 (2026), multimodal K2; moonshotai/Kimi-K2.5 config.json",
      "{\"model_type\":\"kimi_k25\",\"architectures\":[\"KimiK25ForConditionalGeneration\"],"
      "\"dtype\":\"bfloat16\",\"ignore_index\":-100,\"text_config\":{\"add_cross_attention\":false,"
      "\"architectures\":[\"DeepseekV3ForCausalLM\"],\"attention_bias\":false,\"bad_words_ids\":null,"
      "\"begin_suppress_tokens\":null,\"chunk_size_feed_forward\":0,"
      "\"cross_attention_hidden_size\":null,\"dtype\":\"bfloat16\",\"encoder_no_repeat_ngram_size\":0,"
      "\"ep_size\":1,\"first_k_dense_replace\":1,\"hidden_act\":\"silu\",\"hidden_size\":7168,"
      "\"intermediate_size\":18432,\"kv_lora_rank\":512,\"max_position_embeddings\":262144,"
      "\"min_length\":0,\"model_type\":\"kimi_k2\",\"moe_intermediate_size\":2048,\"moe_layer_freq\":1,"
      "\"n_group\":1,\"n_routed_experts\":384,\"n_shared_experts\":1,\"no_repeat_ngram_size\":0,"
      "\"norm_topk_prob\":true,\"num_attention_heads\":64,\"num_beam_groups\":1,\"num_beams\":1,"
      "\"num_experts_per_tok\":8,\"num_hidden_layers\":61,\"num_key_value_heads\":64,"
      "\"num_nextn_predict_layers\":0,\"num_return_sequences\":1,\"problem_type\":null,"
      "\"pruned_heads\":{},\"q_lora_rank\":1536,\"qk_nope_head_dim\":128,\"qk_rope_head_dim\":64,"
      "\"remove_invalid_values\":false,\"repetition_penalty\":1.0,\"return_dict_in_generate\":false,"
      "\"rms_norm_eps\":1e-05,\"rope_scaling\":{\"factor\":64.0,\"mscale_all_dim\":1.0,"
      "\"original_max_position_embeddings\":4096,\"type\":\"yarn\"},\"rope_theta\":50000.0,"
      "\"routed_scaling_factor\":2.827,\"tie_encoder_decoder\":false,\"tie_word_embeddings\":false,"
      "\"top_k\":50,\"topk_group\":1,\"topk_method\":\"noaux_tc\",\"v_head_dim\":128,"
      "\"vocab_size\":163840},\"tie_word_embeddings\":false,\"use_unified_vision_chunk\":true}"},
    {"kimi-k2.6", "Kimi K2.6 (text)",
     "Moonshot Kimi K2.6 (2026), multimodal K2; nvidia/Kimi-K2.6-NVFP4 config.json",
      "{\"model_type\":\"kimi_k25\",\"architectures\":[\"KimiK25ForConditionalGeneration\"],"
      "\"dtype\":\"bfloat16\",\"ignore_index\":-100,\"text_config\":{\"add_cross_attention\":false,"
      "\"architectures\":[\"DeepseekV3ForCausalLM\"],\"attention_bias\":false,\"bad_words_ids\":null,"
      "\"begin_suppress_tokens\":null,\"chunk_size_feed_forward\":0,"
      "\"cross_attention_hidden_size\":null,\"dtype\":\"bfloat16\",\"encoder_no_repeat_ngram_size\":0,"
      "\"ep_size\":1,\"first_k_dense_replace\":1,\"hidden_act\":\"silu\",\"hidden_size\":7168,"
      "\"intermediate_size\":18432,\"kv_lora_rank\":512,\"max_position_embeddings\":262144,"
      "\"min_length\":0,\"model_type\":\"deepseek_v3\",\"moe_intermediate_size\":2048,"
      "\"moe_layer_freq\":1,\"n_group\":1,\"n_routed_experts\":384,\"n_shared_experts\":1,"
      "\"no_repeat_ngram_size\":0,\"norm_topk_prob\":true,\"num_attention_heads\":64,"
      "\"num_beam_groups\":1,\"num_beams\":1,\"num_experts_per_tok\":8,\"num_hidden_layers\":61,"
      "\"num_key_value_heads\":64,\"num_nextn_predict_layers\":0,\"num_return_sequences\":1,"
      "\"problem_type\":null,\"pruned_heads\":{},\"q_lora_rank\":1536,\"qk_nope_head_dim\":128,"
      "\"qk_rope_head_dim\":64,\"remove_invalid_values\":false,\"repetition_penalty\":1.0,"
      "\"return_dict_in_generate\":false,\"rms_norm_eps\":1e-05,\"rope_scaling\":{\"factor\":64.0,"
      "\"mscale_all_dim\":1.0,\"original_max_position_embeddings\":4096,\"type\":\"yarn\"},"
      "\"rope_theta\":50000.0,\"routed_scaling_factor\":2.827,\"tie_encoder_decoder\":false,"
      "\"tie_word_embeddings\":false,\"top_k\":50,\"topk_group\":1,\"topk_method\":\"noaux_tc\","
      "\"v_head_dim\":128,\"vocab_size\":163840},\"tie_word_embeddings\":false,"
      "\"use_unified_vision_chunk\":true}"},
    {"glm-4.5", "GLM-4.5",
     "Zhipu GLM-4.5 (2025), 160 experts, partial RoPE, QK-norm; zai-org/GLM-4.5 config.json",
      "{\"model_type\":\"glm4_moe\",\"architectures\":[\"Glm4MoeForCausalLM\"],\"attention_bias\":true,"
      "\"head_dim\":128,\"hidden_act\":\"silu\",\"hidden_size\":5120,\"partial_rotary_factor\":0.5,"
      "\"intermediate_size\":12288,\"max_position_embeddings\":131072,\"moe_intermediate_size\":1536,"
      "\"norm_topk_prob\":true,\"num_attention_heads\":96,\"n_group\":1,\"topk_group\":1,"
      "\"n_routed_experts\":160,\"n_shared_experts\":1,\"routed_scaling_factor\":2.5,"
      "\"num_experts_per_tok\":8,\"first_k_dense_replace\":3,\"num_hidden_layers\":92,"
      "\"num_key_value_heads\":8,\"rms_norm_eps\":1e-05,\"rope_scaling\":null,\"rope_theta\":1000000,"
      "\"num_nextn_predict_layers\":1,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\","
      "\"use_qk_norm\":true,\"vocab_size\":151552}"},
    {"glm-4.5-air", "GLM-4.5-Air",
     "Zhipu GLM-4.5-Air (2025), 128 experts; zai-org/GLM-4.5-Air config.json",
      "{\"model_type\":\"glm4_moe\",\"architectures\":[\"Glm4MoeForCausalLM\"],\"attention_bias\":true,"
      "\"head_dim\":128,\"hidden_act\":\"silu\",\"hidden_size\":4096,\"partial_rotary_factor\":0.5,"
      "\"intermediate_size\":10944,\"max_position_embeddings\":131072,\"moe_intermediate_size\":1408,"
      "\"norm_topk_prob\":true,\"num_attention_heads\":96,\"n_group\":1,\"topk_group\":1,"
      "\"n_routed_experts\":128,\"n_shared_experts\":1,\"routed_scaling_factor\":1.0,"
      "\"num_experts_per_tok\":8,\"first_k_dense_replace\":1,\"num_hidden_layers\":46,"
      "\"num_key_value_heads\":8,\"rms_norm_eps\":1e-05,\"rope_scaling\":null,\"rope_theta\":1000000,"
      "\"num_nextn_predict_layers\":1,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\","
      "\"use_qk_norm\":false,\"vocab_size\":151552}"},
    {"glm-4.7", "GLM-4.7",
     "Zhipu GLM-4.7 (2025), the GLM-4.5 network with 200K context; zai-org/GLM-4.7 config.json",
      "{\"model_type\":\"glm4_moe\",\"architectures\":[\"Glm4MoeForCausalLM\"],\"attention_bias\":true,"
      "\"head_dim\":128,\"hidden_act\":\"silu\",\"hidden_size\":5120,\"partial_rotary_factor\":0.5,"
      "\"intermediate_size\":12288,\"max_position_embeddings\":202752,\"moe_intermediate_size\":1536,"
      "\"norm_topk_prob\":true,\"num_attention_heads\":96,\"n_group\":1,\"topk_group\":1,"
      "\"n_routed_experts\":160,\"n_shared_experts\":1,\"routed_scaling_factor\":2.5,"
      "\"num_experts_per_tok\":8,\"first_k_dense_replace\":3,\"num_hidden_layers\":92,"
      "\"num_key_value_heads\":8,\"rms_norm_eps\":1e-05,\"rope_scaling\":null,\"rope_theta\":1000000,"
      "\"num_nextn_predict_layers\":1,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\","
      "\"use_qk_norm\":true,\"vocab_size\":151552}"},
    {"glm-5", "GLM-5",
     "Zhipu GLM-5 (2026), MLA with DSA indexer, 256 experts; zai-org/GLM-5 config.json",
      "{\"model_type\":\"glm_moe_dsa\",\"architectures\":[\"GlmMoeDsaForCausalLM\"],"
      "\"attention_bias\":false,\"dtype\":\"bfloat16\",\"ep_size\":1,\"first_k_dense_replace\":3,"
      "\"hidden_act\":\"silu\",\"head_dim\":64,\"hidden_size\":6144,\"index_head_dim\":128,"
      "\"index_n_heads\":32,\"index_topk\":2048,\"indexer_rope_interleave\":true,"
      "\"intermediate_size\":12288,\"kv_lora_rank\":512,\"max_position_embeddings\":202752,"
      "\"moe_intermediate_size\":2048,\"moe_layer_freq\":1,\"n_group\":1,\"n_routed_experts\":256,"
      "\"n_shared_experts\":1,\"norm_topk_prob\":true,\"num_attention_heads\":64,"
      "\"num_experts_per_tok\":8,\"num_hidden_layers\":78,\"num_key_value_heads\":64,"
      "\"num_nextn_predict_layers\":1,\"q_lora_rank\":2048,\"qk_head_dim\":256,"
      "\"qk_nope_head_dim\":192,\"qk_rope_head_dim\":64,\"rms_norm_eps\":1e-05,"
      "\"rope_interleave\":true,\"rope_parameters\":{\"rope_theta\":1000000,\"rope_type\":\"default\"},"
      "\"routed_scaling_factor\":2.5,\"tie_word_embeddings\":false,\"topk_group\":1,"
      "\"topk_method\":\"noaux_tc\",\"v_head_dim\":256,\"vocab_size\":154880}"},
    {"glm-5.1", "GLM-5.1",
     "Zhipu GLM-5.1 (2026), GLM-5 network; zai-org/GLM-5.1 config.json",
      "{\"model_type\":\"glm_moe_dsa\",\"architectures\":[\"GlmMoeDsaForCausalLM\"],"
      "\"attention_bias\":false,\"dtype\":\"bfloat16\",\"ep_size\":1,\"first_k_dense_replace\":3,"
      "\"hidden_act\":\"silu\",\"head_dim\":64,\"hidden_size\":6144,\"index_head_dim\":128,"
      "\"index_n_heads\":32,\"index_topk\":2048,\"indexer_rope_interleave\":true,"
      "\"intermediate_size\":12288,\"kv_lora_rank\":512,\"max_position_embeddings\":202752,"
      "\"moe_intermediate_size\":2048,\"moe_layer_freq\":1,\"n_group\":1,\"n_routed_experts\":256,"
      "\"n_shared_experts\":1,\"norm_topk_prob\":true,\"num_attention_heads\":64,"
      "\"num_experts_per_tok\":8,\"num_hidden_layers\":78,\"num_key_value_heads\":64,"
      "\"num_nextn_predict_layers\":1,\"q_lora_rank\":2048,\"qk_head_dim\":256,"
      "\"qk_nope_head_dim\":192,\"qk_rope_head_dim\":64,\"rms_norm_eps\":1e-05,"
      "\"rope_interleave\":true,\"rope_parameters\":{\"rope_theta\":1000000,\"rope_type\":\"default\"},"
      "\"routed_scaling_factor\":2.5,\"tie_word_embeddings\":false,\"topk_group\":1,"
      "\"topk_method\":\"noaux_tc\",\"v_head_dim\":256,\"vocab_size\":154880}"},
    {"chatglm3-6b", "ChatGLM3 6B",
     "Zhipu ChatGLM3 (2023), MQA-style 2 KV groups, fused QKV; THUDM/chatglm3-6b config.json",
      "{\"model_type\":\"chatglm\",\"architectures\":[\"ChatGLMModel\"],\"add_bias_linear\":false,"
      "\"add_qkv_bias\":true,\"apply_residual_connection_post_layernorm\":false,"
      "\"attention_softmax_in_fp32\":true,\"ffn_hidden_size\":13696,\"hidden_size\":4096,"
      "\"kv_channels\":128,\"layernorm_epsilon\":1e-05,\"multi_query_attention\":true,"
      "\"multi_query_group_num\":2,\"num_attention_heads\":32,\"num_layers\":28,\"original_rope\":true,"
      "\"padded_vocab_size\":65024,\"post_layer_norm\":true,\"rmsnorm\":true,\"seq_length\":8192,"
      "\"torch_dtype\":\"float16\",\"tie_word_embeddings\":false}"},
    {"minimax-m2", "MiniMax-M2",
     "MiniMax M2 (2025), 256 experts, sigmoid router, QK-norm over the projection; MiniMaxAI/MiniMax-M2 config.json",
      "{\"model_type\":\"minimax_m2\",\"architectures\":[\"MiniMaxM2ForCausalLM\"],"
      "\"attn_type_list\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
      "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],\"head_dim\":128,\"hidden_act\":\"silu\","
      "\"hidden_size\":3072,\"intermediate_size\":1536,\"layernorm_full_attention_beta\":1.0,"
      "\"layernorm_linear_attention_beta\":1.0,\"layernorm_mlp_beta\":1.0,"
      "\"max_position_embeddings\":196608,\"mlp_intermediate_size\":8192,\"mtp_transformer_layers\":1,"
      "\"num_attention_heads\":48,\"num_experts_per_tok\":8,\"num_hidden_layers\":62,"
      "\"num_key_value_heads\":8,\"num_local_experts\":256,\"num_mtp_modules\":3,"
      "\"qk_norm_type\":\"per_layer\",\"rms_norm_eps\":1e-06,\"rope_theta\":5000000,\"rotary_dim\":64,"
      "\"shared_intermediate_size\":0,\"shared_moe_mode\":\"sigmoid\",\"sliding_window\":null,"
      "\"tie_word_embeddings\":false,\"use_qk_norm\":true,\"use_routing_bias\":true,"
      "\"vocab_size\":200064}"},
    {"minimax-m2.5", "MiniMax-M2.5",
     "MiniMax M2.5 (2026), M2 network; MiniMaxAI/MiniMax-M2.5 config.json",
      "{\"model_type\":\"minimax_m2\",\"architectures\":[\"MiniMaxM2ForCausalLM\"],"
      "\"attn_type_list\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
      "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],\"head_dim\":128,\"hidden_act\":\"silu\","
      "\"hidden_size\":3072,\"intermediate_size\":1536,\"max_position_embeddings\":196608,"
      "\"mtp_transformer_layers\":1,\"num_attention_heads\":48,\"num_experts_per_tok\":8,"
      "\"num_hidden_layers\":62,\"num_key_value_heads\":8,\"num_local_experts\":256,"
      "\"num_mtp_modules\":3,\"qk_norm_type\":\"per_layer\",\"rms_norm_eps\":1e-06,"
      "\"rope_theta\":5000000,\"rotary_dim\":64,\"shared_intermediate_size\":0,"
      "\"tie_word_embeddings\":false,\"use_qk_norm\":true,\"use_routing_bias\":true,"
      "\"vocab_size\":200064}"},
    {"minimax-m2.7", "MiniMax-M2.7",
     "MiniMax M2.7 (2026), M2 network; MiniMaxAI/MiniMax-M2.7 config.json",
      "{\"model_type\":\"minimax_m2\",\"architectures\":[\"MiniMaxM2ForCausalLM\"],"
      "\"attn_type_list\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
      "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],\"dtype\":\"bfloat16\",\"head_dim\":128,"
      "\"hidden_act\":\"silu\",\"hidden_size\":3072,\"intermediate_size\":1536,"
      "\"max_position_embeddings\":204800,\"mtp_transformer_layers\":1,\"num_attention_heads\":48,"
      "\"num_experts_per_tok\":8,\"num_hidden_layers\":62,\"num_key_value_heads\":8,"
      "\"num_local_experts\":256,\"num_mtp_modules\":3,\"qk_norm_type\":\"per_layer\","
      "\"rms_norm_eps\":1e-06,\"rope_theta\":5000000,\"rotary_dim\":64,\"shared_intermediate_size\":0,"
      "\"tie_word_embeddings\":false,\"use_qk_norm\":true,\"use_routing_bias\":true,"
      "\"vocab_size\":200064}"},
    {"mimo-7b", "MiMo 7B",
     "Xiaomi MiMo (2025), Qwen2-style dense; XiaomiMiMo/MiMo-7B-RL config.json",
      "{\"model_type\":\"mimo\",\"architectures\":[\"MiMoForCausalLM\"],\"hidden_act\":\"silu\","
      "\"hidden_size\":4096,\"intermediate_size\":11008,\"max_position_embeddings\":32768,"
      "\"max_window_layers\":36,\"num_attention_heads\":32,\"head_dim\":128,\"num_hidden_layers\":36,"
      "\"num_key_value_heads\":8,\"rms_norm_eps\":1e-05,\"rope_theta\":640000,\"sliding_window\":32768,"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\",\"use_mrope\":false,"
      "\"use_sliding_window\":false,\"vocab_size\":151680,\"attention_bias\":true,"
      "\"num_nextn_predict_layers\":1}"},
    {"mimo-v2-flash", "MiMo-V2-Flash",
     "Xiaomi MiMo-V2-Flash (2025), 5 sliding : 1 full with sinks, 256 experts; XiaomiMiMo/MiMo-V2-Flash config.json",
      "{\"model_type\":\"mimo_v2_flash\",\"architectures\":[\"MiMoV2FlashForCausalLM\"],"
      "\"num_hidden_layers\":48,\"hidden_size\":4096,\"num_attention_heads\":64,"
      "\"num_key_value_heads\":4,\"head_dim\":192,\"v_head_dim\":128,\"intermediate_size\":16384,"
      "\"vocab_size\":152576,\"max_position_embeddings\":262144,\"rope_theta\":5000000,"
      "\"swa_rope_theta\":10000,\"partial_rotary_factor\":0.334,\"sliding_window\":128,"
      "\"sliding_window_size\":128,\"attention_chunk_size\":128,\"swa_num_attention_heads\":64,"
      "\"swa_num_key_value_heads\":8,\"swa_head_dim\":192,\"swa_v_head_dim\":128,"
      "\"hybrid_layer_pattern\":[0,1,1,1,1,0,1,1,1,1,1,0,1,1,1,1,1,0,1,1,1,1,1,0,1,1,1,1,1,0,1,1,1,1,1,"
      "0,1,1,1,1,1,0,1,1,1,1,1,0],\"moe_layer_freq\":[0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
      "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],\"moe_intermediate_size\":2048,"
      "\"n_routed_experts\":256,\"n_shared_experts\":null,\"num_experts_per_tok\":8,"
      "\"norm_topk_prob\":true,\"n_group\":1,\"topk_group\":1,\"topk_method\":\"noaux_tc\","
      "\"routed_scaling_factor\":null,\"hidden_act\":\"silu\",\"layernorm_epsilon\":1e-05,"
      "\"attention_bias\":false,\"attention_value_scale\":0.707,\"add_swa_attention_sink_bias\":true,"
      "\"add_full_attention_sink_bias\":false,\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\"}"},
    {"hy3-preview", "Hunyuan 3 Preview 295B-A21B",
     "Tencent Hy3 preview (2026), MoE; tencent/Hy3-preview config.json",
      "{\"model_type\":\"hy_v3\",\"architectures\":[\"HYV3ForCausalLM\"],"
      "\"enable_attention_fp32_softmax\":false,\"enable_lm_head_fp32\":true,"
      "\"enable_moe_fp32_combine\":false,\"expert_hidden_dim\":1536,\"moe_intermediate_size\":1536,"
      "\"first_k_dense_replace\":1,\"head_dim\":128,\"hidden_act\":\"silu\",\"hidden_size\":4096,"
      "\"intermediate_size\":13312,\"max_position_embeddings\":262144,"
      "\"moe_router_enable_expert_bias\":true,\"moe_router_use_sigmoid\":true,"
      "\"num_attention_heads\":64,\"num_experts\":192,\"num_experts_per_tok\":8,"
      "\"num_hidden_layers\":80,\"num_key_value_heads\":8,\"num_shared_experts\":1,\"qk_norm\":true,"
      "\"rms_norm_eps\":1e-05,\"rope_parameters\":{\"rope_theta\":11158840.0,"
      "\"rope_type\":\"default\"},\"route_norm\":true,\"router_scaling_factor\":2.826,"
      "\"tie_word_embeddings\":false,\"use_grouped_mm\":false,\"vocab_size\":120832,"
      "\"num_nextn_predict_layers\":1}"},
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
    {"olmo-3-7b", "OLMo 3 7B",
     "Ai2 OLMo 3 (2025), 3 sliding : 1 full, QK-norm, post-norm; allenai/Olmo-3-1025-7B config.json",
      "{\"model_type\":\"olmo3\",\"vocab_size\":100278,\"hidden_size\":4096,"
      "\"intermediate_size\":11008,\"num_hidden_layers\":32,\"num_attention_heads\":32,"
      "\"num_key_value_heads\":32,\"sliding_window\":4096,\"tie_word_embeddings\":false}"},
    {"olmo-3-32b", "OLMo 3 32B",
     "Ai2 OLMo 3 (2025), GQA 40/8, 3 sliding : 1 full; allenai/Olmo-3-1125-32B config.json",
      "{\"model_type\":\"olmo3\",\"vocab_size\":100278,\"hidden_size\":5120,"
      "\"intermediate_size\":27648,\"num_hidden_layers\":64,\"num_attention_heads\":40,"
      "\"num_key_value_heads\":8,\"sliding_window\":4096,\"tie_word_embeddings\":false}"},
    {"smollm3-3b", "SmolLM3 3B",
     "Hugging Face SmolLM3 (2025), NoPE every 4th layer; HuggingFaceTB/SmolLM3-3B config.json",
      "{\"model_type\":\"smollm3\",\"architectures\":[\"SmolLM3ForCausalLM\"],\"attention_bias\":false,"
      "\"hidden_act\":\"silu\",\"hidden_size\":2048,\"intermediate_size\":11008,"
      "\"layer_types\":[\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\","
      "\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\","
      "\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\","
      "\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\","
      "\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\","
      "\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\","
      "\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\",\"full_attention\","
      "\"full_attention\",\"full_attention\"],\"max_position_embeddings\":65536,"
      "\"max_window_layers\":28,\"mlp_bias\":false,\"no_rope_layer_interval\":4,\"no_rope_layers\":[1,"
      "1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0],"
      "\"num_attention_heads\":16,\"num_hidden_layers\":36,\"num_key_value_heads\":4,"
      "\"rms_norm_eps\":1e-06,\"rope_scaling\":null,\"rope_theta\":5000000.0,\"sliding_window\":null,"
      "\"torch_dtype\":\"bfloat16\",\"use_sliding_window\":false,\"vocab_size\":128256}"},
    {"trinity-large", "Trinity Large",
     "Arcee Trinity Large (2026), AFMoE: gated attention, 3 sliding : 1 NoPE global; arcee-ai/Trinity-Large-Preview config.json",
      "{\"model_type\":\"afmoe\",\"architectures\":[\"AfmoeForCausalLM\"],\"dtype\":\"bfloat16\","
      "\"global_attn_every_n_layers\":4,\"head_dim\":128,\"hidden_act\":\"silu\",\"hidden_size\":3072,"
      "\"intermediate_size\":12288,\"layer_types\":[\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"full_attention\"],\"load_balance_coeff\":5e-05,"
      "\"max_position_embeddings\":262144,\"moe_intermediate_size\":3072,\"n_group\":1,"
      "\"num_attention_heads\":48,\"num_dense_layers\":6,\"num_expert_groups\":1,\"num_experts\":256,"
      "\"num_experts_per_tok\":4,\"num_hidden_layers\":60,\"num_key_value_heads\":8,"
      "\"num_limited_groups\":1,\"num_shared_experts\":1,\"rms_norm_eps\":1e-05,\"rope_scaling\":null,"
      "\"rope_theta\":10000,\"route_norm\":true,\"sliding_window\":4096,\"tie_word_embeddings\":false,"
      "\"topk_group\":1,\"use_grouped_mm\":true,\"vocab_size\":200192}"},
    {"laguna-xs.2", "Laguna XS.2 33B",
     "Poolside Laguna XS.2 (2026), per-layer heads, gated attention, MoE; poolside/Laguna-XS.2 config.json",
      "{\"model_type\":\"laguna\",\"architectures\":[\"LagunaForCausalLM\"],\"vocab_size\":100352,"
      "\"hidden_size\":2048,\"intermediate_size\":8192,\"num_hidden_layers\":40,"
      "\"num_attention_heads\":48,\"num_key_value_heads\":8,\"head_dim\":128,"
      "\"max_position_embeddings\":131072,\"attention_bias\":false,\"rms_norm_eps\":1e-06,"
      "\"num_experts\":256,\"num_experts_per_tok\":8,\"moe_intermediate_size\":512,"
      "\"shared_expert_intermediate_size\":512,\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\",\"sliding_window\":512,"
      "\"rope_parameters\":{\"full_attention\":{\"rope_theta\":500000.0,\"rope_type\":\"yarn\","
      "\"factor\":32.0,\"original_max_position_embeddings\":4096,\"attention_factor\":1.0,"
      "\"partial_rotary_factor\":0.5},\"sliding_attention\":{\"rope_type\":\"default\","
      "\"rope_theta\":10000.0,\"partial_rotary_factor\":1.0},"
      "\"original_max_position_embeddings\":4096},\"layer_types\":[\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"sliding_attention\"],"
      "\"moe_apply_router_weight_on_input\":false,\"partial_rotary_factor\":0.5,"
      "\"mlp_layer_types\":[\"dense\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\","
      "\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\","
      "\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\","
      "\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\","
      "\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\",\"sparse\","
      "\"sparse\",\"sparse\"],\"moe_routed_scaling_factor\":2.5,\"num_attention_heads_per_layer\":[48,"
      "64,64,64,48,64,64,64,48,64,64,64,48,64,64,64,48,64,64,64,48,64,64,64,48,64,64,64,48,64,64,64,48,"
      "64,64,64,48,64,64,64]}"},
    {"nemotron-h-56b", "Nemotron-H 56B",
     "NVIDIA Nemotron-H (2025), Mamba-2 hybrid, ReLU^2 MLPs; nvidia/Nemotron-H-56B-Base-8K config.json",
      "{\"model_type\":\"nemotron_h\",\"architectures\":[\"NemotronHForCausalLM\"],"
      "\"attention_bias\":false,\"attention_head_dim\":128,\"chunk_size\":128,\"conv_kernel\":4,"
      "\"hidden_size\":8192,"
      "\"hybrid_override_pattern\":\"M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M-\","
      "\"intermediate_size\":32768,\"layer_norm_epsilon\":1e-05,\"mamba_head_dim\":64,"
      "\"mamba_hidden_act\":\"silu\",\"mamba_num_heads\":256,\"mamba_proj_bias\":false,"
      "\"max_position_embeddings\":8192,\"mlp_bias\":false,\"mlp_hidden_act\":\"relu2\",\"n_groups\":8,"
      "\"num_attention_heads\":64,\"num_hidden_layers\":118,\"num_key_value_heads\":8,"
      "\"num_logits_to_keep\":1,\"rescale_prenorm_residual\":true,\"residual_in_fp32\":false,"
      "\"rms_norm_eps\":1e-05,\"sliding_window\":null,\"ssm_state_size\":256,"
      "\"tie_word_embeddings\":false,\"time_step_rank\":512,\"torch_dtype\":\"bfloat16\","
      "\"use_bias\":false,\"use_conv_bias\":true,\"use_mamba_kernels\":true,\"vocab_size\":131072}"},
    {"nemotron-3-nano", "Nemotron 3 Nano 30B-A3B",
     "NVIDIA Nemotron 3 Nano (2025), Mamba-2 + MoE + attention hybrid; nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16 config.json",
      "{\"model_type\":\"nemotron_h\",\"architectures\":[\"NemotronHForCausalLM\"],"
      "\"attention_bias\":false,\"chunk_size\":128,\"conv_kernel\":4,\"head_dim\":128,"
      "\"hidden_size\":2688,"
      "\"hybrid_override_pattern\":\"MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEME\","
      "\"intermediate_size\":1856,\"layer_norm_epsilon\":1e-05,\"mamba_head_dim\":64,"
      "\"mamba_hidden_act\":\"silu\",\"mamba_num_heads\":64,\"mamba_proj_bias\":false,"
      "\"mamba_ssm_cache_dtype\":\"float32\",\"max_position_embeddings\":262144,\"mlp_bias\":false,"
      "\"mlp_hidden_act\":\"relu2\",\"moe_intermediate_size\":1856,"
      "\"moe_shared_expert_intermediate_size\":3712,\"n_group\":1,\"n_groups\":8,"
      "\"n_routed_experts\":128,\"n_shared_experts\":1,\"norm_eps\":1e-05,\"norm_topk_prob\":true,"
      "\"num_attention_heads\":32,\"num_experts_per_tok\":6,\"num_hidden_layers\":52,"
      "\"num_key_value_heads\":2,\"num_logits_to_keep\":1,\"partial_rotary_factor\":1.0,"
      "\"rescale_prenorm_residual\":true,\"residual_in_fp32\":false,\"rope_theta\":10000,"
      "\"routed_scaling_factor\":2.5,\"sliding_window\":null,\"ssm_state_size\":128,"
      "\"tie_word_embeddings\":false,\"topk_group\":1,\"torch_dtype\":\"bfloat16\",\"use_bias\":false,"
      "\"use_conv_bias\":true,\"use_mamba_kernels\":true,\"vocab_size\":131072}"},
    {"nemotron-3-super", "Nemotron 3 Super 120B-A12B",
     "NVIDIA Nemotron 3 Super (2026), Mamba-2 hybrid with latent MoE; nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-FP8 config.json",
      "{\"model_type\":\"nemotron_h\",\"architectures\":[\"NemotronHForCausalLM\"],"
      "\"attention_bias\":false,\"chunk_size\":128,\"conv_kernel\":4,\"dtype\":\"bfloat16\","
      "\"head_dim\":128,\"hidden_size\":4096,"
      "\"hybrid_override_pattern\":\"MEMEMEM*EMEMEMEM*EMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEM*EMEMEMEME\","
      "\"intermediate_size\":2688,\"layer_norm_epsilon\":1e-05,\"mamba_head_dim\":64,"
      "\"mamba_hidden_act\":\"silu\",\"mamba_num_heads\":128,\"mamba_proj_bias\":false,"
      "\"mamba_ssm_cache_dtype\":\"float32\",\"max_position_embeddings\":262144,\"mlp_bias\":false,"
      "\"mlp_hidden_act\":\"relu2\",\"moe_intermediate_size\":2688,\"moe_latent_size\":1024,"
      "\"moe_shared_expert_intermediate_size\":5376,\"moe_shared_expert_overlap\":false,"
      "\"mtp_hybrid_override_pattern\":\"*E\",\"n_group\":1,\"n_groups\":8,\"n_routed_experts\":512,"
      "\"n_shared_experts\":1,\"norm_eps\":1e-05,\"norm_topk_prob\":true,\"num_attention_heads\":32,"
      "\"num_experts_per_tok\":22,\"num_hidden_layers\":88,\"num_key_value_heads\":2,"
      "\"num_logits_to_keep\":1,\"num_nextn_predict_layers\":1,\"partial_rotary_factor\":1.0,"
      "\"rescale_prenorm_residual\":true,\"residual_in_fp32\":false,\"rope_theta\":10000,"
      "\"routed_scaling_factor\":5.0,\"sliding_window\":null,\"ssm_state_size\":128,"
      "\"tie_word_embeddings\":false,\"topk_group\":1,\"use_bias\":false,\"use_conv_bias\":true,"
      "\"use_mamba_kernels\":true,\"vocab_size\":131072}"},
    {"lfm2-1.2b", "LFM2 1.2B",
     "Liquid LFM2 (2025), short gated convolutions + GQA; LiquidAI/LFM2-1.2B config.json",
      "{\"model_type\":\"lfm2\",\"architectures\":[\"Lfm2ForCausalLM\"],"
      "\"block_auto_adjust_ff_dim\":true,\"block_dim\":2048,\"block_ff_dim\":12288,"
      "\"block_ffn_dim_multiplier\":1.0,\"block_mlp_init_scale\":1.0,\"block_multiple_of\":256,"
      "\"block_norm_eps\":1e-05,\"block_out_init_scale\":1.0,\"block_use_swiglu\":true,"
      "\"block_use_xavier_init\":true,\"conv_L_cache\":3,\"conv_bias\":false,\"conv_dim\":2048,"
      "\"conv_dim_out\":2048,\"conv_use_xavier_init\":true,\"full_attn_idxs\":[2,5,8,10,12,14],"
      "\"hidden_size\":2048,\"max_position_embeddings\":128000,\"norm_eps\":1e-05,"
      "\"num_attention_heads\":32,\"num_heads\":32,\"num_hidden_layers\":16,\"num_key_value_heads\":8,"
      "\"rope_theta\":1000000.0,\"torch_dtype\":\"bfloat16\",\"vocab_size\":65536}"},
    {"openelm-270m", "OpenELM 270M",
     "Apple OpenELM (2024), per-layer heads and FFN widths; apple/OpenELM-270M config.json",
      "{\"model_type\":\"openelm\",\"activation_fn_name\":\"swish\","
      "\"architectures\":[\"OpenELMForCausalLM\"],\"ffn_dim_divisor\":256,\"ffn_multipliers\":[0.5,"
      "0.73,0.97,1.2,1.43,1.67,1.9,2.13,2.37,2.6,2.83,3.07,3.3,3.53,3.77,4.0],\"ffn_with_glu\":true,"
      "\"head_dim\":64,\"model_dim\":1280,\"normalization_layer_name\":\"rms_norm\","
      "\"normalize_qk_projections\":true,\"num_gqa_groups\":4,\"num_kv_heads\":[3,3,3,3,3,4,4,4,4,4,4,"
      "4,5,5,5,5],\"num_query_heads\":[12,12,12,12,12,16,16,16,16,16,16,16,20,20,20,20],"
      "\"num_transformer_layers\":16,\"qkv_multipliers\":[0.5,1.0],\"rope_freq_constant\":10000,"
      "\"rope_max_length\":4096,\"share_input_output_layers\":true,\"torch_dtype\":\"bfloat16\","
      "\"vocab_size\":32000}"},
    {"command-r", "Command R 35B",
     "Cohere Command R (2024), parallel blocks, tied embeddings; CohereForAI/c4ai-command-r-v01 config.json",
      "{\"model_type\":\"cohere\",\"architectures\":[\"CohereForCausalLM\"],\"attention_bias\":false,"
      "\"hidden_act\":\"silu\",\"hidden_size\":8192,\"intermediate_size\":22528,"
      "\"layer_norm_eps\":1e-05,\"max_position_embeddings\":8192,\"num_attention_heads\":64,"
      "\"num_hidden_layers\":40,\"num_key_value_heads\":64,\"rope_theta\":8000000.0,"
      "\"torch_dtype\":\"float16\",\"vocab_size\":256000,\"tie_word_embeddings\":true}"},
    {"baichuan2-13b", "Baichuan 2 13B",
     "Baichuan 2 (2023), ALiBi, fused QKV; baichuan-inc/Baichuan2-13B-Chat config.json",
      "{\"model_type\":\"baichuan\",\"architectures\":[\"BaichuanForCausalLM\"],"
      "\"hidden_act\":\"silu\",\"hidden_size\":5120,\"intermediate_size\":13696,"
      "\"model_max_length\":4096,\"num_attention_heads\":40,\"num_hidden_layers\":40,"
      "\"rms_norm_eps\":1e-06,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\","
      "\"vocab_size\":125696}"},
    {"internlm-20b", "InternLM 20B",
     "Shanghai AI Lab InternLM (2023), Llama-style MHA; internlm/internlm-20b config.json",
      "{\"model_type\":\"llama\",\"architectures\":[\"LlamaForCausalLM\"],\"attention_bias\":false,"
      "\"bias\":false,\"hidden_act\":\"silu\",\"hidden_size\":5120,\"intermediate_size\":13824,"
      "\"max_position_embeddings\":4096,\"num_attention_heads\":40,\"num_hidden_layers\":60,"
      "\"num_key_value_heads\":40,\"rms_norm_eps\":1e-06,\"rope_scaling\":null,\"rope_theta\":10000.0,"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\",\"vocab_size\":103168}"},
    {"internlm2.5-7b", "InternLM2.5 7B",
     "Shanghai AI Lab InternLM2.5 (2024), fused wqkv, GQA 32/8; internlm/internlm2_5-7b-chat config.json",
      "{\"model_type\":\"internlm2\",\"architectures\":[\"InternLM2ForCausalLM\"],"
      "\"attn_implementation\":\"eager\",\"bias\":false,\"hidden_act\":\"silu\",\"hidden_size\":4096,"
      "\"intermediate_size\":14336,\"max_position_embeddings\":32768,\"num_attention_heads\":32,"
      "\"num_hidden_layers\":32,\"num_key_value_heads\":8,\"rms_norm_eps\":1e-05,\"rope_scaling\":null,"
      "\"rope_theta\":1000000,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\","
      "\"vocab_size\":92544}"},
    {"openpangu-embedded-7b", "openPangu Embedded 7B",
     "Huawei openPangu Embedded (2025), Llama-style with biases; FreedomIntelligence/openPangu-Embedded-7B config.json",
      "{\"model_type\":\"PanguEmbedded\",\"architectures\":[\"PanguEmbeddedForCausalLM\"],"
      "\"bias\":true,\"hidden_act\":\"silu\",\"hidden_size\":4096,\"intermediate_size\":12800,"
      "\"max_position_embeddings\":32768,\"num_attention_heads\":32,\"num_hidden_layers\":34,"
      "\"num_key_value_heads\":8,\"rms_norm_eps\":1e-05,\"rope_theta\":16000000.0,"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\",\"vocab_size\":153376}"},
    {"granite-3b-code", "Granite 3B Code",
     "IBM Granite Code (2024), Llama-style, 128K context; ibm-granite/granite-3b-code-instruct-128k config.json",
      "{\"model_type\":\"llama\",\"architectures\":[\"LlamaForCausalLM\"],\"attention_bias\":true,"
      "\"hidden_act\":\"silu\",\"hidden_size\":2560,\"intermediate_size\":10240,"
      "\"max_position_embeddings\":128000,\"mlp_bias\":true,\"num_attention_heads\":32,"
      "\"num_hidden_layers\":32,\"num_key_value_heads\":32,\"rms_norm_eps\":1e-05,"
      "\"rope_scaling\":null,\"rope_theta\":10000000,\"tie_word_embeddings\":true,"
      "\"torch_dtype\":\"bfloat16\",\"vocab_size\":49152}"},
    {"granite-3.1-1b-a400m", "Granite 3.1 1B-A400M",
     "IBM Granite 3.1 MoE (2024), 32 experts, top-8; ibm-granite/granite-3.1-1b-a400m-instruct config.json",
      "{\"model_type\":\"granitemoe\",\"architectures\":[\"GraniteMoeForCausalLM\"],"
      "\"attention_bias\":false,\"attention_multiplier\":0.015625,\"embedding_multiplier\":12.0,"
      "\"hidden_act\":\"silu\",\"hidden_size\":1024,\"intermediate_size\":512,"
      "\"max_position_embeddings\":131072,\"num_attention_heads\":16,\"num_experts_per_tok\":8,"
      "\"num_hidden_layers\":24,\"num_key_value_heads\":8,\"num_local_experts\":32,"
      "\"residual_multiplier\":0.22,\"rms_norm_eps\":1e-06,\"rope_scaling\":null,"
      "\"rope_theta\":1500000.0,\"tie_word_embeddings\":true,\"torch_dtype\":\"float32\","
      "\"vocab_size\":49155}"},
    {"stable-code-3b", "Stable Code 3B",
     "Stability AI Stable Code (2024), StableLM network, partial RoPE; stabilityai/stable-code-3b config.json",
      "{\"model_type\":\"stablelm_epoch\",\"architectures\":[\"StableLMEpochForCausalLM\"],"
      "\"hidden_act\":\"silu\",\"hidden_size\":2560,\"intermediate_size\":6912,"
      "\"max_position_embeddings\":16384,\"norm_eps\":1e-05,\"num_attention_heads\":32,"
      "\"num_heads\":32,\"num_hidden_layers\":32,\"num_key_value_heads\":32,\"rope_pct\":0.25,"
      "\"rope_theta\":1000000,\"rotary_scaling_factor\":1.0,\"tie_word_embeddings\":false,"
      "\"torch_dtype\":\"bfloat16\",\"use_qkv_bias\":false,\"vocab_size\":50304}"},
    {"fuyu-8b", "Fuyu 8B",
     "Adept Fuyu (2023), Persimmon decoder with a linear patch embedding; adept/fuyu-8b config.json",
      "{\"model_type\":\"fuyu\",\"architectures\":[\"FuyuForCausalLM\"],\"hidden_act\":\"relu2\","
      "\"hidden_size\":4096,\"image_size\":300,\"intermediate_size\":16384,\"layer_norm_eps\":1e-05,"
      "\"max_position_embeddings\":16384,\"num_attention_heads\":64,\"num_channels\":3,"
      "\"num_hidden_layers\":36,\"partial_rotary_factor\":0.5,\"patch_size\":30,\"qk_layernorm\":true,"
      "\"rope_scaling\":null,\"rope_theta\":25000.0,\"text_config\":{\"model_type\":\"persimmon\"},"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\",\"vocab_size\":262144}"},
    {"minicpm-v", "MiniCPM-V 2 (text)",
     "OpenBMB MiniCPM-V (2024), MiniCPM language model; openbmb/MiniCPM-V config.json",
      "{\"model_type\":\"minicpmv\",\"architectures\":[\"MiniCPMV\"],\"attention_bias\":false,"
      "\"dim_model_base\":256,\"drop_vision_last_layer\":true,\"hidden_act\":\"silu\","
      "\"hidden_size\":2304,\"image_size\":448,\"intermediate_size\":5760,"
      "\"max_position_embeddings\":4096,\"num_attention_heads\":36,\"num_hidden_layers\":40,"
      "\"num_key_value_heads\":36,\"rms_norm_eps\":1e-05,\"rope_scaling\":null,\"rope_theta\":10000.0,"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\","
      "\"vision_encoder\":\"vit_so400m_patch14_siglip_384.webli\",\"vocab_size\":122753}"},
    {"xlstm-7b", "xLSTM 7B",
     "NXAI xLSTM (2025), mLSTM blocks only, no attention; NX-AI/xLSTM-7b config.json",
      "{\"model_type\":\"xlstm\",\"embedding_dim\":4096,\"num_heads\":8,\"num_blocks\":32,"
      "\"vocab_size\":50304,\"qk_dim_factor\":0.5,\"v_dim_factor\":1.0,\"ffn_proj_factor\":2.667,"
      "\"ffn_round_up_to_multiple_of\":64,\"weight_mode\":\"single\",\"use_bias\":false,"
      "\"tie_word_embeddings\":false,\"add_out_norm\":true}"},
    {"mamba-130m", "Mamba 130M",
     "State Spaces Mamba (2023), selective SSM, no attention; state-spaces/mamba-130m-hf config.json",
      "{\"model_type\":\"mamba\",\"vocab_size\":50280,\"hidden_size\":768,\"num_hidden_layers\":24}"},
    {"mamba-2.8b", "Mamba 2.8B",
     "State Spaces Mamba (2023), selective SSM, no attention; state-spaces/mamba-2.8b-hf config.json",
      "{\"model_type\":\"mamba\",\"vocab_size\":50280,\"hidden_size\":2560,\"num_hidden_layers\":64}"},
    {"mamba-codestral-7b", "Mamba-Codestral 7B",
     "Mistral Mamba-Codestral (2024), Mamba-2, no attention; mistralai/Mamba-Codestral-7B-v0.1 config.json",
      "{\"model_type\":\"mamba2\",\"vocab_size\":32768,\"hidden_size\":4096,\"state_size\":128,"
      "\"num_hidden_layers\":64,\"expand\":2,\"conv_kernel\":4,\"num_heads\":128,\"head_dim\":64,"
      "\"n_groups\":8,\"use_bias\":false,\"use_conv_bias\":true,\"tie_word_embeddings\":false,"
      "\"intermediate_size\":8192}"},
    {"jamba-v0.1", "Jamba v0.1",
     "AI21 Jamba (2024), 1 attention : 7 Mamba layers, MoE every other layer; ai21labs/Jamba-v0.1 config.json",
      "{\"model_type\":\"jamba\",\"vocab_size\":65536,\"hidden_size\":4096,\"intermediate_size\":14336,"
      "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
      "\"num_experts\":16,\"num_experts_per_tok\":2,\"expert_layer_period\":2,"
      "\"expert_layer_offset\":1,\"attn_layer_period\":8,\"attn_layer_offset\":4,\"mamba_d_state\":16,"
      "\"mamba_d_conv\":4,\"mamba_expand\":2,\"mamba_dt_rank\":256,\"mamba_conv_bias\":true,"
      "\"mamba_proj_bias\":false,\"tie_word_embeddings\":false}"},
    {"falcon-h1-7b", "Falcon-H1 7B",
     "TII Falcon-H1 (2025), attention and Mamba-2 side by side in every layer; tiiuae/Falcon-H1-7B-Base config.json",
      "{\"model_type\":\"falcon_h1\",\"hidden_size\":3072,\"num_hidden_layers\":44,"
      "\"num_attention_heads\":12,\"num_key_value_heads\":2,\"head_dim\":128,"
      "\"intermediate_size\":12288,\"vocab_size\":130048,\"tie_word_embeddings\":false,"
      "\"mamba_d_ssm\":3072,\"mamba_n_heads\":24,\"mamba_d_head\":128,\"mamba_d_state\":256,"
      "\"mamba_n_groups\":1,\"mamba_d_conv\":4,\"mamba_rms_norm\":true,\"mamba_conv_bias\":true,"
      "\"mamba_proj_bias\":false}"},
    {"granite-4.0-h-small", "Granite 4.0-H Small",
     "IBM Granite 4.0-H (2025), Mamba-2 + NoPE attention hybrid, 72 experts; ibm-granite/granite-4.0-h-small config.json",
      "{\"model_type\":\"granitemoehybrid\",\"hidden_size\":4096,\"num_hidden_layers\":40,"
      "\"layer_types\":[\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"attention\",\"mamba\","
      "\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"attention\","
      "\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\","
      "\"attention\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\",\"mamba\","
      "\"mamba\",\"attention\",\"mamba\",\"mamba\",\"mamba\",\"mamba\"],\"num_attention_heads\":32,"
      "\"num_key_value_heads\":8,\"num_local_experts\":72,\"num_experts_per_tok\":10,"
      "\"intermediate_size\":768,\"shared_intermediate_size\":1536,\"mamba_d_state\":128,"
      "\"mamba_d_conv\":4,\"mamba_expand\":2,\"mamba_n_heads\":128,\"mamba_d_head\":64,"
      "\"mamba_n_groups\":1,\"vocab_size\":100352,\"tie_word_embeddings\":true,"
      "\"mamba_conv_bias\":true,\"mamba_proj_bias\":false}"},
    {"exaone-4.0-32b", "EXAONE 4.0 32B",
     "LG EXAONE 4.0 (2025), 3 sliding : 1 global NoPE, QK-norm; LGAI-EXAONE/EXAONE-4.0-32B config.json",
      "{\"model_type\":\"exaone4\",\"hidden_size\":5120,\"intermediate_size\":27392,"
      "\"num_hidden_layers\":64,\"num_attention_heads\":40,\"num_key_value_heads\":8,\"head_dim\":128,"
      "\"vocab_size\":102400,\"sliding_window\":4096,\"sliding_window_pattern\":4,"
      "\"tie_word_embeddings\":false}"},
    {"exaone-4.0-1.2b", "EXAONE 4.0 1.2B",
     "LG EXAONE 4.0 (2025), global attention, tied embeddings; LGAI-EXAONE/EXAONE-4.0-1.2B config.json",
      "{\"model_type\":\"exaone4\",\"hidden_size\":2048,\"intermediate_size\":4096,"
      "\"num_hidden_layers\":30,\"num_attention_heads\":32,\"num_key_value_heads\":8,\"head_dim\":64,"
      "\"vocab_size\":102400,\"sliding_window\":null,\"tie_word_embeddings\":true}"},
    {"starcoder2-15b", "StarCoder2 15B",
     "BigCode StarCoder2 (2024), GQA 48/4, sliding window, biases; bigcode/starcoder2-15b config.json",
      "{\"model_type\":\"starcoder2\",\"hidden_size\":6144,\"intermediate_size\":24576,"
      "\"num_hidden_layers\":40,\"num_attention_heads\":48,\"num_key_value_heads\":4,"
      "\"tie_word_embeddings\":false,\"sliding_window\":4096}"},
    {"starcoder", "StarCoder 15.5B",
     "BigCode StarCoder (2023), GPT-BigCode, MQA; bigcode/starcoder config.json",
      "{\"model_type\":\"gpt_bigcode\",\"vocab_size\":49152,\"n_positions\":8192,\"n_embd\":6144,"
      "\"n_layer\":40,\"n_head\":48,\"n_inner\":24576,\"multi_query\":true}"},
    {"opt-125m", "OPT 125M",
     "Meta OPT (2022), learned offset positions; facebook/opt-125m config.json",
      "{\"model_type\":\"opt\",\"hidden_size\":768,\"ffn_dim\":3072,\"num_hidden_layers\":12,"
      "\"num_attention_heads\":12}"},
    {"opt-350m", "OPT 350M",
     "Meta OPT (2022), post-norm, projected embeddings; facebook/opt-350m config.json",
      "{\"model_type\":\"opt\",\"hidden_size\":1024,\"ffn_dim\":4096,\"num_hidden_layers\":24,"
      "\"num_attention_heads\":16,\"word_embed_proj_dim\":512,\"do_layer_norm_before\":false}"},
    {"phi-3.5-moe", "Phi-3.5-MoE",
     "Microsoft Phi-3.5-MoE (2024), 16 experts, top-2; microsoft/Phi-3.5-MoE-instruct config.json",
      "{\"model_type\":\"phimoe\",\"vocab_size\":32064,\"hidden_size\":4096,\"intermediate_size\":6400,"
      "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
      "\"num_local_experts\":16,\"num_experts_per_tok\":2,\"attention_bias\":true,"
      "\"lm_head_bias\":true,\"tie_word_embeddings\":false}"},
    {"kimi-linear-48b-a3b", "Kimi Linear 48B-A3B",
     "Moonshot Kimi Linear (2025), 3 KDA : 1 MLA, MoE 256 top-8; moonshotai/Kimi-Linear-48B-A3B-Instruct config.json",
      "{\"model_type\":\"kimi_linear\",\"vocab_size\":163840,\"hidden_size\":2304,\"num_hidden_l"
      "ayers\":27,\"num_attention_heads\":32,\"num_key_value_heads\":32,\"head_dim\":72,\"inter"
      "mediate_size\":9216,\"rms_norm_eps\":1e-05,\"rope_theta\":10000.0,\"model_max_length\":"
      "1048576,\"linear_attn_config\":{\"kda_layers\":[1,2,3,5,6,7,9,10,11,13,14,15,17,18,1"
      "9,21,22,23,25,26],\"full_attn_layers\":[4,8,12,16,20,24,27],\"num_heads\":32,\"head_d"
      "im\":128,\"short_conv_kernel_size\":4},\"num_experts\":256,\"moe_intermediate_size\":10"
      "24,\"num_experts_per_token\":8,\"num_shared_experts\":1,\"kv_lora_rank\":512,\"q_lora_r"
      "ank\":null,\"qk_nope_head_dim\":128,\"qk_rope_head_dim\":64,\"v_head_dim\":128,\"mla_use"
      "_nope\":true,\"moe_router_activation_func\":\"sigmoid\",\"moe_renormalize\":true,\"route"
      "d_scaling_factor\":2.446,\"first_k_dense_replace\":1,\"moe_layer_freq\":1,\"use_groupe"
      "d_topk\":true,\"num_expert_group\":1,\"topk_group\":1,\"tie_word_embeddings\":false,\"nu"
      "m_nextn_predict_layers\":0,\"torch_dtype\":\"bfloat16\"}"},
    {"grok-2.5", "Grok 2.5",
     "xAI Grok 2 / 2.5 (2024, open 2025), MoE 8 top-2 with a dense residual MLP; xai-org/grok-2 config.json",
      "{\"model_type\":\"git\",\"architectures\":[\"Grok1ForCausalLM\"],\"vocab_size\":131072,\"hi"
      "dden_size\":8192,\"intermediate_size\":32768,\"moe_intermediate_size\":16384,\"max_pos"
      "ition_embeddings\":131072,\"num_experts_per_tok\":2,\"num_local_experts\":8,\"residual"
      "_moe\":true,\"num_attention_heads\":64,\"num_key_value_heads\":8,\"num_hidden_layers\":"
      "64,\"head_dim\":128,\"rms_norm_eps\":1e-05,\"final_logit_softcapping\":50,\"attn_logit_"
      "softcapping\":30.0,\"router_logit_softcapping\":30.0,\"rope_theta\":208533496,\"embedd"
      "ing_multiplier_scale\":90.50966799187809,\"output_multiplier_scale\":0.5,\"rope_type"
      "\":\"original\",\"original_max_position_embeddings\":8192,\"scaling_factor\":16.0,\"torc"
      "h_dtype\":\"bfloat16\"}"},
    {"step-3.5-flash", "Step 3.5 Flash",
     "StepFun Step 3.5 Flash (2026), 3 sliding : 1 full, head-wise gate, MoE 288 top-8; stepfun-ai/Step-3.5-Flash config.json",
      "{\"model_type\":\"step3p5\",\"hidden_size\":4096,\"intermediate_size\":11264,\"num_attent"
      "ion_heads\":64,\"num_attention_groups\":8,\"num_hidden_layers\":45,\"vocab_size\":12889"
      "6,\"head_dim\":128,\"moe_num_experts\":288,\"moe_top_k\":8,\"moe_intermediate_size\":128"
      "0,\"share_expert_dim\":1280,\"moe_layers_enum\":\"3,4,5,6,7,8,9,10,11,12,13,14,15,16,"
      "17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43"
      ",44\",\"num_nextn_predict_layers\":3,\"sliding_window\":512,\"layer_types\":[\"full_atte"
      "ntion\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attenti"
      "on\",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\""
      ",\"sliding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"s"
      "liding_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"slid"
      "ing_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding"
      "_attention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_at"
      "tention\",\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_atten"
      "tion\",\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attentio"
      "n\",\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\","
      "\"sliding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"sl"
      "iding_attention\",\"sliding_attention\",\"full_attention\",\"sliding_attention\",\"slidi"
      "ng_attention\",\"sliding_attention\"],\"partial_rotary_factors\":[0.5,1.0,1.0,1.0,0.5"
      ",1.0,1.0,1.0,0.5,1.0,1.0,1.0,0.5,1.0,1.0,1.0,0.5,1.0,1.0,1.0,0.5,1.0,1.0,1.0,0.5"
      ",1.0,1.0,1.0,0.5,1.0,1.0,1.0,0.5,1.0,1.0,1.0,0.5,1.0,1.0,1.0,0.5,1.0,1.0,1.0,0.5"
      ",1.0,1.0,1.0],\"attention_other_setting\":{\"attention_type\":\"sliding_attention\",\"n"
      "um_attention_heads\":96,\"num_attention_groups\":8,\"head_dim\":128},\"use_head_wise_a"
      "ttn_gate\":true,\"use_moe_router_bias\":true,\"moe_router_activation\":\"sigmoid\",\"nor"
      "m_expert_weight\":true,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"command-r7b", "Command R7B",
     "Cohere Command R7B (2024), 3 sliding : 1 NoPE full, parallel blocks; CohereLabs/c4ai-command-r7b-12-2024 config.json",
      "{\"model_type\":\"cohere2\",\"vocab_size\":256000,\"hidden_size\":4096,\"intermediate_siz"
      "e\":14336,\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":8"
      ",\"layer_norm_eps\":1e-05,\"logit_scale\":0.25,\"rope_theta\":50000,\"sliding_window\":4"
      "096,\"sliding_window_pattern\":4,\"max_position_embeddings\":8192,\"attention_bias\":f"
      "alse,\"tie_word_embeddings\":true,\"torch_dtype\":\"bfloat16\"}"},
    {"tiny-aya", "Tiny Aya",
     "Cohere Tiny Aya (2026), Cohere 2 layout, 3.35B; CohereLabs/tiny-aya config.json",
      "{\"model_type\":\"cohere2\",\"vocab_size\":262144,\"hidden_size\":2048,\"intermediate_siz"
      "e\":11008,\"num_hidden_layers\":36,\"num_attention_heads\":16,\"num_key_value_heads\":4"
      ",\"head_dim\":128,\"layer_norm_eps\":1e-05,\"logit_scale\":1.0,\"rope_theta\":50000,\"sli"
      "ding_window\":4096,\"sliding_window_pattern\":4,\"attention_bias\":false,\"tie_word_em"
      "beddings\":true,\"torch_dtype\":\"bfloat16\"}"},
    {"command-a", "Command A",
     "Cohere Command A (2025), 111B, Cohere 2 layout; CohereLabs/c4ai-command-a-03-2025 config.json",
      "{\"model_type\":\"cohere2\",\"vocab_size\":256000,\"hidden_size\":12288,\"intermediate_si"
      "ze\":36864,\"num_hidden_layers\":64,\"num_attention_heads\":96,\"num_key_value_heads\":"
      "8,\"head_dim\":128,\"sliding_window\":4096,\"sliding_window_pattern\":4,\"tie_word_embe"
      "ddings\":true,\"torch_dtype\":\"bfloat16\"}"},
    {"ling-mini-2.0", "Ling mini 2.0",
     "inclusionAI Ling mini 2.0 (2025), BailingMoeV2, MoE 256 top-8; inclusionAI/Ling-mini-2.0 config.json",
      "{\"model_type\":\"bailing_moe\",\"vocab_size\":157184,\"use_qkv_bias\":false,\"use_bias\":"
      "false,\"use_qk_norm\":true,\"partial_rotary_factor\":0.5,\"rope_theta\":600000,\"rms_no"
      "rm_eps\":1e-06,\"tie_word_embeddings\":false,\"score_function\":\"sigmoid\",\"moe_router"
      "_enable_expert_bias\":true,\"norm_topk_prob\":true,\"routed_scaling_factor\":2.5,\"hea"
      "d_dim\":128,\"torch_dtype\":\"bfloat16\",\"hidden_size\":2048,\"intermediate_size\":5120,"
      "\"moe_intermediate_size\":512,\"num_experts\":256,\"num_shared_experts\":1,\"num_expert"
      "s_per_tok\":8,\"n_group\":8,\"topk_group\":4,\"first_k_dense_replace\":1,\"num_hidden_la"
      "yers\":20,\"num_attention_heads\":16,\"num_key_value_heads\":4,\"num_nextn_predict_lay"
      "ers\":0}"},
    {"ling-flash-2.0", "Ling flash 2.0",
     "inclusionAI Ling flash 2.0 (2025), BailingMoeV2 100B-A6B; inclusionAI/Ling-flash-2.0 config.json",
      "{\"model_type\":\"bailing_moe\",\"vocab_size\":157184,\"use_qkv_bias\":false,\"use_bias\":"
      "false,\"use_qk_norm\":true,\"partial_rotary_factor\":0.5,\"rope_theta\":600000,\"rms_no"
      "rm_eps\":1e-06,\"tie_word_embeddings\":false,\"score_function\":\"sigmoid\",\"moe_router"
      "_enable_expert_bias\":true,\"norm_topk_prob\":true,\"routed_scaling_factor\":2.5,\"hea"
      "d_dim\":128,\"torch_dtype\":\"bfloat16\",\"hidden_size\":4096,\"intermediate_size\":9216,"
      "\"moe_intermediate_size\":1024,\"num_experts\":256,\"num_shared_experts\":1,\"num_exper"
      "ts_per_tok\":8,\"n_group\":8,\"topk_group\":4,\"first_k_dense_replace\":1,\"num_hidden_l"
      "ayers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":4,\"num_nextn_predict_la"
      "yers\":1}"},
    {"ling-1t", "Ling 1T",
     "inclusionAI Ling-1T (2025), BailingMoeV2 1T-A50B; inclusionAI/Ling-1T config.json",
      "{\"model_type\":\"bailing_moe\",\"vocab_size\":157184,\"use_qkv_bias\":false,\"use_bias\":"
      "false,\"use_qk_norm\":true,\"partial_rotary_factor\":0.5,\"rope_theta\":600000,\"rms_no"
      "rm_eps\":1e-06,\"tie_word_embeddings\":false,\"score_function\":\"sigmoid\",\"moe_router"
      "_enable_expert_bias\":true,\"norm_topk_prob\":true,\"routed_scaling_factor\":2.5,\"hea"
      "d_dim\":128,\"torch_dtype\":\"bfloat16\",\"hidden_size\":8192,\"intermediate_size\":18432"
      ",\"moe_intermediate_size\":2048,\"num_experts\":256,\"num_shared_experts\":1,\"num_expe"
      "rts_per_tok\":8,\"n_group\":8,\"topk_group\":4,\"first_k_dense_replace\":4,\"num_hidden_"
      "layers\":80,\"num_attention_heads\":64,\"num_key_value_heads\":8,\"num_nextn_predict_l"
      "ayers\":1}"},
    {"sarvam-30b", "Sarvam 30B",
     "Sarvam AI sarvam-30b (2026), BailingMoeV2 layout; sarvamai/sarvam-30b config.json",
      "{\"model_type\":\"sarvam_moe\",\"num_hidden_layers\":19,\"hidden_size\":4096,\"intermedia"
      "te_size\":8192,\"moe_intermediate_size\":1024,\"num_attention_heads\":64,\"num_key_val"
      "ue_heads\":4,\"head_dim\":64,\"num_experts\":128,\"num_experts_per_tok\":6,\"num_shared_"
      "experts\":1,\"first_k_dense_replace\":1,\"vocab_size\":262144,\"max_position_embedding"
      "s\":131072,\"rope_theta\":8000000.0,\"use_qk_norm\":true,\"use_qkv_bias\":false,\"use_bi"
      "as\":false,\"score_function\":\"sigmoid\",\"moe_router_enable_expert_bias\":true,\"tie_w"
      "ord_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"granite-4.1-3b", "Granite 4.1 3B",
     "IBM Granite 4.1 (2026), dense, tied; ibm-granite/granite-4.1-3b config.json",
      "{\"model_type\":\"granite\",\"vocab_size\":100352,\"hidden_size\":2560,\"num_hidden_layer"
      "s\":40,\"head_dim\":64,\"num_attention_heads\":40,\"num_key_value_heads\":8,\"intermedia"
      "te_size\":8192,\"tie_word_embeddings\":true,\"attention_bias\":false,\"mlp_bias\":false"
      ",\"torch_dtype\":\"bfloat16\"}"},
    {"granite-4.1-8b", "Granite 4.1 8B",
     "IBM Granite 4.1 (2026), dense, tied; ibm-granite/granite-4.1-8b config.json",
      "{\"model_type\":\"granite\",\"vocab_size\":100352,\"hidden_size\":4096,\"num_hidden_layer"
      "s\":40,\"head_dim\":128,\"num_attention_heads\":32,\"num_key_value_heads\":8,\"intermedi"
      "ate_size\":12800,\"tie_word_embeddings\":true,\"attention_bias\":false,\"mlp_bias\":fal"
      "se,\"torch_dtype\":\"bfloat16\"}"},
    {"granite-4.1-30b", "Granite 4.1 30B",
     "IBM Granite 4.1 (2026), dense, tied; ibm-granite/granite-4.1-30b config.json",
      "{\"model_type\":\"granite\",\"vocab_size\":100352,\"hidden_size\":4096,\"num_hidden_layer"
      "s\":64,\"head_dim\":128,\"num_attention_heads\":32,\"num_key_value_heads\":8,\"intermedi"
      "ate_size\":32768,\"tie_word_embeddings\":true,\"attention_bias\":false,\"mlp_bias\":fal"
      "se,\"torch_dtype\":\"bfloat16\"}"},
    {"mistral-large-3", "Mistral Large 3 (text)",
     "Mistral Large 3 (2025), DeepSeek-V3 layout, 128 experts top-4; mistralai/Mistral-Large-3-675B-Instruct-2512 config.json",
      "{\"model_type\":\"mistral3\",\"spatial_merge_size\":2,\"multimodal_projector_bias\":fals"
      "e,\"vision_feature_layer\":-1,\"image_token_index\":10,\"text_config\":{\"model_type\":\""
      "deepseek_v3\",\"vocab_size\":131072,\"hidden_size\":7168,\"intermediate_size\":16384,\"m"
      "oe_intermediate_size\":4096,\"num_hidden_layers\":61,\"first_k_dense_replace\":3,\"n_r"
      "outed_experts\":128,\"n_shared_experts\":1,\"num_experts_per_tok\":4,\"num_attention_h"
      "eads\":128,\"num_key_value_heads\":128,\"q_lora_rank\":1536,\"kv_lora_rank\":512,\"qk_no"
      "pe_head_dim\":128,\"qk_rope_head_dim\":64,\"v_head_dim\":128,\"n_group\":1,\"topk_group\""
      ":1,\"topk_method\":\"noaux_tc\",\"norm_topk_prob\":true,\"routed_scaling_factor\":1.0,\"n"
      "um_nextn_predict_layers\":0,\"tie_word_embeddings\":false,\"rms_norm_eps\":1e-06},\"vi"
      "sion_config\":{\"model_type\":\"pixtral\",\"hidden_size\":1664,\"intermediate_size\":8192"
      ",\"num_hidden_layers\":48,\"num_attention_heads\":16,\"head_dim\":104,\"patch_size\":14,"
      "\"num_channels\":3,\"image_size\":1540}}"},
    {"lfm2.5-1.2b", "LFM2.5 1.2B",
     "Liquid LFM2.5 (2026), 10 short convolutions + 6 attention; LiquidAI/LFM2.5-1.2B-Instruct config.json",
      "{\"model_type\":\"lfm2\",\"vocab_size\":65536,\"hidden_size\":2048,\"num_hidden_layers\":1"
      "6,\"num_attention_heads\":32,\"num_key_value_heads\":8,\"block_ff_dim\":12288,\"block_a"
      "uto_adjust_ff_dim\":true,\"block_ffn_dim_multiplier\":1.0,\"block_multiple_of\":256,\""
      "conv_L_cache\":3,\"conv_bias\":false,\"full_attn_idxs\":[2,5,8,10,12,14],\"norm_eps\":1"
      "e-05,\"rope_theta\":1000000.0,\"max_position_embeddings\":128000,\"tie_embedding\":tru"
      "e,\"torch_dtype\":\"bfloat16\"}"},
    {"ernie-4.5-21b-a3b", "ERNIE 4.5 21B-A3B",
     "Baidu ERNIE 4.5 (2025), MoE 64 top-6 + 2 shared; baidu/ERNIE-4.5-21B-A3B-PT config.json",
      "{\"model_type\":\"ernie4_5_moe\",\"vocab_size\":103424,\"hidden_size\":2560,\"intermediat"
      "e_size\":12288,\"num_hidden_layers\":28,\"num_attention_heads\":20,\"num_key_value_hea"
      "ds\":4,\"head_dim\":128,\"moe_num_experts\":64,\"moe_k\":6,\"moe_intermediate_size\":1536"
      ",\"moe_num_shared_experts\":2,\"moe_layer_start_index\":1,\"moe_layer_end_index\":27,\""
      "moe_layer_interval\":1,\"use_bias\":false,\"tie_word_embeddings\":true,\"rope_theta\":5"
      "00000,\"num_nextn_predict_layers\":1,\"torch_dtype\":\"bfloat16\"}"},
    {"ernie-4.5-300b-a47b", "ERNIE 4.5 300B-A47B",
     "Baidu ERNIE 4.5 (2025), MoE 64 top-8; baidu/ERNIE-4.5-300B-A47B-PT config.json",
      "{\"model_type\":\"ernie4_5_moe\",\"vocab_size\":103424,\"hidden_size\":8192,\"intermediat"
      "e_size\":28672,\"num_hidden_layers\":54,\"num_attention_heads\":64,\"num_key_value_hea"
      "ds\":8,\"head_dim\":128,\"moe_num_experts\":64,\"moe_k\":8,\"moe_intermediate_size\":3584"
      ",\"moe_num_shared_experts\":0,\"moe_layer_start_index\":3,\"moe_layer_end_index\":53,\""
      "moe_layer_interval\":1,\"use_bias\":false,\"tie_word_embeddings\":false,\"num_nextn_pr"
      "edict_layers\":1,\"torch_dtype\":\"bfloat16\"}"},
    {"seed-oss-36b", "Seed-OSS 36B",
     "ByteDance Seed-OSS (2025), dense, q/k/v biases; ByteDance-Seed/Seed-OSS-36B-Instruct config.json",
      "{\"model_type\":\"seed_oss\",\"vocab_size\":155136,\"hidden_size\":5120,\"intermediate_si"
      "ze\":27648,\"num_hidden_layers\":64,\"num_attention_heads\":80,\"num_key_value_heads\":"
      "8,\"head_dim\":128,\"attention_bias\":true,\"attention_out_bias\":false,\"mlp_bias\":fal"
      "se,\"rope_theta\":10000000.0,\"max_position_embeddings\":524288,\"tie_word_embeddings"
      "\":false,\"rms_norm_eps\":1e-06,\"torch_dtype\":\"bfloat16\"}"},
    {"apertus-8b", "Apertus 8B",
     "Swiss AI Apertus (2025), xIELU MLP, QK-norm; swiss-ai/Apertus-8B-2509 config.json",
      "{\"model_type\":\"apertus\",\"vocab_size\":131072,\"hidden_size\":4096,\"intermediate_siz"
      "e\":21504,\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":8"
      ",\"hidden_act\":\"xielu\",\"qk_norm\":true,\"attention_bias\":false,\"mlp_bias\":false,\"ro"
      "pe_theta\":12000000,\"max_position_embeddings\":65536,\"tie_word_embeddings\":false,\""
      "torch_dtype\":\"bfloat16\"}"},
    {"apertus-70b", "Apertus 70B",
     "Swiss AI Apertus (2025), xIELU MLP, QK-norm; swiss-ai/Apertus-70B-2509 config.json",
      "{\"model_type\":\"apertus\",\"vocab_size\":131072,\"hidden_size\":8192,\"intermediate_siz"
      "e\":43008,\"num_hidden_layers\":80,\"num_attention_heads\":64,\"num_key_value_heads\":8"
      ",\"hidden_act\":\"xielu\",\"qk_norm\":true,\"attention_bias\":false,\"mlp_bias\":false,\"ro"
      "pe_theta\":12000000,\"max_position_embeddings\":65536,\"tie_word_embeddings\":false,\""
      "torch_dtype\":\"bfloat16\"}"},
    {"glm-4-9b-0414", "GLM-4 9B (0414)",
     "Zhipu GLM-4-0414 (2025), dense, sandwich norms; zai-org/GLM-4-9B-0414 config.json",
      "{\"model_type\":\"glm4\",\"vocab_size\":151552,\"hidden_size\":4096,\"intermediate_size\":"
      "13696,\"num_hidden_layers\":40,\"num_attention_heads\":32,\"num_key_value_heads\":2,\"h"
      "ead_dim\":128,\"attention_bias\":true,\"partial_rotary_factor\":0.5,\"rms_norm_eps\":1e"
      "-05,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"glm-4-32b-0414", "GLM-4 32B (0414)",
     "Zhipu GLM-4-0414 (2025), dense, sandwich norms; zai-org/GLM-4-32B-0414 config.json",
      "{\"model_type\":\"glm4\",\"vocab_size\":151552,\"hidden_size\":6144,\"intermediate_size\":"
      "23040,\"num_hidden_layers\":61,\"num_attention_heads\":48,\"num_key_value_heads\":2,\"h"
      "ead_dim\":128,\"attention_bias\":true,\"partial_rotary_factor\":0.5,\"rms_norm_eps\":1e"
      "-05,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}"},
    {"hunyuan-a13b", "Hunyuan-A13B",
     "Tencent Hunyuan-A13B (2025), MoE 64 top-8 + shared; tencent/Hunyuan-A13B-Instruct config.json",
      "{\"model_type\":\"hunyuan_v1_moe\",\"vocab_size\":128167,\"hidden_size\":4096,\"intermedi"
      "ate_size\":3072,\"moe_intermediate_size\":[3072,3072,3072,3072,3072,3072,3072,3072,"
      "3072,3072,3072,3072,3072,3072,3072,3072,3072,3072,3072,3072,3072,3072,3072,3072,"
      "3072,3072,3072,3072,3072,3072,3072,3072],\"num_hidden_layers\":32,\"num_attention_h"
      "eads\":32,\"num_key_value_heads\":8,\"head_dim\":128,\"num_experts\":64,\"moe_topk\":[8,8"
      ",8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8],\"num_shared_expert"
      "\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],\"use_mixed_m"
      "lp_moe\":true,\"use_qk_norm\":true,\"attention_bias\":false,\"tie_word_embeddings\":tru"
      "e,\"rope_theta\":10000.0,\"rope_scaling\":{\"type\":\"dynamic\",\"alpha\":1000.0,\"factor\":"
      "1.0},\"max_position_embeddings\":262144,\"torch_dtype\":\"bfloat16\"}"},
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
    {"roberta-base", "RoBERTa base",
     "Facebook RoBERTa (2019), BERT's encoder trained longer, byte-level BPE; FacebookAI/roberta-base config.json "
     "(RobertaForMaskedLM)",
      "{\"model_type\":\"roberta\",\"architectures\":[\"RobertaForMaskedLM\"],\"hidden_size\":768,"
      "\"intermediate_size\":3072,\"num_hidden_layers\":12,\"num_attention_heads\":12,\"vocab_size\":50265,"
      "\"max_position_embeddings\":514,\"type_vocab_size\":1,\"hidden_act\":\"gelu\",\"layer_norm_eps\":1e-05,"
      "\"torch_dtype\":\"float32\"}"},
    {"distilbert-base-uncased", "DistilBERT base (uncased)",
     "Hugging Face DistilBERT (2019), 6-layer distillation of BERT base; distilbert/distilbert-base-uncased "
     "config.json (DistilBertForMaskedLM)",
      "{\"model_type\":\"distilbert\",\"architectures\":[\"DistilBertForMaskedLM\"],\"dim\":768,"
      "\"hidden_dim\":3072,\"n_layers\":6,\"n_heads\":12,\"vocab_size\":30522,\"max_position_embeddings\":512,"
      "\"activation\":\"gelu\",\"torch_dtype\":\"float32\"}"},
    {"xlm-roberta-base", "XLM-RoBERTa base",
     "Facebook XLM-RoBERTa (2019), RoBERTa's encoder over 100 languages, 250,002 SentencePiece tokens; "
     "FacebookAI/xlm-roberta-base config.json (XLMRobertaForMaskedLM)",
      "{\"model_type\":\"xlm-roberta\",\"architectures\":[\"XLMRobertaForMaskedLM\"],\"hidden_size\":768,"
      "\"intermediate_size\":3072,\"num_hidden_layers\":12,\"num_attention_heads\":12,\"vocab_size\":250002,"
      "\"max_position_embeddings\":514,\"type_vocab_size\":1,\"hidden_act\":\"gelu\",\"layer_norm_eps\":1e-05,"
      "\"torch_dtype\":\"float32\"}"},
    {"modernbert-base", "ModernBERT base",
     "Answer.AI ModernBERT (2024), pre-norm encoder with RoPE, GeGLU, no biases, global attention every third "
     "layer and a 128-token window elsewhere, 8,192-token context; answerdotai/ModernBERT-base config.json "
     "(ModernBertForMaskedLM)",
      "{\"model_type\":\"modernbert\",\"architectures\":[\"ModernBertForMaskedLM\"],\"hidden_size\":768,"
      "\"intermediate_size\":1152,\"num_hidden_layers\":22,\"num_attention_heads\":12,\"vocab_size\":50368,"
      "\"max_position_embeddings\":8192,\"global_attn_every_n_layers\":3,\"local_attention\":128,"
      "\"global_rope_theta\":160000.0,\"local_rope_theta\":10000.0,\"hidden_activation\":\"gelu\","
      "\"norm_eps\":1e-05,\"norm_bias\":false,\"attention_bias\":false,\"mlp_bias\":false,"
      "\"decoder_bias\":true,\"classifier_bias\":false,\"tie_word_embeddings\":true,\"torch_dtype\":\"float32\"}"},
    {"flan-t5-base", "FLAN-T5 base",
     "Google FLAN-T5 (2022), T5 v1.1: gated GELU, untied output head; google/flan-t5-base config.json",
      "{\"model_type\":\"t5\",\"architectures\":[\"T5ForConditionalGeneration\"],\"d_model\":768,\"d_kv\":64,"
      "\"d_ff\":2048,\"num_layers\":12,\"num_decoder_layers\":12,\"num_heads\":12,\"vocab_size\":32128,"
      "\"relative_attention_num_buckets\":32,\"relative_attention_max_distance\":128,"
      "\"feed_forward_proj\":\"gated-gelu\",\"layer_norm_epsilon\":1e-06,\"n_positions\":512,"
      "\"tie_word_embeddings\":false,\"torch_dtype\":\"float32\"}"},
    {"bart-base", "BART base",
     "Facebook BART (2019), denoising encoder-decoder, post-norm, learned positions; facebook/bart-base config.json",
      "{\"model_type\":\"bart\",\"architectures\":[\"BartModel\"],\"d_model\":768,\"encoder_layers\":6,"
      "\"decoder_layers\":6,\"encoder_attention_heads\":12,\"decoder_attention_heads\":12,\"encoder_ffn_dim\":3072,"
      "\"decoder_ffn_dim\":3072,\"vocab_size\":50265,\"max_position_embeddings\":1024,"
      "\"activation_function\":\"gelu\",\"scale_embedding\":false,\"torch_dtype\":\"float32\"}"},
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

const lx_catalogue_entry *lx_catalogue_suggest(const char *name)
{
    const lx_catalogue_entry *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < lx_catalogue_count(); i++) {
        size_t d = lx_text_distance(name, lx_catalogue_at(i)->slug);
        if (d < best_d) { best_d = d; best = lx_catalogue_at(i); }
    }
    return best && lx_text_is_typo(best_d, strlen(name)) ? best : NULL;
}
