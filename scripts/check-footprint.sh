#!/usr/bin/env bash
# The core's footprint, as a service's static binary sees it: builds Examples/MinimalPublisher (a
# registry, one counter, a publisher) with the Swift runtime linked in statically, prints its size
# and the shared libraries it still needs, and fails when it needs one beyond libc, libm, libstdc++,
# libgcc_s, libz (gzip uses the system zlib) and the loader, or grows past MAX_BYTES.
#
# MAX_BYTES: a guard against unplanned growth, set about 1 % above the size at the last intended
# change. The design's target, 1.3 x the same-shape program on swift-prometheus 2.4.1 (a registry,
# one counter, one emit: 11 271 600 bytes with Swift 6.3.1 on Linux x86_64, so 14 653 080), is
# missed since the distinct-count sketch and process metrics (15 075 416 bytes, 1.337 x; most of the
# growth is their debug info). Since then 15 407 600 bytes (1.367 x): of the 329 304 bytes the macOS 15
# floor (AtomicCells), the settings table and the leaner step added, 288 006 are debug info and 31 122
# code (`size` text). Benchmarks/README.md has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_BYTES=${MAX_BYTES:-16230000}
allowed='^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libz\.so\.1|/lib(64)?/ld-linux[-a-z0-9_.]*\.so\.[0-9])$'

build=(swift build -c release --static-swift-stdlib --package-path Examples/MinimalPublisher --scratch-path .build-footprint)
if ! log=$("${build[@]}" 2>&1); then
    echo "$log"
    exit 1
fi
binary=$("${build[@]}" --show-bin-path)/MinimalPublisher

bytes=$(stat -c %s "$binary")
libraries=$(ldd "$binary" | awk '{print $1}')
echo "MinimalPublisher (static Swift runtime): $bytes bytes; at most $MAX_BYTES"
echo "shared libraries: $(echo "$libraries" | tr '\n' ' ')"

status=0
unexpected=$(echo "$libraries" | grep -Ev "$allowed" || true)
if [ -n "$unexpected" ]; then
    echo "FAIL: shared libraries beyond libc, libm, libstdc++, libgcc_s, libz and the loader:"
    echo "$unexpected" | sed 's/^/  /'
    status=1
fi
if [ "$bytes" -gt "$MAX_BYTES" ]; then
    echo "FAIL: $bytes bytes is more than $MAX_BYTES"
    status=1
fi
# It runs, and publishes what it recorded.
output=$(SPECTATOR_OUTPUT_LOCATION=stdout "$binary")
if ! echo "$output" | grep -qx 'c:server.requestCount,statistic=count,status=200:1'; then
    echo "FAIL: the program did not publish its counter; it printed:"
    echo "$output" | sed 's/^/  /'
    status=1
fi
[ "$status" -eq 0 ] && echo "footprint: ok"
exit "$status"
