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

#include <immintrin.h>
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

/* 8 lanes of sums of products of 32 signed bytes w and a. */
LX_AVX2 static __m256i dot_s8(__m256i w, __m256i a)
{
    __m256i p = _mm256_maddubs_epi16(_mm256_sign_epi8(w, w), _mm256_sign_epi8(a, w));
    return _mm256_madd_epi16(p, _mm256_set1_epi16(1));
}

LX_AVX2 static float dot_q8_0(const uint8_t *w, const void *a, size_t nb)
{
    const lx_q8_32 *y = a;
    __m256 acc = _mm256_setzero_ps();
    for (size_t b = 0; b < nb; b++, w += 34) {
        __m256i qw = _mm256_loadu_si256((const __m256i *)(const void *)(w + 2));
        __m256i qa = _mm256_loadu_si256((const __m256i *)(const void *)y[b].q);
        __m256 d = _mm256_set1_ps(half_at(w) * y[b].d);
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(dot_s8(qw, qa)), acc);
    }
    return hsum(acc);
}

LX_AVX2 static float dot_q4_0(const uint8_t *w, const void *a, size_t nb)
{
    const lx_q8_32 *y = a;
    const __m128i low = _mm_set1_epi8(15);
    const __m256i eight = _mm256_set1_epi8(8);
    __m256 acc = _mm256_setzero_ps();
    for (size_t b = 0; b < nb; b++, w += 18) {
        __m128i raw = _mm_loadu_si128((const __m128i *)(const void *)(w + 2));
        __m128i lo = _mm_and_si128(raw, low), hi = _mm_and_si128(_mm_srli_epi16(raw, 4), low);
        __m256i qw = _mm256_sub_epi8(_mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1), eight);
        __m256i qa = _mm256_loadu_si256((const __m256i *)(const void *)y[b].q);
        __m256 d = _mm256_set1_ps(half_at(w) * y[b].d);
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(dot_s8(qw, qa)), acc);
    }
    return hsum(acc);
}

LX_AVX2 static float dot_q4_k(const uint8_t *w, const void *a, size_t nb)
{
    const lx_q8_256 *y = a;
    const __m256i low = _mm256_set1_epi8(15);
    __m256 acc = _mm256_setzero_ps();
    float mins = 0.0f;
    for (size_t b = 0; b < nb; b++, w += 144) {
        int s[8], m[8];
        lx_qdot_q4k_scales(w + 4, s, m);
        int32_t im = 0;
        for (int j = 0; j < 8; j++) im += m[j] * (y[b].bsum[2 * j] + y[b].bsum[2 * j + 1]);
        __m256i sum = _mm256_setzero_si256();
        for (int i = 0; i < 4; i++) {
            __m256i q = _mm256_loadu_si256((const __m256i *)(const void *)(w + 16 + 32 * i));
            __m256i lo = _mm256_and_si256(q, low), hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low);
            __m256i alo = _mm256_loadu_si256((const __m256i *)(const void *)(y[b].q + 64 * i));
            __m256i ahi = _mm256_loadu_si256((const __m256i *)(const void *)(y[b].q + 64 * i + 32));
            __m256i plo = _mm256_madd_epi16(_mm256_maddubs_epi16(lo, alo), _mm256_set1_epi16((short)s[2 * i]));
            __m256i phi = _mm256_madd_epi16(_mm256_maddubs_epi16(hi, ahi), _mm256_set1_epi16((short)s[2 * i + 1]));
            sum = _mm256_add_epi32(sum, _mm256_add_epi32(plo, phi));
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(y[b].d * half_at(w)), _mm256_cvtepi32_ps(sum), acc);
        mins += y[b].d * half_at(w + 2) * (float)im;
    }
    return hsum(acc) - mins;
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

LX_AVX2 static float dot_q6_k(const uint8_t *w, const void *a, size_t nb)
{
    const lx_q8_256 *y = a;
    const __m256i m32 = _mm256_set1_epi8(32);
    __m256 acc = _mm256_setzero_ps();
    for (size_t b = 0; b < nb; b++, w += 210) {
        const int8_t *sc = (const int8_t *)(w + 192);
        __m256i sum = _mm256_setzero_si256();
        for (int half = 0; half < 2; half++) {
            const uint8_t *ql = w + 64 * half, *qh = w + 128 + 32 * half;
            __m256i l0 = _mm256_loadu_si256((const __m256i *)(const void *)ql);
            __m256i l1 = _mm256_loadu_si256((const __m256i *)(const void *)(ql + 32));
            __m256i h = _mm256_loadu_si256((const __m256i *)(const void *)qh);
            for (int k = 0; k < 4; k++) {
                const int8_t *qa = y[b].q + 128 * half + 32 * k;
                __m256i av = _mm256_loadu_si256((const __m256i *)(const void *)qa);
                __m256i p = _mm256_sub_epi16(_mm256_maddubs_epi16(q6_group(l0, l1, h, k), av),
                                             _mm256_maddubs_epi16(m32, av));
                const int8_t *s = sc + 8 * half + 2 * k;
                sum = _mm256_add_epi32(sum, _mm256_madd_epi16(p, pair_scale(s[0], s[1])));
            }
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(half_at(w + 208) * y[b].d), _mm256_cvtepi32_ps(sum), acc);
    }
    return hsum(acc);
}

static const lx_qdot_ops AVX2 = {"avx2", {dot_q8_0, dot_q4_0, dot_q4_k, dot_q6_k}};

const lx_qdot_ops *lx_qdot_avx2(void)
{
    static int have = -1;
    if (have < 0) {
        __builtin_cpu_init();
        have = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
    }
    return have ? &AVX2 : NULL;
}

#else

const lx_qdot_ops *lx_qdot_avx2(void) { return NULL; }

#endif
