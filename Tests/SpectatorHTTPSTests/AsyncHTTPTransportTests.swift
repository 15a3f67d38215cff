#if HTTPS
import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Spectator
import SpectatorHTTPS
import Testing

@Suite("AsyncHTTPTransport", .serialized)
struct AsyncHTTPTransportTests {
    /// What the library logs, line by line.
    final class LogLines: Sendable {
        private let lines = NIOLockedValueBox<[String]>([])
        var sink: LogSink { LogSink { line in self.lines.withLockedValue { $0.append(line) } } }
        var all: [String] { lines.withLockedValue { $0 } }
        var failures: [String] { all.filter { $0.hasPrefix("publishing failed") } }
    }

    /// A registry and a publisher sending to `location` over `transport`.
    func publishing(
        to location: String,
        over transport: AsyncHTTPTransport,
        log: LogLines,
        httpTimeout: Duration = .seconds(5)
    ) throws -> (Registry, Publisher) {
        var configuration = SpectatorConfiguration(environment: [:], log: log.sink)
        configuration.outputLocation = try #require(OutputLocation(parsing: location))
        configuration.step = .seconds(5)
        configuration.httpTimeout = httpTimeout
        configuration.httpTransport = transport
        let registry = Registry(configuration: configuration)
        return (registry, Publisher(registry: registry, configuration: configuration))
    }

    func post(_ transport: AsyncHTTPTransport, to url: String, timeout: Duration = .seconds(5)) throws -> HTTPOutcome {
        transport.post(
            Array("{}".utf8),
            to: try #require(HTTPEndpoint(parsing: url)),
            headers: ["Content-Type": "application/json"],
            timeout: timeout
        )
    }

    @Test("a step arrives over TLS with full verification: Atlas JSON POSTed to the path")
    func delivery() throws {
        let certificate = try TestCertificate.make()
        let server = try TLSTestServer(certificate: certificate, answers: [.status(200)])
        defer { server.stop() }
        let log = LogLines()
        let (registry, publisher) = try publishing(
            to: server.url("/api/v1/publish"),
            over: AsyncHTTPTransport(tlsConfiguration: certificate.trustingClient),
            log: log
        )
        registry.counter("requests", tags: ["status": "200"]).increment(by: 10)
        publisher.flush()
        publisher.stop()
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.uri == "/api/v1/publish")
        #expect(request.headers["content-type"] == "application/json" && request.headers["content-encoding"] == nil)
        let json = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
        let metrics = try #require(json?["metrics"] as? [[String: Any]])
        let names = metrics.compactMap { ($0["tags"] as? [String: String])?["name"] }
        #expect(names.contains("requests"))
        #expect(log.failures.isEmpty)
    }

    @Test("a certificate the client does not trust is refused: nothing is posted, the step is dropped as connection")
    func untrustedCertificate() throws {
        let trusted = try TestCertificate.make(commonName: "trusted")
        let other = try TestCertificate.make(commonName: "other")
        let server = try TLSTestServer(certificate: other, answers: [.status(200)])
        defer { server.stop() }
        let transport = AsyncHTTPTransport(tlsConfiguration: trusted.trustingClient)
        let outcome = try post(transport, to: server.url("/api/v1/publish"))
        guard case .failed(.connection, let detail) = outcome else {
            Issue.record("expected a connection failure, got \(outcome)")
            return
        }
        #expect(detail.contains("127.0.0.1"))
        let log = LogLines()
        let (registry, publisher) = try publishing(to: server.url("/api/v1/publish"), over: transport, log: log)
        registry.counter("requests").increment()
        publisher.flush()
        publisher.stop()
        #expect(server.requests.isEmpty)
        // Logged once, with what the TLS layer said.
        #expect(log.failures.count == 1)
        #expect(
            log.failures.first?.hasPrefix("publishing failed (connection); dropped 2 measurements this step: ") == true
        )
        #expect(log.failures.first?.contains("CERTIFICATE_VERIFY_FAILED") == true)
    }

    @Test("a body over 4 KiB goes gzipped, and is the JSON of every meter")
    func gzipBodies() throws {
        let certificate = try TestCertificate.make()
        let server = try TLSTestServer(certificate: certificate, answers: [.status(200)])
        defer { server.stop() }
        let log = LogLines()
        let (registry, publisher) = try publishing(
            to: server.url("/api/v4/update"),
            over: AsyncHTTPTransport(tlsConfiguration: certificate.trustingClient),
            log: log
        )
        for index in 0..<300 { registry.counter("requests", tags: ["endpoint": "/v1/items/\(index)"]).increment() }
        publisher.flush()
        publisher.stop()
        let request = try #require(server.requests.first)
        #expect(request.headers["content-encoding"] == "gzip")
        #expect(request.headers["user-agent"] == SpectatorVersion.userAgent)
        #expect(request.body.starts(with: [0x1F, 0x8B]))
        let json = try gunzip(request.body)
        for index in [0, 150, 299] { #expect(json.contains("_v1_items_\(index)\"")) }
        #expect(log.failures.isEmpty)
    }

    @Test("503 without end: three attempts in all, then the step dropped as http-error")
    func threeAttempts() throws {
        let certificate = try TestCertificate.make()
        let server = try TLSTestServer(certificate: certificate, answers: [.status(503)])
        defer { server.stop() }
        let log = LogLines()
        let (registry, publisher) = try publishing(
            to: server.url("/api/v1/publish"),
            over: AsyncHTTPTransport(tlsConfiguration: certificate.trustingClient),
            log: log
        )
        registry.counter("requests").increment()
        publisher.flush()
        #expect(server.requests.count == 3)
        publisher.stop()
        #expect(log.failures.first == "publishing failed (http-error); dropped 2 measurements this step: HTTP 503")
    }

    @Test(
        "no answer, or no TLS handshake, within the timeout: a timeout; the shutdown after it does not wait for the handshake"
    )
    func timeouts() throws {
        let certificate = try TestCertificate.make()
        let silent = try TLSTestServer(certificate: certificate, answers: [.silence])
        defer { silent.stop() }
        let transport = AsyncHTTPTransport(tlsConfiguration: certificate.trustingClient)
        let started = ContinuousClock.now
        guard case .failed(.timeout, _) = try post(transport, to: silent.url("/"), timeout: .milliseconds(300)) else {
            Issue.record("a silent server is a timeout")
            return
        }
        // A listener that accepts and never speaks TLS.
        let mute = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0)
            .wait()
        defer { try? mute.close().wait() }
        let muteURL = "https://127.0.0.1:\(mute.localAddress?.port ?? 0)/"
        guard case .failed(.timeout, _) = try post(transport, to: muteURL, timeout: .milliseconds(300)) else {
            Issue.record("a handshake that never comes is a timeout")
            return
        }
        // The shutdown (as a publisher's stop() makes it) does not wait for the handshake that never
        // comes. All of it far below the 10 s of the client's connect timeout.
        transport.shutdown()
        #expect(ContinuousClock.now - started < .seconds(4))
    }

    @Test("nothing listening: a connection failure")
    func refused() throws {
        let certificate = try TestCertificate.make()
        let server = try TLSTestServer(certificate: certificate, answers: [.status(200)])
        let url = server.url("/")
        server.stop()
        let transport = AsyncHTTPTransport(tlsConfiguration: certificate.trustingClient)
        defer { transport.shutdown() }
        guard case .failed(.connection, _) = try post(transport, to: url, timeout: .seconds(2)) else {
            Issue.record("nothing listening is a connection failure")
            return
        }
    }

    @Test("a post from a SwiftNIO event loop thread fails at once instead of waiting there")
    func onAnEventLoop() throws {
        let certificate = try TestCertificate.make()
        let server = try TLSTestServer(certificate: certificate, answers: [.status(200)])
        defer { server.stop() }
        let transport = AsyncHTTPTransport(tlsConfiguration: certificate.trustingClient)
        defer { transport.shutdown() }
        let endpoint = try #require(HTTPEndpoint(parsing: server.url("/")))
        let outcome = try MultiThreadedEventLoopGroup.singleton.next().submit {
            transport.post([], to: endpoint, headers: [:], timeout: .seconds(1))
        }.wait()
        guard case .failed(.other, let detail) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(detail.contains("event loop"))
        #expect(server.requests.isEmpty)
    }

    @Test("a 1 MB answer is read up to 64 KiB and answered with what came")
    func answerCap() throws {
        let certificate = try TestCertificate.make()
        let server = try TLSTestServer(certificate: certificate, answers: [.large(count: 1_000_000)])
        defer { server.stop() }
        let transport = AsyncHTTPTransport(tlsConfiguration: certificate.trustingClient)
        defer { transport.shutdown() }
        guard case .response(200, let headers, let body) = try post(transport, to: server.url("/")) else {
            Issue.record("expected the answer's first bytes")
            return
        }
        #expect(body.count == HTTPOutcome.maxAnswerBytes)
        #expect(headers["content-length"] == "1000000")
    }

    @Test("the publisher's stop() shuts its own client down; a client passed in stays the caller's")
    func shutdownWithThePublisher() async throws {
        let certificate = try TestCertificate.make()
        let server = try TLSTestServer(certificate: certificate, answers: [.status(200)])
        defer { server.stop() }
        let owned = AsyncHTTPTransport(tlsConfiguration: certificate.trustingClient)
        let (_, publisher) = try publishing(to: server.url("/api/v1/publish"), over: owned, log: LogLines())
        publisher.stop()
        #expect(try post(owned, to: server.url("/")) == .failed(.other, detail: "the https transport is shut down"))

        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = certificate.trustingClient
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let borrowed = AsyncHTTPTransport(client: client)
        let (_, second) = try publishing(to: server.url("/api/v1/publish"), over: borrowed, log: LogLines())
        second.stop()
        guard case .response(200, _, _) = try post(borrowed, to: server.url("/")) else {
            Issue.record("a borrowed client still posts after the publisher stopped")
            return
        }
        try await client.shutdown()
    }

    /// `gzip -dc` of `bytes`, as text.
    func gunzip(_ bytes: [UInt8]) throws -> String {
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-dc"]
        let input = Pipe()
        let output = Pipe()
        gzip.standardInput = input
        gzip.standardOutput = output
        try gzip.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        gzip.waitUntilExit()
        return text
    }
}
#endif
