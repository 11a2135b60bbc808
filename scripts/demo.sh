#!/usr/bin/env bash
# Builds and serves the demo portal at http://127.0.0.1:8080, installing what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh demo
export PATH="$HOME/.cargo/bin:$PATH"
exec trunk serve "$@"
