/// Appends JSON tokens to a byte buffer.
enum JSONWriter {
    /// Appends `text` as a JSON string: quoted, with `"`, `\` and control characters escaped.
    static func appendString(_ text: String, to buffer: ByteWriter) {
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(#"\""#)
            case UInt8(ascii: "\\"): buffer.append(#"\\"#)
            case UInt8(ascii: "\n"): buffer.append(#"\n"#)
            case UInt8(ascii: "\r"): buffer.append(#"\r"#)
            case UInt8(ascii: "\t"): buffer.append(#"\t"#)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(#"\u00"#)
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0xF)])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends `"key":"value"` without escaping: for the names, keys and values of sanitised ids,
    /// which only hold `-._A-Za-z0-9~^`.
    static func appendSanitizedMember(
        _ key: UnsafeRawBufferPointer,
        _ value: UnsafeRawBufferPointer,
        to buffer: ByteWriter
    ) {
        buffer.append(UInt8(ascii: "\""))
        buffer.append(key)
        buffer.append(#"":""#)
        buffer.append(value)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends `"key":"value"`.
    static func appendMember(_ key: String, _ value: String, to buffer: ByteWriter) {
        appendString(key, to: buffer)
        buffer.append(UInt8(ascii: ":"))
        appendString(value, to: buffer)
    }

    /// Appends a JSON object of string members, in the order given.
    static func appendObject(_ members: [Tag], to buffer: ByteWriter) {
        buffer.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            appendMember(member.key, member.value, to: buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }
}
