/* layout/describe_mixer — what the diagram says about token mixers other than softmax
 * attention: the block card of a Gated DeltaNet, Kimi Delta Attention, Lightning, Mamba,
 * Mamba-2, short-convolution or mLSTM layer, and one inset per kind the model uses (the
 * steps of one layer, top to bottom, with their widths from the hyper-parameters). One
 * table row per kind; the insets share the Q/K/V row of attention (linear attention) or
 * are a chain of full-width steps (state-space, convolution). */
#include <string.h>

#include "layout/describe_int.h"

typedef void (*mixer_fn)(lx_dbuild *b, lx_desc_inset *in);

typedef struct mixer_row {
    const char *id;         /* card and inset id */
    const char *title;      /* block card title */
    const char *inset;      /* inset title */
    lx_inset_type type;
    void (*lines)(lx_dbuild *b, lx_desc_card *c); /* the card's subtitles */
    mixer_fn parts;         /* the inset */
} mixer_row;

static void sub(lx_desc_card *c, const char *s) { lx_dcard_sub(c, s); }

/* ---- block cards ---- */

static void linear_lines(lx_dbuild *b, lx_desc_card *c, const char *gates)
{
    const lx_hparams *h = &b->a->hp;
    char s[160];
    lx_dsnprintf(s, sizeof s, "%s Q/K heads × %s · %s V heads × %s", lx_dfmt_th(b, h->lin_k_heads), lx_dfmt_th(b, h->lin_k_dim),
                 lx_dfmt_th(b, h->lin_v_heads), lx_dfmt_th(b, h->lin_v_dim));
    sub(c, s);
    lx_dsnprintf(s, sizeof s, "conv %s · L2-normed Q/K · %s", lx_dfmt_th(b, h->lin_conv), gates);
    sub(c, s);
}

static void gdn_lines(lx_dbuild *b, lx_desc_card *c) { linear_lines(b, c, "α/β gates · delta rule · SiLU output gate"); }
static void kda_lines(lx_dbuild *b, lx_desc_card *c) { linear_lines(b, c, "per-channel decay · β gate · delta rule"); }

static void lightning_lines(lx_dbuild *b, lx_desc_card *c)
{
    char s[160];
    lx_dsnprintf(s, sizeof s, "%s heads × %s · linear attention with decay, no softmax", lx_dfmt_th(b, b->a->attn.n_heads),
                 lx_dfmt_th(b, b->a->attn.head_dim));
    sub(c, s);
}

static void mamba2_lines(lx_dbuild *b, lx_desc_card *c)
{
    const lx_hparams *h = &b->a->hp;
    char s[160];
    lx_dsnprintf(s, sizeof s, "%s heads · d_inner %s · state %s · %s group%s", lx_dfmt_th(b, h->ssm_heads),
                 lx_dfmt_th(b, h->ssm_d_inner), lx_dfmt_th(b, h->ssm_d_state), lx_dfmt_th(b, h->ssm_groups ? h->ssm_groups : 1),
                 h->ssm_groups > 1 ? "s" : "");
    sub(c, s);
    lx_dsnprintf(s, sizeof s, "in-projection · conv1d %s · SSM state update · gated RMSNorm", lx_dfmt_th(b, h->ssm_conv));
    sub(c, s);
}

static void mamba_lines(lx_dbuild *b, lx_desc_card *c)
{
    const lx_hparams *h = &b->a->hp;
    char s[160];
    lx_dsnprintf(s, sizeof s, "d_inner %s · state %s · Δ rank %s", lx_dfmt_th(b, h->ssm_d_inner), lx_dfmt_th(b, h->ssm_d_state),
                 lx_dfmt_th(b, h->ssm_dt_rank));
    sub(c, s);
    lx_dsnprintf(s, sizeof s, "conv1d %s · selective scan · SiLU gate", lx_dfmt_th(b, h->ssm_conv));
    sub(c, s);
}

static void conv_lines(lx_dbuild *b, lx_desc_card *c)
{
    const lx_hparams *h = &b->a->hp;
    char s[160];
    lx_dsnprintf(s, sizeof s, "%s → 3 × %s (B, C, x) · causal conv, kernel %s", lx_dfmt_th(b, h->d_model),
                 lx_dfmt_th(b, h->d_model), lx_dfmt_th(b, h->conv_kernel));
    sub(c, s);
    sub(c, "y = C ⊙ conv(B ⊙ x), then projected back");
}

static void mlstm_lines(lx_dbuild *b, lx_desc_card *c)
{
    const lx_hparams *h = &b->a->hp;
    char s[160];
    if (h->lin_v_heads) {
        lx_dsnprintf(s, sizeof s, "%s heads · Q/K %s wide · V %s wide", lx_dfmt_th(b, h->lin_v_heads),
                     lx_dfmt_th(b, h->lin_k_dim), lx_dfmt_th(b, h->lin_v_dim));
        sub(c, s);
    }
    sub(c, "matrix memory with exponential input and forget gates");
}

/* ---- insets ---- */

static lx_desc_card *card(lx_desc_inset *in, lx_part p, const char *id, const char *title, const char *s)
{
    lx_desc_card *c = lx_dpart(in, p, LX_KIND_MIXER, id, title);
    lx_dcard_sub(c, s);
    return c;
}

static lx_desc_card *pill(lx_desc_inset *in, lx_part p, lx_kind kind, const char *id, const char *title)
{
    lx_desc_card *c = lx_dpart(in, p, kind, id, title);
    c->pill = true;
    return c;
}

static void chain(lx_desc_inset *in, const lx_part *parts, int n)
{
    for (int i = 0; i < n && i < (int)(sizeof in->chain / sizeof in->chain[0]); i++) in->chain[in->n_chain++] = parts[i];
}

static void out_proj(lx_dbuild *b, lx_desc_inset *in, uint64_t width)
{
    lx_desc_card *c = lx_dpart(in, LX_PART_OUT, LX_KIND_MIXER, "out", "Output projection");
    lx_dsnprintf(c->figure, sizeof c->figure, "%s → %s", lx_dfmt_th(b, width), lx_dfmt_th(b, b->a->hp.d_model));
}

static void state_note(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_arch *a = b->a;
    uint64_t per = 0;
    for (int i = 0; i < a->n_layers && i < LX_MAX_LAYERS && !per; i++)
        if ((int)a->layers[i].mixer == in->mixer ||
            (in->mixer == LX_MIX_MAMBA2 && (a->layers[i].bits & LX_LAYER_PAR_SSM)))
            per = a->layers[i].state_bytes;
    char s[192];
    if (per)
        lx_dsnprintf(s, sizeof s, "fixed state per sequence in this layer: %s bytes at 16 bits, whatever the context length",
                     lx_dfmt_th(b, per));
    else
        lx_dsnprintf(s, sizeof s, "the state has a fixed size: nothing grows with the context length");
    lx_dnote(in, s);
}

/* Gated DeltaNet and KDA: Q, K, V projections, each convolved; Q and K L2-normed; then the
 * gates, the delta-rule state update, the output gate with its norm, and the projection. */
static void linear_qkv(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_hparams *h = &b->a->hp;
    const char *d = lx_dfmt_th(b, h->d_model);
    char s[160], conv[64];
    lx_dsnprintf(s, sizeof s, "%s → %s (%s × %s)", d, lx_dfmt_th(b, h->lin_k_heads * h->lin_k_dim),
                 lx_dfmt_th(b, h->lin_k_heads), lx_dfmt_th(b, h->lin_k_dim));
    card(in, LX_PART_Q, "q", "Q projection", s);
    card(in, LX_PART_K, "k", "K projection", s);
    lx_dsnprintf(s, sizeof s, "%s → %s (%s × %s)", d, lx_dfmt_th(b, h->lin_v_heads * h->lin_v_dim),
                 lx_dfmt_th(b, h->lin_v_heads), lx_dfmt_th(b, h->lin_v_dim));
    card(in, LX_PART_V, "v", "V projection", s);
    lx_dsnprintf(conv, sizeof conv, "conv1d · kernel %s · SiLU", lx_dfmt_th(b, h->lin_conv));
    pill(in, LX_PART_Q_NORM, LX_KIND_MIXER, "qconv", conv);
    pill(in, LX_PART_K_NORM, LX_KIND_MIXER, "kconv", conv);
    pill(in, LX_PART_V_CONV, LX_KIND_MIXER, "vconv", conv);
    pill(in, LX_PART_Q_ROPE, LX_KIND_NORM, "ql2", "L2-norm");
    pill(in, LX_PART_K_ROPE, LX_KIND_NORM, "kl2", "L2-norm");
}

static void linear_tail(lx_dbuild *b, lx_desc_inset *in, const char *gate_title, const char *gate_line,
                        const char *ogate)
{
    const lx_hparams *h = &b->a->hp;
    uint64_t vd = h->lin_v_heads * h->lin_v_dim;
    char s[192];
    card(in, LX_PART_GATES, "gates", gate_title, gate_line);
    lx_dsnprintf(s, sizeof s, "Delta rule: each head keeps a %s × %s state matrix S", lx_dfmt_th(b, h->lin_v_dim),
                 lx_dfmt_th(b, h->lin_k_dim));
    lx_desc_card *c = card(in, LX_PART_STATE, "state", s, "S_t = α_t · S_{t−1} · (I − β_t · k_t k_tᵀ) + β_t · v_t k_tᵀ");
    lx_dcard_sub(c, "o_t = S_t · q_t: writes the new value, erasing what the key held");
    lx_dsnprintf(s, sizeof s, "z = x · W_z: %s → %s", lx_dfmt_th(b, h->d_model), lx_dfmt_th(b, vd));
    card(in, LX_PART_OGATE, "ogate", ogate, s);
    out_proj(b, in, vd);
    static const lx_part steps[] = {LX_PART_GATES, LX_PART_STATE, LX_PART_OGATE, LX_PART_OUT};
    chain(in, steps, 4);
    in->n_heads = h->lin_v_heads;
    lx_dsnprintf(in->heads_note, sizeof in->heads_note,
                 "%s query/key heads, %s value heads: no softmax over past tokens, one recurrent state per head",
                 lx_dfmt_th(b, h->lin_k_heads), lx_dfmt_th(b, h->lin_v_heads));
}

static void gdn_parts(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_hparams *h = &b->a->hp;
    char s[160];
    linear_qkv(b, in);
    lx_dsnprintf(s, sizeof s, "α = exp(−e^A · softplus(x·W_α + dt_bias)) · β = sigmoid(x·W_β) · %s → 2 × %s",
                 lx_dfmt_th(b, h->d_model), lx_dfmt_th(b, h->lin_v_heads));
    linear_tail(b, in, "Gates: α (decay, per head) and β (write strength)", s, "Output gate: RMSNorm(o) ⊙ SiLU(z)");
    state_note(b, in);
}

static void kda_parts(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_hparams *h = &b->a->hp;
    char s[160];
    linear_qkv(b, in);
    lx_dsnprintf(s, sizeof s, "α: a decay per channel (%s → %s → %s, low rank) · β = sigmoid(x·W_β)",
                 lx_dfmt_th(b, h->d_model), lx_dfmt_th(b, h->lin_k_dim), lx_dfmt_th(b, h->lin_k_heads * h->lin_k_dim));
    linear_tail(b, in, "Gates: α (decay, per channel) and β (write strength)", s, "Output gate: RMSNorm(o) ⊙ sigmoid(g)");
    state_note(b, in);
}

static void lightning_parts(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_arch *a = b->a;
    char s[160];
    uint64_t w = a->attn.n_heads * a->attn.head_dim;
    lx_dsnprintf(s, sizeof s, "%s → Q, K, V of %s each (%s heads)", lx_dfmt_th(b, a->hp.d_model), lx_dfmt_th(b, w),
                 lx_dfmt_th(b, a->attn.n_heads));
    card(in, LX_PART_IN_PROJ, "qkv", "Q, K, V projections", s);
    card(in, LX_PART_STATE, "state", "Linear attention with decay", "S_t = λ · S_{t−1} + k_t v_tᵀ · o_t = q_tᵀ S_t");
    card(in, LX_PART_OGATE, "ogate", "Output gate and norm", "RMSNorm(o) ⊙ sigmoid(x · W_g)");
    out_proj(b, in, w);
    static const lx_part steps[] = {LX_PART_IN_PROJ, LX_PART_STATE, LX_PART_OGATE, LX_PART_OUT};
    chain(in, steps, 4);
    state_note(b, in);
}

static void mamba2_parts(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_hparams *h = &b->a->hp;
    uint64_t G = h->ssm_groups ? h->ssm_groups : 1, N = h->ssm_d_state, di = h->ssm_d_inner;
    char s[192], t[160];
    lx_dsnprintf(s, sizeof s, "%s → %s: z %s · x %s · B, C %s each · Δt %s", lx_dfmt_th(b, h->d_model),
                 lx_dfmt_th(b, 2 * di + 2 * G * N + h->ssm_heads), lx_dfmt_th(b, di), lx_dfmt_th(b, di),
                 lx_dfmt_th(b, G * N), lx_dfmt_th(b, h->ssm_heads));
    card(in, LX_PART_IN_PROJ, "in", "In-projection", s);
    lx_dsnprintf(t, sizeof t, "conv1d over x, B, C · kernel %s · SiLU", lx_dfmt_th(b, h->ssm_conv));
    pill(in, LX_PART_CONV, LX_KIND_MIXER, "conv", t);
    lx_dsnprintf(t, sizeof t, "SSM state update: %s heads × %s × %s state", lx_dfmt_th(b, h->ssm_heads),
                 lx_dfmt_th(b, h->ssm_heads ? di / h->ssm_heads : di), lx_dfmt_th(b, N));
    lx_desc_card *c = card(in, LX_PART_STATE, "state", t, "h_t = exp(Δt · A) · h_{t−1} + Δt · x_t B_tᵀ (A: one scalar per head)");
    lx_dcard_sub(c, "y_t = h_t C_t + D · x_t");
    lx_dsnprintf(s, sizeof s, "RMSNorm( y ⊙ SiLU(z) ) over %s group%s of %s", lx_dfmt_th(b, G), G > 1 ? "s" : "",
                 lx_dfmt_th(b, di / G));
    card(in, LX_PART_OGATE, "ogate", "Gate and norm", s);
    out_proj(b, in, di);
    static const lx_part steps[] = {LX_PART_IN_PROJ, LX_PART_CONV, LX_PART_STATE, LX_PART_OGATE, LX_PART_OUT};
    chain(in, steps, 5);
    state_note(b, in);
}

static void mamba_parts(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_hparams *h = &b->a->hp;
    uint64_t di = h->ssm_d_inner, N = h->ssm_d_state;
    char s[192], t[160];
    lx_dsnprintf(s, sizeof s, "%s → 2 × %s (x and the gate z)", lx_dfmt_th(b, h->d_model), lx_dfmt_th(b, di));
    card(in, LX_PART_IN_PROJ, "in", "In-projection", s);
    lx_dsnprintf(t, sizeof t, "conv1d · kernel %s · SiLU", lx_dfmt_th(b, h->ssm_conv));
    pill(in, LX_PART_CONV, LX_KIND_MIXER, "conv", t);
    lx_dsnprintf(s, sizeof s, "from x: Δ (rank %s → %s), B and C (%s each)", lx_dfmt_th(b, h->ssm_dt_rank), lx_dfmt_th(b, di),
                 lx_dfmt_th(b, N));
    card(in, LX_PART_GATES, "gates", "Selection: Δ, B, C depend on the token", s);
    lx_dsnprintf(t, sizeof t, "Selective scan: a %s × %s state", lx_dfmt_th(b, di), lx_dfmt_th(b, N));
    card(in, LX_PART_STATE, "state", t, "h_t = exp(Δ_t A) ⊙ h_{t−1} + Δ_t B_t x_t · y_t = C_t h_t + D x_t");
    card(in, LX_PART_OGATE, "ogate", "Gate", "y ⊙ SiLU(z)");
    out_proj(b, in, di);
    static const lx_part steps[] = {LX_PART_IN_PROJ, LX_PART_CONV, LX_PART_GATES, LX_PART_STATE, LX_PART_OGATE, LX_PART_OUT};
    chain(in, steps, 6);
    state_note(b, in);
}

static void conv_parts(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_hparams *h = &b->a->hp;
    const char *d = lx_dfmt_th(b, h->d_model);
    char s[160], t[96];
    lx_dsnprintf(s, sizeof s, "%s → 3 × %s: the gates B and C and the input x", d, d);
    card(in, LX_PART_IN_PROJ, "in", "In-projection", s);
    card(in, LX_PART_GATES, "gates", "Input gate", "B ⊙ x");
    lx_dsnprintf(t, sizeof t, "depthwise causal conv1d · kernel %s", lx_dfmt_th(b, h->conv_kernel));
    pill(in, LX_PART_CONV, LX_KIND_MIXER, "conv", t);
    card(in, LX_PART_OGATE, "ogate", "Output gate", "C ⊙ conv(B ⊙ x)");
    out_proj(b, in, h->d_model);
    static const lx_part steps[] = {LX_PART_IN_PROJ, LX_PART_GATES, LX_PART_CONV, LX_PART_OGATE, LX_PART_OUT};
    chain(in, steps, 5);
    lx_dsnprintf(s, sizeof s, "each token mixes only the last %s tokens: the cache is %s values per channel",
                 lx_dfmt_th(b, h->conv_kernel), lx_dfmt_th(b, h->conv_kernel ? h->conv_kernel - 1 : 0));
    lx_dnote(in, s);
}

static void mlstm_parts(lx_dbuild *b, lx_desc_inset *in)
{
    const char *d = lx_dfmt_th(b, b->a->hp.d_model);
    char s[128];
    lx_dsnprintf(s, sizeof s, "%s → Q, K, V and the input, forget and output gates", d);
    card(in, LX_PART_IN_PROJ, "in", "Projections", s);
    card(in, LX_PART_STATE, "state", "Matrix memory", "C_t = f_t · C_{t−1} + i_t · v_t k_tᵀ · h_t = o_t ⊙ (C_t q_t / n_t)");
    out_proj(b, in, b->a->hp.d_model);
    static const lx_part steps[] = {LX_PART_IN_PROJ, LX_PART_STATE, LX_PART_OUT};
    chain(in, steps, 3);
    state_note(b, in);
}

static const mixer_row MIXERS[LX_MIX_COUNT] = {
    [LX_MIX_GDN] = {"gdn", "Gated DeltaNet (linear attention)", "Inside Gated DeltaNet (one layer)", LX_INSET_LINEAR,
                    gdn_lines, gdn_parts},
    [LX_MIX_KDA] = {"kda", "Kimi Delta Attention (linear attention)", "Inside Kimi Delta Attention (one layer)",
                    LX_INSET_LINEAR, kda_lines, kda_parts},
    [LX_MIX_LIGHTNING] = {"lightning", "Lightning attention (linear)", "Inside Lightning attention (one layer)",
                          LX_INSET_CHAIN, lightning_lines, lightning_parts},
    [LX_MIX_MAMBA] = {"mamba", "Mamba (selective state space)", "Inside Mamba (one layer)", LX_INSET_CHAIN, mamba_lines,
                      mamba_parts},
    [LX_MIX_MAMBA2] = {"mamba2", "Mamba-2 (state space)", "Inside Mamba-2 (one layer)", LX_INSET_CHAIN, mamba2_lines,
                       mamba2_parts},
    [LX_MIX_CONV] = {"conv", "Gated short convolution", "Inside the gated short convolution (one layer)", LX_INSET_CHAIN,
                     conv_lines, conv_parts},
    [LX_MIX_MLSTM] = {"mlstm", "mLSTM (matrix memory)", "Inside the mLSTM (one layer)", LX_INSET_CHAIN, mlstm_lines,
                      mlstm_parts},
};

static const mixer_row *row_of(lx_mixer m)
{
    return (unsigned)m < LX_MIX_COUNT && MIXERS[m].id ? &MIXERS[m] : NULL;
}

void lx_dmixer_card(lx_dbuild *b, lx_desc_card *c, const lx_group *g, const lx_layer *l)
{
    const mixer_row *r = row_of(l->mixer);
    lx_dcard(c, LX_KIND_MIXER, r ? r->id : "mixer", r ? r->title : lx_mixer_label(l->mixer));
    if (r) r->lines(b, c);
    lx_count n = g->per_layer[LX_COMP_MIXER];
    if (n.params) lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, n.params));
    if (l->state_bytes) {
        char s[96];
        lx_dsnprintf(s, sizeof s, "fixed state %s bytes per sequence, no KV cache", lx_dfmt_th(b, l->state_bytes));
        lx_dcard_sub(c, s);
    }
    lx_dsnprintf(c->tip, sizeof c->tip, "%s, per layer: %s parameters, %s", lx_mixer_label(l->mixer), lx_dfmt_th(b, n.params),
                 lx_dfmt_bytes(b, n.bytes));
}

static const lx_group *mixer_group(const lx_arch *a, lx_mixer m)
{
    for (int g = 0; g < a->n_groups; g++) {
        int first = a->groups[g].first;
        bool beside = m == LX_MIX_MAMBA2 && first >= 0 && first < LX_MAX_LAYERS &&
                      (a->layers[first].bits & LX_LAYER_PAR_SSM); /* Falcon-H1 */
        if (a->groups[g].mixer == m || beside) return &a->groups[g];
    }
    return NULL;
}

void lx_dmixer_insets(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    for (int m = 0; m < LX_MIX_COUNT; m++) {
        const mixer_row *r = row_of((lx_mixer)m);
        const lx_group *g = mixer_group(a, (lx_mixer)m);
        if (!r || !g || b->d->n_insets >= LX_DESC_MAX_INSETS - 1) continue;
        lx_desc_inset *in = lx_dinset_new(b, r->type, LX_KIND_MIXER, r->id);
        lx_dsnprintf(in->title, sizeof in->title, "%s", r->inset);
        lx_dset_figure(b, in, g->per_layer[LX_COMP_MIXER].params);
        in->mixer = m;
        r->parts(b, in);
        lx_dlink_inset(b, b->d->n_insets - 1, r->id);
    }
}

void lx_dmoe_router_line(lx_dbuild *b, char *out, size_t cap)
{
    const lx_hparams *h = &b->a->hp;
    out[0] = '\0';
    bool sig = !strcmp(h->router_score, "sigmoid"), bias = h->router_bias == LX_YES;
    char lat[64] = "";
    if (h->moe_latent) lx_dsnprintf(lat, sizeof lat, "%slatent MoE: experts in %s dims", sig || bias ? " · " : "",
                                    lx_dfmt_th(b, h->moe_latent));
    if (sig || bias || lat[0])
        lx_dsnprintf(out, cap, "%s%s%s%s", sig ? "sigmoid router scores" : "", sig && bias ? " + " : "",
                     bias ? "expert bias" : "", lat);
}
