import Dispatch
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// ``HTTPClient`` on the toolchain's `URLSession`, for `https://` receivers (plain `http://` goes over
/// ``SocketHTTPClient``).
///
/// Each request has one timeout for the whole exchange, connection included. A response body is
/// read only up to ``HTTPOutcome/maxAnswerBytes`` bytes; a longer one is cut off, so a misbehaving
/// server cannot make the publisher buffer megabytes.
final class URLSessionHTTPClient: HTTPClient {
    private let session: URLSession
    private let exchanges: ExchangeTracker

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        exchanges = ExchangeTracker()
        session = URLSession(configuration: configuration, delegate: exchanges, delegateQueue: nil)
    }

    deinit {
        session.invalidateAndCancel()
    }

    func post(_ url: URL, body: [UInt8], headers: [String: String], timeout: Duration) -> HTTPOutcome {
        let seconds = Double(timeout.wholeNanoseconds) / 1e9
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: seconds)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let task = session.dataTask(with: request)
        let exchange = exchanges.begin(task)
        task.resume()
        // URLSession's own timeout does not always fire on time here: this wait is the deadline.
        if exchange.done.wait(timeout: .now() + seconds) == .timedOut {
            task.cancel()
            exchanges.end(task)
            return .failed(.timeout, detail: "no answer within \(timeout)")
        }
        exchanges.end(task)
        return exchange.outcome
    }
}

/// One request in flight: what has arrived so far and a signal for when it is over.
private final class Exchange: Sendable {
    struct State {
        var status: Int?
        var headers: [String: String] = [:]
        var body: [UInt8] = []
        var outcome: HTTPOutcome?
    }

    let state = Locked(State())
    let done = DispatchSemaphore(value: 0)

    var outcome: HTTPOutcome {
        state.withLock { $0.outcome ?? .failed(.connection, detail: "no outcome") }
    }
}

/// The session's delegate: routes callbacks to the ``Exchange`` of their task.
private final class ExchangeTracker: NSObject, URLSessionDataDelegate, Sendable {
    private let exchanges = Locked<[Int: Exchange]>([:])

    func begin(_ task: URLSessionTask) -> Exchange {
        let exchange = Exchange()
        exchanges.withLock { $0[task.taskIdentifier] = exchange }
        return exchange
    }

    func end(_ task: URLSessionTask) {
        _ = exchanges.withLock { $0.removeValue(forKey: task.taskIdentifier) }
    }

    private func exchange(for task: URLSessionTask) -> Exchange? {
        exchanges.withLock { $0[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse, let exchange = exchange(for: dataTask) {
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                headers[String(describing: name).lowercased()] = String(describing: value)
            }
            exchange.state.withLock {
                $0.status = http.statusCode
                $0.headers = headers
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(for: dataTask) else { return }
        let full = exchange.state.withLock { state in
            state.body.append(contentsOf: data.prefix(HTTPOutcome.maxAnswerBytes - state.body.count))
            return state.body.count >= HTTPOutcome.maxAnswerBytes
        }
        if full { dataTask.cancel() }
    }

    /// Why an exchange without an answer failed: no answer in time, no connection, or an answer
    /// that is not HTTP (a wrong port, say).
    private static func reason(_ error: (any Error)?) -> DropReason {
        switch (error as? URLError)?.code {
        case .timedOut?: .timeout
        case .badServerResponse?, .unsupportedURL?, .cannotParseResponse?, .cannotDecodeRawData?: .other
        default: .connection
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let exchange = exchange(for: task) else { return }
        exchange.state.withLock { state in
            if let status = state.status {
                state.outcome = .response(status: status, headers: state.headers, body: state.body)
            } else {
                state.outcome = .failed(Self.reason(error), detail: error.map { "\($0)" } ?? "no response")
            }
        }
        exchange.done.signal()
    }
}
