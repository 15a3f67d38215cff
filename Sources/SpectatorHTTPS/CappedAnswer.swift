#if HTTPS
import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Spectator

/// Collects an answer as an `HTTPOutcome`, keeping at most `limit` bytes of its body: at
/// the limit it stops reading and hands back what it has (as ``LimitReached``), so a misbehaving
/// receiver cannot make the publisher hold more.
final class CappedAnswer: HTTPClientResponseDelegate {
    typealias Response = HTTPOutcome

    /// Thrown to stop reading once `limit` bytes of body are in; carries the answer so far.
    struct LimitReached: Error {
        let outcome: HTTPOutcome
    }

    private struct Received {
        var status = 0
        var headers: [String: String] = [:]
        var body: [UInt8] = []
    }

    private let limit: Int
    private let received = NIOLockedValueBox(Received())

    init(limit: Int) {
        self.limit = limit
    }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        received.withLockedValue { received in
            received.status = Int(head.status.code)
            for (name, value) in head.headers {
                let name = name.lowercased()
                received.headers[name] = received.headers[name].map { $0 + ", " + value } ?? value
            }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let outcome: HTTPOutcome? = received.withLockedValue { received in
            received.body += buffer.readableBytesView.prefix(limit - received.body.count)
            guard received.body.count >= limit else { return nil }
            return .response(status: received.status, headers: received.headers, body: received.body)
        }
        guard let outcome else { return task.eventLoop.makeSucceededVoidFuture() }
        return task.eventLoop.makeFailedFuture(LimitReached(outcome: outcome))
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        received.withLockedValue { .response(status: $0.status, headers: $0.headers, body: $0.body) }
    }
}
#endif
