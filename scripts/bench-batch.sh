#!/usr/bin/env bash
# Benchmark `iatix batch`: --jobs 1 against --jobs 2 on the same generated corpus of at least
# 2,000 files and 1 GB, with wall times, their ratio and peak memory (GNU time).
#
#   scripts/bench-batch.sh                 # release build in .build-batch, corpus in /tmp
#   BENCH_DIR=/scratch/bench BENCH_SIZE_MB=2000 scripts/bench-batch.sh
#
# Environment: BENCH_DIR (default /tmp/iatix-bench-batch: corpus and outputs, never the repo),
# BENCH_SIZE_MB (corpus size, default 1100), IATI_REFERENCE (default ../shared/iati),
# SCRATCH (SwiftPM scratch path, default .build-batch), IATIX (a binary to use instead).
# The corpus is generated once and reused while its parameters stay the same.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/iatix-bench-batch}
SIZE_MB=${BENCH_SIZE_MB:-1100}
REFERENCE=${IATI_REFERENCE:-$ROOT/../shared/iati}
SCRATCH=${SCRATCH:-.build-batch}
GEN=$REFERENCE/../tools/gen_corpus.py
MIN_FILES=2000

case "$WORK" in "$ROOT"|"$ROOT"/*) echo "BENCH_DIR must be outside the repository" >&2; exit 2 ;; esac
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 2; }
[ -f "$GEN" ] || { echo "gen_corpus.py not found at $GEN (set IATI_REFERENCE)" >&2; exit 2; }

if [ -n "${IATIX:-}" ]; then
    BIN=$IATIX
else
    echo "== building iatix (release, --scratch-path $SCRATCH)"
    mkdir -p "$WORK"
    if ! (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product iatix > "$WORK/build.log" 2>&1); then
        tail -20 "$WORK/build.log" >&2
        exit 1
    fi
    BIN=$ROOT/$SCRATCH/release/iatix
fi

CORPUS=$WORK/corpus
STAMP="size=$SIZE_MB seed=7 split=2024 v1"
mkdir -p "$WORK"
if [ "$(cat "$CORPUS/.params" 2>/dev/null || true)" != "$STAMP" ]; then
    echo "== generating a ${SIZE_MB} MB corpus in $CORPUS"
    rm -rf "$CORPUS"
    mkdir -p "$CORPUS"
    python3 "$GEN" "$REFERENCE/real/v2" --size-mb "$SIZE_MB" --seed 7 --out "$WORK/source.xml" >/dev/null
    # Split at activity boundaries into files of deterministic, log-uniform sizes
    # (30 KB to 1.5 MB), spread over 60 publisher folders.
    python3 - "$WORK/source.xml" "$CORPUS" <<'PY'
import math, os, random, sys
source, corpus = sys.argv[1], sys.argv[2]
rng = random.Random(2024)
def target():
    return int(math.exp(rng.uniform(math.log(30_000), math.log(1_500_000))))
with open(source, "rb") as f:
    header = f.readline() + f.readline()          # XML declaration, <iati-activities ...>
    footer = b"</iati-activities>\n"
    count, out, size, goal = 0, None, 0, 0
    def close():
        global out
        if out:
            out.write(footer)
            out.close()
            out = None
    for line in f:
        if line.startswith(b"</iati-activities>"):
            break
        if line.startswith(b"<iati-activity") and (out is None or size >= goal):
            close()
            count += 1
            folder = os.path.join(corpus, "publisher-%02d" % (count % 60))
            os.makedirs(folder, exist_ok=True)
            out = open(os.path.join(folder, "activities-%05d.xml" % count), "wb")
            out.write(header)
            size, goal = len(header), target()
        if out is not None:
            out.write(line)
            size += len(line)
    close()
print(count)
PY
    rm -f "$WORK/source.xml"
    echo "$STAMP" > "$CORPUS/.params"
fi

FILES=$(find "$CORPUS" -name '*.xml' | wc -l)
BYTES=$(find "$CORPUS" -name '*.xml' -printf '%s\n' | awk '{ s += $1 } END { print s }')
echo "== corpus: $FILES files, $((BYTES / 1000000)) MB"
if [ "$FILES" -lt "$MIN_FILES" ] || [ "$BYTES" -lt 1000000000 ]; then
    echo "the corpus is smaller than $MIN_FILES files / 1 GB: raise BENCH_SIZE_MB" >&2
    exit 1
fi

# Read the corpus once so that both runs start with it in the page cache.
find "$CORPUS" -name '*.xml' -exec cat {} + > /dev/null

seconds() {  # "h:mm:ss" or "m:ss.ss" → seconds
    awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'
}

declare -A WALL RSS
for JOBS in 1 2; do
    OUT=$WORK/out-jobs$JOBS
    rm -rf "$OUT"
    echo "== iatix batch --jobs $JOBS"
    STATUS=0
    /usr/bin/time -v -o "$WORK/time-jobs$JOBS.txt" "$BIN" batch "$CORPUS" --out "$OUT" --jobs "$JOBS" --quiet || STATUS=$?
    [ "$STATUS" -eq 0 ] || { echo "iatix batch exited with $STATUS" >&2; exit 1; }
    WALL[$JOBS]=$(grep 'Elapsed (wall clock)' "$WORK/time-jobs$JOBS.txt" | awk '{ print $NF }' | seconds)
    RSS[$JOBS]=$(grep 'Maximum resident set size' "$WORK/time-jobs$JOBS.txt" | awk '{ print $NF }')
done

if diff -rq -x 'manifest*' "$WORK/out-jobs1" "$WORK/out-jobs2" > /dev/null; then
    SAME="identical"
else
    SAME="DIFFERENT"
fi

echo
echo "corpus          $FILES files, $BYTES bytes"
printf 'jobs 1          %8.2f s   %7.1f MB/s   peak RSS %6.1f MB\n' "${WALL[1]}" "$(echo "$BYTES ${WALL[1]}" | awk '{ print $1 / $2 / 1e6 }')" "$(echo "${RSS[1]}" | awk '{ print $1 / 1024 }')"
printf 'jobs 2          %8.2f s   %7.1f MB/s   peak RSS %6.1f MB\n' "${WALL[2]}" "$(echo "$BYTES ${WALL[2]}" | awk '{ print $1 / $2 / 1e6 }')" "$(echo "${RSS[2]}" | awk '{ print $1 / 1024 }')"
printf 'speed-up        %8.2f×  (jobs 1 / jobs 2 wall time)\n' "$(echo "${WALL[1]} ${WALL[2]}" | awk '{ print $1 / $2 }')"
echo "outputs         $SAME (jobs 1 vs jobs 2, manifests aside)"
echo "processors      $(nproc)   load before runs: $(cut -d' ' -f1-3 /proc/loadavg)"
