import HelloService
import Hummingbird
import HummingbirdTesting
import Metrics
import Spectator
import SpectatorMetrics
import SpectatorTesting
import Testing

/// swift-metrics takes one factory per process, so every test reads this registry, one test at a time.
let registry: Registry = {
    let registry = Registry()
    MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: registry))
    return registry
}()

@Suite("HelloService", .serialized)
struct HelloServiceTests {
    @Test("each request is counted and timed by route, method and status")
    func requestsAreRecorded() async throws {
        let recorded = RecordedMeters(registry)
        try await Application(router: buildRouter()).test(.router) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/hello", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/users/7", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/users/1234", method: .get) { #expect($0.status == .notFound) }
        }

        let hello: KeyValuePairs = [
            "http.route": "/hello", "http.request.method": "GET", "http.response.status_code": "200",
        ]
        #expect(try recorded.counter("hb.requests", tags: hello).count == 3)
        let latency = try recorded.timer("http.server.request.duration", tags: hello)
        #expect(latency.count == 3)
        #expect(latency.max > .zero)
        #expect(latency.percentile(99) != nil)
        let user: KeyValuePairs = [
            "http.route": "/users/{id}", "http.request.method": "GET", "http.response.status_code": "200",
        ]
        #expect(try recorded.counter("hb.requests", tags: user).count == 1)
    }

    @Test("a request that fails is counted under its status, and as an error")
    func failuresAreRecorded() async throws {
        let recorded = RecordedMeters(registry)
        try await Application(router: buildRouter()).test(.router) { client in
            try await client.execute(uri: "/users/1234", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/users/abc", method: .get) { #expect($0.status == .badRequest) }
        }

        let notFound: KeyValuePairs = [
            "http.route": "/users/{id}", "http.request.method": "GET", "http.response.status_code": "404",
        ]
        #expect(try recorded.counter("hb.requests", tags: notFound).count == 1)
        let errors: KeyValuePairs = ["http.route": "/users/{id}", "http.request.method": "GET", "error.type": "400"]
        #expect(try recorded.counter("hb.request.errors", tags: errors).count == 1)
    }
}
