/* infer/qdot_avx2 — the dot products of infer/qdot with AVX2 integer arithmetic on x86-64.
 *
 * Each function carries target("avx2,fma,f16c"), so this file builds with the project's
 * ordinary flags and runs only after lx_qdot_avx2 has asked the CPU (__builtin_cpu_supports).
 * Integer sums as in qdot.h, 32 bytes at a time: a signed 8-bit product needs one unsigned
 * operand (_mm256_maddubs_epi16), so Q8_0 and Q4_0 move the weight's sign onto the
 * activation (|w| * sign(a, w)); nibbles and 6-bit values are unsigned already (Q6_K
 * subtracts 32 * a afterwards). No pair of 8-bit products exceeds 2 * 128 * 127, so the
 * 16-bit sums never saturate. Blocks are scaled and added in eight float lanes. */
#include "infer/qdot.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <cpuid.h>
#include <immintrin.h>
#include <stdbool.h>
#include <string.h>

#define LX_AVX2 __attribute__((target("avx2,fma,f16c")))

LX_AVX2 static float half_at(const uint8_t *p)
{
    uint16_t h;
    memcpy(&h, p, sizeof h);
    return _cvtsh_ss(h);
}

LX_AVX2 static float hsum(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

/* Each kind has one core over n activation rows (n = 1 or 4, a constant after inlining):
 * the weight blocks are loaded and decoded once, then every row does the same operations in
 * the same order, so dot4's results are bit-identical to dot's. */
#define ROW(a, stride, t, type) ((const type *)(const void *)((const uint8_t *)(a) + (size_t)(t) * (stride)))

/* Block b of n rows of 32-blocks against the signed weight bytes qw of scale dw, into acc[n]. */
LX_AVX2 __attribute__((always_inline)) static inline void q8_32_rows(__m256i qw, float dw, const void *a,
                                                                     size_t stride, size_t b, int n, __m256 *acc)
{
    __m256i aw = _mm256_sign_epi8(qw, qw);
    for (int t = 0; t < n; t++) {
        const lx_q8_32 *y = ROW(a, stride, t, lx_q8_32) + b;
        __m256i qa = _mm256_loadu_si256((const __m256i *)(const void *)y->q);
        __m256i p = _mm256_madd_epi16(_mm256_maddubs_epi16(aw, _mm256_sign_epi8(qa, qw)), _mm256_set1_epi16(1));
        acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(dw * y->d), _mm256_cvtepi32_ps(p), acc[t]);
    }
}

LX_AVX2 __attribute__((always_inline)) static inline void q8_0_core(const uint8_t *w, const void *a, size_t stride,
                                                                    size_t nb, int n, float *out)
{
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    for (size_t b = 0; b < nb; b++, w += 34) {
        __m256i qw = _mm256_loadu_si256((const __m256i *)(const void *)(w + 2));
        q8_32_rows(qw, half_at(w), a, stride, b, n, acc);
    }
    for (int t = 0; t < n; t++) out[t] = hsum(acc[t]);
}

LX_AVX2 __attribute__((always_inline)) static inline void q4_0_core(const uint8_t *w, const void *a, size_t stride,
                                                                    size_t nb, int n, float *out)
{
    const __m128i low = _mm_set1_epi8(15);
    const __m256i eight = _mm256_set1_epi8(8);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    for (size_t b = 0; b < nb; b++, w += 18) {
        __m128i raw = _mm_loadu_si128((const __m128i *)(const void *)(w + 2));
        __m128i lo = _mm_and_si128(raw, low), hi = _mm_and_si128(_mm_srli_epi16(raw, 4), low);
        __m256i qw = _mm256_sub_epi8(_mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1), eight);
        q8_32_rows(qw, half_at(w), a, stride, b, n, acc);
    }
    for (int t = 0; t < n; t++) out[t] = hsum(acc[t]);
}

/* The 12 packed bytes of Q4_K scales as eight 6-bit scales (byte j of *s) and minimums
 * (byte j of *m), four at a time in 32-bit words (the same values as lx_qdot_q4k_scales). */
LX_AVX2 static inline void q4k_unpack(const uint8_t *sc, uint64_t *s, uint64_t *m)
{
    uint32_t u[3];
    memcpy(u, sc, sizeof u);
    const uint32_t six = 0x3f3f3f3fu, four = 0x0f0f0f0fu, two = 0x03030303u;
    uint32_t s_lo = u[0] & six, m_lo = u[1] & six;
    uint32_t s_hi = (u[2] & four) | ((u[0] >> 6) & two) << 4;
    uint32_t m_hi = ((u[2] >> 4) & four) | ((u[1] >> 6) & two) << 4;
    *s = (uint64_t)s_hi << 32 | s_lo;
    *m = (uint64_t)m_hi << 32 | m_lo;
}

LX_AVX2 __attribute__((always_inline)) static inline void q4_k_core(const uint8_t *w, const void *a, size_t stride,
                                                                    size_t nb, int n, float *out)
{
    const __m256i low = _mm256_set1_epi8(15);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    __m256 mins[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    for (size_t b = 0; b < nb; b++, w += 144) {
        uint64_t s, m;
        q4k_unpack(w + 4, &s, &m);
        float d = half_at(w), dmin = half_at(w + 2);
        /* m_j in 16-bit lanes 2j and 2j+1, against bsum[2j] and bsum[2j+1] */
        __m256i m32 = _mm256_cvtepu8_epi32(_mm_cvtsi64_si128((long long)m));
        __m256i m16 = _mm256_or_si256(m32, _mm256_slli_epi32(m32, 16));
        __m256i sum[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
        for (int i = 0; i < 4; i++) {
            __m256i q = _mm256_loadu_si256((const __m256i *)(const void *)(w + 16 + 32 * i));
            __m256i lo = _mm256_and_si256(q, low), hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low);
            __m256i slo = _mm256_set1_epi16((short)(s >> 16 * i & 255)), shi = _mm256_set1_epi16((short)(s >> (16 * i + 8) & 255));
            for (int t = 0; t < n; t++) {
                const int8_t *qa = (ROW(a, stride, t, lx_q8_256) + b)->q + 64 * i;
                __m256i alo = _mm256_loadu_si256((const __m256i *)(const void *)qa);
                __m256i ahi = _mm256_loadu_si256((const __m256i *)(const void *)(qa + 32));
                __m256i plo = _mm256_madd_epi16(_mm256_maddubs_epi16(lo, alo), slo);
                __m256i phi = _mm256_madd_epi16(_mm256_maddubs_epi16(hi, ahi), shi);
                sum[t] = _mm256_add_epi32(sum[t], _mm256_add_epi32(plo, phi));
            }
        }
        for (int t = 0; t < n; t++) {
            const lx_q8_256 *y = ROW(a, stride, t, lx_q8_256) + b;
            __m256i bs = _mm256_loadu_si256((const __m256i *)(const void *)y->bsum);
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(y->d * d), _mm256_cvtepi32_ps(sum[t]), acc[t]);
            mins[t] = _mm256_fmadd_ps(_mm256_set1_ps(y->d * dmin), _mm256_cvtepi32_ps(_mm256_madd_epi16(bs, m16)), mins[t]);
        }
    }
    for (int t = 0; t < n; t++) out[t] = hsum(acc[t]) - hsum(mins[t]);
}

/* 16 int16 lanes: the first 8 = s0, the last 8 = s1. */
LX_AVX2 static __m256i pair_scale(int8_t s0, int8_t s1)
{
    return _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_set1_epi16(s0)), _mm_set1_epi16(s1), 1);
}

/* The Q6_K values (0..63) of element group k (0..3, 32 elements each) of one half. */
LX_AVX2 static __m256i q6_group(__m256i l0, __m256i l1, __m256i h, int k)
{
    const __m256i m4 = _mm256_set1_epi8(15);
    switch (k) {
    case 0: return _mm256_or_si256(_mm256_and_si256(l0, m4), _mm256_slli_epi16(_mm256_and_si256(h, _mm256_set1_epi8(3)), 4));
    case 1: return _mm256_or_si256(_mm256_and_si256(l1, m4), _mm256_slli_epi16(_mm256_and_si256(h, _mm256_set1_epi8(12)), 2));
    case 2: return _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), m4), _mm256_and_si256(h, _mm256_set1_epi8(48)));
    default:
        return _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), m4),
                               _mm256_srli_epi16(_mm256_and_si256(h, _mm256_set1_epi8((char)0xC0)), 2));
    }
}

LX_AVX2 __attribute__((always_inline)) static inline void q6_k_core(const uint8_t *w, const void *a, size_t stride,
                                                                    size_t nb, int n, float *out)
{
    const __m256i m32 = _mm256_set1_epi8(32);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    for (size_t b = 0; b < nb; b++, w += 210) {
        const int8_t *sc = (const int8_t *)(w + 192);
        __m256i sum[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
        for (int half = 0; half < 2; half++) {
            const uint8_t *ql = w + 64 * half, *qh = w + 128 + 32 * half;
            __m256i l0 = _mm256_loadu_si256((const __m256i *)(const void *)ql);
            __m256i l1 = _mm256_loadu_si256((const __m256i *)(const void *)(ql + 32));
            __m256i h = _mm256_loadu_si256((const __m256i *)(const void *)qh);
            for (int k = 0; k < 4; k++) {
                __m256i q = q6_group(l0, l1, h, k);
                __m256i scale = pair_scale(sc[8 * half + 2 * k], sc[8 * half + 2 * k + 1]);
                for (int t = 0; t < n; t++) {
                    const int8_t *qa = (ROW(a, stride, t, lx_q8_256) + b)->q + 128 * half + 32 * k;
                    __m256i av = _mm256_loadu_si256((const __m256i *)(const void *)qa);
                    __m256i p = _mm256_sub_epi16(_mm256_maddubs_epi16(q, av), _mm256_maddubs_epi16(m32, av));
                    sum[t] = _mm256_add_epi32(sum[t], _mm256_madd_epi16(p, scale));
                }
            }
        }
        float dw = half_at(w + 208);
        for (int t = 0; t < n; t++) {
            const lx_q8_256 *y = ROW(a, stride, t, lx_q8_256) + b;
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(dw * y->d), _mm256_cvtepi32_ps(sum[t]), acc[t]);
        }
    }
    for (int t = 0; t < n; t++) out[t] = hsum(acc[t]);
}

/* dot and dot4 of each kind from its core. */
#define KIND(name)                                                                                    \
    LX_AVX2 static float dot_##name(const uint8_t *w, const void *a, size_t nb)                      \
    {                                                                                                 \
        float r;                                                                                      \
        name##_core(w, a, 0, nb, 1, &r);                                                              \
        return r;                                                                                     \
    }                                                                                                 \
    LX_AVX2 static void dot4_##name(const uint8_t *w, const void *a, size_t stride, size_t nb, float *out) \
    {                                                                                                 \
        name##_core(w, a, stride, nb, 4, out);                                                        \
    }
KIND(q8_0)
KIND(q4_0)
KIND(q4_k)
KIND(q6_k)

static const lx_qdot_ops AVX2 = {"avx2", {dot_q8_0, dot_q4_0, dot_q4_k, dot_q6_k},
                                  {dot4_q8_0, dot4_q4_0, dot4_q4_k, dot4_q6_k}};

const lx_qdot_ops *lx_qdot_avx2(void)
{
    static int have = -1;
    if (have < 0) {
        __builtin_cpu_init();
        /* F16C from CPUID leaf 1 (ECX bit 29): clang 14 has no "f16c" for __builtin_cpu_supports */
        unsigned a = 0, b = 0, c = 0, d = 0;
        bool f16c = __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 29));
        have = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && f16c;
    }
    return have ? &AVX2 : NULL;
}

#else

const lx_qdot_ops *lx_qdot_avx2(void) { return NULL; }

#endif
