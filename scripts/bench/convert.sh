#!/usr/bin/env bash
# Convert beside the references of issue 10, on the same generated file, in one run: an empty
# libxml2 SAX2 parse (the limit), `xmllint --stream --noout`, an lxml iterparse → JSON Lines
# script, and `iatix convert` to jsonl, json and xml. Each command runs RUNS times (default 3);
# the median wall time, CPU time and peak memory are printed, with ratios to the SAX parse and
# to the lxml script.
#
#   scripts/bench/convert.sh [SIZE_MB]        (default 100; needs a release build)
#
# Environment: IATIX (binary, default .build/release/iatix), REFERENCE (default ../shared/iati),
# WORK (scratch folder, default /tmp/iatix-bench), RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:-100}
iatix=${IATIX:-.build/release/iatix}
reference=${REFERENCE:-../shared/iati}
work=${WORK:-/tmp/iatix-bench}
runs=${RUNS:-3}
mkdir -p "$work"
corpus="$work/corpus-${size}mb.xml"
[ -x "$iatix" ] || { echo "build first: swift build -c release" >&2; exit 1; }
command -v xmllint >/dev/null || { echo "needs xmllint (apt-get install libxml2-utils)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
python3 -c 'import lxml' 2>/dev/null || { echo "needs lxml (python3 -m pip install lxml)" >&2; exit 1; }
cc -O2 scripts/bench/sax-empty.c $(pkg-config --cflags --libs libxml-2.0) -o "$work/sax-empty"
if [ ! -s "$corpus" ]; then
    python3 "$reference/../tools/gen_corpus.py" "$reference/real/v2" --size-mb "$size" --out "$corpus" --seed 1
fi
echo "input: $corpus ($(stat -L -c %s "$corpus") bytes), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $runs runs each"

# median of RUNS runs of a command (stdout to /dev/null): "wall cpu peakMB"
measure() {
    local i
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
        cat "$work/time"
    done | awk '{ print $1, $2 + $3, $4 / 1024 }' | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2)'
}

printf '%-34s %8s %8s %9s %9s %9s\n' command wall cpu peakMB "×SAX" "×lxml"
sax=$(measure "$work/sax-empty" "$corpus"); saxWall=${sax%% *}
lxml=$(measure python3 scripts/bench/lxml_jsonl.py "$corpus"); lxmlWall=${lxml%% *}
row() {
    local label=$1 result=$2
    read -r wall cpu peak <<<"$result"
    awk -v l="$label" -v w="$wall" -v c="$cpu" -v p="$peak" -v s="$saxWall" -v x="$lxmlWall" \
        'BEGIN { printf "%-34s %7.2fs %7.2fs %8.1f %8.2f× %8.2f×\n", l, w, c, p, w / s, w / x }'
}
row "libxml2 SAX2, empty handlers" "$sax"
row "xmllint --stream --noout" "$(measure xmllint --stream --noout "$corpus")"
row "lxml iterparse to JSON Lines" "$lxml"
for format in jsonl json xml; do
    row "iatix convert --to $format" "$(measure "$iatix" convert -q "$corpus" --to "$format" -o -)"
done
