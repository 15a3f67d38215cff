#!/usr/bin/env bash
# The release gate: the hot-path benchmarks must not allocate. Runs the benchmark suite measuring
# mallocCountTotal only (CI=true) and compares it with Benchmarks/Thresholds (0 for every hot path;
# 1 for creating a swift-metrics handler for an existing meter).
#
# `swift package benchmark thresholds check` exits 1 both when a benchmark got worse and when it got
# better than its threshold; its output tells which. A regression fails the gate and names the
# benchmark that allocated; an improvement means the thresholds should be updated.
set -uo pipefail
cd "$(dirname "$0")/../Benchmarks"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

CI=true swift package benchmark thresholds check 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

if [ "$status" -eq 0 ]; then
    echo "benchmark gate: no hot path allocates more than its threshold"
    exit 0
fi
if grep -aq "benchmarkThresholdRegression" "$log"; then
    echo "benchmark gate FAILED: a hot path allocates more than its threshold. Over their mallocCountTotal threshold:" >&2
    # The check prints "Deviations worse than threshold for <target>:<benchmark>" above each table.
    grep -a "Deviations worse than threshold for" "$log" | sed 's/.*threshold for /  /' >&2
    exit 1
fi
if grep -aq "benchmarkThresholdImprovement" "$log"; then
    echo "benchmark gate FAILED: a benchmark improved past its threshold; refresh them with:" >&2
    echo "  (cd Benchmarks && CI=true swift package --allow-writing-to-package-directory benchmark thresholds update)" >&2
    exit 1
fi
echo "benchmark gate FAILED: 'swift package benchmark thresholds check' exited $status (see above)" >&2
exit "$status"
