#!/usr/bin/env bash
# The whole check, as CI runs it: the test suite, then the threaded paths under
# ThreadSanitizer (scripts/tsan.sh), then a bounded run of every fuzz target (scripts/fuzz.sh,
# FUZZ_SECONDS each, default 45). Fails on the first step that fails; ends by repeating the
# suite's closing lines.
set -euo pipefail
cd "$(dirname "$0")/.."

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
swift test 2>&1 | tee "$log"
echo "== ThreadSanitizer"
scripts/tsan.sh
echo "== fuzzing, ${FUZZ_SECONDS:-45} s per target"
scripts/fuzz.sh --seconds "${FUZZ_SECONDS:-45}"
echo "== the suite's result"
grep -E "^\s*Executed [0-9]+ tests|Test run with [0-9]+ tests" "$log" | tail -2
