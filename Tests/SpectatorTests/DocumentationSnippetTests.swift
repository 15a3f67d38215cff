import Foundation
import Testing

/// Keeps the compiled code in step with the documents: each Swift snippet of README.md and the DocC
/// articles must appear in `DocumentationSnippets.swift`, so the test build compiles it as written, or,
/// for Hummingbird, in the `Examples/HummingbirdService` package, which CI builds and tests.
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

    /// Whether a snippet is a package manifest, which no build compiles as code.
    static func isManifest(_ block: String) -> Bool {
        block.hasPrefix("// swift-tools-version") || block.hasPrefix("// Package.swift")
    }

    /// The sources a snippet must appear in, one of them, each as its normalized lines: the
    /// Hummingbird or Vapor example's for code that imports that framework, which this package does
    /// not depend on; each test target's `DocumentationSnippets.swift` for the rest.
    static func mirrors(for block: String) throws -> [[String]] {
        let files =
            if block.contains("import Hummingbird") {
                [
                    "Examples/HummingbirdService/Sources/HelloService/HelloService.swift",
                    "Examples/HummingbirdService/Sources/HelloServer/main.swift",
                ]
            } else if block.contains("import Vapor") {
                [
                    "Examples/VaporService/Sources/HelloVapor/HelloVapor.swift",
                    "Examples/VaporService/Sources/VaporServer/main.swift",
                ]
            } else {
                try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Tests").path)
                    .sorted().map { "Tests/\($0)/DocumentationSnippets.swift" }
                    .filter { FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent($0).path) }
            }
        return try files.map { file in
            normalized(try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8))
        }
    }

    /// Code lines without imports, blank lines or layout: what must match.
    static func normalized(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty && !$0.hasPrefix("import ") }
    }

    @Test("every Swift snippet of README.md and the DocC articles is compiled by a DocumentationSnippets.swift")
    func snippetsAreMirrored() throws {
        var checked = 0
        for document in Self.documents {
            for block in Self.swiftBlocks(in: try String(contentsOf: document, encoding: .utf8))
            where !Self.isManifest(block) {
                let lines = Self.normalized(block)
                let found = try Self.mirrors(for: block).contains { mirror in
                    mirror.count >= lines.count
                        && (0...(mirror.count - lines.count)).contains { Array(mirror[$0..<$0 + lines.count]) == lines }
                }
                #expect(found, "\(document.lastPathComponent): not compiled as written:\n\(block)")
                checked += 1
            }
        }
        #expect(checked >= 12)
    }

    @Test("only manifests are left out, and the Hummingbird and Vapor snippets are the examples' code")
    func exclusions() throws {
        var manifests: [String] = []
        var hummingbird = 0
        var vapor = 0
        for document in Self.documents {
            let blocks = Self.swiftBlocks(in: try String(contentsOf: document, encoding: .utf8))
            manifests += blocks.filter(Self.isManifest).map { _ in document.lastPathComponent }
            hummingbird += blocks.filter { $0.contains("import Hummingbird") }.count
            vapor += blocks.filter { $0.contains("import Vapor") }.count
        }
        #expect(manifests == ["README.md", "GettingStarted.md"])
        #expect(hummingbird == 2)
        #expect(vapor == 2)
    }
}
