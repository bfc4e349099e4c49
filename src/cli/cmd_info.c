/* cli/cmd_info — `llmxray info [--json] MODEL`: opens MODEL and prints its summary, both
 * through the public API (llmxray_open_ex, llmxray_model_info). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "llmxray.h"

typedef struct info_cli {
    bool json;
    llmxray_open_opts remote;
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
    const char *ops[1];
    info_cli c = {false, {.size = sizeof c.remote}};
    int n = 0, prc = lx_cli_parse(&lx_cmd_info_def, argc, argv, &c, ops, &n);
    if (prc) return prc == LX_CLI_HELP_SHOWN ? 0 : prc;
    char err[1024];
    llmxray_model *m = NULL;
    llmxray_status st = llmxray_open_ex(ops[0], &c.remote, &m, err, sizeof err);
    char *out = NULL;
    size_t len = 0;
    if (st == LLMXRAY_OK) st = llmxray_model_info(m, c.json ? "json" : "text", &out, &len, err, sizeof err);
    llmxray_close(m);
    if (st != LLMXRAY_OK) {
        lx_cli_error(err);
        return (int)st;
    }
    return lx_cli_write_bytes("-", out, len);
}
