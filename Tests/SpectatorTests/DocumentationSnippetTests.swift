import Foundation
import Testing

/// Keeps `DocumentationSnippets.swift` in step with the documents: each Swift snippet of README.md and
/// the DocC articles must appear there, so the test build compiles it as written.
@Suite("Documentation snippets")
struct DocumentationSnippetTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The documents whose snippets are compiled.
    static var documents: [URL] {
        let catalogs = ["Spectator", "SpectatorMetrics", "SpectatorLifecycle", "SpectatorTesting"].map {
            packageRoot.appendingPathComponent("Sources/\($0)/\($0).docc")
        }
        let articles = catalogs.flatMap { catalog in
            ((try? FileManager.default.contentsOfDirectory(atPath: catalog.path)) ?? []).filter { $0.hasSuffix(".md") }
                .sorted().map { catalog.appendingPathComponent($0) }
        }
        return [packageRoot.appendingPathComponent("README.md")] + articles
    }

    /// The body of every ```` ```swift ```` block in `text`.
    static func swiftBlocks(in text: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" {
                current = []
            } else if let block = current, line == "```" {
                blocks.append(block.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// Whether a snippet cannot be compiled in this package, and why: a package manifest, or code for a
    /// framework the package does not depend on.
    static func exclusion(of block: String) -> String? {
        if block.hasPrefix("// swift-tools-version") || block.hasPrefix("// Package.swift") { return "a manifest" }
        if block.contains("import Hummingbird") { return "Hummingbird is not a dependency" }
        return nil
    }

    /// Code lines without imports, blank lines or layout: what must match.
    static func normalized(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty && !$0.hasPrefix("import ") }
    }

    @Test("every Swift snippet of README.md and the DocC articles is compiled by DocumentationSnippets.swift")
    func snippetsAreMirrored() throws {
        let mirror = Self.normalized(
            try String(
                contentsOf: Self.packageRoot.appendingPathComponent("Tests/SpectatorTests/DocumentationSnippets.swift"),
                encoding: .utf8
            )
        )
        var checked = 0
        for document in Self.documents {
            for block in Self.swiftBlocks(in: try String(contentsOf: document, encoding: .utf8))
            where Self.exclusion(of: block) == nil {
                let lines = Self.normalized(block)
                let found = (0...(mirror.count - lines.count)).contains {
                    Array(mirror[$0..<$0 + lines.count]) == lines
                }
                #expect(found, "\(document.lastPathComponent): not compiled as written:\n\(block)")
                checked += 1
            }
        }
        #expect(checked >= 12)
    }

    @Test("only manifests and the Hummingbird example are left out")
    func exclusions() throws {
        var excluded: [String] = []
        for document in Self.documents {
            let blocks = Self.swiftBlocks(in: try String(contentsOf: document, encoding: .utf8))
            excluded += blocks.compactMap(Self.exclusion).map { "\(document.lastPathComponent): \($0)" }
        }
        #expect(
            excluded == [
                "README.md: a manifest", "README.md: Hummingbird is not a dependency", "GettingStarted.md: a manifest",
            ]
        )
    }
}
