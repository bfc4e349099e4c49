/* cli/cmd_draw — `llmxray draw MODEL [-o FILE] [-f FORMAT] [--theme light|dark]
 * [--scale N] [--width COLS] [--ascii]`: the architecture diagram.
 *
 * The format is -f, else the extension of -o (both looked up in render/formats); with no
 * -o (or -o -) the text diagram goes to stdout, coloured when stdout is a terminal and
 * NO_COLOR is not set. Files are written atomically (temporary file + rename), so a failed
 * run never clobbers an existing file. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "pipeline/pipeline.h"
#include "open/remote.h"
#include "render/term.h"

/* AddressSanitizer builds only: fontconfig (loaded by pango) keeps what it allocates while
 * parsing its XML configuration until exit, and LeakSanitizer reports that inside
 * libfontconfig. The sanitizer runtime calls this hook; nothing else does. */
const char *__lsan_default_suppressions(void);
__attribute__((weak)) const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }
const char *__lsan_default_options(void);
__attribute__((weak)) const char *__lsan_default_options(void) { return "print_suppressions=0"; }

typedef struct draw_cli {
    const char *output, *format;
    const lx_out_format *f;
    lx_render_opts o;
    lx_remote_opts remote;
} draw_cli;

static int set_width(void *field, const char *cmd, const char *v)
{
    double x = 0;
    if (lx_cli_number(cmd, "--width", v, LX_TERM_MIN_WIDTH, LX_TERM_MAX_WIDTH, &x)) return 2;
    *(int *)field = (int)x;
    return 0;
}

#define F(m) offsetof(draw_cli, m)
static const lx_cli_opt OPTS[] = {
    {"--output", "-o", "FILE", "write to FILE (- for stdout; default: the text diagram on stdout)", LX_COMPLETE_FILE,
     lx_cli_set_string, F(output)},
    {"--format", "-f", "FORMAT", "the output format (default: from the extension of FILE)", LX_COMPLETE_DIAGRAM,
     lx_cli_set_string, F(format)},
    {"--theme", NULL, "THEME", "light or dark colours (default light)", LX_COMPLETE_THEME, lx_cli_set_theme,
     F(o.theme)},
    {"--scale", NULL, "N", "PNG pixels per unit, 0.25 to 8 (default 1)", LX_COMPLETE_NONE, lx_cli_set_scale,
     F(o.scale)},
    {"--width", NULL, "COLS", "text diagram width in columns, 60 to 1000 (default 100)", LX_COMPLETE_NONE, set_width,
     F(o.width)},
    {"--ascii", NULL, NULL, "text diagram in 7-bit ASCII (no box drawing)", LX_COMPLETE_NONE, lx_cli_set_flag,
     F(o.ascii)},
};
#undef F

static int run(int argc, char **argv);

const lx_cli_cmd lx_cmd_draw_def = {
    .name = "draw", .operands = "MODEL", .summary = "draw the architecture diagram (the default command)",
    .description = "Draws MODEL's architecture: the spine from input text to next-token probabilities, each\n"
                   "distinct kind of layer once with \"× N\" and its layer range, zoom-in insets of attention,\n"
                   "feed-forward and experts, the layer pattern and where the parameters are. Colour in the\n"
                   "terminal is off when NO_COLOR is set or stdout is not a terminal. A failed run never\n"
                   "overwrites FILE.",
    .min_operands = 1, .max_operands = 1, .operand = LX_COMPLETE_MODEL, .formats = LX_PRODUCT_DIAGRAM,
    .groups = {{OPTS, sizeof OPTS / sizeof OPTS[0], 0},
               {lx_cli_remote_opts, LX_CLI_N_REMOTE_OPTS, offsetof(draw_cli, remote)}},
    .run = run,
};

/* The format from -f, else from the -o extension, else text. */
static int choose_format(draw_cli *c)
{
    bool to_stdout = !c->output || !strcmp(c->output, "-");
    char list[160];
    if (c->format) {
        lx_formats_list(LX_PRODUCT_DIAGRAM, false, list, sizeof list);
        if (!(c->f = lx_formats_find(c->format, LX_PRODUCT_DIAGRAM)))
            return lx_cli_usage_error("draw: unknown format '%s' (expected %s)", c->format, list);
    } else if (to_stdout) {
        c->f = lx_formats_find("txt", LX_PRODUCT_DIAGRAM);
    } else if (!(c->f = lx_formats_from_path(c->output, LX_PRODUCT_DIAGRAM))) {
        lx_formats_list(LX_PRODUCT_DIAGRAM, true, list, sizeof list);
        return lx_cli_usage_error("draw: cannot tell the format of '%s' (expected %s, or -f FORMAT)", c->output, list);
    }
    if (to_stdout && c->f->binary && isatty(STDOUT_FILENO))
        return lx_cli_usage_error("draw: not writing %s to a terminal (use -o FILE)", c->f->name);
    const char *no_color = getenv("NO_COLOR");
    c->o.color = c->f->desc && to_stdout && isatty(STDOUT_FILENO) && !(no_color && no_color[0]);
    return 0;
}

static int draw_model(const draw_cli *c, const char *model)
{
    lx_err err = {0};
    lx_buf out;
    lx_buf_init(&out);
    int rc = lx_pipeline_draw(model, &c->remote, c->f, &c->o, &out, &err);
    char msg[1200];
    if (rc != LX_OK) lx_cli_error(err.msg);
    else if (!lx_buf_write_file(&out, c->output ? c->output : "-", msg, sizeof msg)) { lx_cli_error(msg); rc = LX_ERR_IO; }
    lx_buf_free(&out);
    return rc;
}

static int run(int argc, char **argv)
{
    draw_cli c = {.o = lx_render_defaults(), .remote = lx_remote_defaults()};
    const char *model[1];
    int n = 0, rc = lx_cli_parse(&lx_cmd_draw_def, argc, argv, &c, model, &n);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    rc = choose_format(&c);
    return rc ? rc : draw_model(&c, model[0]);
}
