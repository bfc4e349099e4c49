/* cli/cmd_draw — `llmxray draw MODEL [-o FILE] [-f FORMAT] [--theme light|dark]
 * [--scale N] [--width COLS] [--ascii]`: the architecture diagram.
 *
 * A client of the public API (llmxray_open_ex, llmxray_format_find, llmxray_render).
 * The format is -f, else the extension of -o (both looked up in the formats table); with no
 * -o (or -o -) the text diagram goes to stdout, coloured when stdout is a terminal and
 * NO_COLOR is not set. Files are written atomically (temporary file + rename), so a failed
 * run never clobbers an existing file. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "llmxray.h"

/* AddressSanitizer builds only: fontconfig (loaded by pango) keeps what it allocates while
 * parsing its XML configuration until exit, and LeakSanitizer reports that inside
 * libfontconfig. The sanitizer runtime calls this hook; nothing else does. */
const char *__lsan_default_suppressions(void);
__attribute__((weak)) const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }
const char *__lsan_default_options(void);
__attribute__((weak)) const char *__lsan_default_options(void) { return "print_suppressions=0"; }

typedef struct draw_cli {
    const char *output, *format;
    llmxray_format f;
    llmxray_render_opts o;
    llmxray_open_opts remote;
} draw_cli;

static int set_width(void *field, const char *cmd, const char *v)
{
    double x = 0;
    if (lx_cli_number(cmd, "--width", v, LLMXRAY_WIDTH_MIN, LLMXRAY_WIDTH_MAX, &x)) return 2;
    *(int *)field = (int)x;
    return 0;
}

#define F(m) offsetof(draw_cli, m)
static const lx_cli_opt OPTS[] = {
    {"--output", "-o", "FILE", "write to FILE (- for stdout; default: the text diagram on stdout)", LX_COMPLETE_FILE,
     lx_cli_set_string, F(output)},
    {"--format", "-f", "FORMAT", "the output format (default: from the extension of FILE)", LX_COMPLETE_DIAGRAM,
     lx_cli_set_string, F(format)},
    {"--theme", NULL, "THEME", "light or dark colours (default light)", LX_COMPLETE_THEME, lx_cli_set_dark,
     F(o.dark)},
    {"--scale", NULL, "N", "PNG pixels per unit, 0.25 to 8 (default 1)", LX_COMPLETE_NONE, lx_cli_set_scale,
     F(o.scale)},
    {"--width", NULL, "COLS", "text diagram width in columns, 60 to 1000 (default 100)", LX_COMPLETE_NONE, set_width,
     F(o.width)},
    {"--ascii", NULL, NULL, "text diagram in 7-bit ASCII (no box drawing)", LX_COMPLETE_NONE, lx_cli_set_on,
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
    .min_operands = 1, .max_operands = 1, .operand = LX_COMPLETE_MODEL, .formats = LLMXRAY_FOR_DIAGRAM,
    .groups = {{OPTS, sizeof OPTS / sizeof OPTS[0], 0},
               {lx_cli_remote_opts, LX_CLI_N_REMOTE_OPTS, offsetof(draw_cli, remote)}},
    .run = run,
};

/* The format from -f, else from the -o extension, else text. */
static int choose_format(draw_cli *c)
{
    bool to_stdout = !c->output || !strcmp(c->output, "-");
    char list[160];
    c->f.size = sizeof c->f;
    if (c->format) {
        llmxray_format_list(LLMXRAY_FOR_DIAGRAM, 0, list, sizeof list);
        if (llmxray_format_find(c->format, 0, LLMXRAY_FOR_DIAGRAM, &c->f) != LLMXRAY_OK)
            return lx_cli_usage_error("draw: unknown format '%s' (expected %s)", c->format, list);
    } else if (to_stdout) {
        llmxray_format_find("txt", 0, LLMXRAY_FOR_DIAGRAM, &c->f);
    } else if (llmxray_format_find(c->output, 1, LLMXRAY_FOR_DIAGRAM, &c->f) != LLMXRAY_OK) {
        llmxray_format_list(LLMXRAY_FOR_DIAGRAM, 1, list, sizeof list);
        return lx_cli_usage_error("draw: cannot tell the format of '%s' (expected %s, or -f FORMAT)", c->output, list);
    }
    if (to_stdout && c->f.binary && isatty(STDOUT_FILENO))
        return lx_cli_usage_error("draw: not writing %s to a terminal (use -o FILE)", c->f.name);
    const char *no_color = getenv("NO_COLOR");
    c->o.color = c->f.colorable && to_stdout && isatty(STDOUT_FILENO) && !(no_color && no_color[0]);
    return 0;
}

static int draw_model(const draw_cli *c, const char *model)
{
    char err[1024];
    llmxray_model *m = NULL;
    llmxray_status st = llmxray_open_ex(model, &c->remote, &m, err, sizeof err);
    char *out = NULL;
    size_t len = 0;
    if (st == LLMXRAY_OK) st = llmxray_render(m, c->f.name, &c->o, &out, &len, err, sizeof err);
    llmxray_close(m);
    if (st != LLMXRAY_OK) {
        lx_cli_error(err);
        return (int)st;
    }
    return lx_cli_write_bytes(c->output ? c->output : "-", out, len);
}

static int run(int argc, char **argv)
{
    draw_cli c = {.o = {.size = sizeof c.o, .scale = 1}, .remote = {.size = sizeof c.remote}};
    const char *model[1];
    int n = 0, rc = lx_cli_parse(&lx_cmd_draw_def, argc, argv, &c, model, &n);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    rc = choose_format(&c);
    return rc ? rc : draw_model(&c, model[0]);
}
