# Sourced by the other scripts: one place for the paths and pinned versions.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Trunk looks up wasm-opt on PATH and accepts it only at the pinned version,
# so the npm binaryen@132 copy must win over any older system wasm-opt.
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION="0.21.14"
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly,
# or the generated JS glue and the wasm disagree at run time.
WASM_BINDGEN_VERSION="$(awk '
  $0 == "name = \"wasm-bindgen\"" { found = 1; next }
  found && /^version = / { gsub(/"/, "", $3); print $3; exit }
' "$ROOT/Cargo.lock")"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export TRUNK_VERSION WASM_BINDGEN_VERSION CHROMIUM

# Prints a step header; the scripts narrate what they do so CI logs explain
# where the time went.
step() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
