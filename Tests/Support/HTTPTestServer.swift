import CZlib
import Foundation
import Spectator

/// A small HTTP/1.1 server on 127.0.0.1 that records requests and answers as told.
package final class HTTPTestServer: Sendable {
    package indirect enum Answer: Sendable {
        case status(Int, body: String = "", headers: [String: String] = [:])
        /// Accept the request and never answer.
        case silence
        /// Wait, then answer.
        case delayed(Duration, Answer)
        /// Send these bytes, which are not HTTP, and close the connection.
        case raw(String)
    }

    package struct Request: Sendable {
        package let method: String
        package let path: String
        package let headers: [String: String]
        /// The body, un-gzipped when it came with `Content-Encoding: gzip`.
        package let body: String
    }

    package let port: UInt16
    private let listener: Int32
    private let recorded = Locked<[Request]>([])
    /// Answers in order; the last one repeats.
    private let answers: Locked<[Answer]>
    private let connections = Locked<[Int32]>([])

    /// Listens on `port` (0: any free port). A port just given up by another server is retried
    /// for up to two seconds, while its old listener closes.
    package init(answers: [Answer], port requested: UInt16 = 0) {
        self.answers = Locked(answers)
        let listener = socket(AF_INET, TestPlatform.stream, 0)
        TestPlatform.closeOnExec(listener)
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = loopbackIPv4(port: requested)
        var attempts = 1
        while !bindReportingPort(listener, &address) && attempts < 100 {
            attempts += 1
            Thread.sleep(forTimeInterval: 0.02)
        }
        listen(listener, 64)
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    package var url: String { "http://127.0.0.1:\(port)" }

    package var requests: [Request] { recorded.withLock { $0 } }

    /// The requests recorded since the last call.
    package func takeRequests() -> [Request] {
        recorded.withLock { requests in
            defer { requests.removeAll() }
            return requests
        }
    }

    /// Answers the next requests with `answers` instead (the last one repeats).
    package func answer(with answers: [Answer]) {
        self.answers.withLock { $0 = answers }
    }

    /// Stops accepting and ends every open connection. Descriptors are only shut down here, and
    /// closed by the threads that own them, so no descriptor number is touched after its reuse.
    package func stop() {
        connections.withLock { open in
            shutdown(listener, Int32(SHUT_RDWR))
            for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            TestPlatform.closeOnExec(fd)
            TestPlatform.preventSIGPIPE(fd)
            connections.withLock { $0.append(fd) }
            let thread = Thread { [self] in serve(fd) }
            thread.start()
        }
    }

    private func nextAnswer() -> Answer {
        answers.withLock { answers in answers.count > 1 ? answers.removeFirst() : answers[0] }
    }

    private func serve(_ fd: Int32) {
        defer {
            connections.withLock { open in
                open.removeAll { $0 == fd }
                close(fd)
            }
        }
        var pending: [UInt8] = []
        while let request = readRequest(fd, &pending) {
            recorded.withLock { $0.append(request) }
            guard give(nextAnswer(), on: fd) else { return }
        }
    }

    /// Sends `answer`; `false` when the connection is over.
    private func give(_ answer: Answer, on fd: Int32) -> Bool {
        switch answer {
        case .silence:
            var byte: UInt8 = 0
            _ = recv(fd, &byte, 1, 0)  // until the client gives up or the server stops
            return false
        case .delayed(let delay, let answer):
            let (seconds, attoseconds) = delay.components
            Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
            return give(answer, on: fd)
        case .raw(let text):
            _ = Array(text.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, TestPlatform.noSignal) }
            return false
        case .status(let status, let body, let headers):
            var head =
                "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.utf8.count)\r\nContent-Type: application/json\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            let bytes = Array((head + "\r\n" + body).utf8)
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, TestPlatform.noSignal) }
            return sent == bytes.count
        }
    }

    private func readRequest(_ fd: Int32, _ pending: inout [UInt8]) -> Request? {
        let separator = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while true {
            if let end = pending.firstRange(of: separator)?.upperBound { headerEnd = end }
            if let headerEnd {
                let head = String(decoding: pending[..<headerEnd], as: UTF8.self)
                let lines = head.components(separatedBy: "\r\n")
                let requestLine = lines[0].split(separator: " ")
                var headers: [String: String] = [:]
                for line in lines.dropFirst() where line.contains(":") {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    // A repeated header is kept, its values joined as HTTP allows: a request that
                    // sends one twice shows it.
                    let value = parts[1].trimmingCharacters(in: .whitespaces)
                    headers[parts[0].lowercased(), default: ""] +=
                        headers[parts[0].lowercased()] == nil ? value : ", " + value
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                if pending.count - headerEnd >= length {
                    var body = Array(pending[headerEnd..<(headerEnd + length)])
                    pending.removeFirst(headerEnd + length)
                    if headers["content-encoding"] == "gzip" { body = gunzip(body) }
                    return Request(
                        method: String(requestLine[0]),
                        path: String(requestLine[1]),
                        headers: headers,
                        body: String(decoding: body, as: UTF8.self)
                    )
                }
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            pending += chunk[..<count]
        }
    }
}

/// Decompresses a gzip stream.
package func gunzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var input = bytes
    var chunk = [UInt8](repeating: 0, count: 65_536)
    input.withUnsafeMutableBufferPointer { input in
        stream.next_in = input.baseAddress
        stream.avail_in = uInt(input.count)
        var status = Z_OK
        repeat {
            chunk.withUnsafeMutableBufferPointer { out in
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                status = inflate(&stream, Z_NO_FLUSH)
                output += out[..<(out.count - Int(stream.avail_out))]
            }
        } while status == Z_OK
    }
    return output
}
