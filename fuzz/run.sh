#!/bin/sh
# Fuzzes load → check → derive → render → write of one disclosure for SECONDS (default 60),
# then prints how many inputs ran and what crashed.
#
#   fuzz/run.sh 600            # ten minutes
#   nice -n 10 fuzz/run.sh 600 # on a busy machine
#
# Needs cargo-fuzz (installed from crates.io if missing) and a C++ compiler for libFuzzer.
# Stable Rust works: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags. Inputs found along
# the way go to fuzz/found/corpus (not committed); the seeds are fuzz/corpus/disclosure.
# disclosure.dict lists the format's field names and YAML's indicators for the mutator.
# A crash stops the run; its input is saved in fuzz/artifacts/disclosure/ — reproduce it
# with `RUSTC_BOOTSTRAP=1 cargo fuzz run disclosure FILE`, fix it, and copy it into
# fuzz/regressions/, whose every file `cargo test` runs (tests/it/hostile_yaml.rs).
set -eu
cd "$(dirname "$0")"
seconds=${1:-60}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
mkdir -p found/corpus
log=found/last-run.log
before=$(ls artifacts/disclosure 2>/dev/null | wc -l)
status=0
# Where the target builds its one-disclosure site: in memory when /dev/shm exists.
GONGKAI_FUZZ_DIR=$(mktemp -d -p "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}" )" gongkai-fuzz.XXXXXX)
export GONGKAI_FUZZ_DIR
trap 'rm -rf "$GONGKAI_FUZZ_DIR"' EXIT
# -timeout: an input taking over 10 s counts as a hang; -rss_limit_mb: as runaway memory.
cargo fuzz run --debug-assertions disclosure found/corpus corpus/disclosure -- \
    -dict=disclosure.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
after=$(ls artifacts/disclosure 2>/dev/null | wc -l)
tail -n 5 "$log"
echo "fuzzed ${seconds} s: ${execs:-?} executions, $((after - before)) new crash input(s)" \
    "in fuzz/artifacts/disclosure, corpus $(ls found/corpus | wc -l) inputs; log: fuzz/$log"
if [ "$status" -ne 0 ]; then
    grep -m1 -A15 -E 'panicked|ERROR: libFuzzer|SUMMARY' "$log" || true
    exit "$status"
fi
