#!/usr/bin/env bash
# What a package that depends on this one resolves, tried as a new user would: a scratch package per
# trait (and one with none) depends on this repository's HEAD by a file:// URL, and
# `swift package resolve` writes its Package.resolved. Prints a row per consumer: the trait, how many
# packages besides this one it resolved, and which. Fails when a consumer with no trait resolves any
# other package, or a trait resolves a package its product does not use.
#
#   bash scripts/check-consumers.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
identity=$(basename "$root" | tr "A-Z" "a-z")
revision=$(git -C "$root" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# trait, product, the packages it may bring (a regular expression over their identities)
consumers=(
    "-|Spectator|^$"
    "Metrics|SpectatorMetrics|^(swift-metrics|swift-atomics)$"
    "Lifecycle|SpectatorLifecycle|^(swift-service-lifecycle|swift-log|swift-async-algorithms|swift-collections)$"
    "Configuration|SpectatorConfigReader|^(swift-configuration|swift-collections|swift-system|swift-log|swift-service-lifecycle|swift-async-algorithms)$"
    "HTTPS|SpectatorHTTPS|.*"
    "Hummingbird|SpectatorHummingbird|.*"
    "Vapor|SpectatorVapor|.*"
    "AsyncHTTPClient|SpectatorAsyncHTTPClient|.*"
)

failed=0
echo "| Trait | Packages resolved besides spectator-swift | Which |"
echo "|---|---:|---|"
for consumer in "${consumers[@]}"; do
    IFS='|' read -r trait product allowed <<<"$consumer"
    dir="$work/consumer-$trait"
    mkdir -p "$dir/Sources/Consumer"
    traits=$([ "$trait" = "-" ] && echo "[]" || echo "[\"$trait\"]")
    cat >"$dir/Package.swift" <<EOF
// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "consumer",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "file://$root", revision: "$revision", traits: $traits)],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [.product(name: "$product", package: "$identity")]
        )
    ]
)
EOF
    echo 'print("consumer")' >"$dir/Sources/Consumer/main.swift"
    if ! log=$(cd "$dir" && swift package resolve 2>&1); then
        echo "$log" >&2
        exit 1
    fi
    others=$(sed -n 's/.*"identity" : "\(.*\)".*/\1/p' "$dir/Package.resolved" | grep -vx "$identity" | sort || true)
    count=$(printf '%s' "$others" | grep -c . || true)
    echo "| ${trait/-/(none)} | $count | $(echo $others | tr ' ' ',' | sed 's/,/, /g') |"
    for package in $others; do
        if ! [[ "$package" =~ $allowed ]]; then
            echo "consumers FAILED: trait $trait resolved $package" >&2
            failed=1
        fi
    done
    if [ "$trait" = "-" ] && [ "$count" -ne 0 ]; then
        echo "consumers FAILED: a consumer of Spectator alone resolved $count other packages" >&2
        failed=1
    fi
done
exit $failed
