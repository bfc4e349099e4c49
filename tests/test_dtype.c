/* Tests read/dtype: every storage type's ggml id, block size and block bytes (ggml's block
 * layouts), byte totals on a realistic 4096 x 4096 matrix, and overflow / block rejection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "read/dtype.h"

typedef struct want {
    lx_dtype t;
    const char *name;
    int id;
    uint32_t block, block_bytes;
    uint64_t bytes_4096x4096;
} want;

/* Block bytes from ggml-common.h's block structs (e.g. block_q4_K = 2 halves + 12 scale bytes
 * + 128 quant bytes = 144); totals = 16,777,216 / block * block bytes. */
static const want GGML[] = {
    { LX_DT_F32, "F32", 0, 1, 4, 67108864ULL },
    { LX_DT_F16, "F16", 1, 1, 2, 33554432ULL },
    { LX_DT_Q4_0, "Q4_0", 2, 32, 18, 9437184ULL },
    { LX_DT_Q4_1, "Q4_1", 3, 32, 20, 10485760ULL },
    { LX_DT_Q5_0, "Q5_0", 6, 32, 22, 11534336ULL },
    { LX_DT_Q5_1, "Q5_1", 7, 32, 24, 12582912ULL },
    { LX_DT_Q8_0, "Q8_0", 8, 32, 34, 17825792ULL },
    { LX_DT_Q8_1, "Q8_1", 9, 32, 36, 18874368ULL },
    { LX_DT_Q2_K, "Q2_K", 10, 256, 84, 5505024ULL },
    { LX_DT_Q3_K, "Q3_K", 11, 256, 110, 7208960ULL },
    { LX_DT_Q4_K, "Q4_K", 12, 256, 144, 9437184ULL },
    { LX_DT_Q5_K, "Q5_K", 13, 256, 176, 11534336ULL },
    { LX_DT_Q6_K, "Q6_K", 14, 256, 210, 13762560ULL },
    { LX_DT_Q8_K, "Q8_K", 15, 256, 292, 19136512ULL },
    { LX_DT_IQ2_XXS, "IQ2_XXS", 16, 256, 66, 4325376ULL },
    { LX_DT_IQ2_XS, "IQ2_XS", 17, 256, 74, 4849664ULL },
    { LX_DT_IQ3_XXS, "IQ3_XXS", 18, 256, 98, 6422528ULL },
    { LX_DT_IQ1_S, "IQ1_S", 19, 256, 50, 3276800ULL },
    { LX_DT_IQ4_NL, "IQ4_NL", 20, 32, 18, 9437184ULL },
    { LX_DT_IQ3_S, "IQ3_S", 21, 256, 110, 7208960ULL },
    { LX_DT_IQ2_S, "IQ2_S", 22, 256, 82, 5373952ULL },
    { LX_DT_IQ4_XS, "IQ4_XS", 23, 256, 136, 8912896ULL },
    { LX_DT_I8, "I8", 24, 1, 1, 16777216ULL },
    { LX_DT_I16, "I16", 25, 1, 2, 33554432ULL },
    { LX_DT_I32, "I32", 26, 1, 4, 67108864ULL },
    { LX_DT_I64, "I64", 27, 1, 8, 134217728ULL },
    { LX_DT_F64, "F64", 28, 1, 8, 134217728ULL },
    { LX_DT_IQ1_M, "IQ1_M", 29, 256, 56, 3670016ULL },
    { LX_DT_BF16, "BF16", 30, 1, 2, 33554432ULL },
    { LX_DT_TQ1_0, "TQ1_0", 34, 256, 54, 3538944ULL },
    { LX_DT_TQ2_0, "TQ2_0", 35, 256, 66, 4325376ULL },
    { LX_DT_MXFP4, "MXFP4", 39, 32, 17, 8912896ULL },
};

static void test_ggml_types_exact(void **state)
{
    (void)state;
    assert_int_equal(sizeof GGML / sizeof GGML[0], 32);
    for (size_t i = 0; i < sizeof GGML / sizeof GGML[0]; i++) {
        const want *w = &GGML[i];
        const lx_dtype_info *d = lx_dtype_get(w->t);
        assert_non_null(d);
        assert_string_equal(d->name, w->name);
        assert_int_equal(d->ggml_id, w->id);
        assert_int_equal(d->block, w->block);
        assert_int_equal(d->block_bytes, w->block_bytes);
        lx_dtype back;
        assert_true(lx_dtype_from_ggml((uint32_t)w->id, &back));
        assert_int_equal(back, w->t);
        uint64_t bytes = 0;
        assert_true(lx_dtype_bytes(w->t, 4096ULL * 4096ULL, &bytes));
        assert_int_equal(bytes, w->bytes_4096x4096);
    }
}

static void test_removed_ggml_ids_unknown(void **state)
{
    (void)state;
    const uint32_t removed[] = { 4, 5, 31, 32, 33, 36, 37, 38, 40, 1000, UINT32_MAX };
    for (size_t i = 0; i < sizeof removed / sizeof removed[0]; i++) {
        lx_dtype t = LX_DT_COUNT;
        assert_false(lx_dtype_from_ggml(removed[i], &t));
    }
}

static void test_safetensors_names(void **state)
{
    (void)state;
    static const struct { const char *st; lx_dtype t; uint32_t bytes; } ST[] = {
        { "F64", LX_DT_F64, 8 }, { "F32", LX_DT_F32, 4 }, { "F16", LX_DT_F16, 2 },
        { "BF16", LX_DT_BF16, 2 }, { "F8_E4M3", LX_DT_F8_E4M3, 1 },
        { "F8_E5M2", LX_DT_F8_E5M2, 1 }, { "I8", LX_DT_I8, 1 }, { "I16", LX_DT_I16, 2 },
        { "I32", LX_DT_I32, 4 }, { "I64", LX_DT_I64, 8 }, { "U8", LX_DT_U8, 1 },
        { "U16", LX_DT_U16, 2 }, { "U32", LX_DT_U32, 4 }, { "U64", LX_DT_U64, 8 },
        { "BOOL", LX_DT_BOOL, 1 },
    };
    for (size_t i = 0; i < sizeof ST / sizeof ST[0]; i++) {
        lx_dtype t = LX_DT_COUNT;
        assert_true(lx_dtype_from_st(ST[i].st, &t));
        assert_int_equal(t, ST[i].t);
        assert_int_equal(lx_dtype_get(t)->block, 1);
        assert_int_equal(lx_dtype_get(t)->block_bytes, ST[i].bytes);
        assert_string_equal(lx_dtype_get(t)->st_name, ST[i].st);
    }
    lx_dtype t;
    assert_false(lx_dtype_from_st("Q4_K", &t)); /* quantized types have no safetensors name */
    assert_false(lx_dtype_from_st("f32", &t));  /* names are case-sensitive */
    assert_false(lx_dtype_from_st(NULL, &t));
    assert_int_equal(lx_dtype_get(LX_DT_F8_E4M3)->ggml_id, -1);
    assert_null(lx_dtype_get(LX_DT_COUNT));
}

static void test_published_total(void **state)
{
    (void)state;
    /* Meta-Llama-3-8B: 8,030,261,248 BF16 parameters, index total_size 16,060,522,496. */
    uint64_t bytes = 0;
    assert_true(lx_dtype_bytes(LX_DT_BF16, 8030261248ULL, &bytes));
    assert_int_equal(bytes, 16060522496ULL);
    /* Llama 3 FFN 14336 x 4096 in Q6_K: 58,720,256 / 256 * 210. */
    assert_true(lx_dtype_bytes(LX_DT_Q6_K, 14336ULL * 4096ULL, &bytes));
    assert_int_equal(bytes, 48168960ULL);
}

static void test_rejects_overflow_and_partial_blocks(void **state)
{
    (void)state;
    uint64_t bytes = 12345;
    assert_false(lx_dtype_bytes(LX_DT_Q4_K, 4096 + 1, &bytes)); /* not a multiple of 256 */
    assert_false(lx_dtype_bytes(LX_DT_Q8_0, 48, &bytes));
    assert_int_equal(bytes, 12345); /* untouched on failure */
    assert_false(lx_dtype_bytes(LX_DT_F32, UINT64_MAX / 4 + 1, &bytes));
    assert_false(lx_dtype_bytes(LX_DT_F64, 1ULL << 61, &bytes));
    assert_true(lx_dtype_bytes(LX_DT_F64, (1ULL << 61) - 1, &bytes));
    assert_int_equal(bytes, ((1ULL << 61) - 1) * 8);
    assert_true(lx_dtype_bytes(LX_DT_Q4_K, 0, &bytes));
    assert_int_equal(bytes, 0);
    assert_false(lx_dtype_bytes(LX_DT_COUNT, 1, &bytes));
    /* 2^64 - 256 elements of Q8_K: blocks * 292 overflows */
    assert_false(lx_dtype_bytes(LX_DT_Q8_K, UINT64_MAX - 255, &bytes));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ggml_types_exact),
        cmocka_unit_test(test_removed_ggml_ids_unknown),
        cmocka_unit_test(test_safetensors_names),
        cmocka_unit_test(test_published_total),
        cmocka_unit_test(test_rejects_overflow_and_partial_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
