/* cli/cmd — the subcommands. Each takes the arguments after its name (argv[0] is the
 * command name) and returns an exit code: 0 ok, 1 model malformed/unsupported, 2 usage,
 * 3 I/O. Errors go to stderr as one line "llmxray: ...". */
#ifndef LX_CLI_CMD_H
#define LX_CLI_CMD_H

int lx_cmd_info(int argc, char **argv);   /* cli/cmd_info.c */
int lx_cmd_list(int argc, char **argv);   /* cli/cmd_list.c */
int lx_cmd_draw(int argc, char **argv);   /* cli/cmd_draw.c */
int lx_cmd_run(int argc, char **argv);    /* cli/cmd_run.c */
int lx_cmd_inside(int argc, char **argv); /* cli/cmd_inside.c */
int lx_cmd_compare(int argc, char **argv); /* cli/cmd_compare.c */
int lx_cmd_tokenize(int argc, char **argv); /* cli/cmd_tokenize.c */

/* Options for remote models (read/remote) that info and draw take: --max-header BYTES (K, M,
 * G suffixes: KiB, MiB, GiB), --timeout SECONDS, --connections N, --offline, --insecure. Returns 1 when
 * argv[*i] is one (its value consumed, *i moved past it), 0 when not, 2 after a usage error. */
struct lx_remote_opts;
int lx_cli_remote_opt(const char *cmd, int argc, char **argv, int *i, struct lx_remote_opts *o);

/* run and inside compute with tensor data, which a remote name does not give: 2 after a usage
 * error naming cmd when model is hf:... or a URL, else 0. */
int lx_cli_local_only(const char *cmd, const char *model);

/* Prints "llmxray: MSG" on stderr with control characters made visible. */
void lx_cli_error(const char *msg);
int lx_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* returns 2 */

#endif
