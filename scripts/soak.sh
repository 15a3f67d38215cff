#!/usr/bin/env bash
# Soak: runs the example service in release mode against a UDP listener on 127.0.0.1 and samples
# its resident memory. Not part of CI (it takes as long as you ask).
#
#   bash scripts/soak.sh [seconds=600] [requests-per-second=200000]
#
# Prints the RSS every 30 s and, at the end, how many publish steps reached the listener (one
# `spectator.registrySize` line per step) against how many the duration and step imply.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sample-rss.sh
duration=${1:-600}
rate=${2:-200000}
port=${SOAK_PORT:-18125}
step_seconds=5

swift build -c release --product SpectatorExample >/dev/null
listener_log=$(mktemp)
python3 - "$port" "$listener_log" <<'PY' &
import socket, sys
port, path = int(sys.argv[1]), sys.argv[2]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
sock.bind(("127.0.0.1", port))
sock.settimeout(30)
steps = datagrams = lines = 0
try:
    while True:
        data = sock.recv(65536)
        datagrams += 1
        for line in data.split(b"\n"):
            lines += 1
            if line.startswith(b"g:spectator.registrySize"):
                steps += 1
                with open(path, "w") as out:
                    out.write(f"{steps} {datagrams} {lines}\n")
except socket.timeout:
    pass
PY
listener=$!
sleep 1

SPECTATOR_OUTPUT_LOCATION="udp://127.0.0.1:$port" SPECTATOR_STEP="${step_seconds}s" \
    .build/release/SpectatorExample --duration "$duration" --rate "$rate" > /tmp/soak-summary.txt 2>/dev/null &
service=$!
sample_rss "$service" "soak"
sleep 1
kill "$listener" 2>/dev/null || true
read -r steps datagrams lines < "$listener_log" || true
echo "steps received: ${steps:-0} (expected about $((duration / step_seconds)) + the final flush); datagrams ${datagrams:-0}, lines ${lines:-0}"
cat /tmp/soak-summary.txt
