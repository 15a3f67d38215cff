/// A growable byte buffer for the formats: appends are a bounds check and a `memcpy`.
///
/// `Array<UInt8>.append(contentsOf:)` costs ~90 instructions a call (uniqueness and capacity checks,
/// generic slow paths); a format appends a dozen pieces per measurement. A writer is used by one
/// thread at a time, so its fields skip the runtime's exclusivity checks, which would otherwise cost
/// a `swift_beginAccess` call per append.
final class ByteWriter {
    @exclusivity(unchecked) private var storage: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(16, capacity)
        storage = .allocate(byteCount: self.capacity, alignment: 1)
    }

    deinit {
        storage.deallocate()
    }

    /// The bytes written so far.
    var bytes: [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: storage, count: count))
    }

    /// Calls `body` with the bytes written so far, without copying them.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    /// Forgets the bytes written, keeping the memory.
    func removeAll() {
        count = 0
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        storage.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count &+= 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (storage + count).copyMemory(from: source, byteCount: bytes.count)
        count &+= bytes.count
    }

    /// Appends what `body` puts through a ``ByteCursor``: at most `maxCount` bytes, for which one
    /// capacity check is made up front instead of one per piece.
    @inline(__always)
    func append(atMost maxCount: Int, _ body: (inout ByteCursor) -> Void) {
        if count &+ maxCount > capacity { grow(to: count &+ maxCount) }
        var cursor = ByteCursor(position: storage + count)
        body(&cursor)
        count = cursor.position - storage
    }

    /// Appends `count` bytes that `body` writes in place.
    @inline(__always)
    func append(count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) {
        if self.count + count > capacity { grow(to: self.count + count) }
        body(UnsafeMutableRawBufferPointer(start: storage + self.count, count: count))
        self.count += count
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    func append(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0)) }
        if copied == nil { Array(text.utf8).withUnsafeBytes { append($0) } }
    }

    /// Appends what `other` holds.
    func append(_ other: ByteWriter) {
        append(UnsafeRawBufferPointer(start: other.storage, count: other.count))
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 1)
        newStorage.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }
}

/// Where the next byte goes, in room a ``ByteWriter`` made with `append(atMost:_:)`: a put is a store
/// and an increment, with no capacity check.
struct ByteCursor {
    fileprivate(set) var position: UnsafeMutableRawPointer

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        position.storeBytes(of: byte, as: UInt8.self)
        position += 1
    }

    @inline(__always)
    mutating func put(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        position.copyMemory(from: source, byteCount: bytes.count)
        position += bytes.count
    }

    @inline(__always)
    mutating func put(_ text: StaticString) {
        put(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The UTF-8 bytes of `text` (a tag table's string: native, so read in place).
    @inline(__always)
    mutating func put(native text: String) {
        var text = text
        text.withUTF8 { put(UnsafeRawBufferPointer($0)) }
    }
}

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
