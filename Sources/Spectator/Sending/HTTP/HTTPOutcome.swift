/// What became of one POST: the server's answer, or why none came.
enum HTTPOutcome: Sendable, Equatable {
    /// The most bytes of an answer either client reads: enough for Atlas' validation answer, and a
    /// bound on what a misbehaving server can make the publisher hold.
    static let maxAnswerBytes = 64 * 1024

    /// The server answered. `body` holds at most the first ``maxAnswerBytes`` bytes; header names are
    /// lowercased.
    case response(status: Int, headers: [String: String], body: [UInt8])
    /// No answer: `.connection` (refused, unreachable, reset), `.timeout`, or `.other` for an answer
    /// that is not HTTP.
    case failed(DropReason, detail: String)
}
