#!/usr/bin/env bash
# Instructions per operation of the hot paths, counted by `valgrind --tool=callgrind`: stable on a
# noisy machine, unlike times. Each path runs at two counts; the difference divided by the extra
# operations cancels start-up. `publish` is one step of 10 000 counters (each incremented once), so
# its figure is per counter and step.
set -euo pipefail
cd "$(dirname "$0")"

swift build -c release --product InstructionProbe >/dev/null
probe=$(swift build -c release --show-bin-path)/InstructionProbe

instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$probe" "$1" "$2" 2>&1 |
        sed -n 's/.*I *refs: *//p' | tr -d ','
}

per_operation() {
    local path=$1 small=$2 large=$3 unit=$4
    local low high
    low=$(instructions "$path" "$small")
    high=$(instructions "$path" "$large")
    echo "$path: $(((high - low) / ((large - small) * unit))) instructions per operation"
}

per_operation raw 1000000 2000000 1
per_operation counter 1000000 2000000 1
per_operation percentile-timer 1000000 2000000 1
per_operation lookup 100000 200000 1
per_operation publish 2 4 10000
