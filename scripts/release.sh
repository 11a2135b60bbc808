#!/usr/bin/env bash
# Builds the embeddable bundle in dist/: yaojian.js (the ES module portals load),
# yaojian_core.js (wasm-bindgen glue), yaojian_core_bg.wasm
# (optimised with wasm-opt -Oz from npm binaryen) and yaojian.css, then prints the size
# report (also written to dist/size-report.json) and, per widget, what a page with only
# that widget would download (scripts/size-widgets.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release
export PATH="$HOME/.cargo/bin:$PATH"

cargo build -p yaojian-components --lib --release --target wasm32-unknown-unknown
rm -rf dist && mkdir -p dist
wasm-bindgen target/wasm32-unknown-unknown/release/yaojian_components.wasm \
  --target web --out-dir dist --out-name yaojian_core --no-typescript
# The entry module portals load; it imports yaojian_core.js.
cp components/js/yaojian.js dist/yaojian.js
# Debian's binaryen is too old for current rustc output; npm's is not (TOOLCHAIN.md).
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  dist/yaojian_core_bg.wasm -o dist/yaojian_core_bg.wasm
# Widget styles, shared pieces first.
scripts/widget-css.sh dist/yaojian.css
node scripts/size-report.mjs dist
# What a page with only one widget would download, per widget (the bundle built with
# that widget alone; dist/ itself still carries every widget).
scripts/size-widgets.sh
