/// The library's ``HTTPTransport`` for plain `http://` receivers, straight over a TCP socket: one
/// connection per request (`Connection: close`), one deadline for the whole exchange (name
/// resolution included), and at most ``HTTPOutcome/maxAnswerBytes`` bytes of answer read. It does
/// not speak TLS: an `https://` endpoint gets a failure.
final class SocketHTTPTransport: HTTPTransport {
    /// The resolver of the last host posted to: a publisher posts to one URL, so its name is
    /// looked up by one resolver, at most one lookup at a time.
    private let resolver = Locked<HostResolver?>(nil)

    func post(_ body: [UInt8], to endpoint: HTTPEndpoint, headers: [String: String], timeout: Duration) -> HTTPOutcome {
        let deadline = Platform.monotonicNanos() &+ max(timeout.wholeNanoseconds, 0)
        guard !endpoint.isSecure else { return .failed(.other, detail: "no TLS on the socket transport: \(endpoint)") }
        let connection = resolver(host: endpoint.host, port: endpoint.port).resolve(deadline: deadline)
            .flatMap {
                Platform.openConnection(to: $0, kind: .stream, deadline: deadline).mapError(TransportFailure.init)
            }
        let fd: Int32
        switch connection {
        case .success(let connected): fd = connected
        case .failure(let failure): return .failed(failure.reason, detail: failure.detail)
        }
        defer { Platform.closeDescriptor(fd) }
        let request = Self.requestHead(endpoint, headers: headers, bodyLength: body.count) + body
        let unsent = request.withUnsafeBytes { Platform.sendAll($0, on: fd, deadline: deadline) }
        if let failure = unsent.map(TransportFailure.init) {
            return .failed(failure.reason, detail: failure.detail)
        }
        var response = HTTPResponseReader(limit: HTTPOutcome.maxAnswerBytes)
        while !response.isComplete {
            let limit = HTTPOutcome.maxAnswerBytes - response.byteCount
            switch Platform.receive(on: fd, upTo: limit, deadline: deadline).mapError(TransportFailure.init) {
            case .success(let bytes) where bytes.isEmpty:
                return response.outcomeAtEndOfStream()
            case .success(let bytes):
                response.append(bytes)
            case .failure(let failure):
                return .failed(failure.reason, detail: failure.detail)
            }
        }
        return response.outcome()
    }

    /// The resolver for `host` and `port`, made anew when they change.
    private func resolver(host: String, port: UInt16) -> HostResolver {
        resolver.withLock { current in
            if let current, current.host == host, current.port == port { return current }
            let fresh = HostResolver(host: host, port: port, kind: .stream)
            current = fresh
            return fresh
        }
    }

    /// `POST <path> HTTP/1.1` and the headers, up to the blank line; `User-Agent` is among the
    /// caller's `headers` (the exporter's, versioned), never added here a second time.
    static func requestHead(_ endpoint: HTTPEndpoint, headers: [String: String], bodyLength: Int) -> [UInt8] {
        var head = "POST \(endpoint.target) HTTP/1.1\r\nHost: \(endpoint.hostHeader)\r\n"
        head += "Content-Length: \(bodyLength)\r\n"
        head += "Connection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        return Array((head + "\r\n").utf8)
    }
}
