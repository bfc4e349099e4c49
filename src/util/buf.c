/* util/buf — see buf.h. Escaping decodes UTF-8 itself so that invalid bytes, control
 * characters and bidirectional controls are shown visibly instead of passed through. */
#include "util/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void lx_buf_init(lx_buf *b) { memset(b, 0, sizeof *b); }

void lx_buf_free(lx_buf *b)
{
    free(b->data);
    lx_buf_init(b);
}

static bool buf_reserve(lx_buf *b, size_t extra)
{
    if (b->oom) return false;
    if (extra > SIZE_MAX - b->len - 1) { b->oom = true; return false; }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) { b->oom = true; return false; }
    b->data = p;
    b->cap = cap;
    return true;
}

void lx_buf_put(lx_buf *b, const void *p, size_t n)
{
    if (!buf_reserve(b, n)) return;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void lx_buf_puts(lx_buf *b, const char *s) { lx_buf_put(b, s, strlen(s)); }
void lx_buf_putc(lx_buf *b, char c) { lx_buf_put(b, &c, 1); }

void lx_buf_printf(lx_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !buf_reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *lx_buf_cstr(lx_buf *b) { return b->data ? b->data : ""; }

size_t lx_utf8_decode(const unsigned char *s, size_t left, uint32_t *cp)
{
    if (s[0] < 0x80) { *cp = s[0]; return 1; }
    int n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (!n || (size_t)n > left) return 0;
    uint32_t c = s[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return (size_t)n;
}

static bool is_bidi_control(uint32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
           c == 0x200F || c == 0x061C;
}

static bool is_control(uint32_t c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xFFFE || c == 0xFFFF;
}

void lx_buf_put_utf8_visible(lx_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = p[i] ? lx_utf8_decode(p + i, n - i, &cp) : 0;
        if (k == 0) lx_buf_printf(b, "\\x%02X", p[i++]);
        else lx_buf_put(b, p + i, k), i += k;
    }
}

/* Walks s, calling emit for safe code points and writing visible escapes otherwise:
 * "\xNN" for invalid bytes and controls, "[U+XXXX]" for bidirectional controls. */
static void put_sanitized(lx_buf *b, const char *s, void (*emit)(lx_buf *, const char *, size_t, uint32_t))
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp = 0;
        size_t n = lx_utf8_decode(p, SIZE_MAX, &cp);
        if (n == 0) { lx_buf_printf(b, "\\x%02X", *p); p++; continue; }
        if (is_bidi_control(cp)) lx_buf_printf(b, "[U+%04X]", (unsigned)cp);
        else if (is_control(cp)) lx_buf_printf(b, "\\x%02X", (unsigned)cp);
        else emit(b, (const char *)p, n, cp);
        p += n;
    }
}

static void emit_xml(lx_buf *b, const char *p, size_t n, uint32_t cp)
{
    switch (cp) {
    case '<': lx_buf_puts(b, "&lt;"); break;
    case '>': lx_buf_puts(b, "&gt;"); break;
    case '&': lx_buf_puts(b, "&amp;"); break;
    case '"': lx_buf_puts(b, "&quot;"); break;
    case '\'': lx_buf_puts(b, "&#39;"); break;
    default: lx_buf_put(b, p, n);
    }
}

static void emit_raw(lx_buf *b, const char *p, size_t n, uint32_t cp)
{
    (void)cp;
    lx_buf_put(b, p, n);
}

void lx_buf_put_xml(lx_buf *b, const char *s) { put_sanitized(b, s, emit_xml); }
void lx_buf_put_term(lx_buf *b, const char *s) { put_sanitized(b, s, emit_raw); }

void lx_buf_put_json(lx_buf *b, const char *s)
{
    lx_buf_putc(b, '"');
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp = 0;
        size_t n = lx_utf8_decode(p, SIZE_MAX, &cp);
        if (n == 0) { lx_buf_puts(b, "\\ufffd"); p++; continue; }
        if (cp == '"' || cp == '\\') lx_buf_printf(b, "\\%c", (char)cp);
        else if (cp < 0x20 || cp == 0x7F || is_bidi_control(cp)) lx_buf_printf(b, "\\u%04x", (unsigned)cp);
        else lx_buf_put(b, p, n);
        p += n;
    }
    lx_buf_putc(b, '"');
}

void lx_buf_put_coord(lx_buf *b, double v)
{
    double r = round(v * 100.0) / 100.0;
    if (r == 0) r = 0;
    char s[48];
    snprintf(s, sizeof s, "%.2f", r);
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '0') s[--n] = '\0';
    if (n > 0 && s[n - 1] == '.') s[--n] = '\0';
    lx_buf_puts(b, s);
}

void lx_fmt_thousands(char *out, size_t cap, uint64_t v)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    char tmp[48];
    size_t j = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) tmp[j++] = ',';
        tmp[j++] = digits[i];
    }
    tmp[j] = '\0';
    snprintf(out, cap, "%s", tmp);
}

void lx_buf_put_thousands(lx_buf *b, uint64_t v)
{
    char s[48];
    lx_fmt_thousands(s, sizeof s, v);
    lx_buf_puts(b, s);
}

void lx_fmt_short(char *out, size_t cap, uint64_t v)
{
    double d = (double)v;
    if (v >= 1000000000ULL) snprintf(out, cap, "%.2f B", d / 1e9);
    else if (v >= 1000000ULL) snprintf(out, cap, "%.1f M", d / 1e6);
    else if (v >= 10000ULL) snprintf(out, cap, "%.1f K", d / 1e3);
    else snprintf(out, cap, "%llu", (unsigned long long)v);
}

void lx_fmt_bytes(char *out, size_t cap, uint64_t bytes)
{
    double d = (double)bytes;
    if (bytes >= 1000000000000ULL) snprintf(out, cap, "%.2f TB", d / 1e12);
    else if (bytes >= 1000000000ULL) snprintf(out, cap, "%.2f GB", d / 1e9);
    else if (bytes >= 1000000ULL) snprintf(out, cap, "%.2f MB", d / 1e6);
    else if (bytes >= 1000ULL) snprintf(out, cap, "%.1f kB", d / 1e3);
    else snprintf(out, cap, "%llu B", (unsigned long long)bytes);
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) { if (errno == EINTR) continue; return false; }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

bool lx_buf_write_file(const lx_buf *b, const char *path, char *errmsg, size_t errcap)
{
    const char *data = b->data ? b->data : "";
    if (strcmp(path, "-") == 0) {
        bool ok = write_all(STDOUT_FILENO, data, b->len);
        if (!ok) snprintf(errmsg, errcap, "-: cannot write to standard output: %s", strerror(errno));
        return ok;
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp) { snprintf(errmsg, errcap, "%s: out of memory", path); return false; }
    snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(errmsg, errcap, "%s: cannot create output file: %s", path, strerror(errno));
        free(tmp);
        return false;
    }
    (void)fchmod(fd, 0644); /* mkstemp makes 0600; outputs are ordinary files */
    bool ok = write_all(fd, data, b->len);
    int saved = errno;
    if (close(fd) != 0 && ok) { ok = false; saved = errno; }
    if (ok && rename(tmp, path) != 0) { ok = false; saved = errno; }
    if (!ok) {
        snprintf(errmsg, errcap, "%s: cannot write output file: %s", path, strerror(saved));
        unlink(tmp);
    }
    free(tmp);
    return ok;
}
