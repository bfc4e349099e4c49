/* util/err — errors as values.
 *
 * Owns: the lx_err record every stage fills on failure. The first error is sticky: later
 * lx_err_set calls on an already-failed record do nothing, so a caller checks once.
 * Codes double as the CLI's exit codes (documented in README.md).
 * Message convention (no "llmxray: " prefix, the CLI adds it):
 *   "PATH: offset N: what is wrong (expected ...)"   for binary files
 *   "PATH: line L:C: what is wrong (expected ...)"   for JSON
 */
#ifndef LX_UTIL_ERR_H
#define LX_UTIL_ERR_H

#include <stdbool.h>

typedef enum lx_status {
    LX_OK = 0,
    LX_ERR_MODEL = 1, /* malformed or unsupported model */
    LX_ERR_USAGE = 2, /* bad command line */
    LX_ERR_IO = 3     /* cannot open, read or write */
} lx_status;

typedef struct lx_err {
    lx_status code;
    char msg[768];
} lx_err;

/* Sets the error if none is set yet; returns the (possibly earlier) code. printf-style. */
lx_status lx_err_set(lx_err *e, lx_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline bool lx_err_failed(const lx_err *e) { return e && e->code != LX_OK; }
static inline void lx_err_clear(lx_err *e) { e->code = LX_OK; e->msg[0] = '\0'; }

#endif
