#!/usr/bin/env bash
# Prints the size of what a visitor downloads, raw and gzipped (-9): the
# reader app (Trunk's dist/ as copied into site/: wasm, js incl. the service
# worker, css, html), the index in site/index/, and
# the one-file offline download. Run after scripts/build-site.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

row() { printf '%-46s %10s %10s\n' "$1" "$2" "$3"; }

# Prints one row per file and then a subtotal row for the group.
group() {
  local label="$1"
  shift
  local raw_sum=0 gz_sum=0 f raw zip
  for f in "$@"; do
    [ -f "$f" ] || continue
    raw=$(wc -c <"$f")
    zip=$(gzip -9 -c "$f" | wc -c)
    raw_sum=$((raw_sum + raw))
    gz_sum=$((gz_sum + zip))
    row "$f" "$raw" "$zip"
  done
  row "= $label" "$raw_sum" "$gz_sum"
  echo
}

if [ ! -f site/index.html ] || [ ! -f site/index/manifest.json ]; then
  echo "no build to measure: run bash scripts/build-site.sh first" >&2
  exit 1
fi
row "file" "raw B" "gzip B"
# The app as deployed: the copy of dist/ that build-index put in site/.
group "reader app (Trunk dist/, as copied to site/)" site/*.wasm site/*.js site/*.css site/index.html
group "index (site/index/)" site/index/*
group "one-file download" site/offline.html
