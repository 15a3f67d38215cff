#!/usr/bin/env bash
# Fault soak: runs the example service in release mode against a sidecar that stays broken for the
# whole run, publishing every second, and samples its resident memory: nothing may pile up per
# failed step. Not part of CI (it takes as long as you ask).
#
#   bash scripts/fault-soak.sh [fault=http-500] [seconds=300] [requests-per-second=20000]
#
# Faults: udp-closed (nothing listens on the UDP port), http-500 (every POST answered 500),
# http-silent (connections accepted, never answered: every step times out); and http-200, no fault
# at all, to compare against.
# Prints the RSS every 30 s, then the service's own summary, which shows the recording rate it kept.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sample-rss.sh
fault=${1:-http-500}
duration=${2:-300}
rate=${3:-20000}
port=${SOAK_PORT:-18126}

swift build -c release --product SpectatorExample >/dev/null
summary=$(mktemp)
log=$(mktemp)
sidecar=""
case "$fault" in
udp-closed)
    location="udp://127.0.0.1:$port"
    ;;
http-500 | http-silent | http-200)
    location="http://127.0.0.1:$port/api/v1/publish"
    python3 - "$port" "$fault" <<'PY' &
import socket, sys, threading
port, fault = int(sys.argv[1]), sys.argv[2]
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(64)
held = []
if fault == "http-500":
    answer = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nboom"
else:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"

def serve(connection):
    """Reads whole requests (headers, then Content-Length bytes) and answers each one."""
    pending = b""
    try:
        with connection:
            while True:
                while b"\r\n\r\n" not in pending:
                    chunk = connection.recv(1 << 16)
                    if not chunk:
                        return
                    pending += chunk
                head, _, pending = pending.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                while len(pending) < length:
                    chunk = connection.recv(1 << 16)
                    if not chunk:
                        return
                    pending += chunk
                pending = pending[length:]
                connection.sendall(answer)
    except OSError:
        pass

while True:
    connection, _ = server.accept()
    if fault == "http-silent":
        held.append(connection)  # read nothing, answer nothing
    else:
        threading.Thread(target=serve, args=(connection,), daemon=True).start()
PY
    sidecar=$!
    ;;
*)
    echo "unknown fault '$fault': udp-closed, http-500, http-silent or http-200" >&2
    exit 2
    ;;
esac
trap '[ -n "$sidecar" ] && kill "$sidecar" 2>/dev/null || true' EXIT
sleep 1

SPECTATOR_OUTPUT_LOCATION="$location" SPECTATOR_STEP=1s \
    .build/release/SpectatorExample --duration "$duration" --rate "$rate" >"$summary" 2>"$log" &
service=$!
sample_rss "$service" "$fault"
echo "log lines: $(wc -l <"$log") (each fault is logged once, not per step)"
head -3 "$log"
cat "$summary"
