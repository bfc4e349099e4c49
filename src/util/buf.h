/* util/buf — a growing byte buffer that output is written into.
 *
 * Owns: its data. Writers append; the caller chooses where the bytes go (file, stdout,
 * a test's string compare). On allocation failure the buffer turns sticky-failed (oom)
 * and further appends do nothing; check lx_buf_ok before using the bytes.
 */
#ifndef LX_UTIL_BUF_H
#define LX_UTIL_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lx_buf {
    char *data; /* always NUL-terminated when len > 0 or after lx_buf_cstr */
    size_t len, cap;
    bool oom;
} lx_buf;

void lx_buf_init(lx_buf *b);
void lx_buf_free(lx_buf *b);
void lx_buf_put(lx_buf *b, const void *p, size_t n);
void lx_buf_puts(lx_buf *b, const char *s);
void lx_buf_putc(lx_buf *b, char c);
void lx_buf_printf(lx_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *lx_buf_cstr(lx_buf *b); /* "" for an empty buffer */
static inline bool lx_buf_ok(const lx_buf *b) { return !b->oom; }

/* Decodes the UTF-8 character at s (at most left bytes; a NUL ends a sequence): its
 * length, or 0 for an invalid, overlong, surrogate or cut sequence. */
size_t lx_utf8_decode(const unsigned char *s, size_t left, uint32_t *cp);

/* Appends n bytes keeping every valid UTF-8 character and writing each other byte (and
 * NUL) as the four characters "\xNN", so the result is valid UTF-8 (model text cut
 * inside a character, lone byte tokens). */
void lx_buf_put_utf8_visible(lx_buf *b, const char *s, size_t n);

/* Escaping for hostile strings (text from model files). */
void lx_buf_put_xml(lx_buf *b, const char *s);  /* XML/HTML text and attribute safe */
void lx_buf_put_term(lx_buf *b, const char *s); /* no control/escape chars reach a terminal */
void lx_buf_put_json(lx_buf *b, const char *s); /* a quoted JSON string */

/* Numbers for people: 8030261248 -> "8,030,261,248"; 8.03e9 -> "8.03 B" / "525.3 M". */
void lx_buf_put_thousands(lx_buf *b, uint64_t v);
/* Coordinates: v rounded to 0.01, no trailing zeros, no "-0" (12.5, 3, -0.25). */
void lx_buf_put_coord(lx_buf *b, double v);
void lx_fmt_thousands(char *out, size_t cap, uint64_t v);
void lx_fmt_short(char *out, size_t cap, uint64_t v);      /* 525.3 M, 8.03 B, 292.8 K */
void lx_fmt_bytes(char *out, size_t cap, uint64_t bytes);  /* 16.06 GB (decimal units), 1.19 MB */

/* Writes the buffer to path atomically: temporary file in the same folder, then rename.
 * "-" means stdout. On failure an existing file is left untouched. */
bool lx_buf_write_file(const lx_buf *b, const char *path, char *errmsg, size_t errcap);

#endif
