import Foundation
import SpectatorTestSupport
import Synchronization
import Testing

@testable import Spectator

@Suite("IPC calls")
struct IpcCallTests {
    /// The tags of the served call below, as SpectatorD lines spell them (the endpoint sanitised).
    static let servedTags =
        "http.method=get,http.status=200,ipc.endpoint=_users__id,ipc.protocol=http_1,ipc.result=success,"
        + "ipc.status=success,owner=orders"
    static let madeTags =
        "http.method=post,ipc.attempt=second,ipc.attempt.final=false,ipc.endpoint=getUser,ipc.result=failure,"
        + "ipc.server.app=users,ipc.status=timeout,ipc.status.detail=read_timeout,owner=orders"

    @Test("a served and a made call, published over a real UDP socket: every line byte for byte")
    func overUDP() {
        let listener = UDPListener()
        var configuration = SpectatorConfiguration(environment: [:], log: .discard)
        configuration.outputLocation = .udp(host: "127.0.0.1", port: listener.port)
        let clock = ManualClock()
        let registry = Registry(configuration: configuration)
        let ipc = IpcMetrics(registry: registry, owner: "orders", clock: clock)
        var servedCall = ipc.startServerCall(httpMethod: "GET", protocol: .http1)
        servedCall.endpoint = "/users/:id"
        clock.advance(by: .milliseconds(42))
        servedCall.finish(httpStatus: 200, requestBytes: 0, responseBytes: 512)
        let madeCall = ipc.startClientCall(
            endpoint: "getUser",
            httpMethod: "POST",
            serverApp: "users",
            attempt: 2,
            isFinalAttempt: false
        )
        clock.advance(by: .milliseconds(1_500))
        madeCall.finish(error: .timeout, statusDetail: "read_timeout")
        Publisher(registry: registry, configuration: configuration).flush()
        let lines = listener.receive().flatMap { $0.split(separator: "\n").map(String.init) }
            .filter { $0.dropFirst(2).hasPrefix("ipc.") }.sorted()
        let served = Self.servedTags
        let made = Self.madeTags
        let inbound = "ipc.server.call.size.inbound,\(served)"
        let outbound = "ipc.server.call.size.outbound,\(served)"
        #expect(
            lines == [
                "c:ipc.client.call,\(made),percentile=T0085,statistic=percentile:1",
                "c:ipc.client.call,\(made),statistic=count:1",
                "c:ipc.client.call,\(made),statistic=totalOfSquares:2.25",
                "c:ipc.client.call,\(made),statistic=totalTime:1.5",
                "c:ipc.client.inflight,ipc.endpoint=getUser,ipc.server.app=users,owner=orders,statistic=count:1",
                "c:ipc.client.inflight,ipc.endpoint=getUser,ipc.server.app=users,owner=orders,statistic=totalAmount:1",
                "c:ipc.client.inflight,ipc.endpoint=getUser,ipc.server.app=users,owner=orders,statistic=totalOfSquares:1",
                "c:ipc.server.call,\(served),percentile=T006D,statistic=percentile:1",
                "c:ipc.server.call,\(served),statistic=count:1",
                "c:ipc.server.call,\(served),statistic=totalOfSquares:0.001764",
                "c:ipc.server.call,\(served),statistic=totalTime:0.042",
                "c:\(inbound),statistic=count:1",
                "c:\(inbound),statistic=totalAmount:0",
                "c:\(inbound),statistic=totalOfSquares:0",
                "c:\(outbound),statistic=count:1",
                "c:\(outbound),statistic=totalAmount:512",
                "c:\(outbound),statistic=totalOfSquares:262144",
                "c:ipc.server.inflight,ipc.protocol=http_1,owner=orders,statistic=count:1",
                "c:ipc.server.inflight,ipc.protocol=http_1,owner=orders,statistic=totalAmount:1",
                "c:ipc.server.inflight,ipc.protocol=http_1,owner=orders,statistic=totalOfSquares:1",
                "m:ipc.client.call,\(made),statistic=max:1.5",
                "m:ipc.client.inflight,ipc.endpoint=getUser,ipc.server.app=users,owner=orders,statistic=max:1",
                "m:ipc.server.call,\(served),statistic=max:0.042",
                "m:\(inbound),statistic=max:0",
                "m:\(outbound),statistic=max:512",
                "m:ipc.server.inflight,ipc.protocol=http_1,owner=orders,statistic=max:1",
            ]
        )
    }

    /// The `statistic=count` values of `name`'s series, by their other tags.
    static func counts(_ registry: Registry, _ name: String) -> [String: Double] {
        counts(registry.collect(), name)
    }

    /// The `statistic=count` values of `name`'s series among `measurements`, by their other tags.
    static func counts(_ measurements: [MeterMeasurement], _ name: String) -> [String: Double] {
        measurements.filter { $0.id.name == name && $0.statistic == .count }
            .reduce(into: [:]) { result, measurement in
                let tags = measurement.tags.map(\.description).filter { !$0.hasPrefix("statistic=") }
                result[tags.joined(separator: ","), default: 0] += measurement.value
            }
    }

    @Test(
        "a status code outside 100…599 leaves http.status out and counts as unexpected_error",
        arguments: [0, 99, 600, -1]
    )
    func statusOutOfRange(code: Int) {
        let registry = Registry()
        let ipc = IpcMetrics(registry: registry, owner: "test")
        ipc.startServerCall(endpoint: "/a").finish(httpStatus: code)
        #expect(
            Self.counts(registry, "ipc.server.call") == [
                "ipc.endpoint=_a,ipc.result=failure,ipc.status=unexpected_error,owner=test": 1
            ]
        )
    }

    @Test("404 is a success; 503 is unavailable; an error's kind sets the status, its code is kept")
    func statuses() {
        let registry = Registry()
        let ipc = IpcMetrics(registry: registry, owner: "test")
        ipc.startServerCall().finish(httpStatus: 404)
        ipc.startServerCall().finish(httpStatus: 503)
        ipc.startServerCall().finish(error: .connection, httpStatus: 502, statusDetail: "reset")
        ipc.startServerCall().finish(status: .applicationError, httpStatus: 200)
        #expect(
            Self.counts(registry, "ipc.server.call") == [
                "http.status=404,ipc.endpoint=unknown,ipc.result=success,ipc.status=success,owner=test": 1,
                "http.status=503,ipc.endpoint=unknown,ipc.result=failure,ipc.status=unavailable,owner=test": 1,
                "http.status=502,ipc.endpoint=unknown,ipc.result=failure,ipc.status=connection_error,ipc.status.detail=reset,owner=test":
                    1,
                "http.status=200,ipc.endpoint=unknown,ipc.result=failure,ipc.status=application_error,owner=test": 1,
            ]
        )
    }

    @Test("a call dropped unfinished records no call and leaves the in-flight count right")
    func droppedCall() {
        let registry = Registry()
        let ipc = IpcMetrics(registry: registry, owner: "test")
        for _ in 0..<3 {
            let dropped = ipc.startServerCall(endpoint: "/a")
            _ = consume dropped
        }
        let kept = ipc.startServerCall(endpoint: "/a")
        kept.finish(httpStatus: 200)
        let measurements = registry.collect()
        let inflight = measurements.filter { $0.id.name == "ipc.server.inflight" }
        // Each start saw only itself in flight: 1 each time, never more.
        #expect(
            inflight.values == [
                "ipc.server.inflight,ipc.endpoint=_a,owner=test,statistic=count": 4,
                "ipc.server.inflight,ipc.endpoint=_a,owner=test,statistic=totalAmount": 4,
                "ipc.server.inflight,ipc.endpoint=_a,owner=test,statistic=totalOfSquares": 4,
                "ipc.server.inflight,ipc.endpoint=_a,owner=test,statistic=max": 1,
            ]
        )
        #expect(Self.counts(measurements, "ipc.server.call").values.reduce(0, +) == 1)
    }

    @Test("calls in flight together are counted together")
    func concurrentInFlight() {
        let registry = Registry()
        let ipc = IpcMetrics(registry: registry, owner: "test")
        let first = ipc.startClientCall(endpoint: "e")
        let second = ipc.startClientCall(endpoint: "e")
        let third = ipc.startClientCall(endpoint: "e")
        first.finish(httpStatus: 200)
        second.finish(httpStatus: 200)
        third.finish(httpStatus: 200)
        let values = registry.collect().filter { $0.id.name == "ipc.client.inflight" }.values
        #expect(values["ipc.client.inflight,ipc.endpoint=e,owner=test,statistic=totalAmount"] == 6)
        #expect(values["ipc.client.inflight,ipc.endpoint=e,owner=test,statistic=max"] == 3)
    }

    @Test("four threads finishing 100 000 calls over five endpoints and three statuses: every call counted")
    func threads() {
        let registry = Registry()
        let ipc = IpcMetrics(registry: registry, owner: "test")
        let worker: @Sendable (Int) -> @Sendable () -> Void = { thread in
            {
                for index in 0..<25_000 {
                    let call = ipc.startServerCall(endpoint: "/e\((index + thread) % 5)", httpMethod: "GET")
                    call.finish(httpStatus: [200, 404, 500][index % 3])
                }
            }
        }
        runOnThreads((0..<4).map(worker))
        let measurements = registry.collect()
        let counts = Self.counts(measurements, "ipc.server.call")
        #expect(counts.count == 15)
        #expect(counts.values.reduce(0, +) == 100_000)
        let inflight = measurements.filter { $0.id.name == "ipc.server.inflight" && $0.statistic == .count }
        #expect(inflight.reduce(0) { $0 + $1.value } == 100_000)
        // Nothing is left in flight: one more call on each endpoint finds itself alone.
        for endpoint in 0..<5 { ipc.startServerCall(endpoint: "/e\(endpoint)").finish(httpStatus: 200) }
        let alone = registry.collect().filter { $0.id.name == "ipc.server.inflight" && $0.statistic == .max }
        #expect(alone.count == 5 && alone.allSatisfy { $0.value == 1 })
    }

    @Test("a flood of distinct endpoints rolls the endpoint up after 25, and every call is still counted")
    func endpointFlood() {
        let registry = Registry()
        let ipc = IpcMetrics(registry: registry, owner: "test")
        for index in 0..<1_000 {
            ipc.startServerCall(endpoint: "/users/\(index)").finish(httpStatus: 200)
        }
        let counts = Self.counts(registry, "ipc.server.call")
        #expect(counts.count == 26)
        #expect(
            counts["http.status=200,ipc.endpoint=--auto-rollup--,ipc.result=success,ipc.status=success,owner=test"]
                == 975
        )
        #expect(counts.values.reduce(0, +) == 1_000)
    }

    @Test("a limit per key, as cardinalityLimits gives it")
    func limitPerKey() {
        let registry = Registry()
        let ipc = IpcMetrics(registry: registry, owner: "test", cardinalityLimits: [IpcTagKey.endpoint: 2])
        for endpoint in ["/a", "/b", "/c"] { ipc.startServerCall(endpoint: endpoint).finish(httpStatus: 200) }
        #expect(
            Set(Self.counts(registry, "ipc.server.call").keys.map { $0.split(separator: ",")[1] }) == [
                "ipc.endpoint=--auto-rollup--", "ipc.endpoint=_a", "ipc.endpoint=_b",
            ]
        )
    }

    @Test("bad input: an empty, a 10 KB and an odd endpoint, a method in any case, a clock that goes back")
    func badInput() {
        let registry = Registry()
        let clock = ManualClock(monotonicNanos: 1_000_000_000)
        let ipc = IpcMetrics(registry: registry, owner: "test", clock: clock)
        ipc.startServerCall(endpoint: "", httpMethod: "Get").finish(httpStatus: 200)
        ipc.startServerCall(endpoint: String(repeating: "x", count: 10_240), httpMethod: "PROPFIND").finish(
            httpStatus: 200
        )
        ipc.startServerCall(endpoint: "/ünï cødé\n").finish(httpStatus: 200)
        let backwards = ipc.startServerCall(endpoint: "/back")
        clock.advance(by: .seconds(-1))
        backwards.finish(httpStatus: 200)
        let measurements = registry.collect()
        let counts = Self.counts(measurements, "ipc.server.call")
        #expect(counts.values.reduce(0, +) == 4)
        #expect(counts.keys.contains { $0.contains("http.method=get,") && $0.contains("ipc.endpoint=unknown") })
        #expect(counts.keys.contains { $0.contains("http.method=propfind,") })
        #expect(counts.keys.contains { $0.contains("ipc.endpoint=__n__c_d__") })
        let back = measurements.filter { $0.id.name == "ipc.server.call" && $0.tags.contains { $0.value == "_back" } }
        #expect(back.first { $0.statistic == .count }?.value == 1)
        #expect(back.first { $0.statistic == .totalTime }?.value == 0)
    }

    @Test("a latency given at finish is recorded instead of the clock's; a negative one counts the call as instant")
    func givenLatency() {
        let registry = Registry()
        let clock = ManualClock(monotonicNanos: 1_000_000_000)
        let ipc = IpcMetrics(registry: registry, owner: "test", clock: clock)
        let given = ipc.startServerCall(endpoint: "/given")
        clock.advance(by: .seconds(5))
        given.finish(httpStatus: 200, latency: .milliseconds(42))
        ipc.startClientCall(endpoint: "/negative").finish(error: .timeout, latency: .milliseconds(-3))
        let measurements = registry.collect()
        func totalTime(_ endpoint: String) -> [Double] {
            measurements.filter {
                $0.statistic == .totalTime && $0.tags.contains(Tag(key: "ipc.endpoint", value: endpoint))
            }.map(\.value)
        }
        #expect(totalTime("_given") == [0.042])
        #expect(totalTime("_negative") == [0])
        #expect(Self.counts(measurements, "ipc.client.call").values.reduce(0, +) == 1)
    }
}
