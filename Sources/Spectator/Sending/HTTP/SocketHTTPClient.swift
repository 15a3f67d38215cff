import Foundation

/// ``HTTPClient`` for plain `http://` receivers, straight over a TCP socket: one connection per
/// request (`Connection: close`), one deadline for the whole exchange (name resolution included), and
/// at most ``HTTPOutcome/maxAnswerBytes`` bytes of answer read.
///
/// The publisher uses it instead of `URLSession` for `http://` because FoundationNetworking keeps
/// about 32 bytes per request that it never frees (in `curl_url_set`), which adds up in a process
/// that posts every step for months. `https://` still goes through ``URLSessionHTTPClient``.
final class SocketHTTPClient: HTTPClient {
    /// The resolver of the last host posted to: a publisher posts to one URL, so its name is
    /// looked up by one resolver, at most one lookup at a time.
    private let resolver = Locked<HostResolver?>(nil)

    func post(_ url: URL, body: [UInt8], headers: [String: String], timeout: Duration) -> HTTPOutcome {
        let deadline = Platform.monotonicNanos() &+ max(timeout.wholeNanoseconds, 0)
        guard url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty else {
            return .failed(.other, detail: "not a plain http URL: \(url)")
        }
        let connection = resolver(host: host, port: UInt16(clamping: url.port ?? 80)).resolve(deadline: deadline)
            .flatMap { Platform.openConnection(to: $0, kind: .stream, deadline: deadline) }
        let fd: Int32
        switch connection {
        case .success(let connected): fd = connected
        case .failure(let failure): return .failed(failure.reason, detail: failure.detail)
        }
        defer { Platform.closeDescriptor(fd) }
        let request = Self.requestHead(url, host: host, headers: headers, bodyLength: body.count) + body
        if let failure = request.withUnsafeBytes({ Platform.sendAll($0, on: fd, deadline: deadline) }) {
            return .failed(failure.reason, detail: failure.detail)
        }
        var response = HTTPResponseReader(limit: HTTPOutcome.maxAnswerBytes)
        while !response.isComplete {
            let limit = HTTPOutcome.maxAnswerBytes - response.byteCount
            switch Platform.receive(on: fd, upTo: limit, deadline: deadline) {
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

    /// `POST <path> HTTP/1.1` and the headers, up to the blank line.
    static func requestHead(_ url: URL, host: String, headers: [String: String], bodyLength: Int) -> [UInt8] {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var target = components?.percentEncodedPath ?? "/"
        if target.isEmpty { target = "/" }
        if let query = components?.percentEncodedQuery { target += "?" + query }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let hostHeader = bracketed + (url.port.map { ":\($0)" } ?? "")
        var head = "POST \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\nContent-Length: \(bodyLength)\r\n"
        head += "Connection: close\r\nUser-Agent: spectator-swift\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        return Array((head + "\r\n").utf8)
    }
}
