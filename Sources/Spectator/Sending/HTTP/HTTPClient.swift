import Foundation

/// What the publisher needs from HTTP: one POST, answered or failed, never hanging past its timeout.
///
/// Two implementations: the library's socket client for `http://` and `URLSession` for `https://`;
/// the protocol is internal, so it is not a way to plug in another stack.
protocol HTTPClient: Sendable {
    func post(_ url: URL, body: [UInt8], headers: [String: String], timeout: Duration) -> HTTPOutcome
}
