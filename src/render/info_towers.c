/* render/info_towers — the towers beside the language model in `llmxray info`: the vision
 * encoder and its projector (what model/towers describes), the audio encoder (hp.audio), the
 * MTP modules; text and the JSON "vision" and "audio" objects. Strings are llmxray's own labels or numbers; nothing from the file
 * is printed here unescaped. */
#include <stdio.h>

#include "render/info.h"

static void put_kv(lx_buf *b, const char *label, uint64_t v, bool *first)
{
    if (!v) return;
    lx_buf_printf(b, "%s%s ", *first ? "" : " · ", label);
    lx_buf_put_thousands(b, v);
    *first = false;
}

void lx_info_text_towers(const lx_arch *a, lx_buf *b)
{
    const lx_towers *t = &a->towers;
    if (t->has_vision) {
        const lx_tower_desc *d = &t->desc;
        lx_buf_printf(b, "Vision encoder  %s\n  ", d->label);
        bool first = true;
        put_kv(b, "layers", d->n_layers, &first);
        put_kv(b, "d_model", d->d_model, &first);
        put_kv(b, "heads", d->n_heads, &first);
        put_kv(b, "head_dim", d->head_dim, &first);
        put_kv(b, "d_ff", d->d_ff, &first);
        lx_buf_puts(b, "\n  ");
        first = true;
        put_kv(b, "patch", d->patch, &first);
        put_kv(b, "image", d->image, &first);
        put_kv(b, "frames per patch", d->temporal, &first);
        put_kv(b, "position rows", d->n_pos, &first);
        lx_buf_printf(b, "%sposition %s\n", first ? "" : " · ", d->position);
        lx_buf_printf(b, "  Block      bidirectional attention%s · %s · %s, pre-norm%s\n",
                      d->fused_qkv ? " (fused qkv)" : "", d->mlp, d->norm, d->class_token ? " · class token" : "");
        lx_buf_printf(b, "  Projector  %s", d->proj_label);
        if (d->out_dim) {
            lx_buf_puts(b, " -> ");
            lx_buf_put_thousands(b, d->out_dim);
        }
        if (d->n_deepstack) lx_buf_printf(b, " · %llu DeepStack mergers into early layers", (unsigned long long)d->n_deepstack);
        lx_buf_puts(b, "\n\n");
    }
    if (t->has_audio) {
        const lx_audio_hp *h = &a->hp.audio;
        lx_buf_printf(b, "Audio encoder  %s\n  ", t->audio_label);
        bool first = true;
        put_kv(b, "layers", h->n_layers, &first);
        put_kv(b, "d_model", h->d_model, &first);
        put_kv(b, "heads", h->n_heads, &first);
        put_kv(b, "head_dim", h->head_dim, &first);
        put_kv(b, "d_ff", 4 * h->d_model, &first);
        lx_buf_printf(b, "\n  Stem       2 stride-2 convs (%llu, %llu channels) · log-mel frames in, 4x fewer out\n",
                      (unsigned long long)h->conv_ch[0], (unsigned long long)h->conv_ch[1]);
        lx_buf_printf(b, "  Block      half-step FFN · chunked local attention (chunks of %llu, %llu frames of left "
                      "context, relative positions) · light conv (%llu taps) · half-step FFN · activation %s\n",
                      (unsigned long long)h->chunk, (unsigned long long)(h->ctx_left ? h->ctx_left - 1 : 0),
                      (unsigned long long)h->conv_kernel, h->act);
        lx_buf_puts(b, "  Projector  output projection -> ");
        lx_buf_put_thousands(b, h->out_dim);
        lx_buf_puts(b, ", RMSNorm + projection -> ");
        lx_buf_put_thousands(b, a->hp.d_model);
        lx_buf_puts(b, "\n\n");
    }
    if (t->n_mtp) {
        lx_buf_printf(b, "Multi-token prediction  %d module%s beside the output head: ", t->n_mtp, t->n_mtp == 1 ? "" : "s");
        lx_buf_put_thousands(b, t->params[LX_SUB_MTP]);
        lx_buf_puts(b, " parameters; without them ");
        lx_buf_put_thousands(b, t->total_without_mtp);
        lx_buf_puts(b, "\n\n");
    }
}

static void jnum(lx_buf *b, const char *k, uint64_t v) { lx_buf_printf(b, ",\"%s\":%llu", k, (unsigned long long)v); }

void lx_info_json_vision(const lx_arch *a, lx_buf *b)
{
    const lx_tower_desc *d = &a->towers.desc;
    if (!a->towers.has_vision) { lx_buf_puts(b, "null"); return; }
    lx_buf_puts(b, "{\"kind\":");
    lx_buf_put_json(b, d->label);
    jnum(b, "n_layers", d->n_layers);
    jnum(b, "d_model", d->d_model);
    jnum(b, "n_heads", d->n_heads);
    jnum(b, "head_dim", d->head_dim);
    jnum(b, "d_ff", d->d_ff);
    jnum(b, "patch_size", d->patch);
    jnum(b, "image_size", d->image);
    jnum(b, "position_rows", d->n_pos);
    lx_buf_puts(b, ",\"position\":");
    lx_buf_put_json(b, d->position);
    lx_buf_puts(b, ",\"norm\":");
    lx_buf_put_json(b, d->norm);
    lx_buf_puts(b, ",\"mlp\":");
    lx_buf_put_json(b, d->mlp);
    lx_buf_puts(b, ",\"projector\":");
    lx_buf_put_json(b, d->proj_label);
    jnum(b, "projector_out", d->out_dim);
    jnum(b, "deepstack", d->n_deepstack);
    lx_buf_putc(b, '}');
}

void lx_info_json_audio(const lx_arch *a, lx_buf *b)
{
    const lx_audio_hp *h = &a->hp.audio;
    if (!a->towers.has_audio) { lx_buf_puts(b, "null"); return; }
    lx_buf_puts(b, "{\"kind\":");
    lx_buf_put_json(b, a->towers.audio_label);
    jnum(b, "n_layers", h->n_layers);
    jnum(b, "d_model", h->d_model);
    jnum(b, "n_heads", h->n_heads);
    jnum(b, "head_dim", h->head_dim);
    jnum(b, "d_ff", 4 * h->d_model);
    lx_buf_printf(b, ",\"conv_channels\":[%llu,%llu]", (unsigned long long)h->conv_ch[0], (unsigned long long)h->conv_ch[1]);
    jnum(b, "conv_kernel", h->conv_kernel);
    jnum(b, "chunk", h->chunk);
    jnum(b, "context_left", h->ctx_left ? h->ctx_left - 1 : 0);
    jnum(b, "context_right", h->ctx_right);
    jnum(b, "output_dim", h->out_dim);
    jnum(b, "projector_out", a->hp.d_model);
    lx_buf_putc(b, '}');
}
