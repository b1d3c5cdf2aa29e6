#!/usr/bin/env bash
# Fuzz the readers of untrusted input with cargo-fuzz (libFuzzer).
#
#   scripts/fuzz.sh                      every target, 180 s each
#   FUZZ_SECONDS=1800 scripts/fuzz.sh html_reader text_segmenter
#   FUZZ_SECONDS=20 scripts/fuzz.sh --smoke   every target briefly (CI)
#
# Targets (fuzz/fuzz_targets/):
#   index_reader     one file of a valid index replaced by the input, then
#                    loaded and searched: every failure is a FormatError
#   query_parser     any query text parsed and searched on a small index
#   manifest         any bytes as manifest.json
#   text_segmenter   any text split into documents; lines stay in the input
#   html_reader      any bytes as an HTML page, encoding detection included
#   markdown_reader  any text as Markdown with front matter
#   file_decoder     any bytes through the encoding detector; lost text is
#                    always reported
#
# Seeds: fuzz/seeds/<target>/ (committed) start each run; what libFuzzer
# adds goes to fuzz/corpus/<target>/ (not committed). Each run appends its
# target, seconds, executions and exec/s to fuzz/runs.tsv (committed: the
# figures in docs/fuzzing.md add it up). A crash stops the run and lands in
# fuzz/artifacts/<target>/; reproduce it with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>
#
# Needs the nightly toolchain (the machine image has one) and cargo-fuzz,
# installed here from crates.io when missing. fuzz/ is its own workspace,
# so `cargo test --workspace` never builds it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT/fuzz"

smoke=""
targets=()
for a in "$@"; do
  case "$a" in
    --smoke) smoke=1 ;;
    *) targets+=("$a") ;;
  esac
done
default_seconds=180
[[ -z "$smoke" ]] || default_seconds=15
seconds="${FUZZ_SECONDS:-$default_seconds}"
all=(index_reader query_parser manifest text_segmenter html_reader markdown_reader file_decoder)
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")

step "cargo-fuzz (nightly)"
if ! rustup toolchain list | grep -q '^nightly'; then
  note "rustup toolchain install nightly"
  rustup toolchain install nightly --profile minimal
fi
if cargo +nightly fuzz --version >/dev/null 2>&1; then
  note "present: $(cargo +nightly fuzz --version)"
else
  note "cargo install cargo-fuzz (a few minutes on a cold machine)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install cargo-fuzz --locked
fi

[[ -f runs.tsv ]] || printf 'date\ttarget\tseconds\texecutions\texec_per_s\tresult\n' >runs.tsv
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "seeds/$t"
  step "fuzzing $t for ${seconds}s"
  log="$(mktemp)"
  started=$SECONDS
  result=ok
  # No sanitizer (-s none): engine and build-index forbid unsafe code, so
  # AddressSanitizer has nothing of theirs to watch, and it made the runs
  # 5 to 27 times slower. Panics, overflows caught by the targets' own
  # asserts, timeouts and out-of-memory are still found. Inputs stop at
  # 2 KB for the text readers (a page's worth of lines; their loops are
  # per line and per block) and 4 KB elsewhere.
  #
  # The text readers are also built without comparison tracing: most of
  # their compares run inside the regex crate's automata, where tracing
  # guides nothing and took three quarters of the time (3.9x faster
  # without). The binary parsers keep it: it is how libFuzzer finds their
  # magic numbers and lengths.
  max_len=4096
  build=()
  case "$t" in
    text_segmenter|html_reader|markdown_reader)
      max_len=2048
      build=(--no-trace-compares --target-dir target/no-trace-compares) ;;
  esac
  # -print_final_stats gives the executions; -close_fd_mask keeps the
  # targets' own output out of the log.
  if ! cargo +nightly fuzz run -s none "${build[@]}" "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$seconds" -max_len="$max_len" -print_final_stats=1 -close_fd_mask=3 \
      >"$log" 2>&1; then
    # A crash leaves a failing input; anything else (a build error) is
    # not a fuzzing result and is not recorded as one.
    if grep -q 'Failing input' "$log"; then result=crash; else result=error; fi
    status=1
    tail -40 "$log"
  fi
  execs="$(awk '/stat::number_of_executed_units/ { print $2 }' "$log" | tail -1)"
  rate="$(awk '/stat::average_exec_per_sec/ { print $2 }' "$log" | tail -1)"
  note "$t: ${execs:-?} executions, ${rate:-?}/s, $result"
  if [[ -z "$smoke" && "$result" != error ]]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$t" "$((SECONDS - started))" \
      "${execs:-0}" "${rate:-0}" "$result" >>runs.tsv
  fi
  rm -f "$log"
done
exit "$status"
