/* cli/cmd_compare — `llmxray compare A B [C...] [-o FILE] [-f svg|png|pdf|html|txt|json] [--json]
 * [--theme light|dark] [--scale N]`: two or more architectures side by side.
 *
 * A client of the public API (llmxray_format_find, llmxray_compare). The output is --json,
 * else -f, else the extension of -o (looked up among the formats that can draw a
 * comparison); with no -o (or -o -) the text table goes to stdout, its differing rows
 * coloured when stdout is a terminal and NO_COLOR is not set.
 * Files are written atomically. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "llmxray.h"

typedef struct compare_cli {
    const char *output, *format;
    bool json;
    llmxray_format f;
    llmxray_render_opts o;
} compare_cli;

#define F(m) offsetof(compare_cli, m)
static const lx_cli_opt OPTS[] = {
    {"--output", "-o", "FILE", "write to FILE (- for stdout; default: the text table on stdout)", LX_COMPLETE_FILE,
     lx_cli_set_string, F(output)},
    {"--format", "-f", "FORMAT", "svg, png, pdf, html, txt or json (default: from the extension of FILE)", LX_COMPLETE_COMPARE,
     lx_cli_set_string, F(format)},
    {"--json", NULL, NULL, "the differences as JSON (keys documented in docs/compare.md)", LX_COMPLETE_NONE,
     lx_cli_set_flag, F(json)},
    {"--theme", NULL, "THEME", "light or dark colours (default light)", LX_COMPLETE_THEME, lx_cli_set_dark,
     F(o.dark)},
    {"--scale", NULL, "N", "PNG pixels per unit, 0.25 to 8 (default 1)", LX_COMPLETE_NONE, lx_cli_set_scale,
     F(o.scale)},
};
#undef F

static int run(int argc, char **argv);

const lx_cli_cmd lx_cmd_compare_def = {
    .name = "compare", .operands = "A B [C...]", .summary = "architectures side by side, every difference marked",
    .description = "Aligns two or more models (files, folders, configs, catalogue names; up to 8) component by\n"
                   "component: vocabulary, width, layers and their mix, attention, positions, norms, feed-forward\n"
                   "and experts, parameters and bytes per component, KV cache. Two models give a picture with\n"
                   "the spines aligned; three or more a comparison table.",
    .min_operands = 2, .max_operands = LLMXRAY_COMPARE_MAX, .operand = LX_COMPLETE_MODEL,
    .formats = LLMXRAY_FOR_COMPARISON, .groups = {{OPTS, sizeof OPTS / sizeof OPTS[0], 0}}, .run = run,
};

/* The format: --json, else -f, else the extension of -o, else text. */
static int choose_format(compare_cli *c)
{
    bool to_stdout = !c->output || !strcmp(c->output, "-");
    char list[160];
    bool found = false;
    c->f.size = sizeof c->f;
    if (c->format) {
        llmxray_format_list(LLMXRAY_FOR_COMPARISON, 0, list, sizeof list);
        if (!(found = llmxray_format_find(c->format, 0, LLMXRAY_FOR_COMPARISON, &c->f) == LLMXRAY_OK))
            return lx_cli_usage_error("compare: unknown format '%s' (expected %s)", c->format, list);
    } else if (!to_stdout && !c->json &&
               !(found = llmxray_format_find(c->output, 1, LLMXRAY_FOR_COMPARISON, &c->f) == LLMXRAY_OK)) {
        llmxray_format_list(LLMXRAY_FOR_COMPARISON, 1, list, sizeof list);
        return lx_cli_usage_error("compare: cannot tell the format of '%s' (expected %s, or -f FORMAT)", c->output,
                                  list);
    }
    if (!found || c->json) llmxray_format_find(c->json ? "json" : "txt", 0, LLMXRAY_FOR_COMPARISON, &c->f);
    if (to_stdout && c->f.binary && isatty(STDOUT_FILENO))
        return lx_cli_usage_error("compare: not writing %s to a terminal (use -o FILE)", c->f.name);
    const char *no_color = getenv("NO_COLOR");
    c->o.color = c->f.colorable && to_stdout && isatty(STDOUT_FILENO) && !(no_color && no_color[0]);
    return 0;
}

static int run(int argc, char **argv)
{
    compare_cli c = {.o = {.size = sizeof c.o, .scale = 1.0}};
    const char *models[LLMXRAY_COMPARE_MAX];
    int n = 0, rc = lx_cli_parse(&lx_cmd_compare_def, argc, argv, &c, models, &n);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    if ((rc = choose_format(&c))) return rc;
    char err[1024];
    char *out = NULL;
    size_t len = 0;
    llmxray_status st = llmxray_compare(models, (size_t)n, c.f.name, &c.o, &out, &len, err, sizeof err);
    if (st != LLMXRAY_OK) {
        lx_cli_error(err);
        return (int)st;
    }
    return lx_cli_write_bytes(c.output ? c.output : "-", out, len);
}
