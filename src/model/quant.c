/* model/quant — quantization_config and the stored form of synthesized tensors. See quant.h. */
#include "model/quant.h"

#include <jansson.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/hparams.h"
#include "model/roles.h"
#include "read/dtype.h"
#include "util/text.h"

/* ---------------------------------------------------------------- reading the config */

static void q_copy(char *dst, size_t cap, const char *s)
{
    lx_text_copy(dst, cap, s, cap);
}

static uint64_t j_u64(const json_t *o, const char *key, uint64_t dflt)
{
    const json_t *v = json_object_get(o, key);
    return json_is_integer(v) && json_integer_value(v) > 0 ? (uint64_t)json_integer_value(v) : dflt;
}

static bool j_bool(const json_t *o, const char *key, bool dflt)
{
    const json_t *v = json_object_get(o, key);
    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

static const char *j_str(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void add_pattern(lx_quant *q, const char *s, int group)
{
    if (!q->pats && !(q->pats = calloc(1, sizeof *q->pats))) {
        q->truncated = true;
        return;
    }
    lx_quant_pats *p = q->pats;
    size_t n = strlen(s), used = p->n ? p->pat[p->n - 1].off : 0;
    if (p->n) used += strlen(p->pool + used) + 1;
    if (p->n >= LX_QUANT_MAX_PATTERNS || used + n + 1 > LX_QUANT_POOL || n > 200) {
        q->truncated = true;
        return;
    }
    memcpy(p->pool + used, s, n + 1);
    p->pat[p->n].off = (uint32_t)used;
    p->pat[p->n++].group = (int8_t)group;
}

int lx_quant_n_patterns(const lx_quant *q) { return q->pats ? q->pats->n : 0; }

/* Pattern i's text and group. */
static const char *pat_text(const lx_quant *q, int i) { return q->pats->pool + q->pats->pat[i].off; }
static int pat_group(const lx_quant *q, int i) { return q->pats->pat[i].group; }

void lx_quant_free(lx_quant *q)
{
    free(q->pats);
    q->pats = NULL;
}

static void add_patterns(lx_quant *q, const json_t *arr, int group)
{
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const char *s = json_string_value(json_array_get(arr, i));
        if (s && !(group >= 0 && strcmp(s, "Linear") == 0)) add_pattern(q, s, group);
        else if (s) q->s[group].linear = true;
    }
}

static lx_qscheme *new_scheme(lx_quant *q, lx_qscheme_kind kind, uint32_t bits, uint64_t group)
{
    if (q->n_schemes >= LX_QUANT_MAX_SCHEMES) return NULL;
    lx_qscheme *s = &q->s[q->n_schemes++];
    *s = (lx_qscheme){.kind = kind, .bits = bits, .group = group, .sym = true};
    return s;
}

/* [R, C] of positive integers (a block size), else both 0. */
static void read_pair(const json_t *a, uint64_t *r, uint64_t *c)
{
    const json_t *x = json_array_get(a, 0), *y = json_array_get(a, 1);
    bool ok = json_array_size(a) == 2 && json_is_integer(x) && json_is_integer(y) && json_integer_value(x) > 0 &&
              json_integer_value(y) > 0;
    *r = ok ? (uint64_t)json_integer_value(x) : 0;
    *c = ok ? (uint64_t)json_integer_value(y) : 0;
}

static bool fmt_e5m2(const char *fmt) { return fmt && strstr(fmt, "e5m2"); }

static void parse_fp8(const json_t *c, lx_quant *q)
{
    lx_qscheme *s = new_scheme(q, LX_QS_FP8, 8, 0);
    s->linear = true;
    s->e5m2 = fmt_e5m2(j_str(c, "fmt"));
    read_pair(json_object_get(c, "weight_block_size"), &s->block_r, &s->block_c);
    const char *act = j_str(c, "activation_scheme");
    s->act_scale = act && strcmp(act, "static") == 0;
    add_patterns(q, json_object_get(c, "modules_to_not_convert"), -1);
}

static void parse_mxfp4(const json_t *c, lx_quant *q)
{
    new_scheme(q, LX_QS_MXFP4, 4, 32)->linear = true;
    add_patterns(q, json_object_get(c, "modules_to_not_convert"), -1);
}

static void parse_gptq_awq(const json_t *c, lx_quant *q, bool awq)
{
    const json_t *b = json_object_get(c, "bits");
    if (!b) b = json_object_get(c, "w_bit");
    uint64_t bits = b ? (json_is_integer(b) && json_integer_value(b) > 0 ? (uint64_t)json_integer_value(b) : 0) : 4;
    const json_t *g = json_object_get(c, "group_size");
    if (!g) g = json_object_get(c, "q_group_size");
    uint64_t group = json_is_integer(g) && json_integer_value(g) > 0 ? (uint64_t)json_integer_value(g) : 0;
    if (bits < 2 || bits > 8) { /* 0: not a positive integer */
        snprintf(q->note, sizeof q->note, "%s with %llu-bit weights (expected 2 to 8)", awq ? "awq" : "gptq",
                 (unsigned long long)bits);
        return;
    }
    lx_qscheme *s = new_scheme(q, awq ? LX_QS_AWQ : LX_QS_GPTQ, (uint32_t)bits, group);
    s->linear = true;
    s->g_idx = !awq;
    add_patterns(q, json_object_get(c, "modules_to_not_convert"), -1);
}

static void parse_bnb(const json_t *c, lx_quant *q)
{
    if (j_bool(c, "load_in_4bit", false)) {
        lx_qscheme *s = new_scheme(q, LX_QS_BNB4, 4, 64);
        s->double_quant = j_bool(c, "bnb_4bit_use_double_quant", false);
        s->linear = true;
    } else if (j_bool(c, "load_in_8bit", false)) {
        new_scheme(q, LX_QS_BNB8, 8, 0)->linear = true;
    } else {
        q_copy(q->note, sizeof q->note, "bitsandbytes without load_in_4bit or load_in_8bit");
        return;
    }
    add_patterns(q, json_object_get(c, "llm_int8_skip_modules"), -1);
}

/* One config group of compressed-tensors / modelopt: its weights' number format. */
static void parse_group(const json_t *grp, lx_quant *q)
{
    const json_t *w = json_object_get(grp, "weights");
    uint64_t bits = j_u64(w, "num_bits", 0), group = j_u64(w, "group_size", 0);
    const char *type = j_str(w, "type"), *strat = j_str(w, "strategy");
    bool fl = type && strcmp(type, "float") == 0;
    lx_qscheme *s = NULL;
    if (q->n_schemes >= LX_QUANT_MAX_SCHEMES) {
        snprintf(q->note, sizeof q->note, "more than %d config groups", LX_QUANT_MAX_SCHEMES);
        return;
    }
    if (fl && bits == 8) s = new_scheme(q, LX_QS_FP8, 8, 0);
    else if (fl && bits == 4) s = new_scheme(q, LX_QS_NVFP4, 4, group ? group : 16);
    else if (bits && bits <= 8 && (!type || strcmp(type, "int") == 0)) s = new_scheme(q, LX_QS_CT_INT, (uint32_t)bits, group);
    if (!s) {
        snprintf(q->note, sizeof q->note, "a config group of %llu-bit %s weights", (unsigned long long)bits,
                 type ? type : "untyped");
        return;
    }
    s->sym = j_bool(w, "symmetric", true);
    s->channel = strat && strcmp(strat, "channel") == 0;
    if (s->kind == LX_QS_FP8) read_pair(json_object_get(w, "block_structure"), &s->block_r, &s->block_c);
    s->act_scale = json_is_object(json_object_get(grp, "input_activations"));
    add_patterns(q, json_object_get(grp, "targets"), q->n_schemes - 1);
}

static void parse_groups(const json_t *c, lx_quant *q)
{
    const json_t *groups = json_object_get(c, "config_groups");
    const char *k;
    const json_t *g;
    if (json_is_object(groups)) json_object_foreach((json_t *)groups, k, g) parse_group(g, q);
    add_patterns(q, json_object_get(c, "ignore"), -1);
    add_patterns(q, json_object_get(c, "exclude_modules"), -1);
}

/* modelopt without config groups: quant_algo names the one format of every linear layer. */
static void parse_modelopt(const json_t *c, lx_quant *q)
{
    if (json_is_object(json_object_get(c, "config_groups"))) {
        parse_groups(c, q);
        return;
    }
    const char *algo = j_str(c, "quant_algo");
    lx_qscheme *s = NULL;
    if (algo && strcmp(algo, "FP8") == 0) s = new_scheme(q, LX_QS_FP8, 8, 0);
    else if (algo && strcmp(algo, "NVFP4") == 0) s = new_scheme(q, LX_QS_NVFP4, 4, j_u64(c, "group_size", 16));
    if (!s) {
        char name[41];
        lx_text_copy(name, sizeof name, algo, sizeof name);
        snprintf(q->note, sizeof q->note, "modelopt quant_algo \"%s\"", name);
        return;
    }
    s->linear = s->act_scale = true;
    add_patterns(q, json_object_get(c, "exclude_modules"), -1);
    add_patterns(q, json_object_get(c, "ignore"), -1);
}

static void parse_gptq(const json_t *c, lx_quant *q) { parse_gptq_awq(c, q, false); }
static void parse_awq(const json_t *c, lx_quant *q) { parse_gptq_awq(c, q, true); }

/* One row per quant_method llmxray can size. */
static const struct { const char *name; void (*parse)(const json_t *c, lx_quant *q); } METHODS[] = {
    {"fp8", parse_fp8}, {"mxfp4", parse_mxfp4}, {"gptq", parse_gptq}, {"awq", parse_awq},
    {"bitsandbytes", parse_bnb}, {"compressed-tensors", parse_groups}, {"modelopt", parse_modelopt},
};

void lx_quant_from_json(const void *config_object, lx_quant *q)
{
    memset(q, 0, sizeof *q);
    const json_t *root = config_object;
    const char *ed = j_str(root, "expert_dtype");
    q->expert_fp4 = ed && strcmp(ed, "fp4") == 0;
    const json_t *c = json_object_get(root, "quantization_config");
    if (!json_is_object(c)) return;
    q->present = true;
    q_copy(q->method, sizeof q->method, j_str(c, "quant_method"));
    size_t i = 0;
    while (i < sizeof METHODS / sizeof METHODS[0] && strcmp(q->method, METHODS[i].name)) i++;
    if (i < sizeof METHODS / sizeof METHODS[0]) METHODS[i].parse(c, q);
    else snprintf(q->note, sizeof q->note, "quant_method \"%.40s\" is not one llmxray knows", q->method);
    q->known = q->n_schemes > 0 && !q->note[0];
}

/* ---------------------------------------------------------------- module names */

/* The Hugging Face module a linear weight belongs to, by role; "linear" the name in a
 * linear-attention or state-space layer. NULL when the role is no linear layer that
 * quantizers convert by default (norms, routers, embeddings, convolutions). */
static const struct { lx_role role; const char *attn, *linear; } MODULES[] = {
    {LX_ROLE_ATTN_Q, "self_attn.q_proj", "linear_attn.q_proj"},
    {LX_ROLE_ATTN_K, "self_attn.k_proj", "linear_attn.k_proj"},
    {LX_ROLE_ATTN_V, "self_attn.v_proj", "linear_attn.v_proj"},
    {LX_ROLE_ATTN_QKV, "self_attn.qkv_proj", "linear_attn.in_proj_qkv"},
    {LX_ROLE_ATTN_O, "self_attn.o_proj", "linear_attn.out_proj"},
    {LX_ROLE_ATTN_GATE, "self_attn.g_proj", "linear_attn.in_proj_z"},
    {LX_ROLE_ATTN_Q_A, "self_attn.q_a_proj", NULL},
    {LX_ROLE_ATTN_Q_B, "self_attn.q_b_proj", NULL},
    {LX_ROLE_ATTN_KV_A, "self_attn.kv_a_proj_with_mqa", NULL},
    {LX_ROLE_ATTN_KV_B, "self_attn.kv_b_proj", NULL},
    {LX_ROLE_ATTN_K_B, "self_attn.k_b_proj", NULL},
    {LX_ROLE_ATTN_V_B, "self_attn.v_b_proj", NULL},
    {LX_ROLE_INDEXER, "self_attn.indexer", NULL},
    {LX_ROLE_CROSS_ATTN, "cross_attn", NULL},
    {LX_ROLE_SSM_IN, "mixer.in_proj", "mixer.in_proj"},
    {LX_ROLE_SSM_X, "mixer.x_proj", "mixer.x_proj"},
    {LX_ROLE_SSM_DT, "mixer.dt_proj", "mixer.dt_proj"},
    {LX_ROLE_SSM_OUT, "mixer.out_proj", "linear_attn.out_proj"},
    {LX_ROLE_SSM_BA, "linear_attn.in_proj_ba", "linear_attn.in_proj_ba"},
    {LX_ROLE_KDA, "linear_attn.gates", "linear_attn.gates"},
    {LX_ROLE_CONV_IN, "conv.in_proj", "conv.in_proj"},
    {LX_ROLE_CONV_OUT, "conv.out_proj", "conv.out_proj"},
    {LX_ROLE_FFN_GATE, "mlp.gate_proj", NULL},
    {LX_ROLE_FFN_UP, "mlp.up_proj", NULL},
    {LX_ROLE_FFN_DOWN, "mlp.down_proj", NULL},
    {LX_ROLE_FFN_GATE_UP, "mlp.gate_up_proj", NULL},
    {LX_ROLE_MOE_LATENT, "mlp.latent_proj", NULL},
    {LX_ROLE_EXP_GATE, "mlp.experts.0.gate_proj", NULL},
    {LX_ROLE_EXP_UP, "mlp.experts.0.up_proj", NULL},
    {LX_ROLE_EXP_DOWN, "mlp.experts.0.down_proj", NULL},
    {LX_ROLE_EXP_GATE_UP, "mlp.experts.0.gate_up_proj", NULL},
    {LX_ROLE_SHEXP_GATE, "mlp.shared_experts.gate_proj", NULL},
    {LX_ROLE_SHEXP_UP, "mlp.shared_experts.up_proj", NULL},
    {LX_ROLE_SHEXP_DOWN, "mlp.shared_experts.down_proj", NULL},
    {LX_ROLE_OUTPUT, "lm_head", NULL}, /* converted only when a config names it */
};

/* '*' any run of characters, '?' one; the match may stop at the end or before a '.'. *budget
 * bounds the work a hostile pattern of many stars can cause (exhausted: no match). */
static bool glob_at(const char *p, const char *s, int *budget)
{
    for (; *p; p++, s++) {
        if (--*budget < 0) return false;
        if (*p == '*') {
            while (p[1] == '*') p++;
            for (const char *t = s;; t++) {
                if (glob_at(p + 1, t, budget)) return true;
                if (!*t || *budget < 0) return false;
            }
        }
        if (!*s || (*p != '?' && *p != *s)) return false;
    }
    return !*s || *s == '.';
}

static bool glob_prefix(const char *p, const char *s)
{
    int budget = 20000;
    return glob_at(p, s, &budget);
}

/* Patterns as Hugging Face quantizers read them: "re:REGEX" matched from the start; otherwise
 * a name (wildcards allowed) matching whole dot-separated parts: a prefix ("model.layers.0"),
 * the module itself, or a trailing part ("lm_head", "gate"). */
static bool pattern_matches(const char *p, const regex_t *re, const char *name)
{
    if (re) return regexec(re, name, 0, NULL, 0) == 0;
    for (const char *s = name; s; s = strchr(s, '.') ? strchr(s, '.') + 1 : NULL)
        if (glob_prefix(p, s)) return true;
    return false;
}

typedef struct qctx {
    const lx_hparams *hp;
    const lx_quant *q;
    regex_t *re;       /* per pattern: compiled "re:" patterns */
    bool *re_ok;
} qctx;

/* Every spelling of a module the wrappers of text models use. */
static bool module_matches(const qctx *c, int i, const char *rest, bool head)
{
    const char *p = pat_text(c->q, i);
    const regex_t *re = c->re_ok[i] ? &c->re[i] : NULL;
    if (!strncmp(p, "re:", 3) && !re) return false;
    static const char *const BODY[] = {"", "model.", "model.language_model.", "language_model.model.", NULL};
    static const char *const HEAD[] = {"", "language_model.", NULL};
    char name[256];
    for (const char *const *w = head ? HEAD : BODY; *w; w++) {
        snprintf(name, sizeof name, "%s%s", *w, rest);
        if (pattern_matches(p, re, name)) return true;
    }
    return false;
}

/* The scheme a tensor is stored with: its index, or -1 when it stays at the model dtype. */
static int scheme_of(const qctx *c, const lx_role_match *m, const char *rest)
{
    bool head = m->role == LX_ROLE_OUTPUT;
    int n = lx_quant_n_patterns(c->q);
    for (int i = 0; i < n; i++)
        if (pat_group(c->q, i) < 0 && module_matches(c, i, rest, head)) return -1;
    for (int i = 0; i < n; i++)
        if (pat_group(c->q, i) >= 0 && module_matches(c, i, rest, head)) return pat_group(c->q, i);
    if (head) return -1;
    for (int g = 0; g < c->q->n_schemes; g++)
        if (c->q->s[g].linear) return g;
    return -1;
}

/* ---------------------------------------------------------------- stored form */

typedef struct qmat {
    uint64_t lead, rows, cols; /* matrices, outputs, inputs */
    lx_dtype model_dt;
} qmat;

static uint64_t cdiv(uint64_t a, uint64_t b) { return b ? (a + b - 1) / b : a; }

static lx_status push_aux(lx_tensors *t, const char *base, const char *suffix, lx_dtype dt, uint64_t n, lx_err *err)
{
    char name[300];
    snprintf(name, sizeof name, "%s%s", base, suffix);
    lx_tensor a = {.name = name, .n_dims = 1, .shape = {n}, .type = dt, .n_elems = n};
    if (!lx_dtype_bytes(dt, n, &a.n_bytes)) return lx_err_set(err, LX_ERR_MODEL, "%s: scale size overflows", name);
    if (!lx_tensors_push(t, &a)) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", name);
    return LX_OK;
}

typedef struct aux { const char *suffix; lx_dtype dt; uint64_t n; } aux;

/* The weight's stored type and bytes, and the tensors written beside it (up to 4). */
static int stored_form(const lx_qscheme *s, const qmat *m, lx_dtype *dt, uint64_t *bytes, aux *x)
{
    uint64_t L = m->lead, R = m->rows, C = m->cols, n = L * R * C, G = s->group ? cdiv(C, s->group) : 1;
    int k = 0;
    switch (s->kind) {
    case LX_QS_FP8:
        *dt = s->e5m2 ? LX_DT_F8_E5M2 : LX_DT_F8_E4M3, *bytes = n;
        if (s->block_r && s->block_c) x[k++] = (aux){".weight_scale_inv", LX_DT_F32, L * cdiv(R, s->block_r) * cdiv(C, s->block_c)};
        else x[k++] = (aux){".weight_scale", LX_DT_F32, s->channel ? L * R : L};
        if (s->act_scale) x[k++] = (aux){".input_scale", LX_DT_F32, L};
        break;
    case LX_QS_MXFP4:
        *dt = LX_DT_MXFP4, *bytes = L * R * cdiv(C, 32) * 17;
        break;
    case LX_QS_NVFP4:
        *dt = LX_DT_U8, *bytes = L * R * cdiv(C, 2);
        x[k++] = (aux){".weight_scale", LX_DT_F8_E4M3, L * R * G};
        x[k++] = (aux){".weight_scale_2", LX_DT_F32, L};
        if (s->act_scale) x[k++] = (aux){".input_scale", LX_DT_F32, L};
        break;
    case LX_QS_GPTQ: case LX_QS_AWQ:
        *dt = LX_DT_I32;
        *bytes = s->kind == LX_QS_GPTQ ? L * cdiv(C * s->bits, 32) * R * 4 : L * C * cdiv(R * s->bits, 32) * 4;
        x[k++] = (aux){".qzeros", LX_DT_I32, L * G * cdiv(R * s->bits, 32)};
        x[k++] = (aux){".scales", LX_DT_F16, L * G * R};
        if (s->g_idx) x[k++] = (aux){".g_idx", LX_DT_I32, L * C};
        break;
    case LX_QS_CT_INT:
        *dt = LX_DT_I32, *bytes = L * R * cdiv(C * s->bits, 32) * 4;
        x[k++] = (aux){".weight_scale", m->model_dt, L * R * G};
        x[k++] = (aux){".weight_shape", LX_DT_I64, L * 2};
        if (!s->sym) x[k++] = (aux){".weight_zero_point", LX_DT_I32, L * cdiv(R * s->bits, 32) * G};
        break;
    case LX_QS_BNB4:
        *dt = LX_DT_U8, *bytes = cdiv(n, 2);
        if (s->double_quant) {
            x[k++] = (aux){".absmax", LX_DT_U8, cdiv(n, 64)};
            x[k++] = (aux){".nested_absmax", LX_DT_F32, cdiv(cdiv(n, 64), 256)};
            x[k++] = (aux){".nested_quant_map", LX_DT_F32, 256};
        } else {
            x[k++] = (aux){".absmax", LX_DT_F32, cdiv(n, 64)};
        }
        x[k++] = (aux){".quant_map", LX_DT_F32, 16};
        break;
    case LX_QS_BNB8:
        *dt = LX_DT_I8, *bytes = n;
        x[k++] = (aux){".SCB", LX_DT_F32, L * R};
        break;
    }
    return k;
}

static const lx_qscheme MXFP4_EXPERTS = {.kind = LX_QS_MXFP4, .bits = 4, .group = 32};

/* Tensor i: its module and scheme; rewrites it and appends its scales. */
static lx_status convert(const qctx *c, lx_tensors *t, size_t i, lx_err *err)
{
    lx_tensor *w = &t->v[i];
    lx_role_match m = lx_role_match_name(w->name);
    if (m.bias || w->n_dims < 2) return LX_OK;
    const char *mod = NULL;
    bool lin = m.layer >= 0 && m.layer < LX_MAX_LAYERS && c->hp->has_layer_bits && c->hp->mixer[m.layer] != LX_MIX_ATTN;
    for (size_t k = 0; k < sizeof MODULES / sizeof MODULES[0] && !mod; k++)
        if (MODULES[k].role == m.role) mod = lin && MODULES[k].linear ? MODULES[k].linear : MODULES[k].attn;
    if (!mod) return LX_OK;
    char rest[200];
    if (m.layer >= 0) snprintf(rest, sizeof rest, "layers.%d.%s", m.layer, mod);
    else snprintf(rest, sizeof rest, "%s", mod);
    int g = scheme_of(c, &m, rest);
    const lx_qscheme *s = g >= 0 ? &c->q->s[g] : NULL;
    if (c->q->expert_fp4 && lx_role_is_expert(m.role)) s = &MXFP4_EXPERTS;
    if (!s) return LX_OK;
    int nd = w->n_dims;
    qmat q = {1, m.in_out ? w->shape[nd - 1] : w->shape[nd - 2], m.in_out ? w->shape[nd - 2] : w->shape[nd - 1], w->type};
    for (int d = 0; d < nd - 2; d++) q.lead *= w->shape[d];
    aux x[4];
    lx_dtype dt = w->type;
    uint64_t bytes = w->n_bytes;
    int k = stored_form(s, &q, &dt, &bytes, x);
    w->type = dt;
    w->n_bytes = bytes;
    char base[256];
    snprintf(base, sizeof base, "%s", w->name);
    char *dot = strrchr(base, '.');
    if (dot && !strcmp(dot, ".weight")) *dot = '\0';
    for (int a = 0; a < k; a++)
        if (push_aux(t, base, x[a].suffix, x[a].dt, x[a].n, err) != LX_OK) return err->code;
    return LX_OK;
}

lx_status lx_quant_apply(const lx_hparams *hp, lx_tensors *t, lx_err *err)
{
    const lx_quant *q = &hp->quant;
    if (!q->known && !q->expert_fp4) return LX_OK;
    int n = lx_quant_n_patterns(q);
    qctx c = {hp, q, calloc((size_t)n + 1, sizeof(regex_t)), calloc((size_t)n + 1, sizeof(bool))};
    if (!c.re || !c.re_ok) {
        free(c.re);
        free(c.re_ok);
        return lx_err_set(err, LX_ERR_IO, "%s: out of memory", hp->name);
    }
    for (int i = 0; i < n; i++) {
        const char *p = pat_text(q, i);
        char anchored[260];
        snprintf(anchored, sizeof anchored, "^(%s)", p + 3);
        /* bounded repetitions ("{n}") can make a regex's automaton explode; real configs use none */
        if (!strncmp(p, "re:", 3) && !strchr(p, '{'))
            c.re_ok[i] = regcomp(&c.re[i], anchored, REG_EXTENDED | REG_NOSUB) == 0;
    }
    size_t n0 = t->n;
    lx_status st = LX_OK;
    for (size_t i = 0; i < n0 && st == LX_OK; i++) st = convert(&c, t, i, err);
    for (int i = 0; i < n; i++)
        if (c.re_ok[i]) regfree(&c.re[i]);
    free(c.re);
    free(c.re_ok);
    return st;
}

uint64_t lx_quant_packed_params(const lx_quant *q, const lx_tensor *t)
{
    uint32_t bits = q->n_schemes && q->s[0].bits ? q->s[0].bits : 4;
    return t->n_bytes / bits * 8 + t->n_bytes % bits * 8 / bits;
}

/* ---------------------------------------------------------------- for JSON */

uint32_t lx_quant_bits(const lx_quant *q) { return q->n_schemes ? q->s[0].bits : q->expert_fp4 ? 4 : 0; }

uint64_t lx_quant_group(const lx_quant *q)
{
    if (!q->n_schemes) return q->expert_fp4 ? 32 : 0;
    const lx_qscheme *s = &q->s[0];
    return s->kind == LX_QS_FP8 ? s->block_c : s->group;
}

const char *lx_quant_skip(const lx_quant *q, int i)
{
    for (int k = 0; k < lx_quant_n_patterns(q); k++)
        if (pat_group(q, k) < 0 && i-- == 0) return pat_text(q, k);
    return NULL;
}

/* The scheme's format for people, with its real width ("GPTQ int3", "int6"), into buf. */
static const char *scheme_name(const lx_qscheme *s, char *buf, size_t cap)
{
    switch (s->kind) {
    case LX_QS_FP8: return s->e5m2 ? "FP8 e5m2" : "FP8";
    case LX_QS_MXFP4: return "MXFP4";
    case LX_QS_NVFP4: return "NVFP4";
    case LX_QS_GPTQ: snprintf(buf, cap, "GPTQ int%u", (unsigned)s->bits); return buf;
    case LX_QS_AWQ: snprintf(buf, cap, "AWQ int%u", (unsigned)s->bits); return buf;
    case LX_QS_CT_INT: snprintf(buf, cap, "int%u", (unsigned)s->bits); return buf;
    case LX_QS_BNB4: return "bitsandbytes 4-bit";
    case LX_QS_BNB8: return "bitsandbytes 8-bit";
    }
    return "quantized";
}

void lx_quant_label(const lx_quant *q, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    if (!q->present || !q->known) return;
    const char *names[LX_QUANT_MAX_SCHEMES + 1];
    char bufs[LX_QUANT_MAX_SCHEMES][24];
    int k = 0;
    for (int i = 0; i < q->n_schemes; i++) names[k++] = scheme_name(&q->s[i], bufs[i], sizeof bufs[i]);
    if (q->expert_fp4) names[k++] = "MXFP4";
    for (int i = 0; i < k; i++) {
        bool seen = false;
        for (int h = 0; h < i && !seen; h++) seen = strcmp(names[h], names[i]) == 0;
        if (seen || n >= cap) continue;
        n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? " + " : "", names[i]);
    }
    if (n && n < cap) snprintf(out + n, cap - n, " (%s)", q->method);
}
