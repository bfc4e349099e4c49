/* cli/cmd_common — error printing and the remote-model options shared by subcommands. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "read/remote.h"
#include "util/buf.h"

void lx_cli_error(const char *msg)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_puts(&b, "llmxray: ");
    lx_buf_put_term(&b, msg);
    lx_buf_putc(&b, '\n');
    fputs(lx_buf_cstr(&b), stderr);
    lx_buf_free(&b);
}

int lx_cli_usage_error(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lx_cli_error(msg);
    fputs("Try 'llmxray help' for usage.\n", stderr);
    return 2;
}

/* ------------------------------------------------------------------ remote options */

/* "64", "512K", "256M", "1G" -> bytes; false unless a whole number from 1 byte to 16 GiB. */
static bool parse_size(const char *v, uint64_t *out)
{
    char *end = NULL;
    unsigned long long x = strtoull(v, &end, 10);
    if (end == v || v[0] == '-') return false;
    int shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10, end++;
    else if (*end == 'M' || *end == 'm') shift = 20, end++;
    else if (*end == 'G' || *end == 'g') shift = 30, end++;
    if (*end || x == 0 || x > (16ull << 30) >> shift) return false;
    *out = (uint64_t)x << shift;
    return true;
}

int lx_cli_remote_opt(const char *cmd, int argc, char **argv, int *i, lx_remote_opts *o)
{
    const char *a = argv[*i];
    if (!strcmp(a, "--offline")) return o->offline = true, 1;
    if (!strcmp(a, "--insecure")) return o->insecure = true, 1;
    bool size = !strcmp(a, "--max-header"), time = !strcmp(a, "--timeout"), conns = !strcmp(a, "--connections");
    if (!size && !time && !conns) return 0;
    if (*i + 1 >= argc) return lx_cli_usage_error("%s: %s needs a value", cmd, a);
    const char *v = argv[++*i];
    char *end = NULL;
    long t = time || conns ? strtol(v, &end, 10) : 0;
    if (conns && (end == v || *end || t < 1 || t > 256))
        return lx_cli_usage_error("%s: --connections needs a whole number from 1 to 256 (got '%s')", cmd, v);
    if (conns) o->max_conns = (int)t;
    if (size && !parse_size(v, &o->max_header))
        return lx_cli_usage_error("%s: --max-header needs a size such as 256M (1 byte to 16G; got '%s')", cmd, v);
    if (time && (end == v || *end || t < 1 || t > 3600))
        return lx_cli_usage_error("%s: --timeout needs whole seconds from 1 to 3600 (got '%s')", cmd, v);
    if (time) o->timeout_s = t;
    return 1;
}

int lx_cli_local_only(const char *cmd, const char *model)
{
    if (!lx_remote_name(model)) return 0;
    return lx_cli_usage_error("%s: %s is remote and only its headers are read; %s needs a local .gguf file "
                              "(download it first)", cmd, model, cmd);
}
