#!/usr/bin/env bash
# Benchmark for issue 12: remote models over a loopback server that delays every response by
# 20 ms (bench/slow_server, HTTP/1.1, Range support; an emulated round trip). Two cases:
#   - a Llama-3.1-405B-shaped GGUF (bench/gen_header: ~9.4 MB header) by URL;
#     goal: at most 3 round trips;
#   - a DeepSeek-V3-shaped repository of 163 safetensors shards (bench/gen_remote) as
#     hf:org/deepseek (listing, index, shard headers); goal: at most 4 round trips of wall time.
# For each: requests, bytes fetched vs header bytes, wall seconds (median of 5, cache emptied
# before each run), the same model read from local files, and round trips = (remote - local) / 20 ms.
#
# usage: bench/remote.sh [CONNECTIONS...]     (default: 16 64 163; builds build-bench/ first)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j2 --target llmxray lx_bench_gen_header lx_bench_gen_remote lx_bench_slow_server >/dev/null
conns=("$@")
[ ${#conns[@]} -gt 0 ] || conns=(16 64 163)
tmp=$(mktemp -d)
mkdir -p "$tmp/www/files"
build-bench/lx_bench_gen_header "$tmp/www/files/llama-405b-shaped.gguf"
build-bench/lx_bench_gen_remote "$tmp/www"
coproc SRV { build-bench/lx_bench_slow_server "$tmp/www" 20; }
read -r port <&"${SRV[0]}"
trap 'exec {SRV[1]}>&-; wait; rm -rf "$tmp"' EXIT
export HF_ENDPOINT="http://127.0.0.1:$port" XDG_CACHE_HOME="$tmp/cache"
unset HF_TOKEN http_proxy https_proxy HTTP_PROXY ALL_PROXY

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
seconds() { # median wall seconds of 5 runs of llmxray info ARGS, cache emptied before each
  for _ in 1 2 3 4 5; do
    rm -rf "$tmp/cache"
    s=$(date +%s.%N); build-bench/llmxray info "$@" >/dev/null; e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done | median
}
report() { # NAME LOCAL_PATH REMOTE_NAME CONNECTIONS
  local json local_s remote_s
  rm -rf "$tmp/cache"
  json=$(build-bench/llmxray info --json --connections "$4" "$3")
  local_s=$(seconds "$2")
  remote_s=$(seconds --connections "$4" "$3")
  echo "$json" | sed -E 's/.*"header_size":([0-9]+).*"remote":\{"bytes_fetched":([0-9]+),"requests":([0-9]+)\}.*/\1 \2 \3/' |
    { read -r header bytes requests
      printf '| %s | %s | %s | %s | %.2f | %.3f | %.3f | %.1f |\n' "$1" "$4" "$requests" "$header" \
        "$(echo "$bytes / $header" | bc -l)" "$remote_s" "$local_s" "$(echo "($remote_s - $local_s) / 0.020" | bc -l)"; }
}
echo "| model | connections | requests | header bytes | fetched / header | remote s | local s | round trips |"
echo "|---|---|---|---|---|---|---|---|"
for c in "${conns[@]}"; do
  report "405B-shaped GGUF" "$tmp/www/files/llama-405b-shaped.gguf" "http://127.0.0.1:$port/files/llama-405b-shaped.gguf" "$c"
  report "DeepSeek-V3, 163 shards" "$tmp/www/org/deepseek/resolve/main/" "hf:org/deepseek" "$c"
done
