#!/usr/bin/env bash
# What a page with only one widget would download, for each widget (and for the
# bureau's review page, summary and rectification together): the bundle built with
# YJ_WIDGETS=<kind>[,<kind>] (components/build.rs keeps only that widget), through
# wasm-bindgen and wasm-opt -Oz as scripts/release.sh builds dist/, then
# scripts/size-widgets.mjs adds yaojian.js and yaojian.css from dist/ and prints a
# figure per widget (brotli). Needs dist/ (scripts/release.sh). Builds in
# target/per-widget so the main build's artifacts stay as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
test -f dist/yaojian.js || { echo "dist/ missing: run scripts/release.sh"; exit 1; }
out=target/per-widget/out
rm -rf "$out" && mkdir -p "$out"
# Each widget alone, then the bureau's review page (the summary beside the list).
pages=()
for spec in components/src/*/spec.rs; do pages+=("$(basename "$(dirname "$spec")")"); done
pages+=("submissions-summary,rectification")
for kind in "${pages[@]}"; do
  YJ_WIDGETS=$kind cargo build -q -p yaojian-components --lib --release \
    --target wasm32-unknown-unknown --target-dir target/per-widget
  wasm-bindgen target/per-widget/wasm32-unknown-unknown/release/yaojian_components.wasm \
    --target web --out-dir "$out/$kind" --out-name yaojian_core --no-typescript
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/$kind/yaojian_core_bg.wasm" -o "$out/$kind/yaojian_core_bg.wasm"
done
node scripts/size-widgets.mjs "$out"
