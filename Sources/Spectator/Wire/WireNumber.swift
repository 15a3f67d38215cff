/// Prints numbers the way every wire format here wants them: integers without a decimal point,
/// everything else as the shortest decimal that round-trips (never `%f`-style truncation).
enum WireNumber {
    /// Integral values below 2⁵³ (``Double/exactIntegerLimit``) in magnitude print as integers;
    /// others use `Double.description`
    /// (`0.042`, `1e-07`, `1.8446744073709552e+19`), which `strtod` and JSON parsers read back exactly.
    @inline(__always)
    static func append(_ value: Double, to buffer: ByteWriter) {
        if let digit = singleDigit(value) { return buffer.append(digit) }
        appendAny(value, to: buffer)
    }

    /// The one ASCII digit that prints `value`, a whole number from 0 to 9 as many values of a step
    /// are; `nil` for any other value.
    @inline(__always)
    static func singleDigit(_ value: Double) -> UInt8? {
        guard value >= 0, value < 10 else { return nil }
        let digit = UInt8(value)
        return Double(digit) == value ? UInt8(ascii: "0") &+ digit : nil
    }

    /// Any finite value, out of line.
    private static func appendAny(_ value: Double, to buffer: ByteWriter) {
        if value.magnitude < .exactIntegerLimit, value.rounded(.towardZero) == value {
            if value >= 0 {
                appendUnsigned(UInt64(value), to: buffer)
            } else {
                appendInteger(Int64(value), to: buffer)
            }
        } else {
            buffer.append(value.description)
        }
    }

    static func appendInteger(_ value: Int64, to buffer: ByteWriter) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        appendUnsigned(value.magnitude, to: buffer)
    }

    @inline(__always)
    static func appendUnsigned(_ value: UInt64, to buffer: ByteWriter) {
        // One digit, as many counts of a step are: no division, no call.
        guard value >= 10 else { return buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value)) }
        appendDigits(value, to: buffer)
    }

    /// Two or more digits.
    private static func appendDigits(_ value: UInt64, to buffer: ByteWriter) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits &+= 1
            rest /= 10
        }
        buffer.append(count: digits) { bytes in
            var rest = value
            for index in stride(from: digits - 1, through: 0, by: -1) {
                bytes[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
        }
    }
}
