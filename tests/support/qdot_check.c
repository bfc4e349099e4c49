/* tests/support/qdot_check — see qdot_check.h. */
#include "qdot_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "infer/dequant.h"

/* Weight blocks per row and activation rows (dot4's four) of every comparison. */
enum { NB = 4, ROWS = 4 };

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

int lx_qc_range(int lo, int hi) { return lo + (int)(next() % (uint32_t)(hi - lo + 1)); }

static void put_half(uint8_t *p, uint16_t h) { p[0] = (uint8_t)h, p[1] = (uint8_t)(h >> 8); }

/* A positive half between 2^-9 and 2^0 with a random mantissa; 1.0 when unit. */
static uint16_t some_half(bool unit) { return unit ? 0x3C00 : (uint16_t)(lx_qc_range(6, 15) << 10 | lx_qc_range(0, 1023)); }

/* Bytes per weight block and elements per block of each kind. */
static const size_t BYTES[LX_QW_COUNT] = {34, 18, 144, 210}, ELEMS[LX_QW_COUNT] = {32, 32, 256, 256};
static const lx_dtype TYPE[LX_QW_COUNT] = {LX_DT_Q8_0, LX_DT_Q4_0, LX_DT_Q4_K, LX_DT_Q6_K};

size_t lx_qc_block_bytes(lx_qdot_w k) { return BYTES[k]; }

void lx_qc_weight_block(lx_qdot_w k, uint8_t *b, bool unit)
{
    for (size_t i = 0; i < BYTES[k]; i++) b[i] = (uint8_t)next();
    if (k == LX_QW_Q8_0 || k == LX_QW_Q4_0) put_half(b, some_half(unit));
    if (k == LX_QW_Q4_K) put_half(b, some_half(unit)), put_half(b + 2, some_half(unit));
    if (k == LX_QW_Q6_K) {
        put_half(b + 208, some_half(unit));
        for (int g = 0; unit && g < 16; g++) b[192 + g] = (uint8_t)(int8_t)lx_qc_range(-15, 15);
    }
}

/* Unit activation blocks: d = 1 and q in -15..15 (with Q8_K's group sums). */
static void unit_act(lx_qdot_w k, size_t nb, void *act)
{
    for (size_t b = 0; b < nb; b++) {
        int8_t *q = ELEMS[k] == 32 ? ((lx_q8_32 *)act)[b].q : ((lx_q8_256 *)act)[b].q;
        for (size_t i = 0; i < ELEMS[k]; i++) q[i] = (int8_t)lx_qc_range(-15, 15);
        if (ELEMS[k] == 32) {
            ((lx_q8_32 *)act)[b].d = 1.0f;
            continue;
        }
        lx_q8_256 *a = (lx_q8_256 *)act + b;
        a->d = 1.0f;
        for (int g = 0; g < 16; g++) {
            int sum = 0;
            for (int i = 0; i < 16; i++) sum += a->q[16 * g + i];
            a->bsum[g] = (int16_t)sum;
        }
    }
}

/* nb (<= NB) activation blocks for kind k: quantized from random floats, or unit ones. */
static void act_blocks(lx_qdot_w k, size_t nb, void *act, bool unit)
{
    size_t n = nb * ELEMS[k];
    float x[NB * 256];
    for (size_t i = 0; i < n; i++) x[i] = (float)lx_qc_range(-100000, 100000) / 1e5f;
    lx_qdot_quantize(k, x, n, act);
    if (unit) unit_act(k, nb, act);
}

/* Decoded activation values a_i = d q_i. */
static double act_value(lx_qdot_w k, const void *act, size_t i)
{
    if (ELEMS[k] == 32) {
        const lx_q8_32 *b = (const lx_q8_32 *)act + i / 32;
        return (double)b->d * b->q[i % 32];
    }
    const lx_q8_256 *b = (const lx_q8_256 *)act + i / 256;
    return (double)b->d * b->q[i % 256];
}

/* sum w_i a_i and (*mag) sum |w_i a_i| of NB blocks, w decoded by infer/dequant, in double. */
static double float_dot(lx_qdot_w k, const uint8_t *w, const void *act, double *mag)
{
    size_t n = NB * ELEMS[k];
    float wf[NB * 256];
    double s = 0, m = 0;
    if (!lx_dequant_row(TYPE[k], w, wf, n)) return *mag = NAN;
    for (size_t i = 0; i < n; i++) {
        double p = (double)wf[i] * act_value(k, act, i);
        s += p, m += fabs(p);
    }
    *mag = m;
    return s;
}

/* One round's data: NB weight blocks and ROWS activation rows of NB blocks each. */
typedef struct trial {
    uint8_t w[NB * 210];
    lx_q8_256 act[ROWS][NB];
} trial;

static const void *row_at(const trial *r, lx_qdot_w k, int t)
{
    return (const uint8_t *)r->act + (size_t)t * NB * (ELEMS[k] == 32 ? sizeof(lx_q8_32) : sizeof(lx_q8_256));
}

static void fill(trial *r, lx_qdot_w k, int rows, bool unit)
{
    for (size_t b = 0; b < NB; b++) lx_qc_weight_block(k, r->w + b * BYTES[k], unit);
    for (int t = 0; t < rows; t++) act_blocks(k, NB, (void *)row_at(r, k, t), unit);
}

int lx_qc_check_scalar(int rounds, char *msg, size_t cap)
{
    const lx_qdot_ops *ref = lx_qdot_scalar();
    int bad = 0;
    for (int k = 0; k < LX_QW_COUNT; k++)
        for (int i = 0; i < rounds; i++) {
            trial r;
            fill(&r, (lx_qdot_w)k, 1, false);
            double mag, want = float_dot((lx_qdot_w)k, r.w, r.act, &mag);
            double got = ref->dot[k](r.w, r.act, NB);
            if (fabs(got - want) <= 1e-5 * mag + 1e-30) continue;
            if (bad++ == 0)
                snprintf(msg, cap, "kind %d round %d: scalar %.9g, dequantized product %.9g (sum |w a| %.3g)", k, i, got,
                         want, mag);
        }
    return bad;
}

/* Disagreements of impl with the scalar reference on one round (all ROWS rows, and dot4). */
static int check_round(const lx_qdot_ops *impl, lx_qdot_w k, int i, char *msg, size_t cap, int bad)
{
    trial r;
    bool unit = i % 2 == 0;
    fill(&r, k, ROWS, unit);
    const size_t stride = (size_t)((const uint8_t *)row_at(&r, k, 1) - (const uint8_t *)row_at(&r, k, 0));
    float four[ROWS];
    lx_qdot_dot4(impl, k, r.w, r.act, stride, NB, four);
    for (int t = 0; t < ROWS; t++) {
        float a = lx_qdot_scalar()->dot[k](r.w, row_at(&r, k, t), NB), b = impl->dot[k](r.w, row_at(&r, k, t), NB);
        double mag;
        float_dot(k, r.w, row_at(&r, k, t), &mag);
        bool ok = unit ? a == b : fabs((double)a - b) <= 1e-4 * mag + 1e-30;
        if (ok && four[t] == b) continue;
        if (bad++ == 0)
            snprintf(msg, cap, "kind %d round %d row %d (%s): scalar %.9g, %s %.9g, its dot4 %.9g", k, i, t,
                     unit ? "exact" : "random", a, impl->name, b, four[t]);
    }
    return bad;
}

int lx_qc_check_impl(const lx_qdot_ops *impl, int rounds, char *msg, size_t cap)
{
    int bad = 0;
    for (int k = 0; k < LX_QW_COUNT; k++)
        for (int i = 0; i < rounds; i++) bad = check_round(impl, (lx_qdot_w)k, i, msg, cap, bad);
    return bad;
}
