#!/usr/bin/env bash
# The instruction gate: counts the instructions of every hot path with `valgrind --tool=callgrind`
# (exact from run to run for the same binary, unlike times) and compares them with the thresholds
# checked in for this toolchain, Benchmarks/InstructionThresholds/swift-<version>.txt.
#
# Each path of Benchmarks/Sources/InstructionProbe runs at two counts; the difference divided by the
# extra operations is its cost per operation, start-up and set-up cancelled. swift-prometheus'
# paths run beside ours and are reported, with our/peer ratios, but not gated.
#
#   bash scripts/check-instructions.sh            # check: fails on a path more than 5 % over its threshold
#   bash scripts/check-instructions.sh --update   # write this toolchain's thresholds from this run
#   bash scripts/check-instructions.sh --table    # check, then print the Markdown table of Benchmarks/README.md
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"

mode=${1:-check}
case "$mode" in
check | --update | --table) ;;
*)
    echo "usage: $0 [--update | --table]" >&2
    exit 2
    ;;
esac

tolerance=5 # percent, either way
toolchain=$(swift --version 2>&1 | sed -n 's/.*Swift version \([0-9][0-9.]*\).*/\1/p' | head -n 1)
thresholds=InstructionThresholds/swift-$toolchain.txt
refresh="bash scripts/check-instructions.sh --update"

if ! log=$(swift build -c release --product InstructionProbe 2>&1); then
    echo "$log"
    exit 1
fi
# valgrind 3.19 gives up on the DWARF that Swift 6.3's toolchain writes ("possibly corrupted
# debuginfo"); instructions are counted the same without it.
probe=$(mktemp)
strip --strip-debug -o "$probe" "$(swift build -c release --show-bin-path)/InstructionProbe"

# Deterministic hashing: Swift seeds its hashes per process, which moves dictionary costs a little.
instructions() {
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$probe" "$1" "$2" 2>&1 |
        sed -n 's/.*I *refs: *//p' | tr -d ','
}

# name owner per-operation, one line a path.
measured=$(mktemp)
trap 'rm -f "$measured" "$probe"' EXIT
while read -r name owner small large unit; do
    low=$(instructions "$name" "$small")
    high=$(instructions "$name" "$large")
    awk -v n="$name" -v o="$owner" -v l="$low" -v h="$high" -v s="$small" -v g="$large" -v u="$unit" \
        'BEGIN { printf "%s %s %.2f\n", n, o, (h - l) / ((g - s) * u) }' >>"$measured"
done < <("$probe" list)

if [ "$mode" = "--update" ]; then
    mkdir -p InstructionThresholds
    {
        echo "# Instructions per operation, Swift $toolchain ($(uname -m)); written by: $refresh"
        awk '$2 == "ours" { print $1, $3 }' "$measured"
    } >"$thresholds"
    echo "wrote Benchmarks/$thresholds"
    exit 0
fi

if [ ! -f "$thresholds" ]; then
    echo "instruction gate FAILED: no thresholds for Swift $toolchain (Benchmarks/$thresholds); record them with:" >&2
    echo "  $refresh" >&2
    exit 1
fi

# The report, and the verdict: a line per path, then the regressions and improvements.
awk -v tolerance="$tolerance" -v table="$([ "$mode" = "--table" ] && echo 1 || echo 0)" '
    FNR == NR { if ($1 !~ /^#/) limit[$1] = $2; next }
    { name[++n] = $1; owner[n] = $2; cost[$1] = $3 }
    END {
        raw = cost["RawAtomicFloor"]
        peer["CounterIncrementHeld"] = "PrometheusCounterIncrement"
        peer["RegistryLookupExisting3TagsIncrement"] = "PrometheusMakeCounterExisting3LabelsIncrement"
        peer["PublishOneStepPerCounter"] = "PrometheusEmitPerCounter"
        peer["SwiftMetricsCounterIncrement"] = "PrometheusSwiftMetricsCounterIncrement"
        if (table) {
            print "| Path | Instructions per operation | × raw atomic | Threshold | swift-prometheus | ours / peer |"
            print "|---|---:|---:|---:|---|---:|"
        }
        for (i = 1; i <= n; i++) {
            p = name[i]; c = cost[p]
            versus = ""; ratio = ""
            if (p in peer) { versus = peer[p] " " cost[peer[p]]; ratio = sprintf("%.2f", c / cost[peer[p]]) }
            t = (p in limit) ? limit[p] : "-"
            if (table) {
                printf "| %s%s | %.2f | %.1f | %s | %s | %s |\n", p, owner[i] == "peer" ? " (peer)" : "", c, c / raw, t, versus, ratio
            } else {
                printf "%-48s %10.2f  %7.1fx raw  threshold %8s%s\n", p, c, c / raw, t, ratio == "" ? "" : "  ours/peer " ratio " (" versus ")"
            }
            if (owner[i] != "ours") continue
            if (!(p in limit)) { missing = missing "\n  " p }
            else if (c > limit[p] * (1 + tolerance / 100)) { worse = worse sprintf("\n  %s: %.2f instructions per operation, threshold %s (+%.1f %%)", p, c, limit[p], (c / limit[p] - 1) * 100) }
            else if (c < limit[p] * (1 - tolerance / 100)) { better = better sprintf("\n  %s: %.2f, threshold %s", p, c, limit[p]) }
        }
        if (worse != "") { print "instruction gate FAILED: more than " tolerance " % over the threshold:" worse > "/dev/stderr"; status = 1 }
        if (missing != "") { print "instruction gate FAILED: no threshold for:" missing > "/dev/stderr"; status = 1 }
        if (better != "") { print "instruction gate FAILED: more than " tolerance " % under the threshold (an improvement: refresh the thresholds):" better > "/dev/stderr"; status = 1 }
        exit status
    }' "$thresholds" "$measured" || {
    echo "thresholds: Benchmarks/$thresholds; after an intended change, refresh them with: $refresh" >&2
    exit 1
}
[ "$mode" = "--table" ] || echo "instruction gate: every hot path within $tolerance % of its threshold (Swift $toolchain)"
