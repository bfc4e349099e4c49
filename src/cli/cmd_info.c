/* cli/cmd_info — `llmxray info [--json] MODEL`: read, build the architecture model, print. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "model/arch.h"
#include "open/remote.h"
#include "open/source.h"
#include "render/info.h"

typedef struct info_cli {
    bool json;
    lx_remote_opts remote;
} info_cli;

static const lx_cli_opt OPTS[] = {
    {"--json", NULL, NULL, "print one JSON object (keys documented in docs/json.md)", LX_COMPLETE_NONE,
     lx_cli_set_flag, offsetof(info_cli, json)},
};

static int run(int argc, char **argv);

const lx_cli_cmd lx_cmd_info_def = {
    .name = "info", .operands = "MODEL", .summary = "hyper-parameters, layer groups, parameters and bytes",
    .description = "Reads MODEL's headers (never its weights) and prints what it is made of: the attention,\n"
                   "positions, norms and feed-forward of each kind of layer, exact parameter and byte counts\n"
                   "per component, active parameters for mixtures of experts, KV cache per token, and any\n"
                   "disagreement between declared hyper-parameters and tensor shapes.",
    .min_operands = 1, .max_operands = 1, .operand = LX_COMPLETE_MODEL,
    .groups = {{OPTS, 1, 0}, {lx_cli_remote_opts, LX_CLI_N_REMOTE_OPTS, offsetof(info_cli, remote)}}, .run = run,
};

static int run(int argc, char **argv)
{
    bool json = false;
    const char *ops[1];
    info_cli c = {false, lx_remote_defaults()};
    int n = 0, prc = lx_cli_parse(&lx_cmd_info_def, argc, argv, &c, ops, &n);
    if (prc) return prc == LX_CLI_HELP_SHOWN ? 0 : prc;
    const char *model = ops[0];
    lx_remote_opts remote = c.remote;
    json = c.json;
    lx_err err = {0};
    lx_source src;
    lx_arch arch;
    if (lx_source_open_with(model, &remote, &src, &err) != LX_OK) {
        lx_cli_error(err.msg);
        return err.code;
    }
    if (lx_arch_build(&src, &arch, &err) != LX_OK) {
        lx_cli_error(err.msg);
        lx_source_free(&src);
        return err.code;
    }
    lx_buf out;
    lx_buf_init(&out);
    if (json) lx_info_json(&arch, &out);
    else lx_info_text(&arch, &out);
    char msg[512];
    int rc = 0;
    if (!lx_buf_ok(&out)) { lx_cli_error("out of memory while formatting the summary"); rc = 1; }
    else if (!lx_buf_write_file(&out, "-", msg, sizeof msg)) { lx_cli_error(msg); rc = 3; }
    lx_buf_free(&out);
    lx_arch_free(&arch);
    lx_source_free(&src);
    return rc;
}
