/* Hostile config.json files (issue 5): wrong types for the hyper-parameters (a layer count
 * as a string, negative, zero, huge, fractional), heads that do not divide the width, more
 * experts per token than experts, rope_scaling numbers no scaling can use (factor 0, NaN,
 * Infinity, original context 0, beta_fast below beta_slow, longrope factors that are not
 * positive numbers or more than 256 of them), DeepSeek-V4 hyper-connection streams 0 or
 * huge, hash layers beyond the layers, compress ratios (MTP entries included) out of range,
 * more MTP modules than the layer table holds, Gemma 4 audio_config sizes of the wrong type,
 * length or size, JSON nested 10,000 deep, invalid UTF-8, NUL bytes, a
 * 15 MB integer and a 1 GB number. Each must fail with LX_ERR_MODEL and a one-line
 * "PATH: line L:C: KEY: ..." (or "offset N:" for the size limit) message through the reader
 * and through `llmxray info` (exit 1, one stderr line, nothing on stdout), also under an
 * address-space cap.
 *
 * Most cases are the small Llama config below with one line changed; every key sits on its
 * own line at column 3, so a message about KEY names "line L:3" with L from this listing:
 *   1 {   2 model_type   3 hidden_size   4 num_hidden_layers   5 num_attention_heads
 *   6 num_key_value_heads   7 intermediate_size   8 vocab_size   (extra keys: 9, 10, 11)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture_st.h"
#include "hostile.h"
#include "model/hp_config.h"
#include "util/buf.h"

#define HX_DIR LX_TMP_DIR "/hostile_config"

/* ------------------------------------------------------------------ the base config, edited */

static const char *const BASE[][2] = {
    { "model_type", "\"llama\"" }, { "hidden_size", "64" }, { "num_hidden_layers", "2" },
    { "num_attention_heads", "4" }, { "num_key_value_heads", "2" }, { "intermediate_size", "128" },
    { "vocab_size", "100" },
};
#define N_BASE (sizeof BASE / sizeof BASE[0])

/* One edit per case: key gets value (a key not in BASE is added after it, in order). */
typedef struct cfg_edit {
    const char *name;
    const char *key[3], *value[3];
} cfg_edit;

static const cfg_edit EDITS[] = {
    { "layers_string.json", { "num_hidden_layers" }, { "\"32\"" } },
    { "layers_negative.json", { "num_hidden_layers" }, { "-1" } },
    { "layers_zero.json", { "num_hidden_layers" }, { "0" } },
    { "layers_huge.json", { "num_hidden_layers" }, { "1000000000000000" } },
    { "layers_600.json", { "num_hidden_layers" }, { "600" } },
    { "layers_fraction.json", { "num_hidden_layers" }, { "2.5" } },
    { "layers_bool.json", { "num_hidden_layers" }, { "true" } },
    { "layers_null.json", { "num_hidden_layers" }, { "null" } },
    { "layers_1e400.json", { "num_hidden_layers" }, { "1e400" } },
    { "hidden_array.json", { "hidden_size" }, { "[64]" } },
    { "hidden_object.json", { "hidden_size" }, { "{\"value\": 64}" } },
    { "vocab_string.json", { "vocab_size" }, { "\"100\"" } },
    { "heads_not_dividing.json", { "num_attention_heads", "num_key_value_heads" }, { "3", "1" } },
    { "kv_not_dividing.json", { "num_key_value_heads" }, { "3" } },
    { "kv_above_heads.json", { "num_key_value_heads" }, { "8" } },
    { "head_dim_zero.json", { "head_dim" }, { "0" } },
    { "experts_used_above.json", { "num_local_experts", "num_experts_per_tok" }, { "4", "8" } },
    { "rope_theta_string.json", { "rope_theta" }, { "\"10000\"" } },
    { "model_type_number.json", { "model_type" }, { "5" } },
    { "sliding_negative.json", { "sliding_window" }, { "-4096" } },
    { "deep_value.json", { "rope_scaling" }, { NULL } }, /* value made by mk_deep_value */
    /* the per-layer keys of the 2024-26 families (issue 8) */
    { "nemotron_bad_letter.json", { "model_type", "hybrid_override_pattern" }, { "\"nemotron_h\"", "\"MX\"" } },
    { "nemotron_utf8_letter.json", { "model_type", "hybrid_override_pattern" }, { "\"nemotron_h\"", "\"M\u00e9\"" } },
    { "nemotron_control_letter.json", { "model_type", "hybrid_override_pattern" }, { "\"nemotron_h\"", "\"\\u001bM\"" } },
    { "nemotron_long_pattern.json", { "model_type", "hybrid_override_pattern" }, { "\"nemotron_h\"", "\"MEMEMEMEME\"" } },
    { "nemotron_pattern_array.json", { "model_type", "hybrid_override_pattern" }, { "\"nemotron_h\"", "[\"M\", \"E\"]" } },
    { "nemotron_short_pattern.json", { "model_type", "hybrid_override_pattern" }, { "\"nemotron_h\"", "\"M\"" } },
    { "layer_types_short.json", { "layer_types" }, { "[\"full_attention\"]" } },
    { "layer_types_unknown.json", { "layer_types" }, { "[\"full_attention\", \"mystery\"]" } },
    { "layer_types_numbers.json", { "layer_types" }, { "[1, 2]" } },
    { "compress_ratios_bad.json", { "model_type", "compress_ratios" }, { "\"deepseek_v4\"", "[4, \"x\"]" } },
    { "compress_ratios_short.json", { "model_type", "compress_ratios" }, { "\"deepseek_v4\"", "[4]" } },
    { "block_configs_numbers.json", { "model_type", "block_configs" }, { "\"nemotron-nas\"", "[1, 2]" } },
    { "block_configs_bad_group.json", { "model_type", "block_configs" },
      { "\"nemotron-nas\"", "[{\"attention\": {\"n_heads_in_group\": 3}, \"ffn\": {\"ffn_mult\": 1.0}}, "
                              "{\"attention\": {\"no_op\": true}, \"ffn\": {\"no_op\": true}}]" } },
    /* found by the fuzzer: the key misspelled, so there is no value to describe */
    { "block_configs_no_group.json", { "model_type", "block_configs" },
      { "\"nemotron-nas\"", "[{\"attention\": {\"n_he0ads_in_group\": 3}, \"ffn\": {\"ffn_mult\": 1.0}}, "
                              "{\"attention\": {\"no_op\": true}, \"ffn\": {\"no_op\": true}}]" } },
    { "openelm_heads_short.json", { "model_type", "num_query_heads" }, { "\"openelm\"", "[4]" } },
    { "no_rope_layers_bad.json", { "model_type", "no_rope_layers" }, { "\"smollm3\"", "[1, \"x\"]" } },
    { "mlp_layer_types_bad.json", { "model_type", "mlp_layer_types" }, { "\"laguna\"", "[\"dense\", \"huge\"]" } },
    { "hybrid_layer_pattern_short.json", { "model_type", "hybrid_layer_pattern" }, { "\"mimo_v2_flash\"", "[0]" } },
    { "full_attn_idxs_out_of_range.json", { "model_type", "full_attn_idxs" }, { "\"lfm2\"", "[5]" } },
    /* rope_scaling (linear / yarn / longrope): the numbers the engine divides or ramps by */
    { "rope_factor_zero.json", { "rope_scaling" }, { "{\"type\": \"linear\", \"factor\": 0}" } },
    { "rope_factor_nan.json", { "rope_scaling" }, { "{\"type\": \"linear\", \"factor\": NaN}" } },
    { "rope_factor_infinity.json", { "rope_scaling" }, { "{\"type\": \"yarn\", \"factor\": Infinity}" } },
    { "rope_factor_negative.json", { "rope_scaling" }, { "{\"type\": \"linear\", \"factor\": -2}" } },
    { "rope_orig_ctx_zero.json", { "rope_scaling" },
      { "{\"type\": \"yarn\", \"factor\": 4, \"original_max_position_embeddings\": 0}" } },
    { "rope_beta_inverted.json", { "rope_scaling" },
      { "{\"type\": \"yarn\", \"factor\": 4, \"beta_fast\": 1, \"beta_slow\": 32}" } },
    { "rope_long_factor_string.json", { "rope_scaling" },
      { "{\"type\": \"longrope\", \"long_factor\": [1, \"x\"], \"short_factor\": [1, 1]}" } },
    { "rope_short_factor_zero.json", { "rope_scaling" },
      { "{\"type\": \"longrope\", \"long_factor\": [1, 1], \"short_factor\": [1, 0]}" } },
    { "rope_long_factor_object.json", { "rope_scaling" }, { "{\"type\": \"longrope\", \"long_factor\": {}}" } },
    { "rope_long_factor_300.json", { "rope_scaling" }, { NULL } }, /* value made by mk_long_factors */
    { "rope_type_number.json", { "rope_scaling" }, { "{\"type\": 5}" } },
    { "rope_scaling_array.json", { "rope_scaling" }, { "[1, 2]" } },
    /* DeepSeek-V4 (hyper-connections, hash layers, compressors with MTP) and MTP modules at all */
    { "ds4_hc_mult_zero.json", { "model_type", "hc_mult" }, { "\"deepseek_v4\"", "0" } },
    { "ds4_hc_mult_huge.json", { "model_type", "hc_mult" }, { "\"deepseek_v4\"", "1000000" } },
    { "ds4_hash_layers_above.json", { "model_type", "num_hash_layers" }, { "\"deepseek_v4\"", "3" } },
    { "ds4_compress_mtp_negative.json", { "model_type", "num_nextn_predict_layers", "compress_ratios" },
      { "\"deepseek_v4\"", "1", "[4, 128, -4]" } },
    { "ds4_compress_huge.json", { "model_type", "compress_ratios" }, { "\"deepseek_v4\"", "[4, 2000000]" } },
    { "ds4_compress_fraction.json", { "model_type", "compress_ratios" }, { "\"deepseek_v4\"", "[4, 4.5]" } },
    { "ds4_compress_null_entry.json", { "model_type", "compress_ratios" }, { "\"deepseek_v4\"", "[null, 4]" } },
    { "nextn_511.json", { "num_nextn_predict_layers" }, { "511" } },
    { "nextn_1e12.json", { "model_type", "num_nextn_predict_layers" }, { "\"nemotron_h\"", "1000000000000" } },
    { "nextn_negative.json", { "num_nextn_predict_layers" }, { "-1" } },
    /* Gemma 4's audio tower (audio_config) */
    { "audio_channels_three.json", { "audio_config" }, { "{\"model_type\": \"gemma4_audio\", \"subsampling_conv_channels\": [128, 32, 4]}" } },
    { "audio_channels_tiny.json", { "audio_config" }, { "{\"model_type\": \"gemma4_audio\", \"subsampling_conv_channels\": [128, 2]}" } },
    { "audio_channels_string.json", { "audio_config" }, { "{\"model_type\": \"gemma4_audio\", \"subsampling_conv_channels\": \"128\"}" } },
    { "audio_layers_huge.json", { "audio_config" }, { "{\"model_type\": \"gemma4_audio\", \"num_hidden_layers\": 100000}" } },
    { "audio_hidden_string.json", { "audio_config" }, { "{\"model_type\": \"gemma4_audio\", \"hidden_size\": \"1024\"}" } },
    { "audio_hidden_huge.json", { "audio_config" }, { "{\"model_type\": \"gemma4_audio\", \"hidden_size\": 1000000000000000}" } },
    { "audio_chunk_absurd.json", { "audio_config" }, { "{\"model_type\": \"gemma4_audio\", \"attention_chunk_size\": 1000000000000}" } },
    { "audio_kernel_huge.json", { "audio_config" }, { "{\"model_type\": \"gemma4_audio\", \"conv_kernel_size\": 5000}" } },
    { "audio_context_negative.json", { "audio_config" }, { "{\"model_type\": \"gemma4_audio\", \"attention_context_left\": -13}" } },
    { "audio_config_array.json", { "audio_config" }, { "[1, 2]" } },
    { "audio_config_string.json", { "audio_config" }, { "\"gemma4_audio\"" } },
};
#define N_EDITS (sizeof EDITS / sizeof EDITS[0])

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static const cfg_edit *edit_for(const char *path)
{
    for (size_t i = 0; i < N_EDITS; i++)
        if (strcmp(EDITS[i].name, base_name(path)) == 0) return &EDITS[i];
    return NULL;
}

/* The base config with the case's edit; `deep` (may be NULL) replaces a NULL edit value. */
static bool write_edited(const char *path, const char *deep)
{
    const cfg_edit *e = edit_for(path);
    if (!e) return false;
    lx_buf b = { 0 };
    lx_buf_puts(&b, "{\n");
    bool used[3] = { false, false, false };
    for (size_t i = 0; i < N_BASE + 3; i++) {
        const char *k = i < N_BASE ? BASE[i][0] : e->key[i - N_BASE], *v = i < N_BASE ? BASE[i][1] : NULL;
        for (int j = 0; j < 3 && k; j++)
            if (e->key[j] && strcmp(e->key[j], k) == 0 && !used[j]) v = e->value[j] ? e->value[j] : deep, used[j] = true;
        if (k && v) lx_buf_printf(&b, "%s  \"%s\": %s", b.len > 2 ? ",\n" : "", k, v);
    }
    lx_buf_puts(&b, "\n}\n");
    bool ok = lx_buf_ok(&b) && lx_hx_write_text(path, lx_buf_cstr(&b));
    lx_buf_free(&b);
    return ok;
}

static bool mk_edit(const char *p) { return write_edited(p, NULL); }

/* A JSON bomb inside a value: 10,000 nested arrays. */
static bool mk_deep_value(const char *p)
{
    char *deep = malloc(20001);
    if (!deep) return false;
    memset(deep, '[', 10000);
    memset(deep + 10000, ']', 10000);
    deep[20000] = '\0';
    bool ok = write_edited(p, deep);
    free(deep);
    return ok;
}

/* rope_scaling.long_factor with 300 factors: more than any head has rotated pairs (256). */
static bool mk_long_factors(const char *p)
{
    lx_buf b = { 0 };
    lx_buf_puts(&b, "{\"type\": \"longrope\", \"long_factor\": [1");
    for (int i = 1; i < 300; i++) lx_buf_puts(&b, ", 1");
    lx_buf_puts(&b, "]}");
    bool ok = lx_buf_ok(&b) && write_edited(p, lx_buf_cstr(&b));
    lx_buf_free(&b);
    return ok;
}

/* ------------------------------------------------------------------ raw files */

/* 10,000 nested objects {"a":{"a":...}} at the top level. */
static bool mk_bomb_objects(const char *p)
{
    lx_buf b = { 0 };
    for (int i = 0; i < 10000; i++) lx_buf_puts(&b, "{\"a\":");
    lx_buf_putc(&b, '1');
    for (int i = 0; i < 10000; i++) lx_buf_putc(&b, '}');
    bool ok = lx_buf_ok(&b) && lx_hx_write_text(p, lx_buf_cstr(&b));
    lx_buf_free(&b);
    return ok;
}

static bool mk_not_utf8(const char *p) { return lx_hx_write_text(p, "{\n  \"model_type\": \"ll\xff" "ama\"\n}\n"); }
static bool mk_nul_byte(const char *p)
{
    static const char text[] = "{\n  \"model_type\": \"ll\0ama\"\n}\n";
    return lx_fx_write_bytes(p, text, sizeof text - 1);
}
static bool mk_not_object(const char *p) { return lx_hx_write_text(p, "[1, 2]\n"); }
static bool mk_truncated(const char *p) { return lx_hx_write_text(p, "{\n  \"model_type\": \"lla"); }
static bool mk_duplicate(const char *p) { return lx_hx_write_text(p, "{\n  \"hidden_size\": 64,\n  \"hidden_size\": 65\n}\n"); }
static bool mk_empty(const char *p) { return lx_hx_write_text(p, ""); }
/* A 15,000,000-digit integer: inside the size limit, so the JSON parser sees it. */
static bool mk_integer_15mb(const char *p) { return lx_hx_write_repeat(p, "{\"hidden_size\": ", '1', 15000000, "}\n"); }
/* A number 1 GiB long: refused by size after reading at most the limit, never held whole. */
#define GIB 1073741824ull
static bool mk_number_1gb(const char *p) { return lx_hx_write_repeat(p, "{\"hidden_size\": ", '7', GIB, "}\n"); }

/* ------------------------------------------------------------------ the cases */

#define CASE(name, make, ...) { name, make, { __VA_ARGS__ }, LX_OK, NULL, NULL }
#define NEEDS_POSITIVE "expected a positive integer, found"

static const lx_hx_case CASES[] = {
    CASE("layers_string.json", mk_edit, "line 4:3:", "num_hidden_layers", NEEDS_POSITIVE " string"),
    CASE("layers_negative.json", mk_edit, "line 4:3:", "num_hidden_layers", NEEDS_POSITIVE " -1"),
    CASE("layers_zero.json", mk_edit, "line 4:3:", "num_hidden_layers", NEEDS_POSITIVE " 0"),
    CASE("layers_huge.json", mk_edit, "line 4:3:", "num_hidden_layers", NEEDS_POSITIVE " 1000000000000000"),
    CASE("layers_600.json", mk_edit, "line 4:3:", "num_hidden_layers", "600 layers (expected at most 512)"),
    CASE("layers_fraction.json", mk_edit, "line 4:3:", "num_hidden_layers", NEEDS_POSITIVE " 2.5"),
    CASE("layers_bool.json", mk_edit, "line 4:3:", "num_hidden_layers", NEEDS_POSITIVE " boolean"),
    CASE("layers_null.json", mk_edit, "line 4:3:", "num_hidden_layers", "missing"),
    CASE("layers_1e400.json", mk_edit, "line 4:28:", "real number overflow"),
    CASE("hidden_array.json", mk_edit, "line 3:3:", "hidden_size", NEEDS_POSITIVE " an array"),
    CASE("hidden_object.json", mk_edit, "line 3:3:", "hidden_size", NEEDS_POSITIVE " an object"),
    CASE("vocab_string.json", mk_edit, "line 8:3:", "vocab_size", NEEDS_POSITIVE " string"),
    CASE("heads_not_dividing.json", mk_edit, "line 5:3:", "num_attention_heads", "does not divide hidden_size"),
    CASE("kv_not_dividing.json", mk_edit, "line 6:3:", "num_key_value_heads", "3 does not divide 4"),
    CASE("kv_above_heads.json", mk_edit, "line 6:3:", "num_key_value_heads", "8 does not divide 4"),
    CASE("head_dim_zero.json", mk_edit, "line 9:3:", "head_dim", NEEDS_POSITIVE " 0"),
    CASE("experts_used_above.json", mk_edit, "line 10:3:", "num_experts_per_tok", "exceeds"),
    CASE("rope_theta_string.json", mk_edit, "line 9:3:", "rope_theta", "expected a non-negative number, found string"),
    CASE("model_type_number.json", mk_edit, "line 2:3:", "model_type", "found 5"),
    CASE("sliding_negative.json", mk_edit, "line 9:3:", "sliding_window", "found -4096"),
    CASE("deep_value.json", mk_deep_value, "line 9:2066:", "maximum parsing depth"),
    CASE("nemotron_bad_letter.json", mk_edit, "line 9:3:", "hybrid_override_pattern", "letter 2 is 'X'"),
    CASE("nemotron_utf8_letter.json", mk_edit, "line 9:3:", "hybrid_override_pattern", "letter 2 is byte 0xC3"),
    CASE("nemotron_control_letter.json", mk_edit, "line 9:3:", "hybrid_override_pattern", "letter 1 is byte 0x1B"),
    CASE("nemotron_long_pattern.json", mk_edit, "line 9:3:", "hybrid_override_pattern", "expected 2 letters", "found 10"),
    CASE("nemotron_pattern_array.json", mk_edit, "line 9:3:", "hybrid_override_pattern", "expected a string",
         "found an array"),
    CASE("nemotron_short_pattern.json", mk_edit, "line 9:3:", "hybrid_override_pattern", "expected 2 letters"),
    CASE("layer_types_short.json", mk_edit, "line 9:3:", "layer_types", "expected 2 entries", "found 1"),
    CASE("layer_types_unknown.json", mk_edit, "line 9:3:", "layer_types[1]", "sliding_attention", "found string"),
    CASE("layer_types_numbers.json", mk_edit, "line 9:3:", "layer_types[0]", "found 1"),
    CASE("compress_ratios_bad.json", mk_edit, "line 9:3:", "compress_ratios[1]", "ratio from 0 to 1,048,576", "found string"),
    CASE("compress_ratios_short.json", mk_edit, "line 9:3:", "compress_ratios", "one entry per layer"),
    CASE("block_configs_numbers.json", mk_edit, "line 9:3:", "block_configs[0]", "attention and ffn", "found 1"),
    CASE("block_configs_bad_group.json", mk_edit, "line 9:3:", "block_configs[0]", "n_heads_in_group", "found 3"),
    CASE("block_configs_no_group.json", mk_edit, "line 9:3:", "block_configs[0]", "n_heads_in_group", "found no value"),
    CASE("openelm_heads_short.json", mk_edit, "line 9:3:", "num_query_heads", "expected 2 entries"),
    CASE("no_rope_layers_bad.json", mk_edit, "line 9:3:", "no_rope_layers[1]", "0 or 1", "found string"),
    CASE("mlp_layer_types_bad.json", mk_edit, "line 9:3:", "mlp_layer_types[1]", "\"sparse\"", "found string"),
    CASE("hybrid_layer_pattern_short.json", mk_edit, "line 9:3:", "hybrid_layer_pattern", "expected 2 entries"),
    CASE("full_attn_idxs_out_of_range.json", mk_edit, "line 9:3:", "full_attn_idxs[0]", "below num_hidden_layers"),
    CASE("rope_factor_zero.json", mk_edit, "line 9:38:", "rope_scaling.factor", "positive finite factor, found 0"),
    CASE("rope_factor_nan.json", mk_edit, "line 9:38:", "rope_scaling.factor", "positive finite factor, found 0"),
    CASE("rope_factor_infinity.json", mk_edit, "line 9:36:", "rope_scaling.factor", "positive finite factor, found 1e+308"),
    CASE("rope_factor_negative.json", mk_edit, "line 9:38:", "rope_scaling.factor", "non-negative number, found -2"),
    CASE("rope_orig_ctx_zero.json", mk_edit, "line 9:49:", "rope_scaling.original_max_position_embeddings",
         "positive context length, found 0"),
    CASE("rope_beta_inverted.json", mk_edit, "line 9:49:", "rope_scaling.beta_fast", "1 is below beta_slow 32"),
    CASE("rope_long_factor_string.json", mk_edit, "line 9:40:", "rope_scaling.long_factor[1]", "positive finite factor",
         "found string"),
    CASE("rope_short_factor_zero.json", mk_edit, "line 9:63:", "rope_scaling.short_factor[1]", "found 0"),
    CASE("rope_long_factor_object.json", mk_edit, "line 9:40:", "rope_scaling.long_factor", "per-pair factors",
         "found an object"),
    CASE("rope_long_factor_300.json", mk_long_factors, "line 9:40:", "rope_scaling.long_factor",
         "300 factors (expected at most 256"),
    CASE("rope_type_number.json", mk_edit, "line 9:20:", "rope_scaling.type", "expected a string, found 5"),
    CASE("rope_scaling_array.json", mk_edit, "line 9:3:", "rope_scaling", "an object or null, found an array"),
    CASE("ds4_hc_mult_zero.json", mk_edit, "line 9:3:", "hc_mult", "0 residual streams (expected 1 to 64)"),
    CASE("ds4_hc_mult_huge.json", mk_edit, "line 9:3:", "hc_mult", "1000000 residual streams (expected 1 to 64)"),
    CASE("ds4_hash_layers_above.json", mk_edit, "line 9:3:", "num_hash_layers", "3 hash layers but 2 layers"),
    CASE("ds4_compress_mtp_negative.json", mk_edit, "line 10:3:", "compress_ratios[2]", "found -4"),
    CASE("ds4_compress_huge.json", mk_edit, "line 9:3:", "compress_ratios[1]", "ratio from 0 to 1,048,576",
         "found 2000000"),
    CASE("ds4_compress_fraction.json", mk_edit, "line 9:3:", "compress_ratios[1]", "found 4.5"),
    CASE("ds4_compress_null_entry.json", mk_edit, "line 9:3:", "compress_ratios[0]", "found null"),
    CASE("nextn_511.json", mk_edit, "line 9:3:", "num_nextn_predict_layers", "511 modules after 2 layers",
         "at most 512 layers in all"),
    CASE("nextn_1e12.json", mk_edit, "line 9:3:", "num_nextn_predict_layers", "1000000000000 modules after 2 layers"),
    CASE("nextn_negative.json", mk_edit, "line 9:3:", "num_nextn_predict_layers", "non-negative integer, found -1"),
    CASE("audio_channels_three.json", mk_edit, "line 9:50:", "audio_config.subsampling_conv_channels",
         "expected 2 entries, found 3 ([channels of conv 0, of conv 1])"),
    CASE("audio_channels_tiny.json", mk_edit, "line 9:50:", "audio_config.subsampling_conv_channels[1]",
         "channel count from 4 to 65,536", "found 2"),
    CASE("audio_channels_string.json", mk_edit, "line 9:50:", "audio_config.subsampling_conv_channels", "found string"),
    CASE("audio_layers_huge.json", mk_edit, "line 9:50:", "audio_config.num_hidden_layers", "100000 is too large (expected at most 512)"),
    CASE("audio_hidden_string.json", mk_edit, "line 9:50:", "audio_config.hidden_size", "found string"),
    CASE("audio_hidden_huge.json", mk_edit, "line 9:50:", "audio_config.hidden_size", "found 1000000000000000"),
    CASE("audio_chunk_absurd.json", mk_edit, "line 9:50:", "audio_config.attention_chunk_size",
         "1000000000000 is too large (expected at most 1,048,576)"),
    CASE("audio_kernel_huge.json", mk_edit, "line 9:50:", "audio_config.conv_kernel_size", "5000 is too large (expected at most 4,096)"),
    CASE("audio_context_negative.json", mk_edit, "line 9:50:", "audio_config.attention_context_left", "found -13"),
    CASE("audio_config_array.json", mk_edit, "line 9:3:", "audio_config", "an object or null, found an array"),
    CASE("audio_config_string.json", mk_edit, "line 9:3:", "audio_config", "an object or null, found string"),
    CASE("bomb_objects.json", mk_bomb_objects, "line 1:10241:", "maximum parsing depth"),
    CASE("not_utf8.json", mk_not_utf8, "line 2:19:", "unable to decode byte 0xff"),
    CASE("nul_byte.json", mk_nul_byte, "line 2:19:", "control character 0x0"),
    CASE("not_object.json", mk_not_object, "line 1:1:", "not an object"),
    CASE("truncated.json", mk_truncated, "line 2:20:", "premature end of input"),
    CASE("duplicate_key.json", mk_duplicate, "line 3:15:", "duplicate object key"),
    CASE("empty.json", mk_empty, "line 1:0:", "expected near end of file"),
    CASE("integer_15mb.json", mk_integer_15mb, "line 1:15000016:", "too big integer"),
    CASE("number_1gb.json", mk_number_1gb, "offset 16777216:", "file too large", "16 MB"),
};
#define N_CASES (sizeof CASES / sizeof CASES[0])

static lx_status read_config(const char *path, lx_err *err)
{
    lx_hparams hp;
    return lx_hfconfig_load(path, &hp, err);
}

static int build_cases(void **state)
{
    (void)state;
    lx_hx_build_all(CASES, N_CASES, HX_DIR);
    return 0;
}

/* The 1 GiB file is made for this run only. */
static int remove_big(void **state)
{
    (void)state;
    remove(HX_DIR "/number_1gb.json");
    return 0;
}

static void test_every_edit_has_a_case(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_EDITS; i++) {
        size_t k = 0;
        while (k < N_CASES && strcmp(CASES[k].name, EDITS[i].name) != 0) k++;
        if (k == N_CASES) fail_msg("edit %s has no case", EDITS[i].name);
    }
    struct stat st;
    assert_int_equal(stat(HX_DIR "/number_1gb.json", &st), 0);
    assert_int_equal((uint64_t)st.st_size, GIB + 18);
}

static void test_reader_refuses_every_case(void **state)
{
    (void)state;
    lx_hx_expect_readers(CASES, N_CASES, HX_DIR, read_config);
}

static void test_cli_fails_cleanly(void **state)
{
    (void)state;
    lx_hx_expect_clis(LX_BINARY, CASES, N_CASES, HX_DIR, 0);
}

/* Memory bound (ulimit -v); skipped under AddressSanitizer (see hostile.h). The 1 GiB number
 * and the 15 MB integer are the ones that matter. */
static void test_cli_under_memory_cap(void **state)
{
    (void)state;
    if (lx_hx_sanitized()) skip();
    lx_hx_expect_clis(LX_BINARY, CASES, N_CASES, HX_DIR, LX_HX_MEM_CAP);
}

/* A rope_theta far beyond 2^64 (found by fuzz_config: converting it to an integer for the text
 * summary is undefined behaviour, and printed "theta 0"). Either the config is refused with a
 * clean one-line error at the key, or `info` reports the value it read, within 1 %. */
static void test_huge_rope_theta_is_reported_faithfully(void **state)
{
    (void)state;
    const char *path = HX_DIR "/rope_theta_1e69.json";
    assert_true(lx_hx_write_text(path, "{\n  \"model_type\": \"llama\",\n  \"hidden_size\": 64,\n  \"num_hidden_layers\": 2,\n"
                                       "  \"num_attention_heads\": 4,\n  \"intermediate_size\": 128,\n  \"vocab_size\": 100,\n"
                                       "  \"rope_theta\": 1.0222e69\n}\n"));
    const char *argv[] = { LX_BINARY, "info", path, NULL };
    lx_hx_run r;
    assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
    char out[8192];
    snprintf(out, sizeof out, "%s", r.out ? r.out : "");
    int code = r.code;
    if (code != 0) {
        const char *words[] = { "line 8:3:", "rope_theta", NULL };
        lx_hx_expect_clean_failure(&r, 1, path, words);
    }
    lx_hx_run_free(&r);
    if (code != 0) return;
    const char *t = strstr(out, "theta ");
    assert_non_null(t);
    char num[64];
    size_t k = 0;
    for (t += 6; *t && *t != ' ' && k + 1 < sizeof num; t++)
        if (*t != ',') num[k++] = *t;
    num[k] = '\0';
    double v = strtod(num, NULL);
    if (!(v > 1.0222e69 * 0.99 && v < 1.0222e69 * 1.01)) fail_msg("info reports theta \"%s\" for 1.0222e69", num);
}

/* quantization_config (model/quant): what llmxray cannot size is said, once, in a warning
 * naming why, and the bytes stay the unquantized ones; what it can is labelled with the
 * width declared (a 3-bit GPTQ is not "int4"). `info` exits 0 either way. */
#define QGROUP(bits) "{\"targets\": [\"Linear\"], \"weights\": {\"num_bits\": " #bits ", \"type\": \"int\", \"group_size\": 128}}"
static const struct { const char *name, *quant, *line2, *warning; } QUANTS[] = {
    { "quant_unknown.json", "{\"quant_method\": \"zzz\"}", "BF16 · 16.00 bits/weight",
      "its quantization_config (quant_method \"zzz\" is not one llmxray knows) is not one llmxray can size" },
    { "quant_method_number.json", "{\"quant_method\": 5}", "BF16 · 16.00 bits/weight",
      "(quant_method \"\" is not one llmxray knows)" },
    { "quant_gptq_bits0.json", "{\"quant_method\": \"gptq\", \"bits\": 0, \"group_size\": 128}", "BF16",
      "(gptq with 0-bit weights (expected 2 to 8))" },
    { "quant_gptq_bits_string.json", "{\"quant_method\": \"gptq\", \"bits\": \"4\"}", "BF16",
      "(gptq with 0-bit weights (expected 2 to 8))" },
    { "quant_gptq_bits99.json", "{\"quant_method\": \"gptq\", \"bits\": 99}", "BF16", "(gptq with 99-bit weights" },
    { "quant_gptq_bits3.json", "{\"quant_method\": \"gptq\", \"bits\": 3, \"group_size\": 128}",
      "86,848 parameters · GPTQ int3 (gptq) · 5.57 bits/weight", NULL },
    { "quant_groups_empty.json", "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {}}", "BF16",
      "(compressed-tensors) is not one llmxray can size" },
    { "quant_groups_bits0.json", "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"g\": " QGROUP(0) "}}",
      "BF16", "(a config group of 0-bit int weights)" },
    { "quant_groups_bits_huge.json",
      "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"g\": " QGROUP(1099511627776) "}}", "BF16",
      "(a config group of 1099511627776-bit int weights)" },
    { "quant_groups_int6.json", "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"g\": " QGROUP(6) "}}",
      "int6 (compressed-tensors) · 7.72 bits/weight", NULL },
    { "quant_groups_five.json",
      "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"a\": " QGROUP(4) ", \"b\": " QGROUP(4) ", \"c\": "
      QGROUP(4) ", \"d\": " QGROUP(8) ", \"e\": " QGROUP(8) "}}", "BF16", "(more than 4 config groups)" },
    { "quant_not_object.json", "[1]", "BF16 · 16.00 bits/weight", NULL },
};

static void test_quant_configs_labelled_or_warned(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof QUANTS / sizeof QUANTS[0]; i++) {
        char path[512], text[4096];
        snprintf(path, sizeof path, HX_DIR "/%s", QUANTS[i].name);
        snprintf(text, sizeof text, "{\n  \"model_type\": \"llama\",\n  \"hidden_size\": 64,\n  \"num_hidden_layers\": 2,\n"
                 "  \"num_attention_heads\": 4,\n  \"num_key_value_heads\": 2,\n  \"intermediate_size\": 128,\n"
                 "  \"vocab_size\": 100,\n  \"quantization_config\": %s\n}\n", QUANTS[i].quant);
        assert_true(lx_hx_write_text(path, text));
        const char *argv[] = { LX_BINARY, "info", path, NULL };
        lx_hx_run r;
        assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
        int code = r.code;
        bool line2 = r.out && strstr(r.out, QUANTS[i].line2), warned = r.out && strstr(r.out, "quantization_config (");
        bool why = QUANTS[i].warning && r.out && strstr(r.out, QUANTS[i].warning);
        if (code != 0 || !line2 || (QUANTS[i].warning ? !why : warned))
            fail_msg("%s: exit %d, stdout %.600s; stderr %s", QUANTS[i].name, code, r.out ? r.out : "", r.err ? r.err : "");
        lx_hx_run_free(&r);
    }
}

/* `run` on a folder reads its config.json the same way: a rope_scaling no scaling can use is
 * the same one line, exit 1, before any weight is looked for. */
static void test_run_refuses_hostile_rope_scaling(void **state)
{
    (void)state;
    static const struct { const char *name, *words[3]; } RUNS[] = {
        { "rope_factor_zero.json", { "line 9:38:", "rope_scaling.factor: expected a positive finite factor, found 0" } },
        { "rope_beta_inverted.json", { "line 9:49:", "rope_scaling.beta_fast: 1 is below beta_slow 32" } },
        { "rope_long_factor_string.json", { "line 9:40:", "rope_scaling.long_factor[1]" } },
    };
    for (size_t i = 0; i < sizeof RUNS / sizeof RUNS[0]; i++) {
        char src[512], dir[512], cfg[600];
        snprintf(src, sizeof src, HX_DIR "/%s", RUNS[i].name);
        snprintf(dir, sizeof dir, HX_DIR "/run_%s.d", RUNS[i].name);
        snprintf(cfg, sizeof cfg, "%s/config.json", dir);
        size_t n;
        char *text = lx_hx_slurp(src, &n);
        assert_non_null(text);
        assert_true(lx_hx_mkdirs(dir) && lx_hx_write_text(cfg, text));
        free(text);
        const char *argv[] = { LX_BINARY, "run", dir, "-p", "hi", NULL };
        lx_hx_run r;
        assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
        const char *words[] = { RUNS[i].words[0], RUNS[i].words[1], NULL };
        lx_hx_expect_clean_failure(&r, 1, cfg, words);
        lx_hx_run_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_edit_has_a_case),
        cmocka_unit_test(test_reader_refuses_every_case),
        cmocka_unit_test(test_cli_fails_cleanly),
        cmocka_unit_test(test_cli_under_memory_cap),
        cmocka_unit_test(test_huge_rope_theta_is_reported_faithfully),
        cmocka_unit_test(test_quant_configs_labelled_or_warned),
        cmocka_unit_test(test_run_refuses_hostile_rope_scaling),
    };
    return cmocka_run_group_tests(tests, build_cases, remove_big);
}
