/* cli/cmd_inside — `llmxray inside MODEL [--prompt TEXT] -o FILE.{svg,png,pdf,json}
 * [-n N] [--top K] [--threads T] [--max-memory SIZE] [--theme light|dark] [--scale S] [--page a4|a3|letter]`:
 * one traced run (infer/inside) of the prompt, drawn as a poster or written as JSON.
 *
 * A client of the public API (llmxray_inside_run, llmxray_inside_render). The format is the
 * extension of FILE, looked up in the formats table (anything else is a usage error, exit 2).
 * .svg, .png, .pdf and .html receive the poster; .json the internals: tokens, embeddings, RoPE
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
#include "llmxray.h"

typedef struct inside_opts {
    const char *model, *out;
    lx_infer_cli c;
    llmxray_format format;
    int dark;
    double scale;
    const char *page; /* NULL: none */
} inside_opts;

static int set_page(void *page, const char *cmd, const char *v)
{
    char names[64] = "";
    size_t len = 0;
    for (size_t i = 0; i < llmxray_page_count(); i++) {
        if (!strcmp(v, llmxray_page_name(i))) { *(const char **)page = v; return 0; }
        len += (size_t)snprintf(names + len, len < sizeof names ? sizeof names - len : 0, "%s%s", i ? ", " : "",
                                llmxray_page_name(i));
        if (len >= sizeof names) len = sizeof names - 1;
    }
    return lx_cli_usage_error("%s: --page is one of %s (got '%s')", cmd, names, v);
}

#define F_INFER offsetof(inside_opts, c)

#define F(m) offsetof(inside_opts, m)
static const lx_cli_opt OPTS[] = {
    {"--output", "-o", "FILE", "the poster (.svg, .png, .pdf) or the run's numbers (.json); required",
     LX_COMPLETE_FILE, lx_cli_set_string, F(out)},
    {"--theme", NULL, "THEME", "light or dark colours (default light)", LX_COMPLETE_THEME, lx_cli_set_dark, F(dark)},
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
    .min_operands = 1, .max_operands = 1, .operand = LX_COMPLETE_MODEL, .formats = LLMXRAY_FOR_POSTER,
    .groups = {{OPTS, sizeof OPTS / sizeof OPTS[0], 0}, {lx_cli_infer_opts, LX_CLI_N_INFER_OPTS, F_INFER}},
    .run = run,
};

static int parse_args(int argc, char **argv, inside_opts *o)
{
    *o = (inside_opts){NULL, NULL, {NULL, 16, 10, 0, 0, false}, {.size = sizeof o->format}, 0, 1.0, NULL};
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

/* "x.png" with sheet k (0-based) of several: "x-<k+1>.png". */
static void sheet_path(const char *path, size_t k, char *out, size_t cap)
{
    const char *dot = strrchr(path, '.');
    int stem = dot ? (int)(dot - path) : (int)strlen(path);
    snprintf(out, cap, "%.*s-%zu%s", stem, path, k + 1, dot ? dot : "");
}

/* Draws sheet k (the whole poster, or its JSON, when not on paper) into *out. */
static llmxray_status draw(const llmxray_inside *in, const inside_opts *o, size_t k, size_t *n_sheets, char **out,
                           size_t *len, char *err, size_t cap)
{
    llmxray_poster_opts po = {sizeof po, o->dark, o->scale, o->page, k};
    return llmxray_inside_render(in, o->format.name, &po, out, len, n_sheets, err, cap);
}

/* Prints the API's one-line message; the exit code is its status. */
static int fail(llmxray_status st, const char *msg)
{
    if (st == LLMXRAY_ERR_USAGE) return lx_cli_usage_error("%s", msg);
    lx_cli_error(msg);
    return (int)st;
}

/* A PNG on paper of several sheets: FILE-1.png ... (sheet 1 is drawn again: drawing is quick). */
static int write_png_sheets(const llmxray_inside *in, const inside_opts *o, size_t n)
{
    char path[1100], err[1200];
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < n; k++) {
        sheet_path(o->out, k, path, sizeof path);
        char *data = NULL;
        size_t len = 0;
        llmxray_status st = draw(in, o, k, NULL, &data, &len, err, sizeof err);
        rc = st ? (lx_cli_error(err), (int)st) : lx_cli_write_bytes(path, data, len);
    }
    if (rc == 0) {
        char first[1100];
        sheet_path(o->out, 0, first, sizeof first);
        fprintf(stderr, "llmxray: the poster takes %zu %s sheets with text of %.0f pt or more: wrote %s … %s\n", n,
                o->page, LLMXRAY_PAGE_MIN_TEXT_PT, first, path);
    }
    return rc;
}

/* Draws and writes the poster (or its JSON); the line "drawing the poster" is shown while it is drawn
 * when the run already took a second on a terminal. */
static int write_poster(const llmxray_inside *in, const inside_opts *o, const progress *p)
{
    bool shown = !o->format.from_run && isatty(STDERR_FILENO) && since(&p->start) >= 1.0;
    if (shown) fputs("llmxray: drawing the poster", stderr);
    bool png = o->page && !strcasecmp(o->format.name, "png");
    size_t n = 1, len = 0;
    char *data = NULL, err[1200];
    llmxray_status st = draw(in, o, 0, &n, &data, &len, err, sizeof err);
    if (shown) fputs("\r\033[K", stderr);
    if (st) return lx_cli_error(err), (int)st;
    if (png && n > 1) {
        llmxray_free(data);
        return write_png_sheets(in, o, n);
    }
    return lx_cli_write_bytes(o->out, data, len);
}

static int run(int argc, char **argv)
{
    inside_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    if (llmxray_format_find(o.out, 1, LLMXRAY_FOR_POSTER, &o.format) != LLMXRAY_OK) {
        char list[128];
        llmxray_format_list(LLMXRAY_FOR_POSTER, 1, list, sizeof list);
        return lx_cli_usage_error("inside: cannot tell the format of '%s' (expected %s)", o.out, list);
    }
    if (o.page && strcasecmp(o.format.name, "png") && strcasecmp(o.format.name, "pdf"))
        return lx_cli_usage_error("inside: --page prints .png and .pdf files (not %s)", o.format.name);
    progress p = {{0, 0}, false};
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    llmxray_inside_opts io = {sizeof io, o.c.prompt, o.c.n_new, o.c.top, o.c.threads, o.c.max_memory,
                              isatty(STDERR_FILENO) ? on_layer : NULL, &p};
    llmxray_inside *in = NULL;
    char err[1200];
    llmxray_status st = llmxray_inside_run(o.model, &io, &in, err, sizeof err);
    if (p.shown) fputs("\r\033[K", stderr);
    if (st) return fail(st, err);
    rc = write_poster(in, &o, &p);
    llmxray_inside_close(in);
    return rc;
}
