/* layout/describe_towers — the description of the parts beside the language model: the
 * vision tower (image input, patch embedding, positions, one repeated ViT block, the norm
 * after it, the projector into the text width), the audio tower (log-mel frames, the
 * subsampling convs, relative positions, one repeated Conformer block, the output
 * projection and the projector) and the MTP modules; their rows in the parameter table.
 * Reads model/towers' description and hp.audio; all text is llmxray's own. */
#include <string.h>

#include "layout/describe_int.h"

static void tower_top(lx_dbuild *b, lx_desc_tower *t, const lx_tower_desc *v)
{
    lx_desc_card *c = &t->top[t->n_top++];
    lx_dcard(c, LX_KIND_NEUTRAL, "image", "Image");
    c->pill = true;
    char line[160];
    if (v->image)
        lx_dsnprintf(line, sizeof line, "%s × %s pixels · %s channels", lx_dfmt_th(b, v->image), lx_dfmt_th(b, v->image),
                     lx_dfmt_th(b, v->channels));
    else
        lx_dsnprintf(line, sizeof line, "native resolution · %s channels", lx_dfmt_th(b, v->channels));
    lx_dcard_sub(c, line);
    c = &t->top[t->n_top++];
    lx_dcard(c, LX_KIND_EMBEDDING, "patch", "Patch embedding");
    if (v->temporal)
        lx_dsnprintf(line, sizeof line, "%s frames × %s×%s patches (3D conv) → %s", lx_dfmt_th(b, v->temporal),
                     lx_dfmt_th(b, v->patch), lx_dfmt_th(b, v->patch), lx_dfmt_th(b, v->d_model));
    else
        lx_dsnprintf(line, sizeof line, "%s×%s patches → %s", lx_dfmt_th(b, v->patch), lx_dfmt_th(b, v->patch),
                     lx_dfmt_th(b, v->d_model));
    lx_dcard_sub(c, line);
    c = &t->top[t->n_top++];
    lx_dcard(c, LX_KIND_POSITION, "pos", "Positions");
    lx_dsnprintf(line, sizeof line, "%s%s", v->position, v->class_token ? " · class token" : "");
    lx_dcard_sub(c, line);
    if (v->n_pos) {
        lx_dsnprintf(line, sizeof line, "%s rows in the table", lx_dfmt_th(b, v->n_pos));
        lx_dcard_sub(c, line);
    }
    if (v->pre_norm) lx_dcard(&t->top[t->n_top++], LX_KIND_NORM, "pre_norm", v->norm);
}

static void tower_block(lx_dbuild *b, lx_desc_tower *t, const lx_tower_desc *v)
{
    lx_dsnprintf(t->block_caption, sizeof t->block_caption, "ViT block · bidirectional attention");
    lx_dsnprintf(t->block_badge, sizeof t->block_badge, "× %s", lx_dfmt_th(b, v->n_layers));
    lx_dcard(&t->block[t->n_block++], LX_KIND_NORM, "norm1", v->norm);
    lx_desc_card *c = &t->block[t->n_block++];
    char line[160];
    lx_dcard(c, LX_KIND_ATTENTION, "attn", "Self-attention");
    lx_dsnprintf(line, sizeof line, "%s heads × %s · no mask%s", lx_dfmt_th(b, v->n_heads), lx_dfmt_th(b, v->head_dim),
                 v->fused_qkv ? " · fused qkv" : "");
    lx_dcard_sub(c, line);
    lx_dcard(&t->block[t->n_block++], LX_KIND_NORM, "norm2", v->norm);
    c = &t->block[t->n_block++];
    lx_dcard(c, LX_KIND_FFN, "mlp", v->mlp);
    lx_dsnprintf(line, sizeof line, "%s → %s → %s", lx_dfmt_th(b, v->d_model), lx_dfmt_th(b, v->d_ff),
                 lx_dfmt_th(b, v->d_model));
    lx_dcard_sub(c, line);
}

static void tower_bottom(lx_dbuild *b, lx_desc_tower *t, const lx_tower_desc *v)
{
    const lx_towers *tw = &b->a->towers;
    if (v->post_norm) lx_dcard(&t->bottom[t->n_bottom++], LX_KIND_NORM, "post_norm", v->norm);
    lx_desc_card *c = &t->bottom[t->n_bottom++];
    char line[160];
    lx_dcard(c, LX_KIND_OTHER, "proj", "Projector");
    lx_dcard_sub(c, v->proj_label);
    if (v->n_deepstack) {
        lx_dsnprintf(line, sizeof line, "+ %s DeepStack mergers into early layers", lx_dfmt_th(b, v->n_deepstack));
        lx_dcard_sub(c, line);
    }
    lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, tw->params[LX_SUB_PROJECTOR]));
    if (v->out_dim) {
        lx_dsnprintf(line, sizeof line, "→ image tokens %s wide, %s", lx_dfmt_th(b, v->out_dim),
                     tw->tower_only ? "for the language model" : "into the token sequence");
        lx_dcard_sub(c, line);
    }
}

static void tower_mtp(lx_dbuild *b, lx_desc_tower *t)
{
    const lx_towers *tw = &b->a->towers;
    lx_desc_card *c = &t->mtp;
    char line[160];
    lx_dcard(c, LX_KIND_OUTPUT, "mtp", "Multi-token prediction");
    lx_dsnprintf(line, sizeof line, "%d module%s: a decoder block + enorm, hnorm, eh_proj", tw->n_mtp,
                 tw->n_mtp == 1 ? "" : "s");
    lx_dcard_sub(c, line);
    if (tw->n_mtp == 1) {
        lx_dcard_sub(c, "predicts one more token (speculative decoding)");
    } else {
        lx_dsnprintf(line, sizeof line, "predict %d more tokens, one each (speculative decoding)", tw->n_mtp);
        lx_dcard_sub(c, line);
    }
    lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, tw->params[LX_SUB_MTP]));
    t->has_mtp = true;
}

/* "N parameters" in the title becomes "N parameters, M without the MTP module(s)". */
static void title_without_mtp(lx_dbuild *b)
{
    char *sub = b->d->subtitle[0], *p = strstr(sub, " parameters");
    if (!p) return;
    p += strlen(" parameters");
    char rest[sizeof b->d->subtitle[0]];
    lx_dsnprintf(rest, sizeof rest, "%s", p);
    *p = '\0';
    size_t n = strlen(sub);
    lx_dsnprintf(sub + n, sizeof b->d->subtitle[0] - n, ", %s without the MTP module%s%s",
                 lx_dfmt_th(b, b->a->towers.total_without_mtp), b->a->towers.n_mtp == 1 ? "" : "s", rest);
}

/* ---------------------------------------------------------------- the audio tower */

static void audio_top(lx_dbuild *b, lx_desc_tower *t, const lx_audio_hp *h)
{
    char line[160];
    lx_desc_card *c = &t->top[t->n_top++];
    lx_dcard(c, LX_KIND_NEUTRAL, "audio", "Audio");
    c->pill = true;
    lx_dcard_sub(c, "log-mel spectrogram frames · 1 channel");
    c = &t->top[t->n_top++];
    lx_dcard(c, LX_KIND_EMBEDDING, "subsample", "Subsampling convs");
    lx_dsnprintf(line, sizeof line, "2 × conv 3×3, stride 2 → %s, %s channels", lx_dfmt_th(b, h->conv_ch[0]),
                 lx_dfmt_th(b, h->conv_ch[1]));
    lx_dcard_sub(c, line);
    lx_dcard_sub(c, "LayerNorm + ReLU after each · 4× fewer frames");
    lx_dsnprintf(line, sizeof line, "%s features → %s", lx_dfmt_th(b, h->conv_ch[0] / 4 * h->conv_ch[1]),
                 lx_dfmt_th(b, h->d_model));
    lx_dcard_sub(c, line);
    c = &t->top[t->n_top++];
    lx_dcard(c, LX_KIND_POSITION, "pos", "Positions");
    lx_dcard_sub(c, "relative, sinusoidal");
    lx_dcard_sub(c, "projected into keys in every layer");
}

static void audio_ffn(lx_dbuild *b, lx_desc_card *c, const char *id, const lx_audio_hp *h)
{
    char line[160];
    lx_dcard(c, LX_KIND_FFN, id, "Half-step FFN");
    lx_dsnprintf(line, sizeof line, "RMSNorm · %s → %s → %s, %s · RMSNorm", lx_dfmt_th(b, h->d_model),
                 lx_dfmt_th(b, 4 * h->d_model), lx_dfmt_th(b, h->d_model), h->act);
    lx_dcard_sub(c, line);
    lx_dcard_sub(c, "added at half weight (× 0.5)");
}

static void audio_block(lx_dbuild *b, lx_desc_tower *t, const lx_audio_hp *h)
{
    char line[160];
    lx_dsnprintf(t->block_caption, sizeof t->block_caption, "Conformer block · FFN, attention, conv, FFN%s",
                 h->clipped ? " · linears clamp their inputs and outputs" : "");
    lx_dsnprintf(t->block_badge, sizeof t->block_badge, "× %s", lx_dfmt_th(b, h->n_layers));
    audio_ffn(b, &t->block[t->n_block++], "ffn1", h);
    lx_desc_card *c = &t->block[t->n_block++];
    lx_dcard(c, LX_KIND_ATTENTION, "attn", "Chunked local attention");
    lx_dsnprintf(line, sizeof line, "%s heads × %s · RMSNorm before and after", lx_dfmt_th(b, h->n_heads),
                 lx_dfmt_th(b, h->head_dim));
    lx_dcard_sub(c, line);
    lx_dsnprintf(line, sizeof line, "chunks of %s frames see %s before, %s after", lx_dfmt_th(b, h->chunk),
                 lx_dfmt_th(b, h->ctx_left ? h->ctx_left - 1 : 0), lx_dfmt_th(b, h->ctx_right));
    lx_dcard_sub(c, line);
    if (h->logit_cap > 0) {
        lx_dsnprintf(line, sizeof line, "relative positions · logits capped at %g", h->logit_cap);
        lx_dcard_sub(c, line);
    }
    c = &t->block[t->n_block++];
    lx_dcard(c, LX_KIND_MIXER, "lconv", "Light convolution");
    lx_dsnprintf(line, sizeof line, "RMSNorm · %s → 2 × %s, GLU", lx_dfmt_th(b, h->d_model), lx_dfmt_th(b, h->d_model));
    lx_dcard_sub(c, line);
    lx_dsnprintf(line, sizeof line, "depthwise causal conv, %s taps · RMSNorm · %s", lx_dfmt_th(b, h->conv_kernel),
                 h->act);
    lx_dcard_sub(c, line);
    lx_dsnprintf(line, sizeof line, "%s → %s", lx_dfmt_th(b, h->d_model), lx_dfmt_th(b, h->d_model));
    lx_dcard_sub(c, line);
    audio_ffn(b, &t->block[t->n_block++], "ffn2", h);
    lx_dcard(&t->block[t->n_block++], LX_KIND_NORM, "norm_out", "RMSNorm");
}

static void audio_bottom(lx_dbuild *b, lx_desc_tower *t, const lx_audio_hp *h)
{
    const lx_towers *tw = &b->a->towers;
    char line[160];
    lx_desc_card *c = &t->bottom[t->n_bottom++];
    lx_dcard(c, LX_KIND_OTHER, "out", "Output projection");
    lx_dsnprintf(line, sizeof line, "%s → %s, with bias", lx_dfmt_th(b, h->d_model), lx_dfmt_th(b, h->out_dim));
    lx_dcard_sub(c, line);
    c = &t->bottom[t->n_bottom++];
    lx_dcard(c, LX_KIND_OTHER, "proj", "Projector");
    lx_dcard_sub(c, "RMSNorm without weight + projection");
    lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, tw->params[LX_SUB_AUDIO_PROJ]));
    lx_dsnprintf(line, sizeof line, "→ audio tokens %s wide, into the token sequence", lx_dfmt_th(b, b->a->hp.d_model));
    lx_dcard_sub(c, line);
}

static void build_audio(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc_tower *t = &b->d->audio;
    t->present = true;
    lx_dsnprintf(t->title, sizeof t->title, "Audio encoder · %s", a->towers.audio_label);
    lx_dsnprintf(t->figure, sizeof t->figure, "%s", lx_dfmt_short(b, a->towers.params[LX_SUB_AUDIO]));
    audio_top(b, t, &a->hp.audio);
    audio_block(b, t, &a->hp.audio);
    audio_bottom(b, t, &a->hp.audio);
}

void lx_dbuild_towers(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc_tower *t = &b->d->tower;
    if (a->towers.n_mtp && !a->towers.tower_only) {
        tower_mtp(b, t);
        title_without_mtp(b);
    }
    if (a->towers.has_audio && !a->towers.tower_only) build_audio(b);
    if (!a->towers.has_vision) return;
    const lx_tower_desc *v = &a->towers.desc;
    t->present = true;
    lx_dsnprintf(t->title, sizeof t->title, "Vision encoder · %s", v->label);
    lx_dsnprintf(t->figure, sizeof t->figure, "%s", lx_dfmt_short(b, a->towers.params[LX_SUB_VISION]));
    tower_top(b, t, v);
    tower_block(b, t, v);
    tower_bottom(b, t, v);
    if (a->towers.tower_only)
        lx_dsnprintf(b->d->subtitle[0], sizeof b->d->subtitle[0], "%s parameters · a vision encoder and its projector "
                     "(%s file, no language model) · %s layers · d_model %s", lx_dfmt_th(b, a->total_params),
                     a->hp.family[0] ? a->hp.family : "clip", lx_dfmt_th(b, v->n_layers), lx_dfmt_th(b, v->d_model));
}

void lx_dbuild_tower_rows(lx_dbuild *b, uint64_t *sum, uint64_t *bsum)
{
    static const struct { lx_sub_kind k; lx_kind kind; const char *label; } ROWS[] = {
        {LX_SUB_VISION, LX_KIND_EMBEDDING, "Vision encoder"}, {LX_SUB_PROJECTOR, LX_KIND_OTHER, "Projector"},
        {LX_SUB_AUDIO, LX_KIND_EMBEDDING, "Audio encoder"}, {LX_SUB_AUDIO_PROJ, LX_KIND_OTHER, "Audio projector"},
        {LX_SUB_MTP, LX_KIND_OUTPUT, "Multi-token prediction"},
    };
    const lx_towers *t = &b->a->towers;
    lx_desc *d = b->d;
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0] && d->n_rows < LX_DESC_MAX_ROWS; i++) {
        if (!t->params[ROWS[i].k]) continue;
        lx_desc_row *r = &d->rows[d->n_rows++];
        r->kind = ROWS[i].kind;
        lx_dsnprintf(r->label, sizeof r->label, "%s", ROWS[i].label);
        if (ROWS[i].k == LX_SUB_VISION && t->has_vision)
            lx_dsnprintf(r->detail, sizeof r->detail, "%s", t->desc.label);
        if (ROWS[i].k == LX_SUB_AUDIO && t->has_audio) lx_dsnprintf(r->detail, sizeof r->detail, "%s", t->audio_label);
        lx_drow_fill(b, r, t->params[ROWS[i].k], t->bytes[ROWS[i].k]);
        *sum += t->params[ROWS[i].k];
        *bsum += t->bytes[ROWS[i].k];
    }
}
