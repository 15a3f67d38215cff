/// Prints numbers the way every wire format here wants them: integers without a decimal point,
/// everything else as the shortest decimal that round-trips (never `%f`-style truncation).
enum WireNumber {
    /// Integral values below 2⁵³ (``Double/exactIntegerLimit``) in magnitude print as integers;
    /// others use `Double.description`
    /// (`0.042`, `1e-07`, `1.8446744073709552e+19`), which `strtod` and JSON parsers read back exactly.
    static func append(_ value: Double, to buffer: ByteWriter) {
        if value.magnitude < .exactIntegerLimit, value.rounded(.towardZero) == value {
            appendInteger(Int64(value), to: buffer)
        } else {
            buffer.append(value.description)
        }
    }

    static func appendInteger(_ value: Int64, to buffer: ByteWriter) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        appendUnsigned(value.magnitude, to: buffer)
    }

    static func appendUnsigned(_ value: UInt64, to buffer: ByteWriter) {
        var magnitude = value
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) {
                buffer.append(digits[index])
            }
        }
    }
}
