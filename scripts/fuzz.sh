#!/usr/bin/env bash
# Fuzzing (issue 5): builds the libFuzzer targets in fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) and runs each for N seconds, one after the other,
# in one process each (the machine's cores are shared).
#
#   scripts/fuzz.sh [N]            run every target N seconds (default 60); `make fuzz SECONDS=N`
#   scripts/fuzz.sh --seed [DIR]   rewrite the seed corpus fuzz/corpus/ (fuzz_seeds), adding
#                                  the hostile-case files (< 4 KiB) the tests wrote under
#                                  DIR/testtmp (DIR: a test build, default build)
# Environment: FUZZ_TARGETS ("gguf safetensors config draw tokenizer"), FUZZ_BUILD (build-fuzz),
# FUZZ_ARGS (extra libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1" to keep going past a
# known crash), JOBS (build jobs, 2).
#
# Before fuzzing a target, the inputs in fuzz/regress/<target>/ (each once crashed it) are replayed.
# The kept corpus fuzz/corpus/<target>/ is only read (with the dictionary fuzz/<target>.dict); new inputs go to
# $FUZZ_BUILD/corpus/<target>/, crashes to $FUZZ_BUILD/artifacts/<target>/. Each run ends with
# one summary line "fuzz_<target>: <execs> execs (<rate>/s) in <s> s, <units> corpus units,
# ok|CRASH"; the exit status is 1 when any target found something or a regression input fails.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${FUZZ_BUILD:-build-fuzz}
TARGETS=${FUZZ_TARGETS:-gguf safetensors config draw tokenizer}

build() {
  cmake -S fuzz -B "$BUILD" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD" -j "${JOBS:-2}" >/dev/null
}

seed() {
  local tests=${1:-build}
  build
  mkdir -p fuzz/corpus/{gguf,draw,safetensors,config,tokenizer}
  "$BUILD/fuzz_seeds" fuzz/corpus
  local -A map=([hostile_gguf]=gguf [hostile_st]=safetensors [hostile_config]=config)
  for d in "${!map[@]}"; do
    [ -d "$tests/testtmp/$d" ] || continue
    find "$tests/testtmp/$d" -type f -size -4k -exec sh -c 'for f; do
        n=$(echo "${f#'"$tests/testtmp/$d/"'}" | tr / _); cp "$f" "fuzz/corpus/'"${map[$d]}"'/hostile_$n"; done' sh {} +
  done
  du -sh fuzz/corpus
}

# Replays fuzz/regress/<target>/ (inputs that once crashed a target) once each.
replay() {
  local t=$1 files
  files=$(find "fuzz/regress/$t" -type f 2>/dev/null | sort)
  [ -n "$files" ] || return 0
  # shellcheck disable=SC2086
  if "$BUILD/fuzz_$t" $files >"$BUILD/regress_$t.log" 2>&1; then
    echo "fuzz_$t: $(echo "$files" | wc -l) regression inputs, ok"
  else
    grep -E "runtime error|ERROR: AddressSanitizer|Running: " "$BUILD/regress_$t.log" | tail -2 >&2 || true
    echo "fuzz_$t: regression inputs, FAIL"
    return 1
  fi
}

# One summary line from a libFuzzer log (plain or -fork mode).
summary() {
  awk '/stat::number_of_executed_units/{e=$2} /^#[0-9]+/{n=substr($1,2); sub(/:$/,"",n)} /stat::average_exec_per_sec/{r=$2}
       END{if(e=="")e=n; printf "%s execs%s", e, (r==""?"":" (" r "/s)")}' "$1"
}

run() {
  local secs=$1 status=0 t log dict start result
  build
  for t in $TARGETS; do
    mkdir -p "$BUILD/corpus/$t" "$BUILD/artifacts/$t"
    replay "$t" || status=1
    log="$BUILD/fuzz_$t.log"
    dict=fuzz/$t.dict
    [ "$t" = draw ] && dict=fuzz/gguf.dict
    start=$(date +%s)
    # shellcheck disable=SC2086
    if "$BUILD/fuzz_$t" "$BUILD/corpus/$t" "fuzz/corpus/$t" -dict="$dict" -max_total_time="$secs" -timeout=20 \
         -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
         -artifact_prefix="$BUILD/artifacts/$t/" ${FUZZ_ARGS:-} >"$log" 2>&1; then
      result=ok
    else
      result=CRASH status=1
      grep -E "runtime error|ERROR: AddressSanitizer|SUMMARY|Test unit written" "$log" | head -4 >&2 || true
    fi
    echo "fuzz_$t: $(summary "$log") in $(( $(date +%s) - start )) s, $(ls "$BUILD/corpus/$t" | wc -l) corpus units, $result"
  done
  return $status
}

if [ "${1:-}" = "--seed" ]; then
  seed "${2:-build}"
else
  run "${1:-60}"
fi
