/* cli/cmd_gallery — `llmxray gallery [MODEL...|--all] -o DIR [--theme light|dark] [-j N]`:
 * many models drawn into one folder by llmxray_gallery of the public API (api/gallery: per
 * model STEM.svg and STEM.html, then DIR/index.html; N worker processes, default 2, or 1 on
 * a single core). A model that fails is reported (one line each) and left out of the index;
 * the exit code is then the first failure's. Files are written atomically. */
#include <stddef.h>
#include <string.h>

#include "cli/cmd.h"
#include "llmxray.h"

#define MAX_MODELS 1024

typedef struct gallery_cli {
    const char *output;
    bool all;
    double jobs;
    int dark;
} gallery_cli;

static int set_jobs(void *field, const char *cmd, const char *v)
{
    return lx_cli_number(cmd, "--jobs", v, 1, 64, field) ? 2 : 0;
}

#define F(m) offsetof(gallery_cli, m)
static const lx_cli_opt OPTS[] = {
    {"--output", "-o", "DIR", "the folder to write into (created when missing)", LX_COMPLETE_FILE, lx_cli_set_string,
     F(output)},
    {"--all", NULL, NULL, "every model of the built-in catalogue", LX_COMPLETE_NONE, lx_cli_set_flag, F(all)},
    {"--theme", NULL, "THEME", "light or dark thumbnails (default light; pages have both)", LX_COMPLETE_THEME,
     lx_cli_set_dark, F(dark)},
    {"--jobs", "-j", "N", "worker processes, 1 to 64 (default 2, or 1 on one core)", LX_COMPLETE_NONE, set_jobs,
     F(jobs)},
};
#undef F

static int run(int argc, char **argv);

const lx_cli_cmd lx_cmd_gallery_def = {
    .name = "gallery", .operands = "[MODEL...]", .summary = "many models in one folder: pages, thumbnails, an index",
    .description = "Draws every MODEL (files, folders, configs, catalogue names), or with --all every model of\n"
                   "the catalogue, into DIR: per model its diagram as SVG and its interactive HTML page, and\n"
                   "index.html with the thumbnails, a table of facts (parameters, active parameters, layers\n"
                   "and their mix, attention, feed-forward, context, KV cache per token, year) sortable by any\n"
                   "column, each row opening its model's page, and a picker that compares two models' facts.",
    .max_operands = MAX_MODELS, .operand = LX_COMPLETE_MODEL, .formats = 0,
    .groups = {{OPTS, sizeof OPTS / sizeof OPTS[0], 0}}, .run = run,
};

static void on_error(void *ctx, const char *what, llmxray_status status, const char *msg)
{
    (void)ctx, (void)what, (void)status;
    lx_cli_error(msg);
}

static int run(int argc, char **argv)
{
    gallery_cli c = {.jobs = 0}; /* 0: llmxray_gallery's default */
    static const char *models[MAX_MODELS];
    int n = 0, rc = lx_cli_parse(&lx_cmd_gallery_def, argc, argv, &c, models, &n);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    if (!c.output || !strcmp(c.output, "-")) return lx_cli_usage_error("gallery: needs -o DIR (the folder to write into)");
    if (c.all && n) return lx_cli_usage_error("gallery: --all or MODEL..., not both");
    if (!c.all && !n) return lx_cli_usage_error("gallery: no model given (name some, or --all for the catalogue)");
    llmxray_gallery_opts o = {sizeof o, c.dark, (int)c.jobs, on_error, NULL};
    char err[1200];
    llmxray_status st = llmxray_gallery(c.all ? NULL : models, c.all ? 0 : (size_t)n, c.output, &o, err, sizeof err);
    if (st && *err) lx_cli_error(err);
    return (int)st;
}
