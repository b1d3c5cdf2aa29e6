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

step "Indexer: cargo build --release -p build-index"
t0=$SECONDS
cargo build --release --locked -p build-index
note "done in $((SECONDS - t0)) s"

step "Site: build-index $corpus -o $site --app dist"
t0=$SECONDS
target/release/build-index "$corpus" -o "$site" --app dist "$@"
note "done in $((SECONDS - t0)) s"
