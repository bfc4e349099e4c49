/* cli/cmd_common — error printing, writing what the API returned, the option setters more
 * than one command shares, and the remote-model options (into an llmxray_open_opts). */
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "llmxray.h"
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
    return 2;
}

int lx_cli_number(const char *cmd, const char *opt, const char *v, double lo, double hi, double *out)
{
    char *end = NULL;
    double x = strtod(v, &end);
    if (end == v || *end || !(x >= lo && x <= hi))
        return lx_cli_usage_error("%s: %s needs a number from %g to %g (got '%s')", cmd, opt, lo, hi, v);
    *out = x;
    return 0;
}

int lx_cli_set_string(void *field, const char *cmd, const char *v)
{
    (void)cmd;
    *(const char **)field = v;
    return 0;
}

int lx_cli_set_flag(void *field, const char *cmd, const char *v)
{
    (void)cmd;
    (void)v;
    *(bool *)field = true;
    return 0;
}

int lx_cli_set_on(void *field, const char *cmd, const char *v)
{
    (void)cmd;
    (void)v;
    *(int *)field = 1;
    return 0;
}

int lx_cli_write_bytes(const char *path, char *data, size_t len)
{
    lx_buf b = {.data = data, .len = len, .cap = len + 1};
    char msg[1200];
    bool ok = lx_buf_write_file(&b, path, msg, sizeof msg);
    llmxray_free(data);
    if (!ok) lx_cli_error(msg);
    return ok ? 0 : 3;
}

int lx_cli_set_dark(void *dark, const char *cmd, const char *v)
{
    for (size_t i = 0; i < llmxray_theme_count(); i++)
        if (!strcmp(v, llmxray_theme_name(i))) { *(int *)dark = i == 1; return 0; }
    return lx_cli_usage_error("%s: --theme is light or dark (got '%s')", cmd, v);
}

int lx_cli_set_scale(void *scale, const char *cmd, const char *v)
{
    return lx_cli_number(cmd, "--scale", v, 0.25, 8, scale);
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

static int set_max_header(void *field, const char *cmd, const char *v)
{
    if (parse_size(v, field)) return 0;
    return lx_cli_usage_error("%s: --max-header needs a size such as 256M (1 byte to 16G; got '%s')", cmd, v);
}

/* A whole number from lo to hi into *out; false when v is not one. */
static bool whole(const char *v, long lo, long hi, int *out)
{
    char *end = NULL;
    long t = strtol(v, &end, 10);
    if (end == v || *end || t < lo || t > hi) return false;
    *out = (int)t;
    return true;
}

static int set_timeout(void *field, const char *cmd, const char *v)
{
    if (whole(v, 1, 3600, field)) return 0;
    return lx_cli_usage_error("%s: --timeout needs whole seconds from 1 to 3600 (got '%s')", cmd, v);
}

static int set_connections(void *field, const char *cmd, const char *v)
{
    if (whole(v, 1, 256, field)) return 0;
    return lx_cli_usage_error("%s: --connections needs a whole number from 1 to 256 (got '%s')", cmd, v);
}

#define F(m) offsetof(llmxray_open_opts, m)
const lx_cli_opt lx_cli_remote_opts[LX_CLI_N_REMOTE_OPTS] = {
    {"--max-header", NULL, "BYTES", "largest GGUF header fetched for a remote model (K, M, G; default 256M)",
     LX_COMPLETE_NONE, set_max_header, F(max_header)},
    {"--timeout", NULL, "SECONDS", "for the whole fetch of a remote model, 1 to 3600 (default 30)", LX_COMPLETE_NONE,
     set_timeout, F(timeout_s)},
    {"--connections", NULL, "N", "parallel connections to a remote host, 1 to 256 (default 64)", LX_COMPLETE_NONE,
     set_connections, F(connections)},
    {"--offline", NULL, NULL, "remote models from the cache only", LX_COMPLETE_NONE, lx_cli_set_on, F(offline)},
    {"--insecure", NULL, NULL, "accept any TLS certificate", LX_COMPLETE_NONE, lx_cli_set_on, F(insecure)},
};
#undef F

int lx_cli_local_only(const char *cmd, const char *model)
{
    if (!llmxray_name_is_remote(model)) return 0;
    return lx_cli_usage_error("%s: %s is remote and only its headers are read; %s needs a local .gguf file "
                              "(download it first)", cmd, model, cmd);
}
