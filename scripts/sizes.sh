#!/usr/bin/env bash
# Prints the size of what a visitor downloads: the reader app in dist/
# (wasm, js, css, html) and the index in site/index/, raw and gzipped (-9).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

gz() { gzip -9 -c "$1" | wc -c; }
row() { printf '%-44s %10s %10s\n' "$1" "$2" "$3"; }

total_raw=0
total_gz=0
row "file" "raw B" "gzip B"
for f in dist/*.wasm dist/*.js dist/*.css dist/index.html site/index/*; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  zip=$(gz "$f")
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + zip))
  row "$f" "$raw" "$zip"
done
row "total" "$total_raw" "$total_gz"
