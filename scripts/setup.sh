#!/usr/bin/env bash
# Installs what the build and the tests need, and only what is missing:
# the wasm32 target, Trunk, wasm-bindgen-cli (at the Cargo.lock version),
# the npm tools (wasm-opt from binaryen, Playwright, axe, ESLint), Chromium and
# chromedriver, and the crates. Everything comes from the package registries;
# nothing is downloaded from GitHub. Safe to run again: a second run on a
# set-up machine only checks versions and takes seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

started=$SECONDS

# Release builds of the tools themselves: thin LTO off and more codegen units
# cut Trunk's install from ~13 to ~9 minutes on two cores, at no cost to us.
fast_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install "$@"
}

# Runs apt-get as root, through sudo when we are not root.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    echo "error: '$*' needs root and sudo is not available" >&2
    exit 1
  fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    note "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  note "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" </dev/null
}

step "Rust toolchain"
if ! command -v cargo >/dev/null 2>&1 || ! command -v rustup >/dev/null 2>&1; then
  echo "error: cargo and rustup are required (https://rustup.rs); install the stable toolchain first" >&2
  exit 1
fi
note "$(rustc --version)"
# The workspace's rust-version is the floor; newer stable releases are fine.
need_rust="$(awk -F'"' '/^rust-version/ { print $2; exit }' Cargo.toml)"
have_rust="$(rustc --version | awk '{ print $2 }')"
if [ "$(printf '%s\n%s\n' "$need_rust" "$have_rust" | sort -V | head -n1)" != "$need_rust" ]; then
  echo "error: rustc $have_rust is older than the workspace's rust-version $need_rust; run 'rustup update stable'" >&2
  exit 1
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    note "rustup component add $component"
    rustup component add "$component"
  fi
done
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  note "wasm32-unknown-unknown target: present"
else
  note "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

step "Trunk $TRUNK_VERSION"
# 0.22 needs a newer rustc than the machine's stable; pin the last 0.21.
have_trunk="$(trunk --version 2>/dev/null | awk '{ print $2 }' || true)"
if [ "$have_trunk" = "$TRUNK_VERSION" ]; then
  note "present"
else
  note "installing (found '${have_trunk:-none}'; takes ~9 minutes on a cold machine)"
  fast_install trunk --version "=$TRUNK_VERSION" --locked --force
  have_trunk="$(trunk --version 2>/dev/null | awk '{ print $2 }' || true)"
  if [ "$have_trunk" != "$TRUNK_VERSION" ]; then
    echo "error: installed Trunk $TRUNK_VERSION, but 'trunk' on PATH ($(command -v trunk)) is '$have_trunk'" >&2
    exit 1
  fi
fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (from Cargo.lock)"
trunk_pin="$(awk -F'"' '/^wasm_bindgen[[:space:]]*=/ { print $2; exit }' Trunk.toml)"
if [ "$trunk_pin" != "$WASM_BINDGEN_VERSION" ]; then
  echo "error: Trunk.toml pins wasm_bindgen = \"$trunk_pin\" but Cargo.lock has $WASM_BINDGEN_VERSION; make them equal" >&2
  exit 1
fi
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)"
if [ "$have_wb" = "$WASM_BINDGEN_VERSION" ]; then
  note "present"
else
  note "installing (found '${have_wb:-none}'; takes ~6 minutes on a cold machine)"
  # Not --locked: the CLI's own lockfile pins a crate version the registry
  # no longer serves, so resolution has to pick current compatible versions.
  fast_install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
  have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)"
  if [ "$have_wb" != "$WASM_BINDGEN_VERSION" ]; then
    echo "error: installed wasm-bindgen-cli $WASM_BINDGEN_VERSION, but 'wasm-bindgen' on PATH ($(command -v wasm-bindgen)) is '$have_wb'" >&2
    exit 1
  fi
fi

step "npm packages (package-lock.json: wasm-opt, Playwright, axe, Lighthouse, ESLint)"
if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
note "node $(node --version), npm $(npm --version)"
lock_sum="$(sha256sum package-lock.json | awk '{ print $1 }')"
stamp="node_modules/.setup-lock-sha256"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
  note "node_modules matches package-lock.json"
else
  note "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$stamp"
fi
if ! wasm-opt --version | grep -q 'version_132'; then
  echo "error: wasm-opt on PATH is not binaryen 132: $(command -v wasm-opt)" >&2
  exit 1
fi
note "$(wasm-opt --version)"

step "Chromium and chromedriver"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ "${#missing[@]}" -eq 0 ]; then
  note "present: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
else
  apt_install "${missing[@]}"
fi

step "Crates (cargo fetch --locked)"
# Trunk runs cargo with --offline, so every crate must be in the local cache
# (without --target, cargo fetch covers the wasm32-only crates too).
if cargo fetch --locked --offline --quiet 2>/dev/null; then
  note "all crates cached"
else
  cargo fetch --locked
fi

step "setup done in $((SECONDS - started)) s"
