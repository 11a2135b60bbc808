#!/usr/bin/env bash
# Installs whatever this project needs and is missing; quick when nothing is.
# Called by scripts/demo.sh and scripts/test.sh. Usage: scripts/setup.sh [demo|test|release]
#   demo    : wasm target, wasm-bindgen CLI, trunk, npm dev dependencies (wasm-opt)
#   release : wasm target, wasm-bindgen CLI, npm dev dependencies (binaryen's wasm-opt)
#   test    : all of the above plus Debian chromium + chromium-driver, fonts-wqy-microhei and postgresql
# See ../shared/TOOLCHAIN.md for why each tool is installed the way it is.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-test}"

TRUNK_VERSION=0.21.14
say() { printf '[setup] %s\n' "$*" >&2; }

need_cmd() { command -v "$1" >/dev/null 2>&1; }

# cargo installs go to ~/.cargo/bin; make sure later steps see them.
export PATH="$HOME/.cargo/bin:$PATH"

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  local want have=""
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || { say "Cargo.lock has no wasm-bindgen entry"; exit 1; }
  if need_cmd wasm-bindgen; then have="$(wasm-bindgen --version | awk '{print $2}')"; fi
  if [ "$have" != "$want" ] || ! need_cmd wasm-bindgen-test-runner; then
    say "installing wasm-bindgen-cli $want (was: ${have:-none}); takes a few minutes once"
    # --locked fails against this registry mirror (TOOLCHAIN.md): leave it off.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_trunk() {
  local have=""
  if need_cmd trunk; then have="$(trunk --version | awk '{print $2}')"; fi
  if [ "$have" != "$TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (was: ${have:-none}); takes several minutes once"
    # 0.21.14 without --locked fails to compile; 0.22 needs a newer rustc.
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
  fi
}

# Chromium and a CJK font (fonts-wqy-microhei, 5 MB), so that the layouts the tests
# measure at 375 px and the screenshots are drawn with real Chinese glyphs.
ensure_chromium() {
  if need_cmd chromium && need_cmd chromedriver && [ -d /usr/share/fonts/truetype/wqy ]; then return; fi
  if [ "$(id -u)" = 0 ] && need_cmd apt-get; then
    say "installing Debian packages chromium chromium-driver fonts-wqy-microhei"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null
  else
    say "missing: the Debian packages 'chromium', 'chromium-driver' and 'fonts-wqy-microhei'."
    say "install them (sudo apt-get install chromium chromium-driver fonts-wqy-microhei) and run this again."
    exit 1
  fi
}

# PostgreSQL for the server's tests (a throwaway cluster: scripts/postgres.sh).
ensure_postgres() {
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = 0 ] && need_cmd apt-get; then
    say "installing the Debian package postgresql"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    say "missing: the Debian package 'postgresql' (sudo apt-get install postgresql)."
    exit 1
  fi
}

ensure_npm_deps() {
  need_cmd npm || { say "missing: node and npm (Debian packages 'nodejs' 'npm')"; exit 1; }
  # Re-install only when package-lock.json changed since the last install.
  local stamp=node_modules/.yaojian-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    say "installing npm dev dependencies from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
}

case "$what" in
  demo) ensure_wasm_target; ensure_wasm_bindgen; ensure_trunk; ensure_npm_deps ;;
  release) ensure_wasm_target; ensure_wasm_bindgen; ensure_npm_deps ;;
  test) ensure_wasm_target; ensure_wasm_bindgen; ensure_trunk; ensure_chromium; ensure_npm_deps; ensure_postgres ;;
  *) say "usage: scripts/setup.sh [demo|test|release]"; exit 2 ;;
esac
