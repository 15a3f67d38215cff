/// A fast seeded hash over the wire bytes of a name and its tags, for the registry's warm path.
///
/// `Hasher` (SipHash) costs more than the rest of a lookup together; this hashes eight bytes per
/// multiply. It is only used to find a candidate slot: the lookup compares the strings themselves
/// before it trusts a match. The seed is random per process, so crafted tag values cannot aim for
/// collisions.
@usableFromInline
enum LookupHash {
    @usableFromInline static let seed = UInt64.random(in: .min ... .max)
    @usableFromInline static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The hash of `bytes`: a spelling's wire form, `name,key=value,...`. A caller on a hot path
    /// passes ``seed`` read once beforehand: reading the global costs a check that it is initialised.
    @inlinable @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = seed) -> UInt64 {
        fold(combine(seed, bytes), 0x2545_F491_4F6C_DD1D)
    }

    @inlinable @inline(__always)
    static func fold(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let product = (state ^ word).multipliedFullWidth(by: multiplier)
        return product.high ^ product.low
    }

    @inlinable @inline(__always)
    static func combine(_ state: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state = fold(state, UInt64(truncatingIfNeeded: bytes.count) &* multiplier)
        let count = bytes.count
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                state = fold(state, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            // The last eight bytes, overlapping the previous word when the length is not a multiple of 8.
            return fold(state, bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        if count >= 4 {
            let low = UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let high = UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return fold(state, low << 32 | high)
        }
        if count > 0 {
            let first = UInt64(bytes[0])
            let middle = UInt64(bytes[count / 2])
            let last = UInt64(bytes[count - 1])
            return fold(state, first << 16 | middle << 8 | last)
        }
        return state
    }
}
