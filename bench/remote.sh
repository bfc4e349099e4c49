#!/usr/bin/env bash
# Benchmark for issue 12: remote models over a loopback server that delays every response by
# 20 ms (bench/slow_server, HTTP/1.1, Range support; an emulated round trip; DELAY_MS=200 makes
# the round-trip count readable on a machine too loaded to time 20 ms). Two cases:
#   - a Llama-3.1-405B-shaped GGUF (bench/gen_header: ~9.4 MB header) by URL;
#     goal: at most 3 round trips;
#   - a DeepSeek-V3-shaped repository of 163 safetensors shards (bench/gen_remote) as
#     hf:org/deepseek (listing, index, shard headers); goal: at most 4 round trips of wall time.
# For each: requests, bytes fetched vs header bytes, wall seconds of the whole run (median of 5,
# cache emptied before each run) and of the same model read from local files, the time spent
# fetching (info --json remote.seconds) through the delaying server and through the same server
# without delay, and round trips = (fetch s delayed - fetch s at 0 ms) / delay: the wall time
# the latency adds, in round trips (parsing, which dominates on a busy machine, is left out).
# Over HTTP/1.1 a wave of requests takes one round trip per connection, so 163 shards over 64
# connections cost 1 (listing, index, config.json) + 3 waves = 4; over HTTP/2 (the Hub, TLS)
# they are streams of one connection: 2.
#
# usage: [DELAY_MS=20] bench/remote.sh [CONNECTIONS...]   (default: 16 64 163; builds build-bench/ first)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j2 --target llmxray lx_bench_gen_header lx_bench_gen_remote lx_bench_slow_server >/dev/null
delay=${DELAY_MS:-20}
conns=("$@")
[ ${#conns[@]} -gt 0 ] || conns=(16 64 163)
tmp=$(mktemp -d)
mkdir -p "$tmp/www/files"
build-bench/lx_bench_gen_header "$tmp/www/files/llama-405b-shaped.gguf"
build-bench/lx_bench_gen_remote "$tmp/www"
cp ../shared/configs/DeepSeek-V3/config.json "$tmp/www/org/deepseek/resolve/main/config.json"
coproc SRV { build-bench/lx_bench_slow_server "$tmp/www" "$delay"; }
read -r port <&"${SRV[0]}"
coproc FAST { build-bench/lx_bench_slow_server "$tmp/www" 0; }
read -r port0 <&"${FAST[0]}"
trap 'exec {SRV[1]}>&- {FAST[1]}>&-; wait; rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"
unset HF_TOKEN http_proxy https_proxy HTTP_PROXY ALL_PROXY

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
fetch_s() { # PORT ARGS...: median of 5 runs of remote.seconds (wall time fetching), cache emptied before each
  local p=$1
  shift
  for _ in 1 2 3 4 5; do
    rm -rf "$tmp/cache"
    HF_ENDPOINT="http://127.0.0.1:$p" build-bench/llmxray info --json "${@//PORT/$p}" |
      sed -E 's/.*"seconds":([0-9.]+).*/\1/'
  done | median
}
wall_s() { # PORT ARGS...: median wall seconds of 5 runs of llmxray info ARGS, cache emptied before each
  local p=$1
  shift
  for _ in 1 2 3 4 5; do
    rm -rf "$tmp/cache"
    s=$(date +%s.%N); HF_ENDPOINT="http://127.0.0.1:$p" build-bench/llmxray info "${@//PORT/$p}" >/dev/null; e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done | median
}
report() { # NAME LOCAL_PATH REMOTE_NAME (PORT in it is replaced) CONNECTIONS
  local json local_s wall f20 f0
  rm -rf "$tmp/cache"
  json=$(HF_ENDPOINT="http://127.0.0.1:$port" build-bench/llmxray info --json --connections "$4" "${3//PORT/$port}")
  local_s=$(wall_s 0 "$2")
  wall=$(wall_s "$port" --connections "$4" "$3")
  f20=$(fetch_s "$port" --connections "$4" "$3")
  f0=$(fetch_s "$port0" --connections "$4" "$3")
  echo "$json" | sed -E 's/.*"header_size":([0-9]+).*"remote":\{"bytes_fetched":([0-9]+),"requests":([0-9]+).*/\1 \2 \3/' |
    { read -r header bytes requests
      printf '| %s | %s | %s | %s | %s | %.2f | %.3f | %.3f | %.3f | %.3f | %.1f |\n' "$1" "$4" "$requests" "$header" "$bytes" \
        "$(echo "$bytes / $header" | bc -l)" "$wall" "$local_s" "$f20" "$f0" "$(echo "($f20 - $f0) * 1000 / $delay" | bc -l)"; }
}
echo "| model | connections | requests | header bytes | bytes fetched | fetched / header | wall s | local wall s | fetch s ($delay ms) | fetch s (0 ms) | round trips |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for c in "${conns[@]}"; do
  report "405B-shaped GGUF" "$tmp/www/files/llama-405b-shaped.gguf" "http://127.0.0.1:PORT/files/llama-405b-shaped.gguf" "$c"
  report "DeepSeek-V3, 163 shards" "$tmp/www/org/deepseek/resolve/main/" "hf:org/deepseek" "$c"
done
