/* util/text — small string helpers shared by stages: edit distance for "did you mean";
 * bounded copies of text from files that never cut a UTF-8 character. */
#ifndef LX_UTIL_TEXT_H
#define LX_UTIL_TEXT_H

#include <stddef.h>

/* Edit distance (insertions, deletions, substitutions and transpositions of neighbours,
 * each 1), case-insensitive, of strings of at most 63 bytes (SIZE_MAX for longer ones). */
size_t lx_text_distance(const char *a, const char *b);

/* Whether a distance d is small enough to call `typed` a typo of its nearest candidate:
 * at most 3, and less than half the typed length. */
static inline int lx_text_is_typo(size_t d, size_t typed_len) { return d <= 3 && d * 2 < typed_len; }

/* Copies at most n bytes of src (fewer at a NUL) into dst of cap bytes (cap > 0), always
 * NUL-terminated; when they do not fit, the cut goes back to the start of the character it
 * would split, so a name cut short is still valid UTF-8 where src was. src NULL: "". */
void lx_text_copy(char *dst, size_t cap, const char *src, size_t n);

#endif
