/* cli/cmd_common — error printing shared by every subcommand. */
#include <stdarg.h>
#include <stdio.h>

#include "cli/cmd.h"
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
