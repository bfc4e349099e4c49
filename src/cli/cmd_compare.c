/* cli/cmd_compare — `llmxray compare A B [C...] [-o FILE] [-f svg|png|pdf|txt|json] [--json]
 * [--theme light|dark] [--scale N]`: two or more architectures side by side.
 *
 * The output is --json, else -f, else the extension of -o (.svg .png .pdf .txt .json);
 * with no -o (or -o -) the text table goes to stdout, its differing rows coloured when
 * stdout is a terminal and NO_COLOR is not set. Files are written atomically. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "render/compare.h"

typedef struct compare_cli {
    const char *models[LX_DIFF_MAX_MODELS];
    int n_models;
    const char *output, *format;
    lx_compare_opts o;
} compare_cli;

static int parse_valued(compare_cli *c, const char *opt, const char *v)
{
    if (!strcmp(opt, "-o") || !strcmp(opt, "--output")) c->output = v;
    else if (!strcmp(opt, "-f") || !strcmp(opt, "--format")) c->format = v;
    else if (!strcmp(opt, "--theme")) {
        if (!lx_theme_parse(v, &c->o.theme)) return lx_cli_usage_error("compare: --theme is light or dark (got '%s')", v);
    } else {
        char *end = NULL;
        double x = strtod(v, &end);
        if (end == v || *end || !(x >= 0.25 && x <= 8))
            return lx_cli_usage_error("compare: --scale needs a number from 0.25 to 8 (got '%s')", v);
        c->o.scale = x;
    }
    return 0;
}

static bool takes_value(const char *a)
{
    static const char *const opts[] = {"-o", "--output", "-f", "--format", "--theme", "--scale"};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) if (!strcmp(a, opts[i])) return true;
    return false;
}

static int parse_args(int argc, char **argv, compare_cli *c)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (takes_value(a)) {
            if (i + 1 >= argc) return lx_cli_usage_error("compare: %s needs a value", a);
            if (parse_valued(c, a, argv[++i])) return 2;
        } else if (!strcmp(a, "--json")) {
            c->o.json = true;
        } else if (a[0] == '-' && a[1]) {
            return lx_cli_usage_error("compare: unknown option '%s'", a);
        } else if (c->n_models == LX_DIFF_MAX_MODELS) {
            return lx_cli_usage_error("compare: at most %d models", LX_DIFF_MAX_MODELS);
        } else {
            c->models[c->n_models++] = a;
        }
    }
    if (c->n_models < 2)
        return lx_cli_usage_error("compare: needs two or more models (usage: llmxray compare A B [-o FILE])");
    return 0;
}

/* "json" or a draw format name. */
static bool parse_format(compare_cli *c, const char *name)
{
    if (!strcasecmp(name, "json")) { c->o.json = true; return true; }
    return lx_draw_format_parse(name, &c->o.format);
}

static int choose_format(compare_cli *c)
{
    bool to_stdout = !c->output || !strcmp(c->output, "-");
    const char *dot = c->output ? strrchr(c->output, '.') : NULL, *slash = c->output ? strrchr(c->output, '/') : NULL;
    if (c->format) {
        if (!parse_format(c, c->format))
            return lx_cli_usage_error("compare: unknown format '%s' (expected svg, png, pdf, txt or json)", c->format);
    } else if (!to_stdout && !c->o.json && (!dot || (slash && dot < slash) || !parse_format(c, dot + 1))) {
        return lx_cli_usage_error(
            "compare: cannot tell the format of '%s' (expected .svg, .png, .pdf, .txt or .json, or -f FORMAT)", c->output);
    }
    bool binary = !c->o.json && (c->o.format == LX_DRAW_PNG || c->o.format == LX_DRAW_PDF);
    if (to_stdout && binary && isatty(STDOUT_FILENO))
        return lx_cli_usage_error("compare: not writing %s to a terminal (use -o FILE)", lx_draw_format_name(c->o.format));
    const char *no_color = getenv("NO_COLOR");
    c->o.color = !c->o.json && c->o.format == LX_DRAW_TXT && to_stdout && isatty(STDOUT_FILENO) &&
                 !(no_color && no_color[0]);
    return 0;
}

int lx_cmd_compare(int argc, char **argv)
{
    compare_cli c = {.o = {.format = LX_DRAW_TXT, .theme = LX_THEME_LIGHT, .scale = 1.0}};
    int rc = parse_args(argc, argv, &c);
    if (rc == 0) rc = choose_format(&c);
    if (rc) return rc;
    lx_err err = {0};
    lx_buf out;
    lx_buf_init(&out);
    rc = lx_compare_models(c.models, c.n_models, &c.o, &out, &err);
    char msg[1200];
    if (rc != LX_OK) lx_cli_error(err.msg);
    else if (!lx_buf_write_file(&out, c.output ? c.output : "-", msg, sizeof msg)) { lx_cli_error(msg); rc = LX_ERR_IO; }
    lx_buf_free(&out);
    return rc;
}
