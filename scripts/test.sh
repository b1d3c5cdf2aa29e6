#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing, then
# rustfmt, clippy, the Rust tests, a wasm32 build of the shared engine, the
# release site build, a short fuzz run and the browser tests in headless
# Chromium.
# Every check runs even when an earlier one fails (the browser tests need the
# site build); the exit status is non-zero if any failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

started=$SECONDS
failed=()

# Runs one named check, times it and records a failure instead of stopping.
check() {
  local name="$1"
  shift
  step "$name"
  local t0=$SECONDS
  if "$@"; then
    note "ok: $name ($((SECONDS - t0)) s)"
  else
    note "FAILED: $name ($((SECONDS - t0)) s)"
    failed+=("$name")
  fi
}

bash scripts/setup.sh

check "cargo fmt --all --check" cargo fmt --all --check
check "cargo clippy --workspace --all-targets -- -D warnings" \
  cargo clippy --workspace --all-targets --locked -- -D warnings
check "sizes: no file over 600 lines, no function over 100 (scripts/check-sizes.py)" python3 scripts/check-sizes.py
check "eslint (the service worker and the loader, build-index/src/publish/site/{sw,boot}.js)" npx --no-install eslint build-index/src/publish/site/sw.js build-index/src/publish/site/boot.js
# --no-fail-fast: one failing test binary must not hide the others' results.
check "cargo test --workspace --locked" cargo test --workspace --locked --no-fail-fast
check "wasm32 build of the shared engine and view" \
  cargo build -p archive-engine -p archive-view --target wasm32-unknown-unknown --locked
check "release site build (scripts/build-site.sh)" bash scripts/build-site.sh
# A short run of every fuzz target (the long runs are scripts/fuzz.sh's and
# are recorded in docs/fuzzing.md): a crash on the committed seeds or in
# the first seconds fails the suite.
check "fuzz smoke (scripts/fuzz.sh --smoke, 10 s a target)" env FUZZ_SECONDS=10 bash scripts/fuzz.sh --smoke

if [[ " ${failed[*]} " == *"release site build"* ]]; then
  note "skipping the browser tests: there is no site to test"
else
  step "Browser tests (node --test, playwright-core, /usr/bin/chromium)"
  note "checks before the browser tests took $((SECONDS - started)) s"
  if ! node tests/e2e/run.mjs; then
    failed+=("browser tests")
  fi
fi

if [ "${#failed[@]}" -gt 0 ]; then
  printf '\nFAILED (%d): %s — total %d s\n' "${#failed[@]}" "$(IFS=','; echo "${failed[*]}")" "$((SECONDS - started))"
  exit 1
fi
