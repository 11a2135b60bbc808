#!/usr/bin/env bash
# Runs every check, installing what is missing first, and ends with one summary line:
#   yaojian: N passed, N failed
# Layers: rustfmt; clippy (native and wasm32); engine tests (native); the server's API
# tests (SQLite and a throwaway PostgreSQL cluster); browser tests of
# the components (wasm-bindgen-test in headless Chromium); dist/ (one wasm module per
# widget) and what each page downloads; end-to-end tests (Playwright + axe; tests/e2e/ and each widget folder's e2e.test.mjs)
# against the release build of the demo portal and the embedding examples.
# .ci/run calls exactly this script.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

scripts/setup.sh test || { echo "yaojian: setup failed"; exit 1; }

logs=target/test-logs
mkdir -p "$logs"
# Every temporary file of the run (test databases, browser profiles) goes into one
# folder, emptied before and removed after, so runs never fill the disk.
export TMPDIR="$PWD/target/test-tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
passed=0
failed=0
failed_steps=()
started=$(date +%s)

# step NAME COMMAND...: runs a check, keeping its output in target/test-logs/NAME.log.
step() {
  local name=$1; shift
  local t0=$(date +%s)
  printf '\n== %s\n' "$name"
  if "$@" 2>&1 | tee "$logs/$name.log"; then
    printf '== %s: ok (%ss)\n' "$name" "$(( $(date +%s) - t0 ))"
  else
    printf '== %s: FAILED (%ss)\n' "$name" "$(( $(date +%s) - t0 ))"
    failed_steps+=("$name")
    return 1
  fi
}

# Adds up "test result: ok. N passed; M failed" lines of cargo test output.
count_cargo() {
  local p f
  p=$(grep -Eo '[0-9]+ passed;' "$logs/$1.log" | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed;' "$logs/$1.log" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

# Node's spec reporter ends with "ℹ pass N" / "ℹ fail N".
count_node() {
  local p f
  p=$(grep -Eo 'ℹ pass [0-9]+' "$logs/$1.log" | awk '{s+=$3} END {print s+0}')
  f=$(grep -Eo 'ℹ fail [0-9]+' "$logs/$1.log" | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

step fmt cargo fmt --all --check
step clippy-native cargo clippy --workspace --all-targets --all-features -- -D warnings
# For wasm32: the engine library (its tests are native-only) and the components with their browser tests.
clippy_wasm32() {
  cargo clippy -p yaojian --lib --target wasm32-unknown-unknown -- -D warnings &&
    cargo clippy -p yaojian-components --lib --tests --target wasm32-unknown-unknown --features demo -- -D warnings
}
step clippy-wasm32 clippy_wasm32

step engine-tests cargo test -p yaojian --features cli
count_cargo engine-tests

# The server's tests run on SQLite and on a throwaway PostgreSQL cluster (loopback only),
# stopped when this script ends, also when a step fails.
pg_dir=$(mktemp -d /tmp/yaojian-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pg_dir"; rm -rf "$TMPDIR"' EXIT
if pg_url=$(scripts/postgres.sh start "$pg_dir"); then
  export YAOJIAN_TEST_POSTGRES=$pg_url
  step server-tests cargo test -p yaojian-server
  count_cargo server-tests
else
  echo "== server-tests: FAILED (PostgreSQL did not start; see $pg_dir)"
  failed_steps+=(server-tests)
fi

CHROMEDRIVER=$(command -v chromedriver) step browser-tests \
  cargo test -p yaojian-components --target wasm32-unknown-unknown --features demo
count_cargo browser-tests

brotli_total=""
if step release-bundle scripts/release.sh; then
  brotli_total=$(grep -Eo 'brotli total: [0-9]+ bytes' "$logs/release-bundle.log" | tail -1)
fi

if step demo-build scripts/demo-build.sh; then
  # Needs dist/ (release-bundle) and target/debug/yaojian (engine-tests, feature cli).
  step e2e node --test --test-reporter=spec tests/e2e/ components/src/*/e2e.test.mjs
  count_node e2e
fi
# Figures to track (printed, never asserted).
step figures node scripts/figures-embed.mjs 9
step figures-bench node scripts/figures-bench.mjs forms form-cold checklist builder
step engine-figures cargo bench -p yaojian --features xlsx --bench xlsform
# The server's figures, on SQLite and on the PostgreSQL cluster started above.
step server-figures cargo bench -p yaojian-server --bench figures --bench items

# A step that failed without a counted test failure still fails the run.
if [ ${#failed_steps[@]} -gt 0 ] && [ "$failed" -eq 0 ]; then failed=${#failed_steps[@]}; fi

printf '\n'
[ -n "$brotli_total" ] && echo "dist/ (every module) $brotli_total; what each page downloads below (dist/size-report.json, size-budget.json)"
grep -h '^figure:' "$logs"/release-bundle.log "$logs"/e2e.log "$logs"/figures.log "$logs"/figures-bench.log "$logs"/engine-figures.log "$logs"/server-figures.log 2>/dev/null | sed 's/^/  /' || true
[ ${#failed_steps[@]} -gt 0 ] && echo "failed steps: ${failed_steps[*]}"
echo "took $(( $(date +%s) - started ))s"
echo "yaojian: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
