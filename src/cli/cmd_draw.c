/* cli/cmd_draw — `llmxray draw MODEL [-o FILE] [-f svg|png|pdf|txt] [--theme light|dark]
 * [--scale N] [--width COLS] [--ascii]`: the architecture diagram.
 *
 * The format is -f, else the extension of -o; with no -o (or -o -) the text diagram goes to
 * stdout, coloured when stdout is a terminal and NO_COLOR is not set. Files are written
 * atomically (temporary file + rename), so a failed run never clobbers an existing file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "read/remote.h"
#include "render/draw.h"
#include "render/term.h"

/* AddressSanitizer builds only: fontconfig (loaded by pango) keeps what it allocates while
 * parsing its XML configuration until exit, and LeakSanitizer reports that inside
 * libfontconfig. The sanitizer runtime calls this hook; nothing else does. */
const char *__lsan_default_suppressions(void);
__attribute__((weak)) const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }
const char *__lsan_default_options(void);
__attribute__((weak)) const char *__lsan_default_options(void) { return "print_suppressions=0"; }

typedef struct draw_cli {
    const char *model, *output, *format;
    lx_draw_opts o;
    lx_remote_opts remote;
} draw_cli;

static int parse_number(const char *opt, const char *v, double lo, double hi, double *out)
{
    char *end = NULL;
    double x = v ? strtod(v, &end) : 0;
    if (!v || end == v || *end || !(x >= lo && x <= hi))
        return lx_cli_usage_error("draw: %s needs a number from %g to %g (got '%s')", opt, lo, hi, v ? v : "");
    *out = x;
    return 0;
}

/* Options with a value; returns 0, or 2 after a usage error. */
static int parse_valued(draw_cli *c, const char *opt, const char *v)
{
    double x = 0;
    if (!strcmp(opt, "-o") || !strcmp(opt, "--output")) c->output = v;
    else if (!strcmp(opt, "-f") || !strcmp(opt, "--format")) c->format = v;
    else if (!strcmp(opt, "--theme")) {
        if (!lx_theme_parse(v, &c->o.theme)) return lx_cli_usage_error("draw: --theme is light or dark (got '%s')", v);
    } else if (!strcmp(opt, "--scale")) {
        if (parse_number(opt, v, 0.25, 8, &c->o.scale)) return 2;
    } else if (!strcmp(opt, "--width")) {
        if (parse_number(opt, v, LX_TERM_MIN_WIDTH, LX_TERM_MAX_WIDTH, &x)) return 2;
        c->o.width = (int)x;
    }
    return 0;
}

static bool takes_value(const char *a)
{
    static const char *const opts[] = {"-o", "--output", "-f", "--format", "--theme", "--scale", "--width"};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) if (!strcmp(a, opts[i])) return true;
    return false;
}

static int parse_args(int argc, char **argv, draw_cli *c)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = lx_cli_remote_opt("draw", argc, argv, &i, &c->remote);
        if (r == 2) return 2;
        if (r == 1) continue;
        if (takes_value(a)) {
            if (i + 1 >= argc) return lx_cli_usage_error("draw: %s needs a value", a);
            if (parse_valued(c, a, argv[++i])) return 2;
        } else if (!strcmp(a, "--ascii")) {
            c->o.ascii = true;
        } else if (a[0] == '-' && a[1]) {
            return lx_cli_usage_error("draw: unknown option '%s'", a);
        } else if (c->model) {
            return lx_cli_usage_error("draw: more than one model given ('%s' and '%s')", c->model, a);
        } else {
            c->model = a;
        }
    }
    if (!c->model) return lx_cli_usage_error("draw: no model given (usage: llmxray draw MODEL [-o FILE])");
    return 0;
}

/* The format from -f, else from the -o extension, else text. */
static int choose_format(draw_cli *c)
{
    bool to_stdout = !c->output || !strcmp(c->output, "-");
    if (c->format) {
        if (!lx_draw_format_parse(c->format, &c->o.format))
            return lx_cli_usage_error("draw: unknown format '%s' (expected svg, png, pdf or txt)", c->format);
    } else if (to_stdout) {
        c->o.format = LX_DRAW_TXT;
    } else if (!lx_draw_format_from_path(c->output, &c->o.format)) {
        return lx_cli_usage_error("draw: cannot tell the format of '%s' (expected .svg, .png, .pdf or .txt, or -f FORMAT)",
                                  c->output);
    }
    bool binary = c->o.format == LX_DRAW_PNG || c->o.format == LX_DRAW_PDF;
    if (to_stdout && binary && isatty(STDOUT_FILENO))
        return lx_cli_usage_error("draw: not writing %s to a terminal (use -o FILE)", lx_draw_format_name(c->o.format));
    const char *no_color = getenv("NO_COLOR");
    c->o.color = c->o.format == LX_DRAW_TXT && to_stdout && isatty(STDOUT_FILENO) && !(no_color && no_color[0]);
    return 0;
}

static int draw_model(const draw_cli *c)
{
    lx_err err = {0};
    lx_buf out;
    lx_buf_init(&out);
    int rc = lx_draw_model(c->model, &c->o, &out, &err);
    char msg[1200];
    if (rc != LX_OK) lx_cli_error(err.msg);
    else if (!lx_buf_write_file(&out, c->output ? c->output : "-", msg, sizeof msg)) { lx_cli_error(msg); rc = LX_ERR_IO; }
    lx_buf_free(&out);
    return rc;
}

int lx_cmd_draw(int argc, char **argv)
{
    draw_cli c = {.o = lx_draw_defaults(), .remote = lx_remote_defaults()};
    c.o.remote = &c.remote;
    int rc = parse_args(argc, argv, &c);
    if (rc == 0) rc = choose_format(&c);
    return rc ? rc : draw_model(&c);
}
