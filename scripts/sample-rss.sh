# Sourced by the soak scripts. sample_rss PID LABEL: prints the process's resident memory two
# seconds after it starts and every 30 s while it runs, then its first and last figures.
sample_rss() {
    local pid=$1 label=$2 start_rss end_rss rss elapsed=0
    sleep 2
    start_rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    echo "$label: start RSS ${start_rss} kB"
    while kill -0 "$pid" 2>/dev/null; do
        sleep 30
        elapsed=$((elapsed + 30))
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo "-")
        [ "$rss" != "-" ] && echo "after ${elapsed}s: RSS ${rss} kB" && end_rss=$rss
    done
    wait "$pid" || true
    echo "end: RSS ${end_rss:-?} kB (start ${start_rss} kB)"
}
