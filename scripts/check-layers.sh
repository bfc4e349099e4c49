#!/usr/bin/env bash
# The arrows-only-downward rule (docs/architecture.md): each folder of src/ may include
# headers only from the folders listed for it below. A violation prints FILE:LINE and the
# include, and the script exits 1. Run by ctest as test_layers.
# Usage: scripts/check-layers.sh [SOURCE_DIR]   (default: the repository holding this script)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

# folder -> the folders its files may include (besides the system's <...> headers)
declare -A ALLOW=(
  [util]="util"
  [read]="util read"
  [model]="util read model"
  [open]="util read model open"
  [layout]="util read model infer layout"
  [infer]="util read model infer"
  [render]="util read model layout infer render"
  [pipeline]="util read model open layout infer render pipeline"
  [api]="util read model open layout infer render pipeline api"
  [cli]="cli"
)
# The drivers that open a model themselves (what the user named -> open/source).
EXCEPT="src/infer/inside.c:open src/infer/weights.c:open src/render/compare.c:open"
# src/cli/ is a client of the public API (#include "llmxray.h", which has no folder). What it
# still includes of the internals, as FILE-GLOB:HEADER or FILE-GLOB:FOLDER/ (docs/architecture.md):
CLI_EXCEPT=(
  "src/cli/*:util/buf.h"                # the CLI's byte buffer and escaping (help, man page, errors)
  "src/cli/opts.c:util/text.h"          # edit distance, for "did you mean"
)

# 0 when FILE's include of INC is one of CLI_EXCEPT.
cli_excepted() {
  local e f h
  for e in "${CLI_EXCEPT[@]}"; do
    f=${e%%:*} h=${e#*:}
    # shellcheck disable=SC2053 # f is a glob
    [[ $1 == $f ]] || continue
    [[ $2 == "$h" || ( $h == */ && $2 == "$h"* ) ]] && return 0
  done
  return 1
}

bad=0
for dir in "${!ALLOW[@]}"; do
  [ -d "src/$dir" ] || continue
  while IFS=: read -r file line text; do
    to=$(sed -E 's|.*#include "([a-z_]+)/.*|\1|' <<<"$text")
    case " ${ALLOW[$dir]} " in *" $to "*) continue ;; esac
    case " $EXCEPT " in *" $file:$to "*) continue ;; esac
    inc=$(sed -E 's|.*#include "([^"]+)".*|\1|' <<<"$text")
    [ "$dir" = cli ] && cli_excepted "$file" "$inc" && continue
    echo "$file:$line: $dir/ may not include $to/ ($text)"
    bad=1
  done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"[a-z_]+/' "src/$dir" || true)
done
for dir in src/*/; do
  d=$(basename "$dir")
  [ -n "${ALLOW[$d]+x}" ] || { echo "src/$d: a folder the layer table does not list (add it to ${0##*/})"; bad=1; }
done
[ "$bad" = 0 ] && echo "layers: every include points downward"
exit "$bad"
