/* cli/cmd_inside — `llmxray inside MODEL [--prompt TEXT] -o FILE.{svg,png,pdf,json}
 * [-n N] [--top K] [--threads T] [--max-memory SIZE] [--theme light|dark] [--scale S] [--page a4|a3|letter]`:
 * one traced run (infer/inside) of the prompt, drawn as a poster or written as JSON.
 *
 * The format is the extension of FILE, looked up in render/formats (anything else is a
 * usage error, exit 2); pipeline/ draws it. .svg, .png and .pdf receive the poster
 * (layout/inside_layout); .json the internals (render/run_json): tokens, embeddings, RoPE
 * frequencies, attention of every layer and head, residual-stream norms, next-token
 * logits and top K, and the greedy continuation.
 * With no prompt the run starts from BOS alone, as `run` does. Files are written
 * atomically, so a failed run leaves an existing FILE untouched. With --page the poster is
 * printed on sheets of that paper (render/page: text never below 7 pt): a PDF of one page per
 * sheet, or a PNG of the paper's size, FILE-1.png, FILE-2.png, ... when there are several. A progress line is shown
 * on stderr while the run goes on past one second, when stderr is a terminal. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/infer_opts.h"
#include "infer/inside.h"
#include "pipeline/pipeline.h"
#include "render/theme.h"
#include "util/buf.h"

typedef struct inside_opts {
    const char *model, *out;
    lx_infer_cli c;
    const lx_out_format *format;
    lx_theme_id theme;
    double scale;
    lx_page_id page;
} inside_opts;

static int set_page(void *page, const char *cmd, const char *v)
{
    if ((*(lx_page_id *)page = lx_page_parse(v)) != LX_PAGE_NONE) return 0;
    char names[64];
    lx_page_names(names, sizeof names);
    return lx_cli_usage_error("%s: --page is one of %s (got '%s')", cmd, names, v);
}

#define F_INFER offsetof(inside_opts, c)

#define F(m) offsetof(inside_opts, m)
static const lx_cli_opt OPTS[] = {
    {"--output", "-o", "FILE", "the poster (.svg, .png, .pdf) or the run's numbers (.json); required",
     LX_COMPLETE_FILE, lx_cli_set_string, F(out)},
    {"--theme", NULL, "THEME", "light or dark colours (default light)", LX_COMPLETE_THEME, lx_cli_set_theme, F(theme)},
    {"--scale", NULL, "N", "PNG pixels per unit, 0.25 to 8 (default 1; on paper: times 150 dpi)", LX_COMPLETE_NONE,
     lx_cli_set_scale, F(scale)},
    {"--page", NULL, "PAPER", "print on a4, a3 or letter sheets (.pdf: one page per sheet; .png: FILE-1.png, ... "
     "when several), text never below 7 pt", LX_COMPLETE_NONE, set_page, F(page)},
};
#undef F

static int run(int argc, char **argv);

const lx_cli_cmd lx_cmd_inside_def = {
    .name = "inside", .operands = "MODEL", .summary = "poster of one forward pass of a small GGUF model",
    .description = "Runs MODEL on the prompt once, recording everything, and draws it beside the architecture\n"
                   "spine: the tokens, the embedding rows, the positions (a learned table beside its cosine\n"
                   "similarities, or the sine/cosine reference), the RoPE frequencies, one head's scores before\n"
                   "and after softmax, every layer × head attention map (heads grouped by shared KV head), one\n"
                   "layer's feed-forward activations, the residual-stream norms, the logit lens, the whole\n"
                   "next-token distribution beside the most probable tokens, and the greedy continuation\n"
                   "(default 16 tokens, top 10). The format is the extension of FILE; --page prints on paper.",
    .min_operands = 1, .max_operands = 1, .operand = LX_COMPLETE_MODEL, .formats = LX_PRODUCT_POSTER,
    .groups = {{OPTS, sizeof OPTS / sizeof OPTS[0], 0}, {lx_cli_infer_opts, LX_CLI_N_INFER_OPTS, F_INFER}},
    .run = run,
};

static int parse_args(int argc, char **argv, inside_opts *o)
{
    *o = (inside_opts){NULL, NULL, {NULL, 16, 10, 0, 0, false}, NULL, LX_THEME_LIGHT, 1.0, LX_PAGE_NONE};
    const char *ops[1];
    int n = 0, rc = lx_cli_parse(&lx_cmd_inside_def, argc, argv, o, ops, &n);
    if (rc) return rc;
    o->model = ops[0];
    if (!o->out) return lx_cli_usage_error("inside: needs -o FILE (.svg, .png, .pdf or .json)");
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

/* Writes b to the output file atomically; returns the exit code. */
static int write_out(lx_buf *b, const char *path)
{
    char msg[1200];
    bool ok = lx_buf_ok(b) && lx_buf_write_file(b, path, msg, sizeof msg);
    if (!ok) lx_cli_error(lx_buf_ok(b) ? msg : "out of memory writing the output");
    return ok ? 0 : LX_ERR_IO;
}

/* "x.png" with sheet k (0-based) of several: "x-<k+1>.png". */
static void sheet_path(const char *path, size_t k, char *out, size_t cap)
{
    const char *dot = strrchr(path, '.');
    int stem = dot ? (int)(dot - path) : (int)strlen(path);
    snprintf(out, cap, "%.*s-%zu%s", stem, path, k + 1, dot ? dot : "");
}

/* Draws sheet k (the poster, or its JSON, when not on paper) and writes it to path. */
static int write_sheet(const lx_inside *in, const inside_opts *o, size_t k, size_t *n_sheets, const char *path)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_err err = {0};
    lx_render_opts ro = lx_render_defaults();
    ro.theme = o->theme, ro.scale = o->scale, ro.page = o->page, ro.sheet = k, ro.n_sheets = n_sheets;
    lx_status st = lx_pipeline_poster(in, o->model, o->format, &ro, &b, &err);
    int rc = st == LX_OK ? write_out(&b, path) : (lx_cli_error(err.msg), (int)err.code);
    lx_buf_free(&b);
    return rc;
}

/* A PNG on paper of several sheets: FILE-1.png ... (sheet 1 is drawn again: drawing is quick). */
static int write_png_sheets(const lx_inside *in, const inside_opts *o, size_t n)
{
    char path[1100];
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < n; k++) {
        sheet_path(o->out, k, path, sizeof path);
        rc = write_sheet(in, o, k, NULL, path);
    }
    if (rc == 0) {
        char first[1100];
        sheet_path(o->out, 0, first, sizeof first);
        fprintf(stderr, "llmxray: the poster takes %zu %s sheets with text of %.0f pt or more: wrote %s … %s\n", n,
                lx_page_size_of(o->page)->name, LX_PAGE_MIN_TEXT_PT, first, path);
    }
    return rc;
}

/* Draws and writes the poster (or its JSON); the line "drawing the poster" is shown while it is drawn
 * when the run already took a second on a terminal. */
static int write_poster(const lx_inside *in, const inside_opts *o, const progress *p)
{
    bool shown = !o->format->run && isatty(STDERR_FILENO) && since(&p->start) >= 1.0;
    if (shown) fputs("llmxray: drawing the poster", stderr);
    bool png = o->page != LX_PAGE_NONE && !strcasecmp(o->format->name, "png");
    size_t n = 1;
    lx_buf b;
    lx_buf_init(&b);
    lx_err err = {0};
    lx_render_opts ro = lx_render_defaults();
    ro.theme = o->theme, ro.scale = o->scale, ro.page = o->page, ro.n_sheets = &n;
    lx_status st = lx_pipeline_poster(in, o->model, o->format, &ro, &b, &err);
    if (shown) fputs("\r\033[K", stderr);
    int rc = st != LX_OK ? (lx_cli_error(err.msg), (int)err.code)
             : png && n > 1 ? write_png_sheets(in, o, n)
                            : write_out(&b, o->out);
    lx_buf_free(&b);
    return rc;
}

static int run(int argc, char **argv)
{
    inside_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    if (!(o.format = lx_formats_from_path(o.out, LX_PRODUCT_POSTER))) {
        char list[128];
        lx_formats_list(LX_PRODUCT_POSTER, true, list, sizeof list);
        return lx_cli_usage_error("inside: cannot tell the format of '%s' (expected %s)", o.out, list);
    }
    if (o.page != LX_PAGE_NONE && strcasecmp(o.format->name, "png") && strcasecmp(o.format->name, "pdf"))
        return lx_cli_usage_error("inside: --page prints .png and .pdf files (not %s)", o.format->name);
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
    rc = write_poster(&in, &o, &p);
    lx_inside_free(&in);
    return rc;
}
