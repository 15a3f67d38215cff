/// Byte-wise comparison, for the lookup's spellings and the encoders' tag keys.
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
