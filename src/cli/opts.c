/* cli/opts — see opts.h. This file: parsing and help text. */
#include "cli/opts.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "llmxray.h"
#include "util/text.h"

#ifndef LLMXRAY_VERSION
#define LLMXRAY_VERSION "0.0.0"
#endif

const char *lx_cli_version(void) { return "llmxray " LLMXRAY_VERSION; }

const lx_cli_cmd *lx_cli_find(const char *name)
{
    for (size_t i = 0; i < lx_cli_n_commands; i++)
        if (!strcmp(name, lx_cli_commands[i]->name)) return lx_cli_commands[i];
    return NULL;
}

const lx_cli_cmd *lx_cli_suggest(const char *name)
{
    const lx_cli_cmd *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < lx_cli_n_commands; i++) {
        size_t d = lx_text_distance(name, lx_cli_commands[i]->name);
        if (d < best_d) { best_d = d; best = lx_cli_commands[i]; }
    }
    return best && lx_text_is_typo(best_d, strlen(name)) ? best : NULL;
}

/* ---- parsing ---- */

/* The option named name (its first len bytes), and the offset of its group. */
static const lx_cli_opt *find_opt(const lx_cli_cmd *c, const char *name, size_t len, size_t *offset)
{
    for (int g = 0; g < LX_CLI_MAX_GROUPS && c->groups[g].opts; g++) {
        for (size_t i = 0; i < c->groups[g].n; i++) {
            const lx_cli_opt *o = &c->groups[g].opts[i];
            bool hit = (strlen(o->name) == len && !strncmp(o->name, name, len)) ||
                       (o->alias && strlen(o->alias) == len && !strncmp(o->alias, name, len));
            if (hit) { *offset = c->groups[g].offset; return o; }
        }
    }
    return NULL;
}

bool lx_cli_has_option(const lx_cli_cmd *c, const char *name)
{
    size_t offset;
    return find_opt(c, name, strlen(name), &offset) != NULL;
}

/* The option name (or --help) nearest to typed when it looks like a typo of it, else NULL. */
static const char *suggest(const lx_cli_cmd *c, const char *typed)
{
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(typed, "="), typed);
    const char *best = "--help";
    size_t best_d = lx_text_distance(name, best);
    for (int g = 0; g < LX_CLI_MAX_GROUPS && c->groups[g].opts; g++) {
        for (size_t i = 0; i < c->groups[g].n; i++) {
            size_t d = lx_text_distance(name, c->groups[g].opts[i].name);
            if (d < best_d) { best_d = d; best = c->groups[g].opts[i].name; }
        }
    }
    return lx_text_is_typo(best_d, strlen(name)) ? best : NULL;
}

static int unknown_option(const lx_cli_cmd *c, const char *a)
{
    const char *near = suggest(c, a);
    if (near) return lx_cli_usage_error("%s: unknown option '%s' (did you mean %s?)", c->name, a, near);
    return lx_cli_usage_error("%s: unknown option '%s' (see 'llmxray help %s')", c->name, a, c->name);
}

/* Option argv[*i] (known to start with '-'); advances *i past its value. */
static int parse_option(const lx_cli_cmd *c, int argc, char **argv, int *i, void *ctx)
{
    const char *a = argv[*i], *eq = !strncmp(a, "--", 2) ? strchr(a, '=') : NULL;
    size_t len = eq ? (size_t)(eq - a) : strlen(a), offset = 0;
    if ((len == 6 && !strncmp(a, "--help", 6)) || !strcmp(a, "-h")) {
        lx_buf b;
        lx_buf_init(&b);
        lx_cli_help(c, &b);
        fputs(lx_buf_cstr(&b), stdout);
        lx_buf_free(&b);
        return LX_CLI_HELP_SHOWN;
    }
    const lx_cli_opt *o = find_opt(c, a, len, &offset);
    if (!o) return unknown_option(c, a);
    const char *v = eq ? eq + 1 : NULL;
    if (!o->value && v) return lx_cli_usage_error("%s: %s takes no value (got '%s')", c->name, o->name, v);
    if (o->value && !v) {
        if (*i + 1 >= argc) return lx_cli_usage_error("%s: %.*s needs a value (%s)", c->name, (int)len, a, o->value);
        v = argv[++*i];
    }
    return o->set((char *)ctx + offset + o->field, c->name, v);
}

/* Operand count errors, one line each. */
static int too_many(const lx_cli_cmd *c, const char **operands, int n, const char *a)
{
    if (c->max_operands == 0) return lx_cli_usage_error("%s: unexpected argument '%s' (it takes none)", c->name, a);
    if (c->max_operands == 1)
        return lx_cli_usage_error("%s: more than one model given ('%s' and '%s')", c->name, operands[n - 1], a);
    if (c->max_operands == c->min_operands)
        return lx_cli_usage_error("%s: takes %d arguments, %s (got another: '%s')", c->name, c->max_operands,
                                  c->operands, a);
    return lx_cli_usage_error("%s: at most %d models (got another: '%s')", c->name, c->max_operands, a);
}

static int too_few(const lx_cli_cmd *c, int n)
{
    if (c->min_operands == 1)
        return lx_cli_usage_error("%s: no model given (usage: llmxray %s %s)", c->name, c->name, c->operands);
    if (c->max_operands == c->min_operands)
        return lx_cli_usage_error("%s: needs %d arguments, %s (got %d)", c->name, c->min_operands, c->operands, n);
    return lx_cli_usage_error("%s: needs %d or more models (usage: llmxray %s %s)", c->name, c->min_operands, c->name,
                              c->operands);
}

int lx_cli_parse(const lx_cli_cmd *c, int argc, char **argv, void *ctx, const char **operands, int *n)
{
    bool options = true;
    *n = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options && !strcmp(a, "--")) { options = false; continue; }
        if (options && a[0] == '-' && a[1]) {
            int rc = parse_option(c, argc, argv, &i, ctx);
            if (rc) return rc;
            continue;
        }
        if (*n >= c->max_operands) return too_many(c, operands, *n, a);
        operands[(*n)++] = a;
    }
    if (*n < c->min_operands) return too_few(c, *n);
    return 0;
}

/* ---- help ---- */

static void opt_label(const lx_cli_opt *o, char *out, size_t cap)
{
    snprintf(out, cap, "%s%s%s%s%s", o->alias ? o->alias : "", o->alias ? ", " : "    ", o->name,
             o->value ? " " : "", o->value ? o->value : "");
}

static void help_options(const lx_cli_cmd *c, lx_buf *out)
{
    lx_buf_puts(out, "\nOptions:\n");
    char label[96];
    for (int g = 0; g < LX_CLI_MAX_GROUPS && c->groups[g].opts; g++) {
        for (size_t i = 0; i < c->groups[g].n; i++) {
            opt_label(&c->groups[g].opts[i], label, sizeof label);
            lx_buf_printf(out, "  %-24s %s\n", label, c->groups[g].opts[i].help);
        }
    }
    lx_buf_printf(out, "  %-24s %s\n", "-h, --help", "show this help and exit");
}

static void help_formats(const lx_cli_cmd *c, unsigned product, lx_buf *out)
{
    lx_buf_printf(out, "\nFormats (%sthe extension of -o FILE):\n", lx_cli_has_option(c, "--format") ? "-f NAME, or " : "");
    for (size_t i = 0; i < llmxray_format_count(); i++) {
        llmxray_format f = {.size = sizeof f};
        if (llmxray_format_at(i, &f) == LLMXRAY_OK && (f.for_ & product))
            lx_buf_printf(out, "  %-8s .%-5s %s\n", f.name, f.ext, f.description);
    }
}

static void help_command(const lx_cli_cmd *c, lx_buf *out)
{
    lx_buf_printf(out, "Usage: llmxray %s%s%s [options]\n\n%c%s.\n", c->name, c->operands[0] ? " " : "", c->operands,
                  c->summary[0] >= 'a' && c->summary[0] <= 'z' ? c->summary[0] - 'a' + 'A' : c->summary[0], c->summary + 1);
    if (c->description[0]) lx_buf_printf(out, "\n%s\n", c->description);
    help_options(c, out);
    if (c->formats) help_formats(c, c->formats, out);
}

static void help_main(lx_buf *out)
{
    lx_buf_printf(out, "%s — see what is inside a large language model\n\n"
                       "Usage: llmxray COMMAND [options]\n"
                       "       llmxray MODEL [draw options]      same as 'llmxray draw MODEL'\n\nCommands:\n",
                  lx_cli_version());
    for (size_t i = 0; i < lx_cli_n_commands; i++)
        lx_buf_printf(out, "  %-9s %s\n", lx_cli_commands[i]->name, lx_cli_commands[i]->summary);
    lx_buf_puts(out, "\nMODEL is a .gguf file (any shard of a split model), a .safetensors file, a\n"
                     "model.safetensors.index.json, a Hugging Face model folder, a config.json, or a\n"
                     "catalogue name (see 'llmxray list'); or remote: hf:ORG/NAME[@REVISION][/FILE], ORG/NAME,\n"
                     "or an http(s):// URL of one of those files (info, draw: only header bytes are fetched;\n"
                     "environment: HF_ENDPOINT, HF_TOKEN or $HF_HOME/token, XDG_CACHE_HOME, proxies).\n\n"
                     "Exit codes: 0 success, 1 malformed or unsupported model, 2 usage, 3 I/O error.\n"
                     "Run 'llmxray help COMMAND' (or 'llmxray COMMAND --help') for its options;\n"
                     "'llmxray --version' prints the version.\n");
}

void lx_cli_help(const lx_cli_cmd *c, lx_buf *out)
{
    if (c) help_command(c, out);
    else help_main(out);
}
