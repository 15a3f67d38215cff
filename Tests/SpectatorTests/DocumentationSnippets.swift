// Every Swift snippet of README.md and the DocC articles that uses only the Spectator product,
// verbatim (less its `import` lines), each in a function of its own, so that the test build compiles
// them beside Foundation. `DocumentationSnippetTests` checks that each snippet still appears, as
// written, in this file or in the `DocumentationSnippets.swift` of the product's own test target; the
// lines around a snippet only supply what it takes as given (a request, a registry). Nothing here runs.

import Foundation
import Spectator
import Testing

/// What snippets take as given.
private struct Request {}
private struct LoginRequest {
    let clientAddress: String
}
private func handle(_ request: Request) throws {}

private enum ReadmeSnippets {
    static func quickStart(request: Request) throws {
        let registry = Registry()

        // Create meters once, keep them, and record into them from any thread.
        let requests = registry.counter("server.requestCount", tags: ["status": "200", "method": "GET"])
        let latency = registry.percentileTimer("server.requestLatency", tags: ["endpoint": "/users"])

        requests.increment()
        latency.record(.milliseconds(42))
        try latency.time { try handle(request) }

        // What happened since the last collection, one measurement per statistic:
        for measurement in registry.collect() {
            print(measurement)  // server.requestCount,method=GET,statistic=count,status=200:1.0 (delta)
        }
    }

    static func distinctCounts(registry: Registry, userId: Int64, request: LoginRequest) {
        let users = registry.distinctCountSketch("server.distinctUsers", tags: ["endpoint": "login"])
        users.record(userId)  // Int64 or Int
        users.record(request.clientAddress)  // String or Substring, hashed as UTF-8
        print(users.cardinality())  // this step's estimate, in-process
    }

    static func ipcMetrics(registry: Registry) {
        let ipc = IpcMetrics(registry: registry, owner: "orders-service")

        // A call this service serves: started when the request arrives, finished with its status.
        var served = ipc.startServerCall(httpMethod: "GET", protocol: .http1)
        served.endpoint = "/users/:id"  // the route pattern, once routing has matched it
        served.finish(httpStatus: 200, requestBytes: 0, responseBytes: 512)

        // A call this service makes: which attempt it is, and whether another may follow.
        let made = ipc.startClientCall(
            endpoint: "getUser",
            httpMethod: "POST",
            serverApp: "users",
            attempt: 2,
            isFinalAttempt: false
        )
        made.finish(error: .timeout, statusDetail: "read_timeout")
    }

    static func processMetrics(registry: Registry) {
        registry.registerProcessMetrics()
    }

    static func meterProvider(registry: Registry) {
        let requests = registry.counters("server.requestCount", tagKeys: ["status", "method"])
        requests.withValues("200", "GET").increment()
    }

    static func sharedNames() {
        struct CheckoutMetrics {
            let orders: Spectator.Counter
            let latency: Spectator.Timer
            let cartSize: Spectator.Gauge

            init(registry: Registry) {
                orders = registry.counter("checkout.orders")
                latency = registry.timer("checkout.latency")
                cartSize = registry.gauge("checkout.cartSize")
            }
        }
    }

    static func publishing() {
        let configuration = SpectatorConfiguration()  // reads the environment
        let registry = Registry(configuration: configuration)
        let publisher = Publisher(registry: registry, configuration: configuration)
        publisher.start()  // or: try await publisher.run() in a task
        // …
        publisher.stop()  // sends the last partial step
    }
}

private enum DocCSnippets {
    static func commonIPCMetrics(registry: Registry) {
        let ipc = IpcMetrics(registry: registry, owner: "orders-service")
        var call = ipc.startServerCall(httpMethod: "GET")
        call.endpoint = "/users/:id"
        call.finish(httpStatus: 404)  // ipc.status=success: a lookup that found nothing still worked
    }

    static func configurationInCode() {
        var configuration = SpectatorConfiguration()
        configuration.outputLocation = .unix(path: "/run/spectatord/spectatord.unix")
        configuration.step = .seconds(10)
        configuration.commonTags["team"] = "payments"
        configuration.log = LogSink { line in print("metrics:", line) }
    }

    static func gettingStarted(registry: Registry, request: Request) throws {
        struct RequestMetrics {
            let requests: Spectator.Counter
            let latency: PercentileTimer
            let inFlight: Spectator.Gauge

            init(registry: Registry, endpoint: String) {
                requests = registry.counter("server.requestCount", tags: ["endpoint": endpoint])
                latency = registry.percentileTimer("server.requestLatency", tags: ["endpoint": endpoint])
                inFlight = registry.gauge("server.inFlight", tags: ["endpoint": endpoint])
            }
        }
        let metrics = RequestMetrics(registry: registry, endpoint: "/users")

        metrics.requests.increment()
        metrics.latency.record(.milliseconds(42))
        try metrics.latency.time { try handle(request) }
    }

    static func gettingStartedPublish(registry: Registry) {
        let configuration = SpectatorConfiguration()  // SPECTATOR_OUTPUT_LOCATION, SPECTATOR_STEP, …
        let publisher = Publisher(registry: registry, configuration: configuration)
        publisher.start()
        // on shutdown:
        publisher.stop()  // publishes the last partial step
    }

    static func gettingStartedTest(registry: Registry) {
        let output = MemoryOutput()
        var configuration = SpectatorConfiguration(environment: [:])
        configuration.outputLocation = .memory(output)
        let publisher = Publisher(registry: registry, configuration: configuration)
        registry.counter("jobs").increment()
        publisher.flush()
        #expect(output.lines.contains("c:jobs,statistic=count:1"))
    }

    static func overview() {
        let configuration = SpectatorConfiguration()
        let registry = Registry(configuration: configuration)
        let publisher = Publisher(registry: registry, configuration: configuration)
        publisher.start()

        let requests = registry.counter("server.requestCount", tags: ["status": "200"])
        requests.increment()
    }
}
