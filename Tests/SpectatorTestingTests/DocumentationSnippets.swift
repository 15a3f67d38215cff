// The DocC snippet of SpectatorTesting, verbatim (less its `import` lines): a test, which runs as
// one. `DocumentationSnippetTests` (SpectatorTests) checks that it still appears here as written.

import Spectator
import SpectatorTesting
import Testing

@Suite("SpectatorTesting snippet")
struct SpectatorTestingSnippets {
    @Test func failedRequestsAreCounted() throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)

        registry.counter("server.requestCount", tags: ["status": "500"]).increment()
        registry.percentileTimer("server.requestLatency").record(.milliseconds(120))

        #expect(try recorded.counter("server.requestCount", tags: ["status": "500"]).count == 1)
        let latency = try recorded.timer("server.requestLatency")
        #expect(latency.count == 1)
        #expect(latency.max == .milliseconds(120))
        #expect(latency.percentile(99)! < .milliseconds(150))
    }
}
