/* tests/arm64/qdot_main — the arm64 check of infer/qdot without cmocka (cross-compiled
 * statically and run under qemu-aarch64 by scripts/check-arm64.sh): the scalar reference
 * against the dequantized product, then every implementation this CPU has against the scalar
 * one (tests/support/qdot_check, the comparisons tests/test_qdot.c makes natively), and the
 * run-time choice: the names of the implementations found must be the argument.
 * Usage: qdot_arm64 NAMES   e.g. "neon-dotprod,neon,scalar" (fastest first). Exit 0 or 1. */
#include <stdio.h>
#include <string.h>

#include "infer/qdot.h"
#include "qdot_check.h"

enum { ROUNDS = 200 };

/* The implementations present, comma-separated, into names[cap]. */
static void present(char *names, size_t cap)
{
    names[0] = '\0';
    for (size_t i = 0; lx_qdot_impl(i); i++) {
        size_t len = strlen(names);
        snprintf(names + len, cap - len, "%s%s", i ? "," : "", lx_qdot_impl(i)->name);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s NAMES (the implementations the CPU should have, fastest first)\n", argv[0]);
        return 2;
    }
    int failed = 0;
    char msg[256], names[128];
    present(names, sizeof names);
    if (strcmp(names, argv[1]) != 0)
        printf("FAIL run-time choice: implementations %s, expected %s\n", names, argv[1]), failed = 1;
    else printf("ok   run-time choice: %s (in use: %s)\n", names, lx_qdot_best()->name);
    int bad = lx_qc_check_scalar(ROUNDS, msg, sizeof msg);
    if (bad) printf("FAIL scalar vs dequantized product: %d disagreements; first: %s\n", bad, msg), failed = 1;
    else printf("ok   scalar agrees with the dequantized product (%d rounds x %d kinds)\n", ROUNDS, LX_QW_COUNT);
    for (size_t i = 0; lx_qdot_impl(i) != lx_qdot_scalar(); i++) {
        const lx_qdot_ops *impl = lx_qdot_impl(i);
        bad = lx_qc_check_impl(impl, ROUNDS, msg, sizeof msg);
        if (bad) printf("FAIL %s vs scalar: %d disagreements; first: %s\n", impl->name, bad, msg), failed = 1;
        else printf("ok   %s agrees with scalar, dot4 with dot (%d rounds x %d kinds x 4 rows)\n", impl->name, ROUNDS,
                    LX_QW_COUNT);
    }
    return failed;
}
