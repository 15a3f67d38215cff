/// One dimension of a ``MeterId``: a key and its value, both already sanitised.
public struct Tag: Hashable, Sendable, CustomStringConvertible {
    /// The tag key, e.g. `status`.
    public let key: String
    /// The tag value, e.g. `200`.
    public let value: String

    /// Creates a tag from strings that are already valid; ``MeterId`` is what sanitises user input.
    init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// `key=value`, as on the wire.
    public var description: String { "\(key)=\(value)" }
}

/// Makes names, tag keys and tag values safe for every wire format (the default of
/// `validTagCharacters` in Spectator Java's
/// [AtlasConfig](https://github.com/Netflix/spectator/blob/HEAD/spectator-reg-atlas/src/main/java/com/netflix/spectator/atlas/AtlasConfig.java)).
///
/// Every Unicode scalar outside `-._A-Za-z0-9~^` becomes one `_`, so `,`, `=`, `:` and newlines can never
/// break the line protocol, and a string is cut to a maximum number of scalars (Atlas' own limits), so a
/// runaway 10 000-character value cannot bloat every datagram it appears in.
enum TagSanitizer {
    /// Atlas' limit for the `name` value (`NameValueLengthRule`).
    static let maxNameLength = 255
    /// Atlas' limit for tag keys (`KeyLengthRule`).
    static let maxKeyLength = 60
    /// Atlas' limit for tag values (`NameValueLengthRule`).
    static let maxValueLength = 120

    /// Whether `byte` is one of the ASCII characters `-._A-Za-z0-9~^`.
    @inline(__always)
    static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"), UInt8(ascii: "^"):
            return true
        default:
            return false
        }
    }

    /// `text` with each disallowed scalar replaced by `_`, cut to `maxLength` scalars.
    ///
    /// Returns `text` itself (no copy) when it is already valid, which is the common case.
    static func sanitize(_ text: String, maxLength: Int) -> String {
        if text.utf8.count <= maxLength && text.utf8.allSatisfy(isAllowed) {
            return text
        }
        var result = ""
        result.reserveCapacity(min(text.utf8.count, maxLength))
        for scalar in text.unicodeScalars.prefix(maxLength) {
            if scalar.isASCII && isAllowed(UInt8(scalar.value)) {
                result.unicodeScalars.append(scalar)
            } else {
                result.append("_")
            }
        }
        return result
    }
}
