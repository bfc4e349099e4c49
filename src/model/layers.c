/* model/layers — see layers.h. */
#include "model/layers.h"

#include <string.h>

static uint64_t attn_kv_bytes(const lx_arch *a, const lx_layer *l, int i)
{
    if (l->mixer != LX_MIX_ATTN || (l->bits & LX_LAYER_KV_SHARED) || a->encoder_only || i < a->n_enc_layers) return 0;
    uint64_t bytes;
    if (a->attn.kind == LX_ATTN_MLA) bytes = (a->hp.kv_lora_rank + a->hp.qk_rope_head_dim) * 2;
    else bytes = l->n_kv_heads * (l->head_dim + ((l->bits & LX_LAYER_K_EQ_V) ? 0 : l->v_head_dim)) * 2;
    if (!a->hp.has_compress) return bytes;
    uint32_t ratio = i < LX_MAX_LAYERS ? a->hp.l_compress[i] : 0; /* DeepSeek-V4: one entry per ratio tokens */
    return ratio ? bytes / ratio : 0;
}

/* Recurrent state at 16 bits: the state matrices plus the convolution's kernel-1 inputs. */
static uint64_t state_bytes(const lx_hparams *hp, lx_mixer m)
{
    switch (m) {
    case LX_MIX_GDN: case LX_MIX_KDA: {
        uint64_t conv_dim = 2 * hp->lin_k_heads * hp->lin_k_dim + hp->lin_v_heads * hp->lin_v_dim;
        uint64_t conv = hp->lin_conv > 1 ? conv_dim * (hp->lin_conv - 1) : 0;
        return (hp->lin_v_heads * hp->lin_k_dim * hp->lin_v_dim + conv) * 2;
    }
    case LX_MIX_MAMBA2: {
        uint64_t conv_dim = hp->ssm_d_inner + 2 * hp->ssm_groups * hp->ssm_d_state;
        uint64_t conv = hp->ssm_conv > 1 ? conv_dim * (hp->ssm_conv - 1) : 0;
        return (hp->ssm_d_inner * hp->ssm_d_state + conv) * 2;
    }
    case LX_MIX_MAMBA: {
        uint64_t conv = hp->ssm_conv > 1 ? hp->ssm_d_inner * (hp->ssm_conv - 1) : 0;
        return (hp->ssm_d_inner * hp->ssm_d_state + conv) * 2;
    }
    case LX_MIX_CONV: return hp->conv_kernel > 1 ? hp->d_model * (hp->conv_kernel - 1) * 2 : 0;
    default: return 0;
    }
}

static double layer_theta(const lx_arch *a, const lx_layer *l, int i)
{
    if (a->pos.kind != LX_POS_ROPE || l->mixer != LX_MIX_ATTN || (l->bits & LX_LAYER_NOPE)) return 0;
    if (i < LX_MAX_LAYERS && a->hp.l_theta[i] > 0) return a->hp.l_theta[i];
    if ((l->bits & LX_LAYER_SLIDING) && a->hp.rope_theta_local > 0) return a->hp.rope_theta_local;
    return a->pos.rope_theta;
}

/* Heads of one attention layer: declared per layer, else what its q/k widths show. */
static void layer_heads(const lx_arch *a, lx_layer *l, int i, uint64_t q, uint64_t k, bool has_v)
{
    const lx_hparams *hp = &a->hp;
    l->head_dim = i < LX_MAX_LAYERS && hp->l_head_dim[i] ? hp->l_head_dim[i] : a->attn.head_dim;
    l->v_head_dim = l->head_dim == a->attn.head_dim ? a->attn.v_head_dim : l->head_dim;
    l->n_heads = i < LX_MAX_LAYERS && hp->l_heads[i] ? hp->l_heads[i] : a->attn.n_heads;
    if ((l->bits & LX_LAYER_SLIDING) && hp->l_heads_sliding && !(i < LX_MAX_LAYERS && hp->l_heads[i]))
        l->n_heads = hp->l_heads_sliding;
    l->n_kv_heads = i < LX_MAX_LAYERS && hp->l_kv_heads[i] ? hp->l_kv_heads[i] : a->attn.n_kv_heads;
    if (a->attn.kind == LX_ATTN_MLA || !l->head_dim) return;
    if (q && q == 2 * l->n_heads * l->head_dim) l->bits |= LX_LAYER_GATED;
    else if (q && q % l->head_dim == 0 && !(l->bits & LX_LAYER_GATED)) l->n_heads = q / l->head_dim;
    if (k && k % l->head_dim == 0) l->n_kv_heads = k / l->head_dim;
    if (k && !has_v && !(l->bits & LX_LAYER_KV_SHARED)) l->bits |= LX_LAYER_K_EQ_V;
}

void lx_layers_resolve(lx_arch *a, const lx_ffn_kind *layer_ffn, const uint64_t *q_out, const uint64_t *k_out,
                       const bool *has_v, const uint64_t *params)
{
    memset(a->n_mixers, 0, sizeof a->n_mixers);
    a->kv_bytes_per_token = a->state_bytes_per_seq = a->kv_bytes_at_ctx = 0;
    uint64_t ctx = a->hp.context_length;
    bool overflow = false;
    for (int i = 0; i < a->n_layers && i < LX_MAX_LAYERS; i++) {
        lx_layer *l = &a->layers[i];
        l->bits = a->layer_bits[i] | (a->hp.has_layer_bits ? a->hp.layer_bits[i] : 0);
        if (!a->hp.sliding_window) l->bits &= ~(uint32_t)LX_LAYER_SLIDING;
        if (!a->hp.chunk_size) l->bits &= ~(uint32_t)LX_LAYER_CHUNKED;
        l->ffn = layer_ffn[i];
        l->d_ff = l->ffn == LX_FFN_MOE || l->ffn == LX_FFN_NONE ? 0
                  : a->hp.l_ff[i] ? a->hp.l_ff[i] : a->hp.d_ff;
        l->params = params[i];
        if (l->mixer == LX_MIX_ATTN) {
            layer_heads(a, l, i, q_out[i], k_out[i], has_v[i]);
            l->window = (l->bits & LX_LAYER_SLIDING) ? a->hp.sliding_window
                        : (l->bits & LX_LAYER_CHUNKED) ? a->hp.chunk_size : 0;
        }
        l->rope_theta = layer_theta(a, l, i);
        l->kv_bytes = attn_kv_bytes(a, l, i);
        l->state_bytes = state_bytes(&a->hp, l->mixer) +
                         ((l->bits & LX_LAYER_PAR_SSM) ? state_bytes(&a->hp, LX_MIX_MAMBA2) : 0);
        a->layer_bits[i] = l->bits;
        a->kv_bytes_per_token += l->kv_bytes;
        a->state_bytes_per_seq += l->state_bytes;
        /* at the declared context a window or chunk keeps at most its own length of tokens */
        uint64_t held = l->window && l->window < ctx ? l->window : ctx, kv;
        overflow = overflow || __builtin_mul_overflow(l->kv_bytes, held, &kv) ||
                   __builtin_add_overflow(a->kv_bytes_at_ctx, kv, &a->kv_bytes_at_ctx);
        a->n_mixers[l->mixer]++;
    }
    if (overflow) a->kv_bytes_at_ctx = UINT64_MAX;
    a->motif = lx_motif_find(a);
}

bool lx_layers_same_kind(const lx_layer *x, const lx_layer *y)
{
    const uint32_t KIND = LX_LAYER_SLIDING | LX_LAYER_CHUNKED | LX_LAYER_NOPE | LX_LAYER_GATED | LX_LAYER_KV_SHARED;
    return x->mixer == y->mixer && x->ffn == y->ffn && (x->bits & KIND) == (y->bits & KIND);
}

/* How many times the unit [start, start+p) repeats from start, within the first n layers. */
static int repeats(const lx_arch *a, int start, int p, int n)
{
    int r = 1;
    for (int k = start + p; k + p <= n; k += p, r++)
        for (int j = 0; j < p; j++)
            if (!lx_layers_same_kind(&a->layers[k + j], &a->layers[start + j])) return r;
    return r;
}

/* The tail after the repeats is a prefix of the unit (a regular tail: "+ 2 sliding"). */
static bool tail_ok(const lx_arch *a, int start, int p, int r, int n)
{
    for (int k = start + p * r, j = 0; k < n; k++, j++)
        if (j >= p || !lx_layers_same_kind(&a->layers[k], &a->layers[start + j])) return false;
    return true;
}

/* What a candidate costs to draw, smallest first: the unit's layers plus every layer outside
 * the repeats that is not a regular tail; then a unit that starts like the stack (no rotated
 * unit when an aligned one costs the same); then the shorter prefix, the shorter suffix. */
typedef struct motif_cost { int cost, rotated, prefix, suffix; } motif_cost;

static bool cheaper(motif_cost x, motif_cost y)
{
    if (x.cost != y.cost) return x.cost < y.cost;
    if (x.rotated != y.rotated) return x.rotated < y.rotated;
    if (x.prefix != y.prefix) return x.prefix < y.prefix;
    return x.suffix < y.suffix;
}

lx_motif lx_motif_find(const lx_arch *a)
{
    lx_motif best = {0, a->n_layers, 1, 0, false, false};
    int n = a->n_layers < LX_MAX_LAYERS ? a->n_layers : LX_MAX_LAYERS;
    motif_cost bc = {n + 1, 1, n, n};
    for (int pre = 0; pre < n && pre + 1 <= bc.cost; pre++)
        for (int p = 1; pre + 2 * p <= n && pre + p <= bc.cost; p++) {
            int r = repeats(a, pre, p, n);
            if (r < 2 || 2 * p * r < n) continue; /* the repeats cover at least half the stack */
            int suf = n - pre - p * r;
            bool regular = tail_ok(a, pre, p, r, n);
            motif_cost c = {pre + p + (regular ? 0 : suf), !lx_layers_same_kind(&a->layers[pre], &a->layers[0]), pre, suf};
            if (!cheaper(c, bc)) continue;
            best = (lx_motif){pre, p, r, suf, true, !regular};
            bc = c;
        }
    return best;
}
