#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, with AddressSanitizer) of the parsers iatix owns:
#   convert   any bytes as IATI XML → JSON and canonical XML; the XML read again gives the same JSON
#   json      any bytes as normalised JSON / JSON Lines → XML → JSON → XML, stable
#   validate  any bytes validated with the default rules; no finding past the input's last line
#   rates     any bytes as a rates file (IMF monthly layout and the outputs' own)
#   framework any bytes as a cooperation framework (YAML)
#   ruleset   any bytes as an IATI Rulesets JSON file, run on the sample
#   archive   any bytes as a zip / tar / tar.gz archive, every member read
#   flatten   any bytes as IATI XML flattened to every table; each amount's split rows add up to it,
#             converted amounts too
# Seeds come from samples/ and the IATI reference folder, read at run time (nothing copied into
# the repository), plus files made here. Fails (exit 1) on any crash, leak, timeout (over 10 s
# on one input), memory blow-up (over 2 GB) or broken property; the input is kept in the work
# folder (crash-*, leak-*, timeout-*, oom-*) and printed.
#
# Usage: scripts/fuzz.sh [--seconds N] [--skip-build] [TARGET...]
#   --seconds N    how long each target runs (default 60)
#   --skip-build   use the existing build in .build-fuzz
# Environment: IATI_REFERENCE (default ../shared/iati), FUZZ_DIR (default /tmp/iatix-fuzz; the
# corpora grow there from run to run).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
reference="${IATI_REFERENCE:-$root/../shared/iati}"
work="${FUZZ_DIR:-/tmp/iatix-fuzz}"
seconds=60
build=1
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --skip-build) build=0; shift ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(convert json validate rates framework ruleset archive flatten)

cd "$root"
flags=(--scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)
if [ "$build" = 1 ]; then
    for target in "${targets[@]}"; do
        # The system allocator: AddressSanitizer replaces it.
        IATIX_FUZZ=1 IATIX_SYSTEM_MALLOC=1 swift build "${flags[@]}" --product "fuzz-$target" 2>&1 | grep -Ev '^\[|^Building|^Compiling|^Write' || true
    done
fi
bin="$root/.build-fuzz/debug"

# Seed corpora: copies in the work folder, never in the repository.
seed() { # target files...
    local folder="$work/corpus/$1"; shift
    mkdir -p "$folder"
    for file in "$@"; do
        [ -f "$file" ] && [ "$(stat -c %s "$file")" -lt 1000000 ] && cp -n "$file" "$folder/" 2>/dev/null || true
    done
}
xml_seeds=("$root"/samples/*.xml "$root"/samples/versions/*.xml)
[ -d "$reference" ] && xml_seeds+=("$reference"/real/v2/*.xml "$reference"/real/v1/*.xml)
seed convert "${xml_seeds[@]}"
seed validate "${xml_seeds[@]}"
seed flatten "${xml_seeds[@]}"
seed framework "$root"/samples/framework/*.yaml
seed rates "$reference"/flatten-expected/rates.csv
seed ruleset "$reference"/rulesets/*.json
mkdir -p "$work/corpus/rates" "$work/corpus/json" "$work/corpus/archive"
printf 'date,currency,rate,target\n2024-01-31,VND,0.000041,USD\n' > "$work/corpus/rates/outputs-layout.csv"
# JSON seeds: the samples converted (first byte 0: a document, 1: JSON Lines).
if [ -x "$root/.build/debug/iatix" ] || [ -x "$root/.build/release/iatix" ]; then
    iatix="$root/.build/debug/iatix"; [ -x "$iatix" ] || iatix="$root/.build/release/iatix"
    for file in "$root"/samples/*.xml "$root"/samples/versions/*.xml; do
        name="$(basename "$file" .xml)"
        { printf '\0'; "$iatix" convert "$file" --to json -o - 2>/dev/null; } > "$work/corpus/json/$name.json" || true
        { printf '\1'; "$iatix" convert "$file" --to jsonl -o - 2>/dev/null; } > "$work/corpus/json/$name.jsonl" || true
    done
fi
python3 - "$work/corpus/archive" "$root/samples" <<'PY'
import io, os, sys, tarfile, zipfile
out, samples = sys.argv[1], sys.argv[2]
files = [os.path.join(samples, f) for f in sorted(os.listdir(samples)) if f.endswith(".xml")][:2]
with zipfile.ZipFile(os.path.join(out, "samples.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for f in files: z.write(f, "data/" + os.path.basename(f))
for mode, name in (("w", "samples.tar"), ("w:gz", "samples.tar.gz")):
    with tarfile.open(os.path.join(out, name), mode) as t:
        for f in files: t.add(f, "data/" + os.path.basename(f))
PY

# A property that fails stops the target with fatalError. Swift's own crash reporter would then
# start, and under AddressSanitizer it faults and hangs; libFuzzer already reports the crash
# and keeps the input.
export SWIFT_BACKTRACE=enable=no
status=0
summary=()
for target in "${targets[@]}"; do
    artifacts="$work/artifacts/$target"
    mkdir -p "$artifacts"
    dict=()
    case "$target" in convert|validate|json|flatten) dict=(-dict="$root/Fuzz/iati-xml.dict") ;; esac
    log="$work/$target.log"
    echo "fuzz-$target: ${seconds}s"
    if ! (cd "$artifacts" && "$bin/fuzz-$target" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=200000 -print_final_stats=1 -artifact_prefix="$artifacts/" "$work/corpus/$target") > "$log" 2>&1; then
        status=1
        echo "fuzz-$target FAILED: see $log; inputs kept in $artifacts:" >&2
        ls "$artifacts" >&2
        grep -E "ERROR|property failed|Fatal error|SUMMARY" "$log" | head -5 >&2 || true
    fi
    runs="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo 0)"
    speed="$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo 0)"
    coverage="$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)"
    summary+=("fuzz-$target: $runs runs, $speed/s, $coverage, corpus $(ls "$work/corpus/$target" | wc -l) files")
done
printf '%s\n' "${summary[@]}"
exit $status
