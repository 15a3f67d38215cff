/// The transport of an `https://` output when no TLS ``HTTPTransport`` was configured: every post
/// fails at once as ``DropReason/other``, so each step is counted as dropped, and nothing traps.
/// The publisher has said why once (``LogSink/Event``'s `noTLSTransport`).
struct NoTLSTransport: HTTPTransport {
    func post(_ body: [UInt8], to endpoint: HTTPEndpoint, headers: [String: String], timeout: Duration) -> HTTPOutcome {
        .failed(.other, detail: "no TLS transport for \(endpoint): add the SpectatorHTTPS product")
    }
}
