#!/bin/sh
# Records llama.cpp's numbers on each random-weight family fixture (see README.md).
# Run from the worktree after `make build`:  sh tests/data/infer/record.sh
set -eu
here=$(dirname "$0")
gen=${GEN:-build/lx_gen_infer_fixture}
vocab=${VOCAB:-../shared/models/vocab-only}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prompt="Hello world, this is a test"
# every family, and the quantized variants (fixture_models.h) that test_infer_families checks
for fam in $("$gen" list) qwen3-mixq llama-bpe-kq llama-bpe-linear llama-bpe-yarn phi3-longrope phi3-longrope-short phi3-swa; do
    "$gen" "$fam" "$vocab" "$tmp/$fam.gguf"
    node "$here/record.mjs" "$tmp/$fam.gguf" 8 "$prompt" > "$here/$fam.json"
    echo "$fam: $(cat "$here/$fam.json" | head -c 120)..."
done
