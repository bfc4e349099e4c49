/* cli/infer_opts — the options `run` and `inside` share (parsed in cli/cmd_run.c):
 *   --prompt TEXT (-p)   -n N   --top K   --threads T   --max-memory SIZE   --stats
 * Ownership: strings point into argv.
 */
#ifndef LX_CLI_INFER_OPTS_H
#define LX_CLI_INFER_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lx_infer_cli {
    const char *prompt;  /* NULL: BOS alone */
    size_t n_new, top;
    int threads;
    uint64_t max_memory; /* 0: what the system says is available */
    bool stats;
} lx_infer_cli;

/* Parses argv[*i] (and its value, advancing *i) when it is one of the shared options:
 * 0 when taken, 2 after printing a usage error, -1 when argv[*i] is not one of them. */
int lx_cli_infer_option(int argc, char **argv, int *i, lx_infer_cli *o);

#endif
