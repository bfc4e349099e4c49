/* cli/cmd — the subcommands. Each cmd_*.c defines its lx_cli_cmd (cli/opts: operands,
 * options, help) whose run function takes the arguments after the command's name (argv[0]
 * is the name) and returns an exit code: 0 ok, 1 model malformed/unsupported, 2 usage,
 * 3 I/O. Errors go to stderr as exactly one line "llmxray: ...". */
#ifndef LX_CLI_CMD_H
#define LX_CLI_CMD_H

#include "cli/opts.h"
#include "util/buf.h"

extern const lx_cli_cmd lx_cmd_info_def;   /* cli/cmd_info.c */
extern const lx_cli_cmd lx_cmd_list_def;   /* cli/cmd_list.c */
extern const lx_cli_cmd lx_cmd_draw_def;   /* cli/cmd_draw.c */
extern const lx_cli_cmd lx_cmd_run_def;    /* cli/cmd_run.c */
extern const lx_cli_cmd lx_cmd_inside_def; /* cli/cmd_inside.c */
extern const lx_cli_cmd lx_cmd_compare_def; /* cli/cmd_compare.c */
extern const lx_cli_cmd lx_cmd_tokenize_def; /* cli/cmd_tokenize.c */
extern const lx_cli_cmd lx_cmd_gallery_def; /* cli/cmd_gallery.c */

/* Options for remote models that info and draw take, as an option group over an
 * llmxray_open_opts (include/llmxray.h; its size set by the command): --max-header BYTES (K, M, G suffixes: KiB, MiB, GiB), --timeout SECONDS,
 * --connections N, --offline, --insecure. */
#define LX_CLI_N_REMOTE_OPTS 5
extern const lx_cli_opt lx_cli_remote_opts[LX_CLI_N_REMOTE_OPTS];

/* run and inside compute with tensor data, which a remote name does not give: 2 after a usage
 * error naming cmd when model is hf:... or a URL, else 0. */
int lx_cli_local_only(const char *cmd, const char *model);

/* Prints "llmxray: MSG" on stderr with control characters made visible. */
void lx_cli_error(const char *msg);
int lx_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* returns 2 */
/* Writes b to stdout and frees it; 0, or 3 after an error line. */
int lx_cli_write_stdout(lx_buf *b);
/* Writes the len bytes at data (from the API) to path ("-" stdout; a file atomically) and
 * frees them with llmxray_free; 0, or 3 after an error line. */
int lx_cli_write_bytes(const char *path, char *data, size_t len);

/* Shared setters (cli/cmd_common.c): a string (const char *), a flag (bool), --theme (into an
 * int such as llmxray_render_opts.dark: 1 for the theme llmxray_theme_name(1), "dark") and
 * --scale (a double). */
int lx_cli_set_string(void *field, const char *cmd, const char *v);
int lx_cli_set_flag(void *field, const char *cmd, const char *v);
int lx_cli_set_on(void *field, const char *cmd, const char *v);   /* a flag into an int: 1 */
int lx_cli_set_dark(void *dark, const char *cmd, const char *v); /* --theme into an int: 1 when dark */
int lx_cli_set_scale(void *scale, const char *cmd, const char *v);
/* A number from lo to hi for option opt, or a usage error (2). */
int lx_cli_number(const char *cmd, const char *opt, const char *v, double lo, double hi, double *out);

#endif
