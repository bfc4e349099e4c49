#!/usr/bin/env bash
# The NEON dot products (src/infer/qdot_neon.c) on arm64, under emulation: cross-compiles
# infer/qdot's sources, infer/dequant (the reference decoding), read/dtype and the plain test
# driver tests/arm64/qdot_main.c (no cairo, pango, jansson or cmocka) with
# aarch64-linux-gnu-gcc -O2 -static, and runs it under qemu-aarch64 twice:
#   -cpu max         reports asimddp: neon-dotprod (vdotq_s32) and neon are both checked
#   -cpu cortex-a53  no dot-product instructions: the plain NEON path only
# Each run compares every implementation the CPU has with the scalar reference on random
# blocks (tests/support/qdot_check) and checks which implementations run-time detection found.
# Run by ctest as test_arm64; exits 77 (skipped) with the reason when the cross compiler or
# qemu is missing (scripts/install-deps.sh --arm64 installs both).
# Usage: scripts/check-arm64.sh [SOURCE_DIR [WORK_DIR]]
set -euo pipefail
SRC=$(cd "${1:-$(dirname "$0")/..}" && pwd)
WORK=${2:-$SRC/build/arm64}
CC=${LX_ARM64_CC:-aarch64-linux-gnu-gcc}
QEMU=${LX_ARM64_QEMU:-qemu-aarch64}
for tool in "$CC" "$QEMU"; do
  if ! command -v "$tool" >/dev/null; then
    echo "check-arm64: skipped: no $tool (scripts/install-deps.sh --arm64 installs it)"
    exit 77
  fi
done
mkdir -p "$WORK"
BIN=$WORK/qdot_arm64
"$CC" -std=c17 -O2 -static -Wall -Wextra -Wpedantic -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
  -I"$SRC/src" -I"$SRC/tests/support" \
  "$SRC"/src/infer/{qdot,qdot_neon,qdot_avx2,dequant,kernels,pool}.c "$SRC/src/read/dtype.c" \
  "$SRC/tests/support/qdot_check.c" "$SRC/tests/arm64/qdot_main.c" -lm -pthread -o "$BIN"
status=0
run() { # CPU EXPECTED-IMPLEMENTATIONS
  echo "check-arm64: qemu-aarch64 -cpu $1"
  "$QEMU" -cpu "$1" "$BIN" "$2" || status=1
}
run max neon-dotprod,neon,scalar
run cortex-a53 neon,scalar
exit $status
