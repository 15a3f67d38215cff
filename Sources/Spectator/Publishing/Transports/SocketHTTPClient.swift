import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// ``HTTPClient`` for plain `http://` receivers, straight over a TCP socket: one connection per
/// request (`Connection: close`), one deadline for the whole exchange (name resolution aside), and
/// at most ``HTTPOutcome/maxAnswerBytes`` bytes of answer read.
///
/// The publisher uses it instead of `URLSession` for `http://` because FoundationNetworking keeps
/// about 32 bytes per request that it never frees (in `curl_url_set`), which adds up in a process
/// that posts every step for months. `https://` still goes through ``URLSessionHTTPClient``.
final class SocketHTTPClient: HTTPClient {
    func post(_ url: URL, body: [UInt8], headers: [String: String], timeout: Duration) -> HTTPOutcome {
        let deadline = Platform.monotonicNanos() &+ max(timeout.wholeNanoseconds, 0)
        guard url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty else {
            return .failed(.other, detail: "not a plain http URL: \(url)")
        }
        let port = url.port ?? 80
        let fd: Int32
        switch TCPConnection.open(host: host, port: port, deadline: deadline) {
        case .success(let connected): fd = connected
        case .failure(let failure): return .failed(failure.reason, detail: failure.detail)
        }
        defer { close(fd) }
        let request = Self.requestHead(url, host: host, headers: headers, bodyLength: body.count) + body
        if let failure = TCPConnection.sendAll(request, on: fd, deadline: deadline) {
            return .failed(failure.reason, detail: failure.detail)
        }
        var response = HTTPResponseReader(limit: HTTPOutcome.maxAnswerBytes)
        while !response.isComplete {
            switch TCPConnection.receive(
                on: fd,
                deadline: deadline,
                upTo: HTTPOutcome.maxAnswerBytes - response.byteCount
            ) {
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

/// Why a socket exchange failed, as the publisher counts it.
struct TCPFailure: Error {
    let reason: DropReason
    let detail: String

    init(_ reason: DropReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    static func system(_ code: Int32, _ what: String) -> TCPFailure {
        TCPFailure(.connection, "\(what): \(String(cString: strerror(code)))")
    }
}

/// Non-blocking TCP with deadlines in monotonic nanoseconds.
enum TCPConnection {
    /// Resolves `host` and connects to the first address that answers before the deadline.
    static func open(host: String, port: Int, deadline: Int64) -> Result<Int32, TCPFailure> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var results: UnsafeMutablePointer<addrinfo>?
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(name, String(port), &hints, &results) == 0, let first = results else {
            return .failure(TCPFailure(.connection, "cannot resolve \(host)"))
        }
        defer { freeaddrinfo(results) }
        var failure = TCPFailure(.connection, "no address for \(host)")
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard fd >= 0 else {
                failure = .system(errno, "socket")
                continue
            }
            if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return .success(fd) }
            var code = errno
            if code == EINPROGRESS {
                if let timedOut = wait(fd, for: Int16(POLLOUT), until: deadline) {
                    close(fd)
                    failure = timedOut
                    if timedOut.reason == .timeout { break }
                    continue
                }
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
                if code == 0 { return .success(fd) }
            }
            close(fd)
            failure = .system(code, "connect to \(host):\(port)")
        }
        return .failure(failure)
    }

    /// Sends every byte before the deadline; `nil` when done.
    static func sendAll(_ bytes: [UInt8], on fd: Int32, deadline: Int64) -> TCPFailure? {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0 && (errno == EAGAIN || errno == EINTR) {
                if let failure = wait(fd, for: Int16(POLLOUT), until: deadline) { return failure }
            } else {
                return .system(errno, "send")
            }
        }
        return nil
    }

    /// The next bytes to arrive, at most `limit`; empty at the end of the stream.
    static func receive(on fd: Int32, deadline: Int64, upTo limit: Int) -> Result<[UInt8], TCPFailure> {
        var buffer = [UInt8](repeating: 0, count: max(1, min(limit, 16 * 1024)))
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return .success(Array(buffer[..<count])) }
            guard errno == EAGAIN || errno == EINTR else { return .failure(.system(errno, "recv")) }
            if let failure = wait(fd, for: Int16(POLLIN), until: deadline) { return .failure(failure) }
        }
    }

    /// Waits until `fd` is ready for `events`; a failure when the deadline passes first.
    private static func wait(_ fd: Int32, for events: Int16, until deadline: Int64) -> TCPFailure? {
        while true {
            let remaining = deadline &- Platform.monotonicNanos()
            guard remaining > 0 else { return TCPFailure(.timeout, "no answer in time") }
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: (remaining + 999_999) / 1_000_000))
            if ready > 0 { return nil }
            if ready < 0 && errno != EINTR { return .system(errno, "poll") }
        }
    }
}

/// Accumulates an HTTP/1.1 answer and tells when it is complete: its head read, then its body by
/// `Content-Length`, by chunks, or up to the end of the stream.
struct HTTPResponseReader {
    private let limit: Int
    private var bytes: [UInt8] = []
    private var head: (status: Int, headers: [String: String], bodyStart: Int)?
    private var notHTTP = false

    init(limit: Int) {
        self.limit = limit
    }

    var byteCount: Int { bytes.count }

    mutating func append(_ more: [UInt8]) {
        bytes += more
        if head == nil && !notHTTP { parseHead() }
    }

    /// Whether nothing more needs to be read.
    var isComplete: Bool {
        if notHTTP || bytes.count >= limit { return true }
        guard let head else { return false }
        if let length = head.headers["content-length"].flatMap({ Int($0) }) {
            return bytes.count - head.bodyStart >= length
        }
        if head.headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            return Self.dechunk(bytes[head.bodyStart...]).complete
        }
        return false
    }

    /// The answer, once ``isComplete``.
    func outcome() -> HTTPOutcome {
        guard let head, !notHTTP else { return .failed(.other, detail: "the answer is not HTTP") }
        var body = Array(bytes[head.bodyStart...])
        if let length = head.headers["content-length"].flatMap({ Int($0) }) {
            body = Array(body.prefix(length))
        } else if head.headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = Self.dechunk(body[...]).body
        }
        return .response(status: head.status, headers: head.headers, body: body)
    }

    /// The answer when the server closed the connection.
    func outcomeAtEndOfStream() -> HTTPOutcome {
        if bytes.isEmpty { return .failed(.connection, detail: "the connection closed without an answer") }
        return outcome()
    }

    private mutating func parseHead() {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.firstRange(of: separator) else {
            if bytes.count >= 5 && !bytes.starts(with: Array("HTTP/".utf8)) { notHTTP = true }
            return
        }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            notHTTP = true
            return
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...]).trimmingWhitespace
        }
        head = (status, headers, end.upperBound)
    }

    /// The body of a chunked stream so far, and whether its last chunk has arrived.
    static func dechunk(_ stream: ArraySlice<UInt8>) -> (body: [UInt8], complete: Bool) {
        var body: [UInt8] = []
        var position = stream.startIndex
        let lineEnd: [UInt8] = Array("\r\n".utf8)
        while let sizeEnd = stream[position...].firstRange(of: lineEnd) {
            let sizeLine = String(decoding: stream[position..<sizeEnd.lowerBound], as: UTF8.self)
            let sizeText = String(sizeLine.split(separator: ";").first ?? "").trimmingWhitespace
            guard let size = Int(sizeText, radix: 16), size >= 0 else { return (body, true) }
            if size == 0 { return (body, true) }
            let dataEnd = sizeEnd.upperBound + size
            guard dataEnd + 2 <= stream.endIndex else { return (body, false) }
            body += stream[sizeEnd.upperBound..<dataEnd]
            position = dataEnd + 2
        }
        return (body, false)
    }
}
