/* layout/describe_encdec — what the diagram says about models that are not one causal
 * stack: encoder-only models (BERT, RoBERTa) and encoder-decoders (T5, Whisper).
 *
 * Encoder-only: the token-type embedding and the embedding norm join the spine's top; its
 * bottom is the head the checkpoint has — the pooler ([CLS] dense + tanh), then a
 * classifier of N labels, or the masked-LM head (transform, norm, tied decoder), or none
 * (the contextual vectors are the output).
 *
 * Encoder-decoder: one block per stack (the stack's largest group stands for its layers;
 * T5's layer 0 differs only by the relative-bias table, drawn as its own card above the
 * stack), the decoder's with a cross-attention sub-layer after its self-attention; the
 * encoder column ends in its final norm and its output, the decoder column starts with its
 * input and the (shared) embedding. The insets zoom into the decoder's cards, which sit next
 * to them. Input: the lx_dbuild after the common description; it rewrites blocks and spine
 * cards in place. */
#include "layout/describe_int.h"

#include <string.h>

/* ---- tensors by role and stack ---- */

/* Parameters and bytes of the tensors of role r; stack 0 the encoder's, 1 the decoder's,
 * -1 both. *rows (when given) receives the outer size of the last one. */
static lx_count role_count(const lx_arch *a, lx_role r, int stack, uint64_t *rows)
{
    lx_count n = {0, 0};
    for (size_t i = 0; a->tensors && i < a->tensors->n; i++) {
        const lx_role_match *m = &a->roles[i];
        if (m->role != r) continue;
        int st = a->n_enc_layers <= 0 ? 0 /* one stack */ : !lx_arch_in_encoder(a, i);
        if (stack >= 0 && st != stack) continue;
        n.params += a->tensors->v[i].n_elems;
        n.bytes += a->tensors->v[i].n_bytes;
        if (rows && !m->bias) *rows = a->tensors->v[i].shape[0];
    }
    return n;
}

static lx_desc_card *spine_add(lx_desc_card *cards, int *n)
{
    return *n < LX_DESC_MAX_SPINE ? &cards[(*n)++] : &cards[LX_DESC_MAX_SPINE - 1];
}

static void set_figure(lx_dbuild *b, lx_desc_card *c, uint64_t params)
{
    lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, params));
}

/* ---- encoder-only ---- */

static void token_types_card(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    uint64_t rows = 0;
    lx_count n = role_count(a, LX_ROLE_TOKEN_TYPES, -1, &rows);
    if (!n.params) return;
    lx_desc_card *c = spine_add(b->d->spine_top, &b->d->n_spine_top);
    char s[160];
    lx_dcard(c, LX_KIND_EMBEDDING, "types", "Token-type embedding (segments)");
    lx_dsnprintf(s, sizeof s, "%s type%s × %s · added to each token", lx_dfmt_th(b, rows), rows == 1 ? "" : "s",
                 lx_dfmt_th(b, a->hp.d_model));
    lx_dcard_sub(c, s);
    set_figure(b, c, n.params);
    lx_dsnprintf(c->tip, sizeof c->tip, "token-type embedding: %s × %s = %s parameters", lx_dfmt_th(b, rows),
                 lx_dfmt_th(b, a->hp.d_model), lx_dfmt_th(b, n.params));
    /* the token embedding card counts its own table only */
    for (int i = 0; i < b->d->n_spine_top; i++)
        if (!strcmp(b->d->spine_top[i].id, "embed"))
            set_figure(b, &b->d->spine_top[i], a->comp[LX_COMP_EMBEDDING].params - n.params);
}

static void embd_norm_card(lx_dbuild *b)
{
    if (!role_count(b->a, LX_ROLE_EMBD_NORM, -1, NULL).params) return;
    lx_desc_card *c = spine_add(b->d->spine_top, &b->d->n_spine_top);
    lx_dnorm_card(b, c, "embd_norm", "Embedding ");
}

static void pooler_card(lx_dbuild *b, lx_count n)
{
    lx_desc_card *c = spine_add(b->d->spine_bottom, &b->d->n_spine_bottom);
    char s[160];
    const char *d = lx_dfmt_th(b, b->a->hp.d_model);
    lx_dcard(c, LX_KIND_OUTPUT, "pooler", "Pooler (first token, [CLS])");
    lx_dsnprintf(s, sizeof s, "dense %s → %s + bias, then tanh", d, d);
    lx_dcard_sub(c, s);
    set_figure(b, c, n.params);
    lx_dsnprintf(c->tip, sizeof c->tip, "pooler: %s parameters", lx_dfmt_th(b, n.params));
}

/* The pill that ends the encoder's column: what the head's logits become. */
static void softmax_pill(lx_dbuild *b, const char *what)
{
    lx_desc_card *c = spine_add(b->d->spine_bottom, &b->d->n_spine_bottom);
    lx_dcard(c, LX_KIND_NEUTRAL, "softmax", "Softmax");
    c->pill = true;
    lx_dcard_sub(c, what);
}

static void classifier_cards(lx_dbuild *b, lx_count n, uint64_t labels)
{
    lx_desc_card *c = spine_add(b->d->spine_bottom, &b->d->n_spine_bottom);
    char s[160];
    lx_dsnprintf(s, sizeof s, "Classifier · %s label%s", lx_dfmt_th(b, labels), labels == 1 ? "" : "s");
    lx_dcard(c, LX_KIND_OUTPUT, "classifier", s);
    lx_dsnprintf(s, sizeof s, "%s → %s + bias, on the pooled vector", lx_dfmt_th(b, b->a->hp.d_model),
                 lx_dfmt_th(b, labels));
    lx_dcard_sub(c, s);
    set_figure(b, c, n.params);
    lx_dsnprintf(c->tip, sizeof c->tip, "classifier: %s parameters", lx_dfmt_th(b, n.params));
    lx_dsnprintf(s, sizeof s, "→ probabilities over %s label%s, one set per sequence", lx_dfmt_th(b, labels),
                 labels == 1 ? "" : "s");
    softmax_pill(b, s);
}

static void mlm_cards(lx_dbuild *b, lx_count n)
{
    const lx_arch *a = b->a;
    lx_desc_card *c = spine_add(b->d->spine_bottom, &b->d->n_spine_bottom);
    char s[160];
    const char *d = lx_dfmt_th(b, a->hp.d_model);
    lx_dcard(c, LX_KIND_OUTPUT, "mlm", "Masked-LM head");
    lx_dsnprintf(s, sizeof s, "transform: dense %s → %s + %s, then %s", d, d, lx_dact_name(a->ffn.activation),
                 lx_dnorm_name(a));
    lx_dcard_sub(c, s);
    lx_dsnprintf(s, sizeof s, "decoder %s → %s logits + bias%s", d, lx_dfmt_th(b, a->hp.vocab_size),
                 a->tied ? ", tied to the token embedding" : "");
    lx_dcard_sub(c, s);
    set_figure(b, c, n.params);
    lx_dsnprintf(c->tip, sizeof c->tip, "masked-LM head: %s parameters", lx_dfmt_th(b, n.params));
    lx_dsnprintf(s, sizeof s, "→ probabilities over %s tokens at each (masked) position", lx_dfmt_th(b, a->hp.vocab_size));
    softmax_pill(b, s);
}

/* BertForPreTraining: the masked-LM head on every token and the next-sentence head on the
 * pooled [CLS] vector, side by side on the last layer's output: one card, so that no arrow
 * says one feeds the other. */
static void pretraining_cards(lx_dbuild *b, lx_count heads)
{
    const lx_arch *a = b->a;
    lx_desc_card *c = spine_add(b->d->spine_bottom, &b->d->n_spine_bottom);
    char s[160];
    const char *d = lx_dfmt_th(b, a->hp.d_model);
    lx_dcard(c, LX_KIND_OUTPUT, "pretrain", "Pre-training heads · masked LM and next sentence");
    lx_dsnprintf(s, sizeof s, "masked LM, every token: dense %s → %s + %s, %s, decoder → %s%s", d, d,
                 lx_dact_name(a->ffn.activation), lx_dnorm_name(a), lx_dfmt_th(b, a->hp.vocab_size),
                 a->tied ? " (tied)" : "");
    lx_dcard_sub(c, s);
    lx_dsnprintf(s, sizeof s, "next sentence, first token [CLS]: pooler dense %s → %s + tanh, then %s → 2", d, d, d);
    lx_dcard_sub(c, s);
    lx_dcard_sub(c, "both read the last layer's output; neither feeds the other");
    set_figure(b, c, heads.params);
    lx_dsnprintf(c->tip, sizeof c->tip, "pre-training heads: %s parameters", lx_dfmt_th(b, heads.params));
    lx_dsnprintf(s, sizeof s, "→ %s-token probabilities at masked positions · is-next per pair",
                 lx_dfmt_th(b, a->hp.vocab_size));
    softmax_pill(b, s);
}

static void encoder_bottom(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    uint64_t labels = 0;
    lx_count pool = role_count(a, LX_ROLE_POOLER, -1, NULL), cls = role_count(a, LX_ROLE_CLS_OUT, -1, &labels);
    lx_count mlm = role_count(a, LX_ROLE_MLM, -1, NULL);
    b->d->n_spine_bottom = 0;
    if (role_count(a, LX_ROLE_OUTPUT_NORM, -1, NULL).params) /* a pre-norm encoder (T5's) ends in a norm */
        lx_dnorm_card(b, spine_add(b->d->spine_bottom, &b->d->n_spine_bottom), "final_norm", "Final ");
    if (pool.params && cls.params && mlm.params) { /* a pre-training checkpoint: both of its heads */
        pretraining_cards(b, (lx_count){pool.params + cls.params + mlm.params, pool.bytes + cls.bytes + mlm.bytes});
        return;
    }
    if (pool.params) pooler_card(b, pool);
    if (cls.params) classifier_cards(b, cls, labels);
    else if (mlm.params) mlm_cards(b, mlm);
    else {
        lx_desc_card *c = spine_add(b->d->spine_bottom, &b->d->n_spine_bottom);
        char s[160];
        lx_dcard(c, LX_KIND_NEUTRAL, "output", "Contextual embeddings (no head)");
        c->pill = true;
        lx_dsnprintf(s, sizeof s, "one %s-wide vector per token%s", lx_dfmt_th(b, a->hp.d_model),
                     pool.params ? ", and the pooled [CLS] vector" : "");
        lx_dcard_sub(c, s);
    }
}

/* ---- encoder-decoder ---- */

static bool relative(const lx_arch *a) { return a->pos.kind == LX_POS_RELATIVE; }

/* The stack's group with the most layers (T5's layer 0 differs by its bias table only). */
static const lx_group *stack_group(const lx_arch *a, int stack)
{
    const lx_group *best = NULL;
    for (int g = 0; g < a->n_groups; g++) {
        const lx_group *x = &a->groups[g];
        if ((x->first >= a->n_enc_layers) != stack) continue;
        if (!best || x->last - x->first > best->last - best->first) best = x;
    }
    return best;
}

static void rel_bias_card(lx_dbuild *b, lx_desc_card *c, int stack, int n_layers)
{
    const lx_arch *a = b->a;
    uint64_t buckets = 0;
    lx_count n = role_count(a, LX_ROLE_REL_BIAS, stack, &buckets);
    char s[160];
    lx_dcard(c, LX_KIND_POSITION, stack ? "dec_relb" : "relb", "Relative position bias");
    lx_dsnprintf(s, sizeof s, "%s buckets × %s heads, log-spaced up to distance %s", lx_dfmt_th(b, buckets),
                 lx_dfmt_th(b, a->attn.n_heads), lx_dfmt_th(b, a->hp.rel_attn_max_dist ? a->hp.rel_attn_max_dist : 128));
    lx_dcard_sub(c, s);
    lx_dsnprintf(s, sizeof s, "%s · held by layer 0, added in all %d layers",
                 stack ? "earlier tokens only" : "both directions", n_layers);
    lx_dcard_sub(c, s);
    set_figure(b, c, n.params);
    lx_dsnprintf(c->tip, sizeof c->tip, "relative position bias (%s): %s parameters", stack ? "decoder" : "encoder",
                 lx_dfmt_th(b, n.params));
}

static void caption(lx_desc_block *k, const char *name, int n_layers)
{
    k->n_layers = n_layers;
    if (n_layers == 1) lx_dsnprintf(k->caption, sizeof k->caption, "%s · layer 0", name);
    else lx_dsnprintf(k->caption, sizeof k->caption, "%s · layers 0–%d", name, n_layers - 1);
    lx_dsnprintf(k->badge, sizeof k->badge, "× %d", n_layers);
}

/* The cross-attention sub-layer inserted after the self-attention's (after its ⊕, and after
 * the norm that follows it in a post-norm block): fork, norm, card, ⊕ (post-norm: the norm
 * after the ⊕). */
static void insert_cross(lx_dbuild *b, lx_desc_block *k)
{
    const lx_arch *a = b->a;
    int at = 0;
    while (at < k->n_steps && k->steps[at].type != LX_STEP_ADD) at++;
    at++;
    if (at < k->n_steps && k->steps[at].type == LX_STEP_CARD && k->steps[at].card.kind == LX_KIND_NORM) at++; /* post-norm */
    lx_desc_step add[5];
    int m = 0;
    memset(add, 0, sizeof add);
    add[m++].type = LX_STEP_FORK;
    if (a->norm.placement != LX_NORM_POST) {
        add[m].type = LX_STEP_CARD;
        lx_dnorm_card(b, &add[m++].card, "xattn_norm", "");
    }
    add[m].type = LX_STEP_CARD;
    lx_desc_card *c = &add[m++].card;
    char s[160];
    lx_dcard(c, LX_KIND_ATTENTION, "xattn", "Cross-attention to the encoder");
    lx_dsnprintf(s, sizeof s, "%s heads · head dim %s · sees every input token", lx_dfmt_th(b, a->attn.n_heads),
                 lx_dfmt_th(b, a->attn.head_dim));
    lx_dcard_sub(c, s);
    lx_dcard_sub(c, "queries from the decoder; keys and values from the encoder output");
    lx_count n = role_count(a, LX_ROLE_CROSS_ATTN, 1, NULL);
    uint64_t layers = (uint64_t)(a->n_layers - a->n_enc_layers);
    if (layers) set_figure(b, c, n.params / layers);
    lx_dsnprintf(c->tip, sizeof c->tip, "cross-attention, per layer: %s parameters (its norm included)",
                 lx_dfmt_th(b, layers ? n.params / layers : 0));
    add[m++].type = LX_STEP_ADD;
    if (a->norm.placement == LX_NORM_POST) { /* BART: the norm after the add */
        add[m].type = LX_STEP_CARD;
        lx_dnorm_card(b, &add[m++].card, "xattn_norm", "");
    }
    if (at > k->n_steps || k->n_steps + m > LX_DESC_MAX_STEPS) return;
    memmove(&k->steps[at + m], &k->steps[at], (size_t)(k->n_steps - at) * sizeof k->steps[0]);
    memcpy(&k->steps[at], add, (size_t)m * sizeof add[0]);
    k->n_steps += m;
}

static bool audio_stem(const lx_arch *a);

static void stack_blocks(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    const lx_group *ge = stack_group(a, 0), *gd = stack_group(a, 1);
    if (!ge || !gd) return;
    memset(d->blocks, 0, sizeof d->blocks);
    d->blocks_more[0] = '\0';
    d->n_blocks = 2;
    d->n_enc_blocks = 1;
    caption(&d->blocks[0], audio_stem(a) ? "Audio encoder block" : "Encoder block", a->n_enc_layers);
    lx_dblock_layer(b, &d->blocks[0], ge, &a->layers[ge->first]);
    caption(&d->blocks[1], "Decoder block", a->n_layers - a->n_enc_layers);
    lx_dblock_layer(b, &d->blocks[1], gd, &a->layers[gd->first]);
    insert_cross(b, &d->blocks[1]);
    /* the encoder's self-attention sees the whole input: "Masked ..." becomes "Bidirectional ..." */
    for (int j = 0; j < d->blocks[0].n_steps; j++) {
        lx_desc_card *c = &d->blocks[0].steps[j].card;
        if (!strcmp(c->id, "attn")) {
            char t[sizeof c->title];
            lx_dsnprintf(t, sizeof t, "Bidirectional%s", strchr(c->title, ' ') ? strchr(c->title, ' ') : "");
            memcpy(c->title, t, sizeof t);
        }
    }
    /* the decoder's: self-attention (its group's attention count holds the cross-attention too) */
    uint64_t layers = (uint64_t)(a->n_layers - a->n_enc_layers);
    uint64_t cross = layers ? role_count(a, LX_ROLE_CROSS_ATTN, 1, NULL).params / layers : 0;
    for (int j = 0; j < d->blocks[1].n_steps; j++) {
        lx_desc_card *c = &d->blocks[1].steps[j].card;
        if (strcmp(c->id, "attn") != 0) continue;
        size_t n = strlen(c->title);
        if (n > 10 && !strcmp(c->title + n - 10, " attention")) c->title[n - 10] = '\0';
        n = strlen(c->title);
        lx_dsnprintf(c->title + n, sizeof c->title - n, " self-attention");
        uint64_t self = gd->per_layer[LX_COMP_ATTENTION].params;
        if (self > cross) set_figure(b, c, self - cross);
    }
}

/* One block for a one-stack encoder whose layer 0 differs only by its bias table. */
static void one_block(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    const lx_group *g = NULL;
    for (int i = 0; i < a->n_groups; i++)
        if (!g || a->groups[i].last - a->groups[i].first > g->last - g->first) g = &a->groups[i];
    if (!g) return;
    memset(d->blocks, 0, sizeof d->blocks);
    d->blocks_more[0] = '\0';
    d->n_blocks = 1;
    caption(&d->blocks[0], "Encoder block", a->n_layers);
    lx_dblock_layer(b, &d->blocks[0], g, &a->layers[g->first]);
}

static void encoder_column_end(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    if (role_count(a, LX_ROLE_OUTPUT_NORM, 0, NULL).params)
        lx_dnorm_card(b, spine_add(d->enc_bottom, &d->n_enc_bottom), "final_norm", "Encoder final ");
    lx_desc_card *c = spine_add(d->enc_bottom, &d->n_enc_bottom);
    char s[160];
    lx_dcard(c, LX_KIND_NEUTRAL, "output", "Encoder output");
    c->pill = true;
    lx_dsnprintf(s, sizeof s, "one %s-wide vector per input token", lx_dfmt_th(b, a->hp.d_model));
    lx_dcard_sub(c, s);
    lx_dcard_sub(c, "→ keys and values of every decoder layer's cross-attention");
}

static void learned_pos_card(lx_dbuild *b, lx_desc_card *c, int stack, const char *title, const char *what);

/* A stack's own learned positions (BART: one table per stack) and embedding norm. */
static void stack_embedding_tail(lx_dbuild *b, lx_desc_card *cards, int *n, int stack)
{
    if (b->a->pos.kind == LX_POS_LEARNED && role_count(b->a, LX_ROLE_POS_EMBD, stack, NULL).params)
        learned_pos_card(b, spine_add(cards, n), stack, "Position embedding (learned)", "token");
    if (role_count(b->a, LX_ROLE_EMBD_NORM, stack, NULL).params)
        lx_dnorm_card(b, spine_add(cards, n), stack ? "dec_embd_norm" : "embd_norm", "Embedding ");
}

/* Whisper: the encoder reads audio through a convolution stem, the decoder has the tokens. */
static bool audio_stem(const lx_arch *a) { return role_count(a, LX_ROLE_PATCH_EMBD, 0, NULL).params > 0; }

static void learned_pos_card(lx_dbuild *b, lx_desc_card *c, int stack, const char *title, const char *what)
{
    uint64_t rows = 0;
    lx_count n = role_count(b->a, LX_ROLE_POS_EMBD, stack, &rows);
    char s[160];
    lx_dcard(c, LX_KIND_POSITION, stack ? "dec_pos" : "pos", title);
    lx_dsnprintf(s, sizeof s, "%s positions × %s · added to each %s", lx_dfmt_th(b, rows), lx_dfmt_th(b, b->a->hp.d_model),
                 what);
    lx_dcard_sub(c, s);
    set_figure(b, c, n.params);
    lx_dsnprintf(c->tip, sizeof c->tip, "%s: %s parameters", title, lx_dfmt_th(b, n.params));
}

/* The encoder column's top for an audio encoder: the spectrogram, the stem, its positions. */
static void audio_top(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    char s[160];
    d->n_spine_top = 0;
    lx_desc_card *c = spine_add(d->spine_top, &d->n_spine_top);
    lx_dcard(c, LX_KIND_NEUTRAL, "input", "Audio input");
    c->pill = true;
    lx_dsnprintf(s, sizeof s, "log-mel spectrogram, %s mel bins per frame", lx_dfmt_th(b, a->hp.n_mels ? a->hp.n_mels : 80));
    lx_dcard_sub(c, s);
    c = spine_add(d->spine_top, &d->n_spine_top);
    lx_count n = role_count(a, LX_ROLE_PATCH_EMBD, 0, NULL);
    lx_dcard(c, LX_KIND_EMBEDDING, "stem", "Convolution stem");
    lx_dsnprintf(s, sizeof s, "two 1-D convolutions, kernel 3, to %s wide, GELU after each", lx_dfmt_th(b, a->hp.d_model));
    lx_dcard_sub(c, s);
    lx_dcard_sub(c, "the second with stride 2: half as many frames");
    set_figure(b, c, n.params);
    lx_dsnprintf(c->tip, sizeof c->tip, "convolution stem: %s parameters", lx_dfmt_th(b, n.params));
    learned_pos_card(b, spine_add(d->spine_top, &d->n_spine_top), 0, "Sinusoidal positions (stored)", "frame");
}

static void decoder_column_top(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    lx_desc_card *c = spine_add(d->dec_top, &d->n_dec_top);
    char s[160];
    lx_dcard(c, LX_KIND_NEUTRAL, "input", "Decoder input");
    c->pill = true;
    lx_dcard_sub(c, "the output tokens so far, shifted right by one");
    if (audio_stem(a)) { /* the tokenizer and the token tables are the decoder's own */
        int n = d->n_spine_top;
        for (int i = 0; i < n && d->n_dec_top < LX_DESC_MAX_SPINE; i++)
            if (!strcmp(d->spine_top[i].id, "tokenizer") || !strcmp(d->spine_top[i].id, "embed"))
                d->dec_top[d->n_dec_top++] = d->spine_top[i];
        for (int i = 0; i < d->n_dec_top; i++)
            if (!strcmp(d->dec_top[i].id, "embed"))
                set_figure(b, &d->dec_top[i], role_count(a, LX_ROLE_TOK_EMBD, 1, NULL).params);
        learned_pos_card(b, spine_add(d->dec_top, &d->n_dec_top), 1, "Position embedding (learned)", "token");
        audio_top(b);
        return;
    }
    c = spine_add(d->dec_top, &d->n_dec_top);
    lx_dcard(c, LX_KIND_EMBEDDING, "embed", "Token embedding (shared with the encoder)");
    lx_dsnprintf(s, sizeof s, "the same %s × %s table", lx_dfmt_th(b, a->hp.vocab_size), lx_dfmt_th(b, a->hp.d_model));
    lx_dcard_sub(c, s);
    lx_dsnprintf(c->figure, sizeof c->figure, "shared");
    lx_dsnprintf(c->tip, sizeof c->tip, "the encoder's token embedding, reused: no new parameters");
    if (relative(a)) rel_bias_card(b, spine_add(d->dec_top, &d->n_dec_top), 1, a->n_layers - a->n_enc_layers);
    stack_embedding_tail(b, d->dec_top, &d->n_dec_top, 1);
}

/* The insets zoom into the decoder's cards, beside them. */
static void relink_insets(lx_dbuild *b)
{
    lx_desc *d = b->d;
    for (int i = 0; i < d->n_insets; i++) {
        lx_desc_inset *in = &d->insets[i];
        in->block = in->step = -1;
        for (int k = d->n_blocks - 1; k >= 0 && in->block < 0; k--)
            for (int j = 0; j < d->blocks[k].n_steps; j++) {
                lx_desc_card *c = &d->blocks[k].steps[j].card;
                if (d->blocks[k].steps[j].type != LX_STEP_CARD || strcmp(c->id, in->id) != 0) continue;
                c->inset = i;
                if (in->block < 0) in->block = k, in->step = j, in->second = false;
            }
        if (in->has[LX_PART_SDPA] && relative(b->a)) {
            lx_desc_card *p = &in->part[LX_PART_SDPA];
            lx_dsnprintf(p->title, sizeof p->title, "Dot-product attention per head (not scaled)");
            lx_dsnprintf(p->sub[0], sizeof p->sub[0], "softmax( Q·Kᵀ + relative position bias + mask ) · V");
            lx_dsnprintf(p->sub[1], sizeof p->sub[1], "no 1/√%s: T5 folds the scale into its initialisation",
                         lx_dfmt_th(b, b->a->attn.head_dim));
        }
    }
}

static void encdec(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc *d = b->d;
    stack_blocks(b);
    if (!d->n_enc_blocks) return;
    if (relative(a)) { /* the encoder's bias table, in place of a position card */
        int n = 0;
        for (int i = 0; i < d->n_spine_top; i++)
            if (strcmp(d->spine_top[i].id, "pos") != 0) d->spine_top[n++] = d->spine_top[i];
        d->n_spine_top = n;
        rel_bias_card(b, spine_add(d->spine_top, &d->n_spine_top), 0, a->n_enc_layers);
    }
    for (int i = 0; i < d->n_spine_top; i++)
        if (!strcmp(d->spine_top[i].id, "input") && !audio_stem(a))
            lx_dsnprintf(d->spine_top[i].title, sizeof d->spine_top[i].title, "Encoder input (text)");
    if (!relative(a) && !audio_stem(a)) { /* the encoder's own positions and embedding norm */
        int n = 0;
        for (int i = 0; i < d->n_spine_top; i++)
            if (strcmp(d->spine_top[i].id, "pos") != 0) d->spine_top[n++] = d->spine_top[i];
        d->n_spine_top = n;
        stack_embedding_tail(b, d->spine_top, &d->n_spine_top, 0);
    }
    encoder_column_end(b);
    decoder_column_top(b);
    for (int i = 0; i < d->n_spine_bottom; i++) {
        lx_desc_card *c = &d->spine_bottom[i];
        if (!strcmp(c->id, "final_norm")) lx_dsnprintf(c->title, sizeof c->title, "Decoder final %s", lx_dnorm_name(a));
        if (!strcmp(c->id, "output") && a->tied && relative(a)) {
            char s[160];
            lx_dsnprintf(s, sizeof s, "its input scaled by 1/√%s first (d_model^-0.5, tied head)",
                         lx_dfmt_th(b, a->hp.d_model));
            lx_dcard_sub(c, s);
        }
    }
    relink_insets(b);
    uint64_t cross = (uint64_t)(a->n_layers - a->n_enc_layers) * 2 * a->attn.n_kv_heads * a->attn.head_dim * 2;
    size_t n = strlen(d->kv_note);
    if (n && role_count(a, LX_ROLE_CROSS_ATTN, 1, NULL).params)
        lx_dsnprintf(d->kv_note + n, sizeof d->kv_note - n, " · cross-attention: %s more per input token, computed once",
                     lx_dfmt_kib(b, cross));
}

void lx_drow_label(lx_dbuild *b, lx_comp c, char *label, size_t cap)
{
    const lx_arch *a = b->a;
    if (c == LX_COMP_OUTPUT && a->encoder_only) lx_dsnprintf(label, cap, "Pooler and head");
    if (c == LX_COMP_POSITION && relative(a)) lx_dsnprintf(label, cap, "Relative position bias");
    if (c == LX_COMP_EMBEDDING && a->n_enc_layers > 0 && audio_stem(a)) lx_dsnprintf(label, cap, "Token embedding + audio stem");
    if (c == LX_COMP_EMBEDDING && role_count(a, LX_ROLE_TOKEN_TYPES, -1, NULL).params)
        lx_dsnprintf(label, cap, "Token + token-type embeddings");
}

void lx_dstacks(lx_dbuild *b)
{
    if (b->a->encoder_only) {
        if (relative(b->a)) { /* a T5 encoder alone (llama.cpp's t5encoder): one block, the bias table above */
            rel_bias_card(b, spine_add(b->d->spine_top, &b->d->n_spine_top), 0, b->a->n_layers);
            one_block(b);
            relink_insets(b);
        }
        token_types_card(b);
        embd_norm_card(b);
        encoder_bottom(b);
    } else if (b->a->n_enc_layers > 0 && b->a->n_enc_layers < b->a->n_layers) {
        encdec(b);
    }
}
