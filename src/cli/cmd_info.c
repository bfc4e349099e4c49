/* cli/cmd_info — `llmxray info [--json] MODEL`: read, build the architecture model, print. */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "model/arch.h"
#include "read/remote.h"
#include "read/source.h"
#include "render/info.h"

int lx_cmd_info(int argc, char **argv)
{
    bool json = false;
    const char *model = NULL;
    lx_remote_opts remote = lx_remote_defaults();
    for (int i = 1; i < argc; i++) {
        int r = lx_cli_remote_opt("info", argc, argv, &i, &remote);
        if (r == 2) return 2;
        if (r == 1) continue;
        if (!strcmp(argv[i], "--json")) json = true;
        else if (argv[i][0] == '-' && argv[i][1]) return lx_cli_usage_error("info: unknown option '%s'", argv[i]);
        else if (model) return lx_cli_usage_error("info: more than one model given ('%s' and '%s')", model, argv[i]);
        else model = argv[i];
    }
    if (!model) return lx_cli_usage_error("info: no model given (usage: llmxray info [--json] MODEL)");
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
