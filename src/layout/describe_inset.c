/* layout/describe_inset — the zoom-in insets: attention (MHA/GQA/MQA), multi-head latent
 * attention, the gated or plain feed-forward, and the mixture of experts. Each inset is a
 * set of cards by role (lx_part) plus notes; the layout places the parts it finds. */
#include <string.h>

#include "layout/describe_int.h"

lx_desc_inset *lx_dinset_new(lx_dbuild *b, lx_inset_type type, lx_kind kind, const char *id)
{
    lx_desc_inset *in = &b->d->insets[b->d->n_insets++];
    memset(in, 0, sizeof *in);
    in->type = type;
    in->kind = kind;
    lx_dsnprintf(in->id, sizeof in->id, "%s", id);
    in->block = in->step = -1;
    return in;
}

lx_desc_card *lx_dpart(lx_desc_inset *in, lx_part p, lx_kind kind, const char *id, const char *title)
{
    in->has[p] = true;
    lx_dcard(&in->part[p], kind, id, title);
    return &in->part[p];
}

void lx_dnote(lx_desc_inset *in, const char *s)
{
    if (in->n_notes < LX_DESC_MAX_NOTES) lx_dsnprintf(in->notes[in->n_notes++], sizeof in->notes[0], "%s", s);
}

void lx_dset_figure(lx_dbuild *b, lx_desc_inset *in, uint64_t params)
{
    if (params) lx_dsnprintf(in->figure, sizeof in->figure, "%s parameters per layer", lx_dfmt_th(b, params));
}

/* Every softmax-attention layer is NoPE (Kimi Linear's MLA layers): nothing rotates. */
static bool attn_all_nope(const lx_arch *a)
{
    int n = 0;
    for (int i = 0; i < a->n_layers && i < LX_MAX_LAYERS; i++) {
        if (a->layers[i].mixer != LX_MIX_ATTN) continue;
        if (!(a->layer_bits[i] & LX_LAYER_NOPE)) return false;
        n++;
    }
    return n > 0;
}

/* "4,096 → 1,024 (8 × 128)" */
static void proj_sub(lx_dbuild *b, lx_desc_card *c, uint64_t in, uint64_t heads, uint64_t dim, bool bias)
{
    char s[128];
    lx_dsnprintf(s, sizeof s, "%s → %s (%s × %s)%s", lx_dfmt_th(b, in), lx_dfmt_th(b, heads * dim), lx_dfmt_th(b, heads),
             lx_dfmt_th(b, dim), bias ? " + bias" : "");
    lx_dcard_sub(c, s);
    lx_dsnprintf(c->tip, sizeof c->tip, "%s: %s × %s weights%s", c->title, lx_dfmt_th(b, in), lx_dfmt_th(b, heads * dim),
             bias ? " + bias" : "");
}

/* RoPE pill text: "RoPE", "RoPE · 32 of 128 dims", "RoPE · 36 of 48 layers". */
static void rope_pill(lx_dbuild *b, lx_desc_inset *in, lx_part p, const char *id, uint64_t head_dim)
{
    const lx_arch *a = b->a;
    char t[96];
    uint64_t rd = a->pos.rope_dims;
    int nr = lx_drope_layers(a);
    if (rd && rd < head_dim) lx_dsnprintf(t, sizeof t, "RoPE · %s of %s dims", lx_dfmt_th(b, rd), lx_dfmt_th(b, head_dim));
    else if ((uint64_t)nr < a->hp.n_layers) lx_dsnprintf(t, sizeof t, "RoPE · %d of %s layers", nr, lx_dfmt_th(b, a->hp.n_layers));
    else lx_dsnprintf(t, sizeof t, "RoPE");
    lx_desc_card *c = lx_dpart(in, p, LX_KIND_POSITION, id, t);
    c->pill = true;
    lx_dsnprintf(c->tip, sizeof c->tip, "rotary position embedding, θ = %s", lx_dfmt_num(b, a->pos.rope_theta));
}

static void heads_note(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_arch *a = b->a;
    uint64_t h = a->attn.n_heads, kv = a->attn.n_kv_heads ? a->attn.n_kv_heads : h;
    in->n_heads = h;
    in->n_kv_heads = kv;
    if (kv >= h)
        lx_dsnprintf(in->heads_note, sizeof in->heads_note, "%s query heads, each with its own key/value head",
                 lx_dfmt_th(b, h));
    else if (kv == 1)
        lx_dsnprintf(in->heads_note, sizeof in->heads_note, "all %s query heads share one key/value head", lx_dfmt_th(b, h));
    else
        lx_dsnprintf(in->heads_note, sizeof in->heads_note,
                 "%s query heads share %s key/value heads: each group of %s query heads attends with one K/V head",
                 lx_dfmt_th(b, h), lx_dfmt_th(b, kv), lx_dfmt_th(b, h / kv));
}

static void sdpa_part(lx_dbuild *b, lx_desc_inset *in, uint64_t head_dim)
{
    const lx_arch *a = b->a;
    lx_desc_card *c = lx_dpart(in, LX_PART_SDPA, LX_KIND_ATTENTION, "sdpa", "Scaled dot-product attention per head");
    const char *mask = lx_dis_encoder(a) ? "padding mask" : "causal mask";
    const char *alibi = a->pos.kind == LX_POS_ALIBI ? " + ALiBi bias" : "";
    char s[160];
    const char *scale = a->hp.attn_scale > 0 ? lx_dfmt_num(b, a->hp.attn_scale) : lx_dfmt_th(b, head_dim);
    if (a->attn.softcap > 0)
        lx_dsnprintf(s, sizeof s, "softmax( %s · tanh( Q·Kᵀ / √%s / %s ) + %s%s ) · V", lx_dfmt_num(b, a->attn.softcap),
                 scale, lx_dfmt_num(b, a->attn.softcap), mask, alibi);
    else
        lx_dsnprintf(s, sizeof s, "softmax( Q·Kᵀ / √%s + %s%s ) · V", scale, mask, alibi);
    lx_dcard_sub(c, s);
    if (a->attn.sliding_window && a->attn.n_sliding_layers > 0) {
        if ((uint64_t)a->attn.n_sliding_layers >= a->hp.n_layers && a->encoder_only)
            lx_dsnprintf(s, sizeof s, "sliding window: each token sees the %s tokens around it",
                     lx_dfmt_th(b, a->attn.sliding_window));
        else if ((uint64_t)a->attn.n_sliding_layers >= a->hp.n_layers)
            lx_dsnprintf(s, sizeof s, "sliding window: each token sees the previous %s tokens",
                     lx_dfmt_th(b, a->attn.sliding_window));
        else
            lx_dsnprintf(s, sizeof s, "sliding window of %s tokens in %d of %s layers, full context in the rest",
                     lx_dfmt_th(b, a->attn.sliding_window), a->attn.n_sliding_layers, lx_dfmt_th(b, a->hp.n_layers));
        lx_dcard_sub(c, s);
    }
    int chunked = 0;
    for (int i = 0; i < a->n_layers && i < LX_MAX_LAYERS; i++) chunked += (a->layer_bits[i] & LX_LAYER_CHUNKED) != 0;
    if (chunked && a->hp.chunk_size) {
        lx_dsnprintf(s, sizeof s, "chunked in %d layers: a token sees only its own %s-token chunk", chunked,
                     lx_dfmt_th(b, a->hp.chunk_size));
        lx_dcard_sub(c, s);
    }
}

/* DSA (DeepSeek-V3.2, GLM-5): a small indexer picks the keys each query attends to. */
static void indexer_note(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_arch *a = b->a;
    int n = 0;
    for (int i = 0; i < a->n_layers && i < LX_MAX_LAYERS; i++) n += (a->layers[i].bits & LX_LAYER_INDEXER) != 0;
    if (!n) return;
    char s[192];
    lx_dsnprintf(s, sizeof s, "sparse attention in %d layers: an indexer of %s heads × %s scores every past token and "
                 "each query attends only to the keys it ranks highest", n, lx_dfmt_th(b, a->hp.idx_heads),
                 lx_dfmt_th(b, a->hp.idx_head_dim));
    lx_dnote(in, s);
}

/* True when the attention layers' own gate projection gives one value per head (Step 3.5's
 * head-wise gate: its rows are the layer's heads), not one per head channel. */
static bool gate_per_head(const lx_arch *a)
{
    for (size_t i = 0; i < a->tensors->n; i++) {
        int l = a->roles[i].layer;
        if (a->roles[i].role != LX_ROLE_ATTN_GATE || l < 0 || l >= a->n_layers || l >= LX_MAX_LAYERS ||
            a->layers[l].mixer != LX_MIX_ATTN || a->tensors->v[i].n_dims != 2)
            continue;
        return a->tensors->v[i].shape[0] == a->layers[l].n_heads;
    }
    return false;
}

/* Gated attention (Qwen3-Next, Step 3.5): a sigmoid of the layer input scales the heads' output. */
static void gate_part(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_arch *a = b->a;
    int gated = 0;
    for (int i = 0; i < a->n_layers && i < LX_MAX_LAYERS; i++)
        gated += a->layers[i].mixer == LX_MIX_ATTN && (a->layers[i].bits & LX_LAYER_GATED);
    if (!gated) return;
    lx_desc_card *c = lx_dpart(in, LX_PART_OGATE, LX_KIND_ATTENTION, "gate", "Output gate: o ⊙ sigmoid(x · W_g)");
    char s[160];
    bool per_head = gate_per_head(a);
    uint64_t width = a->attn.n_heads * (per_head ? 1 : a->attn.v_head_dim ? a->attn.v_head_dim : a->attn.head_dim);
    lx_dsnprintf(s, sizeof s, "W_g: %s → %s, one gate value per head%s, in %d layers", lx_dfmt_th(b, a->hp.d_model),
                 lx_dfmt_th(b, width), per_head ? "" : " channel", gated);
    lx_dcard_sub(c, s);
}

static void out_part(lx_dbuild *b, lx_desc_inset *in, uint64_t vdim)
{
    const lx_arch *a = b->a;
    char t[128];
    lx_dsnprintf(t, sizeof t, "Concatenate %s heads → output projection", lx_dfmt_th(b, a->attn.n_heads));
    lx_desc_card *c = lx_dpart(in, LX_PART_OUT, LX_KIND_ATTENTION, "out", t);
    lx_dsnprintf(c->figure, sizeof c->figure, "%s → %s%s", lx_dfmt_th(b, a->attn.n_heads * vdim), lx_dfmt_th(b, a->hp.d_model),
             a->attn.o_bias ? " + bias" : "");
    lx_dsnprintf(c->tip, sizeof c->tip, "output projection: %s × %s weights", lx_dfmt_th(b, a->attn.n_heads * vdim),
             lx_dfmt_th(b, a->hp.d_model));
}

static void qk_norm_parts(lx_dbuild *b, lx_desc_inset *in)
{
    if (!b->a->attn.qk_norm) return;
    char t[64];
    lx_dsnprintf(t, sizeof t, "Q-norm (%s)", lx_dnorm_name(b->a));
    lx_dpart(in, LX_PART_Q_NORM, LX_KIND_NORM, "qnorm", t)->pill = true;
    lx_dsnprintf(t, sizeof t, "K-norm (%s)", lx_dnorm_name(b->a));
    lx_dpart(in, LX_PART_K_NORM, LX_KIND_NORM, "knorm", t)->pill = true;
}

static void inset_attn(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_arch *a = b->a;
    uint64_t d = a->hp.d_model, hd = a->attn.head_dim, vd = a->attn.v_head_dim ? a->attn.v_head_dim : hd;
    uint64_t kv = a->attn.n_kv_heads ? a->attn.n_kv_heads : a->attn.n_heads;
    proj_sub(b, lx_dpart(in, LX_PART_Q, LX_KIND_ATTENTION, "q", "Q projection"), d, a->attn.n_heads, hd, a->attn.q_bias);
    proj_sub(b, lx_dpart(in, LX_PART_K, LX_KIND_ATTENTION, "k", "K projection"), d, kv, hd, a->attn.k_bias);
    proj_sub(b, lx_dpart(in, LX_PART_V, LX_KIND_ATTENTION, "v", "V projection"), d, kv, vd, a->attn.v_bias);
    qk_norm_parts(b, in);
    if (a->pos.kind == LX_POS_ROPE && !attn_all_nope(a)) {
        rope_pill(b, in, LX_PART_Q_ROPE, "qrope", hd);
        rope_pill(b, in, LX_PART_K_ROPE, "krope", hd);
    }
    heads_note(b, in);
    sdpa_part(b, in, hd);
    gate_part(b, in);
    out_part(b, in, vd);
    indexer_note(b, in);
    if (a->attn.fused_qkv) /* counted from hyper-parameters (config, vocabulary-only GGUF): no file was read */
        lx_dnote(in, a->synthesized ? "Q, K and V are one fused matrix in this family's weights"
                                    : "Q, K and V are stored as one fused matrix in the file");
}

static void mla_q(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_arch *a = b->a;
    uint64_t qd = lx_dq_head_dim(a);
    char s[160];
    if (!a->attn.q_lora_rank) {
        proj_sub(b, lx_dpart(in, LX_PART_Q, LX_KIND_ATTENTION, "q", "Q projection"), a->hp.d_model, a->attn.n_heads, qd, false);
        return;
    }
    lx_desc_card *c = lx_dpart(in, LX_PART_Q_DOWN, LX_KIND_ATTENTION, "qdown", "Q down-projection");
    lx_dsnprintf(s, sizeof s, "%s → %s (query latent)", lx_dfmt_th(b, a->hp.d_model), lx_dfmt_th(b, a->attn.q_lora_rank));
    lx_dcard_sub(c, s);
    lx_dsnprintf(s, sizeof s, "%s %s", lx_dnorm_name(a), lx_dfmt_th(b, a->attn.q_lora_rank));
    lx_dpart(in, LX_PART_Q_DOWN_NORM, LX_KIND_NORM, "qnorm", s)->pill = true;
    c = lx_dpart(in, LX_PART_Q_UP, LX_KIND_ATTENTION, "qup", "Q up-projection");
    lx_dsnprintf(s, sizeof s, "%s → %s (%s × %s)", lx_dfmt_th(b, a->attn.q_lora_rank), lx_dfmt_th(b, a->attn.n_heads * qd),
             lx_dfmt_th(b, a->attn.n_heads), lx_dfmt_th(b, qd));
    lx_dcard_sub(c, s);
}

static void mla_kv(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_arch *a = b->a;
    uint64_t r = a->attn.kv_lora_rank, rope = a->attn.rope_head_dim, h = a->attn.n_heads;
    uint64_t vd = a->attn.v_head_dim ? a->attn.v_head_dim : a->attn.nope_head_dim;
    char s[160];
    lx_desc_card *c = lx_dpart(in, LX_PART_KV_DOWN, LX_KIND_ATTENTION, "kvdown", "KV down-projection");
    lx_dsnprintf(s, sizeof s, "%s → %s (%s latent + %s RoPE key)", lx_dfmt_th(b, a->hp.d_model), lx_dfmt_th(b, r + rope),
             lx_dfmt_th(b, r), lx_dfmt_th(b, rope));
    lx_dcard_sub(c, s);
    lx_dsnprintf(s, sizeof s, "%s %s", lx_dnorm_name(a), lx_dfmt_th(b, r));
    lx_dpart(in, LX_PART_KV_NORM, LX_KIND_NORM, "kvnorm", s)->pill = true;
    c = lx_dpart(in, LX_PART_KV_UP, LX_KIND_ATTENTION, "kvup", "KV up-projection");
    lx_dsnprintf(s, sizeof s, "%s → %s (%s × (%s K + %s V))", lx_dfmt_th(b, r), lx_dfmt_th(b, h * (a->attn.nope_head_dim + vd)),
             lx_dfmt_th(b, h), lx_dfmt_th(b, a->attn.nope_head_dim), lx_dfmt_th(b, vd));
    lx_dcard_sub(c, s);
}

static void inset_mla(lx_dbuild *b, lx_desc_inset *in)
{
    const lx_arch *a = b->a;
    uint64_t qd = lx_dq_head_dim(a), rope = a->attn.rope_head_dim;
    char s[192];
    bool nope = attn_all_nope(a);
    mla_q(b, in);
    mla_kv(b, in);
    lx_dsnprintf(s, sizeof s, "%s · %s of %s dims", nope ? "NoPE, not rotated" : "RoPE", lx_dfmt_th(b, rope), lx_dfmt_th(b, qd));
    lx_dpart(in, LX_PART_Q_ROPE, LX_KIND_POSITION, "qrope", s)->pill = true;
    lx_dsnprintf(s, sizeof s, "%s · %s dims", nope ? "shared key, not rotated" : "RoPE key", lx_dfmt_th(b, rope));
    lx_dpart(in, LX_PART_K_ROPE, LX_KIND_POSITION, "krope", s)->pill = true;
    in->n_heads = in->n_kv_heads = a->attn.n_heads;
    uint64_t vd = a->attn.v_head_dim ? a->attn.v_head_dim : a->attn.nope_head_dim;
    lx_dsnprintf(in->heads_note, sizeof in->heads_note,
             "one %s-dim RoPE key is shared by all heads; the KV cache keeps only the %s-dim latent + that "
             "key per token, not %s K/V values",
             lx_dfmt_th(b, rope), lx_dfmt_th(b, a->attn.kv_lora_rank), lx_dfmt_th(b, a->attn.n_heads * (qd + vd)));
    sdpa_part(b, in, qd);
    gate_part(b, in);
    out_part(b, in, vd);
    indexer_note(b, in);
}

/* Gate (when gated), up, activation, down; and the note saying how they combine. */
static void ffn_parts(lx_dbuild *b, lx_desc_inset *in, uint64_t dff, bool gated)
{
    const lx_arch *a = b->a;
    const char *d = lx_dfmt_th(b, a->hp.d_model), *f = lx_dfmt_th(b, dff), *act = lx_dact_name(a->ffn.activation);
    char s[160];
    const char *bias = a->ffn.bias ? " + bias" : "";
    lx_dsnprintf(s, sizeof s, "%s → %s%s", d, f, bias);
    if (gated) lx_dcard_sub(lx_dpart(in, LX_PART_GATE, in->kind, "gate", "Gate projection"), s);
    lx_dcard_sub(lx_dpart(in, LX_PART_UP, in->kind, "up", "Up projection"), s);
    lx_dpart(in, LX_PART_ACT, in->kind, "act", act)->pill = true;
    lx_dsnprintf(s, sizeof s, "%s → %s%s", f, d, bias);
    lx_dcard_sub(lx_dpart(in, LX_PART_DOWN, in->kind, "down", "Down projection"), s);
    if (gated)
        lx_dsnprintf(s, sizeof s, "element-wise %s(gate) ⊙ up, then projected back to the residual width %s", act, d);
    else
        lx_dsnprintf(s, sizeof s, "each position on its own: down( %s( up(x) ) ), widening to %s and back", act, f);
    lx_dnote(in, s);
}

static void inset_ffn(lx_dbuild *b, lx_desc_inset *in, const lx_group *g)
{
    const lx_arch *a = b->a;
    uint64_t dff = g->d_ff ? g->d_ff : a->ffn.d_ff;
    char t[112];
    if (g->ffn == LX_FFN_GLU) {
        lx_dsnprintf(t, sizeof t, "Inside the %s feed-forward (one layer)", lx_dglu_name(a->ffn.activation));
        ffn_parts(b, in, dff, true);
    } else {
        lx_dsnprintf(t, sizeof t, "Inside the MLP feed-forward (one layer)");
        ffn_parts(b, in, dff, false);
    }
    lx_dsnprintf(in->title, sizeof in->title, "%s", t);
    lx_dset_figure(b, in, g->per_layer[LX_COMP_FFN_DENSE].params);
}

static void moe_cards(lx_dbuild *b, lx_desc_inset *in, const lx_group *g)
{
    const lx_arch *a = b->a;
    const char *d = lx_dfmt_th(b, a->hp.d_model), *e = lx_dfmt_th(b, a->ffn.d_expert);
    char s[160];
    lx_desc_card *c = lx_dpart(in, LX_PART_ROUTER, LX_KIND_ROUTER, "router", "Router");
    bool sig = !strcmp(a->hp.router_score, "sigmoid");
    lx_dsnprintf(s, sizeof s, "%s → %s %sscores, keeps the top %s", d, lx_dfmt_th(b, a->ffn.n_experts),
             sig ? "sigmoid " : "", lx_dfmt_th(b, a->ffn.n_experts_used));
    lx_dcard_sub(c, s);
    if (a->hp.router_bias == LX_YES) lx_dcard_sub(c, "+ a per-expert bias that steers the choice, not the weights");
    lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_th(b, g->per_layer[LX_COMP_ROUTER].params));
    lx_dsnprintf(s, sizeof s, "Expert (× %s)", lx_dfmt_th(b, a->ffn.n_experts));
    c = lx_dpart(in, LX_PART_EXPERT, LX_KIND_EXPERTS, "expert", s);
    const char *ed = a->hp.moe_latent ? lx_dfmt_th(b, a->hp.moe_latent) : d;
    lx_dsnprintf(s, sizeof s, "%s %s → %s → %s", lx_dexpert_name(a), ed, e, ed);
    lx_dcard_sub(c, s);
    uint64_t each = a->ffn.n_experts ? g->per_layer[LX_COMP_FFN_EXPERTS].params / a->ffn.n_experts : 0;
    lx_dsnprintf(c->figure, sizeof c->figure, "%s each", lx_dfmt_short(b, each));
    if (!a->ffn.n_shared_experts) return;
    lx_dsnprintf(s, sizeof s, "Shared expert%s (always on)", a->ffn.n_shared_experts > 1 ? "s" : "");
    c = lx_dpart(in, LX_PART_SHARED, LX_KIND_SHARED, "shared", s);
    uint64_t ds = a->ffn.d_shared ? a->ffn.d_shared : a->ffn.d_expert;
    lx_dsnprintf(s, sizeof s, "%s%s%s %s → %s → %s", a->ffn.n_shared_experts > 1 ? lx_dfmt_th(b, a->ffn.n_shared_experts) : "",
             a->ffn.n_shared_experts > 1 ? " × " : "", lx_dexpert_name(a), d, lx_dfmt_th(b, ds), d);
    lx_dcard_sub(c, s);
    lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, g->per_layer[LX_COMP_FFN_SHARED].params));
}

static void inset_moe(lx_dbuild *b, lx_desc_inset *in, const lx_group *g)
{
    const lx_arch *a = b->a;
    uint64_t total = g->per_layer[LX_COMP_FFN_EXPERTS].params + g->per_layer[LX_COMP_FFN_SHARED].params +
                     g->per_layer[LX_COMP_ROUTER].params;
    lx_dsnprintf(in->title, sizeof in->title, "Inside the mixture of experts (one layer)");
    lx_dset_figure(b, in, total);
    moe_cards(b, in, g);
    in->n_experts = a->ffn.n_experts;
    in->n_used = a->ffn.n_experts_used;
    in->n_shared = a->ffn.n_shared_experts;
    lx_dsnprintf(in->heads_note, sizeof in->heads_note,
             "each token runs %s of the %s experts (one possible choice highlighted)", lx_dfmt_th(b, a->ffn.n_experts_used),
             lx_dfmt_th(b, a->ffn.n_experts));
    uint64_t each = a->ffn.n_experts ? g->per_layer[LX_COMP_FFN_EXPERTS].params / a->ffn.n_experts : 0;
    uint64_t active = each * a->ffn.n_experts_used + g->per_layer[LX_COMP_FFN_SHARED].params +
                      g->per_layer[LX_COMP_ROUTER].params;
    char s[192];
    lx_dsnprintf(s, sizeof s, "output = weighted sum of the chosen experts' outputs%s",
             a->ffn.n_shared_experts ? " + the shared expert's output" : "");
    lx_dnote(in, s);
    if (a->hp.moe_latent) {
        lx_dsnprintf(s, sizeof s, "latent MoE: the routed experts work in a %s-wide latent (%s → %s down, back up after the sum)",
                     lx_dfmt_th(b, a->hp.moe_latent), lx_dfmt_th(b, a->hp.d_model), lx_dfmt_th(b, a->hp.moe_latent));
        lx_dnote(in, s);
    }
    lx_dsnprintf(s, sizeof s, "active per token in this layer: %s of %s parameters (%.1f %%)", lx_dfmt_th(b, active),
             lx_dfmt_th(b, total), total ? 100.0 * (double)active / (double)total : 0.0);
    lx_dnote(in, s);
}

/* Points every block card with this id at the inset; the inset is drawn beside the first. */
void lx_dlink_inset(lx_dbuild *b, int inset, const char *card_id)
{
    lx_desc *d = b->d;
    for (int k = 0; k < d->n_blocks; k++) {
        for (int s = 0; s < d->blocks[k].n_steps; s++) {
            lx_desc_step *st = &d->blocks[k].steps[s];
            bool first = (st->type == LX_STEP_CARD || st->type == LX_STEP_PAIR) && !strcmp(st->card.id, card_id);
            bool second = st->type == LX_STEP_PAIR && !strcmp(st->card2.id, card_id);
            if (!first && !second) continue;
            if (first) st->card.inset = inset;
            else st->card2.inset = inset;
            if (d->insets[inset].block >= 0) continue;
            d->insets[inset].block = k;
            d->insets[inset].step = s;
            d->insets[inset].second = second;
        }
    }
}

/* The first group whose feed-forward is (or is not) a mixture of experts, or NULL. */
static const lx_group *first_group(const lx_arch *a, bool moe)
{
    for (int g = 0; g < a->n_groups; g++)
        if (a->groups[g].ffn != LX_FFN_NONE && (a->groups[g].ffn == LX_FFN_MOE) == moe) return &a->groups[g];
    return NULL;
}

/* The first group whose token mixer is softmax attention. */
static const lx_group *attn_group(const lx_arch *a)
{
    for (int g = 0; g < a->n_groups; g++)
        if (a->groups[g].mixer == LX_MIX_ATTN) return &a->groups[g];
    return NULL;
}

/* Insets in the order of the cards they zoom into, so that leader lines do not cross. */
static void sort_insets(lx_desc *d)
{
    for (int i = 1; i < d->n_insets; i++) {
        lx_desc_inset t = d->insets[i];
        int key = t.block < 0 ? 1 << 20 : t.block * 256 + t.step, j = i;
        for (; j > 0; j--) {
            const lx_desc_inset *p = &d->insets[j - 1];
            if ((p->block < 0 ? 1 << 20 : p->block * 256 + p->step) <= key) break;
            d->insets[j] = d->insets[j - 1];
        }
        d->insets[j] = t;
    }
    for (int k = 0; k < d->n_blocks; k++) /* the cards point at the insets' new places */
        for (int s = 0; s < d->blocks[k].n_steps; s++) {
            lx_desc_step *st = &d->blocks[k].steps[s];
            for (int i = 0; i < d->n_insets; i++) {
                if ((st->type == LX_STEP_CARD || st->type == LX_STEP_PAIR) && !strcmp(st->card.id, d->insets[i].id))
                    st->card.inset = i;
                if (st->type == LX_STEP_PAIR && !strcmp(st->card2.id, d->insets[i].id)) st->card2.inset = i;
            }
        }
}

void lx_dbuild_insets(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    bool mla = a->attn.kind == LX_ATTN_MLA;
    const lx_group *ag = attn_group(a);
    if (ag || a->n_mixers[LX_MIX_ATTN] > 0) {
        lx_desc_inset *in = lx_dinset_new(b, mla ? LX_INSET_MLA : LX_INSET_ATTN, LX_KIND_ATTENTION, "attn");
        char t[112];
        lx_dsnprintf(t, sizeof t, "Inside %s (one layer)", mla ? "multi-head latent attention" :
                 a->attn.kind == LX_ATTN_GQA ? "grouped-query attention" :
                 a->attn.kind == LX_ATTN_MQA ? "multi-query attention" : "multi-head attention");
        lx_dsnprintf(in->title, sizeof in->title, "%s", t);
        lx_dset_figure(b, in, (ag ? ag : &a->groups[0])->per_layer[LX_COMP_ATTENTION].params);
        if (mla) inset_mla(b, in);
        else inset_attn(b, in);
        lx_dlink_inset(b, b->d->n_insets - 1, "attn");
    }
    lx_dmixer_insets(b);
    const lx_group *dense = first_group(a, false), *moe = first_group(a, true);
    if (dense && b->d->n_insets < LX_DESC_MAX_INSETS) {
        lx_desc_inset *in = lx_dinset_new(b, dense->ffn == LX_FFN_GLU ? LX_INSET_GLU : LX_INSET_MLP, LX_KIND_FFN, "ffn");
        inset_ffn(b, in, dense);
        lx_dlink_inset(b, b->d->n_insets - 1, "ffn");
    }
    if (moe && b->d->n_insets < LX_DESC_MAX_INSETS) {
        lx_desc_inset *in = lx_dinset_new(b, LX_INSET_MOE, LX_KIND_EXPERTS, "moe");
        inset_moe(b, in, moe);
        lx_dlink_inset(b, b->d->n_insets - 1, "moe");
    }
    sort_insets(b->d);
}
