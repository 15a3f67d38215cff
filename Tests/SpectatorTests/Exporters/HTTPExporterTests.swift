import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("HTTPExporter", .serialized)
struct HTTPExporterTests {
    static let measurements = (0..<5).map {
        MeterMeasurement(id: MeterId("requests", tags: ["i": String($0)]), statistic: .count, value: 10, kind: .delta)
    }

    func output(
        _ url: String,
        step: Duration = .seconds(5),
        timeout: Duration = .seconds(2),
        batchSize: Int = 10_000,
        transport: any HTTPTransport = SocketHTTPTransport()
    ) -> HTTPExporter {
        let endpoint = HTTPEndpoint(parsing: url)!
        let format: JSONBodyFormat =
            endpoint.path.hasSuffix("/api/v4/update")
            ? .aggregatorUpdate(AggregatorUpdateFormat(commonTags: []))
            : .atlasPublish(AtlasPublishFormat(commonTags: CommonTags.sanitized(["nf.app": "api"])), step: step)
        return HTTPExporter(
            format: format,
            endpoint: endpoint,
            transport: transport,
            batchSize: batchSize,
            step: step,
            timeout: timeout,
            clock: SystemClock()
        )
    }

    @Test("200: a JSON POST to the path, every measurement sent")
    func accepted() throws {
        let server = HTTPTestServer(answers: [.status(200, body: "{}")])
        defer { server.stop() }
        let report = output(server.url + "/api/v1/publish").export(
            Self.measurements,
            timestampMillis: 1_700_000_000_000
        )
        #expect(report == DeliveryReport(sent: 5, dropped: [:]))
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/api/v1/publish")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["content-encoding"] == nil)
        #expect(request.headers["user-agent"] == "spectator-swift/\(SpectatorVersion.current)")
        let json = try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any]
        #expect((json?["metrics"] as? [Any])?.count == 5)
        #expect(json?["tags"] as? [String: String] == ["nf.app": "api"])
    }

    @Test(
        "bodies over 4 KiB are gzipped; the aggregator path gets the update format; batches of batchSize"
    )
    func gzipAndBatches() throws {
        let server = HTTPTestServer(answers: [.status(200, body: "{}")])
        defer { server.stop() }
        let many = (0..<2500).map {
            MeterMeasurement(
                id: MeterId("requests", tags: ["i": String($0)]),
                statistic: .count,
                value: 1,
                kind: .delta
            )
        }
        let report = output(server.url + "/api/v4/update", batchSize: 1000).export(
            many,
            timestampMillis: 0
        )
        #expect(report == DeliveryReport(sent: 2500, dropped: [:]))
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.headers["content-encoding"] == "gzip" && $0.path == "/api/v4/update" })
        let decoded = requests.map { AggregatorUpdateFormatTests.decode(Array($0.body.utf8)).count }
        #expect(decoded == [1000, 1000, 500])
    }

    @Test(
        "aggregator: a timer that recorded only zero durations sends its totalTime of 0; every measurement counts as sent"
    )
    func zeroDeltas() throws {
        let server = HTTPTestServer(answers: [.status(200, body: "{}")])
        defer { server.stop() }
        let registry = Registry(configuration: SpectatorConfiguration(environment: [:], log: .discard))
        registry.timer("db.latency").record(.zero)
        let measurements = registry.collect()
        let report = output(server.url + "/api/v4/update").export(measurements, timestampMillis: 0)
        #expect(report == DeliveryReport(sent: measurements.count, dropped: [:]))
        let request = try #require(server.requests.first)
        let rows = AggregatorUpdateFormatTests.decode(Array(request.body.utf8))
        #expect(rows.count == measurements.count)
        #expect(rows[["name": "db.latency", "statistic": "totalTime"]] == [0, 0])
        #expect(rows[["name": "db.latency", "statistic": "count"]] == [0, 1])
    }

    @Test("202 partial: errorCount measurements dropped as validation, the rest sent")
    func partial() {
        let body = #"{"type":"partial","errorCount":2,"message":["invalid key for reserved prefix 'nf.': nf.k"]}"#
        let server = HTTPTestServer(answers: [.status(202, body: body)])
        defer { server.stop() }
        #expect(
            output(server.url + "/api/v1/publish").export(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 3, dropped: [.validation: 2])
        )
    }

    @Test("400: all invalid as validation, or other when the body says nothing usable")
    func badRequest() {
        let invalid = HTTPTestServer(answers: [
            .status(400, body: #"{"type":"error","errorCount":5,"message":["bad"]}"#)
        ])
        defer { invalid.stop() }
        #expect(
            output(invalid.url).export(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 0, dropped: [.validation: 5])
        )
        let garbage = HTTPTestServer(answers: [.status(400, body: "<html>nope</html>")])
        defer { garbage.stop() }
        #expect(
            output(garbage.url).export(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 0, dropped: [.other: 5])
        )
        #expect(garbage.requests.count == 1)
    }

    @Test("500 is dropped as http-error without a retry")
    func serverError() {
        let server = HTTPTestServer(answers: [.status(500, body: "boom")])
        defer { server.stop() }
        #expect(
            output(server.url).export(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 0, dropped: [.httpError: 5])
        )
        #expect(server.requests.count == 1)
    }

    @Test(
        "503 and 429 are retried with backoff or Retry-After, and succeed when the server recovers"
    )
    func retried() {
        let server = HTTPTestServer(answers: [
            .status(503), .status(429, headers: ["Retry-After": "0"]), .status(200, body: "{}"),
        ])
        defer { server.stop() }
        #expect(
            output(server.url).export(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 5, dropped: [:])
        )
        #expect(server.requests.count == 3)
    }

    @Test("429 that never ends: three attempts, then http-error")
    func retriesRunOut() {
        let server = HTTPTestServer(answers: [.status(429)])
        defer { server.stop() }
        #expect(
            output(server.url).export(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 0, dropped: [.httpError: 5])
        )
        #expect(server.requests.count == 3)
    }

    @Test("a Retry-After longer than the step's retry budget is not waited for")
    func retryAfterTooLong() {
        let server = HTTPTestServer(answers: [.status(429, headers: ["Retry-After": "3600"])])
        defer { server.stop() }
        let start = ContinuousClock.now
        #expect(
            output(server.url).export(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 0, dropped: [.httpError: 5])
        )
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(server.requests.count == 1)
    }

    @Test("connection refused: retried, then dropped as connection")
    func refused() {
        let server = HTTPTestServer(answers: [.status(200)])
        let url = server.url
        server.stop()
        #expect(
            output(url).export(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 0, dropped: [.connection: 5])
        )
    }

    @Test("a server that accepts and never answers: dropped as timeout after the timeout")
    func silence() {
        let server = HTTPTestServer(answers: [.silence])
        defer { server.stop() }
        let start = ContinuousClock.now
        let report = output(server.url, timeout: .milliseconds(500)).export(
            Self.measurements,
            timestampMillis: 0
        )
        #expect(report == DeliveryReport(sent: 0, dropped: [.timeout: 5]))
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test(
        "no answer to the first batch drops the rest of the step without waiting for each batch"
    )
    func silenceDropsTheRestOfTheStep() {
        let server = HTTPTestServer(answers: [.silence])
        defer { server.stop() }
        let report = output(server.url, timeout: .milliseconds(300), batchSize: 2)
            .export(Self.measurements, timestampMillis: 0)
        #expect(report == DeliveryReport(sent: 0, dropped: [.timeout: 5]))
        #expect(server.requests.count == 1)
    }

    @Test("unreachable: the first batch's three attempts, then the rest of the step dropped as connection")
    func unreachableDropsTheRestOfTheStep() {
        let client = UnreachableClient()
        let output = output("http://127.0.0.1:9/api/v1/publish", timeout: .seconds(1), batchSize: 1, transport: client)
        #expect(
            output.export(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 0, dropped: [.connection: 5])
        )
        #expect(client.attempts == HTTPExporter.maxAttempts)
    }

    @Test("https:// without a TLS transport: every measurement dropped as other, nothing posted")
    func noTLSTransport() {
        let output = output(
            "https://127.0.0.1:9/api/v1/publish",
            timeout: .seconds(1),
            batchSize: 2,
            transport: NoTLSTransport()
        )
        #expect(output.export(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 0, dropped: [.other: 5]))
    }

    @Test("a 10 MB answer is read only as far as needed")
    func hugeAnswer() {
        let server = HTTPTestServer(answers: [.status(200, body: String(repeating: "x", count: 10_000_000))])
        defer { server.stop() }
        #expect(
            output(server.url).export(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 5, dropped: [:])
        )
    }
}

/// An ``HTTPTransport`` for which every connection fails, counting the attempts.
private final class UnreachableClient: HTTPTransport {
    private let count = Locked(0)

    var attempts: Int { count.withLock { $0 } }

    func post(_ body: [UInt8], to endpoint: HTTPEndpoint, headers: [String: String], timeout: Duration) -> HTTPOutcome {
        count.withLock { $0 += 1 }
        return .failed(.connection, detail: "refused")
    }
}
