#!/usr/bin/env bash
# Builds the deployable site from seeds/: the reader app in release mode
# (Trunk → dist/), the indexer, then the index plus the app → site/.
# Expects the tools from scripts/setup.sh. Extra arguments go to build-index
# (e.g. --no-catalog); CORPUS and SITE override the input and output folders.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

corpus="${CORPUS:-seeds}"
site="${SITE:-site}"

step "Reader app: trunk build --release → dist/"
t0=$SECONDS
trunk build --release
note "done in $((SECONDS - t0)) s"

# The indexer carries the reader it just built (feature bundled-app reads
# dist/ through BUILD_INDEX_APP_DIR), so target/release/build-index alone can
# publish any corpus on a machine without Rust (docs/deploy.md).
step "Indexer: cargo build --release -p build-index --features bundled-app"
t0=$SECONDS
BUILD_INDEX_APP_DIR="$ROOT/dist" cargo build --release --locked -p build-index --features bundled-app
note "done in $((SECONDS - t0)) s"

# --app reads the reader from dist/ at run time rather than from the copy
# compiled in, so the site always carries the build that just finished.
step "Site: build-index $corpus -o $site --app dist"
t0=$SECONDS
"${CARGO_TARGET_DIR:-target}/release/build-index" "$corpus" -o "$site" --app dist "$@"
note "done in $((SECONDS - t0)) s"
