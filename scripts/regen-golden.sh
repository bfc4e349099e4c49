#!/usr/bin/env bash
# Regenerates the golden diagrams that tests/test_render.c compares against:
# tests/golden/NAME.svg and NAME.txt for stories260K.gguf, three catalogue models and two
# hybrid configs from ../shared/configs (Qwen3-Next, Nemotron-H) and Gemma 4 31B.
# Usage: scripts/regen-golden.sh [BUILD_DIR]   (default: build; the llmxray binary must be built)
# Review the change by eye before committing it: render the SVGs (or PNGs) and look at them.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-build}/llmxray"
[ -x "$BIN" ] || { echo "regen-golden: $BIN not found; build first (make build)" >&2; exit 2; }
SHARED="${LX_SHARED_DIR:-../shared}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
gen() { # MODEL NAME
  "$BIN" draw "$1" -o "tests/golden/$2.svg"
  "$BIN" draw "$1" -f txt -o "tests/golden/$2.txt"
  echo "wrote tests/golden/$2.svg and tests/golden/$2.txt"
}
mkdir -p tests/golden
gen "$SHARED/models/stories260K.gguf" stories260K
for m in llama-3.1-8b deepseek-v3 gemma-2-9b; do gen "$m" "$m"; done
for c in qwen3-next-80b-a3b nemotron-h-56b gemma-4-31b; do gen "$SHARED/configs/$c/config.json" "$c"; done
