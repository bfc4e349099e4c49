/* cli/opts — every command and option of llmxray as data.
 *
 * Each command (cli/cmd_*.c) describes itself with one lx_cli_cmd: its name, operands,
 * summary, description and groups of options (lx_cli_opt: names, value name, one line of
 * help, what its value completes to, and the setter that parses it). The same rows feed:
 *   parsing        lx_cli_parse (long and short names, --opt=value, --, -h/--help,
 *                  "did you mean --theme?" for a mistyped option, one line per error);
 *   help           lx_cli_help (llmxray help [COMMAND], COMMAND --help);
 *   the man page   lx_cli_man (llmxray --man; docs/llmxray.1 is its output);
 *   completions    lx_cli_completion (llmxray --completion bash|zsh; completions/).
 * The command table itself is lx_cli_commands (cli/main.c).
 *
 * Ownership: the tables are static; operands point into argv.
 */
#ifndef LX_CLI_OPTS_H
#define LX_CLI_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* What an option's value (or a command's operand) completes to. */
typedef enum lx_cli_complete {
    LX_COMPLETE_NONE,     /* free text or a number */
    LX_COMPLETE_FILE,     /* a path */
    LX_COMPLETE_MODEL,    /* a catalogue name or a path */
    LX_COMPLETE_DIAGRAM,  /* a diagram format name (llmxray_format_*) */
    LX_COMPLETE_COMPARE,  /* a format name that can draw a comparison */
    LX_COMPLETE_THEME,    /* light | dark */
    LX_COMPLETE_COMMAND   /* a command name */
} lx_cli_complete;

/* Parses value into the option's field (the command's context + group offset + the
 * option's field offset); returns 0, or 2 after printing a usage error that names cmd.
 * value is NULL for a flag. */
typedef int (*lx_cli_setter)(void *field, const char *cmd, const char *value);

typedef struct lx_cli_opt {
    const char *name;          /* "--theme" */
    const char *alias;         /* "-t", NULL none */
    const char *value;         /* value name ("FILE"), NULL for a flag */
    const char *help;          /* one line, for --help, the man page and zsh */
    lx_cli_complete complete;
    lx_cli_setter set;
    size_t field;              /* offsetof the field in the group's struct */
} lx_cli_opt;

/* Options that write into the command's context at byte offset `offset` (so one group,
 * e.g. the inference options, serves two commands). */
typedef struct lx_cli_group {
    const lx_cli_opt *opts;
    size_t n;
    size_t offset;
} lx_cli_group;

#define LX_CLI_MAX_GROUPS 3

typedef struct lx_cli_cmd {
    const char *name;          /* "draw" */
    const char *operands;      /* synopsis of the operands: "MODEL", "[COMMAND]", "" */
    const char *summary;       /* one line */
    const char *description;   /* paragraphs separated by blank lines */
    int min_operands, max_operands;
    lx_cli_complete operand;   /* what the operands complete to */
    unsigned formats;          /* LLMXRAY_FOR_* whose formats help lists, 0 none */
    lx_cli_group groups[LX_CLI_MAX_GROUPS];
    int (*run)(int argc, char **argv);
} lx_cli_cmd;

/* The commands, in the order help lists them (cli/main.c). */
extern const lx_cli_cmd *const lx_cli_commands[];
extern const size_t lx_cli_n_commands;
const lx_cli_cmd *lx_cli_find(const char *name);
/* The command whose name name looks like a typo of, else NULL. */
const lx_cli_cmd *lx_cli_suggest(const char *name);

enum { LX_CLI_HELP_SHOWN = -1 };

/* Parses argv[1..argc) of command c into ctx: options through their setters, operands
 * into operands[] (at most c->max_operands, *n set). Returns 0, 2 after a one-line usage
 * error, or LX_CLI_HELP_SHOWN after printing c's help for -h/--help. */
int lx_cli_parse(const lx_cli_cmd *c, int argc, char **argv, void *ctx, const char **operands, int *n);

/* `llmxray help` (c NULL) and `llmxray help COMMAND` text. */
void lx_cli_help(const lx_cli_cmd *c, lx_buf *out);
/* The man page llmxray(1) in roff. */
void lx_cli_man(lx_buf *out);
/* Completion script for shell "bash" or "zsh"; false when the shell is unknown. */
bool lx_cli_completion(const char *shell, lx_buf *out);

/* Whether command c has an option named name. */
bool lx_cli_has_option(const lx_cli_cmd *c, const char *name);

/* The version line: "llmxray 0.1.0". */
const char *lx_cli_version(void);

#endif
