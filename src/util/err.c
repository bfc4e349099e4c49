/* util/err — see err.h. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

lx_status lx_err_set(lx_err *e, lx_status code, const char *fmt, ...)
{
    if (!e) return code;
    if (e->code != LX_OK) return e->code;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}
