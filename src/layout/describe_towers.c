/* layout/describe_towers — the description of the parts beside the language model: the
 * vision tower (image input, patch embedding, positions, one repeated ViT block, the norm
 * after it, the projector into the text width) and the MTP modules; their rows in the
 * parameter table. Reads model/towers' description; all text is llmxray's own. */
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
    lx_dcard_sub(c, "predicts one more token (speculative decoding)");
    lx_dsnprintf(c->figure, sizeof c->figure, "%s", lx_dfmt_short(b, tw->params[LX_SUB_MTP]));
    t->has_mtp = true;
}

/* "N parameters" in the title becomes "N parameters, M without the MTP module". */
static void title_without_mtp(lx_dbuild *b)
{
    char *sub = b->d->subtitle[0], *p = strstr(sub, " parameters");
    if (!p) return;
    p += strlen(" parameters");
    char rest[sizeof b->d->subtitle[0]];
    lx_dsnprintf(rest, sizeof rest, "%s", p);
    *p = '\0';
    size_t n = strlen(sub);
    lx_dsnprintf(sub + n, sizeof b->d->subtitle[0] - n, ", %s without the MTP module%s",
                 lx_dfmt_th(b, b->a->towers.total_without_mtp), rest);
}

void lx_dbuild_towers(lx_dbuild *b)
{
    const lx_arch *a = b->a;
    lx_desc_tower *t = &b->d->tower;
    if (a->towers.n_mtp && !a->towers.tower_only) {
        tower_mtp(b, t);
        title_without_mtp(b);
    }
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
        {LX_SUB_AUDIO, LX_KIND_EMBEDDING, "Audio encoder"}, {LX_SUB_MTP, LX_KIND_OUTPUT, "Multi-token prediction"},
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
        lx_drow_fill(b, r, t->params[ROWS[i].k], t->bytes[ROWS[i].k]);
        *sum += t->params[ROWS[i].k];
        *bsum += t->bytes[ROWS[i].k];
    }
}
