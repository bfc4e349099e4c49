#!/usr/bin/env bash
# Benchmark for issue 3: `llmxray draw` on a Llama-3.1-405B-shaped GGUF header (bench/gen_header.c:
# 126 layers, 1,137 tensors, 128,256-token vocabulary) to SVG, PNG and the terminal text, and on the
# catalogue's llama-3.1-405b. Targets: SVG under 50 ms, PNG under 300 ms. Reports hyperfine means.
#
# usage: bench/draw.sh [BUILD_DIR]   (default build-bench/, configured as Release here)
set -euo pipefail
cd "$(dirname "$0")/.."
B="${1:-build-bench}"
scripts/install-deps.sh
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$B" -j2 --target llmxray lx_bench_gen_header >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
model="$tmp/llama-405b-shaped.gguf"
"$B"/lx_bench_gen_header "$model"
hyperfine -N --warmup 3 --runs 30 --export-markdown "$tmp/t.md" \
  "$B/llmxray draw $model -o $tmp/d.svg" \
  "$B/llmxray draw $model -o $tmp/d.png" \
  "$B/llmxray draw $model -o $tmp/d.pdf" \
  "$B/llmxray draw $model -f txt -o $tmp/d.txt" \
  "$B/llmxray draw llama-3.1-405b -o $tmp/c.svg" \
  "$B/llmxray info $model" >/dev/null
cat "$tmp/t.md"
