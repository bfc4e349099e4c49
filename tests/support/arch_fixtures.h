/* tests/support/arch_fixtures — hand-built lx_arch values of well-known models for the
 * layout and render tests, independent of model/arch's builder. Every count is the
 * published one (see arch_fixtures.c for the arithmetic); tests assert the totals.
 *
 * Ownership: each fixture allocates its groups; fx_arch_free releases them.
 */
#ifndef LX_TESTS_ARCH_FIXTURES_H
#define LX_TESTS_ARCH_FIXTURES_H

#include "model/arch.h"

typedef enum fx_model {
    FX_LLAMA31_8B,   /* 8,030,261,248 params, BF16, GQA 32/8, RoPE 500,000 */
    FX_GPT2,         /* 124,439,808 params, F32, learned positions, LayerNorm + biases, tied */
    FX_MIXTRAL,      /* 46,702,792,704 params (12,879,925,248 active), 8 experts top-2 */
    FX_DEEPSEEK_V3,  /* 671,026,419,200 params (37,552,297,472 active), MLA, 3 dense + 58 MoE */
    FX_GEMMA2_9B,    /* 9,241,705,984 params, sandwich norms, alternating sliding window, tied */
    FX_STORIES_Q8,   /* 260,032 params, Q8_0 + F32 norms, tied */
    FX_HOSTILE,      /* Llama 3.1 8B numbers, with a hostile name and family */
    FX_COUNT
} fx_model;

const char *fx_name(fx_model m);   /* short id for file names: "llama31-8b", ... */
void fx_arch(fx_model m, lx_arch *out);
void fx_arch_free(lx_arch *a);

/* The hostile name FX_HOSTILE carries. */
#define FX_HOSTILE_NAME "<script>alert(1)</script> & \x1b[31mred\x1b[0m \xe2\x80\xae" "evil\xe2\x80\xac \"q\" 'a'"

#endif
