#!/usr/bin/env bash
# Benchmark of `llmxray tokenize`: a 1 MB text (llama.cpp's 46 tokenizer test strings,
# repeated) through each kind of vocabulary in shared/models/vocab-only (SentencePiece,
# byte-level BPE with three pre-tokenizers, WordPiece) and Qwen3's tokenizer.json, plus one
# 200,000-letter word (no pre-tokenizer split: the merge loop alone). Reports hyperfine means;
# each includes loading the vocabulary (about 0.1-0.5 s for 128k-262k pieces).
#
# usage: bench/tokenize.sh [BUILD_DIR]   (default build-bench/, configured as Release here)
set -euo pipefail
cd "$(dirname "$0")/.."
B="${1:-build-bench}"
S=${LX_SHARED_DIR:-../shared}
scripts/install-deps.sh
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$B" -j2 --target llmxray >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inp="$S/reference/tokenizer/ggml-vocab-gpt-2.gguf.inp"
while [ "$(stat -c %s "$tmp/text" 2>/dev/null || echo 0)" -lt 1000000 ]; do cat "$inp" >>"$tmp/text"; done
head -c 1000000 "$tmp/text" >"$tmp/text1m"
head -c 200000 /dev/zero | tr '\0' a >"$tmp/word"
V="$S/models/vocab-only/ggml-vocab"
cmds=()
for v in llama-spm gpt-2 llama-bpe qwen2 bert-bge; do cmds+=("$B/llmxray tokenize --json $V-$v.gguf - < $tmp/text1m"); done
cmds+=("$B/llmxray tokenize --json $S/tokenizers/qwen3 - < $tmp/text1m")
cmds+=("$B/llmxray tokenize --json $V-llama-bpe.gguf - < $tmp/word")
hyperfine --warmup 1 --runs 5 --export-markdown "$tmp/t.md" "${cmds[@]}" >/dev/null
cat "$tmp/t.md"
