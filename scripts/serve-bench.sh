#!/usr/bin/env bash
# Bounded load test of iatix serve on loopback: validates FILE (default the ILO sample) through
# POST /api/pub/validate with 1, 8 and 64 connections for SECONDS each (default 15), printing
# requests per second, p50/p99 latency, the answers by status (503 is the designed answer when
# every job place is taken) and the server's memory before, between and after.
# Usage: [SERVE_ARGS="--queue 64"] scripts/serve-bench.sh [FILE] [SECONDS]   (needs wrk and a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-samples/ilo-vietnam-activities.xml}"
seconds="${2:-15}"
binary=.build/release/iatix
log="$(mktemp)"
"$binary" serve --port 0 ${SERVE_ARGS:-} 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q "listening on" "$log" && break; sleep 0.1; done
url="$(grep -o 'http://[0-9.]*:[0-9]*' "$log" | head -1)"
memory() { awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/$server/status"; echo; }
echo "file: $file ($(stat -c %s "$file") bytes); server: $("$binary" --version)"
echo "memory at start: $(memory)"
for connections in 1 8 64; do
    threads=$(( connections < 2 ? 1 : 2 ))
    echo "== $connections connection(s), $seconds s"
    IATIX_BENCH_FILE="$file" wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 30s \
        -s scripts/serve-load.lua "$url/api/pub/validate" | grep -E "statuses|p50|Non-2xx"
    echo "memory: $(memory)"
done
