#!/usr/bin/env bash
# Converts one generated file side by side with `xmllint --stream --noout` (and, with
# OUTPUTS=1, `iatix outputs` on the same file), printing wall time, CPU time, throughput and
# peak memory of each.
#
#   scripts/bench-convert.sh [SIZE_MB]        (default 1000; needs a release build)
#
# Environment: IATIX (binary, default .build/release/iatix), REFERENCE (default ../shared/iati),
# WORK (scratch folder, default /tmp/iatix-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1000}
iatix=${IATIX:-.build/release/iatix}
reference=${REFERENCE:-../shared/iati}
work=${WORK:-/tmp/iatix-bench}
mkdir -p "$work"
corpus="$work/corpus-${size}mb.xml"
[ -x "$iatix" ] || { echo "build first: swift build -c release" >&2; exit 1; }
command -v xmllint >/dev/null || { echo "needs xmllint (apt-get install libxml2-utils)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ ! -s "$corpus" ]; then
    python3 "$reference/../tools/gen_corpus.py" "$reference/real/v2" --size-mb "$size" --out "$corpus" --seed 1
fi
bytes=$(stat -L -c %s "$corpus")

run() {
    local label=$1; shift
    /usr/bin/time -f "%e %U %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    read -r wall user rss < "$work/time"
    awk -v l="$label" -v w="$wall" -v u="$user" -v r="$rss" -v b="$bytes" \
        'BEGIN { printf "%-28s %8.1f s wall %8.1f s cpu %8.1f MB/s %8.1f MB peak\n", l, w, u, b / 1e6 / w, r / 1024 }'
    echo "$wall" > "$work/last"
}

echo "input: $corpus ($(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
run "xmllint --stream --noout" xmllint --stream --noout "$corpus"; reference_time=$(cat "$work/last")
for format in json jsonl xml; do
    run "iatix convert --to $format" "$iatix" convert -q "$corpus" --to "$format" -o "$work/out.$format"
    awk -v a="$(cat "$work/last")" -v b="$reference_time" 'BEGIN { printf "%-28s %8.2f× xmllint\n", "", a / b }'
    rm -f "$work/out.$format"
done
if [ "${OUTPUTS:-0}" = 1 ]; then
    run "iatix outputs" "$iatix" outputs -q --framework samples/framework/vn-ilo-dwcp-2022-2026.yaml "$corpus" -o "$work/outputs"
fi
