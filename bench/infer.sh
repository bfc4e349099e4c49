#!/usr/bin/env bash
# Benchmark of `llmxray run` (issue 4).
#  1. stories260K (shared/models), one thread, 256 positions from BOS: hyperfine wall time,
#     reported as tokens per second (256 generated tokens / mean time of the whole command).
#  2. A 1B-class Llama-shaped GGUF with random weights (TinyLlama 1.1B's shape), written by
#     bench/gen_llama_gguf.c in Q8_0 and then Q4_K (output head Q6_K), run on a 32-token
#     prompt (BOS + 31 words, one token each) with 2 threads: seconds and peak RSS from
#     /usr/bin/time -v, beside the file size. Each file is deleted right after its run.
# Usage: bench/infer.sh            (BUILD=dir to reuse a build, WORK=dir for the big files)
# Targets (issue 4): 1B prompt under 10 s on 2 cores, peak RSS under 1.5x the file size.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${LX_SHARED_DIR:-$ROOT/../shared}
BUILD=${BUILD:-$ROOT/build-bench}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
trap 'rm -f "$WORK"/bench-*.gguf "$WORK/gen_llama_gguf"' EXIT

if ! { cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release && cmake --build "$BUILD" -j2 --target llmxray; } \
     >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log" >&2; exit 1
fi
BIN=$BUILD/llmxray
cc -O2 -std=c17 -Wall -o "$WORK/gen_llama_gguf" "$ROOT/bench/gen_llama_gguf.c" -lm

echo "== stories260K, 1 thread, 256 tokens from BOS"
hyperfine -N --warmup 3 --runs 20 --export-csv "$WORK/stories.csv" \
  "$BIN run $SHARED/models/stories260K.gguf -n 256 --threads 1" >/dev/null
mean=$(awk -F, 'NR == 2 { print $2 }' "$WORK/stories.csv")
awk -v m="$mean" 'BEGIN { printf "mean %.4f s for the whole command -> %.0f tokens/s\n", m, 256 / m }'
"$BIN" run "$SHARED/models/stories260K.gguf" -n 256 --threads 1 --stats 2>&1 >/dev/null | sed 's/^llmxray: /forward only: /'

PROMPT="t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 t11 t12 t13 t14 t15 t16 t17 t18 t19 t20 t21 t22 t23 t24 t25 t26 t27 t28 t29 t30 t31"
for q in q8_0 q4_k; do
  f="$WORK/bench-$q.gguf"
  "$WORK/gen_llama_gguf" "$q" "$f"
  size=$(stat -c %s "$f")
  echo "== 1.1B random llama, $q, $(awk -v s="$size" 'BEGIN { printf "%.2f GB", s / 1e9 }'), 32-token prompt, 2 threads"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$BIN" run "$f" --prompt "$PROMPT" -n 1 --threads 2 --stats >/dev/null 2>"$WORK/time-$q.txt"
    grep '^llmxray:' "$WORK/time-$q.txt" | sed 's/^llmxray: //'
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$WORK/time-$q.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time-$q.txt")
    awk -v w="$wall" -v r="$rss" -v s="$size" 'BEGIN {
      n = split(w, p, ":"); sec = 0; for (i = 1; i <= n; i++) sec = sec * 60 + p[i];
      printf "wall %.2f s, peak RSS %.2f GB = %.2f x file size\n", sec, r * 1024 / 1e9, r * 1024 / s }'
  else
    start=$(date +%s.%N)
    "$BIN" run "$f" --prompt "$PROMPT" -n 1 --threads 2 --stats >/dev/null
    awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "wall %.2f s (no /usr/bin/time: peak RSS not measured)\n", b - a }'
  fi
  rm -f "$f"
done
