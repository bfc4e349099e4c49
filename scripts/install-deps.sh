#!/usr/bin/env bash
# The one place that names llmxray's system packages. Idempotent: installs only what is missing.
# Debian packages first (chromium drives the browser tests of the HTML pages); then the npm
# packages the tests use, each pinned by its package-lock.json: the Mermaid check
# (tests/node/mermaid: mermaid + jsdom) and the browser check (tests/browser: playwright-core,
# pointed at Debian's chromium), with Debian's nodejs and npm when no node is installed. The
# test suite runs without them (those checks are skipped), so a failed npm step only warns.
# Optional groups, named as arguments (CI names them all):
#   --arm64  the aarch64 cross compiler and qemu-user (about 56 MB) for scripts/check-arm64.sh,
#            which runs the NEON dot products under emulation; test_arm64 is skipped without them.
set -euo pipefail
cd "$(dirname "$0")/.."
ARM64=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user)
PKGS=(build-essential cmake pkg-config clang libclang-rt-14-dev
      libcairo2-dev libpango1.0-dev libfontconfig-dev libjansson-dev libcmocka-dev libicu-dev
      fonts-dejavu-core libxml2-utils hyperfine time
      libcurl4-openssl-dev nginx openssl
      graphviz groff-base zsh chromium)
command -v node >/dev/null && command -v npm >/dev/null || PKGS+=(nodejs npm)
for arg in "$@"; do
  case "$arg" in
    --arm64) PKGS+=("${ARM64[@]}") ;;
    *) echo "install-deps: unknown option $arg (known: --arm64)" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
MMD=tests/node/mermaid
if [ ! -d "$MMD/node_modules/mermaid" ] || [ ! -d "$MMD/node_modules/jsdom" ]; then
  echo "install-deps: installing npm packages in $MMD (mermaid, jsdom)" >&2
  (cd "$MMD" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    echo "install-deps: warning: npm install in $MMD failed; the Mermaid parse check will be skipped" >&2
fi
BROWSER=tests/browser
if [ ! -d "$BROWSER/node_modules/playwright-core" ]; then
  echo "install-deps: installing npm packages in $BROWSER (playwright-core)" >&2
  (cd "$BROWSER" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    echo "install-deps: warning: npm install in $BROWSER failed; the browser checks will be skipped" >&2
fi
