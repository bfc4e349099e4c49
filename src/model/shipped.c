/* model/shipped — the index beside a model as a check on its counts. See shipped.h. */
#include "model/shipped.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/families/family.h"
#include "model/roles.h"
#include "read/safetensors.h"
#include "util/buf.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const char *const INDEX_NAMES[] = {"model.safetensors.index.json", "pytorch_model.bin.index.json"};

static bool has_any(const char *name, const char *const *parts)
{
    for (; *parts; parts++)
        if (strstr(name, *parts)) return true;
    return false;
}

static const char *const TOWERS[] = {"vision", "visual", "vpm.", "image_newline", "multi_modal_projector",
                                     "mm_projector", "resampler", "audio", "img_", NULL};
/* Buffer names by how they end, and their kind. */
static const struct { const char *suffix; lx_buf_kind kind; } BUFFERS[] = {
    {"inv_freq", LX_BUF_ROTARY},          {"attn.bias", LX_BUF_MASK},        {"attention.bias", LX_BUF_MASK},
    {"masked_bias", LX_BUF_SCALAR},       {"_float_tensor", LX_BUF_SCALAR},  {"final_logits_bias", LX_BUF_LOGITS},
    {"position_ids", LX_BUF_POS_IDS},
};

/* The kind of buffer name is, or LX_BUF_KIND_COUNT when it is none of them. */
static lx_buf_kind buffer_kind(const char *name)
{
    for (size_t i = 0; i < sizeof BUFFERS / sizeof BUFFERS[0]; i++)
        if (ends_with(name, BUFFERS[i].suffix)) return BUFFERS[i].kind;
    return LX_BUF_KIND_COUNT;
}

/* A routed expert's weight in a main layer ("...layers.N....experts.E..."), most names of an
 * MoE index: neither a buffer, the embedding, the head nor an MTP layer's, so the role table
 * need not look at it. */
static bool main_layer_expert(const char *name, const lx_hparams *hp)
{
    const char *e = strstr(name, ".experts."), *l = strstr(name, "layers.");
    if (!e || !l || l > e || !hp->n_layers) return false;
    char *end;
    unsigned long n = strtoul(l + 7, &end, 10);
    return end != l + 7 && *end == '.' && n < hp->n_layers;
}

/* One weight_map name: a tower's, an MTP layer's, a buffer, the embedding or the head. */
static void classify(lx_index_facts *f, const char *name, const lx_hparams *hp, const lx_role_pattern *extra)
{
    if (has_any(name, TOWERS)) {
        f->n_vision++;
        return;
    }
    if (main_layer_expert(name, hp)) return;
    lx_role_match m = lx_role_match_with(name, extra);
    lx_buf_kind k = buffer_kind(name);
    if (m.role == LX_ROLE_BUFFER || k != LX_BUF_KIND_COUNT) {
        f->n_buffers++;
        f->n_buf[k == LX_BUF_KIND_COUNT ? LX_BUF_SCALAR : k]++;
    }
    else if (m.role == LX_ROLE_MTP || !strncmp(name, "mtp", 3) || strstr(name, ".mtp") ||
             (m.layer >= 0 && hp->n_layers && !hp->n_dec_layers && (uint64_t)m.layer >= hp->n_layers))
        f->n_mtp++;
    else if (m.role == LX_ROLE_TOK_EMBD) f->embed_listed = true;
    else if (m.role == LX_ROLE_OUTPUT && !m.bias && m.layer < 0 && !f->head_listed) {
        f->head_listed = true;
        snprintf(f->head_name, sizeof f->head_name, "%.95s", name);
    }
}

void lx_shipped_read(const lx_source *src, const lx_hparams *hp, lx_index_facts *f)
{
    memset(f, 0, sizeof *f);
    const lx_st_index *idx = src->index;
    if (!idx || src->remote) return;
    snprintf(f->file, sizeof f->file, "%s", src->index_name);
    f->found = true;
    f->has_total = idx->has_total_size;
    f->bad_total = idx->bad_total_size;
    f->total_size = idx->total_size;
    f->n_names = idx->n_names;
    const lx_family *fam = lx_family_by_name(hp->family);
    for (size_t i = 0; i < idx->n_names; i++) classify(f, idx->names[i], hp, fam ? fam->hf_roles : NULL);
}

void lx_shipped_tie(const lx_index_facts *f, lx_hparams *hp, bool encoder_only, char *msg, size_t cap)
{
    msg[0] = '\0';
    /* a score head is no LM head; PyTorch .bin files save a tied head twice, so only a safetensors
     * index (which stores shared tensors once) shows whether the head is its own */
    if (!f->found || encoder_only || !f->embed_listed || hp->n_labels || strcmp(f->file, INDEX_NAMES[0]) != 0) return;
    if (f->head_listed && hp->tied != LX_NO) {
        if (hp->tied == LX_YES)
            snprintf(msg, cap, "tie_word_embeddings: true (declared or the family's default) but %s lists the output "
                     "head %s apart from the embedding; the head is untied", f->file, f->head_name);
        hp->tied = LX_NO;
    } else if (!f->head_listed && hp->tied == LX_NO) {
        snprintf(msg, cap, "tie_word_embeddings: declared false but %s lists no output head; the head is tied",
                 f->file);
        hp->tied = LX_YES;
    }
}

void lx_shipped_mtp(const lx_index_facts *f, lx_hparams *hp, char *msg, size_t cap)
{
    msg[0] = '\0';
    if (!f->found || !f->n_names || f->n_mtp || !hp->n_nextn_layers) return;
    snprintf(msg, cap, "the config declares %llu multi-token-prediction layer%s but %s lists no such tensors; not "
             "counted", (unsigned long long)hp->n_nextn_layers, hp->n_nextn_layers == 1 ? "" : "s", f->file);
    hp->n_nextn_layers = 0;
}

static void add_to(lx_buf *b, const char *sep, const char *text)
{
    lx_buf_puts(b, b->len ? sep : "");
    lx_buf_puts(b, text);
}

static void add_cause(lx_buf *b, const char *text) { add_to(b, "; ", text); }

/* Products and sums of a config's sizes, held at UINT64_MAX when they would wrap (a mask of
 * a 2^33-token context is 2^66 bytes: wrapped, it read as 0). */
static uint64_t sat_mul(uint64_t a, uint64_t b) { return a && b > UINT64_MAX / a ? UINT64_MAX : a * b; }
static uint64_t sat_add(uint64_t a, uint64_t b) { return b > UINT64_MAX - a ? UINT64_MAX : a + b; }

/* Bytes the buffers hold at the config's shapes: float tables of width bytes per value, a
 * mask of eighths bytes per element / 8; UINT64_MAX when that is more than 64 bits hold. */
static uint64_t buffer_bytes(const lx_index_facts *f, const lx_hparams *hp, uint64_t width, uint64_t eighths)
{
    uint64_t rot = hp->rope_dims ? hp->rope_dims : hp->head_dim, ctx = hp->context_length, cc = sat_mul(ctx, ctx);
    uint64_t mask = cc == UINT64_MAX ? UINT64_MAX : sat_add(sat_mul(cc / 8, eighths), cc % 8 * eighths / 8);
    const uint64_t each[LX_BUF_KIND_COUNT] = {
        [LX_BUF_ROTARY] = sat_mul(rot / 2, width), [LX_BUF_MASK] = mask, [LX_BUF_SCALAR] = width,
        [LX_BUF_LOGITS] = sat_mul(hp->vocab_size, width), [LX_BUF_POS_IDS] = sat_mul(ctx, 8)};
    uint64_t sum = 0;
    for (int k = 0; k < LX_BUF_KIND_COUNT; k++) sum = sat_add(sum, sat_mul(f->n_buf[k], each[k]));
    return sum;
}

/* The buffers' bytes that make counted + known == total_size, trying their float tables at the
 * weights' width or float32 and masks at 1 byte or 1/8 byte per element; else the first. */
static uint64_t buffers_fitting(const lx_index_facts *f, const lx_hparams *hp, uint64_t known)
{
    uint64_t w = strcmp(hp->torch_dtype, "float32") == 0 ? 4 : 2;
    static const uint64_t EIGHTHS[] = {8, 1};
    const uint64_t widths[] = {w, 4};
    for (size_t a = 0; a < 2; a++)
        for (size_t b = 0; b < 2; b++)
            if (sat_add(known, buffer_bytes(f, hp, widths[a], EIGHTHS[b])) == f->total_size)
                return buffer_bytes(f, hp, widths[a], EIGHTHS[b]);
    return buffer_bytes(f, hp, w, 8);
}

/* What most likely makes the remaining figures differ, from the index's names and the ratio. */
static void causes(const lx_index_facts *f, const lx_hparams *hp, uint64_t counted, lx_buf *b)
{
    char t[240];
    if (f->n_vision) {
        snprintf(t, sizeof t, "%zu tensor%s of vision/audio towers, not counted", f->n_vision, f->n_vision == 1 ? "" : "s");
        add_cause(b, t);
    }
    if (f->n_mtp) {
        snprintf(t, sizeof t, "%zu tensor%s of multi-token-prediction layers, not counted", f->n_mtp, f->n_mtp == 1 ? "" : "s");
        add_cause(b, t);
    }
    if (hp->quant.present && !hp->quant.known) {
        snprintf(t, sizeof t, "its quantization_config (%s) is not one llmxray can size",
                 hp->quant.note[0] ? hp->quant.note : hp->quant.method);
        add_cause(b, t);
    }
    if (f->total_size / 2 == counted && !(f->total_size & 1)) add_cause(b, "the files hold 32-bit weights where the config declares 16-bit");
    else if (counted / 2 == f->total_size && !(counted & 1)) add_cause(b, "the files hold 16-bit weights where the config declares 32-bit");
    if (!b->len) add_cause(b, "the index's tensors have other shapes or types than the config's (another revision?)");
}

/* "N bytes of ... + M bytes of ..." for what the names show beside the counted tensors; returns their sum. */
static uint64_t accounted(const lx_index_facts *f, const lx_hparams *hp, uint64_t counted, bool tied, lx_buf *b)
{
    char t[240], n[32];
    uint64_t head = 0;
    if (tied && f->head_listed && strcmp(f->file, INDEX_NAMES[0]) != 0) {
        head = sat_mul(sat_mul(hp->vocab_size, hp->d_model), strcmp(hp->torch_dtype, "float32") == 0 ? 4 : 2);
        lx_fmt_thousands(n, sizeof n, head);
        snprintf(t, sizeof t, "%s bytes of the tied head %s saved a second time (PyTorch files store tied tensors "
                 "twice)", n, f->head_name);
        add_to(b, " + ", t);
    }
    uint64_t buf = f->n_buffers ? buffers_fitting(f, hp, sat_add(counted, head)) : 0;
    if (buf == UINT64_MAX) { /* a context no file could hold: said, not summed */
        snprintf(t, sizeof t, "%zu non-parameter buffer%s (rotary inv_freq, causal masks) too large to size at the "
                 "config's shapes (over 2^64 bytes)", f->n_buffers, f->n_buffers == 1 ? "" : "s");
        add_to(b, " + ", t);
        return head;
    }
    if (f->n_buffers) {
        lx_fmt_thousands(n, sizeof n, buf);
        snprintf(t, sizeof t, "%s bytes of %zu non-parameter buffer%s (rotary inv_freq, causal masks) at the config's "
                 "shapes", n, f->n_buffers, f->n_buffers == 1 ? "" : "s");
        add_to(b, " + ", t);
    }
    return head + buf;
}

void lx_shipped_check(const lx_index_facts *f, const lx_hparams *hp, uint64_t counted, bool tied, char *msg, size_t cap)
{
    msg[0] = '\0';
    if (f->found && f->bad_total) {
        snprintf(msg, cap, "%s: metadata.total_size is not a byte count (expected a non-negative integer); the bytes "
                 "counted are not checked against it", f->file);
        return;
    }
    if (!f->found || !f->has_total || f->total_size == counted) return;
    lx_buf known, why;
    lx_buf_init(&known);
    lx_buf_init(&why);
    uint64_t extra = accounted(f, hp, counted, tied, &known);
    if (sat_add(counted, extra) != f->total_size) {
        char want[32], got[32], rest[32];
        uint64_t sum = sat_add(counted, extra), gap = f->total_size > sum ? f->total_size - sum : sum - f->total_size;
        lx_fmt_thousands(want, sizeof want, f->total_size);
        lx_fmt_thousands(got, sizeof got, counted);
        lx_fmt_thousands(rest, sizeof rest, gap);
        causes(f, hp, sum, &why);
        snprintf(msg, cap, "%s: total_size is %s bytes, llmxray counts %s%s%s; %s bytes %s (likely: %s)", f->file, want,
                 got, known.len ? " + " : "", lx_buf_cstr(&known), rest,
                 f->total_size > sum ? "more are not explained" : "fewer than that", lx_buf_cstr(&why));
    }
    lx_buf_free(&known);
    lx_buf_free(&why);
}
