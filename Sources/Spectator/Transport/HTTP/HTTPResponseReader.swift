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
        if Self.isChunked(head.headers) {
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
        } else if Self.isChunked(head.headers) {
            body = Self.dechunk(body[...]).body
        }
        return .response(status: head.status, headers: head.headers, body: body)
    }

    /// The answer when the server closed the connection.
    func outcomeAtEndOfStream() -> HTTPOutcome {
        if bytes.isEmpty { return .failed(.connection, detail: "the connection closed without an answer") }
        return outcome()
    }

    /// Whether `Transfer-Encoding` names `chunked`.
    private static func isChunked(_ headers: [String: String]) -> Bool {
        guard let codings = headers["transfer-encoding"] else { return false }
        return codings.lowercased().split(separator: ",").contains { $0.trimmingWhitespace == "chunked" }
    }

    /// The first range of `pattern` in `bytes`. (Not `firstRange(of:)`: that comes from
    /// `_StringProcessing`, which would link the regex engine into every program.)
    private static func firstRange(of pattern: [UInt8], in bytes: ArraySlice<UInt8>) -> Range<Int>? {
        guard bytes.count >= pattern.count else { return nil }
        for start in bytes.startIndex...(bytes.endIndex - pattern.count)
        where bytes[start..<start + pattern.count].elementsEqual(pattern) {
            return start..<start + pattern.count
        }
        return nil
    }

    private mutating func parseHead() {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = Self.firstRange(of: separator, in: bytes[...]) else {
            if bytes.count >= 5 && !bytes.starts(with: Array("HTTP/".utf8)) { notHTTP = true }
            return
        }
        // "\r\n" is one Character (a grapheme cluster), so this splits the head into its lines.
        let headText = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
        let lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false)
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
        while let sizeEnd = firstRange(of: lineEnd, in: stream[position...]) {
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
