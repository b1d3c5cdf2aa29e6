#!/usr/bin/env bash
# Main-text extraction and plain-text splitting, measured in one run:
#   1. the article-extraction dev set (../shared/article-extraction-dev):
#      shingle precision / recall / F1 of build-index and of Python
#      trafilatura on the same pages;
#   2. the layout corpus (bench/layouts, made by bench/layouts/make.py from
#      registry text): boundary F1, title and date accuracy.
# Installs trafilatura (PyPI) when missing. Not a CI gate.
#
#   bash scripts/bench-extraction.sh [--per-page FILE]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
dev="${EXTRACTION_DEV:-$ROOT/../shared/article-extraction-dev}"
[[ -d "$dev" ]] || { echo "error: no dev set at $dev (set EXTRACTION_DEV)" >&2; exit 1; }
if ! python3 -c 'import trafilatura, lxml_html_clean' 2>/dev/null; then
  step "pip install trafilatura lxml_html_clean"
  python3 -m pip install --quiet trafilatura lxml_html_clean 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages trafilatura lxml_html_clean
fi
step "cargo build --release -p build-index"
cargo build --release --locked -p build-index --quiet
step "HTML main text"
python3 bench/extraction/score.py "$dev" target/release/build-index "$@"
if [[ -f bench/layouts/make.py ]]; then
  step "plain-text layouts"
  python3 bench/layouts/make.py --check target/release/build-index
fi
