/* render/html — see html.h. This file: the page's data (JSON members).
 *
 *   "t":     the tensors, grouped: one row per (name with the layer index as {L} and the
 *            expert index as {E}, shape, type): [name, shape, type, tensors, parameters of
 *            one, bytes of all, layers]. A 126-layer model has ~10 rows, not ~1,100.
 *   "boxes": box id -> the rows of the tensors it stands for, chosen by the tensors' roles
 *            (one table below, keyed by the last part of the box's id: "attn", "ffn_norm",
 *            "q", "kvup", ...).
 *   "fold":  the ids of the layer groups and inset panels the reader can fold.
 *   "heat":  heatmap id -> its rectangle, size, values (3 significant digits) and the
 *            prompt's pieces as row and column labels when it is token × token.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/html_int.h"

/* ---- which roles a box stands for ---- */

#define MAX_ROLES 12
typedef struct box_roles {
    const char *key;
    lx_role roles[MAX_ROLES]; /* ends at the first LX_ROLE_UNKNOWN */
} box_roles;

#define MIXER_ROLES                                                                                            \
    LX_ROLE_SSM_IN, LX_ROLE_SSM_X, LX_ROLE_SSM_DT, LX_ROLE_SSM_A, LX_ROLE_SSM_D, LX_ROLE_SSM_CONV, LX_ROLE_SSM_NORM, \
        LX_ROLE_SSM_OUT, LX_ROLE_SSM_BA, LX_ROLE_KDA, LX_ROLE_SSM_MISC, LX_ROLE_ATTN_GATE

static const box_roles BOXES[] = {
    {"embed", {LX_ROLE_TOK_EMBD, LX_ROLE_TOKEN_TYPES, LX_ROLE_EMBD_NORM, LX_ROLE_EMBD_PROJ,
               LX_ROLE_PATCH_EMBD, LX_ROLE_PLE_EMBD, LX_ROLE_PLE_PROJ}},
    {"pos", {LX_ROLE_POS_EMBD, LX_ROLE_ROPE_FREQS, LX_ROLE_ROPE_LONG, LX_ROLE_ROPE_SHORT}},
    {"ple", {LX_ROLE_PLE_EMBD, LX_ROLE_PLE_PROJ, LX_ROLE_PLE_LAYER}},
    {"final_norm", {LX_ROLE_OUTPUT_NORM}},
    {"output", {LX_ROLE_OUTPUT, LX_ROLE_CLS_OUT}},
    {"attn", {LX_ROLE_ATTN_Q, LX_ROLE_ATTN_K, LX_ROLE_ATTN_V, LX_ROLE_ATTN_QKV, LX_ROLE_ATTN_O, LX_ROLE_ATTN_Q_NORM,
              LX_ROLE_ATTN_K_NORM, LX_ROLE_ATTN_SINKS, LX_ROLE_ATTN_Q_A, LX_ROLE_ATTN_Q_B, LX_ROLE_ATTN_KV_A,
              LX_ROLE_ATTN_KV_B}},
    {"mla", {LX_ROLE_ATTN_Q_A, LX_ROLE_ATTN_Q_A_NORM, LX_ROLE_ATTN_Q_B, LX_ROLE_ATTN_KV_A, LX_ROLE_ATTN_KV_A_NORM,
             LX_ROLE_ATTN_KV_B, LX_ROLE_ATTN_K_B, LX_ROLE_ATTN_V_B, LX_ROLE_ATTN_O, LX_ROLE_ATTN_Q}},
    {"ffn", {LX_ROLE_FFN_GATE, LX_ROLE_FFN_UP, LX_ROLE_FFN_DOWN, LX_ROLE_FFN_GATE_UP, LX_ROLE_FFN_ACT}},
    {"moe", {LX_ROLE_MOE_ROUTER, LX_ROLE_MOE_ROUTER_BIAS, LX_ROLE_MOE_LATENT, LX_ROLE_EXP_GATE, LX_ROLE_EXP_UP,
             LX_ROLE_EXP_DOWN, LX_ROLE_EXP_GATE_UP, LX_ROLE_SHEXP_GATE, LX_ROLE_SHEXP_UP, LX_ROLE_SHEXP_DOWN,
             LX_ROLE_SHEXP_ROUTER}},
    {"gdn", {MIXER_ROLES}}, {"kda", {MIXER_ROLES}}, {"mamba", {MIXER_ROLES}}, {"mamba2", {MIXER_ROLES}},
    {"lightning", {MIXER_ROLES}}, {"mlstm", {MIXER_ROLES}}, {"mixer", {MIXER_ROLES}},
    {"conv", {LX_ROLE_SSM_CONV, LX_ROLE_CONV_IN, LX_ROLE_CONV, LX_ROLE_CONV_OUT}},
    {"q", {LX_ROLE_ATTN_Q, LX_ROLE_ATTN_QKV}},
    {"k", {LX_ROLE_ATTN_K, LX_ROLE_ATTN_QKV}},
    {"v", {LX_ROLE_ATTN_V, LX_ROLE_ATTN_QKV}},
    {"qkv", {LX_ROLE_ATTN_QKV}},
    {"out", {LX_ROLE_ATTN_O, LX_ROLE_SSM_OUT, LX_ROLE_CONV_OUT}},
    {"qnorm", {LX_ROLE_ATTN_Q_NORM, LX_ROLE_ATTN_Q_A_NORM}},
    {"knorm", {LX_ROLE_ATTN_K_NORM}},
    {"qdown", {LX_ROLE_ATTN_Q_A, LX_ROLE_ATTN_Q_A_NORM}},
    {"qup", {LX_ROLE_ATTN_Q_B}},
    {"kvdown", {LX_ROLE_ATTN_KV_A}},
    {"kvnorm", {LX_ROLE_ATTN_KV_A_NORM}},
    {"kvup", {LX_ROLE_ATTN_KV_B, LX_ROLE_ATTN_K_B, LX_ROLE_ATTN_V_B}},
    {"gate", {LX_ROLE_FFN_GATE, LX_ROLE_FFN_GATE_UP, LX_ROLE_EXP_GATE, LX_ROLE_EXP_GATE_UP}},
    {"up", {LX_ROLE_FFN_UP, LX_ROLE_FFN_GATE_UP, LX_ROLE_EXP_UP, LX_ROLE_EXP_GATE_UP}},
    {"down", {LX_ROLE_FFN_DOWN, LX_ROLE_EXP_DOWN}},
    {"router", {LX_ROLE_MOE_ROUTER, LX_ROLE_MOE_ROUTER_BIAS, LX_ROLE_SHEXP_ROUTER}},
    {"expert", {LX_ROLE_EXP_GATE, LX_ROLE_EXP_UP, LX_ROLE_EXP_DOWN, LX_ROLE_EXP_GATE_UP}},
    {"shared", {LX_ROLE_SHEXP_GATE, LX_ROLE_SHEXP_UP, LX_ROLE_SHEXP_DOWN}},
    {"in", {LX_ROLE_SSM_IN, LX_ROLE_CONV_IN}},
    {"qconv", {LX_ROLE_SSM_CONV}}, {"kconv", {LX_ROLE_SSM_CONV}}, {"vconv", {LX_ROLE_SSM_CONV}},
    {"gates", {LX_ROLE_SSM_BA, LX_ROLE_SSM_DT, LX_ROLE_SSM_A, LX_ROLE_KDA}},
    {"state", {LX_ROLE_SSM_A, LX_ROLE_SSM_D}},
    {"ogate", {LX_ROLE_ATTN_GATE, LX_ROLE_SSM_NORM}},
};

/* The norms of a block, by where they sit: Hugging Face's "post_attention_layernorm" is the
 * FFN's pre-norm in a pre-norm model but the attention's own norm in a post-norm one (OLMo 2,
 * BERT) and its second norm in a sandwich (Gemma 2, 3). */
static const box_roles NORMS[][4] = {
    [LX_NORM_PRE] = {{"attn_norm", {LX_ROLE_ATTN_NORM}}, {"attn_post_norm", {LX_ROLE_ATTN_POST_NORM}},
                     {"ffn_norm", {LX_ROLE_FFN_NORM, LX_ROLE_HF_POST_ATTN_LN}}, {"ffn_post_norm", {LX_ROLE_FFN_POST_NORM}}},
    [LX_NORM_POST] = {{"attn_norm", {LX_ROLE_ATTN_NORM, LX_ROLE_ATTN_POST_NORM, LX_ROLE_HF_POST_ATTN_LN}},
                      {"attn_post_norm", {LX_ROLE_ATTN_POST_NORM, LX_ROLE_HF_POST_ATTN_LN}},
                      {"ffn_norm", {LX_ROLE_FFN_NORM, LX_ROLE_FFN_POST_NORM}}, {"ffn_post_norm", {LX_ROLE_FFN_POST_NORM}}},
    [LX_NORM_SANDWICH] = {{"attn_norm", {LX_ROLE_ATTN_NORM}},
                          {"attn_post_norm", {LX_ROLE_ATTN_POST_NORM, LX_ROLE_HF_POST_ATTN_LN}},
                          {"ffn_norm", {LX_ROLE_FFN_NORM}}, {"ffn_post_norm", {LX_ROLE_FFN_POST_NORM}}},
};

/* The table row for a box id: its last dotted part ("block0.attn" -> "attn", "inset.attn.q"
 * -> "q", "inset.moe" -> "moe"); a tied output layer is the token embedding. */
static const box_roles *roles_of(const char *id, const lx_arch *a)
{
    const char *dot = strrchr(id, '.');
    const char *key = dot ? dot + 1 : id;
    static const box_roles TIED = {"output", {LX_ROLE_TOK_EMBD}};
    lx_norm_place place = a->norm.placement;
    if (a->tied && !strcmp(key, "output")) return &TIED;
    for (size_t i = 0; place <= LX_NORM_SANDWICH && i < 4; i++)
        if (!strcmp(NORMS[place][i].key, key)) return &NORMS[place][i];
    for (size_t i = 0; i < sizeof BOXES / sizeof BOXES[0]; i++)
        if (!strcmp(BOXES[i].key, key)) return &BOXES[i];
    return NULL;
}

static bool has_role(const box_roles *b, lx_role r)
{
    for (int i = 0; i < MAX_ROLES && b->roles[i] != LX_ROLE_UNKNOWN; i++)
        if (b->roles[i] == r) return true;
    return false;
}

/* ---- tensor groups ---- */

typedef struct tgroup {
    char *key;              /* role (3 digits) name pattern \x01 shape \x01 type: the sort key */
    size_t first;           /* a tensor of the group */
    lx_role role;
    uint64_t n, bytes;
    unsigned char *layers;  /* [LX_MAX_LAYERS] which layers hold one */
} tgroup;

/* Writes name into out with the decimal run equal to `index` (a whole run, after `from`)
 * replaced by `mark`; returns where the replacement ended (or from). */
static size_t mark_index(char *out, size_t cap, const char *name, int index, const char *mark, size_t from)
{
    char num[16];
    snprintf(num, sizeof num, "%d", index);
    size_t nl = strlen(num), len = strlen(name);
    for (size_t i = from; i + nl <= len; i++) {
        bool start = i == 0 || name[i - 1] < '0' || name[i - 1] > '9';
        bool end = i + nl == len || name[i + nl] < '0' || name[i + nl] > '9';
        if (start && end && !memcmp(name + i, num, nl)) {
            snprintf(out, cap, "%.*s%s%s", (int)i, name, mark, name + i + nl);
            return i + strlen(mark);
        }
    }
    snprintf(out, cap, "%s", name);
    return from;
}

static char *group_key(const lx_tensor *t, const lx_role_match *m)
{
    char a[512], b[512];
    size_t at = 0;
    snprintf(a, sizeof a, "%s", t->name);
    if (m->layer >= 0) at = mark_index(a, sizeof a, t->name, m->layer, "{L}", 0);
    snprintf(b, sizeof b, "%s", a);
    if (m->expert >= 0) mark_index(b, sizeof b, a, m->expert, "{E}", at);
    char shape[96] = "";
    size_t n = 0;
    for (int d = 0; d < t->n_dims && n < sizeof shape; d++)
        n += (size_t)snprintf(shape + n, sizeof shape - n, "%s%llu", d ? " \xc3\x97 " : "", (unsigned long long)t->shape[d]);
    size_t len = strlen(b) + strlen(shape) + 44;
    char *key = malloc(len);
    if (key) snprintf(key, len, "%03d%s\x01%s\x01%s", (int)m->role, b, shape, lx_dtype_get(t->type)->name);
    return key;
}

typedef struct tkey { char *key; size_t i; } tkey;

static int cmp_tkey(const void *x, const void *y)
{
    const tkey *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

typedef struct tgroups { tgroup *v; size_t n; } tgroups;

static void tgroups_free(tgroups *g)
{
    for (size_t i = 0; i < g->n; i++) { free(g->v[i].key); free(g->v[i].layers); }
    free(g->v);
}

/* Sorted keys -> groups (each key owned by its group, the others freed). */
static bool merge_keys(const lx_arch *a, tkey *k, size_t n, tgroups *g)
{
    for (size_t i = 0; i < n; i++) {
        const lx_role_match *m = &a->roles[k[i].i];
        if (!g->n || strcmp(g->v[g->n - 1].key, k[i].key)) {
            tgroup *t = &g->v[g->n++];
            *t = (tgroup){.key = k[i].key, .first = k[i].i, .role = m->role, .layers = calloc(LX_MAX_LAYERS, 1)};
            if (!t->layers) return false;
        } else {
            free(k[i].key);
        }
        k[i].key = NULL;
        tgroup *t = &g->v[g->n - 1];
        t->n++;
        t->bytes += a->tensors->v[k[i].i].n_bytes;
        if (m->layer >= 0 && m->layer < LX_MAX_LAYERS) t->layers[m->layer] = 1;
    }
    return true;
}

static bool build_groups(const lx_arch *a, tgroups *g)
{
    size_t n = a->tensors->n;
    tkey *k = calloc(n ? n : 1, sizeof *k);
    g->v = calloc(n ? n : 1, sizeof *g->v);
    g->n = 0;
    bool ok = k && g->v;
    for (size_t i = 0; ok && i < n; i++) {
        k[i] = (tkey){group_key(&a->tensors->v[i], &a->roles[i]), i};
        ok = k[i].key != NULL;
    }
    if (ok) qsort(k, n, sizeof *k, cmp_tkey);
    if (ok) ok = merge_keys(a, k, n, g);
    for (size_t i = 0; k && i < n; i++) free(k[i].key);
    free(k);
    return ok;
}

/* "0–31" or "0–2, 4, 6–60"; "" for whole-model tensors. */
static void put_layers(lx_buf *b, const unsigned char *l)
{
    lx_buf_putc(b, '"');
    bool first = true;
    for (int i = 0; i < LX_MAX_LAYERS; i++) {
        if (!l[i]) continue;
        int j = i;
        while (j + 1 < LX_MAX_LAYERS && l[j + 1]) j++;
        lx_buf_printf(b, "%s%d", first ? "" : ", ", i);
        if (j > i) lx_buf_printf(b, "\xe2\x80\x93%d", j);
        first = false;
        i = j;
    }
    lx_buf_putc(b, '"');
}

static void put_group(lx_buf *b, const lx_arch *a, const tgroup *t)
{
    char key[768];
    snprintf(key, sizeof key, "%s", t->key + 3); /* after the role's sort prefix */
    char *shape = strchr(key, '\x01');
    char *type = shape ? strchr(shape + 1, '\x01') : NULL;
    if (!shape || !type) return;
    *shape++ = '\0';
    *type++ = '\0';
    lx_buf_putc(b, '[');
    lx_buf_put_json(b, key);
    lx_buf_putc(b, ',');
    lx_buf_put_json(b, shape);
    lx_buf_putc(b, ',');
    lx_buf_put_json(b, type);
    lx_buf_printf(b, ",%llu,%llu,%llu,", (unsigned long long)t->n,
                  (unsigned long long)a->tensors->v[t->first].n_elems, (unsigned long long)t->bytes);
    put_layers(b, t->layers);
    lx_buf_putc(b, ']');
}

/* "prefix" + id -> the rows of its roles; a comparison's boxes are "a." and "b." + id. */
static void put_boxes(lx_buf *b, const lx_scene *s, const lx_arch *a, const tgroups *g, const char *prefix, bool *any)
{
    size_t pl = strlen(prefix);
    for (int i = 0; i < s->n; i++) {
        const lx_el *e = &s->els[i];
        if ((e->type != LX_EL_BOX && e->type != LX_EL_PANEL) || strncmp(e->id, prefix, pl)) continue;
        const box_roles *br = roles_of(e->id, a);
        if (!br) continue;
        bool open = false;
        for (size_t k = 0; k < g->n; k++) {
            if (!has_role(br, g->v[k].role)) continue;
            if (!open) {
                lx_buf_printf(b, "%s", *any ? "," : "");
                lx_buf_put_json(b, e->id);
                lx_buf_puts(b, ":[");
            }
            lx_buf_printf(b, "%s%zu", open ? "," : "", k);
            open = *any = true;
        }
        if (open) lx_buf_putc(b, ']');
    }
}

static lx_status put_tensors(const lx_html_page *p, const lx_arch *a, const char *suffix, const char *prefix,
                             lx_buf *b, lx_err *err)
{
    tgroups g = {0};
    if (!build_groups(a, &g)) {
        tgroups_free(&g);
        return lx_err_set(err, LX_ERR_IO, "out of memory while grouping tensors");
    }
    lx_buf_printf(b, "\"t%s\":[", suffix);
    for (size_t i = 0; i < g.n; i++) {
        if (i) lx_buf_putc(b, ',');
        put_group(b, a, &g.v[i]);
    }
    lx_buf_printf(b, "],\"boxes%s\":{", suffix);
    bool any = false;
    put_boxes(b, p->scene, a, &g, prefix, &any);
    lx_buf_puts(b, "},");
    tgroups_free(&g);
    return LX_OK;
}

/* ---- folds and heatmaps ---- */

static void put_folds(lx_buf *b, const lx_scene *s)
{
    lx_buf_puts(b, "\"fold\":[");
    bool first = true;
    for (int i = 0; i < s->n; i++) {
        const lx_el *e = &s->els[i];
        if (e->type != LX_EL_GROUP && e->type != LX_EL_PANEL) continue;
        if (!first) lx_buf_putc(b, ',');
        lx_buf_put_json(b, e->id);
        first = false;
    }
    lx_buf_puts(b, "],");
}

/* The prompt's pieces 0..n-1 as labels, when the prompt has that many. */
static void put_labels(lx_buf *b, const char *name, const lx_html_page *p, int n)
{
    lx_buf_printf(b, ",\"%s\":[", name);
    for (int i = 0; p->tokens && (size_t)n <= p->n_tokens && i < n; i++) {
        if (i) lx_buf_putc(b, ',');
        lx_buf_put_json(b, p->tokens[i] ? p->tokens[i] : "");
    }
    lx_buf_putc(b, ']');
}

/* The poster draws each query's attention row as a heatmap of one row, "attn.lL.hH.qQ", and
 * its worked example (layer 0, head 0) as "attn.example.qQ" (layout/inside_attn): the columns
 * are the keys 0..Q. Query -1 for other heatmaps. */
static long heat_query(const lx_el *e, size_t n_tokens, char *what, size_t cap)
{
    unsigned long l = 0, h = 0, q = 0;
    int end = 0;
    what[0] = '\0';
    if (e->u.heat.rows != 1) return -1;
    bool map = sscanf(e->id, "attn.l%lu.h%lu.q%lu%n", &l, &h, &q, &end) == 3 && !e->id[end];
    if (!map && !(sscanf(e->id, "attn.example.q%lu%n", &q, &end) == 1 && !e->id[end])) return -1;
    if (q >= n_tokens || (unsigned long)e->u.heat.cols != q + 1) return -1;
    snprintf(what, cap, "layer %lu \xc2\xb7 head %lu", l, h);
    return (long)q;
}

static void put_heat(lx_buf *b, const lx_html_page *p, const lx_el *e)
{
    char what[64];
    long q = heat_query(e, p->tokens ? p->n_tokens : 0, what, sizeof what);
    lx_buf_put_json(b, e->id);
    lx_buf_puts(b, ":{\"x\":");
    lx_buf_put_coord(b, e->r.x);
    lx_buf_puts(b, ",\"y\":");
    lx_buf_put_coord(b, e->r.y);
    lx_buf_puts(b, ",\"w\":");
    lx_buf_put_coord(b, e->r.w);
    lx_buf_puts(b, ",\"h\":");
    lx_buf_put_coord(b, e->r.h);
    lx_buf_printf(b, ",\"r\":%d,\"c\":%d,\"q\":%ld,\"tip\":", e->u.heat.rows, e->u.heat.cols, q);
    lx_buf_put_json(b, what[0] ? what : e->tip ? e->tip : "");
    put_labels(b, "rl", p, q >= 0 || (size_t)e->u.heat.rows != p->n_tokens ? 0 : e->u.heat.rows);
    put_labels(b, "cl", p, q >= 0 || (size_t)e->u.heat.cols == p->n_tokens ? e->u.heat.cols : 0);
    lx_buf_puts(b, ",\"v\":[");
    size_t n = (size_t)e->u.heat.rows * (size_t)e->u.heat.cols;
    for (size_t i = 0; i < n; i++) {
        double v = e->u.heat.v[i];
        lx_buf_printf(b, "%s%.3g", i ? "," : "", isfinite(v) ? v : 0.0);
    }
    lx_buf_puts(b, "]}");
}

static void put_heatmaps(lx_buf *b, const lx_html_page *p)
{
    lx_buf_puts(b, "\"heat\":{");
    bool first = true;
    for (int i = 0; i < p->scene->n; i++) {
        const lx_el *e = &p->scene->els[i];
        if (e->type != LX_EL_HEATMAP || e->u.heat.rows <= 0 || e->u.heat.cols <= 0) continue;
        if (!first) lx_buf_putc(b, ',');
        put_heat(b, p, e);
        first = false;
    }
    lx_buf_puts(b, "},");
}

lx_status lx_html_data_members(const lx_html_page *p, lx_buf *json, lx_err *err)
{
    lx_status st = LX_OK;
    if (p->arch) st = put_tensors(p, p->arch, "", p->arch2 ? "a." : "", json, err);
    if (st == LX_OK && p->arch2) st = put_tensors(p, p->arch2, "2", "b.", json, err);
    if (st != LX_OK) return st;
    put_folds(json, p->scene);
    put_heatmaps(json, p);
    return LX_OK;
}
