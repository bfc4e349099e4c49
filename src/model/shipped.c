/* model/shipped — the index beside a model as a check on its counts. See shipped.h. */
#include "model/shipped.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/families/family.h"
#include "model/roles.h"
#include "read/safetensors.h"
#include "util/buf.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *const INDEX_NAMES[] = {"model.safetensors.index.json", "pytorch_model.bin.index.json"};

/* The index for what the user named: itself, or the first index file in its folder. */
static bool index_path(const lx_source *src, char *out, size_t cap)
{
    const char *p = src->path;
    if (src->remote || src->format == LX_FMT_CATALOGUE || src->format == LX_FMT_GGUF) return false;
    if (ends_with(p, ".index.json")) return snprintf(out, cap, "%s", p) < (int)cap && is_file(out);
    char dir[1024];
    struct stat st;
    if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(dir, sizeof dir, "%s", p);
    } else if (ends_with(p, ".json")) {
        snprintf(dir, sizeof dir, "%s", p);
        char *slash = strrchr(dir, '/');
        if (slash) *slash = '\0';
        else snprintf(dir, sizeof dir, ".");
    } else {
        return false;
    }
    for (size_t i = 0; i < sizeof INDEX_NAMES / sizeof INDEX_NAMES[0]; i++)
        if (snprintf(out, cap, "%s/%s", dir, INDEX_NAMES[i]) < (int)cap && is_file(out)) return true;
    return false;
}

static bool has_any(const char *name, const char *const *parts)
{
    for (; *parts; parts++)
        if (strstr(name, *parts)) return true;
    return false;
}

static const char *const TOWERS[] = {"vision", "visual", "vpm.", "image_newline", "multi_modal_projector",
                                     "mm_projector", "resampler", "audio", "img_", NULL};
static const char *const BUFFERS[] = {"inv_freq", "masked_bias", "attention.bias", "_float_tensor", "position_ids", NULL};

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
    if (m.role == LX_ROLE_BUFFER || has_any(name, BUFFERS)) {
        f->n_buffers++;
        /* a causal mask holds up to context x context bytes; the rest are small tables */
        bool mask = ends_with(name, "attn.bias") || ends_with(name, "attention.bias");
        uint64_t ctx = hp->context_length ? hp->context_length : 2048, dim = hp->head_dim ? hp->head_dim : 256;
        f->buffer_bound += mask ? ctx * ctx : dim * 4;
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
    char path[1100];
    if (!index_path(src, path, sizeof path)) return;
    lx_st_index idx;
    lx_err err;
    lx_err_clear(&err);
    if (lx_st_index_load(path, &idx, &err) != LX_OK) return;
    const char *slash = strrchr(path, '/');
    snprintf(f->file, sizeof f->file, "%.39s", slash ? slash + 1 : path);
    f->found = true;
    f->has_total = idx.has_total_size;
    f->total_size = idx.total_size;
    f->n_names = idx.n_names;
    const lx_family *fam = lx_family_by_name(hp->family);
    for (size_t i = 0; i < idx.n_names; i++) classify(f, idx.names[i], hp, fam ? fam->hf_roles : NULL);
    lx_st_index_free(&idx);
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

static void add_cause(lx_buf *b, const char *text)
{
    lx_buf_puts(b, b->len ? "; " : "");
    lx_buf_puts(b, text);
}

/* What most likely makes the figures differ, from the index's names and the ratio. */
static void causes(const lx_index_facts *f, const lx_hparams *hp, uint64_t counted, bool tied, lx_buf *b)
{
    char t[240];
    if (tied && f->head_listed && strcmp(f->file, INDEX_NAMES[0]) != 0) {
        snprintf(t, sizeof t, "the tied head %s saved a second time (PyTorch files store tied tensors twice)", f->head_name);
        add_cause(b, t);
    }
    if (f->n_vision) {
        snprintf(t, sizeof t, "%zu tensor%s of vision/audio towers, not counted", f->n_vision, f->n_vision == 1 ? "" : "s");
        add_cause(b, t);
    }
    if (f->n_mtp) {
        snprintf(t, sizeof t, "%zu tensor%s of multi-token-prediction layers, not counted", f->n_mtp, f->n_mtp == 1 ? "" : "s");
        add_cause(b, t);
    }
    if (f->n_buffers) {
        snprintf(t, sizeof t, "%zu non-parameter buffer%s (rotary inv_freq, causal masks) stored with the weights",
                 f->n_buffers, f->n_buffers == 1 ? "" : "s");
        add_cause(b, t);
    }
    if (hp->quant.present && !hp->quant.known) {
        snprintf(t, sizeof t, "its quantization_config (%s) is not one llmxray can size",
                 hp->quant.note[0] ? hp->quant.note : hp->quant.method);
        add_cause(b, t);
    }
    if (f->total_size / 2 == counted && !(f->total_size & 1)) add_cause(b, "the files hold 32-bit weights where the config declares 16-bit");
    else if (counted / 2 == f->total_size && !(counted & 1)) add_cause(b, "the files hold 16-bit weights where the config declares 32-bit");
    uint64_t gap = f->total_size > counted ? f->total_size - counted : counted - f->total_size;
    if (!b->len || (f->n_buffers && !f->n_vision && !f->n_mtp && f->buffer_bound < gap && !(tied && f->head_listed)))
        add_cause(b, "the index's tensors have other shapes or types than the config's (another revision?)");
}

void lx_shipped_check(const lx_index_facts *f, const lx_hparams *hp, uint64_t counted, bool tied, char *msg, size_t cap)
{
    msg[0] = '\0';
    if (!f->found || !f->has_total || f->total_size == counted) return;
    char want[32], got[32];
    lx_fmt_thousands(want, sizeof want, f->total_size);
    lx_fmt_thousands(got, sizeof got, counted);
    lx_buf b;
    lx_buf_init(&b);
    causes(f, hp, counted, tied, &b);
    snprintf(msg, cap, "%s: total_size is %s bytes, llmxray counts %s (likely: %s)", f->file, want, got, lx_buf_cstr(&b));
    lx_buf_free(&b);
}
