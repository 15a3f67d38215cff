import HelloVapor
import Metrics
import Spectator
import SpectatorMetrics
import SpectatorTesting
import Testing
import Vapor
import VaporTesting

/// swift-metrics takes one factory per process, so every test reads this registry, one test at a time.
let registry: Registry = {
    let registry = Registry()
    MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: registry))
    return registry
}()

@Suite("HelloVapor", .serialized)
struct HelloVaporTests {
    @Test("each request is counted and timed by method, path and status; the path is sanitised")
    func requestsAreRecorded() async throws {
        let recorded = RecordedMeters(registry)
        try await withApp { app in
            addRoutes(to: app)
            for _ in 0..<3 {
                try await app.testing().test(.GET, "hello") { #expect($0.status == .ok) }
            }
            try await app.testing().test(.GET, "users/7") { #expect($0.status == .ok) }
        }

        let hello: KeyValuePairs = ["method": "GET", "path": "/hello", "status": "200"]
        #expect(try recorded.counter("http_requests_total", tags: hello).count == 3)
        let latency = try recorded.timer("http_request_duration_seconds", tags: hello)
        #expect(latency.count == 3)
        #expect(latency.max > .zero)
        #expect(latency.percentile(99) != nil)
        // `/users/:id` is published as path=_users__id: `/` and `:` are outside Spectator's characters.
        let user = MeterId("http_requests_total", tags: ["method": "GET", "path": "/users/:id", "status": "200"])
        #expect(user.tags.first { $0.key == "path" }?.value == "_users__id")
        #expect(
            try recorded.counter(user.name, tags: ["method": "GET", "path": "/users/:id", "status": "200"]).count == 1
        )
    }

    @Test("a 404 is counted under its route, an unmatched path as vapor_route_undefined, a 500 as an error too")
    func failuresAreRecorded() async throws {
        let recorded = RecordedMeters(registry)
        try await withApp { app in
            addRoutes(to: app)
            try await app.testing().test(.GET, "users/1234") { #expect($0.status == .notFound) }
            try await app.testing().test(.GET, "nowhere") { #expect($0.status == .notFound) }
            try await app.testing().test(.GET, "boom") { #expect($0.status == .internalServerError) }
        }

        let notFound: KeyValuePairs = ["method": "GET", "path": "/users/:id", "status": "404"]
        #expect(try recorded.counter("http_requests_total", tags: notFound).count == 1)
        let unmatched: KeyValuePairs = ["method": "undefined", "path": "vapor_route_undefined", "status": "404"]
        #expect(try recorded.counter("http_requests_total", tags: unmatched).count == 1)
        let boom: KeyValuePairs = ["method": "GET", "path": "/boom", "status": "500"]
        #expect(try recorded.counter("http_request_errors_total", tags: boom).count == 1)
        #expect(try recorded.counter("http_requests_total", tags: boom).count == 1)
    }

    @Test("a request that finishes while the server shuts down is in the last published step")
    func requestDuringShutdown() async throws {
        _ = registry.collect()
        let output = MemoryOutput()
        var configuration = SpectatorConfiguration(environment: [:], log: .discard)
        configuration.outputLocation = .memory(output)
        configuration.step = .seconds(60)
        let publisher = Publisher(registry: registry, configuration: configuration)
        publisher.start()

        // The example's main.swift, with `serve` on a free port and the stop that SIGTERM would send.
        let environment = Environment(
            name: "testing",
            arguments: ["vapor", "serve", "--hostname", "127.0.0.1", "--port", "0"]
        )
        let app = try await Application.make(environment)
        addRoutes(to: app)
        let (arrivals, arrival) = AsyncStream<Void>.makeStream()
        app.get("slow") { _ async throws -> String in
            arrival.yield()
            try await Task.sleep(for: .milliseconds(500))
            return "done\n"
        }
        let serving = Task { try await app.execute() }
        var port: Int?
        for _ in 0..<500 where port == nil {
            port = app.http.server.shared.localAddress?.port
            try await Task.sleep(for: .milliseconds(10))
        }
        let url = "http://127.0.0.1:\(try #require(port))/slow"
        let response = Task { try await HTTPClient.shared.get(url: url).get() }
        for await _ in arrivals { break }

        app.running?.stop()  // what SIGTERM does
        try await serving.value
        try await app.asyncShutdown()  // the server finishes the slow request,
        await publisher.shutdown()  // then its step is published

        #expect(try await response.value.status == .ok)
        #expect(output.lines.contains("c:http_requests_total,method=GET,path=_slow,statistic=count,status=200:1"))
    }
}
