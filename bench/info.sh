#!/usr/bin/env bash
# Benchmark for issue 2: `llmxray info` on a Llama-3.1-405B-shaped GGUF (1,137 tensors, 128,256-token
# vocabulary with 280,147 merges, sparse data: ~812 GB apparent size, a few MB on disk), compared
# with the time to read the header bytes with `head -c`. Reports mean times (hyperfine), the
# header size and llmxray's peak RSS. Targets: under 30 ms, within 3x of reading the bytes,
# peak RSS under 3x the header size.
#
# usage: bench/info.sh            (builds a release binary in build-bench/ first)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j2 --target llmxray lx_bench_gen_header >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
model="$tmp/llama-405b-shaped.gguf"
build-bench/lx_bench_gen_header "$model"
header=$(build-bench/llmxray info --json "$model" | sed -E 's/.*"header_size":([0-9]+).*/\1/')
echo "header: $header bytes of a $(stat -c %s "$model")-byte file"
hyperfine -N --warmup 5 --runs 50 --export-markdown "$tmp/t.md" \
  "build-bench/llmxray info $model" "head -c $header $model" >/dev/null
cat "$tmp/t.md"
rss=$(/usr/bin/time -f %M build-bench/llmxray info "$model" 2>&1 >/dev/null | tail -1)
echo "peak RSS: ${rss} KiB ($(( rss * 1024 * 100 / header ))% of the header size)"
