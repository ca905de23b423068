#!/usr/bin/env bash
# Runs `greenroom-local --demo` for a while and samples its resident memory, to show that the
# demo's traffic does not make it grow without bound. Usage:
#   tests/bench/demo_memory.sh [seconds=600] [time-scale=1] [binary=build/app/local/greenroom-local]
set -euo pipefail
seconds=${1:-600}
scale=${2:-1}
binary=${3:-build/app/local/greenroom-local}
"$binary" --demo --time-scale "$scale" --port 0 >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
sleep 2 # let it start and create the demo stages
interval=$(( seconds / 10 ))
(( interval > 0 )) || interval=1
first=""
for ((t = 0; t <= seconds; t += interval)); do
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    [ -n "$first" ] || first=$rss
    printf 'demo_memory: t=%4ds (x%s) rss=%6d KiB\n' "$t" "$scale" "$rss"
    (( t + interval <= seconds )) && sleep "$interval"
done
last=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
awk -v a="$first" -v b="$last" -v s="$seconds" -v x="$scale" \
    'BEGIN { printf "demo_memory: %d s at x%s (%.0f simulated minutes): %d -> %d KiB (%.2fx)\n", s, x, s*x/60, a, b, b/a }'
