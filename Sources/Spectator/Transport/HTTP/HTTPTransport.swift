/// What a ``Publisher`` needs from HTTP: one POST, answered or failed, within its timeout.
///
/// The library's own transport posts to plain `http://` receivers over a socket. For `https://`,
/// add the `SpectatorHTTPS` product and set its transport on the configuration the publisher is
/// made with:
///
/// ```swift
/// import SpectatorHTTPS
///
/// var configuration = SpectatorConfiguration()        // SPECTATOR_OUTPUT_LOCATION=https://…
/// configuration.httpTransport = AsyncHTTPTransport()
/// ```
///
/// Implementation requirements:
/// - ``post(_:to:headers:timeout:)`` returns within `timeout` (connection and name resolution
///   included) and never throws or traps: every failure is an ``HTTPOutcome/failed(_:detail:)``.
/// - It reads at most ``HTTPOutcome/maxAnswerBytes`` bytes of an answer and lowercases header names.
/// - It is called from the publisher's thread (or a thread of its own, under ``Publisher/run()``),
///   one post at a time, never from a Swift concurrency executor; blocking there is expected.
/// - ``shutdown()`` is called once, after the publisher's last step; later posts fail.
public protocol HTTPTransport: Sendable {
    /// POSTs `body` to `endpoint` with `headers` (`Content-Type`, `Content-Encoding`, …; the transport
    /// adds `Host` and `Content-Length`) and returns the answer or why none came.
    func post(_ body: [UInt8], to endpoint: HTTPEndpoint, headers: [String: String], timeout: Duration) -> HTTPOutcome

    /// Releases what the transport holds (connections, threads). The default does nothing.
    func shutdown()
}

extension HTTPTransport {
    public func shutdown() {}
}

/// What became of one POST: the server's answer, or why none came.
public enum HTTPOutcome: Sendable, Equatable {
    /// The most bytes of an answer a transport reads: enough for Atlas' validation answer, and a
    /// bound on what a misbehaving server can make the publisher hold.
    public static let maxAnswerBytes = 64 * 1024

    /// The server answered. `body` holds at most the first ``maxAnswerBytes`` bytes; header names are
    /// lowercased.
    case response(status: Int, headers: [String: String], body: [UInt8])
    /// No answer: ``DropReason/connection`` (refused, unreachable, reset, TLS refused),
    /// ``DropReason/timeout``, or ``DropReason/other`` for an answer that is not HTTP or a transport
    /// that cannot post at all.
    case failed(DropReason, detail: String)
}

/// The transport of an `https://` output when no TLS ``HTTPTransport`` was configured: every post
/// fails at once as ``DropReason/other``, so each step is counted as dropped, and nothing traps.
/// The publisher has said why once (``LogSink/Event``'s `noTLSTransport`).
struct NoTLSTransport: HTTPTransport {
    func post(_ body: [UInt8], to endpoint: HTTPEndpoint, headers: [String: String], timeout: Duration) -> HTTPOutcome {
        .failed(.other, detail: "no TLS transport for \(endpoint): add the SpectatorHTTPS product")
    }
}
