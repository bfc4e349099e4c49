/* infer/qdot_neon — the dot products of infer/qdot with NEON integer arithmetic on arm64.
 *
 * Two implementations of the same kernels, differing only in the 16-byte signed dot product
 * they are built on (dot16 below):
 *   "neon"          every arm64 CPU (Advanced SIMD is part of the base architecture):
 *                   vmull_s8 / vmull_high_s8 into 16-bit lanes, then pairwise-added into
 *                   32-bit lanes (vpadalq_s16). A product is at most 128 * 127 = 16256, so
 *                   the 16-bit lanes never overflow.
 *   "neon-dotprod"  CPUs reporting asimddp (getauxval(AT_HWCAP) & HWCAP_ASIMDDP, asked at run
 *                   time): vdotq_s32 adds four 8-bit products into each 32-bit lane. With
 *                   GCC its functions carry target("arch=armv8.2-a+dotprod"), so the file
 *                   builds with the project's ordinary flags; clang 14 declares vdotq_s32 only
 *                   when the whole build targets dotprod (-march=armv8.2-a+dotprod), so a clang
 *                   build without that flag has the plain path only.
 * The cores take the primitive as a function pointer that is a constant at every call, so
 * after inlining it is one instruction sequence, no call (seen in the disassembly).
 * Integer sums as in qdot.h; NEON multiplies signed by signed, so weights are decoded to
 * signed bytes (Q4_0 nibble - 8, Q6_K value - 32, Q4_K nibbles as they are). Blocks are scaled
 * and added in four float lanes; Q4_K's minimum terms are integer sums added as floats. */
#include "infer/qdot.h"

#if defined(__aarch64__) && (defined(__GNUC__) || defined(__clang__))

#include <arm_neon.h>
#include <string.h>
#include <sys/auxv.h>

#ifndef HWCAP_ASIMDDP
#define HWCAP_ASIMDDP (1UL << 20) /* Linux arm64 hwcap bit of the dot-product instructions */
#endif
#if !defined(__clang__) || defined(__ARM_FEATURE_DOTPROD)
#define LX_HAVE_DOTPROD 1
#else
#define LX_HAVE_DOTPROD 0
#endif

#define LX_CORE __attribute__((always_inline)) static inline

static float half_at(const uint8_t *p)
{
    uint16_t h;
    memcpy(&h, p, sizeof h);
    return vgetq_lane_f32(vcvt_f32_f16(vreinterpret_f16_u16(vdup_n_u16(h))), 0);
}

/* acc + the four sums of four adjacent products of a and b. */
typedef int32x4_t (*dot16_fn)(int32x4_t acc, int8x16_t a, int8x16_t b);

static inline int32x4_t dot16_neon(int32x4_t acc, int8x16_t a, int8x16_t b)
{
    acc = vpadalq_s16(acc, vmull_s8(vget_low_s8(a), vget_low_s8(b)));
    return vpadalq_s16(acc, vmull_high_s8(a, b));
}

#if LX_HAVE_DOTPROD
#ifdef __clang__
#define LX_DOTPROD /* the whole file is built for dotprod */
#else
#define LX_DOTPROD __attribute__((target("arch=armv8.2-a+dotprod"))) /* the arch arm_neon.h names */
#endif
LX_DOTPROD static inline int32x4_t dot16_sdot(int32x4_t acc, int8x16_t a, int8x16_t b) { return vdotq_s32(acc, a, b); }
#endif

/* As in qdot_avx2.c, each kind has one core over n activation rows (n = 1 or 4) with the
 * weight blocks decoded once, and every row doing the same operations in the same order, so
 * dot4's results are bit-identical to dot's. */
#define ROW(a, stride, t, type) ((const type *)(const void *)((const uint8_t *)(a) + (size_t)(t) * (stride)))

/* Block b of n rows of 32-blocks against the 32 signed weight values (w0, w1) of scale dw. */
LX_CORE void q8_32_rows(int8x16_t w0, int8x16_t w1, float dw, const void *a, size_t stride, size_t b, int n,
                        float32x4_t *acc, dot16_fn dot)
{
    for (int t = 0; t < n; t++) {
        const lx_q8_32 *y = ROW(a, stride, t, lx_q8_32) + b;
        int32x4_t s = dot(dot(vdupq_n_s32(0), w0, vld1q_s8(y->q)), w1, vld1q_s8(y->q + 16));
        acc[t] = vfmaq_n_f32(acc[t], vcvtq_f32_s32(s), dw * y->d);
    }
}

LX_CORE void q8_0_core(const uint8_t *w, const void *a, size_t stride, size_t nb, int n, float *out, dot16_fn dot)
{
    float32x4_t acc[4] = {vdupq_n_f32(0), vdupq_n_f32(0), vdupq_n_f32(0), vdupq_n_f32(0)};
    for (size_t b = 0; b < nb; b++, w += 34) {
        const int8_t *q = (const int8_t *)(w + 2);
        q8_32_rows(vld1q_s8(q), vld1q_s8(q + 16), half_at(w), a, stride, b, n, acc, dot);
    }
    for (int t = 0; t < n; t++) out[t] = vaddvq_f32(acc[t]);
}

LX_CORE void q4_0_core(const uint8_t *w, const void *a, size_t stride, size_t nb, int n, float *out, dot16_fn dot)
{
    const uint8x16_t low = vdupq_n_u8(15);
    const int8x16_t eight = vdupq_n_s8(8);
    float32x4_t acc[4] = {vdupq_n_f32(0), vdupq_n_f32(0), vdupq_n_f32(0), vdupq_n_f32(0)};
    for (size_t b = 0; b < nb; b++, w += 18) {
        uint8x16_t raw = vld1q_u8(w + 2);
        int8x16_t lo = vsubq_s8(vreinterpretq_s8_u8(vandq_u8(raw, low)), eight);
        int8x16_t hi = vsubq_s8(vreinterpretq_s8_u8(vshrq_n_u8(raw, 4)), eight);
        q8_32_rows(lo, hi, half_at(w), a, stride, b, n, acc, dot);
    }
    for (int t = 0; t < n; t++) out[t] = vaddvq_f32(acc[t]);
}

/* sum_j m_j (bsum_2j + bsum_2j+1) of one activation super-block (|bsum| <= 16 * 127, so the
 * pair sums fit 16 bits). */
static int32_t q4k_min_sum(const int16_t *bsum, const int *m)
{
    int16x8_t pairs = vpaddq_s16(vld1q_s16(bsum), vld1q_s16(bsum + 8));
    int16_t mv[8];
    for (int j = 0; j < 8; j++) mv[j] = (int16_t)m[j];
    int16x8_t ms = vld1q_s16(mv);
    int32x4_t s = vmull_s16(vget_low_s16(pairs), vget_low_s16(ms));
    return vaddvq_s32(vmlal_high_s16(s, pairs, ms));
}

LX_CORE void q4_k_core(const uint8_t *w, const void *a, size_t stride, size_t nb, int n, float *out, dot16_fn dot)
{
    const uint8x16_t low = vdupq_n_u8(15);
    float32x4_t acc[4] = {vdupq_n_f32(0), vdupq_n_f32(0), vdupq_n_f32(0), vdupq_n_f32(0)};
    float mins[4] = {0, 0, 0, 0};
    for (size_t b = 0; b < nb; b++, w += 144) {
        int s[8], m[8];
        lx_qdot_q4k_scales(w + 4, s, m);
        float d = half_at(w), dmin = half_at(w + 2);
        int32x4_t sum[4] = {vdupq_n_s32(0), vdupq_n_s32(0), vdupq_n_s32(0), vdupq_n_s32(0)};
        for (int i = 0; i < 4; i++) {
            uint8x16_t q0 = vld1q_u8(w + 16 + 32 * i), q1 = vld1q_u8(w + 32 + 32 * i);
            int8x16_t lo0 = vreinterpretq_s8_u8(vandq_u8(q0, low)), lo1 = vreinterpretq_s8_u8(vandq_u8(q1, low));
            int8x16_t hi0 = vreinterpretq_s8_u8(vshrq_n_u8(q0, 4)), hi1 = vreinterpretq_s8_u8(vshrq_n_u8(q1, 4));
            for (int t = 0; t < n; t++) {
                const int8_t *qa = (ROW(a, stride, t, lx_q8_256) + b)->q + 64 * i;
                int32x4_t plo = dot(dot(vdupq_n_s32(0), lo0, vld1q_s8(qa)), lo1, vld1q_s8(qa + 16));
                int32x4_t phi = dot(dot(vdupq_n_s32(0), hi0, vld1q_s8(qa + 32)), hi1, vld1q_s8(qa + 48));
                sum[t] = vmlaq_n_s32(vmlaq_n_s32(sum[t], plo, s[2 * i]), phi, s[2 * i + 1]);
            }
        }
        for (int t = 0; t < n; t++) {
            const lx_q8_256 *y = ROW(a, stride, t, lx_q8_256) + b;
            acc[t] = vfmaq_n_f32(acc[t], vcvtq_f32_s32(sum[t]), y->d * d);
            mins[t] += y->d * dmin * (float)q4k_min_sum(y->bsum, m);
        }
    }
    for (int t = 0; t < n; t++) out[t] = vaddvq_f32(acc[t]) - mins[t];
}

/* The 128 values q6 - 32 of one half of a Q6_K super-block, in element order, 16 per vector
 * (v[g] = elements 16g..16g+15, sub-scale g of the half): 32-element run k takes the low
 * nibbles of ql[0..31] (k = 0) or ql[32..63] (k = 1), then their high nibbles (k = 2, 3), and
 * bits 2k, 2k+1 of qh[0..31] as bits 4 and 5. */
static inline void q6_half(const uint8_t *ql, const uint8_t *qh, int8x16_t *v)
{
    const uint8x16_t m4 = vdupq_n_u8(15), m30 = vdupq_n_u8(0x30);
    const int8x16_t m32 = vdupq_n_s8(32);
    for (int c = 0; c < 2; c++) {
        uint8x16_t l0 = vld1q_u8(ql + 16 * c), l1 = vld1q_u8(ql + 32 + 16 * c), h = vld1q_u8(qh + 16 * c);
        uint8x16_t q[4] = {
            vorrq_u8(vandq_u8(l0, m4), vandq_u8(vshlq_n_u8(h, 4), m30)),
            vorrq_u8(vandq_u8(l1, m4), vandq_u8(vshlq_n_u8(h, 2), m30)),
            vorrq_u8(vshrq_n_u8(l0, 4), vandq_u8(h, m30)),
            vorrq_u8(vshrq_n_u8(l1, 4), vandq_u8(vshrq_n_u8(h, 2), m30)),
        };
        for (int k = 0; k < 4; k++) v[2 * k + c] = vsubq_s8(vreinterpretq_s8_u8(q[k]), m32);
    }
}

LX_CORE void q6_k_core(const uint8_t *w, const void *a, size_t stride, size_t nb, int n, float *out, dot16_fn dot)
{
    float32x4_t acc[4] = {vdupq_n_f32(0), vdupq_n_f32(0), vdupq_n_f32(0), vdupq_n_f32(0)};
    for (size_t b = 0; b < nb; b++, w += 210) {
        const int8_t *sc = (const int8_t *)(w + 192);
        int32x4_t sum[4] = {vdupq_n_s32(0), vdupq_n_s32(0), vdupq_n_s32(0), vdupq_n_s32(0)};
        for (int half = 0; half < 2; half++) {
            int8x16_t v[8];
            q6_half(w + 64 * half, w + 128 + 32 * half, v);
            for (int g = 0; g < 8; g++)
                for (int t = 0; t < n; t++) {
                    const int8_t *qa = (ROW(a, stride, t, lx_q8_256) + b)->q + 128 * half + 16 * g;
                    sum[t] = vmlaq_n_s32(sum[t], dot(vdupq_n_s32(0), v[g], vld1q_s8(qa)), sc[8 * half + g]);
                }
        }
        float dw = half_at(w + 208);
        for (int t = 0; t < n; t++) {
            const lx_q8_256 *y = ROW(a, stride, t, lx_q8_256) + b;
            acc[t] = vfmaq_n_f32(acc[t], vcvtq_f32_s32(sum[t]), dw * y->d);
        }
    }
    for (int t = 0; t < n; t++) out[t] = vaddvq_f32(acc[t]);
}

/* dot and dot4 of each kind and flavour from its core. */
#define KIND(name, flavour, attr, dot)                                                                       \
    attr static float dot_##name##_##flavour(const uint8_t *w, const void *a, size_t nb)                     \
    {                                                                                                        \
        float r;                                                                                             \
        name##_core(w, a, 0, nb, 1, &r, dot);                                                                \
        return r;                                                                                            \
    }                                                                                                        \
    attr static void dot4_##name##_##flavour(const uint8_t *w, const void *a, size_t stride, size_t nb,      \
                                             float *out)                                                     \
    {                                                                                                        \
        name##_core(w, a, stride, nb, 4, out, dot);                                                          \
    }
#define FLAVOUR(flavour, label, attr, dot)                                                                   \
    KIND(q8_0, flavour, attr, dot)                                                                           \
    KIND(q4_0, flavour, attr, dot)                                                                           \
    KIND(q4_k, flavour, attr, dot)                                                                           \
    KIND(q6_k, flavour, attr, dot)                                                                           \
    static const lx_qdot_ops OPS_##flavour = {                                                               \
        label,                                                                                               \
        {dot_q8_0_##flavour, dot_q4_0_##flavour, dot_q4_k_##flavour, dot_q6_k_##flavour},                    \
        {dot4_q8_0_##flavour, dot4_q4_0_##flavour, dot4_q4_k_##flavour, dot4_q6_k_##flavour}};

#define LX_PLAIN
FLAVOUR(neon, "neon", LX_PLAIN, dot16_neon)

const lx_qdot_ops *lx_qdot_neon(void) { return &OPS_neon; }

#if LX_HAVE_DOTPROD
FLAVOUR(neon_dotprod, "neon-dotprod", LX_DOTPROD, dot16_sdot)

const lx_qdot_ops *lx_qdot_neon_dot(void)
{
    static int have = -1;
    if (have < 0) have = (getauxval(AT_HWCAP) & HWCAP_ASIMDDP) != 0;
    return have ? &OPS_neon_dotprod : NULL;
}
#else
const lx_qdot_ops *lx_qdot_neon_dot(void) { return NULL; }
#endif

#else

const lx_qdot_ops *lx_qdot_neon(void) { return NULL; }
const lx_qdot_ops *lx_qdot_neon_dot(void) { return NULL; }

#endif
