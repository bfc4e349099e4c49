/* infer/tok_uni — see tok_uni.h. Categories, case and decompositions come from ICU.
 *
 * ICU is opened on first use (dlopen of the libicuuc of the headers' version) rather than
 * linked: only tokenizing needs it, and linking it (with the C++ runtime it pulls in) costs
 * every process ~2 ms of loading (bench/configs.sh). Should it not open, classes and case
 * fall back to ASCII and decompositions to none. */
#include "infer/tok_uni.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include "util/buf.h"

#define UNI_STR_(x) #x
#define UNI_STR(x) UNI_STR_(x) /* after expansion: u_tolower -> "u_tolower_72" */

static struct {
    __typeof__(&u_charType) char_type;
    __typeof__(&u_isUWhiteSpace) is_white;
    __typeof__(&u_tolower) lower;
    __typeof__(&unorm2_getNFDInstance) nfd;
    __typeof__(&unorm2_normalize) normalize;
} icu;
static bool icu_ok;
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;

static void icu_open(void)
{
    static const struct { const char *name; size_t off; } F[] = {
        {UNI_STR(u_charType), offsetof(__typeof__(icu), char_type)},
        {UNI_STR(u_isUWhiteSpace), offsetof(__typeof__(icu), is_white)},
        {UNI_STR(u_tolower), offsetof(__typeof__(icu), lower)},
        {UNI_STR(unorm2_getNFDInstance), offsetof(__typeof__(icu), nfd)},
        {UNI_STR(unorm2_normalize), offsetof(__typeof__(icu), normalize)},
    };
    void *lib = dlopen("libicuuc.so." UNI_STR(U_ICU_VERSION_MAJOR_NUM), RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    __typeof__(icu) t;
    for (size_t i = 0; i < sizeof F / sizeof F[0]; i++) {
        void *sym = dlsym(lib, F[i].name);
        if (!sym) {
            dlclose(lib);
            return;
        }
        *(void **)((char *)&t + F[i].off) = sym; /* as POSIX dlsym requires */
    }
    icu = t;
    icu_ok = true;
}

static bool icu_ready(void)
{
    pthread_once(&icu_once, icu_open);
    return icu_ok;
}

/* Without ICU: ASCII only. */
static unsigned ascii_class(uint32_t c)
{
    if (c == ' ' || (c >= 9 && c <= 13)) return LX_UNI_WS;
    if ((c | 32) >= 'a' && (c | 32) <= 'z') return LX_UNI_L;
    if (c >= '0' && c <= '9') return LX_UNI_N;
    if (c < 32 || c == 127) return LX_UNI_C;
    return c < 128 ? LX_UNI_P : 0;
}

unsigned lx_uni_class(uint32_t cp)
{
    if (cp > 0x10FFFF) return 0;
    if (!icu_ready()) return ascii_class(cp);
    UChar32 c = (UChar32)cp;
    uint32_t gc = U_MASK(icu.char_type(c));
    unsigned f = icu.is_white(c) ? LX_UNI_WS : 0;
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

uint32_t lx_uni_lower(uint32_t cp)
{
    if (cp > 0x10FFFF) return cp;
    if (!icu_ready()) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    return (uint32_t)icu.lower((UChar32)cp);
}

uint32_t lx_uni_nfd_first(uint32_t cp)
{
    if (cp < 0xC0 || cp > 0x10FFFF || !icu_ready()) return cp;
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = icu.nfd(&e);
    if (U_FAILURE(e)) return cp;
    UChar src[2], dst[32];
    int32_t n = 0, m;
    U16_APPEND_UNSAFE(src, n, (UChar32)cp);
    m = icu.normalize(nfd, src, n, dst, 32, &e);
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
