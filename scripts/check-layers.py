#!/usr/bin/env python3
"""The layer check: each folder of Sources/Spectator may name only the types, functions' owners and
protocols declared in its own folder or in the folders below it, in the order LAYERS gives (the same
order as the layer table in Sources/Spectator/Spectator.docc/HowAValueTravels.md).

For every Swift file, the type names it mentions (outside comments and string literals) are matched
against the names each folder declares (struct, class, enum, protocol, actor, typealias). A name
declared in a folder above the file's folder fails the check, with the file and the name.

    python3 scripts/check-layers.py            # check; prints each offence, exits 1 if any
    python3 scripts/check-layers.py --graph    # also print every edge between folders, with counts
"""
import os
import re
import sys

# Bottom first. A folder may use what its own folder and the folders before it declare.
LAYERS = [
    "Support",
    "Ids",
    "Wire",
    "Measurements",
    "Recording",
    "Collecting",
    "Delivery",
    "Transport",
    "Configuration",
    "Registry",
    "Patterns",
    "ProcessMetrics",
    "Exporters",
    "Publishing",
]

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "Spectator")
DECLARATION = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private|final|indirect|"
    r"nonisolated|@usableFromInline|@frozen)\s+)*(?:struct|class|enum|protocol|actor|typealias)\s+([A-Z]\w*)",
    re.MULTILINE,
)
IDENTIFIER = re.compile(r"\b[A-Z]\w*\b")


def code_of(text):
    """The text without comments and string literals, which may name anything."""
    text = re.sub(r'"""[\s\S]*?"""', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
    text = re.sub(r"/\*[\s\S]*?\*/", "", text)
    return re.sub(r"//[^\n]*", "", text)


def main():
    files = {}
    for layer in LAYERS:
        for directory, _, names in os.walk(os.path.join(ROOT, layer)):
            for name in sorted(names):
                if name.endswith(".swift"):
                    path = os.path.join(directory, name)
                    with open(path, encoding="utf-8") as source:
                        files[path] = (layer, code_of(source.read()))
    unknown = sorted(
        entry for entry in os.listdir(ROOT)
        if os.path.isdir(os.path.join(ROOT, entry)) and not entry.endswith(".docc") and entry not in LAYERS
    )
    if unknown:
        print("layer check FAILED: folders missing from LAYERS: " + ", ".join(unknown))
        return 1

    declared_in = {}
    for path, (layer, code) in files.items():
        for name in DECLARATION.findall(code):
            declared_in.setdefault(name, set()).add(layer)

    rank = {layer: index for index, layer in enumerate(LAYERS)}
    edges = {}
    offences = []
    for path, (layer, code) in sorted(files.items()):
        for name in sorted(set(IDENTIFIER.findall(code))):
            owners = declared_in.get(name, set())
            if not owners or layer in owners:
                continue
            for owner in owners:
                edges.setdefault((layer, owner), set()).add(name)
            if all(rank[owner] > rank[layer] for owner in owners):
                offences.append((os.path.relpath(path, os.path.join(ROOT, "..", "..")), name, sorted(owners)))

    if "--graph" in sys.argv:
        for (source, target), names in sorted(edges.items()):
            direction = "down" if rank[target] < rank[source] else "UP"
            print(f"{source} -> {target} ({direction}): {len(names)}: {', '.join(sorted(names))}")
        mutual = sorted({tuple(sorted(edge)) for edge in edges if (edge[1], edge[0]) in edges})
        print(f"{len(LAYERS)} folders, {len(edges)} edges, {len(mutual)} mutual pairs")

    for path, name, owners in offences:
        print(f"{path}: names {name}, declared in {', '.join(owners)}, a layer above")
    if offences:
        print(f"layer check FAILED: {len(offences)} names from a layer above (order: {' < '.join(LAYERS)})")
        return 1
    print(f"layer check passed: {len(files)} files in {len(LAYERS)} layers, each naming only its own or lower ones")
    return 0


if __name__ == "__main__":
    sys.exit(main())
