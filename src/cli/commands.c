/* cli/commands — the command table (lx_cli_commands) and the two commands that only talk
 * about llmxray itself: `help [COMMAND]` and `version`. */
#include <stdio.h>

#include "cli/cmd.h"
#include "cli/opts.h"

static int write_stdout(lx_buf *b)
{
    bool ok = lx_buf_ok(b) && fwrite(b->data, 1, b->len, stdout) == b->len && fflush(stdout) == 0;
    lx_buf_free(b);
    if (!ok) lx_cli_error("cannot write to standard output");
    return ok ? 0 : 3;
}

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const lx_cli_cmd HELP = {
    .name = "help", .operands = "[COMMAND]", .summary = "show the commands, or one command's options",
    .description = "With no COMMAND, lists the commands; with one, its options (the same as 'llmxray COMMAND "
                   "--help').",
    .max_operands = 1, .operand = LX_COMPLETE_COMMAND, .run = cmd_help,
};

static const lx_cli_cmd VERSION = {
    .name = "version", .operands = "", .summary = "print the version (also --version)", .description = "",
    .run = cmd_version,
};

static int cmd_help(int argc, char **argv)
{
    const char *ops[1];
    int n = 0, rc = lx_cli_parse(&HELP, argc, argv, NULL, ops, &n);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    const lx_cli_cmd *c = n ? lx_cli_find(ops[0]) : NULL;
    const lx_cli_cmd *near = n && !c ? lx_cli_suggest(ops[0]) : NULL;
    if (near) return lx_cli_usage_error("help: no command '%s' (did you mean %s?)", ops[0], near->name);
    if (n && !c) return lx_cli_usage_error("help: no command '%s' (see 'llmxray help')", ops[0]);
    lx_buf b;
    lx_buf_init(&b);
    lx_cli_help(c, &b);
    return write_stdout(&b);
}

static int cmd_version(int argc, char **argv)
{
    const char *ops[1];
    int n = 0, rc = lx_cli_parse(&VERSION, argc, argv, NULL, ops, &n);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    puts(lx_cli_version());
    return 0;
}

const lx_cli_cmd *const lx_cli_commands[] = {
    &lx_cmd_info_def, &lx_cmd_list_def, &lx_cmd_draw_def, &lx_cmd_run_def, &lx_cmd_inside_def, &lx_cmd_compare_def,
    &lx_cmd_gallery_def, &lx_cmd_tokenize_def, &HELP, &VERSION,
};
const size_t lx_cli_n_commands = sizeof lx_cli_commands / sizeof lx_cli_commands[0];

int lx_cli_write_stdout(lx_buf *b) { return write_stdout(b); }
