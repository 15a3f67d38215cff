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
