#!/usr/bin/env bash
# Builds the DocC documentation of every library product with the toolchain's own docc, without a
# package plugin: SwiftPM dumps the symbol graphs, `docc convert` makes one archive per module (with
# its catalog, where it has one), and `docc merge` joins them into one archive.
# Output: .build/docs/Spectator.doccarchive. Preview: see README.md, "Documentation".
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(Spectator SpectatorMetrics SpectatorLifecycle SpectatorHTTPS SpectatorConfigReader SpectatorTesting
    SpectatorHummingbird SpectatorVapor SpectatorAsyncHTTPClient)

swift package --enable-all-traits dump-symbol-graph --minimum-access-level public --emit-extension-block-symbols >/dev/null
graphs=$(find .build -type d -name symbolgraph -path "*$(uname -m)*" | head -n 1)
work=.build/docs/work
rm -rf "$work" .build/docs/Spectator.doccarchive
archives=()
for module in "${modules[@]}"; do
    mkdir -p "$work/$module-graphs"
    # The module's own symbols and its extensions of other modules' types (Module@Other).
    cp "$graphs/$module.symbols.json" "$work/$module-graphs/"
    find "$graphs" -name "$module@*.symbols.json" -exec cp {} "$work/$module-graphs/" \;
    catalog=()
    [ -d "Sources/$module/$module.docc" ] && catalog=("Sources/$module/$module.docc")
    docc convert "${catalog[@]}" \
        --additional-symbol-graph-dir "$work/$module-graphs" \
        --fallback-display-name "$module" --fallback-bundle-identifier "spectator.swift.$module" \
        --output-path "$work/$module.doccarchive" \
        --warnings-as-errors
    archives+=("$work/$module.doccarchive")
done
docc merge "${archives[@]}" --synthesized-landing-page-name "Spectator for Swift" \
    --output-path .build/docs/Spectator.doccarchive
echo "documentation: .build/docs/Spectator.doccarchive"
