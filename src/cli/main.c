/* cli/main — the llmxray command: dispatches to a subcommand (cli/cmd_*.c).
 * `llmxray MODEL -o FILE` is short for `llmxray draw MODEL -o FILE`. */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"

typedef struct cmd_entry {
    const char *name;
    int (*fn)(int, char **);
    const char *synopsis;
} cmd_entry;

static const cmd_entry CMDS[] = {
    {"info", lx_cmd_info, "info [--json] [REMOTE OPTIONS] MODEL   hyper-parameters, layer groups, parameters and bytes"},
    {"list", lx_cmd_list, "list [--json]              the built-in catalogue of well-known models"},
    {"draw", lx_cmd_draw, "draw [REMOTE OPTIONS] MODEL [-o FILE] [-f svg|png|pdf|txt] [--theme light|dark] [--scale N] [--width COLS] [--ascii]"},
    {"run", lx_cmd_run, "run MODEL [--prompt TEXT] [-n N] [--top K]   greedy continuation of a small GGUF model"},
    {"inside", lx_cmd_inside, "inside MODEL --prompt TEXT -o FILE   poster of one forward pass"},
    {"compare", lx_cmd_compare, "compare A B [C...] [-o FILE] [-f svg|png|pdf|txt|json] [--json] [--theme light|dark] [--scale N]   architectures side by side, differences marked"},
    {"tokenize", lx_cmd_tokenize, "tokenize [--json] [--bos] [--special] MODEL TEXT   token ids and pieces (TEXT - : stdin)"},
};

static void print_usage(FILE *f)
{
    fputs("llmxray — see what is inside a large language model\n\nUsage:\n", f);
    for (size_t i = 0; i < sizeof CMDS / sizeof CMDS[0]; i++) fprintf(f, "  llmxray %s\n", CMDS[i].synopsis);
    fputs("  llmxray MODEL -o FILE      same as draw\n\n"
          "MODEL is a .gguf file (any shard of a split model), a .safetensors file, a\n"
          "model.safetensors.index.json, a Hugging Face model folder, a config.json, or a\n"
          "catalogue name (see 'llmxray list'); or remote: hf:ORG/NAME[@REVISION][/FILE], ORG/NAME,\n"
          "or an http(s):// URL of one of those files (only header bytes are fetched).\n"
          "REMOTE OPTIONS (info, draw): --timeout SECONDS, --max-header SIZE, --connections N,\n"
          "--offline, --insecure;\n"
          "environment: HF_ENDPOINT, HF_TOKEN or $HF_HOME/token, XDG_CACHE_HOME, proxies.\n\n"
          "Exit codes: 0 success, 1 malformed or unsupported model, 2 usage, 3 I/O error.\n", f);
}

int main(int argc, char **argv)
{
    if (argc < 2) { print_usage(stderr); return 2; }
    const char *c = argv[1];
    if (!strcmp(c, "help") || !strcmp(c, "--help") || !strcmp(c, "-h")) {
        if (argc > 2) {
            for (size_t i = 0; i < sizeof CMDS / sizeof CMDS[0]; i++)
                if (!strcmp(argv[2], CMDS[i].name)) { printf("llmxray %s\n", CMDS[i].synopsis); return 0; }
            return lx_cli_usage_error("no command '%s'", argv[2]);
        }
        print_usage(stdout);
        return 0;
    }
    if (!strcmp(c, "--version")) { puts("llmxray 0.1.0"); return 0; }
    for (size_t i = 0; i < sizeof CMDS / sizeof CMDS[0]; i++)
        if (!strcmp(c, CMDS[i].name)) return CMDS[i].fn(argc - 1, argv + 1);
    if (c[0] == '-') return lx_cli_usage_error("unknown option '%s'", c);
    argv[0] = "draw";
    return lx_cmd_draw(argc, argv);
}
