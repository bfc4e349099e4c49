#!/usr/bin/env bash
# Regenerates the golden files the tests compare against:
#   tests/golden/NAME.svg and NAME.txt (tests/test_render.c) for stories260K.gguf and five
#   catalogue models (two stacks: t5-small; an encoder: bert-base-uncased), and Qwen3-Next,
#   Nemotron-H, Gemma 4 31B, a BERT sequence classifier and Qwen3-VL 8B from ../shared/configs,
#   and the mmproj-tinygemma3.gguf vision encoder;
#   tests/golden/NAME.mmd and NAME.dot (tests/test_flow.c) for the three catalogue models;
#   docs/llmxray.1 (llmxray --man) and completions/llmxray.bash, completions/_llmxray
#   (llmxray --completion bash|zsh), which tests/test_cli.c checks are current.
# Usage: scripts/regen-golden.sh [BUILD_DIR]   (default: build; the llmxray binary must be built)
# Review the change by eye before committing it: render the SVGs (or PNGs, dot -Tpng) and look.
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
flow() { # MODEL NAME
  "$BIN" draw "$1" -o "tests/golden/$2.mmd"
  "$BIN" draw "$1" -o "tests/golden/$2.dot"
  echo "wrote tests/golden/$2.mmd and tests/golden/$2.dot"
}
mkdir -p tests/golden completions
gen "$SHARED/models/stories260K.gguf" stories260K
for m in llama-3.1-8b deepseek-v3 gemma-2-9b; do gen "$m" "$m"; flow "$m" "$m"; done
for m in t5-small bert-base-uncased; do gen "$m" "$m"; done
"$BIN" --man > docs/llmxray.1
"$BIN" --completion bash > completions/llmxray.bash
"$BIN" --completion zsh > completions/_llmxray
echo "wrote docs/llmxray.1, completions/llmxray.bash and completions/_llmxray"
for c in qwen3-next-80b-a3b nemotron-h-56b gemma-4-31b bert-base-uncased-seqcls qwen3-vl-8b-instruct; do gen "$SHARED/configs/$c/config.json" "$c"; done
gen "$SHARED/models/mmproj-tinygemma3.gguf" mmproj-tinygemma3
