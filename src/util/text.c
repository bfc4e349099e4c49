/* util/text — see text.h. */
#include "util/text.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

static size_t min2(size_t a, size_t b) { return a < b ? a : b; }

static int same(char a, char b) { return tolower((unsigned char)a) == tolower((unsigned char)b); }

size_t lx_text_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return SIZE_MAX;
    size_t rows[3][64], *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t d = min2(min2(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + !same(a[i - 1], b[j - 1]));
            if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) d = min2(d, prev2[j - 2] + 1);
            cur[j] = d;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

void lx_text_copy(char *dst, size_t cap, const char *src, size_t n)
{
    size_t k = 0;
    while (src && k < n && src[k]) k++;
    if (k >= cap) {
        k = cap - 1;
        while (k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80) k--; /* src[k] continues a character */
    }
    if (k) memcpy(dst, src, k);
    dst[k] = '\0';
}
