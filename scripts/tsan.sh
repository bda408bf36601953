#!/usr/bin/env bash
# Runs the threaded paths under ThreadSanitizer: `validate --threads 3` on the real files, the
# samples and a generated 5 MB file, `batch --jobs 2` (with and without --validate) on a folder
# of them, `convert` and `outputs`, which read ahead on a thread of their own (XML of 2.03 and
# older versions, and JSON back to XML), and `serve` with requests in parallel.
# Fails (exit 1) on any ThreadSanitizer report, and when the threaded validation report
# differs from the single-threaded one.
#
# Usage: scripts/tsan.sh [--skip-build]
#   --skip-build   use the existing ThreadSanitizer build in .build-tsan
# Environment: IATI_REFERENCE (default ../shared/iati), TSAN_DIR (default /tmp/iatix-tsan).
# Needs python3 with lxml for the generated file (pip install lxml).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
reference="${IATI_REFERENCE:-$root/../shared/iati}"
generator="${TSAN_GENERATOR:-$(dirname "$reference")/tools/gen_corpus.py}"
work="${TSAN_DIR:-/tmp/iatix-tsan}"
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --skip-build) build=0; shift ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

cd "$root"
if [ "$build" = 1 ]; then
    # The system allocator: ThreadSanitizer replaces it (jemalloc would hide accesses).
    IATIX_SYSTEM_MALLOC=1 swift build --product iatix --scratch-path .build-tsan --sanitize=thread
fi
iatix="$root/.build-tsan/debug/iatix"

rm -rf "$work"
mkdir -p "$work/in"
python3 "$generator" "$reference/real/v2" --size-mb 5 --out "$work/g5.xml" --seed 1
inputs=("$reference"/real/v2/*.xml "$root"/samples/*.xml "$work/g5.xml")
cp "${inputs[@]}" "$work/in/"

# A report is an error (exit 66), whatever iatix itself would have returned.
export TSAN_OPTIONS="exitcode=66 halt_on_error=0 second_deadlock_stack=1"
failed=0
# Says whether the run NAME (its exit STATUS, its standard error in $work/NAME.err) had a report.
check() {
    local name="$1" status="$2"
    if [ "$status" = 66 ] || grep -q "WARNING: ThreadSanitizer" "$work/$name.err"; then
        echo "$name: ThreadSanitizer reports (see $work/$name.err)"
        grep -A12 "WARNING: ThreadSanitizer" "$work/$name.err" | head -60
        failed=1
    else
        echo "$name: no ThreadSanitizer report (iatix exit $status)"
    fi
}
run() {
    local name="$1"; shift
    local status=0
    "$iatix" "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
    check "$name" "$status"
}

run validate-threads-3 validate --threads 3 "${inputs[@]}"
run validate-threads-0 validate --threads 0 "${inputs[@]}"
run batch-jobs-2 batch "$work/in" --out "$work/out" --jobs 2 --validate -q
run batch-jobs-2-convert batch "$work/in" --out "$work/out-plain" --jobs 2 -q
for format in jsonl json xml; do
    run "convert-$format" convert -q "$work/g5.xml" "$root"/samples/versions/*.xml --to "$format" -o "$work/convert-$format/"
done
# JSON back to XML: the records read ahead on a thread of their own, whole, and stopped by a
# broken record halfway.
for format in jsonl json; do
    run "convert-back-$format" convert -q "$work/convert-$format/g5.$format" --to xml -o "$work/back-$format.xml"
done
awk 'NR == 400 { print "{\"iatiIdentifier\": " ; next } { print }' "$work/convert-jsonl/g5.jsonl" > "$work/broken.jsonl"
run convert-back-broken convert -q "$work/broken.jsonl" --to xml -o "$work/back-broken.xml"
# Older versions take the node road, down which the reading thread takes records too when the
# consumer is behind: the 5 MB file declared 2.02, and the 1.05 sample's records 200 times over.
sed '0,/<iati-activities version="2.03"/s//<iati-activities version="2.02"/' "$work/g5.xml" > "$work/g5-2.02.xml"
python3 - "$root/samples/versions/ilo-vietnam-1.05.xml" "$work/many-1.05.xml" <<'PYTHON'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
start, end = text.index("<iati-activity"), text.rindex("</iati-activities>")
open(sys.argv[2], "w", encoding="utf-8").write(text[:start] + text[start:end] * 200 + text[end:])
PYTHON
run convert-older convert -q "$work/g5-2.02.xml" "$work/many-1.05.xml" --to jsonl -o "$work/convert-older/"
run flatten flatten -q "$work/g5.xml" "$root"/samples/versions/*.xml --out "$work/flatten"
run outputs outputs -q --framework "$root/samples/framework/vn-ilo-dwcp-2022-2026.yaml" "$work/in" -o "$work/outputs"

# iatix serve: requests in parallel through its pipes (bodies in, responses out, the job pool
# and its admission), clients that hang up, then SIGTERM; its report goes to the server's
# standard error.
serve_log="$work/serve.err"  # what check reads for "serve"
"$iatix" serve --port 0 --concurrency 2 --queue 8 --framework "$root/samples/framework/vn-ilo-dwcp-2022-2026.yaml" 2>"$serve_log" &
server=$!
for _ in $(seq 300); do grep -q "listening on" "$serve_log" && break; sleep 0.2; done
url="$(grep -o 'http://[0-9.]*:[0-9]*' "$serve_log" | head -1)"
clients=()
for endpoint in "/api/pub/validate" "/api/convert?to=jsonl" "/api/flatten?table=transactions" "/api/validate?format=html" "/api/outputs"; do
    for file in "$work/g5.xml" "$root/samples/broken-activities.xml" "$root/samples/not-well-formed.xml"; do
        curl -sS -o /dev/null --data-binary @"$file" -H 'Content-Type: application/xml' "$url$endpoint" &
        clients+=($!)
    done
done
wait "${clients[@]}" || true
# Then two clients that hang up while their workbook or report is made (once the places are
# free): the connection's watch stops each job from the network's side while its thread runs.
clients=()
for endpoint in "/api/flatten?table=budget_splits&format=xlsx" "/api/validate?format=html"; do
    curl -sS -o /dev/null --max-time 1 --data-binary @"$work/g5.xml" -H 'Content-Type: application/xml' "$url$endpoint" &
    clients+=($!)
done
wait "${clients[@]}" || true
kill -TERM "$server"
status=0
wait "$server" || status=$?
check serve "$status"

if cmp -s "$work/validate-threads-3.out" "$work/validate-threads-0.out"; then
    echo "validate: the report with 3 checking threads is byte for byte the single-threaded one"
else
    echo "validate: the reports with 3 and 0 checking threads differ"
    failed=1
fi
exit "$failed"
