/* cli/infer_opts — the options `run` and `inside` share (defined in cli/cmd_run.c):
 *   --prompt TEXT (-p)   -n N   --top K   --threads T   --max-memory SIZE   --stats
 * Ownership: strings point into argv.
 */
#ifndef LX_CLI_INFER_OPTS_H
#define LX_CLI_INFER_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/opts.h"

typedef struct lx_infer_cli {
    const char *prompt;  /* NULL: BOS alone */
    size_t n_new, top;
    int threads;         /* 0: one per online CPU */
    uint64_t max_memory; /* 0: what the system says is available */
    bool stats;
} lx_infer_cli;

/* The shared options as an option group over an lx_infer_cli (cli/opts). */
#define LX_CLI_N_INFER_OPTS 6
extern const lx_cli_opt lx_cli_infer_opts[LX_CLI_N_INFER_OPTS];

#endif
