/* cli/cmd_inside — `llmxray inside MODEL [--prompt TEXT] -o FILE.{svg,png,pdf,json}
 * [-n N] [--top K] [--threads T] [--max-memory SIZE] [--theme light|dark] [--scale S]`:
 * one traced run (infer/inside) of the prompt, drawn as a poster or written as JSON.
 *
 * The format is the extension of FILE (anything else is a usage error, exit 2). .svg, .png
 * and .pdf receive the poster (layout/inside_layout, drawn by render/svg or render/cairo);
 * .json the internals: tokens, embeddings, RoPE frequencies, attention of every layer and
 * head, residual-stream norms, next-token logits and top K, and the greedy continuation.
 * With no prompt the run starts from BOS alone, as `run` does. Files are written
 * atomically, so a failed run leaves an existing FILE untouched. A progress line is shown
 * on stderr while the run goes on past one second, when stderr is a terminal. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/infer_opts.h"
#include "infer/inside.h"
#include "layout/inside_layout.h"
#include "render/cairo.h"
#include "render/svg.h"
#include "render/theme.h"
#include "util/buf.h"

typedef enum out_format { OUT_JSON, OUT_SVG, OUT_PNG, OUT_PDF, OUT_COUNT } out_format;
static const char *const FORMAT_EXT[OUT_COUNT] = {"json", "svg", "png", "pdf"};

typedef struct inside_opts {
    const char *model, *out;
    lx_infer_cli c;
    out_format format;
    lx_theme_id theme;
    double scale;
} inside_opts;

/* --theme and --scale (poster options): 0 taken, 2 usage error, -1 not one of them. */
static int poster_option(int argc, char **argv, int *i, inside_opts *o)
{
    const char *a = argv[*i];
    if (strcmp(a, "--theme") && strcmp(a, "--scale")) return -1;
    if (*i + 1 >= argc) return lx_cli_usage_error("option '%s' needs a value", a);
    const char *v = argv[++*i];
    if (!strcmp(a, "--theme")) return lx_theme_parse(v, &o->theme) ? 0 : lx_cli_usage_error("--theme is light or dark (got '%s')", v);
    char *end = NULL;
    double x = strtod(v, &end);
    if (end == v || *end || !(x >= 0.25 && x <= 8)) return lx_cli_usage_error("--scale needs a number from 0.25 to 8 (got '%s')", v);
    o->scale = x;
    return 0;
}

static int parse_args(int argc, char **argv, inside_opts *o)
{
    *o = (inside_opts){NULL, NULL, {NULL, 16, 10, 1, 0, false}, OUT_JSON, LX_THEME_LIGHT, 1.0};
    for (int i = 1; i < argc; i++) {
        int rc = argv[i][0] == '-' && argv[i][1] ? lx_cli_infer_option(argc, argv, &i, &o->c) : 1;
        if (rc < 0) rc = poster_option(argc, argv, &i, o);
        if (rc == 2) return rc;
        if (rc < 0 && (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output"))) {
            if (i + 1 >= argc) return lx_cli_usage_error("option '%s' needs a value", argv[i]);
            o->out = argv[++i];
        } else if (rc < 0) {
            return lx_cli_usage_error("unknown option '%s' for inside", argv[i]);
        } else if (rc == 0) {
            continue;
        } else if (rc == 1 && o->model) {
            return lx_cli_usage_error("inside takes one MODEL, got '%s' and '%s'", o->model, argv[i]);
        } else if (rc == 1) {
            o->model = argv[i];
        }
    }
    if (!o->model) return lx_cli_usage_error("inside needs a MODEL (a .gguf file)");
    if (!o->out) return lx_cli_usage_error("inside needs -o FILE (.svg, .png, .pdf or .json)");
    return lx_cli_local_only("inside", o->model);
}

/* ---- progress ---- */

typedef struct progress {
    struct timespec start;
    bool shown;
} progress;

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

static void on_layer(void *ctx, size_t layer, size_t n_layers)
{
    progress *p = ctx;
    if (since(&p->start) < 1.0) return;
    fprintf(stderr, "\rllmxray: running the prompt, layer %zu of %zu", layer + 1, n_layers);
    p->shown = true;
}

/* ---- JSON ---- */

static json_t *floats(const float *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(a, json_real(v[i]));
    return a;
}

static json_t *config_json(const lx_llama *m)
{
    const lx_llama_hp *hp = &m->hp;
    return json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:s, s:b}", "family", hp->family,
                     "d_model", (json_int_t)hp->d_model, "n_layers", (json_int_t)hp->n_layers, "n_heads",
                     (json_int_t)hp->n_heads, "n_kv_heads", (json_int_t)hp->n_kv_heads, "head_dim",
                     (json_int_t)hp->head_dim, "d_ff", (json_int_t)hp->d_ff, "vocab", (json_int_t)hp->vocab,
                     "rope_dims", (json_int_t)hp->rope_dims, "rope_theta", (double)hp->rope_theta, "rope_pairing",
                     hp->neox ? "neox" : "interleaved", "tied_output", hp->tied);
}

/* Token {"id", "piece"}; the piece is lx_tok_label's, valid UTF-8 with "\xNN" for bytes
 * that are no character on their own (jansson refuses invalid UTF-8). */
static json_t *token_json(const lx_llama *m, int32_t id)
{
    char *label = lx_tok_label(&m->tok, id);
    json_t *t = json_pack("{s:i}", "id", (int)id);
    json_t *s = label ? json_string(label) : NULL;
    if (s) json_object_set_new(t, "piece", s);
    free(label);
    return t;
}

static json_t *attention_json(const lx_trace *tr)
{
    json_t *layers = json_array();
    for (size_t l = 0; l < tr->n_layers; l++) {
        json_t *heads = json_array();
        for (size_t h = 0; h < tr->n_heads; h++) {
            json_t *rows = json_array();
            for (size_t q = 0; q < tr->n_tok; q++) json_array_append_new(rows, floats(lx_trace_attn(tr, l, h, q), tr->n_tok));
            json_array_append_new(heads, rows);
        }
        json_array_append_new(layers, heads);
    }
    return layers;
}

static json_t *inside_json(const lx_inside *in, const char *path)
{
    const lx_trace *tr = &in->trace;
    const lx_llama *m = in->model;
    json_t *toks = json_array(), *emb = json_array(), *norms = json_array(), *top = json_array(), *cont = json_array();
    for (size_t i = 0; i < tr->n_tok; i++) {
        json_array_append_new(toks, token_json(m, tr->ids[i]));
        json_array_append_new(emb, floats(lx_trace_embed(tr, i), tr->d_model));
    }
    for (size_t k = 0; k <= tr->n_layers; k++) json_array_append_new(norms, floats(tr->resid_norm + k * tr->n_tok, tr->n_tok));
    for (size_t i = 0; i < in->n_top; i++) {
        json_t *t = token_json(m, in->top[i].id);
        json_object_set_new(t, "rank", json_integer((json_int_t)i + 1));
        json_object_set_new(t, "logit", json_real(in->top[i].logit));
        json_object_set_new(t, "prob", json_real(in->top[i].prob));
        json_array_append_new(top, t);
    }
    for (size_t i = 0; i < in->n_cont; i++) json_array_append_new(cont, token_json(m, in->cont[i]));
    json_t *o = json_pack("{s:s, s:o, s:s?, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s?}", "model", path,
                          "config", config_json(m), "prompt", in->prompt_text, "tokens", toks, "embeddings", emb,
                          "rope_frequencies", floats(m->rope_freq, m->hp.rope_dims / 2), "attention",
                          attention_json(tr), "residual_norm", norms, "top", top, "logits",
                          floats(tr->logits, tr->vocab), "continuation", cont, "continuation_text", in->cont_text);
    return o;
}

/* Writes b to the output file atomically; returns the exit code. */
static int write_out(lx_buf *b, const char *path)
{
    char msg[1200];
    bool ok = lx_buf_ok(b) && lx_buf_write_file(b, path, msg, sizeof msg);
    if (!ok) lx_cli_error(lx_buf_ok(b) ? msg : "out of memory writing the output");
    return ok ? 0 : LX_ERR_IO;
}

static int write_json(const lx_inside *in, const inside_opts *o)
{
    json_t *j = inside_json(in, o->model);
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(9)) : NULL;
    json_decref(j);
    if (!text) { lx_cli_error("out of memory writing the JSON"); return LX_ERR_IO; }
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_puts(&b, text);
    lx_buf_putc(&b, '\n');
    free(text);
    int rc = write_out(&b, o->out);
    lx_buf_free(&b);
    return rc;
}

/* ---- poster ---- */

static lx_status render_poster(const lx_inside *in, const inside_opts *o, lx_buf *b, lx_err *err)
{
    lx_measure *m = NULL;
    if (lx_measure_new(&m, err) != LX_OK) return err->code;
    lx_scene s;
    lx_scene_init(&s, m);
    lx_status st = lx_layout_inside_file(in, o->model, &s, err);
    const lx_theme *t = lx_theme_get(o->theme);
    if (st == LX_OK && o->format == OUT_SVG) st = lx_svg_render(&s, t, b, err);
    else if (st == LX_OK) st = lx_cairo_render(&s, t, o->format == OUT_PDF ? LX_CAIRO_PDF : LX_CAIRO_PNG, o->scale, b, err);
    lx_scene_free(&s);
    lx_measure_free(m);
    return st;
}

/* Draws and writes the poster; the line "drawing the poster" is shown while it is drawn
 * when the run already took a second on a terminal. */
static int write_poster(const lx_inside *in, const inside_opts *o, const progress *p)
{
    bool shown = isatty(STDERR_FILENO) && since(&p->start) >= 1.0;
    if (shown) fputs("llmxray: drawing the poster", stderr);
    lx_buf b;
    lx_buf_init(&b);
    lx_err err = {0};
    lx_status st = render_poster(in, o, &b, &err);
    if (shown) fputs("\r\033[K", stderr);
    int rc = st == LX_OK ? write_out(&b, o->out) : (lx_cli_error(err.msg), (int)err.code);
    lx_buf_free(&b);
    return rc;
}

static bool format_of(const char *path, out_format *f)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash)) return false;
    for (int i = 0; i < OUT_COUNT; i++)
        if (!strcasecmp(dot + 1, FORMAT_EXT[i])) { *f = (out_format)i; return true; }
    return false;
}

int lx_cmd_inside(int argc, char **argv)
{
    inside_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc;
    if (!format_of(o.out, &o.format))
        return lx_cli_usage_error("inside: cannot tell the format of '%s' (expected .svg, .png, .pdf or .json)", o.out);
    progress p = {{0, 0}, false};
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    lx_inside_opts io = {o.c.prompt, o.c.n_new, o.c.top, o.c.threads, o.c.max_memory, 0,
                         isatty(STDERR_FILENO) ? on_layer : NULL, &p};
    lx_inside in;
    lx_err err = {0};
    lx_inside_run(o.model, &io, &in, &err);
    if (p.shown) fputs("\r\033[K", stderr);
    if (lx_err_failed(&err)) {
        if (err.code == LX_ERR_USAGE) return lx_cli_usage_error("%s", err.msg);
        lx_cli_error(err.msg);
        return (int)err.code;
    }
    rc = o.format == OUT_JSON ? write_json(&in, &o) : write_poster(&in, &o, &p);
    lx_inside_free(&in);
    return rc;
}
