#!/usr/bin/env bash
# Lighthouse on the search page of the release build, served locally: prints
# the four category scores (performance, accessibility, best practices, SEO).
# A benchmark, not a CI gate. Uses npm lighthouse@13.5.0 from the project's
# dev dependencies (scripts/setup.sh), or a temporary install if missing,
# and Debian's Chromium.
#
#   bash scripts/lighthouse.sh [site-dir] [runs]
#   PRESET=desktop bash scripts/lighthouse.sh    # Lighthouse's desktop profile
#                                                # (default: its mobile profile)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITE="${1:-$ROOT/site}"
RUNS="${2:-1}"
PORT="${PORT:-0}"
CHROME="${CHROME_PATH:-/usr/bin/chromium}"
PRESET_FLAG=()
[ -n "${PRESET:-}" ] && PRESET_FLAG=(--preset="$PRESET")

[ -f "$SITE/index.html" ] || { echo "lighthouse: $SITE/index.html missing; run bash scripts/build-site.sh" >&2; exit 1; }

LH="$ROOT/node_modules/.bin/lighthouse"
if [ ! -x "$LH" ]; then
  tmp="$(mktemp -d)"
  echo "lighthouse: installing lighthouse@13.5.0 into $tmp" >&2
  (cd "$tmp" && npm i --no-save --silent lighthouse@13.5.0 >/dev/null)
  LH="$tmp/node_modules/.bin/lighthouse"
fi

out="$(mktemp -d)"
log="$out/server.log"
node "$ROOT/tests/e2e/support/serve.mjs" --root "$SITE" --port "$PORT" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 50); do grep -q "^Serving" "$log" && break; sleep 0.1; done
url="$(sed -n 's/^Serving .* at //p' "$log")"
[ -n "$url" ] || { cat "$log" >&2; exit 1; }

for run in $(seq "$RUNS"); do
  CHROME_PATH="$CHROME" "$LH" "$url" --quiet "${PRESET_FLAG[@]}" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output-path="$out/report-$run.json" 2>/dev/null || true
  [ -n "${KEEP_REPORTS:-}" ] && cp "$out/report-$run.json" "$KEEP_REPORTS/report-$run.json"
  node -e '
    const r = require(process.argv[1]);
    const c = r.categories;
    const s = (k) => (c[k] && c[k].score !== null ? Math.round(c[k].score * 100) : "n/a");
    console.log(`run ${process.argv[2]}: performance ${s("performance")}, accessibility ${s("accessibility")}, best practices ${s("best-practices")}, SEO ${s("seo")}`);
    const a = r.audits;
    const m = (k) => (a[k] ? a[k].displayValue : "n/a");
    console.log(`  FCP ${m("first-contentful-paint")}, LCP ${m("largest-contentful-paint")}, TBT ${m("total-blocking-time")}, CLS ${m("cumulative-layout-shift")}, SI ${m("speed-index")}`);
    const lcp = a["largest-contentful-paint-element"];
    const item = lcp && lcp.details && lcp.details.items && lcp.details.items[0];
    const node = item && (item.node || (item.items && item.items[0] && item.items[0].node));
    if (node) console.log(`  LCP element: ${node.snippet}`);
    for (const [k, cat] of Object.entries(c)) {
      for (const ref of cat.auditRefs) {
        const au = a[ref.id];
        if (ref.weight > 0 && au && au.score !== null && au.score < 0.9) console.log(`  ${k}: ${ref.id} = ${au.score} ${au.displayValue ?? ""}`);
      }
    }
  ' "$out/report-$run.json" "$run"
done
