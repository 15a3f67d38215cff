/// Byte-wise comparison, for the lookup's keys and the formats' tag keys.
@usableFromInline
enum Bytes {
    /// Whether `left` and `right` hold the same bytes, compared eight at a time.
    @inlinable @inline(__always)
    static func equal(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        let count = left.count
        guard count == right.count else { return false }
        guard count > 0 else { return true }
        guard let left = left.baseAddress, let right = right.baseAddress else { return false }
        if count >= 8 {
            var offset = 0
            while offset &+ 8 < count {
                guard
                    left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                        == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                else { return false }
                offset &+= 8
            }
            // The last eight bytes, overlapping the previous word when the count is not a multiple of 8.
            return left.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
                == right.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        var offset = 0
        while offset < count {
            guard
                left.load(fromByteOffset: offset, as: UInt8.self) == right.load(fromByteOffset: offset, as: UInt8.self)
            else { return false }
            offset &+= 1
        }
        return true
    }
}

extension StaticString {
    /// The string's UTF-8, which lives as long as the program.
    var utf8Bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}

extension String {
    /// A small string's bytes as two words, as ``LookupHash`` takes a part of at most 15 bytes: bytes
    /// 0–7 in memory order, then bytes 8–14 with the count in the top byte (zeros after the last
    /// byte); `nil` for any other string, and on platforms where the words are laid out otherwise.
    ///
    /// Literals, interpolations and `String(200)` of up to 15 bytes are small: stored in the string
    /// itself, not on the heap. Reading their bytes this way costs a few register operations; `utf8`
    /// copies them to the stack first. In the stable layout of `String` on 64-bit platforms, a small
    /// string's second word holds its flags in the top four bits (bit 61 marks a small string) and its
    /// count in the next four, and its unused bytes are zero, so equal small strings have equal words.
    @inlinable @inline(__always)
    var smallWords: (low: UInt64, high: UInt64)? {
        #if _pointerBitWidth(_64) && _endian(little)
        let (first, second) = unsafeBitCast(self, to: (UInt64, UInt64).self)
        return second & (1 << 61) != 0 ? (first, second & 0x0FFF_FFFF_FFFF_FFFF) : nil
        #else
        return nil
        #endif
    }
}
