#!/usr/bin/env bash
# Fuzz the engine's index reader and query parser with cargo-fuzz (libFuzzer).
# Not a CI gate: run it by hand after changing engine/src/format or the query
# parser.
#
#   scripts/fuzz.sh                 both targets, 180 s each
#   FUZZ_SECONDS=600 scripts/fuzz.sh index_reader
#
# Targets (fuzz/fuzz_targets/):
#   index_reader  replaces one file of a valid index (manifest, docmeta,
#                 dictionary chunk, postings chunk, doc chunk, ids) with the
#                 input — optionally wrapped in a valid envelope so the parser
#                 behind the checksum is reached — then loads and searches:
#                 every failure must be a FormatError, never a panic.
#   query_parser  parses any text as a query and searches a small index with
#                 it; snippets and highlight ranges must stay in bounds.
#
# Needs the nightly toolchain and cargo-fuzz (installed here if missing).
# fuzz/ is its own workspace, so `cargo test --workspace` never builds it.
# Crashes land in fuzz/artifacts/<target>/; reproduce one with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"
seconds="${FUZZ_SECONDS:-180}"
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(index_reader query_parser)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked

for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== fuzzing $t for ${seconds}s"
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=4096
done
