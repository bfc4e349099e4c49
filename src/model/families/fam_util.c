/* model/families/fam_util — small helpers the families' config hooks share. See family.h. */
#include <stdio.h>
#include <string.h>

#include "model/families/family.h"
#include "util/text.h"

lx_tristate lx_fam_tri(bool b) { return b ? LX_YES : LX_NO; }

void lx_fam_copy(char *dst, size_t cap, const char *src)
{
    lx_text_copy(dst, cap, src, cap);
}

void lx_fam_bits(lx_hparams *hp, uint64_t layer, uint32_t bits)
{
    if (layer < LX_MAX_LAYERS) hp->layer_bits[layer] |= bits;
    hp->has_layer_bits = true;
}

void lx_fam_window_all(lx_fam_cfg *c)
{
    for (uint64_t i = 0; c->hp->sliding_window && i < c->hp->n_layers; i++) lx_fam_bits(c->hp, i, LX_LAYER_SLIDING);
}

void lx_fam_window_every(lx_fam_cfg *c, uint64_t period)
{
    for (uint64_t i = 0; c->hp->sliding_window && period && i < c->hp->n_layers; i++)
        if ((i + 1) % period != 0) lx_fam_bits(c->hp, i, LX_LAYER_SLIDING);
}

void lx_fam_window_qwen(lx_fam_cfg *c)
{
    bool use = false;
    lx_jcfg_bool(c->j, "use_sliding_window", &use);
    if (!use) { c->hp->sliding_window = 0; return; }
    uint64_t first = 0;
    lx_jcfg_u64(c->j, "max_window_layers", &first, false);
    for (uint64_t i = first; c->hp->sliding_window && i < c->hp->n_layers; i++)
        lx_fam_bits(c->hp, i, LX_LAYER_SLIDING);
}

void lx_fam_mark_listed(lx_fam_cfg *c, const char *key, uint32_t bits)
{
    json_t *a = lx_jcfg_array(c->j, key, 0, "an array of layer indices");
    for (size_t i = 0; a && i < json_array_size(a); i++) {
        json_t *v = json_array_get(a, i);
        if (!json_is_integer(v) || json_integer_value(v) < 0 || (uint64_t)json_integer_value(v) >= c->hp->n_layers) {
            lx_jcfg_elem_error(c->j, key, i, "a layer index below num_hidden_layers", v);
            return;
        }
        lx_fam_bits(c->hp, (uint64_t)json_integer_value(v), bits);
    }
}

void lx_fam_qwen_moe_layers(lx_fam_cfg *c)
{
    uint64_t step = 1;
    lx_jcfg_u64(c->j, "decoder_sparse_step", &step, true);
    for (uint64_t i = 0; i < c->hp->n_layers; i++)
        if ((i + 1) % step != 0) lx_fam_bits(c->hp, i, LX_LAYER_DENSE);
    lx_fam_mark_listed(c, "mlp_only_layers", LX_LAYER_DENSE);
    c->hp->has_layer_bits = true;
}

bool lx_fam_layer_counts(lx_fam_cfg *c, const char *key, void *dst, size_t elem_size)
{
    uint64_t n = c->hp->n_layers < LX_MAX_LAYERS ? c->hp->n_layers : LX_MAX_LAYERS;
    json_t *a = lx_jcfg_array(c->j, key, (size_t)n, "an array of counts, one per layer");
    if (!a) return false;
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(a, i);
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > (1ll << 31)) {
            lx_jcfg_elem_error(c->j, key, i, "a non-negative integer", v);
            return false;
        }
        uint64_t x = (uint64_t)json_integer_value(v);
        if (elem_size == sizeof(uint32_t)) ((uint32_t *)dst)[i] = (uint32_t)x;
        else ((uint64_t *)dst)[i] = x;
    }
    return true;
}
