/// A fast seeded hash of an id's parts — its name, then each tag's key and value in key order — for
/// the registry's warm path.
///
/// `Hasher` (SipHash) costs more than the rest of a lookup together; this takes one multiply for a
/// part of at most 15 bytes, and one per eight bytes of a longer part. A part of up to 15 bytes is
/// hashed as two words (see ``Swift/String/smallWords``), which a small string hands over without its
/// bytes being copied, and which are read from any other string's bytes alike. The hash is only used
/// to find a candidate slot: the lookup compares the bytes themselves before it trusts a match. The
/// seed is random per process, so crafted tag values cannot aim for collisions.
@usableFromInline
enum LookupHash {
    @usableFromInline static let seed = UInt64.random(in: .min ... .max)
    @usableFromInline static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The hash of the parts of `wire` (`name,key=value,...`): the name takes `lengths[0]` bytes,
    /// then each further length is that of the next key or value, after its `,` or `=`.
    @usableFromInline
    static func hash(wire: UnsafeRawBufferPointer, lengths: UnsafeBufferPointer<Int>, seed: UInt64 = seed) -> UInt64 {
        var state = seed
        var start = 0
        for length in lengths {
            state = part(state, UnsafeRawBufferPointer(rebasing: wire[start..<(start + length)]))
            start += length + 1
        }
        return finish(state)
    }

    /// The hash, once every part is folded into `state`.
    @inlinable @inline(__always)
    static func finish(_ state: UInt64) -> UInt64 {
        fold(state, 0x2545_F491_4F6C_DD1D)
    }

    /// Folds a part of at most 15 bytes, as ``Swift/String/smallWords`` gives it, into `state`.
    @inlinable @inline(__always)
    static func part(_ state: UInt64, low: UInt64, high: UInt64) -> UInt64 {
        let product = (state ^ low).multipliedFullWidth(by: high ^ multiplier)
        return product.high ^ product.low
    }

    /// Folds the part `bytes` into `state`.
    @inlinable @inline(__always)
    static func part(_ state: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard bytes.count > 15 else {
            let (low, high) = words(bytes)
            return part(state, low: low, high: high)
        }
        return combine(state, bytes)
    }

    /// Folds the string `value` into `state`: a small string's two words without a copy (see
    /// ``Swift/String/smallWords``), any other string's bytes as ``part(_:_:)`` folds them.
    @inlinable @inline(__always)
    static func part(_ state: UInt64, string value: String) -> UInt64 {
        if let (low, high) = value.smallWords {
            return part(state, low: low, high: high)
        }
        var copy = value
        return copy.withUTF8 { part(state, UnsafeRawBufferPointer($0)) }
    }

    /// A part of at most 15 bytes as ``part(_:low:high:)`` takes it.
    @inlinable
    static func words(_ bytes: UnsafeRawBufferPointer) -> (low: UInt64, high: UInt64) {
        var words: (low: UInt64, high: UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: bytes) }
        return (words.low, words.high | UInt64(bytes.count) << 56)
    }

    @inlinable @inline(__always)
    static func fold(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let product = (state ^ word).multipliedFullWidth(by: multiplier)
        return product.high ^ product.low
    }

    /// Folds a part of more than 15 bytes into `state`, eight bytes at a time.
    @inlinable @inline(__always)
    static func combine(_ state: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var state = fold(state, UInt64(truncatingIfNeeded: count) &* multiplier)
        var offset = 0
        while offset &+ 8 < count {
            state = fold(state, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset &+= 8
        }
        // The last eight bytes, overlapping the previous word when the count is not a multiple of 8.
        return fold(state, bytes.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
    }
}
