#!/usr/bin/env bash
# Builds the demo portal as the demo serves it and the end-to-end tests test it:
# trunk's release build into target/demo-dist, its wasm optimised with wasm-opt -Oz
# (cached by content: quick when nothing changed). Needs scripts/setup.sh demo.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
trunk build --release
node scripts/demo-optimise.mjs target/demo-dist
