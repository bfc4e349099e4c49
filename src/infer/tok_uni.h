/* infer/tok_uni — the few Unicode facts the tokenizers need: UTF-8 decoding that never
 * fails (a stray byte decodes as itself, length 1), general-category classes (letter,
 * number, punctuation, symbol, mark, control) and White_Space from ICU, BERT's Chinese
 * ranges, lower case and the first code point of a character's canonical decomposition.
 *
 * Stage: inference (tokenizers). Input: code points. No state, no allocation.
 */
#ifndef LX_INFER_TOK_UNI_H
#define LX_INFER_TOK_UNI_H

#include <stddef.h>
#include <stdint.h>

enum {
    LX_UNI_WS = 1 << 0,    /* White_Space */
    LX_UNI_L = 1 << 1,     /* \p{L} */
    LX_UNI_N = 1 << 2,     /* \p{N} */
    LX_UNI_P = 1 << 3,     /* \p{P} */
    LX_UNI_S = 1 << 4,     /* \p{S} */
    LX_UNI_M = 1 << 5,     /* \p{M} */
    LX_UNI_C = 1 << 6,     /* \p{Cc} \p{Cf} \p{Co} \p{Cs} */
};

/* Class bits of code point cp. */
unsigned lx_uni_class(uint32_t cp);
/* Decodes the character at s (left >= 1 bytes): *cp and its length; an invalid or cut
 * sequence gives the byte itself (0x80..0xFF as a code point) and length 1. */
size_t lx_uni_decode(const unsigned char *s, size_t left, uint32_t *cp);
/* Encodes cp as UTF-8 into out (4 bytes); returns the length. */
size_t lx_uni_encode(uint32_t cp, char *out);
uint32_t lx_uni_lower(uint32_t cp);
/* First code point of cp's canonical decomposition (cp when it has none): "é" -> "e". */
uint32_t lx_uni_nfd_first(uint32_t cp);
/* BERT's CJK ideograph blocks. */
int lx_uni_is_cjk(uint32_t cp);

#endif
