/* infer/tok_uni — see tok_uni.h. Categories, case and decompositions come from ICU. */
#include "infer/tok_uni.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include "util/buf.h"

unsigned lx_uni_class(uint32_t cp)
{
    if (cp > 0x10FFFF) return 0;
    UChar32 c = (UChar32)cp;
    uint32_t gc = U_GET_GC_MASK(c);
    unsigned f = u_isUWhiteSpace(c) ? LX_UNI_WS : 0;
    if (gc & U_GC_L_MASK) f |= LX_UNI_L;
    if (gc & U_GC_N_MASK) f |= LX_UNI_N;
    if (gc & U_GC_P_MASK) f |= LX_UNI_P;
    if (gc & U_GC_S_MASK) f |= LX_UNI_S;
    if (gc & U_GC_M_MASK) f |= LX_UNI_M;
    if (gc & (U_GC_CC_MASK | U_GC_CF_MASK | U_GC_CO_MASK | U_GC_CS_MASK)) f |= LX_UNI_C;
    return f;
}

size_t lx_uni_decode(const unsigned char *s, size_t left, uint32_t *cp)
{
    size_t n = lx_utf8_decode(s, left, cp);
    if (n) return n;
    *cp = s[0];
    return 1;
}

size_t lx_uni_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | cp >> 6); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12), o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18), o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)), o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

uint32_t lx_uni_lower(uint32_t cp) { return cp > 0x10FFFF ? cp : (uint32_t)u_tolower((UChar32)cp); }

uint32_t lx_uni_nfd_first(uint32_t cp)
{
    if (cp < 0xC0 || cp > 0x10FFFF) return cp;
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    if (U_FAILURE(e)) return cp;
    UChar src[2], dst[32];
    int32_t n = 0, m;
    U16_APPEND_UNSAFE(src, n, (UChar32)cp);
    m = unorm2_normalize(nfd, src, n, dst, 32, &e);
    if (U_FAILURE(e) || m <= 0) return cp;
    UChar32 first;
    int32_t i = 0;
    U16_NEXT(dst, i, m, first);
    return (uint32_t)first;
}

int lx_uni_is_cjk(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}
