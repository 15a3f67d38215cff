import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("SocketHTTPTransport", .serialized)
struct SocketHTTPTransportTests {
    /// What `HTTPTestServer`'s `.status(200, body: "{}")` comes back as.
    static let answeredOK = HTTPOutcome.response(
        status: 200,
        headers: ["content-length": "2", "content-type": "application/json"],
        body: Array("{}".utf8)
    )

    func post(
        _ answer: HTTPTestServer.Answer,
        timeout: Duration = .seconds(2)
    ) -> (HTTPOutcome, HTTPTestServer.Request?) {
        let server = HTTPTestServer(answers: [answer])
        defer { server.stop() }
        let outcome = SocketHTTPTransport().post(
            Array("[1]".utf8),
            to: HTTPEndpoint(parsing: server.url + "/api/v4/update?x=1")!,
            headers: ["Content-Type": "application/json"],
            timeout: timeout
        )
        return (outcome, server.requests.first)
    }

    @Test("the request: POST to path and query, Host with the port, the body, Connection: close")
    func request() throws {
        let (outcome, request) = post(.status(200, body: "{}"))
        #expect(outcome == Self.answeredOK)
        let received = try #require(request)
        #expect(received.method == "POST" && received.path == "/api/v4/update?x=1" && received.body == "[1]")
        #expect(received.headers["host"]?.hasPrefix("127.0.0.1:") == true)
        #expect(received.headers["connection"] == "close" && received.headers["content-type"] == "application/json")
    }

    @Test("a host name: every address is tried (localhost may resolve to ::1 first; the server is on 127.0.0.1)")
    func hostName() {
        let server = HTTPTestServer(answers: [.status(200, body: "{}")])
        defer { server.stop() }
        let outcome = SocketHTTPTransport().post(
            [],
            to: HTTPEndpoint(parsing: "http://localhost:\(server.port)/api/v1/publish")!,
            headers: [:],
            timeout: .seconds(2)
        )
        #expect(outcome == Self.answeredOK)
    }

    @Test("an IPv6 literal is bracketed in the Host header, an absent port left out of it; an empty path becomes /")
    func requestHead() {
        let head = String(
            decoding: SocketHTTPTransport.requestHead(
                HTTPEndpoint(parsing: "http://[::1]:7101")!,
                headers: [:],
                bodyLength: 3
            ),
            as: UTF8.self
        )
        #expect(head.hasPrefix("POST / HTTP/1.1\r\nHost: [::1]:7101\r\nContent-Length: 3\r\n"))
        let withoutPort = SocketHTTPTransport.requestHead(
            HTTPEndpoint(parsing: "http://example.com?q=1")!,
            headers: [:],
            bodyLength: 0
        )
        #expect(String(decoding: withoutPort, as: UTF8.self).hasPrefix("POST /?q=1 HTTP/1.1\r\nHost: example.com\r\n"))
        #expect(head.hasSuffix("\r\n\r\n"))
        let withAgent = String(
            decoding: SocketHTTPTransport.requestHead(
                HTTPEndpoint(parsing: "http://example.com")!,
                headers: ["User-Agent": SpectatorVersion.userAgent],
                bodyLength: 0
            ),
            as: UTF8.self
        )
        #expect(
            withAgent.components(separatedBy: "\r\n").filter { $0.lowercased().hasPrefix("user-agent:") } == [
                "User-Agent: \(SpectatorVersion.userAgent)"
            ]
        )
    }

    @Test("a chunked answer is put back together")
    func chunked() {
        let body = #"{"type":"partial","errorCount":2}"#
        let chunks =
            "10\r\n" + body.prefix(16) + "\r\n" + String(format: "%x", body.count - 16) + "\r\n"
            + body.dropFirst(16) + "\r\n0\r\n\r\n"
        let (outcome, _) = post(.raw("HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks))
        #expect(outcome == .response(status: 202, headers: ["transfer-encoding": "chunked"], body: Array(body.utf8)))
    }

    @Test("an answer without a length ends with the connection")
    func closeDelimited() {
        let (outcome, _) = post(.raw("HTTP/1.1 200 OK\r\n\r\n{}"))
        #expect(outcome == .response(status: 200, headers: [:], body: Array("{}".utf8)))
    }

    @Test("a connection closed without an answer is a connection failure; an endless head is not HTTP")
    func brokenAnswers() {
        guard case .failed(.connection, _) = post(.raw("")).0 else {
            Issue.record("a closed connection should fail as connection")
            return
        }
        let endless = "HTTP/1.1 200 OK\r\nX-Padding: " + String(repeating: "x", count: 100_000)
        guard case .failed(.other, _) = post(.raw(endless)).0 else {
            Issue.record("a head longer than the read limit should fail as other")
            return
        }
    }

    @Test("the deadline covers the whole exchange")
    func deadline() {
        let start = ContinuousClock.now
        guard case .failed(.timeout, _) = post(.delayed(.seconds(2), .status(200)), timeout: .milliseconds(200)).0
        else {
            Issue.record("a late answer should time out")
            return
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }
}
