#!/usr/bin/env bash
# Builds the wasm modules dist/ ships: one per widget, and one per group of widgets a
# bureau page shows together (the summary beside the rectification list), each through
# wasm-bindgen and wasm-opt (the passes below), into OUT/<module>/ (default target/per-widget/out).
# A module is the components crate built with YJ_WIDGETS=<kind>[,<kind>]
# (components/build.rs keeps only those widgets); a group's module is named after its
# kinds joined by "_". Builds in target/per-widget so the main build stays as it is.
# Each module's profile (scripts/size-profile.mjs, before wasm-opt) goes beside it.
# scripts/dist-manifest.mjs then names the files by content and writes the manifest.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=${1:-target/per-widget/out}
rm -rf "$out" && mkdir -p "$out"
# Each widget alone, then the groups (dist-manifest.mjs keeps a group only when it is
# lighter than its widgets' modules together).
modules=()
for spec in components/src/*/spec.rs; do modules+=("$(basename "$(dirname "$spec")")"); done
modules+=("submissions-summary,rectification")
for kinds in "${modules[@]}"; do
  name=${kinds//,/_}
  echo "building module $name"
  YJ_WIDGETS=$kinds cargo build -q -p yaojian-components --lib --release \
    --target wasm32-unknown-unknown --target-dir target/per-widget
  # Names kept for the profile (where the module's bytes go, into dist/size-report.json);
  # wasm-opt below writes no name section (no -g), so what ships has none.
  wasm-bindgen target/per-widget/wasm32-unknown-unknown/release/yaojian_components.wasm \
    --target web --out-dir "$out/$name" --out-name yaojian_core --no-typescript --keep-debug
  node scripts/size-profile.mjs --json "$out/$name/yaojian_core_bg.wasm" > "$out/$name/profile.json"
  # Debian's binaryen is too old for current rustc output; npm's is not (TOOLCHAIN.md).
  # Flattening and re-looping the control flow before -Oz, then -Os, ships 1-2 KB less
  # brotli per module than -Oz alone (measured on the calculator, 175.5 -> 173.3 KB, and
  # the rectification list, 277.8 -> 276.2 KB); -Os alone or twice, --converge, -O3
  # first or --gufa paid less.
  node_modules/.bin/wasm-opt --flatten --rereloop -Oz -Os --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/$name/yaojian_core_bg.wasm" -o "$out/$name/yaojian_core_bg.wasm"
done
