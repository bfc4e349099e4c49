/* model/hp_config — see hp_config.h.
 *
 * Pipeline: read/jsoncfg parses the text -> the family record is found (model_type, else
 * the architectures list) and the scope moves into a nested text model -> every field is
 * read through its aliases (the config's spelling first; the family defaults only when no
 * alias is present) -> the record's hook reads what only that family declares -> the
 * per-layer pattern (layer_types) -> derived values and consistency checks.
 */
#include "model/hp_config.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/families/family.h"
#include "model/hp_tower.h"
#include "read/jsoncfg.h"
#include "util/buf.h"
#include "util/text.h"

/* ---------------------------------------------------------------- fields and their aliases */

typedef struct u64_field {
    size_t off;
    const char *keys[6];
    bool positive;
} u64_field;

#define HP(f) offsetof(lx_hparams, f)

static const u64_field U64_FIELDS[] = {
    {HP(d_model), {"hidden_size", "n_embd", "d_model", "n_embed", "dim", "model_dim"}, true},
    {HP(n_layers), {"num_hidden_layers", "n_layer", "num_layers", "n_layers", "num_transformer_layers"}, true},
    {HP(n_heads), {"num_attention_heads", "n_head", "num_heads", "n_heads"}, true},
    {HP(n_kv_heads), {"num_key_value_heads", "num_kv_heads", "n_head_kv", "multi_query_group_num", "n_kv_heads"}, true},
    {HP(head_dim), {"head_dim", "d_kv", "kv_channels", "head_size"}, true},
    {HP(d_ff), {"intermediate_size", "n_inner", "d_ff", "ffn_hidden_size", "ffn_dim", "inner_hidden_size"}, true},
    {HP(vocab_size), {"vocab_size", "padded_vocab_size", "n_vocab"}, true},
    {HP(context_length), {"max_position_embeddings", "n_positions", "max_sequence_length", "seq_length",
                          "max_seq_len", "model_max_length"}, false},
    {HP(sliding_window), {"sliding_window"}, false},
    {HP(q_lora_rank), {"q_lora_rank"}, false},
    {HP(kv_lora_rank), {"kv_lora_rank"}, false},
    {HP(qk_rope_head_dim), {"qk_rope_head_dim"}, false},
    {HP(qk_nope_head_dim), {"qk_nope_head_dim"}, false},
    {HP(v_head_dim), {"v_head_dim"}, false},
    {HP(n_experts), {"num_local_experts", "n_routed_experts", "num_experts", "moe_num_experts"}, false},
    {HP(n_experts_used), {"num_experts_per_tok", "experts_per_token", "moe_top_k", "num_experts_per_token",
                          "top_k_experts"}, false},
    {HP(n_shared_experts), {"n_shared_experts", "num_shared_experts"}, false},
    {HP(d_expert), {"moe_intermediate_size", "expert_intermediate_size"}, false},
    {HP(d_shared_expert), {"shared_expert_intermediate_size"}, false},
    {HP(n_dense_prefix), {"first_k_dense_replace", "num_dense_layers"}, false},
    {HP(n_token_types), {"type_vocab_size"}, false},
    {HP(n_dec_layers), {"num_decoder_layers", "decoder_layers"}, false},
    {HP(rel_attn_buckets), {"relative_attention_num_buckets"}, false},
    {HP(rel_attn_max_dist), {"relative_attention_max_distance"}, false},
    {HP(n_nextn_layers), {"num_nextn_predict_layers", "num_mtp_layers", "mtp_num_hidden_layers"}, false},
    {HP(chunk_size), {"attention_chunk_size"}, false},
    {HP(lin_k_heads), {"linear_num_key_heads"}, false},
    {HP(lin_v_heads), {"linear_num_value_heads"}, false},
    {HP(lin_k_dim), {"linear_key_head_dim"}, false},
    {HP(lin_v_dim), {"linear_value_head_dim"}, false},
    {HP(lin_conv), {"linear_conv_kernel_dim"}, false},
    {HP(ssm_d_state), {"ssm_state_size", "mamba_d_state", "state_size", "d_state"}, false},
    {HP(ssm_groups), {"n_groups", "mamba_n_groups"}, false},
    {HP(ssm_heads), {"mamba_num_heads", "mamba_n_heads"}, false},
    {HP(ssm_d_inner), {"intermediate_size_ssm"}, false},
    {HP(ssm_conv), {"conv_kernel", "mamba_d_conv", "d_conv"}, false},
    {HP(conv_kernel), {"conv_L_cache"}, false},
    {HP(n_kv_shared_layers), {"num_kv_shared_layers"}, false},
    {HP(ple_dim), {"hidden_size_per_layer_input"}, false},
    {HP(ple_vocab), {"vocab_size_per_layer_input"}, false},
    {HP(head_dim_global), {"global_head_dim"}, false},
    {HP(n_kv_heads_global), {"num_global_key_value_heads"}, false},
    {HP(idx_heads), {"index_n_heads"}, false},
    {HP(idx_head_dim), {"index_head_dim"}, false},
    {HP(moe_latent), {"moe_latent_size"}, false},
    {HP(o_groups), {"o_groups"}, false},
    {HP(o_lora_rank), {"o_lora_rank"}, false},
    {HP(hc_mult), {"hc_mult"}, false},
    {HP(n_hash_layers), {"num_hash_layers"}, false},
};

static const u64_field *field_of(const char *key)
{
    for (size_t i = 0; i < sizeof U64_FIELDS / sizeof U64_FIELDS[0]; i++)
        for (int k = 0; k < 6 && U64_FIELDS[i].keys[k]; k++)
            if (strcmp(U64_FIELDS[i].keys[k], key) == 0) return &U64_FIELDS[i];
    return NULL;
}

/* The spelling of key's field this config uses: key itself when present, else the first
 * alias present (n_layer for num_hidden_layers), else key. */
static const char *spelled(const lx_jcfg *j, const char *key)
{
    const u64_field *f = field_of(key);
    if (!f || lx_jcfg_has(j, key)) return key;
    for (int k = 0; k < 6 && f->keys[k]; k++)
        if (lx_jcfg_has(j, f->keys[k])) return f->keys[k];
    return key;
}

/* The config's own keys first, over every alias; the defaults only when none is there (so
 * falcon-40b's n_head 128 beats the falcon-7b default of num_attention_heads 71). */
static bool per_layer_key(const lx_family *fam, const lx_jcfg *j, const char *key)
{
    for (const char *const *k = fam ? fam->layer_keys : NULL; k && *k; k++)
        if (strcmp(*k, key) == 0) return json_is_array(json_object_get(j->cfg, key));
    return false;
}

static void read_counts(lx_jcfg *j, lx_hparams *hp, const lx_family *fam)
{
    for (size_t i = 0; i < sizeof U64_FIELDS / sizeof U64_FIELDS[0]; i++) {
        const u64_field *f = &U64_FIELDS[i];
        uint64_t *dst = (uint64_t *)((char *)hp + f->off);
        bool own = false;
        for (int k = 0; k < 6 && f->keys[k] && !own; k++)
            if (lx_jcfg_has(j, f->keys[k])) {
                own = true;
                if (!per_layer_key(fam, j, f->keys[k])) lx_jcfg_u64(j, f->keys[k], dst, f->positive);
            }
        for (int k = 0; k < 6 && f->keys[k] && !own; k++)
            if (lx_jcfg_u64(j, f->keys[k], dst, f->positive)) break;
    }
}

static const char *const ACT_KEYS[] = {"hidden_activation", "hidden_act", "activation_function", "activation",
                                       "dense_act_fn"};
static const char *const EPS_KEYS[] = {"rms_norm_eps", "layer_norm_epsilon", "layer_norm_eps", "norm_epsilon",
                                       "layernorm_epsilon"};

/* A list of per-pair factors (longrope's long_factor, short_factor) into out; *n stays 0 when
 * absent or null. Elements that are not positive finite numbers, or more than
 * LX_MAX_ROPE_FACTORS of them, are an error naming the key (and element). */
static void read_factors(lx_jcfg *sub, const char *key, float *out, uint32_t *n)
{
    json_t *a = lx_jcfg_array(sub, key, 0, "an array of per-pair factors"), *v;
    size_t i;
    if (!a) return;
    if (json_array_size(a) > LX_MAX_ROPE_FACTORS) {
        char what[96];
        snprintf(what, sizeof what, "%zu factors (expected at most %d, one per rotated pair)", json_array_size(a),
                 LX_MAX_ROPE_FACTORS);
        lx_jcfg_key_error(sub, key, what);
        return;
    }
    json_array_foreach(a, i, v) {
        if (!json_is_number(v) || !(json_number_value(v) > 0) || json_number_value(v) > 1e30) {
            lx_jcfg_elem_error(sub, key, i, "a positive finite factor", v);
            return;
        }
        out[i] = (float)json_number_value(v);
    }
    *n = (uint32_t)json_array_size(a);
}

/* The scaling numbers every type divides or ramps by: a factor that is positive and finite
 * (NaN reads as 0, Infinity as 1e308), an original context that is not 0, beta_fast not below
 * beta_slow (yarn's ramp runs from the fast rotations to the slow ones). */
static void check_rope_object(lx_jcfg *sub, const lx_hparams *hp)
{
    json_t *f = lx_jcfg_get(sub, "factor"), *o = lx_jcfg_get(sub, "original_max_position_embeddings");
    if (lx_err_failed(sub->err)) return;
    if (f && !(json_number_value(f) > 0 && json_number_value(f) < 1e300))
        lx_jcfg_type_error(sub, "factor", "a positive finite factor", f);
    else if (o && json_number_value(o) == 0)
        lx_jcfg_type_error(sub, "original_max_position_embeddings", "a positive context length", o);
    else if (lx_jcfg_get(sub, "beta_fast") && lx_jcfg_get(sub, "beta_slow") && hp->rope_beta_fast < hp->rope_beta_slow) {
        char what[128];
        snprintf(what, sizeof what, "%g is below beta_slow %g (expected beta_fast >= beta_slow)", hp->rope_beta_fast,
                 hp->rope_beta_slow);
        lx_jcfg_key_error(sub, "beta_fast", what);
    }
}

static void read_rope_object(lx_jcfg *j, lx_hparams *hp, const char *key)
{
    lx_jcfg sub;
    if (!lx_jcfg_sub(j, key, &sub)) return;
    const char *type = lx_jcfg_str(&sub, "rope_type");
    if (!type) type = lx_jcfg_str(&sub, "type");
    if (type && strcmp(type, "default") != 0) lx_fam_copy(hp->rope_scaling, sizeof hp->rope_scaling, type);
    lx_jcfg_f64(&sub, "factor", &hp->rope_factor);
    lx_jcfg_u64(&sub, "original_max_position_embeddings", &hp->rope_orig_ctx, false);
    lx_jcfg_f64(&sub, "low_freq_factor", &hp->rope_low_freq);
    lx_jcfg_f64(&sub, "high_freq_factor", &hp->rope_high_freq);
    lx_jcfg_f64(&sub, "beta_fast", &hp->rope_beta_fast);
    lx_jcfg_f64(&sub, "beta_slow", &hp->rope_beta_slow);
    lx_jcfg_f64(&sub, "attention_factor", &hp->rope_attn_factor);
    lx_jcfg_f64(&sub, "mscale", &hp->rope_mscale);
    lx_jcfg_f64(&sub, "mscale_all_dim", &hp->rope_mscale_all_dim);
    read_factors(&sub, "long_factor", hp->rope_long, &hp->n_rope_long);
    read_factors(&sub, "short_factor", hp->rope_short, &hp->n_rope_short);
    check_rope_object(&sub, hp);
    lx_jcfg_f64(&sub, "rope_theta", &hp->rope_theta); /* transformers >= 4.56 "rope_parameters" */
    lx_jcfg_f64(&sub, "partial_rotary_factor", &hp->rope_partial_frac);
}

static void read_scalars(lx_fam_cfg *c)
{
    lx_jcfg *j = c->j;
    lx_hparams *hp = c->hp;
    if (!lx_jcfg_f64(j, "rope_theta", &hp->rope_theta)) lx_jcfg_f64(j, "rotary_emb_base", &hp->rope_theta);
    for (size_t i = 0; i < sizeof EPS_KEYS / sizeof EPS_KEYS[0]; i++)
        if (lx_jcfg_f64(j, EPS_KEYS[i], &hp->norm_eps)) break;
    lx_jcfg_f64(j, "attn_logit_softcapping", &hp->attn_softcap);
    lx_jcfg_f64(j, "final_logit_softcapping", &hp->final_softcap);
    lx_jcfg_u64(j, "original_max_position_embeddings", &hp->rope_orig_ctx, false); /* Phi-3 keeps it here */
    read_rope_object(j, hp, "rope_scaling");
    read_rope_object(j, hp, "rope_parameters");
    for (size_t i = 0; i < sizeof ACT_KEYS / sizeof ACT_KEYS[0]; i++) {
        const char *a = lx_jcfg_get(j, ACT_KEYS[i]) && json_is_string(lx_jcfg_get(j, ACT_KEYS[i]))
                            ? lx_jcfg_str(j, ACT_KEYS[i]) : NULL;
        if (a) { lx_fam_copy(hp->activation, sizeof hp->activation, a); break; }
    }
    bool b;
    if (lx_jcfg_bool(j, "attention_bias", &b)) hp->attn_bias = lx_fam_tri(b);
    if (lx_jcfg_bool(j, "mlp_bias", &b)) hp->ffn_bias = lx_fam_tri(b);
    if (lx_jcfg_bool(j, "tie_word_embeddings", &b)) hp->tied = lx_fam_tri(b);
    lx_jcfg_f64(j, "partial_rotary_factor", &c->rotary_frac);
    if (!c->rotary_frac && hp->rope_partial_frac) c->rotary_frac = hp->rope_partial_frac;
}

/* torch_dtype (or the newer "dtype") from the text config, else from the top level. */
static void read_dtype(lx_jcfg *j, lx_hparams *hp)
{
    const char *keys[] = {"torch_dtype", "dtype"};
    json_t *objs[] = {j->cfg, j->root};
    for (int o = 0; o < 2; o++)
        for (int k = 0; k < 2; k++) {
            json_t *v = json_object_get(objs[o], keys[k]);
            if (v && json_is_string(v)) {
                lx_fam_copy(hp->torch_dtype, sizeof hp->torch_dtype, json_string_value(v));
                return;
            }
        }
}

/* ---------------------------------------------------------------- layer_types */

static const struct { const char *name; int mixer; uint32_t bits; } LAYER_TYPES[] = {
    {"sliding_attention", LX_MIX_ATTN, LX_LAYER_SLIDING}, {"full_attention", LX_MIX_ATTN, 0},
    {"chunked_attention", LX_MIX_ATTN, LX_LAYER_CHUNKED}, {"attention", LX_MIX_ATTN, 0},
    {"linear_attention", -1, 0}, {"conv", LX_MIX_CONV, 0}, {"mamba", LX_MIX_MAMBA2, 0},
    {"mamba2", LX_MIX_MAMBA2, 0},
};

/* layer_types wins over every family rule when declared. */
static void read_layer_types(lx_fam_cfg *c, const lx_family *f)
{
    lx_hparams *hp = c->hp;
    /* layer_types may also list the multi-token-prediction layers after the model's (Step 3.5) */
    json_t *lt = json_object_get(c->j->cfg, "layer_types");
    size_t want = (size_t)hp->n_layers;
    if (json_is_array(lt) && hp->n_nextn_layers && json_array_size(lt) == want + hp->n_nextn_layers)
        want = json_array_size(lt);
    json_t *a = lx_jcfg_array(c->j, "layer_types", want, "an array of strings, one per layer");
    for (size_t i = 0; a && i < json_array_size(a) && i < want && i < LX_MAX_LAYERS; i++) {
        json_t *s = json_array_get(a, i);
        size_t k = 0;
        while (k < sizeof LAYER_TYPES / sizeof LAYER_TYPES[0] && json_is_string(s) &&
               strcmp(json_string_value(s), LAYER_TYPES[k].name) != 0)
            k++;
        if (!json_is_string(s) || k == sizeof LAYER_TYPES / sizeof LAYER_TYPES[0]) {
            lx_jcfg_elem_error(c->j, "layer_types", i, "full_attention, sliding_attention, chunked_attention, "
                               "linear_attention, conv or mamba", s);
            return;
        }
        hp->layer_bits[i] &= ~(uint32_t)(LX_LAYER_SLIDING | LX_LAYER_CHUNKED);
        hp->layer_bits[i] |= LAYER_TYPES[k].bits;
        int mixer = LAYER_TYPES[k].mixer;
        hp->mixer[i] = (uint8_t)(mixer >= 0 ? mixer : f && f->linear_mixer ? (int)f->linear_mixer : (int)LX_MIX_GDN);
    }
    if (a) hp->has_layer_bits = true;
    if (a && want > hp->n_layers) hp->mtp_layers_given = true;
}

/* ---------------------------------------------------------------- family and scope */

static const char *const NESTS[] = {"text_config", "llm_config", "language_config", "text_model_config"};

/* model_type in obj is a string or null when present. */
static bool model_type_ok(lx_jcfg *j)
{
    json_t *v = json_object_get(j->cfg, "model_type");
    if (!v || json_is_null(v) || json_is_string(v)) return true;
    lx_jcfg_type_error(j, "model_type", "a string", v);
    return false;
}

static const lx_family *family_of(const char *mt, json_t *archs)
{
    const lx_family *f = mt ? lx_family_by_hf_type(mt) : NULL;
    for (size_t i = 0; !f && i < json_array_size(archs); i++)
        f = lx_family_by_hf_class(json_string_value(json_array_get(archs, i)));
    return f;
}

/* The record, with the scope moved into a nested text model when there is one. */
static const lx_family *pick_family(lx_jcfg *j, lx_hparams *hp)
{
    if (!model_type_ok(j)) return NULL;
    const char *mt = json_string_value(json_object_get(j->root, "model_type"));
    json_t *archs = json_object_get(j->root, "architectures");
    const lx_family *outer = family_of(mt, json_is_array(archs) ? archs : NULL);
    for (size_t i = 0; i < sizeof NESTS / sizeof NESTS[0]; i++) {
        json_t *n = json_object_get(j->root, NESTS[i]);
        /* a nested text model holds its own sizes; one naming only its type (Fuyu) does not */
        bool sized = json_is_object(n) && (json_object_get(n, "hidden_size") || json_object_get(n, "d_model") ||
                                          json_object_get(n, "num_hidden_layers") || json_object_get(n, "n_embd"));
        if (sized && lx_jcfg_enter(j, NESTS[i])) break;
    }
    if (!model_type_ok(j)) return NULL;
    const char *inner = j->cfg != j->root ? json_string_value(json_object_get(j->cfg, "model_type")) : NULL;
    bool wrapper = !outer; /* a wrapper whose own type no record knows: its text model's type decides */
    json_t *inner_archs = j->cfg != j->root ? json_object_get(j->cfg, "architectures") : NULL;
    const lx_family *in = inner || inner_archs ? family_of(inner, json_is_array(inner_archs) ? inner_archs : NULL) : NULL;
    if (!mt && !inner && !json_array_size(archs)) {
        const lx_family *d = lx_family_detect(j);
        if (d) {
            lx_fam_copy(hp->arch_raw, sizeof hp->arch_raw, d->hf_types ? d->hf_types[0] : d->name);
            return d;
        }
        lx_err_set(j->err, LX_ERR_MODEL, "%s: no model_type and no known architectures entry "
                   "(expected a Hugging Face config.json)", j->path);
        return NULL;
    }
    const char *raw = mt ? mt : inner ? inner : json_string_value(json_array_get(archs, 0));
    lx_fam_copy(hp->arch_raw, sizeof hp->arch_raw, raw ? raw : "");
    if (in && inner && (wrapper || strcmp(in->name, outer->name) != 0) && !(outer && outer->build)) return in;
    return outer ? outer : in;
}

static void apply_family(lx_jcfg *j, lx_hparams *hp, const lx_family *f)
{
    if (!f) { /* unknown: keep the declared name, read the common keys */
        lx_fam_copy(hp->family, sizeof hp->family, hp->arch_raw);
        return;
    }
    lx_fam_copy(hp->family, sizeof hp->family, f->name);
    lx_fam_copy(hp->position, sizeof hp->position, f->position);
    lx_fam_copy(hp->norm, sizeof hp->norm, f->norm);
    hp->gated = f->gated;
    hp->qk_norm = f->qk_norm;
    lx_jcfg_set_defaults(j, f->defaults);
}

/* A Hugging Face cache snapshot folder: 40 hex digits. */
static bool is_commit(const char *s, size_t n)
{
    if (n != 40) return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdef", s[i])) return false;
    return true;
}

/* The name of the folder holding PATH's config.json, or false: "Qwen2.5-7B" for
 * Qwen2.5-7B/config.json; "Qwen2.5-7B" for the hub cache's
 * models--Qwen--Qwen2.5-7B/snapshots/<commit>/config.json (false for a cache folder with no
 * "--NAME"). Cut to hp->name at a character boundary; output escapes what is not text. */
static bool name_from_folder(lx_hparams *hp, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || strcmp(slash + 1, "config.json") != 0) return false;
    const char *seg[3][2] = {{0}}; /* folder, its parent, their parent: [start, end) */
    const char *end = slash;
    for (int k = 0; k < 3; k++) {
        while (end > path && end[-1] == '/') end--;
        const char *start = end;
        while (start > path && start[-1] != '/') start--;
        seg[k][0] = start, seg[k][1] = end;
        end = start;
    }
    size_t n = (size_t)(seg[0][1] - seg[0][0]);
    if (!n || (n == 1 && seg[0][0][0] == '.') || (n == 2 && !strncmp(seg[0][0], "..", 2))) return false;
    const char *cache = seg[2][0];
    size_t cn = (size_t)(seg[2][1] - cache);
    if (is_commit(seg[0][0], n) && cn >= 8 && !strncmp(cache, "models--", 8)) {
        const char *dash = NULL; /* models--ORG--NAME: NAME */
        for (const char *p = cache; p + 1 < seg[2][1]; p++)
            if (p[0] == '-' && p[1] == '-') dash = p;
        if (!dash || dash + 2 >= seg[2][1]) return false; /* "models--" without "--NAME": no name here */
        lx_text_copy(hp->name, sizeof hp->name, dash + 2, (size_t)(seg[2][1] - dash - 2));
        return true;
    }
    lx_text_copy(hp->name, sizeof hp->name, seg[0][0], n);
    return true;
}

/* The model's name: the folder it was downloaded into (its repository's name; the config's
 * _name_or_path is often a training run's folder, "open_instruct_dev", "rp_800b"), else
 * _name_or_path's last part, else the file's name. */
static void read_name(lx_jcfg *j, lx_hparams *hp)
{
    if (name_from_folder(hp, j->path)) return;
    const char *n = json_string_value(json_object_get(j->root, "_name_or_path"));
    if (n && *n) {
        const char *slash = strrchr(n, '/');
        lx_fam_copy(hp->name, sizeof hp->name, slash && slash[1] ? slash + 1 : n);
        return;
    }
    const char *slash = strrchr(j->path, '/');
    lx_fam_copy(hp->name, sizeof hp->name, slash ? slash + 1 : j->path);
}

/* ---------------------------------------------------------------- checks */

/* Run before any per-layer loop: the pattern array holds LX_MAX_LAYERS layers (the
 * multi-token-prediction modules after the main layers included). */
static void check_depth(lx_jcfg *j, const lx_hparams *hp)
{
    bool enc = hp->n_layers > LX_MAX_LAYERS;
    char what[160];
    if (!enc && hp->n_nextn_layers > LX_MAX_LAYERS - hp->n_layers) { /* MTP modules follow the layers */
        snprintf(what, sizeof what, "%llu modules after %llu layers (expected at most %d layers in all)",
                 (unsigned long long)hp->n_nextn_layers, (unsigned long long)hp->n_layers, LX_MAX_LAYERS);
        lx_jcfg_key_error(j, spelled(j, "num_nextn_predict_layers"), what);
        return;
    }
    if (!enc && hp->n_dec_layers <= LX_MAX_LAYERS) return;
    snprintf(what, sizeof what, "%llu layers (expected at most %d)",
             (unsigned long long)(enc ? hp->n_layers : hp->n_dec_layers), LX_MAX_LAYERS);
    lx_jcfg_key_error(j, spelled(j, enc ? "num_hidden_layers" : "num_decoder_layers"), what);
}

/* A count every later stage needs: an explicit null is named at its position; an absent
 * key has none to name. */
static void require(lx_jcfg *j, uint64_t v, const char *key)
{
    if (v || lx_err_failed(j->err)) return;
    const u64_field *f = field_of(key);
    char alts[200] = "";
    for (int k = 0; f && k < 6 && f->keys[k]; k++)
        snprintf(alts + strlen(alts), sizeof alts - strlen(alts), "%s%s", k ? ", " : "", f->keys[k]);
    key = spelled(j, key);
    if (lx_jcfg_is_null(j, key))
        lx_jcfg_pos_error(j, lx_jcfg_key_pos(j, key), "%s%s missing (found null; expected one of %s)", j->scope_name,
                          key, alts);
    else
        lx_err_set(j->err, LX_ERR_MODEL, "%s: %s%s missing (expected one of %s)", j->path, j->scope_name, key, alts);
}

static bool heads_vary(const lx_hparams *hp)
{
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++)
        if (hp->l_heads[i] || hp->l_kv_heads[i]) return true;
    return false;
}

/* Defaults that depend on other fields, then the checks every later stage relies on. */
static void resolve(lx_fam_cfg *c, bool attention_free)
{
    lx_jcfg *j = c->j;
    lx_hparams *hp = c->hp;
    require(j, hp->d_model, "hidden_size");
    require(j, hp->n_layers, "num_hidden_layers");
    if (!attention_free) require(j, hp->n_heads, "num_attention_heads");
    require(j, hp->vocab_size, "vocab_size");
    if (lx_err_failed(j->err) || attention_free) return;
    if (!hp->n_kv_heads) hp->n_kv_heads = hp->n_heads;
    if (!heads_vary(hp) && (hp->n_kv_heads > hp->n_heads || hp->n_heads % hp->n_kv_heads != 0)) {
        char what[128];
        snprintf(what, sizeof what, "%llu does not divide %llu attention heads (expected a divisor)",
                 (unsigned long long)hp->n_kv_heads, (unsigned long long)hp->n_heads);
        lx_jcfg_key_error(j, spelled(j, "num_key_value_heads"), what);
        return;
    }
    if (!hp->head_dim) {
        if (hp->d_model % hp->n_heads != 0) {
            lx_jcfg_key_error(j, spelled(j, "num_attention_heads"), "does not divide hidden_size and no head_dim is "
                              "given (expected head_dim)");
            return;
        }
        hp->head_dim = hp->d_model / hp->n_heads;
    }
    if (c->rotary_frac > 0 && c->rotary_frac < 1) hp->rope_dims = (uint64_t)(c->rotary_frac * (double)hp->head_dim);
    if (hp->n_experts_used > hp->n_experts) {
        lx_jcfg_key_error(j, spelled(j, "num_experts_per_tok"), "exceeds the number of experts (expected at most "
                          "that many)");
        return;
    }
    if (!hp->n_experts) { hp->n_experts_used = hp->n_shared_experts = hp->d_expert = hp->d_shared_expert = 0; }
    if (!hp->d_ff && !hp->n_experts) require(j, 0, "intermediate_size");
    if (!strcmp(hp->position, "rope") && !hp->rope_theta) hp->rope_theta = 10000;
}

/* True when no layer has softmax attention (Mamba, xLSTM): heads are then not required. */
static bool attention_free(const lx_hparams *hp)
{
    if (!hp->has_layer_bits || !hp->n_layers) return false;
    for (uint64_t i = 0; i < hp->n_layers && i < LX_MAX_LAYERS; i++)
        if (hp->mixer[i] == LX_MIX_ATTN) return false;
    return true;
}

lx_status lx_hfconfig_parse(const char *text, size_t len, const char *path, lx_hparams *hp, lx_err *err)
{
    memset(hp, 0, sizeof *hp);
    lx_jcfg j;
    lx_status st = lx_jcfg_open(&j, text, len, path, err);
    if (st == LX_OK) {
        lx_fam_cfg c = {.j = &j, .hp = hp};
        const lx_family *f = pick_family(&j, hp);
        if (!lx_err_failed(err)) {
            apply_family(&j, hp, f);
            read_name(&j, hp);
            lx_hp_read_towers(&j, hp);
            read_dtype(&j, hp);
            lx_quant_from_json(j.root, &hp->quant);
            if (!hp->quant.present && j.cfg != j.root) lx_quant_from_json(j.cfg, &hp->quant);
            read_counts(&j, hp, f);
            check_depth(&j, hp);
            read_scalars(&c);
            if (f && f->config && !lx_err_failed(err)) f->config(&c);
            if (!lx_err_failed(err)) read_layer_types(&c, f);
            if (!lx_err_failed(err)) resolve(&c, attention_free(hp));
        }
    }
    lx_jcfg_close(&j);
    if (lx_err_failed(err)) lx_quant_free(&hp->quant); /* a failed parse leaves nothing to free */
    return lx_err_failed(err) ? err->code : LX_OK;
}

lx_status lx_hfconfig_load(const char *path, lx_hparams *hp, lx_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return lx_err_set(err, LX_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    lx_buf b;
    lx_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= LX_HFCONFIG_MAX_BYTES) lx_buf_put(&b, chunk, n);
    bool read_err = ferror(f) != 0;
    fclose(f);
    lx_status st = LX_OK;
    if (read_err) st = lx_err_set(err, LX_ERR_IO, "%s: read error", path);
    else if (!lx_buf_ok(&b)) st = lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    else if (b.len > LX_HFCONFIG_MAX_BYTES)
        st = lx_err_set(err, LX_ERR_MODEL, "%s: offset %u: file too large (expected a config.json of at most "
                        "16 MB)", path, LX_HFCONFIG_MAX_BYTES);
    else st = lx_hfconfig_parse(b.len ? b.data : "", b.len, path, hp, err);
    lx_buf_free(&b);
    return st;
}
