#!/usr/bin/env bash
# Benchmark for issue 10: the interactive HTML page of the Llama-3.1-405B-shaped GGUF
# (bench/gen_header.c: 126 layers, 1,137 tensors) and of the catalogue's DeepSeek-V3 — file size,
# time to write it, and time to first paint in headless chromium (target: usable under 1 s) —
# and `llmxray gallery --all` of the whole catalogue (target: under 10 s on 2 cores).
#
# usage: bench/html.sh [BUILD_DIR]   (default build-bench/, configured as Release here)
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
"$B"/llmxray draw "$model" -o "$tmp/405b.html"
"$B"/llmxray draw deepseek-v3 -o "$tmp/deepseek-v3.html"
for f in 405b deepseek-v3; do echo "$f.html: $(stat -c %s "$tmp/$f.html") bytes"; done
hyperfine -N --warmup 2 --runs 10 --export-markdown "$tmp/t.md" \
  "$B/llmxray draw $model -o $tmp/405b.html" \
  "$B/llmxray draw deepseek-v3 -o $tmp/deepseek-v3.html" >/dev/null
cat "$tmp/t.md"
if [ -d tests/browser/node_modules/playwright-core ] && command -v chromium >/dev/null; then
  node bench/html_paint.mjs "$tmp/405b.html" "$tmp/deepseek-v3.html"
else
  echo "html.sh: no chromium or playwright-core (scripts/install-deps.sh): first paint not measured"
fi
hyperfine --warmup 1 --runs 3 --prepare "rm -rf $tmp/gallery" --export-markdown "$tmp/g.md" \
  "$B/llmxray gallery --all -o $tmp/gallery" >/dev/null
cat "$tmp/g.md"
echo "gallery: $(ls "$tmp/gallery" | wc -l) files, $(du -sh "$tmp/gallery" | cut -f1)"
