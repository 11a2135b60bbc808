#!/usr/bin/env bash
# Runs the demo: the real system on SQLite at http://127.0.0.1:8080, installing what is
# missing. yaojian-server (with --demo: a labelled sample sign-in) serves the demo portal
# and its API; filings are kept in target/demo/yaojian.sqlite between runs.
# Extra arguments go to `yaojian-server serve` (e.g. --listen 127.0.0.1:9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh demo
export PATH="$HOME/.cargo/bin:$PATH"
# The release build, as a bureau would see it (wasm-opt'd; quick when nothing changed).
scripts/demo-build.sh
cargo build -p yaojian-server
mkdir -p target/demo
exec target/debug/yaojian-server serve --demo --bureau "示例市药品监督管理局（演示）" \
  --database sqlite:target/demo/yaojian.sqlite --key target/demo/key \
  --site target/demo-dist "$@"
