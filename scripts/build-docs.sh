#!/usr/bin/env bash
# Builds the DocC documentation of the Spectator library with the toolchain's own docc, without a
# package plugin: SwiftPM dumps the symbol graphs, `docc convert` joins them with the catalog.
# Output: .build/docs/Spectator.doccarchive
set -euo pipefail
cd "$(dirname "$0")/.."

swift package dump-symbol-graph --minimum-access-level public >/dev/null
graphs=$(find .build -type d -name symbolgraph -path "*$(uname -m)*" | head -n 1)
mkdir -p .build/docs/spectator-graphs
rm -f .build/docs/spectator-graphs/*
cp "$graphs"/Spectator*.symbols.json .build/docs/spectator-graphs/
rm -f .build/docs/spectator-graphs/SpectatorMetrics*.json .build/docs/spectator-graphs/SpectatorExample*.json
docc convert Sources/Spectator/Spectator.docc \
    --additional-symbol-graph-dir .build/docs/spectator-graphs \
    --fallback-display-name Spectator --fallback-bundle-identifier spectator.swift \
    --output-path .build/docs/Spectator.doccarchive \
    --warnings-as-errors
echo "documentation: .build/docs/Spectator.doccarchive"
