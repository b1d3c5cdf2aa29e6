#!/usr/bin/env bash
# One command from a fresh clone to the reader running on the seeds:
# installs what is missing, builds the index and the release app, and serves
# the site on http://127.0.0.1:8080 (PORT=... to change) until Ctrl+C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

port="${PORT:-8080}"

bash scripts/setup.sh
bash scripts/build-site.sh

args=(--root site --port "$port")
# Serve with the headers the site ships for static hosts (CSP, caching,
# MIME types), so what works here works when deployed.
if [ -f site/_headers ]; then
  args+=(--headers-file site/_headers)
fi
step "Serving site/ — open http://127.0.0.1:$port/"
exec node tests/e2e/support/serve.mjs "${args[@]}"
