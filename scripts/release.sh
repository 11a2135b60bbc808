#!/usr/bin/env bash
# Builds dist/, what portals serve:
# - yaojian.js, the one ES module a page loads; it defines every yj-* element from the
#   manifest written into it and loads a widget's module when its first element connects;
# - one wasm module per widget (<kind>.<hash>.js + <kind>.<hash>.wasm, wasm-opt),
#   and one for the summary beside the rectification list, named by content
#   (scripts/build-modules.sh, scripts/dist-manifest.mjs);
# - yaojian-manifest.json (modules, files, every widget's contract) and yaojian.css;
# then prints the size report (scripts/size-report.mjs: per file, and what a page with
# each widget downloads, and where each module's bytes go), also written to
# dist/size-report.json.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release
export PATH="$HOME/.cargo/bin:$PATH"

out=target/per-widget/out
scripts/build-modules.sh "$out"
rm -rf dist && mkdir -p dist
# Widget styles, shared pieces first.
scripts/widget-css.sh dist/yaojian.css
node scripts/dist-manifest.mjs "$out" dist
node scripts/size-report.mjs dist "$out"
