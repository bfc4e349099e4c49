/* cli/main — the llmxray command: dispatches to a subcommand (cli/commands: the table of
 * lx_cli_cmd rows). `llmxray MODEL ...` is short for `llmxray draw MODEL ...`. Top-level
 * A first word that is no command, file or catalogue name but looks like a mistyped
 * command gets "did you mean inside?". Top-level options: -h/--help, --version, --man (the man page, docs/llmxray.1) and
 * --completion bash|zsh (the scripts in completions/), all generated from the tables. */
#include <stdio.h>
#include <string.h>

#include <sys/stat.h>

#include "cli/cmd.h"
#include "llmxray.h"

static int top_level(int argc, char **argv)
{
    const char *a = argv[1];
    lx_buf b;
    lx_buf_init(&b);
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
        lx_cli_help(NULL, &b);
    } else if (!strcmp(a, "--version")) {
        lx_buf_printf(&b, "%s\n", lx_cli_version());
    } else if (!strcmp(a, "--man")) {
        lx_cli_man(&b);
    } else if (!strcmp(a, "--completion")) {
        if (argc < 3 || !lx_cli_completion(argv[2], &b)) {
            lx_buf_free(&b);
            return lx_cli_usage_error("--completion needs a shell: bash or zsh");
        }
    } else {
        lx_buf_free(&b);
        return lx_cli_usage_error("unknown option '%s' (see 'llmxray help')", a);
    }
    return lx_cli_write_stdout(&b);
}

int main(int argc, char **argv)
{
    if (argc < 2) return lx_cli_usage_error("no command or model given (see 'llmxray help')");
    if (argv[1][0] == '-' && argv[1][1]) return top_level(argc, argv);
    const lx_cli_cmd *c = lx_cli_find(argv[1]);
    if (c) return c->run(argc - 1, argv + 1);
    struct stat st;
    const lx_cli_cmd *near = lx_cli_suggest(argv[1]);
    if (near && stat(argv[1], &st) != 0 && llmxray_catalogue_find(argv[1], &(size_t){0}) != LLMXRAY_OK &&
        !llmxray_catalogue_suggest(argv[1]))
        return lx_cli_usage_error("unknown command '%s' (did you mean %s?)", argv[1], near->name);
    argv[0] = "draw";
    return lx_cmd_draw_def.run(argc, argv);
}
