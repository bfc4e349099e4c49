/* model/synth_mixers — the tensors of token mixers other than softmax attention, with
 * llama.cpp's GGUF names. Shapes are PyTorch's (out, in); a depthwise conv1d {C, 1, K} is
 * listed as {C, K}. */
#include "model/synth_int.h"
#include "model/families/family.h"

/* Gated DeltaNet (Qwen3-Next, Qwen3.5): q/k/v in-projection (llama.cpp attn_qkv), the output
 * gate z (attn_gate), beta/alpha (ssm_ba), a depthwise conv over q/k/v, dt bias, A, a
 * per-head-dim RMSNorm, out-projection. kd = k_heads x k_dim, vd = v_heads x v_dim. */
void lx_syn_gdn(struct lx_syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, kd = hp->lin_k_heads * hp->lin_k_dim, vd = hp->lin_v_heads * hp->lin_v_dim;
    uint64_t nv = hp->lin_v_heads, conv = 2 * kd + vd;
    lx_syn_lin(s, "attn_qkv", conv, d, false);
    lx_syn_lin(s, "attn_gate", vd, d, false);
    lx_syn_lin(s, "ssm_ba", 2 * nv, d, false);
    lx_syn_add(s, 2, conv, hp->lin_conv, 0, "%sssm_conv1d.weight", s->pfx);
    lx_syn_add(s, 1, nv, 0, 0, "%sssm_dt.bias", s->pfx);
    lx_syn_add(s, 1, nv, 0, 0, "%sssm_a", s->pfx);
    lx_syn_add(s, 1, hp->lin_v_dim, 0, 0, "%sssm_norm.weight", s->pfx);
    lx_syn_lin(s, "ssm_out", d, vd, false);
}

/* Kimi Delta Attention (Kimi Linear): q/k/v projections each with its own short conv, the
 * low-rank forget gate f_a/f_b and output gate g_a/g_b (rank = head dim), beta, A, dt bias,
 * a gated RMSNorm, out-projection. */
void lx_syn_kda(struct lx_syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, H = hp->lin_v_heads, dk = hp->lin_k_dim, dv = hp->lin_v_dim, K = hp->lin_conv;
    uint64_t kd = hp->lin_k_heads * dk, vd = H * dv;
    lx_syn_lin(s, "attn_q", kd, d, false);
    lx_syn_lin(s, "attn_k", kd, d, false);
    lx_syn_lin(s, "attn_v", vd, d, false);
    lx_syn_add(s, 2, kd, K, 0, "%sssm_conv1d_q.weight", s->pfx);
    lx_syn_add(s, 2, kd, K, 0, "%sssm_conv1d_k.weight", s->pfx);
    lx_syn_add(s, 2, vd, K, 0, "%sssm_conv1d_v.weight", s->pfx);
    lx_syn_lin(s, "ssm_f_a", dk, d, false);
    lx_syn_lin(s, "ssm_f_b", kd, dk, false);
    lx_syn_lin(s, "ssm_beta", H, d, false);
    lx_syn_add(s, 1, H, 0, 0, "%sssm_a", s->pfx);
    lx_syn_add(s, 1, kd, 0, 0, "%sssm_dt.bias", s->pfx);
    lx_syn_lin(s, "ssm_g_a", dv, d, false);
    lx_syn_lin(s, "ssm_g_b", vd, dv, false);
    lx_syn_add(s, 1, dv, 0, 0, "%sssm_norm.weight", s->pfx);
    lx_syn_lin(s, "attn_output", d, vd, false);
}

/* Mamba-1: in-projection to x and z, depthwise conv, x -> (dt, B, C), dt projection, A, D,
 * out-projection. */
void lx_syn_mamba(struct lx_syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, di = hp->ssm_d_inner, N = hp->ssm_d_state, R = hp->ssm_dt_rank;
    bool conv_bias = true;
    lx_syn_lin(s, "ssm_in", 2 * di, d, false);
    lx_syn_add(s, 2, di, hp->ssm_conv, 0, "%sssm_conv1d.weight", s->pfx);
    if (conv_bias) lx_syn_add(s, 1, di, 0, 0, "%sssm_conv1d.bias", s->pfx);
    lx_syn_lin(s, "ssm_x", R + 2 * N, di, false);
    lx_syn_lin(s, "ssm_dt", di, R, true);
    if (s->flags & LX_R_SSM_NORMS) { /* Jamba: RMSNorms of dt, B and C */
        lx_syn_add(s, 1, R, 0, 0, "%sssm_dt_norm.weight", s->pfx);
        lx_syn_add(s, 1, N, 0, 0, "%sssm_b_norm.weight", s->pfx);
        lx_syn_add(s, 1, N, 0, 0, "%sssm_c_norm.weight", s->pfx);
    }
    lx_syn_add(s, 2, di, N, 0, "%sssm_a", s->pfx);
    lx_syn_add(s, 1, di, 0, 0, "%sssm_d", s->pfx);
    lx_syn_lin(s, "ssm_out", d, di, false);
}

/* Mamba-2: one in-projection to z, x, B, C and dt; depthwise conv over x, B, C (with bias);
 * dt bias, A and D per head; a grouped RMSNorm over d_inner; out-projection. */
void lx_syn_mamba2(struct lx_syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, di = hp->ssm_d_inner, G = hp->ssm_groups ? hp->ssm_groups : 1;
    uint64_t N = hp->ssm_d_state, nh = hp->ssm_heads, conv = di + 2 * G * N;
    lx_syn_lin(s, "ssm_in", 2 * di + 2 * G * N + nh, d, false);
    lx_syn_add(s, 2, conv, hp->ssm_conv, 0, "%sssm_conv1d.weight", s->pfx);
    lx_syn_add(s, 1, conv, 0, 0, "%sssm_conv1d.bias", s->pfx);
    lx_syn_add(s, 1, nh, 0, 0, "%sssm_dt.bias", s->pfx);
    lx_syn_add(s, 1, nh, 0, 0, "%sssm_a", s->pfx);
    lx_syn_add(s, 1, nh, 0, 0, "%sssm_d", s->pfx);
    if (!hp->ssm_no_norm) lx_syn_add(s, 1, di, 0, 0, "%sssm_norm.weight", s->pfx);
    lx_syn_lin(s, "ssm_out", d, di, false);
}

/* xLSTM's mLSTM: q, k (qk wide), v and the output gate (v wide), input and forget gates per
 * head with biases, a per-head norm over v, out-projection. */
void lx_syn_mlstm(struct lx_syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model, qk = hp->lin_k_dim, v = hp->lin_v_dim, nh = hp->lin_v_heads;
    lx_syn_lin(s, "attn_q", qk, d, false);
    lx_syn_lin(s, "attn_k", qk, d, false);
    lx_syn_lin(s, "attn_v", v, d, false);
    lx_syn_lin(s, "mlstm_ogate", v, d, false);
    lx_syn_lin(s, "mlstm_igate", nh, d, true);
    lx_syn_lin(s, "mlstm_fgate", nh, d, true);
    lx_syn_add(s, 1, v, 0, 0, "%smlstm_norm.weight", s->pfx);
    lx_syn_lin(s, "attn_output", d, v, false);
}

/* LFM2's gated short convolution: in-projection to B, C, x (3 d), a depthwise conv of
 * length conv_L_cache, out-projection. */
void lx_syn_conv(struct lx_syn *s)
{
    const lx_hparams *hp = s->hp;
    uint64_t d = hp->d_model;
    lx_syn_lin(s, "shortconv.in_proj", 3 * d, d, false);
    lx_syn_add(s, 2, d, hp->conv_kernel, 0, "%sshortconv.conv.weight", s->pfx);
    lx_syn_lin(s, "shortconv.out_proj", d, d, false);
}
