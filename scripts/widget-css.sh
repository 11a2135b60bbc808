#!/usr/bin/env bash
# Writes the widgets' stylesheet to $1: common/base.css first, then every widget
# folder's CSS (the demo portal's own CSS is not part of it). scripts/release.sh
# writes dist/yaojian.css with it; Trunk.toml's pre-build hook writes the demo's.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/widget-css.sh OUT}
mkdir -p "$(dirname "$out")"
{
  cat components/src/common/base.css
  find components/src -name '*.css' ! -path '*/portal/*' ! -path '*/common/*' | sort | xargs -r cat
} > "$out.tmp"
mv "$out.tmp" "$out"
