/// Reads Atlas' validation answer, `{"type":"partial","errorCount":2,"message":[…]}`, the body of a
/// 202 or 4xx: how many of the batch's measurements the receiver rejected.
///
/// A small JSON reader of its own (the library has no Foundation): it checks that the whole body is
/// one well-formed JSON object and keeps the top-level `type` string and `errorCount` integer;
/// nested values are checked and skipped, at most ``maxDepth`` deep.
struct ValidationAnswer {
    /// How deep arrays and objects may nest before the answer is refused.
    static let maxDepth = 32

    private let bytes: [UInt8]
    private var position = 0
    private var type: String?
    private var errorCount: Int?

    /// `errorCount` of a well-formed answer that also has a `type`; `nil` otherwise (negative counts
    /// included).
    static func errorCount(_ body: [UInt8]) -> Int? {
        var reader = ValidationAnswer(bytes: body)
        guard reader.readAnswer(), reader.type != nil, let count = reader.errorCount, count >= 0 else { return nil }
        return count
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads the top-level object and nothing after it but white space.
    private mutating func readAnswer() -> Bool {
        skipWhitespace()
        guard peek == UInt8(ascii: "{"), readObject(depth: 0, topLevel: true) else { return false }
        skipWhitespace()
        return position == bytes.count
    }

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    private mutating func readValue(depth: Int) -> Bool {
        guard depth <= Self.maxDepth, let byte = peek else { return false }
        switch byte {
        case UInt8(ascii: "{"): return readObject(depth: depth, topLevel: false)
        case UInt8(ascii: "["): return readArray(depth: depth)
        case UInt8(ascii: "\""): return readString() != nil
        case UInt8(ascii: "t"): return readWord("true")
        case UInt8(ascii: "f"): return readWord("false")
        case UInt8(ascii: "n"): return readWord("null")
        default: return readNumber() != nil
        }
    }

    /// An object; at the top level its `type` and `errorCount` members are kept.
    private mutating func readObject(depth: Int, topLevel: Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard let key = readString() else { return false }
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            let valueStart = position
            guard readValue(depth: depth + 1) else { return false }
            if topLevel { keep(key, bytes[valueStart..<position]) }
            skipWhitespace()
            if take(UInt8(ascii: "}")) { return true }
            guard take(UInt8(ascii: ",")) else { return false }
        }
    }

    private mutating func keep(_ key: String, _ value: ArraySlice<UInt8>) {
        if key == "type", value.first == UInt8(ascii: "\"") {
            type = String(decoding: value.dropFirst().dropLast(), as: UTF8.self)
        } else if key == "errorCount" {
            errorCount = Int(String(decoding: value, as: UTF8.self))
        }
    }

    private mutating func readArray(depth: Int) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "]")) { return true }
        while true {
            skipWhitespace()
            guard readValue(depth: depth + 1) else { return false }
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return true }
            guard take(UInt8(ascii: ",")) else { return false }
        }
    }

    /// A string's raw contents (escapes left as they are), or `nil` when it is not a string.
    private mutating func readString() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while let byte = peek {
            position += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: bytes[start..<position - 1], as: UTF8.self) }
            if byte == UInt8(ascii: "\\") {
                guard peek != nil else { return nil }
                position += 1
            } else if byte < 0x20 {
                return nil
            }
        }
        return nil
    }

    /// A number's text, or `nil` when there is none.
    private mutating func readNumber() -> Substring? {
        let start = position
        while let byte = peek,
            byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || (byte >= 0x30 && byte <= 0x39)
        {
            position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        return Double(text) == nil ? nil : text[...]
    }

    private mutating func readWord(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard position + length <= bytes.count,
            bytes[position..<position + length].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: length))
        else { return false }
        position += length
        return true
    }
}
