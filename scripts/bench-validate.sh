#!/usr/bin/env bash
# Times `iatix validate` against `xmllint --stream --schema` (official 2.03 XSD) on generated
# files of 50 MB and 100 MB, side by side in one run, and prints wall time, CPU time, the
# ratio to xmllint and peak memory (RSS), to show speed and that memory stays flat.
#
# Usage: scripts/bench-validate.sh [--rules FILE] [--keep] [--skip-build]
#   --rules FILE   also run iatix with this ruleset (e.g. ../shared/iati/rulesets/standard.json)
#   --keep         keep the generated files in $BENCH_DIR (default /tmp/iatix-bench)
#   --skip-build   use the existing release build
# Environment: IATI_REFERENCE (default ../shared/iati), BENCH_DIR, BENCH_SIZES ("50 100").
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
reference="${IATI_REFERENCE:-$root/../shared/iati}"
generator="${BENCH_GENERATOR:-$(dirname "$reference")/tools/gen_corpus.py}"
bench_dir="${BENCH_DIR:-/tmp/iatix-bench}"
sizes="${BENCH_SIZES:-50 100}"
rules=""
keep=0
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --rules) rules="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --skip-build) build=0; shift ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

schema="$reference/schemas/2.03/iati-activities-schema.xsd"
for needed in "$schema" "$generator"; do
    [ -e "$needed" ] || { echo "not found: $needed (set IATI_REFERENCE)" >&2; exit 2; }
done
command -v xmllint >/dev/null || { echo "xmllint is not installed (apt-get install libxml2-utils)" >&2; exit 2; }
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time for peak memory figures" >&2
    apt-get install -y time >/dev/null 2>&1 || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }
fi

if [ "$build" = 1 ]; then
    echo "building iatix (release)…" >&2
    (cd "$root" && swift build -c release --scratch-path .build-val >&2)
fi
iatix="$root/.build-val/release/iatix"
[ -x "$iatix" ] || { echo "no release build at $iatix" >&2; exit 2; }

mkdir -p "$bench_dir"
cleanup() { [ "$keep" = 1 ] || rm -f "$bench_dir"/corpus-*.xml "$bench_dir"/time-*.txt; }
trap cleanup EXIT

# Runs a command under GNU time; prints "wall user+sys peakKB".
measure() {
    local out="$bench_dir/time-$$.txt"
    /usr/bin/time -f "%e %U %S %M" -o "$out" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$out" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}

printf '%-8s %-34s %9s %9s %7s %11s\n' "size" "tool" "wall s" "cpu s" "ratio" "peak RSS"
for size in $sizes; do
    corpus="$bench_dir/corpus-$size.xml"
    if [ ! -s "$corpus" ]; then
        python3 "$generator" "$reference/real/v2" --size-mb "$size" --out "$corpus" --seed 1 >&2
    fi
    # Warm the page cache so that both tools read from memory.
    cat "$corpus" >/dev/null
    read -r x_wall x_cpu x_rss < <(measure xmllint --stream --noout --schema "$schema" "$corpus")
    printf '%-8s %-34s %9s %9s %7s %8s MB\n' "${size}MB" "xmllint --stream --schema 2.03" "$x_wall" "$x_cpu" "1.00" "$((x_rss / 1024))"
    runs=("iatix validate --no-rules|--no-rules" "iatix validate (default rules)|")
    [ -n "$rules" ] && runs+=("iatix validate --rules|--rules $rules")
    for run in "${runs[@]}"; do
        label="${run%%|*}"
        extra="${run#*|}"
        # shellcheck disable=SC2086
        read -r i_wall i_cpu i_rss < <(measure "$iatix" validate --fail-on never $extra "$corpus")
        ratio=$(awk -v a="$i_wall" -v b="$x_wall" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
        printf '%-8s %-34s %9s %9s %7s %8s MB\n' "${size}MB" "$label" "$i_wall" "$i_cpu" "$ratio" "$((i_rss / 1024))"
    done
done
echo "ratio: wall time over xmllint's on the same file; target ≤ 1.50. Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)." >&2
